/* test-ui-editor.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "carnet-commune-editor.h"
#include "carnet-field-binding.h"
#include "carnet-fiche-editor.h"
#include "carnet-format.h"
#include "carnet-funding-editor.h"
#include "carnet-journal-editor.h"
#include "carnet-record-rows.h"
#include "carnet-step-editor.h"
#include "carnet-test-ui.h"

/* The detail editors, driven as a person would: text typed into the rows, choices picked,
 * switches flipped. After the pause that saves, the database is read back through a second
 * connection, to be sure the edit reached the disk. */

#define FRICHES_THEME "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0008"
#define COMMERCE_THEME "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003"
#define HABITAT_THEME "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0004"

typedef struct
{
  guint         deletes;
  char         *dir;
  char         *path;
  CarnetStore  *store;
  CarnetRecord *commune;
  CarnetRecord *project;
  CarnetRecord *action;
  GtkWindow    *window;
  GtkWidget    *editor;
} Fixture;

static CarnetRecord *
insert_action (CarnetStore  *store,
               CarnetRecord *project,
               const char   *number,
               const char   *title)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *action = g_object_new (CARNET_TYPE_ACTION,
                                       "project-uuid", carnet_record_get_uuid (project),
                                       "number", number,
                                       "title", title,
                                       NULL);

  carnet_store_insert (store, action, &error);
  g_assert_no_error (error);
  return action;
}

static void
count_delete (Fixture *fixture)
{
  fixture->deletes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *toolbar, *overlay;

  fixture->dir = g_dir_make_tmp ("carnet-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->commune = CARNET_RECORD (carnet_store_add_commune (fixture->store, "14431", &error));
  g_assert_no_error (error);
  fixture->project = g_object_new (CARNET_TYPE_PROJECT,
                                   "commune-uuid", carnet_record_get_uuid (fixture->commune),
                                   "number", "2",
                                   "title", "Réhabilitation de la friche Badin",
                                   "theme-uuid", FRICHES_THEME,
                                   NULL);
  carnet_store_insert (fixture->store, fixture->project, &error);
  g_assert_no_error (error);
  fixture->action = insert_action (fixture->store, fixture->project, "2.1",
                                   "Étude de programmation pour la friche");

  /* The window gives the editor what the main window does: a toast overlay for Undo, and
   * the action that deletes the selected fiche. */
  fixture->window = GTK_WINDOW (adw_window_new ());
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) delete = g_simple_action_new ("delete-selected", NULL);

    g_signal_connect_swapped (delete, "activate", G_CALLBACK (count_delete), fixture);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (delete));
    gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win", G_ACTION_GROUP (group));
  }
  toolbar = adw_toolbar_view_new ();
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (toolbar), adw_header_bar_new ());
  overlay = adw_toast_overlay_new ();
  fixture->editor = carnet_fiche_editor_new (fixture->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->editor);
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (toolbar), overlay);
  adw_window_set_content (ADW_WINDOW (fixture->window), toolbar);
  gtk_window_set_title (fixture->window, "Carnet");
  gtk_window_set_default_size (fixture->window, 800, 700);
  gtk_window_present (fixture->window);
  carnet_fiche_editor_set_record (CARNET_FICHE_EDITOR (fixture->editor), fixture->action);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  carnet_test_iterate ();
  g_clear_object (&fixture->action);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->commune);
  g_clear_object (&fixture->store);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gpointer
editor_child (Fixture    *fixture,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (fixture->editor, CARNET_TYPE_FICHE_EDITOR, name);

  g_assert_nonnull (child);
  return child;
}

/* Runs the main loop past the pause after which an edit is saved. */
static void
wait_for_save (void)
{
  gint64 deadline = g_get_monotonic_time () + 700 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

/* The record as it is on disk, read through a second connection. */
static CarnetRecord *
read_back (Fixture      *fixture,
           GType         type,
           CarnetRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) other = carnet_store_open (fixture->path, &error);
  CarnetRecord *copy;

  g_assert_no_error (error);
  copy = carnet_store_get (other, type, carnet_record_get_uuid (record), &error);
  g_assert_no_error (error);
  return copy;
}

static const char *
disk_string (Fixture    *fixture,
             const char *field)
{
  g_autoptr(CarnetRecord) copy = read_back (fixture, CARNET_TYPE_ACTION, fixture->action);
  const char *value = carnet_record_get_string (copy, field);

  return g_intern_string (value);
}

static gint64
disk_int (Fixture    *fixture,
          const char *field)
{
  g_autoptr(CarnetRecord) copy = read_back (fixture, CARNET_TYPE_ACTION, fixture->action);

  return carnet_record_get_int (copy, field);
}

static void
type_text (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
set_view_text (gpointer    view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static guint
combo_position (AdwComboRow *row,
                const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
choose (gpointer    row,
        const char *label)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), combo_position (ADW_COMBO_ROW (row), label));
}

