/* test-alarm.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-alarm.h"

static void
test_non_latching (void)
{
  g_autoptr(EbbAlarm) alarm = ebb_alarm_new (EBB_ALARM_DEVIATION);
  EbbAlarmEventType event = 0;

  g_assert_false (ebb_alarm_get_signal (alarm));
  g_assert_false (ebb_alarm_get_latching (alarm));
  g_assert_true (ebb_alarm_set_condition (alarm, TRUE, 100, &event));
  g_assert_cmpint (event, ==, EBB_ALARM_EVENT_RAISED);
  g_assert_true (ebb_alarm_get_signal (alarm));
  g_assert_cmpint (ebb_alarm_get_raised_us (alarm), ==, 100);
  /* No change, no event. */
  g_assert_false (ebb_alarm_set_condition (alarm, TRUE, 200, &event));

  g_assert_true (ebb_alarm_set_condition (alarm, FALSE, 300, &event));
  g_assert_cmpint (event, ==, EBB_ALARM_EVENT_CONDITION_ENDED);
  g_assert_false (ebb_alarm_get_signal (alarm));
  g_assert_false (ebb_alarm_reset (alarm));
}

static void
test_latching (void)
{
  g_autoptr(EbbAlarm) alarm = ebb_alarm_new (EBB_ALARM_OVER_VACUUM);
  EbbAlarmEventType event = 0;

  g_assert_true (ebb_alarm_get_latching (alarm));
  g_assert_cmpint (ebb_alarm_get_priority (alarm), ==, EBB_ALARM_PRIORITY_HIGH);
  g_assert_true (ebb_alarm_set_condition (alarm, TRUE, 0, &event));

  /* Reset is refused while the condition lasts. */
  g_assert_false (ebb_alarm_reset (alarm));
  g_assert_true (ebb_alarm_set_condition (alarm, FALSE, 10, &event));
  g_assert_cmpint (event, ==, EBB_ALARM_EVENT_CONDITION_ENDED);
  g_assert_true (ebb_alarm_get_signal (alarm));
  g_assert_false (ebb_alarm_get_condition (alarm));

  g_assert_true (ebb_alarm_reset (alarm));
  g_assert_false (ebb_alarm_get_signal (alarm));
  g_assert_false (ebb_alarm_reset (alarm));
}

static void
test_acknowledge (void)
{
  g_autoptr(EbbAlarm) alarm = ebb_alarm_new (EBB_ALARM_VACUUM_LOSS);
  EbbAlarmEventType event = 0;

  g_assert_false (ebb_alarm_acknowledge (alarm));
  ebb_alarm_set_condition (alarm, TRUE, 0, &event);
  g_assert_true (ebb_alarm_acknowledge (alarm));
  g_assert_true (ebb_alarm_get_acknowledged (alarm));
  g_assert_false (ebb_alarm_acknowledge (alarm));
  /* Still shown: acknowledging silences, it does not hide. */
  g_assert_true (ebb_alarm_get_signal (alarm));

  /* Escalation sounds again and latches at high priority. */
  g_assert_true (ebb_alarm_escalate (alarm, EBB_ALARM_PRIORITY_HIGH));
  g_assert_false (ebb_alarm_get_acknowledged (alarm));
  g_assert_true (ebb_alarm_get_latching (alarm));
  g_assert_false (ebb_alarm_escalate (alarm, EBB_ALARM_PRIORITY_MEDIUM));

  ebb_alarm_set_condition (alarm, FALSE, 5, &event);
  g_assert_true (ebb_alarm_get_signal (alarm));
  g_assert_true (ebb_alarm_reset (alarm));
  /* After a reset the alarm is its old self again. */
  g_assert_cmpint (ebb_alarm_get_priority (alarm), ==, EBB_ALARM_PRIORITY_MEDIUM);
  g_assert_false (ebb_alarm_get_latching (alarm));
  /* Escalation needs a present condition. */
  g_assert_false (ebb_alarm_escalate (alarm, EBB_ALARM_PRIORITY_HIGH));
}

static void
test_kind_table (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (EbbAlarmKind kind = EBB_ALARM_OVER_VACUUM; kind < EBB_ALARM_N_KINDS; kind++)
    {
      const char *id = ebb_alarm_kind_id (kind);

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
      g_assert_cmpuint (strlen (ebb_alarm_kind_title (kind)), >, 0);
      /* The action text says what to do, so it is more than a title. */
      g_assert_cmpuint (strlen (ebb_alarm_kind_action (kind)), >, 40);
      g_assert_cmpint (ebb_alarm_kind_priority (kind), >=, EBB_ALARM_PRIORITY_LOW);
      g_assert_cmpint (ebb_alarm_kind_priority (kind), <=, EBB_ALARM_PRIORITY_HIGH);
      /* Every high-priority alarm latches. */
      if (ebb_alarm_kind_priority (kind) == EBB_ALARM_PRIORITY_HIGH)
        g_assert_true (ebb_alarm_kind_is_latching (kind));
    }

  g_assert_true (ebb_alarm_kind_is_technical (EBB_ALARM_LINK_LOST));
  g_assert_false (ebb_alarm_kind_is_technical (EBB_ALARM_OVER_VACUUM));
  g_assert_cmpint (ebb_alarm_kind_priority (EBB_ALARM_DEVIATION), ==, EBB_ALARM_PRIORITY_LOW);
  g_assert_cmpstr (ebb_alarm_priority_id (EBB_ALARM_PRIORITY_HIGH), ==, "high");
  g_assert_cmpstr (ebb_alarm_event_type_id (EBB_ALARM_EVENT_AUDIO_PAUSED), ==, "alarm-audio-paused");
}

static void
test_event_boxed (void)
{
  g_autoptr(EbbAlarmEvent) event = ebb_alarm_event_new (EBB_ALARM_EVENT_ACKNOWLEDGED,
                                                        EBB_ALARM_LINK_LOST,
                                                        EBB_ALARM_PRIORITY_HIGH, 42, "anna");
  g_autoptr(EbbAlarmEvent) copy = g_boxed_copy (EBB_TYPE_ALARM_EVENT, event);

  g_assert_cmpint (copy->type, ==, EBB_ALARM_EVENT_ACKNOWLEDGED);
  g_assert_cmpint (copy->kind, ==, EBB_ALARM_LINK_LOST);
  g_assert_cmpint (copy->time_us, ==, 42);
  g_assert_cmpstr (copy->operator_name, ==, "anna");
  g_assert_true (copy->operator_name != event->operator_name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/alarm/non-latching", test_non_latching);
  g_test_add_func ("/ebb/alarm/latching", test_latching);
  g_test_add_func ("/ebb/alarm/acknowledge-escalate-reset", test_acknowledge);
  g_test_add_func ("/ebb/alarm/kind-table", test_kind_table);
  g_test_add_func ("/ebb/alarm/event-boxed", test_event_boxed);

  return g_test_run ();
}
