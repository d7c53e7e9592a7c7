/* carnet-import-csv-communes.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-import-csv-private.h"

/* The commune a line of a spreadsheet names. It is found by its INSEE code (a spreadsheet
 * may have eaten its leading zero) or by its name, accents and case ignored, first among
 * the communes of Carnet, then in the list of French communes; a name that several communes
 * share is refused, unless the département (a column, or “Saint-Denis (974)”) tells them
 * apart. What the cells of a line name is looked up once per pass over the lines. */

#define MAX_CANDIDATES 6

/* Helpers */

/* “14047”, “2A004”, or “1004” for 01004 (a spreadsheet took it for a number): the code in
 * capitals, or NULL when @text does not look like one. */
static char *
clean_code (const char *text)
{
  g_autofree char *code = g_ascii_strup (text, -1);
  gsize len;

  g_strstrip (code);
  len = strlen (code);
  if (len == 4 && strspn (code, "0123456789") == 4)
    {
      char *padded = g_strconcat ("0", code, NULL);

      g_free (code);
      code = padded;
      len = 5;
    }
  if (len != 5)
    return NULL;
  if (strspn (code, "0123456789") == 5 ||
      (code[0] == '2' && (code[1] == 'A' || code[1] == 'B') && strspn (code + 2, "0123456789") == 3))
    return g_steal_pointer (&code);
  return NULL;
}

static gboolean
departement_matches (const char *hint,
                     const char *code,
                     const char *name)
{
  g_autofree char *folded_code = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *padded = NULL;

  if (hint == NULL || *hint == '\0')
    return TRUE;
  if (strlen (hint) == 1 && g_ascii_isdigit (hint[0]))
    hint = padded = g_strconcat ("0", hint, NULL);
  folded_code = import_fold (code);
  folded_name = import_fold (name);
  return strcmp (hint, folded_code) == 0 || strcmp (hint, folded_name) == 0;
}

static ImportResolution *
resolution_problem (const char *header,
                    const char *detail)
{
  ImportResolution *resolution = g_new0 (ImportResolution, 1);
  GString *problems = g_string_new (NULL);

  import_add_problem (problems, header, detail);
  resolution->problem = g_string_free (problems, FALSE);
  return resolution;
}

static ImportResolution *
resolve_code (CarnetCsvImport *self,
              const char      *code,
              const char      *header)
{
  KnownCommune *known = g_hash_table_lookup (self->by_insee, code);
  const CarnetReferenceCommune *reference;
  ImportResolution *resolution;

  if (known != NULL)
    {
      resolution = g_new0 (ImportResolution, 1);
      resolution->commune_uuid = g_strdup (known->uuid);
      resolution->name = g_strdup (known->name);
      return resolution;
    }
  reference = carnet_reference_lookup (carnet_reference_get_default (), code);
  if (reference == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not the INSEE code of a French "
                                                   "commune"), code);

      return resolution_problem (header, detail);
    }
  resolution = g_new0 (ImportResolution, 1);
  resolution->reference = reference;
  resolution->name = g_strdup (reference->name);
  return resolution;
}

static ImportResolution *
ambiguous (const char *header,
           const char *name,
           GPtrArray  *codes)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *detail = NULL;
  g_autofree char *value = import_shown (name);

  for (guint i = 0; i < codes->len && i < MAX_CANDIDATES; i++)
    {
      if (i > 0)
        g_string_append (list, C_("list", ", "));
      g_string_append (list, codes->pdata[i]);
    }
  if (codes->len > MAX_CANDIDATES)
    g_string_append (list, "…");
  detail = g_strdup_printf (_("several communes are named “%s” (%s): give the INSEE code "
                              "instead"), value, list->str);
  return resolution_problem (header, detail);
}

static ImportResolution *
resolve_name (CarnetCsvImport *self,
              const char      *name,
              const char      *departement,
              const char      *header)
{
  g_autofree char *folded = carnet_reference_fold_name (name != NULL ? name : "");
  g_autofree char *hint = import_fold (departement != NULL ? departement : "");
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  KnownCommune *found = NULL;
  const CarnetReferenceCommune *reference = NULL;
  const GPtrArray *same;
  ImportResolution *resolution;

  if (*folded == '\0')
    {
      g_autofree char *value = import_shown (name);
      g_autofree char *detail = g_strdup_printf (_("“%s” is not the name of a commune"), value);

      return resolution_problem (header, detail);
    }

  same = g_hash_table_lookup (self->by_name, folded);
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      KnownCommune *commune = same->pdata[i];

      if (departement_matches (hint, commune->departement, commune->departement_name))
        {
          found = commune;
          g_ptr_array_add (codes, g_strdup_printf ("%s %s", commune->insee, commune->name));
        }
    }
  if (codes->len > 1)
    return ambiguous (header, name, codes);
  if (found != NULL)
    return resolve_code (self, found->insee, header);

  same = carnet_reference_find_by_name (carnet_reference_get_default (), name);
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      const CarnetReferenceCommune *commune = same->pdata[i];

      if (departement_matches (hint, commune->departement, commune->departement_name))
        {
          reference = commune;
          g_ptr_array_add (codes, g_strdup_printf ("%s %s", commune->insee,
                                                   commune->departement_name));
        }
    }
  if (codes->len > 1)
    return ambiguous (header, name, codes);
  if (reference != NULL)
    return resolve_code (self, reference->insee, header);

  {
    g_autofree char *value = import_shown (name);
    g_autofree char *detail = g_strdup_printf (_("no commune is named “%s”, in Carnet or in the "
                                                 "list of French communes"), value);

    resolution = resolution_problem (header, detail);
  }
  return resolution;
}

