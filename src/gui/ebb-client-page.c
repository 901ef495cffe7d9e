/* ebb-client-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-client-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-client-page.h"
#include "ebb-consent-dialog.h"
#include "ebb-dialogs.h"
#include "ebb-front-desk.h"
#include "ebb-screening-state.h"
#include "ebb-screening-visit.h"

/**
 * EbbClientPage:
 *
 * One client: details, screening status, consents and session history.
 * Its buttons carry the actions `client.screen`, `client.start-session`,
 * `client.export-history` and `client.edit`, and each session row
 * `client.open-report`, all with the client's (or session's) id as an
 * int64 target. The window installs the "client" action group that
 * performs them; without it the buttons stay insensitive.
 *
 * The page performs its own `client-page.*` actions through the core as
 * the console's operator: `record-consent` (the #EbbConsentDialog),
 * `withdraw-consent` (target: the consent id) and `report-change`, the
 * client's report at a visit that something in their health has changed
 * since the screening, after which the session gate refuses until the
 * client is screened again. Refusals are shown in a dialog with the
 * core's message.
 */
struct _EbbClientPage
{
  EbbSessionBin       parent_instance;

  /* template widgets */
  GtkLabel           *name_label;
  GtkLabel           *details_label;
  GtkButton          *screen_button;
  GtkButton          *start_button;
  GtkButton          *export_button;
  GtkButton          *edit_button;
  AdwActionRow       *screening_row;
  GtkImage           *screening_icon;
  GtkButton          *report_change_button;
  GtkButton          *screen_again_button;
  GtkListBox         *consents_list;
  GtkListBox         *sessions_list;

  /* state */
  gint64              client_id;
  char               *screened_day;  /* of the latest screening; NULL: none */
  GPtrArray          *consents;      /* as listed */
};

G_DEFINE_FINAL_TYPE (EbbClientPage, ebb_client_page, EBB_TYPE_SESSION_BIN)

enum
{
  SCREENING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_day (gint64 time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  return g_date_time_format (when, "%Y-%m-%d");
}

static char *
format_minute (gint64 time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  /* The placeholder is not a child the list box iterates over. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_details (EbbClientPage   *self,
              const EbbClient *client)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;

  if (client->given_name != NULL && *client->given_name != '\0')
    name = g_strdup_printf ("%s %s", client->given_name, client->family_name);
  else
    name = g_strdup (client->family_name);
  gtk_label_set_label (self->name_label, name);

  if (client->date_of_birth != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("born %s"), client->date_of_birth));
  if (client->external_id != NULL)
    /* Translators: %s is the clinic's own client number */
    g_ptr_array_add (parts, g_strdup_printf (_("client number %s"), client->external_id));
  if (client->phone != NULL)
    g_ptr_array_add (parts, g_strdup (client->phone));
  if (client->email != NULL)
    g_ptr_array_add (parts, g_strdup (client->email));
  if (client->archived)
    g_ptr_array_add (parts, g_strdup (_("archived")));
  g_ptr_array_add (parts, NULL);

  details = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->details_label, details);
}

/* The latest screening as a status line: what the front desk needs to
 * know before a session (architecture safety principle 3). */
