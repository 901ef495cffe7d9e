/* store-test-util.h
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ebb-store.h"

/* Helpers shared by the store's test programs; the programs run with
 * G_TEST_OPTION_ISOLATE_DIRS, so every file lands in a fresh folder. */

static inline char *
store_test_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "test", name, NULL);
}

/* A file's SHA-256, to show that something left it untouched. */
static inline char *
store_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline EbbStore *
store_test_open (const char *name)
{
  g_autofree char *path = store_test_path (name);
  g_autoptr(GError) error = NULL;
  EbbStore *store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static inline gint64
store_test_add_client (EbbStore   *store,
                       const char *family,
                       const char *given,
                       const char *date_of_birth,
                       const char *external_id)
{
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  client->family_name = g_strdup (family);
  client->given_name = g_strdup (given);
  client->date_of_birth = g_strdup (date_of_birth);
  client->external_id = g_strdup (external_id);
  id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}
