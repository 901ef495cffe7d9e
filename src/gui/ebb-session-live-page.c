/* ebb-session-live-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-live-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-dialogs.h"
#include "ebb-emergency-keys.h"
#include "ebb-environment.h"
#include "ebb-profile.h"
#include "ebb-session-live-page.h"
#include "ebb-units.h"

/* The live session, read from across the room: the measured pressure in
 * large tabular figures, the phase with its countdown, the cycle and the
 * time, the graph and the alarm banner. The emergency stop is a large red
 * button that never asks; Stop asks first. Samples go to the graph as they
 * arrive; one timer drives both the graph's redraws and the readouts, so
 * that one frame shows both (see refresh_cb()). */

struct _EbbSessionLivePage
{
  AdwBin               parent_instance;

  /* template widgets */
  EbbAlarmBanner      *banner;
  GtkLabel            *client_label;
  GtkLabel            *notes_label;
  GtkLabel            *pressure_label;
  GtkLabel            *unit_label;
  GtkLabel            *setpoint_label;
  GtkLabel            *phase_label;
  GtkLabel            *cycle_label;
  GtkLabel            *time_label;
  GtkProgressBar      *progress;
  EbbPressureGraph    *graph;
  GtkDropDown         *window_dropdown;
  GtkButton           *pause_button;
  GtkButton           *stop_button;
  GtkMenuButton       *symptom_button;
  GtkButton           *estop_button;

  /* owned */
  EbbSession          *session;
  EbbDevice           *device;
  EbbProfile          *profile;
  char                *operator_name;

  /* state */
  EbbPressureUnit      unit;
  guint                refresh_id;
  guint                beats_since_refresh;
  gulong               telemetry_id;
  gulong               alarm_id;
  gulong               state_id;
  gint32               last_target_pa;
  char                *a11y_pressure;   /* the pressure as last told to AT */
  gboolean             locked;
  gboolean             controls_enabled;
};

G_DEFINE_FINAL_TYPE (EbbSessionLivePage, ebb_session_live_page, ADW_TYPE_BIN)

/* The graph windows offered, in seconds; 0 is the whole session. */
static const guint window_choices[] = { 30, 120, 600, 0 };

static char *
format_minutes (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", s / 60, (int) (s % 60));
}

static EbbAlarmBannerPriority
banner_priority (EbbAlarmPriority priority)
{
  switch (priority)
    {
    case EBB_ALARM_PRIORITY_HIGH:
      return EBB_ALARM_BANNER_PRIORITY_HIGH;
    case EBB_ALARM_PRIORITY_MEDIUM:
      return EBB_ALARM_BANNER_PRIORITY_MEDIUM;
    case EBB_ALARM_PRIORITY_LOW:
    default:
      return EBB_ALARM_BANNER_PRIORITY_LOW;
    }
}

/* The banner shows exactly what the supervisor signals; it is rebuilt from
 * the supervisor on every alarm event, so it can never drift. */
static void
sync_banner (EbbSessionLivePage *self)
{
  EbbSafetySupervisor *supervisor = ebb_session_get_supervisor (self->session);
  g_autoptr(GPtrArray) signalled = ebb_safety_supervisor_list_signalled (supervisor);
  gboolean shown[EBB_ALARM_N_KINDS] = { FALSE };
  gint64 pause_us;

  for (guint i = 0; i < signalled->len; i++)
    {
      EbbAlarm *alarm = g_ptr_array_index (signalled, i);
      EbbAlarmKind kind = ebb_alarm_get_kind (alarm);
      g_autofree char *text = g_strdup_printf ("%s. %s", ebb_alarm_kind_title (kind),
                                               ebb_alarm_kind_action (kind));

      shown[kind] = TRUE;
      ebb_alarm_banner_set_alarm (self->banner, kind, banner_priority (ebb_alarm_get_priority (alarm)),
                                  text, ebb_alarm_get_acknowledged (alarm));
    }
  for (guint kind = 1; kind < EBB_ALARM_N_KINDS; kind++)
    if (!shown[kind])
      ebb_alarm_banner_remove_alarm (self->banner, kind);

  pause_us = ebb_safety_supervisor_get_audio_pause_remaining_us (supervisor);
  ebb_alarm_banner_set_audio_paused_until (self->banner, pause_us > 0 ? g_get_monotonic_time () + pause_us : 0);
}

