/* ebb-pressure-ring.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-pressure-ring"

#include "config.h"

#include "ebb-pressure-ring.h"

/* Forgets every sample but keeps the memory for the next session. */
void
ebb_pressure_ring_clear (EbbPressureRing *self)
{
  self->head = 0;
  self->len = 0;
}

void
ebb_pressure_ring_free (EbbPressureRing *self)
{
  g_clear_pointer (&self->samples, g_free);
  self->alloc = 0;
  ebb_pressure_ring_clear (self);
}

void
ebb_pressure_ring_push (EbbPressureRing              *self,
                        const EbbPressureGraphSample *sample)
{
  /* The ring grows until it holds a whole session; only then does it wrap,
   * so a short session does not pay for an hour of memory. */
  if (self->len == self->alloc && self->alloc < EBB_PRESSURE_GRAPH_CAPACITY)
    {
      g_assert (self->head == 0);
      self->alloc = MIN (MAX (self->alloc * 2, 4096), EBB_PRESSURE_GRAPH_CAPACITY);
      self->samples = g_renew (EbbPressureGraphSample, self->samples, self->alloc);
    }

  if (self->len < self->alloc)
    {
      self->samples[(self->head + self->len) % self->alloc] = *sample;
      self->len++;
    }
  else
    {
      self->samples[self->head] = *sample;
      self->head = (self->head + 1) % self->alloc;
    }
}

/* The @i-th sample, oldest first. */
const EbbPressureGraphSample *
ebb_pressure_ring_get (const EbbPressureRing *self,
                       guint                  i)
{
  g_assert (i < self->len);
  return &self->samples[(self->head + i) % self->alloc];
}

/* The newest sample, or NULL when there is none. */
const EbbPressureGraphSample *
ebb_pressure_ring_newest (const EbbPressureRing *self)
{
  return self->len > 0 ? ebb_pressure_ring_get (self, self->len - 1) : NULL;
}

/* The index of the first sample at or after @t_us (len if none). */
guint
ebb_pressure_ring_search (const EbbPressureRing *self,
                          gint64                 t_us)
{
  guint lo = 0;
  guint hi = self->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ebb_pressure_ring_get (self, mid)->t_us < t_us)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The sample nearest to @t_us, or NULL when there is none. */
const EbbPressureGraphSample *
ebb_pressure_ring_nearest (const EbbPressureRing *self,
                           gint64                 t_us)
{
  guint i;

  if (self->len == 0)
    return NULL;

  i = ebb_pressure_ring_search (self, t_us);
  if (i == self->len)
    return ebb_pressure_ring_get (self, i - 1);
  if (i > 0 && t_us - ebb_pressure_ring_get (self, i - 1)->t_us < ebb_pressure_ring_get (self, i)->t_us - t_us)
    return ebb_pressure_ring_get (self, i - 1);

  return ebb_pressure_ring_get (self, i);
}

/* The mean pressure of the samples in [@from_us, @to_us], or that of the
 * sample nearest to @to_us when there are none. The ring must not be
 * empty. */
double
ebb_pressure_ring_mean (const EbbPressureRing *self,
                        gint64                 from_us,
                        gint64                 to_us)
{
  double sum = 0;
  guint n = 0;

  g_assert (self->len > 0);

  for (guint i = ebb_pressure_ring_search (self, from_us); i < self->len; i++)
    {
      const EbbPressureGraphSample *sample = ebb_pressure_ring_get (self, i);

      if (sample->t_us > to_us)
        break;
      sum += sample->pa;
      n++;
    }

  return n > 0 ? sum / n : ebb_pressure_ring_nearest (self, to_us)->pa;
}
