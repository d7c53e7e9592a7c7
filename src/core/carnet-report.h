/* carnet-report.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "carnet-export.h"

G_BEGIN_DECLS

/* An A4 page in points, the unit of the report's drawing. */
#define CARNET_REPORT_A4_WIDTH  595.276
#define CARNET_REPORT_A4_HEIGHT 841.890

/* Printing: in GtkPrintOperation::begin-print, gtk_print_operation_set_n_pages() with
 * carnet_report_get_n_pages (report, gtk_print_context_get_width (context),
 * gtk_print_context_get_height (context)); in ::draw-page, carnet_report_draw_page() on
 * gtk_print_context_get_cairo_context() with the same size. With the operation's unit set to
 * GTK_UNIT_POINTS and use_full_page TRUE, the printed page matches the PDF. */

#define CARNET_TYPE_REPORT (carnet_report_get_type ())

G_DECLARE_FINAL_TYPE (CarnetReport, carnet_report, CARNET, REPORT, GObject)

CarnetReport *carnet_report_new              (CarnetStore                *store,
                                              const CarnetExportOptions  *options,
                                              GError                    **error);
const char   *carnet_report_get_title        (CarnetReport               *self);
int           carnet_report_get_n_pages      (CarnetReport               *self,
                                              double                      width,
                                              double                      height);
void          carnet_report_draw_page        (CarnetReport               *self,
                                              cairo_t                    *cr,
                                              int                         page,
                                              double                      width,
                                              double                      height);
gboolean      carnet_report_write_pdf_stream (CarnetReport               *self,
                                              GOutputStream              *stream,
                                              GCancellable               *cancellable,
                                              GError                    **error);
gboolean      carnet_report_write_pdf        (CarnetReport               *self,
                                              const char                 *path,
                                              GError                    **error);

G_END_DECLS
