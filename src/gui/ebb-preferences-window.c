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
#include "ebb-admin.h"
#include "ebb-device-manager.h"
#include "ebb-units.h"

typedef enum
{
  FIELD_ENTRY,
  FIELD_SPIN,
  FIELD_CHOICE,
  FIELD_PATH,
} FieldKind;

/* One setting in the window: its key, its widget and the row below it
 * that shows the core's refusal. */
typedef struct
{
  EbbPreferencesWindow *self;
  const char           *key;
  FieldKind             kind;
  GtkWidget            *widget;
  const char          **ids;          /* FIELD_CHOICE: the stored values, in row order */
  GtkWidget            *error_row;
  GtkLabel             *error_label;
  guint                 commit_id;    /* FIELD_SPIN: a commit is pending */
} Field;

#define N_FIELDS 13

/**
 * EbbPreferencesWindow:
 *
 * The clinic's settings. Nothing is bound to GSettings directly: every
 * change goes through ebb_admin_change_setting() with the console's
 * operator session, so the administrator check, the validation and the
 * `settings.change` audit entry cannot be skipped. A refusal is shown in a
 * row right below its field and the field goes back to the stored value.
 *
 * Each change is committed once, when it is complete: a choice at once,
 * an entry on Enter or when the focus leaves it, a spin button one second
 * after the last step (or when the focus leaves it), a file on choosing.
 * So stepping a spin button from 5 to 9 minutes writes one entry, not four.
 */
struct _EbbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *pressure_unit_row;
  AdwComboRow          *device_row;
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
  EbbOperatorSession   *session;
  GtkFileChooserNative *chooser;
  char                **device_ids;   /* the device row's choices, in row order */

  /* state */
  Field                 fields[N_FIELDS];
  guint                 loading;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (EbbPreferencesWindow, ebb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Combo rows list their choices in the order of these identifier arrays,
 * which are the values the settings keys store. */
static const char *unit_ids[] = { "mmhg", "mbar", "kpa", NULL };
static const char *paper_ids[] = { "auto", "a4", "letter", NULL };
static const char *language_ids[] = { "", "en", "de", NULL };

static const struct {
  const char  *key;
  FieldKind    kind;
  gsize        offset;
  const char **ids;
} field_specs[N_FIELDS] = {
  { "pressure-unit", FIELD_CHOICE, G_STRUCT_OFFSET (EbbPreferencesWindow, pressure_unit_row), unit_ids },
  /* The device's choices are the ports found when the window opens. */
  { "device", FIELD_CHOICE, G_STRUCT_OFFSET (EbbPreferencesWindow, device_row), NULL },
  { "idle-lock-minutes", FIELD_SPIN, G_STRUCT_OFFSET (EbbPreferencesWindow, idle_lock_spin), NULL },
  { "clinic-name", FIELD_ENTRY, G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_name_row), NULL },
  { "clinic-address", FIELD_ENTRY, G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_address_row), NULL },
  { "clinic-phone", FIELD_ENTRY, G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_phone_row), NULL },
  { "clinic-logo", FIELD_PATH, G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_logo_row), NULL },
  { "paper-size", FIELD_CHOICE, G_STRUCT_OFFSET (EbbPreferencesWindow, paper_size_row), paper_ids },
  { "report-language", FIELD_CHOICE, G_STRUCT_OFFSET (EbbPreferencesWindow, report_language_row), language_ids },
  { "clinic-limit-pa", FIELD_SPIN, G_STRUCT_OFFSET (EbbPreferencesWindow, clinic_limit_spin), NULL },
  { "screening-validity-days", FIELD_SPIN, G_STRUCT_OFFSET (EbbPreferencesWindow, validity_spin), NULL },
  { "backup-directory", FIELD_PATH, G_STRUCT_OFFSET (EbbPreferencesWindow, backup_directory_row), NULL },
  { "backup-keep", FIELD_SPIN, G_STRUCT_OFFSET (EbbPreferencesWindow, backup_keep_spin), NULL },
};

/* A spin button's value is committed this long after its last change. */
#define SPIN_COMMIT_DELAY_MS 1000

static Field *
find_field (EbbPreferencesWindow *self,
            const char           *key)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (self->fields[i].key, key))
      return &self->fields[i];

  return NULL;
}

