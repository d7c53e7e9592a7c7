/* carnet-walk-list.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-walks.h"

G_BEGIN_DECLS

#define CARNET_TYPE_WALK_LIST (carnet_walk_list_get_type ())

G_DECLARE_FINAL_TYPE (CarnetWalkList, carnet_walk_list, CARNET, WALK_LIST, AdwNavigationPage)

CarnetWalkList *carnet_walk_list_new                (CarnetStore    *store);
void            carnet_walk_list_set_commune        (CarnetWalkList *self,
                                                     CarnetRecord   *commune);
CarnetRecord   *carnet_walk_list_get_commune        (CarnetWalkList *self);
void            carnet_walk_list_select_walk        (CarnetWalkList *self,
                                                     CarnetRecord   *walk);
GListModel     *carnet_walk_list_get_walks          (CarnetWalkList *self);
void            carnet_walk_list_set_search         (CarnetWalkList *self,
                                                     const char     *text);
void            carnet_walk_list_start_search       (CarnetWalkList *self);
GListModel     *carnet_walk_list_get_found_observations (CarnetWalkList *self);
GListModel     *carnet_walk_list_get_found_walks    (CarnetWalkList *self);
void            carnet_walk_list_show_review        (CarnetWalkList *self,
                                                     gboolean        review);
void            carnet_walk_list_set_review_theme   (CarnetWalkList *self,
                                                     const char     *theme_uuid);
CarnetReview   *carnet_walk_list_get_review         (CarnetWalkList *self);
const char     *carnet_walk_list_get_page_name      (CarnetWalkList *self);
GtkWidget      *carnet_walk_list_get_sidebar_button (CarnetWalkList *self);

G_END_DECLS
