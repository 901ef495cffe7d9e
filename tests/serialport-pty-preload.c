/* serialport-pty-preload.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Test-only LD_PRELOAD library: lets the unmodified libserialport 0.1.1 of
 * Debian 12 drive a pseudo-terminal, so the libserialport transport runs end
 * to end against the simulated chamber. Never linked into the product.
 *
 * libserialport cannot open ptys as shipped for two reasons:
 *  - sp_get_port_by_name() looks the device up under /sys/class/tty/<name>
 *    (through __lxstat, then readlink) and ptys are not there;
 *  - sp_open() reads and sets the modem lines (TIOCMGET, TIOCMBIS,
 *    TIOCMBIC), which pty slaves do not support.
 * This library answers exactly those calls for pseudo-terminals and passes
 * everything else through to the real functions (dlsym RTLD_NEXT).
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#define SYS_PTS "/sys/class/tty/pts/"
/* Where a virtual tty's sysfs link points: neither "usb" nor "bluetooth"
 * appears in it, so libserialport reports a native port. */
#define VIRTUAL_TARGET "../../devices/virtual/tty/pts"

/* Linux: UNIX98 pty slaves use majors 136 to 143. */
static int
is_pty_slave (int fd)
{
  struct stat st;

  return fstat (fd, &st) == 0 && S_ISCHR (st.st_mode) &&
         major (st.st_rdev) >= 136 && major (st.st_rdev) <= 143;
}

static void
fake_link (struct stat *buf)
{
  memset (buf, 0, sizeof *buf);
  buf->st_mode = S_IFLNK | 0777;
}

int __lxstat (int ver, const char *path, struct stat *buf);

int
__lxstat (int ver, const char *path, struct stat *buf)
{
  static int (*real) (int, const char *, struct stat *);

  if (strncmp (path, SYS_PTS, strlen (SYS_PTS)) == 0)
    {
      fake_link (buf);
      return 0;
    }

  if (real == NULL)
    real = (int (*) (int, const char *, struct stat *)) dlsym (RTLD_NEXT, "__lxstat");
  return real (ver, path, buf);
}

int
lstat (const char *path, struct stat *buf)
{
  static int (*real) (const char *, struct stat *);

  if (strncmp (path, SYS_PTS, strlen (SYS_PTS)) == 0)
    {
      fake_link (buf);
      return 0;
    }

  if (real == NULL)
    real = (int (*) (const char *, struct stat *)) dlsym (RTLD_NEXT, "lstat");
  return real (path, buf);
}

ssize_t
readlink (const char *path, char *buf, size_t size)
{
  static ssize_t (*real) (const char *, char *, size_t);

  if (strncmp (path, SYS_PTS, strlen (SYS_PTS)) == 0)
    {
      size_t len = strlen (VIRTUAL_TARGET);

      if (len > size)
        len = size;
      memcpy (buf, VIRTUAL_TARGET, len);
      return (ssize_t) len;
    }

  if (real == NULL)
    real = (ssize_t (*) (const char *, char *, size_t)) dlsym (RTLD_NEXT, "readlink");
  return real (path, buf, size);
}

/* The modem lines a pty would have if it had any; one set for the process
 * is enough for the tests, which open one port at a time. */
static int modem_lines = TIOCM_DTR | TIOCM_RTS | TIOCM_CTS | TIOCM_DSR | TIOCM_CD;

int
ioctl (int fd, unsigned long request, ...)
{
  static int (*real) (int, unsigned long, ...);
  va_list args;
  void *arg;

  va_start (args, request);
  arg = va_arg (args, void *);
  va_end (args);

  if ((request == TIOCMGET || request == TIOCMSET || request == TIOCMBIS || request == TIOCMBIC) &&
      is_pty_slave (fd))
    {
      int *bits = arg;

      switch (request)
        {
        case TIOCMGET:
          *bits = modem_lines;
          break;
        case TIOCMSET:
          modem_lines = *bits;
          break;
        case TIOCMBIS:
          modem_lines |= *bits;
          break;
        default:
          modem_lines &= ~*bits;
          break;
        }
      return 0;
    }

  if (real == NULL)
    real = (int (*) (int, unsigned long, ...)) dlsym (RTLD_NEXT, "ioctl");
  return real (fd, request, arg);
}
