/* ebb-cli-export.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-export"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ebb-cli.h"
#include "ebb-client-lookup.h"
#include "ebb-environment.h"
#include "ebb-front-desk.h"

/* ebbflowctl export SESSION --format csv|json --as USER [-o FILE]
 * ebbflowctl export --client-history CLIENT --as USER [-o FILE]
 *
 * Exports are the client's health data leaving the clinic's database:
 * they need an operator allowed to export (clinician or administrator)
 * and are audited, as in the console. */

static GOutputStream *
open_output (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL || strcmp (path, "-") == 0)
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  file = g_file_new_for_commandline_arg (path);
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error));
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

static EbbPressureUnit
settings_unit (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();

  return ebb_environment_pressure_unit (settings);
}

int
ebb_cli_export (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *unit_id = NULL;
  g_autofree char *history = NULL;
  g_autofree char *as = NULL;
  EbbPressureUnit unit;
  gint64 id;
  gboolean ok;
  GOptionEntry entries[] = {
    ebb_cli_option_database (&database),
    ebb_cli_option_as_operator (&as),
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default csv)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_id,
      N_("Pressure unit of the CSV’s second pressure column: mmhg, mbar or kpa (default: the setting)"),
      N_("UNIT") },
    { "client-history", 0, 0, G_OPTION_ARG_STRING, &history,
      N_("Export the sessions of CLIENT (client number, record number or name) as CSV instead"), N_("CLIENT") },
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl export", _("SESSION"),
                                 _("Exports session number SESSION: CSV has one row per sample, "
                                   "JSON holds the session, client reference, profile snapshot, "
                                   "events and samples. Needs a clinician or administrator (--as); "
                                   "every export is recorded in the audit trail."),
                                 entries);
  if (!ebb_cli_parse_options (context, "export", &argc, &argv))
    return EBB_EXIT_USAGE;

  if (history != NULL)
    {
      if (argc != 1)
        return ebb_cli_usage_error ("export", _("give either SESSION or --client-history, not both"));
    }
  else
    {
      if (argc != 2)
        return ebb_cli_usage_error ("export", _("give one SESSION number"));
      if (!parse_id (argv[1], &id))
        return ebb_cli_usage_error ("export", _("“%s” is not a session number"), argv[1]);
    }

  if (format != NULL && strcmp (format, "csv") != 0 && strcmp (format, "json") != 0)
    return ebb_cli_usage_error ("export", _("unknown format “%s”: use csv or json"), format);
  if (history != NULL && format != NULL && strcmp (format, "csv") != 0)
    return ebb_cli_usage_error ("export", _("a client history is exported as CSV only"));

  if (unit_id == NULL)
    unit = settings_unit ();
  else if (!ebb_units_from_id (unit_id, &unit))
    return ebb_cli_usage_error ("export", _("unknown unit “%s”: use mmhg, mbar or kpa"), unit_id);

  if (as == NULL)
    return ebb_cli_usage_error ("export", _("name the operator with --as USER"));

  /* Logged in before the output is created, so a refusal leaves no file. */
  ctx = ebb_cli_open_and_login (database, as, &error);
  if (ctx == NULL)
    return ebb_cli_failure ("export", error);

  /* The rule of docs/cli.md, “Naming a client”. */
  if (history != NULL)
    {
      g_autoptr(EbbClient) client = ebb_client_lookup (ebb_operator_session_get_store (ctx), history, &error);

      if (client == NULL)
        return ebb_cli_failure ("export", error);
      id = client->id;
    }

  out = open_output (output, &error);
  if (out == NULL)
    return ebb_cli_failure ("export", error);

  if (history != NULL)
    ok = ebb_front_desk_export_history (ctx, id, out, NULL, &error);
  else
    ok = ebb_front_desk_export_session (ctx, id, format != NULL && strcmp (format, "json") == 0,
                                        unit, out, NULL, &error);

  /* The export closed the file before recording it. */
  if (!ok)
    {
      if (output != NULL && strcmp (output, "-") != 0)
        g_unlink (output);
      return ebb_cli_failure ("export", error);
    }

  return EBB_EXIT_OK;
}
