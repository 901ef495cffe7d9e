/* ebb-store-recorder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-recorder"

#include "config.h"

#include <string.h>

#include "ebb-sample-writer.h"
#include "ebb-store-recorder.h"

/* Records a session into the store: the session row when it begins, every
 * sample and event through the sample writer's own thread and connection
 * (so the main loop never waits for the disk), and the end state with the
 * link statistics once the writer has flushed.
 *
 * Every event also gets the chamber's clock at the moment it happened, so
 * the report puts phase changes on the samples' own time line: the newest
 * sample's device_ms plus the time since it arrived, on the monotonic
 * clock. The wall clock is kept too, but it is off by the batch delays and
 * jumps when the system time is set (NTP) during a session. Events before
 * the first sample (the start, the first phase) wait for it, at most
 * HOLD_US, and are dated back from it. */

/* How long an event waits for the first sample to date it; after that it
 * is written without the device time, so a stalled chamber or a crash
 * loses no more than the writer's own interval would. */
#define HOLD_US (1 * G_USEC_PER_SEC)

typedef struct
{
  EbbSessionEvent *event;
  gint64           at_us;   /* on the recorder's clock */
} HeldEvent;

struct _EbbStoreRecorder
{
  GObject parent_instance;

  /* owned */
  EbbStore *store;
  EbbClock *clock;
  EbbSampleWriter *writer;
  GArray *held;             /* HeldEvent, waiting for the first sample */
  char *operator_name;
  char *chamber_model;
  char *chamber_firmware;

  /* state */
  gint64 client_id;
  gint64 operator_id;
  gint64 screening_id;
  gint64 profile_id;
  gint64 session_id;
  guint hold_timer;
  gboolean have_sample;
  guint32 last_device_ms;   /* the newest sample's device clock */
  gint64 last_arrival_us;   /* when it arrived, on the recorder's clock */
};

static void ebb_store_recorder_iface_init (EbbRecorderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbbStoreRecorder, ebb_store_recorder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EBB_TYPE_RECORDER, ebb_store_recorder_iface_init))

static const struct
{
  const char *prefix;
  EbbSessionEventKind kind;
} event_kinds[] = {
  { "phase", EBB_SESSION_EVENT_PHASE },
  { "setpoint", EBB_SESSION_EVENT_SETPOINT },
  { "alarm-raised", EBB_SESSION_EVENT_ALARM_RAISED },
  { "alarm-escalated", EBB_SESSION_EVENT_ALARM_RAISED },
  { "alarm-acknowledged", EBB_SESSION_EVENT_ALARM_ACKNOWLEDGED },
  { "alarm-audio-paused", EBB_SESSION_EVENT_ALARM_ACKNOWLEDGED },
  { "alarm-condition-ended", EBB_SESSION_EVENT_ALARM_CLEARED },
  { "alarm-reset", EBB_SESSION_EVENT_ALARM_CLEARED },
  { "alarm-audio-pause-ended", EBB_SESSION_EVENT_ALARM_CLEARED },
  { "command-failed", EBB_SESSION_EVENT_DEVICE_FAULT },
  { "vent-timeout", EBB_SESSION_EVENT_DEVICE_FAULT },
  { "stop", EBB_SESSION_EVENT_OPERATOR_ACTION },
  { "emergency-stop", EBB_SESSION_EVENT_OPERATOR_ACTION },
  { "symptom", EBB_SESSION_EVENT_OPERATOR_ACTION },
};

static EbbSessionEventKind
event_kind_for (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    if (strcmp (type, event_kinds[i].prefix) == 0)
      return event_kinds[i].kind;

  return EBB_SESSION_EVENT_NOTE;
}

static gboolean
writer_ok (EbbStoreRecorder  *self,
           GError           **error)
{
  GError *failure;

  if (self->writer == NULL)
    {
      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                   "No session is being recorded");
      return FALSE;
    }

  failure = ebb_sample_writer_dup_error (self->writer);
  if (failure != NULL)
    {
      g_propagate_error (error, failure);
      return FALSE;
    }

  return TRUE;
}

