/* carnet-export.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_EXPORT_ERROR (carnet_export_error_quark ())

typedef enum
{
  CARNET_EXPORT_ERROR_NO_COMMUNE,   /* a commune of the selection is not in Carnet */
  CARNET_EXPORT_ERROR_NO_THEME,     /* the theme of the selection does not exist */
  CARNET_EXPORT_ERROR_TARGET,       /* the file cannot be written there (link, folder…) */
  CARNET_EXPORT_ERROR_FAILED,
} CarnetExportError;

/* What an export covers. Every member may be left NULL: all communes, every theme, today. */
typedef struct
{
  const char * const *communes; /* INSEE codes (or commune UUIDs), NULL-terminated */
  const char         *theme;    /* a theme's short name (“mobilites”) */
  const char         *today;    /* “YYYY-MM-DD”: what is overdue, what is recent */
  const char         *now;      /* ISO 8601 UTC: the export's own time stamp */
} CarnetExportOptions;

/* The selection resolved against the database. */
typedef struct _CarnetExportScope CarnetExportScope;

GQuark             carnet_export_error_quark     (void);

CarnetExportScope *carnet_export_scope_new       (CarnetStore                *store,
                                                  const CarnetExportOptions  *options,
                                                  GError                    **error);
void               carnet_export_scope_free      (CarnetExportScope          *scope);
const char        *carnet_export_scope_communes  (const CarnetExportScope    *scope);
const char        *carnet_export_scope_theme     (const CarnetExportScope    *scope);
const char        *carnet_export_scope_theme_name (const CarnetExportScope   *scope);
GPtrArray         *carnet_export_scope_insee     (const CarnetExportScope    *scope);
const char        *carnet_export_scope_today     (const CarnetExportScope    *scope);
const char        *carnet_export_scope_now       (const CarnetExportScope    *scope);

/* French, whatever the language of the interface: exports are read by the State's offices. */
char              *carnet_format_date_fr         (const char                 *iso);
const char        *carnet_export_choice_fr       (const char                 *slug);

/* A file replaced only when the export succeeds. */
typedef struct _CarnetExportFile CarnetExportFile;

CarnetExportFile  *carnet_export_file_open       (const char                 *path,
                                                  GError                    **error);
GOutputStream     *carnet_export_file_get_stream (CarnetExportFile           *self);
gboolean           carnet_export_file_commit     (CarnetExportFile           *self,
                                                  GError                    **error);
void               carnet_export_file_free       (CarnetExportFile           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetExportScope, carnet_export_scope_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetExportFile, carnet_export_file_free)

G_END_DECLS
