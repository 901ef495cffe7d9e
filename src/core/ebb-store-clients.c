/* ebb-store-clients.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-clients"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ebb-store-private.h"
#include "ebb-text-fold.h"

#define CLIENT_COLUMNS \
  "id, family_name, given_name, date_of_birth, sex, phone, email, external_id, notes, " \
  "archived, created, updated"

/* The text search matches: folded names, date of birth and external id.
 * The family name comes first so the index also sorts by it. */
char *
_ebb_client_search_text (const EbbClient *client)
{
  g_autofree char *raw = g_strjoin (" ",
                                    client->family_name != NULL ? client->family_name : "",
                                    client->given_name != NULL ? client->given_name : "",
                                    client->date_of_birth != NULL ? client->date_of_birth : "",
                                    client->external_id != NULL ? client->external_id : "",
                                    NULL);

  return ebb_text_fold (raw);
}

EbbClient *
_ebb_client_from_row (sqlite3_stmt *stmt)
{
  EbbClient *client = ebb_client_new ();

  client->id = sqlite3_column_int64 (stmt, 0);
  client->family_name = _ebb_column_text (stmt, 1);
  client->given_name = _ebb_column_text (stmt, 2);
  client->date_of_birth = _ebb_column_text (stmt, 3);
  client->sex = ebb_sex_from_id ((const char *) sqlite3_column_text (stmt, 4));
  client->phone = _ebb_column_text (stmt, 5);
  client->email = _ebb_column_text (stmt, 6);
  client->external_id = _ebb_column_text (stmt, 7);
  client->notes = _ebb_column_text (stmt, 8);
  client->archived = sqlite3_column_int (stmt, 9) != 0;
  client->created_us = sqlite3_column_int64 (stmt, 10);
  client->updated_us = sqlite3_column_int64 (stmt, 11);
  return client;
}

static gboolean
validate (const EbbClient  *client,
          GError          **error)
{
  g_autofree char *family = g_strstrip (g_strdup (client->family_name != NULL ? client->family_name : ""));
  int y, m, d;
  char tail;

  if (*family == '\0')
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("The client’s family name is required."));
      return FALSE;
    }

  if (!g_utf8_validate (client->family_name, -1, NULL) ||
      (client->given_name != NULL && !g_utf8_validate (client->given_name, -1, NULL)))
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("The client’s name is not valid text."));
      return FALSE;
    }

  if (client->date_of_birth != NULL &&
      (sscanf (client->date_of_birth, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
       strlen (client->date_of_birth) != 10 ||
       !g_date_valid_dmy (d, m, y)))
    {
      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                   _("“%s” is not a date of birth; write it as YYYY-MM-DD."),
                   client->date_of_birth);
      return FALSE;
    }

  return TRUE;
}

static void
bind_client (sqlite3_stmt    *stmt,
             const EbbClient *client,
             const char      *search_text)
{
  _ebb_bind_text (stmt, 2, client->family_name);
  _ebb_bind_text (stmt, 3, client->given_name != NULL ? client->given_name : "");
  _ebb_bind_text (stmt, 4, client->date_of_birth);
  _ebb_bind_text (stmt, 5, ebb_sex_to_id (client->sex));
  _ebb_bind_text (stmt, 6, client->phone);
  _ebb_bind_text (stmt, 7, client->email);
  _ebb_bind_text (stmt, 8, client->external_id != NULL && *client->external_id != '\0'
                             ? client->external_id : NULL);
  _ebb_bind_text (stmt, 9, client->notes);
  sqlite3_bind_int (stmt, 10, client->archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 11, g_get_real_time ());
  _ebb_bind_text (stmt, 12, search_text);
}

/**
 * ebb_store_client_insert:
 * @self: the store
 * @client: the client (its id is ignored)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: the new client's id, or 0 with @error set
 */
