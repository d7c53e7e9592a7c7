/* carnet-cli.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "carnet-cli-export.h"
#include "carnet-cli-import.h"
#include "carnet-cli-import-csv.h"
#include "carnet-cli-private.h"

/* carnet-cli NOUN VERB [ARGUMENT…]: the command line reads like the app's sidebar (communes,
 * projects, actions) followed by what to do. Options are parsed in two steps: the global
 * ones up to the command, then the command's own, so that `--help` can answer at each level. */

/* Translators: the usage lines name the command words (commune, add…) as they are typed:
 * keep them in English; translate only the words in capitals. */
static const CliCommand commands[] = {
  { "reference", "search", N_("TEXT…"),
    N_("Search the list of French communes (columns: INSEE, name, département, EPCI, population)"),
    N_("TEXT is the start of a name, accents optional, an INSEE code or a postcode."),
    CLI_OPT_LIMIT | CLI_OPT_JSON, 1, -1, FALSE, cli_reference_search },
  { "commune", "add", N_("QUERY…"),
    N_("Add communes from the list of French communes"),
    N_("Each QUERY is an INSEE code or a name, accents optional (quote names with spaces). "
       "A name that several communes share is refused: give their INSEE code instead. "
       "Either every commune is added or none is."),
    0, 1, -1, TRUE, cli_commune_add },
  { "commune", "list", "",
    N_("List the communes (columns: UUID, INSEE, name, département, EPCI, population)"), NULL,
    CLI_OPT_JSON, 0, 0, TRUE, cli_commune_list },
  { "commune", "show", N_("INSEE"), N_("Show every field of a commune"), NULL,
    CLI_OPT_JSON, 1, 1, TRUE, cli_record_show },
  { "commune", "update", N_("INSEE --set FIELD=VALUE…"), N_("Change fields of a commune"),
    N_("“carnet-cli fields commune” lists the fields. Dates are written 12/03/2026 or "
       "12 mars 2026. Either every change is saved or none is."),
    CLI_OPT_SET, 1, 1, TRUE, cli_record_update },
  { "commune", "delete", N_("INSEE"), N_("Delete a commune, with its projects and actions"),
    NULL, 0, 1, 1, TRUE, cli_record_delete },
  { "project", "add", N_("--commune INSEE --title TITLE [--set FIELD=VALUE…]"),
    N_("Add a project to a commune"),
    N_("“carnet-cli fields project” lists the fields. Dates are written 12/03/2026 or "
       "12 mars 2026, amounts 1 234,50. Prints the new project, its UUID first."),
    CLI_OPT_COMMUNE | CLI_OPT_TITLE | CLI_OPT_SET, 0, 0, TRUE, cli_fiche_add },
  { "project", "list", N_("[--commune INSEE]"),
    N_("List the projects (columns: UUID, commune, number, title, phase, status)"), NULL,
    CLI_OPT_COMMUNE | CLI_OPT_JSON, 0, 0, TRUE, cli_project_list },
  { "project", "show", N_("UUID"), N_("Show every field of a project"), NULL,
    CLI_OPT_JSON, 1, 1, TRUE, cli_record_show },
  { "project", "update", N_("UUID --set FIELD=VALUE…"), N_("Change fields of a project"),
    N_("“carnet-cli fields project” lists the fields. Dates are written 12/03/2026 or "
       "12 mars 2026, amounts 1 234,50. Either every change is saved or none is."),
    CLI_OPT_SET | CLI_OPT_TITLE, 1, 1, TRUE, cli_record_update },
  { "project", "delete", N_("UUID"), N_("Delete a project, with its actions"), NULL,
    0, 1, 1, TRUE, cli_record_delete },
  { "action", "add", N_("--project UUID --title TITLE [--set FIELD=VALUE…]"),
    N_("Add an action to a project"),
    N_("“carnet-cli fields action” lists the fields. Dates are written 12/03/2026 or "
       "12 mars 2026, amounts 1 234,50. Prints the new action, its UUID first."),
    CLI_OPT_PROJECT | CLI_OPT_TITLE | CLI_OPT_SET, 0, 0, TRUE, cli_fiche_add },
  { "action", "list", N_("[--project UUID] [--commune INSEE] [--search TEXT]"),
    N_("List the actions (columns: UUID, project, number, title, status, due date)"),
    N_("--search finds the actions whose number, title, description, objectives, expected "
       "results, lead or partners hold every word of TEXT, or a word that starts with it, "
       "ignoring accents and case."),
    CLI_OPT_PROJECT | CLI_OPT_COMMUNE | CLI_OPT_SEARCH | CLI_OPT_JSON, 0, 0, TRUE,
    cli_action_list },
  { "action", "show", N_("UUID"), N_("Show every field of an action"), NULL,
    CLI_OPT_JSON, 1, 1, TRUE, cli_record_show },
  { "action", "update", N_("UUID --set FIELD=VALUE…"), N_("Change fields of an action"),
    N_("“carnet-cli fields action” lists the fields. Dates are written 12/03/2026 or "
       "12 mars 2026, amounts 1 234,50. Either every change is saved or none is."),
    CLI_OPT_SET | CLI_OPT_TITLE, 1, 1, TRUE, cli_record_update },
  { "action", "delete", N_("UUID"), N_("Delete an action"), NULL,
    0, 1, 1, TRUE, cli_record_delete },
  { "theme", "list", "", N_("List the themes (columns: short name, name, colour)"), NULL,
    CLI_OPT_JSON, 0, 0, TRUE, cli_theme_list },
  { "backup", "list", "",
    N_("List the backups of the database, newest first (columns: file, date, kind, schema "
       "version, size)"),
    N_("Backups are copies of the whole database in the “backups” folder beside it: one a "
       "day when Carnet starts (the last 7 are kept), one before each upgrade, and those made "
       "with “carnet-cli backup create”."),
    CLI_OPT_JSON, 0, 0, FALSE, cli_backup_list },
  { "backup", "create", "", N_("Save a copy of the database in its backups folder"), NULL,
    CLI_OPT_JSON, 0, 0, TRUE, cli_backup_create },
  { "backup", "restore", N_("FILE"), N_("Replace the database with a backup"),
    N_("FILE is a file listed by “carnet-cli backup list”, or any Carnet database. It is "
       "checked whole first. The current database is kept beside it, named "
       "carnet.db.before-restore-DATE. Nothing may use the database meanwhile: close Carnet "
       "first."),
    0, 1, 1, FALSE, cli_backup_restore },
  { "generate", NULL, N_("--db FILE [--seed N] [--scale national|F] [--communes N…]"),
    N_("Fill a new database with a realistic programme, for trials and benchmarks"),
    N_("The national size is 1,650 communes (real ones, of under 20,000 inhabitants), "
       "25,000 projects, 125,000 actions, 60,000 funding lines, 10,000 walks and 50,000 "
       "observations; --scale multiplies it and --communes, --projects, --actions, "
       "--funding-lines, --walks and --observations set one count. The same seed gives the "
       "same database, identifiers included."),
    CLI_OPT_OWN, 0, 0, FALSE, cli_generate },
  { "export", NULL, N_("--format pdf|csv|json -o FILE [--commune INSEE…] [--theme THEME]"),
    N_("Export a summary report (PDF), a spreadsheet (CSV) or everything (JSON)"),
    N_("The PDF is the summary for a comité de pilotage: key figures, charts, actions by theme, "
       "funding plans and recent walks. The CSV holds actions, funding lines (--what funding) or "
       "observations (--what observations), for French spreadsheets or, with --dialect "
       "rfc4180, for other tools. The JSON holds every record, deleted ones included, and "
       "another Carnet can read it back (data/carnet-export.schema.json describes it). A file "
       "already there is replaced only when the export succeeds."),
    CLI_OPT_OWN, 0, 0, TRUE, cli_export },
  { "import", NULL, N_("[--merge] [--dry-run] FILE…"),
    N_("Import JSON exports of Carnet, into an empty database or merged into this one"),
    N_("Each FILE is a JSON export (carnet-cli export --format json). Without --merge the "
       "database must be empty, and it becomes a copy of the exported one. With --merge, "
       "records are matched by identifier: the copy changed last wins, deletions are carried "
       "over, and communes or themes already present under another identifier are matched by "
       "INSEE code or short name; records changed on both sides are listed. Every file is "
       "checked first: either all of them are imported or nothing is."),
    CLI_OPT_OWN, 0, -1, TRUE, cli_import },
  { "import-csv", NULL, N_("[--communes] [--dry-run] FILE"),
    N_("Import actions, or communes, from a spreadsheet (CSV)"),
    N_("FILE is a spreadsheet saved as CSV by Excel, LibreOffice or Carnet’s own export: "
       "“;” or “,”, UTF-8 or Windows-1252. Its first line names the columns, in French: “titre” "
       "(or “intitulé”, “action”), “commune” or “code INSEE”, “projet”, “thème”, “statut”, "
       "“priorité”, “pilote”, “début”, “échéance”, “avancement”, “coût HT”…; the others are "
       "ignored. A commune missing from Carnet is added from the list of French communes, a "
       "project missing from a commune is created. Every line is checked first: when one has a "
       "problem, nothing is imported. With --communes, the file lists communes to add (the "
       "ANCT’s list of the programme’s communes, for instance)."),
    CLI_OPT_OWN, 0, 0, TRUE, cli_import_csv },
  { "fields", NULL, N_("commune|project|action"),
    N_("List the fields that --set can change, with their meaning and how to write them"),
    NULL, 0, 1, 1, FALSE, cli_fields },
};

