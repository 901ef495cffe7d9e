/* ebb-store.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ebb-store-private.h"

/* The main connection never checkpoints by itself (a checkpoint stalls the
 * committing thread for tens of milliseconds, and this connection is used
 * from the GTK main thread). A WAL hook hands checkpoints to a worker
 * thread once the log holds this many pages. */
#define CHECKPOINT_PAGES 1000

G_DEFINE_QUARK (ebb-store-error-quark, ebb_store_error)

G_DEFINE_FINAL_TYPE (EbbStore, ebb_store, G_TYPE_OBJECT)

gboolean
_ebb_store_set_error_code (GError     **error,
                           int          code,
                           const char  *path,
                           const char  *detail)
{
  g_autofree char *head = NULL;
  const char *p = path != NULL ? path : "";

  switch ((EbbStoreError) code)
    {
    case EBB_STORE_ERROR_CORRUPT:
      head = g_strdup_printf (_("The database file “%s” is damaged. Restore it from a backup "
               "(“ebbflowctl db restore FILE”); the damaged file is kept aside."), p);
      break;
    case EBB_STORE_ERROR_NOT_A_DATABASE:
      head = g_strdup_printf (_("“%s” is not an Ebbflow database. Choose the right file or restore "
               "the database from a backup."), p);
      break;
    case EBB_STORE_ERROR_LOCKED:
      head = g_strdup_printf (_("The database “%s” is locked by another program. Close the other "
               "Ebbflow window or tool and try again."), p);
      break;
    case EBB_STORE_ERROR_READ_ONLY:
      head = g_strdup_printf (_("The database “%s” can only be read. Make the file and its folder "
               "writable for this user, or free the disk, and try again."), p);
      break;
    case EBB_STORE_ERROR_PERMISSION:
      head = g_strdup_printf (_("The database “%s” cannot be opened: permission denied. Give this "
               "user read and write access to the file and its folder."), p);
      break;
    case EBB_STORE_ERROR_IO:
      head = g_strdup_printf (_("Reading or writing the database “%s” failed. Check that the disk "
               "is present and not full, then try again."), p);
      break;
    case EBB_STORE_ERROR_NOT_FOUND:
      head = g_strdup_printf (_("There is no database at “%s”. Create one with “ebbflowctl db init” "
               "or choose another file."), p);
      break;
    case EBB_STORE_ERROR_NEWER_SCHEMA:
    case EBB_STORE_ERROR_OLDER_SCHEMA:
    case EBB_STORE_ERROR_CONSTRAINT:
    case EBB_STORE_ERROR_INVALID:
    case EBB_STORE_ERROR_IN_USE:
    case EBB_STORE_ERROR_AUDIT_BROKEN:
    case EBB_STORE_ERROR_FAILED:
    default:
      head = g_strdup_printf (_("The database “%s” reported an error."), p);
      break;
    }

  if (detail != NULL && *detail != '\0')
    g_set_error (error, EBB_STORE_ERROR, code, "%s (%s)", head, detail);
  else
    g_set_error_literal (error, EBB_STORE_ERROR, code, head);

  return FALSE;
}

/* Maps an SQLite result code to the store's error codes. Always returns
 * FALSE so callers can `return _ebb_store_set_error (…)`. */
gboolean
_ebb_store_set_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      code = EBB_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_NOTADB:
      code = EBB_STORE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = EBB_STORE_ERROR_LOCKED;
      break;
    case SQLITE_READONLY:
      code = EBB_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_CANTOPEN:
      code = EBB_STORE_ERROR_PERMISSION;
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
      code = EBB_STORE_ERROR_IO;
      break;
    case SQLITE_CONSTRAINT:
      /* A broken rule of the records is the caller's business, with
       * SQLite's own wording (it names the rule). */
      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT,
                   _("The change was refused because it breaks a rule of the records: %s"),
                   detail);
      return FALSE;
    default:
      code = EBB_STORE_ERROR_FAILED;
      break;
    }

  return _ebb_store_set_error_code (error, code, path, detail);
}

gboolean
_ebb_store_not_found (GError     **error,
                      const char  *what,
                      gint64       id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: the first %s is a kind of record ("client", "session"), the second its number */
  g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND,
               _("There is no %s with number %s in this database."), what, number);
  return FALSE;
}

gboolean
_ebb_store_exec (sqlite3     *db,
                 const char  *path,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _ebb_store_set_error (error, db, rc, path);

  return TRUE;
}

