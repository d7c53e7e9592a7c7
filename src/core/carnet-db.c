/* carnet-db.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carnet-backup.h"
#include "carnet-collate.h"
#include "carnet-db.h"
#include "carnet-schema.h"

struct _CarnetDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  GHashTable *statements;
  guint       transaction_depth;
  gboolean    aborted;
  int         schema_version;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (CarnetDb, carnet_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (carnet-db-error-quark, carnet_db_error)

static int
error_code_for (int sqlite_code)
{
  switch (sqlite_code & 0xff)
    {
    case SQLITE_FULL:
      return CARNET_DB_ERROR_FULL;
    case SQLITE_READONLY:
      return CARNET_DB_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CARNET_DB_ERROR_BUSY;
    case SQLITE_CORRUPT:
      return CARNET_DB_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return CARNET_DB_ERROR_NOT_A_DATABASE;
    case SQLITE_CONSTRAINT:
      return CARNET_DB_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return CARNET_DB_ERROR_OPEN;
    default:
      return CARNET_DB_ERROR_FAILED;
    }
}

/* SQLite says “disk I/O error” when a full disk stops it from growing its -shm or -wal: the
 * system's error tells. */
static int
refine_code (sqlite3 *handle,
             int      code)
{
  int system_errno = handle != NULL ? sqlite3_system_errno (handle) : 0;

  if (((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN) &&
      (system_errno == ENOSPC || system_errno == EDQUOT))
    return SQLITE_FULL;
  return code;
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *handle,
                  int          code,
                  const char  *path,
                  const char  *what)
{
  const char *detail = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (code);

  code = refine_code (handle, code);
  switch (error_code_for (code))
    {
    case CARNET_DB_ERROR_FULL:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FULL,
                   _("The disk holding “%s” is full: %s could not be completed. Free some "
                     "space, then try again."), path, what);
      break;
    case CARNET_DB_ERROR_READ_ONLY:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY,
                   _("The database “%s” is read-only: %s could not be completed"), path, what);
      break;
    case CARNET_DB_ERROR_BUSY:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_BUSY,
                   _("The database “%s” is in use by another program: %s could not be "
                     "completed. Try again in a moment."), path, what);
      break;
    case CARNET_DB_ERROR_CORRUPT:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s)"), path, detail);
      break;
    case CARNET_DB_ERROR_NOT_A_DATABASE:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Carnet database"), path);
      break;
    case CARNET_DB_ERROR_OPEN:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path, detail);
      break;
    default:
      g_set_error (error, CARNET_DB_ERROR, error_code_for (code),
                   /* Translators: what was being done, then SQLite's own words */
                   _("%s: %s"), what, detail);
      break;
    }
}

void
_carnet_db_set_error (GError     **error,
                      sqlite3     *handle,
                      int          code,
                      const char  *path,
                      const char  *what)
{
  set_sqlite_error (error, handle, code, path, what);
}

/**
 * carnet_db_propagate:
 * @what: what was being done, for the message
 *
 * Sets @error from the connection's last SQLite error. Returns %FALSE so that callers can
 * `return carnet_db_propagate (…)`.
 */
gboolean
carnet_db_propagate (CarnetDb   *self,
                     GError    **error,
                     const char *what)
{
  set_sqlite_error (error, self->handle, sqlite3_extended_errcode (self->handle), self->path, what);
  return FALSE;
}

static void
carnet_db_finalize (GObject *object)
{
  CarnetDb *self = (CarnetDb *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);

  G_OBJECT_CLASS (carnet_db_parent_class)->finalize (object);
}

static void
carnet_db_class_init (CarnetDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carnet_db_finalize;
}

static void
carnet_db_init (CarnetDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)sqlite3_finalize);
}

/**
 * carnet_db_default_path:
 *
 * Returns: the database path: `$CARNET_DB` when set (tests, scripts), otherwise
 *   `carnet/carnet.db` in the user's XDG data folder.
 */
