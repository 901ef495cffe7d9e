/* ebb-report-data.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ebb-report-data"

#include "config.h"

#include "ebb-report-data.h"

#include "ebb-profile.h"

#include <string.h>

/* A break in the sample stream longer than this is a gap (a lost link or a
 * console that stalled), not a sampling interval; its time counts as
 * neither recorded nor at level. */
#define GAP_MS 1000
/* A vacuum phase counts as a completed cycle when it lasted its planned
 * time; this allows for the profile clock and the device clock not
 * ticking at exactly the same instant. */
#define PHASE_TOLERANCE_MS 500
/* An excursion out of the target band shorter than this is regulation
 * noise, not a deviation worth reporting. */
#define DEVIATION_MIN_MS 1000
/* An excursion beyond the clinic limit starts with any sample beyond it
 * and lasts until the pressure is back within the limit by the device's
 * target band (ECP/1 §4.2, the regulation tolerance). Every real
 * excursion counts, however small, and the hysteresis makes sensor noise
 * around the limit (a profile whose level equals it) count once, not at
 * every crossing. */
#define LIMIT_HYSTERESIS_PA EBB_ECP_TARGET_BAND_PA

EbbReportEvent *
ebb_report_event_new (gint64             offset_ms,
                      EbbReportPriority  priority,
                      const char        *kind,
                      const char        *text)
{
  EbbReportEvent *event = g_new0 (EbbReportEvent, 1);

  event->offset_ms = offset_ms;
  event->priority = priority;
  event->kind = g_strdup (kind);
  event->text = g_strdup (text);
  return event;
}

void
ebb_report_event_free (EbbReportEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->kind);
  g_free (event->text);
  g_free (event);
}

static gpointer
event_copy_cb (gconstpointer src,
               gpointer      user_data)
{
  const EbbReportEvent *event = src;

  return ebb_report_event_new (event->offset_ms, event->priority, event->kind, event->text);
}

EbbReportReason *
ebb_report_reason_new (EbbReportOutcome  outcome,
                       const char       *text)
{
  EbbReportReason *reason = g_new0 (EbbReportReason, 1);

  reason->outcome = outcome;
  reason->text = g_strdup (text);
  return reason;
}

void
ebb_report_reason_free (EbbReportReason *reason)
{
  if (reason == NULL)
    return;

  g_free (reason->text);
  g_free (reason);
}

static gpointer
reason_copy_cb (gconstpointer src,
                gpointer      user_data)
{
  const EbbReportReason *reason = src;

  return ebb_report_reason_new (reason->outcome, reason->text);
}

EbbReportScore *
ebb_report_score_new (const char *name,
                      const char *value)
{
  EbbReportScore *score = g_new0 (EbbReportScore, 1);

  score->name = g_strdup (name);
  score->value = g_strdup (value);
  return score;
}

void
ebb_report_score_free (EbbReportScore *score)
{
  if (score == NULL)
    return;

  g_free (score->name);
  g_free (score->value);
  g_free (score);
}

static gpointer
score_copy_cb (gconstpointer src,
               gpointer      user_data)
{
  const EbbReportScore *score = src;

  return ebb_report_score_new (score->name, score->value);
}

static GDateTime *
date_time_ref0 (GDateTime *date_time)
{
  return date_time != NULL ? g_date_time_ref (date_time) : NULL;
}

/**
 * ebb_report_screening_new:
 *
 * Returns: (transfer full): an empty screening with an unknown birth date
 */
EbbReportScreening *
ebb_report_screening_new (void)
{
  EbbReportScreening *screening = g_new0 (EbbReportScreening, 1);

  g_date_clear (&screening->client_birth_date, 1);
  screening->outcome = EBB_REPORT_OUTCOME_CLEAR;
  screening->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_report_reason_free);
  screening->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_report_score_free);
  return screening;
}

/**
 * ebb_report_screening_copy:
 * @screening: a screening
 *
 * Returns: (transfer full): a deep copy, safe to hand to another thread
 */
