/* ebb-cli-screen.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-screen"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-cli.h"
#include "ebb-client-lookup.h"
#include "ebb-environment.h"
#include "ebb-front-desk.h"
#include "ebb-operator-session.h"
#include "ebb-report.h"
#include "ebb-screening-report.h"
#include "ebb-screening-state.h"
#include "ebb-store.h"

/* Exit codes of `ebbflowctl screen` beyond the common ones (docs/cli.md). */
enum
{
  EXIT_REFER      = 3,
  EXIT_EXCLUDE    = 4,
  EXIT_INCOMPLETE = 5,
};

static int
exit_code_for (EbbScreeningOutcome outcome)
{
  switch (outcome)
    {
    case EBB_SCREENING_OUTCOME_CLEAR:
    case EBB_SCREENING_OUTCOME_NOTE:
      return EBB_EXIT_OK;
    case EBB_SCREENING_OUTCOME_REFER:
      return EXIT_REFER;
    case EBB_SCREENING_OUTCOME_EXCLUDE:
      return EXIT_EXCLUDE;
    case EBB_SCREENING_OUTCOME_INCOMPLETE:
    default:
      return EXIT_INCOMPLETE;
    }
}

static void
print_text (const EbbScreeningDecision *decision)
{
  g_autofree char *scores = ebb_screening_decision_format_scores (decision);
  g_auto(GStrv) lines = NULL;

  g_print (_("Questionnaire: %s, version %u\n"), decision->questionnaire_id, decision->questionnaire_version);
  g_print (_("Outcome: %s\n"), ebb_screening_outcome_get_label (decision->outcome));

  if (decision->missing->len > 0)
    {
      g_print (_("Missing answers:\n"));
      for (guint i = 0; i < decision->missing->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (decision->missing, i));
    }

  if (decision->reasons->len > 0)
    {
      g_print (_("Reasons:\n"));
      for (guint i = 0; i < decision->reasons->len; i++)
        {
          const EbbScreeningReason *reason = g_ptr_array_index (decision->reasons, i);

          g_print ("  %-10s %s: %s [%s]%s\n", ebb_screening_outcome_get_label (reason->outcome),
                   reason->item_id, reason->text, reason->evidence,
                   reason->made_stricter ? _(" (made stricter by the clinic)") : "");
        }
    }

  g_print (_("Scores:\n"));
  lines = g_strsplit (scores, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_print ("  %s\n", lines[i]);
}

/* The one-page summary, printed by the report module. */
static gboolean
render_summary (const EbbScreeningDecision  *decision,
                GDateTime                   *now,
                const char                  *path,
                GError                     **error)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(EbbScreeningState) record = ebb_screening_state_new (decision, "", now);
  g_autoptr(EbbReportOptions) options = ebb_report_options_new_from_settings (settings);
  g_autoptr(EbbReportScreening) screening = NULL;

  screening = ebb_screening_report_new (decision, record, g_settings_get_uint (settings, "screening-validity-days"),
                                        settings, NULL, NULL, error);
  if (screening == NULL)
    return FALSE;

  return ebb_report_render_screening (screening, path, options, NULL, error);
}

/* Logs the operator in and looks up the client of a recording; the logged-in
 * operator's roles are the roles the answers are checked against, and the
 * core checks them again when it records the screening. */
static EbbCliLogin *
open_recording (const char  *database,
                const char  *client_text,
                const char  *username,
                gint64      *client_id,
                GError     **error)
{
  g_autoptr(EbbCliLogin) ctx = ebb_cli_open_and_login (database, username, error);
  g_autoptr(EbbClient) client = NULL;

  if (ctx == NULL)
    return NULL;

  /* The rule of docs/cli.md, “Naming a client”. */
  client = ebb_client_lookup (ebb_operator_session_get_store (ctx), client_text, error);
  if (client == NULL)
    return NULL;
  *client_id = client->id;

  return g_steal_pointer (&ctx);
}

static void
print_json (const EbbScreeningDecision *decision)
{
  g_autoptr(JsonNode) root = ebb_screening_decision_to_json (decision);

  ebb_cli_print_json (root);
}

/**
 * ebb_cli_screen:
 * @argc: argument count, the command name first
 * @argv: arguments
 *
 * `ebbflowctl screen --answers FILE [--json] [--role ROLE]`: evaluates an
 * answers file with the factory questionnaire and the clinic's settings.
 *
 * Returns: 0 CLEAR or NOTE, 3 REFER, 4 EXCLUDE, 5 incomplete, 2 invalid file or usage, 1 failure
 */
