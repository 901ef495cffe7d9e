/* ebb-report-catalog.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The message catalogue of one report. A report is printed in the language
 * the clinic chose for reports, which need not be the language of the
 * process, and it is rendered on a worker thread. gettext follows the
 * process locale (and no German locale need be installed for the report to
 * be German), so the report reads the same compiled catalogue (.mo) itself
 * and looks its strings up there. Strings are marked with N_() and NC_() so
 * that xgettext collects them as usual.
 */

typedef struct _EbbReportCatalog EbbReportCatalog;

EbbReportCatalog *ebb_report_catalog_new      (const char       *language,
                                               GError          **error) G_GNUC_WARN_UNUSED_RESULT;
void              ebb_report_catalog_free     (EbbReportCatalog *catalog);
const char       *ebb_report_catalog_language (EbbReportCatalog *catalog);
const char       *ebb_report_catalog_get      (EbbReportCatalog *catalog,
                                               const char       *msgid) G_GNUC_FORMAT (2);
const char       *ebb_report_catalog_pget     (EbbReportCatalog *catalog,
                                               const char       *context,
                                               const char       *msgid) G_GNUC_FORMAT (3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportCatalog, ebb_report_catalog_free)

G_END_DECLS
