/* ebb-application.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ebb-application.h"

#include "ebb-audit-writer.h"
#include "ebb-device-manager.h"
#include "ebb-emergency-keys.h"
#include "ebb-environment.h"
#include "ebb-preferences-window.h"
#include "ebb-store-path.h"
#include "ebb-window.h"

struct _EbbApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings        *settings;
  EbbDeviceManager *device_manager;
  char             *database_path;
  char           *device;
  /* The session on the chamber now, whatever screen shows: the emergency
   * stop reaches it from every window, also behind the idle lock. */
  EbbSession       *active_session;
  /* The device setting changed while a session ran: it is applied when
   * the session ends, never under it. */
  gboolean          device_pending;
};

G_DEFINE_FINAL_TYPE (EbbApplication, ebb_application, ADW_TYPE_APPLICATION)

/* --database and --device override the settings for this run only, so a
 * demo or a service check never changes the clinic's configuration. */
static int
ebb_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  EbbApplication *self = EBB_APPLICATION (app);
  const char *value;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("ebbflow %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* --database PATH wins over the database-path setting (ebb-store-path.c). */
  if (!g_variant_dict_lookup (options, "database", "^&ay", &value))
    value = NULL;
  g_free (self->database_path);
  self->database_path = ebb_store_path_resolve (value);

  if (g_variant_dict_lookup (options, "device", "&s", &value))
    {
      g_free (self->device);
      self->device = g_strdup (value);
    }

  return -1;
}

static void
ebb_application_activate (GApplication *app)
{
  EbbApplication *self = EBB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (ebb_window_new (self));

  gtk_window_present (window);
}

/* Connects to the device in the setting, which an explicit choice (in
 * Preferences or the header) makes the device of this run too, --device
 * or not. */
static void
apply_device_setting (EbbApplication *self)
{
  g_autofree char *device = g_settings_get_string (self->settings, "device");

  self->device_pending = FALSE;
  g_clear_pointer (&self->device, g_free);
  if (g_strcmp0 (device, ebb_device_manager_get_device (self->device_manager)) != 0)
    ebb_device_manager_set_device (self->device_manager, device);
}

/* A change of device takes effect at once, except under a running
 * session: switching the chamber would end it, and how a session ends is
 * the runner's decision alone. */
static void
device_setting_changed_cb (EbbApplication *self)
{
  const char *note = _("The new device is used once the running session has ended.");

  if (self->active_session == NULL || ebb_session_is_finished (self->active_session))
    {
      apply_device_setting (self);
      return;
    }

  /* Said where the choice was made: the console or Preferences. */
  self->device_pending = TRUE;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (EBB_IS_WINDOW (l->data))
        ebb_window_show_toast (EBB_WINDOW (l->data), note);
      else if (ADW_IS_PREFERENCES_WINDOW (l->data))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (l->data), adw_toast_new (note));
    }
}

static void
ebb_application_startup (GApplication *app)
{
  EbbApplication *self = EBB_APPLICATION (app);
  g_autofree char *device = NULL;

  G_APPLICATION_CLASS (ebb_application_parent_class)->startup (app);

  ebb_emergency_keys_watch_toplevels (G_OBJECT (self));

  self->settings = ebb_environment_settings ();
  gtk_window_set_default_icon_name (APP_ID);

  /* Connect at start-up, so the chamber is ready when the first screen is. */
  device = ebb_application_dup_device (self);
  self->device_manager = ebb_device_manager_new ();
  ebb_device_manager_set_device (self->device_manager, device);
  g_signal_connect_object (self->settings, "changed::device",
                           G_CALLBACK (device_setting_changed_cb), self, G_CONNECT_SWAPPED);
}

/* A session's audit entries are committed on the store's writer thread,
 * which does not outlive the process: on a slow disk the last ones (a stop
 * just before quitting) could still be queued. Each window's store waits
 * for them here. */
