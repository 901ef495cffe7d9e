/* ebb-recorder.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ebb-device.h"

G_BEGIN_DECLS

#define EBB_TYPE_RECORDER (ebb_recorder_get_type ())

G_DECLARE_INTERFACE (EbbRecorder, ebb_recorder, EBB, RECORDER, GObject)

/**
 * EbbRecorderInterface:
 * @begin: creates the session record (client, operator, device serial and
 *   the profile snapshot) and returns its id
 * @add_samples: hands a telemetry batch to the sample writer
 * @add_event: records one session event; @offset_us is the session clock
 *   since the record began
 * @finish: writes the end state, its reason and the link statistics
 * @update_link_stats: (nullable): keeps the link statistics so far with the
 *   record, so a session whose process dies still has them
 *
 * Where the session runner records. The store implements it with its
 * writer thread; tests use fakes, including one that fails.
 */
struct _EbbRecorderInterface
{
  GTypeInterface parent_iface;

  gboolean (*begin)       (EbbRecorder               *self,
                           const char                *client_id,
                           const char                *operator_name,
                           const char                *device_serial,
                           JsonObject                *profile_snapshot,
                           gint64                    *session_id,
                           GError                   **error);
  gboolean (*add_samples) (EbbRecorder               *self,
                           gint64                     session_id,
                           const EbbEcpTelemetry     *samples,
                           guint                      n_samples,
                           GError                   **error);
  gboolean (*add_event)   (EbbRecorder               *self,
                           gint64                     session_id,
                           gint64                     offset_us,
                           const char                *type,
                           const char                *detail,
                           const char                *operator_name,
                           GError                   **error);
  gboolean (*finish)      (EbbRecorder               *self,
                           gint64                     session_id,
                           const char                *end_state,
                           const char                *end_reason,
                           const EbbDeviceLinkStats  *link_stats,
                           GError                   **error);
  void     (*update_link_stats) (EbbRecorder             *self,
                                 gint64                   session_id,
                                 const EbbDeviceLinkStats *link_stats);
};

gboolean ebb_recorder_begin       (EbbRecorder               *self,
                                   const char                *client_id,
                                   const char                *operator_name,
                                   const char                *device_serial,
                                   JsonObject                *profile_snapshot,
                                   gint64                    *session_id,
                                   GError                   **error);
gboolean ebb_recorder_add_samples (EbbRecorder               *self,
                                   gint64                     session_id,
                                   const EbbEcpTelemetry     *samples,
                                   guint                      n_samples,
                                   GError                   **error);
gboolean ebb_recorder_add_event   (EbbRecorder               *self,
                                   gint64                     session_id,
                                   gint64                     offset_us,
                                   const char                *type,
                                   const char                *detail,
                                   const char                *operator_name,
                                   GError                   **error);
void     ebb_recorder_update_link_stats (EbbRecorder          *self,
                                         gint64                session_id,
                                         const EbbDeviceLinkStats *link_stats);
gboolean ebb_recorder_finish      (EbbRecorder               *self,
                                   gint64                     session_id,
                                   const char                *end_state,
                                   const char                *end_reason,
                                   const EbbDeviceLinkStats  *link_stats,
                                   GError                   **error);

G_END_DECLS
