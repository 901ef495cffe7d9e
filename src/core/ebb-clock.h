/* ebb-clock.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EBB_TYPE_CLOCK (ebb_clock_get_type())

G_DECLARE_DERIVABLE_TYPE (EbbClock, ebb_clock, EBB, CLOCK, GObject)

/**
 * EbbClockClass:
 * @now_us: the monotonic time in microseconds
 * @add_timeout: calls @func once after @delay_us; returns a non-zero id
 * @remove_timeout: cancels a timeout that has not fired yet
 *
 * The time source of the session runner and the safety supervisor. The
 * base class is the real clock (g_get_monotonic_time() and timeouts on the
 * thread-default main context); tests derive a virtual clock so that a
 * 30-minute session runs in milliseconds and every decision is
 * reproducible.
 */
struct _EbbClockClass
{
  GObjectClass parent_class;

  gint64 (*now_us)         (EbbClock    *self);
  guint  (*add_timeout)    (EbbClock    *self,
                            gint64       delay_us,
                            GSourceFunc  func,
                            gpointer     data);
  void   (*remove_timeout) (EbbClock    *self,
                            guint        id);
};

EbbClock *ebb_clock_new            (void) G_GNUC_WARN_UNUSED_RESULT;
gint64    ebb_clock_now_us         (EbbClock    *self);
guint     ebb_clock_add_timeout    (EbbClock    *self,
                                    gint64       delay_us,
                                    GSourceFunc  func,
                                    gpointer     data);
void      ebb_clock_remove_timeout (EbbClock    *self,
                                    guint        id);
void      ebb_clock_clear_timeout  (EbbClock    *self,
                                    guint       *id);

G_END_DECLS
