/* test-safety-supervisor.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-profile.h"
#include "ebb-safety-supervisor.h"
#include "ebb-virtual-clock.h"

/* The chamber streams at 200 Hz and the driver delivers batches of 10
 * samples every 50 ms; all in virtual time. */
#define SAMPLE_MS 5
#define BATCH     10

typedef struct
{
  EbbVirtualClock *clock;
  EbbSafetySupervisor *supervisor;
  GPtrArray *events;
  guint actions;
  guint n_action_signals;
  guint abort_cause;
  guint32 device_ms;
  gint32 pressure;
  guint16 faults;
  gboolean lid_open;
} Fixture;

static void
alarm_event_cb (EbbSafetySupervisor *supervisor,
                EbbAlarmEvent       *event,
                Fixture             *f)
{
  g_ptr_array_add (f->events, ebb_alarm_event_copy (event));
}

static void
safety_action_cb (EbbSafetySupervisor *supervisor,
                  guint                actions,
                  guint                cause,
                  Fixture             *f)
{
  f->actions |= actions;
  f->n_action_signals++;
  if (actions & EBB_SAFETY_ACTION_ABORT)
    f->abort_cause = cause;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->clock = ebb_virtual_clock_new ();
  f->supervisor = ebb_safety_supervisor_new (EBB_CLOCK (f->clock));
  f->events = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_alarm_event_free);
  f->device_ms = 1000;
  g_signal_connect (f->supervisor, "alarm-event", G_CALLBACK (alarm_event_cb), f);
  g_signal_connect (f->supervisor, "safety-action", G_CALLBACK (safety_action_cb), f);
  ebb_safety_supervisor_set_operator (f->supervisor, "tech");
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -5000, FALSE);
  ebb_safety_supervisor_start (f->supervisor);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->supervisor);
  g_assert_finalize_object (f->clock);
  g_ptr_array_unref (f->events);
}

/* Streams @ms milliseconds of samples at f->pressure and f->faults. */
static void
stream (Fixture *f,
        guint    ms)
{
  for (guint done = 0; done < ms; done += BATCH * SAMPLE_MS)
    {
      EbbEcpTelemetry batch[BATCH];

      ebb_virtual_clock_advance (f->clock, BATCH * SAMPLE_MS * 1000);
      for (guint i = 0; i < BATCH; i++)
        {
          f->device_ms += SAMPLE_MS;
          batch[i] = (EbbEcpTelemetry) {
            .device_ms = f->device_ms,
            .pressure_pa = f->pressure,
            .faults = f->faults,
            .flags = (f->lid_open ? 0 : EBB_ECP_FLAG_LID_CLOSED) | EBB_ECP_FLAG_STREAMING,
          };
        }
      ebb_safety_supervisor_feed (f->supervisor, batch, BATCH);
    }
}

static guint
count_events (Fixture           *f,
              EbbAlarmEventType  type,
              EbbAlarmKind       kind)
{
  guint n = 0;

  for (guint i = 0; i < f->events->len; i++)
    {
      EbbAlarmEvent *event = g_ptr_array_index (f->events, i);

      if (event->type == type && event->kind == kind)
        n++;
    }
  return n;
}

static EbbAlarmEvent *
find_event (Fixture           *f,
            EbbAlarmEventType  type,
            EbbAlarmKind       kind)
{
  for (guint i = 0; i < f->events->len; i++)
    {
      EbbAlarmEvent *event = g_ptr_array_index (f->events, i);

      if (event->type == type && event->kind == kind)
        return event;
    }
  return NULL;
}

static void
start_vacuum (Fixture *f,
              gint32   target)
{
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  ebb_safety_supervisor_set_setpoint (f->supervisor, target, 0);
}

static void
test_quiet_session (Fixture       *f,
                    gconstpointer  data)
{
  /* Ten cycles of 10 s at −5000 and 7 s at 0, reached promptly. */
  for (guint cycle = 0; cycle < 10; cycle++)
    {
      start_vacuum (f, -5000);
      f->pressure = -2500;
      stream (f, 1000);
      f->pressure = -4990;
      stream (f, 9000);
      ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
      f->pressure = -1000;
      stream (f, 1000);
      f->pressure = -10;
      stream (f, 6000);
    }

  g_assert_cmpuint (f->events->len, ==, 0);
  g_assert_cmpuint (f->actions, ==, 0);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);
}

