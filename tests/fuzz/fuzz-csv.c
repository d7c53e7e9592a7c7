/* fuzz-csv.c: a libFuzzer target for the spreadsheet (CSV) import.
 *
 * Every input is read as a file of actions, then as a file of communes, against one
 * database made at the first input (in a temporary folder, removed at exit) that has a
 * commune and a project, so that the lookups of the lines have something to find. The
 * import is never applied: the database stays the same for every input, and what an input
 * does depends on it alone.
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carnet-import-csv.h"
#include "carnet-records.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static CarnetStore *store;
static char *dir;

static void
tear_down (void)
{
  g_autofree char *path = g_build_filename (dir, "carnet.db", NULL);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) bayeux = NULL;
  g_autoptr(CarnetRecord) project = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("carnet-fuzz-csv-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "carnet.db", NULL);
  store = carnet_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  atexit (tear_down);

  bayeux = carnet_store_add_commune (store, "14047", &error);
  if (bayeux == NULL)
    g_error ("%s", error->message);
  project = g_object_new (CARNET_TYPE_PROJECT,
                          "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (bayeux)),
                          "title", "Réhabilitation de la friche Badin", NULL);
  if (!carnet_store_insert (store, project, &error))
    g_error ("%s", error->message);
}

/* Everything the preview of the import shows. */
static void
read_all (CarnetCsvImport *import,
          gsize            size)
{
  guint n_columns = carnet_csv_import_get_n_columns (import);
  guint n_lines = carnet_csv_import_get_n_lines (import);
  g_autofree char *summary = carnet_csv_import_get_summary (import);
  gsize total = 0;

  g_assert (carnet_csv_import_get_dialect (import) != NULL);
  g_assert (carnet_csv_import_get_encoding (import) != NULL);
  g_assert (g_utf8_validate (summary, -1, NULL));
  for (guint i = 0; i < n_columns; i++)
    {
      const char *header = carnet_csv_import_get_header (import, i);

      g_assert (header != NULL && g_utf8_validate (header, -1, NULL));
      carnet_csv_import_get_mapping (import, i);
    }
  for (guint line = 0; line < n_lines; line++)
    {
      const char *label = carnet_csv_import_get_label (import, line);
      const char *problem = carnet_csv_import_get_problem (import, line);
      const char *note = carnet_csv_import_get_note (import, line);

      g_assert (carnet_csv_import_get_line_number (import, line) >= 2);
      g_assert (label != NULL && g_utf8_validate (label, -1, NULL));
      g_assert (problem == NULL || g_utf8_validate (problem, -1, NULL));
      g_assert (note == NULL || g_utf8_validate (note, -1, NULL));
      for (guint i = 0; i < n_columns; i++)
        total += strlen (carnet_csv_import_get_cell (import, line, i));
    }
  /* Cells are pieces of the text, which Windows-1252 at most triples. */
  g_assert (total <= 3 * size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;

  if (store == NULL)
    set_up ();
  bytes = g_bytes_new_static (data, size);
  for (int kind = CARNET_CSV_IMPORT_ACTIONS; kind <= CARNET_CSV_IMPORT_COMMUNES; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CarnetCsvImport) import = NULL;

      import = carnet_csv_import_new_from_bytes (store, bytes, "fuzz.csv",
                                                 (CarnetCsvImportKind)kind, &error);
      g_assert ((import == NULL) == (error != NULL));
      if (import == NULL)
        {
          g_assert (error->domain == CARNET_CSV_IMPORT_ERROR);
          continue;
        }
      read_all (import, size);
    }
  return 0;
}
