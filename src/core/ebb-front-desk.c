/* ebb-front-desk.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-front-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-audit.h"
#include "ebb-front-desk.h"
#include "ebb-permissions.h"
#include "ebb-report-load.h"
#include "ebb-screening-state.h"
#include "ebb-session-export.h"

#include <stdio.h>
#include <string.h>

#define MAX_NAME_CHARS    100
#define MIN_PHONE_DIGITS  5
#define MAX_PHONE_DIGITS  17

G_DEFINE_QUARK (ebb-front-desk-error-quark, ebb_front_desk_error)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/**
 * ebb_front_desk_check_family_name:
 * @text: (nullable): the family name as typed
 * @error: return location for %EBB_FRONT_DESK_ERROR_FAMILY_NAME
 *
 * Returns: %TRUE if the family name is present and at most 100 characters
 */
gboolean
ebb_front_desk_check_family_name (const char  *text,
                                  GError     **error)
{
  if (is_blank (text) || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_FAMILY_NAME,
                           _("Enter the family name."));
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > MAX_NAME_CHARS)
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_FAMILY_NAME,
                           _("The family name is too long (at most 100 characters)."));
      return FALSE;
    }

  return TRUE;
}

/**
 * ebb_front_desk_check_given_name:
 * @text: (nullable): the given name as typed; may be empty
 * @error: return location for %EBB_FRONT_DESK_ERROR_GIVEN_NAME
 *
 * Returns: %TRUE if the given name is at most 100 characters
 */
gboolean
ebb_front_desk_check_given_name (const char  *text,
                                 GError     **error)
{
  if (text == NULL || (g_utf8_validate (text, -1, NULL) &&
                       g_utf8_strlen (text, -1) <= MAX_NAME_CHARS))
    return TRUE;

  g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_GIVEN_NAME,
                       _("The given name is too long (at most 100 characters)."));
  return FALSE;
}

static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  char tail;

  /* ISO 8601 as stored, or the day-first form German clinics write. */
  if (sscanf (text, "%4d-%2d-%2d%c", year, month, day, &tail) == 3)
    return TRUE;
  if (sscanf (text, "%2d.%2d.%4d%c", day, month, year, &tail) == 3)
    return TRUE;

  return FALSE;
}

/**
 * ebb_front_desk_parse_date_of_birth:
 * @text: (nullable): a date as typed: "1970-03-31" or "31.03.1970"
 * @now_us: today, as wall-clock microseconds
 * @error: return location for %EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH
 *
 * A plausible date of birth is a real calendar date, not in the future and
 * not more than 120 years ago. Empty text means "not given".
 *
 * Returns: (transfer full) (nullable): the date as "YYYY-MM-DD"; %NULL
 *   with @error unset when @text is empty, %NULL with @error set when
 *   implausible
 */
char *
ebb_front_desk_parse_date_of_birth (const char  *text,
                                    gint64       now_us,
                                    GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  int year = 0, month = 0, day = 0;
  int now_y, now_m, now_d;
  g_autofree char *trimmed = NULL;

  if (is_blank (text))
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (!parse_date (trimmed, &year, &month, &day) || year < 1 || year > 9999 ||
      month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH,
                           _("Enter the date of birth as YYYY-MM-DD or DD.MM.YYYY, "
                             "for example 1970-03-31."));
      return NULL;
    }

  now = g_date_time_new_from_unix_local (now_us / G_USEC_PER_SEC);
  g_date_time_get_ymd (now, &now_y, &now_m, &now_d);

  if (year > now_y || (year == now_y && (month > now_m || (month == now_m && day > now_d))))
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH,
                           _("The date of birth is in the future. Check the year."));
      return NULL;
    }

  if (year < now_y - EBB_FRONT_DESK_MAX_AGE_YEARS ||
      (year == now_y - EBB_FRONT_DESK_MAX_AGE_YEARS &&
       (month < now_m || (month == now_m && day < now_d))))
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_DATE_OF_BIRTH,
                           _("The date of birth is more than 120 years ago. Check the year."));
      return NULL;
    }

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/**
 * ebb_front_desk_check_email:
 * @text: (nullable): an e-mail address as typed; may be empty
 * @error: return location for %EBB_FRONT_DESK_ERROR_EMAIL
 *
 * A deliberately plain check that catches typing mistakes (no "@", spaces,
 * no dot in the domain) without rejecting real addresses.
 *
 * Returns: %TRUE if @text is empty or looks like an e-mail address
 */
