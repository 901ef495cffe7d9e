/* bench-ecp-decoder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-ecp-decoder"

#include "config.h"

#include "ebb-ecp-decoder.h"
#include "ebb-ecp-packet.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Decoder throughput over what a chamber really sends: 200 Hz TELEMETRY,
 * with the ACKs, EVENTs and STATUS frames of a session, and 0.1 % of the
 * frames damaged by a bit error. Prints figures for docs/performance.md. */

#define RATE_HZ       200
#define SECONDS       60
#define LINK_BYTES_S  11520.0   /* 115200 baud, 8N1 (ECP-1 §1) */

static void
append (GByteArray   *stream,
        EbbEcpPacket *p,
        guint16      *seq)
{
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize n;

  p->seq = (*seq)++;
  n = ebb_ecp_frame_encode (p, frame, sizeof frame);
  g_assert (n > 0);
  g_byte_array_append (stream, frame, n);
}

static GByteArray *
session_stream (guint *n_frames)
{
  GByteArray *stream = g_byte_array_new ();
  GRand *rand = g_rand_new_with_seed (1);
  guint16 seq = 0;
  EbbEcpPacket p;

  *n_frames = 0;
  memset (&p, 0, sizeof p);
  p.type = EBB_ECP_MSG_IDENT;
  p.ident.proto_major = 1;
  ebb_ecp_string_set (&p.ident.model, "EBB-INP-1");
  ebb_ecp_string_set (&p.ident.serial, "SN-000123");
  ebb_ecp_string_set (&p.ident.firmware, "1.4.2");
  p.ident.floor_pa = -10666;
  p.ident.watchdog_ms = 1000;
  p.ident.max_rate_hz = 200;
  p.ident.capabilities = 0x0F;
  append (stream, &p, &seq);
  (*n_frames)++;

  for (guint i = 0; i < RATE_HZ * SECONDS; i++)
    {
      double t = i / (double) RATE_HZ;
      gsize start = stream->len;

      memset (&p, 0, sizeof p);
      p.type = EBB_ECP_MSG_TELEMETRY;
      p.telemetry.device_ms = 123456 + i * 5;
      /* A 30 s cycle between −5333 Pa and 0, with noise. */
      p.telemetry.target_pa = fmod (t, 30) < 20 ? -5333 : 0;
      p.telemetry.pressure_pa = p.telemetry.target_pa + g_rand_int_range (rand, -20, 21);
      p.telemetry.pump_pct = p.telemetry.target_pa < 0 ? 12 : 0;
      p.telemetry.vent_open = p.telemetry.target_pa == 0;
      p.telemetry.flags = 0x0069;
      append (stream, &p, &seq);
      (*n_frames)++;

      if (g_rand_int_range (rand, 0, 1000) == 0)
        stream->data[start + g_rand_int_range (rand, 1, (gint32) (stream->len - start - 1))] ^= 0x10;

      if (i % (RATE_HZ * 10) == 0)
        {
          memset (&p, 0, sizeof p);
          p.type = EBB_ECP_MSG_ACK;
          p.ack.acked_seq = (guint16) i;
          p.ack.acked_type = EBB_ECP_MSG_SET_TARGET;
          append (stream, &p, &seq);
          p.type = EBB_ECP_MSG_EVENT;
          p.event.code = EBB_ECP_EVENT_TARGET_REACHED;
          p.event.value = -5330;
          append (stream, &p, &seq);
          p.type = EBB_ECP_MSG_STATUS;
          p.status.flags = 0x0069;
          p.status.frames_ok = i;
          append (stream, &p, &seq);
          *n_frames += 3;
        }
    }

  g_rand_free (rand);
  return stream;
}

static void
count_cb (const EbbEcpPacket *packet,
          EbbEcpDecodeResult  result,
          void               *user_data)
{
  guint64 *n = user_data;

  *n += packet->seq != 0xFFFF;   /* touch the packet so nothing is optimised away */
}

static void
measure (const GByteArray *stream,
         guint             n_frames,
         gsize             chunk)
{
  EbbEcpDecoder dec;
  guint64 delivered = 0;
  guint64 passes = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  ebb_ecp_decoder_init (&dec);
  do
    {
      for (gsize at = 0; at < stream->len; at += chunk)
        ebb_ecp_decoder_feed (&dec, stream->data + at, MIN (chunk, stream->len - at),
                              count_cb, &delivered);
      passes++;
    }
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_print ("  chunks of %4zu B: %9.0f frames/s  %6.1f MB/s  (%" G_GUINT64_FORMAT
           " good, %" G_GUINT64_FORMAT " rejected)\n",
           chunk, passes * n_frames / seconds, passes * stream->len / seconds / 1e6,
           delivered, ebb_ecp_decoder_get_frames_bad (&dec));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GByteArray) stream = NULL;
  EbbEcpPacket p;
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize telemetry_bytes;
  guint n_frames;
  static const gsize chunks[] = { 1, 64, 4096 };

  stream = session_stream (&n_frames);
  g_print ("ECP/1 decoder: %u frames, %u bytes (%d s of a session at %d Hz)\n",
           n_frames, stream->len, SECONDS, RATE_HZ);
  for (gsize i = 0; i < G_N_ELEMENTS (chunks); i++)
    measure (stream, n_frames, chunks[i]);

  /* Wire cost of one sample. COBS adds one byte to any packet under 254
   * bytes, so every TELEMETRY frame has the same size whatever it holds. */
  memset (&p, 0, sizeof p);
  p.type = EBB_ECP_MSG_TELEMETRY;
  telemetry_bytes = ebb_ecp_frame_encode (&p, frame, sizeof frame);
  g_print ("TELEMETRY frame: %zu bytes on the wire (4 header + 18 payload + 2 CRC + 1 COBS + 1 delimiter)\n",
           telemetry_bytes);
  g_print ("  at %d Hz: %zu B/s = %.1f %% of the %.0f B/s of 115200 baud\n",
           RATE_HZ, telemetry_bytes * RATE_HZ, 100.0 * telemetry_bytes * RATE_HZ / LINK_BYTES_S,
           LINK_BYTES_S);
  g_print ("  whole session stream: %.0f B/s = %.1f %% of the link\n",
           stream->len / (double) SECONDS, 100.0 * stream->len / SECONDS / LINK_BYTES_S);
  g_print ("  highest rate the link could carry: %.0f Hz\n", floor (LINK_BYTES_S / telemetry_bytes));

  return 0;
}
