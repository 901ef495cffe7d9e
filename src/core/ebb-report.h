/* ebb-report.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-report-data.h"
#include "ebb-units.h"

G_BEGIN_DECLS

#define EBB_REPORT_ERROR (ebb_report_error_quark ())

/**
 * EbbReportError:
 * @EBB_REPORT_ERROR_FONT_MISSING: no usable TrueType font (DejaVu Sans)
 * @EBB_REPORT_ERROR_WRITE_FAILED: the PDF could not be written to its path
 * @EBB_REPORT_ERROR_RENDER_FAILED: libharu failed while building the PDF
 * @EBB_REPORT_ERROR_LOGO_INVALID: the clinic logo is missing or not a PNG
 *   or JPEG image
 * @EBB_REPORT_ERROR_LANGUAGE_UNAVAILABLE: no translation for the requested
 *   report language
 * @EBB_REPORT_ERROR_INVALID_DATA: the model lacks what every report needs
 *   (a start time)
 */
typedef enum
{
  EBB_REPORT_ERROR_FONT_MISSING = 1,
  EBB_REPORT_ERROR_WRITE_FAILED,
  EBB_REPORT_ERROR_RENDER_FAILED,
  EBB_REPORT_ERROR_LOGO_INVALID,
  EBB_REPORT_ERROR_LANGUAGE_UNAVAILABLE,
  EBB_REPORT_ERROR_INVALID_DATA,
} EbbReportError;

typedef enum
{
  EBB_REPORT_PAPER_A4 = 1,
  EBB_REPORT_PAPER_LETTER,
} EbbReportPaper;

/**
 * EbbReportOptions:
 * @paper: the paper size
 * @language: (nullable): a language code such as "de"; %NULL or "" for the
 *   language of the user interface
 * @unit: the display unit for pressures
 * @font_path: (nullable): a TrueType font file; %NULL to find DejaVu Sans
 *   through fontconfig. The bold face is drawn from the same font.
 *
 * How to render, as opposed to what (#EbbReportData).
 */
typedef struct
{
  EbbReportPaper   paper;
  char            *language;
  EbbPressureUnit  unit;
  char            *font_path;
} EbbReportOptions;

GQuark            ebb_report_error_quark            (void);

EbbReportOptions *ebb_report_options_new            (void) G_GNUC_WARN_UNUSED_RESULT;
EbbReportOptions *ebb_report_options_new_from_settings (GSettings            *settings) G_GNUC_WARN_UNUSED_RESULT;
EbbReportOptions *ebb_report_options_copy           (const EbbReportOptions *options) G_GNUC_WARN_UNUSED_RESULT;
void              ebb_report_options_free           (EbbReportOptions     *options);

EbbReportPaper    ebb_report_paper_for_locale       (const char           *locale);
EbbReportPaper    ebb_report_paper_default          (void);
gboolean          ebb_report_paper_from_id          (const char           *id,
                                                     EbbReportPaper       *paper);

gboolean          ebb_report_render                 (const EbbReportData    *data,
                                                     const char             *path,
                                                     const EbbReportOptions *options,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void              ebb_report_render_async           (const EbbReportData    *data,
                                                     const char             *path,
                                                     const EbbReportOptions *options,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean          ebb_report_render_finish          (GAsyncResult           *result,
                                                     GError                **error);

gboolean          ebb_report_render_screening       (const EbbReportScreening *screening,
                                                     const char               *path,
                                                     const EbbReportOptions   *options,
                                                     GCancellable             *cancellable,
                                                     GError                  **error);
void              ebb_report_render_screening_async (const EbbReportScreening *screening,
                                                     const char               *path,
                                                     const EbbReportOptions   *options,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
gboolean          ebb_report_render_screening_finish (GAsyncResult            *result,
                                                      GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportOptions, ebb_report_options_free)

G_END_DECLS
