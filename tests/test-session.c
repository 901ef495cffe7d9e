/* test-session.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <sqlite3.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "ebb-profile-private.h"
#include "ebb-report-data.h"
#include "ebb-session-gate.h"
#include "ebb-session.h"
#include "ebb-screening-state.h"
#include "ebb-store-recorder.h"
#include "ebb-test-recorder.h"
#include "ebb-virtual-clock.h"
#include "operators-fixture.h"

/* Fakes at the session's two boundaries: a chamber whose pressure follows
 * its target at 4000 Pa/s, and a recorder that can be told to fail. */

typedef struct
{
  guint type;
  gint32 target;
  guint16 ramp;
} Command;

#define TEST_TYPE_FAKE_DEVICE (test_fake_device_get_type ())
G_DECLARE_FINAL_TYPE (TestFakeDevice, test_fake_device, TEST, FAKE_DEVICE, GObject)

struct _TestFakeDevice
{
  GObject parent_instance;
  GArray *commands;
  gboolean connected;
  const char *serial;
  gboolean have_status;
  guint16 flags;
  guint16 faults;
  gint32 target;
  double pressure;
  gint32 offset;
  guint32 device_ms;
  guint n_vent_now;
  guint events_at_first_vent_now;
  gboolean mute;
  gboolean no_lid_sensor;
  TestFakeRecorder *recorder;
};

static void test_fake_device_iface_init (EbbDeviceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFakeDevice, test_fake_device, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EBB_TYPE_DEVICE, test_fake_device_iface_init))


static void
log_command (TestFakeDevice *self,
             guint           type,
             gint32          target,
             guint16         ramp)
{
  Command command = { type, target, ramp };

  g_array_append_val (self->commands, command);
}

static gboolean
fake_is_connected (EbbDevice *device)
{
  return TEST_FAKE_DEVICE (device)->connected;
}

static const char *
fake_get_serial (EbbDevice *device)
{
  return TEST_FAKE_DEVICE (device)->serial;
}

static gboolean
fake_get_status (EbbDevice *device,
                 guint16   *flags,
                 guint16   *faults)
{
  TestFakeDevice *self = TEST_FAKE_DEVICE (device);

  *flags = self->flags;
  *faults = self->faults;
  return self->have_status;
}

static gboolean
fake_vent_now (EbbDevice  *device,
               GError    **error)
{
  TestFakeDevice *self = TEST_FAKE_DEVICE (device);

  if (self->n_vent_now++ == 0)
    self->events_at_first_vent_now = self->recorder->events->len;
  self->target = 0;
  log_command (self, EBB_ECP_MSG_VENT, 0, 0);
  return TRUE;
}

static void
fake_vent (EbbDevice *device)
{
  TestFakeDevice *self = TEST_FAKE_DEVICE (device);

  self->target = 0;
  log_command (self, EBB_ECP_MSG_VENT, 0, 0);
}

static void
fake_set_target (EbbDevice *device,
                 gint32     target,
                 guint16    ramp)
{
  TestFakeDevice *self = TEST_FAKE_DEVICE (device);

  log_command (self, EBB_ECP_MSG_SET_TARGET, target, ramp);
  /* Like the chamber (ECP-1 §4.3, result LID_OPEN): no vacuum with the lid
   * open. */
  if (target < 0 && !self->no_lid_sensor && (self->flags & EBB_ECP_FLAG_LID_CLOSED) == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "LID_OPEN");

      ebb_device_emit_command_failed (device, EBB_ECP_MSG_SET_TARGET, error);
      return;
    }
  self->target = target;
}

static void
fake_clear_faults (EbbDevice *device)
{
  TEST_FAKE_DEVICE (device)->faults = 0;
}

static void
fake_get_link_stats (EbbDevice          *device,
                     EbbDeviceLinkStats *stats)
{
  stats->frames_ok = TEST_FAKE_DEVICE (device)->device_ms / 5;
  stats->frames_bad = 3;
}

static gboolean
fake_has_lid_sensor (EbbDevice *device)
{
  return !TEST_FAKE_DEVICE (device)->no_lid_sensor;
}

static void
test_fake_device_iface_init (EbbDeviceInterface *iface)
{
  iface->is_connected = fake_is_connected;
  iface->get_serial = fake_get_serial;
  iface->get_status = fake_get_status;
  iface->vent_now = fake_vent_now;
  iface->vent = fake_vent;
  iface->set_target = fake_set_target;
  iface->clear_faults = fake_clear_faults;
  iface->get_link_stats = fake_get_link_stats;
  iface->has_lid_sensor = fake_has_lid_sensor;
}

static void
test_fake_device_finalize (GObject *object)
{
  g_array_unref (TEST_FAKE_DEVICE (object)->commands);
  G_OBJECT_CLASS (test_fake_device_parent_class)->finalize (object);
}

static void
test_fake_device_class_init (TestFakeDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_fake_device_finalize;
}

static void
test_fake_device_init (TestFakeDevice *self)
{
  self->commands = g_array_new (FALSE, FALSE, sizeof (Command));
  self->connected = TRUE;
  self->serial = "SN-000123";
  self->have_status = TRUE;
  self->flags = EBB_ECP_FLAG_LID_CLOSED;
}

/* 50 ms of physics and one batch of ten samples. */
static void
fake_step (TestFakeDevice *self)
{
  EbbEcpTelemetry batch[10];

  for (guint i = 0; i < 10; i++)
    {
      double step = 4000.0 * 0.005;

      if (self->pressure > self->target)
        self->pressure = MAX (self->pressure - step, self->target);
      else
        self->pressure = MIN (self->pressure + step, self->target);
      self->device_ms += 5;
      batch[i] = (EbbEcpTelemetry) {
        .device_ms = self->device_ms,
        .pressure_pa = (gint32) self->pressure + self->offset,
        .target_pa = self->target,
        .flags = self->flags,
        .faults = self->faults,
      };
    }

  if (!self->mute)
    ebb_device_emit_telemetry (EBB_DEVICE (self), batch, 10);
}

/* The fixture. */

typedef struct
{
  EbbVirtualClock *clock;
  TestFakeDevice *device;
  TestFakeRecorder *recorder;
  EbbSession *session;
  EbbProfile *profile;
  GError *gate_error;
  guint n_symptoms;
  guint n_recording_failed;
} Fixture;


static gboolean
gate_cb (const char  *client_id,
         gpointer     data,
         GError     **error)
{
  Fixture *f = data;

  g_assert_cmpstr (client_id, ==, "C-1");
  if (f->gate_error != NULL)
    {
      g_propagate_error (error, g_error_copy (f->gate_error));
      return FALSE;
    }
  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->clock = ebb_virtual_clock_new ();
  f->device = g_object_new (TEST_TYPE_FAKE_DEVICE, NULL);
  f->recorder = test_fake_recorder_new ();
  f->device->recorder = f->recorder;
  f->session = ebb_session_new (EBB_DEVICE (f->device), EBB_RECORDER (f->recorder),
                                EBB_CLOCK (f->clock));

  /* The short test profile: 2 s phases over 20 s. */
  f->profile = ebb_profile_new ("Short");
  ebb_profile_set_level_pa (f->profile, -3000);
  ebb_profile_set_vacuum_s (f->profile, 2);
  ebb_profile_set_release_s (f->profile, 2);
  ebb_profile_set_duration_s (f->profile, 20);
  _ebb_profile_allow_short_duration_for_tests (f->profile);

  ebb_session_set_client_id (f->session, "C-1");
  ebb_session_set_operator (f->session, "tech");
  ebb_session_set_profile (f->session, f->profile);
  ebb_session_set_screening_gate (f->session, gate_cb, f, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->device);
  g_assert_finalize_object (f->recorder);
  g_assert_finalize_object (f->clock);
  g_clear_object (&f->profile);
  g_clear_error (&f->gate_error);
}

static void
run_for (Fixture *f,
         guint    ms)
{
  for (guint t = 0; t < ms; t += 50)
    {
      ebb_virtual_clock_advance (f->clock, 50 * 1000);
      fake_step (f->device);
    }
}

static void
run_until_finished (Fixture *f,
                    guint    max_ms)
{
  for (guint t = 0; t < max_ms && !ebb_session_is_finished (f->session); t += 50)
    run_for (f, 50);
}

