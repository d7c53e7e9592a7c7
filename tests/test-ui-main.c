/* test-ui-main.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "carnet-commune-chooser.h"
#include "carnet-fiche-editor.h"
#include "carnet-fiche-index.h"
#include "carnet-fiche-list.h"
#include "carnet-fiche-row.h"
#include "carnet-generate.h"
#include "carnet-new-dialog.h"
#include "carnet-test-ui.h"
#include "carnet-window.h"

/* A new chef de projet's first hour, driven through the real widgets: their communes added
 * by name, a project of the projet de territoire and its actions typed in, the list
 * filtered and searched, an action deleted and brought back, and the app restarted. */

typedef struct
{
  char         *dir;
  char         *path;
  CarnetStore  *store;
  CarnetWindow *window;
} Fixture;

static void
open_window (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->window = carnet_window_new (NULL, fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
close_window (Fixture *fixture)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  carnet_test_iterate ();
  g_clear_object (&fixture->store);
  fixture->window = NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("carnet-ui-main-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static AdwDialog *
visible_dialog (Fixture *fixture)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));
}

static void
add_commune_by_name (Fixture    *fixture,
                     const char *typed,
                     const char *expected)
{
  CarnetCommuneChooser *chooser;
  GtkListBox *results;
  GtkListBoxRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-commune", NULL));
  carnet_test_iterate ();
  chooser = CARNET_COMMUNE_CHOOSER (visible_dialog (fixture));
  carnet_commune_chooser_set_query (chooser, typed);
  results = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (chooser),
                                                         CARNET_TYPE_COMMUNE_CHOOSER, "results"));
  row = gtk_list_box_get_row_at_index (results, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected);
  g_signal_emit_by_name (results, "row-activated", row);
  carnet_test_iterate ();
  g_assert_null (visible_dialog (fixture));
}

