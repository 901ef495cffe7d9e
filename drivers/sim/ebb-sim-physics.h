/* ebb-sim-physics.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "ebb-sim-rng.h"

/*
 * The simulated chamber's body and its regulator firmware, stepped with an
 * explicit dt so tests drive it without clocks. It meets ECP-1 §5.5: a
 * sealed chamber reaches −8000 Pa from 0 in about 2.1 s at full pump, vents
 * from −8000 Pa to within 133 Pa of 0 in about 1.0 s, holds a target within
 * ±133 Pa, and its sensor reads with about ±20 Pa of noise.
 *
 * Model (pressures are gauge, negative is vacuum, x = −p):
 *   pump      dp/dt = −4500 Pa/s · drive · (1 − x / 30000)
 *   vent      dp/dt = −4.0 /s · opening · p
 *   seal      dp/dt = −0.005 /s · p                 (a good chamber)
 *   lid open  dp/dt = −20 /s · p                    (not sealed at all)
 *   leak      dp/dt = +rate · min (1, x / 200)      (injected, Pa/s)
 * The regulator is a PI controller on the sensor reading, driving the pump
 * for more vacuum and the vent valve, proportionally, for less.
 */

#define EBB_SIM_PUMP_RATE_PA_S     4500.0
#define EBB_SIM_PUMP_ULTIMATE_PA   30000.0
#define EBB_SIM_VENT_RATE_PER_S    4.0
#define EBB_SIM_SEAL_LEAK_PER_S    0.005
#define EBB_SIM_LID_OPEN_PER_S     20.0
#define EBB_SIM_NOISE_PA           20.0
#define EBB_SIM_SENSOR_MIN_PA      (-25000)   /* the sensor's range */
#define EBB_SIM_SENSOR_MAX_PA      10000
#define EBB_SIM_REACHED_S          0.5        /* §4.2 TARGET_REACHED */
#define EBB_SIM_OVERTEMP_C         80.0
#define EBB_SIM_OVERTEMP_CLEAR_C   75.0

typedef enum
{
  EBB_SIM_MODE_VENT,       /* pump off, vent valve open */
  EBB_SIM_MODE_REGULATE,   /* PI control to the (ramped) setpoint */
} EbbSimMode;

typedef struct
{
  /* the chamber */
  double     pressure_pa;       /* true gauge pressure */
  double     pump;              /* drive, 0 to 1 */
  double     vent;              /* valve opening, 0 to 1 */
  bool       lid_closed;
  double     leak_pa_per_s;
  double     pump_temp_c;

  /* the sensor */
  EbbSimRng  rng;
  double     sensor_offset_pa;
  bool       sensor_stuck;
  int32_t    reading_pa;

  /* the regulator */
  EbbSimMode mode;
  double     target_pa;
  double     setpoint_pa;
  double     ramp_pa_per_s;     /* 0: as fast as the pump can */
  double     integral;
  double     in_band_s;
  bool       target_reached;
  double     full_pump_s;       /* time at full pump short of the target */
} EbbSimPhysics;

/* At atmosphere, lid closed, venting; @seed drives the sensor noise. */
void ebb_sim_physics_init       (EbbSimPhysics *ph,
                                 uint64_t       seed);
/* Regulates to @target_pa, moving the setpoint at @ramp_pa_per_s (0: at
 * once) from where it is, or from the present reading when not regulating. */
void ebb_sim_physics_set_target (EbbSimPhysics *ph,
                                 double         target_pa,
                                 double         ramp_pa_per_s);
/* Pump off, valve open, target 0, at once. */
void ebb_sim_physics_vent       (EbbSimPhysics *ph);
/* Advances by @dt seconds: regulator, chamber, sensor, then the
 * TARGET_REACHED and full-pump clocks. */
void ebb_sim_physics_step       (EbbSimPhysics *ph,
                                 double         dt);
