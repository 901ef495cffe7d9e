/* ebb-report-load.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-report-data.h"
#include "ebb-store.h"

G_BEGIN_DECLS

EbbReportData *ebb_report_data_load           (EbbStore      *store,
                                               gint64         session_id,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void           ebb_report_data_apply_settings (EbbReportData *data,
                                               GSettings     *settings);

G_END_DECLS
