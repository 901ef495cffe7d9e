/* ebb-alarm.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EbbAlarmPriority:
 * @EBB_ALARM_PRIORITY_LOW: operator awareness is required
 * @EBB_ALARM_PRIORITY_MEDIUM: prompt operator response is required
 * @EBB_ALARM_PRIORITY_HIGH: immediate operator response is required
 *
 * The three priorities of IEC 60601-1-8.
 */
typedef enum
{
  EBB_ALARM_PRIORITY_LOW = 1,
  EBB_ALARM_PRIORITY_MEDIUM,
  EBB_ALARM_PRIORITY_HIGH,
} EbbAlarmPriority;

/**
 * EbbAlarmKind:
 *
 * Every alarm condition the safety supervisor detects. The table in
 * docs/session.md lists priority, latching, consequence and texts.
 */
typedef enum
{
  EBB_ALARM_OVER_VACUUM = 1,
  EBB_ALARM_VACUUM_NOT_REACHED,
  EBB_ALARM_VACUUM_LOSS,
  EBB_ALARM_DEVIATION,
  EBB_ALARM_TELEMETRY_STALE,
  EBB_ALARM_LINK_LOST,
  EBB_ALARM_DEVICE_REBOOT,
  EBB_ALARM_DEVICE_WATCHDOG,
  EBB_ALARM_DEVICE_OVER_VACUUM,
  EBB_ALARM_DEVICE_SENSOR,
  EBB_ALARM_DEVICE_LEAK,
  EBB_ALARM_DEVICE_LID_OPENED,
  EBB_ALARM_DEVICE_ESTOP,
  EBB_ALARM_DEVICE_OVERTEMP,
  EBB_ALARM_DEVICE_POWER,
  EBB_ALARM_LID_OPEN,
  EBB_ALARM_SENSOR_IMPLAUSIBLE,
} EbbAlarmKind;

#define EBB_ALARM_N_KINDS (EBB_ALARM_SENSOR_IMPLAUSIBLE + 1)

/**
 * EbbAlarmEventType:
 *
 * What happened to an alarm; every one becomes a session event.
 */
typedef enum
{
  EBB_ALARM_EVENT_RAISED = 1,
  EBB_ALARM_EVENT_ESCALATED,
  EBB_ALARM_EVENT_ACKNOWLEDGED,
  EBB_ALARM_EVENT_CONDITION_ENDED,
  EBB_ALARM_EVENT_RESET,
  EBB_ALARM_EVENT_AUDIO_PAUSED,
  EBB_ALARM_EVENT_AUDIO_PAUSE_ENDED,
} EbbAlarmEventType;

/**
 * EbbAlarmEvent:
 * @type: what happened
 * @kind: the alarm, or 0 for the audio pause (it covers all alarms)
 * @priority: the alarm's priority at that moment (0 for the audio pause)
 * @time_us: the supervisor clock's time
 * @operator_name: (nullable): who acted, or the session's operator for
 *   raise and condition end
 */
typedef struct
{
  EbbAlarmEventType  type;
  EbbAlarmKind       kind;
  EbbAlarmPriority   priority;
  gint64             time_us;
  char              *operator_name;
} EbbAlarmEvent;

#define EBB_TYPE_ALARM_EVENT (ebb_alarm_event_get_type ())

GType          ebb_alarm_event_get_type (void) G_GNUC_CONST;
EbbAlarmEvent *ebb_alarm_event_new      (EbbAlarmEventType    type,
                                         EbbAlarmKind         kind,
                                         EbbAlarmPriority     priority,
                                         gint64               time_us,
                                         const char          *operator_name) G_GNUC_WARN_UNUSED_RESULT;
EbbAlarmEvent *ebb_alarm_event_copy     (const EbbAlarmEvent *event) G_GNUC_WARN_UNUSED_RESULT;
void           ebb_alarm_event_free     (EbbAlarmEvent       *event);
const char    *ebb_alarm_event_type_id  (EbbAlarmEventType    type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbAlarmEvent, ebb_alarm_event_free)

#define EBB_TYPE_ALARM (ebb_alarm_get_type())

G_DECLARE_FINAL_TYPE (EbbAlarm, ebb_alarm, EBB, ALARM, GObject)

EbbAlarm         *ebb_alarm_new                  (EbbAlarmKind      kind) G_GNUC_WARN_UNUSED_RESULT;

EbbAlarmKind      ebb_alarm_get_kind             (EbbAlarm         *self);
EbbAlarmPriority  ebb_alarm_get_priority         (EbbAlarm         *self);
gboolean          ebb_alarm_get_condition        (EbbAlarm         *self);
gboolean          ebb_alarm_get_signal           (EbbAlarm         *self);
gboolean          ebb_alarm_get_acknowledged     (EbbAlarm         *self);
gint64            ebb_alarm_get_raised_us        (EbbAlarm         *self);
gboolean          ebb_alarm_get_latching         (EbbAlarm         *self);

gboolean          ebb_alarm_set_condition        (EbbAlarm         *self,
                                                  gboolean          active,
                                                  gint64            now_us,
                                                  EbbAlarmEventType *event);
gboolean          ebb_alarm_escalate             (EbbAlarm         *self,
                                                  EbbAlarmPriority  priority);
gboolean          ebb_alarm_acknowledge          (EbbAlarm         *self);
gboolean          ebb_alarm_reset                (EbbAlarm         *self);

const char       *ebb_alarm_kind_id              (EbbAlarmKind      kind);
EbbAlarmKind      ebb_alarm_kind_from_id         (const char       *id);
EbbAlarmPriority  ebb_alarm_kind_priority        (EbbAlarmKind      kind);
gboolean          ebb_alarm_kind_is_technical    (EbbAlarmKind      kind);
gboolean          ebb_alarm_kind_is_latching     (EbbAlarmKind      kind);
const char       *ebb_alarm_kind_title           (EbbAlarmKind      kind);
const char       *ebb_alarm_kind_title_msgid     (EbbAlarmKind      kind);
const char       *ebb_alarm_kind_action          (EbbAlarmKind      kind);
const char       *ebb_alarm_priority_id          (EbbAlarmPriority  priority);
const char       *ebb_alarm_priority_label       (EbbAlarmPriority  priority);

G_END_DECLS
