/* ebb-credentials.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EBB_CREDENTIALS_ERROR (ebb_credentials_error_quark ())

typedef enum
{
  EBB_CREDENTIALS_ERROR_TOO_WEAK = 1,
  EBB_CREDENTIALS_ERROR_FAILED,
} EbbCredentialsError;

GQuark    ebb_credentials_error_quark (void);

gboolean  ebb_credentials_check_strength (const char  *secret,
                                          GError     **error);
char     *ebb_credentials_hash           (const char  *secret,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ebb_credentials_verify         (const char  *hash,
                                          const char  *secret);

G_END_DECLS