static void
ebb_application_shutdown (GApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      EbbStore *store = EBB_IS_WINDOW (l->data) ? ebb_window_get_store (l->data) : NULL;

      if (store != NULL && !ebb_audit_writer_flush_store (store, &error))
        g_warning ("Audit entries of the last session were not written: %s", error->message);
    }

  G_APPLICATION_CLASS (ebb_application_parent_class)->shutdown (app);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Ebbflow developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Ebbflow"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Ebbflow developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("The operator console for intermittent negative pressure therapy."),
                         "developers", developers,
                         "copyright", "© 2026 The Ebbflow developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your name here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  EbbApplication *self = EBB_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  /* Every change goes through the core as this operator (ebb-admin.c). */
  EbbPreferencesWindow *prefs =
    ebb_preferences_window_new (self->settings,
                                EBB_IS_WINDOW (parent)
                                  ? ebb_window_get_operator_session (EBB_WINDOW (parent)) : NULL);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  /* Work in Preferences keeps the console from locking; the lock closes it. */
  if (EBB_IS_WINDOW (parent))
    ebb_window_watch_activity (EBB_WINDOW (parent), GTK_WINDOW (prefs));
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
};

static void
ebb_application_dispose (GObject *object)
{
  EbbApplication *self = EBB_APPLICATION (object);

  g_clear_object (&self->active_session);
  g_clear_object (&self->device_manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ebb_application_parent_class)->dispose (object);
}

static void
ebb_application_finalize (GObject *object)
{
  EbbApplication *self = EBB_APPLICATION (object);

  g_free (self->database_path);
  g_free (self->device);

  G_OBJECT_CLASS (ebb_application_parent_class)->finalize (object);
}

static void
ebb_application_class_init (EbbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ebb_application_dispose;
  object_class->finalize = ebb_application_finalize;
  app_class->handle_local_options = ebb_application_handle_local_options;
  app_class->activate = ebb_application_activate;
  app_class->startup = ebb_application_startup;
  app_class->shutdown = ebb_application_shutdown;
}

static void
ebb_application_init (EbbApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the database file PATH instead of the configured one"), N_("PATH") },
    { "device", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the chamber DEVICE for this run: a port, “auto”, “sim” or “sim:OPTIONS”"), N_("DEVICE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}

/**
 * ebb_application_new:
 *
 * Returns: (transfer full): the application
 */
EbbApplication *
ebb_application_new (void)
{
  return g_object_new (EBB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", APP_RESOURCE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * ebb_application_get_database_path:
 * @self: the application
 *
 * Returns: the database file: the one given with --database, else the
 *   `database-path` setting, else the default file in the user's data folder
 */
const char *
ebb_application_get_database_path (EbbApplication *self)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * ebb_application_dup_device:
 * @self: the application
 *
 * Returns: (transfer full): the chamber device string: the one given with
 *   --device, else the `device` setting
 */
char *
ebb_application_dup_device (EbbApplication *self)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (self), NULL);

  if (self->device != NULL)
    return g_strdup (self->device);

  return g_settings_get_string (self->settings, "device");
}

/**
 * ebb_application_get_device_manager:
 * @self: the application
 *
 * Returns: (transfer none): the chamber connection; valid after startup
 */
EbbDeviceManager *
ebb_application_get_device_manager (EbbApplication *self)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (self), NULL);

  return self->device_manager;
}

/**
 * ebb_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none): the application's settings; valid after startup
 */
GSettings *
ebb_application_get_settings (EbbApplication *self)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * ebb_application_get_active_session:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the session on the chamber, if any
 */
EbbSession *
ebb_application_get_active_session (EbbApplication *self)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (self), NULL);

  return self->active_session;
}

/**
 * ebb_application_set_active_session:
 * @self: the application
 * @session: (nullable): the session now on the chamber, or %NULL
 *
 * Registers the session that the emergency stop (`win.emergency-stop`,
 * Escape, F12) acts on.
 */
void
ebb_application_set_active_session (EbbApplication *self,
                                    EbbSession     *session)
{
  g_return_if_fail (EBB_IS_APPLICATION (self));
  g_return_if_fail (session == NULL || EBB_IS_SESSION (session));

  g_set_object (&self->active_session, session);
  if (session == NULL && self->device_pending)
    apply_device_setting (self);

  /* A lock never stops a session: every window keeps its emergency stop
   * reachable behind the lock and refuses to log out while one runs. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EBB_IS_WINDOW (l->data))
      ebb_window_set_session_running (EBB_WINDOW (l->data), session != NULL);
}

/**
 * ebb_application_get_device_pending:
 * @self: the application
 *
 * Returns: whether the device setting changed under a running session and
 *   is applied when it ends
 */
gboolean
ebb_application_get_device_pending (EbbApplication *self)
{
  g_return_val_if_fail (EBB_IS_APPLICATION (self), FALSE);

  return self->device_pending;
}