/* The row titled @title under @root, as a person finds it on screen. */
static GtkWidget *
find_row_or_null (GtkWidget  *root,
                  const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      found = find_row_or_null (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_row_or_null (root, title);

  if (row == NULL)
    g_error ("No row is titled “%s”", title);
  return row;
}

static GtkCheckButton *
find_check (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found;

      if (GTK_IS_CHECK_BUTTON (child))
        return GTK_CHECK_BUTTON (child);
      found = find_check (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkMenuButton *
find_menu_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child))
        return GTK_MENU_BUTTON (child);
      found = find_menu_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_fields_saved (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwExpanderRow *other_themes = editor_child (fixture, "other_themes_row");

  /* Typing is saved after a pause, not at each key. */
  type_text (editor_child (fixture, "title_row"), "Étude de programmation urbaine");
  carnet_test_iterate ();
  g_assert_cmpstr (disk_string (fixture, "title"), ==, "Étude de programmation pour la friche");
  wait_for_save ();
  g_assert_cmpstr (disk_string (fixture, "title"), ==, "Étude de programmation urbaine");
  /* The object the lists show is the one edited. */
  g_assert_cmpstr (carnet_record_get_title (fixture->action), ==, "Étude de programmation urbaine");

  type_text (editor_child (fixture, "number_row"), "2.3");
  type_text (editor_child (fixture, "owner_row"), "Commune de Mézidon Vallée d'Auge");
  type_text (editor_child (fixture, "lead_row"), "Service urbanisme");
  type_text (editor_child (fixture, "referent_row"), "Adjoint à l'urbanisme");
  type_text (editor_child (fixture, "partners_row"), "EPF Normandie, CAUE du Calvados");
  set_view_text (editor_child (fixture, "description_view"),
                 "Étude de faisabilité de la reconversion de la friche.\nDeux scénarios.");
  set_view_text (editor_child (fixture, "objectives_view"), "Définir un programme mixte");
  set_view_text (editor_child (fixture, "results_view"), "Un scénario validé en COPIL");
  type_text (editor_child (fixture, "start_planned_row"), "01/09/2025");
  type_text (editor_child (fixture, "end_planned_row"), "30 juin 2026");
  type_text (editor_child (fixture, "start_actual_row"), "15.10.2025");
  type_text (editor_child (fixture, "end_actual_row"), "2026-07-03");
  type_text (editor_child (fixture, "cost_ht_row"), "1 234,50");
  type_text (editor_child (fixture, "cost_ttc_row"), "1481.4");
  adw_spin_row_set_value (editor_child (fixture, "progress_row"), 40);
  adw_switch_row_set_active (editor_child (fixture, "ort_row"), TRUE);
  choose (editor_child (fixture, "phase_row"), "Study");
  choose (editor_child (fixture, "status_row"), "Late");
  choose (editor_child (fixture, "maturity_row"), "Mature");
  choose (editor_child (fixture, "priority_row"), "High");
  choose (editor_child (fixture, "theme_row"), "Friches et foncier");
  wait_for_save ();

  g_assert_cmpstr (disk_string (fixture, "number"), ==, "2.3");
  g_assert_cmpstr (disk_string (fixture, "owner"), ==, "Commune de Mézidon Vallée d'Auge");
  g_assert_cmpstr (disk_string (fixture, "lead"), ==, "Service urbanisme");
  g_assert_cmpstr (disk_string (fixture, "referent"), ==, "Adjoint à l'urbanisme");
  g_assert_cmpstr (disk_string (fixture, "partners"), ==, "EPF Normandie, CAUE du Calvados");
  g_assert_cmpstr (disk_string (fixture, "description"), ==,
                   "Étude de faisabilité de la reconversion de la friche.\nDeux scénarios.");
  g_assert_cmpstr (disk_string (fixture, "objectives"), ==, "Définir un programme mixte");
  g_assert_cmpstr (disk_string (fixture, "expected-results"), ==, "Un scénario validé en COPIL");
  g_assert_cmpstr (disk_string (fixture, "start-planned"), ==, "2025-09-01");
  g_assert_cmpstr (disk_string (fixture, "end-planned"), ==, "2026-06-30");
  g_assert_cmpstr (disk_string (fixture, "start-actual"), ==, "2025-10-15");
  g_assert_cmpstr (disk_string (fixture, "end-actual"), ==, "2026-07-03");
  g_assert_cmpint (disk_int (fixture, "cost-ht"), ==, 123450);
  g_assert_cmpint (disk_int (fixture, "cost-ttc"), ==, 148140);
  g_assert_cmpint (disk_int (fixture, "progress"), ==, 40);
  {
    g_autoptr(CarnetRecord) copy = read_back (fixture, CARNET_TYPE_ACTION, fixture->action);
    g_assert_true (carnet_record_get_bool (copy, "in-ort"));
  }
  g_assert_cmpstr (disk_string (fixture, "phase"), ==, "etude");
  g_assert_cmpstr (disk_string (fixture, "status"), ==, "en_retard");
  g_assert_cmpstr (disk_string (fixture, "maturity"), ==, "mature");
  g_assert_cmpstr (disk_string (fixture, "priority"), ==, "haute");
  g_assert_cmpstr (disk_string (fixture, "theme-uuid"), ==, FRICHES_THEME);

  /* Leaving a row shows the value as stored. */
  g_signal_emit_by_name (editor_child (fixture, "cost_ht_row"), "entry-activated");
  g_signal_emit_by_name (editor_child (fixture, "start_actual_row"), "entry-activated");
  {
    g_autofree char *amount = carnet_format_amount (123450);
    g_assert_cmpstr (gtk_editable_get_text (editor_child (fixture, "cost_ht_row")), ==, amount);
    g_assert_cmpstr (gtk_editable_get_text (editor_child (fixture, "start_actual_row")), ==,
                     "15/10/2025");
  }

  /* A day picked in the calendar is saved at once. */
  {
    GtkMenuButton *button = find_menu_button (editor_child (fixture, "end_actual_row"));
    GtkCalendar *calendar;
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 7, 14, 0, 0, 0);
    g_autoptr(GDateTime) shown = NULL;

    gtk_menu_button_popup (button);
    carnet_test_iterate ();
    calendar = GTK_CALENDAR (gtk_popover_get_child (gtk_menu_button_get_popover (button)));
    /* It opens on the row's date. */
    shown = gtk_calendar_get_date (calendar);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 7);
    gtk_calendar_select_day (calendar, day);
    g_assert_cmpstr (disk_string (fixture, "end-actual"), ==, "2026-07-14");
    g_assert_cmpstr (gtk_editable_get_text (editor_child (fixture, "end_actual_row")), ==, "14/07/2026");
    gtk_menu_button_popdown (button);
    carnet_test_iterate ();
  }

  /* No theme. */
  choose (editor_child (fixture, "theme_row"), "No theme");
  carnet_test_iterate ();
  g_assert_null (disk_string (fixture, "theme-uuid"));
  choose (editor_child (fixture, "theme_row"), "Friches et foncier");
  carnet_test_iterate ();

  /* Secondary themes: the main one cannot be checked; the others are saved as UUIDs. */
  adw_expander_row_set_expanded (other_themes, TRUE);
  carnet_test_iterate ();
  g_assert_false (gtk_widget_get_sensitive (find_row (GTK_WIDGET (other_themes), "Friches et foncier")));
  gtk_check_button_set_active (find_check (find_row (GTK_WIDGET (other_themes), "Commerce et artisanat")), TRUE);
  gtk_check_button_set_active (find_check (find_row (GTK_WIDGET (other_themes), "Habitat et logement")), TRUE);
  carnet_test_iterate ();
  g_assert_cmpstr (disk_string (fixture, "other-themes"), ==, COMMERCE_THEME " " HABITAT_THEME);
  g_assert_cmpstr (adw_expander_row_get_subtitle (other_themes), ==,
                   "Commerce et artisanat, Habitat et logement");
  gtk_check_button_set_active (find_check (find_row (GTK_WIDGET (other_themes), "Commerce et artisanat")), FALSE);
  carnet_test_iterate ();
  g_assert_cmpstr (disk_string (fixture, "other-themes"), ==, HABITAT_THEME);
}


