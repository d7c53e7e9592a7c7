/* carnet-generate.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-generate"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carnet-generate.h"
#include "carnet-generate-private.h"

/* Fills an empty database with a realistic programme: real communes of under 20,000
 * inhabitants from the reference list, their projects and actions, funding lines from the
 * programme's funders, walks and observations. Everything, UUIDs and timestamps included,
 * comes from one GRand seeded by the caller, so that a seed always gives the same database:
 * benchmarks and tests can rely on it.
 *
 * Rows are written with prepared statements in one transaction, not through
 * carnet_store_insert(), which would take a transaction and build an object per row. The
 * constraints of the schema and its full-text triggers apply all the same. */

#define NATIONAL_COMMUNES      1650
#define NATIONAL_PROJECTS      25000
#define NATIONAL_ACTIONS       125000
#define NATIONAL_FUNDING_LINES 60000
#define NATIONAL_WALKS         10000
#define NATIONAL_OBSERVATIONS  50000

#define PVD_MAX_POPULATION     20000
#define PREFERRED_POPULATION   1000

/* The day the generated programme is seen from: what ended before it is mostly done. */
#define TODAY_Y 2026
#define TODAY_M 1
#define TODAY_D 15

typedef struct
{
  const CarnetReferenceCommune *ref;
  double                        key;
} Candidate;

/* The columns written in each table. */
#define FICHE_COLUMNS(parent) \
  "uuid, created_at, updated_at, " parent ", number, title, description, objectives," \
  " expected_results, theme_uuid, other_themes, phase, status, maturity, priority, owner," \
  " lead, referent, partners, start_planned, end_planned, start_actual, end_actual, cost_ht," \
  " cost_ttc, progress, in_ort"

static const struct
{
  const char *name;
  const char *columns;
  guint       n_columns;
} tables[N_TABLES] = {
  { "communes", "uuid, created_at, updated_at, insee, name, departement, departement_name,"
    " region, epci_siren, epci_name, population, pvd_date, ort_date, notes", 14 },
  { "projects", FICHE_COLUMNS ("commune_uuid"), 27 },
  { "actions", FICHE_COLUMNS ("project_uuid"), 27 },
  { "funding_lines", "uuid, created_at, updated_at, project_uuid, action_uuid, funder, scheme,"
    " nature, basis, amount_requested, amount_granted, amount_paid, state, filed_on,"
    " decided_on, lapses_on, reference", 17 },
  { "walks", "uuid, created_at, updated_at, commune_uuid, walked_on, title, route,"
    " participants, notes", 9 },
  { "observations", "uuid, created_at, updated_at, walk_uuid, kind, theme_uuid, text, taken_at,"
    " action_uuid", 9 },
};

/* Rows are staged in temporary tables and moved a batch at a time by one INSERT … SELECT:
 * FTS5 flushes its pending terms at every statement of a transaction (at each statement
 * savepoint), which, row by row, would make one index segment per row to merge later. */
#define BATCH_ROWS 20000

/* Moves the staged rows into the real tables, parents first: their constraints are checked
 * and their triggers fire there. */
static gboolean
flush (Gen      *g,
       GError  **error)
{
  for (guint t = 0; t < N_TABLES; t++)
    if (!carnet_db_step_done (g->db, g->move[t], error) ||
        !carnet_db_step_done (g->db, g->clear[t], error))
      return FALSE;
  g->staged = 0;
  return TRUE;
}

/* Collectivities of the Pacific and of the Atlantic (975, 977, 978, 986, 987, 988) are not
 * in the programme; the overseas départements are. */
static gboolean
in_programme (const CarnetReferenceCommune *ref)
{
  return !(strlen (ref->departement) == 3 && strcmp (ref->departement, "975") >= 0);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return x->key < y->key ? 1 : (x->key > y->key ? -1 : strcmp (x->ref->insee, y->ref->insee));
}

