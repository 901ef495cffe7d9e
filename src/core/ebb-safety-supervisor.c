/* ebb-safety-supervisor.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-safety-supervisor"

#include "config.h"

#include "ebb-profile.h"
#include "ebb-safety-supervisor.h"

/* One rule's evidence, carried across phase boundaries: since
 * when the samples it could judge have all been off track (off the
 * expected trajectory, or beyond a limit), and whether that has lasted
 * the delay. */
typedef struct
{
  guint32 since_ms;
  gboolean pending;
  gboolean holds;
} Evidence;

/* What one sample says about one deviation rule. Samples on a stretch of
 * the trajectory the rule cannot judge (a ramp, a vent still under way, a
 * phase of the other kind) neither start nor end the evidence. */
typedef enum
{
  VERDICT_UNJUDGED,
  VERDICT_ON_TRACK,
  VERDICT_OFF_TRACK,
} Verdict;

/* The supervisor is pure logic: it sees samples, link events and the time
 * of an injectable clock, and answers with alarm events and actions (vent,
 * abort). It never touches the chamber, so every rule is testable in
 * virtual time, and the runner stays the only place that sends commands.
 *
 * Condition delays of pressure rules are measured in device time
 * (device_ms), which is when the chamber measured; staleness, settle times
 * and escalation are measured on the console's clock, because they are
 * about the console not hearing or the condition lasting. */

struct _EbbSafetySupervisor
{
  GObject parent_instance;

  /* owned */
  EbbClock *clock;
  EbbAlarm *alarms[EBB_ALARM_N_KINDS];
  char *operator_name;
  GQueue pending_events;

  /* state */
  guint tick_id;
  gint32 over_vacuum_threshold;
  gint32 setpoint_pa;
  gint32 release_from_pa;
  gint32 latest_pressure_pa;
  guint ramp_pa_s;
  gint32 last_pressure_pa;
  gint64 setpoint_us;
  gint64 settle_us;
  gint64 release_settle_us;
  gint64 last_batch_us;
  gint64 audio_paused_until_us;
  guint32 last_device_ms;
  guint32 in_band_since_ms;
  Evidence loss;
  Evidence too_deep;
  Evidence not_vented;
  Evidence over_vacuum;
  Evidence above_atmosphere;
  EbbAlarmKind abort_cause;
  guint started : 1;
  guint regulating : 1;
  guint have_sample : 1;
  guint reached : 1;
  guint phase_sampled : 1;
  guint lid_seen_closed : 1;
  guint loss_in_phase : 1;
  guint in_band : 1;
  guint abort_sent : 1;
};

G_DEFINE_FINAL_TYPE (EbbSafetySupervisor, ebb_safety_supervisor, G_TYPE_OBJECT)

enum {
  ALARM_EVENT,
  SAFETY_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  guint16 fault;
  EbbAlarmKind kind;
} fault_alarms[] = {
  { EBB_ECP_FAULT_WATCHDOG, EBB_ALARM_DEVICE_WATCHDOG },
  { EBB_ECP_FAULT_OVER_VACUUM, EBB_ALARM_DEVICE_OVER_VACUUM },
  { EBB_ECP_FAULT_SENSOR, EBB_ALARM_DEVICE_SENSOR },
  { EBB_ECP_FAULT_LEAK, EBB_ALARM_DEVICE_LEAK },
  { EBB_ECP_FAULT_LID_OPENED, EBB_ALARM_DEVICE_LID_OPENED },
  { EBB_ECP_FAULT_ESTOP, EBB_ALARM_DEVICE_ESTOP },
  { EBB_ECP_FAULT_OVERTEMP, EBB_ALARM_DEVICE_OVERTEMP },
  { EBB_ECP_FAULT_POWER, EBB_ALARM_DEVICE_POWER },
};

/* Alarms whose condition alone ends the session. The vacuum alarms end it
 * only when they escalate; a deviation never does. */
static gboolean
kind_aborts (EbbAlarmKind kind)
{
  return kind != EBB_ALARM_VACUUM_NOT_REACHED
      && kind != EBB_ALARM_VACUUM_LOSS
      && kind != EBB_ALARM_DEVIATION;
}

static gint64
now_us (EbbSafetySupervisor *self)
{
  return ebb_clock_now_us (self->clock);
}

/* Alarm events are queued and handed out by flush_events() only after the
 * safety action: the runner records them, and a vent must never wait for
 * the record (architecture.md, safety principle 4). */
static void
emit_event (EbbSafetySupervisor *self,
            EbbAlarmEventType    type,
            EbbAlarmKind         kind,
            EbbAlarmPriority     priority,
            const char          *operator_name)
{
  g_queue_push_tail (&self->pending_events,
                     ebb_alarm_event_new (type, kind, priority, now_us (self), operator_name));
}

