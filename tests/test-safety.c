/* test-safety.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "carnet-backup.h"
#include "carnet-schema.h"
#include "carnet-store.h"
#include "safety-util.h"

/* Opening what cannot be opened safely: each case has its own error, a message naming the
 * file, and leaves the file byte for byte as it was, with nothing beside it. Then read-only
 * databases, the rights of the files, and the databases of every released schema. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = safety_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  safety_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Nothing was left beside a refused file, but what SQLite leaves: a read-only connection to a
 * WAL database makes an empty -wal and a -shm that it may not remove when it closes (another
 * connection may use them). */
static void
assert_same_listing (const char *files,
                     const char *files_after,
                     gboolean    read_only)
{
  if (read_only && g_strcmp0 (files, "carnet.db") == 0)
    g_assert_true (g_strcmp0 (files_after, files) == 0 ||
                   g_strcmp0 (files_after, "carnet.db carnet.db-shm carnet.db-wal") == 0);
  else
    g_assert_cmpstr (files_after, ==, files);
}

/* Opens @path read-write, then read-only when @read_only_too, and checks each refusal. */
static void
assert_refused (const char *path,
                int         code,
                gboolean    read_only_too)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *files = safety_list_dir (dir);
  g_autoptr(GBytes) before = safety_read_file (path);

  for (int read_only = 0; read_only <= read_only_too; read_only++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CarnetStore) store = NULL;
      g_autofree char *files_after = NULL;

      store = read_only ? carnet_store_open_read_only (path, &error)
                        : carnet_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, CARNET_DB_ERROR, code);
      if (strstr (error->message, path) == NULL)
        g_error ("The message does not name the file: %s", error->message);
      g_test_message ("%s: %s", read_only ? "read-only" : "read-write", error->message);

      safety_assert_same_file (path, before);
      files_after = safety_list_dir (dir);
      assert_same_listing (files, files_after, read_only);
    }
}

static void
test_refuse_not_sqlite (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *text = "Compte rendu du COPIL du 12 mars 2026 : friche Badin, maison de santé.\n";

  g_assert_true (g_file_set_contents (fixture->path, text, -1, NULL));
  assert_refused (fixture->path, CARNET_DB_ERROR_NOT_A_DATABASE, TRUE);
}

/* Cut short by a copy that stopped: at a page boundary, in a page, in the header. */
static void
test_refuse_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *whole = g_build_filename (fixture->dir, "whole.db", NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  safety_make_database (whole, 60);
  bytes = safety_read_file (whole);
  size = g_bytes_get_size (bytes);
  g_assert_cmpuint (size, >, 8 * 4096);
  g_unlink (whole);

  for (guint i = 0; i < 3; i++)
    {
      gsize cut = i == 0 ? size / 4096 / 2 * 4096 : i == 1 ? size / 2 + 1000 : 60;

      g_assert_true (g_file_set_contents (fixture->path, g_bytes_get_data (bytes, NULL), cut,
                                          NULL));
      assert_refused (fixture->path, CARNET_DB_ERROR_TRUNCATED, TRUE);
    }
}

static void
test_refuse_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  safety_make_database (fixture->path, 60);
  safety_corrupt_table (fixture->path, "projects");
  assert_refused (fixture->path, CARNET_DB_ERROR_CORRUPT, TRUE);
}

static void
test_refuse_too_new (Fixture       *fixture,
                     gconstpointer  data)
{
  safety_make_database (fixture->path, 3);
  safety_exec (fixture->path, "PRAGMA user_version = 99");
  assert_refused (fixture->path, CARNET_DB_ERROR_TOO_NEW, TRUE);
}

/* Another program's SQLite database: Carnet would add its tables to it. */
static void
test_refuse_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  safety_exec (fixture->path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                              "INSERT INTO moz_places (url) VALUES ('https://www.anct.gouv.fr');");
  assert_refused (fixture->path, CARNET_DB_ERROR_NOT_A_DATABASE, TRUE);
}

