/* test-themes.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "carnet-test-util.h"
#include "carnet-db.h"
#include "carnet-records.h"
#include "carnet-store.h"
#include "carnet-themes.h"

/* The themes a chef de projet adds, renames, recolours, orders and deletes. */

#define SANTE     "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0001"
#define MOBILITES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002"
#define HABITAT   "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0004"
#define NUMERIQUE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0005"
#define PATRIMOINE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0009"

typedef struct
{
  char        *dir;
  CarnetStore *store;
  GHashTable  *changed;  /* GType → number of ::records-changed */
} Fixture;

static void
on_records_changed (CarnetStore *store,
                    GType        type,
                    GHashTable  *changed)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (changed, GSIZE_TO_POINTER (type)));

  g_hash_table_insert (changed, GSIZE_TO_POINTER (type), GUINT_TO_POINTER (n + 1));
}

static guint
changes_of (Fixture *fixture,
            GType    type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->changed, GSIZE_TO_POINTER (type)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-themes-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (path, &error);
  g_assert_no_error (error);
  fixture->changed = g_hash_table_new (NULL, NULL);
  g_signal_connect (fixture->store, "records-changed", G_CALLBACK (on_records_changed),
                    fixture->changed);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *)&fixture->store);
  g_object_unref (fixture->store);
  g_assert_null (fixture->store);
  g_hash_table_unref (fixture->changed);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *sql_text (CarnetStore *store,
                       const char  *format,
                       ...) G_GNUC_PRINTF (2, 3);

/* The first column of the first row, or NULL for SQL NULL. */
static char *
sql_text (CarnetStore *store,
          const char  *format,
          ...)
{
  sqlite3 *handle = carnet_db_get_handle (carnet_store_get_db (store));
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The live themes' slugs and positions, in list order: "sante:0 mobilites:1 …". */
static char *
theme_order (CarnetStore *store)
{
  g_autoptr(GListModel) themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (themes, i);

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              carnet_record_get_string (theme, "slug"),
                              carnet_record_get_int (theme, "position"));
    }
  return g_string_free (out, FALSE);
}

static CarnetRecord *
get_theme (Fixture    *fixture,
           const char *uuid)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *theme = carnet_store_get (fixture->store, CARNET_TYPE_THEME, uuid, &error);

  g_assert_no_error (error);
  return theme;
}

static CarnetRecord *
insert (Fixture *fixture,
        GType    type,
        ...)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *record;
  const char *first;
  va_list args;

  va_start (args, type);
  first = va_arg (args, const char *);
  record = CARNET_RECORD (g_object_new_valist (type, first, args));
  va_end (args);
  carnet_store_insert (fixture->store, record, &error);
  g_assert_no_error (error);
  return record;
}

