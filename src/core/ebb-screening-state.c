/* ebb-screening-state.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-screening-state"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-permissions.h"
#include "ebb-screening-private.h"
#include "ebb-screening-state.h"

G_DEFINE_QUARK (ebb-screening-gate-error-quark, ebb_screening_gate_error)

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return g_strstrip (copy)[0] == '\0';
}

/* Whether @a falls on the calendar day of @b, in @b's time zone: the store
 * keeps UTC, the visit's "today" is the clinic's local day. */
static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  g_autoptr(GDateTime) a_there = g_date_time_to_timezone (a, g_date_time_get_timezone (b));
  int ya, ma, da, yb, mb, db;

  g_date_time_get_ymd (a_there, &ya, &ma, &da);
  g_date_time_get_ymd (b, &yb, &mb, &db);
  return ya == yb && ma == mb && da == db;
}

/**
 * ebb_screening_state_new:
 * @decision: a decision
 * @operator_name: who performed the screening
 * @when: when
 *
 * Returns: (transfer full): a record of @decision
 */
EbbScreeningState *
ebb_screening_state_new (const EbbScreeningDecision *decision,
                          const char                 *operator_name,
                          GDateTime                  *when)
{
  EbbScreeningState *record;

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (operator_name != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  record = g_new0 (EbbScreeningState, 1);
  record->questionnaire_id = g_strdup (decision->questionnaire_id);
  record->questionnaire_version = decision->questionnaire_version;
  record->outcome = decision->outcome;
  record->screened_at = g_date_time_ref (when);
  record->screened_by = g_strdup (operator_name);

  return record;
}

void
ebb_screening_state_free (EbbScreeningState *record)
{
  if (record == NULL)
    return;

  g_free (record->questionnaire_id);
  g_clear_pointer (&record->screened_at, g_date_time_unref);
  g_free (record->screened_by);
  g_free (record->clearance_by);
  g_clear_pointer (&record->clearance_at, g_date_time_unref);
  g_free (record->clearance_note);
  g_clear_pointer (&record->confirmed_at, g_date_time_unref);
  g_free (record->confirmed_by);
  g_clear_pointer (&record->changed_at, g_date_time_unref);
  g_free (record->changed_by);
  g_free (record);
}

/**
 * ebb_screening_state_clear:
 * @record: a REFER screening
 * @clinician: the clinician's name
 * @clinician_roles: the roles of the operator recording the clearance
 * @when: the date of the clearance
 * @note: the clinician's note (why a session is acceptable)
 * @error: return location for an %EBB_SCREENING_ERROR
 *
 * Records a clinician's clearance of a REFER. Only an operator whose
 * roles allow %EBB_ACTION_CLEARANCE (a clinician) may clear; an EXCLUDE
 * can never be cleared by anyone. The refusal of @clinician_roles is
 * %EBB_SCREENING_ERROR_PERMISSION_DENIED and is not audited: @record has
 * no store (see ebb_screening_visit_record_clearance() for the audited
 * clearance of a stored screening).
 *
 * Returns: %TRUE if the clearance was recorded
 */
gboolean
ebb_screening_state_clear (EbbScreeningState  *record,
                            const char          *clinician,
                            EbbRoles             clinician_roles,
                            GDateTime           *when,
                            const char          *note,
                            GError             **error)
{
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  if (record->outcome == EBB_SCREENING_OUTCOME_EXCLUDE)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_EXCLUDED,
                           _("An EXCLUDE cannot be overridden by anyone; the client needs a new screening when their condition has changed"));
      return FALSE;
    }

  if (record->outcome != EBB_SCREENING_OUTCOME_REFER)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED,
                           _("Only a REFER screening needs a clearance"));
      return FALSE;
    }

  /* The roles come from the one permission table. A record here is plain
   * data with no store, so this refusal cannot be audited; the stored
   * clearances (ebb_screening_visit_record_clearance(),
   * ebb_front_desk_record_clearance()) ask ebb_permissions_check() for the
   * same action first, which records it. */
  if (!ebb_permissions_allows (clinician_roles, EBB_ACTION_CLEARANCE))
    return _ebb_screening_refuse (NULL, EBB_ACTION_CLEARANCE, error,
                                  _("Only a clinician may clear a referral; ask a clinician to sign in"));

  if (is_blank (clinician) || is_blank (note))
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_CLEARANCE,
                           _("A clearance needs the clinician’s name and a note"));
      return FALSE;
    }

  if (g_date_time_compare (when, record->screened_at) < 0)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_CLEARANCE,
                           _("A clearance cannot be dated before the screening"));
      return FALSE;
    }

  g_free (record->clearance_by);
  g_free (record->clearance_note);
  g_clear_pointer (&record->clearance_at, g_date_time_unref);
  record->clearance_by = g_strdup (clinician);
  record->clearance_note = g_strdup (note);
  record->clearance_at = g_date_time_ref (when);

  return TRUE;
}

