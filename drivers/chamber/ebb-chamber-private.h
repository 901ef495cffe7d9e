/* ebb-chamber-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-chamber.h"
#include "ebb-ecp-packet.h"
#include "ebb-transport.h"

G_BEGIN_DECLS

/*
 * The I/O-thread half of EbbChamber (ebb-chamber-io.c). It owns the port,
 * its own GMainContext and thread; it decodes frames there and hands
 * everything to the owner's context as EbbChamberIoItems, in order.
 */

typedef enum
{
  EBB_CHAMBER_IO_OPENED = 1,   /* error set when opening failed */
  EBB_CHAMBER_IO_PACKET,
  EBB_CHAMBER_IO_LINK_LOST,
  EBB_CHAMBER_IO_LINK_RESTORED,
  EBB_CHAMBER_IO_DISCONNECTED, /* error says why */
} EbbChamberIoItemKind;

typedef struct
{
  EbbChamberIoItemKind kind;
  gint64               time_us;   /* g_get_monotonic_time() on arrival */
  GError              *error;
  EbbEcpPacket         packet;
} EbbChamberIoItem;

typedef struct _EbbChamberIo EbbChamberIo;

/* Called on the owner's context with the items that arrived since the last
 * call (element type EbbChamberIoItem); the array is the callee's to keep. */
typedef void (*EbbChamberIoFunc) (GArray   *items,
                                  gpointer  user_data);

EbbChamberIo *_ebb_chamber_io_new                (EbbTransport         *transport,
                                                  GMainContext         *owner_context,
                                                  EbbChamberIoFunc      func,
                                                  gpointer              user_data,
                                                  GDestroyNotify        destroy);
void          _ebb_chamber_io_start              (EbbChamberIo         *io);
void          _ebb_chamber_io_send               (EbbChamberIo         *io,
                                                  const guint8         *frame,
                                                  gsize                 len,
                                                  gboolean              mark_vent);
void          _ebb_chamber_io_set_link_timeout   (EbbChamberIo         *io,
                                                  guint                 timeout_ms);
void          _ebb_chamber_io_get_stats          (EbbChamberIo         *io,
                                                  EbbChamberLinkStats  *stats);
gint64        _ebb_chamber_io_get_vent_written   (EbbChamberIo         *io);
gint64        _ebb_chamber_io_get_last_write     (EbbChamberIo         *io);
gint64        _ebb_chamber_io_get_io_thread_cpu_us (EbbChamberIo       *io);
void          _ebb_chamber_io_stop               (EbbChamberIo         *io,
                                                  const guint8         *last_words,
                                                  gsize                 len);
void          _ebb_chamber_io_free               (EbbChamberIo         *io);

/* For tests and benchmarks. */
void          _ebb_chamber_set_heartbeats_enabled (EbbChamber          *self,
                                                   gboolean             enabled);
gint64        _ebb_chamber_get_vent_now_written   (EbbChamber          *self);
gint64        _ebb_chamber_get_last_write         (EbbChamber          *self);
gint64        _ebb_chamber_get_io_thread_cpu_us   (EbbChamber          *self);

G_END_DECLS
