/* ebb-questionnaire.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-roles.h"

G_BEGIN_DECLS

#define EBB_TYPE_QUESTIONNAIRE (ebb_questionnaire_get_type ())
#define EBB_QUESTIONNAIRE_ERROR (ebb_questionnaire_error_quark ())

/* The resource the factory questionnaire is read from. */
#define EBB_QUESTIONNAIRE_FACTORY_RESOURCE "/org/ebbflow/Ebbflow/data/questionnaire/factory.json"

typedef enum
{
  EBB_QUESTIONNAIRE_ERROR_INVALID = 1,
} EbbQuestionnaireError;

/**
 * EbbScreeningOutcome:
 * @EBB_SCREENING_OUTCOME_CLEAR: nothing found
 * @EBB_SCREENING_OUTCOME_NOTE: proceed; the note is shown and printed
 * @EBB_SCREENING_OUTCOME_REFER: a session only after a recorded clinician clearance
 * @EBB_SCREENING_OUTCOME_EXCLUDE: no session today; cannot be overridden
 * @EBB_SCREENING_OUTCOME_INCOMPLETE: required answers are missing
 *
 * Ordered so that a larger value wins (EXCLUDE over REFER over NOTE).
 */
typedef enum
{
  EBB_SCREENING_OUTCOME_CLEAR = 0,
  EBB_SCREENING_OUTCOME_NOTE,
  EBB_SCREENING_OUTCOME_REFER,
  EBB_SCREENING_OUTCOME_EXCLUDE,
  EBB_SCREENING_OUTCOME_INCOMPLETE,
} EbbScreeningOutcome;

typedef enum
{
  EBB_ANSWER_KIND_YES_NO_UNKNOWN = 1,
  EBB_ANSWER_KIND_BOOLEAN,
  EBB_ANSWER_KIND_CHOICE,
  EBB_ANSWER_KIND_MULTIPLE_CHOICE,
  EBB_ANSWER_KIND_INTEGER,
  EBB_ANSWER_KIND_DATE,
} EbbAnswerKind;

typedef struct _EbbCondition EbbCondition;
typedef struct _EbbQuestionSection EbbQuestionSection;

typedef struct
{
  char *value;
  char *label;  /* English msgid */
} EbbQuestionOption;

typedef struct
{
  char               *id;
  char               *text;    /* English msgid; translate with g_dgettext */
  char               *source;  /* evidence label, e.g. "§2.5 #2; S18 S34" */
  EbbAnswerKind       kind;
  char               *unit;
  gint64              min;
  gint64              max;
  GPtrArray          *options; /* EbbQuestionOption */
  EbbRoles            roles;
  gboolean            required;
  EbbCondition       *required_when;
  EbbQuestionSection *section;
} EbbQuestionItem;

struct _EbbQuestionSection
{
  char      *id;
  char      *title;
  char      *description; /* nullable */
  GPtrArray *items; /* borrowed EbbQuestionItem */
};

typedef struct
{
  char                *id;
  EbbScreeningOutcome  outcome;
  char                *item_id; /* an item id, or a score: "wells", "abi.right", "abi.left", "edinburgh" */
  char                *text;
  char                *evidence;
  EbbCondition        *when;
} EbbQuestionRule;

typedef struct
{
  char         *id;
  GStrv         items;
  char         *text;
  EbbCondition *when;
} EbbQuestionContradiction;

G_DECLARE_FINAL_TYPE (EbbQuestionnaire, ebb_questionnaire, EBB, QUESTIONNAIRE, GObject)

GQuark                          ebb_questionnaire_error_quark        (void);
EbbQuestionnaire               *ebb_questionnaire_new_from_data      (const char        *data,
                                                                      gssize             length,
                                                                      GError           **error) G_GNUC_WARN_UNUSED_RESULT;
EbbQuestionnaire               *ebb_questionnaire_new_factory        (GError           **error) G_GNUC_WARN_UNUSED_RESULT;
const char                     *ebb_questionnaire_get_id             (EbbQuestionnaire  *self);
guint                           ebb_questionnaire_get_version        (EbbQuestionnaire  *self);
const char                     *ebb_questionnaire_get_title          (EbbQuestionnaire  *self);
GPtrArray                      *ebb_questionnaire_get_sections       (EbbQuestionnaire  *self);
GPtrArray                      *ebb_questionnaire_get_items          (EbbQuestionnaire  *self);
const EbbQuestionItem          *ebb_questionnaire_lookup_item        (EbbQuestionnaire  *self,
                                                                      const char        *item_id);
GPtrArray                      *ebb_questionnaire_get_rules          (EbbQuestionnaire  *self);
const EbbQuestionRule          *ebb_questionnaire_lookup_rule        (EbbQuestionnaire  *self,
                                                                      const char        *rule_id);
const EbbQuestionRule          *ebb_questionnaire_get_unknown_rule   (EbbQuestionnaire  *self);
GPtrArray                      *ebb_questionnaire_get_contradictions (EbbQuestionnaire  *self);
GPtrArray                      *ebb_questionnaire_collect_strings    (EbbQuestionnaire  *self) G_GNUC_WARN_UNUSED_RESULT;
const EbbQuestionOption        *ebb_question_item_lookup_option      (const EbbQuestionItem *item,
                                                                      const char            *value);

const char                     *ebb_screening_outcome_to_string      (EbbScreeningOutcome outcome);
gboolean                        ebb_screening_outcome_from_string    (const char          *name,
                                                                      EbbScreeningOutcome *outcome);
const char                     *ebb_screening_outcome_get_label      (EbbScreeningOutcome outcome);

G_END_DECLS
