/* carnet-format.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARNET_FORMAT_ERROR (carnet_format_error_quark ())

typedef enum
{
  CARNET_FORMAT_ERROR_DATE,
  CARNET_FORMAT_ERROR_MONEY,
  CARNET_FORMAT_ERROR_NUMBER,
} CarnetFormatError;

GQuark    carnet_format_error_quark (void);
gboolean  carnet_date_is_valid      (const char  *iso);
gboolean  carnet_parse_date         (const char  *text,
                                     char       **iso,
                                     GError     **error);
char     *carnet_format_date        (const char  *iso);
char     *carnet_today              (void);
gboolean  carnet_parse_money        (const char  *text,
                                     gint64      *cents,
                                     GError     **error);
char     *carnet_format_money       (gint64       cents);
char     *carnet_format_amount      (gint64       cents);
char     *carnet_format_count       (gint64       count);
char     *carnet_format_shorten     (const char  *text,
                                     guint        max_chars);
gboolean  carnet_parse_integer      (const char  *text,
                                     gint64      *value,
                                     GError     **error);

G_END_DECLS
