/* ebb-alarm.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-alarm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-alarm.h"

/* One alarm condition and its signal, after IEC 60601-1-8: the condition is
 * what the supervisor detects; the signal is what the operator sees and
 * hears. A latching alarm's signal outlives its condition until an operator
 * resets it, so a brief over-vacuum cannot pass unseen. Acknowledging
 * silences one alarm's audio for as long as its condition lasts. */

typedef struct
{
  const char       *id;
  EbbAlarmPriority  priority;
  gboolean          technical;
  gboolean          latching;
  const char       *title;
  const char       *action;
} KindInfo;

static const KindInfo kinds[EBB_ALARM_N_KINDS] = {
  [EBB_ALARM_OVER_VACUUM] = {
    "over-vacuum", EBB_ALARM_PRIORITY_HIGH, FALSE, TRUE,
    N_("Over-vacuum"),
    N_("The chamber went deeper than allowed and is being vented. Check the client, then "
       "have the chamber inspected before the next session."),
  },
  [EBB_ALARM_VACUUM_NOT_REACHED] = {
    "vacuum-not-reached", EBB_ALARM_PRIORITY_MEDIUM, FALSE, FALSE,
    N_("Vacuum not reached"),
    N_("The chamber does not reach the set level. Check the waist seal and the lid; the "
       "session ends if this lasts 10 seconds."),
  },
  [EBB_ALARM_VACUUM_LOSS] = {
    "vacuum-loss", EBB_ALARM_PRIORITY_MEDIUM, FALSE, FALSE,
    N_("Vacuum is leaking"),
    N_("The chamber slowly loses vacuum. Check the waist seal and the hose; the session ends "
       "if this lasts 10 seconds."),
  },
  [EBB_ALARM_DEVIATION] = {
    "deviation", EBB_ALARM_PRIORITY_LOW, FALSE, FALSE,
    N_("Pressure off target"),
    N_("The pressure stays away from the set level. Watch the client and the pressure graph."),
  },
  [EBB_ALARM_TELEMETRY_STALE] = {
    "telemetry-stale", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("No data from the chamber"),
    N_("The chamber stopped sending measurements; the session was ended and a vent "
       "requested. Open the chamber by hand if it does not vent, then check the cable."),
  },
  [EBB_ALARM_LINK_LOST] = {
    "link-lost", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("Connection to the chamber lost"),
    N_("The console lost the chamber; the chamber vents by itself within a second. Open the "
       "chamber by hand if it does not, then check the cable and power."),
  },
  [EBB_ALARM_DEVICE_REBOOT] = {
    "device-reboot", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("Chamber restarted"),
    N_("The chamber restarted during the session, which ended it. Check the client and the "
       "chamber’s power supply before starting again."),
  },
  [EBB_ALARM_DEVICE_WATCHDOG] = {
    "device-watchdog", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("Chamber lost contact with the console"),
    N_("The chamber heard nothing from the console and vented. Check the client, then the "
       "cable; clear the fault before the next session."),
  },
  [EBB_ALARM_DEVICE_OVER_VACUUM] = {
    "device-over-vacuum", EBB_ALARM_PRIORITY_HIGH, FALSE, TRUE,
    N_("Chamber reports over-vacuum"),
    N_("The chamber went below its own floor and vented. Check the client and have the "
       "chamber inspected before further use."),
  },
  [EBB_ALARM_DEVICE_SENSOR] = {
    "device-sensor", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("Pressure sensor fault"),
    N_("The chamber’s pressure reading is implausible and it vented. Do not continue; have "
       "the chamber serviced."),
  },
  [EBB_ALARM_DEVICE_LEAK] = {
    "device-leak", EBB_ALARM_PRIORITY_MEDIUM, FALSE, TRUE,
    N_("Chamber reports a leak"),
    N_("The chamber could not reach the level and vented. Check the waist seal, lid and hose, "
       "then clear the fault to start again."),
  },
  [EBB_ALARM_DEVICE_LID_OPENED] = {
    "device-lid-opened", EBB_ALARM_PRIORITY_HIGH, FALSE, TRUE,
    N_("Lid opened"),
    N_("The lid was opened during the session and the chamber vented. Check the client; close "
       "the lid and clear the fault to start again."),
  },
  [EBB_ALARM_DEVICE_ESTOP] = {
    "device-estop", EBB_ALARM_PRIORITY_HIGH, FALSE, TRUE,
    N_("Emergency-stop button pressed"),
    N_("The chamber’s emergency-stop button was pressed and it vented. Attend to the client; "
       "release the button and clear the fault to start again."),
  },
  [EBB_ALARM_DEVICE_OVERTEMP] = {
    "device-overtemp", EBB_ALARM_PRIORITY_MEDIUM, TRUE, TRUE,
    N_("Pump overheated"),
    N_("The chamber’s pump is too hot and the chamber vented. Let it cool down and keep its "
       "vents free before clearing the fault."),
  },
  [EBB_ALARM_DEVICE_POWER] = {
    "device-power", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("Chamber power failure"),
    N_("The chamber’s supply dropped and it vented. Check the client, then the power cable "
       "and socket."),
  },
  [EBB_ALARM_LID_OPEN] = {
    "lid-open", EBB_ALARM_PRIORITY_HIGH, FALSE, TRUE,
    N_("Lid opened during the session"),
    N_("The chamber’s lid was opened while the session ran; the session was ended and the "
       "chamber vented. Check the client, close the lid and start a new session if "
       "appropriate."),
  },
  [EBB_ALARM_SENSOR_IMPLAUSIBLE] = {
    "sensor-implausible", EBB_ALARM_PRIORITY_HIGH, TRUE, TRUE,
    N_("Pressure reading above atmosphere"),
    N_("The chamber reads a pressure above the room’s, which it cannot make: its sensor reads "
       "high, so the real vacuum may be deeper than shown. The session was ended and the "
       "chamber vented. Check the client; do not continue, have the chamber serviced."),
  },
};

