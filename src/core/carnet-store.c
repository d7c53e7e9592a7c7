/* carnet-store.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "carnet-query.h"
#include "carnet-record-list.h"
#include "carnet-reference.h"
#include "carnet-store.h"

/* The store writes and reads records through the field tables of their classes. It keeps
 * one object per row alive at a time (an identity map), so a record edited in a detail
 * view is the same object its list row shows. Every change is one transaction, and every
 * change to a type is announced with ::records-changed so that lists refresh. */

struct _CarnetStore
{
  GObject     parent_instance;

  CarnetDb   *db;
  GHashTable *loaded;   /* GType → GHashTable (id → CarnetRecord, not owned) */
  GPtrArray  *lists;    /* the live CarnetRecordLists, not owned */
};

static void on_list_finalized                 (gpointer     data,
                                               GObject     *where_the_object_was);
static void carnet_store_real_records_changed (CarnetStore *self,
                                               GType        type);

G_DEFINE_FINAL_TYPE (CarnetStore, carnet_store, G_TYPE_OBJECT)

enum {
  RECORDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What is deleted with a record: (parent kind, child type's table, column). */
static const struct
{
  const char *parent;
  const char *child;
  const char *column;
} ownership[] = {
  { "commune", "projects", "commune_uuid" },
  { "commune", "walks", "commune_uuid" },
  { "commune", "meetings", "commune_uuid" },
  { "project", "actions", "project_uuid" },
  { "project", "funding_lines", "project_uuid" },
  { "project", "journal_entries", "project_uuid" },
  { "project", "steps", "project_uuid" },
  { "project", "status_changes", "project_uuid" },
  { "project", "indicators", "project_uuid" },
  { "project", "decisions", "project_uuid" },
  { "action", "funding_lines", "action_uuid" },
  { "action", "journal_entries", "action_uuid" },
  { "action", "steps", "action_uuid" },
  { "action", "status_changes", "action_uuid" },
  { "action", "indicators", "action_uuid" },
  { "action", "decisions", "action_uuid" },
  { "indicator", "measurements", "indicator_uuid" },
  { "meeting", "decisions", "meeting_uuid" },
  { "walk", "observations", "walk_uuid" },
  { "observation", "attachments", "observation_uuid" },
};

static CarnetRecordClass *
class_for_table (const char *table)
{
  CarnetRecordClass *klass = carnet_record_class_for_table (table);

  g_assert (klass != NULL);
  return klass;
}

/* SQL built once per class and interned: it keys the statement cache. Lists load their
 * rows one by one as they show them: the text is made once, not at each row. */
G_LOCK_DEFINE_STATIC (select_sql);

static const char *
sql_select_columns (CarnetRecordClass *klass)
{
  static GHashTable *cache;   /* class → interned SQL */
  g_autoptr(GString) sql = NULL;
  const char *found;

  G_LOCK (select_sql);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  found = g_hash_table_lookup (cache, klass);
  G_UNLOCK (select_sql);
  if (found != NULL)
    return found;

  sql = g_string_new ("SELECT id, uuid, created_at, updated_at, deleted_at");
  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (sql, ", %s", klass->fields[i].column);
  g_string_append_printf (sql, " FROM %s", klass->table);
  found = g_intern_string (sql->str);
  G_LOCK (select_sql);
  g_hash_table_insert (cache, klass, (gpointer)found);
  G_UNLOCK (select_sql);
  return found;
}

static const char *
sql_select_by (CarnetRecordClass *klass,
               const char        *where)
{
  static GHashTable *cache;   /* class → (condition → interned SQL) */
  GHashTable *by_where;
  g_autofree char *sql = NULL;
  const char *found;

  G_LOCK (select_sql);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  by_where = g_hash_table_lookup (cache, klass);
  if (by_where == NULL)
    {
      by_where = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (cache, klass, by_where);
    }
  found = g_hash_table_lookup (by_where, where);
  G_UNLOCK (select_sql);
  if (found != NULL)
    return found;

  sql = g_strdup_printf ("%s WHERE %s", sql_select_columns (klass), where);
  found = g_intern_string (sql);
  G_LOCK (select_sql);
  g_hash_table_insert (by_where, g_strdup (where), (gpointer)found);
  G_UNLOCK (select_sql);
  return found;
}

static const char *
sql_insert (CarnetRecordClass *klass)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (uuid, created_at, updated_at", klass->table);
  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (sql, ", %s", klass->fields[i].column);
  g_string_append (sql, ") VALUES (?, ?, ?");
  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  return g_intern_string (sql->str);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
      break;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
      break;
    case G_TYPE_DOUBLE:
      if (isnan (g_value_get_double (value)))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_double (stmt, index, g_value_get_double (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
read_value (sqlite3_stmt *stmt,
            int           column,
            GValue       *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, (const char *)sqlite3_column_text (stmt, column));
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, sqlite3_column_type (stmt, column) == SQLITE_NULL
                                 ? NAN : sqlite3_column_double (stmt, column));
      break;
    default:
      g_assert_not_reached ();
    }
}

static GHashTable *
loaded_for (CarnetStore *self,
            GType        type)
{
  GHashTable *table = g_hash_table_lookup (self->loaded, GSIZE_TO_POINTER (type));

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (self->loaded, GSIZE_TO_POINTER (type), table);
    }
  return table;
}

/* Weak notifies run before finalize, so the record's id can still be read. */
static void
on_record_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  CarnetStore *self = data;
  CarnetRecord *record = (CarnetRecord *)where_the_object_was;
  GHashTable *table = loaded_for (self, G_OBJECT_TYPE (record));
  gint64 id = carnet_record_get_id (record);

