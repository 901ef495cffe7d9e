/* ebb-report-load.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report-load"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ebb-profile.h"
#include "ebb-questionnaire.h"
#include "ebb-report-load.h"
#include "ebb-report.h"

/* Fills an EbbReportData from the database through the store's API, so a
 * session's report can be printed at any time later, by the console or by
 * ebbflowctl, without the session that recorded it. What the database
 * does not hold (the clinic's name, address and logo, its current limit)
 * comes from the settings, through ebb_report_data_apply_settings(). */

static GDateTime *
date_time_from_us (gint64 us)
{
  g_autoptr(GDateTime) seconds = NULL;

  if (us <= 0)
    return NULL;

  /* g_date_time_new_from_unix_local_usec needs GLib 2.80. */
  seconds = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  return g_date_time_add (seconds, us % G_USEC_PER_SEC);
}

static void
parse_iso_date (const char *iso,
                GDate      *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (iso != NULL && sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
}

static char *
operator_name (EbbStore *store,
               gint64    operator_id)
{
  g_autoptr(EbbOperator) op = NULL;

  if (operator_id <= 0)
    return NULL;
  op = ebb_store_operator_get (store, operator_id, NULL);
  if (op == NULL)
    return NULL;

  return g_strdup (op->display_name != NULL && *op->display_name != '\0' ? op->display_name
                                                                         : op->username);
}

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (json == NULL || *json == '\0')
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);

  return root != NULL ? json_node_copy (root) : NULL;
}

/* A member spelt with dashes (as EbbProfile writes it) or underscores (as
 * other writers do). */
static JsonNode *
member (JsonObject *object,
        const char *dashed)
{
  g_autofree char *underscored = g_strdelimit (g_strdup (dashed), "-", '_');
  JsonNode *node = json_object_get_member (object, dashed);

  return node != NULL ? node : json_object_get_member (object, underscored);
}

static gint64
member_int (JsonObject *object,
            const char *dashed)
{
  JsonNode *node = member (object, dashed);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) (json_node_get_double (node) + 0.5);

  return 0;
}

static const char *
member_string (JsonObject *object,
               const char *dashed)
{
  JsonNode *node = member (object, dashed);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/* The snapshot taken when the session started is what ran; the profile's
 * row may have gained versions since. */
static gboolean
load_profile (EbbStore               *store,
              const EbbSessionRecord *session,
              EbbReportData          *data,
              GError                **error)
{
  g_autoptr(JsonNode) root = parse_json (session->profile_json);
  g_autoptr(EbbProfileRecord) record = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      data->profile_name = g_strdup (member_string (object, "name"));
      data->level_pa = (gint32) CLAMP (member_int (object, "level-pa"), G_MININT32, 0);
      data->vacuum_s = (guint) CLAMP (member_int (object, "vacuum-s"), 0, G_MAXUINT32);
      data->release_s = (guint) CLAMP (member_int (object, "release-s"), 0, G_MAXUINT32);
      data->ramp_pa_s = (guint) CLAMP (member_int (object, "ramp-pa-s"), 0, G_MAXUINT32);
      data->duration_s = (guint) CLAMP (member_int (object, "duration-s"), 0, G_MAXUINT32);
      if (data->level_pa < 0)
        return TRUE;
      g_clear_pointer (&data->profile_name, g_free);
    }

  if (session->profile_id <= 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, session->id);

      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_INVALID_DATA,
                   _("Session %s has no record of the profile it ran, so no report can be "
                     "printed."), number);
      return FALSE;
    }

  record = ebb_store_profile_get (store, session->profile_id, error);
  if (record == NULL)
    return FALSE;

  data->profile_name = g_strdup (record->name);
  data->level_pa = record->level_pa;
  data->vacuum_s = (guint) (record->vacuum_s + 0.5);
  data->release_s = (guint) (record->release_s + 0.5);
  data->ramp_pa_s = (guint) MAX (record->ramp_pa_s, 0);
  data->duration_s = record->duration_s;
  return TRUE;
}

static EbbReportOutcome
outcome_from_id (const char *id)
{
  static const EbbReportOutcome outcomes[] = {
    EBB_REPORT_OUTCOME_CLEAR, EBB_REPORT_OUTCOME_NOTE,
    EBB_REPORT_OUTCOME_REFER, EBB_REPORT_OUTCOME_EXCLUDE,
  };
  static const EbbScreeningOutcome screening[] = {
    EBB_SCREENING_OUTCOME_CLEAR, EBB_SCREENING_OUTCOME_NOTE,
    EBB_SCREENING_OUTCOME_REFER, EBB_SCREENING_OUTCOME_EXCLUDE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (id, ebb_screening_outcome_to_string (screening[i])) == 0)
      return outcomes[i];

  /* An unknown or incomplete outcome never prints as harmless. */
  return EBB_REPORT_OUTCOME_EXCLUDE;
}

