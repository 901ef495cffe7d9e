/* ebb-audit-viewer.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"
#include "ebb-session-bin.h"

G_BEGIN_DECLS

#define EBB_TYPE_AUDIT_VIEWER (ebb_audit_viewer_get_type())

G_DECLARE_FINAL_TYPE (EbbAuditViewer, ebb_audit_viewer, EBB, AUDIT_VIEWER, EbbSessionBin)

GtkWidget          *ebb_audit_viewer_new           (EbbOperatorSession *session) G_GNUC_WARN_UNUSED_RESULT;
gboolean            ebb_audit_viewer_refresh       (EbbAuditViewer     *self,
                                                    GError            **error);
guint               ebb_audit_viewer_get_n_entries (EbbAuditViewer     *self);

G_END_DECLS
