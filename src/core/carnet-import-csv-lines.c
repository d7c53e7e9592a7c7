/* carnet-import-csv-lines.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-export.h"
#include "carnet-format.h"
#include "carnet-import-csv-private.h"

/* Each line of a spreadsheet read into the values Carnet stores, or told what is wrong with
 * it, in words that name the column (as the file names it) and the value. Reading writes
 * nothing: the communes and projects a line needs are looked up, and those missing are only
 * counted. The same reading runs again, inside the transaction, when the lines are applied.
 * The commune cells are read in carnet-import-csv-communes.c. */

/* Values longer than this in a column of dates, amounts or choices are refused outright,
 * and shown cut. */
#define MAX_VALUE_CHARS 100

typedef struct
{
  char *uuid;
  char *name;
  char *folded_name;
  char *folded_slug;
} Theme;

/* Other words people write for the values of choices, folded. */
static const struct
{
  const char *slug;
  const char *words;
} choice_words[] = {
  { "idee", "idees|en idee" },
  { "etude", "etudes|en etude|etudes en cours" },
  { "operation", "travaux|realisation|mise en oeuvre|operationnel|operationnelle" },
  { "en_cours", "encours|commence|commencee|demarre|demarree|lance|lancee" },
  { "en_retard", "retard|retarde|retardee" },
  { "en_pause", "pause|suspendu|suspendue|en attente" },
  { "bloque", "bloquee|bloques|bloquees" },
  { "abandonne", "abandonnee|annule|annulee" },
  { "termine", "terminee|fini|finie|fait|faite|realise|realisee|acheve|achevee|clos|close|"
               "cloture|cloturee|livre|livree" },
  { "en_reflexion", "reflexion" },
  { "en_maturation", "maturation" },
  { "validee", "valide|validee en copil|validee par le comite" },
  { "haute", "elevee|forte|prioritaire|p1|1" },
  { "moyenne", "normale|p2|2" },
  { "basse", "faible|p3|3" },
};

static const char *const yes_words[] = { "oui", "o", "yes", "y", "vrai", "true", "x", "1" };
static const char *const no_words[] = { "non", "n", "no", "faux", "false", "0", "" };

/* Helpers */

static void
theme_free (gpointer data)
{
  Theme *theme = data;

  g_free (theme->uuid);
  g_free (theme->name);
  g_free (theme->folded_name);
  g_free (theme->folded_slug);
  g_free (theme);
}

static gboolean
in_words (const char *list,
          const char *word)
{
  g_auto(GStrv) words = g_strsplit (list, "|", -1);

  return g_strv_contains ((const char * const *)words, word);
}

/* Spaces around a text cell are a spreadsheet's, not the user's; tabs and line breaks at
 * either end are kept, as carnet_export_csv() wrote them. */
static char *
trim_spaces (const char *text)
{
  gsize len = strlen (text);

  while (*text == ' ')
    {
      text++;
      len--;
    }
  while (len > 0 && text[len - 1] == ' ')
    len--;
  return g_strndup (text, len);
}

gboolean
import_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A value as a problem shows it: cut when it is long. */
char *
import_shown (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return carnet_format_shorten (trimmed, 40);
}

void
import_add_problem (GString    *problems,
                    const char *header,
                    const char *detail)
{
  g_autofree char *name = g_strstrip (g_strdup (header));

  if (problems->len > 0)
    /* Translators: between two problems of one line of a spreadsheet */
    g_string_append (problems, C_("problems", "; "));
  /* Translators: a problem with a line of a spreadsheet: the column's name, then what is
   * wrong with its value */
  g_string_append_printf (problems, C_("problems", "%s: %s"), name, detail);
}

const char *
import_header_of (CarnetCsvImport *self,
                  ImportField      field)
{
  return carnet_csv_table_get_header (self->table, (guint)self->columns[field]);
}

