/* ebb-pressure-graph.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-pressure-graph"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ebb-pressure-columns.h"
#include "ebb-pressure-graph-private.h"

/* Room around the plot for the tick labels, in pixels. */
#define LABEL_GAP           6
#define TOP_MARGIN          10
#define RIGHT_MARGIN        24
/* Trace and line thickness: legible from across the room. */
#define TRACE_MIN_HEIGHT    2.0
#define LINE_WIDTH          2.0
/* Columns kept beyond the plot width, so samples stamped slightly after the
 * frame time do not push visible columns out of the ring. */
#define COLUMN_MARGIN       64
/* The accessible description changes at most this often. */
#define A11Y_INTERVAL_US    G_USEC_PER_SEC
/* The trend compares the newest sample with the one this long before it. */
#define TREND_SPAN_US       G_USEC_PER_SEC
#define TREND_AVERAGE_US    (G_USEC_PER_SEC / 10)
/* A live graph redraws on a beat of EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS,
 * when the view moved by a column; a newest column that only grew is
 * shown at least this often. */
#define GROWTH_INTERVAL_US  (250 * 1000)
/* A stream silent for this long is reported as stalled. */
#define STALL_US            (2 * G_USEC_PER_SEC)
/* Review zoom: one scroll step, and the narrowest view. */
#define ZOOM_STEP           1.25
#define MIN_REVIEW_SPAN_US  (5 * G_USEC_PER_SEC)

struct _EbbPressureGraph
{
  GtkWidget               parent_instance;

  /* owned */
  GskRenderNode          *static_node;
  PangoLayout            *layout;
  char                   *description;

  /* properties */
  guint                   window_seconds;
  gint32                  min_pa;
  gint32                  max_pa;
  gint32                  level_pa;
  gint32                  limit_pa;
  EbbPressureUnit         unit;
  gboolean                live;

  EbbPressureRing         ring;
  gint64                  t0_us;
  gboolean                has_t0;

  /* geometry, valid while geometry_valid */
  graphene_rect_t         plot;
  int                     plot_width;
  int                     text_height;
  gboolean                geometry_valid;

  /* the column cache, valid while columns_valid */
  EbbPressureColumns      columns;
  gint64                  first_view_col;
  gboolean                columns_valid;

  /* time */
  guint                   beat_id;
  gboolean                external_refresh;
  gint64                  now_us;
  gint64                  now_override_us;
  gint64                  drawn_first_col;
  gint64                  drawn_now_col;
  gint64                  drawn_now_us;
  gboolean                dirty;
  guint                   n_snapshots;

  /* review (live == FALSE) */
  gint64                  review_start_us;
  gint64                  review_span_us;
  gint64                  drag_start_us;
  gint64                  pinch_start_span_us;
  double                  hover_x;
  gboolean                hovering;
  /* the keyboard's readout cursor, shown while it has been moved */
  gint64                  cursor_us;
  gboolean                cursor_shown;

  /* accessibility */
  gint64                  a11y_updated_us;

  /* colours, read in css_changed */
  GdkRGBA                 trace_color;
  GdkRGBA                 setpoint_color;
  GdkRGBA                 vacuum_color;
  GdkRGBA                 level_color;
  GdkRGBA                 limit_color;
  GdkRGBA                 grid_color;
  GdkRGBA                 plot_bg_color;
  GdkRGBA                 label_color;
};

