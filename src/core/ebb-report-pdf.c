/* ebb-report-pdf.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report-pdf"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ebb-report-private.h"

#define MARGIN          42.0f   /* about 15 mm */
#define FOOTER_HEIGHT   24.0f
#define FOOTER_SIZE      7.5f
#define HEAD_SIZE        7.5f
#define BOLD_STROKE     0.05f   /* of the font size */
#define COLOR_MUTED  0x5e5e5eU
#define COLOR_RULE   0xb0b0b0U

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} OwnedData;

static void
error_cb (HPDF_STATUS  error_no,
          HPDF_STATUS  detail_no,
          void        *user_data)
{
  EbbReportPdf *r = user_data;

  r->hpdf_error = error_no;
  r->hpdf_detail = detail_no;
  longjmp (r->jmp, 1);
}

/* Asks fontconfig for @pattern and accepts only TrueType outlines, the only
 * kind libharu 2.3 can embed with UTF-8 text (performance-baselines §4.2). */
static char *
find_font (const char *pattern)
{
  FcPattern *pat = FcNameParse ((const FcChar8 *) pattern);
  FcPattern *match;
  FcResult result;
  FcChar8 *file = NULL;
  FcChar8 *format = NULL;
  char *found = NULL;

  if (pat == NULL)
    return NULL;

  FcConfigSubstitute (NULL, pat, FcMatchPattern);
  FcDefaultSubstitute (pat);
  match = FcFontMatch (NULL, pat, &result);
  FcPatternDestroy (pat);
  if (match == NULL)
    return NULL;

  if (FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch &&
      FcPatternGetString (match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
      strcmp ((const char *) format, "TrueType") == 0 &&
      g_str_has_suffix ((const char *) file, ".ttf"))
    found = g_strdup ((const char *) file);

  FcPatternDestroy (match);
  return found;
}

static char *
resolve_font (const char  *configured,
              const char  *pattern,
              GError     **error)
{
  g_autofree char *path = configured != NULL ? g_strdup (configured) : find_font (pattern);

  if (path == NULL)
    {
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_FONT_MISSING,
                   _("No TrueType font for reports was found (looked for “%s”). "
                     "Install the package fonts-dejavu-core."), pattern);
      return NULL;
    }

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_FONT_MISSING,
                   _("The report font %s does not exist. "
                     "Install the package fonts-dejavu-core."), path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static void
draw_footers (EbbReportPdf *r)
{
  guint n = r->pages->len;

  for (guint i = 0; i < n; i++)
    {
      const char *page_of;

      r->page = g_ptr_array_index (r->pages, i);
      /* Translators: the page footer of printed reports */
      page_of = _ebb_report_pdf_printf (r, _ebb_report_pdf_tr (r, N_("Page %u of %u")), i + 1, n);

      _ebb_report_pdf_rgb_stroke (r, COLOR_RULE);
      HPDF_Page_SetLineWidth (r->page, 0.5f);
      HPDF_Page_MoveTo (r->page, r->left, r->bottom - 8);
      HPDF_Page_LineTo (r->page, r->right, r->bottom - 8);
      HPDF_Page_Stroke (r->page);

      _ebb_report_pdf_rgb_fill (r, COLOR_MUTED);
      if (r->footer != NULL)
        _ebb_report_pdf_text (r, r->font, FOOTER_SIZE, r->left, r->bottom - 18, r->footer);
      _ebb_report_pdf_text_right (r, r->font, FOOTER_SIZE, r->right, r->bottom - 18, page_of);
      _ebb_report_pdf_rgb_fill (r, 0);
    }
}

static GBytes *
run_guarded (EbbReportPdf        *r,
             const char          *font_path,
             EbbReportLayoutFunc  layout,
             gconstpointer        model)
{
  const char *name;
  HPDF_UINT32 size;
  guchar *buffer;

  if (setjmp (r->jmp) != 0)
    return NULL;

  r->stage = EBB_REPORT_STAGE_SETUP;
  HPDF_SetCompressionMode (r->pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (r->pdf);
  HPDF_SetCurrentEncoder (r->pdf, "UTF-8");

  r->stage = EBB_REPORT_STAGE_FONT;
  name = HPDF_LoadTTFontFromFile (r->pdf, font_path, HPDF_TRUE);
  r->hpdf_font = HPDF_GetFont (r->pdf, name, "UTF-8");
  r->font = EBB_REPORT_FACE_REGULAR;
  r->bold = EBB_REPORT_FACE_BOLD;

  r->stage = EBB_REPORT_STAGE_DRAW;
  layout (r, model);
  draw_footers (r);
  _ebb_report_pdf_check_cancelled (r);

  r->stage = EBB_REPORT_STAGE_SAVE;
  HPDF_SaveToStream (r->pdf);
  size = HPDF_GetStreamSize (r->pdf);
  buffer = g_malloc (size);
  g_ptr_array_add (r->strings, buffer);
  HPDF_ReadFromStream (r->pdf, buffer, &size);

  return g_bytes_new (buffer, size);
}

static void
set_hpdf_error (EbbReportPdf  *r,
                GError       **error)
{
  switch (r->stage)
    {
    case EBB_REPORT_STAGE_FONT:
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_FONT_MISSING,
                   _("The report font could not be loaded (libharu error 0x%04X). "
                     "Install the package fonts-dejavu-core."), (guint) r->hpdf_error);
      break;
    case EBB_REPORT_STAGE_LOGO:
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LOGO_INVALID,
                   _("The clinic logo could not be read (libharu error 0x%04X). "
                     "Choose a PNG or JPEG image in Preferences, or remove the logo."),
                   (guint) r->hpdf_error);
      break;
    case EBB_REPORT_STAGE_SETUP:
    case EBB_REPORT_STAGE_DRAW:
    case EBB_REPORT_STAGE_SAVE:
    default:
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_RENDER_FAILED,
                   _("The report could not be rendered (libharu error 0x%04X, detail %u). "
                     "Try again; if it fails again, report this error number."),
                   (guint) r->hpdf_error, (guint) r->hpdf_detail);
      break;
    }
}

