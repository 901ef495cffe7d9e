/* ebb-ecp-packet.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ebb-ecp-packet.h"

#include "ebb-cobs.h"
#include "ebb-crc16.h"

#include <stdio.h>
#include <string.h>

/* A cursor over a byte buffer. Writers and readers stop at the end and
 * remember that they did, so a payload is checked once, at the end, rather
 * than at every field. */
typedef struct
{
  uint8_t *data;
  size_t   size;
  size_t   pos;
  bool     overrun;
} Writer;

typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         pos;
  bool           overrun;
} Reader;

static void
put_u8 (Writer  *w,
        uint8_t  v)
{
  if (w->pos >= w->size)
    {
      w->overrun = true;
      return;
    }
  w->data[w->pos++] = v;
}

static void
put_u16 (Writer   *w,
         uint16_t  v)
{
  put_u8 (w, (uint8_t) (v & 0xFF));
  put_u8 (w, (uint8_t) (v >> 8));
}

static void
put_u32 (Writer   *w,
         uint32_t  v)
{
  put_u16 (w, (uint16_t) (v & 0xFFFF));
  put_u16 (w, (uint16_t) (v >> 16));
}

static void
put_string (Writer             *w,
            const EbbEcpString *s)
{
  if (s->len > EBB_ECP_MAX_STRING)
    {
      w->overrun = true;
      return;
    }
  put_u8 (w, s->len);
  for (uint8_t i = 0; i < s->len; i++)
    put_u8 (w, (uint8_t) s->str[i]);
}

static uint8_t
get_u8 (Reader *r)
{
  if (r->pos >= r->size)
    {
      r->overrun = true;
      return 0;
    }
  return r->data[r->pos++];
}

static uint16_t
get_u16 (Reader *r)
{
  uint16_t lo = get_u8 (r);
  uint16_t hi = get_u8 (r);

  return (uint16_t) (lo | (hi << 8));
}

static uint32_t
get_u32 (Reader *r)
{
  uint32_t lo = get_u16 (r);
  uint32_t hi = get_u16 (r);

  return lo | (hi << 16);
}

static void
get_string (Reader       *r,
            EbbEcpString *s)
{
  uint8_t len = get_u8 (r);

  memset (s, 0, sizeof *s);
  if (len > EBB_ECP_MAX_STRING || len > r->size - r->pos)
    {
      r->overrun = true;
      return;
    }
  s->len = len;
  memcpy (s->str, r->data + r->pos, len);
  r->pos += len;
}

bool
ebb_ecp_message_type_is_known (uint8_t type)
{
  return ebb_ecp_message_type_is_command (type) ||
         (type >= EBB_ECP_MSG_ACK && type <= EBB_ECP_MSG_STATUS);
}

bool
ebb_ecp_message_type_is_command (uint8_t type)
{
  return type >= EBB_ECP_MSG_HELLO && type <= EBB_ECP_MSG_BYE;
}

int
ebb_ecp_payload_size (uint8_t type)
{
  switch ((EbbEcpMessageType) type)
    {
    case EBB_ECP_MSG_HELLO:        return 6;
    case EBB_ECP_MSG_HEARTBEAT:    return 0;
    case EBB_ECP_MSG_STREAM:       return 2;
    case EBB_ECP_MSG_SET_TARGET:   return 6;
    case EBB_ECP_MSG_VENT:         return 0;
    case EBB_ECP_MSG_CLEAR_FAULTS: return 0;
    case EBB_ECP_MSG_GET_STATUS:   return 0;
    case EBB_ECP_MSG_BYE:          return 0;
    case EBB_ECP_MSG_ACK:          return 4;
    case EBB_ECP_MSG_IDENT:        return -1;
    case EBB_ECP_MSG_TELEMETRY:    return 18;
    case EBB_ECP_MSG_EVENT:        return 10;
    case EBB_ECP_MSG_STATUS:       return 26;
    default:                       return -1;
    }
}

bool
ebb_ecp_string_set (EbbEcpString *s,
                    const char   *text)
{
  size_t len = strlen (text);
  bool whole = len <= EBB_ECP_MAX_STRING;

  if (!whole)
    {
      len = EBB_ECP_MAX_STRING;
      /* Do not cut a multi-byte character: back up over continuation
       * bytes to the start of the character that did not fit. */
      while (len > 0 && ((uint8_t) text[len] & 0xC0) == 0x80)
        len--;
    }

  memset (s, 0, sizeof *s);
  s->len = (uint8_t) len;
  memcpy (s->str, text, len);
  return whole;
}

