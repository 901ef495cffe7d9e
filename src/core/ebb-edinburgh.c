/* ebb-edinburgh.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-edinburgh"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ebb-edinburgh.h"

static const struct
{
  EbbEdinburghSites site;
  const char       *name;
} sites[] = {
  { EBB_EDINBURGH_SITE_CALF, "calf" },
  { EBB_EDINBURGH_SITE_THIGH, "thigh" },
  { EBB_EDINBURGH_SITE_BUTTOCK, "buttock" },
  { EBB_EDINBURGH_SITE_HAMSTRING, "hamstring" },
  { EBB_EDINBURGH_SITE_SHIN, "shin" },
  { EBB_EDINBURGH_SITE_FOOT, "foot" },
  { EBB_EDINBURGH_SITE_JOINT, "joint" },
  { EBB_EDINBURGH_SITE_RADIATING, "radiating" },
};

/**
 * ebb_edinburgh_classify:
 * @answers: the six answers
 * @grade: (out) (optional): 1 or 2 for definite or atypical claudication, else 0
 *
 * Applies the scoring algorithm of [S39a][S39b]: positive only if Q1 yes,
 * Q2 no, Q3 yes and Q5 "disappears in 10 minutes or less"; then the site
 * decides definite (calf), atypical (thigh or buttock without calf) or not
 * claudication, and Q4 the grade. "I am unable to walk" cannot be classified
 * and stays its own state rather than "negative" (screening.md §4.2, JUDGEMENT).
 *
 * Returns: the result
 */
EbbEdinburghResult
ebb_edinburgh_classify (const EbbEdinburghAnswers *answers,
                        guint                     *grade)
{
  EbbEdinburghResult result;

  g_return_val_if_fail (answers != NULL, EBB_EDINBURGH_UNCLASSIFIABLE);

  if (grade != NULL)
    *grade = 0;

  if (answers->q1_walk_pain == EBB_EDINBURGH_Q1_UNABLE)
    return EBB_EDINBURGH_UNCLASSIFIABLE;

  if (answers->q1_walk_pain != EBB_EDINBURGH_Q1_YES ||
      answers->q2_begins_at_rest ||
      !answers->q3_uphill_or_hurry ||
      !answers->q5_disappears_in_10_min)
    return EBB_EDINBURGH_NEGATIVE;

  if (answers->q6_sites & EBB_EDINBURGH_SITE_CALF)
    result = EBB_EDINBURGH_DEFINITE;
  else if (answers->q6_sites & (EBB_EDINBURGH_SITE_THIGH | EBB_EDINBURGH_SITE_BUTTOCK))
    result = EBB_EDINBURGH_ATYPICAL;
  else
    return EBB_EDINBURGH_NOT_CLAUDICATION;

  if (grade != NULL)
    *grade = answers->q4_ordinary_pace ? 2 : 1;

  return result;
}

/**
 * ebb_edinburgh_site_from_string:
 * @name: a site name as in answers files ("calf", "thigh", …)
 *
 * Returns: the site, or 0 if @name is not one
 */
EbbEdinburghSites
ebb_edinburgh_site_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    if (strcmp (sites[i].name, name) == 0)
      return sites[i].site;

  return 0;
}

/**
 * ebb_edinburgh_result_to_string:
 * @result: a result
 *
 * Returns: the stable name used in files
 */
const char *
ebb_edinburgh_result_to_string (EbbEdinburghResult result)
{
  switch (result)
    {
    case EBB_EDINBURGH_NEGATIVE:
      return "negative";
    case EBB_EDINBURGH_DEFINITE:
      return "definite";
    case EBB_EDINBURGH_ATYPICAL:
      return "atypical";
    case EBB_EDINBURGH_NOT_CLAUDICATION:
      return "not-claudication";
    case EBB_EDINBURGH_UNCLASSIFIABLE:
      return "unclassifiable";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ebb_edinburgh_result_get_label:
 * @result: a result
 *
 * Returns: the translated result for operators
 */
const char *
ebb_edinburgh_result_get_label (EbbEdinburghResult result)
{
  switch (result)
    {
    case EBB_EDINBURGH_NEGATIVE:
      return _("negative");
    case EBB_EDINBURGH_DEFINITE:
      return _("definite claudication");
    case EBB_EDINBURGH_ATYPICAL:
      return _("atypical claudication");
    case EBB_EDINBURGH_NOT_CLAUDICATION:
      return _("not claudication");
    case EBB_EDINBURGH_UNCLASSIFIABLE:
      return _("unclassifiable (unable to walk)");
    default:
      g_return_val_if_reached (NULL);
    }
}
