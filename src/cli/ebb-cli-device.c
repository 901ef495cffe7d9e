/* ebb-cli-device.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-cli-device"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>

#include "ebb-chamber.h"
#include "ebb-cli.h"
#include "ebb-device-spec.h"
#include "ebb-port-info.h"

/* ECP-1 §4.2, for service technicians reading raw bits. */
static const char * const flag_names[] = {
  "REGULATING", "VENT_OPEN", "PUMP_ON", "LID_CLOSED",
  "FAULT", "STREAMING", "WATCHDOG_ARMED", "TARGET_REACHED",
};

static const char * const capability_names[] = {
  "LID_SENSOR", "ESTOP_BUTTON", "TEMP_SENSOR", "LEAK_DETECT",
};

typedef const char *(*BitNameFunc) (guint bit);

static const char *
flag_name (guint bit)
{
  return bit < G_N_ELEMENTS (flag_names) ? flag_names[bit] : NULL;
}

static const char *
capability_name (guint bit)
{
  return bit < G_N_ELEMENTS (capability_names) ? capability_names[bit] : NULL;
}

static const char *
fault_name (guint bit)
{
  return ebb_ecp_fault_name (bit);
}

/* Bit names, or "0xNN" for bits ECP/1 does not name. */
static GPtrArray *
bit_names (guint       bits,
           BitNameFunc name)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint bit = 0; bit < 32; bit++)
    {
      const char *n;

      if ((bits & (1u << bit)) == 0)
        continue;

      n = name (bit);
      if (n != NULL && g_strcmp0 (n, "UNKNOWN") != 0)
        g_ptr_array_add (names, g_strdup (n));
      else
        g_ptr_array_add (names, g_strdup_printf ("0x%x", 1u << bit));
    }

  return names;
}

static char *
bit_text (guint       bits,
          BitNameFunc name)
{
  g_autoptr(GPtrArray) names = bit_names (bits, name);

  if (names->len == 0)
    return g_strdup ("-");

  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
add_bit_array (JsonBuilder *builder,
               const char  *member,
               guint        bits,
               BitNameFunc  name)
{
  g_autoptr(GPtrArray) names = bit_names (bits, name);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < names->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (names, i));
  json_builder_end_array (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  ebb_cli_print_json (root);
}

/* ebbflowctl ports */

int
ebb_cli_ports (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { NULL }
  };

  context = ebb_cli_new_context ("ebbflowctl ports", _("— list serial ports and recognise chambers"),
                                 NULL, entries);
  g_option_context_set_description (context,
                                    _("Chambers are recognised by their USB IDs 1209:ebf1; "
                                      "the device string “auto” picks the first of them."));
  if (!ebb_cli_parse_options (context, "ports", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc > 1)
    return ebb_cli_usage_error ("ports", _("unexpected argument “%s”"), argv[1]);

  ports = ebb_port_info_list (&error);
  if (ports == NULL)
    return ebb_cli_failure ("ports", error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < ports->len; i++)
        {
          const EbbPortInfo *info = g_ptr_array_index (ports, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, info->path);
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, info->description);
          json_builder_set_member_name (builder, "transport");
          json_builder_add_string_value (builder, ebb_port_kind_to_string (info->kind));
          json_builder_set_member_name (builder, "usb_vid");
          json_builder_add_int_value (builder, info->usb_vid);
          json_builder_set_member_name (builder, "usb_pid");
          json_builder_add_int_value (builder, info->usb_pid);
          json_builder_set_member_name (builder, "manufacturer");
          json_builder_add_string_value (builder, info->manufacturer);
          json_builder_set_member_name (builder, "product");
          json_builder_add_string_value (builder, info->product);
          json_builder_set_member_name (builder, "serial");
          json_builder_add_string_value (builder, info->serial);
          json_builder_set_member_name (builder, "chamber");
          json_builder_add_boolean_value (builder, ebb_port_info_is_chamber (info));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return EBB_EXIT_OK;
    }

  if (ports->len == 0)
    {
      g_print ("%s\n", _("No serial ports found."));
      return EBB_EXIT_OK;
    }

  for (guint i = 0; i < ports->len; i++)
    {
      const EbbPortInfo *info = g_ptr_array_index (ports, i);

      if (info->kind == EBB_PORT_KIND_USB)
        g_print ("%-20s %-9s %04x:%04x %s%s%s%s\n", info->path, ebb_port_kind_to_string (info->kind),
                 info->usb_vid, info->usb_pid,
                 info->product != NULL ? info->product : info->description,
                 info->serial != NULL ? " (" : "", info->serial != NULL ? info->serial : "",
                 info->serial != NULL ? ")" : "");
      else
        g_print ("%-20s %-9s %-9s %s\n", info->path, ebb_port_kind_to_string (info->kind), "-",
                 info->description);
      if (ebb_port_info_is_chamber (info))
        g_print ("%-20s %s\n", "", _("↑ an Ebbflow chamber"));
    }

  return EBB_EXIT_OK;
}

