/* test-report-e2e.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-chamber-device.h"
#include "ebb-device-spec.h"
#include "ebb-profile-private.h"
#include "ebb-report-load.h"
#include "ebb-report.h"
#include "ebb-session.h"
#include "ebb-sim-chamber.h"
#include "ebb-store-demo.h"
#include "ebb-store-recorder.h"
#include "ebb-store.h"

/* A session recorded as the console records it (EbbSession, the chamber
 * driver on the in-process simulated chamber, EbbStoreRecorder into a real
 * SQLite file) with the chamber's emergency-stop button pressed, then its
 * report printed from the database alone: what the runner wrote as ids
 * must come out in words, in English and in German. Real time: the
 * session runs for a few seconds. */

typedef struct
{
  EbbChamber *chamber;
  GError     *error;
  gboolean    done;
} Open;

static void
wait_until (const gboolean *flag,
            guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_true (*flag);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Open *open = user_data;

  open->chamber = ebb_chamber_open_device_finish (result, &open->error);
  open->done = TRUE;
}

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Open *open = user_data;

  g_task_propagate_boolean (G_TASK (result), &open->error);
  open->done = TRUE;
}

static gboolean
accept_screening (const char  *client_id,
                  gpointer     data,
                  GError     **error)
{
  return TRUE;
}

/* Records one session that the e-stop button aborts; returns its id. */
static gint64
record_estop_session (EbbStore *store)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(EbbChamberDevice) device = NULL;
  g_autoptr(EbbStoreRecorder) recorder = NULL;
  g_autoptr(EbbClock) clock = ebb_clock_new ();
  g_autoptr(EbbSession) session = NULL;
  g_autoptr(EbbProfile) profile = ebb_profile_new ("E2E");
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  Open open = { 0 };
  guint16 flags, faults;
  gint64 end, record_id;

  op = ebb_store_operator_find (store, EBB_STORE_DEMO_ADMIN, &error);
  g_assert_no_error (error);
  client->given_name = g_strdup ("Jürgen");
  client->family_name = g_strdup ("Åström");
  client->date_of_birth = g_strdup ("1961-05-02");
  client->id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);

  ebb_chamber_open_device_async ("sim:seed=5,serial=SN-REPORT-5", NULL, open_cb, &open);
  wait_until (&open.done, 5000);
  g_assert_no_error (open.error);
  open.done = FALSE;
  ebb_chamber_stream_async (open.chamber, 200, NULL, bool_cb, &open);
  wait_until (&open.done, 5000);
  g_assert_no_error (open.error);

  device = ebb_chamber_device_new (open.chamber);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!ebb_device_get_status (EBB_DEVICE (device), &flags, &faults) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  /* A short profile through the test-only bypass of the 1-minute minimum. */
  ebb_profile_set_level_pa (profile, -3000);
  ebb_profile_set_vacuum_s (profile, 2);
  ebb_profile_set_release_s (profile, 2);
  ebb_profile_set_duration_s (profile, 20);
  _ebb_profile_allow_short_duration_for_tests (profile);

  recorder = ebb_store_recorder_new (store, client->id, op->id, 0, 0,
                                     ebb_chamber_get_model (open.chamber),
                                     ebb_chamber_get_firmware (open.chamber));
  session = ebb_session_new (EBB_DEVICE (device), EBB_RECORDER (recorder), clock);
  client_id = g_strdup_printf ("%" G_GINT64_FORMAT, client->id);
  ebb_session_set_client_id (session, client_id);
  ebb_session_set_operator (session, op->username);
  ebb_session_set_profile (session, profile);
  ebb_session_set_screening_gate (session, accept_screening, NULL, NULL);
  g_assert_true (ebb_session_start (session, &error));
  g_assert_no_error (error);

  /* Into the first vacuum phase, then the button. */
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  ebb_sim_chamber_inject (ebb_chamber_get_simulator (open.chamber), EBB_SIM_FAULT_ESTOP_PRESS, 1);

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!ebb_session_is_finished (session) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_true (ebb_session_is_finished (session));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpstr (ebb_session_get_end_reason (session), ==, "device-estop");
  g_assert_false (ebb_session_get_recording_failed (session));
  record_id = ebb_session_get_record_id (session);

  open.done = FALSE;
  ebb_chamber_close_async (open.chamber, NULL, bool_cb, &open);
  wait_until (&open.done, 5000);
  g_clear_error (&open.error);
  g_clear_object (&open.chamber);

  return record_id;
}

static char *
render_text (EbbStore   *store,
             gint64      session_id,
             const char *language)
{
  g_autoptr(EbbReportData) data = NULL;
  g_autoptr(EbbReportOptions) options = ebb_report_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *name = g_strdup_printf ("estop-%s.pdf", language);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", NULL, "-", NULL };
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  data = ebb_report_data_load (store, session_id, &error);
  g_assert_no_error (error);
  options->language = g_strdup (language);
  g_assert_true (ebb_report_render (data, path, options, NULL, &error));
  g_assert_no_error (error);

  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("%s", out);
  return g_steal_pointer (&out);
}

