/* test-fiche-index.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "carnet-fiche-index.h"
#include "carnet-generate.h"
#include "carnet-query.h"
#include "carnet-themes.h"

/* The index of projects and actions must give what the SQL of carnet_store_query() gives,
 * before and after every kind of change. Two stores share one generated database: the first
 * answers from its index, the second from SQLite alone. */

typedef struct
{
  char        *dir;
  CarnetStore *indexed;
  CarnetStore *plain;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CarnetGenerateSize size;

  fixture->dir = g_dir_make_tmp ("carnet-test-fiche-index-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->indexed = carnet_store_open (path, &error);
  g_assert_no_error (error);
  carnet_generate_size_init (&size, 0.01);
  g_assert_true (carnet_generate (fixture->indexed, 11, &size, &error));
  fixture->plain = carnet_store_open (path, &error);
  g_assert_no_error (error);
  _carnet_fiche_index_set_enabled (fixture->plain, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->indexed);
  g_clear_object (&fixture->plain);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static CarnetRecord *
first (CarnetStore *store,
       GType        type,
       guint        nth)
{
  g_autoptr(GListModel) all = carnet_store_list (store, type, NULL, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (all), >, nth);
  return g_list_model_get_item (all, nth);
}

/* The same rows in the same order, in the same sections. */
static void
assert_same (CarnetRecordList *expected,
             CarnetRecordList *got,
             const char       *what)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (expected));

  if (g_list_model_get_n_items (G_LIST_MODEL (got)) != n)
    g_error ("%s: %u rows instead of %u", what, g_list_model_get_n_items (G_LIST_MODEL (got)), n);
  g_assert_cmpint (carnet_record_list_has_sections (expected), ==,
                   carnet_record_list_has_sections (got));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) a = g_list_model_get_item (G_LIST_MODEL (expected), i);
      g_autoptr(CarnetRecord) b = g_list_model_get_item (G_LIST_MODEL (got), i);

      if (carnet_record_get_id (a) != carnet_record_get_id (b))
        g_error ("%s: row %u is %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT, what, i,
                 carnet_record_get_id (b), carnet_record_get_id (a));
      g_assert_cmpstr (carnet_record_list_get_section_key (expected, i), ==,
                       carnet_record_list_get_section_key (got, i));
    }
}

typedef void (*Filter) (CarnetQuery *query, Fixture *fixture);

static void
no_filter (CarnetQuery *query,
           Fixture     *fixture)
{
}

static void
by_commune (CarnetQuery *query,
            Fixture     *fixture)
{
  g_autoptr(CarnetRecord) commune = first (fixture->plain, CARNET_TYPE_COMMUNE, 2);

  carnet_query_set_commune (query, carnet_record_get_uuid (commune));
}

static void
by_project (CarnetQuery *query,
            Fixture     *fixture)
{
  g_autoptr(CarnetRecord) project = first (fixture->plain, CARNET_TYPE_PROJECT, 5);

  carnet_query_set_project (query, carnet_record_get_uuid (project));
}

static void
by_theme_and_status (CarnetQuery *query,
                     Fixture     *fixture)
{
  g_autoptr(CarnetRecord) theme = carnet_store_find (fixture->plain, CARNET_TYPE_THEME, "slug",
                                                     "habitat");

  carnet_query_set_theme (query, carnet_record_get_uuid (theme));
  carnet_query_set_status (query, "en_cours");
}

static void
overdue (CarnetQuery *query,
         Fixture     *fixture)
{
  carnet_query_set_overdue (query, "2026-01-15");
}

static void
due_between (CarnetQuery *query,
             Fixture     *fixture)
{
  carnet_query_set_due_between (query, "2025-01-01", "2026-12-31");
}

static void
due_before (CarnetQuery *query,
            Fixture     *fixture)
{
  carnet_query_set_due_between (query, NULL, "2025-06-30");
}

static void
text (CarnetQuery *query,
      Fixture     *fixture)
{
  carnet_query_set_text (query, "maison");
}

static void
short_text_in_commune (CarnetQuery *query,
                       Fixture     *fixture)
{
  by_commune (query, fixture);
  carnet_query_set_text (query, "é tr");
}

static const Filter filters[] = {
  no_filter, by_commune, by_project, by_theme_and_status, overdue, due_between, due_before,
  text, short_text_in_commune,
};

