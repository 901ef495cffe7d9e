/* ebb-sample-writer.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-sample-writer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-sample-codec.h"
#include "ebb-sample-writer.h"
#include "ebb-store-private.h"

/* The session thread only appends to an in-memory queue under a mutex that
 * the writer thread holds just long enough to swap two arrays, so pushing
 * never waits on the disk. The writer thread owns its own SQLite
 * connection: every EBB_SAMPLE_WRITER_FLUSH_INTERVAL_MS it encodes what
 * arrived into fixed-size chunks (the last, partial chunk is rewritten
 * until it fills) and commits them with the queued events in one
 * transaction. WAL checkpoints triggered by these commits run here, on the
 * writer thread, never on the thread that pushes. */

#define INITIAL_QUEUE 4096

/* The queue is a list of fixed blocks, so a push never copies what is
 * already queued, however far the disk falls behind. */
#define QUEUE_BLOCK 2048

typedef struct
{
  guint           len;
  EbbEcpTelemetry samples[QUEUE_BLOCK];
} QueueBlock;

struct _EbbSampleWriter
{
  GObject    parent_instance;

  /* Shared with the writer thread, under lock. */
  GMutex     lock;
  GCond      cond;
  GPtrArray *queue;            /* QueueBlock */
  GPtrArray *events;           /* EbbSessionEvent */
  gint64     epoch_us;         /* wall clock of the first sample ever pushed; 0 before */
  char      *link_stats;       /* JSON to store with the next batch; NULL: none new */
  guint      flush_requested;
  guint      flush_done;
  gboolean   stopping;
  GError    *error;            /* the first failure; the writer stops writing */
  guint64    n_written;

  /* Owned by the writer thread. */
  sqlite3   *db;
  char      *path;
  GArray    *open_chunk;       /* samples of the chunk being filled */
  gint64     chunk_start;      /* index of open_chunk's first sample */
  gboolean   epoch_stored;

  gint64     session_id;
  GThread   *thread;
};

G_DEFINE_FINAL_TYPE (EbbSampleWriter, ebb_sample_writer, G_TYPE_OBJECT)

