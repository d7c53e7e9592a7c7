/* test-full-disk.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "carnet-backup.h"
#include "carnet-schema.h"
#include "carnet-store.h"
#include "safety-util.h"

/* A full disk: each write that does not fit says so (CARNET_DB_ERROR_FULL) and leaves the
 * database whole, with everything saved before, and usable once space is freed. On a small
 * tmpfs mounted in a mount namespace of this process (as root, or in a user namespace):
 * where neither is allowed, the tests are skipped, not passed. */

#define DISK_SIZE "2m"

typedef struct
{
  char *dir;
  char *path;
  char *filler;
} Fixture;

static char *mount_point;
static char *skip_reason;

static gboolean
write_all (const char *path,
           const char *text)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  gssize length = strlen (text);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, length) == length;
  close (fd);
  return ok;
}

/* Root makes a mount namespace; others a user namespace, where they are root. */
static gboolean
enter_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();
  g_autofree char *uid_map = NULL;
  g_autofree char *gid_map = NULL;

  if (unshare (CLONE_NEWNS) == 0)
    return TRUE;
  if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
    return FALSE;
  uid_map = g_strdup_printf ("0 %u 1", (guint)uid);
  gid_map = g_strdup_printf ("0 %u 1", (guint)gid);
  return write_all ("/proc/self/setgroups", "deny") &&
         write_all ("/proc/self/uid_map", uid_map) &&
         write_all ("/proc/self/gid_map", gid_map);
}

static void
mount_small_disk (void)
{
  g_autoptr(GError) error = NULL;

  mount_point = g_dir_make_tmp ("carnet-full-disk-XXXXXX", &error);
  g_assert_no_error (error);
  if (!enter_namespace ())
    {
      skip_reason = g_strdup_printf ("Cannot make a mount namespace here: %s",
                                     g_strerror (errno));
      return;
    }
  /* Our mounts stay ours; fails harmlessly where / is not a mount point (a chroot). */
  mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
  if (mount ("tmpfs", mount_point, "tmpfs", MS_NOSUID | MS_NODEV,
             "size=" DISK_SIZE ",mode=0700") != 0)
    skip_reason = g_strdup_printf ("Cannot mount a small tmpfs here: %s", g_strerror (errno));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint n;

  if (skip_reason != NULL)
    return;
  fixture->dir = g_strdup_printf ("%s/test-%u", mount_point, n++);
  g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->filler = g_build_filename (mount_point, "filler", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dir == NULL)
    return;
  g_unlink (fixture->filler);
  safety_remove_tree (fixture->dir);
  g_free (fixture->filler);
  g_free (fixture->path);
  g_free (fixture->dir);
}

#define SKIP_WITHOUT_DISK() \
  G_STMT_START { \
    if (skip_reason != NULL) \
      { \
        g_test_skip (skip_reason); \
        return; \
      } \
  } G_STMT_END

/* Takes every byte left but @leave. */
static void
fill_disk_leaving (Fixture *fixture,
                   gsize    leave)
{
  static char block[65536];
  int fd = g_open (fixture->filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  off_t size;

  g_assert_cmpint (fd, >=, 0);
  for (gsize chunk = sizeof block; chunk >= 1; chunk /= 2)
    while (write (fd, block, chunk) == (gssize)chunk)
      ;
  g_assert_cmpint (errno, ==, ENOSPC);
  size = lseek (fd, 0, SEEK_END);
  g_assert_cmpint (size, >, (off_t)leave);
  g_assert_cmpint (ftruncate (fd, size - leave), ==, 0);
  close (fd);
}

static void
fill_disk (Fixture *fixture)
{
  fill_disk_leaving (fixture, 0);
}

static void
free_disk (Fixture *fixture)
{
  g_assert_cmpint (g_unlink (fixture->filler), ==, 0);
}

static void
assert_full (GError     *error,
             const char *path)
{
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FULL);
  if (strstr (error->message, path) == NULL)
    g_error ("The message does not name the file: %s", error->message);
  g_test_message ("%s", error->message);
}