static void
test_over_vacuum (Fixture       *f,
                  gconstpointer  data)
{
  EbbAlarmEvent *raised;
  gint64 onset;
  g_autoptr(GPtrArray) signalled = NULL;

  g_assert_cmpint (ebb_safety_supervisor_get_over_vacuum_threshold (f->supervisor), ==, -5400);
  start_vacuum (f, -5000);
  f->pressure = -5000;
  stream (f, 2000);

  /* 399 Pa beyond the level is within the margin. */
  f->pressure = -5399;
  stream (f, 1000);
  g_assert_cmpuint (f->events->len, ==, 0);

  onset = ebb_clock_now_us (EBB_CLOCK (f->clock));
  f->pressure = -5500;
  stream (f, 300);
  raised = find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_OVER_VACUUM);
  g_assert_nonnull (raised);
  g_assert_cmpint (raised->priority, ==, EBB_ALARM_PRIORITY_HIGH);
  g_assert_cmpstr (raised->operator_name, ==, "tech");
  /* Condition delay at most 200 ms (plus one batch of delivery). */
  g_assert_cmpint (raised->time_us - onset, <=, 200 * 1000 + BATCH * SAMPLE_MS * 1000);
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_OVER_VACUUM);

  /* Latching: the signal outlives the condition until reset. */
  f->pressure = 0;
  ebb_safety_supervisor_set_regulating (f->supervisor, FALSE);
  stream (f, 500);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_OVER_VACUUM), ==, 1);
  signalled = ebb_safety_supervisor_list_signalled (f->supervisor);
  g_assert_cmpuint (signalled->len, ==, 1);
  g_assert_true (ebb_safety_supervisor_reset (f->supervisor, EBB_ALARM_OVER_VACUUM, "anna"));
  g_assert_cmpstr (find_event (f, EBB_ALARM_EVENT_RESET, EBB_ALARM_OVER_VACUUM)->operator_name,
                   ==, "anna");
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);
}

static void
test_over_vacuum_glitch (Fixture       *f,
                         gconstpointer  data)
{
  start_vacuum (f, -5000);
  f->pressure = -5000;
  stream (f, 2000);

  /* A single deep batch (50 ms, then recovery) is noise, not a condition:
   * the condition must persist for the delay. */
  {
    EbbEcpTelemetry batch[3] = {
      { .device_ms = f->device_ms + 5, .pressure_pa = -6000 },
      { .device_ms = f->device_ms + 10, .pressure_pa = -6000 },
      { .device_ms = f->device_ms + 15, .pressure_pa = -5000 },
    };
    f->device_ms += 15;
    ebb_virtual_clock_advance (f->clock, 15000);
    ebb_safety_supervisor_feed (f->supervisor, batch, 3);
  }
  stream (f, 1000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_OVER_VACUUM), ==, 0);
}

/* A sensor that reads high hides the real over-vacuum from the reading;
 * vented, it reads above atmosphere. That is a HIGH alarm, a vent and the
 * end; a reading just above 0 (noise) or a short blip is not. */
static void
test_reading_above_atmosphere (Fixture       *f,
                               gconstpointer  data)
{
  EbbAlarmEvent *raised;
  gint64 onset;

  start_vacuum (f, -3000);
  f->pressure = -3000;
  stream (f, 2000);

  f->pressure = EBB_SUPERVISOR_ABOVE_ATMOSPHERE_PA;
  stream (f, 1000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_SENSOR_IMPLAUSIBLE), ==, 0);
  f->pressure = 1500;
  stream (f, 100);
  f->pressure = 0;
  stream (f, 500);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_SENSOR_IMPLAUSIBLE), ==, 0);
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_NONE);

  onset = ebb_clock_now_us (EBB_CLOCK (f->clock));
  f->pressure = 1500;
  stream (f, 400);
  raised = find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_SENSOR_IMPLAUSIBLE);
  g_assert_nonnull (raised);
  g_assert_cmpint (raised->priority, ==, EBB_ALARM_PRIORITY_HIGH);
  g_assert_cmpint (raised->time_us - onset, <=,
                   EBB_SUPERVISOR_ABOVE_ATMOSPHERE_DELAY_MS * 1000 + BATCH * SAMPLE_MS * 1000);
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_SENSOR_IMPLAUSIBLE);
}

