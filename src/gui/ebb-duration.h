/* ebb-duration.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ebb_duration_format (gint64 ms) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