static CarnetRecord *
new_project (CarnetRecord *commune,
             const char   *title,
             gsize         text_size)
{
  CarnetRecord *project = g_object_new (CARNET_TYPE_PROJECT, NULL);
  g_autofree char *text = g_strnfill (text_size, 'x');

  carnet_record_set_string (project, "commune-uuid", carnet_record_get_uuid (commune));
  carnet_record_set_string (project, "title", title);
  carnet_record_set_string (project, "description", text);
  return project;
}

static void
assert_whole (const char *path,
              gint64      projects)
{
  g_autofree char *integrity = safety_query_text (path, "PRAGMA integrity_check");

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (safety_query_int (path, "SELECT count(*) FROM projects"), ==, projects);
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CarnetRecord) first = NULL;
  g_autoptr(CarnetRecord) after = NULL;
  g_autofree char *big = g_strnfill (16384, 'y');
  gboolean full = FALSE;

  SKIP_WITHOUT_DISK ();
  store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  g_assert_true (carnet_store_insert (store, commune, &error));
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Avant %u", i);
      g_autoptr(CarnetRecord) project = new_project (commune, title, 100);

      g_assert_true (carnet_store_insert (store, project, &error));
      g_assert_no_error (error);
      g_ptr_array_add (saved, g_strdup (carnet_record_get_uuid (project)));
    }

  fill_disk (fixture);
  for (guint i = 0; i < 500 && !full; i++)
    {
      g_autofree char *title = g_strdup_printf ("Pendant %u", i);
      g_autoptr(CarnetRecord) project = new_project (commune, title, 16384);

      if (carnet_store_insert (store, project, &error))
        g_ptr_array_add (saved, g_strdup (carnet_record_get_uuid (project)));
      else
        full = TRUE;
    }
  g_assert_true (full);
  assert_full (error, fixture->path);
  g_clear_error (&error);

  /* An update that needs room fails the same way; the store still reads. */
  first = carnet_store_get (store, CARNET_TYPE_PROJECT, g_ptr_array_index (saved, 0), &error);
  g_assert_no_error (error);
  if (!carnet_store_update_text (store, first, "description", big, &error))
    assert_full (error, fixture->path);
  g_clear_error (&error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==, saved->len);

  free_disk (fixture);
  g_assert_true (carnet_db_check (carnet_store_get_db (store), &error));
  g_assert_no_error (error);
  assert_whole (fixture->path, saved->len);
  for (guint i = 0; i < saved->len; i++)
    {
      g_autoptr(CarnetRecord) project = carnet_store_get (store, CARNET_TYPE_PROJECT,
                                                          g_ptr_array_index (saved, i), &error);
      g_assert_no_error (error);
      g_assert_nonnull (project);
    }
  after = new_project (commune, "Après", 16384);
  g_assert_true (carnet_store_insert (store, after, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_PROJECT, NULL, NULL), ==,
                    saved->len + 1);
}

static void
run_cli (const char **args,
         int         *status,
         char       **err)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "carnet-cli",
                                                NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                err, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* The app keeps the database open meanwhile. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CarnetStore) store = NULL;
  g_autofree char *big = NULL;
  g_autofree char *description = NULL;
  int status = 0;

  SKIP_WITHOUT_DISK ();
  safety_make_database (fixture->path, 5);
  store = carnet_store_open (fixture->path, NULL);
  g_assert_nonnull (store);
  big = g_strnfill (65536, 'z');
  description = g_strconcat ("description=", big, NULL);

  fill_disk (fixture);
  for (guint i = 0; i < 3; i++)
    {
      const char *add[] = { "--db", fixture->path, "project", "add", "--commune", "14047",
                            "--title", "Sur un disque plein", "--set", description, NULL };
      const char *backup[] = { "--db", fixture->path, "backup", "create", NULL };
      g_autofree char *err = NULL;

      run_cli (i < 2 ? add : backup, &status, &err);
      g_test_message ("%s", err);
      g_assert_cmpint (status, ==, 1);
      g_assert_nonnull (strstr (err, "full"));
      g_assert_nonnull (strstr (err, fixture->path));
    }
  free_disk (fixture);
  assert_whole (fixture->path, 5);
  {
    const char *list[] = { "--db", fixture->path, "project", "list", NULL };
    g_autofree char *err = NULL;

    run_cli (list, &status, &err);
    g_assert_cmpint (status, ==, 0);
  }
}

