/* ebb-operators-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-operators.h"

G_BEGIN_DECLS

typedef char *(*EbbSecretHashFunc) (const char  *secret,
                                    GError     **error);

/* For tests only: hash new secrets with @hasher (NULL restores Argon2id at
 * interactive cost). */
void _ebb_operators_set_hasher (EbbSecretHashFunc hasher);

G_END_DECLS