/* A main loop shared by probe and monitor. */
typedef struct
{
  GMainLoop  *loop;
  EbbChamber *chamber;
  GError     *error;
  int         exit_code;
  gboolean    json;
  guint       rate;
  gboolean    closing;
  /* probe: the STATUS */
  guint       flags;
  guint       faults;
  int         pressure_pa;
  int         target_pa;
  guint       uptime_ms;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->chamber);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!ebb_chamber_close_finish (EBB_CHAMBER (object), result, &error) && run->error == NULL)
    {
      run->error = g_steal_pointer (&error);
      run->exit_code = EBB_EXIT_FAILURE;
    }

  g_main_loop_quit (run->loop);
}

/* §5.6: VENT, its ACK, BYE, close; then leave the loop. */
static void
run_close (Run *run)
{
  if (run->closing)
    return;

  run->closing = TRUE;
  ebb_chamber_close_async (run->chamber, NULL, close_cb, run);
}

static void
print_identity (Run *run)
{
  EbbChamber *c = run->chamber;
  g_autofree char *caps = bit_text (ebb_chamber_get_capabilities (c), capability_name);
  g_autofree char *flags = bit_text (run->flags, flag_name);
  g_autofree char *faults = bit_text (run->faults, fault_name);

  if (run->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "port");
      json_builder_add_string_value (builder, ebb_chamber_get_port (c));
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, ebb_chamber_get_model (c));
      json_builder_set_member_name (builder, "serial");
      json_builder_add_string_value (builder, ebb_chamber_get_serial (c));
      json_builder_set_member_name (builder, "firmware");
      json_builder_add_string_value (builder, ebb_chamber_get_firmware (c));
      json_builder_set_member_name (builder, "floor_pa");
      json_builder_add_int_value (builder, ebb_chamber_get_floor_pa (c));
      json_builder_set_member_name (builder, "watchdog_ms");
      json_builder_add_int_value (builder, ebb_chamber_get_watchdog_ms (c));
      json_builder_set_member_name (builder, "max_rate_hz");
      json_builder_add_int_value (builder, ebb_chamber_get_max_rate_hz (c));
      add_bit_array (builder, "capabilities", ebb_chamber_get_capabilities (c), capability_name);
      add_bit_array (builder, "flags", run->flags, flag_name);
      add_bit_array (builder, "faults", run->faults, fault_name);
      json_builder_set_member_name (builder, "pressure_pa");
      json_builder_add_int_value (builder, run->pressure_pa);
      json_builder_set_member_name (builder, "target_pa");
      json_builder_add_int_value (builder, run->target_pa);
      json_builder_set_member_name (builder, "uptime_ms");
      json_builder_add_int_value (builder, run->uptime_ms);
      json_builder_end_object (builder);
      print_json (builder);
      return;
    }

  g_print ("%-14s %s\n", _("Port:"), ebb_chamber_get_port (c));
  g_print ("%-14s %s\n", _("Model:"), ebb_chamber_get_model (c));
  g_print ("%-14s %s\n", _("Serial:"), ebb_chamber_get_serial (c));
  g_print ("%-14s %s\n", _("Firmware:"), ebb_chamber_get_firmware (c));
  g_print ("%-14s %d Pa\n", _("Floor:"), ebb_chamber_get_floor_pa (c));
  g_print ("%-14s %u ms\n", _("Watchdog:"), ebb_chamber_get_watchdog_ms (c));
  g_print ("%-14s %u Hz\n", _("Max. rate:"), ebb_chamber_get_max_rate_hz (c));
  g_print ("%-14s %s\n", _("Capabilities:"), caps);
  g_print ("%-14s %s\n", _("Flags:"), flags);
  g_print ("%-14s %s\n", _("Faults:"), faults);
  g_print ("%-14s %d Pa\n", _("Pressure:"), run->pressure_pa);
  g_print ("%-14s %d Pa\n", _("Target:"), run->target_pa);
  g_print ("%-14s %u ms\n", _("Uptime:"), run->uptime_ms);
}