static void
alarm_event_cb (EbbSafetySupervisor *supervisor,
                EbbAlarmEvent       *event,
                EbbSessionLivePage  *self)
{
  sync_banner (self);
}

static void
telemetry_cb (EbbDevice             *device,
              const EbbEcpTelemetry *samples,
              guint                  n_samples,
              EbbSessionLivePage    *self)
{
  g_autofree EbbPressureGraphSample *points = NULL;
  gint64 now = g_get_monotonic_time ();
  EbbSessionPhase phase;

  if (n_samples == 0)
    return;

  phase = ebb_session_get_phase (self->session);
  points = g_new (EbbPressureGraphSample, n_samples);
  for (guint i = 0; i < n_samples; i++)
    {
      /* A batch arrives at once; the device clock spaces it out. */
      points[i].t_us = now - (gint64) (samples[n_samples - 1].device_ms - samples[i].device_ms) * 1000;
      points[i].pa = samples[i].pressure_pa;
      points[i].target_pa = samples[i].target_pa;
      points[i].phase = phase == EBB_SESSION_PHASE_VACUUM ? EBB_PRESSURE_GRAPH_PHASE_VACUUM
                        : phase == EBB_SESSION_PHASE_RELEASE ? EBB_PRESSURE_GRAPH_PHASE_RELEASE
                        : EBB_PRESSURE_GRAPH_PHASE_NONE;
    }
  self->last_target_pa = samples[n_samples - 1].target_pa;
  ebb_pressure_graph_append (self->graph, points, n_samples);
}

/* Pause, stop and symptoms act on a session that runs or is paused, for
 * an operator at an unlocked console. Actions, so their buttons and menu
 * items follow; changed only when the answer changes, since the readouts
 * refresh several times a second. */
static void
update_controls (EbbSessionLivePage *self,
                 gboolean            active)
{
  gboolean enabled = active && !self->locked;

  if (self->controls_enabled == enabled)
    return;

  self->controls_enabled = enabled;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.pause-resume", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.stop", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.symptom", enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->symptom_button), enabled);
}

/**
 * ebb_session_live_page_refresh:
 * @self: the page
 *
 * Updates the readouts from the session; the page does this every
 * EBB_SESSION_LIVE_REFRESH_MS by itself.
 */
