/* ebb-store-audit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-store-private.h"

/* The audit trail is append-only twice over: triggers refuse UPDATE and
 * DELETE, and each entry carries a SHA-256 over its content and the
 * previous entry's hash, so an edit made around the triggers (with another
 * tool, or by rewriting the file) breaks the chain at that entry. */

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static char *
entry_hash (gint64       id,
            gint64       time_us,
            gint64       operator_id,
            const char  *action,
            const char  *subject,
            const char  *detail,
            const char  *prev_hash)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n%"
                                           G_GINT64_FORMAT "\n", id, time_us, operator_id);
  const char *fields[] = { action, subject, detail, prev_hash };

  g_checksum_update (sum, (const guchar *) head, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      /* Length-prefixed, so NULL, "" and shifted separators all differ. */
      g_autofree char *len = g_strdup_printf ("%" G_GSSIZE_FORMAT ":",
                                              fields[i] != NULL ? (gssize) strlen (fields[i]) : (gssize) -1);

      g_checksum_update (sum, (const guchar *) len, -1);
      if (fields[i] != NULL)
        g_checksum_update (sum, (const guchar *) fields[i], -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static const char last_entry_sql[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
static const char insert_entry_sql[] =
  "INSERT INTO audit (id, time, operator_id, action, subject, detail, prev_hash, hash) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* Chains @e (time, operator, action, subject and detail set) onto the
 * trail: gives it the id and prev_hash after the last entry, its hash, and
 * inserts it. Runs inside the caller's write transaction, so nothing can
 * append between the read and the insert, whichever connection it is. */
static gboolean
chain_entry (sqlite3        *db,
             const char     *path,
             sqlite3_stmt   *last,
             sqlite3_stmt   *insert,
             EbbAuditEntry  *e,
             GError        **error)
{
  int rc = sqlite3_step (last);

  g_clear_pointer (&e->prev_hash, g_free);
  g_clear_pointer (&e->hash, g_free);
  e->id = 1;
  if (rc == SQLITE_ROW)
    {
      e->id = sqlite3_column_int64 (last, 0) + 1;
      e->prev_hash = _ebb_column_text (last, 1);
    }
  sqlite3_reset (last);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ebb_store_set_error (error, db, rc, path);
  if (e->prev_hash == NULL)
    e->prev_hash = g_strdup (GENESIS_HASH);

  e->hash = entry_hash (e->id, e->time_us, e->operator_id, e->action, e->subject,
                        e->detail_json, e->prev_hash);

  sqlite3_bind_int64 (insert, 1, e->id);
  sqlite3_bind_int64 (insert, 2, e->time_us);
  sqlite3_bind_int64 (insert, 3, e->operator_id);
  _ebb_bind_text (insert, 4, e->action);
  _ebb_bind_text (insert, 5, e->subject);
  _ebb_bind_text (insert, 6, e->detail_json);
  _ebb_bind_text (insert, 7, e->prev_hash);
  _ebb_bind_text (insert, 8, e->hash);
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);
  if (rc != SQLITE_DONE)
    return _ebb_store_set_error (error, db, rc, path);

  return TRUE;
}

/**
 * ebb_store_audit_append:
 * @self: the store
 * @operator_id: who acted (0: the system)
 * @action: what was done, e.g. "login.failed", "client.update"
 * @subject: (nullable): what it was done to, e.g. "client:42"
 * @detail_json: (nullable): structured detail
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Appends one entry to the hash-chained audit trail, durably
 * (synchronous=FULL).
 *
 * Returns: the entry's id, or 0 with @error set
 */
gint64
ebb_store_audit_append (EbbStore    *self,
                        gint64       operator_id,
                        const char  *action,
                        const char  *subject,
                        const char  *detail_json,
                        GError     **error)
{
  EbbAuditEntry e = {
    .time_us = g_get_real_time (),
    .operator_id = operator_id,
    .action = (char *) action,
    .subject = (char *) subject,
    .detail_json = (char *) detail_json,
  };
  sqlite3_stmt *last, *insert;
  gint64 id = 0;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (action != NULL, 0);

  if (!_ebb_store_begin (self, error))
    return 0;

  if ((last = _ebb_store_prepare (self, last_entry_sql, error)) != NULL &&
      (insert = _ebb_store_prepare (self, insert_entry_sql, error)) != NULL &&
      chain_entry (self->db, self->path, last, insert, &e, error) &&
      _ebb_store_commit (self, error))
    id = e.id;
  else
    _ebb_store_rollback (self);

  g_free (e.prev_hash);
  g_free (e.hash);
  return id;
}

/**
 * _ebb_store_audit_append_entries:
 * @db: a connection of the caller's own (the audit writer's), outside a
 *   transaction
 * @path: its file, for messages
 * @entries: (element-type EbbAuditEntry): entries with their time,
 *   operator, action, subject and detail; their id and hashes are set here
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Appends @entries in their order in one durable transaction: all or none.
 *
 * Returns: %TRUE if all were written
 */
gboolean
_ebb_store_audit_append_entries (sqlite3     *db,
                                 const char  *path,
                                 GPtrArray   *entries,
                                 GError     **error)
{
  sqlite3_stmt *last = NULL, *insert = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, last_entry_sql, -1, &last, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, insert_entry_sql, -1, &insert, NULL);
  if (rc != SQLITE_OK)
    _ebb_store_set_error (error, db, rc, path);
  else if (_ebb_store_exec (db, path, "BEGIN IMMEDIATE", error))
    {
      ok = TRUE;
      for (guint i = 0; ok && i < entries->len; i++)
        ok = chain_entry (db, path, last, insert, g_ptr_array_index (entries, i), error);
      ok = ok && _ebb_store_exec (db, path, "COMMIT", error);
      if (!ok)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }

  sqlite3_finalize (last);
  sqlite3_finalize (insert);
  return ok;
}

static EbbAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  EbbAuditEntry *e = g_new0 (EbbAuditEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->time_us = sqlite3_column_int64 (stmt, 1);
  e->operator_id = sqlite3_column_int64 (stmt, 2);
  e->action = _ebb_column_text (stmt, 3);
  e->subject = _ebb_column_text (stmt, 4);
  e->detail_json = _ebb_column_text (stmt, 5);
  e->prev_hash = _ebb_column_text (stmt, 6);
  e->hash = _ebb_column_text (stmt, 7);
  return e;
}

/**
 * ebb_store_audit_list:
 * @self: the store
 * @after_id: list entries after this id (0: from the start)
 * @limit: the most entries (0: all)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbAuditEntry): oldest first
 */
GPtrArray *
ebb_store_audit_list (EbbStore  *self,
                      gint64     after_id,
                      guint      limit,
                      GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self,
                             "SELECT id, time, operator_id, action, subject, detail, prev_hash, hash "
                             "FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) entry_from_row,
                               (GDestroyNotify) ebb_audit_entry_free, error);
}

