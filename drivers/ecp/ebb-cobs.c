/* ebb-cobs.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ebb-cobs.h"

size_t
ebb_cobs_encode (const uint8_t *src,
                 size_t         len,
                 uint8_t       *dst,
                 size_t         dst_size)
{
  size_t code_at = 0;
  size_t out = 1;
  uint8_t code = 1;

  if (dst == NULL || dst_size < 1)
    return 0;

  for (size_t i = 0; i < len; i++)
    {
      if (src[i] == 0x00)
        {
          dst[code_at] = code;
          code_at = out++;
          code = 1;
        }
      else
        {
          if (out >= dst_size)
            return 0;
          dst[out++] = src[i];
          code++;
          /* A full block of 254 data bytes carries no implied zero. It only
           * opens a new block when more data follows: that is what makes the
           * encoding canonical (ECP-1 §2). */
          if (code == 0xFF && i + 1 < len)
            {
              dst[code_at] = code;
              code_at = out++;
              code = 1;
            }
        }

      if (code_at >= dst_size)
        return 0;
    }

  dst[code_at] = code;
  return out;
}

bool
ebb_cobs_decode (const uint8_t *src,
                 size_t         len,
                 uint8_t       *dst,
                 size_t         dst_size,
                 size_t        *decoded_len)
{
  size_t in = 0;
  size_t out = 0;

  *decoded_len = 0;
  if (len == 0)
    return false;

  while (in < len)
    {
      uint8_t code = src[in++];

      if (code == 0x00 || (size_t) (code - 1) > len - in)
        return false;

      for (uint8_t k = 1; k < code; k++)
        {
          if (src[in] == 0x00 || out >= dst_size)
            return false;
          dst[out++] = src[in++];
        }

      /* Every block but the last, and but a full one, ends in a zero. */
      if (code != 0xFF && in < len)
        {
          if (out >= dst_size)
            return false;
          dst[out++] = 0x00;
        }
    }

  *decoded_len = out;
  return true;
}
