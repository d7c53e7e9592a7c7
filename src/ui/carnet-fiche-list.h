/* carnet-fiche-list.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-query.h"
#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_FICHE_LIST (carnet_fiche_list_get_type ())

G_DECLARE_FINAL_TYPE (CarnetFicheList, carnet_fiche_list, CARNET, FICHE_LIST, AdwNavigationPage)

CarnetFicheList *carnet_fiche_list_new           (CarnetStore     *store);
void             carnet_fiche_list_set_commune   (CarnetFicheList *self,
                                                  CarnetRecord    *commune);
CarnetRecord    *carnet_fiche_list_get_commune   (CarnetFicheList *self);
void             carnet_fiche_list_set_kind      (CarnetFicheList *self,
                                                  GType            type);
GType            carnet_fiche_list_get_kind      (CarnetFicheList *self);
void             carnet_fiche_list_set_search    (CarnetFicheList *self,
                                                  const char      *text);
void             carnet_fiche_list_start_search  (CarnetFicheList *self);
void             carnet_fiche_list_show_preset   (CarnetFicheList   *self,
                                                  GType              type,
                                                  const CarnetQuery *preset,
                                                  const char        *label);
void             carnet_fiche_list_set_filters   (CarnetFicheList *self,
                                                  const char      *theme_uuid,
                                                  const char      *status,
                                                  gboolean         overdue);
GListModel      *carnet_fiche_list_get_model     (CarnetFicheList *self);
CarnetRecord    *carnet_fiche_list_get_selected  (CarnetFicheList *self);
gboolean         carnet_fiche_list_select        (CarnetFicheList *self,
                                                  CarnetRecord    *record);
void             carnet_fiche_list_select_next   (CarnetFicheList *self,
                                                  int              delta);
GtkWidget       *carnet_fiche_list_get_sidebar_button (CarnetFicheList *self);

G_END_DECLS
