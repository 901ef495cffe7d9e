/* ebb-store-records.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-records"

#include "config.h"

#include "ebb-store-records.h"

#include <string.h>

/* Stable ids: they are what the database and exports hold. Each table is
 * indexed by the enum value (roles by bit number); NULL marks "none". */

static guint
index_of (const char * const *ids,
          guint               n_ids,
          const char         *id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] != NULL && g_strcmp0 (id, ids[i]) == 0)
      return i;

  return G_MAXUINT;
}

static const char *sex_ids[] = { NULL, "female", "male", "other" };

const char *
ebb_sex_to_id (EbbSex sex)
{
  if ((guint) sex < G_N_ELEMENTS (sex_ids))
    return sex_ids[sex];

  return NULL;
}

EbbSex
ebb_sex_from_id (const char *id)
{
  guint i = index_of (sex_ids, G_N_ELEMENTS (sex_ids), id);

  return i != G_MAXUINT ? (EbbSex) i : EBB_SEX_UNSPECIFIED;
}

static const char *consent_method_ids[] = { NULL, "signed-paper", "verbal", "tablet" };

const char *
ebb_consent_method_to_id (EbbConsentMethod method)
{
  if ((guint) method < G_N_ELEMENTS (consent_method_ids))
    return consent_method_ids[method];

  return NULL;
}

/* Returns 0 for an unknown id. */
EbbConsentMethod
ebb_consent_method_from_id (const char *id)
{
  guint i = index_of (consent_method_ids, G_N_ELEMENTS (consent_method_ids), id);

  return i != G_MAXUINT ? (EbbConsentMethod) i : 0;
}

static const char *end_state_ids[] = { NULL, "completed", "stopped", "aborted", "interrupted" };

/* Returns "running" for a session without an end. */
const char *
ebb_session_end_state_to_id (EbbSessionEndState state)
{
  if (state == EBB_SESSION_RUNNING)
    return "running";
  if ((guint) state < G_N_ELEMENTS (end_state_ids))
    return end_state_ids[state];

  return NULL;
}

EbbSessionEndState
ebb_session_end_state_from_id (const char *id)
{
  guint i = index_of (end_state_ids, G_N_ELEMENTS (end_state_ids), id);

  return i != G_MAXUINT ? (EbbSessionEndState) i : EBB_SESSION_RUNNING;
}

static const char *event_kind_ids[] = {
  NULL, "phase", "setpoint", "alarm-raised", "alarm-acknowledged", "alarm-cleared",
  "operator-action", "device-fault", "link-stats", "note",
};

const char *
ebb_session_event_kind_to_id (EbbSessionEventKind kind)
{
  if ((guint) kind < G_N_ELEMENTS (event_kind_ids))
    return event_kind_ids[kind];

  return NULL;
}

/* Returns 0 for an unknown id. */
EbbSessionEventKind
ebb_session_event_kind_from_id (const char *id)
{
  guint i = index_of (event_kind_ids, G_N_ELEMENTS (event_kind_ids), id);

  return i != G_MAXUINT ? (EbbSessionEventKind) i : 0;
}

EbbOperator *
ebb_operator_new (void)
{
  EbbOperator *self = g_new0 (EbbOperator, 1);

  self->active = TRUE;
  return self;
}

EbbOperator *
ebb_operator_copy (const EbbOperator *self)
{
  EbbOperator *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->username = g_strdup (self->username);
  copy->display_name = g_strdup (self->display_name);
  copy->credential_hash = g_strdup (self->credential_hash);
  return copy;
}

void
ebb_operator_free (EbbOperator *self)
{
  if (self == NULL)
    return;

  g_free (self->username);
  g_free (self->display_name);
  g_free (self->credential_hash);
  g_free (self);
}

EbbClient *
ebb_client_new (void)
{
  return g_new0 (EbbClient, 1);
}

EbbClient *
ebb_client_copy (const EbbClient *self)
{
  EbbClient *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->family_name = g_strdup (self->family_name);
  copy->given_name = g_strdup (self->given_name);
  copy->date_of_birth = g_strdup (self->date_of_birth);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->external_id = g_strdup (self->external_id);
  copy->notes = g_strdup (self->notes);
  return copy;
}

