/* carnet-cli-import.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-cli-import.h"
#include "carnet-import.h"

/* carnet-cli import [--merge] [--dry-run] FILE…: JSON exports read back, into an empty
 * database or merged into one with data; a regional coordinator gives the exports of every
 * chef de projet at once. Either every file is imported or none is. */

typedef struct
{
  char     *db_path;
  gboolean  merge;
  gboolean  dry_run;
} ImportOptions;

static GOptionContext *
option_context (CliContext    *cli,
                ImportOptions *opts)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opts->db_path,
      N_("Use the database FILE instead of Carnet’s own"), N_("FILE") },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &opts->merge,
      N_("Merge into a database that has data: records are matched by identifier and the "
         "most recently changed copy wins"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opts->dry_run,
      N_("Check the files and tell what the import would do, without saving anything"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return cli_option_context_new (cli, entries);
}

/* Its options are its own (CLI_OPT_OWN), so that --merge and --dry-run are only here. */
int
cli_import (CliContext  *cli,
            char       **args)
{
  ImportOptions opts = { NULL, FALSE, FALSE };
  g_autoptr(GOptionContext) context = option_context (cli, &opts);
  g_autoptr(CarnetImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *text = NULL;
  CarnetImportFlags flags = CARNET_IMPORT_NONE;
  gboolean parsed;

  parsed = g_option_context_parse_strv (context, &args, &error);
  db_path = opts.db_path;
  if (!parsed)
    return cli_usage_error (cli, "%s", error->message);
  if (args[1] == NULL)
    return cli_usage_error (cli, _("The files to import are missing: give one or more JSON "
                                   "exports"));

  /* A database named here is like one named before the command: no daily backup of it. */
  if (db_path != NULL)
    {
      g_free (cli->db_path);
      cli->db_path = g_steal_pointer (&db_path);
    }
  cli->store = carnet_store_open (cli->db_path, &error);
  if (cli->store == NULL)
    return cli_fail (error);
  if (!opts.dry_run)
    cli_backup_auto (cli);

  if (opts.merge)
    flags |= CARNET_IMPORT_MERGE;
  if (opts.dry_run)
    flags |= CARNET_IMPORT_DRY_RUN;
  report = carnet_import_json (cli->store, (const char * const *)args + 1, flags, NULL, &error);
  if (report == NULL)
    return cli_fail (error);
  text = carnet_import_report_to_text (report);
  g_print ("%s", text);
  return CLI_OK;
}