const CliCommand *
cli_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (commands);
  return commands;
}

/* "commune add QUERY…" */
char *
cli_command_usage (const CliCommand *command)
{
  g_autoptr(GString) usage = g_string_new (command->noun);

  if (command->verb != NULL)
    g_string_append_printf (usage, " %s", command->verb);
  if (*command->params != '\0')
    g_string_append_printf (usage, " %s", _(command->params));
  return g_string_free (g_steal_pointer (&usage), FALSE);
}

/**
 * cli_option_context_new:
 * @entries: the command's options, %G_OPTION_ENTRY_NULL-terminated (copied)
 *
 * For a command whose options are its own (CLI_OPT_OWN): its usage, summary and description
 * as “carnet-cli help” shows them, and its options.
 */
GOptionContext *
cli_option_context_new (CliContext         *cli,
                        const GOptionEntry *entries)
{
  g_autofree char *usage = cli_command_usage (cli->command);
  GOptionContext *context = g_option_context_new (usage);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, cli->command->summary);
  g_option_context_set_description (context, cli->command->description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static gboolean
noun_exists (const char *noun)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].noun, noun) == 0)
      return TRUE;
  return g_strcmp0 (noun, "help") == 0;
}

static const CliCommand *
find_command (const char *noun,
              const char *verb)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].noun, noun) == 0 &&
        (commands[i].verb == NULL || g_strcmp0 (commands[i].verb, verb) == 0))
      return &commands[i];
  return NULL;
}

