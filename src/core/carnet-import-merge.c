/* carnet-import-merge.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-import-private.h"
#include "carnet-schema.h"

/* Each record of a file against Carnet's copy with the same UUID: the most recent updated_at
 * wins, ties keep Carnet's (in a plain import, into an empty database, the file's always
 * does). Records are then written table by table, parents first, each table by one UPDATE …
 * FROM and one INSERT … SELECT, and deletions follow the store's rules. */

/* What is deleted with a record, as carnet-store.c has it: (parent table, child, column). */
static const struct
{
  const char *parent;
  const char *child;
  const char *column;
} ownership[] = {
  { "communes", "projects", "commune_uuid" },
  { "communes", "walks", "commune_uuid" },
  { "communes", "meetings", "commune_uuid" },
  { "projects", "actions", "project_uuid" },
  { "projects", "funding_lines", "project_uuid" },
  { "projects", "journal_entries", "project_uuid" },
  { "projects", "steps", "project_uuid" },
  { "projects", "status_changes", "project_uuid" },
  { "projects", "indicators", "project_uuid" },
  { "projects", "decisions", "project_uuid" },
  { "actions", "funding_lines", "action_uuid" },
  { "actions", "journal_entries", "action_uuid" },
  { "actions", "steps", "action_uuid" },
  { "actions", "status_changes", "action_uuid" },
  { "actions", "indicators", "action_uuid" },
  { "actions", "decisions", "action_uuid" },
  { "indicators", "measurements", "indicator_uuid" },
  { "meetings", "decisions", "meeting_uuid" },
  { "walks", "observations", "walk_uuid" },
  { "observations", "attachments", "observation_uuid" },
};

/* The records under a project or an action. */
static const char *fiche_children[] = {
  "funding_lines", "journal_entries", "steps", "status_changes", "indicators", "decisions",
};

/* “uuid, created_at, …, fields”, each column prefixed with @prefix. */
static char *
column_list (ImportTable *t,
             const char  *prefix)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < t->n_members; i++)
    g_string_append_printf (list, "%s%s%s", i > 0 ? ", " : "", prefix,
                            _carnet_import_member (t, i));
  return g_string_free (list, FALSE);
}

/* “s.a IS l.a AND …” over the members from @first on. */
static char *
same_expression (ImportTable *t,
                 guint        first)
{
  GString *same = g_string_new (NULL);

  for (guint i = first; i < t->n_members; i++)
    g_string_append_printf (same, "%ss.%s IS l.%s", i > first ? " AND " : "",
                            _carnet_import_member (t, i), _carnet_import_member (t, i));
  return g_string_free (same, FALSE);
}

/* Decisions */