/*
 * Builds one document with @layout and writes it to @path. The file is
 * replaced atomically, so a failed or cancelled render never leaves half a
 * report where a good one was.
 */
gboolean
_ebb_report_pdf_run (const EbbReportOptions  *options,
                     const char              *path,
                     EbbReportLayoutFunc      layout,
                     gconstpointer            model,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autofree char *font_path = NULL;
  g_autoptr(EbbReportCatalog) catalog = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) write_error = NULL;
  EbbReportPdf r = { 0, };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  font_path = resolve_font (options->font_path, "DejaVu Sans:style=Book", error);
  if (font_path == NULL)
    return FALSE;

  catalog = ebb_report_catalog_new (options->language, error);
  if (catalog == NULL)
    return FALSE;

  r.options = options;
  r.catalog = catalog;
  r.cancellable = cancellable;
  r.strings = g_ptr_array_new_with_free_func (g_free);
  r.strvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  r.owned = g_array_new (FALSE, FALSE, sizeof (OwnedData));
  r.pages = g_ptr_array_new ();
  r.pdf = HPDF_New (error_cb, &r);
  if (r.pdf != NULL)
    bytes = run_guarded (&r, font_path, layout, model);

  if (bytes == NULL)
    {
      if (r.error != NULL)
        g_propagate_error (error, g_steal_pointer (&r.error));
      else if (r.cancelled)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      else if (r.pdf == NULL)
        g_set_error_literal (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_RENDER_FAILED,
                             _("The report could not be rendered: out of memory."));
      else
        set_hpdf_error (&r, error);
    }

  if (r.pdf != NULL)
    HPDF_Free (r.pdf);
  g_ptr_array_unref (r.pages);
  for (guint i = r.owned->len; i > 0; i--)
    {
      OwnedData *owned = &g_array_index (r.owned, OwnedData, i - 1);

      owned->destroy (owned->data);
    }
  g_array_unref (r.owned);
  g_ptr_array_unref (r.strvs);
  g_ptr_array_unref (r.strings);

  if (bytes == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &write_error))
    {
      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_WRITE_FAILED,
                   _("The report could not be saved as %s: %s. Choose a folder you can "
                     "write to and check that the disk is not full."),
                   path, write_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Ends the document with @error (taken). */
void
_ebb_report_pdf_fail (EbbReportPdf *r,
                      GError       *error)
{
  g_clear_error (&r->error);
  r->error = error;
  longjmp (r->jmp, 1);
}

void
_ebb_report_pdf_check_cancelled (EbbReportPdf *r)
{
  if (g_cancellable_is_cancelled (r->cancellable))
    {
      r->cancelled = TRUE;
      longjmp (r->jmp, 1);
    }
}

/* Takes @string and frees it with the document. */
const char *
_ebb_report_pdf_keep (EbbReportPdf *r,
                      char         *string)
{
  g_ptr_array_add (r->strings, string);
  return string;
}

/* Takes @data and frees it with @destroy after the document, even when
 * libharu's error handler jumps out of the frame that allocated it. */
gpointer
_ebb_report_pdf_own (EbbReportPdf   *r,
                     gpointer        data,
                     GDestroyNotify  destroy)
{
  OwnedData owned = { data, destroy };

  g_array_append_val (r->owned, owned);
  return data;
}

const char *
_ebb_report_pdf_printf (EbbReportPdf *r,
                        const char   *format,
                        ...)
{
  va_list args;
  char *string;

  va_start (args, format);
  string = g_strdup_vprintf (format, args);
  va_end (args);

  return _ebb_report_pdf_keep (r, string);
}

const char *
_ebb_report_pdf_tr (EbbReportPdf *r,
                    const char   *msgid)
{
  return ebb_report_catalog_get (r->catalog, msgid);
}

const char *
_ebb_report_pdf_trc (EbbReportPdf *r,
                     const char   *context,
                     const char   *msgid)
{
  return ebb_report_catalog_pget (r->catalog, context, msgid);
}

void
_ebb_report_pdf_new_page (EbbReportPdf *r)
{
  gboolean continuation = r->pages->len > 0;

  _ebb_report_pdf_check_cancelled (r);

  r->page = HPDF_AddPage (r->pdf);
  HPDF_Page_SetSize (r->page,
                     r->options->paper == EBB_REPORT_PAPER_LETTER ? HPDF_PAGE_SIZE_LETTER
                                                                  : HPDF_PAGE_SIZE_A4,
                     HPDF_PAGE_PORTRAIT);
  g_ptr_array_add (r->pages, r->page);

  r->width = HPDF_Page_GetWidth (r->page);
  r->height = HPDF_Page_GetHeight (r->page);
  r->left = MARGIN;
  r->right = r->width - MARGIN;
  r->top = r->height - MARGIN;
  r->bottom = MARGIN + FOOTER_HEIGHT;
  r->y = r->top;

  if (continuation && r->running_head != NULL)
    {
      _ebb_report_pdf_rgb_fill (r, COLOR_MUTED);
      _ebb_report_pdf_text (r, r->font, HEAD_SIZE, r->left, r->y - HEAD_SIZE, r->running_head);
      _ebb_report_pdf_rgb_fill (r, 0);
      _ebb_report_pdf_rgb_stroke (r, COLOR_RULE);
      HPDF_Page_SetLineWidth (r->page, 0.5f);
      HPDF_Page_MoveTo (r->page, r->left, r->y - HEAD_SIZE - 5);
      HPDF_Page_LineTo (r->page, r->right, r->y - HEAD_SIZE - 5);
      HPDF_Page_Stroke (r->page);
      r->y -= HEAD_SIZE + 18;
    }
}

/* Starts a new page unless @height fits above the footer. */
void
_ebb_report_pdf_ensure (EbbReportPdf *r,
                        float         height)
{
  if (r->y - height < r->bottom)
    _ebb_report_pdf_new_page (r);
}

/* Text from the database should be UTF-8; what is not is printed with
 * replacement characters rather than handed to libharu's UTF-8 encoder.
 * Control characters (tabs, stray carriage returns) print as spaces, not
 * as the font's missing-glyph box. */
static const char *
valid_utf8 (EbbReportPdf *r,
            const char   *text)
{
  gboolean controls = FALSE;
  char *copy;

  for (const char *p = text; *p != '\0' && !controls; p++)
    controls = (guchar) *p < 0x20 && *p != '\n';
  if (!controls && g_utf8_validate (text, -1, NULL))
    return text;

  copy = g_utf8_make_valid (text, -1);
  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      *p = ' ';

  return _ebb_report_pdf_keep (r, copy);
}

float
_ebb_report_pdf_text_width (EbbReportPdf  *r,
                            EbbReportFace  face,
                            float          size,
                            const char    *text)
{
  float width;

  text = valid_utf8 (r, text);
  HPDF_Page_SetFontAndSize (r->page, r->hpdf_font, size);
  width = HPDF_Page_TextWidth (r->page, text);
  /* The stroke of the bold face widens every glyph by its width. */
  if (face == EBB_REPORT_FACE_BOLD)
    width += size * BOLD_STROKE * g_utf8_strlen (text, -1);

  return width;
}

void
_ebb_report_pdf_text (EbbReportPdf  *r,
                      EbbReportFace  face,
                      float          size,
                      float          x,
                      float          y,
                      const char    *text)
{
  if (text == NULL || *text == '\0')
    return;

  text = valid_utf8 (r, text);
  if (face == EBB_REPORT_FACE_BOLD)
    {
      HPDF_RGBColor fill = HPDF_Page_GetRGBFill (r->page);

      HPDF_Page_GSave (r->page);
      HPDF_Page_SetRGBStroke (r->page, fill.r, fill.g, fill.b);
      HPDF_Page_SetLineWidth (r->page, size * BOLD_STROKE);
      HPDF_Page_SetLineJoin (r->page, HPDF_ROUND_JOIN);
    }

  HPDF_Page_BeginText (r->page);
  HPDF_Page_SetFontAndSize (r->page, r->hpdf_font, size);
  if (face == EBB_REPORT_FACE_BOLD)
    {
      /* Spread the glyphs by the stroke so bold letters do not touch. */
      HPDF_Page_SetCharSpace (r->page, size * BOLD_STROKE);
      HPDF_Page_SetTextRenderingMode (r->page, HPDF_FILL_THEN_STROKE);
    }
  HPDF_Page_TextOut (r->page, x, y, text);
  HPDF_Page_EndText (r->page);

  /* Restores the line width and, in libharu's bookkeeping as in the PDF,
   * the character spacing and rendering mode. */
  if (face == EBB_REPORT_FACE_BOLD)
    HPDF_Page_GRestore (r->page);
}

void
_ebb_report_pdf_text_right (EbbReportPdf *r,
                            EbbReportFace font,
                            float         size,
                            float         x,
                            float         y,
                            const char   *text)
{
  if (text == NULL || *text == '\0')
    return;

  _ebb_report_pdf_text (r, font, size, x - _ebb_report_pdf_text_width (r, font, size, text), y, text);
}

void
_ebb_report_pdf_text_center (EbbReportPdf *r,
                             EbbReportFace font,
                             float         size,
                             float         x,
                             float         y,
                             const char   *text)
{
  if (text == NULL || *text == '\0')
    return;

  _ebb_report_pdf_text (r, font, size, x - _ebb_report_pdf_text_width (r, font, size, text) / 2,
                        y, text);
}

static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

/* Appends @word to @lines, cut into pieces that fit @width when even the
 * word alone is too wide (long identifiers, URLs). */
static void
add_long_word (EbbReportPdf *r,
               EbbReportFace font,
               float         size,
               GPtrArray    *lines,
               GString      *line,
               const char   *word,
               float         width)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize before = line->len;

      g_string_append_len (line, p, g_utf8_next_char (p) - p);
      if (before > 0 && _ebb_report_pdf_text_width (r, font, size, line->str) > width)
        {
          g_string_truncate (line, before);
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, "");
          g_string_append_len (line, p, g_utf8_next_char (p) - p);
        }
    }
}

