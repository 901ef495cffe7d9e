/* ebb-cli-profiles.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-profiles"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ebb-cli.h"
#include "ebb-environment.h"
#include "ebb-operator-session.h"
#include "ebb-profile-record.h"
#include "ebb-roles.h"

static void
print_profile (EbbProfile *profile,
               gint32      clinic_limit_pa)
{
  g_print ("%s\n", ebb_profile_get_display_name (profile));
  g_print ("  %s\n", ebb_profile_get_display_description (profile));
  g_print (_("  Level:     %d Pa\n"), ebb_profile_get_level_pa (profile));
  g_print (_("  Phases:    %u s vacuum, %u s release\n"),
           ebb_profile_get_vacuum_s (profile), ebb_profile_get_release_s (profile));
  if (ebb_profile_get_ramp_pa_s (profile) == 0)
    g_print (_("  Ramp:      device maximum\n"));
  else
    g_print (_("  Ramp:      %u Pa/s\n"), ebb_profile_get_ramp_pa_s (profile));
  g_print (_("  Duration:  %u min %u s (%u cycles)\n"),
           ebb_profile_get_duration_s (profile) / 60, ebb_profile_get_duration_s (profile) % 60,
           ebb_profile_get_n_cycles (profile));
  g_print (_("  Version:   %u%s\n"), ebb_profile_get_version (profile),
           ebb_profile_get_factory (profile) ? _(" (factory, read-only)") : "");
  if (ebb_profile_get_clinician_approved (profile))
    g_print (_("  Approved:  %s\n"), ebb_profile_get_approved_by (profile));
  else if (ebb_profile_needs_approval (profile, clinic_limit_pa))
    /* Translators: %d is the clinic's limit in Pa */
    g_print (_("  Approved:  no — beyond the clinic limit of %d Pa, no session may run it until "
               "a clinician approves it\n"), ebb_profile_effective_clinic_limit (clinic_limit_pa));
  if (ebb_profile_get_source (profile) != NULL)
    g_print (_("  Source:    %s\n"), ebb_profile_get_source (profile));
}

/* The store is optional for reading: before the clinic's database exists,
 * the factory profiles are still there to list and show. */
static gboolean
open_store_if_any (const char  *database,
                   EbbStore   **store,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *store = ebb_cli_open_store (database, EBB_STORE_OPEN_READ_ONLY, &local_error);
  if (*store != NULL || g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static int
run_list (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  gint32 limit = ebb_profile_get_clinic_limit (settings);

  if (!open_store_if_any (database, &store, &error)
      || (profiles = ebb_profile_list_all (store, &error)) == NULL)
    return ebb_cli_failure ("profiles", error);

  for (guint i = 0; i < profiles->len; i++)
    {
      EbbProfile *profile = g_ptr_array_index (profiles, i);

      g_print ("%-16s %6d Pa  %3u/%-3u s  %3u min  v%u%s%s\n", ebb_profile_get_display_name (profile),
               ebb_profile_get_level_pa (profile), ebb_profile_get_vacuum_s (profile),
               ebb_profile_get_release_s (profile), ebb_profile_get_duration_s (profile) / 60,
               ebb_profile_get_version (profile),
               ebb_profile_get_factory (profile) ? _("  factory") : "",
               ebb_profile_needs_approval (profile, limit) ? _("  needs a clinician’s approval") : "");
    }
  return EBB_EXIT_OK;
}

static int
run_show (const char *database,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbProfile) profile = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();

  if (!open_store_if_any (database, &store, &error)
      || (profile = ebb_profile_lookup (store, name, NULL, &error)) == NULL)
    return ebb_cli_failure ("profiles", error);

  print_profile (profile, ebb_profile_get_clinic_limit (settings));
  return EBB_EXIT_OK;
}

static EbbProfile *
read_definition (const char  *path,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                   _("“%s” does not hold a profile definition (a JSON object)."), path);
      return NULL;
    }

  return ebb_profile_new_from_json (json_node_get_object (root), error);
}

static int
run_validate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbProfile) profile = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autofree char *claimed = NULL;
  gint32 limit = ebb_profile_get_clinic_limit (settings);

  profile = read_definition (path, &error);
  if (profile == NULL)
    return ebb_cli_failure ("profiles", error);

  /* A name in a file proves nothing; only the clinician, logged in, can
   * record an approval (ebb_profile_save(), ebb_profile_approve()). So the
   * file is judged as if it carried none. */
  if (ebb_profile_get_clinician_approved (profile))
    {
      claimed = g_strdup (ebb_profile_get_approved_by (profile));
      ebb_profile_set_approval (profile, FALSE, NULL);
    }

  if (!ebb_profile_validate_definition (profile, &error))
    return ebb_cli_failure ("profiles", error);

  print_profile (profile, limit);
  if (claimed != NULL)
    /* Translators: %s is the approver named in the file */
    g_print (_("The file says “%s” approved the profile. That does not count: an approval is "
               "recorded only when the clinician approves the saved profile, logged in as "
               "themselves (“ebbflowctl profiles approve NAME --as CLINICIAN”). Remove "
               "“clinician-approved” and “approved-by” before “add” unless you are that "
               "clinician.\n"), claimed);
  if (ebb_profile_needs_approval (profile, limit))
    /* Translators: %d is the clinic's limit in Pa */
    g_print (_("The profile is valid but needs a clinician’s approval: its level is beyond the "
               "clinic limit of %d Pa, so no session may run it until a clinician approves it "
               "with “ebbflowctl profiles approve”.\n"),
             ebb_profile_effective_clinic_limit (limit));
  else
    g_print (_("The profile is valid under the clinic limit of %d Pa.\n"), limit);
  return EBB_EXIT_OK;
}

