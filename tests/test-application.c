/* test-application.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ebb-application.h"
#include "ebb-window.h"

typedef struct
{
  gboolean shown;
  guint    polls;
} StartupState;

/* Polls until the main window is mapped, then quits. */
static gboolean
check_window_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();
  StartupState *state = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL && EBB_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      state->shown = TRUE;
      gtk_window_destroy (window);
      return G_SOURCE_REMOVE;
    }

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
  StartupState state = { 0 };
  int status;

  /* No D-Bus name: the test must not depend on a session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_timeout_add (20, check_window_cb, &state);

  status = g_application_run (G_APPLICATION (app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.shown);
  g_assert_nonnull (ebb_application_get_settings (app));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/application/starts-and-shows-window", test_starts_and_shows_window);

  return g_test_run ();
}
