/* test-report.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ebb-audit.h"
#include "ebb-report-load.h"
#include "ebb-report.h"
#include "ebb-sample-writer.h"
#include "ebb-store-demo.h"
#include "ebb-test-cli.h"
#include "report-fixture.h"

/* Runs @argv and returns its standard output; its exit status in @status. */
static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;

  return out;
}

static void
assert_qpdf_check (const char *path)
{
  const char *argv[] = { "qpdf", "--check", path, NULL };
  g_autofree char *out = NULL;
  int status;

  out = run (argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors found"));
}

static char *
pdftotext (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;
  char *out = run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return out;
}

static char *
pdfinfo (const char *path)
{
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", path, NULL };
  int status;
  char *out = run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return out;
}

/* A file in the test's own isolated cache directory, which exists only
 * once something creates it. */
/* Whether pdfinfo's output has @field with @value, however it aligns. */
static gboolean
info_has (const char *info,
          const char *field,
          const char *value)
{
  g_autofree char *pattern = g_strdup_printf ("^%s:\\s+\\Q%s\\E$", field, value);

  return g_regex_match_simple (pattern, info, G_REGEX_MULTILINE, 0);
}

static char *
tmp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static EbbReportOptions *
options_new (const char *language)
{
  EbbReportOptions *options = ebb_report_options_new ();

  options->language = g_strdup (language);
  return options;
}

static void
render_ok (const EbbReportData    *data,
           const char             *path,
           const EbbReportOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ebb_report_render (data, path, options, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_check (path);
}

static void
test_content (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (30, 100, 1);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("content.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *cycles = NULL;
  EbbReportStats stats;

  render_ok (data, path, options);
  text = pdftotext (path);

  g_assert_nonnull (strstr (text, "Zoë Ødegård-Łukasiewicz"));
  g_assert_nonnull (strstr (text, "Praxis für Gefäßmedizin Dr. Müller"));
  /* The level in the display unit, with a true minus sign, and in Pa. */
  g_assert_nonnull (strstr (text, "−40 mmHg (−5333 Pa)"));
  ebb_report_data_compute_stats (data, &stats);
  /* 1800 s / 17 s: 106 vacuum phases start, the last at 1785 s. */
  g_assert_cmpuint (stats.cycles_planned, ==, 106);
  g_assert_cmpuint (stats.cycles_completed, ==, 106);
  cycles = g_strdup_printf ("%u of %u completed", stats.cycles_completed, stats.cycles_planned);
  g_assert_nonnull (strstr (text, cycles));
  for (guint i = 0; i < data->events->len; i++)
    {
      const EbbReportEvent *event = g_ptr_array_index (data->events, i);

      g_assert_nonnull (strstr (text, event->text));
    }
  g_assert_nonnull (strstr (text, "Session completed as planned"));
  g_assert_nonnull (strstr (text, "Completed"));
  g_assert_nonnull (strstr (text, "Peripheral arterial disease"));
  g_assert_nonnull (strstr (text, "132/84 mmHg, 71 bpm"));
  g_assert_nonnull (strstr (text, "Client comfortable throughout."));
  g_assert_nonnull (strstr (text, "Technician"));
  g_assert_nonnull (strstr (text, "Page 1 of 2"));
  g_assert_nonnull (strstr (text, "Page 2 of 2"));

  info = pdfinfo (path);
  g_assert_true (info_has (info, "Title", "Session report: Zoë Ødegård-Łukasiewicz, 2026-11-25"));
  g_assert_true (info_has (info, "Author", "Praxis für Gefäßmedizin Dr. Müller"));
  g_assert_true (info_has (info, "Creator", "Ebbflow " PACKAGE_VERSION));
  g_assert_true (info_has (info, "Subject", "Intermittent negative pressure therapy, Session 42"));
  g_assert_true (g_regex_match_simple ("^CreationDate:\\s+\\S", info, G_REGEX_MULTILINE, 0));
  g_assert_true (info_has (info, "Page size", "595.276 x 841.89 pts (A4)"));
}

static void
test_units (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (2, 50, 2);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("units.pdf");
  g_autofree char *text = NULL;

  options->unit = EBB_PRESSURE_UNIT_MBAR;
  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "−53 mbar (−5333 Pa)"));
  g_assert_nonnull (strstr (text, "Pressure (mbar)"));

  g_clear_pointer (&text, g_free);
  options->unit = EBB_PRESSURE_UNIT_KPA;
  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "−5.3 kPa (−5333 Pa)"));
}

static void
test_german (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (5, 50, 3);
  g_autoptr(EbbReportOptions) options = options_new ("de");
  g_autofree char *path = tmp_path ("german.pdf");
  g_autofree char *text = NULL;
  const char *labels[] = {
    "Sitzungsbericht", "Klientin/Klient", "Geburtsdatum", "Sitzung", "Profil wie gefahren",
    "Druck während der Sitzung", "Statistik", "Alarme und Ereignisse", "Vitalzeichen",
    "Notizen des Technikers", "Seite 1 von 2", "Seite 2 von 2", "Sitzung wie geplant abgeschlossen",
    "Zyklen", "Datum und Unterschrift", "25.11.2026", "−5,3 kPa (−5333 Pa)",
  };

  /* An event recorded with one of the program's own messages (an alarm
   * title) is printed in the report's language; other text as recorded. */
  g_ptr_array_add (data->events, ebb_report_event_new (200000, EBB_REPORT_PRIORITY_HIGH,
                                                       "alarm-raised", "Over-vacuum"));
  options->unit = EBB_PRESSURE_UNIT_KPA;
  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Überunterdruck"));
  g_assert_nonnull (strstr (text, "Small leak at the waist seal"));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (strstr (text, labels[i]) == NULL)
        g_test_message ("German report lacks “%s”:\n%s", labels[i], text);
      g_assert_nonnull (strstr (text, labels[i]));
    }
  g_assert_null (strstr (text, "Session report"));
}

static void
test_aborted (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (5, 50, 4);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("aborted.pdf");
  g_autofree char *text = NULL;
  EbbReportStats stats;
  const char *reason = "High-priority alarm: pressure below the clinic limit (−55 mmHg)";

  /* Cut the session after 107 s, in the middle of the seventh vacuum
   * phase (102–112 s): six cycles were completed. */
  g_array_set_size (data->samples, 107 * 50);
  data->end_state = EBB_REPORT_END_ABORTED;
  data->end_reason = g_strdup (reason);
  g_clear_pointer (&data->end, g_date_time_unref);
  data->end = g_date_time_add_seconds (data->start, 107);
  g_ptr_array_add (data->events, ebb_report_event_new (107000, EBB_REPORT_PRIORITY_HIGH,
                                                       "alarm.limit", reason));

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_completed, ==, 6);
  g_assert_cmpuint (stats.cycles_planned, ==, 18);

  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Session aborted"));
  g_assert_nonnull (strstr (text, "Aborted"));
  g_assert_nonnull (strstr (text, "Reason: High-priority alarm: pressure below the clinic limit"));
  g_assert_nonnull (strstr (text, "6 of 18 completed"));
  g_assert_null (strstr (text, "completed as planned"));
}

/* Text that is not what it should be is printed, not trusted: invalid
 * UTF-8, control characters, an endless word, empty and missing fields. */
static void
test_hostile_text (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 16);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("hostile.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GString) long_word = g_string_new (NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append (long_word, "Ü");
  g_free (data->client_family_name);
  data->client_family_name = g_strdup ("Bad\xff\xfeName");
  g_free (data->technician_notes);
  data->technician_notes = g_strdup_printf ("tab\there\r\nline\n\n%s", long_word->str);
  g_clear_pointer (&data->operator_name, g_free);
  g_free (data->profile_name);
  data->profile_name = g_strdup ("");
  g_ptr_array_add (data->events, ebb_report_event_new (-5000, EBB_REPORT_PRIORITY_LOW, NULL, NULL));
  g_ptr_array_add (data->events, ebb_report_event_new (10000, EBB_REPORT_PRIORITY_HIGH, "x", long_word->str));

  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Bad"));
  g_assert_nonnull (strstr (text, "ÜÜÜÜÜÜÜÜÜÜ"));
  g_assert_nonnull (strstr (text, "tab here"));
  /* The table is in time order whatever order the model had: the fixture
   * lists the end (1:00) after alarms at 5:12 and 14:05. */
  g_assert_nonnull (strstr (strstr (strstr (text, "Session started"), "Session completed"),
                            "Small leak at the waist seal"));
}

