/* ebb-session-bin.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_SESSION_BIN (ebb_session_bin_get_type())

G_DECLARE_DERIVABLE_TYPE (EbbSessionBin, ebb_session_bin, EBB, SESSION_BIN, AdwBin)

/**
 * EbbSessionBinClass:
 * @session_changed: called after the operator session was replaced
 *
 * The base of the front-desk pages: each acts as the console's current
 * operator, the "session" property.
 */
struct _EbbSessionBinClass
{
  AdwBinClass parent_class;

  void (*session_changed) (EbbSessionBin *self);
};

EbbOperatorSession *ebb_session_bin_get_session (EbbSessionBin      *self);
void                ebb_session_bin_set_session (EbbSessionBin      *self,
                                                 EbbOperatorSession *session);

G_END_DECLS