void
ebb_session_live_page_refresh (EbbSessionLivePage *self)
{
  EbbSessionState state;
  EbbSessionPhase phase;
  g_autofree char *pressure = NULL;
  g_autofree char *setpoint_value = NULL;
  g_autofree char *setpoint = NULL;
  g_autofree char *phase_text = NULL;
  g_autofree char *cycle = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *times = NULL;
  g_autofree char *accessible = NULL;
  gint64 elapsed_us, remaining_us;
  gboolean pressure_changed;

  g_return_if_fail (EBB_IS_SESSION_LIVE_PAGE (self));

  if (self->session == NULL)
    return;

  self->beats_since_refresh = 0;
  state = ebb_session_get_state (self->session);
  phase = ebb_session_get_phase (self->session);
  pressure = ebb_units_format_value (ebb_session_get_pressure_pa (self->session), self->unit);
  /* A label's new text replaces its accessible label, so both go
   * together. */
  pressure_changed = g_strcmp0 (gtk_label_get_text (self->pressure_label), pressure) != 0;
  gtk_label_set_text (self->pressure_label, pressure);
  /* Translators: %s is the measured pressure with its unit */
  accessible = g_strdup_printf (_("Chamber pressure %s %s"), pressure, ebb_units_symbol (self->unit));
  /* Assistive technology hears a readout when it changes, at the readout
   * rate at most, never per sample. The setpoint, phase countdown and
   * cycle labels carry their values in their own text. */
  if (pressure_changed || g_strcmp0 (accessible, self->a11y_pressure) != 0)
    {
      g_free (self->a11y_pressure);
      self->a11y_pressure = g_steal_pointer (&accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pressure_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->a11y_pressure, -1);
    }

  setpoint_value = ebb_units_format (self->last_target_pa, self->unit);
  /* Translators: %s is a pressure with its unit */
  setpoint = g_strdup_printf (_("Setpoint %s"), setpoint_value);
  gtk_label_set_text (self->setpoint_label, setpoint);

  if (state == EBB_SESSION_STATE_RUNNING || state == EBB_SESSION_STATE_PAUSED)
    {
      g_autofree char *left = format_minutes (ebb_session_get_phase_remaining_us (self->session) + G_USEC_PER_SEC - 1);

      /* Translators: phase name (Vacuum, Release) and the time left in it, m:ss */
      phase_text = g_strdup_printf (_("%s · %s left"), ebb_session_phase_label (phase), left);
      if (state == EBB_SESSION_STATE_PAUSED)
        {
          g_free (phase_text);
          /* Translators: the session is paused; %s is the phase */
          phase_text = g_strdup_printf (_("Paused (%s)"), ebb_session_phase_label (phase));
        }
    }
  else
    {
      phase_text = g_strdup (ebb_session_state_label (state));
    }
  gtk_label_set_text (self->phase_label, phase_text);

  /* Translators: cycle number and the number of cycles */
  cycle = g_strdup_printf (_("Cycle %u of %u"), MAX (ebb_session_get_cycle (self->session), 1),
                           ebb_profile_get_n_cycles (self->profile));
  gtk_label_set_text (self->cycle_label, cycle);

  elapsed_us = ebb_session_get_elapsed_us (self->session);
  remaining_us = ebb_session_get_remaining_us (self->session);
  elapsed = format_minutes (elapsed_us);
  remaining = format_minutes (remaining_us + G_USEC_PER_SEC - 1);
  /* Translators: elapsed and remaining time, m:ss */
  times = g_strdup_printf (_("%s elapsed · %s remaining"), elapsed, remaining);
  gtk_label_set_text (self->time_label, times);
  if (elapsed_us + remaining_us > 0)
    gtk_progress_bar_set_fraction (self->progress, (double) elapsed_us / (double) (elapsed_us + remaining_us));
  /* The bar's value in words, as the label beside it reads; after the
   * fraction, which clears it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, times, -1);

  gtk_button_set_label (self->pause_button, state == EBB_SESSION_STATE_PAUSED ? _("_Resume") : _("_Pause"));
  update_controls (self, state == EBB_SESSION_STATE_RUNNING || state == EBB_SESSION_STATE_PAUSED);
}

/* Every frame that changes a pixel costs a repaint of the whole window
 * with the GL renderer on a software rasteriser, whatever changed; so the
 * readouts change in the frames the graph draws anyway (when it scrolls),
 * at most every EBB_SESSION_LIVE_REFRESH_MS, and on their own only when
 * the graph has not drawn for twice that. */
static gboolean
refresh_cb (gpointer data)
{
  EbbSessionLivePage *self = data;
  guint beats = EBB_SESSION_LIVE_REFRESH_MS / EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS;
  gboolean drawn = ebb_pressure_graph_refresh (self->graph);

  self->beats_since_refresh++;
  if ((drawn && self->beats_since_refresh >= beats) || self->beats_since_refresh >= 2 * beats)
    ebb_session_live_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

/* A dialog is a window of its own, outside the main window's bindings:
 * Escape and F12 stay the emergency stop there too, before the dialog's
 * own Escape (cancel) sees them. */
static GtkWidget *
session_dialog_new (EbbSessionLivePage *self,
                    const char         *heading,
                    const char         *body)
{
  GtkWidget *dialog = adw_message_dialog_new (ebb_dialogs_parent_window (GTK_WIDGET (self)),
                                              heading, body);

  ebb_emergency_keys_close_on_stop (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_error (EbbSessionLivePage *self,
            const GError       *error)
{
  GtkWidget *dialog = ebb_dialogs_message_new (GTK_WIDGET (self), _("Not possible now"), error->message);

  ebb_emergency_keys_close_on_stop (GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The banner's acknowledge and audio pause go through the session (which
 * checks the operator) to the supervisor, which records them with the
 * operator; the banner then shows its state. */
static void
banner_acknowledge_cb (EbbAlarmBanner     *banner,
                       guint               id,
                       EbbSessionLivePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session != NULL &&
      !ebb_session_acknowledge_alarm (self->session, id, self->operator_name, &error))
    {
      g_signal_stop_emission_by_name (banner, "acknowledge");
      show_error (self, error);
      sync_banner (self);
    }
}

static void
banner_audio_pause_cb (EbbAlarmBanner     *banner,
                       EbbSessionLivePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session != NULL &&
      !ebb_session_pause_alarm_audio (self->session, self->operator_name, &error))
    {
      g_signal_stop_emission_by_name (banner, "audio-pause");
      show_error (self, error);
    }
}

static void
pause_resume_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EbbSessionLivePage *self = EBB_SESSION_LIVE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->session == NULL)
    return;
  if (ebb_session_get_state (self->session) == EBB_SESSION_STATE_PAUSED)
    ok = ebb_session_resume (self->session, &error);
  else
    ok = ebb_session_pause (self->session, &error);
  if (!ok)
    show_error (self, error);
  ebb_session_live_page_refresh (self);
}

static void
stop_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  EbbSessionLivePage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "stop") == 0 && self->session != NULL &&
      !ebb_session_is_finished (self->session) && !ebb_session_stop (self->session, &error))
    show_error (self, error);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EbbSessionLivePage *self = EBB_SESSION_LIVE_PAGE (widget);
  GtkWidget *dialog;

  dialog = session_dialog_new (self, _("Stop the session?"),
                               _("The chamber vents and the session ends as stopped."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Continue Session"),
                                    "stop", _("_Stop Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (stop_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* No dialog, no confirmation: architecture safety principle 4. */
static void
emergency_stop_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EbbSessionLivePage *self = EBB_SESSION_LIVE_PAGE (widget);

  if (self->session != NULL)
    ebb_session_emergency_stop (self->session);
}

static void
symptom_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     EbbSessionLivePage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->session == NULL || ebb_session_is_finished (self->session))
    return;
  if (g_strcmp0 (response, "end") == 0)
    ok = ebb_session_stop (self->session, &error);
  else if (g_strcmp0 (response, "resume") == 0)
    ok = ebb_session_resume (self->session, &error);
  if (!ok)
    show_error (self, error);
}

