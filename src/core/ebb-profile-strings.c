/* ebb-profile-strings.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-profile-private.h"

/* xgettext cannot read resources/profiles/factory.json, so its names and
 * descriptions are repeated here for translation. test-profile checks that
 * this list and the JSON agree exactly, in both directions. */
const char * const _ebb_profile_factory_strings[] = {
  /* Translators: name of a factory session profile */
  N_("Gentle"),
  N_("Alternates −20 mbar for 10 s with 7 s at atmospheric pressure for 20 minutes: "
     "the shallowest level of the commercial whole-lower-body range."),
  /* Translators: name of a factory session profile */
  N_("Introduction"),
  N_("Alternates −30 mbar for 10 s with 7 s at atmospheric pressure for 20 minutes: "
     "a first session to get used to the chamber."),
  /* Translators: name of a factory session profile */
  N_("Standard"),
  N_("Alternates −50 mbar for 10 s with 7 s at atmospheric pressure for 30 minutes: "
     "the level and session length of the published randomised trial."),
  NULL
};
