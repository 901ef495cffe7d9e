/* ebb-duration.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-duration"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-duration.h"

/* One way the console writes a length of time (a session, time at level,
 * the chamber's uptime), so the screens never disagree. The PDF report
 * has its own, in the report's language (ebb-report-pdf.c). */

/**
 * ebb_duration_format:
 * @ms: a duration in milliseconds; negative counts as 0
 *
 * Formats @ms as "30 min 05 s", or as "2 h 05 min" from an hour on.
 *
 * Returns: (transfer full): the text, in the console's language
 */
char *
ebb_duration_format (gint64 ms)
{
  guint64 s = (guint64) MAX (ms, 0) / 1000;

  if (s >= 3600)
    /* Translators: a duration in hours and minutes */
    return g_strdup_printf (_("%u h %02u min"), (guint) (s / 3600), (guint) (s / 60 % 60));
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_("%u min %02u s"), (guint) (s / 60), (guint) (s % 60));
}
