/* test-pressure-graph.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ebb-pressure-graph-private.h"

#define WIDTH      600
#define HEIGHT     300
#define T0_US      ((gint64) 1000 * G_USEC_PER_SEC)
#define RATE_HZ    200
#define MIN_PA     (-8000)
#define MAX_PA     0

typedef struct
{
  GtkWindow        *window;
  EbbPressureGraph *graph;
  graphene_rect_t   plot;
} Fixture;

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guchar *data;
} Pixels;

static void
pixels_free (Pixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_default_size (fixture->window, WIDTH, HEIGHT);
  fixture->graph = EBB_PRESSURE_GRAPH (ebb_pressure_graph_new ());
  g_object_ref (fixture->graph);
  ebb_pressure_graph_set_range (fixture->graph, MIN_PA, MAX_PA);
  ebb_pressure_graph_set_window_seconds (fixture->graph, 30);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->graph));
  gtk_window_present (fixture->window);

  /* Wait for the window to be mapped and the graph allocated. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->graph)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->graph)) != WIDTH ||
         gtk_widget_get_height (GTK_WIDGET (fixture->graph)) != HEIGHT)
    g_main_context_iteration (NULL, TRUE);

  _ebb_pressure_graph_get_plot_area (fixture->graph, &fixture->plot);
  g_assert_cmpfloat (fixture->plot.size.width, >, WIDTH / 2);
  g_assert_cmpfloat (fixture->plot.size.height, >, HEIGHT / 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->graph);
}

/* Renders the graph as it would be on screen, with the cairo renderer, and
 * returns its pixels (premultiplied BGRA on little endian, as cairo). */
static Pixels *
render (Fixture *fixture)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  Pixels *pixels = g_new0 (Pixels, 1);

  /* The widget's own drawing, now, rather than whatever the last frame
   * showed. */
  GTK_WIDGET_GET_CLASS (fixture->graph)->snapshot (GTK_WIDGET (fixture->graph), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);

  pixels->width = WIDTH;
  pixels->height = HEIGHT;
  pixels->stride = WIDTH * 4;
  pixels->data = g_malloc0 (pixels->stride * HEIGHT);

  /* An empty drawing has no node at all. */
  if (node == NULL)
    return pixels;

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  gdk_texture_download (texture, pixels->data, pixels->stride);
  gsk_renderer_unrealize (renderer);

  /* Kept as a build artefact, to look at when a case fails. */
  {
    static guint n_renders;
    g_autofree char *name = g_strdelimit (g_strdup_printf ("%s-%u.png", g_test_get_path (), ++n_renders), "/", '-');
    g_autofree char *file = g_build_filename (g_test_get_dir (G_TEST_BUILT), name + 1, NULL);

    gdk_texture_save_to_png (texture, file);
  }

  return pixels;
}

static void
pixel_rgba (const Pixels *pixels,
            int           x,
            int           y,
            GdkRGBA      *rgba)
{
  const guchar *p = pixels->data + y * pixels->stride + x * 4;
  double a = p[3] / 255.0;

  /* gdk_texture_download gives premultiplied B, G, R, A in memory. */
  rgba->alpha = a;
  rgba->red = a > 0 ? p[2] / 255.0 / a : 0;
  rgba->green = a > 0 ? p[1] / 255.0 / a : 0;
  rgba->blue = a > 0 ? p[0] / 255.0 / a : 0;
}

static gboolean
color_near (const GdkRGBA *a,
            const GdkRGBA *b)
{
  return fabs (a->red - b->red) < 0.06 && fabs (a->green - b->green) < 0.06 &&
         fabs (a->blue - b->blue) < 0.06 && a->alpha > 0.95;
}

/* The graph draws no background of its own: the parent's shows through. */
static gboolean
is_background (const GdkRGBA *rgba)
{
  return rgba->alpha < 0.02;
}

static void
lookup (Fixture    *fixture,
        const char *name,
        GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (fixture->graph));

  g_assert_true (gtk_style_context_lookup_color (context, name, color));
}

static double
y_for (Fixture *fixture,
       gint32   pa)
{
  return fixture->plot.origin.y + (double) (MAX_PA - pa) / (MAX_PA - MIN_PA) * fixture->plot.size.height;
}

