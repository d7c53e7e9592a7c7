/* crash-writer.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crash-writer"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "carnet-backup.h"
#include "carnet-schema.h"
#include "carnet-store.h"

/* crash-writer MODE DB SEED [--sync normal] [--cut-after MS --cut-dir DIR [--cut-drop]]
 *
 * Writes to DB through Carnet's core until killed (crash-test.py kills it at random), and
 * says on stdout, with one write(2) per line, what it is about to do (“W …”) and what was
 * committed (“A …”), only once the call that commits has returned. MODE:
 *
 *   store    inserts, updates and deletes projects, forever
 *   backup   the same, with a manual backup after every few changes
 *   migrate  opens DB (a copy of a v1 fixture) with a fake migration to version 2, long
 *            enough to be killed in the middle, after the backup it takes first
 *
 * --cut-after MS simulates a power cut at that moment: an SQLite VFS wrapped around the
 * real one keeps, for the database, its WAL and its journal, what was synced to the disk
 * (deleting a file is taken as done at once); the cut writes
 * that, plus a random half of the writes not yet synced (some torn), to DIR, and exits at
 * once. --cut-drop keeps none of the writes not synced. --sync normal lowers the database's
 * durability, to show that the test notices the commits it then loses. */

/* Power cut simulation ---------------------------------------------------------------------- */

typedef struct
{
  gint64  offset;
  GBytes *data;       /* NULL for a truncation to @offset */
} PendingWrite;

typedef struct
{
  char       *path;
  GByteArray *durable;
  GPtrArray  *pending;
} TrackedFile;

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
  TrackedFile  *tracked;
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static sqlite3_io_methods shim_methods;
static GMutex cut_lock;
static const char *tracked_suffixes[] = { "", "-wal", "-journal" };
static TrackedFile *tracked_files[G_N_ELEMENTS (tracked_suffixes)];
static GRand *cut_rand;

static void
pending_write_free (gpointer data)
{
  PendingWrite *write = data;

  g_clear_pointer (&write->data, g_bytes_unref);
  g_free (write);
}

static void
apply_write (GByteArray         *image,
             const PendingWrite *write,
             gsize               length)
{
  if (write->data == NULL)
    {
      if ((gsize)write->offset < image->len)
        g_byte_array_set_size (image, write->offset);
      return;
    }
  if (image->len < write->offset + length)
    {
      guint old = image->len;

      g_byte_array_set_size (image, write->offset + length);
      memset (image->data + old, 0, image->len - old);
    }
  memcpy (image->data + write->offset, g_bytes_get_data (write->data, NULL), length);
}

static TrackedFile *
tracked_for (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tracked_files); i++)
    if (tracked_files[i] != NULL && g_strcmp0 (tracked_files[i]->path, name) == 0)
      return tracked_files[i];
  return NULL;
}

static int
shim_close (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *)file;
  int rc = shim->real->pMethods->xClose (shim->real);

  g_free (shim->real);
  return rc;
}

static int
shim_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xRead (shim->real, buffer, amount, offset);
}

static int
shim_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *shim = (ShimFile *)file;
  int rc;

  g_mutex_lock (&cut_lock);
  rc = shim->real->pMethods->xWrite (shim->real, buffer, amount, offset);
  if (rc == SQLITE_OK && shim->tracked != NULL)
    {
      PendingWrite *write = g_new0 (PendingWrite, 1);

      write->offset = offset;
      write->data = g_bytes_new (buffer, amount);
      g_ptr_array_add (shim->tracked->pending, write);
    }
  g_mutex_unlock (&cut_lock);
  return rc;
}

static int
shim_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  ShimFile *shim = (ShimFile *)file;
  int rc;

  g_mutex_lock (&cut_lock);
  rc = shim->real->pMethods->xTruncate (shim->real, size);
  if (rc == SQLITE_OK && shim->tracked != NULL)
    {
      PendingWrite *write = g_new0 (PendingWrite, 1);

      write->offset = size;
      g_ptr_array_add (shim->tracked->pending, write);
    }
  g_mutex_unlock (&cut_lock);
  return rc;
}

/* What was written before a sync is on the disk once it returns. */
static int
shim_sync (sqlite3_file *file, int flags)
{
  ShimFile *shim = (ShimFile *)file;
  int rc;

  g_mutex_lock (&cut_lock);
  rc = shim->real->pMethods->xSync (shim->real, flags);
  if (rc == SQLITE_OK && shim->tracked != NULL && shim->tracked->durable != NULL)
    {
      GPtrArray *pending = shim->tracked->pending;

      for (guint i = 0; i < pending->len; i++)
        {
          PendingWrite *write = g_ptr_array_index (pending, i);

          apply_write (shim->tracked->durable, write,
                       write->data != NULL ? g_bytes_get_size (write->data) : 0);
        }
      g_ptr_array_set_size (pending, 0);
    }
  g_mutex_unlock (&cut_lock);
  return rc;
}