void
ebb_client_free (EbbClient *self)
{
  if (self == NULL)
    return;

  g_free (self->family_name);
  g_free (self->given_name);
  g_free (self->date_of_birth);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->external_id);
  g_free (self->notes);
  g_free (self);
}

EbbConsent *
ebb_consent_new (void)
{
  EbbConsent *self = g_new0 (EbbConsent, 1);

  self->granted = TRUE;
  self->method = EBB_CONSENT_METHOD_SIGNED_PAPER;
  return self;
}

void
ebb_consent_free (EbbConsent *self)
{
  if (self == NULL)
    return;

  g_free (self->topic);
  g_free (self->policy_version);
  g_free (self->note);
  g_free (self);
}

EbbStoredScreening *
ebb_stored_screening_new (void)
{
  return g_new0 (EbbStoredScreening, 1);
}

void
ebb_stored_screening_free (EbbStoredScreening *self)
{
  if (self == NULL)
    return;

  g_free (self->questionnaire_id);
  g_free (self->questionnaire_version);
  g_free (self->answers_json);
  g_free (self->scores_json);
  g_free (self->outcome);
  g_free (self->reasons_json);
  g_free (self->clearance_note);
  g_free (self->change_note);
  g_free (self);
}

void
ebb_screening_confirmation_free (EbbScreeningConfirmation *self)
{
  if (self == NULL)
    return;

  g_free (self->note);
  g_free (self);
}

EbbProfileRecord *
ebb_profile_record_new (void)
{
  return g_new0 (EbbProfileRecord, 1);
}

EbbProfileRecord *
ebb_profile_record_copy (const EbbProfileRecord *self)
{
  EbbProfileRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->description = g_strdup (self->description);
  return copy;
}

void
ebb_profile_record_free (EbbProfileRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->description);
  g_free (self);
}

EbbSessionRecord *
ebb_session_record_new (void)
{
  return g_new0 (EbbSessionRecord, 1);
}

EbbSessionRecord *
ebb_session_record_copy (const EbbSessionRecord *self)
{
  EbbSessionRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->profile_json = g_strdup (self->profile_json);
  copy->chamber_model = g_strdup (self->chamber_model);
  copy->chamber_serial = g_strdup (self->chamber_serial);
  copy->chamber_firmware = g_strdup (self->chamber_firmware);
  copy->end_reason = g_strdup (self->end_reason);
  copy->notes = g_strdup (self->notes);
  copy->link_stats_json = g_strdup (self->link_stats_json);
  return copy;
}

void
ebb_session_record_free (EbbSessionRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->profile_json);
  g_free (self->chamber_model);
  g_free (self->chamber_serial);
  g_free (self->chamber_firmware);
  g_free (self->end_reason);
  g_free (self->notes);
  g_free (self->link_stats_json);
  g_free (self);
}

/**
 * ebb_session_event_new:
 * @kind: what happened
 * @code: a short machine id
 * @message: (nullable): English detail
 *
 * Returns: (transfer full): an event stamped with the current wall clock
 */
EbbSessionEvent *
ebb_session_event_new (EbbSessionEventKind  kind,
                       const char          *code,
                       const char          *message)
{
  EbbSessionEvent *self = g_new0 (EbbSessionEvent, 1);

  self->kind = kind;
  self->code = g_strdup (code);
  self->message = g_strdup (message);
  self->time_us = g_get_real_time ();
  return self;
}

EbbSessionEvent *
ebb_session_event_copy (const EbbSessionEvent *self)
{
  EbbSessionEvent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->message = g_strdup (self->message);
  copy->data_json = g_strdup (self->data_json);
  return copy;
}

void
ebb_session_event_free (EbbSessionEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->message);
  g_free (self->data_json);
  g_free (self);
}

void
ebb_audit_entry_free (EbbAuditEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->action);
  g_free (self->subject);
  g_free (self->detail_json);
  g_free (self->prev_hash);
  g_free (self->hash);
  g_free (self);
}
