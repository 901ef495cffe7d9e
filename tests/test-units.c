/* test-units.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ebb-units.h"

/* Vectors from clinical/screening.md §6. */
static void
test_mmhg_table (void)
{
  static const struct { double mmhg; double mbar; } rows[] = {
    { -5, -6.666 }, { -10, -13.332 }, { -20, -26.664 }, { -30, -39.997 },
    { -40, -53.329 }, { -50, -66.661 }, { -60, -79.993 }, { -70, -93.326 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gint32 pa;
      double exact_pa = rows[i].mmhg * EBB_PA_PER_MMHG;

      g_assert_true (ebb_units_to_pa (rows[i].mmhg, EBB_PRESSURE_UNIT_MMHG, &pa));
      g_assert_cmpint (pa, ==, (gint32) round (exact_pa));
      g_assert_cmpfloat_with_epsilon (exact_pa / 100.0, rows[i].mbar, 0.0006);
    }
}

static void
test_roundtrip (void)
{
  gint32 pa;

  g_assert_true (ebb_units_to_pa (-40, EBB_PRESSURE_UNIT_MMHG, &pa));
  g_assert_cmpint (pa, ==, -5333);
  g_assert_true (ebb_units_to_pa (-50, EBB_PRESSURE_UNIT_MBAR, &pa));
  g_assert_cmpint (pa, ==, -5000);
  g_assert_true (ebb_units_to_pa (-5.3, EBB_PRESSURE_UNIT_KPA, &pa));
  g_assert_cmpint (pa, ==, -5300);
  g_assert_cmpfloat_with_epsilon (ebb_units_pa_to (-5000, EBB_PRESSURE_UNIT_MMHG), -37.503, 0.0006);
  g_assert_false (ebb_units_to_pa (NAN, EBB_PRESSURE_UNIT_MBAR, &pa));
  g_assert_false (ebb_units_to_pa (1e12, EBB_PRESSURE_UNIT_KPA, &pa));
}

static void
test_format (void)
{
  g_autofree char *mmhg = ebb_units_format (-5333, EBB_PRESSURE_UNIT_MMHG);
  g_autofree char *mbar = ebb_units_format (-5000, EBB_PRESSURE_UNIT_MBAR);
  g_autofree char *kpa = ebb_units_format (-5333, EBB_PRESSURE_UNIT_KPA);
  g_autofree char *zero = ebb_units_format (-20, EBB_PRESSURE_UNIT_MMHG);

  g_assert_cmpstr (mmhg, ==, "\u221240 mmHg");
  g_assert_cmpstr (mbar, ==, "\u221250 mbar");
  g_assert_cmpstr (kpa, ==, "\u22125.3 kPa");
  /* Noise around atmosphere never shows as "−0". */
  g_assert_cmpstr (zero, ==, "0 mmHg");
}

/* Set values show the decimal that makes them exact, and only that. */
static void
test_setting_decimals (void)
{
  g_assert_cmpuint (ebb_units_setting_decimals (-5000, EBB_PRESSURE_UNIT_MMHG), ==, 1);
  g_assert_cmpuint (ebb_units_setting_decimals (-3000, EBB_PRESSURE_UNIT_MMHG), ==, 1);
  g_assert_cmpuint (ebb_units_setting_decimals (-5333, EBB_PRESSURE_UNIT_MMHG), ==, 0);
  g_assert_cmpuint (ebb_units_setting_decimals (-5333, EBB_PRESSURE_UNIT_MBAR), ==, 0);
  g_assert_cmpuint (ebb_units_setting_decimals (-5050, EBB_PRESSURE_UNIT_MBAR), ==, 1);
  g_assert_cmpuint (ebb_units_setting_decimals (-5000, EBB_PRESSURE_UNIT_KPA), ==, 1);
  g_assert_cmpuint (ebb_units_setting_decimals (-5250, EBB_PRESSURE_UNIT_KPA), ==, 2);
  g_assert_cmpuint (ebb_units_setting_decimals (-5333, EBB_PRESSURE_UNIT_KPA), ==, 1);
}

static void
test_ids (void)
{
  EbbPressureUnit unit;

  g_assert_true (ebb_units_from_id ("mbar", &unit));
  g_assert_cmpint (unit, ==, EBB_PRESSURE_UNIT_MBAR);
  g_assert_true (ebb_units_from_id ("mmHg", &unit));
  g_assert_cmpint (unit, ==, EBB_PRESSURE_UNIT_MMHG);
  g_assert_cmpstr (ebb_units_id (EBB_PRESSURE_UNIT_KPA), ==, "kpa");
  g_assert_false (ebb_units_from_id ("psi", &unit));
  g_assert_false (ebb_units_from_id (NULL, &unit));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/units/mmhg-table", test_mmhg_table);
  g_test_add_func ("/ebb/units/roundtrip", test_roundtrip);
  g_test_add_func ("/ebb/units/format", test_format);
  g_test_add_func ("/ebb/units/ids", test_ids);
  g_test_add_func ("/ebb/units/setting-decimals", test_setting_decimals);

  return g_test_run ();
}