static gboolean
noun_has_verbs (const char *noun)
{
  const CliCommand *command = find_command (noun, NULL);

  return command == NULL || command->verb != NULL;
}

/* The list of commands, for the global help, or for one noun. */
static char *
describe_commands (const char *noun)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = NULL;

      if (noun != NULL && strcmp (commands[i].noun, noun) != 0)
        continue;
      usage = cli_command_usage (&commands[i]);
      g_string_append_printf (text, "  %s\n      %s\n", usage, _(commands[i].summary));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
global_description (void)
{
  g_autofree char *list = describe_commands (NULL);

  return g_strdup_printf ("%s\n%s\n  help [%s]\n      %s\n\n%s\n\n%s",
                          _("Commands:"), list,
                          /* Translators: the argument of “carnet-cli help” */
                          _("COMMAND"),
                          _("Show the help of a command"),
                          _("“carnet-cli COMMAND --help” shows the options of a command. "
                            "The database is the file given with --db, or else in the "
                            "CARNET_DB environment variable, or else Carnet’s own."),
                          _("Exit status: 0 on success, 1 when the operation failed (nothing "
                            "was changed), 2 when the command line is wrong."));
}

/* On stdout when asked for, on stderr after an error. */
static void
print_noun_help (const char *noun,
                 gboolean    asked)
{
  g_autofree char *list = describe_commands (noun);
  g_autofree char *help = NULL;

  /* Translators: %s is a command word (commune, project…), typed as is */
  help = g_strdup_printf (_("Usage:\n  carnet-cli %s COMMAND [OPTION…]\n\n%s\n%s"),
                          noun, _("Commands:"), list);
  if (asked)
    g_print ("%s", help);
  else
    g_printerr ("%s", help);
}

