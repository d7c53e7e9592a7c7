/* carnet-import-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-import.h"

G_BEGIN_DECLS

/* The JSON import, in four files: carnet-import-read.c reads a file into staging tables
 * (temp.import_<table>), checking every value; carnet-import.c runs the transaction and checks
 * identities and links; carnet-import-merge.c decides record by record and writes;
 * carnet-import-report.c keeps what was done. */

#define IMPORT_N_META 4  /* uuid, created_at, updated_at, deleted_at */

/* What becomes of a staged record. */
typedef enum
{
  IMPORT_ACT_INSERT = 0,   /* not in Carnet: added */
  IMPORT_ACT_TAKE = 1,     /* the file's copy replaces Carnet's */
  IMPORT_ACT_KEEP = 2,     /* Carnet's copy is kept */
  IMPORT_ACT_SAME = 3,     /* both copies are the same */
  IMPORT_ACT_REFRESH = 4,  /* the same contents, the file's time stamps are taken */
} ImportAct;

typedef struct
{
  CarnetRecordClass *klass;
  const char        *stage;        /* "import_actions", interned */
  sqlite3_stmt      *insert;       /* into the stage */
  guint              n_members;    /* IMPORT_N_META + the fields */
  int                line_param;   /* the parameter of _line; _index is the next one */
  int                link_param[32]; /* per member: the parameter of its line, or 0 */
  int                project_member; /* for records under a project or an action, else -1 */
  int                action_member;
  gboolean           seen;         /* in the current file */
  guint              count;        /* records read from the current file */
} ImportTable;

typedef struct
{
  CarnetStore        *store;
  CarnetDb           *db;
  sqlite3            *handle;
  CarnetImportFlags   flags;
  GCancellable       *cancellable;
  ImportTable         tables[15];
  guint               n_tables;
  CarnetImportReport *report;
  char               *file;        /* the current file, as named in messages */
} Import;

/* carnet-import.c */
gboolean            _carnet_import_exec            (Import              *import,
                                                    const char          *sql,
                                                    gint64              *changes,
                                                    GError             **error);
gboolean            _carnet_import_exec_printf     (Import              *import,
                                                    GError             **error,
                                                    const char          *format,
                                                    ...) G_GNUC_PRINTF (3, 4);
sqlite3_stmt       *_carnet_import_prepare         (Import              *import,
                                                    const char          *sql,
                                                    GError             **error);
gboolean            _carnet_import_count           (Import              *import,
                                                    const char          *sql,
                                                    gint64              *count,
                                                    GError             **error);
ImportTable        *_carnet_import_find_table      (Import              *import,
                                                    const char          *name);

/* carnet-import-merge.c */
gboolean            _carnet_import_decide          (Import              *import,
                                                    ImportTable         *table,
                                                    GError             **error);
gboolean            _carnet_import_write           (Import              *import,
                                                    ImportTable         *table,
                                                    gboolean            *changed,
                                                    GError             **error);
gboolean            _carnet_import_cascade         (Import              *import,
                                                    gboolean             changed[],
                                                    GError             **error);
gboolean            _carnet_import_note_touched    (Import              *import,
                                                    GError             **error);

/* carnet-import-read.c */
gboolean            _carnet_import_read            (Import              *import,
                                                    GInputStream        *stream,
                                                    GError             **error);
const char         *_carnet_import_member          (ImportTable         *table,
                                                    guint                member);
const char         *_carnet_import_member_label    (ImportTable         *table,
                                                    guint                member);
void                _carnet_import_set_error       (GError             **error,
                                                    int                  code,
                                                    const char          *file,
                                                    guint                line,
                                                    const char          *path,
                                                    const char          *label,
                                                    const char          *format,
                                                    ...) G_GNUC_PRINTF (7, 8);

/* The field of a record's member, NULL for uuid and the time stamps. */
static inline const CarnetField *
_carnet_import_field (ImportTable *table,
                      guint        member)
{
  return member >= IMPORT_N_META ? &table->klass->fields[member - IMPORT_N_META] : NULL;
}

/* carnet-import-report.c */
CarnetImportReport *_carnet_import_report_new      (gboolean             dry_run);
void                _carnet_import_report_add_file (CarnetImportReport  *report);
void                _carnet_import_report_count    (CarnetImportReport  *report,
                                                    guint                added,
                                                    guint                updated,
                                                    guint                deleted,
                                                    guint                unchanged);
void                _carnet_import_report_set_communes_touched (CarnetImportReport *report,
                                                                guint               n);
void                _carnet_import_report_add_conflict (CarnetImportReport *report,
                                                        const char         *file,
                                                        const char         *table,
                                                        const char         *uuid,
                                                        const char         *label,
                                                        CarnetImportWinner  winner,
                                                        GStrv               fields);
void                _carnet_import_report_add_note (CarnetImportReport  *report,
                                                    char                *note);

G_END_DECLS
