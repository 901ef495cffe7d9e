/* ebb-units.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EbbPressureUnit:
 * @EBB_PRESSURE_UNIT_MMHG: millimetres of mercury (conventional, 133.322387415 Pa)
 * @EBB_PRESSURE_UNIT_MBAR: millibar (100 Pa)
 * @EBB_PRESSURE_UNIT_KPA: kilopascal (1000 Pa)
 *
 * The units a clinic may display pressures in. Pressures are always kept
 * as integer pascals (gauge) and converted only for display.
 */
typedef enum
{
  EBB_PRESSURE_UNIT_MMHG,
  EBB_PRESSURE_UNIT_MBAR,
  EBB_PRESSURE_UNIT_KPA,
} EbbPressureUnit;

#define EBB_PA_PER_MMHG 133.322387415

double           ebb_units_pa_to          (gint32           pa,
                                           EbbPressureUnit  unit);
gboolean         ebb_units_to_pa          (double           value,
                                           EbbPressureUnit  unit,
                                           gint32          *pa);
guint            ebb_units_decimals       (EbbPressureUnit  unit);
guint            ebb_units_setting_decimals (gint32         pa,
                                             EbbPressureUnit unit);
const char      *ebb_units_symbol         (EbbPressureUnit  unit);
const char      *ebb_units_id             (EbbPressureUnit  unit);
gboolean         ebb_units_from_id        (const char      *id,
                                           EbbPressureUnit *unit);
char            *ebb_units_format_value   (gint32           pa,
                                           EbbPressureUnit  unit) G_GNUC_WARN_UNUSED_RESULT;
char            *ebb_units_format         (gint32           pa,
                                           EbbPressureUnit  unit) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
