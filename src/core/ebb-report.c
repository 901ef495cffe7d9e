/* ebb-report.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <png.h>
#include <stdio.h>
#include <string.h>

#include "ebb-environment.h"
#include "ebb-report-private.h"
#include "ebb-session.h"

#define BODY_SIZE      8.5f
#define LINE           11.0f
#define HEADING_SIZE   10.5f
#define TITLE_SIZE     16.0f
#define COLUMN_GAP     18.0f
#define LOGO_MAX_W     110.0f
#define LOGO_MAX_H     46.0f
#define CHART_HEIGHT   190.0f
/* Larger logos are a configuration mistake; they would bloat every report. */
#define LOGO_MAX_PIXELS (2048 * 2048)

#define COLOR_MUTED    0x5e5e5eU
#define COLOR_RULE     0xb0b0b0U
#define COLOR_HEADER   0xeeeeeeU
#define COLOR_OK       0x2e7d32U
#define COLOR_WARN     0xb26a00U
#define COLOR_BAD      0xc62828U

G_DEFINE_QUARK (ebb-report-error-quark, ebb_report_error)

typedef struct
{
  const char *key;
  const char *value;
} Row;

/* Shorthands for the layout code; the strings are marked for xgettext
 * where they are written. */
#define tr(s)     _ebb_report_pdf_tr (r, s)
#define keep(s)   _ebb_report_pdf_keep (r, s)

/* Layout temporaries belong to the document: libharu's error handler may
 * jump out of any frame that draws (see ebb-report-private.h). */
static GArray *
new_rows (EbbReportPdf *r)
{
  return _ebb_report_pdf_own (r, g_array_new (FALSE, FALSE, sizeof (Row)),
                              (GDestroyNotify) g_array_unref);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "\u2013";
}

static void
rule (EbbReportPdf *r,
      float         y)
{
  _ebb_report_pdf_rgb_stroke (r, COLOR_RULE);
  HPDF_Page_SetLineWidth (r->page, 0.5f);
  HPDF_Page_MoveTo (r->page, r->left, y);
  HPDF_Page_LineTo (r->page, r->right, y);
  HPDF_Page_Stroke (r->page);
}

/* A section heading at @y in a column; returns its height. */
static float
heading_at (EbbReportPdf *r,
            float         x,
            float         y,
            float         width,
            const char   *title)
{
  _ebb_report_pdf_text (r, r->bold, HEADING_SIZE, x, y - HEADING_SIZE, title);
  _ebb_report_pdf_rgb_stroke (r, COLOR_RULE);
  HPDF_Page_SetLineWidth (r->page, 0.5f);
  HPDF_Page_MoveTo (r->page, x, y - HEADING_SIZE - 4);
  HPDF_Page_LineTo (r->page, x + width, y - HEADING_SIZE - 4);
  HPDF_Page_Stroke (r->page);
  return HEADING_SIZE + 10;
}

/* A full-width heading at the cursor, with room for @following below it
 * on the same page, so a heading never ends a page alone. */
static void
heading (EbbReportPdf *r,
         const char   *title,
         float         following)
{
  _ebb_report_pdf_ensure (r, HEADING_SIZE + 10 + following);
  r->y -= heading_at (r, r->left, r->y, r->right - r->left, title);
}

/* A titled block of key–value rows in a column at @y; values wrap. Returns
 * its height. */
static float
kv_block (EbbReportPdf *r,
          float         x,
          float         y,
          float         width,
          const char   *title,
          const Row    *rows,
          guint         n_rows)
{
  float key_w = width * 0.25f;
  float top = y;

  /* The key column is as wide as its widest key, within reason; German
   * keys are long. */
  for (guint i = 0; i < n_rows; i++)
    key_w = MAX (key_w, _ebb_report_pdf_text_width (r, r->font, BODY_SIZE, rows[i].key) + 8);
  key_w = MIN (key_w, width * 0.5f);

  y -= heading_at (r, x, y, width, title);
  for (guint i = 0; i < n_rows; i++)
    {
      char **lines = _ebb_report_pdf_wrap (r, r->font, BODY_SIZE, or_dash (rows[i].value),
                                           width - key_w - 4);

      char **keys = _ebb_report_pdf_wrap (r, r->font, BODY_SIZE, rows[i].key, key_w - 6);
      float row_top = y;

      _ebb_report_pdf_rgb_fill (r, COLOR_MUTED);
      for (guint l = 0; keys[l] != NULL; l++)
        _ebb_report_pdf_text (r, r->font, BODY_SIZE, x, row_top - BODY_SIZE - l * LINE, keys[l]);
      _ebb_report_pdf_rgb_fill (r, 0);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          _ebb_report_pdf_text (r, r->font, BODY_SIZE, x + key_w, y - BODY_SIZE, lines[l]);
          y -= LINE;
        }
      y = MIN (y, row_top - g_strv_length (keys) * LINE);
    }

  return top - y;
}

/* Two blocks side by side at the cursor. */
static void
kv_columns (EbbReportPdf *r,
            const char   *title1,
            const Row    *rows1,
            guint         n1,
            const char   *title2,
            const Row    *rows2,
            guint         n2)
{
  float col_w = (r->right - r->left - COLUMN_GAP) / 2;
  float h1, h2;

  _ebb_report_pdf_ensure (r, HEADING_SIZE + 10 + LINE * MAX (n1, n2));
  h1 = kv_block (r, r->left, r->y, col_w, title1, rows1, n1);
  h2 = kv_block (r, r->left + col_w + COLUMN_GAP, r->y, col_w, title2, rows2, n2);
  r->y -= MAX (h1, h2) + 12;
}

/* Lines of wrapped text at the cursor, breaking pages as needed. */
static void
paragraph (EbbReportPdf *r,
           EbbReportFace font,
           const char   *text,
           float         indent)
{
  char **lines = _ebb_report_pdf_wrap (r, font, BODY_SIZE, text, r->right - r->left - indent);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      _ebb_report_pdf_ensure (r, LINE);
      _ebb_report_pdf_text (r, font, BODY_SIZE, r->left + indent, r->y - BODY_SIZE, lines[l]);
      r->y -= LINE;
    }
}

