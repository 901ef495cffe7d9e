/* test-screening.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "ebb-environment.h"
#include "ebb-screening-state.h"
#include "ebb-screening.h"

/* A fixed "now" so that date rules do not depend on the day the test runs. */
#define NOW_Y 2026
#define NOW_M 11
#define NOW_D 25

/* A complete screening with nothing found; each test changes what it needs. */
static const char * const baseline[] = {
  "dvt.leg_symptoms=\"no\"", "dvt.history=\"no\"", "phlebitis.active=\"no\"",
  "pad.limb_ischaemia=\"no\"", "pad.revascularisation=\"no\"",
  "abi.brachial_right=130", "abi.brachial_left=126", "abi.right_dp=140", "abi.right_pt=136",
  "abi.left_dp=132", "abi.left_pt=138",
  "edinburgh.q1=\"no\"",
  "bp.systolic=128", "bp.diastolic=82",
  "cardiac.orthostatic_hypotension=\"no\"", "cardiac.syncope=\"no\"", "cardiac.heart_failure=\"no\"",
  "cardiac.unstable_angina=\"no\"", "cardiac.mi=\"no\"", "cardiac.valve=[]", "cardiac.arrhythmia=\"no\"",
  "cardiac.pacemaker=\"no\"", "cardiac.carotid_stenosis=\"no\"",
  "general.pregnancy=\"no\"", "general.leg_infection=\"no\"", "general.open_wound=\"no\"",
  "general.cancer=\"no\"", "general.anaemia=\"no\"", "general.copd=\"no\"", "general.neuropathy=\"no\"",
  "general.allergy=\"no\"", "general.consent=\"yes\"",
  NULL
};

static EbbQuestionnaire *
factory (void)
{
  static EbbQuestionnaire *questionnaire;

  if (questionnaire == NULL)
    {
      g_autoptr(GError) error = NULL;

      questionnaire = ebb_questionnaire_new_factory (&error);
      g_assert_no_error (error);
    }
  return questionnaire;
}

static GDateTime *
now (void)
{
  return g_date_time_new_utc (NOW_Y, NOW_M, NOW_D, 12, 0, 0);
}

/* Applies "item=JSON" assignments as a clinician, who may answer every item. */
static void
apply (EbbScreeningAnswers *answers,
       const char * const  *assignments)
{
  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (assignments[i], "=", 2);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) value = json_from_string (parts[1], &error);

      g_assert_no_error (error);
      ebb_screening_answers_set (answers, parts[0], value, EBB_ROLE_CLINICIAN, &error);
      g_assert_no_error (error);
    }
}

static EbbScreeningAnswers *
baseline_answers (void)
{
  EbbScreeningAnswers *answers = ebb_screening_answers_new (factory ());

  apply (answers, baseline);
  return answers;
}

static EbbScreeningDecision *
evaluate_with (EbbScreeningAnswers       *answers,
               const EbbScreeningOptions *options)
{
  g_autoptr(GDateTime) when = now ();
  g_autoptr(GError) error = NULL;
  EbbScreeningDecision *decision = ebb_screening_evaluate (answers, options, when, &error);

  g_assert_no_error (error);
  g_assert_nonnull (decision);
  return decision;
}

