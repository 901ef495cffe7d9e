/* test-pressure-columns.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-pressure-columns.h"

/* 10 ms per column, 8 slots. */
#define US_PER_PX 10000.0
#define SLOTS     8

static EbbPressureGraphSample
sample_at (gint64              t_us,
           gint32              pa,
           gint32              target_pa,
           EbbPressureGraphPhase phase)
{
  EbbPressureGraphSample sample = { t_us, pa, target_pa, phase };

  return sample;
}

static void
add (EbbPressureColumns  *columns,
     EbbPressureRing     *ring,
     gint64               t_us,
     gint32               pa,
     EbbPressureColumnsChange expected)
{
  EbbPressureGraphSample sample = sample_at (t_us, pa, -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  EbbPressureColumn before;

  ebb_pressure_ring_push (ring, &sample);
  g_assert_cmpint (ebb_pressure_columns_add (columns, &sample, &before), ==, expected);
}

static void
test_extremes (void)
{
  EbbPressureRing ring = { 0 };
  EbbPressureColumns columns = { 0 };
  const EbbPressureColumn *col;
  EbbPressureGraphSample release = sample_at (12000, -3500, 0, EBB_PRESSURE_GRAPH_PHASE_RELEASE);
  EbbPressureColumn before;

  ebb_pressure_columns_rebuild (&columns, &ring, SLOTS, US_PER_PX, 0, SLOTS);
  g_assert_null (ebb_pressure_columns_get (&columns, 1));

  add (&columns, &ring, 10000, -3000, EBB_PRESSURE_COLUMNS_NEW);
  add (&columns, &ring, 11000, -3000, EBB_PRESSURE_COLUMNS_UNCHANGED);
  add (&columns, &ring, 13000, -2000, EBB_PRESSURE_COLUMNS_GREW);
  add (&columns, &ring, 14000, -2500, EBB_PRESSURE_COLUMNS_UNCHANGED);

  col = ebb_pressure_columns_get (&columns, 1);
  g_assert_nonnull (col);
  g_assert_cmpint (col->min_pa, ==, -3000);
  g_assert_cmpint (col->max_pa, ==, -2000);

  /* A new phase or setpoint in the column is a change too; @before is the
   * column as it was. */
  g_assert_cmpint (ebb_pressure_columns_add (&columns, &release, &before), ==, EBB_PRESSURE_COLUMNS_GREW);
  g_assert_cmpint (before.target_pa, ==, -4000);
  g_assert_cmpuint (before.phases, ==, 1u << EBB_PRESSURE_GRAPH_PHASE_VACUUM);
  col = ebb_pressure_columns_get (&columns, 1);
  g_assert_cmpint (col->target_pa, ==, 0);
  g_assert_cmpuint (col->phases, ==, (1u << EBB_PRESSURE_GRAPH_PHASE_VACUUM) |
                                     (1u << EBB_PRESSURE_GRAPH_PHASE_RELEASE));

  ebb_pressure_columns_free (&columns);
  ebb_pressure_ring_free (&ring);
}

/* A slot reused by a newer column no longer answers for the old one, and
 * columns skipped by a gap in the data are empty, not stale. */
static void
test_stale_slots (void)
{
  EbbPressureRing ring = { 0 };
  EbbPressureColumns columns = { 0 };

  ebb_pressure_columns_rebuild (&columns, &ring, SLOTS, US_PER_PX, 0, SLOTS);
  add (&columns, &ring, 0, -1000, EBB_PRESSURE_COLUMNS_NEW);
  add (&columns, &ring, 20000, -1000, EBB_PRESSURE_COLUMNS_NEW);

  /* Column 10 takes column 2's slot; the columns between are empty. */
  add (&columns, &ring, 100000, -1000, EBB_PRESSURE_COLUMNS_NEW);
  g_assert_null (ebb_pressure_columns_get (&columns, 2));
  for (gint64 c = 3; c < 10; c++)
    g_assert_null (ebb_pressure_columns_get (&columns, c));
  g_assert_nonnull (ebb_pressure_columns_get (&columns, 10));

  /* A sample for a column older than the slots hold is ignored. */
  add (&columns, &ring, 20000, -5000, EBB_PRESSURE_COLUMNS_UNCHANGED);

  ebb_pressure_columns_free (&columns);
  ebb_pressure_ring_free (&ring);
}

/* Rebuilding at another scale recomputes the wanted columns from the ring,
 * and only those. */
static void
test_rebuild (void)
{
  EbbPressureRing ring = { 0 };
  EbbPressureColumns columns = { 0 };
  const EbbPressureColumn *col;

  for (gint64 t = 0; t < 200000; t += 5000)
    {
      EbbPressureGraphSample sample = sample_at (t, -(gint32) (t / 100), -4000, EBB_PRESSURE_GRAPH_PHASE_VACUUM);

      ebb_pressure_ring_push (&ring, &sample);
    }

  /* 40 ms per column: columns 1..3 hold the samples of 40..159 ms. */
  ebb_pressure_columns_rebuild (&columns, &ring, SLOTS, 40000.0, 1, 3);
  g_assert_null (ebb_pressure_columns_get (&columns, 0));
  g_assert_null (ebb_pressure_columns_get (&columns, 4));
  col = ebb_pressure_columns_get (&columns, 2);
  g_assert_nonnull (col);
  g_assert_cmpint (col->max_pa, ==, -800);
  g_assert_cmpint (col->min_pa, ==, -1150);
  g_assert_cmpint (ebb_pressure_columns_index (&columns, 79999), ==, 1);
  g_assert_cmpint (ebb_pressure_columns_index (&columns, -1), ==, -1);

  ebb_pressure_columns_free (&columns);
  ebb_pressure_ring_free (&ring);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/pressure-columns/extremes", test_extremes);
  g_test_add_func ("/ebb/pressure-columns/stale-slots", test_stale_slots);
  g_test_add_func ("/ebb/pressure-columns/rebuild", test_rebuild);

  return g_test_run ();
}
