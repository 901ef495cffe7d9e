/* ebb-abi.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ankle–brachial index per the 2016 AHA/ACC guideline; see
 * ../shared/clinical/screening.md §4.1. */

typedef enum
{
  EBB_ABI_ABNORMAL = 1,
  EBB_ABI_BORDERLINE,
  EBB_ABI_NORMAL,
  EBB_ABI_NONCOMPRESSIBLE,
} EbbAbiClass;

typedef struct
{
  guint       hundredths; /* the ABI rounded half-up to 2 decimals, times 100 */
  EbbAbiClass klass;
  gboolean    severe;     /* below 0.40: a CLTI criterion (2017 ESC, WIfI grade 3) */
} EbbAbiResult;

gboolean     ebb_abi_compute         (guint         brachial_right,
                                      guint         brachial_left,
                                      guint         dorsalis_pedis,
                                      guint         posterior_tibial,
                                      EbbAbiResult *result);
EbbAbiClass  ebb_abi_classify        (guint         hundredths);
char        *ebb_abi_format          (guint         hundredths) G_GNUC_WARN_UNUSED_RESULT;
const char  *ebb_abi_class_to_string (EbbAbiClass   klass);
const char  *ebb_abi_class_get_label (EbbAbiClass   klass);

G_END_DECLS
