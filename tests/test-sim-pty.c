/* test-sim-pty.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sim-pty"

#include "config.h"

#include "ebb-ecp-decoder.h"
#include "ebb-ecp-packet.h"
#include "ebb-sim-chamber.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* A host made of plain termios and the codec, so this tests the simulator
 * over a real pseudo-terminal and nothing of the console's own drivers. */

/* Generous safety bound for anything that should take milliseconds. */
#define DEADLINE_US (5 * G_USEC_PER_SEC)

typedef struct
{
  int            fd;
  EbbEcpDecoder  dec;
  GArray        *packets;
  guint16        seq;
} Port;

static void
port_packet_cb (const EbbEcpPacket *packet,
                EbbEcpDecodeResult  result,
                void               *user_data)
{
  Port *port = user_data;

  g_array_append_val (port->packets, *packet);
}

static void
port_open (Port       *port,
           const char *path)
{
  struct termios tio;

  port->fd = open (path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (port->fd, >=, 0);
  g_assert_cmpint (tcgetattr (port->fd, &tio), ==, 0);
  cfmakeraw (&tio);
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);
  g_assert_cmpint (tcsetattr (port->fd, TCSANOW, &tio), ==, 0);
  /* §5.1: discard pending input (the BOOT event sent before we came). */
  g_assert_cmpint (tcflush (port->fd, TCIFLUSH), ==, 0);
  ebb_ecp_decoder_init (&port->dec);
  port->packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
  port->seq = 1;
}

static void
port_close (Port *port)
{
  if (port->fd >= 0)
    close (port->fd);
  port->fd = -1;
  g_clear_pointer (&port->packets, g_array_unref);
}

static guint16
port_send (Port         *port,
           EbbEcpPacket *p)
{
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize n;

  p->seq = port->seq++;
  n = ebb_ecp_frame_encode (p, frame, sizeof frame);
  g_assert_cmpint (write (port->fd, frame, n), ==, (gssize) n);
  return p->seq;
}

/* Reads until @done says so or the deadline passes; returns whether the
 * port is still there (FALSE on hang-up). */
static gboolean
port_read_until (Port      *port,
                 gboolean (*done) (Port *port, gconstpointer data),
                 gconstpointer data)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_US;

  while (!done (port, data))
    {
      struct pollfd pfd = { port->fd, POLLIN, 0 };
      guint8 buf[1024];
      gssize n;
      int timeout_ms = (int) ((deadline - g_get_monotonic_time ()) / 1000);

      g_assert_cmpint (timeout_ms, >, 0);
      if (poll (&pfd, 1, timeout_ms) < 0)
        {
          g_assert_cmpint (errno, ==, EINTR);
          continue;
        }
      if (pfd.revents & (POLLHUP | POLLERR))
        return FALSE;
      if (!(pfd.revents & POLLIN))
        continue;
      n = read (port->fd, buf, sizeof buf);
      if (n <= 0)
        return FALSE;
      ebb_ecp_decoder_feed (&port->dec, buf, (gsize) n, port_packet_cb, port);
    }
  return TRUE;
}

static const EbbEcpPacket *
port_find (Port   *port,
           guint8  type,
           guint   nth)
{
  for (guint i = 0; i < port->packets->len; i++)
    {
      const EbbEcpPacket *p = &g_array_index (port->packets, EbbEcpPacket, i);

      if (p->type == type && nth-- == 0)
        return p;
    }
  return NULL;
}

static gboolean
has_type_cb (Port          *port,
             gconstpointer  data)
{
  return port_find (port, GPOINTER_TO_UINT (data), 0) != NULL;
}

static gboolean
has_telemetry_cb (Port          *port,
                  gconstpointer  data)
{
  return port_find (port, EBB_ECP_MSG_TELEMETRY, GPOINTER_TO_UINT (data) - 1) != NULL;
}

static const EbbEcpPacket *
port_expect (Port   *port,
             guint8  type)
{
  g_assert_true (port_read_until (port, has_type_cb, GUINT_TO_POINTER (type)));
  return port_find (port, type, 0);
}

