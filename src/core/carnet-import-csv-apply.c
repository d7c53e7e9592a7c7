/* carnet-import-csv-apply.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-import-csv-private.h"

/* The lines of a checked spreadsheet written in one transaction. The rows are written with
 * SQL, not through carnet_store_insert(): the store would cache and announce each record
 * before the outer transaction commits, and a rollback would leave it showing records that
 * do not exist. The store is told once the transaction is committed, as after
 * carnet_generate(). The lines are read again inside the transaction: what the database
 * held when the file was read may have changed since (a commune added in the window). */

typedef struct
{
  guint    n_added;
  guint    n_skipped;
  guint    n_communes;
  guint    n_projects;
} Counts;

static const char insert_commune_sql[] =
  "INSERT INTO communes (uuid, created_at, updated_at, insee, name, departement,"
  " departement_name, region, epci_siren, epci_name, population, pvd_date, ort_date, notes)"
  " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char insert_project_sql[] =
  "INSERT INTO projects (uuid, created_at, updated_at, commune_uuid, number, title, theme_uuid)"
  " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)";

static const char insert_action_sql[] =
  "INSERT INTO actions (uuid, created_at, updated_at, project_uuid, number, title,"
  " description, objectives, expected_results, theme_uuid, phase, status, maturity, priority,"
  " owner, lead, referent, partners, start_planned, end_planned, start_actual, end_actual,"
  " cost_ht, cost_ttc, progress, in_ort)"
  " VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
  "  ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";

/* The action's fields, in the order of insert_action_sql from ?4. */
static const ImportField action_fields[] = {
  FIELD_NUMBER, FIELD_TITLE, FIELD_DESCRIPTION, FIELD_OBJECTIVES, FIELD_EXPECTED_RESULTS,
  FIELD_THEME, FIELD_PHASE, FIELD_STATUS, FIELD_MATURITY, FIELD_PRIORITY, FIELD_OWNER,
  FIELD_LEAD, FIELD_REFERENT, FIELD_PARTNERS, FIELD_START_PLANNED, FIELD_END_PLANNED,
  FIELD_START_ACTUAL, FIELD_END_ACTUAL, FIELD_COST_HT, FIELD_COST_TTC, FIELD_PROGRESS,
  FIELD_IN_ORT,
};

/* Helpers */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* The value a choice takes when the file leaves it out: the schema's default. */
static const char *
default_choice (const char *column)
{
  CarnetRecordClass *klass = g_type_class_peek (CARNET_TYPE_ACTION);
  const CarnetField *field = carnet_record_class_find_field (klass, column);

  return field->choices[0].slug;
}

static gboolean
insert_commune (CarnetCsvImport               *self,
                const CarnetReferenceCommune  *reference,
                ImportValues                  *values,
                const char                    *now,
                char                         **uuid,
                GError                       **error)
{
  CarnetDb *db = carnet_store_get_db (self->store);
  sqlite3_stmt *stmt = carnet_db_prepare (db, insert_commune_sql, error);

  if (stmt == NULL)
    return FALSE;
  *uuid = g_uuid_string_random ();
  sqlite3_bind_text (stmt, 1, *uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reference->insee, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, reference->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, reference->departement, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, reference->departement_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, reference->region, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, reference->epci_siren, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, reference->epci_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, reference->population);
  sqlite3_bind_text (stmt, 11, values->text[FIELD_PVD_DATE], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, values->text[FIELD_ORT_DATE], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, or_empty (values->text[FIELD_NOTES]), -1, SQLITE_TRANSIENT);
  return carnet_db_step_done (db, stmt, error);
}

/* The commune of Carnet with the reference's INSEE code, added when there is none: an
 * earlier line of the file may have added it already. */
