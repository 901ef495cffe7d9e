/* ebb-transport-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-transport.h"

G_BEGIN_DECLS

/* How long write_all() waits for the port to take more bytes. */
#define EBB_TRANSPORT_WRITE_TIMEOUT_MS 1000

void     _ebb_transport_set_open_error  (GError     **error,
                                         const char  *path,
                                         int          errsv,
                                         const char  *detail);
void     _ebb_transport_set_io_error    (GError     **error,
                                         const char  *path,
                                         int          errsv,
                                         const char  *detail);
gboolean _ebb_transport_claim_exclusive (int          fd,
                                         const char  *path,
                                         GError     **error);
void     _ebb_transport_release_exclusive (int        fd);
char    *_ebb_transport_resolve_path    (const char  *path) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
