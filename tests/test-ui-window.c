/* test-ui-window.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "carnet-commune-chooser.h"
#include "carnet-test-ui.h"
#include "carnet-window.h"

/* The window a new chef de projet sees: the empty state, then the first commune added by
 * typing its name in the chooser, as a person would. */

typedef struct
{
  char         *dir;
  CarnetStore  *store;
  CarnetWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (path, &error);
  g_assert_no_error (error);
  fixture->window = carnet_window_new (NULL, fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  carnet_test_iterate ();
  g_clear_object (&fixture->store);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkStack *
window_stack (Fixture *fixture)
{
  return GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                   CARNET_TYPE_WINDOW, "stack"));
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                        CARNET_TYPE_WINDOW,
                                                                        "empty_page"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Add Your First Commune");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "empty-state");
}

static CarnetCommuneChooser *
open_chooser (Fixture *fixture)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-commune", NULL));
  carnet_test_iterate ();
  dialog = GTK_WIDGET (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)));
  g_assert_nonnull (dialog);
  g_assert_true (CARNET_IS_COMMUNE_CHOOSER (dialog));
  return CARNET_COMMUNE_CHOOSER (dialog);
}

static GtkListBox *
chooser_results (CarnetCommuneChooser *chooser)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (chooser),
                                                      CARNET_TYPE_COMMUNE_CHOOSER, "results"));
}

static void
test_add_first_commune (Fixture       *fixture,
                        gconstpointer  data)
{
  CarnetCommuneChooser *chooser = open_chooser (fixture);
  GtkListBoxRow *row;
  g_autoptr(CarnetRecord) commune = NULL;
  CarnetFicheList *list;

  /* Accents and case do not matter. */
  carnet_commune_chooser_set_query (chooser, "mezidon");
  carnet_test_iterate ();
  row = gtk_list_box_get_row_at_index (chooser_results (chooser), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Mézidon Vallée d'Auge");
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "commune-chooser");

  g_signal_emit_by_name (chooser_results (chooser), "row-activated", row);
  carnet_test_iterate ();

  g_assert_null (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "main");
  commune = carnet_store_find (fixture->store, CARNET_TYPE_COMMUNE, "insee", "14431");
  g_assert_nonnull (commune);
  g_assert_cmpstr (carnet_record_get_string (commune, "departement"), ==, "14");
  g_assert_cmpstr (carnet_record_get_string (commune, "region"), ==, "Normandie");

  /* The new commune is the one shown. */
  list = carnet_window_get_fiche_list (fixture->window);
  g_assert_true (carnet_fiche_list_get_commune (list) == commune);
  g_assert_cmpstr (adw_navigation_page_get_title (ADW_NAVIGATION_PAGE (list)), ==,
                   "Mézidon Vallée d'Auge");
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "first-commune");
}

static void
test_already_followed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) bayeux = carnet_store_add_commune (fixture->store, "14047", &error);
  CarnetCommuneChooser *chooser;
  GtkListBoxRow *row;

  g_assert_no_error (error);
  carnet_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_stack (fixture)), ==, "main");

  chooser = open_chooser (fixture);
  carnet_commune_chooser_set_query (chooser, "14047");
  row = gtk_list_box_get_row_at_index (chooser_results (chooser), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Bayeux");
  /* A commune already followed cannot be added twice. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  adw_dialog_close (ADW_DIALOG (chooser));
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carnet-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(CarnetStore) store = NULL;
  CarnetWindow *window;
  GtkStack *stack;
  AdwStatusPage *page;

  g_file_set_contents (path, "Ceci n'est pas une base de données, mais un texte assez long.", -1, NULL);
  store = carnet_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE);

  window = carnet_window_new (NULL, NULL, error);
  gtk_window_present (GTK_WINDOW (window));
  carnet_test_wait_drawn (GTK_WIDGET (window));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), CARNET_TYPE_WINDOW, "stack"));
  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), CARNET_TYPE_WINDOW,
                                                         "error_page"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "notes.db"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-commune", NULL) &&
                  adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)) != NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  carnet_test_iterate ();
  carnet_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add ("/ui/window/empty-state", Fixture, NULL, fixture_set_up, test_empty_state,
              fixture_tear_down);
  g_test_add ("/ui/window/add-first-commune", Fixture, NULL, fixture_set_up,
              test_add_first_commune, fixture_tear_down);
  g_test_add ("/ui/window/already-followed", Fixture, NULL, fixture_set_up,
              test_already_followed, fixture_tear_down);
  g_test_add_func ("/ui/window/open-error", test_open_error);

  return g_test_run ();
}