static GOptionContext *
global_context (CliContext *cli,
                gboolean   *version)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path,
      N_("Use the database FILE instead of Carnet’s own"), N_("FILE") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &cli->read_only,
      N_("Open the database without ever changing it"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, version, N_("Show the version and quit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *description = global_description ();
  GOptionContext *context;

  context = g_option_context_new (N_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Keeps the communes, projects and actions of a "
                                   "“Petites villes de demain” project lead."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  return context;
}

static GOptionContext *
command_context (CliContext       *cli,
                 const CliCommand *command)
{
  /* Values are taken as typed, not converted from the locale's encoding: a script run with
   * LC_ALL=C still passes UTF-8, and the values are checked as UTF-8 when parsed. */
  const GOptionEntry all[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path,
      N_("Use the database FILE instead of Carnet’s own"), N_("FILE") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &cli->read_only,
      N_("Open the database without ever changing it"), NULL },
    { "commune", 0, 0, G_OPTION_ARG_FILENAME, &cli->commune,
      N_("The commune, by its INSEE code"), N_("INSEE") },
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &cli->project,
      N_("The project, by its UUID"), N_("UUID") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &cli->title, N_("The title"), N_("TITLE") },
    { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli->sets,
      N_("Set a field (may be repeated; see “carnet-cli fields”)"), N_("FIELD=VALUE") },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, &cli->search,
      N_("Only what contains every word of TEXT"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &cli->limit,
      N_("Show at most N results (default 20, 0 for all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Write JSON (amounts in cents, dates as YYYY-MM-DD)"), NULL },
  };
  const CliOptions flags[] = {
    0, 0, CLI_OPT_COMMUNE, CLI_OPT_PROJECT, CLI_OPT_TITLE, CLI_OPT_SET, CLI_OPT_SEARCH,
    CLI_OPT_LIMIT, CLI_OPT_JSON,
  };
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree char *usage = cli_command_usage (command);
  GOptionContext *context;

  G_STATIC_ASSERT (G_N_ELEMENTS (all) == G_N_ELEMENTS (flags));

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (flags[i] == 0 || (command->options & flags[i]) != 0)
      g_array_append_val (entries, all[i]);

  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  if (command->description != NULL)
    g_option_context_set_description (context, command->description);
  g_option_context_add_main_entries (context, (GOptionEntry *)(gpointer)entries->data,
                                     GETTEXT_PACKAGE);
  return context;
}

void
cli_error (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: an error message, after the program's name */
  g_printerr (_("carnet-cli: %s\n"), message);
}

int
cli_usage_error (CliContext *cli,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  cli_error ("%s", message);
  if (cli != NULL && cli->command != NULL)
    {
      what = g_strjoin (" ", cli->command->noun, cli->command->verb, NULL);
      /* Translators: %s is a command, such as “commune add” */
      g_printerr (_("Try “carnet-cli %s --help”.\n"), what);
    }
  else
    {
      g_printerr (_("Try “carnet-cli --help”.\n"));
    }
  return CLI_USAGE;
}

int
cli_fail (GError *error)
{
  cli_error ("%s", error->message);
  return CLI_FAILED;
}

static void
print_command_help (const CliCommand *command)
{
  CliContext scratch = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *help = NULL;

  if ((command->options & CLI_OPT_OWN) != 0)
    {
      g_auto(GStrv) argv = g_strsplit ("carnet-cli --help", " ", -1);

      /* Its options are its own: its parser prints them, and exits. */
      scratch.command = command;
      command->handler (&scratch, argv);
      return;
    }
  context = command_context (&scratch, command);
  help = g_option_context_get_help (context, TRUE, NULL);
  g_print ("%s", help);
}

static int
run_help (char **args)
{
  const CliCommand *command;
  int n = args != NULL ? (int)g_strv_length (args) : 0;

  if (n == 0)
    return -1;
  if (!noun_exists (args[0]) || strcmp (args[0], "help") == 0)
    {
      cli_error (_("Unknown command “%s”"), args[0]);
      return CLI_USAGE;
    }
  if (n == 1 && noun_has_verbs (args[0]))
    {
      print_noun_help (args[0], TRUE);
      return CLI_OK;
    }
  command = find_command (args[0], n > 1 ? args[1] : NULL);
  if (command == NULL || (command->verb == NULL && n > 1) || n > 2)
    {
      cli_error (_("Unknown command “%s”"), args[n > 1 ? 1 : 0]);
      return CLI_USAGE;
    }
  print_command_help (command);
  return CLI_OK;
}

