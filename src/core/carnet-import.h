/* carnet-import.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "carnet-store.h"

G_BEGIN_DECLS

/* Reading back what carnet_export_json() wrote (data/carnet-export.schema.json), into an
 * empty database or merged into one that has data. */

#define CARNET_IMPORT_ERROR (carnet_import_error_quark ())

typedef enum
{
  CARNET_IMPORT_ERROR_READ,       /* the file cannot be read */
  CARNET_IMPORT_ERROR_SYNTAX,     /* not JSON, truncated, invalid UTF-8, too deep, too big */
  CARNET_IMPORT_ERROR_FORMAT,     /* JSON, but not a Carnet export: wrong member, type, value */
  CARNET_IMPORT_ERROR_VERSION,    /* a version of the format or schema this Carnet cannot read */
  CARNET_IMPORT_ERROR_DUPLICATE,  /* the same UUID twice in one table */
  CARNET_IMPORT_ERROR_LINK,       /* a link to a record neither in the file nor in Carnet */
  CARNET_IMPORT_ERROR_NOT_EMPTY,  /* a plain import into a database that has data */
  CARNET_IMPORT_ERROR_FAILED,
} CarnetImportError;

/* Without CARNET_IMPORT_MERGE the database must be empty (nothing but the nine themes of the
 * programme, untouched) and becomes a copy of the exported one: the file's records win, ids
 * come in the file's order. */
typedef enum
{
  CARNET_IMPORT_NONE    = 0,
  CARNET_IMPORT_MERGE   = 1 << 0,  /* the database may have data: matched by UUID, newest wins */
  CARNET_IMPORT_DRY_RUN = 1 << 1,  /* everything checked and counted, nothing kept */
} CarnetImportFlags;

typedef enum
{
  CARNET_IMPORT_KEPT_LOCAL,    /* Carnet's copy is more recent: kept */
  CARNET_IMPORT_TOOK_FILE,     /* the file's copy is more recent: it replaced Carnet's */
} CarnetImportWinner;

/* What an import did (or would do, in a dry run). */
typedef struct _CarnetImportReport CarnetImportReport;

GQuark              carnet_import_error_quark        (void);

/* Every file is read and checked, then applied in one transaction: when one is refused
 * (the GError names the file, the line, the JSON path and the field, in French) the
 * database is left as it was, byte for byte. Errors are CARNET_IMPORT_ERROR, CARNET_DB_ERROR
 * (read-only, busy, full disk) or G_IO_ERROR_CANCELLED. Call it outside any transaction.
 * @store's lists and loaded records follow; another store open on the same file is not told.
 * A national file takes a few seconds. */
CarnetImportReport *carnet_import_json               (CarnetStore         *store,
                                                      const char * const  *paths,
                                                      CarnetImportFlags    flags,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
CarnetImportReport *carnet_import_json_stream        (CarnetStore         *store,
                                                      GInputStream        *stream,
                                                      const char          *name,
                                                      CarnetImportFlags    flags,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

void                carnet_import_report_free        (CarnetImportReport  *report);
gboolean            carnet_import_report_get_dry_run (CarnetImportReport  *report);
guint               carnet_import_report_get_n_files (CarnetImportReport  *report);
/* Counts over every table and file. */
guint               carnet_import_report_get_added   (CarnetImportReport  *report);
guint               carnet_import_report_get_updated (CarnetImportReport  *report);
guint               carnet_import_report_get_deleted (CarnetImportReport  *report);
guint               carnet_import_report_get_unchanged (CarnetImportReport *report);
guint               carnet_import_report_get_communes_touched (CarnetImportReport *report);
/* Records found on both sides with different contents. */
guint               carnet_import_report_get_n_conflicts (CarnetImportReport *report);
/* For conflict @i: the file it came from, the table (“actions”), the record's UUID, a label
 * a person recognises (its title, name or text), who won, and the fields that differed
 * (their column names, NULL-terminated). */
const char         *carnet_import_conflict_get_file  (CarnetImportReport  *report, guint i);
const char         *carnet_import_conflict_get_table (CarnetImportReport  *report, guint i);
const char         *carnet_import_conflict_get_uuid  (CarnetImportReport  *report, guint i);
const char         *carnet_import_conflict_get_label (CarnetImportReport  *report, guint i);
CarnetImportWinner  carnet_import_conflict_get_winner (CarnetImportReport *report, guint i);
const char * const *carnet_import_conflict_get_fields (CarnetImportReport *report, guint i);
/* Notes in French about what was adjusted (a commune already in Carnet under another UUID,
 * photos that a JSON file does not carry…), NULL-terminated. */
const char * const *carnet_import_report_get_notes   (CarnetImportReport  *report);
/* The whole report as French text, a line per fact, for carnet-cli. */
char               *carnet_import_report_to_text     (CarnetImportReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetImportReport, carnet_import_report_free)

G_END_DECLS
