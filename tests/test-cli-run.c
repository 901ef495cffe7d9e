/* test-cli-run.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "ebb-session.h"
#include "ebb-sim-chamber.h"
#include "ebb-store.h"
#include "operators-fixture.h"

/* `ebbflowctl run` as a child process against the simulated chamber, which
 * runs in this test process (so its state can be read at any moment) on a
 * real pseudo-terminal, and a real SQLite database. Includes the kill test:
 * the session's process dies mid-vacuum, the chamber's watchdog vents, and
 * the next start finds the session interrupted with its samples. */

#define SAFETY_BOUND_US (2 * G_USEC_PER_SEC)

/* What `run` reads from standard input: the PIN of --as tech. */
#define TECH_PIN FIXTURE_PIN "\n"

typedef struct
{
  EbbSimChamber *sim;
  char *database;
  gint64 screening_id;
  GSubprocess *child;
  const char *extra_arg;
  const char *pin;
  const char *as_option;
  const char *as;
  const char *client;
} Fixture;

static void
make_database (Fixture  *f,
               gboolean  confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (f->database, EBB_STORE_OPEN_CREATE, &error);
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbStoredScreening) screening = ebb_stored_screening_new ();
  gint64 client_id, operator_id;

  g_assert_no_error (error);
  client->family_name = g_strdup ("Müller");
  client->external_id = g_strdup ("K-17");
  client_id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);
  operator_id = operators_fixture_insert (store, "tech", EBB_ROLE_TECHNICIAN);
  /* Reception may confirm a visit but not start a session. */
  operators_fixture_insert (store, "rita", EBB_ROLE_RECEPTION);

  screening->client_id = client_id;
  screening->questionnaire_id = g_strdup ("ebbflow-inp");
  screening->questionnaire_version = g_strdup ("1");
  screening->answers_json = g_strdup ("{}");
  screening->outcome = g_strdup ("clear");
  screening->operator_id = operator_id;
  screening->screened_us = g_get_real_time () - G_USEC_PER_SEC * 600;
  f->screening_id = ebb_store_screening_insert (store, screening, &error);
  g_assert_no_error (error);
  if (confirmed)
    {
      ebb_store_screening_confirm (store, f->screening_id, operator_id, g_get_real_time (), NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->pin = TECH_PIN;
  f->as_option = "--as";
  f->as = "tech";
  f->client = "K-17";
  f->database = g_build_filename (g_get_user_data_dir (), "run-test.db", NULL);
  f->sim = ebb_sim_chamber_new ("seed=21,serial=SN-RUN-21,watchdog-ms=1000", &error);
  g_assert_no_error (error);
  g_assert_true (ebb_sim_chamber_start (f->sim, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->child != NULL)
    {
      g_subprocess_force_exit (f->child);
      g_subprocess_wait (f->child, NULL, NULL);
      g_clear_object (&f->child);
    }
  ebb_sim_chamber_stop (f->sim);
  g_clear_object (&f->sim);
  g_free (f->database);
}

/* Runs `ebbflowctl run … --as USER` and types f->pin at its PIN prompt;
 * the pipe stays open until communicate or exit closes it. */
static GSubprocess *
spawn_run (Fixture                *f,
           const char             *profile,
           GSubprocessFlags        flags)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *child;
  GOutputStream *input;
  const char *ctl = g_getenv ("EBBFLOWCTL");

  g_assert_nonnull (ctl);
  child = g_subprocess_new (flags | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error, ctl, "run",
                            "--database", f->database,
                            "--device", ebb_sim_chamber_get_path (f->sim),
                            "--client", f->client,
                            "--profile", profile,
                            f->as_option, f->as,
                            f->extra_arg,
                            NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (child);
  g_assert_true (g_output_stream_write_all (input, f->pin, strlen (f->pin), NULL, NULL, &error));
  g_assert_no_error (error);
  return child;
}

static void
wait_for_vacuum (Fixture *f,
                 double   below_pa)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  EbbSimState state;

  do
    {
      g_usleep (10000);
      ebb_sim_chamber_get_state (f->sim, &state);
    }
  while (state.true_pressure_pa > below_pa && g_get_monotonic_time () < end);
  g_assert_cmpfloat (state.true_pressure_pa, <=, below_pa);
}

static EbbSessionRecord *
only_session (EbbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = ebb_store_session_list (store, 0, 10, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  return ebb_session_record_copy (g_ptr_array_index (sessions, 0));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  EbbSimState state;

  make_database (f, FALSE);
  f->child = spawn_run (f, "Introduction", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 3);
  g_assert_nonnull (strstr (err, "has changed"));

  /* Nothing was sent that pulls a vacuum. */
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpint (state.target_pa, ==, 0);
}

static guint
count_sessions (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (f->database, EBB_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) sessions = NULL;

  g_assert_no_error (error);
  sessions = ebb_store_session_list (store, 0, 10, &error);
  g_assert_no_error (error);
  return sessions->len;
}

/* Runs `run` to its refusal and checks that nothing reached the chamber or
 * the database. */
static void
assert_profile_refused (Fixture    *f,
                        const char *profile,
                        int         status,
                        const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  EbbSimState state;

  f->child = spawn_run (f, profile, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, status);
  g_assert_nonnull (strstr (err, message));
  g_assert_null (strstr (out, "Running"));

  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpint (state.target_pa, ==, 0);
  g_assert_cmpuint (count_sessions (f), ==, 0);
}

/* Who may not run a session, and what they are told. A user name alone is
 * not enough: a wrong or missing PIN is refused by the core's login before
 * the chamber is even opened (--operator is the same as --as, PIN
 * included); reception may log in but the core's permission check refuses
 * the start. */
typedef struct
{
  const char *name;
  const char *as_option;
  const char *as;
  const char *pin;
  int status;
  const char *message;
} Refusal;

static const Refusal refusals[] = {
  { "wrong-pin", "--as", "tech", "999999\n", 1, "Wrong PIN or password" },
  { "no-pin", "--as", "tech", "", 1, "No answer on standard input" },
  { "operator-synonym", "--operator", "tech", "123\n", 1, "Wrong PIN or password" },
  { "not-a-technician", "--as", "rita", TECH_PIN, 3, "You may not start a session" },
};

static void
test_login_refused (Fixture       *f,
                    gconstpointer  data)
{
  const Refusal *refusal = data;

  make_database (f, TRUE);
  f->as_option = refusal->as_option;
  f->as = refusal->as;
  f->pin = refusal->pin;
  assert_profile_refused (f, "Introduction", refusal->status, refusal->message);
}

/* `--client` follows the audit filter's rule (ebb_client_lookup()). With
 * Müller (K-17, visit confirmed) and one more client, @text is refused
 * with @status and @message. */
typedef struct
{
  const char *name;
  const char *family;
  const char *given;
  const char *number;
  const char *text;
  int status;
  const char *message;
} ClientCase;

static const ClientCase client_cases[] = {
  /* The exact client number comes before any name: Kessler's number reads
   * like Müller's name, and a session for Müller would start, but Kessler
   * has no screening and is refused at the gate. */
  { "number-before-name", "Kessler", "Jan", "Müller", "Müller", 3, "has no safety screening" },
  /* A name that fits several clients starts nothing and lists what to type. */
  { "ambiguous", "Müller", "Anna", "K-18", "müller", 1,
    "More than one client matches “müller”:\n"
    "  K-17  Müller\n"
    "  K-18  Müller, Anna\n"
    "Enter the client number" },
};

static void
test_client (Fixture       *f,
             gconstpointer  data)
{
  const ClientCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbStore) store = NULL;

  make_database (f, TRUE);
  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  client->family_name = g_strdup (c->family);
  client->given_name = g_strdup (c->given);
  client->external_id = g_strdup (c->number);
  ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  f->client = c->text;
  assert_profile_refused (f, "Introduction", c->status, c->message);
}

static void
test_stop_with_ctrl_c (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autofree char *out = NULL, *err = NULL;
  EbbSimState state;

  make_database (f, TRUE);
  f->child = spawn_run (f, "Introduction", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  wait_for_vacuum (f, -1000);
  g_usleep (G_USEC_PER_SEC);
  g_subprocess_send_signal (f->child, SIGINT);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 4);
  g_assert_nonnull (strstr (err, "Running “Introduction”"));
  g_assert_nonnull (strstr (out, "stopped by operator"));

  /* Vented and closed with BYE: no watchdog fault. */
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_true (state.vent_open);
  /* The end is recorded once the reading is within 133 Pa of 0; the true
   * pressure may differ by the sensor's noise (±20 Pa, ECP-1 §5.5). */
  g_assert_cmpfloat (ABS (state.true_pressure_pa), <=, 133 + 3 * 20);
  g_assert_cmpuint (state.faults, ==, 0);

  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  record = only_session (store);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_STOPPED);
  g_assert_cmpstr (record->end_reason, ==, "stopped by operator");
  g_assert_cmpint (record->screening_id, ==, f->screening_id);
  g_assert_cmpstr (record->chamber_serial, ==, "SN-RUN-21");
  g_assert_cmpuint (record->n_samples, >, 200);
  g_assert_nonnull (record->link_stats_json);
}