char *
carnet_db_default_path (void)
{
  const char *env = g_getenv ("CARNET_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "carnet", "carnet.db", NULL);
}

char *
carnet_db_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* The first bytes of a file, as SQLite lays them out. */
typedef struct
{
  guint8  bytes[100];
  gssize  length;
  goffset file_size;
} Header;

static guint32
header_uint32 (const Header *header,
               guint         offset)
{
  const guint8 *p = header->bytes + offset;

  return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* The header promises more than the file holds: the file was cut short (a copy that
 * stopped, a full USB stick). Said apart from other damage, since the remedy differs. A
 * header SQLite would not accept anyway, or one that a WAL may complete (a checkpoint
 * writes page 1 first), is left for SQLite to judge. */
static gboolean
header_is_truncated (const Header *header,
                     const char   *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint page_size;
  guint32 pages;
  GStatBuf st;

  if (header->length < (gssize)sizeof header->bytes)
    return TRUE;
  page_size = header->bytes[16] << 8 | header->bytes[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    return FALSE;
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return FALSE;
  if (header->file_size % page_size != 0)
    return TRUE;
  /* The page count is only valid when written with the change counter. */
  if (header_uint32 (header, 24) != header_uint32 (header, 92))
    return FALSE;
  pages = header_uint32 (header, 28);
  return pages > 0 && (goffset)pages * page_size > header->file_size;
}

/* A file that exists and is not empty must start with SQLite's header; anything else is
 * refused rather than handed to SQLite, which could otherwise treat it as a new database.
 * Sets @is_new when there is no file or an empty one. */
static gboolean
check_header (const char  *path,
              gboolean    *is_new,
              gboolean    *exists,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  Header header = { { 0 }, 0, 0 };
  struct stat st;
  int fd;

  *is_new = FALSE;
  *exists = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        {
          *is_new = TRUE;
          return TRUE;
        }
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  *exists = TRUE;
  if (fstat (fd, &st) == 0)
    header.file_size = st.st_size;
  do
    header.length = read (fd, header.bytes, sizeof header.bytes);
  while (header.length < 0 && errno == EINTR);
  close (fd);

  if (header.length == 0)
    {
      *is_new = TRUE;
      return TRUE;
    }
  if (header.length < (gssize)sizeof magic || memcmp (header.bytes, magic, sizeof magic) != 0)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Carnet database"), path);
      return FALSE;
    }
  if (header_is_truncated (&header, path))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_TRUNCATED,
                   _("The database “%s” is incomplete: the file is shorter than it should be, "
                     "as when a copy stops half way. It was left untouched."), path);
      return FALSE;
    }
  return TRUE;
}

/* A new database is created readable by its owner only, before SQLite opens it: SQLite
 * gives its -wal and -shm files the rights of the database file. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, CARNET_DB_ERROR,
                   saved == EACCES || saved == EROFS ? CARNET_DB_ERROR_READ_ONLY :
                   saved == ENOSPC ? CARNET_DB_ERROR_FULL : CARNET_DB_ERROR_OPEN,
                   _("Cannot create the database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* The database, its -wal and -shm, and the folders of backups and attachments beside it are
 * readable by their owner only: they hold notes about people and places. A file made by an
 * older run or copied with looser rights is tightened when opened. */
static void
restrict_permissions (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  static const char *folders[] = { "backups", "attachments" };
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_chmod (file, 0600);
    }
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (dir, folders[i], NULL);

      if (g_file_test (folder, G_FILE_TEST_IS_DIR))
        g_chmod (folder, 0700);
    }
}

/* The errors of opening, said for someone looking at a file they chose. */
static void
set_open_error (GError     **error,
                sqlite3     *handle,
                int          code,
                const char  *path)
{
  switch (error_code_for (refine_code (handle, code)))
    {
    case CARNET_DB_ERROR_BUSY:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_BUSY,
                   _("The database “%s” is locked by another program. Close the other Carnet "
                     "window or command that uses it, then try again."), path);
      break;
    case CARNET_DB_ERROR_CORRUPT:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). It was left untouched."),
                   path, handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (code));
      break;
    case CARNET_DB_ERROR_FULL:
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FULL,
                   _("The disk holding “%s” is full: Carnet cannot open the database. Free "
                     "some space, then try again."), path);
      break;
    default:
      set_sqlite_error (error, handle, code, path, _("opening the database"));
      break;
    }
}

