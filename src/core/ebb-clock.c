/* ebb-clock.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-clock"

#include "config.h"

#include "ebb-clock.h"

G_DEFINE_TYPE (EbbClock, ebb_clock, G_TYPE_OBJECT)

static gint64
ebb_clock_real_now_us (EbbClock *self)
{
  return g_get_monotonic_time ();
}

static guint
ebb_clock_real_add_timeout (EbbClock    *self,
                            gint64       delay_us,
                            GSourceFunc  func,
                            gpointer     data)
{
  /* Round up so that a timeout never fires before its time: the runner
   * relies on "phase over" meaning the phase has fully elapsed. */
  guint ms = (guint) ((MAX (delay_us, 0) + 999) / 1000);
  g_autoptr(GSource) source = g_timeout_source_new (ms);

  /* High priority: a phase boundary or a staleness check must not queue
   * behind redraws. */
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, func, data, NULL);
  return g_source_attach (source, g_main_context_get_thread_default ());
}

static void
ebb_clock_real_remove_timeout (EbbClock *self,
                               guint     id)
{
  GSource *source = g_main_context_find_source_by_id (g_main_context_get_thread_default (), id);

  if (source != NULL)
    g_source_destroy (source);
}

static void
ebb_clock_class_init (EbbClockClass *klass)
{
  klass->now_us = ebb_clock_real_now_us;
  klass->add_timeout = ebb_clock_real_add_timeout;
  klass->remove_timeout = ebb_clock_real_remove_timeout;
}

static void
ebb_clock_init (EbbClock *self)
{
}

/**
 * ebb_clock_new:
 *
 * Creates the real clock: monotonic time, timeouts on the thread-default
 * main context.
 *
 * Returns: (transfer full): a new clock
 */
EbbClock *
ebb_clock_new (void)
{
  return g_object_new (EBB_TYPE_CLOCK, NULL);
}

/**
 * ebb_clock_now_us:
 * @self: a clock
 *
 * Returns: the monotonic time in microseconds
 */
gint64
ebb_clock_now_us (EbbClock *self)
{
  g_return_val_if_fail (EBB_IS_CLOCK (self), 0);

  return EBB_CLOCK_GET_CLASS (self)->now_us (self);
}

/**
 * ebb_clock_add_timeout:
 * @self: a clock
 * @delay_us: how long from now
 * @func: called once; it must return %G_SOURCE_REMOVE (timeouts are
 *   one-shot: a virtual clock does not repeat them either)
 * @data: passed to @func
 *
 * Returns: the timeout's id, never 0
 */
guint
ebb_clock_add_timeout (EbbClock    *self,
                       gint64       delay_us,
                       GSourceFunc  func,
                       gpointer     data)
{
  g_return_val_if_fail (EBB_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  return EBB_CLOCK_GET_CLASS (self)->add_timeout (self, delay_us, func, data);
}

/**
 * ebb_clock_remove_timeout:
 * @self: a clock
 * @id: a timeout id that has not fired
 */
void
ebb_clock_remove_timeout (EbbClock *self,
                          guint     id)
{
  g_return_if_fail (EBB_IS_CLOCK (self));
  g_return_if_fail (id != 0);

  EBB_CLOCK_GET_CLASS (self)->remove_timeout (self, id);
}

/**
 * ebb_clock_clear_timeout:
 * @self: a clock
 * @id: (inout): a timeout id or 0; set to 0
 *
 * Removes the timeout if there is one, like g_clear_handle_id().
 */
void
ebb_clock_clear_timeout (EbbClock *self,
                         guint    *id)
{
  g_return_if_fail (id != NULL);

  if (*id != 0)
    ebb_clock_remove_timeout (self, *id);
  *id = 0;
}