static CarnetRecord *
create_through_dialog (Fixture    *fixture,
                       const char *action,
                       const char *title)
{
  CarnetNewDialog *dialog;
  GtkButton *create;
  CarnetRecord *selected;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  carnet_test_iterate ();
  dialog = CARNET_NEW_DIALOG (visible_dialog (fixture));
  g_assert_nonnull (dialog);
  create = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog), CARNET_TYPE_NEW_DIALOG,
                                                      "create_button"));
  /* Nothing can be created without a title. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (create)));
  carnet_new_dialog_set_title (dialog, title);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (create)));
  g_signal_emit_by_name (create, "clicked");
  carnet_test_iterate ();
  g_assert_null (visible_dialog (fixture));

  /* The new record is selected, in the list and in the detail pane. */
  selected = carnet_fiche_list_get_selected (carnet_window_get_fiche_list (fixture->window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (carnet_record_get_title (selected), ==, title);
  return g_object_ref (selected);
}

static guint
shown (Fixture *fixture)
{
  return g_list_model_get_n_items (carnet_fiche_list_get_model (carnet_window_get_fiche_list (fixture->window)));
}

static void
test_first_hour (Fixture       *fixture,
                 gconstpointer  data)
{
  CarnetFicheList *list;
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) etude = NULL;
  g_autoptr(CarnetRecord) maison = NULL;
  g_autoptr(CarnetRecord) pistes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etude_uuid = NULL;
  GtkStack *stack;

  /* The territory, by name, accents optional. */
  add_commune_by_name (fixture, "mezidon", "Mézidon Vallée d'Auge");
  add_commune_by_name (fixture, "saint pierre en auge", "Saint-Pierre-en-Auge");
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 2);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), CARNET_TYPE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");

  /* Saint-Pierre-en-Auge, the last added, is the commune shown. */
  list = carnet_window_get_fiche_list (fixture->window);
  g_assert_cmpstr (carnet_record_get_string (carnet_fiche_list_get_commune (list), "insee"), ==, "14654");

  project = create_through_dialog (fixture, "win.new-project", "Réhabilitation de la friche Badin");
  g_assert_true (CARNET_IS_PROJECT (project));
  etude = create_through_dialog (fixture, "win.new-action", "Étude de programmation de la friche");
  maison = create_through_dialog (fixture, "win.new-action", "Maison de santé pluriprofessionnelle");
  pistes = create_through_dialog (fixture, "win.new-action", "Pistes cyclables vers la gare");
  g_assert_cmpstr (carnet_record_get_string (etude, "project-uuid"), ==, carnet_record_get_uuid (project));
  g_assert_cmpuint (shown (fixture), ==, 3);
  etude_uuid = g_strdup (carnet_record_get_uuid (etude));

  /* Fields as the detail editor writes them. */
  g_assert_true (carnet_store_update_text (fixture->store, etude, "end-planned", "15/01/2025", &error));
  g_assert_true (carnet_store_update_text (fixture->store, maison, "status", "Terminé", &error));
  g_assert_true (carnet_store_update_text (fixture->store, maison, "end-planned", "1/2/2025", &error));
  g_assert_true (carnet_store_update_text (fixture->store, pistes, "description",
                                           "Relier le centre-bourg à la gare par une voie cyclable", &error));
  g_assert_true (carnet_store_update_text (fixture->store, pistes, "theme-uuid",
                                           "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002", &error));
  g_assert_no_error (error);
  carnet_test_iterate ();

  /* Filters: the overdue one is the study (the health centre is done). */
  carnet_fiche_list_set_filters (list, NULL, NULL, TRUE);
  g_assert_cmpuint (shown (fixture), ==, 1);
  carnet_fiche_list_set_filters (list, NULL, "termine", FALSE);
  g_assert_cmpuint (shown (fixture), ==, 1);
  carnet_fiche_list_set_filters (list, "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002", NULL, FALSE);
  g_assert_cmpuint (shown (fixture), ==, 1);
  carnet_fiche_list_set_filters (list, NULL, NULL, FALSE);
  g_assert_cmpuint (shown (fixture), ==, 3);

  /* Search looks into descriptions, without accents. */
  carnet_fiche_list_set_search (list, "voie cyclable");
  g_assert_cmpuint (shown (fixture), ==, 1);
  carnet_fiche_list_set_search (list, "etude");
  g_assert_cmpuint (shown (fixture), ==, 1);
  carnet_fiche_list_set_search (list, NULL);
  g_assert_cmpuint (shown (fixture), ==, 3);

  /* The other commune has nothing; all communes show everything. */
  carnet_window_select_commune (fixture->window, NULL);
  carnet_test_iterate ();
  g_assert_cmpuint (shown (fixture), ==, 3);
  carnet_fiche_list_set_kind (list, CARNET_TYPE_PROJECT);
  g_assert_cmpuint (shown (fixture), ==, 1);
  carnet_fiche_list_set_kind (list, CARNET_TYPE_ACTION);

  /* Delete, then undo. */
  g_assert_true (carnet_fiche_list_select (list, pistes));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-selected", NULL));
  carnet_test_iterate ();
  g_assert_cmpuint (shown (fixture), ==, 2);
  g_assert_nonnull (carnet_record_get_deleted_at (pistes));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  carnet_test_iterate ();
  g_assert_cmpuint (shown (fixture), ==, 3);
  g_assert_null (carnet_record_get_deleted_at (pistes));

  g_assert_true (carnet_fiche_list_select (list, etude));
  carnet_test_screenshot_variants (GTK_WINDOW (fixture->window), "main-window");

  /* Restart: everything is there, and the study is selected again. */
  g_clear_object (&etude);
  g_clear_object (&maison);
  g_clear_object (&pistes);
  g_clear_object (&project);
  close_window (fixture);
  open_window (fixture);
  list = carnet_window_get_fiche_list (fixture->window);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL), ==, 3);
  g_assert_cmpuint (shown (fixture), ==, 3);
  g_assert_nonnull (carnet_fiche_list_get_selected (list));
  g_assert_cmpstr (carnet_record_get_uuid (carnet_fiche_list_get_selected (list)), ==, etude_uuid);
}

static void
test_delete_commune (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) bayeux = carnet_store_add_commune (fixture->store, "14047", &error);
  g_autoptr(CarnetRecord) project = NULL;
  AdwDialog *alert;

  g_assert_no_error (error);
  carnet_window_select_commune (fixture->window, CARNET_RECORD (bayeux));
  carnet_test_iterate ();
  project = create_through_dialog (fixture, "win.new-project", "Revitalisation du centre ancien");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-commune", NULL));
  carnet_test_iterate ();
  alert = visible_dialog (fixture);
  g_assert_true (ADW_IS_ALERT_DIALOG (alert));
  /* Cancel first: nothing happens. */
  g_signal_emit_by_name (alert, "response", "cancel");
  carnet_test_iterate ();
  g_assert_null (carnet_record_get_deleted_at (CARNET_RECORD (bayeux)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-commune", NULL));
  carnet_test_iterate ();
  alert = visible_dialog (fixture);
  g_signal_emit_by_name (alert, "response", "delete");
  carnet_test_iterate ();
  g_assert_nonnull (carnet_record_get_deleted_at (CARNET_RECORD (bayeux)));
  g_assert_nonnull (carnet_record_get_deleted_at (project));
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  carnet_test_iterate ();
  g_assert_null (carnet_record_get_deleted_at (CARNET_RECORD (bayeux)));
  g_assert_null (carnet_record_get_deleted_at (project));
}

/* The stack of the list pane: the one with a “loading” page. */
static GtkStack *
find_list_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "loading") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_list_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows of the sidebar's list of communes. */
static guint
count_commune_rows (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LIST_BOX (widget))
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0);
      GtkWidget *box = first != NULL ? gtk_list_box_row_get_child (first) : NULL;
      GtkWidget *last = box != NULL ? gtk_widget_get_last_child (box) : NULL;

      /* A commune's row ends with its “About” button. */
      if (!GTK_IS_BUTTON (last) ||
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (last)), "help-about-symbolic") != 0)
        return 0;
      while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), n) != NULL)
        n++;
      return n;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((n = count_commune_rows (child)) > 0)
      return n;
  return 0;
}

