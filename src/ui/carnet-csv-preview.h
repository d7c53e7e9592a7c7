/* carnet-csv-preview.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-import-csv.h"
#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_CSV_PREVIEW (carnet_csv_preview_get_type ())

G_DECLARE_FINAL_TYPE (CarnetCsvPreview, carnet_csv_preview, CARNET, CSV_PREVIEW, AdwDialog)

AdwDialog       *carnet_csv_preview_new        (CarnetStore         *store,
                                                const char          *path,
                                                CarnetCsvImportKind  kind);
CarnetCsvImport *carnet_csv_preview_get_import (CarnetCsvPreview    *self);
gboolean         carnet_csv_preview_can_import (CarnetCsvPreview    *self);
guint            carnet_csv_preview_get_n_shown (CarnetCsvPreview   *self);
void             carnet_csv_preview_set_problems_only (CarnetCsvPreview *self,
                                                       gboolean          problems_only);
void             carnet_csv_preview_import     (CarnetCsvPreview    *self);

G_END_DECLS
