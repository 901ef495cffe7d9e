/* bench-util.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers the benchmark programs share. */

/* Orders gint64 values for g_array_sort() and qsort(). */
int    bench_compare_gint64 (gconstpointer  a,
                             gconstpointer  b);

/* Sorts @values in place and returns the middle one. */
double bench_median         (double        *values,
                             guint          n);

/* Removes the files in @dir, then @dir itself (one level: the benchmarks
 * write no subfolders). */
void   bench_remove_tree    (const char    *dir);

G_END_DECLS
