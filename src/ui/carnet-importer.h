/* carnet-importer.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-import.h"
#include "carnet-store.h"

G_BEGIN_DECLS

void       carnet_importer_choose_files (GtkWindow          *parent,
                                         CarnetStore        *store,
                                         const char         *what);
AdwDialog *carnet_importer_open         (GtkWindow          *parent,
                                         CarnetStore        *store,
                                         const char         *what,
                                         const char * const *paths);

char      *carnet_importer_describe     (CarnetImportReport *report);

G_END_DECLS
