/* test-import-csv.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "carnet-export-csv.h"
#include "carnet-import-csv.h"
#include "carnet-records.h"
#include "carnet-themes.h"
#include "export-fixture.h"

/* Spreadsheets as chefs de projet save them (Excel in France, LibreOffice, scripts, Carnet's
 * own export), and broken ones, read and imported into a fresh database each time. The
 * messages are checked in English (the tests run in C.UTF-8). */

typedef struct
{
  char        *dir;
  char        *path;
  CarnetStore *store;
} Fixture;

#define BOM "\xef\xbb\xbf"
/* A string literal and its length, NUL bytes included. */
#define LIT(s) s, sizeof (s) - 1
#define NUMERIQUE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0005"

/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-import-csv-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  fixture_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CarnetCsvImport *
import_bytes (Fixture              *fixture,
              const char           *text,
              gsize                 len,
              CarnetCsvImportKind   kind,
              GError              **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return carnet_csv_import_new_from_bytes (fixture->store, bytes, "test.csv", kind, error);
}

static CarnetCsvImport *
import_text (Fixture    *fixture,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  CarnetCsvImport *import = import_bytes (fixture, text, strlen (text), CARNET_CSV_IMPORT_ACTIONS,
                                          &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
assert_refused (Fixture              *fixture,
                const char           *text,
                gsize                 len,
                CarnetCsvImportError  code,
                const char           *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCsvImport) import = import_bytes (fixture, text, len,
                                                    CARNET_CSV_IMPORT_ACTIONS, &error);

  g_assert_null (import);
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, (int)code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” is not in “%s”", message_part, error->message);
}

static const char *
cell (CarnetCsvImport *import,
      guint            line,
      const char      *header)
{
  for (guint i = 0; i < carnet_csv_import_get_n_columns (import); i++)
    if (strcmp (carnet_csv_import_get_header (import, i), header) == 0)
      return carnet_csv_import_get_cell (import, line, i);
  g_error ("No column “%s”", header);
}

static const char *
mapping (CarnetCsvImport *import,
         const char      *header)
{
  for (guint i = 0; i < carnet_csv_import_get_n_columns (import); i++)
    if (strcmp (carnet_csv_import_get_header (import, i), header) == 0)
      return carnet_csv_import_get_mapping (import, i);
  g_error ("No column “%s”", header);
}

static void
assert_problem (CarnetCsvImport *import,
                guint            line,
                const char      *part)
{
  const char *problem = carnet_csv_import_get_problem (import, line);

  if (problem == NULL || strstr (problem, part) == NULL)
    g_error ("Line %u: “%s” is not in “%s”", line, part, problem);
}

static void
add_commune (Fixture    *fixture,
             const char *insee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) commune = carnet_store_add_commune (fixture->store, insee, &error);

  g_assert_no_error (error);
}

/* One string per live action, every field an export shows. */
static GPtrArray *
dump_actions (CarnetStore *store)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = carnet_db_prepare (carnet_store_get_db (store),
                            "SELECT c.insee, c.name, p.number, p.title, a.uuid, a.number,"
                            " a.title, t.name, a.phase, a.status, a.maturity, a.priority, a.lead,"
                            " a.owner, a.referent, a.partners, a.start_planned, a.end_planned,"
                            " a.start_actual, a.end_actual, a.progress, a.cost_ht, a.cost_ttc,"
                            " a.in_ort, a.description"
                            " FROM actions a JOIN projects p ON p.uuid = a.project_uuid"
                            " JOIN communes c ON c.uuid = p.commune_uuid"
                            " LEFT JOIN themes t ON t.uuid = a.theme_uuid"
                            " WHERE a.deleted_at IS NULL ORDER BY a.uuid", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          g_string_append_printf (row, "%s|", text != NULL ? text : "∅");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_reset (stmt);
  return rows;
}

static char *
file_hash (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("absent");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static char *
db_hash (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *db = file_hash (fixture->path);
  g_autofree char *log = file_hash (wal);

  return g_strconcat (db, " ", log, NULL);
}

static guint
count (Fixture *fixture,
       GType    type)
{
  return carnet_store_count (fixture->store, type, NULL, NULL);
}

/* Reading */

static void
test_read_dialects (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) french = NULL;
  g_autoptr(CarnetCsvImport) rfc = NULL;
  g_autoptr(CarnetCsvImport) tabs = NULL;
  g_autoptr(CarnetCsvImport) commas = NULL;
  g_autoptr(CarnetCsvImport) semicolons = NULL;

  add_commune (fixture, "14047");

  french = import_text (fixture, BOM "Action;Coût HT (€);Commune\r\n"
                                 "Étude, phase 1;1 234,50;Bayeux\r\n");
  g_assert_cmpstr (carnet_csv_import_get_dialect (french), ==, "French (;)");
  g_assert_cmpstr (carnet_csv_import_get_encoding (french), ==, "UTF-8 with BOM");
  g_assert_cmpuint (carnet_csv_import_get_n_columns (french), ==, 3);
  g_assert_cmpstr (cell (french, 0, "Action"), ==, "Étude, phase 1");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (french), ==, 0);

  rfc = import_text (fixture, "Action,Coût HT (€),Commune\n"
                              "\"Étude; phase 1\",1234.50,Bayeux\n"
                              "Autre,\"1,234.50\",14047\n");
  g_assert_cmpstr (carnet_csv_import_get_dialect (rfc), ==, "RFC 4180 (,)");
  g_assert_cmpstr (carnet_csv_import_get_encoding (rfc), ==, "UTF-8");
  g_assert_cmpstr (cell (rfc, 0, "Action"), ==, "Étude; phase 1");
  g_assert_cmpstr (cell (rfc, 1, "Coût HT (€)"), ==, "1,234.50");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (rfc), ==, 0);

  /* The separator every line has as often, not the one the header has most. */
  commas = import_text (fixture, "Action;Budget (HT, hors subventions, €);Commune\n"
                                 "Étude;12;Bayeux\nTravaux;1 000,50;Bayeux\n");
  g_assert_cmpstr (carnet_csv_import_get_dialect (commas), ==, "French (;)");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (commas), ==, 0);
  semicolons = import_text (fixture, "Action,Commune\n\"Étude; lot 1; lot 2\",Bayeux\n");
  g_assert_cmpstr (carnet_csv_import_get_dialect (semicolons), ==, "RFC 4180 (,)");

  tabs = import_text (fixture, "Action\tCommune\tÉchéance\nÉtude; phase 1, lot 2\tBayeux\t"
                               "12/03/2026\n");
  g_assert_cmpstr (carnet_csv_import_get_dialect (tabs), ==, "tab-separated");
  g_assert_cmpstr (cell (tabs, 0, "Action"), ==, "Étude; phase 1, lot 2");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (tabs), ==, 0);
}

