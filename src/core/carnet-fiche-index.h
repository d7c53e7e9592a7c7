/* carnet-fiche-index.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-query.h"

G_BEGIN_DECLS

/* For the core only: what carnet_store_query() asks the index of projects and actions
 * (carnet-fiche-index.c). Strings are borrowed from the query. */
typedef struct
{
  GType        type;        /* CARNET_TYPE_ACTION or CARNET_TYPE_PROJECT */
  const char  *commune;     /* each filter: NULL for any */
  const char  *project;
  const char  *theme;
  const char  *status;
  const char  *overdue_on;
  gboolean     due;         /* due between due_from and due_to (either may be NULL) */
  const char  *due_from;
  const char  *due_to;
  const char  *text;        /* an FTS5 query (carnet_fts_query()) */
  CarnetSort   sort;
  CarnetGroup  group;
} CarnetQuerySpec;

gboolean _carnet_query_get_spec      (const CarnetQuery     *query,
                                      CarnetQuerySpec       *spec);
CarnetRecordList *_carnet_record_list_new_for_query (CarnetStore       *store,
                                                     const CarnetQuery *query,
                                                     GType              type,
                                                     const char        *sql,
                                                     const char       **params);
void     _carnet_fiche_index_set_enabled (CarnetStore        *store,
                                          gboolean            enabled);
void     _carnet_fiche_index_set_small (CarnetStore         *store,
                                        guint                rows);
gboolean _carnet_fiche_index_is_ready (CarnetStore          *store);
void     _carnet_fiche_index_prepare  (CarnetStore          *store,
                                       const CarnetQuerySpec *spec,
                                       GTask                *task);
gboolean _carnet_fiche_index_evaluate (CarnetStore          *store,
                                       const CarnetQuerySpec *spec,
                                       GArray              **ids,
                                       GPtrArray           **keys);

G_END_DECLS
