/* fuzz-json.c
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

#include "carnet-import.h"

/* The JSON import fed anything: it must answer with a report or an error, never crash, hang
 * or leak. Each input is merged as a dry run into one database made at the first input (in a
 * temporary folder, removed at exit), which holds a commune so that merges meet records. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static CarnetStore *store;
static char *folder;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
clean_up (void)
{
  g_clear_object (&store);
  if (folder != NULL)
    remove_tree (folder);
  g_clear_pointer (&folder, g_free);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) commune = NULL;
  g_autofree char *path = NULL;

  folder = g_dir_make_tmp ("carnet-fuzz-json-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "carnet.db", NULL);
  store = carnet_store_open (path, &error);
  g_assert_no_error (error);
  commune = carnet_store_add_commune (store, "14047", &error);
  g_assert_no_error (error);
  atexit (clean_up);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    set_up ();
  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  report = carnet_import_json_stream (store, stream, "fuzz.json",
                                      CARNET_IMPORT_MERGE | CARNET_IMPORT_DRY_RUN, NULL, &error);
  g_assert ((report == NULL) != (error == NULL));
  if (report != NULL)
    {
      g_autofree char *text = carnet_import_report_to_text (report);

      g_assert (text != NULL);
    }
  return 0;
}
