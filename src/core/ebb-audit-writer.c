/* ebb-audit-writer.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-audit-writer"

#include "config.h"

#include "ebb-audit-writer.h"
#include "ebb-store-private.h"

/* Audit entries made while a session runs (pause, resume, stop, alarm
 * acknowledgement, the emergency stop) must not cost the main thread a
 * durable commit: it schedules the chamber's heartbeats (ECP-1 §5.2), and
 * an fsync on a slow disk can take far longer than their interval. The
 * main thread only appends to a queue under a mutex the writer thread holds
 * just long enough to take the queue; the writer thread commits what it
 * took, in order, on its own SQLite connection. The hash chain stays
 * whole because every commit reads the last entry inside its own write
 * transaction, whichever connection made it.
 *
 * One writer serves a store (ebb_audit_writer_get_for_store()), so the
 * entries of all sessions on it share one queue and one order. A
 * synchronous entry waits for the queue first (ebb_audit_writer_flush_store()
 * from ebb_audit_record_in()), so the trail keeps the order things
 * happened in. The last reference (the sessions') writes what is queued
 * before it goes. */

struct _EbbAuditWriter
{
  GObject    parent_instance;

  /* Shared with the writer thread, under lock. */
  GMutex     lock;
  GCond      cond;
  GPtrArray *queue;            /* EbbAuditEntry */
  guint64    n_pushed;
  guint64    n_done;           /* written or failed */
  gboolean   stopping;
  GError    *error;            /* the first failure since the last flush */
  GThread   *writing_thread;   /* the thread of the last commit, for tests */

  /* Owned by the writer thread once it runs. */
  sqlite3   *db;
  char      *path;

  EbbStore  *store;
  GThread   *thread;
};

G_DEFINE_FINAL_TYPE (EbbAuditWriter, ebb_audit_writer, G_TYPE_OBJECT)

/* The store's writer, as a GWeakRef in the store's qdata: the sessions
 * own it, the store only finds it. */
static GMutex registry_lock;

static GQuark
writer_quark (void)
{
  return g_quark_from_static_string ("ebb-audit-writer");
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* With registry_lock held. */
static EbbAuditWriter *
find_writer_locked (EbbStore *store)
{
  GWeakRef *ref = g_object_get_qdata (G_OBJECT (store), writer_quark ());

  return ref != NULL ? g_weak_ref_get (ref) : NULL;
}

static gpointer
writer_thread (gpointer data)
{
  EbbAuditWriter *self = data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_audit_entry_free);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_mutex_lock (&self->lock);
      while (!self->stopping && self->queue->len == 0)
        g_cond_wait (&self->cond, &self->lock);
      if (self->queue->len == 0)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      {
        GPtrArray *taken = self->queue;

        self->queue = batch;
        batch = taken;
      }
      g_mutex_unlock (&self->lock);

      ok = _ebb_store_audit_append_entries (self->db, self->path, batch, &error);
      if (!ok)
        {
          /* As a synchronous entry that fails: logged, never retried
           * behind the operator's back, never blocking what it records. */
          for (guint i = 0; i < batch->len; i++)
            {
              const EbbAuditEntry *e = g_ptr_array_index (batch, i);

              g_warning ("The audit entry %s for %s was not written: %s",
                         e->action, e->subject != NULL ? e->subject : "-", error->message);
            }
        }

      g_mutex_lock (&self->lock);
      self->n_done += batch->len;
      if (ok)
        self->writing_thread = g_thread_self ();
      else if (self->error == NULL)
        self->error = g_steal_pointer (&error);
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);

      g_ptr_array_set_size (batch, 0);
    }

  return NULL;
}

static void
ebb_audit_writer_dispose (GObject *object)
{
  EbbAuditWriter *self = EBB_AUDIT_WRITER (object);
  GThread *thread;

  /* The queue drains before the thread ends: what was pushed is written. */
  g_mutex_lock (&self->lock);
  thread = g_steal_pointer (&self->thread);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (thread != NULL)
    g_thread_join (thread);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ebb_audit_writer_parent_class)->dispose (object);
}

static void
ebb_audit_writer_finalize (GObject *object)
{
  EbbAuditWriter *self = EBB_AUDIT_WRITER (object);

  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ebb_audit_writer_parent_class)->finalize (object);
}

static void
ebb_audit_writer_class_init (EbbAuditWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_audit_writer_dispose;
  object_class->finalize = ebb_audit_writer_finalize;
}

static void
ebb_audit_writer_init (EbbAuditWriter *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_audit_entry_free);
}

