/* bench-app.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-bench"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bench-util.h"
#include "carnet-application.h"
#include "carnet-window.h"

/* Carnet itself, started as main.c starts it, on a database given on the command line, and
 * timed from the outside of its widgets:
 *
 *   bench-app start DB      the time to the first frame of the main window, and to the
 *                           first with the list of actions in it; the peak
 *                           memory then and after a search
 *   bench-app interact DB   search keystrokes, filter changes, opening communes and actions,
 *                           edits: each timed from the change to the end of the frame that
 *                           shows it
 *
 * Each step waits for the list model to change (when it should) and for the frame clock's
 * next “after-paint”: what a person sees. Steps are spaced so that each starts from an idle
 * window. */

#define SETTLE_MS   40
#define TIMEOUT_MS  10000

typedef struct _Bench Bench;
typedef void (*StepFunc) (Bench *bench, gpointer data);

typedef struct
{
  const char     *metric;
  gboolean        wait_model;
  StepFunc        func;
  gpointer        data;
  GDestroyNotify  free_data;
} Step;

struct _Bench
{
  gboolean         interact;
  GApplication    *app;
  CarnetWindow    *window;
  CarnetFicheList *list;
  CarnetStore     *store;
  GtkEditable     *search;
  gboolean         started;
  gboolean         listed;    /* the first frame with the list drawn */

  GQueue           steps;
  Step            *current;
  gint64           t0;
  gboolean         model_changed;
  guint            timeout_id;

  gint64           t_update;  /* when the frame clock's phases last began */
  gint64           t_layout;
  gint64           t_paint;
  gint64           t_called;  /* when the step's call returned */
  gint64           t_changed; /* when the list model last changed */

  GHashTable      *samples;   /* metric → GArray of ms */
  GPtrArray       *metrics;   /* in the order they were first recorded */
  guint            edits;
  char            *edit_base;
};

static void next_step (Bench *bench);

static void
step_free (Step *step)
{
  if (step->free_data != NULL)
    step->free_data (step->data);
  g_free (step);
}

static void
add_step (Bench          *bench,
          const char     *metric,
          gboolean        wait_model,
          StepFunc        func,
          gpointer        data,
          GDestroyNotify  free_data)
{
  Step *step = g_new0 (Step, 1);

  step->metric = metric;
  step->wait_model = wait_model;
  step->func = func;
  step->data = data;
  step->free_data = free_data;
  g_queue_push_tail (&bench->steps, step);
}

static void
add_sample (Bench      *bench,
            const char *metric,
            double      ms)
{
  GArray *samples = g_hash_table_lookup (bench->samples, metric);

  if (samples == NULL)
    {
      samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (bench->samples, (gpointer)metric, samples);
      g_ptr_array_add (bench->metrics, (gpointer)metric);
    }
  g_array_append_val (samples, ms);
}

static void
finish (Bench *bench)
{
  for (guint i = 0; i < bench->metrics->len; i++)
    {
      const char *metric = bench->metrics->pdata[i];

      bench_print_samples (metric, g_hash_table_lookup (bench->samples, metric));
    }
  bench_print_value (bench->interact ? "memory-interact" : "memory-search", bench_peak_rss_kb ());
  g_application_quit (bench->app);
}

