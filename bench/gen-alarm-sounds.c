/* gen-alarm-sounds.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes the three alarm sounds (resources/sounds/alarm-*.wav): bursts
 * encoded by priority after IEC 60601-1-8 (Table 3 and 4), 16-bit mono PCM
 * at 22050 Hz. The files are committed; run this only to change them:
 *
 *   build/bench/gen-alarm-sounds resources/sounds
 *
 * Timing chosen from the standard's ranges (ts is the silence from the end
 * of one pulse to the start of the next):
 *   HIGH    10 pulses, td = 100 ms (75–200), ts = x = 60 ms (50–125) in the
 *           pattern
 *           x, x, 2x+td, x, 350 ms (0.35–1.30 s), x, x, 2x+td, x;
 *           fundamental 660 Hz
 *   MEDIUM   3 pulses, td = 150 ms (125–250), ts = y = 200 ms (125–250);
 *           fundamental 523 Hz
 *   LOW      1 pulse, td = 200 ms (125–250); fundamental 440 Hz
 * Rise and fall are raised-cosine ramps of 12.5–15 % of td (10–20 %).
 * Each pulse is a fundamental plus four harmonics (2f–5f, all within 15 dB
 * of the fundamental, as the standard asks for at least four in
 * 300–4000 Hz), so the pulses stay audible and locatable in a noisy room.
 * The pause between bursts is the player's job (the banner repeats them).
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>

#define RATE      22050
#define AMPLITUDE 0.55

typedef struct
{
  const char *name;
  double      fundamental_hz;
  double      pulse_ms;
  double      ramp_ms;
  guint       n_pulses;
  double      gaps_ms[9];
} Burst;

static const Burst bursts[] = {
  { "alarm-high.wav", 660, 100, 15, 10, { 60, 60, 220, 60, 350, 60, 60, 220, 60 } },
  { "alarm-medium.wav", 523, 150, 20, 3, { 200, 200 } },
  { "alarm-low.wav", 440, 200, 25, 1, { 0 } },
};

static void
put_le (GByteArray *bytes,
        guint32     value,
        guint       size)
{
  for (guint i = 0; i < size; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;

      g_byte_array_append (bytes, &b, 1);
    }
}

static void
add_pulse (GArray      *samples,
           const Burst *burst)
{
  static const double harmonics[] = { 1.0, 0.7, 0.55, 0.45, 0.4 };
  guint n = (guint) (burst->pulse_ms * RATE / 1000);
  guint ramp = (guint) (burst->ramp_ms * RATE / 1000);
  double norm = 0;

  for (guint h = 0; h < G_N_ELEMENTS (harmonics); h++)
    norm += harmonics[h];

  for (guint i = 0; i < n; i++)
    {
      double t = (double) i / RATE;
      double env = 1.0;
      double v = 0;
      gint16 s;

      /* Raised-cosine edges: no clicks, and a defined rise time. */
      if (i < ramp)
        env = 0.5 - 0.5 * cos (G_PI * i / ramp);
      else if (i >= n - ramp)
        env = 0.5 - 0.5 * cos (G_PI * (n - 1 - i) / ramp);

      for (guint h = 0; h < G_N_ELEMENTS (harmonics); h++)
        v += harmonics[h] * sin (2 * G_PI * burst->fundamental_hz * (h + 1) * t);

      s = (gint16) lround (v / norm * env * AMPLITUDE * G_MAXINT16);
      g_array_append_val (samples, s);
    }
}

static void
add_silence (GArray *samples,
             double  ms)
{
  guint n = (guint) (ms * RATE / 1000);
  gint16 zero = 0;

  for (guint i = 0; i < n; i++)
    g_array_append_val (samples, zero);
}

static GBytes *
render_wav (const Burst *burst)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint32 data_size;

  for (guint p = 0; p < burst->n_pulses; p++)
    {
      add_pulse (samples, burst);
      if (p + 1 < burst->n_pulses)
        add_silence (samples, burst->gaps_ms[p]);
    }

  data_size = samples->len * sizeof (gint16);

  g_byte_array_append (bytes, (const guint8 *) "RIFF", 4);
  put_le (bytes, 36 + data_size, 4);
  g_byte_array_append (bytes, (const guint8 *) "WAVEfmt ", 8);
  put_le (bytes, 16, 4);                  /* fmt chunk size */
  put_le (bytes, 1, 2);                   /* PCM */
  put_le (bytes, 1, 2);                   /* mono */
  put_le (bytes, RATE, 4);
  put_le (bytes, RATE * sizeof (gint16), 4);
  put_le (bytes, sizeof (gint16), 2);
  put_le (bytes, 16, 2);
  g_byte_array_append (bytes, (const guint8 *) "data", 4);
  put_le (bytes, data_size, 4);
  for (guint i = 0; i < samples->len; i++)
    put_le (bytes, (guint16) g_array_index (samples, gint16, i), 2);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : ".";

  for (guint i = 0; i < G_N_ELEMENTS (bursts); i++)
    {
      g_autoptr(GBytes) wav = render_wav (&bursts[i]);
      g_autofree char *path = g_build_filename (dir, bursts[i].name, NULL);
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (path, g_bytes_get_data (wav, NULL), g_bytes_get_size (wav), &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      g_print ("%s: %zu bytes\n", path, g_bytes_get_size (wav));
    }

  return EXIT_SUCCESS;
}