EbbReportScreening *
ebb_report_screening_copy (const EbbReportScreening *screening)
{
  EbbReportScreening *copy;

  g_return_val_if_fail (screening != NULL, NULL);

  copy = g_new0 (EbbReportScreening, 1);
  copy->clinic_name = g_strdup (screening->clinic_name);
  copy->clinic_address = g_strdup (screening->clinic_address);
  copy->clinic_phone = g_strdup (screening->clinic_phone);
  copy->clinic_logo = g_strdup (screening->clinic_logo);
  copy->client_name = g_strdup (screening->client_name);
  copy->client_birth_date = screening->client_birth_date;
  copy->client_clinic_id = g_strdup (screening->client_clinic_id);
  copy->date = date_time_ref0 (screening->date);
  copy->screened_by = g_strdup (screening->screened_by);
  copy->questionnaire_id = g_strdup (screening->questionnaire_id);
  copy->questionnaire_version = g_strdup (screening->questionnaire_version);
  copy->outcome = screening->outcome;
  copy->reasons = g_ptr_array_copy (screening->reasons, reason_copy_cb, NULL);
  g_ptr_array_set_free_func (copy->reasons, (GDestroyNotify) ebb_report_reason_free);
  copy->scores = g_ptr_array_copy (screening->scores, score_copy_cb, NULL);
  g_ptr_array_set_free_func (copy->scores, (GDestroyNotify) ebb_report_score_free);
  copy->valid_until = date_time_ref0 (screening->valid_until);
  copy->clearance_by = g_strdup (screening->clearance_by);
  copy->clearance_at = date_time_ref0 (screening->clearance_at);
  copy->clearance_note = g_strdup (screening->clearance_note);
  return copy;
}

void
ebb_report_screening_free (EbbReportScreening *screening)
{
  if (screening == NULL)
    return;

  g_free (screening->clinic_name);
  g_free (screening->clinic_address);
  g_free (screening->clinic_phone);
  g_free (screening->clinic_logo);
  g_free (screening->client_name);
  g_free (screening->client_clinic_id);
  g_clear_pointer (&screening->date, g_date_time_unref);
  g_free (screening->screened_by);
  g_free (screening->questionnaire_id);
  g_free (screening->questionnaire_version);
  g_clear_pointer (&screening->reasons, g_ptr_array_unref);
  g_clear_pointer (&screening->scores, g_ptr_array_unref);
  g_clear_pointer (&screening->valid_until, g_date_time_unref);
  g_free (screening->clearance_by);
  g_clear_pointer (&screening->clearance_at, g_date_time_unref);
  g_free (screening->clearance_note);
  g_free (screening);
}

/**
 * ebb_report_data_new:
 *
 * Returns: (transfer full): an empty model: no samples, no events, an
 *   unknown birth date, a completed end state
 */
EbbReportData *
ebb_report_data_new (void)
{
  EbbReportData *data = g_new0 (EbbReportData, 1);

  g_date_clear (&data->client_birth_date, 1);
  data->end_state = EBB_REPORT_END_COMPLETED;
  data->samples = g_array_new (FALSE, FALSE, sizeof (EbbEcpTelemetry));
  data->events = g_ptr_array_new_with_free_func ((GDestroyNotify) ebb_report_event_free);
  data->phase_marks = g_array_new (FALSE, FALSE, sizeof (EbbReportPhaseMark));
  return data;
}

/**
 * ebb_report_data_copy:
 * @data: a model
 *
 * Returns: (transfer full): a deep copy, safe to hand to another thread
 */
