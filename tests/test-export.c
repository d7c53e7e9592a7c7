/* test-export.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carnet-export-csv.h"
#include "carnet-export-json.h"
#include "carnet-generate.h"
#include "carnet-records.h"
#include "carnet-report.h"
#include "export-fixture.h"

/* The exports are read back as other tools read them: CSV with Python's csv module, JSON
 * against its schema with python3-jsonschema, the PDF with pdftotext and pdftoppm. The
 * pages of the report are left as PNG in the build folder (tests/export-report/) to look at. */

typedef struct
{
  char        *dir;
  CarnetStore *store;
} Fixture;

static const CarnetExportOptions fixed = { NULL, NULL, FIXTURE_TODAY, FIXTURE_NOW };

/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (path, &error);
  g_assert_no_error (error);
  fixture_fill (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  fixture_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
script (void)
{
  return g_test_build_filename (G_TEST_DIST, "check-export.py", NULL);
}

/* The CSV as Python reads it: {"bom", "crlf", "widths", "header", "rows"}. */
static JsonNode *
read_csv (const char *path,
          const char *dialect)
{
  g_autofree char *checker = script ();
  const char *argv[] = { "python3", checker, "csv", path, dialect, NULL };
  g_autofree char *out = fixture_run (argv);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (out, &error);

  g_assert_no_error (error);
  return node;
}

static const char *
csv_get (JsonNode   *csv,
         JsonArray  *row,
         const char *column)
{
  JsonArray *header = json_object_get_array_member (json_node_get_object (csv), "header");

  for (guint i = 0; i < json_array_get_length (header); i++)
    if (g_strcmp0 (json_array_get_string_element (header, i), column) == 0)
      return json_array_get_string_element (row, i);
  g_error ("No column “%s”", column);
}

/* The first row whose @column is @value. */
static JsonArray *
csv_find (JsonNode   *csv,
          const char *column,
          const char *value)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (csv), "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      if (g_strcmp0 (csv_get (csv, row, column), value) == 0)
        return row;
    }
  g_error ("No row has %s = “%s”", column, value);
}

static guint
csv_n_rows (JsonNode *csv)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (csv), "rows"));
}

static void
assert_widths (JsonNode   *csv,
               const char *widths)
{
  g_autofree char *text = json_to_string (json_object_get_member (json_node_get_object (csv),
                                                                  "widths"), FALSE);

  g_assert_cmpstr (text, ==, widths);
}

static char *
export_csv (Fixture                   *fixture,
            CarnetCsvContent           content,
            CarnetCsvDialect           dialect,
            const CarnetExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  char *path = in_dir (fixture, "export.csv");

  carnet_export_csv_to_file (fixture->store, options, content, dialect, path, &error);
  g_assert_no_error (error);
  return path;
}

/* French words and dates */

