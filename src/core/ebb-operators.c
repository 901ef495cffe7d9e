/* ebb-operators.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-operators"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-audit.h"
#include "ebb-credentials.h"
#include "ebb-operators-private.h"
#include "ebb-permissions.h"

#include <string.h>

#define MAX_USERNAME_CHARS     32
#define MAX_DISPLAY_NAME_CHARS 100

static EbbSecretHashFunc secret_hasher = ebb_credentials_hash;

/* Tests replace the Argon2id cost (interactive limits, about a tenth of a
 * second and 64 MiB per hash) with libsodium's minimum; verification reads
 * the cost from the stored hash, so the product path is unchanged. */
void
_ebb_operators_set_hasher (EbbSecretHashFunc hasher)
{
  secret_hasher = hasher != NULL ? hasher : ebb_credentials_hash;
}

/**
 * ebb_operators_roles_to_ids:
 * @roles: a set of roles
 *
 * Returns: (transfer full): the role ids joined by commas, such as
 *   "reception,technician"; "" for none
 */
char *
ebb_operators_roles_to_ids (EbbRoles roles)
{
  GString *text = g_string_new (NULL);

  for (guint bit = EBB_ROLE_RECEPTION; bit <= EBB_ROLE_ADMIN; bit <<= 1)
    if (roles & bit)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", ebb_role_to_id (bit));

  return g_string_free (text, FALSE);
}

/**
 * ebb_operators_roles_from_ids:
 * @ids: comma-separated role ids, such as "reception, clinician"
 * @roles: (out): the roles
 *
 * Returns: %TRUE if @ids named at least one role and nothing else
 */
gboolean
ebb_operators_roles_from_ids (const char *ids,
                              EbbRoles   *roles)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (roles != NULL, FALSE);

  parts = g_strsplit (ids, ",", -1);
  *roles = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_ascii_strdown (g_strstrip (parts[i]), -1);
      EbbRoles found = ebb_role_from_id (part);

      if (found == 0)
        return FALSE;
      *roles |= found;
    }

  return *roles != 0;
}

/**
 * ebb_operators_validate_secret:
 * @secret: (nullable): a PIN or password
 * @error: return location for %EBB_CREDENTIALS_ERROR_TOO_WEAK
 *
 * A secret made of digits only is a PIN and needs at least 6 of them;
 * anything else is a password and needs at least 8 characters.
 *
 * Returns: %TRUE if @secret may be used
 */
gboolean
ebb_operators_validate_secret (const char  *secret,
                               GError     **error)
{
  return ebb_credentials_check_strength (secret != NULL ? secret : "", error);
}

/**
 * ebb_operators_validate_username:
 * @username: a proposed user name
 * @error: return location for %EBB_OPERATOR_ERROR_INVALID
 *
 * User names are 2 to 32 characters: ASCII letters, digits, ".", "_" and
 * "-", starting with a letter. They appear in the audit trail and on the
 * command line, so they stay plain.
 *
 * Returns: %TRUE if @username is acceptable
 */
gboolean
ebb_operators_validate_username (const char  *username,
                                 GError     **error)
{
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = username != NULL ? strlen (username) : 0;
  if (length < 2 || length > MAX_USERNAME_CHARS || !g_ascii_isalpha (username[0]))
    goto invalid;

  for (const char *p = username; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      goto invalid;

  return TRUE;

invalid:
  g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID,
                       _("A user name has 2 to 32 letters, digits, “.”, “_” or “-” and "
                         "starts with a letter."));
  return FALSE;
}

static gboolean
validate_display_name (const char  *display_name,
                       GError     **error)
{
  if (display_name != NULL && g_utf8_validate (display_name, -1, NULL))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (display_name));
      glong length = g_utf8_strlen (trimmed, -1);

      if (length > 0 && length <= MAX_DISPLAY_NAME_CHARS)
        return TRUE;
    }

  g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID,
                       _("Enter the operator’s name as colleagues should see it "
                         "(at most 100 characters)."));
  return FALSE;
}

static gboolean
validate_roles (EbbRoles   roles,
                GError   **error)
{
  if (roles != 0 && (roles & ~EBB_ROLES_ANY) == 0)
    return TRUE;

  g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID,
                       _("Give the operator at least one role."));
  return FALSE;
}

/* Validates, hashes and inserts an operator; shared by the first
 * administrator and by operator management so both follow the same rules. */
