/* carnet-import.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "carnet-import-private.h"

/* Reading back JSON exports, into an empty database (a copy of the exported one, id order
 * included) or merged into one with data (a coordinator gathering the exports of a region).
 *
 * Everything happens in one transaction. Each file is read into staging tables
 * (temp.import_<table>), checked as a whole (identities, links), then each record is decided
 * against Carnet's copy with the same UUID: the most recent updated_at wins, ties keep
 * Carnet's; then written table by table, parents first, by one INSERT … SELECT or UPDATE … FROM
 * per table (FTS5 flushes its index at each statement: row by row it would make a segment per
 * row). Deletions then follow the store's rules: what a deleted record owns is deleted with
 * it, and a record brought back brings back what was deleted with it. A refusal, or a dry
 * run, rolls everything back. */

G_DEFINE_QUARK (carnet-import-error-quark, carnet_import_error)

/* Above this many, the identities matched by INSEE code or short name are told as a count. */
#define MAX_IDENTITY_NOTES 10

/* SQL helpers, for carnet-import-merge.c too */

/* Runs one statement; *changes (when given) gets the rows it wrote. */
gboolean
_carnet_import_exec (Import      *import,
                     const char  *sql,
                     gint64      *changes,
                     GError     **error)
{
  if (sqlite3_exec (import->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Import statement failed: %s: %s", sqlite3_errmsg (import->handle), sql);
      return carnet_db_propagate (import->db, error, _("the import"));
    }
  if (changes != NULL)
    *changes = sqlite3_changes64 (import->handle);
  return TRUE;
}

gboolean
_carnet_import_exec_printf (Import      *import,
                            GError     **error,
                            const char  *format,
                            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return _carnet_import_exec (import, sql, NULL, error);
}

sqlite3_stmt *
_carnet_import_prepare (Import      *import,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (import->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_debug ("Import statement failed: %s: %s", sqlite3_errmsg (import->handle), sql);
      carnet_db_propagate (import->db, error, _("the import"));
      return NULL;
    }
  return stmt;
}

/* The first column of the first row of a query that returns one number. */
gboolean
_carnet_import_count (Import      *import,
                      const char  *sql,
                      gint64      *count,
                      GError     **error)
{
  sqlite3_stmt *stmt = _carnet_import_prepare (import, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return carnet_db_propagate (import->db, error, _("the import"));
  return TRUE;
}

ImportTable *
_carnet_import_find_table (Import     *import,
                           const char *name)
{
  for (guint i = 0; i < import->n_tables; i++)
    if (strcmp (import->tables[i].klass->table, name) == 0)
      return &import->tables[i];
  return NULL;
}

/* The table a link field points to. */
static ImportTable *
link_target (Import            *import,
             const CarnetField *field)
{
  GType type = carnet_record_type_from_kind (field->link_kind);
  CarnetRecordClass *klass = g_type_class_peek (type);

  g_assert (klass != NULL);
  return _carnet_import_find_table (import, klass->table);
}

/* Staging */

static gboolean
create_stage (Import       *import,
              ImportTable  *t,
              GError      **error)
{
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  int param;

  g_assert (t->n_members <= G_N_ELEMENTS (t->link_param));
  g_string_printf (create, "CREATE TEMP TABLE %s (uuid TEXT NOT NULL", t->stage);
  g_string_printf (insert, "INSERT INTO temp.%s (uuid", t->stage);
  g_string_assign (values, "?1");
  for (guint i = 1; i < t->n_members; i++)
    {
      g_string_append_printf (create, ", %s", _carnet_import_member (t, i));
      g_string_append_printf (insert, ", %s", _carnet_import_member (t, i));
      g_string_append_printf (values, ", ?%u", i + 1);
    }
  param = t->n_members + 1;
  t->line_param = param;
  g_string_append (create, ", _line INTEGER, _index INTEGER");
  g_string_append (insert, ", _line, _index");
  g_string_append_printf (values, ", ?%d, ?%d", param, param + 1);
  param += 2;
  t->project_member = -1;
  t->action_member = -1;
  for (guint i = IMPORT_N_META; i < t->n_members; i++)
    {
      const CarnetField *field = _carnet_import_field (t, i);

      t->link_param[i] = 0;
      if (field->type != CARNET_FIELD_LINK)
        continue;
      g_string_append_printf (create, ", _l_%s INTEGER", field->column);
      g_string_append_printf (insert, ", _l_%s", field->column);
      g_string_append_printf (values, ", ?%d", param);
      t->link_param[i] = param++;
      if (strcmp (field->column, "project_uuid") == 0)
        t->project_member = i;
      else if (strcmp (field->column, "action_uuid") == 0)
        t->action_member = i;
    }
  /* Only records under a project or an action have both, and need exactly one. */
  if (t->project_member < 0 || t->action_member < 0)
    t->project_member = t->action_member = -1;
  g_string_append (create, ", _act INTEGER NOT NULL DEFAULT 0)");
  g_string_append_printf (insert, ") VALUES (%s)", values->str);

  if (!_carnet_import_exec_printf (import, error, "DROP TABLE IF EXISTS temp.%s", t->stage) ||
      !_carnet_import_exec (import, create->str, NULL, error))
    return FALSE;
  t->insert = _carnet_import_prepare (import, insert->str, error);
  return t->insert != NULL;
}

static gboolean
set_up (Import  *import,
        GError **error)
{
  const GType *types = carnet_record_types (&import->n_tables);

  g_assert (import->n_tables == G_N_ELEMENTS (import->tables));
  for (guint i = 0; i < import->n_tables; i++)
    {
      ImportTable *t = &import->tables[i];
      g_autofree char *stage = NULL;

      t->klass = g_type_class_peek (types[i]);
      t->n_members = IMPORT_N_META + t->klass->n_fields;
      stage = g_strconcat ("import_", t->klass->table, NULL);
      t->stage = g_intern_string (stage);
    }
  for (guint i = 0; i < import->n_tables; i++)
    if (!create_stage (import, &import->tables[i], error))
      return FALSE;
  return _carnet_import_exec (import,
                              "DROP TABLE IF EXISTS temp.import_map;"
                              "DROP TABLE IF EXISTS temp.import_back;"
                              "DROP TABLE IF EXISTS temp.import_touched;"
                              "CREATE TEMP TABLE import_map (old TEXT PRIMARY KEY,"
                              " new TEXT NOT NULL, kind TEXT NOT NULL);"
                              "CREATE TEMP TABLE import_back (uuid TEXT PRIMARY KEY,"
                              " tbl TEXT NOT NULL, stamp TEXT NOT NULL, updated TEXT NOT NULL);"
                              "CREATE TEMP TABLE import_touched (uuid TEXT PRIMARY KEY);",
                              NULL, error);
}

static void
tear_down (Import *import)
{
  for (guint i = 0; i < import->n_tables; i++)
    g_clear_pointer (&import->tables[i].insert, sqlite3_finalize);
}

static gboolean
drop_stage (Import  *import,
            GError **error)
{
  tear_down (import);
  for (guint i = 0; i < import->n_tables; i++)
    if (!_carnet_import_exec_printf (import, error, "DROP TABLE temp.%s",
                                     import->tables[i].stage))
      return FALSE;
  return _carnet_import_exec (import, "DROP TABLE temp.import_map; DROP TABLE temp.import_back;"
                              " DROP TABLE temp.import_touched", NULL, error);
}

/* The staging tables are indexed once filled: a national file is staged faster without. */
static gboolean
clear_stage (Import  *import,
             GError **error)
{
  for (guint i = 0; i < import->n_tables; i++)
    {
      const char *stage = import->tables[i].stage;

      if (!_carnet_import_exec_printf (import, error, "DROP INDEX IF EXISTS temp.%s_uuid;"
                                       " DROP INDEX IF EXISTS temp.%s_insee; DELETE FROM temp.%s",
                                       stage, stage, stage))
        return FALSE;
    }
  return _carnet_import_exec (import, "DELETE FROM temp.import_map; DELETE FROM temp.import_back",
                              NULL, error);
}

/* A UUID twice in a table of the file is refused, naming the second one. */
static gboolean
index_stage (Import       *import,
             ImportTable  *t,
             GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("CREATE UNIQUE INDEX temp.%s_uuid ON %s (uuid)", t->stage, t->stage);
  if (sqlite3_exec (import->handle, sql, NULL, NULL, NULL) == SQLITE_OK)
    return strcmp (t->klass->table, "communes") != 0 ||
           _carnet_import_exec_printf (import, error, "CREATE INDEX temp.%s_insee ON %s (insee)",
                                       t->stage, t->stage);
  if ((sqlite3_extended_errcode (import->handle) & 0xff) != SQLITE_CONSTRAINT)
    return carnet_db_propagate (import->db, error, _("the import"));

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT s._line, s._index FROM %s s"
                         " WHERE s.uuid = (SELECT uuid FROM %s GROUP BY uuid HAVING count(*) > 1"
                         "  ORDER BY min (rowid) LIMIT 1)"
                         " ORDER BY s.rowid LIMIT 1 OFFSET 1", t->stage, t->stage);
  stmt = _carnet_import_prepare (import, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *path = g_strdup_printf ("records.%s[%d].uuid", t->klass->table,
                                               sqlite3_column_int (stmt, 1));

      _carnet_import_set_error (error, CARNET_IMPORT_ERROR_DUPLICATE, import->file,
                                sqlite3_column_int (stmt, 0), path, NULL,
                                _("this identifier is already used by another record of "
                                  "“%s” in the file"), t->klass->table);
    }
  else
    carnet_db_propagate (import->db, error, _("the import"));
  sqlite3_finalize (stmt);
  return FALSE;
}

/* Checks */

/* An empty database holds the nine themes of the programme as Carnet made them, and nothing
 * else. */
static gboolean
check_empty (Import  *import,
             GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 0");
  gint64 others, themes, untouched;

  for (guint i = 0; i < import->n_tables; i++)
    if (strcmp (import->tables[i].klass->table, "themes") != 0)
      g_string_append_printf (sql, " + (SELECT count(*) FROM main.%s)",
                              import->tables[i].klass->table);
  if (!_carnet_import_count (import, sql->str, &others, error) ||
      !_carnet_import_count (import, "SELECT count(*) FROM main.themes", &themes, error) ||
      !_carnet_import_count (import, "SELECT count(*) FROM main.themes"
                             " WHERE uuid GLOB '5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e000[1-9]'"
                             " AND created_at = updated_at AND deleted_at IS NULL",
                             &untouched, error))
    return FALSE;
  if (others == 0 && themes == 9 && untouched == 9)
    return TRUE;
  g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_NOT_EMPTY,
               _("The database “%s” already holds data: only an empty database can take a plain "
                 "import. Merge the files into it instead (carnet-cli import --merge)"),
               carnet_db_get_path (import->db));
  return FALSE;
}

