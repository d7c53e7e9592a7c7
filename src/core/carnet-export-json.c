/* carnet-export-json.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-export"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "carnet-export-json.h"

/* Everything in the database, as JSON that another Carnet can read back and merge
 * (data/carnet-export.schema.json describes it). Records are grouped by table, parents
 * before children, each with its UUID and time stamps and its fields in the order of the
 * field tables, linked to each other by UUID. Deleted records are exported too, as
 * tombstones (their “deleted_at” is set), so that a merge carries deletions. Each record is
 * built and written on its own: a national database never sits in memory as one tree.
 * The same database gives the same bytes, but for “exported_at”. */

/* The rows of each table that belong to the selected communes, tombstones included. ?1 is
 * a JSON array of commune UUIDs. */
#define C "(SELECT value FROM json_each (?1))"
#define P "(SELECT uuid FROM projects WHERE commune_uuid IN " C ")"
#define A "(SELECT uuid FROM actions WHERE project_uuid IN " P ")"
#define UNDER_FICHE "project_uuid IN " P " OR action_uuid IN " A
#define W "(SELECT uuid FROM walks WHERE commune_uuid IN " C ")"

static const struct
{
  const char *table;
  const char *where;
} scoped[] = {
  { "communes", "uuid IN " C },
  { "themes", "1" },
  { "projects", "commune_uuid IN " C },
  { "actions", "project_uuid IN " P },
  { "funding_lines", UNDER_FICHE },
  { "journal_entries", UNDER_FICHE },
  { "steps", UNDER_FICHE },
  { "status_changes", UNDER_FICHE },
  { "indicators", UNDER_FICHE },
  { "measurements", "indicator_uuid IN (SELECT uuid FROM indicators WHERE " UNDER_FICHE ")" },
  { "meetings", "commune_uuid IN " C },
  { "decisions", UNDER_FICHE " OR meeting_uuid IN (SELECT uuid FROM meetings"
                 " WHERE commune_uuid IN " C ")" },
  { "walks", "commune_uuid IN " C },
  { "observations", "walk_uuid IN " W },
  { "attachments", "observation_uuid IN (SELECT uuid FROM observations WHERE walk_uuid IN "
                   W ")" },
};

static const char *
scope_where (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (scoped); i++)
    if (strcmp (scoped[i].table, table) == 0)
      return scoped[i].where;
  g_assert_not_reached ();
}

static const char *
select_sql (CarnetRecordClass *klass,
            gboolean           filtered)
{
  g_autoptr(GString) sql = g_string_new ("SELECT uuid, created_at, updated_at, deleted_at");

  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (sql, ", %s", klass->fields[i].column);
  g_string_append_printf (sql, " FROM %s", klass->table);
  if (filtered)
    g_string_append_printf (sql, " WHERE %s", scope_where (klass->table));
  g_string_append (sql, " ORDER BY id");
  return g_intern_string (sql->str);
}

/* Records are written directly, a string escaped as json-glib's generator escapes it
 * (the control characters, the quote and the backslash; the rest as UTF-8): building a
 * JsonNode tree for each of a national database's 300,000 records took most of the export's
 * time. Real numbers still go through json-glib, for its formatting of doubles. */
static void
append_string (GString    *out,
               const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;
      const char *escape = NULL;
      char code[8];

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (code, sizeof code, "\\u%04x", c);
          escape = code;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

static void
append_text_or_null (GString      *out,
                     sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    append_string (out, (const char *)sqlite3_column_text (stmt, column));
}

static void
append_field (GString           *out,
              JsonGenerator     *generator,
              const CarnetField *field,
              sqlite3_stmt      *stmt,
              int                column)
{
  g_string_append_printf (out, ",\"%s\":", field->column);
  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
    case CARNET_FIELD_CHOICE:
      {
        const char *text = (const char *)sqlite3_column_text (stmt, column);

        append_string (out, text != NULL ? text : "");
      }
      break;
    case CARNET_FIELD_INT:
    case CARNET_FIELD_MONEY:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, column));
      break;
    case CARNET_FIELD_BOOL:
      g_string_append (out, sqlite3_column_int (stmt, column) != 0 ? "true" : "false");
      break;
    case CARNET_FIELD_DATE:
    case CARNET_FIELD_TIMESTAMP:
    case CARNET_FIELD_LINK:
      append_text_or_null (out, stmt, column);
      break;
    case CARNET_FIELD_REAL:
      if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        g_string_append (out, "null");
      else
        {
          g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (),
                                                            sqlite3_column_double (stmt, column));
          g_autofree char *number = NULL;

          /* The generator keeps a copy of its root. */
          json_generator_set_root (generator, node);
          number = json_generator_to_data (generator, NULL);
          g_string_append (out, number);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
append_record (GString           *out,
               JsonGenerator     *generator,
               CarnetRecordClass *klass,
               sqlite3_stmt      *stmt)
{
  static const char *meta[] = { "uuid", "created_at", "updated_at", "deleted_at" };

  for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
    {
      g_string_append_printf (out, i == 0 ? "{\"%s\":" : ",\"%s\":", meta[i]);
      append_text_or_null (out, stmt, i);
    }
  for (guint i = 0; i < klass->n_fields; i++)
    append_field (out, generator, &klass->fields[i], stmt, G_N_ELEMENTS (meta) + i);
  g_string_append_c (out, '}');
}

/* A JSON value on its own: a string or a number, escaped by json-glib. */
static char *
value_json (JsonGenerator *generator,
            JsonNode      *node)
{
  json_generator_set_root (generator, node);
  json_node_unref (node);
  return json_generator_to_data (generator, NULL);
}

