/* carnet-report.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "carnet-format.h"
#include "carnet-report-private.h"

/* The summary a chef de projet brings to a comité de pilotage or sends to the préfecture:
 * for one commune, a few or all, optionally one theme. What it shows is read once, when it
 * is made; it can then be laid out for any page size (a PDF in A4, or the paper of a
 * printer through GtkPrintOperation, which calls carnet_report_get_n_pages() when printing
 * begins and carnet_report_draw_page() for each page). */

G_DEFINE_FINAL_TYPE (CarnetReport, carnet_report, G_TYPE_OBJECT)

/* The order of the bars and columns: what is finished first. */
const char *const report_statuses[N_STATUSES] = {
  "termine", "en_cours", "en_retard", "bloque", "en_pause", "abandonne",
};

/* Parameters of every query: ?1 the communes (a JSON array of UUIDs, or NULL for all), ?2 the
 * theme's UUID (or NULL), ?3 today, ?4 the first day of the recent observations. */

static const char communes_sql[] =
  "SELECT uuid, insee, name, epci_name, departement_name, population, pvd_date, ort_date"
  " FROM communes WHERE deleted_at IS NULL"
  "  AND (?1 IS NULL OR uuid IN (SELECT value FROM json_each (?1)))"
  " ORDER BY name COLLATE carnet, insee";

static const char themes_sql[] =
  "SELECT uuid, name, color FROM themes WHERE deleted_at IS NULL"
  "  AND (?2 IS NULL OR uuid = ?2)"
  " ORDER BY position, name COLLATE carnet";

/* With a theme, the projects of that theme and those with an action of that theme. */
static const char projects_sql[] =
  "SELECT p.uuid, p.commune_uuid, p.number, p.title, p.cost_ht, ?2 IS NULL OR p.theme_uuid = ?2"
  " FROM projects p JOIN communes c ON c.uuid = p.commune_uuid"
  " WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR p.theme_uuid = ?2 OR EXISTS (SELECT 1 FROM actions a"
  "       WHERE a.project_uuid = p.uuid AND a.deleted_at IS NULL AND a.theme_uuid = ?2))"
  " ORDER BY c.name COLLATE carnet, c.insee, p.number COLLATE carnet, p.title COLLATE carnet,"
  "  p.id";

static const char actions_sql[] =
  "SELECT a.project_uuid, a.number, a.title, a.theme_uuid, a.status, a.lead, a.end_planned,"
  " a.progress, a.cost_ht,"
  " a.end_planned IS NOT NULL AND a.end_planned < ?3 AND a.status NOT IN ('termine', 'abandonne')"
  " FROM actions a"
  " JOIN projects p ON p.uuid = a.project_uuid"
  " JOIN communes c ON c.uuid = p.commune_uuid"
  " WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR a.theme_uuid = ?2)"
  " ORDER BY c.name COLLATE carnet, c.insee, p.number COLLATE carnet, p.title COLLATE carnet,"
  "  p.id, a.number COLLATE carnet, a.title COLLATE carnet, a.id";

static const char funding_sql[] =
  "SELECT coalesce (f.project_uuid, a.project_uuid), a.number, a.title, f.funder, f.scheme,"
  " f.nature, f.state, f.lapses_on, f.amount_requested, f.amount_granted, f.amount_paid"
  " FROM funding_lines f"
  " LEFT JOIN actions a ON a.uuid = f.action_uuid"
  " JOIN projects p ON p.uuid = coalesce (f.project_uuid, a.project_uuid)"
  " JOIN communes c ON c.uuid = p.commune_uuid"
  " WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND a.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR coalesce (a.theme_uuid, p.theme_uuid) = ?2)"
  " ORDER BY c.name COLLATE carnet, c.insee, p.number COLLATE carnet, p.title COLLATE carnet,"
  "  p.id, a.number COLLATE carnet, a.id, f.funder COLLATE carnet, f.id";