static const char *
parse_choice (const char *column,
              const char *text,
              GString    *known)
{
  CarnetRecordClass *klass = g_type_class_peek (CARNET_TYPE_ACTION);
  const CarnetField *field = carnet_record_class_find_field (klass, column);
  g_autofree char *want = import_fold (text);

  g_assert (field != NULL && field->choices != NULL);
  for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
    {
      const char *names[] = { c->slug, carnet_export_choice_fr (c->slug), c->label, _(c->label) };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *folded = import_fold (names[i]);

          if (strcmp (folded, want) == 0)
            return c->slug;
        }
      for (guint i = 0; i < G_N_ELEMENTS (choice_words); i++)
        if (strcmp (choice_words[i].slug, c->slug) == 0 && in_words (choice_words[i].words, want))
          return c->slug;
    }
  for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
    {
      if (known->len > 0)
        g_string_append (known, C_("list", ", "));
      g_string_append (known, carnet_export_choice_fr (c->slug));
    }
  return NULL;
}

static const Theme *
find_theme (CarnetCsvImport *self,
            const char      *text)
{
  g_autofree char *want = import_fold (text);
  g_autofree char *prefix = g_strconcat (want, " ", NULL);
  const Theme *starts = NULL;
  guint n_starts = 0;

  for (guint i = 0; i < self->themes->len; i++)
    {
      const Theme *theme = self->themes->pdata[i];

      if (strcmp (theme->folded_name, want) == 0 || strcmp (theme->folded_slug, want) == 0)
        return theme;
      /* “Habitat” for “Habitat et logement”, if no other theme starts so. */
      if (g_str_has_prefix (theme->folded_name, prefix))
        {
          starts = theme;
          n_starts++;
        }
    }
  return n_starts == 1 ? starts : NULL;
}

/* “12/03/2026 00:00” and “2026-03-12T00:00:00”, as spreadsheets write dates with a time. */
static char *
strip_time (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *space = strrchr (copy, ' ');

  if (strlen (copy) > 10 && copy[4] == '-' && copy[10] == 'T')
    copy[10] = '\0';
  else if (space != NULL && strchr (space, ':') != NULL &&
           strspn (space + 1, "0123456789:") == strlen (space + 1))
    *space = '\0';
  return g_steal_pointer (&copy);
}

/* “1,234.50” in a file with decimal points: the commas group thousands. */
static char *
normalize_amount (const char *text,
                  gboolean    decimal_point)
{
  GString *out = g_string_new (NULL);
  const char *last_dot = strrchr (text, '.');
  const char *last_comma = strrchr (text, ',');
  gboolean drop_commas = last_dot != NULL && last_comma != NULL && last_dot > last_comma;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ',' && (drop_commas ||
                        (decimal_point && last_dot == NULL && strspn (p + 1, "0123456789") == 3 &&
                         !g_ascii_isdigit (p[4]))))
        continue;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* “45”, “45 %”, “45,0”: a whole percentage. */
static gboolean
parse_percent (const char *text,
               gint64     *value)
{
  g_autofree char *copy = g_strdup (text);
  char *p = copy, *end;
  gint64 n;

  g_strdelimit (copy, "%", ' ');
  g_strstrip (copy);
  if (*p == '\0' || !g_ascii_isdigit (*p) || strlen (p) > 12)
    return FALSE;
  n = g_ascii_strtoll (p, &end, 10);
  if ((*end == ',' || *end == '.') && strspn (end + 1, "0") == strlen (end + 1) && end[1] != '\0')
    end += strlen (end);
  g_strchug (end);
  if (*end != '\0' || n < 0 || n > 100)
    return FALSE;
  *value = n;
  return TRUE;
}

static gboolean
parse_yes_no (const char *text,
              gint64     *value)
{
  g_autofree char *want = import_fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (yes_words); i++)
    if (strcmp (want, yes_words[i]) == 0)
      return (*value = 1);
  for (guint i = 0; i < G_N_ELEMENTS (no_words); i++)
    if (strcmp (want, no_words[i]) == 0)
      {
        *value = 0;
        return TRUE;
      }
  return FALSE;
}

