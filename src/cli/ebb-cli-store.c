/* ebb-cli-store.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-cli.h"
#include "ebb-store-path.h"

/**
 * ebb_cli_open_store:
 * @database: (nullable): the --database option
 * @flags: how to open it
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Opens the database every command uses: --database, else the
 * database-path setting, else the default file.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EbbStore *
ebb_cli_open_store (const char         *database,
                    EbbStoreOpenFlags   flags,
                    GError            **error)
{
  g_autofree char *path = ebb_store_path_resolve (database);

  return ebb_store_open (path, flags, error);
}
