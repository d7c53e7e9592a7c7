/* carnet-export-csv.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-export.h"

G_BEGIN_DECLS

typedef enum
{
  CARNET_CSV_ACTIONS,
  CARNET_CSV_FUNDING_LINES,
  CARNET_CSV_OBSERVATIONS,
} CarnetCsvContent;

typedef enum
{
  CARNET_CSV_FRENCH,   /* “;”, UTF-8 with BOM, CRLF, 1234,50, 12/03/2026: French spreadsheets */
  CARNET_CSV_RFC4180,  /* “,”, no BOM, CRLF, 1234.50, 2026-03-12: scripts and other tools */
} CarnetCsvDialect;

gboolean carnet_export_csv         (CarnetStore                *store,
                                    const CarnetExportOptions  *options,
                                    CarnetCsvContent            content,
                                    CarnetCsvDialect            dialect,
                                    GOutputStream              *stream,
                                    GCancellable               *cancellable,
                                    GError                    **error);
gboolean carnet_export_csv_to_file (CarnetStore                *store,
                                    const CarnetExportOptions  *options,
                                    CarnetCsvContent            content,
                                    CarnetCsvDialect            dialect,
                                    const char                 *path,
                                    GError                    **error);
char    *carnet_csv_cell           (const char                 *text,
                                    char                        separator);

G_END_DECLS
