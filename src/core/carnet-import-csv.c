/* carnet-import-csv.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "carnet-format.h"
#include "carnet-import-csv-private.h"

/* The spreadsheet a chef de projet kept before Carnet, and the CSV Carnet itself exports,
 * read back. Columns are recognised by their French header, folded (case, accents, spaces
 * and punctuation ignored) and compared with the names a real spreadsheet gives them, and
 * with exactly those carnet_export_csv() writes. A unit at the end of a header (“(€)”,
 * “en %”) is ignored; “k€” is not, so that thousands are never taken for euros.
 *
 * Reading checks every line against the database without writing anything
 * (carnet-import-csv-lines.c); carnet_csv_import_apply() then writes every line in one
 * transaction (carnet-import-csv-apply.c). */

#define ACTIONS (1 << CARNET_CSV_IMPORT_ACTIONS)
#define COMMUNES (1 << CARNET_CSV_IMPORT_COMMUNES)
#define BOTH (ACTIONS | COMMUNES)

/* The headers listed in an error, at most. */
#define MAX_LISTED_HEADERS 30
#define MAX_LABEL_CHARS 120

G_DEFINE_QUARK (carnet-csv-import-error-quark, carnet_csv_import_error)

const FieldInfo import_fields[N_FIELDS] = {
  [FIELD_TITLE] = { NC_("spreadsheet column", "Title"), VALUE_TEXT, ACTIONS, "title",
    "titre|intitule|action|actions|libelle|nom|objet|fiche action|nom de l action|"
    "intitule de l action|titre de l action|libelle de l action|nom action|intitule action|"
    "titre action|libelle action|nom de la fiche action|intitule de la fiche action" },
  [FIELD_COMMUNE] = { NC_("spreadsheet column", "Commune"), VALUE_COMMUNE, BOTH, NULL,
    "commune|communes|nom de la commune|nom commune|ville|collectivite|lib com|libcom|"
    "libelle commune|libelle de la commune|nom de commune" },
  [FIELD_INSEE] = { NC_("spreadsheet column", "INSEE code"), VALUE_COMMUNE, BOTH, NULL,
    "code insee|insee|code commune|insee com|code insee commune|code insee de la commune|"
    "cog|code officiel geographique|code geographique|depcom|com|code insee com" },
  [FIELD_DEPARTEMENT] = { NC_("spreadsheet column", "Département"), VALUE_COMMUNE, BOTH, NULL,
    "departement|code departement|dep|dept|numero de departement|n departement|"
    "nom du departement|nom departement|code du departement" },
  [FIELD_PROJECT] = { NC_("spreadsheet column", "Project"), VALUE_TEXT, ACTIONS, NULL,
    "projet|projets|nom du projet|titre du projet|intitule du projet|nom projet|titre projet|"
    "intitule projet|projet de rattachement|projet de territoire|libelle du projet" },
  [FIELD_PROJECT_NUMBER] = { NC_("spreadsheet column", "Project number"), VALUE_TEXT, ACTIONS,
    NULL, "n projet|no projet|numero projet|numero du projet|num projet|n du projet|"
    "n de projet|n de l axe|axe" },
  [FIELD_NUMBER] = { NC_("spreadsheet column", "Number"), VALUE_TEXT, ACTIONS, "number",
    "n|no|numero|num|n action|no action|numero action|numero de l action|n de l action|"
    "n fiche|n de fiche|numero fiche|numero de la fiche|n fiche action|numero fiche action|"
    "n de la fiche action|code action" },
  [FIELD_THEME] = { NC_("spreadsheet column", "Theme"), VALUE_THEME, ACTIONS, "theme_uuid",
    "theme|thematique|theme principal|thematique principale|domaine|axe thematique|themes" },
  [FIELD_PHASE] = { NC_("spreadsheet column", "Phase"), VALUE_CHOICE, ACTIONS, "phase",
    "phase|phase de l action" },
  [FIELD_STATUS] = { NC_("spreadsheet column", "Status"), VALUE_CHOICE, ACTIONS, "status",
    "statut|etat|statut de l action|etat de l action|etat d avancement|situation|"
    "statut de phase|statut phase" },
  [FIELD_MATURITY] = { NC_("spreadsheet column", "Maturity"), VALUE_CHOICE, ACTIONS, "maturity",
    "maturite|niveau de maturite" },
  [FIELD_PRIORITY] = { NC_("spreadsheet column", "Priority"), VALUE_CHOICE, ACTIONS, "priority",
    "priorite|niveau de priorite|priorisation" },
  [FIELD_LEAD] = { NC_("spreadsheet column", "Lead"), VALUE_TEXT, ACTIONS, "lead",
    "pilote|pilotes|responsable|responsables|porteur|porteurs|pilote de l action|"
    "responsable de l action|porteur de l action|service pilote|chef de file|"
    "referent technique|porteur de projet" },
  [FIELD_OWNER] = { NC_("spreadsheet column", "Project owner"), VALUE_TEXT, ACTIONS, "owner",
    "maitre d ouvrage|maitrise d ouvrage|moa|maitre d ouvrage moa|mo" },
  [FIELD_REFERENT] = { NC_("spreadsheet column", "Elected referent"), VALUE_TEXT, ACTIONS,
    "referent", "elu referent|elu|elus|referent elu|elu e referent e|elus referents|"
    "elu en charge|elu referente" },
  [FIELD_PARTNERS] = { NC_("spreadsheet column", "Partners"), VALUE_TEXT, ACTIONS, "partners",
    "partenaires|partenaire|partenaires associes|partenaires mobilises|"
    "partenaires techniques|partenaires techniques et financiers" },
  [FIELD_START_PLANNED] = { NC_("spreadsheet column", "Planned start"), VALUE_DATE, ACTIONS,
    "start_planned", "debut|debut prevu|date de debut|date debut|date de debut prevue|"
    "demarrage|date de demarrage|lancement|date de lancement|debut previsionnel|"
    "date de debut previsionnelle" },
  [FIELD_END_PLANNED] = { NC_("spreadsheet column", "Due date"), VALUE_DATE, ACTIONS,
    "end_planned", "echeance|echeance prevue|fin|fin prevue|date de fin|date fin|"
    "date de fin prevue|date d echeance|date limite|fin previsionnelle|"
    "date de fin previsionnelle" },
  [FIELD_START_ACTUAL] = { NC_("spreadsheet column", "Actual start"), VALUE_DATE, ACTIONS,
    "start_actual", "debut reel|date de debut reelle|date de debut reel|demarrage reel" },
  [FIELD_END_ACTUAL] = { NC_("spreadsheet column", "Actual end"), VALUE_DATE, ACTIONS,
    "end_actual", "fin reelle|date de fin reelle|date d achevement|achevement|"
    "date de cloture|date de realisation" },
  [FIELD_PROGRESS] = { NC_("spreadsheet column", "Progress (%)"), VALUE_PERCENT, ACTIONS,
    "progress", "avancement|progression|taux d avancement|pourcentage d avancement|"
    "d avancement|degre d avancement|pourcentage|taux de realisation" },
  [FIELD_COST_HT] = { NC_("spreadsheet column", "Cost excl. VAT"), VALUE_MONEY, ACTIONS,
    "cost_ht", "cout ht|cout|couts|budget|budget ht|montant|montant ht|cout total|"
    "cout total ht|cout previsionnel|cout previsionnel ht|budget previsionnel|"
    "budget previsionnel ht|montant total|montant total ht|cout estime|cout estime ht|"
    "cout global|cout global ht|montant previsionnel|montant previsionnel ht|budget total|"
    "budget total ht|estimation|montant estime" },
  [FIELD_COST_TTC] = { NC_("spreadsheet column", "Cost incl. VAT"), VALUE_MONEY, ACTIONS,
    "cost_ttc", "cout ttc|budget ttc|montant ttc|cout total ttc|cout previsionnel ttc|"
    "budget previsionnel ttc|montant total ttc|cout estime ttc|cout global ttc|"
    "montant previsionnel ttc|budget total ttc" },
  [FIELD_IN_ORT] = { NC_("spreadsheet column", "In the ORT perimeter"), VALUE_BOOL, ACTIONS,
    "in_ort", "perimetre ort|ort|en ort|dans le perimetre ort|perimetre de l ort|"
    "dans l ort|secteur ort|perimetre d ort" },
  [FIELD_DESCRIPTION] = { NC_("spreadsheet column", "Description"), VALUE_TEXT, ACTIONS,
    "description", "description|descriptif|commentaire|commentaires|remarque|remarques|"
    "observations|notes|note|contenu|detail|details|precisions|description de l action" },
  [FIELD_OBJECTIVES] = { NC_("spreadsheet column", "Objectives"), VALUE_TEXT, ACTIONS,
    "objectives", "objectifs|objectif|objectifs de l action" },
  [FIELD_EXPECTED_RESULTS] = { NC_("spreadsheet column", "Expected results"), VALUE_TEXT,
    ACTIONS, "expected_results", "resultats attendus|resultat attendu|resultats" },
  [FIELD_UUID] = { NC_("spreadsheet column", "Identifier"), VALUE_UUID, ACTIONS, NULL,
    "identifiant|uuid|identifiant carnet" },
  [FIELD_PVD_DATE] = { NC_("spreadsheet column", "PVD convention"), VALUE_DATE, COMMUNES,
    "pvd_date", "convention pvd|date convention pvd|date de la convention pvd|"
    "date signature|date de signature|date de signature de la convention|"
    "signature convention|convention d adhesion|date de la convention d adhesion|"
    "date d adhesion|date pvd|signature pvd|date d entree" },
  [FIELD_ORT_DATE] = { NC_("spreadsheet column", "ORT date"), VALUE_DATE, COMMUNES, "ort_date",
    "ort|date ort|date de l ort|convention ort|convention cadre|date convention cadre|"
    "date de la convention cadre|signature ort|date de signature ort|convention cadre ort" },
  [FIELD_NOTES] = { NC_("spreadsheet column", "Notes"), VALUE_TEXT, COMMUNES, "notes",
    "notes|note|commentaire|commentaires|remarque|remarques|observations" },
};

