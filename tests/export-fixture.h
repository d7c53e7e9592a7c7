/* export-fixture.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-store.h"

G_BEGIN_DECLS

/* The day the fixture's exports are made: what is overdue and what is recent depends on it. */
#define FIXTURE_TODAY "2026-11-21"
#define FIXTURE_NOW "2026-11-21T09:30:00.000000Z"

/* The number of live records of each kind that the exports show. */
#define FIXTURE_N_ACTIONS 22
#define FIXTURE_N_BAYEUX_ACTIONS 13
#define FIXTURE_N_FUNDING_LINES 10
#define FIXTURE_N_OBSERVATIONS 6

CarnetRecord *fixture_add     (CarnetStore  *store,
                               GType         type,
                               const char   *first_field,
                               ...) G_GNUC_NULL_TERMINATED;
void          fixture_fill    (CarnetStore  *store);

/* Test helpers */
void          fixture_remove_tree (const char          *path);
char         *fixture_run         (const char * const  *argv);
char         *fixture_read_file   (const char          *path);

G_END_DECLS
