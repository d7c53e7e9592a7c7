/* carnet-schema.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-schema"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-schema.h"

/* Each released schema version is a step here, frozen once released: a later change is a
 * new step, never an edit of an old one, so that every database ever written can be carried
 * forward. Records are identified by a random UUID (so that exports from two laptops merge
 * without collisions) and link to each other by UUID; the integer id is local, for the
 * full-text index. A deleted record keeps its row with deleted_at set (a tombstone), for
 * undo and for merges. */

#define RECORD_COLUMNS \
  "id INTEGER PRIMARY KEY," \
  "uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36)," \
  "created_at TEXT NOT NULL," \
  "updated_at TEXT NOT NULL," \
  "deleted_at TEXT,"

#define DATE_CHECK(col) \
  "CHECK (" col " IS NULL OR " col " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"

/* Projects and fiches action share the fields of the State's shared project model. */
#define FICHE_COLUMNS \
  "number TEXT NOT NULL DEFAULT ''," \
  "title TEXT NOT NULL CHECK (title <> '')," \
  "description TEXT NOT NULL DEFAULT ''," \
  "objectives TEXT NOT NULL DEFAULT ''," \
  "expected_results TEXT NOT NULL DEFAULT ''," \
  "theme_uuid TEXT REFERENCES themes (uuid)," \
  "other_themes TEXT NOT NULL DEFAULT ''," \
  "phase TEXT NOT NULL DEFAULT 'idee' CHECK (phase IN ('idee', 'etude', 'operation'))," \
  "status TEXT NOT NULL DEFAULT 'en_cours' CHECK (status IN ('en_cours', 'en_retard', " \
  "  'en_pause', 'bloque', 'abandonne', 'termine'))," \
  "maturity TEXT NOT NULL DEFAULT 'en_reflexion' CHECK (maturity IN ('en_reflexion', " \
  "  'en_maturation', 'mature', 'validee'))," \
  "priority TEXT NOT NULL DEFAULT 'moyenne' CHECK (priority IN ('haute', 'moyenne', 'basse'))," \
  "owner TEXT NOT NULL DEFAULT ''," \
  "lead TEXT NOT NULL DEFAULT ''," \
  "referent TEXT NOT NULL DEFAULT ''," \
  "partners TEXT NOT NULL DEFAULT ''," \
  "start_planned TEXT " DATE_CHECK ("start_planned") "," \
  "end_planned TEXT " DATE_CHECK ("end_planned") "," \
  "start_actual TEXT " DATE_CHECK ("start_actual") "," \
  "end_actual TEXT " DATE_CHECK ("end_actual") "," \
  "cost_ht INTEGER NOT NULL DEFAULT 0 CHECK (cost_ht >= 0)," \
  "cost_ttc INTEGER NOT NULL DEFAULT 0 CHECK (cost_ttc >= 0)," \
  "progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100)," \
  "in_ort INTEGER NOT NULL DEFAULT 0 CHECK (in_ort IN (0, 1))"

/* What hangs under a project or an action: exactly one of the two parents is set. */
#define PARENT_COLUMNS \
  "project_uuid TEXT REFERENCES projects (uuid)," \
  "action_uuid TEXT REFERENCES actions (uuid),"
#define PARENT_CHECK \
  "CHECK ((project_uuid IS NULL) <> (action_uuid IS NULL))"

/* An external-content FTS5 index over some text columns of a table, kept in step by
 * triggers. remove_diacritics makes “equipement” find “équipement”. */
#define FTS(table, cols, newcols, oldcols) \
  "CREATE VIRTUAL TABLE " table "_fts USING fts5 (" cols ", content = '" table "', " \
  "  content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');" \
  "CREATE TRIGGER " table "_fts_insert AFTER INSERT ON " table " BEGIN" \
  "  INSERT INTO " table "_fts (rowid, " cols ") VALUES (new.id, " newcols ");" \
  "END;" \
  "CREATE TRIGGER " table "_fts_delete AFTER DELETE ON " table " BEGIN" \
  "  INSERT INTO " table "_fts (" table "_fts, rowid, " cols ") VALUES ('delete', old.id, " oldcols ");" \
  "END;" \
  "CREATE TRIGGER " table "_fts_update AFTER UPDATE ON " table " BEGIN" \
  "  INSERT INTO " table "_fts (" table "_fts, rowid, " cols ") VALUES ('delete', old.id, " oldcols ");" \
  "  INSERT INTO " table "_fts (rowid, " cols ") VALUES (new.id, " newcols ");" \
  "END;"

