/* ebb-alarm-banner.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-alarm-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-alarm-banner-private.h"

/* IEC 60601-1-8 visual indicators: HIGH flashes at 1.4–2.8 Hz, MEDIUM at
 * 0.4–0.8 Hz, LOW is steady; duty cycle 20–60 % (here 50 %). These are half
 * periods: 2 Hz and 0.625 Hz. */
#define FLASH_HALF_PERIOD_HIGH_MS    250
#define FLASH_HALF_PERIOD_MEDIUM_MS  800
/* Start of one burst to the start of the next. The bursts last 2.15 s,
 * 0.85 s and 0.2 s; the pauses between them stay within the standard's
 * ranges (HIGH 2.5–15 s, MEDIUM 2.5–30 s, LOW more than 15 s). */
#define REPEAT_HIGH_MS               5000
#define REPEAT_MEDIUM_MS             8000
#define REPEAT_LOW_MS                20000
/* IEC 60601-1-8 limits an audio pause; two minutes is the clinic's. */
#define AUDIO_PAUSE_US               (120 * G_USEC_PER_SEC)

typedef struct
{
  guint                   id;
  EbbAlarmBannerPriority  priority;
  char                   *text;
  gboolean                acknowledged;
  guint64                 seq;
} Alarm;

struct _EbbAlarmBanner
{
  GtkWidget               parent_instance;

  /* template widgets */
  GtkRevealer            *revealer;
  GtkBox                 *box;
  GtkImage               *icon;
  GtkLabel               *priority_label;
  GtkLabel               *text_label;
  GtkLabel               *others_label;
  GtkLabel               *sound_label;
  GtkButton              *acknowledge_button;
  GtkButton              *pause_button;

  /* owned */
  GPtrArray              *alarms;        /* of Alarm, shown one first */
  GtkMediaStream         *sounds[EBB_ALARM_BANNER_PRIORITY_HIGH + 1];
  char                   *pause_label;

  /* state */
  guint64                 next_seq;
  guint                   flash_id;
  guint                   flash_interval_ms;
  guint                   repeat_id;
  guint                   countdown_id;
  EbbAlarmBannerPriority  shown_priority;
  EbbAlarmBannerPriority  sounding_priority;
  gint64                  audio_paused_until;
  gint64                  now_override_us;
  gboolean                sound_enabled;
  gboolean                sound_available;
  gboolean                locked;
};

G_DEFINE_FINAL_TYPE (EbbAlarmBanner, ebb_alarm_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_ALARMS,
  PROP_AUDIO_PAUSED_UNTIL,
  PROP_SOUND_ENABLED,
  PROP_SOUND_AVAILABLE,
  N_PROPS
};

