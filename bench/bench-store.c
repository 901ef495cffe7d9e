/* bench-store.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "ebb-sample-writer.h"
#include "ebb-store.h"

/* Figures for docs/performance.md ("Store"). Everything runs on real files
 * in a fresh temporary folder, removed at the end.
 *
 *   bench-store [--quick] [--skip-backup] [--search-only]
 *
 * --quick shortens the runs; --skip-backup leaves out the 1 GB backup;
 * --search-only runs only the search figures. */

static char *workdir;

static EbbStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  g_autoptr(GError) error = NULL;
  EbbStore *store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static gint64
new_session (EbbStore *store)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  g_autoptr(GError) error = NULL;

  client->family_name = g_strdup ("Bench");
  session->client_id = ebb_store_client_insert (store, client, &error);
  session->profile_json = g_strdup ("{\"name\":\"Standard\"}");
  return ebb_store_session_begin (store, session, &error);
}

/* Realistic telemetry: a 17 s cycle (10 s at -4000 Pa, 7 s released) with
 * first-order pressure response, sensor noise of ±12 Pa, a pump that
 * regulates, a vent that opens on release. */
typedef struct
{
  GRand  *rand;
  double  pressure;
  guint32 device_ms;
  guint   hz;
  guint   i;
} Synth;

static void
synth_next (Synth           *s,
            EbbEcpTelemetry *t)
{
  double cycle = fmod (s->i / (double) s->hz, 17.0);
  gint32 target = cycle < 10.0 ? -4000 : 0;
  double error = target - s->pressure;

  s->pressure += error * (2.0 / s->hz);
  s->device_ms += 1000 / s->hz;
  t->device_ms = s->device_ms;
  t->pressure_pa = (gint32) lround (s->pressure) + g_rand_int_range (s->rand, -12, 13);
  t->target_pa = target;
  t->pump_pct = target < 0 ? (guint8) CLAMP (fabs (error) / 40.0 + 20, 0, 100) : 0;
  t->vent_open = target == 0;
  t->flags = 0x1;
  t->faults = 0;
  s->i++;
}

static gint64
file_bytes (EbbStore *store)
{
  GStatBuf st;

  ebb_store_checkpoint (store, NULL);
  return g_stat (ebb_store_get_path (store), &st) == 0 ? st.st_size : -1;
}

static void
bench_size (guint hz,
            guint minutes)
{
  g_autofree char *name = g_strdup_printf ("size-%u.db", hz);
  g_autoptr(EbbStore) store = open_store (name);
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  Synth synth = { .rand = g_rand_new_with_seed (hz), .hz = hz, .device_ms = 1000 };
  gint64 id = new_session (store), before, after, payload;
  guint n = hz * 60 * minutes;

  before = file_bytes (store);
  writer = ebb_sample_writer_new (store, id, &error);
  for (guint i = 0; i < n; i++)
    {
      EbbEcpTelemetry t;

      synth_next (&synth, &t);
      ebb_sample_writer_push_samples (writer, &t, 1);
    }
  if (!ebb_sample_writer_close (writer, &error))
    g_error ("%s", error->message);
  after = file_bytes (store);
  payload = ebb_store_session_sample_bytes (store, id, NULL);

  printf ("size %3u Hz: %u min, %u samples: chunks %" G_GINT64_FORMAT " B, file growth %"
          G_GINT64_FORMAT " B; %.0f B per minute (file); %.2f B per sample\n",
          hz, minutes, n, payload, after - before, (after - before) / (double) minutes,
          (after - before) / (double) n);
  g_rand_free (synth.rand);
}

typedef struct
{
  EbbSampleWriter *writer;
  guint            hz;
  guint            seconds;
  gboolean         realtime;
  gint64           max_block_ns;
  guint64          pushed;
} Feeder;

/* Pushes like the session runner: batches of 10 samples (one telemetry
 * batch of the chamber thread), in real time or as fast as possible. */
static gpointer
feeder_thread (gpointer data)
{
  Feeder *f = data;
  Synth synth = { .rand = g_rand_new_with_seed (1), .hz = f->hz, .device_ms = 1000 };
  gint64 start = g_get_monotonic_time (), next = start;
  guint n = f->hz * f->seconds;

  for (guint i = 0; i < n; i += 10)
    {
      EbbEcpTelemetry batch[10];
      struct timespec a, b;
      gint64 ns;

      for (guint k = 0; k < 10; k++)
        synth_next (&synth, &batch[k]);

      clock_gettime (CLOCK_MONOTONIC, &a);
      ebb_sample_writer_push_samples (f->writer, batch, 10);
      clock_gettime (CLOCK_MONOTONIC, &b);
      ns = (b.tv_sec - a.tv_sec) * G_GINT64_CONSTANT (1000000000) + (b.tv_nsec - a.tv_nsec);
      f->max_block_ns = MAX (f->max_block_ns, ns);
      f->pushed += 10;

      if (f->realtime)
        {
          next += 10 * G_USEC_PER_SEC / f->hz;
          if (next > g_get_monotonic_time ())
            g_usleep (next - g_get_monotonic_time ());
        }
    }

  g_rand_free (synth.rand);
  return NULL;
}