static char *
string_json (JsonGenerator *generator,
             const char    *text)
{
  return value_json (generator, json_node_init_string (json_node_alloc (), text));
}

static void
append_header (GString                 *out,
               JsonGenerator           *generator,
               CarnetDb                *db,
               const CarnetExportScope *scope)
{
  g_autofree char *generator_name = string_json (generator, "Carnet " PACKAGE_VERSION);
  g_autofree char *exported_at = string_json (generator, carnet_export_scope_now (scope));
  GPtrArray *insee = carnet_export_scope_insee (scope);

  g_string_append (out, "{\n  \"format\": \"carnet\",\n");
  g_string_append_printf (out, "  \"version\": %d,\n", CARNET_EXPORT_JSON_VERSION);
  g_string_append_printf (out, "  \"schema_version\": %d,\n", carnet_db_get_schema_version (db));
  g_string_append_printf (out, "  \"generator\": %s,\n", generator_name);
  g_string_append_printf (out, "  \"exported_at\": %s,\n", exported_at);
  if (insee->len > 0)
    {
      g_string_append (out, "  \"communes\": [");
      for (guint i = 0; i < insee->len; i++)
        {
          g_autofree char *code = string_json (generator, insee->pdata[i]);

          g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", code);
        }
      g_string_append (out, "],\n");
    }
  g_string_append (out, "  \"records\": {");
}

static gboolean
write_buffer (GOutputStream  *stream,
              GString        *buffer,
              GCancellable   *cancellable,
              GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, buffer->str, buffer->len, NULL,
                                           cancellable, error);

  g_string_truncate (buffer, 0);
  return ok;
}

static gboolean
write_table (CarnetDb                *db,
             CarnetRecordClass       *klass,
             const CarnetExportScope *scope,
             JsonGenerator           *generator,
             GString                 *buffer,
             GOutputStream           *stream,
             GCancellable            *cancellable,
             GError                 **error)
{
  const char *communes = carnet_export_scope_communes (scope);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = carnet_db_prepare (db, select_sql (klass, communes != NULL), error);
  if (stmt == NULL)
    return FALSE;
  if (communes != NULL)
    sqlite3_bind_text (stmt, 1, communes, -1, SQLITE_TRANSIENT);

  g_string_append_printf (buffer, "\n    \"%s\": [", klass->table);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (buffer, n++ > 0 ? ",\n      " : "\n      ");
      append_record (buffer, generator, klass, stmt);
      if (buffer->len >= 32 * 1024 && !write_buffer (stream, buffer, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (db, error, _("the export"));
  g_string_append (buffer, n > 0 ? "\n    ]" : "]");
  return TRUE;
}

static gboolean
check_no_theme (const CarnetExportOptions  *options,
                GError                    **error)
{
  if (options == NULL || options->theme == NULL)
    return TRUE;
  g_set_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_FAILED,
               _("The JSON export carries whole communes: it cannot be limited to a theme"));
  return FALSE;
}

/**
 * carnet_export_json:
 * @options: (nullable): the communes to export (all when %NULL), and the time stamp to
 *   write as “exported_at” (now when %NULL); a theme cannot be chosen
 * @stream: where to write; it is not closed
 *
 * Writes every record of the selected communes, deleted ones included, and every theme.
 */
gboolean
carnet_export_json (CarnetStore                *store,
                    const CarnetExportOptions  *options,
                    GOutputStream              *stream,
                    GCancellable               *cancellable,
                    GError                    **error)
{
  g_autoptr(CarnetExportScope) scope = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) buffer = g_string_new (NULL);
  CarnetDb *db;
  sqlite3 *handle;
  gboolean in_read = FALSE;
  gboolean ok = TRUE;
  const GType *types;
  guint n_types;

  g_return_val_if_fail (CARNET_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (!check_no_theme (options, error))
    return FALSE;
  scope = carnet_export_scope_new (store, options, error);
  if (scope == NULL)
    return FALSE;

  db = carnet_store_get_db (store);
  handle = carnet_db_get_handle (db);
  /* One read transaction, so that every table is read at the same moment. */
  if (sqlite3_get_autocommit (handle))
    in_read = sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

  append_header (buffer, generator, db, scope);
  types = carnet_record_types (&n_types);
  for (guint i = 0; i < n_types && ok; i++)
    {
      ok = write_table (db, g_type_class_peek (types[i]), scope, generator, buffer, stream,
                        cancellable, error);
      if (ok && i + 1 < n_types)
        g_string_append_c (buffer, ',');
    }
  if (ok)
    {
      g_string_append (buffer, "\n  }\n}\n");
      ok = write_buffer (stream, buffer, cancellable, error);
    }

  if (in_read)
    sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/**
 * carnet_export_json_to_file:
 * @path: the file to write; a file already there is replaced only when the export succeeds
 */
gboolean
carnet_export_json_to_file (CarnetStore                *store,
                            const CarnetExportOptions  *options,
                            const char                 *path,
                            GError                    **error)
{
  g_autoptr(CarnetExportScope) scope = NULL;
  g_autoptr(CarnetExportFile) file = NULL;

  /* The selection is checked before the file is touched. */
  if (!check_no_theme (options, error))
    return FALSE;
  scope = carnet_export_scope_new (store, options, error);
  if (scope == NULL)
    return FALSE;

  file = carnet_export_file_open (path, error);
  if (file == NULL)
    return FALSE;
  if (!carnet_export_json (store, options, carnet_export_file_get_stream (file), NULL, error))
    return FALSE;
  return carnet_export_file_commit (file, error);
}
