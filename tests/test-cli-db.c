/* test-cli-db.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-store-demo.h"
#include "ebb-store.h"
#include "ebb-audit.h"
#include "ebb-test-cli.h"

#define ADMIN_PIN EBB_STORE_DEMO_ADMIN_PIN "\n"

/* ebbflowctl db, export and clients, run as a user would. */

static char *
db (const char *name)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* The newest audit entry of the database at @path. */
static EbbAuditEntry *
last_entry (const char *path)
{
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  entries = ebb_store_audit_list (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i + 1 < entries->len; i++)
    ebb_audit_entry_free (g_ptr_array_index (entries, i));
  return g_ptr_array_index (entries, entries->len - 1);
}

static gint64
admin_id (const char *path)
{
  g_autoptr(EbbStore) store = ebb_store_open (path, EBB_STORE_OPEN_NONE, NULL);
  g_autoptr(EbbOperator) op = ebb_store_operator_find (store, EBB_STORE_DEMO_ADMIN, NULL);

  g_assert_nonnull (op);
  return op->id;
}

static void
test_init_admin (void)
{
  g_autofree char *path = db ("init.db");
  g_autofree char *out = NULL, *err = NULL;

  /* Two different entries: nothing is created. */
  g_assert_cmpint (ebb_test_cli_runv ("123456\n654321\n", &out, &err, "db", "init", "--admin", "boss",
                            "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "differ"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Too short a PIN. */
  g_assert_cmpint (ebb_test_cli_runv ("123\n123\n", &out, &err, "db", "init", "--admin", "boss",
                            "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "6 digits"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv ("246810\n246810\n", &out, &err, "db", "init", "--admin", "boss",
                            "--database", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "schema"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Only the first administrator comes through db init; anyone else,
   * under the same name or another, needs "operators add --as ADMIN". */
  g_assert_cmpint (ebb_test_cli_runv ("246810\n246810\n", &out, &err, "db", "init", "--admin", "boss",
                            "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "administrator exists already"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ebb_test_cli_runv ("135790\n135790\n", &out, &err, "db", "init", "--admin", "eve",
                            "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "administrator exists already"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "check", "--database", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ok"));
}

static void
test_demo_export_search (void)
{
  g_autofree char *path = db ("demo.db");
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "session.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "demo", "--database", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Idempotent. */
  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "demo", "--database", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "clients", "search", "odegard", "--json",
                            "--database", path, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  g_assert_nonnull (strstr (out, "Ødegård-Łukasiewicz"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "1", "--format", "csv", "--unit", "mbar",
                            "-o", csv, "--database", path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "time,device_ms,pressure_pa,pressure_mbar,target_pa,target_mbar,"
                                 "pump_pct,vent_open,flags,faults");
  g_assert_cmpuint (g_strv_length (lines), ==, 6000 + 2);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z,5000,-?\\d+,-?\\d+\\.\\d\\d,-4000,-40\\.00,",
                                       lines[1], 0, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "1", "--format", "json",
                            "--database", path, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "session"),
                                                  "end_state"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "client"),
                                                  "external_id"), ==, "DEMO-0001");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "profile"),
                                                  "name"), ==, "Demo");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (root, "samples"), "rows")), ==, 6000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "events")), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "--client-history", "1",
                            "--database", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, ",completed,Demo,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The client named as elsewhere: by client number or by name. */
  {
    const char *names[] = { "DEMO-0001", "odegard" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "--client-history",
                                            names[i], "--database", path, NULL), ==, 0);
        g_assert_nonnull (strstr (out, ",completed,Demo,"));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
  }
  g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "--client-history", "DEMO-0",
                                      "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "More than one client matches"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Every export is recorded, with the client, and needs a login. */
  {
    g_autoptr(EbbAuditEntry) entry = last_entry (path);
    g_autoptr(EbbStore) store = ebb_store_open (path, EBB_STORE_OPEN_NONE, NULL);
    g_autoptr(GPtrArray) entries = ebb_store_audit_list (store, 0, 0, NULL);
    guint exports = 0;

    g_assert_cmpstr (entry->action, ==, "logout");
    for (guint i = 0; i < entries->len; i++)
      {
        const EbbAuditEntry *e = g_ptr_array_index (entries, i);

        if (g_strcmp0 (e->action, "export") == 0)
          {
            exports++;
            g_assert_cmpint (ebb_audit_entry_client (e), ==, 1);
            g_assert_cmpint (e->operator_id, ==, admin_id (path));
          }
      }
    g_assert_cmpuint (exports, ==, 5);
  }
  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "export", "1", "--database", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--as"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Errors: an unknown session fails, a bad format is a usage error. */
  g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "99", "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ebb_test_cli_runv (ADMIN_PIN, &out, &err, "export", "--as", "admin", "1", "--format", "xml",
                            "--database", path, NULL), ==, 2);
}

