/* bench-util.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64  bench_start_time   (void);
double  bench_ms_since     (gint64      start);
gint64  bench_peak_rss_kb  (void);
void    bench_print_value  (const char *metric,
                            double      value);
void    bench_print_samples (const char *metric,
                             GArray     *samples);

G_END_DECLS
