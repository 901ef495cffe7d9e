/* ebb-roles.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-store-records.h"

G_BEGIN_DECLS

/* EbbRoles, the operator role bitmask, lives with the operator record in
 * ebb-store-records.h (ebb_role_to_id, ebb_role_from_id); these are the
 * additions the screening needs. */

#define EBB_ROLE_NONE ((EbbRoles) 0)
#define EBB_ROLES_ANY EBB_ROLE_ALL

const char *ebb_role_get_label (EbbRoles role);

G_END_DECLS