static void
test_date_fr (void)
{
  const struct { const char *iso; const char *text; } cases[] = {
    { "2026-03-12", "12 mars 2026" }, { "2026-03-01", "1er mars 2026" },
    { "2026-08-15", "15 août 2026" }, { "2026-12-31", "31 décembre 2026" },
    { "2026-02-01", "1er février 2026" }, { NULL, "" }, { "", "" }, { "hier", "hier" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = carnet_format_date_fr (cases[i].iso);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_cmpstr (carnet_export_choice_fr ("en_retard"), ==, "En retard");
  g_assert_cmpstr (carnet_export_choice_fr ("verse"), ==, "Versé");
  g_assert_cmpstr (carnet_export_choice_fr ("inconnu"), ==, "inconnu");
}

/* CSV */

static void
test_csv_cell (void)
{
  const struct { const char *text; char separator; const char *cell; } cases[] = {
    { "Bayeux", ';', "Bayeux" },
    { "a;b", ';', "\"a;b\"" },
    { "a;b", ',', "a;b" },
    { "a,b", ',', "\"a,b\"" },
    { "dit \"bonjour\"", ';', "\"dit \"\"bonjour\"\"\"" },
    { "deux\nlignes", ';', "\"deux\nlignes\"" },
    { "retour\rchariot", ',', "\"retour\rchariot\"" },
    { "=1+1", ';', "'=1+1" },
    { "+33 2 31", ';', "'+33 2 31" },
    { "-5", ';', "'-5" },
    { "@SUM(A1)", ';', "'@SUM(A1)" },
    { "\tx", ';', "'\tx" },
    { "\rx", ';', "\"'\rx\"" },
    { "=A1;B1", ';', "\"'=A1;B1\"" },
    { "a=b", ';', "a=b" },
    { "", ';', "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = carnet_csv_cell (cases[i].text, cases[i].separator);

      g_assert_cmpstr (cell, ==, cases[i].cell);
    }
}

static void
check_hostile_titles (JsonNode *csv)
{
  JsonArray *row;

  /* Formulas stay text: an apostrophe before them. */
  row = csv_find (csv, "N°", "1.3");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==,
                   "'=HYPERLINK(\"http://exemple.invalid\",\"Cliquez ici\")");
  row = csv_find (csv, "N°", "2.1");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==,
                   "'+33 2 31 51 60 60 : permanence du manager de commerce");
  row = csv_find (csv, "N°", "2.2");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==, "'-5 % de vacance commerciale d'ici 2028");
  row = csv_find (csv, "N°", "2.3");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==, "'@SUM(A1:A9)");
  row = csv_find (csv, "N°", "2.4");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==, "'\tBoutique à l'essai");
  row = csv_find (csv, "N°", "2.5");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==, "'\rLoyers commerciaux aidés");

  /* Quotes, separators, line breaks and accents come back as they were typed. */
  row = csv_find (csv, "N°", "3.2");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==,
                   "Navette électrique \"cœur de ville\" ; gare ↔ hôpital");
  row = csv_find (csv, "N°", "3.3");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==,
                   "Pistes cyclables\nrue Saint-Jean et rue des Cuisiniers");
  row = csv_find (csv, "N°", "1.1");
  g_assert_cmpstr (csv_get (csv, row, "Pilote"), ==, "Bureau d'études \"Sols & Co\"");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==, "Étude de pollution des sols « phase 1 »");
}

static void
test_csv_actions_french (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = export_csv (fixture, CARNET_CSV_ACTIONS, CARNET_CSV_FRENCH, &fixed);
  g_autofree char *bytes = fixture_read_file (path);
  g_autoptr(JsonNode) csv = read_csv (path, "french");
  JsonObject *object = json_node_get_object (csv);
  JsonArray *row;
  const char *header =
    "\xef\xbb\xbf" "Commune;Code INSEE;N° projet;Projet;N°;Action;Thème;Phase;Statut;Maturité;"
    "Priorité;Pilote;Maître d'ouvrage;Élu référent;Partenaires;Début prévu;Échéance;Début réel;"
    "Fin réelle;Avancement (%);Coût HT (€);Coût TTC (€);Périmètre ORT;En retard;Description;"
    "Identifiant\r\n";

  g_assert_true (g_str_has_prefix (bytes, header));
  g_assert_true (json_object_get_boolean_member (object, "bom"));
  g_assert_true (json_object_get_boolean_member (object, "crlf"));
  assert_widths (csv, "[26]");
  g_assert_cmpuint (csv_n_rows (csv), ==, FIXTURE_N_ACTIONS);

  /* Communes in alphabetical order, then projects and actions by number. */
  row = json_array_get_array_element (json_object_get_array_member (object, "rows"), 0);
  g_assert_cmpstr (csv_get (csv, row, "Commune"), ==, "Bayeux");
  g_assert_cmpstr (csv_get (csv, row, "N°"), ==, "1.1");

  row = csv_find (csv, "N°", "1.2");
  g_assert_cmpstr (csv_get (csv, row, "Code INSEE"), ==, "14047");
  g_assert_cmpstr (csv_get (csv, row, "Projet"), ==, "Réhabilitation de la friche Badin");
  g_assert_cmpstr (csv_get (csv, row, "Thème"), ==, "Friches et foncier");
  g_assert_cmpstr (csv_get (csv, row, "Statut"), ==, "En cours");
  g_assert_cmpstr (csv_get (csv, row, "Priorité"), ==, "Moyenne");
  g_assert_cmpstr (csv_get (csv, row, "Échéance"), ==, "15/03/2026");
  g_assert_cmpstr (csv_get (csv, row, "Début prévu"), ==, "");
  g_assert_cmpstr (csv_get (csv, row, "Avancement (%)"), ==, "40");
  g_assert_cmpstr (csv_get (csv, row, "Coût HT (€)"), ==, "850000,00");
  g_assert_cmpstr (csv_get (csv, row, "Coût TTC (€)"), ==, "1020000,00");
  g_assert_cmpstr (csv_get (csv, row, "En retard"), ==, "Oui");
  g_assert_cmpstr (csv_get (csv, row, "Périmètre ORT"), ==, "Non");
  g_assert_cmpstr (csv_get (csv, row, "Description"), ==,
                   "Lot 1 : démolition\r\nLot 2 : désamiantage");
  g_assert_true (g_uuid_string_is_valid (csv_get (csv, row, "Identifiant")));
  g_assert_cmpstr (csv_get (csv, csv_find (csv, "N°", "3.1"), "En retard"), ==, "Oui");
  g_assert_cmpstr (csv_get (csv, csv_find (csv, "N°", "3.2"), "En retard"), ==, "Non");

  check_hostile_titles (csv);
  g_assert_null (strstr (bytes, "Action supprimée"));
}

