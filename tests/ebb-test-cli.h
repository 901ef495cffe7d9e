/* ebb-test-cli.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Test-only: runs ebbflowctl (path from $EBBFLOWCTL) as a user would and
 * collects what it printed. With @input non-NULL it is written to the
 * program's standard input, which is then closed; with NULL the program
 * inherits the test's. @out and @err may be NULL. Returns the exit status. */
int ebb_test_cli_run  (const char          *input,
                       const char * const  *args,
                       char               **out,
                       char               **err);

/* The same with the arguments as a NULL-terminated list. */
int ebb_test_cli_runv (const char          *input,
                       char               **out,
                       char               **err,
                       ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
