/* ebb-cli-db.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-db"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ebb-admin.h"
#include "ebb-cli.h"
#include "ebb-operator-session.h"
#include "ebb-operators.h"
#include "ebb-credentials.h"
#include "ebb-store-demo.h"
#include "ebb-store-path.h"

/* ebbflowctl db init|check|backup|restore|migrate|demo */

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} DbCommand;

static char *database = NULL;

static GOptionEntry database_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
    N_("The database file (default: the database-path setting, else the user’s data folder)"),
    N_("PATH") },
  { NULL }
};

static GOptionContext *
new_context (const char *command,
             const char *parameter,
             const char *summary)
{
  g_autofree char *prgname = g_strconcat ("ebbflowctl db ", command, NULL);

  return ebb_cli_new_context (prgname, parameter, summary, database_entries);
}

/* The first administrator goes through the same core function as the
 * console's first run: validated, hashed, audited, and refused once any
 * administrator exists (add further operators with "operators add"). */
static gboolean
create_first_admin (EbbStore    *store,
                    const char  *username,
                    const char  *secret,
                    GError     **error)
{
  g_autoptr(EbbOperatorSession) ctx = ebb_operator_session_new (store);

  return ebb_operators_create_first_admin (ctx, username, username, EBB_ROLE_NONE,
                                           secret, error) != 0;
}