static void
test_invalid_date (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwEntryRow *row = editor_child (fixture, "end_planned_row");

  type_text (row, "30/06/2026");
  wait_for_save ();
  g_assert_cmpstr (disk_string (fixture, "end-planned"), ==, "2026-06-30");

  /* No 31 February: the row says so, the database keeps its date, the text stays. */
  type_text (row, "31/02/2026");
  wait_for_save ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "12/03/2026"));
  g_assert_cmpstr (disk_string (fixture, "end-planned"), ==, "2026-06-30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31/02/2026");

  /* Enter or leaving the row does not throw the text away either. */
  g_signal_emit_by_name (row, "entry-activated");
  carnet_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31/02/2026");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (disk_string (fixture, "end-planned"), ==, "2026-06-30");

  /* Moving to another fiche cannot keep a refused value on screen: it is reported, and the
   * database keeps what it had. */
  {
    g_autoptr(CarnetRecord) other = insert_action (fixture->store, fixture->project, "2.2",
                                                   "Acquisition foncière");

    carnet_fiche_editor_set_record (CARNET_FICHE_EDITOR (fixture->editor), other);
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
    carnet_fiche_editor_set_record (CARNET_FICHE_EDITOR (fixture->editor), fixture->action);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "30/06/2026");
    type_text (row, "31/02/2026");
    wait_for_save ();
  }

  /* A change made elsewhere does not overwrite what the user is fixing. */
  carnet_record_set_string (fixture->action, "end-planned", "2026-07-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31/02/2026");

  type_text (row, "28/02/2026");
  wait_for_save ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Due Date");
  g_assert_cmpstr (disk_string (fixture, "end-planned"), ==, "2026-02-28");

  /* Clearing the row clears the date. */
  type_text (row, "");
  wait_for_save ();
  g_assert_null (disk_string (fixture, "end-planned"));

  /* An amount typed wrong is refused the same way. */
  type_text (editor_child (fixture, "cost_ht_row"), "12 000 euros et des poussières");
  wait_for_save ();
  g_assert_true (gtk_widget_has_css_class (editor_child (fixture, "cost_ht_row"), "error"));
  g_assert_cmpint (disk_int (fixture, "cost-ht"), ==, 0);

  /* The title cannot be emptied. */
  type_text (editor_child (fixture, "title_row"), "");
  wait_for_save ();
  g_assert_true (gtk_widget_has_css_class (editor_child (fixture, "title_row"), "error"));
  g_assert_cmpstr (disk_string (fixture, "title"), ==, "Étude de programmation pour la friche");
}

