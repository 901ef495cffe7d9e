/* test-window.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ebb-client-editor.h"
#include "ebb-client-list-page.h"
#include "ebb-client-page.h"
#include "ebb-demo.h"
#include "ebb-device-status.h"
#include "ebb-environment.h"
#include "ebb-first-run-page.h"
#include "ebb-login-page.h"
#include "ebb-operators-private.h"
#include "ebb-profile-record.h"
#include "ebb-profile.h"
#include "ebb-report-window.h"
#include "ebb-screening-page.h"
#include "ebb-screening-visit.h"
#include "ebb-session-gate.h"
#include "ebb-store-demo.h"
#include "ebb-store-path.h"
#include "ebb-window-private.h"
#include "gui-test-util.h"
#include "store-test-util.h"
#include "operators-fixture.h"

/* The console window under Xvfb with real widgets and a real SQLite file
 * in the test's own directories: the first run, login, the front desk,
 * screening, locking, and the pages shown for databases it cannot use. */

static char *work_dir;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

/* Generous safety bound for anything that waits on the main loop. */
#define WAIT_US (2 * G_USEC_PER_SEC)

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_status_titled (GtkWidget     *widget,
                  gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static GtkWidget *
need (GtkWidget     *root,
      GuiTestMatch   match,
      gconstpointer  data)
{
  GtkWidget *widget = find_widget (root, match, data);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
need_type (GtkWidget *root,
           GType      type)
{
  return need (root, is_type, GSIZE_TO_POINTER (type));
}

static void
click (GtkWidget     *root,
       GuiTestMatch   match,
       gconstpointer  data)
{
  GtkWidget *button = need (root, match, data);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (need (root, is_named, name)), text);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until the window shows @page (2 s safety bound). */
static void
wait_for_page (EbbWindow  *window,
               const char *page)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (g_strcmp0 (ebb_window_get_page_name (window), page) != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, page);
}

static void
shoot (EbbWindow  *window,
       const char *name)
{
  gui_test_shoot (GTK_WIDGET (window), name);
}

static EbbWindow *
open_window (const char *path)
{
  EbbWindow *window = g_object_ref_sink (g_object_new (EBB_TYPE_WINDOW, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  ebb_window_open_database (window, path);
  return window;
}

static void
close_window (EbbWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  /* The start-up backup writes beside the database; let it finish. */
  while (ebb_window_get_backup_running (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (ebb_window_get_backup_running (window));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_assert_finalize_object (window);
}

/* A demonstration database (administrator "admin", five clients). */
static char *
make_demo_database (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("demo-%u.db", ++counter);
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_store_checkpoint (store, &error));
  return g_steal_pointer (&path);
}

static void
collect_login_pages (GtkWidget *root,
                     GPtrArray *pages)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (EBB_IS_LOGIN_PAGE (child))
        g_ptr_array_add (pages, child);
      collect_login_pages (child, pages);
    }
}

/* Logs in (or unlocks) through the login page on screen: the operator's
 * name, the PIN typed, Enter. */
static void
login (EbbWindow  *window,
       const char *username,
       const char *pin)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkWidget *page = NULL;
  GtkWidget *entry;

  collect_login_pages (GTK_WIDGET (window), pages);
  for (guint i = 0; i < pages->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (pages, i)))
      page = g_ptr_array_index (pages, i);
  g_assert_nonnull (page);

  g_assert_true (ebb_login_page_select (EBB_LOGIN_PAGE (page), username));
  entry = need (page, is_password_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), pin);
  g_signal_emit_by_name (entry, "activate");
}

/* The demonstration administrator at the desk of a freshly opened window. */
static void
login_admin (EbbWindow *window)
{
  wait_for_page (window, "login");
  login (window, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "desk");
}

static void
assert_device (GSettings  *settings,
               const char *expected)
{
  g_autofree char *device = g_settings_get_string (settings, "device");

  g_assert_cmpstr (device, ==, expected);
}

