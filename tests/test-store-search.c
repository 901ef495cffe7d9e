/* test-store-search.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ebb-store.h"
#include "store-test-util.h"

/* Search as you type: accents, case, word order, dates and ids, input that
 * looks like FTS5 syntax. test-store-slow.c checks 100,000 clients. */


/* Returns the family names found, joined with "|". */
static char *
search (EbbStore   *store,
        const char *text,
        gboolean    archived)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GString *names = g_string_new (NULL);

  found = ebb_store_client_search (store, text, archived, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      if (i > 0)
        g_string_append_c (names, '|');
      g_string_append (names, ((EbbClient *) g_ptr_array_index (found, i))->family_name);
    }

  return g_string_free (names, FALSE);
}

#define assert_search(store, text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = search (store, text, FALSE); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_accents (void)
{
  g_autoptr(EbbStore) store = store_test_open ("accents.db");
  g_autoptr(GError) error = NULL;
  gint64 archived;

  store_test_add_client (store, "Müller", "Jürgen", "1958-11-02", "K-100");
  store_test_add_client (store, "Ødegård-Łukasiewicz", "Zoë", "1984-03-12", "K-200");
  store_test_add_client (store, "Mueller", "Hans", "1960-01-01", NULL);
  store_test_add_client (store, "Straße", "Anna", NULL, "AB-7");
  store_test_add_client (store, "Nguyễn", "Thị Minh", "1990-01-30", NULL);
  store_test_add_client (store, "李", "小龙", NULL, NULL);
  archived = store_test_add_client (store, "Müllerová", "Eva", NULL, NULL);
  g_assert_true (ebb_store_client_set_archived (store, archived, TRUE, &error));

  assert_search (store, "Muller", "Müller");
  assert_search (store, "müller", "Müller");
  assert_search (store, "MULL", "Müller");
  assert_search (store, "mu", "Mueller|Müller");
  assert_search (store, "Odegard", "Ødegård-Łukasiewicz");
  assert_search (store, "ødegård", "Ødegård-Łukasiewicz");
  assert_search (store, "lukas", "Ødegård-Łukasiewicz");
  assert_search (store, "zoe ode", "Ødegård-Łukasiewicz");
  assert_search (store, "strasse", "Straße");
  assert_search (store, "nguyen thi", "Nguyễn");
  assert_search (store, "李", "李");
  /* Date of birth and external id. */
  assert_search (store, "1984-03-12", "Ødegård-Łukasiewicz");
  assert_search (store, "1958", "Müller");
  assert_search (store, "k-2", "Ødegård-Łukasiewicz");
  assert_search (store, "ab-7", "Straße");
  /* Every word must match. */
  assert_search (store, "muller hans", "");
  assert_search (store, "mueller hans", "Mueller");
  /* Archived clients only when asked. */
  {
    g_autofree char *with_archived = search (store, "mullerova", TRUE);

    g_assert_cmpstr (with_archived, ==, "Müllerová");
  }
  assert_search (store, "mullerova", "");
  /* Input that looks like query syntax is just text. */
  assert_search (store, "\"", "");
  assert_search (store, "*", "");
  assert_search (store, "mul*", "Müller");
  assert_search (store, "NEAR(mul", "");
  assert_search (store, "mul OR zoe", "");
  assert_search (store, "mul AND", "");
  assert_search (store, "-mul", "Müller");
  assert_search (store, "", "");
  assert_search (store, "   ", "");
}

static void
test_update_reindexes (void)
{
  g_autoptr(EbbStore) store = store_test_open ("reindex.db");
  g_autoptr(EbbClient) c = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = store_test_add_client (store, "Old", "Name", NULL, NULL);

  c = ebb_store_client_get (store, id, &error);
  g_free (c->family_name);
  c->family_name = g_strdup ("Żółkiewski");
  g_assert_true (ebb_store_client_update (store, c, &error));
  g_assert_no_error (error);

  assert_search (store, "old", "");
  assert_search (store, "zolk", "Żółkiewski");

  g_assert_true (ebb_store_client_delete (store, id, &error));
  assert_search (store, "zolk", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/store/search/accents", test_accents);
  g_test_add_func ("/ebb/store/search/update-reindexes", test_update_reindexes);

  return g_test_run ();
}