  /* The id may have gone to another record since (an insert undone by an outer rollback
   * frees its rowid): forget only our own entry. */
  if (g_hash_table_lookup (table, &id) == record)
    g_hash_table_remove (table, &id);
}

static void
remember (CarnetStore  *self,
          CarnetRecord *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = carnet_record_get_id (record);
  g_hash_table_insert (loaded_for (self, G_OBJECT_TYPE (record)), key, record);
  g_object_weak_ref (G_OBJECT (record), on_record_finalized, self);
}

/* Reads the current row of @stmt (as selected by sql_select_columns()) into a record: the
 * one already loaded for that id if there is one, refreshed, or a new one. */
static CarnetRecord *
record_from_row (CarnetStore  *self,
                 GType         type,
                 sqlite3_stmt *stmt)
{
  CarnetRecordClass *klass = g_type_class_peek (type);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  CarnetRecord *record = g_hash_table_lookup (loaded_for (self, type), &id);
  gboolean fresh = record == NULL;

  if (fresh)
    record = g_object_new (type, NULL);
  else
    {
      /* Nothing is notified before every column is read: a handler may run a query, and
       * move or reset @stmt (the statements are shared). */
      g_object_ref (record);
      g_object_freeze_notify (G_OBJECT (record));
    }

  _carnet_record_set_meta (record, id,
                           (const char *)sqlite3_column_text (stmt, 1),
                           (const char *)sqlite3_column_text (stmt, 2),
                           (const char *)sqlite3_column_text (stmt, 3),
                           (const char *)sqlite3_column_text (stmt, 4));

  if (fresh)
    {
      GValue *values = _carnet_record_peek_values (record);

      for (guint i = 0; i < klass->n_fields; i++)
        read_value (stmt, 5 + i, &values[i]);
      remember (self, record);
    }
  else
    {
      for (guint i = 0; i < klass->n_fields; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, carnet_field_value_type (&klass->fields[i]));
          read_value (stmt, 5 + i, &value);
          g_object_set_property (G_OBJECT (record), klass->fields[i].name, &value);
        }
      g_object_thaw_notify (G_OBJECT (record));
    }
  return record;
}

static void
carnet_store_dispose (GObject *object)
{
  CarnetStore *self = (CarnetStore *)object;
  GHashTableIter iter;
  GHashTable *table;

  if (self->lists != NULL)
    {
      for (guint i = 0; i < self->lists->len; i++)
        g_object_weak_unref (self->lists->pdata[i], on_list_finalized, self);
      g_ptr_array_set_size (self->lists, 0);
    }
  if (self->loaded != NULL)
    {
      g_hash_table_iter_init (&iter, self->loaded);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&table))
        {
          GHashTableIter records;
          CarnetRecord *record;

          g_hash_table_iter_init (&records, table);
          while (g_hash_table_iter_next (&records, NULL, (gpointer *)&record))
            g_object_weak_unref (G_OBJECT (record), on_record_finalized, self);
          g_hash_table_remove_all (table);
        }
    }

  G_OBJECT_CLASS (carnet_store_parent_class)->dispose (object);
}

static void
carnet_store_finalize (GObject *object)
{
  CarnetStore *self = (CarnetStore *)object;

  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (carnet_store_parent_class)->finalize (object);
}

static void
carnet_store_class_init (CarnetStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carnet_store_dispose;
  object_class->finalize = carnet_store_finalize;

  /**
   * CarnetStore::records-changed:
   * @type: the record type whose table changed
   *
   * Emitted after a committed change: lists of that type refresh.
   */
  signals[RECORDS_CHANGED] =
    g_signal_new_class_handler ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                                G_CALLBACK (carnet_store_real_records_changed),
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_GTYPE);
}