static void
test_slug (void)
{
  const struct { const char *name; const char *slug; } cases[] = {
    { "Tourisme", "tourisme" },
    { "Santé & bien-être", "sante-bien-etre" },
    { "  Vélo   2026 ", "velo-2026" },
    { "Œuvres d'art", "oeuvres-d-art" },
    { "«  »", "theme" },
    { "", "theme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = carnet_theme_slug_from_name (cases[i].name);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetTheme) tourisme = NULL;
  g_autoptr(CarnetTheme) second = NULL;
  g_autoptr(CarnetTheme) blue = NULL;
  g_autoptr(CarnetTheme) refused = NULL;
  g_autoptr(GRegex) hex = g_regex_new ("^#[0-9a-f]{6}$", 0, 0, NULL);
  g_autofree char *same_color = NULL;

  tourisme = carnet_store_add_theme (fixture->store, "  Tourisme & loisirs ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (tourisme), "name"), ==,
                   "Tourisme & loisirs");
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (tourisme), "slug"), ==,
                   "tourisme-loisirs");
  g_assert_cmpint (carnet_record_get_int (CARNET_RECORD (tourisme), "position"), ==, 9);
  g_assert_false (carnet_record_get_bool (CARNET_RECORD (tourisme), "required"));
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, 1);

  /* A colour no other theme has. */
  g_assert_true (g_regex_match (hex, carnet_record_get_string (CARNET_RECORD (tourisme), "color"),
                                0, NULL));
  same_color = sql_text (fixture->store, "SELECT count(*) FROM themes WHERE color = '%s'",
                         carnet_record_get_string (CARNET_RECORD (tourisme), "color"));
  g_assert_cmpstr (same_color, ==, "1");

  /* Another name with the same slug: the slug is made unique, the colour differs. */
  second = carnet_store_add_theme (fixture->store, "Tourisme, loisirs", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (second), "slug"), ==,
                   "tourisme-loisirs-2");
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (second), "color"), !=,
                   carnet_record_get_string (CARNET_RECORD (tourisme), "color"));
  g_assert_cmpint (carnet_record_get_int (CARNET_RECORD (second), "position"), ==, 10);

  blue = carnet_store_add_theme (fixture->store, "Jeunesse", "#1a5fb4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (blue), "color"), ==, "#1a5fb4");

  /* The same name, case and accents aside, is refused; so are no name and a bad colour. */
  refused = carnet_store_add_theme (fixture->store, "NUMERIQUE", NULL, &error);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Numérique"));
  g_assert_null (refused);
  g_clear_error (&error);
  refused = carnet_store_add_theme (fixture->store, "   ", NULL, &error);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = carnet_store_add_theme (fixture->store, "Sport", "#1A5FB4", &error);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_THEME, NULL, NULL), ==, 12);
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, 3);
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autofree char *name = NULL;

  carnet_store_update_text (fixture->store, numerique, "name", "Numérique et inclusion", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (numerique, "name"), ==, "Numérique et inclusion");
  /* The slug names the pictogram and identifies the theme in exports: it stays. */
  g_assert_cmpstr (carnet_record_get_string (numerique, "slug"), ==, "numerique");
  name = sql_text (fixture->store, "SELECT name FROM themes WHERE uuid = '%s'", NUMERIQUE);
  g_assert_cmpstr (name, ==, "Numérique et inclusion");
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, 1);

  g_assert_false (carnet_store_update_text (fixture->store, numerique, "name", "", &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_assert_cmpstr (carnet_record_get_string (numerique, "name"), ==, "Numérique et inclusion");
}

static void
test_recolour (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) sante = get_theme (fixture, SANTE);
  const char *bad[] = { "red", "#E01B24", "#e01b2", "#e01b24ff", "" };

  carnet_store_update_text (fixture->store, sante, "color", "#c01c28", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (sante, "color"), ==, "#c01c28");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *stored = NULL;

      g_assert_false (carnet_store_update_text (fixture->store, sante, "color", bad[i], &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpstr (carnet_record_get_string (sante, "color"), ==, "#c01c28");
      stored = sql_text (fixture->store, "SELECT color FROM themes WHERE uuid = '%s'", SANTE);
      g_assert_cmpstr (stored, ==, "#c01c28");
    }
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, 1);
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) patrimoine = get_theme (fixture, PATRIMOINE);
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autoptr(CarnetRecord) sante = get_theme (fixture, SANTE);
  g_autoptr(GListModel) themes = carnet_store_list (fixture->store, CARNET_TYPE_THEME, NULL, NULL);
  g_autoptr(CarnetRecord) first = NULL;
  g_autofree char *order = NULL;

  g_assert_true (carnet_store_move_theme (fixture->store, patrimoine, 0, &error));
  g_assert_no_error (error);
  order = theme_order (fixture->store);
  g_assert_cmpstr (order, ==, "patrimoine-culture:0 sante:1 mobilites:2 commerce:3 habitat:4 "
                   "numerique:5 services-publics:6 transition-ecologique:7 friches-foncier:8");
  /* Lists follow, and the loaded objects too. */
  first = g_list_model_get_item (themes, 0);
  g_assert_true (first == patrimoine);
  g_assert_cmpint (carnet_record_get_int (sante, "position"), ==, 1);
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, 1);

  /* Past the end means last. */
  g_assert_true (carnet_store_move_theme (fixture->store, sante, 100, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = theme_order (fixture->store);
  g_assert_cmpstr (order, ==, "patrimoine-culture:0 mobilites:1 commerce:2 habitat:3 "
                   "numerique:4 services-publics:5 transition-ecologique:6 friches-foncier:7 "
                   "sante:8");

  /* A deleted theme leaves a gap; the next move closes it. */
  g_assert_true (carnet_store_delete_theme (fixture->store, numerique, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (carnet_store_move_theme (fixture->store, sante, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = theme_order (fixture->store);
  g_assert_cmpstr (order, ==, "sante:0 patrimoine-culture:1 mobilites:2 commerce:3 habitat:4 "
                   "services-publics:5 transition-ecologique:6 friches-foncier:7");

  /* Where it already is: nothing written, nothing announced. */
  {
    guint before = changes_of (fixture, CARNET_TYPE_THEME);

    g_assert_true (carnet_store_move_theme (fixture->store, sante, 0, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, before);
  }

  /* A deleted theme cannot move. */
  g_assert_false (carnet_store_move_theme (fixture->store, numerique, 0, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND);
}

typedef struct
{
  CarnetRecord *commune;
  CarnetRecord *project;
  CarnetRecord *action;
  CarnetRecord *walk;
  CarnetRecord *observation;
} Records;

/* A project, an action and an observation about Numérique. */
static void
records_set_up (Fixture *fixture,
                Records *records)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = carnet_db_now ();

  records->commune = CARNET_RECORD (carnet_store_add_commune (fixture->store, "14047", &error));
  g_assert_no_error (error);
  records->project = insert (fixture, CARNET_TYPE_PROJECT,
                             "commune-uuid", carnet_record_get_uuid (records->commune),
                             "title", "Tiers-lieu numérique",
                             "theme-uuid", NUMERIQUE,
                             "other-themes", HABITAT " " NUMERIQUE,
                             NULL);
  records->action = insert (fixture, CARNET_TYPE_ACTION,
                            "project-uuid", carnet_record_get_uuid (records->project),
                            "title", "Conseiller numérique en mairie",
                            "theme-uuid", NUMERIQUE,
                            "other-themes", NUMERIQUE " " MOBILITES,
                            NULL);
  records->walk = insert (fixture, CARNET_TYPE_WALK,
                          "commune-uuid", carnet_record_get_uuid (records->commune),
                          "walked-on", "2026-03-12",
                          NULL);
  records->observation = insert (fixture, CARNET_TYPE_OBSERVATION,
                                 "walk-uuid", carnet_record_get_uuid (records->walk),
                                 "theme-uuid", NUMERIQUE,
                                 "text", "Pas de wifi à la médiathèque",
                                 "taken-at", now,
                                 NULL);
  g_hash_table_remove_all (fixture->changed);
}

static void
records_tear_down (Records *records)
{
  g_clear_object (&records->observation);
  g_clear_object (&records->walk);
  g_clear_object (&records->action);
  g_clear_object (&records->project);
  g_clear_object (&records->commune);
}

static void
test_count_uses (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autoptr(CarnetRecord) habitat = get_theme (fixture, HABITAT);
  g_autoptr(CarnetRecord) mobilites = get_theme (fixture, MOBILITES);
  g_autoptr(CarnetRecord) sante = get_theme (fixture, SANTE);
  Records records;

  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, numerique), ==, 0);
  records_set_up (fixture, &records);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, numerique), ==, 3);
  /* Secondary themes count too. */
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, habitat), ==, 1);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, mobilites), ==, 1);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, sante), ==, 0);

  /* Deleted records do not. */
  carnet_store_delete (fixture->store, records.action, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, numerique), ==, 2);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, mobilites), ==, 0);
  records_tear_down (&records);
}