static gboolean
file_starts_with (const char *path,
                  const char *magic,
                  gsize       length)
{
  char buffer[8] = { 0, };
  FILE *file = fopen (path, "rb");
  gboolean matches;

  if (file == NULL)
    return FALSE;
  matches = fread (buffer, 1, length, file) == length && memcmp (buffer, magic, length) == 0;
  fclose (file);
  return matches;
}

static void
fail_logo (EbbReportPdf *r,
           const char   *path)
{
  _ebb_report_pdf_fail (r, g_error_new (EBB_REPORT_ERROR, EBB_REPORT_ERROR_LOGO_INVALID,
                                        _("The clinic logo %s is missing or is not a PNG or "
                                          "JPEG image. Choose another image in Preferences, "
                                          "or remove the logo."), path));
}

/*
 * PNG logos are decoded here with libpng's simplified API, which reports
 * damaged files as a return value, and handed to libharu as raw RGB.
 * libharu 2.3's own PNG loader lets libpng abort the whole process on a
 * damaged file. Transparent parts are composited onto white paper.
 */
static HPDF_Image
load_png_logo (EbbReportPdf *r,
               const char   *path)
{
  png_image image = { 0, };
  png_color white = { 255, 255, 255 };
  guchar *pixels;

  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file (&image, path))
    fail_logo (r, path);

  if (image.width == 0 || image.height == 0 ||
      (guint64) image.width * image.height > LOGO_MAX_PIXELS)
    {
      png_image_free (&image);
      _ebb_report_pdf_fail (r, g_error_new (EBB_REPORT_ERROR, EBB_REPORT_ERROR_LOGO_INVALID,
                                            _("The clinic logo %s is larger than 2048 × 2048 "
                                              "pixels. Choose a smaller image in Preferences."),
                                            path));
    }

  image.format = PNG_FORMAT_RGB;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  _ebb_report_pdf_keep (r, (char *) pixels);
  if (!png_image_finish_read (&image, &white, pixels, 0, NULL))
    {
      png_image_free (&image);
      fail_logo (r, path);
    }

  r->stage = EBB_REPORT_STAGE_LOGO;
  return HPDF_LoadRawImageFromMem (r->pdf, pixels, image.width, image.height,
                                   HPDF_CS_DEVICE_RGB, 8);
}

/*
 * libharu embeds JPEG data as it is and trusts whatever header it finds,
 * so a damaged file would make a report no viewer can draw. Walk the
 * marker segments: a frame header (SOFn) with a size and 1, 3 or 4
 * components must come before the scan (SOS).
 */
static gboolean
jpeg_is_valid (const char *path)
{
  g_autofree guchar *bytes = NULL;
  gsize length = 0;
  gboolean frame = FALSE;
  gsize i = 2;

  if (!g_file_get_contents (path, (char **) &bytes, &length, NULL) || length < 4 ||
      bytes[0] != 0xff || bytes[1] != 0xd8)
    return FALSE;

  while (i + 4 <= length)
    {
      guint marker = bytes[i + 1];
      gsize segment = (gsize) bytes[i + 2] << 8 | bytes[i + 3];

      if (bytes[i] != 0xff || segment < 2 || i + 2 + segment > length)
        return FALSE;
      if (marker == 0xda)
        return frame;
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          guint height, width, components;

          if (segment < 8)
            return FALSE;
          height = bytes[i + 5] << 8 | bytes[i + 6];
          width = bytes[i + 7] << 8 | bytes[i + 8];
          components = bytes[i + 9];
          frame = height > 0 && width > 0 &&
                  (components == 1 || components == 3 || components == 4);
          if (!frame)
            return FALSE;
        }
      i += 2 + segment;
    }

  return FALSE;
}

static HPDF_Image
load_logo (EbbReportPdf *r,
           const char   *path)
{
  HPDF_Image image = NULL;

  if (file_starts_with (path, "\x89PNG\r\n\x1a\n", 8))
    {
      image = load_png_logo (r, path);
    }
  else if (file_starts_with (path, "\xff\xd8\xff", 3) && jpeg_is_valid (path))
    {
      /* libharu parses JPEG headers itself and embeds the data as it
       * is; its errors reach our handler. */
      r->stage = EBB_REPORT_STAGE_LOGO;
      image = HPDF_LoadJpegImageFromFile (r->pdf, path);
    }
  else
    {
      fail_logo (r, path);
    }

  r->stage = EBB_REPORT_STAGE_DRAW;
  return image;
}

/* The clinic header on the first page: logo, name, address and phone on
 * the left; the document's title and subtitle on the right. */
static void
clinic_header (EbbReportPdf *r,
               const char   *name,
               const char   *address,
               const char   *phone,
               const char   *logo,
               const char   *title,
               const char   *subtitle)
{
  float x = r->left;
  float y = r->y;
  float block_h = 0;
  float title_w;

  if (logo != NULL && *logo != '\0')
    {
      HPDF_Image image = load_logo (r, logo);
      float iw = HPDF_Image_GetWidth (image);
      float ih = HPDF_Image_GetHeight (image);
      float scale = MIN (LOGO_MAX_W / MAX (iw, 1), LOGO_MAX_H / MAX (ih, 1));

      HPDF_Page_DrawImage (r->page, image, x, y - ih * scale, iw * scale, ih * scale);
      x += iw * scale + 10;
      block_h = ih * scale;
    }

  title_w = MAX (_ebb_report_pdf_text_width (r, r->bold, TITLE_SIZE, title),
                 _ebb_report_pdf_text_width (r, r->font, BODY_SIZE, subtitle));

  {
    float text_w = r->right - title_w - 16 - x;
    float ty = y;

    if (name != NULL && *name != '\0')
      {
        char **lines = _ebb_report_pdf_wrap (r, r->bold, 12, name, text_w);

        for (guint l = 0; lines[l] != NULL; l++, ty -= 14)
          _ebb_report_pdf_text (r, r->bold, 12, x, ty - 12, lines[l]);
      }
    _ebb_report_pdf_rgb_fill (r, COLOR_MUTED);
    if (address != NULL && *address != '\0')
      {
        char **lines = _ebb_report_pdf_wrap (r, r->font, BODY_SIZE, address, text_w);

        for (guint l = 0; lines[l] != NULL; l++, ty -= LINE)
          _ebb_report_pdf_text (r, r->font, BODY_SIZE, x, ty - BODY_SIZE - 1, lines[l]);
      }
    if (phone != NULL && *phone != '\0')
      {
        /* Translators: the clinic's phone number in the report header */
        _ebb_report_pdf_text (r, r->font, BODY_SIZE, x, ty - BODY_SIZE - 1,
                              _ebb_report_pdf_printf (r, tr (N_("Phone %s")), phone));
        ty -= LINE;
      }
    _ebb_report_pdf_rgb_fill (r, 0);
    block_h = MAX (block_h, y - ty);
  }

  _ebb_report_pdf_text_right (r, r->bold, TITLE_SIZE, r->right, y - TITLE_SIZE, title);
  _ebb_report_pdf_text_right (r, r->font, BODY_SIZE, r->right, y - TITLE_SIZE - 13, subtitle);
  block_h = MAX (block_h, TITLE_SIZE + 16);

  r->y = y - block_h - 8;
  rule (r, r->y);
  r->y -= 12;
}

