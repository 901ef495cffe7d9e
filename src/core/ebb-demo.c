/* ebb-demo.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "ebb-demo.h"
#include "ebb-front-desk.h"
#include "ebb-profile-record.h"
#include "ebb-profile.h"

/* What the first run offers a new user: a client who may have a session
 * now and a profile short enough to watch to its end, so the whole path
 * from the client list to the summary and its report takes minutes. Every
 * record goes through the core as the new administrator, so it is checked
 * and audited like any other, and each says plainly that it is a
 * demonstration: the client's notes, the screening's NOTE item (shown on
 * the prepare and live screens) and the profile's description. */

/* The screening's questionnaire id: no questionnaire, a demonstration. */
#define DEMO_QUESTIONNAIRE "demo"

static gint64
register_client (EbbOperatorSession  *ctx,
                 GError             **error)
{
  g_autoptr(EbbClient) client = ebb_client_new ();

  client->family_name = g_strdup ("Demo");
  client->given_name = g_strdup ("Dana");
  client->date_of_birth = g_strdup ("1970-01-01");
  client->external_id = g_strdup (EBB_DEMO_CLIENT_NUMBER);
  client->notes = g_strdup (_("Demo client for trying out the console"));
  return ebb_front_desk_register_client (ctx, client, error);
}

static gboolean
record_consent (EbbOperatorSession  *ctx,
                gint64               client_id,
                GError             **error)
{
  g_autoptr(EbbConsent) consent = ebb_consent_new ();

  consent->client_id = client_id;
  consent->topic = g_strdup ("treatment");
  consent->policy_version = g_strdup ("demo-1");
  consent->granted = TRUE;
  return ebb_front_desk_record_consent (ctx, consent, error) > 0;
}

/* A NOTE outcome allows a session and puts its item, the word that this
 * is a demonstration, in front of the technician. No questionnaire was
 * answered, so the decision is written here; it is recorded by the front
 * desk like any other, under the same checks, validity and audit entries. */
static gint64
record_screening (EbbOperatorSession  *ctx,
                  gint64               client_id,
                  guint                validity_days,
                  GError             **error)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  EbbScreeningReason note = {
    .rule_id = (char *) DEMO_QUESTIONNAIRE,
    .outcome = EBB_SCREENING_OUTCOME_NOTE,
    .text = (char *) _("Demonstration screening for a demo client: "
                       "no questions were asked. Screen real clients."),
  };
  EbbScreeningDecision decision = {
    .questionnaire_id = (char *) DEMO_QUESTIONNAIRE,
    .questionnaire_version = 1,
    .outcome = EBB_SCREENING_OUTCOME_NOTE,
    .rule_outcome = EBB_SCREENING_OUTCOME_NOTE,
    .reasons = reasons,
    .missing = missing,
  };

  g_ptr_array_add (reasons, &note);
  return ebb_front_desk_record_screening (ctx, client_id, NULL, &decision, validity_days, error);
}

static gboolean
save_profile (EbbOperatorSession  *ctx,
              gint32               clinic_limit_pa,
              GError             **error)
{
  g_autoptr(EbbProfile) profile = ebb_profile_new (EBB_DEMO_PROFILE_NAME);

  ebb_profile_set_description (profile, _("Demonstration only: two minutes at a mild level "
                                          "for trying out the console with the simulated "
                                          "chamber. Not a treatment profile."));
  ebb_profile_set_level_pa (profile, EBB_DEMO_PROFILE_LEVEL_PA);
  ebb_profile_set_vacuum_s (profile, EBB_DEMO_PROFILE_VACUUM_S);
  ebb_profile_set_release_s (profile, EBB_DEMO_PROFILE_RELEASE_S);
  ebb_profile_set_duration_s (profile, EBB_DEMO_PROFILE_DURATION_S);
  return ebb_profile_save (ctx, profile, clinic_limit_pa, error) > 0;
}

/**
 * ebb_demo_set_up:
 * @ctx: the logged-in operator; needs to register clients, record consents
 *   and screenings, and create profiles (the first administrator with the
 *   front-desk roles of a one-person clinic)
 * @validity_days: the clinic's screening validity
 * @clinic_limit_pa: the clinic's limit, for the profile's validation
 * @error: return location for a #GError: a refusal or the store's
 *
 * Adds the first run's demonstration: the demo client (`DEMO-1`, "Dana
 * Demo") with a granted treatment consent and a demonstration screening
 * whose NOTE item says what it is, and the custom profile "Demonstration"
 * (two minutes at −3000 Pa, 10 s vacuum / 7 s release). Every record is
 * written and audited through the core as @ctx.
 *
 * Returns: the demo client's id, or 0 with @error set
 */
gint64
ebb_demo_set_up (EbbOperatorSession  *ctx,
                 guint                validity_days,
                 gint32               clinic_limit_pa,
                 GError             **error)
{
  gint64 client_id;

  g_return_val_if_fail (EBB_IS_OPERATOR_SESSION (ctx), 0);

  client_id = register_client (ctx, error);
  if (client_id <= 0 ||
      !record_consent (ctx, client_id, error) ||
      record_screening (ctx, client_id, validity_days, error) <= 0 ||
      !save_profile (ctx, clinic_limit_pa, error))
    return 0;

  return client_id;
}
