/* ebb-preferences-window.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_PREFERENCES_WINDOW (ebb_preferences_window_get_type())

G_DECLARE_FINAL_TYPE (EbbPreferencesWindow, ebb_preferences_window, EBB, PREFERENCES_WINDOW, AdwPreferencesWindow)

EbbPreferencesWindow *ebb_preferences_window_new            (GSettings            *settings,
                                                             EbbOperatorSession   *session) G_GNUC_WARN_UNUSED_RESULT;
gboolean              ebb_preferences_window_commit_pending (EbbPreferencesWindow *self);
const char           *ebb_preferences_window_get_error      (EbbPreferencesWindow *self,
                                                             const char           *key);

G_END_DECLS
