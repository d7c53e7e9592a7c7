/* fuzz-replay.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

/* Runs a fuzz target, built without libFuzzer, over every file of its seed corpus and of the
 * inputs that once made it fail: they must all be read without a crash, a hang or an error
 * of the sanitizers. Writes TAP, a line per file. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
by_name (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(char **)a, *(char **)b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          printf ("Bail out! %s cannot be read\n", argv[i]);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (files, g_build_filename (argv[i], name, NULL));
    }
  g_ptr_array_sort (files, by_name);

  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (files->pdata[i]);
      g_autofree char *parent = g_path_get_dirname (files->pdata[i]);
      g_autofree char *folder = g_path_get_basename (parent);
      gsize length;

      if (!g_file_get_contents (files->pdata[i], &contents, &length, NULL))
        {
          printf ("not ok %u - %s/%s cannot be read\n", ++n, folder, base);
          continue;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *)contents, length);
      printf ("ok %u - %s/%s (%" G_GSIZE_FORMAT " bytes) is read without a crash\n", ++n, folder,
              base, length);
      fflush (stdout);
    }
  return 0;
}