static void
symptom_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EbbSessionLivePage *self = EBB_SESSION_LIVE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  if (!ebb_session_report_symptom (self->session, g_variant_get_int32 (parameter), NULL, &error))
    {
      show_error (self, error);
      return;
    }

  dialog = session_dialog_new (self, _("Chamber vented, session paused"),
                               _("The symptom is recorded. Look after the client, then end the session "
                                 "or resume it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "end", _("_End Session"),
                                    "resume", _("_Resume"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "end");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "pause");
  g_signal_connect_object (dialog, "response", G_CALLBACK (symptom_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  ebb_session_live_page_refresh (self);
}

static void
window_selected_cb (EbbSessionLivePage *self)
{
  guint i = gtk_drop_down_get_selected (self->window_dropdown);
  guint seconds;

  if (i >= G_N_ELEMENTS (window_choices))
    return;
  seconds = window_choices[i];
  if (seconds == 0)
    seconds = self->profile != NULL ? ebb_profile_get_duration_s (self->profile) + 60 : 3600;
  ebb_pressure_graph_set_window_seconds (self->graph, seconds);
}

static void
ebb_session_live_page_dispose (GObject *object)
{
  EbbSessionLivePage *self = EBB_SESSION_LIVE_PAGE (object);

  ebb_session_live_page_detach (self);
  g_clear_pointer (&self->a11y_pressure, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_SESSION_LIVE_PAGE);

  G_OBJECT_CLASS (ebb_session_live_page_parent_class)->dispose (object);
}

static void
ebb_session_live_page_class_init (EbbSessionLivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_session_live_page_dispose;

  g_type_ensure (EBB_TYPE_ALARM_BANNER);
  g_type_ensure (EBB_TYPE_PRESSURE_GRAPH);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-session-live-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, banner);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, client_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, pressure_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, setpoint_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, phase_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, cycle_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, time_label);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, progress);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, graph);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, symptom_button);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionLivePage, estop_button);
  gtk_widget_class_bind_template_callback (widget_class, banner_acknowledge_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_audio_pause_cb);
  gtk_widget_class_bind_template_callback (widget_class, window_selected_cb);

  gtk_widget_class_install_action (widget_class, "live.pause-resume", NULL, pause_resume_action);
  gtk_widget_class_install_action (widget_class, "live.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "live.emergency-stop", NULL, emergency_stop_action);
  gtk_widget_class_install_action (widget_class, "live.symptom", "i", symptom_action);
  gtk_widget_class_set_css_name (widget_class, "sessionlivepage");
}

