/* ebb-store-sessions.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-sessions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-sample-codec.h"
#include "ebb-store-private.h"

#define SESSION_SELECT \
  "SELECT s.id, s.client_id, s.screening_id, s.profile_id, s.profile_json, s.operator_id, " \
  "s.chamber_model, s.chamber_serial, s.chamber_firmware, s.started, s.ended, s.end_state, " \
  "s.end_reason, s.notes, s.bp_sys_before, s.bp_dia_before, s.hr_before, s.bp_sys_after, " \
  "s.bp_dia_after, s.hr_after, s.link_stats, s.sample_epoch, s.sample_epoch_device_ms, " \
  "(SELECT coalesce(sum(n_samples), 0) FROM session_samples x WHERE x.session_id = s.id) " \
  "FROM sessions s "

static void
vitals_from_row (sqlite3_stmt *stmt,
                 int           column,
                 EbbVitals    *vitals)
{
  vitals->recorded = sqlite3_column_type (stmt, column) != SQLITE_NULL;
  vitals->bp_systolic = sqlite3_column_int (stmt, column);
  vitals->bp_diastolic = sqlite3_column_int (stmt, column + 1);
  vitals->heart_rate = sqlite3_column_int (stmt, column + 2);
}

static EbbSessionRecord *
session_from_row (sqlite3_stmt *stmt)
{
  EbbSessionRecord *s = ebb_session_record_new ();

  s->id = sqlite3_column_int64 (stmt, 0);
  s->client_id = sqlite3_column_int64 (stmt, 1);
  s->screening_id = sqlite3_column_int64 (stmt, 2);
  s->profile_id = sqlite3_column_int64 (stmt, 3);
  s->profile_json = _ebb_column_text (stmt, 4);
  s->operator_id = sqlite3_column_int64 (stmt, 5);
  s->chamber_model = _ebb_column_text (stmt, 6);
  s->chamber_serial = _ebb_column_text (stmt, 7);
  s->chamber_firmware = _ebb_column_text (stmt, 8);
  s->started_us = sqlite3_column_int64 (stmt, 9);
  s->ended_us = sqlite3_column_int64 (stmt, 10);
  s->end_state = ebb_session_end_state_from_id ((const char *) sqlite3_column_text (stmt, 11));
  s->end_reason = _ebb_column_text (stmt, 12);
  s->notes = _ebb_column_text (stmt, 13);
  vitals_from_row (stmt, 14, &s->vitals_before);
  vitals_from_row (stmt, 17, &s->vitals_after);
  s->link_stats_json = _ebb_column_text (stmt, 20);
  s->sample_epoch_us = sqlite3_column_int64 (stmt, 21);
  s->sample_epoch_device_ms = (guint32) sqlite3_column_int64 (stmt, 22);
  s->n_samples = sqlite3_column_int64 (stmt, 23);
  return s;
}

/**
 * ebb_store_session_begin:
 * @self: the store
 * @session: the session as it starts (client, screening, profile snapshot,
 *   operator, chamber identity, start time; end fields are ignored)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Records a running session owned by this process. Should the process
 * die, the next open marks it interrupted.
 *
 * Returns: the session id, or 0 with @error set
 */