static void
test_interrupted (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (2, 50, 5);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("interrupted.pdf");
  g_autofree char *text = NULL;

  data->end_state = EBB_REPORT_END_INTERRUPTED;
  g_clear_pointer (&data->end, g_date_time_unref);
  g_clear_pointer (&data->screening, ebb_report_screening_free);
  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Session interrupted"));
  g_assert_nonnull (strstr (text, "Reason: not recorded"));
  g_assert_nonnull (strstr (text, "09:00:00 – not recorded"));
}

static void
test_many_events (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (10, 50, 6);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("events.pdf");
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages;

  g_ptr_array_set_size (data->events, 0);
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *line = g_strdup_printf ("Event number %u of the long list", i + 1);

      g_ptr_array_add (data->events, ebb_report_event_new (i * 1000, i % 7 == 0 ? EBB_REPORT_PRIORITY_MEDIUM
                                                                                : EBB_REPORT_PRIORITY_INFO,
                                                           "test", line));
    }

  render_ok (data, path, options);
  text = pdftotext (path);
  pages = g_strsplit (text, "\f", -1);
  /* pdftotext ends every page with a form feed. */
  n_pages = g_strv_length (pages) - 1;
  g_assert_cmpuint (n_pages, >, 5);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      g_assert_nonnull (strstr (pages[i], expected));
    }
  g_assert_nonnull (strstr (pages[n_pages - 2], "Alarms and events (continued)"));
  g_assert_nonnull (strstr (text, "Event number 1 of the long list"));
  g_assert_nonnull (strstr (text, "Event number 500 of the long list"));
  g_assert_nonnull (strstr (pages[n_pages - 1], "Ødegård-Łukasiewicz, date and signature"));
}

static void
test_letter (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 7);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("letter.pdf");
  g_autofree char *info = NULL;

  g_assert_cmpint (ebb_report_paper_for_locale ("en_US.UTF-8"), ==, EBB_REPORT_PAPER_LETTER);
  g_assert_cmpint (ebb_report_paper_for_locale ("fr_CA.UTF-8@euro"), ==, EBB_REPORT_PAPER_LETTER);
  g_assert_cmpint (ebb_report_paper_for_locale ("de_DE.UTF-8"), ==, EBB_REPORT_PAPER_A4);
  g_assert_cmpint (ebb_report_paper_for_locale ("en_GB"), ==, EBB_REPORT_PAPER_A4);
  g_assert_cmpint (ebb_report_paper_for_locale ("C.UTF-8"), ==, EBB_REPORT_PAPER_A4);
  g_assert_cmpint (ebb_report_paper_for_locale (NULL), ==, EBB_REPORT_PAPER_A4);

  options->paper = EBB_REPORT_PAPER_LETTER;
  render_ok (data, path, options);
  info = pdfinfo (path);
  g_assert_true (info_has (info, "Page size", "612 x 792 pts (letter)"));
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.ebbflow.Ebbflow");
  g_autoptr(EbbReportOptions) options = NULL;

  g_settings_set_string (settings, "paper-size", "letter");
  g_settings_set_string (settings, "pressure-unit", "mbar");
  g_settings_set_string (settings, "report-language", "de");
  options = ebb_report_options_new_from_settings (settings);
  g_assert_cmpint (options->paper, ==, EBB_REPORT_PAPER_LETTER);
  g_assert_cmpint (options->unit, ==, EBB_PRESSURE_UNIT_MBAR);
  g_assert_cmpstr (options->language, ==, "de");

  g_clear_pointer (&options, ebb_report_options_free);
  g_settings_set_string (settings, "paper-size", "auto");
  g_setenv ("LC_PAPER", "en_CA.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  options = ebb_report_options_new_from_settings (settings);
  g_assert_cmpint (options->paper, ==, EBB_REPORT_PAPER_LETTER);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
}

/* 60 s at 100 Hz of a 10 s / 7 s profile at @level_pa under a clinic
 * limit of −5000 Pa: three vacuum phases with the sensor's noise (±20 Pa). */
static EbbReportData *
limit_session (gint32  level_pa,
               guint32 seed)
{
  EbbReportData *data = ebb_report_data_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  data->vacuum_s = 10;
  data->release_s = 7;
  data->duration_s = 60;
  data->level_pa = level_pa;
  data->limit_pa = -5000;
  for (guint i = 0; i < 60 * 100; i++)
    {
      EbbEcpTelemetry s = { 0 };
      guint t = i * 10;
      gboolean vacuum = t % 17000 < 10000 && t < 3 * 17000;

      s.device_ms = t;
      s.target_pa = vacuum ? level_pa : 0;
      s.pressure_pa = s.target_pa + g_rand_int_range (rand, -20, 21);
      g_array_append_val (data->samples, s);
    }

  return data;
}

/* A profile whose level equals the clinic limit: the sensor's noise
 * (±20 Pa) crosses the limit hundreds of times, but an excursion ends only
 * once the pressure is back within the limit by the target band, so each
 * vacuum phase at the limit counts once. */
static void
test_stats_limit_noise (void)
{
  g_autoptr(EbbReportData) data = limit_session (-5000, 7);
  EbbReportStats stats;

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 3);
  g_assert_cmpuint (stats.cycles_planned, ==, 3);
  g_assert_cmpuint (stats.cycles_completed, ==, 3);

  /* 1 s at 200 Pa beyond the limit, jittering by ±150 Pa: still the
   * first phase's one excursion. */
  for (guint i = 300; i < 400; i++)
    g_array_index (data->samples, EbbEcpTelemetry, i).pressure_pa = -5200 + (i % 2 ? 150 : -150);
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 3);

  /* Back within the limit, but by less than the band: the same one. */
  for (guint i = 400; i < 450; i++)
    g_array_index (data->samples, EbbEcpTelemetry, i).pressure_pa = -5000 + 132;
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 3);

  /* Back within it by the band: the noise after that is a new one. */
  g_array_index (data->samples, EbbEcpTelemetry, 450).pressure_pa = -5000 + 133;
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 4);
}

/* A profile well inside the limit: a real excursion of 50 Pa beyond it,
 * smaller than the target band, counts; so does a single sample 1 Pa
 * beyond it in the next phase. Pressure up to the limit does not. */
static void
test_stats_limit_small (void)
{
  g_autoptr(EbbReportData) data = limit_session (-4000, 11);
  EbbReportStats stats;

  /* Half a second exactly at the limit. */
  for (guint i = 200; i < 250; i++)
    g_array_index (data->samples, EbbEcpTelemetry, i).pressure_pa = -5000;
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 0);

  /* 2 s at 50 Pa beyond it, with the sensor's noise. */
  for (guint i = 400; i < 600; i++)
    g_array_index (data->samples, EbbEcpTelemetry, i).pressure_pa = -5050 + (i % 3 == 0 ? 20 : -20);
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 1);

  g_array_index (data->samples, EbbEcpTelemetry, 2000).pressure_pa = -5001;
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.limit_exceedances, ==, 2);
}

/* Recorded-like telemetry, as a session leaves it in the store: the
 * chamber streams at @rate_hz on its own wrapping millisecond clock, the
 * pressure follows the setpoint at the profile's ramp (venting faster),
 * and each phase lasts what the console's timers made of it. */
typedef struct
{
  EbbReportData *data;
  GArray  *samples;
  guint32  device_ms;
  guint    period_ms;
  gint32   pressure_pa;
} Recording;

