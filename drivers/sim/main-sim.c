/* main-sim.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <stdlib.h>

/* The simulated chamber's pseudo-terminal server. Its device model arrives
 * with the drivers issue; until then it answers --help and --version. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- simulated Ebbflow INP chamber (ECP/1 device side)");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ebbflow-chamber-sim: %s\n", error->message);
      g_printerr ("Try 'ebbflow-chamber-sim --help'.\n");
      return 2;
    }

  if (version)
    {
      g_print ("ebbflow-chamber-sim %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  g_printerr ("ebbflow-chamber-sim: the device model is not built yet\n");
  return EXIT_FAILURE;
}
