/* test-admin.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ebb-admin.h"
#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "operators-fixture.h"

/* Settings changes through the core (ebb-admin.c): administrators only,
 * validated against the schema and the clinic's rules, tighten-only
 * limits, and exactly one `settings.change` entry per real change. */

static guint
changes (OperatorsFixture *fixture)
{
  return operators_fixture_count (fixture, "settings.change");
}

static void
test_admin_only (OperatorsFixture *fixture,
                 gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  g_autoptr(GError) error = NULL;
  const EbbRoles others[] = { EBB_ROLE_RECEPTION, EBB_ROLE_CLINICIAN, EBB_ROLE_TECHNICIAN };

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);

      operators_fixture_add (fixture, name, others[i]);
      operators_fixture_login (fixture, name);
      g_assert_false (ebb_admin_change_setting (fixture->ctx, settings, "idle-lock-minutes",
                                                g_variant_new_uint32 (9), &error));
      g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 5);
    }
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, 3);
  g_assert_cmpuint (changes (fixture), ==, 0);

  operators_fixture_login (fixture, "boss");
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "idle-lock-minutes",
                                           g_variant_new_uint32 (9), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 9);
  g_assert_cmpuint (changes (fixture), ==, 1);
}

static void
test_one_entry_with_both_values (OperatorsFixture *fixture,
                                 gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");

  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-limit-pa",
                                           g_variant_new_int32 (-4000), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -4000);
  g_assert_cmpuint (changes (fixture), ==, 1);
  entry = operators_fixture_last (fixture);
  g_assert_cmpstr (entry->action, ==, "settings.change");
  g_assert_nonnull (strstr (entry->detail_json, "clinic-limit-pa: -5000 -> -4000"));

  /* The value already stored is no change and writes nothing. */
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-limit-pa",
                                           g_variant_new_int32 (-4000), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes (fixture), ==, 1);

  /* Loosening back towards the factory limit stays within it. */
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-limit-pa",
                                           g_variant_new_int32 (-5000), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes (fixture), ==, 2);
}

static void
test_refusals (OperatorsFixture *fixture,
               gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-logo.png", NULL);
  g_autofree char *logo = g_build_filename (fixture->dir, "logo.png", NULL);
  const struct {
    const char *key;
    GVariant *value;
    GQuark domain;
    int code;
    const char *message_part;
  } cases[] = {
    { "clinic-limit-pa", g_variant_new_int32 (-5001), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT, "tightened" },
    { "clinic-limit-pa", g_variant_new_int32 (-7000), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT, "tightened" },
    { "clinic-limit-pa", g_variant_new_int32 (-5001), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT, "tightened. Enter a value from -5000 to 0." },
    /* Positive pressure loosens nothing: it is simply not a limit. */
    { "clinic-limit-pa", g_variant_new_int32 (100), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "from -5000 to 0" },
    { "screening-recent-mi-days", g_variant_new_uint32 (366), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "from 5 to 365" },
    { "screening-recent-mi-days", g_variant_new_uint32 (3), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT, "lengthened" },
    { "idle-lock-minutes", g_variant_new_uint32 (0), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "from 1 to 120" },
    { "idle-lock-minutes", g_variant_new_int32 (5), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "kind of value" },
    { "pressure-unit", g_variant_new_string ("psi"), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "values offered" },
    { "no-such-key", g_variant_new_string ("x"), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_UNKNOWN_SETTING, "no-such-key" },
    { "device", g_variant_new_string ("ttyUSB0"), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, NULL },
    { "clinic-phone", g_variant_new_string ("call me"), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "telephone" },
    { "clinic-logo", g_variant_new_string (missing), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "does not exist" },
    { "clinic-logo", g_variant_new_string ("logo.png"), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "does not exist" },
    { "backup-directory", g_variant_new_string (missing), EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE, "folder" },
  };
  g_autoptr(GError) error = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_variant_print (cases[i].value, FALSE);

      g_test_message ("%s = %s", cases[i].key, text);
      g_assert_false (ebb_admin_change_setting (fixture->ctx, settings, cases[i].key,
                                                cases[i].value, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      if (cases[i].message_part != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_clear_error (&error);
    }
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -5000);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 5);
  g_assert_cmpuint (changes (fixture), ==, 0);

  /* The same keys take sensible values. */
  g_assert_true (g_file_set_contents (logo, "\x89PNG", 4, NULL));
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-logo",
                                           g_variant_new_string (logo), &error));
  g_assert_no_error (error);
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-logo",
                                           g_variant_new_string (""), &error));
  g_assert_no_error (error);
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "backup-directory",
                                           g_variant_new_string (fixture->dir), &error));
  g_assert_no_error (error);
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "device",
                                           g_variant_new_string ("sim"), &error));
  g_assert_no_error (error);
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-phone",
                                           g_variant_new_string ("+49 30 1234567"), &error));
  g_assert_no_error (error);
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "screening-recent-mi-days",
                                           g_variant_new_uint32 (30), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes (fixture), ==, 6);
  g_unlink (logo);
}

