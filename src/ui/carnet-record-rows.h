/* carnet-record-rows.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-field-binding.h"

G_BEGIN_DECLS

typedef GtkWidget *(*CarnetRecordRowFunc) (CarnetRecord *record,
                                           gpointer      user_data);

void          carnet_record_rows_bind          (GtkListBox          *box,
                                                GListModel          *model,
                                                CarnetRecordRowFunc  create_row,
                                                gpointer             user_data);
GtkWidget    *carnet_record_rows_find          (GtkListBox          *box,
                                                CarnetRecord        *record);
CarnetRecord *carnet_record_rows_get_record    (GtkWidget           *row);
GtkWidget    *carnet_record_rows_bind_field    (GtkWidget           *row,
                                                CarnetStore         *store,
                                                CarnetRecord        *record,
                                                const char          *field,
                                                GtkWidget           *widget);
void          carnet_record_rows_add_binding   (GtkWidget           *row,
                                                CarnetFieldBinding  *binding);
GtkWidget    *carnet_record_rows_lookup_widget (GtkWidget           *row,
                                                const char          *field);
void          carnet_record_rows_flush         (GtkListBox          *box);
void          carnet_record_rows_delete        (GtkWidget           *widget,
                                                CarnetStore         *store,
                                                CarnetRecord        *record,
                                                const char          *message);
char         *carnet_record_rows_local_date    (const char          *timestamp);

G_END_DECLS
