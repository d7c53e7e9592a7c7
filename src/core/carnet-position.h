/* carnet-position.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARNET_POSITION_ERROR (carnet_position_error_quark ())

typedef enum
{
  CARNET_POSITION_ERROR_INVALID,
  CARNET_POSITION_ERROR_OUT_OF_RANGE,
} CarnetPositionError;

GQuark    carnet_position_error_quark (void);
gboolean  carnet_parse_position       (const char  *text,
                                       double      *latitude,
                                       double      *longitude,
                                       GError     **error);
char     *carnet_format_position      (double       latitude,
                                       double       longitude);

G_END_DECLS
