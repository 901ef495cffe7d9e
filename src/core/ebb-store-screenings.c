/* ebb-store-screenings.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-screenings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-store-private.h"

/* A screening is written once. Only the clinician's clearance and the
 * client's report of a change are added later, each once; "nothing
 * changed" confirmations are rows of their own. */

#define SCREENING_SELECT \
  "SELECT id, client_id, questionnaire_id, questionnaire_version, answers, scores, outcome, " \
  "reasons, operator_id, screened, valid_until, cleared_by, cleared, clearance_note, " \
  "clearance_recorded_by, changed_by, changed, change_note FROM screenings "

static EbbStoredScreening *
screening_from_row (sqlite3_stmt *stmt)
{
  EbbStoredScreening *s = ebb_stored_screening_new ();

  s->id = sqlite3_column_int64 (stmt, 0);
  s->client_id = sqlite3_column_int64 (stmt, 1);
  s->questionnaire_id = _ebb_column_text (stmt, 2);
  s->questionnaire_version = _ebb_column_text (stmt, 3);
  s->answers_json = _ebb_column_text (stmt, 4);
  s->scores_json = _ebb_column_text (stmt, 5);
  s->outcome = _ebb_column_text (stmt, 6);
  s->reasons_json = _ebb_column_text (stmt, 7);
  s->operator_id = sqlite3_column_int64 (stmt, 8);
  s->screened_us = sqlite3_column_int64 (stmt, 9);
  s->valid_until_us = sqlite3_column_int64 (stmt, 10);
  s->cleared_by = sqlite3_column_int64 (stmt, 11);
  s->cleared_us = sqlite3_column_int64 (stmt, 12);
  s->clearance_note = _ebb_column_text (stmt, 13);
  s->clearance_recorded_by = sqlite3_column_int64 (stmt, 14);
  s->changed_by = sqlite3_column_int64 (stmt, 15);
  s->changed_us = sqlite3_column_int64 (stmt, 16);
  s->change_note = _ebb_column_text (stmt, 17);
  return s;
}

gint64
ebb_store_screening_insert (EbbStore                  *self,
                            const EbbStoredScreening  *screening,
                            GError                   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (screening != NULL, 0);

  if (!_ebb_store_writable (self, error))
    return 0;

  if (screening->questionnaire_id == NULL || screening->questionnaire_version == NULL ||
      screening->answers_json == NULL || screening->outcome == NULL)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("A screening needs its questionnaire, version, answers and outcome."));
      return 0;
    }

  stmt = _ebb_store_prepare (self,
                             "INSERT INTO screenings (client_id, questionnaire_id, "
                             "questionnaire_version, answers, scores, outcome, reasons, "
                             "operator_id, screened, valid_until) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, screening->client_id);
  _ebb_bind_text (stmt, 2, screening->questionnaire_id);
  _ebb_bind_text (stmt, 3, screening->questionnaire_version);
  _ebb_bind_text (stmt, 4, screening->answers_json);
  _ebb_bind_text (stmt, 5, screening->scores_json);
  _ebb_bind_text (stmt, 6, screening->outcome);
  _ebb_bind_text (stmt, 7, screening->reasons_json);
  _ebb_bind_id (stmt, 8, screening->operator_id);
  sqlite3_bind_int64 (stmt, 9, screening->screened_us != 0 ? screening->screened_us : g_get_real_time ());
  _ebb_bind_id (stmt, 10, screening->valid_until_us);
  if (!_ebb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

static EbbStoredScreening *
get_one (EbbStore    *self,
         const char  *sql,
         gint64       id,
         GError     **error)
{
  sqlite3_stmt *stmt = _ebb_store_prepare (self, sql, error);
  EbbStoredScreening *s = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    s = screening_from_row (stmt);
  else if (rc == SQLITE_DONE)
    _ebb_store_not_found (error, _("screening"), id);
  else
    _ebb_store_set_error (error, self->db, rc, self->path);
  sqlite3_reset (stmt);

  return s;
}

EbbStoredScreening *
ebb_store_screening_get (EbbStore  *self,
                         gint64     screening_id,
                         GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  return get_one (self, SCREENING_SELECT "WHERE id = ?1", screening_id, error);
}

/* The client's most recent screening; NOT_FOUND when there is none. */
EbbStoredScreening *
ebb_store_screening_latest (EbbStore  *self,
                            gint64     client_id,
                            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  EbbStoredScreening *s;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  s = get_one (self, SCREENING_SELECT "WHERE client_id = ?1 ORDER BY screened DESC, id DESC LIMIT 1",
               client_id, &local_error);
  if (s == NULL && g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND,
                           _("This client has not been screened yet."));
      return NULL;
    }
  if (s == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return s;
}

/**
 * ebb_store_screening_list:
 * @self: the store
 * @client_id: the client
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbStoredScreening): newest first
 */
GPtrArray *
ebb_store_screening_list (EbbStore  *self,
                          gint64     client_id,
                          GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self, SCREENING_SELECT "WHERE client_id = ?1 ORDER BY screened DESC, id DESC",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) screening_from_row,
                               (GDestroyNotify) ebb_stored_screening_free, error);
}

/* The clearance and the reported change are each written once: checks
 * that the screening exists and that the gint64 "by" field at @offset in
 * its row is still unset, else fails with CONSTRAINT and @already. */