/* The signature lines for two people side by side. */
static void
signatures (EbbReportPdf *r,
            const char   *label1,
            const char   *name1,
            const char   *label2,
            const char   *name2)
{
  float col_w = (r->right - r->left - 3 * COLUMN_GAP) / 2;
  const char *labels[] = { label1, label2 };
  const char *names[] = { name1, name2 };

  _ebb_report_pdf_ensure (r, 70);
  r->y -= 36;
  for (guint i = 0; i < 2; i++)
    {
      float x = r->left + i * (col_w + 3 * COLUMN_GAP);

      _ebb_report_pdf_rgb_stroke (r, 0);
      HPDF_Page_SetLineWidth (r->page, 0.6f);
      HPDF_Page_MoveTo (r->page, x, r->y);
      HPDF_Page_LineTo (r->page, x + col_w, r->y);
      HPDF_Page_Stroke (r->page);
      _ebb_report_pdf_text (r, r->bold, BODY_SIZE, x, r->y - BODY_SIZE - 3, labels[i]);
      _ebb_report_pdf_rgb_fill (r, COLOR_MUTED);
      _ebb_report_pdf_text (r, r->font, BODY_SIZE, x, r->y - BODY_SIZE - 3 - LINE,
                            names[i] != NULL && *names[i] != '\0'
                              /* Translators: under a signature line: the person's name */
                              ? _ebb_report_pdf_printf (r, tr (N_("%s, date and signature")), names[i])
                              /* Translators: under a signature line */
                              : tr (N_("Name, date and signature")));
      _ebb_report_pdf_rgb_fill (r, 0);
    }
  r->y -= 2 * LINE + 8;
}

/* A framed banner in words and colour: the colour helps, the words carry
 * the meaning, so a black-and-white copy says the same. */
static void
banner (EbbReportPdf *r,
        guint32       color,
        const char   *headline,
        const char   *detail)
{
  float width = r->right - r->left;
  char **lines = _ebb_report_pdf_wrap (r, r->font, BODY_SIZE, detail != NULL ? detail : "",
                                       width - 16);
  guint n_lines = detail != NULL ? g_strv_length (lines) : 0;
  float h = 12 + 12 + n_lines * LINE;

  _ebb_report_pdf_ensure (r, h + 10);
  _ebb_report_pdf_rgb_stroke (r, color);
  HPDF_Page_SetLineWidth (r->page, 1.5f);
  HPDF_Page_Rectangle (r->page, r->left, r->y - h, width, h);
  HPDF_Page_Stroke (r->page);
  _ebb_report_pdf_rgb_fill (r, color);
  HPDF_Page_Rectangle (r->page, r->left, r->y - h, 5, h);
  HPDF_Page_Fill (r->page);
  _ebb_report_pdf_text (r, r->bold, 11, r->left + 12, r->y - 15, headline);
  _ebb_report_pdf_rgb_fill (r, 0);
  for (guint l = 0; l < n_lines; l++)
    _ebb_report_pdf_text (r, r->font, BODY_SIZE, r->left + 12, r->y - 17 - (l + 1) * LINE, lines[l]);

  r->y -= h + 12;
}

/* Events and end reasons are recorded in English, and many are messages
 * of the program itself (alarm titles, for instance). Those are printed
 * in the report's language; any other text as it was recorded. */
static const char *
recorded_text (EbbReportPdf *r,
               const char   *text)
{
  return ebb_report_catalog_get (r->catalog, text);
}

static const char *
catalog_translate (const char *context,
                   const char *msgid,
                   gpointer    data)
{
  EbbReportPdf *r = data;

  return context != NULL ? ebb_report_catalog_pget (r->catalog, context, msgid)
                         : ebb_report_catalog_get (r->catalog, msgid);
}

/* The session runner records ids; the session module has the words. */
static const char *
end_reason_text (EbbReportPdf *r,
                 const char   *reason)
{
  char *words = ebb_session_translate_end_reason (reason, catalog_translate, r);

  return words != NULL ? _ebb_report_pdf_own (r, words, g_free) : recorded_text (r, reason);
}

static const char *
event_text (EbbReportPdf         *r,
            const EbbReportEvent *event)
{
  char *words = event->kind != NULL ? ebb_session_translate_event (event->kind, event->text,
                                                                   catalog_translate, r)
                                    : NULL;

  if (words != NULL)
    return _ebb_report_pdf_own (r, words, g_free);

  return recorded_text (r, event->text != NULL && *event->text != '\0' ? event->text
                                                                       : or_dash (event->kind));
}

static const char *
end_state_word (EbbReportPdf      *r,
                EbbReportEndState  state)
{
  switch (state)
    {
    case EBB_REPORT_END_COMPLETED:
      /* Translators: a session's end state */
      return tr (N_("Completed"));
    case EBB_REPORT_END_STOPPED:
      /* Translators: a session's end state */
      return tr (N_("Stopped early"));
    case EBB_REPORT_END_ABORTED:
      /* Translators: a session's end state */
      return tr (N_("Aborted"));
    case EBB_REPORT_END_INTERRUPTED:
      /* Translators: a session's end state */
      return tr (N_("Interrupted"));
    default:
      return tr (N_("unknown"));
    }
}

