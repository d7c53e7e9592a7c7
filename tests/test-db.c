/* test-db.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "carnet-test-util.h"
#include "carnet-db.h"
#include "carnet-schema.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-db-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  carnet_test_remove_tree (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
query_int (CarnetDb   *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (carnet_db_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (CarnetDb   *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (carnet_db_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The names of the files in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort_values (names, (GCompareFunc)g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Writes a plain SQLite database, as another program (or a newer Carnet) would. */
static void
write_foreign_database (const char *path,
                        const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static void
test_open_create (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autofree char *nested = g_build_filename (fixture->dir, "a", "b", "carnet.db", NULL);
  g_autofree char *journal = NULL;
  g_autofree char *parent = g_path_get_dirname (nested);
  GStatBuf st;

  db = carnet_db_open (nested, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (carnet_db_get_path (db), ==, nested);
  g_assert_cmpint (carnet_db_get_schema_version (db), ==, CARNET_SCHEMA_VERSION);

  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, CARNET_SCHEMA_VERSION);
  journal = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (sqlite3_get_autocommit (carnet_db_get_handle (db)), !=, 0);

  /* The folders made for it are private too. */
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_open_default_path (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("CARNET_DB"));
  g_autofree char *from_env = NULL;
  g_autofree char *from_xdg = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "carnet", "carnet.db",
                                                NULL);
  g_autoptr(CarnetDb) db = NULL;

  g_setenv ("CARNET_DB", fixture->path, TRUE);
  from_env = carnet_db_default_path ();
  g_assert_cmpstr (from_env, ==, fixture->path);

  db = carnet_db_open (NULL, NULL);
  g_assert_nonnull (db);
  g_assert_cmpstr (carnet_db_get_path (db), ==, fixture->path);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  g_setenv ("CARNET_DB", "", TRUE);
  from_xdg = carnet_db_default_path ();
  g_assert_cmpstr (from_xdg, ==, expected);

  if (saved != NULL)
    g_setenv ("CARNET_DB", saved, TRUE);
  else
    g_unsetenv ("CARNET_DB");
}

static void
test_open_permissions (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(CarnetDb) db = NULL;
  GStatBuf st;
  mode_t old_mask = umask (022);

  db = carnet_db_open (fixture->path, NULL);
  umask (old_mask);
  g_assert_nonnull (db);
  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      if (i == 0)
        g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
      if (g_stat (file, &st) != 0)
        continue;
      if ((st.st_mode & 0777) != 0600)
        g_error ("%s has mode %o", file, st.st_mode & 0777);
    }

  /* A file made by an older run with looser rights is tightened when opened again. */
  g_clear_object (&db);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  db = carnet_db_open (fixture->path, NULL);
  g_assert_nonnull (db);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_open_not_sqlite (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *contents[] = {
    "Réunion du 12 mars 2026 : ordre du jour, friche Badin, maison de santé.\n",
    "hi",
    "SQLite format 2\0 and more bytes after the header",
    "SQLite format 3",
  };
  gsize lengths[] = { strlen (contents[0]), 2, 48, 15 };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) before = g_bytes_new_static (contents[i], lengths[i]);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(CarnetDb) db = NULL;
      g_autofree char *files = NULL;

      g_assert_true (g_file_set_contents (fixture->path, contents[i], lengths[i], NULL));
      db = carnet_db_open (fixture->path, &error);
      g_assert_null (db);
      g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, fixture->path));

      after = read_file (fixture->path);
      g_assert_true (g_bytes_equal (before, after));
      files = list_dir (fixture->dir);
      g_assert_cmpstr (files, ==, "carnet.db");
    }
}