static gboolean
exec_stmt (EbbSampleWriter  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

static gboolean
store_chunk (EbbSampleWriter  *self,
             sqlite3_stmt     *insert,
             GError          **error)
{
  g_autoptr(GBytes) data = NULL;
  gsize size;
  gconstpointer bytes;

  if (self->open_chunk->len == 0)
    return TRUE;

  data = ebb_sample_codec_encode ((const EbbEcpTelemetry *) self->open_chunk->data,
                                  self->open_chunk->len);
  bytes = g_bytes_get_data (data, &size);

  sqlite3_bind_int64 (insert, 1, self->session_id);
  sqlite3_bind_int64 (insert, 2, self->chunk_start);
  sqlite3_bind_int (insert, 3, self->open_chunk->len);
  sqlite3_bind_blob (insert, 4, bytes, size, SQLITE_STATIC);

  return exec_stmt (self, insert, error);
}

static gboolean
write_batch (EbbSampleWriter  *self,
             GArray           *samples,
             GPtrArray        *events,
             gint64            epoch_us,
             const char       *link_stats,
             GError          **error)
{
  sqlite3_stmt *insert = NULL, *event = NULL, *epoch = NULL, *stats = NULL;
  gboolean ok = FALSE;
  guint i = 0;
  int rc;

  if (samples->len == 0 && events->len == 0 && link_stats == NULL)
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO session_samples (session_id, chunk_start, "
                           "n_samples, data) VALUES (?1, ?2, ?3, ?4)", -1, &insert, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "INSERT INTO session_events (session_id, time, device_ms, kind, code, "
                             "message, data, operator_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                             -1, &event, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "UPDATE sessions SET sample_epoch = ?2, sample_epoch_device_ms = ?3 "
                             "WHERE id = ?1 AND sample_epoch IS NULL", -1, &epoch, NULL);
  if (rc == SQLITE_OK && link_stats != NULL)
    rc = sqlite3_prepare_v2 (self->db, "UPDATE sessions SET link_stats = ?2 WHERE id = ?1",
                             -1, &stats, NULL);
  if (rc != SQLITE_OK)
    {
      _ebb_store_set_error (error, self->db, rc, self->path);
      goto out;
    }

  if (!_ebb_store_exec (self->db, self->path, "BEGIN IMMEDIATE", error))
    goto out;

  if (!self->epoch_stored && samples->len > 0 && epoch_us != 0)
    {
      sqlite3_bind_int64 (epoch, 1, self->session_id);
      sqlite3_bind_int64 (epoch, 2, epoch_us);
      sqlite3_bind_int64 (epoch, 3, g_array_index (samples, EbbEcpTelemetry, 0).device_ms);
      if (!exec_stmt (self, epoch, error))
        goto rollback;
    }

  /* Fill and store whole chunks; the remainder stays open. */
  while (i < samples->len)
    {
      guint room = EBB_SAMPLE_CHUNK_SIZE - self->open_chunk->len;
      guint take = MIN (room, samples->len - i);

      g_array_append_vals (self->open_chunk, &g_array_index (samples, EbbEcpTelemetry, i), take);
      i += take;

      if (self->open_chunk->len == EBB_SAMPLE_CHUNK_SIZE)
        {
          if (!store_chunk (self, insert, error))
            goto rollback;
          self->chunk_start += EBB_SAMPLE_CHUNK_SIZE;
          g_array_set_size (self->open_chunk, 0);
        }
    }

  if (!store_chunk (self, insert, error))
    goto rollback;

  for (guint k = 0; k < events->len; k++)
    {
      const EbbSessionEvent *e = g_ptr_array_index (events, k);

      sqlite3_bind_int64 (event, 1, self->session_id);
      sqlite3_bind_int64 (event, 2, e->time_us != 0 ? e->time_us : g_get_real_time ());
      sqlite3_bind_int64 (event, 3, e->device_ms);
      _ebb_bind_text (event, 4, ebb_session_event_kind_to_id (e->kind));
      _ebb_bind_text (event, 5, e->code != NULL ? e->code : "");
      _ebb_bind_text (event, 6, e->message);
      _ebb_bind_text (event, 7, e->data_json);
      _ebb_bind_id (event, 8, e->operator_id);
      if (!exec_stmt (self, event, error))
        goto rollback;
      sqlite3_clear_bindings (event);
    }

  /* The counters so far, so an interrupted session keeps them; the end
   * of the session writes the final ones. */
  if (link_stats != NULL)
    {
      sqlite3_bind_int64 (stats, 1, self->session_id);
      _ebb_bind_text (stats, 2, link_stats);
      if (!exec_stmt (self, stats, error))
        goto rollback;
    }

  if (!_ebb_store_exec (self->db, self->path, "COMMIT", error))
    goto rollback;

  self->epoch_stored = self->epoch_stored || (samples->len > 0 && epoch_us != 0);
  ok = TRUE;
  goto out;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
out:
  sqlite3_finalize (insert);
  sqlite3_finalize (event);
  sqlite3_finalize (epoch);
  sqlite3_finalize (stats);
  return ok;
}

static gpointer
writer_thread (gpointer data)
{
  EbbSampleWriter *self = data;
  g_autoptr(GArray) batch = g_array_sized_new (FALSE, FALSE, sizeof (EbbEcpTelemetry), INITIAL_QUEUE);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_session_event_free);

  for (;;)
    {
      gint64 deadline = g_get_monotonic_time () + EBB_SAMPLE_WRITER_FLUSH_INTERVAL_MS * 1000;
      g_autoptr(GError) error = NULL;
      gboolean stopping, failed;
      guint serving;
      gint64 epoch_us;
      g_autofree char *link_stats = NULL;

      g_mutex_lock (&self->lock);
      while (!self->stopping && self->flush_requested == self->flush_done &&
             g_get_monotonic_time () < deadline)
        g_cond_wait_until (&self->cond, &self->lock, deadline);

      /* Swap the queues for empty ones: O(1) under the lock. */
      {
        GPtrArray *tmp_blocks = self->queue;
        GPtrArray *tmp_events = self->events;

        self->queue = blocks;
        blocks = tmp_blocks;
        self->events = events;
        events = tmp_events;
      }
      serving = self->flush_requested;
      stopping = self->stopping;
      failed = self->error != NULL;
      epoch_us = self->epoch_us;
      link_stats = g_steal_pointer (&self->link_stats);
      g_mutex_unlock (&self->lock);

      for (guint b = 0; b < blocks->len; b++)
        {
          const QueueBlock *block = g_ptr_array_index (blocks, b);

          g_array_append_vals (batch, block->samples, block->len);
        }
      g_ptr_array_set_size (blocks, 0);

      if (!failed && !write_batch (self, batch, events, epoch_us, link_stats, &error))
        g_warning ("Recording session %" G_GINT64_FORMAT " failed: %s", self->session_id, error->message);

      g_mutex_lock (&self->lock);
      if (error != NULL && self->error == NULL)
        self->error = g_steal_pointer (&error);
      else if (!failed)
        self->n_written += batch->len;
      self->flush_done = serving;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);

      g_array_set_size (batch, 0);
      g_ptr_array_set_size (events, 0);

      if (stopping)
        break;
    }

  return NULL;
}

