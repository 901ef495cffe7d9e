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

G_DEFINE_QUARK (ebb-admin-error-quark, ebb_admin_error)

/* The bounds of a key with a <range> in the schema. */
static gboolean
range_bounds (GSettingsSchemaKey  *key,
              GVariant           **low,
              GVariant           **high)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const char *kind;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (!g_str_equal (kind, "range"))
    return FALSE;

  *low = g_variant_get_child_value (detail, 0);
  *high = g_variant_get_child_value (detail, 1);
  return TRUE;
}

static char *
describe_range (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) low = NULL;
  g_autoptr(GVariant) high = NULL;

  if (range_bounds (key, &low, &high))
    {
      g_autofree char *low_text = g_variant_print (low, FALSE);
      g_autofree char *high_text = g_variant_print (high, FALSE);

      /* Translators: the limits of a number setting */
      return g_strdup_printf (_("Enter a value from %s to %s."), low_text, high_text);
    }

  return g_strdup (_("Choose one of the values offered."));
}

/* The limits that may only be made stricter. Their factory value is the
 * schema's minimum, so a value below it loosens the limit; the schema is
 * the one place the bounds are written down. */
static gboolean
check_tighten_only (GSettingsSchemaKey  *schema_key,
                    const char          *key,
                    GVariant            *value,
                    GError             **error)
{
  g_autoptr(GVariant) low = NULL;
  g_autoptr(GVariant) high = NULL;
  g_autofree char *hint = NULL;
  const char *why;

  if (g_str_equal (key, "clinic-limit-pa"))
    why = _("The clinic limit can only be tightened.");
  else if (g_str_equal (key, "screening-recent-mi-days"))
    why = _("The post-infarction window can only be lengthened.");
  else
    return TRUE;

  if (!range_bounds (schema_key, &low, &high) || g_variant_compare (value, low) >= 0)
    return TRUE;

  hint = describe_range (schema_key);
  g_set_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT, "%s %s", why, hint);
  return FALSE;
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
 * telephone numbers or existing files. */
