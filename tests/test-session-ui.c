/* test-session-ui.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <string.h>
#include <X11/keysym.h>

#include "ebb-admin.h"
#include "ebb-application.h"
#include "ebb-client-list-page.h"
#include "ebb-client-page.h"
#include "ebb-preferences-window.h"
#include "ebb-device-spec.h"
#include "ebb-environment.h"
#include "ebb-login-page.h"
#include "ebb-profile-private.h"
#include "ebb-report-load.h"
#include "ebb-report-window.h"
#include "ebb-screening-page.h"
#include "ebb-session-gate.h"
#include "ebb-session-view.h"
#include "ebb-sim-chamber.h"
#include "ebb-store-demo.h"
#include "ebb-vitals-row.h"
#include "ebb-window-private.h"
#include "ebb-window.h"
#include "gui-test-util.h"
#include "operators-fixture.h"

/* The technician's screens under Xvfb, driving the real widgets: the
 * application with the in-process simulated chamber through its
 * EbbDeviceManager, a real SQLite store in the isolated directory with a
 * demo client, the main window, the session view. Keys are real X key
 * events (XTest), so the emergency-stop binding is tested the way a
 * keyboard reaches it. Time bounds are generous safety bounds. */

#define BOUND_US (5 * G_USEC_PER_SEC)

/* One application for the program: GApplication registers once a process. */
static EbbApplication *app;

typedef struct
{
  OperatorsFixture  ops;
  EbbApplication   *app;
  EbbWindow        *window;
  EbbSessionView   *view;
  EbbProfile       *profile;
  gint64            client_id;
  gint64            unscreened_id;
  EbbAlarmPriority  highest_raised;
} Fixture;

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

#define find_type(root, type) find_widget ((root), is_type, GSIZE_TO_POINTER (type))

/* A click, as the pointer gives it (gtk_widget_activate would wait for the
 * button's activation animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

/* Runs the main context until @done says so or the bound passes. */
static gboolean
wait_for (gboolean (*done) (Fixture *),
          Fixture  *f,
          gint64    bound_us)
{
  gint64 end = g_get_monotonic_time () + bound_us;

  while (!done (f))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
  return TRUE;
}

static EbbChamber *
chamber (Fixture *f)
{
  return ebb_device_manager_get_chamber (ebb_application_get_device_manager (f->app));
}

static EbbSimChamber *
simulator (Fixture *f)
{
  return ebb_chamber_get_simulator (chamber (f));
}

static gboolean
connected (Fixture *f)
{
  return ebb_device_manager_get_state (ebb_application_get_device_manager (f->app)) == EBB_DEVICE_STATE_CONNECTED;
}

/* Saves what the window shows, as a build artefact for people to look at. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s/session-ui-%s.png", g_test_get_dir (G_TEST_BUILT), name);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GskRenderer *renderer;

  gtk_test_widget_wait_for_draw (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  /* The widget's own drawing with its children, as the next frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static gint64
add_screening (EbbStore   *store,
               gint64      client_id,
               gint64      operator_id,
               const char *outcome,
               const char *reasons)
{
  g_autoptr(EbbStoredScreening) s = ebb_stored_screening_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  s->client_id = client_id;
  s->questionnaire_id = g_strdup ("test");
  s->questionnaire_version = g_strdup ("1");
  s->answers_json = g_strdup ("{}");
  s->outcome = g_strdup (outcome);
  s->reasons_json = g_strdup (reasons);
  s->operator_id = operator_id;
  s->screened_us = g_get_real_time () - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  s->valid_until_us = g_get_real_time () + G_GINT64_CONSTANT (30 * 24 * 3600) * G_USEC_PER_SEC;
  id = ebb_store_screening_insert (store, s, &error);
  g_assert_no_error (error);
  return id;
}

static void
faults_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  ebb_chamber_clear_faults_finish (EBB_CHAMBER (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* One simulated chamber serves every test of this program. Its watchdog
 * trips whenever the main loop that sends the heartbeats stalls for a
 * second — building and first drawing a whole window does, on a loaded
 * machine — and the fault then stays latched: each test starts from a
 * chamber without latched faults, as a technician clears them before a
 * session. A stall during a test's own session still fails that test. */
static void
start_with_clear_chamber (Fixture *f)
{
  EbbSimState state;
  gboolean done = FALSE;

  ebb_sim_chamber_get_state (simulator (f), &state);
  if (state.faults == 0)
    return;

  g_test_message ("clearing faults 0x%x latched before this test", state.faults);
  ebb_chamber_clear_faults_async (chamber (f), NULL, faults_cleared_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(EbbClient) other = NULL;
  gint64 tech;

  operators_fixture_set_up (&f->ops, data);
  /* The screening gate asks the wall clock; so does this fixture. */
  f->ops.now_us = g_get_real_time ();
  g_assert_true (ebb_store_demo_populate (f->ops.store, &error));
  g_assert_no_error (error);
  tech = operators_fixture_add (&f->ops, "tech", EBB_ROLE_TECHNICIAN);
  operators_fixture_login (&f->ops, "tech");

  client = ebb_store_client_find_external (f->ops.store, "DEMO-0002", &error);
  g_assert_no_error (error);
  f->client_id = client->id;
  add_screening (f->ops.store, f->client_id, tech, "note",
                 "[{\"outcome\":\"note\",\"text\":\"Varicose veins: watch the legs.\"}]");
  other = ebb_store_client_find_external (f->ops.store, "DEMO-0004", &error);
  g_assert_no_error (error);
  f->unscreened_id = other->id;

  /* A test-only profile of a few seconds, through the bypass. */
  f->profile = ebb_profile_new ("Short test");
  ebb_profile_set_level_pa (f->profile, -3000);
  ebb_profile_set_vacuum_s (f->profile, 3);
  ebb_profile_set_release_s (f->profile, 2);
  ebb_profile_set_ramp_pa_s (f->profile, 4000);
  _ebb_profile_allow_short_duration_for_tests (f->profile);
  ebb_profile_set_duration_s (f->profile, 8);

  g_settings_set_string (settings, "pressure-unit", "mmhg");
  f->app = app;
  g_assert_true (wait_for (connected, f, BOUND_US));

  f->window = ebb_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  ebb_window_set_operator_session (f->window, f->ops.ctx);
  gtk_window_present (GTK_WINDOW (f->window));
  /* Built on first use; once built it is in the window's tree. */
  f->view = ebb_window_get_session_view (f->window);
  g_assert_true (find_type (GTK_WIDGET (f->window), EBB_TYPE_SESSION_VIEW) == GTK_WIDGET (f->view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  start_with_clear_chamber (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  g_clear_object (&f->profile);
  operators_fixture_tear_down (&f->ops, data);
}

static EbbSessionPreparePage *
prepare_page (Fixture *f)
{
  return ebb_session_view_get_prepare_page (f->view);
}

/* The widget called @name below @root; there must be one. */
static GtkWidget *
named_in (GtkWidget  *root,
          const char *name)
{
  GtkWidget *widget = find_widget (root, is_named, name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  return named_in (GTK_WIDGET (f->view), name);
}

static const char *
blocker (Fixture *f)
{
  ebb_session_prepare_page_refresh (prepare_page (f));
  return ebb_session_prepare_page_get_blocker (prepare_page (f));
}

static gboolean
can_start (Fixture *f)
{
  ebb_session_prepare_page_refresh (prepare_page (f));
  return ebb_session_prepare_page_can_start (prepare_page (f));
}

static gboolean
status_known (Fixture *f)
{
  EbbDevice *device = ebb_session_view_get_device (f->view);
  guint16 flags, faults;

  return device != NULL && ebb_device_get_status (device, &flags, &faults);
}

/* The front desk's "start session" for the client, the short profile chosen
 * as a click would. */
static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static gboolean
client_page_shown (Fixture *f)
{
  GtkWidget *page = find_type (GTK_WIDGET (f->window), EBB_TYPE_CLIENT_PAGE);

  return gtk_widget_get_mapped (page) && ebb_client_page_get_client_id (EBB_CLIENT_PAGE (page)) == f->client_id;
}

/* The way a technician gets there: the client list, a search by name,
 * Enter on the first match, then Start Session on the client's page. */
static void
select_client_and_start (Fixture *f)
{
  GtkWidget *list = find_type (GTK_WIDGET (f->window), EBB_TYPE_CLIENT_LIST_PAGE);
  GtkWidget *search = find_type (list, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL));
  gtk_editable_set_text (GTK_EDITABLE (search), "Müller");
  spin (400);
  g_signal_emit_by_name (search, "activate");
  g_assert_true (wait_for (client_page_shown, f, BOUND_US));
  page = find_type (GTK_WIDGET (f->window), EBB_TYPE_CLIENT_PAGE);
  click (find_widget (page, has_action_name, "client.start-session"));
}

static void
open_prepare (Fixture *f,
              gint64   client_id)
{
  guint n;

  if (client_id == f->client_id)
    select_client_and_start (f);
  else
    ebb_window_start_session (f->window, client_id);
  g_assert_cmpstr (ebb_session_view_get_page_name (f->view), ==, "prepare");
  ebb_session_prepare_page_add_profile (prepare_page (f), f->profile, 0);
  n = 0;
  while (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (find_type (GTK_WIDGET (prepare_page (f)), GTK_TYPE_FLOW_BOX)), n) != NULL)
    n++;
  ebb_session_prepare_page_select_profile (prepare_page (f), n - 1);
  g_assert_true (ebb_session_prepare_page_get_profile (prepare_page (f), NULL) == f->profile);
  g_assert_true (wait_for (status_known, f, BOUND_US));
}

static void
tick_checklist (Fixture *f)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (f, "briefed-check")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (f, "hand-switch-check")), TRUE);
}