EbbReportData *
ebb_report_data_copy (const EbbReportData *data)
{
  EbbReportData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_memdup2 (data, sizeof *data);
  copy->clinic_name = g_strdup (data->clinic_name);
  copy->clinic_address = g_strdup (data->clinic_address);
  copy->clinic_phone = g_strdup (data->clinic_phone);
  copy->clinic_logo = g_strdup (data->clinic_logo);
  copy->client_given_name = g_strdup (data->client_given_name);
  copy->client_family_name = g_strdup (data->client_family_name);
  copy->client_clinic_id = g_strdup (data->client_clinic_id);
  copy->start = date_time_ref0 (data->start);
  copy->end = date_time_ref0 (data->end);
  copy->operator_name = g_strdup (data->operator_name);
  copy->chamber_model = g_strdup (data->chamber_model);
  copy->chamber_serial = g_strdup (data->chamber_serial);
  copy->chamber_firmware = g_strdup (data->chamber_firmware);
  copy->end_reason = g_strdup (data->end_reason);
  copy->profile_name = g_strdup (data->profile_name);
  copy->screening = data->screening != NULL ? ebb_report_screening_copy (data->screening) : NULL;
  copy->samples = g_array_sized_new (FALSE, FALSE, sizeof (EbbEcpTelemetry), data->samples->len);
  g_array_append_vals (copy->samples, data->samples->data, data->samples->len);
  copy->events = g_ptr_array_copy (data->events, event_copy_cb, NULL);
  g_ptr_array_set_free_func (copy->events, (GDestroyNotify) ebb_report_event_free);
  copy->phase_marks = g_array_sized_new (FALSE, FALSE, sizeof (EbbReportPhaseMark),
                                         data->phase_marks->len);
  g_array_append_vals (copy->phase_marks, data->phase_marks->data, data->phase_marks->len);
  copy->technician_notes = g_strdup (data->technician_notes);
  return copy;
}

void
ebb_report_data_free (EbbReportData *data)
{
  if (data == NULL)
    return;

  g_free (data->clinic_name);
  g_free (data->clinic_address);
  g_free (data->clinic_phone);
  g_free (data->clinic_logo);
  g_free (data->client_given_name);
  g_free (data->client_family_name);
  g_free (data->client_clinic_id);
  g_clear_pointer (&data->start, g_date_time_unref);
  g_clear_pointer (&data->end, g_date_time_unref);
  g_free (data->operator_name);
  g_free (data->chamber_model);
  g_free (data->chamber_serial);
  g_free (data->chamber_firmware);
  g_free (data->end_reason);
  g_free (data->profile_name);
  g_clear_pointer (&data->screening, ebb_report_screening_free);
  g_clear_pointer (&data->samples, g_array_unref);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_clear_pointer (&data->phase_marks, g_array_unref);
  g_free (data->technician_notes);
  g_free (data);
}

/**
 * ebb_report_data_client_name:
 * @data: a model
 *
 * Returns: (transfer full): the client's given and family names, as
 *   printed
 */
char *
ebb_report_data_client_name (const EbbReportData *data)
{
  const char *parts[3] = { NULL, };
  guint n = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (data->client_given_name != NULL && *data->client_given_name != '\0')
    parts[n++] = data->client_given_name;
  if (data->client_family_name != NULL && *data->client_family_name != '\0')
    parts[n++] = data->client_family_name;

  return g_strjoinv (" ", (char **) parts);
}

static gboolean
vacuum_phase_complete (gint64 phase_ms,
                       guint  vacuum_s)
{
  return vacuum_s > 0 && phase_ms + PHASE_TOLERANCE_MS >= (gint64) vacuum_s * 1000;
}

/* Counts a vacuum phase, or a piece of one, that ended after @phase_ms.
 * A pause vents in the middle of a vacuum phase and the resume runs the
 * phase on for the time it had left, so its pieces, each too short alone,
 * complete it together: @piece_ms carries the pieces so far. A phase (or
 * its pieces) that counted while short of the full time by up to the
 * tolerance leaves that shortfall in @piece_ms, to be made up by the rest
 * of it after a resume; a longer phase leaves nothing, so surplus and
 * shortfall never pile up over a session. A phase cut short by the end of
 * the session has no further piece and does not count. */
