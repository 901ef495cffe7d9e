/* ebb-cli-report.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-report"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-cli.h"
#include "ebb-environment.h"
#include "ebb-front-desk.h"
#include "ebb-report.h"

/* ebbflowctl report SESSION -o FILE.pdf --as USER [--lang LANG]
 *                   [--paper a4|letter] [--unit mmhg|mbar|kpa] [--database PATH]
 *
 * A report holds the client's health data: like saving one in the
 * console it needs a clinician or technician and is audited. */

int
ebb_cli_report (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autoptr(EbbReportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *output = NULL;
  g_autofree char *language = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *as = NULL;
  guint64 session_id;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE (required)"),
      N_("FILE") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language,
      N_("Print in language LANG, such as de or en (default: the report-language setting)"),
      N_("LANG") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper,
      N_("Paper size: a4 or letter (default: the paper-size setting)"), N_("SIZE") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit,
      N_("Pressure unit: mmhg, mbar or kpa (default: the pressure-unit setting)"), N_("UNIT") },
    ebb_cli_option_as_operator (&as),
    ebb_cli_option_database (&database),
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl report", _("SESSION"),
                                 _("Renders the printed report of session number SESSION as a PDF, "
                                   "from the database alone. Needs a clinician or technician (--as); "
                                   "saving it is recorded in the audit trail."),
                                 entries);
  if (!ebb_cli_parse_options (context, "report", &argc, &argv))
    return EBB_EXIT_USAGE;

  if (argc != 2)
    return ebb_cli_usage_error ("report", _("give one SESSION number"));
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &session_id, NULL))
    return ebb_cli_usage_error ("report", _("“%s” is not a session number"), argv[1]);
  if (output == NULL)
    return ebb_cli_usage_error ("report", _("give the PDF file to write with -o FILE"));
  if (as == NULL)
    return ebb_cli_usage_error ("report", _("name the operator with --as USER"));

  settings = ebb_environment_settings ();
  options = ebb_report_options_new_from_settings (settings);
  if (paper != NULL && !ebb_report_paper_from_id (paper, &options->paper))
    return ebb_cli_usage_error ("report", _("unknown paper size “%s”: use a4 or letter"), paper);
  if (unit != NULL && !ebb_units_from_id (unit, &options->unit))
    return ebb_cli_usage_error ("report", _("unknown unit “%s”: use mmhg, mbar or kpa"), unit);
  if (language != NULL)
    {
      g_free (options->language);
      options->language = g_steal_pointer (&language);
    }

  ctx = ebb_cli_open_and_login (database, as, &error);
  if (ctx == NULL ||
      !ebb_front_desk_save_report (ctx, (gint64) session_id, settings, options, output, &error))
    return ebb_cli_failure ("report", error);

  return EBB_EXIT_OK;
}
