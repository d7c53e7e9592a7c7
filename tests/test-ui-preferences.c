/* test-ui-preferences.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "carnet-preferences-dialog.h"
#include "carnet-test-ui.h"
#include "carnet-themes.h"

/* The themes in the preferences, driven as a person would: typing in the rows, pressing
 * Enter, picking a colour, clicking the buttons, answering the alert, undoing. */

#define HABITAT   "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0004"
#define NUMERIQUE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0005"

typedef struct
{
  char      *dir;
  CarnetStore *store;
  GtkWindow *window;
  AdwDialog *dialog;
  int        frame;   /* what the window's frame takes from its width */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *view, *page;

  fixture->dir = g_dir_make_tmp ("carnet-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (path, &error);
  g_assert_no_error (error);

  /* A plain window for the dialog to sit on. */
  fixture->window = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_set_title (fixture->window, "Carnet");
  view = adw_toolbar_view_new ();
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), adw_header_bar_new ());
  page = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Carnet");
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window), view);
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_present (fixture->window);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  fixture->frame = 1000 - gtk_widget_get_width (GTK_WIDGET (fixture->window));

  fixture->dialog = g_object_ref_sink (carnet_preferences_dialog_new (fixture->store));
  adw_dialog_present (fixture->dialog, GTK_WIDGET (fixture->window));
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  adw_dialog_force_close (fixture->dialog);
  g_clear_object (&fixture->dialog);
  gtk_window_destroy (fixture->window);
  carnet_test_iterate ();
  g_clear_object (&fixture->store);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkListBox *
theme_list (Fixture *fixture)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog),
                                                      CARNET_TYPE_PREFERENCES_DIALOG,
                                                      "theme_list"));
}

static AdwEntryRow *
add_row (Fixture *fixture)
{
  return ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog),
                                                       CARNET_TYPE_PREFERENCES_DIALOG,
                                                       "add_row"));
}

static guint
n_rows (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (theme_list (fixture), n) != NULL)
    n++;
  return n;
}

static AdwEntryRow *
row_at (Fixture *fixture,
        int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (theme_list (fixture), index);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return ADW_ENTRY_ROW (row);
}

static const char *
row_text (Fixture *fixture,
          int      index)
{
  return gtk_editable_get_text (GTK_EDITABLE (row_at (fixture, index)));
}

/* The first descendant of @root (itself included) that is a @type and, for buttons, shows
 * @icon_or_label (as icon name or label). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *icon_or_label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (icon_or_label == NULL ||
       (GTK_IS_BUTTON (root) &&
        (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_or_label) == 0 ||
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), icon_or_label) == 0))))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, icon_or_label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
row_button (Fixture    *fixture,
            int         index,
            const char *icon_name)
{
  GtkWidget *button = find_widget (GTK_WIDGET (row_at (fixture, index)), GTK_TYPE_BUTTON,
                                   icon_name);

  g_assert_nonnull (button);
  return button;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  carnet_test_iterate ();
}

/* Enter in an entry row's text. */
static void
type_and_enter (AdwEntryRow *row,
                const char  *text)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (delegate, "activate");
  carnet_test_iterate ();
}

static CarnetRecord *
get_theme (Fixture    *fixture,
           const char *uuid)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *theme = carnet_store_get (fixture->store, CARNET_TYPE_THEME, uuid, &error);

  g_assert_no_error (error);
  return theme;
}

/* Under Xvfb there is no compositor, and the window's frame (solid-csd) takes a few pixels
 * of the size asked for: the content is given the width a person's window would have. */
static void
set_content_size (Fixture *fixture,
                  int      width,
                  int      height)
{
  gtk_window_set_default_size (fixture->window, width + fixture->frame, height);
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), ==, width);
}

static void
shoot (Fixture    *fixture,
       const char *name)
{
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
  carnet_test_screenshot (GTK_WIDGET (fixture->window), name);
}

