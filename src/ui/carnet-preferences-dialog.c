/* carnet-preferences-dialog.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "carnet-preferences-dialog.h"
#include "carnet-themes.h"
#include "carnet-ui-util.h"

/* The preferences: for now the themes, which a chef de projet adds, renames, recolours,
 * orders and deletes. Each change is saved when made (a name on Enter); a deletion asks
 * which theme takes over the records, and can be undone from its toast. */

/* One theme: its pictogram, its name to edit, its colour, and the buttons that move or
 * delete it. Rows are made for the themes as they come and go, so they are built here
 * rather than from a template. */
#define CARNET_TYPE_THEME_ROW (carnet_theme_row_get_type ())
G_DECLARE_FINAL_TYPE (CarnetThemeRow, carnet_theme_row, CARNET, THEME_ROW, AdwEntryRow)

struct _CarnetThemeRow
{
  AdwEntryRow           parent_instance;

  CarnetStore          *store;
  CarnetRecord         *theme;

  char                 *title;   /* shown when there is no error to show */

  GtkImage             *icon;
  GtkColorDialogButton *color_button;
  GtkWidget            *up_button;
  GtkWidget            *down_button;
  GtkWidget            *delete_button;
  GtkWidget            *menu_button;
  gulong                rgba_handler;
};

struct _CarnetPreferencesDialog
{
  AdwPreferencesDialog  parent_instance;

  CarnetStore          *store;
  GListModel           *themes;

  gboolean              compact;

  GtkListBox           *theme_list;
  AdwEntryRow          *add_row;
  GtkWidget            *add_button;

  guint                 focus_source;
  gulong                scroll_handler;
  int                   focus_index;
  GtkWidget          *(*focus_pick) (CarnetThemeRow *row);
};

G_DEFINE_FINAL_TYPE (CarnetThemeRow, carnet_theme_row, ADW_TYPE_ENTRY_ROW)
G_DEFINE_FINAL_TYPE (CarnetPreferencesDialog, carnet_preferences_dialog,
                     ADW_TYPE_PREFERENCES_DIALOG)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void move_theme (CarnetPreferencesDialog *self,
                        CarnetRecord            *theme,
                        int                      from,
                        int                      to);
static void ask_delete (CarnetPreferencesDialog *self,
                        CarnetRecord            *theme);

/* Helpers */

static char *
rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint)lround (CLAMP (rgba->red, 0., 1.) * 255.),
                          (guint)lround (CLAMP (rgba->green, 0., 1.) * 255.),
                          (guint)lround (CLAMP (rgba->blue, 0., 1.) * 255.));
}

/* An entry row shows what went wrong in place of its title, in the error colour, until
 * its text is edited again. */
static void
show_row_error (AdwEntryRow  *row,
                const GError *error)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_announce (GTK_ACCESSIBLE (row), error->message,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH);
}

static void
clear_row_error (AdwEntryRow *row,
                 const char  *title)
{
  if (!gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_error_toast (CarnetPreferencesDialog *self,
                  const char              *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_use_markup (toast, FALSE);
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), toast);
}

/* The theme row */

static gboolean
is_editing (CarnetThemeRow *self)
{
  return (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
save_name (CarnetThemeRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  if (g_strcmp0 (name, carnet_record_get_string (self->theme, "name")) == 0)
    {
      clear_row_error (ADW_ENTRY_ROW (self), self->title);
      return;
    }
  if (!carnet_store_update_text (self->store, self->theme, "name", name, &error))
    {
      show_row_error (ADW_ENTRY_ROW (self), error);
      return;
    }
  clear_row_error (ADW_ENTRY_ROW (self), self->title);
  if (g_strcmp0 (name, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), name);
}

static void
set_button_color (CarnetThemeRow *self)
{
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, carnet_record_get_string (self->theme, "color")))
    return;
  g_signal_handler_block (self->color_button, self->rgba_handler);
  gtk_color_dialog_button_set_rgba (self->color_button, &rgba);
  g_signal_handler_unblock (self->color_button, self->rgba_handler);
}