static guint
count_commands (Fixture *f,
                guint    type)
{
  guint n = 0;

  for (guint i = 0; i < f->device->commands->len; i++)
    n += g_array_index (f->device->commands, Command, i).type == type;
  return n;
}

static gboolean
has_event (Fixture    *f,
           const char *prefix)
{
  return test_fake_recorder_has_event (f->recorder, prefix);
}

static void
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_session_start (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_RUNNING);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  guint n_targets = 0;
  guint n_state_notifies = 0;
  guint state = 0;

  g_signal_connect (f->session, "notify::state", G_CALLBACK (count_notify_cb), &n_state_notifies);
  start (f);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);
  g_assert_cmpint (ebb_session_get_remaining_us (f->session), ==, 20 * G_USEC_PER_SEC);
  run_for (f, 5000);
  g_assert_cmpint (ebb_session_get_elapsed_us (f->session), ==, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (ebb_session_get_remaining_us (f->session), ==, 15 * G_USEC_PER_SEC);
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 2);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);

  run_until_finished (f, 30000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_COMPLETED);
  g_assert_cmpstr (ebb_session_get_end_reason (f->session), ==, "completed");
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 5);
  /* running, finishing, completed */
  g_assert_cmpuint (n_state_notifies, ==, 3);
  g_object_get (f->session, "state", &state, NULL);
  g_assert_cmpuint (state, ==, EBB_SESSION_STATE_COMPLETED);

  /* Setpoints alternate level and atmosphere at each boundary, with the
   * profile's ramp; then the final vent. */
  for (guint i = 0; i < f->device->commands->len; i++)
    {
      Command *c = &g_array_index (f->device->commands, Command, i);

      if (c->type != EBB_ECP_MSG_SET_TARGET)
        continue;
      g_assert_cmpint (c->target, ==, n_targets % 2 == 0 ? -3000 : 0);
      g_assert_cmpuint (c->ramp, ==, 0);
      n_targets++;
    }
  g_assert_cmpuint (n_targets, ==, 10);
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_VENT), ==, 1);
  g_assert_cmpuint (f->device->n_vent_now, ==, 0);

  g_assert_cmpstr (f->recorder->end_state, ==, "completed");
  g_assert_cmpstr (f->recorder->end_reason, ==, "completed");
  g_assert_cmpuint (f->recorder->stats.frames_bad, ==, 3);
  g_assert_cmpuint (f->recorder->stats.frames_ok, >, 0);
  g_assert_cmpstr (f->recorder->device_serial, ==, "SN-000123");
  g_assert_cmpint (json_object_get_int_member (f->recorder->snapshot, "level-pa"), ==, -3000);
  g_assert_cmpuint (f->recorder->n_samples, >=, 20 * 200);
  g_assert_true (has_event (f, "state finishing"));
  g_assert_true (has_event (f, "phase release 5"));
  /* The end is recorded only once the chamber is back at atmosphere. */
  g_assert_cmpint (ABS (ebb_session_get_pressure_pa (f->session)), <=, EBB_SESSION_ATMOSPHERE_PA);
  g_assert_false (ebb_session_get_recording_failed (f->session));
}

/* The report's statistics of what the session recorded. */
static void
recorded_stats (Fixture        *f,
                EbbReportStats *stats)
{
  g_autoptr(EbbReportData) report = ebb_report_data_new ();

  report->vacuum_s = ebb_profile_get_vacuum_s (f->profile);
  report->release_s = ebb_profile_get_release_s (f->profile);
  report->duration_s = ebb_profile_get_duration_s (f->profile);
  report->level_pa = ebb_profile_get_level_pa (f->profile);
  g_array_append_vals (report->samples, f->recorder->samples->data, f->recorder->samples->len);
  ebb_report_data_compute_stats (report, stats);
}

/* 2 s vacuum, 3 s release, 21 s: a fifth vacuum phase at 20 s would be
 * cut short at 21 s, so the runner stays in release to the end. The
 * session runs exactly the planned four cycles, and the report computed
 * from its samples says "4 of 4". */
static void
test_complete_planned_cycles (Fixture       *f,
                              gconstpointer  data)
{
  EbbReportStats stats;
  guint n_targets;

  ebb_profile_set_release_s (f->profile, 3);
  ebb_profile_set_duration_s (f->profile, 21);
  ebb_session_set_profile (f->session, f->profile);
  g_assert_cmpuint (ebb_profile_get_n_cycles (f->profile), ==, 4);

  start (f);
  run_for (f, 20500);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_RUNNING);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_RELEASE);
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 4);
  run_until_finished (f, 15000);
  g_assert_cmpstr (f->recorder->end_state, ==, "completed");
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, ebb_profile_get_n_cycles (f->profile));
  g_assert_false (has_event (f, "phase vacuum 5"));

  n_targets = count_commands (f, EBB_ECP_MSG_SET_TARGET);
  g_assert_cmpuint (n_targets, ==, 8);

  recorded_stats (f, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 4);
  g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
}

/* 3 s vacuum, 2 s release, 8 s: the second vacuum phase ends exactly at
 * the end of the duration. A real main loop fires every timeout a little
 * late, so at the boundary before it slightly less than 3 s is left; the
 * runner still starts it (the plan decides, not the microseconds left)
 * and the report counts both cycles from the samples. */
static void
test_complete_late_timers (Fixture       *f,
                           gconstpointer  data)
{
  EbbReportStats stats;

  ebb_profile_set_vacuum_s (f->profile, 3);
  ebb_profile_set_duration_s (f->profile, 8);
  ebb_session_set_profile (f->session, f->profile);
  g_assert_cmpuint (ebb_profile_get_n_cycles (f->profile), ==, 2);
  ebb_virtual_clock_set_lateness (f->clock, 2000);

  start (f);
  run_until_finished (f, 15000);
  g_assert_cmpstr (f->recorder->end_state, ==, "completed");
  g_assert_true (has_event (f, "phase vacuum 2"));
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 2);
  /* Vacuum, release, vacuum; the finishing vent ends the last one. */
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_SET_TARGET), ==, 3);
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_VENT), ==, 1);

  recorded_stats (f, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 2);
  g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
}

typedef struct
{
  gint64 at_us;
  guint phase;
  guint cycle;
} PhaseStart;

/* When each phase started and the session began to finish, on the clock. */
typedef struct
{
  EbbVirtualClock *clock;
  GArray *starts;
  gint64 finishing_us;
} Timeline;

static void
timeline_phase_cb (EbbSession *session,
                   guint       phase,
                   guint       cycle,
                   Timeline   *timeline)
{
  PhaseStart start = { ebb_clock_now_us (EBB_CLOCK (timeline->clock)), phase, cycle };

  g_array_append_val (timeline->starts, start);
}

static void
timeline_state_cb (EbbSession *session,
                   guint       state,
                   Timeline   *timeline)
{
  if (state == EBB_SESSION_STATE_FINISHING)
    timeline->finishing_us = ebb_clock_now_us (EBB_CLOCK (timeline->clock));
}

/* 2 s / 2 s over 200 s, every timeout 20 ms late, and a 7 s pause in the
 * 25th phase (a vacuum): a runner that scheduled each boundary from
 * the previous timer's firing would end 2 s late. Scheduled against the plan, each
 * phase starts at most one lateness after its nominal time (start + the
 * planned phases before it + the time paused before it), the resumption
 * continues the paused phase without a new boundary, and the session ends
 * within one lateness of its nominal end. */
