/* ebb-store.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ebb-ecp-types.h"
#include "ebb-store-records.h"

G_BEGIN_DECLS

#define EBB_STORE_ERROR (ebb_store_error_quark ())

/**
 * EbbStoreError:
 * @EBB_STORE_ERROR_CORRUPT: the file is damaged (quick_check or integrity_check failed)
 * @EBB_STORE_ERROR_NOT_A_DATABASE: the file is not an (Ebbflow) SQLite database
 * @EBB_STORE_ERROR_LOCKED: another program holds the database locked
 * @EBB_STORE_ERROR_READ_ONLY: the file or its folder can only be read
 * @EBB_STORE_ERROR_PERMISSION: the file cannot be read at all
 * @EBB_STORE_ERROR_NEWER_SCHEMA: written by a newer Ebbflow; left untouched
 * @EBB_STORE_ERROR_OLDER_SCHEMA: needs a migration that the caller did not allow
 * @EBB_STORE_ERROR_NOT_FOUND: no such file or record
 * @EBB_STORE_ERROR_CONSTRAINT: the change would break a rule of the records
 * @EBB_STORE_ERROR_IO: the disk failed or is full
 * @EBB_STORE_ERROR_INVALID: a value given to the store is malformed
 * @EBB_STORE_ERROR_IN_USE: the record is referred to and cannot be removed
 * @EBB_STORE_ERROR_AUDIT_BROKEN: the audit trail's hash chain does not verify
 * @EBB_STORE_ERROR_FAILED: any other SQLite failure
 *
 * The code is the contract; the GUI maps it to operator-facing text. The
 * message names the file and what to do.
 */
typedef enum
{
  EBB_STORE_ERROR_CORRUPT = 1,
  EBB_STORE_ERROR_NOT_A_DATABASE,
  EBB_STORE_ERROR_LOCKED,
  EBB_STORE_ERROR_READ_ONLY,
  EBB_STORE_ERROR_PERMISSION,
  EBB_STORE_ERROR_NEWER_SCHEMA,
  EBB_STORE_ERROR_OLDER_SCHEMA,
  EBB_STORE_ERROR_NOT_FOUND,
  EBB_STORE_ERROR_CONSTRAINT,
  EBB_STORE_ERROR_IO,
  EBB_STORE_ERROR_INVALID,
  EBB_STORE_ERROR_IN_USE,
  EBB_STORE_ERROR_AUDIT_BROKEN,
  EBB_STORE_ERROR_FAILED,
} EbbStoreError;

GQuark ebb_store_error_quark (void);

/**
 * EbbStoreOpenFlags:
 * @EBB_STORE_OPEN_NONE: open an existing database, migrating it if older
 * @EBB_STORE_OPEN_CREATE: create the database (and its folder) if missing
 * @EBB_STORE_OPEN_NO_MIGRATE: refuse an older schema with OLDER_SCHEMA instead of migrating
 * @EBB_STORE_OPEN_READ_ONLY: open for reading only (checks, exports, search)
 */
typedef enum
{
  EBB_STORE_OPEN_NONE       = 0,
  EBB_STORE_OPEN_CREATE     = 1 << 0,
  EBB_STORE_OPEN_NO_MIGRATE = 1 << 1,
  EBB_STORE_OPEN_READ_ONLY  = 1 << 2,
} EbbStoreOpenFlags;

/* The schema version this build writes (PRAGMA user_version). */
#define EBB_STORE_SCHEMA_VERSION 3

#define EBB_STORE_DEFAULT_BUSY_TIMEOUT_MS 5000

#define EBB_TYPE_STORE (ebb_store_get_type ())

G_DECLARE_FINAL_TYPE (EbbStore, ebb_store, EBB, STORE, GObject)