static int
shim_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xFileSize (shim->real, size);
}

static int
shim_lock (sqlite3_file *file, int level)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xLock (shim->real, level);
}

static int
shim_unlock (sqlite3_file *file, int level)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xUnlock (shim->real, level);
}

static int
shim_check_reserved_lock (sqlite3_file *file, int *out)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xCheckReservedLock (shim->real, out);
}

static int
shim_file_control (sqlite3_file *file, int op, void *arg)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xFileControl (shim->real, op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xSectorSize (shim->real);
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xDeviceCharacteristics (shim->real);
}

static int
shim_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xShmMap (shim->real, page, size, extend, out);
}

static int
shim_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xShmLock (shim->real, offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  ShimFile *shim = (ShimFile *)file;

  shim->real->pMethods->xShmBarrier (shim->real);
}

static int
shim_shm_unmap (sqlite3_file *file, int delete_flag)
{
  ShimFile *shim = (ShimFile *)file;

  return shim->real->pMethods->xShmUnmap (shim->real, delete_flag);
}

static int
shim_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  /* No memory-mapped reads: every page goes through xRead. */
  *out = NULL;
  return SQLITE_OK;
}

static int
shim_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return SQLITE_OK;
}

static int
shim_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *shim = (ShimFile *)file;
  int rc;

  shim->real = g_malloc0 (real_vfs->szOsFile);
  shim->tracked = NULL;
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&shim->real, g_free);
      shim->base.pMethods = NULL;
      return rc;
    }
  shim->base.pMethods = &shim_methods;

  g_mutex_lock (&cut_lock);
  shim->tracked = name != NULL ? tracked_for (name) : NULL;
  if (shim->tracked != NULL && shim->tracked->durable == NULL)
    {
      sqlite3_int64 size = 0;

      /* What is on the disk when first opened survived whatever came before. */
      shim->tracked->durable = g_byte_array_new ();
      shim->real->pMethods->xFileSize (shim->real, &size);
      g_byte_array_set_size (shim->tracked->durable, size);
      if (size > 0)
        shim->real->pMethods->xRead (shim->real, shim->tracked->durable->data, size, 0);
    }
  g_mutex_unlock (&cut_lock);
  return SQLITE_OK;
}

/* A deleted file is taken as gone for good (a journal deleted after its commit does not come
 * back after the cut). */
static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  TrackedFile *tracked;
  int rc;

  g_mutex_lock (&cut_lock);
  rc = real_vfs->xDelete (real_vfs, name, sync_dir);
  tracked = tracked_for (name);
  if (rc == SQLITE_OK && tracked != NULL)
    {
      g_clear_pointer (&tracked->durable, g_byte_array_unref);
      g_ptr_array_set_size (tracked->pending, 0);
    }
  g_mutex_unlock (&cut_lock);
  return rc;
}

static int
shim_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
shim_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
shim_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
shim_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*
shim_dl_sym (sqlite3_vfs *vfs, void *handle, const char *name)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, name);
}

static void
shim_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
shim_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
shim_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
shim_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
shim_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
shim_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static void
install_shim (const char *db_path)
{
  g_autofree char *absolute = g_canonicalize_filename (db_path, NULL);

  real_vfs = sqlite3_vfs_find (NULL);
  shim_methods = (sqlite3_io_methods) {
    3, shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size,
    shim_lock, shim_unlock, shim_check_reserved_lock, shim_file_control, shim_sector_size,
    shim_device_characteristics, shim_shm_map, shim_shm_lock, shim_shm_barrier,
    shim_shm_unmap, shim_fetch, shim_unfetch,
  };
  shim_vfs = (sqlite3_vfs) {
    2, sizeof (ShimFile), real_vfs->mxPathname, NULL, "carnet-crash-shim", NULL,
    shim_open, shim_delete, shim_access, shim_full_pathname, shim_dl_open, shim_dl_error,
    shim_dl_sym, shim_dl_close, shim_randomness, shim_sleep, shim_current_time,
    shim_get_last_error, shim_current_time_int64, NULL, NULL, NULL,
  };
  for (guint i = 0; i < G_N_ELEMENTS (tracked_files); i++)
    {
      tracked_files[i] = g_new0 (TrackedFile, 1);
      tracked_files[i]->path = g_strconcat (absolute, tracked_suffixes[i], NULL);
      tracked_files[i]->pending = g_ptr_array_new_with_free_func (pending_write_free);
    }
  sqlite3_vfs_register (&shim_vfs, 1);
}

