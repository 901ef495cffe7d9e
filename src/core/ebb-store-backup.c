/* ebb-store-backup.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-backup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ebb-store-private.h"

/* Backups go through sqlite3_backup_* on a connection of their own, so a
 * session can go on recording meanwhile. A backup is written to
 * "NAME.partial", verified with integrity_check and only then renamed into
 * place: a file called NAME is always a verified copy. */

#define PAGES_PER_STEP 1024
#define DAILY_SUFFIX ".db"
#define DAILY_DATE_FORMAT "%Y-%m-%d"
#define DAILY_DATE_LENGTH 10 /* YYYY-MM-DD */

static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved_errno)
{
  return _ebb_store_set_error_code (error,
                                    saved_errno == EACCES || saved_errno == EPERM
                                      ? EBB_STORE_ERROR_PERMISSION : EBB_STORE_ERROR_IO,
                                    path, g_strerror (saved_errno));
}

/* Copies @source_path into a new file @dest_path (created 0600). */
static gboolean
copy_database (const char    *source_path,
               const char    *dest_path,
               guint          busy_timeout_ms,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3 *source = NULL, *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int fd, rc;

  fd = g_open (dest_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, dest_path, errno);
  close (fd);

  source = _ebb_store_connect (source_path, TRUE, busy_timeout_ms, error);
  if (source == NULL)
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _ebb_store_set_error (error, dest, rc, dest_path);
      goto out;
    }

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      _ebb_store_set_error (error, dest, sqlite3_errcode (dest), dest_path);
      goto out;
    }

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          goto out;
        }
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (10000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      _ebb_store_set_error (error, dest, rc, dest_path);
      goto out;
    }

  /* A backup is a single self-contained file: no WAL beside it. */
  ok = _ebb_store_exec (dest, dest_path, "PRAGMA journal_mode=DELETE", error);

out:
  sqlite3_close (source);
  sqlite3_close (dest);
  return ok;
}

/**
 * ebb_store_verify_file:
 * @path: a database file, typically a backup
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Checks, without changing it, that @path is an Ebbflow database this
 * version can open and that integrity_check passes.
 *
 * Returns: %TRUE if the file is a sound Ebbflow database
 */
gboolean
ebb_store_verify_file (const char  *path,
                       GError     **error)
{
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  store = ebb_store_open (path, EBB_STORE_OPEN_READ_ONLY, &local_error);
  /* An older schema is fine for a backup: opening it migrates. */
  if (store == NULL && !g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_OLDER_SCHEMA))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (store == NULL)
    {
      sqlite3 *db = _ebb_store_connect (path, TRUE, EBB_STORE_DEFAULT_BUSY_TIMEOUT_MS, error);
      gboolean ok;

      if (db == NULL)
        return FALSE;
      ok = _ebb_store_run_check (db, path, "PRAGMA integrity_check(1)", error);
      sqlite3_close (db);
      return ok;
    }

  return ebb_store_check (store, TRUE, error);
}

/**
 * ebb_store_backup_to:
 * @self: the store
 * @destination: the backup file to write (replaced if it exists)
 * @cancellable: (nullable): to stop a long backup
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Makes an online, verified copy of the database. Safe to call from a
 * worker thread: it uses connections of its own.
 *
 * Returns: %TRUE when @destination holds a verified copy
 */
gboolean
ebb_store_backup_to (EbbStore      *self,
                     const char    *destination,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  dir = g_path_get_dirname (destination);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_error (error, destination, errno);

  partial = g_strconcat (destination, ".partial", NULL);
  if (!copy_database (self->path, partial, self->busy_timeout_ms, cancellable, error) ||
      !ebb_store_verify_file (partial, error))
    {
      g_unlink (partial);
      g_prefix_error (error, _("The backup was not written: "));
      return FALSE;
    }

  if (g_rename (partial, destination) != 0)
    {
      int saved = errno;

      g_unlink (partial);
      return io_error (error, destination, saved);
    }

  return TRUE;
}

static void
backup_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  if (ebb_store_backup_to (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ebb_store_backup_to_async (EbbStore            *self,
                           const char          *destination,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EBB_IS_STORE (self));
  g_return_if_fail (destination != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ebb_store_backup_to_async);
  g_task_set_task_data (task, g_strdup (destination), g_free);
  g_task_run_in_thread (task, backup_thread_cb);
}

gboolean
ebb_store_backup_to_finish (EbbStore      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Daily backups are named after the database they copy ("clinic.db" →
 * "clinic-2026-11-25.db"), so two databases may share a backup directory
 * without rotating away each other's copies. */
static char *
daily_prefix (EbbStore *self)
{
  g_autofree char *base = g_path_get_basename (ebb_store_get_path (self));

  if (g_str_has_suffix (base, DAILY_SUFFIX) && strlen (base) > strlen (DAILY_SUFFIX))
    base[strlen (base) - strlen (DAILY_SUFFIX)] = '\0';

  return g_strconcat (base, "-", NULL);
}

static gboolean
is_daily_name (const char *name,
               const char *prefix)
{
  const char *date = name + strlen (prefix);

  if (!g_str_has_prefix (name, prefix) ||
      strlen (date) != DAILY_DATE_LENGTH + strlen (DAILY_SUFFIX) ||
      !g_str_has_suffix (date, DAILY_SUFFIX))
    return FALSE;

  for (guint i = 0; i < DAILY_DATE_LENGTH; i++)
    if (i == 4 || i == 7 ? date[i] != '-' : !g_ascii_isdigit (date[i]))
      return FALSE;

  return TRUE;
}

/* Removes the oldest daily backups of this database so that @keep remain.
 * Names sort by date, so the oldest sort first. */
static gboolean
rotate (const char  *directory,
        const char  *prefix,
        guint        keep,
        GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_daily_name (name, prefix))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0)
        return io_error (error, path, errno);
    }

  return TRUE;
}