static void
put_payload (Writer             *w,
             const EbbEcpPacket *p)
{
  switch ((EbbEcpMessageType) p->type)
    {
    case EBB_ECP_MSG_HELLO:
      put_u8 (w, p->hello.proto_major);
      put_u8 (w, p->hello.proto_minor);
      put_u32 (w, p->hello.host_nonce);
      break;

    case EBB_ECP_MSG_HEARTBEAT:
    case EBB_ECP_MSG_VENT:
    case EBB_ECP_MSG_CLEAR_FAULTS:
    case EBB_ECP_MSG_GET_STATUS:
    case EBB_ECP_MSG_BYE:
      break;

    case EBB_ECP_MSG_STREAM:
      put_u16 (w, p->stream.rate_hz);
      break;

    case EBB_ECP_MSG_SET_TARGET:
      put_u32 (w, (uint32_t) p->set_target.target_pa);
      put_u16 (w, p->set_target.ramp_pa_per_s);
      break;

    case EBB_ECP_MSG_ACK:
      put_u16 (w, p->ack.acked_seq);
      put_u8 (w, p->ack.acked_type);
      put_u8 (w, p->ack.result);
      break;

    case EBB_ECP_MSG_IDENT:
      put_u8 (w, p->ident.proto_major);
      put_u8 (w, p->ident.proto_minor);
      put_u32 (w, p->ident.host_nonce);
      put_string (w, &p->ident.model);
      put_string (w, &p->ident.serial);
      put_string (w, &p->ident.firmware);
      put_u32 (w, (uint32_t) p->ident.floor_pa);
      put_u16 (w, p->ident.watchdog_ms);
      put_u16 (w, p->ident.max_rate_hz);
      put_u32 (w, p->ident.capabilities);
      break;

    case EBB_ECP_MSG_TELEMETRY:
      put_u32 (w, p->telemetry.device_ms);
      put_u32 (w, (uint32_t) p->telemetry.pressure_pa);
      put_u32 (w, (uint32_t) p->telemetry.target_pa);
      put_u8 (w, p->telemetry.pump_pct);
      put_u8 (w, p->telemetry.vent_open);
      put_u16 (w, p->telemetry.flags);
      put_u16 (w, p->telemetry.faults);
      break;

    case EBB_ECP_MSG_EVENT:
      put_u32 (w, p->event.device_ms);
      put_u16 (w, p->event.code);
      put_u32 (w, (uint32_t) p->event.value);
      break;

    case EBB_ECP_MSG_STATUS:
      put_u16 (w, p->status.flags);
      put_u16 (w, p->status.faults);
      put_u32 (w, (uint32_t) p->status.pressure_pa);
      put_u32 (w, (uint32_t) p->status.target_pa);
      put_u32 (w, p->status.uptime_ms);
      put_u16 (w, p->status.stream_rate_hz);
      put_u32 (w, p->status.frames_ok);
      put_u32 (w, p->status.frames_bad);
      break;

    default:
      if (p->payload_len > EBB_ECP_MAX_PAYLOAD)
        {
          w->overrun = true;
          break;
        }
      for (size_t i = 0; i < p->payload_len; i++)
        put_u8 (w, p->raw[i]);
      break;
    }
}

size_t
ebb_ecp_packet_encode (const EbbEcpPacket *p,
                       uint8_t            *packet,
                       size_t              size)
{
  Writer w = { packet, size, 0, false };
  uint16_t crc;

  if (p == NULL || packet == NULL)
    return 0;

  put_u8 (&w, EBB_ECP_MAGIC);
  put_u8 (&w, p->type);
  put_u16 (&w, p->seq);
  put_payload (&w, p);
  if (w.overrun || w.pos - EBB_ECP_HEADER_SIZE > EBB_ECP_MAX_PAYLOAD)
    return 0;

  crc = ebb_crc16_ccitt_false (packet, w.pos);
  put_u16 (&w, crc);
  if (w.overrun)
    return 0;

  return w.pos;
}

