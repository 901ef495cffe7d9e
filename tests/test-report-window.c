/* test-report-window.c
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
#include "ebb-report-window.h"
#include "ebb-store-demo.h"
#include "report-fixture.h"

/* Generous safety bound for the worker threads; the test fails, never
 * hangs, when something does not finish. */
#define TIMEOUT_S 20

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until the window shows pages or an error. */
static void
wait_for_window (EbbReportWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &timed_out);

  while (!timed_out && ebb_report_window_get_n_pages (window) == 0 &&
         ebb_report_window_get_error_message (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static EbbReportWindow *
window_new (void)
{
  return g_object_ref_sink (ebb_report_window_new (NULL));
}

static void
window_free (EbbReportWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* gtk_test_init cannot isolate directories, so the files live in a
 * directory of their own, removed at the end. */
static char *work_dir;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static char *
render_fixture (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (5, 50, 1);
  g_autoptr(EbbReportOptions) options = ebb_report_options_new ();
  g_autoptr(GError) error = NULL;
  char *path = work_path ("fixture.pdf");

  options->language = g_strdup ("en");
  g_assert_true (ebb_report_render (data, path, options, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_show_file (void)
{
  g_autofree char *path = render_fixture ();
  EbbReportWindow *window = window_new ();

  ebb_report_window_show_file (window, path);
  wait_for_window (window);
  g_assert_null (ebb_report_window_get_error_message (window));
  g_assert_cmpuint (ebb_report_window_get_n_pages (window), ==, 2);
  g_assert_cmpstr (ebb_report_window_get_path (window), ==, path);
  window_free (window);
}

static void
test_show_session (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (2, 50, 2);
  g_autoptr(EbbReportOptions) options = ebb_report_options_new ();
  EbbReportWindow *window = window_new ();
  g_autofree char *rendered = NULL;

  options->language = g_strdup ("en");
  ebb_report_window_show_session (window, data, options);
  wait_for_window (window);
  g_assert_null (ebb_report_window_get_error_message (window));
  g_assert_cmpuint (ebb_report_window_get_n_pages (window), ==, 2);
  rendered = g_strdup (ebb_report_window_get_path (window));
  g_assert_true (g_file_test (rendered, G_FILE_TEST_IS_REGULAR));

  /* The rendered copy is the window's own and goes with it. */
  window_free (window);
  g_assert_false (g_file_test (rendered, G_FILE_TEST_EXISTS));
}

static void
test_show_screening (void)
{
  g_autoptr(EbbReportScreening) screening = report_fixture_screening ();
  g_autoptr(EbbReportOptions) options = ebb_report_options_new ();
  EbbReportWindow *window = window_new ();

  options->language = g_strdup ("de");
  ebb_report_window_show_screening (window, screening, options);
  wait_for_window (window);
  g_assert_null (ebb_report_window_get_error_message (window));
  g_assert_cmpuint (ebb_report_window_get_n_pages (window), ==, 1);
  window_free (window);
}

static void
test_show_error (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 3);
  g_autoptr(EbbReportOptions) options = ebb_report_options_new ();
  EbbReportWindow *window = window_new ();

  options->font_path = g_strdup ("/nonexistent/DejaVuSans.ttf");
  ebb_report_window_show_session (window, data, options);
  wait_for_window (window);
  g_assert_cmpuint (ebb_report_window_get_n_pages (window), ==, 0);
  g_assert_nonnull (strstr (ebb_report_window_get_error_message (window), "fonts-dejavu-core"));
  window_free (window);
}

static gboolean
find_file_printer_cb (GtkPrinter *printer,
                      gpointer    user_data)
{
  GtkPrinter **found = user_data;

  if (gtk_printer_is_virtual (printer) && gtk_printer_accepts_pdf (printer))
    {
      *found = g_object_ref (printer);
      return TRUE;
    }

  return FALSE;
}

static void
printed_cb (EbbReportWindow *window,
            const char      *printer,
            gpointer         user_data)
{
  char **name = user_data;

  *name = g_strdup (printer);
}

/* Printing goes through GTK's print-to-file backend, so it runs headless:
 * the PDF the job writes is the report itself. */
static void
test_print_to_file (void)
{
  g_autofree char *path = render_fixture ();
  g_autofree char *output = work_path ("printed.pdf");
  g_autofree char *uri = g_filename_to_uri (output, NULL, NULL);
  g_autoptr(GtkPrinter) printer = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autofree char *printed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *original = NULL;
  gsize length, original_length;
  g_autofree char *db = work_path ("audit.db");
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(EbbSessionRecord) session = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const EbbAuditEntry *last;
  EbbReportWindow *window = window_new ();
  gboolean timed_out = FALSE;
  guint id;

  store = ebb_store_open (db, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  op = ebb_store_operator_find (store, EBB_STORE_DEMO_ADMIN, &error);
  g_assert_no_error (error);
  ctx = ebb_operator_session_new (store);
  g_assert_true (ebb_operator_session_login (ctx, EBB_STORE_DEMO_ADMIN, EBB_STORE_DEMO_ADMIN_PIN, &error));
  g_assert_no_error (error);
  ebb_report_window_set_audit (window, ctx, 1);

  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);
  gtk_enumerate_printers (find_file_printer_cb, &printer, NULL, TRUE);
  g_assert_nonnull (printer);

  g_unlink (output);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");

  ebb_report_window_show_file (window, path);
  wait_for_window (window);
  g_signal_connect (window, "printed", G_CALLBACK (printed_cb), &printed);
  ebb_report_window_print_to (window, printer, settings, page_setup);

  id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &timed_out);
  while (!timed_out && printed == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  g_assert_cmpstr (printed, ==, gtk_printer_get_name (printer));
  g_assert_true (g_file_get_contents (output, &contents, &length, NULL));
  g_assert_true (g_file_get_contents (path, &original, &original_length, NULL));
  /* The job's source is the report itself: the printed file is that PDF. */
  g_assert_cmpmem (contents, length, original, original_length);

  /* Printing is an audited event, in the hash-chained trail. */
  entries = ebb_store_audit_list (store, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (last->action, ==, "report.print");
  g_assert_cmpstr (last->subject, ==, "session:1");
  g_assert_cmpint (last->operator_id, ==, op->id);
  g_assert_nonnull (strstr (last->detail_json, gtk_printer_get_name (printer)));
  /* With the session's client, so the viewer's client filter finds it. */
  session = ebb_store_session_get (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ebb_audit_entry_client (last), ==, session->client_id);
  g_assert_true (ebb_store_audit_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Once nobody is logged in the core refuses to print, and records it. */
  ebb_operator_session_logout (ctx);
  g_unlink (output);
  ebb_report_window_print_to (window, printer, settings, page_setup);
  entries = ebb_store_audit_list (store, 0, 1000, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (last->action, ==, "permission.denied");
  g_assert_nonnull (strstr (last->detail_json, "report-print"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  window_free (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GDir *dir;
  const char *name;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  work_dir = g_dir_make_tmp ("test-report-window-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ebb/report-window/show-file", test_show_file);
  g_test_add_func ("/ebb/report-window/show-session", test_show_session);
  g_test_add_func ("/ebb/report-window/show-screening", test_show_screening);
  g_test_add_func ("/ebb/report-window/show-error", test_show_error);
  g_test_add_func ("/ebb/report-window/print-to-file", test_print_to_file);

  status = g_test_run ();

  dir = g_dir_open (work_dir, 0, NULL);
  /* The database leaves -wal and -shm files beside it. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = work_path (name);

      g_unlink (file);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
