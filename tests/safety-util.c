/* safety-util.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "carnet-store.h"
#include "safety-util.h"

/* The user the tests of permissions run as when run as root, who may read anything. */
#define NOBODY 65534

char *
safety_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("carnet-safety-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Also removes what a test made read-only. */
void
safety_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          safety_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

GBytes *
safety_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
safety_assert_same_file (const char *path,
                         GBytes     *before)
{
  g_autoptr(GBytes) after = safety_read_file (path);

  if (!g_bytes_equal (before, after))
    g_error ("%s was modified (%zu bytes before, %zu after)", path,
             g_bytes_get_size (before), g_bytes_get_size (after));
}

/* The names in @dir, sorted, joined by spaces. */
char *
safety_list_dir (const char *dir_path)
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

int
safety_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  return st.st_mode & 0777;
}

void
safety_copy_file (const char *from,
                  const char *to)
{
  g_autoptr(GBytes) bytes = safety_read_file (from);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

char *
safety_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* A database with a commune and @n_projects more projects, each with a page of text. */
void
safety_make_database (const char *path,
                      guint       n_projects)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  g_autoptr(CarnetRecord) commune = NULL;
  g_autofree char *text = g_strnfill (1500, 'a');

  g_assert_no_error (error);
  g_assert_no_error (error);
  commune = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");
  if (commune == NULL)
    {
      commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
      g_assert_true (carnet_store_insert (store, commune, &error));
      g_assert_no_error (error);
    }
  g_assert_true (carnet_db_begin (carnet_store_get_db (store), &error));
  for (guint i = 0; i < n_projects; i++)
    {
      g_autoptr(CarnetRecord) project = g_object_new (CARNET_TYPE_PROJECT, NULL);
      g_autofree char *title = g_strdup_printf ("Projet %u", i);

      carnet_record_set_string (project, "commune-uuid", carnet_record_get_uuid (commune));
      carnet_record_set_string (project, "title", title);
      carnet_record_set_string (project, "description", text);
      g_assert_true (carnet_store_insert (store, project, &error));
      g_assert_no_error (error);
    }
  g_assert_true (carnet_db_commit (carnet_store_get_db (store), &error));
  g_assert_no_error (error);
}

static sqlite3 *
open_raw (const char *path,
          int         flags)
{
  sqlite3 *handle = NULL;

  if (sqlite3_open_v2 (path, &handle, flags, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (handle));
  sqlite3_busy_timeout (handle, 5000);
  return handle;
}

gint64
safety_query_int (const char *path,
                  const char *sql)
{
  sqlite3 *handle = open_raw (path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: %s: %s", path, sql, sqlite3_errmsg (handle));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

char *
safety_query_text (const char *path,
                   const char *sql)
{
  sqlite3 *handle = open_raw (path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = NULL;
  char *value;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: %s: %s", path, sql, sqlite3_errmsg (handle));
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

/* Another program's write. */
void
safety_exec (const char *path,
             const char *sql)
{
  sqlite3 *handle = open_raw (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s: %s", path, sql, sqlite3_errmsg (handle));
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

/* Overwrites the first page of @table with garbage, as a failing disk would: the header and
 * the schema stay readable, the table does not. */
void
safety_corrupt_table (const char *path,
                      const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'",
                                          table);
  gint64 page_size = safety_query_int (path, "PRAGMA page_size");
  gint64 root = safety_query_int (path, sql);
  guint8 garbage[256];
  FILE *file;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8)(0xff - i * 13);
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (root - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, file), ==, sizeof garbage);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Root reads and writes whatever the permissions say: the tests of permissions run as
 * “nobody” then. */
gboolean
safety_can_drop_privileges (void)
{
  int status = 0;
  pid_t pid;

  if (geteuid () != 0)
    return TRUE;
  pid = fork ();
  if (pid == 0)
    _exit (setgid (NOBODY) == 0 && setuid (NOBODY) == 0 ? 0 : 1);
  if (pid < 0 || waitpid (pid, &status, 0) != pid)
    return FALSE;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

void
safety_drop_privileges (void)
{
  if (geteuid () != 0)
    return;
  if (setgroups (0, NULL) != 0 && errno != EPERM)
    g_error ("setgroups: %s", g_strerror (errno));
  if (setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    g_error ("Cannot become nobody: %s", g_strerror (errno));
  g_assert_cmpint (geteuid (), ==, NOBODY);
}
