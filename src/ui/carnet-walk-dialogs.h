/* carnet-walk-dialogs.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

/* The size of the pictures in an observation, in pixels. */
#define CARNET_THUMBNAIL_SIZE 72

void          carnet_walks_ensure_style          (GdkDisplay          *display);
void          carnet_walks_add_toast             (GtkWidget           *widget,
                                                  AdwToast            *toast);
gboolean      carnet_walks_dialog_is_open        (GtkWidget           *widget);
AdwDialog    *carnet_walks_record_dialog_new     (CarnetStore         *store,
                                                  GType                type,
                                                  const char          *field,
                                                  const char          *value,
                                                  const char          *heading,
                                                  const char          *body,
                                                  const char          *row_title,
                                                  const char          *response_label);
CarnetRecord *carnet_walks_record_dialog_get_chosen (AdwDialog        *dialog);
void          carnet_walks_show_photo            (GtkWidget           *parent,
                                                  CarnetStore         *store,
                                                  CarnetRecord        *attachment);
void          carnet_walks_load_texture_async    (const char          *path,
                                                  int                  max_size,
                                                  gboolean             square,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkTexture   *carnet_walks_load_texture_finish   (GAsyncResult        *result,
                                                  GError             **error);
char         *carnet_walks_format_time           (const char          *timestamp);

G_END_DECLS
