/* carnet-growing-model.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-growing-model"

#include "config.h"

#include "carnet-growing-model.h"

/* The first items of a list, then more and more of them, a batch at each idle moment, until
 * all are there. A GtkListBox makes a row for every item of its model at once: the 1,650
 * communes of a national database would hold up the window's first frame by half a second.
 * Bound to this model, it shows the first communes at once and the others just after. */

#define BATCH 50

struct _CarnetGrowingModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;     /* how many items may be shown; G_MAXUINT once grown */
  guint       n_items;   /* MIN (limit, items of the model) */
  guint       grow_source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarnetGrowingModel, carnet_growing_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
carnet_growing_model_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (CARNET_GROWING_MODEL (model)->model);
}

static guint
carnet_growing_model_get_n_items (GListModel *model)
{
  return CARNET_GROWING_MODEL (model)->n_items;
}

static gpointer
carnet_growing_model_get_item (GListModel *model,
                               guint       position)
{
  CarnetGrowingModel *self = CARNET_GROWING_MODEL (model);

  return position < self->n_items ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carnet_growing_model_get_item_type;
  iface->get_n_items = carnet_growing_model_get_n_items;
  iface->get_item = carnet_growing_model_get_item;
}

/* Shows the items up to the limit that are not shown yet. */
static void
expose (CarnetGrowingModel *self)
{
  guint n = MIN (self->limit, g_list_model_get_n_items (self->model));
  guint old = self->n_items;

  if (n <= old)
    return;
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
}

static gboolean
grow (gpointer data)
{
  CarnetGrowingModel *self = data;
  guint total = g_list_model_get_n_items (self->model);

  self->limit = self->limit + BATCH >= total ? G_MAXUINT : self->limit + BATCH;
  expose (self);
  if (self->limit != G_MAXUINT)
    return G_SOURCE_CONTINUE;
  self->grow_source = 0;
  return G_SOURCE_REMOVE;
}

static void
on_items_changed (CarnetGrowingModel *self,
                  guint               position,
                  guint               removed,
                  guint               added)
{
  guint old = self->n_items;
  guint n = MIN (self->limit, g_list_model_get_n_items (self->model));

  if (self->limit == G_MAXUINT)
    {
      self->n_items = n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  /* Still growing: everything shown from @position on is told again. */
  if (position >= old)
    {
      expose (self);
      return;
    }
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, old - position, n - position);
}

static void
carnet_growing_model_dispose (GObject *object)
{
  CarnetGrowingModel *self = (CarnetGrowingModel *)object;

  g_clear_handle_id (&self->grow_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (carnet_growing_model_parent_class)->dispose (object);
}

static void
carnet_growing_model_class_init (CarnetGrowingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = carnet_growing_model_dispose;
}

static void
carnet_growing_model_init (CarnetGrowingModel *self)
{
}

/**
 * carnet_growing_model_new:
 * @model: the whole list
 * @first: how many items to show at first
 */
CarnetGrowingModel *
carnet_growing_model_new (GListModel *model,
                          guint       first)
{
  CarnetGrowingModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (CARNET_TYPE_GROWING_MODEL, NULL);
  self->model = g_object_ref (model);
  self->limit = MAX (first, 1);
  self->n_items = MIN (self->limit, g_list_model_get_n_items (model));
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  if (g_list_model_get_n_items (model) <= self->limit)
    self->limit = G_MAXUINT;
  return self;
}

/**
 * carnet_growing_model_start:
 *
 * Starts showing the other items, a batch at each idle moment: called once the first
 * items are drawn, so that the batches do not delay that frame.
 */
void
carnet_growing_model_start (CarnetGrowingModel *self)
{
  g_return_if_fail (CARNET_IS_GROWING_MODEL (self));

  if (self->limit != G_MAXUINT && self->grow_source == 0)
    self->grow_source = g_idle_add_full (G_PRIORITY_LOW, grow, self, NULL);
}

/**
 * carnet_growing_model_grow_to:
 *
 * Shows at least the first @n_items items now (to select one of them, say).
 */
void
carnet_growing_model_grow_to (CarnetGrowingModel *self,
                              guint               n_items)
{
  g_return_if_fail (CARNET_IS_GROWING_MODEL (self));

  if (self->limit == G_MAXUINT || n_items <= self->n_items)
    return;
  self->limit = MAX (self->limit, n_items);
  expose (self);
}
