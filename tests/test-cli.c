/* test-cli.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

/* Runs ebbflowctl (path from $EBBFLOWCTL) and collects what it printed. */
static int
run_ctl (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *ctl = g_getenv ("EBBFLOWCTL");

  g_assert_nonnull (ctl);
  g_ptr_array_add (argv, (gpointer) ctl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  return g_subprocess_get_exit_status (proc);
}

static void
test_version (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--version", NULL };

  g_assert_cmpint (run_ctl (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "ebbflowctl " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--help", NULL };

  g_assert_cmpint (run_ctl (args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage:"));
  g_assert_nonnull (strstr (out, "COMMAND"));
  g_assert_nonnull (strstr (out, "Exit status: 0 success, 1 failure, 2 usage error"));
}

static void
test_bad_option (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--no-such-option", NULL };

  g_assert_cmpint (run_ctl (args, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "Unknown option --no-such-option"));
  g_assert_nonnull (strstr (err, "ebbflowctl --help"));
}

static void
test_unknown_command (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "frobnicate", NULL };

  g_assert_cmpint (run_ctl (args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “frobnicate”"));
}

static void
test_no_command (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { NULL };

  g_assert_cmpint (run_ctl (args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no command given"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/cli/version", test_version);
  g_test_add_func ("/ebb/cli/help", test_help);
  g_test_add_func ("/ebb/cli/bad-option", test_bad_option);
  g_test_add_func ("/ebb/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/ebb/cli/no-command", test_no_command);

  return g_test_run ();
}