static void
test_clear_faults (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  EbbSimState state;

  make_database (f, TRUE);
  /* The chamber's own e-stop button, pressed and released: the fault stays
   * latched although its cause is gone. */
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_ESTOP_PRESS, 1);
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_ESTOP_RELEASE, 1);

  f->child = spawn_run (f, "Introduction", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 3);
  g_assert_nonnull (strstr (err, "ESTOP"));
  g_assert_nonnull (strstr (err, "--clear-faults"));
  g_clear_object (&f->child);

  f->extra_arg = "--clear-faults";
  f->child = spawn_run (f, "Introduction", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  wait_for_vacuum (f, -1000);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpuint (state.faults, ==, 0);
  g_subprocess_send_signal (f->child, SIGINT);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out2, &err2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 4);
}

static void
test_aborted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autofree char *out = NULL, *err = NULL;

  make_database (f, TRUE);
  f->child = spawn_run (f, "Introduction", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  wait_for_vacuum (f, -2000);
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_LID_OPEN, 1);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 5);
  g_assert_nonnull (strstr (out, "ALARM"));
  g_assert_nonnull (strstr (out, "Lid opened"));
  g_assert_nonnull (strstr (out, "device-lid-opened"));

  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  record = only_session (store);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_ABORTED);
  g_assert_cmpstr (record->end_reason, ==, "device-lid-opened");
}

