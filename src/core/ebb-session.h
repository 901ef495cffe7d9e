/* ebb-session.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-clock.h"
#include "ebb-device.h"
#include "ebb-operator-session.h"
#include "ebb-profile.h"
#include "ebb-recorder.h"
#include "ebb-safety-supervisor.h"

G_BEGIN_DECLS

/* finishing waits this long for atmosphere before it records the end. */
#define EBB_SESSION_VENT_TIMEOUT_US   (10 * G_USEC_PER_SEC)
#define EBB_SESSION_ATMOSPHERE_PA     EBB_ECP_TARGET_BAND_PA  /* ECP-1 §5.3 VENT */
/* How often the link statistics so far go with the record. */
#define EBB_SESSION_LINK_STATS_INTERVAL_US (1 * G_USEC_PER_SEC)

/**
 * EbbSessionState:
 *
 * preparing → running ⇄ paused → finishing → completed | stopped | aborted;
 * interrupted is set by the store at the next start for a session whose
 * process died.
 */
typedef enum
{
  EBB_SESSION_STATE_PREPARING = 1,
  EBB_SESSION_STATE_RUNNING,
  EBB_SESSION_STATE_PAUSED,
  EBB_SESSION_STATE_FINISHING,
  EBB_SESSION_STATE_COMPLETED,
  EBB_SESSION_STATE_STOPPED,
  EBB_SESSION_STATE_ABORTED,
  EBB_SESSION_STATE_INTERRUPTED,
} EbbSessionState;

typedef enum
{
  EBB_SESSION_PHASE_NONE = 0,
  EBB_SESSION_PHASE_VACUUM,
  EBB_SESSION_PHASE_RELEASE,
} EbbSessionPhase;

typedef enum
{
  EBB_SYMPTOM_LIGHT_HEADED = 1,
  EBB_SYMPTOM_NAUSEA,
  EBB_SYMPTOM_PAIN,
  EBB_SYMPTOM_OTHER,
} EbbSymptom;

#define EBB_SESSION_ERROR (ebb_session_error_quark ())

/**
 * EbbSessionError:
 * @EBB_SESSION_ERROR_WRONG_STATE: the action is not possible in this state
 * @EBB_SESSION_ERROR_INCOMPLETE: client, operator or profile missing
 * @EBB_SESSION_ERROR_NOT_CONNECTED: no chamber connected
 * @EBB_SESSION_ERROR_NOT_IDENTIFIED: the chamber has not identified itself
 * @EBB_SESSION_ERROR_NO_STATUS: no status from the chamber yet
 * @EBB_SESSION_ERROR_FAULTS_LATCHED: the chamber has latched faults; clear them
 * @EBB_SESSION_ERROR_LID_OPEN: the lid is not closed
 * @EBB_SESSION_ERROR_NO_SCREENING_CHECK: no screening gate is configured
 * @EBB_SESSION_ERROR_RECORDING: the session record could not be created
 *
 * Refusals of the runner. The screening gate's and profile validation's
 * own errors (EBB_SCREENING_ERROR, EBB_PROFILE_ERROR) are passed on
 * unchanged, because their codes are the contract.
 */
typedef enum
{
  EBB_SESSION_ERROR_WRONG_STATE = 1,
  EBB_SESSION_ERROR_INCOMPLETE,
  EBB_SESSION_ERROR_NOT_CONNECTED,
  EBB_SESSION_ERROR_NOT_IDENTIFIED,
  EBB_SESSION_ERROR_NO_STATUS,
  EBB_SESSION_ERROR_FAULTS_LATCHED,
  EBB_SESSION_ERROR_LID_OPEN,
  EBB_SESSION_ERROR_NO_SCREENING_CHECK,
  EBB_SESSION_ERROR_RECORDING,
} EbbSessionError;

/**
 * EbbSessionGateFunc:
 * @client_id: the client
 * @data: user data
 * @error: return location for the screening module's refusal
 *
 * Asks the screening module whether @client_id may have a session today:
 * screening present, valid and allowing a session, and the per-visit
 * "nothing changed" confirmation recorded.
 *
 * Returns: %TRUE if the client may have a session
 */
typedef gboolean (*EbbSessionGateFunc) (const char  *client_id,
                                        gpointer     data,
                                        GError     **error);

