/* carnet-export-json.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-export.h"

G_BEGIN_DECLS

/* The version of the JSON format (data/carnet-export.schema.json): a reader refuses a
 * version it does not know. */
#define CARNET_EXPORT_JSON_VERSION 1

gboolean carnet_export_json         (CarnetStore                *store,
                                     const CarnetExportOptions  *options,
                                     GOutputStream              *stream,
                                     GCancellable               *cancellable,
                                     GError                    **error);
gboolean carnet_export_json_to_file (CarnetStore                *store,
                                     const CarnetExportOptions  *options,
                                     const char                 *path,
                                     GError                    **error);

G_END_DECLS
