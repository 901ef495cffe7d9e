/* ebb-chamber-io.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-chamber-io"

#include "config.h"

#include "ebb-chamber-private.h"
#include "ebb-ecp-decoder.h"

#include <glib-unix.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

/* Enough for several frames at once; a read never blocks. */
#define READ_CHUNK 1024

typedef struct
{
  guint8   *bytes;
  gsize     len;
  gboolean  mark_vent;
} OutFrame;

struct _EbbChamberIo
{
  gatomicrefcount   ref_count;

  /* Set once, read by both threads. */
  EbbTransport     *transport;
  GMainContext     *context;        /* the I/O thread's */
  GMainContext     *owner_context;
  EbbChamberIoFunc  func;
  gpointer          func_data;
  GDestroyNotify    func_destroy;
  GThread          *thread;
  GMainLoop        *loop;

  /* Shared, under @lock. */
  GMutex            lock;
  GArray           *inbox;          /* EbbChamberIoItem, for the owner */
  gboolean          inbox_scheduled;
  GQueue            outbox;         /* OutFrame, for the I/O thread */
  gboolean          outbox_scheduled;
  EbbChamberLinkStats stats;
  gint64            vent_written_us;
  gint64            last_write_us;
  clockid_t         cpu_clock;
  gboolean          have_cpu_clock;

  /* I/O thread only. */
  GSource          *fd_source;
  GSource          *link_source;
  gint64            link_timeout_us;
  gboolean          link_lost;
  gboolean          open;
  gboolean          have_seq;
  guint16           next_seq;
  EbbEcpDecoder     decoder;
  GArray           *pending;        /* items of this read, moved to inbox at once */
};

static EbbChamberIo *
io_ref (EbbChamberIo *io)
{
  g_atomic_ref_count_inc (&io->ref_count);
  return io;
}

static void
io_unref (EbbChamberIo *io)
{
  if (!g_atomic_ref_count_dec (&io->ref_count))
    return;

  g_assert (io->thread == NULL);

  if (io->func_destroy != NULL)
    io->func_destroy (io->func_data);
  g_clear_pointer (&io->inbox, g_array_unref);
  g_clear_pointer (&io->pending, g_array_unref);
  g_queue_clear_full (&io->outbox, g_free);
  g_clear_pointer (&io->loop, g_main_loop_unref);
  g_clear_pointer (&io->context, g_main_context_unref);
  g_clear_pointer (&io->owner_context, g_main_context_unref);
  g_clear_object (&io->transport);
  g_mutex_clear (&io->lock);
  g_free (io);
}

static void
clear_item (gpointer data)
{
  EbbChamberIoItem *item = data;

  g_clear_error (&item->error);
}

static GArray *
item_array_new (void)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (EbbChamberIoItem), 8);

  g_array_set_clear_func (array, clear_item);
  return array;
}

/* Owner's context: hand the items over. */
static gboolean
deliver_cb (gpointer data)
{
  EbbChamberIo *io = data;
  g_autoptr(GArray) items = NULL;

  g_mutex_lock (&io->lock);
  items = g_steal_pointer (&io->inbox);
  io->inbox = item_array_new ();
  io->inbox_scheduled = FALSE;
  g_mutex_unlock (&io->lock);

  if (items->len > 0 && io->func != NULL)
    io->func (g_steal_pointer (&items), io->func_data);

  return G_SOURCE_REMOVE;
}

/* I/O thread: move this read's items to the inbox and make sure the owner
 * hears of them once, however many arrive before it looks. */
