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
#include "ebb-device-spec.h"
#include "ebb-front-desk.h"
#include "ebb-permissions.h"
#include "ebb-profile.h"

G_DEFINE_QUARK (ebb-admin-error-quark, ebb_admin_error)

/* The shortest post-infarction window the screening may use (the schema's
 * minimum): it can only be lengthened. */
#define MIN_RECENT_MI_DAYS 5

static char *
describe_range (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const char *kind;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (g_str_equal (kind, "range"))
    {
      g_autoptr(GVariant) low = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) high = g_variant_get_child_value (detail, 1);
      g_autofree char *low_text = g_variant_print (low, FALSE);
      g_autofree char *high_text = g_variant_print (high, FALSE);

      /* Translators: the limits of a number setting */
      return g_strdup_printf (_("Enter a value from %s to %s."), low_text, high_text);
    }

  return g_strdup (_("Choose one of the values offered."));
}

static gboolean
check_path (const char  *path,
            GFileTest    test,
            GError     **error)
{
  if (*path == '\0')
    return TRUE;

  if (g_path_is_absolute (path) && g_file_test (path, test))
    return TRUE;

  g_set_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE,
               test == G_FILE_TEST_IS_DIR
               /* Translators: %s is a folder's path */
               ? _("The folder “%s” does not exist. Choose an existing folder.")
               /* Translators: %s is a file's path */
               : _("The file “%s” does not exist. Choose an existing file."),
               path);
  return FALSE;
}

/* What the schema cannot say about a key: which strings are devices,
 * telephone numbers or existing files, and which limits may only be
 * tightened. Runs after the type and range checks. */
static gboolean
check_value (const char  *key,
             GVariant    *value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_str_equal (key, "clinic-limit-pa"))
    {
      if (!ebb_profile_check_clinic_limit (g_variant_get_int32 (value), &local_error))
        {
          g_set_error_literal (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT,
                               local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (key, "screening-recent-mi-days"))
    {
      if (g_variant_get_uint32 (value) < MIN_RECENT_MI_DAYS)
        {
          g_set_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT,
                       _("The post-infarction window can only be lengthened: at least %u days."),
                       MIN_RECENT_MI_DAYS);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (key, "device"))
    {
      EbbDeviceKind kind;

      if (!ebb_device_spec_parse (g_variant_get_string (value, NULL), &kind, NULL, &local_error))
        {
          g_set_error_literal (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE,
                               local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (key, "clinic-phone"))
    {
      if (!ebb_front_desk_check_phone (g_variant_get_string (value, NULL), &local_error))
        {
          g_set_error_literal (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE,
                               local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (key, "clinic-logo"))
    return check_path (g_variant_get_string (value, NULL), G_FILE_TEST_IS_REGULAR, error);

  if (g_str_equal (key, "backup-directory"))
    return check_path (g_variant_get_string (value, NULL), G_FILE_TEST_IS_DIR, error);

  return TRUE;
}

/* Type and range from the schema, so an unknown key or a value GSettings
 * would refuse (with a critical) becomes an error the operator can read. */
static gboolean
check_schema (GSettings   *settings,
              const char  *key,
              GVariant    *value,
              GError     **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, key))
    {
      g_set_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_UNKNOWN_SETTING,
                   _("There is no setting “%s”."), key);
      return FALSE;
    }

  schema_key = g_settings_schema_get_key (schema, key);
  if (!g_variant_is_of_type (value, g_settings_schema_key_get_value_type (schema_key)))
    {
      g_set_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE,
                   _("The setting “%s” does not accept this kind of value."), key);
      return FALSE;
    }

  if (!check_value (key, value, error))
    return FALSE;

  if (!g_settings_schema_key_range_check (schema_key, value))
    {
      g_autofree char *hint = describe_range (schema_key);

      g_set_error_literal (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, hint);
      return FALSE;
    }

  return TRUE;
}

/**
 * ebb_admin_change_setting:
 * @ctx: the current operator; needs %EBB_ACTION_SETTINGS_CHANGE
 * @settings: the application settings
 * @key: the key to change
 * @value: (transfer floating): its new value
 * @error: return location for a #GError: %EBB_PERMISSION_ERROR_DENIED,
 *   an #EbbAdminError, or the store's error for the audit entry
 *
 * Changes one clinic setting and records `settings.change` with the key
 * and both values. The preferences window calls this for every change it
 * makes instead of binding keys directly, so the check, the validation and
 * the entry cannot be skipped. Refused: unknown keys, values of the wrong
 * type or outside the schema's range, device strings that name no device,
 * malformed telephone numbers, logo files and backup folders that do not
 * exist, and any value that loosens a tighten-only limit (`clinic-limit-pa`
 * deeper than −5000 Pa, `screening-recent-mi-days` under 5). Setting the
 * value already stored succeeds without an entry, so the trail holds only
 * real changes.
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

  if (!check_schema (settings, key, owned, error))
    return FALSE;

  before = g_settings_get_value (settings, key);
  if (g_variant_equal (before, owned))
    return TRUE;

  if (!g_settings_set_value (settings, key, owned))
    {
      g_set_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE,
                   _("The setting “%s” cannot be changed here."), key);
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
