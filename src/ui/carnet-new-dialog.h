/* carnet-new-dialog.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_NEW_DIALOG (carnet_new_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CarnetNewDialog, carnet_new_dialog, CARNET, NEW_DIALOG, AdwDialog)

CarnetNewDialog *carnet_new_dialog_new       (CarnetStore     *store,
                                              GType            type,
                                              CarnetRecord    *commune,
                                              CarnetRecord    *parent);
void             carnet_new_dialog_set_title (CarnetNewDialog *self,
                                              const char      *title);
CarnetRecord    *carnet_new_dialog_create    (CarnetNewDialog *self,
                                              GError         **error);

G_END_DECLS