static void
end_vacuum_phase (gint64  phase_ms,
                  guint   vacuum_s,
                  gint64 *piece_ms,
                  guint  *cycles_completed)
{
  gint64 vacuum_ms = (gint64) vacuum_s * 1000;

  if (vacuum_phase_complete (phase_ms, vacuum_s))
    {
      *piece_ms = MIN (phase_ms - vacuum_ms, 0);
    }
  else
    {
      *piece_ms += phase_ms;
      if (!vacuum_phase_complete (*piece_ms, vacuum_s))
        return;
      *piece_ms = MIN (*piece_ms - vacuum_ms, 0);
    }

  (*cycles_completed)++;
}

/**
 * ebb_report_data_add_phase_mark:
 * @data: a model
 * @device_ms: the device clock at the change, on the samples' clock
 * @kind: what changed
 * @cycle: the cycle of a vacuum or release phase (from 1); 0 otherwise
 *
 * Appends a change of phase the session recorded. Marks are added in the
 * order they happened.
 */
void
ebb_report_data_add_phase_mark (EbbReportData      *data,
                                guint32             device_ms,
                                EbbReportPhaseKind  kind,
                                guint               cycle)
{
  EbbReportPhaseMark mark = { device_ms, kind, cycle };

  g_return_if_fail (data != NULL);

  g_array_append_val (data->phase_marks, mark);
}

/* Where the walk through the samples is. Times are milliseconds on the
 * device clock since the first sample, gaps included. */
typedef struct
{
  const EbbReportData *data;
  EbbReportStats      *stats;

  /* The vacuum phase, or the piece of one between pauses, in progress. */
  gboolean             in_phase;
  gint64               phase_start;
  guint                phase_cycle;
  gboolean             reached;
  gboolean             in_excursion;
  gint64               excursion_start;

  /* Recorded phases: the cycle whose vacuum time is being added up. */
  guint                cycle;
  gint64               cycle_ms;
  /* Reconstructed phases: the pieces so far (end_vacuum_phase()). */
  gint64               piece_ms;

  gint64               level_sum;
  guint                level_n;
} Walk;

/* Ends an excursion out of the band at @t; it counts if it lasted. */
static void
end_excursion (Walk   *w,
               gint64  t)
{
  if (w->in_excursion && t - w->excursion_start >= DEVIATION_MIN_MS)
    w->stats->deviations++;
  w->in_excursion = FALSE;
}

/* Ends the approach to a setpoint, and with it an excursion in progress:
 * at the end of a phase, or when the setpoint changes and the pressure
 * has a new level to reach. */
static void
end_ramp (Walk   *w,
          gint64  t)
{
  end_excursion (w, t);
  w->reached = FALSE;
}

/* Counts the cycle whose vacuum time has been added up, if it is whole. */
static void
finish_cycle (Walk *w)
{
  if (w->cycle != 0 && vacuum_phase_complete (w->cycle_ms, w->data->vacuum_s))
    w->stats->cycles_completed++;
  w->cycle = 0;
  w->cycle_ms = 0;
}

/* Applies a recorded change of phase at @t. The session records the
 * vacuum phase's cycle again when it resumes it after a pause, so the
 * pieces of one phase add up by their cycle number. */
static void
apply_mark (Walk                     *w,
            const EbbReportPhaseMark *mark,
            gint64                    t)
{
  if (w->in_phase)
    {
      end_ramp (w, t);
      if (w->phase_cycle != w->cycle)
        {
          finish_cycle (w);
          w->cycle = w->phase_cycle;
        }
      w->cycle_ms += MAX (t - w->phase_start, 0);
      w->in_phase = FALSE;
    }

  if (mark->kind == EBB_REPORT_PHASE_VACUUM)
    {
      w->in_phase = TRUE;
      w->phase_start = t;
      w->phase_cycle = mark->cycle;
    }
}

/* A sample within a vacuum phase: time at level, the mean vacuum there
 * and deviations once the phase has reached its level. A sample whose
 * setpoint is not (yet) a vacuum is never at level. */