static void
carnet_store_init (CarnetStore *self)
{
  self->loaded = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);
  self->lists = g_ptr_array_new ();
}

/**
 * carnet_store_open:
 * @path: (nullable): the database file, or %NULL for the default one
 */
CarnetStore *
carnet_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(CarnetStore) self = NULL;
  guint n;

  carnet_record_types (&n);

  self = g_object_new (CARNET_TYPE_STORE, NULL);
  self->db = carnet_db_open (path, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * carnet_store_open_read_only:
 * @path: (nullable): the database file, or %NULL for the default one
 *
 * Opens an existing database without ever writing to it (see carnet_db_open_read_only()):
 * every change is then refused with %CARNET_DB_ERROR_READ_ONLY.
 */
CarnetStore *
carnet_store_open_read_only (const char  *path,
                             GError     **error)
{
  g_autoptr(CarnetStore) self = NULL;
  guint n;

  carnet_record_types (&n);

  self = g_object_new (CARNET_TYPE_STORE, NULL);
  self->db = carnet_db_open_read_only (path, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
carnet_store_is_read_only (CarnetStore *self)
{
  g_return_val_if_fail (CARNET_IS_STORE (self), TRUE);

  return carnet_db_is_read_only (self->db);
}

CarnetDb *
carnet_store_get_db (CarnetStore *self)
{
  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);

  return self->db;
}

const char *
carnet_store_get_path (CarnetStore *self)
{
  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);

  return carnet_db_get_path (self->db);
}

static void
on_list_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  CarnetStore *self = data;

  g_ptr_array_remove_fast (self->lists, where_the_object_was);
}

/* Lists are told first, from the signal's class handler: whoever handles ::records-changed
 * then finds them already up to date. */
void
_carnet_store_register_list (CarnetStore *self,
                             gpointer     list)
{
  g_ptr_array_add (self->lists, list);
  g_object_weak_ref (G_OBJECT (list), on_list_finalized, self);
}

static void
carnet_store_real_records_changed (CarnetStore *self,
                                   GType        type)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);

  /* A refresh can drop the last reference to another list: hold them meanwhile. */
  for (guint i = 0; i < self->lists->len; i++)
    if (g_list_model_get_item_type (G_LIST_MODEL (self->lists->pdata[i])) == type)
      g_ptr_array_add (lists, g_object_ref (self->lists->pdata[i]));
  for (guint i = 0; i < lists->len; i++)
    carnet_record_list_refresh (lists->pdata[i]);
}

static void
emit_changed (CarnetStore *self,
              GType        type)
{
  g_signal_emit (self, signals[RECORDS_CHANGED], 0, type);
}

/* A constraint SQLite refused, said in words: which record is missing, or which value is
 * already taken. */
static gboolean
explain_constraint (CarnetStore   *self,
                    CarnetRecord  *record,
                    GError       **error)
{
  sqlite3 *handle = carnet_db_get_handle (self->db);
  int code = sqlite3_extended_errcode (handle);

  if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                 _("This record refers to another one that does not exist"));
  else if (code == SQLITE_CONSTRAINT_UNIQUE && CARNET_IS_COMMUNE (record))
    g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                 _("The commune %s (%s) is already in Carnet"),
                 carnet_record_get_string (record, "name"),
                 carnet_record_get_string (record, "insee"));
  else if (code == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                 _("“%s” already exists"), carnet_record_get_title (record));
  else if (code == SQLITE_CONSTRAINT_CHECK && strstr (sqlite3_errmsg (handle), "_uuid") != NULL)
    g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                 _("This record must belong to exactly one project or action"));
  else
    g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                 _("This change breaks a rule of the database (%s)"), sqlite3_errmsg (handle));
  return FALSE;
}

static gboolean
step_write (CarnetStore   *self,
            CarnetRecord  *record,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return explain_constraint (self, record, error);
  return carnet_db_propagate (self->db, error, _("the change"));
}