/* Takes the chamber ebb_chamber_open_device_async() opened; when it could
 * not, the run ends with its error. */
static gboolean
run_open_finish (Run          *run,
                 GAsyncResult *result)
{
  run->chamber = ebb_chamber_open_device_finish (result, &run->error);
  if (run->chamber != NULL)
    return TRUE;

  run->exit_code = EBB_EXIT_FAILURE;
  g_main_loop_quit (run->loop);
  return FALSE;
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  EbbEcpStatus status;

  if (!ebb_chamber_get_status_finish (EBB_CHAMBER (object), result, &status, &run->error))
    run->exit_code = EBB_EXIT_FAILURE;
  else
    {
      run->flags = status.flags;
      run->faults = status.faults;
      run->pressure_pa = status.pressure_pa;
      run->target_pa = status.target_pa;
      run->uptime_ms = status.uptime_ms;
      print_identity (run);
    }

  run_close (run);
}

static void
probe_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;

  if (!run_open_finish (run, result))
    return;

  ebb_chamber_get_status_async (run->chamber, NULL, status_cb, run);
}

static const char *device_help =
  N_("DEVICE is a serial port or pseudo-terminal path, “auto” (the first port with a "
     "chamber’s USB IDs), “sim” (the built-in simulated chamber) or “sim:OPTIONS” "
     "(e.g. sim:seed=7,leak-at=30).");

/* probe and monitor take the same DEVICE, explained under their options. */
static GOptionContext *
device_context (const char   *prgname,
                const char   *parameter,
                GOptionEntry *entries)
{
  GOptionContext *context = ebb_cli_new_context (prgname, parameter, NULL, entries);

  g_option_context_set_description (context, _(device_help));
  return context;
}

/* ebbflowctl probe DEVICE */

