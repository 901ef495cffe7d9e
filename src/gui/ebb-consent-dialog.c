/* ebb-consent-dialog.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-consent-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-consent-dialog.h"
#include "ebb-front-desk.h"

/**
 * EbbConsentDialog:
 *
 * Records one consent of a client as structured data: what it is about,
 * whether the client agrees or refuses, how it was given, the version of
 * the consent text the client was given and an optional note. The answer
 * starts unchosen, so nobody records a refusal or an agreement by default.
 * "Record" (`consent.record`) goes through ebb_front_desk_record_consent()
 * as the console's operator, so the core checks the role, stamps who and
 * when, and writes the audit entry; its refusal is shown in the dialog.
 * Emits #EbbConsentDialog::recorded and closes on success.
 */
struct _EbbConsentDialog
{
  AdwWindow           parent_instance;

  /* template widgets */
  AdwPreferencesGroup *group;
  AdwComboRow         *topic_row;
  GtkToggleButton     *agrees_button;
  GtkToggleButton     *refuses_button;
  AdwComboRow         *method_row;
  AdwEntryRow         *version_row;
  AdwEntryRow         *note_row;
  GtkLabel            *error_label;

  /* owned */
  EbbOperatorSession  *session;
  GPtrArray           *consents;      /* the client's, to suggest the text version */

  /* state */
  gint64               client_id;
};

G_DEFINE_FINAL_TYPE (EbbConsentDialog, ebb_consent_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The topic rows in the order of the combo row; the store keeps the ids. */
static const char *topic_ids[] = { "treatment", "data-processing" };

/* The method rows in the order of the combo row. */
static const EbbConsentMethod methods[] = {
  EBB_CONSENT_METHOD_SIGNED_PAPER, EBB_CONSENT_METHOD_VERBAL, EBB_CONSENT_METHOD_TABLET,
};

static const char *
selected_topic (EbbConsentDialog *self)
{
  guint position = adw_combo_row_get_selected (self->topic_row);

  return position < G_N_ELEMENTS (topic_ids) ? topic_ids[position] : NULL;
}

static void
show_error (EbbConsentDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* A renewal is usually of the text the client was last given on the same
 * topic; the operator changes it when the form was a newer one. */
static void
topic_changed_cb (EbbConsentDialog *self)
{
  const char *topic = selected_topic (self);
  const char *version = "";

  for (guint i = 0; self->consents != NULL && i < self->consents->len; i++)
    {
      const EbbConsent *consent = g_ptr_array_index (self->consents, i);

      if (g_strcmp0 (consent->topic, topic) == 0)
        version = consent->policy_version;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->version_row), version);
}

static void
answer_toggled_cb (EbbConsentDialog *self)
{
  show_error (self, NULL);
}

static void
input_changed_cb (EbbConsentDialog *self)
{
  show_error (self, NULL);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbbConsentDialog *self = EBB_CONSENT_DIALOG (widget);
  g_autoptr(EbbConsent) consent = ebb_consent_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  const char *note;
  guint method;
  gint64 id;

  if (!gtk_toggle_button_get_active (self->agrees_button) &&
      !gtk_toggle_button_get_active (self->refuses_button))
    {
      show_error (self, _("Choose whether the client agrees or refuses."));
      return;
    }

  version = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->version_row))));
  note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  method = adw_combo_row_get_selected (self->method_row);

  consent->client_id = self->client_id;
  consent->topic = g_strdup (selected_topic (self));
  consent->policy_version = g_steal_pointer (&version);
  consent->granted = gtk_toggle_button_get_active (self->agrees_button);
  consent->method = method < G_N_ELEMENTS (methods) ? methods[method] : EBB_CONSENT_METHOD_SIGNED_PAPER;
  consent->note = *note != '\0' ? g_strdup (note) : NULL;

  id = ebb_front_desk_record_consent (self->session, consent, &error);
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[RECORDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ebb_consent_dialog_dispose (GObject *object)
{
  EbbConsentDialog *self = EBB_CONSENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_CONSENT_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ebb_consent_dialog_parent_class)->dispose (object);
}

static void
ebb_consent_dialog_finalize (GObject *object)
{
  EbbConsentDialog *self = EBB_CONSENT_DIALOG (object);

  g_clear_pointer (&self->consents, g_ptr_array_unref);

  G_OBJECT_CLASS (ebb_consent_dialog_parent_class)->finalize (object);
}

static void
ebb_consent_dialog_class_init (EbbConsentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_consent_dialog_dispose;
  object_class->finalize = ebb_consent_dialog_finalize;

  /**
   * EbbConsentDialog::recorded:
   * @self: the dialog
   * @consent_id: the new consent's id
   *
   * The core recorded the consent.
   */
  signals[RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "consent.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, group);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, topic_row);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, agrees_button);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, refuses_button);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, EbbConsentDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, topic_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, answer_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
}

static void
ebb_consent_dialog_init (EbbConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ebb_consent_dialog_new:
 * @session: the console's operator session, who records the consent
 * @client_id: the client whose consent it is
 * @consents: (nullable) (element-type EbbConsent): the client's consents
 *   as shown, to suggest the version of the consent text
 *
 * Returns: (transfer full): a new dialog; present it transient for the
 *   console's window
 */
EbbConsentDialog *
ebb_consent_dialog_new (EbbOperatorSession *session,
                        gint64              client_id,
                        GPtrArray          *consents)
{
  EbbConsentDialog *self;
  const EbbOperator *op;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (session), NULL);

  self = g_object_new (EBB_TYPE_CONSENT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->client_id = client_id;
  self->consents = consents != NULL ? g_ptr_array_ref (consents) : NULL;
  topic_changed_cb (self);

  op = ebb_operator_session_get_operator (session);
  if (op != NULL)
    {
      /* Translators: %s is the operator's name */
      g_autofree char *by = g_strdup_printf (_("Recorded now by %s."), op->display_name);

      adw_preferences_group_set_description (self->group, by);
    }

  return self;
}

/**
 * ebb_consent_dialog_get_error:
 * @self: the dialog
 *
 * Returns: (nullable): the refusal shown, if any
 */
const char *
ebb_consent_dialog_get_error (EbbConsentDialog *self)
{
  g_return_val_if_fail (EBB_IS_CONSENT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}
