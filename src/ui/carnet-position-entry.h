/* carnet-position-entry.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_POSITION_ENTRY (carnet_position_entry_get_type ())

G_DECLARE_FINAL_TYPE (CarnetPositionEntry, carnet_position_entry, CARNET, POSITION_ENTRY, GtkEntry)

GtkWidget *carnet_position_entry_new        (void);
void       carnet_position_entry_set_record (CarnetPositionEntry *self,
                                             CarnetStore         *store,
                                             CarnetRecord        *record);
gboolean   carnet_position_entry_flush      (CarnetPositionEntry *self);

G_END_DECLS
