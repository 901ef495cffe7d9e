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

  /* owned */
  GSettings            *settings;
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

  G_OBJECT_CLASS (ebb_window_parent_class)->dispose (object);
}

static void
ebb_window_class_init (EbbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (EBB_TYPE_DEVICE_STATUS);

  object_class->dispose = ebb_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, device_status);
  gtk_widget_class_bind_template_callback (widget_class, device_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbbWindow, main_stack);
}

static void
ebb_window_init (EbbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