static void
write_image (const char *dir,
             const char *name,
             GByteArray *image)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *)image->data, image->len, &error))
    g_error ("%s", error->message);
}

typedef struct
{
  guint  after_ms;
  char  *dir;
  char  *db_name;
  gboolean drop;
} Cut;

/* The power goes: what reached the disk is written to the cut folder, and nothing more
 * happens. */
static gpointer
cut_thread (gpointer data)
{
  Cut *cut = data;

  g_usleep (cut->after_ms * 1000);
  g_mutex_lock (&cut_lock);
  for (guint i = 0; i < G_N_ELEMENTS (tracked_files); i++)
    {
      TrackedFile *tracked = tracked_files[i];
      g_autoptr(GByteArray) image = g_byte_array_new ();
      g_autofree char *name = g_strconcat (cut->db_name, tracked_suffixes[i], NULL);

      if (tracked->durable == NULL)
        continue;
      g_byte_array_append (image, tracked->durable->data, tracked->durable->len);
      for (guint j = 0; j < tracked->pending->len && !cut->drop; j++)
        {
          PendingWrite *write = g_ptr_array_index (tracked->pending, j);
          gsize length = write->data != NULL ? g_bytes_get_size (write->data) : 0;

          if (g_rand_boolean (cut_rand))
            continue;
          /* A torn write: only its first sectors made it. */
          if (length > 512 && g_rand_int_range (cut_rand, 0, 4) == 0)
            length = 512 * g_rand_int_range (cut_rand, 1, length / 512 + 1);
          apply_write (image, write, length);
        }
      write_image (cut->dir, name, image);
    }
  _exit (0);
}

/* Acknowledgements ----------------------------------------------------------------------- */

static void say (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* One write per line to a pipe: whole lines reach the reader even if killed right after. */
static void
say (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0, length;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  length = strlen (line);
  while (done < length)
    {
      gssize n = write (STDOUT_FILENO, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (3);
      done += n;
    }
}

static void
fail (GError *error)
{
  g_printerr ("crash-writer: %s\n", error->message);
  exit (2);
}

/* Writing --------------------------------------------------------------------------------- */

static CarnetRecord *
ensure_commune (CarnetStore *store)
{
  CarnetRecord *commune = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");
  g_autoptr(GError) error = NULL;

  if (commune != NULL)
    return commune;
  commune = g_object_new (CARNET_TYPE_COMMUNE, "insee", "14047", "name", "Bayeux", NULL);
  if (!carnet_store_insert (store, commune, &error))
    fail (error);
  return commune;
}

static GPtrArray *
live_projects (CarnetStore *store)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle = carnet_db_get_handle (carnet_store_get_db (store));
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (handle, "SELECT uuid FROM projects WHERE deleted_at IS NULL", -1,
                      &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return uuids;
}

static void
one_change (CarnetStore  *store,
            CarnetRecord *commune,
            GPtrArray    *live,
            GRand        *rand,
            const char   *tag,
            guint         n)
{
  g_autoptr(GError) error = NULL;
  int dice = g_rand_int_range (rand, 0, 100);

  if (live->len < 3 || dice < 50)
    {
      g_autoptr(CarnetRecord) project = g_object_new (CARNET_TYPE_PROJECT, NULL);
      g_autofree char *title = g_strdup_printf ("%s-%u", tag, n);
      /* Long enough to fill pages, so that checkpoints happen. */
      g_autofree char *text = g_strnfill (g_rand_int_range (rand, 10, 3000), 'x');

      carnet_record_set_string (project, "commune-uuid", carnet_record_get_uuid (commune));
      carnet_record_set_string (project, "title", title);
      carnet_record_set_string (project, "description", text);
      say ("W I %s\n", title);
      if (!carnet_store_insert (store, project, &error))
        fail (error);
      say ("A I %s %s\n", title, carnet_record_get_uuid (project));
      g_ptr_array_add (live, g_strdup (carnet_record_get_uuid (project)));
    }
  else
    {
      guint index = g_rand_int_range (rand, 0, live->len);
      const char *uuid = g_ptr_array_index (live, index);
      g_autoptr(CarnetRecord) project = carnet_store_get (store, CARNET_TYPE_PROJECT, uuid,
                                                          &error);

      if (project == NULL)
        fail (error);
      if (dice < 85)
        {
          g_autofree char *value = g_strdup_printf ("%s-v%u", tag, n);

          say ("W U %s %s\n", uuid, value);
          if (!carnet_store_update_text (store, project, "objectives", value, &error))
            fail (error);
          say ("A U %s %s\n", uuid, value);
        }
      else
        {
          say ("W D %s\n", uuid);
          if (!carnet_store_delete (store, project, &error))
            fail (error);
          say ("A D %s\n", uuid);
          g_ptr_array_remove_index_fast (live, index);
        }
    }
}

static void
run_store (const char *db_path,
           GRand      *rand,
           const char *tag,
           gboolean    normal,
           gboolean    backups)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (db_path, &error);
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(GPtrArray) live = NULL;

  if (store == NULL)
    fail (error);
  if (normal)
    carnet_db_exec (carnet_store_get_db (store), "PRAGMA synchronous = NORMAL", NULL);
  commune = ensure_commune (store);
  live = live_projects (store);
  say ("R\n");

  for (guint n = 0; ; n++)
    {
      one_change (store, commune, live, rand, tag, n);
      if (backups && n % 4 == 3)
        {
          g_autoptr(CarnetBackup) backup = NULL;

          say ("W B\n");
          backup = carnet_backup_create (db_path, CARNET_BACKUP_MANUAL, &error);
          if (backup == NULL)
            fail (error);
          say ("A B %s\n", carnet_backup_get_path (backup));
        }
    }
}

/* A step 1 → 2 that does what real ones may do: a new table, filled, and every row of an
 * old one rewritten. */
static gboolean
fake_migrate (CarnetDb  *db,
              int        from_version,
              GError   **error)
{
  if (from_version < 1 && !carnet_schema_migrate (db, from_version, error))
    return FALSE;
  return carnet_db_exec (db,
                         "CREATE TABLE crash_step (id INTEGER PRIMARY KEY, payload BLOB);"
                         "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                         "  WHERE i < 20000)"
                         "INSERT INTO crash_step (payload) SELECT randomblob (100) FROM n;"
                         "UPDATE projects SET objectives = objectives || '';"
                         "PRAGMA user_version = 2;", error);
}