/* Headers that only a file of communes gives a commune's name. */
static const char commune_name_headers[] = "nom|libelle|nom officiel|nom de la ville";

/* Words of a unit, at the end of a header: “Coût HT (€)” is “cout ht eur”. */
static const char *const unit_words[] = { "eur", "euro", "euros", "en" };

/* Helpers */

/**
 * import_fold:
 *
 * Returns: @text the way names are compared: lowercase ASCII letters and digits, one space
 *   between words
 */
char *
import_fold (const char *text)
{
  return carnet_reference_normalize (text != NULL ? text : "");
}

static char *
fold_header (const char *header)
{
  g_autofree char *folded = import_fold (header);
  gboolean stripped = TRUE;

  while (stripped)
    {
      char *space = strrchr (folded, ' ');
      const char *last = space != NULL ? space + 1 : folded;

      stripped = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (unit_words) && space != NULL; i++)
        if (strcmp (last, unit_words[i]) == 0)
          {
            *space = '\0';
            stripped = TRUE;
            break;
          }
    }
  return g_steal_pointer (&folded);
}

static gboolean
in_list (const char *list,
         const char *word)
{
  gsize len = strlen (word);

  for (const char *p = list; p != NULL; p = strchr (p, '|'), p = p != NULL ? p + 1 : NULL)
    if (strncmp (p, word, len) == 0 && (p[len] == '|' || p[len] == '\0'))
      return TRUE;
  return FALSE;
}