/**
 * ebb_screening_state_confirm_unchanged:
 * @record: a record
 * @operator_name: who asked the client
 * @when: when
 * @error: return location for an %EBB_SCREENING_ERROR
 *
 * Records that the client confirmed at this visit that nothing in their
 * health has changed. Refused once a change was reported: only a new
 * screening helps then.
 *
 * Returns: %TRUE if recorded
 */
gboolean
ebb_screening_state_confirm_unchanged (EbbScreeningState  *record,
                                        const char          *operator_name,
                                        GDateTime           *when,
                                        GError             **error)
{
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (operator_name != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  if (record->changed_at != NULL)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED,
                           _("The client reported a change in their health; screen them again"));
      return FALSE;
    }

  g_clear_pointer (&record->confirmed_at, g_date_time_unref);
  g_free (record->confirmed_by);
  record->confirmed_at = g_date_time_ref (when);
  record->confirmed_by = g_strdup (operator_name);
  return TRUE;
}

/**
 * ebb_screening_state_report_change:
 * @record: a record
 * @operator_name: who recorded the change
 * @when: when
 *
 * Records that something in the client's health has changed since the
 * screening; from now on the gate refuses sessions until a new screening.
 */
void
ebb_screening_state_report_change (EbbScreeningState *record,
                                    const char         *operator_name,
                                    GDateTime          *when)
{
  g_return_if_fail (record != NULL);
  g_return_if_fail (operator_name != NULL);
  g_return_if_fail (when != NULL);

  g_clear_pointer (&record->changed_at, g_date_time_unref);
  g_free (record->changed_by);
  record->changed_at = g_date_time_ref (when);
  record->changed_by = g_strdup (operator_name);
}

/**
 * ebb_screening_state_is_confirmed_on:
 * @record: a record
 * @day: any time on the day in question
 *
 * Returns: whether the client confirmed "nothing changed" on the day of @day
 */
gboolean
ebb_screening_state_is_confirmed_on (const EbbScreeningState *record,
                                      GDateTime                *day)
{
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  return record->confirmed_at != NULL && same_day (record->confirmed_at, day);
}

/**
 * ebb_screening_state_get_valid_until:
 * @record: a record
 * @validity_days: the clinic's `screening-validity-days`
 *
 * Returns: (transfer full): the first moment the screening is no longer valid
 */
