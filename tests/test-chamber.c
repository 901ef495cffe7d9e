/* test-chamber.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* posix_openpt, ptsname */
#define _GNU_SOURCE

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ebb-chamber-private.h"
#include "ebb-device-spec.h"
#include "ebb-serial-transport.h"
#include "ebb-sim-chamber.h"
#include "ebb-tty-transport.h"

/*
 * EbbChamber end to end against the simulated chamber on a real
 * pseudo-terminal, once through the tty transport and once through
 * libserialport (with tests/serialport-pty-preload.c in LD_PRELOAD, set by
 * tests/meson.build for this program only). Safety timings are asserted
 * with generous 2 s bounds; bench/ measures them exactly.
 */

#define SAFETY_BOUND_US (2 * G_USEC_PER_SEC)

typedef enum
{
  VIA_TTY,
  VIA_SERIALPORT,
} Via;

typedef struct
{
  Via            via;
  EbbSimChamber *sim;
  EbbChamber    *chamber;

  /* what the signals said */
  guint          samples;
  guint32        last_device_ms;
  gboolean       device_ms_monotonic;
  guint          faults_raised;
  guint          faults_cleared;
  guint          rebooted;
  guint          link_lost;
  guint          link_failed;
  guint          port_vanished;
  gint64         signal_time;
  gboolean       saw_vent_open;

  /* async results */
  gboolean       done;
  GError        *error;
} Fixture;

static gboolean
serialport_usable (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "serialport-pty-preload") != NULL;
}

/* Runs the default context until *@flag or @timeout_ms; returns *@flag. */
static gboolean
wait_until (const gboolean *flag,
            guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return *flag;
}

static gboolean
wait_count (const guint *count,
            guint        at_least,
            guint        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (*count < at_least && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return *count >= at_least;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static void
telemetry_cb (EbbChamber *chamber,
              GArray     *samples,
              Fixture    *f)
{
  for (guint i = 0; i < samples->len; i++)
    {
      const EbbEcpTelemetry *s = &g_array_index (samples, EbbEcpTelemetry, i);

      if (f->samples > 0 && s->device_ms <= f->last_device_ms)
        f->device_ms_monotonic = FALSE;
      f->last_device_ms = s->device_ms;
      f->samples++;
      if (s->vent_open && (s->flags & EBB_ECP_FLAG_VENT_OPEN) != 0)
        f->saw_vent_open = TRUE;
    }
}

static void
faults_raised_cb (EbbChamber *chamber,
                  guint       bits,
                  Fixture    *f)
{
  f->faults_raised |= bits;
  f->signal_time = g_get_monotonic_time ();
}

static void
faults_cleared_cb (EbbChamber *chamber,
                   guint       bits,
                   Fixture    *f)
{
  f->faults_cleared |= bits;
}

static void
count_cb (EbbChamber *chamber,
          guint      *counter)
{
  (*counter)++;
}

static void
port_vanished_cb (EbbChamber   *chamber,
                  const GError *error,
                  Fixture      *f)
{
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_DISCONNECTED);
  f->port_vanished++;
  f->signal_time = g_get_monotonic_time ();
}

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  /* Every *_finish of EbbChamber that returns a boolean propagates it. */
  g_clear_error (&f->error);
  g_task_propagate_boolean (G_TASK (result), &f->error);
  f->done = TRUE;
}

static void
status_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_error (&f->error);
  ebb_chamber_get_status_finish (EBB_CHAMBER (object), result, NULL, &f->error);
  f->done = TRUE;
}

/* Runs one command to its end; returns its error (or NULL). */
#define RUN_COMMAND(f, call)                                 \
  G_STMT_START {                                             \
    (f)->done = FALSE;                                       \
    g_clear_error (&(f)->error);                             \
    call;                                                    \
    g_assert_true (wait_until (&(f)->done, 5000));           \
  } G_STMT_END

static EbbTransport *
make_transport (Fixture    *f,
                const char *path)
{
  if (f->via == VIA_SERIALPORT)
    return EBB_TRANSPORT (ebb_serial_transport_new (path));

  return EBB_TRANSPORT (ebb_tty_transport_new (path));
}

