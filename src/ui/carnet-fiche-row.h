/* carnet-fiche-row.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_FICHE_ROW (carnet_fiche_row_get_type ())

G_DECLARE_FINAL_TYPE (CarnetFicheRow, carnet_fiche_row, CARNET, FICHE_ROW, GtkWidget)

GtkWidget    *carnet_fiche_row_new        (CarnetStore    *store);
void          carnet_fiche_row_set_record (CarnetFicheRow *self,
                                           CarnetRecord   *record);
CarnetRecord *carnet_fiche_row_get_record (CarnetFicheRow *self);

G_END_DECLS
