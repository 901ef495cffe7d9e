/* test-preferences.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ebb-environment.h"
#include "ebb-preferences-window.h"

/* GtkBuilder ids are not kept on template children, so rows are found by
 * their (untranslated, LC_ALL=C) title. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;

      if ((found = find_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_spin (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SPIN_BUTTON (child))
        return child;
      if ((found = find_spin (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_unit_choice_writes_setting (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (ebb_preferences_window_new (settings)));
  GtkWidget *row = find_row (window, "_Pressure unit");

  g_assert_nonnull (row);
  g_settings_set_string (settings, "pressure-unit", "mmhg");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  {
    g_autofree char *unit = g_settings_get_string (settings, "pressure-unit");
    g_assert_cmpstr (unit, ==, "mbar");
  }

  g_settings_set_string (settings, "pressure-unit", "kpa");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_clinic_limit_tighten_only (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (ebb_preferences_window_new (settings)));
  GtkWidget *row = find_row (window, "Clinician approval below (_Pa)");
  GtkSpinButton *spin;

  g_assert_nonnull (row);
  spin = GTK_SPIN_BUTTON (find_spin (row));
  g_assert_nonnull (spin);

  /* The spin button cannot go deeper than the factory value... */
  gtk_spin_button_set_value (spin, -6500);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, -5000);
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -5000);

  /* ...tightening works and is stored... */
  gtk_spin_button_set_value (spin, -4000);
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -4000);

  /* ...and the schema itself refuses a wider value, whoever writes it. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "clinic-limit-pa");
  g_assert_false (g_settings_schema_key_range_check (key, g_variant_new_int32 (-5001)));
  g_assert_true (g_settings_schema_key_range_check (key, g_variant_new_int32 (-5000)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_text_rows_write_settings (void)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (ebb_preferences_window_new (settings)));
  GtkWidget *name_row = find_row (window, "_Name");
  g_autofree char *name = NULL;

  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Praxis Zoë Ødegård");
  name = g_settings_get_string (settings, "clinic-name");
  g_assert_cmpstr (name, ==, "Praxis Zoë Ødegård");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ebb/preferences/unit-choice", test_unit_choice_writes_setting);
  g_test_add_func ("/ebb/preferences/clinic-limit-tighten-only", test_clinic_limit_tighten_only);
  g_test_add_func ("/ebb/preferences/text-rows", test_text_rows_write_settings);

  return g_test_run ();
}