static void
connect_chamber (Fixture *f)
{
  g_autoptr(EbbTransport) transport = make_transport (f, ebb_sim_chamber_get_path (f->sim));

  g_clear_object (&f->chamber);
  f->chamber = ebb_chamber_new (transport);
  g_signal_connect (f->chamber, "telemetry", G_CALLBACK (telemetry_cb), f);
  g_signal_connect (f->chamber, "faults-raised", G_CALLBACK (faults_raised_cb), f);
  g_signal_connect (f->chamber, "faults-cleared", G_CALLBACK (faults_cleared_cb), f);
  g_signal_connect (f->chamber, "rebooted", G_CALLBACK (count_cb), &f->rebooted);
  g_signal_connect (f->chamber, "link-lost", G_CALLBACK (count_cb), &f->link_lost);
  g_signal_connect (f->chamber, "link-failed", G_CALLBACK (count_cb), &f->link_failed);
  g_signal_connect (f->chamber, "port-vanished", G_CALLBACK (port_vanished_cb), f);

  RUN_COMMAND (f, ebb_chamber_connect_async (f->chamber, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  g_assert_true (ebb_chamber_get_connected (f->chamber));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->via = GPOINTER_TO_INT (data);
  f->device_ms_monotonic = TRUE;

  if (f->via == VIA_SERIALPORT && !serialport_usable ())
    return;

  f->sim = ebb_sim_chamber_new ("seed=7,serial=SN-E2E-7,watchdog-ms=1000", &error);
  g_assert_no_error (error);
  g_assert_true (ebb_sim_chamber_start (f->sim, &error));
  g_assert_no_error (error);

  connect_chamber (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->chamber != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->chamber, f);
      g_signal_handlers_disconnect_by_data (f->chamber, &f->rebooted);
      g_signal_handlers_disconnect_by_data (f->chamber, &f->link_lost);
      g_signal_handlers_disconnect_by_data (f->chamber, &f->link_failed);
      g_assert_finalize_object (g_steal_pointer (&f->chamber));
    }
  if (f->sim != NULL)
    {
      ebb_sim_chamber_stop (f->sim);
      g_clear_object (&f->sim);
    }
  g_clear_error (&f->error);
}

#define SKIP_WITHOUT_PRELOAD(f)                                            \
  G_STMT_START {                                                           \
    if ((f)->sim == NULL)                                                  \
      {                                                                    \
        g_test_skip ("libserialport cannot open ptys without "            \
                     "tests/serialport-pty-preload.c in LD_PRELOAD");      \
        return;                                                            \
      }                                                                    \
  } G_STMT_END

static void
test_handshake (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *model = NULL;
  guint watchdog = 0;

  SKIP_WITHOUT_PRELOAD (f);

  g_assert_cmpstr (ebb_chamber_get_port (f->chamber), ==, ebb_sim_chamber_get_path (f->sim));
  g_assert_cmpstr (ebb_chamber_get_model (f->chamber), ==, "EBB-INP-1");
  g_assert_cmpstr (ebb_chamber_get_serial (f->chamber), ==, "SN-E2E-7");
  g_assert_cmpstr (ebb_chamber_get_firmware (f->chamber), ==, "1.4.2-sim");
  g_assert_cmpint (ebb_chamber_get_floor_pa (f->chamber), ==, -10666);
  g_assert_cmpuint (ebb_chamber_get_watchdog_ms (f->chamber), ==, 1000);
  g_assert_cmpuint (ebb_chamber_get_max_rate_hz (f->chamber), ==, 200);
  g_assert_cmpuint (ebb_chamber_get_capabilities (f->chamber), ==, 0x0f);

  g_object_get (f->chamber, "model", &model, "watchdog-ms", &watchdog, NULL);
  g_assert_cmpstr (model, ==, "EBB-INP-1");
  g_assert_cmpuint (watchdog, ==, 1000);

  /* HELLO armed the device's watchdog (§5.1). */
  {
    EbbSimState state;

    ebb_sim_chamber_get_state (f->sim, &state);
    g_assert_true (state.watchdog_armed);
  }

  /* The port is ours alone while connected. */
  {
    g_autoptr(EbbTransport) second = make_transport (f, ebb_sim_chamber_get_path (f->sim));
    g_autoptr(GError) error = NULL;

    g_assert_false (ebb_transport_open (second, &error));
    g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_BUSY);
  }

  /* A chamber connects once. */
  RUN_COMMAND (f, ebb_chamber_connect_async (f->chamber, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED);
}

static void
test_stream_200hz (Fixture       *f,
                   gconstpointer  data)
{
  EbbChamberLinkStats stats;
  guint seconds = g_test_slow () ? 60 : 10;

  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_stream_async (f->chamber, 200, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  g_assert_cmpuint (ebb_chamber_get_stream_rate (f->chamber), ==, 200);

  spin (seconds * 1000);

  ebb_chamber_get_link_stats (f->chamber, &stats);
  g_test_message ("%u samples in %u s, %" G_GUINT64_FORMAT " lost, %" G_GUINT64_FORMAT
                  " rejected", f->samples, seconds, stats.packets_lost,
                  stats.frames_rejected_total);

  g_assert_cmpuint (stats.packets_lost, ==, 0);
  g_assert_cmpuint (stats.frames_rejected_total, ==, 0);
  g_assert_true (f->device_ms_monotonic);
  /* 200 Hz for the whole time, give or take the start. */
  g_assert_cmpuint (f->samples, >=, 200 * (seconds - 1));
  g_assert_cmpuint (f->samples, <=, 200 * (seconds + 1));
  /* The I/O thread may hold a sample not delivered yet. */
  g_assert_cmpuint (stats.samples, >=, f->samples);
  g_assert_cmpuint (f->link_lost, ==, 0);
  g_assert_cmpuint (f->faults_raised, ==, 0);
}

static void
test_commands (Fixture       *f,
               gconstpointer  data)
{
  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -2000, 0, NULL, bool_cb, f));
  g_assert_no_error (f->error);

  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, 100, 0, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_OUT_OF_RANGE);

  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -20000, 0, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_OUT_OF_RANGE);

  RUN_COMMAND (f, ebb_chamber_stream_async (f->chamber, 201, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_OUT_OF_RANGE);

  RUN_COMMAND (f, ebb_chamber_vent_async (f->chamber, NULL, bool_cb, f));
  g_assert_no_error (f->error);

  /* Lid open while idle: no fault, but no vacuum either. */
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_LID_OPEN, 0);
  spin (50);
  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -2000, 0, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LID_OPEN);
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_LID_CLOSE, 0);

  /* The e-stop latches a fault that stays while the button is pressed. */
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_ESTOP_PRESS, 0);
  spin (50);
  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -2000, 0, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_FAULT_ACTIVE);
  RUN_COMMAND (f, ebb_chamber_clear_faults_async (f->chamber, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_FAULT_ACTIVE);
  RUN_COMMAND (f, ebb_chamber_get_status_async (f->chamber, NULL, status_done_cb, f));
  g_assert_no_error (f->error);
  g_assert_true (ebb_chamber_get_faults (f->chamber) & EBB_ECP_FAULT_ESTOP);

  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_ESTOP_RELEASE, 0);
  spin (50);
  RUN_COMMAND (f, ebb_chamber_clear_faults_async (f->chamber, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  RUN_COMMAND (f, ebb_chamber_get_status_async (f->chamber, NULL, status_done_cb, f));
  g_assert_no_error (f->error);

  g_assert_true (f->faults_raised & EBB_ECP_FAULT_ESTOP);
  g_assert_true (f->faults_cleared & EBB_ECP_FAULT_ESTOP);
  g_assert_cmpuint (ebb_chamber_get_faults (f->chamber), ==, 0);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;
  EbbEcpStatus status = { .faults = 0xffff, .stream_rate_hz = 99, .target_pa = 1 };

  g_clear_error (&f->error);
  if (ebb_chamber_get_status_finish (EBB_CHAMBER (object), result, &status, &f->error))
    {
      g_assert_cmpuint (status.faults, ==, 0);
      g_assert_cmpuint (status.stream_rate_hz, ==, 0);
      g_assert_cmpint (status.target_pa, ==, 0);
      g_assert_cmpuint (status.uptime_ms, >, 0);
      g_assert_true (status.flags & EBB_ECP_FLAG_LID_CLOSED);
      g_assert_true (status.flags & EBB_ECP_FLAG_WATCHDOG_ARMED);
      /* The chamber counts the frames it took: at least HELLO and this GET_STATUS. */
      g_assert_cmpuint (status.frames_ok, >=, 2);
      g_assert_cmpuint (status.frames_bad, ==, 0);
    }
  f->done = TRUE;
}

static void
test_get_status (Fixture       *f,
                 gconstpointer  data)
{
  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_get_status_async (f->chamber, NULL, status_cb, f));
  g_assert_no_error (f->error);
}

