/* ebb-preferences-window.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-preferences-window.h"
#include "ebb-units.h"

struct _EbbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *pressure_unit_row;
  AdwEntryRow          *device_row;
  GtkSpinButton        *idle_lock_spin;
  AdwEntryRow          *clinic_name_row;
  AdwEntryRow          *clinic_address_row;
  AdwEntryRow          *clinic_phone_row;
  AdwActionRow         *clinic_logo_row;
  AdwComboRow          *paper_size_row;
  AdwComboRow          *report_language_row;
  GtkSpinButton        *clinic_limit_spin;
  GtkSpinButton        *validity_spin;
  AdwActionRow         *backup_directory_row;
  GtkSpinButton        *backup_keep_spin;

  /* owned */
  GSettings            *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (EbbPreferencesWindow, ebb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Combo rows list their choices in the order of these identifier arrays,
 * which are the values the settings keys store. */
static const char *unit_ids[] = { "mmhg", "mbar", "kpa", NULL };
static const char *paper_ids[] = { "auto", "a4", "letter", NULL };
static const char *language_ids[] = { "", "en", "de", NULL };

static gboolean
id_to_position_cb (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_strcmp0 (ids[i], id) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
position_to_id_cb (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  const char * const *ids = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) ids))
    return NULL;

  return g_variant_new_string (ids[position]);
}

static void
bind_choice (EbbPreferencesWindow *self,
             const char           *key,
             AdwComboRow          *row,
             const char          **ids)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                id_to_position_cb, position_to_id_cb, ids, NULL);
}

static void
show_path (AdwActionRow *row,
           const char   *path,
           const char   *empty_text)
{
  if (path == NULL || *path == '\0')
    {
      adw_action_row_set_subtitle (row, empty_text);
      return;
    }

  adw_action_row_set_subtitle (row, path);
}

static void
paths_changed_cb (EbbPreferencesWindow *self)
{
  g_autofree char *logo = g_settings_get_string (self->settings, "clinic-logo");
  g_autofree char *backups = g_settings_get_string (self->settings, "backup-directory");

  show_path (self->clinic_logo_row, logo, _("No logo"));
  show_path (self->backup_directory_row, backups, _("A “backups” folder beside the database"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-logo", logo[0] != '\0');
}

static void
fill_unit_model (EbbPreferencesWindow *self)
{
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);

  for (guint i = 0; unit_ids[i] != NULL; i++)
    {
      EbbPressureUnit unit;

      g_assert (ebb_units_from_id (unit_ids[i], &unit));
      gtk_string_list_append (units, ebb_units_symbol (unit));
    }

  adw_combo_row_set_model (self->pressure_unit_row, G_LIST_MODEL (units));
}

static void
chooser_response_cb (EbbPreferencesWindow *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  const char *key = g_object_get_data (G_OBJECT (chooser), "settings-key");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      /* Only local files can be printed into a report or hold backups. */
      if (path == NULL)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Choose a file or folder on this computer.")));
      else
        g_settings_set_string (self->settings, key, path);
    }

  g_clear_object (&self->chooser);
}

static void
open_chooser (EbbPreferencesWindow *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *key,
              GtkFileFilter        *filter)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                               _("_Select"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (self->chooser), "settings-key", g_strdup (key), g_free);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("PNG or JPEG images"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  open_chooser (EBB_PREFERENCES_WINDOW (widget), _("Choose the Clinic Logo"),
                GTK_FILE_CHOOSER_ACTION_OPEN, "clinic-logo", images);
}

static void
clear_logo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_settings_set_string (EBB_PREFERENCES_WINDOW (widget)->settings, "clinic-logo", "");
}

static void
choose_backup_directory_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  open_chooser (EBB_PREFERENCES_WINDOW (widget), _("Choose the Backup Folder"),
                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, "backup-directory", NULL);
}

static void
ebb_preferences_window_constructed (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);
  static const struct { const char *key; gsize offset; } entries[] = {
    { "device", G_STRUCT_OFFSET (EbbPreferencesWindow, device_row) },
    { "clinic-name", G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_name_row) },
    { "clinic-address", G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_address_row) },
    { "clinic-phone", G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_phone_row) },
    { "idle-lock-minutes", G_STRUCT_OFFSET (EbbPreferencesWindow, idle_lock_spin) },
    { "clinic-limit-pa", G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_limit_spin) },
    { "screening-validity-days", G_STRUCT_OFFSET (EbbPreferencesWindow, validity_spin) },
    { "backup-keep", G_STRUCT_OFFSET (EbbPreferencesWindow, backup_keep_spin) },
  };

  G_OBJECT_CLASS (ebb_preferences_window_parent_class)->constructed (object);

  fill_unit_model (self);

  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GObject *widget = G_STRUCT_MEMBER (GObject *, self, entries[i].offset);
      const char *property = GTK_IS_SPIN_BUTTON (widget) ? "value" : "text";

      g_settings_bind (self->settings, entries[i].key, widget, property, G_SETTINGS_BIND_DEFAULT);
    }

  bind_choice (self, "pressure-unit", self->pressure_unit_row, unit_ids);
  bind_choice (self, "paper-size", self->paper_size_row, paper_ids);
  bind_choice (self, "report-language", self->report_language_row, language_ids);

  g_signal_connect_object (self->settings, "changed::clinic-logo",
                           G_CALLBACK (paths_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::backup-directory",
                           G_CALLBACK (paths_changed_cb), self, G_CONNECT_SWAPPED);
  paths_changed_cb (self);
}

static void
ebb_preferences_window_dispose (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ebb_preferences_window_parent_class)->dispose (object);
}

static void
ebb_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_preferences_window_class_init (EbbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ebb_preferences_window_constructed;
  object_class->dispose = ebb_preferences_window_dispose;
  object_class->set_property = ebb_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "prefs.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-logo", NULL, clear_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.choose-backup-directory", NULL,
                                   choose_backup_directory_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, pressure_unit_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, device_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, clinic_name_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, clinic_address_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, clinic_phone_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, clinic_logo_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, paper_size_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, report_language_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, clinic_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, validity_spin);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, backup_directory_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, backup_keep_spin);
}

static void
ebb_preferences_window_init (EbbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ebb_preferences_window_new:
 * @settings: (nullable): the application settings the window edits
 *
 * Returns: (transfer full): a new preferences window
 */
EbbPreferencesWindow *
ebb_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (EBB_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
