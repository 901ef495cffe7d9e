/* ebb-session-view.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-application.h"
#include "ebb-chamber-device.h"
#include "ebb-dialogs.h"
#include "ebb-session-gate.h"
#include "ebb-session-view.h"
#include "ebb-store-recorder.h"

/* One session from preparation to its summary: prepare → live → summary.
 * The view owns the EbbSession (and its chamber adapter) for the session's
 * lifetime and registers it as the application's active session while it
 * runs, so the emergency stop reaches it from every window and screen.
 *
 * Before Start the view keeps a candidate session, rebuilt when the profile
 * or the chamber changes, so the prepare page asks the runner's own gates
 * (ebb_session_check) rather than repeating them. */

struct _EbbSessionView
{
  AdwBin                 parent_instance;

  /* template widgets */
  GtkStack              *stack;
  EbbSessionPreparePage *prepare_page;
  EbbSessionLivePage    *live_page;
  EbbSessionSummaryPage *summary_page;

  /* owned */
  EbbOperatorSession    *ctx;
  EbbDeviceManager      *manager;
  GSettings             *settings;
  gint64                 client_id;
  EbbChamber            *chamber;
  EbbChamberDevice      *device;
  EbbSession            *session;      /* candidate before Start, then the session */
  gboolean               started;
  GPtrArray             *alarms;       /* lines for the summary */
  gulong                 chamber_id;
  gulong                 state_id;
  gulong                 alarm_id;
};

G_DEFINE_FINAL_TYPE (EbbSessionView, ebb_session_view, ADW_TYPE_BIN)

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static EbbApplication *
get_application (EbbSessionView *self)
{
  GtkWindow *window = ebb_dialogs_parent_window (GTK_WIDGET (self));
  GtkApplication *app = window != NULL ? gtk_window_get_application (window) : NULL;

  return EBB_IS_APPLICATION (app) ? EBB_APPLICATION (app) : NULL;
}

static void
set_rate (EbbSessionView *self,
          guint           rate_hz)
{
  if (self->chamber != NULL && ebb_chamber_get_connected (self->chamber))
    ebb_chamber_stream_async (self->chamber, MIN (rate_hz, ebb_chamber_get_max_rate_hz (self->chamber)),
                              NULL, NULL, NULL);
}

static void
clear_session (EbbSessionView *self)
{
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->state_id, self->session);
      g_clear_signal_handler (&self->alarm_id, ebb_session_get_supervisor (self->session));
    }
  g_clear_object (&self->session);
  self->started = FALSE;
}

/* The candidate session the Start button would start: the runner with the
 * chosen profile on the connected chamber, recorded into the store. */
static void
rebuild_candidate (EbbSessionView *self)
{
  EbbChamber *chamber;
  EbbProfile *profile;
  gint64 profile_id = 0;
  g_autoptr(EbbStoreRecorder) recorder = NULL;
  g_autoptr(EbbClock) clock = NULL;
  g_autofree char *client = NULL;
  const EbbOperator *op;

  if (self->started || self->ctx == NULL)
    return;

  clear_session (self);
  chamber = self->manager != NULL && ebb_device_manager_get_state (self->manager) == EBB_DEVICE_STATE_CONNECTED
            ? ebb_device_manager_get_chamber (self->manager) : NULL;
  if (chamber != self->chamber)
    {
      g_clear_object (&self->device);
      g_set_object (&self->chamber, chamber);
      if (chamber != NULL)
        self->device = ebb_chamber_device_new (chamber);
    }

  profile = ebb_session_prepare_page_get_profile (self->prepare_page, &profile_id);
  if (profile == NULL || self->device == NULL)
    {
      ebb_session_prepare_page_set_session (self->prepare_page, NULL,
                                            self->device != NULL ? EBB_DEVICE (self->device) : NULL);
      return;
    }

  op = ebb_operator_session_get_operator (self->ctx);
  recorder = ebb_store_recorder_new (ebb_operator_session_get_store (self->ctx), self->client_id,
                                     ebb_operator_session_get_operator_id (self->ctx),
                                     ebb_session_prepare_page_get_screening_id (self->prepare_page), profile_id,
                                     ebb_chamber_get_model (chamber), ebb_chamber_get_firmware (chamber));
  clock = ebb_clock_new ();
  self->session = ebb_session_new (EBB_DEVICE (self->device), EBB_RECORDER (recorder), clock);
  client = g_strdup_printf ("%" G_GINT64_FORMAT, self->client_id);
  ebb_session_set_client_id (self->session, client);
  ebb_session_set_operator (self->session, op != NULL ? op->username : NULL);
  /* Start, pause, stop and acknowledging alarms follow the console's lock
   * and roles in the core; the emergency stop never does. */
  ebb_session_set_operator_session (self->session, self->ctx);
  ebb_session_set_profile (self->session, profile);
  ebb_session_set_clinic_limit (self->session, ebb_profile_get_clinic_limit (self->settings));
  ebb_session_use_stored_screening (self->session, ebb_operator_session_get_store (self->ctx), self->client_id,
                                    g_settings_get_uint (self->settings, "screening-validity-days"));
  ebb_session_prepare_page_set_session (self->prepare_page, self->session, EBB_DEVICE (self->device));
}