gint64
ebb_store_session_begin (EbbStore                *self,
                         const EbbSessionRecord  *session,
                         GError                 **error)
{
  g_autofree char *boot_id = NULL;
  sqlite3_stmt *stmt;
  gint64 pid, start_ticks;

  g_return_val_if_fail (EBB_IS_STORE (self), 0);
  g_return_val_if_fail (session != NULL, 0);

  if (!_ebb_store_writable (self, error))
    return 0;

  _ebb_store_process_identity (&pid, &start_ticks, &boot_id);

  stmt = _ebb_store_prepare (self,
                             "INSERT INTO sessions (client_id, screening_id, profile_id, "
                             "profile_json, operator_id, chamber_model, chamber_serial, "
                             "chamber_firmware, started, notes, owner_pid, owner_start, owner_boot) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, session->client_id);
  _ebb_bind_id (stmt, 2, session->screening_id);
  _ebb_bind_id (stmt, 3, session->profile_id);
  _ebb_bind_text (stmt, 4, session->profile_json);
  _ebb_bind_id (stmt, 5, session->operator_id);
  _ebb_bind_text (stmt, 6, session->chamber_model);
  _ebb_bind_text (stmt, 7, session->chamber_serial);
  _ebb_bind_text (stmt, 8, session->chamber_firmware);
  sqlite3_bind_int64 (stmt, 9, session->started_us != 0 ? session->started_us : g_get_real_time ());
  _ebb_bind_text (stmt, 10, session->notes);
  sqlite3_bind_int64 (stmt, 11, pid);
  sqlite3_bind_int64 (stmt, 12, start_ticks);
  _ebb_bind_text (stmt, 13, boot_id);
  if (!_ebb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/**
 * ebb_store_session_finish:
 * @self: the store
 * @session_id: a running session
 * @end_state: how it ended (not %EBB_SESSION_RUNNING)
 * @end_reason: (nullable): why, in English
 * @ended_us: when (0: now)
 * @link_stats_json: (nullable): final link statistics
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Records the end. Close the session's #EbbSampleWriter first so every
 * sample is stored. A session that already ended is refused with
 * %EBB_STORE_ERROR_CONSTRAINT.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_session_finish (EbbStore            *self,
                          gint64               session_id,
                          EbbSessionEndState   end_state,
                          const char          *end_reason,
                          gint64               ended_us,
                          const char          *link_stats_json,
                          GError             **error)
{
  g_autoptr(EbbSessionRecord) existing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (end_state != EBB_SESSION_RUNNING, FALSE);

  if (!_ebb_store_writable (self, error))
    return FALSE;

  existing = ebb_store_session_get (self, session_id, error);
  if (existing == NULL)
    return FALSE;
  if (existing->end_state != EBB_SESSION_RUNNING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);

      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT,
                   _("Session %s has already ended (%s)."),
                   number, ebb_session_end_state_to_id (existing->end_state));
      return FALSE;
    }

  stmt = _ebb_store_prepare (self,
                             "UPDATE sessions SET end_state = ?2, end_reason = ?3, ended = ?4, "
                             "link_stats = coalesce(?5, link_stats) "
                             "WHERE id = ?1 AND end_state IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  _ebb_bind_text (stmt, 2, ebb_session_end_state_to_id (end_state));
  _ebb_bind_text (stmt, 3, end_reason);
  sqlite3_bind_int64 (stmt, 4, ended_us != 0 ? ended_us : g_get_real_time ());
  _ebb_bind_text (stmt, 5, link_stats_json);

  return _ebb_store_step_done (self, stmt, error);
}

gboolean
ebb_store_session_set_notes (EbbStore    *self,
                             gint64       session_id,
                             const char  *notes,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  stmt = _ebb_store_prepare_write (self, "UPDATE sessions SET notes = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  _ebb_bind_text (stmt, 2, notes);
  return _ebb_store_step_one (self, stmt, _("session"), session_id, error);
}

/**
 * ebb_store_session_set_vitals:
 * @self: the store
 * @session_id: the session
 * @after: %FALSE for the vitals taken before, %TRUE for after
 * @vitals: the vitals; recorded %FALSE clears them
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_session_set_vitals (EbbStore         *self,
                              gint64            session_id,
                              gboolean          after,
                              const EbbVitals  *vitals,
                              GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (vitals != NULL, FALSE);

  if (!_ebb_store_writable (self, error))
    return FALSE;

  if (vitals->recorded &&
      (vitals->bp_systolic > 300 || vitals->bp_diastolic > 250 || vitals->heart_rate > 300 ||
       vitals->bp_diastolic > vitals->bp_systolic))
    {
      g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                           _("The blood pressure or heart rate is out of range; check the values."));
      return FALSE;
    }

  stmt = _ebb_store_prepare (self,
                             after
                             ? "UPDATE sessions SET bp_sys_after = ?2, bp_dia_after = ?3, "
                               "hr_after = ?4 WHERE id = ?1"
                             : "UPDATE sessions SET bp_sys_before = ?2, bp_dia_before = ?3, "
                               "hr_before = ?4 WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  if (vitals->recorded)
    {
      sqlite3_bind_int (stmt, 2, vitals->bp_systolic);
      sqlite3_bind_int (stmt, 3, vitals->bp_diastolic);
      sqlite3_bind_int (stmt, 4, vitals->heart_rate);
    }
  return _ebb_store_step_one (self, stmt, _("session"), session_id, error);
}

EbbSessionRecord *
ebb_store_session_get (EbbStore  *self,
                       gint64     session_id,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  EbbSessionRecord *s = NULL;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self, SESSION_SELECT "WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    s = session_from_row (stmt);
  else if (rc == SQLITE_DONE)
    _ebb_store_not_found (error, _("session"), session_id);
  else
    _ebb_store_set_error (error, self->db, rc, self->path);
  sqlite3_reset (stmt);

  return s;
}

/**
 * ebb_store_session_list:
 * @self: the store
 * @client_id: the client, or 0 for every client
 * @limit: the most sessions to return (0: all)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbSessionRecord): newest first
 */
GPtrArray *
ebb_store_session_list (EbbStore  *self,
                        gint64     client_id,
                        guint      limit,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self,
                             SESSION_SELECT "WHERE ?1 = 0 OR s.client_id = ?1 "
                             "ORDER BY s.started DESC, s.id DESC LIMIT ?2",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  return _ebb_store_step_list (self, stmt, (EbbStoreRowFunc) session_from_row,
                               (GDestroyNotify) ebb_session_record_free, error);
}

/**
 * ebb_store_session_read_samples:
 * @self: the store
 * @session_id: the session
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Reads every sample on disk, in the order received.
 *
 * Returns: (transfer full) (element-type EbbEcpTelemetry): the samples
 */
GArray *
ebb_store_session_read_samples (EbbStore  *self,
                                gint64     session_id,
                                GError   **error)
{
  g_autoptr(GArray) samples = NULL;
  sqlite3_stmt *stmt;
  gint64 total = 0;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self,
                             "SELECT coalesce(sum(n_samples), 0) FROM session_samples "
                             "WHERE session_id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  if (!_ebb_store_step_int64 (self, stmt, &total, error))
    return NULL;

  /* Sized once: a 60-minute session at 200 Hz is 720,000 samples. */
  samples = g_array_sized_new (FALSE, FALSE, sizeof (EbbEcpTelemetry), (guint) total);

  stmt = _ebb_store_prepare (self,
                             "SELECT data FROM session_samples WHERE session_id = ?1 "
                             "ORDER BY chunk_start",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!ebb_sample_codec_decode (sqlite3_column_blob (stmt, 0),
                                    sqlite3_column_bytes (stmt, 0), samples, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _ebb_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&samples);
}

/* First and last device time and the count of the samples on disk; all 0
 * when there are none. */
gboolean
_ebb_store_session_sample_span (EbbStore  *self,
                                gint64     session_id,
                                guint32   *first_device_ms,
                                guint32   *last_device_ms,
                                guint64   *n_samples,
                                GError   **error)
{
  static const char *sql[] = {
    "SELECT data FROM session_samples WHERE session_id = ?1 ORDER BY chunk_start LIMIT 1",
    "SELECT data FROM session_samples WHERE session_id = ?1 ORDER BY chunk_start DESC LIMIT 1",
  };
  guint32 *out[] = { first_device_ms, last_device_ms };
  sqlite3_stmt *stmt;
  gint64 total;
  int rc;

  *first_device_ms = *last_device_ms = 0;
  *n_samples = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(GArray) chunk = g_array_new (FALSE, FALSE, sizeof (EbbEcpTelemetry));

      stmt = _ebb_store_prepare (self, sql[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, session_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW &&
          !ebb_sample_codec_decode (sqlite3_column_blob (stmt, 0),
                                    sqlite3_column_bytes (stmt, 0), chunk, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_ROW)
        return _ebb_store_set_error (error, self->db, rc, self->path);

      *out[i] = g_array_index (chunk, EbbEcpTelemetry, i == 0 ? 0 : chunk->len - 1).device_ms;
    }

  stmt = _ebb_store_prepare (self,
                             "SELECT coalesce(sum(n_samples), 0) FROM session_samples "
                             "WHERE session_id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  if (!_ebb_store_step_int64 (self, stmt, &total, error))
    return FALSE;

  *n_samples = total;
  return TRUE;
}

/**
 * ebb_store_session_read_events:
 * @self: the store
 * @session_id: the session
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer container) (element-type EbbSessionEvent): in order
 */
GPtrArray *
ebb_store_session_read_events (EbbStore  *self,
                               gint64     session_id,
                               GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_session_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  stmt = _ebb_store_prepare (self,
                             "SELECT id, session_id, time, device_ms, kind, code, message, data, "
                             "operator_id FROM session_events WHERE session_id = ?1 ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EbbSessionEvent *e = g_new0 (EbbSessionEvent, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->session_id = sqlite3_column_int64 (stmt, 1);
      e->time_us = sqlite3_column_int64 (stmt, 2);
      e->device_ms = (guint32) sqlite3_column_int64 (stmt, 3);
      e->kind = ebb_session_event_kind_from_id ((const char *) sqlite3_column_text (stmt, 4));
      e->code = _ebb_column_text (stmt, 5);
      e->message = _ebb_column_text (stmt, 6);
      e->data_json = _ebb_column_text (stmt, 7);
      e->operator_id = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (list, e);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _ebb_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* Bytes the session's samples take in the database: the encoded chunks
 * plus about 16 bytes of key and row header each. Page slack is not
 * counted; bench-store measures the file growth as well. */
gint64
ebb_store_session_sample_bytes (EbbStore  *self,
                                gint64     session_id,
                                GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 bytes;

  g_return_val_if_fail (EBB_IS_STORE (self), -1);

  stmt = _ebb_store_prepare (self,
                             "SELECT coalesce(sum(length(data) + 16), 0) FROM session_samples "
                             "WHERE session_id = ?1",
                             error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, session_id);

  return _ebb_store_step_int64 (self, stmt, &bytes, error) ? bytes : -1;
}