static void
record_phase (Recording *rec,
              gint32     target_pa,
              guint      ramp_pa_s,
              guint      length_ms)
{
  gint32 step = (gint32) (ramp_pa_s * rec->period_ms / 1000);

  for (guint t = 0; t < length_ms; t += rec->period_ms)
    {
      EbbEcpTelemetry s = { 0 };

      if (rec->pressure_pa > target_pa)
        rec->pressure_pa = MAX (rec->pressure_pa - step, target_pa);
      else
        rec->pressure_pa = MIN (rec->pressure_pa + step, target_pa);

      s.device_ms = rec->device_ms;
      s.target_pa = target_pa;
      s.pressure_pa = rec->pressure_pa + (gint32) (t / rec->period_ms % 7) - 3;
      s.flags = EBB_ECP_FLAG_STREAMING | EBB_ECP_FLAG_LID_CLOSED;
      if (target_pa < 0)
        s.flags |= EBB_ECP_FLAG_REGULATING | EBB_ECP_FLAG_PUMP_ON;
      else
        s.flags |= EBB_ECP_FLAG_VENT_OPEN;
      g_array_append_val (rec->samples, s);
      rec->device_ms += rec->period_ms;
    }
}

/* A recording into @data's samples of a profile with @vacuum_s,
 * @release_s over @duration_s at -3000 Pa, starting at @device_ms. */
static void
recording_init (Recording     *rec,
                EbbReportData *data,
                guint          vacuum_s,
                guint          release_s,
                guint          duration_s,
                guint32        device_ms,
                guint          period_ms)
{
  data->vacuum_s = vacuum_s;
  data->release_s = release_s;
  data->duration_s = duration_s;
  data->level_pa = -3000;
  rec->data = data;
  rec->samples = data->samples;
  rec->device_ms = device_ms;
  rec->period_ms = period_ms;
  rec->pressure_pa = 0;
}

/* The session records a change of phase now. */
static void
record_mark (Recording          *rec,
             EbbReportPhaseKind  kind,
             guint               cycle)
{
  ebb_report_data_add_phase_mark (rec->data, rec->device_ms, kind, cycle);
}

/* The finishing vent after the last phase: target 0 at once, until the
 * chamber is at atmosphere and the session records its end. */
static void
record_finishing_vent (Recording *rec)
{
  record_phase (rec, 0, 20000, 400);
}

/* The session stopped after the first @n samples: the vent follows. */
static void
record_stop_after (Recording *rec,
                   guint      n)
{
  g_array_set_size (rec->samples, n);
  rec->device_ms = g_array_index (rec->samples, EbbEcpTelemetry, n - 1).device_ms + rec->period_ms;
  record_finishing_vent (rec);
}

static guint
completed_cycles (EbbReportData *data)
{
  EbbReportStats stats;

  ebb_report_data_compute_stats (data, &stats);
  return stats.cycles_completed;
}

/* The test profile of the session UI test (3 s vacuum, 2 s release, 8 s):
 * two cycles planned, the second vacuum phase ending exactly at the end of
 * the duration and followed at once by the finishing vent. The recording
 * starts before the first SET_TARGET, the device clock wraps, and the
 * console's timers fire a few milliseconds late, so the phases last a
 * little longer than planned; all of that still completes both cycles. A
 * session stopped during its last vacuum phase completes only the first. */
static void
test_stats_last_phase_at_end (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  EbbReportStats stats;
  Recording rec = { 0 };
  guint stop_at;

  recording_init (&rec, data, 3, 2, 8, G_MAXUINT32 - 4000, 5);

  record_phase (&rec, 0, 4000, 200);
  record_phase (&rec, -3000, 4000, 3000);
  record_phase (&rec, 0, 4000, 2015);
  stop_at = data->samples->len + 1500 / rec.period_ms;
  record_phase (&rec, -3000, 4000, 3000);
  record_finishing_vent (&rec);

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 2);
  g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
  g_assert_cmpuint (stats.gaps, ==, 0);

  /* The session ends with the last sample of the vacuum phase, before
   * any sample of the vent arrived. */
  g_array_set_size (data->samples, data->samples->len - 400 / rec.period_ms);
  g_assert_cmpuint (completed_cycles (data), ==, 2);

  /* Stopped 1.5 s into the last vacuum phase, then vented. */
  record_stop_after (&rec, stop_at);
  g_assert_cmpuint (completed_cycles (data), ==, 1);
}

/* A pause vents in the middle of a vacuum phase (target 0 until the
 * resume), and the resume runs the phase on for the time it had left: the
 * pieces together complete the cycle, also when the last vacuum phase is
 * the one paused. Pieces that fall short, because the session was stopped
 * during the resumed rest, do not; nor does what is left of a phase that
 * already counted (paused within the tolerance of its end) make up a
 * later phase cut short by a stop. */
static void
test_stats_paused_phase (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  Recording rec = { 0 };
  guint resumed;

  recording_init (&rec, data, 3, 2, 8, 5000, 5);

  record_phase (&rec, 0, 4000, 200);
  record_phase (&rec, -3000, 4000, 3000);
  record_phase (&rec, 0, 4000, 2000);
  record_phase (&rec, -3000, 4000, 1200);
  record_phase (&rec, 0, 20000, 4000);
  resumed = data->samples->len;
  record_phase (&rec, -3000, 4000, 1800);
  record_finishing_vent (&rec);
  g_assert_cmpuint (completed_cycles (data), ==, 2);

  /* Stopped 1 s into the resumed rest: 2.2 s of 3 s. */
  record_stop_after (&rec, resumed + 1000 / rec.period_ms);
  g_assert_cmpuint (completed_cycles (data), ==, 1);

  /* 3 s / 2 s over 18 s: four cycles. The second is paused 2.7 s in,
   * which already counts, and resumed for its last 0.3 s; the third is
   * stopped 2.3 s in, which does not, even with those 0.3 s. */
  g_array_set_size (data->samples, 0);
  data->duration_s = 18;
  record_phase (&rec, -3000, 4000, 3000);
  record_phase (&rec, 0, 4000, 2000);
  record_phase (&rec, -3000, 4000, 2700);
  record_phase (&rec, 0, 20000, 3000);
  record_phase (&rec, -3000, 4000, 300);
  record_phase (&rec, 0, 4000, 2000);
  record_phase (&rec, -3000, 4000, 2300);
  record_finishing_vent (&rec);
  g_assert_cmpuint (completed_cycles (data), ==, 2);
}

/* The factory profiles' shape: 20 minutes at 10 s vacuum / 7 s release
 * plan 71 cycles, the last vacuum phase ending exactly at 1200 s. A
 * completed session counts all of them; one stopped a second before the
 * end of its last vacuum phase (more than the tolerance short) does not
 * count that phase. */
static void
test_stats_real_profile_at_end (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  EbbReportStats stats;
  Recording rec = { 0 };
  guint last_start = 0;

  recording_init (&rec, data, 10, 7, 20 * 60, 123456, 10);

  for (guint cycle = 1; cycle <= 71; cycle++)
    {
      last_start = data->samples->len;
      record_phase (&rec, -3000, 2000, 10000);
      if (cycle < 71)
        record_phase (&rec, 0, 2000, 7000 + cycle % 3);
    }
  record_finishing_vent (&rec);

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 71);
  g_assert_cmpuint (stats.cycles_completed, ==, 71);

  record_stop_after (&rec, last_start + 9000 / rec.period_ms);
  g_assert_cmpuint (completed_cycles (data), ==, 70);
}

/* What the session runner records (profile 3 s / 2 s / 8 s): each phase
 * as it starts and again when it resumes after a pause, the pause, and
 * the end. The second vacuum phase is paused 1.2 s in; the chamber vents
 * for 4 s and the phase runs on for its last 1.8 s. Its pieces complete
 * the cycle together; the pause is neither vacuum time nor a deviation. */
