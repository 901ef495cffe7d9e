/* ebb-emergency-keys.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-emergency-keys"

#include "config.h"

#include "ebb-application.h"
#include "ebb-emergency-keys.h"

/* Escape and F12 are the emergency stop wherever the keyboard focus is
 * (architecture safety principle 4): in the main window, but also in
 * Preferences, the shortcuts window, a report or any dialog that happens
 * to be in front of a running session — a modal window takes the
 * keyboard and the pointer away from the main window's red button. */

#define ATTACHED_KEY "ebb-emergency-keys"
#define CLOSE_KEY    "ebb-emergency-keys-close"

static gboolean
emergency_stop_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  GApplication *app = g_application_get_default ();
  EbbSession *session = EBB_IS_APPLICATION (app)
                        ? ebb_application_get_active_session (EBB_APPLICATION (app)) : NULL;

  /* With no session running the keys keep their ordinary meaning
   * (Escape closes a dialog, leaves a search). */
  if (session == NULL || ebb_session_is_finished (session))
    return FALSE;

  ebb_session_emergency_stop (session);
  if (g_object_get_data (G_OBJECT (widget), CLOSE_KEY) != NULL)
    gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

/**
 * ebb_emergency_keys_attach:
 * @window: a window of the console
 *
 * Makes Escape and F12 the emergency stop of the application's active
 * session in @window, before any widget of it sees the keys. Attaching
 * twice does nothing.
 */
void
ebb_emergency_keys_attach (GtkWindow *window)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), ATTACHED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (window), ATTACHED_KEY, GINT_TO_POINTER (TRUE));

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, ATTACHED_KEY);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_F12, 0)),
                                                          gtk_callback_action_new (emergency_stop_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/**
 * ebb_emergency_keys_close_on_stop:
 * @window: a dialog about the running session (Stop…? symptoms)
 *
 * The dialog closes when its keys stopped the session: what it asked
 * about is settled.
 */
void
ebb_emergency_keys_close_on_stop (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  ebb_emergency_keys_attach (window);
  g_object_set_data (G_OBJECT (window), CLOSE_KEY, GINT_TO_POINTER (TRUE));
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      ebb_emergency_keys_attach (window);
    }
}

/**
 * ebb_emergency_keys_watch_toplevels:
 * @owner: the object (the application) for as long as whose life every
 *   window gets the keys
 *
 * Attaches the emergency-stop keys to every toplevel window there is and
 * every one created from now on, whoever creates it (GTK's about and
 * shortcuts windows, file choosers, message dialogs).
 */
void
ebb_emergency_keys_watch_toplevels (GObject *owner)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_return_if_fail (G_IS_OBJECT (owner));

  toplevels_changed_cb (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
  g_signal_connect_object (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), owner, 0);
}
