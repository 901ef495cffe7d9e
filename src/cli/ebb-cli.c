/* ebb-cli.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-cli.h"

/**
 * ebb_cli_new_context:
 * @prgname: the full command, such as "ebbflowctl operators add"
 * @parameter: (nullable): what follows the options in the usage line
 * @summary: the paragraph --help shows above the options
 * @entries: the command's options
 *
 * Returns: (transfer full): an option context translated with the
 *   program's domain
 */
GOptionContext *
ebb_cli_new_context (const char   *prgname,
                     const char   *parameter,
                     const char   *summary,
                     GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  /* --help then reads "Usage: ebbflowctl operators add [OPTION…] USERNAME". */
  g_set_prgname (prgname);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/**
 * ebb_cli_parse_options:
 * @context: the command's option context
 * @command: (nullable): the subcommand name, for messages; %NULL for the tool itself
 * @argc: (inout): argument count
 * @argv: (inout): arguments
 *
 * Parses the options and, on a usage error, prints a specific message and a
 * pointer to --help on standard error.
 *
 * Returns: %FALSE on a usage error; the caller exits with %EBB_EXIT_USAGE
 */
gboolean
ebb_cli_parse_options (GOptionContext   *context,
                       const char       *command,
                       int              *argc,
                       char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  ebb_cli_usage_error (command, "%s", error->message);
  return FALSE;
}

/**
 * ebb_cli_usage_error:
 * @command: (nullable): the subcommand name
 * @format: printf-style message
 *
 * Prints a usage error and how to get help.
 *
 * Returns: %EBB_EXIT_USAGE
 */
int
ebb_cli_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    {
      g_printerr ("ebbflowctl %s: %s\n", command, message);
      /* Translators: %s is a subcommand name such as "probe" */
      g_printerr (_("Try “ebbflowctl %s --help”.\n"), command);
    }
  else
    {
      g_printerr ("ebbflowctl: %s\n", message);
      g_printerr (_("Try “ebbflowctl --help”.\n"));
    }

  return EBB_EXIT_USAGE;
}

/**
 * ebb_cli_failure:
 * @command: the subcommand name
 * @error: what went wrong
 *
 * Prints @error for the operator.
 *
 * Returns: %EBB_EXIT_FAILURE
 */
int
ebb_cli_failure (const char   *command,
                 const GError *error)
{
  g_printerr ("ebbflowctl %s: %s\n", command, error->message);
  return EBB_EXIT_FAILURE;
}

/**
 * ebb_cli_print_json:
 * @root: what to print
 *
 * Prints @root as indented JSON and a newline on standard output, the
 * form every --json option uses.
 */
void
ebb_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* --database PATH of the commands that read or write sessions and clients. */
GOptionEntry
ebb_cli_option_database (char **path)
{
  GOptionEntry entry = {
    "database", 'd', 0, G_OPTION_ARG_FILENAME, path,
    N_("The database file (default: the database-path setting, else the user’s data folder)"),
    N_("PATH")
  };

  return entry;
}

/* --database PATH of the operators and audit commands. */
GOptionEntry
ebb_cli_option_operators_database (char **path)
{
  GOptionEntry entry = {
    "database", 'd', 0, G_OPTION_ARG_FILENAME, path,
    N_("The database file (default: the configured one)"), N_("PATH")
  };

  return entry;
}

static GOptionEntry
user_option (const char  *long_name,
             char       **username,
             const char  *description)
{
  GOptionEntry entry = {
    long_name, 0, 0, G_OPTION_ARG_STRING, username, description, N_("USER")
  };

  return entry;
}

/* --as USER: the administrator running an operators or audit command. */
GOptionEntry
ebb_cli_option_as (char **username)
{
  return user_option ("as", username,
                      N_("The administrator running the command; their PIN is read from standard input"));
}

/* --as USER of the commands any role may run (run, profiles add, screen
 * --client): the operator whose roles the core checks. */
GOptionEntry
ebb_cli_option_as_operator (char **username)
{
  return user_option ("as", username,
                      N_("The operator running the command; their PIN or password is read from standard input"));
}

/* --operator USER, the older spelling of --as USER; both fill the same
 * variable, so both log in with a PIN. */
GOptionEntry
ebb_cli_option_operator_synonym (char **username)
{
  return user_option ("operator", username, N_("The same as --as USER"));
}