static void
test_read_encodings (Fixture       *fixture,
                     gconstpointer  data)
{
  /* “Échéance”, “Été à Bayeux”, “Coût 3 €” in Windows-1252 */
  static const char cp1252[] = "Action;\xc9" "ch\xe9" "ance;Commune\r\n"
                               "\xc9t\xe9 \xe0 Bayeux \x80\x92;12/03/2026;Bayeux\r\n";
  /* “Action<TAB>Commune\nÉté<TAB>Bayeux\n” in UTF-16LE with its mark, as Excel's “Unicode
   * text” */
  static const char utf16[] = "\xff\xfe" "A\0c\0t\0i\0o\0n\0\t\0C\0o\0m\0m\0u\0n\0e\0\n\0"
                              "\xc9\0t\0\xe9\0\t\0B\0a\0y\0e\0u\0x\0\n\0";
  g_autoptr(CarnetCsvImport) latin = NULL;
  g_autoptr(CarnetCsvImport) wide = NULL;
  g_autoptr(CarnetCsvImport) plain = NULL;

  add_commune (fixture, "14047");

  latin = import_bytes (fixture, cp1252, sizeof cp1252 - 1, CARNET_CSV_IMPORT_ACTIONS, NULL);
  g_assert_nonnull (latin);
  g_assert_cmpstr (carnet_csv_import_get_encoding (latin), ==, "Windows-1252");
  g_assert_cmpstr (carnet_csv_import_get_header (latin, 1), ==, "Échéance");
  g_assert_cmpstr (mapping (latin, "Échéance"), ==, "Due date");
  g_assert_cmpstr (cell (latin, 0, "Action"), ==, "Été à Bayeux €’");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (latin), ==, 0);

  wide = import_bytes (fixture, utf16, sizeof utf16 - 1, CARNET_CSV_IMPORT_ACTIONS, NULL);
  g_assert_nonnull (wide);
  g_assert_cmpstr (carnet_csv_import_get_encoding (wide), ==, "UTF-16");
  g_assert_cmpstr (carnet_csv_import_get_dialect (wide), ==, "tab-separated");
  g_assert_cmpstr (cell (wide, 0, "Action"), ==, "Été");

  plain = import_text (fixture, "Action;Commune\nÉté;Bayeux\n");
  g_assert_cmpstr (carnet_csv_import_get_encoding (plain), ==, "UTF-8");
  g_assert_cmpstr (cell (plain, 0, "Action"), ==, "Été");
}

static void
test_read_quotes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(CarnetCsvImport) mac = NULL;
  g_autoptr(CarnetCsvImport) excel = NULL;

  add_commune (fixture, "14047");

  /* Line 1 header; 2 blank; 3 a cell over three lines; 6; 7 blank cells only; 8. */
  import = import_text (fixture,
                        "Action;Commune;Description\r\n"
                        "\r\n"
                        "\"Démolition \"\"lot 1\"\"\";Bayeux;\"Ligne 1\r\nLigne 2\nLigne 3\"\r\n"
                        "Réunion ; Bayeux ; \"entre ; guillemets\" \r\n"
                        ";;\r\n"
                        "\"Texte\" après;Bayeux;");
  g_assert_cmpuint (carnet_csv_import_get_n_lines (import), ==, 3);
  g_assert_cmpuint (carnet_csv_import_get_line_number (import, 0), ==, 3);
  g_assert_cmpuint (carnet_csv_import_get_line_number (import, 1), ==, 6);
  g_assert_cmpuint (carnet_csv_import_get_line_number (import, 2), ==, 8);
  g_assert_cmpstr (cell (import, 0, "Action"), ==, "Démolition \"lot 1\"");
  g_assert_cmpstr (cell (import, 0, "Description"), ==, "Ligne 1\r\nLigne 2\nLigne 3");
  g_assert_cmpstr (cell (import, 1, "Action"), ==, "Réunion ");
  /* A space before an opening quote, as some tools write. */
  g_assert_cmpstr (cell (import, 1, "Description"), ==, "entre ; guillemets ");
  g_assert_cmpstr (cell (import, 2, "Action"), ==, "Texte après");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (import), ==, 0);
  g_assert_cmpstr (carnet_csv_import_get_label (import, 1), ==, "Réunion — Bayeux");

  /* Old Macs end lines with CR alone. */
  mac = import_text (fixture, "Action;Commune\r\"Un\rdeux\";Bayeux\rTrois;Bayeux\r");
  g_assert_cmpuint (carnet_csv_import_get_n_lines (mac), ==, 2);
  g_assert_cmpuint (carnet_csv_import_get_line_number (mac, 1), ==, 4);
  g_assert_cmpstr (cell (mac, 0, "Action"), ==, "Un\rdeux");

  /* Excel's “sep=” line says the separator: the header is line 2. */
  excel = import_text (fixture, "sep=,\r\nAction,Commune;x\r\nUn;deux,Bayeux\r\n");
  g_assert_cmpstr (carnet_csv_import_get_dialect (excel), ==, "RFC 4180 (,)");
  g_assert_cmpuint (carnet_csv_import_get_line_number (excel, 0), ==, 3);
  g_assert_cmpstr (cell (excel, 0, "Action"), ==, "Un;deux");
}