static gboolean
migrate_to_2 (CarnetDb  *db,
              int        from_version,
              GError   **error)
{
  if (from_version < 1 && !carnet_schema_migrate (db, from_version, error))
    return FALSE;
  return carnet_db_exec (db, "CREATE TABLE upgrade_step (id INTEGER PRIMARY KEY, note TEXT);"
                             "INSERT INTO upgrade_step (note) SELECT title FROM projects;"
                             "PRAGMA user_version = 2;", error);
}

/* A database to upgrade cannot be upgraded read-only. */
static void
test_refuse_too_old_read_only (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *files = NULL;
  g_autofree char *files_after = NULL;

  safety_make_database (fixture->path, 3);
  before = safety_read_file (fixture->path);
  files = safety_list_dir (fixture->dir);
  db = _carnet_db_open_full (fixture->path, TRUE, 2, migrate_to_2, &error);
  g_assert_null (db);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_TOO_OLD);
  g_assert_nonnull (strstr (error->message, fixture->path));
  safety_assert_same_file (fixture->path, before);
  files_after = safety_list_dir (fixture->dir);
  assert_same_listing (files, files_after, TRUE);
}

/* Another program holds an exclusive lock: refused after the busy timeout (5 s). */
static void
test_refuse_locked (Fixture       *fixture,
                    gconstpointer  data)
{
  int ready[2], release[2];
  char byte = 0;
  pid_t pid;

  safety_make_database (fixture->path, 3);
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *handle = NULL;

      close (ready[0]);
      close (release[1]);
      if (sqlite3_open (fixture->path, &handle) != SQLITE_OK ||
          sqlite3_exec (handle, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                "UPDATE projects SET objectives = 'verrou';",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      if (write (ready[1], "x", 1) != 1 || read (release[0], &byte, 1) < 0)
        _exit (1);
      _exit (0);
    }
  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  assert_refused (fixture->path, CARNET_DB_ERROR_BUSY, FALSE);

  close (release[1]);
  close (ready[0]);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  /* The lock holder died without committing: nothing of its change is there. */
  g_assert_cmpint (safety_query_int (fixture->path,
                                     "SELECT count(*) FROM projects WHERE objectives = 'verrou'"),
                   ==, 0);
}

/* What Carnet promises about durability is what it sets. */
static void
test_open_settings (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, &error);
  sqlite3 *handle;
  const char *checks[][2] = {
    { "PRAGMA journal_mode", "wal" },
    { "PRAGMA synchronous", "2" },
    { "PRAGMA foreign_keys", "1" },
  };

  g_assert_no_error (error);
  handle = carnet_db_get_handle (db);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, checks[i][0], -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, checks[i][1]);
      sqlite3_finalize (stmt);
    }
  g_assert_true (carnet_db_check (db, &error));
  g_assert_no_error (error);
  g_assert_false (carnet_db_is_read_only (db));
}

/* Read-only ------------------------------------------------------------------------------ */

