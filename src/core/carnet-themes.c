/* carnet-themes.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-themes"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-themes.h"

/* The themes people add, order and delete. Renaming and recolouring are plain updates
 * (carnet_store_update_text()); what needs more than one row lives here, each operation in
 * one transaction. The slug of a theme is fixed at creation: it names the theme's pictogram
 * and identifies it in exports, so a rename keeps it. */

/* Colours for new themes, from the GNOME palette, none of them a default theme's: all are
 * legible as a pictogram on the light and on the dark style. */
static const char *const palette[] = {
  "#d56199", "#3584e4", "#e5a50a", "#6f8396", "#2ec27e", "#c061cb",
  "#ff7800", "#1a5fb4", "#a51d2d", "#986a44", "#613583", "#813d9c",
};

/* The tables whose records have a theme; fiches also have secondary themes. */
static const struct
{
  const char *table;
  gboolean    has_other_themes;
} themed[] = {
  { "projects", TRUE },
  { "actions", TRUE },
  { "observations", FALSE },
};

static GType
themed_type (guint i)
{
  GType types[] = { CARNET_TYPE_PROJECT, CARNET_TYPE_ACTION, CARNET_TYPE_OBSERVATION };

  G_STATIC_ASSERT (G_N_ELEMENTS (types) == G_N_ELEMENTS (themed));
  return types[i];
}

static gboolean
check_live_theme (CarnetRecord  *theme,
                  GError       **error)
{
  if (carnet_record_get_id (theme) == 0 || carnet_record_get_deleted_at (theme) != NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                   _("The theme “%s” was deleted"), carnet_record_get_string (theme, "name"));
      return FALSE;
    }
  return TRUE;
}

/**
 * carnet_theme_slug_from_name:
 *
 * Returns: @name in lowercase ASCII, words joined by hyphens (“Tourisme & loisirs” gives
 *   “tourisme-loisirs”), or “theme” when nothing is left
 */
char *
carnet_theme_slug_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name != NULL ? name : "", "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "theme");
  return g_string_free (slug, FALSE);
}

static gboolean
query_exists (CarnetDb   *db,
              const char *sql,
              const char *value)
{
  sqlite3_stmt *stmt = carnet_db_prepare (db, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Unique among the live themes, as the schema wants: a deleted theme's slug may come back
 * with a new theme of the same name, which then keeps the default pictogram. */
static char *
unique_slug (CarnetDb   *db,
             const char *name)
{
  g_autofree char *base = carnet_theme_slug_from_name (name);
  char *slug = g_strdup (base);

  for (guint n = 2;
       query_exists (db, "SELECT 1 FROM themes WHERE slug = ? AND deleted_at IS NULL", slug);
       n++)
    {
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base, n);
    }
  return slug;
}

static char *
unused_color (CarnetDb *db)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  stmt = carnet_db_prepare (db, "SELECT color FROM themes WHERE deleted_at IS NULL", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (used, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (!g_hash_table_contains (used, palette[i]))
      return g_strdup (palette[i]);
  return g_strdup (palette[g_hash_table_size (used) % G_N_ELEMENTS (palette)]);
}

/* The name of the live theme called @name, case and accents aside, or NULL. */
static char *
live_theme_named (CarnetDb   *db,
                  const char *name)
{
  sqlite3_stmt *stmt;
  char *found = NULL;

  stmt = carnet_db_prepare (db, "SELECT name FROM themes WHERE name = ? COLLATE carnet"
                                " AND deleted_at IS NULL", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return found;
}

static gint64
next_position (CarnetDb *db)
{
  sqlite3_stmt *stmt;
  gint64 position = 0;

  stmt = carnet_db_prepare (db, "SELECT coalesce (max (position) + 1, 0) FROM themes"
                                " WHERE deleted_at IS NULL", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    position = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return position;
}

/**
 * carnet_store_add_theme:
 * @name: the theme's name, as the user typed it (surrounding spaces are dropped)
 * @color: (nullable): its colour as `#rrggbb`, or %NULL for one no other theme has
 *
 * Adds a theme after the others. Its slug comes from @name. Two themes cannot have the
 * same name, case and accents aside.
 *
 * Returns: (transfer full) (nullable): the new theme
 */
CarnetTheme *
carnet_store_add_theme (CarnetStore  *store,
                        const char   *name,
                        const char   *color,
                        GError      **error)
{
  CarnetDb *db;
  g_autofree char *trimmed = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *picked = NULL;
  g_autoptr(CarnetRecord) theme = NULL;
  g_autofree char *existing = NULL;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  db = carnet_store_get_db (store);
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("A theme needs a name"));
      return NULL;
    }
  existing = live_theme_named (db, trimmed);
  if (existing != NULL)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_CONSTRAINT,
                   _("There is already a theme named “%s”"), existing);
      return NULL;
    }

  slug = unique_slug (db, trimmed);
  picked = color != NULL ? g_strdup (color) : unused_color (db);
  theme = g_object_new (CARNET_TYPE_THEME,
                        "slug", slug,
                        "name", trimmed,
                        "color", picked,
                        "position", next_position (db),
                        NULL);
  if (!carnet_store_insert (store, theme, error))
    return NULL;
  return CARNET_THEME (g_steal_pointer (&theme));
}

