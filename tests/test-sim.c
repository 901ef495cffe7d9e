/* test-sim.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sim"

#include "config.h"

#include "ebb-cobs.h"
#include "ebb-crc16.h"
#include "ebb-ecp-decoder.h"
#include "ebb-ecp-packet.h"
#include "ebb-sim-config.h"
#include "ebb-sim-device.h"
#include "ebb-sim-physics.h"

#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Physics: ECP-1 §5.5                                                    */

#define DT 0.001

static void
settle (EbbSimPhysics *ph,
        double         seconds)
{
  for (int i = 0; i < lround (seconds / DT); i++)
    ebb_sim_physics_step (ph, DT);
}

static void
test_physics_pump_down (void)
{
  EbbSimPhysics ph;
  int ms = 0;

  ebb_sim_physics_init (&ph, 1);
  settle (&ph, 0.1);
  ebb_sim_physics_set_target (&ph, -10666, 0);
  while (ph.pressure_pa > -8000 && ms < 10000)
    {
      ebb_sim_physics_step (&ph, DT);
      ms++;
    }
  g_test_message ("0 → −8000 Pa in %d ms", ms);
  g_assert_cmpint (ms, <=, 3000);
  g_assert_cmpfloat (ph.pump, ==, 1.0);
}

static void
test_physics_vent (void)
{
  EbbSimPhysics ph;
  int ms = 0;

  ebb_sim_physics_init (&ph, 1);
  ph.pressure_pa = -8000;
  ebb_sim_physics_vent (&ph);
  while (fabs (ph.pressure_pa) > 133 && ms < 10000)
    {
      ebb_sim_physics_step (&ph, DT);
      ms++;
    }
  g_test_message ("−8000 Pa → ±133 Pa in %d ms", ms);
  g_assert_cmpint (ms, <=, 1500);
  g_assert_cmpfloat (ph.pump, ==, 0);
  g_assert_cmpfloat (ph.vent, ==, 1);
}

static void
test_physics_regulation (void)
{
  EbbSimPhysics ph;
  double min_noise = 0, max_noise = 0;
  int ms = 0;

  ebb_sim_physics_init (&ph, 3);
  settle (&ph, 0.1);
  ebb_sim_physics_set_target (&ph, -5333, 0);
  while (!ph.target_reached && ms < 10000)
    {
      ebb_sim_physics_step (&ph, DT);
      ms++;
    }
  g_assert_true (ph.target_reached);

  /* Once reached, 60 s within ±133 Pa, true and measured, and the noise
   * about ±20 Pa. */
  for (int i = 0; i < 60000; i++)
    {
      double noise;

      ebb_sim_physics_step (&ph, DT);
      g_assert_cmpfloat (fabs (ph.pressure_pa + 5333), <=, 133);
      g_assert_cmpfloat (fabs (ph.reading_pa + 5333.0), <=, 133);
      g_assert_true (ph.target_reached);
      noise = ph.reading_pa - ph.pressure_pa;
      min_noise = MIN (min_noise, noise);
      max_noise = MAX (max_noise, noise);
    }
  g_assert_cmpfloat (min_noise, >=, -20.5);
  g_assert_cmpfloat (max_noise, <=, 20.5);
  g_assert_cmpfloat (max_noise - min_noise, >=, 30);
}

static void
test_physics_target_reached_delay (void)
{
  EbbSimPhysics ph;
  int entered = -1;
  int ms = 0;

  ebb_sim_physics_init (&ph, 5);
  settle (&ph, 0.1);
  ebb_sim_physics_set_target (&ph, -4000, 0);
  while (!ph.target_reached && ms < 10000)
    {
      ebb_sim_physics_step (&ph, DT);
      ms++;
      if (fabs (ph.reading_pa + 4000.0) <= 133)
        {
          if (entered < 0)
            entered = ms;
        }
      else
        {
          entered = -1;
        }
    }
  g_assert_true (ph.target_reached);
  g_assert_cmpint (entered, >, 0);
  /* In band on ms `entered`; reached 500 ms later, counted inclusively. */
  g_assert_cmpint (ms - entered + 1, ==, 500);
}

static void
test_physics_ramp (void)
{
  EbbSimPhysics ph;
  int t1 = -1, t2 = -1;

  ebb_sim_physics_init (&ph, 7);
  settle (&ph, 0.5);
  ebb_sim_physics_set_target (&ph, -6000, 1000);
  for (int ms = 1; ms <= 8000; ms++)
    {
      ebb_sim_physics_step (&ph, DT);
      /* The setpoint moves at the ramp rate; the chamber follows closely. */
      if (ms < 5500)
        g_assert_cmpfloat (fabs (ph.pressure_pa - ph.setpoint_pa), <=, 300);
      if (t1 < 0 && ph.pressure_pa <= -1000)
        t1 = ms;
      if (t2 < 0 && ph.pressure_pa <= -5000)
        t2 = ms;
    }
  g_assert_cmpint (t1, >, 0);
  g_assert_cmpint (t2, >, 0);
  /* 4000 Pa at 1000 Pa/s: 4 s, not faster, within 5 %. */
  g_test_message ("ramp −1000 → −5000 Pa: %d ms", t2 - t1);
  g_assert_cmpint (t2 - t1, >=, 3800);
  g_assert_cmpint (t2 - t1, <=, 4200);
  g_assert_true (ph.target_reached);
}