gint64
ebb_store_client_insert (EbbStore         *self,
                         const EbbClient  *client,
                         GError          **error)
{
  g_autofree char *search_text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (client != NULL, 0);

  if (!_ebb_store_writable (self, error) || !validate (client, error))
    return 0;

  search_text = _ebb_client_search_text (client);
  stmt = _ebb_store_prepare (self,
                             "INSERT INTO clients (family_name, given_name, date_of_birth, sex, "
                             "phone, email, external_id, notes, archived, created, updated, "
                             "search_text) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
                             error);
  if (stmt == NULL)
    return 0;

  bind_client (stmt, client, search_text);
  if (!_ebb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
ebb_store_client_update (EbbStore         *self,
                         const EbbClient  *client,
                         GError          **error)
{
  g_autofree char *search_text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  if (!_ebb_store_writable (self, error) || !validate (client, error))
    return FALSE;

  search_text = _ebb_client_search_text (client);
  stmt = _ebb_store_prepare (self,
                             "UPDATE clients SET family_name = ?2, given_name = ?3, "
                             "date_of_birth = ?4, sex = ?5, phone = ?6, email = ?7, "
                             "external_id = ?8, notes = ?9, archived = ?10, updated = ?11, "
                             "search_text = ?12 WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, client->id);
  bind_client (stmt, client, search_text);
  return _ebb_store_step_one (self, stmt, _("client"), client->id, error);
}

EbbClient *
ebb_store_client_get (EbbStore  *self,
                      gint64     client_id,
                      GError   **error)
{
  sqlite3_stmt *stmt;
  EbbClient *client = NULL;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    client = _ebb_client_from_row (stmt);
  else if (rc == SQLITE_DONE)
    _ebb_store_not_found (error, _("client"), client_id);
  else
    _ebb_store_set_error (error, self->db, rc, self->path);
  sqlite3_reset (stmt);

  return client;
}

EbbClient *
ebb_store_client_find_external (EbbStore    *self,
                                const char  *external_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  EbbClient *client = NULL;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);
  g_return_val_if_fail (external_id != NULL, NULL);

  stmt = _ebb_store_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE external_id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  _ebb_bind_text (stmt, 1, external_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    client = _ebb_client_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND,
                 _("No client has the number “%s”."), external_id);
  else
    _ebb_store_set_error (error, self->db, rc, self->path);
  sqlite3_reset (stmt);

  return client;
}

gboolean
ebb_store_client_set_archived (EbbStore  *self,
                               gint64     client_id,
                               gboolean   archived,
                               GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  stmt = _ebb_store_prepare_write (self,
                                   "UPDATE clients SET archived = ?2, updated = ?3 WHERE id = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  return _ebb_store_step_one (self, stmt, _("client"), client_id, error);
}

/**
 * ebb_store_client_delete:
 * @self: the store
 * @client_id: the client
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Deletes a client registered by mistake. A client with sessions,
 * screenings or consents is refused with %EBB_STORE_ERROR_IN_USE: archive
 * them instead.
 *
 * Returns: %TRUE if the client was deleted
 */
gboolean
ebb_store_client_delete (EbbStore  *self,
                         gint64     client_id,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  stmt = _ebb_store_prepare_write (self, "DELETE FROM clients WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_IN_USE,
                           _("This client has records (sessions, screenings or consents) "
                             "and cannot be deleted. Archive the client instead."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _ebb_store_set_error (error, self->db, rc, self->path);
  if (sqlite3_changes (self->db) == 0)
    return _ebb_store_not_found (error, _("client"), client_id);

  return TRUE;
}

gint64
ebb_store_client_count (EbbStore  *self,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_return_val_if_fail (EBB_IS_STORE (self), -1);

  stmt = _ebb_store_prepare (self, "SELECT count(*) FROM clients", error);
  if (stmt == NULL)
    return -1;

  return _ebb_store_step_int64 (self, stmt, &n, error) ? n : -1;
}
