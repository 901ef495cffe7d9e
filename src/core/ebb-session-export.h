/* ebb-session-export.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-store.h"
#include "ebb-units.h"

G_BEGIN_DECLS

gboolean ebb_session_export_csv        (EbbStore         *store,
                                        gint64            session_id,
                                        EbbPressureUnit   unit,
                                        GOutputStream    *out,
                                        GCancellable     *cancellable,
                                        GError          **error);
gboolean ebb_session_export_json       (EbbStore         *store,
                                        gint64            session_id,
                                        GOutputStream    *out,
                                        GCancellable     *cancellable,
                                        GError          **error);
gboolean ebb_client_export_history_csv (EbbStore         *store,
                                        gint64            client_id,
                                        GOutputStream    *out,
                                        GCancellable     *cancellable,
                                        GError          **error);

G_END_DECLS