static void
test_physics_leak_beats_pump (void)
{
  EbbSimPhysics ph;

  ebb_sim_physics_init (&ph, 1);
  ph.leak_pa_per_s = 4000;
  ebb_sim_physics_set_target (&ph, -5333, 0);
  settle (&ph, 12);
  g_assert_false (ph.target_reached);
  g_assert_cmpfloat (ph.pump, ==, 1);
  g_assert_cmpfloat (ph.full_pump_s, >=, 10);

  /* A small leak only makes the pump work harder. */
  ph.leak_pa_per_s = 300;
  settle (&ph, 5);
  g_assert_true (ph.target_reached);
  g_assert_cmpfloat (ph.pump, >, 0.05);
  g_assert_cmpfloat (ph.full_pump_s, ==, 0);
}

static void
test_physics_deterministic (void)
{
  EbbSimPhysics a, b, c;
  gboolean differs = FALSE;

  ebb_sim_physics_init (&a, 42);
  ebb_sim_physics_init (&b, 42);
  ebb_sim_physics_init (&c, 43);
  ebb_sim_physics_set_target (&a, -5000, 500);
  ebb_sim_physics_set_target (&b, -5000, 500);
  ebb_sim_physics_set_target (&c, -5000, 500);
  for (int i = 0; i < 5000; i++)
    {
      ebb_sim_physics_step (&a, DT);
      ebb_sim_physics_step (&b, DT);
      ebb_sim_physics_step (&c, DT);
      g_assert_cmpint (a.reading_pa, ==, b.reading_pa);
      g_assert_cmpfloat (a.pressure_pa, ==, b.pressure_pa);
      differs |= a.reading_pa != c.reading_pa;
    }
  g_assert_true (differs);
}

/* ---------------------------------------------------------------------- */
/* The device, driven by a host made of the codec                          */

typedef struct
{
  EbbSimDevice  *dev;
  EbbEcpDecoder  dec;
  GArray        *packets;   /* EbbEcpPacket, everything received so far */
  guint16        seq;
} Host;

static void
host_packet_cb (const EbbEcpPacket *packet,
                EbbEcpDecodeResult  result,
                void               *user_data)
{
  Host *host = user_data;

  g_assert_cmpint (result, ==, EBB_ECP_DECODE_OK);
  g_array_append_val (host->packets, *packet);
}

static void
host_receive (Host *host)
{
  g_autoptr(GBytes) out = ebb_sim_device_take_output (host->dev);
  gsize n;
  const guint8 *data = g_bytes_get_data (out, &n);

  ebb_ecp_decoder_feed (&host->dec, data, n, host_packet_cb, host);
}

static Host *
host_new_with_config (const EbbSimConfig *config)
{
  Host *host = g_new0 (Host, 1);

  host->dev = ebb_sim_device_new (config);
  host->packets = g_array_new (FALSE, TRUE, sizeof (EbbEcpPacket));
  ebb_ecp_decoder_init (&host->dec);
  host->seq = 1;
  host_receive (host);
  return host;
}

static Host *
host_new (const char *options)
{
  EbbSimConfig config;
  g_autoptr(GError) error = NULL;
  Host *host;

  ebb_sim_config_init (&config);
  g_assert_true (ebb_sim_config_parse (&config, options, &error));
  g_assert_no_error (error);
  host = host_new_with_config (&config);
  ebb_sim_config_clear (&config);
  return host;
}

static void
host_free (Host *host)
{
  ebb_sim_device_free (host->dev);
  g_array_unref (host->packets);
  g_free (host);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Host, host_free)

static void
host_advance (Host  *host,
              guint  ms)
{
  ebb_sim_device_advance (host->dev, ms);
  host_receive (host);
}

static void
host_clear (Host *host)
{
  g_array_set_size (host->packets, 0);
}

/* Sends a packet (type and payload set by the caller) with the next seq. */
static guint16
host_send (Host         *host,
           EbbEcpPacket *p)
{
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize n;

  p->seq = host->seq++;
  n = ebb_ecp_frame_encode (p, frame, sizeof frame);
  g_assert_cmpuint (n, >, 0);
  ebb_sim_device_receive (host->dev, frame, n);
  host_receive (host);
  return p->seq;
}

static const EbbEcpPacket *
host_find (Host    *host,
           guint8   type,
           guint    nth)
{
  for (guint i = 0; i < host->packets->len; i++)
    {
      const EbbEcpPacket *p = &g_array_index (host->packets, EbbEcpPacket, i);

      if (p->type == type && nth-- == 0)
        return p;
    }
  return NULL;
}

static guint
host_count (Host   *host,
            guint8  type)
{
  guint n = 0;

  for (guint i = 0; i < host->packets->len; i++)
    n += g_array_index (host->packets, EbbEcpPacket, i).type == type;
  return n;
}

static gboolean
host_has_event (Host    *host,
                guint16  code)
{
  for (guint i = 0; i < host->packets->len; i++)
    {
      const EbbEcpPacket *p = &g_array_index (host->packets, EbbEcpPacket, i);

      if (p->type == EBB_ECP_MSG_EVENT && p->event.code == code)
        return TRUE;
    }
  return FALSE;
}

/* Sends a command and returns the result of its ACK, which must be the
 * only answer. */
static EbbEcpResult
command (Host         *host,
         EbbEcpPacket *p)
{
  const EbbEcpPacket *ack;
  guint16 seq;

  host_clear (host);
  seq = host_send (host, p);
  ack = host_find (host, EBB_ECP_MSG_ACK, 0);
  g_assert_nonnull (ack);
  g_assert_cmpuint (ack->ack.acked_seq, ==, seq);
  g_assert_cmpuint (ack->ack.acked_type, ==, p->type);
  return ack->ack.result;
}

