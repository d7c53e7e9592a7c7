/* carnet-fiche-editor.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_FICHE_EDITOR (carnet_fiche_editor_get_type ())

G_DECLARE_FINAL_TYPE (CarnetFicheEditor, carnet_fiche_editor, CARNET, FICHE_EDITOR, GtkWidget)

GtkWidget    *carnet_fiche_editor_new        (CarnetStore       *store);
void          carnet_fiche_editor_set_record (CarnetFicheEditor *self,
                                              CarnetRecord      *record);
CarnetRecord *carnet_fiche_editor_get_record (CarnetFicheEditor *self);
void          carnet_fiche_editor_flush      (CarnetFicheEditor *self);

G_END_DECLS