/* Its place in the list: the title numbers it, and the ends cannot move further. */
static void
carnet_theme_row_set_position (CarnetThemeRow *self,
                               int             index,
                               int             n_themes)
{
  g_free (self->title);
  if (carnet_record_get_bool (self->theme, "required"))
    /* Translators: the title above a theme's name, “Theme 2 · required” */
    self->title = g_strdup_printf (_("Theme %d · required"), index + 1);
  else
    /* Translators: the title above a theme's name, “Theme 5” */
    self->title = g_strdup_printf (_("Theme %d"), index + 1);
  if (!gtk_widget_has_css_class (GTK_WIDGET (self), "error"))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->title);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-down", index < n_themes - 1);
}

static void
on_row_changed (CarnetThemeRow *self)
{
  clear_row_error (ADW_ENTRY_ROW (self), self->title);
}

static void
on_color_chosen (CarnetThemeRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = rgba_to_hex (gtk_color_dialog_button_get_rgba (self->color_button));

  if (g_strcmp0 (hex, carnet_record_get_string (self->theme, "color")) == 0)
    return;
  if (!carnet_store_update_text (self->store, self->theme, "color", hex, &error))
    {
      set_button_color (self);
      show_row_error (ADW_ENTRY_ROW (self), error);
    }
}

static void
on_theme_name_changed (CarnetThemeRow *self)
{
  const char *name = carnet_record_get_string (self->theme, "name");

  /* Not while the user types: their text would be lost. */
  if (!is_editing (self) && g_strcmp0 (name, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), name);
  carnet_ui_set_theme_icon (self->icon, self->theme);
}

static void
on_theme_color_changed (CarnetThemeRow *self)
{
  set_button_color (self);
}

static void
row_move (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  CarnetThemeRow *self = CARNET_THEME_ROW (widget);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self));
  int to = g_str_equal (action_name, "row.move-up") ? index - 1 : index + 1;
  GtkWidget *dialog = gtk_widget_get_ancestor (widget, CARNET_TYPE_PREFERENCES_DIALOG);

  if (dialog != NULL && index >= 0 && to >= 0)
    move_theme (CARNET_PREFERENCES_DIALOG (dialog), self->theme, index, to);
}

static void
row_delete (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CarnetThemeRow *self = CARNET_THEME_ROW (widget);
  GtkWidget *dialog = gtk_widget_get_ancestor (widget, CARNET_TYPE_PREFERENCES_DIALOG);

  if (dialog != NULL)
    ask_delete (CARNET_PREFERENCES_DIALOG (dialog), self->theme);
}

static GtkWidget *
flat_button (const char *icon_name,
             const char *action_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
carnet_theme_row_dispose (GObject *object)
{
  CarnetThemeRow *self = (CarnetThemeRow *)object;

  g_clear_object (&self->theme);
  g_clear_object (&self->store);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (carnet_theme_row_parent_class)->dispose (object);
}

static void
carnet_theme_row_class_init (CarnetThemeRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = carnet_theme_row_dispose;

  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, row_move);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, row_move);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, row_delete);
}

static void
carnet_theme_row_init (CarnetThemeRow *self)
{
}