static void
test_first_run (void)
{
  g_autofree char *path = ebb_store_path_default ();
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GPtrArray) operators = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(EbbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  EbbWindow *window;
  GtkWidget *page;
  gint64 demo_id;

  /* The default file does not exist yet: it is created, and the console
   * asks for the clinic and its first administrator. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  window = open_window (path);
  wait_for_page (window, "first-run");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  page = need_type (GTK_WIDGET (window), EBB_TYPE_FIRST_RUN_PAGE);

  type_into (page, "clinic-name", "Praxis Sonnenhof");
  type_into (page, "username", "anna");
  type_into (page, "display-name", "Anna Berger");
  type_into (page, "secret", "135790");
  type_into (page, "repeat", "135791");
  shoot (window, "window-first-run.png");
  click (page, has_action, "first-run.create");
  g_assert_nonnull (strstr (ebb_first_run_page_get_message (EBB_FIRST_RUN_PAGE (page)), "differ"));
  g_assert_true (ebb_operators_needs_first_admin (ebb_window_get_store (window), NULL));

  type_into (page, "secret", "12");
  type_into (page, "repeat", "12");
  click (page, has_action, "first-run.create");
  g_assert_cmpstr (ebb_first_run_page_get_message (EBB_FIRST_RUN_PAGE (page)), !=, "");
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "first-run");

  type_into (page, "secret", "135790");
  type_into (page, "repeat", "135790");
  click (page, has_action, "first-run.create");
  g_assert_cmpstr (ebb_first_run_page_get_message (EBB_FIRST_RUN_PAGE (page)), ==, "");

  /* Logged in at the demo client's page, with the simulator. */
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "desk");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "client");
  demo_id = ebb_first_run_page_get_demo_client_id (EBB_FIRST_RUN_PAGE (page));
  g_assert_cmpint (demo_id, >, 0);
  g_assert_cmpint (ebb_client_page_get_client_id (EBB_CLIENT_PAGE (need_type (GTK_WIDGET (window),
                                                                             EBB_TYPE_CLIENT_PAGE))),
                   ==, demo_id);
  shoot (window, "window-first-run-demo-client.png");
  /* Its demonstration screening allows a session today, once the
   * technician has asked the visit's question the prepare page asks… */
  now = g_date_time_new_now_local ();
  g_assert_cmpint (ebb_screening_visit_confirm_unchanged (ebb_window_get_operator_session (window),
                                                          demo_id, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (ebb_session_gate_check_stored (ebb_window_get_store (window), demo_id,
                                                g_settings_get_uint (settings, "screening-validity-days"),
                                                now, &error));
  g_assert_no_error (error);
  /* …and the demonstration profile is short, valid and says what it is. */
  profile = ebb_profile_lookup (ebb_window_get_store (window), EBB_DEMO_PROFILE_NAME, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpuint (ebb_profile_get_duration_s (profile), ==, 120);
  g_assert_cmpint (ebb_profile_get_level_pa (profile), ==, -3000);
  g_assert_true (ebb_profile_validate (profile, g_settings_get_int (settings, "clinic-limit-pa"), NULL));
  g_assert_nonnull (strstr (ebb_profile_get_description (profile), "Demonstration only"));
  g_assert_cmpstr (g_settings_get_string (settings, "clinic-name"), ==, "Praxis Sonnenhof");
  assert_device (settings, "sim");
  g_assert_cmpint (ebb_store_client_count (ebb_window_get_store (window), NULL), ==, 1);
  operators = ebb_store_operator_list (ebb_window_get_store (window), FALSE, NULL);
  g_assert_cmpuint (operators->len, ==, 1);
  g_assert_cmpstr (((EbbOperator *) g_ptr_array_index (operators, 0))->username, ==, "anna");
  g_assert_true (((EbbOperator *) g_ptr_array_index (operators, 0))->roles & EBB_ROLE_ADMIN);

  close_window (window);
}

static void
test_login_search_client (void)
{
  g_autofree char *path = make_demo_database ();
  EbbWindow *window = open_window (path);
  GtkWidget *list, *search;
  gint64 deadline;

  wait_for_page (window, "login");
  shoot (window, "window-login.png");
  login (window, EBB_STORE_DEMO_ADMIN, "000000");
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "login");
  login (window, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "desk");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "list");
  /* The operator menu: who is logged in, with the roles. */
  {
    GtkWidget *menu = need (GTK_WIDGET (window), is_named, "operator-menu");
    GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu));
    GMenuModel *identity = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
    g_autofree char *name = NULL;

    g_assert_true (gtk_widget_get_visible (menu));
    g_assert_nonnull (identity);
    g_assert_true (g_menu_model_get_item_attribute (identity, 0, G_MENU_ATTRIBUTE_LABEL, "s", &name));
    g_assert_cmpstr (name, ==, "Demo Administrator");
    g_object_unref (identity);
  }

  list = need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_LIST_PAGE);
  shoot (window, "window-client-list.png");
  if (g_getenv ("EBB_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *menu = need (GTK_WIDGET (window), is_named, "operator-menu");

      gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
      shoot (window, "window-operator-menu.png");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
    }
  search = need (list, is_search_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "Ødegård");
  deadline = g_get_monotonic_time () + WAIT_US;
  while (ebb_client_list_page_get_n_results (EBB_CLIENT_LIST_PAGE (list)) != 1 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ebb_client_list_page_get_n_results (EBB_CLIENT_LIST_PAGE (list)), ==, 1);
  shoot (window, "window-client-search.png");

  /* Enter opens the single match. */
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "client");
  g_assert_cmpint (ebb_client_page_get_client_id (EBB_CLIENT_PAGE (need_type (GTK_WIDGET (window),
                                                                             EBB_TYPE_CLIENT_PAGE))),
                   >, 0);
  shoot (window, "window-client-page.png");

  /* The session row's Report button opens the report window. */
  click (need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_PAGE), has_action, "client.open-report");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    EbbReportWindow *report = NULL;
    gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && report == NULL; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (EBB_IS_REPORT_WINDOW (item))
          report = EBB_REPORT_WINDOW (item);
      }
    g_assert_nonnull (report);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (report)) == GTK_WINDOW (window));
    /* Rendering runs on a worker thread; 10 s is a safety bound. */
    while (ebb_report_window_get_n_pages (report) == 0 &&
           ebb_report_window_get_error_message (report) == NULL &&
           g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_null (ebb_report_window_get_error_message (report));
    g_assert_cmpuint (ebb_report_window_get_n_pages (report), >, 0);
    gtk_window_destroy (GTK_WINDOW (report));
  }

  /* Export History asks where to save, then writes the history CSV. */
  click (need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_PAGE), has_action, "client.export-history");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *dialog = NULL;
    gint64 until;

    spin ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (GTK_IS_FILE_CHOOSER (item))
          dialog = GTK_WIDGET (item);
      }
    g_assert_nonnull (dialog);
    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==,
                     GTK_FILE_CHOOSER_ACTION_SAVE);
    {
      g_autoptr(GFile) folder = g_file_new_for_path (work_dir);
      g_autofree char *csv = g_build_filename (work_dir, "history.csv", NULL);
      g_autofree char *contents = NULL;

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "history.csv");
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
      until = g_get_monotonic_time () + WAIT_US;
      while (!g_file_test (csv, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
      g_assert_cmpuint (strlen (contents), >, 0);
    }
  }

  close_window (window);
}

