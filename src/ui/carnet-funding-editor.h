/* carnet-funding-editor.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_FUNDING_EDITOR (carnet_funding_editor_get_type ())

G_DECLARE_FINAL_TYPE (CarnetFundingEditor, carnet_funding_editor, CARNET, FUNDING_EDITOR,
                      AdwPreferencesGroup)

void carnet_funding_editor_set_store  (CarnetFundingEditor *self,
                                       CarnetStore         *store);
void carnet_funding_editor_set_parent (CarnetFundingEditor *self,
                                       CarnetRecord        *parent);
void carnet_funding_editor_flush      (CarnetFundingEditor *self);

G_END_DECLS