static void
test_read_formulas (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;

  add_commune (fixture, "14047");
  /* What carnet_export_csv() does to text a spreadsheet would run as a formula, undone. */
  import = import_text (fixture, "Action;Commune\n"
                                 "'=HYPERLINK(\"x\");Bayeux\n"
                                 "\"'-5 % de vacance\";Bayeux\n"
                                 "'@SUM(A1);Bayeux\n"
                                 "'+33 2 31;Bayeux\n"
                                 "'\tBoutique;Bayeux\n"
                                 "\"'\rLoyers\";Bayeux\n"
                                 "'Apostrophe gardée;Bayeux\n");
  g_assert_cmpstr (cell (import, 0, "Action"), ==, "=HYPERLINK(\"x\")");
  g_assert_cmpstr (cell (import, 1, "Action"), ==, "-5 % de vacance");
  g_assert_cmpstr (cell (import, 2, "Action"), ==, "@SUM(A1)");
  g_assert_cmpstr (cell (import, 3, "Action"), ==, "+33 2 31");
  g_assert_cmpstr (cell (import, 4, "Action"), ==, "\tBoutique");
  g_assert_cmpstr (cell (import, 5, "Action"), ==, "\rLoyers");
  g_assert_cmpstr (cell (import, 6, "Action"), ==, "'Apostrophe gardée");
}

static void
test_read_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char nul[] = "Action;Commune\nUn\0deux;Bayeux\n";
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GString) huge = NULL;
  g_autofree char *big_path = g_build_filename (fixture->dir, "big.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(CarnetCsvImport) many = NULL;
  int fd;

  assert_refused (fixture, nul, sizeof nul - 1, CARNET_CSV_IMPORT_ERROR_ENCODING,
                  "line 2 holds binary data (the byte 0x00)");
  assert_refused (fixture, LIT ("Action;Commune\nUn\x01;Bayeux\n"),
                  CARNET_CSV_IMPORT_ERROR_ENCODING, "binary data (the byte 0x01)");
  assert_refused (fixture, LIT ("\x7f" "ELF\x02\x01\x01"), CARNET_CSV_IMPORT_ERROR_ENCODING,
                  "binary");
  assert_refused (fixture, LIT ("Action;Commune\nUn \x81;Bayeux\n"),
                  CARNET_CSV_IMPORT_ERROR_ENCODING, "neither UTF-8 nor Windows-1252 (line 2");
  assert_refused (fixture, LIT (BOM "Action;Commune\n\xe9t\xe9;Bayeux\n"),
                  CARNET_CSV_IMPORT_ERROR_ENCODING, "says it is UTF-8 but line 2");
  assert_refused (fixture, LIT ("\xff\xfe" "A\0c\0t"), CARNET_CSV_IMPORT_ERROR_ENCODING, "UTF-16");
  assert_refused (fixture, LIT ("Action;Commune\nUn;Bayeux\n\"Deux;Bayeux\nTrois;Bayeux\n"),
                  CARNET_CSV_IMPORT_ERROR_SYNTAX, "The quote opened on line 3 is never closed");
  assert_refused (fixture, LIT ("\""), CARNET_CSV_IMPORT_ERROR_SYNTAX, "line 1 is never closed");
  assert_refused (fixture, LIT (""), CARNET_CSV_IMPORT_ERROR_SYNTAX, "This file is empty");
  assert_refused (fixture, LIT (BOM "\r\n;;;\r\n  \r\n"), CARNET_CSV_IMPORT_ERROR_SYNTAX, "empty");

  /* 10^6 columns */
  for (guint i = 0; i < 1000000; i++)
    g_string_append (wide, "a;");
  assert_refused (fixture, wide->str, wide->len, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                  "more than 1000 columns");
  /* … and as many cells on a data line: only whether they hold text matters. */
  g_string_prepend (wide, "Action;Commune\nUn;14047;");
  add_commune (fixture, "14047");
  many = import_bytes (fixture, wide->str, wide->len, CARNET_CSV_IMPORT_ACTIONS, &error);
  g_assert_no_error (error);
  assert_problem (many, 0, "more cells than the first line has columns: does a cell hold a "
                           "“;” outside quotes?");

  /* A huge line is fine. */
  huge = g_string_new ("Action;Commune\n");
  for (guint i = 0; i < 200000; i++)
    g_string_append (huge, "bla ");
  g_string_append (huge, ";Bayeux\n");
  import = import_bytes (fixture, huge->str, huge->len, CARNET_CSV_IMPORT_ACTIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_csv_import_get_n_problems (import), ==, 0);
  g_assert_cmpuint (strlen (carnet_csv_import_get_label (import, 0)), <, 400);

  /* A file over the size cap is refused before it is read (it is sparse here). */
  fd = g_open (big_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 65 * 1024 * 1024), ==, 0);
  g_close (fd, NULL);
  g_clear_error (&error);
  g_assert_null (carnet_csv_import_new (fixture->store, big_path, CARNET_CSV_IMPORT_ACTIONS,
                                        &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "up to 64 MB"));
  g_clear_error (&error);
  g_assert_null (carnet_csv_import_new (fixture->store, "/nonexistent/x.csv",
                                        CARNET_CSV_IMPORT_ACTIONS, &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_READ);
}