static void
test_register_and_screen (void)
{
  g_autofree char *path = make_demo_database ();
  EbbWindow *window = open_window (path);
  GtkWidget *editor, *client_page, *screening;
  g_autoptr(EbbStoredScreening) latest = NULL;
  gint64 client_id;
  gint64 clients_before;

  wait_for_page (window, "login");
  login (window, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN);
  clients_before = ebb_store_client_count (ebb_window_get_store (window), NULL);

  /* Register, with an invalid e-mail address first: inline error. */
  gtk_widget_activate_action (need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_LIST_PAGE),
                              "client-list.register", NULL);
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "editor");
  editor = need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_EDITOR);
  type_into (editor, "family-name", "Lindqvist");
  type_into (editor, "given-name", "Maja");
  type_into (editor, "date-of-birth", "1971-03-04");
  type_into (editor, "email", "maja.example.org");
  click (editor, has_action, "editor.save");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "editor");
  g_assert_nonnull (ebb_client_editor_get_error (EBB_CLIENT_EDITOR (editor), EBB_FRONT_DESK_ERROR_EMAIL));
  g_assert_cmpint (ebb_store_client_count (ebb_window_get_store (window), NULL), ==, clients_before);

  type_into (editor, "email", "maja@example.org");
  click (editor, has_action, "editor.save");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "client");
  client_page = need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_PAGE);
  client_id = ebb_client_page_get_client_id (EBB_CLIENT_PAGE (client_page));
  g_assert_cmpint (client_id, >, 0);
  g_assert_cmpstr (ebb_client_page_get_screening_status (EBB_CLIENT_PAGE (client_page)), ==,
                   "Not screened yet");

  /* The client page's Screen button opens the screening for her. */
  click (client_page, has_action, "client.screen");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "screening");
  screening = need_type (GTK_WIDGET (window), EBB_TYPE_SCREENING_PAGE);
  g_assert_true (ebb_screening_page_get_role (EBB_SCREENING_PAGE (screening)) & EBB_ROLE_CLINICIAN);

  /* Submitting while incomplete records nothing. */
  gtk_widget_activate_action (screening, "screening.submit", NULL);
  g_assert_null (ebb_store_screening_latest (ebb_window_get_store (window), client_id, NULL));

  fill_clear_screening (screening);
  gtk_widget_activate_action (screening, "screening.submit", NULL);

  /* Recorded in the store, and the client page shows the new status. */
  latest = ebb_store_screening_latest (ebb_window_get_store (window), client_id, NULL);
  g_assert_nonnull (latest);
  g_assert_cmpint (latest->client_id, ==, client_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-client", NULL);
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "client");
  g_assert_cmpstr (ebb_client_page_get_screening_status (EBB_CLIENT_PAGE (client_page)), !=,
                   "Not screened yet");

  /* Archive: back at the list, the record kept and marked. */
  click (GTK_WIDGET (window), has_action, "client.archive");
  g_assert_cmpstr (ebb_window_get_desk_page_name (window), ==, "list");
  {
    g_autoptr(EbbClient) archived = ebb_store_client_get (ebb_window_get_store (window), client_id, NULL);

    g_assert_nonnull (archived);
    g_assert_true (archived->archived);
  }

  close_window (window);
}

