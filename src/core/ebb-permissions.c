/* ebb-permissions.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-permissions"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"

#define R EBB_ROLE_RECEPTION
#define C EBB_ROLE_CLINICIAN
#define T EBB_ROLE_TECHNICIAN
#define A EBB_ROLE_ADMIN

/* Who may do what. Reception handles clients, consents and the history part
 * of the screening; clinicians also examine, clear and approve; technicians
 * run sessions; administrators look after profiles, operators, settings,
 * backups and the audit trail. An operator may hold several roles, so no row
 * needs to repeat another role's rights "just in case".
 *
 * Emergency stop is open to every role (and, in ebb_permissions_check(), even
 * to a locked console): stopping is always the safe direction, and
 * architecture safety principle 4 says it works from every screen. */
static const struct
{
  EbbAction    action;
  const char  *id;
  const char  *audit_id;
  const char  *label;
  EbbRoles     roles;
} actions[] = {
  { EBB_ACTION_CLIENT_CREATE, "client-create", "client.create", N_("register a client"), R | C },
  { EBB_ACTION_CLIENT_VIEW, "client-view", "client.view", N_("view a client"), R | C | T },
  { EBB_ACTION_CLIENT_CHANGE, "client-change", "client.update", N_("change a client"), R | C },
  { EBB_ACTION_CLIENT_ARCHIVE, "client-archive", "client.archive", N_("archive a client"), R | C },
  { EBB_ACTION_CONSENT_RECORD, "consent-record", "consent.record", N_("record a consent"), R | C },
  { EBB_ACTION_SCREENING_HISTORY, "screening-history", "screening.history",
    N_("answer the screening history questions"), R | C },
  { EBB_ACTION_SCREENING_EXAMINATION, "screening-examination", "screening.examination",
    N_("answer the screening examination items"), C },
  { EBB_ACTION_CLEARANCE, "clearance", "screening.clearance", N_("record a clearance"), C },
  { EBB_ACTION_SESSION_START, "session-start", "session.start", N_("start a session"), T },
  { EBB_ACTION_SESSION_PAUSE, "session-pause", "session.pause", N_("pause a session"), T },
  { EBB_ACTION_SESSION_STOP, "session-stop", "session.stop", N_("stop a session"), T },
  { EBB_ACTION_SESSION_EMERGENCY_STOP, "session-emergency-stop", "session.emergency-stop",
    N_("stop a session in an emergency"), R | C | T | A },
  { EBB_ACTION_ALARM_ACKNOWLEDGE, "alarm-acknowledge", "alarm.acknowledge", N_("acknowledge an alarm"), T },
  { EBB_ACTION_PROFILE_CREATE, "profile-create", "profile.create", N_("create a session profile"), A },
  { EBB_ACTION_PROFILE_CHANGE, "profile-change", "profile.update", N_("change a session profile"), A },
  { EBB_ACTION_PROFILE_APPROVE, "profile-approve", "profile.approve", N_("approve a session profile"), C },
  { EBB_ACTION_SETTINGS_CHANGE, "settings-change", "settings.change", N_("change the settings"), A },
  { EBB_ACTION_BACKUP, "backup", "backup", N_("back up the database"), A },
  { EBB_ACTION_RESTORE, "restore", "restore", N_("restore a backup"), A },
  { EBB_ACTION_REPORT_SAVE, "report-save", "report.save", N_("save a report"), C | T },
  { EBB_ACTION_REPORT_PRINT, "report-print", "report.print", N_("print a report"), C | T },
  { EBB_ACTION_EXPORT, "export", "export", N_("export client data"), C | A },
  { EBB_ACTION_OPERATOR_MANAGE, "operator-manage", "operator.manage", N_("manage operators"), A },
  { EBB_ACTION_AUDIT_VIEW, "audit-view", "audit.view", N_("view the audit trail"), A },
  /* Asked at every visit by whoever receives the client, the technician
   * included: "has anything in your health changed?" */
  { EBB_ACTION_SCREENING_CONFIRM, "screening-confirm", "screening.confirm",
    N_("record whether the client’s health has changed"), R | C | T },
};

#undef R
#undef C
#undef T
#undef A

G_STATIC_ASSERT (G_N_ELEMENTS (actions) == EBB_ACTION_LAST);

G_DEFINE_QUARK (ebb-permission-error-quark, ebb_permission_error)

