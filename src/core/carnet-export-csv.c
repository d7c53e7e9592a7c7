/* carnet-export-csv.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-export-csv.h"

/* Actions, funding lines and observations as spreadsheets. The column names are French data
 * headers, the same in every language of the interface, as are the values (“En cours”).
 * Rows are read from SQLite and written one at a time, so that a national database (125,000
 * actions) never sits in memory.
 *
 * A spreadsheet runs a cell that starts with “=”, “+”, “-” or “@” as a formula (and some
 * treat a leading tab or carriage return the same way): such text cells are prefixed with an
 * apostrophe, as OWASP advises, so that “=HYPERLINK(…)” typed in a title stays text, and
 * “-5 %” typed as a title stays that text. Number cells are written by Carnet itself and are
 * not text: they are never prefixed. Amounts, costs and progress are never negative (the
 * schema forbids it); a longitude west of Greenwich is, and stays the number it is. */

typedef enum
{
  COL_TEXT,
  COL_CHOICE,  /* a slug, written as its French label */
  COL_DATE,
  COL_STAMP,   /* ISO 8601 UTC */
  COL_MONEY,   /* cents */
  COL_INT,
  COL_REAL,
  COL_BOOL,    /* Oui / Non */
} ColumnKind;

typedef struct
{
  const char *header;
  ColumnKind  kind;
} Column;

/* The SQL of each table selects its columns in the order of the headers. Parameters: ?1 the
 * communes (a JSON array of UUIDs, or NULL), ?2 the theme's UUID (or NULL), ?3 today. */

static const Column action_columns[] = {
  { "Commune", COL_TEXT }, { "Code INSEE", COL_TEXT }, { "N° projet", COL_TEXT },
  { "Projet", COL_TEXT }, { "N°", COL_TEXT }, { "Action", COL_TEXT }, { "Thème", COL_TEXT },
  { "Phase", COL_CHOICE }, { "Statut", COL_CHOICE }, { "Maturité", COL_CHOICE },
  { "Priorité", COL_CHOICE }, { "Pilote", COL_TEXT }, { "Maître d'ouvrage", COL_TEXT },
  { "Élu référent", COL_TEXT }, { "Partenaires", COL_TEXT }, { "Début prévu", COL_DATE },
  { "Échéance", COL_DATE }, { "Début réel", COL_DATE }, { "Fin réelle", COL_DATE },
  { "Avancement (%)", COL_INT }, { "Coût HT (€)", COL_MONEY }, { "Coût TTC (€)", COL_MONEY },
  { "Périmètre ORT", COL_BOOL }, { "En retard", COL_BOOL }, { "Description", COL_TEXT },
  { "Identifiant", COL_TEXT },
};

static const char action_sql[] =
  "SELECT c.name, c.insee, p.number, p.title, a.number, a.title, t.name,"
  " a.phase, a.status, a.maturity, a.priority, a.lead, a.owner, a.referent, a.partners,"
  " a.start_planned, a.end_planned, a.start_actual, a.end_actual, a.progress, a.cost_ht,"
  " a.cost_ttc, a.in_ort,"
  " a.end_planned IS NOT NULL AND a.end_planned < ?3"
  "   AND a.status NOT IN ('termine', 'abandonne'),"
  " a.description, a.uuid"
  " FROM actions a"
  " JOIN projects p ON p.uuid = a.project_uuid"
  " JOIN communes c ON c.uuid = p.commune_uuid"
  " LEFT JOIN themes t ON t.uuid = a.theme_uuid"
  " WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR a.theme_uuid = ?2)"
  " ORDER BY c.name COLLATE carnet, c.insee, p.number COLLATE carnet, p.title COLLATE carnet,"
  "  p.id, a.number COLLATE carnet, a.title COLLATE carnet, a.id";

static const Column funding_columns[] = {
  { "Commune", COL_TEXT }, { "Code INSEE", COL_TEXT }, { "N° projet", COL_TEXT },
  { "Projet", COL_TEXT }, { "N° action", COL_TEXT }, { "Action", COL_TEXT },
  { "Financeur", COL_TEXT }, { "Dispositif", COL_TEXT }, { "Nature", COL_CHOICE },
  { "Assiette", COL_CHOICE }, { "Montant demandé (€)", COL_MONEY },
  { "Montant accordé (€)", COL_MONEY }, { "Montant versé (€)", COL_MONEY },
  { "État", COL_CHOICE }, { "Date de dépôt", COL_DATE }, { "Date de décision", COL_DATE },
  { "Date de caducité", COL_DATE }, { "Référence", COL_TEXT }, { "Identifiant", COL_TEXT },
};

