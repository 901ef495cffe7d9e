/* ebb-client-list-page.h
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

#define EBB_TYPE_CLIENT_LIST_PAGE (ebb_client_list_page_get_type())

G_DECLARE_FINAL_TYPE (EbbClientListPage, ebb_client_list_page, EBB, CLIENT_LIST_PAGE, EbbSessionBin)

GtkWidget          *ebb_client_list_page_new           (EbbOperatorSession *session) G_GNUC_WARN_UNUSED_RESULT;
guint               ebb_client_list_page_get_n_results (EbbClientListPage  *self);
void                ebb_client_list_page_refresh       (EbbClientListPage  *self);

G_END_DECLS
