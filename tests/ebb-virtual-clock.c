/* ebb-virtual-clock.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-virtual-clock"

#include "config.h"

#include "ebb-virtual-clock.h"

typedef struct
{
  guint id;
  gint64 due_us;
  GSourceFunc func;
  gpointer data;
} Timeout;

struct _EbbVirtualClock
{
  EbbClock parent_instance;

  GArray *timeouts;
  gint64 now_us;
  gint64 lateness_us;
  guint next_id;
};

G_DEFINE_FINAL_TYPE (EbbVirtualClock, ebb_virtual_clock, EBB_TYPE_CLOCK)

static gint64
ebb_virtual_clock_now_us (EbbClock *clock)
{
  return EBB_VIRTUAL_CLOCK (clock)->now_us;
}

static guint
ebb_virtual_clock_add_timeout (EbbClock    *clock,
                               gint64       delay_us,
                               GSourceFunc  func,
                               gpointer     data)
{
  EbbVirtualClock *self = EBB_VIRTUAL_CLOCK (clock);
  Timeout timeout = { ++self->next_id, self->now_us + MAX (delay_us, 0) + self->lateness_us, func, data };

  g_array_append_val (self->timeouts, timeout);
  return timeout.id;
}

static void
ebb_virtual_clock_remove_timeout (EbbClock *clock,
                                  guint     id)
{
  EbbVirtualClock *self = EBB_VIRTUAL_CLOCK (clock);

  for (guint i = 0; i < self->timeouts->len; i++)
    if (g_array_index (self->timeouts, Timeout, i).id == id)
      {
        g_array_remove_index (self->timeouts, i);
        return;
      }

  g_critical ("Removing unknown virtual timeout %u", id);
}

static void
ebb_virtual_clock_finalize (GObject *object)
{
  EbbVirtualClock *self = EBB_VIRTUAL_CLOCK (object);

  g_array_unref (self->timeouts);
  G_OBJECT_CLASS (ebb_virtual_clock_parent_class)->finalize (object);
}

static void
ebb_virtual_clock_class_init (EbbVirtualClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  EbbClockClass *clock_class = EBB_CLOCK_CLASS (klass);

  object_class->finalize = ebb_virtual_clock_finalize;
  clock_class->now_us = ebb_virtual_clock_now_us;
  clock_class->add_timeout = ebb_virtual_clock_add_timeout;
  clock_class->remove_timeout = ebb_virtual_clock_remove_timeout;
}

static void
ebb_virtual_clock_init (EbbVirtualClock *self)
{
  self->timeouts = g_array_new (FALSE, FALSE, sizeof (Timeout));
  self->now_us = 1000 * G_USEC_PER_SEC;
}

EbbVirtualClock *
ebb_virtual_clock_new (void)
{
  return g_object_new (EBB_TYPE_VIRTUAL_CLOCK, NULL);
}

/* Fires due timeouts in time order (ties in creation order), setting the
 * time to each one's due time first, as a real main loop would. */
void
ebb_virtual_clock_advance_to (EbbVirtualClock *self,
                              gint64           time_us)
{
  for (;;)
    {
      Timeout next = { 0 };
      guint index = 0;

      for (guint i = 0; i < self->timeouts->len; i++)
        {
          Timeout *t = &g_array_index (self->timeouts, Timeout, i);

          if (t->due_us <= time_us && (next.id == 0 || t->due_us < next.due_us))
            {
              next = *t;
              index = i;
            }
        }

      if (next.id == 0)
        break;

      g_array_remove_index (self->timeouts, index);
      self->now_us = MAX (self->now_us, next.due_us);
      next.func (next.data);
    }

  self->now_us = MAX (self->now_us, time_us);
}

void
ebb_virtual_clock_advance (EbbVirtualClock *self,
                           gint64           delta_us)
{
  ebb_virtual_clock_advance_to (self, self->now_us + delta_us);
}

/* Every timeout added from now on fires @lateness_us after its time, as a
 * real main loop's do (rounded up to milliseconds, behind other sources
 * or a busy machine): code that measures what is left after a timeout
 * must not count on having it to the microsecond. */
void
ebb_virtual_clock_set_lateness (EbbVirtualClock *self,
                                gint64           lateness_us)
{
  g_return_if_fail (lateness_us >= 0);

  self->lateness_us = lateness_us;
}

guint
ebb_virtual_clock_n_pending (EbbVirtualClock *self)
{
  return self->timeouts->len;
}
