/* ebb-sim-rng.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>

/*
 * The simulator's own pseudo-random numbers (SplitMix64, Steele et al. 2014):
 * the same seed gives the same noise, bit errors and drops on every machine
 * and every libc, which rand() does not promise.
 */

typedef struct
{
  uint64_t state;
} EbbSimRng;

static inline void
ebb_sim_rng_seed (EbbSimRng *rng,
                  uint64_t   seed)
{
  rng->state = seed;
}

static inline uint64_t
ebb_sim_rng_next (EbbSimRng *rng)
{
  uint64_t z = (rng->state += UINT64_C (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * UINT64_C (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double
ebb_sim_rng_double (EbbSimRng *rng)
{
  return (double) (ebb_sim_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}