/* None of what the runner records as ids may reach the page. */
static void
assert_no_ids (const char *text)
{
  const char *ids[] = { "device-estop", "estop high", "running", "finishing", "aborted",
                        "alarm-raised", "alarm-escalated", "stopped by operator", NULL };

  for (guint i = 0; ids[i] != NULL; i++)
    if (strstr (text, ids[i]) != NULL && !(g_str_equal (ids[i], "aborted") &&
                                           strstr (text, "Session aborted") != NULL))
      g_error ("The report prints the id “%s”", ids[i]);
}

/* Every event of the live session carries the chamber's clock, within
 * the samples' time line; the first vacuum phase's event comes before its
 * setpoint shows in the samples (the SET_TARGET follows the phase's
 * start; a date from the newest sample never runs ahead of the chamber),
 * and within the safety bound of it. */
static void
assert_event_device_times (EbbStore *store,
                           gint64    session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = ebb_store_session_read_events (store, session_id, &error);
  g_autoptr(GArray) samples = ebb_store_session_read_samples (store, session_id, &error);
  const EbbEcpTelemetry *s;
  guint32 first_ms, last_ms, vacuum_ms = 0;
  gboolean have_vacuum = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, >, 0);
  s = (const EbbEcpTelemetry *) samples->data;
  first_ms = s[0].device_ms;
  last_ms = s[samples->len - 1].device_ms;

  for (guint i = 0; i < events->len; i++)
    {
      const EbbSessionEvent *e = g_ptr_array_index (events, i);
      const EbbSessionEvent *prev = i > 0 ? g_ptr_array_index (events, i - 1) : NULL;

      g_assert_cmpuint (e->device_ms, !=, 0);
      g_assert_cmpint (e->time_us, >, 0);
      /* Within the samples, give or take the hold before the first one
       * and the vent after the last. */
      g_assert_cmpint ((gint32) (e->device_ms - first_ms), >=, -1000);
      g_assert_cmpint ((gint32) (last_ms - e->device_ms), >=, -2000);
      /* An event is dated from the newest sample, which lags by its
       * batch's delay; one after a later batch can come out earlier by
       * that jitter, never by more than the safety bound. */
      if (prev != NULL)
        g_assert_cmpint ((gint32) (e->device_ms - prev->device_ms), >=, -2000);
      if (!have_vacuum && g_strcmp0 (e->code, "phase") == 0 && g_strcmp0 (e->message, "vacuum 1") == 0)
        {
          vacuum_ms = e->device_ms;
          have_vacuum = TRUE;
        }
    }
  g_assert_true (have_vacuum);

  for (guint i = 0; i < samples->len; i++)
    if (s[i].target_pa < 0)
      {
        g_assert_cmpint ((gint32) (s[i].device_ms - vacuum_ms), >=, 0);
        g_assert_cmpint ((gint32) (s[i].device_ms - vacuum_ms), <=, 2000);
        return;
      }
  g_assert_not_reached ();
}

static void
test_estop (void)
{
  g_autofree char *db = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;
  gint64 session_id;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  db = g_build_filename (g_get_user_cache_dir (), "estop.db", NULL);
  store = ebb_store_open (db, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  g_assert_no_error (error);

  session_id = record_estop_session (store);
  /* From the database alone: a fresh connection, no session object. */
  g_clear_object (&store);
  store = ebb_store_open (db, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  assert_event_device_times (store, session_id);

  english = render_text (store, session_id, "en");
  g_assert_nonnull (strstr (english, "Session aborted"));
  g_assert_nonnull (strstr (english, "Reason: Emergency-stop button pressed"));
  g_assert_nonnull (strstr (english, "Alarm: Emergency-stop button pressed"));
  g_assert_nonnull (strstr (english, "Session state: Running"));
  g_assert_nonnull (strstr (english, "Session state: Aborted"));
  assert_no_ids (english);
  /* Two pages; with no clinic name the continuation header has no dashes. */
  g_assert_nonnull (strstr (english, "Session report for Jürgen Åström, "));
  g_assert_null (strstr (english, "\u2013 \u2014"));

  german = render_text (store, session_id, "de");
  g_assert_nonnull (strstr (german, "Sitzung abgebrochen"));
  g_assert_nonnull (strstr (german, "Not-Aus-Taster gedrückt"));
  g_assert_null (strstr (german, "Emergency-stop button pressed"));
  /* The states' labels, as the console shows them. */
  g_assert_nonnull (strstr (german, "Läuft"));
  g_assert_nonnull (strstr (german, "Abgebrochen"));
  g_assert_null (strstr (german, "Session aborted"));
  assert_no_ids (german);
}

/* The recorded one-minute demonstration session (10 s / 7 s) reports what
 * it ran: 3 of 3 cycles, as a completed session must. */
static void
test_demo_cycles (void)
{
  g_autofree char *db = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(EbbReportData) data = NULL;
  EbbReportStats stats;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  db = g_build_filename (g_get_user_cache_dir (), "demo.db", NULL);
  store = ebb_store_open (db, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  g_assert_no_error (error);

  sessions = ebb_store_session_list (store, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  data = ebb_report_data_load (store, ((EbbSessionRecord *) g_ptr_array_index (sessions, 0))->id, &error);
  g_assert_no_error (error);
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 3);
  g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
  g_assert_cmpuint (stats.limit_exceedances, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/report/e2e/estop", test_estop);
  g_test_add_func ("/ebb/report/e2e/demo-cycles", test_demo_cycles);

  return g_test_run ();
}
