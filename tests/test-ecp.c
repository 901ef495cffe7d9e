/* test-ecp.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ecp"

#include "config.h"

#include "ebb-cobs.h"
#include "ebb-crc16.h"
#include "ebb-ecp-decoder.h"
#include "ebb-ecp-packet.h"

#include <glib.h>
#include <string.h>

/* Fixed, so a failing random case can be replayed. */
#define RANDOM_SEED 20260401

static GBytes *
hex (const char *text)
{
  GByteArray *bytes = g_byte_array_new ();

  for (const char *p = text; *p != '\0';)
    {
      guint8 b;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      g_assert_true (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]));
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (bytes, &b, 1);
      p += 2;
    }

  return g_byte_array_free_to_bytes (bytes);
}

/* ECP-1 §6, verbatim. */
typedef struct
{
  const char *name;
  const char *frame;
  void (*fill) (EbbEcpPacket *p);
} Vector;

static void
fill_hello (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_HELLO;
  p->seq = 1;
  p->payload_len = 6;
  p->hello.proto_major = 1;
  p->hello.proto_minor = 0;
  p->hello.host_nonce = 0x12345678;
}

static void
fill_heartbeat (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_HEARTBEAT;
  p->seq = 2;
}

static void
fill_stream (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_STREAM;
  p->seq = 3;
  p->payload_len = 2;
  p->stream.rate_hz = 100;
}

static void
fill_set_target (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_SET_TARGET;
  p->seq = 4;
  p->payload_len = 6;
  p->set_target.target_pa = -5333;
  p->set_target.ramp_pa_per_s = 2000;
}

static void
fill_vent (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_VENT;
  p->seq = 256;
}

static void
fill_clear_faults (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_CLEAR_FAULTS;
  p->seq = 6;
}

static void
fill_get_status (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_GET_STATUS;
  p->seq = 5;
}

static void
fill_bye (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_BYE;
  p->seq = 9;
}

static void
fill_ack_ok (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_ACK;
  p->seq = 7;
  p->payload_len = 4;
  p->ack.acked_seq = 4;
  p->ack.acked_type = EBB_ECP_MSG_SET_TARGET;
  p->ack.result = EBB_ECP_RESULT_OK;
}

static void
fill_ack_out_of_range (EbbEcpPacket *p)
{
  fill_ack_ok (p);
  p->ack.result = EBB_ECP_RESULT_OUT_OF_RANGE;
}

static void
fill_ident (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_IDENT;
  p->seq = 1;
  p->payload_len = 44;
  p->ident.proto_major = 1;
  p->ident.proto_minor = 0;
  p->ident.host_nonce = 0x12345678;
  g_assert_true (ebb_ecp_string_set (&p->ident.model, "EBB-INP-1"));
  g_assert_true (ebb_ecp_string_set (&p->ident.serial, "SN-000123"));
  g_assert_true (ebb_ecp_string_set (&p->ident.firmware, "1.4.2"));
  p->ident.floor_pa = -10666;
  p->ident.watchdog_ms = 1000;
  p->ident.max_rate_hz = 200;
  p->ident.capabilities = 0x0F;
}

static void
fill_telemetry (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_TELEMETRY;
  p->seq = 10;
  p->payload_len = 18;
  p->telemetry.device_ms = 123456;
  p->telemetry.pressure_pa = -5301;
  p->telemetry.target_pa = -5333;
  p->telemetry.pump_pct = 37;
  p->telemetry.vent_open = 0;
  p->telemetry.flags = 0x0069;
  p->telemetry.faults = 0;
}

static void
fill_event (EbbEcpPacket *p)
{
  p->type = EBB_ECP_MSG_EVENT;
  p->seq = 11;
  p->payload_len = 10;
  p->event.device_ms = 123500;
  p->event.code = EBB_ECP_EVENT_FAULT_RAISED (1);
  p->event.value = -11400;
}

static const Vector vectors[] = {
  { "hello", "04 e1 01 01 02 01 07 78 56 34 12 f5 18 00", fill_hello },
  { "heartbeat", "04 e1 02 02 03 9c 7e 00", fill_heartbeat },
  { "stream", "04 e1 03 03 02 64 03 68 72 00", fill_stream },
  { "set-target", "04 e1 04 04 09 2b eb ff ff d0 07 84 72 00", fill_set_target },
  { "vent", "03 e1 05 04 01 4f 8d 00", fill_vent },
  { "clear-faults", "04 e1 06 06 03 98 6e 00", fill_clear_faults },
  { "get-status", "04 e1 07 05 03 fb 0c 00", fill_get_status },
  { "bye", "04 e1 08 09 03 a7 65 00", fill_bye },
  { "ack-ok", "04 e1 80 07 02 04 02 04 03 59 63 00", fill_ack_ok },
  { "ack-out-of-range", "04 e1 80 07 02 04 05 04 02 1b 43 00", fill_ack_out_of_range },
  { "ident",
    "04 e1 81 01 02 01 26 78 56 34 12 09 45 42 42 2d 49 4e 50 2d 31 09 53 4e 2d 30 30 30 "
    "31 32 33 05 31 2e 34 2e 32 56 d6 ff ff e8 03 c8 02 0f 01 01 03 62 eb 00",
    fill_ident },
  { "telemetry",
    "04 e1 82 0a 04 40 e2 01 0a 4b eb ff ff 2b eb ff ff 25 02 69 01 01 03 df c9 00",
    fill_telemetry },
  { "event", "04 e1 83 0b 04 6c e2 01 09 01 01 78 d3 ff ff f1 34 00", fill_event },
};

