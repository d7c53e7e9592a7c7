/* carnet-preferences-dialog.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_PREFERENCES_DIALOG (carnet_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CarnetPreferencesDialog, carnet_preferences_dialog, CARNET,
                      PREFERENCES_DIALOG, AdwPreferencesDialog)

AdwDialog *carnet_preferences_dialog_new (CarnetStore *store);

G_END_DECLS
