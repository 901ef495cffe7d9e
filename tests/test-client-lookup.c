/* test-client-lookup.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-client-lookup.h"
#include "store-test-util.h"

/* The one rule by which a client named by hand is found (`run --client`,
 * the audit filters): the exact client number, then a record number, then
 * a name that means exactly one client. */

/* Returns the family name of the client @text finds, asserting it finds one. */
static char *
lookup_name (EbbStore   *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = ebb_client_lookup (store, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return g_strdup (client->family_name);
}

/* Returns the message of the error @text gives, asserting its code. */
static char *
lookup_error (EbbStore   *store,
              const char *text,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbbClient) client = ebb_client_lookup (store, text, &error);

  g_assert_error (error, EBB_CLIENT_LOOKUP_ERROR, code);
  g_assert_null (client);
  return g_strdup (error->message);
}

static void
test_number_before_name (void)
{
  g_autoptr(EbbStore) store = store_test_open ("lookup.db");
  g_autofree char *found = NULL;
  g_autofree char *message = NULL;

  store_test_add_client (store, "Müller", "Anna", "1984-03-12", "K-17");
  /* A client number that reads like the other client's name. */
  store_test_add_client (store, "Kessler", "Jan", NULL, "Müller");

  found = lookup_name (store, "Müller");
  g_assert_cmpstr (found, ==, "Kessler");
  g_clear_pointer (&found, g_free);

  /* The client number is matched exactly; anything else is a name, and
   * "müller" is both the one's name and the other's number. */
  message = lookup_error (store, "müller", EBB_CLIENT_LOOKUP_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (message, "More than one client matches “müller”"));
  g_assert_nonnull (strstr (message, "  K-17  Müller, Anna, born 1984-03-12\n"));
  g_assert_nonnull (strstr (message, "  Müller  Kessler, Jan\n"));
  g_assert_nonnull (strstr (message, "Enter the client number"));

  found = lookup_name (store, "  K-17 ");
  g_assert_cmpstr (found, ==, "Müller");
  g_clear_pointer (&found, g_free);
  found = lookup_name (store, "anna");
  g_assert_cmpstr (found, ==, "Müller");
  g_clear_pointer (&found, g_free);
  found = lookup_name (store, "kess");
  g_assert_cmpstr (found, ==, "Kessler");
}

static void
test_record_number (void)
{
  g_autoptr(EbbStore) store = store_test_open ("lookup.db");
  g_autofree char *found = NULL;
  g_autofree char *message = NULL;
  gint64 first, second;

  first = store_test_add_client (store, "Berg", NULL, "2001-01-01", NULL);
  second = store_test_add_client (store, "Dahl", NULL, NULL, NULL);
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (second, ==, 2);

  /* Digits are the record number, never part of a name: "1" would match
   * Berg's date of birth, and "2001" matches nothing. */
  found = lookup_name (store, "2");
  g_assert_cmpstr (found, ==, "Dahl");
  g_clear_pointer (&found, g_free);
  message = lookup_error (store, "2001", EBB_CLIENT_LOOKUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (message, "No client matches “2001”"));
  g_clear_pointer (&message, g_free);

  /* A client number made of digits comes first. */
  store_test_add_client (store, "Eck", NULL, NULL, "1");
  found = lookup_name (store, "1");
  g_assert_cmpstr (found, ==, "Eck");
  g_clear_pointer (&found, g_free);

  /* Without a client number the list names the record number to type,
   * unless that is another client's number. */
  store_test_add_client (store, "Berger", NULL, NULL, NULL);
  message = lookup_error (store, "berg", EBB_CLIENT_LOOKUP_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (message, "  (no client number)  Berg, born 2001-01-01\n"));
  g_assert_nonnull (strstr (message, "  4  Berger\n"));
}

static void
test_archived_and_many (void)
{
  g_autoptr(EbbStore) store = store_test_open ("lookup.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  id = store_test_add_client (store, "Lund", "Ole", NULL, "L-1");
  ebb_store_client_set_archived (store, id, TRUE, &error);
  g_assert_no_error (error);

  /* Archived clients keep their records, so they are found. */
  found = lookup_name (store, "lund");
  g_assert_cmpstr (found, ==, "Lund");

  for (guint i = 2; i <= 7; i++)
    {
      g_autofree char *number = g_strdup_printf ("L-%u", i);

      store_test_add_client (store, "Lund", "Per", NULL, number);
    }

  message = lookup_error (store, "lund", EBB_CLIENT_LOOKUP_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (message, " (archived)\n"));
  g_assert_nonnull (strstr (message, "  … and more.\n"));
  g_clear_pointer (&message, g_free);

  message = lookup_error (store, "   ", EBB_CLIENT_LOOKUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (message, "client number"));
  g_clear_pointer (&message, g_free);
  message = lookup_error (store, "nobody", EBB_CLIENT_LOOKUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (message, "No client matches “nobody”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/client-lookup/number-before-name", test_number_before_name);
  g_test_add_func ("/ebb/client-lookup/record-number", test_record_number);
  g_test_add_func ("/ebb/client-lookup/archived-and-many", test_archived_and_many);

  return g_test_run ();
}