static int
field_for_header (CarnetCsvImportKind  kind,
                  const char          *header)
{
  g_autofree char *folded = fold_header (header);

  if (*folded == '\0')
    return -1;
  if (kind == CARNET_CSV_IMPORT_COMMUNES && in_list (commune_name_headers, folded))
    return FIELD_COMMUNE;
  for (guint f = 0; f < N_FIELDS; f++)
    if ((import_fields[f].kinds & (1 << kind)) != 0 && in_list (import_fields[f].headers, folded))
      return (int)f;
  return -1;
}

/* “Titre, Date de fin, Budget (k€)”, for an error. */
static char *
list_headers (CarnetCsvTable *table)
{
  GString *list = g_string_new (NULL);
  guint n = carnet_csv_table_get_n_columns (table);

  for (guint i = 0; i < n && i < MAX_LISTED_HEADERS; i++)
    {
      const char *header = carnet_csv_table_get_header (table, i);
      g_autofree char *shown = g_utf8_strlen (header, -1) > 40 ? g_utf8_substring (header, 0, 40) :
                               g_strdup (header);

      if (i > 0)
        /* Translators: between the names of columns, in a list */
        g_string_append (list, C_("list", ", "));
      if (*g_strstrip (shown) == '\0')
        g_string_append (list, C_("spreadsheet column", "(no name)"));
      else
        g_string_append (list, shown);
    }
  if (n > MAX_LISTED_HEADERS)
    g_string_append (list, "…");
  return g_string_free (list, FALSE);
}