/* An action already in Carnet, by the identifier an export of Carnet gave it. */
static void
check_uuid (CarnetCsvImport *self,
            guint            row,
            ImportValues    *values,
            GString         *problems)
{
  const char *uuid = values->text[FIELD_UUID];
  CarnetDb *db = carnet_store_get_db (self->store);
  guint line = carnet_csv_table_get_line (self->table, row);
  gpointer earlier = NULL;
  sqlite3_stmt *stmt;

  if (g_hash_table_lookup_extended (self->seen, uuid, NULL, &earlier))
    {
      g_autofree char *detail = g_strdup_printf (_("the same identifier as line %u"),
                                                 GPOINTER_TO_UINT (earlier));

      import_add_problem (problems, import_header_of (self, FIELD_UUID), detail);
      return;
    }
  g_hash_table_insert (self->seen, g_strdup (uuid), GUINT_TO_POINTER (line));

  stmt = carnet_db_prepare (db, "SELECT deleted_at IS NULL FROM actions WHERE uuid = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      values->skip = TRUE;
      values->note = g_strdup (sqlite3_column_int (stmt, 0) ?
                               _("Already in Carnet (same identifier): left out") :
                               _("Deleted from Carnet (same identifier): left out"));
    }
  sqlite3_reset (stmt);
}

static void
check_value (CarnetCsvImport *self,
             guint            row,
             ImportField      f,
             ImportValues    *values,
             GString         *problems)
{
  const FieldInfo *info = &import_fields[f];
  const char *cell = carnet_csv_table_get_cell (self->table, row, (guint)self->columns[f]);
  const char *header = import_header_of (self, f);
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;

  if (info->kind == VALUE_TEXT)
    {
      values->text[f] = trim_spaces (cell);
      return;
    }
  if (info->kind == VALUE_COMMUNE || import_is_blank (cell))
    return;
  value = import_shown (cell);
  if (g_utf8_strlen (cell, -1) > MAX_VALUE_CHARS)
    {
      detail = g_strdup_printf (_("“%s” is too long for this column"), value);
      import_add_problem (problems, header, detail);
      return;
    }

  switch (info->kind)
    {
    case VALUE_DATE:
      {
        g_autofree char *text = strip_time (cell);

        if (!carnet_parse_date (text, &values->text[f], &error))
          import_add_problem (problems, header, error->message);
      }
      break;
    case VALUE_MONEY:
      {
        gboolean point = carnet_csv_table_get_separator (self->table) == ',';
        g_autofree char *text = normalize_amount (cell, point);

        if (!carnet_parse_money (text, &values->number[f], &error))
          import_add_problem (problems, header, error->message);
      }
      break;
    case VALUE_PERCENT:
      if (!parse_percent (cell, &values->number[f]))
        {
          detail = g_strdup_printf (_("“%s” is not a whole percentage from 0 to 100"), value);
          import_add_problem (problems, header, detail);
        }
      break;
    case VALUE_BOOL:
      if (!parse_yes_no (cell, &values->number[f]))
        {
          detail = g_strdup_printf (_("“%s” is neither yes nor no: write “oui” or “non”"), value);
          import_add_problem (problems, header, detail);
        }
      break;
    case VALUE_CHOICE:
      {
        g_autoptr(GString) known = g_string_new (NULL);
        const char *slug = parse_choice (info->sql_column, cell, known);

        if (slug != NULL)
          values->text[f] = g_strdup (slug);
        else
          {
            detail = g_strdup_printf (_("“%s” is not one of: %s"), value, known->str);
            import_add_problem (problems, header, detail);
          }
      }
      break;
    case VALUE_THEME:
      {
        const Theme *theme = find_theme (self, cell);

        if (theme != NULL)
          values->text[f] = g_strdup (theme->uuid);
        else
          {
            g_autoptr(GString) known = g_string_new (NULL);

            for (guint i = 0; i < self->themes->len; i++)
              {
                if (i > 0)
                  g_string_append (known, C_("list", ", "));
                g_string_append (known, ((Theme *)self->themes->pdata[i])->name);
              }
            detail = g_strdup_printf (_("“%s” is not a theme of Carnet (its themes: %s)"),
                                      value, known->str);
            import_add_problem (problems, header, detail);
          }
      }
      break;
    case VALUE_UUID:
      {
        g_autofree char *uuid = g_strstrip (g_strdup (cell));

        /* Another tool's identifiers are not Carnet's: ignored. */
        if (g_uuid_string_is_valid (uuid))
          {
            values->text[f] = g_ascii_strdown (uuid, -1);
            check_uuid (self, row, values, problems);
          }
      }
      break;
    case VALUE_TEXT:
    case VALUE_COMMUNE:
    default:
      g_assert_not_reached ();
    }
}