/* Appends a constant pressure from @from_s to @to_s (seconds after T0). */
static void
feed (Fixture *fixture,
      double   from_s,
      double   to_s,
      gint32   pa,
      gint32   target_pa,
      guint8   phase)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (EbbPressureGraphSample));

  for (gint64 t = T0_US + (gint64) (from_s * G_USEC_PER_SEC);
       t < T0_US + (gint64) (to_s * G_USEC_PER_SEC);
       t += G_USEC_PER_SEC / RATE_HZ)
    {
      EbbPressureGraphSample sample = { t, pa, target_pa, phase };

      g_array_append_val (batch, sample);
    }

  ebb_pressure_graph_append (fixture->graph, (EbbPressureGraphSample *) batch->data, batch->len);
}

/* Counts trace-coloured pixels in column @x, and those farther than @slack
 * rows from @y. */
static void
count_in_column (const Pixels  *pixels,
                 const GdkRGBA *color,
                 int            x,
                 double         y,
                 int            slack,
                 guint         *near,
                 guint         *far)
{
  *near = *far = 0;

  for (int row = 0; row < pixels->height; row++)
    {
      GdkRGBA rgba;

      pixel_rgba (pixels, x, row, &rgba);
      if (!color_near (&rgba, color))
        continue;
      if (fabs (row - y) <= slack)
        (*near)++;
      else
        (*far)++;
    }
}

/* The x range (in the plot) holding trace pixels. */
static void
trace_extent (Fixture      *fixture,
              const Pixels *pixels,
              int          *first,
              int          *last)
{
  GdkRGBA accent;

  lookup (fixture, "accent_color", &accent);
  *first = -1;
  *last = -1;

  for (int x = fixture->plot.origin.x; x < fixture->plot.origin.x + fixture->plot.size.width; x++)
    {
      guint near, far;

      count_in_column (pixels, &accent, x, 0, HEIGHT, &near, &far);
      if (near + far == 0)
        continue;
      if (*first < 0)
        *first = x;
      *last = x;
    }
}

static void
test_constant_pressure (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;
  GdkRGBA accent;
  double y = y_for (fixture, -5333);
  guint total_near = 0, total_far = 0;
  int first, last;

  feed (fixture, 0, 30, -5333, -5333, EBB_PRESSURE_GRAPH_PHASE_NONE);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 30 * G_USEC_PER_SEC);
  pixels = render (fixture);
  lookup (fixture, "accent_color", &accent);

  for (int x = fixture->plot.origin.x + 5; x < fixture->plot.origin.x + fixture->plot.size.width - 5; x++)
    {
      guint near, far;

      count_in_column (pixels, &accent, x, y, 2, &near, &far);
      total_near += near;
      total_far += far;
      g_assert_cmpuint (near, >=, 1);
    }

  g_assert_cmpuint (total_near, >, fixture->plot.size.width);
  g_assert_cmpuint (total_far, ==, 0);

  /* 30 s of data in a 30 s window spans the plot. */
  trace_extent (fixture, pixels, &first, &last);
  g_assert_cmpint (first, <=, fixture->plot.origin.x + 2);
  g_assert_cmpint (last, >=, fixture->plot.origin.x + fixture->plot.size.width - 3);
}

static void
test_setpoint_line (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;
  GdkRGBA accent;
  double y_target = y_for (fixture, -6000);
  int x = fixture->plot.origin.x + fixture->plot.size.width * 0.4;
  gboolean found = FALSE;

  feed (fixture, 0, 30, -2000, -6000, EBB_PRESSURE_GRAPH_PHASE_NONE);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 30 * G_USEC_PER_SEC);
  pixels = render (fixture);
  lookup (fixture, "accent_color", &accent);

  /* The setpoint is drawn at its own height, in a colour that is neither
   * the background nor the trace. */
  for (int row = y_target - 2; row <= y_target + 2; row++)
    {
      GdkRGBA rgba;

      pixel_rgba (pixels, x, row, &rgba);
      if (!is_background (&rgba) && !color_near (&rgba, &accent))
        found = TRUE;
    }
  g_assert_true (found);

  /* Between the two lines (clear of the grid) is plain background. */
  for (int row = y_for (fixture, -4650) - 3; row <= y_for (fixture, -4650) + 3; row++)
    {
      GdkRGBA rgba;

      pixel_rgba (pixels, x, row, &rgba);
      g_assert_true (is_background (&rgba));
    }
}

