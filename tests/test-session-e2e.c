/* test-session-e2e.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-chamber-device.h"
#include "ebb-profile-private.h"
#include "ebb-session.h"
#include "ebb-sim-chamber.h"
#include "ebb-test-recorder.h"
#include "ebb-tty-transport.h"

/* The session runner end to end, in real time: EbbSession → EbbChamberDevice
 * → EbbChamber → a real pseudo-terminal → the simulated chamber, either
 * in-process (EbbSimChamber) or the ebbflow-chamber-sim program. Only the
 * recorder is a fake (the store boundary). Time bounds are generous safety
 * bounds, never performance thresholds. */

#define SAFETY_BOUND_US (2 * G_USEC_PER_SEC)

typedef struct
{
  EbbSimChamber *sim;
  GSubprocess *sim_program;
  EbbChamber *chamber;
  EbbChamberDevice *device;
  TestFakeRecorder *recorder;
  EbbClock *clock;
  EbbSession *session;
  EbbProfile *profile;
  gboolean done;
  GError *error;
} Fixture;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static gboolean
wait_until (const gboolean *flag,
            guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return *flag;
}

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_error (&f->error);
  g_task_propagate_boolean (G_TASK (result), &f->error);
  f->done = TRUE;
}

static gboolean
accept_screening (const char  *client_id,
                  gpointer     data,
                  GError     **error)
{
  return TRUE;
}

static void
connect_to (Fixture    *f,
            const char *path)
{
  g_autoptr(EbbTransport) transport = EBB_TRANSPORT (ebb_tty_transport_new (path));
  guint16 flags, faults;
  gint64 end;

  f->chamber = ebb_chamber_new (transport);
  f->done = FALSE;
  ebb_chamber_connect_async (f->chamber, NULL, bool_cb, f);
  g_assert_true (wait_until (&f->done, 5000));
  g_assert_no_error (f->error);

  /* The console streams at the chamber's usual 200 Hz from connection on. */
  f->done = FALSE;
  ebb_chamber_stream_async (f->chamber, 200, NULL, bool_cb, f);
  g_assert_true (wait_until (&f->done, 5000));
  g_assert_no_error (f->error);

  f->device = ebb_chamber_device_new (f->chamber);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!ebb_device_get_status (EBB_DEVICE (f->device), &flags, &faults)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_true (ebb_device_get_status (EBB_DEVICE (f->device), &flags, &faults));

  f->recorder = test_fake_recorder_new ();
  f->clock = ebb_clock_new ();
  f->session = ebb_session_new (EBB_DEVICE (f->device), EBB_RECORDER (f->recorder), f->clock);

  /* The short profile: 2 s phases over 20 s (the test-only bypass
   * of the 1-minute minimum). */
  f->profile = ebb_profile_new ("E2E");
  ebb_profile_set_level_pa (f->profile, -3000);
  ebb_profile_set_vacuum_s (f->profile, 2);
  ebb_profile_set_release_s (f->profile, 2);
  ebb_profile_set_duration_s (f->profile, 20);
  _ebb_profile_allow_short_duration_for_tests (f->profile);

  ebb_session_set_client_id (f->session, "C-1");
  ebb_session_set_operator (f->session, "tech");
  ebb_session_set_profile (f->session, f->profile);
  ebb_session_set_screening_gate (f->session, accept_screening, NULL, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sim = ebb_sim_chamber_new ("seed=11,serial=SN-E2E-11,watchdog-ms=1000", &error);
  g_assert_no_error (error);
  g_assert_true (ebb_sim_chamber_start (f->sim, &error));
  g_assert_no_error (error);
  connect_to (f, ebb_sim_chamber_get_path (f->sim));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->session != NULL)
    {
      ebb_session_emergency_stop (f->session);
      g_assert_finalize_object (g_steal_pointer (&f->session));
    }
  g_clear_object (&f->device);
  if (f->chamber != NULL)
    {
      f->done = FALSE;
      ebb_chamber_close_async (f->chamber, NULL, bool_cb, f);
      wait_until (&f->done, 5000);
      g_clear_object (&f->chamber);
    }
  if (f->sim != NULL)
    {
      ebb_sim_chamber_stop (f->sim);
      g_clear_object (&f->sim);
    }
  if (f->sim_program != NULL)
    {
      g_subprocess_send_signal (f->sim_program, SIGTERM);
      g_subprocess_wait (f->sim_program, NULL, NULL);
      g_clear_object (&f->sim_program);
    }
  g_clear_object (&f->recorder);
  g_clear_object (&f->clock);
  g_clear_object (&f->profile);
  g_clear_error (&f->error);
}

