/* report-fixture.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-report.h"

G_BEGIN_DECLS

#define FIXTURE_LEVEL_PA   (-5333)  /* −40 mmHg */
#define FIXTURE_LIMIT_PA   (-5000)  /* −37.5 mmHg, the factory limit */
#define FIXTURE_VACUUM_S   10
#define FIXTURE_RELEASE_S  7
#define FIXTURE_RAMP_PA_S  2000

EbbReportData      *report_fixture_session   (guint    minutes,
                                              guint    rate_hz,
                                              guint32  seed) G_GNUC_WARN_UNUSED_RESULT;
EbbReportScreening *report_fixture_screening (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