/* 1 % bit errors both ways: frames are lost, commands retransmitted with
 * the same sequence number until acked. At this rate 3 attempts are not
 * always enough (the link then fails, as §5.3 demands), so the test
 * reconnects and goes on until a retransmitted command succeeded. */
static void
test_retransmission (Fixture       *f,
                     gconstpointer  data)
{
  guint succeeded_after_retry = 0;
  guint link_failures = 0;

  SKIP_WITHOUT_PRELOAD (f);

  for (guint round = 0; round < 20 && succeeded_after_retry < 2; round++)
    {
      if (round > 0)
        {
          ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_BER_TO_HOST, 0);
          ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_BER_FROM_HOST, 0);
          spin (100);
          connect_chamber (f);
        }

      ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_BER_TO_HOST, 0.01);
      ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_BER_FROM_HOST, 0.01);

      for (guint i = 0; i < 10 && succeeded_after_retry < 2; i++)
        {
          EbbChamberLinkStats before, after;

          ebb_chamber_get_link_stats (f->chamber, &before);
          RUN_COMMAND (f, ebb_chamber_vent_async (f->chamber, NULL, bool_cb, f));
          ebb_chamber_get_link_stats (f->chamber, &after);

          if (f->error == NULL)
            {
              if (after.retransmissions > before.retransmissions)
                succeeded_after_retry++;
              continue;
            }

          g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LINK_FAILED);
          g_assert_cmpuint (after.retransmissions, ==, before.retransmissions + 2);
          link_failures++;
          break;
        }
    }

  g_test_message ("%u commands succeeded after a retransmission; %u link failures",
                  succeeded_after_retry, link_failures);
  g_assert_cmpuint (succeeded_after_retry, >=, 2);

  /* Bit errors were there and were rejected as such, not passed on. */
  {
    EbbChamberLinkStats stats;
    EbbSimState state;

    ebb_chamber_get_link_stats (f->chamber, &stats);
    ebb_sim_chamber_get_state (f->sim, &state);
    g_assert_cmpuint (state.frames_bad, >, 0);
  }
}