static EbbReportScreening *
load_screening (EbbStore            *store,
                const EbbReportData *data,
                gint64               screening_id,
                GError             **error)
{
  g_autoptr(EbbStoredScreening) stored = ebb_store_screening_get (store, screening_id, error);
  g_autoptr(EbbReportScreening) screening = NULL;
  g_autoptr(JsonNode) reasons = NULL;

  if (stored == NULL)
    return NULL;

  screening = ebb_report_screening_new ();
  screening->client_name = ebb_report_data_client_name (data);
  screening->client_birth_date = data->client_birth_date;
  screening->client_clinic_id = g_strdup (data->client_clinic_id);
  screening->date = date_time_from_us (stored->screened_us);
  screening->screened_by = operator_name (store, stored->operator_id);
  screening->questionnaire_id = g_strdup (stored->questionnaire_id);
  screening->questionnaire_version = g_strdup (stored->questionnaire_version);
  screening->outcome = outcome_from_id (stored->outcome);
  screening->valid_until = date_time_from_us (stored->valid_until_us);
  if (stored->cleared_by > 0)
    {
      screening->clearance_by = operator_name (store, stored->cleared_by);
      screening->clearance_at = date_time_from_us (stored->cleared_us);
      screening->clearance_note = g_strdup (stored->clearance_note);
    }

  /* The screening engine's reasons: [{"outcome": "note", "text": …}, …] */
  reasons = parse_json (stored->reasons_json);
  if (reasons != NULL && JSON_NODE_HOLDS_ARRAY (reasons))
    {
      JsonArray *array = json_node_get_array (reasons);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *text;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          text = member_string (json_node_get_object (node), "text");
          if (text != NULL)
            g_ptr_array_add (screening->reasons,
                             ebb_report_reason_new (outcome_from_id (member_string (json_node_get_object (node), "outcome")),
                                                    text));
        }
    }

  return g_steal_pointer (&screening);
}

static EbbReportPriority
priority_from_id (const char *id)
{
  if (g_strcmp0 (id, "high") == 0)
    return EBB_REPORT_PRIORITY_HIGH;
  if (g_strcmp0 (id, "medium") == 0)
    return EBB_REPORT_PRIORITY_MEDIUM;
  if (g_strcmp0 (id, "low") == 0)
    return EBB_REPORT_PRIORITY_LOW;

  return EBB_REPORT_PRIORITY_INFO;
}

/* An alarm's priority as recorded: a "priority" member of the event's
 * data, else the last word of its message ("over-vacuum high", as the
 * session runner writes it); medium when neither says. */
static EbbReportPriority
alarm_priority (const EbbSessionEvent *event)
{
  g_autoptr(JsonNode) root = parse_json (event->data_json);
  EbbReportPriority priority = EBB_REPORT_PRIORITY_INFO;
  const char *last;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    priority = priority_from_id (member_string (json_node_get_object (root), "priority"));
  if (priority == EBB_REPORT_PRIORITY_INFO && event->message != NULL &&
      (last = strrchr (event->message, ' ')) != NULL)
    priority = priority_from_id (last + 1);

  return priority != EBB_REPORT_PRIORITY_INFO ? priority : EBB_REPORT_PRIORITY_MEDIUM;
}

/* The chamber's clock at wall time @time_us, by the session row's mapping
 * of its first sample's arrival. */
static guint32
device_ms_at (const EbbSessionRecord *session,
              gint64                  time_us)
{
  return (guint32) ((gint64) session->sample_epoch_device_ms + (time_us - session->sample_epoch_us) / 1000);
}

/* When @event happened, in ms since the session started: on the chamber's
 * clock where the recorder stamped it, so a wall-clock step during the
 * session (an NTP correction) does not move it; else on the wall clock. */
static gint64
event_offset_ms (const EbbSessionRecord *session,
                 const EbbSessionEvent  *event)
{
  if (event->device_ms != 0 && session->sample_epoch_us != 0)
    return MAX ((gint32) (event->device_ms - device_ms_at (session, session->started_us)), 0);

  return (event->time_us - session->started_us) / 1000;
}

/* Phases, setpoints and link statistics are in the chart and the
 * statistics; the table lists alarms, faults, operator actions and notes. */
