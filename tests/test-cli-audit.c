/* test-cli-audit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-operators-private.h"
#include "ebb-permissions.h"
#include "ebb-test-cli.h"
#include "operators-fixture.h"

/* Runs ebbflowctl with @input on standard input; the database is always
 * the test's own. */
static int
run_ctl (const char          *database,
         const char          *input,
         const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  g_ptr_array_add (argv, NULL);

  return ebb_test_cli_run (input != NULL ? input : "", (const char * const *) argv->pdata, out, err);
}

static char *
new_database_path (void)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), "cli.db", NULL);
}

/* The administrator "boss" with PIN 123456, made in-process with a cheap
 * hash: the command's logins then verify quickly, since Argon2id reads its
 * cost from the stored hash. */
static void
prepare_database (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (database, EBB_STORE_OPEN_CREATE, &error);
  g_autoptr(EbbOperatorSession) ctx = NULL;

  g_assert_no_error (error);
  ctx = ebb_operator_session_new (store);
  _ebb_operators_set_hasher (operators_fixture_cheap_hash);
  ebb_operators_create_first_admin (ctx, "boss", "Dr. Boss", 0, "123456", &error);
  _ebb_operators_set_hasher (NULL);
  g_assert_no_error (error);
}

static void
add_first_admin (const char *database)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "operators", "add", "boss", "--name", "Dr. Boss", NULL };

  g_assert_cmpint (run_ctl (database, "123456\n123456\n", args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "first administrator"));
}

static void
test_verify_and_tamper (void)
{
  g_autofree char *database = new_database_path ();
  g_autofree char *out = NULL, *err = NULL;
  const char *verify[] = { "audit", "verify", NULL };
  const char *add[] = { "operators", "add", "anna", "--name", "Anna", "--roles", "reception",
                        "--as", "boss", NULL };
  sqlite3 *db = NULL;

  add_first_admin (database);
  g_assert_cmpint (run_ctl (database, "123456\n24682468\n24682468\n", add, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, NULL, verify, &out, &err), ==, 0);
  /* operator.create, login, operator.create, logout */
  g_assert_cmpstr (out, ==, "The audit trail is intact: 4 entries.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update;"
                                 "UPDATE audit SET detail = replace (detail, 'anna', 'anne') "
                                 "WHERE id = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  g_assert_cmpint (run_ctl (database, NULL, verify, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "entry 3"));
}

static void
test_list (void)
{
  g_autofree char *database = new_database_path ();
  g_autofree char *out = NULL, *err = NULL;
  const char *list[] = { "audit", "list", "--as", "boss", "--action", "operator.create",
                         "--json", NULL };
  const char *no_as[] = { "audit", "list", NULL };
  const char *bad_since[] = { "audit", "list", "--as", "boss", "--since", "yesterday", NULL };
  const char *operators[] = { "operators", "list", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  prepare_database (database);

  g_assert_cmpint (run_ctl (database, "123456\n", list, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "action"), ==, "operator.create");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Reading the trail needs an administrator. */
  g_assert_cmpint (run_ctl (database, NULL, no_as, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--as"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, NULL, bad_since, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, "999999\n", list, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Wrong PIN"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, NULL, operators, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "boss "));
  g_assert_nonnull (strstr (out, "admin"));
  g_assert_nonnull (strstr (out, "Dr. Boss"));
}

/* Adds a client with a client.create entry about it, as the front desk
 * would; returns its record number. */
static gint64
add_audited_client (const char *database,
                    const char *family,
                    const char *given,
                    const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbStore) store = ebb_store_open (database, EBB_STORE_OPEN_NONE, &error);
  g_autoptr(EbbClient) client = ebb_client_new ();
  gint64 id;

  g_assert_no_error (error);
  client->family_name = g_strdup (family);
  client->given_name = g_strdup (given);
  client->external_id = g_strdup (number);
  id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);
  ebb_audit_record_in (store, 0, ebb_permissions_audit_id (EBB_ACTION_CLIENT_CREATE),
                       "client", id, id, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* The subject of the only entry `audit list --client TEXT` shows. */
static char *
only_subject_for (const char *database,
                  const char *text)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "audit", "list", "--as", "boss", "--action", "client.create",
                         "--client", text, "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (run_ctl (database, "123456\n", args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "subject"));
}

/* `--client` follows the rule `run --client` follows (ebb_client_lookup()):
 * the exact client number before any name; a name that fits several
 * clients is refused with the numbers to type. */
static void
test_list_client (void)
{
  g_autofree char *database = new_database_path ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *mueller = NULL, *kessler = NULL;
  const char *ambiguous[] = { "audit", "list", "--as", "boss", "--client", "müller", NULL };

  prepare_database (database);
  mueller = g_strdup_printf ("client:%" G_GINT64_FORMAT,
                             add_audited_client (database, "Müller", "Anna", "K-17"));
  /* A client number that reads like the other client's name. */
  kessler = g_strdup_printf ("client:%" G_GINT64_FORMAT,
                             add_audited_client (database, "Kessler", "Jan", "Müller"));

  subject = only_subject_for (database, "Müller");
  g_assert_cmpstr (subject, ==, kessler);
  g_clear_pointer (&subject, g_free);
  subject = only_subject_for (database, "K-17");
  g_assert_cmpstr (subject, ==, mueller);
  g_clear_pointer (&subject, g_free);
  subject = only_subject_for (database, "anna");
  g_assert_cmpstr (subject, ==, mueller);
  g_clear_pointer (&subject, g_free);
  /* The record number, as `audit list` prints it in the subject. */
  subject = only_subject_for (database, kessler + strlen ("client:"));
  g_assert_cmpstr (subject, ==, kessler);

  g_assert_cmpint (run_ctl (database, "123456\n", ambiguous, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "More than one client matches “müller”"));
  g_assert_nonnull (strstr (err, "  K-17  Müller, Anna\n"));
  g_assert_nonnull (strstr (err, "  Müller  Kessler, Jan\n"));
}

static void
test_operators_rules (void)
{
  g_autofree char *database = new_database_path ();
  g_autofree char *out = NULL, *err = NULL;
  const char *add[] = { "operators", "add", "anna", "--name", "Anna", "--roles", "reception",
                        "--as", "boss", NULL };
  const char *no_as[] = { "operators", "add", "ben", "--name", "Ben", "--roles", "reception",
                          NULL };
  const char *bad_roles[] = { "operators", "add", "ben", "--name", "Ben", "--roles", "chef",
                              NULL };
  const char *deactivate[] = { "operators", "deactivate", "anna", "--as", "boss", NULL };
  const char *list[] = { "operators", "list", NULL };

  prepare_database (database);

  /* The two entries must match, and the PIN must be strong enough. */
  g_assert_cmpint (run_ctl (database, "123456\n11112222\n11112223\n", add, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "differ"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, NULL, no_as, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_ctl (database, NULL, bad_roles, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, "123456\n11112222\n11112222\n", add, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);


  g_assert_cmpint (run_ctl (database, "123456\n", deactivate, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_ctl (database, NULL, list, &out, &err), ==, 0);
  g_assert_null (strstr (out, "anna"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/cli/audit/verify-and-tamper", test_verify_and_tamper);
  g_test_add_func ("/ebb/cli/audit/list", test_list);
  g_test_add_func ("/ebb/cli/audit/list-client", test_list_client);
  g_test_add_func ("/ebb/cli/operators/rules", test_operators_rules);

  return g_test_run ();
}
