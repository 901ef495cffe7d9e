/* ebb-sim-device.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-ecp-types.h"
#include "ebb-sim-config.h"

G_BEGIN_DECLS

/*
 * The simulated chamber's controller: the device side of ECP/1 over
 * EbbSimPhysics. Bytes in, bytes out, time passed explicitly: no threads,
 * no clock, no file descriptors, so tests drive it step by step and the
 * same seed gives the same bytes.
 */

/**
 * EbbSimFault:
 * @EBB_SIM_FAULT_LEAK: open a leak of value Pa/s (0 closes it)
 * @EBB_SIM_FAULT_LID_OPEN: open the lid
 * @EBB_SIM_FAULT_LID_CLOSE: close the lid
 * @EBB_SIM_FAULT_ESTOP_PRESS: press the emergency-stop button
 * @EBB_SIM_FAULT_ESTOP_RELEASE: release it
 * @EBB_SIM_FAULT_SENSOR_STUCK: freeze the sensor (value 0 unfreezes it)
 * @EBB_SIM_FAULT_SENSOR_OFFSET: the sensor reads value Pa high
 * @EBB_SIM_FAULT_REBOOT: restart the controller
 * @EBB_SIM_FAULT_MUTE: stop receiving and sending (the link is dead)
 * @EBB_SIM_FAULT_UNMUTE: receive and send again
 * @EBB_SIM_FAULT_BER_TO_HOST: bit error rate of sent bytes
 * @EBB_SIM_FAULT_BER_FROM_HOST: bit error rate of received bytes
 * @EBB_SIM_FAULT_DROP_BYTES: probability that a byte is lost, both ways
 * @EBB_SIM_FAULT_OVERTEMP: heat the pump to value °C (e.g. 95)
 * @EBB_SIM_FAULT_BROWNOUT: a momentary supply brown-out
 */
typedef enum
{
  EBB_SIM_FAULT_LEAK,
  EBB_SIM_FAULT_LID_OPEN,
  EBB_SIM_FAULT_LID_CLOSE,
  EBB_SIM_FAULT_ESTOP_PRESS,
  EBB_SIM_FAULT_ESTOP_RELEASE,
  EBB_SIM_FAULT_SENSOR_STUCK,
  EBB_SIM_FAULT_SENSOR_OFFSET,
  EBB_SIM_FAULT_REBOOT,
  EBB_SIM_FAULT_MUTE,
  EBB_SIM_FAULT_UNMUTE,
  EBB_SIM_FAULT_BER_TO_HOST,
  EBB_SIM_FAULT_BER_FROM_HOST,
  EBB_SIM_FAULT_DROP_BYTES,
  EBB_SIM_FAULT_OVERTEMP,
  EBB_SIM_FAULT_BROWNOUT,
} EbbSimFault;

/**
 * EbbSimState:
 *
 * A snapshot of the simulated chamber for tests and tools, including what
 * no host can see (the true pressure).
 */
typedef struct
{
  guint64  sim_ms;            /* since the simulator started */
  guint32  device_ms;         /* since the controller last booted */
  guint    boots;             /* 1 after the first start */
  double   true_pressure_pa;
  gint32   reading_pa;        /* what the sensor says, as in TELEMETRY */
  gint32   target_pa;
  guint8   pump_pct;
  gboolean vent_open;
  guint16  flags;             /* as the next TELEMETRY would carry them */
  guint16  faults;
  gboolean watchdog_armed;
  gboolean lid_closed;
  gboolean estop_pressed;
  gboolean sensor_stuck;
  gboolean muted;
  guint16  stream_rate_hz;
  guint64  frames_ok;         /* good frames received */
  guint64  frames_bad;        /* rejected frames received */
  guint64  packets_sent;
  guint64  bytes_received;
  guint64  bytes_sent;
} EbbSimState;

/**
 * EbbSimLogFunc:
 * @sim_ms: simulator time of the frame
 * @device_ms: the controller's clock
 * @line: the decoded frame ("SET_TARGET seq=4 …") or why it was rejected
 * @user_data: user data
 */
typedef void (*EbbSimLogFunc) (guint64     sim_ms,
                               guint32     device_ms,
                               const char *line,
                               gpointer    user_data);

typedef struct _EbbSimDevice EbbSimDevice;

/**
 * ebb_sim_device_new:
 * @config: the configuration, copied; its `…-at` faults are scheduled
 *
 * A device at time 0 that has just booted: its BOOT event is already in
 * the output.
 *
 * @return: (transfer full): the device
 */
EbbSimDevice *ebb_sim_device_new          (const EbbSimConfig *config) G_GNUC_WARN_UNUSED_RESULT;
void          ebb_sim_device_free         (EbbSimDevice       *dev);
/**
 * ebb_sim_device_set_log_func:
 * @dev: the device
 * @func: (nullable): called for every frame received, good or rejected
 * @user_data: passed to @func
 */
void          ebb_sim_device_set_log_func (EbbSimDevice       *dev,
                                           EbbSimLogFunc       func,
                                           gpointer            user_data);
/**
 * ebb_sim_device_receive:
 * @dev: the device
 * @bytes: (array length=n): bytes from the host, any chunk
 * @n: their number
 *
 * Receives at the current device time (after link impairments); answers
 * go to the output at once. Ignored while muted or rebooting.
 */
void          ebb_sim_device_receive      (EbbSimDevice       *dev,
                                           const guint8       *bytes,
                                           gsize               n);
/**
 * ebb_sim_device_advance:
 * @dev: the device
 * @ms: milliseconds to run, in 1 ms steps
 *
 * Runs physics, scheduled faults, fault detection and telemetry.
 */
void          ebb_sim_device_advance      (EbbSimDevice       *dev,
                                           guint               ms);
/**
 * ebb_sim_device_take_output:
 * @dev: the device
 *
 * @return: (transfer full): the bytes sent since the last call, as the
 *   host would receive them (after bit errors and drops)
 */
GBytes       *ebb_sim_device_take_output  (EbbSimDevice       *dev) G_GNUC_WARN_UNUSED_RESULT;
/**
 * ebb_sim_device_output_size:
 * @dev: the device
 *
 * @return: how many bytes ebb_sim_device_take_output() would return
 */
gsize         ebb_sim_device_output_size  (EbbSimDevice       *dev);
/**
 * ebb_sim_device_inject:
 * @dev: the device
 * @fault: what happens
 * @value: its size (see #EbbSimFault)
 *
 * Applies a fault at the current device time.
 */
void          ebb_sim_device_inject       (EbbSimDevice       *dev,
                                           EbbSimFault         fault,
                                           double              value);
/**
 * ebb_sim_device_get_state:
 * @dev: the device
 * @state: (out caller-allocates): a snapshot
 */
void          ebb_sim_device_get_state    (EbbSimDevice       *dev,
                                           EbbSimState        *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbSimDevice, ebb_sim_device_free)

G_END_DECLS
