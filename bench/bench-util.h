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

/* Runs the default main context until *@flag is set or @timeout_ms have
 * passed, polling every 0.2 ms so that measured latencies are not
 * rounded up to a coarse sleep. */
void   bench_spin_until     (const gboolean *flag,
                             guint           timeout_ms);

/* Runs the default main context for @ms milliseconds. */
void   bench_spin           (guint          ms);

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
