/* ebb-store-profiles.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-profiles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-store-private.h"

/* Profiles are versioned: a saved version never changes (sessions refer to
 * it), so editing a profile adds the next version of its lineage. Only the
 * approval of a version and the lineage's retired flag are updated. */

#define PROFILE_SELECT \
  "SELECT id, lineage_id, version, name, description, level_pa, vacuum_s, release_s, " \
  "ramp_pa_s, duration_s, approved_by, approved, factory, retired, created_by, created " \
  "FROM profiles "

static EbbProfileRecord *
profile_from_row (sqlite3_stmt *stmt)
{
  EbbProfileRecord *p = ebb_profile_record_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->lineage_id = sqlite3_column_int64 (stmt, 1);
  p->version = sqlite3_column_int (stmt, 2);
  p->name = _ebb_column_text (stmt, 3);
  p->description = _ebb_column_text (stmt, 4);
  p->level_pa = sqlite3_column_int (stmt, 5);
  p->vacuum_s = sqlite3_column_double (stmt, 6);
  p->release_s = sqlite3_column_double (stmt, 7);
  p->ramp_pa_s = sqlite3_column_int (stmt, 8);
  p->duration_s = sqlite3_column_int (stmt, 9);
  p->approved_by = sqlite3_column_int64 (stmt, 10);
  p->approved_us = sqlite3_column_int64 (stmt, 11);
  p->approved = p->approved_by != 0;
  p->factory = sqlite3_column_int (stmt, 12) != 0;
  p->retired = sqlite3_column_int (stmt, 13) != 0;
  p->created_by = sqlite3_column_int64 (stmt, 14);
  p->created_us = sqlite3_column_int64 (stmt, 15);
  return p;
}

static GPtrArray *
list_profiles (EbbStore     *self,
               const char   *sql,
               gint64        arg,
               GError      **error)
{
  sqlite3_stmt *stmt = _ebb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, arg);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) profile_from_row,
                               (GDestroyNotify) ebb_profile_record_free, error);
}

/**
 * ebb_store_profile_save:
 * @self: the store
 * @profile: the profile; lineage_id 0 starts a new profile, otherwise the
 *   next version of that lineage is added (id, version and approval are
 *   ignored: a new version needs a new approval)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: the new version's id, or 0 with @error set
 */
gint64
ebb_store_profile_save (EbbStore                *self,
                        const EbbProfileRecord  *profile,
                        GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (profile != NULL, 0);

  if (profile->name == NULL || *profile->name == '\0')
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("A profile needs a name."));
      return 0;
    }

  if (profile->lineage_id != 0)
    {
      g_autoptr(GPtrArray) versions = ebb_store_profile_list_versions (self, profile->lineage_id, error);

      if (versions == NULL)
        return 0;
    }

  if (!_ebb_store_begin (self, error))
    return 0;

  stmt = _ebb_store_prepare (self,
                             "INSERT INTO profiles (lineage_id, version, name, description, "
                             "level_pa, vacuum_s, release_s, ramp_pa_s, duration_s, factory, "
                             "retired, created_by, created) "
                             "VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM profiles "
                             "WHERE lineage_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11)",
                             error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, profile->lineage_id);
  _ebb_bind_text (stmt, 2, profile->name);
  _ebb_bind_text (stmt, 3, profile->description);
  sqlite3_bind_int (stmt, 4, profile->level_pa);
  sqlite3_bind_double (stmt, 5, profile->vacuum_s);
  sqlite3_bind_double (stmt, 6, profile->release_s);
  sqlite3_bind_int (stmt, 7, profile->ramp_pa_s);
  sqlite3_bind_int (stmt, 8, profile->duration_s);
  sqlite3_bind_int (stmt, 9, profile->factory ? 1 : 0);
  _ebb_bind_id (stmt, 10, profile->created_by);
  sqlite3_bind_int64 (stmt, 11, profile->created_us != 0 ? profile->created_us : g_get_real_time ());
  if (!_ebb_store_step_done (self, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (self->db);

  if (profile->lineage_id == 0)
    {
      /* A new lineage is named after its first version. */
      stmt = _ebb_store_prepare (self, "UPDATE profiles SET lineage_id = id WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_ebb_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!_ebb_store_commit (self, error))
    goto fail;

  return id;

fail:
  _ebb_store_rollback (self);
  return 0;
}

EbbProfileRecord *
ebb_store_profile_get (EbbStore  *self,
                       gint64     profile_id,
                       GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  list = list_profiles (self, PROFILE_SELECT "WHERE id = ?1", profile_id, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      _ebb_store_not_found (error, _("profile"), profile_id);
      return NULL;
    }

  return ebb_profile_record_copy (g_ptr_array_index (list, 0));
}

/**
 * ebb_store_profile_list_current:
 * @self: the store
 * @include_retired: whether retired profiles are listed
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbProfileRecord): the
 *   newest version of each profile, by name
 */
GPtrArray *
ebb_store_profile_list_current (EbbStore  *self,
                                gboolean   include_retired,
                                GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  return list_profiles (self,
                        PROFILE_SELECT "p WHERE version = (SELECT max(version) FROM profiles q "
                        "WHERE q.lineage_id = p.lineage_id) AND (?1 OR NOT retired) "
                        "ORDER BY name, id",
                        include_retired ? 1 : 0, error);
}

/**
 * ebb_store_profile_list_versions:
 * @self: the store
 * @lineage_id: the profile's lineage
 * @error: return location for an #EBB_STORE_ERROR (NOT_FOUND for an unknown lineage)
 *
 * Returns: (transfer container) (element-type EbbProfileRecord): oldest first
 */
GPtrArray *
ebb_store_profile_list_versions (EbbStore  *self,
                                 gint64     lineage_id,
                                 GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  list = list_profiles (self, PROFILE_SELECT "WHERE lineage_id = ?1 ORDER BY version",
                        lineage_id, error);
  if (list != NULL && list->len == 0)
    {
      _ebb_store_not_found (error, _("profile"), lineage_id);
      return NULL;
    }

  return g_steal_pointer (&list);
}

gboolean
ebb_store_profile_approve (EbbStore  *self,
                           gint64     profile_id,
                           gint64     clinician_id,
                           gint64     when_us,
                           GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (clinician_id != 0, FALSE);

  stmt = _ebb_store_prepare_write (self,
                                   "UPDATE profiles SET approved_by = ?2, approved = ?3 WHERE id = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, profile_id);
  sqlite3_bind_int64 (stmt, 2, clinician_id);
  sqlite3_bind_int64 (stmt, 3, when_us != 0 ? when_us : g_get_real_time ());
  return _ebb_store_step_one (self, stmt, _("profile"), profile_id, error);
}

gboolean
ebb_store_profile_set_retired (EbbStore  *self,
                               gint64     lineage_id,
                               gboolean   retired,
                               GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  stmt = _ebb_store_prepare_write (self, "UPDATE profiles SET retired = ?2 WHERE lineage_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, lineage_id);
  sqlite3_bind_int (stmt, 2, retired ? 1 : 0);
  return _ebb_store_step_one (self, stmt, _("profile"), lineage_id, error);
}