static void
test_follows_record (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) other = insert_action (fixture->store, fixture->project, "2.2",
                                                 "Acquisition foncière");
  AdwEntryRow *lead = editor_child (fixture, "lead_row");

  /* An edit made elsewhere (the list, the command line) shows at once. */
  carnet_store_update_text (fixture->store, fixture->action, "lead", "Service urbanisme", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lead)), ==, "Service urbanisme");
  carnet_store_update_text (fixture->store, fixture->action, "status", "bloque", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (adw_combo_row_get_selected (editor_child (fixture, "status_row")), ==,
                    combo_position (editor_child (fixture, "status_row"), "Blocked"));

  /* Moving to another record writes what was typed at once, not after the pause. */
  type_text (lead, "Direction des services techniques");
  carnet_fiche_editor_set_record (CARNET_FICHE_EDITOR (fixture->editor), other);
  g_assert_cmpstr (disk_string (fixture, "lead"), ==, "Direction des services techniques");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lead)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (editor_child (fixture, "title_row")), ==,
                   "Acquisition foncière");
  wait_for_save ();
  g_assert_cmpstr (carnet_record_get_string (other, "lead"), ==, "");

  /* So does flush. */
  type_text (editor_child (fixture, "number_row"), "2.4");
  carnet_fiche_editor_flush (CARNET_FICHE_EDITOR (fixture->editor));
  {
    g_autoptr(CarnetRecord) copy = read_back (fixture, CARNET_TYPE_ACTION, other);
    g_assert_cmpstr (carnet_record_get_string (copy, "number"), ==, "2.4");
  }

  /* Leaving a row (Tab) saves it at once, and shows the amount as stored. */
  gtk_widget_grab_focus (editor_child (fixture, "cost_ht_row"));
  type_text (editor_child (fixture, "cost_ht_row"), "1234,5");
  gtk_widget_grab_focus (editor_child (fixture, "cost_ttc_row"));
  {
    g_autoptr(CarnetRecord) copy = read_back (fixture, CARNET_TYPE_ACTION, other);
    g_autofree char *amount = carnet_format_amount (123450);

    g_assert_cmpint (carnet_record_get_int (copy, "cost-ht"), ==, 123450);
    g_assert_cmpstr (gtk_editable_get_text (editor_child (fixture, "cost_ht_row")), ==, amount);
  }

  carnet_fiche_editor_set_record (CARNET_FICHE_EDITOR (fixture->editor), NULL);
  g_assert_null (carnet_fiche_editor_get_record (CARNET_FICHE_EDITOR (fixture->editor)));
  g_assert_false (gtk_widget_get_visible (editor_child (fixture, "page")));
}

static GtkListBox *
group_list (gpointer group,
            GType    type)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (group), type, "list"));
}

static void
activate_button_row (GtkListBox *list,
                     const char *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (list), title);

  g_assert_true (ADW_IS_BUTTON_ROW (row));
  g_signal_emit_by_name (list, "row-activated", row);
  carnet_test_iterate ();
}

static CarnetRecord *
only_child_record (Fixture *fixture,
                   GType    type)
{
  g_autoptr(GListModel) list = carnet_store_list (fixture->store, type, "action-uuid",
                                                  carnet_record_get_uuid (fixture->action));

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  return g_list_model_get_item (list, 0);
}