static void
test_delete_reassign (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autoptr(CarnetRecord) habitat = get_theme (fixture, HABITAT);
  g_autofree char *stored = NULL;
  Records records;

  records_set_up (fixture, &records);

  g_assert_true (carnet_store_delete_theme (fixture->store, numerique, habitat, &error));
  g_assert_no_error (error);
  g_assert_nonnull (carnet_record_get_deleted_at (numerique));
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_THEME, NULL, NULL), ==, 8);

  /* Habitat takes over; a record never lists its main theme among the others. */
  g_assert_cmpstr (carnet_record_get_string (records.project, "theme-uuid"), ==, HABITAT);
  g_assert_cmpstr (carnet_record_get_string (records.project, "other-themes"), ==, "");
  g_assert_cmpstr (carnet_record_get_string (records.action, "theme-uuid"), ==, HABITAT);
  g_assert_cmpstr (carnet_record_get_string (records.action, "other-themes"), ==, MOBILITES);
  g_assert_cmpstr (carnet_record_get_string (records.observation, "theme-uuid"), ==, HABITAT);
  stored = sql_text (fixture->store, "SELECT count(*) FROM actions WHERE theme_uuid = '%s'",
                     HABITAT);
  g_assert_cmpstr (stored, ==, "1");
  g_clear_pointer (&stored, g_free);
  stored = sql_text (fixture->store, "SELECT count(*) FROM projects WHERE theme_uuid = '%s'"
                     " OR other_themes LIKE '%%%s%%'", NUMERIQUE, NUMERIQUE);
  g_assert_cmpstr (stored, ==, "0");
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, habitat), ==, 3);

  /* Every list concerned is told. */
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_THEME), ==, 1);
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_PROJECT), ==, 1);
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_ACTION), ==, 1);
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_OBSERVATION), ==, 1);

  /* Undo brings the theme back, not its records: they keep the theme the user chose. */
  g_assert_true (carnet_store_undelete (fixture->store, numerique, &error));
  g_assert_no_error (error);
  g_assert_null (carnet_record_get_deleted_at (numerique));
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_THEME, NULL, NULL), ==, 9);
  g_assert_cmpint (carnet_record_get_int (numerique, "position"), ==, 4);
  g_assert_cmpstr (carnet_record_get_string (records.action, "theme-uuid"), ==, HABITAT);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, numerique), ==, 0);

  records_tear_down (&records);
}

