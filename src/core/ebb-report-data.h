/* ebb-report-data.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ebb-ecp-types.h"

G_BEGIN_DECLS

/*
 * The plain in-memory model a report is rendered from. It holds copies of
 * everything the report prints, so rendering needs nothing else: no
 * database connection, no settings, no live session. The store fills it
 * from the database; tests and benchmarks fill it by hand.
 */

/**
 * EbbReportEndState:
 * @EBB_REPORT_END_COMPLETED: the profile ran to its planned end
 * @EBB_REPORT_END_STOPPED: the operator stopped the session early
 * @EBB_REPORT_END_ABORTED: an alarm or a device fault ended the session
 * @EBB_REPORT_END_INTERRUPTED: the console crashed or lost power; the
 *   session was found unfinished on the next start
 */
typedef enum
{
  EBB_REPORT_END_COMPLETED = 1,
  EBB_REPORT_END_STOPPED,
  EBB_REPORT_END_ABORTED,
  EBB_REPORT_END_INTERRUPTED,
} EbbReportEndState;

/**
 * EbbReportPriority:
 * @EBB_REPORT_PRIORITY_INFO: an event, not an alarm
 * @EBB_REPORT_PRIORITY_LOW: low-priority alarm
 * @EBB_REPORT_PRIORITY_MEDIUM: medium-priority alarm
 * @EBB_REPORT_PRIORITY_HIGH: high-priority alarm
 */
typedef enum
{
  EBB_REPORT_PRIORITY_INFO,
  EBB_REPORT_PRIORITY_LOW,
  EBB_REPORT_PRIORITY_MEDIUM,
  EBB_REPORT_PRIORITY_HIGH,
} EbbReportPriority;

/**
 * EbbReportOutcome:
 * @EBB_REPORT_OUTCOME_CLEAR: nothing found
 * @EBB_REPORT_OUTCOME_NOTE: proceed, and record the notes
 * @EBB_REPORT_OUTCOME_REFER: a session only after a clinician's clearance
 * @EBB_REPORT_OUTCOME_EXCLUDE: no session today
 *
 * The outcome classes of the screening (clinical/screening.md).
 */
typedef enum
{
  EBB_REPORT_OUTCOME_CLEAR = 1,
  EBB_REPORT_OUTCOME_NOTE,
  EBB_REPORT_OUTCOME_REFER,
  EBB_REPORT_OUTCOME_EXCLUDE,
} EbbReportOutcome;

typedef struct
{
  /* Milliseconds since the session started. */
  gint64             offset_ms;
  EbbReportPriority  priority;
  /* A stable identifier such as "alarm.deviation"; printed only when the
   * text is empty. */
  char              *kind;
  /* The operator-facing text, as recorded. */
  char              *text;
} EbbReportEvent;

/**
 * EbbReportPhaseKind:
 * @EBB_REPORT_PHASE_VACUUM: a vacuum phase started, or resumed after a pause
 * @EBB_REPORT_PHASE_RELEASE: a release phase started, or resumed after a pause
 * @EBB_REPORT_PHASE_PAUSED: the session paused: the chamber vents and the
 *   phase clock stops until the phase resumes
 * @EBB_REPORT_PHASE_ENDED: the session began to finish; no phase follows
 */
typedef enum
{
  EBB_REPORT_PHASE_VACUUM = 1,
  EBB_REPORT_PHASE_RELEASE,
  EBB_REPORT_PHASE_PAUSED,
  EBB_REPORT_PHASE_ENDED,
} EbbReportPhaseKind;

/* A change of phase as the session recorded it, on the samples' clock. */
typedef struct
{
  /* The device clock (EbbEcpTelemetry.device_ms) at the change. */
  guint32             device_ms;
  EbbReportPhaseKind  kind;
  /* The cycle the phase belongs to, from 1; 0 for a pause or the end. */
  guint               cycle;
} EbbReportPhaseMark;

/* A stretch of the session on the samples' time line: milliseconds since
 * the first sample, on the device clock, gaps included (as the chart's
 * time axis runs). */
typedef struct
{
  gint64 start_ms;
  gint64 end_ms;
} EbbReportSpan;

typedef struct
{
  gboolean recorded;
  guint    systolic_mmhg;
  guint    diastolic_mmhg;
  guint    heart_rate_bpm;
} EbbReportVitals;

typedef struct
{
  /* A rule or score the screening reported, with the class it led to. */
  EbbReportOutcome  outcome;
  char             *text;
} EbbReportReason;

typedef struct
{
  char *name;
  char *value;
} EbbReportScore;

/**
 * EbbReportScreening:
 *
 * One completed screening: what the one-page screening summary prints,
 * and what the session report summarises.
 */
