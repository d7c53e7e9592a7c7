/* test-ui-overview.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "carnet-fiche-list.h"
#include "carnet-format.h"
#include "carnet-overview.h"
#include "carnet-test-ui.h"
#include "carnet-window.h"

/* The overview as a steering committee would read it, and each figure opening the list
 * behind it. */

#define MOBILITES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002"
#define SANTE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0001"

static CarnetRecord *
add (CarnetStore *store,
     GType        type,
     const char  *first_property,
     ...)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *record;
  va_list args;

  va_start (args, first_property);
  record = CARNET_RECORD (g_object_new_valist (type, first_property, args));
  va_end (args);
  g_assert_true (carnet_store_insert (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static void
fill (CarnetStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) mezidon = carnet_store_add_commune (store, "14431", &error);
  g_autoptr(CarnetCommune) bayeux = carnet_store_add_commune (store, "14047", &error);
  g_autoptr(CarnetRecord) friche = NULL;
  g_autoptr(CarnetRecord) gare = NULL;
  g_autoptr(CarnetRecord) a1 = NULL, a2 = NULL, a3 = NULL, a4 = NULL;
  g_autoptr(CarnetRecord) f1 = NULL, f2 = NULL, f3 = NULL;
  g_autoptr(CarnetRecord) walk = NULL;
  g_autoptr(CarnetRecord) o1 = NULL;
  g_autofree char *today = carnet_today ();
  g_autofree char *now = carnet_db_now ();

  g_assert_no_error (error);
  friche = add (store, CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (mezidon)),
                "title", "Réhabilitation de la friche Badin", "number", "1", "theme-uuid", SANTE, NULL);
  gare = add (store, CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (bayeux)),
              "title", "Pôle d'échanges de la gare", "number", "2", "theme-uuid", MOBILITES, NULL);
  a1 = add (store, CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (friche),
            "title", "Étude de programmation", "theme-uuid", SANTE, "end-planned", "2024-06-30",
            "cost-ht", (gint64)4500000, NULL);
  a2 = add (store, CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (friche),
            "title", "Maison de santé", "theme-uuid", SANTE, "status", "termine",
            "end-planned", "2024-01-31", "cost-ht", (gint64)120000000, NULL);
  a3 = add (store, CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (gare),
            "title", "Parking vélos sécurisé", "theme-uuid", MOBILITES, "status", "en_retard",
            "end-planned", today, NULL);
  a4 = add (store, CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (gare),
            "title", "Navette vers le centre", "theme-uuid", MOBILITES, "status", "bloque", NULL);
  f1 = add (store, CARNET_TYPE_FUNDING_LINE, "project-uuid", carnet_record_get_uuid (friche),
            "funder", "ANCT", "state", "accorde", "amount-requested", (gint64)3000000,
            "amount-granted", (gint64)2500000, NULL);
  f2 = add (store, CARNET_TYPE_FUNDING_LINE, "action-uuid", carnet_record_get_uuid (a3),
            "funder", "Région Normandie", "state", "demande", "amount-requested", (gint64)1500000, NULL);
  f3 = add (store, CARNET_TYPE_FUNDING_LINE, "project-uuid", carnet_record_get_uuid (friche),
            "funder", "Commune", "nature", "autofinancement", "state", "verse",
            "amount-requested", (gint64)500000, "amount-granted", (gint64)500000,
            "amount-paid", (gint64)500000, NULL);
  walk = add (store, CARNET_TYPE_WALK, "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (mezidon)),
              "walked-on", today, "title", "Arpentage du centre-bourg", NULL);
  o1 = add (store, CARNET_TYPE_OBSERVATION, "walk-uuid", carnet_record_get_uuid (walk),
            "kind", "irritant", "text", "Trottoirs trop étroits rue de la gare", "taken-at", now, NULL);
}

static guint
shown (CarnetWindow *window)
{
  return g_list_model_get_n_items (carnet_fiche_list_get_model (carnet_window_get_fiche_list (window)));
}

