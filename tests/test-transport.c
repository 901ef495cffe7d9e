/* test-transport.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* posix_openpt, ptsname */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ebb-port-info.h"
#include "ebb-serial-transport.h"
#include "ebb-transport-private.h"
#include "ebb-tty-transport.h"

/* A pseudo-terminal pair: the test plays the device on the master. */
typedef struct
{
  int   master;
  char *slave;
} Pty;

static void
pty_open (Pty *pty)
{
  pty->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (pty->master, >=, 0);
  g_assert_cmpint (grantpt (pty->master), ==, 0);
  g_assert_cmpint (unlockpt (pty->master), ==, 0);
  pty->slave = g_strdup (ptsname (pty->master));
}

static void
pty_close (Pty *pty)
{
  if (pty->master >= 0)
    close (pty->master);
  pty->master = -1;
  g_clear_pointer (&pty->slave, g_free);
}

/* Reads from a transport until @want bytes came (pty delivery is async). */
static gsize
read_some (EbbTransport *transport,
           guint8       *buffer,
           gsize         want)
{
  gsize got = 0;

  for (guint tries = 0; got < want && tries < 200; tries++)
    {
      g_autoptr(GError) error = NULL;
      struct pollfd pfd = { .fd = ebb_transport_get_fd (transport), .events = POLLIN };
      gssize n;

      poll (&pfd, 1, 10);
      n = ebb_transport_read (transport, buffer + got, want - got, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >=, 0);
      got += n;
    }

  return got;
}

static void
test_tty_roundtrip (void)
{
  Pty pty;
  g_autoptr(EbbTransport) transport = NULL;
  g_autoptr(GError) error = NULL;
  /* Binary bytes a cooked tty would eat or translate. */
  const guint8 down[] = { 0x04, 0xe1, 0x00, 0x0d, 0x0a, 0x11, 0x13, 0x03, 0x7f, 0x00 };
  guint8 buffer[64];
  gssize n;

  pty_open (&pty);
  transport = ebb_transport_new_for_path (pty.slave);
  g_assert_true (EBB_IS_TTY_TRANSPORT (transport));
  g_assert_cmpstr (ebb_transport_get_path (transport), ==, pty.slave);
  g_assert_cmpint (ebb_transport_get_fd (transport), ==, -1);

  g_assert_true (ebb_transport_open (transport, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ebb_transport_get_fd (transport), >=, 0);

  /* Nothing there: a read returns 0 at once. */
  n = ebb_transport_read (transport, buffer, sizeof buffer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);

  g_assert_cmpint (write (pty.master, down, sizeof down), ==, sizeof down);
  g_assert_cmpuint (read_some (transport, buffer, sizeof down), ==, sizeof down);
  g_assert_cmpmem (buffer, sizeof down, down, sizeof down);

  g_assert_true (ebb_transport_write_all (transport, down, sizeof down, &error));
  g_assert_no_error (error);
  {
    gsize got = 0;

    while (got < sizeof down)
      {
        n = read (pty.master, buffer + got, sizeof buffer - got);
        g_assert_cmpint (n, >, 0);
        got += n;
      }
    g_assert_cmpmem (buffer, got, down, sizeof down);
  }

  /* discard_input drops what arrived unread. */
  g_assert_cmpint (write (pty.master, down, sizeof down), ==, sizeof down);
  g_usleep (20000);
  g_assert_true (ebb_transport_discard_input (transport, &error));
  g_assert_no_error (error);
  n = ebb_transport_read (transport, buffer, sizeof buffer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);

  ebb_transport_close (transport);
  g_assert_cmpint (ebb_transport_get_fd (transport), ==, -1);
  ebb_transport_close (transport);
  pty_close (&pty);
}

static void
test_symlink_to_pty (void)
{
  Pty pty;
  g_autofree char *dir = g_dir_make_tmp ("ebb-transport-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "chamber", NULL);
  g_autoptr(EbbTransport) transport = NULL;
  g_autoptr(EbbTransport) serial = NULL;

  pty_open (&pty);
  g_assert_cmpint (symlink (pty.slave, link), ==, 0);

  g_assert_true (ebb_transport_path_is_pty (link));
  transport = ebb_transport_new_for_path (link);
  g_assert_true (EBB_IS_TTY_TRANSPORT (transport));

  g_assert_false (ebb_transport_path_is_pty ("/dev/ttyS0"));
  serial = ebb_transport_new_for_path ("/dev/ttyS0");
  g_assert_true (EBB_IS_SERIAL_TRANSPORT (serial));

  unlink (link);
  rmdir (dir);
  pty_close (&pty);
}

static void
test_busy (void)
{
  Pty pty;
  g_autoptr(EbbTransport) first = NULL;
  g_autoptr(EbbTransport) second = NULL;
  g_autoptr(GError) error = NULL;

  pty_open (&pty);
  first = EBB_TRANSPORT (ebb_tty_transport_new (pty.slave));
  second = EBB_TRANSPORT (ebb_tty_transport_new (pty.slave));

  g_assert_true (ebb_transport_open (first, &error));
  g_assert_no_error (error);

  g_assert_false (ebb_transport_open (second, &error));
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_assert_cmpint (ebb_transport_get_fd (second), ==, -1);
  g_clear_error (&error);

  /* Once the first lets go, the port is free again. */
  ebb_transport_close (first);
  g_assert_true (ebb_transport_open (second, &error));
  g_assert_no_error (error);

  pty_close (&pty);
}

static void
test_disconnected (void)
{
  Pty pty;
  g_autoptr(EbbTransport) transport = NULL;
  g_autoptr(GError) error = NULL;
  guint8 buffer[16];
  gssize n;

  pty_open (&pty);
  transport = ebb_transport_new_for_path (pty.slave);
  g_assert_true (ebb_transport_open (transport, &error));
  g_assert_no_error (error);

  /* The far end goes away, as an unplugged chamber does. */
  close (pty.master);
  pty.master = -1;

  n = ebb_transport_read (transport, buffer, sizeof buffer, &error);
  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_DISCONNECTED);
  g_assert_nonnull (strstr (error->message, pty.slave));
  g_clear_error (&error);

  g_assert_false (ebb_transport_write_all (transport, buffer, sizeof buffer, &error));
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_DISCONNECTED);

  pty_close (&pty);
}

