/* main-sim.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebbflow-chamber-sim"

#include "config.h"

#include "ebb-sim-chamber.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A developer and service tool: its texts are plain English, untranslated,
 * and shared with the `sim:` option strings through ebb-sim-config. */

static gboolean
option_cb (const char  *option_name,
           const char  *value,
           gpointer     user_data,
           GError     **error)
{
  EbbSimConfig *config = user_data;
  const char *key = option_name;

  while (*key == '-')
    key++;
  return ebb_sim_config_set (config, key, value, error);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* Replaces a stale symlink (from a simulator that was killed) but never a
 * file that is something else. */
static gboolean
make_link (const char  *target,
           const char  *link_path,
           GError     **error)
{
  if (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK))
    g_unlink (link_path);
  if (symlink (target, link_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create the link %s: %s", link_path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbSimChamber) chamber = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree char *link_path = NULL;
  EbbSimConfig config;
  const EbbSimOptionInfo *infos;
  gboolean version = FALSE;
  guint n_infos, n = 0;
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  ebb_sim_config_init (&config);

  infos = ebb_sim_config_get_options (&n_infos);
  entries = g_new0 (GOptionEntry, n_infos + 3);
  for (guint i = 0; i < n_infos; i++)
    entries[n++] = (GOptionEntry) { infos[i].name, 0, 0, G_OPTION_ARG_CALLBACK,
                                    (gpointer) option_cb, infos[i].help, infos[i].arg };
  entries[n++] = (GOptionEntry) { "link", 0, 0, G_OPTION_ARG_FILENAME, &link_path,
                                  "Also make PATH a symlink to the pty (removed on exit)", "PATH" };
  entries[n++] = (GOptionEntry) { "version", 0, 0, G_OPTION_ARG_NONE, &version,
                                  "Print the version and exit", NULL };

  context = g_option_context_new ("- simulated Ebbflow INP chamber (ECP/1 device side)");
  g_option_context_set_summary (context,
    "Creates a pseudo-terminal that behaves like a chamber on a serial port and\n"
    "prints its path on standard output. Any ECP/1 host can open it.");
  g_option_context_set_description (context,
    "Times (…-at) are seconds since the simulator started. The same options work\n"
    "in a console device string: sim:seed=7,leak-at=30,ber=0.001\n"
    "Stop with Ctrl-C or SIGTERM. See docs/simulator.md.\n");
  group = g_option_group_new (NULL, NULL, NULL, &config, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, g_steal_pointer (&group));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ebbflow-chamber-sim: %s\n", error->message);
      g_printerr ("Try 'ebbflow-chamber-sim --help'.\n");
      ebb_sim_config_clear (&config);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr ("ebbflow-chamber-sim: unexpected argument '%s'\n", argv[1]);
      ebb_sim_config_clear (&config);
      return 2;
    }

  if (version)
    {
      g_print ("ebbflow-chamber-sim %s\n", PACKAGE_VERSION);
      ebb_sim_config_clear (&config);
      return EXIT_SUCCESS;
    }

  chamber = ebb_sim_chamber_new_with_config (&config);
  ebb_sim_config_clear (&config);
  if (!ebb_sim_chamber_start (chamber, &error))
    {
      g_printerr ("ebbflow-chamber-sim: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (link_path != NULL && !make_link (ebb_sim_chamber_get_path (chamber), link_path, &error))
    {
      g_printerr ("ebbflow-chamber-sim: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Handle the signals before telling anyone the path: a caller may stop
   * us as soon as it has read it. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  printf ("%s\n", ebb_sim_chamber_get_path (chamber));
  fflush (stdout);

  g_main_loop_run (loop);

  ebb_sim_chamber_stop (chamber);
  if (link_path != NULL && g_unlink (link_path) != 0)
    {
      g_printerr ("ebbflow-chamber-sim: could not remove %s: %s\n", link_path, g_strerror (errno));
      status = EXIT_FAILURE;
    }

  return status;
}
