/* ebb-sim-device.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-sim-device"

#include "config.h"

#include "ebb-sim-device.h"

#include "ebb-ecp-decoder.h"
#include "ebb-ecp-packet.h"
#include "ebb-sim-physics.h"
#include "ebb-sim-rng.h"

#include <math.h>
#include <string.h>

#define OVER_VACUUM_MARGIN_PA  667   /* §4.2 OVER_VACUUM */
#define OVER_VACUUM_MS         200
#define SENSOR_FROZEN_MS       500
#define LEAK_S                 10.0  /* §4.2 LEAK */
#define REBOOT_MS              300   /* silent while the controller restarts */
#define DEFAULT_OVERTEMP_C     95.0

typedef struct
{
  guint64     at_ms;
  EbbSimFault fault;
  double      value;
} Scheduled;

struct _EbbSimDevice
{
  EbbSimConfig   config;
  EbbSimPhysics  ph;
  EbbSimRng      link_rng;
  EbbEcpDecoder  dec;
  GByteArray    *out;
  GArray        *schedule;      /* Scheduled, sorted by at_ms */
  guint          next_scheduled;
  EbbSimLogFunc  log_func;
  gpointer       log_data;

  /* the controller, reset at every boot */
  guint64        sim_ms;
  guint64        boot_sim_ms;
  guint          boots;
  guint          rebooting_ms;
  guint16        seq;
  guint16        faults;
  gboolean       watchdog_armed;
  guint64        last_valid_ms;
  guint16        stream_rate_hz;
  double         next_telemetry_ms;
  guint          over_vacuum_ms;
  guint          frozen_ms;
  gint32         last_reading;
  gboolean       was_reached;

  /* the world around it, which a reboot does not change */
  gboolean       estop_pressed;
  gboolean       muted;
  double         ber_to_host;
  double         ber_from_host;
  double         drop_rate;
  guint64        packets_sent;
  guint64        bytes_received;
  guint64        bytes_sent;
};

static guint32
device_ms (EbbSimDevice *dev)
{
  return (guint32) (dev->sim_ms - dev->boot_sim_ms);
}

static void
log_line (EbbSimDevice *dev,
          const char   *line)
{
  if (dev->log_func != NULL)
    dev->log_func (dev->sim_ms, device_ms (dev), line, dev->log_data);
}

/* What a byte suffers on the wire; the same generator serves both ways, so
 * a seed fixes the whole exchange. Returns FALSE when the byte is lost. */
static gboolean
impair (EbbSimDevice *dev,
        guint8       *byte,
        double        ber)
{
  if (dev->drop_rate > 0 && ebb_sim_rng_double (&dev->link_rng) < dev->drop_rate)
    return FALSE;
  if (ber > 0)
    for (int bit = 0; bit < 8; bit++)
      if (ebb_sim_rng_double (&dev->link_rng) < ber)
        *byte ^= (guint8) (1u << bit);
  return TRUE;
}

static void
send_packet (EbbSimDevice *dev,
             EbbEcpPacket *p)
{
  guint8 frame[EBB_ECP_MAX_ENCODED_FRAME];
  gsize n;

  /* A rebooting controller sends nothing; a muted one talks into a dead
   * link, so its sequence numbers still advance. */
  if (dev->rebooting_ms > 0)
    return;

  p->seq = dev->seq++;
  n = ebb_ecp_frame_encode (p, frame, sizeof frame);
  g_assert (n > 0);
  dev->packets_sent++;
  if (dev->muted)
    return;

  for (gsize i = 0; i < n; i++)
    {
      guint8 b = frame[i];

      if (impair (dev, &b, dev->ber_to_host))
        {
          g_byte_array_append (dev->out, &b, 1);
          dev->bytes_sent++;
        }
    }
}

static void
send_ack (EbbSimDevice       *dev,
          const EbbEcpPacket *cmd,
          EbbEcpResult        result)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_ACK };

  p.ack.acked_seq = cmd->seq;
  p.ack.acked_type = cmd->type;
  p.ack.result = result;
  send_packet (dev, &p);
}