/* “Bayeux”, “14047”, “Bayeux (14047)”, “Saint-Denis (974)”, “14047 Bayeux”. */
static ImportResolution *
resolve_name_cell (CarnetCsvImport *self,
                   const char      *cell,
                   const char      *departement,
                   const char      *header)
{
  g_autofree char *text = g_strstrip (g_strdup (cell));
  g_autofree char *code = clean_code (text);
  g_autofree char *first = NULL;
  gsize len = strlen (text);
  char *open;

  if (code != NULL)
    return resolve_code (self, code, header);

  open = strrchr (text, '(');
  if (len > 0 && text[len - 1] == ')' && open != NULL && open > text)
    {
      g_autofree char *hint = g_strndup (open + 1, text + len - 1 - (open + 1));
      g_autofree char *hint_code = clean_code (hint);

      *open = '\0';
      g_strstrip (text);
      if (hint_code != NULL && strlen (g_strstrip (hint)) == 5)
        return resolve_code (self, hint_code, header);
      return resolve_name (self, text, hint, header);
    }

  first = g_strndup (text, strcspn (text, " -"));
  g_clear_pointer (&code, g_free);
  code = strlen (first) == 5 ? clean_code (first) : NULL;
  if (code != NULL && text[5] != '\0')
    return resolve_code (self, code, header);
  return resolve_name (self, text, departement, header);
}

/* Internal API */

/**
 * import_resolve_commune:
 *
 * Returns: (transfer none): what the commune cells of line @row name; it belongs to the
 *   import until its lookups are reset
 */
const ImportResolution *
import_resolve_commune (CarnetCsvImport *self,
                        guint            row)
{
  const char *insee = "", *name = "", *departement = "";
  g_autofree char *key = NULL;
  ImportResolution *resolution;

  if (self->columns[FIELD_INSEE] >= 0)
    insee = carnet_csv_table_get_cell (self->table, row, self->columns[FIELD_INSEE]);
  if (self->columns[FIELD_COMMUNE] >= 0)
    name = carnet_csv_table_get_cell (self->table, row, self->columns[FIELD_COMMUNE]);
  if (self->columns[FIELD_DEPARTEMENT] >= 0)
    departement = carnet_csv_table_get_cell (self->table, row, self->columns[FIELD_DEPARTEMENT]);

  key = g_strjoin ("\x1f", insee, name, departement, NULL);
  resolution = g_hash_table_lookup (self->resolved, key);
  if (resolution != NULL)
    return resolution;

  if (!import_is_blank (insee))
    {
      g_autofree char *code = clean_code (insee);

      if (code != NULL)
        resolution = resolve_code (self, code, import_header_of (self, FIELD_INSEE));
      else
        {
          g_autofree char *value = import_shown (insee);
          g_autofree char *detail = g_strdup_printf (_("“%s” is not an INSEE code: it has five "
                                                       "characters, like 14047 or 2A004"), value);

          resolution = resolution_problem (import_header_of (self, FIELD_INSEE), detail);
        }
    }
  else if (!import_is_blank (name))
    resolution = resolve_name_cell (self, name, departement, import_header_of (self, FIELD_COMMUNE));
  else if (self->columns[FIELD_INSEE] < 0 && self->columns[FIELD_COMMUNE] < 0 &&
           self->communes->len == 1)
    {
      /* No commune column, and Carnet follows one commune: that one. */
      KnownCommune *only = self->communes->pdata[0];

      resolution = resolve_code (self, only->insee, "");
    }
  else if (self->columns[FIELD_INSEE] < 0 && self->columns[FIELD_COMMUNE] < 0)
    {
      /* Carnet followed one commune when the file was read, and follows more now. */
      resolution = g_new0 (ImportResolution, 1);
      resolution->problem = g_strdup (_("The file has no column for the commune, and Carnet "
                                        "now follows several: add a column “commune” or “code "
                                        "INSEE”"));
    }
  else
    resolution = resolution_problem (import_header_of (self, self->columns[FIELD_COMMUNE] >= 0 ?
                                                      FIELD_COMMUNE : FIELD_INSEE),
                                     _("empty: which commune is it?"));

  g_hash_table_insert (self->resolved, g_steal_pointer (&key), resolution);
  return resolution;
}

void
import_known_commune_free (gpointer data)
{
  KnownCommune *commune = data;

  g_free (commune->uuid);
  g_free (commune->insee);
  g_free (commune->name);
  g_free (commune->folded);
  g_free (commune->departement);
  g_free (commune->departement_name);
  g_free (commune);
}

void
import_resolution_free (gpointer data)
{
  ImportResolution *resolution = data;

  g_free (resolution->commune_uuid);
  g_free (resolution->name);
  g_free (resolution->problem);
  g_free (resolution);
}
