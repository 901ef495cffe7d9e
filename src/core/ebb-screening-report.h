/* ebb-screening-report.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-report-data.h"
#include "ebb-screening-state.h"

G_BEGIN_DECLS

EbbReportScreening *ebb_screening_report_new (const EbbScreeningDecision *decision,
                                              const EbbScreeningState   *record,
                                              guint                       validity_days,
                                              GSettings                  *settings,
                                              const char                 *client_name,
                                              const char                 *client_id,
                                              GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
