/* bench-session-ui.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ebb-application.h"
#include "ebb-environment.h"
#include "ebb-operator-session.h"
#include "ebb-session-view.h"
#include "ebb-store-demo.h"
#include "ebb-window.h"

/* The console during a live session, as the technician runs it: the main
 * window with the session screen, the in-process simulated chamber
 * streaming at 200 Hz, the default 2-minute graph window. Prints the CPU
 * of the whole process (console and simulator) over the measured span,
 * and the latency from a sample batch's arrival on the main context to
 * the end of the next painted frame. Run under Xvfb:
 *
 *   xvfb-run -a -s "-screen 0 1280x1024x24" \
 *     env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/resources \
 *     build/bench/bench-session-ui [--chamber-only] [SECONDS]
 *
 * --chamber-only measures the simulator and the chamber link alone.
 * It also prints frame clock cycles and frames drawn per second;
 * BENCH_NODES=FILE writes one frame's render nodes, and
 * BENCH_STOP_SPINNERS=1 stops the window's spinners before measuring.
 */

typedef struct
{
  gint64  pending_since;   /* first unpainted batch's arrival, 0 if none */
  gint64  painting_since;  /* the batch the current frame paints */
  GArray *latencies;       /* gint64 µs */
  gboolean measuring;
  /* frames, while measuring */
  guint       n_paints;
  guint       n_renders;
  gint64      paint_start;
  gboolean    rendered;
  gint64      render_us;   /* paint -> after-paint, rendered frames only */
} Latency;

static Latency *the_latency;