static gboolean
map_columns (CarnetCsvImport  *self,
             GError          **error)
{
  guint n = carnet_csv_table_get_n_columns (self->table);
  gboolean any = FALSE;
  gboolean no_title, no_commune;
  g_autofree char *found = NULL;
  const char *name = self->name != NULL ? self->name : "CSV";

  for (guint f = 0; f < N_FIELDS; f++)
    self->columns[f] = -1;
  self->mapping = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      int field = field_for_header (self->kind, carnet_csv_table_get_header (self->table, i));

      /* The first column of a field wins; a second one is ignored. */
      if (field >= 0 && self->columns[field] >= 0)
        field = -1;
      if (field >= 0)
        {
          self->columns[field] = (int)i;
          any = TRUE;
        }
      self->mapping[i] = field;
    }

  no_title = self->kind == CARNET_CSV_IMPORT_ACTIONS && self->columns[FIELD_TITLE] < 0;
  /* A chef de projet who follows one commune may leave it out of the spreadsheet. */
  no_commune = self->columns[FIELD_COMMUNE] < 0 && self->columns[FIELD_INSEE] < 0 &&
               (self->kind == CARNET_CSV_IMPORT_COMMUNES ||
                carnet_store_count (self->store, CARNET_TYPE_COMMUNE, NULL, NULL) != 1);
  if (any && !no_title && !no_commune)
    return TRUE;

  found = list_headers (self->table);
  if (!any)
    g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_COLUMNS,
                 _("“%s” has no column Carnet knows: its first line must name the columns, "
                   "such as “titre”, “commune”, “échéance”. Its first line: %s"), name, found);
  else if (no_title && no_commune)
    g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_COLUMNS,
                 _("“%s” has no column for the title of the actions (“titre”, “intitulé”, "
                   "“action” or “libellé”) nor for their commune (“commune” or “code INSEE”). "
                   "Its columns: %s"),
                 name, found);
  else if (no_title)
    g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_COLUMNS,
                 _("“%s” has no column for the title of the actions (“titre”, “intitulé”, "
                   "“action” or “libellé”). Its columns: %s"), name, found);
  else if (self->kind == CARNET_CSV_IMPORT_ACTIONS)
    g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_COLUMNS,
                 _("“%s” has no column for the commune of the actions (“commune” or “code "
                   "INSEE”): it is needed when Carnet follows more than one commune. Its "
                   "columns: %s"),
                 name, found);
  else
    g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_COLUMNS,
                 _("“%s” has no column for the communes (“commune”, “nom” or “code INSEE”). "
                   "Its columns: %s"), name, found);
  return FALSE;
}

