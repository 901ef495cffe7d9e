/* test-application.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ebb-application.h"
#include "ebb-device-status.h"
#include "ebb-environment.h"
#include "ebb-window.h"

typedef struct
{
  gboolean  shown;
  guint     polls;
  char     *summary;
} StartupState;

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* Polls until the main window is mapped, then quits. */
static gboolean
check_window_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();
  StartupState *state = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL && EBB_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      GtkWidget *status = find_descendant (GTK_WIDGET (window), EBB_TYPE_DEVICE_STATUS);
      const char *summary = status ? ebb_device_status_get_summary (EBB_DEVICE_STATUS (status)) : NULL;

      state->shown = TRUE;

      /* Wait for the chamber to be connected and named in the header. */
      if (summary == NULL || strstr (summary, "EBB-INP-1") == NULL)
        goto poll_again;

      state->summary = g_strdup (summary);
      gtk_window_destroy (window);
      return G_SOURCE_REMOVE;
    }

poll_again:

  if (++state->polls > 500)
    {
      g_application_quit (app);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
test_starts_and_shows_window (void)
{
  g_autoptr(EbbApplication) app = ebb_application_new ();
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  StartupState state = { 0 };
  int status;

  /* The memory settings backend is shared within the process. */
  g_settings_set_string (settings, "device", "sim");

  /* No D-Bus name: the test must not depend on a session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_timeout_add (20, check_window_cb, &state);

  status = g_application_run (G_APPLICATION (app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.shown);
  g_assert_nonnull (ebb_application_get_settings (app));

  /* The device setting was "sim": the header names the simulated chamber. */
  g_assert_nonnull (state.summary);
  g_assert_true (g_str_has_prefix (state.summary, "EBB-INP-1 · SIM-"));
  g_free (state.summary);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/application/starts-and-shows-window", test_starts_and_shows_window);

  return g_test_run ();
}
