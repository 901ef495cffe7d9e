/* test-cli-screen-visit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "ebb-screening-state.h"
#include "ebb-session-gate.h"
#include "ebb-store.h"

/* `ebbflowctl screen confirm|changed|clear` as child processes on a real
 * SQLite file made by `db demo`, whose administrator `admin` (PIN 123456)
 * holds every role, and the whole headless path from a recorded screening
 * through today's confirmation to a running session on the simulator. */

#define DEMO_PIN "123456\n"

typedef struct
{
  char *database;
} Fixture;

/* Runs `ebbflowctl ARGS… --database DB` with @input on standard input. */
static int
run_ctl (Fixture             *f,
         const char          *input,
         const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_local = NULL, *err_local = NULL;
  const char *ctl = g_getenv ("EBBFLOWCTL");

  g_assert_nonnull (ctl);
  g_ptr_array_add (argv, (gpointer) ctl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->database);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out_local, &err_local, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  if (out != NULL)
    *out = g_steal_pointer (&out_local);
  if (err != NULL)
    *err = g_steal_pointer (&err_local);
  return g_subprocess_get_exit_status (proc);
}

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", name, NULL);
}

/* `screen --answers docs/examples/NAME --client ID --as admin`, with
 * admin's PIN */
static void
record_screening (Fixture    *f,
                  const char *name,
                  const char *client,
                  int         status)
{
  g_autofree char *path = example (name);
  const char *args[] = { "screen", "--answers", path, "--client", client, "--as", "admin", NULL };

  g_assert_cmpint (run_ctl (f, DEMO_PIN, args, NULL, NULL), ==, status);
}