static char *
make_label (CarnetCsvImport *self,
            guint            row,
            ImportValues    *values)
{
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *commune = NULL;
  int column;

  if (values->commune_name != NULL)
    commune = g_strdup (values->commune_name);
  else if ((column = self->columns[FIELD_COMMUNE]) >= 0 ||
           (column = self->columns[FIELD_INSEE]) >= 0)
    commune = g_strstrip (g_strdup (carnet_csv_table_get_cell (self->table, row, column)));

  if (self->kind == CARNET_CSV_IMPORT_COMMUNES)
    {
      if (values->reference != NULL)
        label = g_strdup_printf ("%s (%s)", values->reference->name, values->reference->insee);
      else
        label = g_strdup (commune != NULL ? commune : "");
    }
  else
    {
      title = g_strstrip (g_strdup (carnet_csv_table_get_cell (self->table, row,
                                                               self->columns[FIELD_TITLE])));
      if (*title == '\0')
        g_set_str (&title, C_("spreadsheet line", "(no title)"));
      if (commune != NULL && *commune != '\0')
        /* Translators: an action of a spreadsheet: its title, then its commune */
        label = g_strdup_printf (C_("spreadsheet line", "%s — %s"), title, commune);
      else
        label = g_strdup (title);
    }

  return carnet_format_shorten (label, MAX_LABEL_CHARS);
}

/* Checks every line, and counts what an import would add. */
static void
check_lines (CarnetCsvImport *self)
{
  g_autoptr(GHashTable) new_communes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) new_projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->n_lines = carnet_csv_table_get_n_rows (self->table);
  self->lines = g_new0 (ImportLine, self->n_lines);
  for (guint row = 0; row < self->n_lines; row++)
    {
      ImportLine *line = &self->lines[row];
      ImportValues values = { { NULL, }, };
      const char *title;
      g_autofree char *key = NULL;
      g_autofree char *folded = NULL;

      if (!import_check_line (self, row, &values, &line->problem))
        self->n_problems++;
      line->label = make_label (self, row, &values);
      line->note = g_steal_pointer (&values.note);
      line->skip = values.skip;
      if (line->problem != NULL || line->skip)
        {
          self->n_skipped += line->skip && line->problem == NULL;
          import_values_clear (&values);
          continue;
        }

      self->n_to_add++;
      if (values.reference != NULL)
        g_hash_table_add (new_communes, g_strdup (values.reference->insee));
      if (self->kind == CARNET_CSV_IMPORT_ACTIONS)
        {
          title = import_project_title (&values);
          if (values.commune_uuid == NULL ||
              import_find_project (self, values.commune_uuid, title, NULL) == NULL)
            {
              folded = import_fold (title);
              key = g_strconcat (values.commune_uuid != NULL ? values.commune_uuid :
                                 values.reference != NULL ? values.reference->insee : "",
                                 "\x1f", folded, NULL);
              g_hash_table_add (new_projects, g_steal_pointer (&key));
            }
        }
      import_values_clear (&values);
    }
  self->n_new_communes = g_hash_table_size (new_communes);
  self->n_new_projects = g_hash_table_size (new_projects);
}

static gboolean
check_line_index (CarnetCsvImport *self,
                  guint            line)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line < self->n_lines, FALSE);
  return TRUE;
}

/* Public API */

/**
 * carnet_csv_import_new_from_bytes:
 * @bytes: the file's contents
 * @name: (nullable): the file's name, for messages
 *
 * Returns: (transfer full) (nullable): the import, every line checked; %NULL when the file as
 *   a whole cannot be used (@error then says why, in the %CARNET_CSV_IMPORT_ERROR domain)
 */
