/* demo-session-widgets.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shows the alarm banner with a HIGH alarm over the pressure graph holding
 * a realistic 2-minute trace, with the application's style sheet, for
 * screenshots and for looking at the widgets by hand:
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" build/bench/demo-session-widgets [--dark] [--review] [--sound]
 *   (then: import -window root shot.png)
 *
 * --review shows the graph after the session (zoomable, with a hover
 * readout); --sound plays the alarm sounds; the window closes after 60 s
 * unless --stay is given.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ebb-alarm-banner.h"
#include "ebb-pressure-graph-private.h"

static gboolean dark;
static gboolean review;
static gboolean stay;
static gboolean sound;

/* Two-minute history of a 20 s vacuum / 10 s release profile at −40 mmHg,
 * with first-order ramps, a pump ripple and sensor noise; the last cycle
 * overshoots towards the limit, which is what the alarm is about. */
static void
fill_graph (EbbPressureGraph *graph,
            gint64            now_us)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (EbbPressureGraphSample));
  gint64 start = now_us - 150 * G_USEC_PER_SEC;
  GRand *rand = g_rand_new_with_seed (7);

  for (gint64 t = start; t <= now_us - 2 * G_USEC_PER_SEC; t += G_USEC_PER_SEC / 200)
    {
      double s = (t - start) / 1e6;
      double in_cycle = fmod (s, 30.0);
      gboolean vacuum = in_cycle < 20.0;
      double level = s > 120 ? -6150 : -5333;
      double target = vacuum ? -5333 : -1067;
      double goal = vacuum ? level : -1067;
      double from = vacuum ? -1067 : level;
      double since = vacuum ? in_cycle : in_cycle - 20.0;
      double pa = goal + (from - goal) * exp (-since / 1.4) + 20 * sin (s * 9.0) +
                  g_rand_double_range (rand, -15, 15);
      EbbPressureGraphSample sample = {
        t, (gint32) pa, (gint32) target,
        vacuum ? EBB_PRESSURE_GRAPH_PHASE_VACUUM : EBB_PRESSURE_GRAPH_PHASE_RELEASE,
      };

      g_array_append_val (batch, sample);
    }

  ebb_pressure_graph_append (graph, (EbbPressureGraphSample *) batch->data, batch->len);
  g_rand_free (rand);
}

static gboolean
close_cb (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *banner = ebb_alarm_banner_new ();
  GtkWidget *graph = ebb_pressure_graph_new ();
  gint64 now = g_get_monotonic_time ();

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  gtk_window_set_title (GTK_WINDOW (window), "Ebbflow");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 620);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Session", "Client 0042 · Standard 40 mmHg"));

  ebb_alarm_banner_set_sound_enabled (EBB_ALARM_BANNER (banner), sound);
  ebb_alarm_banner_set_alarm (EBB_ALARM_BANNER (banner), 1, EBB_ALARM_BANNER_PRIORITY_MEDIUM,
                              "Vacuum not reached in time", TRUE);
  ebb_alarm_banner_set_alarm (EBB_ALARM_BANNER (banner), 2, EBB_ALARM_BANNER_PRIORITY_HIGH,
                              "Over-vacuum: the chamber was vented", FALSE);

  ebb_pressure_graph_set_range (EBB_PRESSURE_GRAPH (graph), -6666, 0);
  ebb_pressure_graph_set_level_pa (EBB_PRESSURE_GRAPH (graph), -5333);
  ebb_pressure_graph_set_limit_pa (EBB_PRESSURE_GRAPH (graph), -6000);
  ebb_pressure_graph_set_window_seconds (EBB_PRESSURE_GRAPH (graph), 120);
  gtk_widget_set_vexpand (graph, TRUE);
  gtk_widget_set_margin_start (graph, 12);
  gtk_widget_set_margin_end (graph, 12);
  gtk_widget_set_margin_bottom (graph, 12);
  fill_graph (EBB_PRESSURE_GRAPH (graph), now);
  _ebb_pressure_graph_set_now (EBB_PRESSURE_GRAPH (graph), now);
  if (review)
    ebb_pressure_graph_set_live (EBB_PRESSURE_GRAPH (graph), FALSE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), banner);
  gtk_box_append (GTK_BOX (box), graph);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  if (!stay)
    g_timeout_add_seconds (60, close_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  for (int i = 1; i < argc; i++)
    {
      dark |= g_str_equal (argv[i], "--dark");
      review |= g_str_equal (argv[i], "--review");
      stay |= g_str_equal (argv[i], "--stay");
      sound |= g_str_equal (argv[i], "--sound");
    }

  app = adw_application_new (APP_ID ".Demo", G_APPLICATION_NON_UNIQUE);
  /* The application's style sheet, as the real console loads it. */
  g_application_set_resource_base_path (G_APPLICATION (app), APP_RESOURCE_PATH);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
