/* test-front-desk.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ebb-audit-viewer.h"
#include "ebb-client-editor.h"
#include "ebb-client-list-page.h"
#include "ebb-client-page.h"
#include "ebb-consent-dialog.h"
#include "ebb-front-desk.h"
#include "ebb-login-page.h"
#include "ebb-screening-state.h"
#include "ebb-session-gate.h"
#include "gui-test-util.h"
#include "operators-fixture.h"

/* The front-desk flow under Xvfb, driving the real widgets: log in through
 * the PIN pad, register a client with a bad e-mail address (inline
 * error), fix it, find the client by searching, open the client page. */

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static void
click (GtkWidget *root,
       gboolean (*match) (GtkWidget *, gconstpointer),
       gconstpointer data)
{
  GtkWidget *button = find_widget (root, match, data);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* What a click does; gtk_widget_activate() would only emit it after
   * the button's 250 ms press animation. */
  g_signal_emit_by_name (button, "clicked");
}

/* For screenshots: EBB_TEST_PAUSE=SECONDS keeps each page on screen. */
static void
settle (GtkWidget *window)
{
  const char *pause = g_getenv ("EBB_TEST_PAUSE");
  gint64 until = g_get_monotonic_time () +
                 (pause != NULL ? g_ascii_strtoll (pause, NULL, 10) * G_USEC_PER_SEC
                                : 50 * 1000);

  gtk_window_present (GTK_WINDOW (window));
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}

/* Every page and window must be gone once closed: no leaked reference. */
static void
close_window (GtkWidget *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
type_pin (GtkWidget  *page,
          const char *pin)
{
  for (const char *p = pin; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      click (page, is_button_labelled, digit);
    }
}

static void
logged_in_cb (EbbLoginPage *page,
              guint        *count)
{
  (*count)++;
}

static void
test_login (OperatorsFixture *fixture,
            gconstpointer     data)
{
  GtkWidget *page;
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *entry;
  guint logged_in = 0;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);

  page = ebb_login_page_new (fixture->ctx);
  g_signal_connect (page, "logged-in", G_CALLBACK (logged_in_cb), &logged_in);
  window = new_window (page);
  settle (window);

  /* Choose the operator as a click on the name would. */
  row = find_widget (page, is_row_titled, "Test desk");
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));

  /* A wrong PIN on the pad: message, nobody logged in. */
  type_pin (page, "111111");
  entry = find_widget (page, is_password_entry, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "111111");
  click (page, is_button_labelled, "0");
  click (page, has_action, "login.backspace");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "111111");
  click (page, has_action, "login.submit");
  settle (window);
  g_assert_cmpuint (logged_in, ==, 0);
  g_assert_false (ebb_operator_session_is_logged_in (fixture->ctx));
  g_assert_nonnull (strstr (ebb_login_page_get_message (EBB_LOGIN_PAGE (page)), "Wrong PIN"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* The right one logs in. */
  type_pin (page, FIXTURE_PIN);
  click (page, has_action, "login.submit");
  g_assert_cmpuint (logged_in, ==, 1);
  g_assert_true (ebb_operator_session_is_logged_in (fixture->ctx));
  g_assert_null (ebb_login_page_get_message (EBB_LOGIN_PAGE (page)));

  /* Locked console: the same page unlocks it with the same PIN, typed on
   * the keyboard this time (Enter in the entry). */
  ebb_operator_session_lock (fixture->ctx);
  ebb_login_page_reload (EBB_LOGIN_PAGE (page));
  gtk_editable_set_text (GTK_EDITABLE (entry), FIXTURE_PIN);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (logged_in, ==, 2);
  g_assert_false (ebb_operator_session_is_locked (fixture->ctx));

  close_window (window);
}

static void
test_locked_out_message (OperatorsFixture *fixture,
                         gconstpointer     data)
{
  GtkWidget *page;
  GtkWidget *window;
  const char *message;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  page = ebb_login_page_new (fixture->ctx);
  window = new_window (page);
  settle (window);

  g_assert_true (ebb_login_page_select (EBB_LOGIN_PAGE (page), "desk"));
  for (guint i = 0; i < EBB_OPERATOR_MAX_ATTEMPTS; i++)
    {
      type_pin (page, "000000");
      click (page, has_action, "login.submit");
    }

  message = ebb_login_page_get_message (EBB_LOGIN_PAGE (page));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "locked"));
  g_assert_nonnull (strstr (message, "5:00"));
  settle (window);

  /* Choosing the name again later shows the time left. */
  fixture->now_us += 2 * G_TIME_SPAN_MINUTE + 30 * G_USEC_PER_SEC;
  ebb_login_page_reload (EBB_LOGIN_PAGE (page));
  g_assert_true (ebb_login_page_select (EBB_LOGIN_PAGE (page), "desk"));
  g_assert_nonnull (strstr (ebb_login_page_get_message (EBB_LOGIN_PAGE (page)), "2:30"));

  close_window (window);
}

