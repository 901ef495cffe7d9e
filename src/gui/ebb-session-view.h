/* ebb-session-view.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-device-manager.h"
#include "ebb-operator-session.h"
#include "ebb-session-live-page.h"
#include "ebb-session-prepare-page.h"
#include "ebb-session-summary-page.h"
#include "ebb-session.h"

G_BEGIN_DECLS

/* The sample rate a session asks of the chamber (capped at its maximum). */
#define EBB_SESSION_VIEW_RATE_HZ 200

#define EBB_TYPE_SESSION_VIEW (ebb_session_view_get_type())

G_DECLARE_FINAL_TYPE (EbbSessionView, ebb_session_view, EBB, SESSION_VIEW, AdwBin)

GtkWidget             *ebb_session_view_new              (void);
void                   ebb_session_view_set_context      (EbbSessionView     *self,
                                                          EbbOperatorSession *ctx,
                                                          EbbDeviceManager   *manager,
                                                          GSettings          *settings);
gboolean               ebb_session_view_prepare          (EbbSessionView     *self,
                                                          gint64              client_id,
                                                          GError            **error);
gboolean               ebb_session_view_start            (EbbSessionView     *self,
                                                          GError            **error);
void                   ebb_session_view_emergency_stop   (EbbSessionView     *self);
EbbSession            *ebb_session_view_get_session      (EbbSessionView     *self);
EbbDevice             *ebb_session_view_get_device       (EbbSessionView     *self);
const char            *ebb_session_view_get_page_name    (EbbSessionView     *self);
EbbSessionPreparePage *ebb_session_view_get_prepare_page (EbbSessionView     *self);
EbbSessionLivePage    *ebb_session_view_get_live_page    (EbbSessionView     *self);
EbbSessionSummaryPage *ebb_session_view_get_summary_page (EbbSessionView     *self);

G_END_DECLS
