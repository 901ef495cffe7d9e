/* ebb-front-desk.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-operator-session.h"
#include "ebb-permissions.h"
#include "ebb-report.h"
#include "ebb-units.h"
#include "ebb-screening.h"

G_BEGIN_DECLS

#define EBB_FRONT_DESK_ERROR (ebb_front_desk_error_quark ())

/**
 * EbbFrontDeskError:
 * @EBB_FRONT_DESK_ERROR_FAMILY_NAME: the family name is missing or too long
 * @EBB_FRONT_DESK_ERROR_GIVEN_NAME: the given name is too long
 * @EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH: not a date, in the future, or more than 120 years ago
 * @EBB_FRONT_DESK_ERROR_EMAIL: not an e-mail address
 * @EBB_FRONT_DESK_ERROR_PHONE: not a telephone number
 * @EBB_FRONT_DESK_ERROR_CONSENT: a consent without a topic or policy version
 *
 * The code names the field, so the client editor shows the message beside it.
 */
typedef enum
{
  EBB_FRONT_DESK_ERROR_FAMILY_NAME = 1,
  EBB_FRONT_DESK_ERROR_GIVEN_NAME,
  EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH,
  EBB_FRONT_DESK_ERROR_EMAIL,
  EBB_FRONT_DESK_ERROR_PHONE,
  EBB_FRONT_DESK_ERROR_CONSENT,
} EbbFrontDeskError;

/* The oldest plausible client, in years. */
#define EBB_FRONT_DESK_MAX_AGE_YEARS 120

GQuark      ebb_front_desk_error_quark         (void);

gboolean    ebb_front_desk_check_family_name   (const char          *text,
                                                GError             **error);
gboolean    ebb_front_desk_check_given_name    (const char          *text,
                                                GError             **error);
char       *ebb_front_desk_parse_date_of_birth (const char          *text,
                                                gint64               now_us,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    ebb_front_desk_check_email         (const char          *text,
                                                GError             **error);
gboolean    ebb_front_desk_check_phone         (const char          *text,
                                                GError             **error);
gboolean    ebb_front_desk_validate_client     (const EbbClient     *client,
                                                gint64               now_us,
                                                GError             **error);

gint64      ebb_front_desk_register_client     (EbbOperatorSession  *ctx,
                                                const EbbClient     *client,
                                                GError             **error);
gboolean    ebb_front_desk_update_client       (EbbOperatorSession  *ctx,
                                                const EbbClient     *client,
                                                GError             **error);
EbbClient  *ebb_front_desk_view_client         (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    ebb_front_desk_archive_client      (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                gboolean             archived,
                                                GError             **error);
GPtrArray  *ebb_front_desk_search_clients      (EbbOperatorSession  *ctx,
                                                const char          *text,
                                                gboolean             include_archived,
                                                guint                limit,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

gint64      ebb_front_desk_record_consent      (EbbOperatorSession  *ctx,
                                                const EbbConsent    *consent,
                                                GError             **error);
gboolean    ebb_front_desk_withdraw_consent    (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                gint64               consent_id,
                                                GError             **error);
GPtrArray  *ebb_front_desk_list_consents       (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *ebb_front_desk_list_screenings     (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *ebb_front_desk_list_sessions       (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

gint64      ebb_front_desk_record_screening    (EbbOperatorSession          *ctx,
                                                gint64                       client_id,
                                                EbbScreeningAnswers         *answers,
                                                const EbbScreeningDecision  *decision,
                                                guint                        validity_days,
                                                GError                     **error);
gboolean    ebb_front_desk_record_clearance    (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                gint64               screening_id,
                                                const char          *note,
                                                GError             **error);
gboolean    ebb_front_desk_export_history      (EbbOperatorSession  *ctx,
                                                gint64               client_id,
                                                GOutputStream       *out,
                                                GCancellable        *cancellable,
                                                GError             **error);
gboolean    ebb_front_desk_export_session      (EbbOperatorSession  *ctx,
                                                gint64               session_id,
                                                gboolean             json,
                                                EbbPressureUnit      unit,
                                                GOutputStream       *out,
                                                GCancellable        *cancellable,
                                                GError             **error);
gboolean    ebb_front_desk_record_report       (EbbOperatorSession  *ctx,
                                                EbbAction            action,
                                                gint64               session_id,
                                                const char          *destination,
                                                GError             **error);
gboolean    ebb_front_desk_save_report         (EbbOperatorSession  *ctx,
                                                gint64               session_id,
                                                GSettings           *settings,
                                                const EbbReportOptions *options,
                                                const char          *output,
                                                GError             **error);

G_END_DECLS
