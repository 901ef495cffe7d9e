/* ebb-serial-transport.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-transport.h"

G_BEGIN_DECLS

#define EBB_TYPE_SERIAL_TRANSPORT (ebb_serial_transport_get_type ())
G_DECLARE_FINAL_TYPE (EbbSerialTransport, ebb_serial_transport, EBB, SERIAL_TRANSPORT, GObject)

/**
 * ebb_serial_transport_new:
 * @path: a serial port (/dev/ttyACM0, /dev/ttyUSB0, /dev/ebbflow-chamber)
 *
 * A transport through libserialport. Symlinks are resolved before the port
 * is looked up, because libserialport finds ports by their kernel name.
 * USB-serial bridges are asked for low latency when opened.
 *
 * @return: (transfer full): a closed transport
 */
EbbSerialTransport *ebb_serial_transport_new (const char *path) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
