/* ebb-operator-session.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-operator-session"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-audit.h"
#include "ebb-credentials.h"
#include "ebb-operator-session.h"

/**
 * EbbOperatorSession:
 *
 * The "current operator" context passed to every protected core call: who
 * is logged in at this console, whether the console is locked, and the
 * clock used for lockouts (injectable, so tests run in virtual time).
 *
 * Login state (wrong attempts, lockout end) lives in the store, so a
 * restart neither resets a lockout nor forgives wrong attempts.
 */
struct _EbbOperatorSession
{
  GObject       parent_instance;

  /* owned */
  EbbStore     *store;
  EbbOperator  *op;

  /* state */
  EbbClockFunc  clock;
  gpointer      clock_data;
  gboolean      locked;
};

G_DEFINE_FINAL_TYPE (EbbOperatorSession, ebb_operator_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_OPERATOR_ID,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (ebb-operator-error-quark, ebb_operator_error)

static gint64
real_clock_cb (gpointer user_data)
{
  return g_get_real_time ();
}

static void
audit_or_warn (EbbOperatorSession *self,
               const char         *action_id,
               gint64              operator_id,
               const char         *detail)
{
  g_autoptr(GError) error = NULL;

  /* Login bookkeeping must not fail because the trail could not be
   * written; the failure is logged for the administrator instead. */
  if (!ebb_audit_record (self, action_id, "operator", operator_id, detail, &error))
    g_warning ("Could not write the audit entry “%s”: %s", action_id, error->message);
}

static char *
format_remaining (gint64 remaining_us)
{
  gint64 seconds = (remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  if (seconds >= 60)
    {
      gint64 minutes = (seconds + 59) / 60;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                              (int) minutes);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", seconds),
                          (int) seconds);
}

static void
set_locked_out_error (GError     **error,
                      const char  *username,
                      gint64       remaining_us)
{
  g_autofree char *remaining = format_remaining (remaining_us);

  g_set_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_LOCKED_OUT,
               /* Translators: the first %s is a user name, the second a time such as "5 minutes" */
               _("Too many wrong attempts: “%s” is locked. Try again in %s, or ask an "
                 "administrator."),
               username, remaining);
}

/* Checks @secret for the operator with @operator_id against its stored
 * hash, counting wrong attempts and locking the account after the fifth.
 * The state is re-read from the store first, so another console's attempts
 * on the same database count too. */
static EbbOperator *
check_secret (EbbOperatorSession  *self,
              gint64               operator_id,
              const char          *secret,
              const char          *failed_action,
              GError             **error)
{
  g_autoptr(EbbOperator) op = NULL;
  gint64 now = ebb_operator_session_now (self);
  guint attempts;

  op = ebb_store_operator_get (self->store, operator_id, error);
  if (op == NULL)
    return NULL;

  if (!op->active)
    {
      audit_or_warn (self, failed_action, op->id, "inactive");
      g_set_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INACTIVE,
                   _("The operator “%s” has been deactivated. Ask an administrator."),
                   op->username);
      return NULL;
    }

  if (op->locked_until_us > now)
    {
      audit_or_warn (self, failed_action, op->id, "locked out");
      set_locked_out_error (error, op->username, op->locked_until_us - now);
      return NULL;
    }

  if (secret != NULL && op->credential_hash != NULL &&
      ebb_credentials_verify (op->credential_hash, secret))
    {
      if (!ebb_store_operator_set_login_state (self->store, op->id, 0, 0, now, error))
        return NULL;
      op->failed_attempts = 0;
      op->locked_until_us = 0;
      op->last_login_us = now;
      return g_steal_pointer (&op);
    }

  attempts = op->failed_attempts + 1;
  if (attempts >= EBB_OPERATOR_MAX_ATTEMPTS)
    {
      if (!ebb_store_operator_set_login_state (self->store, op->id, 0,
                                               now + EBB_OPERATOR_LOCKOUT_US,
                                               op->last_login_us, error))
        return NULL;
      audit_or_warn (self, failed_action, op->id, "wrong secret");
      audit_or_warn (self, EBB_AUDIT_LOCKOUT, op->id, "5 wrong attempts");
      set_locked_out_error (error, op->username, EBB_OPERATOR_LOCKOUT_US);
      return NULL;
    }

  if (!ebb_store_operator_set_login_state (self->store, op->id, attempts, 0,
                                           op->last_login_us, error))
    return NULL;
  audit_or_warn (self, failed_action, op->id, "wrong secret");
  g_set_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_WRONG_SECRET,
               g_dngettext (GETTEXT_PACKAGE,
                            "Wrong PIN or password. %u more wrong attempt locks the account "
                            "for 5 minutes.",
                            "Wrong PIN or password. %u more wrong attempts lock the account "
                            "for 5 minutes.",
                            EBB_OPERATOR_MAX_ATTEMPTS - attempts),
               EBB_OPERATOR_MAX_ATTEMPTS - attempts);
  return NULL;
}