static void
test_stats_recorded_pause (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  EbbReportStats stats;
  Recording rec = { 0 };
  guint paused;

  recording_init (&rec, data, 3, 2, 8, G_MAXUINT32 - 2000, 5);
  record_phase (&rec, 0, 4000, 200);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 1);
  record_phase (&rec, -3000, 4000, 3000);
  record_mark (&rec, EBB_REPORT_PHASE_RELEASE, 1);
  record_phase (&rec, 0, 4000, 2000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 4000, 1200);
  record_mark (&rec, EBB_REPORT_PHASE_PAUSED, 0);
  paused = data->samples->len;
  record_phase (&rec, 0, 20000, 4000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 4000, 1800);
  record_mark (&rec, EBB_REPORT_PHASE_ENDED, 0);
  record_finishing_vent (&rec);

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 2);
  g_assert_cmpuint (stats.cycles_completed, ==, 2);
  g_assert_cmpint (stats.vacuum_ms, ==, 3000 + 1200 + 1800);
  g_assert_cmpuint (stats.deviations, ==, 0);
  /* Three approaches of 0.75 s each at 4000 Pa/s. */
  g_assert_cmpint (stats.at_level_ms, >, 6000 - 3 * 800);
  g_assert_cmpint (stats.at_level_ms, <, 6000 - 3 * 700);
  g_assert_cmpint (ABS (stats.mean_vacuum_pa + 3000), <, 10);

  /* Stopped during the pause: the phase's 1.2 s do not complete it. */
  g_array_set_size (data->samples, paused + 2000 / rec.period_ms);
  g_array_set_size (data->phase_marks, 4);
  rec.device_ms = g_array_index (data->samples, EbbEcpTelemetry, data->samples->len - 1).device_ms +
                  rec.period_ms;
  record_mark (&rec, EBB_REPORT_PHASE_ENDED, 0);
  record_finishing_vent (&rec);
  g_assert_cmpuint (completed_cycles (data), ==, 1);

  /* The samples of the pause were lost (a gap in the stream), and the
   * session was stopped 0.5 s after the resume. The setpoint alone would
   * make one phase of 1.2 + 4 + 0.5 s of it; the record says 1.7 s. */
  g_array_set_size (data->samples, paused);
  g_array_set_size (data->phase_marks, 4);
  rec.device_ms += 4000;
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 4000, 500);
  record_mark (&rec, EBB_REPORT_PHASE_ENDED, 0);
  record_finishing_vent (&rec);
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.gaps, ==, 1);
  g_assert_cmpuint (stats.cycles_completed, ==, 1);
  g_array_set_size (data->phase_marks, 0);
  g_assert_cmpuint (completed_cycles (data), ==, 2);
}

/* A setpoint that changes within a recorded vacuum phase (the level
 * changed, or a chamber that reports the setpoint in steps) does not split
 * the phase: the cycle counts once, and the way to the new setpoint is a
 * new approach to the level, not a deviation; a sag after it is one. The
 * samples before the chamber reports the phase's first setpoint are in the
 * phase but never at level. Profile 10 s / 7 s / 27 s: two cycles. */
static void
test_stats_recorded_setpoint_change (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  EbbReportStats stats;
  Recording rec = { 0 };
  guint second_setpoint;

  recording_init (&rec, data, 10, 7, 27, 1000, 10);
  record_phase (&rec, 0, 1000, 200);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 1);
  record_phase (&rec, 0, 1000, 20);
  record_phase (&rec, -2000, 1000, 3980);
  second_setpoint = data->samples->len;
  record_phase (&rec, -3000, 1000, 6000);
  record_mark (&rec, EBB_REPORT_PHASE_RELEASE, 1);
  record_phase (&rec, 0, 4000, 7000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 1000, 10000);
  record_mark (&rec, EBB_REPORT_PHASE_ENDED, 0);
  record_finishing_vent (&rec);

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 2);
  g_assert_cmpuint (stats.cycles_completed, ==, 2);
  g_assert_cmpint (stats.vacuum_ms, ==, 20000);
  g_assert_cmpuint (stats.deviations, ==, 0);
  /* Approaches at 1000 Pa/s, each until within the band (133 Pa) of
   * its setpoint: 1.87 s to −2000 Pa, 0.87 s on to −3000 Pa and 2.87 s
   * in phase 2; the first 20 ms had no setpoint yet. */
  g_assert_cmpint (stats.at_level_ms, >, 20000 - 5620 - 200);
  g_assert_cmpint (stats.at_level_ms, <, 20000 - 5620 + 200);

  /* A 1.5 s sag of 400 Pa once the new setpoint was reached. */
  for (guint i = second_setpoint + 200; i < second_setpoint + 350; i++)
    g_array_index (data->samples, EbbEcpTelemetry, i).pressure_pa = -2600;
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_completed, ==, 2);
  g_assert_cmpuint (stats.deviations, ==, 1);
  g_assert_cmpint (stats.largest_deviation_pa, >=, 400);
}

static void
test_stats (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (2, 100, 8);
  EbbEcpTelemetry *s;
  EbbReportStats stats;
  guint n;

  /* 120 s / 17 s: seven full vacuum phases fit (the seventh ends at
   * 112 s); an eighth, at 119 s, would be cut short, so the runner stays in
   * release instead. A completed session runs exactly what was planned. */
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 7);
  g_assert_cmpuint (stats.cycles_completed, ==, stats.cycles_planned);
  g_assert_cmpuint (stats.deviations, ==, 0);
  g_assert_cmpuint (stats.gaps, ==, 0);
  /* The fixture's profile (−40 mmHg, approved by a clinician) runs beyond
   * the clinic limit (−37.5 mmHg) in each of its seven vacuum phases. */
  g_assert_cmpuint (stats.limit_exceedances, ==, 7);
  g_assert_cmpint (ABS (stats.mean_vacuum_pa - FIXTURE_LEVEL_PA), <, 30);
  g_assert_cmpint (stats.deepest_pa, <, FIXTURE_LEVEL_PA);
  g_assert_cmpint (stats.deepest_pa, >, FIXTURE_LEVEL_PA - 140);
  g_assert_cmpfloat_with_epsilon (stats.sample_rate_hz, 100.0, 0.01);
  /* Seven vacuum phases of 10 s, less the ramp of about 3 s each. */
  g_assert_cmpint (stats.at_level_ms, >, 7 * 6000);
  g_assert_cmpint (stats.at_level_ms, <, 7 * 10000);

  /* A 2-second sag in the fourth vacuum phase (51 s + 5 s), above the
   * limit, which splits that phase's excursion beyond it in two, and a
   * spike deeper than anything else. */
  s = (EbbEcpTelemetry *) data->samples->data;
  n = data->samples->len;
  for (guint i = 5600; i < 5800; i++)
    s[i].pressure_pa = FIXTURE_LEVEL_PA + 600;
  s[5900].pressure_pa = FIXTURE_LEVEL_PA - 1677;
  /* A 3-second gap in the stream. */
  for (guint i = 9000; i < n; i++)
    s[i].device_ms += 3000;

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.deviations, ==, 1);
  g_assert_cmpint (stats.largest_deviation_pa, >=, 1677);
  g_assert_cmpuint (stats.limit_exceedances, ==, 8);
  g_assert_cmpint (stats.deepest_pa, ==, FIXTURE_LEVEL_PA - 1677);
  g_assert_cmpuint (stats.gaps, ==, 1);
  g_assert_cmpint (stats.longest_gap_ms, ==, 3010);
}

static void
test_decimation (void)
{
  /* 30 minutes at 100 Hz: 180,000 samples. */
  g_autoptr(EbbReportData) data = report_fixture_session (30, 100, 9);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("decimation.pdf");
  g_autofree char *qdf = tmp_path ("decimation-qdf.pdf");
  g_autofree char *contents = NULL;
  const char *argv[] = { "qpdf", "--qdf", "--object-streams=disable", path, qdf, NULL };
  g_autofree char *out = NULL;
  guint line_to = 0;
  int status;

  render_ok (data, path, options);
  out = run (argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (qdf, &contents, NULL, NULL));
  for (const char *p = contents; (p = strstr (p, " l\n")) != NULL; p += 3)
    line_to++;

  /* The curve is at most two points per column (about 1,000 columns) plus
   * the setpoint steps and the grid; never the 180,000 raw samples. */
  g_assert_cmpuint (line_to, >, 1000);
  g_assert_cmpuint (line_to, <, 4000);
}

