/* ebb-login-page.h
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

#define EBB_TYPE_LOGIN_PAGE (ebb_login_page_get_type())

G_DECLARE_FINAL_TYPE (EbbLoginPage, ebb_login_page, EBB, LOGIN_PAGE, EbbSessionBin)

GtkWidget          *ebb_login_page_new          (EbbOperatorSession *session) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_login_page_reload       (EbbLoginPage       *self);
gboolean            ebb_login_page_select       (EbbLoginPage       *self,
                                                 const char         *username);
const char         *ebb_login_page_get_message  (EbbLoginPage       *self);
gboolean            ebb_login_page_get_narrow   (EbbLoginPage       *self);
void                ebb_login_page_set_narrow   (EbbLoginPage       *self,
                                                 gboolean            narrow);

G_END_DECLS