/* The row the operator sees for the field: spin buttons sit in one. */
static GtkWidget *
field_row (Field *field)
{
  return field->kind == FIELD_SPIN
         ? gtk_widget_get_ancestor (field->widget, ADW_TYPE_PREFERENCES_ROW)
         : field->widget;
}

static void
show_path (AdwActionRow *row,
           const char   *path,
           const char   *empty_text)
{
  adw_action_row_set_subtitle (row, path == NULL || *path == '\0' ? empty_text : path);
}

/* Shows the stored value in the field's widget; guarded so that showing it
 * is never taken for the operator's change. */
static void
load_field (Field *field)
{
  EbbPreferencesWindow *self = field->self;
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, field->key);

  self->loading++;
  switch (field->kind)
    {
    case FIELD_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (field->widget), g_variant_get_string (value, NULL));
      break;

    case FIELD_SPIN:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget),
                                 g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)
                                 ? (double) g_variant_get_int32 (value)
                                 : (double) g_variant_get_uint32 (value));
      break;

    case FIELD_CHOICE:
      for (guint i = 0; field->ids[i] != NULL; i++)
        if (g_str_equal (field->ids[i], g_variant_get_string (value, NULL)))
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), i);
      break;

    case FIELD_PATH:
      if (g_str_equal (field->key, "clinic-logo"))
        {
          show_path (ADW_ACTION_ROW (field->widget), g_variant_get_string (value, NULL), _("No logo"));
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-logo",
                                         *g_variant_get_string (value, NULL) != '\0');
        }
      else
        {
          show_path (ADW_ACTION_ROW (field->widget), g_variant_get_string (value, NULL),
                     _("A “backups” folder beside the database"));
        }
      break;

    default:
      g_assert_not_reached ();
    }
  self->loading--;
}

static void
show_field_error (Field      *field,
                  const char *message)
{
  gtk_label_set_label (field->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (field->error_row, message != NULL);
  /* An entry row is marked the Adwaita way; other rows show the stored
   * value again, which must not look wrong. */
  if (field->kind != FIELD_ENTRY)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (field->widget, "error");
  else
    gtk_widget_remove_css_class (field->widget, "error");
}

/* The value the widget shows now, in the key's type. */
static GVariant *
field_value (Field *field)
{
  EbbPreferencesWindow *self = field->self;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      return g_variant_new_string (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

    case FIELD_SPIN:
      {
        g_autoptr(GVariant) stored = g_settings_get_value (self->settings, field->key);
        int value = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->widget));

        if (g_variant_is_of_type (stored, G_VARIANT_TYPE_INT32))
          return g_variant_new_int32 (value);
        return g_variant_new_uint32 (MAX (value, 0));
      }

    case FIELD_CHOICE:
      {
        guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget));

        if (position >= g_strv_length ((char **) field->ids))
          return NULL;
        return g_variant_new_string (field->ids[position]);
      }

    case FIELD_PATH:
    default:
      g_assert_not_reached ();
    }
}

/* Hands @value to the core. On refusal the message goes below the field
 * and the field shows the stored value again. */
static gboolean
commit (Field    *field,
        GVariant *value)
{
  EbbPreferencesWindow *self = field->self;
  g_autoptr(GVariant) owned = g_variant_take_ref (value);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    {
      load_field (field);
      return FALSE;
    }

  if (!ebb_admin_change_setting (self->session, self->settings, field->key, owned, &error))
    {
      show_field_error (field, error->message);
      load_field (field);
      return FALSE;
    }

  show_field_error (field, NULL);
  /* The stored value, which may differ from what was typed (spaces). */
  load_field (field);
  return TRUE;
}

/* Commits the widget's value if it differs from the stored one: an
 * unchanged field never reaches the core, so it writes no entry (and no
 * refusal for an operator who changed nothing). */
static gboolean
commit_field (Field *field)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) stored = NULL;

  g_clear_handle_id (&field->commit_id, g_source_remove);
  if (field->kind == FIELD_SPIN)
    gtk_spin_button_update (GTK_SPIN_BUTTON (field->widget));

  value = field_value (field);
  if (value == NULL)
    return TRUE;
  g_variant_ref_sink (value);

  stored = g_settings_get_value (field->self->settings, field->key);
  if (g_variant_equal (stored, value))
    return TRUE;

  return commit (field, g_steal_pointer (&value));
}

