/* ebb-device-spec.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-chamber.h"

G_BEGIN_DECLS

/**
 * EbbDeviceKind:
 * @EBB_DEVICE_KIND_PATH: a serial port or pseudo-terminal path
 * @EBB_DEVICE_KIND_AUTO: `auto`, the first port with a chamber's USB IDs
 * @EBB_DEVICE_KIND_SIM: `sim` or `sim:OPTIONS`, the built-in simulated
 *   chamber
 *
 * What a device string names. The same strings serve the GUI, ebbflowctl
 * and the `device` setting.
 */
typedef enum
{
  EBB_DEVICE_KIND_PATH = 1,
  EBB_DEVICE_KIND_AUTO,
  EBB_DEVICE_KIND_SIM,
} EbbDeviceKind;

gboolean    ebb_device_spec_parse          (const char           *spec,
                                            EbbDeviceKind        *kind,
                                            char                **argument,
                                            GError              **error);
void        ebb_chamber_open_device_async  (const char           *spec,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
EbbChamber *ebb_chamber_open_device_finish (GAsyncResult         *result,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gpointer    ebb_chamber_get_simulator      (EbbChamber           *chamber);

G_END_DECLS
