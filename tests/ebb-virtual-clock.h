/* ebb-virtual-clock.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-clock.h"

G_BEGIN_DECLS

/* Test-only: a clock whose time moves only when the test advances it, so
 * a 30-minute session runs in milliseconds and every decision repeats. */
#define EBB_TYPE_VIRTUAL_CLOCK (ebb_virtual_clock_get_type())

G_DECLARE_FINAL_TYPE (EbbVirtualClock, ebb_virtual_clock, EBB, VIRTUAL_CLOCK, EbbClock)

EbbVirtualClock *ebb_virtual_clock_new        (void) G_GNUC_WARN_UNUSED_RESULT;
void             ebb_virtual_clock_advance    (EbbVirtualClock *self,
                                               gint64           delta_us);
void             ebb_virtual_clock_advance_to (EbbVirtualClock *self,
                                               gint64           time_us);
void             ebb_virtual_clock_set_lateness (EbbVirtualClock *self,
                                                 gint64           lateness_us);
guint            ebb_virtual_clock_n_pending  (EbbVirtualClock *self);

G_END_DECLS
