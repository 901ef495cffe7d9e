/* test-profile.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-environment.h"
#include "ebb-profile-private.h"

static EbbProfile *
valid_profile (void)
{
  EbbProfile *profile = ebb_profile_new ("Custom");

  ebb_profile_set_level_pa (profile, -4000);
  ebb_profile_set_vacuum_s (profile, 10);
  ebb_profile_set_release_s (profile, 7);
  ebb_profile_set_ramp_pa_s (profile, 0);
  ebb_profile_set_duration_s (profile, 1800);
  return profile;
}

static void
assert_refused (EbbProfile *profile,
                gint32      limit,
                int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ebb_profile_validate (profile, limit, &error));
  g_assert_error (error, EBB_PROFILE_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_factory_profiles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = ebb_profile_load_factory (&error);
  g_autoptr(EbbProfile) intro = NULL;
  g_autoptr(EbbProfile) standard = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, >=, 2);

  for (guint i = 0; i < profiles->len; i++)
    {
      EbbProfile *profile = g_ptr_array_index (profiles, i);

      g_assert_true (ebb_profile_get_factory (profile));
      g_assert_nonnull (ebb_profile_get_source (profile));
      g_assert_true (ebb_profile_validate (profile, EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA, &error));
      g_assert_no_error (error);
    }

  /* clinical/screening.md §1.4, Type B: −30 and −50 mbar, 10 s / 7 s. */
  intro = ebb_profile_find_factory ("Introduction", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_profile_get_level_pa (intro), ==, -3000);
  g_assert_cmpuint (ebb_profile_get_vacuum_s (intro), ==, 10);
  g_assert_cmpuint (ebb_profile_get_release_s (intro), ==, 7);
  g_assert_cmpuint (ebb_profile_get_duration_s (intro), ==, 20 * 60);

  standard = ebb_profile_find_factory ("Standard", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_profile_get_level_pa (standard), ==, -5000);
  g_assert_cmpuint (ebb_profile_get_vacuum_s (standard), ==, 10);
  g_assert_cmpuint (ebb_profile_get_release_s (standard), ==, 7);
  g_assert_cmpuint (ebb_profile_get_duration_s (standard), ==, 30 * 60);
  /* Full vacuum phases that fit: the 106th starts at 1785 s, ends at 1795 s. */
  g_assert_cmpuint (ebb_profile_get_n_cycles (standard), ==, (1800 - 10) / 17 + 1);

  g_assert_null (ebb_profile_find_factory ("No such profile", &error));
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NOT_FOUND);
}

/* Every name and description in factory.json must be in the strings file
 * (or it is never translated), and the strings file must hold nothing
 * else (or translators waste work on a dead string). */
static void
test_factory_strings_match (void)
{
  g_autoptr(GPtrArray) profiles = ebb_profile_load_factory (NULL);
  g_autoptr(GHashTable) in_json = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_strings = 0;

  g_assert_nonnull (profiles);
  for (guint i = 0; i < profiles->len; i++)
    {
      EbbProfile *profile = g_ptr_array_index (profiles, i);

      g_hash_table_add (in_json, (gpointer) ebb_profile_get_name (profile));
      g_hash_table_add (in_json, (gpointer) ebb_profile_get_description (profile));
    }

  for (guint i = 0; _ebb_profile_factory_strings[i] != NULL; i++)
    {
      g_test_message ("checking “%s”", _ebb_profile_factory_strings[i]);
      g_assert_true (g_hash_table_contains (in_json, _ebb_profile_factory_strings[i]));
      n_strings++;
    }

  g_assert_cmpuint (n_strings, ==, g_hash_table_size (in_json));
}

