/* carnet-query.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-query"

#include "config.h"

#include <string.h>

#include "carnet-fiche-index.h"
#include "carnet-query.h"

/* The filters, sorts and groupings of the lists of projects and actions, done by SQLite so
 * that a list of a hundred thousand actions costs only its ids. */

/* A new filter must be refused by _carnet_query_get_spec(), or taught to the index. */
struct _CarnetQuery
{
  GType       type;
  char       *commune;
  char       *project;
  char       *theme;
  char       *status;
  char       *overdue_on;
  char       *text;
  char       *due_from;
  char       *due_to;
  char       *funder;
  char       *funding_state;
  CarnetSort  sort;
  CarnetGroup group;
};

G_DEFINE_BOXED_TYPE (CarnetQuery, carnet_query, carnet_query_copy, carnet_query_free)

/**
 * carnet_query_new:
 * @type: %CARNET_TYPE_ACTION or %CARNET_TYPE_PROJECT
 */
CarnetQuery *
carnet_query_new (GType type)
{
  CarnetQuery *self;

  g_return_val_if_fail (type == CARNET_TYPE_ACTION || type == CARNET_TYPE_PROJECT, NULL);

  self = g_new0 (CarnetQuery, 1);
  self->type = type;
  self->sort = CARNET_SORT_NUMBER;
  self->group = CARNET_GROUP_NONE;
  return self;
}

/* The same filters, for projects instead of actions or the other way round. */
void
carnet_query_set_type (CarnetQuery *self,
                       GType        type)
{
  g_return_if_fail (type == CARNET_TYPE_ACTION || type == CARNET_TYPE_PROJECT);

  self->type = type;
}

CarnetQuery *
carnet_query_copy (const CarnetQuery *self)
{
  CarnetQuery *copy = g_memdup2 (self, sizeof *self);

  copy->commune = g_strdup (self->commune);
  copy->project = g_strdup (self->project);
  copy->theme = g_strdup (self->theme);
  copy->status = g_strdup (self->status);
  copy->overdue_on = g_strdup (self->overdue_on);
  copy->text = g_strdup (self->text);
  copy->due_from = g_strdup (self->due_from);
  copy->due_to = g_strdup (self->due_to);
  copy->funder = g_strdup (self->funder);
  copy->funding_state = g_strdup (self->funding_state);
  return copy;
}

void
carnet_query_free (CarnetQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->commune);
  g_free (self->project);
  g_free (self->theme);
  g_free (self->status);
  g_free (self->overdue_on);
  g_free (self->text);
  g_free (self->due_from);
  g_free (self->due_to);
  g_free (self->funder);
  g_free (self->funding_state);
  g_free (self);
}

/* Empty strings mean “any”, as an empty search entry or an “All” choice does. */
static void
set_filter (char       **slot,
            const char  *value)
{
  g_set_str (slot, value != NULL && *value != '\0' ? value : NULL);
}

void
carnet_query_set_commune (CarnetQuery *self,
                          const char  *commune_uuid)
{
  set_filter (&self->commune, commune_uuid);
}

void
carnet_query_set_project (CarnetQuery *self,
                          const char  *project_uuid)
{
  set_filter (&self->project, project_uuid);
}

void
carnet_query_set_theme (CarnetQuery *self,
                        const char  *theme_uuid)
{
  set_filter (&self->theme, theme_uuid);
}

void
carnet_query_set_status (CarnetQuery *self,
                         const char  *status)
{
  set_filter (&self->status, status);
}

/**
 * carnet_query_set_overdue:
 * @today: (nullable): “YYYY-MM-DD”: keep only what was due before that day and is not
 *   done or abandoned; %NULL for no such filter
 */
void
carnet_query_set_overdue (CarnetQuery *self,
                          const char  *today)
{
  set_filter (&self->overdue_on, today);
}

/**
 * carnet_query_set_due_between:
 * @from: (nullable): “YYYY-MM-DD”, the first day
 * @to: (nullable): the last day
 *
 * Keeps what falls due in that period and is not done or abandoned.
 */
void
carnet_query_set_due_between (CarnetQuery *self,
                              const char  *from,
                              const char  *to)
{
  set_filter (&self->due_from, from);
  set_filter (&self->due_to, to);
}

/**
 * carnet_query_set_funding:
 * @funder: (nullable): keep what this funder is asked for
 * @state: (nullable): keep what has a funding line in this state
 */
void
carnet_query_set_funding (CarnetQuery *self,
                          const char  *funder,
                          const char  *state)
{
  set_filter (&self->funder, funder);
  set_filter (&self->funding_state, state);
}

