/* test-ui-walks.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "carnet-application.h"
#include "carnet-format.h"
#include "carnet-observation-row.h"
#include "carnet-test-ui.h"
#include "carnet-theme-popover.h"
#include "carnet-walk-review.h"
#include "carnet-walks-view.h"

/* A walk in the street, through the real widgets and from the keyboard only: a dozen
 * observations typed one after the other with Ctrl+Return, their kinds given with Alt+1/2/3
 * and their themes with Alt+T and a few letters; photos attached, a position pasted, one
 * observation turned into an action, the review and the search. Then the laptop's lid:
 * the program killed right after typing, and what was typed found again. */

#define MOBILITES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002"
#define COMMERCE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003"
#define HABITAT "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0004"
#define NATURE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0007"

typedef struct
{
  char            *dir;
  char            *path;
  CarnetStore     *store;
  CarnetRecord    *bayeux;
  CarnetRecord    *project;
  GtkWindow       *window;
  CarnetWalksView *view;
  CarnetRecord    *opened;
} Fixture;

static void
on_open_record (CarnetWalksView *view,
                CarnetRecord    *record,
                Fixture         *fixture)
{
  g_set_object (&fixture->opened, record);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->view = CARNET_WALKS_VIEW (carnet_walks_view_new (fixture->store));
  g_signal_connect (fixture->view, "open-record", G_CALLBACK (on_open_record), fixture);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_present (fixture->window);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
close_window (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  carnet_test_iterate ();
  fixture->window = NULL;
  fixture->view = NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-ui-walks-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->bayeux = CARNET_RECORD (carnet_store_add_commune (fixture->store, "14047", &error));
  g_assert_no_error (error);
  g_object_unref (carnet_store_add_commune (fixture->store, "14258", &error));
  g_assert_no_error (error);
  fixture->project = g_object_new (CARNET_TYPE_PROJECT,
                                   "commune-uuid", carnet_record_get_uuid (fixture->bayeux),
                                   "title", "Apaiser les rues du centre ancien",
                                   "number", "2",
                                   NULL);
  carnet_store_insert (fixture->store, fixture->project, &error);
  g_assert_no_error (error);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);
  g_clear_object (&fixture->opened);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->bayeux);
  g_clear_object (&fixture->store);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GtkWidget *
template_child (GtkWidget  *widget,
                GType       type,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (widget, type, name));
}

/* The keyboard */

/* Runs the view's shortcut for @accelerator as a key press would. */
static gboolean
press (GtkWidget  *view,
       const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  guint n = g_list_model_get_n_items (controllers);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      guint m;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_GLOBAL)
        continue;
      m = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < m; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          gboolean handled;

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;
          handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                  GTK_SHORTCUT_ACTION_EXCLUSIVE, view,
                                                  gtk_shortcut_get_arguments (shortcut));
          carnet_test_iterate ();
          return handled;
        }
    }
  g_error ("No shortcut %s in the walk view", accelerator);
}

static GtkWidget *
focused (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static CarnetObservationRow *
focused_row (Fixture *fixture)
{
  GtkWidget *focus = focused (fixture);
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, CARNET_TYPE_OBSERVATION_ROW) : NULL;

  g_assert_nonnull (row);
  return CARNET_OBSERVATION_ROW (row);
}

/* Types at the cursor, which must be in an observation's text. */
static void
type_text (Fixture    *fixture,
           const char *text)
{
  GtkWidget *focus = focused (fixture);

  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1);
}

/* Lets the debounced saves happen. */
static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  carnet_test_iterate ();
}

