/* ebb-safety-supervisor.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-alarm.h"
#include "ebb-clock.h"
#include "ebb-ecp-types.h"

G_BEGIN_DECLS

/* Thresholds, documented in docs/session.md. */
#define EBB_SUPERVISOR_OVER_VACUUM_MARGIN_PA  400
#define EBB_SUPERVISOR_OVER_VACUUM_DELAY_MS   50
/* A chamber that only pulls vacuum never reads above atmosphere: a reading
 * that does for this long is a sensor reading high (the real vacuum is
 * deeper than shown). */
#define EBB_SUPERVISOR_ABOVE_ATMOSPHERE_PA    266
#define EBB_SUPERVISOR_ABOVE_ATMOSPHERE_DELAY_MS 200
#define EBB_SUPERVISOR_REACH_TOLERANCE_PA     266
#define EBB_SUPERVISOR_SETTLE_US              (3 * G_USEC_PER_SEC)
/* ECP-1 §5.5: vented, the chamber is within 133 Pa of 0 within 1.5 s. */
#define EBB_SUPERVISOR_VENT_US                (1500 * 1000)
#define EBB_SUPERVISOR_LOSS_MIN_PA            400
#define EBB_SUPERVISOR_LOSS_DELAY_MS          1000
#define EBB_SUPERVISOR_DEVIATION_PA           266
#define EBB_SUPERVISOR_DEVIATION_DELAY_MS     3000
/* ECP-1 §4.2 TARGET_REACHED: in the band for 500 ms is holding the level. */
#define EBB_SUPERVISOR_HOLD_MS                500
#define EBB_SUPERVISOR_ESCALATE_US            (10 * G_USEC_PER_SEC)
#define EBB_SUPERVISOR_STALE_US               (750 * 1000)
#define EBB_SUPERVISOR_TICK_US                (100 * 1000)
#define EBB_SUPERVISOR_AUDIO_PAUSE_US         (120 * G_USEC_PER_SEC)

/**
 * EbbSafetyAction:
 * @EBB_SAFETY_ACTION_NONE: nothing to do
 * @EBB_SAFETY_ACTION_VENT: vent the chamber now
 * @EBB_SAFETY_ACTION_ABORT: end the session as aborted
 *
 * What the supervisor asks of the runner.
 */
typedef enum
{
  EBB_SAFETY_ACTION_NONE  = 0,
  EBB_SAFETY_ACTION_VENT  = 1 << 0,
  EBB_SAFETY_ACTION_ABORT = 1 << 1,
} EbbSafetyAction;

#define EBB_TYPE_SAFETY_SUPERVISOR (ebb_safety_supervisor_get_type())

G_DECLARE_FINAL_TYPE (EbbSafetySupervisor, ebb_safety_supervisor, EBB, SAFETY_SUPERVISOR, GObject)

EbbSafetySupervisor *ebb_safety_supervisor_new                  (EbbClock            *clock) G_GNUC_WARN_UNUSED_RESULT;

void                 ebb_safety_supervisor_set_operator         (EbbSafetySupervisor *self,
                                                                 const char          *operator_name);
void                 ebb_safety_supervisor_set_limits           (EbbSafetySupervisor *self,
                                                                 gint32               clinic_limit_pa,
                                                                 gint32               level_pa,
                                                                 gboolean             approved);
gint32               ebb_safety_supervisor_get_over_vacuum_threshold (EbbSafetySupervisor *self);
void                 ebb_safety_supervisor_set_setpoint         (EbbSafetySupervisor *self,
                                                                 gint32               target_pa,
                                                                 guint                ramp_pa_s);
void                 ebb_safety_supervisor_set_regulating       (EbbSafetySupervisor *self,
                                                                 gboolean             regulating);

void                 ebb_safety_supervisor_start                (EbbSafetySupervisor *self);
void                 ebb_safety_supervisor_stop                 (EbbSafetySupervisor *self);
EbbSafetyAction      ebb_safety_supervisor_feed                 (EbbSafetySupervisor *self,
                                                                 const EbbEcpTelemetry *samples,
                                                                 guint                n_samples);
EbbSafetyAction      ebb_safety_supervisor_tick                 (EbbSafetySupervisor *self);
EbbSafetyAction      ebb_safety_supervisor_link_lost            (EbbSafetySupervisor *self);
EbbSafetyAction      ebb_safety_supervisor_device_rebooted      (EbbSafetySupervisor *self);

EbbAlarm            *ebb_safety_supervisor_get_alarm            (EbbSafetySupervisor *self,
                                                                 EbbAlarmKind         kind);
GPtrArray           *ebb_safety_supervisor_list_signalled       (EbbSafetySupervisor *self) G_GNUC_WARN_UNUSED_RESULT;
EbbAlarmKind         ebb_safety_supervisor_get_abort_cause      (EbbSafetySupervisor *self);
EbbAlarmPriority     ebb_safety_supervisor_get_audible_priority (EbbSafetySupervisor *self);
gint64               ebb_safety_supervisor_get_audio_pause_remaining_us (EbbSafetySupervisor *self);

gboolean             ebb_safety_supervisor_acknowledge          (EbbSafetySupervisor *self,
                                                                 EbbAlarmKind         kind,
                                                                 const char          *operator_name);
gboolean             ebb_safety_supervisor_acknowledge_all      (EbbSafetySupervisor *self,
                                                                 const char          *operator_name);
gboolean             ebb_safety_supervisor_pause_audio          (EbbSafetySupervisor *self,
                                                                 const char          *operator_name);
gboolean             ebb_safety_supervisor_reset                (EbbSafetySupervisor *self,
                                                                 EbbAlarmKind         kind,
                                                                 const char          *operator_name);
guint                ebb_safety_supervisor_reset_all            (EbbSafetySupervisor *self,
                                                                 const char          *operator_name);

G_END_DECLS