static void
test_complete_no_drift (Fixture       *f,
                        gconstpointer  data)
{
  const gint64 lateness = 20 * 1000;
  const gint64 phase_us = 2 * G_USEC_PER_SEC;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (PhaseStart));
  Timeline timeline = { f->clock, starts, 0 };
  gint64 started, paused_at, paused_us, paused_elapsed;
  guint n = 0;

  ebb_profile_set_duration_s (f->profile, 200);
  ebb_session_set_profile (f->session, f->profile);
  g_assert_cmpuint (ebb_profile_get_n_cycles (f->profile), ==, 50);
  ebb_virtual_clock_set_lateness (f->clock, lateness);
  g_signal_connect (f->session, "phase-changed", G_CALLBACK (timeline_phase_cb), &timeline);
  g_signal_connect (f->session, "state-changed", G_CALLBACK (timeline_state_cb), &timeline);

  started = ebb_clock_now_us (EBB_CLOCK (f->clock));
  start (f);
  run_for (f, 49000);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 13);
  paused_at = ebb_clock_now_us (EBB_CLOCK (f->clock));
  g_assert_true (ebb_session_pause (f->session, NULL));
  paused_elapsed = ebb_session_get_elapsed_us (f->session);
  run_for (f, 7000);
  paused_us = ebb_clock_now_us (EBB_CLOCK (f->clock)) - paused_at;
  g_assert_cmpint (paused_us, ==, 7 * G_USEC_PER_SEC);
  g_assert_true (ebb_session_resume (f->session, NULL));
  run_until_finished (f, 160000);

  g_assert_cmpstr (f->recorder->end_state, ==, "completed");
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 50);

  for (guint i = 0; i < starts->len; i++)
    {
      const PhaseStart *s = &g_array_index (starts, PhaseStart, i);
      gint64 nominal = started + n * phase_us;

      /* The resumption announces the paused phase again. */
      if (i > 0 && s->phase == g_array_index (starts, PhaseStart, i - 1).phase
          && s->cycle == g_array_index (starts, PhaseStart, i - 1).cycle)
        {
          g_assert_cmpint (s->at_us, ==, paused_at + paused_us);
          continue;
        }

      if (n * phase_us > paused_elapsed)
        nominal += paused_us;
      g_assert_cmpuint (s->phase, ==, n % 2 == 0 ? EBB_SESSION_PHASE_VACUUM : EBB_SESSION_PHASE_RELEASE);
      g_assert_cmpuint (s->cycle, ==, n / 2 + 1);
      g_assert_cmpint (s->at_us, >=, nominal);
      g_assert_cmpint (s->at_us, <=, nominal + lateness);
      n++;
    }
  g_assert_cmpuint (n, ==, 100);

  g_assert_cmpint (timeline.finishing_us, >=, started + 200 * G_USEC_PER_SEC + paused_us);
  g_assert_cmpint (timeline.finishing_us, <=, started + 200 * G_USEC_PER_SEC + paused_us + lateness);
}

/* With an operator session the core asks the permissions table: reception
 * may not start a session (refused, audited, nothing sent); a technician may. */
static void
test_operator_permission (Fixture       *f,
                          gconstpointer  data)
{
  OperatorsFixture ops = { 0 };
  g_autoptr(GError) error = NULL;

  operators_fixture_set_up (&ops, NULL);
  operators_fixture_add (&ops, "rita", EBB_ROLE_RECEPTION);
  operators_fixture_add (&ops, "tom", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (&ops, "rita");

  ebb_session_set_operator_session (f->session, ops.ctx);
  g_assert_false (ebb_session_start (f->session, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_PREPARING);
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_SET_TARGET), ==, 0);
  g_assert_cmpuint (operators_fixture_count (&ops, "permission.denied"), ==, 1);
  g_clear_error (&error);

  ebb_operator_session_logout (ops.ctx);
  operators_fixture_login (&ops, "tom");
  ebb_session_set_operator_session (f->session, ops.ctx);
  start (f);
  g_assert_true (has_event (f, "state running"));
  ebb_session_emergency_stop (f->session);

  operators_fixture_tear_down (&ops, NULL);
}

static void
test_ramp_is_sent (Fixture       *f,
                   gconstpointer  data)
{
  ebb_session_set_profile (f->session, f->profile);
  ebb_profile_set_ramp_pa_s (f->profile, 2000);
  ebb_session_set_profile (f->session, f->profile);
  start (f);
  g_assert_cmpuint (g_array_index (f->device->commands, Command, 0).ramp, ==, 2000);
}

static void
test_profile_snapshot (Fixture       *f,
                       gconstpointer  data)
{
  start (f);
  /* Editing the profile object after the start changes nothing. */
  ebb_profile_set_level_pa (f->profile, -20000);
  run_until_finished (f, 30000);
  for (guint i = 0; i < f->device->commands->len; i++)
    g_assert_cmpint (g_array_index (f->device->commands, Command, i).target, >=, -3000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_COMPLETED);
}

static void
assert_start_refused (Fixture *f,
                      GQuark   domain,
                      int      code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ebb_session_start (f->session, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_PREPARING);
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_SET_TARGET), ==, 0);
}

static void
test_gates (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(EbbProfile) deep = ebb_profile_copy (f->profile);

  ebb_session_set_client_id (f->session, "");
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_INCOMPLETE);
  ebb_session_set_client_id (f->session, "C-1");

  f->device->connected = FALSE;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NOT_CONNECTED);
  f->device->connected = TRUE;

  f->device->serial = NULL;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NOT_IDENTIFIED);
  f->device->serial = "SN-000123";

  f->device->have_status = FALSE;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NO_STATUS);
  f->device->have_status = TRUE;

  f->device->faults = EBB_ECP_FAULT_WATCHDOG | EBB_ECP_FAULT_ESTOP;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED);
  ebb_device_clear_faults (EBB_DEVICE (f->device));

  f->device->flags = 0;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_LID_OPEN);
  /* A chamber without a lid sensor never reports LID_CLOSED: its lid is
   * on the technician's checklist, not a gate the core can check. */
  f->device->no_lid_sensor = TRUE;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_LID_OPEN);
  ebb_session_set_lid_confirmed (f->session, TRUE);
  {
    g_autoptr(GError) error = NULL;

    ebb_session_set_profile (f->session, f->profile);
    ebb_session_check (f->session, &error);
    g_assert_false (g_error_matches (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_LID_OPEN));
  }
  f->device->no_lid_sensor = FALSE;
  f->device->flags = EBB_ECP_FLAG_LID_CLOSED;

  /* Every refusal of the screening module's gate reaches the caller
   * unchanged: no screening, incomplete, EXCLUDE, expired, changed, not
   * confirmed, REFER without clearance. */
  for (int code = EBB_SCREENING_GATE_ERROR_NONE; code <= EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE; code++)
    {
      f->gate_error = g_error_new (EBB_SCREENING_GATE_ERROR, code, "screening refusal %d", code);
      assert_start_refused (f, EBB_SCREENING_GATE_ERROR, code);
      g_clear_error (&f->gate_error);
    }

  ebb_session_set_screening_gate (f->session, NULL, NULL, NULL);
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_NO_SCREENING_CHECK);
  ebb_session_set_screening_gate (f->session, gate_cb, f, NULL);

  /* The profile is checked against the current limit. */
  ebb_session_set_clinic_limit (f->session, -2000);
  assert_start_refused (f, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NEEDS_APPROVAL);
  ebb_session_set_clinic_limit (f->session, -5000);
  ebb_profile_set_level_pa (deep, -7500);
  ebb_profile_set_approval (deep, TRUE, "Dr. Weber");
  ebb_session_set_profile (f->session, deep);
  assert_start_refused (f, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT);
  ebb_session_set_profile (f->session, f->profile);

  f->recorder->fail_begin = TRUE;
  assert_start_refused (f, EBB_SESSION_ERROR, EBB_SESSION_ERROR_RECORDING);
  f->recorder->fail_begin = FALSE;

  start (f);
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (ebb_session_start (f->session, &error));
    g_assert_error (error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_WRONG_STATE);
  }
  ebb_session_emergency_stop (f->session);
}

static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  start (f);
  run_for (f, 3000);
  g_assert_true (ebb_session_pause (f->session, NULL));
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_PAUSED);
  g_assert_cmpint (f->device->target, ==, 0);
  run_for (f, 30000);
  /* The clock is frozen, and a paused chamber is not an alarm. */
  g_assert_cmpint (ebb_session_get_elapsed_us (f->session), ==, 3 * G_USEC_PER_SEC);
  g_assert_false (ebb_session_pause (f->session, NULL));
  g_assert_false (has_event (f, "alarm-raised"));

  g_assert_true (ebb_session_resume (f->session, NULL));
  /* Resumed in the interrupted phase (release of cycle 1... at 3 s: the
   * vacuum of cycle 2 had not started). */
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_RELEASE);
  run_for (f, 1000);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);
  run_until_finished (f, 30000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_COMPLETED);
  g_assert_cmpint (ebb_session_get_elapsed_us (f->session), >=, 20 * G_USEC_PER_SEC);
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 5);
}

/* Paused 1.2 s into the third vacuum phase and resumed for its last
 * 0.8 s: the vent splits the phase in the samples, and the report still
 * counts every planned cycle of the completed session. */