gboolean
ebb_front_desk_check_email (const char  *text,
                            GError     **error)
{
  const char *at;
  const char *domain;

  if (text == NULL || *text == '\0')
    return TRUE;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    goto invalid;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      goto invalid;

  domain = at + 1;
  if (strchr (domain, '.') == NULL || domain[0] == '.' ||
      g_str_has_suffix (domain, ".") || strstr (domain, "..") != NULL)
    goto invalid;

  return TRUE;

invalid:
  g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_EMAIL,
                       _("This is not an e-mail address. Use the form name@example.org."));
  return FALSE;
}

/**
 * ebb_front_desk_check_phone:
 * @text: (nullable): a telephone number as typed; may be empty
 * @error: return location for %EBB_FRONT_DESK_ERROR_PHONE
 *
 * Digits with the usual separators (space, "-", "/", ".", parentheses) and
 * an optional leading "+": 5 to 17 digits.
 *
 * Returns: %TRUE if @text is empty or looks like a telephone number
 */
gboolean
ebb_front_desk_check_phone (const char  *text,
                            GError     **error)
{
  guint digits = 0;
  const char *p;

  if (text == NULL || *text == '\0')
    return TRUE;

  p = text;
  if (*p == '+')
    p++;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" -/.()", *p) == NULL)
        goto invalid;
    }

  if (digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS)
    return TRUE;

invalid:
  g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_PHONE,
                       _("This is not a telephone number. Use digits, spaces and a "
                         "leading + for the country, for example +49 30 1234567."));
  return FALSE;
}

/**
 * ebb_front_desk_validate_client:
 * @client: a client about to be stored
 * @now_us: today, for the date of birth
 * @error: return location for a #EBB_FRONT_DESK_ERROR naming the first bad field
 *
 * Returns: %TRUE if every field is plausible
 */
gboolean
ebb_front_desk_validate_client (const EbbClient  *client,
                                gint64            now_us,
                                GError          **error)
{
  g_autofree char *dob = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (client != NULL, FALSE);

  if (!ebb_front_desk_check_family_name (client->family_name, error) ||
      !ebb_front_desk_check_given_name (client->given_name, error))
    return FALSE;

  dob = ebb_front_desk_parse_date_of_birth (client->date_of_birth, now_us, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return ebb_front_desk_check_email (client->email, error) &&
         ebb_front_desk_check_phone (client->phone, error);
}

/* The stored form: trimmed names and the ISO date, whatever was typed. */
static EbbClient *
normalise_client (const EbbClient *client,
                  gint64           now_us)
{
  EbbClient *copy = ebb_client_copy (client);
  char *dob = ebb_front_desk_parse_date_of_birth (client->date_of_birth, now_us, NULL);

  g_strstrip (copy->family_name);
  if (copy->given_name != NULL)
    g_strstrip (copy->given_name);
  g_free (copy->date_of_birth);
  copy->date_of_birth = dob;

  return copy;
}

/**
 * ebb_front_desk_register_client:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_CREATE
 * @client: the new client (its id is ignored)
 * @error: return location for a #GError
 *
 * Validates, stores and audits (`client.create`) a new client.
 *
 * Returns: the new client's id, or 0 on error
 */
gint64
ebb_front_desk_register_client (EbbOperatorSession  *ctx,
                                const EbbClient     *client,
                                GError             **error)
{
  g_autoptr(EbbClient) stored = NULL;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (client != NULL, 0);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_CREATE, error))
    return 0;

  now = ebb_operator_session_now (ctx);
  if (!ebb_front_desk_validate_client (client, now, error))
    return 0;

  stored = normalise_client (client, now);
  stored->id = 0;
  stored->archived = FALSE;
  id = ebb_store_client_insert (ebb_operator_session_get_store (ctx), stored, error);
  if (id <= 0)
    return 0;

  if (!ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_CLIENT_CREATE),
                         "client", id, NULL, error))
    return 0;

  return id;
}