static void
end_state_banner (EbbReportPdf        *r,
                  const EbbReportData *data)
{
  const char *reason = NULL;

  if (data->end_reason != NULL && *data->end_reason != '\0')
    /* Translators: why a session ended */
    reason = _ebb_report_pdf_printf (r, tr (N_("Reason: %s")), end_reason_text (r, data->end_reason));
  else if (data->end_state != EBB_REPORT_END_COMPLETED)
    reason = tr (N_("Reason: not recorded"));

  switch (data->end_state)
    {
    case EBB_REPORT_END_COMPLETED:
      banner (r, COLOR_OK, tr (N_("Session completed as planned")), reason);
      break;
    case EBB_REPORT_END_STOPPED:
      banner (r, COLOR_WARN, tr (N_("Session stopped before its planned end")), reason);
      break;
    case EBB_REPORT_END_ABORTED:
      banner (r, COLOR_BAD, tr (N_("Session aborted")), reason);
      break;
    case EBB_REPORT_END_INTERRUPTED:
      banner (r, COLOR_BAD,
              tr (N_("Session interrupted: the console stopped during the session")), reason);
      break;
    default:
      banner (r, COLOR_BAD, tr (N_("Session end unknown")), reason);
      break;
    }
}

static const char *
priority_word (EbbReportPdf      *r,
               EbbReportPriority  priority)
{
  switch (priority)
    {
    case EBB_REPORT_PRIORITY_HIGH:
      return _ebb_report_pdf_trc (r, "alarm priority", NC_("alarm priority", "High"));
    case EBB_REPORT_PRIORITY_MEDIUM:
      return _ebb_report_pdf_trc (r, "alarm priority", NC_("alarm priority", "Medium"));
    case EBB_REPORT_PRIORITY_LOW:
      return _ebb_report_pdf_trc (r, "alarm priority", NC_("alarm priority", "Low"));
    case EBB_REPORT_PRIORITY_INFO:
    default:
      return _ebb_report_pdf_trc (r, "alarm priority", NC_("alarm priority", "Event"));
    }
}

static const char *
vitals_text (EbbReportPdf          *r,
             const EbbReportVitals *vitals)
{
  if (!vitals->recorded)
    return tr (N_("not recorded"));

  /* Translators: blood pressure and heart rate, e.g. "128/82 mmHg, 66 bpm" */
  return _ebb_report_pdf_printf (r, tr (N_("%u/%u mmHg, %u bpm")), vitals->systolic_mmhg,
                                 vitals->diastolic_mmhg, vitals->heart_rate_bpm);
}

static gint64
session_ms (const EbbReportData *data)
{
  if (data->end != NULL)
    return g_date_time_difference (data->end, data->start) / 1000;

  if (data->samples->len > 1)
    {
      const EbbEcpTelemetry *s = (const EbbEcpTelemetry *) data->samples->data;
      gint64 ms = 0;

      for (guint i = 1; i < data->samples->len; i++)
        ms += (guint32) (s[i].device_ms - s[i - 1].device_ms);
      return ms;
    }

  return 0;
}

/* Table columns of the events table, in points from the left margin, wide
 * enough for the German headers ("Verstrichen", "Priorität") in bold. */
#define EV_CLOCK    0.0f
#define EV_ELAPSED 48.0f
#define EV_PRIO   120.0f
#define EV_TEXT   180.0f

static void
events_header (EbbReportPdf *r)
{
  _ebb_report_pdf_rgb_fill (r, COLOR_HEADER);
  HPDF_Page_Rectangle (r->page, r->left, r->y - LINE - 3, r->right - r->left, LINE + 3);
  HPDF_Page_Fill (r->page);
  _ebb_report_pdf_rgb_fill (r, 0);
  /* Translators: column of the events table: wall-clock time */
  _ebb_report_pdf_text (r, r->bold, BODY_SIZE, r->left + EV_CLOCK + 3, r->y - BODY_SIZE - 1, tr (N_("Time")));
  /* Translators: column of the events table: time since the session started */
  _ebb_report_pdf_text (r, r->bold, BODY_SIZE, r->left + EV_ELAPSED, r->y - BODY_SIZE - 1, tr (N_("Elapsed")));
  /* Translators: column of the events table: alarm priority */
  _ebb_report_pdf_text (r, r->bold, BODY_SIZE, r->left + EV_PRIO, r->y - BODY_SIZE - 1, tr (N_("Priority")));
  /* Translators: column of the events table */
  _ebb_report_pdf_text (r, r->bold, BODY_SIZE, r->left + EV_TEXT, r->y - BODY_SIZE - 1, tr (N_("Alarm or event")));
  r->y -= LINE + 6;
}

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GPtrArray *events = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const EbbReportEvent *ea = g_ptr_array_index (events, ia);
  const EbbReportEvent *eb = g_ptr_array_index (events, ib);

  if (ea->offset_ms != eb->offset_ms)
    return ea->offset_ms < eb->offset_ms ? -1 : 1;

  return ia < ib ? -1 : ia > ib;
}

/* The events in time order, those at the same time in the order they were
 * recorded: indexes into @events. */
