/* ebb-profile-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-profile.h"

G_BEGIN_DECLS

/* The translatable names and descriptions of the factory profiles, in the
 * order of resources/profiles/factory.json (ebb-profile-strings.c). A unit
 * test checks both lists against each other. */
extern const char * const _ebb_profile_factory_strings[];

/* Writes the clinic-limit-pa setting with the tighten-only rule but no
 * permission check and no audit entry: product code changes it through
 * ebb_admin_change_setting() as a logged-in administrator. */
gboolean ebb_profile_set_clinic_limit              (GSettings  *settings,
                                                   gint32      limit_pa,
                                                   GError    **error);

void _ebb_profile_set_factory                     (EbbProfile *self,
                                                   gboolean    factory);

/* TEST-ONLY VALIDATION BYPASS. Lets a test run a profile shorter than the
 * 1-minute minimum (for example 2 s phases over 20 s) so that end-to-end
 * tests finish quickly. Only the duration minimum is relaxed (to one full
 * cycle); the hard limit, the clinic limit and every other rule still apply.
 * No product code includes this header's callers: it is never reachable
 * from the console or ebbflowctl, and the flag is not persisted. */
void _ebb_profile_allow_short_duration_for_tests (EbbProfile *self);

G_END_DECLS