/* The shortcut of @widget's shortcut controllers that @trigger fires. */
static GtkShortcut *
find_shortcut (GtkWidget          *widget,
               GtkShortcutTrigger *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return shortcut;
        }
    }

  return NULL;
}

static void
test_lock_and_idle_lock (void)
{
  g_autofree char *path = make_demo_database ();
  EbbWindow *window = open_window (path);
  GtkShortcut *lock_shortcut;
  GtkWidget *stop;
  g_autoptr(GtkShortcutTrigger) ctrl_l = gtk_shortcut_trigger_parse_string ("<Control>l");

  login_admin (window);

  /* Ctrl+L is the window's shortcut for win.lock. */
  lock_shortcut = find_shortcut (GTK_WIDGET (window), ctrl_l);
  g_assert_nonnull (lock_shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (lock_shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (window), NULL));
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "lock");
  g_assert_true (ebb_operator_session_is_locked (
    ebb_session_bin_get_session (EBB_SESSION_BIN (need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_LIST_PAGE)))));
  /* A wrong PIN keeps it locked; the right one unlocks. */
  login (window, EBB_STORE_DEMO_ADMIN, "000000");
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "lock");
  login (window, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "desk");

  /* A running session stays one click from its emergency stop behind
   * the lock. */
  ebb_window_set_session_running (window, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "lock");
  stop = need (GTK_WIDGET (window), has_action, "win.emergency-stop");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (stop,
                                                                                     GTK_TYPE_REVEALER))));
  g_assert_true (gtk_widget_get_mapped (stop));
  /* Typing goes into the PIN entry, never onto the emergency stop. */
  g_assert_false (gtk_widget_has_focus (stop));
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
  login (window, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN);
  ebb_window_set_session_running (window, FALSE);

  /* Idle lock, in injected short time. */
  ebb_window_set_idle_timeout_ms (window, 50);
  wait_for_page (window, "lock");

  close_window (window);
}

/* The window follows the core's notifications alone: a lock and an
 * unlock made straight through the operator session (as another window or
 * the idle timer would) show in the desk's sensitivity. And the lock page
 * reads the operators when it is shown, not when the database opened: an
 * operator added since then can unlock (switch to) the console. */
static void
test_lock_follows_core (void)
{
  g_autofree char *path = make_demo_database ();
  EbbWindow *window = open_window (path);
  EbbOperatorSession *ctx;
  GtkWidget *desk;

  login_admin (window);
  ctx = ebb_window_get_operator_session (window);
  desk = need_type (GTK_WIDGET (window), EBB_TYPE_CLIENT_LIST_PAGE);
  g_assert_true (gtk_widget_is_sensitive (desk));

  ebb_operator_session_lock (ctx);
  g_assert_false (gtk_widget_is_sensitive (desk));
  g_assert_true (ebb_operator_session_unlock (ctx, EBB_STORE_DEMO_ADMIN_PIN, NULL));
  g_assert_true (gtk_widget_is_sensitive (desk));

  /* Added after the database opened and the login page was read. */
  operators_fixture_insert (ebb_window_get_store (window), "late", EBB_ROLE_TECHNICIAN);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "lock");
  login (window, "late", FIXTURE_PIN);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "desk");
  g_assert_cmpstr (ebb_operator_session_get_operator (ctx)->username, ==, "late");
  g_assert_true (gtk_widget_is_sensitive (desk));

  close_window (window);
}

