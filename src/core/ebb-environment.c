/* ebb-environment.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-environment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>

#include "ebb-environment.h"

/* Every program runs both installed and straight from the build tree. The
 * installed files win; the build tree's are used only when nothing is
 * installed, so a developer never needs `meson install` or extra variables. */

static gboolean
installed_catalog_exists (void)
{
  const char * const *langs = g_get_language_names ();

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *mo = g_build_filename (LOCALEDIR, langs[i], "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (mo, G_FILE_TEST_EXISTS))
        return TRUE;
    }

  return FALSE;
}

/**
 * ebb_environment_init_i18n:
 *
 * Sets the locale from the environment and binds the message catalogue,
 * from the installed locale directory or, when running uninstalled, from
 * the build tree.
 */
void
ebb_environment_init_i18n (void)
{
  const char *dir = LOCALEDIR;

  setlocale (LC_ALL, "");

  if (!installed_catalog_exists () && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    dir = BUILD_LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static GSettingsSchema *
lookup_build_tree_schema (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (BUILD_SCHEMA_DIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    return NULL;

  source = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR,
                                                        g_settings_schema_source_get_default (),
                                                        FALSE, &error);
  if (source == NULL)
    {
      g_warning ("Cannot read the build tree's settings schema: %s", error->message);
      return NULL;
    }

  return g_settings_schema_source_lookup (source, APP_ID, FALSE);
}

/**
 * ebb_environment_settings:
 *
 * Creates the application's #GSettings, from the installed schema or the
 * one compiled into the build tree.
 *
 * Returns: (transfer full): the settings
 */
GSettings *
ebb_environment_settings (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APP_ID, TRUE);

  if (schema == NULL)
    schema = lookup_build_tree_schema ();

  /* Without a schema nothing can work; this is an installation error, so
   * say exactly which file is missing rather than let GLib abort. */
  if (schema == NULL)
    {
      g_printerr (_("The settings schema %s is not installed. Run “meson install”, or start "
                    "Ebbflow from its build directory.\n"), APP_ID);
      exit (EXIT_FAILURE);
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * ebb_environment_pressure_unit:
 * @settings: the application's settings
 *
 * Returns: the clinic's pressure unit (the pressure-unit setting), mmHg
 *   for a value this version does not know
 */
EbbPressureUnit
ebb_environment_pressure_unit (GSettings *settings)
{
  g_autofree char *id = NULL;
  EbbPressureUnit unit;

  g_return_val_if_fail (G_IS_SETTINGS (settings), EBB_PRESSURE_UNIT_MMHG);

  id = g_settings_get_string (settings, "pressure-unit");
  if (!ebb_units_from_id (id, &unit))
    unit = EBB_PRESSURE_UNIT_MMHG;
  return unit;
}
