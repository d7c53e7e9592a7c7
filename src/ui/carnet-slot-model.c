/* carnet-slot-model.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-slot-model"

#include "config.h"

#include "carnet-slot-model.h"

/* The list pane's rows as GTK sees them: one slot a position, whose record changes when the
 * list does.
 *
 * A list view keeps the widgets of the rows near the screen, keyed by their items. Told
 * that the records at every position changed (a keystroke in the search), it destroys those
 * widgets and builds new ones, some seventy, which took most of a keystroke's 60 ms. Here
 * the items are positions: a new list leaves them in place, GTK is told only of the
 * positions that came or went at the end, and “changed” names the positions whose record is
 * another, for the pane to bind those rows again. The sections are those of the records. */

struct _CarnetListSlot
{
  GObject          parent_instance;

  CarnetSlotModel *model;        /* not owned; NULL once it is gone */
  guint            position;
  guint            generation;   /* the model's, when the record was looked up */
  CarnetRecord    *record;
};

G_DEFINE_FINAL_TYPE (CarnetListSlot, carnet_list_slot, G_TYPE_OBJECT)

struct _CarnetSlotModel
{
  GObject             parent_instance;

  CarnetSectionModel *records;
  GHashTable         *slots;     /* position → CarnetListSlot, not owned */
  guint               n_items;
  guint               generation;
  gboolean            changing;  /* while GTK is told of a change */
  guint               from;      /* the first position of a change in two steps */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);
static void section_model_iface_init (GtkSectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarnetSlotModel, carnet_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SECTION_MODEL,
                                                      section_model_iface_init))

/* Slots */

static void
carnet_list_slot_finalize (GObject *object)
{
  CarnetListSlot *self = (CarnetListSlot *)object;

  g_clear_object (&self->record);

  G_OBJECT_CLASS (carnet_list_slot_parent_class)->finalize (object);
}

static void
carnet_list_slot_class_init (CarnetListSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carnet_list_slot_finalize;
}

static void
carnet_list_slot_init (CarnetListSlot *self)
{
}

/**
 * carnet_list_slot_get_record:
 *
 * Returns: (transfer none) (nullable): the record at the slot's position now
 */
CarnetRecord *
carnet_list_slot_get_record (CarnetListSlot *self)
{
  g_return_val_if_fail (CARNET_IS_LIST_SLOT (self), NULL);

  if (self->model == NULL || self->position >= self->model->n_items)
    {
      g_clear_object (&self->record);
      return NULL;
    }
  if (self->record == NULL || self->generation != self->model->generation)
    {
      g_clear_object (&self->record);
      self->record = g_list_model_get_item (G_LIST_MODEL (self->model->records), self->position);
      self->generation = self->model->generation;
    }
  return self->record;
}

/* The model */

static GType
carnet_slot_model_get_item_type (GListModel *model)
{
  return CARNET_TYPE_LIST_SLOT;
}

static guint
carnet_slot_model_get_n_items (GListModel *model)
{
  return CARNET_SLOT_MODEL (model)->n_items;
}

static void
on_slot_gone (gpointer  data,
              GObject  *slot)
{
  CarnetSlotModel *self = data;

  g_hash_table_remove (self->slots, GUINT_TO_POINTER (CARNET_LIST_SLOT (slot)->position));
}

static gpointer
carnet_slot_model_get_item (GListModel *model,
                            guint       position)
{
  CarnetSlotModel *self = CARNET_SLOT_MODEL (model);
  CarnetListSlot *slot;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);
  slot = g_object_new (CARNET_TYPE_LIST_SLOT, NULL);
  slot->model = self;
  slot->position = position;
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  g_object_weak_ref (G_OBJECT (slot), on_slot_gone, self);
  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carnet_slot_model_get_item_type;
  iface->get_n_items = carnet_slot_model_get_n_items;
  iface->get_item = carnet_slot_model_get_item;
}

static void
carnet_slot_model_get_section (GtkSectionModel *model,
                               guint            position,
                               guint           *out_start,
                               guint           *out_end)
{
  CarnetSlotModel *self = CARNET_SLOT_MODEL (model);

  if (position >= self->n_items)
    {
      *out_start = self->n_items;
      *out_end = G_MAXUINT;
      return;
    }
  gtk_section_model_get_section (GTK_SECTION_MODEL (self->records), position, out_start, out_end);
  *out_end = MIN (*out_end, self->n_items);
}

static void
section_model_iface_init (GtkSectionModelInterface *iface)
{
  iface->get_section = carnet_slot_model_get_section;
}

/* The records changed from @from on: the positions that came or went at the end are told to
 * GTK, then the others are named in “changed”. */
static void
on_records_changed (CarnetSlotModel *self,
                    guint            position,
                    guint            removed,
                    guint            added)
{
  guint old = self->n_items;
  guint n, kept, from;

  /* The records tell a change in two steps (carnet-section-model.c): told once over. */
  if (carnet_section_model_is_changing (self->records))
    {
      self->from = MIN (self->from, position);
      return;
    }
  from = MIN (self->from, position);
  self->from = G_MAXUINT;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  kept = MIN (old, n);
  self->generation++;
  self->changing = TRUE;
  self->n_items = n;
  if (old != n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old - kept, n - kept);
  if (n > from)
    gtk_section_model_sections_changed (GTK_SECTION_MODEL (self), from, n - from);
  self->changing = FALSE;
  g_signal_emit (self, signals[CHANGED], 0, MIN (from, kept), kept);
}

static void
carnet_slot_model_dispose (GObject *object)
{
  CarnetSlotModel *self = (CarnetSlotModel *)object;
  GHashTableIter iter;
  gpointer slot;

  if (self->slots != NULL)
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &slot))
        {
          g_object_weak_unref (slot, on_slot_gone, self);
          CARNET_LIST_SLOT (slot)->model = NULL;
        }
      g_clear_pointer (&self->slots, g_hash_table_unref);
    }
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_func (self->records, on_records_changed, self);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (carnet_slot_model_parent_class)->dispose (object);
}

static void
carnet_slot_model_class_init (CarnetSlotModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = carnet_slot_model_dispose;

  /**
   * CarnetSlotModel::changed:
   * @from: the first position whose record may be another
   * @to: the position after the last one (the others came or went, and GTK was told)
   *
   * Emitted after every change of the records, once GTK was told of it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
carnet_slot_model_init (CarnetSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
  self->from = G_MAXUINT;
}

CarnetSlotModel *
carnet_slot_model_new (CarnetSectionModel *records)
{
  CarnetSlotModel *self;

  g_return_val_if_fail (CARNET_IS_SECTION_MODEL (records), NULL);

  self = g_object_new (CARNET_TYPE_SLOT_MODEL, NULL);
  self->records = g_object_ref (records);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (records));
  g_signal_connect_swapped (records, "items-changed", G_CALLBACK (on_records_changed), self);
  return self;
}

/**
 * carnet_slot_model_is_changing:
 *
 * Returns: whether GTK is being told of a change: the selection it reports then may be
 *   about to change again
 */
gboolean
carnet_slot_model_is_changing (CarnetSlotModel *self)
{
  g_return_val_if_fail (CARNET_IS_SLOT_MODEL (self), FALSE);

  return self->changing;
}
