/* ebb-client-lookup.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-store.h"

G_BEGIN_DECLS

#define EBB_CLIENT_LOOKUP_ERROR (ebb_client_lookup_error_quark ())

/**
 * EbbClientLookupError:
 * @EBB_CLIENT_LOOKUP_ERROR_NOT_FOUND: no client matches what was entered
 * @EBB_CLIENT_LOOKUP_ERROR_AMBIGUOUS: several clients match it; the
 *   message lists them with what to type for each
 */
typedef enum
{
  EBB_CLIENT_LOOKUP_ERROR_NOT_FOUND = 1,
  EBB_CLIENT_LOOKUP_ERROR_AMBIGUOUS,
} EbbClientLookupError;

GQuark     ebb_client_lookup_error_quark (void);

EbbClient *ebb_client_lookup (EbbStore    *store,
                              const char  *text,
                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