/* Rules a column has beyond its type: said in words here rather than by a raw constraint. */
static gboolean
check_value (CarnetRecordClass  *klass,
             const CarnetField  *field,
             const GValue       *value,
             GError            **error)
{
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  if (g_type_is_a (G_TYPE_FROM_CLASS (klass), CARNET_TYPE_THEME) &&
      g_str_equal (field->column, "color") &&
      !g_regex_match_simple ("^#[0-9a-f]{6}$", text != NULL ? text : "", 0, 0))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("The colour must be written like #1c71d8, not “%s”"), text != NULL ? text : "");
      return FALSE;
    }
  if (g_type_is_a (G_TYPE_FROM_CLASS (klass), CARNET_TYPE_COMMUNE) &&
      g_str_equal (field->column, "insee") &&
      !g_regex_match_simple ("^[0-9][0-9AB][0-9]{3}$", text != NULL ? text : "", 0, 0))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("“%s” is not an INSEE code: it has five characters, like 14047 or 2A004"),
                   text != NULL ? text : "");
      return FALSE;
    }
  return carnet_field_check (field, value, error);
}

static gboolean
check_record (CarnetRecord  *record,
              GError       **error)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (record);
  GValue *values = _carnet_record_peek_values (record);

  for (guint i = 0; i < klass->n_fields; i++)
    if (!check_value (klass, &klass->fields[i], &values[i], error))
      return FALSE;
  return TRUE;
}

/* A record cannot be added to, or brought back under, a deleted parent: it would be lost
 * from every list. */
static gboolean
check_parents_live (CarnetStore   *self,
                    CarnetRecord  *record,
                    GError       **error)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (record);

  for (guint i = 0; i < G_N_ELEMENTS (ownership); i++)
    {
      const CarnetField *field;
      const char *uuid;
      GType parent_type;
      g_autoptr(CarnetRecord) parent = NULL;

      if (strcmp (ownership[i].child, klass->table) != 0)
        continue;
      field = carnet_record_class_find_field (klass, ownership[i].column);
      uuid = field != NULL ? carnet_record_get_string (record, field->name) : NULL;
      if (uuid == NULL)
        continue;
      parent_type = carnet_record_type_from_kind (ownership[i].parent);
      parent = carnet_store_get (self, parent_type, uuid, NULL);
      if (parent == NULL)
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                       _("This record refers to another one that does not exist"));
          return FALSE;
        }
      if (carnet_record_get_deleted_at (parent) != NULL)
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                       _("“%s” was deleted: restore it first"), carnet_record_get_title (parent));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * carnet_store_insert:
 *
 * Inserts a new record, giving it a UUID and timestamps unless it already has them (an
 * import keeps those it reads).
 */
