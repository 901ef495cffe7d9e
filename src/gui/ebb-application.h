/* ebb-application.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-device-manager.h"
#include "ebb-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_APPLICATION (ebb_application_get_type())

G_DECLARE_FINAL_TYPE (EbbApplication, ebb_application, EBB, APPLICATION, AdwApplication)

EbbApplication *ebb_application_new               (void) G_GNUC_WARN_UNUSED_RESULT;
GSettings        *ebb_application_get_settings       (EbbApplication *self);
EbbDeviceManager *ebb_application_get_device_manager (EbbApplication *self);
const char     *ebb_application_get_database_path (EbbApplication *self);
char           *ebb_application_dup_device        (EbbApplication *self) G_GNUC_WARN_UNUSED_RESULT;
EbbSession     *ebb_application_get_active_session (EbbApplication *self);
void            ebb_application_set_active_session (EbbApplication *self,
                                                    EbbSession     *session);
gboolean        ebb_application_get_device_pending (EbbApplication *self);

G_END_DECLS
