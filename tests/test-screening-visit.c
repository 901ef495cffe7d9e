/* test-screening-visit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "ebb-screening-state.h"
#include "ebb-screening-visit.h"
#include "ebb-session-gate.h"
#include "operators-fixture.h"

#define DAY_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

static gint64
add_client (OperatorsFixture *fixture)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  client->family_name = g_strdup ("Berg");
  id = ebb_store_client_insert (fixture->store, client, &error);
  g_assert_no_error (error);
  return id;
}

/* A screening with @outcome, taken @days_ago days before the fixture's today. */
static gint64
add_screening (OperatorsFixture *fixture,
               gint64            client_id,
               const char       *outcome,
               int               days_ago)
{
  g_autoptr(EbbStoredScreening) row = ebb_stored_screening_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  row->client_id = client_id;
  row->questionnaire_id = g_strdup ("ebbflow-factory");
  row->questionnaire_version = g_strdup ("1");
  row->answers_json = g_strdup ("{}");
  row->outcome = g_strdup (outcome);
  row->screened_us = fixture->now_us - days_ago * DAY_US;
  id = ebb_store_screening_insert (fixture->store, row, &error);
  g_assert_no_error (error);
  return id;
}

/* The session gate on what the store keeps, at the fixture's today. */
static void
assert_gate (OperatorsFixture *fixture,
             gint64            client_id,
             int               code)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (fixture->now_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_to_local (utc);
  g_autoptr(GError) error = NULL;
  gboolean allowed = ebb_session_gate_check_stored (fixture->store, client_id, 90, now, &error);

  if (code == 0)
    {
      g_assert_no_error (error);
      g_assert_true (allowed);
    }
  else
    {
      g_assert_error (error, EBB_SCREENING_GATE_ERROR, code);
      g_assert_false (allowed);
    }
}

static void
assert_last_audit (OperatorsFixture *fixture,
                   const char       *action,
                   gint64            screening_id)
{
  g_autoptr(EbbAuditEntry) entry = operators_fixture_last (fixture);
  g_autofree char *subject = g_strdup_printf ("screening:%" G_GINT64_FORMAT, screening_id);

  g_assert_cmpstr (entry->action, ==, action);
  g_assert_cmpstr (entry->subject, ==, subject);
}

/* A refusal for lack of permission left exactly one new entry in the
 * trail: `permission.denied`, by @operator_id, naming @action. */
static void
assert_refusal_audited (OperatorsFixture *fixture,
                        guint             denied_before,
                        gint64            operator_id,
                        EbbAction         action)
{
  g_autoptr(EbbAuditEntry) entry = operators_fixture_last (fixture);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *detail;

  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied_before + 1);
  g_assert_cmpstr (entry->action, ==, EBB_AUDIT_PERMISSION_DENIED);
  g_assert_cmpint (entry->operator_id, ==, operator_id);
  g_assert_true (json_parser_load_from_data (parser, entry->detail_json, -1, NULL));
  detail = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (detail, "detail"), ==, ebb_permissions_action_id (action));
}

/* Reception, clinicians and technicians ask the client at each visit;
 * an administrator by role alone may not, and the refusal is audited. */
static void
test_roles (OperatorsFixture *fixture,
            gconstpointer     data)
{
  const struct { const char *user; EbbRoles roles; gboolean confirm; gboolean clear; } cases[] = {
    { "rita", EBB_ROLE_RECEPTION, TRUE, FALSE },
    { "clara", EBB_ROLE_CLINICIAN, TRUE, TRUE },
    { "tom", EBB_ROLE_TECHNICIAN, TRUE, FALSE },
    { "adam", EBB_ROLE_ADMIN, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 client = add_client (fixture);
      gint64 screening = add_screening (fixture, client, "refer", 1);
      guint denied, cleared;
      gboolean ok;

      operators_fixture_add (fixture, cases[i].user, cases[i].roles);
      operators_fixture_login (fixture, cases[i].user);

      denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
      ok = ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error) > 0;
      g_assert_cmpint (ok, ==, cases[i].confirm);
      if (ok)
        {
          g_assert_no_error (error);
          assert_last_audit (fixture, "screening.confirm", screening);
        }
      else
        {
          g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
          g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied + 1);
        }
      g_clear_error (&error);

      denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
      cleared = operators_fixture_count (fixture, "screening.clearance");
      ok = ebb_screening_visit_record_clearance (fixture->ctx, client, "stable, seen by GP", &error);
      g_assert_cmpint (ok, ==, cases[i].clear);
      if (ok)
        {
          g_assert_no_error (error);
          assert_last_audit (fixture, "screening.clearance", screening);
          assert_gate (fixture, client, 0);
          g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied);
        }
      else
        {
          g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
          assert_refusal_audited (fixture, denied, ebb_operator_session_get_operator_id (fixture->ctx),
                                  EBB_ACTION_CLEARANCE);
          g_assert_cmpuint (operators_fixture_count (fixture, "screening.clearance"), ==, cleared);
        }
      g_clear_error (&error);

      ok = ebb_screening_visit_report_change (fixture->ctx, client, NULL, &error);
      g_assert_cmpint (ok, ==, cases[i].confirm);
      if (ok)
        assert_last_audit (fixture, "screening.change", screening);
      else
        g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);

      ebb_operator_session_logout (fixture->ctx);
    }
}

