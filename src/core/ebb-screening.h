/* ebb-screening.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ebb-abi.h"
#include "ebb-edinburgh.h"
#include "ebb-operator-session.h"
#include "ebb-questionnaire.h"
#include "ebb-roles.h"
#include "ebb-wells.h"

G_BEGIN_DECLS

#define EBB_TYPE_SCREENING_ANSWERS (ebb_screening_answers_get_type ())
#define EBB_SCREENING_ERROR (ebb_screening_error_quark ())

/**
 * EbbScreeningError:
 * @EBB_SCREENING_ERROR_INVALID_FILE: the answers file is not valid JSON of the right shape
 * @EBB_SCREENING_ERROR_WRONG_QUESTIONNAIRE: the answers are for another questionnaire or version
 * @EBB_SCREENING_ERROR_UNKNOWN_ITEM: no such item in the questionnaire
 * @EBB_SCREENING_ERROR_WRONG_TYPE: the value does not fit the item's answer kind
 * @EBB_SCREENING_ERROR_OUT_OF_RANGE: a number outside the plausible range, or a date in the future
 * @EBB_SCREENING_ERROR_CONTRADICTORY: two answers contradict each other
 * @EBB_SCREENING_ERROR_PERMISSION_DENIED: the operator's role may not answer this item or clear a referral
 * @EBB_SCREENING_ERROR_NOT_ALLOWED: the action is never allowed (an EXCLUDE cannot be overridden)
 * @EBB_SCREENING_ERROR_INVALID_CLEARANCE: a clearance lacks the clinician, date or note
 * @EBB_SCREENING_ERROR_EXCLUDED: a clearance was asked for an EXCLUDE, which nobody can override
 */
typedef enum
{
  EBB_SCREENING_ERROR_INVALID_FILE = 1,
  EBB_SCREENING_ERROR_WRONG_QUESTIONNAIRE,
  EBB_SCREENING_ERROR_UNKNOWN_ITEM,
  EBB_SCREENING_ERROR_WRONG_TYPE,
  EBB_SCREENING_ERROR_OUT_OF_RANGE,
  EBB_SCREENING_ERROR_CONTRADICTORY,
  EBB_SCREENING_ERROR_PERMISSION_DENIED,
  EBB_SCREENING_ERROR_NOT_ALLOWED,
  EBB_SCREENING_ERROR_INVALID_CLEARANCE,
  EBB_SCREENING_ERROR_EXCLUDED,
} EbbScreeningError;

/**
 * EbbScreeningOptions:
 * @stricter_rules: (nullable): ids of rules whose REFER the clinic turns into EXCLUDE
 * @recent_mi_days: the clinic's post-infarction window in days
 *
 * Clinic settings the evaluation honours. They can only make the outcome
 * stricter; ebb_screening_options_from_settings() reads them.
 */
typedef struct
{
  GStrv stricter_rules;
  guint recent_mi_days;
} EbbScreeningOptions;

typedef struct
{
  char                *rule_id;
  char                *item_id;
  EbbScreeningOutcome  outcome;
  gboolean             made_stricter; /* REFER turned into EXCLUDE by the clinic */
  char                *text;          /* translated */
  char                *evidence;
} EbbScreeningReason;

typedef struct
{
  gboolean          present;
  int               score;
  EbbWellsCategory  category;
} EbbScreeningWells;

typedef struct
{
  gboolean     present;
  EbbAbiResult abi;
} EbbScreeningAbiLeg;

typedef struct
{
  gboolean            present;
  EbbEdinburghResult  result;
  guint               grade;
} EbbScreeningEdinburgh;

typedef struct
{
  char                  *questionnaire_id;
  guint                  questionnaire_version;
  EbbScreeningOutcome    outcome;      /* INCOMPLETE whenever anything required is missing */
  EbbScreeningOutcome    rule_outcome; /* the strictest outcome of the reasons found so far */
  GPtrArray             *reasons;      /* EbbScreeningReason, strictest first */
  GPtrArray             *missing;      /* item ids */
  EbbScreeningWells      wells;
  EbbScreeningAbiLeg     abi_right;
  EbbScreeningAbiLeg     abi_left;
  EbbScreeningEdinburgh  edinburgh;
} EbbScreeningDecision;

