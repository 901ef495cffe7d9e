/* bench-chamber-link.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdlib.h>

#include "bench-util.h"
#include "ebb-chamber-private.h"
#include "ebb-sim-chamber.h"
#include "ebb-tty-transport.h"

/*
 * The chamber link end to end: the in-process simulated chamber on a real
 * pseudo-terminal, EbbChamber over the tty transport, this program's main
 * loop as the owner. Prints:
 *  - latency from the simulator's sample time to delivery on the owner's
 *    main context (p50, p99, max) and lost packets at --rate for --seconds;
 *  - CPU used by the I/O thread, in % of one core;
 *  - wire bytes per sample and per second against 11,520 B/s;
 *  - vent_now() -> VENT bytes written;
 *  - watchdog: last host frame written -> simulator vents;
 *  - link-loss detection delay after the simulator goes mute.
 *
 * Sample time: the simulator advances its device model to
 * g_get_monotonic_time() in 1 ms steps; its start is estimated from
 * ebb_sim_chamber_get_state() (sim_ms against the clock), so latencies have
 * 1 ms resolution and may read up to 1 ms low.
 */

typedef struct
{
  GArray     *latencies;   /* gint64 µs */
  gint64      start_us;    /* estimated simulator start */
  gint64      boot_offset_ms; /* sim_ms − device_ms */
  gboolean    recording;
  gboolean    done;
  GError     *error;
  gint64      link_lost_at;
  gint64      link_restored_at;
  gint64      faults_at;
  guint       faults;
} Bench;

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Bench *b = user_data;

  g_clear_error (&b->error);
  g_task_propagate_boolean (G_TASK (result), &b->error);
  b->done = TRUE;
}

static void
run_or_die (Bench *b)
{
  bench_spin_until (&b->done, 5000);
  if (!b->done || b->error != NULL)
    {
      g_printerr ("bench-chamber-link: %s\n", b->error != NULL ? b->error->message : "timeout");
      exit (EXIT_FAILURE);
    }
  b->done = FALSE;
}

static void
telemetry_cb (EbbChamber *chamber,
              GArray     *samples,
              Bench      *b)
{
  gint64 now = g_get_monotonic_time ();

  if (!b->recording)
    return;

  for (guint i = 0; i < samples->len; i++)
    {
      const EbbEcpTelemetry *s = &g_array_index (samples, EbbEcpTelemetry, i);
      gint64 sample_us = b->start_us + ((gint64) s->device_ms + b->boot_offset_ms) * 1000;
      gint64 latency = now - sample_us;

      g_array_append_val (b->latencies, latency);
    }
}

static void
link_lost_cb (EbbChamber *chamber,
              Bench      *b)
{
  b->link_lost_at = g_get_monotonic_time ();
}

static void
link_restored_cb (EbbChamber *chamber,
                  Bench      *b)
{
  b->link_restored_at = g_get_monotonic_time ();
}

static void
faults_raised_cb (EbbChamber *chamber,
                  guint       bits,
                  Bench      *b)
{
  b->faults |= bits;
  b->faults_at = g_get_monotonic_time ();
}

/* The simulator's start on our clock: the latest start consistent with
 * every reading of its clock. */
static void
calibrate (Bench         *b,
           EbbSimChamber *sim)
{
  b->start_us = G_MAXINT64;

  for (guint i = 0; i < 300; i++)
    {
      EbbSimState state;
      gint64 t;

      ebb_sim_chamber_get_state (sim, &state);
      t = g_get_monotonic_time ();
      b->start_us = MIN (b->start_us, t - (gint64) state.sim_ms * 1000);
      b->boot_offset_ms = (gint64) state.sim_ms - state.device_ms;
      g_usleep (173);
    }
}

static double
percentile_ms (GArray *sorted,
               double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = MIN (sorted->len - 1, (guint) (p * sorted->len));
  return g_array_index (sorted, gint64, i) / 1000.0;
}