static void
test_funding (Fixture       *fixture,
              gconstpointer  data)
{
  CarnetFundingEditor *funding = editor_child (fixture, "funding_editor");
  GtkListBox *list = group_list (funding, CARNET_TYPE_FUNDING_EDITOR);
  GtkLabel *requested = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (funding),
                                                                   CARNET_TYPE_FUNDING_EDITOR,
                                                                   "requested_label"));
  GtkLabel *granted = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (funding),
                                                                 CARNET_TYPE_FUNDING_EDITOR,
                                                                 "granted_label"));
  GtkLabel *share = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (funding),
                                                               CARNET_TYPE_FUNDING_EDITOR,
                                                               "share_label"));
  g_autoptr(CarnetRecord) line = NULL;
  g_autoptr(CarnetRecord) copy = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autofree char *money = NULL;
  GtkWidget *row;

  activate_button_row (list, "Add Funding Line");
  line = only_child_record (fixture, CARNET_TYPE_FUNDING_LINE);
  row = carnet_record_rows_find (list, line);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  type_text (carnet_record_rows_lookup_widget (row, "funder"), "ANCT");
  type_text (carnet_record_rows_lookup_widget (row, "scheme"), "Ingénierie PVD");
  type_text (carnet_record_rows_lookup_widget (row, "amount-requested"), "50 000");
  type_text (carnet_record_rows_lookup_widget (row, "amount-granted"), "40 000,00");
  type_text (carnet_record_rows_lookup_widget (row, "amount-paid"), "12 000,50");
  choose (carnet_record_rows_lookup_widget (row, "nature"), "Engineering support");
  choose (carnet_record_rows_lookup_widget (row, "basis"), "Including VAT");
  choose (carnet_record_rows_lookup_widget (row, "state"), "Granted");
  type_text (carnet_record_rows_lookup_widget (row, "filed-on"), "12/01/2026");
  type_text (carnet_record_rows_lookup_widget (row, "decided-on"), "3 mars 2026");
  type_text (carnet_record_rows_lookup_widget (row, "lapses-on"), "03/03/2028");
  type_text (carnet_record_rows_lookup_widget (row, "reference"), "PVD-14-2026-017");
  wait_for_save ();

  copy = read_back (fixture, CARNET_TYPE_FUNDING_LINE, line);
  g_assert_cmpstr (carnet_record_get_string (copy, "funder"), ==, "ANCT");
  g_assert_cmpstr (carnet_record_get_string (copy, "scheme"), ==, "Ingénierie PVD");
  g_assert_cmpint (carnet_record_get_int (copy, "amount-requested"), ==, 5000000);
  g_assert_cmpint (carnet_record_get_int (copy, "amount-granted"), ==, 4000000);
  g_assert_cmpint (carnet_record_get_int (copy, "amount-paid"), ==, 1200050);
  g_assert_cmpstr (carnet_record_get_string (copy, "nature"), ==, "ingenierie");
  g_assert_cmpstr (carnet_record_get_string (copy, "basis"), ==, "ttc");
  g_assert_cmpstr (carnet_record_get_string (copy, "state"), ==, "accorde");
  g_assert_cmpstr (carnet_record_get_string (copy, "filed-on"), ==, "2026-01-12");
  g_assert_cmpstr (carnet_record_get_string (copy, "decided-on"), ==, "2026-03-03");
  g_assert_cmpstr (carnet_record_get_string (copy, "lapses-on"), ==, "2028-03-03");
  g_assert_cmpstr (carnet_record_get_string (copy, "reference"), ==, "PVD-14-2026-017");

  /* The row's title and subtitle follow, and so do the totals. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "ANCT");
  money = carnet_format_money (4000000);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), money));
  g_assert_cmpstr (gtk_label_get_text (granted), ==, money);
  g_clear_pointer (&money, g_free);
  money = carnet_format_money (5000000);
  g_assert_cmpstr (gtk_label_get_text (requested), ==, money);
  g_assert_cmpstr (gtk_label_get_text (share), ==, "0%");

  /* The commune's own share: 10 000 of 50 000 counted (40 000 granted + 10 000). */
  activate_button_row (list, "Add Funding Line");
  lines = carnet_store_list (fixture->store, CARNET_TYPE_FUNDING_LINE, "action-uuid",
                             carnet_record_get_uuid (fixture->action));
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  {
    g_autoptr(CarnetRecord) self_funding = carnet_store_find (fixture->store, CARNET_TYPE_FUNDING_LINE,
                                                              "funder", "New funder");
    GtkWidget *self_row = carnet_record_rows_find (list, self_funding);

    type_text (carnet_record_rows_lookup_widget (self_row, "funder"), "Commune de Mézidon Vallée d'Auge");
    choose (carnet_record_rows_lookup_widget (self_row, "nature"), "Self-funding");
    type_text (carnet_record_rows_lookup_widget (self_row, "amount-requested"), "10 000");
    wait_for_save ();
    g_assert_cmpstr (gtk_label_get_text (share), ==, "20%");

    /* Deleting a line offers to undo it. */
    g_signal_emit_by_name (find_row (self_row, "Delete Funding Line"), "activated");
    carnet_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 1);
    g_assert_null (carnet_record_rows_find (list, self_funding));
    g_assert_cmpstr (gtk_label_get_text (share), ==, "0%");
  }
}

static void
test_journal (Fixture       *fixture,
              gconstpointer  data)
{
  CarnetJournalEditor *journal = editor_child (fixture, "journal_editor");
  GtkListBox *list = group_list (journal, CARNET_TYPE_JOURNAL_EDITOR);
  g_autoptr(CarnetRecord) entry = NULL;
  g_autoptr(CarnetRecord) copy = NULL;
  g_autofree char *today = carnet_today ();
  GtkWidget *row, *text;

  activate_button_row (list, "Add Note");
  entry = only_child_record (fixture, CARNET_TYPE_JOURNAL_ENTRY);
  g_assert_cmpstr (carnet_record_get_string (entry, "entry-date"), ==, today);
  row = carnet_record_rows_find (list, entry);
  text = carnet_record_rows_lookup_widget (row, "text");
  /* Ready to type in. */
  g_assert_true (gtk_widget_is_focus (text));

  set_view_text (text, "Pollution des sols à confirmer : diagnostic complémentaire à prévoir.");
  adw_switch_row_set_active (ADW_SWITCH_ROW (carnet_record_rows_lookup_widget (row, "vigilance")), TRUE);
  type_text (carnet_record_rows_lookup_widget (row, "entry-date"), "12/03/2026");
  wait_for_save ();

  copy = read_back (fixture, CARNET_TYPE_JOURNAL_ENTRY, entry);
  g_assert_cmpstr (carnet_record_get_string (copy, "text"), ==,
                   "Pollution des sols à confirmer : diagnostic complémentaire à prévoir.");
  g_assert_true (carnet_record_get_bool (copy, "vigilance"));
  g_assert_cmpstr (carnet_record_get_string (copy, "entry-date"), ==, "2026-03-12");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "12 March 2026");

  g_signal_emit_by_name (find_row (row, "Delete Note"), "activated");
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_JOURNAL_ENTRY, "action-uuid",
                                        carnet_record_get_uuid (fixture->action)), ==, 0);
}