GDateTime *
ebb_screening_state_get_valid_until (const EbbScreeningState *record,
                                      guint                     validity_days)
{
  g_return_val_if_fail (record != NULL, NULL);

  return g_date_time_add_days (record->screened_at, (int) validity_days);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/**
 * ebb_screening_store_record_new:
 * @answers: (nullable): the answers; %NULL for a screening no questionnaire
 *   was answered for (the first run's demonstration), stored as `{}`
 * @decision: their decision
 * @client_id: the client's row id
 * @operator_id: the screening operator's row id
 * @when: when the screening was made
 * @validity_days: the clinic's `screening-validity-days`
 *
 * Builds the store's row for a screening: the answers in the answers-file
 * format, the scores and reasons as `ebbflowctl screen --json` prints
 * them, the outcome id and, for outcomes that allow a session, the end of
 * validity.
 *
 * Returns: (transfer full): the row, ready for ebb_store_screening_insert()
 */
EbbStoredScreening *
ebb_screening_store_record_new (EbbScreeningAnswers        *answers,
                                const EbbScreeningDecision *decision,
                                gint64                      client_id,
                                gint64                      operator_id,
                                GDateTime                  *when,
                                guint                       validity_days)
{
  g_autoptr(EbbStoredScreening) row = ebb_stored_screening_new ();
  g_autoptr(JsonNode) answers_json = NULL;
  g_autoptr(JsonNode) decision_json = NULL;
  JsonObject *object;

  g_return_val_if_fail (answers == NULL || EBB_IS_SCREENING_ANSWERS (answers), NULL);
  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  answers_json = answers != NULL ? ebb_screening_answers_to_json (answers)
                                 : json_from_string ("{}", NULL);
  decision_json = ebb_screening_decision_to_json (decision);
  object = json_node_get_object (decision_json);

  row->client_id = client_id;
  row->operator_id = operator_id;
  row->questionnaire_id = g_strdup (decision->questionnaire_id);
  row->questionnaire_version = g_strdup_printf ("%u", decision->questionnaire_version);
  row->answers_json = node_to_string (answers_json);
  row->scores_json = node_to_string (json_object_get_member (object, "scores"));
  row->reasons_json = node_to_string (json_object_get_member (object, "reasons"));
  row->outcome = g_strdup (ebb_screening_outcome_to_string (decision->outcome));
  row->screened_us = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);

  /* Only outcomes that may lead to a session have a validity. */
  if (decision->outcome <= EBB_SCREENING_OUTCOME_REFER)
    {
      g_autoptr(GDateTime) until = g_date_time_add_days (when, (int) validity_days);

      row->valid_until_us = g_date_time_to_unix (until) * G_USEC_PER_SEC + g_date_time_get_microsecond (until);
    }

  return g_steal_pointer (&row);
}

static GDateTime *
time_from_us (gint64 us)
{
  return us != 0 ? g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC) : NULL;
}

/**
 * ebb_screening_state_new_from_store:
 * @row: the client's latest screening row
 * @screened_by: the screening operator's name
 * @cleared_by: (nullable): the clearing clinician's name, if cleared
 * @latest_confirmation: (nullable): the latest "nothing has changed" confirmation
 * @confirmed_by: (nullable): who took that confirmation
 * @changed_by: (nullable): who recorded the client's report of a change, if any
 *
 * Builds the state the session gate checks from what the store keeps,
 * including a reported change, so the gate answers
 * %EBB_SCREENING_GATE_ERROR_CHANGED from stored data.
 *
 * Returns: (transfer full) (nullable): the state, or %NULL if the row's outcome is unknown
 */
EbbScreeningState *
ebb_screening_state_new_from_store (const EbbStoredScreening       *row,
                                    const char                     *screened_by,
                                    const char                     *cleared_by,
                                    const EbbScreeningConfirmation *latest_confirmation,
                                    const char                     *confirmed_by,
                                    const char                     *changed_by)
{
  EbbScreeningState *state;
  EbbScreeningOutcome outcome;

  g_return_val_if_fail (row != NULL, NULL);

  if (!ebb_screening_outcome_from_string (row->outcome, &outcome))
    return NULL;

  state = g_new0 (EbbScreeningState, 1);
  state->questionnaire_id = g_strdup (row->questionnaire_id);
  state->questionnaire_version = (guint) g_ascii_strtoull (row->questionnaire_version != NULL
                                                           ? row->questionnaire_version : "0", NULL, 10);
  state->outcome = outcome;
  /* A row without a time counts as screened at the epoch: expired, never valid. */
  state->screened_at = row->screened_us != 0 ? time_from_us (row->screened_us) : g_date_time_new_from_unix_utc (0);
  state->screened_by = g_strdup (screened_by != NULL ? screened_by : "");
  if (row->cleared_by != 0)
    {
      state->clearance_by = g_strdup (cleared_by != NULL ? cleared_by : "");
      state->clearance_at = time_from_us (row->cleared_us != 0 ? row->cleared_us : row->screened_us);
      state->clearance_note = g_strdup (row->clearance_note);
    }
  if (latest_confirmation != NULL)
    {
      state->confirmed_at = time_from_us (latest_confirmation->confirmed_us);
      state->confirmed_by = g_strdup (confirmed_by != NULL ? confirmed_by : "");
    }
  if (row->changed_by != 0)
    {
      state->changed_at = time_from_us (row->changed_us != 0 ? row->changed_us : row->screened_us);
      state->changed_by = g_strdup (changed_by != NULL ? changed_by : "");
    }

  return state;
}

