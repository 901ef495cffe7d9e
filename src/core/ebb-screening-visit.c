/* ebb-screening-visit.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-screening-visit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ebb-audit.h"
#include "ebb-permissions.h"
#include "ebb-screening-state.h"
#include "ebb-screening-visit.h"

/* What happens to a client's latest screening at later visits: the client
 * confirms nothing in their health has changed, or reports a change, and a
 * clinician clears a REFER. Each is a protected action: the permission
 * check comes first, the audit entry after the store has the fact. The
 * rules themselves (no confirmation after a change, no clearance of an
 * EXCLUDE) live in ebb-screening-state.c and are asked here on the state
 * built from the stored row, so the console, the command line and the
 * session gate all read the same facts. */

static GDateTime *
time_from_us (gint64 us)
{
  return g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
}

static const char *
operator_name (EbbOperatorSession *ctx)
{
  const EbbOperator *op = ebb_operator_session_get_operator (ctx);

  return op->display_name != NULL ? op->display_name : op->username;
}

/* Checks @action's permission, then reads the client's latest screening
 * and builds the state the rules are checked on; %NULL with @error set when
 * refused, when the client has not been screened or when the row's
 * outcome is unknown to this version. */
static EbbScreeningState *
begin (EbbOperatorSession  *ctx,
       EbbAction            action,
       gint64               client_id,
       EbbStoredScreening **row_out,
       GError             **error)
{
  g_autoptr(EbbStoredScreening) row = NULL;
  EbbScreeningState *state;

  if (!ebb_permissions_check (ctx, action, error))
    return NULL;

  row = ebb_store_screening_latest (ebb_operator_session_get_store (ctx), client_id, error);
  if (row == NULL)
    return NULL;

  state = ebb_screening_state_new_from_store (row, NULL, NULL, NULL, NULL, NULL);
  if (state == NULL)
    {
      g_set_error (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_INCOMPLETE,
                   /* Translators: the outcome id as stored by a newer Ebbflow */
                   _("The client’s latest screening has the outcome “%s”, which this version of "
                     "Ebbflow does not know; screen the client again"), row->outcome);
      return NULL;
    }

  *row_out = g_steal_pointer (&row);
  return state;
}

/**
 * ebb_screening_visit_confirm_unchanged:
 * @ctx: the current operator; needs %EBB_ACTION_SCREENING_CONFIRM
 * @client_id: the client at today's visit
 * @error: return location for a #GError
 *
 * Records that the client confirmed nothing in their health has changed
 * since their latest screening (`screening.confirm`). Refused with
 * %EBB_SCREENING_ERROR_NOT_ALLOWED once a change was reported: only a new
 * screening helps then.
 *
 * Returns: the confirmation's id, or 0 on error
 */
gint64
ebb_screening_visit_confirm_unchanged (EbbOperatorSession  *ctx,
                                       gint64               client_id,
                                       GError             **error)
{
  g_autoptr(EbbStoredScreening) row = NULL;
  g_autoptr(EbbScreeningState) state = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 now, id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);

  state = begin (ctx, EBB_ACTION_SCREENING_CONFIRM, client_id, &row, error);
  if (state == NULL)
    return 0;

  now = ebb_operator_session_now (ctx);
  when = time_from_us (now);
  if (!ebb_screening_state_confirm_unchanged (state, operator_name (ctx), when, error))
    return 0;

  id = ebb_store_screening_confirm (ebb_operator_session_get_store (ctx), row->id,
                                    ebb_operator_session_get_operator_id (ctx), now, NULL, error);
  if (id == 0)
    return 0;

  if (!ebb_audit_record_client (ctx, ebb_permissions_audit_id (EBB_ACTION_SCREENING_CONFIRM),
                                "screening", row->id, client_id, NULL, error))
    return 0;

  return id;
}

/**
 * ebb_screening_visit_report_change:
 * @ctx: the current operator; needs %EBB_ACTION_SCREENING_CONFIRM
 * @client_id: the client at today's visit
 * @note: (nullable): what changed, in the operator's words
 * @error: return location for a #GError
 *
 * Records that the client reported a change in their health since their
 * latest screening (`screening.change`). From then on the session gate
 * refuses with %EBB_SCREENING_GATE_ERROR_CHANGED until a new screening.
 * The note stays in the store, never in the audit trail.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_screening_visit_report_change (EbbOperatorSession  *ctx,
                                   gint64               client_id,
                                   const char          *note,
                                   GError             **error)
{
  g_autoptr(EbbStoredScreening) row = NULL;
  g_autoptr(EbbScreeningState) state = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);

  state = begin (ctx, EBB_ACTION_SCREENING_CONFIRM, client_id, &row, error);
  if (state == NULL)
    return FALSE;

  return ebb_store_screening_report_change (ebb_operator_session_get_store (ctx), row->id,
                                            ebb_operator_session_get_operator_id (ctx),
                                            ebb_operator_session_now (ctx),
                                            note != NULL && *note != '\0' ? note : NULL, error) &&
         ebb_audit_record_client (ctx, "screening.change", "screening", row->id, client_id, NULL, error);
}

/**
 * ebb_screening_visit_record_clearance:
 * @ctx: the current operator, who is the clearing clinician; needs
 *   %EBB_ACTION_CLEARANCE
 * @client_id: the client
 * @note: why a session is acceptable despite the referral; required
 * @error: return location for a #GError
 *
 * Records the logged-in clinician's clearance of the client's latest
 * screening, dated now (`screening.clearance`). Refused with
 * %EBB_PERMISSION_ERROR_DENIED for operators without the clinician role,
 * with %EBB_SCREENING_ERROR_EXCLUDED for an EXCLUDE (nobody can override
 * it), with %EBB_SCREENING_ERROR_NOT_ALLOWED for outcomes that need no
 * clearance and with %EBB_SCREENING_ERROR_INVALID_CLEARANCE without a note.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_screening_visit_record_clearance (EbbOperatorSession  *ctx,
                                      gint64               client_id,
                                      const char          *note,
                                      GError             **error)
{
  g_autoptr(EbbStoredScreening) row = NULL;
  g_autoptr(EbbScreeningState) state = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 now, clinician;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);

  state = begin (ctx, EBB_ACTION_CLEARANCE, client_id, &row, error);
  if (state == NULL)
    return FALSE;

  now = ebb_operator_session_now (ctx);
  when = time_from_us (now);
  if (!ebb_screening_state_clear (state, operator_name (ctx), ebb_operator_session_get_roles (ctx),
                                  when, note, error))
    return FALSE;

  clinician = ebb_operator_session_get_operator_id (ctx);
  return ebb_store_screening_clear (ebb_operator_session_get_store (ctx), row->id, clinician,
                                    now, note, clinician, error) &&
         ebb_audit_record_client (ctx, ebb_permissions_audit_id (EBB_ACTION_CLEARANCE),
                                  "screening", row->id, client_id, NULL, error);
}