gboolean
carnet_store_insert (CarnetStore   *self,
                     CarnetRecord  *record,
                     GError       **error)
{
  CarnetRecordClass *klass;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  const char *created_at, *updated_at;
  sqlite3_stmt *stmt;
  GValue *values;

  g_return_val_if_fail (CARNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (CARNET_IS_RECORD (record), FALSE);
  g_return_val_if_fail (carnet_record_get_id (record) == 0, FALSE);

  if (!check_record (record, error) || !check_parents_live (self, record, error))
    return FALSE;

  klass = CARNET_RECORD_GET_CLASS (record);
  now = carnet_db_now ();
  uuid = g_strdup (carnet_record_get_uuid (record));
  if (uuid == NULL)
    uuid = g_uuid_string_random ();
  created_at = carnet_record_get_created_at (record) ? carnet_record_get_created_at (record) : now;
  updated_at = carnet_record_get_updated_at (record) ? carnet_record_get_updated_at (record) : now;

  stmt = carnet_db_prepare (self->db, sql_insert (klass), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, updated_at, -1, SQLITE_TRANSIENT);
  values = _carnet_record_peek_values (record);
  for (guint i = 0; i < klass->n_fields; i++)
    bind_value (stmt, 4 + i, &values[i]);

  if (!carnet_db_begin (self->db, error))
    return FALSE;
  if (!step_write (self, record, stmt, error))
    {
      carnet_db_rollback (self->db);
      return FALSE;
    }
  {
    gint64 id = sqlite3_last_insert_rowid (carnet_db_get_handle (self->db));
    g_autofree char *created = g_strdup (created_at);
    g_autofree char *updated = g_strdup (updated_at);

    if (!carnet_db_commit (self->db, error))
      return FALSE;
    _carnet_record_set_meta (record, id, uuid, created, updated,
                             carnet_record_get_deleted_at (record));
  }
  remember (self, record);
  emit_changed (self, G_OBJECT_TYPE (record));
  return TRUE;
}

/* Who made a change, for the status history: the person's name, or their login when the
 * system does not know it. */
static const char *
author_name (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

static gboolean
record_status_change (CarnetStore   *self,
                      CarnetRecord  *record,
                      const char    *from,
                      const char    *to,
                      const char    *when,
                      GError       **error)
{
  g_autoptr(CarnetRecord) change = g_object_new (CARNET_TYPE_STATUS_CHANGE, NULL);
  const char *parent = CARNET_IS_ACTION (record) ? "action-uuid" : "project-uuid";

  carnet_record_set_string (change, parent, carnet_record_get_uuid (record));
  carnet_record_set_string (change, "changed-at", when);
  carnet_record_set_string (change, "author", author_name ());
  carnet_record_set_string (change, "from-status", from);
  carnet_record_set_string (change, "to-status", to);
  return carnet_store_insert (self, change, error);
}

/**
 * carnet_store_update_fields:
 * @fields: (array length=n_fields): property or column names
 * @values: (array length=n_fields): their new values
 *
 * Writes the fields in one transaction, then sets them on @record. A change of status of
 * a project or an action is recorded in its history. Nothing is written if any value is
 * refused.
 */
gboolean
carnet_store_update_fields (CarnetStore   *self,
                            CarnetRecord  *record,
                            const char   **fields,
                            const GValue  *values,
                            guint          n_fields,
                            GError       **error)
{
  CarnetRecordClass *klass;
  g_autoptr(GString) sql = NULL;
  g_autofree char *now = NULL;
  g_autofree char *old_status = NULL;
  const char *new_status = NULL;
  const CarnetField **resolved;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CARNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (CARNET_IS_RECORD (record), FALSE);
  g_return_val_if_fail (carnet_record_get_id (record) != 0, FALSE);

  klass = CARNET_RECORD_GET_CLASS (record);
  if (carnet_record_get_deleted_at (record) != NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                   _("“%s” was deleted and cannot be changed"), carnet_record_get_title (record));
      return FALSE;
    }
  resolved = g_newa (const CarnetField *, n_fields + 1);
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET updated_at = ?", klass->table);

  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) converted = G_VALUE_INIT;

      resolved[i] = carnet_record_class_find_field (klass, fields[i]);
      if (resolved[i] == NULL)
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("There is no field “%s” here"), fields[i]);
          return FALSE;
        }
      /* Which themes the programme requires is not the user's to change. */
      if (CARNET_IS_THEME (record) && g_str_equal (resolved[i]->column, "required"))
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("Whether a theme is required by the programme cannot be changed"));
          return FALSE;
        }
      g_value_init (&converted, carnet_field_value_type (resolved[i]));
      if (!g_value_transform (&values[i], &converted) ||
          !check_value (klass, resolved[i], &converted, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                         _("%s is not valid"), _(resolved[i]->label));
          return FALSE;
        }
      g_string_append_printf (sql, ", %s = ?", resolved[i]->column);
      if ((CARNET_IS_ACTION (record) || CARNET_IS_PROJECT (record)) &&
          strcmp (resolved[i]->column, "status") == 0)
        new_status = g_value_get_string (&values[i]);
    }
  g_string_append (sql, " WHERE id = ?");

  if (new_status != NULL)
    {
      old_status = g_strdup (carnet_record_get_string (record, "status"));
      if (g_strcmp0 (old_status, new_status) == 0)
        new_status = NULL;
    }

  now = carnet_db_now ();
  stmt = carnet_db_prepare (self->db, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) converted = G_VALUE_INIT;

      g_value_init (&converted, carnet_field_value_type (resolved[i]));
      g_value_transform (&values[i], &converted);
      bind_value (stmt, 2 + i, &converted);
    }
  sqlite3_bind_int64 (stmt, 2 + n_fields, carnet_record_get_id (record));

  if (!carnet_db_begin (self->db, error))
    return FALSE;
  if (!step_write (self, record, stmt, error) ||
      (new_status != NULL &&
       !record_status_change (self, record, old_status, new_status, now, error)))
    {
      carnet_db_rollback (self->db);
      return FALSE;
    }
  if (!carnet_db_commit (self->db, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (record));
  for (guint i = 0; i < n_fields; i++)
    carnet_record_set_value (record, resolved[i]->name, &values[i]);
  _carnet_record_set_meta (record, carnet_record_get_id (record), carnet_record_get_uuid (record),
                           carnet_record_get_created_at (record), now,
                           carnet_record_get_deleted_at (record));
  g_object_thaw_notify (G_OBJECT (record));

  emit_changed (self, G_OBJECT_TYPE (record));
  return TRUE;
}

gboolean
carnet_store_update (CarnetStore   *self,
                     CarnetRecord  *record,
                     const char    *field,
                     const GValue  *value,
                     GError       **error)
{
  return carnet_store_update_fields (self, record, &field, value, 1, error);
}

/**
 * carnet_store_update_text:
 * @text: the value as a person typed it (“12/03/2026”, “1 234,50”, “En cours”)
 */