/* A line belongs to a project or to one of its actions; its theme is that of its parent. */
static const char funding_sql[] =
  "SELECT c.name, c.insee, p.number, p.title, a.number, a.title, f.funder, f.scheme,"
  " f.nature, f.basis, f.amount_requested, f.amount_granted, f.amount_paid, f.state,"
  " f.filed_on, f.decided_on, f.lapses_on, f.reference, f.uuid"
  " FROM funding_lines f"
  " LEFT JOIN actions a ON a.uuid = f.action_uuid"
  " JOIN projects p ON p.uuid = coalesce (f.project_uuid, a.project_uuid)"
  " JOIN communes c ON c.uuid = p.commune_uuid"
  " WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND a.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR coalesce (a.theme_uuid, p.theme_uuid) = ?2)"
  " ORDER BY c.name COLLATE carnet, c.insee, p.number COLLATE carnet, p.title COLLATE carnet,"
  "  p.id, a.number COLLATE carnet NULLS FIRST, a.id, f.funder COLLATE carnet, f.id";

static const Column observation_columns[] = {
  { "Commune", COL_TEXT }, { "Code INSEE", COL_TEXT }, { "Arpentage", COL_TEXT },
  { "Date de l'arpentage", COL_DATE }, { "Type", COL_CHOICE }, { "Thème", COL_TEXT },
  { "Observation", COL_TEXT }, { "Relevée le", COL_STAMP }, { "Latitude", COL_REAL },
  { "Longitude", COL_REAL }, { "Action liée", COL_TEXT }, { "Identifiant", COL_TEXT },
};

static const char observation_sql[] =
  "SELECT c.name, c.insee, w.title, w.walked_on, o.kind, t.name, o.text, o.taken_at,"
  " o.latitude, o.longitude, a.title, o.uuid"
  " FROM observations o"
  " JOIN walks w ON w.uuid = o.walk_uuid"
  " JOIN communes c ON c.uuid = w.commune_uuid"
  " LEFT JOIN themes t ON t.uuid = o.theme_uuid"
  " LEFT JOIN actions a ON a.uuid = o.action_uuid AND a.deleted_at IS NULL"
  " WHERE o.deleted_at IS NULL AND w.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR o.theme_uuid = ?2)"
  " ORDER BY c.name COLLATE carnet, c.insee, w.walked_on, w.id, o.taken_at, o.id";

static const struct
{
  const Column *columns;
  guint         n_columns;
  const char   *sql;
} tables[] = {
  [CARNET_CSV_ACTIONS] = { action_columns, G_N_ELEMENTS (action_columns), action_sql },
  [CARNET_CSV_FUNDING_LINES] = { funding_columns, G_N_ELEMENTS (funding_columns), funding_sql },
  [CARNET_CSV_OBSERVATIONS] = { observation_columns, G_N_ELEMENTS (observation_columns),
                                observation_sql },
};

#define FLUSH_SIZE (32 * 1024)

/* Whether a spreadsheet could read @text as a formula. */
static gboolean
is_dangerous (const char *text)
{
  return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
         text[0] == '\t' || text[0] == '\r';
}

