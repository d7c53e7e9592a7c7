/* carnet-cli-import-csv.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-cli-private.h"

G_BEGIN_DECLS

int cli_import_csv (CliContext  *cli,
                    char       **args);

G_END_DECLS