static void
test_validate_limits (void)
{
  g_autoptr(EbbProfile) profile = valid_profile ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_profile_validate (profile, -5000, &error));
  g_assert_no_error (error);

  ebb_profile_set_level_pa (profile, 0);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_LEVEL_NOT_NEGATIVE);
  ebb_profile_set_level_pa (profile, 100);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_LEVEL_NOT_NEGATIVE);

  /* Between the clinic limit and the hard limit: approval with a name. */
  ebb_profile_set_level_pa (profile, -6000);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_NEEDS_APPROVAL);
  ebb_profile_set_approval (profile, TRUE, "  ");
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_APPROVER_MISSING);
  ebb_profile_set_approval (profile, TRUE, "Dr. Weber");
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));
  g_assert_cmpstr (ebb_profile_get_approved_by (profile), ==, "Dr. Weber");

  /* The hard limit holds even with an approval. */
  ebb_profile_set_level_pa (profile, EBB_PROFILE_HARD_LIMIT_PA);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));
  ebb_profile_set_level_pa (profile, EBB_PROFILE_HARD_LIMIT_PA - 1);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT);
  ebb_profile_set_level_pa (profile, G_MININT32);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT);
}

static void
test_validate_clinic_limit (void)
{
  g_autoptr(EbbProfile) profile = valid_profile ();

  /* A setting deeper than the factory limit is treated as the factory
   * limit: it cannot widen what runs without approval. */
  g_assert_cmpint (ebb_profile_effective_clinic_limit (-7000), ==, -5000);
  g_assert_cmpint (ebb_profile_effective_clinic_limit (-5001), ==, -5000);
  g_assert_cmpint (ebb_profile_effective_clinic_limit (-3000), ==, -3000);
  g_assert_cmpint (ebb_profile_effective_clinic_limit (500), ==, 0);

  ebb_profile_set_level_pa (profile, -5500);
  assert_refused (profile, -7000, EBB_PROFILE_ERROR_NEEDS_APPROVAL);

  /* A tightened limit turns a previously fine profile into one that needs
   * approval. */
  ebb_profile_set_level_pa (profile, -4000);
  g_assert_true (ebb_profile_validate (profile, -4000, NULL));
  assert_refused (profile, -3000, EBB_PROFILE_ERROR_NEEDS_APPROVAL);
}

static void
test_clinic_limit_setting (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ebb_profile_get_clinic_limit (settings), ==, -5000);

  g_assert_true (ebb_profile_set_clinic_limit (settings, -4000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ebb_profile_get_clinic_limit (settings), ==, -4000);

  g_assert_false (ebb_profile_set_clinic_limit (settings, -5001, &error));
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_CLINIC_LIMIT);
  g_clear_error (&error);
  g_assert_false (ebb_profile_set_clinic_limit (settings, 1, &error));
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_CLINIC_LIMIT);
  g_clear_error (&error);
  g_assert_cmpint (ebb_profile_get_clinic_limit (settings), ==, -4000);

  /* Someone writes the key directly (dconf editor): the schema's range
   * refuses a wider value, and the core clamps whatever it reads anyway
   * (ebb_profile_effective_clinic_limit, tested above). */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_autoptr(GSettingsSchemaKey) key = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    key = g_settings_schema_get_key (schema, "clinic-limit-pa");
    g_assert_false (g_settings_schema_key_range_check (key, g_variant_new_int32 (-7000)));
  }
}

static void
test_validate_timing (void)
{
  g_autoptr(EbbProfile) profile = valid_profile ();

  ebb_profile_set_release_s (profile, 0);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_CONTINUOUS_HOLD);
  ebb_profile_set_release_s (profile, 1);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_PHASE);
  ebb_profile_set_release_s (profile, 121);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_PHASE);
  ebb_profile_set_release_s (profile, 2);
  ebb_profile_set_vacuum_s (profile, 1);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_PHASE);
  ebb_profile_set_vacuum_s (profile, 121);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_PHASE);
  ebb_profile_set_vacuum_s (profile, 120);
  ebb_profile_set_release_s (profile, 120);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));

  ebb_profile_set_duration_s (profile, 59);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_DURATION);
  ebb_profile_set_duration_s (profile, 3601);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_DURATION);
  /* At least one full vacuum phase: 60 s cannot hold a 120 s one. */
  ebb_profile_set_duration_s (profile, 60);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_DURATION);
  ebb_profile_set_vacuum_s (profile, 60);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));
  ebb_profile_set_vacuum_s (profile, 120);
  ebb_profile_set_duration_s (profile, 3600);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));

  ebb_profile_set_ramp_pa_s (profile, 5001);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_RAMP);
  ebb_profile_set_ramp_pa_s (profile, 5000);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));

  /* A ramp that takes the whole vacuum phase never reaches the level. */
  ebb_profile_set_level_pa (profile, -4000);
  ebb_profile_set_vacuum_s (profile, 2);
  ebb_profile_set_ramp_pa_s (profile, 2000);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_RAMP_TOO_SLOW);
  ebb_profile_set_ramp_pa_s (profile, 2001);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));
  ebb_profile_set_ramp_pa_s (profile, 0);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));

  ebb_profile_set_name (profile, "   ");
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_NAME);
}

