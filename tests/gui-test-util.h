/* gui-test-util.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

/* Helpers shared by the display tests: finding widgets in a tree the way
 * an operator would see them, screenshots for the docs, and filling the
 * screening page. */

typedef gboolean (*GuiTestMatch) (GtkWidget *widget, gconstpointer data);

static inline GtkWidget *
find_widget (GtkWidget     *root,
             GuiTestMatch   match,
             gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)) != NULL)
        return found;
    }

  return NULL;
}

/* For docs/screenshots only, when EBB_SCREENSHOT_DIR is set: after a
 * second of main loop, the X root window as `import` sees it, cut to
 * @window, saved as @name there. Not a check. */
static inline void
gui_test_shoot (GtkWidget  *window,
                const char *name)
{
  const char *dir = g_getenv ("EBB_SCREENSHOT_DIR");
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
  g_autofree char *path = NULL;
  g_autofree char *crop = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (dir == NULL)
    return;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  path = g_build_filename (dir, name, NULL);
  crop = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (window), gtk_widget_get_height (window));
  {
    const char *argv[] = { "import", "-window", "root", "-crop", crop, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static inline gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static inline gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static inline gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

/* The widget named @name below @root; the test fails without it. */
static inline GtkWidget *
get_named (GtkWidget  *root,
           const char *name)
{
  GtkWidget *widget = find_widget (root, is_named, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Runs the default main context until @done says so, or FALSE once
 * @bound_us (a generous safety bound) has passed. */
static inline gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            gint64     bound_us)
{
  gint64 end = g_get_monotonic_time () + bound_us;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
  return TRUE;
}

static inline gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static inline gboolean
is_password_entry (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_PASSWORD_ENTRY (widget);
}

/* A complete questionnaire with nothing found, entered through the
 * widgets of an EbbScreeningPage (named "item=value" and "item"). */
static inline void
fill_clear_screening (GtkWidget *page)
{
  static const char * const no_items[] = {
    "dvt.leg_symptoms", "dvt.history", "phlebitis.active", "pad.limb_ischaemia", "pad.revascularisation",
    "cardiac.orthostatic_hypotension", "cardiac.syncope", "cardiac.heart_failure", "cardiac.unstable_angina",
    "cardiac.mi", "cardiac.arrhythmia", "cardiac.pacemaker", "cardiac.carotid_stenosis",
    "general.pregnancy", "general.leg_infection", "general.open_wound", "general.cancer", "general.anaemia",
    "general.copd", "general.neuropathy", "general.allergy",
  };
  static const char * const yes_items[] = {
    "general.consent=yes", "edinburgh.q1=no", "cardiac.valve=ebb-none",
  };
  static const char * const numbers[][2] = {
    { "abi.brachial_right", "130" }, { "abi.brachial_left", "126" }, { "abi.right_dp", "140" },
    { "abi.right_pt", "136" }, { "abi.left_dp", "132" }, { "abi.left_pt", "138" },
    { "bp.systolic", "128" }, { "bp.diastolic", "82" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (no_items) + G_N_ELEMENTS (yes_items); i++)
    {
      g_autofree char *name = i < G_N_ELEMENTS (no_items)
                              ? g_strdup_printf ("%s=no", no_items[i])
                              : g_strdup (yes_items[i - G_N_ELEMENTS (no_items)]);
      GtkWidget *toggle = find_widget (page, is_named, name);

      g_assert_nonnull (toggle);
      if (GTK_IS_TOGGLE_BUTTON (toggle))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      GtkWidget *entry = find_widget (page, is_named, numbers[i][0]);

      g_assert_nonnull (entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), numbers[i][1]);
    }
}
