/* ebb-admin.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

#define EBB_ADMIN_ERROR (ebb_admin_error_quark ())

/**
 * EbbAdminError:
 * @EBB_ADMIN_ERROR_UNKNOWN_SETTING: no setting of that name
 * @EBB_ADMIN_ERROR_INVALID_VALUE: the value has the wrong type, lies outside
 *   the setting's range or choices, or is not what the setting holds (a
 *   device string, a phone number, an existing file or folder)
 * @EBB_ADMIN_ERROR_WIDENS_LIMIT: the value would loosen a limit that can
 *   only be tightened
 *
 * Why a settings change was refused; permission refusals are
 * %EBB_PERMISSION_ERROR_DENIED.
 */
typedef enum
{
  EBB_ADMIN_ERROR_UNKNOWN_SETTING = 1,
  EBB_ADMIN_ERROR_INVALID_VALUE,
  EBB_ADMIN_ERROR_WIDENS_LIMIT,
} EbbAdminError;

GQuark    ebb_admin_error_quark    (void);

gboolean  ebb_admin_change_setting (EbbOperatorSession  *ctx,
                                    GSettings           *settings,
                                    const char          *key,
                                    GVariant            *value,
                                    GError             **error);
gboolean  ebb_admin_backup         (EbbOperatorSession  *ctx,
                                    const char          *destination,
                                    GCancellable        *cancellable,
                                    GError             **error);
char     *ebb_admin_backup_daily   (EbbStore            *store,
                                    const char          *directory,
                                    guint                keep,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void      ebb_admin_backup_daily_async (EbbStore        *store,
                                    const char          *directory,
                                    guint                keep,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char     *ebb_admin_backup_daily_finish (EbbStore       *store,
                                    GAsyncResult        *result,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ebb_admin_restore        (EbbOperatorSession  *ctx,
                                    const char          *backup,
                                    char               **aside_path,
                                    GError             **error);
gboolean  ebb_admin_restore_unopenable (const char      *database,
                                    const char          *backup,
                                    char               **aside_path,
                                    GError             **error);

G_END_DECLS