static const char observations_sql[] =
  "SELECT w.commune_uuid, w.walked_on, o.kind, o.theme_uuid, o.text"
  " FROM observations o"
  " JOIN walks w ON w.uuid = o.walk_uuid"
  " JOIN communes c ON c.uuid = w.commune_uuid"
  " WHERE o.deleted_at IS NULL AND w.deleted_at IS NULL AND c.deleted_at IS NULL"
  "  AND (?1 IS NULL OR c.uuid IN (SELECT value FROM json_each (?1)))"
  "  AND (?2 IS NULL OR o.theme_uuid = ?2)"
  "  AND w.walked_on >= ?4"
  " ORDER BY c.name COLLATE carnet, c.insee, w.walked_on DESC, w.id, o.taken_at, o.id";

typedef struct
{
  CarnetReport            *report;
  CarnetDb                *db;
  const CarnetExportScope *scope;
  GHashTable              *communes;  /* uuid → index + 1 */
  GHashTable              *themes;
  GHashTable              *projects;
  gint64                  *action_costs; /* per project */
  gboolean                *own_costs;
  gint64                  *project_costs;
} Loader;

const char *
_carnet_report_intern (CarnetReport *self,
                       const char   *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, text);
}

static const char *
column_text (Loader       *loader,
             sqlite3_stmt *stmt,
             int           column)
{
  return _carnet_report_intern (loader->report, (const char *)sqlite3_column_text (stmt, column));
}

static guint
lookup (GHashTable *table,
        const char *uuid)
{
  gpointer index = uuid != NULL ? g_hash_table_lookup (table, uuid) : NULL;

  return GPOINTER_TO_UINT (index);
}

static int
theme_index (Loader     *loader,
             const char *uuid)
{
  guint index = lookup (loader->themes, uuid);

  /* No theme, or a deleted one: the last row, “Sans thème”. */
  return index > 0 ? (int)index - 1 : (int)loader->report->themes->len - 1;
}

static sqlite3_stmt *
start_query (Loader      *loader,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = carnet_db_prepare (loader->db, sql, error);
  int n;

  if (stmt == NULL)
    return NULL;
  n = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_text (stmt, 1, carnet_export_scope_communes (loader->scope), -1, SQLITE_TRANSIENT);
  if (n >= 2)
    sqlite3_bind_text (stmt, 2, carnet_export_scope_theme (loader->scope), -1, SQLITE_TRANSIENT);
  if (n >= 3)
    sqlite3_bind_text (stmt, 3, loader->report->today, -1, SQLITE_TRANSIENT);
  if (n >= 4)
    sqlite3_bind_text (stmt, 4, loader->report->since, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
end_query (Loader        *loader,
           sqlite3_stmt  *stmt,
           int            rc,
           GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (loader->db, error, _("the report"));
  return TRUE;
}

static gboolean
load_communes (Loader  *loader,
               GError **error)
{
  CarnetReport *self = loader->report;
  sqlite3_stmt *stmt = start_query (loader, communes_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportCommune commune = { 0, };

      commune.uuid = column_text (loader, stmt, 0);
      commune.insee = column_text (loader, stmt, 1);
      commune.name = column_text (loader, stmt, 2);
      commune.epci = column_text (loader, stmt, 3);
      commune.departement = column_text (loader, stmt, 4);
      commune.population = sqlite3_column_int64 (stmt, 5);
      commune.pvd_date = column_text (loader, stmt, 6);
      commune.ort_date = column_text (loader, stmt, 7);
      g_array_append_val (self->communes, commune);
      g_hash_table_insert (loader->communes, (gpointer)commune.uuid,
                           GUINT_TO_POINTER (self->communes->len));
    }
  return end_query (loader, stmt, rc, error);
}

static gboolean
load_themes (Loader  *loader,
             GError **error)
{
  CarnetReport *self = loader->report;
  sqlite3_stmt *stmt = start_query (loader, themes_sql, error);
  ReportTheme none = { NULL, "Sans thème", 0x9a9996, { 0, }, 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportTheme theme = { 0, };
      const char *color = (const char *)sqlite3_column_text (stmt, 2);

      theme.uuid = column_text (loader, stmt, 0);
      theme.name = column_text (loader, stmt, 1);
      theme.color = 0x3584e4;
      if (color != NULL && color[0] == '#')
        theme.color = (guint32)g_ascii_strtoull (color + 1, NULL, 16);
      g_array_append_val (self->themes, theme);
      g_hash_table_insert (loader->themes, (gpointer)theme.uuid,
                           GUINT_TO_POINTER (self->themes->len));
    }
  g_array_append_val (self->themes, none);
  return end_query (loader, stmt, rc, error);
}

static gboolean
load_projects (Loader  *loader,
               GError **error)
{
  CarnetReport *self = loader->report;
  sqlite3_stmt *stmt = start_query (loader, projects_sql, error);
  g_autoptr(GArray) costs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (gboolean));
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportProject project = { 0, };
      gint64 cost = sqlite3_column_int64 (stmt, 4);
      gboolean is_own = sqlite3_column_int (stmt, 5) != 0;

      project.uuid = column_text (loader, stmt, 0);
      project.commune = lookup (loader->communes, (const char *)sqlite3_column_text (stmt, 1)) - 1;
      project.number = column_text (loader, stmt, 2);
      project.title = column_text (loader, stmt, 3);
      g_array_append_val (self->projects, project);
      g_array_append_val (costs, cost);
      g_array_append_val (own, is_own);
      g_hash_table_insert (loader->projects, (gpointer)project.uuid,
                           GUINT_TO_POINTER (self->projects->len));
      g_array_index (self->communes, ReportCommune, project.commune).n_projects++;
    }
  self->figures.n_projects = self->projects->len;
  loader->project_costs = (gint64 *)(gpointer)g_array_free (g_steal_pointer (&costs), FALSE);
  loader->own_costs = (gboolean *)(gpointer)g_array_free (g_steal_pointer (&own), FALSE);
  loader->action_costs = g_new0 (gint64, self->projects->len + 1);
  return end_query (loader, stmt, rc, error);
}