static void
flush_events (EbbSafetySupervisor *self)
{
  EbbAlarmEvent *event;

  /* One at a time: a handler may queue more (and flush them itself). */
  while ((event = g_queue_pop_head (&self->pending_events)) != NULL)
    {
      g_signal_emit (self, signals[ALARM_EVENT], 0, event);
      ebb_alarm_event_free (event);
    }
}

static void
end_audio_pause (EbbSafetySupervisor *self)
{
  if (self->audio_paused_until_us == 0)
    return;

  self->audio_paused_until_us = 0;
  emit_event (self, EBB_ALARM_EVENT_AUDIO_PAUSE_ENDED, 0, 0, self->operator_name);
}

static EbbSafetyAction
request_abort (EbbSafetySupervisor *self,
               EbbAlarmKind         kind)
{
  /* Vent every time a venting condition appears (a VENT is idempotent and
   * cheap); end the session once, with the first cause. */
  if (self->abort_sent)
    return EBB_SAFETY_ACTION_VENT;

  self->abort_sent = TRUE;
  self->abort_cause = kind;
  return EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT;
}

static EbbSafetyAction
set_condition (EbbSafetySupervisor *self,
               EbbAlarmKind         kind,
               gboolean             active)
{
  EbbAlarm *alarm = self->alarms[kind];
  EbbAlarmEventType type;

  if (!ebb_alarm_set_condition (alarm, active, now_us (self), &type))
    return EBB_SAFETY_ACTION_NONE;

  if (type == EBB_ALARM_EVENT_RAISED)
    end_audio_pause (self);
  emit_event (self, type, kind, ebb_alarm_get_priority (alarm), self->operator_name);

  if (type == EBB_ALARM_EVENT_RAISED && kind_aborts (kind))
    return request_abort (self, kind);
  return EBB_SAFETY_ACTION_NONE;
}

static EbbSafetyAction
escalate (EbbSafetySupervisor *self)
{
  EbbSafetyAction actions = EBB_SAFETY_ACTION_NONE;
  gint64 now = now_us (self);
  static const EbbAlarmKind escalating[] = {
    EBB_ALARM_VACUUM_NOT_REACHED, EBB_ALARM_VACUUM_LOSS, EBB_ALARM_DEVIATION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (escalating); i++)
    {
      EbbAlarm *alarm = self->alarms[escalating[i]];
      EbbAlarmPriority next;

      if (!ebb_alarm_get_condition (alarm)
          || now - ebb_alarm_get_raised_us (alarm) < EBB_SUPERVISOR_ESCALATE_US)
        continue;

      /* A vacuum that is not there for 10 s is not therapy and may hide a
       * seal problem: end the session. A deviation only gets louder. */
      if (escalating[i] == EBB_ALARM_DEVIATION)
        next = EBB_ALARM_PRIORITY_MEDIUM;
      else
        next = EBB_ALARM_PRIORITY_HIGH;

      if (!ebb_alarm_escalate (alarm, next))
        continue;

      end_audio_pause (self);
      emit_event (self, EBB_ALARM_EVENT_ESCALATED, escalating[i], next, self->operator_name);
      if (next == EBB_ALARM_PRIORITY_HIGH)
        actions |= request_abort (self, escalating[i]);
    }

  return actions;
}

static EbbSafetyAction
clear_regulation_conditions (EbbSafetySupervisor *self)
{
  EbbSafetyAction actions = EBB_SAFETY_ACTION_NONE;

  self->loss = (Evidence) { 0 };
  self->too_deep = (Evidence) { 0 };
  self->not_vented = (Evidence) { 0 };
  actions |= set_condition (self, EBB_ALARM_VACUUM_NOT_REACHED, FALSE);
  actions |= set_condition (self, EBB_ALARM_VACUUM_LOSS, FALSE);
  actions |= set_condition (self, EBB_ALARM_DEVIATION, FALSE);
  return actions;
}

/* Where a release phase may be at @elapsed_us after its setpoint: the
 * commanded ramp from where the phase began (the previous setpoint, or the
 * pressure then if deeper) towards 0, lagging by the vent time ECP-1 §5.5
 * allows. Nothing deeper than this is part of a
 * normal release. */
static gint32
release_trajectory_pa (EbbSafetySupervisor *self,
                       gint64               elapsed_us)
{
  gint64 lagged_us = elapsed_us - EBB_SUPERVISOR_VENT_US;
  gint32 from = self->release_from_pa;

  if (lagged_us <= 0)
    return from;
  if (self->ramp_pa_s == 0)
    return 0;
  return (gint32) MIN ((gint64) from + (gint64) self->ramp_pa_s * lagged_us / G_USEC_PER_SEC, 0);
}

