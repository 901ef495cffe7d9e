/* ebb-store-records.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ebb-roles.h"

G_BEGIN_DECLS

/* Plain records that the store reads and writes. Every record owns its
 * strings; free it with its _free function (g_autoptr works for all). Ids
 * are database row ids; 0 means "none" (not yet stored, or no reference).
 * Times are UTC microseconds since the Unix epoch (g_get_real_time()). */

/* EbbRoles and its names live in ebb-roles.h. */

typedef struct
{
  gint64    id;
  char     *username;
  char     *display_name;
  EbbRoles  roles;
  char     *credential_hash;   /* crypto_pwhash_str output, see ebb-credentials.h */
  gboolean  active;
  guint     failed_attempts;
  gint64    locked_until_us;   /* 0: not locked */
  gint64    last_login_us;     /* 0: never */
  gint64    created_us;
} EbbOperator;

EbbOperator *ebb_operator_new  (void) G_GNUC_WARN_UNUSED_RESULT;
EbbOperator *ebb_operator_copy (const EbbOperator *self) G_GNUC_WARN_UNUSED_RESULT;
void         ebb_operator_free (EbbOperator       *self);

typedef enum
{
  EBB_SEX_UNSPECIFIED = 0,
  EBB_SEX_FEMALE,
  EBB_SEX_MALE,
  EBB_SEX_OTHER,
} EbbSex;

const char *ebb_sex_to_id   (EbbSex      sex);
EbbSex      ebb_sex_from_id (const char *id);

typedef struct
{
  gint64    id;
  char     *family_name;       /* any Unicode; required */
  char     *given_name;        /* any Unicode; may be empty */
  char     *date_of_birth;     /* ISO 8601 "YYYY-MM-DD" or NULL */
  EbbSex    sex;
  char     *phone;
  char     *email;
  char     *external_id;       /* the clinic's own client number */
  char     *notes;
  gboolean  archived;
  gint64    created_us;
  gint64    updated_us;
} EbbClient;

EbbClient *ebb_client_new  (void) G_GNUC_WARN_UNUSED_RESULT;
EbbClient *ebb_client_copy (const EbbClient *self) G_GNUC_WARN_UNUSED_RESULT;
void       ebb_client_free (EbbClient       *self);

typedef enum
{
  EBB_CONSENT_METHOD_SIGNED_PAPER = 1,
  EBB_CONSENT_METHOD_VERBAL,
  EBB_CONSENT_METHOD_TABLET,
} EbbConsentMethod;

const char       *ebb_consent_method_to_id   (EbbConsentMethod  method);
EbbConsentMethod  ebb_consent_method_from_id (const char       *id);

typedef struct
{
  gint64            id;
  gint64            client_id;
  char             *topic;            /* what was agreed: "treatment", "data-processing", … */
  char             *policy_version;   /* version of the text the client agreed to */
  gboolean          granted;          /* FALSE records an explicit refusal */
  EbbConsentMethod  method;
  gint64            recorded_by;      /* operator id */
  gint64            recorded_us;
  char             *note;
  gint64            withdrawn_us;     /* 0: still in force */
  gint64            withdrawn_by;
} EbbConsent;

EbbConsent *ebb_consent_new  (void) G_GNUC_WARN_UNUSED_RESULT;
void        ebb_consent_free (EbbConsent *self);

typedef struct
{
  gint64  id;
  gint64  client_id;
  char   *questionnaire_id;
  char   *questionnaire_version;
  char   *answers_json;          /* every answer, as the screening engine serialised it */
  char   *scores_json;           /* computed scores */
  char   *outcome;               /* the screening engine's outcome id */
  char   *reasons_json;          /* every triggering reason */
  gint64  operator_id;           /* who screened */
  gint64  screened_us;
  gint64  valid_until_us;        /* 0: no expiry */
  /* Clinician clearance of a relative contraindication; cleared_by 0: none. */
  gint64  cleared_by;
  gint64  cleared_us;
  char   *clearance_note;
  gint64  clearance_recorded_by;
  /* The client's report of a change in their health; changed_by 0: none. */
  gint64  changed_by;
  gint64  changed_us;
  char   *change_note;
} EbbStoredScreening;

EbbStoredScreening *ebb_stored_screening_new  (void) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_stored_screening_free (EbbStoredScreening *self);

/* A per-visit "nothing has changed since the screening" confirmation. */
typedef struct
{
  gint64  id;
  gint64  screening_id;
  gint64  operator_id;
  gint64  confirmed_us;
  char   *note;
} EbbScreeningConfirmation;

void ebb_screening_confirmation_free (EbbScreeningConfirmation *self);

typedef struct
{
  gint64    id;                /* this version's row id */
  gint64    lineage_id;        /* shared by every version of one profile; 0 for a new profile */
  guint     version;           /* 1, 2, … within the lineage */
  char     *name;
  char     *description;
  gint32    level_pa;          /* vacuum level, gauge pascals (negative) */
  double    vacuum_s;          /* time held at level per cycle */
  double    release_s;         /* time at atmosphere per cycle */
  gint32    ramp_pa_s;         /* ramp rate, pascals per second */
  guint     duration_s;        /* whole session */
  gboolean  approved;
  gint64    approved_by;
  gint64    approved_us;
  gboolean  factory;           /* shipped built-in profile */
  gboolean  retired;           /* hidden from selection; kept for sessions that used it */
  gint64    created_by;
  gint64    created_us;
} EbbProfileRecord;

