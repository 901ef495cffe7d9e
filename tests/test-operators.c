/* test-operators.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "ebb-admin.h"
#include "ebb-audit.h"
#include "ebb-credentials.h"
#include "ebb-environment.h"
#include "ebb-front-desk.h"
#include "ebb-operators.h"
#include "ebb-permissions.h"
#include "ebb-profile-record.h"
#include "operators-fixture.h"

static void
test_secret_rules (void)
{
  const struct { const char *secret; gboolean ok; } cases[] = {
    { "", FALSE },
    { "12345", FALSE },
    { "123456", TRUE },
    { "0000000000", TRUE },
    { "12345a", FALSE },
    { "abcdefg", FALSE },
    { "abcdefgh", TRUE },
    { "Grüße12", FALSE },
    { "Grüße123", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("secret “%s”", cases[i].secret);
      g_assert_cmpint (ebb_operators_validate_secret (cases[i].secret, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_TOO_WEAK);
    }

  g_assert_false (ebb_operators_validate_secret (NULL, NULL));
}

static void
test_username_rules (void)
{
  const struct { const char *name; gboolean ok; } cases[] = {
    { "anna", TRUE },
    { "a.meier-2", TRUE },
    { "a", FALSE },
    { "1anna", FALSE },
    { "anna meier", FALSE },
    { "änna", FALSE },
    { "abcdefghijabcdefghijabcdefghijab", TRUE },
    { "abcdefghijabcdefghijabcdefghijabc", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (ebb_operators_validate_username (cases[i].name, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID);
    }
}

/* The stored hash is Argon2id, never the secret, and verifies only it. */
static void
test_hash_roundtrip (OperatorsFixture *fixture,
                     gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbOperator) op = NULL;
  gint64 id;

  id = ebb_operators_create_first_admin (fixture->ctx, "boss", "The Boss", 0, "97531864", &error);
  g_assert_no_error (error);
  op = ebb_store_operator_get (fixture->store, id, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (op->credential_hash, "$argon2id$"));
  g_assert_null (strstr (op->credential_hash, "97531864"));
  g_assert_true (ebb_credentials_verify (op->credential_hash, "97531864"));
  g_assert_false (ebb_credentials_verify (op->credential_hash, "97531865"));
  g_assert_false (ebb_credentials_verify (op->credential_hash, ""));
}

static void
test_first_admin (OperatorsFixture *fixture,
                  gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;
  gint64 id;

  g_assert_true (ebb_operators_needs_first_admin (fixture->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ebb_operators_create_first_admin (fixture->ctx, "boss", "Boss", 0, "123",
                                                     &error), ==, 0);
  g_assert_error (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_TOO_WEAK);
  g_clear_error (&error);

  id = ebb_operators_create_first_admin (fixture->ctx, "boss", "  The Boss ",
                                         EBB_ROLE_CLINICIAN, "97531864", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  op = ebb_store_operator_get (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (op->display_name, ==, "The Boss");
  g_assert_cmpuint (op->roles, ==, EBB_ROLE_ADMIN | EBB_ROLE_CLINICIAN);
  g_assert_true (op->active);

  entry = operators_fixture_last (fixture);
  g_assert_cmpstr (entry->action, ==, EBB_AUDIT_OPERATOR_CREATE);
  g_assert_cmpstr (entry->subject, ==, g_strdup_printf ("operator:%" G_GINT64_FORMAT, id));

  g_assert_false (ebb_operators_needs_first_admin (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ebb_operators_create_first_admin (fixture->ctx, "boss2", "Boss", 0,
                                                     "97531864", &error), ==, 0);
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_EXISTS);
  g_clear_error (&error);

  ebb_operator_session_login (fixture->ctx, "boss", "97531864", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ebb_operator_session_get_roles (fixture->ctx), ==,
                    EBB_ROLE_ADMIN | EBB_ROLE_CLINICIAN);
}

static void
assert_login_fails (OperatorsFixture *fixture,
                    const char       *secret,
                    int               code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ebb_operator_session_login (fixture->ctx, "anna", secret, &error));
  g_assert_error (error, EBB_OPERATOR_ERROR, code);
  g_assert_false (ebb_operator_session_is_logged_in (fixture->ctx));
}

/* Five wrong attempts lock the account for five minutes, in virtual time. */
static void
test_lockout (OperatorsFixture *fixture,
              gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  operators_fixture_add (fixture, "anna", EBB_ROLE_RECEPTION);

  for (guint i = 1; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    {
      assert_login_fails (fixture, "111111", EBB_OPERATOR_ERROR_WRONG_SECRET);
      g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_LOGIN_FAILED), ==, i);
      fixture->now_us += 10 * G_USEC_PER_SEC;
    }
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_LOCKOUT), ==, 0);

  assert_login_fails (fixture, "111111", EBB_OPERATOR_ERROR_LOCKED_OUT);
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_LOCKOUT), ==, 1);
  g_assert_cmpint (ebb_operator_session_lockout_remaining (fixture->ctx, "anna"), ==,
                   5 * G_TIME_SPAN_MINUTE);

  /* Even the right PIN is refused while locked out. */
  fixture->now_us += 5 * G_TIME_SPAN_MINUTE - G_USEC_PER_SEC;
  assert_login_fails (fixture, FIXTURE_PIN, EBB_OPERATOR_ERROR_LOCKED_OUT);
  g_assert_cmpint (ebb_operator_session_lockout_remaining (fixture->ctx, "anna"), ==,
                   G_USEC_PER_SEC);

  fixture->now_us += G_USEC_PER_SEC;
  g_assert_cmpint (ebb_operator_session_lockout_remaining (fixture->ctx, "anna"), ==, 0);
  ebb_operator_session_login (fixture->ctx, "anna", FIXTURE_PIN, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_operator_session_is_logged_in (fixture->ctx));
}

