/* carnet-themes.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-store.h"

G_BEGIN_DECLS

CarnetTheme *carnet_store_add_theme        (CarnetStore   *store,
                                            const char    *name,
                                            const char    *color,
                                            GError       **error);
gboolean     carnet_store_move_theme       (CarnetStore   *store,
                                            CarnetRecord  *theme,
                                            guint          new_position,
                                            GError       **error);
gboolean     carnet_store_delete_theme     (CarnetStore   *store,
                                            CarnetRecord  *theme,
                                            CarnetRecord  *replacement,
                                            GError       **error);
guint        carnet_store_count_theme_uses (CarnetStore   *store,
                                            CarnetRecord  *theme);
char        *carnet_theme_slug_from_name   (const char    *name);

G_END_DECLS