static void
test_link_failed_when_muted (Fixture       *f,
                             gconstpointer  data)
{
  gint64 start;

  SKIP_WITHOUT_PRELOAD (f);

  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_MUTE, 0);
  start = g_get_monotonic_time ();
  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -2000, 0, NULL, bool_cb, f));

  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_LINK_FAILED);
  g_assert_nonnull (strstr (f->error->message, "SET_TARGET"));
  /* 3 attempts of 200 ms, and no sooner. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3 * EBB_ECP_ACK_TIMEOUT_MS * 1000 - 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, SAFETY_BOUND_US);
  g_assert_cmpuint (f->link_failed, ==, 1);
  g_assert_false (ebb_chamber_get_connected (f->chamber));

  {
    EbbChamberLinkStats stats;

    ebb_chamber_get_link_stats (f->chamber, &stats);
    g_assert_cmpuint (stats.retransmissions, ==, 2);
  }

  /* No more commands over a failed link... */
  RUN_COMMAND (f, ebb_chamber_vent_async (f->chamber, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED);

  /* ...but closing still sends VENT and BYE in case the line came back. */
  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_UNMUTE, 0);
  RUN_COMMAND (f, ebb_chamber_close_async (f->chamber, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  spin (100);
  {
    EbbSimState state;

    ebb_sim_chamber_get_state (f->sim, &state);
    g_assert_false (state.watchdog_armed);
    g_assert_true (state.vent_open);
  }
}

static void
test_watchdog (Fixture       *f,
               gconstpointer  data)
{
  gint64 start;
  EbbSimState state;

  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_stream_async (f->chamber, 50, NULL, bool_cb, f));
  g_assert_no_error (f->error);

  /* Heartbeats alone keep the chamber happy. */
  spin (1500);
  g_assert_cmpuint (f->faults_raised, ==, 0);

  /* A hung owner: its main loop no longer feeds the watchdog. */
  _ebb_chamber_set_heartbeats_enabled (f->chamber, FALSE);
  start = g_get_monotonic_time ();
  f->saw_vent_open = FALSE;

  while (!(f->faults_raised & EBB_ECP_FAULT_WATCHDOG) &&
         g_get_monotonic_time () - start < SAFETY_BOUND_US + 1000 * G_USEC_PER_SEC / 1000)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  g_assert_true (f->faults_raised & EBB_ECP_FAULT_WATCHDOG);
  /* watchdog_ms (1000) after the last heartbeat, within the bound. */
  g_assert_cmpint (f->signal_time - start, <, SAFETY_BOUND_US);
  g_assert_true (ebb_chamber_get_faults (f->chamber) & EBB_ECP_FAULT_WATCHDOG);

  /* And it vents. */
  spin (200);
  g_assert_true (f->saw_vent_open);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_true (state.vent_open);
  g_assert_cmpint (state.target_pa, ==, 0);
}

