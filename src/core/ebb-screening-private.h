/* ebb-screening-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-operator-session.h"
#include "ebb-permissions.h"
#include "ebb-screening.h"

G_BEGIN_DECLS

gboolean _ebb_screening_refuse (EbbOperatorSession  *ctx,
                                EbbAction            action,
                                GError             **error,
                                const char          *message);

G_END_DECLS
