/* ebb-device-status.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-device-manager.h"

G_BEGIN_DECLS

#define EBB_TYPE_DEVICE_STATUS (ebb_device_status_get_type())

G_DECLARE_FINAL_TYPE (EbbDeviceStatus, ebb_device_status, EBB, DEVICE_STATUS, GtkWidget)

GtkWidget        *ebb_device_status_new         (void) G_GNUC_WARN_UNUSED_RESULT;
EbbDeviceManager *ebb_device_status_get_manager (EbbDeviceStatus  *self);
void              ebb_device_status_set_manager (EbbDeviceStatus  *self,
                                                 EbbDeviceManager *manager);
const char       *ebb_device_status_get_summary (EbbDeviceStatus  *self);

G_END_DECLS
