/* test-alarm-banner.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ebb-alarm-banner-private.h"

#define T0_US ((gint64) 5000 * G_USEC_PER_SEC)

static EbbAlarmBanner *
new_banner (void)
{
  EbbAlarmBanner *banner = g_object_ref_sink (EBB_ALARM_BANNER (ebb_alarm_banner_new ()));

  _ebb_alarm_banner_set_now (banner, T0_US);
  return banner;
}

/* The first descendant of @widget with the CSS class @name. */
static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static void
test_priority_order (void)
{
  EbbAlarmBanner *banner = new_banner ();

  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 0);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (banner)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);

  ebb_alarm_banner_set_alarm (banner, 1, EBB_ALARM_BANNER_PRIORITY_LOW, "Low one", FALSE);
  ebb_alarm_banner_set_alarm (banner, 2, EBB_ALARM_BANNER_PRIORITY_MEDIUM, "Medium one", FALSE);
  ebb_alarm_banner_set_alarm (banner, 3, EBB_ALARM_BANNER_PRIORITY_HIGH, "High one", FALSE);
  g_assert_cmpuint (ebb_alarm_banner_get_n_alarms (banner), ==, 3);
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 3);
  g_assert_true (shows_label (GTK_WIDGET (banner), "High one"));
  g_assert_true (shows_label (GTK_WIDGET (banner), "High priority alarm"));
  g_assert_true (shows_label (GTK_WIDGET (banner), "2 other active alarms"));
  g_assert_nonnull (find_with_class (GTK_WIDGET (banner), "high"));

  /* The high one ends: the medium one is shown, one other. */
  g_assert_true (ebb_alarm_banner_remove_alarm (banner, 3));
  g_assert_false (ebb_alarm_banner_remove_alarm (banner, 3));
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 2);
  g_assert_true (shows_label (GTK_WIDGET (banner), "1 other active alarm"));
  g_assert_null (find_with_class (GTK_WIDGET (banner), "high"));
  g_assert_nonnull (find_with_class (GTK_WIDGET (banner), "medium"));

  /* A newer alarm of the same priority waits behind the older one, until
   * the older one is acknowledged. */
  ebb_alarm_banner_set_alarm (banner, 4, EBB_ALARM_BANNER_PRIORITY_MEDIUM, "Medium two", FALSE);
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 2);
  ebb_alarm_banner_set_alarm (banner, 2, EBB_ALARM_BANNER_PRIORITY_MEDIUM, "Medium one", TRUE);
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 4);

  /* An escalation moves an alarm to the front. */
  ebb_alarm_banner_set_alarm (banner, 1, EBB_ALARM_BANNER_PRIORITY_HIGH, "Low one, escalated", FALSE);
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 1);

  ebb_alarm_banner_clear (banner);
  g_assert_cmpuint (ebb_alarm_banner_get_n_alarms (banner), ==, 0);
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 0);

  g_assert_finalize_object (banner);
}

static gboolean
toggled_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the "flash-off" class of @box differs from
 * @initial, or two seconds pass. */
static gboolean
wait_for_toggle (GtkWidget *box,
                 gboolean   initial)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (2000, toggled_cb, &timed_out);

  while (!timed_out && gtk_widget_has_css_class (box, "flash-off") == initial)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static void
test_flashing (void)
{
  EbbAlarmBanner *banner = new_banner ();
  GtkWidget *box;
  double hz;

  ebb_alarm_banner_set_alarm (banner, 7, EBB_ALARM_BANNER_PRIORITY_HIGH, "Over-vacuum", FALSE);
  box = find_with_class (GTK_WIDGET (banner), "alarm-box");
  g_assert_nonnull (box);
  g_assert_true (gtk_widget_has_css_class (box, "high"));

  /* HIGH flashes at 1.4–2.8 Hz: the class goes off and on again. */
  hz = 1000.0 / (2 * _ebb_alarm_banner_get_flash_interval_ms (banner));
  g_assert_cmpfloat (hz, >=, 1.4);
  g_assert_cmpfloat (hz, <=, 2.8);
  g_assert_true (wait_for_toggle (box, FALSE));
  g_assert_true (wait_for_toggle (box, TRUE));

  /* MEDIUM flashes at 0.4–0.8 Hz. */
  ebb_alarm_banner_set_alarm (banner, 7, EBB_ALARM_BANNER_PRIORITY_MEDIUM, "Vacuum not reached", FALSE);
  g_assert_true (gtk_widget_has_css_class (box, "medium"));
  g_assert_false (gtk_widget_has_css_class (box, "high"));
  hz = 1000.0 / (2 * _ebb_alarm_banner_get_flash_interval_ms (banner));
  g_assert_cmpfloat (hz, >=, 0.4);
  g_assert_cmpfloat (hz, <=, 0.8);

  /* LOW is steady. */
  ebb_alarm_banner_set_alarm (banner, 7, EBB_ALARM_BANNER_PRIORITY_LOW, "Deviation", FALSE);
  g_assert_true (gtk_widget_has_css_class (box, "low"));
  g_assert_cmpuint (_ebb_alarm_banner_get_flash_interval_ms (banner), ==, 0);
  g_assert_false (gtk_widget_has_css_class (box, "flash-off"));

  g_assert_finalize_object (banner);
}

