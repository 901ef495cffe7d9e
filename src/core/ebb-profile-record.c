/* ebb-profile-record.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-profile-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "ebb-profile-record.h"

/* Custom profiles live in the store, versioned by lineage; factory profiles
 * live in the resources. This file is the bridge: it turns store records
 * into EbbProfile and back, finds a profile by name among both, and saves
 * an edit as the next version of its lineage. */

static EbbProfileRecord *
find_current (EbbStore    *store,
              const char  *name,
              GError     **error)
{
  g_autoptr(GPtrArray) current = ebb_store_profile_list_current (store, FALSE, error);

  if (current == NULL)
    return NULL;

  for (guint i = 0; i < current->len; i++)
    {
      EbbProfileRecord *record = g_ptr_array_index (current, i);

      if (g_strcmp0 (record->name, name) == 0)
        return ebb_profile_record_copy (record);
    }

  return NULL;
}

/* find_current(), with %EBB_PROFILE_ERROR_NOT_FOUND when there is none. */
static EbbProfileRecord *
find_current_required (EbbStore    *store,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  EbbProfileRecord *record = find_current (store, name, &local_error);

  if (record == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NOT_FOUND,
                     _("There is no profile named “%s”."), name);
    }

  return record;
}

/* Factory profiles live in the resources and never change. */
static gboolean
refuse_factory (const char  *name,
                gboolean     factory,
                GError     **error)
{
  g_autoptr(EbbProfile) found = ebb_profile_find_factory (name, NULL);

  if (found == NULL && !factory)
    return FALSE;

  g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_READ_ONLY,
               _("The factory profile “%s” cannot be changed. Create a custom profile instead."),
               name);
  return TRUE;
}

/**
 * ebb_profile_new_from_record:
 * @store: the store (to name the approving clinician)
 * @record: a stored profile version
 *
 * Returns: (transfer full): the profile, with id and version of @record
 */
EbbProfile *
ebb_profile_new_from_record (EbbStore               *store,
                             const EbbProfileRecord *record)
{
  EbbProfile *profile;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  profile = ebb_profile_new (record->name);
  ebb_profile_set_id (profile, record->id);
  ebb_profile_set_version (profile, MAX (record->version, 1));
  ebb_profile_set_description (profile, record->description);
  ebb_profile_set_level_pa (profile, record->level_pa);
  ebb_profile_set_vacuum_s (profile, (guint) CLAMP (record->vacuum_s, 0, G_MAXUINT));
  ebb_profile_set_release_s (profile, (guint) CLAMP (record->release_s, 0, G_MAXUINT));
  ebb_profile_set_ramp_pa_s (profile, (guint) MAX (record->ramp_pa_s, 0));
  ebb_profile_set_duration_s (profile, record->duration_s);

  if (record->approved)
    {
      g_autoptr(EbbOperator) clinician = ebb_store_operator_get (store, record->approved_by, NULL);

      /* An approval whose clinician cannot be named does not count:
       * validation then refuses the profile beyond the clinic limit. */
      ebb_profile_set_approval (profile, clinician != NULL,
                                clinician != NULL ? (clinician->display_name != NULL
                                                     && *clinician->display_name != '\0'
                                                     ? clinician->display_name
                                                     : clinician->username)
                                                  : NULL);
    }

  return profile;
}

/**
 * ebb_profile_lookup:
 * @store: (nullable): the store with the custom profiles
 * @name: a factory profile's name (untranslated or translated) or a
 *   custom profile's name
 * @profile_id: (out) (optional): the stored version's id, 0 for a factory profile
 * @error: return location for %EBB_PROFILE_ERROR_NOT_FOUND or a store error
 *
 * Returns: (transfer full) (nullable): the current version of the profile
 */
