/* ebb-serial-transport.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-serial-transport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-serial-transport.h"
#include "ebb-transport-private.h"

#include <errno.h>
#include <libserialport.h>
#include <linux/serial.h>
#include <poll.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

struct _EbbSerialTransport
{
  GObject         parent_instance;

  char           *path;
  char           *device;  /* @path with symlinks resolved */
  struct sp_port *port;
  int             fd;
};

static void transport_iface_init (EbbTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbbSerialTransport, ebb_serial_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EBB_TYPE_TRANSPORT, transport_iface_init))

static void debug_handler (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* libserialport's trace goes to our log, enabled with
 * G_MESSAGES_DEBUG=ebb-transport like the rest of it. */
static void
debug_handler (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  /* libserialport traces every call; format only when someone listens. */
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, "ebb-transport"))
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strchomp (message);
  g_log ("ebb-transport", G_LOG_LEVEL_DEBUG, "libserialport: %s", message);
}

/* Turns the failure libserialport just reported into a GError. Must run
 * right after the failed call, on its thread: the library keeps errno and
 * its message per thread. */
static void
set_sp_error (GError          **error,
              const char       *path,
              enum sp_return    ret,
              gboolean          opening)
{
  int errsv = errno;
  char *message = NULL;

  if (ret == SP_ERR_FAIL)
    {
      errsv = sp_last_error_code ();
      message = sp_last_error_message ();
    }

  if (ret == SP_ERR_ARG && opening)
    g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT,
                 _("%s is not a serial port the system knows. Check that the chamber is plugged "
                   "in, or choose another port (“ebbflowctl ports” lists them)."),
                 path);
  else if (ret == SP_ERR_MEM)
    g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                 _("Out of memory while using the serial port %s."), path);
  else if (ret != SP_ERR_FAIL)
    g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                 _("The serial port %s refused its settings (libserialport error %d)."),
                 path, (int) ret);
  else if (opening)
    _ebb_transport_set_open_error (error, path, errsv, message);
  else
    _ebb_transport_set_io_error (error, path, errsv, message);

  if (message != NULL)
    sp_free_error_message (message);
}

/*
 * USB-serial bridges of the FTDI kind hold received bytes for their latency
 * timer (16 ms by default on current kernels) before sending a short USB
 * packet. ASYNC_LOW_LATENCY asks the driver for 1 ms; ftdi_sio maps it onto
 * the chip's timer. CDC-ACM chambers have no timer and refuse the ioctl,
 * which is fine.
 */
static void
request_low_latency (EbbSerialTransport *self)
{
  struct serial_struct ss;
  g_autofree char *base = g_path_get_basename (self->device);
  g_autofree char *timer = g_strdup_printf ("/sys/class/tty/%s/device/latency_timer", base);
  FILE *file;

  if (ioctl (self->fd, TIOCGSERIAL, &ss) == 0)
    {
      ss.flags |= ASYNC_LOW_LATENCY;
      if (ioctl (self->fd, TIOCSSERIAL, &ss) != 0)
        g_debug ("%s: ASYNC_LOW_LATENCY refused: %s", self->path, g_strerror (errno));
      else
        g_debug ("%s: ASYNC_LOW_LATENCY set", self->path);
    }

  /* Older ftdi_sio ignores the flag; its sysfs timer is writable by root
   * (or by a udev rule, see docs/drivers.md). */
  file = fopen (timer, "w");
  if (file != NULL)
    {
      if (fputs ("1", file) < 0)
        g_debug ("%s: cannot write %s", self->path, timer);
      fclose (file);
    }
}

static gboolean
configure (EbbSerialTransport  *self,
           GError             **error)
{
  struct sp_port_config *config = NULL;
  enum sp_return ret;

  ret = sp_new_config (&config);
  if (ret == SP_OK)
    ret = sp_set_config_baudrate (config, 115200);
  if (ret == SP_OK)
    ret = sp_set_config_bits (config, 8);
  if (ret == SP_OK)
    ret = sp_set_config_parity (config, SP_PARITY_NONE);
  if (ret == SP_OK)
    ret = sp_set_config_stopbits (config, 1);
  if (ret == SP_OK)
    ret = sp_set_config_flowcontrol (config, SP_FLOWCONTROL_NONE);
  if (ret == SP_OK)
    ret = sp_set_config_dtr (config, SP_DTR_ON);
  if (ret == SP_OK)
    ret = sp_set_config (self->port, config);

  if (ret != SP_OK)
    set_sp_error (error, self->path, ret, TRUE);

  sp_free_config (config);
  return ret == SP_OK;
}

