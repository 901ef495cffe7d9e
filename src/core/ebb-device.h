/* ebb-device.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-ecp-types.h"

G_BEGIN_DECLS

/**
 * EbbDeviceLinkStats:
 * @frames_ok: valid frames received
 * @frames_bad: frames dropped (COBS, CRC, length)
 * @frames_lost: packets missing by sequence number
 * @retransmits: commands sent again for want of an ACK
 *
 * The link statistics every session record keeps.
 */
typedef struct
{
  guint64 frames_ok;
  guint64 frames_bad;
  guint64 frames_lost;
  guint64 retransmits;
} EbbDeviceLinkStats;

#define EBB_TYPE_DEVICE (ebb_device_get_type ())

G_DECLARE_INTERFACE (EbbDevice, ebb_device, EBB, DEVICE, GObject)

/**
 * EbbDeviceInterface:
 * @is_connected: the link is up
 * @get_serial: the serial number from IDENT, or %NULL before the handshake
 * @get_status: the flags and faults of the last telemetry or STATUS
 * @vent_now: writes VENT to the wire before returning, bypassing every
 *   queue; the emergency path
 * @vent: queues VENT as an ordinary acknowledged command
 * @set_target: queues SET_TARGET; a refusal is reported by
 *   #EbbDevice::command-failed
 * @clear_faults: queues CLEAR_FAULTS
 * @get_link_stats: the link's counters
 * @has_lid_sensor: (nullable): whether the chamber can tell its lid is
 *   closed (ECP-1 capability LID_SENSOR); %NULL: it can
 *
 * The narrow view of a chamber that the session runner needs. The console
 * adapts EbbChamber to it; tests use fakes. Implementations emit the
 * signals on the owner's main context.
 */
struct _EbbDeviceInterface
{
  GTypeInterface parent_iface;

  gboolean    (*is_connected)   (EbbDevice          *self);
  const char *(*get_serial)     (EbbDevice          *self);
  gboolean    (*get_status)     (EbbDevice          *self,
                                 guint16            *flags,
                                 guint16            *faults);
  gboolean    (*vent_now)       (EbbDevice          *self,
                                 GError            **error);
  void        (*vent)           (EbbDevice          *self);
  void        (*set_target)     (EbbDevice          *self,
                                 gint32              target_pa,
                                 guint16             ramp_pa_s);
  void        (*clear_faults)   (EbbDevice          *self);
  void        (*get_link_stats) (EbbDevice          *self,
                                 EbbDeviceLinkStats *stats);
  gboolean    (*has_lid_sensor) (EbbDevice          *self);
};

gboolean    ebb_device_is_connected    (EbbDevice             *self);
const char *ebb_device_get_serial      (EbbDevice             *self);
gboolean    ebb_device_get_status      (EbbDevice             *self,
                                        guint16               *flags,
                                        guint16               *faults);
gboolean    ebb_device_vent_now        (EbbDevice             *self,
                                        GError               **error);
void        ebb_device_vent            (EbbDevice             *self);
void        ebb_device_set_target      (EbbDevice             *self,
                                        gint32                 target_pa,
                                        guint16                ramp_pa_s);
void        ebb_device_clear_faults    (EbbDevice             *self);
void        ebb_device_get_link_stats  (EbbDevice             *self,
                                        EbbDeviceLinkStats    *stats);
gboolean    ebb_device_has_lid_sensor  (EbbDevice             *self);

void        ebb_device_emit_telemetry      (EbbDevice             *self,
                                            const EbbEcpTelemetry *samples,
                                            guint                  n_samples);
void        ebb_device_emit_link_lost      (EbbDevice             *self);
void        ebb_device_emit_rebooted       (EbbDevice             *self);
void        ebb_device_emit_command_failed (EbbDevice             *self,
                                            guint                  message_type,
                                            const GError          *error);

G_END_DECLS