static void
saved_cb (EbbClientEditor *editor,
          gint64           id,
          gint64          *saved_id)
{
  *saved_id = id;
}

static void
activated_cb (EbbClientListPage *page,
              gint64             id,
              gint64            *activated_id)
{
  *activated_id = id;
}

static void
screen_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  *(gint64 *) user_data = g_variant_get_int64 (parameter);
}

static void
set_field (GtkWidget  *editor,
           const char *name,
           const char *text)
{
  GtkWidget *entry = find_widget (editor, is_named, name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_register_search_open (OperatorsFixture *fixture,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) screen = g_simple_action_new ("screen", G_VARIANT_TYPE_INT64);
  const char *others[] = { "start-session", "export-history", "edit", "open-report" };
  GtkWidget *editor, *list, *page, *window, *search, *row;
  gint64 saved_id = 0, activated_id = 0, screened_id = 0;
  gint64 deadline;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");

  /* Register, with a mistyped e-mail address first. */
  editor = ebb_client_editor_new (fixture->ctx);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  window = new_window (editor);
  settle (window);

  set_field (editor, "family-name", "Mustermann");
  set_field (editor, "given-name", "Erika");
  set_field (editor, "date-of-birth", "12.08.1964");
  set_field (editor, "phone", "+49 30 1234567");
  set_field (editor, "email", "erika.example.org");
  set_field (editor, "client-number", "K-1001");
  click (editor, has_action, "editor.save");
  settle (window);

  g_assert_cmpint (saved_id, ==, 0);
  g_assert_nonnull (strstr (ebb_client_editor_get_error (EBB_CLIENT_EDITOR (editor),
                                                         EBB_FRONT_DESK_ERROR_EMAIL),
                            "not an e-mail address"));
  g_assert_true (gtk_widget_has_css_class (find_widget (editor, is_named, "email"), "error"));
  g_assert_null (ebb_client_editor_get_error (EBB_CLIENT_EDITOR (editor),
                                              EBB_FRONT_DESK_ERROR_FAMILY_NAME));
  g_assert_cmpint (ebb_store_client_count (fixture->store, NULL), ==, 0);

  /* Fixing the address clears the message as it is typed. */
  set_field (editor, "email", "erika@example.org");
  g_assert_null (ebb_client_editor_get_error (EBB_CLIENT_EDITOR (editor),
                                              EBB_FRONT_DESK_ERROR_EMAIL));
  click (editor, has_action, "editor.save");
  g_assert_cmpint (saved_id, >, 0);
  close_window (window);

  /* Search as you type finds her. */
  list = ebb_client_list_page_new (fixture->ctx);
  g_signal_connect (list, "client-activated", G_CALLBACK (activated_cb), &activated_id);
  window = new_window (list);
  settle (window);
  search = find_widget (list, is_search_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "muste");

  /* The search runs after the entry's debounce delay; 2 s is a safety bound. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (ebb_client_list_page_get_n_results (EBB_CLIENT_LIST_PAGE (list)) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ebb_client_list_page_get_n_results (EBB_CLIENT_LIST_PAGE (list)), ==, 1);
  settle (window);

  row = find_widget (list, is_row_titled, "Mustermann, Erika");
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_cmpint (activated_id, ==, saved_id);
  close_window (window);

  /* Open the client page; its actions reach the window's "client" group. */
  page = ebb_client_page_new (fixture->ctx);
  window = new_window (page);
  g_signal_connect (screen, "activate", G_CALLBACK (screen_cb), &screened_id);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (screen));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (others[i], G_VARIANT_TYPE_INT64);

      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (window, "client", G_ACTION_GROUP (group));

  operators_fixture_record_consent (fixture, activated_id);

  ebb_client_page_load (EBB_CLIENT_PAGE (page), activated_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_widget (page, is_row_titled, "Treatment: agreed"));
  settle (window);
  g_assert_cmpstr (ebb_client_page_get_screening_status (EBB_CLIENT_PAGE (page)), ==,
                   "Not screened yet");
  g_assert_cmpuint (operators_fixture_count (fixture, "client.view"), ==, 1);

  click (page, has_action, "client.screen");
  g_assert_cmpint (screened_id, ==, activated_id);
  for (guint i = 0; i < G_N_ELEMENTS (others) - 1; i++)
    {
      g_autofree char *name = g_strconcat ("client.", others[i], NULL);
      GtkWidget *button = find_widget (page, has_action, name);

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (
                         GTK_ACTIONABLE (button))), ==, activated_id);
    }

  close_window (window);
}