static gboolean
read_int (CarnetDb    *self,
          const char  *sql,
          int         *value,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not through carnet_db_prepare(): on a damaged file this is an error to report, not a
   * programming error to warn about. */
  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_open_error (error, self->handle, sqlite3_extended_errcode (self->handle), self->path);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * _carnet_db_check_handle:
 * @full: %TRUE for `PRAGMA integrity_check` (also compares indexes with their tables),
 *   %FALSE for `PRAGMA quick_check` (every page and record, in about a third of the time)
 *
 * Checks the structure of the database open on @handle; its damage, if any, is a
 * %CARNET_DB_ERROR_CORRUPT naming @path.
 */
gboolean
_carnet_db_check_handle (sqlite3     *handle,
                         const char  *path,
                         gboolean     full,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, full ? "PRAGMA integrity_check (1)" : "PRAGMA quick_check (1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") != 0)
        problem = g_strdup (result != NULL ? result : "?");
    }
  else
    {
      rc = sqlite3_extended_errcode (handle);
      if (error_code_for (rc) != CARNET_DB_ERROR_CORRUPT &&
          error_code_for (rc) != CARNET_DB_ERROR_NOT_A_DATABASE)
        {
          set_open_error (error, handle, rc, path);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      problem = g_strdup (sqlite3_errmsg (handle));
    }
  sqlite3_finalize (stmt);

  if (problem != NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). It was left untouched."),
                   path, problem);
      return FALSE;
    }
  return TRUE;
}

/* A database at version 0 with tables in it belongs to another program: Carnet would add
 * its own tables to it. */
static gboolean
schema_is_empty (CarnetDb  *self,
                 gboolean  *empty,
                 GError   **error)
{
  int count = 0;

  if (!read_int (self, "SELECT count(*) FROM sqlite_schema", &count, error))
    return FALSE;
  *empty = count == 0;
  return TRUE;
}

/* Opening a folder the user cannot write would fail later, at the first save, or when SQLite
 * needs its -wal file. */
static gboolean
folder_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK | X_OK) == 0;
}

/* Migrations run in one transaction, after a backup: a failure leaves the file as it was,
 * and an upgrade the user regrets can be undone from backups/. */
static gboolean
upgrade (CarnetDb             *self,
         int                   version,
         int                   target,
         CarnetDbMigrateFunc   migrate,
         GError              **error)
{
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GError) local = NULL;

  if (version > 0)
    {
      backup = carnet_backup_create (self->path, CARNET_BACKUP_BEFORE_UPGRADE, &local);
      if (backup == NULL)
        {
          g_set_error (error, CARNET_DB_ERROR, local->code,
                       _("The database “%s” was not upgraded, because no copy of it could be "
                         "saved first: %s"), self->path, local->message);
          return FALSE;
        }
    }

  if (carnet_db_begin (self, &local) &&
      migrate (self, version, &local) &&
      carnet_db_commit (self, &local))
    return TRUE;
  carnet_db_rollback (self);

  if (version == 0 && local->code == CARNET_DB_ERROR_FULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FULL,
                   _("The disk holding “%s” is full: the database could not be created. Free "
                     "some space, then try again."), self->path);
      return FALSE;
    }
  if (version == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_set_error (error, CARNET_DB_ERROR,
               local->code == CARNET_DB_ERROR_FULL || local->code == CARNET_DB_ERROR_BUSY ||
               local->code == CARNET_DB_ERROR_READ_ONLY ? local->code :
               CARNET_DB_ERROR_UPGRADE_FAILED,
               _("The database “%s” could not be upgraded from version %d to %d (%s). It was "
                 "left as it was; a copy made just before is in “%s”."),
               self->path, version, target, local->message, carnet_backup_get_path (backup));
  return FALSE;
}

