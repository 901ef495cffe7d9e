/* ebb-cli-audit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-cli.h"
#include "ebb-store.h"

static int
audit_verify (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *database = NULL;
  GOptionEntry entries_spec[] = {
    ebb_cli_option_operators_database (&database),
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl audit verify", NULL,
                                 _("Checks the audit trail’s hash chain. Exit status 0: intact; "
                                   "1: broken (the first bad entry is named) or unreadable."),
                                 entries_spec);
  if (!ebb_cli_parse_options (context, "audit verify", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("audit verify", _("unexpected argument “%s”"), argv[1]);

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    return ebb_cli_failure ("audit verify", error);

  /* The store's message names the first bad entry and what to do. */
  if (!ebb_store_audit_verify (store, NULL, &error))
    return ebb_cli_failure ("audit verify", error);

  entries = ebb_store_audit_list (store, 0, 0, &error);
  if (entries == NULL)
    return ebb_cli_failure ("audit verify", error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "The audit trail is intact: %u entry.\n",
                        "The audit trail is intact: %u entries.\n",
                        entries->len),
           entries->len);
  return EBB_EXIT_OK;
}

static const char *
operator_name (GHashTable *names,
               gint64      operator_id)
{
  const char *name;

  if (operator_id == 0)
    return "-";

  name = g_hash_table_lookup (names, &operator_id);
  return name != NULL ? name : "?";
}

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  return g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
}

/* The detail is JSON already; it is embedded as such, not as a string. */
static JsonNode *
parse_detail (const char *detail_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (detail_json == NULL)
    return json_node_new (JSON_NODE_NULL);

  if (!json_parser_load_from_data (parser, detail_json, -1, NULL) ||
      json_parser_get_root (parser) == NULL)
    return json_node_init_string (json_node_alloc (), detail_json);

  return json_node_copy (json_parser_get_root (parser));
}

static void
print_json (GPtrArray  *entries,
            GHashTable *names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      EbbAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (entry->time_us / G_USEC_PER_SEC);
      g_autofree char *iso = g_date_time_format_iso8601 (when);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, entry->id);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, iso);
      json_builder_set_member_name (builder, "time_us");
      json_builder_add_int_value (builder, entry->time_us);
      json_builder_set_member_name (builder, "operator_id");
      json_builder_add_int_value (builder, entry->operator_id);
      json_builder_set_member_name (builder, "operator");
      json_builder_add_string_value (builder, operator_name (names, entry->operator_id));
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, entry->action);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_string_value (builder, entry->subject);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_value (builder, parse_detail (entry->detail_json));
      json_builder_set_member_name (builder, "hash");
      json_builder_add_string_value (builder, entry->hash);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  ebb_cli_print_json (root);
}

static void
print_table (GPtrArray  *entries,
             GHashTable *names)
{
  for (guint i = 0; i < entries->len; i++)
    {
      EbbAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = format_time (entry->time_us);

      g_print ("%6" G_GINT64_FORMAT "  %s  %-12s %-24s %-16s %s\n",
               entry->id, when, operator_name (names, entry->operator_id),
               entry->action, entry->subject != NULL ? entry->subject : "-",
               entry->detail_json != NULL ? entry->detail_json : "");
    }
}

static int
audit_list (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *database = NULL;
  g_autofree char *as = NULL;
  g_autofree char *username = NULL;
  g_autofree char *action = NULL;
  g_autofree char *since = NULL;
  g_autofree char *client = NULL;
  gboolean json = FALSE;
  EbbAuditFilter filter = { 0 };
  GOptionEntry spec[] = {
    ebb_cli_option_operators_database (&database),
    ebb_cli_option_as (&as),
    { "operator", 0, 0, G_OPTION_ARG_STRING, &username,
      N_("Only entries by this operator"), N_("USER") },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action,
      N_("Only entries with this action id (see docs/audit.md)"), N_("ACTION") },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client,
      N_("Only entries about this client: their client number, record number or name"),
      N_("CLIENT") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Only entries from this date (YYYY-MM-DD) or ISO 8601 time on"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl audit list", NULL,
                                 _("Lists the audit trail, oldest first. Reading it needs an "
                                   "administrator (--as) and is itself recorded."),
                                 spec);
  if (!ebb_cli_parse_options (context, "audit list", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("audit list", _("unexpected argument “%s”"), argv[1]);
  if (as == NULL)
    return ebb_cli_usage_error ("audit list", _("name the administrator with --as USER"));
  if (since != NULL && !ebb_audit_parse_since (since, &filter.since_us))
    return ebb_cli_usage_error ("audit list",
                                _("--since “%s” is not a date such as 2026-03-31"), since);

  filter.username = username;
  filter.action = action;

  ctx = ebb_cli_open_and_login (database, as, &error);
  if (ctx == NULL)
    return ebb_cli_failure ("audit list", error);

  /* The same rule as `run --client` (docs/cli.md, “Naming a client”). */
  if (client != NULL && !ebb_audit_find_client (ctx, client, &filter.client_id, &error))
    return ebb_cli_failure ("audit list", error);

  entries = ebb_audit_query (ctx, &filter, &error);
  if (entries == NULL)
    return ebb_cli_failure ("audit list", error);

  names = ebb_audit_operator_names (ebb_operator_session_get_store (ctx), &error);
  if (names == NULL)
    return ebb_cli_failure ("audit list", error);
  if (json)
    print_json (entries, names);
  else
    print_table (entries, names);

  ebb_operator_session_logout (ctx);
  return EBB_EXIT_OK;
}

/**
 * ebb_cli_audit:
 * @argc: argument count, argv[0] being "audit"
 * @argv: arguments
 *
 * `ebbflowctl audit verify|list`.
 *
 * Returns: the exit status
 */
int
ebb_cli_audit (int    argc,
               char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "verify") == 0)
    return audit_verify (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return audit_list (argc - 1, argv + 1);

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s\n\n  verify  %s\n  list    %s\n\n%s\n",
               _("Usage: ebbflowctl audit verify|list [OPTIONS…]"),
               _("Check the audit trail’s hash chain"),
               _("List audit entries (administrators)"),
               _("Run “ebbflowctl audit verify --help” for a subcommand’s options."));
      return EBB_EXIT_OK;
    }

  if (argc < 2)
    return ebb_cli_usage_error ("audit", _("name a subcommand: verify or list"));

  return ebb_cli_usage_error ("audit", _("unknown subcommand “%s”"), argv[1]);
}