static void
assert_string_equal (const EbbEcpString *a,
                     const EbbEcpString *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->str, a->len, b->str, b->len);
  g_assert_cmpint (a->str[a->len], ==, '\0');
}

/* Field by field, so a failure names the field. */
static void
assert_packet_equal (const EbbEcpPacket *a,
                     const EbbEcpPacket *b)
{
  g_assert_cmpuint (a->type, ==, b->type);
  g_assert_cmpuint (a->seq, ==, b->seq);
  g_assert_cmpuint (a->payload_len, ==, b->payload_len);

  switch (a->type)
    {
    case EBB_ECP_MSG_HELLO:
      g_assert_cmpuint (a->hello.proto_major, ==, b->hello.proto_major);
      g_assert_cmpuint (a->hello.proto_minor, ==, b->hello.proto_minor);
      g_assert_cmphex (a->hello.host_nonce, ==, b->hello.host_nonce);
      break;
    case EBB_ECP_MSG_STREAM:
      g_assert_cmpuint (a->stream.rate_hz, ==, b->stream.rate_hz);
      break;
    case EBB_ECP_MSG_SET_TARGET:
      g_assert_cmpint (a->set_target.target_pa, ==, b->set_target.target_pa);
      g_assert_cmpuint (a->set_target.ramp_pa_per_s, ==, b->set_target.ramp_pa_per_s);
      break;
    case EBB_ECP_MSG_ACK:
      g_assert_cmpuint (a->ack.acked_seq, ==, b->ack.acked_seq);
      g_assert_cmpuint (a->ack.acked_type, ==, b->ack.acked_type);
      g_assert_cmpuint (a->ack.result, ==, b->ack.result);
      break;
    case EBB_ECP_MSG_IDENT:
      g_assert_cmpuint (a->ident.proto_major, ==, b->ident.proto_major);
      g_assert_cmpuint (a->ident.proto_minor, ==, b->ident.proto_minor);
      g_assert_cmphex (a->ident.host_nonce, ==, b->ident.host_nonce);
      assert_string_equal (&a->ident.model, &b->ident.model);
      assert_string_equal (&a->ident.serial, &b->ident.serial);
      assert_string_equal (&a->ident.firmware, &b->ident.firmware);
      g_assert_cmpint (a->ident.floor_pa, ==, b->ident.floor_pa);
      g_assert_cmpuint (a->ident.watchdog_ms, ==, b->ident.watchdog_ms);
      g_assert_cmpuint (a->ident.max_rate_hz, ==, b->ident.max_rate_hz);
      g_assert_cmphex (a->ident.capabilities, ==, b->ident.capabilities);
      break;
    case EBB_ECP_MSG_TELEMETRY:
      g_assert_cmpuint (a->telemetry.device_ms, ==, b->telemetry.device_ms);
      g_assert_cmpint (a->telemetry.pressure_pa, ==, b->telemetry.pressure_pa);
      g_assert_cmpint (a->telemetry.target_pa, ==, b->telemetry.target_pa);
      g_assert_cmpuint (a->telemetry.pump_pct, ==, b->telemetry.pump_pct);
      g_assert_cmpuint (a->telemetry.vent_open, ==, b->telemetry.vent_open);
      g_assert_cmphex (a->telemetry.flags, ==, b->telemetry.flags);
      g_assert_cmphex (a->telemetry.faults, ==, b->telemetry.faults);
      break;
    case EBB_ECP_MSG_EVENT:
      g_assert_cmpuint (a->event.device_ms, ==, b->event.device_ms);
      g_assert_cmphex (a->event.code, ==, b->event.code);
      g_assert_cmpint (a->event.value, ==, b->event.value);
      break;
    case EBB_ECP_MSG_STATUS:
      g_assert_cmphex (a->status.flags, ==, b->status.flags);
      g_assert_cmphex (a->status.faults, ==, b->status.faults);
      g_assert_cmpint (a->status.pressure_pa, ==, b->status.pressure_pa);
      g_assert_cmpint (a->status.target_pa, ==, b->status.target_pa);
      g_assert_cmpuint (a->status.uptime_ms, ==, b->status.uptime_ms);
      g_assert_cmpuint (a->status.stream_rate_hz, ==, b->status.stream_rate_hz);
      g_assert_cmpuint (a->status.frames_ok, ==, b->status.frames_ok);
      g_assert_cmpuint (a->status.frames_bad, ==, b->status.frames_bad);
      break;
    case EBB_ECP_MSG_HEARTBEAT:
    case EBB_ECP_MSG_VENT:
    case EBB_ECP_MSG_CLEAR_FAULTS:
    case EBB_ECP_MSG_GET_STATUS:
    case EBB_ECP_MSG_BYE:
      break;
    default:
      g_assert_cmpmem (a->raw, a->payload_len, b->raw, b->payload_len);
      break;
    }
}