void
carnet_query_set_text (CarnetQuery *self,
                       const char  *text)
{
  g_autofree char *fts = text != NULL ? carnet_fts_query (text) : NULL;

  set_filter (&self->text, fts);
}

void
carnet_query_set_sort (CarnetQuery *self,
                       CarnetSort   sort)
{
  self->sort = sort;
}

void
carnet_query_set_group (CarnetQuery *self,
                        CarnetGroup  group)
{
  self->group = group;
}

CarnetGroup
carnet_query_get_group (const CarnetQuery *self)
{
  return self->group;
}

/* The index folds accents but not the ligatures œ and æ, which French writes in “cœur”
 * and people type as “coeur”: a word is looked for in both spellings. */
static void
append_word (GString    *query,
             const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  g_autoptr(GString) ligatures = g_string_new (folded);
  g_autoptr(GString) plain = g_string_new (folded);

  g_string_replace (ligatures, "oe", "œ", 0);
  g_string_replace (ligatures, "ae", "æ", 0);
  g_string_replace (plain, "œ", "oe", 0);
  g_string_replace (plain, "æ", "ae", 0);

  if (query->len > 0)
    g_string_append_c (query, ' ');
  if (g_str_equal (ligatures->str, plain->str))
    g_string_append_printf (query, "\"%s\"*", plain->str);
  else
    g_string_append_printf (query, "(\"%s\"* OR \"%s\"*)", plain->str, ligatures->str);
}

/**
 * carnet_fts_query:
 * @text: what a person typed
 *
 * Returns: an FTS5 query where every word must appear, as a word or the start of one;
 *   quotes keep FTS5's syntax characters inert. Empty when @text has no word.
 */
char *
carnet_fts_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *composed = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* An accent typed or pasted decomposed (e + U+0301) belongs to its word. */
  composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  for (const char *p = composed; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          append_word (query, word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  return g_string_free (g_steal_pointer (&query), FALSE);
}

static const char *
sort_sql (CarnetSort sort)
{
  switch (sort)
    {
    case CARNET_SORT_DUE:
      return "r.end_planned IS NULL, r.end_planned, r.number COLLATE carnet, r.title COLLATE carnet";
    case CARNET_SORT_STATUS:
      return "CASE r.status WHEN 'bloque' THEN 0 WHEN 'en_retard' THEN 1 WHEN 'en_cours' THEN 2"
             " WHEN 'en_pause' THEN 3 WHEN 'termine' THEN 4 ELSE 5 END,"
             " r.end_planned IS NULL, r.end_planned, r.title COLLATE carnet";
    case CARNET_SORT_UPDATED:
      return "r.updated_at DESC";
    case CARNET_SORT_NUMBER:
    default:
      return "r.number COLLATE carnet, r.title COLLATE carnet";
    }
}

/**
 * carnet_store_query:
 *
 * Returns: (transfer full): the live records that pass the filters, sorted; when grouped,
 *   each item's section key is the UUID of its project or theme (“” for no theme)
 */
CarnetRecordList *
carnet_store_query (CarnetStore       *store,
                    const CarnetQuery *query)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  gboolean actions;
  const char *key = NULL;
  const char *group_order = "";

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  actions = query->type == CARNET_TYPE_ACTION;
  if (query->group == CARNET_GROUP_PROJECT && actions)
    {
      key = "p.uuid";
      group_order = "p.number COLLATE carnet, p.title COLLATE carnet, p.id, ";
    }
  else if (query->group == CARNET_GROUP_THEME)
    {
      key = "coalesce (th.uuid, '')";
      group_order = "th.uuid IS NULL, th.position, th.id, ";
    }

  /* A second column, the section key, only when grouping: the list has sections then. */
  if (key != NULL)
    g_string_append_printf (sql, "SELECT r.id, %s FROM %s r", key, actions ? "actions" : "projects");
  else
    g_string_append_printf (sql, "SELECT r.id FROM %s r", actions ? "actions" : "projects");
  if (actions)
    g_string_append (sql, " JOIN projects p ON p.uuid = r.project_uuid AND p.deleted_at IS NULL");
  if (query->group == CARNET_GROUP_THEME)
    g_string_append (sql, " LEFT JOIN themes th ON th.uuid = r.theme_uuid AND th.deleted_at IS NULL");
  g_string_append (sql, " WHERE r.deleted_at IS NULL");

  if (query->commune != NULL)
    {
      g_string_append_printf (sql, " AND %s.commune_uuid = ?", actions ? "p" : "r");
      g_ptr_array_add (params, query->commune);
    }
  if (query->project != NULL && actions)
    {
      g_string_append (sql, " AND r.project_uuid = ?");
      g_ptr_array_add (params, query->project);
    }
  if (query->theme != NULL)
    {
      g_string_append (sql, " AND r.theme_uuid = ?");
      g_ptr_array_add (params, query->theme);
    }
  if (query->status != NULL)
    {
      g_string_append (sql, " AND r.status = ?");
      g_ptr_array_add (params, query->status);
    }
  if (query->overdue_on != NULL)
    {
      g_string_append (sql, " AND r.end_planned < ? AND r.status NOT IN ('termine', 'abandonne')");
      g_ptr_array_add (params, query->overdue_on);
    }
  if (query->due_from != NULL || query->due_to != NULL)
    {
      g_string_append (sql, " AND r.end_planned >= coalesce (?, '') AND r.end_planned <= coalesce (?, '9999')"
                            " AND r.status NOT IN ('termine', 'abandonne')");
      g_ptr_array_add (params, query->due_from != NULL ? query->due_from : (char *)"");
      g_ptr_array_add (params, query->due_to != NULL ? query->due_to : (char *)"9999");
    }
  if (query->funder != NULL || query->funding_state != NULL)
    {
      /* A project is funded through its own lines or its actions'. */
      g_string_append_printf (sql,
                              " AND EXISTS (SELECT 1 FROM funding_lines f WHERE f.deleted_at IS NULL"
                              " AND (%s)", actions
                              ? "f.action_uuid = r.uuid"
                              : "f.project_uuid = r.uuid OR f.action_uuid IN"
                                " (SELECT uuid FROM actions WHERE project_uuid = r.uuid AND deleted_at IS NULL)");
      if (query->funder != NULL)
        {
          g_string_append (sql, " AND f.funder = ? COLLATE carnet");
          g_ptr_array_add (params, query->funder);
        }
      if (query->funding_state != NULL)
        {
          g_string_append (sql, " AND f.state = ?");
          g_ptr_array_add (params, query->funding_state);
        }
      g_string_append (sql, ")");
    }
  if (query->text != NULL)
    {
      g_string_append_printf (sql, " AND r.id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?)",
                              actions ? "actions" : "projects", actions ? "actions" : "projects");
      g_ptr_array_add (params, query->text);
    }

  g_string_append_printf (sql, " ORDER BY %s%s, r.id", group_order, sort_sql (query->sort));
  g_ptr_array_add (params, NULL);

  /* The list asks the index of projects and actions (carnet-fiche-index.c) first. */
  return _carnet_record_list_new_for_query (store, query, query->type, sql->str,
                                            (const char **)params->pdata);
}