gboolean
carnet_store_update_text (CarnetStore   *self,
                          CarnetRecord  *record,
                          const char    *field,
                          const char    *text,
                          GError       **error)
{
  const CarnetField *f;
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (CARNET_IS_RECORD (record), FALSE);

  f = carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (record), field);
  if (f == NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("There is no field “%s” here"), field);
      return FALSE;
    }
  if (!carnet_field_parse (f, text, &value, error))
    return FALSE;
  return carnet_store_update (self, record, f->name, &value, error);
}

/* Marks a row and everything it owns with @stamp (deleting) or clears the rows that carry
 * @stamp (undeleting); @changed collects the types touched. */
static gboolean
mark_tree (CarnetStore  *self,
           const char   *table,
           const char   *uuid,
           const char   *stamp,
           const char   *now,
           gboolean      deleting,
           GHashTable   *changed,
           GError      **error)
{
  CarnetRecordClass *klass = class_for_table (table);
  g_autofree char *update = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (ownership); i++)
    {
      g_autofree char *select = NULL;
      g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
      int rc;

      if (strcmp (ownership[i].parent, klass->kind) != 0)
        continue;
      select = g_strdup_printf ("SELECT uuid FROM %s WHERE %s = ? AND deleted_at IS %s",
                                ownership[i].child, ownership[i].column,
                                deleting ? "NULL" : "?");
      stmt = carnet_db_prepare (self->db, g_intern_string (select), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (!deleting)
        sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (children, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return carnet_db_propagate (self->db, error, _("the deletion"));

      for (guint j = 0; j < children->len; j++)
        if (!mark_tree (self, ownership[i].child, children->pdata[j], stamp, now, deleting,
                        changed, error))
          return FALSE;
    }

  update = g_strdup_printf ("UPDATE %s SET deleted_at = ?, updated_at = ? WHERE uuid = ?",
                            table);
  stmt = carnet_db_prepare (self->db, g_intern_string (update), error);
  if (stmt == NULL)
    return FALSE;
  if (deleting)
    sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gboolean ret = carnet_db_propagate (self->db, error, _("the deletion"));

      if (sqlite3_extended_errcode (carnet_db_get_handle (self->db)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_clear_error (error);
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                       _("It cannot be restored: a record with the same identity was added since"));
        }
      sqlite3_reset (stmt);
      return ret;
    }
  sqlite3_reset (stmt);
  g_hash_table_add (changed, GSIZE_TO_POINTER (G_TYPE_FROM_CLASS (klass)));
  return TRUE;
}

/* Reloads the loaded objects of the touched types, so that their deleted-at follows. */
static void
reload_types (CarnetStore *self,
              GHashTable  *changed)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GType type = GPOINTER_TO_SIZE (key);
      GList *records = g_hash_table_get_values (loaded_for (self, type));

      /* Held while reloading: a notify handler may drop the last other reference. */
      g_list_foreach (records, (GFunc)g_object_ref, NULL);
      for (GList *l = records; l != NULL; l = l->next)
        {
          g_autoptr(CarnetRecord) reloaded = _carnet_store_load (self, type,
                                                                 carnet_record_get_id (l->data));
        }
      g_list_free_full (records, g_object_unref);
    }
  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    emit_changed (self, GPOINTER_TO_SIZE (key));
}

/**
 * _carnet_store_touched:
 *
 * For core code that changed rows of @type with its own SQL, after the commit: reloads the
 * loaded objects of that type and emits ::records-changed.
 */
void
_carnet_store_touched (CarnetStore *self,
                       GType        type)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);

  g_return_if_fail (CARNET_IS_STORE (self));

  g_hash_table_add (changed, GSIZE_TO_POINTER (type));
  reload_types (self, changed);
}

/**
 * carnet_store_reload:
 *
 * After another connection wrote (an import run in a worker thread, carnet-cli): reloads
 * every loaded record and tells every list.
 */
void
carnet_store_reload (CarnetStore *self)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  const GType *types;
  guint n_types;

  g_return_if_fail (CARNET_IS_STORE (self));

  types = carnet_record_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    g_hash_table_add (changed, GSIZE_TO_POINTER (types[i]));
  reload_types (self, changed);
}

static gboolean
set_deleted (CarnetStore   *self,
             CarnetRecord  *record,
             gboolean       deleting,
             GError       **error)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  g_autofree char *now = carnet_db_now ();
  const char *stamp = deleting ? now : carnet_record_get_deleted_at (record);
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (record);

  if (!carnet_db_begin (self->db, error))
    return FALSE;
  if (!mark_tree (self, klass->table, carnet_record_get_uuid (record), stamp, now, deleting,
                  changed, error))
    {
      carnet_db_rollback (self->db);
      return FALSE;
    }
  if (!carnet_db_commit (self->db, error))
    return FALSE;
  reload_types (self, changed);
  return TRUE;
}

