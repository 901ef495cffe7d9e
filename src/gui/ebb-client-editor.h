/* ebb-client-editor.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-front-desk.h"
#include "ebb-operator-session.h"
#include "ebb-session-bin.h"

G_BEGIN_DECLS

#define EBB_TYPE_CLIENT_EDITOR (ebb_client_editor_get_type())

G_DECLARE_FINAL_TYPE (EbbClientEditor, ebb_client_editor, EBB, CLIENT_EDITOR, EbbSessionBin)

GtkWidget          *ebb_client_editor_new         (EbbOperatorSession *session) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_client_editor_set_client  (EbbClientEditor    *self,
                                                   const EbbClient    *client);
gint64              ebb_client_editor_get_client_id (EbbClientEditor  *self);
const char         *ebb_client_editor_get_error   (EbbClientEditor    *self,
                                                   EbbFrontDeskError   field);

G_END_DECLS
