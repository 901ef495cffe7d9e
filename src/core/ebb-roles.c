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