static void
test_crc_check_value (void)
{
  g_assert_cmphex (ebb_crc16_ccitt_false ((const guint8 *) "123456789", 9), ==, 0x29B1);
}

static void
assert_cobs (const char *plain_hex,
             const char *encoded_hex)
{
  g_autoptr(GBytes) plain = hex (plain_hex);
  g_autoptr(GBytes) encoded = hex (encoded_hex);
  guint8 out[1024];
  size_t n;

  n = ebb_cobs_encode (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), out, sizeof out);
  g_assert_cmpmem (out, n, g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded));
  g_assert_true (ebb_cobs_decode (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                                  out, sizeof out, &n));
  g_assert_cmpmem (out, n, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
}

static void
test_cobs_examples (void)
{
  g_autoptr(GString) run254 = g_string_new (NULL);
  g_autoptr(GString) run254_enc = g_string_new ("ff");
  g_autoptr(GString) run255 = g_string_new (NULL);
  g_autoptr(GString) run255_enc = g_string_new ("ff");
  g_autoptr(GString) run254_zero = g_string_new (NULL);
  g_autoptr(GString) run254_zero_enc = g_string_new ("ff");

  /* ECP-1 §6 */
  assert_cobs ("11 22 00 33", "03 11 22 02 33");
  assert_cobs ("00", "01 01");
  assert_cobs ("00 11 00", "01 02 11 01");
  for (int i = 1; i <= 254; i++)
    {
      g_string_append_printf (run254, "%02x", i);
      g_string_append_printf (run254_enc, "%02x", i);
    }
  assert_cobs (run254->str, run254_enc->str);

  /* Around the 254-run rule: one more byte opens a new block; a zero after
   * a full block gets its own (empty) block. */
  for (int i = 1; i <= 255; i++)
    g_string_append_printf (run255, "%02x", i == 255 ? 0xAA : i);
  for (int i = 1; i <= 254; i++)
    g_string_append_printf (run255_enc, "%02x", i);
  g_string_append (run255_enc, "02aa");
  assert_cobs (run255->str, run255_enc->str);

  g_string_append_printf (run254_zero, "%s00", run254->str);
  g_string_append_printf (run254_zero_enc, "%s0101", run254->str);
  assert_cobs (run254_zero->str, run254_zero_enc->str);

  assert_cobs ("", "01");
  assert_cobs ("00 00", "01 01 01");
  assert_cobs ("11 22 33 44", "05 11 22 33 44");
}

static void
test_cobs_invalid (void)
{
  static const struct { const char *frame; } bad[] = {
    { "" },                  /* empty: not even the code byte */
    { "05 11 22" },          /* code points past the end */
    { "03 11 00 22" },       /* zero inside a frame */
    { "00" },                /* zero code byte */
  };
  guint8 out[300];
  size_t n;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) frame = hex (bad[i].frame);

      g_assert_false (ebb_cobs_decode (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame),
                                       out, sizeof out, &n));
    }

  /* Too small an output buffer fails rather than overruns. */
  {
    g_autoptr(GBytes) frame = hex ("05 11 22 33 44");
    guint8 small[3];

    g_assert_false (ebb_cobs_decode (g_bytes_get_data (frame, NULL), 5, small, sizeof small, &n));
    g_assert_cmpuint (ebb_cobs_encode ((const guint8 *) "\x11\x22\x33\x44", 4, small,
                                       sizeof small), ==, 0);
  }
}

static void
test_cobs_roundtrip_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  guint8 plain[800];
  guint8 encoded[EBB_COBS_MAX_ENCODED (sizeof plain)];
  guint8 decoded[sizeof plain];

  for (int round = 0; round < 2000; round++)
    {
      size_t len = (size_t) g_rand_int_range (rand, 0, sizeof plain);
      /* Vary the density of zeros so long runs (≥ 254) really occur. */
      int zero_per_mille = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 1, 500);
      size_t n, m;

      for (size_t i = 0; i < len; i++)
        plain[i] = g_rand_int_range (rand, 0, 1000) < zero_per_mille
                   ? 0 : (guint8) g_rand_int_range (rand, 1, 256);

      n = ebb_cobs_encode (plain, len, encoded, sizeof encoded);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, <=, EBB_COBS_MAX_ENCODED (len));
      g_assert_null (memchr (encoded, 0, n));
      /* Canonical overhead: one byte per started 254-byte block. */
      if (zero_per_mille == 0)
        g_assert_cmpuint (n, ==, len + (len == 0 ? 1 : (len + 253) / 254));
      g_assert_true (ebb_cobs_decode (encoded, n, decoded, sizeof decoded, &m));
      g_assert_cmpmem (decoded, m, plain, len);
    }
}