static GtkWidget *
carnet_theme_row_new (CarnetStore  *store,
                      CarnetRecord *theme)
{
  CarnetThemeRow *self = g_object_new (CARNET_TYPE_THEME_ROW,
                                       "show-apply-button", TRUE,
                                       "use-markup", FALSE,
                                       NULL);
  g_autoptr(GtkColorDialog) color_dialog = gtk_color_dialog_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self));
  gboolean required = carnet_record_get_bool (theme, "required");

  self->store = g_object_ref (store);
  self->theme = g_object_ref (theme);

  gtk_editable_set_text (GTK_EDITABLE (self), carnet_record_get_string (theme, "name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Theme name"), -1);

  self->icon = GTK_IMAGE (gtk_image_new ());
  carnet_ui_set_theme_icon (self->icon, theme);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->icon));

  gtk_color_dialog_set_title (color_dialog, _("Theme Colour"));
  gtk_color_dialog_set_with_alpha (color_dialog, FALSE);
  self->color_button = GTK_COLOR_DIALOG_BUTTON (gtk_color_dialog_button_new (g_object_ref (color_dialog)));
  gtk_widget_set_valign (GTK_WIDGET (self->color_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->color_button), _("Colour"));
  self->rgba_handler = g_signal_connect_swapped (self->color_button, "notify::rgba",
                                                 G_CALLBACK (on_color_chosen), self);
  set_button_color (self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->color_button));

  self->up_button = flat_button ("go-up-symbolic", "row.move-up", _("Move Up"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->up_button);
  self->down_button = flat_button ("go-down-symbolic", "row.move-down", _("Move Down"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->down_button);
  self->delete_button = flat_button ("user-trash-symbolic", "row.delete",
                                     required ? _("Required by the programme: it cannot be deleted")
                                              : _("Delete"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->delete_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.delete", !required);

  /* In a narrow window the three buttons above give way to a menu. */
  g_menu_append (menu, _("Move _Up"), "row.move-up");
  g_menu_append (menu, _("Move _Down"), "row.move-down");
  g_menu_append (menu, _("_Delete…"), "row.delete");
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->menu_button, _("More"));
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_visible (self->menu_button, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->menu_button);

  g_signal_connect (self, "apply", G_CALLBACK (save_name), NULL);
  g_signal_connect (self, "entry-activated", G_CALLBACK (save_name), NULL);
  g_signal_connect (self, "changed", G_CALLBACK (on_row_changed), NULL);
  g_signal_connect_object (theme, "notify::name", G_CALLBACK (on_theme_name_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (theme, "notify::color", G_CALLBACK (on_theme_color_changed), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/* The dialog */

static CarnetThemeRow *
theme_row_at (CarnetPreferencesDialog *self,
              int                      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->theme_list, index);

  return CARNET_IS_THEME_ROW (row) ? CARNET_THEME_ROW (row) : NULL;
}

static void
update_positions (CarnetPreferencesDialog *self)
{
  int n = (int)g_list_model_get_n_items (self->themes);
  CarnetThemeRow *row;

  for (int i = 0; (row = theme_row_at (self, i)) != NULL; i++)
    carnet_theme_row_set_position (row, i, n);
}

/* Rows are made anew when the themes change: the keyboard focus goes back where it was.
 * Not at once: the focused button's old row lets go of the focus only once the click that
 * moved it is over. */
static void
focus_row_now (gpointer data)
{
  CarnetPreferencesDialog *self = data;
  int n = (int)g_list_model_get_n_items (self->themes);
  CarnetThemeRow *row;
  GtkWidget *target;

  self->focus_source = 0;
  if (n == 0)
    return;
  row = theme_row_at (self, CLAMP (self->focus_index, 0, n - 1));
  if (row == NULL)
    return;
  if (self->compact)
    target = row->menu_button;
  else
    {
      target = self->focus_pick (row);
      if (!gtk_widget_get_sensitive (target))
        target = gtk_widget_get_sensitive (row->up_button) ? row->up_button : row->down_button;
    }
  gtk_widget_grab_focus (target);
}

/* Called before the change: the focused row is about to go, and GTK would otherwise hand the
 * focus to the first row's text, selecting it. */
static void
focus_row (CarnetPreferencesDialog *self,
           int                      index,
           GtkWidget *(*pick) (CarnetThemeRow *row))
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->theme_list)))
    gtk_root_set_focus (root, NULL);

  self->focus_index = index;
  self->focus_pick = pick;
  if (self->focus_source == 0)
    self->focus_source = g_idle_add_once (focus_row_now, self);
}

static GtkWidget *
pick_up (CarnetThemeRow *row)
{
  return row->up_button;
}

static GtkWidget *
pick_down (CarnetThemeRow *row)
{
  return row->down_button;
}

static GtkWidget *
pick_delete (CarnetThemeRow *row)
{
  return row->delete_button;
}

static void
move_theme (CarnetPreferencesDialog *self,
            CarnetRecord            *theme,
            int                      from,
            int                      to)
{
  g_autoptr(GError) error = NULL;

  focus_row (self, to, to < from ? pick_up : pick_down);
  if (!carnet_store_move_theme (self->store, theme, to, &error))
    show_error_toast (self, error->message);
}

static int
index_of (GListModel   *model,
          CarnetRecord *record)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) item = g_list_model_get_item (model, i);

      if (item == record)
        return (int)i;
    }
  return -1;
}