static void
assert_gate (Fixture *f,
             gint64   client_id,
             int      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (f->database, EBB_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean allowed;

  g_assert_no_error (error);
  allowed = ebb_session_gate_check_stored (store, client_id, 90, now, &error);
  if (code == 0)
    {
      g_assert_no_error (error);
      g_assert_true (allowed);
    }
  else
    {
      g_assert_error (error, EBB_SCREENING_GATE_ERROR, code);
      g_assert_false (allowed);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *demo[] = { "db", "demo", NULL };

  f->database = g_build_filename (g_get_user_data_dir (), "visit-test.db", NULL);
  g_assert_cmpint (run_ctl (f, NULL, demo, NULL, NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->database);
}

/* The usage errors need no database work and no PIN. */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char *no_client[] = { "screen", "confirm", "--as", "admin", NULL };
  const char *no_as[] = { "screen", "changed", "--client", "2", NULL };
  const char *no_note[] = { "screen", "clear", "--client", "2", "--as", "admin", NULL };
  const char *blank_note[] = { "screen", "clear", "--client", "2", "--as", "admin", "--note", " ", NULL };
  const char *stray[] = { "screen", "confirm", "--client", "2", "--as", "admin", "extra", NULL };
  const char *note_on_confirm[] = { "screen", "confirm", "--client", "2", "--as", "admin", "--note", "x", NULL };
  const char *help[] = { "screen", "clear", "--help", NULL };
  g_autofree char *err = NULL, *out = NULL;

  g_assert_cmpint (run_ctl (f, NULL, no_client, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--client CLIENT"));
  g_assert_cmpint (run_ctl (f, NULL, no_as, NULL, NULL), ==, 2);
  g_assert_cmpint (run_ctl (f, NULL, no_note, NULL, NULL), ==, 2);
  g_assert_cmpint (run_ctl (f, NULL, blank_note, NULL, NULL), ==, 2);
  g_assert_cmpint (run_ctl (f, NULL, stray, NULL, NULL), ==, 2);
  g_assert_cmpint (run_ctl (f, NULL, note_on_confirm, NULL, NULL), ==, 2);
  g_assert_cmpint (run_ctl (f, NULL, help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "EXCLUDE can never be cleared"));
}

/* REFER: confirmed but refused until the clinician's clearance; a reported
 * change closes the gate again; an EXCLUDE is never cleared (exit 4). */
static void
test_refer_change_exclude (Fixture       *f,
                           gconstpointer  data)
{
  const char *confirm[] = { "screen", "confirm", "--client", "3", "--as", "admin", NULL };
  const char *clear[] = { "screen", "clear", "--client", "3", "--as", "admin", "--note", "pacemaker checked", NULL };
  const char *changed[] = { "screen", "changed", "--client", "3", "--as", "admin", "--note", "new knee", NULL };
  const char *audit[] = { "audit", "list", "--as", "admin", "--client", "3", NULL };
  g_autofree char *out = NULL, *err = NULL;

  /* Never screened: nothing to confirm. */
  g_assert_cmpint (run_ctl (f, DEMO_PIN, confirm, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "not been screened"));
  g_clear_pointer (&err, g_free);

  record_screening (f, "screening-refer.json", "3", 3);
  g_assert_cmpint (run_ctl (f, DEMO_PIN, confirm, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No session yet"));
  g_clear_pointer (&out, g_free);
  assert_gate (f, 3, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  /* A wrong PIN records nothing. */
  g_assert_cmpint (run_ctl (f, "000000\n", clear, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Wrong PIN"));
  g_clear_pointer (&err, g_free);
  assert_gate (f, 3, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  g_assert_cmpint (run_ctl (f, DEMO_PIN, clear, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "A session may start today."));
  g_clear_pointer (&out, g_free);
  assert_gate (f, 3, 0);

  g_assert_cmpint (run_ctl (f, DEMO_PIN, changed, NULL, NULL), ==, 0);
  assert_gate (f, 3, EBB_SCREENING_GATE_ERROR_CHANGED);
  g_assert_cmpint (run_ctl (f, DEMO_PIN, confirm, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "screen them again"));
  g_clear_pointer (&err, g_free);
  assert_gate (f, 3, EBB_SCREENING_GATE_ERROR_CHANGED);

  g_assert_cmpint (run_ctl (f, DEMO_PIN, audit, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "screening.confirm"));
  g_assert_nonnull (strstr (out, "screening.clearance"));
  g_assert_nonnull (strstr (out, "screening.change"));
  g_clear_pointer (&out, g_free);

  record_screening (f, "screening-exclude.json", "3", 4);
  g_assert_cmpint (run_ctl (f, DEMO_PIN, clear, NULL, &err), ==, 4);
  g_assert_nonnull (strstr (err, "EXCLUDE cannot be overridden"));
  assert_gate (f, 3, EBB_SCREENING_GATE_ERROR_EXCLUDED);
}

/* Reads the child's status output until the session is in its vacuum
 * phase: by then the runner's Ctrl-C handler is in place. */
static gboolean
wait_for_vacuum (GSubprocess *child)
{
  GInputStream *stream = g_subprocess_get_stdout_pipe (child);
  g_autoptr(GString) seen = g_string_new (NULL);
  char buffer[256];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_string_append_len (seen, buffer, n);
      if (strstr (seen->str, "Running    Vacuum") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* db demo → screen --answers … --client … --as … → screen confirm
 * → run: the session gets past every gate and runs until Ctrl-C. The
 * confirmation names the client as the front desk would, by name. */
static void
test_full_path (Fixture       *f,
                gconstpointer  data)
{
  const char *confirm[] = { "screen", "confirm", "--client", "Müller", "--as", "admin", NULL };
  const char *run[] = { "run", "--client", "2", "--profile", "Introduction", "--as", "admin",
                        "--device", "sim", NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *ctl = g_getenv ("EBBFLOWCTL");

  record_screening (f, "screening-clear.json", "2", 0);

  /* Without today's confirmation the gate refuses (exit 3) and says why. */
  g_assert_cmpint (run_ctl (f, DEMO_PIN, run, NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "Ask the client whether anything in their health has changed"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (f, DEMO_PIN, confirm, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Recorded: nothing in the client’s health has changed."));
  g_assert_nonnull (strstr (out, "A session may start today."));

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                            ctl, run[0], run[1], run[2], run[3], run[4], run[5], run[6], run[7], run[8],
                            "--database", f->database, NULL);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (child), DEMO_PIN,
                                            strlen (DEMO_PIN), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_vacuum (child));

  /* Ctrl-C: the session is stopped, vented, and ends as stopped (exit 4). */
  g_subprocess_send_signal (child, SIGINT);
  g_clear_pointer (&out, g_free);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_nonnull (strstr (err, "Running “Introduction” for client 2"));
  g_assert_nonnull (strstr (out, "ended: Stopped"));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/screen-visit/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);
  g_test_add ("/cli/screen-visit/refer-change-exclude", Fixture, NULL,
              fixture_setup, test_refer_change_exclude, fixture_teardown);
  g_test_add ("/cli/screen-visit/full-path", Fixture, NULL, fixture_setup, test_full_path, fixture_teardown);

  return g_test_run ();
}
