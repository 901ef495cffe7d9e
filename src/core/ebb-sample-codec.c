/* ebb-sample-codec.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-sample-codec"

#include "config.h"

#include "ebb-sample-codec.h"
#include "ebb-store.h"

/* A chunk is: format byte, varint sample count, then the seven fields as
 * columns. Each column is transformed so that the usual telemetry gives
 * small or repeated numbers:
 *
 *   device_ms            delta of deltas (a steady rate becomes zeros)
 *   every other field    delta from the previous sample
 *
 * and written as run-length tokens of zigzag varints: a token is
 * varint(zigzag(value) << 1 | repeated), followed by varint(count - 2) when
 * the value repeats. A pressure that moves by under ±32 Pa per sample costs
 * one byte; a field that does not change costs a couple of bytes per chunk.
 * The first value of each column is stored whole, so every chunk decodes
 * on its own. docs/store.md has the figures. */

#define FORMAT_V1 1
#define MAX_DECODE_SAMPLES (1u << 20)

enum {
  COL_DEVICE_MS,
  COL_PRESSURE,
  COL_TARGET,
  COL_PUMP,
  COL_VENT,
  COL_FLAGS,
  COL_FAULTS,
  N_COLUMNS
};

static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static inline void
put_varint (GByteArray *out,
            guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  while (v >= 0x80)
    {
      buf[n++] = (guint8) (v | 0x80);
      v >>= 7;
    }
  buf[n++] = (guint8) v;
  g_byte_array_append (out, buf, n);
}

static inline gboolean
get_varint (const guint8 *data,
            gsize         length,
            gsize        *pos,
            guint64      *value)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (*pos >= length)
        return FALSE;
      b = data[(*pos)++];
      v |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *value = v;
          return TRUE;
        }
    }

  return FALSE;
}

static gint64
field (const EbbEcpTelemetry *s,
       guint                  column)
{
  switch (column)
    {
    case COL_DEVICE_MS: return s->device_ms;
    case COL_PRESSURE:  return s->pressure_pa;
    case COL_TARGET:    return s->target_pa;
    case COL_PUMP:      return s->pump_pct;
    case COL_VENT:      return s->vent_open;
    case COL_FLAGS:     return s->flags;
    case COL_FAULTS:    return s->faults;
    default:            g_assert_not_reached ();
    }
}

static void
encode_column (GByteArray            *out,
               const EbbEcpTelemetry *samples,
               guint                  n,
               guint                  column)
{
  gint64 prev = 0, prev_delta = 0;
  gint64 run_value = 0;
  guint run = 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 v = field (&samples[i], column);
      gint64 x;

      if (i == 0)
        x = v;
      else if (column == COL_DEVICE_MS)
        {
          /* The device clock is a wrapping 32-bit counter. */
          gint64 delta = (gint32) ((guint32) v - (guint32) prev);

          x = i == 1 ? delta : delta - prev_delta;
          prev_delta = delta;
        }
      else
        x = v - prev;
      prev = v;

      if (run > 0 && x == run_value)
        {
          run++;
          continue;
        }

      if (run > 0)
        {
          put_varint (out, zigzag (run_value) << 1 | (run > 1));
          if (run > 1)
            put_varint (out, run - 2);
        }
      run_value = x;
      run = 1;
    }

  if (run > 0)
    {
      put_varint (out, zigzag (run_value) << 1 | (run > 1));
      if (run > 1)
        put_varint (out, run - 2);
    }
}

/**
 * ebb_sample_codec_encode:
 * @samples: consecutive samples
 * @n_samples: how many, at least 1
 *
 * Returns: (transfer full): the encoded chunk
 */