static int
run_add (const char *database,
         const char *operator_name,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbProfile) profile = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autoptr(EbbProfileRecord) stored = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  gint64 id;

  if (operator_name == NULL)
    return ebb_cli_usage_error ("profiles", _("“add” needs --as USER (an administrator)"));

  profile = read_definition (path, &error);
  if (profile == NULL)
    return ebb_cli_failure ("profiles", error);

  /* Changes need a login; the core checks the roles. */
  ctx = ebb_cli_open_and_login (database, operator_name, &error);
  if (ctx == NULL)
    return ebb_cli_failure ("profiles", error);

  /* The core checks the operator's roles and audits the change. */
  id = ebb_profile_save (ctx, profile, ebb_profile_get_clinic_limit (settings), &error);
  if (id == 0
      || (stored = ebb_store_profile_get (ebb_operator_session_get_store (ctx), id, &error)) == NULL)
    return ebb_cli_failure ("profiles", error);

  /* Translators: profile name, version number */
  g_print (_("Saved “%s” as version %u.\n"), stored->name, stored->version);
  if (!stored->approved && ebb_profile_needs_approval (profile, ebb_profile_get_clinic_limit (settings)))
    /* Translators: %s is the profile name */
    g_print (_("No session may run it until a clinician approves it: "
               "ebbflowctl profiles approve “%s” --as CLINICIAN\n"), stored->name);
  return EBB_EXIT_OK;
}

static int
run_approve (const char *database,
             const char *operator_name,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autoptr(EbbProfile) approved = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  gint32 limit = ebb_profile_get_clinic_limit (settings);

  if (operator_name == NULL)
    return ebb_cli_usage_error ("profiles", _("“approve” needs --as USER (the approving clinician)"));

  ctx = ebb_cli_open_and_login (database, operator_name, &error);
  if (ctx == NULL)
    return ebb_cli_failure ("profiles", error);

  /* The core checks the clinician role and audits the approval. */
  if (ebb_profile_approve (ctx, name, limit, &error) == 0
      || (approved = ebb_profile_lookup (ebb_operator_session_get_store (ctx), name, NULL, &error)) == NULL)
    return ebb_cli_failure ("profiles", error);

  /* Translators: profile name, version number, clinician's name */
  g_print (_("Approved “%s” as version %u, by %s:\n"), ebb_profile_get_name (approved),
           ebb_profile_get_version (approved), ebb_profile_get_approved_by (approved));
  print_profile (approved, limit);
  return EBB_EXIT_OK;
}

int
ebb_cli_profiles (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *database = NULL;
  g_autofree char *operator_name = NULL;
  GOptionEntry entries[] = {
    ebb_cli_option_database (&database),
    ebb_cli_option_as_operator (&operator_name),
    ebb_cli_option_operator_synonym (&operator_name),
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl profiles",
                                 _("list | show NAME | validate FILE.json | add FILE.json | "
                                   "approve NAME"),
                                 _("Lists and shows session profiles, validates a profile "
                                   "definition against the current limits, and adds a "
                                   "custom profile (a new version if the name exists).\n"
                                   "“add” needs --as USER, an administrator, whose PIN or "
                                   "password is read from standard input.\n"
                                   "“approve” records the approval of the current version "
                                   "by --as USER, a clinician (PIN or password from "
                                   "standard input), as a new version; only then may "
                                   "sessions run a profile beyond the clinic limit."),
                                 entries);
  if (!ebb_cli_parse_options (context, "profiles", &argc, &argv))
    return EBB_EXIT_USAGE;

  if (argc == 2 && g_strcmp0 (argv[1], "list") == 0)
    return run_list (database);
  if (argc == 3 && g_strcmp0 (argv[1], "show") == 0)
    return run_show (database, argv[2]);
  if (argc == 3 && g_strcmp0 (argv[1], "validate") == 0)
    return run_validate (argv[2]);
  if (argc == 3 && g_strcmp0 (argv[1], "add") == 0)
    return run_add (database, operator_name, argv[2]);
  if (argc == 3 && g_strcmp0 (argv[1], "approve") == 0)
    return run_approve (database, operator_name, argv[2]);

  return ebb_cli_usage_error ("profiles", _("expected “list”, “show NAME”, “validate FILE.json”, "
                                            "“add FILE.json” or “approve NAME”"));
}