static gint64
insert_operator (EbbOperatorSession  *ctx,
                 const char          *username,
                 const char          *display_name,
                 EbbRoles             roles,
                 const char          *secret,
                 const char          *audit_detail,
                 GError             **error)
{
  EbbStore *store = ebb_operator_session_get_store (ctx);
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(EbbOperator) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  if (!ebb_operators_validate_username (username, error) ||
      !validate_display_name (display_name, error) ||
      !validate_roles (roles, error) ||
      !ebb_operators_validate_secret (secret, error))
    return 0;

  existing = ebb_store_operator_find (store, username, &local_error);
  if (existing != NULL)
    {
      g_set_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_EXISTS,
                   _("The user name “%s” is taken. Choose another one."), username);
      return 0;
    }
  if (!g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  op = ebb_operator_new ();
  op->username = g_strdup (username);
  op->display_name = g_strstrip (g_strdup (display_name));
  op->roles = roles;
  op->active = TRUE;
  op->created_us = ebb_operator_session_now (ctx);
  op->credential_hash = secret_hasher (secret, error);
  if (op->credential_hash == NULL)
    return 0;

  id = ebb_store_operator_insert (store, op, error);
  if (id <= 0)
    return 0;

  if (!ebb_audit_record (ctx, EBB_AUDIT_OPERATOR_CREATE, "operator", id, audit_detail, error))
    return 0;

  return id;
}

/**
 * ebb_operators_needs_first_admin:
 * @store: the database
 * @error: return location for a #GError
 *
 * Returns: %TRUE on a first start, when no active administrator exists;
 *   %FALSE with @error set if the store failed
 */
gboolean
ebb_operators_needs_first_admin (EbbStore  *store,
                                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  guint admins;

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);

  admins = ebb_store_operator_count_admins (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return admins == 0;
}

/**
 * ebb_operators_create_first_admin:
 * @ctx: a session with nobody logged in
 * @username: the administrator's user name
 * @display_name: their name as shown
 * @extra_roles: roles held besides administrator (a small clinic's owner
 *   often does everything)
 * @secret: their PIN or password
 * @error: return location for a #GError
 *
 * Creates the first administrator on a first start (`operator.create`).
 * Refused with %EBB_OPERATOR_ERROR_EXISTS once any administrator exists;
 * later operators are added by an administrator.
 *
 * Returns: the new operator's id, or 0 on error
 */
gint64
ebb_operators_create_first_admin (EbbOperatorSession  *ctx,
                                  const char          *username,
                                  const char          *display_name,
                                  EbbRoles             extra_roles,
                                  const char          *secret,
                                  GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!ebb_operators_needs_first_admin (ebb_operator_session_get_store (ctx), &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_EXISTS,
                             _("An administrator exists already. Ask them to add you."));
      return 0;
    }

  return insert_operator (ctx, username, display_name, extra_roles | EBB_ROLE_ADMIN, secret,
                          "first administrator", error);
}

/**
 * ebb_operators_list_for_login:
 * @store: the database
 * @error: return location for a #GError
 *
 * The login screen's operator list: active operators only. Needs no
 * login; it shows names, not secrets.
 *
 * Returns: (transfer full) (element-type EbbOperator): the operators
 */
GPtrArray *
ebb_operators_list_for_login (EbbStore  *store,
                              GError   **error)
{
  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  return ebb_store_operator_list (store, FALSE, error);
}

/**
 * ebb_operators_list:
 * @ctx: the current operator; needs %EBB_ACTION_OPERATOR_MANAGE
 * @include_inactive: also list deactivated operators
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type EbbOperator): the operators
 */
GPtrArray *
ebb_operators_list (EbbOperatorSession  *ctx,
                    gboolean             include_inactive,
                    GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_OPERATOR_MANAGE, error))
    return NULL;

  return ebb_store_operator_list (ebb_operator_session_get_store (ctx), include_inactive, error);
}

/**
 * ebb_operators_add:
 * @ctx: the current operator; needs %EBB_ACTION_OPERATOR_MANAGE
 * @username: the new operator's user name
 * @display_name: their name as shown
 * @roles: their roles (at least one)
 * @secret: their PIN or password
 * @error: return location for a #GError
 *
 * Returns: the new operator's id, or 0 on error
 */
gint64
ebb_operators_add (EbbOperatorSession  *ctx,
                   const char          *username,
                   const char          *display_name,
                   EbbRoles             roles,
                   const char          *secret,
                   GError             **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *role_text = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!ebb_permissions_check (ctx, EBB_ACTION_OPERATOR_MANAGE, error))
    return 0;

  role_text = ebb_operators_roles_to_ids (roles);
  detail = g_strdup_printf ("%s roles=%s", username != NULL ? username : "", role_text);
  return insert_operator (ctx, username, display_name, roles, secret, detail, error);
}