size_t
ebb_ecp_frame_encode (const EbbEcpPacket *p,
                      uint8_t            *frame,
                      size_t              size)
{
  uint8_t packet[EBB_ECP_MAX_PACKET];
  size_t packet_len;
  size_t frame_len;

  if (frame == NULL)
    return 0;

  packet_len = ebb_ecp_packet_encode (p, packet, sizeof packet);
  if (packet_len == 0 || size < 1)
    return 0;

  frame_len = ebb_cobs_encode (packet, packet_len, frame, size - 1);
  if (frame_len == 0)
    return 0;

  frame[frame_len++] = 0x00;
  return frame_len;
}

static void
get_payload (Reader       *r,
             EbbEcpPacket *out)
{
  switch ((EbbEcpMessageType) out->type)
    {
    case EBB_ECP_MSG_HELLO:
      out->hello.proto_major = get_u8 (r);
      out->hello.proto_minor = get_u8 (r);
      out->hello.host_nonce = get_u32 (r);
      break;

    case EBB_ECP_MSG_HEARTBEAT:
    case EBB_ECP_MSG_VENT:
    case EBB_ECP_MSG_CLEAR_FAULTS:
    case EBB_ECP_MSG_GET_STATUS:
    case EBB_ECP_MSG_BYE:
      break;

    case EBB_ECP_MSG_STREAM:
      out->stream.rate_hz = get_u16 (r);
      break;

    case EBB_ECP_MSG_SET_TARGET:
      out->set_target.target_pa = (int32_t) get_u32 (r);
      out->set_target.ramp_pa_per_s = get_u16 (r);
      break;

    case EBB_ECP_MSG_ACK:
      out->ack.acked_seq = get_u16 (r);
      out->ack.acked_type = get_u8 (r);
      out->ack.result = get_u8 (r);
      break;

    case EBB_ECP_MSG_IDENT:
      out->ident.proto_major = get_u8 (r);
      out->ident.proto_minor = get_u8 (r);
      out->ident.host_nonce = get_u32 (r);
      get_string (r, &out->ident.model);
      get_string (r, &out->ident.serial);
      get_string (r, &out->ident.firmware);
      out->ident.floor_pa = (int32_t) get_u32 (r);
      out->ident.watchdog_ms = get_u16 (r);
      out->ident.max_rate_hz = get_u16 (r);
      out->ident.capabilities = get_u32 (r);
      break;

    case EBB_ECP_MSG_TELEMETRY:
      out->telemetry.device_ms = get_u32 (r);
      out->telemetry.pressure_pa = (int32_t) get_u32 (r);
      out->telemetry.target_pa = (int32_t) get_u32 (r);
      out->telemetry.pump_pct = get_u8 (r);
      out->telemetry.vent_open = get_u8 (r);
      out->telemetry.flags = get_u16 (r);
      out->telemetry.faults = get_u16 (r);
      break;

    case EBB_ECP_MSG_EVENT:
      out->event.device_ms = get_u32 (r);
      out->event.code = get_u16 (r);
      out->event.value = (int32_t) get_u32 (r);
      break;

    case EBB_ECP_MSG_STATUS:
      out->status.flags = get_u16 (r);
      out->status.faults = get_u16 (r);
      out->status.pressure_pa = (int32_t) get_u32 (r);
      out->status.target_pa = (int32_t) get_u32 (r);
      out->status.uptime_ms = get_u32 (r);
      out->status.stream_rate_hz = get_u16 (r);
      out->status.frames_ok = get_u32 (r);
      out->status.frames_bad = get_u32 (r);
      break;

    default:
      memcpy (out->raw, r->data, r->size);
      r->pos = r->size;
      break;
    }
}

