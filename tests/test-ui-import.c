/* test-ui-import.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "carnet-csv-preview.h"
#include "carnet-export-json.h"
#include "carnet-import-dialog.h"
#include "carnet-importer.h"
#include "carnet-test-ui.h"
#include "carnet-window.h"

/* Imports from the app, as a chef de projet moving to a new laptop and a coordinator
 * gathering files do them: the dialog that tells what an import would do, conflicts
 * included, then the import; and a spreadsheet's preview, its problem lines, its import. */

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

  fixture->dir = g_dir_make_tmp ("carnet-ui-import-XXXXXX", &error);
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

/* Another chef de projet's Carnet: Bayeux, a project and an action. */
static CarnetStore *
other_carnet (Fixture     *fixture,
              const char  *name,
              CarnetRecord **action_out)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CarnetStore *store = carnet_store_open (path, &error);
  g_autoptr(CarnetCommune) bayeux = NULL;
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) action = NULL;

  g_assert_no_error (error);
  bayeux = carnet_store_add_commune (store, "14047", &error);
  g_assert_no_error (error);
  project = g_object_new (CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (bayeux)),
                          "title", "Revitalisation du centre ancien", NULL);
  g_assert_true (carnet_store_insert (store, project, &error));
  action = g_object_new (CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (project),
                         "title", "Halles : étude de faisabilité", NULL);
  g_assert_true (carnet_store_insert (store, action, &error));
  g_assert_no_error (error);
  if (action_out != NULL)
    *action_out = g_steal_pointer (&action);
  return store;
}

static char *
export_json (Fixture     *fixture,
             CarnetStore *store,
             const char  *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_export_json_to_file (store, NULL, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
wait_checked (CarnetImportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_str_equal (carnet_import_dialog_get_state (dialog), "checking") &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  carnet_test_iterate ();
}

/* Clicks Import and waits for the dialog to go. */
static void
import_and_wait (AdwDialog *dialog,
                 GtkWidget *button)
{
  GtkWidget *weak = GTK_WIDGET (dialog);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *)&weak);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_activate (button);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (weak);
  carnet_test_iterate ();
}

static GtkWidget *
dialog_child (AdwDialog  *dialog,
              GType       type,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), type, name));
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static const char *
first_action_title (CarnetStore *store)
{
  g_autoptr(GListModel) actions = carnet_store_list (store, CARNET_TYPE_ACTION, NULL, NULL);
  g_autoptr(CarnetRecord) action = NULL;

  if (g_list_model_get_n_items (actions) == 0)
    return NULL;
  action = g_list_model_get_item (actions, 0);
  return g_intern_string (carnet_record_get_string (action, "title"));
}

/* A new laptop: the old Carnet's export into the empty one, then a second export with an
 * edit on each side, merged. */
