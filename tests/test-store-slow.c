/* test-store-slow.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "ebb-sample-writer.h"
#include "ebb-store.h"
#include "ebb-text-fold.h"
#include "store-test-util.h"

/* The store's slow tests: the crash test (a child recording at 200 Hz is
 * killed with SIGKILL twenty times at random moments) and search over
 * 100,000 clients checked against a brute-force scan. */

#define CRASH_ROUNDS 20


/* The child: records a session at 200 Hz until it is killed. device_ms is
 * the wall clock in milliseconds, so the parent can compare it with the
 * moment of the kill. */
static int
crash_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  gint64 id, next;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  client->family_name = g_strdup ("Crash");
  session->client_id = ebb_store_client_insert (store, client, &error);
  id = session->client_id != 0 ? ebb_store_session_begin (store, session, &error) : 0;
  writer = id != 0 ? ebb_sample_writer_new (store, id, &error) : NULL;
  if (writer == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%" G_GINT64_FORMAT "\n", id);
  fflush (stdout);

  next = g_get_real_time ();
  for (guint i = 0;; i++)
    {
      gint64 now = g_get_real_time ();
      EbbEcpTelemetry t = {
        .device_ms = (guint32) (now / 1000),
        .pressure_pa = -(gint32) (i % 4000),
        .target_pa = -4000,
        .pump_pct = 50,
      };
      EbbSessionEvent *event = NULL;

      ebb_sample_writer_push_samples (writer, &t, 1);
      if (i % 200 == 0)
        {
          event = ebb_session_event_new (EBB_SESSION_EVENT_PHASE, "vacuum", NULL);
          event->device_ms = t.device_ms;
          ebb_sample_writer_push_event (writer, event);
          ebb_session_event_free (event);
        }

      next += 5000;
      if (next > now)
        g_usleep (next - now);
    }

  return 0;
}

static void
test_crash (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "crash.db", NULL);
  g_autoptr(EbbStore) init = NULL;
  g_autoptr(GError) error = NULL;
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-store-slow", NULL);

  init = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&init);

  for (guint round = 0; round < CRASH_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(EbbStore) store = NULL;
      g_autoptr(EbbSessionRecord) session = NULL;
      g_autoptr(GArray) samples = NULL;
      g_autofree char *line = NULL;
      gint64 session_id, kill_ms, last_ms;
      gboolean found = FALSE;
      guint delay_ms = g_test_rand_int_range (200, 1500);
      GArray *interrupted;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self, "--crash-child", path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      session_id = g_ascii_strtoll (line, NULL, 10);
      g_assert_cmpint (session_id, >, 0);

      g_usleep (delay_ms * 1000);
      kill_ms = g_get_real_time () / 1000;
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));

      store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
      g_assert_no_error (error);
      g_assert_true (ebb_store_check (store, TRUE, &error));
      g_assert_no_error (error);

      interrupted = ebb_store_get_interrupted_sessions (store);
      for (guint i = 0; i < interrupted->len; i++)
        found |= g_array_index (interrupted, gint64, i) == session_id;
      g_assert_true (found);

      session = ebb_store_session_get (store, session_id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (session->end_state, ==, EBB_SESSION_INTERRUPTED);

      samples = ebb_store_session_read_samples (store, session_id, &error);
      g_assert_no_error (error);
      if (samples->len == 0)
        {
          /* Killed before the first commit: the child started pushing
           * when it printed its line, so less than a second was lost. */
          g_test_message ("round %u: killed after %u ms, before the first commit", round, delay_ms);
          g_assert_cmpuint (delay_ms, <=, 1000);
          continue;
        }
      last_ms = g_array_index (samples, EbbEcpTelemetry, samples->len - 1).device_ms;
      g_test_message ("round %u: killed after %u ms, %u samples, last %" G_GINT64_FORMAT
                      " ms before the kill", round, delay_ms, samples->len,
                      (gint64) (guint32) kill_ms - last_ms);
      /* All but at most the last second reached the disk. */
      g_assert_cmpint ((gint64) (guint32) ((guint32) kill_ms - (guint32) last_ms), <=, 1000);
      for (guint i = 1; i < samples->len; i++)
        g_assert_cmpuint (g_array_index (samples, EbbEcpTelemetry, i).device_ms, >=,
                          g_array_index (samples, EbbEcpTelemetry, i - 1).device_ms);
    }
}

static const char *families[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Ødegård", "Łukasiewicz", "García", "Nguyễn", "Öztürk", "Kovačević", "Dvořák",
  "Søren", "Ærø", "Brontë", "Jäger", "Čapek", "Ibáñez", "Núñez", "Åberg", "Lindqvist",
};
static const char *givens[] = {
  "Anna", "Zoë", "Jürgen", "José", "Łucja", "Björn", "Chloé", "Søren", "Ines", "Mateo",
  "Émile", "Ada", "Noah", "Lena", "Élodie", "Ömer",
};

static void
test_100k (void)
{
  g_autoptr(EbbStore) store = store_test_open ("100k.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (2026);
  const char *queries[] = { "muller", "mull", "odeg", "lukas an", "nguyen", "kovacevic zoe",
                            "garc jose", "ozturk", "1984", "E-0042", "schmidt ada 19" };

  g_assert_true (ebb_store_begin (store, &error));
  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(EbbClient) c = ebb_client_new ();
      g_autofree char *all = NULL;

      c->family_name = g_strdup_printf ("%s%s", families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))],
                                        i % 3 == 0 ? "-Berg" : "");
      c->given_name = g_strdup (givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))]);
      c->date_of_birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1930, 2010),
                                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      c->external_id = g_strdup_printf ("E-%05u", i);
      g_assert_cmpint (ebb_store_client_insert (store, c, &error), ==, i + 1);
      all = g_strjoin (" ", c->family_name, c->given_name, c->date_of_birth, c->external_id, NULL);
      g_ptr_array_add (folded, ebb_text_fold (all));
    }
  g_assert_true (ebb_store_commit (store, &error));
  g_rand_free (rand);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *fq = ebb_text_fold (queries[q]);
      g_auto(GStrv) words = g_strsplit_set (fq, " -", -1);
      g_autoptr(GPtrArray) found = NULL;
      guint expected = 0;
      gint64 t0;

      /* Brute force: each word starts a word of the client's text. */
      for (guint i = 0; i < folded->len; i++)
        {
          g_auto(GStrv) tokens = g_strsplit_set (g_ptr_array_index (folded, i), " -", -1);
          gboolean all = TRUE;

          for (guint w = 0; words[w] != NULL && all; w++)
            {
              gboolean any = *words[w] == '\0';

              for (guint k = 0; tokens[k] != NULL && !any; k++)
                any = g_str_has_prefix (tokens[k], words[w]);
              all = any;
            }
          expected += all;
        }

      t0 = g_get_monotonic_time ();
      found = ebb_store_client_search (store, queries[q], FALSE, 100000, &error);
      g_assert_no_error (error);
      g_test_message ("“%s”: %u matches in %.2f ms", queries[q], found->len,
                      (g_get_monotonic_time () - t0) / 1000.0);
      g_assert_cmpuint (found->len, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--crash-child") == 0)
    return crash_child (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/store/slow/crash", test_crash);
  g_test_add_func ("/ebb/store/slow/search-100k", test_100k);

  return g_test_run ();
}
