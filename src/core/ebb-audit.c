/* ebb-audit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-audit-writer.h"
#include "ebb-client-lookup.h"
#include "ebb-permissions.h"

/* Entries are read from the store in pages of this many. */
#define QUERY_PAGE 512

static char *
build_detail_json (gint64      client_id,
                   const char *detail)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (client_id == 0 && detail == NULL)
    return NULL;

  json_builder_begin_object (builder);
  if (client_id != 0)
    {
      json_builder_set_member_name (builder, "client");
      json_builder_add_int_value (builder, client_id);
    }
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The stored form of an entry's record and detail, for both ways in. */
static void
describe_entry (const char  *record_kind,
                gint64       record_id,
                gint64       client_id,
                const char  *detail,
                char       **subject,
                char       **detail_json)
{
  if (record_kind != NULL && record_id != 0)
    *subject = g_strdup_printf ("%s:%" G_GINT64_FORMAT, record_kind, record_id);
  else
    *subject = g_strdup (record_kind);

  *detail_json = build_detail_json (client_id, detail);
}

/**
 * ebb_audit_record_client:
 * @ctx: the current operator (who); entries made while nobody is logged in
 *   are attributed to the system (operator id 0)
 * @action_id: what happened, one of the ids in docs/audit.md
 * @record_kind: (nullable): the kind of record acted on ("client", "session", …)
 * @record_id: its id; 0 when the record has no id
 * @client_id: the client the record belongs to, 0 for none; lets the audit
 *   viewer filter by client for records that are not the client itself
 * @detail: (nullable): English detail for the trail
 * @error: return location for a #GError
 *
 * Appends one entry to the store's hash-chained audit trail.
 *
 * Returns: %TRUE if the entry was written
 */
gboolean
ebb_audit_record_client (EbbOperatorSession  *ctx,
                         const char          *action_id,
                         const char          *record_kind,
                         gint64               record_id,
                         gint64               client_id,
                         const char          *detail,
                         GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);

  return ebb_audit_record_in (ebb_operator_session_get_store (ctx),
                              ebb_operator_session_get_operator_id (ctx),
                              action_id, record_kind, record_id, client_id, detail, error);
}

/**
 * ebb_audit_record_in:
 * @store: the database whose trail gets the entry
 * @operator_id: who; 0 for the system
 * @action_id: what happened, one of the ids in docs/audit.md
 * @record_kind: (nullable): the kind of record acted on
 * @record_id: its id; 0 when the record has no id
 * @client_id: the client the record belongs to, 0 for none
 * @detail: (nullable): English detail for the trail
 * @error: return location for a #GError
 *
 * As ebb_audit_record_client(), for the two entries no operator session
 * can write: the system's own jobs (the daily backup, operator 0) and a
 * restore, which records who restored into the restored database, a file
 * the operator never logged in to.
 *
 * Returns: %TRUE if the entry was written
 */
gboolean
ebb_audit_record_in (EbbStore    *store,
                     gint64       operator_id,
                     const char  *action_id,
                     const char  *record_kind,
                     gint64       record_id,
                     gint64       client_id,
                     const char  *detail,
                     GError     **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *detail_json = NULL;

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);
  g_return_val_if_fail (action_id != NULL && *action_id != '\0', FALSE);

  describe_entry (record_kind, record_id, client_id, detail, &subject, &detail_json);

  /* Entries queued for the writer thread (a running session's) go first,
   * so the trail keeps the order things happened in. Their failures were
   * logged when they happened. */
  ebb_audit_writer_flush_store (store, NULL);

  return ebb_store_audit_append (store, operator_id, action_id, subject, detail_json, error) > 0;
}

/**
 * ebb_audit_queue_client:
 * @writer: the store's audit writer (ebb_audit_writer_get_for_store())
 * @ctx: the current operator, as for ebb_audit_record_client()
 * @action_id: what happened, one of the ids in docs/audit.md
 * @record_kind: (nullable): the kind of record acted on
 * @record_id: its id; 0 when the record has no id
 * @client_id: the client the record belongs to, 0 for none
 * @detail: (nullable): English detail for the trail
 *
 * As ebb_audit_record_client(), for the main thread while a chamber runs:
 * the entry is stamped now and written, in order, on the writer's thread;
 * this returns at once. A failure to write it is logged there.
 */