/* A correct login resets the count of wrong attempts. */
static void
test_success_resets_attempts (OperatorsFixture *fixture,
                              gconstpointer     data)
{
  operators_fixture_add (fixture, "anna", EBB_ROLE_RECEPTION);

  for (guint i = 1; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    assert_login_fails (fixture, "111111", EBB_OPERATOR_ERROR_WRONG_SECRET);

  operators_fixture_login (fixture, "anna");
  ebb_operator_session_logout (fixture->ctx);

  for (guint i = 1; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    assert_login_fails (fixture, "111111", EBB_OPERATOR_ERROR_WRONG_SECRET);
  operators_fixture_login (fixture, "anna");
}

/* Restarting the console neither lifts a lockout nor forgets attempts. */
static void
test_lockout_survives_reopen (OperatorsFixture *fixture,
                              gconstpointer     data)
{
  operators_fixture_add (fixture, "anna", EBB_ROLE_RECEPTION);

  for (guint i = 1; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    {
      assert_login_fails (fixture, "111111", EBB_OPERATOR_ERROR_WRONG_SECRET);
      /* Attempts survive a restart too. */
      operators_fixture_reopen (fixture);
    }
  assert_login_fails (fixture, "111111", EBB_OPERATOR_ERROR_LOCKED_OUT);

  operators_fixture_reopen (fixture);
  assert_login_fails (fixture, FIXTURE_PIN, EBB_OPERATOR_ERROR_LOCKED_OUT);

  fixture->now_us += 5 * G_TIME_SPAN_MINUTE;
  operators_fixture_reopen (fixture);
  operators_fixture_login (fixture, "anna");
}

static void
test_unknown_and_inactive (OperatorsFixture *fixture,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_add (fixture, "anna", EBB_ROLE_RECEPTION);

  g_assert_false (ebb_operator_session_login (fixture->ctx, "nobody", FIXTURE_PIN, &error));
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_LOGIN_FAILED), ==, 1);

  operators_fixture_login (fixture, "boss");
  ebb_operators_deactivate (fixture->ctx, "anna", &error);
  g_assert_no_error (error);
  ebb_operator_session_logout (fixture->ctx);

  assert_login_fails (fixture, FIXTURE_PIN, EBB_OPERATOR_ERROR_INACTIVE);
}

static void
test_lock_unlock_switch (OperatorsFixture *fixture,
                         gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;
  gint64 tech;
  gint64 desk;

  tech = operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);
  desk = operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "tech");

  ebb_operator_session_lock (fixture->ctx);
  g_assert_true (ebb_operator_session_is_locked (fixture->ctx));
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_LOCK), ==, 1);

  /* Emergency stop works on the locked console. */
  g_assert_true (ebb_permissions_check (fixture->ctx, EBB_ACTION_SESSION_EMERGENCY_STOP, NULL));

  g_assert_false (ebb_operator_session_unlock (fixture->ctx, "999999", &error));
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_true (ebb_operator_session_is_locked (fixture->ctx));
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_UNLOCK_FAILED), ==, 1);

  /* Another operator's PIN does not unlock someone else's console. */
  g_assert_false (ebb_operator_session_unlock (fixture->ctx, "777777", &error));
  g_clear_error (&error);

  ebb_operator_session_unlock (fixture->ctx, FIXTURE_PIN, &error);
  g_assert_no_error (error);
  g_assert_false (ebb_operator_session_is_locked (fixture->ctx));
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_UNLOCK), ==, 1);

  /* Switching from the lock screen hands the console over, unlocked. */
  ebb_operator_session_lock (fixture->ctx);
  g_assert_false (ebb_operator_session_switch (fixture->ctx, "desk", "000000", &error));
  g_clear_error (&error);
  g_assert_cmpint (ebb_operator_session_get_operator_id (fixture->ctx), ==, tech);
  g_assert_true (ebb_operator_session_is_locked (fixture->ctx));

  ebb_operator_session_switch (fixture->ctx, "desk", FIXTURE_PIN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_operator_session_get_operator_id (fixture->ctx), ==, desk);
  g_assert_false (ebb_operator_session_is_locked (fixture->ctx));
  entry = operators_fixture_last (fixture);
  g_assert_cmpstr (entry->action, ==, EBB_AUDIT_SWITCH);
  g_assert_cmpint (entry->operator_id, ==, desk);
  g_assert_nonnull (strstr (entry->detail_json, "from tech"));

  ebb_operator_session_logout (fixture->ctx);
  g_assert_false (ebb_operator_session_is_logged_in (fixture->ctx));
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_LOGOUT), ==, 1);
}