static void
walk_vacuum_sample (Walk                  *w,
                    const EbbEcpTelemetry *s,
                    gint64                 t)
{
  gint32 offset = s->pressure_pa - s->target_pa;
  gboolean in_band = s->target_pa < 0 && ABS (offset) <= EBB_ECP_TARGET_BAND_PA;

  if (in_band)
    {
      w->level_sum += s->pressure_pa;
      w->level_n++;
    }

  if (!w->reached)
    {
      w->reached = in_band || (s->target_pa < 0 && (s->flags & EBB_ECP_FLAG_TARGET_REACHED) != 0);
      return;
    }

  if (!in_band)
    {
      if (!w->in_excursion)
        w->excursion_start = t;
      w->in_excursion = TRUE;
      w->stats->largest_deviation_pa = MAX (w->stats->largest_deviation_pa, ABS (offset));
    }
  else
    {
      end_excursion (w, t);
    }
}

/* Sessions recorded without their phases (before the session runner
 * recorded them, or written by other tools) have only the setpoint in the
 * samples to go by: a vacuum phase is a run of samples whose setpoint is
 * below 0, and a pause shows as a stretch at 0 between two pieces of one
 * phase. Returns whether @s is in a vacuum phase. */
static gboolean
reconstruct_phase (Walk                  *w,
                   const EbbEcpTelemetry *s,
                   const EbbEcpTelemetry *prev,
                   gint64                 t)
{
  gboolean vacuum = s->target_pa < 0;

  /* Phase boundaries: a setpoint change starts a new ramp. */
  if (w->in_phase && (!vacuum || s->target_pa != prev->target_pa))
    {
      end_ramp (w, t);
      if (!vacuum)
        {
          end_vacuum_phase (t - w->phase_start, w->data->vacuum_s, &w->piece_ms,
                            &w->stats->cycles_completed);
          w->in_phase = FALSE;
        }
    }
  if (vacuum && !w->in_phase)
    {
      w->in_phase = TRUE;
      w->phase_start = t;
    }

  return vacuum;
}

/* The recorded phases: applies the marks up to @t (*@next_mark is the
 * first not yet applied). A setpoint change within a vacuum phase starts
 * a new approach to the level but not a new phase. Returns whether @s is
 * in a vacuum phase. */
static gboolean
follow_recorded_phase (Walk                  *w,
                       const EbbEcpTelemetry *s,
                       const EbbEcpTelemetry *prev,
                       gint64                 t,
                       guint                 *next_mark)
{
  const GArray *marks = w->data->phase_marks;
  guint32 first_ms = g_array_index (w->data->samples, EbbEcpTelemetry, 0).device_ms;

  for (; *next_mark < marks->len; (*next_mark)++)
    {
      const EbbReportPhaseMark *mark = &g_array_index (marks, EbbReportPhaseMark, *next_mark);
      /* Marks may come shortly before the first sample. */
      gint64 mark_t = (gint32) (mark->device_ms - first_ms);

      if (mark_t > t)
        break;
      apply_mark (w, mark, mark_t);
    }

  if (w->in_phase && prev != NULL && s->target_pa != prev->target_pa)
    end_ramp (w, t);

  return w->in_phase;
}

/**
 * ebb_report_data_compute_stats:
 * @data: a model
 * @stats: (out caller-allocates): the statistics
 *
 * Computes what the report prints about the session from its samples,
 * its recorded phases and its profile. A vacuum phase is what the session
 * recorded as one, from its start to the next phase, pause or end; it
 * completes a cycle when its pieces between pauses lasted the profile's
 * vacuum time together. For a session recorded without its phases, a
 * vacuum phase is a run of samples whose setpoint is below 0, and the
 * pieces split by a pause are recognised by their shortfall
 * (end_vacuum_phase()). Time at level is time within the device's target
 * band (ECP/1 §4.2) during vacuum phases. A deviation is an excursion out
 * of that band, lasting at least a second, after the phase had reached
 * its level. An excursion beyond the clinic limit starts with any sample
 * beyond it and ends when the pressure is back within it by the band.
 */