static void
send_event (EbbSimDevice *dev,
            guint16       code)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_EVENT };

  p.event.device_ms = device_ms (dev);
  p.event.code = code;
  p.event.value = dev->ph.reading_pa;
  send_packet (dev, &p);
}

static guint8
pump_pct (EbbSimDevice *dev)
{
  return (guint8) lround (dev->ph.pump * 100);
}

static gboolean
vent_open (EbbSimDevice *dev)
{
  return dev->ph.vent >= 0.01;
}

/* A chamber without a lid sensor knows nothing of its lid: it never
 * reports it closed, never faults on it and never refuses for it. */
static gboolean
has_lid_sensor (EbbSimDevice *dev)
{
  return (dev->config.capabilities & EBB_ECP_CAP_LID_SENSOR) != 0;
}

static gboolean
regulating (EbbSimDevice *dev)
{
  return dev->ph.mode == EBB_SIM_MODE_REGULATE && dev->ph.target_pa < 0;
}

static guint16
flags (EbbSimDevice *dev)
{
  guint16 f = 0;

  if (regulating (dev))
    f |= EBB_ECP_FLAG_REGULATING;
  if (vent_open (dev))
    f |= EBB_ECP_FLAG_VENT_OPEN;
  if (pump_pct (dev) > 0)
    f |= EBB_ECP_FLAG_PUMP_ON;
  if (has_lid_sensor (dev) && dev->ph.lid_closed)
    f |= EBB_ECP_FLAG_LID_CLOSED;
  if (dev->faults != 0)
    f |= EBB_ECP_FLAG_FAULT;
  if (dev->stream_rate_hz > 0)
    f |= EBB_ECP_FLAG_STREAMING;
  if (dev->watchdog_armed)
    f |= EBB_ECP_FLAG_WATCHDOG_ARMED;
  if (dev->ph.target_reached)
    f |= EBB_ECP_FLAG_TARGET_REACHED;
  return f;
}

static void
raise_fault (EbbSimDevice *dev,
             guint16       fault)
{
  int bit = g_bit_nth_lsf (fault, -1);

  /* Every fault vents (§4.2), also one that is already latched again. */
  ebb_sim_physics_vent (&dev->ph);
  if (dev->faults & fault)
    return;
  dev->faults |= fault;
  send_event (dev, EBB_ECP_EVENT_FAULT_RAISED (bit));
}

/* Whether the reason for a latched fault is still there (§5.3). */
static gboolean
cause_persists (EbbSimDevice *dev,
                guint16       fault)
{
  switch ((EbbEcpFaults) fault)
    {
    case EBB_ECP_FAULT_OVER_VACUUM:
      return dev->ph.pressure_pa < dev->config.floor_pa - OVER_VACUUM_MARGIN_PA;
    case EBB_ECP_FAULT_SENSOR:
      return dev->frozen_ms >= SENSOR_FROZEN_MS ||
             dev->ph.reading_pa < EBB_SIM_SENSOR_MIN_PA ||
             dev->ph.reading_pa > EBB_SIM_SENSOR_MAX_PA;
    case EBB_ECP_FAULT_LID_OPENED:
      return has_lid_sensor (dev) && !dev->ph.lid_closed;
    case EBB_ECP_FAULT_ESTOP:
      return dev->estop_pressed;
    case EBB_ECP_FAULT_OVERTEMP:
      return dev->ph.pump_temp_c > EBB_SIM_OVERTEMP_CLEAR_C;
    case EBB_ECP_FAULT_WATCHDOG:
    case EBB_ECP_FAULT_LEAK:
    case EBB_ECP_FAULT_POWER:
    default:
      return FALSE;
    }
}