static void
ebb_session_live_page_init (EbbSessionLivePage *self)
{
  self->unit = EBB_PRESSURE_UNIT_MMHG;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Nothing to pause or stop until a session is attached. */
  self->controls_enabled = TRUE;
  update_controls (self, FALSE);
}

GtkWidget *
ebb_session_live_page_new (void)
{
  return g_object_new (EBB_TYPE_SESSION_LIVE_PAGE, NULL);
}

/**
 * ebb_session_live_page_attach:
 * @self: the page
 * @session: the session, started
 * @device: its chamber, for the samples
 * @profile: the profile it runs
 * @client_name: the client's name
 * @notes_text: (nullable): the screening's NOTE items
 * @operator_name: who acknowledges alarms here
 * @settings: the application settings (unit, graph window, clinic limit)
 *
 * Shows @session until ebb_session_live_page_detach().
 */
void
ebb_session_live_page_attach (EbbSessionLivePage *self,
                              EbbSession         *session,
                              EbbDevice          *device,
                              EbbProfile         *profile,
                              const char         *client_name,
                              const char         *notes_text,
                              const char         *operator_name,
                              GSettings          *settings)
{
  g_autofree char *widest = NULL;
  guint window_s;
  guint choice = 1;

  g_return_if_fail (EBB_IS_SESSION_LIVE_PAGE (self));
  g_return_if_fail (EBB_IS_SESSION (session));
  g_return_if_fail (EBB_IS_DEVICE (device));
  g_return_if_fail (EBB_IS_PROFILE (profile));

  ebb_session_live_page_detach (self);
  self->session = g_object_ref (session);
  self->device = g_object_ref (device);
  self->profile = g_object_ref (profile);
  self->operator_name = g_strdup (operator_name);

  self->unit = ebb_environment_pressure_unit (settings);
  gtk_label_set_text (self->unit_label, ebb_units_symbol (self->unit));
  /* As wide as the widest reading in the unit (twice the chamber's floor
   * of −10666 Pa, beyond any over-vacuum), so "−1" and "−15" take the
   * same room and the graph beside the readouts never shifts. */
  widest = ebb_units_format_value (-2 * 10666, self->unit);
  gtk_label_set_width_chars (self->pressure_label, g_utf8_strlen (widest, -1));
  gtk_label_set_text (self->client_label, client_name);
  gtk_label_set_text (self->notes_label, notes_text != NULL ? notes_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes_text != NULL);

  /* A fixed scale reaching just below the level and the clinic limit, so
   * the trace never makes it jump and both lines show. */
  ebb_pressure_graph_clear (self->graph);
  ebb_pressure_graph_set_unit (self->graph, self->unit);
  ebb_pressure_graph_set_therapy (self->graph, ebb_profile_get_level_pa (profile),
                                  ebb_profile_get_clinic_limit (settings));
  ebb_pressure_graph_set_live (self->graph, TRUE);
  ebb_pressure_graph_set_external_refresh (self->graph, TRUE);

  window_s = g_settings_get_uint (settings, "graph-window-seconds");
  for (guint i = 0; i < G_N_ELEMENTS (window_choices); i++)
    if (window_choices[i] == window_s)
      choice = i;
  gtk_drop_down_set_selected (self->window_dropdown, choice);
  window_selected_cb (self);

  ebb_alarm_banner_clear (self->banner);
  self->telemetry_id = g_signal_connect (device, "telemetry", G_CALLBACK (telemetry_cb), self);
  self->alarm_id = g_signal_connect (ebb_session_get_supervisor (session), "alarm-event",
                                     G_CALLBACK (alarm_event_cb), self);
  self->state_id = g_signal_connect_swapped (session, "state-changed",
                                             G_CALLBACK (ebb_session_live_page_refresh), self);
  self->refresh_id = g_timeout_add (EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS, refresh_cb, self);
  sync_banner (self);
  ebb_session_live_page_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->estop_button));
}