struct _EbbAlarm
{
  GObject parent_instance;

  /* state */
  EbbAlarmKind kind;
  EbbAlarmPriority priority;
  gint64 raised_us;
  guint condition : 1;
  guint signal : 1;
  guint acknowledged : 1;
  guint latching : 1;
};

G_DEFINE_FINAL_TYPE (EbbAlarm, ebb_alarm, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (EbbAlarmEvent, ebb_alarm_event, ebb_alarm_event_copy, ebb_alarm_event_free)

static gboolean
kind_is_valid (EbbAlarmKind kind)
{
  return kind >= EBB_ALARM_OVER_VACUUM && kind < EBB_ALARM_N_KINDS;
}

static void
ebb_alarm_class_init (EbbAlarmClass *klass)
{
}

static void
ebb_alarm_init (EbbAlarm *self)
{
}

/**
 * ebb_alarm_event_new:
 *
 * Returns: (transfer full): a new event
 */
EbbAlarmEvent *
ebb_alarm_event_new (EbbAlarmEventType  type,
                     EbbAlarmKind       kind,
                     EbbAlarmPriority   priority,
                     gint64             time_us,
                     const char        *operator_name)
{
  EbbAlarmEvent *event = g_new0 (EbbAlarmEvent, 1);

  event->type = type;
  event->kind = kind;
  event->priority = priority;
  event->time_us = time_us;
  event->operator_name = g_strdup (operator_name);
  return event;
}

EbbAlarmEvent *
ebb_alarm_event_copy (const EbbAlarmEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return ebb_alarm_event_new (event->type, event->kind, event->priority,
                              event->time_us, event->operator_name);
}

void
ebb_alarm_event_free (EbbAlarmEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->operator_name);
  g_free (event);
}

/**
 * ebb_alarm_event_type_id:
 * @type: an event type
 *
 * Returns: the stable identifier recorded in the session's events
 */
