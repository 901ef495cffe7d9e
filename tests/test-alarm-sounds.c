/* test-alarm-sounds.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>

/* The alarm sounds are checked against IEC 60601-1-8's burst rules: pulse
 * count per priority, pulse duration and spacing in the allowed ranges. */

typedef struct
{
  const char *name;
  guint       n_pulses;
  double      min_pulse_ms;
  double      max_pulse_ms;
  double      min_gap_ms;
  double      max_gap_ms;
} Expect;

static const Expect expect_high = { "alarm-high.wav", 10, 75, 200, 50, 1300 };
static const Expect expect_medium = { "alarm-medium.wav", 3, 125, 250, 125, 250 };
static const Expect expect_low = { "alarm-low.wav", 1, 125, 250, 0, 0 };

static guint32
le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

static void
test_sound (gconstpointer data)
{
  const Expect *expect = data;
  g_autofree char *path = g_strdup_printf ("/org/ebbflow/Ebbflow/sounds/%s", expect->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
  const guint8 *wav;
  gsize size;
  const guint8 *pcm;
  guint n, window = 5 * 22050 / 1000;     /* 5 ms: several periods */
  double peak = 0;
  gboolean on = FALSE;
  guint pulses = 0;
  double start_ms = 0, end_ms = 0;

  g_assert_no_error (error);
  wav = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, <, 100 * 1024);
  g_assert_cmpmem (wav, 4, "RIFF", 4);
  g_assert_cmpmem (wav + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (le16 (wav + 20), ==, 1);          /* PCM */
  g_assert_cmpuint (le16 (wav + 22), ==, 1);          /* mono */
  g_assert_cmpuint (le32 (wav + 24), ==, 22050);
  g_assert_cmpuint (le16 (wav + 34), ==, 16);
  g_assert_cmpmem (wav + 36, 4, "data", 4);
  g_assert_cmpuint (le32 (wav + 40) + 44, ==, size);

  pcm = wav + 44;
  n = le32 (wav + 40) / 2;
  for (guint i = 0; i < n; i++)
    peak = MAX (peak, fabs ((double) (gint16) le16 (pcm + 2 * i)));
  g_assert_cmpfloat (peak, >, 0.3 * G_MAXINT16);

  /* Walk a 5 ms peak envelope; a pulse is where it exceeds 10 % of the
   * peak (the standard measures at the 10 % amplitude points). */
  for (guint w = 0; w * window < n; w++)
    {
      double level = 0;
      double t_ms = w * 5.0;

      for (guint i = w * window; i < MIN ((w + 1) * window, n); i++)
        level = MAX (level, fabs ((double) (gint16) le16 (pcm + 2 * i)));

      if (!on && level > 0.1 * peak)
        {
          if (pulses > 0)
            {
              g_assert_cmpfloat (t_ms - end_ms, >=, expect->min_gap_ms - 6);
              g_assert_cmpfloat (t_ms - end_ms, <=, expect->max_gap_ms + 6);
            }
          on = TRUE;
          start_ms = t_ms;
          pulses++;
        }
      else if (on && level <= 0.1 * peak)
        {
          on = FALSE;
          end_ms = t_ms;
          g_assert_cmpfloat (end_ms - start_ms, >=, expect->min_pulse_ms - 6);
          g_assert_cmpfloat (end_ms - start_ms, <=, expect->max_pulse_ms + 6);
        }
    }

  if (on)
    g_assert_cmpfloat (n / 22.05 - start_ms, >=, expect->min_pulse_ms - 6);

  g_assert_cmpuint (pulses, ==, expect->n_pulses);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/ebb/alarm-sounds/high", &expect_high, test_sound);
  g_test_add_data_func ("/ebb/alarm-sounds/medium", &expect_medium, test_sound);
  g_test_add_data_func ("/ebb/alarm-sounds/low", &expect_low, test_sound);

  return g_test_run ();
}
