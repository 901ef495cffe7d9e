/* ebb-sim-physics.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ebb-sim-physics.h"

#include "ebb-ecp-types.h"

#include <math.h>
#include <string.h>

/* PI gains on the reading: 400 Pa short of the setpoint is full pump. The
 * vent valve answers the negative side at 0.3 of the gain, because an
 * open valve moves air about five times faster than the pump does. */
#define KP          (1.0 / 400.0)
#define KI          (1.0 / 1000.0)
#define VENT_GAIN   0.3
#define AMBIENT_C   20.0
#define TEMP_TAU_S  60.0

static double
clamp (double v,
       double lo,
       double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

void
ebb_sim_physics_init (EbbSimPhysics *ph,
                      uint64_t       seed)
{
  memset (ph, 0, sizeof *ph);
  ebb_sim_rng_seed (&ph->rng, seed);
  ph->lid_closed = true;
  ph->pump_temp_c = AMBIENT_C;
  ebb_sim_physics_vent (ph);
}

void
ebb_sim_physics_set_target (EbbSimPhysics *ph,
                            double         target_pa,
                            double         ramp_pa_per_s)
{
  /* A ramp starts where the chamber is, not where the last setpoint was. */
  if (ph->mode != EBB_SIM_MODE_REGULATE)
    {
      ph->setpoint_pa = ph->reading_pa;
      ph->integral = 0;
    }
  if (target_pa != ph->target_pa)
    {
      ph->in_band_s = 0;
      ph->target_reached = false;
      ph->full_pump_s = 0;
    }
  ph->mode = EBB_SIM_MODE_REGULATE;
  ph->target_pa = target_pa;
  ph->ramp_pa_per_s = ramp_pa_per_s;
}

void
ebb_sim_physics_vent (EbbSimPhysics *ph)
{
  if (ph->target_pa != 0)
    {
      ph->in_band_s = 0;
      ph->target_reached = false;
    }
  ph->mode = EBB_SIM_MODE_VENT;
  ph->target_pa = 0;
  ph->setpoint_pa = 0;
  ph->integral = 0;
  ph->full_pump_s = 0;
  /* The actuators switch at once, not at the next step: a fault's vent
   * shows in the very frame that reports the fault. */
  ph->pump = 0;
  ph->vent = 1;
}

static void
regulate (EbbSimPhysics *ph,
          double         dt)
{
  double error, u;

  if (ph->mode == EBB_SIM_MODE_VENT)
    {
      ph->pump = 0;
      ph->vent = 1;
      return;
    }

  if (ph->ramp_pa_per_s <= 0)
    ph->setpoint_pa = ph->target_pa;
  else if (ph->setpoint_pa > ph->target_pa)
    ph->setpoint_pa = fmax (ph->target_pa, ph->setpoint_pa - ph->ramp_pa_per_s * dt);
  else
    ph->setpoint_pa = fmin (ph->target_pa, ph->setpoint_pa + ph->ramp_pa_per_s * dt);

  /* Back at atmosphere: the valve stays open, as after VENT (§5.3). */
  if (ph->target_pa >= 0 && ph->setpoint_pa >= 0)
    {
      ph->mode = EBB_SIM_MODE_VENT;
      ph->pump = 0;
      ph->vent = 1;
      return;
    }

  /* Positive error: not enough vacuum. */
  error = ph->reading_pa - ph->setpoint_pa;
  u = KP * error + ph->integral;
  /* Integrate only while the actuators are not saturated (anti-windup). */
  if (u > -1 && u < 1)
    ph->integral = clamp (ph->integral + KI * error * dt,
                          -0.5, 1.0);
  ph->pump = clamp (u, 0, 1);
  ph->vent = clamp (-u * VENT_GAIN, 0, 1);
}

static void
plant (EbbSimPhysics *ph,
       double         dt)
{
  double p = ph->pressure_pa;
  double x = -p;
  double dp = 0;

  dp -= EBB_SIM_PUMP_RATE_PA_S * ph->pump * fmax (0, 1 - x / EBB_SIM_PUMP_ULTIMATE_PA);
  dp -= EBB_SIM_VENT_RATE_PER_S * ph->vent * p;
  dp -= EBB_SIM_SEAL_LEAK_PER_S * p;
  if (!ph->lid_closed)
    dp -= EBB_SIM_LID_OPEN_PER_S * p;
  if (x > 0)
    dp += ph->leak_pa_per_s * fmin (1, x / 200.0);

  ph->pressure_pa = p + dp * dt;

  /* The pump warms towards 60 °C at full drive and cools to the room. */
  ph->pump_temp_c += (AMBIENT_C + 40 * ph->pump - ph->pump_temp_c) * dt / TEMP_TAU_S;
}

static void
sense (EbbSimPhysics *ph)
{
  /* Triangular noise of ±20 Pa: the sum of two uniform draws. */
  double noise = (ebb_sim_rng_double (&ph->rng) + ebb_sim_rng_double (&ph->rng) - 1.0)
                 * EBB_SIM_NOISE_PA;

  if (!ph->sensor_stuck)
    ph->reading_pa = (int32_t) lround (clamp (ph->pressure_pa + ph->sensor_offset_pa + noise,
                                              -1e9, 1e9));
}

static void
supervise (EbbSimPhysics *ph,
           double         dt)
{
  bool settled = ph->setpoint_pa == ph->target_pa;

  if (settled && fabs ((double) ph->reading_pa - ph->target_pa) <= EBB_ECP_TARGET_BAND_PA)
    ph->in_band_s += dt;
  else
    ph->in_band_s = 0;
  /* Compare in whole milliseconds so float sums of dt cannot delay it. */
  ph->target_reached = lround (ph->in_band_s * 1000) >= lround (EBB_SIM_REACHED_S * 1000);

  if (ph->mode == EBB_SIM_MODE_REGULATE && ph->target_pa < 0 && ph->pump >= 0.99 &&
      ph->reading_pa > ph->target_pa + EBB_ECP_TARGET_BAND_PA)
    ph->full_pump_s += dt;
  else
    ph->full_pump_s = 0;
}

void
ebb_sim_physics_step (EbbSimPhysics *ph,
                      double         dt)
{
  regulate (ph, dt);
  plant (ph, dt);
  sense (ph);
  supervise (ph, dt);
}