/* A SQLite file that is damaged past its header is refused too, and not “repaired”. */
static void
test_open_corrupt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CarnetDb) db = NULL;
  GString *garbage = g_string_new ("SQLite format 3");

  g_string_append_c (garbage, '\0');
  for (guint i = 0; i < 4096; i++)
    g_string_append_c (garbage, (char)(i * 7 + 3));
  g_assert_true (g_file_set_contents (fixture->path, garbage->str, garbage->len, NULL));
  before = g_string_free_to_bytes (garbage);

  db = carnet_db_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CARNET_DB_ERROR);
  g_assert_true (error->code == CARNET_DB_ERROR_NOT_A_DATABASE ||
                 error->code == CARNET_DB_ERROR_CORRUPT);
  after = read_file (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  db = carnet_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, CARNET_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM themes"), ==, 9);
}

static void
test_open_too_new (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Once in the default rollback-journal mode, once already in WAL mode. */
  const char *setups[] = {
    "CREATE TABLE future (x); INSERT INTO future VALUES ('keep me'); PRAGMA user_version = 99;",
    "PRAGMA journal_mode = WAL; CREATE TABLE future (x); INSERT INTO future VALUES ('keep me');"
    "PRAGMA user_version = 99;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(CarnetDb) db = NULL;
      g_autofree char *files = NULL;

      carnet_test_remove_tree (fixture->path);
      write_foreign_database (fixture->path, setups[i]);
      before = read_file (fixture->path);

      db = carnet_db_open (fixture->path, &error);
      g_assert_null (db);
      g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_TOO_NEW);
      g_assert_nonnull (strstr (error->message, "99"));

      after = read_file (fixture->path);
      if (!g_bytes_equal (before, after))
        g_error ("Setup %u: the refused database was modified", i);
      files = list_dir (fixture->dir);
      g_assert_cmpstr (files, ==, "carnet.db");
    }
}

static void
test_open_reopen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CarnetDb) db = NULL;
  g_autofree char *files = NULL;
  g_autoptr(GError) error = NULL;

  db = carnet_db_open (fixture->path, NULL);
  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES ('kept')", NULL));
  g_clear_object (&db);

  db = carnet_db_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM themes"), ==, 9);
  g_clear_object (&db);

  /* Opening a current database is no migration: no backup is taken. */
  files = list_dir (fixture->dir);
  g_assert_null (strstr (files, ".bak"));
}

static void
test_open_missing_folder (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autofree char *blocker = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "carnet.db", NULL);

  /* The folder cannot be made: a file is in the way. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  db = carnet_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_OPEN);
}

static void
test_prepare_cache (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);
  static const char *sql = "SELECT ? + 1";
  sqlite3_stmt *first, *second;

  first = carnet_db_prepare (db, sql, NULL);
  g_assert_nonnull (first);
  sqlite3_bind_int (first, 1, 41);
  g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (first, 0), ==, 42);

  /* The same statement comes back, reset and with its bindings cleared. */
  second = carnet_db_prepare (db, sql, NULL);
  g_assert_true (first == second);
  g_assert_cmpint (sqlite3_step (second), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (second, 0), ==, SQLITE_NULL);
  sqlite3_reset (second);
}

static void
test_exec_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x NOT NULL)", NULL));
  g_assert_false (carnet_db_exec (db, "INSERT INTO t VALUES (NULL)", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
}

static void
test_now (void)
{
  g_autofree char *now = carnet_db_now ();
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr(GDateTime) reference = g_date_time_new_now_utc ();

  g_assert_nonnull (parsed);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                                       "\\.[0-9]{6}Z$", now, 0, 0));
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  g_assert_cmpint (ABS (g_date_time_difference (reference, parsed)), <, 10 * G_TIME_SPAN_SECOND);
}

static void
test_transaction_nested_commit (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);
  sqlite3 *handle = carnet_db_get_handle (db);

  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x)", NULL));

  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_cmpint (sqlite3_get_autocommit (handle), ==, 0);
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (1)", NULL));
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (2)", NULL));
  g_assert_true (carnet_db_commit (db, NULL));
  /* The inner commit commits nothing yet. */
  g_assert_cmpint (sqlite3_get_autocommit (handle), ==, 0);
  g_assert_true (carnet_db_commit (db, NULL));
  g_assert_cmpint (sqlite3_get_autocommit (handle), !=, 0);

  g_clear_object (&db);
  db = carnet_db_open (fixture->path, NULL);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 2);
}

