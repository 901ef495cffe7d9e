/* ebb-session-summary-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-summary-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-dialogs.h"
#include "ebb-duration.h"
#include "ebb-environment.h"
#include "ebb-pressure-graph.h"
#include "ebb-report-load.h"
#include "ebb-report-window.h"
#include "ebb-session-summary-page.h"
#include "ebb-vitals-row.h"

/* The end of every session, aborted ones included: how and why it ended
 * in words, duration, cycles, time at level and the alarms; the whole
 * session's pressure graph, read back from the store, to review; the
 * technician's notes and vitals after, saved to the session record; and
 * the report to save or print. */

struct _EbbSessionSummaryPage
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkImage           *status_icon;
  GtkLabel           *title_label;
  GtkLabel           *reason_label;
  AdwActionRow       *duration_row;
  AdwActionRow       *cycles_row;
  AdwActionRow       *level_row;
  AdwExpanderRow     *alarms_row;
  AdwPreferencesGroup *graph_group;
  EbbPressureGraph   *graph;
  GtkTextView        *notes_view;
  EbbVitalsRow       *vitals_row;
  GtkLabel           *saved_label;

  /* owned */
  GList              *alarm_rows;
  EbbOperatorSession *ctx;
  GSettings          *settings;
  gint64              record_id;
  EbbReportData      *data;       /* the record as the page shows it; nullable */
  char               *title;
  char               *reason;
};

G_DEFINE_FINAL_TYPE (EbbSessionSummaryPage, ebb_session_summary_page, ADW_TYPE_BIN)

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ebb_session_summary_describe_end:
 * @state: the end state
 * @reason: (nullable): the runner's end reason
 *
 * Returns: (transfer full): why the session ended, in the operator's words
 */
char *
ebb_session_summary_describe_end (EbbSessionState  state,
                                  const char      *reason)
{
  EbbAlarmKind kind = ebb_alarm_kind_from_id (reason);
  char *text;

  /* On screen, an alarm's end also says what to check before opening. */
  if (kind != 0)
    /* Translators: %s is an alarm's title */
    return g_strdup_printf (_("Aborted by the alarm “%s”. Check that the chamber is at atmosphere "
                              "before opening it."),
                            ebb_alarm_kind_title (kind));

  /* The session module's words, the same the printed report uses. */
  text = ebb_session_translate_end_reason (reason, NULL, NULL);
  if (text != NULL)
    return text;

  if (state == EBB_SESSION_STATE_INTERRUPTED)
    return g_strdup (_("The console stopped during the session."));
  /* Translators: %s is the recorded end reason */
  return g_strdup_printf (_("Ended: %s"), reason != NULL ? reason : "—");
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  adw_action_row_set_subtitle (row, value);
}

/* The session as the store recorded it, with the profile's level and the
 * clinic limit as lines; hidden when nothing was recorded. */
static void
show_graph (EbbSessionSummaryPage *self,
            EbbReportData         *data,
            GSettings             *settings)
{
  gboolean recorded = data != NULL && data->samples->len > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->graph_group), recorded);
  if (!recorded)
    {
      ebb_pressure_graph_clear (self->graph);
      return;
    }

  ebb_pressure_graph_set_unit (self->graph, ebb_environment_pressure_unit (settings));
  ebb_pressure_graph_set_therapy (self->graph, data->level_pa, ebb_profile_get_clinic_limit (settings));
  ebb_pressure_graph_show_recording (self->graph, (const EbbEcpTelemetry *) data->samples->data,
                                     data->samples->len);
}

