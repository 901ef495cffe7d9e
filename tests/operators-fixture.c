/* operators-fixture.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "ebb-environment.h"
#include "ebb-front-desk.h"
#include "ebb-operators-private.h"
#include "ebb-profile.h"
#include "ebb-questionnaire.h"
#include "ebb-store-recorder.h"
#include "operators-fixture.h"

/* libsodium's minimum cost: the hashes still go through Argon2id and
 * crypto_pwhash_str_verify, only faster. */
char *
operators_fixture_cheap_hash (const char  *secret,
            GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (out, secret, strlen (secret),
                                      crypto_pwhash_OPSLIMIT_MIN,
                                      crypto_pwhash_MEMLIMIT_MIN), ==, 0);
  return g_strdup (out);
}

gint64
operators_fixture_clock_cb (gpointer user_data)
{
  OperatorsFixture *fixture = user_data;

  return fixture->now_us;
}

static void
open_store (OperatorsFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = ebb_store_open (fixture->path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->ctx = ebb_operator_session_new (fixture->store);
  ebb_operator_session_set_clock (fixture->ctx, operators_fixture_clock_cb, fixture);
}

void
operators_fixture_set_up (OperatorsFixture *fixture,
                          gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  _ebb_operators_set_hasher (operators_fixture_cheap_hash);
  /* A private folder even where the test framework does not isolate the
   * XDG directories (gtk_test_init() cannot). */
  fixture->dir = g_dir_make_tmp ("ebbflow-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "ebbflow-test.db", NULL);
  /* 2026-03-01 09:00 UTC: a fixed, plausible "today". */
  fixture->now_us = G_GINT64_CONSTANT (1772355600) * G_USEC_PER_SEC;
  open_store (fixture);
}

void
operators_fixture_tear_down (OperatorsFixture *fixture,
                             gconstpointer     data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fixture->ctx);
  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_clear_pointer (&fixture->path, g_free);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  _ebb_operators_set_hasher (NULL);
}

/* Closes and reopens the database file, as a restart of the console would. */
void
operators_fixture_reopen (OperatorsFixture *fixture)
{
  g_clear_object (&fixture->ctx);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
  open_store (fixture);
}

/* Inserts an operator straight into the store (no permission needed),
 * with FIXTURE_PIN as the secret. */
static gint64
insert_operator (EbbStore   *store,
                 const char *username,
                 EbbRoles    roles,
                 gint64      created_us)
{
  g_autoptr(EbbOperator) op = ebb_operator_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  op->username = g_strdup (username);
  op->display_name = g_strdup_printf ("Test %s", username);
  op->roles = roles;
  op->active = TRUE;
  op->created_us = created_us;
  op->credential_hash = operators_fixture_cheap_hash (FIXTURE_PIN, NULL);

  id = ebb_store_operator_insert (store, op, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* An active operator with FIXTURE_PIN, straight into @store, created now. */
gint64
operators_fixture_insert (EbbStore   *store,
                          const char *username,
                          EbbRoles    roles)
{
  return insert_operator (store, username, roles, 0);
}

gint64
operators_fixture_add (OperatorsFixture *fixture,
                       const char       *username,
                       EbbRoles          roles)
{
  return insert_operator (fixture->store, username, roles, fixture->now_us);
}

void
operators_fixture_login (OperatorsFixture *fixture,
                         const char       *username)
{
  g_autoptr(GError) error = NULL;

  ebb_operator_session_login (fixture->ctx, username, FIXTURE_PIN, &error);
  g_assert_no_error (error);
}

static GPtrArray *
list_all (OperatorsFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = ebb_store_audit_list (fixture->store, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* How many audit entries carry @action. */
guint
operators_fixture_count (OperatorsFixture *fixture,
                         const char       *action)
{
  g_autoptr(GPtrArray) entries = list_all (fixture);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      EbbAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0)
        n++;
    }

  return n;
}

/* The newest audit entry (owned by the caller). */
EbbAuditEntry *
operators_fixture_last (OperatorsFixture *fixture)
{
  g_autoptr(GPtrArray) entries = list_all (fixture);

  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_steal_index (entries, entries->len - 1);
}

/* The application's settings at the schema's defaults: the memory backend
 * lives as long as the test program, so each case starts afresh. */
GSettings *
operators_fixture_default_settings (void)
{
  GSettings *settings = ebb_environment_settings ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  return settings;
}

/* The client's agreement to treatment, signed on paper, text version
 * 2026-01, recorded through the core as the logged-in operator. */
gint64
operators_fixture_record_consent (OperatorsFixture *fixture,
                                  gint64            client_id)
{
  g_autoptr(EbbConsent) consent = ebb_consent_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  consent->client_id = client_id;
  consent->topic = g_strdup ("treatment");
  consent->policy_version = g_strdup ("2026-01");
  consent->granted = TRUE;
  consent->method = EBB_CONSENT_METHOD_SIGNED_PAPER;
  id = ebb_front_desk_record_consent (fixture->ctx, consent, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A finished session record of @client_id, as the session runner leaves
 * one, for the report and export actions. */
gint64
operators_fixture_record_session (OperatorsFixture *fixture,
                                  gint64            client_id)
{
  g_autoptr(EbbStoreRecorder) recorder = ebb_store_recorder_new (fixture->store, client_id, 0, 0, 0,
                                                                 "EBB-1", "1.0");
  g_autoptr(EbbProfile) profile = ebb_profile_new ("Standard");
  g_autoptr(JsonObject) snapshot = ebb_profile_to_json (profile);
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_autoptr(GError) error = NULL;
  EbbDeviceLinkStats stats = { 0 };
  gint64 session_id = 0;

  g_assert_true (ebb_recorder_begin (EBB_RECORDER (recorder), client, "fixture", "SN-1", snapshot,
                                     &session_id, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_recorder_finish (EBB_RECORDER (recorder), session_id, "stopped",
                                      "stopped by operator", &stats, &error));
  g_assert_no_error (error);
  return session_id;
}

/* The documented REFER screening (docs/examples/screening-refer.json),
 * with an examination item answered when @examination is set. */
EbbScreeningAnswers *
operators_fixture_screening (gboolean               examination,
                             EbbScreeningDecision **decision)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples",
                                                 "screening-refer.json", NULL);
  g_autoptr(EbbQuestionnaire) questionnaire = ebb_questionnaire_new_factory (NULL);
  g_autoptr(EbbScreeningAnswers) answers = NULL;
  g_autoptr(EbbScreeningOptions) options = ebb_screening_options_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  answers = ebb_screening_answers_new_from_data (questionnaire, contents, length,
                                                 EBB_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);
  if (examination)
    {
      g_assert_true (ebb_screening_answers_set_boolean (answers, "wells.w4", FALSE,
                                                        EBB_ROLE_CLINICIAN, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (ebb_screening_answers_has_examination (answers), ==, examination);
  *decision = ebb_screening_evaluate (answers, options, now, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&answers);
}