void
ebb_audit_queue_client (EbbAuditWriter     *writer,
                        EbbOperatorSession *ctx,
                        const char         *action_id,
                        const char         *record_kind,
                        gint64              record_id,
                        gint64              client_id,
                        const char         *detail)
{
  g_autofree char *subject = NULL;
  g_autofree char *detail_json = NULL;

  g_return_if_fail (EBB_IS_AUDIT_WRITER (writer));
  g_return_if_fail (EBB_IS_OPERATOR_SESSION (ctx));
  g_return_if_fail (action_id != NULL && *action_id != '\0');

  describe_entry (record_kind, record_id, client_id, detail, &subject, &detail_json);
  ebb_audit_writer_push (writer, ebb_operator_session_get_operator_id (ctx),
                         action_id, subject, detail_json);
}

/**
 * ebb_audit_record:
 * @ctx: the current operator
 * @action_id: what happened, one of the ids in docs/audit.md
 * @record_kind: (nullable): the kind of record acted on
 * @record_id: its id, 0 for none
 * @detail: (nullable): English detail for the trail
 * @error: return location for a #GError
 *
 * The single way product code writes the audit trail. A record of kind
 * "client" is also found by the viewer's client filter.
 *
 * Returns: %TRUE if the entry was written
 */
gboolean
ebb_audit_record (EbbOperatorSession  *ctx,
                  const char          *action_id,
                  const char          *record_kind,
                  gint64               record_id,
                  const char          *detail,
                  GError             **error)
{
  gint64 client_id = g_strcmp0 (record_kind, "client") == 0 ? record_id : 0;

  return ebb_audit_record_client (ctx, action_id, record_kind, record_id,
                                  client_id, detail, error);
}

/* The entry's detail object, or NULL when it has none or it is not an
 * object (entries written by other tools). */
static JsonObject *
detail_object (const EbbAuditEntry *entry,
               JsonParser          *parser)
{
  JsonNode *root;

  if (entry->detail_json == NULL ||
      !json_parser_load_from_data (parser, entry->detail_json, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_get_object (root);
}

/**
 * ebb_audit_entry_client:
 * @entry: an audit entry
 *
 * Returns: the client the entry concerns, or 0
 */
gint64
ebb_audit_entry_client (const EbbAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_return_val_if_fail (entry != NULL, 0);

  if (entry->subject != NULL && g_str_has_prefix (entry->subject, "client:"))
    return g_ascii_strtoll (entry->subject + strlen ("client:"), NULL, 10);

  object = detail_object (entry, parser);
  if (object == NULL || !json_object_has_member (object, "client"))
    return 0;

  return json_object_get_int_member (object, "client");
}

/**
 * ebb_audit_entry_detail:
 * @entry: an audit entry
 *
 * Returns: (transfer full) (nullable): the entry's English detail text
 */
char *
ebb_audit_entry_detail (const EbbAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_return_val_if_fail (entry != NULL, NULL);

  object = detail_object (entry, parser);
  if (object == NULL || !json_object_has_member (object, "detail"))
    return NULL;

  return g_strdup (json_object_get_string_member (object, "detail"));
}

/**
 * ebb_audit_parse_since:
 * @text: a date ("2026-03-31", local midnight) or an ISO 8601 time
 * @since_us: (out): the time in microseconds since the Unix epoch
 *
 * Reads the "from" filter of the viewer and of `ebbflowctl audit list`.
 *
 * Returns: %TRUE if @text is a date or time
 */
gboolean
ebb_audit_parse_since (const char *text,
                       gint64     *since_us)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int year, month, day;
  char tail;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (since_us != NULL, FALSE);

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3)
    when = g_date_time_new (local, year, month, day, 0, 0, 0);
  else
    when = g_date_time_new_from_iso8601 (text, local);

  if (when == NULL)
    return FALSE;

  *since_us = g_date_time_to_unix (when) * G_USEC_PER_SEC +
              g_date_time_get_microsecond (when);
  return TRUE;
}

/**
 * ebb_audit_operator_names:
 * @store: the database
 * @error: return location for a #GError
 *
 * Entries store operator ids; the viewer shows user names, also of
 * operators deactivated since.
 *
 * Returns: (transfer full) (element-type gint64 utf8): operator id to user name
 */
GHashTable *
ebb_audit_operator_names (EbbStore  *store,
                          GError   **error)
{
  g_autoptr(GPtrArray) operators = ebb_store_operator_list (store, TRUE, error);
  GHashTable *names;

  if (operators == NULL)
    return NULL;

  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < operators->len; i++)
    {
      const EbbOperator *op = g_ptr_array_index (operators, i);

      g_hash_table_insert (names, g_memdup2 (&op->id, sizeof op->id), g_strdup (op->username));
    }

  return names;
}

