/* carnet-walk-list.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walk-list"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-walk-list.h"
#include "carnet-walk-review.h"
#include "carnet-walk-rows.h"

/* The list pane of the walk view: the walks of a commune (or of all), newest first; the
 * review, where the irritants and ideas of every walk are counted and listed by theme; and
 * the search through what was noted. Whatever is picked opens its walk. */

#define SEARCH_LIMIT 200

struct _CarnetWalkList
{
  AdwNavigationPage   parent_instance;

  CarnetStore        *store;
  CarnetRecord       *commune;
  GtkSingleSelection *selection;
  CarnetWalkReview   *review;
  GListModel         *found_observations;
  GListModel         *found_walks;
  GPtrArray          *walk_rows;      /* the bound rows of walks_view, to refresh counts */
  GtkSizeGroup       *kind_sizes;     /* the kinds' pills, one width so that texts align */
  guint               refresh_idle;

  AdwWindowTitle     *window_title;
  GtkToggleButton    *sidebar_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  AdwToggleGroup     *mode_toggle;
  GtkStack           *stack;
  GtkListView        *walks_view;
  AdwBin             *review_bin;
  GtkLabel           *found_observations_label;
  GtkListBox         *found_observations_list;
  GtkLabel           *found_walks_label;
  GtkListBox         *found_walks_list;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (CarnetWalkList, carnet_walk_list, ADW_TYPE_NAVIGATION_PAGE)

enum {
  WALK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
searched (CarnetWalkList *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

static gboolean
reviewing (CarnetWalkList *self)
{
  return g_strcmp0 (adw_toggle_group_get_active_name (self->mode_toggle), "review") == 0;
}

static void
activate_walk (CarnetWalkList *self,
               CarnetRecord   *walk,
               CarnetRecord   *observation)
{
  if (walk != NULL)
    g_signal_emit (self, signals[WALK_ACTIVATED], 0, walk, observation);
}

static void
activate_observation (CarnetWalkList *self,
                      CarnetRecord   *observation)
{
  g_autoptr(CarnetRecord) walk = carnet_store_get (self->store, CARNET_TYPE_WALK,
                                                   carnet_record_get_string (observation, "walk-uuid"),
                                                   NULL);

  activate_walk (self, walk, observation);
}

/* Rows */

static void
setup_walk_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CarnetWalkList           *self)
{
  gtk_list_item_set_child (item, carnet_walk_row_new ());
}

static void
bind_walk_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CarnetWalkList           *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  carnet_walk_row_set_walk (row, self->store, gtk_list_item_get_item (item), self->commune == NULL);
  g_ptr_array_add (self->walk_rows, row);
}

static void
unbind_walk_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CarnetWalkList           *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_ptr_array_remove (self->walk_rows, row);
  carnet_walk_row_set_walk (row, NULL, NULL, FALSE);
}

/* The number of observations of each walk shown follows. */
static void
refresh_rows (gpointer data)
{
  CarnetWalkList *self = data;

  self->refresh_idle = 0;
  for (guint i = 0; i < self->walk_rows->len; i++)
    carnet_walk_row_update (g_ptr_array_index (self->walk_rows, i));
}

/* Search */

static GtkWidget *
create_found_observation (gpointer item,
                          gpointer user_data)
{
  CarnetWalkList *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *summary = carnet_observation_summary_new (self->kind_sizes);

  carnet_observation_summary_set (summary, self->store, item, self->commune == NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), summary);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (item), g_object_unref);
  return row;
}

static GtkWidget *
create_found_walk (gpointer item,
                   gpointer user_data)
{
  CarnetWalkList *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *lines = carnet_walk_row_new ();

  carnet_walk_row_set_walk (lines, self->store, item, self->commune == NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), lines);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (item), g_object_unref);
  return row;
}