static void
test_pause_in_vacuum (Fixture       *f,
                      gconstpointer  data)
{
  EbbReportStats stats;

  start (f);
  run_for (f, 9200);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_VACUUM);
  g_assert_cmpuint (ebb_session_get_cycle (f->session), ==, 3);
  g_assert_true (ebb_session_pause (f->session, NULL));
  run_for (f, 5000);
  g_assert_true (ebb_session_resume (f->session, NULL));
  run_until_finished (f, 30000);
  g_assert_cmpstr (f->recorder->end_state, ==, "completed");

  recorded_stats (f, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 5);
  g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  start (f);
  run_for (f, 1500);
  g_assert_true (ebb_session_stop (f->session, NULL));
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  run_until_finished (f, 5000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "stopped by operator");
  g_assert_false (ebb_session_stop (f->session, NULL));
}

static void
stop_recording_failed_cb (EbbSession   *session,
                          const GError *error,
                          Fixture      *f)
{
  TestFakeDevice *device = f->device;

  /* The record fails at the stop: by now the VENT must be out. */
  g_assert_cmpuint (device->commands->len, >, 0);
  g_assert_cmpuint (g_array_index (device->commands, Command, device->commands->len - 1).type,
                    ==, EBB_ECP_MSG_VENT);
  f->n_recording_failed++;
}

static void
test_stop_vents_before_record (Fixture       *f,
                               gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  g_assert_cmpint (g_array_index (f->device->commands, Command,
                                  f->device->commands->len - 1).type, ==, EBB_ECP_MSG_SET_TARGET);

  g_signal_connect (f->session, "recording-failed", G_CALLBACK (stop_recording_failed_cb), f);
  f->recorder->fail_after_begin = TRUE;
  g_test_expect_message ("ebb-session", G_LOG_LEVEL_WARNING, "*disk full*");
  g_assert_true (ebb_session_stop (f->session, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (f->n_recording_failed, ==, 1);
  g_assert_true (ebb_session_get_recording_failed (f->session));
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  run_until_finished (f, 5000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpuint (f->device->target, ==, 0);
}

typedef enum
{
  AT_PREPARING,
  AT_RUNNING,
  AT_PAUSED,
  AT_FINISHING,
  AT_COMPLETED,
} EstopPoint;

static void
estop_at (Fixture    *f,
          EstopPoint  point,
          gboolean    failing_store)
{
  if (point != AT_PREPARING)
    {
      start (f);
      run_for (f, 1000);
    }
  f->recorder->fail_after_begin = failing_store;
  if (point == AT_PAUSED)
    ebb_session_pause (f->session, NULL);
  if (point == AT_FINISHING)
    {
      ebb_session_stop (f->session, NULL);
      g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
    }
  if (point == AT_COMPLETED)
    run_until_finished (f, 30000);

  ebb_session_emergency_stop (f->session);

  g_assert_cmpuint (f->device->n_vent_now, ==, 1);
  if (point == AT_COMPLETED)
    {
      g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_COMPLETED);
      return;
    }

  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpstr (ebb_session_get_end_reason (f->session), ==, "emergency stop");
  /* VENT went out before anything was written. */
  for (guint i = 0; i < f->device->events_at_first_vent_now; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (f->recorder->events, i), "emergency-stop"));
  for (guint i = 0; i < f->device->events_at_first_vent_now; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (f->recorder->events, i), "state stopped"));
  if (point != AT_PREPARING && !failing_store)
    {
      g_assert_true (has_event (f, "emergency-stop"));
      g_assert_cmpstr (f->recorder->end_state, ==, "stopped");
      g_assert_cmpstr (f->recorder->end_reason, ==, "emergency stop");
    }
  if (failing_store && point != AT_PREPARING)
    g_assert_true (ebb_session_get_recording_failed (f->session));

  /* Nothing more is sent after the end. */
  {
    guint n = f->device->commands->len;
    run_for (f, 5000);
    g_assert_cmpuint (f->device->commands->len, ==, n);
  }
}

static void
test_estop_preparing (Fixture *f, gconstpointer data) { estop_at (f, AT_PREPARING, FALSE); }
static void
test_estop_running (Fixture *f, gconstpointer data) { estop_at (f, AT_RUNNING, FALSE); }
static void
test_estop_paused (Fixture *f, gconstpointer data) { estop_at (f, AT_PAUSED, FALSE); }
static void
test_estop_finishing (Fixture *f, gconstpointer data) { estop_at (f, AT_FINISHING, FALSE); }
static void
test_estop_completed (Fixture *f, gconstpointer data) { estop_at (f, AT_COMPLETED, FALSE); }

static void
test_estop_failing_store (Fixture       *f,
                          gconstpointer  data)
{
  g_test_expect_message ("ebb-session", G_LOG_LEVEL_WARNING, "*disk full*");
  estop_at (f, AT_RUNNING, TRUE);
  g_test_assert_expected_messages ();
}