/* Alt+T, a few letters in the list of themes, Enter. */
static void
choose_theme (Fixture    *fixture,
              const char *letters)
{
  CarnetObservationRow *row = focused_row (fixture);
  GtkPopover *popover = carnet_observation_row_get_theme_popover (row);
  GtkWidget *entry;

  g_assert_true (press (GTK_WIDGET (fixture->view), "<Alt>t"));
  /* It opens with the next frame. */
  for (guint waited = 0; waited < 1000 && !gtk_widget_get_visible (GTK_WIDGET (popover)); waited += 10)
    wait_ms (10);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  wait_ms (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  entry = template_child (GTK_WIDGET (popover), CARNET_TYPE_THEME_POPOVER, "entry");
  g_assert_true (focused (fixture) == entry || gtk_widget_is_ancestor (focused (fixture), entry));
  if (letters == NULL)
    {
      /* Escape: nothing changes, and the cursor is back in the text. */
      g_signal_emit_by_name (entry, "stop-search");
      wait_ms (20);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_true (focused_row (fixture) == row);
      g_assert_true (GTK_IS_TEXT_VIEW (focused (fixture)));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), letters);
  g_signal_emit_by_name (entry, "activate");
  carnet_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  /* Back in the text, to go on typing. */
  g_assert_true (focused_row (fixture) == row);
  g_assert_true (GTK_IS_TEXT_VIEW (focused (fixture)));
}

/* What another program reading the database sees: only what was committed. */
static char *
text_on_disk (Fixture      *fixture,
              CarnetRecord *observation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) other = carnet_store_open (fixture->path, &error);
  g_autoptr(CarnetRecord) read = NULL;

  g_assert_no_error (error);
  read = carnet_store_get (other, CARNET_TYPE_OBSERVATION, carnet_record_get_uuid (observation), &error);
  g_assert_no_error (error);
  return g_strdup (carnet_record_get_string (read, "text"));
}

static GFile *
make_png (Fixture    *fixture,
          const char *name,
          double      red,
          double      green,
          double      blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 240);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 100, 60, 120, 120);
  cairo_fill (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_file_new_for_path (path);
}

static AdwDialog *
visible_dialog (Fixture *fixture)
{
  return adw_window_get_visible_dialog (ADW_WINDOW (fixture->window));
}

/* The walk */

static const struct
{
  const char *accel;   /* the kind's shortcut, or NULL to leave a constat */
  const char *theme;   /* letters typed after Alt+T, or NULL to keep the previous theme */
  const char *theme_uuid;
  const char *text;
} walk_notes[] = {
  { NULL, "mob", MOBILITES, "Rue Saint-Jean : voitures garées sur le trottoir côté pair" },
  { "<Alt>2", NULL, MOBILITES, "Pas de passage piéton devant l'école Letot" },
  { "<Alt>3", NULL, MOBILITES, "Zone de rencontre rue des Cuisiniers, limitée à 20 km/h" },
  { "<Alt>2", "comm", COMMERCE, "Trois vitrines vides rue Saint-Malo, dont l'ancienne quincaillerie" },
  { "<Alt>3", NULL, COMMERCE, "Boutique à l'essai dans la cellule du 12 rue Saint-Malo" },
  { NULL, NULL, COMMERCE, "Marché du samedi bien fréquenté, stationnement saturé" },
  { "<Alt>2", "habit", HABITAT, "Étages vides au-dessus des commerces, accès condamnés" },
  { "<Alt>3", NULL, HABITAT, "Accès indépendants aux étages lors des ravalements\nAvec l'Anah et l'OPAH-RU" },
  { "<Alt>2", "nature", NATURE, "Place Charles-de-Gaulle entièrement minérale, aucune ombre l'été" },
  { "<Alt>3", NULL, NATURE, "Planter des arbres d'alignement sur le parking de la place" },
  { "<Alt>1", "mob", MOBILITES, "Les trottoirs de la rue Larcher ont été refaits en 2025" },
  { "<Alt>2", NULL, MOBILITES, "Arceaux vélo absents devant la mairie et la médiathèque" },
};