static int
compare_insee (gconstpointer a,
               gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return strcmp (x->ref->insee, y->ref->insee);
}

/* Draws @n communes of under 20,000 inhabitants, each with a chance that grows with its
 * population (Efraimidis and Spirakis' weighted sampling), towns of 1,000 and more first:
 * the programme's small centralities, spread over every région as they are. */
static GArray *
choose_communes (Gen      *g,
                 guint     n,
                 GError  **error)
{
  CarnetReference *reference = carnet_reference_get_default ();
  guint total = carnet_reference_get_n_communes (reference);
  g_autoptr(GArray) preferred = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < total; i++)
    {
      const CarnetReferenceCommune *ref = carnet_reference_get_commune (reference, i);
      Candidate c = { ref, 0 };

      if (ref->population <= 0 || ref->population >= PVD_MAX_POPULATION || !in_programme (ref))
        continue;
      c.key = log (1.0 - g_rand_double (g->rand)) / (double)ref->population;
      g_array_append_val (ref->population >= PREFERRED_POPULATION ? preferred : others, c);
    }
  if (n > preferred->len + others->len)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("There are only %u communes of under 20,000 inhabitants"),
                   preferred->len + others->len);
      return NULL;
    }
  g_array_sort (preferred, compare_keys);
  g_array_sort (others, compare_keys);
  if (n > preferred->len)
    g_array_append_vals (preferred, others->data, n - preferred->len);
  g_array_set_size (preferred, n);
  g_array_sort (preferred, compare_insee);
  return g_steal_pointer (&preferred);
}