static gboolean
spin_commit_cb (gpointer data)
{
  Field *field = data;

  field->commit_id = 0;
  commit_field (field);
  return G_SOURCE_REMOVE;
}

static void
field_changed_cb (Field *field)
{
  if (field->self->loading > 0 || field->self->disposed)
    return;

  switch (field->kind)
    {
    case FIELD_SPIN:
      g_clear_handle_id (&field->commit_id, g_source_remove);
      field->commit_id = g_timeout_add (SPIN_COMMIT_DELAY_MS, spin_commit_cb, field);
      break;

    case FIELD_CHOICE:
      commit_field (field);
      break;

    case FIELD_ENTRY:
    case FIELD_PATH:
    default:
      /* Committed on Enter or when the focus leaves. */
      break;
    }
}

static void
focus_left_cb (Field *field)
{
  if (field->self->disposed)
    return;

  if (field->kind == FIELD_ENTRY || field->commit_id != 0)
    commit_field (field);
}

/* Another part of the console (or another window) changed a key: show it,
 * unless the operator is in the middle of editing that field. */
static void
settings_changed_cb (EbbPreferencesWindow *self,
                     const char           *key)
{
  Field *field = find_field (self, key);
  GtkWidget *focus;

  if (field == NULL || field->commit_id != 0)
    return;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (field->kind == FIELD_ENTRY && focus != NULL &&
      (focus == field->widget || gtk_widget_is_ancestor (focus, field->widget)))
    return;

  load_field (field);
}

/* Error rows go right below their field in the same boxed list. */
static void
add_error_row (Field *field)
{
  GtkWidget *row = field_row (field);
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *error_row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  g_assert (GTK_IS_LIST_BOX (list));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_set_focusable (error_row, FALSE);
  gtk_widget_set_visible (error_row, FALSE);
  gtk_widget_set_name (error_row, field->key);
  gtk_widget_add_css_class (error_row, "field-error");
  gtk_list_box_insert (GTK_LIST_BOX (list), error_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);

  field->error_row = error_row;
  field->error_label = GTK_LABEL (label);
}

static void
connect_field (Field *field)
{
  GtkEventController *focus;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      g_signal_connect_swapped (field->widget, "entry-activated", G_CALLBACK (commit_field), field);
      break;

    case FIELD_SPIN:
      g_signal_connect_swapped (field->widget, "value-changed", G_CALLBACK (field_changed_cb), field);
      break;

    case FIELD_CHOICE:
      g_signal_connect_swapped (field->widget, "notify::selected", G_CALLBACK (field_changed_cb), field);
      break;

    case FIELD_PATH:
    default:
      return;
    }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left_cb), field);
  gtk_widget_add_controller (field->widget, focus);
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

/* Automatic, each port found now (chambers first), the simulated
 * chamber, and the stored device if it is none of these (a port that is
 * unplugged, simulator options), so the row always shows the truth. */
static void
fill_device_model (EbbPreferencesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) choices = ebb_device_manager_list_choices (NULL);
  g_autofree char *stored = self->settings ? g_settings_get_string (self->settings, "device") : NULL;
  gboolean listed = g_strcmp0 (stored, "auto") == 0;

  gtk_string_list_append (labels, _("Automatic"));
  g_strv_builder_add (ids, "auto");

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      const EbbDeviceChoice *choice = g_ptr_array_index (choices, i);
      /* Translators: a device and where it is, e.g. a port path */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), choice->label, choice->detail);

      gtk_string_list_append (labels, label);
      g_strv_builder_add (ids, choice->spec);
      listed = listed || g_strcmp0 (stored, choice->spec) == 0;
    }

  if (choices == NULL)
    {
      /* Listing the ports failed; the simulated chamber is always there. */
      gtk_string_list_append (labels, _("Simulated chamber"));
      g_strv_builder_add (ids, "sim");
      listed = listed || g_strcmp0 (stored, "sim") == 0;
    }

  if (!listed && stored != NULL && *stored != '\0')
    {
      gtk_string_list_append (labels, stored);
      g_strv_builder_add (ids, stored);
    }

  g_strfreev (self->device_ids);
  self->device_ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (labels));
}

