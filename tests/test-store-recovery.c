/* test-store-recovery.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ebb-sample-codec.h"
#include "ebb-sample-writer.h"
#include "ebb-store-private.h"
#include "store-test-util.h"

/* Opening damaged, foreign, locked and protected files; migrations; the
 * interrupted-session scan; backup, verify and restore. */

static char *
test_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "recovery", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_steal_pointer (&dir);
}

static char *
file_in_test_dir (const char *name)
{
  g_autofree char *dir = test_dir ();

  return g_build_filename (dir, name, NULL);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A database with enough pages that cutting or damaging it hits data. */
static char *
make_database (const char *name,
               guint       n_clients)
{
  g_autofree char *path = file_in_test_dir (name);
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (path);
  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(EbbClient) c = ebb_client_new ();

      c->family_name = g_strdup_printf ("Family %u", i);
      c->given_name = g_strdup ("Given");
      c->notes = g_strnfill (200, 'n');
      g_assert_cmpint (ebb_store_client_insert (store, c, &error), >, 0);
    }
  g_assert_true (ebb_store_checkpoint (store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = ebb_store_open_full (path, EBB_STORE_OPEN_CREATE, 200, &error);
  g_assert_null (store);
  g_assert_error (error, EBB_STORE_ERROR, code);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_truncated (void)
{
  g_autofree char *path = make_database ("truncated.db", 300);
  g_autofree char *before = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
  before = store_test_file_checksum (path);

  assert_open_fails (path, EBB_STORE_ERROR_CORRUPT);

  /* Never replaced by an empty database. */
  {
    g_autofree char *after = store_test_file_checksum (path);

    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_damaged_page (void)
{
  g_autofree char *path = make_database ("damaged.db", 300);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  /* Garbage over a b-tree page in the middle of the clients table. */
  memset (contents + 5 * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  assert_open_fails (path, EBB_STORE_ERROR_CORRUPT);
}

static void
test_random_bytes (void)
{
  g_autofree char *path = file_in_test_dir ("random.db");
  g_autofree char *text = file_in_test_dir ("text.db");
  GRand *rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));
  assert_open_fails (path, EBB_STORE_ERROR_NOT_A_DATABASE);

  g_assert_true (g_file_set_contents (text, "Dear clinic,\nthis is a letter.\n", -1, NULL));
  assert_open_fails (text, EBB_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_foreign_database (void)
{
  g_autofree char *path = file_in_test_dir ("foreign.db");

  g_unlink (path);
  raw_exec (path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  assert_open_fails (path, EBB_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_locked (void)
{
  g_autofree char *path = make_database ("locked.db", 1);
  sqlite3 *db;

  /* Another program holding an exclusive lock. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  assert_open_fails (path, EBB_STORE_ERROR_LOCKED);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
}

/* Opens @path as an unprivileged user when running as root (root ignores
 * file modes), and returns the error code seen, 0 for success. */
static int
open_as_user (const char        *path,
              EbbStoreOpenFlags  flags)
{
  pid_t pid;
  int status;

  if (geteuid () != 0)
    {
      g_autoptr(EbbStore) store = NULL;
      g_autoptr(GError) error = NULL;

      store = ebb_store_open_full (path, flags, 200, &error);
      return store != NULL ? 0 : error->code;
    }

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(EbbStore) store = NULL;
      g_autoptr(GError) error = NULL;

      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (100);
      store = ebb_store_open_full (path, flags, 200, &error);
      _exit (store != NULL ? 0 : error->code);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 100);
  return WEXITSTATUS (status);
}

static void
test_permissions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ebb-perm-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "perm.db", NULL);
  g_autofree char *sub = g_build_filename (dir, "ro", NULL);
  g_autofree char *in_ro = g_build_filename (sub, "ro.db", NULL);
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dir);
  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_mkdir (sub, 0755);
  store = ebb_store_open (in_ro, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Everyone may walk into the folders; the files decide. */
  g_chmod (dir, 0777);
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (path, 0, 0), ==, 0);
      g_assert_cmpint (chown (in_ro, 65534, 65534), ==, 0);
    }

  /* Unreadable. */
  g_chmod (path, 0000);
  g_assert_cmpint (open_as_user (path, EBB_STORE_OPEN_NONE), ==, EBB_STORE_ERROR_PERMISSION);

  /* Readable but not writable: READ_ONLY; reading alone works. */
  g_chmod (path, 0444);
  g_assert_cmpint (open_as_user (path, EBB_STORE_OPEN_NONE), ==, EBB_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (open_as_user (path, EBB_STORE_OPEN_READ_ONLY), ==, 0);

  /* A writable file in a folder that is not: the WAL cannot be written. */
  g_chmod (in_ro, 0666);
  g_chmod (sub, 0555);
  g_assert_cmpint (open_as_user (in_ro, EBB_STORE_OPEN_NONE), ==, EBB_STORE_ERROR_READ_ONLY);

  g_chmod (sub, 0755);
  g_chmod (path, 0600);
  g_unlink (in_ro);
  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_newer_schema (void)
{
  g_autofree char *path = make_database ("newer.db", 3);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  raw_exec (path, "PRAGMA journal_mode=DELETE; PRAGMA user_version=99;");
  before = store_test_file_checksum (path);

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));

  /* Untouched: same bytes, no journal files left behind. */
  after = store_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (ebb_store_probe_schema_version (path, NULL), ==, 99);
}

static char *
fixture_copy (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *path = file_in_test_dir (name);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_chmod (path, 0600);
  return g_steal_pointer (&path);
}

static void
test_migrate_v1 (void)
{
  g_autofree char *path = fixture_copy ("schema-v1.db");
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(EbbSessionRecord) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ebb_store_probe_schema_version (path, &error), ==, 1);

  /* Refused when migrating is not allowed, and left at version 1. */
  store = ebb_store_open (path, EBB_STORE_OPEN_NO_MIGRATE, &error);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_OLDER_SCHEMA);
  g_clear_error (&error);
  g_assert_cmpint (ebb_store_probe_schema_version (path, NULL), ==, 1);

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_store_get_opened_from_version (store), ==, 1);
  g_assert_cmpint (ebb_store_get_schema_version (store), ==, EBB_STORE_SCHEMA_VERSION);
  g_assert_true (ebb_store_check (store, TRUE, &error));

  /* Version 2 indexed the clients written by version 1. */
  found = ebb_store_client_search (store, "odegard zoe", FALSE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((EbbClient *) g_ptr_array_index (found, 0))->family_name, ==, "Ødegård-Łukasiewicz");

  session = ebb_store_session_get (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (session->end_state, ==, EBB_SESSION_COMPLETED);
  samples = ebb_store_session_read_samples (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, 300);
  g_assert_cmpint (g_array_index (samples, EbbEcpTelemetry, 299).pressure_pa, ==, -299);
}

/* Version 3 adds the client's report of a change to screenings: a
 * screening written by version 2 reads back unchanged, and a change can be
 * recorded on it after the migration. */
static void
test_migrate_v2 (void)
{
  g_autofree char *path = file_in_test_dir ("schema-v2.db");
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbStoredScreening) before = NULL;
  g_autoptr(EbbStoredScreening) after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_ebb_store_migrate (db, path, 0, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO operators (id, username, display_name, created) VALUES (1, 'clara', 'Clara', 1);"
    "INSERT INTO operator_roles VALUES (1, 'clinician');"
    "INSERT INTO clients (id, family_name, created, updated) VALUES (1, 'Berg', 1, 1);"
    "INSERT INTO screenings (id, client_id, questionnaire_id, questionnaire_version, answers,"
    "  outcome, operator_id, screened, valid_until, cleared_by, cleared, clearance_note)"
    "  VALUES (1, 1, 'ebbflow-factory', '1', '{}', 'refer', 1, 1000000, 2000000, 1, 1500000, 'ok');"
    "INSERT INTO screening_confirmations (screening_id, operator_id, confirmed) VALUES (1, 1, 1600000);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (ebb_store_probe_schema_version (path, NULL), ==, 2);

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_store_get_opened_from_version (store), ==, 2);
  g_assert_cmpint (ebb_store_get_schema_version (store), ==, 3);
  g_assert_true (ebb_store_check (store, TRUE, &error));

  before = ebb_store_screening_get (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before->outcome, ==, "refer");
  g_assert_cmpint (before->cleared_us, ==, 1500000);
  g_assert_cmpstr (before->clearance_note, ==, "ok");
  g_assert_cmpint (before->changed_by, ==, 0);
  g_assert_cmpint (before->changed_us, ==, 0);
  g_assert_null (before->change_note);

  g_assert_true (ebb_store_screening_report_change (store, 1, 1, 1700000, "pregnant", &error));
  g_assert_no_error (error);
  after = ebb_store_screening_get (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->changed_by, ==, 1);
  g_assert_cmpint (after->changed_us, ==, 1700000);
  g_assert_cmpstr (after->change_note, ==, "pregnant");
}

/* Writes tests/fixtures/schema-v1.db: schema version 1 with a client, an
 * operator and a completed session. Kept in git; regenerate only if the
 * version 1 migration itself is wrong, never after a release. */
static int
make_fixture_v1 (const char *path)
{
  g_autoptr(GError) error = NULL;
  EbbEcpTelemetry samples[300];
  g_autoptr(GBytes) chunk = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int fd;

  g_unlink (path);
  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  close (fd);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (!_ebb_store_migrate (db, path, 0, 1, &error))
    g_error ("%s", error->message);

  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO operators (id, username, display_name, created) VALUES (1, 'anna', 'Anna', 1);"
    "INSERT INTO operator_roles VALUES (1, 'admin');"
    "INSERT INTO clients (id, family_name, given_name, date_of_birth, external_id, created, updated)"
    "  VALUES (1, 'Ødegård-Łukasiewicz', 'Zoë', '1984-03-12', 'V1-1', 1, 1);"
    "INSERT INTO sessions (id, client_id, operator_id, started, ended, end_state, profile_json)"
    "  VALUES (1, 1, 1, 1000000, 4000000, 'completed', '{\"name\":\"Standard\"}');",
    NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = (EbbEcpTelemetry) { .device_ms = i * 10, .pressure_pa = -(gint32) i, .target_pa = -4000 };

  for (guint start = 0; start < G_N_ELEMENTS (samples); start += EBB_SAMPLE_CHUNK_SIZE)
    {
      guint n = MIN (EBB_SAMPLE_CHUNK_SIZE, G_N_ELEMENTS (samples) - start);

      chunk = ebb_sample_codec_encode (samples + start, n);
      sqlite3_prepare_v2 (db, "INSERT INTO session_samples VALUES (1, ?1, ?2, ?3)", -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, start);
      sqlite3_bind_int (stmt, 2, n);
      sqlite3_bind_blob (stmt, 3, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk), SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      g_clear_pointer (&chunk, g_bytes_unref);
    }

  sqlite3_exec (db, "VACUUM", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

static void
test_interrupted (void)
{
  g_autofree char *path = make_database ("interrupted.db", 0);
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbStore) second = NULL;
  g_autoptr(EbbSessionRecord) session = NULL;
  g_autoptr(EbbSessionRecord) mine = ebb_session_record_new ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 client, my_session;
  pid_t pid;
  int status;

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(EbbClient) c = ebb_client_new ();

    c->family_name = g_strdup ("Crash");
    client = ebb_store_client_insert (store, c, &error);
  }
  g_clear_object (&store);

  /* A child records 1000 samples, commits them and dies without ending
   * the session. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(EbbStore) child_store = ebb_store_open (path, EBB_STORE_OPEN_NONE, NULL);
      g_autoptr(EbbSessionRecord) s = ebb_session_record_new ();
      EbbSampleWriter *writer;
      gint64 id;

      s->client_id = client;
      id = ebb_store_session_begin (child_store, s, NULL);
      writer = ebb_sample_writer_new (child_store, id, NULL);
      for (guint i = 0; i < 1000; i++)
        {
          EbbEcpTelemetry t = { .device_ms = 1000 + i * 5, .pressure_pa = -(gint32) i };

          ebb_sample_writer_push_samples (writer, &t, 1);
        }
      _exit (ebb_sample_writer_flush (writer, NULL) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ebb_store_get_interrupted_sessions (store)->len, ==, 1);
  session = ebb_store_session_get (store, g_array_index (ebb_store_get_interrupted_sessions (store), gint64, 0), &error);
  g_assert_cmpint (session->end_state, ==, EBB_SESSION_INTERRUPTED);
  g_assert_nonnull (session->end_reason);
  g_assert_cmpint (session->ended_us, >=, session->started_us);
  samples = ebb_store_session_read_samples (store, session->id, &error);
  g_assert_cmpuint (samples->len, ==, 1000);
  audit = ebb_store_audit_list (store, 0, 0, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((EbbAuditEntry *) g_ptr_array_index (audit, 0))->action, ==, "session.interrupted");

  /* A session of this (living) process is left alone by another open. */
  mine->client_id = client;
  my_session = ebb_store_session_begin (store, mine, &error);
  second = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ebb_store_get_interrupted_sessions (second)->len, ==, 0);
  g_clear_pointer (&session, ebb_session_record_free);
  session = ebb_store_session_get (second, my_session, &error);
  g_assert_cmpint (session->end_state, ==, EBB_SESSION_RUNNING);
}

static void
test_backup_restore (void)
{
  g_autofree char *path = make_database ("live.db", 20);
  g_autofree char *backup = file_in_test_dir ("copies/live-backup.db");
  g_autofree char *bad = file_in_test_dir ("bad-backup.db");
  g_autofree char *aside = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbStore) restored = NULL;
  g_autoptr(EbbStore) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) c = ebb_client_new ();
  GStatBuf st;

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_backup_to (store, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_store_verify_file (backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A change after the backup. */
  c->family_name = g_strdup ("After Backup");
  g_assert_cmpint (ebb_store_client_insert (store, c, &error), >, 0);
  g_clear_object (&store);

  /* A damaged backup is refused and the database stays as it is. */
  g_assert_true (g_file_set_contents (bad, "SQLite format 3", 16, NULL));
  g_assert_false (ebb_store_restore (path, bad, &aside, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == EBB_STORE_ERROR);
  g_clear_error (&error);
  g_assert_null (aside);

  g_assert_true (ebb_store_restore (path, backup, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);

  restored = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_store_client_count (restored, &error), ==, 20);

  kept = ebb_store_open (aside, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_store_client_count (kept, &error), ==, 21);
}

static void
test_daily_backups (void)
{
  static const char * const foreign_files[] = {
    "notes.txt", "ebbflow-2019-12-01.db", "ebbflow-2019-12-02.db", "daily-copy.db",
    "daily-2019-1x-01.db",
  };
  g_autofree char *path = make_database ("daily.db", 2);
  g_autofree char *dir = file_in_test_dir ("daily-backups");
  g_autofree char *written = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_mkdir_with_parents (dir, 0700);
  for (guint day = 1; day <= 16; day++)
    {
      g_autofree char *name = g_strdup_printf ("%s/daily-2020-01-%02u.db", dir, day);

      g_assert_true (g_file_set_contents (name, "old", -1, NULL));
    }
  /* Another database's backups and other files in the same folder are
   * not this database's to rotate. */
  for (guint i = 0; i < G_N_ELEMENTS (foreign_files); i++)
    {
      g_autofree char *other = g_build_filename (dir, foreign_files[i], NULL);

      g_assert_true (g_file_set_contents (other, "kept", -1, NULL));
    }

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  written = ebb_store_backup_daily (store, dir, 14, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_true (ebb_store_verify_file (written, &error));
  {
    g_autofree char *base = g_path_get_basename (written);

    /* Named after the database: daily-YYYY-MM-DD.db */
    g_assert_true (g_str_has_prefix (base, "daily-"));
    g_assert_cmpuint (strlen (base), ==, strlen ("daily-2020-01-01.db"));
  }

  /* Once a day: the second call writes nothing and is no error. */
  g_assert_null (ebb_store_backup_daily (store, dir, 14, &error));
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, &error);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL; n++)
    {
      /* The oldest three went: 16 old + today's = 17, keep 14. */
      g_assert_cmpstr (name, !=, "daily-2020-01-01.db");
      g_assert_cmpstr (name, !=, "daily-2020-01-03.db");
    }
  g_assert_cmpuint (n, ==, 14 + G_N_ELEMENTS (foreign_files));
}

static void
daily_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  char **written = user_data;
  g_autoptr(GError) error = NULL;

  *written = ebb_store_backup_daily_finish (EBB_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*written);
}