G_DEFINE_FINAL_TYPE (EbbPressureGraph, ebb_pressure_graph, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WINDOW_SECONDS,
  PROP_MIN_PA,
  PROP_MAX_PA,
  PROP_LEVEL_PA,
  PROP_LIMIT_PA,
  PROP_UNIT,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline gint64
column_of (EbbPressureGraph *self,
           gint64            t_us)
{
  return ebb_pressure_columns_index (&self->columns, t_us);
}

static gint64
live_whole_session_span (gint64 elapsed_us)
{
  static const guint ladder_s[] = { 60, 120, 300, 600, 1200, 1800, 3600 };
  gint64 span;

  /* The whole-session view grows in steps, so the scale (and with it the
   * column cache) changes a handful of times per session, not every frame. */
  for (guint i = 0; i < G_N_ELEMENTS (ladder_s); i++)
    {
      span = (gint64) ladder_s[i] * G_USEC_PER_SEC;
      if (elapsed_us < span)
        return span;
    }

  span = (gint64) 3600 * G_USEC_PER_SEC;
  while (span <= elapsed_us)
    span *= 2;

  return span;
}

static void
compute_view (EbbPressureGraph *self,
              gint64           *start_us,
              gint64           *span_us)
{
  if (!self->live)
    {
      *start_us = self->review_start_us;
      *span_us = self->review_span_us;
    }
  else if (self->window_seconds > 0)
    {
      *span_us = (gint64) self->window_seconds * G_USEC_PER_SEC;
      *start_us = self->now_us - *span_us;
    }
  else
    {
      gint64 t0 = self->has_t0 ? self->t0_us : self->now_us;

      *span_us = live_whole_session_span (MAX (self->now_us - t0, 0));
      *start_us = t0;
    }
}

static gboolean
range_is_degenerate (EbbPressureGraph *self)
{
  return self->min_pa >= self->max_pa;
}

static double pa_to_y (EbbPressureGraph *self,
                       gint32            pa);

static inline int
pixel_row (EbbPressureGraph *self,
           gint32            pa)
{
  return (int) floor (pa_to_y (self, pa));
}

static void
invalidate_static (EbbPressureGraph *self)
{
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
}

static void
invalidate_geometry (EbbPressureGraph *self)
{
  self->geometry_valid = FALSE;
  invalidate_static (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_columns (EbbPressureGraph *self)
{
  self->columns_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Adds one sample to the column cache. Returns TRUE when the drawn pixels
 * may change: a new column, or a column whose extremes grew. */
static gboolean
column_add (EbbPressureGraph             *self,
            const EbbPressureGraphSample *sample)
{
  EbbPressureColumn old;
  const EbbPressureColumn *col;

  switch (ebb_pressure_columns_add (&self->columns, sample, &old))
    {
    case EBB_PRESSURE_COLUMNS_UNCHANGED:
      return FALSE;
    case EBB_PRESSURE_COLUMNS_NEW:
      return TRUE;
    case EBB_PRESSURE_COLUMNS_GREW:
    default:
      break;
    }

  col = ebb_pressure_columns_get (&self->columns, column_of (self, sample->t_us));

  /* Noise of a few pascals moves no pixel; only a change on screen is
   * worth a frame. */
  return !self->geometry_valid || range_is_degenerate (self) ||
         old.phases != col->phases ||
         pixel_row (self, old.min_pa) != pixel_row (self, col->min_pa) ||
         pixel_row (self, old.max_pa) != pixel_row (self, col->max_pa) ||
         pixel_row (self, old.target_pa) != pixel_row (self, col->target_pa);
}

/* Recomputes every column from the ring: only when the scale or the
 * reviewed stretch changes, never per frame. */
static void
rebuild_columns (EbbPressureGraph *self,
                 gint64            start_us,
                 gint64            span_us)
{
  double us_per_px = (double) span_us / self->plot_width;

  self->first_view_col = (gint64) floor ((double) start_us / us_per_px);
  ebb_pressure_columns_rebuild (&self->columns, &self->ring,
                                (guint) self->plot_width + COLUMN_MARGIN, us_per_px,
                                self->first_view_col, self->first_view_col + self->plot_width);
  self->columns_valid = TRUE;
}

static void
ensure_layout (EbbPressureGraph *self)
{
  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
}

static void
ensure_geometry (EbbPressureGraph *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  int lo_w, hi_w, sym_w, text_h;
  int left, bottom, plot_width;

  if (self->geometry_valid)
    return;

  ensure_layout (self);

  lo = ebb_units_format_value (self->min_pa, self->unit);
  hi = ebb_units_format_value (self->max_pa, self->unit);
  pango_layout_set_text (self->layout, lo, -1);
  pango_layout_get_pixel_size (self->layout, &lo_w, &text_h);
  pango_layout_set_text (self->layout, hi, -1);
  pango_layout_get_pixel_size (self->layout, &hi_w, NULL);
  pango_layout_set_text (self->layout, ebb_units_symbol (self->unit), -1);
  pango_layout_get_pixel_size (self->layout, &sym_w, NULL);

  left = MAX (MAX (lo_w, hi_w), sym_w) + 2 * LABEL_GAP;
  bottom = text_h + 2 * LABEL_GAP;
  self->text_height = text_h;

  self->plot = GRAPHENE_RECT_INIT (left, TOP_MARGIN + text_h,
                                   MAX (width - left - RIGHT_MARGIN, 0),
                                   MAX (height - bottom - TOP_MARGIN - text_h, 0));
  plot_width = (int) self->plot.size.width;

  if (plot_width != self->plot_width)
    {
      self->plot_width = plot_width;
      self->columns_valid = FALSE;
    }

  self->geometry_valid = TRUE;
}

static double
pa_to_y (EbbPressureGraph *self,
         gint32            pa)
{
  double frac;

  /* Out-of-range pressures sit on the edge rather than vanish. */
  pa = CLAMP (pa, self->min_pa, self->max_pa);
  frac = ((double) self->max_pa - pa) / ((double) self->max_pa - self->min_pa);

  return self->plot.origin.y + frac * self->plot.size.height;
}

static void
append_hline (GtkSnapshot   *snapshot,
              const GdkRGBA *color,
              double         x,
              double         y,
              double         width,
              double         thickness)
{
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (x, floor (y - thickness / 2), width, thickness));
}

static void
append_label (EbbPressureGraph *self,
              GtkSnapshot      *snapshot,
              const char       *text,
              double            x,
              double            y,
              double            xalign,
              const GdkRGBA    *color)
{
  int w, h;

  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (x - xalign * w), floor (y - h / 2.0)));
  gtk_snapshot_append_layout (snapshot, self->layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
nice_step (double raw,
           double smallest)
{
  static const double mantissas[] = { 1, 2, 5 };
  double decade = pow (10, floor (log10 (MAX (raw, smallest))));

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
        {
          double step = mantissas[i] * decade;

          if (step >= raw && step >= smallest)
            return step;
        }
      decade *= 10;
    }
}

/* The static layer: plot background, pressure grid and labels, limit and
 * level lines. Built once per size, range, unit or theme. */
static GskRenderNode *
build_static_node (EbbPressureGraph *self)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  const graphene_rect_t *plot = &self->plot;
  double lo = ebb_units_pa_to (self->min_pa, self->unit);
  double hi = ebb_units_pa_to (self->max_pa, self->unit);
  double smallest = pow (10, -(double) ebb_units_decimals (self->unit));
  double step = nice_step ((hi - lo) / MAX (plot->size.height / 40.0, 2.0), smallest);
  double label_x = plot->origin.x - LABEL_GAP;

  for (double v = ceil (lo / step) * step; v <= hi + step / 1000; v += step)
    {
      g_autofree char *text = NULL;
      gint32 pa;

      if (!ebb_units_to_pa (v, self->unit, &pa))
        continue;
      pa = CLAMP (pa, self->min_pa, self->max_pa);
      append_hline (snapshot, &self->grid_color, plot->origin.x, pa_to_y (self, pa) + 0.5,
                    plot->size.width, 1);
      text = ebb_units_format_value (pa, self->unit);
      append_label (self, snapshot, text, label_x, pa_to_y (self, pa), 1.0, &self->label_color);
    }

  /* The unit sits above the plot, clear of the topmost tick label. */
  append_label (self, snapshot, ebb_units_symbol (self->unit), plot->origin.x + 4,
                (TOP_MARGIN + self->text_height) / 2.0 - 2, 0.0, &self->label_color);

  if (self->level_pa != 0 && self->level_pa >= self->min_pa && self->level_pa <= self->max_pa)
    append_hline (snapshot, &self->level_color, plot->origin.x, pa_to_y (self, self->level_pa),
                  plot->size.width, LINE_WIDTH);
  if (self->limit_pa != 0 && self->limit_pa >= self->min_pa && self->limit_pa <= self->max_pa)
    append_hline (snapshot, &self->limit_color, plot->origin.x, pa_to_y (self, self->limit_pa),
                  plot->size.width, LINE_WIDTH);

  return gtk_snapshot_free_to_node (snapshot);
}

static char *
format_elapsed (gint64 elapsed_us)
{
  gint64 s = elapsed_us / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));

  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