static void
test_unwritable (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 10);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *file = tmp_path ("not-a-directory");
  g_autofree char *path = g_build_filename (file, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_WRITE_FAILED);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_font_missing (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 11);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("font.pdf");
  g_autofree char *bogus = tmp_path ("bogus.ttf");
  g_autoptr(GError) error = NULL;

  options->font_path = g_strdup ("/nonexistent/fonts/DejaVuSans.ttf");
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_FONT_MISSING);
  g_assert_nonnull (strstr (error->message, "fonts-dejavu-core"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A file that is there but is no font fails inside libharu. */
  g_assert_true (g_file_set_contents (bogus, "not a font at all", -1, NULL));
  g_free (options->font_path);
  options->font_path = g_strdup (bogus);
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_FONT_MISSING);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_logo (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 12);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("logo.pdf");
  g_autofree char *prefix = tmp_path ("logo");
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *jpg = g_strconcat (prefix, ".jpg", NULL);
  g_autofree char *text_file = tmp_path ("logo.txt");
  g_autoptr(GError) error = NULL;
  const char *to_png[] = { "pdftoppm", "-png", "-r", "12", "-singlefile", path, prefix, NULL };
  const char *to_jpg[] = { "pdftoppm", "-jpeg", "-r", "12", "-singlefile", path, prefix, NULL };
  const char *list[] = { "pdfimages", "-list", path, NULL };
  g_autofree char *out = NULL;
  int status;

  /* Real PNG and JPEG images: a small raster of a report. */
  render_ok (data, path, options);
  g_free (run (to_png, &status));
  g_assert_cmpint (status, ==, 0);
  g_free (run (to_jpg, &status));
  g_assert_cmpint (status, ==, 0);

  data->clinic_logo = g_strdup (png);
  render_ok (data, path, options);
  out = run (list, &status);
  g_assert_nonnull (strstr (out, "image"));

  g_free (data->clinic_logo);
  data->clinic_logo = g_strdup (jpg);
  render_ok (data, path, options);

  g_assert_true (g_file_set_contents (text_file, "this is text", -1, NULL));
  g_free (data->clinic_logo);
  data->clinic_logo = g_strdup (text_file);
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LOGO_INVALID);
  g_clear_error (&error);

  /* Damaged images behind valid signatures: an error, never a crash. */
  g_assert_true (g_file_set_contents (text_file, "\x89PNG\r\n\x1a\ngarbage", 15, NULL));
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LOGO_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (text_file, "\xff\xd8\xff\xe0garbage", 11, NULL));
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LOGO_INVALID);
}

static void
test_language_unavailable (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (1, 50, 13);
  g_autoptr(EbbReportOptions) options = options_new ("xx");
  g_autofree char *path = tmp_path ("xx.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_LANGUAGE_UNAVAILABLE);
}

static void
test_invalid_data (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("empty.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autofree char *text = NULL;

  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* A start time is all a report needs; the rest prints as unknown. */
  data->start = g_date_time_new (tz, 2026, 1, 2, 3, 4, 5);
  data->end_state = EBB_REPORT_END_INTERRUPTED;

  /* A clinic limit no setting allows is refused, not printed. */
  data->limit_pa = -7000;
  g_assert_false (ebb_report_render (data, path, options, NULL, &error));
  g_assert_error (error, EBB_REPORT_ERROR, EBB_REPORT_ERROR_INVALID_DATA);
  g_clear_error (&error);
  data->limit_pa = 0;

  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "No pressure data was recorded."));
  g_assert_nonnull (strstr (text, "No alarms or events were recorded."));
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  ebb_report_render_finish (result, error);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
test_async (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (3, 50, 14);
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("async.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ebb_report_render_async (data, path, options, NULL, render_done_cb, &error);
  /* The worker has its own copy: changing ours does not touch it. */
  g_free (data->client_given_name);
  data->client_given_name = g_strdup ("Changed");
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Zoë Ødegård-Łukasiewicz"));

  g_cancellable_cancel (cancellable);
  ebb_report_render_async (data, path, options, cancellable, render_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  guint   pending;
  GError *error;
} Concurrent;

static void
concurrent_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Concurrent *state = user_data;

  if (!ebb_report_render_finish (result, state->error == NULL ? &state->error : NULL))
    g_assert_nonnull (state->error);
  state->pending--;
}

/* Reports in different languages rendered at the same time on worker
 * threads each come out in their own language. */
static void
test_concurrent (void)
{
  g_autoptr(EbbReportData) data = report_fixture_session (2, 50, 15);
  const char *languages[] = { "de", "en", "de", "en" };
  char *paths[G_N_ELEMENTS (languages)];
  Concurrent state = { G_N_ELEMENTS (languages), NULL };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(EbbReportOptions) options = options_new (languages[i]);
      g_autofree char *name = g_strdup_printf ("concurrent-%u.pdf", i);

      paths[i] = tmp_path (name);
      ebb_report_render_async (data, paths[i], options, NULL, concurrent_done_cb, &state);
    }
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *text = pdftotext (paths[i]);
      gboolean german = g_str_equal (languages[i], "de");

      g_assert_true ((strstr (text, "Sitzungsbericht") != NULL) == german);
      g_assert_true ((strstr (text, "Session report") != NULL) == !german);
      g_free (paths[i]);
    }
}

