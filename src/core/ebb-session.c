/* ebb-session.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "ebb-session.h"

/* The session runner: turns a profile into setpoints, hands every sample to
 * the safety supervisor and the recorder, and acts on the supervisor's
 * verdicts. Safety before bookkeeping, everywhere: a vent is sent before a
 * state changes or anything is written, and a failing recorder never stops
 * a vent or an end state. */

struct _EbbSession
{
  GObject parent_instance;

  /* owned */
  EbbDevice *device;
  EbbRecorder *recorder;
  EbbClock *clock;
  EbbSafetySupervisor *supervisor;
  EbbProfile *profile;
  EbbOperatorSession *operator_session;
  EbbAuditWriter *audit_writer;
  char *client_id;
  char *operator_name;
  char *end_reason;
  char *final_reason;
  EbbSessionGateFunc gate_func;
  gpointer gate_data;
  GDestroyNotify gate_destroy;

  /* state */
  EbbSessionState state;
  EbbSessionState final_state;
  EbbSessionPhase phase;
  gint32 clinic_limit_pa;
  gint32 pressure_pa;
  guint cycle;
  gint64 record_id;
  gint64 started_us;
  gint64 link_stats_saved_us;
  gint64 elapsed_acc_us;
  gint64 run_since_us;
  /* Where the current phase ends by the plan, in therapy time (the time
   * since the start, pauses excluded): the sum of the planned lengths of
   * the phases so far. Every boundary is scheduled against it, never
   * against the moment the previous timer fired, so a timer's lateness
   * shortens the next phase instead of pushing back all that follow. */
  gint64 phase_end_us;
  guint phase_timer;
  guint vent_timer;
  guint recording : 1;
  guint recording_failed : 1;
  guint have_pressure : 1;
  guint lid_confirmed : 1;
};

G_DEFINE_FINAL_TYPE (EbbSession, ebb_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (ebb-session-error-quark, ebb_session_error)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PHASE,
  PROP_CYCLE,
  PROP_END_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STATE_CHANGED,
  PHASE_CHANGED,
  SYMPTOM_REPORTED,
  RECORDING_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void begin_finishing (EbbSession      *self,
                             EbbSessionState  final_state,
                             const char      *reason,
                             const char      *event);

static gboolean
state_is_final (EbbSessionState state)
{
  return state == EBB_SESSION_STATE_COMPLETED || state == EBB_SESSION_STATE_STOPPED
      || state == EBB_SESSION_STATE_ABORTED || state == EBB_SESSION_STATE_INTERRUPTED;
}

static gint64
now_us (EbbSession *self)
{
  return ebb_clock_now_us (self->clock);
}

static gint64
duration_us (EbbSession *self)
{
  return (gint64) ebb_profile_get_duration_s (self->profile) * G_USEC_PER_SEC;
}

static void
recording_failed (EbbSession   *self,
                  const GError *error)
{
  /* Report once; the session goes on (or ends) safely without a record. */
  if (self->recording_failed)
    return;

  self->recording_failed = TRUE;
  g_warning ("Recording session %" G_GINT64_FORMAT " failed: %s", self->record_id, error->message);
  g_signal_emit (self, signals[RECORDING_FAILED], 0, error);
}

static void
record_event (EbbSession *self,
              const char *type,
              const char *detail,
              const char *operator_name)
{
  g_autoptr(GError) error = NULL;

  if (!self->recording || self->recording_failed)
    return;

  if (!ebb_recorder_add_event (self->recorder, self->record_id, now_us (self) - self->started_us,
                               type, detail, operator_name, &error))
    recording_failed (self, error);
}

static void
set_state (EbbSession      *self,
           EbbSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  record_event (self, "state", ebb_session_state_id (state), self->operator_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[STATE_CHANGED], 0, state);
}

static void
set_phase (EbbSession      *self,
           EbbSessionPhase  phase)
{
  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
vent_immediately (EbbSession *self)
{
  g_autoptr(GError) error = NULL;

  if (!ebb_device_vent_now (self->device, &error))
    g_warning ("Immediate vent failed: %s", error->message);
}

static void
end_session (EbbSession      *self,
             EbbSessionState  final_state,
             const char      *reason)
{
  g_autoptr(GError) error = NULL;
  EbbDeviceLinkStats stats;

  g_assert (state_is_final (final_state));

  if (state_is_final (self->state))
    return;

  if (self->state == EBB_SESSION_STATE_RUNNING)
    self->elapsed_acc_us += now_us (self) - self->run_since_us;

  ebb_clock_clear_timeout (self->clock, &self->phase_timer);
  ebb_clock_clear_timeout (self->clock, &self->vent_timer);
  ebb_safety_supervisor_stop (self->supervisor);

  g_free (self->end_reason);
  self->end_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_REASON]);
  set_phase (self, EBB_SESSION_PHASE_NONE);
  set_state (self, final_state);

  if (self->recording && !self->recording_failed)
    {
      ebb_device_get_link_stats (self->device, &stats);
      if (!ebb_recorder_finish (self->recorder, self->record_id, ebb_session_state_id (final_state),
                                reason, &stats, &error))
        recording_failed (self, error);
    }
  self->recording = FALSE;
}

static void
abort_now (EbbSession *self,
           const char *reason)
{
  vent_immediately (self);
  if (self->state == EBB_SESSION_STATE_FINISHING)
    {
      self->final_state = EBB_SESSION_STATE_ABORTED;
      g_free (self->final_reason);
      self->final_reason = g_strdup (reason);
    }
  else if (self->state == EBB_SESSION_STATE_RUNNING || self->state == EBB_SESSION_STATE_PAUSED)
    {
      begin_finishing (self, EBB_SESSION_STATE_ABORTED, reason, NULL);
    }
}

static void
send_target (EbbSession *self,
             gint32      target_pa)
{
  guint ramp = ebb_profile_get_ramp_pa_s (self->profile);
  g_autofree char *detail = NULL;

  /* The last line of defence in the console: no path reaches the wire with
   * a target beyond the hard limit, whatever validation said. */
  if (!ebb_profile_target_is_safe (target_pa))
    {
      g_warning ("Refusing to send target %d Pa: outside the hard limit", target_pa);
      abort_now (self, "target-outside-hard-limit");
      return;
    }

  ebb_device_set_target (self->device, target_pa, (guint16) MIN (ramp, G_MAXUINT16));
  ebb_safety_supervisor_set_setpoint (self->supervisor, target_pa, ramp);
  detail = g_strdup_printf ("%d Pa, %u Pa/s", target_pa, ramp);
  record_event (self, "setpoint", detail, NULL);
}

static gboolean phase_timer_cb (gpointer data);

/* Arms the phase timer for the planned end of the current phase. In
 * therapy time that deadline is fixed; on the session's clock it lies at
 * the start plus the planned phases plus the time spent paused, so a pause
 * moves it by exactly the paused time and a late timer not at all. */
