/* ebb-dialogs.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-dialogs.h"

/* Every page tells the operator about a refusal the same way: a message
 * dialog over the window the page is in, closed with one button. */

/**
 * ebb_dialogs_parent_window:
 * @widget: a widget
 *
 * Returns: (transfer none) (nullable): the window @widget is in, for a
 *   dialog to be transient for; %NULL while @widget is in no window
 */
GtkWindow *
ebb_dialogs_parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * ebb_dialogs_message_new:
 * @widget: the widget the message is about
 * @heading: the heading
 * @body: (nullable): the text below it
 *
 * Creates a message dialog over @widget's window with a single "close"
 * response, for the caller to present (after adding what it needs, such
 * as the emergency keys over a running session).
 *
 * Returns: (transfer floating): an #AdwMessageDialog
 */
GtkWidget *
ebb_dialogs_message_new (GtkWidget  *widget,
                         const char *heading,
                         const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = adw_message_dialog_new (ebb_dialogs_parent_window (widget), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}

/**
 * ebb_dialogs_show_message:
 * @widget: the widget the message is about
 * @heading: the heading
 * @body: (nullable): the text below it
 *
 * Shows a message dialog made by ebb_dialogs_message_new().
 *
 * Returns: (transfer none): the dialog, owned by GTK until it closes
 */
GtkWidget *
ebb_dialogs_show_message (GtkWidget  *widget,
                          const char *heading,
                          const char *body)
{
  GtkWidget *dialog = ebb_dialogs_message_new (widget, heading, body);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
