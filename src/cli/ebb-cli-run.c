/* ebb-cli-run.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-run"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "ebb-chamber-device.h"
#include "ebb-cli.h"
#include "ebb-client-lookup.h"
#include "ebb-device-spec.h"
#include "ebb-environment.h"
#include "ebb-operator-session.h"
#include "ebb-profile-record.h"
#include "ebb-session-gate.h"
#include "ebb-session.h"
#include "ebb-store-recorder.h"
#include "ebb-units.h"

/* `ebbflowctl run`: a headless session with the console's gates, for
 * service checks and automation. Exit codes (docs/cli.md) tell how it
 * ended. */

enum
{
  EXIT_REFUSED = 3,
  EXIT_STOPPED = 4,
  EXIT_ABORTED = 5,
};

#define STATUS_INTERVAL_MS 250
#define STREAM_RATE_HZ     200
#define FRESH_STATUS_MS    300

typedef struct
{
  EbbStore *store;
  EbbCliLogin *ctx;
  EbbChamber *chamber;
  EbbChamberDevice *device;
  EbbSession *session;
  EbbPressureUnit unit;
  GError *error;
  gboolean done;
  guint n_interrupts;
  gboolean status_shown;
} Run;

static void
run_clear (Run *run)
{
  g_clear_object (&run->session);
  g_clear_object (&run->device);
  g_clear_object (&run->chamber);
  g_clear_pointer (&run->ctx, ebb_cli_logout);
  g_clear_object (&run->store);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
wait_done (Run *run)
{
  run->done = FALSE;
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->chamber = ebb_chamber_open_device_finish (result, &run->error);
  run->done = TRUE;
}

static void
bool_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  /* Every boolean *_finish of EbbChamber propagates its GTask. */
  g_task_propagate_boolean (G_TASK (result), &run->error);
  run->done = TRUE;
}

static void
end_status_line (Run *run)
{
  if (run->status_shown)
    g_print ("\n");
  run->status_shown = FALSE;
}