static void
screening_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  ebb_report_render_screening_finish (result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_screening (void)
{
  g_autoptr(EbbReportScreening) screening = report_fixture_screening ();
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autofree char *path = tmp_path ("screening.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (screening->reasons,
                   ebb_report_reason_new (EBB_REPORT_OUTCOME_REFER, "Pacemaker or ICD"));
  screening->outcome = EBB_REPORT_OUTCOME_REFER;
  ebb_report_render_screening_async (screening, path, options, NULL, screening_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  assert_qpdf_check (path);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Screening summary"));
  g_assert_nonnull (strstr (text, "Zoë Ødegård-Łukasiewicz"));
  g_assert_nonnull (strstr (text, "REFER: a session needs a clinician’s clearance"));
  g_assert_nonnull (strstr (text, "Peripheral arterial disease with claudication (ABI 0.82)"));
  g_assert_nonnull (strstr (text, "Pacemaker or ICD"));
  g_assert_nonnull (strstr (text, "Wells score (two-level)"));
  g_assert_nonnull (strstr (text, "ebbflow-inp-screening, version 1.0"));
  g_assert_nonnull (strstr (text, "Valid until 2027-02-18"));
  g_assert_nonnull (strstr (text, "by Dr. Anna Weiß on 2026-11-20. Fit for standard profile."));
  g_assert_nonnull (strstr (text, "Jürgen Åström, date and signature"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  info = pdfinfo (path);
  g_assert_true (info_has (info, "Pages", "1"));
}

/* A database with the demonstration data and one aborted session of a
 * client whose name needs more than Latin-1, written through the store's
 * own API as the console writes it. Returns the aborted session's id. */
static gint64
store_with_aborted_session (const char  *path,
                            EbbStore   **store_out)
{
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbOperator) op = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(EbbReportData) fixture = report_fixture_session (2, 50, 20);
  g_autoptr(GError) error = NULL;
  EbbVitals before = { TRUE, 131, 85, 72 };
  const struct { EbbSessionEventKind kind; const char *code; const char *message; gint64 at_ms; } events[] = {
    { EBB_SESSION_EVENT_PHASE, "vacuum", "Vacuum phase", 0 },
    /* As the session runner writes them: ids, words only in the report. */
    { EBB_SESSION_EVENT_ALARM_RAISED, "alarm-raised", "deviation medium", 40000 },
    { EBB_SESSION_EVENT_ALARM_ACKNOWLEDGED, "alarm-acknowledged", "deviation medium", 42000 },
    { EBB_SESSION_EVENT_ALARM_RAISED, "alarm-raised", "device-lid-opened high", 60000 },
  };
  gint64 session_id;

  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  g_assert_no_error (error);
  op = ebb_store_operator_find (store, EBB_STORE_DEMO_ADMIN, &error);
  g_assert_no_error (error);

  client->given_name = g_strdup ("Zoë");
  client->family_name = g_strdup ("Ødegård-Łukasiewicz");
  client->date_of_birth = g_strdup ("1957-03-14");
  client->external_id = g_strdup ("K-2026-0042");
  session->client_id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);

  session->operator_id = op->id;
  session->profile_json = g_strdup ("{\"name\":\"Standard\",\"level-pa\":-5333,\"vacuum-s\":10,"
                                    "\"release-s\":7,\"ramp-pa-s\":2000,\"duration-s\":120}");
  session->chamber_model = g_strdup ("Ebbflow Chamber B");
  session->chamber_serial = g_strdup ("EBF-000123");
  session->chamber_firmware = g_strdup ("1.4.2");
  session->started_us = g_date_time_to_unix (fixture->start) * G_USEC_PER_SEC;
  session_id = ebb_store_session_begin (store, session, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_session_set_vitals (store, session_id, FALSE, &before, &error));

  writer = ebb_sample_writer_new (store, session_id, &error);
  g_assert_no_error (error);
  /* The session ends after 60 s of its planned 120 s, during the fourth
   * vacuum phase (51–61 s): three cycles were completed. */
  ebb_sample_writer_push_samples (writer, (const EbbEcpTelemetry *) fixture->samples->data, 60 * 50);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(EbbSessionEvent) event = ebb_session_event_new (events[i].kind, events[i].code,
                                                                events[i].message);

      event->time_us = session->started_us + events[i].at_ms * 1000;
      ebb_sample_writer_push_event (writer, event);
    }
  g_assert_true (ebb_sample_writer_close (writer, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_store_session_set_notes (store, session_id, "Client felt dizzy; session ended.", &error));
  g_assert_true (ebb_store_session_finish (store, session_id, EBB_SESSION_ABORTED,
                                           "device-lid-opened",
                                           session->started_us + 60 * G_USEC_PER_SEC,
                                           "{\"frames_lost\":3,\"crc_errors\":1}", &error));
  g_assert_no_error (error);

  *store_out = g_steal_pointer (&store);
  return session_id;
}

/* A session paused during a vacuum phase, written as the session runner
 * and its recorder write it: samples timed from the first one's arrival,
 * "phase" events ("vacuum 2") and "state" events ("paused"). With
 * @device_times the events carry the chamber's clock, as the recorder
 * writes them now; without, the wall clock only, as older sessions have
 * them. From the second phase on, the wall clock is @wall_step_us off (the
 * system time was set during the session). The report puts the recorded
 * phases on the samples' clock and counts the paused phase's pieces
 * together. */
static gint64
store_with_paused_session (const char  *path,
                           gboolean     device_times,
                           gint64       wall_step_us,
                           EbbStore   **store_out)
{
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbClient) client = ebb_client_new ();
  g_autoptr(EbbSessionRecord) session = ebb_session_record_new ();
  g_autoptr(EbbSampleWriter) writer = NULL;
  g_autoptr(EbbReportData) recorded = ebb_report_data_new ();
  g_autoptr(GError) error = NULL;
  static const struct { EbbReportPhaseKind kind; const char *code; const char *message; } marks[] = {
    { EBB_REPORT_PHASE_VACUUM, "phase", "vacuum 1" },
    { EBB_REPORT_PHASE_RELEASE, "phase", "release 1" },
    { EBB_REPORT_PHASE_VACUUM, "phase", "vacuum 2" },
    { EBB_REPORT_PHASE_PAUSED, "state", "paused" },
    { EBB_REPORT_PHASE_VACUUM, "phase", "vacuum 2" },
    { EBB_REPORT_PHASE_ENDED, "state", "finishing" },
  };
  Recording rec = { 0 };
  gint64 session_id;
  guint next = 0;

  store = ebb_store_open (path, EBB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ebb_store_demo_populate (store, &error));
  g_assert_no_error (error);

  client->given_name = g_strdup ("Paula");
  client->family_name = g_strdup ("Pause");
  session->client_id = ebb_store_client_insert (store, client, &error);
  g_assert_no_error (error);
  session->profile_json = g_strdup ("{\"name\":\"Short\",\"level-pa\":-3000,\"vacuum-s\":30,"
                                    "\"release-s\":20,\"ramp-pa-s\":1000,\"duration-s\":80}");
  session->started_us = g_get_real_time () - 120 * G_USEC_PER_SEC;
  session_id = ebb_store_session_begin (store, session, &error);
  g_assert_no_error (error);

  /* Vacuum 30 s, release 20 s, vacuum 12 s, paused 25 s, vacuum 18 s. */
  recording_init (&rec, recorded, 30, 20, 80, G_MAXUINT32 - 10000, 20);
  record_phase (&rec, 0, 1000, 500);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 1);
  record_phase (&rec, -3000, 1000, 30000);
  record_mark (&rec, EBB_REPORT_PHASE_RELEASE, 1);
  record_phase (&rec, 0, 3000, 20000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 1000, 12000);
  record_mark (&rec, EBB_REPORT_PHASE_PAUSED, 0);
  record_phase (&rec, 0, 20000, 25000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 1000, 18000);
  record_mark (&rec, EBB_REPORT_PHASE_ENDED, 0);
  record_finishing_vent (&rec);

  writer = ebb_sample_writer_new (store, session_id, &error);
  g_assert_no_error (error);
  ebb_sample_writer_set_epoch (writer, session->started_us);
  ebb_sample_writer_push_samples (writer, (const EbbEcpTelemetry *) recorded->samples->data,
                                  recorded->samples->len);
  for (guint i = 0; i < recorded->phase_marks->len; i++)
    {
      const EbbReportPhaseMark *mark = &g_array_index (recorded->phase_marks, EbbReportPhaseMark, i);
      g_autoptr(EbbSessionEvent) event = NULL;
      guint32 since_first = mark->device_ms - (G_MAXUINT32 - 10000);

      g_assert_cmpint (mark->kind, ==, marks[next].kind);
      event = ebb_session_event_new (g_str_equal (marks[next].code, "phase") ? EBB_SESSION_EVENT_PHASE
                                                                             : EBB_SESSION_EVENT_NOTE,
                                     marks[next].code, marks[next].message);
      event->time_us = session->started_us + (gint64) since_first * 1000;
      if (next >= 1)
        event->time_us += wall_step_us;
      if (device_times)
        event->device_ms = mark->device_ms;
      ebb_sample_writer_push_event (writer, event);
      next++;
    }
  g_assert_true (ebb_sample_writer_close (writer, &error));
  g_assert_no_error (error);
  g_assert_true (ebb_store_session_finish (store, session_id, EBB_SESSION_COMPLETED, "completed",
                                           session->started_us + 110 * G_USEC_PER_SEC, NULL, &error));
  g_assert_no_error (error);

  *store_out = g_steal_pointer (&store);
  return session_id;
}

/* The vacuum phases the chart shades for the paused session: the
 * recorded ones, on the chart's time axis (ms since the first sample). */
static void
assert_paused_session_spans (const EbbReportData *data)
{
  g_autoptr(GArray) spans = ebb_report_data_vacuum_spans (data);
  const EbbReportSpan *span = (const EbbReportSpan *) spans->data;

  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpint (span[0].start_ms, ==, 500);
  g_assert_cmpint (span[0].end_ms, ==, 30500);
  g_assert_cmpint (span[1].start_ms, ==, 50500);
  g_assert_cmpint (span[1].end_ms, ==, 62500);
  g_assert_cmpint (span[2].start_ms, ==, 87500);
  g_assert_cmpint (span[2].end_ms, ==, 105500);
}

static void
test_load_phases (void)
{
  g_autofree char *db = tmp_path ("load-phases.db");
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  EbbReportStats stats;
  gint64 session_id = store_with_paused_session (db, FALSE, 0, &store);
  const EbbReportPhaseMark *marks;

  data = ebb_report_data_load (store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->phase_marks->len, ==, 6);
  marks = (const EbbReportPhaseMark *) data->phase_marks->data;
  g_assert_cmpint (marks[0].kind, ==, EBB_REPORT_PHASE_VACUUM);
  g_assert_cmpuint (marks[0].cycle, ==, 1);
  g_assert_cmpuint (marks[0].device_ms, ==, G_MAXUINT32 - 10000 + 500);
  g_assert_cmpint (marks[3].kind, ==, EBB_REPORT_PHASE_PAUSED);
  g_assert_cmpint (marks[4].kind, ==, EBB_REPORT_PHASE_VACUUM);
  g_assert_cmpuint (marks[4].cycle, ==, 2);
  g_assert_cmpint (marks[5].kind, ==, EBB_REPORT_PHASE_ENDED);
  g_assert_cmpuint (marks[5].device_ms, ==, (guint32) (G_MAXUINT32 - 10000 + 500 + 105000));

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 2);
  g_assert_cmpuint (stats.cycles_completed, ==, 2);
  g_assert_cmpint (stats.vacuum_ms, ==, 60000);
  g_assert_cmpuint (stats.deviations, ==, 0);
  assert_paused_session_spans (data);
}

