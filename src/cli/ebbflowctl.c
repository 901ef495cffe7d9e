/* ebbflowctl.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebbflowctl"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ebb-cli.h"
#include "ebb-environment.h"

/* One row per subcommand; each lives in its own ebb-cli-*.c file. */
static const EbbCliCommand commands[] = {
  { "audit", N_("Verify or list the audit trail"), ebb_cli_audit },
  { "clients", N_("Search the clinic’s clients"), ebb_cli_clients },
  { "db", N_("Create, check, migrate, back up and restore the database"), ebb_cli_db },
  { "export", N_("Export a session as CSV or JSON, or a client’s history"), ebb_cli_export },
  { "monitor", N_("Print a chamber’s live telemetry"), ebb_cli_monitor },
  { "operators", N_("Add, list or deactivate operators"), ebb_cli_operators },
  { "ports", N_("List serial ports and recognise chambers"), ebb_cli_ports },
  { "probe", N_("Connect to a chamber and print its identity and status"), ebb_cli_probe },
  { "profiles", N_("List, show, validate, add and approve session profiles"), ebb_cli_profiles },
  { "report", N_("Render a session’s printed report as a PDF"), ebb_cli_report },
  { "run", N_("Run a session profile on a chamber headless"), ebb_cli_run },
  { "screen", N_("Evaluate a safety screening answers file"), ebb_cli_screen },
  { NULL }
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (text, "\n  %-10s %s", commands[i].name, _(commands[i].summary));

  g_string_append_printf (text, "\n\n%s\n%s",
                          _("Run “ebbflowctl COMMAND --help” for a command’s options."),
                          _("Exit status: 0 success, 1 failure, 2 usage error; see docs/cli.md."));
  return g_string_free (text, FALSE);
}

static const EbbCliCommand *
find_command (const char *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  const EbbCliCommand *command;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  ebb_environment_init_i18n ();

  context = g_option_context_new (_("COMMAND [ARGUMENTS…] — the Ebbflow service tool"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command name belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  description = describe_commands ();
  g_option_context_set_description (context, description);

  if (!ebb_cli_parse_options (context, NULL, &argc, &argv))
    return EBB_EXIT_USAGE;

  if (version)
    {
      g_print ("ebbflowctl %s\n", PACKAGE_VERSION);
      return EBB_EXIT_OK;
    }

  if (argc < 2)
    return ebb_cli_usage_error (NULL, _("no command given"));

  command = find_command (argv[1]);
  if (command == NULL)
    return ebb_cli_usage_error (NULL, _("unknown command “%s”"), argv[1]);

  return command->run (argc - 1, argv + 1);
}