/* A technician may open a client but the editor refuses to register one:
 * the core says no, and the editor shows it. */
static void
test_editor_permission (OperatorsFixture *fixture,
                        gconstpointer     data)
{
  GtkWidget *editor, *window;
  gint64 saved_id = 0;

  operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (fixture, "tech");

  editor = ebb_client_editor_new (fixture->ctx);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  window = new_window (editor);
  settle (window);
  set_field (editor, "family-name", "Nguyen");
  click (editor, has_action, "editor.save");
  g_assert_cmpint (saved_id, ==, 0);
  g_assert_cmpint (ebb_store_client_count (fixture->store, NULL), ==, 0);
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, 1);

  close_window (window);
}

/* The administrators' audit viewer: filters, newest first, and the core's
 * refusal for anyone else. */
static void
test_audit_viewer (OperatorsFixture *fixture,
                   gconstpointer     data)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbClient) other = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *viewer, *window, *message;
  g_autofree char *id_text = NULL;
  gint64 id;

  operators_fixture_add (fixture, "boss", EBB_ROLE_ADMIN);
  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");
  client->family_name = g_strdup ("Lindqvist");
  client->external_id = g_strdup ("LQ-0007");
  id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  other->family_name = g_strdup ("Lindberg");
  ebb_front_desk_register_client (fixture->ctx, other, &error);
  g_assert_no_error (error);

  viewer = ebb_audit_viewer_new (fixture->ctx);
  window = new_window (viewer);
  settle (window);

  /* Reception may not read the trail: the core refuses, the page says so. */
  click (viewer, has_action, "audit-viewer.refresh");
  message = find_widget (viewer, is_error_label, NULL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "view the audit trail"));
  g_assert_cmpuint (ebb_audit_viewer_get_n_entries (EBB_AUDIT_VIEWER (viewer)), ==, 0);

  ebb_operator_session_switch (fixture->ctx, "boss", FIXTURE_PIN, &error);
  g_assert_no_error (error);
  set_field (viewer, "client", "x");
  click (viewer, has_action, "audit-viewer.refresh");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "No client matches “x”"));

  set_field (viewer, "client", "");
  set_field (viewer, "operator", "desk");
  click (viewer, has_action, "audit-viewer.refresh");
  g_assert_false (gtk_widget_get_visible (message));
  /* login, client.create twice, permission.denied */
  g_assert_cmpuint (ebb_audit_viewer_get_n_entries (EBB_AUDIT_VIEWER (viewer)), ==, 4);
  settle (window);

  /* The client as the client page shows it: its number, or its name. */
  set_field (viewer, "operator", "");
  set_field (viewer, "client", "LQ-0007");
  click (viewer, has_action, "audit-viewer.refresh");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_cmpuint (ebb_audit_viewer_get_n_entries (EBB_AUDIT_VIEWER (viewer)), ==, 1);
  set_field (viewer, "client", "lindqvist");
  click (viewer, has_action, "audit-viewer.refresh");
  g_assert_cmpuint (ebb_audit_viewer_get_n_entries (EBB_AUDIT_VIEWER (viewer)), ==, 1);
  set_field (viewer, "client", "Lind");
  click (viewer, has_action, "audit-viewer.refresh");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "More than one client"));
  /* The database id still works, as `ebbflowctl audit list` shows it. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  set_field (viewer, "client", id_text);
  click (viewer, has_action, "audit-viewer.refresh");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_cmpuint (ebb_audit_viewer_get_n_entries (EBB_AUDIT_VIEWER (viewer)), ==, 1);
  settle (window);

  close_window (window);
}

/* The dialogs the client page opens are toplevels of their own. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static GtkWidget *
need_toplevel (GType type)
{
  GtkWidget *window = find_toplevel (type);

  g_assert_nonnull (window);
  return window;
}

/* A message dialog's answer, as a click on its button gives it. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gint64
add_client (OperatorsFixture *fixture,
            const char       *family_name)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  client->family_name = g_strdup (family_name);
  client->given_name = g_strdup ("Erika");
  id = ebb_front_desk_register_client (fixture->ctx, client, &error);
  g_assert_no_error (error);
  return id;
}

static GtkWidget *
open_client_page (OperatorsFixture *fixture,
                  gint64            client_id,
                  GtkWidget       **window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  const char *names[] = { "screen", "start-session", "export-history", "edit", "open-report" };
  GtkWidget *page = ebb_client_page_new (fixture->ctx);

  /* The window's "client" group, as the page finds it in the console. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE_INT64);

      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  *window = new_window (page);
  gtk_widget_insert_action_group (*window, "client", G_ACTION_GROUP (group));
  ebb_client_page_load (EBB_CLIENT_PAGE (page), client_id, &error);
  g_assert_no_error (error);
  settle (*window);
  return page;
}

static gboolean
is_row_with_subtitle_part (GtkWidget     *widget,
                           gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) != NULL;
}

/* Reception records a consent through the dialog: it is listed, stored
 * with who and when, and audited; then the client withdraws it. */
