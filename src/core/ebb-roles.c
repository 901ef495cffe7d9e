/* ebb-roles.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-roles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-roles.h"

/**
 * ebb_role_get_label:
 * @role: a single role
 *
 * Returns: (nullable): the translated name of @role for operators, or
 *   %NULL if @role is not a single role
 */
const char *
ebb_role_get_label (EbbRoles role)
{
  switch ((int) role)
    {
    case EBB_ROLE_RECEPTION:
      return _("Reception");
    case EBB_ROLE_CLINICIAN:
      return _("Clinician");
    case EBB_ROLE_TECHNICIAN:
      return _("Technician");
    case EBB_ROLE_ADMIN:
      return _("Administrator");
    default:
      return NULL;
    }
}

/* The identifiers stored in the database and used in files, in bit order. */
static const char * const role_ids[] = { "reception", "clinician", "technician", "admin" };

/**
 * ebb_role_to_id:
 * @role: a single role
 *
 * Returns: (nullable): the stable identifier of @role, or %NULL if @role is
 *   not a single role
 */
const char *
ebb_role_to_id (EbbRoles role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_ids); i++)
    if (role == (EbbRoles) (1 << i))
      return role_ids[i];

  return NULL;
}

/**
 * ebb_role_from_id:
 * @id: (nullable): a role identifier such as "clinician"
 *
 * Returns: the role, or %EBB_ROLE_NONE for an unknown identifier
 */
EbbRoles
ebb_role_from_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_ids); i++)
    if (g_strcmp0 (id, role_ids[i]) == 0)
      return (EbbRoles) (1 << i);

  return EBB_ROLE_NONE;
}