const char *
ebb_alarm_event_type_id (EbbAlarmEventType type)
{
  switch (type)
    {
    case EBB_ALARM_EVENT_RAISED:
      return "alarm-raised";
    case EBB_ALARM_EVENT_ESCALATED:
      return "alarm-escalated";
    case EBB_ALARM_EVENT_ACKNOWLEDGED:
      return "alarm-acknowledged";
    case EBB_ALARM_EVENT_CONDITION_ENDED:
      return "alarm-condition-ended";
    case EBB_ALARM_EVENT_RESET:
      return "alarm-reset";
    case EBB_ALARM_EVENT_AUDIO_PAUSED:
      return "alarm-audio-paused";
    case EBB_ALARM_EVENT_AUDIO_PAUSE_ENDED:
      return "alarm-audio-pause-ended";
    default:
      return "alarm-unknown";
    }
}

/**
 * ebb_alarm_new:
 * @kind: which alarm
 *
 * Returns: (transfer full): an alarm with no condition and no signal
 */
EbbAlarm *
ebb_alarm_new (EbbAlarmKind kind)
{
  EbbAlarm *self;

  g_return_val_if_fail (kind_is_valid (kind), NULL);

  self = g_object_new (EBB_TYPE_ALARM, NULL);
  self->kind = kind;
  self->priority = kinds[kind].priority;
  self->latching = kinds[kind].latching;
  return self;
}

EbbAlarmKind
ebb_alarm_get_kind (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), 0);
  return self->kind;
}

EbbAlarmPriority
ebb_alarm_get_priority (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), 0);
  return self->priority;
}

/**
 * ebb_alarm_get_condition:
 * @self: an alarm
 *
 * Returns: whether the alarm condition is present now
 */
gboolean
ebb_alarm_get_condition (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);
  return self->condition;
}

/**
 * ebb_alarm_get_signal:
 * @self: an alarm
 *
 * Returns: whether the alarm is being signalled (shown, and sounding unless
 *   acknowledged or paused)
 */
gboolean
ebb_alarm_get_signal (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);
  return self->signal;
}

gboolean
ebb_alarm_get_acknowledged (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);
  return self->acknowledged;
}

gint64
ebb_alarm_get_raised_us (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), 0);
  return self->raised_us;
}

/**
 * ebb_alarm_get_latching:
 * @self: an alarm
 *
 * Returns: whether the signal stays until an operator resets it (alarms
 *   become latching when they escalate to high priority)
 */
gboolean
ebb_alarm_get_latching (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);
  return self->latching;
}

/**
 * ebb_alarm_set_condition:
 * @self: an alarm
 * @active: whether the condition is present
 * @now_us: the clock's time
 * @event: (out): the event, if any
 *
 * Updates the condition. A new condition raises the signal; a condition
 * that ends takes a non-latching signal with it.
 *
 * Returns: %TRUE if something changed (and @event is set)
 */
gboolean
ebb_alarm_set_condition (EbbAlarm          *self,
                         gboolean           active,
                         gint64             now_us,
                         EbbAlarmEventType *event)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  active = !!active;
  if (active == self->condition)
    return FALSE;

  self->condition = active;
  if (active)
    {
      /* A condition that returns while its latched signal still shows is
       * the same alarm; it sounds again, because it is new information. */
      self->signal = TRUE;
      self->acknowledged = FALSE;
      self->raised_us = now_us;
      *event = EBB_ALARM_EVENT_RAISED;
      return TRUE;
    }

  if (!self->latching)
    {
      self->signal = FALSE;
      self->acknowledged = FALSE;
      self->priority = kinds[self->kind].priority;
    }
  *event = EBB_ALARM_EVENT_CONDITION_ENDED;
  return TRUE;
}

/**
 * ebb_alarm_escalate:
 * @self: an alarm with its condition present
 * @priority: the higher priority
 *
 * Raises the priority of a persisting condition. An escalated alarm sounds
 * again and, at high priority, latches.
 *
 * Returns: %TRUE if the priority rose
 */
gboolean
ebb_alarm_escalate (EbbAlarm         *self,
                    EbbAlarmPriority  priority)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);

  if (!self->condition || priority <= self->priority)
    return FALSE;

  self->priority = priority;
  self->acknowledged = FALSE;
  if (priority == EBB_ALARM_PRIORITY_HIGH)
    self->latching = TRUE;
  return TRUE;
}

/**
 * ebb_alarm_acknowledge:
 * @self: an alarm
 *
 * Silences a signalled alarm's audio until its condition ends.
 *
 * Returns: %TRUE if it was signalled and not yet acknowledged
 */