static void
bench_writer (gboolean quick)
{
  g_autoptr(EbbStore) store = open_store ("writer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbSampleWriter) writer = NULL;
  Feeder flood = { .hz = 200, .seconds = quick ? 1800 : 3 * 3600, .realtime = FALSE };
  Feeder live = { .hz = 200, .seconds = quick ? 10 : 60, .realtime = TRUE };
  GThread *thread;
  gint64 t0, elapsed;
  guint inserts = 0;

  /* Throughput: as fast as the pushing thread can go; the writer's rate
   * is what reached the disk by the time close() returns. */
  writer = ebb_sample_writer_new (store, new_session (store), &error);
  flood.writer = writer;
  t0 = g_get_monotonic_time ();
  thread = g_thread_new ("flood", feeder_thread, &flood);
  g_thread_join (thread);
  if (!ebb_sample_writer_close (writer, &error))
    g_error ("%s", error->message);
  elapsed = g_get_monotonic_time () - t0;
  printf ("writer: %" G_GUINT64_FORMAT " samples committed in %.2f s: %.0f samples/s; "
          "longest push %.3f ms\n", flood.pushed, elapsed / 1e6,
          flood.pushed / (elapsed / 1e6), flood.max_block_ns / 1e6);
  g_clear_object (&writer);

  /* Blocking: 200 Hz in real time while the main connection writes
   * records, so WAL checkpoints happen during the run. */
  writer = ebb_sample_writer_new (store, new_session (store), &error);
  live.writer = writer;
  thread = g_thread_new ("live", feeder_thread, &live);
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < live.seconds * G_USEC_PER_SEC)
    {
      g_autoptr(EbbClient) c = ebb_client_new ();

      c->family_name = g_strdup ("Walk-in");
      c->notes = g_strnfill (2000, 'x');
      ebb_store_client_insert (store, c, NULL);
      inserts++;
      g_usleep (20000);
    }
  g_thread_join (thread);
  if (!ebb_sample_writer_close (writer, &error))
    g_error ("%s", error->message);
  printf ("blocking: %u s at 200 Hz in batches of 10, %u record writes meanwhile: "
          "longest push %.3f ms\n", live.seconds, inserts, live.max_block_ns / 1e6);
}

static void
bench_readback (void)
{
  g_autoptr(EbbStore) store = open_store ("readback.db");
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  Synth synth = { .rand = g_rand_new_with_seed (3), .hz = 200, .device_ms = 1000 };
  gint64 id = new_session (store), best = G_MAXINT64;
  guint n = 200 * 3600;

  writer = ebb_sample_writer_new (store, id, &error);
  for (guint i = 0; i < n; i++)
    {
      EbbEcpTelemetry t;

      synth_next (&synth, &t);
      ebb_sample_writer_push_samples (writer, &t, 1);
    }
  ebb_sample_writer_close (writer, &error);

  for (guint run = 0; run < 7; run++)
    {
      g_autoptr(GArray) samples = NULL;
      gint64 t0 = g_get_monotonic_time ();

      samples = ebb_store_session_read_samples (store, id, &error);
      best = MIN (best, g_get_monotonic_time () - t0);
      g_assert (samples != NULL && samples->len == n);
    }

  printf ("read-back: 60 min at 200 Hz (%u samples): best of 7 %.1f ms\n", n, best / 1000.0);
  g_rand_free (synth.rand);
}

static const char *families[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Ødegård", "Łukasiewicz", "García", "Nguyễn", "Öztürk", "Kovačević", "Dvořák",
  "Søren", "Brontë", "Jäger", "Čapek", "Ibáñez", "Núñez", "Åberg", "Lindqvist", "Koch",
  "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
};
static const char *givens[] = {
  "Anna", "Zoë", "Jürgen", "José", "Łucja", "Björn", "Chloé", "Søren", "Ines", "Mateo",
  "Émile", "Ada", "Noah", "Lena", "Élodie", "Ömer", "Maria", "Paul", "Lukas", "Mia",
};