static void
snapshot_time_axis (EbbPressureGraph *self,
                    GtkSnapshot      *snapshot,
                    gint64            start_us,
                    gint64            span_us)
{
  static const guint ladder_s[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200 };
  const graphene_rect_t *plot = &self->plot;
  double label_y = plot->origin.y + plot->size.height + LABEL_GAP + self->text_height / 2.0;
  gint64 step_us = 0;
  gint64 first;

  if (!self->has_t0)
    return;

  /* Labels at least ~90 px apart, so "12:30" never collides. */
  for (guint i = 0; i < G_N_ELEMENTS (ladder_s); i++)
    {
      step_us = (gint64) ladder_s[i] * G_USEC_PER_SEC;
      if (step_us / self->columns.us_per_px >= 90)
        break;
    }

  first = self->t0_us + (MAX (start_us - self->t0_us, 0) + step_us - 1) / step_us * step_us;

  for (gint64 t = first; t <= start_us + span_us; t += step_us)
    {
      double x = plot->origin.x + (column_of (self, t) - self->first_view_col);
      g_autofree char *text = format_elapsed (t - self->t0_us);

      if (x < plot->origin.x || x >= plot->origin.x + plot->size.width)
        continue;

      gtk_snapshot_append_color (snapshot, &self->grid_color,
                                 &GRAPHENE_RECT_INIT (x, plot->origin.y, 1, plot->size.height));
      append_label (self, snapshot, text, x, label_y, 0.5, &self->label_color);
    }
}

/* The column at plot offset @i, or NULL off the plot or where no sample
 * fell. */
static const EbbPressureColumn *
view_column (EbbPressureGraph *self,
             int               i)
{
  if (i < 0 || i >= self->plot_width)
    return NULL;

  return ebb_pressure_columns_get (&self->columns, self->first_view_col + i);
}

/* One rectangle per run of columns wholly in vacuum. */
static void
snapshot_vacuum (EbbPressureGraph *self,
                 GtkSnapshot      *snapshot)
{
  const graphene_rect_t *plot = &self->plot;
  int run_from = -1;

  for (int i = 0; i <= self->plot_width; i++)
    {
      const EbbPressureColumn *col = view_column (self, i);
      /* Only columns wholly in vacuum: in a long window a column spans
       * several phases, and shading them all would shade everything. */
      gboolean vacuum = col != NULL && col->phases == (1u << EBB_PRESSURE_GRAPH_PHASE_VACUUM);

      if (vacuum && run_from < 0)
        run_from = i;
      else if (!vacuum && run_from >= 0)
        {
          gtk_snapshot_append_color (snapshot, &self->vacuum_color,
                                     &GRAPHENE_RECT_INIT (plot->origin.x + run_from, plot->origin.y,
                                                          i - run_from, plot->size.height));
          run_from = -1;
        }
    }
}

/* A column's [top, bottom) in pixels, from it and its left neighbour (NULL
 * at a gap). */
typedef void (*ColumnSpan) (EbbPressureGraph        *self,
                            const EbbPressureColumn *col,
                            const EbbPressureColumn *prev,
                            double                  *top,
                            double                  *bottom);

/* One colour node per run of neighbouring columns covering the same
 * pixels. */
static void
snapshot_runs (EbbPressureGraph *self,
               GtkSnapshot      *snapshot,
               const GdkRGBA    *color,
               ColumnSpan        span)
{
  double x0 = self->plot.origin.x;
  const EbbPressureColumn *prev = NULL;
  int run_from = -1;
  double run_top = 0, run_bottom = 0;

  for (int i = 0; i <= self->plot_width; i++)
    {
      const EbbPressureColumn *col = view_column (self, i);
      double top = 0, bottom = 0;

      if (col != NULL)
        span (self, col, prev, &top, &bottom);
      prev = col;

      if (run_from >= 0 && (col == NULL || top != run_top || bottom != run_bottom))
        {
          gtk_snapshot_append_color (snapshot, color,
                                     &GRAPHENE_RECT_INIT (x0 + run_from, run_top,
                                                          i - run_from, run_bottom - run_top));
          run_from = -1;
        }
      if (col != NULL && run_from < 0)
        {
          run_from = i;
          run_top = top;
          run_bottom = bottom;
        }
    }
}

/* The setpoint is a step line: flat at the column's setpoint, with a
 * vertical riser from the previous column's where it changed. Thin
 * whatever the window, so long windows cost no more than short ones. */
static void
setpoint_span (EbbPressureGraph        *self,
               const EbbPressureColumn *col,
               const EbbPressureColumn *prev,
               double                  *top,
               double                  *bottom)
{
  gint32 hi = col->target_pa, lo = col->target_pa;

  if (prev != NULL)
    {
      hi = MAX (hi, prev->target_pa);
      lo = MIN (lo, prev->target_pa);
    }
  *top = floor (pa_to_y (self, hi) - LINE_WIDTH / 2);
  *bottom = MAX (floor (pa_to_y (self, lo) + LINE_WIDTH / 2), *top + LINE_WIDTH);
}

/* The measured trace: the column's extremes, reaching over to the
 * neighbouring column so a steep ramp stays one connected line instead of
 * a ladder of dots. */
static void
trace_span (EbbPressureGraph        *self,
            const EbbPressureColumn *col,
            const EbbPressureColumn *prev,
            double                  *top,
            double                  *bottom)
{
  gint32 max_pa = col->max_pa;
  gint32 min_pa = col->min_pa;

  if (prev != NULL)
    {
      max_pa = MAX (max_pa, prev->min_pa);
      min_pa = MIN (min_pa, prev->max_pa);
    }
  *top = floor (pa_to_y (self, max_pa) - TRACE_MIN_HEIGHT / 2);
  *bottom = MAX (floor (pa_to_y (self, min_pa) + TRACE_MIN_HEIGHT / 2), *top + TRACE_MIN_HEIGHT);
}

/* Vacuum shading first, then the setpoint, then the measured trace on top:
 * colour nodes only, no cairo, so the cost is a few hundred nodes whatever
 * the number of samples. */
