/* ebb-sim-chamber.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* posix_openpt, ptsname_r */
#define _GNU_SOURCE

#define G_LOG_DOMAIN "ebb-sim-chamber"

#include "config.h"

#include "ebb-sim-chamber.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Bytes waiting for a host that does not read; beyond this the oldest are
 * lost, as in a UART whose receiver overran. */
#define MAX_PENDING 4096

struct _EbbSimChamber
{
  GObject       parent_instance;

  /* owned */
  EbbSimConfig  config;
  EbbSimDevice *device;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GSource      *fd_source;
  GSource      *tick_source;
  GByteArray   *pending;
  FILE         *log;
  char         *path;

  /* state; everything below is guarded by mutex once the thread runs */
  GMutex        mutex;
  int           master_fd;
  int           slave_fd;
  gint64        start_us;
  guint64       advanced_ms;
};

G_DEFINE_FINAL_TYPE (EbbSimChamber, ebb_sim_chamber, G_TYPE_OBJECT)

static void
log_cb (guint64     sim_ms,
        guint32     device_ms,
        const char *line,
        gpointer    user_data)
{
  EbbSimChamber *self = user_data;

  fprintf (self->log, "%" G_GUINT64_FORMAT ".%03u device_ms=%u %s\n",
           sim_ms / 1000, (guint) (sim_ms % 1000), device_ms, line);
  fflush (self->log);
}

/* Called with the mutex held. Brings the device to the wall clock. */
static void
catch_up (EbbSimChamber *self)
{
  guint64 now_ms = (guint64) (g_get_monotonic_time () - self->start_us) / 1000;

  if (now_ms > self->advanced_ms)
    {
      ebb_sim_device_advance (self->device, (guint) (now_ms - self->advanced_ms));
      self->advanced_ms = now_ms;
    }
}

