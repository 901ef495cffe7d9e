/* ebb-chamber.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-ecp-packet.h"
#include "ebb-ecp-types.h"
#include "ebb-transport.h"

G_BEGIN_DECLS

/**
 * EbbChamberError:
 * @EBB_CHAMBER_ERROR_NOT_CONNECTED: the chamber is not connected (or the
 *   link failed or closed)
 * @EBB_CHAMBER_ERROR_NO_ANSWER: no ECP/1 chamber answered HELLO (ECP-1 §5.1)
 * @EBB_CHAMBER_ERROR_PROTOCOL: the device speaks another protocol version
 * @EBB_CHAMBER_ERROR_LINK_FAILED: a command went unanswered 3 times (§5.3)
 * @EBB_CHAMBER_ERROR_DISCONNECTED: the port vanished
 * @EBB_CHAMBER_ERROR_BAD_PAYLOAD: ACK result BAD_PAYLOAD
 * @EBB_CHAMBER_ERROR_OUT_OF_RANGE: ACK result OUT_OF_RANGE
 * @EBB_CHAMBER_ERROR_FAULT_ACTIVE: ACK result FAULT_ACTIVE
 * @EBB_CHAMBER_ERROR_UNSUPPORTED: ACK result UNSUPPORTED
 * @EBB_CHAMBER_ERROR_LID_OPEN: ACK result LID_OPEN
 * @EBB_CHAMBER_ERROR_INVALID_DEVICE: a device string that means nothing
 * @EBB_CHAMBER_ERROR_CANCELLED: the operation was cancelled or the chamber
 *   closed before it finished
 */
typedef enum
{
  EBB_CHAMBER_ERROR_NOT_CONNECTED = 1,
  EBB_CHAMBER_ERROR_NO_ANSWER,
  EBB_CHAMBER_ERROR_PROTOCOL,
  EBB_CHAMBER_ERROR_LINK_FAILED,
  EBB_CHAMBER_ERROR_DISCONNECTED,
  EBB_CHAMBER_ERROR_BAD_PAYLOAD,
  EBB_CHAMBER_ERROR_OUT_OF_RANGE,
  EBB_CHAMBER_ERROR_FAULT_ACTIVE,
  EBB_CHAMBER_ERROR_UNSUPPORTED,
  EBB_CHAMBER_ERROR_LID_OPEN,
  EBB_CHAMBER_ERROR_INVALID_DEVICE,
  EBB_CHAMBER_ERROR_CANCELLED,
} EbbChamberError;

#define EBB_CHAMBER_ERROR (ebb_chamber_error_quark ())
GQuark ebb_chamber_error_quark (void);

/**
 * EbbChamberLinkStats:
 * @frames_ok: good frames received
 * @frames_rejected: frames dropped, indexed by #EbbEcpDecodeResult (only
 *   the EBB_ECP_DECODE_ERROR_* entries count)
 * @frames_rejected_total: the sum of @frames_rejected
 * @packets_lost: packets missing from the device's sequence numbers
 * @bytes_received: bytes read from the port
 * @bytes_sent: bytes written to the port
 * @samples: TELEMETRY samples received
 * @retransmissions: commands sent again for want of an ACK (§5.3)
 */
typedef struct
{
  guint64 frames_ok;
  guint64 frames_rejected[EBB_ECP_DECODE_N_RESULTS];
  guint64 frames_rejected_total;
  guint64 packets_lost;
  guint64 bytes_received;
  guint64 bytes_sent;
  guint64 samples;
  guint64 retransmissions;
} EbbChamberLinkStats;

#define EBB_TYPE_CHAMBER (ebb_chamber_get_type ())
G_DECLARE_FINAL_TYPE (EbbChamber, ebb_chamber, EBB, CHAMBER, GObject)

EbbChamber   *ebb_chamber_new                  (EbbTransport         *transport) G_GNUC_WARN_UNUSED_RESULT;

const char   *ebb_chamber_get_port             (EbbChamber           *self);
gboolean      ebb_chamber_get_connected        (EbbChamber           *self);
const char   *ebb_chamber_get_model            (EbbChamber           *self);
const char   *ebb_chamber_get_serial           (EbbChamber           *self);
const char   *ebb_chamber_get_firmware         (EbbChamber           *self);
int           ebb_chamber_get_floor_pa         (EbbChamber           *self);
guint         ebb_chamber_get_watchdog_ms      (EbbChamber           *self);
guint         ebb_chamber_get_max_rate_hz      (EbbChamber           *self);
guint         ebb_chamber_get_capabilities     (EbbChamber           *self);
guint         ebb_chamber_get_flags            (EbbChamber           *self);
guint         ebb_chamber_get_faults           (EbbChamber           *self);
guint         ebb_chamber_get_stream_rate      (EbbChamber           *self);
void          ebb_chamber_get_link_stats       (EbbChamber           *self,
                                                EbbChamberLinkStats  *stats);

void          ebb_chamber_connect_async        (EbbChamber           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_connect_finish       (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void          ebb_chamber_stream_async         (EbbChamber           *self,
                                                guint                 rate_hz,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_stream_finish        (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void          ebb_chamber_set_target_async     (EbbChamber           *self,
                                                int                   target_pa,
                                                guint                 ramp_pa_per_s,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_set_target_finish    (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void          ebb_chamber_vent_async           (EbbChamber           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_vent_finish          (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void          ebb_chamber_clear_faults_async   (EbbChamber           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_clear_faults_finish  (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void          ebb_chamber_get_status_async     (EbbChamber           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_get_status_finish    (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                EbbEcpStatus         *status,
                                                GError              **error);

void          ebb_chamber_vent_now             (EbbChamber           *self);

void          ebb_chamber_close_async          (EbbChamber           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      ebb_chamber_close_finish         (EbbChamber           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
