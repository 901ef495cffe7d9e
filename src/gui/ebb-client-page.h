/* ebb-client-page.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"
#include "ebb-session-bin.h"

G_BEGIN_DECLS

#define EBB_TYPE_CLIENT_PAGE (ebb_client_page_get_type())

G_DECLARE_FINAL_TYPE (EbbClientPage, ebb_client_page, EBB, CLIENT_PAGE, EbbSessionBin)

GtkWidget          *ebb_client_page_new           (EbbOperatorSession *session) G_GNUC_WARN_UNUSED_RESULT;
gboolean            ebb_client_page_load          (EbbClientPage      *self,
                                                   gint64              client_id,
                                                   GError            **error);
gint64              ebb_client_page_get_client_id (EbbClientPage      *self);
const char         *ebb_client_page_get_screening_status (EbbClientPage *self);

G_END_DECLS
