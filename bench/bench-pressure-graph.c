/* bench-pressure-graph.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Measures the pressure graph in a real window (run it under Xvfb):
 *
 *   frames  cost per redrawn frame (ms of app CPU, all threads) for a
 *           1000×400 graph with 30 s, 10 min and 60 min windows full of
 *           200 Hz data; "now" advances one pixel column per frame so every
 *           frame really redraws the trace.
 *   stream  a simulated 200 Hz stream delivered in 5 ms batches to a window
 *           holding the graph (2-minute window) and a readout refreshed at
 *           2 Hz, in real time: CPU share of one core over the run, frames
 *           and graph redraws per second, and the latency from a batch's
 *           arrival on the main context to the end of the frame that
 *           shows it.
 *
 * Usage: bench-pressure-graph [frames|stream|all] [stream-seconds] [only-window-seconds] [rate-hz]
 * (a higher rate with the same signal shows that the cost does not follow
 * the number of samples).
 * The renderer is GTK's default unless GSK_RENDERER says otherwise.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench-util.h"
#include "ebb-pressure-graph-private.h"

#define GRAPH_WIDTH   1000
#define GRAPH_HEIGHT  400
/* Sample spacing; 200 Hz unless the fourth argument says otherwise. */
static gint64 sample_us = G_USEC_PER_SEC / 200;
#define WARMUP_FRAMES 60
#define FRAMES        300

/* CPU seconds used so far by the X server showing our display (Xvfb), or
 * a negative value when it cannot be found. With GSK_RENDERER=cairo much of
 * the drawing happens there, so it belongs in the figures. */
static double
xserver_cpu_seconds (void)
{
  static char *stat_path = NULL;
  const char *display = g_getenv ("DISPLAY");
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_comm;

  if (stat_path == NULL && display != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
      const char *name;

      while (dir != NULL && stat_path == NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
          g_autofree char *cmdline = NULL;
          gsize len;

          if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, &len, NULL))
            continue;
          if (!g_str_has_suffix (cmdline, "Xvfb"))
            continue;
          for (gsize off = 0; off < len; off += strlen (cmdline + off) + 1)
            if (g_str_equal (cmdline + off, display))
              stat_path = g_build_filename ("/proc", name, "stat", NULL);
        }
    }

  if (stat_path == NULL || !g_file_get_contents (stat_path, &contents, NULL, NULL))
    return -1;

  /* Fields 14 and 15 (utime, stime) in clock ticks, counted after the
   * parenthesised command name. */
  after_comm = strrchr (contents, ')');
  if (after_comm == NULL)
    return -1;
  fields = g_strsplit (after_comm + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static void (*graph_snapshot) (GtkWidget *, GtkSnapshot *);
static gint64 snapshot_us_total;

/* Times the graph's own snapshot vfunc (building the render nodes), apart
 * from GTK's rendering of them. */
static void
timed_snapshot (GtkWidget   *widget,
                GtkSnapshot *snapshot)
{
  gint64 begin = g_get_monotonic_time ();

  graph_snapshot (widget, snapshot);
  snapshot_us_total += g_get_monotonic_time () - begin;
}

typedef struct
{
  GMainLoop        *loop;
  GtkWindow        *window;
  EbbPressureGraph *graph;
  GtkLabel         *readout;
  GdkFrameClock    *clock;

  /* synthetic signal */
  gint64            next_sample_us;

  /* frames mode */
  gint64            sim_now_us;
  double            column_us;
  guint             frames;
  guint             snapshots_at_start;
  double            cpu_at_start;
  double            xcpu_at_start;
  gint64            wall_at_start;

  /* stream mode */
  GArray           *pending;         /* append times of batches not yet shown */
  guint             pending_snapshot;
  GArray           *latencies_us;
  gint32            last_pa;
} Bench;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* A therapy-like signal: 20 s vacuum at −40 mmHg, 10 s release at
 * −8 mmHg, first-order ramps and a little noise. */
static EbbPressureGraphSample
synth (gint64 t_us)
{
  double s = t_us / 1e6;
  double in_cycle = fmod (s, 30.0);
  gboolean vacuum = in_cycle < 20.0;
  double target = vacuum ? -5333 : -1067;
  double from = vacuum ? -1067 : -5333;
  double since = vacuum ? in_cycle : in_cycle - 20.0;
  double pa = target + (from - target) * exp (-since / 1.2) + 15 * sin (s * 7.0) + g_random_double_range (-12, 12);

  return (EbbPressureGraphSample) {
    t_us, (gint32) pa, (gint32) target,
    vacuum ? EBB_PRESSURE_GRAPH_PHASE_VACUUM : EBB_PRESSURE_GRAPH_PHASE_RELEASE,
  };
}

static void
feed_until (Bench  *bench,
            gint64  until_us)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (EbbPressureGraphSample));

  for (; bench->next_sample_us <= until_us; bench->next_sample_us += sample_us)
    {
      EbbPressureGraphSample sample = synth (bench->next_sample_us);

      g_array_append_val (batch, sample);
      bench->last_pa = sample.pa;
    }

  if (batch->len > 0)
    ebb_pressure_graph_append (bench->graph, (EbbPressureGraphSample *) batch->data, batch->len);
}

