/* ebb-profile-record.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-operator-session.h"
#include "ebb-profile.h"
#include "ebb-store.h"

G_BEGIN_DECLS

EbbProfile *ebb_profile_new_from_record (EbbStore               *store,
                                         const EbbProfileRecord *record) G_GNUC_WARN_UNUSED_RESULT;
EbbProfile *ebb_profile_lookup          (EbbStore               *store,
                                         const char             *name,
                                         gint64                 *profile_id,
                                         GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *ebb_profile_list_all        (EbbStore               *store,
                                         GError                **error) G_GNUC_WARN_UNUSED_RESULT;
gint64      ebb_profile_save            (EbbOperatorSession     *ctx,
                                         EbbProfile             *profile,
                                         gint32                  clinic_limit_pa,
                                         GError                **error);
gint64      ebb_profile_approve         (EbbOperatorSession     *ctx,
                                         const char             *name,
                                         gint32                  clinic_limit_pa,
                                         GError                **error);

G_END_DECLS