/* The chamber's clock at @at_us (on the recorder's clock), from the newest
 * sample and its arrival; wraps at 2^32 ms as the device clock does. The
 * store reads a device time of 0 as "unknown", so that one millisecond is
 * written as 1. */
static guint32
device_ms_at (EbbStoreRecorder *self,
              gint64            at_us)
{
  gint64 since_ms = (at_us - self->last_arrival_us) / 1000;
  guint32 device_ms = self->last_device_ms + (guint32) since_ms;

  g_assert (self->have_sample);

  return device_ms != 0 ? device_ms : 1;
}

/* Hands the held events to the writer, dated from the newest sample if
 * there is one; in the order they happened, before any later event. */
static void
release_held (EbbStoreRecorder *self)
{
  ebb_clock_clear_timeout (self->clock, &self->hold_timer);

  for (guint i = 0; i < self->held->len; i++)
    {
      HeldEvent *held = &g_array_index (self->held, HeldEvent, i);

      if (self->have_sample)
        held->event->device_ms = device_ms_at (self, held->at_us);
      if (self->writer != NULL)
        ebb_sample_writer_push_event (self->writer, held->event);
      g_clear_pointer (&held->event, ebb_session_event_free);
    }
  g_array_set_size (self->held, 0);
}

static gboolean
hold_expired_cb (gpointer data)
{
  EbbStoreRecorder *self = data;

  self->hold_timer = 0;
  release_held (self);

  return G_SOURCE_REMOVE;
}

static void
clear_held_event (HeldEvent *held)
{
  g_clear_pointer (&held->event, ebb_session_event_free);
}

static gboolean
ebb_store_recorder_begin (EbbRecorder  *recorder,
                          const char   *client_id,
                          const char   *operator_name,
                          const char   *device_serial,
                          JsonObject   *profile_snapshot,
                          gint64       *session_id,
                          GError      **error)
{
  EbbStoreRecorder *self = EBB_STORE_RECORDER (recorder);
  g_autoptr(EbbSessionRecord) record = ebb_session_record_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(EbbSampleWriter) writer = NULL;
  gint64 id;

  if (self->session_id != 0)
    {
      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                   "This recorder already records session %" G_GINT64_FORMAT, self->session_id);
      return FALSE;
    }

  json_node_set_object (node, profile_snapshot);
  record->client_id = self->client_id;
  record->operator_id = self->operator_id;
  record->screening_id = self->screening_id;
  record->profile_id = self->profile_id;
  record->profile_json = json_to_string (node, FALSE);
  record->chamber_model = g_strdup (self->chamber_model);
  record->chamber_serial = g_strdup (device_serial);
  record->chamber_firmware = g_strdup (self->chamber_firmware);

  id = ebb_store_session_begin (self->store, record, error);
  if (id == 0)
    return FALSE;

  writer = ebb_sample_writer_new (self->store, id, error);
  if (writer == NULL)
    {
      /* The row exists; close it so it does not look like a live session. */
      ebb_store_session_finish (self->store, id, EBB_SESSION_ABORTED, "recording-failed",
                                g_get_real_time (), NULL, NULL);
      return FALSE;
    }

  self->writer = g_steal_pointer (&writer);
  self->session_id = id;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  *session_id = id;
  return TRUE;
}

static gboolean
ebb_store_recorder_add_samples (EbbRecorder            *recorder,
                                gint64                  session_id,
                                const EbbEcpTelemetry  *samples,
                                guint                   n_samples,
                                GError                **error)
{
  EbbStoreRecorder *self = EBB_STORE_RECORDER (recorder);

  if (!writer_ok (self, error))
    return FALSE;

  ebb_sample_writer_push_samples (self->writer, samples, n_samples);
  if (n_samples > 0)
    {
      self->last_device_ms = samples[n_samples - 1].device_ms;
      self->last_arrival_us = ebb_clock_now_us (self->clock);
      self->have_sample = TRUE;
      if (self->held->len > 0)
        release_held (self);
    }
  return TRUE;
}