/**
 * carnet_store_delete:
 *
 * Deletes a record and what it owns (a commune's projects and walks, a project's actions…).
 * The rows stay as tombstones stamped with the same time, so carnet_store_undelete() brings
 * back exactly what went with it, and a merge can carry the deletion to another database.
 */
gboolean
carnet_store_delete (CarnetStore   *self,
                     CarnetRecord  *record,
                     GError       **error)
{
  g_return_val_if_fail (CARNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (CARNET_IS_RECORD (record), FALSE);

  if (carnet_record_get_deleted_at (record) != NULL)
    return TRUE;
  if (CARNET_IS_THEME (record) && carnet_record_get_bool (record, "required"))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("The theme “%s” is required by the programme and cannot be deleted"),
                   carnet_record_get_string (record, "name"));
      return FALSE;
    }
  return set_deleted (self, record, TRUE, error);
}

gboolean
carnet_store_undelete (CarnetStore   *self,
                       CarnetRecord  *record,
                       GError       **error)
{
  g_return_val_if_fail (CARNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (CARNET_IS_RECORD (record), FALSE);

  if (carnet_record_get_deleted_at (record) == NULL)
    return TRUE;
  if (!check_parents_live (self, record, error))
    return FALSE;
  return set_deleted (self, record, FALSE, error);
}

/**
 * _carnet_store_load:
 *
 * Returns: (transfer full) (nullable): the record with that id, deleted or not
 */
CarnetRecord *
_carnet_store_load (CarnetStore *self,
                    GType        type,
                    gint64       id)
{
  CarnetRecordClass *klass = g_type_class_peek (type);
  CarnetRecord *record = NULL;
  sqlite3_stmt *stmt;

  stmt = carnet_db_prepare (self->db, sql_select_by (klass, "id = ?"), NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = record_from_row (self, type, stmt);
  sqlite3_reset (stmt);
  return record;
}

/**
 * carnet_store_get:
 * @uuid: the record's UUID
 *
 * Returns: (transfer full) (nullable): the record, deleted or not; %NULL with
 *   %CARNET_DB_ERROR_NOT_FOUND when there is none
 */
CarnetRecord *
carnet_store_get (CarnetStore  *self,
                  GType         type,
                  const char   *uuid,
                  GError      **error)
{
  CarnetRecordClass *klass;
  CarnetRecord *record = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CARNET_TYPE_RECORD), NULL);

  klass = g_type_class_peek (type);
  stmt = carnet_db_prepare (self->db, sql_select_by (klass, "uuid = ?"), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid != NULL ? uuid : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = record_from_row (self, type, stmt);
  sqlite3_reset (stmt);

  if (record == NULL)
    g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                 _("Nothing has the identifier “%s”"),
                 uuid != NULL ? uuid : "");
  return record;
}

static const char *
checked_column (CarnetRecordClass *klass,
                const char        *field)
{
  const CarnetField *f = carnet_record_class_find_field (klass, field);

  if (f == NULL)
    g_critical ("A %s has no field “%s”", klass->kind, field);
  return f != NULL ? f->column : NULL;
}

/**
 * carnet_store_find:
 * @field: a field name
 * @value: the text it must equal
 *
 * Returns: (transfer full) (nullable): the first live record whose @field is @value
 */
CarnetRecord *
carnet_store_find (CarnetStore *self,
                   GType        type,
                   const char  *field,
                   const char  *value)
{
  CarnetRecordClass *klass;
  CarnetRecord *record = NULL;
  const char *column;
  g_autofree char *where = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);

  klass = g_type_class_peek (type);
  column = checked_column (klass, field);
  if (column == NULL)
    return NULL;
  where = g_strdup_printf ("%s = ? AND deleted_at IS NULL ORDER BY %s LIMIT 1",
                           column, klass->order_by);
  stmt = carnet_db_prepare (self->db, sql_select_by (klass, where), NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = record_from_row (self, type, stmt);
  sqlite3_reset (stmt);
  return record;
}

/* The ids of the rows of a query; a second column, when there is one, is a section key
 * for each row, returned interned in @keys. */