static void
test_no_such_port (void)
{
  const char *path = "/dev/ebbflow-no-such-port";
  g_autoptr(EbbTransport) tty = EBB_TRANSPORT (ebb_tty_transport_new (path));
  g_autoptr(EbbTransport) serial = EBB_TRANSPORT (ebb_serial_transport_new (path));
  g_autoptr(GError) error = NULL;

  g_assert_false (ebb_transport_open (tty, &error));
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT);
  g_assert_nonnull (strstr (error->message, "There is no serial port /dev/ebbflow-no-such-port"));
  g_assert_nonnull (strstr (error->message, "ebbflowctl ports"));
  g_clear_error (&error);

  g_assert_false (ebb_transport_open (serial, &error));
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT);
  g_assert_nonnull (strstr (error->message, "There is no serial port /dev/ebbflow-no-such-port"));
  g_clear_error (&error);

  /* A node libserialport does not know as a port (no sysfs tty). */
  g_clear_object (&serial);
  serial = EBB_TRANSPORT (ebb_serial_transport_new ("/dev/null"));
  g_assert_false (ebb_transport_open (serial, &error));
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT);
  g_assert_nonnull (strstr (error->message, "/dev/null is not a serial port"));
  g_clear_error (&error);

  /* The tty transport refuses what is not a terminal. */
  g_clear_object (&tty);
  tty = EBB_TRANSPORT (ebb_tty_transport_new ("/dev/null"));
  g_assert_false (ebb_transport_open (tty, &error));
  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT);
}

/* The text names the group owning the node, says to join it and log in
 * again, and points to the udev rule. */
static void
assert_permission_text (const GError *error,
                        const char   *path,
                        const char   *group)
{
  g_autofree char *quoted = g_strdup_printf ("belongs to the group “%s”", group);
  g_autofree char *usermod = g_strdup_printf ("usermod -aG %s USER", group);

  g_assert_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_nonnull (strstr (error->message, usermod));
  g_assert_nonnull (strstr (error->message, "log out and in again"));
  g_assert_nonnull (strstr (error->message, "udev rule"));
  g_assert_nonnull (strstr (error->message, "README.md"));
}

/* Injected errno: the text is built from the node's real owner group. */
static void
test_permission_text_injected (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ebb-transport-XXXXXX", NULL);
  g_autofree char *node = g_build_filename (dir, "ttyACM9", NULL);
  g_autoptr(GError) error = NULL;
  struct group *gr = getgrnam ("dialout");
  gid_t gid = gr != NULL ? gr->gr_gid : getgid ();
  g_autofree char *name = g_strdup (gr != NULL ? gr->gr_name : getgrgid (gid)->gr_name);

  g_assert_true (g_file_set_contents (node, "", 0, NULL));
  if (chown (node, -1, gid) != 0)
    {
      /* Not root: the file keeps our own group, which is as good a name. */
      g_free (name);
      name = g_strdup (getgrgid (getgid ())->gr_name);
    }

  _ebb_transport_set_open_error (&error, node, EACCES, NULL);
  assert_permission_text (error, node, name);

  unlink (node);
  rmdir (dir);
}

