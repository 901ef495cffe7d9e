/* ebb-permissions.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-operator-session.h"
#include "ebb-roles.h"
#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_PERMISSION_ERROR (ebb_permission_error_quark ())

/**
 * EbbPermissionError:
 * @EBB_PERMISSION_ERROR_DENIED: the operator holds none of the roles the action needs
 * @EBB_PERMISSION_ERROR_NOT_LOGGED_IN: nobody is logged in, or the console is locked
 *
 * Both refusals are written to the audit trail as `permission.denied`.
 */
typedef enum
{
  EBB_PERMISSION_ERROR_DENIED = 1,
  EBB_PERMISSION_ERROR_NOT_LOGGED_IN,
} EbbPermissionError;

/**
 * EbbAction:
 *
 * The protected core actions. Every core function that performs one calls
 * ebb_permissions_check() first; a refusal on other grounds goes through
 * ebb_permissions_refuse(). The table of which roles may perform which
 * action lives in ebb-permissions.c and in docs/operators.md.
 */
typedef enum
{
  EBB_ACTION_CLIENT_CREATE = 1,
  EBB_ACTION_CLIENT_VIEW,
  EBB_ACTION_CLIENT_CHANGE,
  EBB_ACTION_CLIENT_ARCHIVE,
  EBB_ACTION_CONSENT_RECORD,
  EBB_ACTION_SCREENING_HISTORY,
  EBB_ACTION_SCREENING_EXAMINATION,
  EBB_ACTION_CLEARANCE,
  EBB_ACTION_SESSION_START,
  EBB_ACTION_SESSION_PAUSE,
  EBB_ACTION_SESSION_STOP,
  EBB_ACTION_SESSION_EMERGENCY_STOP,
  EBB_ACTION_ALARM_ACKNOWLEDGE,
  EBB_ACTION_PROFILE_CREATE,
  EBB_ACTION_PROFILE_CHANGE,
  EBB_ACTION_PROFILE_APPROVE,
  EBB_ACTION_SETTINGS_CHANGE,
  EBB_ACTION_BACKUP,
  EBB_ACTION_RESTORE,
  EBB_ACTION_REPORT_SAVE,
  EBB_ACTION_REPORT_PRINT,
  EBB_ACTION_EXPORT,
  EBB_ACTION_OPERATOR_MANAGE,
  EBB_ACTION_AUDIT_VIEW,
  EBB_ACTION_SCREENING_CONFIRM,
} EbbAction;

#define EBB_ACTION_FIRST EBB_ACTION_CLIENT_CREATE
#define EBB_ACTION_LAST  EBB_ACTION_SCREENING_CONFIRM

GQuark       ebb_permission_error_quark     (void);

EbbRoles     ebb_permissions_roles_for      (EbbAction            action);
gboolean     ebb_permissions_allows         (EbbRoles             roles,
                                             EbbAction            action);
const char  *ebb_permissions_action_id      (EbbAction            action);
const char  *ebb_permissions_action_label   (EbbAction            action);
const char  *ebb_permissions_audit_id       (EbbAction            action);
char        *ebb_permissions_describe_roles (EbbRoles             roles) G_GNUC_WARN_UNUSED_RESULT;
gboolean     ebb_permissions_check          (EbbOperatorSession  *ctx,
                                             EbbAction            action,
                                             GError             **error);
gboolean     ebb_permissions_refuse         (EbbStore            *store,
                                             gint64               operator_id,
                                             EbbAction            action,
                                             GError             **error,
                                             const char          *format,
                                             ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
