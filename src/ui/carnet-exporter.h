/* carnet-exporter.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

void     carnet_exporter_choose_file (GtkWindow     *parent,
                                      CarnetStore   *store,
                                      CarnetRecord  *commune,
                                      const char    *format);
void     carnet_exporter_write_async (CarnetStore   *store,
                                      CarnetRecord  *commune,
                                      const char    *format,
                                      GFile         *file,
                                      GCancellable  *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer       user_data);
gboolean carnet_exporter_write_finish (GAsyncResult *result,
                                       GError      **error);
char    *carnet_exporter_suggest_name (CarnetRecord *commune,
                                       const char   *format);
void     carnet_exporter_print       (GtkWindow     *parent,
                                      CarnetStore   *store,
                                      CarnetRecord  *commune);

G_END_DECLS