static void
test_record_consent (OperatorsFixture *fixture,
                     gconstpointer     data)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  const EbbConsent *stored;
  GtkWidget *page, *window, *dialog;
  gint64 desk, client_id;

  desk = operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");
  client_id = add_client (fixture, "Mustermann");
  page = open_client_page (fixture, client_id, &window);

  click (page, has_action, "client-page.record-consent");
  dialog = need_toplevel (EBB_TYPE_CONSENT_DIALOG);
  settle (dialog);

  /* No answer is chosen for the operator. */
  click (dialog, has_action, "consent.record");
  g_assert_nonnull (strstr (ebb_consent_dialog_get_error (EBB_CONSENT_DIALOG (dialog)),
                            "agrees or refuses"));
  g_assert_cmpuint (operators_fixture_count (fixture, "consent.record"), ==, 0);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, is_named, "agrees")), TRUE);
  g_assert_null (ebb_consent_dialog_get_error (EBB_CONSENT_DIALOG (dialog)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (dialog, is_named, "method")), 1);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, is_named, "version")), "2026-03");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, is_named, "note")), "Read aloud");
  settle (dialog);
  click (dialog, has_action, "consent.record");
  g_assert_null (find_toplevel (EBB_TYPE_CONSENT_DIALOG));

  g_assert_nonnull (find_widget (page, is_row_titled, "Treatment: agreed"));
  g_assert_nonnull (find_widget (page, is_row_with_subtitle_part, "given verbally on"));
  g_assert_nonnull (find_widget (page, is_row_with_subtitle_part, "text version 2026-03"));
  g_assert_cmpuint (operators_fixture_count (fixture, "consent.record"), ==, 1);
  /* Refreshing the list is not another look at the client's record. */
  g_assert_cmpuint (operators_fixture_count (fixture, "client.view"), ==, 1);
  settle (window);

  consents = ebb_front_desk_list_consents (fixture->ctx, client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  stored = g_ptr_array_index (consents, 0);
  g_assert_true (stored->granted);
  g_assert_cmpstr (stored->topic, ==, "treatment");
  g_assert_cmpstr (stored->policy_version, ==, "2026-03");
  g_assert_cmpint (stored->method, ==, EBB_CONSENT_METHOD_VERBAL);
  g_assert_cmpstr (stored->note, ==, "Read aloud");
  g_assert_cmpint (stored->recorded_by, ==, desk);

  /* The client withdraws it. */
  click (page, has_action, "client-page.withdraw-consent");
  respond (need_toplevel (ADW_TYPE_MESSAGE_DIALOG), "withdraw");
  g_assert_nonnull (find_widget (page, is_row_with_subtitle_part, "withdrawn on"));
  g_assert_null (find_widget (page, has_action, "client-page.withdraw-consent"));
  g_assert_cmpuint (operators_fixture_count (fixture, "consent.withdraw"), ==, 1);

  /* A renewal suggests the text version the client was last given. */
  click (page, has_action, "client-page.record-consent");
  dialog = need_toplevel (EBB_TYPE_CONSENT_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (dialog, is_named, "version"))),
                   ==, "2026-03");
  gtk_window_destroy (GTK_WINDOW (dialog));

  close_window (window);
}

/* The core checks the role: a technician may open the client but not
 * record a consent. The dialog shows why and nothing is written. */