/* The ids of the live themes, in their order. */
static GArray *
live_theme_ids (CarnetDb  *db,
                GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = carnet_db_prepare (db, "SELECT id FROM themes WHERE deleted_at IS NULL"
                                " ORDER BY position, name COLLATE carnet", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      carnet_db_propagate (db, error, _("reading the themes"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * carnet_store_move_theme:
 * @new_position: where @theme goes among the live themes, 0 for first (a position past
 *   the end means last)
 *
 * Moves a theme and numbers the live themes 0, 1, 2… in their new order, in one
 * transaction.
 */
gboolean
carnet_store_move_theme (CarnetStore   *store,
                         CarnetRecord  *theme,
                         guint          new_position,
                         GError       **error)
{
  CarnetDb *db;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *now = NULL;
  gint64 id;
  guint changes = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CARNET_IS_STORE (store), FALSE);
  g_return_val_if_fail (CARNET_IS_THEME (theme), FALSE);

  if (!check_live_theme (theme, error))
    return FALSE;

  db = carnet_store_get_db (store);
  if (!carnet_db_begin (db, error))
    return FALSE;
  ids = live_theme_ids (db, error);
  if (ids == NULL)
    goto failed;

  id = carnet_record_get_id (theme);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        break;
      }
  g_array_insert_val (ids, MIN (new_position, ids->len), id);

  now = carnet_db_now ();
  stmt = carnet_db_prepare (db, "UPDATE themes SET position = ?1, updated_at = ?2"
                                " WHERE id = ?3 AND position IS NOT ?1", error);
  if (stmt == NULL)
    goto failed;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_array_index (ids, gint64, i));
      if (!carnet_db_step_done (db, stmt, error))
        goto failed;
      changes += sqlite3_changes (carnet_db_get_handle (db));
    }
  if (!carnet_db_commit (db, error))
    return FALSE;

  if (changes > 0)
    _carnet_store_touched (store, CARNET_TYPE_THEME);
  return TRUE;

failed:
  carnet_db_rollback (db);
  return FALSE;
}

/* A secondary-theme list with @old replaced by @replacement (or dropped), without
 * duplicates and without the main theme. */
static char *
replace_in_list (const char *list,
                 const char *old,
                 const char *replacement,
                 const char *main_theme)
{
  g_auto(GStrv) uuids = g_strsplit (list != NULL ? list : "", " ", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; uuids[i] != NULL; i++)
    {
      const char *uuid = strcmp (uuids[i], old) == 0 ? replacement : uuids[i];

      if (uuid == NULL || *uuid == '\0' || g_strcmp0 (uuid, main_theme) == 0)
        continue;
      if (!g_ptr_array_find_with_equal_func (kept, uuid, g_str_equal, NULL))
        g_ptr_array_add (kept, (gpointer)uuid);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **)kept->pdata);
}

/* Gives the records of @table that use @old (as main or secondary theme, tombstones
 * included, so that an undeleted record never points at a deleted theme) @replacement
 * instead. @changed counts the rows written. */
static gboolean
reassign (CarnetDb    *db,
          guint        t,
          const char  *old,
          const char  *replacement,
          const char  *now,
          guint       *changed,
          GError     **error)
{
  g_autofree char *select = NULL;
  g_autofree char *update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) mains = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (themed[t].has_other_themes)
    select = g_strdup_printf ("SELECT id, theme_uuid, other_themes FROM %s WHERE theme_uuid = ?1"
                              " OR instr (' ' || other_themes || ' ', ' ' || ?1 || ' ') > 0",
                              themed[t].table);
  else
    select = g_strdup_printf ("SELECT id, theme_uuid, '' FROM %s WHERE theme_uuid = ?1",
                              themed[t].table);
  stmt = carnet_db_prepare (db, g_intern_string (select), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, old, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *main_theme = (const char *)sqlite3_column_text (stmt, 1);

      if (g_strcmp0 (main_theme, old) == 0)
        main_theme = replacement;
      g_array_append_val (ids, id);
      g_ptr_array_add (mains, g_strdup (main_theme));
      g_ptr_array_add (others, replace_in_list ((const char *)sqlite3_column_text (stmt, 2),
                                                old, replacement, main_theme));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (db, error, _("the deletion"));

  if (themed[t].has_other_themes)
    update = g_strdup_printf ("UPDATE %s SET theme_uuid = ?, updated_at = ?, other_themes = ?"
                              " WHERE id = ?", themed[t].table);
  else
    update = g_strdup_printf ("UPDATE %s SET theme_uuid = ?, updated_at = ? WHERE id = ?",
                              themed[t].table);
  stmt = carnet_db_prepare (db, g_intern_string (update), error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      int n = 1;

      if (mains->pdata[i] != NULL)
        sqlite3_bind_text (stmt, n++, mains->pdata[i], -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, n++);
      sqlite3_bind_text (stmt, n++, now, -1, SQLITE_TRANSIENT);
      if (themed[t].has_other_themes)
        sqlite3_bind_text (stmt, n++, others->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, n, g_array_index (ids, gint64, i));
      if (!carnet_db_step_done (db, stmt, error))
        return FALSE;
    }
  *changed = ids->len;
  return TRUE;
}