/* Backups to a file and restores need an administrator and are audited:
 * the backup in the database backed up, the restore in the restored one.
 * The daily backup is the system's and needs no login. */
static void
test_backup_restore (void)
{
  g_autofree char *path = db ("br.db");
  g_autofree char *copy = db ("br-copy.db");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;
  const char *pin = EBB_STORE_DEMO_ADMIN_PIN "\n";

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "demo", "--database", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "backup", copy, "--database", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--as"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv (pin, &out, &err, "db", "backup", copy, "--as", EBB_STORE_DEMO_ADMIN,
                                      "--database", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "verified"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* After the backup entry the CLI logs out. */
  {
    g_autoptr(EbbStore) store = ebb_store_open (path, EBB_STORE_OPEN_NONE, NULL);
    g_autoptr(GPtrArray) entries = ebb_store_audit_list (store, 0, 0, NULL);
    const EbbAuditEntry *backup = g_ptr_array_index (entries, entries->len - 2);

    g_assert_cmpstr (backup->action, ==, "backup");
    g_assert_cmpint (backup->operator_id, ==, admin_id (path));
    g_assert_nonnull (strstr (backup->detail_json, "br-copy.db"));
  }

  /* Over a database that opens, a restore without an administrator is
   * refused and recorded there. */
  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "restore", copy, "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "administrator"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  entry = last_entry (path);
  g_assert_cmpstr (entry->action, ==, "permission.denied");
  g_assert_cmpint (entry->operator_id, ==, 0);
  g_clear_pointer (&entry, ebb_audit_entry_free);

  g_assert_cmpint (ebb_test_cli_runv (pin, &out, &err, "db", "restore", copy, "--as", EBB_STORE_DEMO_ADMIN,
                                      "--database", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "before-restore"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  entry = last_entry (path);
  g_assert_cmpstr (entry->action, ==, "restore");
  g_assert_cmpint (entry->operator_id, ==, admin_id (path));
  g_assert_nonnull (strstr (entry->detail_json, "restored by admin from"));
  g_clear_pointer (&entry, ebb_audit_entry_free);

  /* A damaged database cannot be logged in to: restoring it needs no
   * login and is recorded for the system. */
  g_assert_true (g_file_set_contents (path, "Dear clinic, this is not a database at all.", -1, NULL));
  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "restore", copy, "--database", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  entry = last_entry (path);
  g_assert_cmpstr (entry->action, ==, "restore");
  g_assert_cmpint (entry->operator_id, ==, 0);
  g_assert_nonnull (strstr (entry->detail_json, "recovery"));
  g_clear_pointer (&entry, ebb_audit_entry_free);

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "backup", "--daily", "--database", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  entry = last_entry (path);
  g_assert_cmpstr (entry->action, ==, "backup");
  g_assert_cmpint (entry->operator_id, ==, 0);
  g_assert_nonnull (strstr (entry->detail_json, "daily"));

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "migrate", "--database", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "up to date"));
}

static void
test_bad_files (void)
{
  g_autofree char *path = db ("letter.db");
  g_autofree char *missing = db ("missing.db");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path, "Dear clinic, this is not a database at all.", -1, NULL));
  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "check", "--database", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not an Ebbflow database"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "clients", "search", "x", "--database", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "ebbflowctl db init"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_help (void)
{
  const char *commands[][3] = {
    { "db", "init", "--admin" }, { "db", "check", "--database" }, { "db", "backup", "--daily" },
    { "db", "restore", "FILE" }, { "db", "migrate", "--database" }, { "db", "demo", "123456" },
    { "clients", "search", "--json" }, { "export", "--help", "--format" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *second = strcmp (commands[i][1], "--help") == 0 ? NULL : "--help";

      g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, commands[i][0], commands[i][1], second, NULL), ==, 0);
      g_assert_nonnull (strstr (out, commands[i][2]));
    }

  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (ebb_test_cli_runv ("", &out, &err, "db", "frobnicate", NULL), ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/cli/db/init-admin", test_init_admin);
  g_test_add_func ("/ebb/cli/db/demo-export-search", test_demo_export_search);
  g_test_add_func ("/ebb/cli/db/backup-restore", test_backup_restore);
  g_test_add_func ("/ebb/cli/db/bad-files", test_bad_files);
  g_test_add_func ("/ebb/cli/db/help", test_help);

  return g_test_run ();
}