static void
test_consent_refused (OperatorsFixture *fixture,
                      gconstpointer     data)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *window, *dialog;
  gint64 client_id;

  operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_add (fixture, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (fixture, "desk");
  client_id = add_client (fixture, "Nguyen");
  operators_fixture_login (fixture, "tech");
  page = open_client_page (fixture, client_id, &window);

  click (page, has_action, "client-page.record-consent");
  dialog = need_toplevel (EBB_TYPE_CONSENT_DIALOG);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, is_named, "agrees")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, is_named, "version")), "2026-03");
  click (dialog, has_action, "consent.record");
  settle (dialog);

  g_assert_nonnull (strstr (ebb_consent_dialog_get_error (EBB_CONSENT_DIALOG (dialog)),
                            "may not record a consent"));
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, is_named, "consent-error")));
  g_assert_true (find_toplevel (EBB_TYPE_CONSENT_DIALOG) == dialog);
  g_assert_cmpuint (operators_fixture_count (fixture, "consent.record"), ==, 0);
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, 1);
  consents = ebb_front_desk_list_consents (fixture->ctx, client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* The client reports at a visit that something in their health changed:
 * recorded through the core with a note, the page says so and offers to
 * screen again, and the session gate refuses with that reason. */
static void
test_report_change (OperatorsFixture *fixture,
                    gconstpointer     data)
{
  g_autoptr(EbbStoredScreening) screening = ebb_stored_screening_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *window, *dialog, *report, *again;
  gint64 desk, client_id;

  desk = operators_fixture_add (fixture, "desk", EBB_ROLE_RECEPTION);
  operators_fixture_login (fixture, "desk");
  client_id = add_client (fixture, "Lindqvist");

  screening->client_id = client_id;
  screening->questionnaire_id = g_strdup ("factory");
  screening->questionnaire_version = g_strdup ("1");
  screening->answers_json = g_strdup ("{}");
  screening->outcome = g_strdup ("clear");
  screening->reasons_json = g_strdup ("[]");
  screening->operator_id = desk;
  screening->screened_us = fixture->now_us - G_TIME_SPAN_DAY;
  screening->valid_until_us = fixture->now_us + 60 * G_TIME_SPAN_DAY;
  ebb_store_screening_insert (fixture->store, screening, &error);
  g_assert_no_error (error);

  page = open_client_page (fixture, client_id, &window);
  g_assert_cmpstr (ebb_client_page_get_screening_status (EBB_CLIENT_PAGE (page)), ==,
                   "No contraindication found");
  report = find_widget (page, is_named, "report-change-button");
  again = find_widget (page, is_named, "screen-again-button");
  g_assert_true (gtk_widget_get_visible (report));
  g_assert_false (gtk_widget_get_visible (again));

  /* Cancelled: nothing recorded. */
  click (page, has_action, "client-page.report-change");
  respond (need_toplevel (ADW_TYPE_MESSAGE_DIALOG), "cancel");
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.change"), ==, 0);

  click (page, has_action, "client-page.report-change");
  dialog = need_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, is_named, "change-note")),
                         "New ankle swelling since Monday");
  settle (dialog);
  respond (dialog, "report");

  g_assert_cmpstr (ebb_client_page_get_screening_status (EBB_CLIENT_PAGE (page)), ==,
                   "Client reported a change in their health");
  g_assert_nonnull (find_widget (page, is_row_with_subtitle_part, "New ankle swelling since Monday"));
  g_assert_nonnull (find_widget (page, is_row_with_subtitle_part, "screened again"));
  g_assert_false (gtk_widget_get_visible (report));
  g_assert_true (gtk_widget_get_visible (again));
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (again))),
                   ==, client_id);
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.change"), ==, 1);
  settle (window);

  /* The session-start gate now refuses, saying why. */
  now = g_date_time_new_from_unix_utc (fixture->now_us / G_USEC_PER_SEC);
  g_assert_false (ebb_session_gate_check_stored (fixture->store, client_id, 90, now, &error));
  g_assert_error (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "reported a change"));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The application's style sheet, as AdwApplication would load it. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add ("/ebb/front-desk/" path, OperatorsFixture, NULL, \
              operators_fixture_set_up, func, operators_fixture_tear_down)
  ADD ("login", test_login);
  ADD ("locked-out-message", test_locked_out_message);
  ADD ("register-search-open", test_register_search_open);
  ADD ("editor-permission", test_editor_permission);
  ADD ("audit-viewer", test_audit_viewer);
  ADD ("record-consent", test_record_consent);
  ADD ("consent-refused", test_consent_refused);
  ADD ("report-change", test_report_change);
#undef ADD

  return g_test_run ();
}