static void
test_walk_from_the_keyboard (Fixture       *fixture,
                             gconstpointer  data)
{
  CarnetWalkPage *page = carnet_walks_view_get_page (fixture->view);
  CarnetWalkList *list = carnet_walks_view_get_list (fixture->view);
  AdwNavigationSplitView *split = ADW_NAVIGATION_SPLIT_VIEW (template_child (GTK_WIDGET (fixture->view),
                                                                             CARNET_TYPE_WALKS_VIEW,
                                                                             "split_view"));
  g_autoptr(GPtrArray) observations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = carnet_today ();
  g_autofree char *expected_title = NULL;
  CarnetRecord *walk;
  guint irritants = 0, ideas = 0, irritants_mobility = 0;

  carnet_walks_view_set_commune (fixture->view, fixture->bayeux);
  carnet_test_iterate ();
  g_assert_null (carnet_walk_page_get_walk (page));
  g_assert_cmpstr (carnet_walk_list_get_page_name (list), ==, "empty");

  for (guint i = 0; i < G_N_ELEMENTS (walk_notes); i++)
    {
      CarnetObservationRow *row;
      CarnetRecord *observation;

      /* One keystroke: the first one also starts today's walk. */
      g_assert_true (press (GTK_WIDGET (fixture->view), "<Control>Return"));
      row = focused_row (fixture);
      observation = carnet_observation_row_get_observation (row);
      g_ptr_array_add (observations, g_object_ref (observation));
      g_assert_cmpstr (carnet_record_get_string (observation, "kind"), ==, "constat");
      if (i > 0)
        {
          /* The theme of the one before, and it comes last in the walk. */
          g_assert_cmpstr (carnet_record_get_string (observation, "theme-uuid"), ==,
                           walk_notes[i - 1].theme_uuid);
          g_assert_true (g_list_model_get_n_items (carnet_walk_page_get_observations (page)) == i + 1);
        }

      type_text (fixture, walk_notes[i].text);
      if (walk_notes[i].accel != NULL)
        g_assert_true (press (GTK_WIDGET (fixture->view), walk_notes[i].accel));
      if (walk_notes[i].theme != NULL)
        choose_theme (fixture, walk_notes[i].theme);
      else if (i == 5)
        choose_theme (fixture, NULL);
      g_assert_cmpstr (carnet_record_get_string (observation, "theme-uuid"), ==, walk_notes[i].theme_uuid);
      /* The cursor never left the observation. */
      g_assert_true (focused_row (fixture) == row);
    }

  walk = carnet_walk_page_get_walk (page);
  g_assert_nonnull (walk);
  g_assert_cmpstr (carnet_record_get_string (walk, "walked-on"), ==, today);
  g_assert_cmpstr (carnet_record_get_string (walk, "commune-uuid"), ==, carnet_record_get_uuid (fixture->bayeux));
  {
    g_autofree char *date = carnet_format_date (today);
    expected_title = g_strdup_printf ("Walk of %s", date);
  }
  g_assert_cmpstr (carnet_record_get_string (walk, "title"), ==, expected_title);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_WALK, NULL, NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_list_get_walks (list)), ==, 1);

  /* Half a second after the last keystroke, everything is on disk. */
  wait_ms (600);
  for (guint i = 0; i < observations->len; i++)
    {
      CarnetRecord *observation = g_ptr_array_index (observations, i);
      g_autofree char *stored = text_on_disk (fixture, observation);
      const char *kind = carnet_record_get_string (observation, "kind");
      const char *accel = walk_notes[i].accel;
      const char *expected = accel == NULL || g_str_equal (accel, "<Alt>1") ? "constat"
                             : g_str_equal (accel, "<Alt>2") ? "irritant" : "idee";

      g_assert_cmpstr (stored, ==, walk_notes[i].text);
      g_assert_cmpstr (kind, ==, expected);
      irritants += g_str_equal (kind, "irritant");
      ideas += g_str_equal (kind, "idee");
      irritants_mobility += g_str_equal (kind, "irritant") &&
                            g_str_equal (walk_notes[i].theme_uuid, MOBILITES);
    }

  /* The walk's own fields, saved as typed. */
  {
    GtkWidget *route = template_child (GTK_WIDGET (page), CARNET_TYPE_WALK_PAGE, "route_row");
    GtkWidget *participants = template_child (GTK_WIDGET (page), CARNET_TYPE_WALK_PAGE,
                                                             "participants_row");

    gtk_editable_set_text (GTK_EDITABLE (route), "Place de la Liberté, rue Saint-Jean, rue Saint-Malo");
    gtk_editable_set_text (GTK_EDITABLE (participants), "M. le maire, Mme Durand (adjointe), ABF, CCI");
    wait_ms (600);
    g_assert_cmpstr (carnet_record_get_string (walk, "route"), ==,
                     "Place de la Liberté, rue Saint-Jean, rue Saint-Malo");
    g_assert_cmpstr (carnet_record_get_string (walk, "participants"), ==,
                     "M. le maire, Mme Durand (adjointe), ABF, CCI");
  }

  /* A position pasted, then shown the French way. */
  {
    CarnetRecord *first = g_ptr_array_index (observations, 0);
    CarnetObservationRow *row = carnet_walk_page_get_row (page, first);
    GtkEditable *position = carnet_observation_row_get_position_entry (row);
    g_autofree char *shown = NULL;

    gtk_editable_set_text (position, "49.2765, -0.7028");
    wait_ms (600);
    g_assert_cmpfloat_with_epsilon (carnet_record_get_real (first, "latitude"), 49.2765, 1e-9);
    g_assert_cmpfloat_with_epsilon (carnet_record_get_real (first, "longitude"), -0.7028, 1e-9);
    g_signal_emit_by_name (position, "activate");
    shown = carnet_format_position (49.2765, -0.7028);
    g_assert_cmpstr (gtk_editable_get_text (position), ==, shown);

    /* A mistyped one is kept, marked, and changes nothing. */
    gtk_editable_set_text (position, "49.2765");
    g_signal_emit_by_name (position, "activate");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (position), "error"));
    g_assert_cmpfloat_with_epsilon (carnet_record_get_real (first, "latitude"), 49.2765, 1e-9);
    gtk_editable_set_text (position, shown);
    g_signal_emit_by_name (position, "activate");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (position), "error"));
  }

  /* Photos, copied in; a file that is not one is refused. */
  {
    CarnetRecord *vitrines = g_ptr_array_index (observations, 3);
    CarnetObservationRow *row = carnet_walk_page_get_row (page, vitrines);
    g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
    g_autoptr(GFile) one = make_png (fixture, "IMG_2041.png", 0.75, 0.2, 0.1);
    g_autoptr(GFile) two = make_png (fixture, "IMG_2042.png", 0.1, 0.4, 0.7);
    g_autofree char *notes_path = g_build_filename (fixture->dir, "compte-rendu.png", NULL);
    g_autoptr(GFile) notes = g_file_new_for_path (notes_path);
    GtkWidget *photos = template_child (GTK_WIDGET (row), CARNET_TYPE_OBSERVATION_ROW,
                                                       "photos_box");
    GtkWidget *thumbnail;

    g_assert_true (g_file_set_contents (notes_path, "Compte rendu\n", -1, NULL));
    g_list_store_append (files, one);
    g_list_store_append (files, two);
    g_list_store_append (files, notes);
    g_assert_false (gtk_widget_get_visible (photos));
    g_assert_cmpuint (carnet_observation_row_attach_files (row, G_LIST_MODEL (files)), ==, 2);
    g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ATTACHMENT, "observation-uuid",
                                          carnet_record_get_uuid (vitrines)), ==, 2);
    g_assert_true (gtk_widget_get_visible (photos));
    wait_ms (300);
    /* Shown full size in a dialog of the app. */
    thumbnail = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (photos), 0));
    g_signal_emit_by_name (thumbnail, "clicked");
    wait_ms (300);
    g_assert_nonnull (visible_dialog (fixture));
    carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
    carnet_test_screenshot (GTK_WIDGET (fixture->window), "walks-photo");
    adw_dialog_force_close (visible_dialog (fixture));
    carnet_test_iterate ();
    g_assert_null (visible_dialog (fixture));
  }

  /* An idea becomes an action of a project of the commune. */
  {
    CarnetRecord *arbres = g_ptr_array_index (observations, 9);
    CarnetObservationRow *row = carnet_walk_page_get_row (page, arbres);
    g_autoptr(CarnetRecord) action = NULL;
    AdwDialog *dialog;
    GtkWidget *link;

    carnet_observation_row_turn_into_action (row);
    carnet_test_iterate ();
    dialog = visible_dialog (fixture);
    g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
    g_signal_emit_by_name (dialog, "response", "choose");
    adw_dialog_force_close (dialog);
    carnet_test_iterate ();

    g_assert_nonnull (carnet_record_get_string (arbres, "action-uuid"));
    action = carnet_store_get (fixture->store, CARNET_TYPE_ACTION,
                               carnet_record_get_string (arbres, "action-uuid"), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (carnet_record_get_string (action, "project-uuid"), ==, carnet_record_get_uuid (fixture->project));
    g_assert_cmpstr (carnet_record_get_title (action), ==, walk_notes[9].text);
    g_assert_cmpstr (carnet_record_get_string (action, "description"), ==, walk_notes[9].text);
    g_assert_cmpstr (carnet_record_get_string (action, "theme-uuid"), ==, NATURE);
    g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, "project-uuid",
                                          carnet_record_get_uuid (fixture->project)), ==, 1);

    /* The observation says so, and its link opens the action. */
    link = template_child (GTK_WIDGET (row), CARNET_TYPE_OBSERVATION_ROW, "link_button");
    g_assert_true (gtk_widget_get_visible (link));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "observation.open-action", NULL));
    g_assert_true (fixture->opened == action);
  }

  carnet_walk_page_show_observation (page, g_ptr_array_index (observations, 3));
  carnet_test_screenshot_variants (fixture->window, "walks");

  /* The review: irritants and ideas by theme. */
  carnet_walk_list_show_review (list, TRUE);
  carnet_test_iterate ();
  g_assert_cmpstr (carnet_walk_list_get_page_name (list), ==, "review");
  {
    CarnetReview *review = carnet_walk_list_get_review (list);
    const CarnetReviewTheme *mobility;

    g_assert_nonnull (review);
    g_assert_cmpuint (review->n_irritants, ==, irritants);
    g_assert_cmpuint (review->n_ideas, ==, ideas);
    g_assert_cmpuint (review->n_irritants, ==, 5);
    g_assert_cmpuint (review->n_ideas, ==, 4);
    mobility = carnet_review_find_theme (review, MOBILITES);
    g_assert_cmpuint (mobility->n_irritants, ==, irritants_mobility);
    g_assert_cmpuint (mobility->n_ideas, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (review->observations)), ==, 9);

    /* It follows what is typed: one more irritant. */
    g_assert_true (press (GTK_WIDGET (fixture->view), "<Control>Return"));
    type_text (fixture, "Bancs cassés place de la Liberté");
    g_assert_true (press (GTK_WIDGET (fixture->view), "<Alt>2"));
    wait_ms (100);
    review = carnet_walk_list_get_review (list);
    g_assert_cmpuint (review->n_irritants, ==, 6);
  }
  /* Narrow, the list is what is looked at. */
  adw_navigation_split_view_set_show_content (split, FALSE);
  wait_ms (500);
  carnet_test_screenshot_variants (fixture->window, "walks-review");

  carnet_walk_list_set_review_theme (list, COMMERCE);
  carnet_test_iterate ();
  g_assert_cmpuint (carnet_walk_list_get_review (list)->n_irritants, ==, 1);
  g_assert_cmpuint (carnet_walk_list_get_review (list)->n_ideas, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (carnet_walk_list_get_review (list)->observations)), ==, 2);
  {
    /* Clicking an item opens its walk with the cursor in it. */
    GtkWidget *review = adw_bin_get_child (ADW_BIN (template_child (GTK_WIDGET (list), CARNET_TYPE_WALK_LIST,
                                                                    "review_bin")));
    GtkListBox *review_list = GTK_LIST_BOX (template_child (review, CARNET_TYPE_WALK_REVIEW, "list_box"));
    CarnetRecord *boutique = g_ptr_array_index (observations, 4);

    carnet_walk_page_show_observation (page, g_ptr_array_index (observations, 0));
    g_signal_emit_by_name (review_list, "row-activated", gtk_list_box_get_row_at_index (review_list, 1));
    carnet_test_iterate ();
    g_assert_true (carnet_observation_row_get_observation (focused_row (fixture)) == boutique);
  }
  carnet_walk_list_set_review_theme (list, NULL);
  carnet_walk_list_show_review (list, FALSE);

  /* The search finds observations, accents aside, and their walk. */
  carnet_walk_list_set_search (list, "vitrines");
  carnet_test_iterate ();
  g_assert_cmpstr (carnet_walk_list_get_page_name (list), ==, "search");
  g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_list_get_found_observations (list)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_list_get_found_walks (list)), ==, 1);
  carnet_walk_list_set_search (list, "etages");
  carnet_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_list_get_found_observations (list)), ==, 2);
  {
    GtkListBox *found = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (list), CARNET_TYPE_WALK_LIST,
                                                                     "found_observations_list"));

    g_signal_emit_by_name (found, "row-activated", gtk_list_box_get_row_at_index (found, 1));
    carnet_test_iterate ();
    g_assert_true (carnet_observation_row_get_observation (focused_row (fixture)) ==
                   g_ptr_array_index (observations, 7));
  }
  adw_navigation_split_view_set_show_content (split, FALSE);
  carnet_test_screenshot_variants (fixture->window, "walks-search");
  carnet_walk_list_set_search (list, "introuvable");
  carnet_test_iterate ();
  g_assert_cmpstr (carnet_walk_list_get_page_name (list), ==, "empty");
  carnet_walk_list_set_search (list, NULL);
  g_assert_cmpstr (carnet_walk_list_get_page_name (list), ==, "walks");

  /* Deleted, with a way back. */
  {
    CarnetRecord *last = g_ptr_array_index (observations, 11);
    CarnetObservationRow *row = carnet_walk_page_get_row (page, last);
    guint before = g_list_model_get_n_items (carnet_walk_page_get_observations (page));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "observation.delete", NULL));
    carnet_test_iterate ();
    g_assert_nonnull (carnet_record_get_deleted_at (last));
    g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_page_get_observations (page)), ==, before - 1);
    g_assert_true (carnet_store_undelete (fixture->store, last, &error));
    g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_page_get_observations (page)), ==, before);
  }
}

