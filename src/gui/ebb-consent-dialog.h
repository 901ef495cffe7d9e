/* ebb-consent-dialog.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ebb-operator-session.h"

G_BEGIN_DECLS

#define EBB_TYPE_CONSENT_DIALOG (ebb_consent_dialog_get_type())

G_DECLARE_FINAL_TYPE (EbbConsentDialog, ebb_consent_dialog, EBB, CONSENT_DIALOG, AdwWindow)

EbbConsentDialog *ebb_consent_dialog_new       (EbbOperatorSession *session,
                                                gint64              client_id,
                                                GPtrArray          *consents) G_GNUC_WARN_UNUSED_RESULT;
const char       *ebb_consent_dialog_get_error (EbbConsentDialog   *self);

G_END_DECLS