static EbbEcpResult
cmd_simple (Host  *host,
            guint8 type)
{
  EbbEcpPacket p = { .type = type };

  return command (host, &p);
}

static EbbEcpResult
cmd_stream (Host    *host,
            guint16  rate_hz)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_STREAM };

  p.stream.rate_hz = rate_hz;
  return command (host, &p);
}

static EbbEcpResult
cmd_set_target (Host    *host,
                gint32   target_pa,
                guint16  ramp)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_SET_TARGET };

  p.set_target.target_pa = target_pa;
  p.set_target.ramp_pa_per_s = ramp;
  return command (host, &p);
}

static const EbbEcpPacket *
hello (Host    *host,
       guint8   major,
       guint32  nonce)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_HELLO };

  host_clear (host);
  p.hello.proto_major = major;
  p.hello.host_nonce = nonce;
  host_send (host, &p);
  g_assert_cmpuint (host->packets->len, ==, 1);
  return &g_array_index (host->packets, EbbEcpPacket, 0);
}

static void
heartbeat (Host *host)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_HEARTBEAT };

  host_send (host, &p);
}

static EbbEcpStatus
get_status (Host *host)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_GET_STATUS };
  const EbbEcpPacket *status;

  host_clear (host);
  host_send (host, &p);
  status = host_find (host, EBB_ECP_MSG_STATUS, 0);
  g_assert_nonnull (status);
  return status->status;
}

static EbbSimState
state (Host *host)
{
  EbbSimState s;

  ebb_sim_device_get_state (host->dev, &s);
  return s;
}

static void
test_device_boot (void)
{
  g_autoptr(Host) host = host_new (NULL);
  const EbbEcpPacket *boot = host_find (host, EBB_ECP_MSG_EVENT, 0);

  g_assert_nonnull (boot);
  g_assert_cmpuint (boot->seq, ==, 0);
  g_assert_cmphex (boot->event.code, ==, EBB_ECP_EVENT_BOOT);
  g_assert_cmpuint (boot->event.device_ms, ==, 0);
  g_assert_cmpuint (host->packets->len, ==, 1);

  /* Sent once: nothing more without a host. */
  host_clear (host);
  host_advance (host, 3000);
  g_assert_cmpuint (host->packets->len, ==, 0);
  g_assert_cmpuint (state (host).boots, ==, 1);
  g_assert_false (state (host).watchdog_armed);
}

static void
test_device_hello (void)
{
  g_autoptr(Host) host = host_new ("serial=SN-000123,watchdog-ms=800");
  const EbbEcpPacket *ident;

  host_advance (host, 10);
  ident = hello (host, 1, 0x12345678);
  g_assert_cmpuint (ident->type, ==, EBB_ECP_MSG_IDENT);
  g_assert_cmpuint (ident->ident.proto_major, ==, 1);
  g_assert_cmpuint (ident->ident.proto_minor, ==, 0);
  g_assert_cmphex (ident->ident.host_nonce, ==, 0x12345678);
  g_assert_cmpstr (ident->ident.model.str, ==, "EBB-INP-1");
  g_assert_cmpstr (ident->ident.serial.str, ==, "SN-000123");
  g_assert_cmpint (ident->ident.floor_pa, ==, -10666);
  g_assert_cmpuint (ident->ident.watchdog_ms, ==, 800);
  g_assert_cmpuint (ident->ident.max_rate_hz, ==, 200);
  g_assert_cmphex (ident->ident.capabilities, ==, 0x0F);
  g_assert_true (state (host).watchdog_armed);
  g_assert_true (state (host).flags & EBB_ECP_FLAG_WATCHDOG_ARMED);

  /* Another major version: BAD_PAYLOAD, and the link state is untouched. */
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_BYE), ==, EBB_ECP_RESULT_OK);
  ident = hello (host, 2, 1);
  g_assert_cmpuint (ident->type, ==, EBB_ECP_MSG_ACK);
  g_assert_cmpuint (ident->ack.acked_type, ==, EBB_ECP_MSG_HELLO);
  g_assert_cmpuint (ident->ack.result, ==, EBB_ECP_RESULT_BAD_PAYLOAD);
  g_assert_false (state (host).watchdog_armed);
}

static void
test_device_hello_resets_link (void)
{
  g_autoptr(Host) host = host_new (NULL);

  hello (host, 1, 1);
  g_assert_cmpuint (cmd_stream (host, 100), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_OK);
  host_advance (host, 200);
  heartbeat (host);
  g_assert_true (state (host).flags & EBB_ECP_FLAG_REGULATING);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_BROWNOUT, 0);
  host_receive (host);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_RAISED (7)));
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_POWER);

  hello (host, 1, 2);
  host_clear (host);
  host_advance (host, 200);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_TELEMETRY), ==, 0);
  g_assert_cmpuint (state (host).stream_rate_hz, ==, 0);
  g_assert_false (state (host).flags & EBB_ECP_FLAG_REGULATING);
  g_assert_true (state (host).vent_open);
  g_assert_cmpint (state (host).target_pa, ==, 0);
  /* Latched faults stay latched (§5.1). */
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_POWER);
}