/* Stores a custom profile "Minute": one minute of 2 s phases at @level_pa. */
static void
save_minute_profile (Fixture *f,
                     gint32   level_pa)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbProfileRecord) profile = ebb_profile_record_new ();

  make_database (f, TRUE);
  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  profile->name = g_strdup ("Minute");
  profile->level_pa = level_pa;
  profile->vacuum_s = 2;
  profile->release_s = 2;
  profile->duration_s = 60;
  g_assert_cmpint (ebb_store_profile_save (store, profile, &error), >, 0);
  g_assert_no_error (error);
}

/* The reviewer's reproduction: 2 s / 2 s phases at -23 mmHg and a leak the
 * pump cannot hold. It used to sit near atmosphere with no alarm and end
 * "completed"; now each vacuum phase is judged at its end and the session
 * aborts. */
static void
test_leak_short_phases (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autofree char *out = NULL, *err = NULL;

  save_minute_profile (f, -3066);
  f->child = spawn_run (f, "Minute", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  wait_for_vacuum (f, -2000);
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_LEAK, 20000);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 5);
  g_assert_nonnull (strstr (out, "ALARM"));

  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  record = only_session (store);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_ABORTED);
  g_test_message ("end reason %s", record->end_reason);
  g_assert_true (g_strcmp0 (record->end_reason, "vacuum-loss") == 0
                 || g_strcmp0 (record->end_reason, "vacuum-not-reached") == 0);
}

/* A stored profile beyond the clinic limit that no clinician approved (an
 * administrator may store one, awaiting approval) never reaches the chamber. */
static void
test_unapproved_beyond_limit (Fixture       *f,
                              gconstpointer  data)
{
  save_minute_profile (f, -6000);
  assert_profile_refused (f, "Minute", 3, "A clinician must approve the profile");
}