gboolean
ebb_alarm_acknowledge (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);

  if (!self->signal || self->acknowledged)
    return FALSE;

  self->acknowledged = TRUE;
  return TRUE;
}

/**
 * ebb_alarm_reset:
 * @self: an alarm
 *
 * Ends a latched signal. Refused while the condition is still present:
 * resetting must never hide a live condition.
 *
 * Returns: %TRUE if the signal ended
 */
gboolean
ebb_alarm_reset (EbbAlarm *self)
{
  g_return_val_if_fail (EBB_IS_ALARM (self), FALSE);

  if (self->condition || !self->signal)
    return FALSE;

  self->signal = FALSE;
  self->acknowledged = FALSE;
  self->priority = kinds[self->kind].priority;
  self->latching = kinds[self->kind].latching;
  return TRUE;
}

/**
 * ebb_alarm_kind_id:
 * @kind: an alarm kind
 *
 * Returns: the stable identifier recorded in events and end reasons
 */
const char *
ebb_alarm_kind_id (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), "unknown");
  return kinds[kind].id;
}

/**
 * ebb_alarm_kind_from_id:
 * @id: (nullable): an identifier as ebb_alarm_kind_id() returns it
 *
 * Returns: the kind, or 0 when @id names none
 */
EbbAlarmKind
ebb_alarm_kind_from_id (const char *id)
{
  for (guint kind = 1; kind < EBB_ALARM_N_KINDS; kind++)
    if (g_strcmp0 (id, kinds[kind].id) == 0)
      return kind;

  return 0;
}

EbbAlarmPriority
ebb_alarm_kind_priority (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), EBB_ALARM_PRIORITY_HIGH);
  return kinds[kind].priority;
}

/**
 * ebb_alarm_kind_is_technical:
 * @kind: an alarm kind
 *
 * Returns: whether the alarm is a technical one (equipment, not physiology
 *   or therapy), as IEC 60601-1-8 distinguishes them
 */
gboolean
ebb_alarm_kind_is_technical (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), TRUE);
  return kinds[kind].technical;
}

gboolean
ebb_alarm_kind_is_latching (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), TRUE);
  return kinds[kind].latching;
}

/**
 * ebb_alarm_kind_title:
 * @kind: an alarm kind
 *
 * Returns: the translated short title
 */
const char *
ebb_alarm_kind_title (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), "");
  return _(kinds[kind].title);
}

/**
 * ebb_alarm_kind_title_msgid:
 * @kind: an alarm kind
 *
 * The title untranslated, for a report that translates into a language
 * other than the process's with its own catalogue.
 *
 * Returns: the English title, a msgid of the program's catalogue
 */
const char *
ebb_alarm_kind_title_msgid (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), "");
  return kinds[kind].title;
}

/**
 * ebb_alarm_kind_action:
 * @kind: an alarm kind
 *
 * Returns: the translated text telling the operator what happened and what
 *   to do
 */
const char *
ebb_alarm_kind_action (EbbAlarmKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), "");
  return _(kinds[kind].action);
}

const char *
ebb_alarm_priority_id (EbbAlarmPriority priority)
{
  switch (priority)
    {
    case EBB_ALARM_PRIORITY_LOW:
      return "low";
    case EBB_ALARM_PRIORITY_MEDIUM:
      return "medium";
    case EBB_ALARM_PRIORITY_HIGH:
      return "high";
    default:
      return "none";
    }
}

/**
 * ebb_alarm_priority_label:
 * @priority: a priority
 *
 * Returns: the translated priority name
 */
const char *
ebb_alarm_priority_label (EbbAlarmPriority priority)
{
  switch (priority)
    {
    case EBB_ALARM_PRIORITY_LOW:
      /* Translators: alarm priority */
      return C_("alarm priority", "Low");
    case EBB_ALARM_PRIORITY_MEDIUM:
      return C_("alarm priority", "Medium");
    case EBB_ALARM_PRIORITY_HIGH:
      return C_("alarm priority", "High");
    default:
      return "";
    }
}
