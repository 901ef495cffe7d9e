/* ebb-session-gate.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-session.h"
#include "ebb-store.h"

G_BEGIN_DECLS

gboolean ebb_session_gate_check_stored (EbbStore   *store,
                                        gint64      client_id,
                                        guint       validity_days,
                                        GDateTime  *now,
                                        GError    **error);
void     ebb_session_use_stored_screening (EbbSession *session,
                                           EbbStore   *store,
                                           gint64      client_id,
                                           guint       validity_days);

G_END_DECLS
