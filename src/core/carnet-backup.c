/* carnet-backup.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "carnet-backup-private.h"
#include "carnet-schema.h"

/* Backups are whole copies of the database in `backups/` beside it, made online with
 * VACUUM INTO (a consistent snapshot, even while the app writes), named after the database,
 * the UTC time and the schema version: `carnet-20260312T101530Z-v1-auto.db`. A copy is
 * written under a temporary name, synced, checked and only then renamed, so that a backup
 * that is listed is a whole one, whatever happens while it is made. */

struct _CarnetBackup
{
  GObject           parent_instance;

  char             *path;
  GDateTime        *time;
  int               schema_version;
  goffset           size;
  CarnetBackupKind  kind;
};

G_DEFINE_FINAL_TYPE (CarnetBackup, carnet_backup, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CarnetBackupKind, carnet_backup_kind,
  G_DEFINE_ENUM_VALUE (CARNET_BACKUP_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (CARNET_BACKUP_MANUAL, "manual"),
  G_DEFINE_ENUM_VALUE (CARNET_BACKUP_BEFORE_UPGRADE, "before-upgrade"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_TIME,
  PROP_SCHEMA_VERSION,
  PROP_SIZE,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In file names: never translated. */
static const char *kind_names[] = { "auto", "manual", "before-upgrade" };

#define DAY (G_TIME_SPAN_DAY)

static CarnetBackup *
carnet_backup_new (const char       *path,
                   GDateTime        *time,
                   int               schema_version,
                   goffset           size,
                   CarnetBackupKind  kind)
{
  CarnetBackup *self = g_object_new (CARNET_TYPE_BACKUP, NULL);

  self->path = g_strdup (path);
  self->time = g_date_time_ref (time);
  self->schema_version = schema_version;
  self->size = size;
  self->kind = kind;
  return self;
}

/* Errors of files, said with the codes of the database. */
static int
error_code_for_errno (int saved)
{
  switch (saved)
    {
    case ENOSPC:
    case EDQUOT:
      return CARNET_DB_ERROR_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
      return CARNET_DB_ERROR_READ_ONLY;
    case ENOENT:
      return CARNET_DB_ERROR_NOT_FOUND;
    default:
      return CARNET_DB_ERROR_FAILED;
    }
}

gboolean
_carnet_backup_set_errno_error (GError     **error,
                                int          saved,
                                const char  *format,
                                ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CARNET_DB_ERROR, error_code_for_errno (saved),
               /* Translators: what was being done, then why it failed */
               _("%s: %s"), what, g_strerror (saved));
  return FALSE;
}

/* Data reaches the disk, and a rename is kept, only once synced. */
gboolean
_carnet_backup_sync_path (const char  *path,
                          gboolean     folder,
                          GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0), 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      return _carnet_backup_set_errno_error (error, saved, _("Cannot save “%s” to the disk"),
                                             path);
    }
  close (fd);
  return TRUE;
}

/* “carnet” for carnet.db: backups of several databases can share a folder. */
static char *
database_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/* To the second; to the microsecond (“20260312T101530.482913Z”) for a backup made in the same
 * second as another. */
static char *
backup_name (const char       *db_path,
             GDateTime        *time,
             gboolean          precise,
             int               version,
             CarnetBackupKind  kind)
{
  g_autofree char *stem = database_stem (db_path);
  g_autofree char *stamp = g_date_time_format (time, precise ? STAMP_FORMAT ".%f" : STAMP_FORMAT);

  return g_strdup_printf ("%s-%sZ-v%d-%s.db", stem, stamp, version, kind_names[kind]);
}

/* Whether a backup was named in the second of @time: the next ones in that second are named
 * to the microsecond, after it. */
static gboolean
second_is_taken (const char *folder,
                 const char *db_path,
                 GDateTime  *time)
{
  g_autofree char *stem = database_stem (db_path);
  g_autofree char *stamp = g_date_time_format (time, STAMP_FORMAT);
  g_autofree char *prefix = g_strdup_printf ("%s-%s", stem, stamp);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gsize length = strlen (prefix);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && (name[length] == 'Z' || name[length] == '.'))
      return TRUE;
  return FALSE;
}

