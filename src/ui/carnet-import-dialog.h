/* carnet-import-dialog.h
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

#define CARNET_TYPE_IMPORT_DIALOG (carnet_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CarnetImportDialog, carnet_import_dialog, CARNET, IMPORT_DIALOG, AdwDialog)

AdwDialog          *carnet_import_dialog_new        (CarnetStore         *store,
                                                     const char * const  *paths);
const char         *carnet_import_dialog_get_state  (CarnetImportDialog  *self);
CarnetImportReport *carnet_import_dialog_get_report (CarnetImportDialog  *self);
void                carnet_import_dialog_import     (CarnetImportDialog  *self);

G_END_DECLS