/* Adds one verdict to a rule's evidence; returns whether the rule's
 * condition holds. It starts to hold on an off-track sample when every
 * judged sample for @delay_ms has been off track (so a phase that cannot
 * be judged never raises it by itself), and ends on an on-track one. */
static gboolean
weigh_evidence (Evidence *evidence,
                Verdict   verdict,
                guint32   device_ms,
                guint32   delay_ms)
{
  switch (verdict)
    {
    case VERDICT_OFF_TRACK:
      if (!evidence->pending)
        {
          evidence->pending = TRUE;
          evidence->since_ms = device_ms;
        }
      if (device_ms - evidence->since_ms >= delay_ms)
        evidence->holds = TRUE;
      break;
    case VERDICT_ON_TRACK:
      evidence->pending = FALSE;
      evidence->holds = FALSE;
      break;
    case VERDICT_UNJUDGED:
    default:
      break;
    }

  return evidence->holds;
}

static EbbSafetyAction
evaluate_regulation (EbbSafetySupervisor   *self,
                     const EbbEcpTelemetry *sample)
{
  EbbSafetyAction actions = EBB_SAFETY_ACTION_NONE;
  gint32 p = sample->pressure_pa;
  gint32 target = self->setpoint_pa;
  gint64 elapsed_us = now_us (self) - self->setpoint_us;
  gboolean settled = elapsed_us >= self->settle_us;
  Verdict too_deep = VERDICT_UNJUDGED;
  Verdict not_vented = VERDICT_UNJUDGED;
  gboolean deviation;
  gint32 loss_tolerance = MAX (EBB_SUPERVISOR_LOSS_MIN_PA, -target / 5);

  if (target < 0)
    {
      if (ABS (p - target) <= EBB_SUPERVISOR_REACH_TOLERANCE_PA)
        {
          self->reached = TRUE;
          self->loss = (Evidence) { 0 };
          actions |= set_condition (self, EBB_ALARM_VACUUM_NOT_REACHED, FALSE);
          /* A loss judged at the end of an earlier phase ends only with a
           * phase that keeps its vacuum (judge_vacuum_phase()): reaching
           * the level and leaking it again every short phase is a leak. */
          if (self->loss_in_phase)
            actions |= set_condition (self, EBB_ALARM_VACUUM_LOSS, FALSE);
        }
      else if (!self->reached && settled)
        {
          actions |= set_condition (self, EBB_ALARM_VACUUM_NOT_REACHED, TRUE);
        }

      /* Once the level was reached, every sample is judged: a vacuum
       * lost for the delay raises the loss; back within the tolerance
       * starts the count again. */
      if (weigh_evidence (&self->loss,
                          self->reached && p > target + loss_tolerance ? VERDICT_OFF_TRACK : VERDICT_ON_TRACK,
                          sample->device_ms, EBB_SUPERVISOR_LOSS_DELAY_MS))
        {
          self->loss_in_phase = TRUE;
          actions |= set_condition (self, EBB_ALARM_VACUUM_LOSS, TRUE);
        }

      /* Going deeper than the target is never part of a ramp towards it,
       * so it counts from the first sample: a phase shorter than the
       * settle time must not hide an overshoot. The pressure is on track
       * once it holds the band for the time ECP-1 §4.2 asks of
       * TARGET_REACHED; passing through it on the way down, or on the way
       * to an overshoot, says nothing. */
      if (ABS (p - target) > EBB_SUPERVISOR_DEVIATION_PA)
        self->in_band = FALSE;
      else if (!self->in_band)
        {
          self->in_band = TRUE;
          self->in_band_since_ms = sample->device_ms;
        }

      if (p < target - EBB_SUPERVISOR_DEVIATION_PA)
        too_deep = VERDICT_OFF_TRACK;
      else if (self->in_band && sample->device_ms - self->in_band_since_ms >= EBB_SUPERVISOR_HOLD_MS)
        too_deep = VERDICT_ON_TRACK;
    }
  else
    {
      /* Release phase: the chamber must come back to atmosphere. Once the
       * ramp and the vent time are over it must be there; before that it
       * must at least follow the release, never lag behind it. The vent
       * time, not the pump's settle time, so a 2 s release is judged. */
      if (elapsed_us >= self->release_settle_us)
        not_vented = p < -EBB_SUPERVISOR_DEVIATION_PA ? VERDICT_OFF_TRACK : VERDICT_ON_TRACK;
      else if (p < release_trajectory_pa (self, elapsed_us) - EBB_SUPERVISOR_DEVIATION_PA)
        not_vented = VERDICT_OFF_TRACK;
    }

  /* Each rule's evidence spans phase boundaries: with 2 s phases no single
   * phase lasts the delay, but a sensor offset, a stuck sensor or a
   * chamber that does not vent shows in every phase of its kind, and the
   * phases in between cannot clear it. */
  deviation = weigh_evidence (&self->too_deep, too_deep, sample->device_ms,
                              EBB_SUPERVISOR_DEVIATION_DELAY_MS);
  deviation |= weigh_evidence (&self->not_vented, not_vented, sample->device_ms,
                               EBB_SUPERVISOR_DEVIATION_DELAY_MS);
  actions |= set_condition (self, EBB_ALARM_DEVIATION, deviation);

  return actions;
}