static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CarnetRecord) theirs = NULL;
  g_autoptr(CarnetStore) old = other_carnet (fixture, "old.db", &theirs);
  g_autofree char *first = export_json (fixture, old, "old.json");
  const char *paths[] = { first, NULL };
  AdwDialog *dialog;
  CarnetImportReport *report;
  g_autoptr(GError) error = NULL;

  dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "json", paths);
  g_assert_true (CARNET_IS_IMPORT_DIALOG (dialog));
  wait_checked (CARNET_IMPORT_DIALOG (dialog));
  g_assert_cmpstr (carnet_import_dialog_get_state (CARNET_IMPORT_DIALOG (dialog)), ==, "report");
  report = carnet_import_dialog_get_report (CARNET_IMPORT_DIALOG (dialog));
  g_assert_true (carnet_import_report_get_dry_run (report));
  /* Bayeux, its project and its action; the themes are the same nine as here. */
  g_assert_cmpuint (carnet_import_report_get_added (report), >=, 3);
  g_assert_cmpuint (carnet_import_report_get_n_conflicts (report), ==, 0);
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "conflicts_group")));
  {
    g_autofree char *toast = carnet_importer_describe (report);

    g_assert_true (g_str_has_prefix (toast, "Imported: "));
    g_assert_nonnull (strstr (toast, " records added"));
    g_assert_null (strstr (toast, "updated"));
  }
  /* Nothing is written before Import. */
  g_assert_null (first_action_title (fixture->store));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "import-json");

  import_and_wait (dialog, dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "import_button"));
  g_assert_cmpstr (first_action_title (fixture->store), ==, "Halles : étude de faisabilité");
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);

  /* An edit here, then a later one there: the later one wins, and the dialog says so. */
  {
    g_autoptr(GListModel) actions = carnet_store_list (fixture->store, CARNET_TYPE_ACTION, NULL, NULL);
    g_autoptr(CarnetRecord) mine = g_list_model_get_item (actions, 0);
    g_autofree char *second = NULL;
    const char *again[] = { NULL, NULL };
    GtkWidget *conflicts;

    g_assert_true (carnet_store_update_text (fixture->store, mine, "title", "Halles : étude (ici)", &error));
    g_assert_no_error (error);
    g_usleep (2000);
    g_assert_true (carnet_store_update_text (old, theirs, "title", "Halles : étude de programmation", &error));
    g_assert_no_error (error);
    second = export_json (fixture, old, "old-2.json");
    again[0] = second;

    dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "json", again);
    wait_checked (CARNET_IMPORT_DIALOG (dialog));
    g_assert_cmpstr (carnet_import_dialog_get_state (CARNET_IMPORT_DIALOG (dialog)), ==, "report");
    report = carnet_import_dialog_get_report (CARNET_IMPORT_DIALOG (dialog));
    g_assert_cmpuint (carnet_import_report_get_n_conflicts (report), ==, 1);
    g_assert_cmpint (carnet_import_conflict_get_winner (report, 0), ==, CARNET_IMPORT_TOOK_FILE);
    g_assert_cmpuint (carnet_import_report_get_updated (report), ==, 1);
    {
      g_autofree char *toast = carnet_importer_describe (report);

      g_assert_true (g_str_has_suffix (toast, "1 updated"));
    }
    conflicts = dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "conflicts_list");
    g_assert_true (gtk_widget_get_visible (dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "conflicts_group")));
    g_assert_cmpuint (count_children (conflicts), ==, 1);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_first_child (conflicts))),
                     ==, "Halles : étude de programmation");
    carnet_test_screenshot_variants (GTK_WINDOW (fixture->window), "import-json-conflict");
    import_and_wait (dialog, dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "import_button"));
    g_assert_cmpstr (carnet_record_get_string (mine, "title"), ==, "Halles : étude de programmation");

    /* The same file again: nothing left to do. */
    dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "json", again);
    wait_checked (CARNET_IMPORT_DIALOG (dialog));
    report = carnet_import_dialog_get_report (CARNET_IMPORT_DIALOG (dialog));
    g_assert_cmpuint (carnet_import_report_get_added (report) + carnet_import_report_get_updated (report) +
                      carnet_import_report_get_deleted (report), ==, 0);
    g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "import_button")));
    adw_dialog_force_close (dialog);
    carnet_test_iterate ();
  }
}

/* A file that is not what it claims: the dialog says what is wrong and where, and offers no
 * Import. */
static void
test_json_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cassé.json", NULL);
  const char *paths[] = { path, NULL };
  AdwDialog *dialog;
  AdwStatusPage *page;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"carnet\", \"version\": 1, \"records\": {\"communes\": [", -1, NULL));
  dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "json", paths);
  wait_checked (CARNET_IMPORT_DIALOG (dialog));
  g_assert_cmpstr (carnet_import_dialog_get_state (CARNET_IMPORT_DIALOG (dialog)), ==, "error");
  page = ADW_STATUS_PAGE (dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "error_page"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "cassé.json"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "import_button")));
  /* Nothing left to cancel: the dialog is closed. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dialog_child (dialog, CARNET_TYPE_IMPORT_DIALOG, "cancel_button"))),
                   ==, "_Close");
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "import-json-refused");
  adw_dialog_force_close (dialog);
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 0);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* The spreadsheet kept before Carnet: a line with a date that does not exist holds the
 * import back, and can be shown alone; once fixed, every line comes in. */