/* For the index: the query as plain fields, or FALSE when a filter needs SQLite. */
gboolean
_carnet_query_get_spec (const CarnetQuery *query,
                        CarnetQuerySpec   *spec)
{
  if (query->funder != NULL || query->funding_state != NULL)
    return FALSE;
  spec->type = query->type;
  spec->commune = query->commune;
  spec->project = query->project;
  spec->theme = query->theme;
  spec->status = query->status;
  spec->overdue_on = query->overdue_on;
  spec->due = query->due_from != NULL || query->due_to != NULL;
  spec->due_from = query->due_from;
  spec->due_to = query->due_to;
  spec->text = query->text;
  spec->sort = query->sort;
  spec->group = query->group;
  return TRUE;
}

/**
 * carnet_store_query_is_ready:
 *
 * Returns: whether carnet_store_query() answers @query at once. It may not when the lists
 *   of a large database have not been read yet: carnet_store_prepare_query_async() reads
 *   them in a thread.
 */
gboolean
carnet_store_query_is_ready (CarnetStore       *store,
                             const CarnetQuery *query)
{
  CarnetQuerySpec spec;

  g_return_val_if_fail (CARNET_IS_STORE (store), TRUE);
  g_return_val_if_fail (query != NULL, TRUE);

  return !_carnet_query_get_spec (query, &spec) || _carnet_fiche_index_is_ready (store);
}

/**
 * carnet_store_prepare_query_async:
 *
 * Reads in a thread what answering @query needs (the lists of projects and actions, sorted
 * in its order), for a window to show itself meanwhile. A query made before it is done
 * waits for it. Writing to the store meanwhile is allowed.
 */
void
carnet_store_prepare_query_async (CarnetStore         *store,
                                  const CarnetQuery   *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CarnetQuerySpec spec;

  g_return_if_fail (CARNET_IS_STORE (store));
  g_return_if_fail (query != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, carnet_store_prepare_query_async);
  g_task_set_check_cancellable (task, TRUE);
  if (!_carnet_query_get_spec (query, &spec))
    g_task_return_boolean (task, TRUE);
  else
    _carnet_fiche_index_prepare (store, &spec, task);
}

gboolean
carnet_store_prepare_query_finish (CarnetStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
