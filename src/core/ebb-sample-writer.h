/* ebb-sample-writer.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-ecp-types.h"
#include "ebb-store.h"

G_BEGIN_DECLS

/* How often the writer thread commits what was pushed; every sample is on
 * disk within this interval plus one commit. */
#define EBB_SAMPLE_WRITER_FLUSH_INTERVAL_MS 250

#define EBB_TYPE_SAMPLE_WRITER (ebb_sample_writer_get_type ())

G_DECLARE_FINAL_TYPE (EbbSampleWriter, ebb_sample_writer, EBB, SAMPLE_WRITER, GObject)

EbbSampleWriter *ebb_sample_writer_new          (EbbStore               *store,
                                                 gint64                  session_id,
                                                 GError                **error) G_GNUC_WARN_UNUSED_RESULT;
gint64           ebb_sample_writer_get_session_id (EbbSampleWriter      *self);
void             ebb_sample_writer_set_epoch    (EbbSampleWriter        *self,
                                                 gint64                  first_sample_us);
void             ebb_sample_writer_push_samples (EbbSampleWriter        *self,
                                                 const EbbEcpTelemetry  *samples,
                                                 guint                   n_samples);
void             ebb_sample_writer_set_link_stats (EbbSampleWriter      *self,
                                                 const char             *link_stats_json);
void             ebb_sample_writer_push_event   (EbbSampleWriter        *self,
                                                 const EbbSessionEvent  *event);
gboolean         ebb_sample_writer_flush        (EbbSampleWriter        *self,
                                                 GError                **error);
gboolean         ebb_sample_writer_close        (EbbSampleWriter        *self,
                                                 GError                **error);
guint64          ebb_sample_writer_get_n_written (EbbSampleWriter       *self);
GError          *ebb_sample_writer_dup_error    (EbbSampleWriter        *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
