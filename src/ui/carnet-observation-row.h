/* carnet-observation-row.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_OBSERVATION_ROW (carnet_observation_row_get_type ())

G_DECLARE_FINAL_TYPE (CarnetObservationRow, carnet_observation_row, CARNET, OBSERVATION_ROW, GtkListBoxRow)

GtkWidget    *carnet_observation_row_new               (CarnetStore          *store,
                                                        CarnetRecord         *observation);
CarnetRecord *carnet_observation_row_get_observation   (CarnetObservationRow *self);
GtkTextView  *carnet_observation_row_get_text_view     (CarnetObservationRow *self);
GtkEditable  *carnet_observation_row_get_position_entry (CarnetObservationRow *self);
void          carnet_observation_row_focus_text        (CarnetObservationRow *self);
void          carnet_observation_row_set_kind          (CarnetObservationRow *self,
                                                        const char           *kind);
void          carnet_observation_row_set_theme         (CarnetObservationRow *self,
                                                        CarnetRecord         *theme);
void          carnet_observation_row_choose_theme      (CarnetObservationRow *self);
GtkPopover   *carnet_observation_row_get_theme_popover (CarnetObservationRow *self);
guint         carnet_observation_row_attach_files      (CarnetObservationRow *self,
                                                        GListModel           *files);
void          carnet_observation_row_turn_into_action  (CarnetObservationRow *self);
void          carnet_observation_row_set_compact       (CarnetObservationRow *self,
                                                        gboolean              compact);
gboolean      carnet_observation_row_flush             (CarnetObservationRow *self);

G_END_DECLS
