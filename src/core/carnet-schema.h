/* carnet-schema.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-db.h"

G_BEGIN_DECLS

/* The schema version this build writes; databases are migrated forward to it. */
#define CARNET_SCHEMA_VERSION 1

gboolean    carnet_schema_migrate      (CarnetDb    *db,
                                        int          from_version,
                                        GError     **error);
const char *_carnet_schema_fts_columns (const char  *table);

G_END_DECLS
