/* test-store.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "carnet-test-util.h"
#include "carnet-db.h"
#include "carnet-format.h"
#include "carnet-query.h"
#include "carnet-record-list.h"
#include "carnet-records.h"
#include "carnet-schema.h"
#include "carnet-store.h"

typedef struct
{
  char        *dir;
  char        *path;
  CarnetStore *store;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

/* Closes the store, checking that nothing (a list, a record) still holds it. */
static void
close_store (Fixture *fixture)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *)&fixture->store);
  g_object_unref (fixture->store);
  g_assert_null (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (fixture);
  carnet_test_remove_tree (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->path);
  g_free (fixture->dir);
}

static sqlite3_stmt *
sql_run (CarnetStore *store,
         const char  *sql)
{
  sqlite3 *handle = carnet_db_get_handle (carnet_store_get_db (store));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  return stmt;
}

static gint64 sql_int (CarnetStore *store,
                       const char  *format,
                       ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_int (CarnetStore *store,
         const char  *format,
         ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  stmt = sql_run (store, sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The first column of the first row, or NULL for SQL NULL. */
static char *sql_text (CarnetStore *store,
                       const char  *format,
                       ...) G_GNUC_PRINTF (2, 3);

static char *
sql_text (CarnetStore *store,
          const char  *format,
          ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  stmt = sql_run (store, sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of every table (the full-text indexes' own tables included), as text: two
 * dumps are equal when the database holds the same data. */
static char *
dump_database (CarnetStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = sql_run (store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *)tables->pdata[i]);

      g_string_append_printf (out, "[%s]\n", (char *)tables->pdata[i]);
      stmt = sql_run (store, sql);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
                {
                  const guchar *blob = sqlite3_column_blob (stmt, c);

                  for (int b = 0; b < sqlite3_column_bytes (stmt, c); b++)
                    g_string_append_printf (out, "%02x", blob[b]);
                }
              else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                g_string_append (out, "NULL");
              else
                g_string_append (out, (const char *)sqlite3_column_text (stmt, c));
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  g_string_append_printf (out, "user_version=%" G_GINT64_FORMAT "\n",
                          sql_int (store, "PRAGMA user_version"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_inserted (CarnetStore  *store,
                 CarnetRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!carnet_store_insert (store, record, &error))
    g_error ("Cannot insert a %s: %s", carnet_record_get_kind (record), error->message);
}

static CarnetRecord *
add_commune (CarnetStore *store,
             const char  *insee,
             const char  *name)
{
  CarnetRecord *commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", insee, "name", name, NULL);

  assert_inserted (store, commune);
  return commune;
}

static CarnetRecord *
add_project (CarnetStore  *store,
             CarnetRecord *commune,
             const char   *title)
{
  CarnetRecord *project = g_object_new (CARNET_TYPE_PROJECT,
                                        "commune-uuid", carnet_record_get_uuid (commune),
                                        "title", title,
                                        NULL);

  assert_inserted (store, project);
  return project;
}

static CarnetRecord *
add_action (CarnetStore  *store,
            CarnetRecord *project,
            const char   *title)
{
  CarnetRecord *action = g_object_new (CARNET_TYPE_ACTION,
                                       "project-uuid", carnet_record_get_uuid (project),
                                       "title", title,
                                       NULL);

  assert_inserted (store, action);
  return action;
}

static CarnetRecord *
add_walk (CarnetStore  *store,
          CarnetRecord *commune,
          const char   *title)
{
  CarnetRecord *walk = g_object_new (CARNET_TYPE_WALK,
                                     "commune-uuid", carnet_record_get_uuid (commune),
                                     "walked-on", "2026-03-12",
                                     "title", title,
                                     NULL);

  assert_inserted (store, walk);
  return walk;
}

static CarnetRecord *
add_observation (CarnetStore  *store,
                 CarnetRecord *walk,
                 const char   *text)
{
  g_autofree char *now = carnet_db_now ();
  CarnetRecord *observation = g_object_new (CARNET_TYPE_OBSERVATION,
                                            "walk-uuid", carnet_record_get_uuid (walk),
                                            "taken-at", now,
                                            "text", text,
                                            NULL);

  assert_inserted (store, observation);
  return observation;
}

/* A funding line, journal entry or step under a project or an action. */
static CarnetRecord *
add_child (CarnetStore  *store,
           GType         type,
           CarnetRecord *parent,
           const char   *name_field,
           const char   *name)
{
  CarnetRecord *child = g_object_new (type, name_field, name, NULL);

  carnet_record_set_string (child, CARNET_IS_ACTION (parent) ? "action-uuid" : "project-uuid",
                            carnet_record_get_uuid (parent));
  if (type == CARNET_TYPE_JOURNAL_ENTRY)
    carnet_record_set_string (child, "entry-date", "2026-03-12");
  assert_inserted (store, child);
  return child;
}

static gboolean
update_string (CarnetStore   *store,
               CarnetRecord  *record,
               const char    *field,
               const char    *value,
               GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return carnet_store_update (store, record, field, &v, error);
}

static gboolean
update_int (CarnetStore   *store,
            CarnetRecord  *record,
            const char    *field,
            gint64         value,
            GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value);
  return carnet_store_update (store, record, field, &v, error);
}

static gboolean
update_double (CarnetStore   *store,
               CarnetRecord  *record,
               const char    *field,
               double         value,
               GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return carnet_store_update (store, record, field, &v, error);
}

static void
assert_timestamp (const char *stamp)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (stamp);
  if (!g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                             "(\\.[0-9]+)?Z$", stamp, 0, 0))
    g_error ("“%s” is not an ISO 8601 UTC timestamp", stamp);
  parsed = g_date_time_new_from_iso8601 (stamp, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  g_assert_cmpint (ABS (g_date_time_difference (now, parsed)), <, 60 * G_TIME_SPAN_SECOND);
}

static void
assert_uuid (const char *uuid)
{
  g_assert_nonnull (uuid);
  g_assert_cmpuint (strlen (uuid), ==, 36);
  g_assert_true (g_uuid_string_is_valid (uuid));
}

static guint
search_count (CarnetStore *store,
              GType        type,
              const char  *text)
{
  g_autoptr(GListModel) results = carnet_store_search (store, type, text, 0);

  return g_list_model_get_n_items (results);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
on_records_changed (CarnetStore *store,
                    GType        type,
                    GArray      *types)
{
  g_array_append_val (types, type);
}

static gboolean
types_contain (GArray *types,
               GType   type)
{
  for (guint i = 0; i < types->len; i++)
    if (g_array_index (types, GType, i) == type)
      return TRUE;
  return FALSE;
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (changes->len, >, index);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

/* Tests: schema */

static void
test_schema_tables (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *tables[] = { "communes", "themes", "projects", "actions", "funding_lines",
                           "journal_entries", "steps", "status_changes", "indicators",
                           "measurements", "meetings", "decisions", "walks", "observations",
                           "attachments", "projects_fts", "actions_fts", "observations_fts",
                           "walks_fts", "journal_entries_fts" };
  g_autofree char *integrity = NULL;
  sqlite3_stmt *stmt;
  guint n_types;
  const GType *types = carnet_record_types (&n_types);

  g_assert_cmpint (sql_int (fixture->store, "PRAGMA user_version"), ==, CARNET_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (sql_int (fixture->store, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                 " AND name = '%s'", tables[i]) != 1)
      g_error ("The table %s is missing", tables[i]);

  /* Every record type has its table, with every column of its fields. */
  g_assert_cmpuint (n_types, ==, 15);
  for (guint i = 0; i < n_types; i++)
    {
      CarnetRecordClass *klass = g_type_class_peek (types[i]);

      g_assert_nonnull (klass);
      g_assert_true (carnet_record_type_from_kind (klass->kind) == types[i]);
      for (guint f = 0; f < klass->n_fields; f++)
        g_assert_cmpint (sql_int (fixture->store, "SELECT count(*) FROM pragma_table_info ('%s')"
                                  " WHERE name = '%s'", klass->table, klass->fields[f].column),
                         ==, 1);
      if (klass->searchable)
        g_assert_cmpint (sql_int (fixture->store, "SELECT count(*) FROM sqlite_master"
                                  " WHERE name = '%s_fts'", klass->table), ==, 1);
    }

  integrity = sql_text (fixture->store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  stmt = sql_run (fixture->store, "PRAGMA foreign_key_check");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_schema_themes (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct
  {
    const char *slug;
    const char *name;
    gboolean    required;
  } expected[] = {
    { "sante", "Santé et accès aux soins", TRUE },
    { "mobilites", "Mobilités", TRUE },
    { "commerce", "Commerce et artisanat", TRUE },
    { "habitat", "Habitat et logement", TRUE },
    { "numerique", "Numérique", FALSE },
    { "services-publics", "Services publics", FALSE },
    { "transition-ecologique", "Transition écologique et nature en ville", FALSE },
    { "friches-foncier", "Friches et foncier", FALSE },
    { "patrimoine-culture", "Patrimoine et culture", FALSE },
  };
  g_autoptr(GListModel) themes = carnet_store_list (fixture->store, CARNET_TYPE_THEME, NULL, NULL);
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_THEME, NULL, NULL), ==, 9);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_THEME, "required", "1"), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, G_N_ELEMENTS (expected));
  g_assert_true (g_list_model_get_item_type (themes) == CARNET_TYPE_THEME);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (themes, i);
      g_autoptr(CarnetRecord) found = NULL;
      g_autofree char *fixed_uuid = g_strdup_printf ("5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e%04u", i + 1);

      g_assert_true (CARNET_IS_THEME (theme));
      g_assert_cmpstr (carnet_record_get_string (theme, "slug"), ==, expected[i].slug);
      g_assert_cmpstr (carnet_record_get_string (theme, "name"), ==, expected[i].name);
      g_assert_cmpstr (carnet_record_get_title (theme), ==, expected[i].name);
      g_assert_cmpint (carnet_record_get_bool (theme, "required"), ==, expected[i].required);
      g_assert_cmpint (carnet_record_get_int (theme, "position"), ==, i);
      g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$",
                                           carnet_record_get_string (theme, "color"), 0, 0));
      /* Fixed, so that the same theme is the same record on every laptop. */
      g_assert_cmpstr (carnet_record_get_uuid (theme), ==, fixed_uuid);
      assert_uuid (carnet_record_get_uuid (theme));
      g_assert_true (g_hash_table_add (uuids, g_strdup (carnet_record_get_uuid (theme))));
      assert_timestamp (carnet_record_get_created_at (theme));
      g_assert_null (carnet_record_get_deleted_at (theme));

      found = carnet_store_find (fixture->store, CARNET_TYPE_THEME, "slug", expected[i].slug);
      g_assert_true (found == theme);
    }
}

/* Tests: CRUD */

static void
test_commune_crud (Fixture       *fixture,
                   gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(CarnetRecord) got = NULL;
  g_autoptr(CarnetRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pvd = NULL;
  g_autofree char *title = NULL;
  const char *uuid;

  commune = g_object_new (CARNET_TYPE_COMMUNE,
                          "insee", "14047",
                          "name", "Bayeux",
                          "departement", "14",
                          "region", "Normandie",
                          "population", (gint64)13000,
                          NULL);
  g_assert_null (carnet_record_get_uuid (commune));
  g_assert_cmpint (carnet_record_get_id (commune), ==, 0);
  g_assert_true (carnet_store_insert (store, commune, &error));
  g_assert_no_error (error);

  uuid = carnet_record_get_uuid (commune);
  assert_uuid (uuid);
  g_assert_cmpint (carnet_record_get_id (commune), >, 0);
  g_assert_cmpstr (carnet_record_get_kind (commune), ==, "commune");
  g_assert_cmpstr (carnet_record_get_created_at (commune), ==,
                   carnet_record_get_updated_at (commune));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);

  name = sql_text (store, "SELECT name FROM communes WHERE uuid = '%s'", uuid);
  g_assert_cmpstr (name, ==, "Bayeux");
  g_assert_cmpint (sql_int (store, "SELECT population FROM communes WHERE uuid = '%s'", uuid),
                   ==, 13000);

  got = carnet_store_get (store, CARNET_TYPE_COMMUNE, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (got == commune);
  found = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");
  g_assert_true (found == commune);
  g_object_get (commune, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Bayeux");

  g_assert_true (carnet_store_update_text (store, commune, "population", "13 500", &error));
  g_assert_no_error (error);
  g_assert_cmpint (carnet_record_get_int (commune, "population"), ==, 13500);
  g_assert_cmpint (sql_int (store, "SELECT population FROM communes WHERE uuid = '%s'", uuid),
                   ==, 13500);

  g_assert_true (carnet_store_update_text (store, commune, "pvd-date", "12/03/2026", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (commune, "pvd-date"), ==, "2026-03-12");
  pvd = sql_text (store, "SELECT pvd_date FROM communes WHERE uuid = '%s'", uuid);
  g_assert_cmpstr (pvd, ==, "2026-03-12");

  /* An emptied date is no date. */
  g_assert_true (carnet_store_update_text (store, commune, "pvd_date", "", &error));
  g_assert_no_error (error);
  g_assert_null (carnet_record_get_string (commune, "pvd-date"));
  g_assert_cmpint (sql_int (store, "SELECT pvd_date IS NULL FROM communes WHERE uuid = '%s'",
                            uuid), ==, 1);

  g_assert_true (update_string (store, commune, "notes", "Convention signée en mairie", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (commune, "notes"), ==, "Convention signée en mairie");

  g_assert_true (carnet_store_delete (store, commune, &error));
  g_assert_no_error (error);
  assert_timestamp (carnet_record_get_deleted_at (commune));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 0);
  g_assert_null (carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047"));
  /* A tombstone: the row stays, and get still finds it. */
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM communes"), ==, 1);
  g_clear_object (&got);
  got = carnet_store_get (store, CARNET_TYPE_COMMUNE, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (got == commune);

  g_assert_true (carnet_store_undelete (store, commune, &error));
  g_assert_no_error (error);
  g_assert_null (carnet_record_get_deleted_at (commune));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);
}

static void
test_project_crud (Fixture       *fixture,
                   gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) other = add_commune (store, "50502", "Saint-Lô");
  g_autoptr(CarnetRecord) theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "sante");
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) item = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  const char *fields[] = { "title", "in-ort", "cost-ttc", "start-planned" };
  GValue values[4] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };

  project = g_object_new (CARNET_TYPE_PROJECT,
                          "commune-uuid", carnet_record_get_uuid (commune),
                          "number", "1.2",
                          "title", "Réhabilitation de la friche Badin",
                          "theme-uuid", carnet_record_get_uuid (theme),
                          NULL);
  g_assert_true (carnet_store_insert (store, project, &error));
  g_assert_no_error (error);

  /* The defaults of the shared project model. */
  g_assert_cmpstr (carnet_record_get_string (project, "phase"), ==, "idee");
  g_assert_cmpstr (carnet_record_get_string (project, "status"), ==, "en_cours");
  g_assert_cmpstr (carnet_record_get_string (project, "maturity"), ==, "en_reflexion");
  g_assert_cmpstr (carnet_record_get_string (project, "priority"), ==, "moyenne");
  g_assert_cmpint (carnet_record_get_int (project, "progress"), ==, 0);
  g_assert_cmpint (carnet_record_get_int (project, "cost-ht"), ==, 0);
  g_assert_false (carnet_record_get_bool (project, "in-ort"));
  g_assert_null (carnet_record_get_string (project, "end-planned"));
  g_assert_cmpstr (carnet_record_get_string (project, "description"), ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_value_init (&values[i], i == 1 ? G_TYPE_BOOLEAN : i == 2 ? G_TYPE_INT64 : G_TYPE_STRING);
  g_value_set_string (&values[0], "Friche Badin : halle gourmande");
  g_value_set_boolean (&values[1], TRUE);
  g_value_set_int64 (&values[2], 250000000);
  g_value_set_string (&values[3], "2026-09-01");
  g_assert_true (carnet_store_update_fields (store, project, fields, values, 4, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_value_unset (&values[i]);

  g_assert_cmpstr (carnet_record_get_title (project), ==, "Friche Badin : halle gourmande");
  g_assert_true (carnet_record_get_bool (project, "in-ort"));
  g_assert_cmpint (carnet_record_get_int (project, "cost-ttc"), ==, 250000000);
  g_assert_cmpint (sql_int (store, "SELECT in_ort FROM projects WHERE uuid = '%s'",
                            carnet_record_get_uuid (project)), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT cost_ttc FROM projects WHERE uuid = '%s'",
                            carnet_record_get_uuid (project)), ==, 250000000);
  start = sql_text (store, "SELECT start_planned FROM projects WHERE uuid = '%s'",
                    carnet_record_get_uuid (project));
  g_assert_cmpstr (start, ==, "2026-09-01");

  list = carnet_store_list (store, CARNET_TYPE_PROJECT, "commune-uuid",
                            carnet_record_get_uuid (commune));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  item = g_list_model_get_item (list, 0);
  g_assert_true (item == project);
  g_assert_null (g_list_model_get_item (list, 1));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, "commune-uuid",
                                        carnet_record_get_uuid (other)), ==, 0);

  g_assert_true (carnet_store_delete (store, project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 0);
  /* Deleting twice is harmless. */
  g_assert_true (carnet_store_delete (store, project, &error));
  g_assert_no_error (error);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_action_update (Fixture       *fixture,
                    gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) action = add_action (store, project, "Étude de programmation");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *created = g_strdup (carnet_record_get_created_at (action));
  g_autofree char *updated = g_strdup (carnet_record_get_updated_at (action));
  g_autofree char *db_updated = NULL;
  g_autofree char *end = NULL;
  g_autofree char *money = NULL;
  const char *uuid = carnet_record_get_uuid (action);
  const char *fields[] = { "title", "progress", "cost_ht", "end-planned", "priority" };
  GValue values[5] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };

  g_signal_connect (action, "notify", G_CALLBACK (on_notify), log);
  g_usleep (2000);

  g_value_init (&values[0], G_TYPE_STRING);
  g_value_set_string (&values[0], "Étude de programmation urbaine");
  g_value_init (&values[1], G_TYPE_INT);  /* converted to the field's gint64 */
  g_value_set_int (&values[1], 50);
  g_value_init (&values[2], G_TYPE_INT64);
  g_value_set_int64 (&values[2], 123450);
  g_value_init (&values[3], G_TYPE_STRING);
  g_value_set_string (&values[3], "2026-06-30");
  g_value_init (&values[4], G_TYPE_STRING);
  g_value_set_string (&values[4], "haute");
  g_assert_true (carnet_store_update_fields (store, action, fields, values, 5, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_value_unset (&values[i]);

  g_assert_cmpstr (carnet_record_get_title (action), ==, "Étude de programmation urbaine");
  g_assert_cmpint (carnet_record_get_int (action, "progress"), ==, 50);
  g_assert_cmpint (carnet_record_get_int (action, "cost-ht"), ==, 123450);
  g_assert_cmpstr (carnet_record_get_string (action, "end-planned"), ==, "2026-06-30");
  g_assert_cmpstr (carnet_record_get_string (action, "priority"), ==, "haute");

  /* updated_at moved, created_at did not, and the database agrees. */
  g_assert_cmpstr (carnet_record_get_created_at (action), ==, created);
  g_assert_cmpstr (carnet_record_get_updated_at (action), >, updated);
  assert_timestamp (carnet_record_get_updated_at (action));
  db_updated = sql_text (store, "SELECT updated_at FROM actions WHERE uuid = '%s'", uuid);
  g_assert_cmpstr (db_updated, ==, carnet_record_get_updated_at (action));
  g_assert_cmpint (sql_int (store, "SELECT progress FROM actions WHERE uuid = '%s'", uuid), ==, 50);
  g_assert_cmpint (sql_int (store, "SELECT cost_ht FROM actions WHERE uuid = '%s'", uuid),
                   ==, 123450);
  end = sql_text (store, "SELECT end_planned FROM actions WHERE uuid = '%s'", uuid);
  g_assert_cmpstr (end, ==, "2026-06-30");

  /* Each changed property was notified, once. */
  g_assert_nonnull (strstr (log->str, "title;"));
  g_assert_nonnull (strstr (log->str, "progress;"));
  g_assert_nonnull (strstr (log->str, "cost-ht;"));
  g_assert_nonnull (strstr (log->str, "updated-at;"));
  g_assert_null (strstr (log->str, "status;"));

  /* What people type. */
  g_assert_true (carnet_store_update_text (store, action, "cost-ttc", "1 481,40 €", &error));
  g_assert_no_error (error);
  g_assert_cmpint (carnet_record_get_int (action, "cost-ttc"), ==, 148140);
  g_assert_true (carnet_store_update_text (store, action, "end-planned", "30 juin 2026", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (action, "end-planned"), ==, "2026-06-30");
  g_assert_true (carnet_store_update_text (store, action, "start-planned", "1er mars 2026",
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (action, "start-planned"), ==, "2026-03-01");
  g_assert_true (carnet_store_update_text (store, action, "priority", "Basse", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (action, "priority"), ==, "basse");
  g_assert_true (carnet_store_update_text (store, action, "priority", "High", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (action, "priority"), ==, "haute");
  g_assert_true (carnet_store_update_text (store, action, "maturity", "Validée", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (action, "maturity"), ==, "validee");
  g_assert_true (carnet_store_update_text (store, action, "in-ort", "oui", &error));
  g_assert_no_error (error);
  g_assert_true (carnet_record_get_bool (action, "in-ort"));
  g_assert_true (carnet_store_update_text (store, action, "in-ort", "Non", &error));
  g_assert_no_error (error);
  g_assert_false (carnet_record_get_bool (action, "in-ort"));
  g_assert_true (carnet_store_update_text (store, action, "progress", "75", &error));
  g_assert_no_error (error);
  g_assert_cmpint (carnet_record_get_int (action, "progress"), ==, 75);

  money = carnet_field_format (carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (action),
                                                               "cost-ttc"),
                               carnet_record_get_value (action, "cost-ttc"));
  g_assert_cmpstr (money, ==, "1\u202f481,40\u00a0€");
}

static void
test_action_status_history (Fixture       *fixture,
                            gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) action = add_action (store, project, "Maison de santé");
  g_autoptr(GListModel) history = NULL;
  g_autoptr(CarnetRecord) latest = NULL;
  g_autoptr(CarnetRecord) first = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = carnet_record_get_uuid (action);

  history = carnet_store_list (store, CARNET_TYPE_STATUS_CHANGE, "action-uuid", uuid);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);

  g_assert_true (update_string (store, action, "status", "en_retard", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes WHERE action_uuid = '%s'"
                            " AND project_uuid IS NULL AND from_status = 'en_cours'"
                            " AND to_status = 'en_retard' AND changed_at = '%s'",
                            uuid, carnet_record_get_updated_at (action)), ==, 1);

  /* The same status again is no change. */
  g_assert_true (update_string (store, action, "status", "en_retard", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes"), ==, 1);

  /* Nor is a change of another field. */
  g_assert_true (update_string (store, action, "title", "Maison de santé pluriprofessionnelle",
                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes"), ==, 1);

  g_usleep (2000);
  g_assert_true (carnet_store_update_text (store, action, "status", "Terminé", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (action, "status"), ==, "termine");
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes WHERE action_uuid = '%s'"
                            " AND from_status = 'en_retard' AND to_status = 'termine'", uuid),
                   ==, 1);

  /* A refused status leaves no trace. */
  g_assert_false (update_string (store, action, "status", "fini", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes"), ==, 2);

  /* The history lists the latest first. */
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  latest = g_list_model_get_item (history, 0);
  first = g_list_model_get_item (history, 1);
  g_assert_cmpstr (carnet_record_get_string (latest, "to-status"), ==, "termine");
  g_assert_cmpstr (carnet_record_get_string (latest, "from-status"), ==, "en_retard");
  g_assert_cmpstr (carnet_record_get_string (latest, "action-uuid"), ==, uuid);
  g_assert_null (carnet_record_get_string (latest, "project-uuid"));
  g_assert_cmpstr (carnet_record_get_string (first, "to-status"), ==, "en_retard");
  assert_uuid (carnet_record_get_uuid (latest));
  assert_timestamp (carnet_record_get_string (latest, "changed-at"));

  /* A project's history is its own. */
  g_assert_true (update_string (store, project, "status", "en_pause", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM status_changes WHERE project_uuid = '%s'"
                            " AND action_uuid IS NULL AND from_status = 'en_cours'"
                            " AND to_status = 'en_pause'", carnet_record_get_uuid (project)),
                   ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
}

static void
test_funding_line_crud (Fixture       *fixture,
                        gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) action = add_action (store, project, "Acquisition foncière");
  g_autoptr(CarnetRecord) on_project = NULL;
  g_autoptr(CarnetRecord) on_action = NULL;
  g_autoptr(CarnetRecord) both = NULL;
  g_autoptr(CarnetRecord) neither = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *lapses = NULL;

  on_project = g_object_new (CARNET_TYPE_FUNDING_LINE,
                             "project-uuid", carnet_record_get_uuid (project),
                             "funder", "ANCT",
                             "scheme", "Fonds vert",
                             "amount-requested", (gint64)5000000,
                             NULL);
  g_assert_true (carnet_store_insert (store, on_project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (on_project, "nature"), ==, "subvention");
  g_assert_cmpstr (carnet_record_get_string (on_project, "basis"), ==, "ht");
  g_assert_cmpstr (carnet_record_get_string (on_project, "state"), ==, "envisage");
  g_assert_cmpint (sql_int (store, "SELECT amount_requested FROM funding_lines WHERE uuid = '%s'",
                            carnet_record_get_uuid (on_project)), ==, 5000000);

  on_action = add_child (store, CARNET_TYPE_FUNDING_LINE, action, "funder", "Région Normandie");
  g_assert_true (carnet_store_update_text (store, on_action, "amount-granted", "12 000,50",
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (carnet_record_get_int (on_action, "amount-granted"), ==, 1200050);
  g_assert_true (carnet_store_update_text (store, on_action, "state", "Accordé", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (on_action, "state"), ==, "accorde");
  g_assert_true (carnet_store_update_text (store, on_action, "nature", "prêt", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (on_action, "nature"), ==, "pret");
  g_assert_true (carnet_store_update_text (store, on_action, "lapses-on", "31/12/2027", &error));
  g_assert_no_error (error);
  lapses = sql_text (store, "SELECT lapses_on FROM funding_lines WHERE uuid = '%s'",
                     carnet_record_get_uuid (on_action));
  g_assert_cmpstr (lapses, ==, "2027-12-31");

  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_FUNDING_LINE, "project-uuid",
                                        carnet_record_get_uuid (project)), ==, 1);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_FUNDING_LINE, "action-uuid",
                                        carnet_record_get_uuid (action)), ==, 1);

  /* Exactly one parent. */
  before = dump_database (store);
  both = g_object_new (CARNET_TYPE_FUNDING_LINE,
                       "project-uuid", carnet_record_get_uuid (project),
                       "action-uuid", carnet_record_get_uuid (action),
                       "funder", "Anah",
                       NULL);
  g_assert_false (carnet_store_insert (store, both, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "exactly one project or action"));
  g_clear_error (&error);
  g_assert_cmpint (carnet_record_get_id (both), ==, 0);
  g_assert_null (carnet_record_get_uuid (both));

  neither = g_object_new (CARNET_TYPE_FUNDING_LINE, "funder", "Anah", NULL);
  g_assert_false (carnet_store_insert (store, neither, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Nor by moving an existing line. */
  g_assert_false (update_string (store, on_project, "action-uuid", carnet_record_get_uuid (action),
                                 &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (carnet_record_get_string (on_project, "action-uuid"));
  after = dump_database (store);
  g_assert_cmpstr (after, ==, before);

  /* Deleting the action takes its funding lines, not the project's. */
  g_assert_true (carnet_store_delete (store, action, &error));
  g_assert_no_error (error);
  g_assert_nonnull (carnet_record_get_deleted_at (on_action));
  g_assert_null (carnet_record_get_deleted_at (on_project));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_FUNDING_LINE, NULL, NULL), ==, 1);
}

static void
test_journal_entry_crud (Fixture       *fixture,
                         gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) undated = NULL;
  g_autoptr(CarnetRecord) entry = NULL;
  g_autoptr(CarnetRecord) older = NULL;
  g_autoptr(CarnetRecord) item = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  undated = g_object_new (CARNET_TYPE_JOURNAL_ENTRY,
                          "project-uuid", carnet_record_get_uuid (project),
                          "text", "Sans date",
                          NULL);
  g_assert_false (carnet_store_insert (store, undated, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);

  entry = g_object_new (CARNET_TYPE_JOURNAL_ENTRY,
                        "project-uuid", carnet_record_get_uuid (project),
                        "entry-date", "2026-03-12",
                        "text", "Calendrier de l'Anah à surveiller",
                        "vigilance", TRUE,
                        NULL);
  g_assert_true (carnet_store_insert (store, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT vigilance FROM journal_entries WHERE uuid = '%s'",
                            carnet_record_get_uuid (entry)), ==, 1);

  older = g_object_new (CARNET_TYPE_JOURNAL_ENTRY,
                        "project-uuid", carnet_record_get_uuid (project),
                        "entry-date", "2026-01-05",
                        "text", "Premier contact",
                        NULL);
  assert_inserted (store, older);

  /* The latest first. */
  list = carnet_store_list (store, CARNET_TYPE_JOURNAL_ENTRY, "project-uuid",
                            carnet_record_get_uuid (project));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  item = g_list_model_get_item (list, 0);
  g_assert_true (item == entry);

  g_assert_cmpuint (search_count (store, CARNET_TYPE_JOURNAL_ENTRY, "anah"), ==, 1);
  g_assert_true (update_string (store, entry, "text", "Dossier FEDER déposé", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_JOURNAL_ENTRY, "anah"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_JOURNAL_ENTRY, "depose feder"), ==, 1);

  g_assert_false (update_string (store, entry, "entry-date", NULL, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (carnet_record_get_string (entry, "entry-date"), ==, "2026-03-12");

  g_assert_true (carnet_store_delete (store, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_JOURNAL_ENTRY, "feder"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_walk_observation_crud (Fixture       *fixture,
                            gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "commerce");
  g_autoptr(CarnetRecord) walk = NULL;
  g_autoptr(CarnetRecord) observation = NULL;
  g_autoptr(CarnetRecord) other = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = carnet_db_now ();
  g_autofree char *kind = NULL;

  walk = g_object_new (CARNET_TYPE_WALK,
                       "commune-uuid", carnet_record_get_uuid (commune),
                       "walked-on", "2026-03-12",
                       "title", "Arpentage du centre-bourg",
                       "participants", "Madame la maire, l'adjoint au commerce",
                       "route", "Rue Saint-Malo, place du marché",
                       NULL);
  g_assert_true (carnet_store_insert (store, walk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_WALK, "commune-uuid",
                                        carnet_record_get_uuid (commune)), ==, 1);

  observation = g_object_new (CARNET_TYPE_OBSERVATION,
                              "walk-uuid", carnet_record_get_uuid (walk),
                              "kind", "irritant",
                              "theme-uuid", carnet_record_get_uuid (theme),
                              "text", "Trois vitrines vides rue Saint-Malo",
                              "taken-at", now,
                              "latitude", 49.2764,
                              "longitude", -0.7024,
                              NULL);
  g_assert_true (carnet_store_insert (store, observation, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (sql_int (store, "SELECT latitude * 10000 FROM observations"
                                           " WHERE uuid = '%s'",
                                           carnet_record_get_uuid (observation)),
                                  492764, 1);

  /* Without a position, the columns are NULL and the values NaN. */
  other = add_observation (store, walk, "Idée : un marché du soir");
  g_assert_true (isnan (carnet_record_get_real (other, "latitude")));
  g_assert_cmpint (sql_int (store, "SELECT latitude IS NULL AND longitude IS NULL"
                            " FROM observations WHERE uuid = '%s'",
                            carnet_record_get_uuid (other)), ==, 1);
  g_assert_cmpstr (carnet_record_get_string (other, "kind"), ==, "constat");

  g_assert_true (carnet_store_update_text (store, other, "kind", "idée", &error));
  g_assert_no_error (error);
  kind = sql_text (store, "SELECT kind FROM observations WHERE uuid = '%s'",
                   carnet_record_get_uuid (other));
  g_assert_cmpstr (kind, ==, "idee");
  g_assert_true (carnet_store_update_text (store, other, "latitude", "49,28", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (carnet_record_get_real (other, "latitude"), 49.28, 1e-9);
  g_assert_false (update_double (store, other, "latitude", 100, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpfloat_with_epsilon (carnet_record_get_real (other, "latitude"), 49.28, 1e-9);
  g_assert_true (update_double (store, other, "latitude", NAN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT latitude IS NULL FROM observations WHERE uuid = '%s'",
                            carnet_record_get_uuid (other)), ==, 1);

  list = carnet_store_list (store, CARNET_TYPE_OBSERVATION, "walk-uuid",
                            carnet_record_get_uuid (walk));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  g_assert_cmpuint (search_count (store, CARNET_TYPE_WALK, "maire"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_WALK, "marche place"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_OBSERVATION, "vitrines"), ==, 1);

  g_assert_true (carnet_store_delete (store, walk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_nonnull (carnet_record_get_deleted_at (observation));
  g_assert_cmpstr (carnet_record_get_deleted_at (observation), ==,
                   carnet_record_get_deleted_at (walk));
  g_assert_cmpuint (search_count (store, CARNET_TYPE_OBSERVATION, "vitrines"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_WALK, "maire"), ==, 0);
}

static void
test_step_crud (Fixture       *fixture,
                gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) action = add_action (store, project, "Acquisition");
  g_autoptr(CarnetRecord) unnamed = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Délibération", "Estimation des Domaines", "Signature de l'acte" };
  const int positions[] = { 1, 0, 2 };
  const char *expected[] = { "Estimation des Domaines", "Délibération", "Signature de l'acte" };
  CarnetRecord *steps[3];

  for (guint i = 0; i < 3; i++)
    {
      steps[i] = g_object_new (CARNET_TYPE_STEP,
                               "action-uuid", carnet_record_get_uuid (action),
                               "name", names[i],
                               "position", (gint64)positions[i],
                               NULL);
      assert_inserted (store, steps[i]);
    }

  list = carnet_store_list (store, CARNET_TYPE_STEP, "action-uuid",
                            carnet_record_get_uuid (action));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CarnetRecord) step = g_list_model_get_item (list, i);

      g_assert_cmpstr (carnet_record_get_title (step), ==, expected[i]);
    }

  g_assert_true (carnet_store_update_text (store, steps[1], "done", "oui", &error));
  g_assert_no_error (error);
  g_assert_true (carnet_store_update_text (store, steps[1], "done-on", "15/02/2026", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT done FROM steps WHERE uuid = '%s'",
                            carnet_record_get_uuid (steps[1])), ==, 1);
  g_assert_cmpstr (carnet_record_get_string (steps[1], "done-on"), ==, "2026-02-15");

  g_assert_false (update_string (store, steps[0], "name", "", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  unnamed = g_object_new (CARNET_TYPE_STEP, "action-uuid", carnet_record_get_uuid (action), NULL);
  g_assert_false (carnet_store_insert (store, unnamed, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (carnet_store_delete (store, steps[2], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  for (guint i = 0; i < 3; i++)
    g_object_unref (steps[i]);
}

/* Tests: validation */

static void
test_validation_unchanged (Fixture       *fixture,
                           gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) action = add_action (store, project, "Étude");
  g_autoptr(CarnetRecord) theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "numerique");
  g_autoptr(CarnetRecord) untitled = NULL;
  g_autoptr(CarnetRecord) orphan = NULL;
  g_autoptr(CarnetRecord) homeless = NULL;
  g_autoptr(CarnetRecord) wrong_status = NULL;
  g_autoptr(CarnetRecord) red = NULL;
  g_autoptr(CarnetRecord) short_insee = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *random_uuid = g_uuid_string_random ();
  g_autofree char *updated = g_strdup (carnet_record_get_updated_at (action));
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  const char *fields[] = { "title", "progress" };
  GValue values[2] = { G_VALUE_INIT, G_VALUE_INIT };
  struct
  {
    const char *field;
    const char *text;
  } bad_texts[] = {
    { "end-planned", "31/02/2026" },
    { "end-planned", "demain" },
    { "progress", "101" },
    { "progress", "-1" },
    { "progress", "beaucoup" },
    { "status", "fini" },
    { "cost-ht", "-5" },
    { "cost-ht", "cinq euros" },
    { "title", "" },
    { "in-ort", "peut-être" },
    { "no-such-field", "x" },
  };

  before = dump_database (store);
  g_signal_connect (store, "records-changed", G_CALLBACK (on_records_changed), types);

  untitled = g_object_new (CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (project),
                           "title", "", NULL);
  g_assert_false (carnet_store_insert (store, untitled, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (carnet_record_get_uuid (untitled));

  homeless = g_object_new (CARNET_TYPE_ACTION, "title", "Sans projet", NULL);
  g_assert_false (carnet_store_insert (store, homeless, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);

  /* A refusal by SQLite itself (here the same INSEE code twice) rolls the whole
   * transaction back; checks made before writing (a missing parent) do not. */
  orphan = g_object_new (CARNET_TYPE_PROJECT, "commune-uuid", random_uuid, "title", "Orphelin",
                         NULL);
  g_assert_false (carnet_store_insert (store, orphan, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_object (&orphan);
  orphan = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_false (carnet_store_insert (store, orphan, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (carnet_record_get_id (orphan), ==, 0);

  wrong_status = g_object_new (CARNET_TYPE_PROJECT,
                               "commune-uuid", carnet_record_get_uuid (commune),
                               "title", "Statut inconnu",
                               "status", "nope",
                               NULL);
  g_assert_false (carnet_store_insert (store, wrong_status, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);

  red = g_object_new (CARNET_TYPE_THEME, "slug", "rouge", "name", "Rouge", "color", "red", NULL);
  g_assert_false (carnet_store_insert (store, red, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);

  short_insee = g_object_new (CARNET_TYPE_COMMUNE, "insee", "140", "name", "Trop court", NULL);
  g_assert_false (carnet_store_insert (store, short_insee, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (update_string (store, action, "title", "", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_string (store, action, "end-planned", "2026-02-30", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_string (store, action, "end-planned", "12/03/2026", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_int (store, action, "progress", 101, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_string (store, action, "status", "fini", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_int (store, action, "cost-ttc", -1, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_string (store, action, "project-uuid", NULL, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_string (store, action, "project-uuid", random_uuid, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (update_string (store, action, "no-such-field", "x", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      if (carnet_store_update_text (store, action, bad_texts[i].field, bad_texts[i].text, &error))
        g_error ("%s = “%s” was accepted", bad_texts[i].field, bad_texts[i].text);
      g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* One bad field among good ones: nothing is written, not even the good ones. */
  g_value_init (&values[0], G_TYPE_STRING);
  g_value_set_string (&values[0], "Nouveau titre");
  g_value_init (&values[1], G_TYPE_INT64);
  g_value_set_int64 (&values[1], 101);
  g_assert_false (carnet_store_update_fields (store, action, fields, values, 2, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_value_unset (&values[0]);
  g_value_unset (&values[1]);

  /* A value SQLite refuses (a colour the schema checks) is rolled back too. */
  g_assert_false (update_string (store, theme, "color", "red", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (carnet_record_get_string (theme, "color"), ==, "#2190a4");

  /* The records in memory did not change either. */
  g_assert_cmpstr (carnet_record_get_title (action), ==, "Étude");
  g_assert_null (carnet_record_get_string (action, "end-planned"));
  g_assert_cmpint (carnet_record_get_int (action, "progress"), ==, 0);
  g_assert_cmpint (carnet_record_get_int (action, "cost-ttc"), ==, 0);
  g_assert_cmpstr (carnet_record_get_string (action, "status"), ==, "en_cours");
  g_assert_cmpstr (carnet_record_get_string (action, "project-uuid"), ==,
                   carnet_record_get_uuid (project));
  g_assert_cmpstr (carnet_record_get_updated_at (action), ==, updated);

  {
    g_autofree char *after = dump_database (store);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (types->len, ==, 0);
  g_signal_handlers_disconnect_by_func (store, on_records_changed, types);
}

/* Tests: identity, UUIDs, timestamps */

static void
test_uuids_unique (Fixture       *fixture,
                   gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Projet %u", i);
      g_autoptr(CarnetRecord) project = add_project (store, commune, title);
      const char *uuid = carnet_record_get_uuid (project);

      assert_uuid (uuid);
      g_assert_cmpint (uuid[14], ==, '4');  /* random (version 4) */
      g_assert_true (g_hash_table_add (seen, g_strdup (uuid)));
      g_assert_true (g_hash_table_add (ids, GSIZE_TO_POINTER (carnet_record_get_id (project))));
    }
  g_assert_cmpint (sql_int (store, "SELECT count(DISTINCT uuid) FROM projects"), ==, 200);
}

static void
test_timestamps (Fixture       *fixture,
                 gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;

  assert_timestamp (carnet_record_get_created_at (project));
  assert_timestamp (carnet_record_get_updated_at (project));
  created = sql_text (store, "SELECT created_at FROM projects WHERE uuid = '%s'",
                      carnet_record_get_uuid (project));
  g_assert_cmpstr (created, ==, carnet_record_get_created_at (project));

  g_usleep (2000);
  g_assert_true (carnet_store_delete (store, project, NULL));
  assert_timestamp (carnet_record_get_deleted_at (project));
  g_assert_cmpstr (carnet_record_get_deleted_at (project), >, created);
  /* A deletion is a change, for merges. */
  updated = sql_text (store, "SELECT updated_at FROM projects WHERE uuid = '%s'",
                      carnet_record_get_uuid (project));
  g_assert_cmpstr (updated, >, created);
  g_assert_cmpstr (carnet_record_get_updated_at (project), ==, updated);
}

static void
test_identity_map (Fixture       *fixture,
                   gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  CarnetRecord *project = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) got1 = NULL;
  g_autoptr(CarnetRecord) got2 = NULL;
  g_autoptr(CarnetRecord) item = NULL;
  g_autoptr(CarnetRecord) result = NULL;
  g_autoptr(CarnetRecord) again = NULL;
  g_autoptr(CarnetRecord) none = NULL;
  g_autoptr(CarnetRecord) wrong_type = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (carnet_record_get_uuid (project));
  g_autofree char *missing = g_uuid_string_random ();
  CarnetRecord *weak = project;

  got1 = carnet_store_get (store, CARNET_TYPE_PROJECT, uuid, NULL);
  got2 = carnet_store_get (store, CARNET_TYPE_PROJECT, uuid, NULL);
  g_assert_true (got1 == project);
  g_assert_true (got2 == project);

  list = carnet_store_list (store, CARNET_TYPE_PROJECT, NULL, NULL);
  item = g_list_model_get_item (list, 0);
  g_assert_true (item == project);
  results = carnet_store_search (store, CARNET_TYPE_PROJECT, "badin", 10);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  result = g_list_model_get_item (results, 0);
  g_assert_true (result == project);

  /* A change made through one reference is seen through all. */
  g_assert_true (update_string (store, got1, "title", "Halle Badin", NULL));
  g_assert_cmpstr (carnet_record_get_title (item), ==, "Halle Badin");

  /* Once nobody holds it, it is forgotten, and loaded afresh from the database. */
  g_clear_object (&got1);
  g_clear_object (&got2);
  g_clear_object (&item);
  g_clear_object (&result);
  g_object_add_weak_pointer (G_OBJECT (project), (gpointer *)&weak);
  g_object_unref (project);
  g_assert_null (weak);

  again = carnet_store_get (store, CARNET_TYPE_PROJECT, uuid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (carnet_record_get_uuid (again), ==, uuid);
  g_assert_cmpstr (carnet_record_get_title (again), ==, "Halle Badin");
  item = g_list_model_get_item (list, 0);
  g_assert_true (item == again);

  none = carnet_store_get (store, CARNET_TYPE_PROJECT, missing, &error);
  g_assert_null (none);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  wrong_type = carnet_store_get (store, CARNET_TYPE_ACTION, uuid, &error);
  g_assert_null (wrong_type);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND);
}

/* Tests: full-text search */

static void
test_search_follows_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) action = NULL;
  g_autoptr(GListModel) live = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;

  action = g_object_new (CARNET_TYPE_ACTION,
                         "project-uuid", carnet_record_get_uuid (project),
                         "title", "Réhabilitation de la friche Badin",
                         "description", "Équipement sportif et halle",
                         "lead", "Service urbanisme",
                         NULL);
  assert_inserted (store, action);

  /* Insert */
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "friche"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "Badin friche"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "urbanisme"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "badin piscine"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "piscine"), ==, 0);
  /* Accents and case */
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "equipement"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "ÉQUIPEMENT"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "rehabilitation"), ==, 1);
  /* Prefixes */
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "equip"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "fri bad"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "riche"), ==, 0);
  /* Only actions: the project does not match its own type's search for this. */
  g_assert_cmpuint (search_count (store, CARNET_TYPE_PROJECT, "friche"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_PROJECT, "cœur"), ==, 1);
  /* The ligature: “coeur” as people type it finds “Cœur”, and the other way round. */
  g_assert_cmpuint (search_count (store, CARNET_TYPE_PROJECT, "coeur"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_PROJECT, "CŒUR"), ==, 1);

  live = carnet_store_search (store, CARNET_TYPE_ACTION, "friche", 0);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 1);
  g_signal_connect (live, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* Update: the old words no longer match, the new ones do. */
  g_assert_true (update_string (store, action, "title", "Maison de santé pluriprofessionnelle",
                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "friche"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "badin"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "sante"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "pluri"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "equipement"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 1, 0);

  /* Delete: a tombstone is not found. */
  g_assert_true (carnet_store_delete (store, action, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "sante"), ==, 0);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "equipement"), ==, 0);

  /* Undelete: found again. */
  g_assert_true (carnet_store_undelete (store, action, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "sante"), ==, 1);

  /* The index matches the table exactly. */
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM actions_fts WHERE actions_fts MATCH"
                            " 'friche'"), ==, 0);
  {
    sqlite3_stmt *stmt = sql_run (store, "INSERT INTO actions_fts (actions_fts, rank)"
                                         " VALUES ('integrity-check', 1)");

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
}

static void
test_search_input (Fixture       *fixture,
                   gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(GListModel) limited = NULL;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);
  const char *harmless[] = { "\"santé\"", "(santé)", "santé:", "-santé", "santé*", "'santé'",
                             "santé^", "{santé}", "santé;--" };
  const char *nothing[] = { "", "   ", "!!!", "\"", "*", "\xff\xfe", "OR", "AND NOT", NULL };

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("École numéro %u", i);

      g_ptr_array_add (actions, add_action (store, project, title));
    }
  g_ptr_array_add (actions, add_action (store, project, "Maison de santé"));

  /* FTS5 syntax typed by someone is only text. */
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    if (search_count (store, CARNET_TYPE_ACTION, harmless[i]) != 1)
      g_error ("Searching for “%s” does not find the action", harmless[i]);
  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, nothing[i]), ==, 0);

  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "ecole"), ==, 5);
  /* Accents typed or pasted decomposed (e + U+0301, as macOS and some forms send them). */
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "E\u0301cole"), ==, 5);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "sante\u0301"), ==, 1);
  g_ptr_array_add (actions, add_action (store, project, "Re\u0301habilitation de la halle"));
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "rehabilitation"), ==, 1);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "réhabilitation"), ==, 1);
  limited = carnet_store_search (store, CARNET_TYPE_ACTION, "ecole", 3);
  g_assert_cmpuint (g_list_model_get_n_items (limited), ==, 3);
  g_assert_cmpuint (search_count (store, CARNET_TYPE_ACTION, "ecole 3"), ==, 1);
}

/* Tests: deletion */

static void
test_delete_cascade (Fixture       *fixture,
                     gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) neighbour = add_commune (store, "14066", "Le Molay-Littry");
  g_autoptr(CarnetRecord) p1 = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) p2 = add_project (store, commune, "Maison de santé");
  g_autoptr(CarnetRecord) p3 = add_project (store, commune, "Piscine");
  g_autoptr(CarnetRecord) q = add_project (store, neighbour, "Halle");
  g_autoptr(CarnetRecord) a1 = add_action (store, p1, "Acquisition");
  g_autoptr(CarnetRecord) a2 = add_action (store, p1, "Dépollution");
  g_autoptr(CarnetRecord) a3 = add_action (store, p3, "Étude");
  g_autoptr(CarnetRecord) f1 = add_child (store, CARNET_TYPE_FUNDING_LINE, a1, "funder", "EPF");
  g_autoptr(CarnetRecord) f2 = add_child (store, CARNET_TYPE_FUNDING_LINE, p2, "funder", "ARS");
  g_autoptr(CarnetRecord) j1 = add_child (store, CARNET_TYPE_JOURNAL_ENTRY, a1, "text", "Visite");
  g_autoptr(CarnetRecord) s1 = add_child (store, CARNET_TYPE_STEP, a2, "name", "Diagnostic");
  g_autoptr(CarnetRecord) walk = add_walk (store, commune, "Arpentage");
  g_autoptr(CarnetRecord) o1 = add_observation (store, walk, "Vitrines vides");
  g_autoptr(CarnetRecord) o2 = add_observation (store, walk, "Trottoirs étroits");
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  g_autoptr(GError) error = NULL;
  g_autofree char *p3_deleted = NULL;
  CarnetRecord *cascade[] = { p1, p2, a1, a2, f1, f2, j1, s1, walk, o1, o2 };
  const char *stamp;

  /* A project deleted on its own before. */
  g_assert_true (carnet_store_delete (store, p3, &error));
  g_assert_no_error (error);
  p3_deleted = g_strdup (carnet_record_get_deleted_at (p3));
  g_assert_cmpstr (carnet_record_get_deleted_at (a3), ==, p3_deleted);
  g_usleep (2000);

  g_signal_connect (store, "records-changed", G_CALLBACK (on_records_changed), types);
  g_assert_true (carnet_store_delete (store, commune, &error));
  g_assert_no_error (error);
  stamp = carnet_record_get_deleted_at (commune);
  assert_timestamp (stamp);

  for (guint i = 0; i < G_N_ELEMENTS (cascade); i++)
    {
      CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (cascade[i]);
      g_autofree char *in_db = sql_text (store, "SELECT deleted_at FROM %s WHERE uuid = '%s'",
                                         klass->table, carnet_record_get_uuid (cascade[i]));

      g_assert_cmpstr (in_db, ==, stamp);
      /* The objects in memory follow. */
      g_assert_cmpstr (carnet_record_get_deleted_at (cascade[i]), ==, stamp);
    }
  g_assert_cmpstr (carnet_record_get_deleted_at (p3), ==, p3_deleted);
  g_assert_cmpstr (carnet_record_get_deleted_at (a3), ==, p3_deleted);
  g_assert_null (carnet_record_get_deleted_at (q));
  g_assert_null (carnet_record_get_deleted_at (neighbour));

  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 1);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, "commune-uuid",
                                        carnet_record_get_uuid (commune)), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_FUNDING_LINE, NULL, NULL), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_JOURNAL_ENTRY, NULL, NULL), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_STEP, NULL, NULL), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_WALK, NULL, NULL), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_OBSERVATION, NULL, NULL), ==, 0);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_THEME, NULL, NULL), ==, 9);

  /* Lists of every touched type were told. */
  g_assert_true (types_contain (types, CARNET_TYPE_COMMUNE));
  g_assert_true (types_contain (types, CARNET_TYPE_PROJECT));
  g_assert_true (types_contain (types, CARNET_TYPE_ACTION));
  g_assert_true (types_contain (types, CARNET_TYPE_FUNDING_LINE));
  g_assert_true (types_contain (types, CARNET_TYPE_JOURNAL_ENTRY));
  g_assert_true (types_contain (types, CARNET_TYPE_STEP));
  g_assert_true (types_contain (types, CARNET_TYPE_WALK));
  g_assert_true (types_contain (types, CARNET_TYPE_OBSERVATION));
  g_assert_false (types_contain (types, CARNET_TYPE_THEME));

  /* Undelete brings back exactly what went with the commune. */
  g_assert_true (carnet_store_undelete (store, commune, &error));
  g_assert_no_error (error);
  g_assert_null (carnet_record_get_deleted_at (commune));
  for (guint i = 0; i < G_N_ELEMENTS (cascade); i++)
    {
      CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (cascade[i]);

      g_assert_cmpint (sql_int (store, "SELECT deleted_at IS NULL FROM %s WHERE uuid = '%s'",
                                klass->table, carnet_record_get_uuid (cascade[i])), ==, 1);
      g_assert_null (carnet_record_get_deleted_at (cascade[i]));
    }
  g_assert_cmpstr (carnet_record_get_deleted_at (p3), ==, p3_deleted);
  g_assert_cmpstr (carnet_record_get_deleted_at (a3), ==, p3_deleted);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 3);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL), ==, 2);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_OBSERVATION, NULL, NULL), ==, 2);

  /* And the project deleted on its own comes back with its own action. */
  g_assert_true (carnet_store_undelete (store, p3, &error));
  g_assert_no_error (error);
  g_assert_null (carnet_record_get_deleted_at (a3));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL), ==, 3);

  g_signal_handlers_disconnect_by_func (store, on_records_changed, types);
}

/* A record deleted on its own after its parent was deleted and restored keeps its own
 * stamp: undeleting the parent again does not bring it back. */
static void
test_delete_undo_twice (Fixture       *fixture,
                        gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) kept = add_action (store, project, "Acquisition");
  g_autoptr(CarnetRecord) dropped = add_action (store, project, "Dépollution");

  g_assert_true (carnet_store_delete (store, project, NULL));
  g_assert_true (carnet_store_undelete (store, project, NULL));
  g_assert_true (carnet_store_delete (store, dropped, NULL));
  g_usleep (2000);
  g_assert_true (carnet_store_delete (store, project, NULL));
  g_assert_true (carnet_store_undelete (store, project, NULL));
  g_assert_null (carnet_record_get_deleted_at (kept));
  g_assert_nonnull (carnet_record_get_deleted_at (dropped));
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL), ==, 1);
}

static void
test_delete_required_theme (Fixture       *fixture,
                            gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) sante = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "sante");
  g_autoptr(CarnetRecord) numerique = carnet_store_find (store, CARNET_TYPE_THEME, "slug",
                                                         "numerique");
  g_autoptr(GListModel) themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_database (store);
  g_autofree char *after = NULL;
  const char *required[] = { "sante", "mobilites", "commerce", "habitat" };

  g_assert_false (carnet_store_delete (store, sante, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Santé et accès aux soins"));
  g_clear_error (&error);
  for (guint i = 1; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(CarnetRecord) theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug",
                                                         required[i]);

      g_assert_false (carnet_store_delete (store, theme, &error));
      g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (carnet_record_get_deleted_at (sante));
  after = dump_database (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_THEME, NULL, NULL), ==, 9);

  g_assert_true (carnet_store_delete (store, numerique, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_THEME, NULL, NULL), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 8);
  g_assert_true (carnet_store_undelete (store, numerique, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 9);
}

static void
test_commune_insee_unique (Fixture       *fixture,
                           gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) first = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) second = NULL;
  g_autoptr(CarnetRecord) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_database (store);
  g_autofree char *after = NULL;

  second = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_false (carnet_store_insert (store, second, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Bayeux"));
  g_assert_nonnull (strstr (error->message, "14047"));
  g_assert_null (strstr (error->message, "UNIQUE"));
  g_clear_error (&error);
  g_assert_cmpint (carnet_record_get_id (second), ==, 0);
  after = dump_database (store);
  g_assert_cmpstr (after, ==, before);

  /* Once the first is deleted, the commune can be added again. */
  g_assert_true (carnet_store_delete (store, first, &error));
  g_assert_no_error (error);
  g_assert_true (carnet_store_insert (store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);

  /* But the first cannot come back beside it. */
  g_clear_pointer (&before, g_free);
  before = dump_database (store);
  g_assert_false (carnet_store_undelete (store, first, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_nonnull (carnet_record_get_deleted_at (first));
  g_clear_pointer (&after, g_free);
  after = dump_database (store);
  g_assert_cmpstr (after, ==, before);

  third = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_false (carnet_store_insert (store, third, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
}

/* Tests: lists and signals */

static void
test_list_items_changed (Fixture       *fixture,
                         gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) other_project = add_project (store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) alpha = add_action (store, project, "Alpha");
  g_autoptr(CarnetRecord) charlie = add_action (store, project, "Charlie");
  g_autoptr(CarnetRecord) bravo = NULL;
  g_autoptr(CarnetRecord) elsewhere = NULL;
  g_autoptr(CarnetRecord) item = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) themes = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) theme_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;

  list = carnet_store_list (store, CARNET_TYPE_ACTION, "project-uuid",
                            carnet_record_get_uuid (project));
  g_assert_true (CARNET_IS_RECORD_LIST (list));
  g_assert_true (g_list_model_get_item_type (list) == CARNET_TYPE_ACTION);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
  themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  g_signal_connect (themes, "items-changed", G_CALLBACK (on_items_changed), theme_changes);

  /* Inserted in the middle: [Alpha, Bravo, Charlie] */
  bravo = add_action (store, project, "Bravo");
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  item = g_list_model_get_item (list, 1);
  g_assert_true (item == bravo);
  g_clear_object (&item);

  /* Elsewhere, or another type: nothing changes here. */
  elsewhere = add_action (store, other_project, "Ailleurs");
  g_assert_cmpuint (changes->len, ==, 1);

  /* Deleted at the start: [Bravo, Charlie] */
  g_assert_true (carnet_store_delete (store, alpha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 1, 0, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* A change that does not move a row: nothing. */
  g_assert_true (update_string (store, bravo, "description", "Sans effet sur l'ordre", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);

  /* Renamed to the top: [Aaa (Charlie), Bravo] */
  g_assert_true (update_string (store, charlie, "title", "Aaa", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 2, 0, 2, 2);
  item = g_list_model_get_item (list, 0);
  g_assert_true (item == charlie);
  g_clear_object (&item);

  /* Restored in the middle: [Aaa, Alpha, Bravo] */
  g_assert_true (carnet_store_undelete (store, alpha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 3, 1, 0, 1);
  item = g_list_model_get_item (list, 1);
  g_assert_true (item == alpha);
  g_clear_object (&item);

  /* Deleted at the end: [Aaa, Alpha] */
  g_assert_true (carnet_store_delete (store, bravo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 5);
  assert_change (changes, 4, 2, 1, 0);

  /* The parent's deletion empties the list. */
  g_assert_true (carnet_store_delete (store, project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 6);
  assert_change (changes, 5, 0, 2, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  g_assert_cmpuint (theme_changes->len, ==, 0);
}

/* In a list grouped by theme, moving the only action to another theme changes no row but
 * its section: the views must be told. */
static void
test_list_sections_follow (Fixture       *fixture,
                           gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) action = add_action (store, project, "Maison de santé");
  g_autoptr(CarnetRecord) sante = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "sante");
  g_autoptr(CarnetRecord) habitat = carnet_store_find (store, CARNET_TYPE_THEME, "slug", "habitat");
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_ACTION);
  g_autoptr(CarnetRecordList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_assert_true (update_string (store, action, "theme-uuid", carnet_record_get_uuid (sante), NULL));
  carnet_query_set_project (query, carnet_record_get_uuid (project));
  carnet_query_set_group (query, CARNET_GROUP_THEME);
  list = carnet_store_query (store, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (carnet_record_list_has_sections (list));
  g_assert_cmpstr (carnet_record_list_get_section_key (list, 0), ==,
                   carnet_record_get_uuid (sante));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);

  g_assert_true (update_string (store, action, "theme-uuid", carnet_record_get_uuid (habitat),
                                NULL));
  g_assert_cmpstr (carnet_record_list_get_section_key (list, 0), ==,
                   carnet_record_get_uuid (habitat));
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 1, 1);

  /* A change that leaves rows and sections as they were says nothing. */
  g_assert_true (update_string (store, action, "lead", "Service urbanisme", NULL));
  g_assert_cmpuint (changes->len, ==, 1);
}

static void
test_records_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(CarnetRecord) project = NULL;

  g_signal_connect (store, "records-changed", G_CALLBACK (on_records_changed), types);
  commune = add_commune (store, "14047", "Bayeux");
  g_assert_cmpuint (types->len, ==, 1);
  g_assert_true (g_array_index (types, GType, 0) == CARNET_TYPE_COMMUNE);

  project = add_project (store, commune, "Cœur de ville");
  g_assert_cmpuint (types->len, ==, 2);
  g_assert_true (g_array_index (types, GType, 1) == CARNET_TYPE_PROJECT);

  g_assert_true (update_string (store, project, "status", "bloque", NULL));
  g_assert_true (types_contain (types, CARNET_TYPE_STATUS_CHANGE));
  g_assert_true (g_array_index (types, GType, types->len - 1) == CARNET_TYPE_PROJECT);

  g_array_set_size (types, 0);
  g_assert_false (update_string (store, project, "status", "nope", NULL));
  g_assert_cmpuint (types->len, ==, 0);

  g_signal_handlers_disconnect_by_func (store, on_records_changed, types);
}

/* Tests: handlers that call back into the store */

static void
on_deleted_load_all (CarnetRecord *record,
                     GParamSpec   *pspec,
                     GListModel   *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_object_unref (g_list_model_get_item (list, i));
}

/* A view that loads rows when a record is notified (as a list widget does) must not make
 * the store read the record being refreshed from a statement it has moved on. */
static void
test_reentrant_load (Fixture       *fixture,
                     gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (store, commune, "Cœur de ville");
  g_autoptr(CarnetRecord) other = add_project (store, commune, "Friche Badin");
  g_autoptr(GListModel) list = carnet_store_list (store, CARNET_TYPE_PROJECT, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *commune_uuid = g_strdup (carnet_record_get_uuid (commune));

  g_assert_true (update_string (store, project, "description", "Halles et marché", &error));
  g_assert_no_error (error);
  g_signal_connect (project, "notify::deleted-at", G_CALLBACK (on_deleted_load_all), list);

  g_assert_true (carnet_store_delete (store, project, &error));
  g_assert_no_error (error);
  g_assert_nonnull (carnet_record_get_deleted_at (project));
  g_assert_cmpstr (carnet_record_get_title (project), ==, "Cœur de ville");
  g_assert_cmpstr (carnet_record_get_string (project, "description"), ==, "Halles et marché");
  g_assert_cmpstr (carnet_record_get_string (project, "commune-uuid"), ==, commune_uuid);
  g_assert_cmpstr (carnet_record_get_title (other), ==, "Friche Badin");
  g_signal_handlers_disconnect_by_func (project, on_deleted_load_all, list);
}

static void
on_deleted_drop (CarnetRecord  *record,
                 GParamSpec    *pspec,
                 CarnetRecord **slot)
{
  g_clear_object (slot);
}

/* A handler may drop the last reference to another record the store is refreshing. */
static void
test_reentrant_drop (Fixture       *fixture,
                     gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetRecord) commune = add_commune (store, "14047", "Bayeux");
  CarnetRecord *projects[2];
  g_autoptr(GError) error = NULL;

  projects[0] = add_project (store, commune, "Cœur de ville");
  projects[1] = add_project (store, commune, "Friche Badin");
  g_signal_connect (projects[0], "notify::deleted-at", G_CALLBACK (on_deleted_drop), &projects[1]);
  g_signal_connect (projects[1], "notify::deleted-at", G_CALLBACK (on_deleted_drop), &projects[0]);

  g_assert_true (carnet_store_delete (store, commune, &error));
  g_assert_no_error (error);
  g_assert_null (projects[0]);
  g_assert_null (projects[1]);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 0);
}

/* Tests: persistence, transactions */

static void
test_persist (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CarnetRecord) commune = add_commune (fixture->store, "14047", "Bayeux");
  g_autoptr(CarnetRecord) project = add_project (fixture->store, commune, "Friche Badin");
  g_autoptr(CarnetRecord) action = add_action (fixture->store, project, "Acquisition");
  g_autoptr(CarnetRecord) walk = add_walk (fixture->store, commune, "Arpentage");
  g_autoptr(CarnetRecord) observation = add_observation (fixture->store, walk, "Vitrines vides");
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  CarnetRecord *records[] = { commune, project, action, walk, observation };
  GType types[G_N_ELEMENTS (records)];
  char *uuids[G_N_ELEMENTS (records)];

  g_assert_true (carnet_store_update_text (fixture->store, action, "cost-ht", "1 234,50", NULL));
  g_assert_true (carnet_store_update_text (fixture->store, action, "end-planned", "12/03/2026",
                                           NULL));
  g_assert_true (carnet_store_update_text (fixture->store, action, "in-ort", "oui", NULL));
  g_assert_true (carnet_store_update_text (fixture->store, action, "status", "bloque", NULL));
  g_assert_true (carnet_store_update_text (fixture->store, observation, "latitude", "49.2764",
                                           NULL));
  g_assert_true (carnet_store_update_text (fixture->store, commune, "notes", "Sous-préfecture",
                                           NULL));

  /* Every field, as text, of every record. */
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (records[i]);

      types[i] = G_OBJECT_TYPE (records[i]);
      uuids[i] = g_strdup (carnet_record_get_uuid (records[i]));
      g_ptr_array_add (saved, g_strdup (carnet_record_get_created_at (records[i])));
      g_ptr_array_add (saved, g_strdup (carnet_record_get_updated_at (records[i])));
      for (guint f = 0; f < klass->n_fields; f++)
        {
          const GValue *value = carnet_record_get_value (records[i], klass->fields[f].name);

          g_ptr_array_add (saved, carnet_field_format (&klass->fields[f], value));
        }
    }

  g_clear_object (&commune);
  g_clear_object (&project);
  g_clear_object (&action);
  g_clear_object (&walk);
  g_clear_object (&observation);
  close_store (fixture);

  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);

  {
    guint n = 0;

    for (guint i = 0; i < G_N_ELEMENTS (records); i++)
      {
        g_autoptr(CarnetRecord) record = carnet_store_get (fixture->store, types[i], uuids[i],
                                                           &error);
        CarnetRecordClass *klass;

        g_assert_no_error (error);
        g_assert_nonnull (record);
        klass = CARNET_RECORD_GET_CLASS (record);
        g_assert_cmpstr (carnet_record_get_created_at (record), ==, saved->pdata[n++]);
        g_assert_cmpstr (carnet_record_get_updated_at (record), ==, saved->pdata[n++]);
        for (guint f = 0; f < klass->n_fields; f++)
          {
            g_autofree char *text =
              carnet_field_format (&klass->fields[f],
                                   carnet_record_get_value (record, klass->fields[f].name));

            if (g_strcmp0 (text, saved->pdata[n]) != 0)
              g_error ("%s.%s: “%s” became “%s”", klass->kind, klass->fields[f].name,
                       (char *)saved->pdata[n], text);
            n++;
          }
        g_free (uuids[i]);
      }
  }
  g_assert_cmpint (sql_int (fixture->store, "SELECT count(*) FROM status_changes"), ==, 1);
  g_assert_cmpuint (search_count (fixture->store, CARNET_TYPE_OBSERVATION, "vitrines"), ==, 1);
}

/* Store calls inside a larger transaction (an import): when one fails, none is saved. */
static void
test_outer_transaction (Fixture       *fixture,
                        gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  CarnetDb *db = carnet_store_get_db (store);
  g_autoptr(CarnetRecord) kept = NULL;
  g_autoptr(CarnetRecord) orphan = NULL;
  g_autoptr(CarnetRecord) after = NULL;
  g_autoptr(CarnetRecord) later = NULL;
  g_autoptr(CarnetRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *random_uuid = g_uuid_string_random ();
  g_autofree char *before = dump_database (store);
  g_autofree char *dump = NULL;

  g_assert_true (carnet_db_begin (db, NULL));
  kept = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_true (carnet_store_insert (store, kept, &error));
  g_assert_no_error (error);
  /* A refusal by SQLite itself (here the same INSEE code twice) rolls the whole
   * transaction back; checks made before writing (a missing parent) do not. */
  orphan = g_object_new (CARNET_TYPE_PROJECT, "commune-uuid", random_uuid, "title", "Orphelin",
                         NULL);
  g_assert_false (carnet_store_insert (store, orphan, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_object (&orphan);
  orphan = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_false (carnet_store_insert (store, orphan, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* The import goes on (it should not, but must not corrupt anything if it does). */
  after = g_object_new (CARNET_TYPE_COMMUNE, "insee", "50502", "name", "Saint-Lô", NULL);
  g_assert_false (carnet_store_insert (store, after, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (carnet_db_commit (db, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED);
  g_clear_error (&error);

  dump = dump_database (store);
  g_assert_cmpstr (dump, ==, before);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 0);

  /* Afterwards the store works as usual, and keeps one object per row. */
  later = add_commune (store, "14066", "Le Molay-Littry");
  g_clear_object (&kept);
  got = carnet_store_get (store, CARNET_TYPE_COMMUNE, carnet_record_get_uuid (later), &error);
  g_assert_no_error (error);
  g_assert_true (got == later);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);
}

static void
test_add_commune (Fixture       *fixture,
                  gconstpointer  data)
{
  CarnetStore *store = fixture->store;
  g_autoptr(CarnetCommune) bayeux = NULL;
  g_autoptr(CarnetCommune) again = NULL;
  g_autoptr(CarnetCommune) nowhere = NULL;
  g_autoptr(CarnetCommune) ajaccio = NULL;
  g_autoptr(GError) error = NULL;
  CarnetRecord *record;

  bayeux = carnet_store_add_commune (store, "14047", &error);
  g_assert_no_error (error);
  g_assert_nonnull (bayeux);
  record = CARNET_RECORD (bayeux);
  g_assert_cmpstr (carnet_record_get_string (record, "insee"), ==, "14047");
  g_assert_cmpstr (carnet_record_get_string (record, "name"), ==, "Bayeux");
  g_assert_cmpstr (carnet_record_get_string (record, "departement"), ==, "14");
  g_assert_cmpstr (carnet_record_get_string (record, "region"), ==, "Normandie");
  g_assert_cmpint (carnet_record_get_int (record, "population"), >, 10000);
  g_assert_cmpuint (strlen (carnet_record_get_string (record, "epci-siren")), ==, 9);
  assert_uuid (carnet_record_get_uuid (record));
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM communes WHERE insee = '14047'"
                            " AND name = 'Bayeux'"), ==, 1);

  again = carnet_store_add_commune (store, "14047", &error);
  g_assert_null (again);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Bayeux"));
  g_clear_error (&error);

  nowhere = carnet_store_add_commune (store, "00000", &error);
  g_assert_null (nowhere);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ajaccio = carnet_store_add_commune (store, "2A004", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (ajaccio), "name"), ==, "Ajaccio");
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (ajaccio), "departement"), ==, "2A");
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 2);
}

/* Tests: fields */

static void
test_record_fields (void)
{
  g_autoptr(CarnetRecord) action = g_object_new (CARNET_TYPE_ACTION, NULL);
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (action);
  const CarnetField *by_name = carnet_record_class_find_field (klass, "end-planned");
  const CarnetField *by_column = carnet_record_class_find_field (klass, "end_planned");
  g_autoptr(GString) log = g_string_new (NULL);
  guint n_types;

  carnet_record_types (&n_types);
  g_assert_cmpuint (n_types, ==, 15);
  g_assert_nonnull (by_name);
  g_assert_true (by_name == by_column);
  g_assert_cmpint (by_name->type, ==, CARNET_FIELD_DATE);
  g_assert_null (carnet_record_class_find_field (klass, "nothing"));
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (action), "end-planned"));
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (action), "title"));
  g_assert_true (carnet_record_type_from_kind ("action") == CARNET_TYPE_ACTION);
  g_assert_true (carnet_record_type_from_kind ("funding-line") == CARNET_TYPE_FUNDING_LINE);
  g_assert_true (carnet_record_type_from_kind ("nothing") == G_TYPE_INVALID);
  g_assert_true (carnet_status_is_closed ("termine"));
  g_assert_true (carnet_status_is_closed ("abandonne"));
  g_assert_false (carnet_status_is_closed ("en_retard"));
  g_assert_false (carnet_status_is_closed (NULL));

  /* Setting a property notifies it, and the title with the title field, and only when the
   * value changes. */
  g_signal_connect (action, "notify", G_CALLBACK (on_notify), log);
  carnet_record_set_string (action, "title", "Étude");
  g_assert_cmpstr (log->str, ==, "title;");
  g_string_truncate (log, 0);
  carnet_record_set_string (action, "title", "Étude");
  g_assert_cmpstr (log->str, ==, "");
  carnet_record_set_int (action, "progress", 10);
  g_assert_cmpstr (log->str, ==, "progress;");
  g_assert_cmpstr (carnet_record_get_title (action), ==, "Étude");

  /* A commune's title is its name. */
  {
    g_autoptr(CarnetRecord) commune = g_object_new (CARNET_TYPE_COMMUNE, NULL);
    g_autofree char *title = NULL;

    g_string_truncate (log, 0);
    g_signal_connect (commune, "notify", G_CALLBACK (on_notify), log);
    carnet_record_set_string (commune, "name", "Bayeux");
    g_assert_true (g_str_equal (log->str, "name;title;") || g_str_equal (log->str, "title;name;"));
    g_object_get (commune, "title", &title, NULL);
    g_assert_cmpstr (title, ==, "Bayeux");
  }
}

static void
test_record_parse_format (void)
{
  g_autoptr(CarnetRecord) action = g_object_new (CARNET_TYPE_ACTION, NULL);
  g_autoptr(CarnetRecord) observation = g_object_new (CARNET_TYPE_OBSERVATION, NULL);
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (action);
  CarnetRecordClass *oklass = CARNET_RECORD_GET_CLASS (observation);
  struct
  {
    CarnetRecordClass *klass;
    const char        *field;
    const char        *text;
    const char        *formatted;
  } good[] = {
    { klass, "title", "Étude", "Étude" },
    { klass, "end-planned", "12/03/2026", "12 March 2026" },
    { klass, "end-planned", "", "" },
    { klass, "cost-ht", "1 234,50", "1\u202f234,50\u00a0€" },
    { klass, "cost-ht", "", "0,00\u00a0€" },
    { klass, "progress", "42", "42" },
    { klass, "in-ort", "oui", "yes" },
    { klass, "in-ort", "X", "yes" },
    { klass, "in-ort", "", "no" },
    { klass, "in-ort", " NON ", "no" },
    { klass, "status", "en_retard", "Late" },
    { klass, "status", "En retard", "Late" },
    { klass, "status", "Blocked", "Blocked" },
    { klass, "status", "abandonné", "Abandoned" },
    { klass, "phase", "Étude", "Study" },
    { klass, "maturity", "validée", "Approved by the committee" },
    { oklass, "latitude", "49,2764", "49.276400" },
    { oklass, "latitude", "-12.5", "-12.500000" },
    { oklass, "latitude", "", "" },
    { oklass, "kind", "Irritant", "Irritant" },
  };
  struct
  {
    CarnetRecordClass *klass;
    const char        *field;
    const char        *text;
  } bad[] = {
    { klass, "title", "" },
    { klass, "end-planned", "31/02/2026" },
    { klass, "cost-ht", "-1" },
    { klass, "progress", "101" },
    { klass, "progress", "" },
    { klass, "in-ort", "peut-être" },
    { klass, "status", "fini" },
    { klass, "status", "" },
    { klass, "project-uuid", "" },
    { klass, "project-uuid", "pas un uuid" },
    { klass, "title", "\xff" },
    { oklass, "latitude", "91" },
    { oklass, "latitude", "nord" },
    { oklass, "latitude", "inf" },
    { oklass, "taken-at", "" },
    { oklass, "taken-at", "hier" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      const CarnetField *field = carnet_record_class_find_field (good[i].klass, good[i].field);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      if (!carnet_field_parse (field, good[i].text, &value, &error))
        g_error ("%s = “%s” was refused: %s", good[i].field, good[i].text, error->message);
      text = carnet_field_format (field, &value);
      g_assert_cmpstr (text, ==, good[i].formatted);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const CarnetField *field = carnet_record_class_find_field (bad[i].klass, bad[i].field);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GError) error = NULL;

      if (carnet_field_parse (field, bad[i].text, &value, &error))
        g_error ("%s = “%s” was accepted", bad[i].field, bad[i].text);
      g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* A fresh record is not valid until its required fields are set. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (carnet_record_validate (action, &error));
    g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/schema/tables", test_schema_tables);
  ADD ("/store/schema/themes", test_schema_themes);
  ADD ("/store/commune/crud", test_commune_crud);
  ADD ("/store/commune/insee-unique", test_commune_insee_unique);
  ADD ("/store/project/crud", test_project_crud);
  ADD ("/store/action/update", test_action_update);
  ADD ("/store/action/status-history", test_action_status_history);
  ADD ("/store/funding-line/crud", test_funding_line_crud);
  ADD ("/store/journal-entry/crud", test_journal_entry_crud);
  ADD ("/store/walk/crud", test_walk_observation_crud);
  ADD ("/store/step/crud", test_step_crud);
  ADD ("/store/validation/unchanged", test_validation_unchanged);
  ADD ("/store/uuid/unique", test_uuids_unique);
  ADD ("/store/timestamps", test_timestamps);
  ADD ("/store/identity-map", test_identity_map);
  ADD ("/store/search/follows-changes", test_search_follows_changes);
  ADD ("/store/search/input", test_search_input);
  ADD ("/store/delete/cascade", test_delete_cascade);
  ADD ("/store/delete/undo-twice", test_delete_undo_twice);
  ADD ("/store/delete/required-theme", test_delete_required_theme);
  ADD ("/store/list/items-changed", test_list_items_changed);
  ADD ("/store/list/sections-follow", test_list_sections_follow);
  ADD ("/store/records-changed", test_records_changed);
  ADD ("/store/reentrant/load", test_reentrant_load);
  ADD ("/store/reentrant/drop", test_reentrant_drop);
  ADD ("/store/persist", test_persist);
  ADD ("/store/outer-transaction", test_outer_transaction);
  g_test_add_func ("/record/fields", test_record_fields);
  g_test_add_func ("/record/parse-format", test_record_parse_format);
  ADD ("/store/add-commune", test_add_commune);

#undef ADD

  return g_test_run ();
}