/* The system time is set an hour ahead after the first phase (an NTP
 * step). The events' device times put the phases at the right samples
 * all the same; the wall clock alone, as older sessions have it, puts
 * them an hour off. */
static void
test_load_phases_clock_step (void)
{
  g_autofree char *db = tmp_path ("load-phases-step.db");
  g_autofree char *old_db = tmp_path ("load-phases-step-old.db");
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbStore) old_store = NULL;
  g_autoptr(EbbReportData) data = NULL;
  g_autoptr(EbbReportData) old = NULL;
  g_autoptr(GError) error = NULL;
  EbbReportStats stats;
  gint64 session_id = store_with_paused_session (db, TRUE, (gint64) 3600 * G_USEC_PER_SEC, &store);
  gint64 old_id = store_with_paused_session (old_db, FALSE, (gint64) 3600 * G_USEC_PER_SEC, &old_store);
  const guint32 first = G_MAXUINT32 - 10000;
  static const guint32 expected[] = { 500, 30500, 50500, 62500, 87500, 105500 };
  const EbbReportPhaseMark *marks;

  data = ebb_report_data_load (store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->phase_marks->len, ==, G_N_ELEMENTS (expected));
  marks = (const EbbReportPhaseMark *) data->phase_marks->data;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (marks[i].device_ms, ==, (guint32) (first + expected[i]));

  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_completed, ==, 2);
  g_assert_cmpint (stats.vacuum_ms, ==, 60000);
  assert_paused_session_spans (data);

  /* The events table ("paused", "finishing") is timed on the chamber's
   * clock too. */
  g_assert_cmpuint (data->events->len, ==, 2);
  g_assert_cmpint (((const EbbReportEvent *) g_ptr_array_index (data->events, 0))->offset_ms, ==, expected[3]);
  g_assert_cmpint (((const EbbReportEvent *) g_ptr_array_index (data->events, 1))->offset_ms, ==, expected[5]);

  /* Without device times, the step moves every mark after the first, and
   * every event with it. */
  old = ebb_report_data_load (old_store, old_id, &error);
  g_assert_no_error (error);
  marks = (const EbbReportPhaseMark *) old->phase_marks->data;
  g_assert_cmpuint (marks[0].device_ms, ==, first + expected[0]);
  g_assert_cmpuint (marks[1].device_ms, ==, (guint32) (first + expected[1] + 3600 * 1000));
  g_assert_cmpint (((const EbbReportEvent *) g_ptr_array_index (old->events, 0))->offset_ms, ==,
                   expected[3] + 3600 * 1000);
}

/* The chart shades the recorded vacuum phases: from the phase's start,
 * not from when the setpoint followed; through a setpoint change within
 * the phase; not during a pause. A session recorded without its phases
 * is shaded where the setpoint is below 0. */
static void
test_chart_vacuum_spans (void)
{
  g_autoptr(EbbReportData) data = ebb_report_data_new ();
  g_autoptr(GArray) spans = NULL;
  const EbbReportSpan *span;
  Recording rec = { 0 };

  recording_init (&rec, data, 10, 5, 40, G_MAXUINT32 - 2000, 10);
  record_phase (&rec, 0, 1000, 1000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 1);
  /* The first SET_TARGET takes effect 200 ms after the phase began. */
  record_phase (&rec, 0, 1000, 200);
  record_phase (&rec, -2000, 1000, 3000);
  record_phase (&rec, -3000, 1000, 3000);
  record_mark (&rec, EBB_REPORT_PHASE_PAUSED, 0);
  record_phase (&rec, 0, 3000, 4000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 1);
  record_phase (&rec, -3000, 1000, 3800);
  record_mark (&rec, EBB_REPORT_PHASE_RELEASE, 1);
  record_phase (&rec, 0, 3000, 5000);
  record_mark (&rec, EBB_REPORT_PHASE_VACUUM, 2);
  record_phase (&rec, -3000, 1000, 2000);
  /* The console stopped without a last mark. */

  spans = ebb_report_data_vacuum_spans (data);
  span = (const EbbReportSpan *) spans->data;
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpint (span[0].start_ms, ==, 1000);
  g_assert_cmpint (span[0].end_ms, ==, 7200);
  g_assert_cmpint (span[1].start_ms, ==, 11200);
  g_assert_cmpint (span[1].end_ms, ==, 15000);
  g_assert_cmpint (span[2].start_ms, ==, 20000);
  g_assert_cmpint (span[2].end_ms, ==, 21990);
  g_clear_pointer (&spans, g_array_unref);

  /* The same samples without the marks: the setpoint's runs, from the
   * first sample below 0 to the last. */
  g_array_set_size (data->phase_marks, 0);
  spans = ebb_report_data_vacuum_spans (data);
  span = (const EbbReportSpan *) spans->data;
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpint (span[0].start_ms, ==, 1200);
  g_assert_cmpint (span[0].end_ms, ==, 7190);
  g_assert_cmpint (span[1].start_ms, ==, 11200);
  g_assert_cmpint (span[1].end_ms, ==, 14990);
  g_assert_cmpint (span[2].start_ms, ==, 20000);
  g_assert_cmpint (span[2].end_ms, ==, 21990);
  g_clear_pointer (&spans, g_array_unref);

  /* No samples, nothing to shade. */
  g_array_set_size (data->samples, 0);
  spans = ebb_report_data_vacuum_spans (data);
  g_assert_cmpuint (spans->len, ==, 0);
}