/* "Nothing changed" today lets a CLEAR or NOTE screening start a session. */
static void
test_confirm_opens_gate (OperatorsFixture *fixture,
                         gconstpointer     data)
{
  const char *outcomes[] = { "clear", "note" };

  operators_fixture_add (fixture, "rita", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "rita");

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 client = add_client (fixture);
      gint64 screening = add_screening (fixture, client, outcomes[i], 10);

      assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
      g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), >, 0);
      g_assert_no_error (error);
      assert_gate (fixture, client, 0);
      assert_last_audit (fixture, "screening.confirm", screening);
    }

  /* Yesterday's confirmation does not count today. */
  {
    g_autoptr(GError) error = NULL;
    gint64 client = add_client (fixture);

    add_screening (fixture, client, "clear", 10);
    fixture->now_us -= DAY_US;
    g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), >, 0);
    fixture->now_us += DAY_US;
    assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
  }

  /* A client who was never screened has nothing to confirm. */
  {
    g_autoptr(GError) error = NULL;
    gint64 client = add_client (fixture);

    g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), ==, 0);
    g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
  }
}

/* A reported change closes the gate until the client is screened again. */
static void
test_change_closes_gate (OperatorsFixture *fixture,
                         gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStoredScreening) stored = NULL;
  gint64 client = add_client (fixture);
  gint64 first = add_screening (fixture, client, "clear", 10);
  gint64 second;

  operators_fixture_add (fixture, "tom", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (fixture, "tom");

  g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), >, 0);
  assert_gate (fixture, client, 0);

  g_assert_true (ebb_screening_visit_report_change (fixture->ctx, client, "new medication", &error));
  g_assert_no_error (error);
  assert_last_audit (fixture, "screening.change", first);
  assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_CHANGED);

  stored = ebb_store_screening_get (fixture->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->changed_by, ==, ebb_operator_session_get_operator_id (fixture->ctx));
  g_assert_cmpint (stored->changed_us, ==, fixture->now_us);
  g_assert_cmpstr (stored->change_note, ==, "new medication");

  /* Neither a confirmation nor a second report undoes it. */
  g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), ==, 0);
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (ebb_screening_visit_report_change (fixture->ctx, client, NULL, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  fixture->now_us += DAY_US;
  assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_CHANGED);

  /* A new screening starts afresh: confirmed today, sessions may start. */
  second = add_screening (fixture, client, "clear", 0);
  assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_NOT_CONFIRMED);
  g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), >, 0);
  g_assert_no_error (error);
  assert_last_audit (fixture, "screening.confirm", second);
  assert_gate (fixture, client, 0);
}