/* Finds an operator for a management change, and refuses a change that
 * would leave the clinic without an active administrator. */
static EbbOperator *
find_for_change (EbbOperatorSession  *ctx,
                 const char          *username,
                 gboolean             loses_admin,
                 GError             **error)
{
  EbbStore *store = ebb_operator_session_get_store (ctx);
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(GError) local_error = NULL;
  guint admins;

  op = ebb_store_operator_find (store, username, error);
  if (op == NULL)
    return NULL;

  if (!loses_admin || !op->active || (op->roles & EBB_ROLE_ADMIN) == 0)
    return g_steal_pointer (&op);

  admins = ebb_store_operator_count_admins (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (admins <= 1)
    {
      g_set_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_LAST_ADMIN,
                   _("“%s” is the only administrator. Make another operator an "
                     "administrator first."),
                   username);
      return NULL;
    }

  return g_steal_pointer (&op);
}

static gboolean
update_operator (EbbOperatorSession  *ctx,
                 const EbbOperator   *op,
                 const char          *action_id,
                 const char          *detail,
                 GError             **error)
{
  return ebb_store_operator_update (ebb_operator_session_get_store (ctx), op, error) &&
         ebb_audit_record (ctx, action_id, "operator", op->id, detail, error);
}

/**
 * ebb_operators_set_roles:
 * @ctx: the current operator; needs %EBB_ACTION_OPERATOR_MANAGE
 * @username: whose roles change
 * @roles: the new roles (at least one)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_operators_set_roles (EbbOperatorSession  *ctx,
                         const char          *username,
                         EbbRoles             roles,
                         GError             **error)
{
  g_autoptr(EbbOperator) op = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_OPERATOR_MANAGE, error) ||
      !validate_roles (roles, error))
    return FALSE;

  op = find_for_change (ctx, username, (roles & EBB_ROLE_ADMIN) == 0, error);
  if (op == NULL)
    return FALSE;

  before = ebb_operators_roles_to_ids (op->roles);
  after = ebb_operators_roles_to_ids (roles);
  detail = g_strdup_printf ("roles %s -> %s", before, after);
  op->roles = roles;
  return update_operator (ctx, op, EBB_AUDIT_OPERATOR_UPDATE, detail, error);
}

/**
 * ebb_operators_set_secret:
 * @ctx: the current operator; changing one's own secret needs no role,
 *   anyone else's needs %EBB_ACTION_OPERATOR_MANAGE
 * @username: whose PIN or password changes
 * @secret: the new PIN or password
 * @error: return location for a #GError
 *
 * Also lifts a lockout: the usual way back in after a forgotten PIN.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_operators_set_secret (EbbOperatorSession  *ctx,
                          const char          *username,
                          const char          *secret,
                          GError             **error)
{
  const EbbOperator *current;
  g_autoptr(EbbOperator) op = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  current = ebb_operator_session_get_operator (ctx);
  if (current == NULL || ebb_operator_session_is_locked (ctx) ||
      g_strcmp0 (current->username, username) != 0)
    {
      if (!ebb_permissions_check (ctx, EBB_ACTION_OPERATOR_MANAGE, error))
        return FALSE;
    }

  if (!ebb_operators_validate_secret (secret, error))
    return FALSE;

  op = find_for_change (ctx, username, FALSE, error);
  if (op == NULL)
    return FALSE;

  g_free (op->credential_hash);
  op->credential_hash = secret_hasher (secret, error);
  if (op->credential_hash == NULL)
    return FALSE;
  op->failed_attempts = 0;
  op->locked_until_us = 0;

  return update_operator (ctx, op, EBB_AUDIT_OPERATOR_UPDATE, "new secret", error) &&
         ebb_store_operator_set_login_state (ebb_operator_session_get_store (ctx), op->id,
                                             0, 0, op->last_login_us, error);
}

/**
 * ebb_operators_deactivate:
 * @ctx: the current operator; needs %EBB_ACTION_OPERATOR_MANAGE
 * @username: who may no longer log in
 * @error: return location for a #GError
 *
 * Operators are deactivated, never deleted: the audit trail and the
 * sessions keep naming them.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_operators_deactivate (EbbOperatorSession  *ctx,
                          const char          *username,
                          GError             **error)
{
  g_autoptr(EbbOperator) op = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_OPERATOR_MANAGE, error))
    return FALSE;

  op = find_for_change (ctx, username, TRUE, error);
  if (op == NULL)
    return FALSE;

  if (!op->active)
    return TRUE;

  op->active = FALSE;
  return update_operator (ctx, op, EBB_AUDIT_OPERATOR_DEACTIVATE, NULL, error);
}
