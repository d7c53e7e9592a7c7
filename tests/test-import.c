/* test-import.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "carnet-export-json.h"
#include "carnet-generate.h"
#include "carnet-import.h"
#include "carnet-json-reader.h"
#include "carnet-records.h"
#include "export-fixture.h"

/* The JSON import: a copy of what was exported, merges that keep the most recent copy and
 * carry deletions, regional aggregation, and refusals that leave the database as it was. */

/* A tiny scale of the national size: 3 communes, 50 projects, 250 actions… */
#define TINY_SCALE 0.002
#define NOW "2026-11-21T09:30:00.000000Z"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-import-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers */

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static CarnetStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = in_dir (fixture, name);
  g_autoptr(GError) error = NULL;
  CarnetStore *store = carnet_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static CarnetStore *
generated_at (Fixture    *fixture,
              const char *name,
              guint32     seed,
              double      scale)
{
  CarnetStore *store = open_store (fixture, name);
  g_autoptr(GError) error = NULL;
  CarnetGenerateSize size;

  carnet_generate_size_init (&size, scale);
  g_assert_true (carnet_generate (store, seed, &size, &error));
  g_assert_no_error (error);
  return store;
}

static CarnetStore *
generated (Fixture    *fixture,
           const char *name,
           guint32     seed)
{
  return generated_at (fixture, name, seed, TINY_SCALE);
}

/* The JSON export, stamped with a fixed time. */
static char *
export_text (CarnetStore *store)
{
  const CarnetExportOptions options = { NULL, NULL, NULL, NOW };
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_export_json (store, &options, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
export_file (Fixture     *fixture,
             CarnetStore *store,
             const char  *name)
{
  g_autofree char *text = export_text (store);
  char *path = in_dir (fixture, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static CarnetImportReport *
import_text (CarnetStore        *store,
             const char         *text,
             gssize              length,
             CarnetImportFlags   flags,
             GError            **error)
{
  g_autoptr(GInputStream) in = NULL;

  if (length < 0)
    length = strlen (text);
  in = g_memory_input_stream_new_from_data (text, length, NULL);
  return carnet_import_json_stream (store, in, "test.json", flags, NULL, error);
}

static CarnetImportReport *
import_paths (CarnetStore        *store,
              const char         *first,
              ...) G_GNUC_NULL_TERMINATED;

static CarnetImportReport *
import_paths (CarnetStore        *store,
              const char         *first,
              ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CarnetImportReport *report;
  CarnetImportFlags flags = CARNET_IMPORT_MERGE;
  va_list args;

  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (paths, (gpointer)p);
  va_end (args);
  g_ptr_array_add (paths, NULL);
  report = carnet_import_json (store, (const char * const *)paths->pdata, flags, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static char *
file_hash (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The first column of the first row. */
static char *
query (CarnetStore *store,
       const char  *sql)
{
  sqlite3 *db = carnet_db_get_handle (carnet_store_get_db (store));
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    out = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

static gint64
query_int (CarnetStore *store,
           const char  *sql)
{
  g_autofree char *text = query (store, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static CarnetRecord *
get (CarnetStore *store,
     GType        type,
     const char  *uuid)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *record = carnet_store_get (store, type, uuid, &error);

  g_assert_no_error (error);
  return record;
}

static void
set_text (CarnetStore  *store,
          CarnetRecord *record,
          const char   *field,
          const char   *text)
{
  g_autoptr(GError) error = NULL;

  /* Distinct time stamps, a microsecond apart at least. */
  g_usleep (2);
  g_assert_true (carnet_store_update_text (store, record, field, text, &error));
  g_assert_no_error (error);
}

static void
delete (CarnetStore  *store,
        CarnetRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_usleep (2);
  g_assert_true (carnet_store_delete (store, record, &error));
  g_assert_no_error (error);
}

static void
assert_counts (CarnetImportReport *report,
               guint               added,
               guint               updated,
               guint               deleted)
{
  g_assert_cmpuint (carnet_import_report_get_added (report), ==, added);
  g_assert_cmpuint (carnet_import_report_get_updated (report), ==, updated);
  g_assert_cmpuint (carnet_import_report_get_deleted (report), ==, deleted);
}

/* The conflict about @uuid, or -1. */
static int
find_conflict (CarnetImportReport *report,
               const char         *uuid)
{
  for (guint i = 0; i < carnet_import_report_get_n_conflicts (report); i++)
    if (g_strcmp0 (carnet_import_conflict_get_uuid (report, i), uuid) == 0)
      return i;
  return -1;
}

/* Two exports are the same; else the first line that differs is shown. */
static void
assert_same_text (const char *a,
                  const char *b)
{
  g_auto(GStrv) la = NULL;
  g_auto(GStrv) lb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return;
  la = g_strsplit (a, "\n", -1);
  lb = g_strsplit (b, "\n", -1);
  for (guint i = 0; la[i] != NULL && lb[i] != NULL; i++)
    if (g_strcmp0 (la[i], lb[i]) != 0)
      g_error ("Line %u differs:\n%s\n%s", i + 1, la[i], lb[i]);
  g_error ("The texts differ in length");
}

/* Round trips */

/* Exported, imported into an empty database, exported again: the same bytes. */
static void
assert_round_trip (Fixture     *fixture,
                   CarnetStore *source,
                   const char  *name)
{
  g_autofree char *first = export_text (source);
  g_autoptr(CarnetStore) copy = open_store (fixture, name);
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  report = import_text (copy, first, -1, CARNET_IMPORT_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (carnet_import_report_get_n_files (report), ==, 1);
  g_assert_cmpuint (carnet_import_report_get_n_conflicts (report), ==, 0);
  second = export_text (copy);
  assert_same_text (first, second);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* The full-text index follows. */
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM actions_fts"
                                    " WHERE actions_fts MATCH 'a*'"), ==,
                   query_int (source, "SELECT count(*) FROM actions_fts"
                                      " WHERE actions_fts MATCH 'a*'"));
  /* Written in one statement at the end: each index holds exactly its table's rows, and the
   * insert triggers are back, so that a row added afterwards is indexed too. */
  {
    static const char *indexed[] = { "projects", "actions", "observations", "walks",
                                     "journal_entries" };
    g_autofree char *project = query (copy, "SELECT uuid FROM projects WHERE deleted_at IS NULL"
                                            " LIMIT 1");
    g_autoptr(CarnetRecord) added = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (indexed); i++)
      {
        g_autofree char *check = g_strdup_printf ("INSERT INTO %s_fts (%s_fts, rank)"
                                                  " VALUES ('integrity-check', 1)",
                                                  indexed[i], indexed[i]);

        g_assert_true (carnet_db_exec (carnet_store_get_db (copy), check, &error));
        g_assert_no_error (error);
      }
    g_assert_cmpint (query_int (copy, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                      " AND name LIKE '%_fts_insert'"), ==, 5);
    added = g_object_new (CARNET_TYPE_ACTION, "title", "Kiosque zygomorphe", "project-uuid",
                          project, NULL);
    g_assert_true (carnet_store_insert (copy, added, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (copy, "SELECT count(*) FROM actions_fts"
                                      " WHERE actions_fts MATCH 'zygomorphe'"), ==, 1);
  }
}

/* Enough actions and observations for the full-text index to be written in bulk. */
static void
test_round_trip_bulk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CarnetStore) store = generated_at (fixture, "source.db", 12, 0.012);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM actions"), >=, 1000);
  assert_round_trip (fixture, store, "copy.db");
}

static void
test_round_trip_generated (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CarnetStore) store = generated (fixture, "source.db", 11);
  g_autofree char *project = query (store, "SELECT uuid FROM projects ORDER BY id"
                                           " LIMIT 1 OFFSET 3");
  g_autofree char *action = query (store, "SELECT uuid FROM actions ORDER BY id"
                                          " LIMIT 1 OFFSET 40");
  g_autofree char *walk = query (store, "SELECT uuid FROM walks ORDER BY id LIMIT 1");
  g_autoptr(CarnetRecord) p = get (store, CARNET_TYPE_PROJECT, project);
  g_autoptr(CarnetRecord) a = get (store, CARNET_TYPE_ACTION, action);
  g_autoptr(CarnetRecord) w = get (store, CARNET_TYPE_WALK, walk);

  /* Tombstones: a project with its actions, an action, a walk with its observations. */
  delete (store, p);
  delete (store, a);
  delete (store, w);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM actions WHERE deleted_at IS NOT NULL"),
                   >, 1);
  assert_round_trip (fixture, store, "copy.db");
}

static void
test_round_trip_fixture (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CarnetStore) store = open_store (fixture, "source.db");

  fixture_fill (store);
  assert_round_trip (fixture, store, "copy.db");
}

/* The committed database of schema version 1, with its attachments and tombstones. */
static void
test_round_trip_committed (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(CarnetStore) store = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("carnet-v1.db", suffixes[i], NULL);
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
      g_autofree char *to = in_dir (fixture, name);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (from, &contents, &length, NULL))
        {
          g_assert_cmpuint (i, >, 0);
          continue;
        }
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  store = open_store (fixture, "carnet-v1.db");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM attachments"), >, 0);
  assert_round_trip (fixture, store, "copy.db");
}

/* A plain import into a database with data is refused, and leaves it as it was. */
static void
test_not_empty (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CarnetStore) source = open_store (fixture, "source.db");
  g_autoptr(CarnetStore) target = open_store (fixture, "target.db");
  g_autofree char *text = NULL;
  g_autofree char *path = in_dir (fixture, "target.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) theme = NULL;

  fixture_fill (source);
  text = export_text (source);
  /* A renamed theme is data too. */
  theme = get (target, CARNET_TYPE_THEME, "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0005");
  set_text (target, theme, "name", "Numérique et inclusion");
  g_clear_object (&theme);
  g_clear_object (&target);
  before = file_hash (path);

  target = open_store (fixture, "target.db");
  report = import_text (target, text, -1, CARNET_IMPORT_NONE, &error);
  g_assert_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_NOT_EMPTY);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "--merge"));
  g_clear_object (&target);
  after = file_hash (path);
  assert_same_text (before, after);
}