CarnetCsvImport *
carnet_csv_import_new_from_bytes (CarnetStore          *store,
                                  GBytes               *bytes,
                                  const char           *name,
                                  CarnetCsvImportKind   kind,
                                  GError              **error)
{
  g_autoptr(CarnetCsvImport) self = NULL;
  gconstpointer data;
  gsize size = 0;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (kind == CARNET_CSV_IMPORT_ACTIONS || kind == CARNET_CSV_IMPORT_COMMUNES,
                        NULL);

  self = g_new0 (CarnetCsvImport, 1);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->name = g_strdup (name);

  data = g_bytes_get_data (bytes, &size);
  self->table = carnet_csv_table_parse (data, size, error);
  if (self->table == NULL || !map_columns (self, error) || !import_lookups_load (self, error))
    return NULL;
  check_lines (self);
  import_lookups_reset (self);
  return g_steal_pointer (&self);
}

/**
 * carnet_csv_import_new:
 * @path: a CSV file
 *
 * Like carnet_csv_import_new_from_bytes(), for a file.
 */
CarnetCsvImport *
carnet_csv_import_new (CarnetStore          *store,
                       const char           *path,
                       CarnetCsvImportKind   kind,
                       GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  GStatBuf info;
  gsize size = 0;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  /* Refused before it is read: a file of gigabytes would fill the memory first. */
  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode) && info.st_size > CARNET_CSV_MAX_BYTES)
    {
      g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                   _("“%s” is too big: Carnet reads spreadsheets of up to %u MB"), display,
                   (guint)(CARNET_CSV_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &size, &local))
    {
      /* GLib's message names the file already. */
      g_set_error_literal (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_READ,
                           local->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
  return carnet_csv_import_new_from_bytes (store, bytes, display, kind, error);
}

void
carnet_csv_import_free (CarnetCsvImport *self)
{
  if (self == NULL)
    return;
  import_lookups_reset (self);
  for (guint i = 0; i < self->n_lines; i++)
    {
      g_free (self->lines[i].label);
      g_free (self->lines[i].problem);
      g_free (self->lines[i].note);
    }
  g_free (self->lines);
  g_free (self->mapping);
  g_clear_pointer (&self->table, carnet_csv_table_free);
  g_free (self->name);
  g_clear_object (&self->store);
  g_free (self);
}

CarnetCsvImportKind
carnet_csv_import_get_kind (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, CARNET_CSV_IMPORT_ACTIONS);

  return self->kind;
}

/**
 * carnet_csv_import_get_dialect:
 *
 * Returns: how the file separates its cells, in the interface language: “français (;)”,
 *   “RFC 4180 (,)” or “tabulations”
 */
const char *
carnet_csv_import_get_dialect (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (carnet_csv_table_get_separator (self->table))
    {
    case ',':
      return C_("csv dialect", "RFC 4180 (,)");
    case '\t':
      return C_("csv dialect", "tab-separated");
    default:
      return C_("csv dialect", "French (;)");
    }
}

const char *
carnet_csv_import_get_encoding (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (carnet_csv_table_get_encoding (self->table))
    {
    case CARNET_CSV_ENCODING_UTF8:
      return "UTF-8";
    case CARNET_CSV_ENCODING_UTF8_BOM:
      return C_("csv encoding", "UTF-8 with BOM");
    case CARNET_CSV_ENCODING_UTF16:
      return "UTF-16";
    case CARNET_CSV_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_assert_not_reached ();
    }
}

guint
carnet_csv_import_get_n_columns (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return carnet_csv_table_get_n_columns (self->table);
}

const char *
carnet_csv_import_get_header (CarnetCsvImport *self,
                              guint            column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < carnet_csv_table_get_n_columns (self->table), NULL);

  return carnet_csv_table_get_header (self->table, column);
}

/**
 * carnet_csv_import_get_mapping:
 *
 * Returns: (nullable): the field the column is read into, in the interface language
 *   (“Échéance”), or %NULL when Carnet ignores the column
 */
