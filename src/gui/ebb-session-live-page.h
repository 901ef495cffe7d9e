/* ebb-session-live-page.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-alarm-banner.h"
#include "ebb-pressure-graph.h"
#include "ebb-session.h"

G_BEGIN_DECLS

/* Readouts refresh this often: legible, and far below the sample rate. */
#define EBB_SESSION_LIVE_REFRESH_MS 200

#define EBB_TYPE_SESSION_LIVE_PAGE (ebb_session_live_page_get_type())

G_DECLARE_FINAL_TYPE (EbbSessionLivePage, ebb_session_live_page, EBB, SESSION_LIVE_PAGE, AdwBin)

GtkWidget        *ebb_session_live_page_new           (void);
void              ebb_session_live_page_attach        (EbbSessionLivePage *self,
                                                       EbbSession         *session,
                                                       EbbDevice          *device,
                                                       EbbProfile         *profile,
                                                       const char         *client_name,
                                                       const char         *notes_text,
                                                       const char         *operator_name,
                                                       GSettings          *settings);
void              ebb_session_live_page_detach        (EbbSessionLivePage *self);
void              ebb_session_live_page_refresh       (EbbSessionLivePage *self);
EbbPressureGraph *ebb_session_live_page_get_graph     (EbbSessionLivePage *self);
EbbAlarmBanner   *ebb_session_live_page_get_banner    (EbbSessionLivePage *self);
const char       *ebb_session_live_page_get_pressure_text (EbbSessionLivePage *self);
gboolean          ebb_session_live_page_get_locked    (EbbSessionLivePage *self);
void              ebb_session_live_page_set_locked    (EbbSessionLivePage *self,
                                                       gboolean            locked);
void              ebb_session_live_page_set_operator_name (EbbSessionLivePage *self,
                                                           const char         *operator_name);

G_END_DECLS