static void
note_change (GString    *changed,
             const char *field,
             const char *before,
             const char *after)
{
  if (g_strcmp0 (before != NULL ? before : "", after != NULL ? after : "") == 0)
    return;

  if (changed->len > 0)
    g_string_append (changed, ", ");
  g_string_append (changed, field);
}

/**
 * ebb_front_desk_update_client:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_CHANGE
 * @client: the client with its new values
 * @error: return location for a #GError
 *
 * Validates and stores the change; the audit entry (`client.update`)
 * names the fields that changed, not their values.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_front_desk_update_client (EbbOperatorSession  *ctx,
                              const EbbClient     *client,
                              GError             **error)
{
  EbbStore *store;
  g_autoptr(EbbClient) before = NULL;
  g_autoptr(EbbClient) stored = NULL;
  g_autoptr(GString) changed = g_string_new (NULL);
  gint64 now;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (client != NULL && client->id > 0, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_CHANGE, error))
    return FALSE;

  now = ebb_operator_session_now (ctx);
  if (!ebb_front_desk_validate_client (client, now, error))
    return FALSE;

  store = ebb_operator_session_get_store (ctx);
  before = ebb_store_client_get (store, client->id, error);
  if (before == NULL)
    return FALSE;

  stored = normalise_client (client, now);
  note_change (changed, "family_name", before->family_name, stored->family_name);
  note_change (changed, "given_name", before->given_name, stored->given_name);
  note_change (changed, "date_of_birth", before->date_of_birth, stored->date_of_birth);
  note_change (changed, "sex", ebb_sex_to_id (before->sex), ebb_sex_to_id (stored->sex));
  note_change (changed, "phone", before->phone, stored->phone);
  note_change (changed, "email", before->email, stored->email);
  note_change (changed, "external_id", before->external_id, stored->external_id);
  note_change (changed, "notes", before->notes, stored->notes);

  /* Archiving has its own action and audit entry. */
  stored->archived = before->archived;

  return ebb_store_client_update (store, stored, error) &&
         ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_CLIENT_CHANGE),
                           "client", client->id, changed->str, error);
}

/**
 * ebb_front_desk_view_client:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_VIEW
 * @client_id: the client to open
 * @error: return location for a #GError
 *
 * Opens a client's record (`client.view`). Searching the list is not
 * audited; opening a record is.
 *
 * Returns: (transfer full): the client, or %NULL on error
 */
EbbClient *
ebb_front_desk_view_client (EbbOperatorSession  *ctx,
                            gint64               client_id,
                            GError             **error)
{
  g_autoptr(EbbClient) client = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_VIEW, error))
    return NULL;

  client = ebb_store_client_get (ebb_operator_session_get_store (ctx), client_id, error);
  if (client == NULL)
    return NULL;

  if (!ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_CLIENT_VIEW),
                         "client", client_id, NULL, error))
    return NULL;

  return g_steal_pointer (&client);
}