static void
test_over_vacuum_while_paused (Fixture       *f,
                               gconstpointer  data)
{
  ebb_safety_supervisor_set_regulating (f->supervisor, FALSE);
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
  f->pressure = -6000;
  stream (f, 200);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_OVER_VACUUM), ==, 1);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  /* Unapproved: the clinic limit bounds the threshold even if the level
   * were deeper (it cannot validate, but the supervisor does not rely on
   * validation). */
  ebb_safety_supervisor_set_limits (f->supervisor, -4000, -6000, FALSE);
  g_assert_cmpint (ebb_safety_supervisor_get_over_vacuum_threshold (f->supervisor), ==, -4400);
  ebb_safety_supervisor_set_limits (f->supervisor, -4000, -6000, TRUE);
  g_assert_cmpint (ebb_safety_supervisor_get_over_vacuum_threshold (f->supervisor), ==, -6400);
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -3000, FALSE);
  g_assert_cmpint (ebb_safety_supervisor_get_over_vacuum_threshold (f->supervisor), ==, -3400);
  /* Never beyond the hard limit. */
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -9000, TRUE);
  g_assert_cmpint (ebb_safety_supervisor_get_over_vacuum_threshold (f->supervisor), ==,
                   EBB_PROFILE_HARD_LIMIT_PA - EBB_SUPERVISOR_OVER_VACUUM_MARGIN_PA);
}

/* "Vacuum not reached" went high and aborted 10 s after @raised. */
static void
assert_escalated_to_abort (Fixture       *f,
                           EbbAlarmEvent *raised)
{
  EbbAlarmEvent *escalated = find_event (f, EBB_ALARM_EVENT_ESCALATED,
                                         EBB_ALARM_VACUUM_NOT_REACHED);

  g_assert_nonnull (escalated);
  g_assert_cmpint (escalated->priority, ==, EBB_ALARM_PRIORITY_HIGH);
  g_assert_cmpint (escalated->time_us - raised->time_us, >=, EBB_SUPERVISOR_ESCALATE_US);
  g_assert_cmpint (escalated->time_us - raised->time_us, <=, EBB_SUPERVISOR_ESCALATE_US + 100000);
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_VACUUM_NOT_REACHED);
}

static void
test_vacuum_not_reached (Fixture       *f,
                         gconstpointer  data)
{
  EbbAlarmEvent *raised;

  start_vacuum (f, -5000);
  f->pressure = -2000;
  stream (f, 2900);
  g_assert_cmpuint (f->events->len, ==, 0);
  stream (f, 200);
  raised = find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED);
  g_assert_nonnull (raised);
  g_assert_cmpint (raised->priority, ==, EBB_ALARM_PRIORITY_MEDIUM);
  g_assert_cmpuint (f->actions, ==, 0);

  /* The release phase does not end the condition; the leak persists. */
  stream (f, 7000);
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
  f->pressure = 0;
  g_assert_null (find_event (f, EBB_ALARM_EVENT_ESCALATED, EBB_ALARM_VACUUM_NOT_REACHED));
  stream (f, 3000);
  assert_escalated_to_abort (f, raised);
}

static void
test_vacuum_reached_later (Fixture       *f,
                           gconstpointer  data)
{
  start_vacuum (f, -5000);
  f->pressure = -3000;
  stream (f, 4000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  f->pressure = -5000;
  stream (f, 1000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  stream (f, 20000);
  g_assert_cmpuint (f->actions, ==, 0);
  g_assert_false (ebb_alarm_get_signal (ebb_safety_supervisor_get_alarm (f->supervisor,
                                                                         EBB_ALARM_VACUUM_NOT_REACHED)));
}

static void
test_ramp_extends_expectation (Fixture       *f,
                               gconstpointer  data)
{
  /* 5000 Pa at 1000 Pa/s takes 5 s, plus the settle time. */
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  ebb_safety_supervisor_set_setpoint (f->supervisor, -5000, 1000);
  f->pressure = -3000;
  stream (f, 7900);
  g_assert_cmpuint (f->events->len, ==, 0);
  stream (f, 200);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
}

static void
test_slow_loss (Fixture       *f,
                gconstpointer  data)
{
  start_vacuum (f, -5000);
  f->pressure = -5000;
  stream (f, 1000);

  /* Loss tolerance is max(400, 20 %) = 1000 Pa. */
  f->pressure = -4100;
  stream (f, 3000);
  g_assert_cmpuint (f->events->len, ==, 0);

  f->pressure = -3900;
  stream (f, 950);
  g_assert_cmpuint (f->events->len, ==, 0);
  stream (f, 100);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_LOSS), ==, 1);

  /* Acknowledge silences it; escalation makes it sound again. */
  g_assert_true (ebb_safety_supervisor_acknowledge (f->supervisor, EBB_ALARM_VACUUM_LOSS, "anna"));
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);
  stream (f, 10000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_ESCALATED, EBB_ALARM_VACUUM_LOSS), ==, 1);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==,
                   EBB_ALARM_PRIORITY_HIGH);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_VACUUM_LOSS);
}