static EbbEcpResult
port_command (Port         *port,
              EbbEcpPacket *p)
{
  const EbbEcpPacket *ack;
  guint16 seq;

  g_array_set_size (port->packets, 0);
  seq = port_send (port, p);
  ack = port_expect (port, EBB_ECP_MSG_ACK);
  g_assert_cmpuint (ack->ack.acked_seq, ==, seq);
  g_assert_cmpuint (ack->ack.acked_type, ==, p->type);
  return ack->ack.result;
}

static void
port_hello (Port    *port,
            guint32  nonce)
{
  EbbEcpPacket hello = { .type = EBB_ECP_MSG_HELLO };
  const EbbEcpPacket *ident;

  hello.hello.proto_major = 1;
  hello.hello.host_nonce = nonce;
  g_array_set_size (port->packets, 0);
  port_send (port, &hello);
  ident = port_expect (port, EBB_ECP_MSG_IDENT);
  g_assert_cmpuint (ident->ident.proto_major, ==, 1);
  g_assert_cmphex (ident->ident.host_nonce, ==, nonce);
  g_assert_cmpstr (ident->ident.model.str, ==, "EBB-INP-1");
  g_assert_cmpuint (ident->ident.max_rate_hz, ==, 200);
}

static void
test_program (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *link = g_build_filename (dir, "chamber", NULL);
  g_autofree char *log = g_build_filename (dir, "frames.log", NULL);
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *log_text = NULL;
  const char *exe = g_getenv ("EBBFLOW_CHAMBER_SIM");
  EbbEcpPacket stream = { .type = EBB_ECP_MSG_STREAM };
  EbbEcpPacket bye = { .type = EBB_ECP_MSG_BYE };
  const EbbEcpPacket *first;
  Port port = { -1 };

  g_assert_no_error (error);
  g_assert_nonnull (exe);
  sim = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--seed", "3",
                          "--link", link, "--log", log, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  path = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, "/dev/pts/"));
  target = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, path);

  port_open (&port, path);
  port_hello (&port, 0xC0FFEE42);

  stream.stream.rate_hz = 200;
  g_assert_cmpuint (port_command (&port, &stream), ==, EBB_ECP_RESULT_OK);
  g_array_set_size (port.packets, 0);
  g_assert_true (port_read_until (&port, has_telemetry_cb, GUINT_TO_POINTER (100)));
  first = port_find (&port, EBB_ECP_MSG_TELEMETRY, 0);
  for (guint i = 1; i < 100; i++)
    {
      const EbbEcpPacket *p = port_find (&port, EBB_ECP_MSG_TELEMETRY, i);

      /* 200 Hz on the device's clock, no sequence gaps. */
      g_assert_cmpuint (p->seq, ==, (guint16) (first->seq + i));
      g_assert_cmpuint (p->telemetry.device_ms, ==, first->telemetry.device_ms + 5 * i);
      g_assert_true (p->telemetry.flags & EBB_ECP_FLAG_STREAMING);
      g_assert_true (p->telemetry.flags & EBB_ECP_FLAG_WATCHDOG_ARMED);
      g_assert_cmpint (ABS (p->telemetry.pressure_pa), <=, 133);
    }
  g_assert_cmphex (first->telemetry.faults, ==, 0);

  g_assert_cmpuint (port_command (&port, &bye), ==, EBB_ECP_RESULT_OK);
  port_close (&port);

  /* SIGTERM: a clean exit that removes the link. */
  g_subprocess_send_signal (sim, SIGTERM);
  g_assert_true (g_subprocess_wait (sim, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sim));
  g_assert_cmpint (g_subprocess_get_exit_status (sim), ==, 0);
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));

  /* Every frame received, decoded, one line each, with its time. */
  g_assert_true (g_file_get_contents (log, &log_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (log_text, "HELLO seq=1 proto=1.0 nonce=0xc0ffee42\n"));
  g_assert_nonnull (strstr (log_text, "STREAM seq=2 rate_hz=200\n"));
  g_assert_nonnull (strstr (log_text, "BYE seq=3\n"));
  g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]{3} device_ms=[0-9]+ HELLO", log_text,
                                       G_REGEX_MULTILINE, 0));
  g_unlink (log);
  g_rmdir (dir);
}

