/* test-dialogs.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ebb-dialogs.h"

/* The one way pages show a refusal: over their own window, with a single
 * "close" response. */

static void
test_parent_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("x");

  g_object_ref_sink (label);
  g_assert_null (ebb_dialogs_parent_window (label));

  gtk_window_set_child (GTK_WINDOW (window), label);
  g_assert_true (ebb_dialogs_parent_window (label) == GTK_WINDOW (window));
  g_assert_true (ebb_dialogs_parent_window (window) == GTK_WINDOW (window));

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  g_assert_null (ebb_dialogs_parent_window (label));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (label);
}

static void
test_show_message (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("x");
  GtkWidget *dialog;

  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));

  dialog = ebb_dialogs_show_message (label, "Heading", "Body");
  g_object_ref (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Heading");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, "Body");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "close"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_message_new_unparented (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));
  GtkWidget *dialog = ebb_dialogs_message_new (label, "Heading", NULL);

  /* Not shown yet: the caller adds to it first. */
  g_object_ref_sink (dialog);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "close"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  g_assert_finalize_object (label);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ebb/dialogs/parent-window", test_parent_window);
  g_test_add_func ("/ebb/dialogs/show-message", test_show_message);
  g_test_add_func ("/ebb/dialogs/message-new-unparented", test_message_new_unparented);

  return g_test_run ();
}
