/* bench-safety-supervisor.c
 *
 * Copyright 2026 The Ebbflow developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-util.h"
#include "ebb-safety-supervisor.h"

/* Two figures for docs/performance.md, "Session runner":
 * 1. the supervisor's CPU cost per telemetry batch (10 samples, the
 *    driver's batch at 200 Hz), measured on the real monotonic clock;
 * 2. the over-vacuum condition-to-signal delay: time from the first sample
 *    beyond the threshold to the RAISED event, with samples at 200 Hz and
 *    batches every 50 ms, in virtual time driven by the samples. */

#define N_BATCHES 200000
#define BATCH     10

static gint64 raised_us;

static void
alarm_event_cb (EbbSafetySupervisor *supervisor,
                EbbAlarmEvent       *event,
                gpointer             data)
{
  if (event->type == EBB_ALARM_EVENT_RAISED && event->kind == EBB_ALARM_OVER_VACUUM && raised_us == 0)
    raised_us = event->time_us;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EbbClock) clock = ebb_clock_new ();
  g_autoptr(EbbSafetySupervisor) supervisor = ebb_safety_supervisor_new (clock);
  EbbEcpTelemetry batch[BATCH];
  guint32 device_ms = 0;
  gint64 start, elapsed;
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (gint64));

  ebb_safety_supervisor_set_limits (supervisor, -5000, -5000, FALSE);
  ebb_safety_supervisor_set_regulating (supervisor, TRUE);
  ebb_safety_supervisor_set_setpoint (supervisor, -5000, 0);

  start = g_get_monotonic_time ();
  for (guint b = 0; b < N_BATCHES; b++)
    {
      for (guint i = 0; i < BATCH; i++)
        {
          device_ms += 5;
          batch[i] = (EbbEcpTelemetry) {
            .device_ms = device_ms,
            .pressure_pa = -5000 + (gint32) ((device_ms * 7919) % 41) - 20,
            .target_pa = -5000,
            .flags = EBB_ECP_FLAG_LID_CLOSED | EBB_ECP_FLAG_REGULATING,
          };
        }
      ebb_safety_supervisor_feed (supervisor, batch, BATCH);
    }
  elapsed = g_get_monotonic_time () - start;
  g_print ("supervisor cost: %.3f us per batch of %u samples (%u batches)\n",
           (double) elapsed / N_BATCHES, BATCH, N_BATCHES);

  /* Condition-to-signal delay: the onset falls at every position within a
   * batch; time is the sample time of the batch that carries the verdict. */
  for (guint trial = 0; trial < 1000; trial++)
    {
      g_autoptr(EbbSafetySupervisor) s = ebb_safety_supervisor_new (clock);
      guint onset_index = trial % BATCH;
      gint64 onset_ms = -1;
      guint32 ms = 1000;

      raised_us = 0;
      g_signal_connect (s, "alarm-event", G_CALLBACK (alarm_event_cb), NULL);
      ebb_safety_supervisor_set_limits (s, -5000, -5000, FALSE);
      for (guint b = 0; b < 100 && raised_us == 0; b++)
        {
          for (guint i = 0; i < BATCH; i++)
            {
              gboolean deep = b > 2 || (b == 2 && i >= onset_index);

              ms += 5;
              if (deep && onset_ms < 0)
                onset_ms = ms;
              batch[i] = (EbbEcpTelemetry) { .device_ms = ms, .pressure_pa = deep ? -5600 : -5000 };
            }
          ebb_safety_supervisor_feed (s, batch, BATCH);
          if (raised_us != 0)
            {
              /* The batch is delivered when its last sample is taken. */
              gint64 delay_ms = (gint64) ms - onset_ms;
              g_array_append_val (delays, delay_ms);
            }
        }
    }
  g_array_sort (delays, bench_compare_gint64);
  g_print ("over-vacuum condition-to-signal delay (200 Hz, 50 ms batches): "
           "p50 %" G_GINT64_FORMAT " ms, p99 %" G_GINT64_FORMAT " ms, max %" G_GINT64_FORMAT " ms\n",
           g_array_index (delays, gint64, delays->len / 2),
           g_array_index (delays, gint64, delays->len * 99 / 100),
           g_array_index (delays, gint64, delays->len - 1));
  return 0;
}
