/* bench-minimal-window.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-bench"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bench-util.h"

/* The baselines of Carnet's figures, the least a libadwaita application can do:
 *
 *   bench-minimal-window        a window of Carnet's default size with a header bar and a
 *                               label: the time from the start of the process to the end of
 *                               its first frame, and its peak memory then
 *   bench-minimal-window type   the same window with a search entry whose text a label
 *                               repeats: the words bench-app types, each keystroke timed to
 *                               the end of the frame that shows it. It is the floor of a
 *                               keystroke on these machines: the frame clock, the entry and
 *                               the drawing, with no list behind. */

#define SETTLE_MS 40

static const char *words[] = {
  "maison", "friche", "halles", "commerce", "santé", "opah", "mobilités", "étude",
  "travaux", "îlots", "acquisition", "vitrines",
};

typedef struct
{
  GtkWindow   *window;
  GtkEditable *entry;
  GtkLabel    *label;
  gboolean     typing;
  GPtrArray   *targets;    /* the entry's text after each keystroke */
  guint        next;
  gint64       t0;
  gboolean     waiting;
  GArray      *samples;
} Bench;

static void type_next (Bench *bench);

static gboolean
on_settled (gpointer data)
{
  type_next (data);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (bench->window)))
    return;

  if (bench->t0 == 0)
    {
      bench->t0 = -1;
      bench_print_value ("start", bench_ms_since (bench_start_time ()));
      bench_print_value ("memory-start", bench_peak_rss_kb ());
      if (!bench->typing)
        {
          g_application_quit (G_APPLICATION (gtk_window_get_application (bench->window)));
          return;
        }
      g_timeout_add (SETTLE_MS, on_settled, bench);
      return;
    }

  /* The frame that shows the keystroke: the label repeats the entry. */
  if (bench->waiting &&
      g_strcmp0 (gtk_label_get_label (bench->label), bench->targets->pdata[bench->next - 1]) == 0)
    {
      double ms = bench_ms_since (bench->t0);

      bench->waiting = FALSE;
      g_array_append_val (bench->samples, ms);
      g_timeout_add (SETTLE_MS, on_settled, bench);
    }
}

/* As bench-app types: a letter added at the end, or the last one erased. */
static void
type_next (Bench *bench)
{
  const char *target;
  const char *text;
  int end;

  if (bench->next == bench->targets->len)
    {
      bench_print_samples ("type", bench->samples);
      g_application_quit (G_APPLICATION (gtk_window_get_application (bench->window)));
      return;
    }
  target = bench->targets->pdata[bench->next++];
  text = gtk_editable_get_text (bench->entry);
  end = g_utf8_strlen (text, -1);
  bench->t0 = g_get_monotonic_time ();
  bench->waiting = TRUE;
  if (g_str_has_prefix (target, text))
    {
      int position = end;

      gtk_editable_insert_text (bench->entry, target + strlen (text), -1, &position);
    }
  else
    gtk_editable_delete_text (bench->entry, g_utf8_strlen (target, -1), end);
}

static void
on_search_changed (Bench *bench)
{
  gtk_label_set_label (bench->label, gtk_editable_get_text (bench->entry));
}

static void
on_realize (GtkWidget *window,
            Bench     *bench)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), bench);
}

static void
on_activate (GtkApplication *app,
             Bench          *bench)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *view = adw_toolbar_view_new ();
  GtkWidget *label = gtk_label_new ("Petites villes de demain");

  gtk_window_set_title (GTK_WINDOW (window), "Carnet");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), adw_header_bar_new ());
  if (bench->typing)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *entry = gtk_search_entry_new ();

      gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);
      gtk_box_append (GTK_BOX (box), entry);
      gtk_box_append (GTK_BOX (box), label);
      g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (on_search_changed), bench);
      bench->entry = GTK_EDITABLE (entry);
      adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), box);
    }
  else
    adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), label);
  bench->window = GTK_WINDOW (window);
  bench->label = GTK_LABEL (label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), bench);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  Bench bench = { 0 };
  int status;

  bench_start_time ();
  if (argc > 2 || (argc == 2 && g_strcmp0 (argv[1], "type") != 0))
    {
      g_printerr ("Usage: %s [type]\n", argv[0]);
      return 2;
    }
  bench.typing = argc == 2;
  bench.targets = g_ptr_array_new_with_free_func (g_free);
  bench.samples = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong len = g_utf8_strlen (words[w], -1);

      for (glong n = 1; n <= len; n++)
        g_ptr_array_add (bench.targets, g_utf8_substring (words[w], 0, n));
      for (glong n = w % 2 == 0 ? len - 1 : 0; n >= 0; n--)
        g_ptr_array_add (bench.targets, g_utf8_substring (words[w], 0, n));
    }

  app = adw_application_new (APPLICATION_ID ".BenchMinimal", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &bench);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_ptr_array_unref (bench.targets);
  g_array_unref (bench.samples);
  return status;
}