EbbEcpDecodeResult
ebb_ecp_packet_decode (const uint8_t *packet,
                       size_t         len,
                       EbbEcpPacket  *out)
{
  size_t payload_len;
  uint16_t crc;
  Reader r;

  memset (out, 0, sizeof *out);

  if (len < EBB_ECP_MIN_PACKET)
    return EBB_ECP_DECODE_ERROR_SHORT;
  if (packet[0] != EBB_ECP_MAGIC)
    return EBB_ECP_DECODE_ERROR_MAGIC;

  crc = (uint16_t) (packet[len - 2] | (packet[len - 1] << 8));
  if (crc != ebb_crc16_ccitt_false (packet, len - EBB_ECP_CRC_SIZE))
    return EBB_ECP_DECODE_ERROR_CRC;

  payload_len = len - EBB_ECP_MIN_PACKET;
  if (payload_len > EBB_ECP_MAX_PAYLOAD)
    return EBB_ECP_DECODE_ERROR_LENGTH;

  out->type = packet[1];
  out->seq = (uint16_t) (packet[2] | (packet[3] << 8));
  out->payload_len = (uint8_t) payload_len;

  if (ebb_ecp_message_type_is_known (out->type) &&
      ebb_ecp_payload_size (out->type) >= 0 &&
      (size_t) ebb_ecp_payload_size (out->type) != payload_len)
    return EBB_ECP_DECODE_ERROR_LENGTH;

  r = (Reader) { packet + EBB_ECP_HEADER_SIZE, payload_len, 0, false };
  get_payload (&r, out);

  /* Only IDENT is variable: its strings must account for every byte. */
  if (r.overrun || r.pos != r.size)
    {
      uint8_t type = out->type;
      uint16_t seq = out->seq;

      memset (out, 0, sizeof *out);
      out->type = type;
      out->seq = seq;
      out->payload_len = (uint8_t) payload_len;
      return EBB_ECP_DECODE_ERROR_LENGTH;
    }

  return ebb_ecp_message_type_is_known (out->type) ? EBB_ECP_DECODE_OK
                                                    : EBB_ECP_DECODE_UNKNOWN_TYPE;
}

EbbEcpDecodeResult
ebb_ecp_frame_decode (const uint8_t *frame,
                      size_t         len,
                      EbbEcpPacket  *out)
{
  /* A frame of up to 255 bytes can decode to at most 254 bytes; anything
   * beyond 206 then fails the length check, as §2 wants. */
  uint8_t packet[EBB_ECP_MAX_FRAME];
  size_t packet_len;

  memset (out, 0, sizeof *out);

  if (len > EBB_ECP_MAX_FRAME)
    return EBB_ECP_DECODE_ERROR_TOO_LONG;
  if (!ebb_cobs_decode (frame, len, packet, sizeof packet, &packet_len))
    return EBB_ECP_DECODE_ERROR_COBS;

  return ebb_ecp_packet_decode (packet, packet_len, out);
}

const char *
ebb_ecp_message_type_name (uint8_t type)
{
  switch ((EbbEcpMessageType) type)
    {
    case EBB_ECP_MSG_HELLO:        return "HELLO";
    case EBB_ECP_MSG_HEARTBEAT:    return "HEARTBEAT";
    case EBB_ECP_MSG_STREAM:       return "STREAM";
    case EBB_ECP_MSG_SET_TARGET:   return "SET_TARGET";
    case EBB_ECP_MSG_VENT:         return "VENT";
    case EBB_ECP_MSG_CLEAR_FAULTS: return "CLEAR_FAULTS";
    case EBB_ECP_MSG_GET_STATUS:   return "GET_STATUS";
    case EBB_ECP_MSG_BYE:          return "BYE";
    case EBB_ECP_MSG_ACK:          return "ACK";
    case EBB_ECP_MSG_IDENT:        return "IDENT";
    case EBB_ECP_MSG_TELEMETRY:    return "TELEMETRY";
    case EBB_ECP_MSG_EVENT:        return "EVENT";
    case EBB_ECP_MSG_STATUS:       return "STATUS";
    default:                       return "UNKNOWN";
    }
}

const char *
ebb_ecp_result_name (uint8_t result)
{
  switch ((EbbEcpResult) result)
    {
    case EBB_ECP_RESULT_OK:           return "OK";
    case EBB_ECP_RESULT_BAD_PAYLOAD:  return "BAD_PAYLOAD";
    case EBB_ECP_RESULT_OUT_OF_RANGE: return "OUT_OF_RANGE";
    case EBB_ECP_RESULT_FAULT_ACTIVE: return "FAULT_ACTIVE";
    case EBB_ECP_RESULT_UNSUPPORTED:  return "UNSUPPORTED";
    case EBB_ECP_RESULT_LID_OPEN:     return "LID_OPEN";
    default:                          return "UNKNOWN";
    }
}

const char *
ebb_ecp_decode_result_name (EbbEcpDecodeResult result)
{
  switch (result)
    {
    case EBB_ECP_DECODE_OK:             return "ok";
    case EBB_ECP_DECODE_UNKNOWN_TYPE:   return "unknown-type";
    case EBB_ECP_DECODE_ERROR_COBS:     return "cobs";
    case EBB_ECP_DECODE_ERROR_SHORT:    return "short";
    case EBB_ECP_DECODE_ERROR_MAGIC:    return "magic";
    case EBB_ECP_DECODE_ERROR_CRC:      return "crc";
    case EBB_ECP_DECODE_ERROR_LENGTH:   return "length";
    case EBB_ECP_DECODE_ERROR_TOO_LONG: return "too-long";
    default:                            return "unknown";
    }
}

