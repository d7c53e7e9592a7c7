/* test-generate.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "carnet-generate.h"
#include "carnet-store.h"

/* A tiny scale of the national size: 3 communes, 50 projects, 250 actions… */
#define TINY_SCALE 0.002

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-generate-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Generates into a new file and closes it; returns its path. */
static char *
generate (Fixture *fixture,
          const char *name,
          guint32     seed)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  CarnetGenerateSize size;

  g_assert_no_error (error);
  carnet_generate_size_init (&size, TINY_SCALE);
  g_assert_true (carnet_generate (store, seed, &size, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A digest of every row of every table, as a dump would show them, FTS indexes included.
 * The themes are made by the schema with the time of creation: their timestamps are left
 * out. */
static char *
digest (const char *path)
{
  sqlite3 *db = open_db (path);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 15);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      /* A full scan reads a table in the order of its key, rowid or primary key. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      gboolean themes = g_str_equal (table, "themes");

      g_checksum_update (checksum, (const guchar *)table, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *column = sqlite3_column_name (stmt, c);

            if (themes && (g_str_equal (column, "created_at") || g_str_equal (column, "updated_at")))
              continue;
            g_checksum_update (checksum, sqlite3_column_blob (stmt, c),
                               sqlite3_column_bytes (stmt, c));
            g_checksum_update (checksum, (const guchar *)"\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_same_seed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *a = generate (fixture, "a.db", 42);
  g_autofree char *b = generate (fixture, "b.db", 42);
  g_autofree char *c = generate (fixture, "c.db", 43);
  g_autofree char *digest_a = digest (a);
  g_autofree char *digest_b = digest (b);
  g_autofree char *digest_c = digest (c);
  const char *tables[] = { "communes", "projects", "actions", "funding_lines", "walks",
                           "observations", "actions_fts_docsize" };
  sqlite3 *db_a = open_db (a), *db_b = open_db (b);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (count_rows (db_a, tables[i]), ==, count_rows (db_b, tables[i]));
  sqlite3_close (db_a);
  sqlite3_close (db_b);

  g_assert_cmpstr (digest_a, ==, digest_b);
  g_assert_cmpstr (digest_a, !=, digest_c);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = generate (fixture, "valid.db", 7);
  sqlite3 *db = open_db (path);
  CarnetGenerateSize size;
  const char *fts[] = { "projects", "actions", "walks", "observations" };
  g_autofree char *violations = query_text (db, "PRAGMA foreign_key_check");
  g_autofree char *integrity = query_text (db, "PRAGMA integrity_check");
  g_autofree char *bad_uuids = NULL;
  g_autofree char *bad_lines = NULL;

  carnet_generate_size_init (&size, TINY_SCALE);
  g_assert_cmpint (count_rows (db, "communes"), ==, size.communes);
  g_assert_cmpint (count_rows (db, "projects"), ==, size.projects);
  g_assert_cmpint (count_rows (db, "actions"), ==, size.actions);
  g_assert_cmpint (count_rows (db, "funding_lines"), ==, size.funding_lines);
  g_assert_cmpint (count_rows (db, "walks"), ==, size.walks);
  g_assert_cmpint (count_rows (db, "observations"), ==, size.observations);

  g_assert_cmpstr (violations, ==, "");
  g_assert_cmpstr (integrity, ==, "ok\n");

  /* Version 4 UUIDs, real communes of under 20,000 inhabitants, coherent amounts. */
  bad_uuids = query_text (db, "SELECT uuid FROM actions WHERE substr (uuid, 15, 1) <> '4'"
                          " OR substr (uuid, 20, 1) NOT IN ('8', '9', 'a', 'b')"
                          " OR uuid GLOB '*[^0-9a-f-]*' OR substr (uuid, 24, 1) <> '-'");
  g_assert_cmpstr (bad_uuids, ==, "");
  g_assert_cmpint (count_rows (db, "communes WHERE population >= 20000 OR population = 0"),
                   ==, 0);
  bad_lines = query_text (db, "SELECT uuid FROM funding_lines WHERE amount_paid > amount_granted"
                          " OR (state = 'refuse' AND amount_granted > 0)");
  g_assert_cmpstr (bad_lines, ==, "");
  g_assert_cmpint (count_rows (db, "actions WHERE end_planned < start_planned"), ==, 0);
  g_assert_cmpint (count_rows (db, "projects WHERE cost_ht = 0"), ==, 0);

  /* The full-text indexes were kept by the triggers: a search finds the rows. */
  for (guint i = 0; i < G_N_ELEMENTS (fts); i++)
    {
      g_autofree char *docs = g_strdup_printf ("%s_fts_docsize", fts[i]);

      g_assert_cmpint (count_rows (db, docs), ==, count_rows (db, fts[i]));
    }
  g_assert_cmpint (count_rows (db, "actions_fts WHERE actions_fts MATCH 'etude*'"), >, 0);
  sqlite3_close (db);
}

static void
test_fts_integrity (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = generate (fixture, "fts.db", 3);
  sqlite3 *db = NULL;
  const char *fts[] = { "projects", "actions", "walks", "observations" };

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (fts); i++)
    {
      g_autofree char *check = g_strdup_printf ("INSERT INTO %s_fts (%s_fts) VALUES"
                                                " ('integrity-check')", fts[i], fts[i]);

      g_assert_cmpint (sqlite3_exec (db, check, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);
}

static void
test_not_empty (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "twice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  CarnetGenerateSize size;

  g_assert_no_error (error);
  carnet_generate_size_init (&size, TINY_SCALE);
  g_assert_true (carnet_generate (store, 1, &size, &error));
  g_assert_false (carnet_generate (store, 1, &size, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL), ==, size.actions);
}

static void
test_size (void)
{
  CarnetGenerateSize size;

  carnet_generate_size_init (&size, 1);
  g_assert_cmpuint (size.communes, ==, 1650);
  g_assert_cmpuint (size.actions, ==, 125000);
  g_assert_cmpuint (carnet_generate_size_total (&size), ==, 271650);
  carnet_generate_size_init (&size, 0.1);
  g_assert_cmpuint (size.communes, ==, 165);
  g_assert_cmpuint (size.observations, ==, 5000);
  carnet_generate_size_init (&size, 0);
  g_assert_cmpuint (size.communes, ==, 1);
  g_assert_cmpuint (size.projects, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generate/size", test_size);
  g_test_add ("/generate/same-seed", Fixture, NULL, fixture_set_up, test_same_seed,
              fixture_tear_down);
  g_test_add ("/generate/valid", Fixture, NULL, fixture_set_up, test_valid, fixture_tear_down);
  g_test_add ("/generate/fts-integrity", Fixture, NULL, fixture_set_up, test_fts_integrity,
              fixture_tear_down);
  g_test_add ("/generate/not-empty", Fixture, NULL, fixture_set_up, test_not_empty,
              fixture_tear_down);
  return g_test_run ();
}