static void
run_until_finished (Fixture *f,
                    guint    timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!ebb_session_is_finished (f->session) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_true (ebb_session_is_finished (f->session));
}

static void
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_session_start (f->session, &error));
  g_assert_no_error (error);
}

/* Setpoints seen on the device side, from the recorded samples' target. */
static guint
count_target_changes (Fixture *f,
                      gint32   level)
{
  gint32 last = 1;
  guint changes = 0;

  for (guint i = 0; i < f->recorder->samples->len; i++)
    {
      const EbbEcpTelemetry *s = &g_array_index (f->recorder->samples, EbbEcpTelemetry, i);

      if (s->target_pa != last && s->target_pa == level)
        changes++;
      last = s->target_pa;
    }
  return changes;
}

static void
assert_completed_run (Fixture *f)
{
  gint32 deepest = 0;

  start (f);
  run_until_finished (f, 40000);

  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_COMPLETED);
  g_assert_cmpstr (f->recorder->end_state, ==, "completed");
  g_assert_cmpstr (f->recorder->end_reason, ==, "completed");
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 5);
  /* The chamber regulated to −3000 Pa five times and no deeper than the
   * over-vacuum threshold. */
  g_assert_cmpuint (count_target_changes (f, -3000), ==, 5);
  for (guint i = 0; i < f->recorder->samples->len; i++)
    deepest = MIN (deepest, g_array_index (f->recorder->samples, EbbEcpTelemetry, i).pressure_pa);
  g_assert_cmpint (deepest, <, -2700);
  g_assert_cmpint (deepest, >, -3400);
  /* 20 s at 200 Hz, all recorded. */
  g_assert_cmpuint (f->recorder->n_samples, >=, 20 * 200 * 9 / 10);
  g_assert_cmpuint (f->recorder->stats.frames_ok, >=, f->recorder->n_samples);
  g_assert_false (test_fake_recorder_has_event (f->recorder, "alarm-raised"));
  g_assert_cmpint (ABS (ebb_session_get_pressure_pa (f->session)), <=, EBB_SESSION_ATMOSPHERE_PA);
}

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  EbbSimState state;

  assert_completed_run (f);
  g_assert_cmpstr (f->recorder->device_serial, ==, "SN-E2E-11");
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_true (state.vent_open);
  g_assert_cmpuint (state.faults, ==, 0);
}

/* The simulated chamber's sensor starts to read 320 Pa deep: too little for
 * over-vacuum, and the chamber regulates on it, so the vacuum phases look
 * right; but no 2 s release phase gets back to atmosphere. The supervisor
 * raises a deviation while the 2 s / 2 s profile runs (a deviation does not
 * end it); at the end the reading never confirms atmosphere, so the
 * session cannot count as completed. */
static void
test_deviation_short_phases (Fixture       *f,
                             gconstpointer  data)
{
  start (f);
  spin (1200);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_SENSOR_OFFSET, -320);
  run_until_finished (f, 40000);

  g_assert_true (test_fake_recorder_has_event (f->recorder, "alarm-raised deviation low"));
  g_assert_false (test_fake_recorder_has_event (f->recorder, "alarm-raised over-vacuum"));
  g_assert_true (test_fake_recorder_has_event (f->recorder, "state finishing"));
  g_assert_cmpstr (f->recorder->end_state, ==, "aborted");
  g_assert_cmpstr (f->recorder->end_reason, ==, "vent-timeout");
}

/* Waits for the simulated chamber to be vented (valve open, target 0). */
static void
assert_sim_vents (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + SAFETY_BOUND_US;
  EbbSimState state;

  do
    {
      g_main_context_iteration (NULL, FALSE);
      ebb_sim_chamber_get_state (f->sim, &state);
      if (state.vent_open && state.target_pa == 0)
        return;
      g_usleep (1000);
    }
  while (g_get_monotonic_time () < end);

  g_assert_true (state.vent_open);
  g_assert_cmpint (state.target_pa, ==, 0);
}

typedef struct
{
  const char *name;
  EbbSimFault fault;
  double value;
  guint vacuum_s;
  const char *reason;
  const char *alt_reason;
} FaultCase;