/**
 * ebb_session_live_page_detach:
 * @self: the page
 *
 * Stops following the session; the graph keeps what it showed.
 */
void
ebb_session_live_page_detach (EbbSessionLivePage *self)
{
  g_return_if_fail (EBB_IS_SESSION_LIVE_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->device != NULL)
    g_clear_signal_handler (&self->telemetry_id, self->device);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->alarm_id, ebb_session_get_supervisor (self->session));
      g_clear_signal_handler (&self->state_id, self->session);
    }
  if (self->graph != NULL)
    {
      ebb_pressure_graph_set_live (self->graph, FALSE);
      ebb_pressure_graph_set_external_refresh (self->graph, FALSE);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->device);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->operator_name, g_free);
}

EbbPressureGraph *
ebb_session_live_page_get_graph (EbbSessionLivePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_LIVE_PAGE (self), NULL);

  return self->graph;
}

EbbAlarmBanner *
ebb_session_live_page_get_banner (EbbSessionLivePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_LIVE_PAGE (self), NULL);

  return self->banner;
}

const char *
ebb_session_live_page_get_pressure_text (EbbSessionLivePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_LIVE_PAGE (self), NULL);

  return gtk_label_get_text (self->pressure_label);
}

/**
 * ebb_session_live_page_set_locked:
 * @self: the page
 * @locked: whether the console is locked
 *
 * A lock never stops the session: the page keeps following it (readouts,
 * graph, alarms with their sound) and the emergency stop stays enabled,
 * while pause, stop and symptoms (hidden, their actions disabled), the
 * graph window and the alarms' acknowledge and audio pause wait for an
 * operator to unlock.
 */
void
ebb_session_live_page_set_locked (EbbSessionLivePage *self,
                                  gboolean            locked)
{
  g_return_if_fail (EBB_IS_SESSION_LIVE_PAGE (self));

  self->locked = !!locked;
  if (self->session == NULL || self->locked)
    update_controls (self, FALSE);
  /* Behind the lock only the emergency stop is there to press; the others
   * step aside, which also leaves the lock panel room beside the page
   * without widening the window. */
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), !self->locked);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), !self->locked);
  gtk_widget_set_visible (GTK_WIDGET (self->symptom_button), !self->locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->window_dropdown), !self->locked);
  ebb_alarm_banner_set_locked (self->banner, self->locked);
  ebb_session_live_page_refresh (self);
}

gboolean
ebb_session_live_page_get_locked (EbbSessionLivePage *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_LIVE_PAGE (self), FALSE);

  return self->locked;
}

/**
 * ebb_session_live_page_set_operator_name:
 * @self: the page
 * @operator_name: (nullable): who works at the console now
 *
 * After a switch of operator the alarms are acknowledged in the name of
 * the operator who unlocked, not of the one who started the session.
 */
void
ebb_session_live_page_set_operator_name (EbbSessionLivePage *self,
                                         const char         *operator_name)
{
  g_return_if_fail (EBB_IS_SESSION_LIVE_PAGE (self));

  if (self->session == NULL)
    return;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
}