static void
test_vectors_encode (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) expected = hex (vectors[i].frame);
      EbbEcpPacket p;
      guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
      size_t n;

      g_test_message ("vector %s", vectors[i].name);
      memset (&p, 0, sizeof p);
      vectors[i].fill (&p);
      n = ebb_ecp_frame_encode (&p, frame, sizeof frame);
      g_assert_cmpmem (frame, n, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    }
}

static void
test_vectors_decode (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) frame = hex (vectors[i].frame);
      const guint8 *data = g_bytes_get_data (frame, NULL);
      size_t len = g_bytes_get_size (frame);
      EbbEcpPacket expected;
      EbbEcpPacket p;

      g_test_message ("vector %s", vectors[i].name);
      memset (&expected, 0, sizeof expected);
      vectors[i].fill (&expected);
      g_assert_cmpuint (data[len - 1], ==, 0x00);
      g_assert_cmpint (ebb_ecp_frame_decode (data, len - 1, &p), ==, EBB_ECP_DECODE_OK);
      assert_packet_equal (&p, &expected);
    }
}

static void
random_packet (GRand        *rand,
               EbbEcpPacket *p)
{
  static const guint8 types[] = {
    EBB_ECP_MSG_HELLO, EBB_ECP_MSG_HEARTBEAT, EBB_ECP_MSG_STREAM, EBB_ECP_MSG_SET_TARGET,
    EBB_ECP_MSG_VENT, EBB_ECP_MSG_CLEAR_FAULTS, EBB_ECP_MSG_GET_STATUS, EBB_ECP_MSG_BYE,
    EBB_ECP_MSG_ACK, EBB_ECP_MSG_IDENT, EBB_ECP_MSG_TELEMETRY, EBB_ECP_MSG_EVENT,
    EBB_ECP_MSG_STATUS, 0x00, 0x09, 0x42, 0x7F, 0x85, 0xFF,
  };
  EbbEcpString *strings[3];

  memset (p, 0, sizeof *p);
  p->type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
  p->seq = (guint16) g_rand_int (rand);
  p->payload_len = (guint8) MAX (ebb_ecp_payload_size (p->type), 0);

  switch (p->type)
    {
    case EBB_ECP_MSG_HELLO:
      p->hello.proto_major = (guint8) g_rand_int (rand);
      p->hello.proto_minor = (guint8) g_rand_int (rand);
      p->hello.host_nonce = g_rand_int (rand);
      break;
    case EBB_ECP_MSG_STREAM:
      p->stream.rate_hz = (guint16) g_rand_int (rand);
      break;
    case EBB_ECP_MSG_SET_TARGET:
      p->set_target.target_pa = (gint32) g_rand_int (rand);
      p->set_target.ramp_pa_per_s = (guint16) g_rand_int (rand);
      break;
    case EBB_ECP_MSG_ACK:
      p->ack.acked_seq = (guint16) g_rand_int (rand);
      p->ack.acked_type = (guint8) g_rand_int (rand);
      p->ack.result = (guint8) g_rand_int (rand);
      break;
    case EBB_ECP_MSG_IDENT:
      p->ident.proto_major = (guint8) g_rand_int (rand);
      p->ident.proto_minor = (guint8) g_rand_int (rand);
      p->ident.host_nonce = g_rand_int (rand);
      strings[0] = &p->ident.model;
      strings[1] = &p->ident.serial;
      strings[2] = &p->ident.firmware;
      p->payload_len = 6 + 3 + 12;
      for (int s = 0; s < 3; s++)
        {
          strings[s]->len = (guint8) g_rand_int_range (rand, 0, EBB_ECP_MAX_STRING + 1);
          for (int k = 0; k < strings[s]->len; k++)
            strings[s]->str[k] = (char) g_rand_int_range (rand, 0x20, 0x7F);
          p->payload_len += strings[s]->len;
        }
      p->ident.floor_pa = (gint32) g_rand_int (rand);
      p->ident.watchdog_ms = (guint16) g_rand_int (rand);
      p->ident.max_rate_hz = (guint16) g_rand_int (rand);
      p->ident.capabilities = g_rand_int (rand);
      break;
    case EBB_ECP_MSG_TELEMETRY:
      p->telemetry.device_ms = g_rand_int (rand);
      p->telemetry.pressure_pa = (gint32) g_rand_int (rand);
      p->telemetry.target_pa = (gint32) g_rand_int (rand);
      p->telemetry.pump_pct = (guint8) g_rand_int (rand);
      p->telemetry.vent_open = (guint8) g_rand_int (rand);
      p->telemetry.flags = (guint16) g_rand_int (rand);
      p->telemetry.faults = (guint16) g_rand_int (rand);
      break;
    case EBB_ECP_MSG_EVENT:
      p->event.device_ms = g_rand_int (rand);
      p->event.code = (guint16) g_rand_int (rand);
      p->event.value = (gint32) g_rand_int (rand);
      break;
    case EBB_ECP_MSG_STATUS:
      p->status.flags = (guint16) g_rand_int (rand);
      p->status.faults = (guint16) g_rand_int (rand);
      p->status.pressure_pa = (gint32) g_rand_int (rand);
      p->status.target_pa = (gint32) g_rand_int (rand);
      p->status.uptime_ms = g_rand_int (rand);
      p->status.stream_rate_hz = (guint16) g_rand_int (rand);
      p->status.frames_ok = g_rand_int (rand);
      p->status.frames_bad = g_rand_int (rand);
      break;
    case EBB_ECP_MSG_HEARTBEAT:
    case EBB_ECP_MSG_VENT:
    case EBB_ECP_MSG_CLEAR_FAULTS:
    case EBB_ECP_MSG_GET_STATUS:
    case EBB_ECP_MSG_BYE:
      break;
    default:
      p->payload_len = (guint8) g_rand_int_range (rand, 0, EBB_ECP_MAX_PAYLOAD + 1);
      for (int k = 0; k < p->payload_len; k++)
        p->raw[k] = (guint8) g_rand_int (rand);
      break;
    }
}

