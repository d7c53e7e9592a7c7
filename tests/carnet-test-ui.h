/* carnet-test-ui.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "carnet-test-util.h"

G_BEGIN_DECLS

void carnet_test_ui_init              (int         *argc,
                                       char      ***argv);
void carnet_test_iterate              (void);
void carnet_test_wait_drawn           (GtkWidget   *widget);
void carnet_test_screenshot           (GtkWidget   *widget,
                                       const char  *name);
void carnet_test_screenshot_variants  (GtkWindow   *window,
                                       const char  *name);

G_END_DECLS
