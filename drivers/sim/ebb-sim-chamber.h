/* ebb-sim-chamber.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-sim-config.h"
#include "ebb-sim-device.h"

G_BEGIN_DECLS

#define EBB_TYPE_SIM_CHAMBER (ebb_sim_chamber_get_type ())

G_DECLARE_FINAL_TYPE (EbbSimChamber, ebb_sim_chamber, EBB, SIM_CHAMBER, GObject)

/**
 * ebb_sim_chamber_new:
 * @options: (nullable): the text after `sim:` in a device string:
 *   comma-separated `key=value` pairs named like the long options of
 *   `ebbflow-chamber-sim` (`seed=7,leak-at=30,ber=0.001`); NULL or "" for
 *   the defaults
 * @error: EBB_SIM_ERROR_INVALID_OPTION naming the option
 *
 * @return: (transfer full): a simulated chamber, not yet started
 */
EbbSimChamber *ebb_sim_chamber_new             (const char         *options,
                                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;
/**
 * ebb_sim_chamber_new_with_config:
 * @config: the configuration, copied
 *
 * @return: (transfer full): a simulated chamber, not yet started
 */
EbbSimChamber *ebb_sim_chamber_new_with_config (const EbbSimConfig *config) G_GNUC_WARN_UNUSED_RESULT;

/**
 * ebb_sim_chamber_start:
 * @self: the chamber
 * @error: EBB_SIM_ERROR_PTY or EBB_SIM_ERROR_LOG
 *
 * Creates the pseudo-terminal (raw, like a CDC-ACM port) and starts the
 * device on its own thread with a 1 ms clock. Time 0 of the fault schedule
 * is now; the device sends its BOOT event.
 *
 * @return: TRUE on success
 */
gboolean       ebb_sim_chamber_start           (EbbSimChamber      *self,
                                                GError            **error);
/**
 * ebb_sim_chamber_get_path:
 * @self: the chamber
 *
 * @return: (nullable): the pty slave path that hosts open (`/dev/pts/5`),
 *   NULL before ebb_sim_chamber_start()
 */
const char    *ebb_sim_chamber_get_path        (EbbSimChamber      *self);
/**
 * ebb_sim_chamber_stop:
 * @self: the chamber
 *
 * Stops the device thread and closes the pty. Safe to call twice; also done
 * on finalize.
 */
void           ebb_sim_chamber_stop            (EbbSimChamber      *self);
/**
 * ebb_sim_chamber_close_master:
 * @self: the chamber
 *
 * Simulates an unplugged cable: closes the pty master, so a host's reads
 * fail and the slave path vanishes. The device model keeps running (its
 * watchdog will fire if armed).
 */
void           ebb_sim_chamber_close_master    (EbbSimChamber      *self);
/**
 * ebb_sim_chamber_inject:
 * @self: the chamber
 * @fault: what happens
 * @value: its size (see #EbbSimFault)
 *
 * Injects a fault now. Call it between ebb_sim_chamber_start() and
 * ebb_sim_chamber_stop(); for a fault from the very start, use its `…-at`
 * option. Thread-safe.
 */
void           ebb_sim_chamber_inject          (EbbSimChamber      *self,
                                                EbbSimFault         fault,
                                                double              value);
/**
 * ebb_sim_chamber_get_state:
 * @self: the chamber
 * @state: (out caller-allocates): a snapshot, including the true pressure
 *
 * Call it between ebb_sim_chamber_start() and ebb_sim_chamber_stop().
 * Thread-safe.
 */
void           ebb_sim_chamber_get_state       (EbbSimChamber      *self,
                                                EbbSimState        *state);

G_END_DECLS
