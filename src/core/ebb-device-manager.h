/* ebb-device-manager.h
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
 * EbbDeviceState:
 * @EBB_DEVICE_STATE_DISCONNECTED: no chamber; retrying in the background
 * @EBB_DEVICE_STATE_CONNECTING: opening the port and shaking hands
 * @EBB_DEVICE_STATE_CONNECTED: a chamber answered and is identified
 */
typedef enum
{
  EBB_DEVICE_STATE_DISCONNECTED = 1,
  EBB_DEVICE_STATE_CONNECTING,
  EBB_DEVICE_STATE_CONNECTED,
} EbbDeviceState;

/**
 * EbbDeviceChoice:
 * @label: what the operator sees ("Ebbflow INP Chamber", "Simulated chamber")
 * @detail: the port path and serial number, or a description
 * @spec: the device string that selects it
 * @is_chamber: whether its USB identifiers are an ECP/1 chamber's
 */
typedef struct
{
  char     *label;
  char     *detail;
  char     *spec;
  gboolean  is_chamber;
} EbbDeviceChoice;

void ebb_device_choice_free (EbbDeviceChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbDeviceChoice, ebb_device_choice_free)

/**
 * EbbDeviceStatusReport:
 *
 * The chamber's answer to GET_STATUS (ECP-1 §4.7), asked for on demand:
 * the STATUS message itself.
 */
typedef EbbEcpStatus EbbDeviceStatusReport;

/* While no chamber is connected the manager tries again this often, so a
 * chamber that is plugged in (again) is found without the operator. */
#define EBB_DEVICE_MANAGER_RETRY_SECONDS 3

/* A low telemetry rate keeps the lid and fault flags live between sessions;
 * a session raises it. */
#define EBB_DEVICE_MANAGER_IDLE_RATE_HZ 10

#define EBB_TYPE_DEVICE_MANAGER (ebb_device_manager_get_type ())

G_DECLARE_FINAL_TYPE (EbbDeviceManager, ebb_device_manager, EBB, DEVICE_MANAGER, GObject)

EbbDeviceManager *ebb_device_manager_new               (void) G_GNUC_WARN_UNUSED_RESULT;
const char       *ebb_device_manager_get_device        (EbbDeviceManager       *self);
void              ebb_device_manager_set_device        (EbbDeviceManager       *self,
                                                        const char             *spec);
EbbDeviceState    ebb_device_manager_get_state         (EbbDeviceManager       *self);
EbbChamber       *ebb_device_manager_get_chamber       (EbbDeviceManager       *self);
const GError     *ebb_device_manager_get_error         (EbbDeviceManager       *self);
void              ebb_device_manager_reconnect         (EbbDeviceManager       *self);
void              ebb_device_manager_get_status_async  (EbbDeviceManager       *self,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean          ebb_device_manager_get_status_finish (EbbDeviceManager       *self,
                                                        GAsyncResult           *result,
                                                        EbbDeviceStatusReport  *report,
                                                        GError                **error);
GPtrArray        *ebb_device_manager_list_choices      (GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