static void
test_roundtrip_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);

  for (int round = 0; round < 20000; round++)
    {
      EbbEcpPacket p, q;
      guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
      size_t n;

      random_packet (rand, &p);
      n = ebb_ecp_frame_encode (&p, frame, sizeof frame);
      g_assert_cmpuint (n, >=, 1 + EBB_ECP_MIN_PACKET + 1);
      g_assert_cmpuint (frame[n - 1], ==, 0);
      g_assert_null (memchr (frame, 0, n - 1));
      g_assert_cmpint (ebb_ecp_frame_decode (frame, n - 1, &q), ==,
                       ebb_ecp_message_type_is_known (p.type) ? EBB_ECP_DECODE_OK
                                                              : EBB_ECP_DECODE_UNKNOWN_TYPE);
      assert_packet_equal (&q, &p);
    }
}

static void
test_encode_limits (void)
{
  EbbEcpPacket p;
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  size_t n;

  /* The largest packet fits the advertised buffer. */
  memset (&p, 0, sizeof p);
  p.type = 0x7E;
  p.payload_len = EBB_ECP_MAX_PAYLOAD;
  memset (p.raw, 0xAB, sizeof p.raw);
  n = ebb_ecp_frame_encode (&p, frame, sizeof frame);
  g_assert_cmpuint (n, ==, EBB_ECP_MAX_PACKET + 1 + 1);

  /* A buffer one byte short fails whole. */
  g_assert_cmpuint (ebb_ecp_frame_encode (&p, frame, n - 1), ==, 0);

  /* Strings over 32 bytes are refused, not cut. */
  fill_ident (&p);
  p.ident.model.len = EBB_ECP_MAX_STRING + 1;
  g_assert_cmpuint (ebb_ecp_frame_encode (&p, frame, sizeof frame), ==, 0);

  /* ebb_ecp_string_set() cuts at a character boundary. */
  g_assert_false (ebb_ecp_string_set (&p.ident.model,
                                      "Unterdruckkammer für Beine  äöü"));
  g_assert_cmpuint (p.ident.model.len, ==, 31);
  g_assert_cmpstr (p.ident.model.str, ==, "Unterdruckkammer für Beine  ä");
}

static void
assert_packet_rejected (const char         *packet_hex,
                        EbbEcpDecodeResult  expected)
{
  g_autoptr(GBytes) raw = hex (packet_hex);
  guint8 packet[300];
  guint8 frame[400];
  size_t len = g_bytes_get_size (raw);
  size_t n;
  EbbEcpPacket p;
  EbbEcpDecoder dec;

  if (len > 0)
    memcpy (packet, g_bytes_get_data (raw, NULL), len);
  /* Give every packet a correct CRC unless the test is about the CRC. */
  if (expected != EBB_ECP_DECODE_ERROR_CRC && len >= EBB_ECP_MIN_PACKET)
    {
      guint16 crc = ebb_crc16_ccitt_false (packet, len - 2);

      packet[len - 2] = crc & 0xFF;
      packet[len - 1] = crc >> 8;
    }

  g_assert_cmpint (ebb_ecp_packet_decode (packet, len, &p), ==, expected);

  n = ebb_cobs_encode (packet, len, frame, sizeof frame);
  frame[n++] = 0;
  ebb_ecp_decoder_init (&dec);
  ebb_ecp_decoder_feed (&dec, frame, n, NULL, NULL);
  g_assert_cmpuint (dec.counts[expected], ==, 1);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_ok (&dec) + ebb_ecp_decoder_get_frames_bad (&dec),
                    ==, 1);
}

static void
test_reject_short (void)
{
  assert_packet_rejected ("e1 02 02 00 9c", EBB_ECP_DECODE_ERROR_SHORT);
  assert_packet_rejected ("e1", EBB_ECP_DECODE_ERROR_SHORT);
  assert_packet_rejected ("", EBB_ECP_DECODE_ERROR_SHORT);
}

static void
test_reject_magic (void)
{
  assert_packet_rejected ("e2 02 02 00 00 00", EBB_ECP_DECODE_ERROR_MAGIC);
  assert_packet_rejected ("01 02 02 00 00 00", EBB_ECP_DECODE_ERROR_MAGIC);
}