static void
snapshot_columns (EbbPressureGraph *self,
                  GtkSnapshot      *snapshot)
{
  snapshot_vacuum (self, snapshot);
  snapshot_runs (self, snapshot, &self->setpoint_color, setpoint_span);
  snapshot_runs (self, snapshot, &self->trace_color, trace_span);
}

/* The readout for the sample nearest @t_us, such as "12:30  −40 mmHg", or
 * NULL when no sample lies within @tolerance_us of it. */
static char *
readout_text (EbbPressureGraph *self,
              gint64            t_us,
              gint64            tolerance_us)
{
  const EbbPressureGraphSample *sample = ebb_pressure_ring_nearest (&self->ring, t_us);
  g_autofree char *time_text = NULL;
  g_autofree char *pressure = NULL;

  if (sample == NULL || ABS (sample->t_us - t_us) > tolerance_us)
    return NULL;

  time_text = format_elapsed (sample->t_us - self->t0_us);
  pressure = ebb_units_format (sample->pa, self->unit);
  /* Translators: the hover readout of the pressure graph: elapsed time
   * ("12:30") and pressure ("−40 mmHg") */
  return g_strdup_printf (_("%s  %s"), time_text, pressure);
}

static void
snapshot_hover (EbbPressureGraph *self,
                GtkSnapshot      *snapshot)
{
  const graphene_rect_t *plot = &self->plot;
  g_autofree char *text = NULL;
  GdkRGBA box_color = self->plot_bg_color;
  double x;
  gint64 t_us;
  int w, h;
  double bx;

  /* The pointer's readout, or else the keyboard's. */
  if (self->hovering)
    x = floor (self->hover_x);
  else if (self->cursor_shown)
    /* The session's last sample lies on the view's right edge. */
    x = MIN (plot->origin.x + floor ((double) self->cursor_us / self->columns.us_per_px) - self->first_view_col,
             plot->origin.x + plot->size.width - 1);
  else
    return;

  if (x < plot->origin.x || x >= plot->origin.x + plot->size.width)
    return;

  t_us = (gint64) ((self->first_view_col + (x - plot->origin.x) + 0.5) * self->columns.us_per_px);
  text = readout_text (self, t_us, MAX (self->columns.us_per_px, G_USEC_PER_SEC));
  if (text == NULL)
    return;

  gtk_snapshot_append_color (snapshot, &self->label_color,
                             &GRAPHENE_RECT_INIT (x, plot->origin.y, 1, plot->size.height));

  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);
  bx = x + 8 + w + 8 <= plot->origin.x + plot->size.width ? x + 8 : x - 8 - w - 8;
  box_color.alpha = 0.9;
  gtk_snapshot_append_color (snapshot, &box_color,
                             &GRAPHENE_RECT_INIT (bx, plot->origin.y + 4, w + 8, h + 4));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bx + 4, plot->origin.y + 6));
  gtk_snapshot_append_layout (snapshot, self->layout, &self->label_color);
  gtk_snapshot_restore (snapshot);
}