static void
schedule_phase_end (EbbSession *self)
{
  gint64 delay = self->phase_end_us - ebb_session_get_elapsed_us (self);

  ebb_clock_clear_timeout (self->clock, &self->phase_timer);
  self->phase_timer = ebb_clock_add_timeout (self->clock, MAX (delay, 0), phase_timer_cb, self);
}

/* The planned end of a phase of @length_us that follows the current one:
 * the end of the duration cuts it short. */
static gint64
next_phase_end (EbbSession *self,
                gint64      length_us)
{
  return MIN (self->phase_end_us + length_us, duration_us (self));
}

static void
start_phase (EbbSession      *self,
             EbbSessionPhase  phase,
             gint64           end_us)
{
  g_autofree char *detail = NULL;

  set_phase (self, phase);
  self->phase_end_us = end_us;

  detail = g_strdup_printf ("%s %u", phase == EBB_SESSION_PHASE_VACUUM ? "vacuum" : "release",
                            self->cycle);
  record_event (self, "phase", detail, NULL);
  g_signal_emit (self, signals[PHASE_CHANGED], 0, phase, self->cycle);

  send_target (self, phase == EBB_SESSION_PHASE_VACUUM ? ebb_profile_get_level_pa (self->profile) : 0);
  if (self->state == EBB_SESSION_STATE_RUNNING)
    schedule_phase_end (self);
}

static gboolean
phase_timer_cb (gpointer data)
{
  EbbSession *self = data;
  gint64 length;

  self->phase_timer = 0;
  /* The plan says when the session is over, not the time measured so far:
   * the phase that just ended was the last when it was planned to end at
   * the end of the duration (its timer never fires early, see
   * ebb_clock_add_timeout(), only a little late). */
  if (self->phase_end_us >= duration_us (self))
    {
      begin_finishing (self, EBB_SESSION_STATE_COMPLETED, "completed", NULL);
      return G_SOURCE_REMOVE;
    }

  if (self->phase == EBB_SESSION_PHASE_VACUUM)
    {
      length = (gint64) ebb_profile_get_release_s (self->profile) * G_USEC_PER_SEC;
      start_phase (self, EBB_SESSION_PHASE_RELEASE, next_phase_end (self, length));
    }
  else
    {
      length = (gint64) ebb_profile_get_vacuum_s (self->profile) * G_USEC_PER_SEC;
      if (self->cycle >= ebb_profile_get_n_cycles (self->profile))
        {
          /* No room for a full vacuum phase: the release goes on to the
           * end, so a completed session runs exactly the planned cycles
           * (ebb_profile_get_n_cycles()) and never a cut-short one. The
           * plan decides, not the time left: a real timer fires a little
           * late, and a last vacuum phase that ends exactly at the end of
           * the duration would otherwise find a few milliseconds missing
           * and be dropped. */
          self->phase_end_us = duration_us (self);
          schedule_phase_end (self);
          return G_SOURCE_REMOVE;
        }
      self->cycle++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CYCLE]);
      start_phase (self, EBB_SESSION_PHASE_VACUUM, next_phase_end (self, length));
    }

  return G_SOURCE_REMOVE;
}

static gboolean
vent_timeout_cb (gpointer data)
{
  EbbSession *self = data;

  self->vent_timer = 0;
  /* The chamber did not confirm atmosphere: the session cannot count as
   * completed, whatever was intended. */
  record_event (self, "vent-timeout", NULL, NULL);
  if (self->final_state == EBB_SESSION_STATE_COMPLETED)
    end_session (self, EBB_SESSION_STATE_ABORTED, "vent-timeout");
  else
    end_session (self, self->final_state, self->final_reason);
  return G_SOURCE_REMOVE;
}

static void
begin_finishing (EbbSession      *self,
                 EbbSessionState  final_state,
                 const char      *reason,
                 const char      *event)
{
  if (self->state == EBB_SESSION_STATE_RUNNING)
    self->elapsed_acc_us += now_us (self) - self->run_since_us;

  /* Vent before any bookkeeping, including the event that asked for the
   * end (architecture.md, safety principle 4): a recorder that fails or
   * stalls must not hold the chamber under vacuum. */
  ebb_device_vent (self->device);
  if (event != NULL)
    record_event (self, event, NULL, self->operator_name);
  ebb_clock_clear_timeout (self->clock, &self->phase_timer);
  ebb_safety_supervisor_set_regulating (self->supervisor, FALSE);
  ebb_safety_supervisor_set_setpoint (self->supervisor, 0, 0);

  self->final_state = final_state;
  g_free (self->final_reason);
  self->final_reason = g_strdup (reason);
  set_phase (self, EBB_SESSION_PHASE_NONE);
  set_state (self, EBB_SESSION_STATE_FINISHING);
  self->vent_timer = ebb_clock_add_timeout (self->clock, EBB_SESSION_VENT_TIMEOUT_US,
                                            vent_timeout_cb, self);
}

static void
telemetry_cb (EbbSession            *self,
              const EbbEcpTelemetry *samples,
              guint                  n_samples,
              EbbDevice             *device)
{
  g_autoptr(GError) error = NULL;

  if (n_samples == 0)
    return;

  self->pressure_pa = samples[n_samples - 1].pressure_pa;
  self->have_pressure = TRUE;

  if (state_is_final (self->state) || self->state == EBB_SESSION_STATE_PREPARING)
    return;

  /* The supervisor first: a sample that calls for a vent must not wait
   * for the disk. */
  ebb_safety_supervisor_feed (self->supervisor, samples, n_samples);

  if (self->recording && !self->recording_failed
      && !ebb_recorder_add_samples (self->recorder, self->record_id, samples, n_samples, &error))
    recording_failed (self, error);

  /* Now and then the link's counters go with the record too, so a session
   * whose process dies still has them (an interrupted record). */
  if (self->recording && !self->recording_failed
      && now_us (self) - self->link_stats_saved_us >= EBB_SESSION_LINK_STATS_INTERVAL_US)
    {
      EbbDeviceLinkStats stats;

      ebb_device_get_link_stats (self->device, &stats);
      ebb_recorder_update_link_stats (self->recorder, self->record_id, &stats);
      self->link_stats_saved_us = now_us (self);
    }

  if (self->state == EBB_SESSION_STATE_FINISHING && ABS (self->pressure_pa) <= EBB_SESSION_ATMOSPHERE_PA)
    end_session (self, self->final_state, self->final_reason);
}

static void
link_lost_cb (EbbSession *self,
              EbbDevice  *device)
{
  if (self->state == EBB_SESSION_STATE_PREPARING || state_is_final (self->state))
    return;
  ebb_safety_supervisor_link_lost (self->supervisor);
}

static void
rebooted_cb (EbbSession *self,
             EbbDevice  *device)
{
  if (self->state == EBB_SESSION_STATE_PREPARING || state_is_final (self->state))
    return;
  ebb_safety_supervisor_device_rebooted (self->supervisor);
}

