/* test-pressure-ring.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-pressure-ring.h"

static EbbPressureGraphSample
sample_at (gint64 t_us,
           gint32 pa)
{
  EbbPressureGraphSample sample = { t_us, pa, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM };

  return sample;
}

static void
test_empty (void)
{
  EbbPressureRing ring = { 0 };

  g_assert_null (ebb_pressure_ring_newest (&ring));
  g_assert_null (ebb_pressure_ring_nearest (&ring, 1000));
  g_assert_cmpuint (ebb_pressure_ring_search (&ring, 1000), ==, 0);
  ebb_pressure_ring_free (&ring);
}

/* Past its capacity the ring drops the oldest samples and keeps the order. */
static void
test_wraps (void)
{
  EbbPressureRing ring = { 0 };
  guint extra = 1000;

  for (guint i = 0; i < EBB_PRESSURE_GRAPH_CAPACITY + extra; i++)
    {
      EbbPressureGraphSample sample = sample_at (i * 5000, -(gint32) (i % 4000));

      ebb_pressure_ring_push (&ring, &sample);
    }

  g_assert_cmpuint (ring.len, ==, EBB_PRESSURE_GRAPH_CAPACITY);
  g_assert_cmpint (ebb_pressure_ring_get (&ring, 0)->t_us, ==, (gint64) extra * 5000);
  g_assert_cmpint (ebb_pressure_ring_newest (&ring)->t_us, ==,
                   (gint64) (EBB_PRESSURE_GRAPH_CAPACITY + extra - 1) * 5000);
  for (guint i = 1; i < ring.len; i += 9973)
    g_assert_cmpint (ebb_pressure_ring_get (&ring, i)->t_us, >, ebb_pressure_ring_get (&ring, i - 1)->t_us);

  /* Search still works across the wrap point. */
  g_assert_cmpint (ebb_pressure_ring_get (&ring, ebb_pressure_ring_search (&ring, (gint64) (extra + 10) * 5000 - 1))->t_us,
                   ==, (gint64) (extra + 10) * 5000);

  ebb_pressure_ring_clear (&ring);
  g_assert_cmpuint (ring.len, ==, 0);
  g_assert_null (ebb_pressure_ring_newest (&ring));
  ebb_pressure_ring_free (&ring);
}

static void
test_queries (void)
{
  EbbPressureRing ring = { 0 };
  gint32 values[] = { -1000, -2000, -3000, -4000 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      EbbPressureGraphSample sample = sample_at (1000000 + i * 100000, values[i]);

      ebb_pressure_ring_push (&ring, &sample);
    }

  /* First at or after. */
  g_assert_cmpuint (ebb_pressure_ring_search (&ring, 0), ==, 0);
  g_assert_cmpuint (ebb_pressure_ring_search (&ring, 1100000), ==, 1);
  g_assert_cmpuint (ebb_pressure_ring_search (&ring, 1100001), ==, 2);
  g_assert_cmpuint (ebb_pressure_ring_search (&ring, 9000000), ==, 4);

  /* Nearest, either side; past the end the newest. */
  g_assert_cmpint (ebb_pressure_ring_nearest (&ring, 1140000)->pa, ==, -2000);
  g_assert_cmpint (ebb_pressure_ring_nearest (&ring, 1160000)->pa, ==, -3000);
  g_assert_cmpint (ebb_pressure_ring_nearest (&ring, 0)->pa, ==, -1000);
  g_assert_cmpint (ebb_pressure_ring_nearest (&ring, 9000000)->pa, ==, -4000);

  /* The mean of the samples in a closed interval, else the nearest one. */
  g_assert_cmpfloat (ebb_pressure_ring_mean (&ring, 1000000, 1300000), ==, -2500.0);
  g_assert_cmpfloat (ebb_pressure_ring_mean (&ring, 1100000, 1200000), ==, -2500.0);
  g_assert_cmpfloat (ebb_pressure_ring_mean (&ring, 1210000, 1290000), ==, -4000.0);

  ebb_pressure_ring_free (&ring);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/pressure-ring/empty", test_empty);
  g_test_add_func ("/ebb/pressure-ring/wraps", test_wraps);
  g_test_add_func ("/ebb/pressure-ring/queries", test_queries);

  return g_test_run ();
}