static void
ebb_pressure_graph_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  EbbPressureGraph *self = EBB_PRESSURE_GRAPH (widget);
  gint64 start_us, span_us;

  self->n_snapshots++;

  if (range_is_degenerate (self))
    return;

  ensure_geometry (self);
  if (self->plot.size.width < 2 || self->plot.size.height < 2)
    return;

  compute_view (self, &start_us, &span_us);
  if (span_us <= 0)
    return;

  if (!self->columns_valid || (double) span_us / self->plot_width != self->columns.us_per_px)
    rebuild_columns (self, start_us, span_us);
  self->first_view_col = column_of (self, start_us);
  self->drawn_first_col = self->first_view_col;
  self->drawn_now_col = column_of (self, self->now_us);
  self->drawn_now_us = self->now_us;
  self->dirty = FALSE;

  if (self->static_node == NULL)
    self->static_node = build_static_node (self);
  gtk_snapshot_append_node (snapshot, self->static_node);

  snapshot_time_axis (self, snapshot, start_us, span_us);

  gtk_snapshot_push_clip (snapshot, &self->plot);
  snapshot_columns (self, snapshot);
  if (!self->live)
    snapshot_hover (self, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
update_description (EbbPressureGraph *self)
{
  const EbbPressureGraphSample *last;
  g_autofree char *pressure = NULL;
  g_autofree char *text = NULL;
  double threshold;
  double delta;

  last = ebb_pressure_ring_newest (&self->ring);
  if (last == NULL)
    {
      text = g_strdup (_("No pressure data yet"));
    }
  else
    {
      pressure = ebb_units_format (last->pa, self->unit);
      /* Means over a tenth of a second, a second apart, so the pump's
       * ripple and sensor noise do not read as a trend. */
      delta = ebb_pressure_ring_mean (&self->ring, last->t_us - TREND_AVERAGE_US, last->t_us) -
              ebb_pressure_ring_mean (&self->ring, last->t_us - TREND_SPAN_US - TREND_AVERAGE_US, last->t_us - TREND_SPAN_US);
      /* Noise of a few pascals is "steady": the threshold is 1 % of the
       * scale, at least 20 Pa, per second. */
      threshold = MAX (20.0, (double) (self->max_pa - (gint64) self->min_pa) / 100.0);

      if (self->live && self->now_us - last->t_us > STALL_US)
        /* Translators: accessible description of the pressure graph when the
         * data stream stopped; %s is a pressure such as "−40 mmHg" */
        text = g_strdup_printf (_("Pressure %s, no new data"), pressure);
      else if (delta < -threshold)
        /* Translators: accessible description of the pressure graph */
        text = g_strdup_printf (_("Pressure %s, falling"), pressure);
      else if (delta > threshold)
        /* Translators: accessible description of the pressure graph */
        text = g_strdup_printf (_("Pressure %s, rising"), pressure);
      else
        /* Translators: accessible description of the pressure graph */
        text = g_strdup_printf (_("Pressure %s, steady"), pressure);
    }

  if (g_strcmp0 (text, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* Moves "now" and asks for a frame only when a pixel would change: the
 * first visible column (the trace scrolls), the column under "now", or
 * the newest column grew (at most every GROWTH_INTERVAL_US). Returns
 * whether it asked. */
static gboolean
advance_now (EbbPressureGraph *self,
             gint64            now_us)
{
  gint64 start_us, span_us;

  self->now_us = now_us;

  if (!self->live)
    return FALSE;

  if (now_us - self->a11y_updated_us >= A11Y_INTERVAL_US)
    {
      self->a11y_updated_us = now_us;
      update_description (self);
    }

  if (!self->geometry_valid || !self->columns_valid || self->plot_width <= 0)
    return FALSE;

  compute_view (self, &start_us, &span_us);
  if ((double) span_us / self->plot_width != self->columns.us_per_px)
    {
      invalidate_columns (self);
      return TRUE;
    }

  if (column_of (self, start_us) != self->drawn_first_col ||
      column_of (self, now_us) != self->drawn_now_col ||
      (self->dirty && now_us - self->drawn_now_us >= GROWTH_INTERVAL_US))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }

  return FALSE;
}

static gboolean
beat_cb (gpointer data)
{
  ebb_pressure_graph_refresh (data);

  return G_SOURCE_CONTINUE;
}

/* A live graph keeps its own beat while on screen, unless its owner drives
 * it (ebb_pressure_graph_set_external_refresh()). A timer, not a tick
 * callback: a tick callback keeps the frame clock running at the display
 * rate, and a frame that changes anything costs a whole-window repaint
 * with the GL renderer on a software rasteriser. */
static void
update_beat (EbbPressureGraph *self)
{
  gboolean want = self->live && !self->external_refresh && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->beat_id == 0)
    self->beat_id = g_timeout_add (EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS, beat_cb, self);
  else if (!want)
    g_clear_handle_id (&self->beat_id, g_source_remove);
}

static gint64
session_end_us (EbbPressureGraph *self)
{
  const EbbPressureGraphSample *last = ebb_pressure_ring_newest (&self->ring);

  return last != NULL ? last->t_us : self->now_us;
}

static void
set_review_view (EbbPressureGraph *self,
                 gint64            start_us,
                 gint64            span_us)
{
  gint64 t0 = self->has_t0 ? self->t0_us : self->now_us;
  gint64 whole = MAX (session_end_us (self) - t0, MIN_REVIEW_SPAN_US);

  span_us = CLAMP (span_us, MIN_REVIEW_SPAN_US, whole);
  start_us = CLAMP (start_us, t0, t0 + whole - span_us);

  if (start_us == self->review_start_us && span_us == self->review_span_us)
    return;

  self->review_start_us = start_us;
  self->review_span_us = span_us;
  invalidate_columns (self);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           EbbPressureGraph         *self)
{
  self->hover_x = x;
  self->hovering = TRUE;
  if (!self->live)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          EbbPressureGraph         *self)
{
  self->hovering = FALSE;
  if (!self->live)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows @span_us, keeping the time under @anchor_x where it is. */
static void
zoom_to (EbbPressureGraph *self,
         gint64            span_us,
         double            anchor_x)
{
  double frac;
  gint64 anchor_us;

  if (!self->geometry_valid || self->plot_width <= 0)
    return;

  frac = CLAMP ((anchor_x - self->plot.origin.x) / self->plot_width, 0.0, 1.0);
  anchor_us = self->review_start_us + (gint64) (frac * self->review_span_us);
  set_review_view (self, anchor_us - (gint64) (frac * span_us), span_us);
}

static void
zoom (EbbPressureGraph *self,
      double            factor,
      double            anchor_x)
{
  zoom_to (self, (gint64) (self->review_span_us * factor), anchor_x);
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                EbbPressureGraph *self)
{
  if (self->live)
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->pinch_start_span_us = self->review_span_us;
}

static void
pinch_scale_changed_cb (GtkGestureZoom   *gesture,
                        double            scale,
                        EbbPressureGraph *self)
{
  double x, y;

  if (self->live || scale <= 0)
    return;

  /* Spreading the fingers (scale > 1) shows less time, wider. */
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->plot.origin.x + self->plot_width / 2.0;
  zoom_to (self, (gint64) (self->pinch_start_span_us / scale), x);
}

/* Moves the keyboard's readout cursor to @t_us, bringing it into view, and
 * tells assistive technology what it reads. */
static void
move_cursor (EbbPressureGraph *self,
             gint64            t_us)
{
  gint64 t0 = self->has_t0 ? self->t0_us : self->now_us;
  g_autofree char *text = NULL;

  self->cursor_us = CLAMP (t_us, t0, session_end_us (self));
  self->cursor_shown = TRUE;
  if (self->cursor_us < self->review_start_us)
    set_review_view (self, self->cursor_us, self->review_span_us);
  else if (self->cursor_us >= self->review_start_us + self->review_span_us)
    set_review_view (self, self->cursor_us - self->review_span_us + self->review_span_us / 100,
                     self->review_span_us);

  text = readout_text (self, self->cursor_us, G_MAXINT64 / 2);
  if (text != NULL && g_strcmp0 (text, self->description) != 0)
    {
      g_free (self->description);
      self->description = g_steal_pointer (&text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                      -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                EbbPressureGraph        *self)
{
  if (!self->cursor_shown)
    return;

  self->cursor_shown = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           EbbPressureGraph         *self)
{
  if (self->live || dy == 0)
    return FALSE;

  zoom (self, pow (ZOOM_STEP, dy), self->hovering ? self->hover_x : self->plot.origin.x + self->plot_width / 2.0);

  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               EbbPressureGraph *self)
{
  if (self->live)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_start_us = self->review_start_us;
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                EbbPressureGraph *self)
{
  if (self->live || self->plot_width <= 0)
    return;

  set_review_view (self,
                   self->drag_start_us - (gint64) (offset_x * self->review_span_us / self->plot_width),
                   self->review_span_us);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EbbPressureGraph      *self)
{
  double centre = self->plot.origin.x + self->plot_width / 2.0;
  /* The arrows scrub the readout cursor by a hundredth of the view (with
   * Shift, or Page Up/Down, the view pans by a tenth); it starts in the
   * middle of the view. */
  gint64 step = MAX (self->review_span_us / 100, 1);
  gint64 from = self->cursor_shown ? self->cursor_us : self->review_start_us + self->review_span_us / 2;

  if (self->live)
    return FALSE;

  if (self->cursor_shown && self->geometry_valid && self->plot_width > 0)
    centre = self->plot.origin.x + (double) (self->cursor_us - self->review_start_us) * self->plot_width
                                   / self->review_span_us;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (state & GDK_SHIFT_MASK)
        set_review_view (self, self->review_start_us - self->review_span_us / 10, self->review_span_us);
      else
        move_cursor (self, from - step);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (state & GDK_SHIFT_MASK)
        set_review_view (self, self->review_start_us + self->review_span_us / 10, self->review_span_us);
      else
        move_cursor (self, from + step);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      set_review_view (self, self->review_start_us - self->review_span_us / 10, self->review_span_us);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      set_review_view (self, self->review_start_us + self->review_span_us / 10, self->review_span_us);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      zoom (self, 1 / ZOOM_STEP, centre);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      zoom (self, ZOOM_STEP, centre);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_cursor (self, G_MININT64 / 2);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_cursor (self, G_MAXINT64 / 2);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              double           alpha,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
  color->alpha *= alpha;
}

static void
ebb_pressure_graph_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  EbbPressureGraph *self = EBB_PRESSURE_GRAPH (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  GTK_WIDGET_CLASS (ebb_pressure_graph_parent_class)->css_changed (widget, change);

  /* gtk_style_context_lookup_color is the 4.8 way to read libadwaita's
   * named colours; they follow dark mode and high contrast. */
  lookup_color (context, "accent_color", 1.0, &self->trace_color);
  lookup_color (context, "view_fg_color", 0.55, &self->setpoint_color);
  lookup_color (context, "accent_bg_color", 0.14, &self->vacuum_color);
  lookup_color (context, "warning_color", 1.0, &self->level_color);
  lookup_color (context, "error_color", 1.0, &self->limit_color);
  lookup_color (context, "view_fg_color", 0.12, &self->grid_color);
  lookup_color (context, "view_bg_color", 1.0, &self->plot_bg_color);
  gtk_style_context_get_color (context, &self->label_color);

  g_clear_object (&self->layout);
  invalidate_geometry (self);
}

static void
ebb_pressure_graph_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  invalidate_geometry (EBB_PRESSURE_GRAPH (widget));
}

static void
ebb_pressure_graph_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* Narrow enough that the lock panel fits beside a live session on a
   * 1024 px screen; the plot gets what the window has. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 600;
    }
  else
    {
      *minimum = 120;
      *natural = 300;
    }
}

static void
ebb_pressure_graph_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ebb_pressure_graph_parent_class)->map (widget);
  update_beat (EBB_PRESSURE_GRAPH (widget));
}

