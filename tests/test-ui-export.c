/* test-ui-export.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "carnet-exporter.h"
#include "carnet-test-ui.h"

/* The app's exports: written in a worker thread on a connection of their own, while the
 * main loop goes on. */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Result *r = data;

  r->ok = carnet_exporter_write_finish (result, &r->error);
  r->done = TRUE;
}

static char *
export (CarnetStore  *store,
        CarnetRecord *commune,
        const char   *format,
        const char   *dir,
        gsize        *length)
{
  g_autofree char *name = carnet_exporter_suggest_name (commune, format);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Result r = { FALSE, FALSE, NULL };
  char *contents = NULL;

  carnet_exporter_write_async (store, commune, format, file, NULL, on_written, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
test_exports (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carnet-ui-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "carnet.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  g_autoptr(CarnetCommune) bayeux = NULL;
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) action = NULL;
  g_autofree char *pdf = NULL, *csv = NULL, *json = NULL, *name = NULL;
  gsize length;

  g_assert_no_error (error);
  bayeux = carnet_store_add_commune (store, "14047", &error);
  g_assert_no_error (error);
  project = g_object_new (CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (bayeux)),
                          "title", "Revitalisation du centre ancien", NULL);
  g_assert_true (carnet_store_insert (store, project, &error));
  action = g_object_new (CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (project),
                         "title", "Halles : étude de faisabilité", "cost-ht", (gint64)123450, NULL);
  g_assert_true (carnet_store_insert (store, action, &error));

  name = carnet_exporter_suggest_name (CARNET_RECORD (bayeux), "csv-actions");
  g_assert_true (g_str_has_prefix (name, "Carnet - Bayeux - "));
  g_assert_true (g_str_has_suffix (name, ".csv"));

  pdf = export (store, CARNET_RECORD (bayeux), "pdf", dir, &length);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  csv = export (store, CARNET_RECORD (bayeux), "csv-actions", dir, &length);
  /* The French dialect by default: a BOM, semicolons, a decimal comma. */
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (csv, "Halles : étude de faisabilité"));
  g_assert_nonnull (strstr (csv, "1234,50"));
  json = export (store, NULL, "json", dir, &length);
  g_assert_nonnull (strstr (json, "\"format\""));
  g_assert_nonnull (strstr (json, carnet_record_get_uuid (action)));

  g_clear_object (&store);
  carnet_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/export/write", test_exports);

  return g_test_run ();
}