/**
 * ebb_store_audit_verify:
 * @self: the store
 * @first_bad_id: (out) (optional): the first entry that does not verify, or 0
 * @error: return location; %EBB_STORE_ERROR_AUDIT_BROKEN names the entry
 *
 * Walks the whole chain: ids must run 1, 2, 3 … without gaps, each entry's
 * prev_hash must be its predecessor's hash and its hash must match its
 * content.
 *
 * Returns: %TRUE if the trail is intact
 */
gboolean
ebb_store_audit_verify (EbbStore  *self,
                        gint64    *first_bad_id,
                        GError   **error)
{
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt;
  gint64 expected_id = 1;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  if (first_bad_id != NULL)
    *first_bad_id = 0;

  stmt = _ebb_store_prepare (self,
                             "SELECT id, time, operator_id, action, subject, detail, prev_hash, hash "
                             "FROM audit ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EbbAuditEntry) e = entry_from_row (stmt);
      g_autofree char *hash = entry_hash (e->id, e->time_us, e->operator_id, e->action,
                                          e->subject, e->detail_json, e->prev_hash);
      const char *problem = NULL;
      gint64 bad_id = e->id;

      if (e->id != expected_id)
        {
          problem = _("an entry before it is missing");
          bad_id = expected_id;
        }
      else if (g_strcmp0 (e->prev_hash, prev_hash) != 0)
        problem = _("it does not continue the chain from the entry before");
      else if (g_strcmp0 (e->hash, hash) != 0)
        problem = _("its content was changed after it was written");

      if (problem != NULL)
        {
          g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, bad_id);

          sqlite3_reset (stmt);
          if (first_bad_id != NULL)
            *first_bad_id = bad_id;

          g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_AUDIT_BROKEN,
                       _("The audit trail fails verification at entry %s: %s. Keep this "
                         "database for inspection and restore a backup to continue."),
                       entry, problem);
          return FALSE;
        }

      g_free (prev_hash);
      prev_hash = g_steal_pointer (&e->hash);
      expected_id++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}