/*
 * Breaks @text into lines no wider than @width at spaces, keeping its own
 * line breaks. Returns a NULL-terminated array owned by @r; at least one
 * (possibly empty) line.
 */
char **
_ebb_report_pdf_wrap (EbbReportPdf *r,
                      EbbReportFace font,
                      float         size,
                      const char   *text,
                      float         width)
{
  GPtrArray *lines = _ebb_report_pdf_own (r, g_ptr_array_new_with_free_func (g_free),
                                          (GDestroyNotify) g_ptr_array_unref);
  char **paragraphs = g_strsplit (text != NULL ? valid_utf8 (r, text) : "", "\n", -1);
  char **result;

  g_ptr_array_add (r->strvs, paragraphs);
  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      char **words = g_strsplit (g_strchomp (paragraphs[p]), " ", -1);
      GString *line = _ebb_report_pdf_own (r, g_string_new (NULL), free_string);

      g_ptr_array_add (r->strvs, words);

      for (guint w = 0; words[w] != NULL; w++)
        {
          gsize before = line->len;

          if (*words[w] == '\0')
            continue;
          if (before > 0)
            g_string_append_c (line, ' ');
          g_string_append (line, words[w]);
          if (_ebb_report_pdf_text_width (r, font, size, line->str) <= width)
            continue;

          g_string_truncate (line, before);
          if (before > 0)
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_assign (line, "");
            }
          if (_ebb_report_pdf_text_width (r, font, size, words[w]) <= width)
            g_string_assign (line, words[w]);
          else
            add_long_word (r, font, size, lines, line, words[w], width);
        }
      g_ptr_array_add (lines, g_strdup (line->str));
    }

  /* The lines move into a string vector owned by @r. */
  result = g_new0 (char *, lines->len + 1);
  for (guint i = 0; i < lines->len; i++)
    result[i] = g_steal_pointer (&lines->pdata[i]);
  g_ptr_array_set_size (lines, 0);
  g_ptr_array_add (r->strvs, result);
  return result;
}

