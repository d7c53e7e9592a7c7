/* carnet-walk-review.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walk-review"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-ui-util.h"
#include "carnet-walk-review.h"
#include "carnet-walk-rows.h"

/* The review of the walks: the irritants and ideas noted on every walk of a commune (or of
 * all), counted and listed by theme, what a steering committee reads to see where the town
 * centre hurts and what people want. It follows what is typed in the walk beside it. A list
 * box, not a list view: a few hundred rows at most, and its headings stay where they are
 * while the rows change under them. */

struct _CarnetWalkReview
{
  GtkWidget           parent_instance;

  CarnetStore        *store;
  CarnetRecord       *commune;
  CarnetReview       *review;
  GListModel         *themes;
  GPtrArray          *theme_uuids;  /* parallel to theme_dropdown; [0] is NULL */
  GtkSizeGroup       *kind_sizes;
  gboolean            active;
  guint               refresh_idle;

  GtkDropDown        *theme_dropdown;
  GtkLabel           *summary;
  GtkStack           *stack;
  GtkListBox         *list_box;
};

G_DEFINE_FINAL_TYPE (CarnetWalkReview, carnet_walk_review, GTK_TYPE_WIDGET)

enum {
  OBSERVATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_theme (CarnetWalkReview *self)
{
  guint selected = gtk_drop_down_get_selected (self->theme_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->theme_uuids->len)
    return NULL;
  return g_ptr_array_index (self->theme_uuids, selected);
}

static char *
counts_text (guint irritants,
             guint ideas)
{
  g_autofree char *a = g_strdup_printf (g_dngettext (NULL, "%u irritant", "%u irritants", irritants),
                                        irritants);
  g_autofree char *b = g_strdup_printf (g_dngettext (NULL, "%u idea", "%u ideas", ideas), ideas);

  return g_strdup_printf ("%s · %s", a, b);
}

static CarnetReview *
query (CarnetWalkReview *self)
{
  return carnet_store_review (self->store,
                              self->commune != NULL ? carnet_record_get_uuid (self->commune) : NULL,
                              selected_theme (self));
}

static GtkWidget *
create_header (CarnetWalkReview *self,
               const char       *key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *counts = gtk_label_new (NULL);
  const CarnetReviewTheme *theme_counts = carnet_review_find_theme (self->review, key);
  g_autoptr(CarnetRecord) theme = NULL;
  g_autofree char *text = NULL;

  if (key != NULL && *key != '\0')
    theme = carnet_store_get (self->store, CARNET_TYPE_THEME, key, NULL);
  carnet_ui_set_theme_icon (GTK_IMAGE (icon), theme);
  gtk_label_set_text (GTK_LABEL (name), theme != NULL ? carnet_record_get_string (theme, "name")
                                                      : _("No theme"));
  text = counts_text (theme_counts != NULL ? theme_counts->n_irritants : 0,
                      theme_counts != NULL ? theme_counts->n_ideas : 0);
  gtk_label_set_text (GTK_LABEL (counts), text);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (counts, "caption");
  gtk_widget_add_css_class (counts, "dim-label");
  gtk_widget_add_css_class (counts, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), counts);
  return box;
}

/* A heading before the first row of each theme. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CarnetWalkReview *self = user_data;
  const char *key, *previous = NULL;
  int index = gtk_list_box_row_get_index (row);

  if (self->review == NULL)
    return;
  key = carnet_record_list_get_section_key (self->review->observations, index);
  if (before != NULL)
    previous = carnet_record_list_get_section_key (self->review->observations,
                                                   gtk_list_box_row_get_index (before));
  if (before != NULL && previous == key)
    gtk_list_box_row_set_header (row, NULL);
  else
    gtk_list_box_row_set_header (row, create_header (self, key));
}

/* Rows */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CarnetWalkReview *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *summary = carnet_observation_summary_new (self->kind_sizes);

  carnet_observation_summary_set (summary, self->store, item, self->commune == NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), summary);
  return row;
}

static void
update_summary (CarnetWalkReview *self)
{
  g_autofree char *text = counts_text (self->review->n_irritants, self->review->n_ideas);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->review->observations));

  gtk_label_set_text (self->summary, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
rebuild (CarnetWalkReview *self)
{
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_pointer (&self->review, carnet_review_free);
  self->review = query (self);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->review->observations),
                           create_row, self, NULL);
  update_summary (self);
}

/* The list follows changes by itself; the counts are read again. */
static void
refresh_counts (gpointer data)
{
  CarnetWalkReview *self = data;
  g_autoptr(CarnetReview) fresh = NULL;
  GArray *themes;

  self->refresh_idle = 0;
  if (self->review == NULL)
    return;
  fresh = query (self);
  themes = self->review->themes;
  self->review->themes = fresh->themes;
  fresh->themes = themes;
  self->review->n_irritants = fresh->n_irritants;
  self->review->n_ideas = fresh->n_ideas;
  update_summary (self);
  gtk_list_box_invalidate_headers (self->list_box);
}