static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *bad = write_file (fixture, "suivi.csv",
                                     "\xEF\xBB\xBF" "Commune;Projet;Intitulé;Échéance\r\n"
                                     "Bayeux;Centre ancien;Halles : étude de faisabilité;30/06/2027\r\n"
                                     "Bayeux;Centre ancien;Plan de circulation;31/02/2027\r\n"
                                     "14047;Centre ancien;Façades : campagne de ravalement;15/09/2027\r\n");
  g_autofree char *good = write_file (fixture, "suivi-corrigé.csv",
                                      "\xEF\xBB\xBF" "Commune;Projet;Intitulé;Échéance\r\n"
                                      "Bayeux;Centre ancien;Halles : étude de faisabilité;30/06/2027\r\n"
                                      "Bayeux;Centre ancien;Plan de circulation;28/02/2027\r\n"
                                      "14047;Centre ancien;Façades : campagne de ravalement;15/09/2027\r\n");
  const char *paths[] = { bad, NULL };
  AdwDialog *dialog;
  CarnetCsvPreview *preview;
  CarnetCsvImport *import;
  GtkWidget *button;

  dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "csv-actions", paths);
  g_assert_true (CARNET_IS_CSV_PREVIEW (dialog));
  preview = CARNET_CSV_PREVIEW (dialog);
  import = carnet_csv_preview_get_import (preview);
  g_assert_nonnull (import);
  g_assert_cmpuint (carnet_csv_import_get_n_lines (import), ==, 3);
  g_assert_cmpuint (carnet_csv_import_get_n_problems (import), ==, 1);
  g_assert_nonnull (carnet_csv_import_get_problem (import, 1));
  g_assert_null (carnet_csv_import_get_problem (import, 0));
  button = dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW, "import_button");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (adw_banner_get_revealed (ADW_BANNER (dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW,
                                                                    "problems_banner"))));
  g_assert_cmpuint (carnet_csv_preview_get_n_shown (preview), ==, 3);
  carnet_test_screenshot_variants (GTK_WINDOW (fixture->window), "import-csv-problems");
  /* The switch shows only the line to fix. */
  gtk_widget_activate (dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW, "problems_switch"));
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_csv_preview_get_n_shown (preview), ==, 1);
  adw_dialog_force_close (dialog);
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL), ==, 0);

  paths[0] = good;
  dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "csv-actions", paths);
  button = dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW, "import_button");
  g_assert_true (carnet_csv_preview_can_import (CARNET_CSV_PREVIEW (dialog)));
  g_assert_false (adw_banner_get_revealed (ADW_BANNER (dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW,
                                                                     "problems_banner"))));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "import-csv");
  import_and_wait (dialog, button);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL), ==, 3);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 1);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);
}

/* A file that is not a spreadsheet at all. */
static void
test_csv_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autofree char *path = g_build_filename (fixture->dir, "photo.csv", NULL);
  const char *paths[] = { path, NULL };
  AdwDialog *dialog;

  g_assert_true (g_file_set_contents (path, png, sizeof png - 1, NULL));
  dialog = carnet_importer_open (GTK_WINDOW (fixture->window), fixture->store, "csv-actions", paths);
  g_assert_null (carnet_csv_preview_get_import (CARNET_CSV_PREVIEW (dialog)));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW, "import_button")));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (dialog_child (dialog, CARNET_TYPE_CSV_PREVIEW,
                                                                                   "error_page"))),
                   !=, NULL);
  adw_dialog_force_close (dialog);
  carnet_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add ("/ui/import/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/ui/import/json-refused", Fixture, NULL, fixture_set_up, test_json_refused,
              fixture_tear_down);
  g_test_add ("/ui/import/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/ui/import/csv-refused", Fixture, NULL, fixture_set_up, test_csv_refused,
              fixture_tear_down);

  return g_test_run ();
}