static void
assert_writes_refused (CarnetStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(GListModel) projects = NULL;

  g_assert_true (carnet_store_is_read_only (store));
  g_assert_true (carnet_db_is_read_only (carnet_store_get_db (store)));
  projects = carnet_store_list (store, CARNET_TYPE_PROJECT, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);

  commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14515", "name", "Port-en-Bessin", NULL);
  g_assert_false (carnet_store_insert (store, commune, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);

  project = g_list_model_get_item (projects, 0);
  g_assert_false (carnet_store_update_text (store, project, "title", "Autre", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (carnet_store_delete (store, project, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Even around the store. */
  g_assert_false (carnet_db_exec (carnet_store_get_db (store), "DELETE FROM projects", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
}

/* Asked for, on a database that could be written. */
static void
test_read_only_store (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *backups = NULL;

  safety_make_database (fixture->path, 3);
  before = safety_read_file (fixture->path);
  store = carnet_store_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  assert_writes_refused (store);
  g_assert_true (carnet_backup_auto (carnet_store_get_db (store), &backup, &error));
  g_assert_no_error (error);
  g_assert_null (backup);
  g_clear_object (&store);
  safety_assert_same_file (fixture->path, before);
  backups = carnet_backup_get_folder (fixture->path);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));

  store = carnet_store_open_read_only (fixture->dir, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&fixture->path, g_free);
  fixture->path = g_build_filename (fixture->dir, "absent.db", NULL);
  store = carnet_store_open_read_only (fixture->path, &error);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_OPEN);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A file the user may not write, then a folder: refused read-write, with the way out; read
 * works. Runs as nobody when run as root, who may write anything. */
static void
test_read_only_permissions (void)
{
  if (!safety_can_drop_privileges ())
    {
      g_test_skip ("Cannot run as an unprivileged user here");
      return;
    }
  if (g_test_subprocess ())
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autofree char *files = NULL;
      g_autofree char *files_after = NULL;
      g_autoptr(GBytes) before = NULL;

      safety_drop_privileges ();
      dir = safety_make_tmp_dir ();
      path = g_build_filename (dir, "carnet.db", NULL);
      safety_make_database (path, 3);
      before = safety_read_file (path);

      for (guint folder = 0; folder <= 1; folder++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CarnetStore) store = NULL;

          g_assert_cmpint (g_chmod (folder ? dir : path, folder ? 0500 : 0400), ==, 0);
          files = safety_list_dir (dir);
          store = carnet_store_open (path, &error);
          g_assert_null (store);
          g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
          g_assert_nonnull (strstr (error->message, path));
          g_assert_nonnull (strstr (error->message, "read-only"));
          g_clear_error (&error);

          store = carnet_store_open_read_only (path, &error);
          g_assert_no_error (error);
          assert_writes_refused (store);
          g_clear_object (&store);
          safety_assert_same_file (path, before);
          if (folder)
            {
              files_after = safety_list_dir (dir);
              g_assert_cmpstr (files_after, ==, files);
              g_clear_pointer (&files_after, g_free);
            }
          g_assert_cmpint (g_chmod (folder ? dir : path, folder ? 0700 : 0600), ==, 0);
          g_clear_pointer (&files, g_free);
        }
      safety_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Permissions --------------------------------------------------------------------------- */

static void
assert_private_files (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *backups = carnet_backup_get_folder (db_path);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_assert_cmpint (safety_mode (db_path), ==, 0600);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *file = g_strconcat (db_path, i == 0 ? "-wal" : "-shm", NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_assert_cmpint (safety_mode (file), ==, 0600);
    }
  g_assert_cmpint (safety_mode (backups), ==, 0700);
  listing = g_dir_open (backups, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (backups, name, NULL);

      g_assert_cmpint (safety_mode (file), ==, 0600);
    }
}

/* Even with a umask that would let everyone read. */
static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autofree char *nested = g_build_filename (fixture->dir, "data", "carnet", "carnet.db", NULL);
  g_autofree char *attachments = NULL;
  g_autofree char *parent = g_path_get_dirname (nested);
  g_autofree char *wal = g_strconcat (nested, "-wal", NULL);
  g_autofree char *expected = g_build_filename (parent, "attachments", NULL);
  g_autofree char *backups = g_build_filename (parent, "backups", NULL);
  g_autofree char *photo = NULL;
  mode_t old_mask = umask (0);

  store = carnet_store_open (nested, &error);
  g_assert_no_error (error);
  commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_true (carnet_store_insert (store, commune, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (safety_mode (parent), ==, 0700);
  backup = carnet_backup_create (nested, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  attachments = carnet_db_get_attachments_dir (carnet_store_get_db (store), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attachments, ==, expected);
  g_assert_cmpint (safety_mode (attachments), ==, 0700);
  assert_private_files (nested);

  /* Loosened by a copy or by hand: tightened at the next opening. */
  g_clear_object (&store);
  photo = g_build_filename (attachments, "photo.jpg", NULL);
  g_assert_true (g_file_set_contents (photo, "jpeg", -1, NULL));
  g_assert_cmpint (g_chmod (nested, 0644), ==, 0);
  g_assert_cmpint (g_chmod (attachments, 0755), ==, 0);
  g_assert_cmpint (g_chmod (backups, 0755), ==, 0);
  store = carnet_store_open (nested, &error);
  g_assert_no_error (error);
  assert_private_files (nested);
  g_assert_cmpint (safety_mode (attachments), ==, 0700);
  umask (old_mask);
}

/* Databases of every released schema ---------------------------------------------------- */

/* The tables, indexes and triggers, as SQL: what “the current schema” means. */
static char *
schema_of (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *schema = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT type, name, tbl_name, ifnull (sql, '') "
                                               "FROM sqlite_schema ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      g_string_append_printf (schema, "%s%c", sqlite3_column_text (stmt, i), i < 3 ? '|' : '\n');
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return g_string_free (schema, FALSE);
}

/* What the fixture of each version holds (see tests/fixtures/make-fixtures.sh), as the
 * current code reads it. */
static void
check_fixture_data (CarnetStore *store,
                    int          version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) bayeux = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CarnetRecord) sante = NULL;
  const char *path = carnet_store_get_path (store);

  g_assert_cmpint (version, ==, 1);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 4);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 3);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_ACTION, NULL, NULL), ==, 4);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_THEME, NULL, NULL), ==, 9);
  bayeux = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");
  g_assert_nonnull (bayeux);
  g_assert_cmpstr (carnet_record_get_string (bayeux, "name"), ==, "Bayeux");
  g_assert_cmpstr (carnet_record_get_string (bayeux, "pvd-date"), ==, "2021-04-01");
  g_assert_cmpstr (carnet_record_get_string (bayeux, "ort-date"), ==, "2022-06-15");

  found = carnet_store_search (store, CARNET_TYPE_ACTION, "medecins gare", 10);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  sante = g_list_model_get_item (found, 0);
  g_assert_cmpstr (carnet_record_get_string (sante, "title"), ==,
                   "Maison de santé pluriprofessionnelle");
  g_assert_cmpint (carnet_record_get_int (sante, "cost-ttc"), ==, 123456789);
  g_assert_cmpstr (carnet_record_get_string (sante, "end-planned"), ==, "2026-03-12");
  g_assert_cmpstr (carnet_record_get_string (sante, "status"), ==, "en_retard");

  /* The deleted action keeps its tombstone; the tables carnet-cli does not reach. */
  g_assert_cmpint (safety_query_int (path, "SELECT count(*) FROM actions WHERE deleted_at "
                                           "IS NOT NULL"), ==, 1);
  g_assert_cmpint (safety_query_int (path, "SELECT sum(amount_granted) FROM funding_lines"),
                   ==, 35000000);
  g_assert_cmpint (safety_query_int (path, "SELECT count(*) FROM observations"), ==, 2);
  g_assert_cmpint (safety_query_int (path, "SELECT count(*) FROM status_changes"), >=, 1);
  g_assert_cmpint (safety_query_int (path, "SELECT count(*) FROM attachments"), ==, 1);
}

