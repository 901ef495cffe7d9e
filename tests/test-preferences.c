/* test-preferences.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ebb-preferences-window.h"
#include "ebb-store.h"
#include "gui-test-util.h"
#include "operators-fixture.h"

/* The preferences window under Xvfb with a real SQLite store: every change
 * goes through the core as the logged-in operator, writes exactly one
 * `settings.change` entry with both values, and a refusal is shown below
 * its field while the field returns to the stored value. */

/* Generous safety bound for the spin buttons' commit delay. */
#define WAIT_US (3 * G_USEC_PER_SEC)

static gboolean
is_spin (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

/* GtkBuilder ids are not kept on template children, so rows are found by
 * their (untranslated, LC_ALL=C) title. */
static GtkWidget *
row (GtkWidget  *window,
     const char *title)
{
  GtkWidget *found = find_widget (window, is_row_titled, title);

  g_assert_nonnull (found);
  return found;
}

static GtkSpinButton *
row_spin (GtkWidget  *window,
          const char *title)
{
  GtkWidget *spin = find_widget (row (window, title), is_spin, NULL);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
open_window (OperatorsFixture *fixture,
             GSettings        *settings)
{
  GtkWidget *window = GTK_WIDGET (ebb_preferences_window_new (settings, fixture->ctx));

  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

/* For screenshots: EBB_TEST_PAUSE=SECONDS keeps the window on screen. */
static void
settle (void)
{
  const char *pause = g_getenv ("EBB_TEST_PAUSE");
  gint64 until = g_get_monotonic_time () +
                 (pause != NULL ? g_ascii_strtoll (pause, NULL, 10) * G_USEC_PER_SEC : 0);

  do
    g_main_context_iteration (NULL, FALSE);
  while (g_get_monotonic_time () < until);
}

static void
close_window (GtkWidget *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static guint
changes (OperatorsFixture *fixture)
{
  return operators_fixture_count (fixture, "settings.change");
}

static void
assert_last_change (OperatorsFixture *fixture,
                    const char       *detail)
{
  g_autoptr(EbbAuditEntry) entry = operators_fixture_last (fixture);

  g_assert_cmpstr (entry->action, ==, "settings.change");
  g_assert_nonnull (strstr (entry->detail_json, detail));
}

static void
test_unit_choice (OperatorsFixture *fixture,
                  gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  GtkWidget *window, *unit;
  g_autofree char *stored = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");
  window = open_window (fixture, settings);
  unit = row (window, "_Pressure unit");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (unit)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (unit), 1);
  stored = g_settings_get_string (settings, "pressure-unit");
  g_assert_cmpstr (stored, ==, "mbar");
  g_assert_cmpuint (changes (fixture), ==, 1);
  assert_last_change (fixture, "pressure-unit: 'mmhg' -> 'mbar'");

  /* A change made elsewhere shows, and is not the window's to record. */
  g_settings_set_string (settings, "pressure-unit", "kpa");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (unit)), ==, 2);
  g_assert_cmpuint (changes (fixture), ==, 1);

  close_window (window);
}

static gboolean
idle_lock_stored (gpointer data)
{
  return g_settings_get_uint (data, "idle-lock-minutes") != 5;
}

/* Stepping a spin button four times is one change, not four. */
/* The device is a choice, not free text: Automatic, the ports found, the
 * simulated chamber; choosing is one audited change. */
static void
test_device_choice (OperatorsFixture *fixture,
                    gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  GtkWidget *window;
  AdwComboRow *device;
  GListModel *model;
  g_autofree char *stored = NULL;
  guint sim = G_MAXUINT;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");
  window = open_window (fixture, settings);
  device = ADW_COMBO_ROW (row (window, "_Device"));
  model = adw_combo_row_get_model (device);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Automatic");
  g_assert_cmpuint (adw_combo_row_get_selected (device), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Simulated chamber"))
      sim = i;
  g_assert_cmpuint (sim, ==, g_list_model_get_n_items (model) - 1);

  adw_combo_row_set_selected (device, sim);
  stored = g_settings_get_string (settings, "device");
  g_assert_cmpstr (stored, ==, "sim");
  g_assert_null (ebb_preferences_window_get_error (EBB_PREFERENCES_WINDOW (window), "device"));
  g_assert_cmpuint (changes (fixture), ==, 1);
  assert_last_change (fixture, "device: 'auto' -> 'sim'");

  close_window (window);
}

static void
test_idle_lock_one_entry (OperatorsFixture *fixture,
                          gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  GtkWidget *window;
  GtkSpinButton *spin;
  gint64 deadline;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");
  window = open_window (fixture, settings);
  spin = row_spin (window, "_Lock after idle");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 5);

  for (guint i = 0; i < 4; i++)
    gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 5);

  deadline = g_get_monotonic_time () + WAIT_US;
  while (!idle_lock_stored (settings) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 9);
  g_assert_cmpuint (changes (fixture), ==, 1);
  assert_last_change (fixture, "idle-lock-minutes: 5 -> 9");

  /* Closing commits what is still pending, once. */
  gtk_spin_button_set_value (spin, 12);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 12);
  g_assert_cmpuint (changes (fixture), ==, 2);
  assert_last_change (fixture, "idle-lock-minutes: 9 -> 12");
}

