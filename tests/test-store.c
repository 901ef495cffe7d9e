/* test-store.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "ebb-credentials.h"
#include "ebb-sample-writer.h"
#include "ebb-sample-codec.h"
#include "ebb-store.h"
#include "ebb-text-fold.h"
#include "store-test-util.h"


static gint64
add_client (EbbStore   *store,
            const char *family,
            const char *given,
            const char *external_id)
{
  return store_test_add_client (store, family, given, "1984-03-12", external_id);
}

static void
test_create (void)
{
  g_autofree char *path = store_test_path ("create.db");
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* Without CREATE a missing file is NOT_FOUND, and nothing is created. */
  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_store_get_schema_version (store), ==, EBB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (ebb_store_get_opened_from_version (store), ==, 0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (ebb_store_check (store, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Reopening finds the same version and no interrupted sessions. */
  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_store_get_opened_from_version (store), ==, EBB_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (ebb_store_get_interrupted_sessions (store)->len, ==, 0);
  g_assert_cmpint (ebb_store_probe_schema_version (path, &error), ==, EBB_STORE_SCHEMA_VERSION);
  g_assert_no_error (error);
}

static void
test_pragmas (void)
{
  g_autoptr(EbbStore) store = store_test_open ("pragmas.db");
  g_autofree char *path = store_test_path ("pragmas.db");
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* A second, raw connection sees what the store configured in the file. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x45626246);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_operators (void)
{
  g_autoptr(EbbStore) store = store_test_open ("operators.db");
  g_autoptr(EbbOperator) op = ebb_operator_new ();
  g_autoptr(EbbOperator) found = NULL;
  g_autoptr(EbbOperator) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  op->username = g_strdup ("anna");
  op->display_name = g_strdup ("Anna Åström");
  op->roles = EBB_ROLE_CLINICIAN | EBB_ROLE_ADMIN;
  op->credential_hash = g_strdup ("$argon2id$placeholder-hash");
  id = ebb_store_operator_insert (store, op, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* User names are unique regardless of case. */
  g_free (op->username);
  op->username = g_strdup ("ANNA");
  g_assert_cmpint (ebb_store_operator_insert (store, op, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Spaces are refused. */
  g_free (op->username);
  op->username = g_strdup ("an na");
  g_assert_cmpint (ebb_store_operator_insert (store, op, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  found = ebb_store_operator_find (store, "Anna", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, id);
  g_assert_cmpstr (found->display_name, ==, "Anna Åström");
  g_assert_cmpint (found->roles, ==, EBB_ROLE_CLINICIAN | EBB_ROLE_ADMIN);
  g_assert_true (found->active);
  g_assert_cmpuint (ebb_store_operator_count_admins (store, &error), ==, 1);

  found->roles = EBB_ROLE_TECHNICIAN;
  found->active = FALSE;
  g_assert_true (ebb_store_operator_update (store, found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ebb_store_operator_count_admins (store, &error), ==, 0);

  g_assert_true (ebb_store_operator_set_login_state (store, id, 3, 1234, 0, &error));
  g_assert_no_error (error);
  again = ebb_store_operator_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->roles, ==, EBB_ROLE_TECHNICIAN);
  g_assert_false (again->active);
  g_assert_cmpuint (again->failed_attempts, ==, 3);
  g_assert_cmpint (again->locked_until_us, ==, 1234);

  list = ebb_store_operator_list (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ebb_store_operator_list (store, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_null (ebb_store_operator_find (store, "nobody", &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
}

static void
test_clients (void)
{
  g_autoptr(EbbStore) store = store_test_open ("clients.db");
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbClient) read = NULL;
  g_autoptr(EbbClient) by_ext = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  gint64 id, other;

  client->family_name = g_strdup ("Ødegård-Łukasiewicz");
  client->given_name = g_strdup ("Zoë");
  client->date_of_birth = g_strdup ("1990-02-28");
  client->sex = EBB_SEX_FEMALE;
  client->phone = g_strdup ("+49 30 1234567");
  client->email = g_strdup ("zoe@example.org");
  client->external_id = g_strdup ("K-0001");
  client->notes = g_strdup ("Prefers mornings");
  id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);

  read = ebb_store_client_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->family_name, ==, "Ødegård-Łukasiewicz");
  g_assert_cmpstr (read->given_name, ==, "Zoë");
  g_assert_cmpstr (read->date_of_birth, ==, "1990-02-28");
  g_assert_cmpint (read->sex, ==, EBB_SEX_FEMALE);
  g_assert_cmpstr (read->phone, ==, "+49 30 1234567");
  g_assert_cmpstr (read->email, ==, "zoe@example.org");
  g_assert_cmpstr (read->notes, ==, "Prefers mornings");
  g_assert_false (read->archived);

  by_ext = ebb_store_client_find_external (store, "K-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_ext->id, ==, id);

  /* Invalid values are refused with INVALID, duplicates with CONSTRAINT. */
  g_free (client->date_of_birth);
  client->date_of_birth = g_strdup ("1990-02-30");
  g_assert_cmpint (ebb_store_client_insert (store, client, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (client->date_of_birth);
  client->date_of_birth = NULL;
  g_assert_cmpint (ebb_store_client_insert (store, client, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_free (client->family_name);
  client->family_name = g_strdup ("  ");
  g_assert_cmpint (ebb_store_client_insert (store, client, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Update. */
  read->phone = (g_free (read->phone), g_strdup ("0800 1"));
  g_assert_true (ebb_store_client_update (store, read, &error));
  g_assert_no_error (error);
  g_clear_pointer (&by_ext, ebb_client_free);
  by_ext = ebb_store_client_get (store, id, &error);
  g_assert_cmpstr (by_ext->phone, ==, "0800 1");

  /* A client without records may be deleted; one with a session cannot. */
  other = add_client (store, "Mistake", "Entry", NULL);
  g_assert_true (ebb_store_client_delete (store, other, &error));
  g_assert_no_error (error);
  g_assert_null (ebb_store_client_get (store, other, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  session->client_id = id;
  g_assert_cmpint (ebb_store_session_begin (store, session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (ebb_store_client_delete (store, id, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_true (ebb_store_client_set_archived (store, id, TRUE, &error));
  g_clear_pointer (&by_ext, ebb_client_free);
  by_ext = ebb_store_client_get (store, id, &error);
  g_assert_true (by_ext->archived);
  g_assert_cmpint (ebb_store_client_count (store, &error), ==, 1);
}

static void
test_consents (void)
{
  g_autoptr(EbbStore) store = store_test_open ("consents.db");
  g_autoptr(EbbConsent) consent = ebb_consent_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 client = add_client (store, "Weber", "Jonas", "C-1");
  gint64 id;

  consent->client_id = client;
  consent->topic = g_strdup ("treatment");
  consent->policy_version = g_strdup ("2026-01");
  consent->method = EBB_CONSENT_METHOD_VERBAL;
  consent->note = g_strdup ("Explained risks");
  id = ebb_store_consent_insert (store, consent, &error);
  g_assert_no_error (error);

  g_assert_true (ebb_store_consent_withdraw (store, id, 0, 42, &error));
  g_assert_no_error (error);
  /* A withdrawn consent cannot be withdrawn again. */
  g_assert_false (ebb_store_consent_withdraw (store, id, 0, 43, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = ebb_store_consent_list (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  {
    EbbConsent *c = g_ptr_array_index (list, 0);

    g_assert_cmpstr (c->topic, ==, "treatment");
    g_assert_cmpstr (c->policy_version, ==, "2026-01");
    g_assert_cmpint (c->method, ==, EBB_CONSENT_METHOD_VERBAL);
    g_assert_true (c->granted);
    g_assert_cmpint (c->withdrawn_us, ==, 42);
  }

  /* A consent for a client who does not exist breaks a foreign key. */
  consent->client_id = 9999;
  g_assert_cmpint (ebb_store_consent_insert (store, consent, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
}

static void
test_screenings (void)
{
  g_autoptr(EbbStore) store = store_test_open ("screenings.db");
  g_autoptr(EbbStoredScreening) s = ebb_stored_screening_new ();
  g_autoptr(EbbStoredScreening) latest = NULL;
  g_autoptr(GPtrArray) confirmations = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbOperator) op = ebb_operator_new ();
  gint64 client = add_client (store, "Nowak", "Ewa", "C-2");
  gint64 clinician, first, second;

  op->username = g_strdup ("dr");
  op->roles = EBB_ROLE_CLINICIAN;
  clinician = ebb_store_operator_insert (store, op, &error);
  g_assert_no_error (error);

  g_assert_null (ebb_store_screening_latest (store, client, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  s->client_id = client;
  s->questionnaire_id = g_strdup ("inp-safety");
  s->questionnaire_version = g_strdup ("1.0");
  s->answers_json = g_strdup ("{\"pregnant\":false,\"dvt\":true}");
  s->scores_json = g_strdup ("{\"risk\":2}");
  s->outcome = g_strdup ("relative");
  s->reasons_json = g_strdup ("[\"dvt\"]");
  s->operator_id = clinician;
  s->screened_us = 1000;
  s->valid_until_us = 2000;
  first = ebb_store_screening_insert (store, s, &error);
  g_assert_no_error (error);
  s->screened_us = 3000;
  second = ebb_store_screening_insert (store, s, &error);
  g_assert_no_error (error);

  /* Invalid JSON is refused by the schema. */
  g_free (s->answers_json);
  s->answers_json = g_strdup ("{not json");
  g_assert_cmpint (ebb_store_screening_insert (store, s, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  latest = ebb_store_screening_latest (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->id, ==, second);
  g_assert_cmpstr (latest->outcome, ==, "relative");
  g_assert_cmpstr (latest->reasons_json, ==, "[\"dvt\"]");
  g_assert_cmpint (latest->valid_until_us, ==, 2000);
  g_assert_cmpint (latest->cleared_by, ==, 0);

  g_assert_false (ebb_store_screening_clear (store, first, clinician, 0, "", clinician, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ebb_store_screening_clear (store, first, clinician, 5000, "Compression stockings", clinician, &error));
  g_assert_no_error (error);
  g_assert_false (ebb_store_screening_clear (store, first, clinician, 6000, "again", clinician, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_cmpint (ebb_store_screening_confirm (store, first, clinician, 7000, NULL, &error), >, 0);
  g_assert_cmpint (ebb_store_screening_confirm (store, first, clinician, 8000, "no change", &error), >, 0);
  g_assert_no_error (error);
  confirmations = ebb_store_screening_confirmations (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (confirmations->len, ==, 2);
  g_assert_cmpint (((EbbScreeningConfirmation *) g_ptr_array_index (confirmations, 1))->confirmed_us, ==, 8000);

  /* A reported change is recorded once, with who, when and what. */
  g_assert_false (ebb_store_screening_report_change (store, second, 0, 8500, NULL, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ebb_store_screening_report_change (store, 9999, clinician, 8500, NULL, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ebb_store_screening_report_change (store, second, clinician, 9000, "new knee surgery", &error));
  g_assert_no_error (error);
  g_assert_false (ebb_store_screening_report_change (store, second, clinician, 9500, NULL, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  {
    g_autoptr(EbbStoredScreening) changed = ebb_store_screening_get (store, second, &error);

    g_assert_no_error (error);
    g_assert_cmpint (changed->changed_by, ==, clinician);
    g_assert_cmpint (changed->changed_us, ==, 9000);
    g_assert_cmpstr (changed->change_note, ==, "new knee surgery");
  }

  list = ebb_store_screening_list (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    EbbStoredScreening *cleared = g_ptr_array_index (list, 1);

    g_assert_cmpint (cleared->id, ==, first);
    g_assert_cmpint (cleared->cleared_by, ==, clinician);
    g_assert_cmpint (cleared->cleared_us, ==, 5000);
    g_assert_cmpstr (cleared->clearance_note, ==, "Compression stockings");
    g_assert_cmpint (cleared->changed_by, ==, 0);
    g_assert_null (cleared->change_note);
    g_assert_cmpint (cleared->clearance_recorded_by, ==, clinician);
  }
}

static void
test_profiles (void)
{
  g_autoptr(EbbStore) store = store_test_open ("profiles.db");
  g_autoptr(EbbProfileRecord) p = ebb_profile_record_new ();
  g_autoptr(EbbProfileRecord) v1 = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbOperator) op = ebb_operator_new ();
  gint64 first, second, clinician;

  op->username = g_strdup ("dr");
  clinician = ebb_store_operator_insert (store, op, &error);

  p->name = g_strdup ("Standard");
  p->description = g_strdup ("Gentle cycles");
  p->level_pa = -4000;
  p->vacuum_s = 10;
  p->release_s = 7.5;
  p->ramp_pa_s = 2000;
  p->duration_s = 1800;
  p->factory = TRUE;
  first = ebb_store_profile_save (store, p, &error);
  g_assert_no_error (error);

  v1 = ebb_store_profile_get (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1->lineage_id, ==, first);
  g_assert_cmpuint (v1->version, ==, 1);
  g_assert_cmpfloat (v1->release_s, ==, 7.5);
  g_assert_true (v1->factory);
  g_assert_false (v1->approved);

  g_assert_true (ebb_store_profile_approve (store, first, clinician, 99, &error));
  g_assert_no_error (error);

  /* Editing adds version 2; version 1 stays as it was. */
  v1->level_pa = -5000;
  second = ebb_store_profile_save (store, v1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, !=, first);

  versions = ebb_store_profile_list_versions (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpint (((EbbProfileRecord *) g_ptr_array_index (versions, 0))->level_pa, ==, -4000);
  g_assert_true (((EbbProfileRecord *) g_ptr_array_index (versions, 0))->approved);
  g_assert_cmpint (((EbbProfileRecord *) g_ptr_array_index (versions, 1))->level_pa, ==, -5000);
  g_assert_cmpuint (((EbbProfileRecord *) g_ptr_array_index (versions, 1))->version, ==, 2);
  g_assert_false (((EbbProfileRecord *) g_ptr_array_index (versions, 1))->approved);

  current = ebb_store_profile_list_current (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (current->len, ==, 1);
  g_assert_cmpint (((EbbProfileRecord *) g_ptr_array_index (current, 0))->id, ==, second);
  g_clear_pointer (&current, g_ptr_array_unref);

  g_assert_true (ebb_store_profile_set_retired (store, first, TRUE, &error));
  current = ebb_store_profile_list_current (store, FALSE, &error);
  g_assert_cmpuint (current->len, ==, 0);

  /* A version of an unknown lineage is refused. */
  v1->lineage_id = 4242;
  g_assert_cmpint (ebb_store_profile_save (store, v1, &error), ==, 0);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
}

static void
test_sessions (void)
{
  g_autoptr(EbbStore) store = store_test_open ("sessions.db");
  g_autoptr(EbbSessionRecord) s = ebb_session_record_new ();
  g_autoptr(EbbSessionRecord) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  EbbVitals before = { TRUE, 120, 80, 64 };
  EbbVitals bad = { TRUE, 80, 120, 64 };
  gint64 client = add_client (store, "Berg", "Lena", NULL);
  gint64 id;

  s->client_id = client;
  s->profile_json = g_strdup ("{\"name\":\"Standard\",\"level_pa\":-4000}");
  s->chamber_model = g_strdup ("EBB-1");
  s->chamber_serial = g_strdup ("SN-0042");
  s->chamber_firmware = g_strdup ("1.2.3");
  s->started_us = 1000000;
  id = ebb_store_session_begin (store, s, &error);
  g_assert_no_error (error);

  g_assert_true (ebb_store_session_set_vitals (store, id, FALSE, &before, &error));
  g_assert_no_error (error);
  g_assert_false (ebb_store_session_set_vitals (store, id, TRUE, &bad, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ebb_store_session_set_notes (store, id, "Felt fine", &error));

  read = ebb_store_session_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->end_state, ==, EBB_SESSION_RUNNING);
  g_assert_cmpstr (read->chamber_serial, ==, "SN-0042");
  g_assert_true (read->vitals_before.recorded);
  g_assert_cmpuint (read->vitals_before.bp_systolic, ==, 120);
  g_assert_cmpuint (read->vitals_before.heart_rate, ==, 64);
  g_assert_false (read->vitals_after.recorded);
  g_assert_cmpstr (read->notes, ==, "Felt fine");
  g_clear_pointer (&read, ebb_session_record_free);

  g_assert_true (ebb_store_session_finish (store, id, EBB_SESSION_ABORTED, "over-vacuum", 5000000,
                                           "{\"crc_errors\":0}", &error));
  g_assert_no_error (error);
  g_assert_false (ebb_store_session_finish (store, id, EBB_SESSION_COMPLETED, NULL, 0, NULL, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  read = ebb_store_session_get (store, id, &error);
  g_assert_cmpint (read->end_state, ==, EBB_SESSION_ABORTED);
  g_assert_cmpstr (read->end_reason, ==, "over-vacuum");
  g_assert_cmpint (read->ended_us, ==, 5000000);
  g_assert_cmpstr (read->link_stats_json, ==, "{\"crc_errors\":0}");

  list = ebb_store_session_list (store, client, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_null (ebb_store_session_get (store, 777, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
}

static void
check_roundtrip (const EbbEcpTelemetry *in,
                 guint                  n)
{
  g_autoptr(GBytes) data = ebb_sample_codec_encode (in, n);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (EbbEcpTelemetry));
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  g_assert_true (ebb_sample_codec_decode (bytes, size, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const EbbEcpTelemetry *a = &in[i], *b = &g_array_index (out, EbbEcpTelemetry, i);

      g_assert_cmpuint (a->device_ms, ==, b->device_ms);
      g_assert_cmpint (a->pressure_pa, ==, b->pressure_pa);
      g_assert_cmpint (a->target_pa, ==, b->target_pa);
      g_assert_cmpuint (a->pump_pct, ==, b->pump_pct);
      g_assert_cmpuint (a->vent_open, ==, b->vent_open);
      g_assert_cmpuint (a->flags, ==, b->flags);
      g_assert_cmpuint (a->faults, ==, b->faults);
    }

  /* Every truncation is detected, never misread. */
  for (gsize cut = 0; cut < size; cut += 1 + size / 16)
    {
      g_autoptr(GError) cut_error = NULL;

      g_assert_false (ebb_sample_codec_decode (bytes, cut, out, &cut_error));
      g_assert_error (cut_error, EBB_STORE_ERROR, EBB_STORE_ERROR_CORRUPT);
      g_assert_cmpuint (out->len, ==, n);
    }
}

static void
test_codec (void)
{
  EbbEcpTelemetry s[EBB_SAMPLE_CHUNK_SIZE];
  GRand *rand = g_rand_new_with_seed (7);

  /* Extremes of every field, wrapping device clock. */
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      s[i].device_ms = G_MAXUINT32 - 500 + i * 7;
      s[i].pressure_pa = (i % 2) ? G_MININT32 : G_MAXINT32;
      s[i].target_pa = (gint32) g_rand_int (rand);
      s[i].pump_pct = g_rand_int_range (rand, 0, 256);
      s[i].vent_open = i % 3 == 0;
      s[i].flags = g_rand_int_range (rand, 0, 65536);
      s[i].faults = (i * 4099) & 0xffff;
    }
  check_roundtrip (s, G_N_ELEMENTS (s));
  check_roundtrip (s, 1);
  check_roundtrip (s, 2);

  /* Typical telemetry: steady clock, noisy pressure, constant fields. */
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      s[i].device_ms = 100000 + i * 10;
      s[i].pressure_pa = -4000 + g_rand_int_range (rand, -15, 16);
      s[i].target_pa = -4000;
      s[i].pump_pct = 40;
      s[i].vent_open = 0;
      s[i].flags = 1;
      s[i].faults = 0;
    }
  check_roundtrip (s, G_N_ELEMENTS (s));
  {
    g_autoptr(GBytes) data = ebb_sample_codec_encode (s, G_N_ELEMENTS (s));

    /* About one byte per sample for the pressure and a few per chunk for the rest. */
    g_assert_cmpuint (g_bytes_get_size (data), <, G_N_ELEMENTS (s) + 40);
  }

  g_rand_free (rand);
}

static void
test_writer_roundtrip (void)
{
  g_autoptr(EbbStore) store = store_test_open ("writer.db");
  g_autoptr(EbbSessionRecord) s = ebb_session_record_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(EbbSessionEvent) event = NULL;
  g_autoptr(EbbSessionRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  EbbEcpTelemetry batch[37];
  guint total = 0;
  gint64 id;

  s->client_id = add_client (store, "Kaya", "Deniz", NULL);
  id = ebb_store_session_begin (store, s, &error);
  g_assert_no_error (error);

  writer = ebb_sample_writer_new (store, id, &error);
  g_assert_no_error (error);

  event = ebb_session_event_new (EBB_SESSION_EVENT_PHASE, "vacuum", "Vacuum phase");
  event->data_json = g_strdup ("{\"cycle\":1}");
  event->device_ms = 500;
  ebb_sample_writer_push_event (writer, event);

  /* Batches that straddle chunk boundaries, with a flush in between. */
  for (guint b = 0; b < 30; b++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (batch); i++, total++)
        batch[i] = (EbbEcpTelemetry) {
          .device_ms = total * 5, .pressure_pa = -(gint32) (total % 4000), .target_pa = -4000,
          .pump_pct = total % 101, .vent_open = (total / 100) % 2, .flags = total % 7,
          .faults = total == 500 ? 2 : 0,
        };
      ebb_sample_writer_push_samples (writer, batch, G_N_ELEMENTS (batch));
      if (b == 10)
        {
          g_assert_true (ebb_sample_writer_flush (writer, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (ebb_sample_writer_get_n_written (writer), ==, 11 * G_N_ELEMENTS (batch));
        }
    }

  g_assert_true (ebb_sample_writer_close (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ebb_sample_writer_get_n_written (writer), ==, total);

  samples = ebb_store_session_read_samples (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, total);
  for (guint i = 0; i < total; i++)
    {
      EbbEcpTelemetry *t = &g_array_index (samples, EbbEcpTelemetry, i);

      g_assert_cmpuint (t->device_ms, ==, i * 5);
      g_assert_cmpint (t->pressure_pa, ==, -(gint32) (i % 4000));
      g_assert_cmpuint (t->pump_pct, ==, i % 101);
      g_assert_cmpuint (t->vent_open, ==, (i / 100) % 2);
      g_assert_cmpuint (t->flags, ==, i % 7);
      g_assert_cmpuint (t->faults, ==, i == 500 ? 2 : 0);
    }

  events = ebb_store_session_read_events (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  {
    EbbSessionEvent *e = g_ptr_array_index (events, 0);

    g_assert_cmpint (e->kind, ==, EBB_SESSION_EVENT_PHASE);
    g_assert_cmpstr (e->code, ==, "vacuum");
    g_assert_cmpstr (e->message, ==, "Vacuum phase");
    g_assert_cmpstr (e->data_json, ==, "{\"cycle\":1}");
    g_assert_cmpuint (e->device_ms, ==, 500);
  }

  read = ebb_store_session_get (store, id, &error);
  g_assert_cmpuint (read->n_samples, ==, total);
  g_assert_cmpuint (read->sample_epoch_device_ms, ==, 0);
  g_assert_cmpint (read->sample_epoch_us, >, 0);
  g_assert_cmpint (ebb_store_session_sample_bytes (store, id, &error), >, 0);

  /* A finished session takes no more samples. */
  g_assert_true (ebb_store_session_finish (store, id, EBB_SESSION_COMPLETED, NULL, 0, NULL, &error));
  g_clear_object (&writer);
  writer = ebb_sample_writer_new (store, id, &error);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CONSTRAINT);
  g_assert_null (writer);
}

static void
test_writer_resume (void)
{
  g_autoptr(EbbStore) store = store_test_open ("resume.db");
  g_autoptr(EbbSessionRecord) s = ebb_session_record_new ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  EbbEcpTelemetry t = { 0 };
  gint64 id;

  s->client_id = add_client (store, "Resume", "R", NULL);
  id = ebb_store_session_begin (store, s, &error);

  /* Two writers one after the other continue the same sample sequence. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(EbbSampleWriter) writer = ebb_sample_writer_new (store, id, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < 300; i++, t.device_ms += 10)
        ebb_sample_writer_push_samples (writer, &t, 1);
      g_assert_true (ebb_sample_writer_close (writer, &error));
    }

  samples = ebb_store_session_read_samples (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 600);
  for (guint i = 0; i < 600; i++)
    g_assert_cmpuint (g_array_index (samples, EbbEcpTelemetry, i).device_ms, ==, i * 10);
}

typedef struct
{
  EbbSampleWriter *writer;
  guint            n;
} PushJob;

static gpointer
push_thread (gpointer data)
{
  PushJob *job = data;

  for (guint i = 0; i < job->n; i++)
    {
      EbbEcpTelemetry t = { .device_ms = i, .pressure_pa = -(gint32) i };

      ebb_sample_writer_push_samples (job->writer, &t, 1);
      if (i % 50 == 0)
        g_usleep (1000);
    }

  return NULL;
}

/* A reader on its own connection sees a consistent, growing prefix of the
 * samples while the writer commits. */
static void
test_concurrent_reader (void)
{
  g_autofree char *path = store_test_path ("concurrent.db");
  g_autoptr(EbbStore) store = store_test_open ("concurrent.db");
  g_autoptr(EbbStore) reader = NULL;
  g_autoptr(EbbSessionRecord) s = ebb_session_record_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  PushJob job = { .n = 20000 };
  GThread *thread;
  guint last = 0, reads = 0, grew = 0;
  gint64 id;

  s->client_id = add_client (store, "Reader", "R", NULL);
  id = ebb_store_session_begin (store, s, &error);
  writer = ebb_sample_writer_new (store, id, &error);
  g_assert_no_error (error);
  reader = ebb_store_open (path, EBB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  job.writer = writer;
  thread = g_thread_new ("push", push_thread, &job);
  while (last < job.n)
    {
      g_autoptr(GArray) samples = ebb_store_session_read_samples (reader, id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (samples->len, >=, last);
      grew += samples->len > last;
      for (guint i = 0; i < samples->len; i++)
        g_assert_cmpuint (g_array_index (samples, EbbEcpTelemetry, i).device_ms, ==, i);
      last = samples->len;
      reads++;
      if (last == job.n)
        break;
      g_usleep (20000);
      /* Once everything is pushed, wait for the writer rather than poll. */
      if (reads > 200)
        g_assert_true (ebb_sample_writer_flush (writer, NULL));
    }
  g_thread_join (thread);

  g_assert_true (ebb_sample_writer_close (writer, &error));
  g_assert_cmpuint (grew, >, 1);
}

/* The main connection never checkpoints by itself; the WAL hook's
 * background checkpoints keep the log from growing without bound. */
static void
test_background_checkpoint (void)
{
  g_autofree char *path = store_test_path ("checkpoint.db");
  g_autoptr(EbbStore) store = store_test_open ("checkpoint.db");
  g_autoptr(GError) error = NULL;
  GStatBuf st = { 0 };
  gint64 deadline;

  for (guint i = 0; i < 1200; i++)
    {
      g_autoptr(EbbClient) c = ebb_client_new ();

      c->family_name = g_strdup_printf ("Client %u", i);
      c->notes = g_strnfill (4000, 'n');
      g_assert_cmpint (ebb_store_client_insert (store, c, &error), >, 0);
    }

  /* Generous bound: the checkpoint runs on a worker thread. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (st.st_size > 2 * 1024 * 1024)
        break;
      g_usleep (20000);
    }
  g_assert_cmpint (st.st_size, >, 2 * 1024 * 1024);
}

static void
test_transactions (void)
{
  g_autoptr(EbbStore) store = store_test_open ("transactions.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbOperator) op = ebb_operator_new ();

  op->username = g_strdup ("nested");
  g_assert_true (ebb_store_begin (store, &error));
  add_client (store, "Rolled", "Back", NULL);
  /* operator_insert nests its own transaction as a savepoint. */
  g_assert_cmpint (ebb_store_operator_insert (store, op, &error), >, 0);
  ebb_store_rollback (store);
  g_assert_cmpint (ebb_store_client_count (store, &error), ==, 0);
  g_assert_null (ebb_store_operator_find (store, "nested", NULL));

  g_assert_true (ebb_store_begin (store, &error));
  add_client (store, "Kept", "K", NULL);
  g_assert_cmpint (ebb_store_operator_insert (store, op, &error), >, 0);
  g_assert_true (ebb_store_commit (store, &error));
  g_assert_cmpint (ebb_store_client_count (store, &error), ==, 1);
}

static void
test_audit (void)
{
  g_autofree char *path = store_test_path ("audit.db");
  g_autoptr(EbbStore) store = store_test_open ("audit.db");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;
  sqlite3 *db;
  char *errmsg = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *subject = g_strdup_printf ("client:%u", i);

      g_assert_cmpint (ebb_store_audit_append (store, 1, "client.update", subject,
                                               i == 2 ? NULL : "{\"field\":\"phone\"}", &error),
                       ==, i + 1);
      g_assert_no_error (error);
    }

  g_assert_true (ebb_store_audit_verify (store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);

  entries = ebb_store_audit_list (store, 2, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((EbbAuditEntry *) g_ptr_array_index (entries, 0))->id, ==, 3);
  previous = ebb_store_audit_list (store, 1, 1, &error);
  g_assert_cmpstr (((EbbAuditEntry *) g_ptr_array_index (entries, 0))->prev_hash, ==,
                   ((EbbAuditEntry *) g_ptr_array_index (previous, 0))->hash);

  /* The triggers refuse changes through SQL. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET action = 'x' WHERE id = 3", NULL, NULL, &errmsg),
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (errmsg, "append-only"));
  sqlite3_free (errmsg);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE id = 3", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);

  /* Around the triggers, an edit breaks the chain at that entry. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER audit_no_update;"
                                 "UPDATE audit SET subject = 'client:99' WHERE id = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (ebb_store_audit_verify (store, &bad, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_AUDIT_BROKEN);
  g_assert_nonnull (strstr (error->message, "entry 4"));
  g_assert_cmpint (bad, ==, 4);
  g_clear_error (&error);

  /* A deleted entry is named as missing. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE audit SET subject = 'client:3' WHERE id = 4;"
                                 "DROP TRIGGER audit_no_delete;"
                                 "DELETE FROM audit WHERE id = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (ebb_store_audit_verify (store, &bad, &error));
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_AUDIT_BROKEN);
  g_assert_cmpint (bad, ==, 2);
  sqlite3_close (db);
}

static void
test_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Müller", "muller" },
    { "Ødegård-Łukasiewicz", "odegard-lukasiewicz" },
    { "Zoë", "zoe" },
    { "STRAßE", "strasse" },
    { "Æsa Œuvre", "aesa oeuvre" },
    { "Đorđević", "dordevic" },
    { "李小龙", "李小龙" },
    { "Ἀθηνᾶ", "αθηνα" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = ebb_text_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_credentials (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  g_assert_false (ebb_credentials_check_strength ("12345", &error));
  g_assert_error (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_TOO_WEAK);
  g_clear_error (&error);
  g_assert_false (ebb_credentials_check_strength ("abc1234", &error));
  g_assert_error (error, EBB_CREDENTIALS_ERROR, EBB_CREDENTIALS_ERROR_TOO_WEAK);
  g_clear_error (&error);
  g_assert_true (ebb_credentials_check_strength ("123456", NULL));
  g_assert_true (ebb_credentials_check_strength ("correct horse", NULL));

  hash = ebb_credentials_hash ("123456", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (ebb_credentials_verify (hash, "123456"));
  g_assert_false (ebb_credentials_verify (hash, "123457"));
  g_assert_false (ebb_credentials_verify (NULL, "123456"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/store/create", test_create);
  g_test_add_func ("/ebb/store/pragmas", test_pragmas);
  g_test_add_func ("/ebb/store/operators", test_operators);
  g_test_add_func ("/ebb/store/clients", test_clients);
  g_test_add_func ("/ebb/store/consents", test_consents);
  g_test_add_func ("/ebb/store/screenings", test_screenings);
  g_test_add_func ("/ebb/store/profiles", test_profiles);
  g_test_add_func ("/ebb/store/sessions", test_sessions);
  g_test_add_func ("/ebb/store/codec", test_codec);
  g_test_add_func ("/ebb/store/writer/roundtrip", test_writer_roundtrip);
  g_test_add_func ("/ebb/store/writer/resume", test_writer_resume);
  g_test_add_func ("/ebb/store/writer/concurrent-reader", test_concurrent_reader);
  g_test_add_func ("/ebb/store/transactions", test_transactions);
  g_test_add_func ("/ebb/store/background-checkpoint", test_background_checkpoint);
  g_test_add_func ("/ebb/store/audit", test_audit);
  g_test_add_func ("/ebb/store/fold", test_fold);
  g_test_add_func ("/ebb/store/credentials", test_credentials);

  return g_test_run ();
}