static int
status_index (const char *status)
{
  for (int i = 0; i < N_STATUSES; i++)
    if (g_strcmp0 (report_statuses[i], status) == 0)
      return i;
  return 1;
}

/* Fills the range [first, end) of @commune's rows in a table sorted by commune. */
#define EXTEND_RANGE(commune, first, end, index) \
  G_STMT_START { \
    if ((commune)->end == 0) \
      (commune)->first = (index); \
    (commune)->end = (index) + 1; \
  } G_STMT_END

static gboolean
load_actions (Loader  *loader,
              GError **error)
{
  CarnetReport *self = loader->report;
  sqlite3_stmt *stmt = start_query (loader, actions_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportAction action = { 0, };
      guint project = lookup (loader->projects, (const char *)sqlite3_column_text (stmt, 0));
      ReportCommune *commune;
      ReportTheme *theme;
      int status;

      if (project == 0)
        continue;
      action.project = project - 1;
      action.commune = g_array_index (self->projects, ReportProject, action.project).commune;
      action.number = column_text (loader, stmt, 1);
      action.title = column_text (loader, stmt, 2);
      action.theme = theme_index (loader, (const char *)sqlite3_column_text (stmt, 3));
      action.status = column_text (loader, stmt, 4);
      action.lead = column_text (loader, stmt, 5);
      action.due = column_text (loader, stmt, 6);
      action.progress = sqlite3_column_int (stmt, 7);
      action.overdue = sqlite3_column_int (stmt, 9) != 0;
      loader->action_costs[action.project] += sqlite3_column_int64 (stmt, 8);

      commune = &g_array_index (self->communes, ReportCommune, action.commune);
      EXTEND_RANGE (commune, first_action, end_action, self->actions->len);
      commune->n_actions++;
      theme = &g_array_index (self->themes, ReportTheme, action.theme);
      status = status_index (action.status);
      theme->counts[status]++;
      self->figures.by_status[status]++;
      if (action.overdue)
        {
          commune->n_overdue++;
          theme->n_overdue++;
          self->figures.n_overdue++;
        }
      g_array_append_val (self->actions, action);
    }
  self->figures.n_actions = self->actions->len;

  /* The cost of a project is that of its actions, or its own when they have none. */
  for (guint i = 0; i < self->projects->len; i++)
    self->figures.cost += loader->action_costs[i] > 0 ? loader->action_costs[i]
                          : loader->own_costs[i] ? loader->project_costs[i] : 0;
  return end_query (loader, stmt, rc, error);
}

