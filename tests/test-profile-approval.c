/* test-profile-approval.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "ebb-profile-record.h"
#include "operators-fixture.h"

/* Approvals of profiles beyond the clinic limit, against a real store:
 * only the clinician, logged in, records one; every other version starts
 * unapproved. */

#define LIMIT EBB_PROFILE_DEFAULT_CLINIC_LIMIT_PA

static EbbProfile *
deep_profile (void)
{
  EbbProfile *profile = ebb_profile_new ("Deep");

  ebb_profile_set_level_pa (profile, -6000);
  ebb_profile_set_vacuum_s (profile, 10);
  ebb_profile_set_release_s (profile, 7);
  ebb_profile_set_duration_s (profile, 1200);
  return profile;
}

static void
set_up (OperatorsFixture *f,
        gconstpointer     data)
{
  operators_fixture_set_up (f, data);
  operators_fixture_add (f, "boss", EBB_ROLE_ADMIN);
  operators_fixture_add (f, "drx", EBB_ROLE_CLINICIAN);
  operators_fixture_add (f, "tom", EBB_ROLE_TECHNICIAN);
  operators_fixture_add (f, "both", EBB_ROLE_ADMIN | EBB_ROLE_CLINICIAN);
}

static void
switch_to (OperatorsFixture *f,
           const char       *username)
{
  ebb_operator_session_logout (f->ctx);
  operators_fixture_login (f, username);
}

static EbbProfile *
current (OperatorsFixture *f)
{
  g_autoptr(GError) error = NULL;
  EbbProfile *profile = ebb_profile_lookup (f->store, "Deep", NULL, &error);

  g_assert_no_error (error);
  return profile;
}

static guint
n_stored (OperatorsFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ebb_store_profile_list_current (f->store, TRUE, &error);

  g_assert_no_error (error);
  return list->len;
}

/* The administrator stores the deep profile, unapproved, and stays logged in. */
static void
store_unapproved (OperatorsFixture *f)
{
  g_autoptr(EbbProfile) profile = deep_profile ();
  g_autoptr(GError) error = NULL;

  operators_fixture_login (f, "boss");
  g_assert_cmpint (ebb_profile_save (f->ctx, profile, LIMIT, &error), >, 0);
  g_assert_no_error (error);
}

/* The newest entry is a refused approval. */
static void
assert_denied_audited (OperatorsFixture *f,
                       guint             before)
{
  g_autoptr(EbbAuditEntry) last = operators_fixture_last (f);

  g_assert_cmpuint (operators_fixture_count (f, EBB_AUDIT_PERMISSION_DENIED), ==, before + 1);
  g_assert_cmpstr (last->action, ==, EBB_AUDIT_PERMISSION_DENIED);
  g_assert_nonnull (strstr (last->detail_json, "profile-approve"));
}

static void
test_admin_cannot_approve_for_clinician (OperatorsFixture *f,
                                         gconstpointer     data)
{
  const char *names[] = { "drx", "Test drx", "boss", "" };

  operators_fixture_login (f, "boss");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(EbbProfile) profile = deep_profile ();
      g_autoptr(GError) error = NULL;
      guint denied = operators_fixture_count (f, EBB_AUDIT_PERMISSION_DENIED);

      /* By user name, by display name, or in the administrator's own name:
       * an administrator without the clinician role approves nothing. */
      ebb_profile_set_approval (profile, TRUE, names[i]);
      g_assert_cmpint (ebb_profile_save (f->ctx, profile, LIMIT, &error), ==, 0);
      g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
      assert_denied_audited (f, denied);
      g_assert_cmpuint (n_stored (f), ==, 0);
    }

  g_assert_cmpuint (operators_fixture_count (f, "profile.create"), ==, 0);
  g_assert_cmpuint (operators_fixture_count (f, "profile.approve"), ==, 0);
}

