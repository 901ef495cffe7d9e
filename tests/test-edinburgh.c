/* test-edinburgh.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-edinburgh.h"

#define CALF EBB_EDINBURGH_SITE_CALF
#define THIGH EBB_EDINBURGH_SITE_THIGH
#define BUTTOCK EBB_EDINBURGH_SITE_BUTTOCK

/* screening.md §4.2, "Edinburgh test vectors". */
static const struct
{
  EbbEdinburghAnswers answers;
  EbbEdinburghResult  result;
  guint               grade;
} vectors[] = {
  { { EBB_EDINBURGH_Q1_YES, FALSE, TRUE, FALSE, TRUE, CALF }, EBB_EDINBURGH_DEFINITE, 1 },
  { { EBB_EDINBURGH_Q1_YES, FALSE, TRUE, TRUE, TRUE, CALF | THIGH }, EBB_EDINBURGH_DEFINITE, 2 },
  { { EBB_EDINBURGH_Q1_YES, FALSE, TRUE, FALSE, TRUE, BUTTOCK }, EBB_EDINBURGH_ATYPICAL, 1 },
  { { EBB_EDINBURGH_Q1_YES, TRUE, TRUE, TRUE, TRUE, CALF }, EBB_EDINBURGH_NEGATIVE, 0 },
};

static void
test_vector (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  guint grade = 99;

  g_assert_cmpint (ebb_edinburgh_classify (&vectors[i].answers, &grade), ==, vectors[i].result);
  g_assert_cmpuint (grade, ==, vectors[i].grade);
}

static void
test_unable_to_walk (void)
{
  EbbEdinburghAnswers answers = { EBB_EDINBURGH_Q1_UNABLE, FALSE, TRUE, FALSE, TRUE, CALF };
  guint grade = 99;

  g_assert_cmpint (ebb_edinburgh_classify (&answers, &grade), ==, EBB_EDINBURGH_UNCLASSIFIABLE);
  g_assert_cmpuint (grade, ==, 0);
  g_assert_cmpstr (ebb_edinburgh_result_to_string (EBB_EDINBURGH_UNCLASSIFIABLE), ==, "unclassifiable");
}

static void
test_negative_paths (void)
{
  EbbEdinburghAnswers no_pain = { EBB_EDINBURGH_Q1_NO, FALSE, TRUE, FALSE, TRUE, CALF };
  EbbEdinburghAnswers not_uphill = { EBB_EDINBURGH_Q1_YES, FALSE, FALSE, FALSE, TRUE, CALF };
  EbbEdinburghAnswers continues = { EBB_EDINBURGH_Q1_YES, FALSE, TRUE, FALSE, FALSE, CALF };

  g_assert_cmpint (ebb_edinburgh_classify (&no_pain, NULL), ==, EBB_EDINBURGH_NEGATIVE);
  g_assert_cmpint (ebb_edinburgh_classify (&not_uphill, NULL), ==, EBB_EDINBURGH_NEGATIVE);
  g_assert_cmpint (ebb_edinburgh_classify (&continues, NULL), ==, EBB_EDINBURGH_NEGATIVE);
}

static void
test_sites (void)
{
  EbbEdinburghAnswers answers = { EBB_EDINBURGH_Q1_YES, FALSE, TRUE, FALSE, TRUE, 0 };
  guint grade = 99;

  answers.q6_sites = EBB_EDINBURGH_SITE_SHIN | EBB_EDINBURGH_SITE_FOOT | EBB_EDINBURGH_SITE_HAMSTRING;
  g_assert_cmpint (ebb_edinburgh_classify (&answers, &grade), ==, EBB_EDINBURGH_NOT_CLAUDICATION);
  g_assert_cmpuint (grade, ==, 0);

  answers.q6_sites = THIGH | EBB_EDINBURGH_SITE_JOINT;
  g_assert_cmpint (ebb_edinburgh_classify (&answers, NULL), ==, EBB_EDINBURGH_ATYPICAL);

  answers.q6_sites = CALF | BUTTOCK | EBB_EDINBURGH_SITE_RADIATING;
  g_assert_cmpint (ebb_edinburgh_classify (&answers, NULL), ==, EBB_EDINBURGH_DEFINITE);

  g_assert_cmpint (ebb_edinburgh_site_from_string ("radiating"), ==, EBB_EDINBURGH_SITE_RADIATING);
  g_assert_cmpint (ebb_edinburgh_site_from_string ("elbow"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/edinburgh/vector/%u", i + 1);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_vector);
    }
  g_test_add_func ("/ebb/edinburgh/unable-to-walk", test_unable_to_walk);
  g_test_add_func ("/ebb/edinburgh/negative-paths", test_negative_paths);
  g_test_add_func ("/ebb/edinburgh/sites", test_sites);

  return g_test_run ();
}
