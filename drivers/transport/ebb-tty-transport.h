/* ebb-tty-transport.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-transport.h"

G_BEGIN_DECLS

#define EBB_TYPE_TTY_TRANSPORT (ebb_tty_transport_get_type ())
G_DECLARE_FINAL_TYPE (EbbTtyTransport, ebb_tty_transport, EBB, TTY_TRANSPORT, GObject)

/**
 * ebb_tty_transport_new:
 * @path: a terminal device, typically a pseudo-terminal (/dev/pts/N)
 *
 * A transport over a plain tty file descriptor, set raw at 115200 8N1:
 * for simulators and serial-over-network bridges, which libserialport 0.1.1
 * cannot open.
 *
 * @return: (transfer full): a closed transport
 */
EbbTtyTransport *ebb_tty_transport_new (const char *path) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