static gboolean
action_is_valid (EbbAction action)
{
  return action >= EBB_ACTION_FIRST && action <= EBB_ACTION_LAST;
}

/* The table is in enum order; this checks that once per lookup so a
 * reordered enum fails loudly in every test. */
static guint
action_index (EbbAction action)
{
  guint index = action - EBB_ACTION_FIRST;

  g_assert (actions[index].action == action);
  return index;
}

/**
 * ebb_permissions_roles_for:
 * @action: a protected action
 *
 * Returns: the roles any one of which allows @action
 */
EbbRoles
ebb_permissions_roles_for (EbbAction action)
{
  g_return_val_if_fail (action_is_valid (action), 0);

  return actions[action_index (action)].roles;
}

/**
 * ebb_permissions_allows:
 * @roles: the roles an operator holds
 * @action: a protected action
 *
 * Returns: whether an operator holding @roles may perform @action
 */
gboolean
ebb_permissions_allows (EbbRoles  roles,
                        EbbAction action)
{
  g_return_val_if_fail (action_is_valid (action), FALSE);

  return (roles & actions[action_index (action)].roles) != 0;
}

/**
 * ebb_permissions_action_id:
 * @action: a protected action
 *
 * Returns: a stable machine id such as "client-create"
 */
const char *
ebb_permissions_action_id (EbbAction action)
{
  g_return_val_if_fail (action_is_valid (action), NULL);

  return actions[action_index (action)].id;
}

/**
 * ebb_permissions_action_label:
 * @action: a protected action
 *
 * Returns: the translated description, such as "register a client"
 */
const char *
ebb_permissions_action_label (EbbAction action)
{
  g_return_val_if_fail (action_is_valid (action), NULL);

  return _(actions[action_index (action)].label);
}

/**
 * ebb_permissions_audit_id:
 * @action: a protected action
 *
 * The audit trail's action id for a successful @action, as documented in
 * docs/audit.md. Modules performing the action record it with
 * ebb_audit_record() once the action has succeeded.
 *
 * Returns: the audit action id, such as "client.create"
 */
const char *
ebb_permissions_audit_id (EbbAction action)
{
  g_return_val_if_fail (action_is_valid (action), NULL);

  return actions[action_index (action)].audit_id;
}

/**
 * ebb_permissions_describe_roles:
 * @roles: a set of roles
 *
 * Returns: (transfer full): the translated role names joined by commas,
 *   such as "Reception, Clinician"; "none" for an empty set
 */
char *
ebb_permissions_describe_roles (EbbRoles roles)
{
  GString *text = g_string_new (NULL);

  for (guint bit = EBB_ROLE_RECEPTION; bit <= EBB_ROLE_ADMIN; bit <<= 1)
    {
      if ((roles & bit) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, ebb_role_get_label (bit));
    }

  if (text->len == 0)
    /* Translators: an operator who holds no role */
    g_string_append (text, _("none"));

  return g_string_free (text, FALSE);
}

static char *
describe_needed_roles (EbbRoles roles)
{
  GString *text = g_string_new (NULL);

  for (guint bit = EBB_ROLE_RECEPTION; bit <= EBB_ROLE_ADMIN; bit <<= 1)
    {
      if ((roles & bit) == 0)
        continue;
      if (text->len > 0)
        /* Translators: separates role names in "needs the role Reception or Clinician" */
        g_string_append (text, _(" or "));
      g_string_append (text, ebb_role_get_label (bit));
    }

  return g_string_free (text, FALSE);
}

/* The one way a refusal is made: it is written to @store's audit trail as
 * `permission.denied` naming the action, and @error is set. A store failure
 * while recording must not turn the refusal into something else, so it is
 * only logged. @store is %NULL when there is no database to write to. */