static void
test_transaction_rollback (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);

  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x)", NULL));
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (1)", NULL));
  carnet_db_rollback (db);
  g_assert_cmpint (sqlite3_get_autocommit (carnet_db_get_handle (db)), !=, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 0);

  /* A rollback outside any transaction does nothing. */
  carnet_db_rollback (db);
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (2)", NULL));
  g_assert_true (carnet_db_commit (db, NULL));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 1);
}

static void
test_transaction_inner_rollback (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x)", NULL));

  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (1)", NULL));
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (2)", NULL));
  carnet_db_rollback (db);

  /* The inner rollback took the whole transaction: the outer commit says so. */
  g_assert_false (carnet_db_commit (db, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 0);
  g_assert_cmpint (sqlite3_get_autocommit (carnet_db_get_handle (db)), !=, 0);

  /* And the connection is usable again afterwards. */
  g_clear_error (&error);
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (3)", NULL));
  g_assert_true (carnet_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 1);

  /* Same, with the outer level rolling back instead of committing. */
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (4)", NULL));
  carnet_db_rollback (db);
  carnet_db_rollback (db);
  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (5)", NULL));
  g_assert_true (carnet_db_commit (db, NULL));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 2);
}

/* After an inner level rolled back, the rest of the outer transaction must not reach the
 * disk on its own: a new level cannot start, and nothing is saved in autocommit. */