static gboolean
session_vacuum (Fixture *f)
{
  EbbSession *session = ebb_session_view_get_session (f->view);

  return session != NULL && ebb_session_get_pressure_pa (session) < -1000;
}

static gboolean
session_finished (Fixture *f)
{
  EbbSession *session = ebb_session_view_get_session (f->view);

  return session != NULL && ebb_session_is_finished (session);
}

static gboolean
summary_shown (Fixture *f)
{
  return g_strcmp0 (ebb_session_view_get_page_name (f->view), "summary") == 0;
}

static void
alarm_raised_cb (EbbSafetySupervisor *supervisor,
                 EbbAlarmEvent       *event,
                 Fixture             *f)
{
  if (event->type == EBB_ALARM_EVENT_RAISED || event->type == EBB_ALARM_EVENT_ESCALATED)
    f->highest_raised = MAX (f->highest_raised, event->priority);
}

/* Prepares, confirms the screening, ticks the checklist and presses Start;
 * returns when the chamber pulls a vacuum. */
static EbbSession *
confirm_and_start (Fixture *f)
{
  EbbSession *session;

  click (named (f, "confirm-button"));
  tick_checklist (f);
  if (!wait_for (can_start, f, BOUND_US))
    g_error ("Start stayed disabled: %s", blocker (f));
  click (named (f, "start-button"));
  g_assert_cmpstr (ebb_session_view_get_page_name (f->view), ==, "live");
  session = ebb_session_view_get_session (f->view);
  g_assert_nonnull (session);
  g_assert_true (ebb_application_get_active_session (f->app) == session);
  g_signal_connect (ebb_session_get_supervisor (session), "alarm-event", G_CALLBACK (alarm_raised_cb), f);
  g_assert_true (wait_for (session_vacuum, f, BOUND_US));
  return session;
}

static EbbSession *
start_session (Fixture *f)
{
  open_prepare (f, f->client_id);
  return confirm_and_start (f);
}

static EbbSessionRecord *
stored_session (Fixture    *f,
                EbbSession *session)
{
  g_autoptr(GError) error = NULL;
  EbbSessionRecord *record = ebb_store_session_get (f->ops.store, ebb_session_get_record_id (session), &error);

  g_assert_no_error (error);
  return record;
}

/* The first open toplevel of @type, if any. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static EbbReportWindow *
report_window (void)
{
  return (EbbReportWindow *) find_toplevel (EBB_TYPE_REPORT_WINDOW);
}

static gboolean
report_rendered (Fixture *f)
{
  EbbReportWindow *window = report_window ();

  return window != NULL && (ebb_report_window_get_n_pages (window) > 0 ||
                            ebb_report_window_get_error_message (window) != NULL);
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static int
measure_width (GtkWidget *widget)
{
  int min, nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return nat;
}

/* The readout column keeps its width whatever the readouts say, so the
 * graph beside it stays put; the longest German phase text fits one line.
 * Measured at once, before the page's next refresh writes the labels. */
static void
assert_readouts_stable (EbbSessionLivePage *live)
{
  GtkWidget *column = find_widget (GTK_WIDGET (live), has_class, "readout-column");
  GtkLabel *pressure = GTK_LABEL (find_widget (column, has_class, "pressure-readout"));
  GtkLabel *phase = GTK_LABEL (find_widget (column, has_class, "session-phase"));
  int width, one_line, height;

  gtk_label_set_text (pressure, "−1");
  gtk_label_set_text (phase, "Vacuum · 0:05 left");
  width = measure_width (column);
  gtk_widget_measure (GTK_WIDGET (phase), GTK_ORIENTATION_VERTICAL, width, &one_line, NULL, NULL, NULL);

  gtk_label_set_text (pressure, "−15");
  g_assert_cmpint (measure_width (column), ==, width);
  gtk_label_set_text (pressure, "−105");
  g_assert_cmpint (measure_width (column), ==, width);
  gtk_label_set_text (phase, "Unterdruck · noch 0:05");
  g_assert_cmpint (measure_width (column), ==, width);
  gtk_label_set_text (phase, "Entlastung · noch 10:00");
  g_assert_cmpint (measure_width (column), ==, width);
  gtk_widget_measure (GTK_WIDGET (phase), GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, ==, one_line);
  ebb_session_live_page_refresh (live);
}