/* A live commune's INSEE code, and a live theme's short name, are unique. */
static gboolean
check_identities_unique (Import  *import,
                         GError **error)
{
  static const struct { const char *table, *column; } keys[] = {
    { "communes", "insee" },
    { "themes", "slug" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      ImportTable *t = _carnet_import_find_table (import, keys[k].table);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      sql = g_strdup_printf ("SELECT b._line, b._index, b.%s FROM %s a JOIN %s b"
                             " ON b.%s = a.%s AND b.rowid > a.rowid"
                             " WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL"
                             " ORDER BY b.rowid LIMIT 1",
                             keys[k].column, t->stage, t->stage, keys[k].column, keys[k].column);
      stmt = _carnet_import_prepare (import, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *path = g_strdup_printf ("records.%s[%d].%s", keys[k].table,
                                                   sqlite3_column_int (stmt, 1), keys[k].column);
          const CarnetField *field = carnet_record_class_find_field (t->klass, keys[k].column);

          _carnet_import_set_error (error, CARNET_IMPORT_ERROR_DUPLICATE, import->file,
                                    sqlite3_column_int (stmt, 0), path, _(field->label),
                                    _("“%s” is used by two records of “%s” that are not "
                                      "deleted"),
                                    (const char *)sqlite3_column_text (stmt, 2), keys[k].table);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

static void
add_identity_notes (Import *import)
{
  static const char *sql =
    "SELECT m.kind, c.name, c.insee FROM temp.import_map m JOIN main.communes c ON c.uuid = m.new"
    " WHERE m.kind = 'commune'"
    " UNION ALL SELECT m.kind, t.name, t.slug FROM temp.import_map m"
    " JOIN main.themes t ON t.uuid = m.new WHERE m.kind = 'theme'";
  gint64 n = 0;
  sqlite3_stmt *stmt;

  if (!_carnet_import_count (import, "SELECT count(*) FROM temp.import_map", &n, NULL) || n == 0)
    return;
  if (n > MAX_IDENTITY_NOTES)
    {
      _carnet_import_report_add_note (import->report,
        g_strdup_printf (ngettext ("“%s”: %u commune or theme was already in Carnet under "
                                   "another identifier: the file’s records were attached to it",
                                   "“%s”: %u communes and themes were already in Carnet under "
                                   "other identifiers: the file’s records were attached to them",
                                   (gulong)n), import->file, (guint)n));
      return;
    }
  stmt = _carnet_import_prepare (import, sql, NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *)sqlite3_column_text (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);
      const char *key = (const char *)sqlite3_column_text (stmt, 2);

      if (strcmp (kind, "commune") == 0)
        _carnet_import_report_add_note (import->report,
          g_strdup_printf (_("“%s”: the commune %s (%s) was already in Carnet under another "
                             "identifier: the file’s records were attached to it"),
                           import->file, name, key));
      else
        _carnet_import_report_add_note (import->report,
          g_strdup_printf (_("“%s”: the theme “%s” (%s) was already in Carnet under another "
                             "identifier: the file’s records were attached to it"),
                           import->file, name, key));
    }
  sqlite3_finalize (stmt);
}

/* A commune already in Carnet under another UUID (the same INSEE code), or a theme (the same
 * short name), is that record: the file's UUID is mapped onto Carnet's, and the file's links
 * follow. */
static gboolean
map_identities (Import  *import,
                GError **error)
{
  static const char *map =
    "INSERT INTO temp.import_map (old, new, kind)"
    " SELECT s.uuid, c.uuid, 'commune' FROM temp.import_communes s"
    " JOIN main.communes c ON c.insee = s.insee AND c.deleted_at IS NULL"
    " WHERE s.deleted_at IS NULL AND c.uuid <> s.uuid"
    " AND NOT EXISTS (SELECT 1 FROM temp.import_communes x WHERE x.uuid = c.uuid)"
    " AND NOT EXISTS (SELECT 1 FROM main.communes l WHERE l.uuid = s.uuid"
    "  AND l.deleted_at IS NULL);"
    "INSERT INTO temp.import_map (old, new, kind)"
    " SELECT s.uuid, t.uuid, 'theme' FROM temp.import_themes s"
    " JOIN main.themes t ON t.slug = s.slug AND t.deleted_at IS NULL"
    " WHERE s.deleted_at IS NULL AND t.uuid <> s.uuid"
    " AND NOT EXISTS (SELECT 1 FROM temp.import_themes x WHERE x.uuid = t.uuid)"
    " AND NOT EXISTS (SELECT 1 FROM main.themes l WHERE l.uuid = s.uuid"
    "  AND l.deleted_at IS NULL)";
  gint64 n;

  if (!_carnet_import_exec (import, map, NULL, error) ||
      !_carnet_import_count (import, "SELECT count(*) FROM temp.import_map", &n, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  for (guint i = 0; i < import->n_tables; i++)
    {
      ImportTable *t = &import->tables[i];

      if ((strcmp (t->klass->table, "communes") == 0 || strcmp (t->klass->table, "themes") == 0) &&
          !_carnet_import_exec_printf (import, error,
                                       "UPDATE %s SET uuid = (SELECT new FROM temp.import_map"
                                       " WHERE old = uuid)"
                                       " WHERE uuid IN (SELECT old FROM temp.import_map)",
                                       t->stage))
        return FALSE;
      for (guint j = IMPORT_N_META; j < t->n_members; j++)
        {
          const CarnetField *field = _carnet_import_field (t, j);
          const char *c = field->column;

          if (field->type != CARNET_FIELD_LINK ||
              (strcmp (field->link_kind, "commune") != 0 &&
               strcmp (field->link_kind, "theme") != 0))
            continue;
          if (!_carnet_import_exec_printf (import, error,
                                           "UPDATE %s SET %s = (SELECT new FROM temp.import_map"
                                           " WHERE old = %s) WHERE %s IN (SELECT old"
                                           " FROM temp.import_map WHERE kind = '%s')",
                                           t->stage, c, c, c, field->link_kind))
            return FALSE;
        }
    }
  add_identity_notes (import);
  return TRUE;
}

/* Every link reaches a record of the file or of Carnet, whatever the order of the file. */
static gboolean
check_links (Import  *import,
             GError **error)
{
  for (guint i = 0; i < import->n_tables; i++)
    {
      ImportTable *t = &import->tables[i];

      for (guint j = IMPORT_N_META; j < t->n_members; j++)
        {
          const CarnetField *field = _carnet_import_field (t, j);
          ImportTable *target;
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;

          if (field->type != CARNET_FIELD_LINK)
            continue;
          target = link_target (import, field);
          sql = g_strdup_printf ("SELECT s._index, s._l_%s, s.%s FROM %s s WHERE s.%s IS NOT NULL"
                                 " AND NOT EXISTS (SELECT 1 FROM temp.%s p WHERE p.uuid = s.%s)"
                                 " AND NOT EXISTS (SELECT 1 FROM main.%s p WHERE p.uuid = s.%s)"
                                 " ORDER BY s.rowid LIMIT 1",
                                 field->column, field->column, t->stage, field->column,
                                 target->stage, field->column, target->klass->table,
                                 field->column);
          stmt = _carnet_import_prepare (import, sql, error);
          if (stmt == NULL)
            return FALSE;
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_autofree char *path = g_strdup_printf ("records.%s[%d].%s", t->klass->table,
                                                       sqlite3_column_int (stmt, 0),
                                                       field->column);

              _carnet_import_set_error (error, CARNET_IMPORT_ERROR_LINK, import->file,
                                        sqlite3_column_int (stmt, 1), path, _(field->label),
                                        _("refers to %s, which is neither in the file’s “%s” "
                                          "nor in Carnet"),
                                        (const char *)sqlite3_column_text (stmt, 2),
                                        target->klass->table);
              sqlite3_finalize (stmt);
              return FALSE;
            }
          sqlite3_finalize (stmt);
        }
    }
  return TRUE;
}

static gboolean
import_file (Import        *import,
             GInputStream  *stream,
             gboolean       changed[],
             GError       **error)
{
  gint64 start = g_get_monotonic_time ();

  if (g_cancellable_set_error_if_cancelled (import->cancellable, error) ||
      !clear_stage (import, error) ||
      !_carnet_import_read (import, stream, error) ||
      g_cancellable_set_error_if_cancelled (import->cancellable, error))
    return FALSE;
  _carnet_import_report_add_file (import->report);
  for (guint i = 0; i < import->n_tables; i++)
    if (!index_stage (import, &import->tables[i], error))
      return FALSE;
  if (!check_identities_unique (import, error) ||
      !map_identities (import, error) ||
      !check_links (import, error))
    return FALSE;
  for (guint i = 0; i < import->n_tables; i++)
    if (!_carnet_import_decide (import, &import->tables[i], error))
      return FALSE;
  if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
    return FALSE;
  for (guint i = 0; i < import->n_tables; i++)
    if (!_carnet_import_write (import, &import->tables[i], &changed[i], error))
      return FALSE;
  /* A plain import is a copy: what the file holds, as it is. */
  if ((import->flags & CARNET_IMPORT_MERGE) != 0 &&
      !_carnet_import_cascade (import, changed, error))
    return FALSE;
  if (!_carnet_import_note_touched (import, error))
    return FALSE;
  g_debug ("“%s” imported in %.1f s", import->file, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

/* The files, each opened when its turn comes. */
typedef struct
{
  const char * const *paths;
  GInputStream       *stream;
  const char         *name;
} Sources;

static gboolean
run (Import        *import,
     Sources       *sources,
     gboolean       changed[],
     GError       **error)
{
  gint64 touched;

  if (!set_up (import, error))
    return FALSE;
  if ((import->flags & CARNET_IMPORT_MERGE) == 0 && !check_empty (import, error))
    return FALSE;

  if (sources->stream != NULL)
    {
      import->file = g_strdup (sources->name != NULL ? sources->name : "");
      if (!import_file (import, sources->stream, changed, error))
        return FALSE;
    }
  for (guint i = 0; sources->paths != NULL && sources->paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (sources->paths[i]);
      g_autoptr(GFileInputStream) stream = NULL;
      g_autoptr(GError) local = NULL;

      g_free (import->file);
      import->file = g_filename_display_name (sources->paths[i]);
      stream = g_file_read (file, import->cancellable, &local);
      if (stream == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_READ,
                         _("“%s” cannot be read: %s"), import->file, local->message);
          return FALSE;
        }
      if (!import_file (import, G_INPUT_STREAM (stream), changed, error))
        return FALSE;
    }

  if (!_carnet_import_count (import, "SELECT count(*) FROM temp.import_touched", &touched, error))
    return FALSE;
  _carnet_import_report_set_communes_touched (import->report, touched);
  return drop_stage (import, error);
}

static gint64
read_cache_size (Import     *import,
                 const char *pragma)
{
  gint64 pages = -2000;

  _carnet_import_count (import, pragma, &pages, NULL);
  return pages;
}

static CarnetImportReport *
import_sources (CarnetStore        *store,
                Sources            *sources,
                CarnetImportFlags   flags,
                GCancellable       *cancellable,
                GError            **error)
{
  Import import = { 0, };
  g_autoptr(CarnetImportReport) report = NULL;
  gboolean changed[G_N_ELEMENTS (import.tables)] = { FALSE, };
  gboolean dry_run = (flags & CARNET_IMPORT_DRY_RUN) != 0;
  g_autofree char *restore = NULL;
  const GType *types;
  gint64 cache_size, temp_cache_size;
  gboolean ok;

  import.store = store;
  import.db = carnet_store_get_db (store);
  import.handle = carnet_db_get_handle (import.db);
  /* Its own transaction: a dry run or a refusal rolls back everything. */
  g_return_val_if_fail (sqlite3_get_autocommit (import.handle), NULL);
  import.flags = flags;
  import.cancellable = cancellable;
  report = _carnet_import_report_new (dry_run);
  import.report = report;

  /* A bigger page cache for the indexes a national file walks; the connection's own after. */
  cache_size = read_cache_size (&import, "PRAGMA main.cache_size");
  temp_cache_size = read_cache_size (&import, "PRAGMA temp.cache_size");
  _carnet_import_exec (&import, "PRAGMA main.cache_size = -131072;"
                       " PRAGMA temp.cache_size = -131072", NULL, NULL);
  ok = carnet_db_begin (import.db, error);
  if (ok)
    {
      ok = run (&import, sources, changed, error);
      tear_down (&import);
      if (ok && !dry_run)
        ok = carnet_db_commit (import.db, error);
      else
        carnet_db_rollback (import.db);
    }
  restore = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT ";"
                             " PRAGMA temp.cache_size = %" G_GINT64_FORMAT, cache_size,
                             temp_cache_size);
  _carnet_import_exec (&import, restore, NULL, NULL);
  g_free (import.file);
  if (!ok)
    return NULL;

  /* Lists and loaded records follow. */
  types = carnet_record_types (&import.n_tables);
  for (guint i = 0; i < import.n_tables && !dry_run; i++)
    if (changed[i])
      _carnet_store_touched (store, types[i]);
  return g_steal_pointer (&report);
}

/**
 * carnet_import_json:
 * @paths: (array zero-terminated=1): the files, read in this order
 * @flags: %CARNET_IMPORT_MERGE to merge into a database with data (else it must be empty);
 *   %CARNET_IMPORT_DRY_RUN to check and count without keeping anything
 *
 * Reads JSON exports (data/carnet-export.schema.json) into @store, all of them or none.
 *
 * Returns: (transfer full): what was done, or %NULL with @error set: %CARNET_IMPORT_ERROR,
 *   %CARNET_DB_ERROR (read-only, busy, full disk) or %G_IO_ERROR_CANCELLED
 */
CarnetImportReport *
carnet_import_json (CarnetStore         *store,
                    const char * const  *paths,
                    CarnetImportFlags    flags,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Sources sources = { paths, NULL, NULL };

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return import_sources (store, &sources, flags, cancellable, error);
}

/**
 * carnet_import_json_stream:
 * @name: the file's name for messages and the report
 *
 * Like carnet_import_json(), for one file already open.
 */
CarnetImportReport *
carnet_import_json_stream (CarnetStore        *store,
                           GInputStream       *stream,
                           const char         *name,
                           CarnetImportFlags   flags,
                           GCancellable       *cancellable,
                           GError            **error)
{
  Sources sources = { NULL, stream, name };

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return import_sources (store, &sources, flags, cancellable, error);
}
