/* ebb-operators.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

char      *ebb_operators_roles_to_ids       (EbbRoles             roles) G_GNUC_WARN_UNUSED_RESULT;
gboolean   ebb_operators_roles_from_ids     (const char          *ids,
                                             EbbRoles            *roles);
gboolean   ebb_operators_validate_secret    (const char          *secret,
                                             GError             **error);
gboolean   ebb_operators_validate_username  (const char          *username,
                                             GError             **error);
gboolean   ebb_operators_needs_first_admin  (EbbStore            *store,
                                             GError             **error);
gint64     ebb_operators_create_first_admin (EbbOperatorSession  *ctx,
                                             const char          *username,
                                             const char          *display_name,
                                             EbbRoles             extra_roles,
                                             const char          *secret,
                                             GError             **error);
GPtrArray *ebb_operators_list_for_login     (EbbStore            *store,
                                             GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *ebb_operators_list               (EbbOperatorSession  *ctx,
                                             gboolean             include_inactive,
                                             GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gint64     ebb_operators_add                (EbbOperatorSession  *ctx,
                                             const char          *username,
                                             const char          *display_name,
                                             EbbRoles             roles,
                                             const char          *secret,
                                             GError             **error);
gboolean   ebb_operators_set_roles          (EbbOperatorSession  *ctx,
                                             const char          *username,
                                             EbbRoles             roles,
                                             GError             **error);
gboolean   ebb_operators_set_secret         (EbbOperatorSession  *ctx,
                                             const char          *username,
                                             const char          *secret,
                                             GError             **error);
gboolean   ebb_operators_deactivate         (EbbOperatorSession  *ctx,
                                             const char          *username,
                                             GError             **error);

G_END_DECLS