static void
count_funding (CarnetReport  *self,
               GHashTable    *funders,
               ReportFunding *line)
{
  gboolean decided = g_strcmp0 (line->state, "accorde") == 0 ||
                     g_strcmp0 (line->state, "verse") == 0;
  gboolean filed = decided || g_strcmp0 (line->state, "demande") == 0;
  gint64 planned = decided ? line->granted : line->requested;
  ReportFunder *funder;

  if (g_strcmp0 (line->state, "refuse") == 0)
    return;

  self->figures.plan_total += planned;
  if (g_strcmp0 (line->nature, "autofinancement") == 0)
    self->figures.self_funding += planned;
  else
    {
      self->figures.aid_requested += filed ? line->requested : 0;
      self->figures.aid_granted += decided ? line->granted : 0;
    }

  if (!filed)
    return;
  funder = g_hash_table_lookup (funders, line->funder);
  if (funder == NULL)
    {
      funder = g_new0 (ReportFunder, 1);
      funder->funder = line->funder;
      g_hash_table_insert (funders, (gpointer)line->funder, funder);
    }
  funder->requested += line->requested;
  funder->granted += decided ? line->granted : 0;
  funder->paid += line->paid;
  funder->n_lines++;
}

static int
compare_funders (gconstpointer a,
                 gconstpointer b)
{
  const ReportFunder *fa = a, *fb = b;
  gint64 va = MAX (fa->granted, fa->requested), vb = MAX (fb->granted, fb->requested);

  if (va != vb)
    return va > vb ? -1 : 1;
  return g_utf8_collate (fa->funder, fb->funder);
}

static gboolean
load_funding (Loader  *loader,
              GError **error)
{
  CarnetReport *self = loader->report;
  sqlite3_stmt *stmt = start_query (loader, funding_sql, error);
  g_autoptr(GHashTable) funders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer funder;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportFunding line = { 0, };
      guint project = lookup (loader->projects, (const char *)sqlite3_column_text (stmt, 0));
      ReportCommune *commune;

      if (project == 0)
        continue;
      line.project = project - 1;
      line.commune = g_array_index (self->projects, ReportProject, line.project).commune;
      line.action_number = column_text (loader, stmt, 1);
      line.action_title = column_text (loader, stmt, 2);
      line.funder = column_text (loader, stmt, 3);
      line.scheme = column_text (loader, stmt, 4);
      line.nature = column_text (loader, stmt, 5);
      line.state = column_text (loader, stmt, 6);
      line.lapses_on = column_text (loader, stmt, 7);
      line.requested = sqlite3_column_int64 (stmt, 8);
      line.granted = sqlite3_column_int64 (stmt, 9);
      line.paid = sqlite3_column_int64 (stmt, 10);

      commune = &g_array_index (self->communes, ReportCommune, line.commune);
      EXTEND_RANGE (commune, first_funding, end_funding, self->funding->len);
      count_funding (self, funders, &line);
      g_array_append_val (self->funding, line);
    }

  g_hash_table_iter_init (&iter, funders);
  while (g_hash_table_iter_next (&iter, NULL, &funder))
    g_array_append_vals (self->funders, funder, 1);
  g_array_sort (self->funders, compare_funders);
  return end_query (loader, stmt, rc, error);
}

static gboolean
load_observations (Loader  *loader,
                   GError **error)
{
  CarnetReport *self = loader->report;
  sqlite3_stmt *stmt = start_query (loader, observations_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportObservation observation = { 0, };
      guint commune = lookup (loader->communes, (const char *)sqlite3_column_text (stmt, 0));
      ReportCommune *c;

      if (commune == 0)
        continue;
      observation.commune = commune - 1;
      observation.walked_on = column_text (loader, stmt, 1);
      observation.kind = column_text (loader, stmt, 2);
      observation.theme = theme_index (loader, (const char *)sqlite3_column_text (stmt, 3));
      observation.text = column_text (loader, stmt, 4);
      c = &g_array_index (self->communes, ReportCommune, observation.commune);
      EXTEND_RANGE (c, first_observation, end_observation, self->observations->len);
      g_array_append_val (self->observations, observation);
    }
  return end_query (loader, stmt, rc, error);
}

static char *
make_title (CarnetReport *self)
{
  guint n = self->communes->len;
  g_autoptr(GString) title = NULL;

  if (n == 0)
    return g_strdup ("Aucune commune");
  if (n > 3)
    return g_strdup_printf ("%s (%u communes)",
                            self->all_communes ? "Toutes les communes" : "Communes", n);
  title = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (title, "%s%s", i == 0 ? "" : i + 1 == n ? " et " : ", ",
                            g_array_index (self->communes, ReportCommune, i).name);
  return g_string_free (g_steal_pointer (&title), FALSE);
}