static void
test_failing_store_keeps_supervising (Fixture       *f,
                                      gconstpointer  data)
{
  start (f);
  g_test_expect_message ("ebb-session", G_LOG_LEVEL_WARNING, "*disk full*");
  f->recorder->fail_after_begin = TRUE;
  run_for (f, 1000);
  g_test_assert_expected_messages ();
  g_assert_true (ebb_session_get_recording_failed (f->session));
  f->device->offset = -3000;
  run_until_finished (f, 12000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (ebb_session_get_end_reason (f->session), ==, "over-vacuum");
  g_assert_cmpuint (f->device->n_vent_now, >=, 1);
}

static void
test_abort_over_vacuum (Fixture       *f,
                        gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  /* A sensor offset makes the chamber read (and pull) deeper. */
  f->device->offset = -1000;
  run_for (f, 1000);
  g_assert_cmpuint (f->device->n_vent_now, ==, 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  f->device->offset = 0;
  run_until_finished (f, 5000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "over-vacuum");
  g_assert_true (has_event (f, "alarm-raised over-vacuum high"));
}

static void
test_estop_while_aborting (Fixture       *f,
                           gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  f->device->offset = -1000;
  run_for (f, 1000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  g_assert_cmpuint (f->device->n_vent_now, ==, 1);

  /* The operator hits emergency stop while the abort vents: the abort and
   * its cause stay on record, the emergency stop is added to them. */
  ebb_session_emergency_stop (f->session);
  g_assert_cmpuint (f->device->n_vent_now, ==, 2);
  g_assert_cmpuint (g_array_index (f->device->commands, Command,
                                   f->device->commands->len - 1).type, ==, EBB_ECP_MSG_VENT);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (ebb_session_get_end_reason (f->session), ==, "over-vacuum; emergency stop");
  g_assert_cmpstr (f->recorder->end_state, ==, "aborted");
  g_assert_cmpstr (f->recorder->end_reason, ==, "over-vacuum; emergency stop");
  g_assert_true (has_event (f, "emergency-stop"));
  g_assert_true (has_event (f, "alarm-raised over-vacuum high"));
}

static void
test_abort_device_fault (Fixture       *f,
                         gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  f->device->faults = EBB_ECP_FAULT_LID_OPENED;
  f->device->target = 0;
  run_until_finished (f, 5000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "device-lid-opened");
  g_assert_cmpuint (f->device->n_vent_now, >=, 1);
}

static void
test_abort_link_lost (Fixture       *f,
                      gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  f->device->mute = TRUE;
  ebb_device_emit_link_lost (EBB_DEVICE (f->device));
  g_assert_cmpuint (f->device->n_vent_now, ==, 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  /* No telemetry confirms atmosphere; the end is recorded after the vent
   * timeout, still with the first cause. */
  run_until_finished (f, 15000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "link-lost");
  g_assert_true (has_event (f, "vent-timeout"));
}

static void
test_abort_stale (Fixture       *f,
                  gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  f->device->mute = TRUE;
  run_for (f, 1000);
  g_assert_cmpuint (f->device->n_vent_now, ==, 1);
  run_until_finished (f, 15000);
  g_assert_cmpstr (f->recorder->end_reason, ==, "telemetry-stale");
}

static void
test_abort_reboot (Fixture       *f,
                   gconstpointer  data)
{
  start (f);
  run_for (f, 1000);
  f->device->device_ms = 0;
  run_until_finished (f, 15000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "device-reboot");
}

static void
test_abort_set_target_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "LID_OPEN");

  start (f);
  ebb_device_emit_command_failed (EBB_DEVICE (f->device), EBB_ECP_MSG_SET_TARGET, error);
  run_until_finished (f, 5000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "set-target-refused");
}

static void
test_abort_lid_open_in_release (Fixture       *f,
                                gconstpointer  data)
{
  start (f);
  run_for (f, 2500);
  g_assert_cmpint (ebb_session_get_phase (f->session), ==, EBB_SESSION_PHASE_RELEASE);

  /* The lid opens in the release phase: the chamber raises no fault there
   * (it only does while regulating a vacuum), so the console must notice
   * the LID_CLOSED flag dropping. */
  f->device->flags = 0;
  run_for (f, 100);
  g_assert_cmpuint (f->device->n_vent_now, ==, 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  /* VENT went out before anything was written. */
  for (guint i = 0; i < f->device->events_at_first_vent_now; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (f->recorder->events, i), "alarm-raised"));

  run_until_finished (f, 5000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (f->recorder->end_reason, ==, "lid-open");
  g_assert_true (has_event (f, "alarm-raised lid-open high"));
  g_assert_false (has_event (f, "command-failed"));
  for (guint i = 0; i < f->device->commands->len; i++)
    g_assert_cmpint (g_array_index (f->device->commands, Command, i).target, >=, -3000);
}

static void
symptom_cb (EbbSession *session,
            guint       symptom,
            Fixture    *f)
{
  g_assert_cmpuint (symptom, ==, EBB_SYMPTOM_NAUSEA);
  f->n_symptoms++;
}

static void
test_symptom (Fixture       *f,
              gconstpointer  data)
{
  g_signal_connect (f->session, "symptom-reported", G_CALLBACK (symptom_cb), f);
  g_assert_false (ebb_session_report_symptom (f->session, EBB_SYMPTOM_NAUSEA, NULL, NULL));
  start (f);
  run_for (f, 1000);
  g_assert_true (ebb_session_report_symptom (f->session, EBB_SYMPTOM_NAUSEA, "pale", NULL));
  g_assert_cmpuint (f->device->n_vent_now, ==, 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_PAUSED);
  g_assert_cmpuint (f->n_symptoms, ==, 1);
  g_assert_true (has_event (f, "symptom nausea: pale"));
  /* The operator chooses to end. */
  ebb_session_stop (f->session, NULL);
  run_until_finished (f, 5000);
  g_assert_cmpstr (f->recorder->end_reason, ==, "stopped by operator");
}

static gboolean
fired_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_REMOVE;
}

/* The real clock: monotonic time and one-shot timeouts on the thread's
 * main context, removable before they fire. */
static void
test_real_clock (void)
{
  g_autoptr(EbbClock) clock = ebb_clock_new ();
  gint64 start = ebb_clock_now_us (clock);
  guint fired = 0, removed = 0;
  guint id;

  ebb_clock_add_timeout (clock, 20 * 1000, fired_cb, &fired);
  id = ebb_clock_add_timeout (clock, 20 * 1000, fired_cb, &removed);
  g_assert_cmpuint (id, !=, 0);
  ebb_clock_clear_timeout (clock, &id);
  g_assert_cmpuint (id, ==, 0);

  while (fired == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ebb_clock_now_us (clock) - start, >=, 20 * 1000);
  g_assert_cmpuint (removed, ==, 0);
}

/* Property: whatever profile and clinic setting, no target outside
 * [hard limit, 0] ever reaches the device, and none beyond the clinic's
 * limit for a profile without a (named) clinician's approval. */
static void
test_property_targets (void)
{
  for (guint i = 0; i < 300; i++)
    {
      Fixture f = { 0 };
      gint32 setting = g_test_rand_int_range (-20000, 1000);
      gboolean approved = g_test_rand_bit ();
      gboolean named = g_test_rand_bit ();
      gint32 deepest;
      gboolean started;

      fixture_setup (&f, NULL);
      ebb_profile_set_level_pa (f.profile, g_test_rand_int_range (-15000, 1000));
      ebb_profile_set_vacuum_s (f.profile, g_test_rand_int_range (0, 6));
      ebb_profile_set_release_s (f.profile, g_test_rand_int_range (0, 6));
      ebb_profile_set_ramp_pa_s (f.profile, g_test_rand_int_range (0, 6000));
      ebb_profile_set_approval (f.profile, approved, named ? "Dr. Weber" : NULL);
      ebb_session_set_profile (f.session, f.profile);
      ebb_session_set_clinic_limit (f.session, setting);
      /* An approval without a name is no approval. */
      deepest = approved && named ? EBB_PROFILE_HARD_LIMIT_PA
                                  : ebb_profile_effective_clinic_limit (setting);

      started = ebb_session_start (f.session, NULL);
      if (ebb_profile_get_level_pa (f.profile) < deepest)
        g_assert_false (started);

      if (started)
        {
          g_autoptr(EbbProfile) bad = ebb_profile_copy (f.profile);

          run_for (&f, 3000);
          /* Try to push a level far beyond the hard limit into the running
           * session through every door it has; editing f.profile would
           * prove nothing, the session runs on its own copy. */
          ebb_profile_set_level_pa (bad, -50000);
          ebb_profile_set_approval (bad, TRUE, "Dr. Weber");
          g_test_expect_message ("ebb-session", G_LOG_LEVEL_CRITICAL, "*PREPARING*");
          ebb_session_set_profile (f.session, bad);
          g_test_assert_expected_messages ();
          g_test_expect_message ("ebb-session", G_LOG_LEVEL_CRITICAL, "*PREPARING*");
          ebb_session_set_clinic_limit (f.session, -50000);
          g_test_assert_expected_messages ();
          g_assert_false (ebb_session_start (f.session, NULL));
          /* Resuming sends the level again: it must be the snapshot's. */
          if (ebb_session_pause (f.session, NULL))
            g_assert_true (ebb_session_resume (f.session, NULL));
          run_until_finished (&f, 25000);
        }
      ebb_session_emergency_stop (f.session);

      for (guint c = 0; c < f.device->commands->len; c++)
        {
          Command *command = &g_array_index (f.device->commands, Command, c);

          g_assert_cmpint (command->target, >=, EBB_PROFILE_HARD_LIMIT_PA);
          g_assert_cmpint (command->target, >=, deepest);
          g_assert_cmpint (command->target, <=, 0);
        }
      fixture_teardown (&f, NULL);
    }
}

/* With the real store: the SQLite file in an isolated directory. */

typedef struct
{
  EbbStore *store;
  gint64 client_id;
  gint64 operator_id;
} StoreEnv;

static void
store_env_init (StoreEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "session-test.db", NULL);
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbOperator) op = ebb_operator_new ();

  env->store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  client->family_name = g_strdup ("Müller");
  env->client_id = ebb_store_client_insert (env->store, client, &error);
  g_assert_no_error (error);
  op->username = g_strdup ("tech");
  op->display_name = g_strdup ("Tech");
  op->roles = EBB_ROLE_TECHNICIAN;
  op->active = TRUE;
  env->operator_id = ebb_store_operator_insert (env->store, op, &error);
  g_assert_no_error (error);
}

static gint64
store_screening (StoreEnv   *env,
                 const char *outcome,
                 gint64      screened_us,
                 gboolean    cleared)
{
  g_autoptr(EbbStoredScreening) screening = ebb_stored_screening_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  screening->client_id = env->client_id;
  screening->questionnaire_id = g_strdup ("ebbflow-inp");
  screening->questionnaire_version = g_strdup ("1");
  screening->answers_json = g_strdup ("{}");
  screening->outcome = g_strdup (outcome);
  screening->operator_id = env->operator_id;
  screening->screened_us = screened_us;
  id = ebb_store_screening_insert (env->store, screening, &error);
  g_assert_no_error (error);
  if (cleared)
    {
      ebb_store_screening_clear (env->store, id, env->operator_id, screened_us,
                                 "cleared by the GP", env->operator_id, &error);
      g_assert_no_error (error);
    }
  return id;
}