static void
flush_pending (EbbChamberIo *io)
{
  gboolean schedule = FALSE;

  if (io->pending->len == 0)
    return;

  g_mutex_lock (&io->lock);
  g_array_append_vals (io->inbox, io->pending->data, io->pending->len);
  if (!io->inbox_scheduled)
    io->inbox_scheduled = schedule = TRUE;
  g_mutex_unlock (&io->lock);

  /* The items' errors now belong to the inbox. */
  g_array_set_clear_func (io->pending, NULL);
  g_array_set_size (io->pending, 0);
  g_array_set_clear_func (io->pending, clear_item);

  if (schedule)
    g_main_context_invoke_full (io->owner_context, G_PRIORITY_HIGH,
                                deliver_cb, io_ref (io), (GDestroyNotify) io_unref);
}

static void
push_item (EbbChamberIo         *io,
           EbbChamberIoItemKind  kind,
           GError               *error)
{
  EbbChamberIoItem item = { 0 };

  item.kind = kind;
  item.time_us = g_get_monotonic_time ();
  item.error = error;
  g_array_append_val (io->pending, item);
}

static void
arm_link_timer (EbbChamberIo *io,
                gint64        now)
{
  if (io->link_source == NULL)
    return;

  if (io->link_timeout_us > 0)
    g_source_set_ready_time (io->link_source, now + io->link_timeout_us);
  else
    g_source_set_ready_time (io->link_source, -1);
}

static void
packet_cb (const EbbEcpPacket *packet,
           EbbEcpDecodeResult  result,
           void               *user_data)
{
  EbbChamberIo *io = user_data;
  gboolean resync = FALSE;
  EbbChamberIoItem item = { 0 };

  /* A BOOT event starts a new sequence; so does a jump backwards. */
  if (packet->type == EBB_ECP_MSG_EVENT && packet->event.code == EBB_ECP_EVENT_BOOT)
    resync = TRUE;

  if (io->have_seq && !resync)
    {
      guint16 gap = (guint16) (packet->seq - io->next_seq);

      if (gap != 0 && gap < 0x8000)
        {
          g_mutex_lock (&io->lock);
          io->stats.packets_lost += gap;
          g_mutex_unlock (&io->lock);
        }
    }
  io->have_seq = TRUE;
  io->next_seq = packet->seq + 1;

  if (io->link_lost)
    {
      io->link_lost = FALSE;
      push_item (io, EBB_CHAMBER_IO_LINK_RESTORED, NULL);
    }

  /* Unknown types are for devices to answer; a host ignores them. */
  if (result != EBB_ECP_DECODE_OK)
    return;

  item.kind = EBB_CHAMBER_IO_PACKET;
  item.time_us = g_get_monotonic_time ();
  item.packet = *packet;
  g_array_append_val (io->pending, item);
}

static void
update_decoder_stats (EbbChamberIo *io,
                      gsize         nread)
{
  g_mutex_lock (&io->lock);
  io->stats.bytes_received += nread;
  io->stats.frames_ok = ebb_ecp_decoder_get_frames_ok (&io->decoder);
  io->stats.frames_rejected_total = ebb_ecp_decoder_get_frames_bad (&io->decoder);
  for (guint i = 0; i < EBB_ECP_DECODE_N_RESULTS; i++)
    io->stats.frames_rejected[i] = EBB_ECP_DECODE_IS_ERROR (i) ? io->decoder.counts[i] : 0;
  g_mutex_unlock (&io->lock);
}

static void
count_samples (EbbChamberIo *io)
{
  guint samples = 0;

  for (guint i = 0; i < io->pending->len; i++)
    {
      const EbbChamberIoItem *item = &g_array_index (io->pending, EbbChamberIoItem, i);

      if (item->kind == EBB_CHAMBER_IO_PACKET && item->packet.type == EBB_ECP_MSG_TELEMETRY)
        samples++;
    }

  if (samples > 0)
    {
      g_mutex_lock (&io->lock);
      io->stats.samples += samples;
      g_mutex_unlock (&io->lock);
    }
}