static void
ebb_pressure_graph_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ebb_pressure_graph_parent_class)->unmap (widget);
  update_beat (EBB_PRESSURE_GRAPH (widget));
}

static void
ebb_pressure_graph_dispose (GObject *object)
{
  EbbPressureGraph *self = EBB_PRESSURE_GRAPH (object);

  g_clear_handle_id (&self->beat_id, g_source_remove);
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (ebb_pressure_graph_parent_class)->dispose (object);
}

static void
ebb_pressure_graph_finalize (GObject *object)
{
  EbbPressureGraph *self = EBB_PRESSURE_GRAPH (object);

  ebb_pressure_ring_free (&self->ring);
  ebb_pressure_columns_free (&self->columns);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ebb_pressure_graph_parent_class)->finalize (object);
}

static void
ebb_pressure_graph_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EbbPressureGraph *self = EBB_PRESSURE_GRAPH (object);

  switch (prop_id)
    {
    case PROP_WINDOW_SECONDS:
      g_value_set_uint (value, self->window_seconds);
      break;
    case PROP_MIN_PA:
      g_value_set_int (value, self->min_pa);
      break;
    case PROP_MAX_PA:
      g_value_set_int (value, self->max_pa);
      break;
    case PROP_LEVEL_PA:
      g_value_set_int (value, self->level_pa);
      break;
    case PROP_LIMIT_PA:
      g_value_set_int (value, self->limit_pa);
      break;
    case PROP_UNIT:
      g_value_set_uint (value, self->unit);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_pressure_graph_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EbbPressureGraph *self = EBB_PRESSURE_GRAPH (object);

  switch (prop_id)
    {
    case PROP_WINDOW_SECONDS:
      ebb_pressure_graph_set_window_seconds (self, g_value_get_uint (value));
      break;
    case PROP_MIN_PA:
      ebb_pressure_graph_set_range (self, g_value_get_int (value), self->max_pa);
      break;
    case PROP_MAX_PA:
      ebb_pressure_graph_set_range (self, self->min_pa, g_value_get_int (value));
      break;
    case PROP_LEVEL_PA:
      ebb_pressure_graph_set_level_pa (self, g_value_get_int (value));
      break;
    case PROP_LIMIT_PA:
      ebb_pressure_graph_set_limit_pa (self, g_value_get_int (value));
      break;
    case PROP_UNIT:
      ebb_pressure_graph_set_unit (self, g_value_get_uint (value));
      break;
    case PROP_LIVE:
      ebb_pressure_graph_set_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_pressure_graph_class_init (EbbPressureGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_pressure_graph_dispose;
  object_class->finalize = ebb_pressure_graph_finalize;
  object_class->get_property = ebb_pressure_graph_get_property;
  object_class->set_property = ebb_pressure_graph_set_property;

  widget_class->snapshot = ebb_pressure_graph_snapshot;
  widget_class->measure = ebb_pressure_graph_measure;
  widget_class->size_allocate = ebb_pressure_graph_size_allocate;
  widget_class->css_changed = ebb_pressure_graph_css_changed;
  widget_class->map = ebb_pressure_graph_map;
  widget_class->unmap = ebb_pressure_graph_unmap;

  /**
   * EbbPressureGraph:window-seconds:
   *
   * The visible time span while live; 0 shows the whole session.
   */
  properties[PROP_WINDOW_SECONDS] =
    g_param_spec_uint ("window-seconds", NULL, NULL,
                       0, 24 * 3600, 120,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbPressureGraph:min-pa:
   *
   * The bottom of the fixed pressure scale in pascals (below the profile's
   * level). The scale never follows the data.
   */
  properties[PROP_MIN_PA] =
    g_param_spec_int ("min-pa", NULL, NULL,
                      G_MININT32, G_MAXINT32, -8000,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbPressureGraph:max-pa:
   *
   * The top of the fixed pressure scale in pascals (usually 0).
   */
  properties[PROP_MAX_PA] =
    g_param_spec_int ("max-pa", NULL, NULL,
                      G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbPressureGraph:level-pa:
   *
   * The profile's vacuum level, drawn as a line; 0 draws none.
   */
  properties[PROP_LEVEL_PA] =
    g_param_spec_int ("level-pa", NULL, NULL,
                      G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbPressureGraph:limit-pa:
   *
   * The clinic's vacuum limit, drawn as a line; 0 draws none.
   */
  properties[PROP_LIMIT_PA] =
    g_param_spec_int ("limit-pa", NULL, NULL,
                      G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbPressureGraph:unit:
   *
   * The #EbbPressureUnit of the pressure tick labels and the readouts.
   */
  properties[PROP_UNIT] =
    g_param_spec_uint ("unit", NULL, NULL,
                       EBB_PRESSURE_UNIT_MMHG, EBB_PRESSURE_UNIT_KPA, EBB_PRESSURE_UNIT_MMHG,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbPressureGraph:live:
   *
   * Whether the graph follows "now". When %FALSE (after a session) the
   * whole session can be zoomed and scrubbed, with a hover readout.
   */
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pressuregraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ebb_pressure_graph_init (EbbPressureGraph *self)
{
  GtkEventController *controller;
  GtkGesture *drag;
  GtkGesture *pinch;

  self->window_seconds = 120;
  self->min_pa = -8000;
  self->max_pa = 0;
  self->unit = EBB_PRESSURE_UNIT_MMHG;
  self->live = TRUE;
  self->now_override_us = -1;
  self->now_us = g_get_monotonic_time ();
  self->a11y_updated_us = G_MININT64 / 2;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pressure graph"),
                                  -1);
  update_description (self);
}

/**
 * ebb_pressure_graph_new:
 *
 * Returns: (transfer floating): a new live pressure graph
 */
GtkWidget *
ebb_pressure_graph_new (void)
{
  return g_object_new (EBB_TYPE_PRESSURE_GRAPH, NULL);
}

guint
ebb_pressure_graph_get_window_seconds (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), 0);

  return self->window_seconds;
}

/**
 * ebb_pressure_graph_set_window_seconds:
 * @self: a graph
 * @seconds: the visible span while live, such as 30, 120 or 600; 0 for the
 *   whole session
 */
void
ebb_pressure_graph_set_window_seconds (EbbPressureGraph *self,
                                       guint             seconds)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  if (self->window_seconds == seconds)
    return;

  self->window_seconds = seconds;
  invalidate_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_SECONDS]);
}

void
ebb_pressure_graph_get_range (EbbPressureGraph *self,
                              gint32           *min_pa,
                              gint32           *max_pa)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  if (min_pa != NULL)
    *min_pa = self->min_pa;
  if (max_pa != NULL)
    *max_pa = self->max_pa;
}

/**
 * ebb_pressure_graph_set_range:
 * @self: a graph
 * @min_pa: the bottom of the scale, such as a little below the profile's level
 * @max_pa: the top of the scale, usually 0
 *
 * Sets the fixed pressure scale. A range with @min_pa >= @max_pa draws
 * nothing.
 */
void
ebb_pressure_graph_set_range (EbbPressureGraph *self,
                              gint32            min_pa,
                              gint32            max_pa)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->min_pa != min_pa)
    {
      self->min_pa = min_pa;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_PA]);
      invalidate_geometry (self);
    }
  if (self->max_pa != max_pa)
    {
      self->max_pa = max_pa;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PA]);
      invalidate_geometry (self);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ebb_pressure_graph_set_therapy:
 * @self: a graph
 * @level_pa: the profile's level (negative gauge pressure)
 * @limit_pa: the clinic's limit, or 0 for none
 *
 * Shows the level and the limit as lines on a fixed scale from a little
 * above atmosphere to a little below the deeper of the two, so both lines
 * are always in view and the trace never makes the scale jump.
 */