static void
chamber_changed_cb (EbbSessionView *self)
{
  rebuild_candidate (self);
}

static void
session_alarm_cb (EbbSafetySupervisor *supervisor,
                  EbbAlarmEvent       *event,
                  EbbSessionView      *self)
{
  g_autofree char *at = NULL;

  if (event->type != EBB_ALARM_EVENT_RAISED && event->type != EBB_ALARM_EVENT_ESCALATED)
    return;

  at = g_strdup_printf ("%d:%02d", (int) (ebb_session_get_elapsed_us (self->session) / G_USEC_PER_SEC / 60),
                        (int) (ebb_session_get_elapsed_us (self->session) / G_USEC_PER_SEC % 60));
  /* Translators: time into the session, priority, alarm title */
  g_ptr_array_add (self->alarms, g_strdup_printf (_("%s  %s: %s"), at, ebb_alarm_priority_label (event->priority),
                                                  ebb_alarm_kind_title (event->kind)));
}

static gboolean
show_summary_idle (gpointer data)
{
  EbbSessionView *self = data;

  if (self->session == NULL || !ebb_session_is_finished (self->session))
    return G_SOURCE_REMOVE;

  ebb_session_summary_page_show (self->summary_page, self->ctx, self->settings, self->session,
                                 ebb_session_prepare_page_get_client_name (self->prepare_page), self->alarms);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  return G_SOURCE_REMOVE;
}