static void
bench_search (guint n_clients)
{
  g_autofree char *name = g_strdup_printf ("search-%u.db", n_clients);
  g_autoptr(EbbStore) store = open_store (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  GRand *rand = g_rand_new_with_seed (n_clients);
  /* What an operator types, one keystroke at a time. */
  const char *typed[] = { "müller anna", "odegard zoe", "nguyen", "1984-03", "E-0042",
                          "schmidt j", "kovacevic", "a", "sch" };
  guint searches = 0;

  ebb_store_begin (store, &error);
  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(EbbClient) c = ebb_client_new ();

      c->family_name = g_strdup (families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))]);
      c->given_name = g_strdup (givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))]);
      c->date_of_birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1930, 2010),
                                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      c->external_id = g_strdup_printf ("E-%06u", i);
      ebb_store_client_insert (store, c, NULL);
    }
  if (!ebb_store_commit (store, &error))
    g_error ("%s", error->message);
  g_rand_free (rand);

  for (guint round = 0; round < 3; round++)
    for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
      for (const char *end = g_utf8_next_char (typed[q]);; end = g_utf8_next_char (end))
        {
          g_autofree char *prefix = g_strndup (typed[q], end - typed[q]);
          g_autoptr(GPtrArray) found = NULL;
          gint64 t0 = g_get_monotonic_time (), dt;

          found = ebb_store_client_search (store, prefix, FALSE, 50, &error);
          dt = g_get_monotonic_time () - t0;
          if (found == NULL)
            g_error ("%s", error->message);
          if (round > 0)
            g_array_append_val (times, dt);
          if (round == 2 && g_getenv ("BENCH_VERBOSE") != NULL)
            printf ("  %-14s %3u results %7.2f ms\n", prefix, found->len, dt / 1000.0);
          searches++;
          if (*end == '\0')
            break;
        }

  g_array_sort (times, bench_compare_gint64);
  printf ("search %u clients: %u keystrokes (50 results each): median %.2f ms, "
          "95th %.2f ms, max %.2f ms\n", n_clients, times->len,
          g_array_index (times, gint64, times->len / 2) / 1000.0,
          g_array_index (times, gint64, times->len * 95 / 100) / 1000.0,
          g_array_index (times, gint64, times->len - 1) / 1000.0);
}

static void
bench_backup (void)
{
  g_autoptr(EbbStore) store = open_store ("big.db");
  g_autofree char *dest = g_build_filename (workdir, "big-backup.db", NULL);
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (9);
  gint64 t0, size;
  char *notes = g_malloc (64 * 1024 + 1);
  guint i = 0;

  /* 1 GB of client notes that do not compress into fewer pages. */
  while (file_bytes (store) < 1024 * 1024 * 1024LL)
    {
      ebb_store_begin (store, &error);
      for (guint batch = 0; batch < 1000; batch++, i++)
        {
          g_autoptr(EbbClient) c = ebb_client_new ();

          for (guint k = 0; k < 64 * 1024; k++)
            notes[k] = 'a' + g_rand_int_range (rand, 0, 26);
          notes[64 * 1024] = '\0';
          c->family_name = g_strdup_printf ("Big %u", i);
          c->notes = g_strdup (notes);
          ebb_store_client_insert (store, c, NULL);
        }
      if (!ebb_store_commit (store, &error))
        g_error ("%s", error->message);
    }
  size = file_bytes (store);
  g_free (notes);
  g_rand_free (rand);

  t0 = g_get_monotonic_time ();
  if (!ebb_store_backup_to (store, dest, NULL, &error))
    g_error ("%s", error->message);
  printf ("backup: %.2f GB database copied and verified (integrity_check) in %.1f s\n",
          size / 1e9, (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  if (!ebb_store_verify_file (dest, &error))
    g_error ("%s", error->message);
  printf ("backup: verification alone %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = FALSE, skip_backup = FALSE, search_only = FALSE;

  for (int i = 1; i < argc; i++)
    {
      quick |= strcmp (argv[i], "--quick") == 0;
      skip_backup |= strcmp (argv[i], "--skip-backup") == 0;
      search_only |= strcmp (argv[i], "--search-only") == 0;
    }

  /* Figures appear as they are measured, even when piped to a file. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  workdir = g_dir_make_tmp ("ebb-bench-store-XXXXXX", NULL);
  g_assert (workdir != NULL);

  if (!search_only)
    {
      bench_size (100, 30);
      bench_size (200, 30);
      bench_writer (quick);
      bench_readback ();
    }
  bench_search (10000);
  bench_search (100000);
  if (!skip_backup && !search_only)
    bench_backup ();

  bench_remove_tree (workdir);
  g_free (workdir);
  return 0;
}
