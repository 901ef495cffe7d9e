/* ebb-first-run-page.h
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

#define EBB_TYPE_FIRST_RUN_PAGE (ebb_first_run_page_get_type())

G_DECLARE_FINAL_TYPE (EbbFirstRunPage, ebb_first_run_page, EBB, FIRST_RUN_PAGE, EbbSessionBin)

GtkWidget  *ebb_first_run_page_new         (EbbOperatorSession *session) G_GNUC_WARN_UNUSED_RESULT;
const char *ebb_first_run_page_get_message (EbbFirstRunPage    *self);
gint64      ebb_first_run_page_get_demo_client_id (EbbFirstRunPage *self);

G_END_DECLS