static void
delete_theme (CarnetPreferencesDialog *self,
              CarnetRecord            *theme,
              CarnetRecord            *replacement)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int index = index_of (self->themes, theme);
  AdwToast *toast;

  focus_row (self, index, pick_delete);
  if (!carnet_store_delete_theme (self->store, theme, replacement, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  title = g_strdup_printf (_("Theme “%s” deleted"), carnet_record_get_string (theme, "name"));
  toast = adw_toast_new (title);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "preferences.undo-delete-theme");
  adw_toast_set_action_target (toast, "s", carnet_record_get_uuid (theme));
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), toast);
}

typedef struct
{
  CarnetPreferencesDialog *self;
  CarnetRecord            *theme;
  GPtrArray               *uuids;   /* of the choices; NULL for “No theme” */
  AdwComboRow             *combo;
} DeleteRequest;

static void
delete_request_free (DeleteRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->theme);
  g_ptr_array_unref (request->uuids);
  g_free (request);
}

static void
on_delete_response (AdwAlertDialog *alert,
                    const char     *response,
                    DeleteRequest  *request)
{
  g_autoptr(CarnetRecord) replacement = NULL;
  const char *uuid;
  guint selected;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  selected = adw_combo_row_get_selected (request->combo);
  uuid = selected < request->uuids->len ? request->uuids->pdata[selected] : NULL;
  if (uuid != NULL)
    {
      g_autoptr(GError) error = NULL;

      replacement = carnet_store_get (request->self->store, CARNET_TYPE_THEME, uuid, &error);
      if (replacement == NULL)
        {
          show_error_toast (request->self, error->message);
          return;
        }
    }
  delete_theme (request->self, request->theme, replacement);
}

/* A theme in use is deleted once the user has said which theme its records take. */
static void
ask_delete (CarnetPreferencesDialog *self,
            CarnetRecord            *theme)
{
  guint uses = carnet_store_count_theme_uses (self->store, theme);
  g_autoptr(GtkStringList) choices = NULL;
  DeleteRequest *request;
  AdwDialog *alert;
  GtkWidget *list;
  guint n;

  if (uses == 0)
    {
      delete_theme (self, theme, NULL);
      return;
    }

  request = g_new0 (DeleteRequest, 1);
  request->self = g_object_ref (self);
  request->theme = g_object_ref (theme);
  request->uuids = g_ptr_array_new_with_free_func (g_free);

  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("No theme"));
  g_ptr_array_add (request->uuids, NULL);
  n = g_list_model_get_n_items (self->themes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) other = g_list_model_get_item (self->themes, i);

      if (other == theme)
        continue;
      gtk_string_list_append (choices, carnet_record_get_string (other, "name"));
      g_ptr_array_add (request->uuids, g_strdup (carnet_record_get_uuid (other)));
    }

  request->combo = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (request->combo), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->combo), _("New Theme"));
  adw_combo_row_set_model (request->combo, G_LIST_MODEL (choices));
  /* Theme names are long: the choice goes under the title rather than beside it. */
  adw_combo_row_set_use_subtitle (request->combo, TRUE);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (request->combo));

  alert = adw_alert_dialog_new (_("Delete Theme?"), NULL);
  adw_alert_dialog_format_body (ADW_ALERT_DIALOG (alert),
                                ngettext ("“%s” is the theme of %u project, action or "
                                          "observation. Choose the theme it will have instead.",
                                          "“%s” is the theme of %u projects, actions or "
                                          "observations. Choose the theme they will have instead.",
                                          uses),
                                carnet_record_get_string (theme, "name"), uses);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (alert), list);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (alert),
                                  "cancel", _("_Cancel"),
                                  "delete", _("_Delete"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), "delete",
                                            ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), "cancel");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), "cancel");
  g_signal_connect_data (alert, "response", G_CALLBACK (on_delete_response), request,
                         (GClosureNotify)delete_request_free, 0);
  adw_dialog_present (alert, GTK_WIDGET (self));
}

static void
undo_delete_theme (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CarnetPreferencesDialog *self = CARNET_PREFERENCES_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) theme = NULL;

  theme = carnet_store_get (self->store, CARNET_TYPE_THEME, g_variant_get_string (parameter, NULL),
                            &error);
  if (theme == NULL || !carnet_store_undelete (self->store, theme, &error))
    show_error_toast (self, error->message);
}

