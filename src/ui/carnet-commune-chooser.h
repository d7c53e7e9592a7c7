/* carnet-commune-chooser.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_COMMUNE_CHOOSER (carnet_commune_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CarnetCommuneChooser, carnet_commune_chooser, CARNET, COMMUNE_CHOOSER, AdwDialog)

CarnetCommuneChooser *carnet_commune_chooser_new       (CarnetStore          *store);
void                  carnet_commune_chooser_set_query (CarnetCommuneChooser *self,
                                                        const char           *query);

G_END_DECLS
