/* test-device-status.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ebb-device-manager.h"
#include "ebb-device-spec.h"
#include "ebb-device-status.h"
#include "ebb-sim-chamber.h"
#include "gui-test-util.h"

/* The device details in the header's menu, driving the real widget against
 * the in-process simulated chamber through an EbbDeviceManager: opening the
 * menu asks the chamber for STATUS, and the values shown are the chamber's
 * answer, a latched fault included. Time bounds are generous safety
 * bounds. */

#define BOUND_US (5 * G_USEC_PER_SEC)

typedef struct
{
  EbbDeviceManager *manager;
  GtkWindow        *window;
  EbbDeviceStatus  *status;
} Fixture;

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  return get_named (GTK_WIDGET (f->status), name);
}

static const char *
value (Fixture    *f,
       const char *name)
{
  return gtk_label_get_label (GTK_LABEL (named (f, name)));
}

#define wait_for(done, f) wait_until ((done), (f), BOUND_US)

static gboolean
connected (gpointer data)
{
  Fixture *f = data;

  return ebb_device_manager_get_state (f->manager) == EBB_DEVICE_STATE_CONNECTED;
}

static gboolean
disconnected (gpointer data)
{
  Fixture *f = data;

  return ebb_device_manager_get_state (f->manager) == EBB_DEVICE_STATE_DISCONNECTED;
}

/* The answer has arrived when no request is pending any more. */
static gboolean
answered (gpointer data)
{
  Fixture *f = data;
  GtkWidget *message = named (f, "status-message");

  return !gtk_widget_get_visible (message) || gtk_widget_has_css_class (message, "error");
}

static gboolean
estop_listed (gpointer data)
{
  Fixture *f = data;

  return answered (f) && strstr (value (f, "faults-value"), "emergency stop") != NULL;
}

/* Saves what the open menu shows, as a build artefact for people to look
 * at: its content on the window's background colour. */
static void
screenshot (Fixture    *f,
            const char *name)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (
    gtk_widget_get_first_child (GTK_WIDGET (f->status)))));
  GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (popover));
  g_autofree char *file = g_strdup_printf ("%s/device-status-%s.png", g_test_get_dir (G_TEST_BUILT), name);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t area;
  GdkRGBA background;

  gtk_test_widget_wait_for_draw (popover);
  area = GRAPHENE_RECT_INIT (-12, -12, gtk_widget_get_width (content) + 24, gtk_widget_get_height (content) + 24);
  gtk_style_context_lookup_color (gtk_widget_get_style_context (popover), "popover_bg_color", &background);
  gtk_snapshot_append_color (snapshot, &background, &area);
  GTK_WIDGET_GET_CLASS (content)->snapshot (content, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (popover)), node, &area);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static EbbSimChamber *
simulator (Fixture *f)
{
  return ebb_chamber_get_simulator (ebb_device_manager_get_chamber (f->manager));
}

static void
open_details (Fixture *f)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (f->status))));
  g_assert_true (gtk_widget_get_visible (named (f, "status-message")));
  g_assert_true (wait_for (answered, f));
}

static void
refresh_status (Fixture *f)
{
  GtkWidget *button = named (f, "refresh-button");

  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate_action (button, "device.refresh-status", NULL);
  g_assert_true (wait_for (answered, f));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *device = data;

  f->manager = ebb_device_manager_new ();
  ebb_device_manager_set_device (f->manager, device);
  if (device != NULL)
    g_assert_true (wait_for (connected, f));

  f->window = GTK_WINDOW (gtk_window_new ());
  f->status = EBB_DEVICE_STATUS (ebb_device_status_new ());
  ebb_device_status_set_manager (f->status, f->manager);
  gtk_window_set_child (f->window, GTK_WIDGET (f->status));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *status = g_object_ref (GTK_WIDGET (f->status));

  gtk_window_destroy (f->window);
  g_assert_finalize_object (status);
  g_assert_finalize_object (f->manager);
}