void
ebb_pressure_graph_set_therapy (EbbPressureGraph *self,
                                gint32            level_pa,
                                gint32            limit_pa)
{
  gint32 deepest;

  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  deepest = MIN (MIN (level_pa, limit_pa), 0);
  /* A tenth of the depth (at least 300 Pa) of room below the deeper line,
   * for an overshoot to show. */
  ebb_pressure_graph_set_range (self, deepest - MAX (-deepest / 10, 300), 200);
  ebb_pressure_graph_set_level_pa (self, level_pa);
  ebb_pressure_graph_set_limit_pa (self, limit_pa);
}

gint32
ebb_pressure_graph_get_level_pa (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), 0);

  return self->level_pa;
}

void
ebb_pressure_graph_set_level_pa (EbbPressureGraph *self,
                                 gint32            level_pa)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  if (self->level_pa == level_pa)
    return;

  self->level_pa = level_pa;
  invalidate_static (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_PA]);
}

gint32
ebb_pressure_graph_get_limit_pa (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), 0);

  return self->limit_pa;
}

void
ebb_pressure_graph_set_limit_pa (EbbPressureGraph *self,
                                 gint32            limit_pa)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  if (self->limit_pa == limit_pa)
    return;

  self->limit_pa = limit_pa;
  invalidate_static (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT_PA]);
}

EbbPressureUnit
ebb_pressure_graph_get_unit (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), EBB_PRESSURE_UNIT_MMHG);

  return self->unit;
}

void
ebb_pressure_graph_set_unit (EbbPressureGraph *self,
                             EbbPressureUnit   unit)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));
  g_return_if_fail (unit <= EBB_PRESSURE_UNIT_KPA);

  if (self->unit == unit)
    return;

  self->unit = unit;
  invalidate_geometry (self);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

gboolean
ebb_pressure_graph_get_live (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), FALSE);

  return self->live;
}

/**
 * ebb_pressure_graph_set_live:
 * @self: a graph
 * @live: %TRUE while a session runs
 *
 * Leaving live mode shows the whole session, which can then be zoomed
 * (scroll, pinch, +/−), panned (drag, Shift+arrows, Page Up/Down) and read
 * out by hovering or with a cursor the arrow keys move.
 */