/* The readouts tell assistive technology their current values. */
static void
assert_readouts_accessible (EbbSessionLivePage *live)
{
  GtkWidget *column = find_widget (GTK_WIDGET (live), has_class, "readout-column");
  GtkWidget *pressure = find_widget (column, has_class, "pressure-readout");
  GtkWidget *progress = find_type (column, GTK_TYPE_PROGRESS_BAR);
  GtkWidget *time = gtk_widget_get_prev_sibling (progress);
  g_autofree char *label = NULL;

  ebb_session_live_page_refresh (live);
  label = g_strdup_printf ("Chamber pressure %s mmHg", ebb_session_live_page_get_pressure_text (live));
  gtk_test_accessible_assert_property (pressure, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_true (GTK_IS_LABEL (time));
  gtk_test_accessible_assert_property (progress, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       gtk_label_get_text (GTK_LABEL (time)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (time)), "remaining"));
  /* The setpoint, phase countdown and cycle carry their values in their
   * text, which GTK gives them as their accessible label. */
  for (GtkWidget *child = gtk_widget_get_first_child (column); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
      gtk_test_accessible_assert_property (child, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           gtk_label_get_text (GTK_LABEL (child)));
}

static void
test_complete_session (Fixture       *f,
                       gconstpointer  data)
{
  EbbSessionLivePage *live;
  EbbSessionSummaryPage *summary;
  EbbSession *session;
  g_autoptr(EbbSessionRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextView *notes;

  open_prepare (f, f->client_id);
  /* The NOTE item is shown prominently before the session. */
  g_assert_cmpstr (ebb_session_prepare_page_get_notes_text (prepare_page (f)), ==,
                   "Varicose veins: watch the legs.");
  screenshot (GTK_WIDGET (f->window), "prepare");
  /* Vitals before, switched on with the values the row offers. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (find_type (GTK_WIDGET (prepare_page (f)),
                                                                      EBB_TYPE_VITALS_ROW)), TRUE);

  session = confirm_and_start (f);
  live = ebb_session_view_get_live_page (f->view);
  spin (1500);
  ebb_session_live_page_refresh (live);
  g_assert_cmpstr (ebb_session_live_page_get_pressure_text (live), !=, "");
  g_assert_cmpuint (ebb_pressure_graph_get_n_samples (ebb_session_live_page_get_graph (live)), >, 100);
  screenshot (GTK_WIDGET (f->window), "live");
  assert_readouts_stable (live);
  assert_readouts_accessible (live);

  g_assert_true (wait_for (session_finished, f, 20 * G_USEC_PER_SEC));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_COMPLETED);
  g_assert_true (wait_for (summary_shown, f, BOUND_US));
  g_assert_null (ebb_application_get_active_session (f->app));

  summary = ebb_session_view_get_summary_page (f->view);
  g_assert_cmpstr (ebb_session_summary_page_get_title (summary), ==, "Session completed");
  g_assert_cmpstr (ebb_session_summary_page_get_reason (summary), ==, "The profile ran to its end.");

  /* Notes typed on the summary are saved to the session record. */
  notes = GTK_TEXT_VIEW (find_type (GTK_WIDGET (summary), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), "Client comfortable.", -1);
  g_assert_true (ebb_session_summary_page_save (summary, &error));
  g_assert_no_error (error);
  screenshot (GTK_WIDGET (f->window), "summary");

  /* Save Report… opens the report window on this session. */
  click (find_widget (GTK_WIDGET (summary), is_button_labelled, "Save _Report…"));
  g_assert_true (wait_for (report_rendered, f, 3 * BOUND_US));
  screenshot (GTK_WIDGET (report_window ()), "report");
  g_assert_null (ebb_report_window_get_error_message (report_window ()));
  gtk_window_destroy (GTK_WINDOW (report_window ()));

  record = stored_session (f, session);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_COMPLETED);
  {
    g_autoptr(EbbReportData) report = ebb_report_data_load (f->ops.store, record->id, &error);

    g_autofree char *cycles = NULL;
    EbbReportStats stats;

    g_assert_no_error (error);
    g_assert_nonnull (report);
    /* A completed session ran every planned cycle, and the summary counts
     * them all from the recorded samples, the last vacuum phase (which
     * ends exactly at the end of the duration) included. */
    ebb_report_data_compute_stats (report, &stats);
    g_assert_cmpuint (stats.cycles_planned, ==, ebb_profile_get_n_cycles (f->profile));
    g_assert_cmpuint (stats.cycles_planned, ==, 2);
    g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
    g_assert_cmpuint (ebb_session_get_cycle (session), ==, stats.cycles_planned);
    cycles = g_strdup_printf ("%u of %u", stats.cycles_planned, stats.cycles_planned);
    g_assert_cmpstr (ebb_session_summary_page_get_cycles (summary), ==, cycles);
  }
  g_assert_cmpstr (record->notes, ==, "Client comfortable.");
  {
    /* The summary reviews the whole session as the store recorded it. */
    EbbPressureGraph *graph = ebb_session_summary_page_get_graph (summary);
    g_autoptr(GArray) samples = ebb_store_session_read_samples (f->ops.store, record->id, &error);
    gint32 min_pa, max_pa;

    g_assert_no_error (error);
    g_assert_cmpuint (samples->len, >, 100);
    g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (graph)));
    g_assert_false (ebb_pressure_graph_get_live (graph));
    g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (graph)));
    g_assert_cmpuint (ebb_pressure_graph_get_n_samples (graph), ==, samples->len);
    g_assert_cmpint (ebb_pressure_graph_get_level_pa (graph), ==, ebb_profile_get_level_pa (f->profile));
    g_assert_cmpint (ebb_pressure_graph_get_limit_pa (graph), ==,
                     ebb_profile_get_clinic_limit (ebb_application_get_settings (f->app)));
    ebb_pressure_graph_get_range (graph, &min_pa, &max_pa);
    g_assert_cmpint (min_pa, <, ebb_pressure_graph_get_level_pa (graph));
    g_assert_cmpint (min_pa, <, ebb_pressure_graph_get_limit_pa (graph));
    screenshot (GTK_WIDGET (graph), "summary-graph");
  }
  g_assert_true (record->vitals_before.recorded);
  g_assert_cmpuint (record->vitals_before.bp_systolic, ==, 120);
  g_assert_cmpuint (record->vitals_before.bp_diastolic, ==, 80);
  g_assert_cmpuint (record->vitals_before.heart_rate, ==, 70);
}

static gboolean
vent_open (Fixture *f)
{
  EbbSimState state;

  ebb_sim_chamber_get_state (simulator (f), &state);
  return state.vent_open && state.target_pa == 0;
}

static void
assert_emergency_stopped (Fixture    *f,
                          EbbSession *session)
{
  g_autoptr(EbbSessionRecord) record = NULL;

  /* The stop takes effect without the main loop running a dialog. */
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpstr (ebb_session_get_end_reason (session), ==, "emergency stop");
  g_assert_true (wait_for (vent_open, f, 2 * G_USEC_PER_SEC));
  g_assert_true (wait_for (summary_shown, f, BOUND_US));
  g_assert_cmpstr (ebb_session_summary_page_get_reason (ebb_session_view_get_summary_page (f->view)), ==,
                   "Emergency stop: the chamber was vented at once.");
  record = stored_session (f, session);
  g_assert_cmpint (record->end_state, ==, EBB_SESSION_STOPPED);
}

static void
test_emergency_stop_button (Fixture       *f,
                            gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));

  click (named (f, "estop-button"));
  assert_emergency_stopped (f, session);
  g_object_unref (session);
}

/* The window action the shortcuts window lists and the class binding
 * activates. */
static void
test_emergency_stop_action (Fixture       *f,
                            gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.emergency-stop", NULL));
  assert_emergency_stopped (f, session);
  g_object_unref (session);
}

typedef void (*FakeKeyFunc) (Display *, unsigned int, int, unsigned long);

static gboolean
session_stopped (Fixture *f)
{
  return session_finished (f);
}

/* XTest's key function, loaded once (the tests need no link to libXtst). */
static FakeKeyFunc
xtest_fake_key (void)
{
  static FakeKeyFunc fake_key;

  if (fake_key == NULL)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW);

      g_assert_nonnull (lib);
      fake_key = (FakeKeyFunc) dlsym (lib, "XTestFakeKeyEvent");
      g_assert_nonnull (fake_key);
    }
  return fake_key;
}

/* A real key press through the X server (XTest), to the window holding the
 * focus, with the keyboard focus on another widget. */
static void
press_key (GtkWindow *window,
           guint      keysym)
{
  FakeKeyFunc fake_key = xtest_fake_key ();
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *xdisplay;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  KeyCode code;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  spin (100);
  code = XKeysymToKeycode (xdisplay, keysym);
  fake_key (xdisplay, code, True, 0);
  fake_key (xdisplay, code, False, 0);
  XFlush (xdisplay);
}

static void
test_emergency_stop_key (Fixture       *f,
                         gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));
  GtkWidget *other = named (f, "pause-button");

  gtk_widget_grab_focus (other);
  g_assert_true (gtk_widget_has_focus (other));
  press_key (GTK_WINDOW (f->window), GPOINTER_TO_UINT (data));
  g_assert_true (wait_for (session_stopped, f, 2 * G_USEC_PER_SEC));
  assert_emergency_stopped (f, session);
  g_object_unref (session);
}

