/* test-recorder.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ebb-profile.h"
#include "ebb-store-recorder.h"
#include "ebb-virtual-clock.h"
#include "store-test-util.h"

/* The store recorder on a virtual clock: the events it writes carry the
 * chamber's clock at the moment they happened, on the samples' time line. */

typedef struct
{
  EbbStore         *store;
  EbbVirtualClock  *clock;
  EbbStoreRecorder *recorder;
  gint64            session_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(EbbProfile) profile = ebb_profile_new ("Standard");
  g_autoptr(JsonObject) snapshot = ebb_profile_to_json (profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *client = NULL;
  gint64 client_id;

  f->store = store_test_open ("recorder.db");
  client_id = store_test_add_client (f->store, "Lind", "Ada", NULL, NULL);
  client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  f->clock = ebb_virtual_clock_new ();
  f->recorder = ebb_store_recorder_new (f->store, client_id, 0, 0, 0, "EBB-1", "1.0");
  ebb_store_recorder_set_clock (f->recorder, EBB_CLOCK (f->clock));
  g_assert_true (ebb_recorder_begin (EBB_RECORDER (f->recorder), client, "Ada", "SN-1", snapshot,
                                     &f->session_id, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (f->recorder);
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
}

static void
add_event (Fixture    *f,
           const char *type,
           const char *detail)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_recorder_add_event (EBB_RECORDER (f->recorder), f->session_id, 0, type, detail,
                                         "Ada", &error));
  g_assert_no_error (error);
}

/* A batch of @n samples 10 ms apart whose last one was measured at
 * @last_ms, arriving now. */
static void
add_batch (Fixture *f,
           guint32  last_ms,
           guint    n)
{
  g_autoptr(GError) error = NULL;
  EbbEcpTelemetry batch[8] = { 0 };

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (batch));
  for (guint i = 0; i < n; i++)
    batch[i].device_ms = last_ms - 10 * (n - 1 - i);
  g_assert_true (ebb_recorder_add_samples (EBB_RECORDER (f->recorder), f->session_id, batch, n, &error));
  g_assert_no_error (error);
}

static GPtrArray *
finish_and_read (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  EbbDeviceLinkStats stats = { 0 };
  GPtrArray *events;

  g_assert_true (ebb_recorder_finish (EBB_RECORDER (f->recorder), f->session_id, "completed", NULL,
                                      &stats, &error));
  g_assert_no_error (error);
  events = ebb_store_session_read_events (f->store, f->session_id, &error);
  g_assert_no_error (error);
  return events;
}

static const EbbSessionEvent *
event_at (GPtrArray  *events,
          guint       i,
          const char *message)
{
  const EbbSessionEvent *event = g_ptr_array_index (events, i);

  g_assert_cmpstr (event->message, ==, message);
  /* The wall clock is kept as well. */
  g_assert_cmpint (event->time_us, >, 0);
  return event;
}

/* The device clock wraps at 2^32 ms during the session. An event before
 * the first sample is dated back from it; later ones from the newest
 * sample and the time since it arrived. */
static void
test_device_time (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) events = NULL;
  guint32 first = G_MAXUINT32 - 25;

  add_event (f, "state", "running");
  ebb_virtual_clock_advance (f->clock, 40 * 1000);
  /* Five samples first .. first + 40, the last past the wrap: 14. */
  add_batch (f, first + 40, 5);
  ebb_virtual_clock_advance (f->clock, 7 * 1000);
  add_event (f, "phase", "vacuum 1");
  ebb_virtual_clock_advance (f->clock, 3 * 1000);
  add_batch (f, 24, 1);
  ebb_virtual_clock_advance (f->clock, 250 * 1000);
  add_event (f, "state", "paused");
  /* A batch that arrived late: the newest sample is what counts. */
  ebb_virtual_clock_advance (f->clock, 100 * 1000);
  add_batch (f, 370, 8);
  ebb_virtual_clock_advance (f->clock, 4 * 1000);
  add_event (f, "phase", "vacuum 1");

  events = finish_and_read (f);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpuint (event_at (events, 0, "running")->device_ms, ==, first);
  g_assert_cmpuint (event_at (events, 1, "vacuum 1")->device_ms, ==, 21);
  g_assert_cmpuint (event_at (events, 2, "paused")->device_ms, ==, 274);
  g_assert_cmpuint (event_at (events, 3, "vacuum 1")->device_ms, ==, 374);
}

/* Device time 0 means "unknown" in the store; an event at exactly 0 on
 * the chamber's clock is written 1 ms later. */
static void
test_device_time_zero (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) events = NULL;

  add_batch (f, G_MAXUINT32 - 9, 1);
  ebb_virtual_clock_advance (f->clock, 10 * 1000);
  add_event (f, "phase", "vacuum 1");

  events = finish_and_read (f);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpuint (event_at (events, 0, "vacuum 1")->device_ms, ==, 1);
}

/* A chamber that sends nothing: the events wait for a sample only a
 * second, then go to the disk without the device time, as they do when
 * the session ends before any sample. */
static void
test_no_samples (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) events = NULL;

  add_event (f, "state", "running");
  add_event (f, "phase", "vacuum 1");
  ebb_virtual_clock_advance (f->clock, G_USEC_PER_SEC);
  g_assert_cmpuint (ebb_virtual_clock_n_pending (f->clock), ==, 0);
  add_event (f, "state", "paused");

  events = finish_and_read (f);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpuint (event_at (events, 0, "running")->device_ms, ==, 0);
  g_assert_cmpuint (event_at (events, 1, "vacuum 1")->device_ms, ==, 0);
  g_assert_cmpuint (event_at (events, 2, "paused")->device_ms, ==, 0);
  g_assert_cmpuint (ebb_virtual_clock_n_pending (f->clock), ==, 0);
}

/* Held events keep their order with the ones that follow the first
 * sample. */
static void
test_order (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) events = NULL;

  add_event (f, "state", "running");
  ebb_virtual_clock_advance (f->clock, 5 * 1000);
  add_event (f, "phase", "vacuum 1");
  ebb_virtual_clock_advance (f->clock, 20 * 1000);
  add_batch (f, 1000, 2);
  add_event (f, "symptom", "dizzy");

  events = finish_and_read (f);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpuint (event_at (events, 0, "running")->device_ms, ==, 975);
  g_assert_cmpuint (event_at (events, 1, "vacuum 1")->device_ms, ==, 980);
  g_assert_cmpuint (event_at (events, 2, "dizzy")->device_ms, ==, 1000);
  g_assert_cmpuint (ebb_virtual_clock_n_pending (f->clock), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ebb/recorder/store/device-time", Fixture, NULL,
              fixture_set_up, test_device_time, fixture_tear_down);
  g_test_add ("/ebb/recorder/store/device-time-zero", Fixture, NULL,
              fixture_set_up, test_device_time_zero, fixture_tear_down);
  g_test_add ("/ebb/recorder/store/no-samples", Fixture, NULL,
              fixture_set_up, test_no_samples, fixture_tear_down);
  g_test_add ("/ebb/recorder/store/order", Fixture, NULL,
              fixture_set_up, test_order, fixture_tear_down);

  return g_test_run ();
}
