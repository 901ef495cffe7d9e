/* ebb-window.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-device-status.h"
#include "ebb-session-view.h"
#include "ebb-window.h"

struct _EbbWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwHeaderBar         *header_bar;
  EbbDeviceStatus      *device_status;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *main_stack;
  EbbSessionView       *session_view;

  /* owned */
  GSettings            *settings;
  EbbOperatorSession   *operator_session;
  char                 *page_before_session;
};

G_DEFINE_FINAL_TYPE (EbbWindow, ebb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
bind_window_state (EbbWindow *self)
{
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

/* A device chosen in the header's menu becomes the clinic's setting. */
static void
device_selected_cb (EbbWindow  *self,
                    const char *spec)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "device", spec);
}

/* GtkWindow's "application" is an ordinary property, set after
 * constructed(), so the window picks up the application's settings and
 * chamber when it is attached. */
static void
application_changed_cb (EbbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !EBB_IS_APPLICATION (app) ||
      ebb_application_get_settings (EBB_APPLICATION (app)) == NULL)
    return;

  self->settings = g_object_ref (ebb_application_get_settings (EBB_APPLICATION (app)));
  bind_window_state (self);
  ebb_device_status_set_manager (self->device_status,
                                 ebb_application_get_device_manager (EBB_APPLICATION (app)));
}

static void
ebb_window_dispose (GObject *object)
{
  EbbWindow *self = EBB_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->operator_session);
  g_clear_pointer (&self->page_before_session, g_free);

  G_OBJECT_CLASS (ebb_window_parent_class)->dispose (object);
}

/* Architecture safety principle 4: straight into the active session's
 * emergency stop, no dialog, whatever screen or widget has the focus. The
 * session is the application's, so a second window or a lock screen
 * reaches it too. */
static void
emergency_stop_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  EbbWindow *self = EBB_WINDOW (user_data);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  EbbSession *session = EBB_IS_APPLICATION (app)
                        ? ebb_application_get_active_session (EBB_APPLICATION (app)) : NULL;

  if (session != NULL)
    ebb_session_emergency_stop (session);
  else
    ebb_session_view_emergency_stop (self->session_view);
}

/* While a session runs, the keys are the emergency stop before any widget
 * sees them (a search entry would otherwise take Escape for itself); with
 * no session they keep their ordinary meaning. */
static gboolean
capture_emergency_stop_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  EbbSession *session = EBB_IS_APPLICATION (app)
                        ? ebb_application_get_active_session (EBB_APPLICATION (app)) : NULL;

  if (session == NULL || ebb_session_is_finished (session))
    return FALSE;

  ebb_session_emergency_stop (session);
  return TRUE;
}

static void
session_done_cb (EbbWindow *self)
{
  adw_view_stack_set_visible_child_name (self->main_stack,
                                         self->page_before_session != NULL ? self->page_before_session
                                                                           : "welcome");
}

static const GActionEntry win_actions[] = {
  { "emergency-stop", emergency_stop_action_cb },
};

static void
ebb_window_class_init (EbbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (EBB_TYPE_DEVICE_STATUS);
  g_type_ensure (EBB_TYPE_SESSION_VIEW);

  object_class->dispose = ebb_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, device_status);
  gtk_widget_class_bind_template_callback (widget_class, device_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, session_view);
  gtk_widget_class_bind_template_callback (widget_class, session_done_cb);

  /* On the window class, so they work from every screen and focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.emergency-stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "win.emergency-stop", NULL);
}

static void
ebb_window_init (EbbWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_F12, 0)),
                                                          gtk_callback_action_new (capture_emergency_stop_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
}

/**
 * ebb_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
EbbWindow *
ebb_window_new (EbbApplication *application)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (application), NULL);

  return g_object_new (EBB_TYPE_WINDOW, "application", application, NULL);
}

/**
 * ebb_window_show_toast:
 * @self: the window
 * @message: the translated text to show
 *
 * Shows a short, non-blocking notice at the bottom of the window.
 */
void
ebb_window_show_toast (EbbWindow  *self,
                       const char *message)
{
  g_return_if_fail (EBB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * ebb_window_set_operator_session:
 * @self: the window
 * @ctx: the logged-in operator and the store
 *
 * Sets who runs the sessions started in this window.
 */
void
ebb_window_set_operator_session (EbbWindow          *self,
                                 EbbOperatorSession *ctx)
{
  g_return_if_fail (EBB_IS_WINDOW (self));
  g_return_if_fail (ctx == NULL || EBB_IS_OPERATOR_SESSION (ctx));

  g_set_object (&self->operator_session, ctx);
}

/**
 * ebb_window_start_session:
 * @self: the window
 * @client_id: the client
 *
 * Shows the preparation of a session for @client_id (the front desk's
 * `client.start-session`); problems show as a toast.
 */
void
ebb_window_start_session (EbbWindow *self,
                          gint64     client_id)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *current;

  g_return_if_fail (EBB_IS_WINDOW (self));

  if (self->operator_session == NULL || self->settings == NULL || !EBB_IS_APPLICATION (app))
    {
      ebb_window_show_toast (self, _("Log in to start a session."));
      return;
    }

  ebb_session_view_set_context (self->session_view, self->operator_session,
                                ebb_application_get_device_manager (EBB_APPLICATION (app)), self->settings);
  if (!ebb_session_view_prepare (self->session_view, client_id, &error))
    {
      ebb_window_show_toast (self, error->message);
      return;
    }

  current = adw_view_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (current, "session") != 0)
    {
      g_free (self->page_before_session);
      self->page_before_session = g_strdup (current);
    }
  adw_view_stack_set_visible_child_name (self->main_stack, "session");
}
