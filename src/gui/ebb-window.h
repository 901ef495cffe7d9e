/* ebb-window.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-application.h"
#include "ebb-operator-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_WINDOW (ebb_window_get_type())

G_DECLARE_FINAL_TYPE (EbbWindow, ebb_window, EBB, WINDOW, AdwApplicationWindow)

EbbWindow *ebb_window_new        (EbbApplication *application) G_GNUC_WARN_UNUSED_RESULT;
void       ebb_window_show_toast (EbbWindow      *self,
                                  const char     *message);
void       ebb_window_open_database (EbbWindow   *self,
                                     const char  *path);
void       ebb_window_set_session_running (EbbWindow  *self,
                                           gboolean    running);
EbbOperatorSession *ebb_window_get_operator_session (EbbWindow *self);
EbbStore           *ebb_window_get_store            (EbbWindow *self);
void       ebb_window_set_operator_session (EbbWindow          *self,
                                            EbbOperatorSession *ctx);
void       ebb_window_start_session        (EbbWindow          *self,
                                            gint64              client_id);
void       ebb_window_watch_activity       (EbbWindow          *self,
                                            GtkWindow          *other);

G_END_DECLS
