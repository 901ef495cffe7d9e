/* ebb-session-prepare-page.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"
#include "ebb-profile.h"
#include "ebb-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_SESSION_PREPARE_PAGE (ebb_session_prepare_page_get_type())

G_DECLARE_FINAL_TYPE (EbbSessionPreparePage, ebb_session_prepare_page, EBB, SESSION_PREPARE_PAGE, AdwBin)

GtkWidget  *ebb_session_prepare_page_new             (void);
gboolean    ebb_session_prepare_page_load            (EbbSessionPreparePage *self,
                                                      EbbOperatorSession    *ctx,
                                                      GSettings             *settings,
                                                      gint64                 client_id,
                                                      GError               **error);
void        ebb_session_prepare_page_add_profile     (EbbSessionPreparePage *self,
                                                      EbbProfile            *profile,
                                                      gint64                 profile_id);
void        ebb_session_prepare_page_select_profile  (EbbSessionPreparePage *self,
                                                      guint                  index);
EbbProfile *ebb_session_prepare_page_get_profile     (EbbSessionPreparePage *self,
                                                      gint64                *profile_id);
void        ebb_session_prepare_page_set_session     (EbbSessionPreparePage *self,
                                                      EbbSession            *candidate,
                                                      EbbDevice             *device);
void        ebb_session_prepare_page_refresh         (EbbSessionPreparePage *self);
void        ebb_session_prepare_page_screening_changed (EbbSessionPreparePage *self,
                                                        gint64                 client_id);
const char *ebb_session_prepare_page_get_client_name (EbbSessionPreparePage *self);
const char *ebb_session_prepare_page_get_notes_text  (EbbSessionPreparePage *self);
gint64      ebb_session_prepare_page_get_screening_id (EbbSessionPreparePage *self);
void        ebb_session_prepare_page_get_vitals      (EbbSessionPreparePage *self,
                                                      EbbVitals             *vitals);
const char *ebb_session_prepare_page_get_blocker     (EbbSessionPreparePage *self);
gboolean    ebb_session_prepare_page_can_start       (EbbSessionPreparePage *self);

G_END_DECLS