static gboolean
add_conflicts (Import       *import,
               ImportTable  *t,
               GError      **error)
{
  const CarnetField *title = carnet_record_class_find_field (t->klass, t->klass->title_field);
  g_autoptr(GString) sql = g_string_new ("SELECT s.uuid, s._act");
  g_autofree char *same = same_expression (t, 3);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (sql, ", s.%s, l.%s", title->column, title->column);
  for (guint i = 3; i < t->n_members; i++)
    g_string_append_printf (sql, ", s.%s IS NOT l.%s", _carnet_import_member (t, i),
                            _carnet_import_member (t, i));
  g_string_append_printf (sql, " FROM %s s JOIN main.%s l ON l.uuid = s.uuid"
                          " WHERE s._act IN (%d, %d) AND NOT (%s) ORDER BY s.rowid",
                          t->stage, t->klass->table, IMPORT_ACT_TAKE, IMPORT_ACT_KEEP, same);
  stmt = _carnet_import_prepare (import, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
      gboolean took = sqlite3_column_int (stmt, 1) == IMPORT_ACT_TAKE;
      const char *label = (const char *)sqlite3_column_text (stmt, took ? 2 : 3);

      for (guint i = 3; i < t->n_members; i++)
        if (sqlite3_column_int (stmt, 4 + i - 3))
          g_strv_builder_add (fields, _carnet_import_member (t, i));
      _carnet_import_report_add_conflict (import->report, import->file, t->klass->table,
                                          (const char *)sqlite3_column_text (stmt, 0), label,
                                          took ? CARNET_IMPORT_TOOK_FILE :
                                                 CARNET_IMPORT_KEPT_LOCAL,
                                          g_strv_builder_end (fields));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (import->db, error, _("the import"));
  return TRUE;
}

/* A deletion the file carries down to a record, while the deletion of its parent lost to a
 * later change in Carnet, lost too: the parent and what it owns stay together. */
static gboolean
keep_cascades_that_lost (Import       *import,
                         ImportTable  *t,
                         GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (ownership); i++)
    {
      g_autofree char *sql = NULL;
      ImportTable *parent;

      if (strcmp (ownership[i].child, t->klass->table) != 0)
        continue;
      parent = _carnet_import_find_table (import, ownership[i].parent);
      sql = g_strdup_printf ("UPDATE %s AS s SET _act = %d WHERE s._act = %d"
                             " AND s.deleted_at IS NOT NULL"
                             " AND EXISTS (SELECT 1 FROM main.%s l WHERE l.uuid = s.uuid"
                             "  AND l.deleted_at IS NULL)"
                             " AND EXISTS (SELECT 1 FROM %s p JOIN main.%s lp ON lp.uuid = p.uuid"
                             "  WHERE p.uuid = s.%s AND p.deleted_at = s.deleted_at"
                             "  AND p._act = %d AND lp.deleted_at IS NULL)",
                             t->stage, IMPORT_ACT_KEEP, IMPORT_ACT_TAKE, t->klass->table,
                             parent->stage, parent->klass->table, ownership[i].column,
                             IMPORT_ACT_KEEP);
      if (!_carnet_import_exec (import, sql, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The other way round: what Carnet deleted with a record that the file brings back comes
 * back as the file has it, even when the deletion is more recent than its copy. */
static gboolean
take_cascades_revived (Import       *import,
                       ImportTable  *t,
                       GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (ownership); i++)
    {
      g_autofree char *sql = NULL;
      ImportTable *parent;

      if (strcmp (ownership[i].child, t->klass->table) != 0)
        continue;
      parent = _carnet_import_find_table (import, ownership[i].parent);
      sql = g_strdup_printf ("UPDATE %s AS s SET _act = %d FROM main.%s AS l"
                             " WHERE l.uuid = s.uuid AND s._act = %d AND s.deleted_at IS NULL"
                             " AND l.deleted_at IS NOT NULL"
                             " AND EXISTS (SELECT 1 FROM %s p JOIN main.%s lp ON lp.uuid = p.uuid"
                             "  WHERE p.uuid = s.%s AND p._act = %d AND p.deleted_at IS NULL"
                             "  AND lp.deleted_at = l.deleted_at)",
                             t->stage, IMPORT_ACT_TAKE, t->klass->table, IMPORT_ACT_KEEP,
                             parent->stage, parent->klass->table, ownership[i].column,
                             IMPORT_ACT_TAKE);
      if (!_carnet_import_exec (import, sql, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Decides each staged record of @t against Carnet's copy, and counts. */
gboolean
_carnet_import_decide (Import       *import,
                       ImportTable  *t,
                       GError      **error)
{
  gboolean merge = (import->flags & CARNET_IMPORT_MERGE) != 0;
  g_autofree char *all_same = same_expression (t, 1);
  g_autofree char *content_same = same_expression (t, 3);
  g_autofree char *sql = NULL;
  gint64 matched, added, taken, deleted;

  /* Copies that differ in time stamps only are not conflicts: the later stamps are taken. */
  sql = g_strdup_printf ("UPDATE %s AS s SET _act = CASE WHEN %s THEN %d"
                         " WHEN %s OR s.updated_at > l.updated_at"
                         "  THEN CASE WHEN %s THEN %d ELSE %d END"
                         " ELSE %d END"
                         " FROM main.%s AS l WHERE l.uuid = s.uuid",
                         t->stage, all_same, IMPORT_ACT_SAME,
                         merge ? "0" : "1",
                         content_same, IMPORT_ACT_REFRESH, IMPORT_ACT_TAKE,
                         IMPORT_ACT_KEEP, t->klass->table);
  if (!_carnet_import_exec (import, sql, &matched, error))
    return FALSE;
  if (matched == 0)
    {
      /* Nothing of the file is in Carnet yet: all is added. */
      _carnet_import_report_count (import->report, t->count, 0, 0, 0);
      return TRUE;
    }
  if (merge && (!keep_cascades_that_lost (import, t, error) ||
                !take_cascades_revived (import, t, error)))
    return FALSE;
  if (merge && !add_conflicts (import, t, error))
    return FALSE;

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE _act = %d", t->stage, IMPORT_ACT_INSERT);
  if (!_carnet_import_count (import, sql, &added, error))
    return FALSE;
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE _act = %d", t->stage, IMPORT_ACT_TAKE);
  if (!_carnet_import_count (import, sql, &taken, error))
    return FALSE;
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM %s s JOIN main.%s l ON l.uuid = s.uuid"
                         " WHERE s._act = %d AND s.deleted_at IS NOT NULL"
                         " AND l.deleted_at IS NULL",
                         t->stage, t->klass->table, IMPORT_ACT_TAKE);
  if (!_carnet_import_count (import, sql, &deleted, error))
    return FALSE;
  _carnet_import_report_count (import->report, added, taken - deleted, deleted,
                               t->count - added - taken);

  /* What was deleted in Carnet and comes back from the file: what was deleted with it comes
   * back too (below, once everything is written). */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT OR IGNORE INTO temp.import_back (uuid, tbl, stamp, updated)"
                         " SELECT s.uuid, '%s', l.deleted_at, s.updated_at FROM %s s"
                         " JOIN main.%s l ON l.uuid = s.uuid WHERE s._act = %d"
                         " AND s.deleted_at IS NULL AND l.deleted_at IS NOT NULL",
                         t->klass->table, t->stage, t->klass->table, IMPORT_ACT_TAKE);
  return _carnet_import_exec (import, sql, NULL, error);
}

/* Writing */

/* A constraint of the database refused what the file holds, in words. */
static gboolean
write_failed (Import       *import,
              ImportTable  *t,
              GError      **error)
{
  int code = sqlite3_extended_errcode (import->handle);

  if ((code & 0xff) != SQLITE_CONSTRAINT)
    return carnet_db_propagate (import->db, error, _("the import"));
  if (code == SQLITE_CONSTRAINT_UNIQUE && strcmp (t->klass->table, "communes") == 0)
    g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_FAILED,
                 _("“%s”: a commune of the file is already in Carnet, and its INSEE code cannot "
                   "be matched to one record: %s"), import->file, sqlite3_errmsg (import->handle));
  else
    g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_FAILED,
                 _("“%s”: the records of “%s” break a rule of the database (%s)"), import->file,
                 t->klass->table, sqlite3_errmsg (import->handle));
  return FALSE;
}

/* The text of a query's one value, or NULL. */
static char *
query_text (Import     *import,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (import->handle, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

#define BULK_INDEX_ROWS 1000

/* Runs @sql, an INSERT of new rows into @t's table. A table with a full-text index has its
 * new rows indexed at the end in one statement, not by the insert trigger row by row (when
 * there are many): half the time for 125,000 actions. The trigger is dropped meanwhile and
 * put back as it was, all in the import's transaction. */
static gboolean
insert_rows (Import       *import,
             ImportTable  *t,
             const char   *sql,
             gint64       *n,
             GError      **error)
{
  const char *table = t->klass->table;
  const char *columns = _carnet_schema_fts_columns (table);
  g_autofree char *trigger = NULL;
  gint64 last = 0;

  if (columns != NULL)
    {
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM %s WHERE _act = %d",
                                                t->stage, IMPORT_ACT_INSERT);
      g_autofree char *find = g_strdup_printf ("SELECT sql FROM main.sqlite_master"
                                               " WHERE type = 'trigger' AND name = '%s_fts_insert'",
                                               table);
      g_autofree char *max = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM main.%s", table);
      gint64 rows = 0;

      if (!_carnet_import_count (import, count, &rows, error))
        return FALSE;
      /* A few rows go through the trigger: the schema, and the file, stay as they were. */
      if (rows >= BULK_INDEX_ROWS)
        trigger = query_text (import, find);
      if (trigger != NULL && !_carnet_import_count (import, max, &last, error))
        return FALSE;
      /* New rows get ids past the last one, unless the ids run out (a crafted database). */
      if (last > G_MAXINT64 / 2)
        g_clear_pointer (&trigger, g_free);
    }
  if (trigger != NULL &&
      !_carnet_import_exec_printf (import, error, "DROP TRIGGER main.%s_fts_insert", table))
    return FALSE;

  if (sqlite3_exec (import->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return write_failed (import, t, error);
  *n = sqlite3_changes64 (import->handle);

  if (trigger == NULL)
    return TRUE;
  return _carnet_import_exec_printf (import, error,
                                     "INSERT INTO main.%s_fts (rowid, %s)"
                                     " SELECT id, %s FROM main.%s WHERE id > %" G_GINT64_FORMAT,
                                     table, columns, columns, table, last) &&
         _carnet_import_exec (import, trigger, NULL, error);
}

/* Writes what was decided for @t: the file's copies, then the records Carnet had not. */
gboolean
_carnet_import_write (Import       *import,
                      ImportTable  *t,
                      gboolean     *changed,
                      GError      **error)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autofree char *columns = column_list (t, "");
  g_autofree char *sql = NULL;
  gint64 n = 0;

  for (guint i = 1; i < t->n_members; i++)
    g_string_append_printf (set, "%s%s = s.%s", i > 1 ? ", " : "", _carnet_import_member (t, i),
                            _carnet_import_member (t, i));
  sql = g_strdup_printf ("UPDATE main.%s AS l SET %s FROM %s AS s"
                         " WHERE s.uuid = l.uuid AND s._act IN (%d, %d)",
                         t->klass->table, set->str, t->stage, IMPORT_ACT_TAKE,
                         IMPORT_ACT_REFRESH);
  if (sqlite3_exec (import->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return write_failed (import, t, error);
  *changed |= sqlite3_changes64 (import->handle) > 0;

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM %s WHERE _act = %d"
                         " ORDER BY rowid",
                         t->klass->table, columns, columns, t->stage, IMPORT_ACT_INSERT);
  if (!insert_rows (import, t, sql, &n, error))
    return FALSE;
  *changed |= n > 0;
  return TRUE;
}

/* What was deleted with a record that came back comes back with it, unless the file says
 * otherwise; then what a deleted record owns is deleted with it, stamped alike. */
gboolean
_carnet_import_cascade (Import    *import,
                        gboolean   changed[],
                        GError   **error)
{
  for (guint i = 0; i < import->n_tables; i++)
    {
      ImportTable *t = &import->tables[i];
      const char *table = t->klass->table;
      g_autofree char *sql = NULL;
      gint64 n = 0;

      for (guint j = 0; j < G_N_ELEMENTS (ownership); j++)
        {
          g_autofree char *back = NULL;

          if (strcmp (ownership[j].child, table) != 0)
            continue;
          back = g_strdup_printf ("INSERT OR IGNORE INTO temp.import_back"
                                  " (uuid, tbl, stamp, updated)"
                                  " SELECT c.uuid, '%s', b.stamp, b.updated"
                                  " FROM temp.import_back b JOIN main.%s c ON c.%s = b.uuid"
                                  " WHERE b.tbl = '%s' AND c.deleted_at = b.stamp"
                                  " AND NOT EXISTS (SELECT 1 FROM %s s WHERE s.uuid = c.uuid"
                                  "  AND s._act IN (%d, %d, %d))",
                                  table, table, ownership[j].column, ownership[j].parent,
                                  t->stage, IMPORT_ACT_TAKE, IMPORT_ACT_SAME,
                                  IMPORT_ACT_REFRESH);
          if (!_carnet_import_exec (import, back, NULL, error))
            return FALSE;
        }
      sql = g_strdup_printf ("UPDATE main.%s AS c SET deleted_at = NULL,"
                             " updated_at = max (c.updated_at, b.updated)"
                             " FROM temp.import_back b"
                             " WHERE b.tbl = '%s' AND b.uuid = c.uuid AND c.deleted_at IS NOT NULL",
                             table, table);
      if (!_carnet_import_exec (import, sql, &n, error))
        return FALSE;
      changed[i] |= n > 0;
      _carnet_import_report_count (import->report, 0, n, 0, 0);
    }

  for (guint i = 0; i < import->n_tables; i++)
    for (guint j = 0; j < G_N_ELEMENTS (ownership); j++)
      {
        g_autofree char *sql = NULL;
        gint64 n = 0;

        if (strcmp (ownership[j].child, import->tables[i].klass->table) != 0)
          continue;
        sql = g_strdup_printf ("UPDATE main.%s AS c SET deleted_at = p.deleted_at,"
                               " updated_at = max (c.updated_at, p.updated_at)"
                               " FROM main.%s AS p WHERE p.uuid = c.%s"
                               " AND p.deleted_at IS NOT NULL AND c.deleted_at IS NULL",
                               ownership[j].child, ownership[j].parent, ownership[j].column);
        if (!_carnet_import_exec (import, sql, &n, error))
          return FALSE;
        changed[i] |= n > 0;
        _carnet_import_report_count (import->report, 0, 0, n, 0);
      }
  return TRUE;
}

/* The communes whose records the file added or changed, for the report. */
gboolean
_carnet_import_note_touched (Import  *import,
                             GError **error)
{
  g_autoptr(GString) actions = g_string_new ("SELECT indicator_uuid FROM temp.import_measurements"
                                             " WHERE _act IN (0, 1)");
  g_autoptr(GString) projects = g_string_new ("SELECT project_uuid FROM temp.import_actions"
                                              " WHERE _act IN (0, 1)");
  static const char *communes =
    "INSERT OR IGNORE INTO temp.import_touched (uuid)"
    " SELECT uuid FROM temp.import_communes WHERE _act IN (0, 1)"
    " UNION SELECT commune_uuid FROM temp.import_projects WHERE _act IN (0, 1)"
    " UNION SELECT commune_uuid FROM temp.import_walks WHERE _act IN (0, 1)"
    " UNION SELECT commune_uuid FROM temp.import_meetings WHERE _act IN (0, 1)"
    "  AND commune_uuid IS NOT NULL"
    " UNION SELECT commune_uuid FROM main.meetings WHERE commune_uuid IS NOT NULL"
    "  AND uuid IN (SELECT meeting_uuid FROM temp.import_decisions WHERE _act IN (0, 1))"
    " UNION SELECT commune_uuid FROM main.walks WHERE uuid IN"
    "  (SELECT walk_uuid FROM temp.import_observations WHERE _act IN (0, 1)"
    "   UNION SELECT walk_uuid FROM main.observations WHERE uuid IN"
    "    (SELECT observation_uuid FROM temp.import_attachments WHERE _act IN (0, 1)))";
  g_autofree char *sql = NULL;
  gint64 photos = 0;
  gint64 others = 0;

  /* The actions and projects that hold a changed record, then their communes. */
  g_string_prepend (actions, "SELECT action_uuid FROM main.indicators WHERE uuid IN (");
  g_string_append_c (actions, ')');
  for (guint i = 0; i < G_N_ELEMENTS (fiche_children); i++)
    {
      g_string_append_printf (actions, " UNION SELECT action_uuid FROM temp.import_%s"
                              " WHERE _act IN (0, 1)", fiche_children[i]);
      g_string_append_printf (projects, " UNION SELECT project_uuid FROM temp.import_%s"
                              " WHERE _act IN (0, 1)", fiche_children[i]);
    }
  g_string_append (projects, " UNION SELECT project_uuid FROM main.indicators WHERE uuid IN"
                   " (SELECT indicator_uuid FROM temp.import_measurements WHERE _act IN (0, 1))");
  sql = g_strdup_printf ("INSERT OR IGNORE INTO temp.import_touched (uuid)"
                         " SELECT commune_uuid FROM main.projects WHERE uuid IN (%s"
                         "  UNION SELECT project_uuid FROM main.actions WHERE uuid IN (%s))",
                         projects->str, actions->str);
  if (!_carnet_import_exec (import, communes, NULL, error) ||
      !_carnet_import_count (import, "SELECT (SELECT count(*) FROM main.communes)"
                             " - (SELECT count(*) FROM temp.import_touched)", &others, error))
    return FALSE;
  /* The records under actions and projects, the most, can only add communes not yet told. */
  if (others > 0 && !_carnet_import_exec (import, sql, NULL, error))
    return FALSE;

  if (!_carnet_import_count (import, "SELECT count(*) FROM temp.import_attachments"
                             " WHERE _act IN (0, 1) AND deleted_at IS NULL", &photos, error))
    return FALSE;
  if (photos > 0)
    _carnet_import_report_add_note (import->report,
      g_strdup_printf (ngettext ("“%s”: %u photo was imported without its file (a JSON export "
                                 "carries the records, not the photos): copy the “attachments” "
                                 "folder of the database it comes from beside this one",
                                 "“%s”: %u photos were imported without their files (a JSON "
                                 "export carries the records, not the photos): copy the "
                                 "“attachments” folder of the database they come from beside "
                                 "this one", (gulong)photos), import->file, (guint)photos));
  return TRUE;
}