static void
test_device_ack_results (void)
{
  g_autoptr(Host) host = host_new (NULL);
  EbbEcpPacket unknown = { .type = 0x09, .payload_len = 2 };
  EbbEcpPacket device_type = { .type = EBB_ECP_MSG_ACK };

  hello (host, 1, 1);

  /* Idle, lid closed, no fault. */
  g_assert_cmpuint (cmd_stream (host, 0), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_stream (host, 200), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_stream (host, 201), ==, EBB_ECP_RESULT_OUT_OF_RANGE);
  g_assert_cmpuint (cmd_stream (host, 0), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_set_target (host, -10667, 0), ==, EBB_ECP_RESULT_OUT_OF_RANGE);
  g_assert_cmpuint (cmd_set_target (host, 1, 0), ==, EBB_ECP_RESULT_OUT_OF_RANGE);
  g_assert_cmpint (state (host).target_pa, ==, 0);
  g_assert_cmpuint (cmd_set_target (host, -10666, 0), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_set_target (host, -5333, 2000), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpint (state (host).target_pa, ==, -5333);
  g_assert_cmpuint (cmd_set_target (host, 0, 0), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_VENT), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (command (host, &unknown), ==, EBB_ECP_RESULT_UNSUPPORTED);
  g_assert_cmpuint (command (host, &device_type), ==, EBB_ECP_RESULT_UNSUPPORTED);

  /* HEARTBEAT has no answer. */
  host_clear (host);
  heartbeat (host);
  g_assert_cmpuint (host->packets->len, ==, 0);

  /* Lid open, idle: an event, no fault; below 0 refused with LID_OPEN. */
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_LID_OPEN, 0);
  host_receive (host);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_LID_OPENED_IDLE));
  g_assert_cmphex (state (host).faults, ==, 0);
  g_assert_false (state (host).flags & EBB_ECP_FLAG_LID_CLOSED);
  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_LID_OPEN);
  g_assert_cmpuint (cmd_set_target (host, -20000, 0), ==, EBB_ECP_RESULT_OUT_OF_RANGE);
  g_assert_cmpuint (cmd_set_target (host, 0, 0), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_VENT), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_stream (host, 50), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_stream (host, 0), ==, EBB_ECP_RESULT_OK);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_LID_CLOSE, 0);
  host_clear (host);
  host_receive (host);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_LID_CLOSED));

  /* A fault latched (e-stop held): FAULT_ACTIVE before LID_OPEN, and
   * CLEAR_FAULTS cannot clear it while the button is down. */
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_ESTOP_PRESS, 0);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_LID_OPEN, 0);
  host_clear (host);
  host_receive (host);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_RAISED (5)));
  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  g_assert_cmpuint (cmd_set_target (host, -10667, 0), ==, EBB_ECP_RESULT_OUT_OF_RANGE);
  g_assert_cmpuint (cmd_set_target (host, 0, 0), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_VENT), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_ESTOP);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_ESTOP_RELEASE, 0);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_CLEARED (5)));
  g_assert_cmphex (state (host).faults, ==, 0);
  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_LID_OPEN);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_LID_CLOSE, 0);
  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_OK);

  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_BYE), ==, EBB_ECP_RESULT_OK);
}

static void
test_device_bad_frames (void)
{
  g_autoptr(Host) host = host_new (NULL);
  /* STREAM with a 3-byte payload and a good CRC, and a frame with a bad
   * CRC: §2 drops both silently and counts them. */
  static const guint8 long_stream[] = { 0xE1, 0x03, 0x01, 0x00, 0x64, 0x00, 0x00 };
  guint8 packet[16], frame[32];
  guint16 crc = 0;
  EbbEcpStatus status;
  gsize n;

  memcpy (packet, long_stream, sizeof long_stream);
  crc = ebb_crc16_ccitt_false (packet, sizeof long_stream);
  packet[sizeof long_stream] = crc & 0xFF;
  packet[sizeof long_stream + 1] = crc >> 8;
  n = ebb_cobs_encode (packet, sizeof long_stream + 2, frame, sizeof frame);
  frame[n++] = 0;

  host_clear (host);
  ebb_sim_device_receive (host->dev, frame, n);
  frame[2] ^= 0x40;
  ebb_sim_device_receive (host->dev, frame, n);
  host_receive (host);
  g_assert_cmpuint (host->packets->len, ==, 0);

  status = get_status (host);
  g_assert_cmpuint (status.frames_bad, ==, 2);
  g_assert_cmpuint (status.frames_ok, ==, 1);   /* the GET_STATUS itself */
  g_assert_cmpuint (status.uptime_ms, ==, 0);
  g_assert_cmpuint (status.stream_rate_hz, ==, 0);
  g_assert_cmphex (status.faults, ==, 0);
  g_assert_cmphex (status.flags & EBB_ECP_FLAG_LID_CLOSED, ==, EBB_ECP_FLAG_LID_CLOSED);
}

