/* ebb-wells.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-wells"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-wells.h"

/* W1–W9 score +1 each; W10, "alternative diagnosis at least as likely",
 * scores −2 (screening.md §3). */
static const int points[EBB_WELLS_N_CRITERIA] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, -2 };

/* "DVT likely: score ≥ 2" [S34][S35]. */
#define WELLS_LIKELY_FROM 2

/**
 * ebb_wells_score:
 * @criteria: (array fixed-size=10): W1 … W10, %TRUE where present
 *
 * Returns: the two-level Wells score, −2 … 9
 */
int
ebb_wells_score (const gboolean criteria[EBB_WELLS_N_CRITERIA])
{
  int score = 0;

  g_return_val_if_fail (criteria != NULL, 0);

  for (guint i = 0; i < EBB_WELLS_N_CRITERIA; i++)
    if (criteria[i])
      score += points[i];

  return score;
}

/**
 * ebb_wells_categorise:
 * @score: a two-level Wells score
 *
 * Returns: %EBB_WELLS_LIKELY for 2 or more, otherwise %EBB_WELLS_UNLIKELY
 */
EbbWellsCategory
ebb_wells_categorise (int score)
{
  return score >= WELLS_LIKELY_FROM ? EBB_WELLS_LIKELY : EBB_WELLS_UNLIKELY;
}

/**
 * ebb_wells_category_to_string:
 * @category: a category
 *
 * Returns: the stable name used in files: "likely" or "unlikely"
 */
const char *
ebb_wells_category_to_string (EbbWellsCategory category)
{
  return category == EBB_WELLS_LIKELY ? "likely" : "unlikely";
}

/**
 * ebb_wells_category_get_label:
 * @category: a category
 *
 * Returns: the translated category for operators
 */
const char *
ebb_wells_category_get_label (EbbWellsCategory category)
{
  return category == EBB_WELLS_LIKELY ? _("DVT likely") : _("DVT unlikely");
}
