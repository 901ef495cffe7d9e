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

  record = find_current (store, name, &local_error);
  if (record == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NOT_FOUND,
                     _("There is no profile named “%s”."), name);
      return NULL;
    }

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

/**
 * ebb_profile_save:
 * @ctx: the logged-in operator; needs %EBB_ACTION_PROFILE_CREATE for a new
 *   name, %EBB_ACTION_PROFILE_CHANGE for a new version of a stored one
 * @profile: a custom profile
 * @clinic_limit_pa: the clinic's current limit
 * @error: return location for an #EbbProfileError, an
 *   #EBB_PERMISSION_ERROR or a store error
 *
 * Validates and stores @profile and audits it (`profile.create` or
 * `profile.update`, with the name as detail). A profile whose name a
 * stored profile already has becomes that profile's next version
 * (sessions keep the version they ran). An approval is recorded when the
 * approver is an operator (by user name) with the clinician role.
 *
 * Returns: the stored version's id, or 0 with @error set
 */
gint64
ebb_profile_save (EbbOperatorSession  *ctx,
                  EbbProfile          *profile,
                  gint32               clinic_limit_pa,
                  GError             **error)
{
  g_autoptr(EbbProfileRecord) record = ebb_profile_record_new ();
  g_autoptr(EbbProfileRecord) existing = NULL;
  g_autoptr(EbbProfile) factory = NULL;
  g_autoptr(EbbOperator) clinician = NULL;
  g_autoptr(GError) local_error = NULL;
  EbbStore *store;
  EbbAction action;
  gint64 id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (EBB_IS_PROFILE (profile), 0);

  store = ebb_operator_session_get_store (ctx);
  factory = ebb_profile_find_factory (ebb_profile_get_name (profile), NULL);
  if (factory != NULL || ebb_profile_get_factory (profile))
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_READ_ONLY,
                   _("The factory profile “%s” cannot be changed. Create a custom profile instead."),
                   ebb_profile_get_name (profile));
      return 0;
    }

  existing = find_current (store, ebb_profile_get_name (profile), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  action = existing != NULL ? EBB_ACTION_PROFILE_CHANGE : EBB_ACTION_PROFILE_CREATE;
  if (!ebb_permissions_check (ctx, action, error))
    return 0;

  if (ebb_profile_get_clinician_approved (profile))
    {
      clinician = ebb_store_operator_find (store, ebb_profile_get_approved_by (profile), NULL);
      if (clinician == NULL || (clinician->roles & EBB_ROLE_CLINICIAN) == 0)
        {
          g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_APPROVER_MISSING,
                       _("“%s” is not a clinician of this clinic; only a clinician can approve a "
                         "profile."), ebb_profile_get_approved_by (profile));
          return 0;
        }
    }

  if (!ebb_profile_validate (profile, clinic_limit_pa, error))
    return 0;

  record->lineage_id = existing != NULL ? existing->lineage_id : 0;
  record->name = g_strdup (ebb_profile_get_name (profile));
  record->description = g_strdup (ebb_profile_get_description (profile));
  record->level_pa = ebb_profile_get_level_pa (profile);
  record->vacuum_s = ebb_profile_get_vacuum_s (profile);
  record->release_s = ebb_profile_get_release_s (profile);
  record->ramp_pa_s = (gint32) ebb_profile_get_ramp_pa_s (profile);
  record->duration_s = ebb_profile_get_duration_s (profile);
  record->created_by = ebb_operator_session_get_operator_id (ctx);

  id = ebb_store_profile_save (store, record, error);
  if (id == 0)
    return 0;

  if (clinician != NULL
      && !ebb_store_profile_approve (store, id, clinician->id, ebb_operator_session_now (ctx), error))
    return 0;

  if (!ebb_audit_record (ctx, ebb_permissions_audit_id (action), "profile", id, record->name, error))
    return 0;

  /* The approval is the clinician's decision, recorded here by whoever
   * saves the profile: the entry names both. */
  if (clinician != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("approved by %s", clinician->username);

      if (!ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_PROFILE_APPROVE), "profile", id,
                             detail, error))
        return 0;
    }

  return id;
}
