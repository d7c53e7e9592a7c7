/* carnet-theme-popover.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-theme-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-theme-popover.h"
#include "carnet-ui-util.h"

/* The theme of an observation, chosen without the mouse: the popover opens with the cursor
 * in its entry, a few letters (accents optional) keep the matching themes, the arrows move
 * and Enter picks. */

struct _CarnetThemePopover
{
  GtkPopover      parent_instance;

  CarnetStore    *store;
  GListModel     *themes;

  GtkSearchEntry *entry;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (CarnetThemePopover, carnet_theme_popover, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
row_matches (CarnetThemePopover *self,
             GtkListBoxRow      *row)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  return *query == '\0' || g_str_match_string (query, name, TRUE);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  return row_matches (CARNET_THEME_POPOVER (user_data), row);
}

static GtkListBoxRow *
first_visible_row (CarnetThemePopover *self)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL || row_matches (self, row))
        return row;
    }
}

static GtkWidget *
create_row (CarnetThemePopover *self,
            CarnetRecord       *theme)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new ();
  const char *name = theme != NULL ? carnet_record_get_string (theme, "name") : _("No theme");
  GtkWidget *label = gtk_label_new (name);

  carnet_ui_set_theme_icon (GTK_IMAGE (image), theme);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
  if (theme != NULL)
    g_object_set_data_full (G_OBJECT (row), "theme", g_object_ref (theme), g_object_unref);
  return row;
}

static void
fill (CarnetThemePopover *self)
{
  GtkWidget *child;
  guint n = g_list_model_get_n_items (self->themes);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (self->themes, i);

      gtk_list_box_append (self->list, create_row (self, theme));
    }
  gtk_list_box_append (self->list, create_row (self, NULL));
}

static void
choose_row (CarnetThemePopover *self,
            GtkListBoxRow      *row)
{
  CarnetRecord *theme = g_object_get_data (G_OBJECT (row), "theme");
  g_autoptr(CarnetRecord) hold = theme != NULL ? g_object_ref (theme) : NULL;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, hold);
}

static void
on_search_changed (CarnetThemePopover *self)
{
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_select_row (self->list, first_visible_row (self));
}

static void
on_entry_activate (CarnetThemePopover *self)
{
  carnet_theme_popover_choose (self);
}

static void
on_stop_search (CarnetThemePopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated (CarnetThemePopover *self,
                  GtkListBoxRow      *row)
{
  choose_row (self, row);
}

/* Up and Down move through the themes while the cursor stays in the entry. */
static gboolean
on_entry_key_pressed (CarnetThemePopover *self,
                      guint               keyval,
                      guint               keycode,
                      GdkModifierType     state)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  int step, index;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return GDK_EVENT_PROPAGATE;

  index = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;
  for (int i = index + step; i >= 0; i += step)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if (row == NULL)
        break;
      if (row_matches (self, row))
        {
          gtk_list_box_select_row (self->list, row);
          break;
        }
    }
  return GDK_EVENT_STOP;
}

static void
carnet_theme_popover_show (GtkWidget *widget)
{
  CarnetThemePopover *self = CARNET_THEME_POPOVER (widget);

  fill (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_select_row (self->list, first_visible_row (self));

  GTK_WIDGET_CLASS (carnet_theme_popover_parent_class)->show (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
carnet_theme_popover_dispose (GObject *object)
{
  CarnetThemePopover *self = (CarnetThemePopover *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_THEME_POPOVER);
  g_clear_object (&self->themes);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_theme_popover_parent_class)->dispose (object);
}

static void
carnet_theme_popover_class_init (CarnetThemePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_theme_popover_dispose;
  widget_class->show = carnet_theme_popover_show;

  /**
   * CarnetThemePopover::chosen:
   * @theme: (nullable): the theme chosen, or %NULL for none
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-theme-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetThemePopover, entry);
  gtk_widget_class_bind_template_child (widget_class, CarnetThemePopover, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
carnet_theme_popover_init (CarnetThemePopover *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

GtkWidget *
carnet_theme_popover_new (CarnetStore *store)
{
  CarnetThemePopover *self = g_object_new (CARNET_TYPE_THEME_POPOVER, NULL);

  self->store = g_object_ref (store);
  self->themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  return GTK_WIDGET (self);
}

/* Types @query in the entry, as the user would. */
void
carnet_theme_popover_set_query (CarnetThemePopover *self,
                                const char         *query)
{
  g_return_if_fail (CARNET_IS_THEME_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), query != NULL ? query : "");
  on_search_changed (self);
}

/**
 * carnet_theme_popover_choose:
 *
 * Picks the highlighted theme, as Enter does.
 *
 * Returns: whether a theme matched
 */
gboolean
carnet_theme_popover_choose (CarnetThemePopover *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CARNET_IS_THEME_POPOVER (self), FALSE);

  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL || !row_matches (self, row))
    row = first_visible_row (self);
  if (row == NULL)
    return FALSE;
  choose_row (self, row);
  return TRUE;
}
