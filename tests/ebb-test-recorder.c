/* ebb-test-recorder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-test-recorder"

#include "config.h"

#include "ebb-test-recorder.h"

#define SESSION_ID 7

static void test_fake_recorder_iface_init (EbbRecorderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFakeRecorder, test_fake_recorder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EBB_TYPE_RECORDER, test_fake_recorder_iface_init))

static gboolean
fake_fail (TestFakeRecorder  *self,
           GError           **error)
{
  if (!self->fail_after_begin)
    return TRUE;
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "disk full");
  return FALSE;
}

static gboolean
fake_begin (EbbRecorder  *recorder,
            const char   *client_id,
            const char   *operator_name,
            const char   *device_serial,
            JsonObject   *snapshot,
            gint64       *session_id,
            GError      **error)
{
  TestFakeRecorder *self = TEST_FAKE_RECORDER (recorder);

  if (self->fail_begin)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ACCES, "read-only database");
      return FALSE;
    }
  g_assert_null (self->snapshot);
  self->device_serial = g_strdup (device_serial);
  self->snapshot = json_object_ref (snapshot);
  *session_id = SESSION_ID;
  return TRUE;
}

static gboolean
fake_add_samples (EbbRecorder            *recorder,
                  gint64                  session_id,
                  const EbbEcpTelemetry  *samples,
                  guint                   n_samples,
                  GError                **error)
{
  TestFakeRecorder *self = TEST_FAKE_RECORDER (recorder);

  g_assert_cmpint (session_id, ==, SESSION_ID);
  if (!fake_fail (self, error))
    return FALSE;
  g_array_append_vals (self->samples, samples, n_samples);
  self->n_samples += n_samples;
  return TRUE;
}

static gboolean
fake_add_event (EbbRecorder  *recorder,
                gint64        session_id,
                gint64        offset_us,
                const char   *type,
                const char   *detail,
                const char   *operator_name,
                GError      **error)
{
  TestFakeRecorder *self = TEST_FAKE_RECORDER (recorder);

  g_assert_cmpint (session_id, ==, SESSION_ID);
  if (!fake_fail (self, error))
    return FALSE;
  g_ptr_array_add (self->events, g_strdup_printf ("%s %s", type, detail != NULL ? detail : ""));
  return TRUE;
}

static gboolean
fake_finish (EbbRecorder               *recorder,
             gint64                     session_id,
             const char                *end_state,
             const char                *end_reason,
             const EbbDeviceLinkStats  *stats,
             GError                   **error)
{
  TestFakeRecorder *self = TEST_FAKE_RECORDER (recorder);

  g_assert_cmpint (session_id, ==, SESSION_ID);
  if (!fake_fail (self, error))
    return FALSE;
  /* Every end path records exactly once. */
  g_assert_null (self->end_state);
  self->end_state = g_strdup (end_state);
  self->end_reason = g_strdup (end_reason);
  self->stats = *stats;
  return TRUE;
}

static void
test_fake_recorder_iface_init (EbbRecorderInterface *iface)
{
  iface->begin = fake_begin;
  iface->add_samples = fake_add_samples;
  iface->add_event = fake_add_event;
  iface->finish = fake_finish;
}

static void
test_fake_recorder_finalize (GObject *object)
{
  TestFakeRecorder *self = TEST_FAKE_RECORDER (object);

  g_ptr_array_unref (self->events);
  g_array_unref (self->samples);
  g_free (self->device_serial);
  g_free (self->end_state);
  g_free (self->end_reason);
  g_clear_pointer (&self->snapshot, json_object_unref);
  G_OBJECT_CLASS (test_fake_recorder_parent_class)->finalize (object);
}

static void
test_fake_recorder_class_init (TestFakeRecorderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_fake_recorder_finalize;
}

static void
test_fake_recorder_init (TestFakeRecorder *self)
{
  self->events = g_ptr_array_new_with_free_func (g_free);
  self->samples = g_array_new (FALSE, FALSE, sizeof (EbbEcpTelemetry));
}

TestFakeRecorder *
test_fake_recorder_new (void)
{
  return g_object_new (TEST_TYPE_FAKE_RECORDER, NULL);
}

gboolean
test_fake_recorder_has_event (TestFakeRecorder *self,
                              const char       *prefix)
{
  for (guint i = 0; i < self->events->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->events, i), prefix))
      return TRUE;
  return FALSE;
}
