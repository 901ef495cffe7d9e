/* ebb-sim-config.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-ecp-types.h"

G_BEGIN_DECLS

#define EBB_SIM_ERROR (ebb_sim_error_quark ())

/**
 * EbbSimError:
 * @EBB_SIM_ERROR_INVALID_OPTION: an unknown simulator option or a bad value
 * @EBB_SIM_ERROR_PTY: the pseudo-terminal could not be created
 * @EBB_SIM_ERROR_LOG: the frame log could not be opened
 */
typedef enum
{
  EBB_SIM_ERROR_INVALID_OPTION = 1,
  EBB_SIM_ERROR_PTY,
  EBB_SIM_ERROR_LOG,
} EbbSimError;

GQuark ebb_sim_error_quark (void);

/* "Never": the default of every -at option. */
#define EBB_SIM_NEVER (-1.0)

/**
 * EbbSimConfig:
 *
 * Everything that makes one simulated chamber differ from another. Times
 * are seconds since the simulator started (EBB_SIM_NEVER: not at all);
 * rates are probabilities per bit or per byte.
 */
typedef struct
{
  guint64  seed;
  guint    watchdog_ms;
  gint     floor_pa;
  guint    max_rate_hz;
  guint    capabilities;       /* EBB_ECP_CAP_* bits announced in IDENT */
  char     model[EBB_ECP_MAX_STRING + 1];
  char     serial[EBB_ECP_MAX_STRING + 1];
  char     firmware[EBB_ECP_MAX_STRING + 1];

  double   ber_to_host;
  double   ber_from_host;
  double   drop_rate;

  double   leak_at;
  double   leak_rate;          /* Pa/s */
  double   lid_open_at;
  double   lid_close_at;
  double   estop_at;
  double   estop_release_at;
  double   sensor_stuck_at;
  double   sensor_offset_at;
  double   sensor_offset;      /* Pa; positive reads high (less vacuum) */
  double   overtemp_at;
  double   brownout_at;
  double   reboot_at;
  double   mute_at;
  double   unmute_at;

  char    *log_path;           /* owned; NULL: no frame log */
} EbbSimConfig;

/**
 * EbbSimOptionInfo:
 * @name: the key in `sim:` option strings and the program's long option
 * @arg: how the value looks in --help ("SECONDS"), NULL for none
 * @help: one line for --help (English; a developer and service tool)
 */
typedef struct
{
  const char *name;
  const char *arg;
  const char *help;
} EbbSimOptionInfo;

/* Fills in the defaults (seed 1, watchdog 1000 ms, floor −10666 Pa,
 * 200 Hz, EBB-INP-1, no faults). */
void                    ebb_sim_config_init        (EbbSimConfig       *config);
/* Frees what the config owns (the log path). */
void                    ebb_sim_config_clear       (EbbSimConfig       *config);
/* A deep copy into an uninitialised @dest. */
void                    ebb_sim_config_copy        (EbbSimConfig       *dest,
                                                    const EbbSimConfig *src);
/* Sets one option by its name ("leak-at", "30"); an unknown name or a bad
 * value is EBB_SIM_ERROR_INVALID_OPTION naming it. */
gboolean                ebb_sim_config_set         (EbbSimConfig       *config,
                                                    const char         *key,
                                                    const char         *value,
                                                    GError            **error);
/* Sets the comma-separated key=value options of a `sim:` device string;
 * NULL and "" set nothing. */
gboolean                ebb_sim_config_parse       (EbbSimConfig       *config,
                                                    const char         *options,
                                                    GError            **error);
/* Every option's name, value form and help, in --help order. */
const EbbSimOptionInfo *ebb_sim_config_get_options (guint              *n_options);

G_END_DECLS
