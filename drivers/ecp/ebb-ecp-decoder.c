/* ebb-ecp-decoder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ebb-ecp-decoder.h"

#include <string.h>

void
ebb_ecp_decoder_init (EbbEcpDecoder *dec)
{
  memset (dec, 0, sizeof *dec);
}

void
ebb_ecp_decoder_discard (EbbEcpDecoder *dec)
{
  dec->len = 0;
  dec->overflow = 0;
}

void
ebb_ecp_decoder_set_reject_func (EbbEcpDecoder    *dec,
                                 EbbEcpRejectFunc  func,
                                 void             *user_data)
{
  dec->reject_func = func;
  dec->reject_data = user_data;
}

static void
end_frame (EbbEcpDecoder    *dec,
           EbbEcpPacketFunc  func,
           void             *user_data)
{
  EbbEcpDecodeResult result;
  EbbEcpPacket packet;

  if (dec->overflow)
    result = EBB_ECP_DECODE_ERROR_TOO_LONG;
  else if (dec->len == 0)
    return;   /* §2: any number of 0x00 between frames, not counted */
  else
    result = ebb_ecp_frame_decode (dec->buf, dec->len, &packet);

  dec->counts[result]++;
  if (EBB_ECP_DECODE_IS_ERROR (result))
    {
      if (dec->reject_func != NULL)
        dec->reject_func (result, dec->buf, dec->len, dec->reject_data);
    }
  else if (func != NULL)
    {
      func (&packet, result, user_data);
    }
}

void
ebb_ecp_decoder_feed (EbbEcpDecoder    *dec,
                      const uint8_t    *bytes,
                      size_t            n,
                      EbbEcpPacketFunc  func,
                      void             *user_data)
{
  size_t i = 0;

  while (i < n)
    {
      const uint8_t *zero = memchr (bytes + i, 0x00, n - i);
      size_t run = (zero != NULL ? (size_t) (zero - bytes) : n) - i;

      /* Copy what fits; a frame that outgrows the buffer is marked and its
       * remaining bytes are skipped until the delimiter. */
      if (!dec->overflow)
        {
          if (run > sizeof dec->buf - dec->len)
            {
              memcpy (dec->buf + dec->len, bytes + i, sizeof dec->buf - dec->len);
              dec->len = sizeof dec->buf;
              dec->overflow = 1;
            }
          else
            {
              memcpy (dec->buf + dec->len, bytes + i, run);
              dec->len += run;
            }
        }
      i += run;

      if (zero != NULL)
        {
          end_frame (dec, func, user_data);
          dec->len = 0;
          dec->overflow = 0;
          i++;
        }
    }
}

uint64_t
ebb_ecp_decoder_get_frames_ok (const EbbEcpDecoder *dec)
{
  return dec->counts[EBB_ECP_DECODE_OK] + dec->counts[EBB_ECP_DECODE_UNKNOWN_TYPE];
}

uint64_t
ebb_ecp_decoder_get_frames_bad (const EbbEcpDecoder *dec)
{
  uint64_t bad = 0;

  for (int r = EBB_ECP_DECODE_ERROR_COBS; r < EBB_ECP_DECODE_N_RESULTS; r++)
    bad += dec->counts[r];
  return bad;
}
