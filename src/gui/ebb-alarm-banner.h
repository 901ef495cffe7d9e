/* ebb-alarm-banner.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * EbbAlarmBannerPriority:
 * @EBB_ALARM_BANNER_PRIORITY_LOW: operator awareness is required
 * @EBB_ALARM_BANNER_PRIORITY_MEDIUM: prompt operator response is required
 * @EBB_ALARM_BANNER_PRIORITY_HIGH: immediate operator response is required
 *
 * The IEC 60601-1-8 priorities, with the values of the session runner's
 * EbbAlarmPriority so the session page can pass them straight through.
 */
typedef enum
{
  EBB_ALARM_BANNER_PRIORITY_LOW = 1,
  EBB_ALARM_BANNER_PRIORITY_MEDIUM,
  EBB_ALARM_BANNER_PRIORITY_HIGH,
} EbbAlarmBannerPriority;

#define EBB_TYPE_ALARM_BANNER (ebb_alarm_banner_get_type())

G_DECLARE_FINAL_TYPE (EbbAlarmBanner, ebb_alarm_banner, EBB, ALARM_BANNER, GtkWidget)

GtkWidget *ebb_alarm_banner_new                     (void);
void       ebb_alarm_banner_set_alarm               (EbbAlarmBanner         *self,
                                                     guint                   id,
                                                     EbbAlarmBannerPriority  priority,
                                                     const char             *text,
                                                     gboolean                acknowledged);
gboolean   ebb_alarm_banner_remove_alarm            (EbbAlarmBanner         *self,
                                                     guint                   id);
void       ebb_alarm_banner_clear                   (EbbAlarmBanner         *self);
guint      ebb_alarm_banner_get_n_alarms            (EbbAlarmBanner         *self);
guint      ebb_alarm_banner_get_shown_id            (EbbAlarmBanner         *self);
gint64     ebb_alarm_banner_get_audio_paused_until  (EbbAlarmBanner         *self);
void       ebb_alarm_banner_set_audio_paused_until  (EbbAlarmBanner         *self,
                                                     gint64                  until_us);
gboolean   ebb_alarm_banner_get_sound_enabled       (EbbAlarmBanner         *self);
void       ebb_alarm_banner_set_sound_enabled       (EbbAlarmBanner         *self,
                                                     gboolean                enabled);
gboolean   ebb_alarm_banner_get_sound_available     (EbbAlarmBanner         *self);
gboolean   ebb_alarm_banner_get_locked              (EbbAlarmBanner         *self);
void       ebb_alarm_banner_set_locked              (EbbAlarmBanner         *self,
                                                     gboolean                locked);

G_END_DECLS