static void
show_screening (EbbClientPage *self,
                GPtrArray     *screenings)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  const EbbStoredScreening *latest = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;
  const char *icon = "dialog-warning-symbolic";
  gint64 now = ebb_operator_session_now (session);

  for (guint i = 0; i < screenings->len; i++)
    {
      const EbbStoredScreening *record = g_ptr_array_index (screenings, i);

      if (latest == NULL || record->screened_us > latest->screened_us)
        latest = record;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->screening_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->screening_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->screening_icon), "error");
  g_clear_pointer (&self->screened_day, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->report_change_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->screen_again_button), FALSE);

  if (latest == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->screening_row),
                                     _("Not screened yet"));
      adw_action_row_set_subtitle (self->screening_row,
                                   _("Screen the client before the first session."));
      gtk_image_set_from_icon_name (self->screening_icon, "dialog-information-symbolic");
      return;
    }

  if (latest->valid_until_us != 0 && latest->valid_until_us < now)
    {
      g_autofree char *until = format_day (latest->valid_until_us);

      title = _("Screening expired");
      /* Translators: %s is a date */
      subtitle = g_strdup_printf (_("Expired on %s. Screen the client again."), until);
      gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->screen_again_button), TRUE);
    }
  else if (latest->changed_by != 0)
    {
      title = _("Client reported a change in their health");
      subtitle = ebb_stored_screening_describe_change (latest);
      gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->screen_again_button), TRUE);
    }
  else
    {
      if (g_strcmp0 (latest->outcome, "clear") == 0)
        {
          title = _("No contraindication found");
          icon = "emblem-ok-symbolic";
          gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "success");
        }
      else if (g_strcmp0 (latest->outcome, "note") == 0)
        {
          title = _("Proceed, with a note for the session");
          icon = "emblem-ok-symbolic";
          gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "success");
        }
      else if (g_strcmp0 (latest->outcome, "refer") == 0 && latest->cleared_by != 0)
        {
          title = _("Cleared by a clinician");
          icon = "emblem-ok-symbolic";
          gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "success");
        }
      else if (g_strcmp0 (latest->outcome, "refer") == 0)
        {
          title = _("Needs a clinician’s clearance before a session");
          gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "warning");
        }
      else if (g_strcmp0 (latest->outcome, "exclude") == 0)
        {
          title = _("Excluded: no session today");
          icon = "dialog-error-symbolic";
          gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "error");
        }
      else
        {
          title = _("Screening incomplete");
          gtk_widget_add_css_class (GTK_WIDGET (self->screening_icon), "warning");
        }

      subtitle = ebb_stored_screening_describe_dates (latest);
      self->screened_day = format_day (latest->screened_us);
      /* A change matters while a session could still follow this screening. */
      gtk_widget_set_visible (GTK_WIDGET (self->report_change_button),
                              g_strcmp0 (latest->outcome, "exclude") != 0);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->screening_row), title);
  adw_action_row_set_subtitle (self->screening_row, subtitle);
  gtk_image_set_from_icon_name (self->screening_icon, icon);
}

static const char *
consent_method_label (EbbConsentMethod method)
{
  switch (method)
    {
    case EBB_CONSENT_METHOD_SIGNED_PAPER:
      return _("signed on paper");
    case EBB_CONSENT_METHOD_VERBAL:
      return _("given verbally");
    case EBB_CONSENT_METHOD_TABLET:
      return _("signed on the tablet");
    default:
      return "";
    }
}

/* The consent topics the console records; others are shown as stored. */
static const char *
consent_topic_label (const char *topic)
{
  if (g_strcmp0 (topic, "treatment") == 0)
    return _("Treatment");
  if (g_strcmp0 (topic, "data-processing") == 0)
    return _("Data processing");

  return topic;
}

static GtkWidget *
create_consent_row (const EbbConsent *consent)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = format_day (consent->recorded_us);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_strdup_printf (consent->granted
                           /* Translators: %s is what was agreed, such as "treatment" */
                           ? _("%s: agreed")
                           /* Translators: %s is what was refused, such as "treatment" */
                           : _("%s: refused"),
                           consent_topic_label (consent->topic));

  if (consent->withdrawn_us != 0)
    {
      g_autofree char *withdrawn = format_day (consent->withdrawn_us);

      /* Translators: a method such as "signed on paper", then dates and a text version */
      subtitle = g_strdup_printf (_("%s on %s, text version %s; withdrawn on %s"),
                                  consent_method_label (consent->method), day,
                                  consent->policy_version, withdrawn);
    }
  else
    {
      subtitle = g_strdup_printf (_("%s on %s, text version %s"),
                                  consent_method_label (consent->method), day,
                                  consent->policy_version);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Only a consent in force can be withdrawn; a refusal is renewed by
   * recording the client's agreement. */
  if (consent->granted && consent->withdrawn_us == 0)
    {
      GtkWidget *withdraw = gtk_button_new_with_mnemonic (_("_Withdraw…"));

      gtk_widget_set_valign (withdraw, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (withdraw, _("Record that the client withdraws this consent"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (withdraw), "client-page.withdraw-consent");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (withdraw),
                                              g_variant_new_int64 (consent->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), withdraw);
    }
  return row;
}

static const char *
end_state_label (EbbSessionEndState state)
{
  switch (state)
    {
    case EBB_SESSION_RUNNING:
      return _("running");
    case EBB_SESSION_COMPLETED:
      return _("completed");
    case EBB_SESSION_STOPPED:
      return _("stopped by the operator");
    case EBB_SESSION_ABORTED:
      return _("ended by an alarm");
    case EBB_SESSION_INTERRUPTED:
      return _("interrupted");
    default:
      return "";
    }
}

static GtkWidget *
create_session_row (const EbbSessionRecord *session)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *report;
  g_autofree char *started = format_minute (session->started_us);
  g_autofree char *subtitle = NULL;

  if (session->ended_us > session->started_us)
    {
      gint64 minutes = (session->ended_us - session->started_us + 30 * G_USEC_PER_SEC) /
                       G_TIME_SPAN_MINUTE;

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d minute",
                                               "%s, %d minutes", minutes),
                                  end_state_label (session->end_state), (int) minutes);
    }
  else
    {
      subtitle = g_strdup (end_state_label (session->end_state));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), started);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  report = gtk_button_new_with_label (_("Report"));
  gtk_widget_set_valign (report, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (report, _("Open the session’s report"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (report), "client.open-report");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (report),
                                          g_variant_new_int64 (session->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), report);
  return row;
}