void
ebb_report_data_compute_stats (const EbbReportData *data,
                               EbbReportStats      *stats)
{
  const EbbEcpTelemetry *samples;
  guint n;
  guint next_mark = 0;
  gint64 t = 0;
  gboolean recorded_phases;
  gboolean prev_vacuum = FALSE;
  gboolean beyond_limit = FALSE;
  Walk w = { 0 };
  g_autoptr(EbbProfile) profile = NULL;

  g_return_if_fail (data != NULL);
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  w.data = data;
  w.stats = stats;

  /* The profile's own count: every vacuum phase that starts within the
   * duration, so a plan and its report never disagree. */
  profile = ebb_profile_new (data->profile_name != NULL ? data->profile_name : "");
  ebb_profile_set_vacuum_s (profile, data->vacuum_s);
  ebb_profile_set_release_s (profile, data->release_s);
  ebb_profile_set_duration_s (profile, data->duration_s);
  stats->cycles_planned = ebb_profile_get_n_cycles (profile);

  samples = (const EbbEcpTelemetry *) data->samples->data;
  n = data->samples->len;
  recorded_phases = data->phase_marks != NULL && data->phase_marks->len > 0;

  for (guint i = 0; i < n; i++)
    {
      const EbbEcpTelemetry *s = &samples[i];
      const EbbEcpTelemetry *prev = i > 0 ? &samples[i - 1] : NULL;
      gboolean vacuum;

      if (prev != NULL)
        {
          /* Device time is a wrapping 32-bit millisecond counter. */
          gint64 dt = (guint32) (s->device_ms - prev->device_ms);

          if (dt > GAP_MS)
            {
              stats->gaps++;
              stats->longest_gap_ms = MAX (stats->longest_gap_ms, dt);
            }
          else
            {
              stats->recorded_ms += dt;
              if (prev_vacuum)
                stats->vacuum_ms += dt;
              if (prev_vacuum && prev->target_pa < 0 &&
                  ABS (prev->pressure_pa - prev->target_pa) <= EBB_ECP_TARGET_BAND_PA)
                stats->at_level_ms += dt;
            }
          t += dt;
        }

      if (i == 0 || s->pressure_pa < stats->deepest_pa)
        stats->deepest_pa = s->pressure_pa;

      if (data->limit_pa < 0 && !beyond_limit && s->pressure_pa < data->limit_pa)
        {
          stats->limit_exceedances++;
          beyond_limit = TRUE;
        }
      else if (beyond_limit && s->pressure_pa >= data->limit_pa + LIMIT_HYSTERESIS_PA)
        beyond_limit = FALSE;

      if (recorded_phases)
        vacuum = follow_recorded_phase (&w, s, prev, t, &next_mark);
      else
        vacuum = reconstruct_phase (&w, s, prev, t);

      prev_vacuum = vacuum;
      if (vacuum)
        walk_vacuum_sample (&w, s, t);
    }

  if (recorded_phases && n > 0)
    {
      /* The marks after the last sample (the end, recorded once the last
       * samples were in) close the phase they end; a phase with no mark
       * after it (the console stopped) ends with the last sample. */
      for (; next_mark < data->phase_marks->len; next_mark++)
        {
          const EbbReportPhaseMark *mark = &g_array_index (data->phase_marks, EbbReportPhaseMark,
                                                           next_mark);

          apply_mark (&w, mark, (gint32) (mark->device_ms - samples[0].device_ms));
        }
      if (w.in_phase)
        {
          EbbReportPhaseMark end = { 0, EBB_REPORT_PHASE_ENDED, 0 };

          apply_mark (&w, &end, t);
        }
      finish_cycle (&w);
    }
  else if (w.in_phase)
    {
      /* A session that ended during a vacuum phase: the phase counts only
       * if it had already lasted its planned time. */
      end_ramp (&w, t);
      end_vacuum_phase (t - w.phase_start, data->vacuum_s, &w.piece_ms, &stats->cycles_completed);
    }

  if (w.level_n > 0)
    stats->mean_vacuum_pa = (gint32) (w.level_sum / (gint64) w.level_n);
  if (n > 1 && stats->recorded_ms > 0)
    stats->sample_rate_hz = (double) (n - 1 - stats->gaps) * 1000.0 / (double) stats->recorded_ms;
}