static const FaultCase fault_cases[] = {
  /* A leak too big for the pump once the level was reached: medium
   * "leaking", high and abort 10 s on. */
  { "leak", EBB_SIM_FAULT_LEAK, 20000, 8, "vacuum-loss", NULL },
  /* The same leak with 2 s phases, shorter than the settle time: the end
   * of each vacuum phase judges it, and it aborts all the same. */
  { "leak-short-phases", EBB_SIM_FAULT_LEAK, 20000, 2, "vacuum-loss", "vacuum-not-reached" },
  { "lid-opened", EBB_SIM_FAULT_LID_OPEN, 1, 2, "device-lid-opened", NULL },
  { "estop-button", EBB_SIM_FAULT_ESTOP_PRESS, 1, 2, "device-estop", NULL },
  { "sensor-stuck", EBB_SIM_FAULT_SENSOR_STUCK, 1, 2, "device-sensor", NULL },
  /* The sensor reads 1500 Pa deeper at once: over-vacuum by the reading. */
  { "sensor-offset", EBB_SIM_FAULT_SENSOR_OFFSET, -1500, 2, "over-vacuum", NULL },
  /* The dangerous direction: it reads 1500 Pa high, so the regulator pulls
   * the real vacuum 1500 Pa deeper than the level while the reading looks
   * right; vented, the reading is above atmosphere. */
  { "sensor-reads-high", EBB_SIM_FAULT_SENSOR_OFFSET, 1500, 2, "sensor-implausible", NULL },
  { "reboot", EBB_SIM_FAULT_REBOOT, 1, 2, "device-reboot", NULL },
  { "mute", EBB_SIM_FAULT_MUTE, 1, 2, "link-lost", "telemetry-stale" },
  /* 2 % of the bits the chamber sends are wrong: almost no frame survives
   * its CRC, the link is as good as dead. */
  { "bit-errors", EBB_SIM_FAULT_BER_TO_HOST, 0.02, 2, "link-lost", "telemetry-stale" },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *c = data;
  gint64 injected;

  ebb_profile_set_vacuum_s (f->profile, c->vacuum_s);
  ebb_profile_set_duration_s (f->profile, 60);
  ebb_session_set_profile (f->session, f->profile);
  start (f);
  spin (1200);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_RUNNING);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);

  injected = g_get_monotonic_time ();
  ebb_sim_chamber_inject (f->sim, c->fault, c->value);
  while (ebb_session_get_state (f->session) == EBB_SESSION_STATE_RUNNING
         && g_get_monotonic_time () - injected < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  /* The alarm, the vent, the end state and its reason. */
  g_assert_cmpint (ebb_session_get_state (f->session), !=, EBB_SESSION_STATE_RUNNING);
  assert_sim_vents (f);
  run_until_finished (f, 15000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_test_message ("%s: end reason %s", c->name, f->recorder->end_reason);
  if (c->alt_reason == NULL || g_strcmp0 (f->recorder->end_reason, c->reason) == 0)
    g_assert_cmpstr (f->recorder->end_reason, ==, c->reason);
  else
    g_assert_cmpstr (f->recorder->end_reason, ==, c->alt_reason);
  {
    g_autofree char *raised = g_strdup_printf ("alarm-raised %s", f->recorder->end_reason);
    g_autofree char *escalated = g_strdup_printf ("alarm-escalated %s high", f->recorder->end_reason);

    g_assert_true (test_fake_recorder_has_event (f->recorder, raised));
    if (g_str_has_prefix (c->reason, "vacuum-"))
      g_assert_true (test_fake_recorder_has_event (f->recorder, escalated));
  }
  g_assert_cmpstr (f->recorder->end_state, ==, "aborted");
}

static void
test_lid_open_in_release (Fixture       *f,
                          gconstpointer  data)
{
  gint64 end;

  start (f);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (ebb_session_get_phase (f->session) != EBB_SESSION_PHASE_RELEASE
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_RELEASE);
  spin (300);

  /* The chamber raises no fault for a lid opened while it does not
   * regulate a vacuum; the console sees LID_CLOSED drop and ends the
   * session before the next vacuum phase is refused. */
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_LID_OPEN, 1);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (ebb_session_get_state (f->session) == EBB_SESSION_STATE_RUNNING
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  g_assert_cmpint (ebb_session_get_state (f->session), !=, EBB_SESSION_STATE_RUNNING);
  assert_sim_vents (f);
  run_until_finished (f, 15000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "lid-open");
  g_assert_cmpstr (f->recorder->end_state, ==, "aborted");
  g_assert_true (test_fake_recorder_has_event (f->recorder, "alarm-raised lid-open high"));
  g_assert_false (test_fake_recorder_has_event (f->recorder, "command-failed"));
}

static void
test_port_vanished (Fixture       *f,
                    gconstpointer  data)
{
  EbbSimState state;
  gint64 pulled;

  start (f);
  spin (1200);
  pulled = g_get_monotonic_time ();
  ebb_sim_chamber_close_master (f->sim);
  while (ebb_session_get_state (f->session) == EBB_SESSION_STATE_RUNNING
         && g_get_monotonic_time () - pulled < SAFETY_BOUND_US)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);

  /* Nothing reaches the chamber any more: its own watchdog vents it. */
  do
    {
      g_usleep (10000);
      ebb_sim_chamber_get_state (f->sim, &state);
    }
  while (!(state.vent_open && (state.faults & EBB_ECP_FAULT_WATCHDOG))
         && g_get_monotonic_time () - pulled < 2 * SAFETY_BOUND_US);
  g_assert_true (state.vent_open);
  g_assert_true (state.faults & EBB_ECP_FAULT_WATCHDOG);

  run_until_finished (f, 15000);
  g_assert_cmpstr (f->recorder->end_state, ==, "aborted");
  g_assert_cmpstr (f->recorder->end_reason, ==, "link-lost");
  g_assert_true (test_fake_recorder_has_event (f->recorder, "vent-timeout"));
}

