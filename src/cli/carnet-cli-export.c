/* carnet-cli-export.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-cli-export.h"
#include "carnet-export-csv.h"
#include "carnet-export-json.h"
#include "carnet-format.h"
#include "carnet-report.h"

/* carnet-cli export --format pdf|csv|json -o FILE: the summaries a chef de projet sends to a
 * comité de pilotage, the préfecture or ANCT, and the JSON another Carnet reads back. The
 * file is replaced only when the export succeeds: on any error nothing is written. */

typedef struct
{
  char  *db_path;
  char  *format;
  char  *what;
  char  *dialect;
  char **communes;
  char  *theme;
  char  *date;
  char  *output;
} ExportOptions;

typedef enum
{
  FORMAT_PDF,
  FORMAT_CSV,
  FORMAT_JSON,
} Format;

static void
clear_options (ExportOptions *opts)
{
  g_clear_pointer (&opts->db_path, g_free);
  g_clear_pointer (&opts->format, g_free);
  g_clear_pointer (&opts->what, g_free);
  g_clear_pointer (&opts->dialect, g_free);
  g_clear_pointer (&opts->communes, g_strfreev);
  g_clear_pointer (&opts->theme, g_free);
  g_clear_pointer (&opts->date, g_free);
  g_clear_pointer (&opts->output, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, clear_options)

static gboolean
parse_format (const char *name,
              Format     *format)
{
  const char *names[] = { "pdf", "csv", "json" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (lower, names[i]) == 0)
      {
        *format = (Format)i;
        return TRUE;
      }
  return FALSE;
}

/* --format, or else the extension of the output file. */
static int
choose_format (CliContext    *cli,
               ExportOptions *opts,
               Format        *format)
{
  const char *dot;

  if (opts->format != NULL)
    {
      if (!parse_format (opts->format, format))
        return cli_usage_error (cli, _("Unknown format “%s”: give pdf, csv or json"), opts->format);
      return CLI_OK;
    }
  dot = strrchr (opts->output, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL && parse_format (dot + 1, format))
    return CLI_OK;
  return cli_usage_error (cli, _("The format is missing: give --format pdf, csv or json"));
}

static int
choose_csv (CliContext       *cli,
            ExportOptions    *opts,
            CarnetCsvContent *content,
            CarnetCsvDialect *dialect)
{
  *content = CARNET_CSV_ACTIONS;
  *dialect = CARNET_CSV_FRENCH;

  if (opts->what == NULL || g_ascii_strcasecmp (opts->what, "actions") == 0)
    *content = CARNET_CSV_ACTIONS;
  else if (g_ascii_strcasecmp (opts->what, "funding") == 0)
    *content = CARNET_CSV_FUNDING_LINES;
  else if (g_ascii_strcasecmp (opts->what, "observations") == 0)
    *content = CARNET_CSV_OBSERVATIONS;
  else
    return cli_usage_error (cli, _("Unknown content “%s”: give actions, funding or observations"),
                            opts->what);

  if (opts->dialect == NULL || g_ascii_strcasecmp (opts->dialect, "french") == 0)
    *dialect = CARNET_CSV_FRENCH;
  else if (g_ascii_strcasecmp (opts->dialect, "rfc4180") == 0)
    *dialect = CARNET_CSV_RFC4180;
  else
    return cli_usage_error (cli, _("Unknown dialect “%s”: give french or rfc4180"), opts->dialect);
  return CLI_OK;
}

/* The INSEE codes of every --commune, commas splitting them too. */
static GStrv
split_communes (ExportOptions *opts)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; opts->communes != NULL && opts->communes[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (opts->communes[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (*parts[j] != '\0')
            g_strv_builder_add (builder, parts[j]);
        }
    }
  return g_strv_builder_end (builder);
}

static int
check_options (CliContext    *cli,
               ExportOptions *opts,
               Format         format)
{
  if (format != FORMAT_CSV && opts->what != NULL)
    return cli_usage_error (cli, _("--what is only for the csv format"));
  if (format != FORMAT_CSV && opts->dialect != NULL)
    return cli_usage_error (cli, _("--dialect is only for the csv format"));
  if (format == FORMAT_JSON && opts->theme != NULL)
    return cli_usage_error (cli, _("The JSON export carries whole communes: --theme is only for "
                                   "pdf and csv"));
  if (opts->communes != NULL)
    for (guint i = 0; opts->communes[i] != NULL; i++)
      if (!g_utf8_validate (opts->communes[i], -1, NULL))
        return cli_usage_error (cli, _("--commune must be valid UTF-8 text"));
  return CLI_OK;
}

static int
run_export (CliContext    *cli,
            ExportOptions *opts)
{
  CarnetExportOptions options = { NULL, NULL, NULL, NULL };
  CarnetCsvContent content = CARNET_CSV_ACTIONS;
  CarnetCsvDialect dialect = CARNET_CSV_FRENCH;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_auto(GStrv) communes = NULL;
  Format format = FORMAT_PDF;
  int status;

  if (opts->output == NULL || *opts->output == '\0')
    return cli_usage_error (cli, _("The output file is missing: give -o FILE"));
  if ((status = choose_format (cli, opts, &format)) != CLI_OK)
    return status;
  if ((status = check_options (cli, opts, format)) != CLI_OK)
    return status;
  if (format == FORMAT_CSV && (status = choose_csv (cli, opts, &content, &dialect)) != CLI_OK)
    return status;
  if (opts->date != NULL && (!carnet_parse_date (opts->date, &today, &error) || today == NULL))
    return cli_usage_error (cli, "%s", error != NULL ? error->message : _("The date is empty"));

  communes = split_communes (opts);
  options.communes = communes[0] != NULL ? (const char * const *)communes : NULL;
  options.theme = opts->theme;
  options.today = today;

  switch (format)
    {
    case FORMAT_PDF:
      {
        g_autoptr(CarnetReport) report = carnet_report_new (cli->store, &options, &error);

        if (report == NULL || !carnet_report_write_pdf (report, opts->output, &error))
          return cli_fail (error);
      }
      break;
    case FORMAT_CSV:
      if (!carnet_export_csv_to_file (cli->store, &options, content, dialect, opts->output, &error))
        return cli_fail (error);
      break;
    case FORMAT_JSON:
      if (!carnet_export_json_to_file (cli->store, &options, opts->output, &error))
        return cli_fail (error);
      break;
    default:
      g_assert_not_reached ();
    }
  return CLI_OK;
}

static GOptionContext *
option_context (CliContext    *cli,
                ExportOptions *opts)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opts->db_path,
      N_("Use the database FILE instead of Carnet’s own"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &opts->format,
      N_("What to write: pdf (a summary report), csv (a spreadsheet) or json (everything, to "
         "read back); by default, the output file’s extension"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opts->output,
      N_("The file to write; a file already there is replaced only if the export succeeds"),
      N_("FILE") },
    { "what", 0, 0, G_OPTION_ARG_STRING, &opts->what,
      N_("For csv: actions (the default), funding or observations"), N_("WHAT") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &opts->dialect,
      N_("For csv: french (the default: “;”, decimal comma, 12/03/2026, for French "
         "spreadsheets) or rfc4180 (“,”, decimal point, 2026-03-12)"), N_("DIALECT") },
    { "commune", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opts->communes,
      N_("Only this commune, by its INSEE code (may be repeated, or codes separated by "
         "commas); by default every commune"), N_("INSEE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &opts->theme,
      N_("For pdf and csv: only this theme, by its short name (see “carnet-cli theme list”)"),
      N_("THEME") },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &opts->date,
      N_("The day the export is made for: what is overdue, which walks are recent (default: "
         "today)"), N_("DATE") },
    G_OPTION_ENTRY_NULL
  };

  return cli_option_context_new (cli, entries);
}

/* Its options are its own (CLI_OPT_OWN), so that --commune may be repeated. */
int
cli_export (CliContext  *cli,
            char       **args)
{
  g_auto(ExportOptions) opts = { NULL, };
  g_autoptr(GOptionContext) context = option_context (cli, &opts);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse_strv (context, &args, &error))
    return cli_usage_error (cli, "%s", error->message);
  if (args[1] != NULL)
    return cli_usage_error (cli, _("Unexpected argument “%s”"), args[1]);

  cli->store = carnet_store_open (opts.db_path != NULL ? opts.db_path : cli->db_path, &error);
  if (cli->store == NULL)
    return cli_fail (error);
  return run_export (cli, &opts);
}
