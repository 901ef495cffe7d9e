/* report-fixture.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Synthetic sessions shaped like real ones, for the report's tests and
 * benchmark: 10 s at −40 mmHg, 7 s vented, a pump that ramps at 2000 Pa/s
 * and settles with a first-order lag, sensor noise of a few pascals. */

#include "config.h"

#include "report-fixture.h"

static void
simulate (GArray  *samples,
          guint    minutes,
          guint    rate_hz,
          guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n = minutes * 60 * rate_hz;
  guint period_ms = 1000 / rate_hz;
  guint cycle_ms = (FIXTURE_VACUUM_S + FIXTURE_RELEASE_S) * 1000;
  guint duration_ms = minutes * 60 * 1000;
  double pressure = 0;

  g_array_set_size (samples, n);
  for (guint i = 0; i < n; i++)
    {
      EbbEcpTelemetry *s = &g_array_index (samples, EbbEcpTelemetry, i);
      guint t = i * period_ms;
      /* As the session runner does: a vacuum phase starts every cycle
       * while its full length fits before the end of the duration; the
       * time left after the last one is release. */
      gboolean vacuum = t % cycle_ms < FIXTURE_VACUUM_S * 1000
                        && t - t % cycle_ms + FIXTURE_VACUUM_S * 1000 <= duration_ms;
      double target = vacuum ? FIXTURE_LEVEL_PA : 0;
      double step = (target - pressure) * 0.02 * (200.0 / rate_hz);
      double max_step = (vacuum ? FIXTURE_RAMP_PA_S : 6000.0) / rate_hz;

      pressure += CLAMP (step, -max_step, max_step);
      s->device_ms = 1000000 + t;
      s->pressure_pa = (gint32) (pressure + g_rand_double_range (rand, -25, 25));
      s->target_pa = (gint32) target;
      s->vent_open = !vacuum;
      s->pump_pct = vacuum ? 60 : 0;
      s->flags = EBB_ECP_FLAG_STREAMING | EBB_ECP_FLAG_LID_CLOSED | EBB_ECP_FLAG_WATCHDOG_ARMED |
                 (vacuum ? EBB_ECP_FLAG_REGULATING | EBB_ECP_FLAG_PUMP_ON : EBB_ECP_FLAG_VENT_OPEN);
      if (vacuum && ABS (s->pressure_pa - s->target_pa) <= EBB_ECP_TARGET_BAND_PA)
        s->flags |= EBB_ECP_FLAG_TARGET_REACHED;
      s->faults = 0;
    }
}

/**
 * report_fixture_session:
 * @minutes: the planned duration
 * @rate_hz: the telemetry rate (a divisor of 1000)
 * @seed: for the sensor noise
 *
 * Returns: (transfer full): a completed session of a client with a name
 *   that needs more than Latin-1, two alarms and a screening with a NOTE
 */
EbbReportData *
report_fixture_session (guint   minutes,
                        guint   rate_hz,
                        guint32 seed)
{
  EbbReportData *data = ebb_report_data_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  data->clinic_name = g_strdup ("Praxis für Gefäßmedizin Dr. Müller");
  data->clinic_address = g_strdup ("Hauptstraße 12\n80331 München");
  data->clinic_phone = g_strdup ("+49 89 1234567");
  data->client_given_name = g_strdup ("Zoë");
  data->client_family_name = g_strdup ("Ødegård-Łukasiewicz");
  g_date_set_dmy (&data->client_birth_date, 14, G_DATE_MARCH, 1957);
  data->client_clinic_id = g_strdup ("K-2026-0042");
  data->session_id = 42;
  data->start = g_date_time_new (tz, 2026, 11, 25, 9, 0, 0);
  data->end = g_date_time_add_minutes (data->start, minutes);
  data->operator_name = g_strdup ("Jürgen Åström");
  data->chamber_model = g_strdup ("Ebbflow Chamber B");
  data->chamber_serial = g_strdup ("EBF-000123");
  data->chamber_firmware = g_strdup ("1.4.2");
  data->end_state = EBB_REPORT_END_COMPLETED;
  data->profile_name = g_strdup ("Standard −40 mmHg");
  data->level_pa = FIXTURE_LEVEL_PA;
  data->vacuum_s = FIXTURE_VACUUM_S;
  data->release_s = FIXTURE_RELEASE_S;
  data->ramp_pa_s = FIXTURE_RAMP_PA_S;
  data->duration_s = minutes * 60;
  data->limit_pa = FIXTURE_LIMIT_PA;
  data->screening = report_fixture_screening ();

  simulate (data->samples, minutes, rate_hz, seed);

  g_ptr_array_add (data->events, ebb_report_event_new (0, EBB_REPORT_PRIORITY_INFO, "session.start",
                                                       "Session started"));
  g_ptr_array_add (data->events, ebb_report_event_new (312500, EBB_REPORT_PRIORITY_LOW, "alarm.leak",
                                                       "Small leak at the waist seal"));
  g_ptr_array_add (data->events, ebb_report_event_new (845000, EBB_REPORT_PRIORITY_MEDIUM,
                                                       "alarm.deviation",
                                                       "Pressure 3 mmHg above the setpoint for 4 s"));
  g_ptr_array_add (data->events, ebb_report_event_new ((gint64) minutes * 60000, EBB_REPORT_PRIORITY_INFO,
                                                       "session.end", "Session completed"));

  data->vitals_before = (EbbReportVitals) { TRUE, 132, 84, 71 };
  data->vitals_after = (EbbReportVitals) { TRUE, 126, 80, 66 };
  data->technician_notes = g_strdup ("Client comfortable throughout. Seal adjusted once after "
                                     "five minutes; no further leak.");
  data->link_frames_lost = 2;
  return data;
}

/**
 * report_fixture_screening:
 *
 * Returns: (transfer full): a NOTE screening with one finding, a score and
 *   a clearance
 */
EbbReportScreening *
report_fixture_screening (void)
{
  EbbReportScreening *screening = ebb_report_screening_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  screening->clinic_name = g_strdup ("Praxis für Gefäßmedizin Dr. Müller");
  screening->clinic_address = g_strdup ("Hauptstraße 12\n80331 München");
  screening->client_name = g_strdup ("Zoë Ødegård-Łukasiewicz");
  g_date_set_dmy (&screening->client_birth_date, 14, G_DATE_MARCH, 1957);
  screening->client_clinic_id = g_strdup ("K-2026-0042");
  screening->date = g_date_time_new (tz, 2026, 11, 20, 10, 15, 0);
  screening->screened_by = g_strdup ("Jürgen Åström");
  screening->questionnaire_id = g_strdup ("ebbflow-inp-screening");
  screening->questionnaire_version = g_strdup ("1.0");
  screening->outcome = EBB_REPORT_OUTCOME_NOTE;
  g_ptr_array_add (screening->reasons,
                   ebb_report_reason_new (EBB_REPORT_OUTCOME_NOTE,
                                          "Peripheral arterial disease with claudication (ABI 0.82)"));
  g_ptr_array_add (screening->scores, ebb_report_score_new ("Wells score (two-level)", "0: DVT unlikely"));
  screening->valid_until = g_date_time_add_days (screening->date, 90);
  screening->clearance_by = g_strdup ("Dr. Anna Weiß");
  screening->clearance_at = g_date_time_new (tz, 2026, 11, 20, 11, 0, 0);
  screening->clearance_note = g_strdup ("Fit for standard profile.");
  return screening;
}
