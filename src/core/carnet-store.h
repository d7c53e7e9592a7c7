/* carnet-store.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "carnet-db.h"
#include "carnet-records.h"

G_BEGIN_DECLS

#define CARNET_TYPE_STORE (carnet_store_get_type ())

G_DECLARE_FINAL_TYPE (CarnetStore, carnet_store, CARNET, STORE, GObject)

CarnetStore   *carnet_store_open          (const char     *path,
                                           GError        **error);
CarnetStore   *carnet_store_open_read_only (const char    *path,
                                            GError       **error);
gboolean       carnet_store_is_read_only  (CarnetStore    *self);
CarnetDb      *carnet_store_get_db        (CarnetStore    *self);
const char    *carnet_store_get_path      (CarnetStore    *self);

gboolean       carnet_store_insert        (CarnetStore    *self,
                                           CarnetRecord   *record,
                                           GError        **error);
gboolean       carnet_store_update        (CarnetStore    *self,
                                           CarnetRecord   *record,
                                           const char     *field,
                                           const GValue   *value,
                                           GError        **error);
gboolean       carnet_store_update_fields (CarnetStore    *self,
                                           CarnetRecord   *record,
                                           const char    **fields,
                                           const GValue   *values,
                                           guint           n_fields,
                                           GError        **error);
gboolean       carnet_store_update_text   (CarnetStore    *self,
                                           CarnetRecord   *record,
                                           const char     *field,
                                           const char     *text,
                                           GError        **error);
gboolean       carnet_store_delete        (CarnetStore    *self,
                                           CarnetRecord   *record,
                                           GError        **error);
gboolean       carnet_store_undelete      (CarnetStore    *self,
                                           CarnetRecord   *record,
                                           GError        **error);

CarnetRecord  *carnet_store_get           (CarnetStore    *self,
                                           GType           type,
                                           const char     *uuid,
                                           GError        **error);
CarnetRecord  *carnet_store_find          (CarnetStore    *self,
                                           GType           type,
                                           const char     *field,
                                           const char     *value);
GListModel    *carnet_store_list          (CarnetStore    *self,
                                           GType           type,
                                           const char     *field,
                                           const char     *value);
GListModel    *carnet_store_search        (CarnetStore    *self,
                                           GType           type,
                                           const char     *text,
                                           guint           limit);
guint          carnet_store_count         (CarnetStore    *self,
                                           GType           type,
                                           const char     *field,
                                           const char     *value);

CarnetCommune *carnet_store_add_commune   (CarnetStore    *self,
                                           const char     *insee,
                                           GError        **error);

void           carnet_store_reload        (CarnetStore    *self);

/* For CarnetRecordList. */
void           _carnet_store_register_list (CarnetStore   *self,
                                            gpointer       list);
CarnetRecord  *_carnet_store_load         (CarnetStore    *self,
                                           GType           type,
                                           gint64          id);
GArray        *_carnet_store_query_ids    (CarnetStore    *self,
                                           const char     *sql,
                                           const char    **params,
                                           GPtrArray     **keys);

/* For core code that writes rows with its own SQL. */
void           _carnet_store_touched      (CarnetStore    *self,
                                           GType           type);

G_END_DECLS
