/* bench-first-frame.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

/* Time from exec to the first frame of a program, measured from outside:
 * the harness watches the X server for the program's top-level windows
 * (CreateNotify on the root) and takes the first XDamage report on one of
 * them as the first frame drawn. Nothing in the measured program knows it
 * is measured. Run under Xvfb:
 *
 *   xvfb-run -a -s "-screen 0 1280x1024x24" env GSK_RENDERER=cairo \
 *     GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/resources \
 *     build/bench/bench-first-frame [RUNS] -- build/src/gui/ebbflow --device auto
 */

static int
ignore_error (Display     *display,
              XErrorEvent *event)
{
  return 0;
}

static double
measure_once (Display  *display,
              int       damage_event,
              char    **argv)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *damages = g_ptr_array_new ();
  gint64 start, first = 0;
  XEvent event;

  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, True);

  start = g_get_monotonic_time ();
  child = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_NONE, &error);
  if (child == NULL)
    g_error ("%s", error->message);

  while (first == 0)
    {
      /* Wakes up now and then, so a program that exits (or hangs) without
       * drawing a window ends the benchmark instead of blocking it. */
      if (XPending (display) == 0)
        {
          struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

          if (g_subprocess_get_identifier (child) == NULL)
            g_error ("%s exited without drawing a frame", argv[0]);
          if (g_get_monotonic_time () - start > 20 * G_USEC_PER_SEC)
            g_error ("no frame within 20 s");
          if (poll (&fd, 1, 100) <= 0)
            continue;
        }
      XNextEvent (display, &event);
      if (event.type == CreateNotify && event.xcreatewindow.parent == DefaultRootWindow (display))
        {
          XWindowAttributes attributes;

          /* Only windows with pixels can be damaged; the window may also
           * be gone already. */
          XSetErrorHandler (ignore_error);
          if (XGetWindowAttributes (display, event.xcreatewindow.window, &attributes) &&
              attributes.class == InputOutput)
            {
              Damage damage = XDamageCreate (display, event.xcreatewindow.window, XDamageReportNonEmpty);

              g_ptr_array_add (damages, GSIZE_TO_POINTER (damage));
            }
          XSync (display, False);
          XSetErrorHandler (NULL);
        }
      else if (event.type == damage_event + XDamageNotify)
        {
          first = g_get_monotonic_time ();
        }
      if (g_get_monotonic_time () - start > 20 * G_USEC_PER_SEC)
        g_error ("no frame within 20 s");
    }

  XSelectInput (display, DefaultRootWindow (display), NoEventMask);
  XSetErrorHandler (ignore_error);
  for (guint i = 0; i < damages->len; i++)
    XDamageDestroy (display, (Damage) GPOINTER_TO_SIZE (g_ptr_array_index (damages, i)));
  g_ptr_array_unref (damages);
  XSync (display, True);
  XSetErrorHandler (NULL);
  g_subprocess_send_signal (child, SIGTERM);
  g_subprocess_wait (child, NULL, NULL);
  return (first - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  int damage_event, damage_error;
  int runs = 7, cmd = 1;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  if (argc > 2 && g_strcmp0 (argv[1], "--") != 0)
    {
      runs = atoi (argv[1]);
      cmd = 2;
    }
  if (cmd >= argc || g_strcmp0 (argv[cmd], "--") != 0 || cmd + 1 >= argc)
    {
      fprintf (stderr, "usage: %s [RUNS] -- PROGRAM [ARGS…]\n", argv[0]);
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL || !XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "needs an X server with the DAMAGE extension (run under xvfb-run)\n");
      return 1;
    }

  /* One run to warm the file cache, not counted. */
  measure_once (display, damage_event, argv + cmd + 1);
  for (int i = 0; i < runs; i++)
    {
      double ms = measure_once (display, damage_event, argv + cmd + 1);

      g_array_append_val (times, ms);
      g_usleep (200 * 1000);
    }
  g_array_sort (times, compare_double);
  printf ("exec -> first frame of %s (renderer %s): median %.0f ms, min %.0f ms, max %.0f ms (%d runs)\n",
          argv[cmd + 1], g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
          g_array_index (times, double, runs / 2), g_array_index (times, double, 0),
          g_array_index (times, double, runs - 1), runs);
  g_array_unref (times);
  XCloseDisplay (display);
  return 0;
}
