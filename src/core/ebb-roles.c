/* ebb-roles.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-roles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-roles.h"

static const struct
{
  EbbRoles    role;
  const char *name;
  const char *label;
} roles[] = {
  { EBB_ROLE_RECEPTION, "reception", N_("Reception") },
  { EBB_ROLE_CLINICIAN, "clinician", N_("Clinician") },
  { EBB_ROLE_TECHNICIAN, "technician", N_("Technician") },
  { EBB_ROLE_ADMIN, "admin", N_("Administrator") },
};

/**
 * ebb_role_from_string:
 * @name: a role name such as "clinician"
 *
 * Returns: the single role named @name, or %EBB_ROLE_NONE if unknown
 */
EbbRoles
ebb_role_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, EBB_ROLE_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (strcmp (roles[i].name, name) == 0)
      return roles[i].role;

  return EBB_ROLE_NONE;
}

/**
 * ebb_role_to_string:
 * @role: a single role
 *
 * Returns: (nullable): the stable name of @role, or %NULL if @role is not a single role
 */
const char *
ebb_role_to_string (EbbRoles role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return roles[i].name;

  return NULL;
}

/**
 * ebb_role_get_label:
 * @role: a single role
 *
 * Returns: (nullable): the translated name of @role for operators
 */
const char *
ebb_role_get_label (EbbRoles role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i].role == role)
      return g_dgettext (GETTEXT_PACKAGE, roles[i].label);

  return NULL;
}