static void
test_load (void)
{
  g_autofree char *db = tmp_path ("load.db");
  g_autofree char *path = tmp_path ("load.pdf");
  g_autofree char *text = NULL;
  g_autoptr(EbbStore) store = NULL;
  g_autoptr(EbbReportData) data = NULL;
  g_autoptr(EbbReportOptions) options = options_new ("en");
  g_autoptr(GSettings) settings = g_settings_new ("org.ebbflow.Ebbflow");
  g_autoptr(GError) error = NULL;
  EbbReportStats stats;
  gint64 session_id = store_with_aborted_session (db, &store);

  data = ebb_report_data_load (store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->client_given_name, ==, "Zoë");
  g_assert_cmpstr (data->client_family_name, ==, "Ødegård-Łukasiewicz");
  g_assert_cmpint (g_date_get_year (&data->client_birth_date), ==, 1957);
  g_assert_cmpstr (data->client_clinic_id, ==, "K-2026-0042");
  g_assert_cmpstr (data->operator_name, ==, "Demo Administrator");
  g_assert_cmpint (data->end_state, ==, EBB_REPORT_END_ABORTED);
  g_assert_cmpstr (data->end_reason, ==, "device-lid-opened");
  g_assert_cmpint (g_date_time_difference (data->end, data->start), ==, 60 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (data->profile_name, ==, "Standard");
  g_assert_cmpint (data->level_pa, ==, -5333);
  g_assert_cmpuint (data->duration_s, ==, 120);
  g_assert_cmpuint (data->samples->len, ==, 3000);
  g_assert_true (data->vitals_before.recorded);
  g_assert_cmpuint (data->vitals_before.systolic_mmhg, ==, 131);
  g_assert_false (data->vitals_after.recorded);
  g_assert_cmpuint (data->link_frames_lost, ==, 3);
  g_assert_cmpuint (data->link_crc_errors, ==, 1);
  g_assert_null (data->screening);
  /* The phase event is in the chart, not the table. */
  g_assert_cmpuint (data->events->len, ==, 3);
  g_assert_cmpint (((EbbReportEvent *) g_ptr_array_index (data->events, 0))->priority, ==,
                   EBB_REPORT_PRIORITY_MEDIUM);
  g_assert_cmpint (((EbbReportEvent *) g_ptr_array_index (data->events, 0))->offset_ms, ==, 40000);
  g_assert_cmpint (((EbbReportEvent *) g_ptr_array_index (data->events, 2))->priority, ==,
                   EBB_REPORT_PRIORITY_HIGH);
  ebb_report_data_compute_stats (data, &stats);
  g_assert_cmpuint (stats.cycles_planned, ==, 7);
  g_assert_cmpuint (stats.cycles_completed, ==, 3);

  g_settings_set_string (settings, "clinic-name", "Praxis Weiß");
  ebb_report_data_apply_settings (data, settings);
  g_assert_cmpstr (data->clinic_name, ==, "Praxis Weiß");
  g_assert_null (data->clinic_logo);
  g_assert_cmpint (data->limit_pa, ==, -5000);

  render_ok (data, path, options);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Zoë Ødegård-Łukasiewicz"));
  g_assert_nonnull (strstr (text, "Session aborted"));
  g_assert_nonnull (strstr (text, "Reason: Lid opened"));
  g_assert_nonnull (strstr (text, "Alarm: Pressure off target"));
  g_assert_nonnull (strstr (text, "Alarm acknowledged: Pressure off target"));
  g_assert_nonnull (strstr (text, "Alarm: Lid opened"));
  g_assert_null (strstr (text, "device-lid-opened"));
  g_assert_null (strstr (text, "deviation medium"));
  g_assert_nonnull (strstr (text, "3 of 7 completed"));
  g_assert_nonnull (strstr (text, "Client felt dizzy; session ended."));
  g_assert_nonnull (strstr (text, "Praxis Weiß"));
  /* Set values exactly: −5000 Pa is −37.5 mmHg, not −38. */
  g_assert_nonnull (strstr (text, "\u221237.5 mmHg (\u22125000 Pa)"));
  g_assert_nonnull (strstr (text, "\u221240 mmHg (\u22125333 Pa)"));

  /* The demonstration session has a screening. */
  g_clear_pointer (&data, ebb_report_data_free);
  data = ebb_report_data_load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data->screening);
  g_assert_cmpint (data->screening->outcome, ==, EBB_REPORT_OUTCOME_CLEAR);
  g_assert_cmpint (data->end_state, ==, EBB_REPORT_END_COMPLETED);
  {
    g_autoptr(EbbSessionRecord) demo = ebb_store_session_get (store, 1, &error);

    /* Its samples are timed from its invented start, not from when the
     * demonstration data was written. */
    g_assert_no_error (error);
    g_assert_cmpint (demo->sample_epoch_us, ==, demo->started_us);
  }

  g_clear_pointer (&data, ebb_report_data_free);
  data = ebb_report_data_load (store, 999, &error);
  g_assert_null (data);
  g_assert_error (error, EBB_STORE_ERROR, EBB_STORE_ERROR_NOT_FOUND);
}

static void
test_cli (void)
{
  g_autofree char *db = tmp_path ("cli.db");
  g_autofree char *path = tmp_path ("cli.pdf");
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autoptr(EbbStore) store = NULL;
  gint64 session_id = store_with_aborted_session (db, &store);

  g_clear_object (&store);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);

  {
    const char *args[] = { "report", "--as", EBB_STORE_DEMO_ADMIN, id, "-o", path, "--lang", "de", "--paper", "letter",
                           "--database", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ebb_test_cli_run (EBB_STORE_DEMO_ADMIN_PIN "\n", args, NULL, &err), ==, 0);
  }
  assert_qpdf_check (path);
  text = pdftotext (path);
  g_assert_nonnull (strstr (text, "Sitzung abgebrochen"));
  g_assert_nonnull (strstr (text, "Zoë Ødegård-Łukasiewicz"));
  /* The alarm's title, in the reason and in the events table, in German. */
  g_assert_nonnull (strstr (text, "Deckel geöffnet"));
  g_assert_nonnull (strstr (text, "Druck weicht vom Sollwert ab"));
  g_assert_null (strstr (text, "device-lid-opened"));
  g_assert_null (strstr (text, "Lid opened"));
  info = pdfinfo (path);
  g_assert_true (info_has (info, "Page size", "612 x 792 pts (letter)"));

  /* Saving it is recorded with the session and its client. */
  {
    g_autoptr(EbbStore) reopened = ebb_store_open (db, EBB_STORE_OPEN_NONE, NULL);
    g_autoptr(GPtrArray) entries = ebb_store_audit_list (reopened, 0, 0, NULL);
    g_autoptr(EbbSessionRecord) session = ebb_store_session_get (reopened, session_id, NULL);
    const EbbAuditEntry *saved = g_ptr_array_index (entries, entries->len - 2);
    g_autofree char *subject = g_strdup_printf ("session:%s", id);

    g_assert_cmpstr (saved->action, ==, "report.save");
    g_assert_cmpstr (saved->subject, ==, subject);
    g_assert_cmpint (ebb_audit_entry_client (saved), ==, session->client_id);
    g_assert_nonnull (strstr (saved->detail_json, path));
  }

  {
    const char *args[] = { "report", "--as", EBB_STORE_DEMO_ADMIN, "999", "-o", path, "--database", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ebb_test_cli_run (EBB_STORE_DEMO_ADMIN_PIN "\n", args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "999"));
  }
  {
    const char *args[] = { "report", id, "-o", path, "--database", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ebb_test_cli_run (NULL, args, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--as"));
  }
  {
    const char *args[] = { "report", "--as", EBB_STORE_DEMO_ADMIN, id, "--database", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ebb_test_cli_run (EBB_STORE_DEMO_ADMIN_PIN "\n", args, NULL, &err), ==, 2);
  }
  {
    const char *args[] = { "report", "--as", EBB_STORE_DEMO_ADMIN, id, "-o", path, "--paper", "a3", "--database", db, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (ebb_test_cli_run (EBB_STORE_DEMO_ADMIN_PIN "\n", args, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "a3"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ebb/report/session/content", test_content);
  g_test_add_func ("/ebb/report/session/units", test_units);
  g_test_add_func ("/ebb/report/session/german", test_german);
  g_test_add_func ("/ebb/report/session/aborted", test_aborted);
  g_test_add_func ("/ebb/report/session/interrupted", test_interrupted);
  g_test_add_func ("/ebb/report/session/hostile-text", test_hostile_text);
  g_test_add_func ("/ebb/report/session/many-events", test_many_events);
  g_test_add_func ("/ebb/report/session/letter", test_letter);
  g_test_add_func ("/ebb/report/session/decimation", test_decimation);
  g_test_add_func ("/ebb/report/session/invalid-data", test_invalid_data);
  g_test_add_func ("/ebb/report/session/async", test_async);
  g_test_add_func ("/ebb/report/session/concurrent", test_concurrent);
  g_test_add_func ("/ebb/report/options/settings", test_settings);
  g_test_add_func ("/ebb/report/stats", test_stats);
  g_test_add_func ("/ebb/report/stats/last-phase-at-end", test_stats_last_phase_at_end);
  g_test_add_func ("/ebb/report/stats/limit-noise", test_stats_limit_noise);
  g_test_add_func ("/ebb/report/stats/limit-small", test_stats_limit_small);
  g_test_add_func ("/ebb/report/stats/paused-phase", test_stats_paused_phase);
  g_test_add_func ("/ebb/report/stats/real-profile-at-end", test_stats_real_profile_at_end);
  g_test_add_func ("/ebb/report/stats/recorded-pause", test_stats_recorded_pause);
  g_test_add_func ("/ebb/report/stats/recorded-setpoint-change", test_stats_recorded_setpoint_change);
  g_test_add_func ("/ebb/report/error/unwritable", test_unwritable);
  g_test_add_func ("/ebb/report/error/font-missing", test_font_missing);
  g_test_add_func ("/ebb/report/error/logo", test_logo);
  g_test_add_func ("/ebb/report/error/language-unavailable", test_language_unavailable);
  g_test_add_func ("/ebb/report/screening", test_screening);
  g_test_add_func ("/ebb/report/load", test_load);
  g_test_add_func ("/ebb/report/load/phases", test_load_phases);
  g_test_add_func ("/ebb/report/load/phases-clock-step", test_load_phases_clock_step);
  g_test_add_func ("/ebb/report/chart/vacuum-spans", test_chart_vacuum_spans);
  g_test_add_func ("/ebb/report/cli", test_cli);

  return g_test_run ();
}