#define FICHE_FTS_COLUMNS "number, title, description, objectives, expected_results, lead, partners"
#define WALK_FTS_COLUMNS "title, route, participants, notes"

#define FICHE_FTS(table) \
  FTS (table, FICHE_FTS_COLUMNS, \
       "new.number, new.title, new.description, new.objectives, new.expected_results, " \
       "new.lead, new.partners", \
       "old.number, old.title, old.description, old.objectives, old.expected_results, " \
       "old.lead, old.partners")

/* Marks the file as Carnet's, so that another program's SQLite database is never taken
 * for an empty one: 0x4361726e is “Carn”. */

static const char schema_v1[] =
  "PRAGMA application_id = 1130459758;"
  "CREATE TABLE communes ("
  RECORD_COLUMNS
  "  insee TEXT NOT NULL CHECK (length (insee) = 5),"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  departement TEXT NOT NULL DEFAULT '',"
  "  departement_name TEXT NOT NULL DEFAULT '',"
  "  region TEXT NOT NULL DEFAULT '',"
  "  epci_siren TEXT NOT NULL DEFAULT '',"
  "  epci_name TEXT NOT NULL DEFAULT '',"
  "  population INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),"
  "  pvd_date TEXT " DATE_CHECK ("pvd_date") ","
  "  ort_date TEXT " DATE_CHECK ("ort_date") ","
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE UNIQUE INDEX communes_insee ON communes (insee) WHERE deleted_at IS NULL;"

  "CREATE TABLE themes ("
  RECORD_COLUMNS
  "  slug TEXT NOT NULL CHECK (slug <> ''),"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  color TEXT NOT NULL DEFAULT '#3584e4' CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1))"
  ");"
  "CREATE UNIQUE INDEX themes_slug ON themes (slug) WHERE deleted_at IS NULL;"

  "CREATE TABLE projects ("
  RECORD_COLUMNS
  "  commune_uuid TEXT NOT NULL REFERENCES communes (uuid),"
  FICHE_COLUMNS
  ");"
  "CREATE INDEX projects_commune ON projects (commune_uuid);"

  "CREATE TABLE actions ("
  RECORD_COLUMNS
  "  project_uuid TEXT NOT NULL REFERENCES projects (uuid),"
  FICHE_COLUMNS
  ");"
  "CREATE INDEX actions_project ON actions (project_uuid);"
  "CREATE INDEX actions_theme ON actions (theme_uuid);"
  "CREATE INDEX actions_due ON actions (end_planned);"

  "CREATE TABLE funding_lines ("
  RECORD_COLUMNS
  PARENT_COLUMNS
  "  funder TEXT NOT NULL CHECK (funder <> ''),"
  "  scheme TEXT NOT NULL DEFAULT '',"
  "  nature TEXT NOT NULL DEFAULT 'subvention' CHECK (nature IN ('subvention', 'pret', "
  "    'ingenierie', 'autofinancement')),"
  "  basis TEXT NOT NULL DEFAULT 'ht' CHECK (basis IN ('ht', 'ttc')),"
  "  amount_requested INTEGER NOT NULL DEFAULT 0 CHECK (amount_requested >= 0),"
  "  amount_granted INTEGER NOT NULL DEFAULT 0 CHECK (amount_granted >= 0),"
  "  amount_paid INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),"
  "  state TEXT NOT NULL DEFAULT 'envisage' CHECK (state IN ('envisage', 'demande', "
  "    'accorde', 'verse', 'refuse')),"
  "  filed_on TEXT " DATE_CHECK ("filed_on") ","
  "  decided_on TEXT " DATE_CHECK ("decided_on") ","
  "  lapses_on TEXT " DATE_CHECK ("lapses_on") ","
  "  reference TEXT NOT NULL DEFAULT '',"
  PARENT_CHECK
  ");"
  "CREATE INDEX funding_lines_project ON funding_lines (project_uuid);"
  "CREATE INDEX funding_lines_action ON funding_lines (action_uuid);"

  "CREATE TABLE journal_entries ("
  RECORD_COLUMNS
  PARENT_COLUMNS
  "  entry_date TEXT NOT NULL " DATE_CHECK ("entry_date") ","
  "  text TEXT NOT NULL DEFAULT '',"
  "  vigilance INTEGER NOT NULL DEFAULT 0 CHECK (vigilance IN (0, 1)),"
  PARENT_CHECK
  ");"
  "CREATE INDEX journal_entries_project ON journal_entries (project_uuid);"
  "CREATE INDEX journal_entries_action ON journal_entries (action_uuid);"

  "CREATE TABLE steps ("
  RECORD_COLUMNS
  PARENT_COLUMNS
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  planned_on TEXT " DATE_CHECK ("planned_on") ","
  "  done_on TEXT " DATE_CHECK ("done_on") ","
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  PARENT_CHECK
  ");"
  "CREATE INDEX steps_project ON steps (project_uuid);"
  "CREATE INDEX steps_action ON steps (action_uuid);"

  "CREATE TABLE status_changes ("
  RECORD_COLUMNS
  PARENT_COLUMNS
  "  changed_at TEXT NOT NULL,"
  "  author TEXT NOT NULL DEFAULT '',"
  "  from_status TEXT NOT NULL DEFAULT '',"
  "  to_status TEXT NOT NULL,"
  "  comment TEXT NOT NULL DEFAULT '',"
  PARENT_CHECK
  ");"
  "CREATE INDEX status_changes_project ON status_changes (project_uuid);"
  "CREATE INDEX status_changes_action ON status_changes (action_uuid);"

  "CREATE TABLE indicators ("
  RECORD_COLUMNS
  PARENT_COLUMNS
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'resultat' CHECK (kind IN ('avancement', 'resultat', 'impact')),"
  PARENT_CHECK
  ");"

  "CREATE TABLE measurements ("
  RECORD_COLUMNS
  "  indicator_uuid TEXT NOT NULL REFERENCES indicators (uuid),"
  "  measured_on TEXT NOT NULL " DATE_CHECK ("measured_on") ","
  "  value REAL NOT NULL,"
  "  target REAL"
  ");"
  "CREATE INDEX measurements_indicator ON measurements (indicator_uuid);"

  "CREATE TABLE meetings ("
  RECORD_COLUMNS
  "  commune_uuid TEXT REFERENCES communes (uuid),"
  "  kind TEXT NOT NULL DEFAULT 'copil' CHECK (kind IN ('comite_projet', 'copil', 'cotech')),"
  "  held_on TEXT NOT NULL " DATE_CHECK ("held_on") ","
  "  place TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE decisions ("
  RECORD_COLUMNS
  "  meeting_uuid TEXT NOT NULL REFERENCES meetings (uuid),"
  PARENT_COLUMNS
  "  decision TEXT NOT NULL DEFAULT '',"
  PARENT_CHECK
  ");"
  "CREATE INDEX decisions_meeting ON decisions (meeting_uuid);"

  "CREATE TABLE walks ("
  RECORD_COLUMNS
  "  commune_uuid TEXT NOT NULL REFERENCES communes (uuid),"
  "  walked_on TEXT NOT NULL " DATE_CHECK ("walked_on") ","
  "  title TEXT NOT NULL DEFAULT '',"
  "  route TEXT NOT NULL DEFAULT '',"
  "  participants TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX walks_commune ON walks (commune_uuid);"

  "CREATE TABLE observations ("
  RECORD_COLUMNS
  "  walk_uuid TEXT NOT NULL REFERENCES walks (uuid),"
  "  kind TEXT NOT NULL DEFAULT 'constat' CHECK (kind IN ('constat', 'irritant', 'idee')),"
  "  theme_uuid TEXT REFERENCES themes (uuid),"
  "  text TEXT NOT NULL DEFAULT '',"
  "  taken_at TEXT NOT NULL,"
  "  latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),"
  "  longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),"
  "  action_uuid TEXT REFERENCES actions (uuid)"
  ");"
  "CREATE INDEX observations_walk ON observations (walk_uuid);"

  "CREATE TABLE attachments ("
  RECORD_COLUMNS
  "  observation_uuid TEXT NOT NULL REFERENCES observations (uuid),"
  "  file_name TEXT NOT NULL CHECK (file_name <> ''),"
  "  stored_name TEXT NOT NULL CHECK (stored_name <> ''),"
  "  mime_type TEXT NOT NULL DEFAULT '',"
  "  size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0)"
  ");"
  "CREATE INDEX attachments_observation ON attachments (observation_uuid);"

  FICHE_FTS ("projects")
  FICHE_FTS ("actions")
  FTS ("observations", "text", "new.text", "old.text")
  FTS ("walks", WALK_FTS_COLUMNS,
       "new.title, new.route, new.participants, new.notes",
       "old.title, old.route, old.participants, old.notes")
  FTS ("journal_entries", "text", "new.text", "old.text");

