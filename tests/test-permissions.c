/* test-permissions.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ebb-admin.h"
#include "ebb-audit.h"
#include "ebb-front-desk.h"
#include "ebb-operators.h"
#include "ebb-permissions.h"
#include "operators-fixture.h"

#define R EBB_ROLE_RECEPTION
#define C EBB_ROLE_CLINICIAN
#define T EBB_ROLE_TECHNICIAN
#define A EBB_ROLE_ADMIN

/* The specification of issue 9, written out independently of the table in
 * ebb-permissions.c: reception handles clients, consents and screening
 * history; clinicians also examination items, clearances and profile
 * approval; technicians run sessions; administrators also profiles,
 * operators, settings, backups and the audit viewer. Emergency stop is
 * open to everyone. */
static const struct
{
  EbbAction action;
  EbbRoles  allowed;
} expected[] = {
  { EBB_ACTION_CLIENT_CREATE, R | C },
  { EBB_ACTION_CLIENT_VIEW, R | C | T },
  { EBB_ACTION_CLIENT_CHANGE, R | C },
  { EBB_ACTION_CLIENT_ARCHIVE, R | C },
  { EBB_ACTION_CONSENT_RECORD, R | C },
  { EBB_ACTION_SCREENING_HISTORY, R | C },
  { EBB_ACTION_SCREENING_EXAMINATION, C },
  { EBB_ACTION_CLEARANCE, C },
  { EBB_ACTION_SESSION_START, T },
  { EBB_ACTION_SESSION_PAUSE, T },
  { EBB_ACTION_SESSION_STOP, T },
  { EBB_ACTION_SESSION_EMERGENCY_STOP, R | C | T | A },
  { EBB_ACTION_ALARM_ACKNOWLEDGE, T },
  { EBB_ACTION_PROFILE_CREATE, A },
  { EBB_ACTION_PROFILE_CHANGE, A },
  { EBB_ACTION_PROFILE_APPROVE, C },
  { EBB_ACTION_SETTINGS_CHANGE, A },
  { EBB_ACTION_BACKUP, A },
  { EBB_ACTION_RESTORE, A },
  { EBB_ACTION_REPORT_SAVE, C | T },
  { EBB_ACTION_REPORT_PRINT, C | T },
  { EBB_ACTION_EXPORT, C | A },
  { EBB_ACTION_OPERATOR_MANAGE, A },
  { EBB_ACTION_AUDIT_VIEW, A },
  { EBB_ACTION_SCREENING_CONFIRM, R | C | T },
};

static const struct
{
  EbbRoles    role;
  const char *username;
  const char *label;
} roles[] = {
  { R, "reception", "Reception" },
  { C, "clinician", "Clinician" },
  { T, "technician", "Technician" },
  { A, "admin", "Administrator" },
};

#undef R
#undef C
#undef T
#undef A

static const char *
detail_text (const EbbAuditEntry *entry)
{
  static char buffer[128];
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_nonnull (entry->detail_json);
  g_assert_true (json_parser_load_from_data (parser, entry->detail_json, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_strlcpy (buffer, json_object_get_string_member (object, "detail"), sizeof buffer);
  return buffer;
}

static void
test_table_complete (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, EBB_ACTION_LAST - EBB_ACTION_FIRST + 1);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (expected[i].action, ==, EBB_ACTION_FIRST + i);
      g_assert_cmpuint (ebb_permissions_roles_for (expected[i].action), ==, expected[i].allowed);
      g_assert_nonnull (ebb_permissions_action_label (expected[i].action));

      /* Ids are unique: the audit trail must tell actions apart. */
      for (guint j = 0; j < i; j++)
        {
          g_assert_cmpstr (ebb_permissions_action_id (expected[i].action), !=,
                           ebb_permissions_action_id (expected[j].action));
          g_assert_cmpstr (ebb_permissions_audit_id (expected[i].action), !=,
                           ebb_permissions_audit_id (expected[j].action));
        }
    }
}

