/* ebb-client-lookup.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-client-lookup"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-client-lookup.h"

/* An ambiguous entry lists at most this many of the matching clients. */
#define MAX_LISTED 5

G_DEFINE_QUARK (ebb-client-lookup-error-quark, ebb_client_lookup_error)

/* What the operator types to get exactly @client back from
 * ebb_client_lookup(): its client number, else its record number unless
 * another client has that as its client number. */
static char *
what_to_type (EbbStore        *store,
              const EbbClient *client)
{
  g_autofree char *record = NULL;
  g_autoptr(EbbClient) shadow = NULL;

  if (client->external_id != NULL && client->external_id[0] != '\0')
    return g_strdup (client->external_id);

  record = g_strdup_printf ("%" G_GINT64_FORMAT, client->id);
  shadow = ebb_store_client_find_external (store, record, NULL);
  if (shadow != NULL)
    return NULL;

  return g_steal_pointer (&record);
}

static void
set_ambiguous (EbbStore   *store,
               const char *text,
               GPtrArray  *matches,
               GError    **error)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < MIN (matches->len, MAX_LISTED); i++)
    {
      const EbbClient *client = g_ptr_array_index (matches, i);
      g_autofree char *type = what_to_type (store, client);
      g_autofree char *name = NULL;

      if (client->given_name != NULL && client->given_name[0] != '\0')
        name = g_strdup_printf ("%s, %s", client->family_name, client->given_name);
      else
        name = g_strdup (client->family_name);

      /* Translators: what to type for the client (its client number), then
       * its name; the two spaces line the list up */
      g_string_append_printf (list, _("  %s  %s"),
                              type != NULL ? type : _("(no client number)"), name);
      if (client->date_of_birth != NULL)
        /* Translators: %s is a date of birth, YYYY-MM-DD */
        g_string_append_printf (list, _(", born %s"), client->date_of_birth);
      if (client->archived)
        g_string_append (list, _(" (archived)"));
      g_string_append_c (list, '\n');
    }
  if (matches->len > MAX_LISTED)
    g_string_append (list, _("  … and more.\n"));

  g_set_error (error, EBB_CLIENT_LOOKUP_ERROR, EBB_CLIENT_LOOKUP_ERROR_AMBIGUOUS,
               /* Translators: %s is what the operator entered, then the
                * list of clients, one a line */
               _("More than one client matches “%s”:\n%sEnter the client number of the one "
                 "you mean."), text, list->str);
}

/**
 * ebb_client_lookup:
 * @store: the database
 * @text: what the operator entered
 * @error: return location for an %EBB_CLIENT_LOOKUP_ERROR or the store's
 *
 * Finds the one client @text means, by this rule, the same wherever an
 * operator names a client by hand (`ebbflowctl run --client`, the audit
 * filter of the console and of `ebbflowctl audit list`):
 *
 * 1. the client whose client number (the clinic's own, shown on the
 *    client page, such as `DEMO-0002`) is exactly @text;
 * 2. else, when @text is only digits, the client with that record number
 *    (the database id that `ebbflowctl clients` and `audit list` print);
 *    digits are never taken as part of a name, where they would match
 *    dates of birth;
 * 3. else the client whose name (or part of it, date of birth, as the
 *    client search takes it) matches @text, if exactly one does. When
 *    several do, the error lists them with the client number to type.
 *
 * Archived clients are found too: their records stay.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
EbbClient *
ebb_client_lookup (EbbStore    *store,
                   const char  *text,
                   GError     **error)
{
  g_autoptr(EbbClient) client = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  guint64 number;

  g_return_val_if_fail (EBB_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));

  if (trimmed[0] != '\0')
    {
      client = ebb_store_client_find_external (store, trimmed, &local_error);
      if (client != NULL)
        return g_steal_pointer (&client);
      if (!g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);

      if (g_ascii_string_to_unsigned (trimmed, 10, 1, G_MAXINT64, &number, NULL))
        {
          client = ebb_store_client_get (store, (gint64) number, &local_error);
          if (client != NULL)
            return g_steal_pointer (&client);
          if (!g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      else
        {
          matches = ebb_store_client_search (store, trimmed, TRUE, MAX_LISTED + 1, error);
          if (matches == NULL)
            return NULL;
          if (matches->len == 1)
            return g_ptr_array_steal_index (matches, 0);
          if (matches->len > 1)
            {
              set_ambiguous (store, trimmed, matches, error);
              return NULL;
            }
        }
    }

  g_set_error (error, EBB_CLIENT_LOOKUP_ERROR, EBB_CLIENT_LOOKUP_ERROR_NOT_FOUND,
               _("No client matches “%s”. Enter the client number shown on the client "
                 "page, such as DEMO-0002, or the client’s name."), trimmed);
  return NULL;
}
