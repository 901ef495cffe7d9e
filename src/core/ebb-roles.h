/* ebb-roles.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EbbRoles:
 * @EBB_ROLE_NONE: no role
 * @EBB_ROLE_RECEPTION: front-desk staff: registers clients, takes the history
 * @EBB_ROLE_CLINICIAN: examines clients, clears referrals, approves overrides
 * @EBB_ROLE_TECHNICIAN: runs sessions and takes measurements
 * @EBB_ROLE_ADMIN: manages operators, profiles, settings and backups
 *
 * Operator roles as a bitmask: an operator may hold several, and a
 * questionnaire item lists the roles allowed to answer it. The one
 * definition shared by the store, the screening and the permissions.
 */
typedef enum
{
  EBB_ROLE_NONE       = 0,
  EBB_ROLE_RECEPTION  = 1 << 0,
  EBB_ROLE_CLINICIAN  = 1 << 1,
  EBB_ROLE_TECHNICIAN = 1 << 2,
  EBB_ROLE_ADMIN      = 1 << 3,
} EbbRoles;

#define EBB_ROLES_ANY (EBB_ROLE_RECEPTION | EBB_ROLE_CLINICIAN | EBB_ROLE_TECHNICIAN | EBB_ROLE_ADMIN)

EbbRoles    ebb_role_from_id   (const char *id);
const char *ebb_role_to_id     (EbbRoles    role);
const char *ebb_role_get_label (EbbRoles    role);

G_END_DECLS