/* A real open() refused by the kernel: a child that is not root opens a pty
 * slave (mode 0620, group tty) it does not own. */
static void
test_permission_denied_real (void)
{
  if (g_test_subprocess ())
    {
      const char *slave = g_getenv ("EBB_TEST_PTY");
      g_autoptr(EbbTransport) transport = NULL;
      g_autoptr(GError) error = NULL;
      struct stat st;
      struct group *gr;

      g_assert_nonnull (slave);
      g_assert_cmpint (stat (slave, &st), ==, 0);
      gr = getgrgid (st.st_gid);
      g_assert_nonnull (gr);

      if (getuid () == 0)
        {
          struct passwd *nobody = getpwnam ("nobody");

          g_assert_nonnull (nobody);
          g_assert_cmpint (setgroups (0, NULL), ==, 0);
          g_assert_cmpint (setgid (nobody->pw_gid), ==, 0);
          g_assert_cmpint (setuid (nobody->pw_uid), ==, 0);
        }

      transport = ebb_transport_new_for_path (slave);
      g_assert_false (ebb_transport_open (transport, &error));
      assert_permission_text (error, slave, gr->gr_name);
      return;
    }
  else
    {
      Pty pty;

      pty_open (&pty);
      /* Owned by root when we are root; nobody's open() then fails. */
      if (getuid () != 0)
        {
          pty_close (&pty);
          g_test_skip ("needs root to run the open as another user");
          return;
        }
      g_assert_cmpint (chmod (pty.slave, 0620), ==, 0);
      g_setenv ("EBB_TEST_PTY", pty.slave, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      pty_close (&pty);
    }
}

static void
test_port_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ports = ebb_port_info_list (&error);
  EbbPortInfo chamber = {
    .path = (char *) "/dev/ttyACM0", .description = (char *) "Ebbflow INP Chamber",
    .kind = EBB_PORT_KIND_USB, .usb_vid = 0x1209, .usb_pid = 0xebf1,
  };
  g_autoptr(EbbPortInfo) copy = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ports);
  for (guint i = 0; i < ports->len; i++)
    {
      const EbbPortInfo *info = g_ptr_array_index (ports, i);

      g_assert_true (g_str_has_prefix (info->path, "/dev/"));
      g_assert_nonnull (info->description);
      if (i > 0)
        g_assert_cmpstr (((EbbPortInfo *) g_ptr_array_index (ports, i - 1))->path, <, info->path);
    }

  g_assert_true (ebb_port_info_is_chamber (&chamber));
  copy = ebb_port_info_copy (&chamber);
  g_assert_cmpstr (copy->path, ==, "/dev/ttyACM0");
  g_assert_true (ebb_port_info_is_chamber (copy));
  copy->usb_pid = 0x6001;
  g_assert_false (ebb_port_info_is_chamber (copy));
  chamber.kind = EBB_PORT_KIND_NATIVE;
  g_assert_false (ebb_port_info_is_chamber (&chamber));

  g_assert_cmpstr (ebb_port_kind_to_string (EBB_PORT_KIND_USB), ==, "usb");
  g_assert_cmpstr (ebb_port_kind_to_string (EBB_PORT_KIND_NATIVE), ==, "native");
  g_assert_cmpstr (ebb_port_kind_to_string (EBB_PORT_KIND_BLUETOOTH), ==, "bluetooth");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/transport/tty/roundtrip", test_tty_roundtrip);
  g_test_add_func ("/ebb/transport/tty/symlink", test_symlink_to_pty);
  g_test_add_func ("/ebb/transport/tty/busy", test_busy);
  g_test_add_func ("/ebb/transport/tty/disconnected", test_disconnected);
  g_test_add_func ("/ebb/transport/errors/no-such-port", test_no_such_port);
  g_test_add_func ("/ebb/transport/errors/permission-injected", test_permission_text_injected);
  g_test_add_func ("/ebb/transport/errors/permission-real", test_permission_denied_real);
  g_test_add_func ("/ebb/transport/ports/list", test_port_list);

  return g_test_run ();
}