static void
complete_step (Bench *bench)
{
  const char *metric = bench->current->metric;

  add_sample (bench, metric, bench_ms_since (bench->t0));
  /* Where the time went: the change itself, what ran before the frame began (for a
   * keystroke, the search), the frame's update (tick callbacks), layout and drawing. */
  if (bench->t_update > bench->t_called && bench->t_layout >= bench->t_update &&
      bench->t_paint >= bench->t_layout)
    {
      g_autofree char *call = g_strconcat (metric, "/call", NULL);
      g_autofree char *before = g_strconcat (metric, "/before", NULL);
      g_autofree char *update = g_strconcat (metric, "/update", NULL);
      g_autofree char *layout = g_strconcat (metric, "/layout", NULL);
      g_autofree char *paint = g_strconcat (metric, "/paint", NULL);

      add_sample (bench, g_intern_string (call), (bench->t_called - bench->t0) / 1000.0);
      add_sample (bench, g_intern_string (before), (bench->t_update - bench->t_called) / 1000.0);
      add_sample (bench, g_intern_string (update), (bench->t_layout - bench->t_update) / 1000.0);
      add_sample (bench, g_intern_string (layout), (bench->t_paint - bench->t_layout) / 1000.0);
      add_sample (bench, g_intern_string (paint), bench_ms_since (bench->t_paint));
      /* When the list had changed: the search itself, before the frame. */
      if (bench->current->wait_model && bench->t_changed >= bench->t0)
        {
          g_autofree char *changed = g_strconcat (metric, "/changed", NULL);

          add_sample (bench, g_intern_string (changed), (bench->t_changed - bench->t0) / 1000.0);
        }
    }
  g_clear_handle_id (&bench->timeout_id, g_source_remove);
  g_clear_pointer (&bench->current, step_free);
  next_step (bench);
}

static gboolean
on_step_timeout (gpointer data)
{
  Bench *bench = data;

  g_warning ("The step “%s” did not end in %d ms", bench->current->metric, TIMEOUT_MS);
  bench->timeout_id = 0;
  complete_step (bench);
  return G_SOURCE_REMOVE;
}

static gboolean
run_step (gpointer data)
{
  Bench *bench = data;

  bench->current = g_queue_pop_head (&bench->steps);
  bench->model_changed = FALSE;
  bench->timeout_id = g_timeout_add (TIMEOUT_MS, on_step_timeout, bench);
  g_debug ("Step %s", bench->current->metric);
  bench->t0 = g_get_monotonic_time ();
  bench->current->func (bench, bench->current->data);
  bench->t_called = g_get_monotonic_time ();
  /* A frame follows even when nothing on screen changed. */
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  return G_SOURCE_REMOVE;
}

static void
next_step (Bench *bench)
{
  if (g_queue_is_empty (&bench->steps))
    finish (bench);
  else
    g_timeout_add (SETTLE_MS, run_step, bench);
}

static void
on_items_changed (Bench *bench)
{
  g_debug ("The list changed: %u items",
           g_list_model_get_n_items (carnet_fiche_list_get_model (bench->list)));
  bench->model_changed = TRUE;
  bench->t_changed = g_get_monotonic_time ();
}

/* Steps */

/* One keystroke: a letter typed at the end, or the last one erased, as a person would;
 * gtk_editable_set_text() would empty the entry first, and search for everything. */
static void
type_search (Bench    *bench,
             gpointer  data)
{
  const char *target = data;
  const char *text = gtk_editable_get_text (bench->search);
  int end = g_utf8_strlen (text, -1);

  if (g_str_has_prefix (target, text))
    {
      int position = end;

      gtk_editable_insert_text (bench->search, target + strlen (text), -1, &position);
    }
  else if (g_str_has_prefix (text, target))
    gtk_editable_delete_text (bench->search, g_utf8_strlen (target, -1), end);
  else
    gtk_editable_set_text (bench->search, target);
}

static void
search_by_api (Bench    *bench,
               gpointer  data)
{
  carnet_fiche_list_set_search (bench->list, data);
}

typedef struct
{
  char     *theme;
  char     *status;
  gboolean  overdue;
} Filters;

static void
filters_free (gpointer data)
{
  Filters *filters = data;

  g_free (filters->theme);
  g_free (filters->status);
  g_free (filters);
}

static void
set_filters (Bench    *bench,
             gpointer  data)
{
  Filters *filters = data;

  carnet_fiche_list_set_filters (bench->list, filters->theme, filters->status, filters->overdue);
}

static void
open_commune (Bench    *bench,
              gpointer  data)
{
  carnet_window_select_commune (bench->window, data);
}

static void
open_next_action (Bench    *bench,
                  gpointer  data)
{
  carnet_fiche_list_select_next (bench->list, 1);
}

