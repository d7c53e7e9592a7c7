/* test-backup.c
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
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "carnet-backup.h"
#include "carnet-schema.h"
#include "carnet-store.h"
#include "safety-util.h"

/* Backups: made whole or not at all, listed, rotated, and restored with the current database
 * kept aside. */

typedef struct
{
  char *dir;
  char *path;
  char *backups;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = safety_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->backups = g_build_filename (fixture->dir, "backups", NULL);
  safety_make_database (fixture->path, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  safety_remove_tree (fixture->dir);
  g_free (fixture->backups);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
count_projects (const char *path)
{
  return safety_query_int (path, "SELECT count(*) FROM projects WHERE deleted_at IS NULL");
}

static void
add_project (const char *path,
             const char *title)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO projects (uuid, created_at, updated_at, commune_uuid, title) "
    "SELECT lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4' || "
    "  substr (hex (randomblob (2)), 2) || '-a' || substr (hex (randomblob (2)), 2) || '-' || "
    "  hex (randomblob (6))), '2026-03-12T10:00:00Z', '2026-03-12T10:00:00Z', uuid, '%s' "
    "FROM communes LIMIT 1", title);

  safety_exec (path, sql);
}

static GPtrArray *
list (const char *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *backups = carnet_backup_list (path, &error);

  g_assert_no_error (error);
  return backups;
}

/* A copy of @backup named as made @days_ago, of @kind. */
static void
age_copy (CarnetBackup *backup,
          const char   *db_path,
          int           days_ago,
          const char   *kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *stamp = g_date_time_format (then, "%Y%m%dT%H%M%S");
  g_autofree char *folder = carnet_backup_get_folder (db_path);
  g_autofree char *name = g_strdup_printf ("carnet-%sZ-v1-%s.db", stamp, kind);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  safety_copy_file (carnet_backup_get_path (backup), path);
}

static void
test_create_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) first = NULL;
  g_autoptr(CarnetBackup) second = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, "autre.db", NULL);
  g_autofree char *files = NULL;
  CarnetBackup *newest;
  int version = 0;

  backups = list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);
  first = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  add_project (fixture->path, "Après la première copie");
  second = carnet_backup_create (fixture->path, CARNET_BACKUP_AUTO, &error);
  g_assert_no_error (error);

  name = g_path_get_basename (carnet_backup_get_path (first));
  g_assert_true (g_regex_match_simple ("^carnet-[0-9]{8}T[0-9]{6}Z-v1-manual\\.db$", name, 0, 0));
  g_assert_cmpstr (carnet_backup_get_path (first), !=, carnet_backup_get_path (second));
  g_assert_cmpint (carnet_backup_get_schema_version (first), ==, CARNET_SCHEMA_VERSION);
  g_assert_cmpint (ABS (g_date_time_difference (now, carnet_backup_get_time (first))), <,
                   5 * G_TIME_SPAN_SECOND);

  backups = list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 2);
  newest = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (carnet_backup_get_path (newest), ==, carnet_backup_get_path (second));
  g_assert_cmpint (carnet_backup_get_kind (newest), ==, CARNET_BACKUP_AUTO);
  g_assert_cmpint (carnet_backup_get_size (newest), >, 0);
  g_assert_true (carnet_backup_verify (carnet_backup_get_path (newest), &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, CARNET_SCHEMA_VERSION);
  g_assert_cmpint (count_projects (carnet_backup_get_path (first)), ==, 3);
  g_assert_cmpint (count_projects (carnet_backup_get_path (second)), ==, 4);

  /* The backups of another database in the same folder are not listed with these. */
  safety_make_database (other, 1);
  g_clear_object (&first);
  first = carnet_backup_create (other, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 2);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = list (other);
  g_assert_cmpuint (backups->len, ==, 1);

  /* Many in the same second: each has its own name, and the list keeps their order. */
  g_clear_pointer (&backups, g_ptr_array_unref);
  {
    g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 5; i++)
      {
        g_ptr_array_add (made, carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error));
        g_assert_no_error (error);
      }
    backups = list (fixture->path);
    g_assert_cmpuint (backups->len, ==, 7);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpstr (carnet_backup_get_path (g_ptr_array_index (backups, i)), ==,
                       carnet_backup_get_path (g_ptr_array_index (made, 4 - i)));
  }

  /* Nothing else was left in the folder. */
  files = safety_list_dir (fixture->backups);
  g_assert_null (strstr (files, ".tmp"));
  g_assert_null (strstr (files, "journal"));
}