static void
make_window (Bench *bench)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  bench->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (bench->window, FALSE);
  bench->graph = EBB_PRESSURE_GRAPH (ebb_pressure_graph_new ());
  gtk_widget_set_size_request (GTK_WIDGET (bench->graph), GRAPH_WIDTH, GRAPH_HEIGHT);
  ebb_pressure_graph_set_range (bench->graph, -6666, 0);
  ebb_pressure_graph_set_level_pa (bench->graph, -5333);
  ebb_pressure_graph_set_limit_pa (bench->graph, -6000);
  bench->readout = GTK_LABEL (gtk_label_new (""));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bench->readout));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bench->graph));
  gtk_window_set_child (bench->window, box);
  gtk_window_present (bench->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (bench->graph)) ||
         gtk_widget_get_width (GTK_WIDGET (bench->graph)) < GRAPH_WIDTH)
    g_main_context_iteration (NULL, TRUE);

  bench->clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
}

static const char *
renderer_name (Bench *bench)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (bench->window));

  return G_OBJECT_TYPE_NAME (renderer);
}

/* frames mode ----------------------------------------------------------- */

static gboolean
frames_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;

  bench->sim_now_us += (gint64) ceil (bench->column_us);
  feed_until (bench, bench->sim_now_us);
  _ebb_pressure_graph_set_now (bench->graph, bench->sim_now_us);

  return G_SOURCE_CONTINUE;
}

static void
frames_after_paint_cb (GdkFrameClock *clock,
                       Bench         *bench)
{
  bench->frames++;

  if (bench->frames == WARMUP_FRAMES)
    {
      bench->cpu_at_start = cpu_seconds ();
      bench->xcpu_at_start = xserver_cpu_seconds ();
      bench->wall_at_start = g_get_monotonic_time ();
      bench->snapshots_at_start = _ebb_pressure_graph_get_n_snapshots (bench->graph);
      snapshot_us_total = 0;
    }
  else if (bench->frames == WARMUP_FRAMES + FRAMES)
    g_main_loop_quit (bench->loop);
}

