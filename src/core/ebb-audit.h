/* ebb-audit.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-audit-writer.h"
#include "ebb-operator-session.h"

G_BEGIN_DECLS

/* Audit action ids written by the operators and front-desk modules. Every
 * id, with the record it names and its detail, is listed in docs/audit.md.
 * The ids of the other protected actions come from
 * ebb_permissions_audit_id(). */
#define EBB_AUDIT_LOGIN               "login"
#define EBB_AUDIT_LOGIN_FAILED        "login.failed"
#define EBB_AUDIT_LOCKOUT             "login.lockout"
#define EBB_AUDIT_LOGOUT              "logout"
#define EBB_AUDIT_LOCK                "lock"
#define EBB_AUDIT_UNLOCK              "unlock"
#define EBB_AUDIT_UNLOCK_FAILED       "unlock.failed"
#define EBB_AUDIT_SWITCH              "operator.switch"
#define EBB_AUDIT_OPERATOR_CREATE     "operator.create"
#define EBB_AUDIT_OPERATOR_UPDATE     "operator.update"
#define EBB_AUDIT_OPERATOR_DEACTIVATE "operator.deactivate"
#define EBB_AUDIT_PERMISSION_DENIED   "permission.denied"
#define EBB_AUDIT_CLIENT_UNARCHIVE    "client.unarchive"
#define EBB_AUDIT_CONSENT_WITHDRAW    "consent.withdraw"
#define EBB_AUDIT_SESSION_RESUME      "session.resume"
#define EBB_AUDIT_ALARM_AUDIO_PAUSE   "alarm.audio-pause"

/**
 * EbbAuditFilter:
 * @username: (nullable): only entries by this operator
 * @action: (nullable): only entries with this action id
 * @client_id: only entries on this client; 0 for all
 * @since_us: only entries at or after this time; 0 for all
 * @limit: at most this many entries, newest last; 0 for all
 *
 * What the audit viewer and `ebbflowctl audit list` ask for.
 */
typedef struct
{
  const char *username;
  const char *action;
  gint64      client_id;
  gint64      since_us;
  guint       limit;
} EbbAuditFilter;

gboolean   ebb_audit_record        (EbbOperatorSession    *ctx,
                                    const char            *action_id,
                                    const char            *record_kind,
                                    gint64                 record_id,
                                    const char            *detail,
                                    GError               **error);
gboolean   ebb_audit_record_client (EbbOperatorSession    *ctx,
                                    const char            *action_id,
                                    const char            *record_kind,
                                    gint64                 record_id,
                                    gint64                 client_id,
                                    const char            *detail,
                                    GError               **error);
gboolean   ebb_audit_record_in     (EbbStore              *store,
                                    gint64                 operator_id,
                                    const char            *action_id,
                                    const char            *record_kind,
                                    gint64                 record_id,
                                    gint64                 client_id,
                                    const char            *detail,
                                    GError               **error);
void       ebb_audit_queue_client  (EbbAuditWriter        *writer,
                                    EbbOperatorSession    *ctx,
                                    const char            *action_id,
                                    const char            *record_kind,
                                    gint64                 record_id,
                                    gint64                 client_id,
                                    const char            *detail);
gint64     ebb_audit_entry_client  (const EbbAuditEntry   *entry);
char      *ebb_audit_entry_detail  (const EbbAuditEntry   *entry) G_GNUC_WARN_UNUSED_RESULT;
gboolean   ebb_audit_parse_since   (const char            *text,
                                    gint64                *since_us);
GHashTable *ebb_audit_operator_names (EbbStore            *store,
                                    GError               **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *ebb_audit_query         (EbbOperatorSession    *ctx,
                                    const EbbAuditFilter  *filter,
                                    GError               **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean   ebb_audit_find_client   (EbbOperatorSession    *ctx,
                                    const char            *text,
                                    gint64                *client_id,
                                    GError               **error);

G_END_DECLS
