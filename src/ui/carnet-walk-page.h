/* carnet-walk-page.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-observation-row.h"
#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_WALK_PAGE (carnet_walk_page_get_type ())

G_DECLARE_FINAL_TYPE (CarnetWalkPage, carnet_walk_page, CARNET, WALK_PAGE, AdwNavigationPage)

CarnetWalkPage       *carnet_walk_page_new               (CarnetStore    *store);
void                  carnet_walk_page_set_walk          (CarnetWalkPage *self,
                                                          CarnetRecord   *walk);
CarnetRecord         *carnet_walk_page_get_walk          (CarnetWalkPage *self);
CarnetRecord         *carnet_walk_page_add_observation   (CarnetWalkPage *self);
CarnetObservationRow *carnet_walk_page_get_row           (CarnetWalkPage *self,
                                                          CarnetRecord   *observation);
CarnetObservationRow *carnet_walk_page_get_current_row   (CarnetWalkPage *self);
void                  carnet_walk_page_show_observation  (CarnetWalkPage *self,
                                                          CarnetRecord   *observation);
void                  carnet_walk_page_set_kind          (CarnetWalkPage *self,
                                                          const char     *kind);
void                  carnet_walk_page_choose_theme      (CarnetWalkPage *self);
GListModel           *carnet_walk_page_get_observations  (CarnetWalkPage *self);
void                  carnet_walk_page_set_compact       (CarnetWalkPage *self,
                                                          gboolean        compact);
gboolean              carnet_walk_page_flush             (CarnetWalkPage *self);

G_END_DECLS