static void
run_frames (Bench *bench,
            guint  window_s)
{
  graphene_rect_t plot;
  gint64 start_us = (gint64) 100000 * G_USEC_PER_SEC;
  guint tick_id;
  gulong handler;
  double cpu, wall, xcpu;
  guint snapshots;

  ebb_pressure_graph_clear (bench->graph);
  ebb_pressure_graph_set_window_seconds (bench->graph, window_s);
  bench->next_sample_us = start_us;
  bench->sim_now_us = start_us + (gint64) window_s * G_USEC_PER_SEC;
  feed_until (bench, bench->sim_now_us);
  _ebb_pressure_graph_set_now (bench->graph, bench->sim_now_us);
  _ebb_pressure_graph_get_plot_area (bench->graph, &plot);
  bench->column_us = (double) window_s * G_USEC_PER_SEC / plot.size.width;
  bench->frames = 0;

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench->window), frames_tick_cb, bench, NULL);
  handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (frames_after_paint_cb), bench);
  g_main_loop_run (bench->loop);
  g_signal_handler_disconnect (bench->clock, handler);
  gtk_widget_remove_tick_callback (GTK_WIDGET (bench->window), tick_id);

  cpu = cpu_seconds () - bench->cpu_at_start;
  xcpu = xserver_cpu_seconds () - bench->xcpu_at_start;
  wall = (g_get_monotonic_time () - bench->wall_at_start) / 1e6;
  snapshots = _ebb_pressure_graph_get_n_snapshots (bench->graph) - bench->snapshots_at_start;

  /* The last frame's render nodes, to look at what a frame costs the
   * renderer (BENCH_NODES=prefix writes prefix-<window>.node). */
  if (g_getenv ("BENCH_NODES") != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (bench->window));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *file = g_strdup_printf ("%s-%u.node", g_getenv ("BENCH_NODES"), window_s);

      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (bench->window)),
                              gtk_widget_get_height (GTK_WIDGET (bench->window)));
      node = gtk_snapshot_free_to_node (snapshot);
      bytes = gsk_render_node_serialize (node);
      g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
    }

  g_print ("frames  window %5u s  samples %7u  plot %4.0f px  %.2f ms CPU/frame  "
           "(X server %.2f ms)  snapshot vfunc %.3f ms  %.1f fps  graph redrawn in %u of %u frames\n",
           window_s, ebb_pressure_graph_get_n_samples (bench->graph), plot.size.width,
           cpu * 1000.0 / FRAMES, xcpu * 1000.0 / FRAMES, snapshot_us_total / 1000.0 / MAX (snapshots, 1),
           FRAMES / wall, snapshots, FRAMES);
}

/* stream mode ----------------------------------------------------------- */

static gboolean
stream_batch_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  guint before = ebb_pressure_graph_get_n_samples (bench->graph);
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (EbbPressureGraphSample));

  /* Samples stamped with their arrival on the main context, as the session
   * page does. */
  for (; bench->next_sample_us <= now; bench->next_sample_us += sample_us)
    {
      EbbPressureGraphSample sample = synth (bench->next_sample_us);

      sample.t_us = now;
      g_array_append_val (batch, sample);
      bench->last_pa = sample.pa;
    }
  ebb_pressure_graph_append (bench->graph, (EbbPressureGraphSample *) batch->data, batch->len);

  /* Only a batch that starts a new pixel column is sure to change the
   * picture; the others may, rightly, never cause a frame. */
  if (ebb_pressure_graph_get_n_samples (bench->graph) != before &&
      floor (now / bench->column_us) != floor (bench->sim_now_us / bench->column_us))
    g_array_append_val (bench->pending, now);
  bench->sim_now_us = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
stream_readout_cb (gpointer user_data)
{
  Bench *bench = user_data;
  g_autofree char *text = ebb_units_format (bench->last_pa, EBB_PRESSURE_UNIT_MMHG);

  gtk_label_set_text (bench->readout, text);

  return G_SOURCE_CONTINUE;
}

static void
stream_after_paint_cb (GdkFrameClock *clock,
                       Bench         *bench)
{
  guint snapshots = _ebb_pressure_graph_get_n_snapshots (bench->graph);
  gint64 now = g_get_monotonic_time ();

  bench->frames++;

  /* Batches that arrived before this frame's snapshot are now on screen. */
  if (snapshots != bench->pending_snapshot)
    {
      for (guint i = 0; i < bench->pending->len; i++)
        {
          gint64 latency = now - g_array_index (bench->pending, gint64, i);

          g_array_append_val (bench->latencies_us, latency);
        }
      g_array_set_size (bench->pending, 0);
      bench->pending_snapshot = snapshots;
    }
}

static gboolean
stream_stop_cb (gpointer user_data)
{
  g_main_loop_quit (((Bench *) user_data)->loop);
  return G_SOURCE_REMOVE;
}

