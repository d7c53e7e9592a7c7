/* carnet-slot-model.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-section-model.h"

G_BEGIN_DECLS

#define CARNET_TYPE_LIST_SLOT (carnet_list_slot_get_type ())

G_DECLARE_FINAL_TYPE (CarnetListSlot, carnet_list_slot, CARNET, LIST_SLOT, GObject)

CarnetRecord    *carnet_list_slot_get_record   (CarnetListSlot     *self);

#define CARNET_TYPE_SLOT_MODEL (carnet_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (CarnetSlotModel, carnet_slot_model, CARNET, SLOT_MODEL, GObject)

CarnetSlotModel *carnet_slot_model_new         (CarnetSectionModel *records);
gboolean         carnet_slot_model_is_changing (CarnetSlotModel    *self);

G_END_DECLS
