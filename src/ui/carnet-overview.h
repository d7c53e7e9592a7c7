/* carnet-overview.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-stats.h"
#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_OVERVIEW (carnet_overview_get_type ())

G_DECLARE_FINAL_TYPE (CarnetOverview, carnet_overview, CARNET, OVERVIEW, GtkWidget)

GtkWidget         *carnet_overview_new                (CarnetStore    *store);
void               carnet_overview_set_commune        (CarnetOverview *self,
                                                       CarnetRecord   *commune);
CarnetRecord      *carnet_overview_get_commune        (CarnetOverview *self);
void               carnet_overview_set_communes       (CarnetOverview *self,
                                                       GListModel     *communes);
const CarnetStats *carnet_overview_get_stats          (CarnetOverview *self);
GtkWidget         *carnet_overview_get_sidebar_button (CarnetOverview *self);
void               carnet_overview_activate_figure    (CarnetOverview *self,
                                                       const char     *figure);

G_END_DECLS