enum {
  ACKNOWLEDGE,
  AUDIO_PAUSE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *sound_resources[] = {
  [EBB_ALARM_BANNER_PRIORITY_LOW] = APP_RESOURCE_PATH "/sounds/alarm-low.wav",
  [EBB_ALARM_BANNER_PRIORITY_MEDIUM] = APP_RESOURCE_PATH "/sounds/alarm-medium.wav",
  [EBB_ALARM_BANNER_PRIORITY_HIGH] = APP_RESOURCE_PATH "/sounds/alarm-high.wav",
};

static void
alarm_free (gpointer data)
{
  Alarm *alarm = data;

  g_free (alarm->text);
  g_free (alarm);
}

static gint64
get_now (EbbAlarmBanner *self)
{
  return self->now_override_us >= 0 ? self->now_override_us : g_get_monotonic_time ();
}

/* Highest priority first; within a priority, alarms still unacknowledged
 * first, then the oldest, so the banner does not jump between equals. */
static int
compare_alarms (gconstpointer a,
                gconstpointer b)
{
  const Alarm *x = *(const Alarm * const *) a;
  const Alarm *y = *(const Alarm * const *) b;

  if (x->priority != y->priority)
    return x->priority > y->priority ? -1 : 1;
  if (x->acknowledged != y->acknowledged)
    return x->acknowledged ? 1 : -1;

  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static Alarm *
find_alarm (EbbAlarmBanner *self,
            guint           id)
{
  for (guint i = 0; i < self->alarms->len; i++)
    {
      Alarm *alarm = g_ptr_array_index (self->alarms, i);

      if (alarm->id == id)
        return alarm;
    }

  return NULL;
}

static const char *
priority_text (EbbAlarmBannerPriority priority)
{
  switch (priority)
    {
    case EBB_ALARM_BANNER_PRIORITY_HIGH:
      return _("High priority alarm");
    case EBB_ALARM_BANNER_PRIORITY_MEDIUM:
      return _("Medium priority alarm");
    case EBB_ALARM_BANNER_PRIORITY_LOW:
      return _("Low priority alarm");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
priority_class (EbbAlarmBannerPriority priority)
{
  switch (priority)
    {
    case EBB_ALARM_BANNER_PRIORITY_HIGH:
      return "high";
    case EBB_ALARM_BANNER_PRIORITY_MEDIUM:
      return "medium";
    case EBB_ALARM_BANNER_PRIORITY_LOW:
      return "low";
    default:
      g_return_val_if_reached ("low");
    }
}

static gboolean
is_audio_paused (EbbAlarmBanner *self)
{
  return self->audio_paused_until != 0 && get_now (self) < self->audio_paused_until;
}

static gboolean
flash_cb (gpointer user_data)
{
  EbbAlarmBanner *self = user_data;
  GtkWidget *box = GTK_WIDGET (self->box);

  if (gtk_widget_has_css_class (box, "flash-off"))
    gtk_widget_remove_css_class (box, "flash-off");
  else
    gtk_widget_add_css_class (box, "flash-off");

  return G_SOURCE_CONTINUE;
}

static void
update_flashing (EbbAlarmBanner *self)
{
  guint interval = 0;

  if (self->shown_priority == EBB_ALARM_BANNER_PRIORITY_HIGH)
    interval = FLASH_HALF_PERIOD_HIGH_MS;
  else if (self->shown_priority == EBB_ALARM_BANNER_PRIORITY_MEDIUM)
    interval = FLASH_HALF_PERIOD_MEDIUM_MS;

  if (interval == self->flash_interval_ms)
    return;

  g_clear_handle_id (&self->flash_id, g_source_remove);
  gtk_widget_remove_css_class (GTK_WIDGET (self->box), "flash-off");
  self->flash_interval_ms = interval;
  if (interval > 0)
    self->flash_id = g_timeout_add (interval, flash_cb, self);
}

/* Without a media backend or an audio device a stream reports an error
 * instead of playing (at once, or later from the backend): then the banner
 * says so and stays silent, rather than warning on every burst. */
static gboolean
check_sound_error (EbbAlarmBanner *self,
                   GtkMediaStream *stream)
{
  const GError *error = gtk_media_stream_get_error (stream);

  if (error == NULL)
    return FALSE;

  if (self->sound_available)
    {
      g_debug ("Alarm sound unavailable: %s", error->message);
      self->sound_available = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->sound_label), self->alarms->len > 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOUND_AVAILABLE]);
    }

  return TRUE;
}

static void
sound_error_cb (GtkMediaStream *stream,
                GParamSpec     *pspec,
                EbbAlarmBanner *self)
{
  check_sound_error (self, stream);
}

static GtkMediaStream *
get_sound (EbbAlarmBanner         *self,
           EbbAlarmBannerPriority  priority)
{
  if (self->sounds[priority] == NULL)
    {
      self->sounds[priority] = gtk_media_file_new_for_resource (sound_resources[priority]);
      gtk_media_stream_set_loop (self->sounds[priority], FALSE);
      g_signal_connect_object (self->sounds[priority], "notify::error",
                               G_CALLBACK (sound_error_cb), self, 0);
    }

  return self->sounds[priority];
}

static void
play_sound (EbbAlarmBanner *self)
{
  GtkMediaStream *stream;

  if (!self->sound_available || self->sounding_priority == 0)
    return;

  stream = get_sound (self, self->sounding_priority);
  if (check_sound_error (self, stream))
    return;

  if (gtk_media_stream_is_seekable (stream))
    gtk_media_stream_seek (stream, 0);
  gtk_media_stream_play (stream);
}

static gboolean
repeat_cb (gpointer user_data)
{
  play_sound (user_data);

  return G_SOURCE_CONTINUE;
}

static void
update_sound (EbbAlarmBanner *self)
{
  EbbAlarmBannerPriority wanted = 0;
  guint period;

  if (self->sound_enabled && !is_audio_paused (self))
    {
      /* The alarms are sorted, so the first unacknowledged one has the
       * highest priority among them. */
      for (guint i = 0; i < self->alarms->len; i++)
        {
          Alarm *alarm = g_ptr_array_index (self->alarms, i);

          if (!alarm->acknowledged)
            {
              wanted = MAX (wanted, alarm->priority);
              break;
            }
        }
    }

  if (wanted == self->sounding_priority)
    return;

  g_clear_handle_id (&self->repeat_id, g_source_remove);
  if (self->sounding_priority != 0 && self->sounds[self->sounding_priority] != NULL)
    gtk_media_stream_pause (self->sounds[self->sounding_priority]);

  self->sounding_priority = wanted;
  if (wanted == 0)
    return;

  period = wanted == EBB_ALARM_BANNER_PRIORITY_HIGH ? REPEAT_HIGH_MS :
           wanted == EBB_ALARM_BANNER_PRIORITY_MEDIUM ? REPEAT_MEDIUM_MS : REPEAT_LOW_MS;
  play_sound (self);
  self->repeat_id = g_timeout_add (period, repeat_cb, self);
}

static void
update_pause_label (EbbAlarmBanner *self)
{
  g_autofree char *label = NULL;

  if (is_audio_paused (self))
    {
      gint64 left_s = (self->audio_paused_until - get_now (self) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

      /* Translators: the audio pause button during a pause; %d:%02d is the
       * time left, minutes and seconds */
      label = g_strdup_printf (_("Audio paused %d:%02d"), (int) (left_s / 60), (int) (left_s % 60));
    }
  else
    {
      label = g_strdup (_("Audio _Pause"));
    }

  if (g_strcmp0 (label, self->pause_label) == 0)
    return;

  g_free (self->pause_label);
  self->pause_label = g_steal_pointer (&label);
  gtk_button_set_label (self->pause_button, self->pause_label);
}

/* Ends an audio pause whose time ran out; the sound comes back by itself.
 * Returns TRUE if it did. */
static gboolean
end_expired_pause (EbbAlarmBanner *self)
{
  if (self->audio_paused_until == 0 || is_audio_paused (self))
    return FALSE;

  self->audio_paused_until = 0;
  update_pause_label (self);
  update_sound (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_PAUSED_UNTIL]);

  return TRUE;
}

static gboolean
countdown_cb (gpointer user_data)
{
  EbbAlarmBanner *self = user_data;

  update_pause_label (self);
  if (!end_expired_pause (self))
    return G_SOURCE_CONTINUE;

  self->countdown_id = 0;
  return G_SOURCE_REMOVE;
}

/* The alarm Acknowledge applies to: the shown one, or when that is already
 * acknowledged, the most important one still sounding (so an acknowledged
 * HIGH alarm that stays on top cannot block acknowledging the rest). */
static const Alarm *
acknowledge_target (EbbAlarmBanner *self)
{
  for (guint i = 0; i < self->alarms->len; i++)
    {
      const Alarm *alarm = g_ptr_array_index (self->alarms, i);

      if (!alarm->acknowledged)
        return alarm;
    }

  return NULL;
}

static void
update_display (EbbAlarmBanner *self)
{
  const Alarm *shown = self->alarms->len > 0 ? g_ptr_array_index (self->alarms, 0) : NULL;
  EbbAlarmBannerPriority priority = shown != NULL ? shown->priority : 0;
  guint others = self->alarms->len > 0 ? self->alarms->len - 1 : 0;

  if (priority != self->shown_priority)
    {
      if (self->shown_priority != 0)
        gtk_widget_remove_css_class (GTK_WIDGET (self->box), priority_class (self->shown_priority));
      if (priority != 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->box), priority_class (priority));
      self->shown_priority = priority;
    }

