/* ebb-tty-transport.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-tty-transport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-transport-private.h"
#include "ebb-tty-transport.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

struct _EbbTtyTransport
{
  GObject  parent_instance;

  char    *path;
  int      fd;
};

static void transport_iface_init (EbbTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbbTtyTransport, ebb_tty_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EBB_TYPE_TRANSPORT, transport_iface_init))

/* Raw 115200 8N1, no flow control (ECP-1 §1): nothing may translate, echo
 * or hold back the 0x00 delimiters and CR/LF bytes of binary frames. */
static gboolean
configure (EbbTtyTransport  *self,
           GError          **error)
{
  struct termios tio;
  int bits = TIOCM_DTR;

  if (tcgetattr (self->fd, &tio) != 0)
    {
      _ebb_transport_set_open_error (error, self->path, errno, NULL);
      return FALSE;
    }

  cfmakeraw (&tio);
  tio.c_cflag &= ~(CSIZE | PARENB | CSTOPB | CRTSCTS);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_iflag &= ~(IXON | IXOFF | IXANY);
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);

  if (tcsetattr (self->fd, TCSANOW, &tio) != 0)
    {
      _ebb_transport_set_open_error (error, self->path, errno, NULL);
      return FALSE;
    }

  /* Pseudo-terminals have no modem lines; a real tty gets DTR. */
  if (ioctl (self->fd, TIOCMBIS, &bits) != 0)
    g_debug ("%s has no DTR line: %s", self->path, g_strerror (errno));

  return TRUE;
}

static gboolean
ebb_tty_transport_open (EbbTransport  *transport,
                        GError       **error)
{
  EbbTtyTransport *self = EBB_TTY_TRANSPORT (transport);

  g_return_val_if_fail (self->fd < 0, FALSE);

  self->fd = open (self->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (self->fd < 0)
    {
      _ebb_transport_set_open_error (error, self->path, errno, NULL);
      return FALSE;
    }

  if (!isatty (self->fd))
    {
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT,
                   _("%s is not a serial port or terminal. Choose the chamber’s port "
                     "(“ebbflowctl ports” lists them)."),
                   self->path);
      close (self->fd);
      self->fd = -1;
      return FALSE;
    }

  if (!_ebb_transport_claim_exclusive (self->fd, self->path, error) || !configure (self, error))
    {
      close (self->fd);
      self->fd = -1;
      return FALSE;
    }

  g_debug ("opened %s as a tty", self->path);
  return TRUE;
}

static gboolean
ebb_tty_transport_discard_input (EbbTransport  *transport,
                                 GError       **error)
{
  EbbTtyTransport *self = EBB_TTY_TRANSPORT (transport);

  if (tcflush (self->fd, TCIFLUSH) != 0)
    {
      _ebb_transport_set_io_error (error, self->path, errno, NULL);
      return FALSE;
    }

  return TRUE;
}

static gssize
ebb_tty_transport_read (EbbTransport  *transport,
                        guint8        *buffer,
                        gsize          size,
                        GError       **error)
{
  EbbTtyTransport *self = EBB_TTY_TRANSPORT (transport);
  gssize n;

  do
    n = read (self->fd, buffer, size);
  while (n < 0 && errno == EINTR);

  if (n > 0)
    return n;

  if (n < 0 && errno == EAGAIN)
    return 0;

  /* End of file on a tty is a hang-up; a pty slave whose master closed
   * reads EIO. */
  _ebb_transport_set_io_error (error, self->path, n == 0 ? 0 : errno, NULL);
  return -1;
}

static gboolean
ebb_tty_transport_write_all (EbbTransport  *transport,
                             const guint8  *data,
                             gsize          size,
                             GError       **error)
{
  EbbTtyTransport *self = EBB_TTY_TRANSPORT (transport);
  gsize done = 0;

  while (done < size)
    {
      gssize n = write (self->fd, data + done, size - done);

      if (n > 0)
        {
          done += n;
          continue;
        }

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { .fd = self->fd, .events = POLLOUT };
          int r = poll (&pfd, 1, EBB_TRANSPORT_WRITE_TIMEOUT_MS);

          if (r > 0 && (pfd.revents & (POLLHUP | POLLERR)) == 0)
            continue;
          if (r < 0 && errno == EINTR)
            continue;
          if (r == 0)
            {
              g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                           _("The port %s takes no more data. Check the cable and the chamber."),
                           self->path);
              return FALSE;
            }
          _ebb_transport_set_io_error (error, self->path, r < 0 ? errno : EIO, NULL);
          return FALSE;
        }

      _ebb_transport_set_io_error (error, self->path, n < 0 ? errno : EIO, NULL);
      return FALSE;
    }

  return TRUE;
}

static int
ebb_tty_transport_get_fd (EbbTransport *transport)
{
  return EBB_TTY_TRANSPORT (transport)->fd;
}

static void
ebb_tty_transport_close (EbbTransport *transport)
{
  EbbTtyTransport *self = EBB_TTY_TRANSPORT (transport);

  if (self->fd < 0)
    return;

  _ebb_transport_release_exclusive (self->fd);
  close (self->fd);
  self->fd = -1;
}

static const char *
ebb_tty_transport_get_path (EbbTransport *transport)
{
  return EBB_TTY_TRANSPORT (transport)->path;
}

static void
transport_iface_init (EbbTransportInterface *iface)
{
  iface->open = ebb_tty_transport_open;
  iface->discard_input = ebb_tty_transport_discard_input;
  iface->read = ebb_tty_transport_read;
  iface->write_all = ebb_tty_transport_write_all;
  iface->get_fd = ebb_tty_transport_get_fd;
  iface->close = ebb_tty_transport_close;
  iface->get_path = ebb_tty_transport_get_path;
}

static void
ebb_tty_transport_finalize (GObject *object)
{
  EbbTtyTransport *self = EBB_TTY_TRANSPORT (object);

  ebb_tty_transport_close (EBB_TRANSPORT (self));
  g_free (self->path);

  G_OBJECT_CLASS (ebb_tty_transport_parent_class)->finalize (object);
}

static void
ebb_tty_transport_class_init (EbbTtyTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ebb_tty_transport_finalize;
}

static void
ebb_tty_transport_init (EbbTtyTransport *self)
{
  self->fd = -1;
}

EbbTtyTransport *
ebb_tty_transport_new (const char *path)
{
  EbbTtyTransport *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (EBB_TYPE_TTY_TRANSPORT, NULL);
  self->path = g_strdup (path);
  return self;
}
