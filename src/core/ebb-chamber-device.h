/* ebb-chamber-device.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-chamber.h"
#include "ebb-device.h"

G_BEGIN_DECLS

#define EBB_TYPE_CHAMBER_DEVICE (ebb_chamber_device_get_type())

G_DECLARE_FINAL_TYPE (EbbChamberDevice, ebb_chamber_device, EBB, CHAMBER_DEVICE, GObject)

EbbChamberDevice *ebb_chamber_device_new         (EbbChamber       *chamber) G_GNUC_WARN_UNUSED_RESULT;
EbbChamber       *ebb_chamber_device_get_chamber (EbbChamberDevice *self);

G_END_DECLS
