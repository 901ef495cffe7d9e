/* ebb-session-export.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-session-export.h"

/* Exports read only through the store's API. Numbers are written with
 * g_ascii_* so a German locale never turns 30.5 into "30,5"; times are
 * ISO 8601 UTC. Output is buffered and written in large blocks. */

#define FLUSH_AT (64 * 1024)

static gboolean
flush_buffer (GOutputStream  *out,
              GString        *buffer,
              gboolean        force,
              GCancellable   *cancellable,
              GError        **error)
{
  if (buffer->len == 0 || (!force && buffer->len < FLUSH_AT))
    return TRUE;

  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;

  g_string_truncate (buffer, 0);
  return TRUE;
}

static void
append_iso_time (GString *buffer,
                 gint64   time_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  if (dt == NULL)
    return;

  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  g_string_append_printf (buffer, "%s.%03dZ", text, (int) ((time_us % G_USEC_PER_SEC) / 1000));
}

/* A sample's wall time, from the session's epoch (ebb-store-records.h). */
static gint64
sample_time_us (const EbbSessionRecord *session,
                guint32                 device_ms)
{
  gint64 epoch = session->sample_epoch_us != 0 ? session->sample_epoch_us : session->started_us;

  return epoch + (gint64) (guint32) (device_ms - session->sample_epoch_device_ms) * 1000;
}

static void
append_csv_field (GString    *buffer,
                  const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (buffer, text);
      return;
    }

  g_string_append_c (buffer, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (buffer, '"');
      g_string_append_c (buffer, *p);
    }
  g_string_append_c (buffer, '"');
}

static void
append_pressure (GString         *buffer,
                 gint32           pa,
                 EbbPressureUnit  unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  /* Enough decimals to resolve one pascal, the device's resolution; the
   * screen shows fewer (ebb_units_decimals) to keep readouts calm. */
  g_snprintf (format, sizeof format, "%%.%uf", unit == EBB_PRESSURE_UNIT_MBAR ? 2u : 3u);
  g_string_append (buffer, g_ascii_formatd (number, sizeof number, format, ebb_units_pa_to (pa, unit)));
}

/**
 * ebb_session_export_csv:
 * @store: the store
 * @session_id: the session
 * @unit: the display unit for the second pressure column
 * @out: where to write
 * @cancellable: (nullable): to stop a long export
 * @error: return location for a #GError
 *
 * Writes one row per sample: time, device_ms, pressure in Pa and in
 * @unit, target, pump, vent, flags and faults.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_session_export_csv (EbbStore         *store,
                        gint64            session_id,
                        EbbPressureUnit   unit,
                        GOutputStream    *out,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(EbbSessionRecord) session = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_AT + 256);

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  session = ebb_store_session_get (store, session_id, error);
  if (session == NULL)
    return FALSE;
  samples = ebb_store_session_read_samples (store, session_id, error);
  if (samples == NULL)
    return FALSE;

  g_string_append_printf (buffer,
                          "time,device_ms,pressure_pa,pressure_%s,target_pa,target_%s,"
                          "pump_pct,vent_open,flags,faults\r\n",
                          ebb_units_id (unit), ebb_units_id (unit));

  for (guint i = 0; i < samples->len; i++)
    {
      const EbbEcpTelemetry *t = &g_array_index (samples, EbbEcpTelemetry, i);

      append_iso_time (buffer, sample_time_us (session, t->device_ms));
      g_string_append_printf (buffer, ",%u,%d,", t->device_ms, t->pressure_pa);
      append_pressure (buffer, t->pressure_pa, unit);
      g_string_append_printf (buffer, ",%d,", t->target_pa);
      append_pressure (buffer, t->target_pa, unit);
      g_string_append_printf (buffer, ",%u,%u,%u,%u\r\n",
                              t->pump_pct, t->vent_open, t->flags, t->faults);

      if (!flush_buffer (out, buffer, FALSE, cancellable, error))
        return FALSE;
    }

  return flush_buffer (out, buffer, TRUE, cancellable, error);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_id (JsonBuilder *b,
        const char  *name,
        gint64       id)
{
  json_builder_set_member_name (b, name);
  if (id != 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       time_us)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (time_us != 0)
    append_iso_time (text, time_us);
  add_string (b, name, time_us != 0 ? text->str : NULL);
}

/* Embeds stored JSON text as JSON, not as a string. */
static void
add_json (JsonBuilder *b,
          const char  *name,
          const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (b, name);
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
}