static gboolean
check_value (const char  *key,
             GVariant    *value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

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

  if (!check_tighten_only (schema_key, key, value, error) ||
      !check_value (key, value, error))
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
 * or `screening-recent-mi-days` below the schema's minimum, the factory
 * value: %EBB_ADMIN_ERROR_WIDENS_LIMIT). Setting the
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
 * Backs the database up at an administrator's request (`ebbflowctl db
 * backup FILE`) and records `backup` with the file. Blocks.
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

/* The daily backup is the system's own job (operator 0): the console
 * makes it on opening the database, before anybody logs in, and
 * `ebbflowctl db backup --daily` runs from a timer. */
static gboolean
record_daily_backup (EbbStore    *store,
                     const char  *written,
                     GError     **error)
{
  g_autofree char *detail = g_strdup_printf ("daily: %s", written);

  return ebb_audit_record_in (store, 0, ebb_permissions_audit_id (EBB_ACTION_BACKUP),
                              "backup", 0, 0, detail, error);
}

/**
 * ebb_admin_backup_daily:
 * @store: the database
 * @directory: the backup directory
 * @keep: how many daily backups to keep
 * @error: return location for a #GError
 *
 * Writes today's backup as ebb_store_backup_daily() does and records
 * `backup` for the system (operator 0). Needs no login: it is the
 * system's scheduled job, and it only copies the database.
 *
 * Returns: (transfer full) (nullable): the backup written; %NULL without
 *   an error when today's exists already (nothing is recorded then)
 */
char *
ebb_admin_backup_daily (EbbStore    *store,
                        const char  *directory,
                        guint        keep,
                        GError     **error)
{
  g_autofree char *written = NULL;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  written = ebb_store_backup_daily (store, directory, keep, error);
  if (written == NULL || !record_daily_backup (store, written, error))
    return NULL;

  return g_steal_pointer (&written);
}

/**
 * ebb_admin_backup_daily_async:
 * @store: the database
 * @directory: the backup directory
 * @keep: how many daily backups to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done, with @store as source object
 * @user_data: data for @callback
 *
 * ebb_admin_backup_daily() with the copy on a worker thread; the entry is
 * written by ebb_admin_backup_daily_finish() on the caller's thread, which
 * owns the connection.
 */
void
ebb_admin_backup_daily_async (EbbStore            *store,
                              const char          *directory,
                              guint                keep,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (EBB_IS_STORE (store));

  ebb_store_backup_daily_async (store, directory, keep, cancellable, callback, user_data);
}

/**
 * ebb_admin_backup_daily_finish:
 * @store: the database
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): as ebb_admin_backup_daily()
 */
char *
ebb_admin_backup_daily_finish (EbbStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_autofree char *written = NULL;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  written = ebb_store_backup_daily_finish (store, result, error);
  if (written == NULL || !record_daily_backup (store, written, error))
    return NULL;

  return g_steal_pointer (&written);
}

/* Replaces @database by @backup and records `restore` in the restored
 * file: the trail that continues is the restored one. The database
 * replaced is kept beside it (ebb_store_restore()) with its own trail. */
static gboolean
restore_and_record (const char  *database,
                    const char  *backup,
                    gint64       operator_id,
                    const char  *why,
                    char       **aside_path,
                    GError     **error)
{
  g_autoptr(EbbStore) restored = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *detail = NULL;

  if (!ebb_store_restore (database, backup, &aside, error))
    return FALSE;

  /* Opening migrates an older backup and marks the sessions that were
   * running when it was taken as interrupted. */
  restored = ebb_store_open (database, EBB_STORE_OPEN_NONE, error);
  if (restored == NULL)
    return FALSE;

  detail = g_strdup_printf ("%s from %s; previous file kept as %s", why, backup,
                            aside != NULL ? aside : "(none)");
  if (!ebb_audit_record_in (restored, operator_id, ebb_permissions_audit_id (EBB_ACTION_RESTORE),
                            "backup", 0, 0, detail, error))
    return FALSE;

  if (aside_path != NULL)
    *aside_path = g_steal_pointer (&aside);
  return TRUE;
}

/**
 * ebb_admin_restore:
 * @ctx: the current operator; needs %EBB_ACTION_RESTORE
 * @backup: the backup file to restore
 * @aside_path: (out) (optional) (transfer full): where the replaced file was kept
 * @error: return location for a #GError
 *
 * Replaces @ctx's database by @backup (verified first) and records
 * `restore` in the restored database, naming the administrator, the backup
 * and the file kept aside. A refusal is recorded as `permission.denied` in
 * the current database. The connection of @ctx keeps the replaced file
 * (now kept aside) open: drop @ctx and open the database again to go on.
 *
 * Returns: %TRUE if the backup was restored and recorded
 */
gboolean
ebb_admin_restore (EbbOperatorSession  *ctx,
                   const char          *backup,
                   char               **aside_path,
                   GError             **error)
{
  EbbStore *store;
  const EbbOperator *op;
  g_autofree char *database = NULL;
  g_autofree char *why = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_RESTORE, error))
    return FALSE;

  store = ebb_operator_session_get_store (ctx);
  /* Everything written so far goes into the main file before it is
   * moved aside. */
  if (!ebb_store_checkpoint (store, error))
    return FALSE;

  op = ebb_operator_session_get_operator (ctx);
  database = g_strdup (ebb_store_get_path (store));
  why = g_strdup_printf ("restored by %s", op->username);
  return restore_and_record (database, backup, op->id, why, aside_path, error);
}

/* The failures for which replacing the file is the cure; a database in use
 * elsewhere, read-only or on a failing disk is left alone. */
static gboolean
is_recoverable (const GError *error)
{
  return g_error_matches (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CORRUPT) ||
         g_error_matches (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_A_DATABASE) ||
         g_error_matches (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NEWER_SCHEMA) ||
         g_error_matches (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
}

/**
 * ebb_admin_restore_unopenable:
 * @database: the database file that cannot be opened
 * @backup: the backup file to restore
 * @aside_path: (out) (optional) (transfer full): where the replaced file was kept
 * @error: return location for a #GError
 *
 * The console's way back from a damaged database, when nobody can log in
 * because the operators live in the file that fails. Allowed only while
 * @database really cannot be opened because it is damaged, not an Ebbflow
 * database, from a newer Ebbflow or missing; a database that opens is
 * refused with %EBB_PERMISSION_ERROR_DENIED (and the refusal recorded in
 * it, unless it is an older database, which is not written to): restoring over a working database needs an administrator
 * (ebb_admin_restore()). Records `restore` for the system (operator 0) in
 * the restored database, with why the old file could not be opened.
 *
 * Returns: %TRUE if the backup was restored and recorded
 */
gboolean
ebb_admin_restore_unopenable (const char  *database,
                              const char  *backup,
                              char       **aside_path,
                              GError     **error)
{
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autofree char *why = NULL;

  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  /* Only to learn whether it opens: an older database must not be
   * migrated (written to) by a restore that is then refused. */
  store = ebb_store_open (database, EBB_STORE_OPEN_NO_MIGRATE, &open_error);
  if (store != NULL || g_error_matches (open_error, EBB_STORE_ERROR, EBB_STORE_ERROR_OLDER_SCHEMA))
    /* An older database is not written to, not even for the refusal. */
    return ebb_permissions_refuse (store, 0, EBB_ACTION_RESTORE, error, "%s",
                                   _("The database opens normally. Log in as an administrator "
                                     "to restore a backup."));

  if (!is_recoverable (open_error))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }

  why = g_strdup_printf ("recovery (the database could not be opened: %s)", open_error->message);
  return restore_and_record (database, backup, 0, why, aside_path, error);
}