static void
test_manage_operators (OperatorsFixture *fixture,
                       gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");

  id = ebb_operators_add (fixture->ctx, "anna", "Anna Meier",
                          EBB_ROLE_RECEPTION | EBB_ROLE_CLINICIAN, "11223344", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  g_assert_cmpint (ebb_operators_add (fixture->ctx, "ANNA", "Anna again", EBB_ROLE_RECEPTION,
                                      "11223344", &error), ==, 0);
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpint (ebb_operators_add (fixture->ctx, "ben", "Ben", 0, "11223344", &error), ==, 0);
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_INVALID);
  g_clear_error (&error);

  /* The last administrator can neither go nor lose the role. */
  g_assert_false (ebb_operators_deactivate (fixture->ctx, "boss", &error));
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_LAST_ADMIN);
  g_clear_error (&error);
  g_assert_false (ebb_operators_set_roles (fixture->ctx, "boss", EBB_ROLE_CLINICIAN, &error));
  g_assert_error (error, EBB_OPERATOR_ERROR, EBB_OPERATOR_ERROR_LAST_ADMIN);
  g_clear_error (&error);

  ebb_operators_set_roles (fixture->ctx, "anna", EBB_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  ebb_operators_deactivate (fixture->ctx, "boss", &error);
  g_assert_no_error (error);

  list = ebb_operators_list_for_login (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((EbbOperator *) list->pdata[0])->username, ==, "anna");

  ebb_operator_session_logout (fixture->ctx);
  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");

  /* Anyone may change their own PIN; nobody else's without the role. */
  ebb_operators_set_secret (fixture->ctx, "desk", "55667788", &error);
  g_assert_no_error (error);
  g_assert_false (ebb_operators_set_secret (fixture->ctx, "anna", "55667788", &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  ebb_operator_session_logout (fixture->ctx);
  ebb_operator_session_login (fixture->ctx, "desk", "55667788", &error);
  g_assert_no_error (error);
}

/* A forgotten PIN: the administrator sets a new one, which lifts the lockout. */
static void
test_reset_lifts_lockout (OperatorsFixture *fixture,
                          gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_add (fixture, "anna", EBB_ROLE_RECEPTION);
  for (guint i = 0; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    ebb_operator_session_login (fixture->ctx, "anna", "000000", NULL);
  g_assert_cmpint (ebb_operator_session_lockout_remaining (fixture->ctx, "anna"), >, 0);

  operators_fixture_login (fixture, "boss");
  ebb_operators_set_secret (fixture->ctx, "anna", "86420864", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_operator_session_lockout_remaining (fixture->ctx, "anna"), ==, 0);

  ebb_operator_session_switch (fixture->ctx, "anna", "86420864", &error);
  g_assert_no_error (error);
}

static void
assert_recorded (OperatorsFixture *fixture,
                 const char       *action)
{
  g_test_message ("audit action %s", action);
  g_assert_cmpuint (operators_fixture_count (fixture, action), >, 0);
}

/* The newest entry must be @action by @operator_id on @subject, for
 * @client_id (0: no client). */
static void
assert_last (OperatorsFixture *fixture,
             const char       *action,
             gint64            operator_id,
             const char       *subject,
             gint64            client_id)
{
  g_autoptr(EbbAuditEntry) entry = operators_fixture_last (fixture);

  g_test_message ("audit action %s", action);
  g_assert_cmpstr (entry->action, ==, action);
  g_assert_cmpint (entry->operator_id, ==, operator_id);
  if (subject != NULL)
    g_assert_true (g_str_has_prefix (entry->subject, subject));
  g_assert_cmpint (ebb_audit_entry_client (entry), ==, client_id);
}

/* Issue 9 item 4: every listed action writes its entry, each performed
 * through the core function the console and ebbflowctl call, and the entry
 * names the operator, the record and the client. The session runner's
 * actions (start, pause, resume, stop, emergency stop, alarm acknowledged
 * and audio pause) need a chamber and are checked the same way in
 * tests/test-session.c (/ebb/session/operator-audit). */
static void
test_every_action_audited (OperatorsFixture *fixture,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbClient) viewed = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *report = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *subject = NULL;
  g_autofree char *aside = NULL;
  gint64 boss, client_id, screening_id, session_id;

  boss = ebb_operators_create_first_admin (fixture->ctx, "boss", "Boss",
                                           EBB_ROLE_RECEPTION | EBB_ROLE_CLINICIAN,
                                           FIXTURE_PIN, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, EBB_AUDIT_OPERATOR_CREATE);

  ebb_operator_session_login (fixture->ctx, "boss", "000000", NULL);
  assert_recorded (fixture, EBB_AUDIT_LOGIN_FAILED);
  operators_fixture_login (fixture, "boss");
  assert_recorded (fixture, EBB_AUDIT_LOGIN);
  ebb_operator_session_lock (fixture->ctx);
  assert_recorded (fixture, EBB_AUDIT_LOCK);
  ebb_operator_session_unlock (fixture->ctx, FIXTURE_PIN, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, EBB_AUDIT_UNLOCK);

  client->family_name = g_strdup ("Schäfer");
  client->email = g_strdup ("ute@example.org");
  client_id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "client.create");

  viewed = ebb_front_desk_view_client (fixture->ctx, client_id, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "client.view");

  g_free (viewed->phone);
  viewed->phone = g_strdup ("+49 30 1234567");
  ebb_front_desk_update_client (fixture->ctx, viewed, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "client.update");
  {
    g_autoptr(EbbAuditEntry) entry = operators_fixture_last (fixture);

    /* Which fields changed, not their values. */
    g_assert_nonnull (strstr (entry->detail_json, "phone"));
    g_assert_null (strstr (entry->detail_json, "1234567"));
  }

  operators_fixture_record_consent (fixture, client_id);
  assert_recorded (fixture, "consent.record");

  ebb_front_desk_archive_client (fixture->ctx, client_id, TRUE, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "client.archive");

  ebb_admin_change_setting (fixture->ctx, settings, "idle-lock-minutes",
                            g_variant_new_uint32 (10), &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "settings.change");

  ebb_admin_backup (fixture->ctx, backup, NULL, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "backup");

  ebb_operators_add (fixture->ctx, "tech", "Tech", EBB_ROLE_TECHNICIAN, "24682468", &error);
  g_assert_no_error (error);
  ebb_operators_set_roles (fixture->ctx, "tech", EBB_ROLE_TECHNICIAN | EBB_ROLE_RECEPTION, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, EBB_AUDIT_OPERATOR_UPDATE);
  ebb_operators_deactivate (fixture->ctx, "tech", &error);
  g_assert_no_error (error);
  assert_recorded (fixture, EBB_AUDIT_OPERATOR_DEACTIVATE);

  entries = ebb_audit_query (fixture->ctx, NULL, &error);
  g_assert_no_error (error);
  assert_recorded (fixture, "audit.view");

  /* Screening with an examination item, then its clearance. */
  {
    g_autoptr(EbbScreeningDecision) decision = NULL;
    g_autoptr(EbbScreeningAnswers) answers = operators_fixture_screening (TRUE, &decision);

    screening_id = ebb_front_desk_record_screening (fixture->ctx, client_id, answers, decision,
                                                    90, &error);
    g_assert_no_error (error);
    assert_recorded (fixture, "screening.history");
    assert_last (fixture, "screening.examination", boss, "screening:", client_id);
    if (decision->outcome == EBB_SCREENING_OUTCOME_REFER)
      {
        g_assert_true (ebb_front_desk_record_clearance (fixture->ctx, client_id, screening_id,
                                                        "Duplex scan normal", &error));
        g_assert_no_error (error);
        assert_last (fixture, "screening.clearance", boss, "screening:", client_id);
      }
    g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_REFER);
  }

  /* Profiles (an administrator's). */
  {
    g_autoptr(EbbProfile) profile = ebb_profile_new ("Clinic low");
    gint64 profile_id;

    ebb_profile_set_level_pa (profile, -2000);
    profile_id = ebb_profile_save (fixture->ctx, profile, -5000, &error);
    g_assert_no_error (error);
    g_assert_cmpint (profile_id, >, 0);
    assert_last (fixture, "profile.create", boss, "profile:", 0);
    ebb_profile_set_level_pa (profile, -2500);
    profile_id = ebb_profile_save (fixture->ctx, profile, -5000, &error);
    g_assert_no_error (error);
    g_assert_cmpint (profile_id, >, 0);
    assert_last (fixture, "profile.update", boss, "profile:", 0);
    ebb_profile_set_approval (profile, TRUE, "boss");
    profile_id = ebb_profile_save (fixture->ctx, profile, -5000, &error);
    g_assert_no_error (error);
    g_assert_cmpint (profile_id, >, 0);
    assert_last (fixture, "profile.approve", boss, "profile:", 0);
  }

  /* Reports and exports of a recorded session, with its client. */
  session_id = operators_fixture_record_session (fixture, client_id);
  subject = g_strdup_printf ("session:%" G_GINT64_FORMAT, session_id);
  {
    g_autoptr(GSettings) report_settings = operators_fixture_default_settings ();
    g_autoptr(EbbReportOptions) options = ebb_report_options_new_from_settings (report_settings);

    g_assert_true (ebb_front_desk_save_report (fixture->ctx, session_id, report_settings, options,
                                               report, &error));
    g_assert_no_error (error);
    assert_last (fixture, "report.save", boss, subject, client_id);
  }
  g_assert_true (ebb_front_desk_record_report (fixture->ctx, EBB_ACTION_REPORT_PRINT, session_id,
                                               "Office printer", &error));
  g_assert_no_error (error);
  assert_last (fixture, "report.print", boss, subject, client_id);
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) history = g_memory_output_stream_new_resizable ();

    g_assert_true (ebb_front_desk_export_session (fixture->ctx, session_id, TRUE,
                                                  EBB_PRESSURE_UNIT_MMHG, out, NULL, &error));
    g_assert_no_error (error);
    assert_last (fixture, "export", boss, subject, client_id);
    g_assert_true (ebb_front_desk_export_history (fixture->ctx, client_id, history, NULL, &error));
    g_assert_no_error (error);
    assert_last (fixture, "export", boss, "client:", client_id);
  }

  g_assert_false (ebb_permissions_check (fixture->ctx, EBB_ACTION_SESSION_START, NULL));
  assert_recorded (fixture, EBB_AUDIT_PERMISSION_DENIED);

  for (guint i = 0; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    ebb_operator_session_switch (fixture->ctx, "boss", "000000", NULL);
  assert_recorded (fixture, EBB_AUDIT_LOCKOUT);

  ebb_operator_session_logout (fixture->ctx);
  assert_recorded (fixture, EBB_AUDIT_LOGOUT);

  g_assert_true (ebb_store_audit_verify (fixture->store, NULL, &error));
  g_assert_no_error (error);

  /* Restore last: it replaces the database; its entry is in the restored
   * one. The lockout above has to pass first. */
  fixture->now_us += EBB_OPERATOR_LOCKOUT_US;
  operators_fixture_login (fixture, "boss");
  g_assert_true (ebb_admin_restore (fixture->ctx, backup, &aside, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EbbStore) restored = ebb_store_open (fixture->path, EBB_STORE_OPEN_NONE, &error);
    g_autoptr(GPtrArray) trail = NULL;
    const EbbAuditEntry *last;

    g_assert_no_error (error);
    trail = ebb_store_audit_list (restored, 0, 0, &error);
    g_assert_no_error (error);
    last = g_ptr_array_index (trail, trail->len - 1);
    g_assert_cmpstr (last->action, ==, "restore");
    g_assert_cmpint (last->operator_id, ==, boss);
    g_assert_nonnull (strstr (last->detail_json, "restored by boss"));
    g_assert_true (ebb_store_audit_verify (restored, NULL, &error));
    g_assert_no_error (error);
  }
  g_unlink (backup);
  g_unlink (aside);
}

