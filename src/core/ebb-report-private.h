/* ebb-report-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <hpdf.h>
#include <setjmp.h>

#include "ebb-report-catalog.h"
#include "ebb-report.h"

G_BEGIN_DECLS

/*
 * The page machinery shared by the session report and the screening
 * summary: one EbbReportPdf per document, used on one thread.
 *
 * libharu reports errors through a handler; ours longjmps back to the
 * frame that started the document (the pattern libharu's own examples
 * use). So that nothing leaks on that jump, every temporary the layout
 * code allocates is owned by the EbbReportPdf (see _ebb_report_pdf_keep)
 * and freed after the document, whichever way it ended.
 */

typedef enum
{
  EBB_REPORT_STAGE_SETUP,
  EBB_REPORT_STAGE_FONT,
  EBB_REPORT_STAGE_LOGO,
  EBB_REPORT_STAGE_DRAW,
  EBB_REPORT_STAGE_SAVE,
} EbbReportStage;

/* The report uses one embedded font, DejaVu Sans, and draws its bold face
 * by stroking the outlines as well as filling them. A second embedded
 * TrueType font would cost about 90 KB per report (libharu 2.3 embeds
 * most of each font's tables), which is more than the whole rest of it. */
typedef enum
{
  EBB_REPORT_FACE_REGULAR,
  EBB_REPORT_FACE_BOLD,
} EbbReportFace;

typedef struct _EbbReportPdf EbbReportPdf;

/* Lays the document out; called inside the guarded frame. */
typedef void (*EbbReportLayoutFunc) (EbbReportPdf  *r,
                                     gconstpointer  model);

struct _EbbReportPdf
{
  HPDF_Doc                pdf;
  jmp_buf                 jmp;
  HPDF_STATUS             hpdf_error;
  HPDF_STATUS             hpdf_detail;
  EbbReportStage          stage;
  GError                 *error;       /* set by _ebb_report_pdf_fail */
  gboolean                cancelled;
  GCancellable           *cancellable;

  const EbbReportOptions *options;
  EbbReportCatalog       *catalog;
  GPtrArray              *strings;     /* char *, freed with the document */
  GPtrArray              *strvs;       /* GStrv, freed with the document */
  GArray                 *owned;       /* OwnedData, freed with the document */

  HPDF_Font               hpdf_font;
  EbbReportFace           font;        /* EBB_REPORT_FACE_REGULAR, for brevity */
  EbbReportFace           bold;        /* EBB_REPORT_FACE_BOLD */
  GPtrArray              *pages;       /* HPDF_Page, borrowed from pdf */
  HPDF_Page               page;
  float                   width;
  float                   height;
  float                   left;
  float                   right;
  float                   top;
  float                   bottom;
  float                   y;           /* layout cursor, from the bottom */

  const char             *running_head; /* printed atop continuation pages */
  const char             *footer;
};

gboolean    _ebb_report_pdf_run          (const EbbReportOptions *options,
                                          const char             *path,
                                          EbbReportLayoutFunc     layout,
                                          gconstpointer           model,
                                          GCancellable           *cancellable,
                                          GError                **error);
void        _ebb_report_pdf_fail         (EbbReportPdf           *r,
                                          GError                 *error) G_GNUC_NORETURN;
void        _ebb_report_pdf_check_cancelled (EbbReportPdf        *r);

const char *_ebb_report_pdf_keep         (EbbReportPdf           *r,
                                          char                   *string);
gpointer    _ebb_report_pdf_own          (EbbReportPdf           *r,
                                          gpointer                data,
                                          GDestroyNotify          destroy);
const char *_ebb_report_pdf_printf       (EbbReportPdf           *r,
                                          const char             *format,
                                          ...) G_GNUC_PRINTF (2, 3);
const char *_ebb_report_pdf_tr           (EbbReportPdf           *r,
                                          const char             *msgid) G_GNUC_FORMAT (2);
const char *_ebb_report_pdf_trc          (EbbReportPdf           *r,
                                          const char             *context,
                                          const char             *msgid) G_GNUC_FORMAT (3);

void        _ebb_report_pdf_new_page     (EbbReportPdf           *r);
void        _ebb_report_pdf_ensure       (EbbReportPdf           *r,
                                          float                   height);
float       _ebb_report_pdf_text_width   (EbbReportPdf           *r,
                                          EbbReportFace           face,
                                          float                   size,
                                          const char             *text);
void        _ebb_report_pdf_text         (EbbReportPdf           *r,
                                          EbbReportFace           face,
                                          float                   size,
                                          float                   x,
                                          float                   y,
                                          const char             *text);
void        _ebb_report_pdf_text_right   (EbbReportPdf           *r,
                                          EbbReportFace           face,
                                          float                   size,
                                          float                   x,
                                          float                   y,
                                          const char             *text);
void        _ebb_report_pdf_text_center  (EbbReportPdf           *r,
                                          EbbReportFace           face,
                                          float                   size,
                                          float                   x,
                                          float                   y,
                                          const char             *text);
char      **_ebb_report_pdf_wrap         (EbbReportPdf           *r,
                                          EbbReportFace           face,
                                          float                   size,
                                          const char             *text,
                                          float                   width);
void        _ebb_report_pdf_rgb_fill     (EbbReportPdf           *r,
                                          guint32                 rgb);
void        _ebb_report_pdf_rgb_stroke   (EbbReportPdf           *r,
                                          guint32                 rgb);

const char *_ebb_report_pdf_number       (EbbReportPdf           *r,
                                          double                  value,
                                          guint                   decimals);
const char *_ebb_report_pdf_unit_symbol  (EbbReportPdf           *r);
double      _ebb_report_pdf_to_unit      (EbbReportPdf           *r,
                                          gint32                  pa);
const char *_ebb_report_pdf_pressure     (EbbReportPdf           *r,
                                          gint32                  pa);
const char *_ebb_report_pdf_pressure_pa  (EbbReportPdf           *r,
                                          gint32                  pa);
const char *_ebb_report_pdf_set_pressure (EbbReportPdf           *r,
                                          gint32                  pa);
const char *_ebb_report_pdf_date         (EbbReportPdf           *r,
                                          GDateTime              *date_time);
const char *_ebb_report_pdf_gdate        (EbbReportPdf           *r,
                                          const GDate            *date);
const char *_ebb_report_pdf_time         (EbbReportPdf           *r,
                                          GDateTime              *date_time);
const char *_ebb_report_pdf_duration     (EbbReportPdf           *r,
                                          gint64                  ms);
const char *_ebb_report_pdf_clock        (EbbReportPdf           *r,
                                          gint64                  ms);
const char *_ebb_report_pdf_outcome      (EbbReportPdf           *r,
                                          EbbReportOutcome        outcome);
void        _ebb_report_pdf_set_info     (EbbReportPdf           *r,
                                          const char             *title,
                                          const char             *author,
                                          const char             *subject);

void        _ebb_report_chart_draw       (EbbReportPdf           *r,
                                          const EbbReportData    *data,
                                          float                   x,
                                          float                   y,
                                          float                   width,
                                          float                   height);

G_END_DECLS
