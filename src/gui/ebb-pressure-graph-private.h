/* ebb-pressure-graph-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-pressure-graph.h"

G_BEGIN_DECLS

/* Tests and benchmarks drive "now" themselves instead of sleeping: with an
 * override set (>= 0) the tick callback uses it instead of the frame clock.
 * Pass -1 to go back to the frame clock. */
void     _ebb_pressure_graph_set_now         (EbbPressureGraph *self,
                                              gint64            now_us);
/* How many times the widget was snapshotted; lets tests and the benchmark
 * see that frames follow pixel changes, not samples. */
guint    _ebb_pressure_graph_get_n_snapshots (EbbPressureGraph *self);
/* The accessible description as last set. */
const char *_ebb_pressure_graph_get_description (EbbPressureGraph *self);
/* The plot area inside the widget (where the trace is drawn). */
void     _ebb_pressure_graph_get_plot_area   (EbbPressureGraph *self,
                                              graphene_rect_t  *area);

G_END_DECLS