static gboolean
has_reason (const EbbScreeningDecision *decision,
            const char                 *rule_id,
            EbbScreeningOutcome         outcome)
{
  for (guint i = 0; i < decision->reasons->len; i++)
    {
      const EbbScreeningReason *reason = g_ptr_array_index (decision->reasons, i);

      if (strcmp (reason->rule_id, rule_id) == 0 && reason->outcome == outcome)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_missing (const EbbScreeningDecision *decision,
            const char                 *item_id)
{
  for (guint i = 0; i < decision->missing->len; i++)
    if (strcmp (g_ptr_array_index (decision->missing, i), item_id) == 0)
      return TRUE;
  return FALSE;
}

#define WELLS_NONE "wells.w1=false", "wells.w2=false", "wells.w3=false", "wells.w4=false", "wells.w5=false", \
                   "wells.w6=false", "wells.w7=false", "wells.w8=false", "wells.w9=false", "wells.w10=false"

/* One case per rule of §2.5 (some rows have several rules). */
static const struct
{
  const char          *name;
  const char          *changes[16];
  EbbScreeningOutcome  outcome;
  const char          *rule;
} rows[] = {
  { "01-dvt-suspected", { "dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w1=true", "wells.w5=true" },
    EBB_SCREENING_OUTCOME_EXCLUDE, "dvt-suspected" },
  { "02-dvt-history", { "dvt.history=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "dvt-history" },
  { "02-dvt-history-wells-w9", { "dvt.history=\"yes\"", "dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w9=true" },
    EBB_SCREENING_OUTCOME_REFER, "dvt-history" },
  { "03-phlebitis", { "phlebitis.active=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "phlebitis" },
  { "04-pad-abi-right", { "abi.brachial_right=140", "abi.brachial_left=150", "abi.right_dp=120", "abi.right_pt=110" },
    EBB_SCREENING_OUTCOME_NOTE, "pad-abi-right" },
  { "04-pad-abi-left", { "abi.left_dp=90", "abi.left_pt=80" }, EBB_SCREENING_OUTCOME_NOTE, "pad-abi-left" },
  { "04-claudication", { "edinburgh.q1=\"yes\"", "edinburgh.q2=\"no\"", "edinburgh.q3=\"yes\"", "edinburgh.q4=\"no\"",
                         "edinburgh.q5=\"disappears\"", "edinburgh.q6=[\"calf\"]" },
    EBB_SCREENING_OUTCOME_NOTE, "claudication" },
  { "05-limb-ischaemia", { "pad.limb_ischaemia=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "limb-ischaemia" },
  { "05-abi-severe", { "abi.right_dp=50", "abi.right_pt=40" }, EBB_SCREENING_OUTCOME_REFER, "abi-severe-right" },
  { "06-abi-noncompressible", { "abi.left_dp=200" }, EBB_SCREENING_OUTCOME_REFER, "abi-noncompressible-left" },
  { "07-nyha-iv", { "cardiac.heart_failure=\"yes\"", "cardiac.nyha=\"IV\"", "cardiac.hf_decompensated=\"no\"" },
    EBB_SCREENING_OUTCOME_EXCLUDE, "heart-failure-severe" },
  { "07-decompensated", { "cardiac.heart_failure=\"yes\"", "cardiac.nyha=\"II\"", "cardiac.hf_decompensated=\"yes\"" },
    EBB_SCREENING_OUTCOME_EXCLUDE, "heart-failure-severe" },
  { "08-heart-failure", { "cardiac.heart_failure=\"yes\"", "cardiac.nyha=\"III\"", "cardiac.hf_decompensated=\"no\"" },
    EBB_SCREENING_OUTCOME_REFER, "heart-failure" },
  { "09-acute-coronary", { "cardiac.unstable_angina=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "acute-coronary" },
  { "09-recent-mi", { "cardiac.mi=\"yes\"", "cardiac.mi_date=\"2026-11-22\"" },
    EBB_SCREENING_OUTCOME_EXCLUDE, "recent-mi" },
  { "09-recent-mi-window-edge", { "cardiac.mi=\"yes\"", "cardiac.mi_date=\"2026-11-20\"" },
    EBB_SCREENING_OUTCOME_EXCLUDE, "recent-mi" },
  { "09-past-mi", { "cardiac.mi=\"yes\"", "cardiac.mi_date=\"2026-11-19\"" }, EBB_SCREENING_OUTCOME_REFER, "past-mi" },
  { "10-severe-as", { "cardiac.valve=[\"severe-as\"]" }, EBB_SCREENING_OUTCOME_EXCLUDE, "valve-severe" },
  { "10-severe-valve", { "cardiac.valve=[\"severe-valve\"]" }, EBB_SCREENING_OUTCOME_EXCLUDE, "valve-severe" },
  { "10-hocm", { "cardiac.valve=[\"lvoto\"]" }, EBB_SCREENING_OUTCOME_REFER, "outflow-obstruction" },
  { "10-critical-ms", { "cardiac.valve=[\"critical-ms\"]" }, EBB_SCREENING_OUTCOME_REFER, "outflow-obstruction" },
  { "11-bp-systolic", { "bp.systolic=180" }, EBB_SCREENING_OUTCOME_EXCLUDE, "bp-high" },
  { "11-bp-diastolic", { "bp.diastolic=96" }, EBB_SCREENING_OUTCOME_EXCLUDE, "bp-high" },
  { "12-bp-low", { "bp.systolic=99", "bp.diastolic=60" }, EBB_SCREENING_OUTCOME_EXCLUDE, "bp-low" },
  { "12-orthostatic", { "cardiac.orthostatic_hypotension=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "orthostatic" },
  { "12-syncope", { "cardiac.syncope=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "orthostatic" },
  { "13-arrhythmia", { "cardiac.arrhythmia=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "arrhythmia" },
  { "14-pacemaker", { "cardiac.pacemaker=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "pacemaker" },
  { "15-pregnancy", { "general.pregnancy=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "pregnancy" },
  { "16-leg-infection", { "general.leg_infection=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "leg-infection" },
  { "17-open-wound", { "general.open_wound=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "open-wound" },
  { "18-cancer", { "general.cancer=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "cancer" },
  { "19-anaemia", { "general.anaemia=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "anaemia" },
  { "20-copd", { "general.copd=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "copd" },
  { "21-revascularisation", { "pad.revascularisation=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "revascularisation" },
  { "22-neuropathy", { "general.neuropathy=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "neuropathy" },
  { "23-carotid", { "cardiac.carotid_stenosis=\"yes\"" }, EBB_SCREENING_OUTCOME_REFER, "carotid-stenosis" },
  { "24-allergy", { "general.allergy=\"yes\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "allergy" },
  { "25-no-consent", { "general.consent=\"no\"" }, EBB_SCREENING_OUTCOME_EXCLUDE, "no-consent" },
};

static void
test_baseline_clear (void)
{
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = evaluate_with (answers, NULL);

  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpuint (decision->reasons->len, ==, 0);
  g_assert_cmpuint (decision->missing->len, ==, 0);
  g_assert_false (decision->wells.present);
  g_assert_true (decision->abi_right.present);
  g_assert_true (decision->edinburgh.present);
  g_assert_cmpint (decision->edinburgh.result, ==, EBB_EDINBURGH_NEGATIVE);
}

static void
test_row_alone (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;

  apply (answers, rows[i].changes);
  decision = evaluate_with (answers, NULL);

  g_assert_cmpuint (decision->missing->len, ==, 0);
  g_assert_cmpint (decision->outcome, ==, rows[i].outcome);
  g_assert_true (has_reason (decision, rows[i].rule, rows[i].outcome));
}

/* Each row combined with one representative of each other outcome: the
 * strictest always wins, and every reason is still listed. */
static void
test_row_combined (gconstpointer data)
{
  static const char * const note[] = { "abi.left_dp=90", "abi.left_pt=80", NULL };
  static const char * const refer[] = { "cardiac.pacemaker=\"yes\"", NULL };
  static const char * const exclude[] = { "general.pregnancy=\"yes\"", NULL };
  static const struct
  {
    const char * const  *changes;
    EbbScreeningOutcome  outcome;
    const char          *rule;
  } partners[] = {
    { note, EBB_SCREENING_OUTCOME_NOTE, "pad-abi-left" },
    { refer, EBB_SCREENING_OUTCOME_REFER, "pacemaker" },
    { exclude, EBB_SCREENING_OUTCOME_EXCLUDE, "pregnancy" },
  };
  guint i = GPOINTER_TO_UINT (data);

  for (guint p = 0; p < G_N_ELEMENTS (partners); p++)
    {
      g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
      g_autoptr(EbbScreeningDecision) decision = NULL;

      /* The partner's changes first, so a row that sets the same item wins. */
      apply (answers, partners[p].changes);
      apply (answers, rows[i].changes);
      decision = evaluate_with (answers, NULL);

      g_assert_true (has_reason (decision, rows[i].rule, rows[i].outcome));
      if (strcmp (partners[p].rule, "pad-abi-left") != 0 || !g_str_has_prefix (rows[i].rule, "abi-"))
        g_assert_true (has_reason (decision, partners[p].rule, partners[p].outcome));
      g_assert_cmpint (decision->outcome, ==, MAX (rows[i].outcome, partners[p].outcome));

      /* Reasons come strictest first. */
      for (guint r = 1; r < decision->reasons->len; r++)
        g_assert_cmpint (((EbbScreeningReason *) g_ptr_array_index (decision->reasons, r - 1))->outcome, >=,
                         ((EbbScreeningReason *) g_ptr_array_index (decision->reasons, r))->outcome);
    }
}

static void
test_precedence_all_three (void)
{
  static const char * const changes[] = {
    "abi.left_dp=90", "abi.left_pt=80", "general.copd=\"yes\"", "cardiac.arrhythmia=\"yes\"", NULL
  };
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  const EbbScreeningReason *first;

  apply (answers, changes);
  decision = evaluate_with (answers, NULL);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  g_assert_cmpuint (decision->reasons->len, ==, 3);
  first = g_ptr_array_index (decision->reasons, 0);
  g_assert_cmpstr (first->rule_id, ==, "arrhythmia");
  g_assert_cmpstr (first->item_id, ==, "cardiac.arrhythmia");
  g_assert_cmpstr (first->evidence, ==, "§2.5 #13; §5; S41");
  g_assert_cmpstr (first->text, ==, "Uncontrolled arrhythmia");
  g_assert_cmpstr (((EbbScreeningReason *) g_ptr_array_index (decision->reasons, 1))->rule_id, ==, "copd");
  g_assert_cmpstr (((EbbScreeningReason *) g_ptr_array_index (decision->reasons, 2))->rule_id, ==, "pad-abi-left");
}

static EbbScreeningOutcome
outcome_after (const char * const *changes)
{
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;

  apply (answers, changes);
  decision = evaluate_with (answers, NULL);
  g_assert_cmpuint (decision->missing->len, ==, 0);
  return decision->outcome;
}

#define OUTCOME_AFTER(...) outcome_after ((const char * const[]) { __VA_ARGS__, NULL })

static void
test_bp_boundaries (void)
{
  g_assert_cmpint (OUTCOME_AFTER ("bp.systolic=179"), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (OUTCOME_AFTER ("bp.systolic=180"), ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  g_assert_cmpint (OUTCOME_AFTER ("bp.diastolic=95"), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (OUTCOME_AFTER ("bp.diastolic=96"), ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  g_assert_cmpint (OUTCOME_AFTER ("bp.systolic=190", "bp.diastolic=110"), ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  g_assert_cmpint (OUTCOME_AFTER ("bp.systolic=100", "bp.diastolic=60"), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (OUTCOME_AFTER ("bp.systolic=99", "bp.diastolic=60"), ==, EBB_SCREENING_OUTCOME_EXCLUDE);
}

/* With both arms at 100/90 and the right PT at 0, the right DP in mmHg is
 * the right ABI in hundredths. */
static EbbScreeningOutcome
outcome_for_right_abi (guint hundredths)
{
  g_autofree char *dp = g_strdup_printf ("abi.right_dp=%u", hundredths);

  return OUTCOME_AFTER ("abi.brachial_right=100", "abi.brachial_left=90", "abi.right_pt=0", dp);
}

static void
test_abi_boundaries (void)
{
  g_assert_cmpint (outcome_for_right_abi (90), ==, EBB_SCREENING_OUTCOME_NOTE);
  g_assert_cmpint (outcome_for_right_abi (91), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (outcome_for_right_abi (99), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (outcome_for_right_abi (100), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (outcome_for_right_abi (140), ==, EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (outcome_for_right_abi (141), ==, EBB_SCREENING_OUTCOME_REFER);
  g_assert_cmpint (outcome_for_right_abi (40), ==, EBB_SCREENING_OUTCOME_NOTE);
  g_assert_cmpint (outcome_for_right_abi (39), ==, EBB_SCREENING_OUTCOME_REFER);
}

static void
test_wells_boundary (void)
{
  g_assert_cmpint (OUTCOME_AFTER ("dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w1=true"), ==,
                   EBB_SCREENING_OUTCOME_CLEAR);
  g_assert_cmpint (OUTCOME_AFTER ("dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w1=true", "wells.w5=true"), ==,
                   EBB_SCREENING_OUTCOME_EXCLUDE);
  /* W10 pulls a likely score back to unlikely. */
  g_assert_cmpint (OUTCOME_AFTER ("dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w1=true", "wells.w5=true",
                                  "wells.w10=true"), ==, EBB_SCREENING_OUTCOME_CLEAR);
}

static void
test_scores_in_decision (void)
{
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(JsonNode) scores = NULL;
  g_autofree char *text = NULL;

  apply (answers, (const char * const[]) {
    "dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w1=true", "wells.w5=true",
    "abi.brachial_right=120", "abi.brachial_left=118", "abi.right_dp=114", "abi.right_pt=116",
    "abi.left_dp=118", "abi.left_pt=112",
    "edinburgh.q1=\"yes\"", "edinburgh.q2=\"no\"", "edinburgh.q3=\"yes\"", "edinburgh.q4=\"yes\"",
    "edinburgh.q5=\"disappears\"", "edinburgh.q6=[\"calf\",\"thigh\"]", NULL });
  decision = evaluate_with (answers, NULL);

  scores = ebb_screening_decision_scores_to_json (decision);
  text = json_to_string (scores, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"wells\":{\"score\":2,\"category\":\"likely\"},"
                   "\"abi\":{\"right\":{\"value\":\"0.97\",\"class\":\"borderline\",\"severe\":false},"
                   "\"left\":{\"value\":\"0.98\",\"class\":\"borderline\",\"severe\":false}},"
                   "\"edinburgh\":{\"result\":\"definite\",\"grade\":2}}");
}

static void
test_incomplete (void)
{
  g_autoptr(EbbScreeningAnswers) answers = ebb_screening_answers_new (factory ());
  g_autoptr(EbbScreeningDecision) empty = evaluate_with (answers, NULL);
  g_autoptr(EbbScreeningDecision) decision = NULL;

  g_assert_cmpint (empty->outcome, ==, EBB_SCREENING_OUTCOME_INCOMPLETE);
  g_assert_true (is_missing (empty, "general.consent"));
  g_assert_true (is_missing (empty, "abi.right_dp"));
  /* Conditionally required items are not asked for until their condition holds. */
  g_assert_false (is_missing (empty, "wells.w4"));
  g_assert_false (is_missing (empty, "cardiac.nyha"));

  g_clear_object (&answers);
  answers = baseline_answers ();
  ebb_screening_answers_unset (answers, "general.consent");
  apply (answers, (const char * const[]) { "dvt.leg_symptoms=\"yes\"", "cardiac.heart_failure=\"yes\"",
                                           "edinburgh.q1=\"yes\"", "general.pregnancy=\"yes\"", NULL });
  decision = evaluate_with (answers, NULL);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_INCOMPLETE);
  g_assert_cmpint (decision->rule_outcome, ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  g_assert_true (has_reason (decision, "pregnancy", EBB_SCREENING_OUTCOME_EXCLUDE));
  g_assert_true (is_missing (decision, "general.consent"));
  g_assert_true (is_missing (decision, "wells.w1"));
  g_assert_true (is_missing (decision, "wells.w10"));
  g_assert_true (is_missing (decision, "cardiac.nyha"));
  g_assert_true (is_missing (decision, "cardiac.hf_decompensated"));
  g_assert_true (is_missing (decision, "edinburgh.q6"));
  g_assert_false (is_missing (decision, "cardiac.mi_date"));
  /* Scores whose inputs are complete are still computed. */
  g_assert_true (decision->abi_left.present);
  g_assert_false (decision->edinburgh.present);
}

static void
test_never_clear_when_incomplete (void)
{
  GPtrArray *items = ebb_questionnaire_get_items (factory ());

  for (guint i = 0; i < items->len; i++)
    {
      const EbbQuestionItem *item = g_ptr_array_index (items, i);
      g_autoptr(EbbScreeningAnswers) answers = NULL;
      g_autoptr(EbbScreeningDecision) decision = NULL;

      if (!item->required)
        continue;
      answers = baseline_answers ();
      ebb_screening_answers_unset (answers, item->id);
      decision = evaluate_with (answers, NULL);
      g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_INCOMPLETE);
      g_assert_true (is_missing (decision, item->id));
    }
}

static void
test_unknown_answer_refers (void)
{
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  const EbbScreeningReason *reason;

  apply (answers, (const char * const[]) { "general.copd=\"unknown\"", NULL });
  decision = evaluate_with (answers, NULL);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_REFER);
  g_assert_cmpuint (decision->reasons->len, ==, 1);
  reason = g_ptr_array_index (decision->reasons, 0);
  g_assert_cmpstr (reason->rule_id, ==, "unknown-answer");
  g_assert_cmpstr (reason->item_id, ==, "general.copd");
}

static void
test_roles (void)
{
  g_autoptr(EbbScreeningAnswers) answers = ebb_screening_answers_new (factory ());
  g_autoptr(GError) error = NULL;
  static const char * const examination[] = {
    "wells.w4", "wells.w5", "wells.w6", "wells.w7", "wells.w8", "wells.w10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (examination); i++)
    {
      EbbRoles others[] = { EBB_ROLE_RECEPTION, EBB_ROLE_TECHNICIAN, EBB_ROLE_ADMIN };

      for (guint r = 0; r < G_N_ELEMENTS (others); r++)
        {
          g_assert_false (ebb_screening_answers_set_boolean (answers, examination[i], TRUE, others[r], &error));
          g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
          g_assert_nonnull (strstr (error->message, examination[i]));
          g_clear_error (&error);
          g_assert_null (ebb_screening_answers_lookup (answers, examination[i]));
        }
      g_assert_true (ebb_screening_answers_set_boolean (answers, examination[i], TRUE, EBB_ROLE_CLINICIAN, &error));
      g_assert_no_error (error);
      /* An operator holding several roles, one of them clinician, may answer. */
      g_assert_true (ebb_screening_answers_set_boolean (answers, examination[i], FALSE,
                                                        EBB_ROLE_CLINICIAN | EBB_ROLE_ADMIN, &error));
      g_assert_no_error (error);
    }

  /* History items: any operator. */
  g_assert_true (ebb_screening_answers_set_boolean (answers, "wells.w1", TRUE, EBB_ROLE_RECEPTION, &error));
  g_assert_true (ebb_screening_answers_set_string (answers, "general.copd", "no", EBB_ROLE_RECEPTION, &error));
  g_assert_no_error (error);

  /* Measurements: clinician or technician. */
  g_assert_false (ebb_screening_answers_set_integer (answers, "bp.systolic", 120, EBB_ROLE_RECEPTION, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (ebb_screening_answers_set_integer (answers, "bp.systolic", 120, EBB_ROLE_TECHNICIAN, &error));
  g_assert_no_error (error);
}

static void
test_rejected_values (void)
{
  g_autoptr(EbbScreeningAnswers) answers = ebb_screening_answers_new (factory ());
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) fraction = json_node_init_double (json_node_alloc (), 120.5);
  static const char * const sites_dup[] = { "calf", "calf", NULL };
  static const char * const sites_bad[] = { "elbow", NULL };

  g_assert_true (ebb_screening_answers_set_integer (answers, "bp.systolic", 300, EBB_ROLE_CLINICIAN, &error));
  g_assert_false (ebb_screening_answers_set_integer (answers, "bp.systolic", 301, EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "bp.systolic"));
  g_clear_error (&error);
  /* The previous answer stays. */
  g_assert_cmpint (json_node_get_int (ebb_screening_answers_lookup (answers, "bp.systolic")), ==, 300);

  g_assert_false (ebb_screening_answers_set_integer (answers, "abi.brachial_left", 39, EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set (answers, "bp.diastolic", fraction, EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set_string (answers, "bp.diastolic", "80", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set_string (answers, "general.copd", "maybe", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set_string (answers, "wells.w1", "yes", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set_strv (answers, "edinburgh.q6", sites_dup, EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);
  g_assert_false (ebb_screening_answers_set_strv (answers, "edinburgh.q6", sites_bad, EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set_string (answers, "cardiac.mi_date", "2026-02-30", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);
  g_assert_false (ebb_screening_answers_set_string (answers, "cardiac.mi_date", "25.11.2026", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_WRONG_TYPE);
  g_clear_error (&error);

  g_assert_false (ebb_screening_answers_set_string (answers, "general.smoker", "no", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_UNKNOWN_ITEM);
  g_assert_nonnull (strstr (error->message, "general.smoker"));
}

static void
assert_evaluation_fails (const char * const *changes,
                         int                 code,
                         const char         *item)
{
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(GDateTime) when = now ();
  g_autoptr(GError) error = NULL;

  apply (answers, changes);
  decision = ebb_screening_evaluate (answers, NULL, when, &error);
  g_assert_null (decision);
  g_assert_error (error, EBB_SCREENING_ERROR, code);
  g_assert_nonnull (strstr (error->message, item));
}

static void
test_contradictions (void)
{
  assert_evaluation_fails ((const char * const[]) { "dvt.leg_symptoms=\"yes\"", WELLS_NONE, "wells.w9=true", NULL },
                           EBB_SCREENING_ERROR_CONTRADICTORY, "wells.w9");
  assert_evaluation_fails ((const char * const[]) { "bp.systolic=120", "bp.diastolic=120", NULL },
                           EBB_SCREENING_ERROR_CONTRADICTORY, "bp.diastolic");
  assert_evaluation_fails ((const char * const[]) { "cardiac.nyha=\"II\"", NULL },
                           EBB_SCREENING_ERROR_CONTRADICTORY, "cardiac.nyha");
  assert_evaluation_fails ((const char * const[]) { "cardiac.hf_decompensated=\"yes\"", NULL },
                           EBB_SCREENING_ERROR_CONTRADICTORY, "cardiac.hf_decompensated");
  assert_evaluation_fails ((const char * const[]) { "cardiac.mi_date=\"2025-01-01\"", NULL },
                           EBB_SCREENING_ERROR_CONTRADICTORY, "cardiac.mi_date");
  assert_evaluation_fails ((const char * const[]) { "cardiac.mi=\"yes\"", "cardiac.mi_date=\"2026-11-26\"", NULL },
                           EBB_SCREENING_ERROR_OUT_OF_RANGE, "cardiac.mi_date");
}

static void
test_stricter_rules (void)
{
  g_autoptr(EbbScreeningOptions) options = ebb_screening_options_new ();
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  const EbbScreeningReason *reason;

  options->stricter_rules = g_strsplit ("pacemaker pregnancy pad-abi-left unknown-answer", " ", -1);
  apply (answers, (const char * const[]) { "cardiac.pacemaker=\"yes\"", NULL });
  decision = evaluate_with (answers, options);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  reason = g_ptr_array_index (decision->reasons, 0);
  g_assert_true (reason->made_stricter);
  g_clear_pointer (&decision, ebb_screening_decision_free);

  /* An EXCLUDE stays EXCLUDE and a NOTE stays NOTE: a setting never weakens
   * a rule, and only REFER rules can be made stricter. */
  apply (answers, (const char * const[]) { "cardiac.pacemaker=\"no\"", "general.pregnancy=\"yes\"", NULL });
  decision = evaluate_with (answers, options);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_EXCLUDE);
  g_assert_false (((EbbScreeningReason *) g_ptr_array_index (decision->reasons, 0))->made_stricter);
  g_clear_pointer (&decision, ebb_screening_decision_free);

  apply (answers, (const char * const[]) { "general.pregnancy=\"no\"", "abi.left_dp=90", "abi.left_pt=80", NULL });
  decision = evaluate_with (answers, options);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_NOTE);
  g_clear_pointer (&decision, ebb_screening_decision_free);

  apply (answers, (const char * const[]) { "general.copd=\"unknown\"", NULL });
  decision = evaluate_with (answers, options);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_EXCLUDE);
}

static void
test_mi_window_setting (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(EbbScreeningOptions) factory_options = ebb_screening_options_new_from_settings ();
  g_autoptr(EbbScreeningOptions) options = NULL;
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  const char * const stricter[] = { "copd", NULL };

  g_assert_cmpuint (factory_options->recent_mi_days, ==, 5);

  g_assert_true (g_settings_set_uint (settings, "screening-recent-mi-days", 30));
  g_assert_true (g_settings_set_strv (settings, "stricter-rules", stricter));
  options = ebb_screening_options_new_from_settings ();
  g_assert_cmpuint (options->recent_mi_days, ==, 30);
  g_assert_true (g_strv_contains ((const char * const *) options->stricter_rules, "copd"));
  g_settings_reset (settings, "screening-recent-mi-days");
  g_settings_reset (settings, "stricter-rules");

  apply (answers, (const char * const[]) { "cardiac.mi=\"yes\"", "cardiac.mi_date=\"2026-10-26\"", NULL });
  decision = evaluate_with (answers, options);
  g_assert_true (has_reason (decision, "recent-mi", EBB_SCREENING_OUTCOME_EXCLUDE));
  g_clear_pointer (&decision, ebb_screening_decision_free);
  decision = evaluate_with (answers, factory_options);
  g_assert_false (has_reason (decision, "recent-mi", EBB_SCREENING_OUTCOME_EXCLUDE));
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_REFER);
}

static void
test_file_round_trip (void)
{
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningAnswers) copy = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(EbbScreeningDecision) a = NULL;
  g_autoptr(EbbScreeningDecision) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  apply (answers, (const char * const[]) { "cardiac.pacemaker=\"yes\"", "cardiac.valve=[\"lvoto\"]", NULL });
  json = ebb_screening_answers_to_json (answers);
  text = json_to_string (json, TRUE);
  copy = ebb_screening_answers_new_from_data (factory (), text, strlen (text), EBB_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);
  a = evaluate_with (answers, NULL);
  b = evaluate_with (copy, NULL);
  g_assert_cmpint (a->outcome, ==, b->outcome);
  g_assert_cmpuint (a->reasons->len, ==, b->reasons->len);
}

static void
test_file_errors (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *needle;
  } files[] = {
    { "", EBB_SCREENING_ERROR_INVALID_FILE, "empty" },
    { "  \n", EBB_SCREENING_ERROR_INVALID_FILE, "empty" },
    { "{\"questionnaire\":", EBB_SCREENING_ERROR_INVALID_FILE, "not valid JSON" },
    { "[1,2]", EBB_SCREENING_ERROR_INVALID_FILE, "one JSON object" },
    { "{\"questionnaire\":\"other\",\"version\":1,\"answers\":{}}", EBB_SCREENING_ERROR_WRONG_QUESTIONNAIRE, "other" },
    { "{\"questionnaire\":\"ebbflow-factory\",\"version\":2,\"answers\":{}}", EBB_SCREENING_ERROR_WRONG_QUESTIONNAIRE, "version 2" },
    { "{\"questionnaire\":\"ebbflow-factory\",\"version\":1,\"answers\":[]}", EBB_SCREENING_ERROR_INVALID_FILE, "answers" },
    { "{\"questionnaire\":\"ebbflow-factory\",\"version\":1,\"answers\":{},\"extra\":1}", EBB_SCREENING_ERROR_INVALID_FILE, "extra" },
    { "{\"questionnaire\":\"ebbflow-factory\",\"version\":1,\"answers\":{\"abi.left_pt\":\"high\"}}", EBB_SCREENING_ERROR_WRONG_TYPE, "abi.left_pt" },
  };

  g_autoptr(GError) null_error = NULL;

  /* An empty buffer without data is the empty file too. */
  g_assert_null (ebb_screening_answers_new_from_data (factory (), NULL, 0, EBB_ROLE_CLINICIAN, &null_error));
  g_assert_error (null_error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_FILE);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbbScreeningAnswers) answers =
        ebb_screening_answers_new_from_data (factory (), files[i].text, strlen (files[i].text),
                                             EBB_ROLE_CLINICIAN, &error);

      g_assert_null (answers);
      g_assert_error (error, EBB_SCREENING_ERROR, files[i].code);
      g_assert_nonnull (strstr (error->message, files[i].needle));
    }
}

/* The validity record and the session-start gate. */

static EbbScreeningState *
record_with (EbbScreeningOutcome outcome)
{
  g_autoptr(GDateTime) when = now ();
  EbbScreeningDecision decision = { 0 };
  EbbScreeningState *record;

  decision.questionnaire_id = (char *) "ebbflow-factory";
  decision.questionnaire_version = 1;
  decision.outcome = outcome;
  record = ebb_screening_state_new (&decision, "Rita Reception", when);
  g_assert_cmpint (record->outcome, ==, outcome);
  return record;
}

static gboolean
gate (const EbbScreeningState *record,
      int                       days_later,
      guint                     validity_days,
      gboolean                  confirmed,
      int                       expected_code)
{
  g_autoptr(GDateTime) base = now ();
  g_autoptr(GDateTime) when = g_date_time_add_days (base, days_later);
  g_autoptr(GError) error = NULL;
  gboolean allowed = ebb_screening_check_session_allowed (record, when, validity_days, confirmed, &error);

  if (expected_code == 0)
    {
      g_assert_no_error (error);
      g_assert_true (allowed);
    }
  else
    {
      g_assert_error (error, EBB_SCREENING_GATE_ERROR, expected_code);
      g_assert_false (allowed);
      g_assert_cmpstr (error->message, !=, "");
    }
  return allowed;
}

static void
test_gate_basic (void)
{
  g_autoptr(EbbScreeningState) clear = record_with (EBB_SCREENING_OUTCOME_CLEAR);
  g_autoptr(EbbScreeningState) note = record_with (EBB_SCREENING_OUTCOME_NOTE);
  g_autoptr(EbbScreeningState) incomplete = record_with (EBB_SCREENING_OUTCOME_INCOMPLETE);

  gate (NULL, 0, 90, TRUE, EBB_SCREENING_GATE_ERROR_NONE);
  gate (incomplete, 0, 90, TRUE, EBB_SCREENING_GATE_ERROR_INCOMPLETE);
  gate (clear, 0, 90, TRUE, 0);
  gate (note, 0, 90, TRUE, 0);
  gate (clear, 0, 90, FALSE, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
}

static void
test_gate_expiry (void)
{
  g_autoptr(EbbScreeningState) clear = record_with (EBB_SCREENING_OUTCOME_CLEAR);
  g_autoptr(GDateTime) until = ebb_screening_state_get_valid_until (clear, 90);
  g_autoptr(GDateTime) expected = g_date_time_add_days (clear->screened_at, 90);

  g_assert_true (g_date_time_equal (until, expected));
  gate (clear, 89, 90, TRUE, 0);
  gate (clear, 90, 90, TRUE, EBB_SCREENING_GATE_ERROR_EXPIRED);
  gate (clear, 400, 90, TRUE, EBB_SCREENING_GATE_ERROR_EXPIRED);
  /* A clinic-configured shorter period. */
  gate (clear, 29, 30, TRUE, 0);
  gate (clear, 30, 30, TRUE, EBB_SCREENING_GATE_ERROR_EXPIRED);
}

static void
test_gate_changed (void)
{
  g_autoptr(EbbScreeningState) record = record_with (EBB_SCREENING_OUTCOME_CLEAR);
  g_autoptr(GDateTime) base = now ();
  g_autoptr(GDateTime) visit = g_date_time_add_days (base, 10);
  g_autoptr(GDateTime) next_day = g_date_time_add_days (base, 11);
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_screening_state_confirm_unchanged (record, "Rita Reception", visit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (record->confirmed_by, ==, "Rita Reception");
  g_assert_true (ebb_screening_state_is_confirmed_on (record, visit));
  g_assert_false (ebb_screening_state_is_confirmed_on (record, next_day));
  gate (record, 10, 90, ebb_screening_state_is_confirmed_on (record, visit), 0);

  ebb_screening_state_report_change (record, "Rita Reception", next_day);
  g_assert_cmpstr (record->changed_by, ==, "Rita Reception");
  gate (record, 11, 90, TRUE, EBB_SCREENING_GATE_ERROR_CHANGED);
  g_assert_false (ebb_screening_state_confirm_unchanged (record, "Rita Reception", next_day, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED);
  gate (record, 11, 90, TRUE, EBB_SCREENING_GATE_ERROR_CHANGED);
}

static void
test_gate_refer_clearance (void)
{
  g_autoptr(EbbScreeningState) record = record_with (EBB_SCREENING_OUTCOME_REFER);
  g_autoptr(GDateTime) base = now ();
  g_autoptr(GDateTime) before = g_date_time_add_days (base, -1);
  g_autoptr(GDateTime) later = g_date_time_add_days (base, 1);
  g_autoptr(GError) error = NULL;

  gate (record, 1, 90, TRUE, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  g_assert_false (ebb_screening_state_clear (record, "Tom Tech", EBB_ROLE_TECHNICIAN | EBB_ROLE_RECEPTION,
                                              later, "fine", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ebb_screening_state_clear (record, "Dr. Weiß", EBB_ROLE_CLINICIAN, later, "  ", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_CLEARANCE);
  g_clear_error (&error);
  g_assert_false (ebb_screening_state_clear (record, "", EBB_ROLE_CLINICIAN, later, "ok", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_CLEARANCE);
  g_clear_error (&error);
  g_assert_false (ebb_screening_state_clear (record, "Dr. Weiß", EBB_ROLE_CLINICIAN, before, "ok", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_CLEARANCE);
  g_clear_error (&error);
  gate (record, 1, 90, TRUE, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  g_assert_true (ebb_screening_state_clear (record, "Dr. Weiß", EBB_ROLE_CLINICIAN, later,
                                             "Pacemaker is rate-responsive; cleared for −50 mbar", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (record->clearance_by, ==, "Dr. Weiß");
  gate (record, 1, 90, TRUE, 0);
  /* A clearance does not replace the visit's confirmation. */
  gate (record, 1, 90, FALSE, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
}

static void
test_gate_exclude_final (void)
{
  g_autoptr(EbbScreeningState) record = record_with (EBB_SCREENING_OUTCOME_EXCLUDE);
  g_autoptr(EbbScreeningState) clear = record_with (EBB_SCREENING_OUTCOME_CLEAR);
  g_autoptr(GDateTime) base = now ();
  g_autoptr(GError) error = NULL;

  gate (record, 0, 90, TRUE, EBB_SCREENING_GATE_ERROR_EXCLUDED);
  gate (record, 5, 90, TRUE, EBB_SCREENING_GATE_ERROR_EXCLUDED);
  g_assert_false (ebb_screening_state_clear (record, "Dr. Weiß", EBB_ROLES_ANY, base, "override", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_EXCLUDED);
  g_clear_error (&error);
  gate (record, 0, 90, TRUE, EBB_SCREENING_GATE_ERROR_EXCLUDED);

  g_assert_false (ebb_screening_state_clear (clear, "Dr. Weiß", EBB_ROLE_CLINICIAN, base, "n/a", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED);
}

/* A screening stored and read back gives the gate the same answer. */
static void
test_store_round_trip (void)
{
  g_autoptr(EbbScreeningAnswers) answers = baseline_answers ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(EbbStoredScreening) row = NULL;
  g_autoptr(EbbScreeningState) state = NULL;
  g_autoptr(EbbScreeningState) cleared = NULL;
  g_autoptr(GDateTime) when = now ();
  g_autoptr(GDateTime) later = g_date_time_add_days (when, 3);
  EbbScreeningConfirmation confirmation = { 0 };

  apply (answers, (const char * const[]) { "cardiac.pacemaker=\"yes\"", NULL });
  decision = evaluate_with (answers, NULL);
  row = ebb_screening_store_record_new (answers, decision, 7, 3, when, 90);
  g_assert_cmpstr (row->outcome, ==, "refer");
  g_assert_cmpint (row->client_id, ==, 7);
  g_assert_cmpint (row->operator_id, ==, 3);
  g_assert_cmpint (row->valid_until_us - row->screened_us, ==, (gint64) 90 * 24 * 3600 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (row->answers_json, "\"questionnaire\":\"ebbflow-factory\""));

  state = ebb_screening_state_new_from_store (row, "Rita", NULL, NULL, NULL, NULL);
  g_assert_cmpint (state->outcome, ==, EBB_SCREENING_OUTCOME_REFER);
  g_assert_cmpuint (state->questionnaire_version, ==, 1);
  gate (state, 3, 90, TRUE, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  row->cleared_by = 5;
  row->cleared_us = row->screened_us + G_USEC_PER_SEC;
  row->clearance_note = g_strdup ("rate-responsive pacemaker");
  confirmation.confirmed_us = g_date_time_to_unix (later) * G_USEC_PER_SEC;
  cleared = ebb_screening_state_new_from_store (row, "Rita", "Dr. Weiß", &confirmation, "Rita", NULL);
  g_assert_true (ebb_screening_state_is_confirmed_on (cleared, later));
  gate (cleared, 3, 90, ebb_screening_state_is_confirmed_on (cleared, later), 0);

  g_free (row->outcome);
  row->outcome = g_strdup ("maybe");
  g_assert_null (ebb_screening_state_new_from_store (row, "Rita", NULL, NULL, NULL, NULL));
}

/* Stored reasons are shown in the console's language, looked up by rule
 * id, whatever language they were stored in. */
static void
test_reason_translate (void)
{
  const char *id = ebb_questionnaire_get_id (factory ());
  const EbbQuestionRule *rule = ebb_questionnaire_lookup_rule (factory (), "claudication");
  g_autofree char *english = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *other = NULL;
  g_autofree char *no_rule = NULL;
  g_autofree char *none = NULL;
  g_autofree char *german = NULL;

  g_assert_nonnull (rule);
  english = ebb_screening_reason_translate (id, "claudication", "stored text");
  g_assert_cmpstr (english, ==, rule->text);

  /* Anything not a factory rule keeps its stored text. */
  unknown = ebb_screening_reason_translate (id, "no-such-rule", "stored text");
  g_assert_cmpstr (unknown, ==, "stored text");
  other = ebb_screening_reason_translate ("another-questionnaire", "claudication", "stored text");
  g_assert_cmpstr (other, ==, "stored text");
  no_rule = ebb_screening_reason_translate (id, NULL, "stored text");
  g_assert_cmpstr (no_rule, ==, "stored text");
  none = ebb_screening_reason_translate (id, "no-such-rule", NULL);
  g_assert_null (none);

  /* In German, with the build tree's catalogue (tests run with
   * LC_ALL=C.UTF-8, where gettext ignores LANGUAGE). */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("The de_DE.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  german = ebb_screening_reason_translate (id, "claudication", "Intermittent claudication, as stored");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpstr (german, ==, "Claudicatio intermittens laut Edinburgh-Fragebogen (die untersuchte "
                               "Indikation); vermerken");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/screening/baseline-clear", test_baseline_clear);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *alone = g_strdup_printf ("/ebb/screening/row/%s", rows[i].name);
      g_autofree char *combined = g_strdup_printf ("/ebb/screening/row-combined/%s", rows[i].name);

      g_test_add_data_func (alone, GUINT_TO_POINTER (i), test_row_alone);
      g_test_add_data_func (combined, GUINT_TO_POINTER (i), test_row_combined);
    }
  g_test_add_func ("/ebb/screening/precedence-all-three", test_precedence_all_three);
  g_test_add_func ("/ebb/screening/reason-translate", test_reason_translate);
  g_test_add_func ("/ebb/screening/boundary/bp", test_bp_boundaries);
  g_test_add_func ("/ebb/screening/boundary/abi", test_abi_boundaries);
  g_test_add_func ("/ebb/screening/boundary/wells", test_wells_boundary);
  g_test_add_func ("/ebb/screening/scores", test_scores_in_decision);
  g_test_add_func ("/ebb/screening/incomplete", test_incomplete);
  g_test_add_func ("/ebb/screening/never-clear-when-incomplete", test_never_clear_when_incomplete);
  g_test_add_func ("/ebb/screening/unknown-answer", test_unknown_answer_refers);
  g_test_add_func ("/ebb/screening/roles", test_roles);
  g_test_add_func ("/ebb/screening/rejected-values", test_rejected_values);
  g_test_add_func ("/ebb/screening/contradictions", test_contradictions);
  g_test_add_func ("/ebb/screening/stricter-rules", test_stricter_rules);
  g_test_add_func ("/ebb/screening/mi-window-setting", test_mi_window_setting);
  g_test_add_func ("/ebb/screening/file/round-trip", test_file_round_trip);
  g_test_add_func ("/ebb/screening/file/errors", test_file_errors);
  g_test_add_func ("/ebb/screening/gate/basic", test_gate_basic);
  g_test_add_func ("/ebb/screening/gate/expiry", test_gate_expiry);
  g_test_add_func ("/ebb/screening/gate/changed", test_gate_changed);
  g_test_add_func ("/ebb/screening/gate/refer-clearance", test_gate_refer_clearance);
  g_test_add_func ("/ebb/screening/gate/exclude-final", test_gate_exclude_final);
  g_test_add_func ("/ebb/screening/gate/store-round-trip", test_store_round_trip);

  return g_test_run ();
}
