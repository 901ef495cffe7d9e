/* ebb-store-operators.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-operators"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-store-private.h"

#define OPERATOR_SELECT \
  "SELECT o.id, o.username, o.display_name, o.credential_hash, o.active, o.failed_attempts, " \
  "o.locked_until, o.last_login, o.created, " \
  "(SELECT group_concat(role) FROM operator_roles r WHERE r.operator_id = o.id) " \
  "FROM operators o "

static EbbOperator *
operator_from_row (sqlite3_stmt *stmt)
{
  EbbOperator *op = ebb_operator_new ();
  g_auto(GStrv) roles = NULL;
  const char *role_list;

  op->id = sqlite3_column_int64 (stmt, 0);
  op->username = _ebb_column_text (stmt, 1);
  op->display_name = _ebb_column_text (stmt, 2);
  op->credential_hash = _ebb_column_text (stmt, 3);
  op->active = sqlite3_column_int (stmt, 4) != 0;
  op->failed_attempts = sqlite3_column_int (stmt, 5);
  op->locked_until_us = sqlite3_column_int64 (stmt, 6);
  op->last_login_us = sqlite3_column_int64 (stmt, 7);
  op->created_us = sqlite3_column_int64 (stmt, 8);

  role_list = (const char *) sqlite3_column_text (stmt, 9);
  roles = g_strsplit (role_list != NULL ? role_list : "", ",", -1);
  for (guint i = 0; roles[i] != NULL; i++)
    op->roles |= ebb_role_from_id (roles[i]);

  return op;
}

static gboolean
validate (const EbbOperator  *op,
          GError            **error)
{
  if (op->username == NULL || *op->username == '\0' || strlen (op->username) > 64 ||
      !g_utf8_validate (op->username, -1, NULL) || strpbrk (op->username, " \t\n") != NULL)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("A user name is 1 to 64 characters without spaces."));
      return FALSE;
    }

  if ((op->roles & ~EBB_ROLES_ANY) != 0)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("The operator has an unknown role."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_roles (EbbStore  *self,
             gint64     operator_id,
             EbbRoles   roles,
             GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _ebb_store_prepare (self, "DELETE FROM operator_roles WHERE operator_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operator_id);
  if (!_ebb_store_step_done (self, stmt, error))
    return FALSE;

  for (guint bit = 0; bit < 4; bit++)
    {
      if (!(roles & (1 << bit)))
        continue;

      stmt = _ebb_store_prepare (self,
                                 "INSERT INTO operator_roles (operator_id, role) VALUES (?1, ?2)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, operator_id);
      _ebb_bind_text (stmt, 2, ebb_role_to_id (1 << bit));
      if (!_ebb_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ebb_store_operator_insert:
 * @self: the store
 * @op: the operator (id ignored)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: the new operator's id, or 0 with @error set (a taken user name
 *   gives %EBB_STORE_ERROR_CONSTRAINT)
 */