static void
add_vitals (JsonBuilder     *b,
            const char      *name,
            const EbbVitals *v)
{
  json_builder_set_member_name (b, name);
  if (!v->recorded)
    {
      json_builder_add_null_value (b);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bp_systolic_mmhg");
  json_builder_add_int_value (b, v->bp_systolic);
  json_builder_set_member_name (b, "bp_diastolic_mmhg");
  json_builder_add_int_value (b, v->bp_diastolic);
  json_builder_set_member_name (b, "heart_rate_bpm");
  json_builder_add_int_value (b, v->heart_rate);
  json_builder_end_object (b);
}

/**
 * ebb_session_export_json:
 * @store: the store
 * @session_id: the session
 * @out: where to write
 * @cancellable: (nullable): to stop a long export
 * @error: return location for a #GError
 *
 * Writes the session, a reference to its client, the profile snapshot,
 * the events and the samples (as rows of numbers, fields named once) in
 * one JSON object; docs/store.md shows its shape.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_session_export_json (EbbStore       *store,
                         gint64          session_id,
                         GOutputStream  *out,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(EbbSessionRecord) session = NULL;
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autofree char *head = NULL;

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  session = ebb_store_session_get (store, session_id, error);
  if (session == NULL)
    return FALSE;
  client = ebb_store_client_get (store, session->client_id, error);
  if (client == NULL)
    return FALSE;
  events = ebb_store_session_read_events (store, session_id, error);
  if (events == NULL)
    return FALSE;
  samples = ebb_store_session_read_samples (store, session_id, error);
  if (samples == NULL)
    return FALSE;

  json_builder_begin_object (b);
  add_string (b, "format", "ebbflow-session");
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, 1);

  json_builder_set_member_name (b, "session");
  json_builder_begin_object (b);
  add_id (b, "id", session->id);
  add_id (b, "screening_id", session->screening_id);
  add_id (b, "profile_id", session->profile_id);
  add_id (b, "operator_id", session->operator_id);
  json_builder_set_member_name (b, "chamber");
  json_builder_begin_object (b);
  add_string (b, "model", session->chamber_model);
  add_string (b, "serial", session->chamber_serial);
  add_string (b, "firmware", session->chamber_firmware);
  json_builder_end_object (b);
  add_time (b, "started", session->started_us);
  add_time (b, "ended", session->ended_us);
  add_string (b, "end_state", ebb_session_end_state_to_id (session->end_state));
  add_string (b, "end_reason", session->end_reason);
  add_string (b, "notes", session->notes);
  add_vitals (b, "vitals_before", &session->vitals_before);
  add_vitals (b, "vitals_after", &session->vitals_after);
  add_json (b, "link_stats", session->link_stats_json);
  add_time (b, "sample_epoch", session->sample_epoch_us);
  json_builder_set_member_name (b, "sample_epoch_device_ms");
  json_builder_add_int_value (b, session->sample_epoch_device_ms);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "client");
  json_builder_begin_object (b);
  add_id (b, "id", client->id);
  add_string (b, "external_id", client->external_id);
  json_builder_end_object (b);

  add_json (b, "profile", session->profile_json);

  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < events->len; i++)
    {
      const EbbSessionEvent *e = g_ptr_array_index (events, i);

      json_builder_begin_object (b);
      add_time (b, "time", e->time_us);
      json_builder_set_member_name (b, "device_ms");
      json_builder_add_int_value (b, e->device_ms);
      add_string (b, "kind", ebb_session_event_kind_to_id (e->kind));
      add_string (b, "code", e->code);
      add_string (b, "message", e->message);
      add_json (b, "data", e->data_json);
      add_id (b, "operator_id", e->operator_id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  head = json_generator_to_data (generator, NULL);

  /* The samples are streamed by hand: a JSON-GLib tree of 720,000 rows
   * would take hundreds of megabytes. The generated object loses its
   * closing brace and the samples member follows. */
  g_assert (g_str_has_suffix (head, "}"));
  head[strlen (head) - 1] = '\0';

  buffer = g_string_sized_new (FLUSH_AT + 256);
  g_string_append (buffer, head);
  g_string_append (buffer, ",\"samples\":{\"fields\":[\"device_ms\",\"pressure_pa\",\"target_pa\","
                           "\"pump_pct\",\"vent_open\",\"flags\",\"faults\"],\"rows\":[");
  for (guint i = 0; i < samples->len; i++)
    {
      const EbbEcpTelemetry *t = &g_array_index (samples, EbbEcpTelemetry, i);

      g_string_append_printf (buffer, "%s[%u,%d,%d,%u,%u,%u,%u]", i > 0 ? "," : "",
                              t->device_ms, t->pressure_pa, t->target_pa, t->pump_pct,
                              t->vent_open, t->flags, t->faults);
      if (!flush_buffer (out, buffer, FALSE, cancellable, error))
        return FALSE;
    }
  g_string_append (buffer, "]}}\n");

  return flush_buffer (out, buffer, TRUE, cancellable, error);
}