static GArray *
sorted_events (EbbReportPdf *r,
               GPtrArray    *events)
{
  GArray *order = _ebb_report_pdf_own (r, g_array_sized_new (FALSE, FALSE, sizeof (guint), events->len),
                                       (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < events->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_events_cb, events);
  return order;
}

static void
events_table (EbbReportPdf        *r,
              const EbbReportData *data)
{
  GArray *order;
  /* Translators: section of the session report */
  const char *title = tr (N_("Alarms and events"));

  heading (r, title, 2 * LINE + 6);
  if (data->events->len == 0)
    {
      paragraph (r, r->font, tr (N_("No alarms or events were recorded.")), 0);
      r->y -= 8;
      return;
    }

  order = sorted_events (r, data->events);
  events_header (r);
  for (guint i = 0; i < data->events->len; i++)
    {
      const EbbReportEvent *event = g_ptr_array_index (data->events, g_array_index (order, guint, i));
      const char *text = event_text (r, event);
      char **lines = _ebb_report_pdf_wrap (r, r->font, BODY_SIZE, text, r->right - r->left - EV_TEXT);
      guint n_lines = g_strv_length (lines);
      gboolean alarm = event->priority != EBB_REPORT_PRIORITY_INFO;
      GDateTime *when = _ebb_report_pdf_own (r, g_date_time_add (data->start, event->offset_ms * G_TIME_SPAN_MILLISECOND),
                                             (GDestroyNotify) g_date_time_unref);

      if (r->y - n_lines * LINE < r->bottom)
        {
          _ebb_report_pdf_new_page (r);
          /* Translators: heading of the events table on a following page */
          r->y -= heading_at (r, r->left, r->y, r->right - r->left,
                              _ebb_report_pdf_printf (r, tr (N_("%s (continued)")), title));
          events_header (r);
        }

      _ebb_report_pdf_text (r, r->font, BODY_SIZE, r->left + EV_CLOCK + 3, r->y - BODY_SIZE,
                            _ebb_report_pdf_time (r, when));
      _ebb_report_pdf_text (r, r->font, BODY_SIZE, r->left + EV_ELAPSED, r->y - BODY_SIZE,
                            _ebb_report_pdf_clock (r, event->offset_ms));
      if (event->priority == EBB_REPORT_PRIORITY_HIGH)
        _ebb_report_pdf_rgb_fill (r, COLOR_BAD);
      _ebb_report_pdf_text (r, alarm ? r->bold : r->font, BODY_SIZE, r->left + EV_PRIO,
                            r->y - BODY_SIZE, priority_word (r, event->priority));
      _ebb_report_pdf_rgb_fill (r, 0);
      for (guint l = 0; l < n_lines; l++)
        {
          _ebb_report_pdf_text (r, r->font, BODY_SIZE, r->left + EV_TEXT, r->y - BODY_SIZE, lines[l]);
          r->y -= LINE;
        }
    }
  r->y -= 10;
}

static void
screening_rows (EbbReportPdf             *r,
                const EbbReportScreening *screening,
                GArray                   *rows)
{
  Row row;

  /* Translators: a row of the screening summary */
  row = (Row) { tr (N_("Screened on")), _ebb_report_pdf_date (r, screening->date) };
  g_array_append_val (rows, row);
  /* Translators: a row of the screening summary: questionnaire id and version */
  row = (Row) { tr (N_("Questionnaire")),
                _ebb_report_pdf_printf (r, tr (N_("%s, version %s")), or_dash (screening->questionnaire_id),
                                        or_dash (screening->questionnaire_version)) };
  g_array_append_val (rows, row);
  /* Translators: a row of the screening summary */
  row = (Row) { tr (N_("Outcome")), _ebb_report_pdf_outcome (r, screening->outcome) };
  g_array_append_val (rows, row);
}

static const char *
clearance_text (EbbReportPdf             *r,
                const EbbReportScreening *screening)
{
  if (screening->clearance_by == NULL || *screening->clearance_by == '\0')
    return tr (N_("none recorded"));

  /* Translators: a clinician's clearance: who, when, and their note */
  return _ebb_report_pdf_printf (r, tr (N_("by %s on %s. %s")), screening->clearance_by,
                                 _ebb_report_pdf_date (r, screening->clearance_at),
                                 screening->clearance_note != NULL ? screening->clearance_note : "");
}

static void
session_layout (EbbReportPdf  *r,
                gconstpointer  model)
{
  const EbbReportData *data = model;
  const char *client = keep (ebb_report_data_client_name (data));
  EbbReportStats stats;
  /* Translators: a session's number, as in "Session 42" */
  const char *session_no = _ebb_report_pdf_printf (r, tr (N_("Session %s")),
                                                   _ebb_report_pdf_printf (r, "%" G_GINT64_FORMAT,
                                                                           data->session_id));
  GDateTime *end = data->end;
  gint64 length_ms = session_ms (data);

  ebb_report_data_compute_stats (data, &stats);

  /* Translators: footer of every page of a session report */
  r->footer = _ebb_report_pdf_printf (r, tr (N_("Session report · %s · %s · %s")), client,
                                      session_no, PACKAGE_NAME " " PACKAGE_VERSION);
  if (data->clinic_name != NULL && *data->clinic_name != '\0')
    /* Translators: header of the session report's continuation pages */
    r->running_head = _ebb_report_pdf_printf (r, tr (N_("%s — session report for %s, %s")),
                                              data->clinic_name, client,
                                              _ebb_report_pdf_date (r, data->start));
  else
    /* Translators: header of the session report's continuation pages
     * when no clinic name is set */
    r->running_head = _ebb_report_pdf_printf (r, tr (N_("Session report for %s, %s")), client,
                                              _ebb_report_pdf_date (r, data->start));
  _ebb_report_pdf_set_info (r,
                            /* Translators: the PDF title of a session report */
                            _ebb_report_pdf_printf (r, tr (N_("Session report: %s, %s")), client,
                                                    _ebb_report_pdf_date (r, data->start)),
                            data->clinic_name,
                            /* Translators: the PDF subject of a session report */
                            _ebb_report_pdf_printf (r, tr (N_("Intermittent negative pressure therapy, %s")),
                                                    session_no));

  _ebb_report_pdf_new_page (r);
  clinic_header (r, data->clinic_name, data->clinic_address, data->clinic_phone, data->clinic_logo,
                 /* Translators: the title of the session report */
                 tr (N_("Session report")),
                 _ebb_report_pdf_printf (r, "%s · %s", session_no, _ebb_report_pdf_date (r, data->start)));
  end_state_banner (r, data);

  {
    Row client_rows[] = {
      { tr (N_("Name")), client },
      { tr (N_("Date of birth")), _ebb_report_pdf_gdate (r, &data->client_birth_date) },
      { tr (N_("Clinic ID")), data->client_clinic_id },
    };
    Row session_rows[] = {
      { tr (N_("Date")), _ebb_report_pdf_date (r, data->start) },
      /* Translators: start and end time of a session */
      { tr (N_("Start – end")),
        end != NULL ? _ebb_report_pdf_printf (r, "%s – %s", _ebb_report_pdf_time (r, data->start),
                                              _ebb_report_pdf_time (r, end))
                    : _ebb_report_pdf_printf (r, tr (N_("%s – not recorded")),
                                              _ebb_report_pdf_time (r, data->start)) },
      { tr (N_("Duration")), _ebb_report_pdf_duration (r, length_ms) },
      { tr (N_("End state")), end_state_word (r, data->end_state) },
      { tr (N_("Operator")), data->operator_name },
      { tr (N_("Chamber")), data->chamber_model != NULL ? recorded_text (r, data->chamber_model) : NULL },
      /* Translators: the chamber's serial number and firmware version */
      { tr (N_("Serial, firmware")),
        _ebb_report_pdf_printf (r, "%s, %s", or_dash (data->chamber_serial), or_dash (data->chamber_firmware)) },
    };
    /* Translators: section of the session report */
    kv_columns (r, tr (N_("Client")), client_rows, G_N_ELEMENTS (client_rows),
                /* Translators: section of the session report */
                tr (N_("Session")), session_rows, G_N_ELEMENTS (session_rows));
  }

  {
    Row profile_rows[] = {
      { tr (N_("Profile")), data->profile_name },
      /* Translators: the vacuum level of a profile */
      { tr (N_("Level")), _ebb_report_pdf_pressure_pa (r, data->level_pa) },
      /* Translators: a profile's cycle: vacuum time, release time */
      { tr (N_("Cycle")), _ebb_report_pdf_printf (r, tr (N_("%u s vacuum, %u s release")),
                                                   data->vacuum_s, data->release_s) },
      { tr (N_("Ramp")), data->ramp_pa_s > 0
          /* Translators: a ramp rate in pascals per second */
          ? _ebb_report_pdf_printf (r, tr (N_("%u Pa/s")), data->ramp_pa_s)
          : tr (N_("as fast as the pump allows")) },
      { tr (N_("Planned duration")), _ebb_report_pdf_duration (r, (gint64) data->duration_s * 1000) },
      { tr (N_("Clinic limit")), data->limit_pa < 0 ? _ebb_report_pdf_pressure_pa (r, data->limit_pa)
                                                    : tr (N_("none")) },
    };
    GArray *rows = new_rows (r);

    if (data->screening != NULL)
      {
        Row row;

        screening_rows (r, data->screening, rows);
        for (guint i = 0; i < data->screening->reasons->len; i++)
          {
            const EbbReportReason *reason = g_ptr_array_index (data->screening->reasons, i);

            /* Translators: a finding of the screening, in the session report */
            row = (Row) { i == 0 ? tr (N_("Findings")) : "", reason->text };
            g_array_append_val (rows, row);
          }
        row = (Row) { tr (N_("Clearance")), clearance_text (r, data->screening) };
        g_array_append_val (rows, row);
      }
    else
      {
        Row row = { tr (N_("Screening")), tr (N_("none recorded")) };

        g_array_append_val (rows, row);
      }

    /* Translators: section of the session report */
    kv_columns (r, tr (N_("Profile as run")), profile_rows, G_N_ELEMENTS (profile_rows),
                /* Translators: section of the session report */
                tr (N_("Screening")), (const Row *) rows->data, rows->len);
  }

  /* Translators: section of the session report */
  heading (r, tr (N_("Pressure during the session")), CHART_HEIGHT);
  _ebb_report_chart_draw (r, data, r->left, r->y, r->right - r->left, CHART_HEIGHT);
  r->y -= CHART_HEIGHT + 12;
  _ebb_report_pdf_check_cancelled (r);

  {
    Row stat_rows[] = {
      /* Translators: completed cycles of planned cycles */
      { tr (N_("Cycles")), _ebb_report_pdf_printf (r, tr (N_("%u of %u completed")),
                                                    stats.cycles_completed, stats.cycles_planned) },
      /* Translators: time at the set level, and its share of the recorded time */
      { tr (N_("Time at level")),
        _ebb_report_pdf_printf (r, tr (N_("%s (%s %% of the vacuum phases)")),
                                _ebb_report_pdf_duration (r, stats.at_level_ms),
                                _ebb_report_pdf_number (r, stats.vacuum_ms > 0 ? 100.0 * stats.at_level_ms / stats.vacuum_ms : 0, 0)) },
      { tr (N_("Mean vacuum at level")), stats.at_level_ms > 0 ? _ebb_report_pdf_pressure (r, stats.mean_vacuum_pa) : NULL },
      { tr (N_("Deepest vacuum")), data->samples->len > 0 ? _ebb_report_pdf_pressure (r, stats.deepest_pa) : NULL },
      /* Translators: deviations from the setpoint, and the largest one */
      { tr (N_("Deviations")), stats.deviations == 0 ? tr (N_("none"))
          : _ebb_report_pdf_printf (r, tr (N_("%u (largest %s)")), stats.deviations,
                                    _ebb_report_pdf_pressure (r, stats.largest_deviation_pa)) },
      { tr (N_("Beyond the clinic limit")), _ebb_report_pdf_printf (r, "%u", stats.limit_exceedances) },
    };
    Row link_rows[] = {
      /* Translators: number of pressure samples and their rate */
      { tr (N_("Samples")), _ebb_report_pdf_printf (r, tr (N_("%u at %s Hz")), data->samples->len,
                                                     _ebb_report_pdf_number (r, stats.sample_rate_hz, 0)) },
      /* Translators: gaps in the recorded data, and the longest one */
      { tr (N_("Gaps in the data")), stats.gaps == 0 ? tr (N_("none"))
          : _ebb_report_pdf_printf (r, tr (N_("%u (longest %s)")), stats.gaps,
                                    _ebb_report_pdf_duration (r, stats.longest_gap_ms)) },
      { tr (N_("Frames lost")), _ebb_report_pdf_printf (r, "%u", data->link_frames_lost) },
      { tr (N_("Checksum errors")), _ebb_report_pdf_printf (r, "%u", data->link_crc_errors) },
      { tr (N_("Link losses")), _ebb_report_pdf_printf (r, "%u", data->link_losses) },
    };

    /* Translators: section of the session report */
    kv_columns (r, tr (N_("Statistics")), stat_rows, G_N_ELEMENTS (stat_rows),
                /* Translators: section of the session report */
                tr (N_("Chamber link")), link_rows, G_N_ELEMENTS (link_rows));
  }

  {
    Row before[] = {
      /* Translators: vital signs measured before the session */
      { tr (N_("Before")), vitals_text (r, &data->vitals_before) },
    };
    Row after[] = {
      /* Translators: vital signs measured after the session */
      { tr (N_("After")), vitals_text (r, &data->vitals_after) },
    };

    /* Translators: section of the session report: blood pressure and heart rate */
    kv_columns (r, tr (N_("Vital signs")), before, 1, "", after, 1);
  }

  events_table (r, data);

  /* Translators: section of the session report */
  heading (r, tr (N_("Technician’s notes")), LINE);
  paragraph (r, r->font, data->technician_notes != NULL && *data->technician_notes != '\0'
                           ? data->technician_notes : tr (N_("None.")), 0);
  r->y -= 8;

  /* Translators: signature line */
  signatures (r, tr (N_("Technician")), data->operator_name,
              /* Translators: signature line */
              tr (N_("Client")), client);
}

static void
screening_layout (EbbReportPdf  *r,
                  gconstpointer  model)
{
  const EbbReportScreening *screening = model;
  GArray *rows = new_rows (r);
  guint32 color;
  Row row;

  /* Translators: footer of every page of a screening summary */
  r->footer = _ebb_report_pdf_printf (r, tr (N_("Screening summary · %s · %s")),
                                      or_dash (screening->client_name), PACKAGE_NAME " " PACKAGE_VERSION);
  r->running_head = r->footer;
  _ebb_report_pdf_set_info (r,
                            /* Translators: the PDF title of a screening summary */
                            _ebb_report_pdf_printf (r, tr (N_("Screening summary: %s, %s")),
                                                    or_dash (screening->client_name),
                                                    _ebb_report_pdf_date (r, screening->date)),
                            screening->clinic_name,
                            tr (N_("Safety screening before intermittent negative pressure therapy")));

  _ebb_report_pdf_new_page (r);
  clinic_header (r, screening->clinic_name, screening->clinic_address, screening->clinic_phone,
                 screening->clinic_logo,
                 /* Translators: the title of the screening summary */
                 tr (N_("Screening summary")), _ebb_report_pdf_date (r, screening->date));

  switch (screening->outcome)
    {
    case EBB_REPORT_OUTCOME_CLEAR:
    case EBB_REPORT_OUTCOME_NOTE:
      color = COLOR_OK;
      break;
    case EBB_REPORT_OUTCOME_REFER:
      color = COLOR_WARN;
      break;
    case EBB_REPORT_OUTCOME_EXCLUDE:
    default:
      color = COLOR_BAD;
      break;
    }
  banner (r, color, _ebb_report_pdf_outcome (r, screening->outcome),
          screening->valid_until != NULL
            /* Translators: until when a screening is valid */
            ? _ebb_report_pdf_printf (r, tr (N_("Valid until %s, provided nothing in the client’s health has changed.")),
                                      _ebb_report_pdf_date (r, screening->valid_until))
            : NULL);

  screening_rows (r, screening, rows);
  row = (Row) { tr (N_("Valid until")), screening->valid_until != NULL ? _ebb_report_pdf_date (r, screening->valid_until) : NULL };
  g_array_append_val (rows, row);

  {
    Row client_rows[] = {
      { tr (N_("Name")), screening->client_name },
      { tr (N_("Date of birth")), _ebb_report_pdf_gdate (r, &screening->client_birth_date) },
      { tr (N_("Clinic ID")), screening->client_clinic_id },
    };

    kv_columns (r, tr (N_("Client")), client_rows, G_N_ELEMENTS (client_rows),
                tr (N_("Screening")), (const Row *) rows->data, rows->len);
  }

  /* Translators: section of the screening summary */
  heading (r, tr (N_("Reasons")), LINE);
  if (screening->reasons->len == 0)
    paragraph (r, r->font, tr (N_("No item of the questionnaire applies.")), 0);
  for (guint i = 0; i < screening->reasons->len; i++)
    {
      const EbbReportReason *reason = g_ptr_array_index (screening->reasons, i);
      const char *cls;

      switch (reason->outcome)
        {
        case EBB_REPORT_OUTCOME_EXCLUDE:
          cls = "EXCLUDE";
          break;
        case EBB_REPORT_OUTCOME_REFER:
          cls = "REFER";
          break;
        case EBB_REPORT_OUTCOME_NOTE:
          cls = "NOTE";
          break;
        case EBB_REPORT_OUTCOME_CLEAR:
        default:
          cls = "CLEAR";
          break;
        }
      _ebb_report_pdf_ensure (r, LINE);
      _ebb_report_pdf_text (r, r->bold, BODY_SIZE, r->left, r->y - BODY_SIZE, cls);
      paragraph (r, r->font, reason->text, 60);
    }
  r->y -= 10;

  if (screening->scores->len > 0)
    {
      GArray *score_rows = new_rows (r);

      for (guint i = 0; i < screening->scores->len; i++)
        {
          const EbbReportScore *score = g_ptr_array_index (screening->scores, i);

          row = (Row) { score->name, score->value };
          g_array_append_val (score_rows, row);
        }
      _ebb_report_pdf_ensure (r, HEADING_SIZE + 10 + LINE * score_rows->len);
      /* Translators: section of the screening summary */
      r->y -= kv_block (r, r->left, r->y, r->right - r->left, tr (N_("Scores")),
                        (const Row *) score_rows->data, score_rows->len) + 12;
    }

  /* Translators: section of the screening summary */
  heading (r, tr (N_("Clinician’s clearance")), LINE);
  paragraph (r, r->font, clearance_text (r, screening), 0);
  r->y -= 8;

  /* Translators: signature line on the screening summary */
  signatures (r, tr (N_("Screened by")), screening->screened_by, tr (N_("Client")),
              screening->client_name);
}

#undef tr
#undef keep

/**
 * ebb_report_options_new:
 *
 * Returns: (transfer full): A4, the user interface's language, mmHg and
 *   the fonts fontconfig finds
 */
EbbReportOptions *
ebb_report_options_new (void)
{
  EbbReportOptions *options = g_new0 (EbbReportOptions, 1);

  options->paper = EBB_REPORT_PAPER_A4;
  options->unit = EBB_PRESSURE_UNIT_MMHG;
  return options;
}

/**
 * ebb_report_options_new_from_settings:
 * @settings: the application's settings
 *
 * Reads `paper-size` (auto follows the locale), `report-language` and
 * `pressure-unit`.
 *
 * Returns: (transfer full): the options
 */
EbbReportOptions *
ebb_report_options_new_from_settings (GSettings *settings)
{
  EbbReportOptions *options = ebb_report_options_new ();
  g_autofree char *paper = g_settings_get_string (settings, "paper-size");

  if (!ebb_report_paper_from_id (paper, &options->paper))
    options->paper = ebb_report_paper_default ();
  options->unit = ebb_environment_pressure_unit (settings);
  options->language = g_settings_get_string (settings, "report-language");
  return options;
}

EbbReportOptions *
ebb_report_options_copy (const EbbReportOptions *options)
{
  EbbReportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->language = g_strdup (options->language);
  copy->font_path = g_strdup (options->font_path);
  return copy;
}

void
ebb_report_options_free (EbbReportOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->language);
  g_free (options->font_path);
  g_free (options);
}