  gtk_revealer_set_reveal_child (self->revealer, shown != NULL);

  if (shown != NULL)
    {
      g_autofree char *accessible = g_strdup_printf ("%s: %s", priority_text (priority), shown->text);

      gtk_label_set_text (self->priority_label, priority_text (priority));
      gtk_label_set_text (self->text_label, shown->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }

  if (others > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u other active alarm",
                                                         "%u other active alarms", others),
                                               others);

      gtk_label_set_text (self->others_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->others_label), others > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sound_label), shown != NULL && !self->sound_available);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarm-banner.acknowledge",
                                 !self->locked && acknowledge_target (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarm-banner.pause-audio",
                                 !self->locked && shown != NULL);

  update_flashing (self);
  update_sound (self);
  update_pause_label (self);
}

static void
alarms_changed (EbbAlarmBanner *self)
{
  g_ptr_array_sort (self->alarms, compare_alarms);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ALARMS]);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EbbAlarmBanner *self = EBB_ALARM_BANNER (widget);
  const Alarm *target = acknowledge_target (self);

  if (target != NULL)
    g_signal_emit (self, signals[ACKNOWLEDGE], 0, target->id);
}

static void
pause_audio_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[AUDIO_PAUSE], 0);
}

/* Default handlers: the banner reflects the operator's action at once; the
 * session runner, connected before, records it and may override. */
