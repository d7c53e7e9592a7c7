/* make-export-fixture.c: make-export-fixture DATABASE
 *
 * Writes the exports' fixture (export-fixture.c) into a new database, for the tests of
 * “carnet-cli export”.
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "export-fixture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: make-export-fixture DATABASE\n");
      return 2;
    }
  store = carnet_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("make-export-fixture: %s\n", error->message);
      return 1;
    }
  fixture_fill (store);
  return 0;
}