/* Every fixture, opened with the current code: upgraded to the current schema (after a
 * backup) with its data intact. */
static void
test_fixtures_open (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *current = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(CarnetDb) fresh_db = NULL;
  const char *name;
  guint n = 0;

  fresh_db = carnet_db_open (fresh, NULL);
  g_clear_object (&fresh_db);
  current = schema_of (fresh);

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CarnetStore) store = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      g_autofree char *source = g_build_filename (folder, name, NULL);
      g_autofree char *copy = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *schema = NULL;
      g_autofree char *integrity = NULL;
      int version;

      if (!g_str_has_prefix (name, "carnet-v") || !g_str_has_suffix (name, ".db"))
        continue;
      version = atoi (name + strlen ("carnet-v"));
      g_test_message ("%s: version %d", name, version);
      safety_copy_file (source, copy);
      g_assert_cmpint (safety_query_int (copy, "PRAGMA user_version"), ==, version);

      store = carnet_store_open (copy, &error);
      g_assert_no_error (error);
      check_fixture_data (store, version);
      g_assert_cmpint (carnet_db_get_schema_version (carnet_store_get_db (store)), ==,
                       CARNET_SCHEMA_VERSION);
      g_clear_object (&store);

      g_assert_cmpint (safety_query_int (copy, "PRAGMA user_version"), ==, CARNET_SCHEMA_VERSION);
      schema = schema_of (copy);
      g_assert_cmpstr (schema, ==, current);
      integrity = safety_query_text (copy, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");

      backups = carnet_backup_list (copy, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (backups->len, ==, version < CARNET_SCHEMA_VERSION ? 1 : 0);
      n++;
    }
  /* One fixture per released version. */
  g_assert_cmpuint (n, ==, CARNET_SCHEMA_VERSION);
}