static gboolean
entry_matches (const EbbAuditEntry  *entry,
               const EbbAuditFilter *filter,
               gint64                operator_id)
{
  if (filter->username != NULL && entry->operator_id != operator_id)
    return FALSE;
  if (filter->action != NULL && g_strcmp0 (entry->action, filter->action) != 0)
    return FALSE;
  if (filter->since_us != 0 && entry->time_us < filter->since_us)
    return FALSE;
  if (filter->client_id != 0 && ebb_audit_entry_client (entry) != filter->client_id)
    return FALSE;

  return TRUE;
}

static char *
describe_filter (const EbbAuditFilter *filter)
{
  GString *text = g_string_new ("filter");

  if (filter->username != NULL)
    g_string_append_printf (text, " operator=%s", filter->username);
  if (filter->action != NULL)
    g_string_append_printf (text, " action=%s", filter->action);
  if (filter->client_id != 0)
    g_string_append_printf (text, " client=%" G_GINT64_FORMAT, filter->client_id);
  if (filter->since_us != 0)
    g_string_append_printf (text, " since=%" G_GINT64_FORMAT, filter->since_us);

  return g_string_free (text, FALSE);
}

/**
 * ebb_audit_query:
 * @ctx: the current operator; needs %EBB_ACTION_AUDIT_VIEW
 * @filter: (nullable): which entries; %NULL for all
 * @error: return location for a #GError
 *
 * Reads the audit trail for the viewer. Reading it is itself audited
 * (`audit.view`), after the read, so the entry does not list itself.
 *
 * Returns: (transfer full) (element-type EbbAuditEntry): the matching
 *   entries, oldest first; %NULL on error
 */
GPtrArray *
ebb_audit_query (EbbOperatorSession    *ctx,
                 const EbbAuditFilter  *filter,
                 GError               **error)
{
  static const EbbAuditFilter everything = { 0 };
  EbbStore *store;
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *description = NULL;
  gint64 operator_id = 0;
  gint64 after_id = 0;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_AUDIT_VIEW, error))
    return NULL;

  if (filter == NULL)
    filter = &everything;

  store = ebb_operator_session_get_store (ctx);
  /* What a running session queued belongs in the answer. */
  ebb_audit_writer_flush_store (store, NULL);

  if (filter->username != NULL)
    {
      g_autoptr(EbbOperator) op = ebb_store_operator_find (store, filter->username, error);

      if (op == NULL)
        return NULL;
      operator_id = op->id;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_audit_entry_free);

  for (;;)
    {
      g_autoptr(GPtrArray) page = ebb_store_audit_list (store, after_id, QUERY_PAGE, error);

      if (page == NULL)
        return NULL;

      /* Matching entries move to the result; the rest are freed here. */
      g_ptr_array_set_free_func (page, NULL);
      for (guint i = 0; i < page->len; i++)
        {
          EbbAuditEntry *entry = g_ptr_array_index (page, i);

          after_id = entry->id;
          if (entry_matches (entry, filter, operator_id))
            g_ptr_array_add (result, entry);
          else
            ebb_audit_entry_free (entry);
        }

      if (page->len < QUERY_PAGE)
        break;
    }

  if (filter->limit != 0 && result->len > filter->limit)
    g_ptr_array_remove_range (result, 0, result->len - filter->limit);

  description = describe_filter (filter);
  if (!ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_AUDIT_VIEW),
                         "audit", 0, description, error))
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * ebb_audit_find_client:
 * @ctx: the current operator; needs %EBB_ACTION_AUDIT_VIEW
 * @text: what the operator entered: the client number shown on the client
 *   page (`DEMO-0002`), the record number, or a name (or part of one, as
 *   the client search takes it)
 * @client_id: (out): the client's database id
 * @error: return location for a #GError: an %EBB_CLIENT_LOOKUP_ERROR, a
 *   refusal or the store's
 *
 * Finds the client an audit filter means, so the operator never needs the
 * internal id the entries store, by the rule of ebb_client_lookup() that
 * `ebbflowctl run --client` follows too. Archived clients are found: their
 * history stays in the trail.
 *
 * Returns: %TRUE if exactly one client matches
 */
gboolean
ebb_audit_find_client (EbbOperatorSession  *ctx,
                       const char          *text,
                       gint64              *client_id,
                       GError             **error)
{
  g_autoptr(EbbClient) client = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_AUDIT_VIEW, error))
    return FALSE;

  client = ebb_client_lookup (ebb_operator_session_get_store (ctx), text, error);
  if (client == NULL)
    return FALSE;

  *client_id = client->id;
  return TRUE;
}
