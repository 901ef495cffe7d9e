/* ebb-store-consents.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-consents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-store-private.h"

/* Consents are never edited: a withdrawal is stamped on the record, and a
 * renewed consent is a new record. */

#define CONSENT_SELECT \
  "SELECT id, client_id, topic, policy_version, granted, method, " \
  "recorded_by, recorded, note, withdrawn, withdrawn_by FROM consents "

gint64
ebb_store_consent_insert (EbbStore          *self,
                          const EbbConsent  *consent,
                          GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (consent != NULL, 0);

  if (!_ebb_store_writable (self, error))
    return 0;

  if (ebb_consent_method_to_id (consent->method) == NULL || consent->topic == NULL ||
      consent->policy_version == NULL)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("A consent needs what was agreed, the policy version and how it was given."));
      return 0;
    }

  stmt = _ebb_store_prepare (self,
                             "INSERT INTO consents (client_id, topic, policy_version, granted, "
                             "method, recorded_by, recorded, note) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, consent->client_id);
  _ebb_bind_text (stmt, 2, consent->topic);
  _ebb_bind_text (stmt, 3, consent->policy_version);
  sqlite3_bind_int (stmt, 4, consent->granted ? 1 : 0);
  _ebb_bind_text (stmt, 5, ebb_consent_method_to_id (consent->method));
  _ebb_bind_id (stmt, 6, consent->recorded_by);
  sqlite3_bind_int64 (stmt, 7, consent->recorded_us != 0 ? consent->recorded_us : g_get_real_time ());
  _ebb_bind_text (stmt, 8, consent->note);
  if (!_ebb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
ebb_store_consent_withdraw (EbbStore  *self,
                            gint64     consent_id,
                            gint64     operator_id,
                            gint64     when_us,
                            GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  stmt = _ebb_store_prepare_write (self,
                                   "UPDATE consents SET withdrawn = ?2, withdrawn_by = ?3 "
                                   "WHERE id = ?1 AND withdrawn IS NULL",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, consent_id);
  sqlite3_bind_int64 (stmt, 2, when_us != 0 ? when_us : g_get_real_time ());
  _ebb_bind_id (stmt, 3, operator_id);
  return _ebb_store_step_one (self, stmt, _("consent in force"), consent_id, error);
}

static EbbConsent *
consent_from_row (sqlite3_stmt *stmt)
{
  EbbConsent *c = ebb_consent_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->client_id = sqlite3_column_int64 (stmt, 1);
  c->topic = _ebb_column_text (stmt, 2);
  c->policy_version = _ebb_column_text (stmt, 3);
  c->granted = sqlite3_column_int (stmt, 4) != 0;
  c->method = ebb_consent_method_from_id ((const char *) sqlite3_column_text (stmt, 5));
  c->recorded_by = sqlite3_column_int64 (stmt, 6);
  c->recorded_us = sqlite3_column_int64 (stmt, 7);
  c->note = _ebb_column_text (stmt, 8);
  c->withdrawn_us = sqlite3_column_int64 (stmt, 9);
  c->withdrawn_by = sqlite3_column_int64 (stmt, 10);
  return c;
}

/**
 * ebb_store_consent_list:
 * @self: the store
 * @client_id: the client
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbConsent): the client's
 *   consents, oldest first
 */
GPtrArray *
ebb_store_consent_list (EbbStore  *self,
                        gint64     client_id,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self, CONSENT_SELECT "WHERE client_id = ?1 ORDER BY recorded, id",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) consent_from_row,
                               (GDestroyNotify) ebb_consent_free, error);
}

/**
 * ebb_store_consent_get:
 * @self: the store
 * @consent_id: the consent
 * @error: return location for an #EBB_STORE_ERROR; %EBB_STORE_ERROR_NOT_FOUND
 *   when there is no such consent
 *
 * Returns: (transfer full): the consent, or %NULL with @error set
 */
EbbConsent *
ebb_store_consent_get (EbbStore  *self,
                       gint64     consent_id,
                       GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self, CONSENT_SELECT "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, consent_id);
  rows = _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) consent_from_row,
                               (GDestroyNotify) ebb_consent_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      _ebb_store_not_found (error, _("consent"), consent_id);
      return NULL;
    }

  return g_ptr_array_steal_index (rows, 0);
}