const char *
ebb_ecp_fault_name (unsigned bit)
{
  static const char * const names[EBB_ECP_N_FAULTS] = {
    "WATCHDOG", "OVER_VACUUM", "SENSOR", "LEAK",
    "LID_OPENED", "ESTOP", "OVERTEMP", "POWER",
  };

  return bit < EBB_ECP_N_FAULTS ? names[bit] : "UNKNOWN";
}

int
ebb_ecp_packet_format (const EbbEcpPacket *p,
                       char               *buf,
                       size_t              size)
{
  const char *name = ebb_ecp_message_type_name (p->type);

  switch ((EbbEcpMessageType) p->type)
    {
    case EBB_ECP_MSG_HELLO:
      return snprintf (buf, size, "%s seq=%u proto=%u.%u nonce=0x%08x", name, p->seq,
                       p->hello.proto_major, p->hello.proto_minor, p->hello.host_nonce);
    case EBB_ECP_MSG_HEARTBEAT:
    case EBB_ECP_MSG_VENT:
    case EBB_ECP_MSG_CLEAR_FAULTS:
    case EBB_ECP_MSG_GET_STATUS:
    case EBB_ECP_MSG_BYE:
      return snprintf (buf, size, "%s seq=%u", name, p->seq);
    case EBB_ECP_MSG_STREAM:
      return snprintf (buf, size, "%s seq=%u rate_hz=%u", name, p->seq, p->stream.rate_hz);
    case EBB_ECP_MSG_SET_TARGET:
      return snprintf (buf, size, "%s seq=%u target_pa=%d ramp_pa_per_s=%u", name, p->seq,
                       (int) p->set_target.target_pa, p->set_target.ramp_pa_per_s);
    case EBB_ECP_MSG_ACK:
      return snprintf (buf, size, "%s seq=%u acked_seq=%u acked_type=%s result=%s", name, p->seq,
                       p->ack.acked_seq, ebb_ecp_message_type_name (p->ack.acked_type),
                       ebb_ecp_result_name (p->ack.result));
    case EBB_ECP_MSG_IDENT:
      return snprintf (buf, size,
                       "%s seq=%u proto=%u.%u nonce=0x%08x model=%.32s serial=%.32s "
                       "firmware=%.32s floor_pa=%d watchdog_ms=%u max_rate_hz=%u caps=0x%x",
                       name, p->seq, p->ident.proto_major, p->ident.proto_minor,
                       p->ident.host_nonce, p->ident.model.str, p->ident.serial.str,
                       p->ident.firmware.str, (int) p->ident.floor_pa, p->ident.watchdog_ms,
                       p->ident.max_rate_hz, p->ident.capabilities);
    case EBB_ECP_MSG_TELEMETRY:
      return snprintf (buf, size,
                       "%s seq=%u t=%u pressure_pa=%d target_pa=%d pump=%u vent=%u "
                       "flags=0x%04x faults=0x%04x",
                       name, p->seq, p->telemetry.device_ms, (int) p->telemetry.pressure_pa,
                       (int) p->telemetry.target_pa, p->telemetry.pump_pct,
                       p->telemetry.vent_open, p->telemetry.flags, p->telemetry.faults);
    case EBB_ECP_MSG_EVENT:
      return snprintf (buf, size, "%s seq=%u t=%u code=0x%04x value=%d", name, p->seq,
                       p->event.device_ms, p->event.code, (int) p->event.value);
    case EBB_ECP_MSG_STATUS:
      return snprintf (buf, size,
                       "%s seq=%u flags=0x%04x faults=0x%04x pressure_pa=%d target_pa=%d "
                       "uptime_ms=%u rate_hz=%u frames_ok=%u frames_bad=%u",
                       name, p->seq, p->status.flags, p->status.faults,
                       (int) p->status.pressure_pa, (int) p->status.target_pa,
                       p->status.uptime_ms, p->status.stream_rate_hz, p->status.frames_ok,
                       p->status.frames_bad);
    default:
      return snprintf (buf, size, "type=0x%02x seq=%u payload_len=%u", p->type, p->seq,
                       p->payload_len);
    }
}
