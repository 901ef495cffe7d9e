/* ebb-questionnaire-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ebb-questionnaire.h"

G_BEGIN_DECLS

/* The condition language of the questionnaire file; docs/screening.md
 * describes it. Parsed and checked against the items when the file is
 * loaded, evaluated by ebb-screening.c. */
typedef enum
{
  EBB_CONDITION_ALL = 1,
  EBB_CONDITION_ANY,
  EBB_CONDITION_NOT,
  EBB_CONDITION_EQUALS,
  EBB_CONDITION_IN,
  EBB_CONDITION_CONTAINS,
  EBB_CONDITION_AT_LEAST,
  EBB_CONDITION_BELOW,
  EBB_CONDITION_AT_LEAST_ITEM,
  EBB_CONDITION_ANSWERED,
  EBB_CONDITION_WITHIN_DAYS,
  EBB_CONDITION_SCORE,
} EbbConditionType;

struct _EbbCondition
{
  EbbConditionType       type;
  const EbbQuestionItem *item;     /* borrowed */
  const EbbQuestionItem *other;    /* borrowed; AT_LEAST_ITEM */
  JsonNode              *value;    /* EQUALS */
  GStrv                  strings;  /* IN, CONTAINS, SCORE values */
  gint64                 number;   /* AT_LEAST, BELOW */
  char                  *setting;  /* WITHIN_DAYS */
  char                  *score;    /* SCORE: "wells", "abi.right", "abi.left", "edinburgh" */
  char                  *property; /* SCORE: "category", "class", "severe", "result" */
  GPtrArray             *children; /* ALL, ANY, NOT */
};

/* The one clinic setting a date window may refer to. */
#define EBB_SETTING_RECENT_MI_DAYS "screening-recent-mi-days"

gboolean _ebb_question_item_accepts_scalar (const EbbQuestionItem *item,
                                            JsonNode              *value);

G_END_DECLS
