/* carnet-growing-model.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARNET_TYPE_GROWING_MODEL (carnet_growing_model_get_type ())

G_DECLARE_FINAL_TYPE (CarnetGrowingModel, carnet_growing_model, CARNET, GROWING_MODEL, GObject)

CarnetGrowingModel *carnet_growing_model_new     (GListModel         *model,
                                                  guint               first);
void                carnet_growing_model_start   (CarnetGrowingModel *self);
void                carnet_growing_model_grow_to (CarnetGrowingModel *self,
                                                  guint               n_items);

G_END_DECLS