static gboolean
status_cb (gpointer data)
{
  Run *run = data;
  EbbSession *session = run->session;
  g_autofree char *pressure = ebb_units_format (ebb_session_get_pressure_pa (session), run->unit);
  gint64 remaining_s = (ebb_session_get_remaining_us (session) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  /* The carriage return rewrites the same line; it is not translatable. */
  g_print ("\r");
  /* Translators: the one-line live status: state, phase, cycle, pressure,
   * remaining minutes:seconds */
  g_print (_("%-10s %-10s cycle %-4u %12s  %3u:%02u remaining  "),
           ebb_session_state_label (ebb_session_get_state (session)),
           ebb_session_phase_label (ebb_session_get_phase (session)),
           ebb_session_get_cycle (session), pressure, (guint) (remaining_s / 60),
           (guint) (remaining_s % 60));
  run->status_shown = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
alarm_event_cb (EbbSafetySupervisor *supervisor,
                EbbAlarmEvent       *event,
                Run                 *run)
{
  if (event->type != EBB_ALARM_EVENT_RAISED && event->type != EBB_ALARM_EVENT_ESCALATED)
    return;

  end_status_line (run);
  /* Translators: priority, alarm title, what to do */
  g_print (_("ALARM (%s): %s. %s\n"), ebb_alarm_priority_label (event->priority),
           ebb_alarm_kind_title (event->kind), ebb_alarm_kind_action (event->kind));
}

static void
recording_failed_cb (EbbSession   *session,
                     const GError *error,
                     Run          *run)
{
  end_status_line (run);
  g_printerr (_("The session can no longer be recorded: %s\n"), error->message);
}

static gboolean
interrupt_cb (gpointer data)
{
  Run *run = data;

  end_status_line (run);
  if (run->n_interrupts++ == 0)
    {
      g_printerr (_("Stopping: venting the chamber… (press Ctrl-C again for an emergency stop)\n"));
      ebb_session_stop (run->session, NULL);
    }
  else
    {
      ebb_session_emergency_stop (run->session);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
connect_chamber (Run         *run,
                 const char  *device)
{
  guint16 flags, faults;
  gint64 end;

  ebb_chamber_open_device_async (device, NULL, open_cb, run);
  wait_done (run);
  if (run->chamber == NULL)
    return FALSE;

  ebb_chamber_stream_async (run->chamber, MIN (STREAM_RATE_HZ, ebb_chamber_get_max_rate_hz (run->chamber)),
                            NULL, bool_cb, run);
  wait_done (run);
  if (run->error != NULL)
    return FALSE;

  run->device = ebb_chamber_device_new (run->chamber);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!ebb_device_get_status (EBB_DEVICE (run->device), &flags, &faults)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return TRUE;
}

static void
close_chamber (Run *run)
{
  g_autoptr(GError) error = NULL;

  if (run->chamber == NULL)
    return;

  /* ECP-1 §5.6: VENT, then BYE. */
  g_clear_error (&run->error);
  ebb_chamber_close_async (run->chamber, NULL, bool_cb, run);
  wait_done (run);
  if (run->error != NULL)
    g_printerr (_("Closing the chamber failed: %s\n"), run->error->message);
}

static int
exit_code_for (EbbSessionState state)
{
  switch (state)
    {
    case EBB_SESSION_STATE_COMPLETED:
      return EBB_EXIT_OK;
    case EBB_SESSION_STATE_STOPPED:
      return EXIT_STOPPED;
    case EBB_SESSION_STATE_ABORTED:
    case EBB_SESSION_STATE_INTERRUPTED:
      return EXIT_ABORTED;
    case EBB_SESSION_STATE_PREPARING:
    case EBB_SESSION_STATE_RUNNING:
    case EBB_SESSION_STATE_PAUSED:
    case EBB_SESSION_STATE_FINISHING:
    default:
      return EBB_EXIT_FAILURE;
    }
}

/* Lets a few telemetry batches arrive, so the status the gates read
 * reflects a command just sent. */
static void
wait_for_fresh_status (Run *run)
{
  gint64 end = g_get_monotonic_time () + FRESH_STATUS_MS * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static int
run_session (Run             *run,
             EbbClient       *client,
             EbbProfile      *profile,
             gint64           profile_id,
             GSettings       *settings,
             gboolean         clear_faults)
{
  g_autoptr(EbbClock) clock = ebb_clock_new ();
  g_autoptr(EbbStoreRecorder) recorder = NULL;
  g_autoptr(EbbStoredScreening) screening = NULL;
  g_autofree char *client_id = g_strdup_printf ("%" G_GINT64_FORMAT, client->id);
  g_autofree char *record = NULL;
  guint status, sigint, sigterm;
  EbbSessionState state;

  screening = ebb_store_screening_latest (run->store, client->id, NULL);
  recorder = ebb_store_recorder_new (run->store, client->id, ebb_operator_session_get_operator_id (run->ctx),
                                     screening != NULL ? screening->id : 0, profile_id,
                                     ebb_chamber_get_model (run->chamber),
                                     ebb_chamber_get_firmware (run->chamber));
  run->session = ebb_session_new (EBB_DEVICE (run->device), EBB_RECORDER (recorder), clock);
  ebb_session_set_client_id (run->session, client_id);
  /* The core asks whether the logged-in operator may start (and stop) a
   * session. */
  ebb_session_set_operator (run->session, ebb_operator_session_get_operator (run->ctx)->username);
  ebb_session_set_operator_session (run->session, run->ctx);
  ebb_session_set_profile (run->session, profile);
  ebb_session_set_clinic_limit (run->session, ebb_profile_get_clinic_limit (settings));
  ebb_session_use_stored_screening (run->session, run->store, client->id,
                                    g_settings_get_uint (settings, "screening-validity-days"));
  g_signal_connect (ebb_session_get_supervisor (run->session), "alarm-event",
                    G_CALLBACK (alarm_event_cb), run);
  g_signal_connect (run->session, "recording-failed", G_CALLBACK (recording_failed_cb), run);

  /* "Offer to clear": with --clear-faults, latched faults whose cause is
   * gone are cleared and the start tried once more. The first attempt has
   * already checked the operator's permission, so only someone allowed to
   * start a session clears faults. */
  if (!ebb_session_start (run->session, &run->error)
      && g_error_matches (run->error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED)
      && clear_faults)
    {
      g_printerr (_("Clearing the chamber’s latched faults…\n"));
      ebb_device_clear_faults (EBB_DEVICE (run->device));
      wait_for_fresh_status (run);
      g_clear_error (&run->error);
      ebb_session_start (run->session, &run->error);
    }

  if (run->error != NULL)
    {
      g_printerr (_("ebbflowctl run: the session cannot start: %s\n"), run->error->message);
      if (g_error_matches (run->error, EBB_SESSION_ERROR, EBB_SESSION_ERROR_FAULTS_LATCHED) && !clear_faults)
        g_printerr (_("Run again with --clear-faults to clear faults whose cause is gone.\n"));
      return EXIT_REFUSED;
    }

  g_printerr (_("Running “%s” for client %s on %s %s. Press Ctrl-C to stop and vent.\n"),
              ebb_profile_get_display_name (profile), client_id,
              ebb_chamber_get_model (run->chamber), ebb_chamber_get_serial (run->chamber));

  status = g_timeout_add (STATUS_INTERVAL_MS, status_cb, run);
  sigint = g_unix_signal_add (SIGINT, interrupt_cb, run);
  sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, run);
  while (!ebb_session_is_finished (run->session))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (status);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  end_status_line (run);

  state = ebb_session_get_state (run->session);
  record = g_strdup_printf ("%" G_GINT64_FORMAT, ebb_session_get_record_id (run->session));
  /* Translators: session number, end state and its reason, e.g.
   * "Session 12 ended: Aborted (device-lid-opened)" */
  g_print (_("Session %s ended: %s (%s)\n"), record, ebb_session_state_label (state),
           ebb_session_get_end_reason (run->session));
  return exit_code_for (state);
}

int
ebb_cli_run (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(EbbProfile) profile = NULL;
  g_autofree char *device = NULL;
  g_autofree char *client_arg = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *operator_arg = NULL;
  g_autofree char *database = NULL;
  g_auto(Run) run = { 0 };
  gint64 profile_id = 0;
  gboolean clear_faults = FALSE;
  int code;
  GOptionEntry entries[] = {
    { "device", 0, 0, G_OPTION_ARG_STRING, &device,
      N_("The chamber: a port, “auto”, “sim” or “sim:OPTIONS” (default: the device setting)"),
      N_("DEVICE") },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client_arg,
      N_("The client: their client number, record number or name (see docs/cli.md)"), N_("CLIENT") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_arg, N_("The session profile’s name"), N_("NAME") },
    ebb_cli_option_as_operator (&operator_arg),
    ebb_cli_option_operator_synonym (&operator_arg),
    ebb_cli_option_database (&database),
    { "clear-faults", 0, 0, G_OPTION_ARG_NONE, &clear_faults,
      N_("Clear latched chamber faults whose cause is gone before starting"), NULL },
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl run", _("— run a session headless"),
                                 _("Runs a session profile on a chamber with the same gates "
                                   "as the console: screening, lid, faults and limits. "
                                   "Ctrl-C stops and vents; a second Ctrl-C is an emergency "
                                   "stop."),
                                 entries);
  g_option_context_set_description (context, _("USER’s PIN or password is read from standard input; "
                                               "only a technician may start a session.\n"
                                               "Exit status: 0 completed, 1 failure (also a wrong PIN), "
                                               "2 usage error, 3 refused at a gate (also an operator who "
                                               "may not start sessions), 4 stopped, 5 aborted by an alarm."));
  if (!ebb_cli_parse_options (context, "run", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc != 1)
    return ebb_cli_usage_error ("run", _("unexpected argument “%s”"), argv[1]);
  if (client_arg == NULL || profile_arg == NULL || operator_arg == NULL)
    return ebb_cli_usage_error ("run", _("--client, --profile and --as USER are required"));
  if (device == NULL)
    device = g_settings_get_string (settings, "device");

  run.unit = ebb_environment_pressure_unit (settings);

  /* Lines appear as they happen, also through a pipe. */
  setvbuf (stdout, NULL, _IONBF, 0);

  run.ctx = ebb_cli_open_and_login (database, operator_arg, &run.error);
  if (run.ctx == NULL)
    return ebb_cli_failure ("run", run.error);
  run.store = g_object_ref (ebb_operator_session_get_store (run.ctx));

  /* The same rule as the audit filter's (docs/cli.md, “Naming a client”). */
  client = ebb_client_lookup (run.store, client_arg, &run.error);
  if (client == NULL)
    return ebb_cli_failure ("run", run.error);

  profile = ebb_profile_lookup (run.store, profile_arg, &profile_id, &run.error);
  if (profile == NULL)
    return ebb_cli_failure ("run", run.error);

  if (!connect_chamber (&run, device))
    {
      code = ebb_cli_failure ("run", run.error);
      close_chamber (&run);
      return code;
    }

  code = run_session (&run, client, profile, profile_id, settings, clear_faults);
  close_chamber (&run);
  return code;
}