static void
print_distribution (const char *what,
                    GArray     *values)
{
  g_array_sort (values, bench_compare_gint64);
  g_print ("%-44s n=%u  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", what, values->len,
           percentile_ms (values, 0.50), percentile_ms (values, 0.99),
           percentile_ms (values, 1.0));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbSimChamber) sim = NULL;
  g_autoptr(EbbTransport) transport = NULL;
  g_autoptr(EbbChamber) chamber = NULL;
  g_autoptr(GArray) vent_now = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) watchdog = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) link_loss = g_array_new (FALSE, FALSE, sizeof (gint64));
  Bench b = { 0 };
  EbbChamberLinkStats before, after;
  gint64 cpu0, cpu1, t0, t1;
  int seconds = 60, rate = 200, repeats = 5;
  GOptionEntry entries[] = {
    { "seconds", 's', 0, G_OPTION_ARG_INT, &seconds, "Streaming time (default 60)", "S" },
    { "rate", 'r', 0, G_OPTION_ARG_INT, &rate, "Telemetry rate (default 200)", "HZ" },
    { "repeats", 'n', 0, G_OPTION_ARG_INT, &repeats, "Repeats of the safety timings (default 5)", "N" },
    { NULL }
  };

  context = g_option_context_new ("- chamber link latency, CPU and safety timings");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || seconds < 1 || rate < 1 ||
      repeats < 1)
    {
      g_printerr ("bench-chamber-link: %s\n", error != NULL ? error->message : "bad value");
      return 2;
    }

  b.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));

  sim = ebb_sim_chamber_new ("seed=1", &error);
  if (sim == NULL || !ebb_sim_chamber_start (sim, &error))
    {
      g_printerr ("bench-chamber-link: %s\n", error->message);
      return 1;
    }

  transport = EBB_TRANSPORT (ebb_tty_transport_new (ebb_sim_chamber_get_path (sim)));
  chamber = ebb_chamber_new (transport);
  g_signal_connect (chamber, "telemetry", G_CALLBACK (telemetry_cb), &b);
  g_signal_connect (chamber, "link-lost", G_CALLBACK (link_lost_cb), &b);
  g_signal_connect (chamber, "link-restored", G_CALLBACK (link_restored_cb), &b);
  g_signal_connect (chamber, "faults-raised", G_CALLBACK (faults_raised_cb), &b);

  ebb_chamber_connect_async (chamber, NULL, bool_cb, &b);
  run_or_die (&b);
  calibrate (&b, sim);

  /* 1. Streaming: latency, CPU, bytes, losses. */
  ebb_chamber_stream_async (chamber, rate, NULL, bool_cb, &b);
  run_or_die (&b);
  bench_spin (500);

  ebb_chamber_get_link_stats (chamber, &before);
  cpu0 = _ebb_chamber_get_io_thread_cpu_us (chamber);
  t0 = g_get_monotonic_time ();
  b.recording = TRUE;
  bench_spin (seconds * 1000);
  b.recording = FALSE;
  t1 = g_get_monotonic_time ();
  cpu1 = _ebb_chamber_get_io_thread_cpu_us (chamber);
  ebb_chamber_get_link_stats (chamber, &after);

  {
    double wall_s = (t1 - t0) / 1e6;
    guint64 samples = after.samples - before.samples;
    guint64 bytes = after.bytes_received - before.bytes_received;

    g_print ("chamber link, %d Hz for %.1f s (tty transport, in-process simulator)\n", rate,
             wall_s);
    print_distribution ("sample time -> owner's main context:", b.latencies);
    g_print ("%-44s %" G_GUINT64_FORMAT " samples, %" G_GUINT64_FORMAT " lost, %"
             G_GUINT64_FORMAT " rejected frames\n", "packets:", samples,
             after.packets_lost - before.packets_lost,
             after.frames_rejected_total - before.frames_rejected_total);
    g_print ("%-44s %.3f %% of one core\n", "I/O thread CPU:",
             100.0 * (cpu1 - cpu0) / (t1 - t0));
    g_print ("%-44s %.1f B/sample, %.0f B/s = %.1f %% of 11,520 B/s (device -> host)\n",
             "wire bytes:", samples > 0 ? (double) bytes / samples : 0, bytes / wall_s,
             100.0 * bytes / wall_s / 11520);
    g_print ("%-44s %.0f B/s (host -> device: heartbeats)\n", "",
             (after.bytes_sent - before.bytes_sent) / wall_s);
  }

  /* 2. vent_now()-> the VENT bytes are written. */
  for (int i = 0; i < 50 * repeats; i++)
    {
      gint64 call = g_get_monotonic_time ();
      gint64 written;

      ebb_chamber_vent_now (chamber);
      while ((written = _ebb_chamber_get_vent_now_written (chamber)) < call)
        g_usleep (20);
      written -= call;
      g_array_append_val (vent_now, written);
      bench_spin (20);
    }
  print_distribution ("vent_now() -> VENT written to the port:", vent_now);

  /* 3. Link loss after mute (streaming at the rate above). */
  for (int i = 0; i < repeats; i++)
    {
      gint64 muted;

      b.link_lost_at = 0;
      ebb_sim_chamber_inject (sim, EBB_SIM_FAULT_MUTE, 0);
      muted = g_get_monotonic_time ();
      while (b.link_lost_at == 0 && g_get_monotonic_time () - muted < 3 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, FALSE) || (g_usleep (200), TRUE);
      if (b.link_lost_at != 0)
        {
          gint64 delay = b.link_lost_at - muted;

          g_array_append_val (link_loss, delay);
        }
      b.link_restored_at = 0;
      ebb_sim_chamber_inject (sim, EBB_SIM_FAULT_UNMUTE, 0);
      while (b.link_restored_at == 0 && g_get_monotonic_time () - muted < 5 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, FALSE) || (g_usleep (200), TRUE);
      bench_spin (300);
    }
  g_print ("(link loss threshold: max(500 ms, 3 periods) = %d ms)\n", MAX (500, 3000 / rate));
  print_distribution ("mute -> link-lost signal:", link_loss);

  /* 4. Watchdog: stop heartbeats, as a hung owner would. */
  for (int i = 0; i < repeats; i++)
    {
      gint64 last_write, vented = 0, start;

      _ebb_chamber_set_heartbeats_enabled (chamber, FALSE);
      start = g_get_monotonic_time ();
      while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
        {
          EbbSimState state;

          ebb_sim_chamber_get_state (sim, &state);
          if ((state.faults & EBB_ECP_FAULT_WATCHDOG) && state.vent_open)
            {
              vented = g_get_monotonic_time ();
              break;
            }
          g_main_context_iteration (NULL, FALSE) || (g_usleep (200), TRUE);
        }
      last_write = _ebb_chamber_get_last_write (chamber);
      if (vented != 0)
        {
          gint64 delay = vented - last_write;

          g_array_append_val (watchdog, delay);
        }

      _ebb_chamber_set_heartbeats_enabled (chamber, TRUE);
      ebb_chamber_clear_faults_async (chamber, NULL, bool_cb, &b);
      run_or_die (&b);
      bench_spin (200);
    }
  print_distribution ("last host frame -> simulator vents (WATCHDOG):", watchdog);

  ebb_chamber_close_async (chamber, NULL, bool_cb, &b);
  run_or_die (&b);
  g_signal_handlers_disconnect_by_data (chamber, &b);
  g_array_unref (b.latencies);
  ebb_sim_chamber_stop (sim);

  return EXIT_SUCCESS;
}
