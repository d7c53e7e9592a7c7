/* carnet-backup.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "carnet-db.h"

G_BEGIN_DECLS

typedef enum
{
  CARNET_BACKUP_AUTO,            /* the daily one, at start */
  CARNET_BACKUP_MANUAL,          /* asked for */
  CARNET_BACKUP_BEFORE_UPGRADE,  /* before a migration, at the old schema version */
} CarnetBackupKind;

#define CARNET_TYPE_BACKUP_KIND (carnet_backup_kind_get_type ())
GType carnet_backup_kind_get_type (void);

/* How many daily backups are kept; the others are kept until deleted by hand. */
#define CARNET_BACKUP_KEEP_AUTO 7

#define CARNET_TYPE_BACKUP (carnet_backup_get_type ())

G_DECLARE_FINAL_TYPE (CarnetBackup, carnet_backup, CARNET, BACKUP, GObject)

const char       *carnet_backup_get_path           (CarnetBackup        *self);
GDateTime        *carnet_backup_get_time           (CarnetBackup        *self);
int               carnet_backup_get_schema_version (CarnetBackup        *self);
goffset           carnet_backup_get_size           (CarnetBackup        *self);
CarnetBackupKind  carnet_backup_get_kind           (CarnetBackup        *self);

char             *carnet_backup_get_folder         (const char          *db_path);
GPtrArray        *carnet_backup_list               (const char          *db_path,
                                                    GError             **error);
CarnetBackup     *carnet_backup_create             (const char          *db_path,
                                                    CarnetBackupKind     kind,
                                                    GError             **error);
gboolean          carnet_backup_auto               (CarnetDb            *db,
                                                    CarnetBackup       **created,
                                                    GError             **error);
void              carnet_backup_auto_async         (CarnetDb            *db,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          carnet_backup_auto_finish        (GAsyncResult        *result,
                                                    CarnetBackup       **created,
                                                    GError             **error);
gboolean          carnet_backup_prune              (const char          *db_path,
                                                    guint                keep_auto,
                                                    GError             **error);
gboolean          carnet_backup_verify             (const char          *path,
                                                    int                 *schema_version,
                                                    GError             **error);
gboolean          carnet_backup_restore            (const char          *db_path,
                                                    const char          *backup_path,
                                                    char               **set_aside,
                                                    GError             **error);

G_END_DECLS
