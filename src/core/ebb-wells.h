/* ebb-wells.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two-level Wells DVT score (Wells et al., NEJM 2003); see
 * docs/screening.md and ../shared/clinical/screening.md §3. */

#define EBB_WELLS_N_CRITERIA 10

typedef enum
{
  EBB_WELLS_UNLIKELY = 1,
  EBB_WELLS_LIKELY,
} EbbWellsCategory;

int               ebb_wells_score                (const gboolean    criteria[EBB_WELLS_N_CRITERIA]);
EbbWellsCategory  ebb_wells_categorise           (int               score);
const char       *ebb_wells_category_to_string   (EbbWellsCategory  category);
const char       *ebb_wells_category_get_label   (EbbWellsCategory  category);

G_END_DECLS