static void
ebb_alarm_banner_real_acknowledge (EbbAlarmBanner *self,
                                   guint           id)
{
  Alarm *alarm = find_alarm (self, id);

  if (alarm != NULL && !alarm->acknowledged)
    {
      alarm->acknowledged = TRUE;
      alarms_changed (self);
    }
}

static void
ebb_alarm_banner_real_audio_pause (EbbAlarmBanner *self)
{
  ebb_alarm_banner_set_audio_paused_until (self, get_now (self) + AUDIO_PAUSE_US);
}

static void
ebb_alarm_banner_dispose (GObject *object)
{
  EbbAlarmBanner *self = EBB_ALARM_BANNER (object);

  g_clear_handle_id (&self->flash_id, g_source_remove);
  g_clear_handle_id (&self->repeat_id, g_source_remove);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->sounds); i++)
    {
      if (self->sounds[i] != NULL)
        gtk_media_stream_pause (self->sounds[i]);
      g_clear_object (&self->sounds[i]);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), EBB_TYPE_ALARM_BANNER);

  G_OBJECT_CLASS (ebb_alarm_banner_parent_class)->dispose (object);
}

static void
ebb_alarm_banner_finalize (GObject *object)
{
  EbbAlarmBanner *self = EBB_ALARM_BANNER (object);

  g_clear_pointer (&self->alarms, g_ptr_array_unref);
  g_clear_pointer (&self->pause_label, g_free);

  G_OBJECT_CLASS (ebb_alarm_banner_parent_class)->finalize (object);
}