static void
test_csv_actions_rfc4180 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = export_csv (fixture, CARNET_CSV_ACTIONS, CARNET_CSV_RFC4180, &fixed);
  g_autofree char *bytes = fixture_read_file (path);
  g_autoptr(JsonNode) csv = read_csv (path, "rfc4180");
  JsonObject *object = json_node_get_object (csv);
  JsonArray *row;

  g_assert_true (g_str_has_prefix (bytes, "Commune,Code INSEE,N° projet,Projet,N°,Action,"));
  g_assert_false (json_object_get_boolean_member (object, "bom"));
  g_assert_true (json_object_get_boolean_member (object, "crlf"));
  assert_widths (csv, "[26]");
  g_assert_cmpuint (csv_n_rows (csv), ==, FIXTURE_N_ACTIONS);

  row = csv_find (csv, "N°", "1.2");
  g_assert_cmpstr (csv_get (csv, row, "Échéance"), ==, "2026-03-15");
  g_assert_cmpstr (csv_get (csv, row, "Coût HT (€)"), ==, "850000.00");
  g_assert_cmpstr (csv_get (csv, row, "Statut"), ==, "En cours");
  check_hostile_titles (csv);
}

static void
test_csv_funding (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = export_csv (fixture, CARNET_CSV_FUNDING_LINES, CARNET_CSV_FRENCH, &fixed);
  g_autoptr(JsonNode) csv = read_csv (path, "french");
  const char *states[] = { "Envisagé", "Demandé", "Accordé", "Versé", "Refusé" };
  JsonArray *row;

  g_assert_cmpuint (csv_n_rows (csv), ==, FIXTURE_N_FUNDING_LINES);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    csv_find (csv, "État", states[i]);

  row = csv_find (csv, "Financeur", "Ademe");
  g_assert_cmpstr (csv_get (csv, row, "N° projet"), ==, "1");
  g_assert_cmpstr (csv_get (csv, row, "N° action"), ==, "1.2");
  g_assert_cmpstr (csv_get (csv, row, "Action"), ==,
                   "Démolition ; désamiantage du bâtiment principal");
  g_assert_cmpstr (csv_get (csv, row, "Dispositif"), ==, "Fonds friches");
  g_assert_cmpstr (csv_get (csv, row, "Nature"), ==, "Subvention");
  g_assert_cmpstr (csv_get (csv, row, "Montant demandé (€)"), ==, "1234567,89");
  g_assert_cmpstr (csv_get (csv, row, "Montant accordé (€)"), ==, "1234567,89");
  g_assert_cmpstr (csv_get (csv, row, "Montant versé (€)"), ==, "0,00");
  g_assert_cmpstr (csv_get (csv, row, "Date de caducité"), ==, "01/04/2027");

  row = csv_find (csv, "Financeur", "Région Normandie");
  g_assert_cmpstr (csv_get (csv, row, "Montant versé (€)"), ==, "80000,00");
  g_assert_cmpstr (csv_get (csv, row, "N° action"), ==, "");
  row = csv_find (csv, "État", "Refusé");
  g_assert_cmpstr (csv_get (csv, row, "Nature"), ==, "Ingénierie");
  g_assert_cmpstr (csv_get (csv, row, "Référence"), ==, "'=cmd|' /C calc'!A0");
  row = csv_find (csv, "Nature", "Autofinancement");
  g_assert_cmpstr (csv_get (csv, row, "Assiette"), ==, "HT");
}