/* REFER: refused until a clinician clears it, allowed after. */
static void
test_refer_clearance (OperatorsFixture *fixture,
                      gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStoredScreening) stored = NULL;
  gint64 client = add_client (fixture);
  gint64 screening = add_screening (fixture, client, "refer", 2);
  gint64 clara = operators_fixture_add (fixture, "clara", EBB_ROLE_CLINICIAN);

  operators_fixture_login (fixture, "clara");
  g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), >, 0);
  assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  g_assert_false (ebb_screening_visit_record_clearance (fixture->ctx, client, "  ", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_INVALID_CLEARANCE);
  g_clear_error (&error);
  assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_REFER_WITHOUT_CLEARANCE);

  g_assert_true (ebb_screening_visit_record_clearance (fixture->ctx, client, "pacemaker checked", &error));
  g_assert_no_error (error);
  assert_last_audit (fixture, "screening.clearance", screening);
  assert_gate (fixture, client, 0);

  stored = ebb_store_screening_get (fixture->store, screening, &error);
  g_assert_cmpint (stored->cleared_by, ==, clara);
  g_assert_cmpint (stored->clearance_recorded_by, ==, clara);
  g_assert_cmpint (stored->cleared_us, ==, fixture->now_us);
  g_assert_cmpstr (stored->clearance_note, ==, "pacemaker checked");

  /* Cleared once; a second clearance needs a new screening. */
  g_assert_false (ebb_screening_visit_record_clearance (fixture->ctx, client, "again", &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Only a REFER needs a clearance. */
  client = add_client (fixture);
  add_screening (fixture, client, "clear", 2);
  g_assert_false (ebb_screening_visit_record_clearance (fixture->ctx, client, "n/a", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_NOT_ALLOWED);
}

/* Nobody, not even a clinician who is also administrator, clears an EXCLUDE. */
static void
test_exclude_not_clearable (OperatorsFixture *fixture,
                            gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStoredScreening) stored = NULL;
  gint64 client = add_client (fixture);
  gint64 screening = add_screening (fixture, client, "exclude", 1);

  operators_fixture_add (fixture, "owner", EBB_ROLES_ANY);
  operators_fixture_login (fixture, "owner");
  g_assert_cmpint (ebb_screening_visit_confirm_unchanged (fixture->ctx, client, &error), >, 0);

  g_assert_false (ebb_screening_visit_record_clearance (fixture->ctx, client, "I insist", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_EXCLUDED);
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.clearance"), ==, 0);

  stored = ebb_store_screening_get (fixture->store, screening, NULL);
  g_assert_cmpint (stored->cleared_by, ==, 0);
  assert_gate (fixture, client, EBB_SCREENING_GATE_ERROR_EXCLUDED);
}

/* Answers entered with an operator session: a refused answer keeps the
 * engine's error and is in that operator's trail, as the examination (a
 * finding or a measurement) or the history; an accepted one writes no
 * refusal. The role checked is the one each call names. */
static void
test_answer_refusals (OperatorsFixture *fixture,
                      gconstpointer     data)
{
  const struct { const char *user; EbbRoles roles; const char *item; gboolean allowed; EbbAction action; } cases[] = {
    { "rita", EBB_ROLE_RECEPTION, "wells.w4", FALSE, EBB_ACTION_SCREENING_EXAMINATION },
    { "rita", EBB_ROLE_RECEPTION, "bp.systolic", FALSE, EBB_ACTION_SCREENING_EXAMINATION },
    { "rita", EBB_ROLE_RECEPTION, "dvt.history", TRUE, 0 },
    { "tom", EBB_ROLE_TECHNICIAN, "wells.w4", FALSE, EBB_ACTION_SCREENING_EXAMINATION },
    { "tom", EBB_ROLE_TECHNICIAN, "bp.systolic", TRUE, 0 },
    { "adam", EBB_ROLE_ADMIN, "bp.systolic", FALSE, EBB_ACTION_SCREENING_EXAMINATION },
    { "clara", EBB_ROLE_CLINICIAN, "wells.w4", TRUE, 0 },
    { "clara", EBB_ROLE_CLINICIAN, "bp.systolic", TRUE, 0 },
    /* No role at all: even a history question is refused, as history. */
    { "rita", EBB_ROLE_NONE, "dvt.history", FALSE, EBB_ACTION_SCREENING_HISTORY },
  };
  g_autoptr(EbbQuestionnaire) questionnaire = ebb_questionnaire_new_factory (NULL);
  const char *users[] = { "rita", "tom", "adam", "clara" };
  const EbbRoles user_roles[] = { EBB_ROLE_RECEPTION, EBB_ROLE_TECHNICIAN, EBB_ROLE_ADMIN, EBB_ROLE_CLINICIAN };

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    operators_fixture_add (fixture, users[u], user_roles[u]);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EbbScreeningAnswers) answers = ebb_screening_answers_new (questionnaire);
      g_autoptr(JsonNode) value = NULL;
      g_autoptr(GError) error = NULL;
      guint denied;
      gboolean ok;

      value = g_str_equal (cases[i].item, "bp.systolic") ? json_node_init_int (json_node_alloc (), 128)
            : g_str_equal (cases[i].item, "wells.w4") ? json_node_init_boolean (json_node_alloc (), FALSE)
            : json_node_init_string (json_node_alloc (), "no");

      operators_fixture_login (fixture, cases[i].user);
      ebb_screening_answers_set_operator_session (answers, fixture->ctx);

      denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
      ok = ebb_screening_answers_set (answers, cases[i].item, value, cases[i].roles, &error);
      g_assert_cmpint (ok, ==, cases[i].allowed);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (ebb_screening_answers_lookup (answers, cases[i].item));
          g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied);
        }
      else
        {
          g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
          g_assert_nonnull (strstr (error->message, cases[i].item));
          g_assert_null (ebb_screening_answers_lookup (answers, cases[i].item));
          assert_refusal_audited (fixture, denied, ebb_operator_session_get_operator_id (fixture->ctx),
                                  cases[i].action);
        }

      ebb_operator_session_logout (fixture->ctx);
    }
}

