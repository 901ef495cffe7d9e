/* ebb-store-recovery.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-recovery"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebb-store-private.h"

/* A running session remembers the process that records it: pid, the
 * process's start time (field 22 of /proc/PID/stat, so a reused pid is not
 * mistaken for the owner) and the kernel's boot id (after a reboot every
 * owner is dead). Nothing has to be cleaned up when a process is killed:
 * the next open sees that the owner is gone and marks the session
 * interrupted, keeping every sample that reached the disk. */

static gint64
process_start_ticks (gint64 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  /* The command name (field 2) is in parentheses and may contain spaces;
   * count fields after its closing parenthesis. */
  p = strrchr (contents, ')');
  if (p == NULL)
    return -1;

  for (guint field = 2; field < 22 && p != NULL; field++)
    {
      p = strchr (p + 1, ' ');
    }

  return p != NULL ? g_ascii_strtoll (p + 1, NULL, 10) : -1;
}

static char *
boot_id (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return g_strdup ("");

  return g_strstrip (g_steal_pointer (&contents));
}

void
_ebb_store_process_identity (gint64  *pid,
                             gint64  *start_ticks,
                             char   **boot)
{
  *pid = getpid ();
  *start_ticks = process_start_ticks (*pid);
  *boot = boot_id ();
}

static gboolean
owner_alive (gint64      pid,
             gint64      start_ticks,
             const char *owner_boot,
             const char *this_boot)
{
  if (pid <= 0 || g_strcmp0 (owner_boot, this_boot) != 0)
    return FALSE;

  return process_start_ticks (pid) == start_ticks;
}

typedef struct
{
  gint64  id;
  gint64  started_us;
  gint64  epoch_us;
  guint32 epoch_device_ms;
} Orphan;

static gboolean
mark_interrupted (EbbStore      *self,
                  const Orphan  *orphan,
                  GError       **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  guint32 first_ms, last_ms;
  guint64 n_samples;
  gint64 ended = orphan->started_us;
  gint64 last_event;

  if (!_ebb_store_session_sample_span (self, orphan->id, &first_ms, &last_ms, &n_samples, error))
    return FALSE;

  /* The end is the last thing known to have happened: the last sample or
   * the last event. */
  if (n_samples > 0 && orphan->epoch_us != 0)
    ended = MAX (ended, orphan->epoch_us + (gint64) (guint32) (last_ms - orphan->epoch_device_ms) * 1000);

  stmt = _ebb_store_prepare (self, "SELECT max(time) FROM session_events WHERE session_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, orphan->id);
  if (!_ebb_store_step_int64 (self, stmt, &last_event, error))
    return FALSE;
  ended = MAX (ended, last_event);

  if (!_ebb_store_begin (self, error))
    return FALSE;

  stmt = _ebb_store_prepare (self,
                             "UPDATE sessions SET end_state = 'interrupted', ended = ?2, "
                             "end_reason = ?3 WHERE id = ?1 AND end_state IS NULL",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, orphan->id);
  sqlite3_bind_int64 (stmt, 2, ended);
  /* Stored in English and marked, so a report prints it in its own
   * language (its catalogue looks recorded texts up). */
  _ebb_bind_text (stmt, 3, N_("The program recording the session ended without closing it "
                              "(crash, forced quit or power loss)."));
  if (!_ebb_store_step_done (self, stmt, error) || !_ebb_store_commit (self, error))
    goto fail;

  detail = g_strdup_printf ("{\"samples\":%" G_GUINT64_FORMAT "}", n_samples);
  {
    g_autofree char *subject = g_strdup_printf ("session:%" G_GINT64_FORMAT, orphan->id);

    if (ebb_store_audit_append (self, 0, "session.interrupted", subject, detail, error) == 0)
      return FALSE;
  }

  g_array_append_val (self->interrupted, orphan->id);
  g_debug ("Session %" G_GINT64_FORMAT " marked interrupted with %" G_GUINT64_FORMAT " samples",
           orphan->id, n_samples);
  return TRUE;

fail:
  _ebb_store_rollback (self);
  return FALSE;
}

gboolean
_ebb_store_recover_sessions (EbbStore  *self,
                             GError   **error)
{
  g_autoptr(GArray) orphans = g_array_new (FALSE, FALSE, sizeof (Orphan));
  g_autofree char *this_boot = boot_id ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ebb_store_prepare (self,
                             "SELECT id, owner_pid, owner_start, owner_boot, started, sample_epoch, "
                             "sample_epoch_device_ms FROM sessions WHERE end_state IS NULL",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!owner_alive (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                        (const char *) sqlite3_column_text (stmt, 3), this_boot))
        {
          Orphan orphan = {
            .id = sqlite3_column_int64 (stmt, 0),
            .started_us = sqlite3_column_int64 (stmt, 4),
            .epoch_us = sqlite3_column_int64 (stmt, 5),
            .epoch_device_ms = (guint32) sqlite3_column_int64 (stmt, 6),
          };

          g_array_append_val (orphans, orphan);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  for (guint i = 0; i < orphans->len; i++)
    if (!mark_interrupted (self, &g_array_index (orphans, Orphan, i), error))
      return FALSE;

  return TRUE;
}
