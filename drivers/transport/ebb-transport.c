/* ebb-transport.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-transport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-serial-transport.h"
#include "ebb-transport-private.h"
#include "ebb-tty-transport.h"

#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (ebb-transport-error-quark, ebb_transport_error)

G_DEFINE_INTERFACE (EbbTransport, ebb_transport, G_TYPE_OBJECT)

static void
ebb_transport_default_init (EbbTransportInterface *iface)
{
}

/* The name of the group that owns @path's device node, or NULL. */
static char *
owning_group (const char *path)
{
  struct stat st;
  struct group *gr;

  if (stat (path, &st) != 0)
    return NULL;

  gr = getgrgid (st.st_gid);
  if (gr == NULL)
    return g_strdup_printf ("%u", (guint) st.st_gid);

  return g_strdup (gr->gr_name);
}

/*
 * Turns the errno of a failed open into the error an operator can act on.
 * @detail is the library's own text, when it has one (libserialport's
 * sp_last_error_message), read on the thread where the call failed.
 */
void
_ebb_transport_set_open_error (GError     **error,
                               const char  *path,
                               int          errsv,
                               const char  *detail)
{
  const char *why = detail != NULL ? detail : g_strerror (errsv);

  switch (errsv)
    {
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case ENOTDIR:
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT,
                   _("There is no serial port %s (%s). Check that the chamber is plugged in and "
                     "switched on, or choose another port (“ebbflowctl ports” lists them)."),
                   path, why);
      break;

    case EACCES:
    case EPERM:
      {
        g_autofree char *group = owning_group (path);

        if (group != NULL)
          g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_PERMISSION_DENIED,
                       _("Permission denied opening %s: the port belongs to the group “%s”. "
                         "Add the operator’s account to that group (sudo usermod -aG %s USER), "
                         "then log out and in again. The udev rule in drivers/udev, described "
                         "under “Connecting a real chamber” in README.md, sets this up for "
                         "chambers."),
                       path, group, group);
        else
          g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_PERMISSION_DENIED,
                       _("Permission denied opening %s (%s). Add the operator’s account to the "
                         "group that owns the port, then log out and in again. The udev rule in "
                         "drivers/udev, described under “Connecting a real chamber” in "
                         "README.md, sets this up for chambers."),
                       path, why);
      }
      break;

    case EBUSY:
    case EWOULDBLOCK:
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_BUSY,
                   _("The port %s is in use by another program. Close the other program (another "
                     "Ebbflow window, ebbflowctl monitor, a terminal program) and try again."),
                   path);
      break;

    case EIO:
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_DISCONNECTED,
                   _("The device on %s went away while it was being opened (%s). Check the "
                     "cable and try again."),
                   path, why);
      break;

    default:
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                   _("Could not open the serial port %s: %s."),
                   path, why);
      break;
    }
}

/* Errors of reads and writes on an open port. */
void
_ebb_transport_set_io_error (GError     **error,
                             const char  *path,
                             int          errsv,
                             const char  *detail)
{
  const char *why = detail != NULL ? detail : g_strerror (errsv);

  switch (errsv)
    {
    case 0:
    case EIO:
    case ENODEV:
    case ENXIO:
    case EPIPE:
    case ENOENT:
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_DISCONNECTED,
                   _("The chamber on %s was disconnected. Check the USB cable and the chamber’s "
                     "power, then connect again."),
                   path);
      break;

    default:
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                   _("The serial port %s failed: %s."),
                   path, why);
      break;
    }
}

/*
 * One program per chamber: an advisory lock that every well-behaved serial
 * program (ModemManager excepted) honours, and TIOCEXCL so that a later
 * open() by anyone but root fails with EBUSY.
 */
gboolean
_ebb_transport_claim_exclusive (int          fd,
                                const char  *path,
                                GError     **error)
{
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      _ebb_transport_set_open_error (error, path, errsv == EWOULDBLOCK ? EBUSY : errsv, NULL);
      return FALSE;
    }

  if (ioctl (fd, TIOCEXCL) != 0)
    g_debug ("TIOCEXCL on %s: %s", path, g_strerror (errno));

  return TRUE;
}

void
_ebb_transport_release_exclusive (int fd)
{
  /* TIOCEXCL outlives the descriptor while the tty stays open elsewhere. */
  if (ioctl (fd, TIOCNXCL) != 0)
    g_debug ("TIOCNXCL: %s", g_strerror (errno));
  flock (fd, LOCK_UN);
}

/* The device node behind @path (symlinks such as /dev/ebbflow-chamber
 * resolved), or a copy of @path when it does not exist. */
char *
_ebb_transport_resolve_path (const char *path)
{
  char *real = realpath (path, NULL);

  if (real == NULL)
    return g_strdup (path);

  return real;
}

/**
 * ebb_transport_path_is_pty:
 * @path: a device path
 *
 * @return: %TRUE when @path is a pseudo-terminal (/dev/pts/N) or a symlink
 *   to one; these need the tty transport, libserialport cannot open them
 */
gboolean
ebb_transport_path_is_pty (const char *path)
{
  g_autofree char *real = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  real = _ebb_transport_resolve_path (path);
  return g_str_has_prefix (real, "/dev/pts/");
}

/**
 * ebb_transport_new_for_path:
 * @path: a device path
 *
 * Chooses the transport for @path: the tty transport for pseudo-terminals
 * (simulators, socat bridges) and symlinks to them, libserialport for
 * everything else. Nothing is opened yet.
 *
 * @return: (transfer full): a closed transport
 */
EbbTransport *
ebb_transport_new_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (ebb_transport_path_is_pty (path))
    return EBB_TRANSPORT (ebb_tty_transport_new (path));

  return EBB_TRANSPORT (ebb_serial_transport_new (path));
}

const char *
ebb_transport_get_path (EbbTransport *self)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (self), NULL);

  return EBB_TRANSPORT_GET_IFACE (self)->get_path (self);
}

int
ebb_transport_get_fd (EbbTransport *self)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (self), -1);

  return EBB_TRANSPORT_GET_IFACE (self)->get_fd (self);
}

gboolean
ebb_transport_open (EbbTransport  *self,
                    GError       **error)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return EBB_TRANSPORT_GET_IFACE (self)->open (self, error);
}

gboolean
ebb_transport_discard_input (EbbTransport  *self,
                             GError       **error)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (self), FALSE);

  return EBB_TRANSPORT_GET_IFACE (self)->discard_input (self, error);
}

gssize
ebb_transport_read (EbbTransport  *self,
                    guint8        *buffer,
                    gsize          size,
                    GError       **error)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (self), -1);
  g_return_val_if_fail (buffer != NULL, -1);

  return EBB_TRANSPORT_GET_IFACE (self)->read (self, buffer, size, error);
}

gboolean
ebb_transport_write_all (EbbTransport  *self,
                         const guint8  *data,
                         gsize          size,
                         GError       **error)
{
  g_return_val_if_fail (EBB_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  return EBB_TRANSPORT_GET_IFACE (self)->write_all (self, data, size, error);
}

void
ebb_transport_close (EbbTransport *self)
{
  g_return_if_fail (EBB_IS_TRANSPORT (self));

  EBB_TRANSPORT_GET_IFACE (self)->close (self);
}