/**
 * ebb_report_paper_for_locale:
 * @locale: (nullable): a POSIX locale name such as "en_US.UTF-8"
 *
 * Returns: US Letter for the United States and Canada, A4 elsewhere
 */
EbbReportPaper
ebb_report_paper_for_locale (const char *locale)
{
  const char *territory;
  gsize len;

  if (locale == NULL || (territory = strchr (locale, '_')) == NULL)
    return EBB_REPORT_PAPER_A4;

  territory++;
  len = strcspn (territory, ".@");
  if (len == 2 && (strncmp (territory, "US", 2) == 0 || strncmp (territory, "CA", 2) == 0))
    return EBB_REPORT_PAPER_LETTER;

  return EBB_REPORT_PAPER_A4;
}

/**
 * ebb_report_paper_default:
 *
 * The paper size of the "auto" setting, from the locale the environment
 * names for paper (LC_ALL, then LC_PAPER, then LANG, as POSIX orders
 * them). The environment is read rather than setlocale() so the answer
 * does not depend on which locales happen to be installed.
 *
 * Returns: the paper size
 */
EbbReportPaper
ebb_report_paper_default (void)
{
  const char *vars[] = { "LC_ALL", "LC_PAPER", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *value = g_getenv (vars[i]);

      if (value != NULL && *value != '\0')
        return ebb_report_paper_for_locale (value);
    }

  return EBB_REPORT_PAPER_A4;
}