/* Called with the mutex held. */
static void
flush_output (EbbSimChamber *self)
{
  g_autoptr(GBytes) out = NULL;
  const guint8 *data;
  gsize size;

  /* Most ticks have nothing to say. */
  if (ebb_sim_device_output_size (self->device) == 0 && self->pending->len == 0)
    return;

  out = ebb_sim_device_take_output (self->device);
  data = g_bytes_get_data (out, &size);
  if (self->master_fd < 0)
    return;

  g_byte_array_append (self->pending, data, size);
  while (self->pending->len > 0)
    {
      ssize_t n = write (self->master_fd, self->pending->data, self->pending->len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_byte_array_remove_range (self->pending, 0, (guint) n);
    }
  if (self->pending->len > MAX_PENDING)
    g_byte_array_remove_range (self->pending, 0, self->pending->len - MAX_PENDING);
}

static gboolean
tick_cb (gpointer user_data)
{
  EbbSimChamber *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  catch_up (self);
  flush_output (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
readable_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  EbbSimChamber *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  guint8 buf[4096];
  ssize_t n;

  if (self->master_fd < 0)
    return G_SOURCE_REMOVE;

  catch_up (self);
  n = read (self->master_fd, buf, sizeof buf);
  if (n > 0)
    {
      ebb_sim_device_receive (self->device, buf, (gsize) n);
      flush_output (self);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;

  /* We hold the slave open ourselves, so this is not a host hanging up. */
  g_warning ("Reading the simulator's pty failed: %s", n < 0 ? g_strerror (errno) : "end of file");
  g_clear_pointer (&self->fd_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gpointer
thread_func (gpointer user_data)
{
  EbbSimChamber *self = user_data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
close_fds (EbbSimChamber *self)
{
  if (self->fd_source != NULL)
    {
      g_source_destroy (self->fd_source);
      g_clear_pointer (&self->fd_source, g_source_unref);
    }
  if (self->master_fd >= 0)
    close (self->master_fd);
  if (self->slave_fd >= 0)
    close (self->slave_fd);
  self->master_fd = -1;
  self->slave_fd = -1;
}

static void
ebb_sim_chamber_dispose (GObject *object)
{
  ebb_sim_chamber_stop (EBB_SIM_CHAMBER (object));

  G_OBJECT_CLASS (ebb_sim_chamber_parent_class)->dispose (object);
}

static void
ebb_sim_chamber_finalize (GObject *object)
{
  EbbSimChamber *self = EBB_SIM_CHAMBER (object);

  ebb_sim_config_clear (&self->config);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending, g_byte_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ebb_sim_chamber_parent_class)->finalize (object);
}

static void
ebb_sim_chamber_class_init (EbbSimChamberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_sim_chamber_dispose;
  object_class->finalize = ebb_sim_chamber_finalize;
}

static void
ebb_sim_chamber_init (EbbSimChamber *self)
{
  g_mutex_init (&self->mutex);
  ebb_sim_config_init (&self->config);
  self->pending = g_byte_array_new ();
  self->master_fd = -1;
  self->slave_fd = -1;
}

EbbSimChamber *
ebb_sim_chamber_new (const char  *options,
                     GError     **error)
{
  g_autoptr(EbbSimChamber) self = g_object_new (EBB_TYPE_SIM_CHAMBER, NULL);

  if (!ebb_sim_config_parse (&self->config, options, error))
    return NULL;

  return g_steal_pointer (&self);
}

EbbSimChamber *
ebb_sim_chamber_new_with_config (const EbbSimConfig *config)
{
  EbbSimChamber *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (EBB_TYPE_SIM_CHAMBER, NULL);
  ebb_sim_config_clear (&self->config);
  ebb_sim_config_copy (&self->config, config);
  return self;
}

static gboolean
open_pty (EbbSimChamber  *self,
          GError        **error)
{
  struct termios tio;
  char name[128];
  int saved;

  self->master_fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->master_fd < 0 ||
      grantpt (self->master_fd) != 0 ||
      unlockpt (self->master_fd) != 0 ||
      ptsname_r (self->master_fd, name, sizeof name) != 0)
    goto fail;

  /* Holding the slave open keeps the pty alive between hosts (no EIO on
   * the master when a host closes it) and lets us set it raw: without that
   * the line discipline would echo and buffer lines. */
  self->slave_fd = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->slave_fd < 0 || tcgetattr (self->slave_fd, &tio) != 0)
    goto fail;
  cfmakeraw (&tio);
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  if (tcsetattr (self->slave_fd, TCSANOW, &tio) != 0 ||
      !g_unix_set_fd_nonblocking (self->master_fd, TRUE, NULL))
    goto fail;

  self->path = g_strdup (name);
  return TRUE;

fail:
  saved = errno;
  close_fds (self);
  g_set_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_PTY,
               "Could not create a pseudo-terminal for the simulated chamber: %s",
               g_strerror (saved));
  return FALSE;
}

gboolean
ebb_sim_chamber_start (EbbSimChamber  *self,
                       GError        **error)
{
  g_return_val_if_fail (EBB_IS_SIM_CHAMBER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  if (self->config.log_path != NULL)
    {
      self->log = fopen (self->config.log_path, "ae");
      if (self->log == NULL)
        {
          int saved = errno;

          g_set_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_LOG,
                       "Could not open the frame log “%s”: %s",
                       self->config.log_path, g_strerror (saved));
          return FALSE;
        }
    }

  if (!open_pty (self, error))
    {
      g_clear_pointer (&self->log, fclose);
      return FALSE;
    }

  self->device = ebb_sim_device_new (&self->config);
  if (self->log != NULL)
    ebb_sim_device_set_log_func (self->device, log_cb, self);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  self->fd_source = g_unix_fd_source_new (self->master_fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->fd_source, G_SOURCE_FUNC (readable_cb), self, NULL);
  g_source_attach (self->fd_source, self->context);

  self->tick_source = g_timeout_source_new (1);
  g_source_set_callback (self->tick_source, tick_cb, self, NULL);
  g_source_attach (self->tick_source, self->context);

  self->start_us = g_get_monotonic_time ();
  self->advanced_ms = 0;
  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

    flush_output (self);   /* the BOOT event */
  }
  self->thread = g_thread_new ("ebb-sim-chamber", thread_func, self);

  return TRUE;
}

const char *
ebb_sim_chamber_get_path (EbbSimChamber *self)
{
  g_return_val_if_fail (EBB_IS_SIM_CHAMBER (self), NULL);

  return self->path;
}

void
ebb_sim_chamber_stop (EbbSimChamber *self)
{
  g_return_if_fail (EBB_IS_SIM_CHAMBER (self));

  if (self->thread != NULL)
    {
      g_main_loop_quit (self->loop);
      g_clear_pointer (&self->thread, g_thread_join);
    }
  if (self->tick_source != NULL)
    {
      g_source_destroy (self->tick_source);
      g_clear_pointer (&self->tick_source, g_source_unref);
    }
  close_fds (self);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->device, ebb_sim_device_free);
  g_clear_pointer (&self->log, fclose);
}

void
ebb_sim_chamber_close_master (EbbSimChamber *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (EBB_IS_SIM_CHAMBER (self));

  locker = g_mutex_locker_new (&self->mutex);
  close_fds (self);
  g_byte_array_set_size (self->pending, 0);
}

void
ebb_sim_chamber_inject (EbbSimChamber *self,
                        EbbSimFault    fault,
                        double         value)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (EBB_IS_SIM_CHAMBER (self));
  g_return_if_fail (self->device != NULL);

  locker = g_mutex_locker_new (&self->mutex);
  catch_up (self);
  ebb_sim_device_inject (self->device, fault, value);
}

void
ebb_sim_chamber_get_state (EbbSimChamber *self,
                           EbbSimState   *state)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (EBB_IS_SIM_CHAMBER (self));
  g_return_if_fail (state != NULL);
  g_return_if_fail (self->device != NULL);

  locker = g_mutex_locker_new (&self->mutex);
  catch_up (self);
  ebb_sim_device_get_state (self->device, state);
}
