/* test-duration.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "ebb-duration.h"

/* The console's one way of writing a length of time (the session summary
 * and the chamber's uptime), in the untranslated C locale. */

static void
check (gint64      ms,
       const char *expected)
{
  g_autofree char *text = ebb_duration_format (ms);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_minutes_seconds (void)
{
  check (0, "0 min 00 s");
  check (999, "0 min 00 s");
  check (5 * 1000, "0 min 05 s");
  check (30 * 60 * 1000 + 5 * 1000, "30 min 05 s");
  check (3599 * 1000 + 999, "59 min 59 s");
}

static void
test_hours (void)
{
  check (3600 * 1000, "1 h 00 min");
  check ((2 * 3600 + 5 * 60 + 59) * (gint64) 1000, "2 h 05 min");
  /* A chamber up for weeks. */
  check ((gint64) G_MAXUINT32, "1193 h 02 min");
}

static void
test_negative (void)
{
  /* A clock that went backwards is no time at all, never "-1 min". */
  check (-1, "0 min 00 s");
  check (G_MININT64, "0 min 00 s");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/duration/minutes-seconds", test_minutes_seconds);
  g_test_add_func ("/ebb/duration/hours", test_hours);
  g_test_add_func ("/ebb/duration/negative", test_negative);

  return g_test_run ();
}
