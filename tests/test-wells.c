/* test-wells.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-wells.h"

/* screening.md §3, "Wells test vectors, computed from the table". */
static const struct
{
  const char       *name;
  guint             present[EBB_WELLS_N_CRITERIA + 1]; /* criterion numbers, 0-terminated */
  int               score;
  EbbWellsCategory  category;
} vectors[] = {
  { "1-none", { 0 }, 0, EBB_WELLS_UNLIKELY },
  { "2-w1", { 1, 0 }, 1, EBB_WELLS_UNLIKELY },
  { "3-w1-w5", { 1, 5, 0 }, 2, EBB_WELLS_LIKELY },
  { "4-w10", { 10, 0 }, -2, EBB_WELLS_UNLIKELY },
  { "5-w6-w7-w10", { 6, 7, 10, 0 }, 0, EBB_WELLS_UNLIKELY },
  { "6-w1-to-w9", { 1, 2, 3, 4, 5, 6, 7, 8, 9, 0 }, 9, EBB_WELLS_LIKELY },
};

static void
test_vector (gconstpointer data)
{
  guint index = GPOINTER_TO_UINT (data);
  gboolean criteria[EBB_WELLS_N_CRITERIA] = { FALSE };
  int score;

  for (guint i = 0; vectors[index].present[i] != 0; i++)
    criteria[vectors[index].present[i] - 1] = TRUE;

  score = ebb_wells_score (criteria);
  g_assert_cmpint (score, ==, vectors[index].score);
  g_assert_cmpint (ebb_wells_categorise (score), ==, vectors[index].category);
}

static void
test_boundary (void)
{
  g_assert_cmpint (ebb_wells_categorise (1), ==, EBB_WELLS_UNLIKELY);
  g_assert_cmpint (ebb_wells_categorise (2), ==, EBB_WELLS_LIKELY);
  g_assert_cmpint (ebb_wells_categorise (-2), ==, EBB_WELLS_UNLIKELY);
  g_assert_cmpstr (ebb_wells_category_to_string (EBB_WELLS_LIKELY), ==, "likely");
  g_assert_cmpstr (ebb_wells_category_to_string (EBB_WELLS_UNLIKELY), ==, "unlikely");
}

static void
test_range (void)
{
  gboolean all[EBB_WELLS_N_CRITERIA];

  for (guint i = 0; i < EBB_WELLS_N_CRITERIA; i++)
    all[i] = TRUE;
  /* Every criterion: 9 − 2 = 7; the range is −2 … 9. */
  g_assert_cmpint (ebb_wells_score (all), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/wells/vector/%s", vectors[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_vector);
    }
  g_test_add_func ("/ebb/wells/boundary", test_boundary);
  g_test_add_func ("/ebb/wells/range", test_range);

  return g_test_run ();
}