/* The port is gone: stop watching it and tell the owner, once. */
static void
lose_port (EbbChamberIo *io,
           GError       *error)
{
  if (io->fd_source != NULL)
    {
      g_source_destroy (io->fd_source);
      g_clear_pointer (&io->fd_source, g_source_unref);
    }
  if (io->link_source != NULL)
    g_source_set_ready_time (io->link_source, -1);

  if (io->open)
    {
      io->open = FALSE;
      ebb_transport_close (io->transport);
      push_item (io, EBB_CHAMBER_IO_DISCONNECTED, error);
    }
  else
    g_clear_error (&error);

  flush_pending (io);
}

static gboolean
readable_cb (int          fd,
             GIOCondition condition,
             gpointer     data)
{
  EbbChamberIo *io = data;
  guint8 buffer[READ_CHUNK];
  gsize total = 0;

  /* Drain what is there: one wake-up, one delivery. */
  for (;;)
    {
      GError *error = NULL;
      gssize n = ebb_transport_read (io->transport, buffer, sizeof buffer, &error);

      if (n < 0)
        {
          update_decoder_stats (io, total);
          count_samples (io);
          lose_port (io, error);
          return G_SOURCE_REMOVE;
        }

      if (n == 0)
        break;

      total += n;
      ebb_ecp_decoder_feed (&io->decoder, buffer, n, packet_cb, io);

      if ((gsize) n < sizeof buffer)
        break;
    }

  if (io->pending->len > 0)
    arm_link_timer (io, g_get_monotonic_time ());

  update_decoder_stats (io, total);
  count_samples (io);
  flush_pending (io);

  if ((condition & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)) != 0 && total == 0)
    {
      lose_port (io, g_error_new (EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_DISCONNECTED,
                                  "%s hung up", ebb_transport_get_path (io->transport)));
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Ready time = last good frame + timeout: fires only when the link is
 * silent for that long, and costs nothing per frame but a field update. */
static gboolean
link_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs link_source_funcs = {
  NULL, NULL, link_source_dispatch, NULL, NULL, NULL,
};

static gboolean
link_timeout_cb (gpointer data)
{
  EbbChamberIo *io = data;

  if (io->link_timeout_us > 0 && !io->link_lost && io->open)
    {
      io->link_lost = TRUE;
      push_item (io, EBB_CHAMBER_IO_LINK_LOST, NULL);
      flush_pending (io);
    }

  return G_SOURCE_CONTINUE;
}

static void
write_frame (EbbChamberIo *io,
             OutFrame     *frame)
{
  g_autoptr(GError) error = NULL;

  if (!io->open)
    return;

  if (!ebb_transport_write_all (io->transport, frame->bytes, frame->len, &error))
    {
      lose_port (io, g_steal_pointer (&error));
      return;
    }

  g_mutex_lock (&io->lock);
  io->stats.bytes_sent += frame->len;
  io->last_write_us = g_get_monotonic_time ();
  if (frame->mark_vent)
    io->vent_written_us = io->last_write_us;
  g_mutex_unlock (&io->lock);
}

static gboolean
flush_outbox_cb (gpointer data)
{
  EbbChamberIo *io = data;

  for (;;)
    {
      OutFrame *frame;

      g_mutex_lock (&io->lock);
      frame = g_queue_pop_head (&io->outbox);
      if (frame == NULL)
        io->outbox_scheduled = FALSE;
      g_mutex_unlock (&io->lock);

      if (frame == NULL)
        break;

      write_frame (io, frame);
      g_free (frame);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
open_cb (gpointer data)
{
  EbbChamberIo *io = data;
  GError *error = NULL;
  pthread_t self = pthread_self ();

  g_mutex_lock (&io->lock);
  io->have_cpu_clock = pthread_getcpuclockid (self, &io->cpu_clock) == 0;
  g_mutex_unlock (&io->lock);

  if (!ebb_transport_open (io->transport, &error) ||
      !ebb_transport_discard_input (io->transport, &error))
    {
      ebb_transport_close (io->transport);
      push_item (io, EBB_CHAMBER_IO_OPENED, error);
      flush_pending (io);
      return G_SOURCE_REMOVE;
    }

  io->open = TRUE;
  ebb_ecp_decoder_discard (&io->decoder);

  io->fd_source = g_unix_fd_source_new (ebb_transport_get_fd (io->transport),
                                        G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (io->fd_source, G_SOURCE_FUNC (readable_cb), io, NULL);
  g_source_set_priority (io->fd_source, G_PRIORITY_HIGH);
  g_source_attach (io->fd_source, io->context);

  io->link_source = g_source_new (&link_source_funcs, sizeof (GSource));
  g_source_set_callback (io->link_source, link_timeout_cb, io, NULL);
  g_source_set_ready_time (io->link_source, -1);
  g_source_attach (io->link_source, io->context);

  push_item (io, EBB_CHAMBER_IO_OPENED, NULL);
  flush_pending (io);
  return G_SOURCE_REMOVE;
}

static gpointer
thread_func (gpointer data)
{
  EbbChamberIo *io = data;

  g_main_context_push_thread_default (io->context);
  g_main_loop_run (io->loop);

  if (io->fd_source != NULL)
    {
      g_source_destroy (io->fd_source);
      g_clear_pointer (&io->fd_source, g_source_unref);
    }
  if (io->link_source != NULL)
    {
      g_source_destroy (io->link_source);
      g_clear_pointer (&io->link_source, g_source_unref);
    }
  if (io->open)
    {
      io->open = FALSE;
      ebb_transport_close (io->transport);
    }

  /* Run what was queued after the quit (frames, timeouts) so that their
   * references to @io are dropped; with the port closed they do nothing. */
  while (g_main_context_iteration (io->context, FALSE))
    ;

  g_main_context_pop_thread_default (io->context);
  return NULL;
}

EbbChamberIo *
_ebb_chamber_io_new (EbbTransport     *transport,
                     GMainContext     *owner_context,
                     EbbChamberIoFunc  func,
                     gpointer          user_data,
                     GDestroyNotify    destroy)
{
  EbbChamberIo *io = g_new0 (EbbChamberIo, 1);

  g_atomic_ref_count_init (&io->ref_count);
  io->transport = g_object_ref (transport);
  io->context = g_main_context_new ();
  io->loop = g_main_loop_new (io->context, FALSE);
  io->owner_context = g_main_context_ref (owner_context);
  io->func = func;
  io->func_data = user_data;
  io->func_destroy = destroy;
  g_mutex_init (&io->lock);
  io->inbox = item_array_new ();
  io->pending = item_array_new ();
  g_queue_init (&io->outbox);
  ebb_ecp_decoder_init (&io->decoder);
  return io;
}

/* Starts the thread and opens the port there; an EBB_CHAMBER_IO_OPENED
 * item reports how it went. */
void
_ebb_chamber_io_start (EbbChamberIo *io)
{
  g_assert (io->thread == NULL);

  io->thread = g_thread_new ("ebb-chamber-io", thread_func, io_ref (io));
  g_main_context_invoke_full (io->context, G_PRIORITY_HIGH, open_cb, io_ref (io),
                              (GDestroyNotify) io_unref);
}

/* Any thread: queue @frame for writing now. Nothing else is waited for:
 * the emergency stop path relies on it. */
void
_ebb_chamber_io_send (EbbChamberIo *io,
                      const guint8 *frame,
                      gsize         len,
                      gboolean      mark_vent)
{
  OutFrame *out = g_malloc (sizeof (OutFrame) + len);
  gboolean schedule = FALSE;

  out->bytes = (guint8 *) (out + 1);
  memcpy (out->bytes, frame, len);
  out->len = len;
  out->mark_vent = mark_vent;

  g_mutex_lock (&io->lock);
  g_queue_push_tail (&io->outbox, out);
  if (!io->outbox_scheduled)
    io->outbox_scheduled = schedule = TRUE;
  g_mutex_unlock (&io->lock);

  if (schedule)
    g_main_context_invoke_full (io->context, G_PRIORITY_HIGH, flush_outbox_cb, io_ref (io),
                                (GDestroyNotify) io_unref);
}

typedef struct
{
  EbbChamberIo *io;
  gint64        timeout_us;
} LinkTimeout;

static gboolean
set_link_timeout_cb (gpointer data)
{
  LinkTimeout *lt = data;

  lt->io->link_timeout_us = lt->timeout_us;
  lt->io->link_lost = FALSE;
  arm_link_timer (lt->io, g_get_monotonic_time ());
  return G_SOURCE_REMOVE;
}

static void
link_timeout_free (gpointer data)
{
  LinkTimeout *lt = data;

  io_unref (lt->io);
  g_free (lt);
}

/* How long the link may stay silent before it counts as lost; 0 while the
 * device has no reason to talk (not streaming). */
void
_ebb_chamber_io_set_link_timeout (EbbChamberIo *io,
                                  guint         timeout_ms)
{
  LinkTimeout *lt = g_new0 (LinkTimeout, 1);

  lt->io = io_ref (io);
  lt->timeout_us = (gint64) timeout_ms * 1000;
  g_main_context_invoke_full (io->context, G_PRIORITY_HIGH, set_link_timeout_cb, lt,
                              link_timeout_free);
}

void
_ebb_chamber_io_get_stats (EbbChamberIo        *io,
                           EbbChamberLinkStats *stats)
{
  g_mutex_lock (&io->lock);
  *stats = io->stats;
  g_mutex_unlock (&io->lock);
}

gint64
_ebb_chamber_io_get_vent_written (EbbChamberIo *io)
{
  gint64 t;

  g_mutex_lock (&io->lock);
  t = io->vent_written_us;
  g_mutex_unlock (&io->lock);
  return t;
}

gint64
_ebb_chamber_io_get_last_write (EbbChamberIo *io)
{
  gint64 t;

  g_mutex_lock (&io->lock);
  t = io->last_write_us;
  g_mutex_unlock (&io->lock);
  return t;
}

/* CPU time the I/O thread has used, in µs; -1 when unknown. */
gint64
_ebb_chamber_io_get_io_thread_cpu_us (EbbChamberIo *io)
{
  struct timespec ts;
  gint64 us = -1;

  g_mutex_lock (&io->lock);
  if (io->have_cpu_clock && io->thread != NULL && clock_gettime (io->cpu_clock, &ts) == 0)
    us = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
  g_mutex_unlock (&io->lock);
  return us;
}

static gboolean
quit_cb (gpointer data)
{
  EbbChamberIo *io = data;

  /* Whatever is queued goes out before the port closes. */
  flush_outbox_cb (io);
  g_main_loop_quit (io->loop);
  return G_SOURCE_REMOVE;
}

/* Owner's thread: write @last_words (may be empty), close the port and
 * join the thread. Items still in flight to the owner are dropped. */
void
_ebb_chamber_io_stop (EbbChamberIo *io,
                      const guint8 *last_words,
                      gsize         len)
{
  GThread *thread;

  if (io->thread == NULL)
    return;

  if (len > 0)
    _ebb_chamber_io_send (io, last_words, len, FALSE);

  g_main_context_invoke_full (io->context, G_PRIORITY_DEFAULT, quit_cb, io_ref (io),
                              (GDestroyNotify) io_unref);

  g_mutex_lock (&io->lock);
  thread = g_steal_pointer (&io->thread);
  g_mutex_unlock (&io->lock);

  g_thread_join (thread);
  io_unref (io);

  g_mutex_lock (&io->lock);
  io->func = NULL;
  g_mutex_unlock (&io->lock);
}

void
_ebb_chamber_io_free (EbbChamberIo *io)
{
  if (io == NULL)
    return;

  _ebb_chamber_io_stop (io, NULL, 0);
  io->func = NULL;
  io_unref (io);
}