static EbbSafetyAction
evaluate_sample (EbbSafetySupervisor   *self,
                 const EbbEcpTelemetry *sample)
{
  EbbSafetyAction actions = EBB_SAFETY_ACTION_NONE;

  /* ECP-1 §5.4: device_ms going backwards means the device restarted (a
   * genuine wrap after 49.7 days jumps by almost 2^32 and is not one). */
  if (self->have_sample && sample->device_ms < self->last_device_ms
      && self->last_device_ms - sample->device_ms < G_MAXUINT32 / 2)
    actions |= set_condition (self, EBB_ALARM_DEVICE_REBOOT, TRUE);
  self->have_sample = TRUE;
  self->last_device_ms = sample->device_ms;
  self->latest_pressure_pa = sample->pressure_pa;

  for (guint i = 0; i < G_N_ELEMENTS (fault_alarms); i++)
    actions |= set_condition (self, fault_alarms[i].kind,
                              (sample->faults & fault_alarms[i].fault) != 0);

  /* Over-vacuum is checked in every state, not only while regulating: a
   * chamber that goes deep while paused or venting is just as dangerous.
   * Every sample is judged, so one above the threshold ends the condition. */
  actions |= set_condition (self, EBB_ALARM_OVER_VACUUM,
                            weigh_evidence (&self->over_vacuum,
                                            sample->pressure_pa < self->over_vacuum_threshold
                                            ? VERDICT_OFF_TRACK : VERDICT_ON_TRACK,
                                            sample->device_ms,
                                            EBB_SUPERVISOR_OVER_VACUUM_DELAY_MS));

  /* The mirror image: a sensor that reads high hides an over-vacuum from
   * the rule above (the regulator pulls the real pressure deeper until the
   * reading matches the level). Vented, such a sensor reads above
   * atmosphere, which no vacuum chamber can be: HIGH, vent, end. */
  actions |= set_condition (self, EBB_ALARM_SENSOR_IMPLAUSIBLE,
                            weigh_evidence (&self->above_atmosphere,
                                            sample->pressure_pa > EBB_SUPERVISOR_ABOVE_ATMOSPHERE_PA
                                            ? VERDICT_OFF_TRACK : VERDICT_ON_TRACK,
                                            sample->device_ms,
                                            EBB_SUPERVISOR_ABOVE_ATMOSPHERE_DELAY_MS));

  /* ECP-1 §4.2: the chamber raises LID_OPENED only while it regulates a
   * vacuum; a lid opened in a release phase shows only as LID_CLOSED
   * dropping. A chamber without a lid sensor never sets the flag. */
  if (sample->flags & EBB_ECP_FLAG_LID_CLOSED)
    {
      self->lid_seen_closed = TRUE;
      actions |= set_condition (self, EBB_ALARM_LID_OPEN, FALSE);
    }
  else if (self->regulating && self->lid_seen_closed)
    {
      actions |= set_condition (self, EBB_ALARM_LID_OPEN, TRUE);
    }

  if (self->regulating)
    {
      actions |= evaluate_regulation (self, sample);
      self->last_pressure_pa = sample->pressure_pa;
      self->phase_sampled = TRUE;
    }

  return actions;
}

static EbbSafetyAction
act (EbbSafetySupervisor *self,
     EbbSafetyAction      actions)
{
  if (actions != EBB_SAFETY_ACTION_NONE)
    g_signal_emit (self, signals[SAFETY_ACTION], 0, actions,
                   self->abort_cause != 0 ? self->abort_cause : 0);
  flush_events (self);
  return actions;
}

static gboolean
tick_cb (gpointer data)
{
  EbbSafetySupervisor *self = data;

  self->tick_id = 0;
  /* Re-arm first: a handler of our signals may stop the supervisor. */
  self->tick_id = ebb_clock_add_timeout (self->clock, EBB_SUPERVISOR_TICK_US, tick_cb, self);
  ebb_safety_supervisor_tick (self);
  return G_SOURCE_REMOVE;
}

static void
ebb_safety_supervisor_dispose (GObject *object)
{
  EbbSafetySupervisor *self = (EbbSafetySupervisor *) object;

  if (self->clock != NULL)
    ebb_clock_clear_timeout (self->clock, &self->tick_id);
  g_clear_object (&self->clock);
  for (guint i = 0; i < EBB_ALARM_N_KINDS; i++)
    g_clear_object (&self->alarms[i]);

  G_OBJECT_CLASS (ebb_safety_supervisor_parent_class)->dispose (object);
}

