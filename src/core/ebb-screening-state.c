/* ebb-screening-state.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-screening-state"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-screening-state.h"

G_DEFINE_QUARK (ebb-screening-gate-error-quark, ebb_screening_gate_error)

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return g_strstrip (copy)[0] == '\0';
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  int ya, ma, da, yb, mb, db;

  g_date_time_get_ymd (a, &ya, &ma, &da);
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
 * Records a clinician's clearance of a REFER. Only a clinician-role
 * operator may clear; an EXCLUDE can never be cleared by anyone.
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
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED,
                           _("An EXCLUDE cannot be overridden by anyone; the client needs a new screening when their condition has changed"));
      return FALSE;
    }

  if (record->outcome != EBB_SCREENING_OUTCOME_REFER)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED,
                           _("Only a REFER screening needs a clearance"));
      return FALSE;
    }

  if ((clinician_roles & EBB_ROLE_CLINICIAN) == 0)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED,
                           _("Only a clinician may clear a referral; ask a clinician to sign in"));
      return FALSE;
    }

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