/**
 * EbbTranslateFunc:
 * @context: (nullable): the message context, as in C_()
 * @msgid: an English message of the program's catalogue
 * @data: user data
 *
 * Translates one message: gettext for the user interface, a report's own
 * catalogue for a report printed in another language.
 *
 * Returns: the translation, or @msgid
 */
typedef const char *(*EbbTranslateFunc) (const char *context,
                                         const char *msgid,
                                         gpointer    data);

#define EBB_TYPE_SESSION (ebb_session_get_type())

G_DECLARE_FINAL_TYPE (EbbSession, ebb_session, EBB, SESSION, GObject)

GQuark               ebb_session_error_quark        (void);

EbbSession          *ebb_session_new                (EbbDevice           *device,
                                                     EbbRecorder         *recorder,
                                                     EbbClock            *clock) G_GNUC_WARN_UNUSED_RESULT;

void                 ebb_session_set_client_id      (EbbSession          *self,
                                                     const char          *client_id);
void                 ebb_session_set_operator       (EbbSession          *self,
                                                     const char          *operator_name);
void                 ebb_session_set_operator_session (EbbSession        *self,
                                                     EbbOperatorSession  *ctx);
gboolean             ebb_session_acknowledge_alarm  (EbbSession          *self,
                                                     EbbAlarmKind         kind,
                                                     const char          *operator_name,
                                                     GError             **error);
gboolean             ebb_session_pause_alarm_audio  (EbbSession          *self,
                                                     const char          *operator_name,
                                                     GError             **error);
void                 ebb_session_set_profile        (EbbSession          *self,
                                                     EbbProfile          *profile);
void                 ebb_session_set_lid_confirmed  (EbbSession          *self,
                                                     gboolean             confirmed);
void                 ebb_session_set_clinic_limit   (EbbSession          *self,
                                                     gint32               clinic_limit_pa);
void                 ebb_session_set_screening_gate (EbbSession          *self,
                                                     EbbSessionGateFunc   func,
                                                     gpointer             data,
                                                     GDestroyNotify       destroy);

EbbSessionState      ebb_session_get_state          (EbbSession          *self);
EbbSessionPhase      ebb_session_get_phase          (EbbSession          *self);
const char          *ebb_session_get_end_reason     (EbbSession          *self);
guint                ebb_session_get_cycle          (EbbSession          *self);
gint64               ebb_session_get_elapsed_us     (EbbSession          *self);
gint64               ebb_session_get_remaining_us   (EbbSession          *self);
gint64               ebb_session_get_phase_remaining_us (EbbSession      *self);
gint32               ebb_session_get_pressure_pa    (EbbSession          *self);
gint64               ebb_session_get_record_id      (EbbSession          *self);
gboolean             ebb_session_get_recording_failed (EbbSession        *self);
EbbSafetySupervisor *ebb_session_get_supervisor     (EbbSession          *self);
gboolean             ebb_session_is_finished        (EbbSession          *self);

gboolean             ebb_session_check              (EbbSession          *self,
                                                     GError             **error);
gboolean             ebb_session_start              (EbbSession          *self,
                                                     GError             **error);
gboolean             ebb_session_pause              (EbbSession          *self,
                                                     GError             **error);
gboolean             ebb_session_resume             (EbbSession          *self,
                                                     GError             **error);
gboolean             ebb_session_stop               (EbbSession          *self,
                                                     GError             **error);
void                 ebb_session_emergency_stop     (EbbSession          *self);
gboolean             ebb_session_report_symptom     (EbbSession          *self,
                                                     EbbSymptom           symptom,
                                                     const char          *note,
                                                     GError             **error);

const char          *ebb_session_state_id           (EbbSessionState      state);
const char          *ebb_session_state_label        (EbbSessionState      state);
const char          *ebb_session_phase_label        (EbbSessionPhase      phase);
const char          *ebb_symptom_id                 (EbbSymptom           symptom);

const char          *ebb_session_describe_end_reason (const char         *reason_id);
char                *ebb_session_translate_end_reason (const char        *reason_id,
                                                       EbbTranslateFunc   translate,
                                                       gpointer           data) G_GNUC_WARN_UNUSED_RESULT;
char                *ebb_session_translate_event     (const char         *type,
                                                      const char         *detail,
                                                      EbbTranslateFunc    translate,
                                                      gpointer            data) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