static void
spin_until (gboolean (*done) (gpointer),
            gpointer  data,
            gint64    bound_us)
{
  gint64 end = g_get_monotonic_time () + bound_us;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop as the application does, blocking between events, so
 * that the figures include no polling of the bench's own. */
static void
spin_for (gint64 us)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (us / 1000), set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A descendant by widget name or by type. */
static GtkWidget *
find (GtkWidget  *root,
      const char *name,
      GType       type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if ((name != NULL && g_strcmp0 (gtk_widget_get_name (child), name) == 0) ||
          (name == NULL && G_TYPE_CHECK_INSTANCE_TYPE (child, type)))
        return child;
      if ((found = find (child, name, type)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
connected (gpointer data)
{
  return ebb_device_manager_get_state (data) == EBB_DEVICE_STATE_CONNECTED;
}

static gboolean
can_start (gpointer data)
{
  ebb_session_prepare_page_refresh (data);
  return ebb_session_prepare_page_can_start (data);
}

static void
telemetry_cb (EbbDevice *device,
              gpointer   samples,
              guint      n_samples,
              Latency   *latency)
{
  if (latency->pending_since == 0)
    latency->pending_since = g_get_monotonic_time ();
}

/* GdkSurface::render is emitted only for frames that draw something; an
 * emission hook sees it before GTK's handler. (The region it carries is
 * empty in GTK 4.8: the renderer works out the damage itself.) */
static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               data)
{
  Latency *latency = the_latency;

  if (latency == NULL || !latency->measuring)
    return TRUE;
  latency->rendered = TRUE;
  latency->n_renders++;
  return TRUE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Latency       *latency)
{
  latency->paint_start = g_get_monotonic_time ();
  latency->rendered = FALSE;
  if (latency->measuring)
    latency->n_paints++;
}

static void
paint_cb (GdkFrameClock *clock,
          Latency       *latency)
{
  latency->painting_since = latency->pending_since;
  latency->pending_since = 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Latency       *latency)
{
  gint64 value;

  if (latency->rendered && latency->measuring)
    latency->render_us += g_get_monotonic_time () - latency->paint_start;
  if (latency->painting_since == 0 || !latency->measuring)
    return;
  value = g_get_monotonic_time () - latency->painting_since;
  g_array_append_val (latency->latencies, value);
  latency->painting_since = 0;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbApplication) app = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(EbbClient) client = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  EbbWindow *window;
  EbbSessionView *view;
  EbbSessionPreparePage *page;
  GtkWidget *child;
  GdkFrameClock *frame_clock;
  Latency latency = { 0 };
  gboolean chamber_only = argc > 1 && g_strcmp0 (argv[1], "--chamber-only") == 0;
  double seconds = argc > 1 + chamber_only ? g_ascii_strtod (argv[1 + chamber_only], NULL) : 30;
  double cpu0, cpu1;
  gint64 wall0, wall1;
  guint index = 0;

  gtk_init ();
  adw_init ();
  settings = ebb_environment_settings ();
  g_settings_set_string (settings, "device", "sim");
  g_settings_set_uint (settings, "graph-window-seconds", 120);

  dir = g_dir_make_tmp ("bench-session-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  ctx = ebb_operator_session_new (store);
  g_assert_true (ebb_operator_session_login (ctx, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN, &error));
  client = ebb_store_client_find_external (store, "DEMO-0001", &error);
  g_assert_no_error (error);

  app = ebb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  spin_until (connected, ebb_application_get_device_manager (app), 10 * G_USEC_PER_SEC);

  /* The baseline: the simulator and the chamber link streaming at 200 Hz
   * with no window and no session, to tell their share of the figure. */
  if (chamber_only)
    {
      EbbChamber *chamber = ebb_device_manager_get_chamber (ebb_application_get_device_manager (app));

      ebb_chamber_stream_async (chamber, MIN (EBB_SESSION_VIEW_RATE_HZ, ebb_chamber_get_max_rate_hz (chamber)),
                                NULL, NULL, NULL);
      spin_for (3 * G_USEC_PER_SEC);
      cpu0 = cpu_seconds ();
      wall0 = g_get_monotonic_time ();
      spin_for ((gint64) (seconds * G_USEC_PER_SEC));
      cpu1 = cpu_seconds ();
      wall1 = g_get_monotonic_time ();
      printf ("chamber only (in-process simulator + link at 200 Hz, no window), %.0f s: %.1f %% of one core\n",
              (wall1 - wall0) / 1e6, 100.0 * (cpu1 - cpu0) / ((wall1 - wall0) / 1e6));
      return 0;
    }

  window = ebb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ebb_window_set_operator_session (window, ctx);
  gtk_window_present (GTK_WINDOW (window));
  ebb_window_start_session (window, client->id);

  /* The session screen: the first factory profile (a 20-minute session),
   * the screening confirmed, the checklist ticked, Start pressed. */
  view = EBB_SESSION_VIEW (find (GTK_WIDGET (window), NULL, EBB_TYPE_SESSION_VIEW));
  g_assert_nonnull (view);
  page = ebb_session_view_get_prepare_page (view);
  ebb_session_prepare_page_select_profile (page, index);
  /* The page's widgets by name, as the tests find them. */
  child = find (GTK_WIDGET (page), "confirm-button", G_TYPE_INVALID);
  if (gtk_widget_is_sensitive (child))
    g_signal_emit_by_name (child, "clicked");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (page), "briefed-check", G_TYPE_INVALID)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (page), "hand-switch-check", G_TYPE_INVALID)), TRUE);
  /* The demo's first client has a screening; the first profile is a
   * factory one. */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!can_start (page))
      {
        if (g_get_monotonic_time () > end)
          g_error ("Start stays disabled: %s", ebb_session_prepare_page_get_blocker (page));
        g_main_context_iteration (NULL, TRUE);
      }
  }
  if (!ebb_session_view_start (view, &error))
    g_error ("%s", error->message);

  latency.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (ebb_session_view_get_device (view), "telemetry", G_CALLBACK (telemetry_cb), &latency);
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (before_paint_cb), &latency);
  g_signal_connect (frame_clock, "paint", G_CALLBACK (paint_cb), &latency);
  the_latency = &latency;
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0, render_hook, NULL, NULL);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &latency);

  /* An experiment: the window's "Opening the database" spinner stays
   * spinning on its hidden page, and its CSS animation keeps the frame
   * clock running at the display rate. */
  if (g_getenv ("BENCH_STOP_SPINNERS") != NULL)
    {
      GtkWidget *spinner;

      while ((spinner = find (GTK_WIDGET (window), NULL, GTK_TYPE_SPINNER)) != NULL &&
             gtk_spinner_get_spinning (GTK_SPINNER (spinner)))
        gtk_spinner_stop (GTK_SPINNER (spinner));
    }

  /* Let the ramp and the first phases settle, then measure. */
  spin_for (3 * G_USEC_PER_SEC);
  latency.measuring = TRUE;
  cpu0 = cpu_seconds ();
  wall0 = g_get_monotonic_time ();
  spin_for ((gint64) (seconds * G_USEC_PER_SEC));
  cpu1 = cpu_seconds ();
  wall1 = g_get_monotonic_time ();
  latency.measuring = FALSE;

  g_array_sort (latency.latencies, compare_gint64);
  printf ("session screen, 200 Hz, 2-minute window, %.0f s measured (renderer %s)\n",
          (wall1 - wall0) / 1e6, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  printf ("  CPU of the whole process (console + in-process simulator): %.1f %% of one core\n",
          100.0 * (cpu1 - cpu0) / ((wall1 - wall0) / 1e6));
  printf ("  graph samples held: %u\n",
          ebb_pressure_graph_get_n_samples (ebb_session_live_page_get_graph (ebb_session_view_get_live_page (view))));
  if (latency.latencies->len > 0)
    {
      guint n = latency.latencies->len;

      printf ("  sample arrival -> end of next painted frame: median %.1f ms, p95 %.1f ms, max %.1f ms (%u frames)\n",
              g_array_index (latency.latencies, gint64, n / 2) / 1000.0,
              g_array_index (latency.latencies, gint64, n * 95 / 100) / 1000.0,
              g_array_index (latency.latencies, gint64, n - 1) / 1000.0, n);
    }

  printf ("  frame clock cycles: %.1f/s; frames that drew: %.1f/s, %.1f ms each (paint phase)\n",
          latency.n_paints / ((wall1 - wall0) / 1e6), latency.n_renders / ((wall1 - wall0) / 1e6),
          latency.n_renders > 0 ? latency.render_us / 1000.0 / latency.n_renders : 0.0);
  /* The render nodes of one frame of the window, for a look at what each
   * frame costs the renderer. */
  if (g_getenv ("BENCH_NODES") != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GBytes) bytes = NULL;

      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                              gtk_widget_get_height (GTK_WIDGET (window)));
      node = gtk_snapshot_free_to_node (snapshot);
      bytes = gsk_render_node_serialize (node);
      g_file_set_contents (g_getenv ("BENCH_NODES"), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
    }

  ebb_session_view_emergency_stop (view);
  spin_for (G_USEC_PER_SEC / 2);
  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (latency.latencies);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