static void
test_program_sigint (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sim = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *link = g_build_filename (dir, "chamber", NULL);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  /* A stale link from a killed simulator is replaced. */
  g_assert_cmpint (symlink ("/dev/pts/nonexistent", link), ==, 0);
  sim = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          g_getenv ("EBBFLOW_CHAMBER_SIM"), "--link", link, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim));
  path = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_file_test (link, G_FILE_TEST_EXISTS));

  g_subprocess_send_signal (sim, SIGINT);
  g_assert_true (g_subprocess_wait (sim, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (sim));
  g_assert_cmpint (g_subprocess_get_exit_status (sim), ==, 0);
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_program_bad_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sim = NULL;
  g_autofree char *err_text = NULL;

  sim = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                          &error, g_getenv ("EBBFLOW_CHAMBER_SIM"), "--ber", "7", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (sim, NULL, NULL, NULL, &err_text, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (sim), ==, 2);
  g_assert_nonnull (strstr (err_text, "ber"));
}

static void
test_in_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbSimChamber) bad = ebb_sim_chamber_new ("seed=5,warp=9", &error);
  g_autoptr(EbbSimChamber) chamber = NULL;
  g_autofree char *path = NULL;
  EbbEcpPacket clear = { .type = EBB_ECP_MSG_CLEAR_FAULTS };
  EbbSimState state;
  Port port = { -1 };
  guint8 byte;

  g_assert_null (bad);
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_assert_nonnull (strstr (error->message, "warp"));
  g_clear_error (&error);

  chamber = ebb_sim_chamber_new ("seed=5,watchdog-ms=400", &error);
  g_assert_no_error (error);
  g_assert_null (ebb_sim_chamber_get_path (chamber));
  g_assert_true (ebb_sim_chamber_start (chamber, &error));
  g_assert_no_error (error);
  path = g_strdup (ebb_sim_chamber_get_path (chamber));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  port_open (&port, path);
  port_hello (&port, 77);
  ebb_sim_chamber_get_state (chamber, &state);
  g_assert_true (state.watchdog_armed);
  g_assert_cmpuint (state.frames_ok, ==, 1);

  /* Run-time injection reaches the host as an event and in the state. */
  g_array_set_size (port.packets, 0);
  ebb_sim_chamber_inject (chamber, EBB_SIM_FAULT_ESTOP_PRESS, 0);
  g_assert_cmphex (port_expect (&port, EBB_ECP_MSG_EVENT)->event.code, ==,
                   EBB_ECP_EVENT_FAULT_RAISED (5));
  ebb_sim_chamber_get_state (chamber, &state);
  g_assert_true (state.estop_pressed);
  g_assert_true (state.faults & EBB_ECP_FAULT_ESTOP);
  g_assert_cmpuint (port_command (&port, &clear), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  ebb_sim_chamber_inject (chamber, EBB_SIM_FAULT_ESTOP_RELEASE, 0);
  g_assert_cmpuint (port_command (&port, &clear), ==, EBB_ECP_RESULT_OK);

  /* The cable is pulled: the host's port hangs up and the path goes. The
   * device keeps running, and without its host the watchdog fires. */
  ebb_sim_chamber_close_master (chamber);
  g_assert_false (port_read_until (&port, has_type_cb, GUINT_TO_POINTER (0x7F)));
  g_assert_cmpint (read (port.fd, &byte, 1), <=, 0);
  port_close (&port);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  for (gint64 deadline = g_get_monotonic_time () + DEADLINE_US;
       g_get_monotonic_time () < deadline; g_usleep (10000))
    {
      ebb_sim_chamber_get_state (chamber, &state);
      if (state.faults & EBB_ECP_FAULT_WATCHDOG)
        break;
    }
  g_assert_true (state.faults & EBB_ECP_FAULT_WATCHDOG);

  ebb_sim_chamber_stop (chamber);
  ebb_sim_chamber_stop (chamber);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/sim/pty/program", test_program);
  g_test_add_func ("/ebb/sim/pty/program-sigint", test_program_sigint);
  g_test_add_func ("/ebb/sim/pty/program-bad-option", test_program_bad_option);
  g_test_add_func ("/ebb/sim/pty/in-process", test_in_process);

  return g_test_run ();
}
