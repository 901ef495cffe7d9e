/* test-screening-page.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-screening-page.h"
#include "gui-test-util.h"
#include "operators-fixture.h"

/* Fills the front-desk screen through its widgets, as an operator would. */

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
need (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = find (root, name);

  if (widget == NULL)
    g_test_message ("no widget named %s", name);
  g_assert_nonnull (widget);
  return widget;
}

static void
click (GtkWidget  *page,
       const char *name)
{
  GtkWidget *widget = need (page, name);

  if (GTK_IS_TOGGLE_BUTTON (widget))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), TRUE);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
}

static void
type (GtkWidget  *page,
      const char *name,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (need (page, name)), text);
}

static const char *
text_of (GtkWidget  *page,
         const char *name)
{
  return gtk_label_get_text (GTK_LABEL (need (page, name)));
}

static GtkWidget *
row_of (GtkWidget *widget)
{
  while (widget != NULL && !ADW_IS_PREFERENCES_ROW (widget))
    widget = gtk_widget_get_parent (widget);
  /* Options sit in an expander row's inner row; the question is the expander. */
  if (widget != NULL && !ADW_IS_EXPANDER_ROW (widget))
    {
      GtkWidget *expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

      if (expander != NULL)
        return expander;
    }
  return widget;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}


static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("EBB_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  /* Only when asked: screenshots are for docs/screenshots, not a check. */
  if (dir == NULL)
    return;

  /* Let the stack's crossfade finish and the window map before drawing. */
  for (guint attempt = 0; attempt < 50 && node == NULL; attempt++)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      g_timeout_add_once (100, (GSourceOnceFunc) g_main_loop_quit, loop);
      g_main_loop_run (loop);
      if (attempt < 6)
        continue;

      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkWidget *
show_page (GtkWidget **window)
{
  GtkWidget *page = ebb_screening_page_new ();

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1200, 860);
  gtk_window_set_child (GTK_WINDOW (*window), page);
  gtk_window_present (GTK_WINDOW (*window));
  spin ();
  return page;
}