static void
run_stream (Bench *bench,
            guint  seconds)
{
  guint batch_id, readout_id, stop_id, snapshots_before;
  gulong handler;
  double cpu, wall, xcpu;
  gint64 wall_start;
  gint64 *lat;
  guint n;

  graphene_rect_t plot;

  ebb_pressure_graph_clear (bench->graph);
  ebb_pressure_graph_set_window_seconds (bench->graph, 120);
  _ebb_pressure_graph_set_now (bench->graph, -1);
  _ebb_pressure_graph_get_plot_area (bench->graph, &plot);
  bench->column_us = 120.0 * G_USEC_PER_SEC / plot.size.width;
  bench->sim_now_us = 0;
  bench->next_sample_us = g_get_monotonic_time ();
  bench->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->latencies_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->frames = 0;

  batch_id = g_timeout_add (5, stream_batch_cb, bench);
  readout_id = g_timeout_add (500, stream_readout_cb, bench);
  handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (stream_after_paint_cb), bench);

  /* Two seconds to settle, then the measured run. */
  stop_id = g_timeout_add_seconds (2, stream_stop_cb, bench);
  g_main_loop_run (bench->loop);
  g_array_set_size (bench->latencies_us, 0);
  bench->frames = 0;
  snapshots_before = _ebb_pressure_graph_get_n_snapshots (bench->graph);
  cpu = cpu_seconds ();
  xcpu = xserver_cpu_seconds ();
  wall_start = g_get_monotonic_time ();
  stop_id = g_timeout_add_seconds (seconds, stream_stop_cb, bench);
  g_main_loop_run (bench->loop);
  cpu = cpu_seconds () - cpu;
  xcpu = xserver_cpu_seconds () - xcpu;
  wall = (g_get_monotonic_time () - wall_start) / 1e6;

  g_signal_handler_disconnect (bench->clock, handler);
  g_source_remove (batch_id);
  g_source_remove (readout_id);
  (void) stop_id;

  lat = (gint64 *) bench->latencies_us->data;
  n = bench->latencies_us->len;
  qsort (lat, n, sizeof (gint64), bench_compare_gint64);

  g_print ("stream  window 120 s  %u s  CPU %.1f %% of one core (X server %.1f %%)  %.1f frames/s  "
           "%.1f graph redraws/s  samples %u\n",
           seconds, cpu * 100.0 / wall, xcpu * 100.0 / wall, bench->frames / wall,
           (_ebb_pressure_graph_get_n_snapshots (bench->graph) - snapshots_before) / wall,
           ebb_pressure_graph_get_n_samples (bench->graph));
  if (n > 0)
    g_print ("stream  latency arrival → frame shown: median %.1f ms  p95 %.1f ms  max %.1f ms  (%u batches)\n",
             lat[n / 2] / 1000.0, lat[n * 95 / 100] / 1000.0, lat[n - 1] / 1000.0, n);

  g_clear_pointer (&bench->pending, g_array_unref);
  g_clear_pointer (&bench->latencies_us, g_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  static const guint windows_s[] = { 30, 600, 3600 };
  const char *mode = argc > 1 ? argv[1] : "all";
  guint only_window = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 0;
  guint rate_hz = argc > 4 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 200;
  guint stream_s = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 30;
  Bench bench = { 0 };

  sample_us = G_USEC_PER_SEC / CLAMP (rate_hz, 1, 10000);

  gtk_init ();
  adw_init ();

  {
    GtkWidgetClass *klass = g_type_class_ref (EBB_TYPE_PRESSURE_GRAPH);

    graph_snapshot = klass->snapshot;
    klass->snapshot = timed_snapshot;
  }

  bench.loop = g_main_loop_new (NULL, FALSE);
  make_window (&bench);
  g_print ("renderer %s\n", renderer_name (&bench));

  if (g_str_equal (mode, "frames") || g_str_equal (mode, "all"))
    for (guint i = 0; i < G_N_ELEMENTS (windows_s); i++)
      if (only_window == 0 || only_window == windows_s[i])
        run_frames (&bench, windows_s[i]);

  if (g_str_equal (mode, "stream") || g_str_equal (mode, "all"))
    run_stream (&bench, MAX (stream_s, 1));

  gtk_window_destroy (bench.window);
  g_main_loop_unref (bench.loop);

  return EXIT_SUCCESS;
}