static void
chooser_response_cb (EbbPreferencesWindow *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  Field *field = find_field (self, g_object_get_data (G_OBJECT (chooser), "settings-key"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      /* Only local files can be printed into a report or hold backups. */
      if (path == NULL)
        show_field_error (field, _("Choose a file or folder on this computer."));
      else
        commit (field, g_variant_new_string (path));
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
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (widget);

  commit (find_field (self, "clinic-logo"), g_variant_new_string (""));
}

static void
choose_backup_directory_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  open_chooser (EBB_PREFERENCES_WINDOW (widget), _("Choose the Backup Folder"),
                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, "backup-directory", NULL);
}

/* Closing commits what is still pending; a refusal keeps the window open,
 * so the operator sees why. */
static gboolean
ebb_preferences_window_close_request (GtkWindow *window)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (window);

  if (!ebb_preferences_window_commit_pending (self))
    return GDK_EVENT_STOP;

  return GTK_WINDOW_CLASS (ebb_preferences_window_parent_class)->close_request (window);
}

static void
ebb_preferences_window_constructed (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ebb_preferences_window_parent_class)->constructed (object);

  fill_unit_model (self);
  fill_device_model (self);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      field->self = self;
      field->key = field_specs[i].key;
      field->kind = field_specs[i].kind;
      field->ids = g_str_equal (field->key, "device") ? (const char **) self->device_ids
                                                     : field_specs[i].ids;
      field->widget = G_STRUCT_MEMBER (GtkWidget *, self, field_specs[i].offset);
      add_error_row (field);
    }

  if (self->settings == NULL || self->session == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      load_field (&self->fields[i]);
      connect_field (&self->fields[i]);
    }

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
ebb_preferences_window_dispose (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  self->disposed = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_handle_id (&self->fields[i].commit_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ebb_preferences_window_parent_class)->dispose (object);
}

static void
ebb_preferences_window_finalize (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  g_strfreev (self->device_ids);

  G_OBJECT_CLASS (ebb_preferences_window_parent_class)->finalize (object);
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

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ebb_preferences_window_constructed;
  object_class->dispose = ebb_preferences_window_dispose;
  object_class->finalize = ebb_preferences_window_finalize;
  object_class->set_property = ebb_preferences_window_set_property;
  window_class->close_request = ebb_preferences_window_close_request;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         EBB_TYPE_OPERATOR_SESSION,
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
 * @session: (nullable): the operator at the console, who makes the changes
 *
 * Without either the window shows the settings but cannot change them.
 *
 * Returns: (transfer full): a new preferences window
 */
EbbPreferencesWindow *
ebb_preferences_window_new (GSettings          *settings,
                            EbbOperatorSession *session)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (session == NULL || EBB_IS_OPERATOR_SESSION (session), NULL);

  return g_object_new (EBB_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "session", session,
                       NULL);
}

/**
 * ebb_preferences_window_commit_pending:
 * @self: the window
 *
 * Commits what the operator changed but the window has not committed yet:
 * a spin button within its delay, an entry row still being edited.
 * Closing the window does this too.
 *
 * Returns: %FALSE if the core refused any of them (the message is shown
 *   below the field)
 */
gboolean
ebb_preferences_window_commit_pending (EbbPreferencesWindow *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (EBB_IS_PREFERENCES_WINDOW (self), FALSE);

  if (self->settings == NULL || self->session == NULL)
    return TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      if (field->commit_id != 0 || field->kind == FIELD_ENTRY)
        ok = commit_field (field) && ok;
    }

  return ok;
}

/**
 * ebb_preferences_window_get_error:
 * @self: the window
 * @key: a settings key the window shows
 *
 * Returns: (nullable): the refusal shown below the field, if any
 */
const char *
ebb_preferences_window_get_error (EbbPreferencesWindow *self,
                                  const char           *key)
{
  Field *field;

  g_return_val_if_fail (EBB_IS_PREFERENCES_WINDOW (self), NULL);

  field = find_field (self, key);
  g_return_val_if_fail (field != NULL, NULL);

  if (field->error_row == NULL || !gtk_widget_get_visible (field->error_row))
    return NULL;

  return gtk_label_get_label (field->error_label);
}