static GRegex *
backup_name_regex (const char *db_path)
{
  g_autofree char *stem = database_stem (db_path);
  g_autofree char *escaped = g_regex_escape_string (stem, -1);
  g_autofree char *pattern = NULL;

  pattern = g_strdup_printf ("^%s-([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})"
                             "([0-9]{2}(?:\\.[0-9]{1,6})?)Z"
                             "-v([0-9]{1,6})-(auto|manual|before-upgrade)\\.db$", escaped);
  return g_regex_new (pattern, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
}

static CarnetBackup *
parse_backup (GRegex     *regex,
              const char *folder,
              const char *name)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *seconds = NULL;
  int fields[7];
  GStatBuf st;

  if (!g_regex_match (regex, name, G_REGEX_MATCH_DEFAULT, &match))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *field = g_match_info_fetch (match, i + 1);

      fields[i] = atoi (field);
    }
  seconds = g_match_info_fetch (match, 6);
  time = g_date_time_new_utc (fields[0], fields[1], fields[2], fields[3], fields[4],
                              g_ascii_strtod (seconds, NULL));
  path = g_build_filename (folder, name, NULL);
  if (time == NULL || g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  kind = g_match_info_fetch (match, 8);
  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    if (strcmp (kind, kind_names[k]) == 0)
      return carnet_backup_new (path, time, fields[6], st.st_size, k);
  return NULL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  CarnetBackup *x = *(CarnetBackup **)a;
  CarnetBackup *y = *(CarnetBackup **)b;
  int cmp = g_date_time_compare (y->time, x->time);

  return cmp != 0 ? cmp : strcmp (y->path, x->path);
}

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return _carnet_backup_set_errno_error (error, errno, _("Cannot create the folder “%s”"),
                                           folder);
  g_chmod (folder, 0700);
  return TRUE;
}

/* A fresh, empty file only its owner may read: VACUUM INTO writes into an empty file. */
char *
_carnet_backup_make_temporary (const char  *folder,
                               const char  *prefix,
                               GError     **error)
{
  g_autofree char *template = g_strdup_printf ("%s/.%s-XXXXXX.tmp", folder, prefix);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _carnet_backup_set_errno_error (error, errno, _("Cannot create a file in “%s”"), folder);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&template);
}