/* Every role × every action, through the one check the core calls. */
static void
test_role_matrix (OperatorsFixture *fixture,
                  gconstpointer     data)
{
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      gint64 id = operators_fixture_add (fixture, roles[r].username, roles[r].role);

      operators_fixture_login (fixture, roles[r].username);

      for (guint a = 0; a < G_N_ELEMENTS (expected); a++)
        {
          g_autoptr(GError) error = NULL;
          gboolean should = (expected[a].allowed & roles[r].role) != 0;
          guint denied_before = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
          gboolean allowed = ebb_permissions_check (fixture->ctx, expected[a].action, &error);

          g_test_message ("%s × %s: %s", roles[r].username,
                          ebb_permissions_action_id (expected[a].action),
                          allowed ? "allowed" : "refused");
          g_assert_cmpint (allowed, ==, should);
          g_assert_cmpint (ebb_permissions_allows (roles[r].role, expected[a].action), ==, should);

          if (should)
            {
              g_assert_no_error (error);
              g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED),
                                ==, denied_before);
            }
          else
            {
              g_autoptr(EbbAuditEntry) entry = NULL;
              g_autofree char *needed = NULL;

              g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
              /* The message names the action and a role that may do it. */
              g_assert_nonnull (strstr (error->message,
                                        ebb_permissions_action_label (expected[a].action)));
              for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
                if (expected[a].allowed & roles[k].role)
                  g_assert_nonnull (strstr (error->message, roles[k].label));

              /* And the refusal is in the audit trail, attributed. */
              g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED),
                                ==, denied_before + 1);
              entry = operators_fixture_last (fixture);
              g_assert_cmpstr (entry->action, ==, EBB_AUDIT_PERMISSION_DENIED);
              g_assert_cmpint (entry->operator_id, ==, id);
              g_assert_cmpstr (detail_text (entry), ==,
                               ebb_permissions_action_id (expected[a].action));
            }
        }

      ebb_operator_session_logout (fixture->ctx);
    }
}

/* Several roles give the union of their rights. */
static void
test_several_roles (OperatorsFixture *fixture,
                    gconstpointer     data)
{
  EbbRoles both = EBB_ROLE_RECEPTION | EBB_ROLE_TECHNICIAN;

  operators_fixture_add (fixture, "both", both);
  operators_fixture_login (fixture, "both");

  for (guint a = 0; a < G_N_ELEMENTS (expected); a++)
    {
      g_autoptr(GError) error = NULL;
      gboolean should = (expected[a].allowed & both) != 0;

      g_assert_cmpint (ebb_permissions_check (fixture->ctx, expected[a].action, &error), ==,
                       should);
    }
}

/* Nobody logged in, or a locked console: only emergency stop works. */
static void
test_not_logged_in_and_locked (OperatorsFixture *fixture,
                               gconstpointer     data)
{
  g_autoptr(GError) unlock_error = NULL;

  operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);

  for (guint a = 0; a < G_N_ELEMENTS (expected); a++)
    {
      g_autoptr(GError) error = NULL;
      gboolean estop = expected[a].action == EBB_ACTION_SESSION_EMERGENCY_STOP;

      g_assert_cmpint (ebb_permissions_check (fixture->ctx, expected[a].action, &error), ==,
                       estop);
      if (!estop)
        g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_NOT_LOGGED_IN);
    }

  g_assert_true (ebb_permissions_check (NULL, EBB_ACTION_SESSION_EMERGENCY_STOP, NULL));

  operators_fixture_login (fixture, "tech");
  g_assert_true (ebb_permissions_check (fixture->ctx, EBB_ACTION_SESSION_STOP, NULL));
  ebb_operator_session_lock (fixture->ctx);

  for (guint a = 0; a < G_N_ELEMENTS (expected); a++)
    {
      g_autoptr(GError) error = NULL;
      gboolean estop = expected[a].action == EBB_ACTION_SESSION_EMERGENCY_STOP;
      guint denied_before = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);

      g_assert_cmpint (ebb_permissions_check (fixture->ctx, expected[a].action, &error), ==,
                       estop);
      if (!estop)
        {
          g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_NOT_LOGGED_IN);
          g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==,
                            denied_before + 1);
        }
    }

  ebb_operator_session_unlock (fixture->ctx, FIXTURE_PIN, &unlock_error);
  g_assert_no_error (unlock_error);
  g_assert_true (ebb_permissions_check (fixture->ctx, EBB_ACTION_SESSION_STOP, NULL));
}