static void
test_daily_backup_async (void)
{
  g_autofree char *path = make_database ("daily-async.db", 2);
  g_autofree char *dir = file_in_test_dir ("daily-async-backups");
  g_autofree char *written = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  ebb_store_backup_daily_async (store, dir, 3, NULL, daily_done_cb, &written);
  while (written == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_str_has_prefix (written, dir));
  g_assert_true (ebb_store_verify_file (written, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--make-fixture-v1") == 0)
    return make_fixture_v1 (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/store/open/truncated", test_truncated);
  g_test_add_func ("/ebb/store/open/damaged-page", test_damaged_page);
  g_test_add_func ("/ebb/store/open/random-bytes", test_random_bytes);
  g_test_add_func ("/ebb/store/open/foreign-database", test_foreign_database);
  g_test_add_func ("/ebb/store/open/locked", test_locked);
  g_test_add_func ("/ebb/store/open/permissions", test_permissions);
  g_test_add_func ("/ebb/store/open/newer-schema", test_newer_schema);
  g_test_add_func ("/ebb/store/migrate/v1", test_migrate_v1);
  g_test_add_func ("/ebb/store/migrate/v2", test_migrate_v2);
  g_test_add_func ("/ebb/store/recovery/interrupted", test_interrupted);
  g_test_add_func ("/ebb/store/backup/restore", test_backup_restore);
  g_test_add_func ("/ebb/store/backup/daily", test_daily_backups);
  g_test_add_func ("/ebb/store/backup/daily-async", test_daily_backup_async);

  return g_test_run ();
}
