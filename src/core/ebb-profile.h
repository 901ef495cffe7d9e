/* ebb-profile.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The hard limit (clinical/screening.md §1.4, Type B, waist-sealed: −70 mbar).
 * A compile-time constant on purpose: no setting, override or approval can
 * move it. Every target the runner sends is checked against it once more. */
#define EBB_PROFILE_HARD_LIMIT_PA       (-7000)
/* The factory override limit (§1.4 Type B: −50 mbar). The clinic's setting
 * can only move it towards 0. */
#define EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA (-5000)
#define EBB_PROFILE_MIN_PHASE_S         2
#define EBB_PROFILE_MAX_PHASE_S         120
#define EBB_PROFILE_MIN_DURATION_S      60
#define EBB_PROFILE_MAX_DURATION_S      3600
#define EBB_PROFILE_MAX_RAMP_PA_S       5000
#define EBB_PROFILE_MAX_NAME            64
#define EBB_PROFILE_MAX_DESCRIPTION     500

#define EBB_PROFILE_ERROR (ebb_profile_error_quark ())

/**
 * EbbProfileError:
 * @EBB_PROFILE_ERROR_NAME: the name is empty or too long
 * @EBB_PROFILE_ERROR_DESCRIPTION: the description is too long
 * @EBB_PROFILE_ERROR_LEVEL_NOT_NEGATIVE: the level is 0 or positive
 * @EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT: the level is below the hard limit
 * @EBB_PROFILE_ERROR_NEEDS_APPROVAL: the level is below the clinic's limit and
 *   the profile is not marked clinician-approved
 * @EBB_PROFILE_ERROR_APPROVER_MISSING: marked approved without the approver's name
 * @EBB_PROFILE_ERROR_PHASE: a vacuum or release phase is outside 2–120 s
 * @EBB_PROFILE_ERROR_CONTINUOUS_HOLD: the release phase is 0 (a continuous
 *   hold is not a therapy mode)
 * @EBB_PROFILE_ERROR_DURATION: the duration is outside 1–60 minutes
 * @EBB_PROFILE_ERROR_RAMP: the ramp rate is outside 0–5000 Pa/s
 * @EBB_PROFILE_ERROR_READ_ONLY: a factory profile cannot be changed
 * @EBB_PROFILE_ERROR_PARSE: a profile definition cannot be read
 * @EBB_PROFILE_ERROR_NOT_FOUND: no profile of that name
 * @EBB_PROFILE_ERROR_CLINIC_LIMIT: the clinic's limit would be widened
 * @EBB_PROFILE_ERROR_RAMP_TOO_SLOW: the ramp to the level takes at least the
 *   whole vacuum phase
 * @EBB_PROFILE_ERROR_ALREADY_APPROVED: the current version is approved already
 */
typedef enum
{
  EBB_PROFILE_ERROR_NAME = 1,
  EBB_PROFILE_ERROR_DESCRIPTION,
  EBB_PROFILE_ERROR_LEVEL_NOT_NEGATIVE,
  EBB_PROFILE_ERROR_BEYOND_HARD_LIMIT,
  EBB_PROFILE_ERROR_NEEDS_APPROVAL,
  EBB_PROFILE_ERROR_APPROVER_MISSING,
  EBB_PROFILE_ERROR_PHASE,
  EBB_PROFILE_ERROR_CONTINUOUS_HOLD,
  EBB_PROFILE_ERROR_DURATION,
  EBB_PROFILE_ERROR_RAMP,
  EBB_PROFILE_ERROR_READ_ONLY,
  EBB_PROFILE_ERROR_PARSE,
  EBB_PROFILE_ERROR_NOT_FOUND,
  EBB_PROFILE_ERROR_CLINIC_LIMIT,
  EBB_PROFILE_ERROR_RAMP_TOO_SLOW,
  EBB_PROFILE_ERROR_ALREADY_APPROVED,
} EbbProfileError;

