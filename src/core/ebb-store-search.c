/* ebb-store-search.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-search"

#include "config.h"

#include "ebb-store-private.h"
#include "ebb-text-fold.h"

/* Search as you type. Names, date of birth and external id are folded
 * (ebb-text-fold.c) into clients.search_text, which an FTS5 index with
 * prefix indexes covers. Each word typed must be the start of a word of
 * the client's text; the words may come in any order. */

/* Above this many matches the search stops sorting all matches (measured
 * in bench-store, docs/performance.md). */
#define BROAD_MATCHES 1000

/* Builds an FTS5 query: every word of the folded input as a quoted prefix
 * ("mul"*), so nothing the operator types is read as FTS5 syntax. Returns
 * NULL when the input has no word. */
static char *
build_match (const char *text)
{
  g_autofree char *folded = ebb_text_fold (text);
  GString *match = g_string_new (NULL);
  GString *word = g_string_new (NULL);
  const char *p = folded;

  for (;;)
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
      p = g_utf8_next_char (p);
    }

  g_string_free (word, TRUE);

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}

typedef struct
{
  char      *key;      /* search_text: the sort key */
  EbbClient *client;
} Match;

static void
clear_match (gpointer data)
{
  Match *m = data;

  g_free (m->key);
  ebb_client_free (m->client);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *x = a, *y = b;
  int c = g_strcmp0 (x->key, y->key);

  return c != 0 ? c : (x->client->id > y->client->id) - (x->client->id < y->client->id);
}

/* Counts matches up to @cap, reading only the index (no client rows). */
static gint64
count_matches (EbbStore    *self,
               const char  *match,
               gint64       cap,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 n;

  stmt = _ebb_store_prepare (self,
                             "SELECT count(*) FROM (SELECT rowid FROM clients_fts "
                             "WHERE clients_fts MATCH ?1 LIMIT ?2)",
                             error);
  if (stmt == NULL)
    return -1;

  _ebb_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, cap);

  return _ebb_store_step_int64 (self, stmt, &n, error) ? n : -1;
}

/**
 * ebb_store_client_search:
 * @self: the store
 * @text: what the operator typed: parts of names, a date of birth
 *   (1984-03-12), an external id
 * @include_archived: whether archived clients are found too
 * @limit: the most clients to return (0: 50)
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Finds clients accent- and case-insensitively ("muller" finds "Müller",
 * "odegard" finds "Ødegård"), ordered by family and given name. When more
 * than 1000 clients match, the result holds the first @limit of them
 * (in registration order), sorted by name: type more to narrow it.
 *
 * Returns: (transfer container) (element-type EbbClient): the matches
 */
GPtrArray *
ebb_store_client_search (EbbStore    *self,
                         const char  *text,
                         gboolean     include_archived,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_client_free);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gint64 n_matches;
  gboolean broad;
  int rc;

  g_return_val_if_fail (EBB_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  g_array_set_clear_func (matches, clear_match);

  match = build_match (text);
  if (match == NULL)
    return g_steal_pointer (&found);

  /* Up to BROAD_MATCHES matches are sorted by name. A broader query (one
   * letter typed into 100,000 clients) would fetch and sort thousands of
   * rows per keystroke; it returns the first `limit` matches instead, in
   * name order among themselves, and the operator types on. */
  n_matches = count_matches (self, match, BROAD_MATCHES, error);
  if (n_matches < 0)
    return NULL;

  broad = n_matches >= BROAD_MATCHES;
  /* The broad query is sorted here, not by SQL: an outer ORDER BY made
   * SQLite walk every match despite the inner LIMIT. */
  stmt = _ebb_store_prepare (self,
                             !broad
                             ? "SELECT c.id, c.family_name, c.given_name, c.date_of_birth, c.sex, "
                               "c.phone, c.email, c.external_id, c.notes, c.archived, c.created, "
                               "c.updated, c.search_text FROM clients_fts f JOIN clients c ON c.id = f.rowid "
                               "WHERE clients_fts MATCH ?1 AND (?2 OR c.archived = 0) "
                               "ORDER BY c.search_text, c.id LIMIT ?3"
                             : "SELECT c.id, c.family_name, c.given_name, c.date_of_birth, c.sex, "
                               "c.phone, c.email, c.external_id, c.notes, c.archived, c.created, "
                               "c.updated, c.search_text FROM clients_fts f JOIN clients c ON c.id = f.rowid "
                               "WHERE clients_fts MATCH ?1 AND (?2 OR c.archived = 0) LIMIT ?3",
                             error);
  if (stmt == NULL)
    return NULL;

  _ebb_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, include_archived ? 1 : 0);
  sqlite3_bind_int (stmt, 3, limit > 0 ? limit : 50);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Match m = { _ebb_column_text (stmt, 12), _ebb_client_from_row (stmt) };

      g_array_append_val (matches, m);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _ebb_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  if (broad)
    g_array_sort (matches, compare_matches);

  for (guint i = 0; i < matches->len; i++)
    g_ptr_array_add (found, g_steal_pointer (&g_array_index (matches, Match, i).client));

  return g_steal_pointer (&found);
}