void
_carnet_backup_remove_temporary (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

int
_carnet_backup_read_version (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Writes a consistent copy of the database open on @handle into the empty file @target, and
 * syncs it. Errors name @path, and say @what was not saved. */
gboolean
_carnet_backup_vacuum_into (sqlite3     *handle,
                            const char  *target,
                            const char  *path,
                            const char  *what,
                            GError     **error)
{
  char *sql = sqlite3_mprintf ("VACUUM INTO %Q", target);
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    {
      _carnet_db_set_error (error, handle, sqlite3_extended_errcode (handle), path, what);
      return FALSE;
    }
  return _carnet_backup_sync_path (target, FALSE, error);
}

sqlite3 *
_carnet_backup_open_read_only (const char  *path,
                               GError     **error)
{
  sqlite3 *handle = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      _carnet_db_set_error (error, handle, rc, path, _("opening the database"));
      sqlite3_close (handle);
      return NULL;
    }
  sqlite3_busy_timeout (handle, 5000);
  sqlite3_extended_result_codes (handle, TRUE);
  return handle;
}

static gboolean
check_file (const char  *path,
            gboolean     full,
            GError     **error)
{
  sqlite3 *handle = _carnet_backup_open_read_only (path, error);
  gboolean ok;

  if (handle == NULL)
    return FALSE;
  ok = _carnet_db_check_handle (handle, path, full, error);
  sqlite3_close (handle);
  return ok;
}

static void
carnet_backup_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarnetBackup *self = CARNET_BACKUP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_backup_finalize (GObject *object)
{
  CarnetBackup *self = (CarnetBackup *)object;

  g_free (self->path);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (carnet_backup_parent_class)->finalize (object);
}

static void
carnet_backup_class_init (CarnetBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carnet_backup_finalize;
  object_class->get_property = carnet_backup_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CARNET_TYPE_BACKUP_KIND, CARNET_BACKUP_AUTO,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carnet_backup_init (CarnetBackup *self)
{
}

const char *
carnet_backup_get_path (CarnetBackup *self)
{
  g_return_val_if_fail (CARNET_IS_BACKUP (self), NULL);

  return self->path;
}

/**
 * carnet_backup_get_time:
 *
 * Returns: (transfer none): when the backup was made, in UTC
 */
GDateTime *
carnet_backup_get_time (CarnetBackup *self)
{
  g_return_val_if_fail (CARNET_IS_BACKUP (self), NULL);

  return self->time;
}

/* The schema version of the copy: a backup made before an upgrade has the old one. */
int
carnet_backup_get_schema_version (CarnetBackup *self)
{
  g_return_val_if_fail (CARNET_IS_BACKUP (self), 0);

  return self->schema_version;
}

goffset
carnet_backup_get_size (CarnetBackup *self)
{
  g_return_val_if_fail (CARNET_IS_BACKUP (self), 0);

  return self->size;
}

CarnetBackupKind
carnet_backup_get_kind (CarnetBackup *self)
{
  g_return_val_if_fail (CARNET_IS_BACKUP (self), CARNET_BACKUP_AUTO);

  return self->kind;
}

/**
 * carnet_backup_get_folder:
 *
 * Returns: the folder of the backups of the database @db_path: `backups/` beside it
 */
char *
carnet_backup_get_folder (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

/**
 * carnet_backup_list:
 *
 * Returns: (transfer full) (element-type CarnetBackup): the backups of the database
 *   @db_path, newest first; none when there is no backups folder yet
 */
GPtrArray *
carnet_backup_list (const char  *db_path,
                    GError     **error)
{
  g_autofree char *folder = carnet_backup_get_folder (db_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRegex) regex = backup_name_regex (db_path);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *name;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_dir_open (folder, 0, &local);
  if (dir == NULL && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_steal_pointer (&backups);
  if (dir == NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_FAILED, "%s", local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      CarnetBackup *backup = parse_backup (regex, folder, name);

      if (backup != NULL)
        g_ptr_array_add (backups, backup);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/**
 * carnet_backup_create:
 * @db_path: the database, which must exist
 * @kind: why the backup is made
 *
 * Saves a copy of the database in its backups folder. The database is checked first
 * (PRAGMA quick_check): a damaged one is not copied, so that it cannot push the last good
 * copies out. Works while the database is open and written to, from any thread.
 *
 * Returns: (transfer full): the new backup
 */
CarnetBackup *
carnet_backup_create (const char        *db_path,
                      CarnetBackupKind   kind,
                      GError           **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) time = NULL;
  sqlite3 *handle;
  GStatBuf st;
  int version;

  g_return_val_if_fail (db_path != NULL, NULL);

  folder = carnet_backup_get_folder (db_path);
  stem = database_stem (db_path);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist"), db_path);
      return NULL;
    }
  if (!ensure_folder (folder, error))
    return NULL;

  handle = _carnet_backup_open_read_only (db_path, error);
  if (handle == NULL)
    return NULL;
  version = _carnet_backup_read_version (handle);
  if (!_carnet_db_check_handle (handle, db_path, FALSE, error) ||
      (temporary = _carnet_backup_make_temporary (folder, stem, error)) == NULL ||
      !_carnet_backup_vacuum_into (handle, temporary, db_path, _("the backup"), error))
    {
      sqlite3_close (handle);
      if (temporary != NULL)
        _carnet_backup_remove_temporary (temporary);
      return NULL;
    }
  sqlite3_close (handle);

  if (!check_file (temporary, FALSE, error))
    {
      _carnet_backup_remove_temporary (temporary);
      return NULL;
    }

  /* Names are unique whatever the kind, and their times order the list. */
  for (int attempt = 0; attempt < 100 && target == NULL; attempt++)
    {
      gboolean taken = FALSE;

      g_clear_pointer (&time, g_date_time_unref);
      time = attempt == 0 ? g_date_time_ref (now) : g_date_time_new_now_utc ();
      if (attempt == 0 && second_is_taken (folder, db_path, time))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
        {
          g_autofree char *name = backup_name (db_path, time, attempt > 0, version, k);
          g_autofree char *candidate = g_build_filename (folder, name, NULL);

          taken |= g_file_test (candidate, G_FILE_TEST_EXISTS);
          if (k == kind)
            g_set_str (&target, candidate);
        }
      if (taken)
        g_clear_pointer (&target, g_free);
    }
  if (target == NULL || g_rename (temporary, target) != 0)
    {
      int saved = target == NULL ? EEXIST : errno;

      _carnet_backup_remove_temporary (temporary);
      _carnet_backup_set_errno_error (error, saved, _("Cannot save a backup in “%s”"), folder);
      return NULL;
    }
  if (!_carnet_backup_sync_path (folder, TRUE, error) || g_stat (target, &st) != 0)
    return NULL;

  g_debug ("Saved a backup of %s as %s", db_path, target);
  return carnet_backup_new (target, time, version, st.st_size, kind);
}

/**
 * carnet_backup_prune:
 * @keep_auto: how many daily backups to keep, usually %CARNET_BACKUP_KEEP_AUTO
 *
 * Deletes the daily backups beyond the newest @keep_auto, and what an interrupted backup
 * left. Manual backups and those made before upgrades are kept.
 */
gboolean
carnet_backup_prune (const char  *db_path,
                     guint        keep_auto,
                     GError     **error)
{
  g_autoptr(GPtrArray) backups = carnet_backup_list (db_path, error);
  g_autofree char *folder = carnet_backup_get_folder (db_path);
  g_autofree char *stem = database_stem (db_path);
  g_autofree char *prefix = g_strdup_printf (".%s-", stem);
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time ();
  guint seen = 0;
  const char *name;

  if (backups == NULL)
    return FALSE;
  for (guint i = 0; i < backups->len; i++)
    {
      CarnetBackup *backup = g_ptr_array_index (backups, i);

      if (backup->kind != CARNET_BACKUP_AUTO || ++seen <= keep_auto)
        continue;
      if (g_unlink (backup->path) != 0)
        return _carnet_backup_set_errno_error (error, errno,
                                               _("Cannot delete the old backup “%s”"),
                                               backup->path);
    }

  /* Left by a backup that was interrupted: nobody writes a temporary file for an hour. */
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".tmp"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && now - (gint64)st.st_mtime * G_USEC_PER_SEC > G_TIME_SPAN_HOUR)
        g_unlink (path);
    }
  return TRUE;
}

/* Whether the newest backup is recent: a clock set back a little still counts as recent,
 * a backup dated far in the future (a wrong clock then) does not. */
static gboolean
has_recent_backup (GPtrArray *backups)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan age;

  if (backups->len == 0)
    return FALSE;
  age = g_date_time_difference (now, ((CarnetBackup *)g_ptr_array_index (backups, 0))->time);
  return age < DAY && age > -G_TIME_SPAN_HOUR;
}

static CarnetBackup *
backup_auto (const char  *db_path,
             GError     **error)
{
  g_autoptr(GPtrArray) backups = carnet_backup_list (db_path, error);
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GError) local = NULL;

  if (backups == NULL || has_recent_backup (backups))
    return NULL;
  backup = carnet_backup_create (db_path, CARNET_BACKUP_AUTO, error);
  if (backup == NULL)
    return NULL;
  if (!carnet_backup_prune (db_path, CARNET_BACKUP_KEEP_AUTO, &local))
    g_warning ("Cannot delete old backups: %s", local->message);
  return g_steal_pointer (&backup);
}