static char *
get_notes (EbbSessionSummaryPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * ebb_session_summary_page_save:
 * @self: the page
 * @error: return location for a store error
 *
 * Saves the notes and the vitals after the session to its record.
 *
 * Returns: %TRUE if saved
 */
gboolean
ebb_session_summary_page_save (EbbSessionSummaryPage  *self,
                               GError                **error)
{
  EbbStore *store;
  g_autofree char *notes = NULL;
  EbbVitals vitals = { 0 };

  g_return_val_if_fail (EBB_IS_SESSION_SUMMARY_PAGE (self), FALSE);

  if (self->ctx == NULL || self->record_id <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The session has no record to save to."));
      return FALSE;
    }
  store = ebb_operator_session_get_store (self->ctx);
  notes = get_notes (self);
  if (!ebb_store_session_set_notes (store, self->record_id, notes, error))
    return FALSE;

  ebb_vitals_row_get_vitals (self->vitals_row, &vitals);
  if (vitals.recorded && !ebb_store_session_set_vitals (store, self->record_id, TRUE, &vitals, error))
    return FALSE;

  /* The report is made from the record the page loaded when it was shown,
   * kept up to date here rather than read (samples and all) again. */
  if (self->data != NULL)
    {
      g_free (self->data->technician_notes);
      self->data->technician_notes = g_steal_pointer (&notes);
      if (vitals.recorded)
        self->data->vitals_after = (EbbReportVitals) { TRUE, vitals.bp_systolic, vitals.bp_diastolic,
                                                       vitals.heart_rate };
    }

  return TRUE;
}

static void
save_clicked_cb (EbbSessionSummaryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (ebb_session_summary_page_save (self, &error))
    {
      gtk_label_set_text (self->saved_label, _("Notes and vitals saved."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
    }
  else
    {
      gtk_label_set_text (self->saved_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
    }
}

static void
report_clicked_cb (EbbSessionSummaryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbReportOptions) options = NULL;
  g_autofree char *name = NULL;
  EbbReportWindow *window;

  if (self->ctx == NULL || self->record_id <= 0)
    return;

  /* The report includes the notes and vitals as typed so far. */
  ebb_session_summary_page_save (self, NULL);
  window = ebb_report_window_new (ebb_dialogs_parent_window (GTK_WIDGET (self)));
  ebb_report_window_set_audit (window, self->ctx, self->record_id);
  name = g_strdup_printf ("session-%" G_GINT64_FORMAT ".pdf", self->record_id);
  ebb_report_window_set_suggested_name (window, name);

  /* Read again only if it could not be read when the page was shown. */
  if (self->data == NULL)
    self->data = ebb_report_data_load (ebb_operator_session_get_store (self->ctx), self->record_id, &error);
  options = ebb_report_options_new_from_settings (self->settings);
  if (self->data != NULL)
    {
      ebb_report_data_apply_settings (self->data, self->settings);
      ebb_report_window_show_session (window, self->data, options);
    }
  else
    {
      g_warning ("Loading session %" G_GINT64_FORMAT " for its report: %s", self->record_id, error->message);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
done_clicked_cb (EbbSessionSummaryPage *self)
{
  ebb_session_summary_page_save (self, NULL);
  g_signal_emit (self, signals[DONE], 0);
}

static void
ebb_session_summary_page_dispose (GObject *object)
{
  EbbSessionSummaryPage *self = EBB_SESSION_SUMMARY_PAGE (object);

  g_clear_object (&self->ctx);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->alarm_rows, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_SESSION_SUMMARY_PAGE);

  G_OBJECT_CLASS (ebb_session_summary_page_parent_class)->dispose (object);
}

static void
ebb_session_summary_page_finalize (GObject *object)
{
  EbbSessionSummaryPage *self = EBB_SESSION_SUMMARY_PAGE (object);

  g_clear_pointer (&self->data, ebb_report_data_free);
  g_free (self->title);
  g_free (self->reason);

  G_OBJECT_CLASS (ebb_session_summary_page_parent_class)->finalize (object);
}

static void
ebb_session_summary_page_class_init (EbbSessionSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_session_summary_page_dispose;
  object_class->finalize = ebb_session_summary_page_finalize;

  /**
   * EbbSessionSummaryPage::done:
   *
   * The operator closed the summary; notes and vitals are saved.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (EBB_TYPE_PRESSURE_GRAPH);
  g_type_ensure (EBB_TYPE_VITALS_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-session-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, duration_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, cycles_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, level_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, alarms_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, graph_group);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, graph);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, vitals_row);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionSummaryPage, saved_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "sessionsummarypage");
}

static void
ebb_session_summary_page_init (EbbSessionSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ebb_session_summary_page_new (void)
{
  return g_object_new (EBB_TYPE_SESSION_SUMMARY_PAGE, NULL);
}

/**
 * ebb_session_summary_page_show:
 * @self: the page
 * @ctx: the operator and the store
 * @settings: the application settings
 * @session: the finished session
 * @client_name: the client's name
 * @alarms: (element-type utf8): the alarms raised, as lines of text
 *
 * Shows the end of @session.
 */
void
ebb_session_summary_page_show (EbbSessionSummaryPage *self,
                               EbbOperatorSession    *ctx,
                               GSettings             *settings,
                               EbbSession            *session,
                               const char            *client_name,
                               GPtrArray             *alarms)
{
  EbbSessionState state;
  EbbReportData *data;
  g_autofree char *duration = NULL;
  g_autofree char *cycles = NULL;
  g_autofree char *at_level = NULL;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;
  EbbReportStats stats = { 0 };

  g_return_if_fail (EBB_IS_SESSION_SUMMARY_PAGE (self));
  g_return_if_fail (EBB_IS_SESSION (session));

  g_set_object (&self->ctx, ctx);
  g_set_object (&self->settings, settings);
  self->record_id = ebb_session_get_record_id (session);
  state = ebb_session_get_state (session);

  g_free (self->title);
  /* Translators: the end state, e.g. "Session completed", "Session aborted" */
  self->title = g_strdup_printf (_("Session %s"), ebb_session_state_label (state));
  if (state == EBB_SESSION_STATE_COMPLETED)
    {
      g_free (self->title);
      self->title = g_strdup (_("Session completed"));
    }
  else if (state == EBB_SESSION_STATE_STOPPED)
    {
      g_free (self->title);
      self->title = g_strdup (_("Session stopped"));
    }
  else if (state == EBB_SESSION_STATE_ABORTED)
    {
      g_free (self->title);
      self->title = g_strdup (_("Session aborted"));
    }
  g_free (self->reason);
  self->reason = ebb_session_summary_describe_end (state, ebb_session_get_end_reason (session));
  description = g_strdup_printf ("%s\n%s", client_name != NULL ? client_name : "", self->reason);
  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->reason_label, description);
  gtk_image_set_from_icon_name (self->status_icon,
                                state == EBB_SESSION_STATE_COMPLETED ? "emblem-ok-symbolic"
                                : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon),
                            state == EBB_SESSION_STATE_COMPLETED ? "success"
                            : state == EBB_SESSION_STATE_STOPPED ? "warning" : "error");

  duration = ebb_duration_format (ebb_session_get_elapsed_us (session) / 1000);
  set_row (self->duration_row, duration);

  g_clear_pointer (&self->data, ebb_report_data_free);
  if (ctx != NULL && self->record_id > 0)
    self->data = ebb_report_data_load (ebb_operator_session_get_store (ctx), self->record_id, NULL);
  data = self->data;
  if (data != NULL)
    {
      ebb_report_data_compute_stats (data, &stats);
      /* Translators: completed and planned cycles */
      cycles = g_strdup_printf (_("%u of %u"), stats.cycles_completed, stats.cycles_planned);
      at_level = ebb_duration_format (stats.at_level_ms);
    }
  else
    {
      cycles = g_strdup_printf ("%u", ebb_session_get_cycle (session));
      at_level = g_strdup ("—");
    }
  set_row (self->cycles_row, cycles);
  set_row (self->level_row, at_level);
  show_graph (self, data, settings);

  for (GList *l = self->alarm_rows; l != NULL; l = l->next)
    adw_expander_row_remove (self->alarms_row, l->data);
  g_clear_pointer (&self->alarm_rows, g_list_free);
  count = alarms != NULL && alarms->len > 0
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alarm", "%u alarms", alarms->len), alarms->len)
          : g_strdup (_("None"));
  adw_expander_row_set_subtitle (self->alarms_row, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->alarms_row), alarms != NULL && alarms->len > 0);
  for (guint i = 0; alarms != NULL && i < alarms->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (alarms, i));
      adw_expander_row_add_row (self->alarms_row, row);
      self->alarm_rows = g_list_prepend (self->alarm_rows, row);
    }
  adw_expander_row_set_expanded (self->alarms_row, alarms != NULL && alarms->len > 0);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", -1);
  ebb_vitals_row_reset (self->vitals_row);
  gtk_label_set_text (self->saved_label, "");
}

const char *
ebb_session_summary_page_get_title (EbbSessionSummaryPage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_SUMMARY_PAGE (self), NULL);

  return self->title;
}

const char *
ebb_session_summary_page_get_reason (EbbSessionSummaryPage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_SUMMARY_PAGE (self), NULL);

  return self->reason;
}

/**
 * ebb_session_summary_page_get_cycles:
 * @self: a summary page
 *
 * Returns: (nullable): the cycles as the page shows them, e.g. "2 of 2"
 */
const char *
ebb_session_summary_page_get_cycles (EbbSessionSummaryPage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_SUMMARY_PAGE (self), NULL);

  return adw_action_row_get_subtitle (self->cycles_row);
}

/**
 * ebb_session_summary_page_get_graph:
 * @self: the page
 *
 * Returns: (transfer none): the graph of the whole session
 */
EbbPressureGraph *
ebb_session_summary_page_get_graph (EbbSessionSummaryPage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_SUMMARY_PAGE (self), NULL);

  return self->graph;
}