static void
test_reject_crc (void)
{
  assert_packet_rejected ("e1 02 02 00 9c 7f", EBB_ECP_DECODE_ERROR_CRC);
  assert_packet_rejected ("e1 02 02 00 7e 9c", EBB_ECP_DECODE_ERROR_CRC);
  /* A flipped payload bit with the old CRC. */
  assert_packet_rejected ("e1 03 03 00 65 00 68 72", EBB_ECP_DECODE_ERROR_CRC);
}

static void
test_reject_length (void)
{
  /* HEARTBEAT with a payload byte, STREAM with 1 and 3 bytes, TELEMETRY
   * one short: each with a correct CRC. */
  assert_packet_rejected ("e1 02 02 00 00 00 00", EBB_ECP_DECODE_ERROR_LENGTH);
  assert_packet_rejected ("e1 03 03 00 64 00 00", EBB_ECP_DECODE_ERROR_LENGTH);
  assert_packet_rejected ("e1 03 03 00 64 00 00 00 00", EBB_ECP_DECODE_ERROR_LENGTH);
  assert_packet_rejected ("e1 82 0a 00 40 e2 01 00 4b eb ff ff 2b eb ff ff 25 00 69 00 00 00 00",
                          EBB_ECP_DECODE_ERROR_LENGTH);
  /* IDENT whose strings do not account for the payload: one byte extra,
   * a string running past the end, a string of 33 bytes. */
  assert_packet_rejected ("e1 81 01 00 01 00 78 56 34 12 00 00 00 56 d6 ff ff e8 03 c8 00 0f 00 00 "
                          "00 ff 00 00", EBB_ECP_DECODE_ERROR_LENGTH);
  assert_packet_rejected ("e1 81 01 00 01 00 78 56 34 12 00 00 20 56 d6 ff ff e8 03 c8 00 0f 00 00 "
                          "00 00 00", EBB_ECP_DECODE_ERROR_LENGTH);
  {
    g_autoptr(GString) ident = g_string_new ("e1 81 01 00 01 00 78 56 34 12 21");

    for (int i = 0; i < 33; i++)
      g_string_append (ident, " 41");
    g_string_append (ident, " 00 00 56 d6 ff ff e8 03 c8 00 0f 00 00 00 00 00");
    assert_packet_rejected (ident->str, EBB_ECP_DECODE_ERROR_LENGTH);
  }
  /* An unknown type with 201 payload bytes exceeds §2's 200. */
  {
    g_autoptr(GString) big = g_string_new ("e1 42 00 00");

    for (int i = 0; i < 201; i++)
      g_string_append (big, " 5a");
    g_string_append (big, " 00 00");
    assert_packet_rejected (big->str, EBB_ECP_DECODE_ERROR_LENGTH);
  }
}

static void
test_reject_cobs (void)
{
  /* Code byte 0x09 promises 8 bytes, 5 follow. */
  g_autoptr(GBytes) frame = hex ("09 e1 02 02 03 9c 00");
  EbbEcpDecoder dec;
  EbbEcpPacket p;

  g_assert_cmpint (ebb_ecp_frame_decode (g_bytes_get_data (frame, NULL), 6, &p), ==,
                   EBB_ECP_DECODE_ERROR_COBS);
  ebb_ecp_decoder_init (&dec);
  ebb_ecp_decoder_feed (&dec, g_bytes_get_data (frame, NULL), 7, NULL, NULL);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_ERROR_COBS], ==, 1);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 1);
}

static void
packet_count_cb (const EbbEcpPacket *packet,
                 EbbEcpDecodeResult  result,
                 void               *user_data)
{
  GArray *packets = user_data;

  g_assert_true (result == EBB_ECP_DECODE_OK || result == EBB_ECP_DECODE_UNKNOWN_TYPE);
  g_array_append_val (packets, *packet);
}

static void
test_unknown_type (void)
{
  /* A well-formed frame of type 0x09 (not in §4.1): delivered with type and
   * seq so a device can answer UNSUPPORTED. */
  g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
  EbbEcpPacket p;
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  EbbEcpDecoder dec;
  const EbbEcpPacket *got;
  size_t n;

  memset (&p, 0, sizeof p);
  p.type = 0x09;
  p.seq = 0x1234;
  p.payload_len = 3;
  p.raw[0] = 1;
  p.raw[1] = 0;
  p.raw[2] = 2;
  n = ebb_ecp_frame_encode (&p, frame, sizeof frame);
  ebb_ecp_decoder_init (&dec);
  ebb_ecp_decoder_feed (&dec, frame, n, packet_count_cb, packets);
  g_assert_cmpuint (packets->len, ==, 1);
  got = &g_array_index (packets, EbbEcpPacket, 0);
  g_assert_cmpuint (got->type, ==, 0x09);
  g_assert_cmpuint (got->seq, ==, 0x1234);
  g_assert_cmpuint (got->payload_len, ==, 3);
  g_assert_cmpuint (got->raw[2], ==, 2);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_UNKNOWN_TYPE], ==, 1);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_ok (&dec), ==, 1);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 0);
  g_assert_false (ebb_ecp_message_type_is_known (0x09));
  g_assert_true (ebb_ecp_message_type_is_command (EBB_ECP_MSG_BYE));
  g_assert_false (ebb_ecp_message_type_is_command (EBB_ECP_MSG_ACK));
}

