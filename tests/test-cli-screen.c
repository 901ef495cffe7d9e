/* test-cli-screen.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-store.h"
#include "ebb-test-cli.h"
#include "operators-fixture.h"

/* What the recording commands read at the PIN prompt. */
#define PIN FIXTURE_PIN "\n"

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", name, NULL);
}

static char *
data (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "screening", name, NULL);
}

static const struct
{
  const char *file;
  int         status;
  const char *outcome;
} examples[] = {
  { "screening-clear.json", 0, "CLEAR" },
  { "screening-note.json", 0, "NOTE" },
  { "screening-refer.json", 3, "REFER" },
  { "screening-exclude.json", 4, "EXCLUDE" },
  { "screening-incomplete.json", 5, "INCOMPLETE" },
};

static void
test_exit_codes (gconstpointer user_data)
{
  guint i = GPOINTER_TO_UINT (user_data);
  g_autofree char *path = example (examples[i].file);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *line = g_strdup_printf ("Outcome: %s\n", examples[i].outcome);
  const char *args[] = { "screen", "--answers", path, NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, examples[i].status);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, line));
  g_assert_nonnull (strstr (out, "Scores:\n"));
}

static JsonObject *
parse_json (const char  *text,
            JsonParser **parser)
{
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  json_parser_load_from_data (*parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

static void
test_json_refer (void)
{
  g_autofree char *path = example ("screening-refer.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *args[] = { "screen", "--answers", path, "--json", NULL };
  JsonObject *root;
  JsonArray *reasons;
  JsonObject *first;

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 3);
  root = parse_json (out, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "refer");
  g_assert_cmpstr (json_object_get_string_member (root, "questionnaire"), ==, "ebbflow-factory");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  reasons = json_object_get_array_member (root, "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 2);
  first = json_array_get_object_element (reasons, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "dvt-history");
  g_assert_cmpstr (json_object_get_string_member (first, "item"), ==, "dvt.history");
  g_assert_cmpstr (json_object_get_string_member (first, "outcome"), ==, "refer");
  g_assert_cmpstr (json_object_get_string_member (first, "evidence"), ==, "§2.5 #2; S18 S34");
}

static void
test_json_scores_when_incomplete (void)
{
  g_autofree char *path = example ("screening-incomplete.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *scores = NULL;
  const char *args[] = { "screen", "--answers", path, "--json", NULL };
  JsonObject *root;
  JsonArray *missing;

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 5);
  root = parse_json (out, &parser);
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "incomplete");
  missing = json_object_get_array_member (root, "missing");
  g_assert_cmpuint (json_array_get_length (missing), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "bp.systolic");
  g_assert_cmpstr (json_array_get_string_element (missing, 1), ==, "general.consent");

  json_generator_set_root (generator, json_object_get_member (root, "scores"));
  scores = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (scores, ==,
                   "{\"wells\":null,"
                   "\"abi\":{\"right\":{\"value\":\"0.97\",\"class\":\"borderline\",\"severe\":false},"
                   "\"left\":{\"value\":\"0.98\",\"class\":\"borderline\",\"severe\":false}},"
                   "\"edinburgh\":{\"result\":\"negative\",\"grade\":null}}");
}

static void
test_json_scores_all (void)
{
  g_autofree char *path = example ("screening-exclude.json");
  g_autofree char *note = example ("screening-note.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) parser2 = NULL;
  const char *args[] = { "screen", "--answers", path, "--json", NULL };
  const char *args2[] = { "screen", "--answers", note, "--json", NULL };
  JsonObject *scores;

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 4);
  scores = json_object_get_object_member (parse_json (out, &parser), "scores");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (scores, "wells"), "score"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (scores, "wells"), "category"), ==, "likely");

  g_assert_cmpint (ebb_test_cli_run (NULL, args2, &out2, &err2), ==, 0);
  scores = json_object_get_object_member (parse_json (out2, &parser2), "scores");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (scores, "abi"), "right"), "value"), ==, "0.80");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (scores, "abi"), "right"), "class"), ==, "abnormal");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (scores, "edinburgh"), "result"), ==, "definite");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (scores, "edinburgh"), "grade"), ==, 1);
}

static const struct
{
  const char *file;
  const char *needle;
} malformed[] = {
  { "wrong-type.json", "“abi.right_dp”" },
  { "unknown-item.json", "“general.smoker”" },
  { "out-of-range.json", "“bp.systolic”" },
  { "contradictory.json", "“bp.diastolic”" },
  { "bad-choice.json", "“edinburgh.q6”" },
  { "wrong-version.json", "version 7" },
  { "invalid-json.json", "not valid JSON: <data>:4:" },
  { "empty.json", "the answers file is empty" },
};