typedef struct
{
  /* Clinic header, as in #EbbReportData */
  char             *clinic_name;
  char             *clinic_address;
  char             *clinic_phone;
  char             *clinic_logo;         /* nullable */

  char             *client_name;
  GDate             client_birth_date;   /* invalid when unknown */
  char             *client_clinic_id;
  GDateTime        *date;
  char             *screened_by;         /* the staff member; nullable */
  char             *questionnaire_id;
  char             *questionnaire_version;
  EbbReportOutcome  outcome;
  GPtrArray        *reasons;             /* EbbReportReason */
  GPtrArray        *scores;              /* EbbReportScore */
  GDateTime        *valid_until;         /* nullable */
  /* A recorded clinician clearance (REFER outcomes); all nullable. */
  char             *clearance_by;
  GDateTime        *clearance_at;
  char             *clearance_note;
} EbbReportScreening;

/**
 * EbbReportData:
 *
 * Everything one session report prints.
 */
typedef struct
{
  /* Clinic header */
  char               *clinic_name;
  char               *clinic_address;
  char               *clinic_phone;
  char               *clinic_logo;       /* PNG or JPEG path; nullable */

  /* Client */
  char               *client_given_name;
  char               *client_family_name;
  GDate               client_birth_date; /* invalid when unknown */
  char               *client_clinic_id;

  /* Session */
  gint64              session_id;
  GDateTime          *start;
  GDateTime          *end;               /* nullable for interrupted sessions */
  char               *operator_name;
  char               *chamber_model;
  char               *chamber_serial;
  char               *chamber_firmware;
  EbbReportEndState   end_state;
  char               *end_reason;        /* nullable */

  /* The profile as run */
  char               *profile_name;
  gint32              level_pa;          /* negative gauge pressure */
  guint               vacuum_s;
  guint               release_s;
  guint               ramp_pa_s;         /* 0 = as fast as the pump can */
  guint               duration_s;
  gint32              limit_pa;          /* the clinic limit in force; 0 = none */

  EbbReportScreening *screening;         /* nullable */

  GArray             *samples;           /* EbbEcpTelemetry, in order */
  GPtrArray          *events;            /* EbbReportEvent, in order */
  /* The phases and pauses the session recorded, in order; empty for a
   * session recorded without them (the statistics then read the phases
   * from the setpoint in the samples). */
  GArray             *phase_marks;       /* EbbReportPhaseMark */

  EbbReportVitals     vitals_before;
  EbbReportVitals     vitals_after;
  char               *technician_notes;  /* nullable */

  /* What the chamber link lost, as counted by the driver. */
  guint               link_frames_lost;
  guint               link_crc_errors;
  guint               link_losses;
} EbbReportData;

/**
 * EbbReportStats:
 *
 * What the report computes from the samples and the profile.
 */
typedef struct
{
  guint   cycles_planned;
  guint   cycles_completed;
  gint64  recorded_ms;          /* span covered by samples, without gaps */
  gint64  vacuum_ms;            /* recorded time in vacuum phases */
  gint64  at_level_ms;          /* within the target band during vacuum phases */
  gint32  mean_vacuum_pa;       /* mean measured pressure while at level */
  gint32  deepest_pa;           /* most negative measured pressure */
  guint   deviations;           /* excursions out of the band after level was reached */
  gint32  largest_deviation_pa; /* absolute, 0 when none */
  guint   limit_exceedances;    /* excursions beyond the clinic limit, each until
                                 * back within it by the target band */
  double  sample_rate_hz;
  guint   gaps;                 /* breaks in the sample stream longer than 1 s */
  gint64  longest_gap_ms;
} EbbReportStats;

EbbReportEvent     *ebb_report_event_new        (gint64                    offset_ms,
                                                 EbbReportPriority         priority,
                                                 const char               *kind,
                                                 const char               *text) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_report_event_free       (EbbReportEvent           *event);

EbbReportReason    *ebb_report_reason_new       (EbbReportOutcome          outcome,
                                                 const char               *text) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_report_reason_free      (EbbReportReason          *reason);
EbbReportScore     *ebb_report_score_new        (const char               *name,
                                                 const char               *value) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_report_score_free       (EbbReportScore           *score);

EbbReportScreening *ebb_report_screening_new    (void) G_GNUC_WARN_UNUSED_RESULT;
EbbReportScreening *ebb_report_screening_copy   (const EbbReportScreening *screening) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_report_screening_free   (EbbReportScreening       *screening);

EbbReportData      *ebb_report_data_new         (void) G_GNUC_WARN_UNUSED_RESULT;
EbbReportData      *ebb_report_data_copy        (const EbbReportData      *data) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_report_data_free        (EbbReportData            *data);
char               *ebb_report_data_client_name (const EbbReportData      *data) G_GNUC_WARN_UNUSED_RESULT;
void                ebb_report_data_add_phase_mark (EbbReportData     *data,
                                                    guint32            device_ms,
                                                    EbbReportPhaseKind kind,
                                                    guint              cycle);
void                ebb_report_data_compute_stats (const EbbReportData    *data,
                                                   EbbReportStats         *stats);
GArray             *ebb_report_data_vacuum_spans (const EbbReportData     *data) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportEvent, ebb_report_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportReason, ebb_report_reason_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportScore, ebb_report_score_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportScreening, ebb_report_screening_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbReportData, ebb_report_data_free)

G_END_DECLS