static void
command_failed_cb (EbbSession   *self,
                   guint         message_type,
                   const GError *error,
                   EbbDevice    *device)
{
  if (self->state == EBB_SESSION_STATE_PREPARING || state_is_final (self->state))
    return;

  /* A refused or unacknowledged SET_TARGET means the chamber is not doing
   * what the profile says: end the session, venting before the record. */
  if (message_type == EBB_ECP_MSG_SET_TARGET)
    abort_now (self, "set-target-refused");
  record_event (self, "command-failed", error != NULL ? error->message : NULL, NULL);
}

static void
safety_action_cb (EbbSession          *self,
                  guint                actions,
                  guint                cause,
                  EbbSafetySupervisor *supervisor)
{
  /* abort_now() vents first itself; one VENT per verdict is enough. */
  if ((actions & EBB_SAFETY_ACTION_ABORT) && cause != 0)
    abort_now (self, ebb_alarm_kind_id (cause));
  else if (actions & EBB_SAFETY_ACTION_VENT)
    vent_immediately (self);
}

static void
alarm_event_cb (EbbSession          *self,
                EbbAlarmEvent       *event,
                EbbSafetySupervisor *supervisor)
{
  g_autofree char *detail = NULL;

  if (event->kind != 0)
    detail = g_strdup_printf ("%s %s", ebb_alarm_kind_id (event->kind),
                              ebb_alarm_priority_id (event->priority));
  record_event (self, ebb_alarm_event_type_id (event->type), detail, event->operator_name);
}

/* Lets the writer go. Not waiting here: the last reference (the last
 * session on the store) writes what is queued before it stops, and while
 * another session holds it its thread writes them anyway, so the main
 * thread never waits for commits that other chambers' sessions share.
 * Failures were logged as they happened. */
static void
release_audit_writer (EbbSession *self)
{
  g_clear_object (&self->audit_writer);
}

static void
ebb_session_dispose (GObject *object)
{
  EbbSession *self = (EbbSession *) object;

  if (self->clock != NULL)
    {
      ebb_clock_clear_timeout (self->clock, &self->phase_timer);
      ebb_clock_clear_timeout (self->clock, &self->vent_timer);
    }
  if (self->supervisor != NULL)
    ebb_safety_supervisor_stop (self->supervisor);
  if (self->gate_destroy != NULL)
    g_clear_pointer (&self->gate_data, self->gate_destroy);
  /* Nothing the session queued for the trail is lost with it. */
  release_audit_writer (self);

  g_clear_object (&self->supervisor);
  g_clear_object (&self->device);
  g_clear_object (&self->recorder);
  g_clear_object (&self->clock);
  g_clear_object (&self->operator_session);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (ebb_session_parent_class)->dispose (object);
}

static void
ebb_session_finalize (GObject *object)
{
  EbbSession *self = (EbbSession *) object;

  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->end_reason, g_free);
  g_clear_pointer (&self->final_reason, g_free);

  G_OBJECT_CLASS (ebb_session_parent_class)->finalize (object);
}