/**
 * ebb_report_paper_from_id:
 * @id: "a4" or "letter"
 * @paper: (out): the paper size
 *
 * Returns: %FALSE for any other identifier, including "auto"
 */
gboolean
ebb_report_paper_from_id (const char     *id,
                          EbbReportPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_strcmp0 (id, "a4") == 0)
    *paper = EBB_REPORT_PAPER_A4;
  else if (g_strcmp0 (id, "letter") == 0)
    *paper = EBB_REPORT_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}

/**
 * ebb_report_render:
 * @data: what the report prints
 * @path: the PDF file to write; replaced atomically
 * @options: paper, language, unit and fonts
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error in %EBB_REPORT_ERROR
 *
 * Renders a session report. Blocks; use ebb_report_render_async() from a
 * main loop.
 *
 * Returns: %TRUE when @path holds the report
 */
gboolean
ebb_report_render (const EbbReportData    *data,
                   const char             *path,
                   const EbbReportOptions *options,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data->start == NULL)
    {
      g_set_error_literal (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_INVALID_DATA,
                           _("The session has no start time, so no report can be printed."));
      return FALSE;
    }

  /* No setting can make the clinic limit deeper than the factory limit
   * (ebb_profile_effective_clinic_limit); a report must not print one. */
  if (data->limit_pa < EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA)
    {
      g_autofree char *limit = g_strdup_printf ("%d", data->limit_pa);

      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_INVALID_DATA,
                   _("The clinic limit of %s Pa is deeper than the console allows, so no report "
                     "can be printed. Set the clinic limit again in Preferences."), limit);
      return FALSE;
    }

  return _ebb_report_pdf_run (options, path, session_layout, data, cancellable, error);
}