/* A modal window in front of the live screen (here Preferences, as an
 * administrator might open it mid-session) takes the keyboard and the
 * pointer from the main window: Escape and F12 must still be the
 * emergency stop there, and a plain dialog too. */
static void
test_emergency_stop_other_window (Fixture       *f,
                                  gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  GtkWindow *prefs = GTK_WINDOW (ebb_preferences_window_new (settings, f->ops.ctx));

  gtk_window_set_transient_for (prefs, GTK_WINDOW (f->window));
  gtk_window_set_modal (prefs, TRUE);
  gtk_window_present (prefs);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prefs));

  press_key (prefs, GPOINTER_TO_UINT (data));
  g_assert_true (wait_for (session_stopped, f, 2 * G_USEC_PER_SEC));
  assert_emergency_stopped (f, session);
  /* Preferences stays: only the session's own dialogs close. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  gtk_window_destroy (prefs);
  g_object_unref (session);
}

/* The message dialog the live screen has open. */
static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Stop… asks first; confirmed, the session ends as stopped by the operator. */
static void
test_stop_confirmed (Fixture       *f,
                     gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));
  GtkWindow *dialog;

  click (named (f, "stop-button"));
  dialog = find_dialog ();
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_RUNNING);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "stop");
  g_assert_true (wait_for (summary_shown, f, EBB_SESSION_VENT_TIMEOUT_US + BOUND_US));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_STOPPED);
  g_assert_cmpstr (ebb_session_get_end_reason (session), ==, "stopped by operator");
  g_assert_cmpstr (ebb_session_summary_page_get_reason (ebb_session_view_get_summary_page (f->view)), ==,
                   "Stopped by the operator. The chamber was vented.");
  g_object_unref (session);
}

/* A symptom vents and pauses at once; the operator then ends the session. */
static void
test_symptom_then_end (Fixture       *f,
                       gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (ebb_session_view_get_live_page (f->view)), "live.symptom", "i",
                              EBB_SYMPTOM_LIGHT_HEADED);
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_PAUSED);
  g_assert_true (wait_for (vent_open, f, 2 * G_USEC_PER_SEC));
  dialog = find_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "end");
  g_assert_true (wait_for (summary_shown, f, EBB_SESSION_VENT_TIMEOUT_US + BOUND_US));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_STOPPED);
  g_object_unref (session);
}

/* The Stop confirmation is a window of its own; Escape there is the
 * emergency stop too, not "cancel". */
static void
test_emergency_stop_in_dialog (Fixture       *f,
                               gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (ebb_session_view_get_live_page (f->view)), "live.stop", NULL);
  dialog = find_dialog ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_RUNNING);

  press_key (dialog, GPOINTER_TO_UINT (data));
  g_assert_true (wait_for (session_stopped, f, 2 * G_USEC_PER_SEC));
  assert_emergency_stopped (f, session);
  g_object_unref (session);
}

static gboolean
banner_medium (Fixture *f)
{
  EbbAlarmBanner *banner = ebb_session_live_page_get_banner (ebb_session_view_get_live_page (f->view));
  EbbSession *session = ebb_session_view_get_session (f->view);
  guint id = ebb_alarm_banner_get_shown_id (banner);
  EbbAlarm *alarm;

  if (id == 0)
    return FALSE;
  alarm = ebb_safety_supervisor_get_alarm (ebb_session_get_supervisor (session), id);
  return alarm != NULL && ebb_alarm_get_priority (alarm) == EBB_ALARM_PRIORITY_MEDIUM;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static gboolean
banner_lit (Fixture *f)
{
  GtkWidget *box = find_widget (GTK_WIDGET (ebb_session_live_page_get_banner (ebb_session_view_get_live_page (f->view))),
                                has_css_class, "alarm-box");

  return box != NULL && !gtk_widget_has_css_class (box, "flash-off");
}

static gboolean
second_vacuum (Fixture *f)
{
  EbbSession *session = ebb_session_view_get_session (f->view);

  return ebb_session_get_cycle (session) >= 2 && ebb_session_get_phase (session) == EBB_SESSION_PHASE_VACUUM &&
         ebb_session_get_pressure_pa (session) < -2000;
}

static void
test_leak_alarm (Fixture       *f,
                 gconstpointer  data)
{
  EbbSession *session;
  EbbAlarmBanner *banner = ebb_session_live_page_get_banner (ebb_session_view_get_live_page (f->view));
  EbbSafetySupervisor *supervisor;
  EbbAlarm *alarm;

  /* Vacuum phases long enough for the loss to be noticed in one; the leak
   * opens in the second cycle, so the graph shows a whole one before. */
  ebb_profile_set_vacuum_s (f->profile, 8);
  ebb_profile_set_release_s (f->profile, 4);
  ebb_profile_set_duration_s (f->profile, 60);
  session = g_object_ref (start_session (f));
  supervisor = ebb_session_get_supervisor (session);

  /* The graph's window selector: 30 s. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_type (GTK_WIDGET (ebb_session_view_get_live_page (f->view)),
                                                        GTK_TYPE_DROP_DOWN)), 0);
  g_assert_cmpuint (ebb_pressure_graph_get_window_seconds (ebb_session_live_page_get_graph (ebb_session_view_get_live_page (f->view))),
                    ==, 30);
  g_assert_true (wait_for (second_vacuum, f, 20 * G_USEC_PER_SEC));
  /* A leak that beats the pump. */
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_LEAK, 20000);
  g_assert_true (wait_for (banner_medium, f, BOUND_US));
  alarm = ebb_safety_supervisor_get_alarm (supervisor, ebb_alarm_banner_get_shown_id (banner));
  g_assert_false (ebb_alarm_get_acknowledged (alarm));
  spin (1200);
  /* The screenshot in the lit phase of the flashing. */
  g_assert_true (wait_for (banner_lit, f, 2 * G_USEC_PER_SEC));
  screenshot (GTK_WIDGET (f->window), "live-alarm");

  /* The banner's own actions reach the supervisor. */
  gtk_widget_activate_action (GTK_WIDGET (banner), "alarm-banner.acknowledge", NULL);
  g_assert_true (ebb_alarm_get_acknowledged (alarm));
  gtk_widget_activate_action (GTK_WIDGET (banner), "alarm-banner.pause-audio", NULL);
  g_assert_cmpint (ebb_safety_supervisor_get_audio_pause_remaining_us (supervisor), >, 0);
  g_assert_cmpint (ebb_alarm_banner_get_audio_paused_until (banner), >, g_get_monotonic_time ());

  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_LEAK, 0);
  click (named (f, "estop-button"));
  assert_emergency_stopped (f, session);
  g_object_unref (session);
}

static void
test_unplugged (Fixture       *f,
                gconstpointer  data)
{
  EbbSession *session = g_object_ref (start_session (f));
  EbbAlarmBanner *banner = ebb_session_live_page_get_banner (ebb_session_view_get_live_page (f->view));
  EbbSessionSummaryPage *summary = ebb_session_view_get_summary_page (f->view);
  EbbAlarm *shown;

  ebb_sim_chamber_close_master (simulator (f));
  /* Without a link the runner waits out its vent timeout before it ends. */
  g_assert_true (wait_for (session_finished, f, EBB_SESSION_VENT_TIMEOUT_US + BOUND_US));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_ABORTED);
  g_assert_cmpint (f->highest_raised, ==, EBB_ALARM_PRIORITY_HIGH);
  shown = ebb_safety_supervisor_get_alarm (ebb_session_get_supervisor (session),
                                           ebb_alarm_banner_get_shown_id (banner));
  g_assert_nonnull (shown);
  g_assert_cmpint (ebb_alarm_get_priority (shown), ==, EBB_ALARM_PRIORITY_HIGH);

  g_assert_true (wait_for (summary_shown, f, BOUND_US));
  g_assert_cmpstr (ebb_session_summary_page_get_title (summary), ==, "Session aborted");
  g_assert_true (g_str_has_prefix (ebb_session_summary_page_get_reason (summary), "Aborted by the alarm"));
  screenshot (GTK_WIDGET (f->window), "summary-aborted");
  g_object_unref (session);
}