/* A window the console watches (Preferences) takes Ctrl+L to the console
 * but does not keep it alive: the console closes and is freed while the
 * other window is still open, whose Ctrl+L then does nothing. */
static void
test_watched_window_weak (void)
{
  g_autofree char *path = make_demo_database ();
  g_autoptr(GtkShortcutTrigger) ctrl_l = gtk_shortcut_trigger_parse_string ("<Control>l");
  EbbWindow *window = open_window (path);
  GtkWidget *other = g_object_ref (gtk_window_new ());
  GtkShortcut *lock_shortcut;

  wait_for_page (window, "login");
  ebb_window_watch_activity (window, GTK_WINDOW (other));
  lock_shortcut = find_shortcut (other, ctrl_l);
  g_assert_nonnull (lock_shortcut);

  close_window (window);

  g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (lock_shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, other, NULL));
  gtk_window_destroy (GTK_WINDOW (other));
  g_assert_finalize_object (other);
}

/* The newest entry of the trail of @window's database. */
static EbbAuditEntry *
last_audit_entry (EbbWindow *window)
{
  g_autoptr(GPtrArray) entries = ebb_store_audit_list (ebb_window_get_store (window), 0, 0, NULL);

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_steal_index (entries, entries->len - 1);
}

/* The header's device menu changes the clinic's setting through the core:
 * nobody before a login, an administrator with an audit entry, a
 * technician not at all, nobody behind the lock. */
static void
test_device_menu (void)
{
  g_autofree char *path = make_demo_database ();
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(EbbAuditEntry) entry = NULL;
  EbbWindow *window;
  GtkWidget *status;

  {
    g_autoptr(EbbStore) store = ebb_store_open (path, EBB_STORE_OPEN_NONE, NULL);

    g_assert_nonnull (store);
    operators_fixture_insert (store, "tess", EBB_ROLE_TECHNICIAN);
  }
  g_settings_set_string (settings, "device", "auto");
  window = open_window (path);
  status = need_type (GTK_WIDGET (window), EBB_TYPE_DEVICE_STATUS);
  wait_for_page (window, "login");

  /* Nobody logged in: the choice does nothing. */
  gtk_widget_activate_action (status, "device.select", "s", "sim");
  spin ();
  assert_device (settings, "auto");

  /* A technician cannot change the clinic's device either. */
  login (window, "tess", FIXTURE_PIN);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "desk");
  gtk_widget_activate_action (status, "device.select", "s", "sim");
  spin ();
  assert_device (settings, "auto");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL);
  wait_for_page (window, "login");

  /* An administrator can, and the trail says so. */
  login (window, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN);
  gtk_widget_activate_action (status, "device.select", "s", "sim");
  spin ();
  assert_device (settings, "sim");
  entry = last_audit_entry (window);
  g_assert_cmpstr (entry->action, ==, "settings.change");
  g_assert_nonnull (strstr (entry->detail_json, "device"));
  g_assert_nonnull (strstr (entry->detail_json, "sim"));

  /* Locked, the menu cannot choose. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_cmpstr (ebb_window_get_page_name (window), ==, "lock");
  gtk_widget_activate_action (status, "device.select", "s", "auto");
  assert_device (settings, "sim");

  close_window (window);
  g_settings_reset (settings, "device");
}

/* The page shown for a database that cannot be used: its own title, the
 * store's message naming the file, the ways out; the file untouched. */
