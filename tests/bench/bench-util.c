/* bench-util.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-util.h"

/* What the benchmark programs share: the time the process was started, its peak memory, and
 * the lines they print for tests/bench/run-bench.py, one JSON object each. */

/**
 * bench_start_time:
 *
 * Returns: the monotonic time, in µs, at which the runner started this process: it sets
 *   BENCH_T0_US just before the fork, on the same clock (CLOCK_MONOTONIC). Without it, the
 *   time main() was reached.
 */
gint64
bench_start_time (void)
{
  static gint64 start;
  const char *env;

  if (start != 0)
    return start;
  env = g_getenv ("BENCH_T0_US");
  start = env != NULL ? g_ascii_strtoll (env, NULL, 10) : 0;
  if (start <= 0)
    start = g_get_monotonic_time ();
  return start;
}

double
bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The peak resident memory of the process (VmHWM), in kB. */
gint64
bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

/* JSON numbers, whatever the locale's decimal separator. */
static void
append_number (GString *out,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (text, sizeof text, "%.3f", value));
}

void
bench_print_value (const char *metric,
                   double      value)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "{\"metric\": \"%s\", \"value\": ", metric);
  append_number (line, value);
  g_string_append (line, "}");
  printf ("%s\n", line->str);
  fflush (stdout);
}

void
bench_print_samples (const char *metric,
                     GArray     *samples)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "{\"metric\": \"%s\", \"samples\": [", metric);
  for (guint i = 0; i < samples->len; i++)
    {
      if (i > 0)
        g_string_append (line, ", ");
      append_number (line, g_array_index (samples, double, i));
    }
  g_string_append (line, "]}");
  printf ("%s\n", line->str);
  fflush (stdout);
}
