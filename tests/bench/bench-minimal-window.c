/* bench-minimal-window.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-bench"

#include "config.h"

#include <adwaita.h>

#include "bench-util.h"

/* The baseline of the start-up and memory figures: the least a libadwaita application can
 * show, a window of Carnet's default size with a header bar and a label. It prints the time
 * from the start of the process to the end of its first frame, and its peak memory then. */

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  if (!gtk_widget_get_mapped (window))
    return;
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);

  bench_print_value ("start", bench_ms_since (bench_start_time ()));
  bench_print_value ("memory-start", bench_peak_rss_kb ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), window);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *view = adw_toolbar_view_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Carnet");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), adw_header_bar_new ());
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), gtk_label_new ("Petites villes de demain"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  bench_start_time ();
  app = adw_application_new (APPLICATION_ID ".BenchMinimal", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
