/* ebb-store-schema.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-schema"

#include "config.h"

#include "ebb-store-private.h"

/* Forward-only migrations. Step N takes a database at user_version N-1 to
 * N inside one transaction; a step never changes once released (older
 * databases in the field replay it). docs/store.md describes the schema. */

static const char schema_v1[] =
  "CREATE TABLE operators ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),"
  "  display_name TEXT NOT NULL,"
  "  credential_hash TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),"
  "  locked_until INTEGER,"
  "  last_login INTEGER,"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE TABLE operator_roles ("
  "  operator_id INTEGER NOT NULL REFERENCES operators (id),"
  "  role TEXT NOT NULL CHECK (role IN ('reception', 'clinician', 'technician', 'admin')),"
  "  PRIMARY KEY (operator_id, role)"
  ") WITHOUT ROWID;"
  "CREATE TABLE clients ("
  "  id INTEGER PRIMARY KEY,"
  "  family_name TEXT NOT NULL CHECK (length(family_name) > 0),"
  "  given_name TEXT NOT NULL DEFAULT '',"
  "  date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),"
  "  sex TEXT CHECK (sex IN ('female', 'male', 'other')),"
  "  phone TEXT,"
  "  email TEXT,"
  "  external_id TEXT UNIQUE,"
  "  notes TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX clients_by_name ON clients (family_name, given_name);"
  "CREATE TABLE consents ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  topic TEXT NOT NULL CHECK (length(topic) > 0),"
  "  policy_version TEXT NOT NULL,"
  "  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),"
  "  method TEXT NOT NULL CHECK (method IN ('signed-paper', 'verbal', 'tablet')),"
  "  recorded_by INTEGER REFERENCES operators (id),"
  "  recorded INTEGER NOT NULL,"
  "  note TEXT,"
  "  withdrawn INTEGER,"
  "  withdrawn_by INTEGER REFERENCES operators (id)"
  ");"
  "CREATE INDEX consents_by_client ON consents (client_id);"
  "CREATE TABLE screenings ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  questionnaire_id TEXT NOT NULL,"
  "  questionnaire_version TEXT NOT NULL,"
  "  answers TEXT NOT NULL CHECK (json_valid(answers)),"
  "  scores TEXT CHECK (scores IS NULL OR json_valid(scores)),"
  "  outcome TEXT NOT NULL,"
  "  reasons TEXT CHECK (reasons IS NULL OR json_valid(reasons)),"
  "  operator_id INTEGER REFERENCES operators (id),"
  "  screened INTEGER NOT NULL,"
  "  valid_until INTEGER,"
  "  cleared_by INTEGER REFERENCES operators (id),"
  "  cleared INTEGER,"
  "  clearance_note TEXT,"
  "  clearance_recorded_by INTEGER REFERENCES operators (id)"
  ");"
  "CREATE INDEX screenings_by_client ON screenings (client_id, screened);"
  "CREATE TABLE screening_confirmations ("
  "  id INTEGER PRIMARY KEY,"
  "  screening_id INTEGER NOT NULL REFERENCES screenings (id),"
  "  operator_id INTEGER REFERENCES operators (id),"
  "  confirmed INTEGER NOT NULL,"
  "  note TEXT"
  ");"
  "CREATE INDEX confirmations_by_screening ON screening_confirmations (screening_id);"
  "CREATE TABLE profiles ("
  "  id INTEGER PRIMARY KEY,"
  "  lineage_id INTEGER NOT NULL,"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  description TEXT,"
  "  level_pa INTEGER NOT NULL,"
  "  vacuum_s REAL NOT NULL CHECK (vacuum_s >= 0),"
  "  release_s REAL NOT NULL CHECK (release_s >= 0),"
  "  ramp_pa_s INTEGER NOT NULL CHECK (ramp_pa_s >= 0),"
  "  duration_s INTEGER NOT NULL CHECK (duration_s >= 0),"
  "  approved_by INTEGER REFERENCES operators (id),"
  "  approved INTEGER,"
  "  factory INTEGER NOT NULL DEFAULT 0 CHECK (factory IN (0, 1)),"
  "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
  "  created_by INTEGER REFERENCES operators (id),"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (lineage_id, version)"
  ");"
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  screening_id INTEGER REFERENCES screenings (id),"
  "  profile_id INTEGER REFERENCES profiles (id),"
  "  profile_json TEXT CHECK (profile_json IS NULL OR json_valid(profile_json)),"
  "  operator_id INTEGER REFERENCES operators (id),"
  "  chamber_model TEXT,"
  "  chamber_serial TEXT,"
  "  chamber_firmware TEXT,"
  "  started INTEGER NOT NULL,"
  "  ended INTEGER,"
  "  end_state TEXT CHECK (end_state IN ('completed', 'stopped', 'aborted', 'interrupted')),"
  "  end_reason TEXT,"
  "  notes TEXT,"
  "  bp_sys_before INTEGER, bp_dia_before INTEGER, hr_before INTEGER,"
  "  bp_sys_after INTEGER, bp_dia_after INTEGER, hr_after INTEGER,"
  "  link_stats TEXT CHECK (link_stats IS NULL OR json_valid(link_stats)),"
  "  sample_epoch INTEGER,"
  "  sample_epoch_device_ms INTEGER,"
  "  owner_pid INTEGER,"
  "  owner_start INTEGER,"
  "  owner_boot TEXT"
  ");"
  "CREATE INDEX sessions_by_client ON sessions (client_id, started);"
  "CREATE INDEX sessions_running ON sessions (id) WHERE end_state IS NULL;"
  "CREATE TABLE session_samples ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  chunk_start INTEGER NOT NULL,"
  "  n_samples INTEGER NOT NULL CHECK (n_samples > 0),"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (session_id, chunk_start)"
  ") WITHOUT ROWID;"
  "CREATE TABLE session_events ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  time INTEGER NOT NULL,"
  "  device_ms INTEGER,"
  "  kind TEXT NOT NULL CHECK (kind IN ('phase', 'setpoint', 'alarm-raised', 'alarm-acknowledged',"
  "    'alarm-cleared', 'operator-action', 'device-fault', 'link-stats', 'note')),"
  "  code TEXT NOT NULL,"
  "  message TEXT,"
  "  data TEXT CHECK (data IS NULL OR json_valid(data)),"
  "  operator_id INTEGER REFERENCES operators (id)"
  ");"
  "CREATE INDEX session_events_by_session ON session_events (session_id, id);"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  time INTEGER NOT NULL,"
  "  operator_id INTEGER,"
  "  action TEXT NOT NULL,"
  "  subject TEXT,"
  "  detail TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER clients_keep_with_sessions BEFORE DELETE ON clients"
  "  WHEN EXISTS (SELECT 1 FROM sessions WHERE client_id = old.id)"
  "  BEGIN SELECT RAISE (ABORT, 'a client with sessions is archived, never deleted'); END;";

/* Version 2: search as you type. The folded text (ebb-text-fold.c) lives in
 * clients.search_text and feeds an external-content FTS5 index. Only
 * prefix matches of single words are asked of it, so it keeps no
 * positions (detail = none): prefix queries over 100,000 clients read
 * ten times less. */
static const char schema_v2_column[] =
  "ALTER TABLE clients ADD COLUMN search_text TEXT NOT NULL DEFAULT '';";

/* Created after search_text is filled: the update trigger would otherwise
 * delete index entries that were never added, which corrupts FTS5. */
static const char schema_v2_index[] =
  "CREATE VIRTUAL TABLE clients_fts USING fts5 ("
  "  search_text, content = 'clients', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none);"
  "CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients BEGIN"
  "  INSERT INTO clients_fts (rowid, search_text) VALUES (new.id, new.search_text);"
  "END;"
  "CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients BEGIN"
  "  INSERT INTO clients_fts (clients_fts, rowid, search_text)"
  "    VALUES ('delete', old.id, old.search_text);"
  "END;"
  "CREATE TRIGGER clients_fts_update AFTER UPDATE OF search_text ON clients BEGIN"
  "  INSERT INTO clients_fts (clients_fts, rowid, search_text)"
  "    VALUES ('delete', old.id, old.search_text);"
  "  INSERT INTO clients_fts (rowid, search_text) VALUES (new.id, new.search_text);"
  "END;"
  "INSERT INTO clients_fts (clients_fts) VALUES ('rebuild');";

/* Version 3: the client's report, at a later visit, that something in
 * their health has changed since the screening. Kept on the screening row
 * like the clearance: it happens at most once and ends the screening's
 * validity for good; only a new screening lets sessions start again. */
static const char schema_v3[] =
  "ALTER TABLE screenings ADD COLUMN changed_by INTEGER REFERENCES operators (id);"
  "ALTER TABLE screenings ADD COLUMN changed INTEGER;"
  "ALTER TABLE screenings ADD COLUMN change_note TEXT;";

/* Fills search_text for clients written by version 1, then indexes them. */
static gboolean
fill_search_text (sqlite3     *db,
                  const char  *path,
                  GError     **error)
{
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, family_name, given_name, date_of_birth, external_id "
                           "FROM clients", -1, &select, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE clients SET search_text = ?2 WHERE id = ?1",
                             -1, &update, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      EbbClient client = {
        .family_name = (char *) sqlite3_column_text (select, 1),
        .given_name = (char *) sqlite3_column_text (select, 2),
        .date_of_birth = (char *) sqlite3_column_text (select, 3),
        .external_id = (char *) sqlite3_column_text (select, 4),
      };
      g_autofree char *text = _ebb_client_search_text (&client);

      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_text (update, 2, text, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  if (rc != SQLITE_OK)
    _ebb_store_set_error (error, db, rc, path);

  sqlite3_finalize (select);
  sqlite3_finalize (update);

  return rc == SQLITE_OK;
}

static gboolean
migrate_step (sqlite3     *db,
              const char  *path,
              int          to_version,
              GError     **error)
{
  switch (to_version)
    {
    case 1:
      return _ebb_store_exec (db, path, schema_v1, error);
    case 2:
      return _ebb_store_exec (db, path, schema_v2_column, error) &&
             fill_search_text (db, path, error) &&
             _ebb_store_exec (db, path, schema_v2_index, error);
    case 3:
      return _ebb_store_exec (db, path, schema_v3, error);
    default:
      g_assert_not_reached ();
    }
}

/* Runs steps from_version+1 … to_version, each in its own transaction, so a
 * failure leaves the database at the last complete version. */
gboolean
_ebb_store_migrate (sqlite3     *db,
                    const char  *path,
                    int          from_version,
                    int          to_version,
                    GError     **error)
{
  g_assert (to_version <= EBB_STORE_SCHEMA_VERSION);

  for (int v = from_version + 1; v <= to_version; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);
      g_autofree char *set_app = g_strdup_printf ("PRAGMA application_id = %d",
                                                  EBB_STORE_APPLICATION_ID);

      if (!_ebb_store_exec (db, path, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!migrate_step (db, path, v, error) ||
          !_ebb_store_exec (db, path, set_version, error) ||
          !_ebb_store_exec (db, path, set_app, error) ||
          !_ebb_store_exec (db, path, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Migrating %s to schema %d: ", path, v);
          return FALSE;
        }

      g_debug ("Migrated %s to schema %d", path, v);
    }

  return TRUE;
}