static void
ebb_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EbbSession *self = EBB_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_PHASE:
      g_value_set_uint (value, self->phase);
      break;
    case PROP_CYCLE:
      g_value_set_uint (value, self->cycle);
      break;
    case PROP_END_REASON:
      g_value_set_string (value, self->end_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_session_class_init (EbbSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ebb_session_dispose;
  object_class->finalize = ebb_session_finalize;
  object_class->get_property = ebb_session_get_property;

  /* #EbbSessionState and #EbbSessionPhase values, for bindings in the UI. */
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, EBB_SESSION_STATE_PREPARING,
                                              EBB_SESSION_STATE_INTERRUPTED,
                                              EBB_SESSION_STATE_PREPARING, ro);
  properties[PROP_PHASE] = g_param_spec_uint ("phase", NULL, NULL, EBB_SESSION_PHASE_NONE,
                                              EBB_SESSION_PHASE_RELEASE, EBB_SESSION_PHASE_NONE, ro);
  properties[PROP_CYCLE] = g_param_spec_uint ("cycle", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_END_REASON] = g_param_spec_string ("end-reason", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[PHASE_CHANGED] =
    g_signal_new ("phase-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * EbbSession::symptom-reported:
   * @self: the session
   * @symptom: the #EbbSymptom
   *
   * The chamber was vented and the session paused; ask the operator
   * whether to end (ebb_session_stop()) or resume.
   */
  signals[SYMPTOM_REPORTED] =
    g_signal_new ("symptom-reported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[RECORDING_FAILED] =
    g_signal_new ("recording-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ebb_session_init (EbbSession *self)
{
  self->state = EBB_SESSION_STATE_PREPARING;
  self->clinic_limit_pa = EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA;
}

/**
 * ebb_session_new:
 * @device: the chamber
 * @recorder: where the session is recorded
 * @clock: the time source
 *
 * Returns: (transfer full): a session in the preparing state
 */
EbbSession *
ebb_session_new (EbbDevice   *device,
                 EbbRecorder *recorder,
                 EbbClock    *clock)
{
  EbbSession *self;

  g_return_val_if_fail (EBB_IS_DEVICE (device), NULL);
  g_return_val_if_fail (EBB_IS_RECORDER (recorder), NULL);
  g_return_val_if_fail (EBB_IS_CLOCK (clock), NULL);

  self = g_object_new (EBB_TYPE_SESSION, NULL);
  self->device = g_object_ref (device);
  self->recorder = g_object_ref (recorder);
  self->clock = g_object_ref (clock);
  self->supervisor = ebb_safety_supervisor_new (clock);

  g_signal_connect_object (device, "telemetry", G_CALLBACK (telemetry_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (device, "link-lost", G_CALLBACK (link_lost_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (device, "rebooted", G_CALLBACK (rebooted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (device, "command-failed", G_CALLBACK (command_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->supervisor, "safety-action", G_CALLBACK (safety_action_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->supervisor, "alarm-event", G_CALLBACK (alarm_event_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
ebb_session_set_client_id (EbbSession *self,
                           const char *client_id)
{
  g_return_if_fail (EBB_IS_SESSION (self));
  g_return_if_fail (self->state == EBB_SESSION_STATE_PREPARING);

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
}

void
ebb_session_set_operator (EbbSession *self,
                          const char *operator_name)
{
  g_return_if_fail (EBB_IS_SESSION (self));
  g_return_if_fail (self->state == EBB_SESSION_STATE_PREPARING);

  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  ebb_safety_supervisor_set_operator (self->supervisor, operator_name);
}

/**
 * ebb_session_set_lid_confirmed:
 * @self: a session in the preparing state
 * @confirmed: the technician has checked that the lid is closed and sealed
 *
 * For a chamber without a lid sensor, which cannot report its lid: the
 * lid gate then asks for this confirmation instead. A chamber with the
 * sensor is judged by its LID_CLOSED flag alone.
 */
void
ebb_session_set_lid_confirmed (EbbSession *self,
                               gboolean    confirmed)
{
  g_return_if_fail (EBB_IS_SESSION (self));

  self->lid_confirmed = confirmed != FALSE;
}

/**
 * ebb_session_set_profile:
 * @self: a session in the preparing state
 * @profile: the profile to run
 *
 * Takes a snapshot: later edits of @profile do not reach this session.
 */
void
ebb_session_set_profile (EbbSession *self,
                         EbbProfile *profile)
{
  g_return_if_fail (EBB_IS_SESSION (self));
  g_return_if_fail (EBB_IS_PROFILE (profile));
  g_return_if_fail (self->state == EBB_SESSION_STATE_PREPARING);

  g_clear_object (&self->profile);
  self->profile = ebb_profile_copy (profile);
}

/**
 * ebb_session_set_clinic_limit:
 * @self: a session in the preparing state
 * @clinic_limit_pa: the `clinic-limit-pa` setting
 */
void
ebb_session_set_clinic_limit (EbbSession *self,
                              gint32      clinic_limit_pa)
{
  g_return_if_fail (EBB_IS_SESSION (self));
  g_return_if_fail (self->state == EBB_SESSION_STATE_PREPARING);

  self->clinic_limit_pa = ebb_profile_effective_clinic_limit (clinic_limit_pa);
}

/**
 * ebb_session_set_screening_gate:
 * @self: a session
 * @func: the screening module's session-start gate
 * @data: its data
 * @destroy: (nullable): frees @data
 */
void
ebb_session_set_screening_gate (EbbSession         *self,
                                EbbSessionGateFunc  func,
                                gpointer            data,
                                GDestroyNotify      destroy)
{
  g_return_if_fail (EBB_IS_SESSION (self));

  if (self->gate_destroy != NULL)
    g_clear_pointer (&self->gate_data, self->gate_destroy);
  self->gate_func = func;
  self->gate_data = data;
  self->gate_destroy = destroy;
}

EbbSessionState
ebb_session_get_state (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);
  return self->state;
}

EbbSessionPhase
ebb_session_get_phase (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);
  return self->phase;
}

/**
 * ebb_session_get_phase_remaining_us:
 * @self: a session
 *
 * The live screen counts the phase down; while paused the phase keeps the
 * time it had left.
 *
 * Returns: microseconds left in the current phase, 0 outside one
 */
gint64
ebb_session_get_phase_remaining_us (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);

  if ((self->state != EBB_SESSION_STATE_RUNNING && self->state != EBB_SESSION_STATE_PAUSED)
      || self->phase == EBB_SESSION_PHASE_NONE)
    return 0;

  /* Paused, the therapy time stands still and so does this. */
  return MAX (self->phase_end_us - ebb_session_get_elapsed_us (self), 0);
}

/**
 * ebb_session_get_end_reason:
 * @self: a session
 *
 * Returns: (nullable): why the session ended: "completed", "stopped by
 *   operator", "emergency stop", or the id of the alarm that aborted it
 */
const char *
ebb_session_get_end_reason (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), NULL);
  return self->end_reason;
}

guint
ebb_session_get_cycle (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);
  return self->cycle;
}

/**
 * ebb_session_get_elapsed_us:
 * @self: a session
 *
 * Returns: the therapy time so far; pauses do not count
 */
gint64
ebb_session_get_elapsed_us (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);

  if (self->state == EBB_SESSION_STATE_RUNNING)
    return self->elapsed_acc_us + now_us (self) - self->run_since_us;
  return self->elapsed_acc_us;
}

gint64
ebb_session_get_remaining_us (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);

  if (self->profile == NULL)
    return 0;
  return MAX (duration_us (self) - ebb_session_get_elapsed_us (self), 0);
}

gint32
ebb_session_get_pressure_pa (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);
  return self->pressure_pa;
}

gint64
ebb_session_get_record_id (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), 0);
  return self->record_id;
}

gboolean
ebb_session_get_recording_failed (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);
  return self->recording_failed;
}

/**
 * ebb_session_get_supervisor:
 * @self: a session
 *
 * Returns: (transfer none): the session's safety supervisor, for the alarm
 *   display and the acknowledge, pause and reset actions
 */
EbbSafetySupervisor *
ebb_session_get_supervisor (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), NULL);
  return self->supervisor;
}

gboolean
ebb_session_is_finished (EbbSession *self)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), TRUE);
  return state_is_final (self->state);
}

static char *
describe_faults (guint16 faults)
{
  static const char * const names[EBB_ECP_N_FAULTS] = {
    "WATCHDOG", "OVER_VACUUM", "SENSOR", "LEAK", "LID_OPENED", "ESTOP", "OVERTEMP", "POWER",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < EBB_ECP_N_FAULTS; i++)
    if (faults & (1u << i))
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", names[i]);
  return g_string_free (text, FALSE);
}

/**
 * ebb_session_check:
 * @self: a session in the preparing state
 * @error: return location for the first refusal
 *
 * Runs the gates of the preparing state, in order: client, operator and
 * profile given; chamber connected and identified; its status known, no
 * latched faults, lid closed; the screening gate (screening valid and
 * allowing a session, per-visit confirmation recorded); the profile valid
 * under the clinic's current limit.
 *
 * Returns: %TRUE if the session may start
 */
gboolean
ebb_session_check (EbbSession  *self,
                   GError     **error)
{
  guint16 flags = 0, faults = 0;

  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (self->state != EBB_SESSION_STATE_PREPARING)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE,
                   _("This session has already started. Start a new session instead."));
      return FALSE;
    }

  if (self->client_id == NULL || *self->client_id == '\0'
      || self->operator_name == NULL || *self->operator_name == '\0' || self->profile == NULL)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_INCOMPLETE,
                   _("Choose the client, the operator and a profile before starting."));
      return FALSE;
    }

  if (!ebb_device_is_connected (self->device))
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NOT_CONNECTED,
                   _("No chamber is connected. Connect the chamber and switch it on."));
      return FALSE;
    }

  if (ebb_device_get_serial (self->device) == NULL)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NOT_IDENTIFIED,
                   _("The chamber has not identified itself. Reconnect it and try again."));
      return FALSE;
    }

  if (!ebb_device_get_status (self->device, &flags, &faults))
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NO_STATUS,
                   _("The chamber has not reported its status yet. Wait a moment and try again."));
      return FALSE;
    }

  if (faults != 0)
    {
      g_autofree char *names = describe_faults (faults);

      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED,
                   _("The chamber has latched faults (%s). Remove their cause, then clear the "
                     "faults."), names);
      return FALSE;
    }

  /* A chamber without a lid sensor cannot say: the technician confirms
   * the lid instead (ebb_session_set_lid_confirmed()). */
  if (!ebb_device_has_lid_sensor (self->device) && !self->lid_confirmed)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_LID_OPEN,
                   _("Check that the lid is closed and sealed, then tick “Lid closed”."));
      return FALSE;
    }
  if (ebb_device_has_lid_sensor (self->device) && (flags & EBB_ECP_FLAG_LID_CLOSED) == 0)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_LID_OPEN,
                   _("The chamber’s lid is open. Close and seal it before starting."));
      return FALSE;
    }

  if (self->gate_func == NULL)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NO_SCREENING_CHECK,
                   _("The client’s screening cannot be checked, so no session can start."));
      return FALSE;
    }

  if (!self->gate_func (self->client_id, self->gate_data, error))
    return FALSE;

  return ebb_profile_validate (self->profile, self->clinic_limit_pa, error);
}