/* Reads the last stored chunk back so a writer reopened on a session (the
 * same process recovering from a transient error) continues it. */
static gboolean
resume_session (EbbSampleWriter  *self,
                GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT chunk_start, data, (SELECT sample_epoch IS NOT NULL FROM sessions "
                           "WHERE id = ?1) FROM session_samples WHERE session_id = ?1 "
                           "ORDER BY chunk_start DESC LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->session_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          self->chunk_start = sqlite3_column_int64 (stmt, 0);
          self->epoch_stored = sqlite3_column_int (stmt, 2) != 0;
          if (!ebb_sample_codec_decode (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                                        self->open_chunk, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          if (self->open_chunk->len == EBB_SAMPLE_CHUNK_SIZE)
            {
              self->chunk_start += EBB_SAMPLE_CHUNK_SIZE;
              g_array_set_size (self->open_chunk, 0);
            }
          rc = SQLITE_DONE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _ebb_store_set_error (error, self->db, rc, self->path);

  return TRUE;
}

static void
ebb_sample_writer_dispose (GObject *object)
{
  EbbSampleWriter *self = EBB_SAMPLE_WRITER (object);

  if (self->thread != NULL)
    ebb_sample_writer_close (self, NULL);

  G_OBJECT_CLASS (ebb_sample_writer_parent_class)->dispose (object);
}

static void
ebb_sample_writer_finalize (GObject *object)
{
  EbbSampleWriter *self = EBB_SAMPLE_WRITER (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->open_chunk, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->link_stats, g_free);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ebb_sample_writer_parent_class)->finalize (object);
}

static void
ebb_sample_writer_class_init (EbbSampleWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_sample_writer_dispose;
  object_class->finalize = ebb_sample_writer_finalize;
}

static void
ebb_sample_writer_init (EbbSampleWriter *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->queue = g_ptr_array_new_with_free_func (g_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_session_event_free);
  self->open_chunk = g_array_sized_new (FALSE, FALSE, sizeof (EbbEcpTelemetry), EBB_SAMPLE_CHUNK_SIZE);
}

/**
 * ebb_sample_writer_new:
 * @store: the store holding the session
 * @session_id: a running session (ebb_store_session_begin())
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Opens a second connection to the store's file and starts the writer
 * thread. Samples and events pushed from one thread (the session's) are
 * on disk within EBB_SAMPLE_WRITER_FLUSH_INTERVAL_MS plus one commit.
 *
 * Returns: (transfer full): the writer, or %NULL with @error set
 */
EbbSampleWriter *
ebb_sample_writer_new (EbbStore  *store,
                       gint64     session_id,
                       GError   **error)
{
  g_autoptr(EbbSampleWriter) self = NULL;
  g_autoptr(EbbSessionRecord) session = NULL;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  if (!_ebb_store_writable (store, error))
    return NULL;

  session = ebb_store_session_get (store, session_id, error);
  if (session == NULL)
    return NULL;
  if (session->end_state != EBB_SESSION_RUNNING)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);

      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT,
                   _("Session %s has already ended (%s)."),
                   number, ebb_session_end_state_to_id (session->end_state));
      return NULL;
    }

  self = g_object_new (EBB_TYPE_SAMPLE_WRITER, NULL);
  self->session_id = session_id;
  self->path = g_strdup (store->path);
  self->db = _ebb_store_connect (store->path, FALSE, store->busy_timeout_ms, error);
  if (self->db == NULL)
    return NULL;

  /* Samples and events are records: FULL makes each commit durable. The
   * connection keeps SQLite's automatic checkpoints, so they run on the
   * writer thread. */
  if (!_ebb_store_exec (self->db, self->path,
                        "PRAGMA foreign_keys=ON;"
                        "PRAGMA synchronous=FULL;"
                        "PRAGMA wal_autocheckpoint=1000;", error) ||
      !resume_session (self, error))
    return NULL;

  self->thread = g_thread_try_new ("ebb-sample-writer", writer_thread, self, error);
  if (self->thread == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

gint64
ebb_sample_writer_get_session_id (EbbSampleWriter *self)
{
  g_return_val_if_fail (EBB_IS_SAMPLE_WRITER (self), 0);

  return self->session_id;
}

/**
 * ebb_sample_writer_set_epoch:
 * @self: the writer
 * @first_sample_us: wall-clock time of the first sample, in µs
 *
 * Sample times are stored relative to the first sample's wall-clock time,
 * which is normally the moment it was pushed. Data that was not recorded
 * live (the demonstration session, written all at once) states its own.
 * Only valid before the first sample is pushed.
 */
void
ebb_sample_writer_set_epoch (EbbSampleWriter *self,
                             gint64           first_sample_us)
{
  g_return_if_fail (EBB_IS_SAMPLE_WRITER (self));
  g_return_if_fail (first_sample_us > 0);

  g_mutex_lock (&self->lock);
  if (self->epoch_us == 0)
    self->epoch_us = first_sample_us;
  else
    g_critical ("%s: samples were pushed already", G_STRFUNC);
  g_mutex_unlock (&self->lock);
}

/**
 * ebb_sample_writer_set_link_stats:
 * @self: the writer
 * @link_stats_json: the link's counters so far, as the session's
 *   link_stats column keeps them
 *
 * Stores the counters with the next batch (replacing any not yet
 * written), so a session whose process dies still has its link
 * statistics up to then. Returns at once.
 */
void
ebb_sample_writer_set_link_stats (EbbSampleWriter *self,
                                  const char      *link_stats_json)
{
  g_return_if_fail (EBB_IS_SAMPLE_WRITER (self));
  g_return_if_fail (link_stats_json != NULL);

  g_mutex_lock (&self->lock);
  g_free (self->link_stats);
  self->link_stats = g_strdup (link_stats_json);
  g_mutex_unlock (&self->lock);
}

/**
 * ebb_sample_writer_push_samples:
 * @self: the writer
 * @samples: (array length=n_samples): telemetry as received
 * @n_samples: how many
 *
 * Queues samples; returns at once. Never blocks on the disk.
 */
void
ebb_sample_writer_push_samples (EbbSampleWriter       *self,
                                const EbbEcpTelemetry *samples,
                                guint                  n_samples)
{
  g_return_if_fail (EBB_IS_SAMPLE_WRITER (self));
  g_return_if_fail (samples != NULL || n_samples == 0);

  if (n_samples == 0)
    return;

  g_mutex_lock (&self->lock);
  if (self->epoch_us == 0)
    self->epoch_us = g_get_real_time ();
  while (n_samples > 0)
    {
      QueueBlock *block = self->queue->len > 0
                          ? g_ptr_array_index (self->queue, self->queue->len - 1) : NULL;
      guint take;

      if (block == NULL || block->len == QUEUE_BLOCK)
        {
          /* Allocated outside the lock would need a second round trip;
           * a block is small enough (40 KB) for malloc's fast path. */
          block = g_new (QueueBlock, 1);
          block->len = 0;
          g_ptr_array_add (self->queue, block);
        }

      take = MIN (n_samples, QUEUE_BLOCK - block->len);
      memcpy (block->samples + block->len, samples, take * sizeof *samples);
      block->len += take;
      samples += take;
      n_samples -= take;
    }
  g_mutex_unlock (&self->lock);
}

/**
 * ebb_sample_writer_push_event:
 * @self: the writer
 * @event: the event (copied; its session_id is ignored)
 *
 * Queues a session event; returns at once.
 */
void
ebb_sample_writer_push_event (EbbSampleWriter       *self,
                              const EbbSessionEvent *event)
{
  EbbSessionEvent *copy;

  g_return_if_fail (EBB_IS_SAMPLE_WRITER (self));
  g_return_if_fail (event != NULL);

  copy = ebb_session_event_copy (event);
  if (copy->time_us == 0)
    copy->time_us = g_get_real_time ();

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->events, copy);
  g_mutex_unlock (&self->lock);
}

