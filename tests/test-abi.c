/* test-abi.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-abi.h"

/* screening.md §4.1, "ABI test vectors". */
static const struct
{
  guint        arm_right, arm_left;
  guint        right_dp, right_pt, left_dp, left_pt;
  const char  *right_value;
  EbbAbiClass  right_class;
  const char  *left_value;
  EbbAbiClass  left_class;
} vectors[] = {
  { 130, 126, 140, 136, 132, 138, "1.08", EBB_ABI_NORMAL, "1.06", EBB_ABI_NORMAL },
  { 140, 150, 120, 110, 160, 155, "0.80", EBB_ABI_ABNORMAL, "1.07", EBB_ABI_NORMAL },
  { 120, 118, 114, 116, 118, 112, "0.97", EBB_ABI_BORDERLINE, "0.98", EBB_ABI_BORDERLINE },
  { 130, 128, 190, 200, 176, 182, "1.54", EBB_ABI_NONCOMPRESSIBLE, "1.40", EBB_ABI_NORMAL },
};

static void
test_vector (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  EbbAbiResult right, left;
  g_autofree char *right_text = NULL;
  g_autofree char *left_text = NULL;

  g_assert_true (ebb_abi_compute (vectors[i].arm_right, vectors[i].arm_left,
                                  vectors[i].right_dp, vectors[i].right_pt, &right));
  g_assert_true (ebb_abi_compute (vectors[i].arm_right, vectors[i].arm_left,
                                  vectors[i].left_dp, vectors[i].left_pt, &left));
  right_text = ebb_abi_format (right.hundredths);
  left_text = ebb_abi_format (left.hundredths);
  g_assert_cmpstr (right_text, ==, vectors[i].right_value);
  g_assert_cmpstr (left_text, ==, vectors[i].left_value);
  g_assert_cmpint (right.klass, ==, vectors[i].right_class);
  g_assert_cmpint (left.klass, ==, vectors[i].left_class);
  g_assert_false (right.severe);
  g_assert_false (left.severe);
}

static void
test_class_boundaries (void)
{
  g_assert_cmpint (ebb_abi_classify (90), ==, EBB_ABI_ABNORMAL);
  g_assert_cmpint (ebb_abi_classify (91), ==, EBB_ABI_BORDERLINE);
  g_assert_cmpint (ebb_abi_classify (99), ==, EBB_ABI_BORDERLINE);
  g_assert_cmpint (ebb_abi_classify (100), ==, EBB_ABI_NORMAL);
  g_assert_cmpint (ebb_abi_classify (140), ==, EBB_ABI_NORMAL);
  g_assert_cmpint (ebb_abi_classify (141), ==, EBB_ABI_NONCOMPRESSIBLE);
  g_assert_cmpint (ebb_abi_classify (0), ==, EBB_ABI_ABNORMAL);
}

static void
test_severe_boundary (void)
{
  EbbAbiResult result;

  /* 40/100 = 0.40: not severe; 39/100 = 0.39: severe. */
  g_assert_true (ebb_abi_compute (100, 90, 40, 30, &result));
  g_assert_cmpuint (result.hundredths, ==, 40);
  g_assert_false (result.severe);
  g_assert_true (ebb_abi_compute (100, 90, 39, 30, &result));
  g_assert_cmpuint (result.hundredths, ==, 39);
  g_assert_true (result.severe);
  g_assert_cmpint (result.klass, ==, EBB_ABI_ABNORMAL);
}

static void
test_rounding_half_up (void)
{
  EbbAbiResult result;
  g_autofree char *text = NULL;

  /* 0.625 exactly: half-up gives 0.63 where printf's "%.2f" gives 0.62. */
  g_assert_true (ebb_abi_compute (160, 120, 100, 90, &result));
  text = ebb_abi_format (result.hundredths);
  g_assert_cmpstr (text, ==, "0.63");

  /* 0.905 exactly (181/200) rounds to 0.91, borderline, not abnormal. */
  g_assert_true (ebb_abi_compute (200, 200, 181, 0, &result));
  g_assert_cmpuint (result.hundredths, ==, 91);
  g_assert_cmpint (result.klass, ==, EBB_ABI_BORDERLINE);

  /* 0.9049… rounds down to 0.90: abnormal. */
  g_assert_true (ebb_abi_compute (221, 0, 200, 0, &result));
  g_assert_cmpuint (result.hundredths, ==, 90);
  g_assert_cmpint (result.klass, ==, EBB_ABI_ABNORMAL);

  /* 1.405 exactly (281/200) rounds to 1.41: noncompressible. */
  g_assert_true (ebb_abi_compute (200, 100, 0, 281, &result));
  g_assert_cmpuint (result.hundredths, ==, 141);
  g_assert_cmpint (result.klass, ==, EBB_ABI_NONCOMPRESSIBLE);
}

static void
test_higher_arm_and_ankle (void)
{
  EbbAbiResult result;

  /* Left arm higher; PT higher than DP. */
  g_assert_true (ebb_abi_compute (100, 120, 60, 108, &result));
  g_assert_cmpuint (result.hundredths, ==, 90);
}

static void
test_no_arm_pressure (void)
{
  EbbAbiResult result;

  g_assert_false (ebb_abi_compute (0, 0, 100, 100, &result));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ebb/abi/vector/%u", i + 1);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_vector);
    }
  g_test_add_func ("/ebb/abi/class-boundaries", test_class_boundaries);
  g_test_add_func ("/ebb/abi/severe-boundary", test_severe_boundary);
  g_test_add_func ("/ebb/abi/rounding-half-up", test_rounding_half_up);
  g_test_add_func ("/ebb/abi/higher-arm-and-ankle", test_higher_arm_and_ankle);
  g_test_add_func ("/ebb/abi/no-arm-pressure", test_no_arm_pressure);

  return g_test_run ();
}