static void
session_state_cb (EbbSessionView *self)
{
  EbbApplication *app;

  if (!ebb_session_is_finished (self->session))
    return;

  ebb_session_live_page_detach (self->live_page);
  set_rate (self, EBB_DEVICE_MANAGER_IDLE_RATE_HZ);
  app = get_application (self);
  if (app != NULL && ebb_application_get_active_session (app) == self->session)
    ebb_application_set_active_session (app, NULL);

  /* The runner records the end right after it announces the state; the
   * summary reads that record, so it is shown from the next idle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, show_summary_idle, g_object_ref (self), g_object_unref);
}

static void
prepare_start_cb (EbbSessionView *self)
{
  g_autoptr(GError) error = NULL;

  if (!ebb_session_view_start (self, &error))
    ebb_dialogs_show_message (GTK_WIDGET (self), _("The session cannot start"), error->message);
}

/* Back from the prepare page: the candidate session (never started, so
 * with no record) is forgotten and the window goes back to the client. */
static void
prepare_back_cb (EbbSessionView *self)
{
  if (self->started)
    return;

  clear_session (self);
  ebb_session_prepare_page_set_session (self->prepare_page, NULL, NULL);
  g_signal_emit (self, signals[DONE], 0);
}

static void
summary_done_cb (EbbSessionView *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
ebb_session_view_dispose (GObject *object)
{
  EbbSessionView *self = EBB_SESSION_VIEW (object);

  /* A view that goes away with its session running leaves the chamber
   * vented, never under vacuum. */
  if (self->started && self->session != NULL && !ebb_session_is_finished (self->session))
    ebb_session_emergency_stop (self->session);
  clear_session (self);
  if (self->manager != NULL)
    g_clear_signal_handler (&self->chamber_id, self->manager);
  g_clear_object (&self->device);
  g_clear_object (&self->chamber);
  g_clear_object (&self->manager);
  g_clear_object (&self->ctx);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->alarms, g_ptr_array_unref);
  /* The stack is both a template child and AdwBin's child: released once,
   * here, rather than unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_SESSION_VIEW);

  G_OBJECT_CLASS (ebb_session_view_parent_class)->dispose (object);
}

static void
ebb_session_view_class_init (EbbSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_session_view_dispose;

  /**
   * EbbSessionView::done:
   *
   * The operator closed the summary, or went back from the preparation
   * without starting.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "sessionview");

  g_type_ensure (EBB_TYPE_SESSION_LIVE_PAGE);
  g_type_ensure (EBB_TYPE_SESSION_PREPARE_PAGE);
  g_type_ensure (EBB_TYPE_SESSION_SUMMARY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-session-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbSessionView, stack);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionView, prepare_page);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionView, live_page);
  gtk_widget_class_bind_template_child (widget_class, EbbSessionView, summary_page);
  gtk_widget_class_bind_template_callback (widget_class, rebuild_candidate);
  gtk_widget_class_bind_template_callback (widget_class, prepare_start_cb);
  gtk_widget_class_bind_template_callback (widget_class, prepare_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, summary_done_cb);
}

static void
ebb_session_view_init (EbbSessionView *self)
{
  self->alarms = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ebb_session_view_new (void)
{
  return g_object_new (EBB_TYPE_SESSION_VIEW, NULL);
}

/**
 * ebb_session_view_set_context:
 * @self: the view
 * @ctx: the logged-in operator and the store
 * @manager: the application's chamber connection
 * @settings: the application settings
 *
 * Sets what sessions run with.
 */
void
ebb_session_view_set_context (EbbSessionView     *self,
                              EbbOperatorSession *ctx,
                              EbbDeviceManager   *manager,
                              GSettings          *settings)
{
  g_return_if_fail (EBB_IS_SESSION_VIEW (self));
  g_return_if_fail (EBB_IS_OPERATOR_SESSION (ctx));
  g_return_if_fail (EBB_IS_DEVICE_MANAGER (manager));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->ctx, ctx);
  g_set_object (&self->settings, settings);
  if (self->manager != manager)
    {
      if (self->manager != NULL)
        g_clear_signal_handler (&self->chamber_id, self->manager);
      g_set_object (&self->manager, manager);
      self->chamber_id = g_signal_connect_swapped (manager, "notify::state", G_CALLBACK (chamber_changed_cb), self);
    }
}

/**
 * ebb_session_view_prepare:
 * @self: the view
 * @client_id: the client
 * @error: return location for a store error, or %EBB_SESSION_ERROR_WRONG_STATE
 *   while a session runs
 *
 * Shows the preparation of a new session for @client_id.
 *
 * Returns: %TRUE if shown
 */
gboolean
ebb_session_view_prepare (EbbSessionView  *self,
                          gint64           client_id,
                          GError         **error)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), FALSE);
  g_return_val_if_fail (self->ctx != NULL, FALSE);

  if (self->started && !ebb_session_is_finished (self->session))
    {
      g_set_error_literal (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE,
                           _("A session is running. End it before preparing the next one."));
      return FALSE;
    }

  clear_session (self);
  g_ptr_array_set_size (self->alarms, 0);
  self->client_id = client_id;
  if (!ebb_session_prepare_page_load (self->prepare_page, self->ctx, self->settings, client_id, error))
    return FALSE;

  rebuild_candidate (self);
  gtk_stack_set_visible_child_name (self->stack, "prepare");
  return TRUE;
}