static void
boot (EbbSimDevice *dev)
{
  dev->boot_sim_ms = dev->sim_ms;
  dev->boots++;
  dev->rebooting_ms = 0;
  dev->seq = 0;
  dev->faults = 0;
  dev->watchdog_armed = FALSE;
  dev->stream_rate_hz = 0;
  dev->over_vacuum_ms = 0;
  dev->frozen_ms = 0;
  dev->was_reached = FALSE;
  ebb_ecp_decoder_init (&dev->dec);
  ebb_sim_physics_vent (&dev->ph);
  send_event (dev, EBB_ECP_EVENT_BOOT);
  /* A button held down through the restart is a fault again at once. */
  if (dev->estop_pressed)
    raise_fault (dev, EBB_ECP_FAULT_ESTOP);
}

static void
send_ident (EbbSimDevice       *dev,
            const EbbEcpPacket *hello)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_IDENT };

  p.ident.proto_major = EBB_ECP_PROTO_MAJOR;
  p.ident.proto_minor = EBB_ECP_PROTO_MINOR;
  p.ident.host_nonce = hello->hello.host_nonce;
  ebb_ecp_string_set (&p.ident.model, dev->config.model);
  ebb_ecp_string_set (&p.ident.serial, dev->config.serial);
  ebb_ecp_string_set (&p.ident.firmware, dev->config.firmware);
  p.ident.floor_pa = dev->config.floor_pa;
  p.ident.watchdog_ms = (guint16) dev->config.watchdog_ms;
  p.ident.max_rate_hz = (guint16) dev->config.max_rate_hz;
  p.ident.capabilities = dev->config.capabilities;
  send_packet (dev, &p);
}

static void
send_status (EbbSimDevice *dev)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_STATUS };

  p.status.flags = flags (dev);
  p.status.faults = dev->faults;
  p.status.pressure_pa = dev->ph.reading_pa;
  p.status.target_pa = (gint32) lround (dev->ph.target_pa);
  p.status.uptime_ms = device_ms (dev);
  p.status.stream_rate_hz = dev->stream_rate_hz;
  p.status.frames_ok = (guint32) ebb_ecp_decoder_get_frames_ok (&dev->dec);
  p.status.frames_bad = (guint32) ebb_ecp_decoder_get_frames_bad (&dev->dec);
  send_packet (dev, &p);
}

static void
send_telemetry (EbbSimDevice *dev)
{
  EbbEcpPacket p = { .type = EBB_ECP_MSG_TELEMETRY };

  p.telemetry.device_ms = device_ms (dev);
  p.telemetry.pressure_pa = dev->ph.reading_pa;
  p.telemetry.target_pa = (gint32) lround (dev->ph.target_pa);
  p.telemetry.pump_pct = pump_pct (dev);
  p.telemetry.vent_open = vent_open (dev) ? 1 : 0;
  p.telemetry.flags = flags (dev);
  p.telemetry.faults = dev->faults;
  send_packet (dev, &p);
}

static EbbEcpResult
clear_faults (EbbSimDevice *dev)
{
  EbbEcpResult result = EBB_ECP_RESULT_OK;

  for (int bit = 0; bit < EBB_ECP_N_FAULTS; bit++)
    {
      guint16 fault = (guint16) (1u << bit);

      if (!(dev->faults & fault))
        continue;
      if (cause_persists (dev, fault))
        {
          result = EBB_ECP_RESULT_FAULT_ACTIVE;
          continue;
        }
      dev->faults &= (guint16) ~fault;
      send_event (dev, EBB_ECP_EVENT_FAULT_CLEARED (bit));
    }

  return result;
}

static EbbEcpResult
set_target (EbbSimDevice          *dev,
            const EbbEcpSetTarget *cmd)
{
  if (cmd->target_pa < dev->config.floor_pa || cmd->target_pa > 0)
    return EBB_ECP_RESULT_OUT_OF_RANGE;
  if (cmd->target_pa < 0 && dev->faults != 0)
    return EBB_ECP_RESULT_FAULT_ACTIVE;
  if (cmd->target_pa < 0 && has_lid_sensor (dev) && !dev->ph.lid_closed)
    return EBB_ECP_RESULT_LID_OPEN;

  ebb_sim_physics_set_target (&dev->ph, cmd->target_pa, cmd->ramp_pa_per_s);
  return EBB_ECP_RESULT_OK;
}