static void
test_csv_observations (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = export_csv (fixture, CARNET_CSV_OBSERVATIONS, CARNET_CSV_FRENCH, &fixed);
  g_autoptr(JsonNode) csv = read_csv (path, "french");
  JsonArray *row;

  g_assert_cmpuint (csv_n_rows (csv), ==, FIXTURE_N_OBSERVATIONS);
  row = csv_find (csv, "Type", "Constat");
  g_assert_cmpstr (csv_get (csv, row, "Observation"), ==, "Ancienne observation de mai");
  row = csv_find (csv, "Latitude", "49,2765");
  g_assert_cmpstr (csv_get (csv, row, "Longitude"), ==, "-0,7024");
  g_assert_cmpstr (csv_get (csv, row, "Date de l'arpentage"), ==, "15/10/2026");
  g_assert_cmpstr (csv_get (csv, row, "Relevée le"), ==, "15/10/2026 09:12");
  g_assert_cmpstr (csv_get (csv, row, "Thème"), ==, "Commerce et artisanat");
  g_assert_cmpstr (csv_get (csv, row, "Arpentage"), ==, "Arpentage du centre-ville avec les élus");
  row = csv_find (csv, "Thème", "Santé et accès aux soins");
  g_assert_cmpstr (csv_get (csv, row, "Observation"), ==,
                   "'=Installer un défibrillateur place de la mairie");
  g_assert_cmpstr (csv_get (csv, row, "Latitude"), ==, "");
  row = csv_find (csv, "Observation", "Banc\nà l'ombre");
  g_assert_cmpstr (csv_get (csv, row, "Thème"), ==, "");
}

static void
test_csv_filters (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *mezidon[] = { "14431", NULL };
  const char *unknown[] = { "14047", "99999", NULL };
  CarnetExportOptions options = fixed;
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) csv = NULL;
  g_autofree char *path = NULL;
  JsonArray *rows;

  options.communes = mezidon;
  path = export_csv (fixture, CARNET_CSV_ACTIONS, CARNET_CSV_FRENCH, &options);
  csv = read_csv (path, "french");
  rows = json_object_get_array_member (json_node_get_object (csv), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 6);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpstr (csv_get (csv, json_array_get_array_element (rows, i), "Commune"), ==,
                     "Mézidon Vallée d'Auge");
  g_clear_pointer (&csv, json_node_unref);
  g_free (path);

  options.communes = NULL;
  options.theme = "mobilites";
  path = export_csv (fixture, CARNET_CSV_ACTIONS, CARNET_CSV_FRENCH, &options);
  csv = read_csv (path, "french");
  g_assert_cmpuint (csv_n_rows (csv), ==, 2);
  csv_find (csv, "N°", "3.2");
  csv_find (csv, "N°", "3.3");

  options.communes = unknown;
  options.theme = NULL;
  g_assert_false (carnet_export_csv (fixture->store, &options, CARNET_CSV_ACTIONS,
                                     CARNET_CSV_FRENCH, sink, NULL, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_NO_COMMUNE);
  g_assert_nonnull (strstr (error->message, "99999"));
  g_clear_error (&error);

  options.communes = NULL;
  options.theme = "tourisme";
  g_assert_false (carnet_export_csv (fixture->store, &options, CARNET_CSV_ACTIONS,
                                     CARNET_CSV_FRENCH, sink, NULL, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_NO_THEME);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (sink)), ==, 0);
}

/* JSON */

static GBytes *
export_json_bytes (Fixture                   *fixture,
                   const CarnetExportOptions *options)
{
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  carnet_export_json (fixture->store, options, sink, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (sink, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (sink));
}

static void
validate_json (const char *path)
{
  g_autofree char *checker = script ();
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                   "carnet-export.schema.json", NULL);
  const char *argv[] = { "python3", checker, "validate", schema, path, NULL };
  g_autofree char *out = fixture_run (argv);
}

static guint
n_records (JsonObject *records,
           const char *table)
{
  return json_array_get_length (json_object_get_array_member (records, table));
}

static JsonObject *
records_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "records");
}

