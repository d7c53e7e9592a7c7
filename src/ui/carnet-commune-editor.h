/* carnet-commune-editor.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_COMMUNE_EDITOR (carnet_commune_editor_get_type ())

G_DECLARE_FINAL_TYPE (CarnetCommuneEditor, carnet_commune_editor, CARNET, COMMUNE_EDITOR, GtkWidget)

GtkWidget    *carnet_commune_editor_new         (CarnetStore         *store);
void          carnet_commune_editor_set_commune (CarnetCommuneEditor *self,
                                                 CarnetRecord        *commune);
CarnetRecord *carnet_commune_editor_get_commune (CarnetCommuneEditor *self);
void          carnet_commune_editor_flush       (CarnetCommuneEditor *self);

G_END_DECLS