/* Merges */

/* Two laptops that started from the same export, then changed things each on its own side. */
typedef struct
{
  CarnetStore *a;
  CarnetStore *b;
} Pair;

static void
pair_make (Fixture *fixture,
           Pair    *pair)
{
  g_autofree char *text = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  pair->a = generated (fixture, "a.db", 21);
  pair->b = open_store (fixture, "b.db");
  text = export_text (pair->a);
  report = import_text (pair->b, text, -1, CARNET_IMPORT_NONE, &error);
  g_assert_no_error (error);
}

static void
pair_clear (Pair *pair)
{
  g_clear_object (&pair->a);
  g_clear_object (&pair->b);
}

static CarnetImportReport *
merge (CarnetStore *from,
       CarnetStore *into,
       gboolean     dry_run)
{
  g_autofree char *text = export_text (from);
  g_autoptr(GError) error = NULL;
  CarnetImportReport *report;

  report = import_text (into, text, -1,
                        CARNET_IMPORT_MERGE | (dry_run ? CARNET_IMPORT_DRY_RUN : 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_merge_newest_wins (Fixture       *fixture,
                        gconstpointer  data)
{
  Pair pair;
  g_autofree char *x = NULL, *y = NULL, *z = NULL, *w = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(CarnetImportReport) again = NULL;
  g_autoptr(CarnetRecord) record = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  int i;

  pair_make (fixture, &pair);
  x = query (pair.a, "SELECT uuid FROM actions ORDER BY id LIMIT 1 OFFSET 1");
  y = query (pair.a, "SELECT uuid FROM actions ORDER BY id LIMIT 1 OFFSET 2");
  z = query (pair.a, "SELECT uuid FROM actions ORDER BY id LIMIT 1 OFFSET 3");
  w = query (pair.a, "SELECT uuid FROM funding_lines ORDER BY id LIMIT 1");

  /* x changed on A only; y on B only; z on A, then later on B; w on B, then later on A. */
  record = get (pair.a, CARNET_TYPE_ACTION, x);
  set_text (pair.a, record, "title", "Changé sur A");
  g_clear_object (&record);
  record = get (pair.b, CARNET_TYPE_ACTION, y);
  set_text (pair.b, record, "status", "termine");
  g_clear_object (&record);
  record = get (pair.a, CARNET_TYPE_ACTION, z);
  set_text (pair.a, record, "title", "z sur A");
  g_clear_object (&record);
  record = get (pair.b, CARNET_TYPE_ACTION, z);
  set_text (pair.b, record, "title", "z sur B, plus tard");
  g_clear_object (&record);
  record = get (pair.b, CARNET_TYPE_FUNDING_LINE, w);
  set_text (pair.b, record, "amount-granted", "1000");
  g_clear_object (&record);
  record = get (pair.a, CARNET_TYPE_FUNDING_LINE, w);
  set_text (pair.a, record, "scheme", "DETR 2027");
  g_clear_object (&record);

  report = merge (pair.a, pair.b, FALSE);
  assert_counts (report, 0, 2, 0);
  g_assert_cmpuint (carnet_import_report_get_unchanged (report), >, 500);

  /* x: only A changed it, and A's is more recent: taken, and a conflict on B's side. */
  record = get (pair.b, CARNET_TYPE_ACTION, x);
  g_assert_cmpstr (carnet_record_get_string (record, "title"), ==, "Changé sur A");
  g_clear_object (&record);
  i = find_conflict (report, x);
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (carnet_import_conflict_get_winner (report, i), ==, CARNET_IMPORT_TOOK_FILE);
  g_assert_cmpstr (carnet_import_conflict_get_table (report, i), ==, "actions");
  g_assert_cmpstr (carnet_import_conflict_get_file (report, i), ==, "test.json");
  g_assert_cmpstr (carnet_import_conflict_get_label (report, i), ==, "Changé sur A");
  g_assert_cmpstrv (carnet_import_conflict_get_fields (report, i),
                    ((const char *[]) { "title", NULL }));

  /* y: B's change is the most recent: kept. */
  record = get (pair.b, CARNET_TYPE_ACTION, y);
  g_assert_cmpstr (carnet_record_get_string (record, "status"), ==, "termine");
  g_clear_object (&record);
  i = find_conflict (report, y);
  g_assert_cmpint (carnet_import_conflict_get_winner (report, i), ==, CARNET_IMPORT_KEPT_LOCAL);
  g_assert_cmpstrv (carnet_import_conflict_get_fields (report, i),
                    ((const char *[]) { "status", NULL }));

  /* z: both changed it, B last. */
  record = get (pair.b, CARNET_TYPE_ACTION, z);
  g_assert_cmpstr (carnet_record_get_string (record, "title"), ==, "z sur B, plus tard");
  g_clear_object (&record);
  g_assert_cmpint (carnet_import_conflict_get_winner (report, find_conflict (report, z)), ==,
                   CARNET_IMPORT_KEPT_LOCAL);

  /* w: both changed it, A last: A's copy whole, B's amount lost. */
  record = get (pair.b, CARNET_TYPE_FUNDING_LINE, w);
  g_assert_cmpstr (carnet_record_get_string (record, "scheme"), ==, "DETR 2027");
  g_clear_object (&record);
  i = find_conflict (report, w);
  g_assert_cmpint (carnet_import_conflict_get_winner (report, i), ==, CARNET_IMPORT_TOOK_FILE);
  g_assert_cmpuint (g_strv_length ((GStrv)carnet_import_conflict_get_fields (report, i)), ==, 2);
  g_assert_cmpuint (carnet_import_report_get_n_conflicts (report), ==, 4);

  /* The same file again changes nothing. */
  before = export_text (pair.b);
  text = export_text (pair.a);
  again = import_text (pair.b, text, -1, CARNET_IMPORT_MERGE, NULL);
  g_assert_nonnull (again);
  assert_counts (again, 0, 0, 0);
  after = export_text (pair.b);
  assert_same_text (before, after);
  pair_clear (&pair);
}

/* The same time stamp on both sides: Carnet's copy is kept. */
static void
test_merge_tie (Fixture       *fixture,
                gconstpointer  data)
{
  Pair pair;
  g_autofree char *x = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(CarnetRecord) record = NULL;
  sqlite3 *a;

  pair_make (fixture, &pair);
  x = query (pair.a, "SELECT uuid FROM communes ORDER BY id LIMIT 1");
  a = carnet_db_get_handle (carnet_store_get_db (pair.a));
  sql = g_strdup_printf ("UPDATE communes SET notes = 'A',"
                         " updated_at = '2030-01-01T00:00:00.000000Z' WHERE uuid = '%s'", x);
  g_assert_cmpint (sqlite3_exec (a, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE communes SET notes = 'B',"
                         " updated_at = '2030-01-01T00:00:00.000000Z' WHERE uuid = '%s'", x);
  g_assert_cmpint (sqlite3_exec (carnet_db_get_handle (carnet_store_get_db (pair.b)), sql, NULL,
                                 NULL, NULL), ==, SQLITE_OK);

  report = merge (pair.a, pair.b, FALSE);
  assert_counts (report, 0, 0, 0);
  record = get (pair.b, CARNET_TYPE_COMMUNE, x);
  g_assert_cmpstr (carnet_record_get_string (record, "notes"), ==, "B");
  g_assert_cmpint (carnet_import_conflict_get_winner (report, find_conflict (report, x)), ==,
                   CARNET_IMPORT_KEPT_LOCAL);
  pair_clear (&pair);
}

static void
test_merge_deletions (Fixture       *fixture,
                      gconstpointer  data)
{
  Pair pair;
  g_autofree char *p = NULL, *q = NULL, *r = NULL, *n = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(CarnetImportReport) back = NULL;
  g_autoptr(CarnetImportReport) again = NULL;
  g_autoptr(CarnetRecord) record = NULL;
  g_autoptr(CarnetRecord) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  gint64 p_actions, q_actions;

  pair_make (fixture, &pair);
  /* Projects with actions. */
  p = query (pair.a, "SELECT project_uuid FROM actions GROUP BY project_uuid ORDER BY min(id)"
                     " LIMIT 1");
  q = query (pair.a, "SELECT project_uuid FROM actions GROUP BY project_uuid ORDER BY min(id)"
                     " LIMIT 1 OFFSET 1");
  r = query (pair.a, "SELECT project_uuid FROM actions GROUP BY project_uuid ORDER BY min(id)"
                     " LIMIT 1 OFFSET 2");
  sql = g_strdup_printf ("SELECT count(*) FROM actions WHERE project_uuid = '%s'", p);
  p_actions = query_int (pair.a, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM actions WHERE project_uuid = '%s'", q);
  q_actions = query_int (pair.a, sql);
  g_clear_pointer (&sql, g_free);

  /* p: B adds an action, then A deletes the project (later). */
  added = fixture_add (pair.b, CARNET_TYPE_ACTION, "project-uuid", p, "title", "Ajoutée sur B",
                       NULL);
  n = g_strdup (carnet_record_get_uuid (added));
  record = get (pair.a, CARNET_TYPE_PROJECT, p);
  delete (pair.a, record);
  g_clear_object (&record);
  /* q: A deletes it, then B changes it (later): the change wins, the project keeps its
   * actions. */
  record = get (pair.a, CARNET_TYPE_PROJECT, q);
  delete (pair.a, record);
  g_clear_object (&record);
  record = get (pair.b, CARNET_TYPE_PROJECT, q);
  set_text (pair.b, record, "lead", "Pilote de B");
  g_clear_object (&record);
  /* r: B deletes it, then A changes it (later): it comes back on B, with its actions. */
  record = get (pair.b, CARNET_TYPE_PROJECT, r);
  delete (pair.b, record);
  g_clear_object (&record);
  record = get (pair.a, CARNET_TYPE_PROJECT, r);
  set_text (pair.a, record, "lead", "Pilote de A");
  g_clear_object (&record);

  report = merge (pair.a, pair.b, FALSE);

  /* p and its actions deleted, B's new action with them, all with A's time of deletion. */
  record = get (pair.b, CARNET_TYPE_PROJECT, p);
  g_assert_nonnull (carnet_record_get_deleted_at (record));
  g_clear_object (&record);
  record = get (pair.b, CARNET_TYPE_ACTION, n);
  g_assert_nonnull (carnet_record_get_deleted_at (record));
  g_clear_object (&record);
  sql = g_strdup_printf ("SELECT count(*) FROM actions WHERE project_uuid = '%s'"
                         " AND deleted_at = (SELECT deleted_at FROM projects WHERE uuid = '%s')",
                         p, p);
  g_assert_cmpint (query_int (pair.b, sql), ==, p_actions + 1);
  g_clear_pointer (&sql, g_free);

  /* q live, and its actions. */
  record = get (pair.b, CARNET_TYPE_PROJECT, q);
  g_assert_null (carnet_record_get_deleted_at (record));
  g_assert_cmpstr (carnet_record_get_string (record, "lead"), ==, "Pilote de B");
  g_clear_object (&record);
  sql = g_strdup_printf ("SELECT count(*) FROM actions WHERE project_uuid = '%s'"
                         " AND deleted_at IS NULL", q);
  g_assert_cmpint (query_int (pair.b, sql), ==, q_actions);
  g_clear_pointer (&sql, g_free);

  /* r back, with its actions. */
  record = get (pair.b, CARNET_TYPE_PROJECT, r);
  g_assert_null (carnet_record_get_deleted_at (record));
  g_assert_cmpstr (carnet_record_get_string (record, "lead"), ==, "Pilote de A");
  g_clear_object (&record);
  sql = g_strdup_printf ("SELECT count(*) FROM actions WHERE project_uuid = '%s'"
                         " AND deleted_at IS NOT NULL", r);
  g_assert_cmpint (query_int (pair.b, sql), ==, 0);
  g_clear_pointer (&sql, g_free);

  g_assert_cmpuint (carnet_import_report_get_deleted (report), >=, p_actions + 2);
  g_assert_cmpuint (carnet_import_report_get_updated (report), >=, 1);
  g_assert_cmpint (query_int (pair.b, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Again: nothing changes. */
  before = export_text (pair.b);
  text = export_text (pair.a);
  again = import_text (pair.b, text, -1, CARNET_IMPORT_MERGE, &error);
  g_assert_no_error (error);
  assert_counts (again, 0, 0, 0);
  after = export_text (pair.b);
  assert_same_text (before, after);

  /* And the other way, B into A: the deletions go on, and the two agree. */
  back = merge (pair.b, pair.a, FALSE);
  g_assert_no_error (error);
  record = get (pair.a, CARNET_TYPE_ACTION, n);
  g_assert_nonnull (carnet_record_get_deleted_at (record));
  g_clear_object (&record);
  record = get (pair.a, CARNET_TYPE_PROJECT, q);
  g_assert_null (carnet_record_get_deleted_at (record));
  g_clear_object (&record);
  sql = g_strdup_printf ("SELECT count(*) FROM actions WHERE project_uuid = '%s'"
                         " AND deleted_at IS NULL", q);
  g_assert_cmpint (query_int (pair.a, sql), ==, q_actions);
  g_clear_pointer (&sql, g_free);
  {
    g_autofree char *from_a = export_text (pair.a);
    g_autofree char *from_b = export_text (pair.b);

    assert_same_text (from_a, from_b);
  }
  pair_clear (&pair);
}

/* A commune or a theme already in Carnet under another UUID is the same one. */
static void
test_merge_identity (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CarnetStore) a = open_store (fixture, "a.db");
  g_autoptr(CarnetStore) b = open_store (fixture, "b.db");
  g_autoptr(CarnetCommune) bayeux_a = NULL;
  g_autoptr(CarnetCommune) bayeux_b = NULL;
  g_autoptr(CarnetRecord) theme_a = NULL;
  g_autoptr(CarnetRecord) theme_b = NULL;
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) record = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *notes;
  g_autofree char *text = NULL;

  bayeux_a = carnet_store_add_commune (a, "14047", &error);
  g_assert_no_error (error);
  bayeux_b = carnet_store_add_commune (b, "14047", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_uuid (CARNET_RECORD (bayeux_a)), !=,
                   carnet_record_get_uuid (CARNET_RECORD (bayeux_b)));
  theme_a = fixture_add (a, CARNET_TYPE_THEME, "slug", "tourisme", "name", "Tourisme",
                         "color", "#ff7800", NULL);
  theme_b = fixture_add (b, CARNET_TYPE_THEME, "slug", "tourisme", "name", "Tourisme et loisirs",
                         "color", "#ff7800", NULL);
  project = fixture_add (a, CARNET_TYPE_PROJECT,
                         "commune-uuid", carnet_record_get_uuid (CARNET_RECORD (bayeux_a)),
                         "title", "Office de tourisme",
                         "theme-uuid", carnet_record_get_uuid (theme_a), NULL);

  text = export_text (a);
  report = import_text (b, text, -1, CARNET_IMPORT_MERGE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM communes"), ==, 1);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM themes WHERE slug = 'tourisme'"), ==, 1);
  record = get (b, CARNET_TYPE_PROJECT, carnet_record_get_uuid (project));
  g_assert_cmpstr (carnet_record_get_string (record, "commune-uuid"), ==,
                   carnet_record_get_uuid (CARNET_RECORD (bayeux_b)));
  g_assert_cmpstr (carnet_record_get_string (record, "theme-uuid"), ==,
                   carnet_record_get_uuid (theme_b));
  notes = carnet_import_report_get_notes (report);
  g_assert_cmpuint (g_strv_length ((GStrv)notes), ==, 2);
  g_assert_nonnull (strstr (notes[0], "Bayeux (14047)"));
  g_assert_nonnull (strstr (notes[1], "tourisme"));
  g_assert_cmpuint (carnet_import_report_get_communes_touched (report), ==, 1);
}

/* A coordinator gathers the exports of three chefs de projet at once, then again after each
 * side went on. */
static void
test_regional (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CarnetStore) one = generated (fixture, "one.db", 31);
  g_autoptr(CarnetStore) two = generated (fixture, "two.db", 32);
  g_autoptr(CarnetStore) three = generated (fixture, "three.db", 33);
  g_autoptr(CarnetStore) region = open_store (fixture, "region.db");
  g_autofree char *path_one = export_file (fixture, one, "one.json");
  g_autofree char *path_two = export_file (fixture, two, "two.json");
  g_autofree char *path_three = export_file (fixture, three, "three.json");
  g_autoptr(CarnetImportReport) first = NULL;
  g_autoptr(CarnetImportReport) dry = NULL;
  g_autoptr(CarnetImportReport) second = NULL;
  g_autoptr(CarnetRecord) record = NULL;
  g_autofree char *x = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 total = 0;
  int c;
  const char *tables[] = { "projects", "actions", "funding_lines", "walks", "observations" };

  first = import_paths (region, path_one, path_two, path_three, NULL);
  g_assert_cmpuint (carnet_import_report_get_n_files (first), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (query_int (region, sql), ==,
                       query_int (one, sql) + query_int (two, sql) + query_int (three, sql));
      total += query_int (region, sql);
    }
  g_assert_cmpuint (carnet_import_report_get_added (first), >=, total);
  g_assert_cmpuint (carnet_import_report_get_communes_touched (first), ==,
                    query_int (region, "SELECT count(*) FROM communes"));
  g_assert_cmpint (query_int (region, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Each side goes on: a change on the coordinator's side, later ones on the chefs'. */
  x = query (one, "SELECT uuid FROM actions ORDER BY id LIMIT 1");
  record = get (region, CARNET_TYPE_ACTION, x);
  set_text (region, record, "priority", "haute");
  g_clear_object (&record);
  record = get (one, CARNET_TYPE_ACTION, x);
  set_text (one, record, "progress", "80");
  g_clear_object (&record);
  {
    g_autofree char *y = query (two, "SELECT uuid FROM projects ORDER BY id LIMIT 1");

    record = get (two, CARNET_TYPE_PROJECT, y);
    delete (two, record);
    g_clear_object (&record);
  }
  g_free (path_one);
  g_free (path_two);
  path_one = export_file (fixture, one, "one.json");
  path_two = export_file (fixture, two, "two.json");

  /* A dry run tells and keeps nothing. */
  before = export_text (region);
  {
    const char *paths[] = { path_one, path_two, path_three, NULL };
    g_autoptr(GError) error = NULL;

    dry = carnet_import_json (region, paths, CARNET_IMPORT_MERGE | CARNET_IMPORT_DRY_RUN, NULL,
                              &error);
    g_assert_no_error (error);
  }
  g_assert_true (carnet_import_report_get_dry_run (dry));
  g_assert_cmpuint (carnet_import_report_get_deleted (dry), >, 1);
  after = export_text (region);
  assert_same_text (before, after);

  second = import_paths (region, path_one, path_two, path_three, NULL);
  g_assert_false (carnet_import_report_get_dry_run (second));
  g_assert_cmpuint (carnet_import_report_get_added (second), ==, 0);
  g_assert_cmpuint (carnet_import_report_get_updated (second), ==, 1);
  g_assert_cmpuint (carnet_import_report_get_deleted (second), ==,
                    carnet_import_report_get_deleted (dry));
  /* Every record that differs is told: x, and what the second file deleted. */
  g_assert_cmpuint (carnet_import_report_get_n_conflicts (second), ==,
                    1 + carnet_import_report_get_deleted (second));
  c = find_conflict (second, x);
  g_assert_cmpstr (carnet_import_conflict_get_file (second, c), ==, path_one);
  g_assert_cmpint (carnet_import_conflict_get_winner (second, c), ==, CARNET_IMPORT_TOOK_FILE);
  g_assert_true (g_strv_contains (carnet_import_conflict_get_fields (second, c), "progress"));
  for (guint j = 0; j < carnet_import_report_get_n_conflicts (second); j++)
    if ((int)j != c)
      {
        g_assert_cmpstr (carnet_import_conflict_get_file (second, j), ==, path_two);
        g_assert_cmpstrv (carnet_import_conflict_get_fields (second, j),
                          ((const char *[]) { "deleted_at", NULL }));
      }
  record = get (region, CARNET_TYPE_ACTION, x);
  g_assert_cmpint (carnet_record_get_int (record, "progress"), ==, 80);
  {
    g_autoptr(CarnetRecord) theirs = get (one, CARNET_TYPE_ACTION, x);

    g_assert_cmpstr (carnet_record_get_string (record, "priority"), ==,
                     carnet_record_get_string (theirs, "priority"));
  }
  g_clear_object (&record);
}

/* Refusals */

/* A small document: one commune, one project, one action, each on its own line (3, 5, 6). */
static const char base_document[] =
  "{\"format\": \"carnet\", \"version\": 1, \"schema_version\": 1, \"generator\": \"test\","
  " \"exported_at\": \"2026-11-21T09:30:00.000000Z\",\n"
  "\"records\": {\n"
  "\"communes\": [{\"uuid\": \"c0000000-0000-4000-8000-000000000001\", \"created_at\":"
  " \"2026-01-01T00:00:00.000000Z\", \"updated_at\": \"2026-01-01T00:00:00.000000Z\","
  " \"deleted_at\": null, \"insee\": \"14047\", \"name\": \"Bayeux\", \"departement\": \"14\","
  " \"departement_name\": \"Calvados\", \"region\": \"Normandie\", \"epci_siren\": \"\","
  " \"epci_name\": \"\", \"population\": 13000, \"pvd_date\": null, \"ort_date\": null,"
  " \"notes\": \"\"}],\n"
  "\"themes\": [],\n"
  "\"projects\": [{\"uuid\": \"d0000000-0000-4000-8000-000000000001\", \"created_at\":"
  " \"2026-01-01T00:00:00.000000Z\", \"updated_at\": \"2026-01-01T00:00:00.000000Z\","
  " \"deleted_at\": null, \"commune_uuid\": \"c0000000-0000-4000-8000-000000000001\","
  " \"number\": \"1\", \"title\": \"Centre ancien\", \"description\": \"\", \"objectives\": \"\","
  " \"expected_results\": \"\", \"theme_uuid\": \"5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003\","
  " \"other_themes\": \"\", \"phase\": \"idee\", \"status\": \"en_cours\", \"maturity\":"
  " \"en_reflexion\", \"priority\": \"moyenne\", \"owner\": \"\", \"lead\": \"\", \"referent\":"
  " \"\", \"partners\": \"\", \"start_planned\": null, \"end_planned\": null, \"start_actual\":"
  " null, \"end_actual\": null, \"cost_ht\": 0, \"cost_ttc\": 0, \"progress\": 0, \"in_ort\":"
  " false}],\n"
  "\"actions\": [{\"uuid\": \"e0000000-0000-4000-8000-000000000001\", \"created_at\":"
  " \"2026-01-01T00:00:00.000000Z\", \"updated_at\": \"2026-01-01T00:00:00.000000Z\","
  " \"deleted_at\": null, \"project_uuid\": \"d0000000-0000-4000-8000-000000000001\","
  " \"number\": \"1.1\", \"title\": \"Maison de santé\", \"description\": \"\", \"objectives\":"
  " \"\", \"expected_results\": \"\", \"theme_uuid\": null, \"other_themes\": \"\", \"phase\":"
  " \"etude\", \"status\": \"en_cours\", \"maturity\": \"mature\", \"priority\": \"haute\","
  " \"owner\": \"\", \"lead\": \"\", \"referent\": \"\", \"partners\": \"\", \"start_planned\":"
  " null, \"end_planned\": \"2027-06-30\", \"start_actual\": null, \"end_actual\": null,"
  " \"cost_ht\": 100000, \"cost_ttc\": 120000, \"progress\": 10, \"in_ort\": true}],\n"
  "\"funding_lines\": [], \"journal_entries\": [], \"steps\": [], \"status_changes\": [],"
  " \"indicators\": [], \"measurements\": [], \"meetings\": [], \"decisions\": [], \"walks\": [],"
  " \"observations\": [], \"attachments\": []\n"
  "}}\n";

static char *
document_with (const char *old,
               const char *new)
{
  GString *doc = g_string_new (base_document);

  if (old != NULL)
    g_assert_cmpuint (g_string_replace (doc, old, new, 1), ==, 1);
  return g_string_free (doc, FALSE);
}

typedef struct
{
  const char *name;
  const char *old;     /* replaced in the base document by new, or NULL for new whole */
  const char *new;
  int         code;
  const char *says[3]; /* in the message */
} Refusal;

static const Refusal refusals[] = {
  { "wrong type", "\"progress\": 10", "\"progress\": \"10\"", CARNET_IMPORT_ERROR_FORMAT,
    { "line 6", "records.actions[0].progress", "must be a whole number" } },
  { "not a day", "\"2027-06-30\"", "\"2027-02-30\"", CARNET_IMPORT_ERROR_FORMAT,
    { "line 6", "records.actions[0].end_planned (The due date)", "2027-02-30" } },
  { "unknown status", "\"status\": \"en_cours\", \"maturity\": \"mature\"",
    "\"status\": \"fini\", \"maturity\": \"mature\"", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].status", "fini", "possible: en_cours" } },
  { "out of range", "\"progress\": 10", "\"progress\": 250", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].progress", "from 0 to 100", "250" } },
  { "huge number", "\"cost_ht\": 100000", "\"cost_ht\": 99999999999999999999999",
    CARNET_IMPORT_ERROR_FORMAT, { "records.actions[0].cost_ht", NULL, NULL } },
  { "negative money", "\"cost_ht\": 100000", "\"cost_ht\": -1", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].cost_ht", NULL, NULL } },
  { "unknown member", "\"in_ort\": true", "\"in_ort\": true, \"due\": \"2027-01-01\"",
    CARNET_IMPORT_ERROR_FORMAT, { "records.actions[0]", "“due”", NULL } },
  { "missing member", ", \"in_ort\": true", "", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].in_ort", "missing", NULL } },
  { "member twice", "\"in_ort\": true", "\"in_ort\": true, \"in_ort\": false",
    CARNET_IMPORT_ERROR_FORMAT, { "records.actions[0].in_ort", "twice", NULL } },
  { "bad uuid", "\"e0000000-0000-4000-8000-000000000001\"",
    "\"E0000000-0000-4000-8000-000000000001\"", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].uuid", NULL, NULL } },
  { "bad time", "\"deleted_at\": null, \"project_uuid\"",
    "\"deleted_at\": \"2026-13-01T00:00:00Z\", \"project_uuid\"", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].deleted_at", NULL, NULL } },
  { "bad insee", "\"14047\"", "\"1404\"", CARNET_IMPORT_ERROR_FORMAT,
    { "line 3", "records.communes[0].insee", NULL } },
  { "empty title", "\"Maison de santé\"", "\"\"", CARNET_IMPORT_ERROR_FORMAT,
    { "records.actions[0].title", "empty", NULL } },
  { "object for a text", "\"Maison de santé\"", "{\"deep\": [[[[[[1]]]]]]}",
    CARNET_IMPORT_ERROR_FORMAT, { "records.actions[0].title", "an object", NULL } },
  { "link to nowhere", "\"project_uuid\": \"d0000000-0000-4000-8000-000000000001\"",
    "\"project_uuid\": \"d0000000-0000-4000-8000-000000000009\"", CARNET_IMPORT_ERROR_LINK,
    { "line 6", "records.actions[0].project_uuid", "d0000000-0000-4000-8000-000000000009" } },
  { "both parents", "\"funding_lines\": []",
    "\"funding_lines\": [{\"uuid\": \"f0000000-0000-4000-8000-000000000001\", \"created_at\":"
    " \"2026-01-01T00:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\", \"deleted_at\": null,"
    " \"project_uuid\": null, \"action_uuid\": null, \"funder\": \"ANCT\", \"scheme\": \"\","
    " \"nature\": \"subvention\", \"basis\": \"ht\", \"amount_requested\": 0, \"amount_granted\":"
    " 0, \"amount_paid\": 0, \"state\": \"envisage\", \"filed_on\": null, \"decided_on\": null,"
    " \"lapses_on\": null, \"reference\": \"\"}]",
    CARNET_IMPORT_ERROR_FORMAT, { "line 7", "records.funding_lines[0]", "exactly one" } },
  { "duplicate uuid", "\"actions\": [{\"uuid\": \"e0000000-0000-4000-8000-000000000001\"",
    "\"actions\": [{\"uuid\": \"e0000000-0000-4000-8000-000000000002\", \"created_at\":"
    " \"2026-01-01T00:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\", \"deleted_at\": null,"
    " \"project_uuid\": \"d0000000-0000-4000-8000-000000000001\", \"number\": \"\", \"title\":"
    " \"x\", \"description\": \"\", \"objectives\": \"\", \"expected_results\": \"\","
    " \"theme_uuid\": null, \"other_themes\": \"\", \"phase\": \"idee\", \"status\": \"en_cours\","
    " \"maturity\": \"mature\", \"priority\": \"haute\", \"owner\": \"\", \"lead\": \"\","
    " \"referent\": \"\", \"partners\": \"\", \"start_planned\": null, \"end_planned\": null,"
    " \"start_actual\": null, \"end_actual\": null, \"cost_ht\": 0, \"cost_ttc\": 0,"
    " \"progress\": 0, \"in_ort\": true},\n{\"uuid\": \"e0000000-0000-4000-8000-000000000002\"",
    CARNET_IMPORT_ERROR_DUPLICATE, { "line 7", "records.actions[1].uuid", NULL } },
  { "newer format", "\"version\": 1", "\"version\": 2", CARNET_IMPORT_ERROR_VERSION,
    { "line 1", "version", "update Carnet" } },
  { "newer schema", "\"schema_version\": 1", "\"schema_version\": 99",
    CARNET_IMPORT_ERROR_VERSION, { "schema_version", "99", NULL } },
  { "not carnet", "\"format\": \"carnet\"", "\"format\": \"other\"", CARNET_IMPORT_ERROR_FORMAT,
    { "format", NULL, NULL } },
  { "table missing", "\"attachments\": []", "\"attachment\": []", CARNET_IMPORT_ERROR_FORMAT,
    { "“attachment”", NULL, NULL } },
  { "truncated", NULL,
    "{\"format\": \"carnet\", \"version\": 1, \"records\": {\"communes\": [{\"uuid\"",
    CARNET_IMPORT_ERROR_SYNTAX, { "line 1", "cut short", NULL } },
  { "empty", NULL, "", CARNET_IMPORT_ERROR_SYNTAX, { "empty", NULL, NULL } },
  { "garbage after", "}}\n", "}} }", CARNET_IMPORT_ERROR_SYNTAX, { "line 8", NULL, NULL } },
  { "invalid UTF-8", "Bayeux", "Bay\xff\xfe" "eux", CARNET_IMPORT_ERROR_SYNTAX,
    { "line 3", "records.communes[0].name", "UTF-8" } },
  { "lone surrogate", "Bayeux", "Bay\\ud800eux", CARNET_IMPORT_ERROR_SYNTAX,
    { "line 3", "column", NULL } },
  { "escaped NUL", "Bayeux", "Bay\\u0000eux", CARNET_IMPORT_ERROR_SYNTAX, { "NUL", NULL, NULL } },
  { "binary", NULL, "SQLite format 3", CARNET_IMPORT_ERROR_SYNTAX,
    { "not a JSON file", NULL, NULL } },
  { "a list", NULL, "[1, 2, 3]", CARNET_IMPORT_ERROR_FORMAT,
    { "not a Carnet export", NULL, NULL } },
  { "deep", NULL, NULL, CARNET_IMPORT_ERROR_FORMAT, { "records", "a list", NULL } },
};

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CarnetStore) store = generated (fixture, "target.db", 41);
  g_autofree char *path = in_dir (fixture, "target.db");
  g_autofree char *before = NULL;

  g_clear_object (&store);
  before = file_hash (path);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autofree char *doc = NULL;
      g_autofree char *after = NULL;
      g_autoptr(CarnetImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (g_str_equal (r->name, "deep"))
        {
          g_autoptr(GString) deep = g_string_new ("{\"records\": ");

          /* The importer refuses the first list already; the reader alone is tested below. */
          for (guint j = 0; j < 100000; j++)
            g_string_append_c (deep, '[');
          doc = g_string_free (g_steal_pointer (&deep), FALSE);
        }
      else if (r->old == NULL)
        doc = g_strdup (r->new);
      else
        doc = document_with (r->old, r->new);
      length = strlen (doc);

      g_test_message ("%s", r->name);
      store = open_store (fixture, "target.db");
      report = import_text (store, doc, length, CARNET_IMPORT_MERGE, &error);
      g_assert_null (report);
      g_assert_nonnull (error);
      g_test_message ("  %s", error->message);
      g_assert_error (error, CARNET_IMPORT_ERROR, r->code);
      g_assert_nonnull (strstr (error->message, "test.json"));
      for (guint j = 0; j < G_N_ELEMENTS (r->says) && r->says[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, r->says[j]));
      g_clear_object (&store);
      after = file_hash (path);
      assert_same_text (before, after);
    }
}

/* The base document is valid: the refusals above are about what they change. */
static void
test_valid_document (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CarnetStore) store = open_store (fixture, "target.db");
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *text = NULL;

  report = import_text (store, base_document, -1, CARNET_IMPORT_NONE, &error);
  g_assert_no_error (error);
  assert_counts (report, 3, 0, 0);
  g_assert_cmpuint (carnet_import_report_get_communes_touched (report), ==, 1);
  text = carnet_import_report_to_text (report);
  g_assert_nonnull (strstr (text, "1 file read\n"));
  g_assert_nonnull (strstr (text, "Added: 3, updated: 0, deleted: 0, unchanged: 0\n"));

  /* Times written otherwise are taken in UTC, as Carnet writes them. */
  g_clear_pointer (&report, carnet_import_report_free);
  doc = document_with ("\"updated_at\": \"2026-01-01T00:00:00.000000Z\", \"deleted_at\": null,"
                       " \"project_uuid\"",
                       "\"updated_at\": \"2026-06-01T14:05+02:00\", \"deleted_at\": null,"
                       " \"project_uuid\"");
  report = import_text (store, doc, -1, CARNET_IMPORT_MERGE, &error);
  g_assert_no_error (error);
  assert_counts (report, 0, 0, 0);
  g_assert_cmpuint (carnet_import_report_get_unchanged (report), ==, 3);
  g_clear_pointer (&text, g_free);
  text = query (store, "SELECT updated_at FROM actions");
  g_assert_cmpstr (text, ==, "2026-06-01T12:05:00.000000Z");

  g_clear_pointer (&report, carnet_import_report_free);
  g_clear_pointer (&doc, g_free);
  doc = document_with ("\"updated_at\": \"2026-01-01T00:00:00.000000Z\", \"deleted_at\": null,"
                       " \"project_uuid\"",
                       "\"updated_at\": \"2026-06-01T12:05:00.5+00:00\", \"deleted_at\": null,"
                       " \"project_uuid\"");
  report = import_text (store, doc, -1, CARNET_IMPORT_MERGE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = query (store, "SELECT updated_at FROM actions");
  g_assert_cmpstr (text, ==, "2026-06-01T12:05:00.500000Z");
}

/* The same commune twice in one file under two identifiers, live, is refused. */
static void
test_refused_twice (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetStore) store = open_store (fixture, "target.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  g_autofree char *doc = document_with ("\"notes\": \"\"}],",
    "\"notes\": \"\"},\n{\"uuid\": \"c0000000-0000-4000-8000-000000000002\", \"created_at\":"
    " \"2026-01-01T00:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\", \"deleted_at\": null,"
    " \"insee\": \"14047\", \"name\": \"Bayeux\", \"departement\": \"\", \"departement_name\":"
    " \"\", \"region\": \"\", \"epci_siren\": \"\", \"epci_name\": \"\", \"population\": 0,"
    " \"pvd_date\": null, \"ort_date\": null, \"notes\": \"\"}],");

  report = import_text (store, doc, -1, CARNET_IMPORT_MERGE, &error);
  g_assert_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "line 4, records.communes[1].insee"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM communes"), ==, 0);
}

/* One bad file among several: nothing of the good ones is kept. */
static void
test_refused_among_many (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(CarnetStore) source = generated (fixture, "source.db", 51);
  g_autofree char *good = export_file (fixture, source, "good.json");
  g_autofree char *bad = in_dir (fixture, "bad.json");
  g_autofree char *missing = in_dir (fixture, "missing.json");
  g_autofree char *doc = document_with ("\"progress\": 10", "\"progress\": -3");
  g_autofree char *path = in_dir (fixture, "target.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetImportReport) report = NULL;
  const char *paths[] = { good, bad, NULL };
  const char *paths_missing[] = { good, missing, NULL };

  g_assert_true (g_file_set_contents (bad, doc, -1, NULL));
  store = open_store (fixture, "target.db");
  g_clear_object (&store);
  before = file_hash (path);

  store = open_store (fixture, "target.db");
  report = carnet_import_json (store, paths, CARNET_IMPORT_NONE, NULL, &error);
  g_assert_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_clear_error (&error);
  report = carnet_import_json (store, paths_missing, CARNET_IMPORT_NONE, NULL, &error);
  g_assert_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM actions"), ==, 0);
  g_clear_object (&store);
  after = file_hash (path);
  assert_same_text (before, after);
}

/* Cancelled, or a database open read-only: refused, nothing written. */
static void
test_refused_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CarnetStore) store = open_store (fixture, "target.db");
  g_autoptr(CarnetStore) read_only = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (base_document, -1, NULL);
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = in_dir (fixture, "target.db");

  g_cancellable_cancel (cancellable);
  report = carnet_import_json_stream (store, in, "test.json", CARNET_IMPORT_NONE, cancellable,
                                      &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM communes"), ==, 0);
  g_clear_error (&error);
  g_clear_object (&store);

  read_only = carnet_store_open_read_only (path, &error);
  g_assert_no_error (error);
  report = import_text (read_only, base_document, -1, CARNET_IMPORT_NONE, &error);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
  g_assert_null (report);
}

/* JSON member order is not significant: tables children first, members shuffled. */
static void
test_any_order (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CarnetStore) source = open_store (fixture, "source.db");
  g_autoptr(CarnetStore) copy = open_store (fixture, "copy.db");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) built = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) top = NULL;
  g_autoptr(GList) tables = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shuffled = NULL;
  g_autofree char *again = NULL;
  JsonObject *header;
  JsonObject *records;

  fixture_fill (source);
  text = export_text (source);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  records = json_object_get_object_member (json_node_get_object (root), "records");

  /* The header's members and the tables reversed, each record's members reversed. */
  json_builder_begin_object (builder);
  header = json_node_get_object (root);
  top = g_list_reverse (json_object_get_members (header));
  for (GList *l = top; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      if (!g_str_equal (l->data, "records"))
        {
          JsonNode *value = json_object_get_member (header, l->data);

          json_builder_add_value (builder, json_node_copy (value));
          continue;
        }
      json_builder_begin_object (builder);
      tables = g_list_reverse (json_object_get_members (records));
      for (GList *t = tables; t != NULL; t = t->next)
        {
          JsonArray *array = json_object_get_array_member (records, t->data);

          json_builder_set_member_name (builder, t->data);
          json_builder_begin_array (builder);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *record = json_array_get_object_element (array, i);
              g_autoptr(GList) members = g_list_reverse (json_object_get_members (record));

              json_builder_begin_object (builder);
              for (GList *m = members; m != NULL; m = m->next)
                {
                  JsonNode *value = json_object_get_member (record, m->data);

                  json_builder_set_member_name (builder, m->data);
                  json_builder_add_value (builder, json_node_copy (value));
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  built = json_builder_get_root (builder);
  json_generator_set_root (generator, built);
  json_generator_set_pretty (generator, TRUE);
  shuffled = json_generator_to_data (generator, NULL);
  g_assert_cmpint (strstr (shuffled, "\"attachments\"") - strstr (shuffled, "\"communes\""), <, 0);

  report = import_text (copy, shuffled, -1, CARNET_IMPORT_NONE, &error);
  g_assert_no_error (error);
  again = export_text (copy);
  assert_same_text (again, text);
}

/* Lists of the store follow an import. */
static void
on_records_changed (CarnetStore *store,
                    GType        type,
                    gpointer     data)
{
  GHashTable *types = data;

  g_hash_table_add (types, GSIZE_TO_POINTER (type));
}

static void
test_store_told (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CarnetStore) store = open_store (fixture, "target.db");
  g_autoptr(GListModel) communes = carnet_store_list (store, CARNET_TYPE_COMMUNE, NULL, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new (NULL, NULL);
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(CarnetImportReport) dry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (communes), ==, 0);
  g_signal_connect (store, "records-changed", G_CALLBACK (on_records_changed), types);
  dry = import_text (store, base_document, -1, CARNET_IMPORT_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_import_report_get_added (dry), ==, 3);
  g_assert_cmpuint (g_hash_table_size (types), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM communes"), ==, 0);

  report = import_text (store, base_document, -1, CARNET_IMPORT_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (communes), ==, 1);
  g_assert_true (g_hash_table_contains (types, GSIZE_TO_POINTER (CARNET_TYPE_COMMUNE)));
  g_assert_true (g_hash_table_contains (types, GSIZE_TO_POINTER (CARNET_TYPE_ACTION)));
  g_assert_false (g_hash_table_contains (types, GSIZE_TO_POINTER (CARNET_TYPE_WALK)));
}

/* The reader */

static CarnetJsonEvent
read_all (const char        *text,
          gssize             length,
          CarnetJsonReader **out)
{
  g_autoptr(GInputStream) in = NULL;
  CarnetJsonReader *reader;
  CarnetJsonEvent event;

  if (length < 0)
    length = strlen (text);
  in = g_memory_input_stream_new_from_data (g_memdup2 (text, length), length, g_free);
  reader = carnet_json_reader_new (in, NULL);
  while ((event = carnet_json_reader_next (reader)) != CARNET_JSON_END &&
         event != CARNET_JSON_ERROR)
    ;
  *out = reader;
  return event;
}

static void
assert_refused (const char *text,
                gssize      length,
                const char *says)
{
  CarnetJsonReader *reader = NULL;
  const char *message = NULL;

  g_assert_cmpint (read_all (text, length, &reader), ==, CARNET_JSON_ERROR);
  carnet_json_reader_get_error (reader, &message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, says));
  carnet_json_reader_free (reader);
}

static void
test_reader (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) shallow = g_string_new (NULL);
  g_autoptr(GString) long_string = g_string_new ("[\"");
  g_autoptr(CarnetJsonReader) reader = NULL;
  g_autoptr(GInputStream) in = NULL;
  const char *text = "{\"a\": \"\\u00e9\\ud83d\\ude00\\n\\\"\", \"b\": [9223372036854775807,"
                     " -9223372036854775808, 9223372036854775808, 1.5e3, -0, 1e999]}";
  const char *s;
  gint64 n;
  double d;

  in = g_memory_input_stream_new_from_data (text, -1, NULL);
  reader = carnet_json_reader_new (in, NULL);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_BEGIN_OBJECT);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_MEMBER);
  g_assert_cmpstr (carnet_json_reader_get_string (reader, NULL), ==, "a");
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_STRING);
  s = carnet_json_reader_get_string (reader, NULL);
  g_assert_cmpstr (s, ==, "é😀\n\"");
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_MEMBER);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_BEGIN_ARRAY);
  g_assert_cmpint (carnet_json_reader_get_depth (reader), ==, 1);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_NUMBER);
  g_assert_true (carnet_json_reader_get_int (reader, &n));
  g_assert_cmpint (n, ==, G_MAXINT64);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_NUMBER);
  g_assert_true (carnet_json_reader_get_int (reader, &n));
  g_assert_cmpint (n, ==, G_MININT64);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_NUMBER);
  g_assert_false (carnet_json_reader_get_int (reader, &n));
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_NUMBER);
  g_assert_false (carnet_json_reader_get_int (reader, &n));
  g_assert_true (carnet_json_reader_get_double (reader, &d));
  g_assert_cmpfloat (d, ==, 1500.0);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_NUMBER);
  g_assert_true (carnet_json_reader_get_int (reader, &n));
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_NUMBER);
  g_assert_false (carnet_json_reader_get_double (reader, &d));
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_END_ARRAY);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_END_OBJECT);
  g_assert_cmpint (carnet_json_reader_next (reader), ==, CARNET_JSON_END);

  /* Nesting: the limit, and a hundred thousand levels refused at once. */
  for (guint i = 0; i < CARNET_JSON_MAX_DEPTH; i++)
    g_string_append_c (shallow, '[');
  for (guint i = 0; i < CARNET_JSON_MAX_DEPTH; i++)
    g_string_append_c (shallow, ']');
  {
    CarnetJsonReader *ok = NULL;

    g_assert_cmpint (read_all (shallow->str, -1, &ok), ==, CARNET_JSON_END);
    carnet_json_reader_free (ok);
  }
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, -1, "too deeply");

  for (guint i = 0; i <= CARNET_JSON_MAX_STRING; i++)
    g_string_append_c (long_string, 'a');
  g_string_append (long_string, "\"]");
  assert_refused (long_string->str, -1, "too long");

  assert_refused ("[\"a\\ud800\"]", -1, "\\uD800");
  assert_refused ("[\"a\\udc00\"]", -1, "\\uDC00");
  assert_refused ("[\"a\\ud800\\u0041\"]", -1, "\\uD800");
  assert_refused ("[\"\\u0000\"]", -1, "NUL");
  assert_refused ("[\"a\0b\"]", 7, "NUL");
  assert_refused ("[\"\xc3\x28\"]", -1, "UTF-8");
  assert_refused ("[\"\xed\xa0\x80\"]", -1, "UTF-8");
  assert_refused ("[01]", -1, "not a number");
  assert_refused ("[1.]", -1, "not a number");
  assert_refused ("[-]", -1, "not a number");
  assert_refused ("[1,]", -1, "Unexpected");
  assert_refused ("{\"a\" 1}", -1, "“:”");
  assert_refused ("{\"a\": 1,}", -1, "member name");
  assert_refused ("[tru]", -1, "Unexpected");
  assert_refused ("[1] [2]", -1, "after the end");
  assert_refused ("[\"abc", -1, "cut short");
  assert_refused ("", -1, "empty");
  assert_refused ("\x89PNG\r\n", -1, "not a JSON file");
  assert_refused ("[\"\\x\"]", -1, "escape");
  {
    CarnetJsonReader *bad = NULL;

    g_assert_cmpint (read_all ("{\n  \"a\": [1,\n    2 3]}", -1, &bad), ==, CARNET_JSON_ERROR);
    g_assert_cmpuint (carnet_json_reader_get_line (bad), ==, 3);
    g_assert_cmpuint (carnet_json_reader_get_column (bad), ==, 7);
    carnet_json_reader_free (bad);
  }
  /* A byte-order mark is let through. */
  {
    CarnetJsonReader *bom = NULL;

    g_assert_cmpint (read_all ("\xef\xbb\xbf{}", -1, &bom), ==, CARNET_JSON_END);
    carnet_json_reader_free (bom);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/round-trip/generated", test_round_trip_generated);
  ADD ("/import/round-trip/fixture", test_round_trip_fixture);
  ADD ("/import/round-trip/bulk", test_round_trip_bulk);
  ADD ("/import/round-trip/committed", test_round_trip_committed);
  ADD ("/import/not-empty", test_not_empty);
  ADD ("/import/valid-document", test_valid_document);
  ADD ("/import/any-order", test_any_order);
  ADD ("/import/store-told", test_store_told);
  ADD ("/import/merge/newest-wins", test_merge_newest_wins);
  ADD ("/import/merge/tie", test_merge_tie);
  ADD ("/import/merge/deletions", test_merge_deletions);
  ADD ("/import/merge/identity", test_merge_identity);
  ADD ("/import/merge/regional", test_regional);
  ADD ("/import/refused/each", test_refused);
  ADD ("/import/refused/same-commune-twice", test_refused_twice);
  ADD ("/import/refused/among-many", test_refused_among_many);
  ADD ("/import/refused/cancelled", test_refused_cancelled);
  g_test_add_func ("/import/reader", test_reader);

  return g_test_run ();
}