/**
 * ebb_screening_check_session_allowed:
 * @latest: (nullable): the client's latest screening
 * @now: the time the session would start
 * @validity_days: the clinic's `screening-validity-days`
 * @confirmed_today: whether the client confirmed at this visit that nothing changed
 * @error: return location for an %EBB_SCREENING_GATE_ERROR
 *
 * The session-start gate: a session may start only on a complete screening
 * that does not exclude, is younger than @validity_days, has no reported
 * change, was confirmed at this visit and, if REFER, carries a clinician's
 * clearance.
 *
 * Returns: %TRUE if a session may start
 */
gboolean
ebb_screening_check_session_allowed (const EbbScreeningState  *latest,
                                     GDateTime                 *now,
                                     guint                      validity_days,
                                     gboolean                   confirmed_today,
                                     GError                   **error)
{
  g_autoptr(GDateTime) valid_until = NULL;

  g_return_val_if_fail (now != NULL, FALSE);

  if (latest == NULL)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_NONE,
                           _("The client has no safety screening; screen them before the first session"));
      return FALSE;
    }

  if (latest->outcome == EBB_SCREENING_OUTCOME_INCOMPLETE)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_INCOMPLETE,
                           _("The client’s safety screening is incomplete; answer the missing items"));
      return FALSE;
    }

  if (latest->outcome == EBB_SCREENING_OUTCOME_EXCLUDE)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_EXCLUDED,
                           _("The safety screening excludes this client from sessions; this cannot be overridden"));
      return FALSE;
    }

  valid_until = ebb_screening_state_get_valid_until (latest, validity_days);
  if (g_date_time_compare (now, valid_until) >= 0)
    {
      g_set_error (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_EXPIRED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The safety screening is older than %u day; screen the client again",
                                "The safety screening is older than %u days; screen the client again",
                                validity_days),
                   validity_days);
      return FALSE;
    }

  if (latest->changed_at != NULL)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_CHANGED,
                           _("The client reported a change in their health; screen them again"));
      return FALSE;
    }

  if (!confirmed_today)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED,
                           _("Ask the client whether anything in their health has changed and record the answer"));
      return FALSE;
    }

  if (latest->outcome == EBB_SCREENING_OUTCOME_REFER && latest->clearance_at == NULL)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE,
                           _("The safety screening needs a clinician’s clearance before any session"));
      return FALSE;
    }

  return TRUE;
}

static char *
format_day (gint64 time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  return g_date_time_format (when, "%Y-%m-%d");
}

/**
 * ebb_stored_screening_describe_dates:
 * @row: a stored screening
 *
 * Returns: (transfer full): when it was screened and until when it is
 *   valid, in words, as the front desk and the session preparation show it
 */
char *
ebb_stored_screening_describe_dates (const EbbStoredScreening *row)
{
  g_autofree char *screened = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  screened = format_day (row->screened_us);
  if (row->valid_until_us != 0)
    {
      g_autofree char *until = format_day (row->valid_until_us);

      /* Translators: both %s are dates */
      return g_strdup_printf (_("Screened on %s, valid until %s"), screened, until);
    }

  return g_strdup_printf (_("Screened on %s"), screened);
}

/**
 * ebb_stored_screening_describe_change:
 * @row: a stored screening on which the client reported a change
 *
 * Returns: (transfer full): when the change was reported, the operator's
 *   note, and what has to happen now, as both the front desk and the
 *   session preparation show it
 */
char *
ebb_stored_screening_describe_change (const EbbStoredScreening *row)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (row != NULL && row->changed_by != 0, NULL);

  /* The session gate refuses from now on (EBB_SCREENING_GATE_ERROR_CHANGED);
   * say so, with the one thing that helps. */
  day = format_day (row->changed_us);
  if (row->change_note != NULL && *row->change_note != '\0')
    /* Translators: a date, then what changed in the operator's words */
    return g_strdup_printf (_("Reported on %s: %s. No session until the client is "
                              "screened again."), day, row->change_note);

  /* Translators: %s is a date */
  return g_strdup_printf (_("Reported on %s. No session until the client is "
                            "screened again."), day);
}
