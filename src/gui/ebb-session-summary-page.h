/* ebb-session-summary-page.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"
#include "ebb-pressure-graph.h"
#include "ebb-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_SESSION_SUMMARY_PAGE (ebb_session_summary_page_get_type())

G_DECLARE_FINAL_TYPE (EbbSessionSummaryPage, ebb_session_summary_page, EBB, SESSION_SUMMARY_PAGE, AdwBin)

GtkWidget  *ebb_session_summary_page_new            (void);
void        ebb_session_summary_page_show           (EbbSessionSummaryPage *self,
                                                     EbbOperatorSession    *ctx,
                                                     GSettings             *settings,
                                                     EbbSession            *session,
                                                     const char            *client_name,
                                                     GPtrArray             *alarms);
const char *ebb_session_summary_page_get_title      (EbbSessionSummaryPage *self);
const char *ebb_session_summary_page_get_reason     (EbbSessionSummaryPage *self);
const char *ebb_session_summary_page_get_cycles     (EbbSessionSummaryPage *self);
EbbPressureGraph *ebb_session_summary_page_get_graph (EbbSessionSummaryPage *self);
gboolean    ebb_session_summary_page_save           (EbbSessionSummaryPage *self,
                                                     GError               **error);
char       *ebb_session_summary_describe_end        (EbbSessionState        state,
                                                     const char            *reason) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