static void
test_deviation (Fixture       *f,
                gconstpointer  data)
{
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -4000, FALSE);
  start_vacuum (f, -4000);
  f->pressure = -4000;
  stream (f, 100);
  /* Too deep, but inside the over-vacuum margin; it counts from the first
   * sample, not after the settle time (no ramp goes past its target), so a
   * phase shorter than the settle time cannot hide it. */
  f->pressure = -4300;
  stream (f, 2950);
  g_assert_cmpuint (f->events->len, ==, 0);
  stream (f, 100);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==,
                   EBB_ALARM_PRIORITY_LOW);
  stream (f, 10000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_ESCALATED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==,
                   EBB_ALARM_PRIORITY_MEDIUM);
  /* A deviation never ends the session. */
  g_assert_cmpuint (f->actions, ==, 0);

  /* Back on the level: the condition ends once the level is held for
   * 500 ms (ECP-1 §4.2), not on the first sample that passes the band. */
  f->pressure = -4000;
  stream (f, 400);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_DEVIATION), ==, 0);
  stream (f, 200);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);
}

static void
test_release_not_venting (Fixture       *f,
                          gconstpointer  data)
{
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
  f->pressure = -2000;
  /* From atmosphere, a release has nothing to vent: off track from the
   * first sample, raised after the deviation delay of 3 s. */
  stream (f, 2900);
  g_assert_cmpuint (f->events->len, ==, 0);
  stream (f, 200);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION), ==, 1);
}

/* After a vacuum phase the release is judged against the vent: at −2000 Pa
 * after the vent time (1.5 s, ECP-1 §5.5) it is off track, and raised 3 s
 * later, although its 4 s are shorter than ramp + settle time. */
static void
test_release_after_vacuum (Fixture       *f,
                           gconstpointer  data)
{
  start_vacuum (f, -5000);
  f->pressure = -5000;
  stream (f, 2000);
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
  f->pressure = -2000;
  stream (f, 4400);
  g_assert_cmpuint (f->events->len, ==, 0);
  stream (f, 200);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION), ==, 1);
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  EbbAlarmEvent *raised;
  gint64 last;

  f->pressure = -100;
  stream (f, 1000);
  last = ebb_clock_now_us (EBB_CLOCK (f->clock));

  /* Nothing arrives: the supervisor's own timer notices. */
  ebb_virtual_clock_advance (f->clock, EBB_SUPERVISOR_STALE_US);
  g_assert_cmpuint (f->events->len, ==, 0);
  ebb_virtual_clock_advance (f->clock, EBB_SUPERVISOR_TICK_US);
  raised = find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_TELEMETRY_STALE);
  g_assert_nonnull (raised);
  g_assert_cmpint (raised->time_us - last, <=, EBB_SUPERVISOR_STALE_US + EBB_SUPERVISOR_TICK_US);
  g_assert_true (ebb_alarm_kind_is_technical (EBB_ALARM_TELEMETRY_STALE));
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_TELEMETRY_STALE);

  /* Data again: condition ends, the signal latches. */
  stream (f, 100);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_TELEMETRY_STALE), ==, 1);
  g_assert_true (ebb_alarm_get_signal (ebb_safety_supervisor_get_alarm (f->supervisor,
                                                                        EBB_ALARM_TELEMETRY_STALE)));
}

static void
test_stale_from_start (Fixture       *f,
                       gconstpointer  data)
{
  ebb_virtual_clock_advance (f->clock, G_USEC_PER_SEC);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_TELEMETRY_STALE), ==, 1);
}

static void
test_stopped_is_silent (Fixture       *f,
                        gconstpointer  data)
{
  ebb_safety_supervisor_stop (f->supervisor);
  g_assert_cmpuint (ebb_virtual_clock_n_pending (f->clock), ==, 0);
  ebb_virtual_clock_advance (f->clock, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->events->len, ==, 0);
}

static void
test_link_lost_and_reboot (Fixture       *f,
                           gconstpointer  data)
{
  f->pressure = -3000;
  stream (f, 500);
  g_assert_cmpuint (ebb_safety_supervisor_link_lost (f->supervisor), ==,
                    EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_LINK_LOST), ==, 1);
  /* Only the first cause aborts; later ones still vent. */
  g_assert_cmpuint (ebb_safety_supervisor_device_rebooted (f->supervisor), ==, EBB_SAFETY_ACTION_VENT);
  g_assert_cmpuint (ebb_safety_supervisor_get_abort_cause (f->supervisor), ==, EBB_ALARM_LINK_LOST);
}

static void
test_reboot_by_clock (Fixture       *f,
                      gconstpointer  data)
{
  f->pressure = -3000;
  stream (f, 500);
  f->device_ms = 10;
  stream (f, 50);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVICE_REBOOT), ==, 1);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_DEVICE_REBOOT);
}

