/* ebb-operator-session.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_OPERATOR_ERROR (ebb_operator_error_quark ())

/**
 * EbbOperatorError:
 * @EBB_OPERATOR_ERROR_WRONG_SECRET: unknown operator, or wrong PIN or password
 * @EBB_OPERATOR_ERROR_LOCKED_OUT: too many wrong attempts; wait and retry
 * @EBB_OPERATOR_ERROR_INACTIVE: the operator was deactivated
 * @EBB_OPERATOR_ERROR_NOT_LOGGED_IN: the call needs a logged-in operator
 * @EBB_OPERATOR_ERROR_INVALID: a malformed user name, display name or role set
 * @EBB_OPERATOR_ERROR_EXISTS: the user name is taken, or the first administrator exists already
 * @EBB_OPERATOR_ERROR_LAST_ADMIN: the change would leave no active administrator
 */
typedef enum
{
  EBB_OPERATOR_ERROR_WRONG_SECRET = 1,
  EBB_OPERATOR_ERROR_LOCKED_OUT,
  EBB_OPERATOR_ERROR_INACTIVE,
  EBB_OPERATOR_ERROR_NOT_LOGGED_IN,
  EBB_OPERATOR_ERROR_INVALID,
  EBB_OPERATOR_ERROR_EXISTS,
  EBB_OPERATOR_ERROR_LAST_ADMIN,
} EbbOperatorError;

/* Wrong attempts before an account locks, and for how long. */
#define EBB_OPERATOR_MAX_ATTEMPTS 5
#define EBB_OPERATOR_LOCKOUT_US   (5 * G_TIME_SPAN_MINUTE)

/**
 * EbbClockFunc:
 * @user_data: the data given with the clock
 *
 * Returns: the wall-clock time in microseconds since the Unix epoch
 */
typedef gint64 (*EbbClockFunc) (gpointer user_data);

#define EBB_TYPE_OPERATOR_SESSION (ebb_operator_session_get_type ())

G_DECLARE_FINAL_TYPE (EbbOperatorSession, ebb_operator_session, EBB, OPERATOR_SESSION, GObject)

GQuark              ebb_operator_error_quark              (void);

EbbOperatorSession *ebb_operator_session_new              (EbbStore            *store) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_operator_session_set_clock        (EbbOperatorSession  *self,
                                                           EbbClockFunc         clock,
                                                           gpointer             user_data);
gint64              ebb_operator_session_now              (EbbOperatorSession  *self);
EbbStore           *ebb_operator_session_get_store        (EbbOperatorSession  *self);
const EbbOperator  *ebb_operator_session_get_operator     (EbbOperatorSession  *self);
gint64              ebb_operator_session_get_operator_id  (EbbOperatorSession  *self);
EbbRoles            ebb_operator_session_get_roles        (EbbOperatorSession  *self);
gboolean            ebb_operator_session_is_logged_in     (EbbOperatorSession  *self);
gboolean            ebb_operator_session_is_locked        (EbbOperatorSession  *self);
gint64              ebb_operator_session_lockout_remaining (EbbOperatorSession *self,
                                                           const char          *username);

gboolean            ebb_operator_session_login            (EbbOperatorSession  *self,
                                                           const char          *username,
                                                           const char          *secret,
                                                           GError             **error);
void                ebb_operator_session_logout           (EbbOperatorSession  *self);
void                ebb_operator_session_lock             (EbbOperatorSession  *self);
gboolean            ebb_operator_session_unlock           (EbbOperatorSession  *self,
                                                           const char          *secret,
                                                           GError             **error);
gboolean            ebb_operator_session_switch           (EbbOperatorSession  *self,
                                                           const char          *username,
                                                           const char          *secret,
                                                           GError             **error);

G_END_DECLS
