/* ebb-admin.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-admin"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-admin.h"
#include "ebb-audit.h"
#include "ebb-permissions.h"

/**
 * ebb_admin_change_setting:
 * @ctx: the current operator; needs %EBB_ACTION_SETTINGS_CHANGE
 * @settings: the application settings
 * @key: the key to change
 * @value: (transfer floating): its new value
 * @error: return location for a #GError
 *
 * Changes one clinic setting and records `settings.change` with the key
 * and both values. The preferences window calls this instead of binding
 * admin-only keys directly, so the check and the entry cannot be skipped.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_admin_change_setting (EbbOperatorSession  *ctx,
                          GSettings           *settings,
                          const char          *key,
                          GVariant            *value,
                          GError             **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);
  g_autoptr(GVariant) before = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_SETTINGS_CHANGE, error))
    return FALSE;

  before = g_settings_get_value (settings, key);
  if (g_variant_equal (before, owned))
    return TRUE;

  if (!g_settings_set_value (settings, key, owned))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The setting “%s” does not accept this value."), key);
      return FALSE;
    }

  before_text = g_variant_print (before, FALSE);
  after_text = g_variant_print (owned, FALSE);
  detail = g_strdup_printf ("%s: %s -> %s", key, before_text, after_text);
  return ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_SETTINGS_CHANGE),
                           "setting", 0, detail, error);
}

/**
 * ebb_admin_backup:
 * @ctx: the current operator; needs %EBB_ACTION_BACKUP
 * @destination: the backup file to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Backs the database up (`backup`). Blocks; call it from a worker thread
 * in the GUI.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_admin_backup (EbbOperatorSession  *ctx,
                  const char          *destination,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_BACKUP, error))
    return FALSE;

  return ebb_store_backup_to (ebb_operator_session_get_store (ctx), destination,
                              cancellable, error) &&
         ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_BACKUP),
                           "backup", 0, destination, error);
}
