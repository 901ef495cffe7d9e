/* bench-emergency-stop.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <glib/gprintf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <X11/keysym.h>

#include "bench-util.h"
#include "ebb-application.h"
#include "ebb-credentials.h"
#include "ebb-chamber-device.h"
#include "ebb-chamber-private.h"
#include "ebb-session-gate.h"
#include "ebb-session.h"
#include "ebb-sim-chamber.h"
#include "ebb-store-recorder.h"
#include "ebb-tty-transport.h"

/* Emergency-stop latency for docs/performance.md, "Session runner": from
 * the call of ebb_session_emergency_stop() to the VENT frame written to the
 * port (the chamber driver's own timestamp), over 1,000 trials, each in a
 * running session with the in-process simulated chamber streaming at
 * 200 Hz over a real pseudo-terminal, recording into a real database in a
 * temporary folder, gated on a stored screening.
 *
 * With --key (under an X server, e.g. xvfb-run) the stop is a real F12 key
 * press instead: sent through the X server with XTest to a window of the
 * console's application, taken by the emergency-stop shortcut that every
 * window carries (src/gui/ebb-emergency-keys.c), timed from just before
 * the key is sent to the VENT frame written.
 *
 * Then the main thread's time for a pause and the resume after it
 * (ebb_session_pause() + ebb_session_resume()) in a running session with
 * an operator logged in, so each writes its audit entry, over 200 pairs. */

#define N_TRIALS 1000
#define N_PAUSES 200
#define BENCH_PIN "24681357"

typedef int (*FakeKeyFunc) (Display *display, unsigned int keycode, Bool is_press, unsigned long delay);

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  exit (EXIT_FAILURE);
}

static gboolean done;
static GError *failure;

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_task_propagate_boolean (G_TASK (result), &failure);
  done = TRUE;
}

static void
wait_done (void)
{
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  done = FALSE;
  if (failure != NULL)
    die ("%s", failure->message);
}

/* The console's application and a window of it, for --key; returns the
 * X display to send keys to. */
static Display *
key_window_new (EbbApplication **app_out,
                GtkWidget      **window_out)
{
  EbbApplication *app = ebb_application_new ();
  GError *error = NULL;
  GtkWidget *window;
  GdkDisplay *display;
  Display *xdisplay;

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    die ("application: %s", error->message);
  window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Emergency stop bench"));
  gtk_window_present (GTK_WINDOW (window));
  bench_spin (300);

  display = gtk_widget_get_display (window);
  if (!GDK_IS_X11_DISPLAY (display))
    die ("--key needs an X server (run it under xvfb-run)");
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                  RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  bench_spin (100);

  *app_out = app;
  *window_out = window;
  return xdisplay;
}