/* A commune already in Carnet, or earlier in the file, adds nothing. */
static void
check_new_commune (CarnetCsvImport *self,
                   guint            row,
                   ImportValues    *values)
{
  gpointer earlier = NULL;

  if (values->commune_uuid != NULL)
    {
      values->skip = TRUE;
      values->note = g_strdup (_("Already in Carnet: left out"));
    }
  else if (g_hash_table_lookup_extended (self->seen, values->reference->insee, NULL, &earlier))
    {
      values->skip = TRUE;
      values->note = g_strdup_printf (_("The same commune as line %u: left out"),
                                      GPOINTER_TO_UINT (earlier));
    }
  else
    g_hash_table_insert (self->seen, g_strdup (values->reference->insee),
                         GUINT_TO_POINTER (carnet_csv_table_get_line (self->table, row)));
}

/* Internal API */

void
import_lookups_reset (CarnetCsvImport *self)
{
  /* The indexes first: their keys are the communes'. */
  g_clear_pointer (&self->by_insee, g_hash_table_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->communes, g_ptr_array_unref);
  g_clear_pointer (&self->resolved, g_hash_table_unref);
  g_clear_pointer (&self->projects, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
}

/* Reads the themes and communes of Carnet, for a pass over the lines. */
gboolean
import_lookups_load (CarnetCsvImport  *self,
                     GError          **error)
{
  CarnetDb *db = carnet_store_get_db (self->store);
  sqlite3_stmt *stmt;
  GPtrArray *same;
  guint n_types;
  int rc;

  import_lookups_reset (self);
  carnet_record_types (&n_types);
  self->themes = g_ptr_array_new_with_free_func (theme_free);
  self->communes = g_ptr_array_new_with_free_func (import_known_commune_free);
  self->by_insee = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify)g_ptr_array_unref);
  self->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          import_resolution_free);
  self->projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_hash_table_unref);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = carnet_db_prepare (db, "SELECT uuid, slug, name FROM themes WHERE deleted_at IS NULL"
                                " ORDER BY position, name COLLATE carnet", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Theme *theme = g_new0 (Theme, 1);

      theme->uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      theme->folded_slug = import_fold ((const char *)sqlite3_column_text (stmt, 1));
      theme->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      theme->folded_name = import_fold (theme->name);
      g_ptr_array_add (self->themes, theme);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (db, error, _("reading the themes"));

  stmt = carnet_db_prepare (db, "SELECT uuid, insee, name, departement, departement_name"
                                " FROM communes WHERE deleted_at IS NULL"
                                " ORDER BY name COLLATE carnet, insee", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KnownCommune *commune = g_new0 (KnownCommune, 1);

      commune->uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      commune->insee = g_ascii_strup ((const char *)sqlite3_column_text (stmt, 1), -1);
      commune->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      commune->folded = import_fold (commune->name);
      commune->departement = import_fold ((const char *)sqlite3_column_text (stmt, 3));
      commune->departement_name = import_fold ((const char *)sqlite3_column_text (stmt, 4));
      g_ptr_array_add (self->communes, commune);
      g_hash_table_insert (self->by_insee, commune->insee, commune);
      same = g_hash_table_lookup (self->by_name, commune->folded);
      if (same == NULL)
        g_hash_table_insert (self->by_name, commune->folded, (same = g_ptr_array_new ()));
      g_ptr_array_add (same, commune);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (db, error, _("reading the communes"));
  return TRUE;
}

void
import_values_clear (ImportValues *values)
{
  for (guint f = 0; f < N_FIELDS; f++)
    g_clear_pointer (&values->text[f], g_free);
  g_clear_pointer (&values->commune_uuid, g_free);
  g_clear_pointer (&values->note, g_free);
  values->reference = NULL;
  values->commune_name = NULL;
}

/**
 * import_check_line:
 * @values: (out caller-allocates): zeroed; the line's values, to clear with
 *   import_values_clear()
 * @problem: (out): what is wrong with the line, or %NULL
 *
 * Returns: whether the line can be imported
 */
gboolean
import_check_line (CarnetCsvImport  *self,
                   guint             row,
                   ImportValues     *values,
                   char            **problem)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_columns = carnet_csv_table_get_n_columns (self->table);
  const ImportResolution *commune = import_resolve_commune (self, row);

  *problem = NULL;
  if (commune->problem != NULL)
    g_string_append (problems, commune->problem);
  values->commune_uuid = g_strdup (commune->commune_uuid);
  values->reference = commune->reference;
  values->commune_name = commune->name;

  for (guint i = 0; i < n_columns; i++)
    if (self->mapping[i] >= 0)
      check_value (self, row, (ImportField)self->mapping[i], values, problems);

  if (self->kind == CARNET_CSV_IMPORT_ACTIONS && import_is_blank (values->text[FIELD_TITLE]))
    import_add_problem (problems, import_header_of (self, FIELD_TITLE), _("empty: an action needs a title"));
  if (carnet_csv_table_get_overflow (self->table, row))
    {
      g_autofree char *detail = NULL;
      char separator[2] = { carnet_csv_table_get_separator (self->table), '\0' };

      if (problems->len > 0)
        g_string_append (problems, C_("problems", "; "));
      if (separator[0] == '\t')
        g_string_append (problems, _("This line has more cells than the first line has "
                                     "columns"));
      else
        g_string_append_printf (problems, _("This line has more cells than the first line has "
                                            "columns: does a cell hold a “%s” outside quotes?"),
                                separator);
    }

  if (problems->len > 0)
    {
      *problem = g_string_free (g_steal_pointer (&problems), FALSE);
      return FALSE;
    }
  if (self->kind == CARNET_CSV_IMPORT_COMMUNES)
    check_new_commune (self, row, values);
  return TRUE;
}