static void
test_malformed (gconstpointer user_data)
{
  guint i = GPOINTER_TO_UINT (user_data);
  g_autofree char *path = data (malformed[i].file);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "screen", "--answers", path, NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, malformed[i].needle) == NULL)
    g_test_message ("stderr: %s", err);
  g_assert_nonnull (strstr (err, malformed[i].needle));
  g_assert_nonnull (strstr (err, malformed[i].file));
}

static void
test_role_enforced (void)
{
  g_autofree char *path = data ("reception-examination.json");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "screen", "--answers", path, "--role", "reception", NULL };
  const char *args_clinician[] = { "screen", "--answers", path, "--role", "clinician", NULL };
  const char *args_bad[] = { "screen", "--answers", path, "--role", "janitor", NULL };

  /* The file carries a Wells examination finding, which only a clinician
   * may enter; the same file from a clinician is merely incomplete. */
  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "“wells.w4” is an examination finding: only a clinician may answer it"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (NULL, args_clinician, &out, &err), ==, 5);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (NULL, args_bad, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "janitor"));
}

static void
test_pdf_summary (void)
{
  g_autofree char *path = example ("screening-refer.json");
  g_autofree char *incomplete = example ("screening-incomplete.json");
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "summary.pdf", NULL);
  g_autofree char *none = g_build_filename (g_get_user_data_dir (), "none.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *args[] = { "screen", "--answers", path, "--pdf", pdf, NULL };
  const char *args_incomplete[] = { "screen", "--answers", incomplete, "--pdf", none, NULL };

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 3);
  g_assert_cmpstr (err, ==, "");
  g_file_get_contents (pdf, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* No summary for an incomplete screening; the exit status stays 5. */
  g_assert_cmpint (ebb_test_cli_run (NULL, args_incomplete, &out2, &err2), ==, 5);
  g_assert_nonnull (strstr (err2, "incomplete screening has no summary"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
}

static void
test_record (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "record", NULL);
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *refer = example ("screening-refer.json");
  g_autofree char *exam = data ("reception-examination.json");
  g_autofree char *incomplete = example ("screening-incomplete.json");
  g_autofree char *client_text = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbStoredScreening) latest = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  gint64 client_id, clinician_id, reception_id;

  g_mkdir_with_parents (dir, 0700);
  store = ebb_store_open (db, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  clinician_id = operators_fixture_insert (store, "weiss", EBB_ROLE_CLINICIAN);
  reception_id = operators_fixture_insert (store, "rita", EBB_ROLE_RECEPTION);
  operators_fixture_insert (store, "tom", EBB_ROLE_TECHNICIAN);
  client->family_name = g_strdup ("Müller");
  client->given_name = g_strdup ("Jana");
  client_id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);
  client_text = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_clear_object (&store);

  {
    const char *args[] = { "screen", "--answers", refer, "--database", db, "--client", client_text, "--as", "weiss", NULL };
    const char *args_reception[] = { "screen", "--answers", exam, "--database", db, "--client", client_text, "--as", "rita", NULL };
    const char *args_unknown[] = { "screen", "--answers", refer, "--database", db, "--client", client_text, "--as", "nobody", NULL };
    const char *args_half[] = { "screen", "--answers", refer, "--database", db, "--client", client_text, NULL };
    const char *args_synonym[] = { "screen", "--answers", refer, "--database", db, "--client", client_text, "--operator", "weiss", NULL };
    const char *args_incomplete[] = { "screen", "--answers", incomplete, "--database", db, "--client", client_text, "--as", "weiss", NULL };
    const char *args_technician[] = { "screen", "--answers", refer, "--database", db, "--client", client_text, "--as", "tom", NULL };
    g_autofree char *out5 = NULL, *err5 = NULL;
    g_autofree char *out6 = NULL, *err6 = NULL;

    /* A user name alone records nothing: the PIN is checked first. */
    g_assert_cmpint (ebb_test_cli_run ("135790\n", args, &out5, &err5), ==, 1);
    g_assert_nonnull (strstr (err5, "Wrong PIN or password"));
    g_assert_null (strstr (out5, "Recorded"));

    /* A technician may not take the screening history: the core refuses. */
    g_assert_cmpint (ebb_test_cli_run (PIN, args_technician, &out6, &err6), ==, 1);
    g_assert_nonnull (strstr (err6, "You may not answer the screening history questions"));
    g_assert_null (strstr (out6, "Recorded"));
    g_clear_pointer (&out6, g_free);
    g_clear_pointer (&err6, g_free);

    /* An incomplete screening is listed but not recorded (exit 5). */
    g_clear_pointer (&out6, g_free);
    g_clear_pointer (&err6, g_free);
    g_assert_cmpint (ebb_test_cli_run (PIN, args_incomplete, &out6, &err6), ==, 5);
    g_assert_nonnull (strstr (err6, "The screening is incomplete"));
    g_assert_nonnull (strstr (out6, "Missing answers:"));
    g_assert_null (strstr (out6, "Recorded"));
    g_clear_pointer (&out6, g_free);
    g_clear_pointer (&err6, g_free);

    /* --operator is the same as --as: the PIN is needed as well. */
    g_assert_cmpint (ebb_test_cli_run ("", args_synonym, &out6, &err6), ==, 1);
    g_assert_nonnull (strstr (err6, "No answer on standard input"));

    g_assert_cmpint (ebb_test_cli_run (PIN, args, &out, &err), ==, 3);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_str_has_prefix (out, "Recorded as screening "));

    /* The operator's own roles count: reception may not enter examination findings. */
    g_assert_cmpint (ebb_test_cli_run (PIN, args_reception, &out2, &err2), ==, 2);
    g_assert_nonnull (strstr (err2, "“wells.w4” is an examination finding"));
    /* …and the refusal is in the audit trail, in rita's name. */
    {
      g_autoptr(EbbStore) audit_store = ebb_store_open (db, EBB_STORE_OPEN_READ_ONLY, &error);
      g_autoptr(GPtrArray) entries = NULL;
      guint refusals = 0;

      g_assert_no_error (error);
      entries = ebb_store_audit_list (audit_store, 0, 0, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < entries->len; i++)
        {
          const EbbAuditEntry *entry = g_ptr_array_index (entries, i);

          if (g_str_equal (entry->action, "permission.denied") && entry->operator_id == reception_id &&
              strstr (entry->detail_json, "screening-examination") != NULL)
            refusals++;
        }
      g_assert_cmpuint (refusals, ==, 1);
    }

    g_assert_cmpint (ebb_test_cli_run (PIN, args_unknown, &out3, &err3), ==, 1);
    g_assert_cmpint (ebb_test_cli_run (NULL, args_half, &out4, &err4), ==, 2);
    g_assert_nonnull (strstr (err4, "--client and --as go together"));
  }

  store = ebb_store_open (db, EBB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  list = ebb_store_screening_list (store, client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  latest = ebb_store_screening_latest (store, client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latest->outcome, ==, "refer");
  g_assert_cmpstr (latest->questionnaire_id, ==, "ebbflow-factory");
  g_assert_cmpstr (latest->questionnaire_version, ==, "1");
  g_assert_cmpint (latest->operator_id, ==, clinician_id);
  g_assert_nonnull (strstr (latest->answers_json, "\"cardiac.pacemaker\":\"yes\""));
  g_assert_nonnull (strstr (latest->reasons_json, "\"rule\":\"pacemaker\""));
  g_assert_nonnull (strstr (latest->scores_json, "\"abi\""));
  g_assert_cmpint (latest->valid_until_us, >, latest->screened_us);
}

static void
test_usage (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  const char *none[] = { "screen", NULL };
  const char *help[] = { "screen", "--help", NULL };
  const char *missing[] = { "screen", "--answers", "/nonexistent/answers.json", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, none, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--answers FILE is required"));

  g_assert_cmpint (ebb_test_cli_run (NULL, help, &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "--answers"));
  g_assert_nonnull (strstr (out2, "3 REFER, 4 EXCLUDE, 5 incomplete"));

  g_assert_cmpint (ebb_test_cli_run (NULL, missing, &out3, &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "/nonexistent/answers.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/cli/screen/exit-code/%s", examples[i].file);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_exit_codes);
    }
  g_test_add_func ("/ebb/cli/screen/json/refer", test_json_refer);
  g_test_add_func ("/ebb/cli/screen/json/scores-when-incomplete", test_json_scores_when_incomplete);
  g_test_add_func ("/ebb/cli/screen/json/scores-all", test_json_scores_all);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/cli/screen/malformed/%s", malformed[i].file);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_malformed);
    }
  g_test_add_func ("/ebb/cli/screen/role-enforced", test_role_enforced);
  g_test_add_func ("/ebb/cli/screen/pdf-summary", test_pdf_summary);
  g_test_add_func ("/ebb/cli/screen/record", test_record);
  g_test_add_func ("/ebb/cli/screen/usage", test_usage);

  return g_test_run ();
}