static void
test_phase_shading (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;
  GdkRGBA release_px, vacuum_px;
  int x_vacuum = fixture->plot.origin.x + fixture->plot.size.width / 4;
  int x_release = fixture->plot.origin.x + fixture->plot.size.width * 3 / 4;
  int row = y_for (fixture, -7500);

  feed (fixture, 0, 15, -1000, -1000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  feed (fixture, 15, 30, -1000, -1000, EBB_PRESSURE_GRAPH_PHASE_RELEASE);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 30 * G_USEC_PER_SEC);
  pixels = render (fixture);

  pixel_rgba (pixels, x_vacuum, row, &vacuum_px);
  pixel_rgba (pixels, x_release, row, &release_px);
  g_assert_true (is_background (&release_px));
  g_assert_false (is_background (&vacuum_px));
}

static void
test_degenerate_range (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;

  feed (fixture, 0, 30, -4000, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 30 * G_USEC_PER_SEC);
  ebb_pressure_graph_set_range (fixture->graph, -5000, -5000);
  pixels = render (fixture);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      g_assert_cmpuint (pixels->data[y * pixels->stride + x * 4 + 3], ==, 0);

  /* An inverted range is just as degenerate. */
  ebb_pressure_graph_set_range (fixture->graph, 0, -8000);
  g_clear_pointer (&pixels, pixels_free);
  pixels = render (fixture);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      g_assert_cmpuint (pixels->data[y * pixels->stride + x * 4 + 3], ==, 0);
}

static void
test_window_extent (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Pixels) narrow = NULL;
  g_autoptr(Pixels) wide = NULL;
  int first_30, last_30, first_120, last_120;
  double plot_w = fixture->plot.size.width;

  feed (fixture, 0, 30, -3000, -3000, EBB_PRESSURE_GRAPH_PHASE_NONE);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 30 * G_USEC_PER_SEC);

  narrow = render (fixture);
  trace_extent (fixture, narrow, &first_30, &last_30);

  ebb_pressure_graph_set_window_seconds (fixture->graph, 120);
  wide = render (fixture);
  trace_extent (fixture, wide, &first_120, &last_120);

  /* The same 30 s fill the 30 s window and a quarter of the 2 min one. */
  g_assert_cmpfloat (last_30 - first_30, >, plot_w * 0.95);
  g_assert_cmpfloat (fabs ((last_120 - first_120) - plot_w / 4), <, 4);
  g_assert_cmpint (last_120, >=, fixture->plot.origin.x + plot_w - 3);
}

static void
test_stalled_stream (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Pixels) pixels = NULL;
  g_autofree char *before = NULL;
  int first, last;
  double plot_w = fixture->plot.size.width;

  feed (fixture, 0, 20, -4000, -4000, EBB_PRESSURE_GRAPH_PHASE_NONE);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 20 * G_USEC_PER_SEC);
  before = g_strdup (_ebb_pressure_graph_get_description (fixture->graph));

  /* Ten seconds pass without a sample: the trace stops a third of the way
   * before "now". */
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 30 * G_USEC_PER_SEC);
  pixels = render (fixture);
  trace_extent (fixture, pixels, &first, &last);

  g_assert_cmpfloat (fabs ((last - fixture->plot.origin.x) - plot_w * 2 / 3), <, 4);
  g_assert_cmpstr (_ebb_pressure_graph_get_description (fixture->graph), !=, before);
  g_assert_nonnull (strstr (_ebb_pressure_graph_get_description (fixture->graph), "no new data"));
}

static void
test_description_trend (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (EbbPressureGraphSample));

  /* A ramp from 0 to −4000 Pa over 2 s is falling. */
  for (int i = 0; i < 2 * RATE_HZ; i++)
    {
      EbbPressureGraphSample sample = {
        T0_US + i * (G_USEC_PER_SEC / RATE_HZ), -10 * i, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM
      };

      g_array_append_val (batch, sample);
    }
  ebb_pressure_graph_append (fixture->graph, (EbbPressureGraphSample *) batch->data, batch->len);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 2 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (_ebb_pressure_graph_get_description (fixture->graph), "falling"));
  g_assert_nonnull (strstr (_ebb_pressure_graph_get_description (fixture->graph), "mmHg"));

  /* A constant pressure is steady (a second later, the description's rate). */
  feed (fixture, 2, 4, -3990, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 4 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (_ebb_pressure_graph_get_description (fixture->graph), "steady"));

  /* A single noise spike of 110 Pa (more than the 80 Pa threshold of this
   * scale) is still steady: the trend compares means, not samples. */
  feed (fixture, 4, 5, -3990, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  feed (fixture, 5, 5.004, -4100, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 5 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (_ebb_pressure_graph_get_description (fixture->graph), "steady"));
}

