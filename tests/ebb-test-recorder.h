/* ebb-test-recorder.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-recorder.h"

G_BEGIN_DECLS

/* Test-only: a recorder at the store boundary that keeps everything in
 * memory and can be told to fail, like a full or read-only database. */
#define TEST_TYPE_FAKE_RECORDER (test_fake_recorder_get_type ())
G_DECLARE_FINAL_TYPE (TestFakeRecorder, test_fake_recorder, TEST, FAKE_RECORDER, GObject)

struct _TestFakeRecorder
{
  GObject parent_instance;
  GPtrArray *events;         /* "type detail" strings */
  GArray *samples;           /* EbbEcpTelemetry */
  guint n_samples;
  gboolean fail_begin;
  gboolean fail_after_begin;
  char *device_serial;
  char *end_state;
  char *end_reason;
  JsonObject *snapshot;
  EbbDeviceLinkStats stats;
};

TestFakeRecorder *test_fake_recorder_new       (void);
gboolean          test_fake_recorder_has_event (TestFakeRecorder *self,
                                                const char       *prefix);

G_END_DECLS
