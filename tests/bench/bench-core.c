/* bench-core.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bench-util.h"
#include "carnet-query.h"
#include "carnet-store.h"

/* The core without a window:
 *
 *   bench-core edit DB      edits committed through carnet_store_update_text(), one by one
 *   bench-core queries DB   the queries of the list pane, for profiling them */

#define N_EDITS 200
#define N_RUNS  15

/* Ten actions spread over the database; no list is kept, so that only the store works. */
static GPtrArray *
some_actions (CarnetStore *store)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL);
  sqlite3_stmt *stmt = carnet_db_prepare (carnet_store_get_db (store),
                                          "SELECT uuid FROM actions WHERE deleted_at IS NULL"
                                          " ORDER BY id LIMIT 1 OFFSET ?", NULL);

  for (guint i = 0; i < 10 && n > 0; i++)
    {
      g_autofree char *uuid = NULL;

      sqlite3_bind_int64 (stmt, 1, i * (n / 10));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (uuid != NULL)
        g_ptr_array_add (actions, carnet_store_get (store, CARNET_TYPE_ACTION, uuid, NULL));
    }
  return actions;
}

static int
bench_edits (CarnetStore *store)
{
  g_autoptr(GPtrArray) actions = some_actions (store);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  if (actions->len == 0)
    return 1;
  for (guint i = 0; i < N_EDITS; i++)
    {
      /* The actions edited in turn, their titles going back and forth. */
      CarnetRecord *action = actions->pdata[i % actions->len];
      g_autoptr(GError) error = NULL;
      g_autofree char *base = g_strdup (carnet_record_get_string (action, "title"));
      g_autofree char *title = NULL;
      gint64 start;
      double ms;

      if (g_str_has_suffix (base, " (modifié)"))
        base[strlen (base) - strlen (" (modifié)")] = '\0';
      title = g_strdup_printf ("%s%s", base, (i / actions->len) % 2 == 0 ? " (modifié)" : "");
      start = g_get_monotonic_time ();
      if (!carnet_store_update_text (store, action, "title", title, &error))
        g_error ("%s", error->message);
      ms = bench_ms_since (start);
      g_array_append_val (samples, ms);
    }
  bench_print_samples ("edit-store", samples);
  return 0;
}

static void
time_query (CarnetStore       *store,
            const char        *metric,
            const CarnetQuery *query)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *rows = NULL;
  guint n = 0;

  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CarnetRecordList) list = carnet_store_query (store, query);
      double ms = bench_ms_since (start);

      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_array_append_val (samples, ms);
    }
  bench_print_samples (metric, samples);
  rows = g_strdup_printf ("%s-rows", metric);
  bench_print_value (rows, n);
}

static int
bench_queries (CarnetStore *store)
{
  g_autoptr(CarnetRecord) theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "commerce");
  g_autoptr(GListModel) communes = carnet_store_list (store, CARNET_TYPE_COMMUNE, NULL, NULL);
  g_autoptr(CarnetRecord) commune = g_list_model_get_item (communes, 0);
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_ACTION);

  time_query (store, "query-all", query);
  carnet_query_set_text (query, "m");
  time_query (store, "query-search-m", query);
  carnet_query_set_text (query, "maison");
  time_query (store, "query-search-maison", query);
  carnet_query_set_text (query, "etude");
  time_query (store, "query-search-etude", query);
  carnet_query_set_text (query, NULL);
  carnet_query_set_theme (query, carnet_record_get_uuid (theme));
  time_query (store, "query-theme", query);
  carnet_query_set_theme (query, NULL);
  carnet_query_set_status (query, "en_cours");
  time_query (store, "query-status", query);
  carnet_query_set_status (query, NULL);
  carnet_query_set_overdue (query, "2026-01-15");
  time_query (store, "query-overdue", query);
  carnet_query_set_overdue (query, NULL);
  carnet_query_set_group (query, CARNET_GROUP_PROJECT);
  time_query (store, "query-group-project", query);
  carnet_query_set_group (query, CARNET_GROUP_NONE);
  carnet_query_set_commune (query, carnet_record_get_uuid (commune));
  time_query (store, "query-commune", query);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      g_printerr ("Usage: %s edit|queries DATABASE\n", argv[0]);
      return 2;
    }
  store = carnet_store_open (argv[2], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (g_str_equal (argv[1], "edit"))
    return bench_edits (store);
  if (g_str_equal (argv[1], "queries"))
    return bench_queries (store);
  g_printerr ("Unknown benchmark “%s”\n", argv[1]);
  return 2;
}