static void
test_transaction_after_inner_rollback (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_db_exec (db, "CREATE TABLE t (x)", NULL));

  g_assert_true (carnet_db_begin (db, NULL));
  g_assert_true (carnet_db_begin (db, NULL));
  carnet_db_rollback (db);

  g_assert_false (carnet_db_begin (db, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_false (carnet_db_commit (db, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED);
  g_clear_error (&error);

  /* Back to normal. */
  g_assert_true (carnet_db_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (carnet_db_exec (db, "INSERT INTO t VALUES (1)", NULL));
  g_assert_true (carnet_db_commit (db, NULL));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 1);
}

/* Two connections: the second cannot start writing while the first holds the lock. */
static void
test_transaction_busy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CarnetDb) first = carnet_db_open (fixture->path, NULL);
  g_autoptr(CarnetDb) second = carnet_db_open (fixture->path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (second);
  sqlite3_busy_timeout (carnet_db_get_handle (second), 10);
  g_assert_true (carnet_db_begin (first, NULL));
  g_assert_false (carnet_db_begin (second, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_BUSY);
  g_assert_true (carnet_db_commit (first, NULL));

  /* The failed begin left no level open. */
  g_clear_error (&error);
  g_assert_true (carnet_db_begin (second, &error));
  g_assert_no_error (error);
  g_assert_true (carnet_db_commit (second, NULL));
  g_assert_cmpint (sqlite3_get_autocommit (carnet_db_get_handle (second)), !=, 0);
}

/* Runs @sql, a query of one integer with two text parameters. */
static gint64
query_pair (CarnetDb   *db,
            const char *sql,
            const char *a,
            const char *b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (carnet_db_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
collates_before (CarnetDb   *db,
                 const char *a,
                 const char *b)
{
  return query_pair (db, "SELECT ?1 < ?2 COLLATE carnet", a, b) != 0;
}

static gboolean
collates_equal (CarnetDb   *db,
                const char *a,
                const char *b)
{
  return query_pair (db, "SELECT ?1 = ?2 COLLATE carnet", a, b) != 0;
}

static void
test_collation (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);
  const char *names[] = { "ez", "Évreux", "eu", "Eure", "abbeville", "Zèbre", "évian",
                          "Étretat", "ÉVREUX", "Caen", "Çà", "cab", "Saint-Lô", "Sainte",
                          "Saint-Lo", "Œuilly", "zz", "E", "é", "Évry", "Ève" };
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int pos_eu = -1, pos_evreux = -1, pos_ez = -1;

  g_assert_true (carnet_db_exec (db, "CREATE TABLE names (name TEXT)", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (query_pair (db, "INSERT INTO names VALUES (?1) RETURNING ?2 IS NULL",
                                 names[i], NULL), ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (carnet_db_get_handle (db),
                                       "SELECT name FROM names ORDER BY name COLLATE carnet, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (sorted, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (sorted->len, ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < sorted->len; i++)
    {
      const char *name = sorted->pdata[i];

      if (g_str_equal (name, "eu"))
        pos_eu = i;
      else if (g_str_equal (name, "Évreux"))
        pos_evreux = i;
      else if (g_str_equal (name, "ez"))
        pos_ez = i;
    }
  g_assert_cmpint (pos_eu, <, pos_evreux);
  g_assert_cmpint (pos_evreux, <, pos_ez);

  /* Case and accents alone do not order names. */
  g_assert_true (collates_equal (db, "Évreux", "evreux"));
  g_assert_true (collates_equal (db, "ÉVREUX", "évreux"));
  g_assert_true (collates_equal (db, "Caen", "CAEN"));
  g_assert_false (collates_equal (db, "Caen", "Caen "));
  g_assert_true (collates_before (db, "eu", "Évreux"));
  g_assert_true (collates_before (db, "Évreux", "ez"));
  g_assert_true (collates_before (db, "Évreux", "Evry"));
  g_assert_true (collates_before (db, "Eure", "évian"));
  g_assert_true (collates_before (db, "Étretat", "Eure"));
  g_assert_true (collates_before (db, "cab", "Çà") == FALSE);
  g_assert_true (collates_before (db, "Çà", "cab"));
  g_assert_true (collates_before (db, "Zèbre", "zz"));
  g_assert_true (collates_before (db, "abbeville", "Zèbre"));

  /* The order is total: adjacent names in the sorted list are in order, and every pair
   * compares the same both ways, whether the names are plain ASCII or not (“Saint-Lo”,
   * “Saint-Lô” and “Sainte” once compared differently). */
  for (guint i = 0; i + 1 < sorted->len; i++)
    if (collates_before (db, sorted->pdata[i + 1], sorted->pdata[i]))
      g_error ("“%s” sorted before “%s”", (char *)sorted->pdata[i], (char *)sorted->pdata[i + 1]);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (names); j++)
      {
        gboolean before = collates_before (db, names[i], names[j]);
        gboolean after = collates_before (db, names[j], names[i]);
        gboolean equal = collates_equal (db, names[i], names[j]);

        g_assert_cmpint (before + after + equal, ==, 1);
      }
  g_assert_true (collates_before (db, "Saint-Lo", "Sainte"));
  g_assert_true (collates_before (db, "Saint-Lô", "Sainte"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/db/open/create", test_open_create);
  ADD ("/db/open/default-path", test_open_default_path);
  ADD ("/db/open/permissions", test_open_permissions);
  ADD ("/db/open/not-sqlite", test_open_not_sqlite);
  ADD ("/db/open/corrupt", test_open_corrupt);
  ADD ("/db/open/empty-file", test_open_empty_file);
  ADD ("/db/open/too-new", test_open_too_new);
  ADD ("/db/open/reopen", test_open_reopen);
  ADD ("/db/open/missing-folder", test_open_missing_folder);
  ADD ("/db/prepare/cache", test_prepare_cache);
  ADD ("/db/exec/error", test_exec_error);
  g_test_add_func ("/db/now", test_now);
  ADD ("/db/transaction/nested-commit", test_transaction_nested_commit);
  ADD ("/db/transaction/rollback", test_transaction_rollback);
  ADD ("/db/transaction/inner-rollback", test_transaction_inner_rollback);
  ADD ("/db/transaction/after-inner-rollback", test_transaction_after_inner_rollback);
  ADD ("/db/transaction/busy", test_transaction_busy);
  ADD ("/db/collation", test_collation);

#undef ADD

  return g_test_run ();
}