static void
test_device_stream (void)
{
  g_autoptr(Host) host = host_new (NULL);
  const EbbEcpPacket *first;

  g_assert_cmpuint (cmd_stream (host, 200), ==, EBB_ECP_RESULT_OK);
  host_clear (host);
  host_advance (host, 1000);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_TELEMETRY), ==, 200);
  first = host_find (host, EBB_ECP_MSG_TELEMETRY, 0);
  for (guint i = 1; i < 200; i++)
    {
      const EbbEcpPacket *p = host_find (host, EBB_ECP_MSG_TELEMETRY, i);

      /* One shared sequence counter, no gaps; samples every 5 ms. */
      g_assert_cmpuint (p->seq, ==, (guint16) (first->seq + i));
      g_assert_cmpuint (p->telemetry.device_ms, ==, first->telemetry.device_ms + 5 * i);
      g_assert_true (p->telemetry.flags & EBB_ECP_FLAG_STREAMING);
      g_assert_true (p->telemetry.flags & EBB_ECP_FLAG_LID_CLOSED);
      g_assert_cmpuint (p->telemetry.vent_open, ==, 1);
    }

  /* Rates that do not divide 1000 keep their average. */
  g_assert_cmpuint (cmd_stream (host, 150), ==, EBB_ECP_RESULT_OK);
  host_clear (host);
  host_advance (host, 2000);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_TELEMETRY), ==, 300);

  g_assert_cmpuint (cmd_stream (host, 0), ==, EBB_ECP_RESULT_OK);
  host_clear (host);
  host_advance (host, 500);
  g_assert_cmpuint (host->packets->len, ==, 0);
}

static void
test_device_watchdog (void)
{
  g_autoptr(Host) host = host_new (NULL);

  hello (host, 1, 1);
  g_assert_cmpuint (cmd_set_target (host, -4000, 0), ==, EBB_ECP_RESULT_OK);

  /* Fed every 250 ms: never fires. */
  for (int i = 0; i < 20; i++)
    {
      host_advance (host, 250);
      heartbeat (host);
    }
  g_assert_cmphex (state (host).faults, ==, 0);
  g_assert_true (state (host).flags & EBB_ECP_FLAG_REGULATING);
  g_assert_cmpfloat (state (host).true_pressure_pa, <, -3500);

  /* Silent for 999 ms: still fine; at 1000 ms: WATCHDOG, and it vents. */
  host_clear (host);
  host_advance (host, 999);
  g_assert_cmphex (state (host).faults, ==, 0);
  host_advance (host, 1);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_WATCHDOG);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_RAISED (0)));
  g_assert_false (state (host).flags & EBB_ECP_FLAG_REGULATING);
  g_assert_true (state (host).vent_open);
  g_assert_cmpuint (state (host).pump_pct, ==, 0);
  host_advance (host, 1500);
  g_assert_cmpfloat (fabs (state (host).true_pressure_pa), <=, 133);

  /* The host is back: the cause is gone, CLEAR_FAULTS clears it. */
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
  g_assert_cmphex (state (host).faults, ==, 0);
}

static void
test_device_bye_disarms (void)
{
  g_autoptr(Host) host = host_new ("watchdog-ms=500");

  hello (host, 1, 1);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_BYE), ==, EBB_ECP_RESULT_OK);
  g_assert_false (state (host).watchdog_armed);
  host_advance (host, 5000);
  g_assert_cmphex (state (host).faults, ==, 0);

  /* Without BYE it fires after the configured 500 ms. */
  hello (host, 1, 2);
  host_advance (host, 499);
  g_assert_cmphex (state (host).faults, ==, 0);
  host_advance (host, 1);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_WATCHDOG);
}

static void
test_device_over_vacuum (void)
{
  g_autoptr(Host) host = host_new (NULL);
  guint64 below_since = 0;

  g_assert_cmpuint (cmd_set_target (host, -10666, 0), ==, EBB_ECP_RESULT_OK);
  host_advance (host, 5000);
  g_assert_cmphex (state (host).faults, ==, 0);

  /* The sensor now reads 1500 Pa high: the regulator pulls the true
   * pressure to about −12166 Pa, below floor − 667 Pa. */
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_SENSOR_OFFSET, 1500);
  host_clear (host);
  for (int ms = 0; ms < 5000 && state (host).faults == 0; ms++)
    {
      host_advance (host, 1);
      if (state (host).true_pressure_pa < -10666 - 667)
        {
          if (below_since == 0)
            below_since = state (host).sim_ms;
        }
    }
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_OVER_VACUUM);
  g_assert_cmpuint (below_since, >, 0);
  g_assert_cmpuint (state (host).sim_ms - below_since + 1, >=, 200);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_RAISED (1)));
  g_assert_true (state (host).vent_open);

  /* While still too deep the cause persists; once vented it clears. */
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  host_advance (host, 2000);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
}

static void
test_device_leak (void)
{
  g_autoptr(Host) host = host_new ("leak-at=0.5");
  guint64 t0;

  host_advance (host, 1000);
  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_OK);
  t0 = state (host).sim_ms;
  host_clear (host);
  host_advance (host, 9900);
  g_assert_cmphex (state (host).faults, ==, 0);
  g_assert_cmpuint (state (host).pump_pct, ==, 100);
  host_advance (host, 1000);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_LEAK);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_RAISED (3)));
  g_assert_cmpuint (state (host).sim_ms - t0, >=, 10000);
  g_assert_cmpuint (state (host).pump_pct, ==, 0);
  /* LEAK has no lasting cause the device can see: it clears. */
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
}

static void
test_device_lid_opened (void)
{
  g_autoptr(Host) host = host_new (NULL);

  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_OK);
  host_advance (host, 3000);
  host_clear (host);
  host_advance (host, 1);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_LID_OPEN, 0);
  host_receive (host);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_LID_OPENED);
  g_assert_true (host_has_event (host, EBB_ECP_EVENT_FAULT_RAISED (4)));
  g_assert_false (host_has_event (host, EBB_ECP_EVENT_LID_OPENED_IDLE));
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_LID_CLOSE, 0);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
  g_assert_cmphex (state (host).faults, ==, 0);
}

