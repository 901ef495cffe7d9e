/* ebb-transport.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EbbTransportError:
 * @EBB_TRANSPORT_ERROR_NO_SUCH_PORT: the path names no serial port
 * @EBB_TRANSPORT_ERROR_PERMISSION_DENIED: the operator's account may not open
 *   the port; the message names the group that may
 * @EBB_TRANSPORT_ERROR_BUSY: another program has the port open
 * @EBB_TRANSPORT_ERROR_DISCONNECTED: the device went away (unplugged, or the
 *   other end of a pseudo-terminal closed)
 * @EBB_TRANSPORT_ERROR_FAILED: any other failure of the port
 *
 * The code is the contract; the message adds the detail and what to do.
 */
typedef enum
{
  EBB_TRANSPORT_ERROR_NO_SUCH_PORT = 1,
  EBB_TRANSPORT_ERROR_PERMISSION_DENIED,
  EBB_TRANSPORT_ERROR_BUSY,
  EBB_TRANSPORT_ERROR_DISCONNECTED,
  EBB_TRANSPORT_ERROR_FAILED,
} EbbTransportError;

#define EBB_TRANSPORT_ERROR (ebb_transport_error_quark ())
GQuark ebb_transport_error_quark (void);

#define EBB_TYPE_TRANSPORT (ebb_transport_get_type ())
G_DECLARE_INTERFACE (EbbTransport, ebb_transport, EBB, TRANSPORT, GObject)

/**
 * EbbTransportInterface:
 * @open: opens the port at 115200 8N1, no flow control, DTR asserted,
 *   exclusively (a second opener gets %EBB_TRANSPORT_ERROR_BUSY)
 * @discard_input: drops bytes received but not yet read
 * @read: reads what is available without blocking; returns 0 when nothing
 *   is, -1 with @error set on failure
 * @write_all: writes every byte, waiting at most about a second for room
 * @get_fd: the file descriptor to poll for input, or -1 when closed
 * @close: closes the port; safe to call when closed
 * @get_path: the path the transport was made for
 *
 * A byte pipe to one chamber. An open transport is used from one thread at
 * a time (EbbChamber's I/O thread), so the error state that libserialport
 * keeps per thread is read on the thread where the call failed.
 */
struct _EbbTransportInterface
{
  GTypeInterface parent_iface;

  gboolean    (*open)          (EbbTransport  *self,
                                GError       **error);
  gboolean    (*discard_input) (EbbTransport  *self,
                                GError       **error);
  gssize      (*read)          (EbbTransport  *self,
                                guint8        *buffer,
                                gsize          size,
                                GError       **error);
  gboolean    (*write_all)     (EbbTransport  *self,
                                const guint8  *data,
                                gsize          size,
                                GError       **error);
  int         (*get_fd)        (EbbTransport  *self);
  void        (*close)         (EbbTransport  *self);
  const char *(*get_path)      (EbbTransport  *self);
};

EbbTransport *ebb_transport_new_for_path    (const char    *path) G_GNUC_WARN_UNUSED_RESULT;
gboolean      ebb_transport_path_is_pty     (const char    *path);
const char   *ebb_transport_get_path        (EbbTransport  *self);
int           ebb_transport_get_fd          (EbbTransport  *self);
gboolean      ebb_transport_open            (EbbTransport  *self,
                                             GError       **error);
gboolean      ebb_transport_discard_input   (EbbTransport  *self,
                                             GError       **error);
gssize        ebb_transport_read            (EbbTransport  *self,
                                             guint8        *buffer,
                                             gsize          size,
                                             GError       **error);
gboolean      ebb_transport_write_all       (EbbTransport  *self,
                                             const guint8  *data,
                                             gsize          size,
                                             GError       **error);
void          ebb_transport_close           (EbbTransport  *self);

G_END_DECLS