static void
add_span (GArray *spans,
          gint64  start_ms,
          gint64  end_ms)
{
  EbbReportSpan span = { start_ms, end_ms };

  g_array_append_val (spans, span);
}

/* The recorded phases: from each vacuum mark to the next mark of any
 * kind (as apply_mark() reads them), within the samples' time line. */
static void
recorded_vacuum_spans (const EbbReportData *data,
                       const gint64        *t,
                       GArray              *spans)
{
  guint32 first_ms = g_array_index (data->samples, EbbEcpTelemetry, 0).device_ms;
  gint64 last_t = t[data->samples->len - 1];
  gboolean in_phase = FALSE;
  gint64 start = 0;

  for (guint i = 0; i < data->phase_marks->len; i++)
    {
      const EbbReportPhaseMark *mark = &g_array_index (data->phase_marks, EbbReportPhaseMark, i);
      gint64 mark_t = CLAMP ((gint64) (gint32) (mark->device_ms - first_ms), 0, last_t);

      if (in_phase && mark_t > start)
        add_span (spans, start, mark_t);
      in_phase = mark->kind == EBB_REPORT_PHASE_VACUUM;
      start = mark_t;
    }
  if (in_phase && last_t > start)
    add_span (spans, start, last_t);
}

/* Sessions recorded without their phases: runs of samples whose setpoint
 * is below 0, from the first such sample to the last. */
static void
setpoint_vacuum_spans (const EbbReportData *data,
                       const gint64        *t,
                       GArray              *spans)
{
  const EbbEcpTelemetry *s = (const EbbEcpTelemetry *) data->samples->data;
  guint n = data->samples->len;
  gboolean in_phase = FALSE;
  gint64 start = 0;

  for (guint i = 0; i <= n; i++)
    {
      gboolean vacuum = i < n && s[i].target_pa < 0;

      if (vacuum && !in_phase)
        start = t[i];
      else if (!vacuum && in_phase)
        add_span (spans, start, t[i - 1]);
      in_phase = vacuum;
    }
}

/**
 * ebb_report_data_vacuum_spans:
 * @data: a model
 *
 * The vacuum phases the chart shades, on its time axis: the phases the
 * session recorded where it recorded them (from the start of a vacuum
 * phase to the next phase, pause or end), otherwise the runs of samples
 * whose setpoint is below 0. A phase that began before the first sample
 * or ended after the last is cut to the samples. A run of a single sample
 * is a span of length 0; the chart draws it as a hairline.
 *
 * Returns: (transfer full) (element-type EbbReportSpan): the spans, in
 *   order; empty without samples
 */
GArray *
ebb_report_data_vacuum_spans (const EbbReportData *data)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (EbbReportSpan));
  g_autofree gint64 *t = NULL;
  const EbbEcpTelemetry *s;
  guint n;

  g_return_val_if_fail (data != NULL, NULL);

  n = data->samples->len;
  if (n == 0)
    return g_steal_pointer (&spans);

  /* Device time is a wrapping 32-bit millisecond counter. */
  s = (const EbbEcpTelemetry *) data->samples->data;
  t = g_new (gint64, n);
  t[0] = 0;
  for (guint i = 1; i < n; i++)
    t[i] = t[i - 1] + (guint32) (s[i].device_ms - s[i - 1].device_ms);

  if (data->phase_marks != NULL && data->phase_marks->len > 0)
    recorded_vacuum_spans (data, t, spans);
  else
    setpoint_vacuum_spans (data, t, spans);

  return g_steal_pointer (&spans);
}