static void
test_audit_query_filters (OperatorsFixture *fixture,
                          gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  gint64 client_id;
  gint64 since;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN | EBB_ROLE_RECEPTION);
  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");
  client->family_name = g_strdup ("Lindqvist");
  client_id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  ebb_operator_session_switch (fixture->ctx, "boss", FIXTURE_PIN, &error);
  g_assert_no_error (error);

  {
    EbbAuditFilter filter = { .username = "desk" };
    g_autoptr(GPtrArray) entries = ebb_audit_query (fixture->ctx, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 2);   /* login, client.create */
    g_assert_cmpstr (((EbbAuditEntry *) entries->pdata[1])->action, ==, "client.create");
  }
  {
    EbbAuditFilter filter = { .client_id = client_id };
    g_autoptr(GPtrArray) entries = ebb_audit_query (fixture->ctx, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
  }
  {
    EbbAuditFilter filter = { .action = "audit.view" };
    g_autoptr(GPtrArray) entries = ebb_audit_query (fixture->ctx, &filter, &error);

    /* The two queries above; this one is recorded after it ran. */
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) all = ebb_store_audit_list (fixture->store, 0, 0, &error);
    EbbAuditFilter filter = { 0 };
    g_autoptr(GPtrArray) entries = NULL;

    since = ((EbbAuditEntry *) all->pdata[all->len - 1])->time_us;
    filter.since_us = since;
    entries = ebb_audit_query (fixture->ctx, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, >=, 1);
    for (guint i = 0; i < entries->len; i++)
      g_assert_cmpint (((EbbAuditEntry *) entries->pdata[i])->time_us, >=, since);
  }
  {
    EbbAuditFilter filter = { .limit = 3 };
    g_autoptr(GPtrArray) entries = ebb_audit_query (fixture->ctx, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 3);
  }
}