static void
test_json_schema (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = in_dir (fixture, "export.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *records, *action = NULL;
  JsonArray *actions;
  g_autoptr(GList) members = NULL;
  CarnetRecordClass *klass = g_type_class_peek (CARNET_TYPE_ACTION);
  guint tombstones = 0;
  GList *l;

  carnet_export_json_to_file (fixture->store, &fixed, path, &error);
  g_assert_no_error (error);
  validate_json (path);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "carnet");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "exported_at"), ==, FIXTURE_NOW);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "generator"), "Carnet "));
  g_assert_false (json_object_has_member (root, "communes"));

  records = json_object_get_object_member (root, "records");
  g_assert_cmpuint (n_records (records, "communes"), ==, 3);
  g_assert_cmpuint (n_records (records, "themes"), ==, 9);
  actions = json_object_get_array_member (records, "actions");
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *a = json_array_get_object_element (actions, i);

      if (!json_object_get_null_member (a, "deleted_at"))
        {
          tombstones++;
          g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, "Action supprimée");
        }
      if (g_str_has_prefix (json_object_get_string_member (a, "title"), "Démolition"))
        action = a;
    }
  g_assert_cmpuint (tombstones, ==, 1);
  g_assert_cmpuint (json_array_get_length (actions), ==, FIXTURE_N_ACTIONS + 1);

  /* Money in cents, dates in ISO form, choices as slugs, links as UUIDs, in field order. */
  g_assert_nonnull (action);
  g_assert_cmpint (json_object_get_int_member (action, "cost_ht"), ==, 85000000);
  g_assert_cmpstr (json_object_get_string_member (action, "end_planned"), ==, "2026-03-15");
  g_assert_cmpstr (json_object_get_string_member (action, "status"), ==, "en_cours");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (action, "project_uuid")));
  members = json_object_get_members (action);
  g_assert_cmpstr (members->data, ==, "uuid");
  l = g_list_nth (members, 4);
  for (guint i = 0; i < klass->n_fields; i++, l = l->next)
    g_assert_cmpstr (l->data, ==, klass->fields[i].column);
  g_assert_null (l);
  g_assert_cmpuint (n_records (records, "status_changes"), ==, 1);
}

static void
test_json_stable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) first = export_json_bytes (fixture, &fixed);
  g_autoptr(GBytes) second = export_json_bytes (fixture, &fixed);
  g_autoptr(GBytes) now = export_json_bytes (fixture, NULL);
  g_auto(GStrv) a = NULL, b = NULL;
  guint differences = 0;

  g_assert_true (g_bytes_equal (first, second));
  a = g_strsplit (g_bytes_get_data (first, NULL), "\n", -1);
  b = g_strsplit (g_bytes_get_data (now, NULL), "\n", -1);
  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  for (guint i = 0; a[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      {
        differences++;
        g_assert_true (g_str_has_prefix (a[i], "  \"exported_at\": "));
      }
  g_assert_cmpuint (differences, ==, 1);
}

/* Records are written without json-glib's tree: their strings are escaped exactly as its
 * generator escapes them, every control character included, and read back the same. */
static void
test_json_escaping (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) title = g_string_new ("Halles \"cœur\" \\ é\u2028");
  g_autoptr(GListModel) actions = carnet_store_list (fixture->store, CARNET_TYPE_ACTION, NULL, NULL);
  g_autoptr(CarnetRecord) action = g_list_model_get_item (actions, 0);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  JsonArray *exported;
  gboolean found = FALSE;

  for (int c = 1; c < 0x20; c++)
    g_string_append_c (title, (char)c);
  g_string_append_c (title, 0x7f);
  g_assert_true (carnet_store_update_text (fixture->store, action, "title", title->str, &error));
  g_assert_no_error (error);

  {
    g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), title->str);

    json_generator_set_root (generator, node);
    expected = json_generator_to_data (generator, NULL);
  }
  bytes = export_json_bytes (fixture, &fixed);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, expected));

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  exported = json_object_get_array_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                                          "records"),
                                           "actions");
  for (guint i = 0; i < json_array_get_length (exported); i++)
    found |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (exported, i), "title"),
                        title->str) == 0;
  g_assert_true (found);
}