static FakeKeyFunc
xtest_fake_key (void)
{
  /* dlopen: the run-time library is there, its headers need not be. */
  void *lib = dlopen ("libXtst.so.6", RTLD_NOW);
  FakeKeyFunc fake_key = lib != NULL ? (FakeKeyFunc) dlsym (lib, "XTestFakeKeyEvent") : NULL;

  if (fake_key == NULL)
    die ("--key needs libXtst.so.6");
  return fake_key;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbSimChamber) sim = ebb_sim_chamber_new ("seed=3,watchdog-ms=1000", &error);
  g_autoptr(EbbTransport) transport = NULL;
  g_autoptr(EbbChamber) chamber = NULL;
  g_autoptr(EbbChamberDevice) device = NULL;
  g_autoptr(EbbClock) clock = ebb_clock_new ();
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *database = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbOperator) op = ebb_operator_new ();
  g_autoptr(EbbStoredScreening) screening = ebb_stored_screening_new ();
  gint64 client_id, operator_id;
  g_autoptr(EbbProfile) profile = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint16 flags, faults;
  gboolean by_key = argc > 1 && g_str_equal (argv[1], "--key");
  guint n_trials = N_TRIALS;
  g_autoptr(EbbApplication) app = NULL;
  GtkWidget *window = NULL;
  Display *xdisplay = NULL;
  FakeKeyFunc fake_key = NULL;
  KeyCode f12 = 0;

  if (by_key)
    {
      xdisplay = key_window_new (&app, &window);
      fake_key = xtest_fake_key ();
      f12 = XKeysymToKeycode (xdisplay, XK_F12);
    }

  if (dir == NULL)
    die ("temporary folder: %s", error->message);
  database = g_build_filename (dir, "bench.db", NULL);
  store = ebb_store_open (database, EBB_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    die ("database: %s", error->message);
  client->family_name = g_strdup ("Bench");
  op->username = g_strdup ("bench");
  op->roles = EBB_ROLE_TECHNICIAN;
  op->active = TRUE;
  op->credential_hash = ebb_credentials_hash (BENCH_PIN, &error);
  if (op->credential_hash == NULL)
    die ("PIN hash: %s", error->message);
  if ((client_id = ebb_store_client_insert (store, client, &error)) == 0
      || (operator_id = ebb_store_operator_insert (store, op, &error)) == 0)
    die ("database: %s", error->message);
  screening->client_id = client_id;
  screening->questionnaire_id = g_strdup ("bench");
  screening->questionnaire_version = g_strdup ("1");
  screening->answers_json = g_strdup ("{}");
  screening->outcome = g_strdup ("clear");
  screening->operator_id = operator_id;
  screening->screened_us = g_get_real_time ();
  if ((screening->id = ebb_store_screening_insert (store, screening, &error)) == 0
      || ebb_store_screening_confirm (store, screening->id, operator_id, g_get_real_time (), NULL,
                                      &error) == 0)
    die ("database: %s", error->message);

  if (sim == NULL || !ebb_sim_chamber_start (sim, &error))
    die ("simulator: %s", error->message);
  transport = EBB_TRANSPORT (ebb_tty_transport_new (ebb_sim_chamber_get_path (sim)));
  chamber = ebb_chamber_new (transport);
  ebb_chamber_connect_async (chamber, NULL, bool_cb, NULL);
  wait_done ();
  ebb_chamber_stream_async (chamber, 200, NULL, bool_cb, NULL);
  wait_done ();
  device = ebb_chamber_device_new (chamber);
  while (!ebb_device_get_status (EBB_DEVICE (device), &flags, &faults))
    g_main_context_iteration (NULL, TRUE);

  profile = ebb_profile_find_factory ("Introduction", &error);
  if (profile == NULL)
    die ("%s", error->message);

  for (guint trial = 0; trial < n_trials; trial++)
    {
      g_autoptr(EbbStoreRecorder) recorder = ebb_store_recorder_new (store, client_id, operator_id,
                                                                     screening->id, 0, NULL, NULL);
      g_autoptr(EbbSession) session = ebb_session_new (EBB_DEVICE (device), EBB_RECORDER (recorder),
                                                       clock);
      gint64 before, written;

      ebb_session_set_client_id (session, "bench");
      ebb_session_set_operator (session, "bench");
      ebb_session_set_profile (session, profile);
      ebb_session_use_stored_screening (session, store, client_id, 90);
      if (!ebb_session_start (session, &error))
        die ("trial %u: %s", trial, error->message);

      /* Let telemetry flow and the SET_TARGET be acknowledged. */
      bench_spin (20 + g_random_int_range (0, 10));

      if (by_key)
        {
          /* The key goes through the X server and GTK's event handling on
           * this main context, so the loop runs while we wait. */
          ebb_application_set_active_session (app, session);
          before = g_get_monotonic_time ();
          fake_key (xdisplay, f12, True, 0);
          XFlush (xdisplay);
          while ((written = _ebb_chamber_get_vent_now_written (chamber)) < before)
            {
              if (g_get_monotonic_time () - before > G_USEC_PER_SEC)
                die ("trial %u: VENT not written within a second of the key press", trial);
              if (!g_main_context_iteration (NULL, FALSE))
                g_usleep (10);
            }
          fake_key (xdisplay, f12, False, 0);
          XFlush (xdisplay);
          if (ebb_session_get_state (session) != EBB_SESSION_STATE_STOPPED &&
              !ebb_session_is_finished (session))
            bench_spin (50);
          ebb_application_set_active_session (app, NULL);
        }
      else
        {
          before = g_get_monotonic_time ();
          ebb_session_emergency_stop (session);
          while ((written = _ebb_chamber_get_vent_now_written (chamber)) < before)
            {
              if (g_get_monotonic_time () - before > G_USEC_PER_SEC)
                die ("trial %u: VENT not written within a second", trial);
              g_usleep (10);
            }
        }
      g_array_append_val (latencies, (gint64) { written - before });
      bench_spin (5);
    }

  g_array_sort (latencies, bench_compare_gint64);
  g_print ("%s -> VENT written (%u trials, 200 Hz telemetry): "
           "p50 %" G_GINT64_FORMAT " us, p99 %" G_GINT64_FORMAT " us, max %" G_GINT64_FORMAT " us\n",
           by_key ? "F12 key press (XTest)" : "emergency stop", n_trials,
           g_array_index (latencies, gint64, n_trials / 2),
           g_array_index (latencies, gint64, n_trials * 99 / 100),
           g_array_index (latencies, gint64, n_trials - 1));

  /* Pause and resume, audited. */
  {
    g_autoptr(EbbOperatorSession) ctx = ebb_operator_session_new (store);
    g_autoptr(EbbStoreRecorder) recorder = ebb_store_recorder_new (store, client_id, operator_id,
                                                                   screening->id, 0, NULL, NULL);
    g_autoptr(EbbSession) session = ebb_session_new (EBB_DEVICE (device), EBB_RECORDER (recorder),
                                                     clock);
    g_autoptr(GArray) pauses = g_array_new (FALSE, FALSE, sizeof (gint64));

    if (!ebb_operator_session_login (ctx, "bench", BENCH_PIN, &error))
      die ("login: %s", error->message);
    ebb_session_set_client_id (session, "bench");
    ebb_session_set_operator (session, "bench");
    ebb_session_set_profile (session, profile);
    ebb_session_use_stored_screening (session, store, client_id, 90);
    ebb_session_set_operator_session (session, ctx);
    if (!ebb_session_start (session, &error))
      die ("pause session: %s", error->message);

    for (guint i = 0; i < N_PAUSES; i++)
      {
        gint64 before;

        bench_spin (10);
        before = g_get_monotonic_time ();
        if (!ebb_session_pause (session, &error) || !ebb_session_resume (session, &error))
          die ("pause %u: %s", i, error->message);
        g_array_append_val (pauses, (gint64) { g_get_monotonic_time () - before });
      }
    ebb_session_emergency_stop (session);

    g_array_sort (pauses, bench_compare_gint64);
    g_print ("pause + resume with audit entries, main thread (%u pairs): "
             "p50 %" G_GINT64_FORMAT " us, p99 %" G_GINT64_FORMAT " us, max %" G_GINT64_FORMAT " us\n",
             N_PAUSES, g_array_index (pauses, gint64, N_PAUSES / 2),
             g_array_index (pauses, gint64, N_PAUSES * 99 / 100),
             g_array_index (pauses, gint64, N_PAUSES - 1));
  }

  ebb_chamber_close_async (chamber, NULL, bool_cb, NULL);
  wait_done ();
  ebb_sim_chamber_stop (sim);
  g_clear_object (&store);
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  bench_remove_tree (dir);
  return 0;
}