static void
ebb_safety_supervisor_finalize (GObject *object)
{
  EbbSafetySupervisor *self = (EbbSafetySupervisor *) object;

  g_clear_pointer (&self->operator_name, g_free);
  g_queue_clear_full (&self->pending_events, (GDestroyNotify) ebb_alarm_event_free);

  G_OBJECT_CLASS (ebb_safety_supervisor_parent_class)->finalize (object);
}

static void
ebb_safety_supervisor_class_init (EbbSafetySupervisorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_safety_supervisor_dispose;
  object_class->finalize = ebb_safety_supervisor_finalize;

  /**
   * EbbSafetySupervisor::alarm-event:
   * @self: the supervisor
   * @event: (type EbbAlarmEvent): what happened
   *
   * Every raise, escalation, acknowledgement, audio pause, condition end
   * and reset, for the session's record and the display.
   */
  signals[ALARM_EVENT] =
    g_signal_new ("alarm-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  EBB_TYPE_ALARM_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * EbbSafetySupervisor::safety-action:
   * @self: the supervisor
   * @actions: #EbbSafetyAction flags
   * @cause: the #EbbAlarmKind that aborts the session, or 0
   *
   * The supervisor wants the chamber vented and possibly the session
   * aborted. Emitted from feed, tick and link events alike.
   */
  signals[SAFETY_ACTION] =
    g_signal_new ("safety-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
ebb_safety_supervisor_init (EbbSafetySupervisor *self)
{
  g_queue_init (&self->pending_events);
  for (guint i = EBB_ALARM_OVER_VACUUM; i < EBB_ALARM_N_KINDS; i++)
    self->alarms[i] = ebb_alarm_new (i);
  ebb_safety_supervisor_set_limits (self, 0, 0, FALSE);
}

/**
 * ebb_safety_supervisor_new:
 * @clock: the time source
 *
 * Returns: (transfer full): a new supervisor, not yet started
 */
EbbSafetySupervisor *
ebb_safety_supervisor_new (EbbClock *clock)
{
  EbbSafetySupervisor *self;

  g_return_val_if_fail (EBB_IS_CLOCK (clock), NULL);

  self = g_object_new (EBB_TYPE_SAFETY_SUPERVISOR, NULL);
  self->clock = g_object_ref (clock);
  return self;
}

/**
 * ebb_safety_supervisor_set_operator:
 * @self: a supervisor
 * @operator_name: (nullable): the session's operator, named in events the
 *   supervisor raises by itself
 */
void
ebb_safety_supervisor_set_operator (EbbSafetySupervisor *self,
                                    const char          *operator_name)
{
  g_return_if_fail (EBB_IS_SAFETY_SUPERVISOR (self));

  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
}

/**
 * ebb_safety_supervisor_set_limits:
 * @self: a supervisor
 * @clinic_limit_pa: the clinic's override limit in force
 * @level_pa: the profile's level
 * @approved: whether the profile is clinician-approved beyond the limit
 *
 * Sets the over-vacuum threshold: the deepest level this session may use
 * (the profile's level, never beyond the clinic's limit without approval
 * and never beyond the hard limit), less a margin.
 */
void
ebb_safety_supervisor_set_limits (EbbSafetySupervisor *self,
                                  gint32               clinic_limit_pa,
                                  gint32               level_pa,
                                  gboolean             approved)
{
  gint32 allowed;

  g_return_if_fail (EBB_IS_SAFETY_SUPERVISOR (self));

  allowed = CLAMP (level_pa, EBB_PROFILE_HARD_LIMIT_PA, 0);
  if (!approved)
    allowed = MAX (allowed, MIN (clinic_limit_pa, 0));
  self->over_vacuum_threshold = allowed - EBB_SUPERVISOR_OVER_VACUUM_MARGIN_PA;
}

gint32
ebb_safety_supervisor_get_over_vacuum_threshold (EbbSafetySupervisor *self)
{
  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), 0);
  return self->over_vacuum_threshold;
}

/* A vacuum phase may be shorter than the settle time (phases are 2–120 s),
 * so "settled" never comes and the checks above never fire. Judge the
 * phase when it ends instead: a vacuum phase that never reached its target
 * raises "vacuum not reached", one that reached it but ended above the
 * loss tolerance raises "vacuum loss" (and one that ended holding it ends
 * that condition). The conditions last through the
 * release phase until a later vacuum phase reaches its target, so they
 * escalate and abort after 10 s of failure whatever the phase lengths. */
static EbbSafetyAction
judge_vacuum_phase (EbbSafetySupervisor *self)
{
  gint32 target = self->setpoint_pa;
  gint32 loss_tolerance = MAX (EBB_SUPERVISOR_LOSS_MIN_PA, -target / 5);

  if (!self->regulating || target >= 0 || !self->phase_sampled)
    return EBB_SAFETY_ACTION_NONE;

  if (!self->reached)
    return set_condition (self, EBB_ALARM_VACUUM_NOT_REACHED, TRUE);
  return set_condition (self, EBB_ALARM_VACUUM_LOSS,
                        self->last_pressure_pa > target + loss_tolerance);
}

/**
 * ebb_safety_supervisor_set_setpoint:
 * @self: a supervisor
 * @target_pa: the target just sent
 * @ramp_pa_s: its ramp rate (0 = device maximum)
 *
 * Starts a phase: from now, the pressure is expected to reach @target_pa
 * within the ramp time plus the pump's settle time (ECP-1 §5.5). Ends the
 * previous phase: a vacuum phase that did not reach or keep its target
 * raises its alarm now, however short it was.
 */
void
ebb_safety_supervisor_set_setpoint (EbbSafetySupervisor *self,
                                    gint32               target_pa,
                                    guint                ramp_pa_s)
{
  EbbSafetyAction actions;
  gint64 ramp_us = 0;

  g_return_if_fail (EBB_IS_SAFETY_SUPERVISOR (self));

  actions = judge_vacuum_phase (self);

  if (ramp_pa_s > 0)
    ramp_us = (gint64) ABS (target_pa - self->setpoint_pa) * G_USEC_PER_SEC / ramp_pa_s;

  self->release_from_pa = MIN (MIN (self->setpoint_pa, self->latest_pressure_pa), 0);
  self->setpoint_pa = target_pa;
  self->ramp_pa_s = ramp_pa_s;
  self->setpoint_us = now_us (self);
  self->settle_us = ramp_us + EBB_SUPERVISOR_SETTLE_US;
  self->release_settle_us = ramp_us + EBB_SUPERVISOR_VENT_US;
  self->reached = FALSE;
  self->in_band = FALSE;
  self->phase_sampled = FALSE;
  self->loss_in_phase = FALSE;
  self->loss = (Evidence) { 0 };
  /* The deviation evidence is kept: an overshoot or a sensor that does
   * not return to atmosphere across short phases is one deviation, not a
   * new one per phase (evaluate_regulation()). */

  /* Last, so a handler that ends the session sees the new setpoint. */
  act (self, actions);
}

/**
 * ebb_safety_supervisor_set_regulating:
 * @self: a supervisor
 * @regulating: whether the session is running its phases
 *
 * The vacuum and deviation rules apply only while the session runs its
 * phases; pausing or finishing ends their conditions. Over-vacuum, device
 * faults, staleness and reboots are supervised regardless.
 */
void
ebb_safety_supervisor_set_regulating (EbbSafetySupervisor *self,
                                      gboolean             regulating)
{
  g_return_if_fail (EBB_IS_SAFETY_SUPERVISOR (self));

  self->regulating = !!regulating;
  if (!regulating)
    act (self, clear_regulation_conditions (self));
}

/**
 * ebb_safety_supervisor_start:
 * @self: a supervisor
 *
 * Starts supervising: from now, telemetry must arrive, and a timer checks
 * that it does even when nothing else happens.
 */
void
ebb_safety_supervisor_start (EbbSafetySupervisor *self)
{
  g_return_if_fail (EBB_IS_SAFETY_SUPERVISOR (self));

  if (self->started)
    return;

  self->started = TRUE;
  self->last_batch_us = now_us (self);
  self->tick_id = ebb_clock_add_timeout (self->clock, EBB_SUPERVISOR_TICK_US, tick_cb, self);
}

/**
 * ebb_safety_supervisor_stop:
 * @self: a supervisor
 *
 * Stops the timer; the alarms keep their state for display.
 */
void
ebb_safety_supervisor_stop (EbbSafetySupervisor *self)
{
  g_return_if_fail (EBB_IS_SAFETY_SUPERVISOR (self));

  self->started = FALSE;
  ebb_clock_clear_timeout (self->clock, &self->tick_id);
}

/**
 * ebb_safety_supervisor_feed:
 * @self: a supervisor
 * @samples: (array length=n_samples): a telemetry batch, oldest first
 * @n_samples: the number of samples
 *
 * Evaluates every sample of a batch.
 *
 * Returns: what the runner must do now
 */
EbbSafetyAction
ebb_safety_supervisor_feed (EbbSafetySupervisor   *self,
                            const EbbEcpTelemetry *samples,
                            guint                  n_samples)
{
  EbbSafetyAction actions = EBB_SAFETY_ACTION_NONE;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), EBB_SAFETY_ACTION_NONE);
  g_return_val_if_fail (samples != NULL || n_samples == 0, EBB_SAFETY_ACTION_NONE);

  if (n_samples > 0)
    {
      self->last_batch_us = now_us (self);
      actions |= set_condition (self, EBB_ALARM_TELEMETRY_STALE, FALSE);
    }

  for (guint i = 0; i < n_samples; i++)
    actions |= evaluate_sample (self, &samples[i]);

  actions |= escalate (self);
  return act (self, actions);
}