static gboolean
ebb_store_recorder_add_event (EbbRecorder  *recorder,
                              gint64        session_id,
                              gint64        offset_us,
                              const char   *type,
                              const char   *detail,
                              const char   *operator_name,
                              GError      **error)
{
  EbbStoreRecorder *self = EBB_STORE_RECORDER (recorder);
  g_autoptr(EbbSessionEvent) event = NULL;
  g_autofree char *message = NULL;

  if (!writer_ok (self, error))
    return FALSE;

  /* An action by someone other than the session's operator keeps their
   * name in the message; the row links to the session's operator only. */
  if (operator_name != NULL && g_strcmp0 (operator_name, self->operator_name) != 0)
    message = g_strdup_printf ("%s (%s)", detail != NULL ? detail : "", operator_name);
  else
    message = g_strdup (detail);

  event = ebb_session_event_new (event_kind_for (type), type, message);
  event->session_id = self->session_id;
  event->time_us = g_get_real_time ();
  if (operator_name != NULL && g_strcmp0 (operator_name, self->operator_name) == 0)
    event->operator_id = self->operator_id;

  if (self->have_sample)
    {
      event->device_ms = device_ms_at (self, ebb_clock_now_us (self->clock));
      ebb_sample_writer_push_event (self->writer, event);
    }
  else
    {
      HeldEvent held = { g_steal_pointer (&event), ebb_clock_now_us (self->clock) };

      g_array_append_val (self->held, held);
      if (self->hold_timer == 0)
        self->hold_timer = ebb_clock_add_timeout (self->clock, HOLD_US, hold_expired_cb, self);
    }
  return TRUE;
}

static char *
link_stats_json (const EbbDeviceLinkStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "frames-ok");
  json_builder_add_int_value (builder, (gint64) stats->frames_ok);
  json_builder_set_member_name (builder, "frames-bad");
  json_builder_add_int_value (builder, (gint64) stats->frames_bad);
  json_builder_set_member_name (builder, "frames-lost");
  json_builder_add_int_value (builder, (gint64) stats->frames_lost);
  json_builder_set_member_name (builder, "retransmits");
  json_builder_add_int_value (builder, (gint64) stats->retransmits);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
ebb_store_recorder_update_link_stats (EbbRecorder              *recorder,
                                      gint64                    session_id,
                                      const EbbDeviceLinkStats *link_stats)
{
  EbbStoreRecorder *self = EBB_STORE_RECORDER (recorder);
  g_autofree char *stats = link_stats_json (link_stats);

  /* Written by the writer thread with its next batch, never here. */
  if (self->writer != NULL)
    ebb_sample_writer_set_link_stats (self->writer, stats);
}

static gboolean
ebb_store_recorder_finish (EbbRecorder               *recorder,
                           gint64                     session_id,
                           const char                *end_state,
                           const char                *end_reason,
                           const EbbDeviceLinkStats  *link_stats,
                           GError                   **error)
{
  EbbStoreRecorder *self = EBB_STORE_RECORDER (recorder);
  g_autoptr(GError) writer_error = NULL;
  g_autofree char *stats = link_stats_json (link_stats);
  EbbSessionEndState state = ebb_session_end_state_from_id (end_state);
  gboolean written;

  if (self->writer == NULL || state == EBB_SESSION_RUNNING)
    {
      g_set_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_INVALID,
                   "Cannot end session %" G_GINT64_FORMAT " as “%s”", session_id, end_state);
      return FALSE;
    }

  /* Samples and events first, then the end: a session marked ended is
   * whole on disk. The end is written even if the writer failed, so the
   * record never stays "running". Events still waiting for a sample
   * go without the device time. */
  release_held (self);
  written = ebb_sample_writer_close (self->writer, &writer_error);
  g_clear_object (&self->writer);

  if (!ebb_store_session_finish (self->store, self->session_id, state, end_reason,
                                 g_get_real_time (), stats, error))
    return FALSE;

  if (!written)
    {
      g_propagate_error (error, g_steal_pointer (&writer_error));
      return FALSE;
    }

  return TRUE;
}

