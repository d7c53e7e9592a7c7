/* carnet-import-csv-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-csv-reader.h"
#include "carnet-import-csv.h"
#include "carnet-reference.h"

G_BEGIN_DECLS

/* What a column of a spreadsheet can hold. */
typedef enum
{
  FIELD_TITLE,
  FIELD_COMMUNE,
  FIELD_INSEE,
  FIELD_DEPARTEMENT,
  FIELD_PROJECT,
  FIELD_PROJECT_NUMBER,
  FIELD_NUMBER,
  FIELD_THEME,
  FIELD_PHASE,
  FIELD_STATUS,
  FIELD_MATURITY,
  FIELD_PRIORITY,
  FIELD_LEAD,
  FIELD_OWNER,
  FIELD_REFERENT,
  FIELD_PARTNERS,
  FIELD_START_PLANNED,
  FIELD_END_PLANNED,
  FIELD_START_ACTUAL,
  FIELD_END_ACTUAL,
  FIELD_PROGRESS,
  FIELD_COST_HT,
  FIELD_COST_TTC,
  FIELD_IN_ORT,
  FIELD_DESCRIPTION,
  FIELD_OBJECTIVES,
  FIELD_EXPECTED_RESULTS,
  FIELD_UUID,
  FIELD_PVD_DATE,
  FIELD_ORT_DATE,
  FIELD_NOTES,
  N_FIELDS
} ImportField;

typedef enum
{
  VALUE_TEXT,
  VALUE_DATE,
  VALUE_MONEY,
  VALUE_PERCENT,
  VALUE_BOOL,
  VALUE_CHOICE,   /* a slug of the action field named by sql_column */
  VALUE_THEME,    /* a theme's UUID */
  VALUE_COMMUNE,  /* read with the other commune columns */
  VALUE_UUID,
} ValueKind;

typedef struct
{
  const char *label;     /* NC_("spreadsheet column", …) */
  ValueKind   kind;
  guint       kinds;     /* 1 << CarnetCsvImportKind */
  const char *sql_column;
  const char *headers;   /* folded headers, “|” between them */
} FieldInfo;

/* A line read and checked. */
typedef struct
{
  char     *label;
  char     *problem;
  char     *note;
  gboolean  skip;       /* already in Carnet: nothing to add */
} ImportLine;

/* The values of one line, ready for SQL. */
typedef struct
{
  char                         *text[N_FIELDS];    /* text, ISO date, slug or UUID; NULL: none */
  gint64                        number[N_FIELDS];  /* cents, percent, 0 or 1 */
  char                         *commune_uuid;      /* a commune of Carnet, or else */
  const CarnetReferenceCommune *reference;         /* one of the list, to add */
  const char                   *commune_name;
  gboolean                      skip;
  char                         *note;
} ImportValues;

/* What the commune cells of a line name: a commune of Carnet, one of the list to add, or a
 * problem. */
typedef struct
{
  char                         *commune_uuid;
  const CarnetReferenceCommune *reference;
  char                         *name;
  char                         *problem;
} ImportResolution;

/* A commune of Carnet, as the lines look for it. */
typedef struct
{
  char *uuid;
  char *insee;
  char *name;
  char *folded;
  char *departement;        /* folded */
  char *departement_name;   /* folded */
} KnownCommune;

struct _CarnetCsvImport
{
  CarnetStore          *store;
  CarnetCsvImportKind   kind;
  char                 *name;
  CarnetCsvTable       *table;
  int                   columns[N_FIELDS];  /* the file's column of each field, or -1 */
  int                  *mapping;            /* the field of each column, or -1 */
  ImportLine           *lines;
  guint                 n_lines;
  guint                 n_problems;
  guint                 n_skipped;
  guint                 n_new_communes;
  guint                 n_new_projects;
  guint                 n_to_add;
  gboolean              applied;

  /* Looked up once per pass over the lines. */
  GPtrArray            *themes;        /* Theme */
  GPtrArray            *communes;      /* KnownCommune */
  GHashTable           *by_insee;      /* INSEE → KnownCommune */
  GHashTable           *by_name;       /* folded name → GPtrArray of KnownCommune */
  GHashTable           *resolved;      /* the commune cells → Resolution */
  GHashTable           *projects;      /* commune UUID → (folded title → project UUID) */
  GHashTable           *seen;          /* UUID or INSEE → its line number, in this pass */
};

extern const FieldInfo import_fields[N_FIELDS];

/* The title of the project that gathers a commune's actions when the file names none. */
#define IMPORT_DEFAULT_PROJECT "Actions importées"

char       *import_fold              (const char         *text);
gboolean    import_is_blank          (const char         *text);
char       *import_shown             (const char         *text);
void        import_add_problem       (GString            *problems,
                                      const char         *header,
                                      const char         *detail);
const char *import_header_of         (CarnetCsvImport    *self,
                                      ImportField         field);
const ImportResolution *
            import_resolve_commune   (CarnetCsvImport    *self,
                                      guint               row);
void        import_resolution_free   (gpointer            data);
void        import_known_commune_free (gpointer           data);
void        import_lookups_reset     (CarnetCsvImport    *self);
gboolean    import_lookups_load      (CarnetCsvImport    *self,
                                      GError            **error);
gboolean    import_check_line        (CarnetCsvImport    *self,
                                      guint               row,
                                      ImportValues       *values,
                                      char              **problem);
void        import_values_clear      (ImportValues       *values);
const char *import_find_project      (CarnetCsvImport    *self,
                                      const char         *commune_uuid,
                                      const char         *title,
                                      GError            **error);
void        import_remember_project  (CarnetCsvImport    *self,
                                      const char         *commune_uuid,
                                      const char         *title,
                                      const char         *uuid);
const char *import_project_title     (ImportValues       *values);

G_END_DECLS
