/* ebb-audit-writer.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_TYPE_AUDIT_WRITER (ebb_audit_writer_get_type ())

G_DECLARE_FINAL_TYPE (EbbAuditWriter, ebb_audit_writer, EBB, AUDIT_WRITER, GObject)

EbbAuditWriter *ebb_audit_writer_get_for_store  (EbbStore        *store,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
EbbStore       *ebb_audit_writer_get_store      (EbbAuditWriter  *self);
void            ebb_audit_writer_push           (EbbAuditWriter  *self,
                                                 gint64           operator_id,
                                                 const char      *action,
                                                 const char      *subject,
                                                 const char      *detail_json);
gboolean        ebb_audit_writer_flush          (EbbAuditWriter  *self,
                                                 GError         **error);
gboolean        ebb_audit_writer_flush_store    (EbbStore        *store,
                                                 GError         **error);
GThread        *ebb_audit_writer_get_writing_thread (EbbAuditWriter *self);

G_END_DECLS