static void
test_device_clock_wrap (Fixture       *f,
                        gconstpointer  data)
{
  f->device_ms = G_MAXUINT32 - 20;
  stream (f, 200);
  g_assert_cmpuint (f->events->len, ==, 0);
}

static const struct
{
  guint16 fault;
  EbbAlarmKind kind;
  EbbAlarmPriority priority;
} fault_rows[] = {
  { EBB_ECP_FAULT_WATCHDOG, EBB_ALARM_DEVICE_WATCHDOG, EBB_ALARM_PRIORITY_HIGH },
  { EBB_ECP_FAULT_OVER_VACUUM, EBB_ALARM_DEVICE_OVER_VACUUM, EBB_ALARM_PRIORITY_HIGH },
  { EBB_ECP_FAULT_SENSOR, EBB_ALARM_DEVICE_SENSOR, EBB_ALARM_PRIORITY_HIGH },
  { EBB_ECP_FAULT_LEAK, EBB_ALARM_DEVICE_LEAK, EBB_ALARM_PRIORITY_MEDIUM },
  { EBB_ECP_FAULT_LID_OPENED, EBB_ALARM_DEVICE_LID_OPENED, EBB_ALARM_PRIORITY_HIGH },
  { EBB_ECP_FAULT_ESTOP, EBB_ALARM_DEVICE_ESTOP, EBB_ALARM_PRIORITY_HIGH },
  { EBB_ECP_FAULT_OVERTEMP, EBB_ALARM_DEVICE_OVERTEMP, EBB_ALARM_PRIORITY_MEDIUM },
  { EBB_ECP_FAULT_POWER, EBB_ALARM_DEVICE_POWER, EBB_ALARM_PRIORITY_HIGH },
};

static void
test_device_faults (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpuint (G_N_ELEMENTS (fault_rows), ==, EBB_ECP_N_FAULTS);

  for (guint i = 0; i < G_N_ELEMENTS (fault_rows); i++)
    {
      EbbAlarmEvent *raised;

      g_ptr_array_set_size (f->events, 0);
      f->faults = fault_rows[i].fault;
      stream (f, 50);
      raised = find_event (f, EBB_ALARM_EVENT_RAISED, fault_rows[i].kind);
      g_assert_nonnull (raised);
      g_assert_cmpint (raised->priority, ==, fault_rows[i].priority);
      g_assert_cmpuint (f->events->len, ==, 1);
      g_assert_true (f->actions & EBB_SAFETY_ACTION_VENT);

      f->faults = 0;
      stream (f, 50);
      g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, fault_rows[i].kind), ==, 1);
      g_assert_true (ebb_safety_supervisor_reset (f->supervisor, fault_rows[i].kind, "anna"));
      f->actions = 0;
    }

  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_DEVICE_WATCHDOG);
}

static void
test_audio_pause (Fixture       *f,
                  gconstpointer  data)
{
  EbbAlarmEvent *ended;

  g_assert_false (ebb_safety_supervisor_pause_audio (f->supervisor, "anna"));

  f->faults = EBB_ECP_FAULT_LEAK;
  stream (f, 50);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==,
                   EBB_ALARM_PRIORITY_MEDIUM);
  g_assert_true (ebb_safety_supervisor_pause_audio (f->supervisor, "anna"));
  g_assert_cmpstr (find_event (f, EBB_ALARM_EVENT_AUDIO_PAUSED, 0)->operator_name, ==, "anna");
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);
  g_assert_cmpint (ebb_safety_supervisor_get_audio_pause_remaining_us (f->supervisor), ==,
                   EBB_SUPERVISOR_AUDIO_PAUSE_US);

  stream (f, 60000);
  g_assert_cmpint (ebb_safety_supervisor_get_audio_pause_remaining_us (f->supervisor), ==,
                   EBB_SUPERVISOR_AUDIO_PAUSE_US - 60 * G_USEC_PER_SEC);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);

  stream (f, 60100);
  ended = find_event (f, EBB_ALARM_EVENT_AUDIO_PAUSE_ENDED, 0);
  g_assert_nonnull (ended);
  g_assert_cmpint (ebb_safety_supervisor_get_audio_pause_remaining_us (f->supervisor), ==, 0);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==,
                   EBB_ALARM_PRIORITY_MEDIUM);

  /* A new alarm ends a pause early. */
  g_assert_true (ebb_safety_supervisor_pause_audio (f->supervisor, "anna"));
  f->faults |= EBB_ECP_FAULT_ESTOP;
  stream (f, 50);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_AUDIO_PAUSE_ENDED, 0), ==, 2);
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==,
                   EBB_ALARM_PRIORITY_HIGH);
}

