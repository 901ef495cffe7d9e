/* ebb-window-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-session-view.h"
#include "ebb-window.h"

G_BEGIN_DECLS

/* For tests: the idle lock after @timeout_ms instead of the
 * idle-lock-minutes setting (0 restores the setting). */
void            ebb_window_set_idle_timeout_ms (EbbWindow *self,
                                                guint      timeout_ms);
const char     *ebb_window_get_page_name       (EbbWindow *self);
const char     *ebb_window_get_desk_page_name  (EbbWindow *self);
gboolean        ebb_window_get_backup_running  (EbbWindow *self);
/* For tests and benchmarks: the session view, built on first use. */
EbbSessionView *ebb_window_get_session_view    (EbbWindow *self);

G_END_DECLS
