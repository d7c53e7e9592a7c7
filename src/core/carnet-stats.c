/* carnet-stats.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-stats.h"

/* A few GROUP BY queries over the live rows; a commune filter goes through its projects. */

static const char *status_slugs[] = {
  "en_cours", "en_retard", "en_pause", "bloque", "abandonne", "termine",
};

static const char *state_slugs[] = {
  "envisage", "demande", "accorde", "verse", "refuse",
};

const char *
carnet_stats_status_slug (guint index)
{
  return index < G_N_ELEMENTS (status_slugs) ? status_slugs[index] : NULL;
}

const char *
carnet_stats_funding_state_slug (guint index)
{
  return index < G_N_ELEMENTS (state_slugs) ? state_slugs[index] : NULL;
}

static int
index_of (const char  *slug,
          const char **slugs,
          guint        n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (slug, slugs[i]) == 0)
      return (int)i;
  return -1;
}

static void
theme_count_free (CarnetThemeCount *count)
{
  g_free (count->theme_uuid);
  g_free (count->theme_name);
  g_free (count->theme_color);
  g_free (count);
}

static void
funder_sum_free (CarnetFunderSum *sum)
{
  g_free (sum->funder);
  g_free (sum);
}

void
carnet_stats_free (CarnetStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->themes, g_ptr_array_unref);
  g_clear_pointer (&stats->funders, g_ptr_array_unref);
  g_free (stats);
}

/* The part of the money granted that the commune or EPCI brings itself. */
double
carnet_stats_self_funding_share (const CarnetStats *stats)
{
  if (stats->granted <= 0)
    return 0;
  return (double)stats->self_funding / (double)stats->granted;
}

/* Runs @sql with the commune bound to every `?1` (when there is one) and hands each row to
 * @row. */