/* Once a day: the newest backup, of any kind, says whether one is due. */
static void
test_auto (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, &error);
  g_autoptr(CarnetBackup) made = NULL;
  g_autoptr(CarnetBackup) again = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_no_error (error);
  g_assert_true (carnet_backup_auto (db, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_cmpint (carnet_backup_get_kind (made), ==, CARNET_BACKUP_AUTO);
  g_assert_true (carnet_backup_auto (db, &again, &error));
  g_assert_null (again);

  /* A day later. */
  age_copy (made, fixture->path, 1, "auto");
  g_assert_cmpint (g_unlink (carnet_backup_get_path (made)), ==, 0);
  g_assert_true (carnet_backup_auto (db, &again, &error));
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_clear_object (&again);
  backups = list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 2);

  /* A backup dated in the future (the clock was wrong) does not stop the daily one. Copied
   * from yesterday's: the first one's file is gone, unless today's got its name, made in the
   * same second. */
  age_copy (g_ptr_array_index (backups, 1), fixture->path, -3, "manual");
  g_assert_cmpint (g_unlink (carnet_backup_get_path (g_ptr_array_index (backups, 0))), ==, 0);
  g_assert_true (carnet_backup_auto (db, &again, &error));
  g_assert_nonnull (again);
}

static void
on_auto_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CarnetBackup **made = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_backup_auto_finish (result, made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (*made);
}

/* In a thread, while the app goes on writing. */
static void
test_auto_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (fixture->path, &error);
  g_autoptr(CarnetBackup) made = NULL;

  g_assert_no_error (error);
  carnet_backup_auto_async (carnet_store_get_db (store), NULL, on_auto_done, &made);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(CarnetRecord) commune = NULL;
      g_autofree char *insee = g_strdup_printf ("%05u", 14100 + i);

      commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", insee, "name", "Commune", NULL);
      g_assert_true (carnet_store_insert (store, commune, &error));
      g_assert_no_error (error);
    }
  while (made == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (carnet_backup_verify (carnet_backup_get_path (made), NULL, &error));
  g_assert_no_error (error);
}

/* The last 7 daily backups are kept, and all the others. */
static void
test_prune (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, &error);
  g_autoptr(CarnetBackup) seed = NULL;
  g_autoptr(CarnetBackup) made = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *fresh = NULL;
  struct utimbuf old = { 0, 0 };
  guint autos = 0, others = 0;

  seed = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  for (int day = 2; day <= 12; day++)
    age_copy (seed, fixture->path, day, "auto");
  age_copy (seed, fixture->path, 40, "manual");
  age_copy (seed, fixture->path, 90, "before-upgrade");
  g_assert_cmpint (g_unlink (carnet_backup_get_path (seed)), ==, 0);

  /* What interrupted backups leave: removed once old. */
  stale = g_build_filename (fixture->backups, ".carnet-AAAAAA.tmp", NULL);
  fresh = g_build_filename (fixture->backups, ".carnet-BBBBBB.tmp", NULL);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  old.actime = old.modtime = time (NULL) - 2 * 3600;
  g_assert_cmpint (utime (stale, &old), ==, 0);

  g_assert_true (carnet_backup_auto (db, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);

  backups = list (fixture->path);
  for (guint i = 0; i < backups->len; i++)
    {
      CarnetBackup *backup = g_ptr_array_index (backups, i);

      if (carnet_backup_get_kind (backup) == CARNET_BACKUP_AUTO)
        autos++;
      else
        others++;
    }
  g_assert_cmpuint (autos, ==, CARNET_BACKUP_KEEP_AUTO);
  g_assert_cmpuint (others, ==, 2);
  /* The newest were kept. */
  g_assert_cmpstr (carnet_backup_get_path (g_ptr_array_index (backups, 0)), ==,
                   carnet_backup_get_path (made));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

/* A damaged database is not copied over good backups. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) good = NULL;
  g_autoptr(CarnetBackup) bad = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  safety_make_database (fixture->path, 60);
  good = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  before = safety_list_dir (fixture->backups);
  safety_corrupt_table (fixture->path, "projects");

  bad = carnet_backup_create (fixture->path, CARNET_BACKUP_AUTO, &error);
  g_assert_null (bad);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  after = safety_list_dir (fixture->backups);
  g_assert_cmpstr (after, ==, before);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(CarnetStore) store = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GBytes) backup_bytes = NULL;

  backup = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  backup_bytes = safety_read_file (carnet_backup_get_path (backup));
  add_project (fixture->path, "Fait après la copie");
  g_assert_cmpint (count_projects (fixture->path), ==, 4);

  g_assert_true (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), &aside,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_projects (fixture->path), ==, 3);
  g_assert_nonnull (aside);
  name = g_path_get_basename (aside);
  g_assert_true (g_regex_match_simple ("^carnet\\.db\\.before-restore-[0-9]{8}T[0-9]{6}Z$",
                                       name, 0, 0));
  g_assert_cmpint (count_projects (aside), ==, 4);
  g_assert_cmpint (safety_mode (aside), ==, 0600);
  g_assert_cmpint (safety_mode (fixture->path), ==, 0600);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  safety_assert_same_file (carnet_backup_get_path (backup), backup_bytes);

  store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 3);
}

/* What cannot be restored leaves the database as it was. */
static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree char *files = NULL;
  g_autofree char *files_after = NULL;
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.db", NULL);
  struct {
    const char *what;
    int         code;
  } cases[] = {
    { "damaged", CARNET_DB_ERROR_CORRUPT },
    { "too new", CARNET_DB_ERROR_TOO_NEW },
    { "not a database", CARNET_DB_ERROR_NOT_A_DATABASE },
    { "truncated", CARNET_DB_ERROR_CORRUPT },
    { "another program's", CARNET_DB_ERROR_NOT_A_DATABASE },
    { "the database itself", CARNET_DB_ERROR_INVALID },
  };

  safety_make_database (fixture->path, 60);
  backup = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  good = safety_read_file (carnet_backup_get_path (backup));
  before = safety_read_file (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *source = bad;

      g_unlink (bad);
      switch (i)
        {
        case 0:
          safety_copy_file (carnet_backup_get_path (backup), bad);
          safety_corrupt_table (bad, "projects");
          break;
        case 1:
          safety_copy_file (carnet_backup_get_path (backup), bad);
          safety_exec (bad, "PRAGMA user_version = 99");
          break;
        case 2:
          g_assert_true (g_file_set_contents (bad, "Ordre du jour du COPIL", -1, NULL));
          break;
        case 3:
          g_assert_true (g_file_set_contents (bad, g_bytes_get_data (good, NULL),
                                              g_bytes_get_size (good) / 2, NULL));
          break;
        case 4:
          safety_exec (bad, "CREATE TABLE notes (x)");
          break;
        default:
          source = fixture->path;
          break;
        }
      files = safety_list_dir (fixture->dir);
      g_assert_false (carnet_backup_restore (fixture->path, source, NULL, &error));
      g_test_message ("%s: %s", cases[i].what, error != NULL ? error->message : "");
      g_assert_error (error, CARNET_DB_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, source));
      g_clear_error (&error);
      safety_assert_same_file (fixture->path, before);
      files_after = safety_list_dir (fixture->dir);
      g_assert_cmpstr (files_after, ==, files);
      g_clear_pointer (&files, g_free);
      g_clear_pointer (&files_after, g_free);
    }
}