/* Starting, pausing, resuming, stopping and alarm acknowledgement belong
 * to an operator at an unlocked console with the role, when the session
 * knows its console.
 * The emergency stop and a symptom report (both vent at once) never ask. */
static gboolean
check_permission (EbbSession  *self,
                  EbbAction    action,
                  GError     **error)
{
  return self->operator_session == NULL || ebb_permissions_check (self->operator_session, action, error);
}

/* The client as the audit trail's client filter knows it: the session
 * carries the client's store id as text. */
static gint64
audit_client_id (EbbSession *self)
{
  gint64 id;

  if (self->client_id == NULL ||
      !g_ascii_string_to_signed (self->client_id, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return id;
}

/* The writer thread for the operator session's store, started with the
 * first entry; %NULL if it cannot run, and the entry is written here. */
static EbbAuditWriter *
session_audit_writer (EbbSession *self)
{
  EbbStore *store = ebb_operator_session_get_store (self->operator_session);
  g_autoptr(GError) error = NULL;

  if (self->audit_writer != NULL && ebb_audit_writer_get_store (self->audit_writer) == store)
    return self->audit_writer;

  release_audit_writer (self);
  self->audit_writer = ebb_audit_writer_get_for_store (store, &error);
  if (self->audit_writer == NULL)
    g_debug ("Session %" G_GINT64_FORMAT " writes its audit entries on the main thread: %s",
             self->record_id, error->message);

  return self->audit_writer;
}

/* Session control is attributable (docs/audit.md): with an operator
 * session attached, every successful action is written to the trail with
 * the session record, the client and @detail. Called only after the action
 * (and any vent) has happened. The entry goes to the audit writer's
 * thread: the main thread schedules the chamber's heartbeats and must not
 * wait for a durable commit. A trail that cannot be written is logged and
 * never undoes or blocks the action, since a failed database must not hold
 * a chamber under vacuum or keep a running session from being controlled. */
static void
audit_action (EbbSession *self,
              const char *action_id,
              const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  EbbAuditWriter *writer;

  if (self->operator_session == NULL)
    return;

  text = detail != NULL
    ? g_strdup_printf ("client %s; %s", self->client_id != NULL ? self->client_id : "-", detail)
    : g_strdup_printf ("client %s", self->client_id != NULL ? self->client_id : "-");

  writer = session_audit_writer (self);
  if (writer != NULL)
    ebb_audit_queue_client (writer, self->operator_session, action_id, "session", self->record_id,
                            audit_client_id (self), text);
  else if (!ebb_audit_record_client (self->operator_session, action_id, "session", self->record_id,
                                     audit_client_id (self), text, &error))
    g_warning ("The audit entry %s for session %" G_GINT64_FORMAT " was not written: %s",
               action_id, self->record_id, error->message);
}

/**
 * ebb_session_start:
 * @self: a session in the preparing state
 * @error: return location for a refusal
 *
 * Runs the gates, creates the record and starts the first vacuum phase.
 * With an operator session (ebb_session_set_operator_session()) its
 * operator must be allowed to start a session; a refusal is an
 * #EBB_PERMISSION_ERROR and is audited.
 *
 * Returns: %TRUE if the session is running
 */
gboolean
ebb_session_start (EbbSession  *self,
                   GError     **error)
{
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (!check_permission (self, EBB_ACTION_SESSION_START, error))
    return FALSE;

  if (!ebb_session_check (self, error))
    return FALSE;

  snapshot = ebb_profile_to_json (self->profile);
  if (!ebb_recorder_begin (self->recorder, self->client_id, self->operator_name,
                           ebb_device_get_serial (self->device), snapshot, &self->record_id,
                           &local_error))
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_RECORDING,
                   _("The session cannot be recorded (%s). Check the database before starting."),
                   local_error->message);
      return FALSE;
    }

  self->recording = TRUE;
  self->started_us = now_us (self);
  self->link_stats_saved_us = self->started_us;
  self->run_since_us = self->started_us;
  self->cycle = 1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CYCLE]);

  ebb_safety_supervisor_set_limits (self->supervisor, self->clinic_limit_pa,
                                    ebb_profile_get_level_pa (self->profile),
                                    ebb_profile_get_clinician_approved (self->profile));
  ebb_safety_supervisor_set_regulating (self->supervisor, TRUE);
  ebb_safety_supervisor_start (self->supervisor);

  set_state (self, EBB_SESSION_STATE_RUNNING);
  self->phase_end_us = 0;
  start_phase (self, EBB_SESSION_PHASE_VACUUM,
               next_phase_end (self, (gint64) ebb_profile_get_vacuum_s (self->profile) * G_USEC_PER_SEC));
  audit_action (self, ebb_permissions_audit_id (EBB_ACTION_SESSION_START),
                ebb_profile_get_name (self->profile));
  return TRUE;
}

/* Vents and freezes the clock. Not permission-checked: a reported
 * symptom pauses whoever reports it (ebb_session_report_symptom()). */
static void
pause_running (EbbSession *self)
{
  g_assert (self->state == EBB_SESSION_STATE_RUNNING);

  ebb_device_vent (self->device);
  ebb_clock_clear_timeout (self->clock, &self->phase_timer);
  self->elapsed_acc_us += now_us (self) - self->run_since_us;
  ebb_safety_supervisor_set_regulating (self->supervisor, FALSE);
  ebb_safety_supervisor_set_setpoint (self->supervisor, 0, 0);
  set_state (self, EBB_SESSION_STATE_PAUSED);
}

/**
 * ebb_session_pause:
 * @self: a running session
 * @error: return location for %EBB_SESSION_ERROR_WRONG_STATE, or an
 *   #EBB_PERMISSION_ERROR (see ebb_session_set_operator_session())
 *
 * Vents the chamber and freezes the session clock.
 *
 * Returns: %TRUE if paused
 */
gboolean
ebb_session_pause (EbbSession  *self,
                   GError     **error)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (!check_permission (self, EBB_ACTION_SESSION_PAUSE, error))
    return FALSE;

  if (self->state != EBB_SESSION_STATE_RUNNING)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE,
                   _("Only a running session can be paused."));
      return FALSE;
    }

  pause_running (self);
  audit_action (self, ebb_permissions_audit_id (EBB_ACTION_SESSION_PAUSE), NULL);
  return TRUE;
}

/**
 * ebb_session_resume:
 * @self: a paused session
 * @error: return location for %EBB_SESSION_ERROR_WRONG_STATE, or an
 *   #EBB_PERMISSION_ERROR (see ebb_session_set_operator_session())
 *
 * Continues the interrupted phase for the time it had left.
 *
 * Returns: %TRUE if running again
 */
