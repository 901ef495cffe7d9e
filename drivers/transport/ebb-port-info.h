/* ebb-port-info.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EbbPortKind:
 * @EBB_PORT_KIND_NATIVE: a serial port on the machine itself
 * @EBB_PORT_KIND_USB: a USB serial device (CDC-ACM or a USB-UART bridge)
 * @EBB_PORT_KIND_BLUETOOTH: a Bluetooth serial link
 */
typedef enum
{
  EBB_PORT_KIND_NATIVE = 1,
  EBB_PORT_KIND_USB,
  EBB_PORT_KIND_BLUETOOTH,
} EbbPortKind;

/**
 * EbbPortInfo:
 * @path: the device node, e.g. /dev/ttyACM0
 * @description: the system's description of the port
 * @kind: how the port is attached
 * @usb_vid: USB vendor ID, 0 when not a USB port
 * @usb_pid: USB product ID, 0 when not a USB port
 * @manufacturer: (nullable): USB manufacturer string
 * @product: (nullable): USB product string
 * @serial: (nullable): USB serial number
 *
 * One serial port as enumeration found it.
 */
typedef struct
{
  char        *path;
  char        *description;
  EbbPortKind  kind;
  guint16      usb_vid;
  guint16      usb_pid;
  char        *manufacturer;
  char        *product;
  char        *serial;
} EbbPortInfo;

#define EBB_TYPE_PORT_INFO (ebb_port_info_get_type ())

GType        ebb_port_info_get_type      (void) G_GNUC_CONST;
EbbPortInfo *ebb_port_info_copy          (const EbbPortInfo  *info);
void         ebb_port_info_free          (EbbPortInfo        *info);
gboolean     ebb_port_info_is_chamber    (const EbbPortInfo  *info);
const char  *ebb_port_kind_to_string     (EbbPortKind         kind);
GPtrArray   *ebb_port_info_list          (GError            **error) G_GNUC_WARN_UNUSED_RESULT;
char        *ebb_port_info_find_chamber  (GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbPortInfo, ebb_port_info_free)

G_END_DECLS