static void
test_clinic_limit_tighten_only (OperatorsFixture *fixture,
                                gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  GtkWidget *window;
  GtkSpinButton *spin;
  const char *message;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");
  window = open_window (fixture, settings);
  spin = row_spin (window, "Clinician approval below (_Pa)");

  /* Tightening is stored and recorded with both values. */
  gtk_spin_button_set_value (spin, -4000);
  g_assert_true (ebb_preferences_window_commit_pending (EBB_PREFERENCES_WINDOW (window)));
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -4000);
  g_assert_cmpuint (changes (fixture), ==, 1);
  assert_last_change (fixture, "clinic-limit-pa: -5000 -> -4000");
  g_assert_null (ebb_preferences_window_get_error (EBB_PREFERENCES_WINDOW (window), "clinic-limit-pa"));

  /* Widening beyond the factory limit: refused with the reason below the
   * field, the field back at the stored value, nothing written. */
  gtk_spin_button_set_value (spin, -6000);
  g_assert_false (ebb_preferences_window_commit_pending (EBB_PREFERENCES_WINDOW (window)));
  message = ebb_preferences_window_get_error (EBB_PREFERENCES_WINDOW (window), "clinic-limit-pa");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "can only be tightened"));
  g_assert_true (gtk_widget_get_visible (find_widget (window, is_named, "clinic-limit-pa")));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, -4000);
  g_assert_cmpint (g_settings_get_int (settings, "clinic-limit-pa"), ==, -4000);
  g_assert_cmpuint (changes (fixture), ==, 1);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "safety");
  settle ();

  /* A refused window stays open when closed, so the reason stays seen;
   * the next good value clears it. */
  gtk_spin_button_set_value (spin, -3500);
  g_assert_true (ebb_preferences_window_commit_pending (EBB_PREFERENCES_WINDOW (window)));
  g_assert_null (ebb_preferences_window_get_error (EBB_PREFERENCES_WINDOW (window), "clinic-limit-pa"));
  g_assert_false (gtk_widget_get_visible (find_widget (window, is_named, "clinic-limit-pa")));
  g_assert_cmpuint (changes (fixture), ==, 2);

  close_window (window);
}

static void
test_text_rows (OperatorsFixture *fixture,
                gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  GtkWidget *window, *name, *phone;
  g_autofree char *stored = NULL;
  g_autofree char *stored_phone = NULL;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "boss");
  window = open_window (fixture, settings);
  name = row (window, "_Name");

  /* Typing is not yet a change; Enter is. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Praxis Zoë");
  gtk_editable_set_text (GTK_EDITABLE (name), "Praxis Zoë Ødegård");
  g_assert_cmpuint (changes (fixture), ==, 0);
  g_signal_emit_by_name (name, "entry-activated");
  stored = g_settings_get_string (settings, "clinic-name");
  g_assert_cmpstr (stored, ==, "Praxis Zoë Ødegård");
  g_assert_cmpuint (changes (fixture), ==, 1);
  assert_last_change (fixture, "clinic-name: '' -> 'Praxis Zoë Ødegård'");

  /* A malformed telephone number: the core's message below the field. */
  phone = row (window, "P_hone");
  gtk_editable_set_text (GTK_EDITABLE (phone), "ask at the desk");
  g_signal_emit_by_name (phone, "entry-activated");
  g_assert_nonnull (strstr (ebb_preferences_window_get_error (EBB_PREFERENCES_WINDOW (window),
                                                              "clinic-phone"),
                            "not a telephone number"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "");
  g_assert_true (gtk_widget_has_css_class (phone, "error"));
  stored_phone = g_settings_get_string (settings, "clinic-phone");
  g_assert_cmpstr (stored_phone, ==, "");
  g_assert_cmpuint (changes (fixture), ==, 1);
  settle ();

  close_window (window);
}

/* The core checks the role: an operator without it is refused, the field
 * shows why and nothing changes. */
static void
test_not_admin (OperatorsFixture *fixture,
                gconstpointer     data)
{
  g_autoptr(GSettings) settings = operators_fixture_default_settings ();
  GtkWidget *window, *paper;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");
  window = open_window (fixture, settings);
  paper = row (window, "Paper _size");

  adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 2);
  g_assert_nonnull (strstr (ebb_preferences_window_get_error (EBB_PREFERENCES_WINDOW (window),
                                                              "paper-size"),
                            "may not change the settings"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (paper)), ==, 0);
  g_assert_cmpuint (changes (fixture), ==, 0);
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, 1);

  /* Closing with nothing changed asks the core nothing. */
  close_window (window);
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/ebb/preferences/" path, OperatorsFixture, NULL, \
              operators_fixture_set_up, func, operators_fixture_tear_down)
  ADD ("unit-choice", test_unit_choice);
  ADD ("device-choice", test_device_choice);
  ADD ("idle-lock-one-entry", test_idle_lock_one_entry);
  ADD ("clinic-limit-tighten-only", test_clinic_limit_tighten_only);
  ADD ("text-rows", test_text_rows);
  ADD ("not-admin", test_not_admin);
#undef ADD

  return g_test_run ();
}