static void
acknowledge_cb (EbbAlarmBanner *banner,
                guint           id,
                guint          *emitted)
{
  *emitted = id;
}

static void
test_acknowledge (void)
{
  EbbAlarmBanner *banner = new_banner ();
  guint emitted = 0;

  g_signal_connect (banner, "acknowledge", G_CALLBACK (acknowledge_cb), &emitted);
  ebb_alarm_banner_set_alarm (banner, 3, EBB_ALARM_BANNER_PRIORITY_MEDIUM, "Leak", FALSE);
  ebb_alarm_banner_set_alarm (banner, 9, EBB_ALARM_BANNER_PRIORITY_HIGH, "Link lost", FALSE);
  g_assert_true (_ebb_alarm_banner_get_sounding (banner));
  g_assert_cmpstr (_ebb_alarm_banner_get_sound_resource (banner), ==,
                   "/org/ebbflow/Ebbflow/sounds/alarm-high.wav");

  /* Whatever the computer's audio, the sound never warns. */
  if (!ebb_alarm_banner_get_sound_available (banner))
    g_assert_true (shows_label (GTK_WIDGET (banner),
                                "No alarm sound on this computer: keep the screen in view."));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (banner), "alarm-banner.acknowledge", NULL));
  g_assert_cmpuint (emitted, ==, 9);

  /* The acknowledged HIGH alarm stays on top; the medium one sounds with
   * its own burst and is next to acknowledge. */
  g_assert_cmpuint (ebb_alarm_banner_get_shown_id (banner), ==, 9);
  g_assert_cmpstr (_ebb_alarm_banner_get_sound_resource (banner), ==,
                   "/org/ebbflow/Ebbflow/sounds/alarm-medium.wav");

  emitted = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (banner), "alarm-banner.acknowledge", NULL));
  g_assert_cmpuint (emitted, ==, 3);
  g_assert_false (_ebb_alarm_banner_get_sounding (banner));

  /* Everything acknowledged: the button is insensitive. */
  emitted = 0;
  gtk_widget_activate_action (GTK_WIDGET (banner), "alarm-banner.acknowledge", NULL);
  g_assert_cmpuint (emitted, ==, 0);

  g_assert_finalize_object (banner);
}

static void
test_audio_pause (void)
{
  EbbAlarmBanner *banner = new_banner ();

  ebb_alarm_banner_set_alarm (banner, 5, EBB_ALARM_BANNER_PRIORITY_HIGH, "Telemetry stale", FALSE);
  g_assert_cmpstr (_ebb_alarm_banner_get_pause_label (banner), ==, "Audio _Pause");
  g_assert_true (_ebb_alarm_banner_get_sounding (banner));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (banner), "alarm-banner.pause-audio", NULL));
  g_assert_cmpint (ebb_alarm_banner_get_audio_paused_until (banner), ==, T0_US + 120 * G_USEC_PER_SEC);
  g_assert_cmpstr (_ebb_alarm_banner_get_pause_label (banner), ==, "Audio paused 2:00");
  g_assert_false (_ebb_alarm_banner_get_sounding (banner));

  _ebb_alarm_banner_set_now (banner, T0_US + 61 * G_USEC_PER_SEC);
  g_assert_cmpstr (_ebb_alarm_banner_get_pause_label (banner), ==, "Audio paused 0:59");

  /* A new alarm during the pause stays silent too. */
  ebb_alarm_banner_set_alarm (banner, 6, EBB_ALARM_BANNER_PRIORITY_MEDIUM, "Leak", FALSE);
  g_assert_false (_ebb_alarm_banner_get_sounding (banner));

  /* The pause ends by itself and the sound returns. */
  _ebb_alarm_banner_set_now (banner, T0_US + 121 * G_USEC_PER_SEC);
  g_assert_cmpstr (_ebb_alarm_banner_get_pause_label (banner), ==, "Audio _Pause");
  g_assert_cmpint (ebb_alarm_banner_get_audio_paused_until (banner), ==, 0);
  g_assert_true (_ebb_alarm_banner_get_sounding (banner));

  g_assert_finalize_object (banner);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ebb/alarm-banner/priority-order", test_priority_order);
  g_test_add_func ("/ebb/alarm-banner/flashing", test_flashing);
  g_test_add_func ("/ebb/alarm-banner/acknowledge", test_acknowledge);
  g_test_add_func ("/ebb/alarm-banner/audio-pause", test_audio_pause);

  return g_test_run ();
}