/* All §6 vectors back to back, with extra delimiters between some. */
static GByteArray *
vector_stream (void)
{
  GByteArray *stream = g_byte_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) frame = hex (vectors[i].frame);

      if (i % 3 == 0)
        g_byte_array_append (stream, (const guint8 *) "\0\0", 2);
      g_byte_array_append (stream, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
    }

  return stream;
}

static void
assert_vector_packets (GArray *packets)
{
  g_assert_cmpuint (packets->len, ==, G_N_ELEMENTS (vectors));
  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      EbbEcpPacket expected;

      memset (&expected, 0, sizeof expected);
      vectors[i].fill (&expected);
      assert_packet_equal (&g_array_index (packets, EbbEcpPacket, i), &expected);
    }
}

static void
test_decoder_chunked (void)
{
  g_autoptr(GByteArray) stream = vector_stream ();

  /* Two chunks, split at every byte position. */
  for (guint split = 0; split <= stream->len; split++)
    {
      g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
      EbbEcpDecoder dec;

      ebb_ecp_decoder_init (&dec);
      ebb_ecp_decoder_feed (&dec, stream->data, split, packet_count_cb, packets);
      ebb_ecp_decoder_feed (&dec, stream->data + split, stream->len - split,
                            packet_count_cb, packets);
      assert_vector_packets (packets);
      g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_OK], ==, G_N_ELEMENTS (vectors));
      g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 0);
    }

  /* One byte at a time, and in chunks of every size from 2 to 64. */
  for (guint chunk = 1; chunk <= 64; chunk++)
    {
      g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
      EbbEcpDecoder dec;

      ebb_ecp_decoder_init (&dec);
      for (guint at = 0; at < stream->len; at += chunk)
        ebb_ecp_decoder_feed (&dec, stream->data + at, MIN (chunk, stream->len - at),
                              packet_count_cb, packets);
      assert_vector_packets (packets);
      g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 0);
    }
}

static void
test_decoder_empty_frames (void)
{
  static const guint8 zeros[64] = { 0 };
  EbbEcpDecoder dec;

  ebb_ecp_decoder_init (&dec);
  ebb_ecp_decoder_feed (&dec, zeros, sizeof zeros, NULL, NULL);
  ebb_ecp_decoder_feed (&dec, zeros, 1, NULL, NULL);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_ok (&dec), ==, 0);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 0);
}

static void
feed_hex (EbbEcpDecoder *dec,
          const char    *text,
          GArray        *packets)
{
  g_autoptr(GBytes) bytes = hex (text);

  ebb_ecp_decoder_feed (dec, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                        packet_count_cb, packets);
}

static void
reject_cb (EbbEcpDecodeResult  result,
           const uint8_t      *frame,
           size_t              len,
           void               *user_data)
{
  GArray *reasons = user_data;
  int r = result;

  g_assert_true (EBB_ECP_DECODE_IS_ERROR (result));
  g_assert_cmpuint (len, <=, EBB_ECP_MAX_FRAME);
  g_array_append_val (reasons, r);
}

static void
test_decoder_overlong (void)
{
  g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
  g_autoptr(GArray) reasons = g_array_new (FALSE, TRUE, sizeof (int));
  guint8 junk[10000];
  EbbEcpDecoder dec;

  memset (junk, 0x5A, sizeof junk);
  ebb_ecp_decoder_init (&dec);
  ebb_ecp_decoder_set_reject_func (&dec, reject_cb, reasons);

  /* 256 bytes before the delimiter: too long. */
  ebb_ecp_decoder_feed (&dec, junk, 256, packet_count_cb, packets);
  feed_hex (&dec, "00 04 e1 02 02 03 9c 7e 00", packets);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_ERROR_TOO_LONG], ==, 1);
  g_assert_cmpuint (packets->len, ==, 1);

  /* 255 bytes: not too long, so it is decoded (valid COBS, 254 bytes) and
   * rejected for what it holds. */
  junk[0] = 0xFF;
  ebb_ecp_decoder_feed (&dec, junk, 255, packet_count_cb, packets);
  feed_hex (&dec, "00", packets);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_ERROR_TOO_LONG], ==, 1);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_ERROR_MAGIC], ==, 1);

  /* 10,000 bytes in 7-byte chunks, then a good frame in the same chunk as
   * the delimiter that ends the junk. */
  junk[0] = 0x5A;
  for (size_t at = 0; at < sizeof junk; at += 7)
    ebb_ecp_decoder_feed (&dec, junk + at, MIN (7, sizeof junk - at), packet_count_cb, packets);
  feed_hex (&dec, "00 04 e1 02 02 03 9c 7e 00", packets);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_ERROR_TOO_LONG], ==, 2);
  g_assert_cmpuint (packets->len, ==, 2);
  g_assert_cmpuint (reasons->len, ==, 3);
  g_assert_cmpint (g_array_index (reasons, int, 2), ==, EBB_ECP_DECODE_ERROR_TOO_LONG);
}