/* No half-made backup is left, and the older ones stay. */
static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) good = NULL;
  g_autoptr(CarnetBackup) none = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  SKIP_WITHOUT_DISK ();
  safety_make_database (fixture->path, 20);
  good = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  folder = carnet_backup_get_folder (fixture->path);
  before = safety_list_dir (folder);

  fill_disk (fixture);
  none = carnet_backup_create (fixture->path, CARNET_BACKUP_AUTO, &error);
  g_assert_null (none);
  assert_full (error, fixture->path);
  after = safety_list_dir (folder);
  g_assert_cmpstr (after, ==, before);
  free_disk (fixture);
  assert_whole (fixture->path, 20);
}

/* A database that cannot be created is not left half made. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autofree char *files = NULL;

  SKIP_WITHOUT_DISK ();
  fill_disk (fixture);
  db = carnet_db_open (fixture->path, &error);
  g_assert_null (db);
  assert_full (error, fixture->path);
  files = safety_list_dir (fixture->dir);
  g_assert_cmpstr (files, ==, "");
  free_disk (fixture);
  g_clear_error (&error);

  db = carnet_db_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *files = NULL;
  g_autofree char *files_after = NULL;

  SKIP_WITHOUT_DISK ();
  safety_make_database (fixture->path, 20);
  backup = carnet_backup_create (fixture->path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  safety_make_database (fixture->path, 20);
  before = safety_read_file (fixture->path);
  files = safety_list_dir (fixture->dir);

  fill_disk (fixture);
  g_assert_false (carnet_backup_restore (fixture->path, carnet_backup_get_path (backup), NULL,
                                         &error));
  assert_full (error, fixture->path);
  free_disk (fixture);
  safety_assert_same_file (fixture->path, before);
  files_after = safety_list_dir (fixture->dir);
  g_assert_cmpstr (files_after, ==, files);
  assert_whole (fixture->path, 40);
}

static gboolean
migrate_to_2 (CarnetDb  *db,
              int        from_version,
              GError   **error)
{
  return carnet_db_exec (db, "CREATE TABLE upgrade_step (x); PRAGMA user_version = 2;", error);
}

/* No upgrade without its backup. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *fixture_db = safety_fixture_path ("carnet-v1.db");

  SKIP_WITHOUT_DISK ();
  safety_copy_file (fixture_db, fixture->path);
  before = safety_read_file (fixture->path);

  /* Room to open it, not to copy it. */
  fill_disk_leaving (fixture, 48 * 1024);
  db = _carnet_db_open_full (fixture->path, FALSE, 2, migrate_to_2, &error);
  g_assert_null (db);
  assert_full (error, fixture->path);
  g_assert_nonnull (strstr (error->message, "not upgraded"));
  g_clear_error (&error);
  free_disk (fixture);

  safety_assert_same_file (fixture->path, before);
  backups = carnet_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
  g_assert_cmpint (safety_query_int (fixture->path, "PRAGMA user_version"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  mount_small_disk ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/full-disk/store", test_store);
  ADD ("/full-disk/cli", test_cli);
  ADD ("/full-disk/backup", test_backup);
  ADD ("/full-disk/create", test_create);
  ADD ("/full-disk/restore", test_restore);
  ADD ("/full-disk/migration", test_migration);

  status = g_test_run ();
  if (skip_reason == NULL)
    umount2 (mount_point, MNT_DETACH);
  g_rmdir (mount_point);
  g_free (mount_point);
  g_free (skip_reason);
  return status;
}