static void
load_events (const EbbSessionRecord *session,
             GPtrArray              *events,
             EbbReportData          *data)
{
  for (guint i = 0; i < events->len; i++)
    {
      const EbbSessionEvent *event = g_ptr_array_index (events, i);
      EbbReportPriority priority;
      const char *text;

      switch (event->kind)
        {
        case EBB_SESSION_EVENT_PHASE:
        case EBB_SESSION_EVENT_SETPOINT:
        case EBB_SESSION_EVENT_LINK_STATS:
          continue;
        case EBB_SESSION_EVENT_ALARM_RAISED:
          priority = alarm_priority (event);
          break;
        case EBB_SESSION_EVENT_DEVICE_FAULT:
          /* Every device fault vents the chamber (ECP/1 §4.2). */
          priority = EBB_REPORT_PRIORITY_HIGH;
          break;
        case EBB_SESSION_EVENT_ALARM_ACKNOWLEDGED:
        case EBB_SESSION_EVENT_ALARM_CLEARED:
        case EBB_SESSION_EVENT_OPERATOR_ACTION:
        case EBB_SESSION_EVENT_NOTE:
        default:
          priority = EBB_REPORT_PRIORITY_INFO;
          break;
        }

      text = event->message != NULL && *event->message != '\0' ? event->message : event->code;
      g_ptr_array_add (data->events,
                       ebb_report_event_new (event_offset_ms (session, event), priority,
                                             event->code, text));
    }
}

/* The session runner records each phase as a "phase" event ("vacuum 3",
 * "release 3"), again when it resumes the phase after a pause, and every
 * change of its state as a "state" event ("paused", "finishing", …).
 * Returns the mark @event stands for, or 0 for any other event. */
static EbbReportPhaseKind
phase_mark_for (const EbbSessionEvent *event,
                guint                 *cycle)
{
  static const struct { const char *name; EbbReportPhaseKind kind; } phases[] = {
    { "vacuum", EBB_REPORT_PHASE_VACUUM },
    { "release", EBB_REPORT_PHASE_RELEASE },
  };
  static const char * const ends[] = { "finishing", "completed", "stopped", "aborted", "interrupted" };
  g_auto(GStrv) words = NULL;
  guint64 number;

  *cycle = 0;
  if (event->code == NULL || event->message == NULL)
    return 0;

  if (event->kind == EBB_SESSION_EVENT_PHASE && g_str_equal (event->code, "phase"))
    {
      words = g_strsplit (event->message, " ", 3);
      if (g_strv_length (words) != 2 ||
          !g_ascii_string_to_unsigned (words[1], 10, 1, G_MAXUINT, &number, NULL))
        return 0;
      for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
        if (g_str_equal (words[0], phases[i].name))
          {
            *cycle = (guint) number;
            return phases[i].kind;
          }
      return 0;
    }

  /* The recorder appends the name of an operator other than the
   * session's: "paused (Name)". */
  if (g_str_equal (event->code, "state"))
    {
      words = g_strsplit (event->message, " ", 2);
      if (g_str_equal (words[0], "paused"))
        return EBB_REPORT_PHASE_PAUSED;
      if (g_strv_contains (ends, words[0]))
        return EBB_REPORT_PHASE_ENDED;
    }

  return 0;
}

/* Puts the recorded phases on the samples' clock. The recorder stamps
 * each event with the chamber's clock when it happened, which is the
 * samples' own time line, whatever the wall clock did meanwhile (an NTP
 * step, a batch delay). Sessions recorded before it did (device_ms 0)
 * have only the wall clock, which the session row maps onto the device
 * clock through the first sample's arrival. The marks are used only when
 * the session recorded its vacuum phases; otherwise the statistics and
 * the chart read the phases from the samples' setpoint. */
static void
load_phase_marks (const EbbSessionRecord *session,
                  GPtrArray              *events,
                  EbbReportData          *data)
{
  gboolean any_vacuum = FALSE;

  if (session->sample_epoch_us == 0)
    return;

  for (guint i = 0; i < events->len; i++)
    {
      const EbbSessionEvent *event = g_ptr_array_index (events, i);
      EbbReportPhaseKind kind;
      guint32 device_ms;
      guint cycle;

      kind = phase_mark_for (event, &cycle);
      if (kind == 0)
        continue;

      if (event->device_ms != 0)
        device_ms = event->device_ms;
      else
        device_ms = device_ms_at (session, event->time_us);
      ebb_report_data_add_phase_mark (data, device_ms, kind, cycle);
      any_vacuum |= kind == EBB_REPORT_PHASE_VACUUM;
    }

  if (!any_vacuum)
    g_array_set_size (data->phase_marks, 0);
}

static void
load_link_stats (const char    *json,
                 EbbReportData *data)
{
  g_autoptr(JsonNode) root = parse_json (json);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  object = json_node_get_object (root);
  data->link_frames_lost = (guint) CLAMP (member_int (object, "frames-lost"), 0, G_MAXUINT);
  data->link_crc_errors = (guint) CLAMP (member_int (object, "crc-errors") + member_int (object, "frames-bad"),
                                         0, G_MAXUINT);
  data->link_losses = (guint) CLAMP (member_int (object, "link-losses"), 0, G_MAXUINT);
}