/**
 * ebb_safety_supervisor_tick:
 * @self: a supervisor
 *
 * The timed half of supervision: staleness, escalation and the end of the
 * audio pause. Runs from the supervisor's own timer once started.
 *
 * Returns: what the runner must do now
 */
EbbSafetyAction
ebb_safety_supervisor_tick (EbbSafetySupervisor *self)
{
  EbbSafetyAction actions = EBB_SAFETY_ACTION_NONE;
  gint64 now;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), EBB_SAFETY_ACTION_NONE);

  now = now_us (self);
  if (self->started && now - self->last_batch_us > EBB_SUPERVISOR_STALE_US)
    actions |= set_condition (self, EBB_ALARM_TELEMETRY_STALE, TRUE);

  if (self->audio_paused_until_us != 0 && now >= self->audio_paused_until_us)
    end_audio_pause (self);

  actions |= escalate (self);
  return act (self, actions);
}

/**
 * ebb_safety_supervisor_link_lost:
 * @self: a supervisor
 *
 * The chamber driver declared the link failed (no ACKs, port vanished).
 *
 * Returns: what the runner must do now
 */
EbbSafetyAction
ebb_safety_supervisor_link_lost (EbbSafetySupervisor *self)
{
  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), EBB_SAFETY_ACTION_NONE);

  return act (self, set_condition (self, EBB_ALARM_LINK_LOST, TRUE));
}

