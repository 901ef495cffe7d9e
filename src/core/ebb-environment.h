/* ebb-environment.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-units.h"

G_BEGIN_DECLS

void       ebb_environment_init_i18n (void);
GSettings *ebb_environment_settings  (void) G_GNUC_WARN_UNUSED_RESULT;
EbbPressureUnit ebb_environment_pressure_unit (GSettings *settings);

G_END_DECLS