/* Columns */

static void
test_mapping (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(CarnetCsvImport) export = NULL;

  add_commune (fixture, "14047");
  import = import_text (fixture,
                        "N° fiche;INTITULÉ DE L'ACTION;code insee;Date de début;Date de fin;"
                        "Responsable;Budget (en €);Montant TTC;Avancement en %;État;Priorité;"
                        "Thématique;Élu·e référent·e;Partenaires;Commentaires;Budget (k€);"
                        "Intitulé;Colonne à moi;  \n"
                        "1.1;Étude;14047;;;;;;;;;;;;;;;;\n");
  g_assert_cmpstr (mapping (import, "N° fiche"), ==, "Number");
  g_assert_cmpstr (mapping (import, "INTITULÉ DE L'ACTION"), ==, "Title");
  g_assert_cmpstr (mapping (import, "code insee"), ==, "INSEE code");
  g_assert_cmpstr (mapping (import, "Date de début"), ==, "Planned start");
  g_assert_cmpstr (mapping (import, "Date de fin"), ==, "Due date");
  g_assert_cmpstr (mapping (import, "Responsable"), ==, "Lead");
  g_assert_cmpstr (mapping (import, "Budget (en €)"), ==, "Cost excl. VAT");
  g_assert_cmpstr (mapping (import, "Montant TTC"), ==, "Cost incl. VAT");
  g_assert_cmpstr (mapping (import, "Avancement en %"), ==, "Progress (%)");
  g_assert_cmpstr (mapping (import, "État"), ==, "Status");
  g_assert_cmpstr (mapping (import, "Priorité"), ==, "Priority");
  g_assert_cmpstr (mapping (import, "Thématique"), ==, "Theme");
  g_assert_cmpstr (mapping (import, "Élu·e référent·e"), ==, "Elected referent");
  g_assert_cmpstr (mapping (import, "Partenaires"), ==, "Partners");
  g_assert_cmpstr (mapping (import, "Commentaires"), ==, "Description");
  /* Thousands are not euros; a second title column is ignored; so is what Carnet does not
   * know. */
  g_assert_null (mapping (import, "Budget (k€)"));
  g_assert_null (mapping (import, "Intitulé"));
  g_assert_null (mapping (import, "Colonne à moi"));
  g_assert_null (carnet_csv_import_get_mapping (import, 18));

  /* Exactly what the CSV export writes. */
  export = import_text (fixture,
                        "Commune;Code INSEE;N° projet;Projet;N°;Action;Thème;Phase;Statut;"
                        "Maturité;Priorité;Pilote;Maître d'ouvrage;Élu référent;Partenaires;"
                        "Début prévu;Échéance;Début réel;Fin réelle;Avancement (%);"
                        "Coût HT (€);Coût TTC (€);Périmètre ORT;En retard;Description;"
                        "Identifiant\n");
  {
    const char *expected[] = {
      "Commune", "INSEE code", "Project number", "Project", "Number", "Title", "Theme", "Phase",
      "Status", "Maturity", "Priority", "Lead", "Project owner", "Elected referent", "Partners",
      "Planned start", "Due date", "Actual start", "Actual end", "Progress (%)",
      "Cost excl. VAT", "Cost incl. VAT", "In the ORT perimeter", NULL, "Description",
      "Identifier",
    };

    g_assert_cmpuint (carnet_csv_import_get_n_columns (export), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (carnet_csv_import_get_mapping (export, i), ==, expected[i]);
  }
}

static void
test_mapping_missing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) one = NULL;
  g_autoptr(GError) error = NULL;

  /* No column Carnet knows */
  assert_refused (fixture, LIT ("Foo;Bar\n1;2\n"), CARNET_CSV_IMPORT_ERROR_COLUMNS,
                  "has no column Carnet knows: its first line must name the columns, such as "
                  "“titre”, “commune”, “échéance”. Its first line: Foo, Bar");
  /* No title */
  assert_refused (fixture, LIT ("Commune;Échéance;\n"), CARNET_CSV_IMPORT_ERROR_COLUMNS,
                  "“test.csv” has no column for the title of the actions (“titre”, “intitulé”, "
                  "“action” or “libellé”). Its columns: Commune, Échéance, (no name)");
  /* No commune, and Carnet follows none, or two */
  assert_refused (fixture, LIT ("Titre;Échéance\n"), CARNET_CSV_IMPORT_ERROR_COLUMNS,
                  "has no column for the commune of the actions (“commune” or “code INSEE”)");
  add_commune (fixture, "14047");
  /* … or one: that one. */
  one = import_text (fixture, "Titre;Échéance\nÉtude;12/03/2026\n");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (one), ==, 0);
  g_assert_cmpstr (carnet_csv_import_get_label (one, 0), ==, "Étude — Bayeux");
  add_commune (fixture, "14431");
  assert_refused (fixture, LIT ("Titre;Échéance\n"), CARNET_CSV_IMPORT_ERROR_COLUMNS,
                  "Its columns: Titre, Échéance");
  assert_refused (fixture, LIT ("Échéance;Pilote\n"), CARNET_CSV_IMPORT_ERROR_COLUMNS,
                  "nor for their commune (“commune” or “code INSEE”)");
  g_assert_null (import_bytes (fixture, LIT ("Population;Région\n"), CARNET_CSV_IMPORT_COMMUNES,
                               &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_COLUMNS);
}

