/* ebb-session-gate.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-session-gate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-screening-state.h"
#include "ebb-session-gate.h"

/* The bridge between what the store keeps of a client's screenings and the
 * screening module's session-start gate, so the runner's preparing state
 * asks the one rule (ebb_screening_check_session_allowed) with the stored
 * facts: the latest screening, its clearance, a reported change and the
 * visit confirmations. */

typedef struct
{
  EbbStore *store;
  gint64 client_id;
  guint validity_days;
} GateData;

/**
 * ebb_session_gate_check_stored:
 * @store: the store
 * @client_id: the client
 * @validity_days: the clinic's `screening-validity-days`
 * @now: the time the session would start
 * @error: return location for an %EBB_SCREENING_GATE_ERROR (or an
 *   %EBB_STORE_ERROR when the store cannot be read)
 *
 * Returns: %TRUE if the client's stored screening allows a session now
 */
gboolean
ebb_session_gate_check_stored (EbbStore   *store,
                               gint64      client_id,
                               guint       validity_days,
                               GDateTime  *now,
                               GError    **error)
{
  g_autoptr(EbbStoredScreening) stored = NULL;
  g_autoptr(EbbScreeningState) state = NULL;
  g_autoptr(GPtrArray) confirmations = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean confirmed_today;

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  stored = ebb_store_screening_latest (store, client_id, &local_error);
  if (stored == NULL)
    {
      if (g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
        return ebb_screening_check_session_allowed (NULL, now, validity_days, FALSE, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  confirmations = ebb_store_screening_confirmations (store, stored->id, error);
  if (confirmations == NULL)
    return FALSE;

  /* Confirmations come oldest first; the latest one decides "today". */
  state = ebb_screening_state_new_from_store (stored, NULL, NULL,
                                              confirmations->len > 0
                                              ? g_ptr_array_index (confirmations, confirmations->len - 1)
                                              : NULL,
                                              NULL, NULL);
  if (state == NULL)
    {
      /* An outcome this version does not know is treated as not yet
       * complete: the strictest reading that still tells the operator
       * what to do. */
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_INCOMPLETE,
                           _("The client’s safety screening is incomplete; answer the missing items"));
      return FALSE;
    }
  confirmed_today = ebb_screening_state_is_confirmed_on (state, now);

  return ebb_screening_check_session_allowed (state, now, validity_days, confirmed_today, error);
}

static gboolean
stored_gate_cb (const char  *client_id,
                gpointer     user_data,
                GError     **error)
{
  GateData *data = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return ebb_session_gate_check_stored (data->store, data->client_id, data->validity_days, now, error);
}

static void
gate_data_free (gpointer user_data)
{
  GateData *data = user_data;

  g_object_unref (data->store);
  g_free (data);
}

/**
 * ebb_session_use_stored_screening:
 * @session: a session in the preparing state
 * @store: the store holding the client's screenings
 * @client_id: the client
 * @validity_days: the clinic's `screening-validity-days`
 *
 * Makes the session's screening gate ask the store, at the moment the
 * session checks or starts.
 */
void
ebb_session_use_stored_screening (EbbSession *session,
                                  EbbStore   *store,
                                  gint64      client_id,
                                  guint       validity_days)
{
  GateData *data;

  g_return_if_fail (EBB_IS_SESSION (session));
  g_return_if_fail (EBB_IS_STORE (store));

  data = g_new0 (GateData, 1);
  data->store = g_object_ref (store);
  data->client_id = client_id;
  data->validity_days = validity_days;
  ebb_session_set_screening_gate (session, stored_gate_cb, data, gate_data_free);
}