static void
packet_cb (const EbbEcpPacket *p,
           EbbEcpDecodeResult  result,
           void               *user_data)
{
  EbbSimDevice *dev = user_data;
  char line[256];

  ebb_ecp_packet_format (p, line, sizeof line);
  log_line (dev, line);

  /* §5.2: every valid host frame feeds the watchdog. */
  dev->last_valid_ms = dev->sim_ms;

  switch (p->type)
    {
    case EBB_ECP_MSG_HELLO:
      /* Length is checked by the decoder; the form of the version is ours:
       * a host speaking another major version gets BAD_PAYLOAD, not IDENT. */
      if (p->hello.proto_major != EBB_ECP_PROTO_MAJOR)
        {
          send_ack (dev, p, EBB_ECP_RESULT_BAD_PAYLOAD);
          break;
        }
      /* §5.1: HELLO resets the link state; latched faults stay. */
      dev->stream_rate_hz = 0;
      ebb_sim_physics_vent (&dev->ph);
      dev->watchdog_armed = TRUE;
      send_ident (dev, p);
      break;

    case EBB_ECP_MSG_HEARTBEAT:
      break;

    case EBB_ECP_MSG_STREAM:
      if (p->stream.rate_hz > dev->config.max_rate_hz)
        {
          send_ack (dev, p, EBB_ECP_RESULT_OUT_OF_RANGE);
          break;
        }
      /* A repeated STREAM at the same rate keeps the schedule (§5.3). */
      if (p->stream.rate_hz != dev->stream_rate_hz)
        dev->next_telemetry_ms = (double) dev->sim_ms + 1;
      dev->stream_rate_hz = p->stream.rate_hz;
      send_ack (dev, p, EBB_ECP_RESULT_OK);
      break;

    case EBB_ECP_MSG_SET_TARGET:
      send_ack (dev, p, set_target (dev, &p->set_target));
      break;

    case EBB_ECP_MSG_VENT:
      ebb_sim_physics_vent (&dev->ph);
      send_ack (dev, p, EBB_ECP_RESULT_OK);
      break;

    case EBB_ECP_MSG_CLEAR_FAULTS:
      send_ack (dev, p, clear_faults (dev));
      break;

    case EBB_ECP_MSG_GET_STATUS:
      send_status (dev);
      break;

    case EBB_ECP_MSG_BYE:
      dev->watchdog_armed = FALSE;
      send_ack (dev, p, EBB_ECP_RESULT_OK);
      break;

    default:
      /* Unknown types, and device → host types a host should never send. */
      send_ack (dev, p, EBB_ECP_RESULT_UNSUPPORTED);
      break;
    }
}

static void
reject_cb (EbbEcpDecodeResult  result,
           const uint8_t      *frame,
           size_t              len,
           void               *user_data)
{
  EbbSimDevice *dev = user_data;
  char line[64];

  g_snprintf (line, sizeof line, "rejected (%s), %zu bytes",
              ebb_ecp_decode_result_name (result), len);
  log_line (dev, line);
}