static void
test_overview (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carnet-ui-overview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "carnet.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  CarnetWindow *window;
  GtkListBox *views;
  GtkWidget *overview;
  const CarnetStats *stats;

  g_assert_no_error (error);
  fill (store);
  window = carnet_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  carnet_test_wait_drawn (GTK_WIDGET (window));

  views = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), CARNET_TYPE_WINDOW, "views_list"));
  gtk_list_box_select_row (views, gtk_list_box_get_row_at_index (views, 0));
  carnet_test_wait_drawn (GTK_WIDGET (window));
  overview = gtk_widget_get_first_child (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                     CARNET_TYPE_WINDOW,
                                                                                     "overview_bin")));
  g_assert_true (CARNET_IS_OVERVIEW (overview));
  g_assert_true (gtk_widget_get_mapped (overview));

  stats = carnet_overview_get_stats (CARNET_OVERVIEW (overview));
  g_assert_cmpuint (stats->n_communes, ==, 2);
  g_assert_cmpuint (stats->n_projects, ==, 2);
  g_assert_cmpuint (stats->n_actions, ==, 4);
  g_assert_cmpuint (stats->n_overdue, ==, 1);  /* the study; the health centre is done */
  g_assert_cmpuint (stats->n_due_soon, ==, 1); /* the bike park, due today */
  g_assert_cmpuint (stats->n_walks, ==, 1);
  g_assert_cmpuint (stats->n_observations, ==, 1);
  g_assert_cmpint (stats->cost_ht, ==, 124500000);
  g_assert_cmpint (stats->requested, ==, 5000000);
  g_assert_cmpint (stats->granted, ==, 3000000);
  g_assert_cmpint (stats->self_funding, ==, 500000);
  g_assert_cmpuint (stats->funders->len, ==, 3);
  g_assert_cmpstr (((CarnetFunderSum *)g_ptr_array_index (stats->funders, 0))->funder, ==, "ANCT");
  carnet_test_screenshot_variants (GTK_WINDOW (window), "overview");

  /* Each figure opens its list. */
  carnet_overview_activate_figure (CARNET_OVERVIEW (overview), "overdue");
  carnet_test_iterate ();
  g_assert_cmpuint (shown (window), ==, 1);
  {
    g_autoptr(CarnetRecord) first =
      g_list_model_get_item (carnet_fiche_list_get_model (carnet_window_get_fiche_list (window)), 0);

    g_assert_cmpstr (carnet_record_get_title (first), ==, "Étude de programmation");
  }
  carnet_test_screenshot (GTK_WIDGET (window), "overview-overdue-list");

  gtk_list_box_select_row (views, gtk_list_box_get_row_at_index (views, 0));
  carnet_test_iterate ();
  carnet_overview_activate_figure (CARNET_OVERVIEW (overview), "due-soon");
  carnet_test_iterate ();
  g_assert_cmpuint (shown (window), ==, 1);

  /* The walks figure opens the site walks. */
  gtk_list_box_select_row (views, gtk_list_box_get_row_at_index (views, 0));
  carnet_test_iterate ();
  carnet_overview_activate_figure (CARNET_OVERVIEW (overview), "walks");
  carnet_test_iterate ();
  {
    GtkStack *content = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), CARNET_TYPE_WINDOW,
                                                                  "content_stack"));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "walks");
  }

  /* Per commune: Bayeux has one project and two actions. */
  gtk_list_box_select_row (views, gtk_list_box_get_row_at_index (views, 0));
  carnet_test_iterate ();
  {
    g_autoptr(CarnetRecord) bayeux = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");

    carnet_overview_set_commune (CARNET_OVERVIEW (overview), bayeux);
    stats = carnet_overview_get_stats (CARNET_OVERVIEW (overview));
    g_assert_cmpuint (stats->n_projects, ==, 1);
    g_assert_cmpuint (stats->n_actions, ==, 2);
    g_assert_cmpuint (stats->by_status[1], ==, 1);  /* late */
    g_assert_cmpuint (stats->by_status[3], ==, 1);  /* blocked */
    carnet_overview_activate_figure (CARNET_OVERVIEW (overview), "actions");
    carnet_test_iterate ();
    g_assert_cmpuint (shown (window), ==, 2);
    g_assert_true (carnet_fiche_list_get_commune (carnet_window_get_fiche_list (window)) == bayeux);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  carnet_test_iterate ();
  g_clear_object (&store);
  carnet_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/overview/figures", test_overview);

  return g_test_run ();
}
