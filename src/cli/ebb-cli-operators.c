/* ebb-cli-operators.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-operators"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ebb-cli.h"
#include "ebb-operators.h"
#include "ebb-permissions.h"
#include "ebb-store.h"

static int
operators_add (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *as = NULL;
  g_autofree char *name = NULL;
  g_autofree char *roles_text = NULL;
  g_autofree char *secret = NULL;
  EbbRoles roles = 0;
  gboolean first;
  gint64 id;
  GOptionEntry spec[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The database file (default: the configured one); created if missing"), N_("PATH") },
    ebb_cli_option_as (&as),
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("The operator’s name as colleagues see it"), N_("NAME") },
    { "roles", 'r', 0, G_OPTION_ARG_STRING, &roles_text,
      N_("Comma-separated: reception, clinician, technician, admin"), N_("ROLES") },
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl operators add", _("USERNAME"),
                         _("Adds an operator. The PIN or password is read twice from "
                           "standard input. On a new database the first operator becomes "
                           "the administrator and needs no --as."),
                         spec);
  if (!ebb_cli_parse_options (context, "operators add", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc != 2)
    return ebb_cli_usage_error ("operators add", _("give exactly one user name"));
  if (name == NULL)
    return ebb_cli_usage_error ("operators add", _("give the operator’s name with --name"));
  if (roles_text != NULL && !ebb_operators_roles_from_ids (roles_text, &roles))
    return ebb_cli_usage_error ("operators add",
                                _("--roles “%s” is not a list of reception, clinician, "
                                  "technician, admin"),
                                roles_text);

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return ebb_cli_failure ("operators add", error);

  first = ebb_operators_needs_first_admin (store, &error);
  if (error != NULL)
    return ebb_cli_failure ("operators add", error);

  if (first)
    {
      ctx = ebb_operator_session_new (store);
    }
  else
    {
      if (as == NULL)
        return ebb_cli_usage_error ("operators add", _("name the administrator with --as USER"));
      if (roles == 0)
        return ebb_cli_usage_error ("operators add", _("give the roles with --roles"));
      ctx = ebb_cli_login (store, as, &error);
      if (ctx == NULL)
        return ebb_cli_failure ("operators add", error);
    }

  secret = ebb_cli_read_new_secret (argv[1], &error);
  if (secret == NULL)
    return ebb_cli_failure ("operators add", error);

  if (first)
    id = ebb_operators_create_first_admin (ctx, argv[1], name, roles, secret, &error);
  else
    id = ebb_operators_add (ctx, argv[1], name, roles, secret, &error);
  explicit_bzero (secret, strlen (secret));
  if (id == 0)
    return ebb_cli_failure ("operators add", error);

  if (first)
    g_print (_("Added %s as the first administrator.\n"), argv[1]);
  else
    g_print (_("Added %s.\n"), argv[1]);

  ebb_operator_session_logout (ctx);
  return EBB_EXIT_OK;
}

static int
operators_list (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operators = NULL;
  g_autofree char *database = NULL;
  g_autofree char *as = NULL;
  gboolean all = FALSE;
  GOptionEntry spec[] = {
    ebb_cli_option_operators_database (&database),
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all,
      N_("Also list deactivated operators (needs --as)"), NULL },
    ebb_cli_option_as (&as),
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl operators list", NULL,
                         _("Lists the operators who may log in: user name, roles, name."),
                         spec);
  if (!ebb_cli_parse_options (context, "operators list", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("operators list", _("unexpected argument “%s”"), argv[1]);
  if (all && as == NULL)
    return ebb_cli_usage_error ("operators list", _("--all needs an administrator: --as USER"));

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    return ebb_cli_failure ("operators list", error);

  if (all)
    {
      ctx = ebb_cli_login (store, as, &error);
      if (ctx == NULL)
        return ebb_cli_failure ("operators list", error);
      operators = ebb_operators_list (ctx, TRUE, &error);
      ebb_operator_session_logout (ctx);
    }
  else
    {
      operators = ebb_operators_list_for_login (store, &error);
    }

  if (operators == NULL)
    return ebb_cli_failure ("operators list", error);

  for (guint i = 0; i < operators->len; i++)
    {
      EbbOperator *op = g_ptr_array_index (operators, i);
      g_autofree char *roles = ebb_operators_roles_to_ids (op->roles);

      g_print ("%-20s %-36s %s%s\n", op->username, roles, op->display_name,
               op->active ? "" : _(" (deactivated)"));
    }

  return EBB_EXIT_OK;
}

static int
operators_deactivate (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *as = NULL;
  GOptionEntry spec[] = {
    ebb_cli_option_operators_database (&database),
    ebb_cli_option_as (&as),
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl operators deactivate", _("USERNAME"),
                         _("Deactivates an operator: they can no longer log in, and the "
                           "records keep naming them."),
                         spec);
  if (!ebb_cli_parse_options (context, "operators deactivate", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc != 2)
    return ebb_cli_usage_error ("operators deactivate", _("give exactly one user name"));
  if (as == NULL)
    return ebb_cli_usage_error ("operators deactivate",
                                _("name the administrator with --as USER"));

  ctx = ebb_cli_open_and_login (database, as, &error);
  if (ctx == NULL)
    return ebb_cli_failure ("operators deactivate", error);

  if (!ebb_operators_deactivate (ctx, argv[1], &error))
    return ebb_cli_failure ("operators deactivate", error);

  g_print (_("Deactivated %s.\n"), argv[1]);
  ebb_operator_session_logout (ctx);
  return EBB_EXIT_OK;
}

/**
 * ebb_cli_operators:
 * @argc: argument count, argv[0] being "operators"
 * @argv: arguments
 *
 * `ebbflowctl operators add|list|deactivate`.
 *
 * Returns: the exit status
 */
int
ebb_cli_operators (int    argc,
                   char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int, char **);
  } subcommands[] = {
    { "add", operators_add },
    { "deactivate", operators_deactivate },
    { "list", operators_list },
  };

  if (argc < 2)
    return ebb_cli_usage_error ("operators", _("name a subcommand: add, list or deactivate"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      return subcommands[i].run (argc - 1, argv + 1);

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      g_print ("%s\n\n  add         %s\n  list        %s\n  deactivate  %s\n\n%s\n",
               _("Usage: ebbflowctl operators add|list|deactivate [OPTIONS…]"),
               _("Add an operator (the first one becomes the administrator)"),
               _("List operators"),
               _("Deactivate an operator"),
               _("Run “ebbflowctl operators add --help” for a subcommand’s options."));
      return EBB_EXIT_OK;
    }

  return ebb_cli_usage_error ("operators", _("unknown subcommand “%s”"), argv[1]);
}
