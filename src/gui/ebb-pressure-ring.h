/* ebb-pressure-ring.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-pressure-graph.h"

G_BEGIN_DECLS

/* The pressure graph's samples in time order: a ring of plain structs that
 * grows until it holds EBB_PRESSURE_GRAPH_CAPACITY samples and then drops
 * the oldest. */
typedef struct
{
  EbbPressureGraphSample *samples;
  guint                   alloc;
  guint                   head;
  guint                   len;
} EbbPressureRing;

void                          ebb_pressure_ring_clear  (EbbPressureRing              *self);
void                          ebb_pressure_ring_free   (EbbPressureRing              *self);
void                          ebb_pressure_ring_push   (EbbPressureRing              *self,
                                                        const EbbPressureGraphSample *sample);
const EbbPressureGraphSample *ebb_pressure_ring_get    (const EbbPressureRing        *self,
                                                        guint                         i);
const EbbPressureGraphSample *ebb_pressure_ring_newest (const EbbPressureRing        *self);
guint                         ebb_pressure_ring_search (const EbbPressureRing        *self,
                                                        gint64                        t_us);
const EbbPressureGraphSample *ebb_pressure_ring_nearest (const EbbPressureRing       *self,
                                                         gint64                       t_us);
double                        ebb_pressure_ring_mean    (const EbbPressureRing       *self,
                                                         gint64                       from_us,
                                                         gint64                       to_us);

G_END_DECLS