static int
db_init (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *secret = NULL;
  gboolean demo = FALSE;
  GOptionEntry entries[] = {
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin,
      N_("Also create the first administrator; the PIN is read twice from standard input"),
      N_("USERNAME") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Fill in demonstration data (see “db demo”)"), NULL },
    { NULL }
  };

  context = new_context ("init", NULL, _("Creates the database, or opens and migrates an existing one."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ebb_cli_parse_options (context, "db init", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("db init", _("unexpected argument “%s”"), argv[1]);

  /* Ask for the PIN before touching the disk, so a typing mistake leaves
   * nothing behind. */
  if (admin != NULL)
    {
      secret = ebb_cli_read_new_secret (admin, &error);
      if (secret == NULL || !ebb_credentials_check_strength (secret, &error))
        return ebb_cli_failure ("db init", error);
    }

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return ebb_cli_failure ("db init", error);

  if (admin != NULL)
    {
      gboolean created = create_first_admin (store, admin, secret, &error);

      explicit_bzero (secret, strlen (secret));
      if (!created)
        return ebb_cli_failure ("db init", error);
    }

  if (demo && !ebb_store_demo_populate (store, &error))
    return ebb_cli_failure ("db init", error);

  g_print (_("Database ready: %s (schema %d)\n"), ebb_store_get_path (store),
           ebb_store_get_schema_version (store));
  return EBB_EXIT_OK;
}

static int
db_demo (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  context = new_context ("demo", NULL,
                         _("Creates (or completes) a demonstration database: the administrator "
                           "“admin” with PIN 123456, a few clients and one recorded session. "
                           "Running it again changes nothing."));
  if (!ebb_cli_parse_options (context, "db demo", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("db demo", _("unexpected argument “%s”"), argv[1]);

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_CREATE, &error);
  if (store == NULL || !ebb_store_demo_populate (store, &error))
    return ebb_cli_failure ("db demo", error);

  g_print (_("Demonstration database ready: %s\n"), ebb_store_get_path (store));
  return EBB_EXIT_OK;
}

static int
db_check (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n_clients = NULL;
  gint64 bad = 0;

  context = new_context ("check", NULL,
                         _("Checks the database without changing it: integrity, foreign keys "
                           "and the audit trail’s hash chain."));
  if (!ebb_cli_parse_options (context, "db check", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("db check", _("unexpected argument “%s”"), argv[1]);

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      !ebb_store_check (store, TRUE, &error) ||
      !ebb_store_audit_verify (store, &bad, &error))
    return ebb_cli_failure ("db check", error);

  n_clients = g_strdup_printf ("%" G_GINT64_FORMAT, ebb_store_client_count (store, NULL));
  g_print (_("%s: ok (schema %d, %s clients)\n"), ebb_store_get_path (store),
           ebb_store_get_schema_version (store), n_clients);
  return EBB_EXIT_OK;
}

static int
db_backup (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *as = NULL;
  gboolean daily = FALSE;
  GOptionEntry entries[] = {
    { "daily", 0, 0, G_OPTION_ARG_NONE, &daily,
      N_("Write today’s backup into the backup directory and remove the oldest beyond backup-keep "
         "(the system’s job: needs no login)"),
      NULL },
    ebb_cli_option_as (&as),
    { NULL }
  };

  context = new_context ("backup", _("[FILE]"),
                         _("Writes a verified copy of the database to FILE while it stays in use. "
                           "A backup to FILE needs an administrator (--as); --daily is the "
                           "system’s scheduled job. Both are recorded in the audit trail."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ebb_cli_parse_options (context, "db backup", &argc, &argv))
    return EBB_EXIT_USAGE;
  if ((daily && argc != 1) || (!daily && argc != 2))
    return ebb_cli_usage_error ("db backup", _("give a backup FILE, or --daily"));
  if (daily && as != NULL)
    return ebb_cli_usage_error ("db backup", _("--daily is the system’s job: leave out --as"));
  if (!daily && as == NULL)
    return ebb_cli_usage_error ("db backup", _("name the administrator with --as USER"));

  store = ebb_cli_open_store (database, EBB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    return ebb_cli_failure ("db backup", error);

  if (daily)
    {
      g_autofree char *dir = ebb_store_path_backup_dir (ebb_store_get_path (store));

      written = ebb_admin_backup_daily (store, dir, ebb_store_path_backup_keep (), &error);
      if (written == NULL && error != NULL)
        return ebb_cli_failure ("db backup", error);
      if (written == NULL)
        {
          g_print (_("Today’s backup already exists in %s\n"), dir);
          return EBB_EXIT_OK;
        }
    }
  else
    {
      ctx = ebb_cli_login (store, as, &error);
      if (ctx == NULL)
        return ebb_cli_failure ("db backup", error);

      written = g_canonicalize_filename (argv[1], NULL);
      if (!ebb_admin_backup (ctx, written, NULL, &error))
        return ebb_cli_failure ("db backup", error);
    }

  g_print (_("Backup written and verified: %s\n"), written);
  return EBB_EXIT_OK;
}

static int
db_restore (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *as = NULL;
  GOptionEntry entries[] = {
    ebb_cli_option_as (&as),
    { NULL }
  };

  context = new_context ("restore", _("FILE"),
                         _("Replaces the database with the backup FILE after verifying it. "
                           "Needs an administrator (--as) unless the database cannot be opened. "
                           "The current file is kept beside it; "
                           "the restored database records the restore. Close Ebbflow first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ebb_cli_parse_options (context, "db restore", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc != 2)
    return ebb_cli_usage_error ("db restore", _("give the backup FILE to restore"));

  path = ebb_store_path_resolve (database);
  backup = g_canonicalize_filename (argv[1], NULL);
  if (as == NULL)
    {
      /* Recovery: nobody can log in to a database that does not open, so
       * the core allows this only while it really does not. */
      if (!ebb_admin_restore_unopenable (path, backup, &aside, &error))
        return ebb_cli_failure ("db restore", error);
    }
  else
    {
      ctx = ebb_cli_open_and_login (database, as, &error);
      if (ctx == NULL)
        return ebb_cli_failure ("db restore", error);

      /* No logout afterwards: this connection now belongs to the replaced
       * file kept aside, and the restored database starts its own record. */
      if (!ebb_admin_restore (ctx, backup, &aside, &error))
        return ebb_cli_failure ("db restore", error);
    }

  g_print (_("Restored %s from %s\n"), path, argv[1]);
  if (aside != NULL)
    g_print (_("The previous database was kept as %s\n"), aside);
  return EBB_EXIT_OK;
}

static int
db_migrate (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int before;

  context = new_context ("migrate", NULL,
                         _("Brings the database to this version’s schema. Back it up first."));
  if (!ebb_cli_parse_options (context, "db migrate", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("db migrate", _("unexpected argument “%s”"), argv[1]);

  path = ebb_store_path_resolve (database);
  before = ebb_store_probe_schema_version (path, &error);
  if (before < 0)
    return ebb_cli_failure ("db migrate", error);

  store = ebb_store_open (path, EBB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    return ebb_cli_failure ("db migrate", error);

  if (before == ebb_store_get_schema_version (store))
    g_print (_("%s is up to date (schema %d)\n"), path, before);
  else
    g_print (_("%s migrated from schema %d to %d\n"), path, before,
             ebb_store_get_schema_version (store));
  return EBB_EXIT_OK;
}

static const DbCommand db_commands[] = {
  { "backup", N_("Write a verified backup (FILE --as ADMIN, or --daily)"), db_backup },
  { "check", N_("Check integrity and the audit trail"), db_check },
  { "demo", N_("Create a demonstration database (admin PIN 123456)"), db_demo },
  { "init", N_("Create the database [--admin USERNAME]"), db_init },
  { "migrate", N_("Migrate to this version’s schema"), db_migrate },
  { "restore", N_("Restore from a verified backup FILE (--as ADMIN)"), db_restore },
};

int
ebb_cli_db (int    argc,
            char **argv)
{
  g_autoptr(GString) help = g_string_new (NULL);

  if (argc >= 2 && argv[1][0] != '-')
    {
      for (guint i = 0; i < G_N_ELEMENTS (db_commands); i++)
        if (strcmp (argv[1], db_commands[i].name) == 0)
          return db_commands[i].run (argc - 1, argv + 1);

      return ebb_cli_usage_error ("db", _("unknown db command “%s”"), argv[1]);
    }

  g_string_append (help, _("Usage:\n  ebbflowctl db COMMAND [--database PATH] [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (db_commands); i++)
    g_string_append_printf (help, "  %-8s %s\n", db_commands[i].name, _(db_commands[i].summary));
  g_string_append (help, _("\nRun “ebbflowctl db COMMAND --help” for a command’s options.\n"));

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print ("%s", help->str);
      return EBB_EXIT_OK;
    }

  g_printerr ("%s", help->str);
  return EBB_EXIT_USAGE;
}