static void
carnet_report_finalize (GObject *object)
{
  CarnetReport *self = (CarnetReport *)object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->scratch);
  g_clear_pointer (&self->heights, g_hash_table_unref);
  g_clear_pointer (&self->kicker_attrs, pango_attr_list_unref);
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->communes, g_array_unref);
  g_clear_pointer (&self->themes, g_array_unref);
  g_clear_pointer (&self->projects, g_array_unref);
  g_clear_pointer (&self->actions, g_array_unref);
  g_clear_pointer (&self->funding, g_array_unref);
  g_clear_pointer (&self->observations, g_array_unref);
  g_clear_pointer (&self->funders, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->title);
  g_free (self->theme_name);
  g_free (self->today);
  g_free (self->since);
  g_free (self->soon);

  G_OBJECT_CLASS (carnet_report_parent_class)->finalize (object);
}

static void
carnet_report_class_init (CarnetReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carnet_report_finalize;
}

static void
carnet_report_init (CarnetReport *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->communes = g_array_new (FALSE, FALSE, sizeof (ReportCommune));
  self->themes = g_array_new (FALSE, FALSE, sizeof (ReportTheme));
  self->projects = g_array_new (FALSE, FALSE, sizeof (ReportProject));
  self->actions = g_array_new (FALSE, FALSE, sizeof (ReportAction));
  self->funding = g_array_new (FALSE, FALSE, sizeof (ReportFunding));
  self->observations = g_array_new (FALSE, FALSE, sizeof (ReportObservation));
  self->funders = g_array_new (FALSE, FALSE, sizeof (ReportFunder));
}

/**
 * carnet_report_new:
 * @options: (nullable): the communes (all when %NULL), the theme (all when %NULL), and the
 *   day the report is made (today when %NULL): what is overdue and what is recent
 *
 * Reads what the report shows. The selection is checked first: a commune that is not in
 * Carnet or an unknown theme is an error.
 *
 * Returns: (transfer full) (nullable): the report
 */
CarnetReport *
carnet_report_new (CarnetStore                *store,
                   const CarnetExportOptions  *options,
                   GError                    **error)
{
  g_autoptr(CarnetReport) self = NULL;
  g_autoptr(CarnetExportScope) scope = NULL;
  g_autoptr(GHashTable) communes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) themes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) projects = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDate) since = g_date_new ();
  char since_iso[16];
  int y, m, d;
  Loader loader = { 0, };
  sqlite3 *handle;
  gboolean in_read = FALSE;
  gboolean ok;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  scope = carnet_export_scope_new (store, options, error);
  if (scope == NULL)
    return NULL;

  self = g_object_new (CARNET_TYPE_REPORT, NULL);
  self->today = g_strdup (carnet_export_scope_today (scope));
  self->theme_name = g_strdup (carnet_export_scope_theme_name (scope));
  self->all_communes = carnet_export_scope_communes (scope) == NULL;
  sscanf (self->today, "%4d-%2d-%2d", &y, &m, &d);
  g_date_set_dmy (since, d, m, y);
  g_date_subtract_days (since, 90);
  g_date_strftime (since_iso, sizeof since_iso, "%Y-%m-%d", since);
  self->since = g_strdup (since_iso);
  g_date_add_days (since, 180);
  g_date_strftime (since_iso, sizeof since_iso, "%Y-%m-%d", since);
  self->soon = g_strdup (since_iso);

  loader.report = self;
  loader.db = carnet_store_get_db (store);
  loader.scope = scope;
  loader.communes = communes;
  loader.themes = themes;
  loader.projects = projects;

  handle = carnet_db_get_handle (loader.db);
  if (sqlite3_get_autocommit (handle))
    in_read = sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  ok = load_communes (&loader, error) && load_themes (&loader, error) &&
       load_projects (&loader, error) && load_actions (&loader, error) &&
       load_funding (&loader, error) && load_observations (&loader, error);
  if (in_read)
    sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
  g_free (loader.project_costs);
  g_free (loader.own_costs);
  g_free (loader.action_costs);
  if (!ok)
    return NULL;

  self->title = make_title (self);
  return g_steal_pointer (&self);
}