/* ECP-1 §5.2: the watchdog must be fed from the owner's loop, never from a
 * thread that stays alive when the session logic is dead. Block the
 * owner's main thread outright (no private switch): the I/O thread keeps
 * running, and the chamber must still vent. */
static void
test_watchdog_hung_owner (Fixture       *f,
                          gconstpointer  data)
{
  EbbSimState state;

  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_stream_async (f->chamber, 50, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  spin (500);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpuint (state.faults & EBB_ECP_FAULT_WATCHDOG, ==, 0);

  /* The owner hangs for twice the watchdog period (1000 ms). */
  g_usleep (2 * G_USEC_PER_SEC);

  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpuint (state.faults & EBB_ECP_FAULT_WATCHDOG, !=, 0);
  g_assert_true (state.vent_open);
  g_assert_cmpint (state.target_pa, ==, 0);
}

static void
test_reboot (Fixture       *f,
             gconstpointer  data)
{
  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_stream_async (f->chamber, 50, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  g_assert_true (wait_count (&f->samples, 10, 2000));

  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_REBOOT, 0);
  g_assert_true (wait_count (&f->rebooted, 1, 2000));
}

static void
test_link_lost (Fixture       *f,
                gconstpointer  data)
{
  gint64 start;

  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_stream_async (f->chamber, 100, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  g_assert_true (wait_count (&f->samples, 20, 2000));
  g_assert_cmpuint (f->link_lost, ==, 0);

  ebb_sim_chamber_inject (f->sim, EBB_SIM_FAULT_MUTE, 0);
  start = g_get_monotonic_time ();
  g_assert_true (wait_count (&f->link_lost, 1, 2000));
  /* max(500 ms, 3 periods) of silence first. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, SAFETY_BOUND_US);
  g_assert_cmpuint (f->link_lost, ==, 1);
}

static void
test_port_vanished (Fixture       *f,
                    gconstpointer  data)
{
  gint64 start;

  SKIP_WITHOUT_PRELOAD (f);

  start = g_get_monotonic_time ();
  ebb_sim_chamber_close_master (f->sim);
  g_assert_true (wait_count (&f->port_vanished, 1, 2000));
  g_assert_cmpint (f->signal_time - start, <, SAFETY_BOUND_US);
  g_assert_false (ebb_chamber_get_connected (f->chamber));

  RUN_COMMAND (f, ebb_chamber_vent_async (f->chamber, NULL, bool_cb, f));
  g_assert_error (f->error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED);

  /* Closing a vanished chamber still finishes. */
  RUN_COMMAND (f, ebb_chamber_close_async (f->chamber, NULL, bool_cb, f));
  g_assert_no_error (f->error);
}

static void
test_vent_now (Fixture       *f,
               gconstpointer  data)
{
  gint64 before;
  EbbSimState state;

  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -4000, 0, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  spin (1000);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_cmpfloat (state.true_pressure_pa, <, -1000);

  before = g_get_monotonic_time ();
  ebb_chamber_vent_now (f->chamber);
  while (_ebb_chamber_get_vent_now_written (f->chamber) < before &&
         g_get_monotonic_time () - before < SAFETY_BOUND_US)
    g_usleep (100);
  g_assert_cmpint (_ebb_chamber_get_vent_now_written (f->chamber), >=, before);

  spin (300);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_true (state.vent_open);
  g_assert_cmpint (state.target_pa, ==, 0);
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  EbbSimState state;

  SKIP_WITHOUT_PRELOAD (f);

  RUN_COMMAND (f, ebb_chamber_set_target_async (f->chamber, -3000, 0, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  spin (300);

  RUN_COMMAND (f, ebb_chamber_close_async (f->chamber, NULL, bool_cb, f));
  g_assert_no_error (f->error);
  g_assert_false (ebb_chamber_get_connected (f->chamber));

  /* The link's figures outlive the connection, for the session record. */
  {
    EbbChamberLinkStats stats;

    ebb_chamber_get_link_stats (f->chamber, &stats);
    g_assert_cmpuint (stats.frames_ok, >=, 3);   /* IDENT, 2 ACKs at least */
    g_assert_cmpuint (stats.bytes_sent, >, 0);
    g_assert_cmpuint (stats.packets_lost, ==, 0);
  }

  /* §5.6: vented, and BYE disarmed the watchdog. */
  spin (100);
  ebb_sim_chamber_get_state (f->sim, &state);
  g_assert_true (state.vent_open);
  g_assert_false (state.watchdog_armed);
  g_assert_cmpuint (state.faults, ==, 0);

  /* The port is free again for the next connection. */
  connect_chamber (f);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_error (&f->error);
  f->chamber = ebb_chamber_open_device_finish (result, &f->error);
  f->done = TRUE;
}

static void
test_no_answer (void)
{
  Fixture f = { 0 };
  int master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_autofree char *expected = NULL;
  gint64 start;

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  expected = g_strdup_printf ("No ECP/1 chamber answers on %s", ptsname (master));

  /* Somebody is there, but it does not speak ECP/1. */
  start = g_get_monotonic_time ();
  RUN_COMMAND (&f, ebb_chamber_open_device_async (ptsname (master), NULL, open_cb, &f));
  g_assert_null (f.chamber);
  g_assert_error (f.error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NO_ANSWER);
  g_assert_nonnull (strstr (f.error->message, expected));
  /* 3 HELLOs at 500 ms. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1400 * 1000);

  /* And the HELLOs were real frames. */
  {
    guint8 buffer[256];
    gssize n = read (master, buffer, sizeof buffer);

    g_assert_cmpint (n, >, 0);
    g_assert_cmpint (buffer[1], ==, 0xe1);
  }

  close (master);
  g_clear_error (&f.error);
}

static void
test_no_such_port (void)
{
  Fixture f = { 0 };

  RUN_COMMAND (&f, ebb_chamber_open_device_async ("/dev/ebbflow-no-such-port", NULL, open_cb, &f));
  g_assert_null (f.chamber);
  g_assert_error (f.error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT);
  g_clear_error (&f.error);

  RUN_COMMAND (&f, ebb_chamber_open_device_async ("COM3", NULL, open_cb, &f));
  g_assert_error (f.error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_INVALID_DEVICE);
  g_clear_error (&f.error);

  RUN_COMMAND (&f, ebb_chamber_open_device_async ("sim:no-such-option=1", NULL, open_cb, &f));
  g_assert_error (f.error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_clear_error (&f.error);
}

static void
test_device_spec_parse (void)
{
  g_autoptr(GError) error = NULL;
  EbbDeviceKind kind = 0;
  char *argument = NULL;

  g_assert_true (ebb_device_spec_parse ("auto", &kind, &argument, &error));
  g_assert_cmpint (kind, ==, EBB_DEVICE_KIND_AUTO);
  g_assert_null (argument);

  g_assert_true (ebb_device_spec_parse (" sim ", &kind, &argument, &error));
  g_assert_cmpint (kind, ==, EBB_DEVICE_KIND_SIM);
  g_assert_cmpstr (argument, ==, "");
  g_clear_pointer (&argument, g_free);

  g_assert_true (ebb_device_spec_parse ("sim:seed=7,leak-at=30", &kind, &argument, &error));
  g_assert_cmpint (kind, ==, EBB_DEVICE_KIND_SIM);
  g_assert_cmpstr (argument, ==, "seed=7,leak-at=30");
  g_clear_pointer (&argument, g_free);

  g_assert_true (ebb_device_spec_parse ("/dev/ebbflow-chamber", &kind, &argument, &error));
  g_assert_cmpint (kind, ==, EBB_DEVICE_KIND_PATH);
  g_assert_cmpstr (argument, ==, "/dev/ebbflow-chamber");
  g_clear_pointer (&argument, g_free);
  g_assert_no_error (error);

  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "", "simulator", "ttyACM0", "automatic" };

      g_assert_false (ebb_device_spec_parse (bad[i], &kind, NULL, &error));
      g_assert_error (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_INVALID_DEVICE);
      g_clear_error (&error);
    }
}

/* `sim:` through the same entry point as the GUI and the CLI. */
static void
test_open_sim_device (void)
{
  Fixture f = { 0 };
  EbbSimChamber *sim;

  RUN_COMMAND (&f, ebb_chamber_open_device_async ("sim:seed=3,serial=SN-SPEC-3", NULL, open_cb, &f));
  g_assert_no_error (f.error);
  g_assert_nonnull (f.chamber);
  g_assert_cmpstr (ebb_chamber_get_serial (f.chamber), ==, "SN-SPEC-3");
  sim = ebb_chamber_get_simulator (f.chamber);
  g_assert_true (EBB_IS_SIM_CHAMBER (sim));
  g_assert_cmpstr (ebb_chamber_get_port (f.chamber), ==, ebb_sim_chamber_get_path (sim));

  RUN_COMMAND (&f, ebb_chamber_close_async (f.chamber, NULL, bool_cb, &f));
  g_assert_no_error (f.error);
  g_assert_finalize_object (g_steal_pointer (&f.chamber));
}

static void
add_both (const char *name,
          void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *tty = g_strdup_printf ("/ebb/chamber/tty/%s", name);
  g_autofree char *sp = g_strdup_printf ("/ebb/chamber/serialport/%s", name);

  g_test_add (tty, Fixture, GINT_TO_POINTER (VIA_TTY), fixture_set_up, func, fixture_tear_down);
  g_test_add (sp, Fixture, GINT_TO_POINTER (VIA_SERIALPORT), fixture_set_up, func,
              fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/chamber/device-spec/parse", test_device_spec_parse);
  g_test_add_func ("/ebb/chamber/device-spec/sim", test_open_sim_device);
  g_test_add_func ("/ebb/chamber/errors/no-answer", test_no_answer);
  g_test_add_func ("/ebb/chamber/errors/no-such-port", test_no_such_port);

  add_both ("handshake", test_handshake);
  add_both ("commands", test_commands);
  add_both ("get-status", test_get_status);
  add_both ("stream-200hz", test_stream_200hz);
  add_both ("retransmission", test_retransmission);
  add_both ("link-failed-when-muted", test_link_failed_when_muted);
  add_both ("watchdog", test_watchdog);
  add_both ("watchdog-hung-owner", test_watchdog_hung_owner);
  add_both ("reboot", test_reboot);
  add_both ("link-lost", test_link_lost);
  add_both ("port-vanished", test_port_vanished);
  add_both ("vent-now", test_vent_now);
  add_both ("close", test_close);

  return g_test_run ();
}