static EbbReportEndState
end_state_from_store (EbbSessionEndState state)
{
  switch (state)
    {
    case EBB_SESSION_COMPLETED:
      return EBB_REPORT_END_COMPLETED;
    case EBB_SESSION_STOPPED:
      return EBB_REPORT_END_STOPPED;
    case EBB_SESSION_ABORTED:
      return EBB_REPORT_END_ABORTED;
    case EBB_SESSION_INTERRUPTED:
    case EBB_SESSION_RUNNING:
    default:
      return EBB_REPORT_END_INTERRUPTED;
    }
}

/**
 * ebb_report_data_load:
 * @store: the clinic's database
 * @session_id: a session that has ended
 * @error: return location for an error in %EBB_STORE_ERROR or %EBB_REPORT_ERROR
 *
 * Reads everything a session's report prints from the database: client,
 * operator, chamber, end state, the profile snapshot, screening, samples,
 * events, vitals, notes and link statistics.
 *
 * Returns: (transfer full): the model, or %NULL when the session is not
 *   there or is still running
 */
EbbReportData *
ebb_report_data_load (EbbStore  *store,
                      gint64     session_id,
                      GError   **error)
{
  g_autoptr(EbbSessionRecord) session = NULL;
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(EbbReportData) data = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GArray *samples;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  session = ebb_store_session_get (store, session_id, error);
  if (session == NULL)
    return NULL;

  if (session->end_state == EBB_SESSION_RUNNING && session->ended_us == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);

      g_set_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_INVALID_DATA,
                   _("Session %s is still running. Print its report when it has ended."), number);
      return NULL;
    }

  data = ebb_report_data_new ();
  data->session_id = session->id;
  data->start = date_time_from_us (session->started_us);
  data->end = date_time_from_us (session->ended_us);
  data->end_state = end_state_from_store (session->end_state);
  data->end_reason = g_strdup (session->end_reason);
  data->operator_name = operator_name (store, session->operator_id);
  data->chamber_model = g_strdup (session->chamber_model);
  data->chamber_serial = g_strdup (session->chamber_serial);
  data->chamber_firmware = g_strdup (session->chamber_firmware);
  data->technician_notes = g_strdup (session->notes);
  data->vitals_before = (EbbReportVitals) { session->vitals_before.recorded,
                                            session->vitals_before.bp_systolic,
                                            session->vitals_before.bp_diastolic,
                                            session->vitals_before.heart_rate };
  data->vitals_after = (EbbReportVitals) { session->vitals_after.recorded,
                                           session->vitals_after.bp_systolic,
                                           session->vitals_after.bp_diastolic,
                                           session->vitals_after.heart_rate };
  load_link_stats (session->link_stats_json, data);

  client = ebb_store_client_get (store, session->client_id, error);
  if (client == NULL)
    return NULL;
  data->client_given_name = g_strdup (client->given_name);
  data->client_family_name = g_strdup (client->family_name);
  parse_iso_date (client->date_of_birth, &data->client_birth_date);
  data->client_clinic_id = g_strdup (client->external_id);

  if (!load_profile (store, session, data, error))
    return NULL;

  if (session->screening_id > 0)
    {
      data->screening = load_screening (store, data, session->screening_id, error);
      if (data->screening == NULL)
        return NULL;
    }

  samples = ebb_store_session_read_samples (store, session_id, error);
  if (samples == NULL)
    return NULL;
  g_array_unref (data->samples);
  data->samples = samples;

  events = ebb_store_session_read_events (store, session_id, error);
  if (events == NULL)
    return NULL;
  load_events (session, events, data);
  load_phase_marks (session, events, data);

  return g_steal_pointer (&data);
}

/**
 * ebb_report_data_apply_settings:
 * @data: a model
 * @settings: the application's settings
 *
 * Adds what the database does not hold: the clinic's name, address,
 * phone and logo, and the clinic limit (the current one; the database
 * does not record the limit in force during the session).
 */
void
ebb_report_data_apply_settings (EbbReportData *data,
                                GSettings     *settings)
{
  g_autofree char *logo = NULL;

  g_return_if_fail (data != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_free (data->clinic_name);
  data->clinic_name = g_settings_get_string (settings, "clinic-name");
  g_free (data->clinic_address);
  data->clinic_address = g_settings_get_string (settings, "clinic-address");
  g_free (data->clinic_phone);
  data->clinic_phone = g_settings_get_string (settings, "clinic-phone");
  logo = g_settings_get_string (settings, "clinic-logo");
  g_free (data->clinic_logo);
  data->clinic_logo = *logo != '\0' ? g_steal_pointer (&logo) : NULL;
  data->limit_pa = ebb_profile_get_clinic_limit (settings);
}