static void
inject_and_settle (Fixture     *f,
                   EbbSimFault  fault)
{
  ebb_sim_chamber_inject (f->sim, fault, 1);
  spin (300);
}

static void
test_gate_faults_latched (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  inject_and_settle (f, EBB_SIM_FAULT_ESTOP_PRESS);
  g_assert_false (ebb_session_start (f->session, &error));
  g_assert_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED);
  g_assert_nonnull (strstr (error->message, "ESTOP"));
  g_clear_error (&error);

  /* Clearing is refused by the chamber while the button is pressed. */
  ebb_device_clear_faults (EBB_DEVICE (f->device));
  spin (300);
  g_assert_false (ebb_session_start (f->session, &error));
  g_assert_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED);
  g_clear_error (&error);

  inject_and_settle (f, EBB_SIM_FAULT_ESTOP_RELEASE);
  ebb_device_clear_faults (EBB_DEVICE (f->device));
  spin (300);
  start (f);
}

static void
test_gate_lid_open (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  inject_and_settle (f, EBB_SIM_FAULT_LID_OPEN);
  g_assert_false (ebb_session_start (f->session, &error));
  g_assert_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_LID_OPEN);
  inject_and_settle (f, EBB_SIM_FAULT_LID_CLOSE);
  start (f);
}

static void
test_emergency_stop (Fixture       *f,
                     gconstpointer  data)
{
  EbbSimState state;

  start (f);
  spin (1000);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpfloat (state.true_pressure_pa, <, -1500);

  ebb_session_emergency_stop (f->session);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "emergency stop");
  assert_sim_vents (f);

  /* Back at atmosphere within the chamber's 1.5 s (ECP-1 §5.5). */
  spin (1500);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpfloat (ABS (state.true_pressure_pa), <=, EBB_SESSION_ATMOSPHERE_PA);
}

/* The same short profile over the ebbflow-chamber-sim program's pty. */
static void
pty_fixture_setup (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *path = NULL;
  const char *program = g_getenv ("EBBFLOW_CHAMBER_SIM");

  g_assert_nonnull (program);
  f->sim_program = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     program, "--seed=5", "--serial=SN-PTY-5", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->sim_program));
  path = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  connect_to (f, path);
}

static void
test_pty_complete (Fixture       *f,
                   gconstpointer  data)
{
  assert_completed_run (f);
  g_assert_cmpstr (f->recorder->device_serial, ==, "SN-PTY-5");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ebb/session-e2e/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("complete", test_complete);
  ADD ("port-vanished", test_port_vanished);
  ADD ("gate/faults-latched", test_gate_faults_latched);
  ADD ("gate/lid-open", test_gate_lid_open);
  ADD ("emergency-stop", test_emergency_stop);
  ADD ("lid-open-in-release", test_lid_open_in_release);
  ADD ("deviation-short-phases", test_deviation_short_phases);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/session-e2e/fault/%s", fault_cases[i].name);

      g_test_add (path, Fixture, &fault_cases[i], fixture_setup, test_fault, fixture_teardown);
    }
  g_test_add ("/ebb/session-e2e/pty-program/complete", Fixture, NULL, pty_fixture_setup,
              test_pty_complete, fixture_teardown);

#undef ADD

  return g_test_run ();
}
