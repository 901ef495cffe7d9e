/* ebb-device.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-device"

#include "config.h"

#include "ebb-device.h"

G_DEFINE_INTERFACE (EbbDevice, ebb_device, G_TYPE_OBJECT)

enum {
  TELEMETRY,
  LINK_LOST,
  REBOOTED,
  COMMAND_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ebb_device_default_init (EbbDeviceInterface *iface)
{
  /**
   * EbbDevice::telemetry:
   * @self: the device
   * @samples: (type gpointer): an array of #EbbEcpTelemetry, oldest first
   * @n_samples: its length
   *
   * A batch of samples, valid only during the emission.
   */
  signals[TELEMETRY] =
    g_signal_new ("telemetry", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  /**
   * EbbDevice::link-lost:
   * @self: the device
   *
   * The link failed: commands went unanswered or the port vanished.
   */
  signals[LINK_LOST] =
    g_signal_new ("link-lost", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EbbDevice::rebooted:
   * @self: the device
   *
   * The device sent BOOT or its clock went backwards (ECP-1 §5.4).
   */
  signals[REBOOTED] =
    g_signal_new ("rebooted", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EbbDevice::command-failed:
   * @self: the device
   * @message_type: the #EbbEcpMessageType of the command
   * @error: (type GError): why
   *
   * A queued command was refused or not acknowledged.
   */
  signals[COMMAND_FAILED] =
    g_signal_new ("command-failed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

gboolean
ebb_device_is_connected (EbbDevice *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE (self), FALSE);
  return EBB_DEVICE_GET_IFACE (self)->is_connected (self);
}

const char *
ebb_device_get_serial (EbbDevice *self)
{
  g_return_val_if_fail (EBB_IS_DEVICE (self), NULL);
  return EBB_DEVICE_GET_IFACE (self)->get_serial (self);
}

gboolean
ebb_device_get_status (EbbDevice *self,
                       guint16   *flags,
                       guint16   *faults)
{
  g_return_val_if_fail (EBB_IS_DEVICE (self), FALSE);
  return EBB_DEVICE_GET_IFACE (self)->get_status (self, flags, faults);
}

gboolean
ebb_device_vent_now (EbbDevice  *self,
                     GError    **error)
{
  g_return_val_if_fail (EBB_IS_DEVICE (self), FALSE);
  return EBB_DEVICE_GET_IFACE (self)->vent_now (self, error);
}

void
ebb_device_vent (EbbDevice *self)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  EBB_DEVICE_GET_IFACE (self)->vent (self);
}

void
ebb_device_set_target (EbbDevice *self,
                       gint32     target_pa,
                       guint16    ramp_pa_s)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  EBB_DEVICE_GET_IFACE (self)->set_target (self, target_pa, ramp_pa_s);
}

void
ebb_device_clear_faults (EbbDevice *self)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  EBB_DEVICE_GET_IFACE (self)->clear_faults (self);
}

void
ebb_device_get_link_stats (EbbDevice          *self,
                           EbbDeviceLinkStats *stats)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  g_return_if_fail (stats != NULL);

  *stats = (EbbDeviceLinkStats) { 0 };
  EBB_DEVICE_GET_IFACE (self)->get_link_stats (self, stats);
}

/**
 * ebb_device_has_lid_sensor:
 * @self: a device
 *
 * Returns: whether the chamber reports its lid (LID_CLOSED); one without a
 *   lid sensor leaves the lid to the technician's checklist
 */
gboolean
ebb_device_has_lid_sensor (EbbDevice *self)
{
  EbbDeviceInterface *iface;

  g_return_val_if_fail (EBB_IS_DEVICE (self), TRUE);

  iface = EBB_DEVICE_GET_IFACE (self);
  return iface->has_lid_sensor == NULL || iface->has_lid_sensor (self);
}

void
ebb_device_emit_telemetry (EbbDevice             *self,
                           const EbbEcpTelemetry *samples,
                           guint                  n_samples)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  g_signal_emit (self, signals[TELEMETRY], 0, samples, n_samples);
}

void
ebb_device_emit_link_lost (EbbDevice *self)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  g_signal_emit (self, signals[LINK_LOST], 0);
}

void
ebb_device_emit_rebooted (EbbDevice *self)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  g_signal_emit (self, signals[REBOOTED], 0);
}

void
ebb_device_emit_command_failed (EbbDevice    *self,
                                guint         message_type,
                                const GError *error)
{
  g_return_if_fail (EBB_IS_DEVICE (self));
  g_signal_emit (self, signals[COMMAND_FAILED], 0, message_type, error);
}