/* Closing the window right after typing loses nothing. */
static void
test_close_flushes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetRecord) observation = NULL;
  g_autofree char *stored = NULL;

  carnet_walks_view_set_commune (fixture->view, fixture->bayeux);
  g_assert_true (press (GTK_WIDGET (fixture->view), "<Control>Return"));
  observation = g_object_ref (carnet_observation_row_get_observation (focused_row (fixture)));
  type_text (fixture, "Dernier mot avant de refermer l'ordinateur");
  close_window (fixture);
  stored = text_on_disk (fixture, observation);
  g_assert_cmpstr (stored, ==, "Dernier mot avant de refermer l'ordinateur");
}

/* With all communes shown, a new walk asks which one; Ctrl+Return then goes on in it. */
static void
test_new_walk_asks_commune (Fixture       *fixture,
                            gconstpointer  data)
{
  CarnetWalkPage *page = carnet_walks_view_get_page (fixture->view);
  AdwDialog *dialog;

  g_assert_true (press (GTK_WIDGET (fixture->view), "<Control>Return"));
  dialog = visible_dialog (fixture);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  /* The shortcuts stand aside while a dialog is open. */
  g_assert_false (press (GTK_WIDGET (fixture->view), "<Control>Return"));
  g_signal_emit_by_name (dialog, "response", "choose");
  adw_dialog_force_close (dialog);
  carnet_test_iterate ();
  g_assert_nonnull (carnet_walk_page_get_walk (page));
  g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_page_get_observations (page)), ==, 1);
  g_assert_true (GTK_IS_TEXT_VIEW (focused (fixture)));
  g_assert_true (press (GTK_WIDGET (fixture->view), "<Alt>3"));
  g_assert_cmpstr (carnet_record_get_string (carnet_observation_row_get_observation (focused_row (fixture)), "kind"),
                   ==, "idee");
  /* Today's walk is reused, not doubled. */
  carnet_walk_page_set_walk (page, NULL);
  g_assert_true (press (GTK_WIDGET (fixture->view), "<Control>Return"));
  if (visible_dialog (fixture) != NULL)
    {
      g_signal_emit_by_name (visible_dialog (fixture), "response", "choose");
      adw_dialog_force_close (visible_dialog (fixture));
      carnet_test_iterate ();
    }
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_WALK, NULL, NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (carnet_walk_page_get_observations (page)), ==, 2);
}

