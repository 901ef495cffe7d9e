/* test-cli.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ebb-store.h"
#include "ebb-store-demo.h"
#include "ebb-test-cli.h"

/* What a command reads at the PIN prompt of `db demo`'s administrator. */
#define DEMO_PIN EBB_STORE_DEMO_ADMIN_PIN "\n"

static void
test_version (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--version", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "ebbflowctl " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--help", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage:"));
  g_assert_nonnull (strstr (out, "COMMAND"));
  g_assert_nonnull (strstr (out, "Exit status: 0 success, 1 failure, 2 usage error"));
}

static void
test_bad_option (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--no-such-option", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "Unknown option --no-such-option"));
  g_assert_nonnull (strstr (err, "ebbflowctl --help"));
}

static void
test_unknown_command (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "frobnicate", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “frobnicate”"));
}

static void
test_no_command (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no command given"));
}

static void
test_profiles_list_show (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *show_out = NULL, *show_err = NULL;
  const char *list[] = { "profiles", "list", NULL };
  const char *show[] = { "profiles", "show", "Standard", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, list, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Introduction"));
  g_assert_nonnull (strstr (out, "-3000 Pa"));
  g_assert_nonnull (strstr (out, "Standard"));

  g_assert_cmpint (ebb_test_cli_run (NULL, show, &show_out, &show_err), ==, 0);
  g_assert_nonnull (strstr (show_out, "-5000 Pa"));
  g_assert_nonnull (strstr (show_out, "10 s vacuum, 7 s release"));
  g_assert_nonnull (strstr (show_out, "[S14]"));
}

static void
test_profiles_errors (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *usage_out = NULL, *usage_err = NULL;
  const char *missing[] = { "profiles", "show", "No such profile", NULL };
  const char *usage[] = { "profiles", "frobnicate", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, missing, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "There is no profile named"));
  g_assert_cmpint (ebb_test_cli_run (NULL, usage, &usage_out, &usage_err), ==, 2);
  g_assert_nonnull (strstr (usage_err, "ebbflowctl profiles --help"));
}

static void
test_profiles_validate (void)
{
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *claimed = g_build_filename (dir, "claimed.json", NULL);
  g_autofree char *deep_out = NULL, *deep_err = NULL;
  g_autofree char *claimed_out = NULL, *claimed_err = NULL;
  const char *args_good[] = { "profiles", "validate", good, NULL };
  const char *args_deep[] = { "profiles", "validate", deep, NULL };
  const char *args_claimed[] = { "profiles", "validate", claimed, NULL };

  g_assert_true (g_file_set_contents (good, "{\"name\": \"Calf\", \"level-pa\": -4000, "
                                      "\"vacuum-s\": 10, \"release-s\": 7, \"ramp-pa-s\": 0, "
                                      "\"duration-s\": 1200}", -1, NULL));
  g_assert_true (g_file_set_contents (deep, "{\"name\": \"Deep\", \"level-pa\": -6000, "
                                      "\"vacuum-s\": 10, \"release-s\": 7, \"ramp-pa-s\": 0, "
                                      "\"duration-s\": 1200}", -1, NULL));

  g_assert_cmpint (ebb_test_cli_run (NULL, args_good, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "The profile is valid"));
  g_assert_null (strstr (out, "approval"));
  /* Beyond the clinic limit a definition is valid to add, but no session
   * may run it before a clinician approves it. */
  g_assert_cmpint (ebb_test_cli_run (NULL, args_deep, &deep_out, &deep_err), ==, 0);
  g_assert_nonnull (strstr (deep_out, "The profile is valid but needs a clinician’s approval"));
  g_assert_nonnull (strstr (deep_out, "Approved:  no"));
  g_assert_null (strstr (deep_out, "does not count"));

  /* A name in the file is only a claim: never reported as an approval. */
  g_assert_true (g_file_set_contents (claimed, "{\"name\": \"Deep\", \"level-pa\": -6000, "
                                      "\"vacuum-s\": 10, \"release-s\": 7, \"ramp-pa-s\": 0, "
                                      "\"duration-s\": 1200, \"clinician-approved\": true, "
                                      "\"approved-by\": \"Nobody Real\"}", -1, NULL));
  g_assert_cmpint (ebb_test_cli_run (NULL, args_claimed, &claimed_out, &claimed_err), ==, 0);
  g_assert_nonnull (strstr (claimed_out, "The file says “Nobody Real” approved the profile. "
                                         "That does not count"));
  g_assert_nonnull (strstr (claimed_out, "needs a clinician’s approval"));
  g_assert_null (strstr (claimed_out, "Approved:  Nobody Real"));

  g_unlink (good);
  g_unlink (deep);
  g_unlink (claimed);
  g_rmdir (dir);
}