static void
ebb_alarm_banner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EbbAlarmBanner *self = EBB_ALARM_BANNER (object);

  switch (prop_id)
    {
    case PROP_N_ALARMS:
      g_value_set_uint (value, self->alarms->len);
      break;
    case PROP_AUDIO_PAUSED_UNTIL:
      g_value_set_int64 (value, self->audio_paused_until);
      break;
    case PROP_SOUND_ENABLED:
      g_value_set_boolean (value, self->sound_enabled);
      break;
    case PROP_SOUND_AVAILABLE:
      g_value_set_boolean (value, self->sound_available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_alarm_banner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EbbAlarmBanner *self = EBB_ALARM_BANNER (object);

  switch (prop_id)
    {
    case PROP_AUDIO_PAUSED_UNTIL:
      ebb_alarm_banner_set_audio_paused_until (self, g_value_get_int64 (value));
      break;
    case PROP_SOUND_ENABLED:
      ebb_alarm_banner_set_sound_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ebb_alarm_banner_class_init (EbbAlarmBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ebb_alarm_banner_dispose;
  object_class->finalize = ebb_alarm_banner_finalize;
  object_class->get_property = ebb_alarm_banner_get_property;
  object_class->set_property = ebb_alarm_banner_set_property;

  /**
   * EbbAlarmBanner:n-alarms:
   *
   * How many alarms are active (shown one and others).
   */
  properties[PROP_N_ALARMS] =
    g_param_spec_uint ("n-alarms", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbAlarmBanner:audio-paused-until:
   *
   * The g_get_monotonic_time() at which the audio pause ends, or 0.
   */
  properties[PROP_AUDIO_PAUSED_UNTIL] =
    g_param_spec_int64 ("audio-paused-until", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbAlarmBanner:sound-enabled:
   *
   * Whether alarm sounds play at all (a demo or a silent test may turn
   * them off; the session page leaves them on).
   */
  properties[PROP_SOUND_ENABLED] =
    g_param_spec_boolean ("sound-enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbbAlarmBanner:sound-available:
   *
   * %FALSE when this computer cannot play the alarm sounds (no GTK media
   * backend or no audio output); the banner then says so.
   */
  properties[PROP_SOUND_AVAILABLE] =
    g_param_spec_boolean ("sound-available", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbbAlarmBanner::acknowledge:
   * @self: the banner
   * @id: the alarm's id
   *
   * The operator acknowledged the shown alarm (or, when that one is already
   * acknowledged, the highest-priority unacknowledged one). Connect (before the default
   * handler) to pass it to the session runner.
   */
  signals[ACKNOWLEDGE] =
    g_signal_new_class_handler ("acknowledge",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (ebb_alarm_banner_real_acknowledge),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * EbbAlarmBanner::audio-pause:
   * @self: the banner
   *
   * The operator paused the alarm audio (for two minutes).
   */
  signals[AUDIO_PAUSE] =
    g_signal_new_class_handler ("audio-pause",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (ebb_alarm_banner_real_audio_pause),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/ebb-alarm-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, box);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, priority_label);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, text_label);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, others_label);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, sound_label);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, EbbAlarmBanner, pause_button);

  gtk_widget_class_install_action (widget_class, "alarm-banner.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "alarm-banner.pause-audio", NULL, pause_audio_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alarmbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
ebb_alarm_banner_init (EbbAlarmBanner *self)
{
  self->alarms = g_ptr_array_new_with_free_func (alarm_free);
  self->now_override_us = -1;
  self->sound_enabled = TRUE;
  self->sound_available = TRUE;
  self->next_seq = 1;

  gtk_widget_init_template (GTK_WIDGET (self));
  update_display (self);
}

/**
 * ebb_alarm_banner_new:
 *
 * Returns: (transfer floating): a new, empty (hidden) alarm banner
 */
GtkWidget *
ebb_alarm_banner_new (void)
{
  return g_object_new (EBB_TYPE_ALARM_BANNER, NULL);
}

/**
 * ebb_alarm_banner_set_alarm:
 * @self: a banner
 * @id: the alarm's id (not 0), such as the runner's EbbAlarmKind
 * @priority: its current priority
 * @text: what the operator reads, already translated
 * @acknowledged: whether the operator acknowledged it
 *
 * Adds an active alarm, or updates the one with @id (an escalation, an
 * acknowledgement). The highest priority is shown; its sound repeats while
 * any alarm is unacknowledged and the audio is not paused.
 */
void
ebb_alarm_banner_set_alarm (EbbAlarmBanner         *self,
                            guint                   id,
                            EbbAlarmBannerPriority  priority,
                            const char             *text,
                            gboolean                acknowledged)
{
  Alarm *alarm;

  g_return_if_fail (EBB_IS_ALARM_BANNER (self));
  g_return_if_fail (id != 0);
  g_return_if_fail (priority >= EBB_ALARM_BANNER_PRIORITY_LOW && priority <= EBB_ALARM_BANNER_PRIORITY_HIGH);
  g_return_if_fail (text != NULL);

  alarm = find_alarm (self, id);
  if (alarm == NULL)
    {
      alarm = g_new0 (Alarm, 1);
      alarm->id = id;
      alarm->seq = self->next_seq++;
      g_ptr_array_add (self->alarms, alarm);
    }

  alarm->priority = priority;
  alarm->acknowledged = !!acknowledged;
  g_free (alarm->text);
  alarm->text = g_strdup (text);

  alarms_changed (self);
}

/**
 * ebb_alarm_banner_remove_alarm:
 * @self: a banner
 * @id: an alarm id
 *
 * Removes an alarm whose condition ended (or that was reset).
 *
 * Returns: %FALSE if there was no alarm with @id
 */
gboolean
ebb_alarm_banner_remove_alarm (EbbAlarmBanner *self,
                               guint           id)
{
  Alarm *alarm;

  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), FALSE);

  alarm = find_alarm (self, id);
  if (alarm == NULL)
    return FALSE;

  g_ptr_array_remove (self->alarms, alarm);
  alarms_changed (self);

  return TRUE;
}

void
ebb_alarm_banner_clear (EbbAlarmBanner *self)
{
  g_return_if_fail (EBB_IS_ALARM_BANNER (self));

  if (self->alarms->len == 0)
    return;

  g_ptr_array_set_size (self->alarms, 0);
  alarms_changed (self);
}

guint
ebb_alarm_banner_get_n_alarms (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), 0);

  return self->alarms->len;
}

/**
 * ebb_alarm_banner_get_shown_id:
 * @self: a banner
 *
 * Returns: the id of the alarm the banner shows, or 0 when there is none
 */
guint
ebb_alarm_banner_get_shown_id (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), 0);

  if (self->alarms->len == 0)
    return 0;

  return ((Alarm *) g_ptr_array_index (self->alarms, 0))->id;
}