static void
test_status_shown (Fixture       *f,
                   gconstpointer  data)
{
  EbbChamber *chamber = ebb_device_manager_get_chamber (f->manager);
  EbbSimState state;

  open_details (f);

  /* What the chamber identified itself as. */
  g_assert_cmpstr (value (f, "firmware-value"), ==, ebb_chamber_get_firmware (chamber));
  g_assert_cmpstr (value (f, "serial-value"), ==, ebb_chamber_get_serial (chamber));
  g_assert_cmpstr (value (f, "model-value"), ==, ebb_chamber_get_model (chamber));
  g_assert_true (g_str_has_prefix (value (f, "serial-value"), "SIM-"));

  /* Its answer to GET_STATUS: idle, streaming at the manager's idle rate,
   * lid closed, no faults, at atmosphere. */
  g_assert_false (gtk_widget_get_visible (named (f, "status-message")));
  g_assert_true (gtk_widget_get_visible (named (f, "status-grid")));
  g_assert_cmpstr (value (f, "faults-value"), ==, "none");
  g_assert_false (gtk_widget_has_css_class (named (f, "faults-value"), "error"));
  g_assert_nonnull (strstr (value (f, "flags-value"), "lid closed"));
  g_assert_nonnull (strstr (value (f, "flags-value"), "streaming"));
  g_assert_null (strstr (value (f, "flags-value"), "fault"));
  g_assert_cmpstr (value (f, "rate-value"), ==, "10 Hz");
  /* The chamber's own counts: HELLO, GET_STATUS and heartbeats, none bad. */
  g_assert_true (g_str_has_suffix (value (f, "frames-value"), " accepted · 0 rejected"));
  g_assert_cmpuint (g_ascii_strtoull (value (f, "frames-value"), NULL, 10), >=, 2);
  g_assert_cmpstr (value (f, "target-value"), ==, "none: open to atmosphere");
  g_assert_true (g_str_has_suffix (value (f, "pressure-value"), "mmHg"));
  g_assert_true (g_str_has_suffix (value (f, "uptime-value"), " s"));

  /* The chamber's own emergency-stop button latches a fault; Refresh asks
   * again and lists it. */
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_ESTOP_PRESS, 0);
  ebb_sim_chamber_get_state (simulator (f), &state);
  g_assert_cmpuint (state.faults & EBB_ECP_FAULT_ESTOP, !=, 0);
  refresh_status (f);
  g_assert_cmpstr (value (f, "faults-value"), ==, "emergency stop");
  g_assert_true (gtk_widget_has_css_class (named (f, "faults-value"), "error"));
  g_assert_nonnull (strstr (value (f, "flags-value"), "fault"));

  /* Latched: released, the fault stays until it is cleared. */
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_ESTOP_RELEASE, 0);
  refresh_status (f);
  g_assert_true (estop_listed (f));
  screenshot (f, "fault");
}

static void
test_no_chamber (Fixture       *f,
                 gconstpointer  data)
{
  open_details (f);

  g_assert_true (gtk_widget_get_visible (named (f, "status-message")));
  g_assert_true (gtk_widget_has_css_class (named (f, "status-message"), "error"));
  g_assert_true (g_str_has_prefix (value (f, "status-message"), "No chamber is connected"));
  /* No table of dashes: there is nothing to show but what to do. */
  g_assert_false (gtk_widget_get_visible (named (f, "status-grid")));
  g_assert_cmpstr (value (f, "faults-value"), ==, "—");
  screenshot (f, "no-chamber");
}

/* A chamber that stops answering: the request fails with a message that
 * says what to do, and no old values stay on screen. */
static void
test_request_fails (Fixture       *f,
                    gconstpointer  data)
{
  open_details (f);
  g_assert_cmpstr (value (f, "faults-value"), ==, "none");

  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_MUTE, 0);
  refresh_status (f);

  g_assert_true (gtk_widget_get_visible (named (f, "status-message")));
  g_assert_true (gtk_widget_has_css_class (named (f, "status-message"), "error"));
  g_assert_true (g_str_has_prefix (value (f, "status-message"),
                                   "The chamber did not answer the status request"));
  g_assert_cmpstr (value (f, "faults-value"), ==, "—");
  g_assert_cmpstr (value (f, "uptime-value"), ==, "—");

  /* The manager gives the chamber up; the reason stays on screen. */
  g_assert_true (wait_for (disconnected, f));
  g_assert_true (g_str_has_prefix (value (f, "status-message"),
                                   "The chamber did not answer the status request"));
  screenshot (f, "no-answer");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ebb/device-status/status-shown", Fixture, "sim",
              fixture_set_up, test_status_shown, fixture_tear_down);
  g_test_add ("/ebb/device-status/no-chamber", Fixture, NULL,
              fixture_set_up, test_no_chamber, fixture_tear_down);
  g_test_add ("/ebb/device-status/request-fails", Fixture, "sim",
              fixture_set_up, test_request_fails, fixture_tear_down);

  return g_test_run ();
}
