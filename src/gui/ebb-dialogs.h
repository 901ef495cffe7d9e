/* ebb-dialogs.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow *ebb_dialogs_parent_window (GtkWidget  *widget);
GtkWidget *ebb_dialogs_message_new   (GtkWidget  *widget,
                                      const char *heading,
                                      const char *body) G_GNUC_WARN_UNUSED_RESULT;
GtkWidget *ebb_dialogs_show_message  (GtkWidget  *widget,
                                      const char *heading,
                                      const char *body);

G_END_DECLS