void
ebb_pressure_graph_set_live (EbbPressureGraph *self,
                             gboolean          live)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  live = !!live;
  if (self->live == live)
    return;

  self->live = live;
  gtk_widget_set_focusable (GTK_WIDGET (self), !live);
  if (!live)
    {
      /* Start the review with the whole session in view. */
      self->cursor_shown = FALSE;
      self->review_span_us = 0;
      set_review_view (self, G_MININT64 / 4, G_MAXINT64 / 4);
    }
  update_beat (self);
  update_description (self);
  invalidate_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

guint
ebb_pressure_graph_get_n_samples (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), 0);

  return self->ring.len;
}

/**
 * ebb_pressure_graph_append:
 * @self: a graph
 * @samples: (array length=n_samples): samples in time order
 * @n_samples: the number of samples
 *
 * Adds a batch of samples. The per-column extremes are updated in place, and
 * a redraw is queued only when a drawn pixel may change; GTK merges redraws
 * into at most one per frame.
 */
void
ebb_pressure_graph_append (EbbPressureGraph             *self,
                           const EbbPressureGraphSample *samples,
                           guint                         n_samples)
{
  gboolean changed = FALSE;

  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  for (guint i = 0; i < n_samples; i++)
    {
      const EbbPressureGraphSample *newest = ebb_pressure_ring_newest (&self->ring);

      if (newest != NULL && samples[i].t_us < newest->t_us)
        {
          g_debug ("Dropping a sample older than the newest one");
          continue;
        }

      if (!self->has_t0)
        {
          self->t0_us = samples[i].t_us;
          self->has_t0 = TRUE;
        }

      ebb_pressure_ring_push (&self->ring, &samples[i]);

      if (self->live && self->columns_valid)
        changed |= column_add (self, &samples[i]);
      else
        changed = TRUE;
    }

  if (!self->live)
    self->columns_valid = FALSE;

  /* Live and cached, a change waits for the next beat, which shows it
   * together with the scroll and whatever else changed on the page. */
  if (self->live && self->columns_valid)
    self->dirty |= changed;
  else if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ebb_pressure_graph_refresh:
 * @self: a graph
 *
 * Brings a live graph up to the current time and queues a redraw if a
 * drawn pixel changed since the last frame: the view moved by a column, or
 * the newest column grew (shown at least every 250 ms). A live graph on
 * screen does this by itself every %EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS
 * unless ebb_pressure_graph_set_external_refresh() hands it to the owner,
 * who can then change its other widgets in the same frame.
 *
 * Returns: %TRUE if a redraw was queued
 */
gboolean
ebb_pressure_graph_refresh (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), FALSE);

  return advance_now (self, self->now_override_us >= 0 ? self->now_override_us : g_get_monotonic_time ());
}

/**
 * ebb_pressure_graph_set_external_refresh:
 * @self: a graph
 * @external: %TRUE if the owner calls ebb_pressure_graph_refresh()
 *
 * With @external, the graph keeps no beat of its own: the owner calls
 * ebb_pressure_graph_refresh() every %EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS
 * from the same timer that updates its readouts, so that one frame shows
 * both.
 */
void
ebb_pressure_graph_set_external_refresh (EbbPressureGraph *self,
                                         gboolean          external)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  self->external_refresh = !!external;
  update_beat (self);
}

/**
 * ebb_pressure_graph_clear:
 * @self: a graph
 *
 * Forgets every sample, for the next session.
 */
void
ebb_pressure_graph_clear (EbbPressureGraph *self)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  ebb_pressure_ring_clear (&self->ring);
  self->has_t0 = FALSE;
  self->cursor_shown = FALSE;
  invalidate_columns (self);
  update_description (self);
}

/**
 * ebb_pressure_graph_show_recording:
 * @self: a graph
 * @samples: (array length=n_samples): a session's samples as recorded, in order
 * @n_samples: the number of samples
 *
 * Replaces the graph's samples with a recorded session and leaves it in
 * review: the whole session in view, to zoom and scrub. The device clock
 * spaces the samples; a setpoint below atmosphere marks a vacuum phase,
 * as in the printed report.
 */
void
ebb_pressure_graph_show_recording (EbbPressureGraph      *self,
                                   const EbbEcpTelemetry *samples,
                                   guint                  n_samples)
{
  g_autofree EbbPressureGraphSample *points = NULL;
  /* A session longer than the ring holds is thinned evenly, so the review
   * still shows all of it rather than only its end. */
  guint stride = n_samples / EBB_PRESSURE_GRAPH_CAPACITY + 1;
  guint n_points = 0;
  gint64 t_us = 0;

  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  /* The review view is set from the samples held when leaving live mode. */
  ebb_pressure_graph_set_live (self, TRUE);
  ebb_pressure_graph_clear (self);
  points = g_new (EbbPressureGraphSample, n_samples / stride + 1);
  for (guint i = 0; i < n_samples; i++)
    {
      /* Unsigned differences survive the device clock wrapping. */
      if (i > 0)
        t_us += (gint64) (guint32) (samples[i].device_ms - samples[i - 1].device_ms) * 1000;
      if (i % stride != 0)
        continue;
      points[n_points].t_us = t_us;
      points[n_points].pa = samples[i].pressure_pa;
      points[n_points].target_pa = samples[i].target_pa;
      points[n_points].phase = samples[i].target_pa < 0 ? EBB_PRESSURE_GRAPH_PHASE_VACUUM
                               : EBB_PRESSURE_GRAPH_PHASE_NONE;
      n_points++;
    }
  ebb_pressure_graph_append (self, points, n_points);
  ebb_pressure_graph_set_live (self, FALSE);
}

void
_ebb_pressure_graph_set_now (EbbPressureGraph *self,
                             gint64            now_us)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  self->now_override_us = now_us;
  if (now_us >= 0)
    advance_now (self, now_us);
}

guint
_ebb_pressure_graph_get_n_snapshots (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), 0);

  return self->n_snapshots;
}

const char *
_ebb_pressure_graph_get_description (EbbPressureGraph *self)
{
  g_return_val_if_fail (EBB_IS_PRESSURE_GRAPH (self), NULL);

  return self->description;
}

void
_ebb_pressure_graph_get_plot_area (EbbPressureGraph *self,
                                   graphene_rect_t  *area)
{
  g_return_if_fail (EBB_IS_PRESSURE_GRAPH (self));

  ensure_geometry (self);
  *area = self->plot;
}