/**
 * carnet_backup_auto:
 * @created: (out) (optional) (nullable): the backup made, or %NULL when none was due
 *
 * Makes the daily backup when the newest backup is a day old or more, then deletes the
 * daily backups beyond %CARNET_BACKUP_KEEP_AUTO. This also checks the whole database once
 * a day, whatever its size (see %CARNET_DB_CHECK_AT_OPEN_MAX). Nothing is done for a
 * database opened read-only. Call it after opening; a failure (a full disk, damage) is worth
 * a warning, not a refusal to work.
 *
 * It reads the whole database: carnet_backup_auto_async() does it in a thread.
 */
gboolean
carnet_backup_auto (CarnetDb      *db,
                    CarnetBackup **created,
                    GError       **error)
{
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CARNET_IS_DB (db), FALSE);

  if (created != NULL)
    *created = NULL;
  if (carnet_db_is_read_only (db))
    return TRUE;
  backup = backup_auto (carnet_db_get_path (db), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (created != NULL)
    *created = g_steal_pointer (&backup);
  return TRUE;
}

static void
backup_auto_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  CarnetBackup *backup = backup_auto (task_data, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backup, g_object_unref);
}

/**
 * carnet_backup_auto_async:
 *
 * Does carnet_backup_auto() in a thread, on a connection of its own: @db may go on being
 * used meanwhile.
 */
void
carnet_backup_auto_async (CarnetDb            *db,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARNET_IS_DB (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, carnet_backup_auto_async);
  if (carnet_db_is_read_only (db))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_set_task_data (task, g_strdup (carnet_db_get_path (db)), g_free);
  g_task_run_in_thread (task, backup_auto_thread);
}

gboolean
carnet_backup_auto_finish (GAsyncResult  *result,
                           CarnetBackup **created,
                           GError       **error)
{
  g_autoptr(CarnetBackup) backup = NULL;
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_get_source_tag (task) == carnet_backup_auto_async, FALSE);

  if (created != NULL)
    *created = NULL;
  if (g_task_had_error (task))
    {
      g_task_propagate_pointer (task, error);
      return FALSE;
    }
  backup = g_task_propagate_pointer (task, NULL);
  if (created != NULL)
    *created = g_steal_pointer (&backup);
  return TRUE;
}