static void
confirm_screening (StoreEnv *env,
                   gint64    screening_id,
                   gint64    when_us)
{
  g_autoptr(GError) error = NULL;

  ebb_store_screening_confirm (env->store, screening_id, env->operator_id, when_us, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_gate (StoreEnv *env,
             int       code)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  gboolean allowed = ebb_session_gate_check_stored (env->store, env->client_id, 90, now, &error);

  if (code == 0)
    {
      g_assert_no_error (error);
      g_assert_true (allowed);
    }
  else
    {
      g_assert_false (allowed);
      g_assert_error (error, EBB_SCREENING_GATE_ERROR, code);
    }
}

static void
test_store_gate (void)
{
  StoreEnv env = { 0 };
  gint64 now = g_get_real_time ();
  gint64 id;

  store_env_init (&env);

  assert_gate (&env, EBB_SCREENING_GATE_ERROR_NONE);

  id = store_screening (&env, "clear", now - (gint64) G_USEC_PER_SEC * 3600, FALSE);
  assert_gate (&env, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
  /* A confirmation from an earlier visit does not count today. */
  confirm_screening (&env, id, now - (gint64) G_USEC_PER_SEC * 86400 * 3);
  assert_gate (&env, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
  confirm_screening (&env, id, now - G_USEC_PER_SEC);
  assert_gate (&env, 0);

  id = store_screening (&env, "refer", now - G_USEC_PER_SEC * 60, FALSE);
  confirm_screening (&env, id, now);
  assert_gate (&env, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);
  id = store_screening (&env, "refer", now - G_USEC_PER_SEC * 50, TRUE);
  confirm_screening (&env, id, now);
  assert_gate (&env, 0);

  id = store_screening (&env, "exclude", now - G_USEC_PER_SEC * 40, FALSE);
  confirm_screening (&env, id, now);
  assert_gate (&env, EBB_SCREENING_GATE_ERROR_EXCLUDED);

  id = store_screening (&env, "incomplete", now - G_USEC_PER_SEC * 30, FALSE);
  assert_gate (&env, EBB_SCREENING_GATE_ERROR_INCOMPLETE);

  /* The latest screening is the newest by date, so this older-than-90-days
   * one is found only once nothing newer exists: a fresh client. */
  g_clear_object (&env.store);
  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "session-test.db", NULL);

    g_assert_cmpint (g_unlink (path), ==, 0);
  }
  store_env_init (&env);
  id = store_screening (&env, "clear", now - (gint64) G_USEC_PER_SEC * 86400 * 91, FALSE);
  confirm_screening (&env, id, now);
  assert_gate (&env, EBB_SCREENING_GATE_ERROR_EXPIRED);

  g_clear_object (&env.store);
}

static void
test_store_recorded (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EbbStoreRecorder) recorder = NULL;
  g_autoptr(EbbSession) session = NULL;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  StoreEnv env = { 0 };
  gint64 id;

  store_env_init (&env);
  id = store_screening (&env, "clear", g_get_real_time () - G_USEC_PER_SEC * 60, FALSE);
  confirm_screening (&env, id, g_get_real_time ());

  recorder = ebb_store_recorder_new (env.store, env.client_id, env.operator_id, id, 0,
                                     "EBB-INP-1", "1.4.2");
  session = ebb_session_new (EBB_DEVICE (f->device), EBB_RECORDER (recorder), EBB_CLOCK (f->clock));
  ebb_session_set_client_id (session, "1");
  ebb_session_set_operator (session, "tech");
  ebb_session_set_profile (session, f->profile);
  ebb_session_use_stored_screening (session, env.store, env.client_id, 90);
  g_assert_true (ebb_session_start (session, &error));
  g_assert_no_error (error);

  run_for (f, 30000);
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_COMPLETED);

  record = ebb_store_session_get (env.store, ebb_session_get_record_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_COMPLETED);
  g_assert_cmpstr (record->end_reason, ==, "completed");
  g_assert_cmpstr (record->chamber_serial, ==, "SN-000123");
  g_assert_cmpint (record->client_id, ==, env.client_id);
  g_assert_cmpint (record->operator_id, ==, env.operator_id);
  g_assert_nonnull (strstr (record->link_stats_json, "\"frames-bad\":3"));
  g_assert_nonnull (strstr (record->profile_json, "\"level-pa\":-3000"));

  /* Every sample and event the session saw is on disk. */
  samples = ebb_store_session_read_samples (env.store, record->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, >=, 20 * 200);
  g_assert_cmpuint (record->n_samples, ==, samples->len);
  events = ebb_store_session_read_events (env.store, record->id, &error);
  g_assert_no_error (error);
  /* 10 phases and 10 setpoints at least, plus the state changes. */
  g_assert_cmpuint (events->len, >=, 23);

  g_clear_object (&session);
  g_clear_object (&recorder);
  g_clear_object (&env.store);
}

/* A translation that marks what it translated, so the test sees which
 * pieces went through the catalogue and with which context. */
static const char *
bracket_translate (const char *context,
                   const char *msgid,
                   gpointer    data)
{
  GPtrArray *keep = data;
  char *text = g_strdup_printf ("[%s%s%s]", context != NULL ? context : "", context != NULL ? "|" : "",
                                msgid);

  g_ptr_array_add (keep, text);
  return text;
}

static void
test_words (void)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *completed = ebb_session_translate_end_reason ("completed", bracket_translate, keep);
  g_autofree char *estop = ebb_session_translate_end_reason ("device-estop", bracket_translate, keep);
  g_autofree char *unknown = ebb_session_translate_end_reason ("Lid opened during the session",
                                                              bracket_translate, keep);
  g_autofree char *state = ebb_session_translate_event ("state", "aborted", bracket_translate, keep);
  g_autofree char *raised = ebb_session_translate_event ("alarm-raised", "device-estop high",
                                                         bracket_translate, keep);
  g_autofree char *acked = ebb_session_translate_event ("alarm-acknowledged", "deviation low (Anna Berg)",
                                                        NULL, NULL);
  g_autofree char *symptom = ebb_session_translate_event ("symptom", "other: cold feet", NULL, NULL);
  g_autofree char *phase = ebb_session_translate_event ("phase", "vacuum", NULL, NULL);
  g_autofree char *bad_alarm = ebb_session_translate_event ("alarm-raised", "no-such-alarm high", NULL, NULL);
  /* The audio pause has no alarm kind; recorded as the runner does. */
  g_autofree char *paused = ebb_session_translate_event ("alarm-audio-paused", " (Anna Berg)", NULL, NULL);
  g_autofree char *pause_over = ebb_session_translate_event ("alarm-audio-pause-ended", NULL, NULL, NULL);

  g_assert_cmpstr (completed, ==, "[The profile ran to its end.]");
  g_assert_cmpstr (estop, ==, "[Emergency-stop button pressed]");
  g_assert_null (unknown);
  g_assert_cmpstr (state, ==, "[Session state: [session state|Aborted]]");
  g_assert_cmpstr (raised, ==, "[Alarm: [Emergency-stop button pressed]]");
  g_assert_cmpstr (acked, ==, "Alarm acknowledged: Pressure off target (by Anna Berg)");
  g_assert_cmpstr (symptom, ==, "Symptom reported: Other (cold feet)");
  g_assert_null (phase);
  g_assert_null (bad_alarm);
  g_assert_cmpstr (paused, ==, "Alarm sound paused for 2 minutes (by Anna Berg)");
  g_assert_cmpstr (pause_over, ==, "Alarm sound pause over");

  g_assert_cmpstr (ebb_session_describe_end_reason ("set-target-refused"), ==,
                   "The chamber refused a setpoint; the session was aborted.");
  g_assert_cmpstr (ebb_session_describe_end_reason ("something else"), ==, "something else");
}

/* Issue 9: for a session run from a console, pause, resume, stop and the
 * alarms' acknowledge and audio pause are refused (and audited) while the
 * console is locked and for an operator without the role; the emergency
 * stop never is. */