static gboolean
configure (CarnetDb  *self,
           GError   **error)
{
  static const char *pragmas =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA temp_store = MEMORY;";

  /* Lists sort by it (carnet-collate.c): case and accents do not separate names. */
  sqlite3_create_collation (self->handle, "carnet", SQLITE_UTF8, NULL, carnet_collate_sqlite);
  if (sqlite3_exec (self->handle, pragmas, NULL, NULL, NULL) != SQLITE_OK)
    return carnet_db_propagate (self, error, _("opening the database"));
  return TRUE;
}

/* Switched to only once the file is known good and current: the switch rewrites the header,
 * and a file that is refused or fails to upgrade must be left byte for byte as it was.
 *
 * WAL lets readers go on while a change is written, and with synchronous=FULL each commit
 * is synced to the WAL before it returns: a change the app showed as saved survives a
 * killed process and a power cut. NORMAL would be faster but may lose the last commits
 * on power loss, which we do not accept for someone's years of notes (tests/crash shows
 * both). */
static gboolean
use_wal (CarnetDb  *self,
         GError   **error)
{
  if (sqlite3_exec (self->handle, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
    return carnet_db_propagate (self, error, _("opening the database"));
  return TRUE;
}

/* A read-only database in a folder that cannot be written has no -wal or -shm and cannot get
 * them: SQLite is told that nothing will change it (immutable), which is true as no one can
 * write there. */
static char *
read_only_uri (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;

  if (folder_is_writable (path) || g_file_test (wal, G_FILE_TEST_EXISTS))
    return NULL;
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return NULL;
  return g_strconcat (uri, "?immutable=1", NULL);
}

static gboolean
open_database (CarnetDb             *self,
               const char           *path,
               gboolean              read_only,
               int                   target_version,
               CarnetDbMigrateFunc   migrate,
               gboolean             *created,
               GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  gboolean is_new, exists, empty = TRUE;
  GStatBuf st;
  int version = 0;
  int flags;
  int rc;

  self->path = path != NULL ? g_strdup (path) : carnet_db_default_path ();
  self->read_only = read_only;
  dir = g_path_get_dirname (self->path);
  if (!read_only && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  if (!check_header (self->path, &is_new, &exists, error))
    return FALSE;

  if (read_only && !exists)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_OPEN,
                   _("The database “%s” does not exist"), self->path);
      return FALSE;
    }
  if (read_only && is_new)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Carnet database"), self->path);
      return FALSE;
    }
  if (!read_only && exists && !folder_is_writable (self->path))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY,
                   _("The folder “%s” cannot be written, so the database “%s” in it can "
                     "only be opened read-only"), dir, self->path);
      return FALSE;
    }
  if (!read_only && !exists)
    {
      if (!create_private_file (self->path, error))
        return FALSE;
      *created = TRUE;
    }

  flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOFOLLOW;
  if (read_only && (uri = read_only_uri (self->path)) != NULL)
    flags |= SQLITE_OPEN_URI;
  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, self->handle, rc, self->path);
      return FALSE;
    }
  sqlite3_busy_timeout (self->handle, 5000);
  sqlite3_extended_result_codes (self->handle, TRUE);

  /* SQLite falls back to reading a file it may not write, without a word. */
  if (!read_only && sqlite3_db_readonly (self->handle, "main") == 1)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY,
                   _("You may not change the database “%s”, so it can only be opened "
                     "read-only"), self->path);
      return FALSE;
    }

  if (!read_int (self, "PRAGMA user_version", &version, error))
    return FALSE;

  if (version > target_version)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Carnet "
                     "(schema %d, this version reads up to %d)"),
                   self->path, version, target_version);
      return FALSE;
    }
  if (version == 0 && !is_new && !schema_is_empty (self, &empty, error))
    return FALSE;
  if (version == 0 && (!empty || read_only))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Carnet database"), self->path);
      return FALSE;
    }
  if (read_only && version < target_version)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_TOO_OLD,
                   _("The database “%s” was written by an older version of Carnet: it must "
                     "be upgraded, which cannot be done read-only"), self->path);
      return FALSE;
    }

  /* Measured: 1.2 s for a 240 MB database with a warm cache, 2 s from disk; so only small
   * files are checked here, the others by the daily backup. */
  if (version > 0 && g_stat (self->path, &st) == 0 && st.st_size <= CARNET_DB_CHECK_AT_OPEN_MAX &&
      !_carnet_db_check_handle (self->handle, self->path, FALSE, error))
    return FALSE;

  if (!configure (self, error))
    return FALSE;

  if (!read_only)
    {
      if (version < target_version && !upgrade (self, version, target_version, migrate, error))
        return FALSE;
      if (!use_wal (self, error))
        return FALSE;
      restrict_permissions (self->path);
    }
  self->schema_version = target_version;
  return TRUE;
}


