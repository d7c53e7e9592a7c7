/* carnet-record-list.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-record-list"

#include "config.h"

#include "carnet-fiche-index.h"
#include "carnet-record-list.h"

/* The result of a query as a GListModel. It holds only the row ids; a record is loaded when
 * a list row asks for it, so a list of a hundred thousand actions costs a few hundred kB
 * and the widgets bind only what is on screen. It refreshes itself when the store says its
 * type changed. */

struct _CarnetRecordList
{
  GObject      parent_instance;

  CarnetStore *store;
  GType        type;
  const char  *sql;      /* interned */
  GStrv        params;
  GArray      *ids;
  GPtrArray   *keys;     /* section keys (interned), when the query has a second column */
  CarnetQuery *query;    /* the query of carnet_store_query(), answered by the index */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CarnetRecordList, carnet_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
carnet_record_list_get_item_type (GListModel *model)
{
  return CARNET_RECORD_LIST (model)->type;
}

static guint
carnet_record_list_get_n_items (GListModel *model)
{
  return CARNET_RECORD_LIST (model)->ids->len;
}

static gpointer
carnet_record_list_get_item (GListModel *model,
                             guint       position)
{
  CarnetRecordList *self = CARNET_RECORD_LIST (model);

  if (position >= self->ids->len)
    return NULL;
  return _carnet_store_load (self->store, self->type, g_array_index (self->ids, gint64, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carnet_record_list_get_item_type;
  iface->get_n_items = carnet_record_list_get_n_items;
  iface->get_item = carnet_record_list_get_item;
}

/* The rows, from the index of projects and actions when it can answer, else from SQLite. */
static GArray *
query_ids (CarnetRecordList  *self,
           GPtrArray        **keys)
{
  CarnetQuerySpec spec;
  GArray *ids;

  if (self->query != NULL && _carnet_query_get_spec (self->query, &spec) &&
      _carnet_fiche_index_evaluate (self->store, &spec, &ids, keys))
    return ids;
  return _carnet_store_query_ids (self->store, self->sql, (const char **)self->params, keys);
}

static void
carnet_record_list_finalize (GObject *object)
{
  CarnetRecordList *self = (CarnetRecordList *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->params, g_strfreev);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->query, carnet_query_free);

  G_OBJECT_CLASS (carnet_record_list_parent_class)->finalize (object);
}

static void
carnet_record_list_class_init (CarnetRecordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carnet_record_list_finalize;
}

static void
carnet_record_list_init (CarnetRecordList *self)
{
}

/**
 * carnet_record_list_new:
 * @sql: a query whose first column is the id of a row of @type's table; `?` parameters
 *   are bound from @params
 */
CarnetRecordList *
carnet_record_list_new (CarnetStore  *store,
                        GType         type,
                        const char   *sql,
                        const char  **params)
{
  CarnetRecordList *self;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, CARNET_TYPE_RECORD), NULL);

  self = g_object_new (CARNET_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->sql = g_intern_string (sql);
  self->params = g_strdupv ((GStrv)params);
  self->ids = _carnet_store_query_ids (store, self->sql, (const char **)self->params, &self->keys);

  _carnet_store_register_list (store, self);
  return self;
}

/* For carnet_store_query(): a list of @query, whose SQL is @sql. */
CarnetRecordList *
_carnet_record_list_new_for_query (CarnetStore       *store,
                                   const CarnetQuery *query,
                                   GType              type,
                                   const char        *sql,
                                   const char       **params)
{
  CarnetRecordList *self;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, CARNET_TYPE_RECORD), NULL);

  self = g_object_new (CARNET_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->sql = g_intern_string (sql);
  self->params = g_strdupv ((GStrv)params);
  self->query = carnet_query_copy (query);
  self->ids = query_ids (self, &self->keys);

  _carnet_store_register_list (store, self);
  return self;
}

/* A row stays when it is the same record in the same section (the keys are interned). */
static gboolean
same_row (GArray    *old_ids,
          GPtrArray *old_keys,
          guint      i,
          GArray    *ids,
          GPtrArray *keys,
          guint      j)
{
  return g_array_index (old_ids, gint64, i) == g_array_index (ids, gint64, j) &&
         (old_keys == NULL || keys == NULL ||
          g_ptr_array_index (old_keys, i) == g_ptr_array_index (keys, j));
}

/* Runs the query again and tells the views what changed: the common prefix and suffix are
 * kept, so an insertion or a deletion is reported as such and the views keep their
 * selection and scroll position. */
void
carnet_record_list_refresh (CarnetRecordList *self)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GPtrArray) old_keys = NULL;
  guint prefix = 0, suffix = 0;
  guint old_len, new_len;

  g_return_if_fail (CARNET_IS_RECORD_LIST (self));

  old = self->ids;
  old_keys = g_steal_pointer (&self->keys);
  self->ids = query_ids (self, &self->keys);
  old_len = old->len;
  new_len = self->ids->len;

  while (prefix < old_len && prefix < new_len &&
         same_row (old, old_keys, prefix, self->ids, self->keys, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         same_row (old, old_keys, old_len - 1 - suffix,
                   self->ids, self->keys, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix, new_len - prefix - suffix);
}

/**
 * carnet_record_list_find:
 * @id: the id of a record (carnet_record_get_id())
 * @position: (out) (optional): where it is in the list
 *
 * Returns: whether the list holds that record; it loads no record to know
 */
gboolean
carnet_record_list_find (CarnetRecordList *self,
                         gint64            id,
                         guint            *position)
{
  g_return_val_if_fail (CARNET_IS_RECORD_LIST (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * carnet_record_list_has_sections:
 *
 * Returns: whether the query grouped its rows (see carnet_store_query())
 */
gboolean
carnet_record_list_has_sections (CarnetRecordList *self)
{
  g_return_val_if_fail (CARNET_IS_RECORD_LIST (self), FALSE);

  return self->keys != NULL;
}

/**
 * carnet_record_list_get_section_key:
 *
 * Returns: (nullable): the key of the section of the item at @position: the UUID of its
 *   project or theme
 */
const char *
carnet_record_list_get_section_key (CarnetRecordList *self,
                                    guint             position)
{
  g_return_val_if_fail (CARNET_IS_RECORD_LIST (self), NULL);

  if (self->keys == NULL || position >= self->keys->len)
    return NULL;
  return g_ptr_array_index (self->keys, position);
}

/**
 * carnet_record_list_get_section:
 * @out_start: (out): the first position of the section
 * @out_end: (out): the position after its last item
 *
 * The run of items that share the section key of @position (the whole list when it has no
 * sections; [n, G_MAXUINT] past its end, as GtkSectionModel wants).
 */
void
carnet_record_list_get_section (CarnetRecordList *self,
                                guint             position,
                                guint            *out_start,
                                guint            *out_end)
{
  guint start = position, end = position + 1;
  const char *key;

  g_return_if_fail (CARNET_IS_RECORD_LIST (self));

  if (position >= self->ids->len)
    {
      *out_start = self->ids->len;
      *out_end = G_MAXUINT;
      return;
    }
  if (self->keys == NULL)
    {
      *out_start = 0;
      *out_end = self->ids->len;
      return;
    }
  /* Keys are interned: comparing pointers compares strings. */
  key = g_ptr_array_index (self->keys, position);
  while (start > 0 && g_ptr_array_index (self->keys, start - 1) == key)
    start--;
  while (end < self->keys->len && g_ptr_array_index (self->keys, end) == key)
    end++;
  *out_start = start;
  *out_end = end;
}
