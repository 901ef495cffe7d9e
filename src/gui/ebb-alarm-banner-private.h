/* ebb-alarm-banner-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-alarm-banner.h"

G_BEGIN_DECLS

/* Tests drive the countdown clock themselves (>= 0), or -1 for the real
 * monotonic clock. */
void        _ebb_alarm_banner_set_now               (EbbAlarmBanner *self,
                                                     gint64          now_us);
/* Half a flash period in ms (the class toggles this often), 0 when the
 * shown alarm does not flash. */
guint       _ebb_alarm_banner_get_flash_interval_ms (EbbAlarmBanner *self);
/* Whether the alarm sound is meant to be on now (independent of whether
 * this computer can play it), and its resource path. */
gboolean    _ebb_alarm_banner_get_sounding          (EbbAlarmBanner *self);
const char *_ebb_alarm_banner_get_sound_resource    (EbbAlarmBanner *self);
const char *_ebb_alarm_banner_get_pause_label       (EbbAlarmBanner *self);

G_END_DECLS