/**
 * ebb_safety_supervisor_device_rebooted:
 * @self: a supervisor
 *
 * The chamber sent BOOT or its clock went backwards (ECP-1 §5.4).
 *
 * Returns: what the runner must do now
 */
EbbSafetyAction
ebb_safety_supervisor_device_rebooted (EbbSafetySupervisor *self)
{
  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), EBB_SAFETY_ACTION_NONE);

  return act (self, set_condition (self, EBB_ALARM_DEVICE_REBOOT, TRUE));
}

/**
 * ebb_safety_supervisor_get_alarm:
 * @self: a supervisor
 * @kind: an alarm kind
 *
 * Returns: (transfer none): the alarm's state
 */
EbbAlarm *
ebb_safety_supervisor_get_alarm (EbbSafetySupervisor *self,
                                 EbbAlarmKind         kind)
{
  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), NULL);
  g_return_val_if_fail (kind >= EBB_ALARM_OVER_VACUUM && kind < EBB_ALARM_N_KINDS, NULL);

  return self->alarms[kind];
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  EbbAlarm *alarm_a = *(EbbAlarm **) a;
  EbbAlarm *alarm_b = *(EbbAlarm **) b;

  if (ebb_alarm_get_priority (alarm_a) != ebb_alarm_get_priority (alarm_b))
    return (int) ebb_alarm_get_priority (alarm_b) - (int) ebb_alarm_get_priority (alarm_a);
  return ebb_alarm_get_raised_us (alarm_a) < ebb_alarm_get_raised_us (alarm_b) ? -1 : 1;
}

/**
 * ebb_safety_supervisor_list_signalled:
 * @self: a supervisor
 *
 * Returns: (transfer full) (element-type EbbAlarm): the alarms being
 *   signalled, highest priority first, then oldest first
 */
GPtrArray *
ebb_safety_supervisor_list_signalled (EbbSafetySupervisor *self)
{
  GPtrArray *list;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), NULL);

  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = EBB_ALARM_OVER_VACUUM; i < EBB_ALARM_N_KINDS; i++)
    if (ebb_alarm_get_signal (self->alarms[i]))
      g_ptr_array_add (list, g_object_ref (self->alarms[i]));
  g_ptr_array_sort (list, compare_priority);
  return list;
}

/**
 * ebb_safety_supervisor_get_abort_cause:
 * @self: a supervisor
 *
 * Returns: the alarm that aborted the session, or 0
 */
EbbAlarmKind
ebb_safety_supervisor_get_abort_cause (EbbSafetySupervisor *self)
{
  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), 0);
  return self->abort_cause;
}

/**
 * ebb_safety_supervisor_get_audible_priority:
 * @self: a supervisor
 *
 * Returns: the priority of the sound to play now, or 0 for silence
 *   (nothing signalled, everything acknowledged, or audio paused)
 */