/* The rows drawn in the list's viewport: each must show a record of @model, and the first
 * one its first record. The rows keep their widgets across a search and are bound again:
 * this is what shows they were. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CARNET_IS_FICHE_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
assert_rows_show (GtkWidget  *list,
                  GListModel *model)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autoptr(CarnetRecord) first = g_list_model_get_item (model, 0);
  CarnetRecord *top = NULL;
  double top_y = G_MAXDOUBLE;
  guint drawn = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CarnetRecord) record = g_list_model_get_item (model, i);

      g_hash_table_add (shown, record);
    }
  collect_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_bounds (row, scroller, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 ||
          bounds.origin.y >= gtk_widget_get_height (scroller))
        continue;
      drawn++;
      g_assert_true (g_hash_table_contains (shown, carnet_fiche_row_get_record (CARNET_FICHE_ROW (row))));
      if (bounds.origin.y < top_y)
        {
          top_y = bounds.origin.y;
          top = carnet_fiche_row_get_record (CARNET_FICHE_ROW (row));
        }
    }
  g_assert_cmpuint (drawn, >, 0);
  g_assert_true (top == first);
}

static GtkStack *
list_stack (CarnetFicheList *list)
{
  GtkStack *stack = find_list_stack (GTK_WIDGET (list));

  g_assert_nonnull (stack);
  return stack;
}

/* A large database: the window shows itself while its lists are read in a thread, the list
 * pane says it is reading, then shows them with the action selected when Carnet was left. */
static void
test_large_start (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(CarnetRecord) action = NULL;
  g_autofree char *selection = NULL;
  CarnetGenerateSize size;
  CarnetFicheList *list;
  GListModel *model;
  gint64 deadline;

  close_window (fixture);
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  carnet_generate_size_init (&size, 0.01);
  g_assert_true (carnet_generate (fixture->store, 3, &size, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) actions = carnet_store_list (fixture->store, CARNET_TYPE_ACTION, NULL, NULL);

    action = g_list_model_get_item (actions, 700);
  }
  selection = g_strdup_printf ("|action|%s", carnet_record_get_uuid (action));
  g_settings_set_string (settings, "last-selection", selection);
  g_clear_object (&fixture->store);

  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* Small as it is, read as a national one would be. */
  _carnet_fiche_index_set_small (fixture->store, 0);
  fixture->window = carnet_window_new (NULL, fixture->store, NULL);
  list = carnet_window_get_fiche_list (fixture->window);
  model = carnet_fiche_list_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack (list)), ==, "loading");
  g_assert_null (carnet_fiche_list_get_selected (list));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (model) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack (list)), ==, "list");
  g_assert_nonnull (carnet_fiche_list_get_selected (list));
  g_assert_cmpstr (carnet_record_get_uuid (carnet_fiche_list_get_selected (list)), ==,
                   carnet_record_get_uuid (action));
  g_assert_true (carnet_fiche_editor_get_record (CARNET_FICHE_EDITOR (carnet_window_get_fiche_editor (fixture->window))) ==
                 carnet_fiche_list_get_selected (list));

  /* The sidebar showed the first communes, then all of them once drawn. */
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), >, 16);
  g_assert_cmpuint (count_commune_rows (GTK_WIDGET (fixture->window)), ==,
                    carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "large-start");

  /* Searched, then searched for other words: the rows drawn are the results', from the top. */
  carnet_fiche_list_set_search (list, "étude");
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <,
                    carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL));
  assert_rows_show (GTK_WIDGET (list), model);
  carnet_fiche_list_set_search (list, "travaux");
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  assert_rows_show (GTK_WIDGET (list), model);
  carnet_fiche_list_set_search (list, NULL);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL));
  assert_rows_show (GTK_WIDGET (list), model);
  g_settings_reset (settings, "last-selection");
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add ("/ui/main/first-hour", Fixture, NULL, fixture_set_up, test_first_hour,
              fixture_tear_down);
  g_test_add ("/ui/main/delete-commune", Fixture, NULL, fixture_set_up, test_delete_commune,
              fixture_tear_down);
  g_test_add ("/ui/main/large-start", Fixture, NULL, fixture_set_up, test_large_start,
              fixture_tear_down);

  return g_test_run ();
}
