/* carnet-walk-review.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-walks.h"

G_BEGIN_DECLS

#define CARNET_TYPE_WALK_REVIEW (carnet_walk_review_get_type ())

G_DECLARE_FINAL_TYPE (CarnetWalkReview, carnet_walk_review, CARNET, WALK_REVIEW, GtkWidget)

CarnetWalkReview *carnet_walk_review_new         (CarnetStore      *store);
void              carnet_walk_review_set_commune (CarnetWalkReview *self,
                                                  CarnetRecord     *commune);
void              carnet_walk_review_set_theme   (CarnetWalkReview *self,
                                                  const char       *theme_uuid);
void              carnet_walk_review_set_active  (CarnetWalkReview *self,
                                                  gboolean          active);
CarnetReview     *carnet_walk_review_get_review  (CarnetWalkReview *self);

G_END_DECLS
