/* ebb-cli-login.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-login"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ebb-cli.h"
#include "ebb-operator-session.h"

#define MAX_SECRET_BYTES 1024

/**
 * ebb_cli_read_secret:
 * @prompt: what to ask, shown on standard error when standard input is a
 *   terminal
 * @error: return location for a #GError
 *
 * Reads one line from standard input, without echo on a terminal. Secrets
 * are never taken from the command line, where other users could read them
 * in the process list and the shell history.
 *
 * Returns: (transfer full): the line without its newline, or %NULL at end
 *   of input
 */
char *
ebb_cli_read_secret (const char  *prompt,
                     GError     **error)
{
  char buffer[MAX_SECRET_BYTES];
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char *line;
  gsize length;

  if (terminal)
    {
      g_printerr ("%s ", prompt);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  line = fgets (buffer, sizeof buffer, stdin);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  if (line == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a prompt such as "PIN for anna:" */
                   _("No answer on standard input to “%s”."), prompt);
      return NULL;
    }

  length = strcspn (buffer, "\r\n");
  line = g_strndup (buffer, length);
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

/**
 * ebb_cli_read_new_secret:
 * @username: whose secret it is, for the prompt
 * @error: return location for a #GError
 *
 * Reads a new PIN or password twice from standard input, so a typing
 * mistake does not lock the operator out of their first login.
 *
 * Returns: (transfer full): the secret, or %NULL when the two entries
 *   differ or input ended
 */
char *
ebb_cli_read_new_secret (const char  *username,
                         GError     **error)
{
  g_autofree char *prompt = g_strdup_printf (_("New PIN or password for %s:"), username);
  g_autofree char *first = ebb_cli_read_secret (prompt, error);
  g_autofree char *second = NULL;

  if (first == NULL)
    return NULL;

  second = ebb_cli_read_secret (_("The same again:"), error);
  if (second == NULL)
    return NULL;

  if (strcmp (first, second) != 0)
    {
      explicit_bzero (first, strlen (first));
      explicit_bzero (second, strlen (second));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The two entries differ. Run the command again."));
      return NULL;
    }

  explicit_bzero (second, strlen (second));
  return g_steal_pointer (&first);
}

/**
 * ebb_cli_login:
 * @store: the database
 * @username: who runs the command
 * @error: return location for a #GError
 *
 * Logs @username in with a PIN or password read from standard input, with
 * the same lockout and audit entries as the console.
 *
 * Returns: (transfer full): the logged-in session, or %NULL
 */
EbbOperatorSession *
ebb_cli_login (EbbStore    *store,
               const char  *username,
               GError     **error)
{
  g_autoptr(EbbOperatorSession) ctx = ebb_operator_session_new (store);
  g_autofree char *prompt = g_strdup_printf (_("PIN or password for %s:"), username);
  char *secret = ebb_cli_read_secret (prompt, error);
  gboolean ok;

  if (secret == NULL)
    return NULL;

  ok = ebb_operator_session_login (ctx, username, secret, error);
  explicit_bzero (secret, strlen (secret));
  g_free (secret);

  return ok ? g_steal_pointer (&ctx) : NULL;
}

/**
 * ebb_cli_open_and_login:
 * @database: (nullable): the --database option
 * @username: the --as option: who runs the command
 * @error: return location for a #GError
 *
 * Opens the database and logs @username in with a PIN or password read
 * from standard input: what every command that changes records, or reads
 * protected ones, does first. The core then checks the operator's roles
 * for the action itself. The session holds the store; callers reach it
 * with ebb_operator_session_get_store().
 *
 * Returns: (transfer full): the logged-in session, or %NULL with @error
 *   set (the store's error or the login's); the caller reports it with
 *   ebb_cli_failure() and %EBB_EXIT_FAILURE
 */
EbbOperatorSession *
ebb_cli_open_and_login (const char  *database,
                        const char  *username,
                        GError     **error)
{
  g_autoptr(EbbStore) store = NULL;

  g_return_val_if_fail (username != NULL, NULL);

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_NONE, error);
  if (store == NULL)
    return NULL;

  return ebb_cli_login (store, username, error);
}

/**
 * ebb_cli_logout:
 * @login: (transfer full): a session from ebb_cli_login()
 *
 * Logs the operator out and releases the session; the cleanup function of
 * #EbbCliLogin.
 */
void
ebb_cli_logout (EbbCliLogin *login)
{
  if (login == NULL)
    return;

  ebb_operator_session_logout (login);
  g_object_unref (login);
}
