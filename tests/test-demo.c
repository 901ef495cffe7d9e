/* test-demo.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "ebb-demo.h"
#include "ebb-permissions.h"
#include "operators-fixture.h"

/* The first run's demonstration (ebb-demo.c): its screening is recorded by
 * the front desk like any other, so it follows the same rules. */

static EbbStoredScreening *
demo_screening (OperatorsFixture *fixture,
                gint64            client_id)
{
  g_autoptr(GPtrArray) screenings = NULL;
  g_autoptr(GError) error = NULL;

  screenings = ebb_store_screening_list (fixture->store, client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (screenings->len, ==, 1);
  return g_ptr_array_steal_index (screenings, 0);
}

static void
test_screening_follows_front_desk (OperatorsFixture *fixture,
                                   gconstpointer     data)
{
  g_autoptr(EbbStoredScreening) screening = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  gint64 client_id;

  operators_fixture_add (fixture, "admin", EBB_ROLE_ADMIN | EBB_ROLE_RECEPTION | EBB_ROLE_CLINICIAN);
  operators_fixture_login (fixture, "admin");

  client_id = ebb_demo_set_up (fixture->ctx, 90, -5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (client_id, >, 0);

  screening = demo_screening (fixture, client_id);
  g_assert_cmpstr (screening->questionnaire_id, ==, "demo");
  g_assert_cmpstr (screening->outcome, ==, "note");
  g_assert_cmpstr (screening->answers_json, ==, "{}");
  g_assert_nonnull (strstr (screening->reasons_json, "\"outcome\":\"note\""));
  g_assert_nonnull (strstr (screening->reasons_json, "no questions were asked"));
  g_assert_cmpint (screening->screened_us, ==, fixture->now_us);

  /* Valid for 90 calendar days, as every screening: across the change to
   * summer time that is an hour short of 90 × 24 hours. */
  now = g_date_time_new_from_unix_local (fixture->now_us / G_USEC_PER_SEC);
  until = g_date_time_add_days (now, 90);
  g_assert_cmpint (screening->valid_until_us, ==, g_date_time_to_unix (until) * G_USEC_PER_SEC);
  g_assert_cmpint (screening->valid_until_us, <, fixture->now_us + 90 * G_TIME_SPAN_DAY);

  /* Audited as the front desk audits a history without examination items. */
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.history"), ==, 1);
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.examination"), ==, 0);
}

static void
test_refused_without_roles (OperatorsFixture *fixture,
                            gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  /* An administrator without the front-desk roles sets up nothing. */
  operators_fixture_add (fixture, "admin", EBB_ROLE_ADMIN);
  operators_fixture_login (fixture, "admin");
  g_assert_cmpint (ebb_demo_set_up (fixture->ctx, 90, -5000, &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_assert_cmpuint (operators_fixture_count (fixture, "screening.history"), ==, 0);
  g_assert_cmpuint (operators_fixture_count (fixture, "permission.denied"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* A clinic in Germany: 90 days from 1 March cross the change to summer
   * time, where calendar days and 24-hour spans part. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/ebb/demo/screening-follows-front-desk", OperatorsFixture, NULL,
              operators_fixture_set_up, test_screening_follows_front_desk, operators_fixture_tear_down);
  g_test_add ("/ebb/demo/refused-without-roles", OperatorsFixture, NULL,
              operators_fixture_set_up, test_refused_without_roles, operators_fixture_tear_down);

  return g_test_run ();
}
