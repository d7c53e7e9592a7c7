/* carnet-backup-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-backup.h"

G_BEGIN_DECLS

/* The UTC time in the names of backups and of databases set aside, without colons, which
 * some USB sticks refuse. */
#define STAMP_FORMAT "%Y%m%dT%H%M%S"

gboolean  _carnet_backup_set_errno_error   (GError     **error,
                                            int          saved,
                                            const char  *format,
                                            ...) G_GNUC_PRINTF (3, 4);
gboolean  _carnet_backup_sync_path         (const char  *path,
                                            gboolean     folder,
                                            GError     **error);
char     *_carnet_backup_make_temporary    (const char  *folder,
                                            const char  *prefix,
                                            GError     **error);
void      _carnet_backup_remove_temporary  (const char  *path);
int       _carnet_backup_read_version      (sqlite3     *handle);
gboolean  _carnet_backup_vacuum_into       (sqlite3     *handle,
                                            const char  *target,
                                            const char  *path,
                                            const char  *what,
                                            GError     **error);
sqlite3  *_carnet_backup_open_read_only    (const char  *path,
                                            GError     **error);

G_END_DECLS
