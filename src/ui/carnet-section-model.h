/* carnet-section-model.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-record-list.h"

G_BEGIN_DECLS

#define CARNET_TYPE_SECTION_MODEL (carnet_section_model_get_type ())

G_DECLARE_FINAL_TYPE (CarnetSectionModel, carnet_section_model, CARNET, SECTION_MODEL, GObject)

CarnetSectionModel *carnet_section_model_new      (void);
void                carnet_section_model_set_list (CarnetSectionModel *self,
                                                   CarnetRecordList   *list);
CarnetRecordList   *carnet_section_model_get_list (CarnetSectionModel *self);
gboolean            carnet_section_model_is_changing (CarnetSectionModel *self);

G_END_DECLS
