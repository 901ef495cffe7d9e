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
#include "ebb-profile.h"

static void
print_profile (EbbProfile *profile)
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
  if (ebb_profile_get_source (profile) != NULL)
    g_print (_("  Source:    %s\n"), ebb_profile_get_source (profile));
}

static int
run_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = ebb_profile_load_factory (&error);

  if (profiles == NULL)
    return ebb_cli_failure ("profiles", error);

  for (guint i = 0; i < profiles->len; i++)
    {
      EbbProfile *profile = g_ptr_array_index (profiles, i);

      g_print ("%-16s %6d Pa  %3u/%-3u s  %3u min%s\n", ebb_profile_get_display_name (profile),
               ebb_profile_get_level_pa (profile), ebb_profile_get_vacuum_s (profile),
               ebb_profile_get_release_s (profile), ebb_profile_get_duration_s (profile) / 60,
               ebb_profile_get_factory (profile) ? _("  factory") : "");
    }
  return EBB_EXIT_OK;
}

static int
run_show (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbProfile) profile = ebb_profile_find_factory (name, &error);

  if (profile == NULL)
    return ebb_cli_failure ("profiles", error);

  print_profile (profile);
  return EBB_EXIT_OK;
}

static int
run_validate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EbbProfile) profile = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &error))
    return ebb_cli_failure ("profiles", error);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (&error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE,
                   _("“%s” does not hold a profile definition (a JSON object)."), path);
      return ebb_cli_failure ("profiles", error);
    }

  profile = ebb_profile_new_from_json (json_node_get_object (root), &error);
  if (profile == NULL
      || !ebb_profile_validate (profile, ebb_profile_get_clinic_limit (settings), &error))
    return ebb_cli_failure ("profiles", error);

  print_profile (profile);
  g_print (_("The profile is valid under the clinic limit of %d Pa.\n"),
           ebb_profile_get_clinic_limit (settings));
  return EBB_EXIT_OK;
}

int
ebb_cli_profiles (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;

  context = g_option_context_new (_("list | show NAME | validate FILE.json"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Lists and shows session profiles, and validates a "
                                           "profile definition against the current limits."));
  if (!ebb_cli_parse_options (context, "profiles", &argc, &argv))
    return EBB_EXIT_USAGE;

  if (argc == 2 && g_strcmp0 (argv[1], "list") == 0)
    return run_list ();
  if (argc == 3 && g_strcmp0 (argv[1], "show") == 0)
    return run_show (argv[2]);
  if (argc == 3 && g_strcmp0 (argv[1], "validate") == 0)
    return run_validate (argv[2]);

  return ebb_cli_usage_error ("profiles", _("expected “list”, “show NAME” or “validate FILE.json”"));
}