/**
 * carnet_store_delete_theme:
 * @replacement: (nullable): the theme that takes over @theme's records, or %NULL to leave
 *   them without a theme
 *
 * Deletes a theme that is not required by the programme, in one transaction: the projects,
 * actions and observations that have it (as main or secondary theme) get @replacement
 * instead, then the theme is deleted as carnet_store_delete() does. Undoing with
 * carnet_store_undelete() brings the theme back but not its records: they keep
 * @replacement, which is the choice the user made when deleting.
 */
gboolean
carnet_store_delete_theme (CarnetStore   *store,
                           CarnetRecord  *theme,
                           CarnetRecord  *replacement,
                           GError       **error)
{
  CarnetDb *db;
  g_autofree char *now = NULL;
  g_autofree char *old = NULL;
  const char *new_uuid = NULL;
  guint changed[G_N_ELEMENTS (themed)] = { 0, };
  gboolean deleted = FALSE;

  g_return_val_if_fail (CARNET_IS_STORE (store), FALSE);
  g_return_val_if_fail (CARNET_IS_THEME (theme), FALSE);
  g_return_val_if_fail (replacement == NULL || CARNET_IS_THEME (replacement), FALSE);

  if (!check_live_theme (theme, error))
    return FALSE;
  if (carnet_record_get_bool (theme, "required"))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("The theme “%s” is required by the programme and cannot be deleted"),
                   carnet_record_get_string (theme, "name"));
      return FALSE;
    }
  if (replacement != NULL)
    {
      if (carnet_record_get_id (replacement) == carnet_record_get_id (theme))
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("A theme cannot take over its own records"));
          return FALSE;
        }
      if (!check_live_theme (replacement, error))
        return FALSE;
      new_uuid = carnet_record_get_uuid (replacement);
    }

  db = carnet_store_get_db (store);
  old = g_strdup (carnet_record_get_uuid (theme));
  now = carnet_db_now ();
  if (!carnet_db_begin (db, error))
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (themed); t++)
    if (!reassign (db, t, old, new_uuid, now, &changed[t], error))
      goto failed;
  if (!carnet_store_delete (store, theme, error))
    goto failed;
  deleted = TRUE;
  if (!carnet_db_commit (db, error))
    goto failed;

  for (guint t = 0; t < G_N_ELEMENTS (themed); t++)
    if (changed[t] > 0)
      _carnet_store_touched (store, themed_type (t));
  return TRUE;

failed:
  carnet_db_rollback (db);
  /* The theme object already shows the deletion that was just undone. */
  if (deleted)
    _carnet_store_touched (store, CARNET_TYPE_THEME);
  return FALSE;
}

/**
 * carnet_store_count_theme_uses:
 *
 * Returns: how many live projects, actions and observations have @theme, as main or
 *   secondary theme
 */
guint
carnet_store_count_theme_uses (CarnetStore  *store,
                               CarnetRecord *theme)
{
  CarnetDb *db;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CARNET_IS_STORE (store), 0);
  g_return_val_if_fail (CARNET_IS_THEME (theme), 0);

  db = carnet_store_get_db (store);
  stmt = carnet_db_prepare (db,
                            "SELECT (SELECT count(*) FROM projects WHERE deleted_at IS NULL"
                            "   AND (theme_uuid = ?1"
                            "        OR instr (' ' || other_themes || ' ', ' ' || ?1 || ' ') > 0))"
                            " + (SELECT count(*) FROM actions WHERE deleted_at IS NULL"
                            "   AND (theme_uuid = ?1"
                            "        OR instr (' ' || other_themes || ' ', ' ' || ?1 || ' ') > 0))"
                            " + (SELECT count(*) FROM observations WHERE deleted_at IS NULL"
                            "   AND theme_uuid = ?1)",
                            NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, carnet_record_get_uuid (theme), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