/* Lines */

static void
test_lines_problems (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;

  add_commune (fixture, "14047");
  import = import_text (fixture,
    "Titre;Commune;Date de fin;Budget;Thème;Statut;Avancement;Périmètre ORT;Code INSEE;"
    "Identifiant\n"
    "Bonne;Bayeux;12/03/2026;1 234,50;Santé;En cours;40 %;Oui;;\n"
    "Date;Bayeux;31/02/2026;;;;;;;\n"                                   /* line 3 */
    "Montant;Bayeux;;12 000 euros environ;;;;;;\n"
    "Thème;Bayeux;;;Tourisme;;;;;\n"
    "Statut;Bayeux;;;;Fini depuis longtemps;;;;\n"
    "Avancement;Bayeux;;;;;150;;;\n"
    " ;Bayeux;;;;;;;;\n"                                                /* line 8 */
    "Commune;Ville-qui-n-existe-pas;;;;;;;;\n"
    "Homonyme;Saint-Denis;;;;;;;;\n"
    "Code;;;;;;;;99999;\n"
    "Code court;;;;;;;;123;\n"
    "ORT;Bayeux;;;;;;peut-être;;\n"
    "Vide;;;;;;;;;\n"
    "Deux;Bayeux;30/02/2026;-5;;;;;;\n"                                 /* line 15 */
    "Id;Bayeux;;;;;;;;5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e9999\n"
    "Id bis;Bayeux;;;;;;;;5E1B6C2A-0B1D-4C55-9A51-3F1C2D8E9999\n"
    "Trop;Bayeux;;;;;;;;;en trop\n");

  g_assert_cmpuint (carnet_csv_import_get_n_lines (import), ==, 17);
  g_assert_null (carnet_csv_import_get_problem (import, 0));
  assert_problem (import, 1, "Date de fin: “31/02/2026” is not a date");
  g_assert_cmpuint (carnet_csv_import_get_line_number (import, 1), ==, 3);
  assert_problem (import, 2, "Budget: “12 000 euros environ” is not an amount");
  assert_problem (import, 3, "Thème: “Tourisme” is not a theme of Carnet (its themes: Santé et "
                             "accès aux soins, Mobilités");
  assert_problem (import, 4, "Statut: “Fini depuis longtemps” is not one of: En cours, En retard, "
                             "En pause, Bloqué, Abandonné, Terminé");
  assert_problem (import, 5, "Avancement: “150” is not a whole percentage from 0 to 100");
  assert_problem (import, 6, "Titre: empty: an action needs a title");
  assert_problem (import, 7, "Commune: no commune is named “Ville-qui-n-existe-pas”, in Carnet "
                             "or in the list of French communes");
  assert_problem (import, 8, "Commune: several communes are named “Saint-Denis” (11339 Aude, "
                             "30247 Gard, 93066 Seine-Saint-Denis, 97411 La Réunion): give the "
                             "INSEE code instead");
  assert_problem (import, 9, "Code INSEE: “99999” is not the INSEE code of a French commune");
  assert_problem (import, 10, "Code INSEE: “123” is not an INSEE code");
  assert_problem (import, 11, "Périmètre ORT: “peut-être” is neither yes nor no");
  assert_problem (import, 12, "Commune: empty: which commune is it?");
  /* Every problem of a line is told. */
  assert_problem (import, 13, "Date de fin: “30/02/2026” is not a date: write it like "
                              "12/03/2026 or 12 mars 2026; Budget: “-5” is not an amount");
  g_assert_null (carnet_csv_import_get_problem (import, 14));
  assert_problem (import, 15, "Identifiant: the same identifier as line 16");
  assert_problem (import, 16, "This line has more cells than the first line has columns");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (import), ==, 15);
  g_assert_cmpstr (carnet_csv_import_get_label (import, 6), ==, "(no title) — Bayeux");

  g_assert_false (carnet_csv_import_apply (import, NULL, &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_LINES);
  g_assert_nonnull (strstr (error->message, "Nothing was imported: 15 lines have a problem (the "
                                            "first, line 3: Date de fin: “31/02/2026”"));
}