static void
test_short_duration_bypass (void)
{
  g_autoptr(EbbProfile) profile = valid_profile ();

  ebb_profile_set_vacuum_s (profile, 2);
  ebb_profile_set_release_s (profile, 2);
  ebb_profile_set_duration_s (profile, 20);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_DURATION);

  _ebb_profile_allow_short_duration_for_tests (profile);
  g_assert_true (ebb_profile_validate (profile, -5000, NULL));
  g_assert_cmpuint (ebb_profile_get_n_cycles (profile), ==, 5);

  /* A vacuum phase that would be cut short by the end is not planned (and
   * not run); one that ends exactly at the end is. */
  ebb_profile_set_duration_s (profile, 21);
  g_assert_cmpuint (ebb_profile_get_n_cycles (profile), ==, 5);
  ebb_profile_set_duration_s (profile, 22);
  g_assert_cmpuint (ebb_profile_get_n_cycles (profile), ==, 6);
  ebb_profile_set_vacuum_s (profile, 10);
  ebb_profile_set_release_s (profile, 7);
  ebb_profile_set_duration_s (profile, 60);
  g_assert_cmpuint (ebb_profile_get_n_cycles (profile), ==, 3);
  ebb_profile_set_vacuum_s (profile, 2);
  ebb_profile_set_release_s (profile, 2);
  ebb_profile_set_duration_s (profile, 20);

  /* The bypass relaxes the duration only, never a pressure limit. */
  ebb_profile_set_level_pa (profile, -7001);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT);
  ebb_profile_set_level_pa (profile, -3000);
  ebb_profile_set_duration_s (profile, 3);
  assert_refused (profile, -5000, EBB_PROFILE_ERROR_DURATION);
}

static void
test_versions (void)
{
  g_autoptr(EbbProfile) standard = ebb_profile_find_factory ("Standard", NULL);
  g_autoptr(EbbProfile) custom = valid_profile ();
  g_autoptr(EbbProfile) next = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (ebb_profile_new_version (standard, &error));
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_READ_ONLY);
  g_clear_error (&error);

  ebb_profile_set_id (custom, 42);
  ebb_profile_set_level_pa (custom, -6000);
  ebb_profile_set_approval (custom, TRUE, "Dr. Weber");
  next = ebb_profile_new_version (custom, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_profile_get_id (next), ==, 0);
  g_assert_cmpuint (ebb_profile_get_version (next), ==, 2);
  g_assert_cmpstr (ebb_profile_get_name (next), ==, "Custom");
  /* The approval covered version 1; the edit needs its own. */
  g_assert_false (ebb_profile_get_clinician_approved (next));
  assert_refused (next, -5000, EBB_PROFILE_ERROR_NEEDS_APPROVAL);
  /* The original is untouched. */
  g_assert_cmpuint (ebb_profile_get_version (custom), ==, 1);
  g_assert_true (ebb_profile_get_clinician_approved (custom));
}

static void
test_json_roundtrip (void)
{
  g_autoptr(EbbProfile) profile = valid_profile ();
  g_autoptr(EbbProfile) back = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  ebb_profile_set_description (profile, "Für die Wade");
  ebb_profile_set_level_pa (profile, -6500);
  ebb_profile_set_approval (profile, TRUE, "Dr. Weber");
  ebb_profile_set_ramp_pa_s (profile, 1500);
  ebb_profile_set_version (profile, 3);

  object = ebb_profile_to_json (profile);
  back = ebb_profile_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ebb_profile_get_description (back), ==, "Für die Wade");
  g_assert_cmpint (ebb_profile_get_level_pa (back), ==, -6500);
  g_assert_cmpuint (ebb_profile_get_ramp_pa_s (back), ==, 1500);
  g_assert_cmpuint (ebb_profile_get_version (back), ==, 3);
  g_assert_cmpstr (ebb_profile_get_approved_by (back), ==, "Dr. Weber");
  /* A definition from outside is never a factory profile. */
  g_assert_false (ebb_profile_get_factory (back));

  json_object_remove_member (object, "level-pa");
  g_clear_object (&back);
  back = ebb_profile_new_from_json (object, &error);
  g_assert_null (back);
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE);
  g_clear_error (&error);

  json_object_set_string_member (object, "level-pa", "-5000");
  g_assert_null (ebb_profile_new_from_json (object, &error));
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_PARSE);
}