/* Titles go back and forth between two values, as edits saved while typing would. */
static void
edit_title (Bench    *bench,
            gpointer  data)
{
  CarnetRecord *fiche = carnet_fiche_list_get_selected (bench->list);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 start = g_get_monotonic_time ();

  if (fiche == NULL)
    return;
  if (bench->edit_base == NULL)
    bench->edit_base = g_strdup (carnet_record_get_string (fiche, "title"));
  title = g_strdup_printf ("%s%s", bench->edit_base, bench->edits++ % 2 == 0 ? " (modifié)" : "");
  if (!carnet_store_update_text (bench->store, fiche, "title", title, &error))
    g_warning ("Cannot edit: %s", error->message);
  add_sample (bench, "edit-app-call", bench_ms_since (start));
}

static void
clear_filters (Bench    *bench,
               gpointer  data)
{
  carnet_fiche_list_set_filters (bench->list, NULL, NULL, FALSE);
  carnet_fiche_list_set_search (bench->list, NULL);
}

/* The script */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child
                                                                  : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The entry of the list's search bar (a theme menu may hold another one). */
static GtkWidget *
find_search_entry (GtkWidget *list)
{
  GtkWidget *bar = find_descendant (list, GTK_TYPE_SEARCH_BAR);

  return bar != NULL ? find_descendant (bar, GTK_TYPE_SEARCH_ENTRY) : NULL;
}

/* Typing words letter by letter, and erasing some of them, as someone looking for a fiche. */
static void
add_search_steps (Bench *bench)
{
  static const char *words[] = {
    "maison", "friche", "halles", "commerce", "santé", "opah", "mobilités", "étude",
    "travaux", "îlots", "acquisition", "vitrines",
  };

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong len = g_utf8_strlen (words[w], -1);

      for (glong n = 1; n <= len; n++)
        add_step (bench, "search", TRUE, type_search,
                  g_utf8_substring (words[w], 0, n), g_free);
      for (glong n = w % 2 == 0 ? len - 1 : 0; n >= 0; n--)
        add_step (bench, "search", TRUE, type_search,
                  g_utf8_substring (words[w], 0, n), g_free);
    }
}

static void
add_filter_steps (Bench *bench)
{
  g_autoptr(GListModel) themes = carnet_store_list (bench->store, CARNET_TYPE_THEME, NULL, NULL);
  static const char *statuses[] = { "en_cours", "en_retard", "bloque", "termine", NULL };
  guint n = g_list_model_get_n_items (themes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (themes, i);

      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        {
          Filters *filters = g_new0 (Filters, 1);

          filters->theme = g_strdup (carnet_record_get_uuid (theme));
          filters->status = g_strdup (statuses[s]);
          filters->overdue = s == 1;
          add_step (bench, "filter", TRUE, set_filters, filters, filters_free);
        }
    }
  add_step (bench, "filter", TRUE, set_filters, g_new0 (Filters, 1), filters_free);
}

static void
add_commune_steps (Bench *bench)
{
  g_autoptr(GListModel) communes = carnet_store_list (bench->store, CARNET_TYPE_COMMUNE, NULL, NULL);
  guint n = g_list_model_get_n_items (communes);

  for (guint i = 0; i < MIN (n, 20); i++)
    add_step (bench, "open-commune", TRUE, open_commune,
              g_list_model_get_item (communes, i * (n / MIN (n, 20))), g_object_unref);
}

static void
build_script (Bench *bench)
{
  /* BENCH_ONLY=search: only the search steps, for profiling them. */
  gboolean only_search = g_strcmp0 (g_getenv ("BENCH_ONLY"), "search") == 0;

  carnet_fiche_list_start_search (bench->list);
  add_search_steps (bench);
  if (only_search)
    return;
  add_step (bench, "reset", FALSE, clear_filters, NULL, NULL);
  add_filter_steps (bench);
  add_commune_steps (bench);
  /* Back to all communes: actions are opened and edited in the longest list. */
  add_step (bench, "open-all", TRUE, open_commune, NULL, NULL);
  for (guint i = 0; i < 20; i++)
    add_step (bench, "open-action", FALSE, open_next_action, NULL, NULL);
  for (guint i = 0; i < 30; i++)
    add_step (bench, "edit-app", FALSE, edit_title, NULL, NULL);
}

