/* test-cli-device.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "ebb-test-cli.h"

/* ebbflowctl ports, probe and monitor against the simulated chamber: the
 * in-process one (`sim:`) and the ebbflow-chamber-sim program on a pty. */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
array_has (JsonObject *object,
           const char *member,
           const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static void
test_ports_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ports", "--json", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *ports;

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
  root = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  ports = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (ports); i++)
    {
      JsonObject *port = json_array_get_object_element (ports, i);
      const char *keys[] = { "path", "description", "transport", "usb_vid", "usb_pid",
                             "manufacturer", "product", "serial", "chamber" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (port, keys[k]));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (port, "path"), "/dev/"));
      g_assert_true (g_strv_contains ((const char *[]) { "usb", "native", "bluetooth", NULL },
                                      json_object_get_string_member (port, "transport")));
    }
}

static void
assert_probe_json (const char *out,
                   const char *serial)
{
  g_autoptr(JsonNode) root = parse_json (out);
  JsonObject *o;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "EBB-INP-1");
  g_assert_cmpstr (json_object_get_string_member (o, "serial"), ==, serial);
  g_assert_cmpstr (json_object_get_string_member (o, "firmware"), ==, "1.4.2-sim");
  g_assert_cmpint (json_object_get_int_member (o, "floor_pa"), ==, -10666);
  g_assert_cmpint (json_object_get_int_member (o, "watchdog_ms"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (o, "max_rate_hz"), ==, 200);
  g_assert_true (array_has (o, "capabilities", "LID_SENSOR"));
  g_assert_true (array_has (o, "capabilities", "ESTOP_BUTTON"));
  /* HELLO vented and armed the watchdog; the lid is closed. */
  g_assert_true (array_has (o, "flags", "LID_CLOSED"));
  g_assert_true (array_has (o, "flags", "WATCHDOG_ARMED"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "faults")), ==, 0);
}

static void
test_probe_sim_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "probe", "sim:seed=5,serial=SN-CLI-5", "--json", NULL };

  g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
  assert_probe_json (out, "SN-CLI-5");
}

static void
test_probe_program (void)
{
  const char *sim = g_getenv ("EBBFLOW_CHAMBER_SIM");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ebb-cli-device-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "ebbflow-chamber", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_nonnull (sim);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           sim, "--seed", "11", "--serial", "SN-PTY-11", "--link", link, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  path = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, "/dev/pts/"));

  /* By the symlink, as a udev rule would name a real chamber. */
  {
    const char *args[] = { "probe", link, "--json", NULL };

    g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
    assert_probe_json (out, "SN-PTY-11");
  }

  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  /* The program removes its link on the way out. */
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_probe_text_and_errors (void)
{
  g_autofree char *out = NULL, *err = NULL;

  {
    const char *args[] = { "probe", "sim:serial=SN-TXT-1", NULL };

    g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "SN-TXT-1"));
    g_assert_nonnull (strstr (out, "-10666 Pa"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "probe", "/dev/ebbflow-no-such-port", NULL };

    g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "There is no serial port /dev/ebbflow-no-such-port"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "probe", NULL };

    g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "ebbflowctl probe --help"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "probe", "--help", NULL };

    g_assert_cmpint (ebb_test_cli_run (NULL, args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "DEVICE"));
    g_assert_nonnull (strstr (out, "--json"));
  }
}

/* monitor prints decoded samples; SIGINT vents and closes, exit 0. */
static void
test_monitor (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, g_getenv ("EBBFLOWCTL"), "monitor", "sim", "--rate", "50",
                           NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_nonnull (strstr (line, " ms "));
      g_assert_nonnull (strstr (line, " Pa  target "));
      g_assert_nonnull (strstr (line, "STREAMING"));
    }

  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/cli/device/ports-json", test_ports_json);
  g_test_add_func ("/ebb/cli/device/probe-sim-json", test_probe_sim_json);
  g_test_add_func ("/ebb/cli/device/probe-program", test_probe_program);
  g_test_add_func ("/ebb/cli/device/probe-text-and-errors", test_probe_text_and_errors);
  g_test_add_func ("/ebb/cli/device/monitor", test_monitor);

  return g_test_run ();
}
