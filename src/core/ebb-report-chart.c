/* ebb-report-chart.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ebb-report-private.h"

/* Two min/max columns per point of width: one column is about one device
 * pixel at 150 dpi. A 60-minute session at 200 Hz (720,000 samples) then
 * draws about 2,000 points instead of 720,000, which keeps the file near
 * 110 KB and a viewer's raster time near 0.25 s instead of 5.4 MB and 11 s
 * (performance-baselines §4.1). */
#define COLUMNS_PER_POINT 2.0
#define GAP_MS            1000
#define LEGEND_HEIGHT     18.0f
#define AXIS_HEIGHT       24.0f
#define AXIS_WIDTH        34.0f
#define LABEL_SIZE         7.0f

#define COLOR_SHADE    0xdce8f6U
#define COLOR_MEASURED 0x1f4e9cU
#define COLOR_SETPOINT 0xd9822bU
#define COLOR_LIMIT    0xc62828U
#define COLOR_GRID     0xe2e2e2U
#define COLOR_AXIS     0x444444U

typedef struct
{
  EbbReportPdf *r;
  float         x0;        /* plot box */
  float         y0;
  float         w;
  float         h;
  double        lo;        /* value range in the display unit */
  double        hi;
  double        t_total;   /* ms */
} Plot;

static float
plot_x (const Plot *p,
        double      t_ms)
{
  return p->x0 + (float) (p->t_total > 0 ? t_ms / p->t_total * p->w : 0);
}

static float
plot_y (const Plot *p,
        gint32      pa)
{
  double v = _ebb_report_pdf_to_unit (p->r, pa);

  return p->y0 + (float) ((v - p->lo) / (p->hi - p->lo) * p->h);
}