/* Counts the icon-only Back buttons under @widget, checking that each has
 * an accessible label, the same words as its tooltip. */
static guint
check_back_buttons (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0)
    {
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
      gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           gtk_widget_get_tooltip_text (widget));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += check_back_buttons (child);

  return n;
}

/* A screening recorded in another window while the prepare page is shown
 * changes Start's reason at once: the page asks the screening gate when
 * the screening changes, not on a timer (no main loop turn in between). */
static void
test_screening_while_shown (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) expected = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(EbbOperatorSession) desk = ebb_operator_session_new (f->ops.store);
  g_autoptr(EbbStoredScreening) latest = NULL;
  EbbWindow *other;
  GtkWidget *screening;
  GtkLabel *reason;

  g_assert_false (ebb_session_gate_check_stored (f->ops.store, f->unscreened_id, 365, now, &expected));
  open_prepare (f, f->unscreened_id);
  tick_checklist (f);
  g_assert_cmpstr (blocker (f), ==, expected->message);
  reason = GTK_LABEL (named (f, "blocker-label"));
  g_assert_cmpstr (gtk_label_get_text (reason), ==, expected->message);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (prepare_page (f))));

  /* A clinician at another window of the console screens the client. */
  operators_fixture_add (&f->ops, "clin", EBB_ROLE_CLINICIAN);
  g_assert_true (ebb_operator_session_login (desk, "clin", FIXTURE_PIN, NULL));
  other = ebb_window_new (f->app);
  ebb_window_set_operator_session (other, desk);
  gtk_window_present (GTK_WINDOW (other));
  gtk_widget_activate_action (GTK_WIDGET (other), "client.screen", "x", f->unscreened_id);
  screening = find_type (GTK_WIDGET (other), EBB_TYPE_SCREENING_PAGE);
  g_assert_nonnull (screening);
  fill_clear_screening (screening);
  gtk_widget_activate_action (screening, "screening.submit", NULL);
  latest = ebb_store_screening_latest (f->ops.store, f->unscreened_id, NULL);
  g_assert_nonnull (latest);

  g_assert_cmpstr (ebb_session_prepare_page_get_blocker (prepare_page (f)), !=, expected->message);
  g_assert_cmpstr (gtk_label_get_text (reason), !=, expected->message);
  g_assert_cmpstr (gtk_label_get_text (reason), ==,
                   ebb_session_prepare_page_get_blocker (prepare_page (f)) != NULL
                   ? ebb_session_prepare_page_get_blocker (prepare_page (f)) : "Ready to start.");

  gtk_window_destroy (GTK_WINDOW (other));
}

/* Back from the prepare page returns to the client it was opened from and
 * forgets the prepared session: nothing recorded, nothing to start. */
static void
test_prepare_back (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *list = find_type (GTK_WIDGET (f->window), EBB_TYPE_CLIENT_LIST_PAGE);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (check_back_buttons (GTK_WIDGET (f->window)), >=, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL));
  g_signal_emit_by_name (list, "client-activated", f->client_id);
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "desk");
  g_assert_cmpstr (ebb_window_get_desk_page_name (f->window), ==, "client");
  open_prepare (f, f->client_id);
  click (named (f, "confirm-button"));
  tick_checklist (f);
  g_assert_true (wait_for (can_start, f, BOUND_US));
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "session");

  click (named (f, "prepare-back-button"));
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "desk");
  g_assert_cmpstr (ebb_window_get_desk_page_name (f->window), ==, "client");
  g_assert_null (ebb_session_view_get_session (f->view));
  g_assert_false (can_start (f));
  sessions = ebb_store_session_list (f->ops.store, f->client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 0);

  /* Preparing again starts afresh. */
  open_prepare (f, f->client_id);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (f, "briefed-check"))));
}

static void
test_start_gates (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) expected = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* No screening: the screening gate's own text. */
  g_assert_false (ebb_session_gate_check_stored (f->ops.store, f->unscreened_id, 365, now, &expected));
  open_prepare (f, f->unscreened_id);
  tick_checklist (f);
  g_assert_false (can_start (f));
  g_assert_cmpstr (blocker (f), ==, expected->message);
  g_assert_false (gtk_widget_get_sensitive (named (f, "start-button")));
  g_clear_error (&expected);

  /* Screened, not yet confirmed today. */
  open_prepare (f, f->client_id);
  g_assert_false (ebb_session_gate_check_stored (f->ops.store, f->client_id, 365, now, &expected));
  g_assert_cmpstr (blocker (f), ==, expected->message);
  click (named (f, "confirm-button"));

  /* The checklist. */
  g_assert_cmpstr (blocker (f), ==, "Brief the client, then tick “Client briefed”.");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (f, "briefed-check")), TRUE);
  g_assert_cmpstr (blocker (f), ==,
                   "Give the client the hand switch, then tick “Client holds the hand switch”.");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (f, "hand-switch-check")), TRUE);
  g_assert_true (wait_for (can_start, f, BOUND_US));
  screenshot (GTK_WIDGET (f->window), "prepare-ready");

  /* Lid open, read live from the chamber's flags. */
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_LID_OPEN, 0);
  spin (600);
  g_assert_false (can_start (f));
  g_assert_cmpstr (blocker (f), ==, "The chamber’s lid is open. Close and seal it before starting.");
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_LID_CLOSE, 0);
  g_assert_true (wait_for (can_start, f, BOUND_US));

  /* A latched fault: the emergency-stop button on the chamber. */
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_ESTOP_PRESS, 0);
  spin (300);
  ebb_sim_chamber_inject (simulator (f), EBB_SIM_FAULT_ESTOP_RELEASE, 0);
  spin (600);
  g_assert_false (can_start (f));
  g_assert_true (g_str_has_prefix (blocker (f), "The chamber has latched faults"));
  screenshot (GTK_WIDGET (f->window), "prepare-blocked");

  /* The cause is gone: clearing the faults from the page lets it start. */
  click (named (f, "clear-faults-button"));
  g_assert_true (wait_for (can_start, f, BOUND_US));
}

/* The front desk records that the client reports a change (the client
 * page's own action and dialog, in the console's window); Start session
 * then refuses with the screening gate's reason until a new screening. */
static void
test_reported_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = find_type (GTK_WIDGET (f->window), EBB_TYPE_CLIENT_PAGE);
  GtkWidget *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_nonnull (page);
  /* The window hands its pages the session when it opens the database
   * itself; this one was given it (ebb_window_set_operator_session). */
  ebb_session_bin_set_session (EBB_SESSION_BIN (page), f->ops.ctx);
  g_assert_true (ebb_client_page_load (EBB_CLIENT_PAGE (page), f->client_id, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (page, "client-page.report-change", NULL);
  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = window;
    }
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, is_named, "change-note")), "Chest pain");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "report");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (ebb_client_page_get_screening_status (EBB_CLIENT_PAGE (page)), ==,
                   "Client reported a change in their health");

  open_prepare (f, f->client_id);
  tick_checklist (f);
  g_assert_false (can_start (f));
  g_assert_cmpstr (blocker (f), ==, "The client reported a change in their health; screen them again");
  g_assert_false (gtk_widget_get_sensitive (named (f, "start-button")));
  /* The screening row says so too, and there is nothing to confirm. */
  g_assert_false (gtk_widget_get_mapped (named (f, "confirm-button")));
  {
    GtkWidget *row = gtk_widget_get_ancestor (named (f, "confirm-button"), ADW_TYPE_ACTION_ROW);
    GtkWidget *screening_row = gtk_widget_get_prev_sibling (row);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (screening_row)), ==,
                     "Client reported a change in their health");
  }
  screenshot (GTK_WIDGET (f->window), "prepare-reported-change");
}