/**
 * ebb_front_desk_archive_client:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_ARCHIVE
 * @client_id: the client
 * @archived: %TRUE to archive, %FALSE to bring back
 * @error: return location for a #GError
 *
 * Archived clients leave the default search but keep their history
 * (`client.archive` or `client.unarchive`).
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_front_desk_archive_client (EbbOperatorSession  *ctx,
                               gint64               client_id,
                               gboolean             archived,
                               GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_ARCHIVE, error))
    return FALSE;

  return ebb_store_client_set_archived (ebb_operator_session_get_store (ctx),
                                        client_id, archived, error) &&
         ebb_audit_record (ctx,
                           archived ? ebb_permissions_audit_id (EBB_ACTION_CLIENT_ARCHIVE)
                                    : EBB_AUDIT_CLIENT_UNARCHIVE,
                           "client", client_id, NULL, error);
}

/**
 * ebb_front_desk_search_clients:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_VIEW
 * @text: (nullable): what was typed so far
 * @include_archived: also list archived clients
 * @limit: at most this many; 0 for the store's default
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type EbbClient): the matching clients
 */
GPtrArray *
ebb_front_desk_search_clients (EbbOperatorSession  *ctx,
                               const char          *text,
                               gboolean             include_archived,
                               guint                limit,
                               GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_VIEW, error))
    return NULL;

  return ebb_store_client_search (ebb_operator_session_get_store (ctx),
                                  text != NULL ? text : "", include_archived, limit, error);
}

/**
 * ebb_front_desk_record_consent:
 * @ctx: the current operator; needs %EBB_ACTION_CONSENT_RECORD
 * @consent: what the client agreed to or refused; the recording operator
 *   and time are taken from @ctx
 * @error: return location for a #GError
 *
 * Returns: the consent's id, or 0 on error
 */
gint64
ebb_front_desk_record_consent (EbbOperatorSession  *ctx,
                               const EbbConsent    *consent,
                               GError             **error)
{
  EbbConsent stored;
  g_autofree char *detail = NULL;
  gint64 id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (consent != NULL, 0);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CONSENT_RECORD, error))
    return 0;

  if (is_blank (consent->topic) || is_blank (consent->policy_version))
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_CONSENT,
                           _("Choose what the consent is about and which version of the "
                             "text the client was given."));
      return 0;
    }

  /* A shallow copy: only the bookkeeping fields differ. */
  stored = *consent;
  stored.id = 0;
  stored.recorded_by = ebb_operator_session_get_operator_id (ctx);
  stored.recorded_us = ebb_operator_session_now (ctx);
  stored.withdrawn_us = 0;
  stored.withdrawn_by = 0;

  id = ebb_store_consent_insert (ebb_operator_session_get_store (ctx), &stored, error);
  if (id <= 0)
    return 0;

  detail = g_strdup_printf ("%s %s v%s", stored.granted ? "granted" : "refused",
                            stored.topic, stored.policy_version);
  if (!ebb_audit_record_client (ctx, ebb_permissions_audit_id (EBB_ACTION_CONSENT_RECORD),
                                "consent", id, stored.client_id, detail, error))
    return 0;

  return id;
}

/**
 * ebb_front_desk_withdraw_consent:
 * @ctx: the current operator; needs %EBB_ACTION_CONSENT_RECORD
 * @client_id: the client who withdraws
 * @consent_id: the consent withdrawn; one of @client_id's
 * @error: return location for a #GError; %EBB_FRONT_DESK_ERROR_CONSENT
 *   when the consent is not the client's
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_front_desk_withdraw_consent (EbbOperatorSession  *ctx,
                                 gint64               client_id,
                                 gint64               consent_id,
                                 GError             **error)
{
  g_autoptr(EbbConsent) consent = NULL;
  g_autoptr(GError) local_error = NULL;
  EbbStore *store;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CONSENT_RECORD, error))
    return FALSE;

  /* The audit entry names the client: it must be the consent's own. */
  store = ebb_operator_session_get_store (ctx);
  consent = ebb_store_consent_get (store, consent_id, &local_error);
  if (consent == NULL && !g_error_matches (local_error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (consent == NULL || consent->client_id != client_id)
    {
      g_set_error_literal (error, EBB_FRONT_DESK_ERROR, EBB_FRONT_DESK_ERROR_CONSENT,
                           _("This consent is not one of the client’s. Open the client’s "
                             "record and withdraw it there."));
      return FALSE;
    }

  return ebb_store_consent_withdraw (store, consent_id,
                                     ebb_operator_session_get_operator_id (ctx),
                                     ebb_operator_session_now (ctx), error) &&
         ebb_audit_record_client (ctx, EBB_AUDIT_CONSENT_WITHDRAW, "consent", consent_id,
                                  client_id, NULL, error);
}

/**
 * ebb_front_desk_list_consents:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_VIEW
 * @client_id: the client
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type EbbConsent): the client's consents
 */
GPtrArray *
ebb_front_desk_list_consents (EbbOperatorSession  *ctx,
                              gint64               client_id,
                              GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_VIEW, error))
    return NULL;

  return ebb_store_consent_list (ebb_operator_session_get_store (ctx), client_id, error);
}

