/* ebb-report-window.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtk/gtkunixprint.h>

#include "ebb-operator-session.h"
#include "ebb-report.h"
#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_TYPE_REPORT_WINDOW (ebb_report_window_get_type())

G_DECLARE_FINAL_TYPE (EbbReportWindow, ebb_report_window, EBB, REPORT_WINDOW, AdwWindow)

EbbReportWindow *ebb_report_window_new               (GtkWindow              *parent) G_GNUC_WARN_UNUSED_RESULT;
guint            ebb_report_window_get_n_pages       (EbbReportWindow        *self);
const char      *ebb_report_window_get_error_message (EbbReportWindow        *self);
const char      *ebb_report_window_get_path          (EbbReportWindow        *self);
void             ebb_report_window_set_suggested_name (EbbReportWindow       *self,
                                                       const char            *name);
void             ebb_report_window_set_audit         (EbbReportWindow        *self,
                                                      EbbOperatorSession     *ctx,
                                                      gint64                  session_id);
void             ebb_report_window_show_session      (EbbReportWindow        *self,
                                                      const EbbReportData    *data,
                                                      const EbbReportOptions *options);
void             ebb_report_window_show_screening    (EbbReportWindow          *self,
                                                      const EbbReportScreening *screening,
                                                      const EbbReportOptions   *options);
void             ebb_report_window_show_file         (EbbReportWindow        *self,
                                                      const char             *path);
void             ebb_report_window_print_to          (EbbReportWindow        *self,
                                                      GtkPrinter             *printer,
                                                      GtkPrintSettings       *settings,
                                                      GtkPageSetup           *page_setup);

G_END_DECLS
