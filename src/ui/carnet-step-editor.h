/* carnet-step-editor.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_STEP_EDITOR (carnet_step_editor_get_type ())

G_DECLARE_FINAL_TYPE (CarnetStepEditor, carnet_step_editor, CARNET, STEP_EDITOR,
                      AdwPreferencesGroup)

void carnet_step_editor_set_store  (CarnetStepEditor *self,
                                    CarnetStore      *store);
void carnet_step_editor_set_parent (CarnetStepEditor *self,
                                    CarnetRecord     *parent);
void carnet_step_editor_flush      (CarnetStepEditor *self);

G_END_DECLS