/* Opening, checking, maintenance (ebb-store.c) */
EbbStore     *ebb_store_open                    (const char          *path,
                                                 EbbStoreOpenFlags    flags,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
EbbStore     *ebb_store_open_full               (const char          *path,
                                                 EbbStoreOpenFlags    flags,
                                                 guint                busy_timeout_ms,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
const char   *ebb_store_get_path                (EbbStore            *self);
int           ebb_store_get_schema_version      (EbbStore            *self);
int           ebb_store_get_opened_from_version (EbbStore            *self);
GArray       *ebb_store_get_interrupted_sessions (EbbStore           *self);
gboolean      ebb_store_check                   (EbbStore            *self,
                                                 gboolean             full,
                                                 GError             **error);
gboolean      ebb_store_checkpoint              (EbbStore            *self,
                                                 GError             **error);
gboolean      ebb_store_begin                   (EbbStore            *self,
                                                 GError             **error);
gboolean      ebb_store_commit                  (EbbStore            *self,
                                                 GError             **error);
void          ebb_store_rollback                (EbbStore            *self);
int           ebb_store_probe_schema_version    (const char          *path,
                                                 GError             **error);

/* Backups and restore (ebb-store-backup.c) */
gboolean      ebb_store_backup_to               (EbbStore            *self,
                                                 const char          *destination,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void          ebb_store_backup_to_async         (EbbStore            *self,
                                                 const char          *destination,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      ebb_store_backup_to_finish        (EbbStore            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
char         *ebb_store_backup_daily            (EbbStore            *self,
                                                 const char          *directory,
                                                 guint                keep,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void          ebb_store_backup_daily_async      (EbbStore            *self,
                                                 const char          *directory,
                                                 guint                keep,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char         *ebb_store_backup_daily_finish     (EbbStore            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      ebb_store_verify_file             (const char          *path,
                                                 GError             **error);
gboolean      ebb_store_restore                 (const char          *database,
                                                 const char          *backup,
                                                 char               **aside_path,
                                                 GError             **error);

/* Operators (ebb-store-operators.c) */
gint64        ebb_store_operator_insert         (EbbStore            *self,
                                                 const EbbOperator   *op,
                                                 GError             **error);
gboolean      ebb_store_operator_update         (EbbStore            *self,
                                                 const EbbOperator   *op,
                                                 GError             **error);
gboolean      ebb_store_operator_set_login_state (EbbStore           *self,
                                                 gint64               operator_id,
                                                 guint                failed_attempts,
                                                 gint64               locked_until_us,
                                                 gint64               last_login_us,
                                                 GError             **error);
EbbOperator  *ebb_store_operator_get            (EbbStore            *self,
                                                 gint64               operator_id,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
EbbOperator  *ebb_store_operator_find           (EbbStore            *self,
                                                 const char          *username,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray    *ebb_store_operator_list           (EbbStore            *self,
                                                 gboolean             include_inactive,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
guint         ebb_store_operator_count_admins   (EbbStore            *self,
                                                 GError             **error);

/* Clients (ebb-store-clients.c) and search (ebb-store-search.c) */
gint64        ebb_store_client_insert           (EbbStore            *self,
                                                 const EbbClient     *client,
                                                 GError             **error);
gboolean      ebb_store_client_update           (EbbStore            *self,
                                                 const EbbClient     *client,
                                                 GError             **error);
EbbClient    *ebb_store_client_get              (EbbStore            *self,
                                                 gint64               client_id,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
EbbClient    *ebb_store_client_find_external    (EbbStore            *self,
                                                 const char          *external_id,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      ebb_store_client_set_archived     (EbbStore            *self,
                                                 gint64               client_id,
                                                 gboolean             archived,
                                                 GError             **error);
gboolean      ebb_store_client_delete           (EbbStore            *self,
                                                 gint64               client_id,
                                                 GError             **error);
gint64        ebb_store_client_count            (EbbStore            *self,
                                                 GError             **error);
GPtrArray    *ebb_store_client_search           (EbbStore            *self,
                                                 const char          *text,
                                                 gboolean             include_archived,
                                                 guint                limit,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Consents (ebb-store-consents.c) */
gint64        ebb_store_consent_insert          (EbbStore            *self,
                                                 const EbbConsent    *consent,
                                                 GError             **error);
gboolean      ebb_store_consent_withdraw        (EbbStore            *self,
                                                 gint64               consent_id,
                                                 gint64               operator_id,
                                                 gint64               when_us,
                                                 GError             **error);
GPtrArray    *ebb_store_consent_list            (EbbStore            *self,
                                                 gint64               client_id,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
EbbConsent   *ebb_store_consent_get             (EbbStore            *self,
                                                 gint64               consent_id,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Screenings (ebb-store-screenings.c) */
gint64              ebb_store_screening_insert        (EbbStore                 *self,
                                                       const EbbStoredScreening *screening,
                                                       GError                  **error);
EbbStoredScreening *ebb_store_screening_get           (EbbStore                 *self,
                                                       gint64                    screening_id,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
EbbStoredScreening *ebb_store_screening_latest        (EbbStore                 *self,
                                                       gint64                    client_id,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray          *ebb_store_screening_list          (EbbStore                 *self,
                                                       gint64                    client_id,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            ebb_store_screening_clear         (EbbStore                 *self,
                                                       gint64                    screening_id,
                                                       gint64                    clinician_id,
                                                       gint64                    when_us,
                                                       const char               *note,
                                                       gint64                    recorded_by,
                                                       GError                  **error);
gboolean            ebb_store_screening_report_change (EbbStore                 *self,
                                                       gint64                    screening_id,
                                                       gint64                    operator_id,
                                                       gint64                    when_us,
                                                       const char               *note,
                                                       GError                  **error);
gint64              ebb_store_screening_confirm       (EbbStore                 *self,
                                                       gint64                    screening_id,
                                                       gint64                    operator_id,
                                                       gint64                    when_us,
                                                       const char               *note,
                                                       GError                  **error);
GPtrArray          *ebb_store_screening_confirmations (EbbStore                 *self,
                                                       gint64                    screening_id,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

/* Profiles (ebb-store-profiles.c); saving an existing lineage adds a version. */
gint64            ebb_store_profile_save         (EbbStore               *self,
                                                  const EbbProfileRecord *profile,
                                                  GError                **error);
EbbProfileRecord *ebb_store_profile_get          (EbbStore               *self,
                                                  gint64                  profile_id,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *ebb_store_profile_list_current (EbbStore               *self,
                                                  gboolean                include_retired,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *ebb_store_profile_list_versions (EbbStore              *self,
                                                  gint64                  lineage_id,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          ebb_store_profile_approve      (EbbStore               *self,
                                                  gint64                  profile_id,
                                                  gint64                  clinician_id,
                                                  gint64                  when_us,
                                                  GError                **error);
gboolean          ebb_store_profile_set_retired  (EbbStore               *self,
                                                  gint64                  lineage_id,
                                                  gboolean                retired,
                                                  GError                **error);

/* Sessions (ebb-store-sessions.c). Samples and events of a live session go
 * through EbbSampleWriter (ebb-sample-writer.h). */
gint64            ebb_store_session_begin        (EbbStore               *self,
                                                  const EbbSessionRecord *session,
                                                  GError                **error);
gboolean          ebb_store_session_finish       (EbbStore               *self,
                                                  gint64                  session_id,
                                                  EbbSessionEndState      end_state,
                                                  const char             *end_reason,
                                                  gint64                  ended_us,
                                                  const char             *link_stats_json,
                                                  GError                **error);
gboolean          ebb_store_session_set_notes    (EbbStore               *self,
                                                  gint64                  session_id,
                                                  const char             *notes,
                                                  GError                **error);
gboolean          ebb_store_session_set_vitals   (EbbStore               *self,
                                                  gint64                  session_id,
                                                  gboolean                after,
                                                  const EbbVitals        *vitals,
                                                  GError                **error);
EbbSessionRecord *ebb_store_session_get          (EbbStore               *self,
                                                  gint64                  session_id,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *ebb_store_session_list         (EbbStore               *self,
                                                  gint64                  client_id,
                                                  guint                   limit,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GArray           *ebb_store_session_read_samples (EbbStore               *self,
                                                  gint64                  session_id,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *ebb_store_session_read_events  (EbbStore               *self,
                                                  gint64                  session_id,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
gint64            ebb_store_session_sample_bytes (EbbStore               *self,
                                                  gint64                  session_id,
                                                  GError                **error);

/* The audit trail (ebb-store-audit.c): append-only, hash-chained. */
gint64        ebb_store_audit_append            (EbbStore            *self,
                                                 gint64               operator_id,
                                                 const char          *action,
                                                 const char          *subject,
                                                 const char          *detail_json,
                                                 GError             **error);
GPtrArray    *ebb_store_audit_list              (EbbStore            *self,
                                                 gint64               after_id,
                                                 guint                limit,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      ebb_store_audit_verify            (EbbStore            *self,
                                                 gint64              *first_bad_id,
                                                 GError             **error);

G_END_DECLS