static void
update_page (CarnetWalkList *self)
{
  guint walks = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (NULL, "%u walk", "%u walks", walks), walks);

  adw_window_title_set_title (self->window_title, self->commune != NULL
                                                  ? carnet_record_get_title (self->commune)
                                                  : _("All Communes"));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (*searched (self) != '\0')
    {
      guint n_obs = g_list_model_get_n_items (self->found_observations);
      guint n_walks = g_list_model_get_n_items (self->found_walks);

      gtk_widget_set_visible (GTK_WIDGET (self->found_observations_label), n_obs > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->found_walks_label), n_walks > 0);
      if (n_obs + n_walks > 0)
        {
          gtk_stack_set_visible_child_name (self->stack, "search");
          return;
        }
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, _("Try other words"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (reviewing (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "review");
      return;
    }
  if (walks > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "walks");
      return;
    }
  adw_status_page_set_icon_name (self->empty_page, "find-location-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Walks Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("Walk the town centre with the elected officials and partners, "
                                     "and note what you see: press Ctrl+Return to start"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
requery_search (CarnetWalkList *self)
{
  const char *commune = self->commune != NULL ? carnet_record_get_uuid (self->commune) : NULL;

  if (self->found_observations != NULL)
    g_signal_handlers_disconnect_by_func (self->found_observations, update_page, self);
  if (self->found_walks != NULL)
    g_signal_handlers_disconnect_by_func (self->found_walks, update_page, self);
  g_clear_object (&self->found_observations);
  g_clear_object (&self->found_walks);
  self->found_observations = G_LIST_MODEL (carnet_store_search_observations (self->store, commune,
                                                                            searched (self), SEARCH_LIMIT));
  self->found_walks = G_LIST_MODEL (carnet_store_search_walks (self->store, commune, searched (self),
                                                               SEARCH_LIMIT));
  g_signal_connect_swapped (self->found_observations, "items-changed", G_CALLBACK (update_page), self);
  g_signal_connect_swapped (self->found_walks, "items-changed", G_CALLBACK (update_page), self);
  gtk_list_box_bind_model (self->found_observations_list, self->found_observations,
                           create_found_observation, self, NULL);
  gtk_list_box_bind_model (self->found_walks_list, self->found_walks, create_found_walk, self, NULL);
  update_page (self);
}

/* Callbacks */

static void
on_search_changed (CarnetWalkList *self)
{
  requery_search (self);
}

static void
on_stop_search (CarnetWalkList *self)
{
  carnet_walk_list_set_search (self, NULL);
}

static void
on_mode_changed (CarnetWalkList *self)
{
  if (self->store == NULL)
    return;
  carnet_walk_review_set_active (self->review, reviewing (self));
  update_page (self);
}

static void
on_walk_activated (CarnetWalkList *self,
                   guint           position)
{
  g_autoptr(CarnetRecord) walk = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  activate_walk (self, walk, NULL);
}

static void
on_review_activated (CarnetWalkList *self,
                     CarnetRecord   *observation)
{
  activate_observation (self, observation);
}

static void
on_found_observation_activated (CarnetWalkList *self,
                                GtkListBoxRow  *row)
{
  activate_observation (self, g_object_get_data (G_OBJECT (row), "record"));
}

static void
on_found_walk_activated (CarnetWalkList *self,
                         GtkListBoxRow  *row)
{
  activate_walk (self, g_object_get_data (G_OBJECT (row), "record"), NULL);
}

static void
on_records_changed (CarnetWalkList *self,
                    GType           type)
{
  if ((type == CARNET_TYPE_OBSERVATION || type == CARNET_TYPE_WALK || type == CARNET_TYPE_COMMUNE) &&
      self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_once (refresh_rows, self);
}

static void
carnet_walk_list_dispose (GObject *object)
{
  CarnetWalkList *self = (CarnetWalkList *)object;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->found_observations_list != NULL)
    {
      gtk_list_box_bind_model (self->found_observations_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->found_walks_list, NULL, NULL, NULL, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_WALK_LIST);
  self->review = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->kind_sizes);
  g_clear_object (&self->found_observations);
  g_clear_object (&self->found_walks);
  g_clear_object (&self->commune);
  g_clear_object (&self->store);
  g_clear_pointer (&self->walk_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (carnet_walk_list_parent_class)->dispose (object);
}

static void
carnet_walk_list_class_init (CarnetWalkListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_walk_list_dispose;

  /**
   * CarnetWalkList::walk-activated:
   * @walk: the walk to open
   * @observation: (nullable): the observation to show in it
   */
  signals[WALK_ACTIVATED] =
    g_signal_new ("walk-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, CARNET_TYPE_RECORD, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-walk-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, window_title);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, mode_toggle);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, walks_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, review_bin);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, found_observations_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, found_observations_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, found_walks_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, found_walks_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_walk_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_found_observation_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_found_walk_activated);
}

static void
carnet_walk_list_init (CarnetWalkList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind_sizes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->walk_rows = g_ptr_array_new ();

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->walks_view, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_walk_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_walk_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_walk_row), self);
  gtk_list_view_set_factory (self->walks_view, factory);
  g_object_unref (factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

CarnetWalkList *
carnet_walk_list_new (CarnetStore *store)
{
  CarnetWalkList *self = g_object_new (CARNET_TYPE_WALK_LIST, NULL);

  self->store = g_object_ref (store);
  self->review = carnet_walk_review_new (store);
  adw_bin_set_child (self->review_bin, GTK_WIDGET (self->review));
  g_signal_connect_object (self->review, "observation-activated", G_CALLBACK (on_review_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "records-changed", G_CALLBACK (on_records_changed), self,
                           G_CONNECT_SWAPPED);
  carnet_walk_list_set_commune (self, NULL);
  requery_search (self);
  return self;
}

/**
 * carnet_walk_list_set_commune:
 * @commune: (nullable): the commune whose walks to show, or %NULL for all
 */
void
carnet_walk_list_set_commune (CarnetWalkList *self,
                              CarnetRecord   *commune)
{
  g_autoptr(CarnetRecordList) walks = NULL;
  GListModel *old;

  g_return_if_fail (CARNET_IS_WALK_LIST (self));

  g_set_object (&self->commune, commune);
  walks = carnet_store_list_walks (self->store, commune != NULL ? carnet_record_get_uuid (commune) : NULL);
  old = gtk_single_selection_get_model (self->selection);
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, update_page, self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (walks));
  g_signal_connect_swapped (walks, "items-changed", G_CALLBACK (update_page), self);
  carnet_walk_review_set_commune (self->review, commune);
  if (*searched (self) != '\0')
    requery_search (self);
  update_page (self);
}

/**
 * carnet_walk_list_get_commune:
 *
 * Returns: (transfer none) (nullable): the commune shown, %NULL for all
 */
CarnetRecord *
carnet_walk_list_get_commune (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return self->commune;
}

/* Highlights @walk in the list, if it is there. */
void
carnet_walk_list_select_walk (CarnetWalkList *self,
                              CarnetRecord   *walk)
{
  GListModel *model;
  guint n;

  g_return_if_fail (CARNET_IS_WALK_LIST (self));

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) item = g_list_model_get_item (model, i);

      if (item == walk)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_list_view_scroll_to (self->walks_view, i, GTK_LIST_SCROLL_NONE, NULL);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/**
 * carnet_walk_list_get_walks:
 *
 * Returns: (transfer none): the walks listed, newest first
 */
GListModel *
carnet_walk_list_get_walks (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/* Opens the search bar with @text, as typing in it would. */
void
carnet_walk_list_set_search (CarnetWalkList *self,
                             const char     *text)
{
  g_return_if_fail (CARNET_IS_WALK_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  requery_search (self);
}

/* Ctrl+F: the search bar opens with the cursor in it. */
void
carnet_walk_list_start_search (CarnetWalkList *self)
{
  g_return_if_fail (CARNET_IS_WALK_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * carnet_walk_list_get_found_observations:
 *
 * Returns: (transfer none): the observations the search found
 */
GListModel *
carnet_walk_list_get_found_observations (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return self->found_observations;
}

/**
 * carnet_walk_list_get_found_walks:
 *
 * Returns: (transfer none): the walks the search found
 */
GListModel *
carnet_walk_list_get_found_walks (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return self->found_walks;
}

void
carnet_walk_list_show_review (CarnetWalkList *self,
                              gboolean        review)
{
  g_return_if_fail (CARNET_IS_WALK_LIST (self));

  adw_toggle_group_set_active_name (self->mode_toggle, review ? "review" : "walks");
}

/**
 * carnet_walk_list_set_review_theme:
 * @theme_uuid: (nullable): the theme the review keeps, or %NULL for all
 */
void
carnet_walk_list_set_review_theme (CarnetWalkList *self,
                                   const char     *theme_uuid)
{
  g_return_if_fail (CARNET_IS_WALK_LIST (self));

  carnet_walk_review_set_theme (self->review, theme_uuid);
}

/**
 * carnet_walk_list_get_review:
 *
 * Returns: (transfer none) (nullable): the review shown, once the review was opened
 */
CarnetReview *
carnet_walk_list_get_review (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return carnet_walk_review_get_review (self->review);
}

/**
 * carnet_walk_list_get_page_name:
 *
 * Returns: what the pane shows: "walks", "review", "search" or "empty"
 */
const char *
carnet_walk_list_get_page_name (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * carnet_walk_list_get_sidebar_button:
 *
 * Returns: (transfer none): the button that shows the window's sidebar when it is folded
 */
GtkWidget *
carnet_walk_list_get_sidebar_button (CarnetWalkList *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_LIST (self), NULL);

  return GTK_WIDGET (self->sidebar_button);
}
