/* ebb-ecp-decoder.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ebb-ecp-packet.h"

/*
 * The streaming ECP/1 receiver of §2: takes bytes in chunks of any size,
 * splits them at 0x00, decodes each frame and counts every outcome. Plain C,
 * no allocation: embed an EbbEcpDecoder in the owner's struct or on the
 * stack.
 */

/**
 * EbbEcpPacketFunc:
 * @packet: the decoded packet, valid only during the call
 * @result: EBB_ECP_DECODE_OK or EBB_ECP_DECODE_UNKNOWN_TYPE
 * @user_data: as passed to ebb_ecp_decoder_feed()
 *
 * Receives each good frame.
 */
typedef void (*EbbEcpPacketFunc) (const EbbEcpPacket *packet,
                                  EbbEcpDecodeResult  result,
                                  void               *user_data);

/**
 * EbbEcpRejectFunc:
 * @result: why the frame was dropped (an EBB_ECP_DECODE_ERROR_*)
 * @frame: the frame's bytes as far as kept (at most 255), without delimiter
 * @len: their number
 * @user_data: as passed to ebb_ecp_decoder_set_reject_func()
 *
 * Optional: hears of every dropped frame, for logs.
 */
typedef void (*EbbEcpRejectFunc) (EbbEcpDecodeResult  result,
                                  const uint8_t      *frame,
                                  size_t              len,
                                  void               *user_data);

/**
 * EbbEcpDecoder:
 * @counts: frames per outcome, indexed by #EbbEcpDecodeResult:
 *   counts[EBB_ECP_DECODE_OK] good frames of known types,
 *   counts[EBB_ECP_DECODE_UNKNOWN_TYPE] good frames of unknown types,
 *   the rest rejected frames by reason. Empty frames are not counted.
 *
 * Treat the other fields as private. Initialise with ebb_ecp_decoder_init().
 */
typedef struct
{
  uint64_t         counts[EBB_ECP_DECODE_N_RESULTS];

  /*< private >*/
  uint8_t          buf[EBB_ECP_MAX_FRAME];
  size_t           len;
  int              overflow;
  EbbEcpRejectFunc reject_func;
  void            *reject_data;
} EbbEcpDecoder;

/**
 * ebb_ecp_decoder_init:
 * @dec: the decoder
 *
 * Clears counters and any partial frame.
 */
void ebb_ecp_decoder_init (EbbEcpDecoder *dec);

/**
 * ebb_ecp_decoder_discard:
 * @dec: the decoder
 *
 * Drops a partial frame (after discarding port input, or a reconnect); the
 * next byte starts a new frame. Counters stay. The dropped bytes are not
 * counted: they never reached a delimiter.
 */
void ebb_ecp_decoder_discard (EbbEcpDecoder *dec);

/**
 * ebb_ecp_decoder_set_reject_func:
 * @dec: the decoder
 * @func: (nullable): called for every rejected frame
 * @user_data: passed to @func
 */
void ebb_ecp_decoder_set_reject_func (EbbEcpDecoder    *dec,
                                      EbbEcpRejectFunc  func,
                                      void             *user_data);

/**
 * ebb_ecp_decoder_feed:
 * @dec: the decoder
 * @bytes: (array length=n): bytes as they arrived
 * @n: their number
 * @func: called for every good frame, in order
 * @user_data: passed to @func
 *
 * Frames end at 0x00. A frame longer than 255 bytes is dropped when its
 * delimiter arrives (counted as EBB_ECP_DECODE_ERROR_TOO_LONG), so the
 * decoder resynchronises at the next 0x00 whatever came before. @func may
 * call ebb_ecp_decoder_discard() but must not feed @dec.
 */
void ebb_ecp_decoder_feed (EbbEcpDecoder    *dec,
                           const uint8_t    *bytes,
                           size_t            n,
                           EbbEcpPacketFunc  func,
                           void             *user_data);

/**
 * ebb_ecp_decoder_get_frames_ok:
 * @dec: the decoder
 *
 * @return: good frames, of known and unknown types
 */
uint64_t ebb_ecp_decoder_get_frames_ok (const EbbEcpDecoder *dec);

/**
 * ebb_ecp_decoder_get_frames_bad:
 * @dec: the decoder
 *
 * @return: rejected frames, all reasons together
 */
uint64_t ebb_ecp_decoder_get_frames_bad (const EbbEcpDecoder *dec);
