/* ebb-store-demo.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_STORE_DEMO_ADMIN     "admin"
#define EBB_STORE_DEMO_ADMIN_PIN "123456"

gboolean ebb_store_demo_populate (EbbStore  *store,
                                  GError   **error);

G_END_DECLS
