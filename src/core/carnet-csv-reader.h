/* carnet-csv-reader.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes of a spreadsheet saved as CSV, decoded and cut into cells: private to
 * carnet-import-csv.c, which gives the errors their domain. */

/* What is refused before anything else is looked at. */
#define CARNET_CSV_MAX_BYTES   (64 * 1024 * 1024)
#define CARNET_CSV_MAX_COLUMNS 1000
#define CARNET_CSV_MAX_ROWS    1000000
#define CARNET_CSV_MAX_CELLS   (8 * 1000 * 1000)

typedef enum
{
  CARNET_CSV_ENCODING_UTF8,
  CARNET_CSV_ENCODING_UTF8_BOM,
  CARNET_CSV_ENCODING_UTF16,
  CARNET_CSV_ENCODING_WINDOWS_1252,
} CarnetCsvEncoding;

typedef struct _CarnetCsvTable CarnetCsvTable;

CarnetCsvTable    *carnet_csv_table_parse         (const char      *data,
                                                   gsize            size,
                                                   GError         **error);
void               carnet_csv_table_free          (CarnetCsvTable  *self);

CarnetCsvEncoding  carnet_csv_table_get_encoding  (CarnetCsvTable  *self);
/* ';', ',' or '\t' */
char               carnet_csv_table_get_separator (CarnetCsvTable  *self);

guint              carnet_csv_table_get_n_columns (CarnetCsvTable  *self);
const char        *carnet_csv_table_get_header    (CarnetCsvTable  *self,
                                                   guint            column);
/* The rows after the header; rows with no text at all are left out. */
guint              carnet_csv_table_get_n_rows    (CarnetCsvTable  *self);
guint              carnet_csv_table_get_line      (CarnetCsvTable  *self,
                                                   guint            row);
const char        *carnet_csv_table_get_cell      (CarnetCsvTable  *self,
                                                   guint            row,
                                                   guint            column);
/* Whether the row has text in cells past the header's last column. */
gboolean           carnet_csv_table_get_overflow  (CarnetCsvTable  *self,
                                                   guint            row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetCsvTable, carnet_csv_table_free)

G_END_DECLS
