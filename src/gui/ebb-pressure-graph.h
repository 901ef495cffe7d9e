/* ebb-pressure-graph.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-ecp-types.h"
#include "ebb-units.h"

G_BEGIN_DECLS

/**
 * EbbPressureGraphPhase:
 * @EBB_PRESSURE_GRAPH_PHASE_NONE: no therapy phase (idle, venting)
 * @EBB_PRESSURE_GRAPH_PHASE_VACUUM: a vacuum phase; shaded in the graph
 * @EBB_PRESSURE_GRAPH_PHASE_RELEASE: a release phase
 */
typedef enum
{
  EBB_PRESSURE_GRAPH_PHASE_NONE,
  EBB_PRESSURE_GRAPH_PHASE_VACUUM,
  EBB_PRESSURE_GRAPH_PHASE_RELEASE,
} EbbPressureGraphPhase;

/**
 * EbbPressureGraphSample:
 * @t_us: when the sample arrived, in g_get_monotonic_time() microseconds
 * @pa: the measured gauge pressure in pascals
 * @target_pa: the controller's setpoint in pascals
 * @phase: an #EbbPressureGraphPhase
 *
 * One point of the graph. Samples must be appended in time order.
 */
typedef struct
{
  gint64  t_us;
  gint32  pa;
  gint32  target_pa;
  guint8  phase;
} EbbPressureGraphSample;

/* A 60-minute session at 200 Hz. */
#define EBB_PRESSURE_GRAPH_CAPACITY (60 * 60 * 200)

/* A live graph redraws at most this often: scrolling by whole columns on
 * this beat, not per sample or per display frame. */
#define EBB_PRESSURE_GRAPH_FRAME_INTERVAL_MS 125

#define EBB_TYPE_PRESSURE_GRAPH (ebb_pressure_graph_get_type())

G_DECLARE_FINAL_TYPE (EbbPressureGraph, ebb_pressure_graph, EBB, PRESSURE_GRAPH, GtkWidget)

GtkWidget       *ebb_pressure_graph_new                (void);
guint            ebb_pressure_graph_get_window_seconds (EbbPressureGraph            *self);
void             ebb_pressure_graph_set_window_seconds (EbbPressureGraph            *self,
                                                        guint                        seconds);
void             ebb_pressure_graph_get_range          (EbbPressureGraph            *self,
                                                        gint32                      *min_pa,
                                                        gint32                      *max_pa);
void             ebb_pressure_graph_set_range          (EbbPressureGraph            *self,
                                                        gint32                       min_pa,
                                                        gint32                       max_pa);
void             ebb_pressure_graph_set_therapy        (EbbPressureGraph            *self,
                                                        gint32                       level_pa,
                                                        gint32                       limit_pa);
gint32           ebb_pressure_graph_get_level_pa       (EbbPressureGraph            *self);
void             ebb_pressure_graph_set_level_pa       (EbbPressureGraph            *self,
                                                        gint32                       level_pa);
gint32           ebb_pressure_graph_get_limit_pa       (EbbPressureGraph            *self);
void             ebb_pressure_graph_set_limit_pa       (EbbPressureGraph            *self,
                                                        gint32                       limit_pa);
EbbPressureUnit  ebb_pressure_graph_get_unit           (EbbPressureGraph            *self);
void             ebb_pressure_graph_set_unit           (EbbPressureGraph            *self,
                                                        EbbPressureUnit              unit);
gboolean         ebb_pressure_graph_get_live           (EbbPressureGraph            *self);
void             ebb_pressure_graph_set_live           (EbbPressureGraph            *self,
                                                        gboolean                     live);
guint            ebb_pressure_graph_get_n_samples      (EbbPressureGraph            *self);
void             ebb_pressure_graph_append             (EbbPressureGraph            *self,
                                                        const EbbPressureGraphSample *samples,
                                                        guint                        n_samples);
void             ebb_pressure_graph_clear              (EbbPressureGraph            *self);
void             ebb_pressure_graph_show_recording     (EbbPressureGraph            *self,
                                                        const EbbEcpTelemetry       *samples,
                                                        guint                        n_samples);
gboolean         ebb_pressure_graph_refresh            (EbbPressureGraph            *self);
void             ebb_pressure_graph_set_external_refresh (EbbPressureGraph          *self,
                                                        gboolean                     external);

G_END_DECLS