sqlite3_stmt *
_ebb_store_prepare (EbbStore    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Statements are cached by the address of their literal text. */
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _ebb_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_ebb_store_step_done (EbbStore      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

/* Steps a statement that changes one record and resets it; a statement
 * that changed nothing means there is no @what number @id. */
gboolean
_ebb_store_step_one (EbbStore      *self,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     gint64         id,
                     GError       **error)
{
  if (!_ebb_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return _ebb_store_not_found (error, what, id);

  return TRUE;
}

/* Prepares a statement that writes, refusing first if the store was
 * opened read-only. */
sqlite3_stmt *
_ebb_store_prepare_write (EbbStore    *self,
                          const char  *sql,
                          GError     **error)
{
  if (!_ebb_store_writable (self, error))
    return NULL;

  return _ebb_store_prepare (self, sql, error);
}

/* Steps a statement that yields one integer (a count, a sum) and resets
 * it. A statement without a row gives 0. */
gboolean
_ebb_store_step_int64 (EbbStore      *self,
                       sqlite3_stmt  *stmt,
                       gint64        *value,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

/* Steps a bound statement to its end, collecting @from_row's record of
 * each row, and resets it. Returns: (transfer container): the records in
 * the statement's order (freed with @free_func), or NULL with @error set. */
GPtrArray *
_ebb_store_step_list (EbbStore         *self,
                      sqlite3_stmt     *stmt,
                      EbbStoreRowFunc   from_row,
                      GDestroyNotify    free_func,
                      GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _ebb_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&list);
}

gboolean
_ebb_store_begin (EbbStore  *self,
                  GError   **error)
{
  const char *sql;

  if (!_ebb_store_writable (self, error))
    return FALSE;

  /* IMMEDIATE takes the write lock now, so a busy database is reported
   * here rather than half-way through the transaction. Inside a caller's
   * transaction (ebb_store_begin()) a savepoint nests. */
  sql = self->tx_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT ebb_nested";
  if (!_ebb_store_exec (self->db, self->path, sql, error))
    return FALSE;

  self->tx_depth++;
  return TRUE;
}

gboolean
_ebb_store_commit (EbbStore  *self,
                   GError   **error)
{
  g_assert (self->tx_depth > 0);

  /* On failure the transaction stays open: the caller rolls it back. */
  if (!_ebb_store_exec (self->db, self->path,
                        self->tx_depth == 1 ? "COMMIT" : "RELEASE ebb_nested", error))
    return FALSE;

  self->tx_depth--;
  return TRUE;
}

void
_ebb_store_rollback (EbbStore *self)
{
  if (self->tx_depth == 0)
    return;

  if (self->tx_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO ebb_nested; RELEASE ebb_nested", NULL, NULL, NULL);
  self->tx_depth--;
}

/**
 * ebb_store_begin:
 * @self: the store
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Starts a transaction around several changes (an import, a screening
 * with its audit entry), committed together by ebb_store_commit() or
 * undone by ebb_store_rollback(). Store functions called meanwhile join
 * it. Keep it short: it holds the database's write lock.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_begin (EbbStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  return _ebb_store_begin (self, error);
}

gboolean
ebb_store_commit (EbbStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  return _ebb_store_commit (self, error);
}

void
ebb_store_rollback (EbbStore *self)
{
  g_return_if_fail (EBB_IS_STORE (self));

  _ebb_store_rollback (self);
}

gboolean
_ebb_store_writable (EbbStore  *self,
                     GError   **error)
{
  if (!self->read_only)
    return TRUE;

  return _ebb_store_set_error_code (error, EBB_STORE_ERROR_READ_ONLY, self->path,
                            _("opened for reading only"));
}

void
_ebb_bind_text (sqlite3_stmt *stmt,
                int           index,
                const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_ebb_bind_id (sqlite3_stmt *stmt,
              int           index,
              gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

char *
_ebb_column_text (sqlite3_stmt *stmt,
                  int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Opens a connection with the settings every connection shares. The
 * caller has already checked that the file exists and is readable. */
sqlite3 *
_ebb_store_connect (const char  *path,
                    gboolean     read_only,
                    guint        busy_timeout_ms,
                    GError     **error)
{
  sqlite3 *db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _ebb_store_set_error (error, db, rc, path);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, busy_timeout_ms);

  return db;
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    _ebb_store_set_error (error, db, rc, path);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

gboolean
_ebb_store_run_check (sqlite3     *db,
           const char  *path,
           const char  *pragma,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      _ebb_store_set_error (error, db, rc, path);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);

  if (g_strcmp0 (first, "ok") != 0)
    return _ebb_store_set_error_code (error, EBB_STORE_ERROR_CORRUPT, path, first);

  return TRUE;
}

/* Looks at the file before SQLite does, so each failure gets its own code
 * and SQLite never creates an empty database in place of a file it could
 * not read. Sets *exists. */
gboolean
_ebb_store_check_file (const char         *path,
            EbbStoreOpenFlags   flags,
            gboolean           *exists,
            GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;
  guint8 header[100];
  gssize got;
  int fd;

  *exists = FALSE;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        {
          if (!(flags & EBB_STORE_OPEN_CREATE))
            return _ebb_store_set_error_code (error, EBB_STORE_ERROR_NOT_FOUND, path, NULL);
          return TRUE;
        }
      if (saved == EACCES)
        return _ebb_store_set_error_code (error, EBB_STORE_ERROR_PERMISSION, path, g_strerror (saved));
      return _ebb_store_set_error_code (error, EBB_STORE_ERROR_IO, path, g_strerror (saved));
    }

  *exists = TRUE;

  if (!S_ISREG (st.st_mode))
    return _ebb_store_set_error_code (error, EBB_STORE_ERROR_NOT_A_DATABASE, path,
                              _("not a regular file"));

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      return _ebb_store_set_error_code (error,
                                saved == EACCES ? EBB_STORE_ERROR_PERMISSION : EBB_STORE_ERROR_IO,
                                path, g_strerror (saved));
    }

  got = read (fd, header, sizeof header);
  close (fd);

  if (got < 0)
    return _ebb_store_set_error_code (error, EBB_STORE_ERROR_IO, path, g_strerror (errno));

  /* An empty file holds nothing to lose: SQLite makes it a new database. */
  if (got > 0)
    {
      guint page_size;
      guint32 change_counter, valid_for, n_pages;

      if (got < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
        return _ebb_store_set_error_code (error, EBB_STORE_ERROR_NOT_A_DATABASE, path,
                                  _("the file does not start with an SQLite header"));

      page_size = (header[16] << 8) | header[17];
      if (page_size == 1)
        page_size = 65536;
      change_counter = GUINT32_FROM_BE (*(guint32 *) (header + 24));
      n_pages = GUINT32_FROM_BE (*(guint32 *) (header + 28));
      valid_for = GUINT32_FROM_BE (*(guint32 *) (header + 92));

      /* The header's page count is trustworthy when it was written by the
       * same change as the counter; a shorter file lost its tail. */
      if (page_size >= 512 && n_pages > 0 && valid_for == change_counter &&
          (guint64) st.st_size < (guint64) n_pages * page_size)
        return _ebb_store_set_error_code (error, EBB_STORE_ERROR_CORRUPT, path,
                                  _("the file is shorter than its header says: it was truncated"));
    }

  if (g_access (path, R_OK) != 0)
    return _ebb_store_set_error_code (error, EBB_STORE_ERROR_PERMISSION, path, g_strerror (errno));

  if (!(flags & EBB_STORE_OPEN_READ_ONLY))
    {
      if (g_access (path, W_OK) != 0)
        return _ebb_store_set_error_code (error, EBB_STORE_ERROR_READ_ONLY, path, g_strerror (errno));
      /* The write-ahead log lives beside the file. */
      if (g_access (dir, W_OK | X_OK) != 0)
        return _ebb_store_set_error_code (error, EBB_STORE_ERROR_READ_ONLY, path,
                                  _("the folder holding the database is not writable"));
    }

  return TRUE;
}

static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      return _ebb_store_set_error_code (error,
                                saved == EACCES ? EBB_STORE_ERROR_PERMISSION : EBB_STORE_ERROR_IO,
                                path, g_strerror (saved));
    }

  /* Created 0600 up front: SQLite gives the -wal and -shm files the mode of
   * the database file. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      return _ebb_store_set_error_code (error,
                                saved == EACCES ? EBB_STORE_ERROR_PERMISSION : EBB_STORE_ERROR_IO,
                                path, g_strerror (saved));
    }
  close (fd);

  return TRUE;
}

/* What a background checkpoint needs, copied so the thread never touches
 * the store object; the store's dispose waits for `running` to drop, so
 * no checkpoint outlives the store (or a test's temporary folder). */
typedef struct
{
  char     *path;
  guint     busy_timeout_ms;
  gint     *running;
} CheckpointJob;

static void
checkpoint_job_free (gpointer data)
{
  CheckpointJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
checkpoint_thread_cb (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CheckpointJob *job = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = _ebb_store_connect (job->path, FALSE, job->busy_timeout_ms, &error);
  if (db != NULL)
    {
      /* A connection learns that the file is in WAL mode only when it
       * first reads it; before that a checkpoint does nothing. */
      int rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("Background checkpoint of %s failed: %s", job->path, sqlite3_errmsg (db));
      sqlite3_close (db);
    }
  else
    g_warning ("Background checkpoint of %s failed: %s", job->path, error->message);

  g_atomic_int_set (job->running, 0);
  g_task_return_boolean (task, TRUE);
}

static int
wal_hook_cb (void       *user_data,
             sqlite3    *db,
             const char *name,
             int         n_pages)
{
  EbbStore *self = user_data;
  g_autoptr(GTask) task = NULL;
  CheckpointJob *job;

  if (n_pages < CHECKPOINT_PAGES || !g_atomic_int_compare_and_exchange (&self->checkpoint_running, 0, 1))
    return SQLITE_OK;

  job = g_new0 (CheckpointJob, 1);
  job->path = g_strdup (self->path);
  job->busy_timeout_ms = self->busy_timeout_ms;
  job->running = &self->checkpoint_running;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, wal_hook_cb);
  g_task_set_task_data (task, job, checkpoint_job_free);
  g_task_run_in_thread (task, checkpoint_thread_cb);

  return SQLITE_OK;
}

static void
ebb_store_dispose (GObject *object)
{
  EbbStore *self = EBB_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_wal_hook (self->db, NULL, NULL);
      /* Bounded by the busy timeout of the checkpoint's own connection. */
      while (g_atomic_int_get (&self->checkpoint_running))
        g_usleep (1000);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  G_OBJECT_CLASS (ebb_store_parent_class)->dispose (object);
}

static void
ebb_store_finalize (GObject *object)
{
  EbbStore *self = EBB_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->interrupted, g_array_unref);

  G_OBJECT_CLASS (ebb_store_parent_class)->finalize (object);
}