/**
 * ebb_front_desk_list_screenings:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_VIEW
 * @client_id: the client
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type EbbStoredScreening): the client's
 *   screenings
 */
GPtrArray *
ebb_front_desk_list_screenings (EbbOperatorSession  *ctx,
                                gint64               client_id,
                                GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_VIEW, error))
    return NULL;

  return ebb_store_screening_list (ebb_operator_session_get_store (ctx), client_id, error);
}

/**
 * ebb_front_desk_list_sessions:
 * @ctx: the current operator; needs %EBB_ACTION_CLIENT_VIEW
 * @client_id: the client
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type EbbSessionRecord): the client's
 *   sessions
 */
GPtrArray *
ebb_front_desk_list_sessions (EbbOperatorSession  *ctx,
                              gint64               client_id,
                              GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), NULL);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLIENT_VIEW, error))
    return NULL;

  return ebb_store_session_list (ebb_operator_session_get_store (ctx), client_id, 0, error);
}

/**
 * ebb_front_desk_record_screening:
 * @ctx: the current operator; needs %EBB_ACTION_SCREENING_HISTORY, and
 *   %EBB_ACTION_SCREENING_EXAMINATION when @answers include an examination
 *   item (checked here as well as by the engine while the answers were
 *   given, since the engine trusts the role its caller names)
 * @client_id: the client screened
 * @answers: (nullable): the submitted answers; %NULL for a screening no
 *   questionnaire was answered for (the first run's demonstration, whose
 *   @decision says what it is)
 * @decision: their decision; an incomplete one is refused
 * @validity_days: the clinic's screening validity
 * @error: return location for a #GError
 *
 * Stores a submitted screening and audits it (`screening.history`, with the
 * outcome as detail, and `screening.examination` when examination items
 * were answered), the way the console and `ebbflowctl screen --client`
 * both record one. A refusal is audited as `permission.denied`.
 *
 * Returns: the new screening's id, or 0 on error
 */
gint64
ebb_front_desk_record_screening (EbbOperatorSession          *ctx,
                                 gint64                       client_id,
                                 EbbScreeningAnswers         *answers,
                                 const EbbScreeningDecision  *decision,
                                 guint                        validity_days,
                                 GError                     **error)
{
  g_autoptr(EbbStoredScreening) row = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean examination;
  gint64 id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);
  g_return_val_if_fail (answers == NULL || EBB_IS_SCREENING_ANSWERS (answers), 0);
  g_return_val_if_fail (decision != NULL, 0);

  examination = answers != NULL && ebb_screening_answers_has_examination (answers);
  if (!ebb_permissions_check (ctx, EBB_ACTION_SCREENING_HISTORY, error) ||
      (examination && !ebb_permissions_check (ctx, EBB_ACTION_SCREENING_EXAMINATION, error)))
    return 0;

  if (decision->outcome == EBB_SCREENING_OUTCOME_INCOMPLETE)
    {
      g_set_error_literal (error, EBB_SCREENING_GATE_ERROR, EBB_SCREENING_GATE_ERROR_INCOMPLETE,
                           _("The screening is incomplete. Answer the marked items, then submit it."));
      return 0;
    }

  now = g_date_time_new_from_unix_local (ebb_operator_session_now (ctx) / G_USEC_PER_SEC);
  row = ebb_screening_store_record_new (answers, decision, client_id,
                                        ebb_operator_session_get_operator_id (ctx),
                                        now, validity_days);
  id = ebb_store_screening_insert (ebb_operator_session_get_store (ctx), row, error);
  if (id <= 0)
    return 0;

  if (!ebb_audit_record_client (ctx, ebb_permissions_audit_id (EBB_ACTION_SCREENING_HISTORY),
                                "screening", id, client_id,
                                ebb_screening_outcome_to_string (decision->outcome), error))
    return 0;

  if (examination &&
      !ebb_audit_record_client (ctx, ebb_permissions_audit_id (EBB_ACTION_SCREENING_EXAMINATION),
                                "screening", id, client_id, NULL, error))
    return 0;

  return id;
}

