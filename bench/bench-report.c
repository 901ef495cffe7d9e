/* bench-report.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders session reports of synthetic sessions and prints rendering time,
 * file size and the time poppler needs to rasterise the first page at
 * 150 dpi (what a viewer does). Targets (issue 8): a 60-minute session at
 * 200 Hz in <= 100 ms and <= 200 KB. The rendering starts from memory; a
 * last figure times ebb_report_data_load, reading the same 60-minute
 * session back from a real SQLite file, as the console and ebbflowctl do
 * before rendering. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "ebb-report-load.h"
#include "ebb-report.h"
#include "ebb-sample-writer.h"
#include "ebb-store-demo.h"
#include "ebb-store.h"
#include "report-fixture.h"

#define RUNS 5

static double
rasterise_ms (const char *path,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", path, prefix, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_printerr ("pdftoppm: %s\n", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench (const char *dir,
       guint       minutes,
       guint       rate_hz)
{
  g_autoptr(EbbReportData) data = report_fixture_session (minutes, rate_hz, 1);
  g_autoptr(EbbReportOptions) options = ebb_report_options_new ();
  g_autofree char *path = g_strdup_printf ("%s/report-%umin-%uhz.pdf", dir, minutes, rate_hz);
  double render[RUNS], raster[RUNS];
  double render_median, raster_median;
  GStatBuf st;

  options->language = g_strdup ("en");
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!ebb_report_render (data, path, options, NULL, &error))
        {
          g_printerr ("render failed: %s\n", error->message);
          exit (EXIT_FAILURE);
        }
      render[i] = (g_get_monotonic_time () - start) / 1000.0;
      raster[i] = rasterise_ms (path, dir);
    }

  g_stat (path, &st);
  /* bench_median() sorts, so the extremes are read after it. */
  render_median = bench_median (render, RUNS);
  raster_median = bench_median (raster, RUNS);
  g_print ("%2u min @ %3u Hz (%6u samples): render median %6.1f ms (min %6.1f, max %6.1f), "
           "%6.1f KB, pdftoppm -r 150 page 1 median %6.1f ms\n",
           minutes, rate_hz, data->samples->len, render_median, render[0],
           render[RUNS - 1], st.st_size / 1024.0, raster_median);
}

static void
fail (GError *error)
{
  g_printerr ("bench-report: %s\n", error->message);
  exit (EXIT_FAILURE);
}

/* Writes the fixture session into a new database through the store's API
 * (as the session recorder does) and times loading it back. */
static void
bench_load (const char *dir,
            guint       minutes,
            guint       rate_hz)
{
  g_autoptr(EbbReportData) fixture = report_fixture_session (minutes, rate_hz, 1);
  g_autofree char *path = g_strdup_printf ("%s/load-%umin-%uhz.db", dir, minutes, rate_hz);
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  double load[RUNS], load_median;
  gint64 session_id;
  guint n_samples = 0;

  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  if (store == NULL || !ebb_store_demo_populate (store, &error))
    fail (error);
  op = ebb_store_operator_find (store, EBB_STORE_DEMO_ADMIN, &error);
  if (op == NULL)
    fail (error);
  client->given_name = g_strdup ("Bench");
  client->family_name = g_strdup ("Client");
  session->client_id = ebb_store_client_insert (store, client, &error);
  if (session->client_id <= 0)
    fail (error);
  session->operator_id = op->id;
  session->profile_json = g_strdup_printf ("{\"name\":\"Bench\",\"level-pa\":%d,\"vacuum-s\":%d,"
                                           "\"release-s\":%d,\"ramp-pa-s\":%d,\"duration-s\":%u}",
                                           FIXTURE_LEVEL_PA, FIXTURE_VACUUM_S, FIXTURE_RELEASE_S,
                                           FIXTURE_RAMP_PA_S, minutes * 60);
  session->started_us = g_date_time_to_unix (fixture->start) * G_USEC_PER_SEC;
  session_id = ebb_store_session_begin (store, session, &error);
  if (session_id <= 0)
    fail (error);

  writer = ebb_sample_writer_new (store, session_id, &error);
  if (writer == NULL)
    fail (error);
  ebb_sample_writer_push_samples (writer, (const EbbEcpTelemetry *) fixture->samples->data,
                                  fixture->samples->len);
  if (!ebb_sample_writer_close (writer, &error) ||
      !ebb_store_session_finish (store, session_id, EBB_SESSION_COMPLETED, "completed",
                                 session->started_us + (gint64) minutes * 60 * G_USEC_PER_SEC,
                                 NULL, &error))
    fail (error);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(EbbReportData) data = NULL;
      gint64 start = g_get_monotonic_time ();

      data = ebb_report_data_load (store, session_id, &error);
      if (data == NULL)
        fail (error);
      load[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_samples = data->samples->len;
    }

  load_median = bench_median (load, RUNS);
  g_print ("%2u min @ %3u Hz (%6u samples): ebb_report_data_load from SQLite median %6.1f ms "
           "(min %6.1f, max %6.1f)\n",
           minutes, rate_hz, n_samples, load_median, load[0], load[RUNS - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  const char *keep = g_getenv ("BENCH_REPORT_KEEP");

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("bench-report: %d runs each, files in %s\n", RUNS, dir);
  bench (dir, 60, 200);
  bench (dir, 30, 100);
  bench (dir, 5, 50);
  bench_load (dir, 60, 200);

  if (keep == NULL)
    bench_remove_tree (dir);

  return EXIT_SUCCESS;
}