/* The open preferences window, if any. */
static EbbPreferencesWindow *
find_preferences (void)
{
  return (EbbPreferencesWindow *) find_toplevel (EBB_TYPE_PREFERENCES_WINDOW);
}

/* The client page's buttons follow the roles of whoever is at the
 * console: a technician starts sessions but does not screen; reception
 * screens but does not start sessions. */
static void
test_client_actions_follow_roles (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = find_type (GTK_WIDGET (f->window), EBB_TYPE_CLIENT_PAGE);
  GtkWidget *start, *screen;

  g_assert_true (ebb_client_page_load (EBB_CLIENT_PAGE (page), f->client_id, &error));
  g_assert_no_error (error);
  start = find_widget (page, has_action_name, "client.start-session");
  screen = find_widget (page, has_action_name, "client.screen");
  g_assert_nonnull (start);
  g_assert_nonnull (screen);
  g_assert_true (gtk_widget_get_sensitive (start));
  g_assert_false (gtk_widget_get_sensitive (screen));

  operators_fixture_add (&f->ops, "rita", EBB_ROLE_RECEPTION);
  operators_fixture_login (&f->ops, "rita");
  g_assert_false (gtk_widget_get_sensitive (start));
  g_assert_true (gtk_widget_get_sensitive (screen));
}

/* app.preferences is an administrator's: disabled while the technician
 * is at the console; for an administrator it opens the window as them, so
 * each change goes through the core and is audited in their name. */
static void
test_preferences_as_operator (Fixture       *f,
                              gconstpointer  data)
{
  EbbPreferencesWindow *prefs = NULL;
  g_autoptr(EbbAuditEntry) entry = NULL;
  GtkWidget *unit;
  gint64 boss;

  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "preferences"));

  boss = operators_fixture_add (&f->ops, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (&f->ops, "boss");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "preferences"));

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  prefs = find_preferences ();
  g_assert_nonnull (prefs);

  unit = find_widget (GTK_WIDGET (prefs), is_type, GSIZE_TO_POINTER (ADW_TYPE_COMBO_ROW));
  adw_combo_row_set_selected (ADW_COMBO_ROW (unit), 1);
  g_assert_null (ebb_preferences_window_get_error (prefs, "pressure-unit"));
  g_assert_cmpuint (operators_fixture_count (&f->ops, "settings.change"), ==, 1);
  entry = operators_fixture_last (&f->ops);
  g_assert_cmpint (entry->operator_id, ==, boss);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A new device setting is applied at once, but never under a running
 * session: the session goes on to its end on the chamber it started on,
 * and the new device is connected after it. */
static void
test_device_change_waits (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  EbbDeviceManager *manager = ebb_application_get_device_manager (f->app);
  g_autoptr(GError) error = NULL;
  EbbSession *session = g_object_ref (start_session (f));

  operators_fixture_add (&f->ops, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (&f->ops, "boss");
  g_assert_true (ebb_admin_change_setting (f->ops.ctx, settings, "device",
                                           g_variant_new_string ("sim:seed=7"), &error));
  g_assert_no_error (error);
  spin (50);
  g_assert_true (ebb_application_get_device_pending (f->app));
  g_assert_cmpstr (ebb_device_manager_get_device (manager), ==, "sim");
  g_assert_false (ebb_session_is_finished (session));

  click (named (f, "estop-button"));
  g_assert_true (wait_for (session_finished, f, BOUND_US));
  g_assert_false (ebb_application_get_device_pending (f->app));
  g_assert_cmpstr (ebb_device_manager_get_device (manager), ==, "sim:seed=7");

  /* Without a session the change is applied at once. */
  g_assert_true (ebb_admin_change_setting (f->ops.ctx, settings, "device",
                                           g_variant_new_string ("sim"), &error));
  g_assert_no_error (error);
  spin (50);
  g_assert_cmpstr (ebb_device_manager_get_device (manager), ==, "sim");
  g_assert_true (wait_for (connected, f, BOUND_US));
  g_object_unref (session);
}

/* A chamber without a lid sensor (capabilities without LID_SENSOR) never
 * reports its lid: the lid row becomes a box the technician ticks, and
 * Start waits for it like the rest of the checklist. */
static void
test_lid_without_sensor (Fixture       *f,
                         gconstpointer  data)
{
  EbbDeviceManager *manager = ebb_application_get_device_manager (f->app);
  EbbSession *session;

  ebb_device_manager_set_device (manager, "sim:capabilities=14");
  g_assert_true (wait_for (connected, f, BOUND_US));
  open_prepare (f, f->client_id);
  click (named (f, "confirm-button"));
  tick_checklist (f);
  spin (300);
  ebb_session_prepare_page_refresh (prepare_page (f));
  g_assert_true (gtk_widget_get_visible (named (f, "lid-check")));
  g_assert_false (can_start (f));
  g_assert_cmpstr (blocker (f), ==, "Check that the lid is closed and sealed, then tick “Lid closed”.");
  screenshot (GTK_WIDGET (f->window), "prepare-no-lid-sensor");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (f, "lid-check")), TRUE);
  g_assert_true (wait_for (can_start, f, BOUND_US));
  click (named (f, "start-button"));
  session = ebb_session_view_get_session (f->view);
  g_assert_true (wait_for (session_vacuum, f, BOUND_US));
  click (named (f, "estop-button"));
  g_assert_true (wait_for (session_finished, f, BOUND_US));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_STOPPED);

  ebb_device_manager_set_device (manager, "sim");
  g_assert_true (wait_for (connected, f, BOUND_US));
}

/* One smoke check that the live graph draws the measured trace: pixels of
 * the trace colour (libadwaita's accent) appear in a rendering of it. */
static void
test_graph_trace (Fixture       *f,
                  gconstpointer  data)
{
  EbbPressureGraph *graph;
  GtkStyleContext *context;
  GdkRGBA accent;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GtkSnapshot *snapshot;
  int width, height;
  guint trace = 0;

  start_session (f);
  spin (1000);
  graph = ebb_session_live_page_get_graph (ebb_session_view_get_live_page (f->view));
  context = gtk_widget_get_style_context (GTK_WIDGET (graph));
  g_assert_true (gtk_style_context_lookup_color (context, "accent_color", &accent));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  width = gtk_widget_get_width (GTK_WIDGET (graph));
  height = gtk_widget_get_height (GTK_WIDGET (graph));
  g_assert_cmpint (width, >, 100);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (graph)->snapshot (GTK_WIDGET (graph), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (graph))),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      const guchar *p = pixels + i * 4;   /* B, G, R, A */

      if (ABS (p[2] - accent.red * 255) < 12 && ABS (p[1] - accent.green * 255) < 12 &&
          ABS (p[0] - accent.blue * 255) < 12)
        trace++;
    }
  g_assert_cmpuint (trace, >, 20);
  click (named (f, "estop-button"));
}

/* -- Locking while a session runs (issue 9) ------------------------- */

static GtkWidget *
window_named (Fixture    *f,
              const char *name)
{
  return named_in (GTK_WIDGET (f->window), name);
}

static gboolean
console_locked (Fixture *f)
{
  return ebb_operator_session_is_locked (f->ops.ctx);
}

