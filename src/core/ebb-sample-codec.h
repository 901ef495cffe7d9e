/* ebb-sample-codec.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-ecp-types.h"

G_BEGIN_DECLS

/* Samples are stored in chunks of up to this many consecutive samples, one
 * BLOB row per chunk (see docs/store.md, "Sample encoding"). */
#define EBB_SAMPLE_CHUNK_SIZE 256

GBytes   *ebb_sample_codec_encode (const EbbEcpTelemetry  *samples,
                                   guint                   n_samples) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ebb_sample_codec_decode (const guint8           *data,
                                   gsize                   length,
                                   GArray                 *out,
                                   GError                **error);

G_END_DECLS
