/* ebb-store-private.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ebb-store.h"

G_BEGIN_DECLS

/* "EbbF": marks the file as ours (PRAGMA application_id). */
#define EBB_STORE_APPLICATION_ID 0x45626246

struct _EbbStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;        /* SQL text → sqlite3_stmt*, owned */
  GArray     *interrupted;       /* gint64 session ids marked at open */
  int         schema_version;
  int         opened_from_version;
  guint       busy_timeout_ms;
  gboolean    read_only;
  gint        checkpoint_running; /* atomic */
  guint       tx_depth;           /* open transactions and savepoints */
};

/* ebb-store.c */
gboolean      _ebb_store_set_error       (GError       **error,
                                          sqlite3       *db,
                                          int            rc,
                                          const char    *path);
sqlite3      *_ebb_store_connect         (const char    *path,
                                          gboolean       read_only,
                                          guint          busy_timeout_ms,
                                          GError       **error);
sqlite3_stmt *_ebb_store_prepare         (EbbStore      *self,
                                          const char    *sql,
                                          GError       **error);
gboolean      _ebb_store_exec            (sqlite3       *db,
                                          const char    *path,
                                          const char    *sql,
                                          GError       **error);
gboolean      _ebb_store_begin           (EbbStore      *self,
                                          GError       **error);
gboolean      _ebb_store_commit          (EbbStore      *self,
                                          GError       **error);
void          _ebb_store_rollback        (EbbStore      *self);
gboolean      _ebb_store_step_done       (EbbStore      *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);
gboolean      _ebb_store_step_one        (EbbStore      *self,
                                          sqlite3_stmt  *stmt,
                                          const char    *what,
                                          gint64         id,
                                          GError       **error);
sqlite3_stmt *_ebb_store_prepare_write   (EbbStore      *self,
                                          const char    *sql,
                                          GError       **error);
gboolean      _ebb_store_step_int64      (EbbStore      *self,
                                          sqlite3_stmt  *stmt,
                                          gint64        *value,
                                          GError       **error);
/* Makes one record of the current row of a statement. */
typedef gpointer (*EbbStoreRowFunc) (sqlite3_stmt *stmt);

GPtrArray    *_ebb_store_step_list       (EbbStore        *self,
                                          sqlite3_stmt    *stmt,
                                          EbbStoreRowFunc  from_row,
                                          GDestroyNotify   free_func,
                                          GError         **error);
gboolean      _ebb_store_writable        (EbbStore      *self,
                                          GError       **error);
gboolean      _ebb_store_set_error_code  (GError       **error,
                                          int            code,
                                          const char    *path,
                                          const char    *detail);
gboolean      _ebb_store_run_check       (sqlite3       *db,
                                          const char    *path,
                                          const char    *pragma,
                                          GError       **error);
gboolean      _ebb_store_check_file      (const char         *path,
                                          EbbStoreOpenFlags   flags,
                                          gboolean           *exists,
                                          GError            **error);
gboolean      _ebb_store_not_found       (GError       **error,
                                          const char    *what,
                                          gint64         id);

/* Binding and reading helpers: 0 ids and NULL strings become SQL NULL. */
void          _ebb_bind_text             (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
void          _ebb_bind_id               (sqlite3_stmt  *stmt,
                                          int            index,
                                          gint64         id);
char         *_ebb_column_text           (sqlite3_stmt  *stmt,
                                          int            column);

/* ebb-store-audit.c */
gboolean      _ebb_store_audit_append_entries (sqlite3    *db,
                                               const char *path,
                                               GPtrArray  *entries,
                                               GError    **error);

/* ebb-store-schema.c */
gboolean      _ebb_store_migrate         (sqlite3       *db,
                                          const char    *path,
                                          int            from_version,
                                          int            to_version,
                                          GError       **error);

/* ebb-store-recovery.c */
void          _ebb_store_process_identity (gint64       *pid,
                                           gint64       *start_ticks,
                                           char        **boot_id);
gboolean      _ebb_store_recover_sessions (EbbStore     *self,
                                           GError      **error);

/* ebb-store-clients.c */
char         *_ebb_client_search_text    (const EbbClient *client);
EbbClient    *_ebb_client_from_row       (sqlite3_stmt    *stmt);

/* ebb-store-sessions.c */
gboolean      _ebb_store_session_sample_span (EbbStore  *self,
                                              gint64     session_id,
                                              guint32   *first_device_ms,
                                              guint32   *last_device_ms,
                                              guint64   *n_samples,
                                              GError   **error);

G_END_DECLS