gboolean
ebb_session_resume (EbbSession  *self,
                    GError     **error)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (!check_permission (self, EBB_ACTION_SESSION_PAUSE, error))
    return FALSE;

  if (self->state != EBB_SESSION_STATE_PAUSED)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE,
                   _("Only a paused session can be resumed."));
      return FALSE;
    }

  self->run_since_us = now_us (self);
  ebb_safety_supervisor_set_regulating (self->supervisor, TRUE);
  set_state (self, EBB_SESSION_STATE_RUNNING);
  /* The same planned end: the phase runs on for the time it had left. */
  start_phase (self, self->phase, self->phase_end_us);
  audit_action (self, EBB_AUDIT_SESSION_RESUME, NULL);
  return TRUE;
}

/**
 * ebb_session_stop:
 * @self: a session
 * @error: return location for %EBB_SESSION_ERROR_WRONG_STATE, or an
 *   #EBB_PERMISSION_ERROR (see ebb_session_set_operator_session())
 *
 * Ends the session at the operator's request: vents, waits for atmosphere
 * and records it as stopped.
 *
 * Returns: %TRUE if the session is stopping or stopped
 */
gboolean
ebb_session_stop (EbbSession  *self,
                  GError     **error)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (!check_permission (self, EBB_ACTION_SESSION_STOP, error))
    return FALSE;

  switch (self->state)
    {
    case EBB_SESSION_STATE_PREPARING:
      ebb_device_vent (self->device);
      end_session (self, EBB_SESSION_STATE_STOPPED, "stopped by operator");
      audit_action (self, ebb_permissions_audit_id (EBB_ACTION_SESSION_STOP), "before the start");
      return TRUE;

    case EBB_SESSION_STATE_RUNNING:
    case EBB_SESSION_STATE_PAUSED:
      begin_finishing (self, EBB_SESSION_STATE_STOPPED, "stopped by operator", "stop");
      audit_action (self, ebb_permissions_audit_id (EBB_ACTION_SESSION_STOP), NULL);
      return TRUE;

    case EBB_SESSION_STATE_FINISHING:
      return TRUE;

    case EBB_SESSION_STATE_COMPLETED:
    case EBB_SESSION_STATE_STOPPED:
    case EBB_SESSION_STATE_ABORTED:
    case EBB_SESSION_STATE_INTERRUPTED:
    default:
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE,
                   _("The session has already ended."));
      return FALSE;
    }
}

/**
 * ebb_session_emergency_stop:
 * @self: a session in any state
 *
 * Writes VENT to the chamber immediately, before anything else, then ends
 * the session as stopped with the reason "emergency stop" (or, when it was
 * already aborting, as aborted with "<cause>; emergency stop"). Never fails:
 * a failing recorder or report cannot delay or prevent the vent
 * (architecture.md, safety principle 4).
 */
void
ebb_session_emergency_stop (EbbSession *self)
{
  g_autofree char *reason = NULL;
  EbbSessionState was_state;

  g_return_if_fail (EBB_IS_SESSION (self));

  vent_immediately (self);

  if (state_is_final (self->state))
    return;

  was_state = self->state;
  record_event (self, "emergency-stop", NULL, self->operator_name);

  /* A session already aborting (over-vacuum, a device fault, ...) stays
   * aborted with its cause: an emergency stop on top must not turn the
   * record into an ordinary stop and hide why the session ended. */
  if (self->state == EBB_SESSION_STATE_FINISHING
      && self->final_state == EBB_SESSION_STATE_ABORTED)
    {
      reason = g_strdup_printf ("%s; emergency stop", self->final_reason);
      end_session (self, EBB_SESSION_STATE_ABORTED, reason);
    }
  else
    {
      end_session (self, EBB_SESSION_STATE_STOPPED, "emergency stop");
    }

  /* Last, after the vent and the record: the trail never comes between
   * the button and the chamber, and its failure is only logged. */
  audit_action (self, ebb_permissions_audit_id (EBB_ACTION_SESSION_EMERGENCY_STOP),
                ebb_session_state_id (was_state));
}

/**
 * ebb_session_report_symptom:
 * @self: a running or paused session
 * @symptom: what the client reports
 * @note: (nullable): the operator's note for "other"
 * @error: return location for %EBB_SESSION_ERROR_WRONG_STATE
 *
 * Vents at once, records the symptom and pauses; #EbbSession::symptom-reported
 * asks the operator to end or resume.
 *
 * Returns: %TRUE if recorded
 */
gboolean
ebb_session_report_symptom (EbbSession  *self,
                            EbbSymptom   symptom,
                            const char  *note,
                            GError     **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (self->state != EBB_SESSION_STATE_RUNNING && self->state != EBB_SESSION_STATE_PAUSED)
    {
      g_set_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE,
                   _("Symptoms can only be recorded during a session."));
      return FALSE;
    }

  vent_immediately (self);
  detail = note != NULL && *note != '\0'
    ? g_strdup_printf ("%s: %s", ebb_symptom_id (symptom), note)
    : g_strdup (ebb_symptom_id (symptom));
  record_event (self, "symptom", detail, self->operator_name);
  if (self->state == EBB_SESSION_STATE_RUNNING)
    pause_running (self);
  g_signal_emit (self, signals[SYMPTOM_REPORTED], 0, symptom);
  return TRUE;
}

/**
 * ebb_session_state_id:
 * @state: a state
 *
 * Returns: the stable identifier the store records
 */
const char *
ebb_session_state_id (EbbSessionState state)
{
  switch (state)
    {
    case EBB_SESSION_STATE_PREPARING:
      return "preparing";
    case EBB_SESSION_STATE_RUNNING:
      return "running";
    case EBB_SESSION_STATE_PAUSED:
      return "paused";
    case EBB_SESSION_STATE_FINISHING:
      return "finishing";
    case EBB_SESSION_STATE_COMPLETED:
      return "completed";
    case EBB_SESSION_STATE_STOPPED:
      return "stopped";
    case EBB_SESSION_STATE_ABORTED:
      return "aborted";
    case EBB_SESSION_STATE_INTERRUPTED:
      return "interrupted";
    default:
      return "unknown";
    }
}

static const char *
state_label_msgid (EbbSessionState state)
{
  switch (state)
    {
    case EBB_SESSION_STATE_PREPARING:
      return NC_("session state", "Preparing");
    case EBB_SESSION_STATE_RUNNING:
      return NC_("session state", "Running");
    case EBB_SESSION_STATE_PAUSED:
      return NC_("session state", "Paused");
    case EBB_SESSION_STATE_FINISHING:
      return NC_("session state", "Finishing");
    case EBB_SESSION_STATE_COMPLETED:
      return NC_("session state", "Completed");
    case EBB_SESSION_STATE_STOPPED:
      return NC_("session state", "Stopped");
    case EBB_SESSION_STATE_ABORTED:
      return NC_("session state", "Aborted");
    case EBB_SESSION_STATE_INTERRUPTED:
      return NC_("session state", "Interrupted");
    default:
      return "";
    }
}