/* A live graph asks for a frame only when a drawn pixel changes: when the
 * view moves by a column, and for a newest column that only grew, no
 * sooner than 250 ms after the last frame. */
static void
test_redraw_beat (Fixture       *fixture,
                  gconstpointer  data)
{
  EbbPressureGraphSample sample = { 0, -4000, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM };
  double us_per_px;
  gint64 start;

  /* A 60-minute window: a column spans seconds, so the steps below stay
   * in one column until the last. */
  ebb_pressure_graph_set_window_seconds (fixture->graph, 3600);
  us_per_px = 3600.0 * G_USEC_PER_SEC / fixture->plot.size.width;
  start = (gint64) ceil ((floor (T0_US / us_per_px) + 1) * us_per_px) + 1000;
  _ebb_pressure_graph_set_now (fixture->graph, start);
  pixels_free (render (fixture));
  g_assert_false (ebb_pressure_graph_refresh (fixture->graph));

  sample.t_us = start;
  ebb_pressure_graph_append (fixture->graph, &sample, 1);
  _ebb_pressure_graph_set_now (fixture->graph, start + 100 * 1000);
  g_assert_false (ebb_pressure_graph_refresh (fixture->graph));
  _ebb_pressure_graph_set_now (fixture->graph, start + 300 * 1000);
  g_assert_true (ebb_pressure_graph_refresh (fixture->graph));

  /* Drawn: nothing is pending until the view moves by a column. */
  pixels_free (render (fixture));
  g_assert_false (ebb_pressure_graph_refresh (fixture->graph));
  _ebb_pressure_graph_set_now (fixture->graph, start + (gint64) us_per_px);
  g_assert_true (ebb_pressure_graph_refresh (fixture->graph));
}

/* A 10-minute session at -1000 Pa whose last 5 s are a vacuum at -6000 Pa,
 * ended and shown for review. */
static void
review_session (Fixture *fixture)
{
  feed (fixture, 0, 595, -1000, -1000, EBB_PRESSURE_GRAPH_PHASE_NONE);
  feed (fixture, 595, 600, -6000, -6000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  _ebb_pressure_graph_set_now (fixture->graph, T0_US + 600 * G_USEC_PER_SEC);
  ebb_pressure_graph_set_live (fixture->graph, FALSE);
}

static void
test_review_zoom (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(Pixels) whole = NULL;
  int first, last;

  /* A 10-minute session, 30 s window while live; the review shows it all,
   * so a 5 s stretch of data near the end is a sliver, not the plot. */
  review_session (fixture);
  whole = render (fixture);
  trace_extent (fixture, whole, &first, &last);
  g_assert_cmpint (first, <=, fixture->plot.origin.x + 2);
  g_assert_cmpint (last, >=, fixture->plot.origin.x + fixture->plot.size.width - 3);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fixture->graph)));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_assert_not_reached ();
}

/* Columns whose trace pixels lie near the row of @pa. */
static guint
columns_near (Fixture      *fixture,
              const Pixels *pixels,
              gint32        pa)
{
  GdkRGBA accent;
  guint n = 0;

  lookup (fixture, "accent_color", &accent);
  for (int x = fixture->plot.origin.x; x < fixture->plot.origin.x + fixture->plot.size.width; x++)
    {
      guint near, far;

      count_in_column (pixels, &accent, x, y_for (fixture, pa), 2, &near, &far);
      n += near > 0;
    }

  return n;
}