#define EBB_TYPE_PROFILE (ebb_profile_get_type())

G_DECLARE_FINAL_TYPE (EbbProfile, ebb_profile, EBB, PROFILE, GObject)

GQuark      ebb_profile_error_quark            (void);

EbbProfile *ebb_profile_new                    (const char  *name) G_GNUC_WARN_UNUSED_RESULT;
EbbProfile *ebb_profile_new_from_json          (JsonObject  *object,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;
EbbProfile *ebb_profile_copy                   (EbbProfile  *self) G_GNUC_WARN_UNUSED_RESULT;
EbbProfile *ebb_profile_new_version            (EbbProfile  *self,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;
JsonObject *ebb_profile_to_json                (EbbProfile  *self) G_GNUC_WARN_UNUSED_RESULT;

gint64      ebb_profile_get_id                 (EbbProfile  *self);
void        ebb_profile_set_id                 (EbbProfile  *self,
                                                gint64       id);
guint       ebb_profile_get_version            (EbbProfile  *self);
void        ebb_profile_set_version            (EbbProfile  *self,
                                                guint        version);
const char *ebb_profile_get_name               (EbbProfile  *self);
void        ebb_profile_set_name               (EbbProfile  *self,
                                                const char  *name);
const char *ebb_profile_get_display_name       (EbbProfile  *self);
const char *ebb_profile_get_description        (EbbProfile  *self);
void        ebb_profile_set_description        (EbbProfile  *self,
                                                const char  *description);
const char *ebb_profile_get_display_description (EbbProfile *self);
gint32      ebb_profile_get_level_pa           (EbbProfile  *self);
void        ebb_profile_set_level_pa           (EbbProfile  *self,
                                                gint32       level_pa);
guint       ebb_profile_get_vacuum_s           (EbbProfile  *self);
void        ebb_profile_set_vacuum_s           (EbbProfile  *self,
                                                guint        vacuum_s);
guint       ebb_profile_get_release_s          (EbbProfile  *self);
void        ebb_profile_set_release_s          (EbbProfile  *self,
                                                guint        release_s);
guint       ebb_profile_get_ramp_pa_s          (EbbProfile  *self);
void        ebb_profile_set_ramp_pa_s          (EbbProfile  *self,
                                                guint        ramp_pa_s);
guint       ebb_profile_get_duration_s         (EbbProfile  *self);
void        ebb_profile_set_duration_s         (EbbProfile  *self,
                                                guint        duration_s);
gboolean    ebb_profile_get_clinician_approved (EbbProfile  *self);
const char *ebb_profile_get_approved_by        (EbbProfile  *self);
void        ebb_profile_set_approval           (EbbProfile  *self,
                                                gboolean     approved,
                                                const char  *approved_by);
gboolean    ebb_profile_get_factory            (EbbProfile  *self);
const char *ebb_profile_get_source             (EbbProfile  *self);
guint       ebb_profile_get_cycle_s            (EbbProfile  *self);
guint       ebb_profile_get_n_cycles           (EbbProfile  *self);

gboolean    ebb_profile_validate               (EbbProfile  *self,
                                                gint32       clinic_limit_pa,
                                                GError     **error);
gboolean    ebb_profile_validate_definition    (EbbProfile  *self,
                                                GError     **error);
gboolean    ebb_profile_needs_approval         (EbbProfile  *self,
                                                gint32       clinic_limit_pa);

GPtrArray  *ebb_profile_load_factory           (GError     **error) G_GNUC_WARN_UNUSED_RESULT;
EbbProfile *ebb_profile_find_factory           (const char  *name,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

gint32      ebb_profile_effective_clinic_limit (gint32       setting_pa);
gint32      ebb_profile_get_clinic_limit       (GSettings   *settings);
gboolean    ebb_profile_check_clinic_limit     (gint32       limit_pa,
                                                GError     **error);
gboolean    ebb_profile_target_is_safe         (gint32       target_pa);

G_END_DECLS