/* The schema describes every field of every table, in order: it cannot drift from the code. */
static void
test_json_schema_matches_tables (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "carnet-export.schema.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *defs, *tables;
  const GType *types;
  guint n;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  defs = json_object_get_object_member (root, "$defs");
  tables = json_object_get_object_member (json_object_get_object_member (root, "properties"),
                                          "records");
  tables = json_object_get_object_member (tables, "properties");

  types = carnet_record_types (&n);
  g_assert_cmpuint (json_object_get_size (tables), ==, n);
  for (guint i = 0; i < n; i++)
    {
      CarnetRecordClass *klass = g_type_class_peek (types[i]);
      JsonObject *def = json_object_get_object_member (defs, klass->kind);
      g_autoptr(GList) names = NULL;
      GList *l;

      g_assert_true (json_object_has_member (tables, klass->table));
      g_assert_nonnull (def);
      names = json_object_get_members (json_object_get_object_member (def, "properties"));
      g_assert_cmpuint (g_list_length (names), ==, 4 + klass->n_fields);
      l = g_list_nth (names, 4);
      for (guint j = 0; j < klass->n_fields; j++, l = l->next)
        g_assert_cmpstr (l->data, ==, klass->fields[j].column);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (def, "required")),
                        ==, 4 + klass->n_fields);
    }
}

