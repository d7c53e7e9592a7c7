/* carnet-record-list.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_RECORD_LIST (carnet_record_list_get_type ())

G_DECLARE_FINAL_TYPE (CarnetRecordList, carnet_record_list, CARNET, RECORD_LIST, GObject)

CarnetRecordList *carnet_record_list_new     (CarnetStore      *store,
                                              GType             type,
                                              const char       *sql,
                                              const char      **params);
void              carnet_record_list_refresh (CarnetRecordList *self);
gboolean          carnet_record_list_find    (CarnetRecordList *self,
                                              gint64            id,
                                              guint            *position);
gboolean          carnet_record_list_has_sections    (CarnetRecordList *self);
const char       *carnet_record_list_get_section_key (CarnetRecordList *self,
                                                      guint             position);
void              carnet_record_list_get_section     (CarnetRecordList *self,
                                                      guint             position,
                                                      guint            *out_start,
                                                      guint            *out_end);

G_END_DECLS
