/* carnet-application.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_APPLICATION (carnet_application_get_type ())

G_DECLARE_FINAL_TYPE (CarnetApplication, carnet_application, CARNET, APPLICATION, AdwApplication)

void               carnet_application_setup_i18n    (void);
CarnetApplication *carnet_application_new           (void);
const char        *carnet_application_get_db_path   (CarnetApplication *self);
void               carnet_application_set_db_path   (CarnetApplication *self,
                                                     const char        *path);

G_END_DECLS
