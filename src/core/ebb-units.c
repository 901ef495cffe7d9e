/* ebb-units.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-units"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ebb-units.h"

/* Conversions follow clinical/screening.md §6: 1 mmHg is the conventional
 * 133.322387415 Pa (not the Torr), 1 mbar = 100 Pa, 1 kPa = 1000 Pa. */
static double
pa_per_unit (EbbPressureUnit unit)
{
  switch (unit)
    {
    case EBB_PRESSURE_UNIT_MMHG:
      return EBB_PA_PER_MMHG;
    case EBB_PRESSURE_UNIT_MBAR:
      return 100.0;
    case EBB_PRESSURE_UNIT_KPA:
      return 1000.0;
    default:
      g_return_val_if_reached (1.0);
    }
}

/**
 * ebb_units_pa_to:
 * @pa: a gauge pressure in pascals
 * @unit: the unit to convert to
 *
 * Returns: @pa expressed in @unit
 */
double
ebb_units_pa_to (gint32          pa,
                 EbbPressureUnit unit)
{
  return (double) pa / pa_per_unit (unit);
}

/**
 * ebb_units_to_pa:
 * @value: a pressure in @unit
 * @unit: the unit of @value
 * @pa: (out): the pressure in pascals, rounded to the nearest pascal
 *
 * Returns: %FALSE when @value is not finite or does not fit in 32 bits
 */
gboolean
ebb_units_to_pa (double           value,
                 EbbPressureUnit  unit,
                 gint32          *pa)
{
  double result;

  g_return_val_if_fail (pa != NULL, FALSE);

  result = round (value * pa_per_unit (unit));
  if (!isfinite (result) || result < G_MININT32 || result > G_MAXINT32)
    return FALSE;

  *pa = (gint32) result;
  return TRUE;
}

/**
 * ebb_units_decimals:
 * @unit: a unit
 *
 * Returns: how many decimals a pressure in @unit is shown with: enough to
 *   resolve about 100 Pa, no more, so readouts do not flicker with noise
 */
guint
ebb_units_decimals (EbbPressureUnit unit)
{
  switch (unit)
    {
    case EBB_PRESSURE_UNIT_MMHG:
    case EBB_PRESSURE_UNIT_MBAR:
      return 0;
    case EBB_PRESSURE_UNIT_KPA:
      return 1;
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * ebb_units_setting_decimals:
 * @pa: a set pressure (a profile's level, the clinic limit)
 * @unit: the display unit
 *
 * A set value is exact: −5000 Pa is −37.5 mmHg, and printing it as −38
 * would state a limit that is not the one in force. Measured values keep
 * ebb_units_decimals().
 *
 * Returns: the decimals of ebb_units_decimals(), one more when the value
 *   is not whole in them but is with one more (−37.5 mmHg; a value set in
 *   another unit, such as −53.33 mbar for −40 mmHg, keeps the usual ones)
 */
guint
ebb_units_setting_decimals (gint32          pa,
                            EbbPressureUnit unit)
{
  guint decimals = ebb_units_decimals (unit);
  double scaled = ebb_units_pa_to (pa, unit) * pow (10.0, decimals);
  /* Pascals are whole: −37.5 mmHg is stored as −5000 Pa, −37.503 mmHg. */
  gboolean whole = fabs (scaled - round (scaled)) < 0.05;
  gboolean whole_with_one_more = fabs (scaled * 10.0 - round (scaled * 10.0)) < 0.1;

  return !whole && whole_with_one_more ? decimals + 1 : decimals;
}

/**
 * ebb_units_symbol:
 * @unit: a unit
 *
 * Returns: the translated unit symbol
 */
const char *
ebb_units_symbol (EbbPressureUnit unit)
{
  switch (unit)
    {
    case EBB_PRESSURE_UNIT_MMHG:
      /* Translators: unit symbol, millimetres of mercury */
      return _("mmHg");
    case EBB_PRESSURE_UNIT_MBAR:
      /* Translators: unit symbol, millibar */
      return _("mbar");
    case EBB_PRESSURE_UNIT_KPA:
      /* Translators: unit symbol, kilopascal */
      return _("kPa");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * ebb_units_id:
 * @unit: a unit
 *
 * Returns: the stable identifier used in settings and files
 */
const char *
ebb_units_id (EbbPressureUnit unit)
{
  switch (unit)
    {
    case EBB_PRESSURE_UNIT_MMHG:
      return "mmhg";
    case EBB_PRESSURE_UNIT_MBAR:
      return "mbar";
    case EBB_PRESSURE_UNIT_KPA:
      return "kpa";
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * ebb_units_from_id:
 * @id: a unit identifier such as "mmhg"
 * @unit: (out): the unit
 *
 * Returns: %FALSE when @id names no unit
 */
gboolean
ebb_units_from_id (const char      *id,
                   EbbPressureUnit *unit)
{
  static const EbbPressureUnit all[] = {
    EBB_PRESSURE_UNIT_MMHG, EBB_PRESSURE_UNIT_MBAR, EBB_PRESSURE_UNIT_KPA,
  };

  g_return_val_if_fail (unit != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (g_ascii_strcasecmp (id, ebb_units_id (all[i])) == 0)
        {
          *unit = all[i];
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ebb_units_format_value:
 * @pa: a gauge pressure in pascals
 * @unit: the display unit
 *
 * Formats the number alone, with a true minus sign (U+2212) and the
 * locale's decimal separator. Values that round to zero print as "0", never
 * as "−0".
 *
 * Returns: (transfer full): the formatted number
 */
char *
ebb_units_format_value (gint32          pa,
                        EbbPressureUnit unit)
{
  guint decimals = ebb_units_decimals (unit);
  double value = ebb_units_pa_to (pa, unit);
  double scale = pow (10.0, decimals);
  double rounded = round (fabs (value) * scale) / scale;
  g_autofree char *digits = g_strdup_printf ("%.*f", (int) decimals, rounded);

  if (value < 0 && rounded > 0)
    return g_strconcat ("\u2212", digits, NULL);

  return g_steal_pointer (&digits);
}

/**
 * ebb_units_format:
 * @pa: a gauge pressure in pascals
 * @unit: the display unit
 *
 * Returns: (transfer full): the pressure with its unit symbol, such as
 *   "−40 mmHg"
 */
char *
ebb_units_format (gint32          pa,
                  EbbPressureUnit unit)
{
  g_autofree char *value = ebb_units_format_value (pa, unit);

  /* Translators: a pressure value and its unit, e.g. "−40 mmHg" */
  return g_strdup_printf (C_("pressure", "%s %s"), value, ebb_units_symbol (unit));
}
