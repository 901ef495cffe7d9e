/* fuzz-ecp-decoder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the ECP/1 streaming decoder (docs/fuzzing.md).
 * Beyond "no crash, no leak, no undefined behaviour" it checks properties
 * and aborts when one fails:
 *  - feeding the input in chunks gives the same counts as feeding it whole;
 *  - no more frames are counted than there are delimiters;
 *  - every packet delivered re-encodes, and decodes again to the same
 *    packet with the same outcome. */

#include "ebb-cobs.h"
#include "ebb-ecp-decoder.h"
#include "ebb-ecp-packet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_packet_cb (const EbbEcpPacket *p,
                 EbbEcpDecodeResult  result,
                 void               *user_data)
{
  uint8_t frame[EBB_ECP_MAX_ENCODED_FRAME];
  uint8_t again[EBB_ECP_MAX_ENCODED_FRAME];
  EbbEcpPacket q;
  size_t n, m;
  char line[256];

  if (result != EBB_ECP_DECODE_OK && result != EBB_ECP_DECODE_UNKNOWN_TYPE)
    abort ();

  n = ebb_ecp_frame_encode (p, frame, sizeof frame);
  if (n < 2 || frame[n - 1] != 0x00 || memchr (frame, 0x00, n - 1) != NULL)
    abort ();
  if (ebb_ecp_frame_decode (frame, n - 1, &q) != result)
    abort ();
  m = ebb_ecp_frame_encode (&q, again, sizeof again);
  if (m != n || memcmp (frame, again, n) != 0)
    abort ();

  if (ebb_ecp_packet_format (p, line, sizeof line) >= (int) sizeof line)
    abort ();

  (*(size_t *) user_data)++;
}

/* The chunked pass only has to agree with the whole one; checking every
 * packet twice would halve the executions per second for nothing. */
static void
count_packet_cb (const EbbEcpPacket *p,
                 EbbEcpDecodeResult  result,
                 void               *user_data)
{
  (*(size_t *) user_data)++;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  EbbEcpDecoder whole, chunked;
  size_t delivered_whole = 0, delivered_chunked = 0;
  size_t delimiters = 0, counted = 0;
  size_t chunk;
  uint8_t packet[EBB_ECP_MAX_FRAME];
  size_t packet_len;
  EbbEcpPacket p;

  ebb_ecp_decoder_init (&whole);
  ebb_ecp_decoder_feed (&whole, data, size, check_packet_cb, &delivered_whole);

  /* The first byte picks the chunk size, so the fuzzer explores splits. */
  chunk = size > 0 ? (size_t) (data[0] % 67) + 1 : 1;
  ebb_ecp_decoder_init (&chunked);
  for (size_t at = 0; at < size; at += chunk)
    ebb_ecp_decoder_feed (&chunked, data + at, size - at < chunk ? size - at : chunk,
                          count_packet_cb, &delivered_chunked);

  if (memcmp (whole.counts, chunked.counts, sizeof whole.counts) != 0 ||
      delivered_whole != delivered_chunked)
    abort ();

  for (size_t i = 0; i < size; i++)
    delimiters += data[i] == 0x00;
  for (int r = 0; r < EBB_ECP_DECODE_N_RESULTS; r++)
    counted += whole.counts[r];
  if (counted > delimiters ||
      delivered_whole != ebb_ecp_decoder_get_frames_ok (&whole))
    abort ();

  /* The one-shot functions on the raw input, too. */
  (void) ebb_ecp_packet_decode (data, size, &p);
  (void) ebb_cobs_decode (data, size, packet, sizeof packet, &packet_len);
  if (size <= EBB_ECP_MAX_FRAME)
    (void) ebb_ecp_frame_decode (data, size, &p);

  return 0;
}