/* Reads what the page's own actions change, without opening the client's
 * record again (which the audit trail would count as another view). */
static gboolean
refresh_records (EbbClientPage  *self,
                 GError        **error)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) screenings = NULL;

  consents = ebb_front_desk_list_consents (session, self->client_id, error);
  if (consents == NULL)
    return FALSE;
  screenings = ebb_front_desk_list_screenings (session, self->client_id, error);
  if (screenings == NULL)
    return FALSE;

  show_screening (self, screenings);

  clear_list (self->consents_list);
  for (guint i = 0; i < consents->len; i++)
    gtk_list_box_append (self->consents_list, create_consent_row (g_ptr_array_index (consents, i)));
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  self->consents = g_steal_pointer (&consents);

  return TRUE;
}

/* The core's refusal, in words, where the operator is looking. */
static void
show_refusal (EbbClientPage *self,
              const char    *heading,
              const GError  *error)
{
  ebb_dialogs_show_message (GTK_WIDGET (self), heading, error->message);
}

static void
refresh_or_refuse (EbbClientPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!refresh_records (self, &error))
    show_refusal (self, _("The client’s record could not be read"), error);
}

static void
record_consent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EbbClientPage *self = EBB_CLIENT_PAGE (widget);
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  EbbConsentDialog *dialog;

  if (session == NULL || self->client_id == 0)
    return;

  dialog = ebb_consent_dialog_new (session, self->client_id, self->consents);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), ebb_dialogs_parent_window (GTK_WIDGET (self)));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (refresh_or_refuse), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Asks before a record that cannot be undone; @response_cb gets
 * (dialog, response id, self) and acts on @response only. */
static GtkWidget *
ask (EbbClientPage *self,
     const char    *heading,
     const char    *body,
     const char    *response,
     const char    *response_label,
     GCallback      response_cb)
{
  GtkWidget *dialog = adw_message_dialog_new (ebb_dialogs_parent_window (GTK_WIDGET (self)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  return dialog;
}

static void
withdraw_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EbbClientPage    *self)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  gint64 consent_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "consent-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "withdraw") || session == NULL)
    return;

  if (!ebb_front_desk_withdraw_consent (session, self->client_id, consent_id, &error))
    show_refusal (self, _("The withdrawal was not recorded"), error);
  else
    refresh_or_refuse (self);
}

static void
withdraw_consent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EbbClientPage *self = EBB_CLIENT_PAGE (widget);
  GtkWidget *dialog;

  dialog = ask (self, _("Withdraw the Consent?"),
                _("The consent stops being in force now. Its record stays "
                  "in the client’s history with the withdrawal."),
                "withdraw", _("_Withdraw"), G_CALLBACK (withdraw_response_cb));
  g_object_set_data (G_OBJECT (dialog), "consent-id",
                     GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_change_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           EbbClientPage    *self)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  GtkWidget *note = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "report") || session == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (note))));
  if (!ebb_screening_visit_report_change (session, self->client_id, text, &error))
    {
      show_refusal (self, _("The change was not recorded"), error);
      return;
    }
  refresh_or_refuse (self);
  g_signal_emit (self, signals[SCREENING_CHANGED], 0, self->client_id);
}

