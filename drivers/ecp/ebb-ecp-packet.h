/* ebb-ecp-packet.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ebb-ecp-types.h"

/*
 * Encoding and decoding of every ECP/1 message (ECP-1 §2, §4) into and from
 * caller-provided buffers. Pure functions: no allocation, no I/O, no GLib.
 *
 * Unknown message types: a frame whose COBS, length (at most 200 payload
 * bytes), magic and CRC are good but whose type is not one of §4 decodes to
 * EBB_ECP_DECODE_UNKNOWN_TYPE with type, seq and the raw payload filled in.
 * It is not a rejected frame: a device must answer it with ACK UNSUPPORTED
 * (§4.2), which needs its type and sequence number; a host ignores it.
 */

/* Room for any frame this codec writes: the largest packet (206 bytes),
 * COBS overhead as ECP-1 §2 budgets it (2 bytes) and the 0x00 delimiter. */
#define EBB_ECP_MAX_ENCODED_FRAME (EBB_ECP_MAX_PACKET + 2 + 1)

/**
 * EbbEcpDecodeResult:
 * @EBB_ECP_DECODE_OK: a good packet of a known type
 * @EBB_ECP_DECODE_UNKNOWN_TYPE: a good packet of a type §4 does not define;
 *   type, seq, payload_len and raw are valid
 * @EBB_ECP_DECODE_ERROR_COBS: the frame is not valid COBS
 * @EBB_ECP_DECODE_ERROR_SHORT: the packet is shorter than 6 bytes
 * @EBB_ECP_DECODE_ERROR_MAGIC: the first byte is not 0xE1
 * @EBB_ECP_DECODE_ERROR_CRC: the CRC does not match
 * @EBB_ECP_DECODE_ERROR_LENGTH: the payload length does not match its type
 *   (or exceeds 200 bytes, or an IDENT string is longer than 32 bytes)
 * @EBB_ECP_DECODE_ERROR_TOO_LONG: the frame was longer than 255 bytes before
 *   its delimiter
 *
 * The order is that of the checks: the first failing check names the
 * reason. Values index the counters of #EbbEcpDecoder.
 */
typedef enum
{
  EBB_ECP_DECODE_OK = 0,
  EBB_ECP_DECODE_UNKNOWN_TYPE,
  EBB_ECP_DECODE_ERROR_COBS,
  EBB_ECP_DECODE_ERROR_SHORT,
  EBB_ECP_DECODE_ERROR_MAGIC,
  EBB_ECP_DECODE_ERROR_CRC,
  EBB_ECP_DECODE_ERROR_LENGTH,
  EBB_ECP_DECODE_ERROR_TOO_LONG,
} EbbEcpDecodeResult;

#define EBB_ECP_DECODE_N_RESULTS (EBB_ECP_DECODE_ERROR_TOO_LONG + 1)

/* True for results that reject the frame (§2: dropped silently, counted). */
#define EBB_ECP_DECODE_IS_ERROR(r) ((r) >= EBB_ECP_DECODE_ERROR_COBS)

/**
 * EbbEcpString:
 * @len: number of bytes, at most 32 (ECP-1 §3)
 * @str: the bytes, followed by a NUL for convenience
 *
 * A string as it travels. The codec copies bytes and does not check that
 * they are UTF-8; whoever shows them must (g_utf8_make_valid ()). A string
 * with an embedded NUL reads shorter through @str than @len says.
 */
typedef struct
{
  uint8_t len;
  char    str[EBB_ECP_MAX_STRING + 1];
} EbbEcpString;

typedef struct
{
  uint8_t  proto_major;
  uint8_t  proto_minor;
  uint32_t host_nonce;
} EbbEcpHello;

typedef struct
{
  uint16_t rate_hz;
} EbbEcpStream;

typedef struct
{
  int32_t  target_pa;
  uint16_t ramp_pa_per_s;
} EbbEcpSetTarget;

typedef struct
{
  uint16_t acked_seq;
  uint8_t  acked_type;
  uint8_t  result;   /* EbbEcpResult */
} EbbEcpAck;

typedef struct
{
  uint8_t      proto_major;
  uint8_t      proto_minor;
  uint32_t     host_nonce;
  EbbEcpString model;
  EbbEcpString serial;
  EbbEcpString firmware;
  int32_t      floor_pa;
  uint16_t     watchdog_ms;
  uint16_t     max_rate_hz;
  uint32_t     capabilities;
} EbbEcpIdent;

typedef struct
{
  uint32_t device_ms;
  uint16_t code;
  int32_t  value;
} EbbEcpEvent;

typedef struct
{
  uint16_t flags;
  uint16_t faults;
  int32_t  pressure_pa;
  int32_t  target_pa;
  uint32_t uptime_ms;
  uint16_t stream_rate_hz;
  uint32_t frames_ok;
  uint32_t frames_bad;
} EbbEcpStatus;

/**
 * EbbEcpPacket:
 * @type: message type (#EbbEcpMessageType, or any other byte)
 * @seq: the sender's sequence number
 * @payload_len: the payload's length on the wire; set by decoding; read by
 *   encoding only for unknown types (the length of @raw)
 *
 * One packet. The member of the anonymous union that matches @type holds the
 * payload; types without a payload (HEARTBEAT, VENT, CLEAR_FAULTS,
 * GET_STATUS, BYE) use none. @raw is the payload of unknown types.
 */