static void
test_lines_accepted (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_added = 0;

  add_commune (fixture, "14047");
  import = import_text (fixture,
    "Titre;Commune;Département;Échéance;Statut;Thème;Priorité;Phase;Maturité;Budget;"
    "Avancement (%);ORT\n"
    "A;bayeux;;12/03/2026;TERMINÉ;sante;haute;Étude;Validée en comité;1.234,50;45,0;x\n"
    "B;1053;;2026-03-12;termine;Habitat;Basse;operation;mature;1234.5;0;non\n"
    "C;Bayeux (14047);;12 mars 2026;En pause;Friches et foncier;;;;12 000 €;100%;\n"
    "D;Saint-Denis (974);;12/03/2026 00:00;abandonnée;services-publics;;;;;;\n"
    "E;Saint-Denis;Seine-Saint-Denis;2026-03-12T00:00:00;Bloqué;NUMÉRIQUE;;;;;;\n"
    "F;St-Lô;;1er mars 2026;;;;;;;;\n"
    "G;14047 Bayeux;;;;;;;;;;\n");
  for (guint i = 0; i < carnet_csv_import_get_n_lines (import); i++)
    if (carnet_csv_import_get_problem (import, i) != NULL)
      g_error ("Line %u: %s", i, carnet_csv_import_get_problem (import, i));
  g_assert_cmpstr (carnet_csv_import_get_label (import, 1), ==, "B — Bourg-en-Bresse");
  g_assert_cmpstr (carnet_csv_import_get_label (import, 4), ==, "E — Saint-Denis");

  g_assert_true (carnet_csv_import_apply (import, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 7);

  rows = dump_actions (fixture->store);
  g_assert_cmpuint (rows->len, ==, 7);
  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (guint i = 0; i < rows->len; i++)
      g_string_append_printf (all, "%s\n", (char *)rows->pdata[i]);
#define HAS(s) if (strstr (all->str, s) == NULL) g_error ("“%s” not in\n%s", s, all->str)
    HAS ("|A|Santé et accès aux soins|etude|termine|validee|haute|||||∅|2026-03-12|∅|∅|45|123450|0|1|");
    HAS ("01053|Bourg-en-Bresse||Actions importées|");
    HAS ("|B|Habitat et logement|operation|termine|mature|basse|||||∅|2026-03-12|∅|∅|0|123450|0|0|");
    HAS ("|C|Friches et foncier|idee|en_pause|en_reflexion|moyenne|||||∅|2026-03-12|∅|∅|100|1200000|");
    HAS ("97411|Saint-Denis|");
    HAS ("|D|Services publics|idee|abandonne|");
    HAS ("93066|Saint-Denis|");
    HAS ("|E|Numérique|idee|bloque|");
    HAS ("50502|Saint-Lô|");
    HAS ("|F|∅|idee|en_cours|en_reflexion|moyenne|||||∅|2026-03-01|");
#undef HAS
  }
}

/* Applying */

static void
on_records_changed (CarnetStore *store,
                    GType        type,
                    GHashTable  *changed)
{
  g_hash_table_add (changed, GSIZE_TO_POINTER (type));
}

static void
test_apply_actions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(CarnetCsvImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GListModel) projects = NULL;
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autofree char *summary = NULL;
  guint n_added = 0;

  add_commune (fixture, "14047");
  commune = carnet_store_find (fixture->store, CARNET_TYPE_COMMUNE, "insee", "14047");
  project = fixture_add (fixture->store, CARNET_TYPE_PROJECT, "commune-uuid",
                         carnet_record_get_uuid (commune), "title", "Réhabilitation de la friche "
                         "Badin", NULL);
  actions = carnet_store_list (fixture->store, CARNET_TYPE_ACTION, NULL, NULL);
  projects = carnet_store_list (fixture->store, CARNET_TYPE_PROJECT, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 0);
  g_signal_connect (fixture->store, "records-changed", G_CALLBACK (on_records_changed), changed);

  import = import_text (fixture,
    "Commune;N° projet;Projet;N°;Action;Thème;Pilote;Maître d'ouvrage;Élu référent;"
    "Partenaires;Début prévu;Échéance;Début réel;Fin réelle;Description;Objectifs;"
    "Résultats attendus\n"
    "Bayeux;;REHABILITATION de la friche badin;1.1;Étude de sols;Friches;Marie;Commune;"
    "M. le maire;Ademe;01/01/2026;31/03/2026;02/01/2026;30/03/2026;Sols;Dépolluer;Un rapport\n"
    "Bayeux;2;Centre-ville;2.1;Manager de commerce;Commerce;;;;;;;;;;;\n"
    "Bayeux;2;centre ville;2.2;Boutique à l'essai;;;;;;;;;;;;\n"
    "Mézidon Vallée d'Auge;1;Place de la mairie;1.1;Travaux;Patrimoine;;;;;;;;;;;\n"
    "14431;;;;Sans projet;;;;;;;;;;;;\n");
  summary = carnet_csv_import_get_summary (import);
  g_assert_cmpstr (summary, ==, "5 actions to add\n3 new projects\n"
                                "1 new commune, from the list of French communes");
  g_clear_pointer (&summary, g_free);
  g_assert_cmpuint (g_hash_table_size (changed), ==, 0);

  g_assert_true (carnet_csv_import_apply (import, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 5);
  summary = carnet_csv_import_get_summary (import);
  g_assert_cmpstr (summary, ==, "5 actions added\n3 new projects\n"
                                "1 new commune, from the list of French communes");

  /* The store's lists followed. */
  g_assert_true (g_hash_table_contains (changed, GSIZE_TO_POINTER (CARNET_TYPE_ACTION)));
  g_assert_true (g_hash_table_contains (changed, GSIZE_TO_POINTER (CARNET_TYPE_PROJECT)));
  g_assert_true (g_hash_table_contains (changed, GSIZE_TO_POINTER (CARNET_TYPE_COMMUNE)));
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 4);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_COMMUNE), ==, 2);
  /* The project already there was found, accents and case aside. */
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, "project-uuid",
                                        carnet_record_get_uuid (project)), ==, 1);
  {
    g_autoptr(CarnetRecord) action = carnet_store_find (fixture->store, CARNET_TYPE_ACTION,
                                                        "title", "Étude de sols");
    g_autoptr(CarnetRecord) centre = carnet_store_find (fixture->store, CARNET_TYPE_PROJECT,
                                                        "title", "Centre-ville");
    g_autoptr(CarnetRecord) other = carnet_store_find (fixture->store, CARNET_TYPE_PROJECT,
                                                       "title", "Actions importées");

    g_assert_cmpstr (carnet_record_get_string (action, "lead"), ==, "Marie");
    g_assert_cmpstr (carnet_record_get_string (action, "owner"), ==, "Commune");
    g_assert_cmpstr (carnet_record_get_string (action, "referent"), ==, "M. le maire");
    g_assert_cmpstr (carnet_record_get_string (action, "partners"), ==, "Ademe");
    g_assert_cmpstr (carnet_record_get_string (action, "start-planned"), ==, "2026-01-01");
    g_assert_cmpstr (carnet_record_get_string (action, "end-planned"), ==, "2026-03-31");
    g_assert_cmpstr (carnet_record_get_string (action, "start-actual"), ==, "2026-01-02");
    g_assert_cmpstr (carnet_record_get_string (action, "end-actual"), ==, "2026-03-30");
    g_assert_cmpstr (carnet_record_get_string (action, "description"), ==, "Sols");
    g_assert_cmpstr (carnet_record_get_string (action, "objectives"), ==, "Dépolluer");
    g_assert_cmpstr (carnet_record_get_string (action, "expected-results"), ==, "Un rapport");
    g_assert_cmpstr (carnet_record_get_string (action, "number"), ==, "1.1");
    /* A new project takes the number and the theme of its first action. */
    g_assert_nonnull (centre);
    g_assert_cmpstr (carnet_record_get_string (centre, "number"), ==, "2");
    g_assert_cmpstr (carnet_record_get_string (centre, "theme-uuid"), ==,
                     "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003");
    g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, "project-uuid",
                                          carnet_record_get_uuid (centre)), ==, 2);
    g_assert_nonnull (other);
  }

  /* Once is enough. */
  g_assert_false (carnet_csv_import_apply (import, NULL, &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_FAILED);
}