/* The checks sit in the core functions themselves, not only in the GUI. */
static void
test_core_functions_enforce (OperatorsFixture *fixture,
                             gconstpointer     data)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 id;

  operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  client->family_name = g_strdup ("Meier");

  operators_fixture_login (fixture, "tech");
  id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (ebb_store_client_count (fixture->store, NULL), ==, 0);

  g_assert_cmpint (ebb_operators_add (fixture->ctx, "newbie", "New", EBB_ROLE_ADMIN,
                                      "13579135", &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_null (ebb_audit_query (fixture->ctx, NULL, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  ebb_operator_session_switch (fixture->ctx, "desk", FIXTURE_PIN, &error);
  g_assert_no_error (error);
  id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  found = ebb_front_desk_search_clients (fixture->ctx, "mei", FALSE, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

/* What the protected core calls below need: a client with a recorded
 * session, a backup, and where files go. */
typedef struct
{
  OperatorsFixture *fixture;
  gint64            client_id;
  gint64            session_id;
  char             *backup;
  char             *output;
} CoreEnv;

static gboolean
call_examination (CoreEnv  *env,
                  GError  **error)
{
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(EbbScreeningAnswers) answers = operators_fixture_screening (TRUE, &decision);

  return ebb_front_desk_record_screening (env->fixture->ctx, env->client_id, answers, decision,
                                          90, error) > 0;
}

static gboolean
call_report_save (CoreEnv  *env,
                  GError  **error)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  g_autoptr(EbbReportOptions) options = ebb_report_options_new_from_settings (settings);

  return ebb_front_desk_save_report (env->fixture->ctx, env->session_id, settings, options,
                                     env->output, error);
}

static gboolean
call_report_print (CoreEnv  *env,
                   GError  **error)
{
  return ebb_front_desk_record_report (env->fixture->ctx, EBB_ACTION_REPORT_PRINT,
                                       env->session_id, "Office printer", error);
}

static gboolean
call_export (CoreEnv  *env,
             GError  **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  return ebb_front_desk_export_session (env->fixture->ctx, env->session_id, FALSE,
                                        EBB_PRESSURE_UNIT_MBAR, out, NULL, error);
}

static gboolean
call_backup (CoreEnv  *env,
             GError  **error)
{
  return ebb_admin_backup (env->fixture->ctx, env->output, NULL, error);
}

static gboolean
call_restore (CoreEnv  *env,
              GError  **error)
{
  g_autofree char *aside = NULL;

  return ebb_admin_restore (env->fixture->ctx, env->backup, &aside, error);
}

/* Every role × the protected actions that reach the core through
 * ebb_front_desk_*() and ebb_admin_*(): the real function succeeds and
 * writes its own entry for a role the table allows, and for any other
 * it changes nothing and records the refusal. The session runner's
 * actions are checked against roles in tests/test-session.c. Restore
 * comes last: it replaces the database. */
static void
test_core_role_matrix (OperatorsFixture *fixture,
                       gconstpointer     data)
{
  const struct
  {
    EbbAction action;
    gboolean (*call) (CoreEnv *env, GError **error);
  } calls[] = {
    { EBB_ACTION_SCREENING_EXAMINATION, call_examination },
    { EBB_ACTION_REPORT_SAVE, call_report_save },
    { EBB_ACTION_REPORT_PRINT, call_report_print },
    { EBB_ACTION_EXPORT, call_export },
    { EBB_ACTION_BACKUP, call_backup },
    { EBB_ACTION_RESTORE, call_restore },
  };
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (roles)];
  CoreEnv env = { fixture, 0, 0, NULL, NULL };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    ids[r] = operators_fixture_add (fixture, roles[r].username, roles[r].role);

  operators_fixture_login (fixture, "reception");
  client->family_name = g_strdup ("Meier");
  env.client_id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  env.session_id = operators_fixture_record_session (fixture, env.client_id);
  env.backup = g_build_filename (fixture->dir, "matrix-backup.db", NULL);
  env.output = g_build_filename (fixture->dir, "matrix-output", NULL);
  g_assert_true (ebb_store_backup_to (fixture->store, env.backup, NULL, &error));
  g_assert_no_error (error);

  for (guint a = 0; a < G_N_ELEMENTS (calls); a++)
    for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
      {
        g_autoptr(EbbAuditEntry) entry = NULL;
        gboolean should = ebb_permissions_allows (roles[r].role, calls[a].action);
        guint denied_before;
        gboolean done;

        /* Only the administrator restores, at the very end. */
        if (calls[a].action == EBB_ACTION_RESTORE && should && r + 1 < G_N_ELEMENTS (roles))
          continue;

        operators_fixture_login (fixture, roles[r].username);
        g_unlink (env.output);
        denied_before = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);
        done = calls[a].call (&env, &error);
        g_test_message ("%s × %s: %s", roles[r].username,
                        ebb_permissions_action_id (calls[a].action), done ? "done" : "refused");
        g_assert_cmpint (done, ==, should);

        if (!should)
          {
            g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
            g_clear_error (&error);
            g_assert_false (g_file_test (env.output, G_FILE_TEST_EXISTS));
            g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED),
                              ==, denied_before + 1);
            entry = operators_fixture_last (fixture);
            g_assert_cmpstr (entry->action, ==, EBB_AUDIT_PERMISSION_DENIED);
            g_assert_cmpint (entry->operator_id, ==, ids[r]);
            continue;
          }

        g_assert_no_error (error);
        if (calls[a].action == EBB_ACTION_RESTORE)
          {
            g_autoptr(EbbStore) restored = ebb_store_open (fixture->path, EBB_STORE_OPEN_NONE, &error);
            g_autoptr(GPtrArray) trail = NULL;

            g_assert_no_error (error);
            trail = ebb_store_audit_list (restored, 0, 0, &error);
            g_assert_no_error (error);
            entry = g_ptr_array_steal_index (trail, trail->len - 1);
          }
        else
          {
            entry = operators_fixture_last (fixture);
          }
        g_assert_cmpstr (entry->action, ==, ebb_permissions_audit_id (calls[a].action));
        g_assert_cmpint (entry->operator_id, ==, ids[r]);
      }

  g_free (env.backup);
  g_free (env.output);
}