G_DECLARE_FINAL_TYPE (EbbScreeningAnswers, ebb_screening_answers, EBB, SCREENING_ANSWERS, GObject)

GQuark                 ebb_screening_error_quark          (void);

EbbScreeningAnswers   *ebb_screening_answers_new          (EbbQuestionnaire     *questionnaire) G_GNUC_WARN_UNUSED_RESULT;
EbbScreeningAnswers   *ebb_screening_answers_new_from_data (EbbQuestionnaire    *questionnaire,
                                                            const char          *data,
                                                            gsize                length,
                                                            EbbRoles             role,
                                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
EbbScreeningAnswers   *ebb_screening_answers_new_from_data_for_operator (EbbQuestionnaire    *questionnaire,
                                                                         const char          *data,
                                                                         gsize                length,
                                                                         EbbOperatorSession  *ctx,
                                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
EbbQuestionnaire      *ebb_screening_answers_get_questionnaire (EbbScreeningAnswers *self);
void                   ebb_screening_answers_set_operator_session (EbbScreeningAnswers *self,
                                                                   EbbOperatorSession  *ctx);
gboolean               ebb_screening_answers_set          (EbbScreeningAnswers  *self,
                                                           const char           *item_id,
                                                           JsonNode             *value,
                                                           EbbRoles              role,
                                                           GError              **error);
gboolean               ebb_screening_answers_set_string   (EbbScreeningAnswers  *self,
                                                           const char           *item_id,
                                                           const char           *value,
                                                           EbbRoles              role,
                                                           GError              **error);
gboolean               ebb_screening_answers_set_boolean  (EbbScreeningAnswers  *self,
                                                           const char           *item_id,
                                                           gboolean              value,
                                                           EbbRoles              role,
                                                           GError              **error);
gboolean               ebb_screening_answers_set_integer  (EbbScreeningAnswers  *self,
                                                           const char           *item_id,
                                                           gint64                value,
                                                           EbbRoles              role,
                                                           GError              **error);
gboolean               ebb_screening_answers_set_strv     (EbbScreeningAnswers  *self,
                                                           const char           *item_id,
                                                           const char * const   *values,
                                                           EbbRoles              role,
                                                           GError              **error);
gboolean               ebb_screening_answers_has_examination (EbbScreeningAnswers *self);
void                   ebb_screening_answers_unset        (EbbScreeningAnswers  *self,
                                                           const char           *item_id);
JsonNode              *ebb_screening_answers_lookup       (EbbScreeningAnswers  *self,
                                                           const char           *item_id);
JsonNode              *ebb_screening_answers_to_json      (EbbScreeningAnswers  *self) G_GNUC_WARN_UNUSED_RESULT;

EbbScreeningOptions   *ebb_screening_options_new          (void) G_GNUC_WARN_UNUSED_RESULT;
EbbScreeningOptions   *ebb_screening_options_new_from_settings (void) G_GNUC_WARN_UNUSED_RESULT;
void                   ebb_screening_options_free         (EbbScreeningOptions  *options);

EbbScreeningDecision  *ebb_screening_evaluate             (EbbScreeningAnswers        *answers,
                                                           const EbbScreeningOptions  *options,
                                                           GDateTime                  *now,
                                                           GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void                   ebb_screening_decision_free        (EbbScreeningDecision       *decision);
JsonNode              *ebb_screening_decision_scores_to_json (const EbbScreeningDecision *decision) G_GNUC_WARN_UNUSED_RESULT;
JsonNode              *ebb_screening_decision_to_json     (const EbbScreeningDecision *decision) G_GNUC_WARN_UNUSED_RESULT;
char                  *ebb_screening_decision_format_scores (const EbbScreeningDecision *decision) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray             *ebb_screening_decision_describe_scores (const EbbScreeningDecision *decision) G_GNUC_WARN_UNUSED_RESULT;
char                  *ebb_screening_reason_translate     (const char                 *questionnaire_id,
                                                           const char                 *rule_id,
                                                           const char                 *stored_text) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbScreeningDecision, ebb_screening_decision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbScreeningOptions, ebb_screening_options_free)

G_END_DECLS