/**
 * _carnet_schema_fts_columns:
 *
 * Returns: (nullable): the columns of @table that its full-text index `@table_fts` holds, as
 *   a list for SQL (the same names in both), or %NULL when it has no such index
 */
const char *
_carnet_schema_fts_columns (const char *table)
{
  static const struct { const char *table; const char *columns; } indexed[] = {
    { "projects", FICHE_FTS_COLUMNS },
    { "actions", FICHE_FTS_COLUMNS },
    { "observations", "text" },
    { "walks", WALK_FTS_COLUMNS },
    { "journal_entries", "text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (indexed); i++)
    if (g_strcmp0 (table, indexed[i].table) == 0)
      return indexed[i].columns;
  return NULL;
}

/* The nine themes of the programme. Their UUIDs are fixed so that the same theme is the
 * same record on every laptop and exports merge. Names are data, in French, like the
 * user's own. The first four are required by the programme and cannot be deleted. */
static const struct
{
  const char *uuid;
  const char *slug;
  const char *name;
  const char *color;
  gboolean    required;
} default_themes[] = {
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0001", "sante", "Santé et accès aux soins", "#e01b24", TRUE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002", "mobilites", "Mobilités", "#1c71d8", TRUE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003", "commerce", "Commerce et artisanat", "#e66100", TRUE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0004", "habitat", "Habitat et logement", "#9141ac", TRUE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0005", "numerique", "Numérique", "#2190a4", FALSE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0006", "services-publics", "Services publics", "#3a944a", FALSE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0007", "transition-ecologique",
    "Transition écologique et nature en ville", "#26a269", FALSE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0008", "friches-foncier", "Friches et foncier", "#865e3c", FALSE },
  { "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0009", "patrimoine-culture", "Patrimoine et culture", "#c64600", FALSE },
};

static gboolean
insert_default_themes (CarnetDb  *db,
                       GError   **error)
{
  g_autofree char *now = carnet_db_now ();
  sqlite3_stmt *stmt;

  stmt = carnet_db_prepare (db,
                            "INSERT INTO themes (uuid, created_at, updated_at, slug, name, color,"
                            " position, required) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_themes); i++)
    {
      sqlite3_bind_text (stmt, 1, default_themes[i].uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, default_themes[i].slug, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, default_themes[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, default_themes[i].color, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, i);
      sqlite3_bind_int (stmt, 8, default_themes[i].required);
      if (!carnet_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_to_1 (CarnetDb  *db,
              GError   **error)
{
  return carnet_db_exec (db, schema_v1, error) && insert_default_themes (db, error);
}

static gboolean (*const steps[]) (CarnetDb *, GError **) = {
  migrate_to_1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == CARNET_SCHEMA_VERSION);

/**
 * carnet_schema_migrate:
 * @from_version: the database's `user_version`
 *
 * Runs every step after @from_version, inside the caller's transaction, and records the
 * new version.
 */
gboolean
carnet_schema_migrate (CarnetDb  *db,
                       int        from_version,
                       GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (from_version >= 0 && from_version <= CARNET_SCHEMA_VERSION, FALSE);

  for (int v = from_version; v < CARNET_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating the schema from version %d to %d", v, v + 1);
      if (!steps[v] (db, error))
        return FALSE;
    }

  sql = g_strdup_printf ("PRAGMA user_version = %d", CARNET_SCHEMA_VERSION);
  return carnet_db_exec (db, sql, error);
}
