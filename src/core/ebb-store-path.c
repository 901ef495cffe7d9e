/* ebb-store-path.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-path"

#include "config.h"

#include "ebb-environment.h"
#include "ebb-store-path.h"

/* Where the database is, for both programs: the --database option wins,
 * then the database-path setting, then the user's data directory. */

char *
ebb_store_path_default (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "ebbflow.db", NULL);
}

/**
 * ebb_store_path_resolve:
 * @override: (nullable): a path given on the command line
 *
 * Returns: (transfer full): the database file to open
 */
char *
ebb_store_path_resolve (const char *override)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *configured = NULL;

  if (override != NULL && *override != '\0')
    return g_canonicalize_filename (override, NULL);

  settings = ebb_environment_settings ();
  if (settings != NULL)
    configured = g_settings_get_string (settings, "database-path");
  if (configured != NULL && *configured != '\0')
    return g_canonicalize_filename (configured, NULL);

  return ebb_store_path_default ();
}

/**
 * ebb_store_path_backup_dir:
 * @database: the database file
 *
 * Returns: (transfer full): the backup-directory setting, or a "backups"
 *   folder beside @database
 */
char *
ebb_store_path_backup_dir (const char *database)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autofree char *configured = NULL;
  g_autofree char *dir = NULL;

  if (settings != NULL)
    configured = g_settings_get_string (settings, "backup-directory");
  if (configured != NULL && *configured != '\0')
    return g_canonicalize_filename (configured, NULL);

  dir = g_path_get_dirname (database);
  return g_build_filename (dir, "backups", NULL);
}

guint
ebb_store_path_backup_keep (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();

  return settings != NULL ? g_settings_get_uint (settings, "backup-keep") : 14;
}