/* Refusals on grounds the role table cannot see are recorded exactly as a
 * refused check is: `permission.denied`, the operator, the action's id. */
static void
test_refuse_records (OperatorsFixture *fixture,
                     gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;
  gint64 id = operators_fixture_add (fixture, "doc", EBB_ROLE_CLINICIAN);
  guint denied;

  operators_fixture_login (fixture, "doc");
  denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);

  g_assert_false (ebb_permissions_refuse (fixture->store, id, EBB_ACTION_PROFILE_APPROVE, &error,
                                          "Not in %s name.", "someone else's"));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "Not in someone else's name.");
  g_clear_error (&error);
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied + 1);
  entry = operators_fixture_last (fixture);
  g_assert_cmpstr (entry->action, ==, EBB_AUDIT_PERMISSION_DENIED);
  g_assert_cmpint (entry->operator_id, ==, id);
  g_assert_cmpstr (detail_text (entry), ==, ebb_permissions_action_id (EBB_ACTION_PROFILE_APPROVE));

  /* Without a database there is nothing to write to; the refusal stands. */
  g_assert_false (ebb_permissions_refuse (NULL, 0, EBB_ACTION_RESTORE, &error, "%s", "No."));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied + 1);
}

/* The recovery restore, which needs no login, refuses a database that
 * opens and records that for the system (operator 0) in the same form. */
static void
test_recovery_restore_refused (OperatorsFixture *fixture,
                               gconstpointer     data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;
  guint denied = operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED);

  g_assert_true (ebb_store_backup_to (fixture->store, backup, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (ebb_admin_restore_unopenable (fixture->path, backup, NULL, &error));
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, denied + 1);
  entry = operators_fixture_last (fixture);
  g_assert_cmpint (entry->operator_id, ==, 0);
  g_assert_cmpstr (detail_text (entry), ==, ebb_permissions_action_id (EBB_ACTION_RESTORE));
  g_unlink (backup);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/permissions/table-complete", test_table_complete);
  g_test_add ("/ebb/permissions/role-matrix", OperatorsFixture, NULL,
              operators_fixture_set_up, test_role_matrix, operators_fixture_tear_down);
  g_test_add ("/ebb/permissions/several-roles", OperatorsFixture, NULL,
              operators_fixture_set_up, test_several_roles, operators_fixture_tear_down);
  g_test_add ("/ebb/permissions/not-logged-in-and-locked", OperatorsFixture, NULL,
              operators_fixture_set_up, test_not_logged_in_and_locked,
              operators_fixture_tear_down);
  g_test_add ("/ebb/permissions/core-functions-enforce", OperatorsFixture, NULL,
              operators_fixture_set_up, test_core_functions_enforce, operators_fixture_tear_down);
  g_test_add ("/ebb/permissions/core-role-matrix", OperatorsFixture, NULL,
              operators_fixture_set_up, test_core_role_matrix, operators_fixture_tear_down);
  g_test_add ("/ebb/permissions/refuse-records", OperatorsFixture, NULL,
              operators_fixture_set_up, test_refuse_records, operators_fixture_tear_down);
  g_test_add ("/ebb/permissions/recovery-restore-refused", OperatorsFixture, NULL,
              operators_fixture_set_up, test_recovery_restore_refused, operators_fixture_tear_down);

  return g_test_run ();
}
