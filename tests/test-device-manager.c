/* test-device-manager.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-device-manager.h"
#include "ebb-device-spec.h"
#include "ebb-sim-chamber.h"
#include "ebb-transport.h"

#include <string.h>

/* Safety-relevant waits use generous bounds so a loaded machine cannot
 * flake them; the real delays are measured in bench/. */
#define WAIT_LIMIT_US (10 * G_USEC_PER_SEC)

static gboolean
wait_for_state (EbbDeviceManager *manager,
                EbbDeviceState    state)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (ebb_device_manager_get_state (manager) != state)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static void
test_connects_to_simulator (void)
{
  g_autoptr(EbbDeviceManager) manager = ebb_device_manager_new ();
  EbbChamber *chamber;

  ebb_device_manager_set_device (manager, "sim");
  g_assert_cmpint (ebb_device_manager_get_state (manager), ==, EBB_DEVICE_STATE_CONNECTING);
  g_assert_true (wait_for_state (manager, EBB_DEVICE_STATE_CONNECTED));

  chamber = ebb_device_manager_get_chamber (manager);
  g_assert_nonnull (chamber);
  g_assert_cmpstr (ebb_chamber_get_model (chamber), ==, "EBB-INP-1");
  g_assert_null (ebb_device_manager_get_error (manager));
}

static void
test_unplug_reported_and_reconnected (void)
{
  g_autoptr(EbbDeviceManager) manager = ebb_device_manager_new ();
  const GError *error;

  ebb_device_manager_set_device (manager, "sim");
  g_assert_true (wait_for_state (manager, EBB_DEVICE_STATE_CONNECTED));

  /* Pull the cable: the simulator closes its side of the pty. */
  ebb_sim_chamber_close_master (ebb_chamber_get_simulator (ebb_device_manager_get_chamber (manager)));
  g_assert_true (wait_for_state (manager, EBB_DEVICE_STATE_DISCONNECTED));
  error = ebb_device_manager_get_error (manager);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_DISCONNECTED));
  g_assert_null (ebb_device_manager_get_chamber (manager));

  /* The retry timer connects again by itself. */
  g_assert_true (wait_for_state (manager, EBB_DEVICE_STATE_CONNECTED));
  g_assert_nonnull (ebb_device_manager_get_chamber (manager));
}

static void
test_missing_port_keeps_its_message (void)
{
  g_autoptr(EbbDeviceManager) manager = ebb_device_manager_new ();
  const GError *error;

  ebb_device_manager_set_device (manager, "/dev/ebbflow-no-such-port");
  g_assert_true (wait_for_state (manager, EBB_DEVICE_STATE_DISCONNECTED));
  error = ebb_device_manager_get_error (manager);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, EBB_TRANSPORT_ERROR, EBB_TRANSPORT_ERROR_NO_SUCH_PORT));
  g_assert_nonnull (strstr (error->message, "/dev/ebbflow-no-such-port"));
}

static void
status_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the manager's STATUS request to its end. */
static gboolean
get_status (EbbDeviceManager       *manager,
            EbbDeviceStatusReport  *report,
            GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  ebb_device_manager_get_status_async (manager, NULL, status_ready_cb, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);

  return ebb_device_manager_get_status_finish (manager, result, report, error);
}

static void
test_status_on_demand (void)
{
  g_autoptr(EbbDeviceManager) manager = ebb_device_manager_new ();
  g_autoptr(GError) error = NULL;
  EbbDeviceStatusReport report = { 0 };
  EbbSimChamber *sim;

  /* Without a chamber the request fails at once, with the code the
   * console turns into its "no chamber" text. */
  g_assert_false (get_status (manager, &report, &error));
  g_assert_error (error, EBB_CHAMBER_ERROR, EBB_CHAMBER_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  ebb_device_manager_set_device (manager, "sim");
  g_assert_true (wait_for_state (manager, EBB_DEVICE_STATE_CONNECTED));
  g_assert_true (get_status (manager, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.flags & EBB_ECP_FLAG_LID_CLOSED, !=, 0);
  g_assert_cmpuint (report.faults, ==, 0);
  g_assert_cmpint (report.target_pa, ==, 0);
  g_assert_cmpuint (report.stream_rate_hz, ==, EBB_DEVICE_MANAGER_IDLE_RATE_HZ);

  /* A latched fault is in the chamber's own answer. */
  sim = ebb_chamber_get_simulator (ebb_device_manager_get_chamber (manager));
  ebb_sim_chamber_inject (sim, EBB_SIM_FAULT_ESTOP_PRESS, 0);
  g_assert_true (get_status (manager, &report, &error));
  g_assert_cmpuint (report.faults, ==, EBB_ECP_FAULT_ESTOP);
  g_assert_cmpuint (report.flags & EBB_ECP_FLAG_FAULT, !=, 0);
}

static void
test_choices_end_with_simulator (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = ebb_device_manager_list_choices (&error);
  const EbbDeviceChoice *last;
  gboolean seen_other = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, >=, 1);
  last = g_ptr_array_index (choices, choices->len - 1);
  g_assert_cmpstr (last->spec, ==, "sim");

  /* Chambers recognised by their USB identifiers come before other ports. */
  for (guint i = 0; i + 1 < choices->len; i++)
    {
      const EbbDeviceChoice *choice = g_ptr_array_index (choices, i);

      if (!choice->is_chamber)
        seen_other = TRUE;
      else
        g_assert_false (seen_other);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ebb/device-manager/connects-to-simulator", test_connects_to_simulator);
  g_test_add_func ("/ebb/device-manager/unplug-reported-and-reconnected", test_unplug_reported_and_reconnected);
  g_test_add_func ("/ebb/device-manager/missing-port", test_missing_port_keeps_its_message);
  g_test_add_func ("/ebb/device-manager/choices", test_choices_end_with_simulator);
  g_test_add_func ("/ebb/device-manager/status-on-demand", test_status_on_demand);

  return g_test_run ();
}
