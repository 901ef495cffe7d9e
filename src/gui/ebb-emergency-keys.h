/* ebb-emergency-keys.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ebb_emergency_keys_watch_toplevels   (GObject   *owner);
void ebb_emergency_keys_attach            (GtkWindow *window);
void ebb_emergency_keys_close_on_stop     (GtkWindow *window);

G_END_DECLS