static void
set_operator (EbbOperatorSession *self,
              EbbOperator        *op,
              gboolean            locked)
{
  gint64 old_id = ebb_operator_session_get_operator_id (self);
  gboolean old_locked = self->locked;

  g_clear_pointer (&self->op, ebb_operator_free);
  self->op = op;
  self->locked = op != NULL && locked;

  if (old_id != ebb_operator_session_get_operator_id (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR_ID]);
  if (old_locked != self->locked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
ebb_operator_session_finalize (GObject *object)
{
  EbbOperatorSession *self = (EbbOperatorSession *) object;

  g_clear_pointer (&self->op, ebb_operator_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ebb_operator_session_parent_class)->finalize (object);
}

static void
ebb_operator_session_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EbbOperatorSession *self = EBB_OPERATOR_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_OPERATOR_ID:
      g_value_set_int64 (value, ebb_operator_session_get_operator_id (self));
      break;

    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_operator_session_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EbbOperatorSession *self = EBB_OPERATOR_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_operator_session_class_init (EbbOperatorSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ebb_operator_session_finalize;
  object_class->get_property = ebb_operator_session_get_property;
  object_class->set_property = ebb_operator_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EBB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OPERATOR_ID] =
    g_param_spec_int64 ("operator-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ebb_operator_session_init (EbbOperatorSession *self)
{
  self->clock = real_clock_cb;
}

/**
 * ebb_operator_session_new:
 * @store: the clinic's database
 *
 * Returns: (transfer full): a session with nobody logged in
 */
EbbOperatorSession *
ebb_operator_session_new (EbbStore *store)
{
  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  return g_object_new (EBB_TYPE_OPERATOR_SESSION, "store", store, NULL);
}

/**
 * ebb_operator_session_set_clock:
 * @self: a session
 * @clock: (nullable): the wall clock; %NULL for g_get_real_time()
 * @user_data: passed to @clock
 *
 * Replaces the clock used for lockouts and login times, so tests can move
 * time forward without waiting.
 */
void
ebb_operator_session_set_clock (EbbOperatorSession *self,
                                EbbClockFunc        clock,
                                gpointer            user_data)
{
  g_return_if_fail (EBB_IS_OPERATOR_SESSION (self));

  self->clock = clock != NULL ? clock : real_clock_cb;
  self->clock_data = clock != NULL ? user_data : NULL;
}

/**
 * ebb_operator_session_now:
 * @self: a session
 *
 * Returns: the session clock's time, microseconds since the Unix epoch
 */
gint64
ebb_operator_session_now (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), 0);

  return self->clock (self->clock_data);
}

/**
 * ebb_operator_session_get_store:
 * @self: a session
 *
 * Returns: (transfer none): the database
 */
EbbStore *
ebb_operator_session_get_store (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), NULL);

  return self->store;
}

/**
 * ebb_operator_session_get_operator:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the logged-in operator (also while
 *   the console is locked), or %NULL
 */
const EbbOperator *
ebb_operator_session_get_operator (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), NULL);

  return self->op;
}

/**
 * ebb_operator_session_get_operator_id:
 * @self: a session
 *
 * Returns: the logged-in operator's id; 0 when nobody is logged in
 */
gint64
ebb_operator_session_get_operator_id (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), 0);

  return self->op != NULL ? self->op->id : 0;
}

/**
 * ebb_operator_session_get_roles:
 * @self: a session
 *
 * Returns: the logged-in operator's roles; 0 when nobody is logged in
 */
EbbRoles
ebb_operator_session_get_roles (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), 0);

  return self->op != NULL ? self->op->roles : 0;
}

/**
 * ebb_operator_session_is_logged_in:
 * @self: a session
 *
 * Returns: whether an operator is logged in (the console may be locked)
 */
gboolean
ebb_operator_session_is_logged_in (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), FALSE);

  return self->op != NULL;
}

/**
 * ebb_operator_session_is_locked:
 * @self: a session
 *
 * Returns: whether the console is locked; only emergency stop works then
 */
gboolean
ebb_operator_session_is_locked (EbbOperatorSession *self)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), FALSE);

  return self->locked;
}

/**
 * ebb_operator_session_lockout_remaining:
 * @self: a session
 * @username: an operator's user name
 *
 * For the login screen's "locked, try again in …" message.
 *
 * Returns: microseconds until @username may try again; 0 if not locked out
 *   or unknown
 */
gint64
ebb_operator_session_lockout_remaining (EbbOperatorSession *self,
                                        const char         *username)
{
  g_autoptr(EbbOperator) op = NULL;
  gint64 now;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), 0);
  g_return_val_if_fail (username != NULL, 0);

  op = ebb_store_operator_find (self->store, username, NULL);
  if (op == NULL)
    return 0;

  now = ebb_operator_session_now (self);
  return op->locked_until_us > now ? op->locked_until_us - now : 0;
}