static EbbAuditWriter *
writer_new (EbbStore  *store,
            GError   **error)
{
  g_autoptr(EbbAuditWriter) self = NULL;

  if (!_ebb_store_writable (store, error))
    return NULL;

  self = g_object_new (EBB_TYPE_AUDIT_WRITER, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (store->path);
  self->db = _ebb_store_connect (store->path, FALSE, store->busy_timeout_ms, error);
  if (self->db == NULL)
    return NULL;

  /* The trail is a record: FULL makes each commit durable. */
  if (!_ebb_store_exec (self->db, self->path, "PRAGMA synchronous=FULL;", error))
    return NULL;

  self->thread = g_thread_try_new ("ebb-audit-writer", writer_thread, self, error);
  if (self->thread == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ebb_audit_writer_get_for_store:
 * @store: a writable store
 * @error: return location for an #EBB_STORE_ERROR
 *
 * The store's audit writer, started (its own connection and thread) if no
 * one holds it. Hold the reference while entries are pushed; dropping the
 * last one writes what is queued and stops the thread.
 *
 * Returns: (transfer full): the writer, or %NULL with @error set
 */
EbbAuditWriter *
ebb_audit_writer_get_for_store (EbbStore  *store,
                                GError   **error)
{
  EbbAuditWriter *self;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  g_mutex_lock (&registry_lock);
  self = find_writer_locked (store);
  if (self == NULL)
    {
      self = writer_new (store, error);
      if (self != NULL)
        {
          GWeakRef *ref = g_new0 (GWeakRef, 1);

          g_weak_ref_init (ref, self);
          g_object_set_qdata_full (G_OBJECT (store), writer_quark (), ref,
                                   (GDestroyNotify) weak_ref_free);
        }
    }
  g_mutex_unlock (&registry_lock);

  return self;
}

EbbStore *
ebb_audit_writer_get_store (EbbAuditWriter *self)
{
  g_return_val_if_fail (EBB_IS_AUDIT_WRITER (self), NULL);

  return self->store;
}

/**
 * ebb_audit_writer_push:
 * @self: the writer
 * @operator_id: who acted (0: the system)
 * @action: what was done
 * @subject: (nullable): what it was done to, e.g. "session:7"
 * @detail_json: (nullable): structured detail
 *
 * Queues an entry, stamped with the time now; returns at once and never
 * waits on the disk. A failure to write it is logged (and reported by the
 * next ebb_audit_writer_flush()).
 */
void
ebb_audit_writer_push (EbbAuditWriter *self,
                       gint64          operator_id,
                       const char     *action,
                       const char     *subject,
                       const char     *detail_json)
{
  EbbAuditEntry *e;

  g_return_if_fail (EBB_IS_AUDIT_WRITER (self));
  g_return_if_fail (action != NULL);

  e = g_new0 (EbbAuditEntry, 1);
  e->time_us = g_get_real_time ();
  e->operator_id = operator_id;
  e->action = g_strdup (action);
  e->subject = g_strdup (subject);
  e->detail_json = g_strdup (detail_json);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->queue, e);
  self->n_pushed++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * ebb_audit_writer_flush:
 * @self: the writer
 * @error: return location for the first failure since the last flush
 *
 * Waits until every entry pushed so far has been written (or has failed).
 * This blocks on the disk: not for the main thread while a chamber runs.
 *
 * Returns: %TRUE if every entry pushed since the last flush is on disk
 */
gboolean
ebb_audit_writer_flush (EbbAuditWriter  *self,
                        GError         **error)
{
  GError *failure;

  g_return_val_if_fail (EBB_IS_AUDIT_WRITER (self), FALSE);

  g_mutex_lock (&self->lock);
  while (self->n_done < self->n_pushed)
    g_cond_wait (&self->cond, &self->lock);
  failure = g_steal_pointer (&self->error);
  g_mutex_unlock (&self->lock);

  if (failure != NULL)
    {
      g_propagate_error (error, failure);
      return FALSE;
    }

  return TRUE;
}

/**
 * ebb_audit_writer_flush_store:
 * @store: a store
 * @error: return location for the first failure since the last flush
 *
 * Waits for the store's writer, if it has one, so an entry written next
 * directly on @store comes after those queued. Inside a transaction on
 * @store (ebb_store_begin()) it does not wait: the writer needs the write
 * lock that transaction holds, and the entry then lands before what is
 * still queued.
 *
 * Returns: %TRUE if nothing queued failed
 */
gboolean
ebb_audit_writer_flush_store (EbbStore  *store,
                              GError   **error)
{
  g_autoptr(EbbAuditWriter) self = NULL;

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);

  if (store->tx_depth > 0)
    return TRUE;

  g_mutex_lock (&registry_lock);
  self = find_writer_locked (store);
  g_mutex_unlock (&registry_lock);

  return self == NULL || ebb_audit_writer_flush (self, error);
}

/**
 * ebb_audit_writer_get_writing_thread:
 * @self: the writer
 *
 * For tests: which thread made the last successful commit.
 *
 * Returns: (transfer none) (nullable): the thread, %NULL before any commit
 */
GThread *
ebb_audit_writer_get_writing_thread (EbbAuditWriter *self)
{
  GThread *thread;

  g_return_val_if_fail (EBB_IS_AUDIT_WRITER (self), NULL);

  g_mutex_lock (&self->lock);
  thread = self->writing_thread;
  g_mutex_unlock (&self->lock);

  return thread;
}