static void
test_steps (Fixture       *fixture,
            gconstpointer  data)
{
  CarnetStepEditor *steps = editor_child (fixture, "step_editor");
  GtkListBox *list = group_list (steps, CARNET_TYPE_STEP_EDITOR);
  g_autoptr(CarnetRecord) step = NULL;
  g_autoptr(CarnetRecord) copy = NULL;
  g_autofree char *today = carnet_today ();
  GtkWidget *row;

  activate_button_row (list, "Add Step");
  step = only_child_record (fixture, CARNET_TYPE_STEP);
  row = carnet_record_rows_find (list, step);
  type_text (carnet_record_rows_lookup_widget (row, "name"), "Consultation des bureaux d'études");
  type_text (carnet_record_rows_lookup_widget (row, "planned-on"), "15/03/2026");
  wait_for_save ();
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Planned for 15 March 2026");

  /* Ticking a step records the day it was done. */
  gtk_check_button_set_active (find_check (row), TRUE);
  carnet_test_iterate ();
  copy = read_back (fixture, CARNET_TYPE_STEP, step);
  g_assert_cmpstr (carnet_record_get_string (copy, "name"), ==, "Consultation des bureaux d'études");
  g_assert_cmpstr (carnet_record_get_string (copy, "planned-on"), ==, "2026-03-15");
  g_assert_true (carnet_record_get_bool (copy, "done"));
  g_assert_cmpstr (carnet_record_get_string (copy, "done-on"), ==, today);
  {
    g_autofree char *shown = carnet_field_binding_format_date (today);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (carnet_record_rows_lookup_widget (row, "done-on"))),
                     ==, shown);
  }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  GtkListBox *history = editor_child (fixture, "history_list");
  g_autofree char *today = carnet_today ();
  g_autofree char *date = carnet_format_date (today);
  g_autofree char *title = g_strdup_printf ("%s · In progress → Done", date);
  GtkWidget *row;

  g_assert_null (gtk_list_box_get_row_at_index (history, 0));
  choose (editor_child (fixture, "status_row"), "Done");
  carnet_test_iterate ();
  g_assert_cmpstr (disk_string (fixture, "status"), ==, "termine");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (history, 0));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
}

static void
scroll_to (Fixture   *fixture,
           GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  /* The point is in the visible area: add what is already scrolled. */
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
on_open_record (CarnetFicheEditor  *editor,
                CarnetRecord       *record,
                CarnetRecord      **opened)
{
  g_set_object (opened, record);
}

static void
test_project (Fixture       *fixture,
              gconstpointer  data)
{
  CarnetFicheEditor *editor = CARNET_FICHE_EDITOR (fixture->editor);
  g_autoptr(CarnetRecord) other = insert_action (fixture->store, fixture->project, "2.2",
                                                 "Acquisition foncière");
  g_autoptr(CarnetRecord) opened = NULL;
  GtkListBox *related = editor_child (fixture, "related_list");
  GtkWidget *row;

  g_signal_connect (editor, "open-record", G_CALLBACK (on_open_record), &opened);

  /* An action leads to its project. */
  row = editor_child (fixture, "project_row");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Réhabilitation de la friche Badin");
  g_assert_false (gtk_widget_get_visible (editor_child (fixture, "add_action_row")));
  g_signal_emit_by_name (related, "row-activated", row);
  g_assert_true (opened == fixture->project);

  /* A project lists its actions, and opens them. */
  carnet_fiche_editor_set_record (editor, fixture->project);
  carnet_test_iterate ();
  g_assert_false (gtk_widget_get_visible (editor_child (fixture, "project_row")));
  row = find_row (GTK_WIDGET (related), "Acquisition foncière");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2.2 · In progress");
  find_row (GTK_WIDGET (related), "Étude de programmation pour la friche");
  g_signal_emit_by_name (related, "row-activated", row);
  g_assert_true (opened == other);

  /* An action renamed elsewhere is renamed here. */
  carnet_store_update_text (fixture->store, other, "title", "Acquisition des parcelles", NULL);
  g_assert_true (find_row (GTK_WIDGET (related), "Acquisition des parcelles") == row);

  /* Adding an action opens it. */
  activate_button_row (related, "Add Action");
  g_assert_nonnull (opened);
  g_assert_true (CARNET_IS_ACTION (opened));
  g_assert_cmpstr (carnet_record_get_title (opened), ==, "New action");
  g_assert_cmpstr (carnet_record_get_string (opened, "project-uuid"), ==,
                   carnet_record_get_uuid (fixture->project));
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, "project-uuid",
                                        carnet_record_get_uuid (fixture->project)), ==, 3);
  find_row (GTK_WIDGET (related), "New action");
  scroll_to (fixture, editor_child (fixture, "related_group"));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "fiche-editor-project");

  /* Projects are edited like actions. */
  type_text (editor_child (fixture, "lead_row"), "Direction générale des services");
  wait_for_save ();
  {
    g_autoptr(CarnetRecord) copy = read_back (fixture, CARNET_TYPE_PROJECT, fixture->project);
    g_assert_cmpstr (carnet_record_get_string (copy, "lead"), ==, "Direction générale des services");
  }
  g_assert_cmpstr (gtk_button_get_label (editor_child (fixture, "delete_button")), ==, "Delete Project");

  /* The window deletes (it offers Undo). */
  g_assert_true (gtk_widget_get_sensitive (editor_child (fixture, "delete_button")));
  g_signal_emit_by_name (editor_child (fixture, "delete_button"), "clicked");
  g_assert_cmpuint (fixture->deletes, ==, 1);
}

