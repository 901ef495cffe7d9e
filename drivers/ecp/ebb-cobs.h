/* ebb-cobs.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Canonical Consistent Overhead Byte Stuffing (Cheshire & Baker, 1999), as
 * ECP-1 §2 frames every packet. Plain C over caller buffers: no allocation,
 * no GLib, so the fuzz target links nothing else.
 */

/**
 * EBB_COBS_MAX_ENCODED:
 * @len: number of bytes to encode
 *
 * An upper bound of the encoded size of @len bytes (without the delimiter):
 * one code byte per started block of 254 bytes, plus one.
 */
#define EBB_COBS_MAX_ENCODED(len) ((len) + (len) / 254 + 1)

/**
 * ebb_cobs_encode:
 * @src: (array length=len): bytes to encode, may contain 0x00
 * @len: number of bytes in @src
 * @dst: (out caller-allocates): where the encoding goes; it never contains 0x00
 * @dst_size: size of @dst
 *
 * Encodes canonically: a run of 254 non-zero bytes ends its block with code
 * 0xFF and no extra code byte follows when the data ends there. The 0x00
 * delimiter is not written.
 *
 * @return: the number of bytes written (at least 1), or 0 when @dst is too small
 */
size_t ebb_cobs_encode (const uint8_t *src,
                        size_t         len,
                        uint8_t       *dst,
                        size_t         dst_size);

/**
 * ebb_cobs_decode:
 * @src: (array length=len): one encoded frame, without its delimiter
 * @len: number of bytes in @src
 * @dst: (out caller-allocates): where the decoded bytes go
 * @dst_size: size of @dst
 * @decoded_len: (out): number of bytes written to @dst
 *
 * Decodes one frame. It fails on an empty frame, a 0x00 byte inside the
 * frame, a code byte that points past the end, or when @dst is too small.
 * A block code 0x01 right after a final 0xFF block (what a non-canonical
 * encoder appends) decodes to nothing, so such frames are accepted: the CRC,
 * not the encoding, decides whether a frame is good.
 *
 * @return: true on success
 */
bool ebb_cobs_decode (const uint8_t *src,
                      size_t         len,
                      uint8_t       *dst,
                      size_t         dst_size,
                      size_t        *decoded_len);
