/* carnet-section-model.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-section-model"

#include "config.h"

#include "carnet-section-model.h"

/* Shows a CarnetRecordList to GTK's list views with its sections (the groups its query
 * made), and lets the list behind change (another filter) while the view stays: the core
 * knows nothing of GtkSectionModel, this is where the two meet.
 *
 * A change is told to GTK in two steps, the rows that go, then the rows that come. Told in
 * one, GTK would look for the rows it shows (and the selected one) among all the new rows,
 * loading each of them: a search in a national list would load 100,000 records. In between,
 * the model shows the list without the new rows (carnet_section_model_is_changing()). */

struct _CarnetSectionModel
{
  GObject           parent_instance;

  CarnetRecordList *list;
  gulong            items_changed_id;
  gboolean          changing;   /* between the two steps of a change */
  guint             position;   /* the change's */
  guint             added;
};

static void list_model_iface_init (GListModelInterface *iface);
static void section_model_iface_init (GtkSectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarnetSectionModel, carnet_section_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SECTION_MODEL,
                                                      section_model_iface_init))

static GType
carnet_section_model_get_item_type (GListModel *model)
{
  return CARNET_TYPE_RECORD;
}

static guint
carnet_section_model_get_n_items (GListModel *model)
{
  CarnetSectionModel *self = CARNET_SECTION_MODEL (model);
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  return self->changing ? n - self->added : n;
}

/* Where an item of the model is in the list behind. */
static guint
list_position (CarnetSectionModel *self,
               guint               position)
{
  return self->changing && position >= self->position ? position + self->added : position;
}

static gpointer
carnet_section_model_get_item (GListModel *model,
                               guint       position)
{
  CarnetSectionModel *self = CARNET_SECTION_MODEL (model);

  if (self->list == NULL || position >= carnet_section_model_get_n_items (model))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->list), list_position (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carnet_section_model_get_item_type;
  iface->get_n_items = carnet_section_model_get_n_items;
  iface->get_item = carnet_section_model_get_item;
}

static void
carnet_section_model_get_section (GtkSectionModel *model,
                                  guint            position,
                                  guint           *out_start,
                                  guint           *out_end)
{
  CarnetSectionModel *self = CARNET_SECTION_MODEL (model);

  guint n = carnet_section_model_get_n_items (G_LIST_MODEL (model));

  if (self->list == NULL || position >= n)
    {
      *out_start = n;
      *out_end = G_MAXUINT;
      return;
    }
  if (self->changing)
    {
      /* Sections are told again once the change is over. */
      *out_start = position;
      *out_end = position + 1;
      return;
    }
  carnet_record_list_get_section (self->list, position, out_start, out_end);
}

static void
section_model_iface_init (GtkSectionModelInterface *iface)
{
  iface->get_section = carnet_section_model_get_section;
}

/* The list behind changed at @position: tells the views, the rows that went first. */
static void
tell_change (CarnetSectionModel *self,
             guint               position,
             guint               removed,
             guint               added)
{
  if (removed > 0)
    {
      /* Only when rows come after is there a step in between. */
      self->changing = added > 0;
      self->position = position;
      self->added = self->changing ? added : 0;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
      self->changing = FALSE;
      self->added = 0;
    }
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
}

static void
on_items_changed (CarnetSectionModel *self,
                  guint               position,
                  guint               removed,
                  guint               added)
{
  tell_change (self, position, removed, added);
  /* A change can move a section boundary anywhere after it. */
  if (carnet_record_list_has_sections (self->list))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self));

      if (n > position)
        gtk_section_model_sections_changed (GTK_SECTION_MODEL (self), position, n - position);
    }
}

static void
carnet_section_model_dispose (GObject *object)
{
  CarnetSectionModel *self = (CarnetSectionModel *)object;

  g_clear_signal_handler (&self->items_changed_id, self->list);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (carnet_section_model_parent_class)->dispose (object);
}

static void
carnet_section_model_class_init (CarnetSectionModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = carnet_section_model_dispose;
}

static void
carnet_section_model_init (CarnetSectionModel *self)
{
}

CarnetSectionModel *
carnet_section_model_new (void)
{
  return g_object_new (CARNET_TYPE_SECTION_MODEL, NULL);
}

/**
 * carnet_section_model_set_list:
 * @list: (nullable) (transfer none): the records to show
 *
 * Replaces the whole content, as one change.
 */
void
carnet_section_model_set_list (CarnetSectionModel *self,
                               CarnetRecordList   *list)
{
  guint removed, added;

  g_return_if_fail (CARNET_IS_SECTION_MODEL (self));

  if (self->list == list)
    return;
  removed = carnet_section_model_get_n_items (G_LIST_MODEL (self));
  g_clear_signal_handler (&self->items_changed_id, self->list);
  g_set_object (&self->list, list);
  if (list != NULL)
    self->items_changed_id = g_signal_connect_swapped (list, "items-changed",
                                                       G_CALLBACK (on_items_changed), self);
  added = list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  tell_change (self, 0, removed, added);
}

/**
 * carnet_section_model_is_changing:
 *
 * Returns: whether the model is between the two steps of a change: rows went, and the new
 *   ones are about to come (a row that went may come back)
 */
gboolean
carnet_section_model_is_changing (CarnetSectionModel *self)
{
  g_return_val_if_fail (CARNET_IS_SECTION_MODEL (self), FALSE);

  return self->changing;
}

/**
 * carnet_section_model_get_list:
 *
 * Returns: (transfer none) (nullable): the records shown
 */
CarnetRecordList *
carnet_section_model_get_list (CarnetSectionModel *self)
{
  g_return_val_if_fail (CARNET_IS_SECTION_MODEL (self), NULL);

  return self->list;
}