static void
test_fill_and_submit (void)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);
  GtkStack *stack = GTK_STACK (need (page, "stack"));
  const EbbScreeningState *record;

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_CLINICIAN);
  ebb_screening_page_set_operator (EBB_SCREENING_PAGE (page), "Dr. Weiß");

  /* Nothing answered: incomplete, and submission is refused with the missing items marked. */
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "INCOMPLETE");
  gtk_widget_activate_action (page, "screening.submit", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  g_assert_true (g_str_has_prefix (text_of (page, "status-label"), "Not submitted:"));
  g_assert_true (gtk_widget_has_css_class (row_of (need (page, "general.consent=yes")), "missing"));
  g_assert_true (gtk_widget_has_css_class (row_of (need (page, "bp.systolic")), "missing"));
  save_screenshot (window, "screening-missing.png");

  fill_clear_screening (page);
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "CLEAR");
  g_assert_cmpstr (text_of (page, "status-label"), ==, "All required answers are given.");
  g_assert_false (gtk_widget_has_css_class (row_of (need (page, "general.consent=yes")), "missing"));
  g_assert_nonnull (strstr (text_of (page, "scores-label"), "ABI right: 1.08, normal"));

  /* The live outcome follows every answer. */
  click (page, "cardiac.pacemaker=yes");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "REFER");
  g_assert_nonnull (gtk_widget_get_first_child (need (page, "reasons-box")));
  click (page, "general.pregnancy=unknown");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "REFER");
  click (page, "general.pregnancy=yes");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "EXCLUDE");
  click (page, "general.pregnancy=no");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "REFER");

  /* A value out of range is refused and marked; the previous answer stays out of the decision. */
  type (page, "bp.systolic", "500");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "Check the answers");
  g_assert_nonnull (strstr (text_of (page, "status-label"), "bp.systolic"));
  g_assert_true (gtk_widget_has_css_class (need (page, "bp.systolic"), "error"));
  gtk_widget_activate_action (page, "screening.submit", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  type (page, "bp.systolic", "128");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "REFER");

  /* Wells: a symptomatic leg makes the criteria required; W1 + W5 is "likely". */
  click (page, "dvt.leg_symptoms=yes");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "INCOMPLETE");
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("wells.w%u=%s", i, i == 1 || i == 5 ? "true" : "false");
      click (page, name);
    }
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "EXCLUDE");
  g_assert_nonnull (strstr (text_of (page, "scores-label"), "Wells: 2, DVT likely"));
  click (page, "wells.w5=false");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "REFER");
  save_screenshot (window, "screening-form.png");

  gtk_widget_activate_action (page, "screening.submit", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "decision");
  g_assert_cmpstr (text_of (page, "decision-title"), ==, "REFER");
  g_assert_true (gtk_widget_get_visible (need (page, "clearance-group")));
  record = ebb_screening_page_get_record (EBB_SCREENING_PAGE (page));
  g_assert_nonnull (record);
  g_assert_cmpint (record->outcome, ==, EBB_SCREENING_OUTCOME_REFER);
  g_assert_cmpstr (record->screened_by, ==, "Dr. Weiß");

  /* The clearance needs a note; then it is recorded. */
  gtk_widget_activate_action (page, "screening.record-clearance", NULL);
  g_assert_nonnull (strstr (text_of (page, "clearance-status"), "name and a note"));
  g_assert_null (record->clearance_at);
  type (page, "clearance-name", "Dr. Weiß");
  type (page, "clearance-note", "Rate-responsive pacemaker; Wells 1; cleared for −50 mbar");
  gtk_widget_activate_action (page, "screening.record-clearance", NULL);
  g_assert_true (g_str_has_prefix (text_of (page, "clearance-status"), "Cleared by Dr. Weiß on "));
  g_assert_nonnull (record->clearance_at);
  g_assert_cmpstr (record->clearance_by, ==, "Dr. Weiß");
  save_screenshot (window, "screening-decision.png");

  /* A new screening starts from an empty form. */
  gtk_widget_activate_action (page, "screening.new", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  g_assert_cmpstr (text_of (page, "outcome-label"), ==, "INCOMPLETE");
  g_assert_null (ebb_screening_page_get_record (EBB_SCREENING_PAGE (page)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
summary_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;

  ebb_screening_page_save_summary_finish (EBB_SCREENING_PAGE (object), result, error);
  g_main_context_wakeup (NULL);
  *(gboolean *) g_object_get_data (object, "test-done") = TRUE;
}

static void
test_save_summary (void)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);
  g_autofree char *dir = g_dir_make_tmp ("ebb-summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "summary.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gboolean done = FALSE;

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_CLINICIAN);
  fill_clear_screening (page);
  click (page, "general.open_wound=yes");
  gtk_widget_activate_action (page, "screening.submit", NULL);
  g_assert_cmpstr (text_of (page, "decision-title"), ==, "REFER");

  g_object_set_data (G_OBJECT (page), "test-done", &done);
  ebb_screening_page_save_summary_async (EBB_SCREENING_PAGE (page), file, NULL, summary_done_cb, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_roles (void)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);

  /* The front desk takes the history; examination findings and measurements are locked. */
  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_RECEPTION);
  g_assert_true (gtk_widget_is_sensitive (need (page, "wells.w1=true")));
  g_assert_false (gtk_widget_is_sensitive (need (page, "wells.w4=true")));
  g_assert_false (gtk_widget_is_sensitive (need (page, "bp.systolic")));
  g_assert_false (gtk_widget_is_sensitive (need (page, "cardiac.nyha=IV")));

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_TECHNICIAN);
  g_assert_true (gtk_widget_is_sensitive (need (page, "bp.systolic")));
  g_assert_false (gtk_widget_is_sensitive (need (page, "wells.w10=false")));

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_CLINICIAN);
  g_assert_true (gtk_widget_is_sensitive (need (page, "wells.w4=true")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An answer the operator's roles may not give is refused by the engine and
 * recorded in the audit trail in their name, even where the form would not
 * let them reach it. */
static void
test_refusal_audited (OperatorsFixture *fixture,
                      gconstpointer     data)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);
  g_autoptr(EbbAuditEntry) entry = NULL;
  gint64 rita = operators_fixture_add (fixture, "rita", EBB_ROLE_RECEPTION);

  operators_fixture_login (fixture, "rita");
  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_RECEPTION);
  ebb_screening_page_set_operator_session (EBB_SCREENING_PAGE (page), fixture->ctx);
  ebb_screening_page_reset (EBB_SCREENING_PAGE (page));
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, 0);

  /* A history answer is hers to give; an examination finding is not. */
  click (page, "wells.w1=true");
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, 0);
  click (page, "wells.w4=true");
  g_assert_cmpuint (operators_fixture_count (fixture, EBB_AUDIT_PERMISSION_DENIED), ==, 1);
  entry = operators_fixture_last (fixture);
  g_assert_cmpstr (entry->action, ==, EBB_AUDIT_PERMISSION_DENIED);
  g_assert_cmpint (entry->operator_id, ==, rita);
  g_assert_nonnull (strstr (entry->detail_json, "screening-examination"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reception_cannot_clear (void)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_CLINICIAN);
  fill_clear_screening (page);
  click (page, "general.copd=yes");
  gtk_widget_activate_action (page, "screening.submit", NULL);
  g_assert_cmpstr (text_of (page, "decision-title"), ==, "REFER");

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_RECEPTION);
  type (page, "clearance-name", "Rita");
  type (page, "clearance-note", "looks fine");
  gtk_widget_activate_action (page, "screening.record-clearance", NULL);
  g_assert_nonnull (strstr (text_of (page, "clearance-status"), "Only a clinician may clear a referral"));
  g_assert_null (ebb_screening_page_get_record (EBB_SCREENING_PAGE (page))->clearance_at);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_exclude_has_no_clearance (void)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);

  ebb_screening_page_set_role (EBB_SCREENING_PAGE (page), EBB_ROLE_CLINICIAN);
  fill_clear_screening (page);
  click (page, "general.allergy=yes");
  gtk_widget_activate_action (page, "screening.submit", NULL);
  g_assert_cmpstr (text_of (page, "decision-title"), ==, "EXCLUDE");
  g_assert_false (gtk_widget_get_visible (need (page, "clearance-group")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_finalize (void)
{
  GtkWidget *page = g_object_ref_sink (ebb_screening_page_new ());

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* AdwApplication loads the style sheet in the program; a test has no application. */
  gtk_css_provider_load_from_resource (css, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/ebb/screening-page/fill-and-submit", test_fill_and_submit);
  g_test_add_func ("/ebb/screening-page/roles", test_roles);
  g_test_add_func ("/ebb/screening-page/save-summary", test_save_summary);
  g_test_add_func ("/ebb/screening-page/reception-cannot-clear", test_reception_cannot_clear);
  g_test_add ("/ebb/screening-page/refusal-audited", OperatorsFixture, NULL,
              operators_fixture_set_up, test_refusal_audited, operators_fixture_tear_down);
  g_test_add_func ("/ebb/screening-page/exclude-has-no-clearance", test_exclude_has_no_clearance);
  g_test_add_func ("/ebb/screening-page/finalize", test_finalize);

  return g_test_run ();
}