EbbProfile *
ebb_profile_lookup (EbbStore    *store,
                    const char  *name,
                    gint64      *profile_id,
                    GError     **error)
{
  g_autoptr(EbbProfileRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  EbbProfile *factory;

  g_return_val_if_fail (store == NULL || EBB_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (profile_id != NULL)
    *profile_id = 0;

  factory = ebb_profile_find_factory (name, &local_error);
  if (factory != NULL || store == NULL
      || !g_error_matches (local_error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NOT_FOUND))
    {
      if (factory == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return factory;
    }
  g_clear_error (&local_error);

  record = find_current_required (store, name, error);
  if (record == NULL)
    return NULL;

  if (profile_id != NULL)
    *profile_id = record->id;
  return ebb_profile_new_from_record (store, record);
}

/**
 * ebb_profile_list_all:
 * @store: (nullable): the store with the custom profiles
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type EbbProfile): the factory profiles,
 *   then the current version of every custom profile that is not retired
 */
GPtrArray *
ebb_profile_list_all (EbbStore  *store,
                      GError   **error)
{
  g_autoptr(GPtrArray) profiles = ebb_profile_load_factory (error);
  g_autoptr(GPtrArray) current = NULL;

  g_return_val_if_fail (store == NULL || EBB_IS_STORE (store), NULL);

  if (profiles == NULL || store == NULL)
    return g_steal_pointer (&profiles);

  current = ebb_store_profile_list_current (store, FALSE, error);
  if (current == NULL)
    return NULL;

  for (guint i = 0; i < current->len; i++)
    g_ptr_array_add (profiles, ebb_profile_new_from_record (store, g_ptr_array_index (current, i)));

  return g_steal_pointer (&profiles);
}

/* Refuses an approval the saving operator did not give themselves (the
 * refusal is audited like any other): a name in a profile definition is
 * only a claim, and anyone could type a clinician's name into a file. */
static gboolean
check_own_approval (EbbOperatorSession  *ctx,
                    EbbProfile          *profile,
                    GError             **error)
{
  const EbbOperator *op = ebb_operator_session_get_operator (ctx);
  const char *named = ebb_profile_get_approved_by (profile);

  if (op != NULL && named != NULL && *named != '\0'
      && (g_strcmp0 (named, op->username) == 0 || g_strcmp0 (named, op->display_name) == 0))
    return ebb_permissions_check (ctx, EBB_ACTION_PROFILE_APPROVE, error);

  return ebb_permissions_refuse (ebb_operator_session_get_store (ctx),
                                 ebb_operator_session_get_operator_id (ctx),
                                 EBB_ACTION_PROFILE_APPROVE, error,
                                 /* Translators: the first %s is the approver named in the profile,
                                  * the second the user name of the operator who is saving it */
                                 _("The profile says “%s” approved it, but an approval counts only when that "
                                   "clinician records it, logged in as themselves (you are logged in as “%s”). "
                                   "Save the profile without the approval and ask the clinician to approve it."),
                                 named != NULL ? named : "", op != NULL ? op->username : "");
}

/* Stores @profile as a new version of @lineage_id (0: a new profile) with
 * @approver_id's approval (0: none) and the audit entries, all or nothing. */
static gint64
store_version (EbbOperatorSession  *ctx,
               EbbProfile          *profile,
               gint64               lineage_id,
               const char          *audit_action,
               gint64               approver_id,
               GError             **error)
{
  EbbStore *store = ebb_operator_session_get_store (ctx);
  g_autoptr(EbbProfileRecord) record = ebb_profile_record_new ();
  gint64 id;

  record->lineage_id = lineage_id;
  record->name = g_strdup (ebb_profile_get_name (profile));
  record->description = g_strdup (ebb_profile_get_description (profile));
  record->level_pa = ebb_profile_get_level_pa (profile);
  record->vacuum_s = ebb_profile_get_vacuum_s (profile);
  record->release_s = ebb_profile_get_release_s (profile);
  record->ramp_pa_s = (gint32) ebb_profile_get_ramp_pa_s (profile);
  record->duration_s = ebb_profile_get_duration_s (profile);
  record->created_by = ebb_operator_session_get_operator_id (ctx);

  if (!ebb_store_begin (store, error))
    return 0;

  if ((id = ebb_store_profile_save (store, record, error)) == 0
      || (audit_action != NULL
          && !ebb_audit_record (ctx, audit_action, "profile", id, record->name, error))
      || (approver_id != 0
          && (!ebb_store_profile_approve (store, id, approver_id, ebb_operator_session_now (ctx), error)
              || !ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_PROFILE_APPROVE),
                                    "profile", id, record->name, error)))
      || !ebb_store_commit (store, error))
    {
      ebb_store_rollback (store);
      return 0;
    }

  return id;
}

/**
 * ebb_profile_save:
 * @ctx: the logged-in operator; needs %EBB_ACTION_PROFILE_CREATE for a new
 *   name, %EBB_ACTION_PROFILE_CHANGE for a new version of a stored one
 * @profile: a custom profile
 * @clinic_limit_pa: the clinic's current limit; a profile its saver
 *   approves is checked against it as a session would check it
 * @error: return location for an #EbbProfileError, an
 *   #EBB_PERMISSION_ERROR or a store error
 *
 * Validates and stores @profile and audits it (`profile.create` or
 * `profile.update`, with the name as detail). A profile whose name a
 * stored profile already has becomes that profile's next version
 * (sessions keep the version they ran).
 *
 * Every version starts unapproved: an approval covers the settings the
 * clinician saw, not an edit. A profile beyond the clinic's limit is
 * stored all the same, and no session may run it until a clinician
 * approves it with ebb_profile_approve(). @profile may carry an approval
 * only when the saving operator is the clinician it names (by user name or
 * display name) and holds %EBB_ACTION_PROFILE_APPROVE; the approval is then
 * recorded and audited as `profile.approve`. An approval naming anyone
 * else is refused as %EBB_PERMISSION_ERROR_DENIED, audited as
 * `permission.denied`, and nothing is stored.
 *
 * Returns: the stored version's id, or 0 with @error set
 */
gint64
ebb_profile_save (EbbOperatorSession  *ctx,
                  EbbProfile          *profile,
                  gint32               clinic_limit_pa,
                  GError             **error)
{
  g_autoptr(EbbProfileRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean approving;
  EbbStore *store;
  EbbAction action;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (EBB_IS_PROFILE (profile), 0);

  store = ebb_operator_session_get_store (ctx);
  if (refuse_factory (ebb_profile_get_name (profile), ebb_profile_get_factory (profile), error))
    return 0;

  existing = find_current (store, ebb_profile_get_name (profile), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  action = existing != NULL ? EBB_ACTION_PROFILE_CHANGE : EBB_ACTION_PROFILE_CREATE;
  if (!ebb_permissions_check (ctx, action, error))
    return 0;

  approving = ebb_profile_get_clinician_approved (profile);
  if (approving && !check_own_approval (ctx, profile, error))
    return 0;

  if (approving ? !ebb_profile_validate (profile, clinic_limit_pa, error)
                : !ebb_profile_validate_definition (profile, error))
    return 0;

  return store_version (ctx, profile, existing != NULL ? existing->lineage_id : 0,
                        ebb_permissions_audit_id (action),
                        approving ? ebb_operator_session_get_operator_id (ctx) : 0, error);
}

/**
 * ebb_profile_approve:
 * @ctx: the logged-in clinician; needs %EBB_ACTION_PROFILE_APPROVE
 * @name: a custom profile's name
 * @clinic_limit_pa: the clinic's current limit
 * @error: return location for an #EbbProfileError, an
 *   #EBB_PERMISSION_ERROR or a store error
 *
 * Records the logged-in clinician's approval of the current version of
 * @name. Like every change, the approval is a new version (sessions keep
 * the version they ran): the same settings, approved by the clinician, and
 * audited as `profile.approve`. A version that is approved already is
 * refused with %EBB_PROFILE_ERROR_ALREADY_APPROVED.
 *
 * Returns: the approved version's id, or 0 with @error set
 */
gint64
ebb_profile_approve (EbbOperatorSession  *ctx,
                     const char          *name,
                     gint32               clinic_limit_pa,
                     GError             **error)
{
  g_autoptr(EbbProfileRecord) existing = NULL;
  g_autoptr(EbbProfile) current = NULL;
  g_autoptr(EbbProfile) next = NULL;
  const EbbOperator *op;
  EbbStore *store;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!ebb_permissions_check (ctx, EBB_ACTION_PROFILE_APPROVE, error))
    return 0;

  store = ebb_operator_session_get_store (ctx);
  op = ebb_operator_session_get_operator (ctx);

  if (refuse_factory (name, FALSE, error)
      || (existing = find_current_required (store, name, error)) == NULL)
    return 0;

  current = ebb_profile_new_from_record (store, existing);
  if (ebb_profile_get_clinician_approved (current))
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_ALREADY_APPROVED,
                   /* Translators: version number, profile name, clinician's name */
                   _("Version %u of “%s” is approved already, by %s."),
                   ebb_profile_get_version (current), name, ebb_profile_get_approved_by (current));
      return 0;
    }

  next = ebb_profile_new_version (current, error);
  if (next == NULL)
    return 0;
  ebb_profile_set_approval (next, TRUE,
                            op->display_name != NULL && *op->display_name != '\0'
                            ? op->display_name : op->username);
  if (!ebb_profile_validate (next, clinic_limit_pa, error))
    return 0;

  return store_version (ctx, next, existing->lineage_id, NULL, op->id, error);
}
