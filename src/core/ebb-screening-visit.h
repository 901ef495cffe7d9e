/* ebb-screening-visit.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

gint64   ebb_screening_visit_confirm_unchanged (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                GError             **error);
gboolean ebb_screening_visit_report_change     (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                const char          *note,
                                                GError             **error);
gboolean ebb_screening_visit_record_clearance  (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                const char          *note,
                                                GError             **error);

G_END_DECLS
