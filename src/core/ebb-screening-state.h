/* ebb-screening-state.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-screening.h"
#include "ebb-store-records.h"

G_BEGIN_DECLS

#define EBB_SCREENING_GATE_ERROR (ebb_screening_gate_error_quark ())

/**
 * EbbScreeningGateError:
 * @EBB_SCREENING_GATE_ERROR_NONE: the client has no screening
 * @EBB_SCREENING_GATE_ERROR_INCOMPLETE: the latest screening is incomplete
 * @EBB_SCREENING_GATE_ERROR_EXCLUDED: the latest screening excludes the client
 * @EBB_SCREENING_GATE_ERROR_EXPIRED: the latest screening is older than the validity period
 * @EBB_SCREENING_GATE_ERROR_CHANGED: the client reported a change in their health
 * @EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED: the client has not confirmed today that nothing changed
 * @EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE: a REFER screening lacks a clinician clearance
 *
 * Why the session-start gate refuses a session. The code is the contract;
 * the message is the operator-facing text.
 */
typedef enum
{
  EBB_SCREENING_GATE_ERROR_NONE = 1,
  EBB_SCREENING_GATE_ERROR_INCOMPLETE,
  EBB_SCREENING_GATE_ERROR_EXCLUDED,
  EBB_SCREENING_GATE_ERROR_EXPIRED,
  EBB_SCREENING_GATE_ERROR_CHANGED,
  EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED,
  EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE,
} EbbScreeningGateError;

/**
 * EbbScreeningState:
 *
 * What the store keeps of one completed screening and what happened to it
 * afterwards: the clearance of a REFER and the client's confirmations at
 * later visits. Plain data, so the store and the gate share it.
 */
typedef struct
{
  char                *questionnaire_id;
  guint                questionnaire_version;
  EbbScreeningOutcome  outcome;
  GDateTime           *screened_at;
  char                *screened_by;

  char                *clearance_by;   /* clinician name */
  GDateTime           *clearance_at;
  char                *clearance_note;

  GDateTime           *confirmed_at;   /* the latest "nothing has changed" */
  char                *confirmed_by;

  GDateTime           *changed_at;     /* set when the client reports a change */
  char                *changed_by;
} EbbScreeningState;

GQuark              ebb_screening_gate_error_quark         (void);

EbbScreeningState *ebb_screening_state_new               (const EbbScreeningDecision *decision,
                                                            const char                 *operator_name,
                                                            GDateTime                  *when) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_screening_state_free              (EbbScreeningState         *record);
gboolean            ebb_screening_state_clear             (EbbScreeningState         *record,
                                                            const char                 *clinician,
                                                            EbbRoles                    clinician_roles,
                                                            GDateTime                  *when,
                                                            const char                 *note,
                                                            GError                    **error);
gboolean            ebb_screening_state_confirm_unchanged (EbbScreeningState         *record,
                                                            const char                 *operator_name,
                                                            GDateTime                  *when,
                                                            GError                    **error);
void                ebb_screening_state_report_change     (EbbScreeningState         *record,
                                                            const char                 *operator_name,
                                                            GDateTime                  *when);
gboolean            ebb_screening_state_is_confirmed_on   (const EbbScreeningState   *record,
                                                            GDateTime                  *day);
GDateTime          *ebb_screening_state_get_valid_until   (const EbbScreeningState   *record,
                                                            guint                       validity_days) G_GNUC_WARN_UNUSED_RESULT;

EbbStoredScreening *ebb_screening_store_record_new          (EbbScreeningAnswers        *answers,
                                                            const EbbScreeningDecision *decision,
                                                            gint64                      client_id,
                                                            gint64                      operator_id,
                                                            GDateTime                  *when,
                                                            guint                       validity_days) G_GNUC_WARN_UNUSED_RESULT;
EbbScreeningState  *ebb_screening_state_new_from_store      (const EbbStoredScreening       *row,
                                                            const char                     *screened_by,
                                                            const char                     *cleared_by,
                                                            const EbbScreeningConfirmation *latest_confirmation,
                                                            const char                     *confirmed_by,
                                                            const char                     *changed_by) G_GNUC_WARN_UNUSED_RESULT;

gboolean            ebb_screening_check_session_allowed    (const EbbScreeningState   *latest,
                                                            GDateTime                  *now,
                                                            guint                       validity_days,
                                                            gboolean                    confirmed_today,
                                                            GError                    **error);

char               *ebb_stored_screening_describe_dates    (const EbbStoredScreening       *row) G_GNUC_WARN_UNUSED_RESULT;
char               *ebb_stored_screening_describe_change   (const EbbStoredScreening       *row) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbScreeningState, ebb_screening_state_free)

G_END_DECLS