static void
test_device_sensor_stuck (void)
{
  g_autoptr(Host) host = host_new ("sensor-stuck-at=4");

  g_assert_cmpuint (cmd_set_target (host, -5333, 0), ==, EBB_ECP_RESULT_OK);
  host_advance (host, 3999);
  g_assert_cmphex (state (host).faults, ==, 0);
  host_advance (host, 2000);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_SENSOR);
  g_assert_true (state (host).sensor_stuck);
  /* Still frozen: the cause persists. */
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_SENSOR_STUCK, 0);
  host_advance (host, 10);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
}

static void
test_device_overtemp_power (void)
{
  g_autoptr(Host) host = host_new ("overtemp-at=1,brownout-at=1.5");

  host_advance (host, 1000);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_OVERTEMP);
  host_advance (host, 500);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_OVERTEMP | EBB_ECP_FAULT_POWER);
  /* The brown-out is over; the pump is still hot. */
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_FAULT_ACTIVE);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_OVERTEMP);
  host_advance (host, 25000);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
  g_assert_cmphex (state (host).faults, ==, 0);
}

static void
test_device_estop_scheduled (void)
{
  g_autoptr(Host) host = host_new ("estop-at=1.5,estop-release-at=2");

  host_advance (host, 1499);
  g_assert_cmphex (state (host).faults, ==, 0);
  host_advance (host, 1);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_ESTOP);
  g_assert_true (state (host).estop_pressed);
  host_advance (host, 500);
  g_assert_false (state (host).estop_pressed);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
}

static void
test_device_target_reached (void)
{
  g_autoptr(Host) host = host_new (NULL);
  const EbbEcpPacket *event;
  const EbbEcpPacket *last;

  g_assert_cmpuint (cmd_stream (host, 10), ==, EBB_ECP_RESULT_OK);
  g_assert_cmpuint (cmd_set_target (host, -5333, 2000), ==, EBB_ECP_RESULT_OK);
  host_clear (host);
  host_advance (host, 6000);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_EVENT), ==, 1);
  event = host_find (host, EBB_ECP_MSG_EVENT, 0);
  g_assert_cmphex (event->event.code, ==, EBB_ECP_EVENT_TARGET_REACHED);
  g_assert_cmpint (abs (event->event.value + 5333), <=, 133);
  last = host_find (host, EBB_ECP_MSG_TELEMETRY, host_count (host, EBB_ECP_MSG_TELEMETRY) - 1);
  g_assert_cmphex (last->telemetry.flags & (EBB_ECP_FLAG_TARGET_REACHED | EBB_ECP_FLAG_REGULATING),
                   ==, EBB_ECP_FLAG_TARGET_REACHED | EBB_ECP_FLAG_REGULATING);
  g_assert_cmpint (last->telemetry.target_pa, ==, -5333);
  g_assert_cmpint (abs (last->telemetry.pressure_pa + 5333), <=, 133);
}

static void
test_device_reboot (void)
{
  g_autoptr(Host) host = host_new ("reboot-at=3");
  const EbbEcpPacket *boot, *sample;

  hello (host, 1, 1);
  g_assert_cmpuint (cmd_stream (host, 100), ==, EBB_ECP_RESULT_OK);
  for (int i = 0; i < 11; i++)
    {
      host_advance (host, 250);
      heartbeat (host);
    }
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_BROWNOUT, 0);
  g_assert_cmpuint (state (host).device_ms, ==, 2750);
  host_advance (host, 250);
  g_assert_cmpuint (state (host).device_ms, ==, 3000);
  host_clear (host);

  /* Silent for 300 ms while restarting, then BOOT with seq 0 and
   * device_ms 0. */
  host_advance (host, 299);
  g_assert_cmpuint (host->packets->len, ==, 0);
  host_advance (host, 1);
  boot = host_find (host, EBB_ECP_MSG_EVENT, 0);
  g_assert_nonnull (boot);
  g_assert_cmphex (boot->event.code, ==, EBB_ECP_EVENT_BOOT);
  g_assert_cmpuint (boot->seq, ==, 0);
  g_assert_cmpuint (boot->event.device_ms, ==, 0);
  g_assert_cmpuint (state (host).boots, ==, 2);

  /* Link state, faults and the watchdog start over. */
  g_assert_cmphex (state (host).faults, ==, 0);
  g_assert_false (state (host).watchdog_armed);
  g_assert_cmpuint (state (host).stream_rate_hz, ==, 0);
  g_assert_cmpuint (cmd_stream (host, 100), ==, EBB_ECP_RESULT_OK);
  host_clear (host);
  host_advance (host, 20);
  sample = host_find (host, EBB_ECP_MSG_TELEMETRY, 0);
  g_assert_nonnull (sample);
  g_assert_cmpuint (sample->telemetry.device_ms, <, 100);
}