/**
 * ebb_session_state_label:
 * @state: a state
 *
 * Returns: the translated state name
 */
const char *
ebb_session_state_label (EbbSessionState state)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "session state", state_label_msgid (state));
}

/**
 * ebb_session_phase_label:
 * @phase: a phase
 *
 * Returns: the translated phase name
 */
const char *
ebb_session_phase_label (EbbSessionPhase phase)
{
  switch (phase)
    {
    case EBB_SESSION_PHASE_VACUUM:
      return C_("session phase", "Vacuum");
    case EBB_SESSION_PHASE_RELEASE:
      return C_("session phase", "Release");
    case EBB_SESSION_PHASE_NONE:
    default:
      return "—";
    }
}

const char *
ebb_symptom_id (EbbSymptom symptom)
{
  switch (symptom)
    {
    case EBB_SYMPTOM_LIGHT_HEADED:
      return "light-headedness";
    case EBB_SYMPTOM_NAUSEA:
      return "nausea";
    case EBB_SYMPTOM_PAIN:
      return "pain";
    case EBB_SYMPTOM_OTHER:
    default:
      return "other";
    }
}

/* What the session runner records is ids (end reasons, event types, states,
 * alarm kinds, symptoms), so that the words can follow the language of
 * whoever reads them later: the console's summary through gettext, a
 * report through its own catalogue. These tables are the one place that
 * turns them into words. */

static const struct
{
  const char *id;
  const char *text;
} end_reasons[] = {
  { "completed", N_("The profile ran to its end.") },
  { "stopped by operator", N_("Stopped by the operator. The chamber was vented.") },
  { "emergency stop", N_("Emergency stop: the chamber was vented at once.") },
  { "vent-timeout", N_("The chamber did not reach atmosphere in time after the end. Check the vent.") },
  { "set-target-refused", N_("The chamber refused a setpoint; the session was aborted.") },
  { "target-outside-hard-limit", N_("A setpoint beyond the hard limit was refused; the session was aborted.") },
};

static const char *
translate_gettext (const char *context,
                   const char *msgid,
                   gpointer    data)
{
  return context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid)
                         : g_dgettext (GETTEXT_PACKAGE, msgid);
}

static const char *
tr (EbbTranslateFunc  translate,
    gpointer          data,
    const char       *context,
    const char       *msgid) G_GNUC_FORMAT (4);

static const char *
tr (EbbTranslateFunc  translate,
    gpointer          data,
    const char       *context,
    const char       *msgid)
{
  return translate (context, msgid, data);
}

static const char *
end_reason_msgid (const char *reason_id)
{
  EbbAlarmKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (end_reasons); i++)
    if (g_strcmp0 (reason_id, end_reasons[i].id) == 0)
      return end_reasons[i].text;

  /* An alarm that ended the session is recorded as its kind. */
  kind = ebb_alarm_kind_from_id (reason_id);
  return kind != 0 ? ebb_alarm_kind_title_msgid (kind) : NULL;
}

/**
 * ebb_session_describe_end_reason:
 * @reason_id: (nullable): an end reason as the session records it
 *
 * Returns: why the session ended, in words in the user interface's
 *   language; @reason_id itself when it is not one the session writes
 */
const char *
ebb_session_describe_end_reason (const char *reason_id)
{
  const char *msgid = end_reason_msgid (reason_id);

  return msgid != NULL ? g_dgettext (GETTEXT_PACKAGE, msgid) : reason_id;
}

/**
 * ebb_session_translate_end_reason:
 * @reason_id: (nullable): an end reason as the session records it
 * @translate: (nullable): how to translate; gettext when %NULL
 * @data: data for @translate
 *
 * Returns: (transfer full) (nullable): why the session ended in words,
 *   or %NULL when @reason_id is not one the session writes
 */
char *
ebb_session_translate_end_reason (const char       *reason_id,
                                  EbbTranslateFunc  translate,
                                  gpointer          data)
{
  const char *msgid = end_reason_msgid (reason_id);

  if (translate == NULL)
    translate = translate_gettext;

  return msgid != NULL ? g_strdup (translate (NULL, msgid, data)) : NULL;
}