static void
ebb_store_recorder_iface_init (EbbRecorderInterface *iface)
{
  iface->begin = ebb_store_recorder_begin;
  iface->add_samples = ebb_store_recorder_add_samples;
  iface->add_event = ebb_store_recorder_add_event;
  iface->finish = ebb_store_recorder_finish;
  iface->update_link_stats = ebb_store_recorder_update_link_stats;
}

static void
ebb_store_recorder_dispose (GObject *object)
{
  EbbStoreRecorder *self = (EbbStoreRecorder *) object;

  /* A recorder dropped mid-session leaves the row running; the store marks
   * it interrupted at the next start, with whatever reached the disk. */
  if (self->writer != NULL)
    {
      release_held (self);
      ebb_sample_writer_close (self->writer, NULL);
    }
  if (self->clock != NULL)
    ebb_clock_clear_timeout (self->clock, &self->hold_timer);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (ebb_store_recorder_parent_class)->dispose (object);
}

static void
ebb_store_recorder_finalize (GObject *object)
{
  EbbStoreRecorder *self = (EbbStoreRecorder *) object;

  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->chamber_model, g_free);
  g_clear_pointer (&self->chamber_firmware, g_free);
  g_clear_pointer (&self->held, g_array_unref);

  G_OBJECT_CLASS (ebb_store_recorder_parent_class)->finalize (object);
}

static void
ebb_store_recorder_class_init (EbbStoreRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ebb_store_recorder_dispose;
  object_class->finalize = ebb_store_recorder_finalize;
}

static void
ebb_store_recorder_init (EbbStoreRecorder *self)
{
  self->clock = ebb_clock_new ();
  self->held = g_array_new (FALSE, TRUE, sizeof (HeldEvent));
  g_array_set_clear_func (self->held, (GDestroyNotify) clear_held_event);
}

/**
 * ebb_store_recorder_new:
 * @store: the open store
 * @client_id: the client's record
 * @operator_id: the session's operator (0 if unknown)
 * @screening_id: the screening that allowed the session (0 if none)
 * @profile_id: the stored profile version run (0 for a factory or ad hoc profile)
 * @chamber_model: (nullable): from IDENT
 * @chamber_firmware: (nullable): from IDENT
 *
 * Returns: (transfer full): a recorder for one session
 */
EbbStoreRecorder *
ebb_store_recorder_new (EbbStore   *store,
                        gint64      client_id,
                        gint64      operator_id,
                        gint64      screening_id,
                        gint64      profile_id,
                        const char *chamber_model,
                        const char *chamber_firmware)
{
  EbbStoreRecorder *self;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);

  self = g_object_new (EBB_TYPE_STORE_RECORDER, NULL);
  self->store = g_object_ref (store);
  self->client_id = client_id;
  self->operator_id = operator_id;
  self->screening_id = screening_id;
  self->profile_id = profile_id;
  self->chamber_model = g_strdup (chamber_model);
  self->chamber_firmware = g_strdup (chamber_firmware);
  return self;
}

/**
 * ebb_store_recorder_set_clock:
 * @self: a recorder
 * @clock: the time source the session runs on
 *
 * Sets the monotonic clock that times the events against the samples'
 * arrival. The default is the real clock, which is what the session runner
 * uses outside tests; a test that runs the session on a virtual clock
 * gives the recorder the same one. Only before the session begins.
 */
void
ebb_store_recorder_set_clock (EbbStoreRecorder *self,
                              EbbClock         *clock)
{
  g_return_if_fail (EBB_IS_STORE_RECORDER (self));
  g_return_if_fail (EBB_IS_CLOCK (clock));
  g_return_if_fail (self->session_id == 0);

  g_set_object (&self->clock, clock);
}