static void
test_acknowledge_all_and_order (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) signalled = NULL;

  f->faults = EBB_ECP_FAULT_OVERTEMP;
  stream (f, 50);
  f->faults |= EBB_ECP_FAULT_POWER;
  stream (f, 50);
  signalled = ebb_safety_supervisor_list_signalled (f->supervisor);
  g_assert_cmpuint (signalled->len, ==, 2);
  g_assert_cmpint (ebb_alarm_get_kind (g_ptr_array_index (signalled, 0)), ==, EBB_ALARM_DEVICE_POWER);
  g_assert_true (ebb_safety_supervisor_acknowledge_all (f->supervisor, "anna"));
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_ACKNOWLEDGED, EBB_ALARM_DEVICE_POWER), ==, 1);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_ACKNOWLEDGED, EBB_ALARM_DEVICE_OVERTEMP), ==, 1);
  g_assert_false (ebb_safety_supervisor_acknowledge_all (f->supervisor, "anna"));
  g_assert_cmpint (ebb_safety_supervisor_get_audible_priority (f->supervisor), ==, 0);

  /* Reset refuses while the fault persists. */
  g_assert_cmpuint (ebb_safety_supervisor_reset_all (f->supervisor, "anna"), ==, 0);
  f->faults = 0;
  stream (f, 50);
  g_assert_cmpuint (ebb_safety_supervisor_reset_all (f->supervisor, "anna"), ==, 2);
}

static void
test_regulating_off_ends_conditions (Fixture       *f,
                                     gconstpointer  data)
{
  start_vacuum (f, -5000);
  f->pressure = -1000;
  stream (f, 3500);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  ebb_safety_supervisor_set_regulating (f->supervisor, FALSE);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  stream (f, 20000);
  g_assert_cmpuint (f->actions, ==, 0);
}

/* Runs @n cycles of @vacuum_ms vacuum at @target and @release_ms release,
 * with the chamber stuck at f->pressure in every vacuum phase, as a leak
 * leaves it, and back at atmosphere in every release phase. */
static void
run_short_cycles (Fixture *f,
                  gint32   target,
                  guint    vacuum_ms,
                  guint    release_ms,
                  guint    n)
{
  gint32 vacuum_pa = f->pressure;

  for (guint i = 0; i < n && (f->actions & EBB_SAFETY_ACTION_ABORT) == 0; i++)
    {
      ebb_safety_supervisor_set_setpoint (f->supervisor, target, 0);
      f->pressure = vacuum_pa;
      stream (f, vacuum_ms);
      ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
      f->pressure = 0;
      stream (f, release_ms);
    }
  f->pressure = vacuum_pa;
}

/* One cycle of 2 s phases as a chamber runs it: a ramp down in 400 ms to
 * @vacuum_pa, a vent back in 600 ms to @release_pa; @ramp_pa_s as sent. */
static void
run_trajectory_cycle (Fixture *f,
                      gint32   target,
                      guint    ramp_pa_s,
                      gint32   vacuum_pa,
                      gint32   release_pa)
{
  ebb_safety_supervisor_set_setpoint (f->supervisor, target, ramp_pa_s);
  for (guint i = 1; i <= 8; i++)
    {
      f->pressure = vacuum_pa * (gint32) i / 8;
      stream (f, 50);
    }
  f->pressure = vacuum_pa;
  stream (f, 1600);
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, ramp_pa_s);
  for (guint i = 1; i <= 12; i++)
    {
      f->pressure = vacuum_pa + (release_pa - vacuum_pa) * (gint32) i / 12;
      stream (f, 50);
    }
  f->pressure = release_pa;
  stream (f, 1400);
}

/* 2 s phases with ramps and vents as the chamber runs them: never an
 * alarm, with the device's fastest ramp and with the profile's own. */
static void
test_short_phases_quiet (Fixture       *f,
                         gconstpointer  data)
{
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -3000, FALSE);
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  for (guint i = 0; i < 15; i++)
    run_trajectory_cycle (f, -3000, i % 2 == 0 ? 0 : 5000, -3000 - 20 * (gint32) (i % 3), 10 - 20 * (gint32) (i % 2));

  g_assert_cmpuint (f->events->len, ==, 0);
  g_assert_cmpuint (f->actions, ==, 0);
}

/* A sensor offset the chamber regulates on: its vacuum phases look right,
 * but every 2 s release phase ends 500 Pa below atmosphere. No single
 * phase lasts the deviation delay; the evidence carries across them. */