static int
run_command (CliContext  *cli,
             char       **argv)
{
  const CliCommand *command;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *noun = argv[0];
  const char *verb = argv[1];
  int n_args;

  if (noun_has_verbs (noun) &&
      (verb == NULL || strcmp (verb, "--help") == 0 || strcmp (verb, "-h") == 0))
    {
      if (verb != NULL)
        {
          print_noun_help (noun, TRUE);
          return CLI_OK;
        }
      cli_error (_("“%s” needs a command"), noun);
      print_noun_help (noun, FALSE);
      return CLI_USAGE;
    }

  command = find_command (noun, verb);
  if (command == NULL)
    {
      cli_error (_("Unknown command “%s %s”"), noun, verb);
      print_noun_help (noun, FALSE);
      return CLI_USAGE;
    }
  cli->command = command;

  /* The command's arguments, after a stand-in for the program's name. */
  args = g_strdupv (argv + (command->verb != NULL ? 1 : 0));
  g_free (args[0]);
  args[0] = g_strdup (g_get_prgname ());
  cli->limit = 20;

  if ((command->options & CLI_OPT_OWN) != 0)
    return command->handler (cli, args);

  context = command_context (cli, command);
  if (!g_option_context_parse_strv (context, &args, &error))
    return cli_usage_error (cli, "%s", error->message);

  n_args = (int)g_strv_length (args) - 1;
  if (n_args < command->min_args)
    {
      g_autofree char *usage = cli_command_usage (command);

      /* Translators: %s is the command and its arguments: “commune show INSEE” */
      return cli_usage_error (cli, _("An argument is missing: carnet-cli %s"), usage);
    }
  if (command->max_args >= 0 && n_args > command->max_args)
    return cli_usage_error (cli, _("Unexpected argument “%s”"), args[1 + command->max_args]);
  if (cli->limit < 0)
    return cli_usage_error (cli, _("--limit must be 0 or more"));

  if (command->needs_store)
    {
      if (cli->read_only)
        cli->store = carnet_store_open_read_only (cli->db_path, &error);
      else
        cli->store = carnet_store_open (cli->db_path, &error);
      if (cli->store == NULL)
        return cli_fail (error);
      cli_backup_auto (cli);
    }
  return command->handler (cli, args + 1);
}

static void
set_up_gettext (void)
{
  const char *localedir = g_getenv ("CARNET_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  CliContext cli = { 0, };
  gboolean version = FALSE;
  int status;

  set_up_gettext ();
  g_set_prgname ("carnet-cli");

  context = global_context (&cli, &version);
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      status = cli_usage_error (NULL, "%s", error->message);
      goto out;
    }

  if (version)
    {
      g_print ("carnet-cli %s\n", PACKAGE_VERSION);
      status = CLI_OK;
    }
  else if (args[1] == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      cli_error (_("A command is missing"));
      g_printerr ("%s", help);
      status = CLI_USAGE;
    }
  else if (strcmp (args[1], "help") == 0)
    {
      status = run_help (args + 2);
      if (status < 0)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          g_print ("%s", help);
          status = CLI_OK;
        }
    }
  else if (!noun_exists (args[1]))
    {
      cli_error (_("Unknown command “%s”"), args[1]);
      g_printerr (_("Try “carnet-cli --help”.\n"));
      status = CLI_USAGE;
    }
  else
    {
      status = run_command (&cli, args + 1);
    }

  if (fflush (stdout) != 0 && status == CLI_OK)
    {
      cli_error (_("Cannot write the output"));
      status = CLI_FAILED;
    }

out:
  g_clear_object (&cli.store);
  g_clear_pointer (&cli.titles, g_hash_table_unref);
  g_free (cli.db_path);
  g_strfreev (cli.sets);
  g_free (cli.commune);
  g_free (cli.project);
  g_free (cli.title);
  g_free (cli.search);
  return status;
}