/* Ctrl+L as the keyboard gives it, through the X server. */
static void
press_ctrl_l (Fixture *f)
{
  FakeKeyFunc fake_key = xtest_fake_key ();
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  KeyCode control, l;

  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window))),
                  RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  spin (100);
  control = XKeysymToKeycode (xdisplay, XK_Control_L);
  l = XKeysymToKeycode (xdisplay, XK_l);
  fake_key (xdisplay, control, True, 0);
  fake_key (xdisplay, l, True, 0);
  fake_key (xdisplay, l, False, 0);
  fake_key (xdisplay, control, False, 0);
  XFlush (xdisplay);
}

/* The login page on screen, of the several the window holds. */
static GtkWidget *
mapped_login_page (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (EBB_IS_LOGIN_PAGE (child) && gtk_widget_get_mapped (child))
        return child;
      if ((found = mapped_login_page (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The operator chosen, the PIN typed, Enter. */
static void
unlock_on_page (GtkWidget  *page,
                const char *pin)
{
  GtkWidget *entry;

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  entry = find_type (page, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_true (ebb_login_page_select (EBB_LOGIN_PAGE (page), "tech"));
  gtk_editable_set_text (GTK_EDITABLE (entry), pin);
  g_signal_emit_by_name (entry, "activate");
}

/* The PIN typed into the lock panel beside the live screen. */
static void
unlock_with (Fixture    *f,
             const char *pin)
{
  unlock_on_page (window_named (f, "session-lock-page"), pin);
}

static const char *pressure_before;

static gboolean
pressure_changed (Fixture *f)
{
  return g_strcmp0 (ebb_session_live_page_get_pressure_text (ebb_session_view_get_live_page (f->view)),
                    pressure_before) != 0;
}

/* Locked: the live screen in view and updating, the lock panel beside it,
 * every control but the emergency stop disabled (not hidden). */
static void
assert_locked_live (Fixture    *f,
                    EbbSession *session)
{
  EbbSessionLivePage *live = ebb_session_view_get_live_page (f->view);
  EbbAlarmBanner *banner = ebb_session_live_page_get_banner (live);
  EbbPressureGraph *graph = ebb_session_live_page_get_graph (live);
  g_autofree char *before = NULL;
  guint n_samples;

  g_assert_true (console_locked (f));
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "session");
  g_assert_cmpstr (ebb_session_view_get_page_name (f->view), ==, "live");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (live)));
  g_assert_true (gtk_widget_get_mapped (window_named (f, "session-lock-panel")));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_RUNNING);

  /* Still following the session: samples reach the graph, the readout
   * refreshes (the pressure falls and rises with the phases). */
  n_samples = ebb_pressure_graph_get_n_samples (graph);
  before = g_strdup (ebb_session_live_page_get_pressure_text (live));
  pressure_before = before;
  g_assert_true (wait_for (pressure_changed, f, BOUND_US));
  g_assert_cmpuint (ebb_pressure_graph_get_n_samples (graph), >, n_samples);
  g_assert_true (ebb_pressure_graph_get_live (graph));

  /* Out of the way, and disabled through their actions as well; only the
   * emergency stop is there to press. */
  g_assert_false (gtk_widget_get_visible (named (f, "pause-button")));
  g_assert_false (gtk_widget_get_visible (named (f, "stop-button")));
  g_assert_false (gtk_widget_get_visible (named (f, "symptom-button")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "pause-button")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "stop-button")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "symptom-button")));
  g_assert_true (gtk_widget_get_visible (named (f, "estop-button")));
  g_assert_true (gtk_widget_is_sensitive (named (f, "estop-button")));
  g_assert_true (ebb_alarm_banner_get_locked (banner));
  gtk_widget_activate_action (GTK_WIDGET (live), "live.pause-resume", NULL);
  gtk_widget_activate_action (GTK_WIDGET (live), "live.symptom", "i", EBB_SYMPTOM_NAUSEA);
  gtk_widget_activate_action (GTK_WIDGET (live), "live.stop", NULL);
  spin (100);
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_RUNNING);
  /* Nor can the operator leave the live screen. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-clients", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.logout", NULL);
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "session");
  g_assert_true (console_locked (f));

  /* The emergency stop stays. */
  g_assert_true (gtk_widget_is_sensitive (named (f, "estop-button")));
  g_assert_true (gtk_widget_get_mapped (named (f, "estop-button")));
}

static gboolean
preferences_closed (Fixture *f)
{
  return find_preferences () == NULL;
}

/* Preferences never stay open over the lock: Ctrl+L (win.lock) commits
 * the pending edit and closes them; typing in them counts as activity for
 * the idle lock, which closes them once nobody works. */
static void
test_preferences_close_on_lock (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GSettings) settings = ebb_environment_settings ();
  g_autoptr(GError) error = NULL;
  EbbPreferencesWindow *prefs;
  GtkSpinButton *idle_spin;

  gtk_window_present (GTK_WINDOW (f->window));
  operators_fixture_add (&f->ops, "boss", EBB_ROLE_ADMIN);
  operators_fixture_login (&f->ops, "boss");
  g_settings_set_uint (settings, "idle-lock-minutes", 5);

  /* A pending edit (the spin button's commit delay) is committed. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  idle_spin = GTK_SPIN_BUTTON (find_type (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (idle_spin, 9);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL);
  g_assert_true (console_locked (f));
  g_assert_true (wait_for (preferences_closed, f, BOUND_US));
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 9);
  g_assert_cmpuint (operators_fixture_count (&f->ops, "settings.change"), ==, 1);
  g_assert_true (ebb_operator_session_unlock (f->ops.ctx, FIXTURE_PIN, &error));
  g_assert_no_error (error);

  /* Keys pressed in Preferences hold the idle lock off… */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  ebb_window_set_idle_timeout_ms (f->window, 700);
  for (guint i = 0; i < 8; i++)
    {
      press_key (GTK_WINDOW (prefs), XK_Shift_L);
      spin (100);
      g_assert_false (console_locked (f));
    }
  /* …until nobody works: then it locks and closes them. */
  g_assert_true (wait_for (console_locked, f, BOUND_US));
  g_assert_true (wait_for (preferences_closed, f, BOUND_US));
  g_settings_reset (settings, "idle-lock-minutes");
}

typedef int (*FakeButtonFunc) (Display *, unsigned int, int, unsigned long);
typedef int (*FakeMotionFunc) (Display *, int, int, int, unsigned long);

/* A real click of the first mouse button at (10, 10) in @widget, through
 * the X server (XTest). */
static void
click_at (GtkWidget *widget)
{
  void *lib = dlopen ("libXtst.so.6", RTLD_NOW);
  FakeButtonFunc fake_button;
  FakeMotionFunc fake_motion;
  GtkNative *native = gtk_widget_get_native (widget);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t point;
  double sx, sy;
  int rx, ry;
  Window child;

  g_assert_nonnull (lib);
  fake_button = (FakeButtonFunc) dlsym (lib, "XTestFakeButtonEvent");
  fake_motion = (FakeMotionFunc) dlsym (lib, "XTestFakeMotionEvent");
  g_assert_nonnull (fake_button);
  g_assert_nonnull (fake_motion);

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (10, 10), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay), (int) (point.x + sx), (int) (point.y + sy),
                         &rx, &ry, &child);
  fake_motion (xdisplay, -1, rx, ry, 0);
  XSync (xdisplay, False);
  spin (100);
  fake_button (xdisplay, 1, True, 0);
  fake_button (xdisplay, 1, False, 0);
  XFlush (xdisplay);
  dlclose (lib);
}

static gboolean
is_operator_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "username"), data) == 0;
}

/* The keyboard path of the login page: after a click on an operator, the
 * digits typed go into the PIN entry, not onto the clicked row. */
