/* ebb-ecp-types.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>

/*
 * The constants and message layouts of ECP/1 (shared/protocol/ECP-1.md),
 * shared by the codec, the chamber driver, the simulator, the store and
 * the session runner. Plain C, no GLib, so the fuzz target needs nothing
 * else.
 */

#define EBB_ECP_MAGIC             0xE1  /* §2 */
#define EBB_ECP_PROTO_MAJOR       1
#define EBB_ECP_PROTO_MINOR       0
#define EBB_ECP_MAX_PAYLOAD       200   /* §2 */
#define EBB_ECP_HEADER_SIZE       4     /* magic, type, seq */
#define EBB_ECP_CRC_SIZE          2
#define EBB_ECP_MIN_PACKET        (EBB_ECP_HEADER_SIZE + EBB_ECP_CRC_SIZE)
#define EBB_ECP_MAX_PACKET        (EBB_ECP_MIN_PACKET + EBB_ECP_MAX_PAYLOAD) /* 206 */
#define EBB_ECP_MAX_FRAME         255   /* receivers discard longer frames, §2 */
#define EBB_ECP_MAX_STRING        32    /* §3 */
#define EBB_ECP_USB_VID           0x1209 /* §1 */
#define EBB_ECP_USB_PID           0xEBF1
#define EBB_ECP_BAUD              115200
#define EBB_ECP_ACK_TIMEOUT_MS    200   /* §5.3 */
#define EBB_ECP_ATTEMPTS          3     /* §5.1, §5.3 */
#define EBB_ECP_HELLO_TIMEOUT_MS  500   /* §5.1 */
#define EBB_ECP_TARGET_BAND_PA    133   /* §4.2 TARGET_REACHED, §5.3 VENT */

/* §4.1 and §4.2 */
typedef enum
{
  EBB_ECP_MSG_HELLO        = 0x01,
  EBB_ECP_MSG_HEARTBEAT    = 0x02,
  EBB_ECP_MSG_STREAM       = 0x03,
  EBB_ECP_MSG_SET_TARGET   = 0x04,
  EBB_ECP_MSG_VENT         = 0x05,
  EBB_ECP_MSG_CLEAR_FAULTS = 0x06,
  EBB_ECP_MSG_GET_STATUS   = 0x07,
  EBB_ECP_MSG_BYE          = 0x08,
  EBB_ECP_MSG_ACK          = 0x80,
  EBB_ECP_MSG_IDENT        = 0x81,
  EBB_ECP_MSG_TELEMETRY    = 0x82,
  EBB_ECP_MSG_EVENT        = 0x83,
  EBB_ECP_MSG_STATUS       = 0x84,
} EbbEcpMessageType;

/* ACK result, §4.2 */
typedef enum
{
  EBB_ECP_RESULT_OK           = 0,
  EBB_ECP_RESULT_BAD_PAYLOAD  = 1,
  EBB_ECP_RESULT_OUT_OF_RANGE = 2,
  EBB_ECP_RESULT_FAULT_ACTIVE = 3,
  EBB_ECP_RESULT_UNSUPPORTED  = 4,
  EBB_ECP_RESULT_LID_OPEN     = 5,
} EbbEcpResult;

/* flags, §4.2 */
typedef enum
{
  EBB_ECP_FLAG_REGULATING     = 1 << 0,
  EBB_ECP_FLAG_VENT_OPEN      = 1 << 1,
  EBB_ECP_FLAG_PUMP_ON        = 1 << 2,
  EBB_ECP_FLAG_LID_CLOSED     = 1 << 3,
  EBB_ECP_FLAG_FAULT          = 1 << 4,
  EBB_ECP_FLAG_STREAMING      = 1 << 5,
  EBB_ECP_FLAG_WATCHDOG_ARMED = 1 << 6,
  EBB_ECP_FLAG_TARGET_REACHED = 1 << 7,
} EbbEcpFlags;

/* faults, §4.2: latched; each vents the chamber when raised */
typedef enum
{
  EBB_ECP_FAULT_WATCHDOG    = 1 << 0,
  EBB_ECP_FAULT_OVER_VACUUM = 1 << 1,
  EBB_ECP_FAULT_SENSOR      = 1 << 2,
  EBB_ECP_FAULT_LEAK        = 1 << 3,
  EBB_ECP_FAULT_LID_OPENED  = 1 << 4,
  EBB_ECP_FAULT_ESTOP       = 1 << 5,
  EBB_ECP_FAULT_OVERTEMP    = 1 << 6,
  EBB_ECP_FAULT_POWER       = 1 << 7,
} EbbEcpFaults;

#define EBB_ECP_N_FAULTS 8

/* EVENT code, §4.2 */
#define EBB_ECP_EVENT_FAULT_RAISED(bit)  (0x0100 | (bit))
#define EBB_ECP_EVENT_FAULT_CLEARED(bit) (0x0200 | (bit))
#define EBB_ECP_EVENT_BOOT               0x0300
#define EBB_ECP_EVENT_LID_CLOSED         0x0301
#define EBB_ECP_EVENT_LID_OPENED_IDLE    0x0302
#define EBB_ECP_EVENT_TARGET_REACHED     0x0303

/* capabilities, §4.2 */
typedef enum
{
  EBB_ECP_CAP_LID_SENSOR   = 1 << 0,
  EBB_ECP_CAP_ESTOP_BUTTON = 1 << 1,
  EBB_ECP_CAP_TEMP_SENSOR  = 1 << 2,
  EBB_ECP_CAP_LEAK_DETECT  = 1 << 3,
} EbbEcpCapabilities;

/* One TELEMETRY sample (§4.2), exactly as the device sent it. This is also
 * the unit the store records and the session runner supervises. */
typedef struct
{
  uint32_t device_ms;
  int32_t  pressure_pa;
  int32_t  target_pa;
  uint8_t  pump_pct;
  uint8_t  vent_open;
  uint16_t flags;
  uint16_t faults;
} EbbEcpTelemetry;