static void
ebb_store_class_init (EbbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_store_dispose;
  object_class->finalize = ebb_store_finalize;
}

static void
ebb_store_init (EbbStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->interrupted = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * ebb_store_open:
 * @path: the database file
 * @flags: how to open it
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Opens the clinic's database with the default busy timeout. See
 * ebb_store_open_full().
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EbbStore *
ebb_store_open (const char         *path,
                EbbStoreOpenFlags   flags,
                GError            **error)
{
  return ebb_store_open_full (path, flags, EBB_STORE_DEFAULT_BUSY_TIMEOUT_MS, error);
}

/**
 * ebb_store_open_full:
 * @path: the database file
 * @flags: how to open it
 * @busy_timeout_ms: how long to wait for another program's lock
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Opens (and with %EBB_STORE_OPEN_CREATE creates) the database: checks the
 * file, refuses a newer schema without touching it, runs quick_check,
 * migrates an older schema forward (each step in its own transaction) and
 * marks the sessions of dead processes as interrupted.
 *
 * An EbbStore is used from one thread at a time. The sample writer and
 * background jobs open their own connections.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EbbStore *
ebb_store_open_full (const char         *path,
                     EbbStoreOpenFlags   flags,
                     guint               busy_timeout_ms,
                     GError            **error)
{
  g_autoptr(EbbStore) self = NULL;
  gboolean exists;
  gboolean read_only = (flags & EBB_STORE_OPEN_READ_ONLY) != 0;
  gint64 version = 0, app_id = 0, n_objects = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_ebb_store_check_file (path, flags, &exists, error))
    return NULL;

  if (!exists)
    {
      if (read_only)
        {
          _ebb_store_set_error_code (error, EBB_STORE_ERROR_NOT_FOUND, path, NULL);
          return NULL;
        }
      if (!create_file (path, error))
        return NULL;
    }

  self = g_object_new (EBB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;
  self->busy_timeout_ms = busy_timeout_ms;

  self->db = _ebb_store_connect (path, read_only, busy_timeout_ms, error);
  if (self->db == NULL)
    return NULL;

  /* Read-only queries first: a newer database must be left untouched. */
  if (!query_int (self->db, path, "PRAGMA user_version", &version, error) ||
      !query_int (self->db, path, "PRAGMA application_id", &app_id, error) ||
      !query_int (self->db, path, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return NULL;

  if (n_objects > 0 && app_id != EBB_STORE_APPLICATION_ID)
    {
      _ebb_store_set_error_code (error, EBB_STORE_ERROR_NOT_A_DATABASE, path,
                                 _("it is an SQLite database of another program"));
      return NULL;
    }

  if (version > EBB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was written by a newer version of Ebbflow "
                     "(schema %d; this version knows up to %d). It was not changed. "
                     "Install the newer Ebbflow to open it."),
                   path, (int) version, EBB_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!read_only)
    {
      if (!_ebb_store_exec (self->db, path, "PRAGMA journal_mode=WAL", error) ||
          !_ebb_store_exec (self->db, path,
                            "PRAGMA foreign_keys=ON;"
                            "PRAGMA synchronous=FULL;"
                            "PRAGMA journal_size_limit=16777216;"
                            "PRAGMA wal_autocheckpoint=0;", error))
        return NULL;
    }
  else if (!_ebb_store_exec (self->db, path, "PRAGMA foreign_keys=ON", error))
    return NULL;

  if (!_ebb_store_run_check (self->db, path, "PRAGMA quick_check(1)", error))
    return NULL;

  self->opened_from_version = (int) version;

  if (version < EBB_STORE_SCHEMA_VERSION)
    {
      if (read_only || (flags & EBB_STORE_OPEN_NO_MIGRATE))
        {
          g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_OLDER_SCHEMA,
                       _("The database “%s” has schema %d and needs migrating to %d. "
                         "Run “ebbflowctl db migrate” (make a backup first)."),
                       path, (int) version, EBB_STORE_SCHEMA_VERSION);
          return NULL;
        }

      if (!_ebb_store_migrate (self->db, path, (int) version, EBB_STORE_SCHEMA_VERSION, error))
        return NULL;
    }

  self->schema_version = EBB_STORE_SCHEMA_VERSION;

  if (!read_only)
    {
      sqlite3_wal_hook (self->db, wal_hook_cb, self);
      if (!_ebb_store_recover_sessions (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
ebb_store_get_path (EbbStore *self)
{
  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  return self->path;
}

int
ebb_store_get_schema_version (EbbStore *self)
{
  g_return_val_if_fail (EBB_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * ebb_store_get_opened_from_version:
 * @self: the store
 *
 * Returns: the schema version the file had before this open migrated it
 *   (0 for a new database)
 */
int
ebb_store_get_opened_from_version (EbbStore *self)
{
  g_return_val_if_fail (EBB_IS_STORE (self), 0);

  return self->opened_from_version;
}

/**
 * ebb_store_get_interrupted_sessions:
 * @self: the store
 *
 * Returns: (transfer none) (element-type gint64): the sessions this open
 *   found abandoned by a dead process and marked interrupted
 */
GArray *
ebb_store_get_interrupted_sessions (EbbStore *self)
{
  g_return_val_if_fail (EBB_IS_STORE (self), NULL);

  return self->interrupted;
}

/**
 * ebb_store_check:
 * @self: the store
 * @full: %TRUE for integrity_check (reads everything), %FALSE for quick_check
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Returns: %TRUE if the database is sound
 */
gboolean
ebb_store_check (EbbStore  *self,
                 gboolean   full,
                 GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  if (!_ebb_store_run_check (self->db, self->path,
                  full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)", error))
    return FALSE;

  if (full)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
      gboolean broken = FALSE;

      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          broken = rc == SQLITE_ROW;
          if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);

      if (rc != SQLITE_OK)
        return _ebb_store_set_error (error, self->db, rc, self->path);
      if (broken)
        return _ebb_store_set_error_code (error, EBB_STORE_ERROR_CORRUPT, self->path,
                                  _("a record refers to another that does not exist"));
    }

  return TRUE;
}

/**
 * ebb_store_checkpoint:
 * @self: the store
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Copies the write-ahead log into the database file and empties it. Call
 * it from a worker thread or when no session is running: it may take tens
 * of milliseconds.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_checkpoint (EbbStore  *self,
                      GError   **error)
{
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;

  /* A background checkpoint (wal_hook_cb) may hold the checkpoint lock
   * for a moment; SQLite does not wait for it. */
  for (gint64 deadline = g_get_monotonic_time () + self->busy_timeout_ms * 1000;;)
    {
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      if (rc != SQLITE_BUSY || g_get_monotonic_time () > deadline)
        break;
      g_usleep (10000);
    }
  if (rc != SQLITE_OK)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

/**
 * ebb_store_probe_schema_version:
 * @path: a database file
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Reads the schema version without changing or migrating anything.
 *
 * Returns: the version, or -1 with @error set
 */
int
ebb_store_probe_schema_version (const char  *path,
                                GError     **error)
{
  gboolean exists;
  gint64 version = -1;
  sqlite3 *db;

  if (!_ebb_store_check_file (path, EBB_STORE_OPEN_READ_ONLY, &exists, error))
    return -1;

  db = _ebb_store_connect (path, TRUE, EBB_STORE_DEFAULT_BUSY_TIMEOUT_MS, error);
  if (db == NULL)
    return -1;

  if (!query_int (db, path, "PRAGMA user_version", &version, error))
    version = -1;

  sqlite3_close (db);
  return (int) version;
}