typedef struct
{
  uint8_t  type;
  uint16_t seq;
  uint8_t  payload_len;
  union
  {
    EbbEcpHello     hello;
    EbbEcpStream    stream;
    EbbEcpSetTarget set_target;
    EbbEcpAck       ack;
    EbbEcpIdent     ident;
    EbbEcpTelemetry telemetry;
    EbbEcpEvent     event;
    EbbEcpStatus    status;
    uint8_t         raw[EBB_ECP_MAX_PAYLOAD];
  };
} EbbEcpPacket;

/**
 * ebb_ecp_message_type_is_known:
 * @type: a message type byte
 *
 * @return: true when ECP-1 §4 defines @type
 */
bool ebb_ecp_message_type_is_known (uint8_t type);

/**
 * ebb_ecp_message_type_is_command:
 * @type: a message type byte
 *
 * @return: true for the host → device types of ECP-1 §4.1
 */
bool ebb_ecp_message_type_is_command (uint8_t type);

/**
 * ebb_ecp_payload_size:
 * @type: a known message type
 *
 * @return: the payload length of @type, or -1 for IDENT (variable, 21 to 117
 *   bytes) and for unknown types
 */
int ebb_ecp_payload_size (uint8_t type);

/**
 * ebb_ecp_string_set:
 * @s: (out caller-allocates): the string to fill
 * @text: a NUL-terminated UTF-8 string
 *
 * Copies @text, cut to at most 32 bytes at a UTF-8 character boundary.
 *
 * @return: true when @text fitted whole
 */
bool ebb_ecp_string_set (EbbEcpString *s,
                         const char   *text);

/**
 * ebb_ecp_packet_encode:
 * @p: the packet to encode
 * @packet: (out caller-allocates): where the raw packet (header, payload,
 *   CRC) goes
 * @size: size of @packet; EBB_ECP_MAX_PACKET always suffices
 *
 * @return: the number of bytes written, or 0 when @size is too small or @p
 *   cannot be encoded (a string longer than 32 bytes, a raw payload longer
 *   than 200 bytes)
 */
size_t ebb_ecp_packet_encode (const EbbEcpPacket *p,
                              uint8_t            *packet,
                              size_t              size);

/**
 * ebb_ecp_frame_encode:
 * @p: the packet to encode
 * @frame: (out caller-allocates): where the wire bytes go
 * @size: size of @frame; EBB_ECP_MAX_ENCODED_FRAME always suffices
 *
 * Encodes @p as it travels: the COBS-encoded packet and the 0x00 delimiter.
 *
 * @return: the number of bytes written, or 0 as ebb_ecp_packet_encode()
 */
size_t ebb_ecp_frame_encode (const EbbEcpPacket *p,
                             uint8_t            *frame,
                             size_t              size);

/**
 * ebb_ecp_packet_decode:
 * @packet: (array length=len): one raw packet (COBS already undone)
 * @len: its length
 * @out: (out caller-allocates): the decoded packet
 *
 * Checks, in this order, length ≥ 6, magic, CRC and the payload length of
 * the type, then decodes the payload. On an error @out is cleared except
 * that, once the magic and CRC checked out, type, seq and payload_len are
 * set (for logs).
 *
 * @return: the outcome
 */
EbbEcpDecodeResult ebb_ecp_packet_decode (const uint8_t *packet,
                                          size_t         len,
                                          EbbEcpPacket  *out);

/**
 * ebb_ecp_frame_decode:
 * @frame: (array length=len): one frame as received, without its delimiter
 * @len: its length, at least 1
 * @out: (out caller-allocates): the decoded packet
 *
 * Rejects frames longer than 255 bytes, undoes COBS and decodes the packet.
 *
 * @return: the outcome
 */
EbbEcpDecodeResult ebb_ecp_frame_decode (const uint8_t *frame,
                                         size_t         len,
                                         EbbEcpPacket  *out);

/**
 * ebb_ecp_message_type_name:
 * @type: a message type byte
 *
 * @return: the §4 name ("SET_TARGET"), or "UNKNOWN"
 */
const char *ebb_ecp_message_type_name (uint8_t type);

/**
 * ebb_ecp_result_name:
 * @result: an ACK result
 *
 * @return: the §4.2 name ("OUT_OF_RANGE"), or "UNKNOWN"
 */
const char *ebb_ecp_result_name (uint8_t result);

/**
 * ebb_ecp_decode_result_name:
 * @result: a decode result
 *
 * @return: a short lower-case name ("crc", "too-long")
 */
const char *ebb_ecp_decode_result_name (EbbEcpDecodeResult result);

/**
 * ebb_ecp_fault_name:
 * @bit: a fault bit number, 0 to 15
 *
 * @return: the §4.2 name ("OVER_VACUUM"), or "UNKNOWN"
 */
const char *ebb_ecp_fault_name (unsigned bit);

/**
 * ebb_ecp_packet_format:
 * @p: a decoded packet
 * @buf: (out caller-allocates): where the text goes, always NUL-terminated
 * @size: size of @buf; 256 bytes hold any packet
 *
 * Describes @p on one line for logs and service tools, e.g.
 * `SET_TARGET seq=4 target_pa=-5333 ramp_pa_per_s=2000`.
 *
 * @return: the length of the text (as snprintf)
 */
int ebb_ecp_packet_format (const EbbEcpPacket *p,
                           char               *buf,
                           size_t              size);