static void
test_delete_no_theme (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autofree char *stored = NULL;
  Records records;

  records_set_up (fixture, &records);
  /* A tombstone is reassigned too, so that undeleting it never shows a deleted theme. */
  carnet_store_delete (fixture->store, records.observation, &error);
  g_assert_no_error (error);

  g_assert_true (carnet_store_delete_theme (fixture->store, numerique, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (carnet_record_get_string (records.project, "theme-uuid"));
  g_assert_cmpstr (carnet_record_get_string (records.project, "other-themes"), ==, HABITAT);
  g_assert_null (carnet_record_get_string (records.action, "theme-uuid"));
  g_assert_cmpstr (carnet_record_get_string (records.action, "other-themes"), ==, MOBILITES);
  stored = sql_text (fixture->store, "SELECT theme_uuid FROM observations WHERE uuid = '%s'",
                     carnet_record_get_uuid (records.observation));
  g_assert_null (stored);
  records_tear_down (&records);
}

static void
test_delete_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autoptr(CarnetRecord) habitat = get_theme (fixture, HABITAT);
  g_autoptr(CarnetRecord) patrimoine = get_theme (fixture, PATRIMOINE);
  Records records;

  records_set_up (fixture, &records);

  /* Required by the programme. */
  g_assert_false (carnet_store_delete_theme (fixture->store, habitat, numerique, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Habitat et logement"));
  g_clear_error (&error);
  g_assert_null (carnet_record_get_deleted_at (habitat));
  g_assert_cmpstr (carnet_record_get_string (records.project, "other-themes"), ==,
                   HABITAT " " NUMERIQUE);

  /* Taken over by itself, or by a deleted theme. */
  g_assert_false (carnet_store_delete_theme (fixture->store, numerique, numerique, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (carnet_store_delete_theme (fixture->store, patrimoine, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (carnet_store_delete_theme (fixture->store, numerique, patrimoine, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (carnet_record_get_deleted_at (numerique));
  g_assert_cmpstr (carnet_record_get_string (records.action, "theme-uuid"), ==, NUMERIQUE);
  g_assert_cmpuint (changes_of (fixture, CARNET_TYPE_ACTION), ==, 0);
  records_tear_down (&records);
}

/* When the deletion itself fails, the reassignment is undone with it. */
static void
test_delete_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) numerique = get_theme (fixture, NUMERIQUE);
  g_autoptr(CarnetRecord) habitat = get_theme (fixture, HABITAT);
  g_autofree char *stored = NULL;
  Records records;

  records_set_up (fixture, &records);
  carnet_db_exec (carnet_store_get_db (fixture->store),
                  "CREATE TEMP TRIGGER no_theme_deletion BEFORE UPDATE OF deleted_at ON themes"
                  " BEGIN SELECT raise (ABORT, 'refused by the test'); END", &error);
  g_assert_no_error (error);

  g_assert_false (carnet_store_delete_theme (fixture->store, numerique, habitat, &error));
  g_assert_nonnull (error);
  g_assert_null (carnet_record_get_deleted_at (numerique));
  stored = sql_text (fixture->store, "SELECT theme_uuid FROM actions WHERE uuid = '%s'",
                     carnet_record_get_uuid (records.action));
  g_assert_cmpstr (stored, ==, NUMERIQUE);
  g_assert_cmpstr (carnet_record_get_string (records.action, "theme-uuid"), ==, NUMERIQUE);
  g_assert_cmpuint (carnet_store_count_theme_uses (fixture->store, numerique), ==, 3);
  records_tear_down (&records);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/themes/slug", test_slug);
  ADD ("/themes/add", test_add);
  ADD ("/themes/rename", test_rename);
  ADD ("/themes/recolour", test_recolour);
  ADD ("/themes/move", test_move);
  ADD ("/themes/count-uses", test_count_uses);
  ADD ("/themes/delete/reassign", test_delete_reassign);
  ADD ("/themes/delete/no-theme", test_delete_no_theme);
  ADD ("/themes/delete/refused", test_delete_refused);
  ADD ("/themes/delete/atomic", test_delete_atomic);

  return g_test_run ();
}
