/* safety-util.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Helpers of the safety tests: files, and databases handled behind Carnet's back, as a
 * crash, a copy or another program would. */

char     *safety_make_tmp_dir        (void);
void      safety_remove_tree         (const char  *path);
GBytes   *safety_read_file           (const char  *path);
void      safety_assert_same_file    (const char  *path,
                                      GBytes      *before);
char     *safety_list_dir            (const char  *dir);
int       safety_mode                (const char  *path);
void      safety_copy_file           (const char  *from,
                                      const char  *to);
char     *safety_fixture_path        (const char  *name);

void      safety_make_database       (const char  *path,
                                      guint        n_projects);
gint64    safety_query_int           (const char  *path,
                                      const char  *sql);
char     *safety_query_text          (const char  *path,
                                      const char  *sql);
void      safety_exec                (const char  *path,
                                      const char  *sql);
void      safety_corrupt_table       (const char  *path,
                                      const char  *table);

gboolean  safety_can_drop_privileges (void);
void      safety_drop_privileges     (void);

G_END_DECLS