static void
test_apply_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_commune (fixture, "14047");
  import = import_text (fixture, "Commune;Action;Échéance\n"
                                 "Bayeux;Une;12/03/2026\n"
                                 "Vire Normandie;Deux;12/03/2026\n"
                                 "Bayeux;Trois;31/02/2026\n");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (import), ==, 1);
  before = db_hash (fixture);
  g_assert_false (carnet_csv_import_apply (import, NULL, &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_LINES);
  g_assert_nonnull (strstr (error->message, "Nothing was imported: 1 line has a problem "
                                            "(line 4: Échéance: “31/02/2026”"));
  after = db_hash (fixture);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_ACTION), ==, 0);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_COMMUNE), ==, 1);
}

/* A line that could be imported when the file was read, and no more when it is applied: the
 * lines before it are rolled back, and the store shows none of them. */
static void
test_apply_rollback (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GListModel) communes = NULL;
  g_autoptr(CarnetRecord) theme = NULL;

  add_commune (fixture, "14047");
  actions = carnet_store_list (fixture->store, CARNET_TYPE_ACTION, NULL, NULL);
  communes = carnet_store_list (fixture->store, CARNET_TYPE_COMMUNE, NULL, NULL);
  import = import_text (fixture, "Commune;Action;Thème\n"
                                 "Vire Normandie;Une;Santé\n"
                                 "Bayeux;Deux;Numérique\n");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (import), ==, 0);

  theme = carnet_store_get (fixture->store, CARNET_TYPE_THEME, NUMERIQUE, &error);
  g_assert_no_error (error);
  carnet_store_delete_theme (fixture->store, theme, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (carnet_csv_import_apply (import, NULL, &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_LINES);
  g_assert_nonnull (strstr (error->message, "Carnet changed since the file was read, and line 3"));
  g_assert_cmpuint (count (fixture, CARNET_TYPE_ACTION), ==, 0);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_PROJECT), ==, 0);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_COMMUNE), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (communes), ==, 1);
}