static void
apply (EbbSimDevice *dev,
       EbbSimFault   fault,
       double        value)
{
  switch (fault)
    {
    case EBB_SIM_FAULT_LEAK:
      dev->ph.leak_pa_per_s = MAX (value, 0);
      break;

    case EBB_SIM_FAULT_LID_OPEN:
      if (!dev->ph.lid_closed)
        break;
      dev->ph.lid_closed = false;
      if (dev->rebooting_ms > 0)
        break;
      if (regulating (dev))
        raise_fault (dev, EBB_ECP_FAULT_LID_OPENED);
      else
        send_event (dev, EBB_ECP_EVENT_LID_OPENED_IDLE);
      break;

    case EBB_SIM_FAULT_LID_CLOSE:
      if (dev->ph.lid_closed)
        break;
      dev->ph.lid_closed = true;
      send_event (dev, EBB_ECP_EVENT_LID_CLOSED);
      break;

    case EBB_SIM_FAULT_ESTOP_PRESS:
      dev->estop_pressed = TRUE;
      if (dev->rebooting_ms == 0)
        raise_fault (dev, EBB_ECP_FAULT_ESTOP);
      break;

    case EBB_SIM_FAULT_ESTOP_RELEASE:
      dev->estop_pressed = FALSE;
      break;

    case EBB_SIM_FAULT_SENSOR_STUCK:
      dev->ph.sensor_stuck = value != 0;
      break;

    case EBB_SIM_FAULT_SENSOR_OFFSET:
      dev->ph.sensor_offset_pa = value;
      break;

    case EBB_SIM_FAULT_REBOOT:
      dev->rebooting_ms = REBOOT_MS;
      ebb_ecp_decoder_discard (&dev->dec);
      ebb_sim_physics_vent (&dev->ph);
      break;

    case EBB_SIM_FAULT_MUTE:
      dev->muted = TRUE;
      break;

    case EBB_SIM_FAULT_UNMUTE:
      dev->muted = FALSE;
      break;

    case EBB_SIM_FAULT_BER_TO_HOST:
      dev->ber_to_host = CLAMP (value, 0, 0.5);
      break;

    case EBB_SIM_FAULT_BER_FROM_HOST:
      dev->ber_from_host = CLAMP (value, 0, 0.5);
      break;

    case EBB_SIM_FAULT_DROP_BYTES:
      dev->drop_rate = CLAMP (value, 0, 1);
      break;

    case EBB_SIM_FAULT_OVERTEMP:
      dev->ph.pump_temp_c = value > 0 ? value : DEFAULT_OVERTEMP_C;
      break;

    case EBB_SIM_FAULT_BROWNOUT:
      if (dev->rebooting_ms == 0)
        raise_fault (dev, EBB_ECP_FAULT_POWER);
      break;

    default:
      g_return_if_reached ();
    }
}

static void
check_faults (EbbSimDevice *dev)
{
  EbbSimPhysics *ph = &dev->ph;

  if (dev->watchdog_armed &&
      dev->sim_ms - dev->last_valid_ms >= dev->config.watchdog_ms &&
      !(dev->faults & EBB_ECP_FAULT_WATCHDOG))
    raise_fault (dev, EBB_ECP_FAULT_WATCHDOG);

  /* An independent safety sensor sees the true pressure: that is what
   * catches a main sensor that reads high. */
  if (ph->pressure_pa < dev->config.floor_pa - OVER_VACUUM_MARGIN_PA)
    {
      if (++dev->over_vacuum_ms >= OVER_VACUUM_MS && !(dev->faults & EBB_ECP_FAULT_OVER_VACUUM))
        raise_fault (dev, EBB_ECP_FAULT_OVER_VACUUM);
    }
  else
    {
      dev->over_vacuum_ms = 0;
    }

  /* A live sensor always moves by its noise; one that does not while the
   * pump or the valve moves air (even a little) is frozen. */
  if (ph->reading_pa == dev->last_reading)
    dev->frozen_ms++;
  else
    dev->frozen_ms = 0;
  dev->last_reading = ph->reading_pa;
  if (!(dev->faults & EBB_ECP_FAULT_SENSOR) &&
      ((dev->frozen_ms >= SENSOR_FROZEN_MS && (ph->pump > 0 || ph->vent > 0)) ||
       ph->reading_pa < EBB_SIM_SENSOR_MIN_PA || ph->reading_pa > EBB_SIM_SENSOR_MAX_PA))
    raise_fault (dev, EBB_ECP_FAULT_SENSOR);

  if (ph->full_pump_s >= LEAK_S && !(dev->faults & EBB_ECP_FAULT_LEAK))
    raise_fault (dev, EBB_ECP_FAULT_LEAK);

  if (ph->pump_temp_c > EBB_SIM_OVERTEMP_C && !(dev->faults & EBB_ECP_FAULT_OVERTEMP))
    raise_fault (dev, EBB_ECP_FAULT_OVERTEMP);

  /* The event is about therapy targets; a vent reaching 0 sets the flag
   * but sends nothing. */
  if (ph->target_reached && !dev->was_reached && regulating (dev))
    send_event (dev, EBB_ECP_EVENT_TARGET_REACHED);
  dev->was_reached = ph->target_reached;
}