EbbAlarmPriority
ebb_safety_supervisor_get_audible_priority (EbbSafetySupervisor *self)
{
  EbbAlarmPriority loudest = 0;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), 0);

  if (self->audio_paused_until_us != 0 && now_us (self) < self->audio_paused_until_us)
    return 0;

  for (guint i = EBB_ALARM_OVER_VACUUM; i < EBB_ALARM_N_KINDS; i++)
    if (ebb_alarm_get_signal (self->alarms[i]) && !ebb_alarm_get_acknowledged (self->alarms[i]))
      loudest = MAX (loudest, ebb_alarm_get_priority (self->alarms[i]));

  return loudest;
}

/**
 * ebb_safety_supervisor_get_audio_pause_remaining_us:
 * @self: a supervisor
 *
 * Returns: the audio pause's countdown, or 0 when audio is not paused
 */
gint64
ebb_safety_supervisor_get_audio_pause_remaining_us (EbbSafetySupervisor *self)
{
  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), 0);

  if (self->audio_paused_until_us == 0)
    return 0;
  return MAX (self->audio_paused_until_us - now_us (self), 0);
}

/**
 * ebb_safety_supervisor_acknowledge:
 * @self: a supervisor
 * @kind: the alarm
 * @operator_name: who acknowledged
 *
 * Returns: %TRUE if the alarm was signalled and is now acknowledged
 */
gboolean
ebb_safety_supervisor_acknowledge (EbbSafetySupervisor *self,
                                   EbbAlarmKind         kind,
                                   const char          *operator_name)
{
  EbbAlarm *alarm;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), FALSE);

  alarm = ebb_safety_supervisor_get_alarm (self, kind);
  if (alarm == NULL || !ebb_alarm_acknowledge (alarm))
    return FALSE;

  emit_event (self, EBB_ALARM_EVENT_ACKNOWLEDGED, kind, ebb_alarm_get_priority (alarm),
              operator_name);
  flush_events (self);
  return TRUE;
}

/**
 * ebb_safety_supervisor_acknowledge_all:
 * @self: a supervisor
 * @operator_name: who acknowledged
 *
 * Returns: %TRUE if at least one alarm was acknowledged
 */
gboolean
ebb_safety_supervisor_acknowledge_all (EbbSafetySupervisor *self,
                                       const char          *operator_name)
{
  gboolean any = FALSE;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), FALSE);

  for (guint i = EBB_ALARM_OVER_VACUUM; i < EBB_ALARM_N_KINDS; i++)
    any |= ebb_safety_supervisor_acknowledge (self, i, operator_name);
  return any;
}

/**
 * ebb_safety_supervisor_pause_audio:
 * @self: a supervisor
 * @operator_name: who paused
 *
 * Silences all alarm sound for two minutes (IEC 60601-1-8 "audio paused");
 * the alarms stay visible. A new alarm ends the pause.
 *
 * Returns: %TRUE if an alarm was signalled and the pause (re)started
 */
gboolean
ebb_safety_supervisor_pause_audio (EbbSafetySupervisor *self,
                                   const char          *operator_name)
{
  g_autoptr(GPtrArray) signalled = NULL;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), FALSE);

  signalled = ebb_safety_supervisor_list_signalled (self);
  if (signalled->len == 0)
    return FALSE;

  self->audio_paused_until_us = now_us (self) + EBB_SUPERVISOR_AUDIO_PAUSE_US;
  emit_event (self, EBB_ALARM_EVENT_AUDIO_PAUSED, 0, 0, operator_name);
  flush_events (self);
  return TRUE;
}

/**
 * ebb_safety_supervisor_reset:
 * @self: a supervisor
 * @kind: the alarm
 * @operator_name: who reset it
 *
 * Ends a latched alarm signal whose condition is gone.
 *
 * Returns: %TRUE if the signal ended
 */
gboolean
ebb_safety_supervisor_reset (EbbSafetySupervisor *self,
                             EbbAlarmKind         kind,
                             const char          *operator_name)
{
  EbbAlarm *alarm;
  EbbAlarmPriority priority;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), FALSE);

  alarm = ebb_safety_supervisor_get_alarm (self, kind);
  if (alarm == NULL)
    return FALSE;

  priority = ebb_alarm_get_priority (alarm);
  if (!ebb_alarm_reset (alarm))
    return FALSE;

  emit_event (self, EBB_ALARM_EVENT_RESET, kind, priority, operator_name);
  flush_events (self);
  return TRUE;
}

/**
 * ebb_safety_supervisor_reset_all:
 * @self: a supervisor
 * @operator_name: who reset them
 *
 * Returns: how many latched signals ended
 */
guint
ebb_safety_supervisor_reset_all (EbbSafetySupervisor *self,
                                 const char          *operator_name)
{
  guint n = 0;

  g_return_val_if_fail (EBB_IS_SAFETY_SUPERVISOR (self), 0);

  for (guint i = EBB_ALARM_OVER_VACUUM; i < EBB_ALARM_N_KINDS; i++)
    n += ebb_safety_supervisor_reset (self, i, operator_name) ? 1 : 0;
  return n;
}
