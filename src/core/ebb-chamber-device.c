/* ebb-chamber-device.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-chamber-device"

#include "config.h"

#include "ebb-chamber-device.h"

/* Adapts the driver's EbbChamber to the narrow EbbDevice the session runner
 * drives: commands become fire-and-forget with failures reported as
 * signals, and the driver's three ways of losing a chamber (telemetry
 * silence, unanswered commands, a vanished port) all become link-lost. */

struct _EbbChamberDevice
{
  GObject parent_instance;

  /* owned */
  EbbChamber *chamber;
  GCancellable *cancellable;

  /* state */
  guint have_status : 1;
};

static void ebb_chamber_device_iface_init (EbbDeviceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbbChamberDevice, ebb_chamber_device, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EBB_TYPE_DEVICE, ebb_chamber_device_iface_init))

typedef struct
{
  GWeakRef self;
  guint message_type;
} CommandData;

static CommandData *
command_data_new (EbbChamberDevice *self,
                  guint             message_type)
{
  CommandData *data = g_new0 (CommandData, 1);

  g_weak_ref_init (&data->self, self);
  data->message_type = message_type;
  return data;
}

static void
command_data_free (CommandData *data)
{
  g_weak_ref_clear (&data->self);
  g_free (data);
}

static void
command_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CommandData *data = user_data;
  g_autoptr(EbbChamberDevice) self = g_weak_ref_get (&data->self);
  g_autoptr(GError) error = NULL;

  /* Every boolean *_finish of EbbChamber propagates its GTask. A command
   * lost with the link is not a refusal: the chamber's link signals report
   * that, so the session ends for the real cause ("link-lost"). */
  if (!g_task_propagate_boolean (G_TASK (result), &error) && self != NULL
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_CANCELLED)
      && !g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LINK_FAILED)
      && !g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_DISCONNECTED)
      && !g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED))
    ebb_device_emit_command_failed (EBB_DEVICE (self), data->message_type, error);

  command_data_free (data);
}

static void
status_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(EbbChamberDevice) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  if (ebb_chamber_get_status_finish (EBB_CHAMBER (object), result, NULL, &error) && self != NULL)
    self->have_status = TRUE;
  else if (error != NULL)
    g_debug ("GET_STATUS failed: %s", error->message);

  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
telemetry_cb (EbbChamberDevice *self,
              GArray           *samples,
              EbbChamber       *chamber)
{
  if (samples->len == 0)
    return;

  self->have_status = TRUE;
  ebb_device_emit_telemetry (EBB_DEVICE (self), (const EbbEcpTelemetry *) samples->data,
                             samples->len);
}

static void
link_lost_cb (EbbChamberDevice *self)
{
  ebb_device_emit_link_lost (EBB_DEVICE (self));
}

static void
port_vanished_cb (EbbChamberDevice *self,
                  const GError     *error,
                  EbbChamber       *chamber)
{
  ebb_device_emit_link_lost (EBB_DEVICE (self));
}

static void
rebooted_cb (EbbChamberDevice *self)
{
  ebb_device_emit_rebooted (EBB_DEVICE (self));
}

static gboolean
ebb_chamber_device_is_connected (EbbDevice *device)
{
  return ebb_chamber_get_connected (EBB_CHAMBER_DEVICE (device)->chamber);
}

static const char *
ebb_chamber_device_get_serial (EbbDevice *device)
{
  const char *serial = ebb_chamber_get_serial (EBB_CHAMBER_DEVICE (device)->chamber);

  return serial != NULL && *serial != '\0' ? serial : NULL;
}

static gboolean
ebb_chamber_device_get_status (EbbDevice *device,
                               guint16   *flags,
                               guint16   *faults)
{
  EbbChamberDevice *self = EBB_CHAMBER_DEVICE (device);

  *flags = (guint16) ebb_chamber_get_flags (self->chamber);
  *faults = (guint16) ebb_chamber_get_faults (self->chamber);
  return self->have_status;
}

static gboolean
ebb_chamber_device_vent_now (EbbDevice  *device,
                             GError    **error)
{
  ebb_chamber_vent_now (EBB_CHAMBER_DEVICE (device)->chamber);
  return TRUE;
}

static void
ebb_chamber_device_vent (EbbDevice *device)
{
  EbbChamberDevice *self = EBB_CHAMBER_DEVICE (device);

  ebb_chamber_vent_async (self->chamber, self->cancellable, command_done_cb,
                          command_data_new (self, EBB_ECP_MSG_VENT));
}