static void
test_fixtures_too_new (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *source = safety_fixture_path ("carnet-v1.db");

  safety_copy_file (source, fixture->path);
  safety_exec (fixture->path, "PRAGMA user_version = 99");
  assert_refused (fixture->path, CARNET_DB_ERROR_TOO_NEW, TRUE);
}

/* An upgrade that fails leaves the file as it was, with a backup taken before. */
static void
test_migration_fails (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *source = safety_fixture_path ("carnet-v1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  CarnetBackup *backup;
  int version = 0;

  safety_copy_file (source, fixture->path);
  /* A table the upgrade wants to create is already there. */
  safety_exec (fixture->path, "CREATE TABLE upgrade_step (x); INSERT INTO upgrade_step VALUES (1)");
  before = safety_read_file (fixture->path);

  db = _carnet_db_open_full (fixture->path, FALSE, 2, migrate_to_2, &error);
  g_assert_null (db);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_UPGRADE_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "backups"));
  safety_assert_same_file (fixture->path, before);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  backups = carnet_backup_list (fixture->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpint (carnet_backup_get_kind (backup), ==, CARNET_BACKUP_BEFORE_UPGRADE);
  g_assert_cmpint (carnet_backup_get_schema_version (backup), ==, 1);
  g_assert_true (carnet_backup_verify (carnet_backup_get_path (backup), &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpint (safety_query_int (carnet_backup_get_path (backup),
                                     "SELECT count(*) FROM projects"), ==, 3);

  /* This version still opens it. */
  db = carnet_db_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
test_migration_backup (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *source = safety_fixture_path ("carnet-v1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  CarnetBackup *backup;
  g_autofree char *name = NULL;

  safety_copy_file (source, fixture->path);
  db = _carnet_db_open_full (fixture->path, FALSE, 2, migrate_to_2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carnet_db_get_schema_version (db), ==, 2);
  g_clear_object (&db);
  g_assert_cmpint (safety_query_int (fixture->path, "SELECT count(*) FROM upgrade_step"), ==, 3);

  backups = carnet_backup_list (fixture->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  name = g_path_get_basename (carnet_backup_get_path (backup));
  g_assert_true (g_regex_match_simple ("^carnet-[0-9]{8}T[0-9]{6}Z-v1-before-upgrade\\.db$",
                                       name, 0, 0));
  g_assert_cmpint (safety_query_int (carnet_backup_get_path (backup), "PRAGMA user_version"),
                   ==, 1);
  g_assert_cmpint (safety_query_int (carnet_backup_get_path (backup),
                                     "SELECT count(*) FROM sqlite_schema "
                                     "WHERE name = 'upgrade_step'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/safety/refuse/not-sqlite", test_refuse_not_sqlite);
  ADD ("/safety/refuse/truncated", test_refuse_truncated);
  ADD ("/safety/refuse/corrupt", test_refuse_corrupt);
  ADD ("/safety/refuse/too-new", test_refuse_too_new);
  ADD ("/safety/refuse/foreign", test_refuse_foreign);
  ADD ("/safety/refuse/too-old-read-only", test_refuse_too_old_read_only);
  ADD ("/safety/refuse/locked", test_refuse_locked);
  ADD ("/safety/open/settings", test_open_settings);
  ADD ("/safety/read-only/store", test_read_only_store);
  g_test_add_func ("/safety/read-only/permissions", test_read_only_permissions);
  ADD ("/safety/permissions", test_permissions);
  ADD ("/safety/fixtures/open", test_fixtures_open);
  ADD ("/safety/fixtures/too-new", test_fixtures_too_new);
  ADD ("/safety/migration/fails", test_migration_fails);
  ADD ("/safety/migration/backup", test_migration_backup);

  return g_test_run ();
}