GBytes *
ebb_sample_codec_encode (const EbbEcpTelemetry *samples,
                         guint                  n_samples)
{
  GByteArray *out;
  guint8 format = FORMAT_V1;

  g_return_val_if_fail (samples != NULL, NULL);
  g_return_val_if_fail (n_samples > 0, NULL);

  out = g_byte_array_sized_new (16 + n_samples * 2);
  g_byte_array_append (out, &format, 1);
  put_varint (out, n_samples);

  for (guint c = 0; c < N_COLUMNS; c++)
    encode_column (out, samples, n_samples, c);

  return g_byte_array_free_to_bytes (out);
}

static gboolean
corrupt (GError **error)
{
  g_set_error_literal (error, EBB_STORE_ERROR, EBB_STORE_ERROR_CORRUPT,
                       "A chunk of recorded samples is damaged and cannot be decoded. "
                       "Restore the database from a backup.");
  return FALSE;
}

static gboolean
decode_column (const guint8 *data,
               gsize         length,
               gsize        *pos,
               guint         n,
               gint64       *x)
{
  guint i = 0;

  while (i < n)
    {
      guint64 token, count = 1;
      gint64 v;

      if (!get_varint (data, length, pos, &token))
        return FALSE;
      v = unzigzag (token >> 1);
      if (token & 1)
        {
          if (!get_varint (data, length, pos, &count) || count > n)
            return FALSE;
          count += 2;
        }
      if (count > n - i)
        return FALSE;
      for (guint64 k = 0; k < count; k++)
        x[i++] = v;
    }

  return TRUE;
}

/**
 * ebb_sample_codec_decode:
 * @data: an encoded chunk
 * @length: its size
 * @out: (element-type EbbEcpTelemetry): array the samples are appended to
 * @error: return location for %EBB_STORE_ERROR_CORRUPT
 *
 * Returns: %TRUE if the chunk decoded whole; on failure @out is unchanged
 */
gboolean
ebb_sample_codec_decode (const guint8  *data,
                         gsize          length,
                         GArray        *out,
                         GError       **error)
{
  g_autofree gint64 *x = NULL;
  EbbEcpTelemetry *s;
  gsize pos = 1;
  guint64 n;
  guint base;

  g_return_val_if_fail (out != NULL, FALSE);

  if (data == NULL || length < 2 || data[0] != FORMAT_V1)
    return corrupt (error);
  if (!get_varint (data, length, &pos, &n) || n == 0 || n > MAX_DECODE_SAMPLES)
    return corrupt (error);

  x = g_new (gint64, n);
  base = out->len;
  g_array_set_size (out, base + n);
  s = &g_array_index (out, EbbEcpTelemetry, base);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (!decode_column (data, length, &pos, n, x))
        {
          g_array_set_size (out, base);
          return corrupt (error);
        }

      /* Undo the transform: running sums, one tight loop per field. */
      if (c == COL_DEVICE_MS)
        {
          guint32 v = (guint32) x[0], delta = 0;

          s[0].device_ms = v;
          for (guint i = 1; i < n; i++)
            {
              delta = i == 1 ? (guint32) x[1] : delta + (guint32) x[i];
              v += delta;
              s[i].device_ms = v;
            }
          continue;
        }

      for (guint i = 1; i < n; i++)
        x[i] += x[i - 1];

      switch (c)
        {
        case COL_PRESSURE: for (guint i = 0; i < n; i++) s[i].pressure_pa = (gint32) x[i]; break;
        case COL_TARGET:   for (guint i = 0; i < n; i++) s[i].target_pa = (gint32) x[i]; break;
        case COL_PUMP:     for (guint i = 0; i < n; i++) s[i].pump_pct = (guint8) x[i]; break;
        case COL_VENT:     for (guint i = 0; i < n; i++) s[i].vent_open = (guint8) x[i]; break;
        case COL_FLAGS:    for (guint i = 0; i < n; i++) s[i].flags = (guint16) x[i]; break;
        case COL_FAULTS:   for (guint i = 0; i < n; i++) s[i].faults = (guint16) x[i]; break;
        default:           g_assert_not_reached ();
        }
    }

  if (pos != length)
    {
      g_array_set_size (out, base);
      return corrupt (error);
    }

  return TRUE;
}