gint64
ebb_store_operator_insert (EbbStore           *self,
                           const EbbOperator  *op,
                           GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (op != NULL, 0);

  if (!validate (op, error) || !_ebb_store_begin (self, error))
    return 0;

  stmt = _ebb_store_prepare (self,
                             "INSERT INTO operators (username, display_name, credential_hash, "
                             "active, failed_attempts, locked_until, last_login, created) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                             error);
  if (stmt == NULL)
    goto fail;

  _ebb_bind_text (stmt, 1, op->username);
  _ebb_bind_text (stmt, 2, op->display_name != NULL ? op->display_name : op->username);
  _ebb_bind_text (stmt, 3, op->credential_hash);
  sqlite3_bind_int (stmt, 4, op->active ? 1 : 0);
  sqlite3_bind_int (stmt, 5, op->failed_attempts);
  _ebb_bind_id (stmt, 6, op->locked_until_us);
  _ebb_bind_id (stmt, 7, op->last_login_us);
  sqlite3_bind_int64 (stmt, 8, op->created_us != 0 ? op->created_us : g_get_real_time ());
  if (!_ebb_store_step_done (self, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (self->db);
  if (!write_roles (self, id, op->roles, error) || !_ebb_store_commit (self, error))
    goto fail;

  return id;

fail:
  _ebb_store_rollback (self);
  return 0;
}

gboolean
ebb_store_operator_update (EbbStore           *self,
                           const EbbOperator  *op,
                           GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (op != NULL, FALSE);

  if (!validate (op, error) || !_ebb_store_begin (self, error))
    return FALSE;

  stmt = _ebb_store_prepare (self,
                             "UPDATE operators SET username = ?2, display_name = ?3, "
                             "credential_hash = ?4, active = ?5, failed_attempts = ?6, "
                             "locked_until = ?7, last_login = ?8 WHERE id = ?1",
                             error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, op->id);
  _ebb_bind_text (stmt, 2, op->username);
  _ebb_bind_text (stmt, 3, op->display_name != NULL ? op->display_name : op->username);
  _ebb_bind_text (stmt, 4, op->credential_hash);
  sqlite3_bind_int (stmt, 5, op->active ? 1 : 0);
  sqlite3_bind_int (stmt, 6, op->failed_attempts);
  _ebb_bind_id (stmt, 7, op->locked_until_us);
  _ebb_bind_id (stmt, 8, op->last_login_us);
  if (!_ebb_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      _ebb_store_not_found (error, _("operator"), op->id);
      goto fail;
    }

  if (!write_roles (self, op->id, op->roles, error) || !_ebb_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  _ebb_store_rollback (self);
  return FALSE;
}

/**
 * ebb_store_operator_set_login_state:
 * @self: the store
 * @operator_id: the operator
 * @failed_attempts: failed attempts since the last success
 * @locked_until_us: lockout end (0: not locked)
 * @last_login_us: last successful login (0: keep the stored one)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Records the outcome of a login attempt without touching anything else.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_operator_set_login_state (EbbStore  *self,
                                    gint64     operator_id,
                                    guint      failed_attempts,
                                    gint64     locked_until_us,
                                    gint64     last_login_us,
                                    GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  stmt = _ebb_store_prepare_write (self,
                                   "UPDATE operators SET failed_attempts = ?2, locked_until = ?3, "
                                   "last_login = coalesce(?4, last_login) WHERE id = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, operator_id);
  sqlite3_bind_int (stmt, 2, failed_attempts);
  _ebb_bind_id (stmt, 3, locked_until_us);
  _ebb_bind_id (stmt, 4, last_login_us);
  return _ebb_store_step_one (self, stmt, _("operator"), operator_id, error);
}

static EbbOperator *
get_one (EbbStore     *self,
         const char   *sql,
         gint64        id,
         const char   *username,
         GError      **error)
{
  sqlite3_stmt *stmt = _ebb_store_prepare (self, sql, error);
  EbbOperator *op = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  if (username != NULL)
    _ebb_bind_text (stmt, 1, username);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    op = operator_from_row (stmt);
  else if (rc != SQLITE_DONE)
    _ebb_store_set_error (error, self->db, rc, self->path);
  else if (username != NULL)
    g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND,
                 _("There is no operator with the user name “%s”."), username);
  else
    _ebb_store_not_found (error, _("operator"), id);
  sqlite3_reset (stmt);

  return op;
}

EbbOperator *
ebb_store_operator_get (EbbStore  *self,
                        gint64     operator_id,
                        GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  return get_one (self, OPERATOR_SELECT "WHERE o.id = ?1", operator_id, NULL, error);
}

/* The user name is matched case-insensitively. */
EbbOperator *
ebb_store_operator_find (EbbStore    *self,
                         const char  *username,
                         GError     **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  return get_one (self, OPERATOR_SELECT "WHERE o.username = ?1", 0, username, error);
}

/**
 * ebb_store_operator_list:
 * @self: the store
 * @include_inactive: whether deactivated operators are listed
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbOperator): operators by user name
 */
GPtrArray *
ebb_store_operator_list (EbbStore  *self,
                         gboolean   include_inactive,
                         GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self, OPERATOR_SELECT "WHERE ?1 OR o.active ORDER BY o.username",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) operator_from_row,
                               (GDestroyNotify) ebb_operator_free, error);
}

/* Active administrators: the operators issue refuses to remove the last. */
guint
ebb_store_operator_count_admins (EbbStore  *self,
                                 GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);

  stmt = _ebb_store_prepare (self,
                             "SELECT count(*) FROM operators o JOIN operator_roles r "
                             "ON r.operator_id = o.id WHERE r.role = 'admin' AND o.active",
                             error);
  if (stmt == NULL)
    return 0;

  return _ebb_store_step_int64 (self, stmt, &n, error) ? (guint) n : 0;
}