void
_ebb_report_pdf_rgb_fill (EbbReportPdf *r,
                          guint32       rgb)
{
  HPDF_Page_SetRGBFill (r->page, ((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f,
                        (rgb & 0xff) / 255.0f);
}

void
_ebb_report_pdf_rgb_stroke (EbbReportPdf *r,
                            guint32       rgb)
{
  HPDF_Page_SetRGBStroke (r->page, ((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f,
                          (rgb & 0xff) / 255.0f);
}

/*
 * Formats a number in the report's language, not the process's: the
 * decimal separator comes from the report's catalogue, the minus sign is
 * U+2212, and values that round to zero print as "0".
 */
const char *
_ebb_report_pdf_number (EbbReportPdf *r,
                        double        value,
                        guint         decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  double scale = pow (10.0, decimals);
  double rounded = round (fabs (value) * scale) / scale;
  g_autoptr(GString) text = g_string_new (NULL);

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, rounded);

  if (value < 0 && rounded > 0)
    g_string_append (text, "\u2212");
  for (const char *p = buffer; *p != '\0'; p++)
    {
      if (*p == '.')
        /* Translators: the decimal separator in printed reports */
        g_string_append (text, _ebb_report_pdf_trc (r, "decimal separator", NC_("decimal separator", ".")));
      else
        g_string_append_c (text, *p);
    }

  return _ebb_report_pdf_keep (r, g_string_free (g_steal_pointer (&text), FALSE));
}

const char *
_ebb_report_pdf_unit_symbol (EbbReportPdf *r)
{
  switch (r->options->unit)
    {
    case EBB_PRESSURE_UNIT_MMHG:
      /* Translators: unit symbol, millimetres of mercury */
      return _ebb_report_pdf_tr (r, N_("mmHg"));
    case EBB_PRESSURE_UNIT_MBAR:
      /* Translators: unit symbol, millibar */
      return _ebb_report_pdf_tr (r, N_("mbar"));
    case EBB_PRESSURE_UNIT_KPA:
      /* Translators: unit symbol, kilopascal */
      return _ebb_report_pdf_tr (r, N_("kPa"));
    default:
      g_return_val_if_reached ("");
    }
}

double
_ebb_report_pdf_to_unit (EbbReportPdf *r,
                         gint32        pa)
{
  return ebb_units_pa_to (pa, r->options->unit);
}

/* "−40 mmHg" */
static const char *
pressure_with_decimals (EbbReportPdf *r,
                        gint32        pa,
                        guint         decimals)
{
  const char *value = _ebb_report_pdf_number (r, _ebb_report_pdf_to_unit (r, pa), decimals);

  return _ebb_report_pdf_printf (r, _ebb_report_pdf_trc (r, "pressure", NC_("pressure", "%s %s")),
                                 value, _ebb_report_pdf_unit_symbol (r));
}

const char *
_ebb_report_pdf_pressure (EbbReportPdf *r,
                          gint32        pa)
{
  return pressure_with_decimals (r, pa, ebb_units_decimals (r->options->unit));
}

/* A set pressure (level, limit) with the decimal it may need. */
const char *
_ebb_report_pdf_set_pressure (EbbReportPdf *r,
                              gint32        pa)
{
  return pressure_with_decimals (r, pa, ebb_units_setting_decimals (pa, r->options->unit));
}

/* "−40 mmHg (−5333 Pa)": the display unit for the reader, pascals for the
 * record, since the chamber and the database work in pascals. */
const char *
_ebb_report_pdf_pressure_pa (EbbReportPdf *r,
                             gint32        pa)
{
  /* Translators: a pressure in the display unit, then in pascals */
  return _ebb_report_pdf_printf (r, _ebb_report_pdf_tr (r, N_("%s (%s Pa)")),
                                 _ebb_report_pdf_set_pressure (r, pa),
                                 _ebb_report_pdf_number (r, pa, 0));
}

const char *
_ebb_report_pdf_date (EbbReportPdf *r,
                      GDateTime    *date_time)
{
  if (date_time == NULL)
    return "";

  /* Translators: the date format of printed reports (strftime) */
  return _ebb_report_pdf_keep (r, g_date_time_format (date_time,
                                                      _ebb_report_pdf_trc (r, "report date", NC_("report date", "%Y-%m-%d"))));
}

const char *
_ebb_report_pdf_gdate (EbbReportPdf *r,
                       const GDate  *date)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (date == NULL || !g_date_valid (date))
    return _ebb_report_pdf_tr (r, N_("unknown"));

  date_time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                   g_date_get_day (date), 0, 0, 0);
  return _ebb_report_pdf_date (r, date_time);
}

const char *
_ebb_report_pdf_time (EbbReportPdf *r,
                      GDateTime    *date_time)
{
  if (date_time == NULL)
    return "";

  return _ebb_report_pdf_keep (r, g_date_time_format (date_time, "%H:%M:%S"));
}

/* "30 min 05 s" */
const char *
_ebb_report_pdf_duration (EbbReportPdf *r,
                          gint64        ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  if (s < 60)
    /* Translators: a duration in seconds */
    return _ebb_report_pdf_printf (r, _ebb_report_pdf_tr (r, N_("%u s")), (guint) s);

  /* Translators: a duration in minutes and seconds */
  return _ebb_report_pdf_printf (r, _ebb_report_pdf_tr (r, N_("%u min %02u s")),
                                 (guint) (s / 60), (guint) (s % 60));
}

/* Elapsed time as "m:ss", or "h:mm:ss" past an hour. */
const char *
_ebb_report_pdf_clock (EbbReportPdf *r,
                       gint64        ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  if (s >= 3600)
    return _ebb_report_pdf_printf (r, "%u:%02u:%02u", (guint) (s / 3600),
                                   (guint) (s / 60 % 60), (guint) (s % 60));

  return _ebb_report_pdf_printf (r, "%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

const char *
_ebb_report_pdf_outcome (EbbReportPdf     *r,
                         EbbReportOutcome  outcome)
{
  switch (outcome)
    {
    case EBB_REPORT_OUTCOME_CLEAR:
      /* Translators: screening outcome class */
      return _ebb_report_pdf_tr (r, N_("CLEAR: no findings"));
    case EBB_REPORT_OUTCOME_NOTE:
      /* Translators: screening outcome class */
      return _ebb_report_pdf_tr (r, N_("NOTE: proceed, findings recorded"));
    case EBB_REPORT_OUTCOME_REFER:
      /* Translators: screening outcome class */
      return _ebb_report_pdf_tr (r, N_("REFER: a session needs a clinician’s clearance"));
    case EBB_REPORT_OUTCOME_EXCLUDE:
      /* Translators: screening outcome class */
      return _ebb_report_pdf_tr (r, N_("EXCLUDE: no session today"));
    default:
      return _ebb_report_pdf_tr (r, N_("unknown"));
    }
}

/* PDF metadata. libharu encodes the strings with the current encoder
 * (UTF-8), which viewers show correctly. */
void
_ebb_report_pdf_set_info (EbbReportPdf *r,
                          const char   *title,
                          const char   *author,
                          const char   *subject)
{
  GDateTime *now = _ebb_report_pdf_own (r, g_date_time_new_now_local (),
                                        (GDestroyNotify) g_date_time_unref);
  gint offset_min = (gint) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE);
  HPDF_Date date = { 0, };

  HPDF_SetInfoAttr (r->pdf, HPDF_INFO_TITLE, title);
  if (author != NULL && *author != '\0')
    HPDF_SetInfoAttr (r->pdf, HPDF_INFO_AUTHOR, author);
  HPDF_SetInfoAttr (r->pdf, HPDF_INFO_SUBJECT, subject);
  HPDF_SetInfoAttr (r->pdf, HPDF_INFO_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);

  date.year = g_date_time_get_year (now);
  date.month = g_date_time_get_month (now);
  date.day = g_date_time_get_day_of_month (now);
  date.hour = g_date_time_get_hour (now);
  date.minutes = g_date_time_get_minute (now);
  date.seconds = g_date_time_get_second (now);
  date.ind = offset_min == 0 ? 'Z' : offset_min > 0 ? '+' : '-';
  date.off_hour = ABS (offset_min) / 60;
  date.off_minutes = ABS (offset_min) % 60;
  HPDF_SetInfoDateAttr (r->pdf, HPDF_INFO_CREATION_DATE, date);
}