/* Without an operator session there is no trail to write to: answers
 * checked against a bare role, and a clearance on a record that is not
 * stored, are refused and nothing is recorded, even with a database open
 * and someone logged in. */
static void
test_refusals_without_session (OperatorsFixture *fixture,
                               gconstpointer     data)
{
  g_autoptr(EbbQuestionnaire) questionnaire = ebb_questionnaire_new_factory (NULL);
  g_autoptr(EbbScreeningAnswers) answers = ebb_screening_answers_new (questionnaire);
  g_autoptr(EbbScreeningDecision) decision = g_new0 (EbbScreeningDecision, 1);
  g_autoptr(EbbScreeningState) record = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (fixture->now_us / G_USEC_PER_SEC);
  g_autoptr(GError) error = NULL;
  guint denied;

  operators_fixture_add (fixture, "tom", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (fixture, "tom");
  denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);

  g_assert_false (ebb_screening_answers_set_boolean (answers, "wells.w4", FALSE, EBB_ROLE_TECHNICIAN, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  decision->questionnaire_id = g_strdup ("ebbflow-factory");
  decision->questionnaire_version = 1;
  decision->outcome = EBB_SCREENING_OUTCOME_REFER;
  record = ebb_screening_state_new (decision, "Tom Tech", when);
  g_assert_false (ebb_screening_state_clear (record, "Tom Tech", EBB_ROLE_TECHNICIAN, when, "fine", &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  g_assert_null (record->clearance_by);

  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied);
}

/* An answers file read for an operator is checked against that operator's
 * roles; the refused item is audited once, and the file read by a
 * clinician writes no refusal. The role-only reading records nothing. */
static void
test_answers_file_refusal (OperatorsFixture *fixture,
                           gconstpointer     data)
{
  static const char file[] =
    "{\"questionnaire\": \"ebbflow-factory\", \"version\": 1,"
    " \"answers\": {\"dvt.history\": \"no\", \"wells.w4\": false}}";
  g_autoptr(EbbQuestionnaire) questionnaire = ebb_questionnaire_new_factory (NULL);
  g_autoptr(EbbScreeningAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;
  guint denied;

  operators_fixture_add (fixture, "rita", EBB_ROLE_RECEPTION);
  operators_fixture_add (fixture, "clara", EBB_ROLE_CLINICIAN);

  operators_fixture_login (fixture, "rita");
  denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
  answers = ebb_screening_answers_new_from_data_for_operator (questionnaire, file, strlen (file),
                                                              fixture->ctx, &error);
  g_assert_null (answers);
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  assert_refusal_audited (fixture, denied, ebb_operator_session_get_operator_id (fixture->ctx),
                          EBB_ACTION_SCREENING_EXAMINATION);
  g_clear_error (&error);

  denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
  answers = ebb_screening_answers_new_from_data (questionnaire, file, strlen (file), EBB_ROLE_RECEPTION, &error);
  g_assert_null (answers);
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied);
  g_clear_error (&error);
  ebb_operator_session_logout (fixture->ctx);

  operators_fixture_login (fixture, "clara");
  denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
  answers = ebb_screening_answers_new_from_data_for_operator (questionnaire, file, strlen (file),
                                                              fixture->ctx, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ebb_screening_answers_lookup (answers, "wells.w4"));
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied);

  /* The answers keep the operator: a later refused answer is audited too. */
  g_assert_false (ebb_screening_answers_set_boolean (answers, "wells.w5", TRUE, EBB_ROLE_RECEPTION, &error));
  g_assert_error (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_PERMISSION_DENIED);
  assert_refusal_audited (fixture, denied, ebb_operator_session_get_operator_id (fixture->ctx),
                          EBB_ACTION_SCREENING_EXAMINATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ebb/screening-visit/roles", OperatorsFixture, NULL,
              operators_fixture_set_up, test_roles, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/confirm-opens-gate", OperatorsFixture, NULL,
              operators_fixture_set_up, test_confirm_opens_gate, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/change-closes-gate", OperatorsFixture, NULL,
              operators_fixture_set_up, test_change_closes_gate, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/refer-clearance", OperatorsFixture, NULL,
              operators_fixture_set_up, test_refer_clearance, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/exclude-not-clearable", OperatorsFixture, NULL,
              operators_fixture_set_up, test_exclude_not_clearable, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/answer-refusals", OperatorsFixture, NULL,
              operators_fixture_set_up, test_answer_refusals, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/answers-file-refusal", OperatorsFixture, NULL,
              operators_fixture_set_up, test_answers_file_refusal, operators_fixture_tear_down);
  g_test_add ("/ebb/screening-visit/refusals-without-session", OperatorsFixture, NULL,
              operators_fixture_set_up, test_refusals_without_session, operators_fixture_tear_down);

  return g_test_run ();
}