static gboolean G_GNUC_PRINTF (6, 0)
refuse_valist (EbbStore            *store,
               gint64               operator_id,
               EbbAction            action,
               EbbPermissionError   code,
               GError             **error,
               const char          *format,
               va_list              args)
{
  g_autoptr(GError) audit_error = NULL;

  if (store != NULL &&
      !ebb_audit_record_in (store, operator_id, EBB_AUDIT_PERMISSION_DENIED, "action", 0, 0,
                            ebb_permissions_action_id (action), &audit_error))
    g_warning ("Could not audit a refused %s: %s",
               ebb_permissions_action_id (action), audit_error->message);

  if (error != NULL)
    *error = g_error_new_valist (EBB_PERMISSION_ERROR, code, format, args);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (5, 6)
refuse (EbbOperatorSession  *ctx,
        EbbAction            action,
        EbbPermissionError   code,
        GError             **error,
        const char          *format,
        ...)
{
  va_list args;

  va_start (args, format);
  refuse_valist (ctx != NULL ? ebb_operator_session_get_store (ctx) : NULL,
                 ctx != NULL ? ebb_operator_session_get_operator_id (ctx) : 0,
                 action, code, error, format, args);
  va_end (args);
  return FALSE;
}

/**
 * ebb_permissions_check:
 * @ctx: (nullable): the current operator; %NULL when nobody is logged in
 * @action: the protected action about to be performed
 * @error: return location for a #EBB_PERMISSION_ERROR
 *
 * Called at the top of every protected core function. A refusal names the
 * action and the roles it needs and is written to the audit trail as
 * `permission.denied` (as every refusal is, see ebb_permissions_refuse()).
 * Emergency stop is never refused, not even on a locked console
 * (architecture safety principle 4).
 *
 * Returns: %TRUE if the action may go ahead
 */
gboolean
ebb_permissions_check (EbbOperatorSession  *ctx,
                       EbbAction            action,
                       GError             **error)
{
  const char *label;
  g_autofree char *needed = NULL;
  g_autofree char *held = NULL;

  g_return_val_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (action_is_valid (action), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (action == EBB_ACTION_SESSION_EMERGENCY_STOP)
    return TRUE;

  /* The common case first, without building any message. */
  if (ctx != NULL && ebb_operator_session_is_logged_in (ctx) &&
      !ebb_operator_session_is_locked (ctx) &&
      ebb_permissions_allows (ebb_operator_session_get_roles (ctx), action))
    return TRUE;

  label = ebb_permissions_action_label (action);
  needed = describe_needed_roles (ebb_permissions_roles_for (action));

  if (ctx == NULL || !ebb_operator_session_is_logged_in (ctx))
    return refuse (ctx, action, EBB_PERMISSION_ERROR_NOT_LOGGED_IN, error,
                   /* Translators: the first %s is an action such as "register a client",
                    * the second one or more role names */
                   _("Log in to %s (needs the role %s)."), label, needed);

  if (ebb_operator_session_is_locked (ctx))
    return refuse (ctx, action, EBB_PERMISSION_ERROR_NOT_LOGGED_IN, error,
                   /* Translators: %s is an action such as "register a client" */
                   _("The console is locked. Unlock it to %s."), label);

  held = ebb_permissions_describe_roles (ebb_operator_session_get_roles (ctx));
  return refuse (ctx, action, EBB_PERMISSION_ERROR_DENIED, error,
                 /* Translators: the first %s is an action such as "register a client",
                  * the second one or more role names, the third the operator's roles */
                 _("You may not %s: this needs the role %s (you hold: %s). "
                   "Ask an administrator to change your roles, or let a colleague do it."),
                 label, needed, held);
}

/**
 * ebb_permissions_refuse:
 * @store: (nullable): the database whose audit trail records the refusal;
 *   %NULL when there is none to write to
 * @operator_id: who was refused; 0 for the system (nobody logged in)
 * @action: the protected action refused
 * @error: return location for %EBB_PERMISSION_ERROR_DENIED
 * @format: the operator-facing message: why, and what to do instead
 * @...: its arguments
 *
 * Refuses @action for a reason the role table cannot see (an approval in
 * someone else's name, a restore over a working database): records
 * `permission.denied` with the action's id exactly as a refused
 * ebb_permissions_check() does, and sets @error. Every refusal in the core
 * goes through here or through ebb_permissions_check(), so the trail holds
 * them all in one form.
 *
 * Returns: %FALSE, always, so a caller can `return ebb_permissions_refuse (…)`
 */
gboolean
ebb_permissions_refuse (EbbStore    *store,
                        gint64       operator_id,
                        EbbAction    action,
                        GError     **error,
                        const char  *format,
                        ...)
{
  va_list args;

  g_return_val_if_fail (store == NULL || EBB_IS_STORE (store), FALSE);
  g_return_val_if_fail (action_is_valid (action), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  va_start (args, format);
  refuse_valist (store, operator_id, action, EBB_PERMISSION_ERROR_DENIED, error, format, args);
  va_end (args);
  return FALSE;
}