static void
append_quoted (GString    *out,
               const char *text,
               char        separator)
{
  gboolean dangerous = is_dangerous (text);
  gboolean quote = strchr (text, separator) != NULL || strchr (text, '"') != NULL ||
                   strchr (text, '\r') != NULL || strchr (text, '\n') != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (dangerous)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * carnet_csv_cell:
 * @text: a text cell
 * @separator: the field separator
 *
 * Returns: @text as a CSV field: quoted when it holds the separator, a quote, CR or LF
 *   (quotes doubled), and prefixed with an apostrophe when a spreadsheet would read it as a
 *   formula
 */
char *
carnet_csv_cell (const char *text,
                 char        separator)
{
  GString *out = g_string_new (NULL);

  append_quoted (out, text != NULL ? text : "", separator);
  return g_string_free (out, FALSE);
}

static void
append_number (GString          *out,
               gint64            value,
               guint             decimals,
               CarnetCsvDialect  dialect)
{
  char point = dialect == CARNET_CSV_FRENCH ? ',' : '.';

  g_assert (value >= 0);
  if (decimals == 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT "%c%02d", value / 100, point,
                            (int)(value % 100));
}

static void
append_date (GString          *out,
             const char       *iso,
             CarnetCsvDialect  dialect,
             char              separator)
{
  if (iso == NULL)
    return;
  if (dialect == CARNET_CSV_FRENCH && strlen (iso) == 10)
    /* 12/03/2026: what French spreadsheets take for a date */
    g_string_append_printf (out, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
  else
    append_quoted (out, iso, separator);
}

static void
append_stamp (GString          *out,
              const char       *iso,
              CarnetCsvDialect  dialect,
              char              separator)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (iso == NULL)
    return;
  if (dialect == CARNET_CSV_RFC4180 ||
      (utc = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    {
      append_quoted (out, iso, separator);
      return;
    }
  /* The time of day where the export is made, as a French spreadsheet reads it. */
  local = g_date_time_to_local (utc);
  text = g_date_time_format (local, "%d/%m/%Y %H:%M");
  g_string_append (out, text);
}

static void
append_real (GString          *out,
             double            value,
             CarnetCsvDialect  dialect)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  /* Seven decimals of a degree are a centimetre: enough for where a note was taken. */
  g_ascii_formatd (buffer, sizeof buffer, "%.7f", value);
  len = strlen (buffer);
  while (len > 0 && buffer[len - 1] == '0')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '.')
    buffer[--len] = '\0';
  if (dialect == CARNET_CSV_FRENCH)
    {
      char *point = strchr (buffer, '.');

      if (point != NULL)
        *point = ',';
    }
  g_string_append (out, buffer);
}

static void
append_cell (GString          *out,
             sqlite3_stmt     *stmt,
             int               i,
             ColumnKind        kind,
             CarnetCsvDialect  dialect)
{
  char separator = dialect == CARNET_CSV_FRENCH ? ';' : ',';
  const char *text = (const char *)sqlite3_column_text (stmt, i);
  gboolean null = sqlite3_column_type (stmt, i) == SQLITE_NULL;

  switch (kind)
    {
    case COL_TEXT:
      append_quoted (out, text != NULL ? text : "", separator);
      break;
    case COL_CHOICE:
      append_quoted (out, carnet_export_choice_fr (text), separator);
      break;
    case COL_DATE:
      append_date (out, text, dialect, separator);
      break;
    case COL_STAMP:
      append_stamp (out, text, dialect, separator);
      break;
    case COL_MONEY:
      if (!null)
        append_number (out, MAX (sqlite3_column_int64 (stmt, i), 0), 2, dialect);
      break;
    case COL_INT:
      if (!null)
        append_number (out, MAX (sqlite3_column_int64 (stmt, i), 0), 0, dialect);
      break;
    case COL_REAL:
      if (!null)
        append_real (out, sqlite3_column_double (stmt, i), dialect);
      break;
    case COL_BOOL:
      g_string_append (out, sqlite3_column_int (stmt, i) != 0 ? "Oui" : "Non");
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
flush (GOutputStream  *stream,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, buffer->str, buffer->len, NULL,
                                           cancellable, error);

  g_string_truncate (buffer, 0);
  return ok;
}

/**
 * carnet_export_csv:
 * @options: (nullable): the communes and theme to export, and what day it is (for the
 *   “En retard” column)
 * @stream: where to write; it is not closed
 *
 * Writes the live actions, funding lines or observations of the selection as CSV, a header
 * row first. The selection is checked before anything is written.
 */
gboolean
carnet_export_csv (CarnetStore                *store,
                   const CarnetExportOptions  *options,
                   CarnetCsvContent            content,
                   CarnetCsvDialect            dialect,
                   GOutputStream              *stream,
                   GCancellable               *cancellable,
                   GError                    **error)
{
  g_autoptr(CarnetExportScope) scope = NULL;
  g_autoptr(GString) buffer = NULL;
  char separator = dialect == CARNET_CSV_FRENCH ? ';' : ',';
  CarnetDb *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CARNET_IS_STORE (store), FALSE);
  g_return_val_if_fail (content <= CARNET_CSV_OBSERVATIONS, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  scope = carnet_export_scope_new (store, options, error);
  if (scope == NULL)
    return FALSE;

  db = carnet_store_get_db (store);
  stmt = carnet_db_prepare (db, tables[content].sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, carnet_export_scope_communes (scope), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, carnet_export_scope_theme (scope), -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, carnet_export_scope_today (scope), -1, SQLITE_TRANSIENT);
  g_assert (sqlite3_column_count (stmt) == (int)tables[content].n_columns);

  buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  if (dialect == CARNET_CSV_FRENCH)
    g_string_append (buffer, "\xef\xbb\xbf");
  for (guint i = 0; i < tables[content].n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (buffer, separator);
      append_quoted (buffer, tables[content].columns[i].header, separator);
    }
  g_string_append (buffer, "\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < tables[content].n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, separator);
          append_cell (buffer, stmt, i, tables[content].columns[i].kind, dialect);
        }
      g_string_append (buffer, "\r\n");
      if (buffer->len >= FLUSH_SIZE && !flush (stream, buffer, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (db, error, _("the export"));
  return flush (stream, buffer, cancellable, error);
}

/**
 * carnet_export_csv_to_file:
 * @path: the file to write; a file already there is replaced only when the export succeeds
 */
gboolean
carnet_export_csv_to_file (CarnetStore                *store,
                           const CarnetExportOptions  *options,
                           CarnetCsvContent            content,
                           CarnetCsvDialect            dialect,
                           const char                 *path,
                           GError                    **error)
{
  g_autoptr(CarnetExportScope) scope = NULL;
  g_autoptr(CarnetExportFile) file = NULL;

  /* The selection is checked before the file is touched. */
  scope = carnet_export_scope_new (store, options, error);
  if (scope == NULL)
    return FALSE;
  file = carnet_export_file_open (path, error);
  if (file == NULL)
    return FALSE;
  if (!carnet_export_csv (store, options, content, dialect,
                          carnet_export_file_get_stream (file), NULL, error))
    return FALSE;
  return carnet_export_file_commit (file, error);
}
