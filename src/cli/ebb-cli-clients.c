/* ebb-cli-clients.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-clients"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-cli.h"

/* ebbflowctl clients search TEXT [--json] */

static void
print_json (GPtrArray *clients)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < clients->len; i++)
    {
      const EbbClient *c = g_ptr_array_index (clients, i);
      const char *fields[][2] = {
        { "family_name", c->family_name }, { "given_name", c->given_name },
        { "date_of_birth", c->date_of_birth }, { "sex", ebb_sex_to_id (c->sex) },
        { "external_id", c->external_id }, { "phone", c->phone }, { "email", c->email },
      };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          json_builder_set_member_name (b, fields[k][0]);
          if (fields[k][1] != NULL)
            json_builder_add_string_value (b, fields[k][1]);
          else
            json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "archived");
      json_builder_add_boolean_value (b, c->archived);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  ebb_cli_print_json (root);
}

static void
print_table (GPtrArray *clients)
{
  for (guint i = 0; i < clients->len; i++)
    {
      const EbbClient *c = g_ptr_array_index (clients, i);

      g_print ("%" G_GINT64_FORMAT "\t%s, %s\t%s\t%s%s\n", c->id, c->family_name,
               c->given_name != NULL ? c->given_name : "",
               c->date_of_birth != NULL ? c->date_of_birth : "-",
               c->external_id != NULL ? c->external_id : "-",
               c->archived ? _("\t(archived)") : "");
    }
}

static int
clients_search (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE, archived = FALSE;
  int limit = 50;
  GOptionEntry entries[] = {
    ebb_cli_option_database (&database),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the matches as JSON"), NULL },
    { "archived", 'a', 0, G_OPTION_ARG_NONE, &archived, N_("Include archived clients"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Print at most N matches (default 50)"), N_("N") },
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl clients search", _("TEXT…"),
                                 _("Finds clients by the beginnings of their names, date of birth "
                                   "(YYYY-MM-DD) or external id, ignoring case and accents."),
                                 entries);
  if (!ebb_cli_parse_options (context, "clients search", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc < 2)
    return ebb_cli_usage_error ("clients search", _("give the TEXT to search for"));
  if (limit < 1)
    return ebb_cli_usage_error ("clients search", _("--limit must be at least 1"));

  text = g_strjoinv (" ", argv + 1);

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return ebb_cli_failure ("clients search", error);

  found = ebb_store_client_search (store, text, archived, limit, &error);
  if (found == NULL)
    return ebb_cli_failure ("clients search", error);

  if (json)
    print_json (found);
  else
    print_table (found);

  return EBB_EXIT_OK;
}

int
ebb_cli_clients (int    argc,
                 char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "search") == 0)
    return clients_search (argc - 1, argv + 1);

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print (_("Usage:\n  ebbflowctl clients search TEXT… [--json] [--database PATH]\n\n"
                 "Run “ebbflowctl clients search --help” for the options.\n"));
      return EBB_EXIT_OK;
    }

  if (argc >= 2)
    return ebb_cli_usage_error ("clients", _("unknown clients command “%s”"), argv[1]);
  return ebb_cli_usage_error ("clients", _("give a command: search"));
}
