/* ebb-crc16.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

/**
 * ebb_crc16_ccitt_false:
 * @data: (array length=len): bytes to check
 * @len: number of bytes
 *
 * CRC-16/CCITT-FALSE as ECP-1 §2 specifies it: polynomial 0x1021, initial
 * value 0xFFFF, no reflection, no final XOR. The check value of ASCII
 * "123456789" is 0x29B1.
 *
 * @return: the CRC
 */
uint16_t ebb_crc16_ccitt_false (const uint8_t *data,
                                size_t         len);