static void
test_device_mute (void)
{
  g_autoptr(Host) host = host_new ("mute-at=1,unmute-at=3");
  EbbEcpPacket vent = { .type = EBB_ECP_MSG_VENT };

  hello (host, 1, 1);
  g_assert_cmpuint (cmd_stream (host, 100), ==, EBB_ECP_RESULT_OK);
  host_advance (host, 999);
  heartbeat (host);
  host_clear (host);
  host_advance (host, 1);
  g_assert_true (state (host).muted);
  host_advance (host, 500);
  host_send (host, &vent);
  g_assert_cmpuint (host->packets->len, ==, 0);

  /* The link is dead both ways: the watchdog fires 1 s after the last
   * heartbeat that got through. */
  host_advance (host, 499);
  g_assert_cmphex (state (host).faults, ==, EBB_ECP_FAULT_WATCHDOG);
  g_assert_cmpuint (host->packets->len, ==, 0);

  host_advance (host, 1020);
  g_assert_false (state (host).muted);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_TELEMETRY), >, 0);
  g_assert_cmpuint (cmd_simple (host, EBB_ECP_MSG_CLEAR_FAULTS), ==, EBB_ECP_RESULT_OK);
}

static void
test_device_bit_errors (void)
{
  g_autoptr(Host) host = host_new ("seed=9");
  EbbEcpStatus status;
  guint telemetry;

  g_assert_cmpuint (cmd_stream (host, 200), ==, EBB_ECP_RESULT_OK);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_BER_TO_HOST, 0.002);
  host_clear (host);
  host_advance (host, 10000);
  telemetry = host_count (host, EBB_ECP_MSG_TELEMETRY);
  /* 26-byte frames at 0.2 % per bit: about a third lost, every loss
   * counted by the host's decoder. */
  g_test_message ("%u of 2000 samples intact, %" G_GUINT64_FORMAT " frames rejected",
                  telemetry, ebb_ecp_decoder_get_frames_bad (&host->dec));
  g_assert_cmpuint (telemetry, >, 1000);
  g_assert_cmpuint (telemetry, <, 1900);
  g_assert_cmpuint (ebb_ecp_decoder_get_frames_bad (&host->dec), >, 0);

  /* Errors on the way in are counted by the device. */
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_BER_TO_HOST, 0);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_BER_FROM_HOST, 0.05);
  for (int i = 0; i < 50; i++)
    heartbeat (host);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_BER_FROM_HOST, 0);
  status = get_status (host);
  g_assert_cmpuint (status.frames_bad, >, 0);
  g_assert_cmpuint (status.frames_ok + status.frames_bad, <=, 52);

  /* Dropped bytes cost frames too. */
  host_clear (host);
  ebb_sim_device_inject (host->dev, EBB_SIM_FAULT_DROP_BYTES, 0.01);
  host_clear (host);
  host_advance (host, 2000);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_TELEMETRY), <, 400);
  g_assert_cmpuint (host_count (host, EBB_ECP_MSG_TELEMETRY), >, 200);
}

static void
test_device_garbage (void)
{
  g_autoptr(Host) host = host_new ("seed=4");
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  const EbbEcpPacket *ident;

  /* Random bytes, and well-formed frames of every type with random
   * payloads, at random times: the device must neither crash nor stop
   * answering. */
  for (int i = 0; i < 3000; i++)
    {
      guint8 junk[64];
      EbbEcpPacket p;
      guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
      gsize n;

      for (gsize k = 0; k < sizeof junk; k++)
        junk[k] = (guint8) g_rand_int_range (rand, 0, 256);
      ebb_sim_device_receive (host->dev, junk, (gsize) g_rand_int_range (rand, 0, sizeof junk));

      memset (&p, 0, sizeof p);
      p.type = (guint8) g_rand_int_range (rand, 0, 256);
      p.seq = (guint16) g_rand_int (rand);
      p.payload_len = (guint8) MAX (ebb_ecp_payload_size (p.type), 0);
      for (gsize k = 0; k < sizeof p.raw; k++)
        p.raw[k] = (guint8) g_rand_int (rand);
      if (p.type == EBB_ECP_MSG_IDENT)
        p.ident.model.len = p.ident.serial.len = p.ident.firmware.len = 0;
      else if (!ebb_ecp_message_type_is_known (p.type))
        p.payload_len = (guint8) g_rand_int_range (rand, 0, EBB_ECP_MAX_PAYLOAD + 1);
      n = ebb_ecp_frame_encode (&p, frame, sizeof frame);
      g_assert_cmpuint (n, >, 0);
      ebb_sim_device_receive (host->dev, frame, n);
      ebb_sim_device_advance (host->dev, (guint) g_rand_int_range (rand, 0, 20));
      host_receive (host);
    }

  /* A delimiter ends whatever junk is pending; then a normal HELLO. */
  ebb_sim_device_receive (host->dev, (const guint8 *) "", 1);
  host_advance (host, 1);
  ident = hello (host, 1, 0xABCD);
  g_assert_cmpuint (ident->type, ==, EBB_ECP_MSG_IDENT);
  g_assert_cmphex (ident->ident.host_nonce, ==, 0xABCD);
  g_assert_cmpuint (state (host).frames_bad, >, 0);
}