static void
test_commune (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("carnet-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "carnet.db", NULL);
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  g_autoptr(CarnetStore) other = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(CarnetRecord) copy = NULL;
  g_autoptr(CarnetRecord) project = NULL;
  GtkWindow *window;
  GtkWidget *editor;

  g_assert_no_error (error);
  commune = CARNET_RECORD (carnet_store_add_commune (store, "14431", &error));
  g_assert_no_error (error);
  project = g_object_new (CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (commune),
                          "title", "Réhabilitation de la friche Badin", NULL);
  carnet_store_insert (store, project, &error);
  g_assert_no_error (error);
  g_object_unref (insert_action (store, project, "1", "Étude de programmation pour la friche"));

  window = GTK_WINDOW (adw_window_new ());
  editor = carnet_commune_editor_new (store);
  adw_window_set_content (ADW_WINDOW (window), editor);
  gtk_window_set_default_size (window, 800, 900);
  gtk_window_present (window);
  carnet_commune_editor_set_commune (CARNET_COMMUNE_EDITOR (editor), commune);
  carnet_test_wait_drawn (GTK_WIDGET (window));

#define CHILD(name) gtk_widget_get_template_child (editor, CARNET_TYPE_COMMUNE_EDITOR, name)
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD ("insee_row"))), ==, "14431");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD ("region_row"))), ==, "Normandie");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD ("projects_label"))), ==, "1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD ("actions_label"))), ==, "1");

  type_text (CHILD ("pvd_date_row"), "15/06/2021");
  type_text (CHILD ("ort_date_row"), "1er mars 2023");
  type_text (CHILD ("population_row"), "9 850");
  set_view_text (CHILD ("notes_view"), "Convention-cadre signée avec Lisieux Normandie.");
  wait_for_save ();

  other = carnet_store_open (path, &error);
  g_assert_no_error (error);
  copy = carnet_store_get (other, CARNET_TYPE_COMMUNE, carnet_record_get_uuid (commune), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (copy, "pvd-date"), ==, "2021-06-15");
  g_assert_cmpstr (carnet_record_get_string (copy, "ort-date"), ==, "2023-03-01");
  g_assert_cmpint (carnet_record_get_int (copy, "population"), ==, 9850);
  g_assert_cmpstr (carnet_record_get_string (copy, "notes"), ==,
                   "Convention-cadre signée avec Lisieux Normandie.");

  type_text (CHILD ("pvd_date_row"), "le 15 juin");
  wait_for_save ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (CHILD ("pvd_date_row")), "error"));
  g_assert_cmpstr (carnet_record_get_string (commune, "pvd-date"), ==, "2021-06-15");
  type_text (CHILD ("pvd_date_row"), "15/06/2021");
  wait_for_save ();

  /* Counts follow. */
  g_object_unref (insert_action (store, project, "2", "Acquisition foncière"));
  carnet_test_iterate ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD ("actions_label"))), ==, "2");

  carnet_test_wait_drawn (GTK_WIDGET (window));
  carnet_test_screenshot_variants (window, "commune-editor");
#undef CHILD

  gtk_window_destroy (window);
  carnet_test_iterate ();
  carnet_test_remove_tree (dir);
}