/* The smallest of 1, 2, 5 × 10^k that splits @span into at most @max parts. */
static double
nice_step (double span,
           guint  max)
{
  double raw = span / max;
  double magnitude = pow (10.0, floor (log10 (raw)));
  static const double factors[] = { 1, 2, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    if (factors[i] * magnitude >= raw)
      return factors[i] * magnitude;

  return 10 * magnitude;
}

static double
time_step_s (double total_s)
{
  static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (total_s / steps[i] <= 8)
      return steps[i];

  return 14400;
}

static void
legend_item (EbbReportPdf *r,
             float        *x,
             float         y,
             guint32       color,
             gboolean      box,
             const char   *label)
{
  float w = _ebb_report_pdf_text_width (r, r->font, LABEL_SIZE, label);

  *x -= w;
  _ebb_report_pdf_text (r, r->font, LABEL_SIZE, *x, y, label);
  *x -= 16;
  if (box)
    {
      _ebb_report_pdf_rgb_fill (r, color);
      HPDF_Page_Rectangle (r->page, *x, y - 1, 12, 7);
      HPDF_Page_Fill (r->page);
      _ebb_report_pdf_rgb_fill (r, 0);
    }
  else
    {
      _ebb_report_pdf_rgb_stroke (r, color);
      HPDF_Page_SetLineWidth (r->page, 1.2f);
      HPDF_Page_MoveTo (r->page, *x, y + 2.5f);
      HPDF_Page_LineTo (r->page, *x + 12, y + 2.5f);
      HPDF_Page_Stroke (r->page);
    }
  *x -= 12;
}

/* Sample times in ms from the first sample; device time is a wrapping
 * 32-bit counter, so only differences are meaningful. */
static double *
sample_times (EbbReportPdf          *r,
              const EbbEcpTelemetry *s,
              guint                  n)
{
  double *t = g_new (double, MAX (n, 1));

  _ebb_report_pdf_keep (r, (char *) t);
  t[0] = 0;
  for (guint i = 1; i < n; i++)
    t[i] = t[i - 1] + (guint32) (s[i].device_ms - s[i - 1].device_ms);

  return t;
}

/* Shades what ebb_report_data_vacuum_spans() calls the vacuum phases:
 * the recorded ones, or for an older session the setpoint's. */
static void
draw_vacuum_phases (const Plot          *p,
                    const EbbReportData *data)
{
  EbbReportPdf *r = p->r;
  /* Owned by the document: a libharu error jumps past this frame. */
  GArray *spans = _ebb_report_pdf_own (r, ebb_report_data_vacuum_spans (data),
                                       (GDestroyNotify) g_array_unref);

  if (spans->len == 0)
    return;

  _ebb_report_pdf_rgb_fill (r, COLOR_SHADE);
  for (guint i = 0; i < spans->len; i++)
    {
      const EbbReportSpan *span = &g_array_index (spans, EbbReportSpan, i);
      float x1 = plot_x (p, span->start_ms);
      float x2 = plot_x (p, span->end_ms);

      /* Never thinner than a hairline, so short phases stay visible. */
      HPDF_Page_Rectangle (r->page, x1, p->y0, MAX (x2 - x1, 0.3f), p->h);
    }
  HPDF_Page_Fill (r->page);
  _ebb_report_pdf_rgb_fill (r, 0);
}

static void
draw_setpoint (const Plot            *p,
               const EbbEcpTelemetry *s,
               const double          *t,
               guint                  n)
{
  EbbReportPdf *r = p->r;

  _ebb_report_pdf_rgb_stroke (r, COLOR_SETPOINT);
  HPDF_Page_SetLineWidth (r->page, 0.8f);
  HPDF_Page_MoveTo (r->page, plot_x (p, 0), plot_y (p, s[0].target_pa));
  for (guint i = 1; i < n; i++)
    {
      if (s[i].target_pa == s[i - 1].target_pa)
        continue;
      HPDF_Page_LineTo (r->page, plot_x (p, t[i]), plot_y (p, s[i - 1].target_pa));
      HPDF_Page_LineTo (r->page, plot_x (p, t[i]), plot_y (p, s[i].target_pa));
    }
  HPDF_Page_LineTo (r->page, plot_x (p, t[n - 1]), plot_y (p, s[n - 1].target_pa));
  HPDF_Page_Stroke (r->page);
}

/*
 * The measured curve, decimated: for every column the lowest and the
 * highest sample, in the order they occurred, so peaks survive and the
 * curve's shape is that of the raw data at this resolution. A gap in the
 * sample stream lifts the pen, so lost data is not drawn as a straight line.
 */
static void
draw_measured (const Plot            *p,
               const EbbEcpTelemetry *s,
               const double          *t,
               guint                  n)
{
  EbbReportPdf *r = p->r;
  guint columns = MAX (1, (guint) (p->w * COLUMNS_PER_POINT));
  gboolean pen_down = FALSE;
  guint i = 0;

  _ebb_report_pdf_rgb_stroke (r, COLOR_MEASURED);
  HPDF_Page_SetLineWidth (r->page, 0.5f);
  HPDF_Page_SetLineJoin (r->page, HPDF_ROUND_JOIN);

  while (i < n)
    {
      guint column = (guint) MIN (columns - 1, t[i] / MAX (p->t_total, 1) * columns);
      guint lo = i, hi = i;
      guint first, second;
      guint j = i + 1;

      while (j < n && t[j] - t[j - 1] <= GAP_MS &&
             (guint) MIN (columns - 1, t[j] / MAX (p->t_total, 1) * columns) == column)
        {
          if (s[j].pressure_pa < s[lo].pressure_pa)
            lo = j;
          if (s[j].pressure_pa > s[hi].pressure_pa)
            hi = j;
          j++;
        }

      first = MIN (lo, hi);
      second = MAX (lo, hi);
      if (pen_down)
        HPDF_Page_LineTo (r->page, plot_x (p, t[first]), plot_y (p, s[first].pressure_pa));
      else
        HPDF_Page_MoveTo (r->page, plot_x (p, t[first]), plot_y (p, s[first].pressure_pa));
      if (second != first)
        HPDF_Page_LineTo (r->page, plot_x (p, t[second]), plot_y (p, s[second].pressure_pa));
      pen_down = TRUE;

      if (j < n && t[j] - t[j - 1] > GAP_MS)
        {
          /* A lone point would not show; give it a hairline's length. */
          if (first == second)
            HPDF_Page_LineTo (r->page, plot_x (p, t[first]) + 0.3f, plot_y (p, s[first].pressure_pa));
          pen_down = FALSE;
        }
      i = j;
    }
  HPDF_Page_Stroke (r->page);
  HPDF_Page_SetLineJoin (r->page, HPDF_MITER_JOIN);
}

static void
draw_axes (const Plot *p)
{
  EbbReportPdf *r = p->r;
  double step = nice_step (p->hi - p->lo, 6);
  double t_step = time_step_s (p->t_total / 1000.0) * 1000.0;
  guint decimals = step < 1 ? (guint) ceil (-log10 (step)) : 0;

  HPDF_Page_SetLineWidth (r->page, 0.4f);
  for (double v = ceil (p->lo / step) * step; v <= p->hi + step * 1e-6; v += step)
    {
      float y = p->y0 + (float) ((v - p->lo) / (p->hi - p->lo) * p->h);

      _ebb_report_pdf_rgb_stroke (r, COLOR_GRID);
      HPDF_Page_MoveTo (r->page, p->x0, y);
      HPDF_Page_LineTo (r->page, p->x0 + p->w, y);
      HPDF_Page_Stroke (r->page);
      _ebb_report_pdf_text_right (r, r->font, LABEL_SIZE, p->x0 - 3, y - 2.5f,
                                  _ebb_report_pdf_number (r, v, decimals));
    }

  for (double tt = 0; tt <= p->t_total + 1; tt += t_step)
    {
      float x = plot_x (p, tt);

      _ebb_report_pdf_rgb_stroke (r, COLOR_GRID);
      HPDF_Page_MoveTo (r->page, x, p->y0);
      HPDF_Page_LineTo (r->page, x, p->y0 + p->h);
      HPDF_Page_Stroke (r->page);
      _ebb_report_pdf_text_center (r, r->font, LABEL_SIZE, x, p->y0 - 9,
                                   _ebb_report_pdf_clock (r, (gint64) tt));
    }

  _ebb_report_pdf_rgb_stroke (r, COLOR_AXIS);
  HPDF_Page_SetLineWidth (r->page, 0.6f);
  HPDF_Page_Rectangle (r->page, p->x0, p->y0, p->w, p->h);
  HPDF_Page_Stroke (r->page);

  _ebb_report_pdf_text_center (r, r->font, LABEL_SIZE, p->x0 + p->w / 2, p->y0 - 20,
                               /* Translators: the time axis of the report's pressure chart */
                               _ebb_report_pdf_tr (r, N_("Time since the start (minutes:seconds)")));
}

static void
draw_limit (const Plot *p,
            gint32      limit_pa)
{
  EbbReportPdf *r = p->r;
  float y = plot_y (p, limit_pa);
  const char *label;
  HPDF_UINT16 dash[] = { 4, 2 };

  _ebb_report_pdf_rgb_stroke (r, COLOR_LIMIT);
  HPDF_Page_SetLineWidth (r->page, 0.9f);
  HPDF_Page_SetDash (r->page, dash, 2, 0);
  HPDF_Page_MoveTo (r->page, p->x0, y);
  HPDF_Page_LineTo (r->page, p->x0 + p->w, y);
  HPDF_Page_Stroke (r->page);
  HPDF_Page_SetDash (r->page, NULL, 0, 0);

  /* Translators: label of the clinic limit line in the pressure chart */
  label = _ebb_report_pdf_printf (r, _ebb_report_pdf_tr (r, N_("Limit %s")),
                                  _ebb_report_pdf_set_pressure (r, limit_pa));
  _ebb_report_pdf_rgb_fill (r, COLOR_LIMIT);
  _ebb_report_pdf_text_right (r, r->font, LABEL_SIZE, p->x0 + p->w - 3, y - 9, label);
  _ebb_report_pdf_rgb_fill (r, 0);
}

/*
 * Draws the pressure chart of the whole session into the box whose top
 * left corner is (@x, @y): legend, plot and axes.
 */
void
_ebb_report_chart_draw (EbbReportPdf        *r,
                        const EbbReportData *data,
                        float                x,
                        float                y,
                        float                width,
                        float                height)
{
  const EbbEcpTelemetry *s = (const EbbEcpTelemetry *) data->samples->data;
  guint n = data->samples->len;
  gint32 min_pa = MIN (data->level_pa, 0);
  gint32 max_pa = 0;
  double *t;
  double step;
  float lx = x + width;
  Plot p = { r, };

  p.x0 = x + AXIS_WIDTH;
  p.w = width - AXIS_WIDTH - 4;
  p.y0 = y - height + AXIS_HEIGHT;
  p.h = height - AXIS_HEIGHT - LEGEND_HEIGHT;

  /* Translators: the value axis of the report's pressure chart; %s is a unit */
  _ebb_report_pdf_text (r, r->font, LABEL_SIZE, x, y - LABEL_SIZE,
                        _ebb_report_pdf_printf (r, _ebb_report_pdf_tr (r, N_("Pressure (%s)")),
                                                _ebb_report_pdf_unit_symbol (r)));
  if (data->limit_pa < 0)
    /* Translators: legend of the report's pressure chart */
    legend_item (r, &lx, y - LABEL_SIZE, COLOR_LIMIT, FALSE, _ebb_report_pdf_tr (r, N_("Clinic limit")));
  /* Translators: legend of the report's pressure chart */
  legend_item (r, &lx, y - LABEL_SIZE, COLOR_SHADE, TRUE, _ebb_report_pdf_tr (r, N_("Vacuum phase")));
  /* Translators: legend of the report's pressure chart */
  legend_item (r, &lx, y - LABEL_SIZE, COLOR_SETPOINT, FALSE, _ebb_report_pdf_tr (r, N_("Setpoint")));
  /* Translators: legend of the report's pressure chart */
  legend_item (r, &lx, y - LABEL_SIZE, COLOR_MEASURED, FALSE, _ebb_report_pdf_tr (r, N_("Measured")));

  if (n == 0)
    {
      _ebb_report_pdf_rgb_stroke (r, COLOR_AXIS);
      HPDF_Page_SetLineWidth (r->page, 0.6f);
      HPDF_Page_Rectangle (r->page, p.x0, p.y0, p.w, p.h);
      HPDF_Page_Stroke (r->page);
      _ebb_report_pdf_text_center (r, r->font, 9, p.x0 + p.w / 2, p.y0 + p.h / 2,
                                   _ebb_report_pdf_tr (r, N_("No pressure data was recorded.")));
      return;
    }

  t = sample_times (r, s, n);
  p.t_total = MAX (t[n - 1], 1000);

  for (guint i = 0; i < n; i++)
    {
      min_pa = MIN (min_pa, MIN (s[i].pressure_pa, s[i].target_pa));
      max_pa = MAX (max_pa, MAX (s[i].pressure_pa, s[i].target_pa));
    }
  if (data->limit_pa < 0)
    min_pa = MIN (min_pa, data->limit_pa);

  p.lo = _ebb_report_pdf_to_unit (r, min_pa);
  p.hi = _ebb_report_pdf_to_unit (r, max_pa);
  if (p.hi - p.lo < 1e-6)
    p.lo = p.hi - 1;
  step = nice_step (p.hi - p.lo, 6);
  p.lo = floor (p.lo / step - 0.25) * step;
  p.hi = ceil (p.hi / step + 0.1) * step;

  draw_vacuum_phases (&p, data);
  draw_axes (&p);
  if (data->limit_pa < 0)
    draw_limit (&p, data->limit_pa);
  draw_setpoint (&p, s, t, n);
  draw_measured (&p, s, t, n);
}