static void
test_login_click_then_type (Fixture       *f,
                            gconstpointer  data)
{
  static const guint digits[] = { XK_2, XK_4, XK_6, XK_8, XK_1, XK_0 };
  GtkWidget *page, *row, *entry;
  gint64 deadline;

  gtk_window_present (GTK_WINDOW (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.logout", NULL);
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "login");
  spin (100);
  page = mapped_login_page (GTK_WIDGET (f->window));
  g_assert_nonnull (page);
  row = find_widget (page, is_operator_row, "tech");
  g_assert_nonnull (row);
  entry = find_widget (page, is_password_entry, NULL);
  g_assert_nonnull (entry);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_get_mapped (row));

  click_at (row);
  deadline = g_get_monotonic_time () + BOUND_US;
  while (!gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  spin (200);

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    press_key (GTK_WINDOW (f->window), digits[i]);
  spin (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, FIXTURE_PIN);

  /* And Enter logs in. */
  press_key (GTK_WINDOW (f->window), XK_Return);
  spin (200);
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "desk");
}

/* Ctrl+L or the idle lock during a session: the live screen stays and
 * updates; pause and stop wait for the right PIN. */
static void
test_lock_keeps_live (Fixture       *f,
                      gconstpointer  data)
{
  gboolean idle = GPOINTER_TO_INT (data);
  EbbSession *session;
  int width;

  ebb_profile_set_duration_s (f->profile, 60);
  session = g_object_ref (start_session (f));
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  if (idle)
    ebb_window_set_idle_timeout_ms (f->window, 200);
  else
    press_ctrl_l (f);
  g_assert_true (wait_for (console_locked, f, BOUND_US));
  assert_locked_live (f, session);
  /* The lock panel takes room from the live page, not from the screen:
   * the window keeps its width, also on a 1024 px screen (.ci/test). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  /* For the documentation, a few cycles on the graph first. */
  if (!idle && g_getenv ("EBB_SCREENSHOT_DIR") != NULL)
    {
      spin (9000);
      gui_test_shoot (GTK_WIDGET (f->window), "session-live-locked.png");
    }

  /* A wrong PIN keeps everything as it is. */
  unlock_with (f, "000000");
  g_assert_true (console_locked (f));
  g_assert_true (gtk_widget_get_mapped (window_named (f, "session-lock-panel")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "pause-button")));

  /* The right one gives the controls back, on the same screen. */
  ebb_window_set_idle_timeout_ms (f->window, 60 * 1000);
  unlock_with (f, FIXTURE_PIN);
  g_assert_false (console_locked (f));
  g_assert_false (gtk_widget_get_visible (window_named (f, "session-lock-panel")));
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "session");
  g_assert_cmpstr (ebb_session_view_get_page_name (f->view), ==, "live");
  g_assert_false (ebb_alarm_banner_get_locked (ebb_session_live_page_get_banner (ebb_session_view_get_live_page (f->view))));
  g_assert_true (gtk_widget_get_visible (named (f, "stop-button")));
  g_assert_true (gtk_widget_is_sensitive (named (f, "stop-button")));
  g_assert_true (gtk_widget_get_visible (named (f, "pause-button")));
  click (named (f, "pause-button"));
  g_assert_cmpint (ebb_session_get_state (session), ==, EBB_SESSION_STATE_PAUSED);

  click (named (f, "estop-button"));
  assert_emergency_stopped (f, session);
  g_object_unref (session);
}

/* The emergency stop behind the lock: the button, Escape and F12 (with
 * the focus in the PIN entry). The session ends stopped; the console
 * stays locked, and unlocking shows the summary. */
static void
test_locked_emergency_stop (Fixture       *f,
                            gconstpointer  data)
{
  guint keysym = GPOINTER_TO_UINT (data);
  EbbSession *session = g_object_ref (start_session (f));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_true (console_locked (f));
  g_assert_true (gtk_widget_get_mapped (window_named (f, "session-lock-panel")));
  /* Typing goes into the PIN entry, never onto the emergency stop. */
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (f->window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)),
                                         window_named (f, "session-lock-page")));

  if (keysym == 0)
    click (named (f, "estop-button"));
  else
    press_key (GTK_WINDOW (f->window), keysym);
  g_assert_true (wait_for (session_stopped, f, 2 * G_USEC_PER_SEC));
  assert_emergency_stopped (f, session);

  /* Nothing runs any more: the ordinary lock page, and the summary after
   * unlocking. */
  g_assert_true (console_locked (f));
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "lock");
  g_assert_false (gtk_widget_get_visible (window_named (f, "session-lock-panel")));
  unlock_on_page (mapped_login_page (GTK_WIDGET (f->window)), FIXTURE_PIN);
  g_assert_false (console_locked (f));
  g_assert_cmpstr (ebb_window_get_page_name (f->window), ==, "session");
  g_assert_cmpstr (ebb_session_view_get_page_name (f->view), ==, "summary");
  g_object_unref (session);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* GTK's test accessibility backend, rather than none (the suite's
   * default), so the accessible properties of the readouts can be read
   * back; it talks to no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* gtk_test_init cannot isolate directories; the fixture keeps its
   * database in a directory of its own (operators-fixture.c). */
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  settings = ebb_environment_settings ();

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_settings_set_string (settings, "device", "sim");
  app = ebb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

#define ADD(path, func, data) \
  g_test_add ("/ebb/session-ui/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("complete-session", test_complete_session, NULL);
  ADD ("emergency-stop-button", test_emergency_stop_button, NULL);
  ADD ("emergency-stop-action", test_emergency_stop_action, NULL);
  ADD ("emergency-stop-escape", test_emergency_stop_key, GUINT_TO_POINTER (XK_Escape));
  ADD ("emergency-stop-f12", test_emergency_stop_key, GUINT_TO_POINTER (XK_F12));
  ADD ("emergency-stop-escape-in-dialog", test_emergency_stop_in_dialog, GUINT_TO_POINTER (XK_Escape));
  ADD ("emergency-stop-escape-in-preferences", test_emergency_stop_other_window, GUINT_TO_POINTER (XK_Escape));
  ADD ("emergency-stop-f12-in-preferences", test_emergency_stop_other_window, GUINT_TO_POINTER (XK_F12));
  ADD ("stop-confirmed", test_stop_confirmed, NULL);
  ADD ("symptom-then-end", test_symptom_then_end, NULL);
  ADD ("leak-alarm", test_leak_alarm, NULL);
  ADD ("start-gates", test_start_gates, NULL);
  ADD ("prepare-back", test_prepare_back, NULL);
  ADD ("screening-while-shown", test_screening_while_shown, NULL);
  ADD ("reported-change", test_reported_change, NULL);
  ADD ("preferences-as-operator", test_preferences_as_operator, NULL);
  ADD ("device-change-waits", test_device_change_waits, NULL);
  ADD ("lid-without-sensor", test_lid_without_sensor, NULL);
  ADD ("preferences-close-on-lock", test_preferences_close_on_lock, NULL);
  ADD ("login-click-then-type", test_login_click_then_type, NULL);
  ADD ("client-actions-follow-roles", test_client_actions_follow_roles, NULL);
  ADD ("graph-trace", test_graph_trace, NULL);
  ADD ("lock-ctrl-l-keeps-live", test_lock_keeps_live, GINT_TO_POINTER (FALSE));
  ADD ("idle-lock-keeps-live", test_lock_keeps_live, GINT_TO_POINTER (TRUE));
  ADD ("locked-emergency-stop-button", test_locked_emergency_stop, GUINT_TO_POINTER (0));
  ADD ("locked-emergency-stop-escape", test_locked_emergency_stop, GUINT_TO_POINTER (XK_Escape));
  ADD ("locked-emergency-stop-f12", test_locked_emergency_stop, GUINT_TO_POINTER (XK_F12));
  /* Last: the simulated cable stays pulled until the manager reconnects. */
  ADD ("unplugged", test_unplugged, NULL);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
