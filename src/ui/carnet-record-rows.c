/* carnet-record-rows.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-record-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-format.h"
#include "carnet-record-rows.h"

/* The rows of a boxed list that follow a live list of records (the funding lines, notes
 * and steps of an action…). Unlike gtk_list_box_bind_model(), a row is made once per
 * record and kept while the record is in the list: a refresh or a change of order never
 * takes the focus from the row being typed in. Rows that are not a record's (an “Add…”
 * row) stay at the end. */

typedef struct
{
  GListModel          *model;
  CarnetRecordRowFunc  create_row;
  gpointer             user_data;
  GHashTable          *rows;   /* CarnetRecord → GtkWidget row, both unowned */
} Binding;

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_clear_object (&binding->model);
  g_clear_pointer (&binding->rows, g_hash_table_unref);
  g_free (binding);
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       data)
{
  guint pa = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "carnet-position"));
  guint pb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "carnet-position"));

  /* Positions are stored + 1, so that 0 (no record) sorts last. */
  if (pa == 0 || pb == 0)
    return (pa == 0) - (pb == 0);
  return (pa > pb) - (pa < pb);
}

static void
sync_rows (GtkListBox *box)
{
  Binding *binding = g_object_get_data (G_OBJECT (box), "carnet-record-rows");
  g_autoptr(GHashTable) live = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  guint n = g_list_model_get_n_items (binding->model);
  GHashTableIter iter;
  gpointer record, row;

  for (guint i = 0; i < n; i++)
    {
      CarnetRecord *item = g_list_model_get_item (binding->model, i);

      g_hash_table_insert (live, item, GUINT_TO_POINTER (i + 1));
    }

  g_hash_table_iter_init (&iter, binding->rows);
  while (g_hash_table_iter_next (&iter, &record, &row))
    if (!g_hash_table_contains (live, record))
      {
        g_hash_table_iter_remove (&iter);
        gtk_list_box_remove (box, row);
      }

  g_hash_table_iter_init (&iter, live);
  while (g_hash_table_iter_next (&iter, &record, NULL))
    {
      row = g_hash_table_lookup (binding->rows, record);
      if (row == NULL)
        {
          row = binding->create_row (record, binding->user_data);
          g_assert (GTK_IS_LIST_BOX_ROW (row));
          g_object_set_data_full (G_OBJECT (row), "carnet-record", g_object_ref (record),
                                  g_object_unref);
          g_hash_table_insert (binding->rows, record, row);
          gtk_list_box_append (box, row);
        }
      g_object_set_data (G_OBJECT (row), "carnet-position", g_hash_table_lookup (live, record));
    }
  gtk_list_box_invalidate_sort (box);
}

static void
on_items_changed (GtkListBox *box)
{
  sync_rows (box);
}

/**
 * carnet_record_rows_bind:
 * @box: a list box, which may already hold rows that are no record's
 * @model: a list of #CarnetRecord, in the order to show
 * @create_row: makes the row of a record; the row keeps a reference to the record
 *
 * Keeps one row per record of @model in @box, for as long as @box lives. Binding another
 * model removes the rows of the previous one.
 */
void
carnet_record_rows_bind (GtkListBox          *box,
                         GListModel          *model,
                         CarnetRecordRowFunc  create_row,
                         gpointer             user_data)
{
  Binding *binding = g_object_get_data (G_OBJECT (box), "carnet-record-rows");

  g_return_if_fail (GTK_IS_LIST_BOX (box));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (binding != NULL)
    {
      GHashTableIter iter;
      gpointer row;

      g_signal_handlers_disconnect_by_func (binding->model, on_items_changed, box);
      g_hash_table_iter_init (&iter, binding->rows);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        {
          GPtrArray *bindings = g_object_get_data (G_OBJECT (row), "carnet-bindings");

          for (guint i = 0; bindings != NULL && i < bindings->len; i++)
            carnet_field_binding_flush_or_report (g_ptr_array_index (bindings, i));
          gtk_list_box_remove (box, row);
        }
      g_object_set_data (G_OBJECT (box), "carnet-record-rows", NULL);
    }
  if (model == NULL)
    return;

  binding = g_new0 (Binding, 1);
  binding->model = g_object_ref (model);
  binding->create_row = create_row;
  binding->user_data = user_data;
  binding->rows = g_hash_table_new (NULL, NULL);
  g_object_set_data_full (G_OBJECT (box), "carnet-record-rows", binding, binding_free);
  gtk_list_box_set_sort_func (box, compare_rows, NULL, NULL);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), box,
                           G_CONNECT_SWAPPED);
  sync_rows (box);
}