static char *
ensure_commune (CarnetCsvImport               *self,
                const CarnetReferenceCommune  *reference,
                ImportValues                  *values,
                const char                    *now,
                Counts                        *counts,
                GError                       **error)
{
  CarnetDb *db = carnet_store_get_db (self->store);
  sqlite3_stmt *stmt;
  char *uuid = NULL;

  stmt = carnet_db_prepare (db, "SELECT uuid FROM communes WHERE insee = ? AND deleted_at IS NULL",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, reference->insee, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (uuid != NULL)
    return uuid;
  if (!insert_commune (self, reference, values, now, &uuid, error))
    {
      g_free (uuid);
      return NULL;
    }
  counts->n_communes++;
  return uuid;
}

static const char *
ensure_project (CarnetCsvImport  *self,
                const char       *commune_uuid,
                ImportValues     *values,
                const char       *now,
                Counts           *counts,
                GError          **error)
{
  CarnetDb *db = carnet_store_get_db (self->store);
  const char *title = import_project_title (values);
  g_autoptr(GError) local = NULL;
  g_autofree char *uuid = NULL;
  const char *found;
  sqlite3_stmt *stmt;

  found = import_find_project (self, commune_uuid, title, &local);
  if (found != NULL)
    return found;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  stmt = carnet_db_prepare (db, insert_project_sql, error);
  if (stmt == NULL)
    return NULL;
  uuid = g_uuid_string_random ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, commune_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, or_empty (values->text[FIELD_PROJECT_NUMBER]), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, values->text[FIELD_THEME], -1, SQLITE_TRANSIENT);
  if (!carnet_db_step_done (db, stmt, error))
    return NULL;
  counts->n_projects++;
  import_remember_project (self, commune_uuid, title, uuid);
  return import_find_project (self, commune_uuid, title, error);
}

static gboolean
insert_action (CarnetCsvImport  *self,
               ImportValues     *values,
               const char       *now,
               Counts           *counts,
               GError          **error)
{
  CarnetDb *db = carnet_store_get_db (self->store);
  g_autofree char *commune_uuid = g_strdup (values->commune_uuid);
  g_autofree char *uuid = NULL;
  const char *project_uuid;
  sqlite3_stmt *stmt;

  if (commune_uuid == NULL)
    commune_uuid = ensure_commune (self, values->reference, values, now, counts, error);
  if (commune_uuid == NULL)
    return FALSE;
  project_uuid = ensure_project (self, commune_uuid, values, now, counts, error);
  if (project_uuid == NULL)
    return FALSE;

  stmt = carnet_db_prepare (db, insert_action_sql, error);
  if (stmt == NULL)
    return FALSE;
  uuid = values->text[FIELD_UUID] != NULL ? g_strdup (values->text[FIELD_UUID]) :
         g_uuid_string_random ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, project_uuid, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (action_fields); i++)
    {
      ImportField f = action_fields[i];
      const char *text = values->text[f];
      int param = 4 + (int)i;

      switch (import_fields[f].kind)
        {
        case VALUE_TEXT:
          sqlite3_bind_text (stmt, param, or_empty (text), -1, SQLITE_TRANSIENT);
          break;
        case VALUE_CHOICE:
          sqlite3_bind_text (stmt, param,
                             text != NULL ? text : default_choice (import_fields[f].sql_column),
                             -1, SQLITE_TRANSIENT);
          break;
        case VALUE_DATE:
        case VALUE_THEME:
          sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT);
          break;
        case VALUE_MONEY:
        case VALUE_PERCENT:
        case VALUE_BOOL:
          sqlite3_bind_int64 (stmt, param, values->number[f]);
          break;
        case VALUE_COMMUNE:
        case VALUE_UUID:
        default:
          g_assert_not_reached ();
        }
    }
  if (!carnet_db_step_done (db, stmt, error))
    return FALSE;
  counts->n_added++;
  return TRUE;
}

