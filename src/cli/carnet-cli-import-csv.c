/* carnet-cli-import-csv.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-cli-import-csv.h"
#include "carnet-import-csv.h"

/* carnet-cli import-csv [--communes] [--dry-run] FILE: the spreadsheet a chef de projet kept
 * before Carnet. What Carnet understood of the file comes first (its dialect, its encoding,
 * what each column is read into), then the lines it cannot import, as a compiler names them
 * (“actions.csv, line 7: …”), then what was, or would be, added. Either every line is
 * imported or none is. */

typedef struct
{
  char     *db_path;
  gboolean  communes;
  gboolean  dry_run;
} ImportOptions;

static void
clear_options (ImportOptions *opts)
{
  g_clear_pointer (&opts->db_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportOptions, clear_options)

/* On one line: a cell quoted in a problem may hold line breaks. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text);

  g_strdelimit (copy, "\r\n\t", ' ');
  return copy;
}

static void
print_header (CarnetCsvImport *import,
              const char      *name)
{
  guint n_lines = carnet_csv_import_get_n_lines (import);
  guint n_columns = carnet_csv_import_get_n_columns (import);

  /* Translators: the file's name, its dialect (“français (;)”), its encoding, and its count
   * of lines */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %s, %s, %u line\n", "%s: %s, %s, %u lines\n",
                        n_lines),
           name, carnet_csv_import_get_dialect (import), carnet_csv_import_get_encoding (import),
           n_lines);
  g_print ("%s\n", _("Columns:"));
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *header = one_line (carnet_csv_import_get_header (import, i));
      const char *mapping = carnet_csv_import_get_mapping (import, i);

      g_strstrip (header);
      /* Translators: a column of the file, and the field it is read into */
      g_print (_("  %s → %s\n"),
               *header != '\0' ? header : C_("spreadsheet column", "(no name)"),
               mapping != NULL ? mapping : _("(ignored)"));
    }
}

/* The problems on stderr, the notes on stdout. */
static void
print_lines (CarnetCsvImport *import,
             const char      *name)
{
  for (guint i = 0; i < carnet_csv_import_get_n_lines (import); i++)
    {
      const char *problem = carnet_csv_import_get_problem (import, i);
      const char *note = carnet_csv_import_get_note (import, i);
      guint line = carnet_csv_import_get_line_number (import, i);

      if (problem != NULL)
        {
          g_autofree char *text = one_line (problem);

          /* Translators: a line of a spreadsheet that cannot be imported: the file's name,
           * the line's number, what is wrong */
          g_printerr (_("%s, line %u: %s\n"), name, line, text);
        }
      else if (note != NULL)
        g_print (_("%s, line %u: %s\n"), name, line, note);
    }
}

static int
run_import (CliContext    *cli,
            ImportOptions *opts,
            const char    *path)
{
  g_autoptr(CarnetCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *summary = NULL;
  CarnetCsvImportKind kind = opts->communes ? CARNET_CSV_IMPORT_COMMUNES :
                                              CARNET_CSV_IMPORT_ACTIONS;

  import = carnet_csv_import_new (cli->store, path, kind, &error);
  if (import == NULL)
    return cli_fail (error);

  print_header (import, name);
  print_lines (import, name);
  if (carnet_csv_import_get_n_problems (import) > 0)
    {
      summary = carnet_csv_import_get_summary (import);
      g_print ("%s\n", summary);
      carnet_csv_import_apply (import, NULL, &error);
      return cli_fail (error);
    }
  if (opts->dry_run)
    {
      summary = carnet_csv_import_get_summary (import);
      g_print ("%s\n%s\n", summary, _("Dry run: nothing was written"));
      return CLI_OK;
    }
  if (!carnet_csv_import_apply (import, NULL, &error))
    return cli_fail (error);
  summary = carnet_csv_import_get_summary (import);
  g_print ("%s\n", summary);
  return CLI_OK;
}

static GOptionContext *
option_context (CliContext    *cli,
                ImportOptions *opts)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opts->db_path,
      N_("Use the database FILE instead of Carnet’s own"), N_("FILE") },
    { "communes", 0, 0, G_OPTION_ARG_NONE, &opts->communes,
      N_("The file lists communes to add (a column “code INSEE” or “commune”), not "
         "actions"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opts->dry_run,
      N_("Check every line and tell what would be added, without writing anything"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return cli_option_context_new (cli, entries);
}

/* Its options are its own (CLI_OPT_OWN), as export's are. */
int
cli_import_csv (CliContext  *cli,
                char       **args)
{
  g_auto(ImportOptions) opts = { NULL, FALSE, FALSE };
  g_autoptr(GOptionContext) context = option_context (cli, &opts);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse_strv (context, &args, &error))
    return cli_usage_error (cli, "%s", error->message);
  if (args[1] == NULL)
    return cli_usage_error (cli, _("The file to import is missing"));
  if (args[2] != NULL)
    return cli_usage_error (cli, _("Unexpected argument “%s”"), args[2]);

  if (opts.db_path != NULL)
    g_set_str (&cli->db_path, opts.db_path);
  cli->store = carnet_store_open (cli->db_path, &error);
  if (cli->store == NULL)
    return cli_fail (error);
  if (!opts.dry_run)
    cli_backup_auto (cli);
  return run_import (cli, &opts, args[1]);
}