static void
test_short_phases_offset (Fixture       *f,
                          gconstpointer  data)
{
  EbbAlarmEvent *raised;

  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -3000, FALSE);
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  run_trajectory_cycle (f, -3000, 0, -3000, 0);
  g_assert_cmpuint (f->events->len, ==, 0);

  run_trajectory_cycle (f, -3000, 0, -3000, -500);
  g_assert_null (find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION));
  run_trajectory_cycle (f, -3000, 0, -3000, -500);
  raised = find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION);
  g_assert_nonnull (raised);
  g_assert_cmpint (raised->priority, ==, EBB_ALARM_PRIORITY_LOW);
  /* The condition holds through the vacuum phases in between. */
  for (guint i = 0; i < 3; i++)
    run_trajectory_cycle (f, -3000, 0, -3000, -500);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_DEVIATION), ==, 0);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_ESCALATED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_cmpuint (f->actions, ==, 0);

  /* The sensor is fixed: the first release back at atmosphere ends it. */
  run_trajectory_cycle (f, -3000, 0, -3000, 0);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_DEVIATION), ==, 1);
}

/* A sensor stuck at the vacuum level, with a ramp of 5000 Pa/s: the release
 * phase's ramp and vent time (0.6 s + 1.5 s) outlast the 2 s phase, but a
 * reading that does not follow the release at all is off track. */
static void
test_short_phases_stuck (Fixture       *f,
                         gconstpointer  data)
{
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -3000, FALSE);
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  run_trajectory_cycle (f, -3000, 5000, -3000, 0);
  for (guint i = 0; i < 3; i++)
    run_trajectory_cycle (f, -3000, 5000, -3000, -3000);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_cmpuint (f->actions, ==, 0);
}

/* Deeper than the target by 300 Pa (inside the over-vacuum margin) in every
 * 2 s vacuum phase, back at atmosphere in between: one deviation. */
static void
test_short_phases_overshoot (Fixture       *f,
                             gconstpointer  data)
{
  ebb_safety_supervisor_set_limits (f->supervisor, -5000, -3000, FALSE);
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  run_trajectory_cycle (f, -3000, 0, -3300, 0);
  g_assert_cmpuint (f->events->len, ==, 0);
  run_trajectory_cycle (f, -3000, 0, -3300, 0);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_DEVIATION), ==, 1);
  g_assert_null (find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_OVER_VACUUM));
  g_assert_cmpuint (f->actions, ==, 0);
}

static void
test_short_phases_leak (Fixture       *f,
                        gconstpointer  data)
{
  EbbAlarmEvent *raised;

  /* 2 s phases are shorter than the settle time: only the end of the phase
   * can tell that the chamber never got there. */
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  f->pressure = -5000;
  run_short_cycles (f, -5000, 2000, 2000, 2);
  g_assert_cmpuint (f->events->len, ==, 0);

  f->pressure = -270;
  ebb_safety_supervisor_set_setpoint (f->supervisor, -5000, 0);
  stream (f, 2000);
  g_assert_null (find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED));
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
  raised = find_event (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED);
  g_assert_nonnull (raised);
  g_assert_cmpint (raised->priority, ==, EBB_ALARM_PRIORITY_MEDIUM);
  g_assert_cmpuint (f->actions, ==, 0);

  stream (f, 2000);
  run_short_cycles (f, -5000, 2000, 2000, 10);
  assert_escalated_to_abort (f, raised);
}

static void
test_short_phases_recover (Fixture       *f,
                           gconstpointer  data)
{
  /* One phase that misses is an alarm, not an abort, when the next one
   * reaches the level. */
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  f->pressure = -2000;
  run_short_cycles (f, -5000, 2000, 2000, 1);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  f->pressure = -5000;
  run_short_cycles (f, -5000, 2000, 2000, 10);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_CONDITION_ENDED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_NOT_REACHED), ==, 1);
  g_assert_cmpuint (f->actions, ==, 0);
}

static void
test_short_phases_loss (Fixture       *f,
                        gconstpointer  data)
{
  /* Each phase reaches the level, then loses it before the loss delay can
   * run out: the end of the phase judges it. */
  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  for (guint i = 0; i < 10 && (f->actions & EBB_SAFETY_ACTION_ABORT) == 0; i++)
    {
      ebb_safety_supervisor_set_setpoint (f->supervisor, -5000, 0);
      f->pressure = -5000;
      stream (f, 1200);
      f->pressure = -2000;
      stream (f, 800);
      ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
      if (i == 0)
        g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_VACUUM_LOSS), ==, 1);
      stream (f, 2000);
    }
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_ESCALATED, EBB_ALARM_VACUUM_LOSS), ==, 1);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_VACUUM_LOSS);
}