/* A stored custom profile of one minute (2 s phases) runs to its end. */
static void
test_completed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autofree char *out = NULL, *err = NULL;

  save_minute_profile (f, -2500);
  f->child = spawn_run (f, "Minute", G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (f->child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (f->child), ==, 0);
  g_assert_nonnull (strstr (out, "cycle 15"));
  g_assert_null (strstr (out, "cycle 16"));
  g_assert_nonnull (strstr (out, "(completed)"));
  /* A normal session with 2 s phases raises nothing. */
  g_assert_null (strstr (out, "ALARM"));

  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  record = only_session (store);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_COMPLETED);
  g_assert_cmpint (record->profile_id, >, 0);
  g_assert_cmpuint (record->n_samples, >=, 60 * 200 * 9 / 10);
}

static void
test_kill (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autoptr(GArray) samples = NULL;
  GArray *interrupted;
  EbbSimState state;
  gint64 killed;

  make_database (f, TRUE);
  f->child = spawn_run (f, "Introduction", G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  wait_for_vacuum (f, -2500);
  /* Let a flush interval and a link-statistics interval pass so some
   * samples and the counters so far are on disk. */
  g_usleep ((EBB_SESSION_LINK_STATS_INTERVAL_US + 600 * 1000));

  killed = g_get_monotonic_time ();
  g_subprocess_send_signal (f->child, SIGKILL);
  g_subprocess_wait (f->child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (f->child));

  /* Nobody feeds the watchdog any more: the chamber vents by itself. */
  do
    {
      g_usleep (5000);
      ebb_sim_chamber_get_state (f->sim, &state);
    }
  while (!(state.faults & EBB_ECP_FAULT_WATCHDOG) && g_get_monotonic_time () - killed < 2 * SAFETY_BOUND_US);
  g_test_message ("watchdog vent %" G_GINT64_FORMAT " ms after SIGKILL",
                  (g_get_monotonic_time () - killed) / 1000);
  g_assert_true (state.faults & EBB_ECP_FAULT_WATCHDOG);
  g_assert_true (state.vent_open);
  g_assert_cmpint (g_get_monotonic_time () - killed, <, SAFETY_BOUND_US);

  /* The next start finds the session interrupted, with its samples. */
  store = ebb_store_open (f->database, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  interrupted = ebb_store_get_interrupted_sessions (store);
  g_assert_cmpuint (interrupted->len, ==, 1);
  record = only_session (store);
  g_assert_cmpint (g_array_index (interrupted, gint64, 0), ==, record->id);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_INTERRUPTED);
  samples = ebb_store_session_read_samples (store, record->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, >, 100);
  g_assert_cmpuint (record->n_samples, ==, samples->len);
  /* … and the link statistics up to then (issue 6: every end path). */
  g_assert_nonnull (record->link_stats_json);
  g_assert_nonnull (strstr (record->link_stats_json, "\"frames-ok\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ebb/cli/run/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/cli/run/refused/%s", refusals[i].name);

      g_test_add (path, Fixture, &refusals[i], fixture_setup, test_login_refused, fixture_teardown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (client_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/cli/run/client/%s", client_cases[i].name);

      g_test_add (path, Fixture, &client_cases[i], fixture_setup, test_client, fixture_teardown);
    }
  g_test_add ("/ebb/cli/run/stop-with-ctrl-c", Fixture, NULL, fixture_setup, test_stop_with_ctrl_c,
              fixture_teardown);
  g_test_add ("/ebb/cli/run/clear-faults", Fixture, NULL, fixture_setup, test_clear_faults,
              fixture_teardown);
  g_test_add ("/ebb/cli/run/aborted", Fixture, NULL, fixture_setup, test_aborted, fixture_teardown);
  g_test_add ("/ebb/cli/run/completed", Fixture, NULL, fixture_setup, test_completed, fixture_teardown);
  g_test_add ("/ebb/cli/run/unapproved-beyond-limit", Fixture, NULL, fixture_setup,
              test_unapproved_beyond_limit, fixture_teardown);
  g_test_add ("/ebb/cli/run/leak-short-phases", Fixture, NULL, fixture_setup, test_leak_short_phases,
              fixture_teardown);
  g_test_add ("/ebb/cli/run/kill", Fixture, NULL, fixture_setup, test_kill, fixture_teardown);

  return g_test_run ();
}