int
ebb_cli_probe (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(Run) run = { 0 };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = device_context ("ebbflowctl probe", _("DEVICE — connect, print the identity and status, disconnect"),
                            entries);
  if (!ebb_cli_parse_options (context, "probe", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc != 2)
    return ebb_cli_usage_error ("probe", _("give exactly one DEVICE"));

  run.loop = g_main_loop_new (NULL, FALSE);
  run.json = json;
  ebb_chamber_open_device_async (argv[1], NULL, probe_open_cb, &run);
  g_main_loop_run (run.loop);

  if (run.error != NULL)
    return ebb_cli_failure ("probe", run.error);

  return run.exit_code;
}

/* ebbflowctl monitor DEVICE */

static void
telemetry_cb (EbbChamber *chamber,
              GArray     *samples,
              Run        *run)
{
  for (guint i = 0; i < samples->len; i++)
    {
      const EbbEcpTelemetry *s = &g_array_index (samples, EbbEcpTelemetry, i);
      g_autofree char *flags = bit_text (s->flags, flag_name);
      g_autofree char *faults = bit_text (s->faults, fault_name);

      g_print ("%10u ms  %7d Pa  target %7d Pa  pump %3u %%  vent %-6s  flags %s  faults %s\n",
               s->device_ms, s->pressure_pa, s->target_pa, s->pump_pct,
               s->vent_open ? C_("vent valve", "open") : C_("vent valve", "closed"), flags, faults);
    }
}

static void
faults_raised_cb (EbbChamber *chamber,
                  guint       bits,
                  Run        *run)
{
  g_autofree char *names = bit_text (bits, fault_name);

  g_print (_("# fault raised: %s\n"), names);
}

static void
faults_cleared_cb (EbbChamber *chamber,
                   guint       bits,
                   Run        *run)
{
  g_autofree char *names = bit_text (bits, fault_name);

  g_print (_("# fault cleared: %s\n"), names);
}

static void
rebooted_cb (EbbChamber *chamber,
             Run        *run)
{
  g_print ("%s\n", _("# the chamber restarted"));
}

static void
link_lost_cb (EbbChamber *chamber,
              Run        *run)
{
  g_print ("%s\n", _("# link lost: no frames from the chamber"));
}

static void
link_restored_cb (EbbChamber *chamber,
                  Run        *run)
{
  g_print ("%s\n", _("# link restored"));
}

static void
gone_cb (EbbChamber *chamber,
         Run        *run)
{
  if (run->error == NULL)
    run->error = g_error_new (EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_DISCONNECTED,
                              _("The chamber on %s stopped answering or was disconnected."),
                              ebb_chamber_get_port (chamber));
  run->exit_code = EBB_EXIT_FAILURE;
  run_close (run);
}

static void
port_vanished_cb (EbbChamber   *chamber,
                  const GError *error,
                  Run          *run)
{
  gone_cb (chamber, run);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Run *run = user_data;

  /* Ctrl-C: vent at once, then close as §5.6 says. */
  g_printerr ("%s\n", _("Venting and closing…"));
  ebb_chamber_vent_now (run->chamber);
  run_close (run);
  return G_SOURCE_CONTINUE;
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  if (!ebb_chamber_stream_finish (EBB_CHAMBER (object), result, &run->error))
    {
      run->exit_code = EBB_EXIT_FAILURE;
      run_close (run);
    }
}

static void
monitor_open_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  if (!run_open_finish (run, result))
    return;

  g_printerr (_("Connected to %s %s (firmware %s) on %s. Press Ctrl-C to vent and stop.\n"),
              ebb_chamber_get_model (run->chamber), ebb_chamber_get_serial (run->chamber),
              ebb_chamber_get_firmware (run->chamber), ebb_chamber_get_port (run->chamber));

  g_signal_connect (run->chamber, "telemetry", G_CALLBACK (telemetry_cb), run);
  g_signal_connect (run->chamber, "faults-raised", G_CALLBACK (faults_raised_cb), run);
  g_signal_connect (run->chamber, "faults-cleared", G_CALLBACK (faults_cleared_cb), run);
  g_signal_connect (run->chamber, "rebooted", G_CALLBACK (rebooted_cb), run);
  g_signal_connect (run->chamber, "link-lost", G_CALLBACK (link_lost_cb), run);
  g_signal_connect (run->chamber, "link-restored", G_CALLBACK (link_restored_cb), run);
  g_signal_connect (run->chamber, "link-failed", G_CALLBACK (gone_cb), run);
  g_signal_connect (run->chamber, "port-vanished", G_CALLBACK (port_vanished_cb), run);

  ebb_chamber_stream_async (run->chamber, MIN (run->rate, ebb_chamber_get_max_rate_hz (run->chamber)),
                            NULL, stream_cb, run);
}

int
ebb_cli_monitor (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(Run) run = { 0 };
  int rate = 10;
  guint sigint, sigterm;
  GOptionEntry entries[] = {
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, N_("Telemetry rate in Hz (default 10)"), N_("HZ") },
    { NULL }
  };

  context = device_context ("ebbflowctl monitor", _("DEVICE — print live telemetry until Ctrl-C"), entries);
  if (!ebb_cli_parse_options (context, "monitor", &argc, &argv))
    return EBB_EXIT_USAGE;
  if (argc != 2)
    return ebb_cli_usage_error ("monitor", _("give exactly one DEVICE"));
  if (rate < 1 || rate > G_MAXUINT16)
    return ebb_cli_usage_error ("monitor", _("--rate must be between 1 and 65535 Hz"));

  /* Lines appear as samples arrive, also through a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.rate = rate;
  ebb_chamber_open_device_async (argv[1], NULL, monitor_open_cb, &run);

  sigint = g_unix_signal_add (SIGINT, interrupt_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, &run);
  g_main_loop_run (run.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (run.chamber != NULL)
    g_signal_handlers_disconnect_by_data (run.chamber, &run);

  if (run.error != NULL)
    return ebb_cli_failure ("monitor", run.error);

  return run.exit_code;
}