/* Not while another program uses the database. */
static void
test_restore_busy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(GBytes) before = NULL;

  backup = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 3);
  before = safety_read_file (fixture->path);

  g_assert_false (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), NULL,
                                         &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_BUSY);
  g_test_message ("%s", error->message);
  safety_assert_same_file (fixture->path, before);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, 3);
  g_clear_error (&error);

  g_clear_object (&store);
  g_assert_true (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), NULL,
                                        &error));
  g_assert_no_error (error);
}

/* The current database is damaged, or gone, or was left with its WAL by a crash: the restore
 * goes through, and what was there is kept. */
static void
test_restore_rescue (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *aside_wal = NULL;
  pid_t pid;
  int status = 0;

  safety_make_database (fixture->path, 60);
  backup = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  /* Damaged. */
  safety_corrupt_table (fixture->path, "projects");
  damaged = safety_read_file (fixture->path);
  g_assert_true (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), &aside,
                                        &error));
  g_assert_no_error (error);
  safety_assert_same_file (aside, damaged);
  g_assert_cmpint (count_projects (fixture->path), ==, 63);
  g_clear_pointer (&aside, g_free);

  /* Gone. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_true (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), &aside,
                                        &error));
  g_assert_no_error (error);
  g_assert_null (aside);
  g_assert_cmpint (count_projects (fixture->path), ==, 63);

  /* Killed with changes still in its WAL: they are written back before it is set aside. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(CarnetDb) db = carnet_db_open (fixture->path, NULL);

      if (db == NULL ||
          !carnet_db_exec (db, "UPDATE projects SET objectives = 'dans le WAL'", NULL))
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), &aside,
                                        &error));
  g_assert_no_error (error);
  aside_wal = g_strconcat (aside, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (aside_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (safety_query_int (aside, "SELECT count(*) FROM projects "
                                            "WHERE objectives = 'dans le WAL'"), ==, 63);
  g_assert_cmpint (safety_query_int (fixture->path, "SELECT count(*) FROM projects "
                                                    "WHERE objectives = 'dans le WAL'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/create-list", test_create_list);
  ADD ("/backup/auto", test_auto);
  ADD ("/backup/auto-async", test_auto_async);
  ADD ("/backup/prune", test_prune);
  ADD ("/backup/damaged", test_damaged);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-refused", test_restore_refused);
  ADD ("/backup/restore-busy", test_restore_busy);
  ADD ("/backup/restore-rescue", test_restore_rescue);

  return g_test_run ();
}
