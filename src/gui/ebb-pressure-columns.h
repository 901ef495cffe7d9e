/* ebb-pressure-columns.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-pressure-ring.h"

G_BEGIN_DECLS

/* Per pixel column, the extremes of the samples that fall into it, and the
 * newest setpoint (a step function, drawn as one). The absolute column
 * index (time / µs per pixel) tells a current column from a stale slot. */
typedef struct
{
  gint64  index;
  gint32  min_pa;
  gint32  max_pa;
  gint32  target_pa;
  guint8  phases;
} EbbPressureColumn;

/* The pressure graph's column cache: a ring of the newest columns, updated
 * in place per sample, so drawing costs the same whatever the number of
 * samples. */
typedef struct
{
  EbbPressureColumn *slots;
  guint              n_slots;
  double             us_per_px;
  gint64             last_col;
} EbbPressureColumns;

typedef enum
{
  EBB_PRESSURE_COLUMNS_UNCHANGED,
  EBB_PRESSURE_COLUMNS_NEW,
  EBB_PRESSURE_COLUMNS_GREW,
} EbbPressureColumnsChange;

void                     ebb_pressure_columns_free    (EbbPressureColumns       *self);
void                     ebb_pressure_columns_rebuild (EbbPressureColumns       *self,
                                                       const EbbPressureRing    *ring,
                                                       guint                     n_slots,
                                                       double                    us_per_px,
                                                       gint64                    first_col,
                                                       gint64                    last_wanted);
EbbPressureColumnsChange ebb_pressure_columns_add     (EbbPressureColumns           *self,
                                                       const EbbPressureGraphSample *sample,
                                                       EbbPressureColumn            *before);
const EbbPressureColumn *ebb_pressure_columns_get     (const EbbPressureColumns *self,
                                                       gint64                    c);
gint64                   ebb_pressure_columns_index   (const EbbPressureColumns *self,
                                                       gint64                    t_us);

G_END_DECLS
