/* ebb-pressure-columns.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-pressure-columns"

#include "config.h"

#include <math.h>

#include "ebb-pressure-columns.h"

static inline EbbPressureColumn *
slot (const EbbPressureColumns *self,
      gint64                    c)
{
  gint64 n = self->n_slots;

  return &self->slots[((c % n) + n) % n];
}

void
ebb_pressure_columns_free (EbbPressureColumns *self)
{
  g_clear_pointer (&self->slots, g_free);
  self->n_slots = 0;
}

/* The absolute column holding @t_us. */
gint64
ebb_pressure_columns_index (const EbbPressureColumns *self,
                            gint64                    t_us)
{
  return (gint64) floor ((double) t_us / self->us_per_px);
}

/* Column @c, or NULL when its slot holds no sample of that column. */
const EbbPressureColumn *
ebb_pressure_columns_get (const EbbPressureColumns *self,
                          gint64                    c)
{
  const EbbPressureColumn *col;

  if (self->n_slots == 0)
    return NULL;

  col = slot (self, c);

  return col->index == c ? col : NULL;
}

/* Adds one sample. Returns whether it started a column or grew one (then
 * @before holds the column as it was), so the caller can tell whether a
 * drawn pixel moved. */
EbbPressureColumnsChange
ebb_pressure_columns_add (EbbPressureColumns           *self,
                          const EbbPressureGraphSample *sample,
                          EbbPressureColumn            *before)
{
  gint64 c = ebb_pressure_columns_index (self, sample->t_us);
  EbbPressureColumn *col;
  guint8 phase_bit = 1u << MIN (sample->phase, 7);

  if (c <= self->last_col - (gint64) self->n_slots)
    return EBB_PRESSURE_COLUMNS_UNCHANGED;

  if (c > self->last_col)
    {
      gint64 from = MAX (self->last_col + 1, c - (gint64) self->n_slots + 1);

      for (gint64 k = from; k <= c; k++)
        slot (self, k)->index = G_MININT64;
      self->last_col = c;
    }

  col = slot (self, c);

  if (col->index != c)
    {
      col->index = c;
      col->min_pa = col->max_pa = sample->pa;
      col->target_pa = sample->target_pa;
      col->phases = phase_bit;
      return EBB_PRESSURE_COLUMNS_NEW;
    }

  if (sample->pa >= col->min_pa && sample->pa <= col->max_pa &&
      sample->target_pa == col->target_pa && (col->phases & phase_bit) != 0)
    return EBB_PRESSURE_COLUMNS_UNCHANGED;

  *before = *col;
  col->min_pa = MIN (col->min_pa, sample->pa);
  col->max_pa = MAX (col->max_pa, sample->pa);
  col->target_pa = sample->target_pa;
  col->phases |= phase_bit;

  return EBB_PRESSURE_COLUMNS_GREW;
}

/* Recomputes the columns [@first_col, @last_wanted] from @ring at a new
 * scale: only when the scale or the reviewed stretch changes, never per
 * frame. */
void
ebb_pressure_columns_rebuild (EbbPressureColumns    *self,
                              const EbbPressureRing *ring,
                              guint                  n_slots,
                              double                 us_per_px,
                              gint64                 first_col,
                              gint64                 last_wanted)
{
  EbbPressureColumn unused;

  self->n_slots = n_slots;
  self->slots = g_renew (EbbPressureColumn, self->slots, n_slots);
  for (guint i = 0; i < n_slots; i++)
    self->slots[i].index = G_MININT64;

  self->us_per_px = us_per_px;
  self->last_col = first_col - 1;

  for (guint i = ebb_pressure_ring_search (ring, (gint64) ceil (first_col * us_per_px));
       i < ring->len;
       i++)
    {
      const EbbPressureGraphSample *sample = ebb_pressure_ring_get (ring, i);

      if (ebb_pressure_columns_index (self, sample->t_us) > last_wanted)
        break;
      ebb_pressure_columns_add (self, sample, &unused);
    }
}