static const char *
symptom_msgid (const char *id)
{
  static const struct
  {
    EbbSymptom  symptom;
    const char *label;
  } symptoms[] = {
    { EBB_SYMPTOM_LIGHT_HEADED, NC_("symptom", "Light-headedness") },
    { EBB_SYMPTOM_NAUSEA, NC_("symptom", "Nausea") },
    { EBB_SYMPTOM_PAIN, NC_("symptom", "Pain") },
    { EBB_SYMPTOM_OTHER, NC_("symptom", "Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symptoms); i++)
    if (g_strcmp0 (id, ebb_symptom_id (symptoms[i].symptom)) == 0)
      return symptoms[i].label;

  return NULL;
}

static EbbSessionState
state_from_id (const char *id)
{
  for (EbbSessionState state = EBB_SESSION_STATE_PREPARING; state <= EBB_SESSION_STATE_INTERRUPTED; state++)
    if (g_strcmp0 (id, ebb_session_state_id (state)) == 0)
      return state;

  return 0;
}

static char *
alarm_event_text (const char       *type,
                  const char       *subject,
                  EbbTranslateFunc  translate,
                  gpointer          data)
{
  g_auto(GStrv) words = g_strsplit (subject, " ", 2);
  EbbAlarmKind kind = ebb_alarm_kind_from_id (words[0]);
  const char *title;

  /* The audio pause silences every alarm at once: no kind of its own. */
  if (kind == 0 && g_str_equal (type, "alarm-audio-paused"))
    return g_strdup (tr (translate, data, NULL, N_("Alarm sound paused for 2 minutes")));
  if (kind == 0 && g_str_equal (type, "alarm-audio-pause-ended"))
    return g_strdup (tr (translate, data, NULL, N_("Alarm sound pause over")));
  if (kind == 0)
    return NULL;
  title = translate (NULL, ebb_alarm_kind_title_msgid (kind), data);

  if (g_str_equal (type, "alarm-raised"))
    /* Translators: an event of a session; %s is an alarm's title */
    return g_strdup_printf (tr (translate, data, NULL, N_("Alarm: %s")), title);
  if (g_str_equal (type, "alarm-escalated"))
    return g_strdup_printf (tr (translate, data, NULL, N_("Alarm raised in priority: %s")), title);
  if (g_str_equal (type, "alarm-acknowledged"))
    return g_strdup_printf (tr (translate, data, NULL, N_("Alarm acknowledged: %s")), title);
  if (g_str_equal (type, "alarm-condition-ended"))
    return g_strdup_printf (tr (translate, data, NULL, N_("Alarm condition over: %s")), title);
  if (g_str_equal (type, "alarm-reset"))
    return g_strdup_printf (tr (translate, data, NULL, N_("Alarm reset: %s")), title);

  return NULL;
}

static char *
event_text (const char       *type,
            const char       *subject,
            EbbTranslateFunc  translate,
            gpointer          data)
{
  const char *label;

  if (g_str_has_prefix (type, "alarm-"))
    return alarm_event_text (type, subject, translate, data);

  if (g_str_equal (type, "state"))
    {
      EbbSessionState state = state_from_id (subject);

      if (state == 0)
        return NULL;
      /* Translators: an event of a session; %s is a state such as “Running” */
      return g_strdup_printf (tr (translate, data, NULL, N_("Session state: %s")),
                              translate ("session state", state_label_msgid (state), data));
    }
  if (g_str_equal (type, "stop"))
    return g_strdup (tr (translate, data, NULL, N_("Stopped by the operator. The chamber was vented.")));
  if (g_str_equal (type, "emergency-stop"))
    return g_strdup (tr (translate, data, NULL, N_("Emergency stop: the chamber was vented at once.")));
  if (g_str_equal (type, "vent-timeout"))
    return g_strdup (tr (translate, data, NULL, N_("The chamber did not reach atmosphere in time after the end. Check the vent.")));
  if (g_str_equal (type, "command-failed"))
    {
      /* The driver's message, recorded in the console's language at the
       * time; printed as recorded unless it is one of the catalogue's. */
      if (*subject == '\0')
        return g_strdup (tr (translate, data, NULL, N_("The chamber did not carry out a command.")));
      return g_strdup_printf (tr (translate, data, NULL, N_("The chamber did not carry out a command: %s")),
                              translate (NULL, subject, data));
    }
  if (g_str_equal (type, "symptom"))
    {
      g_auto(GStrv) parts = g_strsplit (subject, ": ", 2);

      if ((label = symptom_msgid (parts[0])) == NULL)
        return NULL;
      label = translate ("symptom", label, data);
      if (parts[1] != NULL)
        /* Translators: an event of a session: the symptom and the operator's note */
        return g_strdup_printf (tr (translate, data, NULL, N_("Symptom reported: %s (%s)")), label, parts[1]);
      return g_strdup_printf (tr (translate, data, NULL, N_("Symptom reported: %s")), label);
    }

  return NULL;
}

/**
 * ebb_session_translate_event:
 * @type: an event's type as the session records it ("state",
 *   "alarm-raised", …)
 * @detail: (nullable): its detail as recorded, with the name of an
 *   operator other than the session's in parentheses at its end
 * @translate: (nullable): how to translate; gettext when %NULL
 * @data: data for @translate
 *
 * Returns: (transfer full) (nullable): the event in words, or %NULL when
 *   it is not one the session runner writes
 */
char *
ebb_session_translate_event (const char       *type,
                             const char       *detail,
                             EbbTranslateFunc  translate,
                             gpointer          data)
{
  g_autofree char *subject = g_strdup (detail != NULL ? detail : "");
  g_autofree char *text = NULL;
  const char *by = NULL;
  char *open;

  g_return_val_if_fail (type != NULL, NULL);

  if (translate == NULL)
    translate = translate_gettext;

  /* "device-estop high (Anna Berg)": the recorder's note of who acted. */
  if (g_str_has_suffix (subject, ")") && (open = g_strrstr (subject, " (")) != NULL)
    {
      subject[strlen (subject) - 1] = '\0';
      *open = '\0';
      by = open + 2;
    }

  text = event_text (type, subject, translate, data);
  if (text == NULL || by == NULL)
    return g_steal_pointer (&text);

  /* Translators: a session event and the operator who acted */
  return g_strdup_printf (tr (translate, data, NULL, N_("%s (by %s)")), text, by);
}

/**
 * ebb_session_set_operator_session:
 * @self: a session
 * @ctx: (nullable): the console the session is run from
 *
 * From now on ebb_session_start(), ebb_session_pause(), ebb_session_resume(),
 * ebb_session_stop(), ebb_session_acknowledge_alarm() and
 * ebb_session_pause_alarm_audio() check
 * @ctx's operator with ebb_permissions_check(): they are refused (and the
 * refusal audited) while the console is locked or for an operator without
 * the role. ebb_session_emergency_stop() and ebb_session_report_symptom()
 * are never refused. The console may change operator while the session
 * runs; the check always asks about the current one.
 */
void
ebb_session_set_operator_session (EbbSession         *self,
                                  EbbOperatorSession *ctx)
{
  g_return_if_fail (EBB_IS_SESSION (self));
  g_return_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));

  g_set_object (&self->operator_session, ctx);
}

/* Who acts, for the alarm record: with an operator session, the operator
 * the permission was just checked for, whatever name the caller passed. */
static const char *
acting_operator (EbbSession *self,
                 const char *given)
{
  const EbbOperator *op = self->operator_session != NULL
                          ? ebb_operator_session_get_operator (self->operator_session) : NULL;

  return op != NULL ? op->username : given;
}

/**
 * ebb_session_acknowledge_alarm:
 * @self: a session
 * @kind: the alarm
 * @operator_name: (nullable): who acknowledges, for the alarm record when
 *   no operator session is attached (then its current operator counts)
 * @error: return location for an #EBB_PERMISSION_ERROR
 *
 * Acknowledges the alarm with the safety supervisor, after the permission
 * check of ebb_session_set_operator_session().
 *
 * Returns: %TRUE if allowed (whether or not the alarm was still active)
 */
gboolean
ebb_session_acknowledge_alarm (EbbSession    *self,
                               EbbAlarmKind   kind,
                               const char    *operator_name,
                               GError       **error)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (!check_permission (self, EBB_ACTION_ALARM_ACKNOWLEDGE, error))
    return FALSE;

  if (ebb_safety_supervisor_acknowledge (self->supervisor, kind, acting_operator (self, operator_name)))
    audit_action (self, ebb_permissions_audit_id (EBB_ACTION_ALARM_ACKNOWLEDGE),
                  ebb_alarm_kind_id (kind));
  return TRUE;
}

/**
 * ebb_session_pause_alarm_audio:
 * @self: a session
 * @operator_name: (nullable): who pauses, for the alarm record
 * @error: return location for an #EBB_PERMISSION_ERROR
 *
 * Pauses the alarm sound (IEC 60601-1-8 audio pause) with the safety
 * supervisor, after the same check as ebb_session_acknowledge_alarm().
 *
 * Returns: %TRUE if allowed
 */
gboolean
ebb_session_pause_alarm_audio (EbbSession  *self,
                               const char  *operator_name,
                               GError     **error)
{
  g_return_val_if_fail (EBB_IS_SESSION (self), FALSE);

  if (!check_permission (self, EBB_ACTION_ALARM_ACKNOWLEDGE, error))
    return FALSE;

  if (ebb_safety_supervisor_pause_audio (self->supervisor, acting_operator (self, operator_name)))
    audit_action (self, EBB_AUDIT_ALARM_AUDIO_PAUSE, NULL);
  return TRUE;
}