static void
tick (EbbSimDevice *dev)
{
  dev->sim_ms++;
  ebb_sim_physics_step (&dev->ph, 0.001);

  if (dev->rebooting_ms > 0 && --dev->rebooting_ms == 0)
    boot (dev);

  while (dev->next_scheduled < dev->schedule->len)
    {
      const Scheduled *s = &g_array_index (dev->schedule, Scheduled, dev->next_scheduled);

      if (s->at_ms > dev->sim_ms)
        break;
      dev->next_scheduled++;
      apply (dev, s->fault, s->value);
    }

  if (dev->rebooting_ms > 0)
    return;

  check_faults (dev);

  if (dev->stream_rate_hz > 0 && dev->sim_ms >= dev->next_telemetry_ms)
    {
      double period = 1000.0 / dev->stream_rate_hz;

      send_telemetry (dev);
      dev->next_telemetry_ms += period;
      if (dev->next_telemetry_ms < dev->sim_ms)
        dev->next_telemetry_ms = (double) dev->sim_ms + period;
    }
}

static void
schedule (EbbSimDevice *dev,
          double        at_s,
          EbbSimFault   fault,
          double        value)
{
  Scheduled s;

  if (at_s < 0)
    return;
  s.at_ms = (guint64) llround (at_s * 1000);
  s.fault = fault;
  s.value = value;
  g_array_append_val (dev->schedule, s);
}

static gint
compare_scheduled (gconstpointer a,
                   gconstpointer b)
{
  const Scheduled *sa = a;
  const Scheduled *sb = b;

  return sa->at_ms < sb->at_ms ? -1 : sa->at_ms > sb->at_ms;
}

EbbSimDevice *
ebb_sim_device_new (const EbbSimConfig *config)
{
  EbbSimDevice *dev = g_new0 (EbbSimDevice, 1);
  const EbbSimConfig *c;

  g_return_val_if_fail (config != NULL, NULL);

  ebb_sim_config_copy (&dev->config, config);
  c = &dev->config;
  /* Separate streams for the sensor and the link, so injecting bit errors
   * does not change the noise a test sees. */
  ebb_sim_physics_init (&dev->ph, c->seed);
  ebb_sim_rng_seed (&dev->link_rng, c->seed ^ G_GUINT64_CONSTANT (0x6c696e6b));
  dev->out = g_byte_array_new ();
  dev->ber_to_host = c->ber_to_host;
  dev->ber_from_host = c->ber_from_host;
  dev->drop_rate = c->drop_rate;

  dev->schedule = g_array_new (FALSE, FALSE, sizeof (Scheduled));
  schedule (dev, c->leak_at, EBB_SIM_FAULT_LEAK, c->leak_rate);
  schedule (dev, c->lid_open_at, EBB_SIM_FAULT_LID_OPEN, 0);
  schedule (dev, c->lid_close_at, EBB_SIM_FAULT_LID_CLOSE, 0);
  schedule (dev, c->estop_at, EBB_SIM_FAULT_ESTOP_PRESS, 0);
  schedule (dev, c->estop_release_at, EBB_SIM_FAULT_ESTOP_RELEASE, 0);
  schedule (dev, c->sensor_stuck_at, EBB_SIM_FAULT_SENSOR_STUCK, 1);
  schedule (dev, c->sensor_offset_at, EBB_SIM_FAULT_SENSOR_OFFSET, c->sensor_offset);
  schedule (dev, c->overtemp_at, EBB_SIM_FAULT_OVERTEMP, DEFAULT_OVERTEMP_C);
  schedule (dev, c->brownout_at, EBB_SIM_FAULT_BROWNOUT, 0);
  schedule (dev, c->reboot_at, EBB_SIM_FAULT_REBOOT, 0);
  schedule (dev, c->mute_at, EBB_SIM_FAULT_MUTE, 0);
  schedule (dev, c->unmute_at, EBB_SIM_FAULT_UNMUTE, 0);
  /* Stable, so two faults at the same time apply in the order above. */
  g_array_sort (dev->schedule, compare_scheduled);

  ebb_ecp_decoder_init (&dev->dec);
  ebb_sim_physics_step (&dev->ph, 0.001);
  dev->last_reading = dev->ph.reading_pa;
  boot (dev);

  return dev;
}