/* Start */

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  g_debug ("After paint");
  if (!gtk_widget_get_mapped (GTK_WIDGET (bench->window)))
    return;

  if (!bench->started)
    {
      bench->started = TRUE;
      bench_print_value ("start", bench_ms_since (bench_start_time ()));
      bench_print_value ("memory-start", bench_peak_rss_kb ());

      bench->list = carnet_window_get_fiche_list (bench->window);
      bench->store = carnet_window_get_store (bench->window);
      if (bench->list == NULL)
        g_error ("The window shows no list: is the database “--db” valid?");
    }

  /* A large database's list is read in a thread while the window shows itself: the steps
   * begin once it is drawn. */
  if (!bench->listed)
    {
      if (g_list_model_get_n_items (carnet_fiche_list_get_model (bench->list)) == 0)
        return;
      bench->listed = TRUE;
      bench_print_value ("start-list", bench_ms_since (bench_start_time ()));
      bench->search = GTK_EDITABLE (find_search_entry (GTK_WIDGET (bench->list)));
      g_assert (bench->search != NULL);
      /* Every keystroke is a search: the entry's own delay is not what is measured. */
      g_object_set (bench->search, "search-delay", 0, NULL);
      g_signal_connect_swapped (carnet_fiche_list_get_model (bench->list), "items-changed",
                                G_CALLBACK (on_items_changed), bench);

      if (bench->interact)
        build_script (bench);
      else
        add_step (bench, "search-first", TRUE, search_by_api, g_strdup ("maison"), g_free);
      next_step (bench);
      return;
    }

  if (bench->current != NULL && bench->timeout_id != 0 &&
      (!bench->current->wait_model || bench->model_changed))
    complete_step (bench);
}

/* Emission hooks run before the handlers: the phases are timed from their start, before
 * GTK's own work in them. */
static gboolean
on_phase (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               data)
{
  Bench *bench = data;

  if (hint->signal_id == g_signal_lookup ("update", GDK_TYPE_FRAME_CLOCK))
    bench->t_update = g_get_monotonic_time ();
  else if (hint->signal_id == g_signal_lookup ("layout", GDK_TYPE_FRAME_CLOCK))
    bench->t_layout = g_get_monotonic_time ();
  else
    bench->t_paint = g_get_monotonic_time ();
  return TRUE;
}

static void
on_realize (GtkWidget *window,
            Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_add_emission_hook (g_signal_lookup ("update", GDK_TYPE_FRAME_CLOCK), 0, on_phase,
                              bench, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("layout", GDK_TYPE_FRAME_CLOCK), 0, on_phase,
                              bench, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK), 0, on_phase,
                              bench, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Bench          *bench)
{
  if (!CARNET_IS_WINDOW (window) || bench->window != NULL)
    return;
  bench->window = CARNET_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CarnetApplication) app = NULL;
  Bench bench = { 0 };
  const char *app_argv[4];
  int status;

  bench_start_time ();
  if (argc != 3 || (g_strcmp0 (argv[1], "start") != 0 && g_strcmp0 (argv[1], "interact") != 0))
    {
      g_printerr ("Usage: %s start|interact DATABASE\n", argv[0]);
      return 2;
    }

  /* As main.c does. */
  carnet_application_setup_i18n ();
  app = carnet_application_new ();

  bench.interact = g_str_equal (argv[1], "interact");
  bench.app = G_APPLICATION (app);
  bench.samples = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify)g_array_unref);
  bench.metrics = g_ptr_array_new ();
  g_queue_init (&bench.steps);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &bench);

  app_argv[0] = argv[0];
  app_argv[1] = "--db";
  app_argv[2] = argv[2];
  app_argv[3] = NULL;
  status = g_application_run (G_APPLICATION (app), 3, (char **)app_argv);

  g_queue_clear_full (&bench.steps, (GDestroyNotify)step_free);
  g_hash_table_unref (bench.samples);
  g_ptr_array_unref (bench.metrics);
  g_free (bench.edit_base);
  return status;
}