static void
test_apply_communes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(CarnetCsvImport) anct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) vire = NULL;
  g_autofree char *summary = NULL;
  guint n_added = 0;

  add_commune (fixture, "14047");
  import = import_bytes (fixture, LIT (
                         "Commune;Convention PVD;Notes\n"
                         "Bayeux;;Déjà là\n"
                         "Vire Normandie;12/03/2021;Chef-lieu\n"
                         "mezidon vallee d'auge;;\n"
                         "Saint-Denis;;\n"
                         "14762;;\n"
                         "Nulle-Part;;\n"), CARNET_CSV_IMPORT_COMMUNES, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_csv_import_get_label (import, 1), ==, "Vire Normandie (14762)");
  g_assert_cmpstr (carnet_csv_import_get_note (import, 0), ==, "Already in Carnet: left out");
  assert_problem (import, 3, "several communes are named “Saint-Denis”");
  g_assert_cmpstr (carnet_csv_import_get_note (import, 4), ==,
                   "The same commune as line 3: left out");
  assert_problem (import, 5, "no commune is named “Nulle-Part”");
  g_assert_false (carnet_csv_import_apply (import, NULL, &error));
  g_assert_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_LINES);
  g_clear_error (&error);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_COMMUNE), ==, 1);

  /* The ANCT's list of the programme's communes. */
  anct = import_bytes (fixture, LIT (
                       "insee_com,lib_com,id_pvd,date_signature\n"
                       "14047,Bayeux,PVD-1,2021-03-12\n"
                       "14762,Vire Normandie,PVD-2,2021-03-12\n"
                       "14431,Mézidon Vallée d'Auge,PVD-3,2021-05-20\n"
                       "14762,Vire Normandie,PVD-2,2021-03-12\n"),
                       CARNET_CSV_IMPORT_COMMUNES, &error);
  g_assert_no_error (error);
  g_assert_null (mapping (anct, "id_pvd"));
  g_assert_cmpstr (mapping (anct, "date_signature"), ==, "PVD convention");
  g_assert_cmpuint (carnet_csv_import_get_n_problems (anct), ==, 0);
  g_assert_cmpuint (carnet_csv_import_get_n_skipped (anct), ==, 2);
  summary = carnet_csv_import_get_summary (anct);
  g_assert_cmpstr (summary, ==, "2 communes to add\n"
                                "2 communes already in Carnet or repeated, left out");
  g_assert_true (carnet_csv_import_apply (anct, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 2);
  g_assert_cmpuint (count (fixture, CARNET_TYPE_COMMUNE), ==, 3);
  vire = carnet_store_find (fixture->store, CARNET_TYPE_COMMUNE, "insee", "14762");
  g_assert_cmpstr (carnet_record_get_string (vire, "name"), ==, "Vire Normandie");
  g_assert_cmpstr (carnet_record_get_string (vire, "pvd-date"), ==, "2021-03-12");
  g_assert_cmpstr (carnet_record_get_string (vire, "epci-name"), !=, "");
  g_assert_cmpint (carnet_record_get_int (vire, "population"), >, 10000);
}

/* What Carnet exports, another Carnet reads back whole. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  CarnetCsvDialect dialect = GPOINTER_TO_INT (data);
  const CarnetExportOptions options = { NULL, NULL, FIXTURE_TODAY, FIXTURE_NOW };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(CarnetCsvImport) again = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CarnetStore) fresh = NULL;
  guint n_added = 0;

  fixture_fill (fixture->store);
  g_assert_true (carnet_export_csv (fixture->store, &options, CARNET_CSV_ACTIONS, dialect, stream,
                                    NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  exported = dump_actions (fixture->store);
  g_assert_cmpuint (exported->len, ==, FIXTURE_N_ACTIONS);

  dir = g_build_filename (fixture->dir, "fresh", NULL);
  g_mkdir (dir, 0700);
  path = g_build_filename (dir, "carnet.db", NULL);
  fresh = carnet_store_open (path, &error);
  g_assert_no_error (error);
  import = carnet_csv_import_new_from_bytes (fresh, bytes, "actions.csv",
                                             CARNET_CSV_IMPORT_ACTIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_csv_import_get_dialect (import), ==,
                   dialect == CARNET_CSV_FRENCH ? "French (;)" : "RFC 4180 (,)");
  g_assert_cmpuint (carnet_csv_import_get_n_lines (import), ==, FIXTURE_N_ACTIONS);
  for (guint i = 0; i < carnet_csv_import_get_n_lines (import); i++)
    if (carnet_csv_import_get_problem (import, i) != NULL)
      g_error ("Line %u: %s", i, carnet_csv_import_get_problem (import, i));
  g_assert_true (carnet_csv_import_apply (import, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, FIXTURE_N_ACTIONS);

  /* Everything the export shows comes back, identifiers included. */
  imported = dump_actions (fresh);
  g_assert_cmpuint (imported->len, ==, exported->len);
  for (guint i = 0; i < exported->len; i++)
    g_assert_cmpstr (imported->pdata[i], ==, exported->pdata[i]);

  /* Read again, every action is already there. */
  again = carnet_csv_import_new_from_bytes (fresh, bytes, "actions.csv",
                                            CARNET_CSV_IMPORT_ACTIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carnet_csv_import_get_n_skipped (again), ==, FIXTURE_N_ACTIONS);
  g_assert_cmpstr (carnet_csv_import_get_note (again, 0), ==,
                   "Already in Carnet (same identifier): left out");
  g_assert_true (carnet_csv_import_apply (again, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (carnet_store_count (fresh, CARNET_TYPE_ACTION, NULL, NULL), ==,
                    FIXTURE_N_ACTIONS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-csv/read/dialects", test_read_dialects);
  ADD ("/import-csv/read/encodings", test_read_encodings);
  ADD ("/import-csv/read/quotes", test_read_quotes);
  ADD ("/import-csv/read/formulas", test_read_formulas);
  ADD ("/import-csv/read/refused", test_read_refused);
  ADD ("/import-csv/columns/mapping", test_mapping);
  ADD ("/import-csv/columns/missing", test_mapping_missing);
  ADD ("/import-csv/lines/problems", test_lines_problems);
  ADD ("/import-csv/lines/accepted", test_lines_accepted);
  ADD ("/import-csv/apply/actions", test_apply_actions);
  ADD ("/import-csv/apply/refused", test_apply_refused);
  ADD ("/import-csv/apply/rollback", test_apply_rollback);
  ADD ("/import-csv/apply/communes", test_apply_communes);
#undef ADD
  g_test_add ("/import-csv/round-trip/french", Fixture, GINT_TO_POINTER (CARNET_CSV_FRENCH),
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/import-csv/round-trip/rfc4180", Fixture, GINT_TO_POINTER (CARNET_CSV_RFC4180),
              fixture_set_up, test_round_trip, fixture_tear_down);
  return g_test_run ();
}