EbbProfileRecord *ebb_profile_record_new  (void) G_GNUC_WARN_UNUSED_RESULT;
EbbProfileRecord *ebb_profile_record_copy (const EbbProfileRecord *self) G_GNUC_WARN_UNUSED_RESULT;
void              ebb_profile_record_free (EbbProfileRecord       *self);

/**
 * EbbSessionEndState:
 * @EBB_SESSION_RUNNING: no end recorded yet (the session is live)
 * @EBB_SESSION_COMPLETED: the profile ran to its end
 * @EBB_SESSION_STOPPED: an operator stopped it
 * @EBB_SESSION_ABORTED: an alarm or fault ended it
 * @EBB_SESSION_INTERRUPTED: the process died; found at the next start
 */
typedef enum
{
  EBB_SESSION_RUNNING = 0,
  EBB_SESSION_COMPLETED,
  EBB_SESSION_STOPPED,
  EBB_SESSION_ABORTED,
  EBB_SESSION_INTERRUPTED,
} EbbSessionEndState;

const char         *ebb_session_end_state_to_id   (EbbSessionEndState  state);
EbbSessionEndState  ebb_session_end_state_from_id (const char         *id);

typedef struct
{
  gboolean recorded;
  guint    bp_systolic;        /* mmHg */
  guint    bp_diastolic;       /* mmHg */
  guint    heart_rate;         /* beats per minute */
} EbbVitals;

typedef struct
{
  gint64              id;
  gint64              client_id;
  gint64              screening_id;      /* 0: none */
  gint64              profile_id;        /* the profile version run; 0: ad hoc */
  char               *profile_json;      /* snapshot of the profile as run */
  gint64              operator_id;
  char               *chamber_model;
  char               *chamber_serial;
  char               *chamber_firmware;
  gint64              started_us;
  gint64              ended_us;          /* 0 while running */
  EbbSessionEndState  end_state;
  char               *end_reason;
  char               *notes;
  EbbVitals           vitals_before;
  EbbVitals           vitals_after;
  char               *link_stats_json;   /* final link statistics */
  guint64             n_samples;         /* samples on disk */
  /* Wall clock when the first sample arrived, and that sample's device
   * clock: a sample's wall time is sample_epoch_us + (device_ms -
   * sample_epoch_device_ms) ms. sample_epoch_us is 0 before any sample. */
  gint64              sample_epoch_us;
  guint32             sample_epoch_device_ms;
} EbbSessionRecord;

EbbSessionRecord *ebb_session_record_new  (void) G_GNUC_WARN_UNUSED_RESULT;
EbbSessionRecord *ebb_session_record_copy (const EbbSessionRecord *self) G_GNUC_WARN_UNUSED_RESULT;
void              ebb_session_record_free (EbbSessionRecord       *self);

typedef enum
{
  EBB_SESSION_EVENT_PHASE = 1,
  EBB_SESSION_EVENT_SETPOINT,
  EBB_SESSION_EVENT_ALARM_RAISED,
  EBB_SESSION_EVENT_ALARM_ACKNOWLEDGED,
  EBB_SESSION_EVENT_ALARM_CLEARED,
  EBB_SESSION_EVENT_OPERATOR_ACTION,
  EBB_SESSION_EVENT_DEVICE_FAULT,
  EBB_SESSION_EVENT_LINK_STATS,
  EBB_SESSION_EVENT_NOTE,
} EbbSessionEventKind;

const char          *ebb_session_event_kind_to_id   (EbbSessionEventKind  kind);
EbbSessionEventKind  ebb_session_event_kind_from_id (const char          *id);

typedef struct
{
  gint64               id;
  gint64               session_id;
  gint64               time_us;        /* wall clock */
  guint32              device_ms;      /* device clock at the event; 0 if unknown */
  EbbSessionEventKind  kind;
  char                *code;           /* short machine id: "vacuum", "over-vacuum", "stop" … */
  char                *message;        /* English detail for the log and the report */
  char                *data_json;      /* optional structured detail */
  gint64               operator_id;    /* 0: not an operator's action */
} EbbSessionEvent;

EbbSessionEvent *ebb_session_event_new  (EbbSessionEventKind     kind,
                                         const char             *code,
                                         const char             *message) G_GNUC_WARN_UNUSED_RESULT;
EbbSessionEvent *ebb_session_event_copy (const EbbSessionEvent  *self) G_GNUC_WARN_UNUSED_RESULT;
void             ebb_session_event_free (EbbSessionEvent        *self);

typedef struct
{
  gint64  id;
  gint64  time_us;
  gint64  operator_id;   /* 0: the system */
  char   *action;        /* "login", "client.update", … */
  char   *subject;       /* what it acted on, e.g. "client:42" */
  char   *detail_json;
  char   *prev_hash;     /* hex SHA-256 of the previous entry (64 zeros for the first) */
  char   *hash;          /* hex SHA-256 over this entry's content and prev_hash */
} EbbAuditEntry;

void ebb_audit_entry_free (EbbAuditEntry *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbOperator, ebb_operator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbClient, ebb_client_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbConsent, ebb_consent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbStoredScreening, ebb_stored_screening_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbScreeningConfirmation, ebb_screening_confirmation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbProfileRecord, ebb_profile_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbSessionRecord, ebb_session_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbSessionEvent, ebb_session_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbAuditEntry, ebb_audit_entry_free)

G_END_DECLS
