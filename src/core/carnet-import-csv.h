/* carnet-import-csv.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "carnet-store.h"

G_BEGIN_DECLS

/* A spreadsheet (CSV) of actions or of communes read, checked line by line against the
 * database, shown as a preview, then imported all at once. */

#define CARNET_CSV_IMPORT_ERROR (carnet_csv_import_error_quark ())

typedef enum
{
  CARNET_CSV_IMPORT_ERROR_READ,      /* the file cannot be read */
  CARNET_CSV_IMPORT_ERROR_ENCODING,  /* neither UTF-8 nor Windows-1252, or binary */
  CARNET_CSV_IMPORT_ERROR_SYNTAX,    /* unterminated quote, too big, no header line */
  CARNET_CSV_IMPORT_ERROR_COLUMNS,   /* no column Carnet knows, or a required one missing */
  CARNET_CSV_IMPORT_ERROR_LINES,     /* applying while some lines have problems */
  CARNET_CSV_IMPORT_ERROR_FAILED,
} CarnetCsvImportError;

typedef enum
{
  CARNET_CSV_IMPORT_ACTIONS,
  CARNET_CSV_IMPORT_COMMUNES,
} CarnetCsvImportKind;

typedef struct _CarnetCsvImport CarnetCsvImport;

GQuark               carnet_csv_import_error_quark    (void);

/* Reads @path (dialect and encoding detected), maps its columns from their French headers,
 * and checks each line against @store without writing anything. Fails only when the file as
 * a whole cannot be used; a line's problems are told by carnet_csv_import_get_problem(). */
CarnetCsvImport     *carnet_csv_import_new            (CarnetStore         *store,
                                                       const char          *path,
                                                       CarnetCsvImportKind  kind,
                                                       GError             **error);
CarnetCsvImport     *carnet_csv_import_new_from_bytes (CarnetStore         *store,
                                                       GBytes              *bytes,
                                                       const char          *name,
                                                       CarnetCsvImportKind  kind,
                                                       GError             **error);
void                 carnet_csv_import_free           (CarnetCsvImport     *self);

CarnetCsvImportKind  carnet_csv_import_get_kind       (CarnetCsvImport     *self);
/* How the file was read, in the interface language: “français (point-virgule)”, “RFC 4180
 * (virgule)” or “tabulations”; “UTF-8”, “UTF-8 avec BOM”, “Windows-1252” or “UTF-16”. */
const char          *carnet_csv_import_get_dialect    (CarnetCsvImport     *self);
const char          *carnet_csv_import_get_encoding   (CarnetCsvImport     *self);

/* The file's columns: their header, and the field each was mapped to, as a French label
 * (“Titre”, “Échéance”), or NULL when Carnet ignores it. */
guint                carnet_csv_import_get_n_columns  (CarnetCsvImport     *self);
const char          *carnet_csv_import_get_header     (CarnetCsvImport     *self, guint column);
const char          *carnet_csv_import_get_mapping    (CarnetCsvImport     *self, guint column);

/* The data lines (the header excluded). */
guint                carnet_csv_import_get_n_lines    (CarnetCsvImport     *self);
/* The line's number in the file (the header is line 1; a quoted cell may span lines). */
guint                carnet_csv_import_get_line_number (CarnetCsvImport    *self, guint line);
/* The line's cell under @column, as read (decoded, unquoted, and without the apostrophe
 * carnet_export_csv() puts before text a spreadsheet would take for a formula). */
const char          *carnet_csv_import_get_cell       (CarnetCsvImport     *self, guint line, guint column);
/* A summary a person recognises: the action's title and commune, or the commune's name. */
const char          *carnet_csv_import_get_label      (CarnetCsvImport     *self, guint line);
/* NULL when the line can be imported, else what is wrong, in French, naming the column
 * (« Échéance : « 31/02/2026 » n’est pas une date »). */
const char          *carnet_csv_import_get_problem    (CarnetCsvImport     *self, guint line);
guint                carnet_csv_import_get_n_problems (CarnetCsvImport     *self);
/* NULL, or why a line without problem adds nothing (« Déjà dans Carnet : ignorée »): an action
 * whose Identifiant (from a CSV export of Carnet) is already there, a commune already there
 * or already on an earlier line. */
const char          *carnet_csv_import_get_note       (CarnetCsvImport     *self, guint line);
guint                carnet_csv_import_get_n_skipped  (CarnetCsvImport     *self);
/* What the import would add, or added once applied, and what stops it, in French: a short
 * sentence per line (« 12 actions à ajouter », « 2 nouveaux projets »…). */
char                *carnet_csv_import_get_summary    (CarnetCsvImport     *self);

/* Imports every line in one transaction, refusing (CARNET_CSV_IMPORT_ERROR_LINES, naming the
 * first line with a problem) when any line has one: the database is then left as it was.
 * Returns how many actions (or communes) were added, through @n_added; the projects and
 * communes added for the actions are told by carnet_csv_import_get_summary(). Applying twice
 * is refused (CARNET_CSV_IMPORT_ERROR_FAILED). */
gboolean             carnet_csv_import_apply          (CarnetCsvImport     *self,
                                                       guint               *n_added,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetCsvImport, carnet_csv_import_free)

G_END_DECLS
