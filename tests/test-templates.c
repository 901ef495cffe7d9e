/* test-templates.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ebb-alarm-banner.h"
#include "ebb-audit-viewer.h"
#include "ebb-client-editor.h"
#include "ebb-client-list-page.h"
#include "ebb-client-page.h"
#include "ebb-consent-dialog.h"
#include "ebb-device-status.h"
#include "ebb-first-run-page.h"
#include "ebb-login-page.h"
#include "ebb-preferences-window.h"
#include "ebb-pressure-graph.h"
#include "ebb-report-window.h"
#include "ebb-screening-page.h"
#include "ebb-session-live-page.h"
#include "ebb-session-prepare-page.h"
#include "ebb-session-summary-page.h"
#include "ebb-session-view.h"
#include "ebb-vitals-row.h"
#include "ebb-window.h"

/* Every template class is created once and finalised; with fatal-warnings
 * any template error or leaked reference fails the test. */
static void
test_window_class (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *widget = g_object_ref_sink (g_object_new (type, NULL));

  g_assert_true (GTK_IS_WINDOW (widget));
  gtk_window_destroy (GTK_WINDOW (widget));
  g_assert_finalize_object (widget);
}

/* Widgets that are not windows: a page the window will place. */
static void
test_widget_class (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *widget = g_object_ref_sink (g_object_new (type, NULL));

  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_false (GTK_IS_WINDOW (widget));
  g_assert_finalize_object (widget);
}

int
main (int   argc,
      char *argv[])
{
  GType window_types[] = {
    EBB_TYPE_WINDOW,
    EBB_TYPE_CONSENT_DIALOG,
    EBB_TYPE_PREFERENCES_WINDOW,
    EBB_TYPE_REPORT_WINDOW,
  };

  GType widget_types[] = {
    EBB_TYPE_ALARM_BANNER,
    EBB_TYPE_AUDIT_VIEWER,
    EBB_TYPE_CLIENT_EDITOR,
    EBB_TYPE_CLIENT_LIST_PAGE,
    EBB_TYPE_CLIENT_PAGE,
    EBB_TYPE_DEVICE_STATUS,
    EBB_TYPE_FIRST_RUN_PAGE,
    EBB_TYPE_LOGIN_PAGE,
    EBB_TYPE_PRESSURE_GRAPH,
    EBB_TYPE_SCREENING_PAGE,
    EBB_TYPE_SESSION_LIVE_PAGE,
    EBB_TYPE_SESSION_PREPARE_PAGE,
    EBB_TYPE_SESSION_SUMMARY_PAGE,
    EBB_TYPE_SESSION_VIEW,
    EBB_TYPE_VITALS_ROW,
  };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (window_types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/templates/%s", g_type_name (window_types[i]));
      g_test_add_data_func (path, GSIZE_TO_POINTER (window_types[i]), test_window_class);
    }

  for (guint i = 0; i < G_N_ELEMENTS (widget_types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/templates/%s", g_type_name (widget_types[i]));
      g_test_add_data_func (path, GSIZE_TO_POINTER (widget_types[i]), test_widget_class);
    }

  return g_test_run ();
}
