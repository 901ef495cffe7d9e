/* ebb-edinburgh.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Edinburgh Claudication Questionnaire (Leng & Fowkes 1992); see
 * ../shared/clinical/screening.md §4.2. */

typedef enum
{
  EBB_EDINBURGH_Q1_YES = 1,
  EBB_EDINBURGH_Q1_NO,
  EBB_EDINBURGH_Q1_UNABLE,
} EbbEdinburghWalkPain;

typedef enum
{
  EBB_EDINBURGH_SITE_CALF      = 1 << 0,
  EBB_EDINBURGH_SITE_THIGH     = 1 << 1,
  EBB_EDINBURGH_SITE_BUTTOCK   = 1 << 2,
  EBB_EDINBURGH_SITE_HAMSTRING = 1 << 3,
  EBB_EDINBURGH_SITE_SHIN      = 1 << 4,
  EBB_EDINBURGH_SITE_FOOT      = 1 << 5,
  EBB_EDINBURGH_SITE_JOINT     = 1 << 6,
  EBB_EDINBURGH_SITE_RADIATING = 1 << 7,
} EbbEdinburghSites;

typedef enum
{
  EBB_EDINBURGH_NEGATIVE = 1,
  EBB_EDINBURGH_DEFINITE,
  EBB_EDINBURGH_ATYPICAL,
  EBB_EDINBURGH_NOT_CLAUDICATION,
  EBB_EDINBURGH_UNCLASSIFIABLE,
} EbbEdinburghResult;

typedef struct
{
  EbbEdinburghWalkPain q1_walk_pain;
  gboolean             q2_begins_at_rest;
  gboolean             q3_uphill_or_hurry;
  gboolean             q4_ordinary_pace;
  gboolean             q5_disappears_in_10_min;
  EbbEdinburghSites    q6_sites;
} EbbEdinburghAnswers;

EbbEdinburghResult  ebb_edinburgh_classify         (const EbbEdinburghAnswers *answers,
                                                    guint                     *grade);
EbbEdinburghSites   ebb_edinburgh_site_from_string (const char                *name);
const char         *ebb_edinburgh_result_to_string (EbbEdinburghResult         result);
const char         *ebb_edinburgh_result_get_label (EbbEdinburghResult         result);

G_END_DECLS
