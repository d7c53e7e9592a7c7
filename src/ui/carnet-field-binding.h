/* carnet-field-binding.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_FIELD_BINDING (carnet_field_binding_get_type ())

G_DECLARE_FINAL_TYPE (CarnetFieldBinding, carnet_field_binding, CARNET, FIELD_BINDING, GObject)

CarnetFieldBinding *carnet_field_binding_new             (CarnetStore        *store,
                                                          GType               type,
                                                          const char         *field,
                                                          GtkWidget          *widget);
void                carnet_field_binding_set_choices     (CarnetFieldBinding *self,
                                                          const char * const *labels,
                                                          const char * const *values);
void                carnet_field_binding_set_record      (CarnetFieldBinding *self,
                                                          CarnetRecord       *record);
CarnetRecord       *carnet_field_binding_get_record      (CarnetFieldBinding *self);
const char         *carnet_field_binding_get_field       (CarnetFieldBinding *self);
GtkWidget          *carnet_field_binding_get_widget      (CarnetFieldBinding *self);
gboolean            carnet_field_binding_flush           (CarnetFieldBinding *self);
gboolean            carnet_field_binding_flush_or_report (CarnetFieldBinding *self);
const char         *carnet_field_binding_get_error       (CarnetFieldBinding *self);
char               *carnet_field_binding_format_date     (const char         *iso);

G_END_DECLS
