/* ebb-cli-screen-visit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-screen-visit"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-cli.h"
#include "ebb-client-lookup.h"
#include "ebb-environment.h"
#include "ebb-operator-session.h"
#include "ebb-screening-state.h"
#include "ebb-screening-visit.h"
#include "ebb-session-gate.h"

/* `ebbflowctl screen confirm|changed|clear`: what happens to a client's
 * latest screening at later visits, for clinics that run sessions from the
 * command line. The operator signs in with their PIN like in the console,
 * so the same permission checks and audit entries apply. */

/* `screen clear` on an EXCLUDE: the same status `screen` gives an EXCLUDE. */
#define EXIT_EXCLUDE 4

typedef enum
{
  VISIT_CONFIRM,
  VISIT_CHANGED,
  VISIT_CLEAR,
} VisitAction;

static const struct
{
  const char  *name;
  VisitAction  action;
  const char  *parameter;
  const char  *summary;
} visit_commands[] = {
  { "confirm", VISIT_CONFIRM, N_("— record that nothing in the client’s health has changed"),
    N_("Records that the client confirmed today that nothing in their health has changed since their latest "
       "screening, then tells whether a session may start.\n"
       "USER’s PIN or password is read from standard input. Allowed for reception, clinicians and technicians.\n"
       "Exit status: 0 recorded, 1 failure (refused, wrong PIN, no screening), 2 usage.") },
  { "changed", VISIT_CHANGED, N_("— record that the client reported a change in their health"),
    N_("Records that the client reported a change in their health since their latest screening. No session "
       "can start until the client is screened again.\n"
       "USER’s PIN or password is read from standard input. Allowed for reception, clinicians and technicians.\n"
       "Exit status: 0 recorded, 1 failure (refused, wrong PIN, no screening, already recorded), 2 usage.") },
  { "clear", VISIT_CLEAR, N_("— record a clinician’s clearance of a REFER screening"),
    N_("Records USER’s clearance of the client’s latest screening, a REFER, dated now. USER must be a clinician.\n"
       "USER’s PIN or password is read from standard input. An EXCLUDE can never be cleared.\n"
       "Exit status: 0 recorded, 4 the screening is an EXCLUDE, 1 other failure (not a clinician, not a REFER, "
       "already cleared, wrong PIN), 2 usage.") },
};

/* After a confirmation the operator wants to know whether the session can
 * start now; the answer comes from the same gate `run` asks. */
static void
print_gate (EbbStore *store,
            gint64    client_id)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (ebb_session_gate_check_stored (store, client_id, g_settings_get_uint (settings, "screening-validity-days"),
                                     now, &error))
    g_print (_("A session may start today.\n"));
  else
    /* Translators: %s says why, e.g. "The safety screening needs a clinician’s clearance before any session" */
    g_print (_("No session yet: %s\n"), error->message);
}

static gboolean
run_action (VisitAction          action,
            EbbOperatorSession  *ctx,
            gint64               client_id,
            const char          *note,
            GError             **error)
{
  switch (action)
    {
    case VISIT_CONFIRM:
      return ebb_screening_visit_confirm_unchanged (ctx, client_id, error) > 0;
    case VISIT_CHANGED:
      return ebb_screening_visit_report_change (ctx, client_id, note, error);
    case VISIT_CLEAR:
      return ebb_screening_visit_record_clearance (ctx, client_id, note, error);
    default:
      g_assert_not_reached ();
    }
}

static int
run_visit (guint    index,
           int      argc,
           char   **argv)
{
  VisitAction action = visit_commands[index].action;
  EbbStore *store;
  g_autofree char *command = g_strdup_printf ("screen %s", visit_commands[index].name);
  g_autofree char *prgname = g_strdup_printf ("ebbflowctl %s", command);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *as = NULL;
  g_autofree char *note = NULL;
  g_autofree char *client_text = NULL;
  GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_STRING, &client_text, N_("The client: client number, record number or name"), N_("CLIENT") },
    ebb_cli_option_as_operator (&as),
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      action == VISIT_CLEAR ? N_("Why a session is acceptable despite the referral (required)")
                            : N_("What changed, in a few words"), N_("TEXT") },
    ebb_cli_option_database (&database),
    { NULL }
  };

  /* A confirmation carries no text: "nothing has changed" says it all. */
  if (action == VISIT_CONFIRM)
    entries[2] = entries[3], entries[3] = (GOptionEntry) { NULL };

  context = ebb_cli_new_context (prgname, _(visit_commands[index].parameter),
                                 _(visit_commands[index].summary), entries);
  if (!ebb_cli_parse_options (context, command, &argc, &argv))
    return EBB_EXIT_USAGE;

  if (argc > 1)
    return ebb_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);
  if (client_text == NULL)
    return ebb_cli_usage_error (command, _("name the client with --client CLIENT"));
  if (as == NULL)
    return ebb_cli_usage_error (command, _("name the operator with --as USER"));
  if (action == VISIT_CLEAR && (note == NULL || g_strstrip (note)[0] == '\0'))
    return ebb_cli_usage_error (command, _("a clearance needs --note TEXT"));

  ctx = ebb_cli_open_and_login (database, as, &error);
  if (ctx == NULL)
    return ebb_cli_failure (command, error);
  store = ebb_operator_session_get_store (ctx);

  /* The rule of docs/cli.md, “Naming a client”. */
  client = ebb_client_lookup (store, client_text, &error);
  if (client == NULL)
    return ebb_cli_failure (command, error);

  if (!run_action (action, ctx, client->id, note, &error))
    {
      int status = g_error_matches (error, EBB_SCREENING_ERROR, EBB_SCREENING_ERROR_EXCLUDED)
                   ? EXIT_EXCLUDE : EBB_EXIT_FAILURE;

      ebb_cli_failure (command, error);
      return status;
    }

  switch (action)
    {
    case VISIT_CONFIRM:
      g_print (_("Recorded: nothing in the client’s health has changed.\n"));
      print_gate (store, client->id);
      break;
    case VISIT_CHANGED:
      g_print (_("Recorded: the client’s health has changed. Screen the client again before the next session.\n"));
      break;
    case VISIT_CLEAR:
      g_print (_("Recorded the clearance.\n"));
      print_gate (store, client->id);
      break;
    default:
      g_assert_not_reached ();
    }

  return EBB_EXIT_OK;
}

/**
 * ebb_cli_screen_visit:
 * @argc: argument count, the subcommand name first
 * @argv: arguments
 *
 * Returns: the exit status, or -1 when @argv[0] names no visit subcommand
 */
int
ebb_cli_screen_visit (int    argc,
                      char **argv)
{
  for (guint i = 0; i < G_N_ELEMENTS (visit_commands); i++)
    if (g_strcmp0 (argv[0], visit_commands[i].name) == 0)
      return run_visit (i, argc, argv);

  return -1;
}
