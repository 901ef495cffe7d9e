/* test-screening-visit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
        }
      else
        {
          g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
          g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied + 1);
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

  return g_test_run ();
}