static gboolean
ebb_serial_transport_open (EbbTransport  *transport,
                           GError       **error)
{
  EbbSerialTransport *self = EBB_SERIAL_TRANSPORT (transport);
  enum sp_return ret;
  struct stat st;

  g_return_val_if_fail (self->port == NULL, FALSE);

  /* libserialport says only "not found" for a missing node; stat says why. */
  g_free (self->device);
  self->device = _ebb_transport_resolve_path (self->path);
  if (stat (self->device, &st) != 0)
    {
      _ebb_transport_set_open_error (error, self->path, errno, NULL);
      return FALSE;
    }

  ret = sp_get_port_by_name (self->device, &self->port);
  if (ret != SP_OK)
    {
      set_sp_error (error, self->path, ret, TRUE);
      self->port = NULL;
      return FALSE;
    }

  ret = sp_open (self->port, SP_MODE_READ_WRITE);
  if (ret != SP_OK)
    {
      set_sp_error (error, self->path, ret, TRUE);
      g_clear_pointer (&self->port, sp_free_port);
      return FALSE;
    }

  if (sp_get_port_handle (self->port, &self->fd) != SP_OK ||
      !_ebb_transport_claim_exclusive (self->fd, self->path, error) ||
      !configure (self, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                     _("Could not open the serial port %s."), self->path);
      sp_close (self->port);
      g_clear_pointer (&self->port, sp_free_port);
      self->fd = -1;
      return FALSE;
    }

  request_low_latency (self);
  g_debug ("opened %s (%s) through libserialport", self->path, self->device);
  return TRUE;
}

static gboolean
ebb_serial_transport_discard_input (EbbTransport  *transport,
                                    GError       **error)
{
  EbbSerialTransport *self = EBB_SERIAL_TRANSPORT (transport);
  enum sp_return ret = sp_flush (self->port, SP_BUF_INPUT);

  if (ret != SP_OK)
    {
      set_sp_error (error, self->path, ret, FALSE);
      return FALSE;
    }

  return TRUE;
}

static gssize
ebb_serial_transport_read (EbbTransport  *transport,
                           guint8        *buffer,
                           gsize          size,
                           GError       **error)
{
  EbbSerialTransport *self = EBB_SERIAL_TRANSPORT (transport);
  struct pollfd pfd = { .fd = self->fd, .events = POLLIN };
  enum sp_return ret = sp_nonblocking_read (self->port, buffer, size);

  if (ret > 0)
    return ret;

  if (ret < 0)
    {
      set_sp_error (error, self->path, ret, FALSE);
      return -1;
    }

  /* sp_nonblocking_read() says 0 both for "nothing yet" and for end of
   * file. A port that polls readable or hung up and still gives nothing
   * is gone (an unplugged USB device). */
  if (poll (&pfd, 1, 0) > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0)
    {
      _ebb_transport_set_io_error (error, self->path, 0, NULL);
      return -1;
    }

  return 0;
}

static gboolean
ebb_serial_transport_write_all (EbbTransport  *transport,
                                const guint8  *data,
                                gsize          size,
                                GError       **error)
{
  EbbSerialTransport *self = EBB_SERIAL_TRANSPORT (transport);
  enum sp_return ret = sp_blocking_write (self->port, data, size, EBB_TRANSPORT_WRITE_TIMEOUT_MS);

  if (ret < 0)
    {
      set_sp_error (error, self->path, ret, FALSE);
      return FALSE;
    }

  if ((gsize) ret < size)
    {
      g_set_error (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_FAILED,
                   _("The port %s takes no more data. Check the cable and the chamber."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

static int
ebb_serial_transport_get_fd (EbbTransport *transport)
{
  return EBB_SERIAL_TRANSPORT (transport)->fd;
}

static void
ebb_serial_transport_close (EbbTransport *transport)
{
  EbbSerialTransport *self = EBB_SERIAL_TRANSPORT (transport);

  if (self->port == NULL)
    return;

  _ebb_transport_release_exclusive (self->fd);
  if (sp_close (self->port) != SP_OK)
    g_debug ("closing %s failed", self->path);
  g_clear_pointer (&self->port, sp_free_port);
  self->fd = -1;
}

static const char *
ebb_serial_transport_get_path (EbbTransport *transport)
{
  return EBB_SERIAL_TRANSPORT (transport)->path;
}

static void
transport_iface_init (EbbTransportInterface *iface)
{
  iface->open = ebb_serial_transport_open;
  iface->discard_input = ebb_serial_transport_discard_input;
  iface->read = ebb_serial_transport_read;
  iface->write_all = ebb_serial_transport_write_all;
  iface->get_fd = ebb_serial_transport_get_fd;
  iface->close = ebb_serial_transport_close;
  iface->get_path = ebb_serial_transport_get_path;
}

static void
ebb_serial_transport_finalize (GObject *object)
{
  EbbSerialTransport *self = EBB_SERIAL_TRANSPORT (object);

  ebb_serial_transport_close (EBB_TRANSPORT (self));
  g_free (self->path);
  g_free (self->device);

  G_OBJECT_CLASS (ebb_serial_transport_parent_class)->finalize (object);
}

static void
ebb_serial_transport_class_init (EbbSerialTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ebb_serial_transport_finalize;

  /* libserialport's prototype lacks the printf attribute ours carries. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsuggest-attribute=format"
  sp_set_debug_handler (debug_handler);
#pragma GCC diagnostic pop
}

static void
ebb_serial_transport_init (EbbSerialTransport *self)
{
  self->fd = -1;
}

EbbSerialTransport *
ebb_serial_transport_new (const char *path)
{
  EbbSerialTransport *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (EBB_TYPE_SERIAL_TRANSPORT, NULL);
  self->path = g_strdup (path);
  return self;
}