static gboolean
is_empty (Gen      *g,
          GError  **error)
{
  static const char *sql =
    "SELECT (SELECT count(*) FROM communes) + (SELECT count(*) FROM projects)"
    " + (SELECT count(*) FROM walks) + (SELECT count(*) FROM meetings)";
  sqlite3_stmt *stmt = carnet_db_prepare (g->db, sql, error);
  gint64 count;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return carnet_db_propagate (g->db, error, _("reading the database"));
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (count > 0)
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("The database “%s” is not empty: generate into a new file"),
                   carnet_db_get_path (g->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_themes (Gen      *g,
             GError  **error)
{
  sqlite3_stmt *stmt = carnet_db_prepare (g->db,
                                          "SELECT uuid FROM themes WHERE slug = ?"
                                          " AND deleted_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < GEN_N_THEMES; i++)
    {
      sqlite3_bind_text (stmt, 1, gen_theme_slugs[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g->theme_uuids[i] = g_intern_string ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static void
index_funders (Gen *g)
{
  for (guint t = 0; t < GEN_N_THEMES; t++)
    for (guint study = 0; study < 2; study++)
      {
        g->funders[t][study] = g_array_new (FALSE, FALSE, sizeof (guint));
        for (guint i = 0; i < gen_n_funders; i++)
          if ((gen_funders[i].themes == 0 || (gen_funders[i].themes & (1u << t)) != 0) &&
              (study || !gen_funders[i].studies))
            g_array_append_val (g->funders[t][study], i);
        g_assert (g->funders[t][study]->len > 0);
      }
}

static sqlite3_stmt *
prepare_printf (Gen         *g,
                GError     **error,
                const char  *format,
                ...) G_GNUC_PRINTF (3, 4);

/* The statement cache is keyed by SQL text that lives as long as the process: interned. */
static sqlite3_stmt *
prepare_printf (Gen         *g,
                GError     **error,
                const char  *format,
                ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return carnet_db_prepare (g->db, g_intern_string (sql), error);
}

static gboolean
prepare (Gen      *g,
         GError  **error)
{
  for (guint t = 0; t < N_TABLES; t++)
    {
      g_autoptr(GString) params = g_string_new ("?");
      g_autofree char *create = NULL;

      for (guint i = 1; i < tables[t].n_columns; i++)
        g_string_append (params, ", ?");
      create = g_strdup_printf ("CREATE TEMP TABLE generate_%s AS SELECT %s FROM main.%s LIMIT 0",
                                tables[t].name, tables[t].columns, tables[t].name);
      if (!carnet_db_exec (g->db, create, error))
        return FALSE;
      g->insert[t] = prepare_printf (g, error, "INSERT INTO temp.generate_%s (%s) VALUES (%s)",
                                     tables[t].name, tables[t].columns, params->str);
      if (g->insert[t] == NULL)
        return FALSE;
      g->move[t] = prepare_printf (g, error, "INSERT INTO main.%s (%s) SELECT %s"
                                   " FROM temp.generate_%s ORDER BY rowid", tables[t].name,
                                   tables[t].columns, tables[t].columns, tables[t].name);
      if (g->move[t] == NULL)
        return FALSE;
      g->clear[t] = prepare_printf (g, error, "DELETE FROM temp.generate_%s", tables[t].name);
      if (g->clear[t] == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
drop_staging (Gen *g)
{
  for (guint t = 0; t < N_TABLES; t++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TABLE IF EXISTS temp.generate_%s",
                                               tables[t].name);

      carnet_db_exec (g->db, drop, NULL);
    }
}

static gint64
read_cache_size (Gen *g)
{
  sqlite3_stmt *stmt = carnet_db_prepare (g->db, "PRAGMA cache_size", NULL);
  gint64 pages = -2000;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    pages = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return pages;
}

static gboolean
check_size (const CarnetGenerateSize  *size,
            GError                   **error)
{
  const char *missing = NULL;

  if (size->projects > 0 && size->communes == 0)
    missing = _("Projects need communes");
  else if (size->walks > 0 && size->communes == 0)
    missing = _("Walks need communes");
  else if (size->actions > 0 && size->projects == 0)
    missing = _("Actions need projects");
  else if (size->funding_lines > 0 && size->projects == 0)
    missing = _("Funding lines need projects");
  else if (size->observations > 0 && size->walks == 0)
    missing = _("Observations need walks");
  if (missing != NULL)
    {
      g_set_error_literal (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID, missing);
      return FALSE;
    }
  return TRUE;
}

static gboolean
generate (Gen                       *g,
          const CarnetGenerateSize  *size,
          GError                   **error)
{
  g_autoptr(GArray) communes = NULL;
  g_autofree double *weights = NULL;
  guint project_lines;

  if (!check_size (size, error) || !is_empty (g, error) || !read_themes (g, error) ||
      !prepare (g, error))
    return FALSE;
  communes = choose_communes (g, size->communes, error);
  if (communes == NULL)
    return FALSE;

  /* Larger towns carry more projects and walks. */
  weights = g_new (double, MAX (communes->len, 1));
  for (guint i = 0; i < communes->len; i++)
    weights[i] = 1 + log10 (MAX (g_array_index (communes, Candidate, i).ref->population, 1000)
                            / 1000.0);
  project_lines = size->funding_lines * 15 / 100;
  if (size->actions == 0)
    project_lines = size->funding_lines;
  g->projects_per_commune = gen_allocate (g, size->projects, size->communes, weights);
  g->walks_per_commune = gen_allocate (g, size->walks, size->communes, weights);
  g->actions_per_project = gen_allocate (g, size->actions, size->projects, NULL);
  g->funding_per_project = gen_allocate (g, project_lines, size->projects, NULL);
  g->funding_per_action = gen_allocate (g, size->funding_lines - project_lines, size->actions, NULL);
  g->observations_per_walk = gen_allocate (g, size->observations, size->walks, NULL);

  for (guint i = 0; i < communes->len; i++)
    {
      if (!gen_write_commune (g, g_array_index (communes, Candidate, i).ref, i, error))
        return FALSE;
      if (g->staged >= BATCH_ROWS && !flush (g, error))
        return FALSE;
    }
  return flush (g, error);
}

/**
 * carnet_generate_size_init:
 * @scale: 1 for the national size; 0.1 for a tenth, 4 for four times
 *
 * Sets @size to the national size times @scale (rounded, at least one commune).
 */
void
carnet_generate_size_init (CarnetGenerateSize *size,
                           double              scale)
{
  g_return_if_fail (size != NULL);
  g_return_if_fail (scale >= 0);

  size->communes = (guint)MAX (round (NATIONAL_COMMUNES * scale), 1);
  size->projects = (guint)round (NATIONAL_PROJECTS * scale);
  size->actions = (guint)round (NATIONAL_ACTIONS * scale);
  size->funding_lines = (guint)round (NATIONAL_FUNDING_LINES * scale);
  size->walks = (guint)round (NATIONAL_WALKS * scale);
  size->observations = (guint)round (NATIONAL_OBSERVATIONS * scale);
}

/**
 * carnet_generate_size_total:
 *
 * Returns: how many rows carnet_generate() writes for @size
 */
guint64
carnet_generate_size_total (const CarnetGenerateSize *size)
{
  g_return_val_if_fail (size != NULL, 0);

  return (guint64)size->communes + size->projects + size->actions + size->funding_lines +
         size->walks + size->observations;
}

/**
 * carnet_generate:
 * @store: an empty database
 * @seed: the seed: the same seed and size give the same database, UUIDs included
 *
 * Fills @store with a generated programme of @size, in one transaction: all of it is
 * written or nothing is.
 */
gboolean
carnet_generate (CarnetStore               *store,
                 guint32                    seed,
                 const CarnetGenerateSize  *size,
                 GError                   **error)
{
  Gen g = { 0 };
  g_autofree char *restore = NULL;
  gint64 cache_size;
  gboolean ok;
  guint n;
  const GType *types;

  g_return_val_if_fail (CARNET_IS_STORE (store), FALSE);
  g_return_val_if_fail (size != NULL, FALSE);

  g.rand = g_rand_new_with_seed (seed);
  g.db = carnet_store_get_db (store);
  g.chunk = g_string_chunk_new (64 * 1024);
  g.scratch = g_string_sized_new (512);
  g.action_uuids = g_array_new (FALSE, FALSE, UUID_LEN + 1);
  g.today = gen_julian (TODAY_Y, TODAY_M, TODAY_D);
  g.horizon = gen_julian (2028, 12, 31);
  gen_fill_days (&g);
  index_funders (&g);

  /* A bigger page cache for the indexes the inserts walk; the connection's own after. */
  cache_size = read_cache_size (&g);
  carnet_db_exec (g.db, "PRAGMA cache_size = -131072", NULL);
  ok = carnet_db_begin (g.db, error);
  if (ok && !(ok = generate (&g, size, error)))
    carnet_db_rollback (g.db);
  else if (ok)
    {
      drop_staging (&g);
      ok = carnet_db_commit (g.db, error);
    }
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);
  carnet_db_exec (g.db, restore, NULL);

  for (guint t = 0; t < GEN_N_THEMES; t++)
    for (guint study = 0; study < 2; study++)
      g_array_unref (g.funders[t][study]);
  g_free (g.projects_per_commune);
  g_free (g.walks_per_commune);
  g_free (g.actions_per_project);
  g_free (g.funding_per_project);
  g_free (g.funding_per_action);
  g_free (g.observations_per_walk);
  g_free (g.actions);
  g_free (g.days);
  g_array_unref (g.action_uuids);
  g_string_free (g.scratch, TRUE);
  g_string_chunk_free (g.chunk);
  g_rand_free (g.rand);

  if (!ok)
    return FALSE;

  /* Lists and views of the store follow. */
  types = carnet_record_types (&n);
  for (guint i = 0; i < n; i++)
    _carnet_store_touched (store, types[i]);
  return TRUE;
}
