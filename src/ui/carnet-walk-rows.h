/* carnet-walk-rows.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

GtkWidget *carnet_walk_row_new                (void);
void       carnet_walk_row_set_walk           (GtkWidget    *row,
                                               CarnetStore  *store,
                                               CarnetRecord *walk,
                                               gboolean      show_commune);
void       carnet_walk_row_update             (GtkWidget    *row);
GtkWidget *carnet_observation_summary_new     (GtkSizeGroup *kinds);
void       carnet_observation_summary_set     (GtkWidget    *summary,
                                               CarnetStore  *store,
                                               CarnetRecord *observation,
                                               gboolean      show_commune);

G_END_DECLS
