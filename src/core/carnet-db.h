/* carnet-db.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CARNET_DB_ERROR (carnet_db_error_quark ())

typedef enum
{
  CARNET_DB_ERROR_FAILED,
  CARNET_DB_ERROR_OPEN,
  CARNET_DB_ERROR_NOT_A_DATABASE,
  CARNET_DB_ERROR_CORRUPT,
  CARNET_DB_ERROR_TOO_NEW,
  CARNET_DB_ERROR_READ_ONLY,
  CARNET_DB_ERROR_BUSY,
  CARNET_DB_ERROR_FULL,
  CARNET_DB_ERROR_CONSTRAINT,
  CARNET_DB_ERROR_NOT_FOUND,
  CARNET_DB_ERROR_INVALID,
  CARNET_DB_ERROR_TRUNCATED,
  CARNET_DB_ERROR_TOO_OLD,
  CARNET_DB_ERROR_UPGRADE_FAILED,
} CarnetDbError;

/* Databases up to this size are checked (PRAGMA quick_check) each time they are opened, in
 * about 0.15 s at most; bigger ones are checked once a day by carnet_backup_auto(). */
#define CARNET_DB_CHECK_AT_OPEN_MAX (32 * 1024 * 1024)

#define CARNET_TYPE_DB (carnet_db_get_type ())

G_DECLARE_FINAL_TYPE (CarnetDb, carnet_db, CARNET, DB, GObject)

GQuark        carnet_db_error_quark          (void);
char         *carnet_db_default_path         (void);
CarnetDb     *carnet_db_open                 (const char    *path,
                                              GError       **error);
CarnetDb     *carnet_db_open_read_only       (const char    *path,
                                              GError       **error);
gboolean      carnet_db_is_read_only         (CarnetDb      *self);
gboolean      carnet_db_check                (CarnetDb      *self,
                                              GError       **error);
char         *carnet_db_get_attachments_dir  (CarnetDb      *self,
                                              GError       **error);
const char   *carnet_db_get_path             (CarnetDb      *self);
int           carnet_db_get_schema_version   (CarnetDb      *self);
sqlite3      *carnet_db_get_handle           (CarnetDb      *self);
sqlite3_stmt *carnet_db_prepare              (CarnetDb      *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      carnet_db_step_done            (CarnetDb      *self,
                                              sqlite3_stmt  *stmt,
                                              GError       **error);
gboolean      carnet_db_exec                 (CarnetDb      *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      carnet_db_begin                (CarnetDb      *self,
                                              GError       **error);
gboolean      carnet_db_commit               (CarnetDb      *self,
                                              GError       **error);
void          carnet_db_rollback             (CarnetDb      *self);
gboolean      carnet_db_propagate            (CarnetDb      *self,
                                              GError       **error,
                                              const char    *what);
char         *carnet_db_now                  (void);

/* For carnet-backup.c. */
gboolean      _carnet_db_check_handle        (sqlite3       *handle,
                                              const char    *path,
                                              gboolean       full,
                                              GError       **error);
void          _carnet_db_set_error           (GError       **error,
                                              sqlite3       *handle,
                                              int            code,
                                              const char    *path,
                                              const char    *what);

/* For tests: opens like carnet_db_open(), but migrates to @target_version with @migrate,
 * so that a migration that fails or is killed can be tried before it exists. */
typedef gboolean (*CarnetDbMigrateFunc) (CarnetDb  *db,
                                         int        from_version,
                                         GError   **error);
CarnetDb     *_carnet_db_open_full           (const char          *path,
                                              gboolean             read_only,
                                              int                  target_version,
                                              CarnetDbMigrateFunc  migrate,
                                              GError             **error);

G_END_DECLS