static GtkWidget *
create_theme_row (gpointer item,
                  gpointer user_data)
{
  CarnetPreferencesDialog *self = user_data;
  GtkWidget *widget = carnet_theme_row_new (self->store, CARNET_RECORD (item));
  CarnetThemeRow *row = CARNET_THEME_ROW (widget);

  g_object_bind_property (self, "compact", row->up_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self, "compact", row->down_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self, "compact", row->delete_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self, "compact", row->menu_button, "visible", G_BINDING_SYNC_CREATE);
  return widget;
}

static void
on_themes_changed (CarnetPreferencesDialog *self)
{
  update_positions (self);
}

static void
on_add_changed (CarnetPreferencesDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));

  clear_row_error (self->add_row, _("Add a Theme"));
  gtk_widget_set_sensitive (self->add_button, *name != '\0');
}

static void
on_add_row_moved (CarnetPreferencesDialog *self,
                  GdkFrameClock           *clock)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self->add_row), GTK_TYPE_VIEWPORT);

  g_clear_signal_handler (&self->scroll_handler, clock);
  if (viewport != NULL)
    gtk_viewport_scroll_to (GTK_VIEWPORT (viewport), GTK_WIDGET (self->add_row), NULL);
}

static void
on_add_activated (CarnetPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetTheme) theme = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  g_autofree char *added = NULL;
  GdkFrameClock *clock;

  if (*name == '\0')
    return;
  theme = carnet_store_add_theme (self->store, name, NULL, &error);
  if (theme == NULL)
    {
      show_row_error (self->add_row, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  /* The new row pushes this one down: once laid out, it is brought back in view, ready for
   * another name. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->add_row));
  if (clock != NULL && self->scroll_handler == 0)
    self->scroll_handler = g_signal_connect_object (clock, "after-paint",
                                                    G_CALLBACK (on_add_row_moved), self,
                                                    G_CONNECT_SWAPPED);
  added = g_strdup_printf (_("Theme “%s” added"), carnet_record_get_string (CARNET_RECORD (theme), "name"));
  gtk_accessible_announce (GTK_ACCESSIBLE (self->add_row), added,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
}

static void
carnet_preferences_dialog_constructed (GObject *object)
{
  CarnetPreferencesDialog *self = (CarnetPreferencesDialog *)object;

  G_OBJECT_CLASS (carnet_preferences_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  carnet_ui_watch_theme_css (self->store, gtk_widget_get_display (GTK_WIDGET (self)));
  self->themes = carnet_store_list (self->store, CARNET_TYPE_THEME, NULL, NULL);
  gtk_list_box_bind_model (self->theme_list, self->themes, create_theme_row, self, NULL);
  /* After the list box's own handler, so that the rows exist. */
  g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (on_themes_changed), self,
                           G_CONNECT_SWAPPED);
  update_positions (self);
}

static void
carnet_preferences_dialog_dispose (GObject *object)
{
  CarnetPreferencesDialog *self = (CarnetPreferencesDialog *)object;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->themes);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_preferences_dialog_parent_class)->dispose (object);
}

static void
carnet_preferences_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CarnetPreferencesDialog *self = CARNET_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_preferences_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CarnetPreferencesDialog *self = CARNET_PREFERENCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_COMPACT:
      if (self->compact != g_value_get_boolean (value))
        {
          self->compact = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_preferences_dialog_class_init (CarnetPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carnet_preferences_dialog_constructed;
  object_class->dispose = carnet_preferences_dialog_dispose;
  object_class->get_property = carnet_preferences_dialog_get_property;
  object_class->set_property = carnet_preferences_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARNET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set by a breakpoint: the rows show their actions in a menu. */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetPreferencesDialog, theme_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetPreferencesDialog, add_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetPreferencesDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activated);

  gtk_widget_class_install_action (widget_class, "preferences.undo-delete-theme", "s",
                                   undo_delete_theme);
}

static void
carnet_preferences_dialog_init (CarnetPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * carnet_preferences_dialog_new:
 *
 * Returns: (transfer floating): the preferences, to present with adw_dialog_present()
 */
AdwDialog *
carnet_preferences_dialog_new (CarnetStore *store)
{
  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  return g_object_new (CARNET_TYPE_PREFERENCES_DIALOG, "store", store, NULL);
}