/* The crash: a second program types into the walk view and is killed right after. */

#define CRASH_TEXT "Façade du 4 rue Saint-Jean : enduit qui se décolle, risque de chute"

G_GNUC_NORETURN static void
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  g_autoptr(CarnetRecord) commune = NULL;
  GtkWidget *window, *view, *focus;

  g_assert_no_error (error);
  commune = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");
  window = adw_window_new ();
  view = carnet_walks_view_new (store);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  carnet_walks_view_set_commune (CARNET_WALKS_VIEW (view), commune);
  carnet_test_iterate ();

  g_assert_true (press (view, "<Control>Return"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  /* Typed a few characters at a time, as a person does. */
  for (const char *p = CRASH_TEXT; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), p,
                                        g_utf8_next_char (p) - p);
      g_main_context_iteration (NULL, FALSE);
    }
  printf ("typed\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_killed_after_typing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecordList) found = NULL;
  g_autoptr(CarnetRecord) observation = NULL;
  g_autofree char *line = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  gint64 typed_at, killed_at;

  /* The database is the writer's alone while it runs. */
  close_window (fixture);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->bayeux);
  g_clear_object (&fixture->store);

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_path, "--writer", fixture->path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  /* (GTest's own lines come first.) */
  do
    {
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  while (line != NULL && !g_str_equal (line, "typed"));
  typed_at = g_get_monotonic_time ();
  g_assert_cmpstr (line, ==, "typed");

  /* The debounce (400 ms) and a margin: the lid closes well within a second. */
  g_usleep (800 * 1000);
  g_subprocess_send_signal (writer, SIGKILL);
  killed_at = g_get_monotonic_time ();
  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (writer));
  g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);
  g_assert_cmpint (killed_at - typed_at, <, G_USEC_PER_SEC);

  /* Started again: the text is there. */
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  found = carnet_store_search_observations (fixture->store, NULL, "enduit", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  observation = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_assert_cmpstr (carnet_record_get_string (observation, "text"), ==, CRASH_TEXT);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    {
      int writer_argc = 1;

      carnet_test_ui_init (&writer_argc, &argv);
      run_writer (argv[2]);
    }

  carnet_test_ui_init (&argc, &argv);

  g_test_add ("/ui/walks/from-the-keyboard", Fixture, NULL, fixture_set_up,
              test_walk_from_the_keyboard, fixture_tear_down);
  g_test_add ("/ui/walks/close-flushes", Fixture, NULL, fixture_set_up, test_close_flushes,
              fixture_tear_down);
  g_test_add ("/ui/walks/new-walk-asks-commune", Fixture, NULL, fixture_set_up,
              test_new_walk_asks_commune, fixture_tear_down);
  g_test_add ("/ui/walks/killed-after-typing", Fixture, NULL, fixture_set_up,
              test_killed_after_typing, fixture_tear_down);

  return g_test_run ();
}