/**
 * ebb_session_view_start:
 * @self: the view
 * @error: return location for the runner's refusal
 *
 * Starts the prepared session, as the Start button does, and shows it live.
 *
 * Returns: %TRUE if the session runs
 */
gboolean
ebb_session_view_start (EbbSessionView  *self,
                        GError         **error)
{
  EbbApplication *app;
  EbbProfile *profile;
  const EbbOperator *op;
  EbbVitals vitals = { 0 };

  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), FALSE);

  profile = ebb_session_prepare_page_get_profile (self->prepare_page, NULL);
  if (self->started || self->session == NULL || profile == NULL)
    {
      g_set_error_literal (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_INCOMPLETE,
                           ebb_session_prepare_page_get_blocker (self->prepare_page) != NULL
                           ? ebb_session_prepare_page_get_blocker (self->prepare_page)
                           : _("Choose a profile."));
      return FALSE;
    }

  set_rate (self, EBB_SESSION_VIEW_RATE_HZ);
  if (!ebb_session_start (self->session, error))
    return FALSE;

  self->started = TRUE;
  self->state_id = g_signal_connect_swapped (self->session, "state-changed", G_CALLBACK (session_state_cb), self);
  self->alarm_id = g_signal_connect (ebb_session_get_supervisor (self->session), "alarm-event",
                                     G_CALLBACK (session_alarm_cb), self);

  app = get_application (self);
  if (app != NULL)
    ebb_application_set_active_session (app, self->session);

  ebb_session_prepare_page_get_vitals (self->prepare_page, &vitals);
  if (vitals.recorded && ebb_session_get_record_id (self->session) > 0)
    {
      g_autoptr(GError) local = NULL;

      if (!ebb_store_session_set_vitals (ebb_operator_session_get_store (self->ctx),
                                         ebb_session_get_record_id (self->session), FALSE, &vitals, &local))
        g_warning ("Recording the vitals before session %" G_GINT64_FORMAT ": %s",
                   ebb_session_get_record_id (self->session), local->message);
    }

  op = ebb_operator_session_get_operator (self->ctx);
  ebb_session_live_page_attach (self->live_page, self->session, EBB_DEVICE (self->device), profile,
                                ebb_session_prepare_page_get_client_name (self->prepare_page),
                                ebb_session_prepare_page_get_notes_text (self->prepare_page),
                                op != NULL ? op->username : NULL, self->settings);
  gtk_stack_set_visible_child_name (self->stack, "live");
  return TRUE;
}

/**
 * ebb_session_view_emergency_stop:
 * @self: the view
 *
 * Vents at once and ends the running session as stopped; no dialog.
 */
void
ebb_session_view_emergency_stop (EbbSessionView *self)
{
  g_return_if_fail (EBB_IS_SESSION_VIEW (self));

  if (self->started && self->session != NULL)
    ebb_session_emergency_stop (self->session);
}

/**
 * ebb_session_view_get_session:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the started session, if any
 */
EbbSession *
ebb_session_view_get_session (EbbSessionView *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), NULL);

  return self->started ? self->session : NULL;
}

/**
 * ebb_session_view_get_device:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the chamber adapter sessions run on
 */
EbbDevice *
ebb_session_view_get_device (EbbSessionView *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), NULL);

  return self->device != NULL ? EBB_DEVICE (self->device) : NULL;
}

const char *
ebb_session_view_get_page_name (EbbSessionView *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

EbbSessionPreparePage *
ebb_session_view_get_prepare_page (EbbSessionView *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), NULL);

  return self->prepare_page;
}

EbbSessionLivePage *
ebb_session_view_get_live_page (EbbSessionView *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), NULL);

  return self->live_page;
}

EbbSessionSummaryPage *
ebb_session_view_get_summary_page (EbbSessionView *self)
{
  g_return_val_if_fail (EBB_IS_SESSION_VIEW (self), NULL);

  return self->summary_page;
}