static void
test_themes_shown (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *delete;

  g_assert_cmpuint (n_rows (fixture), ==, 9);
  g_assert_cmpstr (row_text (fixture, 0), ==, "Santé et accès aux soins");
  g_assert_cmpstr (row_text (fixture, 8), ==, "Patrimoine et culture");

  /* The programme's themes cannot be deleted, and say why. */
  delete = row_button (fixture, 3, "user-trash-symbolic");
  g_assert_false (gtk_widget_get_sensitive (delete));
  g_assert_nonnull (gtk_widget_get_tooltip_text (delete));
  g_assert_true (gtk_widget_get_sensitive (row_button (fixture, 4, "user-trash-symbolic")));

  /* The ends cannot move further. */
  g_assert_false (gtk_widget_get_sensitive (row_button (fixture, 0, "go-up-symbolic")));
  g_assert_true (gtk_widget_get_sensitive (row_button (fixture, 0, "go-down-symbolic")));
  g_assert_false (gtk_widget_get_sensitive (row_button (fixture, 8, "go-down-symbolic")));

  shoot (fixture, "preferences-themes");
  set_content_size (fixture, 360, 700);
  shoot (fixture, "preferences-themes-narrow");
  set_content_size (fixture, 1000, 700);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (fixture, "preferences-themes-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CarnetRecord) tourisme = NULL;

  type_and_enter (add_row (fixture), "Tourisme et loisirs");
  tourisme = carnet_store_find (fixture->store, CARNET_TYPE_THEME, "name", "Tourisme et loisirs");
  g_assert_nonnull (tourisme);
  g_assert_cmpstr (carnet_record_get_string (tourisme, "slug"), ==, "tourisme-et-loisirs");
  g_assert_cmpuint (n_rows (fixture), ==, 10);
  g_assert_cmpstr (row_text (fixture, 9), ==, "Tourisme et loisirs");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row (fixture))), ==, "");
  /* The former last one can now go down. */
  g_assert_true (gtk_widget_get_sensitive (row_button (fixture, 8, "go-down-symbolic")));
  g_assert_false (gtk_widget_get_sensitive (row_button (fixture, 9, "go-down-symbolic")));

  /* A name taken (case and accents aside) is refused in place. */
  type_and_enter (add_row (fixture), "numerique");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (add_row (fixture)), "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (add_row (fixture))),
                            "Numérique"));
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_THEME, NULL, NULL), ==, 10);
  shoot (fixture, "preferences-add-error");

  /* Editing clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (add_row (fixture)), "Sport");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (add_row (fixture)), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (add_row (fixture))), ==,
                   "Add a Theme");

  /* Names are text, not markup. */
  type_and_enter (add_row (fixture), "Sport & <b>loisirs</b>");
  g_assert_cmpstr (row_text (fixture, 10), ==, "Sport & <b>loisirs</b>");
  type_and_enter (add_row (fixture), "sport & <b>LOISIRS</b>");
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (add_row (fixture))),
                            "“Sport & <b>loisirs</b>”"));
  carnet_test_wait_drawn (GTK_WIDGET (fixture->window));
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);

  type_and_enter (row_at (fixture, 4), "Numérique et inclusion ");
  g_assert_cmpstr (carnet_record_get_string (numerique, "name"), ==, "Numérique et inclusion");
  g_assert_cmpstr (carnet_record_get_string (numerique, "slug"), ==, "numerique");
  g_assert_cmpstr (row_text (fixture, 4), ==, "Numérique et inclusion");

  /* No name: refused, shown on the row, nothing saved. */
  type_and_enter (row_at (fixture, 4), "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_at (fixture, 4)), "error"));
  g_assert_cmpstr (carnet_record_get_string (numerique, "name"), ==, "Numérique et inclusion");
  shoot (fixture, "preferences-rename-error");
}

static void
test_recolour (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  GtkColorDialogButton *button;
  GdkRGBA rgba = { 0.5, 0.25, 1.0, 1.0 };

  button = GTK_COLOR_DIALOG_BUTTON (find_widget (GTK_WIDGET (row_at (fixture, 4)),
                                                 GTK_TYPE_COLOR_DIALOG_BUTTON, NULL));
  g_assert_nonnull (button);
  gtk_color_dialog_button_set_rgba (button, &rgba);
  carnet_test_iterate ();
  g_assert_cmpstr (carnet_record_get_string (numerique, "color"), ==, "#8040ff");

  /* A change made elsewhere shows on the button. */
  carnet_store_update_text (fixture->store, numerique, "color", "#c01c28", NULL);
  g_assert_true (gdk_rgba_equal (gtk_color_dialog_button_get_rgba (button),
                                 &(GdkRGBA) { 0xc0 / 255., 0x1c / 255., 0x28 / 255., 1.0 }));
  shoot (fixture, "preferences-recolour");
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  GtkWidget *up;

  click (row_button (fixture, 4, "go-up-symbolic"));
  g_assert_cmpint (carnet_record_get_int (numerique, "position"), ==, 3);
  g_assert_cmpstr (row_text (fixture, 3), ==, "Numérique");
  g_assert_cmpstr (row_text (fixture, 4), ==, "Habitat et logement");
  /* The keyboard focus follows the theme, so that Enter moves it again. */
  up = row_button (fixture, 3, "go-up-symbolic");
  g_assert_true (gtk_widget_is_focus (up));

  click (up);
  click (row_button (fixture, 2, "go-up-symbolic"));
  click (row_button (fixture, 1, "go-up-symbolic"));
  g_assert_cmpstr (row_text (fixture, 0), ==, "Numérique");
  g_assert_cmpint (carnet_record_get_int (numerique, "position"), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (row_button (fixture, 0, "go-up-symbolic")));
  g_assert_true (gtk_widget_is_focus (row_button (fixture, 0, "go-down-symbolic")));

  click (row_button (fixture, 0, "go-down-symbolic"));
  g_assert_cmpstr (row_text (fixture, 1), ==, "Numérique");
  g_assert_true (gtk_widget_is_focus (row_button (fixture, 1, "go-down-symbolic")));
  shoot (fixture, "preferences-move");
}

static AdwAlertDialog *
visible_alert (Fixture *fixture)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window));

  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  return ADW_ALERT_DIALOG (dialog);
}