const char *
carnet_csv_import_get_mapping (CarnetCsvImport *self,
                               guint            column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < carnet_csv_table_get_n_columns (self->table), NULL);

  if (self->mapping[column] < 0)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "spreadsheet column",
                       import_fields[self->mapping[column]].label);
}

guint
carnet_csv_import_get_n_lines (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_lines;
}

guint
carnet_csv_import_get_line_number (CarnetCsvImport *self,
                                   guint            line)
{
  if (!check_line_index (self, line))
    return 0;
  return carnet_csv_table_get_line (self->table, line);
}

const char *
carnet_csv_import_get_cell (CarnetCsvImport *self,
                            guint            line,
                            guint            column)
{
  if (!check_line_index (self, line))
    return NULL;
  g_return_val_if_fail (column < carnet_csv_table_get_n_columns (self->table), NULL);

  return carnet_csv_table_get_cell (self->table, line, column);
}

const char *
carnet_csv_import_get_label (CarnetCsvImport *self,
                             guint            line)
{
  if (!check_line_index (self, line))
    return NULL;
  return self->lines[line].label;
}

const char *
carnet_csv_import_get_problem (CarnetCsvImport *self,
                               guint            line)
{
  if (!check_line_index (self, line))
    return NULL;
  return self->lines[line].problem;
}

guint
carnet_csv_import_get_n_problems (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_problems;
}

/**
 * carnet_csv_import_get_note:
 *
 * Returns: (nullable): why a line that has no problem adds nothing (“Already in Carnet:
 *   left out”), in the interface language, or %NULL
 */
const char *
carnet_csv_import_get_note (CarnetCsvImport *self,
                            guint            line)
{
  if (!check_line_index (self, line))
    return NULL;
  return self->lines[line].note;
}

/**
 * carnet_csv_import_get_n_skipped:
 *
 * Returns: how many lines add nothing because what they hold is already in Carnet (or
 *   earlier in the file, for communes)
 */
guint
carnet_csv_import_get_n_skipped (CarnetCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_skipped;
}

/**
 * carnet_csv_import_get_summary:
 *
 * Returns: (transfer full): what the import would do, or did, in the interface language: a
 *   sentence per line (“12 actions to add”, “2 new projects”…)
 */
char *
carnet_csv_import_get_summary (CarnetCsvImport *self)
{
  GString *text = g_string_new (NULL);
  gboolean actions;

  g_return_val_if_fail (self != NULL, NULL);

  actions = self->kind == CARNET_CSV_IMPORT_ACTIONS;
  if (actions && self->applied)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u action added",
                                               "%u actions added", self->n_to_add),
                            self->n_to_add);
  else if (actions)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u action to add",
                                               "%u actions to add", self->n_to_add),
                            self->n_to_add);
  else if (self->applied)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u commune added",
                                               "%u communes added", self->n_to_add),
                            self->n_to_add);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u commune to add",
                                               "%u communes to add", self->n_to_add),
                            self->n_to_add);
  if (actions && self->n_new_projects > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new project",
                                                 "%u new projects", self->n_new_projects),
                              self->n_new_projects);
    }
  if (actions && self->n_new_communes > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u new commune, from the list of French "
                                                 "communes",
                                                 "%u new communes, from the list of French "
                                                 "communes", self->n_new_communes),
                              self->n_new_communes);
    }
  if (self->n_skipped > 0)
    {
      g_string_append_c (text, '\n');
      if (actions)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u action already in Carnet, left out",
                                                   "%u actions already in Carnet, left out",
                                                   self->n_skipped), self->n_skipped);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u commune already in Carnet or repeated, "
                                                   "left out",
                                                   "%u communes already in Carnet or repeated, "
                                                   "left out", self->n_skipped),
                                self->n_skipped);
    }
  if (self->n_problems > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u line has a problem: nothing can be "
                                                 "imported until it is corrected",
                                                 "%u lines have a problem: nothing can be "
                                                 "imported until they are corrected",
                                                 self->n_problems), self->n_problems);
    }
  return g_string_free (text, FALSE);
}
