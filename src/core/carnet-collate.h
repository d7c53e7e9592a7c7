/* carnet-collate.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int   carnet_collate     (const char *a,
                          gssize      len_a,
                          const char *b,
                          gssize      len_b);
char *carnet_collate_key (const char *text,
                          gssize      len);

/* For sqlite3_create_collation (). */
int   carnet_collate_sqlite (void       *user_data,
                             int         len_a,
                             const void *a,
                             int         len_b,
                             const void *b);

G_END_DECLS