static void
test_json_communes (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *mezidon[] = { "14431", NULL };
  CarnetExportOptions options = fixed;
  g_autofree char *path = in_dir (fixture, "mezidon.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *records;
  JsonArray *communes;
  const struct { const char *table; guint n; } counts[] = {
    { "communes", 1 }, { "themes", 9 }, { "projects", 2 }, { "actions", 6 },
    { "funding_lines", 3 }, { "walks", 1 }, { "observations", 1 }, { "meetings", 0 },
    { "attachments", 0 }, { "measurements", 0 },
  };

  options.communes = mezidon;
  carnet_export_json_to_file (fixture->store, &options, path, &error);
  g_assert_no_error (error);
  validate_json (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  records = records_of (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_assert_cmpuint (n_records (records, counts[i].table), ==, counts[i].n);
  communes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "communes");
  g_assert_cmpstr (json_array_get_string_element (communes, 0), ==, "14431");

  options.theme = "mobilites";
  g_assert_false (carnet_export_json_to_file (fixture->store, &options, path, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_FAILED);
}

/* PDF */

/* The text of a PDF, its narrow and ordinary no-break spaces made spaces. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = fixture_run (argv);
  g_autoptr(GString) out = g_string_new (text);

  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  /* Lines are joined: a cell's text may wrap. */
  g_string_replace (out, "\u202f", " ", 0);
  g_string_replace (out, "\u00a0", " ", 0);
  return g_regex_replace_literal (spaces, out->str, -1, 0, " ", 0, NULL);
}

static char *
write_report (Fixture                   *fixture,
              const CarnetExportOptions *options,
              const char                *name)
{
  g_autoptr(CarnetReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "export-report", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  report = carnet_report_new (fixture->store, options, &error);
  g_assert_no_error (error);
  carnet_report_write_pdf (report, path, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("The report lacks “%s”:\n%s", part, text);
}

static void
test_pdf_all (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_report (fixture, &fixed, "report.pdf");
  g_autofree char *text = pdf_text (path);
  g_autofree char *prefix = g_strndup (path, strlen (path) - 4);
  const char *render[] = { "pdftoppm", "-png", "-r", "60", path, prefix, NULL };
  const char *parts[] = {
    "PETITES VILLES DE DEMAIN", "Synthèse de l’avancement", "Établi le 21 novembre 2026",
    "Bayeux", "Mézidon Vallée d'Auge", "Vire Normandie", "14047", "CC de Bayeux Intercom",
    "12 mars 2021", "1er juin 2022", "Page 1 sur", "Page 2 sur", "Chiffres clés",
    "Actions par thème et par statut", "Financements par financeur",
    "1 234 567,89 €", "300 000,00 €", "échéance dépassée", "15 mars 2026",
    "Réhabilitation de la friche Badin", "Friches et foncier", "Marie Dupont",
    "Plans de financement", "Fonds vert", "caducité : 10 décembre 2026",
    "Observations des arpentages récents", "Vitrines vides rue Saint-Malo",
    "=HYPERLINK", "Navette électrique \"cœur de ville\"",
  };
  g_autofree char *out = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    assert_has (text, parts[i]);
  /* Only the walks of the last 90 days; never what was deleted. */
  g_assert_null (strstr (text, "Ancienne observation de mai"));
  g_assert_null (strstr (text, "Action supprimée"));
  g_assert_null (strstr (text, "Financeur supprimé"));

  out = fixture_run (render);
}

/* Beyond 40 communes (a région, the programme), a line per commune: the detail of 1,650
 * communes would take 13,000 pages. A set of 40 keeps every detail. */
static void
test_pdf_many_communes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carnet-test-report-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "carnet.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (db, &error);
  CarnetGenerateSize size = { 45, 90, 180, 60, 10, 20 };
  g_autoptr(GListModel) communes = NULL;
  g_autoptr(GPtrArray) forty = g_ptr_array_new_with_free_func (g_free);
  CarnetExportOptions options = fixed;
  g_autoptr(CarnetReport) all = NULL;
  g_autoptr(CarnetReport) some = NULL;
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  guint pages_all, pages_some;

  g_assert_no_error (error);
  g_assert_true (carnet_generate (store, 7, &size, &error));
  g_assert_no_error (error);

  all = carnet_report_new (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (carnet_report_write_pdf (all, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  assert_has (text, "Au-delà de 40 communes, ce rapport donne une ligne par commune");
  assert_has (text, "Échéances dépassées");
  assert_has (text, "Actions par thème et par statut");
  g_assert_null (strstr (text, "Plans de financement"));
  pages_all = carnet_report_get_n_pages (all, CARNET_REPORT_A4_WIDTH, CARNET_REPORT_A4_HEIGHT);

  communes = carnet_store_list (store, CARNET_TYPE_COMMUNE, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (communes), ==, 45);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(CarnetRecord) commune = g_list_model_get_item (communes, i);

      g_ptr_array_add (forty, g_strdup (carnet_record_get_string (commune, "insee")));
    }
  g_ptr_array_add (forty, NULL);
  options.communes = (const char * const *)forty->pdata;
  some = carnet_report_new (store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (carnet_report_write_pdf (some, path, &error));
  g_free (text);
  text = pdf_text (path);
  g_assert_null (strstr (text, "Au-delà de 40 communes"));
  assert_has (text, "Plans de financement");
  pages_some = carnet_report_get_n_pages (some, CARNET_REPORT_A4_WIDTH, CARNET_REPORT_A4_HEIGHT);
  /* Forty communes in detail take a page each at least; forty-five summed up, a few. */
  g_assert_cmpuint (pages_some, >, 40);
  g_assert_cmpuint (pages_all, <, 10);

  g_clear_object (&store);
  fixture_remove_tree (dir);
}

static void
test_pdf_selection (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *bayeux[] = { "14047", NULL };
  CarnetExportOptions options = fixed;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  options.communes = bayeux;
  path = write_report (fixture, &options, "bayeux.pdf");
  text = pdf_text (path);
  assert_has (text, "Bayeux");
  g_assert_null (strstr (text, "Vire Normandie"));
  g_assert_null (strstr (text, "Mézidon"));
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);

  options.communes = NULL;
  options.theme = "mobilites";
  path = write_report (fixture, &options, "mobilites.pdf");
  text = pdf_text (path);
  assert_has (text, "Thème : Mobilités");
  assert_has (text, "Navette électrique");
  g_assert_null (strstr (text, "Permis de louer"));
  g_assert_null (strstr (text, "Fonds vert"));
}

/* What GtkPrintOperation does: count the pages for its paper, then draw each one. */
static void
test_pdf_pages (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CarnetReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const double sizes[][2] = { { CARNET_REPORT_A4_WIDTH, CARNET_REPORT_A4_HEIGHT },
                              { 612, 792 }, { 560, 800 } };

  report = carnet_report_new (fixture->store, &fixed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_report_get_title (report), ==,
                   "Bayeux, Mézidon Vallée d'Auge et Vire Normandie");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int n = carnet_report_get_n_pages (report, sizes[i][0], sizes[i][1]);

      g_assert_cmpint (n, >=, 5);
      for (int page = 0; page < n; page++)
        {
          cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                     NULL);
          cairo_t *cr = cairo_create (surface);

          carnet_report_draw_page (report, cr, page, sizes[i][0], sizes[i][1]);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
}

/* Writing files */

static gboolean
has_temporary_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, ".goutputstream"))
      return TRUE;
  return FALSE;
}

static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  const char *unknown[] = { "99999", NULL };
  CarnetExportOptions options = fixed;
  g_autofree char *path = in_dir (fixture, "actions.csv");
  g_autofree char *target = in_dir (fixture, "cible.txt");
  g_autofree char *link = in_dir (fixture, "lien.csv");
  g_autofree char *fresh = in_dir (fixture, "nouveau.csv");
  g_autofree char *missing = in_dir (fixture, "absent/rapport.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(CarnetExportFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetReport) report = NULL;
  GStatBuf st;

  g_file_set_contents_full (path, "ancien", -1, 0, 0640, &error);
  g_assert_no_error (error);

  /* A failure leaves the old file as it was. */
  options.communes = unknown;
  g_assert_false (carnet_export_csv_to_file (fixture->store, &options, CARNET_CSV_ACTIONS,
                                             CARNET_CSV_FRENCH, path, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_NO_COMMUNE);
  g_clear_error (&error);
  contents = fixture_read_file (path);
  g_assert_cmpstr (contents, ==, "ancien");
  g_clear_pointer (&contents, g_free);

  /* An export abandoned halfway too, and a new file abandoned is not left behind. */
  file = carnet_export_file_open (path, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (carnet_export_file_get_stream (file), "moitié", 7, NULL, NULL, NULL);
  g_output_stream_flush (carnet_export_file_get_stream (file), NULL, NULL);
  g_clear_pointer (&file, carnet_export_file_free);
  contents = fixture_read_file (path);
  g_assert_cmpstr (contents, ==, "ancien");
  g_clear_pointer (&contents, g_free);
  file = carnet_export_file_open (fresh, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (carnet_export_file_get_stream (file), "moitié", 7, NULL, NULL, NULL);
  g_clear_pointer (&file, carnet_export_file_free);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (has_temporary_files (fixture->dir));

  /* A success replaces it, keeping its mode; a new file is a readable document. */
  carnet_export_csv_to_file (fixture->store, &fixed, CARNET_CSV_ACTIONS, CARNET_CSV_FRENCH, path,
                             &error);
  g_assert_no_error (error);
  contents = fixture_read_file (path);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "Commune;"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  carnet_export_json_to_file (fixture->store, &fixed, fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_false (has_temporary_files (fixture->dir));

  /* A symbolic link is refused, not followed; so is a folder, or a missing folder. */
  g_file_set_contents (target, "cible", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_false (carnet_export_csv_to_file (fixture->store, &fixed, CARNET_CSV_ACTIONS,
                                             CARNET_CSV_FRENCH, link, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_TARGET);
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  contents = fixture_read_file (target);
  g_assert_cmpstr (contents, ==, "cible");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  g_assert_false (carnet_export_json_to_file (fixture->store, &fixed, fixture->dir, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_TARGET);
  g_clear_error (&error);

  report = carnet_report_new (fixture->store, &fixed, &error);
  g_assert_no_error (error);
  g_assert_false (carnet_report_write_pdf (report, missing, &error));
  g_assert_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_TARGET);
  g_assert_false (has_temporary_files (fixture->dir));
}

int
main (int   argc,
      char *argv[])
{
  /* The times of observations are written in local time in the French dialect. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/export/date-fr", test_date_fr);
  g_test_add_func ("/export/csv/cell", test_csv_cell);
  ADD ("/export/csv/actions-french", test_csv_actions_french);
  ADD ("/export/csv/actions-rfc4180", test_csv_actions_rfc4180);
  ADD ("/export/csv/funding", test_csv_funding);
  ADD ("/export/csv/observations", test_csv_observations);
  ADD ("/export/csv/filters", test_csv_filters);
  ADD ("/export/json/schema", test_json_schema);
  ADD ("/export/json/stable", test_json_stable);
  ADD ("/export/json/escaping", test_json_escaping);
  g_test_add_func ("/export/json/schema-matches-tables", test_json_schema_matches_tables);
  ADD ("/export/json/communes", test_json_communes);
  ADD ("/export/pdf/all", test_pdf_all);
  ADD ("/export/pdf/selection", test_pdf_selection);
  ADD ("/export/pdf/pages", test_pdf_pages);
  g_test_add_func ("/export/pdf/many-communes", test_pdf_many_communes);
  ADD ("/export/atomic", test_atomic);

  return g_test_run ();
}
