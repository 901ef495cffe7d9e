/* ebb-demo.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

/* The first run's demonstration: the client and the profile it adds. */
#define EBB_DEMO_CLIENT_NUMBER     "DEMO-1"
#define EBB_DEMO_PROFILE_NAME      "Demonstration"
#define EBB_DEMO_PROFILE_LEVEL_PA  (-3000)
#define EBB_DEMO_PROFILE_VACUUM_S  10
#define EBB_DEMO_PROFILE_RELEASE_S 7
#define EBB_DEMO_PROFILE_DURATION_S 120

gint64 ebb_demo_set_up (EbbOperatorSession  *ctx,
                        guint                validity_days,
                        gint32               clinic_limit_pa,
                        GError             **error);

G_END_DECLS
