/* carnet-backup-restore.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "carnet-backup-private.h"
#include "carnet-schema.h"

/* Restoring replaces the database with a checked copy of a backup, keeping the current file
 * aside, so that a restore can itself be undone. */

/* Opens a backup, checks all of it (PRAGMA integrity_check) and its version. */
static sqlite3 *
open_backup (const char  *path,
             int         *schema_version,
             GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  sqlite3 *handle;
  FILE *file;
  int version;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      _carnet_backup_set_errno_error (error, errno, _("Cannot open “%s”"), path);
      return NULL;
    }
  if (fread (header, 1, sizeof header, file) != sizeof header ||
      memcmp (header, magic, sizeof magic) != 0)
    {
      fclose (file);
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Carnet database"), path);
      return NULL;
    }
  fclose (file);

  handle = _carnet_backup_open_read_only (path, error);
  if (handle == NULL)
    return NULL;
  if (!_carnet_db_check_handle (handle, path, TRUE, error))
    {
      sqlite3_close (handle);
      return NULL;
    }
  version = _carnet_backup_read_version (handle);
  if (version > CARNET_SCHEMA_VERSION)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Carnet "
                     "(schema %d, this version reads up to %d)"),
                   path, version, CARNET_SCHEMA_VERSION);
      sqlite3_close (handle);
      return NULL;
    }
  if (version <= 0)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Carnet database"), path);
      sqlite3_close (handle);
      return NULL;
    }
  if (schema_version != NULL)
    *schema_version = version;
  return handle;
}

/**
 * carnet_backup_verify:
 * @schema_version: (out) (optional): its schema version
 *
 * Checks that @path is a whole Carnet database this version can read (PRAGMA
 * integrity_check): about 6 ms per MB.
 */
gboolean
carnet_backup_verify (const char  *path,
                      int         *schema_version,
                      GError     **error)
{
  sqlite3 *handle;

  g_return_val_if_fail (path != NULL, FALSE);

  handle = open_backup (path, schema_version, error);
  if (handle == NULL)
    return FALSE;
  sqlite3_close (handle);
  return TRUE;
}

/* Nobody may use the database while it is replaced: with an exclusive lock, taken only when
 * no other connection is open, its WAL is written back into it and removed. A database too
 * damaged to open is only moved aside. */
static gboolean
close_current (const char  *db_path,
               GError     **error)
{
  sqlite3 *handle = NULL;
  int rc;

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    return TRUE;
  rc = sqlite3_open_v2 (db_path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, 1000);
      sqlite3_extended_result_codes (handle, TRUE);
      rc = sqlite3_exec (handle, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;"
                         "PRAGMA wal_checkpoint (TRUNCATE);", NULL, NULL, NULL);
    }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_BUSY,
                   _("The database “%s” is in use by another program: close Carnet and "
                     "any command that uses it, then restore again"), db_path);
      sqlite3_close (handle);
      return FALSE;
    }
  sqlite3_close (handle);
  return TRUE;
}

/* Keeps the current file under another name in the same folder: a hard link, so that the
 * database never stops existing under its own name; a copy where links are not possible. */
static gboolean
set_current_aside (const char  *db_path,
                   const char  *aside,
                   GError     **error)
{
  g_autofree char *wal = NULL;
  g_autofree char *wal_aside = NULL;
  g_autofree char *shm = NULL;

  if (link (db_path, aside) != 0)
    {
      g_autoptr(GFile) from = g_file_new_for_path (db_path);
      g_autoptr(GFile) to = g_file_new_for_path (aside);
      g_autoptr(GError) local = NULL;

      if (!g_file_copy (from, to, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &local))
        {
          g_set_error (error, CARNET_DB_ERROR,
                       g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ?
                       CARNET_DB_ERROR_FULL : CARNET_DB_ERROR_FAILED,
                       _("Cannot keep the current database as “%s”: %s"), aside,
                       local->message);
          return FALSE;
        }
      g_chmod (aside, 0600);
      if (!_carnet_backup_sync_path (aside, FALSE, error))
        return FALSE;
    }

  /* What SQLite could not write back stays with the file it belongs to: a WAL left beside
   * the restored database would be replayed into it. The -shm only indexes the WAL, and
   * is rebuilt. */
  wal = g_strconcat (db_path, "-wal", NULL);
  wal_aside = g_strconcat (aside, "-wal", NULL);
  shm = g_strconcat (db_path, "-shm", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && g_rename (wal, wal_aside) != 0)
    return _carnet_backup_set_errno_error (error, errno, _("Cannot move “%s”"), wal);
  if (g_unlink (shm) != 0 && errno != ENOENT)
    return _carnet_backup_set_errno_error (error, errno, _("Cannot delete “%s”"), shm);
  return TRUE;
}

static char *
aside_path (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (int i = 0; ; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_add_seconds (now, i);
      g_autofree char *stamp = g_date_time_format (time, STAMP_FORMAT);
      g_autofree char *path = g_strdup_printf ("%s.before-restore-%sZ", db_path, stamp);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * carnet_backup_restore:
 * @db_path: the database to replace; nothing may have it open (close the store first)
 * @backup_path: a backup, or any Carnet database
 * @set_aside: (out) (optional) (nullable): where the replaced database was kept, or %NULL
 *   when there was none
 *
 * Replaces the database with a copy of the backup, once the backup has been checked whole
 * and readable by this version. The current database is kept beside it as
 * `carnet.db.before-restore-<UTC time>`, with its -wal, and the copy is put in place with
 * a rename: whenever it stops, the database is either the old one or the restored one. A
 * backup from an older version is upgraded the next time the database is opened.
 */
gboolean
carnet_backup_restore (const char  *db_path,
                       const char  *backup_path,
                       char       **set_aside,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) local = NULL;
  sqlite3 *handle;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (set_aside != NULL)
    *set_aside = NULL;
  if (same_file (db_path, backup_path))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("“%s” is the database itself, not a backup of it"), backup_path);
      return FALSE;
    }

  handle = open_backup (backup_path, NULL, &local);
  if (handle == NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, local->code,
                   _("The backup “%s” cannot be restored: %s"), backup_path, local->message);
      return FALSE;
    }

  dir = g_path_get_dirname (db_path);
  base = g_path_get_basename (db_path);
  ok = close_current (db_path, error) &&
       (temporary = _carnet_backup_make_temporary (dir, base, error)) != NULL &&
       _carnet_backup_vacuum_into (handle, temporary, db_path, _("the restored database"),
                                   error);
  sqlite3_close (handle);
  if (!ok)
    {
      if (temporary != NULL)
        _carnet_backup_remove_temporary (temporary);
      return FALSE;
    }

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      aside = aside_path (db_path);
      if (!set_current_aside (db_path, aside, error))
        {
          _carnet_backup_remove_temporary (temporary);
          return FALSE;
        }
    }
  if (g_rename (temporary, db_path) != 0)
    {
      int saved = errno;

      _carnet_backup_remove_temporary (temporary);
      return _carnet_backup_set_errno_error (error, saved, _("Cannot replace “%s”"), db_path);
    }
  if (!_carnet_backup_sync_path (dir, TRUE, error))
    return FALSE;

  g_debug ("Restored %s from %s", db_path, backup_path);
  if (set_aside != NULL)
    *set_aside = g_steal_pointer (&aside);
  return TRUE;
}
