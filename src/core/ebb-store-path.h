/* ebb-store-path.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ebb_store_path_default        (void) G_GNUC_WARN_UNUSED_RESULT;
char *ebb_store_path_resolve        (const char *override) G_GNUC_WARN_UNUSED_RESULT;
char *ebb_store_path_backup_dir     (const char *database) G_GNUC_WARN_UNUSED_RESULT;
guint ebb_store_path_backup_keep    (void);

G_END_DECLS
