/* ebb-recorder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-recorder"

#include "config.h"

#include "ebb-recorder.h"

G_DEFINE_INTERFACE (EbbRecorder, ebb_recorder, G_TYPE_OBJECT)

static void
ebb_recorder_default_init (EbbRecorderInterface *iface)
{
}

gboolean
ebb_recorder_begin (EbbRecorder  *self,
                    const char   *client_id,
                    const char   *operator_name,
                    const char   *device_serial,
                    JsonObject   *profile_snapshot,
                    gint64       *session_id,
                    GError      **error)
{
  g_return_val_if_fail (EBB_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);

  return EBB_RECORDER_GET_IFACE (self)->begin (self, client_id, operator_name, device_serial,
                                                profile_snapshot, session_id, error);
}

gboolean
ebb_recorder_add_samples (EbbRecorder            *self,
                          gint64                  session_id,
                          const EbbEcpTelemetry  *samples,
                          guint                   n_samples,
                          GError                **error)
{
  g_return_val_if_fail (EBB_IS_RECORDER (self), FALSE);

  return EBB_RECORDER_GET_IFACE (self)->add_samples (self, session_id, samples, n_samples, error);
}

/**
 * ebb_recorder_update_link_stats:
 * @self: a recorder
 * @session_id: the record
 * @link_stats: the link's counters so far
 *
 * Keeps the counters with the record as the session goes on; a recorder
 * that has no use for them ignores them.
 */
void
ebb_recorder_update_link_stats (EbbRecorder              *self,
                                gint64                    session_id,
                                const EbbDeviceLinkStats *link_stats)
{
  EbbRecorderInterface *iface;

  g_return_if_fail (EBB_IS_RECORDER (self));
  g_return_if_fail (link_stats != NULL);

  iface = EBB_RECORDER_GET_IFACE (self);
  if (iface->update_link_stats != NULL)
    iface->update_link_stats (self, session_id, link_stats);
}

gboolean
ebb_recorder_add_event (EbbRecorder  *self,
                        gint64        session_id,
                        gint64        offset_us,
                        const char   *type,
                        const char   *detail,
                        const char   *operator_name,
                        GError      **error)
{
  g_return_val_if_fail (EBB_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  return EBB_RECORDER_GET_IFACE (self)->add_event (self, session_id, offset_us, type, detail,
                                                    operator_name, error);
}

gboolean
ebb_recorder_finish (EbbRecorder               *self,
                     gint64                     session_id,
                     const char                *end_state,
                     const char                *end_reason,
                     const EbbDeviceLinkStats  *link_stats,
                     GError                   **error)
{
  g_return_val_if_fail (EBB_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (end_state != NULL, FALSE);
  g_return_val_if_fail (link_stats != NULL, FALSE);

  return EBB_RECORDER_GET_IFACE (self)->finish (self, session_id, end_state, end_reason,
                                                 link_stats, error);
}
