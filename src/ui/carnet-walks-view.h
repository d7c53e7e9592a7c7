/* carnet-walks-view.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"
#include "carnet-walk-list.h"
#include "carnet-walk-page.h"

G_BEGIN_DECLS

#define CARNET_TYPE_WALKS_VIEW (carnet_walks_view_get_type ())

G_DECLARE_FINAL_TYPE (CarnetWalksView, carnet_walks_view, CARNET, WALKS_VIEW, AdwBin)

GtkWidget      *carnet_walks_view_new                (CarnetStore     *store);
void            carnet_walks_view_set_commune        (CarnetWalksView *self,
                                                      CarnetRecord    *commune);
CarnetRecord   *carnet_walks_view_get_commune        (CarnetWalksView *self);
void            carnet_walks_view_start_observation  (CarnetWalksView *self);
CarnetRecord   *carnet_walks_view_new_walk           (CarnetWalksView *self,
                                                      CarnetRecord    *commune);
void            carnet_walks_view_open_walk          (CarnetWalksView *self,
                                                      CarnetRecord    *walk,
                                                      CarnetRecord    *observation);
void            carnet_walks_view_reveal             (CarnetWalksView *self,
                                                      CarnetRecord    *record);
void            carnet_walks_view_start_search       (CarnetWalksView *self);
gboolean        carnet_walks_view_flush              (CarnetWalksView *self);
GtkWidget      *carnet_walks_view_get_sidebar_button (CarnetWalksView *self);
CarnetWalkList *carnet_walks_view_get_list           (CarnetWalksView *self);
CarnetWalkPage *carnet_walks_view_get_page           (CarnetWalksView *self);

G_END_DECLS
