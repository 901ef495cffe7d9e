/* test-front-desk-core.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-front-desk.h"
#include "ebb-permissions.h"
#include "ebb-screening-state.h"
#include "operators-fixture.h"

/* A test double at the output boundary: a file whose writes are accepted
 * and whose close fails, as a full disk or a network share reports the last
 * buffered bytes that never arrived. */
#define TEST_TYPE_FULL_DISK_STREAM (test_full_disk_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestFullDiskStream, test_full_disk_stream, TEST, FULL_DISK_STREAM, GOutputStream)

struct _TestFullDiskStream
{
  GOutputStream parent_instance;
  gsize         written;
};

G_DEFINE_FINAL_TYPE (TestFullDiskStream, test_full_disk_stream, G_TYPE_OUTPUT_STREAM)

static gssize
test_full_disk_stream_write (GOutputStream  *stream,
                             const void     *buffer,
                             gsize           count,
                             GCancellable   *cancellable,
                             GError        **error)
{
  TEST_FULL_DISK_STREAM (stream)->written += count;
  return count;
}

static gboolean
test_full_disk_stream_close (GOutputStream  *stream,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
  return FALSE;
}

static void
test_full_disk_stream_class_init (TestFullDiskStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = test_full_disk_stream_write;
  stream_class->close_fn = test_full_disk_stream_close;
}

static void
test_full_disk_stream_init (TestFullDiskStream *self)
{
}

/* "Today" for the date rules: 2026-03-01 12:00 local time. */
static gint64
today_us (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 1, 12, 0, 0);

  return g_date_time_to_unix (now) * G_USEC_PER_SEC;
}

static void
test_family_name (void)
{
  g_autofree char *long_name = g_strnfill (101, 'a');
  g_autofree char *max_name = g_strnfill (100, 'a');
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_front_desk_check_family_name ("Ødegård-Łukasiewicz", NULL));
  g_assert_true (ebb_front_desk_check_family_name (max_name, NULL));
  g_assert_false (ebb_front_desk_check_family_name (long_name, NULL));
  g_assert_false (ebb_front_desk_check_family_name ("   ", &error));
  g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_FAMILY_NAME);
  g_assert_false (ebb_front_desk_check_family_name (NULL, NULL));
}