static void
check_all (Fixture    *fixture,
           const char *when)
{
  GType types[] = { CARNET_TYPE_ACTION, CARNET_TYPE_PROJECT };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      for (int group = CARNET_GROUP_NONE; group <= CARNET_GROUP_THEME; group++)
        for (int sort = CARNET_SORT_NUMBER; sort <= CARNET_SORT_UPDATED; sort++)
          {
            g_autoptr(CarnetQuery) query = carnet_query_new (types[t]);
            g_autoptr(CarnetRecordList) expected = NULL;
            g_autoptr(CarnetRecordList) got = NULL;
            g_autofree char *what = NULL;

            filters[f] (query, fixture);
            carnet_query_set_group (query, group);
            carnet_query_set_sort (query, sort);
            expected = carnet_store_query (fixture->plain, query);
            got = carnet_store_query (fixture->indexed, query);
            what = g_strdup_printf ("%s: %s, filter %u, group %d, sort %d", when,
                                    g_type_name (types[t]), f, group, sort);
            assert_same (expected, got, what);
          }
}

static void
set (Fixture      *fixture,
     CarnetRecord *record,
     const char   *field,
     const char   *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_store_update_text (fixture->indexed, record, field, value, &error));
  g_assert_no_error (error);
}

static void
test_same_as_sql (Fixture       *fixture,
                  gconstpointer  data)
{
  check_all (fixture, "generated");
}

/* Lists made before the changes follow them, and new queries agree with SQLite. */
static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_ACTION);
  g_autoptr(CarnetRecordList) live = NULL;
  g_autoptr(CarnetRecord) action = first (fixture->indexed, CARNET_TYPE_ACTION, 3);
  g_autoptr(CarnetRecord) other = first (fixture->indexed, CARNET_TYPE_ACTION, 40);
  g_autoptr(CarnetRecord) project = first (fixture->indexed, CARNET_TYPE_PROJECT, 7);
  g_autoptr(CarnetRecord) theme = carnet_store_find (fixture->indexed, CARNET_TYPE_THEME, "slug",
                                                     "sante");
  g_autoptr(CarnetRecord) new_action = NULL;
  g_autoptr(GError) error = NULL;

  carnet_query_set_group (query, CARNET_GROUP_PROJECT);
  carnet_query_set_sort (query, CARNET_SORT_DUE);
  live = carnet_store_query (fixture->indexed, query);

  set (fixture, action, "title", "Aaa : une action qui passe en tête");
  set (fixture, other, "status", "Bloqué");
  set (fixture, other, "end-planned", "01/02/2019");
  set (fixture, action, "theme-uuid", carnet_record_get_uuid (theme));
  set (fixture, project, "title", "000 Premier projet");
  set (fixture, project, "number", "0");
  check_all (fixture, "after edits");

  g_assert_true (carnet_store_delete (fixture->indexed, other, &error));
  g_assert_true (carnet_store_delete (fixture->indexed, project, &error));
  check_all (fixture, "after deletions");
  g_assert_true (carnet_store_undelete (fixture->indexed, project, &error));
  check_all (fixture, "after a project came back");
  g_assert_true (carnet_store_undelete (fixture->indexed, other, &error));
  g_assert_no_error (error);

  new_action = g_object_new (CARNET_TYPE_ACTION, "title", "Nouvelle action", "number", "1.0",
                             "project-uuid", carnet_record_get_uuid (project), NULL);
  g_assert_true (carnet_store_insert (fixture->indexed, new_action, &error));
  g_assert_no_error (error);
  g_assert_true (carnet_store_move_theme (fixture->indexed, theme, 8, &error));
  g_assert_no_error (error);
  check_all (fixture, "after an insertion and a theme moved");

  {
    g_autoptr(CarnetRecordList) expected = carnet_store_query (fixture->plain, query);

    assert_same (expected, live, "the list made first");
  }

  /* Another connection writes (carnet-cli while the app runs): the index reads again. */
  {
    g_autoptr(CarnetRecord) elsewhere = first (fixture->plain, CARNET_TYPE_ACTION, 10);

    g_assert_true (carnet_store_update_text (fixture->plain, elsewhere, "title", "0 en tête",
                                             &error));
    g_assert_no_error (error);
    check_all (fixture, "after a change by another connection");
  }

  /* Rowids far beyond the others (a database someone else wrote): found all the same. */
  {
    CarnetDb *db = carnet_store_get_db (fixture->plain);

    g_assert_true (carnet_db_exec (db, "UPDATE actions SET id = 40000000 WHERE id ="
                                       " (SELECT max (id) FROM actions);"
                                       " INSERT INTO actions_fts (actions_fts) VALUES ('rebuild')",
                                   &error));
    g_assert_no_error (error);
    check_all (fixture, "with a rowid beyond 2^24");
  }
  {
    g_autoptr(GListModel) all = carnet_store_list (fixture->indexed, CARNET_TYPE_ACTION, NULL, NULL);
    g_autoptr(CarnetRecord) far = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (all) && far == NULL; i++)
      {
        g_autoptr(CarnetRecord) each = g_list_model_get_item (all, i);

        if (carnet_record_get_id (each) == 40000000)
          far = g_steal_pointer (&each);
      }
    g_assert_nonnull (far);
    /* Changed here: the index finds its row by that id. */
    g_assert_true (carnet_store_update_text (fixture->indexed, far, "title", "000 tout en haut", &error));
    g_assert_no_error (error);
    check_all (fixture, "after a change of the row with a far rowid");
  }
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  int *state = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (carnet_store_prepare_query_finish (CARNET_STORE (source), result, &error));
  g_assert_no_error (error);
  *state = 1;
}

