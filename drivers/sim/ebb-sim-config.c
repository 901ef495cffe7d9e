/* ebb-sim-config.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-sim-config"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-sim-config.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ebb-sim-error-quark, ebb_sim_error)

typedef enum
{
  KIND_SEED,
  KIND_UINT,
  KIND_INT,
  KIND_DOUBLE,
  KIND_STRING,
  KIND_PATH,
  KIND_BER_BOTH,
} Kind;

typedef struct
{
  EbbSimOptionInfo info;
  Kind             kind;
  size_t           offset;
  double           min;
  double           max;
} Option;

#define FIELD(f) offsetof (EbbSimConfig, f)
#define TIME(name, field, help) \
  { { name, "SECONDS", help }, KIND_DOUBLE, FIELD (field), 0, 1e7 }

/* One table for the `sim:` option strings, the program's long options and
 * both --help texts, so they cannot drift apart. Sorted as --help shows
 * them: the chamber, the link, then the faults. */
static const Option options[] = {
  { { "seed", "N", "Seed of the noise, bit errors and drops (default 1)" },
    KIND_SEED, FIELD (seed), 0, 0 },
  { { "watchdog-ms", "MS", "Watchdog period announced in IDENT (default 1000)" },
    KIND_UINT, FIELD (watchdog_ms), 50, 65535 },
  { { "floor-pa", "PA", "Most negative target accepted (default -10666)" },
    KIND_INT, FIELD (floor_pa), -30000, -1000 },
  { { "max-rate-hz", "HZ", "Highest telemetry rate accepted (default 200)" },
    KIND_UINT, FIELD (max_rate_hz), 1, 1000 },
  { { "capabilities", "BITS", "Capability bits in IDENT: 1 lid sensor, 2 e-stop button, 4 temperature, "
      "8 leak detection (default 15); without 1 the chamber never reports the lid" },
    KIND_UINT, FIELD (capabilities), 0, 15 },
  { { "model", "TEXT", "Model string in IDENT (default EBB-INP-1)" },
    KIND_STRING, FIELD (model), 0, 0 },
  { { "serial", "TEXT", "Serial number in IDENT (default SIM-000001)" },
    KIND_STRING, FIELD (serial), 0, 0 },
  { { "firmware", "TEXT", "Firmware version in IDENT (default 1.4.2-sim)" },
    KIND_STRING, FIELD (firmware), 0, 0 },
  { { "log", "FILE", "Log every frame received, decoded, one line each" },
    KIND_PATH, FIELD (log_path), 0, 0 },
  { { "ber", "RATE", "Bit error rate in both directions (e.g. 0.001)" },
    KIND_BER_BOTH, 0, 0, 0.5 },
  { { "ber-to-host", "RATE", "Bit error rate of the bytes the chamber sends" },
    KIND_DOUBLE, FIELD (ber_to_host), 0, 0.5 },
  { { "ber-from-host", "RATE", "Bit error rate of the bytes the chamber receives" },
    KIND_DOUBLE, FIELD (ber_from_host), 0, 0.5 },
  { { "drop-rate", "RATE", "Probability that a byte is lost, in both directions" },
    KIND_DOUBLE, FIELD (drop_rate), 0, 1 },
  TIME ("leak-at", leak_at, "Open a leak at this time"),
  { { "leak-rate", "PA_PER_S", "Air the leak lets in, Pa/s (default 4000: beats the pump)" },
    KIND_DOUBLE, FIELD (leak_rate), 0, 100000 },
  TIME ("lid-open-at", lid_open_at, "Open the lid at this time"),
  TIME ("lid-close-at", lid_close_at, "Close the lid at this time"),
  TIME ("estop-at", estop_at, "Press the chamber's emergency stop at this time"),
  TIME ("estop-release-at", estop_release_at, "Release the emergency stop at this time"),
  TIME ("sensor-stuck-at", sensor_stuck_at, "Freeze the pressure sensor at this time"),
  TIME ("sensor-offset-at", sensor_offset_at, "Give the sensor an offset at this time"),
  { { "sensor-offset", "PA", "Sensor offset, Pa; positive reads high (default 1500)" },
    KIND_DOUBLE, FIELD (sensor_offset), -20000, 20000 },
  TIME ("overtemp-at", overtemp_at, "Overheat the pump to 95 °C at this time (cools in about 20 s)"),
  TIME ("brownout-at", brownout_at, "Brown out the supply at this time"),
  TIME ("reboot-at", reboot_at, "Reboot the controller at this time"),
  TIME ("mute-at", mute_at, "Stop answering and sending at this time"),
  TIME ("unmute-at", unmute_at, "Answer and send again at this time"),
};