static void
test_clinician_approves (OperatorsFixture *f,
                         gconstpointer     data)
{
  g_autoptr(EbbProfile) profile = deep_profile ();
  g_autoptr(EbbProfile) stored = NULL;
  g_autoptr(EbbProfile) approved = NULL;
  g_autoptr(EbbAuditEntry) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  gint64 first, second;

  /* The administrator stores it unapproved; no session may run it. */
  operators_fixture_login (f, "boss");
  first = ebb_profile_save (f->ctx, profile, LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  stored = current (f);
  g_assert_false (ebb_profile_get_clinician_approved (stored));
  g_assert_true (ebb_profile_needs_approval (stored, LIMIT));
  g_assert_false (ebb_profile_validate (stored, LIMIT, &error));
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NEEDS_APPROVAL);
  g_clear_error (&error);

  /* The administrator cannot approve it either. */
  g_assert_cmpint (ebb_profile_approve (f->ctx, "Deep", LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  switch_to (f, "drx");
  second = ebb_profile_approve (f->ctx, "Deep", LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  approved = current (f);
  g_assert_cmpuint (ebb_profile_get_version (approved), ==, 2);
  g_assert_true (ebb_profile_get_clinician_approved (approved));
  g_assert_cmpstr (ebb_profile_get_approved_by (approved), ==, "Test drx");
  g_assert_cmpint (ebb_profile_get_level_pa (approved), ==, -6000);
  g_assert_true (ebb_profile_validate (approved, LIMIT, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (operators_fixture_count (f, "profile.approve"), ==, 1);
  last = operators_fixture_last (f);
  subject = g_strdup_printf ("profile:%" G_GINT64_FORMAT, second);
  g_assert_cmpstr (last->action, ==, "profile.approve");
  g_assert_cmpstr (last->subject, ==, subject);

  /* Approving the approved version again adds nothing. */
  g_assert_cmpint (ebb_profile_approve (f->ctx, "Deep", LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_ALREADY_APPROVED);
  g_clear_error (&error);
  g_assert_cmpuint (operators_fixture_count (f, "profile.approve"), ==, 1);

  g_assert_cmpint (ebb_profile_approve (f->ctx, "No such profile", LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ebb_profile_approve (f->ctx, "Standard", LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PROFILE_ERROR, EBB_PROFILE_ERROR_READ_ONLY);
}

static void
test_edit_drops_approval (OperatorsFixture *f,
                          gconstpointer     data)
{
  g_autoptr(EbbProfile) approved = NULL;
  g_autoptr(EbbProfile) copied = NULL;
  g_autoptr(EbbProfile) edited = NULL;
  g_autoptr(EbbProfile) after = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  guint denied;

  store_unapproved (f);
  switch_to (f, "drx");
  g_assert_cmpint (ebb_profile_approve (f->ctx, "Deep", LIMIT, &error), >, 0);
  g_assert_no_error (error);
  approved = current (f);

  /* The approved version written out and added back, approval and all, is
   * the administrator claiming the clinician's approval: refused. */
  switch_to (f, "boss");
  json = ebb_profile_to_json (approved);
  copied = ebb_profile_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_profile_get_clinician_approved (copied));
  denied = operators_fixture_count (f, EBB_AUDIT_PERMISSION_DENIED);
  g_assert_cmpint (ebb_profile_save (f->ctx, copied, LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  assert_denied_audited (f, denied);
  after = current (f);
  g_assert_cmpuint (ebb_profile_get_version (after), ==, 2);
  g_clear_object (&after);

  /* An edit is a new version without the approval. */
  edited = ebb_profile_new_version (approved, &error);
  g_assert_no_error (error);
  ebb_profile_set_description (edited, "Shorter sessions");
  ebb_profile_set_duration_s (edited, 900);
  g_assert_cmpint (ebb_profile_save (f->ctx, edited, LIMIT, &error), >, 0);
  g_assert_no_error (error);
  after = current (f);
  g_assert_cmpuint (ebb_profile_get_version (after), ==, 3);
  g_assert_false (ebb_profile_get_clinician_approved (after));
  g_assert_true (ebb_profile_needs_approval (after, LIMIT));
  g_assert_false (ebb_profile_validate (after, LIMIT, NULL));
}

static void
test_technician_cannot_approve (OperatorsFixture *f,
                                gconstpointer     data)
{
  g_autoptr(EbbProfile) after = NULL;
  g_autoptr(GError) error = NULL;
  guint denied;

  store_unapproved (f);

  switch_to (f, "tom");
  denied = operators_fixture_count (f, EBB_AUDIT_PERMISSION_DENIED);
  g_assert_cmpint (ebb_profile_approve (f->ctx, "Deep", LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  assert_denied_audited (f, denied);
  g_assert_cmpuint (operators_fixture_count (f, "profile.approve"), ==, 0);

  after = current (f);
  g_assert_cmpuint (ebb_profile_get_version (after), ==, 1);
  g_assert_false (ebb_profile_get_clinician_approved (after));
}

/* An operator who is administrator and clinician may save and approve in
 * one step, in their own name only. */
static void
test_admin_clinician_saves_own_approval (OperatorsFixture *f,
                                         gconstpointer     data)
{
  g_autoptr(EbbProfile) own = deep_profile ();
  g_autoptr(EbbProfile) other = deep_profile ();
  g_autoptr(EbbProfile) after = NULL;
  g_autoptr(GError) error = NULL;

  operators_fixture_login (f, "both");
  ebb_profile_set_approval (other, TRUE, "drx");
  g_assert_cmpint (ebb_profile_save (f->ctx, other, LIMIT, &error), ==, 0);
  g_assert_error (error, EBB_PERMISSION_ERROR, EBB_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (n_stored (f), ==, 0);

  ebb_profile_set_approval (own, TRUE, "both");
  g_assert_cmpint (ebb_profile_save (f->ctx, own, LIMIT, &error), >, 0);
  g_assert_no_error (error);
  after = current (f);
  g_assert_true (ebb_profile_get_clinician_approved (after));
  g_assert_cmpstr (ebb_profile_get_approved_by (after), ==, "Test both");
  g_assert_cmpuint (operators_fixture_count (f, "profile.create"), ==, 1);
  g_assert_cmpuint (operators_fixture_count (f, "profile.approve"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ebb/profile-approval/" path, OperatorsFixture, NULL, set_up, func, \
              operators_fixture_tear_down)

  ADD ("admin-cannot-approve-for-clinician", test_admin_cannot_approve_for_clinician);
  ADD ("clinician-approves", test_clinician_approves);
  ADD ("edit-drops-approval", test_edit_drops_approval);
  ADD ("technician-cannot-approve", test_technician_cannot_approve);
  ADD ("admin-clinician-saves-own-approval", test_admin_clinician_saves_own_approval);

#undef ADD

  return g_test_run ();
}