static void
test_review_scrub (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Pixels) whole = NULL;
  g_autoptr(Pixels) zoomed = NULL;
  g_autoptr(Pixels) hovered = NULL;
  g_autoptr(Pixels) panned = NULL;
  GtkWidget *widget = GTK_WIDGET (fixture->graph);
  GtkEventController *motion = find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  GtkEventController *scroll = find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  GtkEventController *drag = find_controller (widget, GTK_TYPE_GESTURE_DRAG);
  double right = fixture->plot.origin.x + fixture->plot.size.width - 1;
  double middle = fixture->plot.origin.x + fixture->plot.size.width / 2;
  gboolean handled = FALSE;
  guint n_whole, n_zoomed;
  GdkRGBA rgba;

  review_session (fixture);
  whole = render (fixture);
  n_whole = columns_near (fixture, whole, -6000);

  /* Scrolling over the right end zooms in around it: the last 5 s get
   * wider. */
  g_signal_emit_by_name (motion, "motion", right, 100.0);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -10.0, &handled);
  g_assert_true (handled);
  zoomed = render (fixture);
  n_zoomed = columns_near (fixture, zoomed, -6000);
  g_assert_cmpuint (n_zoomed, >, 5 * MAX (n_whole, 1));

  /* Hovering draws the readout line where the pointer is. */
  g_signal_emit_by_name (motion, "motion", middle, 100.0);
  hovered = render (fixture);
  pixel_rgba (zoomed, middle, y_for (fixture, -3500), &rgba);
  g_assert_true (is_background (&rgba));
  pixel_rgba (hovered, middle, y_for (fixture, -3500), &rgba);
  g_assert_false (is_background (&rgba));

  /* Dragging right by a whole plot width shows the minute before: the
   * vacuum at the end is out of view. */
  g_signal_emit_by_name (motion, "leave");
  g_signal_emit_by_name (drag, "drag-begin", middle, 100.0);
  g_signal_emit_by_name (drag, "drag-update", fixture->plot.size.width, 0.0);
  panned = render (fixture);
  g_assert_cmpuint (columns_near (fixture, panned, -6000), ==, 0);
  g_assert_cmpuint (columns_near (fixture, panned, -1000), >, fixture->plot.size.width * 0.9);
}

/* Whether a pixel of @name's colour lies within 2 rows of @pa, in the
 * middle of the plot, on a scale of @min_pa to @max_pa. */
static gboolean
line_at (Fixture      *fixture,
         const Pixels *pixels,
         const char   *name,
         gint32        pa,
         gint32        min_pa,
         gint32        max_pa)
{
  double y = fixture->plot.origin.y + (double) (max_pa - pa) / (max_pa - min_pa) * fixture->plot.size.height;
  int x = fixture->plot.origin.x + fixture->plot.size.width / 2;
  GdkRGBA color;

  lookup (fixture, name, &color);
  for (int row = y - 2; row <= y + 2; row++)
    {
      GdkRGBA rgba;

      pixel_rgba (pixels, x, row, &rgba);
      if (color_near (&rgba, &color))
        return TRUE;
    }

  return FALSE;
}

static void
test_therapy_scale (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { gint32 level, limit; } cases[] = {
    { -3000, -5000 },   /* the limit deeper than the level */
    { -6500, -5000 },   /* a clinician-approved level beyond the limit */
    { -4000, 0 },       /* no limit */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Pixels) pixels = NULL;
      gint32 deepest = MIN (cases[i].level, cases[i].limit);
      gint32 min_pa, max_pa;

      /* Fixed, reaching just below the deeper line: both are in view. */
      ebb_pressure_graph_set_therapy (fixture->graph, cases[i].level, cases[i].limit);
      ebb_pressure_graph_get_range (fixture->graph, &min_pa, &max_pa);
      g_assert_cmpint (min_pa, <, deepest);
      g_assert_cmpint (min_pa, >=, deepest - MAX (-deepest / 5, 500));
      g_assert_cmpint (max_pa, >=, 0);

      /* The trace does not move the scale. */
      feed (fixture, 0, 30, deepest * 2, deepest, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
      ebb_pressure_graph_get_range (fixture->graph, &min_pa, &max_pa);
      g_assert_cmpint (min_pa, >=, deepest - MAX (-deepest / 5, 500));
      ebb_pressure_graph_clear (fixture->graph);

      pixels = render (fixture);
      g_assert_true (line_at (fixture, pixels, "warning_color", cases[i].level, min_pa, max_pa));
      g_assert_true (line_at (fixture, pixels, "error_color", cases[i].limit, min_pa, max_pa) ==
                     (cases[i].limit != 0));
    }
}