/* An action as a chef de projet fills it in, for the screenshots. */
static void
fill_realistic (Fixture *fixture)
{
  CarnetStore *store = fixture->store;
  CarnetRecord *action = fixture->action;
  static const char *fields[][2] = {
    { "number", "2.1" },
    { "theme-uuid", FRICHES_THEME },
    { "other-themes", HABITAT_THEME " " COMMERCE_THEME },
    { "phase", "etude" },
    { "status", "en_pause" },
    { "status", "en_cours" },
    { "maturity", "validee" },
    { "priority", "haute" },
    { "progress", "35" },
    { "in-ort", "oui" },
    { "owner", "Commune de Mézidon Vallée d'Auge" },
    { "lead", "Service urbanisme" },
    { "referent", "Adjoint au maire chargé de l'urbanisme" },
    { "partners", "EPF Normandie, CAUE du Calvados, Lisieux Normandie" },
    { "description", "Étude de programmation urbaine pour la reconversion de la friche industrielle "
                     "Badin (2,3 ha), en entrée de centre-bourg : diagnostic, scénarios d'aménagement "
                     "et bilan financier." },
    { "objectives", "Définir un programme mixte (logements, commerces, équipements) et son phasage." },
    { "expected-results", "Un scénario validé en comité de pilotage et un bilan d'opération." },
    { "start-planned", "01/09/2025" },
    { "end-planned", "30/06/2026" },
    { "start-actual", "15/10/2025" },
    { "cost-ht", "85 000" },
    { "cost-ttc", "102 000" },
  };
  static const struct
  {
    const char *funder, *scheme, *nature, *requested, *granted, *state, *lapses;
  } lines[] = {
    { "ANCT", "Ingénierie PVD", "ingenierie", "42 500", "42 500", "accorde", "2026-05-20" },
    { "Banque des territoires", "Cofinancement d'études", "subvention", "21 250", "", "demande", NULL },
    { "Région Normandie", "Impulsion Développement", "subvention", "4 250", "", "envisage", NULL },
    { "Commune de Mézidon Vallée d'Auge", "", "autofinancement", "17 000", "17 000", "accorde", NULL },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      carnet_store_update_text (store, action, fields[i][0], fields[i][1], &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(CarnetRecord) line = g_object_new (CARNET_TYPE_FUNDING_LINE,
                                                   "action-uuid", carnet_record_get_uuid (action),
                                                   "funder", lines[i].funder,
                                                   "scheme", lines[i].scheme,
                                                   "nature", lines[i].nature,
                                                   "state", lines[i].state,
                                                   "lapses-on", lines[i].lapses,
                                                   NULL);
      gint64 cents;

      carnet_parse_money (lines[i].requested, &cents, NULL);
      carnet_record_set_int (line, "amount-requested", cents);
      carnet_parse_money (lines[i].granted, &cents, NULL);
      carnet_record_set_int (line, "amount-granted", cents);
      carnet_store_insert (store, line, &error);
      g_assert_no_error (error);
      g_usleep (2000);  /* distinct creation times: the plan keeps the order of entry */
    }
  {
    static const char *steps[][3] = {
      { "Consultation des bureaux d'études", "2025-09-15", "2025-10-10" },
      { "Diagnostic et scénarios", "2026-03-15", NULL },
      { "Présentation en comité de pilotage", "2026-05-12", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_autoptr(CarnetRecord) step = g_object_new (CARNET_TYPE_STEP,
                                                     "action-uuid", carnet_record_get_uuid (action),
                                                     "name", steps[i][0],
                                                     "planned-on", steps[i][1],
                                                     "done-on", steps[i][2],
                                                     "done", steps[i][2] != NULL,
                                                     "position", (gint64)i,
                                                     NULL);
        carnet_store_insert (store, step, &error);
        g_assert_no_error (error);
      }
  }
  {
    static const struct { const char *date, *text; gboolean vigilance; } notes[] = {
      { "2026-01-20", "Réunion de lancement avec le bureau d'études retenu (Atelier Urbain du Pays d'Auge).", FALSE },
      { "2026-03-12", "COPIL : le scénario 2 (logements et halle commerciale) est privilégié.\n"
                      "Pollution des sols à confirmer : diagnostic complémentaire à prévoir.", TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
      {
        g_autoptr(CarnetRecord) entry = g_object_new (CARNET_TYPE_JOURNAL_ENTRY,
                                                      "action-uuid", carnet_record_get_uuid (action),
                                                      "entry-date", notes[i].date,
                                                      "text", notes[i].text,
                                                      "vigilance", notes[i].vigilance,
                                                      NULL);
        carnet_store_insert (store, entry, &error);
        g_assert_no_error (error);
      }
  }
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  CarnetFicheEditor *editor = CARNET_FICHE_EDITOR (fixture->editor);
  CarnetFundingEditor *funding = editor_child (fixture, "funding_editor");
  GtkListBox *list = group_list (funding, CARNET_TYPE_FUNDING_EDITOR);
  g_autoptr(CarnetRecord) anct = NULL;

  fill_realistic (fixture);
  carnet_fiche_editor_set_record (editor, NULL);
  carnet_fiche_editor_set_record (editor, fixture->action);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  carnet_test_screenshot_variants (fixture->window, "fiche-editor");

  /* Further down: the dates, the budget and the funding plan, a line open. */
  anct = carnet_store_find (fixture->store, CARNET_TYPE_FUNDING_LINE, "funder", "ANCT");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (carnet_record_rows_find (list, anct)), TRUE);
  type_text (editor_child (fixture, "end_actual_row"), "31/02/2026");
  wait_for_save ();
  gtk_window_set_default_size (fixture->window, 1000, 700);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  scroll_to (fixture, gtk_widget_get_ancestor (editor_child (fixture, "start_planned_row"),
                                              ADW_TYPE_PREFERENCES_GROUP));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "fiche-editor-dates");
  scroll_to (fixture, GTK_WIDGET (funding));
  carnet_test_screenshot_variants (fixture->window, "fiche-editor-funding");
  scroll_to (fixture, editor_child (fixture, "step_editor"));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "fiche-editor-follow-up");
  scroll_to (fixture, editor_child (fixture, "journal_editor"));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), "fiche-editor-journal");
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add ("/ui/editor/fields-saved", Fixture, NULL, fixture_set_up, test_fields_saved,
              fixture_tear_down);
  g_test_add ("/ui/editor/invalid-date", Fixture, NULL, fixture_set_up, test_invalid_date,
              fixture_tear_down);
  g_test_add ("/ui/editor/follows-record", Fixture, NULL, fixture_set_up, test_follows_record,
              fixture_tear_down);
  g_test_add ("/ui/editor/funding", Fixture, NULL, fixture_set_up, test_funding,
              fixture_tear_down);
  g_test_add ("/ui/editor/journal", Fixture, NULL, fixture_set_up, test_journal,
              fixture_tear_down);
  g_test_add ("/ui/editor/steps", Fixture, NULL, fixture_set_up, test_steps, fixture_tear_down);
  g_test_add ("/ui/editor/history", Fixture, NULL, fixture_set_up, test_history,
              fixture_tear_down);
  g_test_add ("/ui/editor/project", Fixture, NULL, fixture_set_up, test_project,
              fixture_tear_down);
  g_test_add_func ("/ui/editor/commune", test_commune);
  g_test_add ("/ui/editor/screenshots", Fixture, NULL, fixture_set_up, test_screenshots,
              fixture_tear_down);

  return g_test_run ();
}
