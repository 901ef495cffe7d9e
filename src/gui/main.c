/* main.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-application.h"
#include "ebb-environment.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EbbApplication) app = NULL;

  ebb_environment_init_i18n ();

  app = ebb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
