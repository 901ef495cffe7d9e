/* ebb-admin.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

gboolean  ebb_admin_change_setting (EbbOperatorSession  *ctx,
                                    GSettings           *settings,
                                    const char          *key,
                                    GVariant            *value,
                                    GError             **error);
gboolean  ebb_admin_backup         (EbbOperatorSession  *ctx,
                                    const char          *destination,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_END_DECLS
