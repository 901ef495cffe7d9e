/* ebb-cli.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

gboolean ebb_cli_parse_options (GOptionContext  *context,
                                const char      *command,
                                int             *argc,
                                char          ***argv);
int      ebb_cli_usage_error   (const char      *command,
                                const char      *format,
                                ...) G_GNUC_PRINTF (2, 3);
int      ebb_cli_failure       (const char      *command,
                                const GError    *error);

/* Operators at the command line (ebb-cli-login.c). */
typedef struct _EbbStore EbbStore;
typedef struct _EbbOperatorSession EbbOperatorSession;

char               *ebb_cli_read_secret (const char  *prompt,
                                         GError     **error);
EbbOperatorSession *ebb_cli_login       (EbbStore    *store,
                                         const char  *username,
                                         GError     **error);

/* Subcommands, one file each. */
int      ebb_cli_audit         (int              argc,
                                char           **argv);
int      ebb_cli_operators     (int              argc,
                                char           **argv);

G_END_DECLS