int
ebb_cli_screen (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EbbQuestionnaire) questionnaire = NULL;
  g_autoptr(EbbScreeningAnswers) answers = NULL;
  g_autoptr(EbbScreeningOptions) options = NULL;
  g_autoptr(EbbScreeningDecision) decision = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *answers_path = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *database = NULL;
  g_autofree char *operator_name = NULL;
  g_autoptr(EbbCliLogin) ctx = NULL;
  g_autofree char *client_text = NULL;
  gint64 client_id = 0;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean json = FALSE;
  EbbRoles role;
  GOptionEntry entries[] = {
    { "answers", 'a', 0, G_OPTION_ARG_FILENAME, &answers_path, N_("The answers file to evaluate (JSON; see docs/screening.md)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the decision as JSON"), NULL },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client_text, N_("Record the screening for this client (client number, record number or name); needs --as"), N_("CLIENT") },
    ebb_cli_option_as_operator (&operator_name),
    ebb_cli_option_operator_synonym (&operator_name),
    ebb_cli_option_database (&database),
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Also print the one-page screening summary to this PDF file"), N_("FILE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("The role under which the answers were taken: reception, clinician (default), technician or admin"), N_("ROLE") },
    { NULL }
  };

  /* `screen confirm|changed|clear …`: the later visits of a screening. */
  if (argc > 1)
    {
      int status = ebb_cli_screen_visit (argc - 1, argv + 1);

      if (status >= 0)
        return status;
    }

  context = ebb_cli_new_context ("ebbflowctl screen", _("— evaluate a screening answers file"),
                                 _("Evaluates a safety screening answers file and prints the outcome, its reasons and the scores.\n"
                                   "With --client CLIENT --as USER it is also recorded for the client; USER’s PIN or password is read from standard input.\n"
                                   "At later visits: “ebbflowctl screen confirm|changed|clear --help”.\n"
                                   "Exit status: 0 CLEAR or NOTE, 3 REFER, 4 EXCLUDE, 5 incomplete, 2 invalid file or usage, 1 failure (also when the summary PDF cannot be written)."),
                                 entries);

  if (!ebb_cli_parse_options (context, "screen", &argc, &argv))
    return EBB_EXIT_USAGE;

  if (argc > 1)
    return ebb_cli_usage_error ("screen", _("unexpected argument “%s”"), argv[1]);
  if (answers_path == NULL)
    return ebb_cli_usage_error ("screen", _("--answers FILE is required"));

  if ((client_text != NULL) != (operator_name != NULL))
    return ebb_cli_usage_error ("screen", _("--client and --as go together"));
  if (operator_name != NULL && role_name != NULL)
    return ebb_cli_usage_error ("screen", _("--role cannot be combined with --as, whose roles count"));

  role = role_name != NULL ? ebb_role_from_id (role_name) : EBB_ROLE_CLINICIAN;
  if (role == EBB_ROLE_NONE)
    return ebb_cli_usage_error ("screen", _("unknown role “%s”"), role_name);

  if (operator_name != NULL)
    {
      ctx = open_recording (database, client_text, operator_name, &client_id, &error);
      if (ctx == NULL)
        return ebb_cli_failure ("screen", error);
      role = ebb_operator_session_get_roles (ctx);
    }

  questionnaire = ebb_questionnaire_new_factory (&error);
  if (questionnaire == NULL)
    return ebb_cli_failure ("screen", error);

  if (!g_file_get_contents (answers_path, &contents, &length, &error))
    {
      g_printerr ("ebbflowctl screen: %s\n", error->message);
      return EBB_EXIT_USAGE;
    }

  /* Logged in, the answers are checked against the operator's roles and a
   * refused item is recorded in the audit trail; with --role alone there
   * is nobody to record it for. */
  if (ctx != NULL)
    answers = ebb_screening_answers_new_from_data_for_operator (questionnaire, contents, length, ctx, &error);
  else
    answers = ebb_screening_answers_new_from_data (questionnaire, contents, length, role, &error);
  if (answers == NULL)
    {
      g_printerr ("ebbflowctl screen: %s: %s\n", answers_path, error->message);
      return EBB_EXIT_USAGE;
    }

  options = ebb_screening_options_new_from_settings ();
  decision = ebb_screening_evaluate (answers, options, now, &error);
  if (decision == NULL)
    {
      g_printerr ("ebbflowctl screen: %s: %s\n", answers_path, error->message);
      return EBB_EXIT_USAGE;
    }

  if (ctx != NULL)
    {
      g_autoptr(GSettings) settings = ebb_environment_settings ();
      gint64 screening_id;

      /* The core checks the operator's permission, refuses an incomplete
       * screening and audits the recording. */
      screening_id = ebb_front_desk_record_screening (ctx, client_id, answers, decision,
                                                      g_settings_get_uint (settings, "screening-validity-days"),
                                                      &error);
      if (screening_id == 0)
        {
          ebb_cli_failure ("screen", error);
          /* An incomplete screening is not recorded, but its missing
           * answers are still listed below. */
          if (!g_error_matches (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_INCOMPLETE))
            return EBB_EXIT_FAILURE;
          g_clear_error (&error);
        }
      else if (!json)
        {
          g_autofree char *screening_text = g_strdup_printf ("%" G_GINT64_FORMAT, screening_id);
          g_autofree char *record_text = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);

          /* Translators: screening id, client id */
          g_print (_("Recorded as screening %s of client %s.\n"), screening_text, record_text);
        }
    }

  if (json)
    print_json (decision);
  else
    print_text (decision);

  if (pdf_path != NULL && !render_summary (decision, now, pdf_path, &error))
    {
      g_printerr ("ebbflowctl screen: %s\n", error->message);
      /* An incomplete screening keeps its own exit status. */
      if (decision->outcome != EBB_SCREENING_OUTCOME_INCOMPLETE)
        return EBB_EXIT_FAILURE;
    }

  return exit_code_for (decision->outcome);
}