static void
ebb_chamber_device_set_target (EbbDevice *device,
                               gint32     target_pa,
                               guint16    ramp_pa_s)
{
  EbbChamberDevice *self = EBB_CHAMBER_DEVICE (device);

  ebb_chamber_set_target_async (self->chamber, target_pa, ramp_pa_s, self->cancellable,
                                command_done_cb, command_data_new (self, EBB_ECP_MSG_SET_TARGET));
}

static void
ebb_chamber_device_clear_faults (EbbDevice *device)
{
  EbbChamberDevice *self = EBB_CHAMBER_DEVICE (device);

  ebb_chamber_clear_faults_async (self->chamber, self->cancellable, command_done_cb,
                                  command_data_new (self, EBB_ECP_MSG_CLEAR_FAULTS));
}

static void
ebb_chamber_device_get_link_stats (EbbDevice          *device,
                                   EbbDeviceLinkStats *stats)
{
  EbbChamberLinkStats chamber_stats;

  ebb_chamber_get_link_stats (EBB_CHAMBER_DEVICE (device)->chamber, &chamber_stats);
  stats->frames_ok = chamber_stats.frames_ok;
  stats->frames_bad = chamber_stats.frames_rejected_total;
  stats->frames_lost = chamber_stats.packets_lost;
  stats->retransmits = chamber_stats.retransmissions;
}

static gboolean
ebb_chamber_device_has_lid_sensor (EbbDevice *device)
{
  EbbChamberDevice *self = EBB_CHAMBER_DEVICE (device);

  return (ebb_chamber_get_capabilities (self->chamber) & EBB_ECP_CAP_LID_SENSOR) != 0;
}

static void
ebb_chamber_device_iface_init (EbbDeviceInterface *iface)
{
  iface->is_connected = ebb_chamber_device_is_connected;
  iface->get_serial = ebb_chamber_device_get_serial;
  iface->get_status = ebb_chamber_device_get_status;
  iface->vent_now = ebb_chamber_device_vent_now;
  iface->vent = ebb_chamber_device_vent;
  iface->set_target = ebb_chamber_device_set_target;
  iface->clear_faults = ebb_chamber_device_clear_faults;
  iface->get_link_stats = ebb_chamber_device_get_link_stats;
  iface->has_lid_sensor = ebb_chamber_device_has_lid_sensor;
}

static void
ebb_chamber_device_dispose (GObject *object)
{
  EbbChamberDevice *self = (EbbChamberDevice *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chamber);

  G_OBJECT_CLASS (ebb_chamber_device_parent_class)->dispose (object);
}

static void
ebb_chamber_device_class_init (EbbChamberDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ebb_chamber_device_dispose;
}

static void
ebb_chamber_device_init (EbbChamberDevice *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * ebb_chamber_device_new:
 * @chamber: a connected chamber
 *
 * Wraps @chamber for the session runner and asks it for its status, so the
 * preparing gates know the lid and the faults even before telemetry runs.
 *
 * Returns: (transfer full): the device
 */
EbbChamberDevice *
ebb_chamber_device_new (EbbChamber *chamber)
{
  EbbChamberDevice *self;
  GWeakRef *ref;

  g_return_val_if_fail (EBB_IS_CHAMBER (chamber), NULL);

  self = g_object_new (EBB_TYPE_CHAMBER_DEVICE, NULL);
  self->chamber = g_object_ref (chamber);

  g_signal_connect_object (chamber, "telemetry", G_CALLBACK (telemetry_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chamber, "link-lost", G_CALLBACK (link_lost_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chamber, "link-failed", G_CALLBACK (link_lost_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chamber, "port-vanished", G_CALLBACK (port_vanished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (chamber, "rebooted", G_CALLBACK (rebooted_cb), self, G_CONNECT_SWAPPED);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  ebb_chamber_get_status_async (chamber, self->cancellable, status_done_cb, ref);

  return self;
}

/**
 * ebb_chamber_device_get_chamber:
 * @self: a device
 *
 * Returns: (transfer none): the wrapped chamber
 */
EbbChamber *
ebb_chamber_device_get_chamber (EbbChamberDevice *self)
{
  g_return_val_if_fail (EBB_IS_CHAMBER_DEVICE (self), NULL);
  return self->chamber;
}
