/* ebb-screening-report.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-screening-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-screening-report.h"

/* The one-page screening summary is printed by the report module; this file
 * only translates a decision and its record into the report's model. */

static char *
setting_or_null (GSettings  *settings,
                 const char *key)
{
  g_autofree char *value = settings != NULL ? g_settings_get_string (settings, key) : NULL;

  return value != NULL && value[0] != '\0' ? g_steal_pointer (&value) : NULL;
}

/**
 * ebb_screening_report_new:
 * @decision: a complete decision
 * @record: the record made when it was submitted (date, operator, clearance)
 * @validity_days: the clinic's `screening-validity-days`
 * @settings: (nullable): the clinic settings for the report header
 * @client_name: (nullable): the client's name
 * @client_id: (nullable): the client's clinic id
 * @error: return location for an %EBB_SCREENING_ERROR
 *
 * Returns: (transfer full): the model of the printed summary, or %NULL for
 *   an incomplete screening, which has no summary
 */
EbbReportScreening *
ebb_screening_report_new (const EbbScreeningDecision *decision,
                          const EbbScreeningState   *record,
                          guint                       validity_days,
                          GSettings                  *settings,
                          const char                 *client_name,
                          const char                 *client_id,
                          GError                    **error)
{
  g_autoptr(EbbReportScreening) screening = NULL;
  g_autoptr(GPtrArray) scores = NULL;

  g_return_val_if_fail (decision != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (decision->outcome == EBB_SCREENING_OUTCOME_INCOMPLETE)
    {
      g_set_error_literal (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED,
                           _("An incomplete screening has no summary; answer the missing items first"));
      return NULL;
    }

  screening = ebb_report_screening_new ();
  screening->clinic_name = setting_or_null (settings, "clinic-name");
  screening->clinic_address = setting_or_null (settings, "clinic-address");
  screening->clinic_phone = setting_or_null (settings, "clinic-phone");
  screening->clinic_logo = setting_or_null (settings, "clinic-logo");
  screening->client_name = g_strdup (client_name);
  screening->client_clinic_id = g_strdup (client_id);
  screening->date = g_date_time_ref (record->screened_at);
  screening->screened_by = record->screened_by != NULL && record->screened_by[0] != '\0'
    ? g_strdup (record->screened_by) : NULL;
  screening->questionnaire_id = g_strdup (decision->questionnaire_id);
  screening->questionnaire_version = g_strdup_printf ("%u", decision->questionnaire_version);
  /* Both enums run CLEAR, NOTE, REFER, EXCLUDE; the report's starts at 1. */
  screening->outcome = EBB_REPORT_OUTCOME_CLEAR + (decision->outcome - EBB_SCREENING_OUTCOME_CLEAR);

  for (guint i = 0; i < decision->reasons->len; i++)
    {
      const EbbScreeningReason *reason = g_ptr_array_index (decision->reasons, i);
      EbbReportReason *printed = g_new0 (EbbReportReason, 1);

      printed->outcome = EBB_REPORT_OUTCOME_CLEAR + (reason->outcome - EBB_SCREENING_OUTCOME_CLEAR);
      /* Translators: a printed reason: text, then its evidence label */
      printed->text = g_strdup_printf (_("%s (%s)"), reason->text, reason->evidence);
      g_ptr_array_add (screening->reasons, printed);
    }

  scores = ebb_screening_decision_describe_scores (decision);
  for (guint i = 0; i + 1 < scores->len; i += 2)
    {
      EbbReportScore *score = g_new0 (EbbReportScore, 1);

      score->name = g_strdup (g_ptr_array_index (scores, i));
      score->value = g_strdup (g_ptr_array_index (scores, i + 1));
      g_ptr_array_add (screening->scores, score);
    }

  if (decision->outcome != EBB_SCREENING_OUTCOME_EXCLUDE)
    screening->valid_until = ebb_screening_state_get_valid_until (record, validity_days);

  screening->clearance_by = g_strdup (record->clearance_by);
  screening->clearance_at = record->clearance_at != NULL ? g_date_time_ref (record->clearance_at) : NULL;
  screening->clearance_note = g_strdup (record->clearance_note);

  return g_steal_pointer (&screening);
}
