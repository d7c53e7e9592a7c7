/* carnet-ui-util.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-store.h"

G_BEGIN_DECLS

void  carnet_ui_set_status_class  (GtkWidget    *widget,
                                   const char   *status);
void  carnet_ui_set_theme_icon    (GtkImage     *image,
                                   CarnetRecord *theme);
void  carnet_ui_watch_theme_css   (CarnetStore  *store,
                                   GdkDisplay   *display);
char *carnet_ui_theme_css_class   (CarnetRecord *theme);
void  carnet_ui_set_tooltip       (GtkWidget    *widget,
                                   const char   *text);

G_END_DECLS
