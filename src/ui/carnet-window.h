/* carnet-window.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-application.h"
#include "carnet-fiche-list.h"
#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_WINDOW (carnet_window_get_type ())

G_DECLARE_FINAL_TYPE (CarnetWindow, carnet_window, CARNET, WINDOW, AdwApplicationWindow)

CarnetWindow *carnet_window_new          (CarnetApplication *application,
                                          CarnetStore       *store,
                                          const GError      *open_error);
CarnetStore  *carnet_window_get_store    (CarnetWindow      *self);
void          carnet_window_add_commune  (CarnetWindow      *self,
                                          const char        *insee);
void          carnet_window_add_toast    (CarnetWindow      *self,
                                          AdwToast          *toast);
void          carnet_window_select_commune (CarnetWindow    *self,
                                            CarnetRecord    *commune);
CarnetFicheList *carnet_window_get_fiche_list   (CarnetWindow *self);
GtkWidget       *carnet_window_get_fiche_editor (CarnetWindow *self);

G_END_DECLS
