/* carnet-query.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-record-list.h"

G_BEGIN_DECLS

typedef enum
{
  CARNET_SORT_NUMBER,   /* number, then title */
  CARNET_SORT_DUE,      /* due date, soonest first, none last */
  CARNET_SORT_STATUS,   /* blocked and late first, done and abandoned last */
  CARNET_SORT_UPDATED,  /* last changed first */
} CarnetSort;

typedef enum
{
  CARNET_GROUP_NONE,
  CARNET_GROUP_PROJECT,
  CARNET_GROUP_THEME,
} CarnetGroup;

typedef struct _CarnetQuery CarnetQuery;

#define CARNET_TYPE_QUERY (carnet_query_get_type ())

GType             carnet_query_get_type     (void) G_GNUC_CONST;
CarnetQuery      *carnet_query_new          (GType         type);
void              carnet_query_set_type     (CarnetQuery  *self,
                                             GType         type);
CarnetQuery      *carnet_query_copy         (const CarnetQuery *self);
void              carnet_query_free         (CarnetQuery  *self);
void              carnet_query_set_commune  (CarnetQuery  *self,
                                             const char   *commune_uuid);
void              carnet_query_set_project  (CarnetQuery  *self,
                                             const char   *project_uuid);
void              carnet_query_set_theme    (CarnetQuery  *self,
                                             const char   *theme_uuid);
void              carnet_query_set_status   (CarnetQuery  *self,
                                             const char   *status);
void              carnet_query_set_overdue  (CarnetQuery  *self,
                                             const char   *today);
void              carnet_query_set_due_between (CarnetQuery *self,
                                                const char  *from,
                                                const char  *to);
void              carnet_query_set_funding  (CarnetQuery  *self,
                                             const char   *funder,
                                             const char   *state);
void              carnet_query_set_text     (CarnetQuery  *self,
                                             const char   *text);
void              carnet_query_set_sort     (CarnetQuery  *self,
                                             CarnetSort    sort);
void              carnet_query_set_group    (CarnetQuery  *self,
                                             CarnetGroup   group);
CarnetGroup       carnet_query_get_group    (const CarnetQuery *self);
CarnetRecordList *carnet_store_query        (CarnetStore  *store,
                                             const CarnetQuery *query);
gboolean          carnet_store_query_is_ready (CarnetStore       *store,
                                               const CarnetQuery *query);
void              carnet_store_prepare_query_async  (CarnetStore         *store,
                                                     const CarnetQuery   *query,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          carnet_store_prepare_query_finish (CarnetStore         *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);
char             *carnet_fts_query          (const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetQuery, carnet_query_free)

G_END_DECLS
