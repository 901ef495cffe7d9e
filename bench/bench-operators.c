/* bench-operators.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "ebb-audit.h"
#include "ebb-credentials.h"
#include "ebb-operators.h"
#include "ebb-permissions.h"

/* Figures for docs/performance.md ("Operators and audit trail"), on a real
 * database file in a fresh temporary folder, removed at the end:
 *
 *   bench-operators [N_AUDIT_ENTRIES]   (default 2000)
 *
 * the cost of a PIN hash and of a login at the product's Argon2id cost,
 * the permission check, appending to the audit trail (durable: each entry
 * is its own synchronous transaction), verifying the chain and a filtered
 * audit query. */

#define REPEATS 5

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ebbflow-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbOperatorSession) ctx = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint n_audit = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000;
  double times[REPEATS];
  gint64 start;
  gint64 first_bad = 0;
  EbbAuditFilter filter = { .client_id = 7 };
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ctx = ebb_operator_session_new (store);

  for (guint i = 0; i < REPEATS; i++)
    {
      g_autofree char *hash = NULL;

      start = g_get_monotonic_time ();
      hash = ebb_credentials_hash ("24681357", &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
    }
  printf ("PIN hash (Argon2id, interactive limits): median %.0f ms of %d\n",
          bench_median (times, REPEATS), REPEATS);

  ebb_operators_create_first_admin (ctx, "boss", "Boss", EBB_ROLE_RECEPTION, "24681357", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < REPEATS; i++)
    {
      start = g_get_monotonic_time ();
      ebb_operator_session_login (ctx, "boss", "24681357", &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      ebb_operator_session_logout (ctx);
    }
  printf ("login (verify + login state + audit entry): median %.0f ms of %d\n",
          bench_median (times, REPEATS), REPEATS);

  ebb_operator_session_login (ctx, "boss", "24681357", &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000000; i++)
    g_assert_true (ebb_permissions_check (ctx, EBB_ACTION_CLIENT_VIEW, NULL));
  printf ("permission check (allowed): %.1f ns per call\n",
          (g_get_monotonic_time () - start) * 1000.0 / 1000000);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_audit; i++)
    {
      ebb_audit_record_client (ctx, "client.view", "client", 1 + i % 50, 1 + i % 50, NULL,
                               &error);
      g_assert_no_error (error);
    }
  printf ("audit append: %u entries in %.2f s, %.2f ms per entry\n", n_audit,
          (g_get_monotonic_time () - start) / 1e6,
          (g_get_monotonic_time () - start) / 1000.0 / n_audit);

  entries = ebb_store_audit_list (store, 0, 0, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (ebb_store_audit_verify (store, &first_bad, &error));
  printf ("audit verify: %u entries in %.0f ms\n", entries->len,
          (g_get_monotonic_time () - start) / 1000.0);

  start = g_get_monotonic_time ();
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = ebb_audit_query (ctx, &filter, &error);
  g_assert_no_error (error);
  printf ("audit query by client over %u entries: %u found in %.0f ms\n", n_audit,
          entries->len, (g_get_monotonic_time () - start) / 1000.0);

  g_clear_object (&ctx);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