static void
test_date_of_birth (void)
{
  const struct { const char *text; const char *iso; } cases[] = {
    { "1970-03-31", "1970-03-31" },
    { "31.03.1970", "1970-03-31" },
    { " 1.3.1970 ", "1970-03-01" },
    { "2026-03-01", "2026-03-01" },     /* born today */
    { "1906-03-01", "1906-03-01" },     /* exactly 120 years */
    { "2000-02-29", "2000-02-29" },
    { "1906-02-28", NULL },             /* more than 120 years */
    { "2026-03-02", NULL },             /* tomorrow */
    { "2027-01-01", NULL },
    { "1999-02-29", NULL },
    { "1970-13-01", NULL },
    { "1970-00-10", NULL },
    { "31/03/1970", NULL },
    { "1970-03-31x", NULL },
    { "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = ebb_front_desk_parse_date_of_birth (cases[i].text, today_us (),
                                                                  &error);

      g_test_message ("date of birth “%s”", cases[i].text);
      g_assert_cmpstr (iso, ==, cases[i].iso);
      if (cases[i].iso == NULL)
        g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH);
      else
        g_assert_no_error (error);
    }

  /* Empty means "not given", which is no error. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ebb_front_desk_parse_date_of_birth ("  ", today_us (), &error));
    g_assert_no_error (error);
  }
}

static void
test_email (void)
{
  const struct { const char *text; gboolean ok; } cases[] = {
    { "", TRUE },
    { "anna@example.org", TRUE },
    { "a.b+tag@mail.example.co.uk", TRUE },
    { "anna.example.org", FALSE },
    { "@example.org", FALSE },
    { "anna@", FALSE },
    { "anna@example", FALSE },
    { "anna@@example.org", FALSE },
    { "anna@example..org", FALSE },
    { "anna@.example.org", FALSE },
    { "anna@example.org.", FALSE },
    { "anna meier@example.org", FALSE },
    { "anna@example.org, ben@example.org", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("e-mail “%s”", cases[i].text);
      g_assert_cmpint (ebb_front_desk_check_email (cases[i].text, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_EMAIL);
    }
}

static void
test_phone (void)
{
  const struct { const char *text; gboolean ok; } cases[] = {
    { "", TRUE },
    { "+49 30 1234567", TRUE },
    { "(030) 123-45/67", TRUE },
    { "030.1234567", TRUE },
    { "12345", TRUE },
    { "1234", FALSE },
    { "+49 30 1234567 ext 5", FALSE },
    { "49+30", FALSE },
    { "123456789012345678", FALSE },
    { "call me", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("phone “%s”", cases[i].text);
      g_assert_cmpint (ebb_front_desk_check_phone (cases[i].text, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_PHONE);
    }
}

/* Registering stores the normal form and refuses an implausible client. */
static void
test_register (OperatorsFixture *fixture,
               gconstpointer     data)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");

  client->family_name = g_strdup ("  Meier ");
  client->given_name = g_strdup (" Anna");
  client->date_of_birth = g_strdup ("02.01.1950");
  client->email = g_strdup ("anna@");

  g_assert_cmpint (ebb_front_desk_register_client (fixture->ctx, client, &error), ==, 0);
  g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_EMAIL);
  g_clear_error (&error);
  g_assert_cmpint (ebb_store_client_count (fixture->store, NULL), ==, 0);

  g_free (client->email);
  client->email = g_strdup ("anna@example.org");
  id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);

  stored = ebb_store_client_get (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->family_name, ==, "Meier");
  g_assert_cmpstr (stored->given_name, ==, "Anna");
  g_assert_cmpstr (stored->date_of_birth, ==, "1950-01-02");

  /* A consent needs its topic and text version. */
  {
    g_autoptr(EbbConsent) consent = ebb_consent_new ();

    consent->client_id = id;
    consent->topic = g_strdup ("treatment");
    g_assert_cmpint (ebb_front_desk_record_consent (fixture->ctx, consent, &error), ==, 0);
    g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_CONSENT);
    g_clear_error (&error);
  }

  /* A withdrawal names the client in the audit trail, so it must be that
   * client's consent; a withdrawn consent cannot be withdrawn again. */
  {
    g_autoptr(EbbClient) other = ebb_client_new ();
    gint64 consent_id, other_id;

    consent_id = operators_fixture_record_consent (fixture, id);
    other->family_name = g_strdup ("Okafor");
    other_id = ebb_front_desk_register_client (fixture->ctx, other, &error);
    g_assert_no_error (error);

    g_assert_false (ebb_front_desk_withdraw_consent (fixture->ctx, other_id, consent_id, &error));
    g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_CONSENT);
    g_clear_error (&error);
    g_assert_cmpuint (operators_fixture_count (fixture, "consent.withdraw"), ==, 0);

    g_assert_true (ebb_front_desk_withdraw_consent (fixture->ctx, id, consent_id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (operators_fixture_count (fixture, "consent.withdraw"), ==, 1);
    g_assert_false (ebb_front_desk_withdraw_consent (fixture->ctx, id, consent_id, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (operators_fixture_count (fixture, "consent.withdraw"), ==, 1);

    /* A consent that does not exist is nobody's. */
    g_assert_false (ebb_front_desk_withdraw_consent (fixture->ctx, id, consent_id + 1000, &error));
    g_assert_error (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_CONSENT);
    g_clear_error (&error);
    g_assert_cmpuint (operators_fixture_count (fixture, "consent.withdraw"), ==, 1);
  }

  /* The store's look-up of the one consent the withdrawal checks. */
  {
    gint64 consent_id = operators_fixture_record_consent (fixture, id);
    g_autoptr(EbbConsent) found = ebb_store_consent_get (fixture->store, consent_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (found->id, ==, consent_id);
    g_assert_cmpint (found->client_id, ==, id);
    g_assert_cmpstr (found->topic, ==, "treatment");
    g_assert_cmpint (found->withdrawn_us, ==, 0);
    g_assert_null (ebb_store_consent_get (fixture->store, consent_id + 1000, &error));
    g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

/* Recording a screening and a clearance, and exporting the history: each
 * refused without the role (and that refusal audited), each audited when
 * done. The answers are the documented REFER example. */
static void
test_screening_and_export (OperatorsFixture *fixture,
                           gconstpointer     data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples",
                                                 "screening-refer.json", NULL);
  g_autoptr(EbbQuestionnaire) questionnaire = ebb_questionnaire_new_factory (NULL);
  g_autoptr(EbbScreeningAnswers) answers = NULL;
  g_autoptr(EbbScreeningOptions) options = ebb_screening_options_new ();
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(EbbStoredScreening) stored = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 client_id, screening_id;
  guint denied;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  answers = ebb_screening_answers_new_from_data (questionnaire, contents, length,
                                                 EBB_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);
  decision = ebb_screening_evaluate (answers, options, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decision->outcome, ==, EBB_SCREENING_OUTCOME_REFER);

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_add (fixture, "doc", EBB_ROLE_CLINICIAN);
  operators_fixture_login (fixture, "desk");
  client->family_name = g_strdup ("Meier");
  client_id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);

  /* A technician may not record a screening. */
  operators_fixture_login (fixture, "tech");
  denied = operators_fixture_count (fixture, "permission.denied");
  g_assert_cmpint (ebb_front_desk_record_screening (fixture->ctx, client_id, answers, decision,
                                                    90, &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, denied + 1);

  /* Reception records it; the row and the audit entry are there. */
  operators_fixture_login (fixture, "desk");
  screening_id = ebb_front_desk_record_screening (fixture->ctx, client_id, answers, decision,
                                                  90, &error);
  g_assert_no_error (error);
  g_assert_cmpint (screening_id, >, 0);
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.history"), ==, 1);

  /* Only a clinician clears the referral. */
  g_assert_false (ebb_front_desk_record_clearance (fixture->ctx, client_id, screening_id,
                                                   "ok", &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  operators_fixture_login (fixture, "doc");
  g_assert_true (ebb_front_desk_record_clearance (fixture->ctx, client_id, screening_id,
                                                  "Duplex scan normal", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.clearance"), ==, 1);
  stored = ebb_store_screening_get (fixture->store, screening_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->client_id, ==, client_id);

  /* Exporting the history: clinician yes (audited), reception no. */
  g_assert_true (ebb_front_desk_export_history (fixture->ctx, client_id, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (operators_fixture_count (fixture, "export"), ==, 1);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), >, 0);
  operators_fixture_login (fixture, "desk");
  g_assert_false (ebb_front_desk_export_history (fixture->ctx, client_id, out, NULL, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
}

/* An export is recorded only once its output is closed: a close that
 * fails is an error, and the trail claims no export. */
static void
test_export_closed_before_audit (OperatorsFixture *fixture,
                                 gconstpointer     data)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 client_id, session_id;

  operators_fixture_add (fixture, "doc", EBB_ROLE_CLINICIAN);
  operators_fixture_login (fixture, "doc");
  client->family_name = g_strdup ("Adeyemi");
  client_id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  session_id = operators_fixture_record_session (fixture, client_id);

  for (guint json = 0; json <= 2; json++)
    {
      g_autoptr(TestFullDiskStream) full = g_object_new (TEST_TYPE_FULL_DISK_STREAM, NULL);
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      gboolean ok;

      /* 0: the history CSV; 1: the session CSV; 2: the session JSON. */
      ok = json == 0
        ? ebb_front_desk_export_history (fixture->ctx, client_id, G_OUTPUT_STREAM (full), NULL, &error)
        : ebb_front_desk_export_session (fixture->ctx, session_id, json == 2, EBB_PRESSURE_UNIT_MBAR,
                                         G_OUTPUT_STREAM (full), NULL, &error);
      g_assert_false (ok);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      g_assert_cmpuint (full->written, >, 0);
      g_assert_cmpuint (operators_fixture_count (fixture, "export"), ==, json);

      /* A close that succeeds: closed, then recorded. */
      ok = json == 0
        ? ebb_front_desk_export_history (fixture->ctx, client_id, memory, NULL, &error)
        : ebb_front_desk_export_session (fixture->ctx, session_id, json == 2, EBB_PRESSURE_UNIT_MBAR,
                                         memory, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (g_output_stream_is_closed (memory));
      g_assert_cmpuint (operators_fixture_count (fixture, "export"), ==, json + 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/front-desk/rules/family-name", test_family_name);
  g_test_add_func ("/ebb/front-desk/rules/date-of-birth", test_date_of_birth);
  g_test_add_func ("/ebb/front-desk/rules/email", test_email);
  g_test_add_func ("/ebb/front-desk/rules/phone", test_phone);
  g_test_add ("/ebb/front-desk/register", OperatorsFixture, NULL,
              operators_fixture_set_up, test_register, operators_fixture_tear_down);
  g_test_add ("/ebb/front-desk/export-closed-before-audit", OperatorsFixture, NULL,
              operators_fixture_set_up, test_export_closed_before_audit, operators_fixture_tear_down);
  g_test_add ("/ebb/front-desk/screening-and-export", OperatorsFixture, NULL,
              operators_fixture_set_up, test_screening_and_export, operators_fixture_tear_down);

  return g_test_run ();
}