/* With the lock held: copies the writer's first failure into @error.
 * Returns: %TRUE if there was none */
static gboolean
propagate_error_locked (EbbSampleWriter  *self,
                        GError          **error)
{
  if (self->error == NULL)
    return TRUE;

  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

/**
 * ebb_sample_writer_flush:
 * @self: the writer
 * @error: return location for the writer's first failure
 *
 * Waits until everything pushed so far is committed. This blocks: call it
 * when the session ends, not while it runs.
 *
 * Returns: %TRUE if everything pushed is on disk
 */
gboolean
ebb_sample_writer_flush (EbbSampleWriter  *self,
                         GError          **error)
{
  guint ticket;
  gboolean ok;

  g_return_val_if_fail (EBB_IS_SAMPLE_WRITER (self), FALSE);

  g_mutex_lock (&self->lock);
  if (self->thread != NULL && !self->stopping)
    {
      ticket = ++self->flush_requested;
      g_cond_broadcast (&self->cond);
      while ((gint) (self->flush_done - ticket) < 0)
        g_cond_wait (&self->cond, &self->lock);
    }
  ok = propagate_error_locked (self, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

/**
 * ebb_sample_writer_close:
 * @self: the writer
 * @error: return location for the writer's first failure
 *
 * Writes what is queued and stops the thread. Later pushes are dropped.
 *
 * Returns: %TRUE if every sample and event pushed is on disk
 */
gboolean
ebb_sample_writer_close (EbbSampleWriter  *self,
                         GError          **error)
{
  GThread *thread;
  gboolean ok;

  g_return_val_if_fail (EBB_IS_SAMPLE_WRITER (self), FALSE);

  g_mutex_lock (&self->lock);
  thread = g_steal_pointer (&self->thread);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (thread != NULL)
    g_thread_join (thread);

  g_clear_pointer (&self->db, sqlite3_close);

  g_mutex_lock (&self->lock);
  ok = propagate_error_locked (self, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

guint64
ebb_sample_writer_get_n_written (EbbSampleWriter *self)
{
  guint64 n;

  g_return_val_if_fail (EBB_IS_SAMPLE_WRITER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_written;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * ebb_sample_writer_dup_error:
 * @self: the writer
 *
 * Returns: (transfer full) (nullable): the first failure, if any. After a
 *   failure the writer drops what is pushed; the session runner should
 *   raise an alarm.
 */
GError *
ebb_sample_writer_dup_error (EbbSampleWriter *self)
{
  GError *error = NULL;

  g_return_val_if_fail (EBB_IS_SAMPLE_WRITER (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->error != NULL)
    error = g_error_copy (self->error);
  g_mutex_unlock (&self->lock);

  return error;
}