/* Property: whatever the numbers and the setting, a profile that validates
 * lies within the hard limit, and beyond the clinic's limit only with a
 * named approval. */
static void
test_property_random (void)
{
  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(EbbProfile) profile = ebb_profile_new ("Random");
      gint32 setting = g_test_rand_int_range (-20000, 2000);
      gint32 level = g_test_rand_int_range (-12000, 500);
      gboolean approved = g_test_rand_bit ();

      if (g_test_rand_int_range (0, 50) == 0)
        level = g_test_rand_bit () ? G_MININT32 : G_MAXINT32;
      ebb_profile_set_level_pa (profile, level);
      ebb_profile_set_vacuum_s (profile, g_test_rand_int_range (0, 130));
      ebb_profile_set_release_s (profile, g_test_rand_int_range (0, 130));
      ebb_profile_set_ramp_pa_s (profile, g_test_rand_int_range (0, 6000));
      ebb_profile_set_duration_s (profile, g_test_rand_int_range (0, 4000));
      ebb_profile_set_approval (profile, approved, g_test_rand_bit () ? "Dr. Weber" : NULL);

      if (ebb_profile_validate (profile, setting, NULL))
        {
          g_assert_true (ebb_profile_target_is_safe (level));
          g_assert_cmpint (level, <, 0);
          if (level < ebb_profile_effective_clinic_limit (setting))
            {
              g_assert_true (ebb_profile_get_clinician_approved (profile));
              g_assert_cmpstr (ebb_profile_get_approved_by (profile), ==, "Dr. Weber");
            }
          g_assert_cmpuint (ebb_profile_get_release_s (profile), >=, EBB_PROFILE_MIN_PHASE_S);
        }
    }
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(EbbProfile) profile = valid_profile ();
  guint n_level = 0, n_name = 0;
  gint level = 0;
  g_autofree char *name = NULL;

  g_signal_connect (profile, "notify::level-pa", G_CALLBACK (count_cb), &n_level);
  g_signal_connect (profile, "notify::name", G_CALLBACK (count_cb), &n_name);

  /* Setters notify only on a change, for editors bound to the profile. */
  ebb_profile_set_level_pa (profile, -4000);
  g_assert_cmpuint (n_level, ==, 0);
  g_object_set (profile, "level-pa", -4500, "name", "  Calf ", NULL);
  g_assert_cmpuint (n_level, ==, 1);
  g_assert_cmpuint (n_name, ==, 1);
  ebb_profile_set_name (profile, "Calf");
  g_assert_cmpuint (n_name, ==, 1);

  g_object_get (profile, "level-pa", &level, "name", &name, NULL);
  g_assert_cmpint (level, ==, -4500);
  g_assert_cmpstr (name, ==, "Calf");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/profile/factory", test_factory_profiles);
  g_test_add_func ("/ebb/profile/factory-strings", test_factory_strings_match);
  g_test_add_func ("/ebb/profile/validate/limits", test_validate_limits);
  g_test_add_func ("/ebb/profile/validate/clinic-limit", test_validate_clinic_limit);
  g_test_add_func ("/ebb/profile/validate/timing", test_validate_timing);
  g_test_add_func ("/ebb/profile/validate/short-duration-bypass", test_short_duration_bypass);
  g_test_add_func ("/ebb/profile/clinic-limit-setting", test_clinic_limit_setting);
  g_test_add_func ("/ebb/profile/versions", test_versions);
  g_test_add_func ("/ebb/profile/properties", test_properties);
  g_test_add_func ("/ebb/profile/json-roundtrip", test_json_roundtrip);
  g_test_add_func ("/ebb/profile/property-random", test_property_random);

  return g_test_run ();
}
