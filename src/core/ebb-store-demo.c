/* ebb-store-demo.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-store-demo"

#include "config.h"

#include <math.h>

#include "ebb-credentials.h"
#include "ebb-sample-writer.h"
#include "ebb-store-demo.h"

/* Demonstration data so a new user (and the README's run command) can try
 * everything without a clinic's records. Every step checks first, so
 * populating twice changes nothing. */

static const struct
{
  const char *external_id;
  const char *family;
  const char *given;
  const char *dob;
  EbbSex      sex;
} demo_clients[] = {
  { "DEMO-0001", "Ødegård-Łukasiewicz", "Zoë", "1984-03-12", EBB_SEX_FEMALE },
  { "DEMO-0002", "Müller", "Jürgen", "1958-11-02", EBB_SEX_MALE },
  { "DEMO-0003", "García Márquez", "José", "1971-07-23", EBB_SEX_MALE },
  { "DEMO-0004", "Nguyễn", "Thị Minh", "1990-01-30", EBB_SEX_FEMALE },
  { "DEMO-0005", "O’Brien", "Siobhán", "1966-05-17", EBB_SEX_UNSPECIFIED },
};

static gint64
ensure_admin (EbbStore  *store,
              GError   **error)
{
  g_autoptr(EbbOperator) existing = ebb_store_operator_find (store, EBB_STORE_DEMO_ADMIN, NULL);
  g_autoptr(EbbOperator) op = NULL;
  gint64 id;

  if (existing != NULL)
    return existing->id;

  op = ebb_operator_new ();
  op->username = g_strdup (EBB_STORE_DEMO_ADMIN);
  op->display_name = g_strdup ("Demo Administrator");
  op->roles = EBB_ROLES_ANY;
  op->credential_hash = ebb_credentials_hash (EBB_STORE_DEMO_ADMIN_PIN, error);
  if (op->credential_hash == NULL)
    return 0;

  id = ebb_store_operator_insert (store, op, error);
  if (id != 0 &&
      ebb_store_audit_append (store, id, "operator.create", "operator:demo",
                              "{\"via\":\"demo\"}", error) == 0)
    return 0;

  return id;
}

static gboolean
record_session (EbbStore  *store,
                gint64     client_id,
                gint64     operator_id,
                GError   **error)
{
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  g_autoptr(EbbStoredScreening) screening = ebb_stored_screening_new ();
  g_autoptr(EbbConsent) consent = ebb_consent_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(EbbSessionEvent) phase = NULL;
  EbbVitals before = { TRUE, 124, 82, 68 }, after = { TRUE, 120, 80, 64 };
  gint64 now = g_get_real_time (), session_id;
  gint32 pressure = 0;

  consent->client_id = client_id;
  consent->topic = g_strdup ("treatment");
  consent->policy_version = g_strdup ("demo-1");
  consent->recorded_by = operator_id;
  if (ebb_store_consent_insert (store, consent, error) == 0)
    return FALSE;

  screening->client_id = client_id;
  screening->questionnaire_id = g_strdup ("demo");
  screening->questionnaire_version = g_strdup ("1");
  screening->answers_json = g_strdup ("{}");
  screening->outcome = g_strdup ("clear");
  screening->reasons_json = g_strdup ("[]");
  screening->operator_id = operator_id;
  screening->screened_us = now - 120 * G_USEC_PER_SEC;

  session->client_id = client_id;
  session->operator_id = operator_id;
  session->screening_id = ebb_store_screening_insert (store, screening, error);
  if (session->screening_id == 0)
    return FALSE;
  session->profile_json = g_strdup ("{\"name\":\"Demo\",\"level_pa\":-4000,\"vacuum_s\":10,"
                                    "\"release_s\":7,\"ramp_pa_s\":2000,\"duration_s\":60}");
  session->chamber_model = g_strdup ("Simulated chamber");
  session->chamber_serial = g_strdup ("SIM-0001");
  session->chamber_firmware = g_strdup ("sim");
  session->started_us = now - 61 * G_USEC_PER_SEC;

  session_id = ebb_store_session_begin (store, session, error);
  if (session_id == 0 ||
      !ebb_store_session_set_vitals (store, session_id, FALSE, &before, error))
    return FALSE;

  writer = ebb_sample_writer_new (store, session_id, error);
  if (writer == NULL)
    return FALSE;

  phase = ebb_session_event_new (EBB_SESSION_EVENT_PHASE, "vacuum", "Vacuum phase");
  phase->time_us = session->started_us;
  ebb_sample_writer_push_event (writer, phase);
  /* Written now, but recorded as if from the session's start. */
  ebb_sample_writer_set_epoch (writer, session->started_us);

  /* One minute at 100 Hz of a 17-second cycle between 0 and -4000 Pa. As
   * the session runner does, a vacuum phase starts only when its 10 s fit
   * into the minute: three cycles, then release to the end. */
  for (guint i = 0; i < 6000; i++)
    {
      double t = fmod (i / 100.0, 17.0);
      gboolean vacuum = t < 10.0 && i / 100.0 - t + 10.0 <= 60.0;
      gint32 target = vacuum ? -4000 : 0;
      EbbEcpTelemetry sample;

      pressure += (target - pressure) / 25;
      sample = (EbbEcpTelemetry) {
        .device_ms = 5000 + i * 10,
        .pressure_pa = pressure + (gint32) (7 * sin (i * 0.7)),
        .target_pa = target,
        .pump_pct = target < pressure ? 60 : 0,
        .vent_open = target == 0,
      };
      ebb_sample_writer_push_samples (writer, &sample, 1);
    }

  if (!ebb_sample_writer_close (writer, error) ||
      !ebb_store_session_set_vitals (store, session_id, TRUE, &after, error))
    return FALSE;

  return ebb_store_session_finish (store, session_id, EBB_SESSION_COMPLETED, NULL,
                                   session->started_us + 60 * G_USEC_PER_SEC, "{\"crc_errors\":0}",
                                   error);
}

/**
 * ebb_store_demo_populate:
 * @store: the store
 * @error: return location for an #EBB_STORE_ERROR
 *
 * Adds the demonstration administrator (EBB_STORE_DEMO_ADMIN, PIN
 * EBB_STORE_DEMO_ADMIN_PIN), five clients with names in several scripts
 * and one completed one-minute session, unless they are there already.
 *
 * Returns: %TRUE on success
 */
gboolean
ebb_store_demo_populate (EbbStore  *store,
                         GError   **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 admin, first_client = 0;

  g_return_val_if_fail (EBB_IS_STORE (store), FALSE);

  admin = ensure_admin (store, error);
  if (admin == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    {
      g_autoptr(EbbClient) client = ebb_store_client_find_external (store, demo_clients[i].external_id, NULL);

      if (client == NULL)
        {
          client = ebb_client_new ();
          client->family_name = g_strdup (demo_clients[i].family);
          client->given_name = g_strdup (demo_clients[i].given);
          client->date_of_birth = g_strdup (demo_clients[i].dob);
          client->sex = demo_clients[i].sex;
          client->external_id = g_strdup (demo_clients[i].external_id);
          client->notes = g_strdup ("Demonstration client");
          client->id = ebb_store_client_insert (store, client, error);
          if (client->id == 0)
            return FALSE;
        }
      if (i == 0)
        first_client = client->id;
    }

  sessions = ebb_store_session_list (store, first_client, 1, error);
  if (sessions == NULL)
    return FALSE;
  if (sessions->len == 0 && !record_session (store, first_client, admin, error))
    return FALSE;

  return TRUE;
}