/* The definitions, the database and its journal files. */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_profiles_add (void)
{
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *v1 = g_build_filename (dir, "calf-1.json", NULL);
  g_autofree char *v2 = g_build_filename (dir, "calf-2.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *factory = g_build_filename (dir, "standard.json", NULL);
  g_autofree char *knee = g_build_filename (dir, "knee.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *demo[] = { "db", "demo", "--database", db, NULL };
  /* --operator is the older spelling of --as; both read the PIN. */
  const char *add_v1[] = { "profiles", "add", "--database", db, "--as", "admin", v1, NULL };
  const char *add_v2[] = { "profiles", "add", "--database", db, "--operator", "admin", v2, NULL };
  const char *add_deep[] = { "profiles", "add", "--database", db, "--as", "admin", deep, NULL };
  const char *add_factory[] = { "profiles", "add", "--database", db, "--as", "admin", factory, NULL };
  const char *add_anonymous[] = { "profiles", "add", "--database", db, v1, NULL };
  const char *add_knee[] = { "profiles", "add", "--database", db, "--as", "admin", knee, NULL };
  const char *add_tech[] = { "profiles", "add", "--database", db, "--as", "tom", knee, NULL };
  const char *add_tom[] = { "operators", "add", "tom", "--name", "Tom", "--roles", "technician",
                            "--as", "admin", "--database", db, NULL };
  const char *list[] = { "profiles", "list", "--database", db, NULL };
  const char *show[] = { "profiles", "show", "--database", db, "Calf", NULL };

  g_assert_true (g_file_set_contents (v1, "{\"name\": \"Calf\", \"level-pa\": -4000, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 0, \"duration-s\": 1200}", -1, NULL));
  g_assert_true (g_file_set_contents (v2, "{\"name\": \"Calf\", \"level-pa\": -4500, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 500, \"duration-s\": 1200}", -1, NULL));
  g_assert_true (g_file_set_contents (deep, "{\"name\": \"Deep\", \"level-pa\": -6000, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 0, \"duration-s\": 1200, "
                                      "\"clinician-approved\": true, \"approved-by\": \"nobody\"}", -1, NULL));
  g_assert_true (g_file_set_contents (knee, "{\"name\": \"Knee\", \"level-pa\": -3000, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 0, \"duration-s\": 1200}", -1, NULL));
  g_assert_true (g_file_set_contents (factory, "{\"name\": \"Standard\", \"level-pa\": -4000, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 0, \"duration-s\": 1200}", -1, NULL));

  g_assert_cmpint (ebb_test_cli_run (NULL, demo, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (DEMO_PIN, add_v1, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "version 1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same name again is the next version, never an edit in place. */
  g_assert_cmpint (ebb_test_cli_run (DEMO_PIN, add_v2, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "version 2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (NULL, show, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "-4500 Pa"));
  g_assert_nonnull (strstr (out, "500 Pa/s"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (NULL, list, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Standard"));
  g_assert_nonnull (strstr (out, "Calf"));
  g_assert_nonnull (strstr (out, "v2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An approval in someone else's name is refused. */
  g_assert_cmpint (ebb_test_cli_run (DEMO_PIN, add_deep, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "an approval counts only when that clinician records it"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (DEMO_PIN, add_factory, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "cannot be changed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (NULL, add_anonymous, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--as USER"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A user name alone is not enough: a wrong PIN saves nothing. */
  g_assert_cmpint (ebb_test_cli_run ("654321\n", add_knee, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Wrong PIN or password"));
  g_assert_null (strstr (out, "Saved"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A technician logs in, but the core refuses: profiles are an
   * administrator's. */
  g_assert_cmpint (ebb_test_cli_run (DEMO_PIN "24682468\n24682468\n", add_tom, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ebb_test_cli_run ("24682468\n", add_tech, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "You may not create a session profile"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_run (NULL, list, &out, &err), ==, 0);
  g_assert_null (strstr (out, "Knee"));

  remove_dir (dir);
}

/* Runs ebbflowctl with @input on standard input and checks its exit
 * status and, where given, what it printed and did not print. */
static void
run_expect (const char  *input,
            const char **args,
            int          status,
            const char  *in_out,
            const char  *in_err,
            const char  *not_in_out)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (ebb_test_cli_run (input, args, &out, &err), ==, status);
  if (in_out != NULL)
    g_assert_nonnull (strstr (out, in_out));
  if (in_err != NULL)
    g_assert_nonnull (strstr (err, in_err));
  if (not_in_out != NULL)
    g_assert_null (strstr (out, not_in_out));
}

/* The audit trail of the database at @db, oldest first. */
static GPtrArray *
audit_entries (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (db, EBB_STORE_OPEN_READ_ONLY, &error);
  GPtrArray *entries;

  g_assert_no_error (error);
  entries = ebb_store_audit_list (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  return entries;
}

static EbbAuditEntry *
last_audit_entry (const char *db)
{
  g_autoptr(GPtrArray) entries = audit_entries (db);

  return g_ptr_array_steal_index (entries, entries->len - 1);
}

static gboolean
audit_has (const char *db,
           const char *action,
           const char *detail)
{
  g_autoptr(GPtrArray) entries = audit_entries (db);

  for (guint i = 0; i < entries->len; i++)
    {
      EbbAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0
          && (detail == NULL || strstr (entry->detail_json, detail) != NULL))
        return TRUE;
    }
  return FALSE;
}

/* The review's case: an administrator-only operator names a clinician in
 * the file; then the way it should go, the clinician approving. */
static void
test_profiles_approve (void)
{
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *claimed = g_build_filename (dir, "claimed.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *demo[] = { "db", "demo", "--database", db, NULL };
  const char *add_boss[] = { "operators", "add", "boss", "--name", "Boss", "--roles", "admin",
                             "--as", "admin", "--database", db, NULL };
  const char *add_drx[] = { "operators", "add", "drx", "--name", "Dr X", "--roles", "clinician",
                            "--as", "admin", "--database", db, NULL };
  const char *add_tom[] = { "operators", "add", "tom", "--name", "Tom", "--roles", "technician",
                            "--as", "admin", "--database", db, NULL };
  const char *add_claimed[] = { "profiles", "add", "--database", db, "--as", "boss", claimed, NULL };
  const char *add_deep[] = { "profiles", "add", "--database", db, "--as", "boss", deep, NULL };
  const char *approve_boss[] = { "profiles", "approve", "Deep", "--as", "boss", "--database", db, NULL };
  const char *approve_tom[] = { "profiles", "approve", "Deep", "--as", "tom", "--database", db, NULL };
  const char *approve_drx[] = { "profiles", "approve", "Deep", "--as", "drx", "--database", db, NULL };
  const char *approve_anonymous[] = { "profiles", "approve", "Deep", "--database", db, NULL };
  const char *list[] = { "profiles", "list", "--database", db, NULL };
  const char *show[] = { "profiles", "show", "Deep", "--database", db, NULL };

  g_assert_true (g_file_set_contents (claimed, "{\"name\": \"Deep\", \"level-pa\": -7000, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 0, \"duration-s\": 1200, "
                                      "\"clinician-approved\": true, \"approved-by\": \"drx\"}", -1, NULL));
  g_assert_true (g_file_set_contents (deep, "{\"name\": \"Deep\", \"level-pa\": -7000, \"vacuum-s\": 10, "
                                      "\"release-s\": 7, \"ramp-pa-s\": 0, \"duration-s\": 1200}", -1, NULL));

  run_expect (NULL, demo, 0, NULL, NULL, NULL);
  run_expect (DEMO_PIN "13571357\n13571357\n", add_boss, 0, NULL, NULL, NULL);
  run_expect (DEMO_PIN "24682468\n24682468\n", add_drx, 0, NULL, NULL, NULL);
  run_expect (DEMO_PIN "97539753\n97539753\n", add_tom, 0, NULL, NULL, NULL);

  /* The administrator's claim is refused, audited, and stores nothing. */
  run_expect ("13571357\n", add_claimed, 1, NULL, "The profile says “drx” approved it", NULL);
  {
    g_autoptr(EbbAuditEntry) last = last_audit_entry (db);

    /* The refusal, then the CLI's logout. */
    g_assert_cmpstr (last->action, ==, "logout");
    g_assert_true (audit_has (db, "permission.denied", "profile-approve"));
    g_assert_false (audit_has (db, "profile.create", NULL));
  }
  run_expect (NULL, list, 0, NULL, NULL, "Deep");

  /* Without the claim it is stored, awaiting approval. */
  run_expect ("13571357\n", add_deep, 0,
              "Saved “Deep” as version 1.\nNo session may run it until a clinician approves it",
              NULL, NULL);
  run_expect (NULL, list, 0, "needs a clinician’s approval", NULL, NULL);

  run_expect (NULL, approve_anonymous, 2, NULL, "--as USER", NULL);
  run_expect ("13571357\n", approve_boss, 1, NULL, "You may not approve a session profile", NULL);
  run_expect ("97539753\n", approve_tom, 1, NULL, "You may not approve a session profile", NULL);

  g_assert_cmpint (ebb_test_cli_run ("24682468\n", approve_drx, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Approved “Deep” as version 2, by Dr X"));
  g_assert_nonnull (strstr (out, "-7000 Pa"));
  g_assert_true (audit_has (db, "profile.approve", "Deep"));
  run_expect (NULL, show, 0, "Approved:  Dr X", NULL, NULL);

  /* The administrator's next version starts unapproved again. */
  run_expect ("13571357\n", add_deep, 0, "version 3", NULL, NULL);
  run_expect (NULL, show, 0, "Approved:  no", NULL, NULL);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/cli/version", test_version);
  g_test_add_func ("/ebb/cli/help", test_help);
  g_test_add_func ("/ebb/cli/bad-option", test_bad_option);
  g_test_add_func ("/ebb/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/ebb/cli/no-command", test_no_command);
  g_test_add_func ("/ebb/cli/profiles/list-show", test_profiles_list_show);
  g_test_add_func ("/ebb/cli/profiles/errors", test_profiles_errors);
  g_test_add_func ("/ebb/cli/profiles/validate", test_profiles_validate);
  g_test_add_func ("/ebb/cli/profiles/add", test_profiles_add);
  g_test_add_func ("/ebb/cli/profiles/approve", test_profiles_approve);

  return g_test_run ();
}