/**
 * ebb_front_desk_record_clearance:
 * @ctx: the current operator, the clearing clinician; needs %EBB_ACTION_CLEARANCE
 * @client_id: the client the screening belongs to (for the audit trail)
 * @screening_id: a recorded REFER screening
 * @note: (nullable): the clinician's note
 * @error: return location for a #GError
 *
 * Records the clearance of a referral and audits it (`screening.clearance`).
 *
 * Returns: %TRUE if recorded
 */
gboolean
ebb_front_desk_record_clearance (EbbOperatorSession  *ctx,
                                 gint64               client_id,
                                 gint64               screening_id,
                                 const char          *note,
                                 GError             **error)
{
  gint64 operator_id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_CLEARANCE, error))
    return FALSE;

  operator_id = ebb_operator_session_get_operator_id (ctx);
  return ebb_store_screening_clear (ebb_operator_session_get_store (ctx), screening_id,
                                    operator_id, ebb_operator_session_now (ctx), note,
                                    operator_id, error) &&
         ebb_audit_record_client (ctx, ebb_permissions_audit_id (EBB_ACTION_CLEARANCE),
                                  "screening", screening_id, client_id, NULL, error);
}

/**
 * ebb_front_desk_export_history:
 * @ctx: the current operator; needs %EBB_ACTION_EXPORT
 * @client_id: the client
 * @out: where the CSV goes
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Writes the client's session history as CSV (ebb_client_export_history_csv()),
 * closes @out and only then audits the export: a close that fails is an
 * export that failed, reported in @error and not recorded.
 *
 * Returns: %TRUE if written, closed and recorded
 */
gboolean
ebb_front_desk_export_history (EbbOperatorSession  *ctx,
                               gint64               client_id,
                               GOutputStream       *out,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_EXPORT, error))
    return FALSE;

  /* Closed before the entry is written: a close is where a buffered or
   * network file reports that its last bytes did not arrive, and the trail
   * must not claim an export that is not whole. */
  return ebb_client_export_history_csv (ebb_operator_session_get_store (ctx), client_id,
                                        out, cancellable, error) &&
         g_output_stream_close (out, cancellable, error) &&
         ebb_audit_record (ctx, ebb_permissions_audit_id (EBB_ACTION_EXPORT),
                           "client", client_id, "history CSV", error);
}

/* The client a session record belongs to, for the audit trail's client
 * filter; 0 when the session does not exist. */
static gint64
session_client (EbbStore *store,
                gint64    session_id)
{
  g_autoptr(EbbSessionRecord) session = ebb_store_session_get (store, session_id, NULL);

  return session != NULL ? session->client_id : 0;
}

static gboolean
record_on_session (EbbOperatorSession  *ctx,
                   EbbAction            action,
                   gint64               session_id,
                   const char          *detail,
                   GError             **error)
{
  return ebb_audit_record_client (ctx, ebb_permissions_audit_id (action), "session", session_id,
                                  session_client (ebb_operator_session_get_store (ctx), session_id),
                                  detail, error);
}