static void
report_change_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EbbClientPage *self = EBB_CLIENT_PAGE (widget);
  GtkWidget *dialog, *note;
  g_autofree char *body = NULL;

  /* Translators: %s is the date of the client's latest screening */
  body = g_strdup_printf (_("Something in the client’s health has changed since the screening "
                            "on %s. No session can start until the client is screened again."),
                          self->screened_day != NULL ? self->screened_day : "");
  dialog = ask (self, _("The Client Reports a Change"), body,
                "report", _("_Record Change"), G_CALLBACK (report_change_response_cb));

  note = gtk_entry_new ();
  gtk_widget_set_name (note, "change-note");
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("What changed (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What changed"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), note);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "report");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_targets (EbbClientPage *self)
{
  GtkButton *buttons[] = {
    self->screen_button, self->start_button, self->export_button, self->edit_button,
    self->screen_again_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (buttons[i]),
                                            g_variant_new_int64 (self->client_id));
}

static void
ebb_client_page_dispose (GObject *object)
{
  EbbClientPage *self = (EbbClientPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_CLIENT_PAGE);

  G_OBJECT_CLASS (ebb_client_page_parent_class)->dispose (object);
}

static void
ebb_client_page_finalize (GObject *object)
{
  EbbClientPage *self = (EbbClientPage *) object;

  g_free (self->screened_day);
  g_clear_pointer (&self->consents, g_ptr_array_unref);

  G_OBJECT_CLASS (ebb_client_page_parent_class)->finalize (object);
}

static void
ebb_client_page_class_init (EbbClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_client_page_dispose;
  object_class->finalize = ebb_client_page_finalize;

  /**
   * EbbClientPage::screening-changed:
   * @client_id: the client
   *
   * The page recorded something that changes whether the client's
   * screening lets a session start (a change the client reported).
   */
  signals[SCREENING_CHANGED] = g_signal_new ("screening-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "client-page.record-consent", NULL,
                                   record_consent_action);
  gtk_widget_class_install_action (widget_class, "client-page.withdraw-consent", "x",
                                   withdraw_consent_action);
  gtk_widget_class_install_action (widget_class, "client-page.report-change", NULL,
                                   report_change_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-client-page.ui");
  gtk_widget_class_set_css_name (widget_class, "clientpage");
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, screen_button);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, screening_row);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, screening_icon);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, report_change_button);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, screen_again_button);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, consents_list);
  gtk_widget_class_bind_template_child (widget_class, EbbClientPage, sessions_list);
}

static void
ebb_client_page_init (EbbClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_targets (self);
}

/**
 * ebb_client_page_new:
 * @session: (nullable): the console's operator session
 *
 * Returns: (transfer floating): a new, empty client page
 */
GtkWidget *
ebb_client_page_new (EbbOperatorSession *session)
{
  return g_object_new (EBB_TYPE_CLIENT_PAGE, "session", session, NULL);
}

/**
 * ebb_client_page_load:
 * @self: a client page
 * @client_id: the client to show
 * @error: return location for a #GError (permission or store)
 *
 * Opens the client's record, which the audit trail records as
 * `client.view`, and fills the page.
 *
 * Returns: %TRUE if the page shows the client
 */
gboolean
ebb_client_page_load (EbbClientPage  *self,
                      gint64          client_id,
                      GError        **error)
{
  EbbOperatorSession *session = ebb_session_bin_get_session (EBB_SESSION_BIN (self));
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (EBB_IS_CLIENT_PAGE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  client = ebb_front_desk_view_client (session, client_id, error);
  if (client == NULL)
    return FALSE;

  sessions = ebb_front_desk_list_sessions (session, client_id, error);
  if (sessions == NULL)
    return FALSE;

  self->client_id = client_id;
  if (!refresh_records (self, error))
    return FALSE;
  set_targets (self);
  show_details (self, client);

  clear_list (self->sessions_list);
  for (guint i = 0; i < sessions->len; i++)
    gtk_list_box_append (self->sessions_list, create_session_row (g_ptr_array_index (sessions, i)));

  return TRUE;
}

/**
 * ebb_client_page_get_client_id:
 * @self: a client page
 *
 * Returns: the client shown; 0 before ebb_client_page_load()
 */
gint64
ebb_client_page_get_client_id (EbbClientPage *self)
{
  g_return_val_if_fail (EBB_IS_CLIENT_PAGE (self), 0);

  return self->client_id;
}

/**
 * ebb_client_page_get_screening_status:
 * @self: a client page
 *
 * Returns: the screening status line shown
 */
const char *
ebb_client_page_get_screening_status (EbbClientPage *self)
{
  g_return_val_if_fail (EBB_IS_CLIENT_PAGE (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->screening_row));
}