/**
 * ebb_store_backup_daily:
 * @self: the store
 * @directory: the backup directory (see ebb_store_path_backup_dir())
 * @keep: how many daily backups to keep (at least 1)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Writes today's backup "NAME-YYYY-MM-DD.db" (NAME: the database file's
 * name without ".db") if it does not exist yet, verifies it, and removes
 * this database's oldest daily backups beyond @keep.
 *
 * Returns: (transfer full) (nullable): the path of the backup written, or
 *   %NULL if today's already existed (then @error is not set) or on failure
 */
char *
ebb_store_backup_daily (EbbStore    *self,
                        const char  *directory,
                        guint        keep,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  date = g_date_time_format (now, DAILY_DATE_FORMAT);
  prefix = daily_prefix (self);
  name = g_strconcat (prefix, date, DAILY_SUFFIX, NULL);
  path = g_build_filename (directory, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (!ebb_store_backup_to (self, path, NULL, error) ||
      !rotate (directory, prefix, MAX (keep, 1), error))
    return NULL;

  return g_steal_pointer (&path);
}

typedef struct
{
  char  *directory;
  guint  keep;
} DailyJob;

static void
daily_job_free (gpointer data)
{
  DailyJob *job = data;

  g_free (job->directory);
  g_free (job);
}

static void
daily_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DailyJob *job = task_data;
  GError *error = NULL;
  char *path = ebb_store_backup_daily (source_object, job->directory, job->keep, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

/**
 * ebb_store_backup_daily_async:
 * @self: the store
 * @directory: the backup directory
 * @keep: how many daily backups to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: for @callback
 *
 * Runs ebb_store_backup_daily() on a worker thread, so the console can
 * call it at start-up without blocking its window.
 */
void
ebb_store_backup_daily_async (EbbStore            *self,
                              const char          *directory,
                              guint                keep,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DailyJob *job;

  g_return_if_fail (EBB_IS_STORE (self));
  g_return_if_fail (directory != NULL);

  job = g_new0 (DailyJob, 1);
  job->directory = g_strdup (directory);
  job->keep = keep;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ebb_store_backup_daily_async);
  g_task_set_task_data (task, job, daily_job_free);
  g_task_run_in_thread (task, daily_thread_cb);
}

/**
 * ebb_store_backup_daily_finish:
 * @self: the store
 * @result: the result
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): as ebb_store_backup_daily(): the
 *   backup written, or %NULL if today's existed (no error) or on failure
 */
char *
ebb_store_backup_daily_finish (EbbStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ebb_store_restore:
 * @database: the database file to replace (no #EbbStore may have it open)
 * @backup: the backup to restore
 * @aside_path: (out) (optional) (transfer full): where the current file was kept
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Verifies @backup, moves the current database (with its -wal and -shm
 * files) aside as "DATABASE.before-restore-YYYYmmdd-HHMMSS", and copies the
 * backup into place. If the copy fails the current file is put back.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_restore (const char  *database,
                   const char  *backup,
                   char       **aside_path,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.before-restore-%s", database, stamp);
  g_autofree char *partial = g_strconcat (database, ".restoring", NULL);
  gboolean had_current = g_file_test (database, G_FILE_TEST_EXISTS);
  const char *suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  if (!ebb_store_verify_file (backup, error))
    {
      g_prefix_error (error, _("The backup cannot be restored: "));
      return FALSE;
    }

  /* Copy first, next to the database, so the swap below is two renames. */
  if (!copy_database (backup, partial, EBB_STORE_DEFAULT_BUSY_TIMEOUT_MS, NULL, error) ||
      !ebb_store_verify_file (partial, error))
    {
      g_unlink (partial);
      return FALSE;
    }

  if (had_current)
    {
      if (g_rename (database, aside) != 0)
        {
          int saved = errno;

          g_unlink (partial);
          return io_error (error, database, saved);
        }
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *from = g_strconcat (database, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

          if (g_file_test (from, G_FILE_TEST_EXISTS))
            g_rename (from, to);
        }
    }

  if (g_rename (partial, database) != 0)
    {
      int saved = errno;

      if (had_current)
        g_rename (aside, database);
      g_unlink (partial);
      return io_error (error, database, saved);
    }

  if (aside_path != NULL)
    *aside_path = had_current ? g_steal_pointer (&aside) : NULL;

  return TRUE;
}