static void
test_lid_open (Fixture       *f,
               gconstpointer  data)
{
  EbbAlarm *alarm = ebb_safety_supervisor_get_alarm (f->supervisor, EBB_ALARM_LID_OPEN);

  /* The lid open before the session (the start gate refuses that) or while
   * paused is no alarm; opening it while the phases run is. */
  f->lid_open = TRUE;
  stream (f, 500);
  f->lid_open = FALSE;
  stream (f, 500);
  f->lid_open = TRUE;
  stream (f, 500);
  g_assert_cmpuint (f->events->len, ==, 0);
  f->lid_open = FALSE;
  stream (f, 500);

  ebb_safety_supervisor_set_regulating (f->supervisor, TRUE);
  ebb_safety_supervisor_set_setpoint (f->supervisor, 0, 0);
  stream (f, 1000);
  g_assert_cmpuint (f->events->len, ==, 0);
  f->lid_open = TRUE;
  stream (f, 50);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_LID_OPEN), ==, 1);
  g_assert_cmpint (ebb_alarm_get_priority (alarm), ==, EBB_ALARM_PRIORITY_HIGH);
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (f->abort_cause, ==, EBB_ALARM_LID_OPEN);
  g_assert_cmpstr (ebb_alarm_kind_id (EBB_ALARM_LID_OPEN), ==, "lid-open");

  /* It latches: closing the lid ends the condition, not the signal. */
  f->lid_open = FALSE;
  stream (f, 50);
  g_assert_true (ebb_alarm_get_signal (alarm));
  g_assert_true (ebb_safety_supervisor_reset (f->supervisor, EBB_ALARM_LID_OPEN, "tech"));
}

static void
action_before_events_cb (EbbSafetySupervisor *supervisor,
                         guint                actions,
                         guint                cause,
                         Fixture             *f)
{
  /* The runner vents from this handler: nothing may have been handed to
   * the record before. */
  g_assert_cmpuint (f->events->len, ==, 0);
}

static void
test_action_before_events (Fixture       *f,
                           gconstpointer  data)
{
  g_signal_connect (f->supervisor, "safety-action", G_CALLBACK (action_before_events_cb), f);
  f->pressure = -6000;
  stream (f, 100);
  g_assert_cmpuint (f->actions, ==, EBB_SAFETY_ACTION_VENT | EBB_SAFETY_ACTION_ABORT);
  g_assert_cmpuint (count_events (f, EBB_ALARM_EVENT_RAISED, EBB_ALARM_OVER_VACUUM), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ebb/safety-supervisor/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("quiet-session", test_quiet_session);
  ADD ("over-vacuum", test_over_vacuum);
  ADD ("over-vacuum-glitch", test_over_vacuum_glitch);
  ADD ("over-vacuum-while-paused", test_over_vacuum_while_paused);
  ADD ("reading-above-atmosphere", test_reading_above_atmosphere);
  ADD ("limits", test_limits);
  ADD ("vacuum-not-reached", test_vacuum_not_reached);
  ADD ("vacuum-reached-later", test_vacuum_reached_later);
  ADD ("ramp-extends-expectation", test_ramp_extends_expectation);
  ADD ("slow-loss", test_slow_loss);
  ADD ("deviation", test_deviation);
  ADD ("release-not-venting", test_release_not_venting);
  ADD ("release-after-vacuum", test_release_after_vacuum);
  ADD ("stale", test_stale);
  ADD ("stale-from-start", test_stale_from_start);
  ADD ("stopped-is-silent", test_stopped_is_silent);
  ADD ("link-lost-and-reboot", test_link_lost_and_reboot);
  ADD ("reboot-by-clock", test_reboot_by_clock);
  ADD ("device-clock-wrap", test_device_clock_wrap);
  ADD ("device-faults", test_device_faults);
  ADD ("audio-pause", test_audio_pause);
  ADD ("acknowledge-all-and-order", test_acknowledge_all_and_order);
  ADD ("regulating-off-ends-conditions", test_regulating_off_ends_conditions);
  ADD ("short-phases-leak", test_short_phases_leak);
  ADD ("short-phases-recover", test_short_phases_recover);
  ADD ("short-phases-loss", test_short_phases_loss);
  ADD ("short-phases-quiet", test_short_phases_quiet);
  ADD ("short-phases-offset", test_short_phases_offset);
  ADD ("short-phases-stuck", test_short_phases_stuck);
  ADD ("short-phases-overshoot", test_short_phases_overshoot);
  ADD ("lid-open", test_lid_open);
  ADD ("action-before-events", test_action_before_events);

#undef ADD

  return g_test_run ();
}
