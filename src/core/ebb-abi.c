/* ebb-abi.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-abi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-abi.h"

/* Bands of the 2016 AHA/ACC guideline on the 2-decimal value [S37]:
 * > 1.40 noncompressible, 1.00–1.40 normal, 0.91–0.99 borderline,
 * ≤ 0.90 abnormal. Severe below 0.40 (2017 ESC / WIfI grade 3 [S38]). */
#define ABI_NONCOMPRESSIBLE_ABOVE 140
#define ABI_NORMAL_FROM           100
#define ABI_BORDERLINE_FROM        91
#define ABI_SEVERE_BELOW           40

/**
 * ebb_abi_compute:
 * @brachial_right: right arm systolic pressure, mmHg
 * @brachial_left: left arm systolic pressure, mmHg
 * @dorsalis_pedis: this leg's dorsalis pedis systolic pressure, mmHg
 * @posterior_tibial: this leg's posterior tibial systolic pressure, mmHg
 * @result: (out): the index, its class and the severity flag
 *
 * Computes one leg's ABI: the higher of DP and PT over the higher arm
 * pressure, rounded half-up to 2 decimals in integer arithmetic, because a
 * double printed with "%.2f" rounds exact ties such as 0.625 to even.
 *
 * Returns: %FALSE if both arm pressures are 0 (no index can be formed)
 */
gboolean
ebb_abi_compute (guint         brachial_right,
                 guint         brachial_left,
                 guint         dorsalis_pedis,
                 guint         posterior_tibial,
                 EbbAbiResult *result)
{
  guint64 arm = MAX (brachial_right, brachial_left);
  guint64 ankle = MAX (dorsalis_pedis, posterior_tibial);

  g_return_val_if_fail (result != NULL, FALSE);

  if (arm == 0)
    return FALSE;

  /* hundredths = round_half_up (100 * ankle / arm) */
  result->hundredths = (guint) ((200 * ankle + arm) / (2 * arm));
  result->klass = ebb_abi_classify (result->hundredths);
  result->severe = result->hundredths < ABI_SEVERE_BELOW;

  return TRUE;
}

/**
 * ebb_abi_classify:
 * @hundredths: an ABI already rounded to 2 decimals, times 100
 *
 * Returns: the 2016 AHA/ACC class
 */
EbbAbiClass
ebb_abi_classify (guint hundredths)
{
  if (hundredths > ABI_NONCOMPRESSIBLE_ABOVE)
    return EBB_ABI_NONCOMPRESSIBLE;
  if (hundredths >= ABI_NORMAL_FROM)
    return EBB_ABI_NORMAL;
  if (hundredths >= ABI_BORDERLINE_FROM)
    return EBB_ABI_BORDERLINE;
  return EBB_ABI_ABNORMAL;
}

/**
 * ebb_abi_format:
 * @hundredths: an ABI times 100
 *
 * Returns: (transfer full): the ABI with 2 decimals and a full stop, as in files ("0.97")
 */
char *
ebb_abi_format (guint hundredths)
{
  return g_strdup_printf ("%u.%02u", hundredths / 100, hundredths % 100);
}

/**
 * ebb_abi_class_to_string:
 * @klass: a class
 *
 * Returns: the stable name used in files
 */
const char *
ebb_abi_class_to_string (EbbAbiClass klass)
{
  switch (klass)
    {
    case EBB_ABI_ABNORMAL:
      return "abnormal";
    case EBB_ABI_BORDERLINE:
      return "borderline";
    case EBB_ABI_NORMAL:
      return "normal";
    case EBB_ABI_NONCOMPRESSIBLE:
      return "noncompressible";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ebb_abi_class_get_label:
 * @klass: a class
 *
 * Returns: the translated class for operators
 */
const char *
ebb_abi_class_get_label (EbbAbiClass klass)
{
  switch (klass)
    {
    case EBB_ABI_ABNORMAL:
      return _("abnormal (PAD)");
    case EBB_ABI_BORDERLINE:
      return _("borderline");
    case EBB_ABI_NORMAL:
      return _("normal");
    case EBB_ABI_NONCOMPRESSIBLE:
      return _("noncompressible (unreliable)");
    default:
      g_return_val_if_reached (NULL);
    }
}