static void
test_operator_console (Fixture       *f,
                       gconstpointer  data)
{
  OperatorsFixture ops;
  g_autoptr(GError) error = NULL;

  operators_fixture_set_up (&ops, NULL);
  operators_fixture_add (&ops, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_add (&ops, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (&ops, "tech");
  ebb_session_set_operator_session (f->session, ops.ctx);
  start (f);
  run_for (f, 1000);

  ebb_operator_session_lock (ops.ctx);
  g_assert_false (ebb_session_pause (f->session, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);
  g_assert_false (ebb_session_stop (f->session, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);
  g_assert_false (ebb_session_acknowledge_alarm (f->session, EBB_ALARM_OVER_VACUUM, "tech", &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);
  g_assert_false (ebb_session_pause_alarm_audio (f->session, "tech", &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_NOT_LOGGED_IN);
  g_clear_error (&error);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_RUNNING);
  g_assert_cmpint (ebb_safety_supervisor_get_audio_pause_remaining_us (ebb_session_get_supervisor (f->session)), ==, 0);
  g_assert_cmpuint (operators_fixture_count (&ops, "permission.denied"), ==, 4);

  /* Unlocked, the same operator may. */
  g_assert_true (ebb_operator_session_unlock (ops.ctx, FIXTURE_PIN, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_session_pause (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_session_resume (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_session_pause_alarm_audio (f->session, "tech", &error));
  g_assert_no_error (error);

  /* Reception, switched in, may not stop it. */
  operators_fixture_login (&ops, "desk");
  g_assert_false (ebb_session_stop (f->session, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* A symptom pauses it whoever reports it: venting and holding for the
   * client is never a matter of permission. */
  g_assert_true (ebb_session_report_symptom (f->session, EBB_SYMPTOM_NAUSEA, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_PAUSED);
  run_for (f, 3000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_PAUSED);
  g_assert_cmpint (f->device->target, ==, 0);

  /* Locked again: the emergency stop still ends it. */
  ebb_operator_session_lock (ops.ctx);
  ebb_session_emergency_stop (f->session);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpint (f->device->target, ==, 0);

  ebb_session_set_operator_session (f->session, NULL);
  operators_fixture_tear_down (&ops, NULL);
}

static gboolean
allow_gate (const char  *client_id,
            gpointer     data,
            GError     **error)
{
  return TRUE;
}

/* The newest entry of @action, checked for the technician, the session
 * record and the client (issue 9 item 4). */
static void
assert_session_entry (OperatorsFixture *ops,
                      const char       *action,
                      gint64            operator_id)
{
  g_autoptr(GPtrArray) entries = NULL;
  const EbbAuditEntry *found = NULL;

  /* The session's entries are written on the audit writer's thread. */
  g_assert_true (ebb_audit_writer_flush_store (ops->store, NULL));
  entries = ebb_store_audit_list (ops->store, 0, 0, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      const EbbAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, action))
        found = entry;
    }
  g_test_message ("audit action %s", action);
  g_assert_nonnull (found);
  g_assert_cmpint (found->operator_id, ==, operator_id);
  g_assert_cmpstr (found->subject, ==, "session:7");
  g_assert_cmpint (ebb_audit_entry_client (found), ==, 42);
}

static gint64
operator_id (OperatorsFixture *ops,
             const char       *username)
{
  g_autoptr(EbbOperator) op = ebb_store_operator_find (ops->store, username, NULL);

  return op->id;
}

static void
audit_fixture_set_up (Fixture          *f,
                      OperatorsFixture *ops)
{
  operators_fixture_set_up (ops, NULL);
  operators_fixture_add (ops, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (ops, "tech");
  ebb_session_set_client_id (f->session, "42");
  ebb_session_set_screening_gate (f->session, allow_gate, NULL, NULL);
  ebb_session_set_operator_session (f->session, ops->ctx);
}

/* Issue 9 item 4: session start, pause, resume, the alarm's audio pause
 * and acknowledgement and the emergency stop, performed through the
 * session runner, each write their entry with the operator, the session
 * and the client; the emergency stop's comes after its vent. */
static void
test_operator_audit (Fixture       *f,
                     gconstpointer  data)
{
  OperatorsFixture ops;
  g_autoptr(GError) error = NULL;
  gint64 tech;
  guint vents;

  audit_fixture_set_up (f, &ops);
  tech = operator_id (&ops, "tech");

  start (f);
  assert_session_entry (&ops, "session.start", tech);
  run_for (f, 1000);
  g_assert_true (ebb_session_pause (f->session, &error));
  g_assert_no_error (error);
  assert_session_entry (&ops, "session.pause", tech);
  g_assert_true (ebb_session_resume (f->session, &error));
  g_assert_no_error (error);
  assert_session_entry (&ops, "session.resume", tech);

  /* An over-vacuum alarm: the chamber vents and the session aborts. */
  run_for (f, 1000);
  f->device->offset = -1000;
  run_for (f, 1000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  g_assert_true (ebb_session_pause_alarm_audio (f->session, "tech", &error));
  g_assert_no_error (error);
  assert_session_entry (&ops, "alarm.audio-pause", tech);
  g_assert_true (ebb_session_acknowledge_alarm (f->session, EBB_ALARM_OVER_VACUUM, "tech", &error));
  g_assert_no_error (error);
  assert_session_entry (&ops, "alarm.acknowledge", tech);
  {
    g_autoptr(EbbAuditEntry) entry = operators_fixture_last (&ops);

    g_assert_nonnull (strstr (entry->detail_json, "over-vacuum"));
  }

  vents = f->device->n_vent_now;
  ebb_session_emergency_stop (f->session);
  g_assert_cmpuint (f->device->n_vent_now, ==, vents + 1);
  assert_session_entry (&ops, "session.emergency-stop", tech);
  g_assert_true (ebb_store_audit_verify (ops.store, NULL, &error));
  g_assert_no_error (error);

  ebb_session_set_operator_session (f->session, NULL);
  operators_fixture_tear_down (&ops, NULL);
}

/* An ordinary stop is audited too. */
static void
test_operator_audit_stop (Fixture       *f,
                          gconstpointer  data)
{
  OperatorsFixture ops;
  g_autoptr(GError) error = NULL;

  audit_fixture_set_up (f, &ops);
  start (f);
  run_for (f, 500);
  g_assert_true (ebb_session_stop (f->session, &error));
  g_assert_no_error (error);
  assert_session_entry (&ops, "session.stop", operator_id (&ops, "tech"));
  run_until_finished (f, 12000);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);

  ebb_session_set_operator_session (f->session, NULL);
  operators_fixture_tear_down (&ops, NULL);
}

/* A running session whose start entry is on disk, half a second in. */
static void
start_audited (Fixture          *f,
               OperatorsFixture *ops)
{
  audit_fixture_set_up (f, ops);
  start (f);
  g_assert_true (ebb_audit_writer_flush_store (ops->store, NULL));
  run_for (f, 500);
}

/* The database as another program sees it. */
static sqlite3 *
open_database (OperatorsFixture *ops)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (ops->path, &db), ==, SQLITE_OK);
  return db;
}

/* Safety before bookkeeping: with the audit trail failing (its table
 * gone under the console) the emergency stop still vents and ends the
 * session; the failure is only logged. */
static void
test_emergency_stop_audit_fails (Fixture       *f,
                                 gconstpointer  data)
{
  OperatorsFixture ops;
  sqlite3 *db = NULL;
  guint vents;

  start_audited (f, &ops);
  db = open_database (&ops);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE audit", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  vents = f->device->n_vent_now;
  g_test_expect_message ("ebb-audit-writer", G_LOG_LEVEL_WARNING,
                         "*session.emergency-stop*not written*");
  ebb_session_emergency_stop (f->session);
  g_assert_cmpuint (f->device->n_vent_now, ==, vents + 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  /* The failure shows on the writer's thread, and to whoever waits. */
  g_assert_false (ebb_audit_writer_flush_store (ops.store, NULL));
  g_test_assert_expected_messages ();

  ebb_session_set_operator_session (f->session, NULL);
  operators_fixture_tear_down (&ops, NULL);
}

/* The actions of @session_actions, as the trail should list them. */
static const char *const session_actions[] = {
  "session.start", "session.pause", "session.resume", "session.pause", "session.resume",
  "session.emergency-stop",
};

static void
run_session_actions (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  start (f);
  for (guint i = 0; i < 2; i++)
    {
      run_for (f, 500);
      g_assert_true (ebb_session_pause (f->session, &error));
      g_assert_no_error (error);
      g_assert_true (ebb_session_resume (f->session, &error));
      g_assert_no_error (error);
    }
  ebb_session_emergency_stop (f->session);
}

/* The session's entries from @first_id on: @actions, in order, on an
 * intact chain. */
static void
assert_actions (OperatorsFixture  *ops,
                gint64             first_id,
                const char *const *actions,
                guint              n_actions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ebb_store_audit_list (ops->store, first_id - 1, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, n_actions);
  for (guint i = 0; i < entries->len; i++)
    {
      const EbbAuditEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->action, ==, actions[i]);
      g_assert_cmpint (entry->id, ==, first_id + i);
      g_assert_cmpstr (entry->subject, ==, "session:7");
      if (i > 0)
        g_assert_cmpint (entry->time_us, >=,
                         ((const EbbAuditEntry *) g_ptr_array_index (entries, i - 1))->time_us);
    }
  g_assert_true (ebb_store_audit_verify (ops->store, NULL, &error));
  g_assert_no_error (error);
}

static gint64
next_audit_id (OperatorsFixture *ops)
{
  g_autoptr(EbbAuditEntry) last = operators_fixture_last (ops);

  return last->id + 1;
}

/* Replaces the fixture's session by a fresh one, finalising the old. */
static void
finalize_session (Fixture *f)
{
  g_assert_finalize_object (g_steal_pointer (&f->session));
  f->session = ebb_session_new (EBB_DEVICE (f->device), EBB_RECORDER (f->recorder),
                                EBB_CLOCK (f->clock));
}

/* The entries of a running session are committed on the audit writer's
 * thread, not the main thread that runs the session and its chamber's
 * heartbeats, and arrive in the order of the actions on an intact chain;
 * an entry made directly afterwards (the operator logs out) comes after
 * them. */
static void
test_audit_writer_thread (Fixture       *f,
                          gconstpointer  data)
{
  OperatorsFixture ops;
  g_autoptr(EbbAuditWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbAuditEntry) last = NULL;
  gint64 first_id;

  audit_fixture_set_up (f, &ops);
  first_id = next_audit_id (&ops);
  run_session_actions (f);

  /* The session's writer is the store's. */
  writer = ebb_audit_writer_get_for_store (ops.store, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_audit_writer_flush (writer, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ebb_audit_writer_get_writing_thread (writer));
  g_assert_true (ebb_audit_writer_get_writing_thread (writer) != g_thread_self ());
  assert_actions (&ops, first_id, session_actions, G_N_ELEMENTS (session_actions));

  /* A synchronous entry waits for what is queued. */
  g_assert_true (ebb_audit_record (ops.ctx, EBB_AUDIT_LOGOUT, NULL, 0, NULL, &error));
  g_assert_no_error (error);
  last = operators_fixture_last (&ops);
  g_assert_cmpstr (last->action, ==, EBB_AUDIT_LOGOUT);
  g_assert_cmpint (last->id, ==, first_id + G_N_ELEMENTS (session_actions));

  ebb_session_set_operator_session (f->session, NULL);
  g_clear_object (&writer);
  operators_fixture_tear_down (&ops, NULL);
}

/* Nothing queued is lost: once the session object is finalised, all its
 * entries are in the database without anyone flushing. */
static void
test_audit_writer_session_end (Fixture       *f,
                               gconstpointer  data)
{
  OperatorsFixture ops;
  gint64 first_id;

  audit_fixture_set_up (f, &ops);
  first_id = next_audit_id (&ops);
  run_session_actions (f);
  finalize_session (f);

  assert_actions (&ops, first_id, session_actions, G_N_ELEMENTS (session_actions));
  operators_fixture_tear_down (&ops, NULL);
}

/* Another program holds the database's write lock: pause, resume, stop
 * and the emergency stop neither wait for it nor lose their entries, which
 * follow once the lock is gone. */
static void
test_audit_writer_blocked (Fixture       *f,
                           gconstpointer  data)
{
  static const char *const after_lock[] = {
    "session.pause", "session.resume", "session.stop", "session.emergency-stop",
  };
  OperatorsFixture ops;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) during = NULL;
  sqlite3 *db = NULL;
  gint64 first_id;
  guint vents, vents_now;

  start_audited (f, &ops);
  first_id = next_audit_id (&ops);
  db = open_database (&ops);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  vents = count_commands (f, EBB_ECP_MSG_VENT);
  g_assert_true (ebb_session_pause (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_VENT), ==, vents + 1);
  g_assert_true (ebb_session_resume (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_session_stop (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_FINISHING);
  vents_now = f->device->n_vent_now;
  ebb_session_emergency_stop (f->session);
  g_assert_cmpuint (f->device->n_vent_now, ==, vents_now + 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);

  /* Still under the other program's lock: nothing written yet. */
  during = ebb_store_audit_list (ops.store, first_id - 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (during->len, ==, 0);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  finalize_session (f);
  assert_actions (&ops, first_id, after_lock, G_N_ELEMENTS (after_lock));

  operators_fixture_tear_down (&ops, NULL);
}

/* The trail refuses every entry: pause, resume and the emergency stop
 * still act (and vent); each lost entry is logged by the writer. */
static void
test_audit_writer_fails (Fixture       *f,
                         gconstpointer  data)
{
  OperatorsFixture ops;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  guint vents, vents_now;

  start_audited (f, &ops);
  db = open_database (&ops);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON audit "
                                 "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_test_expect_message ("ebb-audit-writer", G_LOG_LEVEL_WARNING, "*session.pause*not written*");
  g_test_expect_message ("ebb-audit-writer", G_LOG_LEVEL_WARNING, "*session.resume*not written*");
  g_test_expect_message ("ebb-audit-writer", G_LOG_LEVEL_WARNING,
                         "*session.emergency-stop*not written*");

  vents = count_commands (f, EBB_ECP_MSG_VENT);
  g_assert_true (ebb_session_pause (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_commands (f, EBB_ECP_MSG_VENT), ==, vents + 1);
  /* One at a time, so the expected warnings come in this order. */
  g_assert_false (ebb_audit_writer_flush_store (ops.store, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (ebb_session_resume (f->session, &error));
  g_assert_no_error (error);
  g_assert_false (ebb_audit_writer_flush_store (ops.store, NULL));
  vents_now = f->device->n_vent_now;
  ebb_session_emergency_stop (f->session);
  g_assert_cmpuint (f->device->n_vent_now, ==, vents_now + 1);
  g_assert_cmpint (ebb_session_get_state (f->session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_false (ebb_audit_writer_flush_store (ops.store, NULL));
  g_test_assert_expected_messages ();

  ebb_session_set_operator_session (f->session, NULL);
  operators_fixture_tear_down (&ops, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ebb/session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("complete", test_complete);
  ADD ("complete/late-timers", test_complete_late_timers);
  ADD ("complete/no-drift", test_complete_no_drift);
  ADD ("complete/planned-cycles", test_complete_planned_cycles);
  ADD ("ramp-is-sent", test_ramp_is_sent);
  ADD ("profile-snapshot", test_profile_snapshot);
  ADD ("gates", test_gates);
  ADD ("pause-resume", test_pause_resume);
  ADD ("pause-in-vacuum", test_pause_in_vacuum);
  ADD ("operator-console", test_operator_console);
  ADD ("operator-audit", test_operator_audit);
  ADD ("operator-audit-stop", test_operator_audit_stop);
  ADD ("emergency-stop-audit-fails", test_emergency_stop_audit_fails);
  ADD ("audit-writer/thread-and-order", test_audit_writer_thread);
  ADD ("audit-writer/session-end", test_audit_writer_session_end);
  ADD ("audit-writer/blocked", test_audit_writer_blocked);
  ADD ("audit-writer/fails", test_audit_writer_fails);
  ADD ("stop", test_stop);
  ADD ("stop/vents-before-record", test_stop_vents_before_record);
  ADD ("estop/preparing", test_estop_preparing);
  ADD ("estop/running", test_estop_running);
  ADD ("estop/paused", test_estop_paused);
  ADD ("estop/finishing", test_estop_finishing);
  ADD ("estop/completed", test_estop_completed);
  ADD ("estop/failing-store", test_estop_failing_store);
  ADD ("failing-store-keeps-supervising", test_failing_store_keeps_supervising);
  ADD ("abort/over-vacuum", test_abort_over_vacuum);
  ADD ("estop/while-aborting", test_estop_while_aborting);
  ADD ("abort/lid-open-in-release", test_abort_lid_open_in_release);
  ADD ("abort/device-fault", test_abort_device_fault);
  ADD ("abort/link-lost", test_abort_link_lost);
  ADD ("abort/stale", test_abort_stale);
  ADD ("abort/reboot", test_abort_reboot);
  ADD ("abort/set-target-refused", test_abort_set_target_refused);
  ADD ("symptom", test_symptom);
  ADD ("operator-permission", test_operator_permission);
  g_test_add_func ("/ebb/session/property-targets", test_property_targets);
  g_test_add_func ("/ebb/session/real-clock", test_real_clock);
  g_test_add_func ("/ebb/session/store/gate", test_store_gate);
  g_test_add_func ("/ebb/session/words", test_words);
  ADD ("store/recorded", test_store_recorded);

#undef ADD

  return g_test_run ();
}