void
ebb_sim_config_init (EbbSimConfig *config)
{
  memset (config, 0, sizeof *config);
  config->seed = 1;
  config->watchdog_ms = 1000;
  config->floor_pa = -10666;
  config->max_rate_hz = 200;
  config->capabilities = EBB_ECP_CAP_LID_SENSOR | EBB_ECP_CAP_ESTOP_BUTTON |
                         EBB_ECP_CAP_TEMP_SENSOR | EBB_ECP_CAP_LEAK_DETECT;
  g_strlcpy (config->model, "EBB-INP-1", sizeof config->model);
  g_strlcpy (config->serial, "SIM-000001", sizeof config->serial);
  g_strlcpy (config->firmware, "1.4.2-sim", sizeof config->firmware);
  config->leak_rate = 4000;
  config->sensor_offset = 1500;
  config->leak_at = EBB_SIM_NEVER;
  config->lid_open_at = EBB_SIM_NEVER;
  config->lid_close_at = EBB_SIM_NEVER;
  config->estop_at = EBB_SIM_NEVER;
  config->estop_release_at = EBB_SIM_NEVER;
  config->sensor_stuck_at = EBB_SIM_NEVER;
  config->sensor_offset_at = EBB_SIM_NEVER;
  config->overtemp_at = EBB_SIM_NEVER;
  config->brownout_at = EBB_SIM_NEVER;
  config->reboot_at = EBB_SIM_NEVER;
  config->mute_at = EBB_SIM_NEVER;
  config->unmute_at = EBB_SIM_NEVER;
}

void
ebb_sim_config_clear (EbbSimConfig *config)
{
  g_clear_pointer (&config->log_path, g_free);
}

void
ebb_sim_config_copy (EbbSimConfig       *dest,
                     const EbbSimConfig *src)
{
  *dest = *src;
  dest->log_path = g_strdup (src->log_path);
}

static gboolean
invalid (GError    **error,
         const char *key,
         const char *value,
         const char *why)
{
  g_set_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION,
               _("Invalid simulator option “%s=%s”: %s. See “ebbflow-chamber-sim --help”."), key, value, why);
  return FALSE;
}

static gboolean
parse_double (const char *value,
              double     *out)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtod (value, &end);
  return errno == 0 && end != value && *end == '\0' && isfinite (*out);
}

gboolean
ebb_sim_config_set (EbbSimConfig  *config,
                    const char    *key,
                    const char    *value,
                    GError       **error)
{
  const Option *opt = NULL;
  guint8 *base = (guint8 *) config;
  double number = 0;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (options); i++)
    if (strcmp (options[i].info.name, key) == 0)
      opt = &options[i];

  if (opt == NULL)
    {
      g_set_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION,
                   _("Unknown simulator option “%s”. See “ebbflow-chamber-sim --help” for the options."), key);
      return FALSE;
    }
  if (value == NULL)
    return invalid (error, key, "", _("a value is needed"));

  switch (opt->kind)
    {
    case KIND_SEED:
      {
        guint64 seed;

        if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seed, NULL))
          return invalid (error, key, value, _("expected a non-negative integer"));
        config->seed = seed;
        return TRUE;
      }

    case KIND_UINT:
    case KIND_INT:
      {
        gint64 n;

        if (!g_ascii_string_to_signed (value, 10, (gint64) opt->min, (gint64) opt->max, &n, NULL))
          {
            g_autofree char *why = g_strdup_printf (_("expected an integer from %.0f to %.0f"),
                                                    opt->min, opt->max);
            return invalid (error, key, value, why);
          }
        if (opt->kind == KIND_UINT)
          *(guint *) (base + opt->offset) = (guint) n;
        else
          *(gint *) (base + opt->offset) = (gint) n;
        return TRUE;
      }

    case KIND_DOUBLE:
    case KIND_BER_BOTH:
      if (!parse_double (value, &number) || number < opt->min || number > opt->max)
        {
          g_autofree char *why = g_strdup_printf (_("expected a number from %g to %g"),
                                                  opt->min, opt->max);
          return invalid (error, key, value, why);
        }
      if (opt->kind == KIND_BER_BOTH)
        config->ber_to_host = config->ber_from_host = number;
      else
        *(double *) (base + opt->offset) = number;
      return TRUE;

    case KIND_STRING:
      if (strlen (value) > EBB_ECP_MAX_STRING || !g_utf8_validate (value, -1, NULL))
        return invalid (error, key, value, _("expected UTF-8 text of at most 32 bytes"));
      g_strlcpy ((char *) (base + opt->offset), value, EBB_ECP_MAX_STRING + 1);
      return TRUE;

    case KIND_PATH:
      if (*value == '\0')
        return invalid (error, key, value, _("expected a file name"));
      g_free (config->log_path);
      config->log_path = g_strdup (value);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

gboolean
ebb_sim_config_parse (EbbSimConfig  *config,
                      const char    *text,
                      GError       **error)
{
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (config != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return TRUE;

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *eq;

      g_strstrip (items[i]);
      if (*items[i] == '\0')
        continue;
      eq = strchr (items[i], '=');
      if (eq == NULL)
        {
          g_set_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION,
                       _("Invalid simulator option “%s”: write it as %s=VALUE"),
                       items[i], items[i]);
          return FALSE;
        }
      *eq = '\0';
      if (!ebb_sim_config_set (config, items[i], eq + 1, error))
        return FALSE;
    }

  return TRUE;
}

const EbbSimOptionInfo *
ebb_sim_config_get_options (guint *n_options)
{
  /* The public info is the first member of every row; hand out a copy of
   * just those, built once. */
  static EbbSimOptionInfo infos[G_N_ELEMENTS (options)];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (options); i++)
        infos[i] = options[i].info;
      g_once_init_leave (&initialised, 1);
    }

  *n_options = G_N_ELEMENTS (options);
  return infos;
}