/* A store opened anew on the same file, reading its lists in a thread. */
static CarnetStore *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "carnet.db", NULL);
  CarnetStore *store = carnet_store_open (path, &error);

  g_assert_no_error (error);
  /* The generated database is small: told to use the thread all the same. */
  _carnet_fiche_index_set_small (store, 0);
  return store;
}

/* The lists read in a thread while this connection and another one write: once taken in,
 * every query agrees with SQLite. */
static void
test_thread (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_ACTION);
  g_autoptr(CarnetRecord) action = NULL;
  g_autoptr(CarnetRecord) other = NULL;
  g_autoptr(CarnetRecord) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  int state = 0;

  g_clear_object (&fixture->indexed);
  fixture->indexed = reopen (fixture);
  action = first (fixture->indexed, CARNET_TYPE_ACTION, 3);
  other = first (fixture->indexed, CARNET_TYPE_ACTION, 40);
  elsewhere = first (fixture->plain, CARNET_TYPE_ACTION, 10);

  carnet_query_set_group (query, CARNET_GROUP_PROJECT);
  carnet_query_set_sort (query, CARNET_SORT_DUE);
  g_assert_false (carnet_store_query_is_ready (fixture->indexed, query));
  carnet_store_prepare_query_async (fixture->indexed, query, NULL, on_prepared, &state);
  g_assert_false (carnet_store_query_is_ready (fixture->indexed, query));

  /* Written while the thread reads, or just before or after: all the same. */
  set (fixture, action, "title", "Aaa : écrite pendant la lecture");
  g_assert_true (carnet_store_delete (fixture->indexed, other, &error));
  g_assert_no_error (error);

  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (carnet_store_query_is_ready (fixture->indexed, query));
  check_all (fixture, "read in a thread");

  g_assert_true (carnet_store_update_text (fixture->plain, elsewhere, "title", "0 ailleurs", &error));
  g_assert_no_error (error);
  check_all (fixture, "read in a thread, then written by another connection");
}

/* A query made before the thread is done waits for it; the preparation still ends. */
static void
test_thread_query_first (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_PROJECT);
  g_autoptr(CarnetRecordList) got = NULL;
  g_autoptr(CarnetRecordList) expected = NULL;
  int state = 0;

  g_clear_object (&fixture->indexed);
  fixture->indexed = reopen (fixture);
  carnet_store_prepare_query_async (fixture->indexed, query, NULL, on_prepared, &state);
  got = carnet_store_query (fixture->indexed, query);
  expected = carnet_store_query (fixture->plain, query);
  assert_same (expected, got, "queried before the thread was done");
  g_assert_true (carnet_store_query_is_ready (fixture->indexed, query));

  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  check_all (fixture, "after the thread");
}

/* A small database needs no thread: ready at once. */
static void
test_small_ready (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_ACTION);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "carnet.db", NULL);
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (carnet_store_query_is_ready (store, query));
  _carnet_fiche_index_set_small (store, 0);
  g_assert_false (carnet_store_query_is_ready (store, query));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fiche-index/same-as-sql", Fixture, NULL, fixture_set_up, test_same_as_sql,
              fixture_tear_down);
  g_test_add ("/fiche-index/changes", Fixture, NULL, fixture_set_up, test_changes,
              fixture_tear_down);
  g_test_add ("/fiche-index/thread", Fixture, NULL, fixture_set_up, test_thread,
              fixture_tear_down);
  g_test_add ("/fiche-index/thread-query-first", Fixture, NULL, fixture_set_up,
              test_thread_query_first, fixture_tear_down);
  g_test_add ("/fiche-index/small-ready", Fixture, NULL, fixture_set_up, test_small_ready,
              fixture_tear_down);
  return g_test_run ();
}