GArray *
_carnet_store_query_ids (CarnetStore  *self,
                         const char   *sql,
                         const char  **params,
                         GPtrArray   **keys)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = carnet_db_prepare (self->db, sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return ids;
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  *keys = sqlite3_column_count (stmt) > 1 ? g_ptr_array_new () : NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      if (*keys != NULL)
        {
          const char *key = (const char *)sqlite3_column_text (stmt, 1);
          g_ptr_array_add (*keys, (gpointer)g_intern_string (key != NULL ? key : ""));
        }
    }
  if (rc != SQLITE_DONE)
    g_warning ("Query failed: %s", sqlite3_errmsg (carnet_db_get_handle (self->db)));
  sqlite3_reset (stmt);
  return ids;
}

/**
 * carnet_store_list:
 * @field: (nullable): a field to filter on, or %NULL for every record
 * @value: (nullable): the value it must equal
 *
 * Returns: (transfer full): the live records, in their natural order, as a list that
 *   follows changes
 */
GListModel *
carnet_store_list (CarnetStore *self,
                   GType        type,
                   const char  *field,
                   const char  *value)
{
  CarnetRecordClass *klass;
  g_autofree char *sql = NULL;
  const char *params[] = { value, NULL };

  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CARNET_TYPE_RECORD), NULL);

  klass = g_type_class_peek (type);
  if (field != NULL)
    {
      const char *column = checked_column (klass, field);

      g_return_val_if_fail (column != NULL, NULL);
      sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND deleted_at IS NULL ORDER BY %s",
                             klass->table, column, klass->order_by);
    }
  else
    sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted_at IS NULL ORDER BY %s",
                           klass->table, klass->order_by);

  return G_LIST_MODEL (carnet_record_list_new (self, type, sql, field != NULL ? params : NULL));
}

guint
carnet_store_count (CarnetStore *self,
                    GType        type,
                    const char  *field,
                    const char  *value)
{
  CarnetRecordClass *klass;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CARNET_IS_STORE (self), 0);

  klass = g_type_class_peek (type);
  if (field != NULL)
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ? AND deleted_at IS NULL",
                           klass->table, checked_column (klass, field));
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted_at IS NULL", klass->table);

  stmt = carnet_db_prepare (self->db, g_intern_string (sql), NULL);
  if (stmt == NULL)
    return 0;
  if (field != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/**
 * carnet_store_search:
 * @type: a searchable type (projects, actions, walks, observations, journal entries)
 * @text: words, accents and case ignored; each may be the start of a word
 * @limit: the most results, 0 for no limit
 *
 * Returns: (transfer full): the live records that match, best first
 */
GListModel *
carnet_store_search (CarnetStore *self,
                     GType        type,
                     const char  *text,
                     guint        limit)
{
  CarnetRecordClass *klass;
  g_autofree char *query = NULL;
  g_autofree char *sql = NULL;
  const char *params[] = { NULL, NULL };

  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);

  klass = g_type_class_peek (type);
  g_return_val_if_fail (klass->searchable, NULL);

  query = carnet_fts_query (text);
  params[0] = query;
  if (*query == '\0')
    sql = g_strdup ("SELECT 0 WHERE 0");
  else
    sql = g_strdup_printf ("SELECT t.id FROM %s_fts f JOIN %s t ON t.id = f.rowid"
                           " WHERE %s_fts MATCH ? AND t.deleted_at IS NULL"
                           " ORDER BY f.rank LIMIT %u",
                           klass->table, klass->table, klass->table,
                           limit > 0 ? limit : G_MAXINT32);
  return G_LIST_MODEL (carnet_record_list_new (self, type, sql, *query ? params : NULL));
}

/**
 * carnet_store_add_commune:
 * @insee: an INSEE code from the reference list
 *
 * Adds a commune with its identity (name, département, région, EPCI, population) taken
 * from the reference list.
 *
 * Returns: (transfer full): the new commune
 */
CarnetCommune *
carnet_store_add_commune (CarnetStore  *self,
                          const char   *insee,
                          GError      **error)
{
  const CarnetReferenceCommune *ref;
  g_autoptr(CarnetRecord) commune = NULL;

  g_return_val_if_fail (CARNET_IS_STORE (self), NULL);

  ref = carnet_reference_lookup (carnet_reference_get_default (), insee);
  if (ref == NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                   _("No commune has the INSEE code “%s”"), insee);
      return NULL;
    }

  commune = g_object_new (CARNET_TYPE_COMMUNE,
                          "insee", ref->insee,
                          "name", ref->name,
                          "departement", ref->departement,
                          "departement-name", ref->departement_name,
                          "region", ref->region,
                          "epci-siren", ref->epci_siren,
                          "epci-name", ref->epci_name,
                          "population", ref->population,
                          NULL);
  if (!carnet_store_insert (self, commune, error))
    return NULL;
  return CARNET_COMMUNE (g_steal_pointer (&commune));
}