static void
test_decoder_resync (void)
{
  g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
  EbbEcpDecoder dec;

  ebb_ecp_decoder_init (&dec);

  /* Joining mid-frame (the tail of a TELEMETRY): one bad frame, then in step. */
  feed_hex (&dec, "ff 25 02 69 01 01 03 df c9 00 04 e1 02 02 03 9c 7e 00", packets);
  g_assert_cmpuint (packets->len, ==, 1);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 1);

  /* A frame whose delimiter was lost merges with the next: one bad frame,
   * and the one after is good. */
  feed_hex (&dec, "04 e1 02 02 03 9c 7e 04 e1 02 02 03 9c 7e 00 04 e1 08 09 03 a7 65 00", packets);
  g_assert_cmpuint (packets->len, ==, 2);
  g_assert_cmpuint (g_array_index (packets, EbbEcpPacket, 1).type, ==, EBB_ECP_MSG_BYE);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 2);

  /* A corrupted byte (bit error) costs exactly that frame. */
  feed_hex (&dec, "04 e1 03 03 02 65 03 68 72 00 04 e1 03 03 02 64 03 68 72 00", packets);
  g_assert_cmpuint (packets->len, ==, 3);
  g_assert_cmpuint (dec.counts[EBB_ECP_DECODE_ERROR_CRC], >=, 1);

  /* Discarding drops a partial frame without counting it. */
  feed_hex (&dec, "04 e1 03 03 02", packets);
  ebb_ecp_decoder_discard (&dec);
  feed_hex (&dec, "04 e1 08 09 03 a7 65 00", packets);
  g_assert_cmpuint (packets->len, ==, 4);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&dec), ==, 3);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_ok (&dec), ==, 4);
}

static void
test_format (void)
{
  EbbEcpPacket p;
  char line[256];

  memset (&p, 0, sizeof p);
  fill_set_target (&p);
  ebb_ecp_packet_format (&p, line, sizeof line);
  g_assert_cmpstr (line, ==, "SET_TARGET seq=4 target_pa=-5333 ramp_pa_per_s=2000");

  memset (&p, 0, sizeof p);
  fill_ack_out_of_range (&p);
  ebb_ecp_packet_format (&p, line, sizeof line);
  g_assert_cmpstr (line, ==, "ACK seq=7 acked_seq=4 acked_type=SET_TARGET result=OUT_OF_RANGE");

  /* The longest line still fits 256 bytes. */
  memset (&p, 0, sizeof p);
  fill_ident (&p);
  p.seq = 65535;
  p.ident.floor_pa = G_MININT32;
  for (int i = 0; i < 32; i++)
    p.ident.model.str[i] = p.ident.serial.str[i] = p.ident.firmware.str[i] = 'x';
  g_assert_cmpint (ebb_ecp_packet_format (&p, line, sizeof line), <, (int) sizeof line);

  g_assert_cmpstr (ebb_ecp_fault_name (1), ==, "OVER_VACUUM");
  g_assert_cmpstr (ebb_ecp_decode_result_name (EBB_ECP_DECODE_ERROR_TOO_LONG), ==, "too-long");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/ecp/crc/check-value", test_crc_check_value);
  g_test_add_func ("/ebb/ecp/cobs/examples", test_cobs_examples);
  g_test_add_func ("/ebb/ecp/cobs/invalid", test_cobs_invalid);
  g_test_add_func ("/ebb/ecp/cobs/roundtrip-random", test_cobs_roundtrip_random);
  g_test_add_func ("/ebb/ecp/vectors/encode", test_vectors_encode);
  g_test_add_func ("/ebb/ecp/vectors/decode", test_vectors_decode);
  g_test_add_func ("/ebb/ecp/packet/roundtrip-random", test_roundtrip_random);
  g_test_add_func ("/ebb/ecp/packet/encode-limits", test_encode_limits);
  g_test_add_func ("/ebb/ecp/packet/unknown-type", test_unknown_type);
  g_test_add_func ("/ebb/ecp/packet/format", test_format);
  g_test_add_func ("/ebb/ecp/reject/cobs", test_reject_cobs);
  g_test_add_func ("/ebb/ecp/reject/short", test_reject_short);
  g_test_add_func ("/ebb/ecp/reject/magic", test_reject_magic);
  g_test_add_func ("/ebb/ecp/reject/crc", test_reject_crc);
  g_test_add_func ("/ebb/ecp/reject/length", test_reject_length);
  g_test_add_func ("/ebb/ecp/decoder/chunked", test_decoder_chunked);
  g_test_add_func ("/ebb/ecp/decoder/empty-frames", test_decoder_empty_frames);
  g_test_add_func ("/ebb/ecp/decoder/overlong", test_decoder_overlong);
  g_test_add_func ("/ebb/ecp/decoder/resync", test_decoder_resync);

  return g_test_run ();
}