void
ebb_sim_device_free (EbbSimDevice *dev)
{
  if (dev == NULL)
    return;
  g_byte_array_unref (dev->out);
  g_array_unref (dev->schedule);
  ebb_sim_config_clear (&dev->config);
  g_free (dev);
}

void
ebb_sim_device_set_log_func (EbbSimDevice  *dev,
                             EbbSimLogFunc  func,
                             gpointer       user_data)
{
  g_return_if_fail (dev != NULL);

  dev->log_func = func;
  dev->log_data = user_data;
}

void
ebb_sim_device_receive (EbbSimDevice *dev,
                        const guint8 *bytes,
                        gsize         n)
{
  guint8 chunk[256];
  gsize kept = 0;

  g_return_if_fail (dev != NULL);

  if (dev->muted || dev->rebooting_ms > 0)
    return;

  /* The reject callback only logs; it is set here so it sees this device. */
  ebb_ecp_decoder_set_reject_func (&dev->dec, reject_cb, dev);
  for (gsize i = 0; i < n; i++)
    {
      guint8 b = bytes[i];

      dev->bytes_received++;
      if (!impair (dev, &b, dev->ber_from_host))
        continue;
      chunk[kept++] = b;
      if (kept == sizeof chunk)
        {
          ebb_ecp_decoder_feed (&dev->dec, chunk, kept, packet_cb, dev);
          kept = 0;
        }
    }
  ebb_ecp_decoder_feed (&dev->dec, chunk, kept, packet_cb, dev);
}

void
ebb_sim_device_advance (EbbSimDevice *dev,
                        guint         ms)
{
  g_return_if_fail (dev != NULL);

  for (guint i = 0; i < ms; i++)
    tick (dev);
}

GBytes *
ebb_sim_device_take_output (EbbSimDevice *dev)
{
  GBytes *bytes;

  g_return_val_if_fail (dev != NULL, NULL);

  bytes = g_byte_array_free_to_bytes (dev->out);
  dev->out = g_byte_array_new ();
  return bytes;
}

gsize
ebb_sim_device_output_size (EbbSimDevice *dev)
{
  g_return_val_if_fail (dev != NULL, 0);

  return dev->out->len;
}

void
ebb_sim_device_inject (EbbSimDevice *dev,
                       EbbSimFault   fault,
                       double        value)
{
  g_return_if_fail (dev != NULL);

  apply (dev, fault, value);
}

void
ebb_sim_device_get_state (EbbSimDevice *dev,
                          EbbSimState  *state)
{
  g_return_if_fail (dev != NULL);
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  state->sim_ms = dev->sim_ms;
  state->device_ms = device_ms (dev);
  state->boots = dev->boots;
  state->true_pressure_pa = dev->ph.pressure_pa;
  state->reading_pa = dev->ph.reading_pa;
  state->target_pa = (gint32) lround (dev->ph.target_pa);
  state->pump_pct = pump_pct (dev);
  state->vent_open = vent_open (dev);
  state->flags = flags (dev);
  state->faults = dev->faults;
  state->watchdog_armed = dev->watchdog_armed;
  state->lid_closed = dev->ph.lid_closed;
  state->estop_pressed = dev->estop_pressed;
  state->sensor_stuck = dev->ph.sensor_stuck;
  state->muted = dev->muted;
  state->stream_rate_hz = dev->stream_rate_hz;
  state->frames_ok = ebb_ecp_decoder_get_frames_ok (&dev->dec);
  state->frames_bad = ebb_ecp_decoder_get_frames_bad (&dev->dec);
  state->packets_sent = dev->packets_sent;
  state->bytes_received = dev->bytes_received;
  state->bytes_sent = dev->bytes_sent;
}