static void
fill_themes (CarnetWalkReview *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *selected = selected_theme (self);
  guint position = 0, n = g_list_model_get_n_items (self->themes);

  g_ptr_array_set_size (self->theme_uuids, 0);
  gtk_string_list_append (names, _("All themes"));
  g_ptr_array_add (self->theme_uuids, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (self->themes, i);
      const char *uuid = g_intern_string (carnet_record_get_uuid (theme));

      gtk_string_list_append (names, carnet_record_get_string (theme, "name"));
      g_ptr_array_add (self->theme_uuids, (gpointer)uuid);
      if (uuid == selected)
        position = i + 1;
    }
  g_signal_handlers_block_matched (self->theme_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->theme_dropdown, position);
  g_signal_handlers_unblock_matched (self->theme_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* Callbacks */

static void
on_theme_changed (CarnetWalkReview *self)
{
  if (self->store != NULL && self->active)
    rebuild (self);
}

static void
on_row_activated (CarnetWalkReview *self,
                  GtkListBoxRow    *row)
{
  g_autoptr(CarnetRecord) observation = NULL;

  if (self->review == NULL)
    return;
  observation = g_list_model_get_item (G_LIST_MODEL (self->review->observations),
                                       gtk_list_box_row_get_index (row));
  if (observation != NULL)
    g_signal_emit (self, signals[OBSERVATION_ACTIVATED], 0, observation);
}

static void
on_records_changed (CarnetWalkReview *self,
                    GType             type)
{
  if (self->review != NULL && self->refresh_idle == 0 &&
      (type == CARNET_TYPE_OBSERVATION || type == CARNET_TYPE_WALK || type == CARNET_TYPE_THEME))
    self->refresh_idle = g_idle_add_once (refresh_counts, self);
}

static void
carnet_walk_review_dispose (GObject *object)
{
  CarnetWalkReview *self = (CarnetWalkReview *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_WALK_REVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->review, carnet_review_free);
  g_clear_object (&self->themes);
  g_clear_object (&self->kind_sizes);
  g_clear_object (&self->commune);
  g_clear_object (&self->store);
  g_clear_pointer (&self->theme_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (carnet_walk_review_parent_class)->dispose (object);
}

static void
carnet_walk_review_class_init (CarnetWalkReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_walk_review_dispose;

  /**
   * CarnetWalkReview::observation-activated:
   * @observation: the irritant or idea picked
   */
  signals[OBSERVATION_ACTIVATED] =
    g_signal_new ("observation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-walk-review.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkReview, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkReview, summary);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkReview, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkReview, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_theme_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
carnet_walk_review_init (CarnetWalkReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->theme_uuids = g_ptr_array_new ();
  self->kind_sizes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);
}

CarnetWalkReview *
carnet_walk_review_new (CarnetStore *store)
{
  CarnetWalkReview *self = g_object_new (CARNET_TYPE_WALK_REVIEW, NULL);

  self->store = g_object_ref (store);
  self->themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (fill_themes), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "records-changed", G_CALLBACK (on_records_changed), self,
                           G_CONNECT_SWAPPED);
  fill_themes (self);
  return self;
}

/**
 * carnet_walk_review_set_commune:
 * @commune: (nullable): the commune reviewed, or %NULL for all
 */
void
carnet_walk_review_set_commune (CarnetWalkReview *self,
                                CarnetRecord     *commune)
{
  g_return_if_fail (CARNET_IS_WALK_REVIEW (self));

  g_set_object (&self->commune, commune);
  if (self->active)
    rebuild (self);
  else
    g_clear_pointer (&self->review, carnet_review_free);
}

/**
 * carnet_walk_review_set_theme:
 * @theme_uuid: (nullable): the theme kept, or %NULL for all
 */
void
carnet_walk_review_set_theme (CarnetWalkReview *self,
                              const char       *theme_uuid)
{
  guint position = 0;

  g_return_if_fail (CARNET_IS_WALK_REVIEW (self));

  for (guint i = 1; i < self->theme_uuids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->theme_uuids, i), theme_uuid) == 0)
      position = i;
  gtk_drop_down_set_selected (self->theme_dropdown, position);
}

/* The review is read only while it is shown. */
void
carnet_walk_review_set_active (CarnetWalkReview *self,
                               gboolean          active)
{
  g_return_if_fail (CARNET_IS_WALK_REVIEW (self));

  self->active = active;
  if (active)
    rebuild (self);
}

/**
 * carnet_walk_review_get_review:
 *
 * Returns: (transfer none) (nullable): the review shown, with its counts up to date
 */
CarnetReview *
carnet_walk_review_get_review (CarnetWalkReview *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_REVIEW (self), NULL);

  if (self->refresh_idle != 0)
    {
      g_clear_handle_id (&self->refresh_idle, g_source_remove);
      refresh_counts (self);
    }
  return self->review;
}