static void
test_delete_in_use (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autoptr(CarnetCommune) bayeux = carnet_store_add_commune (fixture->store, "14047", &error);
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) action = NULL;
  AdwAlertDialog *alert;
  AdwComboRow *combo;
  GListModel *choices;
  GtkWidget *undo;
  guint habitat = GTK_INVALID_LIST_POSITION;

  g_assert_no_error (error);
  project = g_object_new (CARNET_TYPE_PROJECT,
                          "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (bayeux)),
                          "title", "Tiers-lieu numérique", "theme-uuid", NUMERIQUE, NULL);
  carnet_store_insert (fixture->store, project, &error);
  g_assert_no_error (error);
  action = g_object_new (CARNET_TYPE_ACTION,
                         "project-uuid", carnet_record_get_uuid (project),
                         "title", "Conseiller numérique", "theme-uuid", NUMERIQUE, NULL);
  carnet_store_insert (fixture->store, action, &error);
  g_assert_no_error (error);

  click (row_button (fixture, 4, "user-trash-symbolic"));
  alert = visible_alert (fixture);
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (alert), "2 projects"));

  /* Habitat takes over. */
  combo = ADW_COMBO_ROW (find_widget (adw_alert_dialog_get_extra_child (alert),
                                      ADW_TYPE_COMBO_ROW, NULL));
  choices = adw_combo_row_get_model (combo);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 9);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i),
                   "Habitat et logement") == 0)
      habitat = i;
  g_assert_cmpuint (habitat, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (combo, habitat);
  shoot (fixture, "preferences-delete-alert");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (fixture, "preferences-delete-alert-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  click (find_widget (GTK_WIDGET (alert), GTK_TYPE_BUTTON, "_Delete"));
  g_assert_false (ADW_IS_ALERT_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window))));
  g_assert_nonnull (carnet_record_get_deleted_at (numerique));
  g_assert_cmpstr (carnet_record_get_string (project, "theme-uuid"), ==, HABITAT);
  g_assert_cmpstr (carnet_record_get_string (action, "theme-uuid"), ==, HABITAT);
  g_assert_cmpuint (n_rows (fixture), ==, 8);
  g_assert_cmpstr (row_text (fixture, 4), ==, "Services publics");
  shoot (fixture, "preferences-delete-toast");

  /* Undo from the toast: the theme is back, the records keep the theme chosen. */
  undo = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  click (undo);
  g_assert_null (carnet_record_get_deleted_at (numerique));
  g_assert_cmpuint (n_rows (fixture), ==, 9);
  g_assert_cmpstr (row_text (fixture, 4), ==, "Numérique");
  g_assert_cmpstr (carnet_record_get_string (action, "theme-uuid"), ==, HABITAT);
}

static void
test_delete_unused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);

  /* Nothing to take over: no question asked, the toast offers to undo. */
  click (row_button (fixture, 4, "user-trash-symbolic"));
  g_assert_true (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (fixture->window)) ==
                 fixture->dialog);
  g_assert_nonnull (carnet_record_get_deleted_at (numerique));
  g_assert_cmpuint (n_rows (fixture), ==, 8);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_BUTTON, "_Undo"));
}

/* In a narrow window the row's buttons give way to a menu with the same actions. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  GtkWidget *menu_button;
  GMenuModel *menu;

  set_content_size (fixture, 360, 700);
  shoot (fixture, "preferences-narrow");

  g_assert_false (gtk_widget_get_visible (row_button (fixture, 4, "user-trash-symbolic")));
  g_assert_false (gtk_widget_get_visible (row_button (fixture, 4, "go-up-symbolic")));
  menu_button = find_widget (GTK_WIDGET (row_at (fixture, 4)), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_get_mapped (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (row_at (fixture, 4))), <=, 360);

  /* What the menu's first item does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_at (fixture, 4)), "row.move-up", NULL));
  carnet_test_iterate ();
  g_assert_cmpint (carnet_record_get_int (numerique, "position"), ==, 3);
  g_assert_cmpstr (row_text (fixture, 3), ==, "Numérique");
  g_assert_true (gtk_widget_is_focus (find_widget (GTK_WIDGET (row_at (fixture, 3)),
                                                    GTK_TYPE_MENU_BUTTON, NULL)) ||
                 gtk_widget_is_focus (gtk_widget_get_first_child (find_widget (GTK_WIDGET (row_at (fixture, 3)),
                                                                                GTK_TYPE_MENU_BUTTON, NULL))));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (fixture, "preferences-narrow-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/preferences/themes", test_themes_shown);
  ADD ("/ui/preferences/add", test_add);
  ADD ("/ui/preferences/rename", test_rename);
  ADD ("/ui/preferences/recolour", test_recolour);
  ADD ("/ui/preferences/move", test_move);
  ADD ("/ui/preferences/delete/in-use", test_delete_in_use);
  ADD ("/ui/preferences/delete/unused", test_delete_unused);
  ADD ("/ui/preferences/narrow", test_narrow);

  return g_test_run ();
}