/**
 * ebb_report_render_screening:
 * @screening: the screening to summarise
 * @path: the PDF file to write; replaced atomically
 * @options: paper, language and fonts
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error in %EBB_REPORT_ERROR
 *
 * Renders the one-page screening summary. Blocks.
 *
 * Returns: %TRUE when @path holds the summary
 */
gboolean
ebb_report_render_screening (const EbbReportScreening *screening,
                             const char               *path,
                             const EbbReportOptions   *options,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_return_val_if_fail (screening != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _ebb_report_pdf_run (options, path, screening_layout, screening, cancellable, error);
}

/* Everything a worker needs, copied, so the caller may change or free its
 * own model while the report renders. */
typedef struct
{
  EbbReportData      *data;
  EbbReportScreening *screening;
  char               *path;
  EbbReportOptions   *options;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->data, ebb_report_data_free);
  g_clear_pointer (&job->screening, ebb_report_screening_free);
  g_free (job->path);
  g_clear_pointer (&job->options, ebb_report_options_free);
  g_free (job);
}

static void
render_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (job->data != NULL)
    ok = ebb_report_render (job->data, job->path, job->options, cancellable, &error);
  else
    ok = ebb_report_render_screening (job->screening, job->path, job->options, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_job (RenderJob           *job,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread_cb);
}

/**
 * ebb_report_render_async:
 * @data: what the report prints; copied
 * @path: the PDF file to write
 * @options: paper, language, unit and fonts; copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Renders a session report on a worker thread.
 */
void
ebb_report_render_async (const EbbReportData    *data,
                         const char             *path,
                         const EbbReportOptions *options,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  RenderJob *job;

  g_return_if_fail (data != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (options != NULL);

  job = g_new0 (RenderJob, 1);
  job->data = ebb_report_data_copy (data);
  job->path = g_strdup (path);
  job->options = ebb_report_options_copy (options);
  start_job (job, ebb_report_render_async, cancellable, callback, user_data);
}

gboolean
ebb_report_render_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ebb_report_render_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ebb_report_render_screening_async:
 * @screening: the screening to summarise; copied
 * @path: the PDF file to write
 * @options: paper, language and fonts; copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Renders the screening summary on a worker thread.
 */
void
ebb_report_render_screening_async (const EbbReportScreening *screening,
                                   const char               *path,
                                   const EbbReportOptions   *options,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  RenderJob *job;

  g_return_if_fail (screening != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (options != NULL);

  job = g_new0 (RenderJob, 1);
  job->screening = ebb_report_screening_copy (screening);
  job->path = g_strdup (path);
  job->options = ebb_report_options_copy (options);
  start_job (job, ebb_report_render_screening_async, cancellable, callback, user_data);
}

gboolean
ebb_report_render_screening_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ebb_report_render_screening_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
