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

  /* owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (EbbPreferencesWindow, ebb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The combo row lists the units in EbbPressureUnit order. */
static gboolean
unit_id_to_position_cb (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  EbbPressureUnit unit;

  if (!ebb_units_from_id (g_variant_get_string (variant, NULL), &unit))
    return FALSE;

  g_value_set_uint (value, (guint) unit);
  return TRUE;
}

static GVariant *
position_to_unit_id_cb (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position > EBB_PRESSURE_UNIT_KPA)
    return NULL;

  return g_variant_new_string (ebb_units_id ((EbbPressureUnit) position));
}

static void
fill_unit_model (EbbPreferencesWindow *self)
{
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);

  for (guint i = EBB_PRESSURE_UNIT_MMHG; i <= EBB_PRESSURE_UNIT_KPA; i++)
    gtk_string_list_append (units, ebb_units_symbol ((EbbPressureUnit) i));

  adw_combo_row_set_model (self->pressure_unit_row, G_LIST_MODEL (units));
}

static void
ebb_preferences_window_constructed (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ebb_preferences_window_parent_class)->constructed (object);

  fill_unit_model (self);

  if (self->settings == NULL)
    return;

  g_settings_bind_with_mapping (self->settings, "pressure-unit",
                                self->pressure_unit_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                unit_id_to_position_cb, position_to_unit_id_cb,
                                NULL, NULL);
  g_settings_bind (self->settings, "device", self->device_row, "text", G_SETTINGS_BIND_DEFAULT);
}

static void
ebb_preferences_window_dispose (GObject *object)
{
  EbbPreferencesWindow *self = EBB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_PREFERENCES_WINDOW);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/ui/ebb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, pressure_unit_row);
  gtk_widget_class_bind_template_child (widget_class, EbbPreferencesWindow, device_row);
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