/* A schema like the application's, with other bounds for the two
 * tighten-only limits: the check must follow the schema, not a copy of it. */
static const char test_schema[] =
  "<schemalist>"
  "  <schema id='org.ebbflow.Ebbflow.AdminTest' path='/org/ebbflow/Ebbflow/admin-test/'>"
  "    <key name='clinic-limit-pa' type='i'><range min='-4000' max='0'/><default>-4000</default></key>"
  "    <key name='screening-recent-mi-days' type='u'><range min='7' max='30'/><default>7</default></key>"
  "  </schema>"
  "</schemalist>";

static GSettings *
test_settings (const char *dir)
{
  g_autofree char *schema_dir = g_build_filename (dir, "schemas", NULL);
  g_autofree char *schema_file = g_build_filename (schema_dir, "admin-test.gschema.xml", NULL);
  const char *argv[] = { "glib-compile-schemas", "--strict", schema_dir, NULL };
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (schema_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (schema_file, test_schema, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  source = g_settings_schema_source_new_from_directory (schema_dir, NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "org.ebbflow.Ebbflow.AdminTest", FALSE);
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, backend, NULL);
}

static void
test_ranges_from_schema (OperatorsFixture *fixture,
                         gconstpointer     data)
{
  g_autoptr(GSettings) settings = test_settings (fixture->dir);
  g_autoptr(GError) error = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");

  /* Within the application's bounds, but deeper than this schema's. */
  g_assert_false (ebb_admin_change_setting (fixture->ctx, settings, "clinic-limit-pa",
                                            g_variant_new_int32 (-4500), &error));
  g_assert_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT);
  g_assert_nonnull (strstr (error->message, "from -4000 to 0"));
  g_clear_error (&error);
  g_assert_false (ebb_admin_change_setting (fixture->ctx, settings, "screening-recent-mi-days",
                                            g_variant_new_uint32 (6), &error));
  g_assert_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_WIDENS_LIMIT);
  g_assert_nonnull (strstr (error->message, "from 7 to 30"));
  g_clear_error (&error);
  g_assert_false (ebb_admin_change_setting (fixture->ctx, settings, "screening-recent-mi-days",
                                            g_variant_new_uint32 (31), &error));
  g_assert_error (error, EBB_ADMIN_ERROR, EBB_ADMIN_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (changes (fixture), ==, 0);

  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "clinic-limit-pa",
                                           g_variant_new_int32 (-3000), &error));
  g_assert_no_error (error);
  g_assert_true (ebb_admin_change_setting (fixture->ctx, settings, "screening-recent-mi-days",
                                           g_variant_new_uint32 (30), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -3000);
  g_assert_cmpuint (changes (fixture), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ebb/admin/" path, OperatorsFixture, NULL, \
              operators_fixture_set_up, func, operators_fixture_tear_down)
  ADD ("admin-only", test_admin_only);
  ADD ("one-entry-with-both-values", test_one_entry_with_both_values);
  ADD ("refusals", test_refusals);
  ADD ("ranges-from-schema", test_ranges_from_schema);
#undef ADD

  return g_test_run ();
}