/* The communes of the report, for a print job's name. */
const char *
carnet_report_get_title (CarnetReport *self)
{
  g_return_val_if_fail (CARNET_IS_REPORT (self), NULL);

  return self->title;
}

static GPtrArray *
pages_for (CarnetReport *self,
           double        width,
           double        height)
{
  /* Fonts are set up where the report is laid out, which may not be the thread that read
   * it: Pango's font map belongs to a thread. */
  if (self->pango == NULL)
    _carnet_report_init_styles (self);
  if (self->pages == NULL || self->layout_width != width || self->layout_height != height)
    {
      g_clear_pointer (&self->pages, g_ptr_array_unref);
      self->pages = _carnet_report_paginate (self, width, height);
      self->layout_width = width;
      self->layout_height = height;
    }
  return self->pages;
}

/**
 * carnet_report_get_n_pages:
 * @width: the page's width, in points (the unit of the cairo context it will be drawn on)
 * @height: its height
 *
 * Lays the report out on pages of that size.
 *
 * Returns: the number of pages
 */
int
carnet_report_get_n_pages (CarnetReport *self,
                           double        width,
                           double        height)
{
  g_return_val_if_fail (CARNET_IS_REPORT (self), 0);
  g_return_val_if_fail (width > 200 && height > 200, 0);

  return (int)pages_for (self, width, height)->len;
}

/**
 * carnet_report_draw_page:
 * @cr: where to draw, its origin at the page's top left corner, in points
 * @page: the page, from 0
 * @width: the page's width, as given to carnet_report_get_n_pages()
 * @height: its height
 *
 * Draws a page, its header and footer included (“Page 2 sur 7”).
 */
void
carnet_report_draw_page (CarnetReport *self,
                         cairo_t      *cr,
                         int           page,
                         double        width,
                         double        height)
{
  GPtrArray *pages;

  g_return_if_fail (CARNET_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  pages = pages_for (self, width, height);
  g_return_if_fail (page >= 0 && page < (int)pages->len);

  cairo_save (cr);
  _carnet_report_draw_frame (self, cr, page, (int)pages->len, width, height);
  _carnet_report_draw_ops (self, cr, g_ptr_array_index (pages, page));
  cairo_restore (cr);
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} PdfWriter;

static cairo_status_t
write_pdf_data (void                *data,
                const unsigned char *bytes,
                unsigned int         length)
{
  PdfWriter *writer = data;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, bytes, length, NULL, writer->cancellable,
                                  &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * carnet_report_write_pdf_stream:
 * @stream: where to write; it is not closed
 *
 * Writes the report as a PDF document of A4 pages.
 */
gboolean
carnet_report_write_pdf_stream (CarnetReport   *self,
                                GOutputStream  *stream,
                                GCancellable   *cancellable,
                                GError        **error)
{
  PdfWriter writer = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int n_pages;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CARNET_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  n_pages = carnet_report_get_n_pages (self, CARNET_REPORT_A4_WIDTH, CARNET_REPORT_A4_HEIGHT);
  surface = cairo_pdf_surface_create_for_stream (write_pdf_data, &writer,
                                                 CARNET_REPORT_A4_WIDTH,
                                                 CARNET_REPORT_A4_HEIGHT);
  title = g_strdup_printf ("Synthèse Petites villes de demain — %s", self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Carnet " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (int i = 0; i < n_pages && writer.error == NULL; i++)
    {
      carnet_report_draw_page (self, cr, i, CARNET_REPORT_A4_WIDTH, CARNET_REPORT_A4_HEIGHT);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_FAILED,
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * carnet_report_write_pdf:
 * @path: the file to write; a file already there is replaced only when the report is
 *   written whole
 */
gboolean
carnet_report_write_pdf (CarnetReport  *self,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(CarnetExportFile) file = NULL;

  g_return_val_if_fail (CARNET_IS_REPORT (self), FALSE);

  file = carnet_export_file_open (path, error);
  if (file == NULL)
    return FALSE;
  if (!carnet_report_write_pdf_stream (self, carnet_export_file_get_stream (file), NULL, error))
    return FALSE;
  return carnet_export_file_commit (file, error);
}
