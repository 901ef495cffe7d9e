/* ebb-crc16.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ebb-crc16.h"

/* A table-driven CRC would be faster, but frames are at most 206 bytes at
 * 200 Hz; the bitwise form is obviously correct and costs well under 1 µs. */
uint16_t
ebb_crc16_ccitt_false (const uint8_t *data,
                       size_t         len)
{
  uint16_t crc = 0xFFFF;

  for (size_t i = 0; i < len; i++)
    {
      crc ^= (uint16_t) data[i] << 8;
      for (int bit = 0; bit < 8; bit++)
        crc = (crc & 0x8000) ? (uint16_t) ((crc << 1) ^ 0x1021) : (uint16_t) (crc << 1);
    }

  return crc;
}
