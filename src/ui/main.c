/* main.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "carnet-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CarnetApplication) app = NULL;

  carnet_application_setup_i18n ();

  app = carnet_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