static gboolean
each_row (CarnetStore  *store,
          const char   *sql,
          const char   *commune,
          const char   *today,
          void        (*row) (sqlite3_stmt *stmt, gpointer data),
          gpointer      data,
          GError      **error)
{
  CarnetDb *db = carnet_store_get_db (store);
  sqlite3_stmt *stmt = carnet_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* ?1 is the commune (NULL: all), ?2 today, where the query has them. */
  if (commune != NULL && sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, commune, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (db, error, _("computing the overview"));
  return TRUE;
}

#define COMMUNE_FILTER(alias) "(?1 IS NULL OR " alias ".commune_uuid = ?1)"

static void
read_counts (sqlite3_stmt *stmt,
             gpointer      data)
{
  CarnetStats *stats = data;

  stats->n_communes = sqlite3_column_int (stmt, 0);
  stats->n_projects = sqlite3_column_int (stmt, 1);
  stats->n_actions = sqlite3_column_int (stmt, 2);
  stats->n_overdue = sqlite3_column_int (stmt, 3);
  stats->n_due_soon = sqlite3_column_int (stmt, 4);
  stats->n_walks = sqlite3_column_int (stmt, 5);
  stats->n_observations = sqlite3_column_int (stmt, 6);
  stats->cost_ht = sqlite3_column_int64 (stmt, 7);
  stats->cost_ttc = sqlite3_column_int64 (stmt, 8);
}

static void
read_theme_status (sqlite3_stmt *stmt,
                   gpointer      data)
{
  CarnetStats *stats = data;
  const char *theme = (const char *)sqlite3_column_text (stmt, 0);
  int status = index_of ((const char *)sqlite3_column_text (stmt, 1), status_slugs,
                         G_N_ELEMENTS (status_slugs));
  guint n = sqlite3_column_int (stmt, 2);

  for (guint i = 0; i < stats->themes->len; i++)
    {
      CarnetThemeCount *count = g_ptr_array_index (stats->themes, i);

      if (g_strcmp0 (count->theme_uuid, theme) == 0 && status >= 0)
        {
          count->by_status[status] += n;
          count->total += n;
          stats->by_status[status] += n;
          return;
        }
    }
}

static void
read_theme (sqlite3_stmt *stmt,
            gpointer      data)
{
  CarnetStats *stats = data;
  CarnetThemeCount *count = g_new0 (CarnetThemeCount, 1);

  count->theme_uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  count->theme_name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  count->theme_color = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  g_ptr_array_add (stats->themes, count);
}

static void
read_funding (sqlite3_stmt *stmt,
              gpointer      data)
{
  CarnetStats *stats = data;
  int state = index_of ((const char *)sqlite3_column_text (stmt, 0), state_slugs,
                        G_N_ELEMENTS (state_slugs));
  const char *nature = (const char *)sqlite3_column_text (stmt, 1);
  gint64 requested = sqlite3_column_int64 (stmt, 2);
  gint64 granted = sqlite3_column_int64 (stmt, 3);
  gint64 paid = sqlite3_column_int64 (stmt, 4);

  if (state < 0)
    return;
  stats->by_state[state] += requested;
  if (g_str_equal (state_slugs[state], "refuse"))
    return;
  stats->requested += requested;
  if (g_str_equal (state_slugs[state], "accorde") || g_str_equal (state_slugs[state], "verse"))
    {
      stats->granted += granted;
      stats->paid += paid;
      if (g_strcmp0 (nature, "autofinancement") == 0)
        stats->self_funding += granted;
    }
}

static void
read_funder (sqlite3_stmt *stmt,
             gpointer      data)
{
  CarnetStats *stats = data;
  CarnetFunderSum *sum = g_new0 (CarnetFunderSum, 1);

  sum->funder = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sum->requested = sqlite3_column_int64 (stmt, 1);
  sum->granted = sqlite3_column_int64 (stmt, 2);
  sum->paid = sqlite3_column_int64 (stmt, 3);
  g_ptr_array_add (stats->funders, sum);
}

/* Funding lines hang under a project or an action: both paths lead to the commune. */
#define FUNDING_LINES \
  "SELECT f.* FROM funding_lines f JOIN projects p ON p.uuid = f.project_uuid" \
  " WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL AND " COMMUNE_FILTER ("p") \
  " UNION ALL " \
  "SELECT f.* FROM funding_lines f JOIN actions a ON a.uuid = f.action_uuid" \
  " JOIN projects p ON p.uuid = a.project_uuid" \
  " WHERE f.deleted_at IS NULL AND a.deleted_at IS NULL AND p.deleted_at IS NULL AND " \
  COMMUNE_FILTER ("p")

#define LIVE_ACTIONS \
  "actions a JOIN projects p ON p.uuid = a.project_uuid AND p.deleted_at IS NULL" \
  " WHERE a.deleted_at IS NULL AND " COMMUNE_FILTER ("p")

/**
 * carnet_stats_compute:
 * @commune_uuid: (nullable): one commune, or %NULL for all
 * @today: “YYYY-MM-DD”, the day against which overdue is judged
 *
 * Returns: (transfer full) (nullable): the figures
 */
CarnetStats *
carnet_stats_compute (CarnetStore  *store,
                      const char   *commune_uuid,
                      const char   *today,
                      GError      **error)
{
  g_autoptr(CarnetStats) stats = g_new0 (CarnetStats, 1);
  CarnetThemeCount *none;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stats->themes = g_ptr_array_new_with_free_func ((GDestroyNotify)theme_count_free);
  stats->funders = g_ptr_array_new_with_free_func ((GDestroyNotify)funder_sum_free);

  if (!each_row (store,
                 "SELECT"
                 " (SELECT count(*) FROM communes c WHERE c.deleted_at IS NULL AND (?1 IS NULL OR c.uuid = ?1)),"
                 " (SELECT count(*) FROM projects p WHERE p.deleted_at IS NULL AND " COMMUNE_FILTER ("p") "),"
                 " (SELECT count(*) FROM " LIVE_ACTIONS "),"
                 " (SELECT count(*) FROM " LIVE_ACTIONS " AND a.end_planned < ?2"
                 "   AND a.status NOT IN ('termine', 'abandonne')),"
                 " (SELECT count(*) FROM " LIVE_ACTIONS " AND a.end_planned >= ?2"
                 "   AND a.end_planned <= date (?2, '+30 days') AND a.status NOT IN ('termine', 'abandonne')),"
                 " (SELECT count(*) FROM walks w WHERE w.deleted_at IS NULL AND (?1 IS NULL OR w.commune_uuid = ?1)),"
                 " (SELECT count(*) FROM observations o JOIN walks w ON w.uuid = o.walk_uuid"
                 "   WHERE o.deleted_at IS NULL AND w.deleted_at IS NULL AND (?1 IS NULL OR w.commune_uuid = ?1)),"
                 " (SELECT coalesce (sum (a.cost_ht), 0) FROM " LIVE_ACTIONS "),"
                 " (SELECT coalesce (sum (a.cost_ttc), 0) FROM " LIVE_ACTIONS ")",
                 commune_uuid, today, read_counts, stats, error))
    return NULL;

  if (!each_row (store,
                 "SELECT uuid, name, color FROM themes WHERE deleted_at IS NULL"
                 " ORDER BY position, name COLLATE carnet",
                 commune_uuid, today, read_theme, stats, error))
    return NULL;
  none = g_new0 (CarnetThemeCount, 1);
  none->theme_name = g_strdup (_("No theme"));
  none->theme_color = g_strdup ("#9a9996");
  g_ptr_array_add (stats->themes, none);

  if (!each_row (store,
                 "SELECT (SELECT t.uuid FROM themes t WHERE t.uuid = a.theme_uuid AND t.deleted_at IS NULL),"
                 " a.status, count(*) FROM " LIVE_ACTIONS " GROUP BY 1, 2",
                 commune_uuid, today, read_theme_status, stats, error))
    return NULL;

  if (!each_row (store,
                 "SELECT state, nature, amount_requested, amount_granted, amount_paid FROM (" FUNDING_LINES ")",
                 commune_uuid, today, read_funding, stats, error))
    return NULL;

  if (!each_row (store,
                 "SELECT funder, sum (amount_requested), sum (CASE WHEN state IN ('accorde', 'verse')"
                 " THEN amount_granted ELSE 0 END), sum (CASE WHEN state IN ('accorde', 'verse')"
                 " THEN amount_paid ELSE 0 END) FROM (" FUNDING_LINES ")"
                 " WHERE state <> 'refuse' GROUP BY funder COLLATE carnet"
                 " ORDER BY 3 DESC, 2 DESC, funder COLLATE carnet",
                 commune_uuid, today, read_funder, stats, error))
    return NULL;

  return g_steal_pointer (&stats);
}