static EbbOperator *
check_username (EbbOperatorSession  *self,
                const char          *username,
                const char          *secret,
                GError             **error)
{
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(GError) local_error = NULL;

  op = ebb_store_operator_find (self->store, username, &local_error);
  if (op == NULL)
    {
      if (!g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* An unknown name is reported like a wrong secret, so the message
       * does not tell a guesser which names exist. */
      if (!ebb_audit_record (self, EBB_AUDIT_LOGIN_FAILED, "operator", 0,
                             "unknown user name", &local_error))
        g_warning ("Could not write the audit entry: %s", local_error->message);
      g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_WRONG_SECRET,
                           _("Unknown operator or wrong PIN or password."));
      return NULL;
    }

  return check_secret (self, op->id, secret, EBB_AUDIT_LOGIN_FAILED, error);
}

/**
 * ebb_operator_session_login:
 * @self: a session
 * @username: the operator's user name
 * @secret: the PIN or password
 * @error: return location for a #EBB_OPERATOR_ERROR or #EBB_STORE_ERROR
 *
 * Logs @username in. The fifth wrong attempt in a row locks the account
 * for 5 minutes (%EBB_OPERATOR_ERROR_LOCKED_OUT). Writes `login`,
 * `login.failed` or `login.lockout`. If another operator is logged in,
 * this is a switch (see ebb_operator_session_switch()).
 *
 * Returns: %TRUE if @username is now logged in
 */
gboolean
ebb_operator_session_login (EbbOperatorSession  *self,
                            const char          *username,
                            const char          *secret,
                            GError             **error)
{
  EbbOperator *op;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->op != NULL)
    return ebb_operator_session_switch (self, username, secret, error);

  op = check_username (self, username, secret, error);
  if (op == NULL)
    return FALSE;

  set_operator (self, op, FALSE);
  audit_or_warn (self, EBB_AUDIT_LOGIN, op->id, NULL);
  return TRUE;
}

/**
 * ebb_operator_session_logout:
 * @self: a session
 *
 * Logs the current operator out (`logout`). Does nothing if nobody is
 * logged in.
 */
void
ebb_operator_session_logout (EbbOperatorSession *self)
{
  g_return_if_fail (EBB_IS_OPERATOR_SESSION (self));

  if (self->op == NULL)
    return;

  audit_or_warn (self, EBB_AUDIT_LOGOUT, self->op->id, NULL);
  set_operator (self, NULL, FALSE);
}

/**
 * ebb_operator_session_lock:
 * @self: a session
 *
 * Locks the console (`lock`), on demand or after idle time. The operator
 * stays logged in; every protected action except emergency stop is
 * refused until ebb_operator_session_unlock(). A running session is not
 * touched.
 */
void
ebb_operator_session_lock (EbbOperatorSession *self)
{
  g_return_if_fail (EBB_IS_OPERATOR_SESSION (self));

  if (self->op == NULL || self->locked)
    return;

  self->locked = TRUE;
  audit_or_warn (self, EBB_AUDIT_LOCK, self->op->id, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/**
 * ebb_operator_session_unlock:
 * @self: a locked session
 * @secret: the logged-in operator's PIN or password
 * @error: return location for a #GError
 *
 * Unlocks with the same operator's secret (`unlock` or `unlock.failed`);
 * wrong attempts count towards the lockout like wrong logins.
 *
 * Returns: %TRUE if the console is unlocked
 */
gboolean
ebb_operator_session_unlock (EbbOperatorSession  *self,
                             const char          *secret,
                             GError             **error)
{
  EbbOperator *op;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->op == NULL)
    {
      g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_NOT_LOGGED_IN,
                           _("Nobody is logged in. Log in instead."));
      return FALSE;
    }

  if (!self->locked)
    return TRUE;

  op = check_secret (self, self->op->id, secret, EBB_AUDIT_UNLOCK_FAILED, error);
  if (op == NULL)
    return FALSE;

  set_operator (self, op, FALSE);
  audit_or_warn (self, EBB_AUDIT_UNLOCK, op->id, NULL);
  return TRUE;
}

/**
 * ebb_operator_session_switch:
 * @self: a session
 * @username: the operator taking over
 * @secret: their PIN or password
 * @error: return location for a #GError
 *
 * Hands the console to another operator, also from the lock screen. On
 * failure the previous operator stays logged in and the lock state is
 * unchanged. Writes `operator.switch` naming the previous operator.
 *
 * Returns: %TRUE if @username is now logged in and the console unlocked
 */
gboolean
ebb_operator_session_switch (EbbOperatorSession  *self,
                             const char          *username,
                             const char          *secret,
                             GError             **error)
{
  g_autofree char *detail = NULL;
  EbbOperator *op;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->op == NULL)
    return ebb_operator_session_login (self, username, secret, error);

  op = check_username (self, username, secret, error);
  if (op == NULL)
    return FALSE;

  detail = g_strdup_printf ("from %s", self->op->username);
  set_operator (self, op, FALSE);
  audit_or_warn (self, EBB_AUDIT_SWITCH, op->id, detail);
  return TRUE;
}