gint64
ebb_alarm_banner_get_audio_paused_until (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), 0);

  return self->audio_paused_until;
}

/**
 * ebb_alarm_banner_set_audio_paused_until:
 * @self: a banner
 * @until_us: the g_get_monotonic_time() at which the pause ends, or 0
 *
 * Shows the audio pause with its countdown and silences the alarm sounds
 * until then.
 */
void
ebb_alarm_banner_set_audio_paused_until (EbbAlarmBanner *self,
                                         gint64          until_us)
{
  g_return_if_fail (EBB_IS_ALARM_BANNER (self));

  if (self->audio_paused_until == until_us)
    return;

  self->audio_paused_until = until_us;
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (is_audio_paused (self))
    self->countdown_id = g_timeout_add (250, countdown_cb, self);

  update_pause_label (self);
  update_sound (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_PAUSED_UNTIL]);
}

gboolean
ebb_alarm_banner_get_sound_enabled (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), FALSE);

  return self->sound_enabled;
}

void
ebb_alarm_banner_set_sound_enabled (EbbAlarmBanner *self,
                                    gboolean        enabled)
{
  g_return_if_fail (EBB_IS_ALARM_BANNER (self));

  enabled = !!enabled;
  if (self->sound_enabled == enabled)
    return;

  self->sound_enabled = enabled;
  update_sound (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOUND_ENABLED]);
}

gboolean
ebb_alarm_banner_get_sound_available (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), FALSE);

  return self->sound_available;
}

void
_ebb_alarm_banner_set_now (EbbAlarmBanner *self,
                           gint64          now_us)
{
  g_return_if_fail (EBB_IS_ALARM_BANNER (self));

  self->now_override_us = now_us;
  if (end_expired_pause (self))
    g_clear_handle_id (&self->countdown_id, g_source_remove);
  update_pause_label (self);
}

guint
_ebb_alarm_banner_get_flash_interval_ms (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), 0);

  return self->flash_interval_ms;
}

gboolean
_ebb_alarm_banner_get_sounding (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), FALSE);

  return self->sounding_priority != 0;
}

const char *
_ebb_alarm_banner_get_sound_resource (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), NULL);

  return self->sounding_priority != 0 ? sound_resources[self->sounding_priority] : NULL;
}

const char *
_ebb_alarm_banner_get_pause_label (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), NULL);

  return self->pause_label;
}

/**
 * ebb_alarm_banner_set_locked:
 * @self: the banner
 * @locked: whether the console is locked
 *
 * On a locked console the alarms keep showing, flashing and sounding, but
 * acknowledge and audio pause wait for an operator to unlock: silencing
 * an alarm is attributed to someone at the console.
 */
void
ebb_alarm_banner_set_locked (EbbAlarmBanner *self,
                             gboolean        locked)
{
  g_return_if_fail (EBB_IS_ALARM_BANNER (self));

  locked = !!locked;
  if (self->locked == locked)
    return;

  self->locked = locked;
  update_display (self);
}

gboolean
ebb_alarm_banner_get_locked (EbbAlarmBanner *self)
{
  g_return_val_if_fail (EBB_IS_ALARM_BANNER (self), FALSE);

  return self->locked;
}