/**
 * _carnet_db_open_full:
 * @path: (nullable): the file, or %NULL for carnet_db_default_path()
 * @read_only: open without ever writing
 * @target_version: the schema version to migrate to
 * @migrate: the migrations
 *
 * Opens the database. What could not be understood is refused and left untouched: a file
 * that is not SQLite, a truncated or damaged one, one from a newer Carnet, one of another
 * program, one locked by another program, or one that cannot be written (unless
 * @read_only). Each has its own #CarnetDbError.
 */
CarnetDb *
_carnet_db_open_full (const char           *path,
                      gboolean              read_only,
                      int                   target_version,
                      CarnetDbMigrateFunc   migrate,
                      GError              **error)
{
  g_autoptr(CarnetDb) self = g_object_new (CARNET_TYPE_DB, NULL);
  gboolean created = FALSE;

  if (open_database (self, path, read_only, target_version, migrate, &created, error))
    return g_steal_pointer (&self);

  /* A database this call created and could not finish (on a full disk) is not left half
   * made. */
  if (created)
    {
      static const char *suffixes[] = { "", "-journal", "-wal", "-shm" };

      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);

          g_unlink (file);
        }
    }
  return NULL;
}

/**
 * carnet_db_open:
 * @path: (nullable): the file, or %NULL for carnet_db_default_path()
 *
 * Opens or creates the database and migrates it to the current schema, after saving a copy
 * of it in the backups/ folder beside it. Whatever cannot be opened safely is refused with
 * its own #CarnetDbError and left untouched; %CARNET_DB_ERROR_READ_ONLY means that
 * carnet_db_open_read_only() would work.
 */
CarnetDb *
carnet_db_open (const char  *path,
                GError     **error)
{
  return _carnet_db_open_full (path, FALSE, CARNET_SCHEMA_VERSION, carnet_schema_migrate, error);
}

/**
 * carnet_db_open_read_only:
 * @path: (nullable): the file, or %NULL for carnet_db_default_path()
 *
 * Opens an existing database without writing to it, ever: for a file or folder that may
 * not be written, or to look without risk. Changes are then refused with
 * %CARNET_DB_ERROR_READ_ONLY. A database that needs upgrading is refused with
 * %CARNET_DB_ERROR_TOO_OLD.
 */
CarnetDb *
carnet_db_open_read_only (const char  *path,
                          GError     **error)
{
  return _carnet_db_open_full (path, TRUE, CARNET_SCHEMA_VERSION, carnet_schema_migrate, error);
}

gboolean
carnet_db_is_read_only (CarnetDb *self)
{
  g_return_val_if_fail (CARNET_IS_DB (self), FALSE);

  return self->read_only;
}

/**
 * carnet_db_check:
 *
 * Checks every page of the database (PRAGMA quick_check): about 5 ms per MB. Damage is a
 * %CARNET_DB_ERROR_CORRUPT.
 */
gboolean
carnet_db_check (CarnetDb  *self,
                 GError   **error)
{
  g_return_val_if_fail (CARNET_IS_DB (self), FALSE);

  return _carnet_db_check_handle (self->handle, self->path, FALSE, error);
}

/**
 * carnet_db_get_attachments_dir:
 *
 * Returns: (transfer full): the folder of attached files, `attachments/` beside the
 *   database, created readable by its owner only (unless the database is read-only).
 */