static void
run_migrate (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetDb) db = NULL;

  say ("W M\n");
  db = _carnet_db_open_full (db_path, FALSE, 2, fake_migrate, &error);
  if (db == NULL)
    fail (error);
  say ("A M\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sync = NULL;
  g_autofree char *cut_dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *tag = NULL;
  gboolean cut_drop = FALSE;
  int cut_after = -1;
  const GOptionEntry entries[] = {
    { "sync", 0, 0, G_OPTION_ARG_STRING, &sync, "full (default) or normal", "MODE" },
    { "cut-after", 0, 0, G_OPTION_ARG_INT, &cut_after, "Cut the power after MS", "MS" },
    { "cut-dir", 0, 0, G_OPTION_ARG_FILENAME, &cut_dir, "Where the cut leaves the files", "DIR" },
    { "cut-drop", 0, 0, G_OPTION_ARG_NONE, &cut_drop, "Lose every write not synced", NULL },
    G_OPTION_ENTRY_NULL
  };
  guint32 seed;

  context = g_option_context_new ("store|backup|migrate DB SEED");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 4)
    {
      g_printerr ("usage: crash-writer store|backup|migrate DB SEED [OPTION…]\n");
      return 2;
    }
  seed = (guint32)g_ascii_strtoull (argv[3], NULL, 10);
  rand = g_rand_new_with_seed (seed);
  tag = g_strdup_printf ("P%u", seed);

  if (cut_after >= 0)
    {
      static Cut cut;

      cut.after_ms = cut_after;
      cut.dir = cut_dir;
      cut.db_name = g_path_get_basename (argv[2]);
      cut.drop = cut_drop;
      cut_rand = g_rand_new_with_seed (seed ^ 0x5a5a5a5a);
      install_shim (argv[2]);
      g_thread_unref (g_thread_new ("power-cut", cut_thread, &cut));
    }

  if (strcmp (argv[1], "store") == 0)
    run_store (argv[2], rand, tag, g_strcmp0 (sync, "normal") == 0, FALSE);
  else if (strcmp (argv[1], "backup") == 0)
    run_store (argv[2], rand, tag, FALSE, TRUE);
  else if (strcmp (argv[1], "migrate") == 0)
    run_migrate (argv[2]);
  else
    return 2;
  return 0;
}
