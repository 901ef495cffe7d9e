/* ebb-cli.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ebb-store.h"

G_BEGIN_DECLS

/* Exit codes of ebbflowctl, documented in docs/cli.md. Commands may add
 * their own codes above EBB_EXIT_USAGE (the screening command does). */
typedef enum
{
  EBB_EXIT_OK      = 0,
  EBB_EXIT_FAILURE = 1,
  EBB_EXIT_USAGE   = 2,
} EbbExitCode;

typedef int (*EbbCliCommandFunc) (int    argc,
                                  char **argv);

typedef struct
{
  const char        *name;
  const char        *summary;
  EbbCliCommandFunc  run;
} EbbCliCommand;

GOptionContext *ebb_cli_new_context (const char   *prgname,
                                     const char   *parameter,
                                     const char   *summary,
                                     GOptionEntry *entries);
gboolean ebb_cli_parse_options (GOptionContext  *context,
                                const char      *command,
                                int             *argc,
                                char          ***argv);
int      ebb_cli_usage_error   (const char      *command,
                                const char      *format,
                                ...) G_GNUC_PRINTF (2, 3);
int      ebb_cli_failure       (const char      *command,
                                const GError    *error);
void     ebb_cli_print_json    (JsonNode        *root);

/* Options several commands share, for their GOptionEntry arrays. */
GOptionEntry ebb_cli_option_database           (char **path);
GOptionEntry ebb_cli_option_operators_database (char **path);
GOptionEntry ebb_cli_option_as                 (char **username);
GOptionEntry ebb_cli_option_as_operator        (char **username);
GOptionEntry ebb_cli_option_operator_synonym   (char **username);

/* The database every command opens (ebb-cli-store.c). */
EbbStore *ebb_cli_open_store   (const char         *database,
                                EbbStoreOpenFlags   flags,
                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Subcommands, one per ebb-cli-<group>.c file. */

/* ebb-cli-clients.c, ebb-cli-db.c, ebb-cli-export.c */
int      ebb_cli_clients       (int              argc,
                                char           **argv);
int      ebb_cli_db            (int              argc,
                                char           **argv);
int      ebb_cli_export        (int              argc,
                                char           **argv);

/* ebb-cli-device.c */
int      ebb_cli_monitor       (int              argc,
                                char           **argv);
int      ebb_cli_ports         (int              argc,
                                char           **argv);
int      ebb_cli_probe         (int              argc,
                                char           **argv);

/* ebb-cli-profiles.c */
int      ebb_cli_profiles      (int              argc,
                                char           **argv);

/* ebb-cli-report.c */
int      ebb_cli_report        (int              argc,
                                char           **argv);

/* ebb-cli-run.c */
int      ebb_cli_run           (int              argc,
                                char           **argv);

/* ebb-cli-screen.c */
int      ebb_cli_screen        (int              argc,
                                char           **argv);

/* ebb-cli-screen-visit.c: `screen confirm|changed|clear`; -1 for other words */
int      ebb_cli_screen_visit  (int              argc,
                                char           **argv);

/* Operators at the command line (ebb-cli-login.c). */
typedef struct _EbbOperatorSession EbbOperatorSession;

char               *ebb_cli_read_secret     (const char  *prompt,
                                             GError     **error);
char               *ebb_cli_read_new_secret (const char  *username,
                                             GError     **error);
EbbOperatorSession *ebb_cli_login       (EbbStore    *store,
                                         const char  *username,
                                         GError     **error);
EbbOperatorSession *ebb_cli_open_and_login (const char  *database,
                                            const char  *username,
                                            GError     **error);

/* A logged-in operator that logs out (and so writes `logout` to the audit
 * trail) however the command ends: g_autoptr(EbbCliLogin). */
typedef EbbOperatorSession EbbCliLogin;
void                ebb_cli_logout      (EbbCliLogin *login);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbbCliLogin, ebb_cli_logout)

/* ebb-cli-audit.c, ebb-cli-operators.c */
int      ebb_cli_audit         (int              argc,
                                char           **argv);
int      ebb_cli_operators     (int              argc,
                                char           **argv);

G_END_DECLS