/**
 * carnet_record_rows_find:
 *
 * Returns: (transfer none) (nullable): the row of @record in @box
 */
GtkWidget *
carnet_record_rows_find (GtkListBox   *box,
                         CarnetRecord *record)
{
  Binding *binding = g_object_get_data (G_OBJECT (box), "carnet-record-rows");

  if (binding == NULL)
    return NULL;
  return g_hash_table_lookup (binding->rows, record);
}

/**
 * carnet_record_rows_get_record:
 *
 * Returns: (transfer none) (nullable): the record a row shows
 */
CarnetRecord *
carnet_record_rows_get_record (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "carnet-record");
}

/**
 * carnet_record_rows_add_binding:
 *
 * Gives @row a binding to write when carnet_record_rows_flush() is called; the row owns it.
 */
void
carnet_record_rows_add_binding (GtkWidget          *row,
                                CarnetFieldBinding *binding)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (row), "carnet-bindings");

  if (bindings == NULL)
    {
      bindings = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (row), "carnet-bindings", bindings,
                              (GDestroyNotify)g_ptr_array_unref);
    }
  g_ptr_array_add (bindings, binding);
}

/**
 * carnet_record_rows_lookup_widget:
 * @field: a field name
 *
 * Returns: (transfer none) (nullable): the widget of @row bound to @field
 */
GtkWidget *
carnet_record_rows_lookup_widget (GtkWidget  *row,
                                  const char *field)
{
  GPtrArray *bindings = g_object_get_data (G_OBJECT (row), "carnet-bindings");

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    if (g_strcmp0 (carnet_field_binding_get_field (g_ptr_array_index (bindings, i)), field) == 0)
      return carnet_field_binding_get_widget (g_ptr_array_index (bindings, i));
  return NULL;
}

/**
 * carnet_record_rows_bind_field:
 * @row: the row of @record, which keeps the binding
 * @widget: the widget that edits @field (see carnet_field_binding_new())
 *
 * Returns: (transfer none): @widget
 */
GtkWidget *
carnet_record_rows_bind_field (GtkWidget    *row,
                               CarnetStore  *store,
                               CarnetRecord *record,
                               const char   *field,
                               GtkWidget    *widget)
{
  CarnetFieldBinding *binding = carnet_field_binding_new (store, G_OBJECT_TYPE (record), field,
                                                          widget);

  carnet_field_binding_set_record (binding, record);
  carnet_record_rows_add_binding (row, binding);
  return widget;
}

/* Writes what is pending in every row of @box. */
void
carnet_record_rows_flush (GtkListBox *box)
{
  Binding *binding = g_object_get_data (G_OBJECT (box), "carnet-record-rows");
  g_autoptr(GList) rows = NULL;

  if (binding == NULL)
    return;
  rows = g_hash_table_get_values (binding->rows);
  for (GList *l = rows; l != NULL; l = l->next)
    {
      GPtrArray *bindings = g_object_get_data (G_OBJECT (l->data), "carnet-bindings");

      for (guint i = 0; bindings != NULL && i < bindings->len; i++)
        carnet_field_binding_flush (g_ptr_array_index (bindings, i));
    }
}

typedef struct
{
  CarnetStore  *store;
  CarnetRecord *record;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->record);
  g_free (undo);
}

static void
on_undo (AdwToast *toast,
         Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  if (!carnet_store_undelete (undo->store, undo->record, &error))
    g_warning ("Could not restore the %s: %s", carnet_record_get_kind (undo->record),
               error->message);
}

/**
 * carnet_record_rows_delete:
 * @widget: a widget of the window, to find its toast overlay
 * @message: the toast's title (“Funding line deleted”)
 *
 * Deletes @record and offers to undo it in a toast, when the window has a toast overlay.
 */
void
carnet_record_rows_delete (GtkWidget    *widget,
                           CarnetStore  *store,
                           CarnetRecord *record,
                           const char   *message)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *toast;
  Undo *undo;

  if (!carnet_store_delete (store, record, &error))
    {
      g_warning ("Could not delete the %s: %s", carnet_record_get_kind (record), error->message);
      return;
    }
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  undo = g_new0 (Undo, 1);
  undo->store = g_object_ref (store);
  undo->record = g_object_ref (record);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_use_markup (toast, FALSE);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), undo, undo_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * carnet_record_rows_local_date:
 * @timestamp: (nullable): an ISO 8601 time, as the store writes them
 *
 * Returns: the local day of @timestamp, as “12 mars 2026”
 */
char *
carnet_record_rows_local_date (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL)
                                               : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  iso = g_date_time_format (local, "%Y-%m-%d");
  return carnet_format_date (iso);
}