static gboolean
apply_line (CarnetCsvImport  *self,
            guint             row,
            const char       *now,
            Counts           *counts,
            GError          **error)
{
  ImportValues values = { { NULL, }, };
  g_autofree char *problem = NULL;
  g_autofree char *uuid = NULL;
  gboolean ok = TRUE;

  if (!import_check_line (self, row, &values, &problem))
    {
      g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_LINES,
                   _("Carnet changed since the file was read, and line %u cannot be imported "
                     "any more (%s): nothing was imported. Read the file again."),
                   carnet_csv_table_get_line (self->table, row), problem);
      ok = FALSE;
    }
  else if (values.skip)
    counts->n_skipped++;
  else if (self->kind == CARNET_CSV_IMPORT_COMMUNES)
    {
      ok = insert_commune (self, values.reference, &values, now, &uuid, error);
      counts->n_added += ok;
    }
  else
    ok = insert_action (self, &values, now, counts, error);
  import_values_clear (&values);
  return ok;
}

static void
refuse_lines (CarnetCsvImport  *self,
              GError          **error)
{
  for (guint i = 0; i < self->n_lines; i++)
    if (self->lines[i].problem != NULL)
      {
        g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_LINES,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Nothing was imported: %u line has a problem (line %u: %s)",
                                  "Nothing was imported: %u lines have a problem (the first, "
                                  "line %u: %s)", self->n_problems),
                     self->n_problems, carnet_csv_table_get_line (self->table, i),
                     self->lines[i].problem);
        return;
      }
  g_assert_not_reached ();
}

/* Public API */

/**
 * carnet_csv_import_apply:
 * @n_added: (out) (optional): how many actions, or communes, were added (not counting the
 *   projects and communes added for the actions; carnet_csv_import_get_summary() tells them)
 *
 * Imports every line in one transaction. It is refused, and the database left as it was,
 * when a line has a problem (%CARNET_CSV_IMPORT_ERROR_LINES), when the import was already
 * applied (%CARNET_CSV_IMPORT_ERROR_FAILED), or when the database refuses the change (an
 * error of the %CARNET_DB_ERROR domain: read-only, full disk…).
 */
gboolean
carnet_csv_import_apply (CarnetCsvImport  *self,
                         guint            *n_added,
                         GError          **error)
{
  Counts counts = { 0, };
  g_autofree char *now = NULL;
  CarnetDb *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (self->applied)
    {
      g_set_error_literal (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_FAILED,
                           _("This spreadsheet was already imported"));
      return FALSE;
    }
  if (self->n_problems > 0)
    {
      refuse_lines (self, error);
      return FALSE;
    }

  db = carnet_store_get_db (self->store);
  if (!carnet_db_begin (db, error))
    return FALSE;
  now = carnet_db_now ();
  ok = import_lookups_load (self, error);
  for (guint row = 0; ok && row < self->n_lines; row++)
    ok = apply_line (self, row, now, &counts, error);
  import_lookups_reset (self);
  if (!ok)
    {
      carnet_db_rollback (db);
      return FALSE;
    }
  if (!carnet_db_commit (db, error))
    return FALSE;

  self->applied = TRUE;
  self->n_to_add = counts.n_added;
  self->n_skipped = counts.n_skipped;
  if (self->kind == CARNET_CSV_IMPORT_ACTIONS)
    {
      self->n_new_communes = counts.n_communes;
      self->n_new_projects = counts.n_projects;
    }
  else
    self->n_new_communes = counts.n_added;
  if (n_added != NULL)
    *n_added = counts.n_added;

  /* Lists and views of the store follow. */
  if (self->n_new_communes > 0)
    _carnet_store_touched (self->store, CARNET_TYPE_COMMUNE);
  if (counts.n_projects > 0)
    _carnet_store_touched (self->store, CARNET_TYPE_PROJECT);
  if (self->kind == CARNET_CSV_IMPORT_ACTIONS && counts.n_added > 0)
    _carnet_store_touched (self->store, CARNET_TYPE_ACTION);
  return TRUE;
}