/* Columns of the audit table and how to change one byte of each: numbers
 * by one, text by replacing its first character with another one. */
#define FLIP(c) "(CASE WHEN substr (" c ", 1, 1) = 'X' THEN 'Y' ELSE 'X' END) || substr (" c ", 2)"
static const struct
{
  const char *column;
  const char *change;
} tamper[] = {
  { "time", "time + 1" },
  { "operator_id", "operator_id + 1" },
  { "action", FLIP ("action") },
  { "subject", FLIP ("subject") },
  { "detail", FLIP ("detail") },
  { "prev_hash", FLIP ("prev_hash") },
  { "hash", FLIP ("hash") },
};
#undef FLIP

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static int
count_cb (void  *user_data,
          int    n_columns,
          char **values,
          char **names)
{
  *(int *) user_data = atoi (values[0]);
  return 0;
}

static void
put_back (const char *path,
          const char *contents,
          gsize       length)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;

  g_unlink (wal);
  g_unlink (shm);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* The chain verifies when clean and, after a single byte of any column of
 * any row is changed behind the store's back, names that entry. */
static void
test_audit_tamper (OperatorsFixture *fixture,
                   gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autofree char *pristine = NULL;
  gsize pristine_length;
  gint64 bad = -1;
  int n_rows = 0;
  guint n_checked = 0;
  sqlite3 *db = NULL;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");
  client->family_name = g_strdup ("Ortiz");
  ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  ebb_operator_session_lock (fixture->ctx);
  ebb_operator_session_logout (fixture->ctx);

  g_assert_true (ebb_store_audit_verify (fixture->store, &bad, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->ctx);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA journal_mode = DELETE");
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM audit", count_cb, &n_rows, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (n_rows, ==, 4);   /* login, client.create, lock, logout */
  /* The trigger refuses an edit; an attacker would drop it first. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET action = 'x' WHERE id = 1",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  exec_sql (db, "DROP TRIGGER audit_no_update");
  sqlite3_close (db);
  g_file_get_contents (fixture->path, &pristine, &pristine_length, &error);
  g_assert_no_error (error);

  for (int row = 1; row <= n_rows; row++)
    for (guint c = 0; c < G_N_ELEMENTS (tamper); c++)
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE audit SET %s = %s "
                                                "WHERE id = %d AND %s IS NOT NULL",
                                                tamper[c].column, tamper[c].change, row,
                                                tamper[c].column);
        g_autoptr(EbbStore) store = NULL;
        int changes;

        put_back (fixture->path, pristine, pristine_length);
        g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
        exec_sql (db, sql);
        changes = sqlite3_changes (db);
        sqlite3_close (db);
        if (changes == 0)
          continue;

        store = ebb_store_open (fixture->path, EBB_STORE_OPEN_NONE, &error);
        g_assert_no_error (error);
        g_test_message ("%s", sql);
        bad = 0;
        g_assert_false (ebb_store_audit_verify (store, &bad, &error));
        g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_AUDIT_BROKEN);
        g_assert_cmpint (bad, ==, row);
        g_clear_error (&error);
        n_checked++;
      }

  /* Every column of every row, less the NULL subjects and details. */
  g_assert_cmpuint (n_checked, >=, (guint) n_rows * 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/operators/secret-rules", test_secret_rules);
  g_test_add_func ("/ebb/operators/username-rules", test_username_rules);
#define ADD(path, func) \
  g_test_add ("/ebb/operators/" path, OperatorsFixture, NULL, \
              operators_fixture_set_up, func, operators_fixture_tear_down)
  ADD ("hash-roundtrip", test_hash_roundtrip);
  ADD ("first-admin", test_first_admin);
  ADD ("lockout", test_lockout);
  ADD ("success-resets-attempts", test_success_resets_attempts);
  ADD ("lockout-survives-reopen", test_lockout_survives_reopen);
  ADD ("unknown-and-inactive", test_unknown_and_inactive);
  ADD ("lock-unlock-switch", test_lock_unlock_switch);
  ADD ("manage", test_manage_operators);
  ADD ("reset-lifts-lockout", test_reset_lifts_lockout);
  ADD ("every-action-audited", test_every_action_audited);
  ADD ("audit-query-filters", test_audit_query_filters);
  ADD ("audit-tamper", test_audit_tamper);
#undef ADD

  return g_test_run ();
}