char *
carnet_db_get_attachments_dir (CarnetDb  *self,
                               GError   **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (CARNET_IS_DB (self), NULL);

  dir = g_path_get_dirname (self->path);
  folder = g_build_filename (dir, "attachments", NULL);
  if (self->read_only)
    return g_steal_pointer (&folder);
  if (g_mkdir (folder, 0700) != 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, CARNET_DB_ERROR,
                   saved == ENOSPC ? CARNET_DB_ERROR_FULL : CARNET_DB_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), folder, g_strerror (saved));
      return NULL;
    }
  g_chmod (folder, 0700);
  return g_steal_pointer (&folder);
}

const char *
carnet_db_get_path (CarnetDb *self)
{
  g_return_val_if_fail (CARNET_IS_DB (self), NULL);

  return self->path;
}

int
carnet_db_get_schema_version (CarnetDb *self)
{
  g_return_val_if_fail (CARNET_IS_DB (self), 0);

  return self->schema_version;
}

sqlite3 *
carnet_db_get_handle (CarnetDb *self)
{
  g_return_val_if_fail (CARNET_IS_DB (self), NULL);

  return self->handle;
}

/**
 * carnet_db_prepare:
 * @sql: a statement; it must be a string that lives as long as the process (a literal)
 *   or is interned, since it keys the cache
 *
 * Returns: (transfer none): a cached statement, reset and with its bindings cleared. Step it
 *   to the end (or reset it) before preparing the same SQL again.
 */
sqlite3_stmt *
carnet_db_prepare (CarnetDb    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CARNET_IS_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      carnet_db_propagate (self, error, _("preparing a query"));
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->handle));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Steps a statement that returns no rows, and resets it. */
gboolean
carnet_db_step_done (CarnetDb      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      carnet_db_propagate (self, error, _("the change"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
carnet_db_exec (CarnetDb    *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (CARNET_IS_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return carnet_db_propagate (self, error, _("the change"));
  return TRUE;
}

/* Transactions nest: only the outermost begin and commit reach SQLite, so a store call can
 * be part of a larger all-or-nothing operation such as an import. */
gboolean
carnet_db_begin (CarnetDb  *self,
                 GError   **error)
{
  g_return_val_if_fail (CARNET_IS_DB (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY,
                   _("The database “%s” is open read-only: the change was not saved"),
                   self->path);
      return FALSE;
    }
  /* After an inner rollback SQLite is back in autocommit: a new level would write outside
   * the transaction its caller believes it is in. */
  if (self->aborted)
    {
      g_set_error_literal (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED,
                           _("The change was cancelled and nothing was saved"));
      return FALSE;
    }
  if (self->transaction_depth == 0 &&
      sqlite3_exec (self->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return carnet_db_propagate (self, error, _("the change"));
  self->transaction_depth++;
  return TRUE;
}

gboolean
carnet_db_commit (CarnetDb  *self,
                  GError   **error)
{
  g_return_val_if_fail (CARNET_IS_DB (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->aborted)
    {
      /* An inner level rolled back: the whole transaction is already gone. */
      if (--self->transaction_depth == 0)
        self->aborted = FALSE;
      g_set_error_literal (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED,
                           _("The change was cancelled and nothing was saved"));
      return FALSE;
    }
  if (self->transaction_depth > 1)
    {
      self->transaction_depth--;
      return TRUE;
    }
  if (sqlite3_exec (self->handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      carnet_db_propagate (self, error, _("the change"));
      carnet_db_rollback (self);
      return FALSE;
    }
  self->transaction_depth = 0;
  return TRUE;
}

/* Rolling back an inner level rolls back the whole transaction: the outer levels then
 * commit nothing, which is what all-or-nothing callers want. */
void
carnet_db_rollback (CarnetDb *self)
{
  g_return_if_fail (CARNET_IS_DB (self));

  if (self->transaction_depth == 0)
    return;
  if (sqlite3_get_autocommit (self->handle) == 0)
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  self->transaction_depth--;
  self->aborted = self->transaction_depth > 0;
}