/**
 * ebb_front_desk_record_report:
 * @ctx: the current operator; needs @action
 * @action: %EBB_ACTION_REPORT_SAVE or %EBB_ACTION_REPORT_PRINT
 * @session_id: the session the report is of
 * @destination: the file saved, or the printer's name
 * @error: return location for a #GError
 *
 * Records a session report saved or printed from the console's preview
 * (`report.save`, `report.print`) with the session's client. The preview
 * asks ebb_permissions_check() before it writes the file or sends the job;
 * this checks again, since the console may have changed hands meanwhile.
 *
 * Returns: %TRUE if recorded
 */
gboolean
ebb_front_desk_record_report (EbbOperatorSession  *ctx,
                              EbbAction            action,
                              gint64               session_id,
                              const char          *destination,
                              GError             **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (action == EBB_ACTION_REPORT_SAVE || action == EBB_ACTION_REPORT_PRINT, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!ebb_permissions_check (ctx, action, error))
    return FALSE;

  detail = g_strdup_printf (action == EBB_ACTION_REPORT_SAVE ? "file %s" : "printer %s", destination);
  return record_on_session (ctx, action, session_id, detail, error);
}

/**
 * ebb_front_desk_save_report:
 * @ctx: the current operator; needs %EBB_ACTION_REPORT_SAVE
 * @session_id: the session
 * @settings: (nullable): the clinic settings applied to the report
 * @options: how to render it
 * @output: the PDF file to write
 * @error: return location for a #GError
 *
 * Renders a session's printed report straight from the database (`ebbflowctl
 * report`) and records `report.save` with the file and the client.
 *
 * Returns: %TRUE if written and recorded
 */
gboolean
ebb_front_desk_save_report (EbbOperatorSession      *ctx,
                            gint64                   session_id,
                            GSettings               *settings,
                            const EbbReportOptions  *options,
                            const char              *output,
                            GError                 **error)
{
  g_autoptr(EbbReportData) data = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_REPORT_SAVE, error))
    return FALSE;

  data = ebb_report_data_load (ebb_operator_session_get_store (ctx), session_id, error);
  if (data == NULL)
    return FALSE;
  if (settings != NULL)
    ebb_report_data_apply_settings (data, settings);

  if (!ebb_report_render (data, output, options, NULL, error))
    return FALSE;

  detail = g_strdup_printf ("file %s", output);
  return record_on_session (ctx, EBB_ACTION_REPORT_SAVE, session_id, detail, error);
}

/**
 * ebb_front_desk_export_session:
 * @ctx: the current operator; needs %EBB_ACTION_EXPORT
 * @session_id: the session
 * @json: %TRUE for JSON (ebb_session_export_json()), %FALSE for CSV
 * @unit: the CSV's second pressure column
 * @out: where the export goes
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Exports a session's samples and events (health data), closes @out and
 * only then records `export` with the session and its client; a close that
 * fails is reported in @error and not recorded.
 *
 * Returns: %TRUE if written, closed and recorded
 */
gboolean
ebb_front_desk_export_session (EbbOperatorSession  *ctx,
                               gint64               session_id,
                               gboolean             json,
                               EbbPressureUnit      unit,
                               GOutputStream       *out,
                               GCancellable        *cancellable,
                               GError             **error)
{
  EbbStore *store;
  gboolean ok;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!ebb_permissions_check (ctx, EBB_ACTION_EXPORT, error))
    return FALSE;

  store = ebb_operator_session_get_store (ctx);
  ok = json
    ? ebb_session_export_json (store, session_id, out, cancellable, error)
    : ebb_session_export_csv (store, session_id, unit, out, cancellable, error);

  /* Closed before the entry, as in ebb_front_desk_export_history(). */
  return ok && g_output_stream_close (out, cancellable, error) &&
         record_on_session (ctx, EBB_ACTION_EXPORT, session_id,
                            json ? "session JSON" : "session CSV", error);
}
