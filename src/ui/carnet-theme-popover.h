/* carnet-theme-popover.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_THEME_POPOVER (carnet_theme_popover_get_type ())

G_DECLARE_FINAL_TYPE (CarnetThemePopover, carnet_theme_popover, CARNET, THEME_POPOVER, GtkPopover)

GtkWidget *carnet_theme_popover_new       (CarnetStore        *store);
void       carnet_theme_popover_set_query (CarnetThemePopover *self,
                                           const char         *query);
gboolean   carnet_theme_popover_choose    (CarnetThemePopover *self);

G_END_DECLS