static GBytes *
run_session (const char *options)
{
  g_autoptr(Host) host = host_new (options);
  g_autoptr(GByteArray) all = g_byte_array_new ();
  EbbEcpPacket p = { .type = EBB_ECP_MSG_STREAM };

  p.stream.rate_hz = 200;
  for (int i = 0; i < 20; i++)
    {
      g_autoptr(GBytes) out = NULL;
      guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
      gsize n;

      if (i == 2)
        {
          p.type = EBB_ECP_MSG_SET_TARGET;
          p.set_target.target_pa = -6000;
          p.set_target.ramp_pa_per_s = 3000;
        }
      p.seq = (guint16) i;
      n = ebb_ecp_frame_encode (&p, frame, sizeof frame);
      ebb_sim_device_receive (host->dev, frame, n);
      ebb_sim_device_advance (host->dev, 250);
      out = ebb_sim_device_take_output (host->dev);
      g_byte_array_append (all, g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static void
test_device_deterministic (void)
{
  g_autoptr(GBytes) a = run_session ("seed=7,ber=0.001,drop-rate=0.001,leak-at=2,leak-rate=300");
  g_autoptr(GBytes) b = run_session ("seed=7,ber=0.001,drop-rate=0.001,leak-at=2,leak-rate=300");
  g_autoptr(GBytes) c = run_session ("seed=8,ber=0.001,drop-rate=0.001,leak-at=2,leak-rate=300");

  g_assert_cmpuint (g_bytes_get_size (a), >, 20000);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
}

static void
test_config (void)
{
  EbbSimConfig config;
  g_autoptr(GError) error = NULL;
  const EbbSimOptionInfo *infos;
  guint n;

  ebb_sim_config_init (&config);
  g_assert_true (ebb_sim_config_parse (&config, "seed=7, leak-at=30,ber=0.001,,floor-pa=-8000,"
                                       "model=EBB-INP-2,log=/tmp/x.log", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (config.seed, ==, 7);
  g_assert_cmpfloat (config.leak_at, ==, 30);
  g_assert_cmpfloat (config.ber_to_host, ==, 0.001);
  g_assert_cmpfloat (config.ber_from_host, ==, 0.001);
  g_assert_cmpint (config.floor_pa, ==, -8000);
  g_assert_cmpstr (config.model, ==, "EBB-INP-2");
  g_assert_cmpstr (config.log_path, ==, "/tmp/x.log");
  g_assert_cmpfloat (config.estop_at, ==, EBB_SIM_NEVER);
  g_assert_true (ebb_sim_config_parse (&config, NULL, &error));
  g_assert_true (ebb_sim_config_parse (&config, "", &error));

  g_assert_false (ebb_sim_config_parse (&config, "bogus=1", &error));
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_assert_nonnull (strstr (error->message, "bogus"));
  g_clear_error (&error);
  g_assert_false (ebb_sim_config_parse (&config, "seed=x", &error));
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_assert_nonnull (strstr (error->message, "seed"));
  g_clear_error (&error);
  g_assert_false (ebb_sim_config_parse (&config, "leak-at", &error));
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_false (ebb_sim_config_parse (&config, "ber=2", &error));
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_false (ebb_sim_config_parse (&config, "watchdog-ms=10", &error));
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_false (ebb_sim_config_parse (&config, "serial=0123456789012345678901234567890123", &error));
  g_assert_error (error, EBB_SIM_ERROR, EBB_SIM_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_false (ebb_sim_config_parse (&config, "leak-at=nan", &error));
  g_clear_error (&error);

  infos = ebb_sim_config_get_options (&n);
  g_assert_cmpuint (n, >=, 20);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (infos[i].help);
      g_assert_nonnull (infos[i].arg);
    }
  ebb_sim_config_clear (&config);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/sim/physics/pump-down", test_physics_pump_down);
  g_test_add_func ("/ebb/sim/physics/vent", test_physics_vent);
  g_test_add_func ("/ebb/sim/physics/regulation", test_physics_regulation);
  g_test_add_func ("/ebb/sim/physics/target-reached-delay", test_physics_target_reached_delay);
  g_test_add_func ("/ebb/sim/physics/ramp", test_physics_ramp);
  g_test_add_func ("/ebb/sim/physics/leak-beats-pump", test_physics_leak_beats_pump);
  g_test_add_func ("/ebb/sim/physics/deterministic", test_physics_deterministic);
  g_test_add_func ("/ebb/sim/config", test_config);
  g_test_add_func ("/ebb/sim/device/boot", test_device_boot);
  g_test_add_func ("/ebb/sim/device/hello", test_device_hello);
  g_test_add_func ("/ebb/sim/device/hello-resets-link", test_device_hello_resets_link);
  g_test_add_func ("/ebb/sim/device/ack-results", test_device_ack_results);
  g_test_add_func ("/ebb/sim/device/bad-frames", test_device_bad_frames);
  g_test_add_func ("/ebb/sim/device/stream", test_device_stream);
  g_test_add_func ("/ebb/sim/device/watchdog", test_device_watchdog);
  g_test_add_func ("/ebb/sim/device/bye-disarms", test_device_bye_disarms);
  g_test_add_func ("/ebb/sim/device/over-vacuum", test_device_over_vacuum);
  g_test_add_func ("/ebb/sim/device/leak", test_device_leak);
  g_test_add_func ("/ebb/sim/device/lid-opened", test_device_lid_opened);
  g_test_add_func ("/ebb/sim/device/sensor-stuck", test_device_sensor_stuck);
  g_test_add_func ("/ebb/sim/device/overtemp-power", test_device_overtemp_power);
  g_test_add_func ("/ebb/sim/device/estop-scheduled", test_device_estop_scheduled);
  g_test_add_func ("/ebb/sim/device/target-reached", test_device_target_reached);
  g_test_add_func ("/ebb/sim/device/reboot", test_device_reboot);
  g_test_add_func ("/ebb/sim/device/mute", test_device_mute);
  g_test_add_func ("/ebb/sim/device/bit-errors", test_device_bit_errors);
  g_test_add_func ("/ebb/sim/device/garbage", test_device_garbage);
  g_test_add_func ("/ebb/sim/device/deterministic", test_device_deterministic);

  return g_test_run ();
}