/**
 * import_find_project:
 *
 * Returns: (nullable): the UUID of the commune's live project of that title (accents and
 *   case ignored), or %NULL
 */
const char *
import_find_project (CarnetCsvImport  *self,
                     const char       *commune_uuid,
                     const char       *title,
                     GError          **error)
{
  GHashTable *titles = g_hash_table_lookup (self->projects, commune_uuid);
  g_autofree char *folded = import_fold (title);

  if (titles == NULL)
    {
      CarnetDb *db = carnet_store_get_db (self->store);
      sqlite3_stmt *stmt;
      int rc;

      stmt = carnet_db_prepare (db, "SELECT uuid, title FROM projects"
                                    " WHERE commune_uuid = ? AND deleted_at IS NULL ORDER BY id",
                                error);
      if (stmt == NULL)
        return NULL;
      titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_bind_text (stmt, 1, commune_uuid, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          char *key = import_fold ((const char *)sqlite3_column_text (stmt, 1));

          /* Two projects of one title: the older. */
          if (g_hash_table_contains (titles, key))
            g_free (key);
          else
            g_hash_table_insert (titles, key,
                                 g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          g_hash_table_unref (titles);
          carnet_db_propagate (db, error, _("reading the projects"));
          return NULL;
        }
      g_hash_table_insert (self->projects, g_strdup (commune_uuid), titles);
    }
  return g_hash_table_lookup (titles, folded);
}

/* Remembers a project the import added, for the lines after. */
void
import_remember_project (CarnetCsvImport *self,
                         const char      *commune_uuid,
                         const char      *title,
                         const char      *uuid)
{
  GHashTable *titles = g_hash_table_lookup (self->projects, commune_uuid);

  if (titles == NULL)
    {
      titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->projects, g_strdup (commune_uuid), titles);
    }
  g_hash_table_insert (titles, import_fold (title), g_strdup (uuid));
}

const char *
import_project_title (ImportValues *values)
{
  const char *title = values->text[FIELD_PROJECT];

  return title != NULL && !import_is_blank (title) ? title : IMPORT_DEFAULT_PROJECT;
}