static char *
profile_name (const char *profile_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (profile_json == NULL || !json_parser_load_from_data (parser, profile_json, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "name", NULL));
}

static void
append_vitals_csv (GString         *buffer,
                   const EbbVitals *v)
{
  if (v->recorded)
    g_string_append_printf (buffer, ",%u,%u,%u", v->bp_systolic, v->bp_diastolic, v->heart_rate);
  else
    g_string_append (buffer, ",,,");
}

/**
 * ebb_client_export_history_csv:
 * @store: the store
 * @client_id: the client
 * @out: where to write
 * @cancellable: (nullable): to stop the export
 * @error: return location for a #GError
 *
 * Writes one row per session of the client, oldest first.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_client_export_history_csv (EbbStore       *store,
                               gint64          client_id,
                               GOutputStream  *out,
                               GCancellable   *cancellable,
                               GError        **error)
{
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  client = ebb_store_client_get (store, client_id, error);
  if (client == NULL)
    return FALSE;
  sessions = ebb_store_session_list (store, client_id, 0, error);
  if (sessions == NULL)
    return FALSE;

  g_string_append (buffer,
                   "session,client,external_id,started,ended,end_state,profile,operator_id,"
                   "chamber_serial,samples,bp_sys_before,bp_dia_before,hr_before,"
                   "bp_sys_after,bp_dia_after,hr_after,end_reason,notes\r\n");

  for (guint i = sessions->len; i > 0; i--)
    {
      const EbbSessionRecord *s = g_ptr_array_index (sessions, i - 1);
      g_autofree char *profile = profile_name (s->profile_json);

      g_string_append_printf (buffer, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",", s->id, client->id);
      append_csv_field (buffer, client->external_id);
      g_string_append_c (buffer, ',');
      append_iso_time (buffer, s->started_us);
      g_string_append_c (buffer, ',');
      if (s->ended_us != 0)
        append_iso_time (buffer, s->ended_us);
      g_string_append_printf (buffer, ",%s,", ebb_session_end_state_to_id (s->end_state));
      append_csv_field (buffer, profile);
      g_string_append_c (buffer, ',');
      if (s->operator_id != 0)
        g_string_append_printf (buffer, "%" G_GINT64_FORMAT, s->operator_id);
      g_string_append_c (buffer, ',');
      append_csv_field (buffer, s->chamber_serial);
      g_string_append_printf (buffer, ",%" G_GUINT64_FORMAT, s->n_samples);
      append_vitals_csv (buffer, &s->vitals_before);
      append_vitals_csv (buffer, &s->vitals_after);
      g_string_append_c (buffer, ',');
      append_csv_field (buffer, s->end_reason);
      g_string_append_c (buffer, ',');
      append_csv_field (buffer, s->notes);
      g_string_append (buffer, "\r\n");
    }

  return flush_buffer (out, buffer, TRUE, cancellable, error);
}