static gboolean
check_not_yet (EbbStore    *self,
               gint64       screening_id,
               gsize        offset,
               const char  *already,
               GError     **error)
{
  g_autoptr(EbbStoredScreening) existing = ebb_store_screening_get (self, screening_id, error);

  if (existing == NULL)
    return FALSE;

  if (G_STRUCT_MEMBER (gint64, existing, offset) != 0)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT, already);
      return FALSE;
    }

  return TRUE;
}

/**
 * ebb_store_screening_clear:
 * @self: the store
 * @screening_id: the screening with a relative contraindication
 * @clinician_id: the clinician who cleared it
 * @when_us: when (0: now)
 * @note: the clinician's note, required
 * @recorded_by: the operator who entered the clearance
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Records the clearance once; a second clearance is refused with
 * %EBB_STORE_ERROR_CONSTRAINT.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_screening_clear (EbbStore    *self,
                           gint64       screening_id,
                           gint64       clinician_id,
                           gint64       when_us,
                           const char  *note,
                           gint64       recorded_by,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  if (!_ebb_store_writable (self, error))
    return FALSE;

  if (clinician_id == 0 || note == NULL || *note == '\0')
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("A clearance needs the clinician and a note."));
      return FALSE;
    }

  if (!check_not_yet (self, screening_id, G_STRUCT_OFFSET (EbbStoredScreening, cleared_by),
                      _("This screening has already been cleared; screen the client again "
                        "for a new clearance."), error))
    return FALSE;

  stmt = _ebb_store_prepare (self,
                             "UPDATE screenings SET cleared_by = ?2, cleared = ?3, "
                             "clearance_note = ?4, clearance_recorded_by = ?5 "
                             "WHERE id = ?1 AND cleared_by IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, screening_id);
  sqlite3_bind_int64 (stmt, 2, clinician_id);
  sqlite3_bind_int64 (stmt, 3, when_us != 0 ? when_us : g_get_real_time ());
  _ebb_bind_text (stmt, 4, note);
  _ebb_bind_id (stmt, 5, recorded_by);

  return _ebb_store_step_done (self, stmt, error);
}

/**
 * ebb_store_screening_report_change:
 * @self: the store
 * @screening_id: the client's screening
 * @operator_id: the operator who heard the client's report
 * @when_us: when (0: now)
 * @note: (nullable): what changed, in the operator's words
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Records that the client reported a change in their health since the
 * screening. The screening stays changed for good; a second report is
 * refused with %EBB_STORE_ERROR_CONSTRAINT.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_screening_report_change (EbbStore    *self,
                                   gint64       screening_id,
                                   gint64       operator_id,
                                   gint64       when_us,
                                   const char  *note,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  if (!_ebb_store_writable (self, error))
    return FALSE;

  if (operator_id == 0)
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("A reported change needs the operator who recorded it."));
      return FALSE;
    }

  if (!check_not_yet (self, screening_id, G_STRUCT_OFFSET (EbbStoredScreening, changed_by),
                      _("A change has already been recorded for this screening; screen the "
                        "client again."), error))
    return FALSE;

  stmt = _ebb_store_prepare (self,
                             "UPDATE screenings SET changed_by = ?2, changed = ?3, change_note = ?4 "
                             "WHERE id = ?1 AND changed_by IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, screening_id);
  sqlite3_bind_int64 (stmt, 2, operator_id);
  sqlite3_bind_int64 (stmt, 3, when_us != 0 ? when_us : g_get_real_time ());
  _ebb_bind_text (stmt, 4, note);

  return _ebb_store_step_done (self, stmt, error);
}

gint64
ebb_store_screening_confirm (EbbStore    *self,
                             gint64       screening_id,
                             gint64       operator_id,
                             gint64       when_us,
                             const char  *note,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);

  stmt = _ebb_store_prepare_write (self,
                                   "INSERT INTO screening_confirmations (screening_id, operator_id, "
                                   "confirmed, note) VALUES (?1, ?2, ?3, ?4)",
                                   error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, screening_id);
  _ebb_bind_id (stmt, 2, operator_id);
  sqlite3_bind_int64 (stmt, 3, when_us != 0 ? when_us : g_get_real_time ());
  _ebb_bind_text (stmt, 4, note);
  if (!_ebb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

static EbbScreeningConfirmation *
confirmation_from_row (sqlite3_stmt *stmt)
{
  EbbScreeningConfirmation *c = g_new0 (EbbScreeningConfirmation, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->screening_id = sqlite3_column_int64 (stmt, 1);
  c->operator_id = sqlite3_column_int64 (stmt, 2);
  c->confirmed_us = sqlite3_column_int64 (stmt, 3);
  c->note = _ebb_column_text (stmt, 4);
  return c;
}

/**
 * ebb_store_screening_confirmations:
 * @self: the store
 * @screening_id: the screening
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbScreeningConfirmation): oldest first
 */
GPtrArray *
ebb_store_screening_confirmations (EbbStore  *self,
                                   gint64     screening_id,
                                   GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self,
                             "SELECT id, screening_id, operator_id, confirmed, note "
                             "FROM screening_confirmations WHERE screening_id = ?1 "
                             "ORDER BY confirmed, id",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, screening_id);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) confirmation_from_row,
                               (GDestroyNotify) ebb_screening_confirmation_free, error);
}