static void
test_review_keyboard (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Pixels) before = NULL;
  g_autoptr(Pixels) after = NULL;
  GtkWidget *widget = GTK_WIDGET (fixture->graph);
  GtkEventController *keys = find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;
  guint n_before, n_after;

  review_session (fixture);
  before = render (fixture);
  n_before = columns_near (fixture, before, -6000);

  /* End puts the readout cursor on the last sample (at 9:59.995) and says
   * what it reads. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_End, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (_ebb_pressure_graph_get_description (fixture->graph), ==, "9:59  −45 mmHg");

  /* + zooms in around the cursor, so the vacuum at the end widens. */
  for (guint i = 0; i < 10; i++)
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_plus, 0, 0, &handled);
  after = render (fixture);
  n_after = columns_near (fixture, after, -6000);
  g_assert_cmpuint (n_after, >, 5 * MAX (n_before, 1));

  /* The arrows scrub: back out of the vacuum into the quiet minutes. */
  for (guint i = 0; i < 200 && strstr (_ebb_pressure_graph_get_description (fixture->graph), "−45") != NULL; i++)
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_cmpstr (_ebb_pressure_graph_get_description (fixture->graph), ==, "9:54  −8 mmHg");

  /* Home goes to the start, bringing it into view. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Home, 0, 0, &handled);
  g_assert_cmpstr (_ebb_pressure_graph_get_description (fixture->graph), ==, "0:00  −8 mmHg");
  pixels_free (g_steal_pointer (&after));
  after = render (fixture);
  g_assert_cmpuint (columns_near (fixture, after, -1000), >, fixture->plot.size.width * 0.9);
}

static void
test_show_recording (Fixture       *fixture,
                     gconstpointer  data)
{
  /* An hour and a bit at 200 Hz, more than the ring holds, with the
   * device clock wrapping past 2^32 ms half way. */
  guint n = EBB_PRESSURE_GRAPH_CAPACITY + 200 * 60;
  g_autofree EbbEcpTelemetry *samples = g_new0 (EbbEcpTelemetry, n);
  g_autoptr(Pixels) pixels = NULL;
  GdkRGBA rgba;
  int first, last;

  for (guint i = 0; i < n; i++)
    {
      samples[i].device_ms = (guint32) (G_MAXUINT32 - n / 2 * 5 + i * 5);
      samples[i].target_pa = i < n / 2 ? -6000 : 0;
      samples[i].pressure_pa = i < n / 2 ? -6000 : -1000;
    }
  ebb_pressure_graph_show_recording (fixture->graph, samples, n);

  /* Thinned to fit, first to last: the whole session is in view, the
   * first half shaded as vacuum. */
  g_assert_false (ebb_pressure_graph_get_live (fixture->graph));
  g_assert_cmpuint (ebb_pressure_graph_get_n_samples (fixture->graph), <=, EBB_PRESSURE_GRAPH_CAPACITY);
  g_assert_cmpuint (ebb_pressure_graph_get_n_samples (fixture->graph), >=, n / 2);
  pixels = render (fixture);
  trace_extent (fixture, pixels, &first, &last);
  g_assert_cmpint (first, <=, fixture->plot.origin.x + 2);
  g_assert_cmpint (last, >=, fixture->plot.origin.x + fixture->plot.size.width - 3);
  g_assert_cmpuint (columns_near (fixture, pixels, -6000), >, fixture->plot.size.width * 0.4);
  g_assert_cmpuint (columns_near (fixture, pixels, -1000), >, fixture->plot.size.width * 0.4);
  pixel_rgba (pixels, fixture->plot.origin.x + fixture->plot.size.width / 4, y_for (fixture, -3000), &rgba);
  g_assert_false (is_background (&rgba));
  pixel_rgba (pixels, fixture->plot.origin.x + fixture->plot.size.width * 3 / 4, y_for (fixture, -3000), &rgba);
  g_assert_true (is_background (&rgba));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/ebb/pressure-graph/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("constant-pressure", test_constant_pressure);
  ADD ("setpoint-line", test_setpoint_line);
  ADD ("phase-shading", test_phase_shading);
  ADD ("degenerate-range", test_degenerate_range);
  ADD ("window-extent", test_window_extent);
  ADD ("stalled-stream", test_stalled_stream);
  ADD ("description-trend", test_description_trend);
  ADD ("redraw-beat", test_redraw_beat);
  ADD ("review-zoom", test_review_zoom);
  ADD ("review-scrub", test_review_scrub);
  ADD ("review-keyboard", test_review_keyboard);
  ADD ("therapy-scale", test_therapy_scale);
  ADD ("show-recording", test_show_recording);

#undef ADD

  return g_test_run ();
}