static void
assert_store_error_page (const char *path,
                         const char *title,
                         const char *screenshot)
{
  g_autofree char *before = store_test_file_checksum (path);
  g_autofree char *after = NULL;
  EbbWindow *window = open_window (path);
  AdwStatusPage *page;

  wait_for_page (window, "store-error");
  page = ADW_STATUS_PAGE (need (GTK_WIDGET (window), is_status_titled, title));
  /* The store's message names the file. */
  g_assert_nonnull (strstr (adw_status_page_get_description (page), path));
  shoot (window, screenshot);
  g_assert_nonnull (need (GTK_WIDGET (window), has_action, "win.restore-backup"));
  g_assert_nonnull (need (GTK_WIDGET (window), has_action, "win.choose-database"));
  g_assert_nonnull (need (GTK_WIDGET (window), has_action, "window.close"));
  close_window (window);

  after = store_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* The default database is opened with CREATE; damaged, it must still
 * show the error page, never be replaced by a new, empty one. */
static void
test_corrupt_database (void)
{
  g_autofree char *demo = make_demo_database ();
  g_autofree char *path = ebb_store_path_default ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  assert_store_error_page (path, "The Database Is Damaged", "window-store-error.png");
}

static GtkWidget *
wait_for_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 until = g_get_monotonic_time () + WAIT_US;

  while (g_get_monotonic_time () < until)
    {
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
            return GTK_WIDGET (item);
        }
      g_main_context_iteration (NULL, FALSE);
    }

  g_assert_not_reached ();
}

/* "Restore from a Backup…" on the error page: the chosen backup is
 * verified, replaces the damaged file (kept aside) and the console opens. */
static void
test_restore_backup (void)
{
  g_autofree char *path = make_demo_database ();
  g_autofree char *backup = g_build_filename (work_dir, "good-backup.db", NULL);
  g_autoptr(GFile) backup_file = g_file_new_for_path (backup);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  EbbWindow *window;
  gsize length;

  {
    g_autoptr(EbbStore) store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);

    g_assert_no_error (error);
    g_assert_true (ebb_store_backup_to (store, backup, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));

  window = open_window (path);
  wait_for_page (window, "store-error");
  click (GTK_WIDGET (window), has_action, "win.restore-backup");
  {
    GtkWidget *dialog = wait_for_file_chooser ();

    gint64 until = g_get_monotonic_time () + WAIT_US;
    g_autoptr(GFile) chosen = NULL;

    /* The chooser selects the file once it has listed its folder. */
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), backup_file, NULL));
    while ((chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) == NULL &&
           g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_nonnull (chosen);
    g_assert_true (g_file_equal (chosen, backup_file));
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  }
  wait_for_page (window, "login");
  g_assert_cmpint (ebb_store_client_count (ebb_window_get_store (window), NULL), ==, 5);
  /* Nobody could log in to the damaged file: the restored database
   * records the recovery for the system. */
  {
    g_autoptr(GPtrArray) trail = ebb_store_audit_list (ebb_window_get_store (window), 0, 0, &error);
    gboolean recorded = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < trail->len; i++)
      {
        const EbbAuditEntry *entry = g_ptr_array_index (trail, i);

        if (g_str_equal (entry->action, "restore"))
          {
            g_assert_cmpint (entry->operator_id, ==, 0);
            g_assert_nonnull (strstr (entry->detail_json, "recovery"));
            recorded = TRUE;
          }
      }
    g_assert_true (recorded);
  }

  close_window (window);
}

static void
test_newer_schema (void)
{
  g_autofree char *path = make_demo_database ();
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* The SQLite header's user_version, big-endian at offset 60. */
  contents[60] = 0;
  contents[61] = 0;
  contents[62] = 0;
  contents[63] = 99;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  assert_store_error_page (path, "The Database Is From a Newer Ebbflow", "window-newer-schema.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  /* gtk_test_init() cannot isolate directories: the user data folder
   * (where the default database lives) is a directory of this run's own,
   * set before GLib first reads it, and removed at the end. */
  work_dir = g_dir_make_tmp ("test-window-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (work_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* libsodium's minimum cost: real Argon2id hashes, fast logins. */
  _ebb_operators_set_hasher (operators_fixture_cheap_hash);

  g_test_add_func ("/window/first-run", test_first_run);
  g_test_add_func ("/window/login-search-client", test_login_search_client);
  g_test_add_func ("/window/register-and-screen", test_register_and_screen);
  g_test_add_func ("/window/lock-and-idle-lock", test_lock_and_idle_lock);
  g_test_add_func ("/window/lock-follows-core", test_lock_follows_core);
  g_test_add_func ("/window/watched-window-weak", test_watched_window_weak);
  g_test_add_func ("/window/device-menu", test_device_menu);
  g_test_add_func ("/window/corrupt-database", test_corrupt_database);
  g_test_add_func ("/window/newer-schema", test_newer_schema);
  g_test_add_func ("/window/restore-backup", test_restore_backup);

  status = g_test_run ();
  remove_tree (work_dir);
  return status;
}
