/* carnet-cli-generate.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "carnet-cli-private.h"
#include "carnet-format.h"
#include "carnet-generate.h"

/* carnet-cli generate: a realistic database of any size, the same for the same seed, for
 * benchmarks, tests and demonstrations. It has options no other command has, so it parses
 * them itself. */

typedef struct
{
  char   *db_path;
  char   *scale;
  gint64  seed;
  int     counts[6];
  gboolean json;
} GenerateOptions;

/* Parses “national”, “1”, “0,1”, “0.1”, “4” into a scale. */
static gboolean
parse_scale (const char *text,
             double     *scale)
{
  g_autofree char *dotted = NULL;
  char *end = NULL;

  if (text == NULL || g_ascii_strcasecmp (text, "national") == 0)
    {
      *scale = 1;
      return TRUE;
    }
  dotted = g_strdelimit (g_strdup (text), ",", '.');
  *scale = g_ascii_strtod (dotted, &end);
  return end != dotted && *end == '\0' && *scale >= 0 && *scale <= 1000;
}

static void
print_summary (const GenerateOptions    *options,
               const CarnetGenerateSize *size,
               double                    scale,
               double                    seconds)
{
  guint64 rows = carnet_generate_size_total (size);
  double per_second = seconds > 0 ? rows / seconds : 0;
  g_autofree char *rows_text = carnet_format_count ((gint64)rows);
  g_autofree char *rate_text = carnet_format_count ((gint64)per_second);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, options->seed);
      json_builder_set_member_name (builder, "scale");
      json_builder_add_double_value (builder, scale);
      json_builder_set_member_name (builder, "communes");
      json_builder_add_int_value (builder, size->communes);
      json_builder_set_member_name (builder, "projects");
      json_builder_add_int_value (builder, size->projects);
      json_builder_set_member_name (builder, "actions");
      json_builder_add_int_value (builder, size->actions);
      json_builder_set_member_name (builder, "funding_lines");
      json_builder_add_int_value (builder, size->funding_lines);
      json_builder_set_member_name (builder, "walks");
      json_builder_add_int_value (builder, size->walks);
      json_builder_set_member_name (builder, "observations");
      json_builder_add_int_value (builder, size->observations);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, (gint64)rows);
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_double_value (builder, seconds);
      json_builder_set_member_name (builder, "rows_per_second");
      json_builder_add_double_value (builder, round (per_second));
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      cli_print_json (node);
      return;
    }
  /* Translators: the counts of a generated database */
  g_print (_("%u communes, %u projects, %u actions, %u funding lines, %u walks, "
             "%u observations\n"),
           size->communes, size->projects, size->actions, size->funding_lines, size->walks,
           size->observations);
  /* Translators: “271 650 rows in 3.2 s (84 890 rows per second)” */
  g_print (_("%s rows in %.1f s (%s rows per second)\n"), rows_text, seconds, rate_text);
}

int
cli_generate (CliContext  *cli,
              char       **args)
{
  GenerateOptions options = { NULL, NULL, 1, { -1, -1, -1, -1, -1, -1 }, FALSE };
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db_path,
      N_("Write into the database FILE, which must be new or empty"), N_("FILE") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed,
      N_("The seed: the same seed gives the same database (default 1)"), N_("N") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &options.scale,
      N_("The size, “national” (the default: the whole programme) or a factor of it, "
         "such as 0.1 or 4"), N_("national|F") },
    { "communes", 0, 0, G_OPTION_ARG_INT, &options.counts[0],
      N_("How many communes, instead of the scale’s"), N_("N") },
    { "projects", 0, 0, G_OPTION_ARG_INT, &options.counts[1],
      N_("How many projects"), N_("N") },
    { "actions", 0, 0, G_OPTION_ARG_INT, &options.counts[2],
      N_("How many actions"), N_("N") },
    { "funding-lines", 0, 0, G_OPTION_ARG_INT, &options.counts[3],
      N_("How many funding lines"), N_("N") },
    { "walks", 0, 0, G_OPTION_ARG_INT, &options.counts[4],
      N_("How many walks"), N_("N") },
    { "observations", 0, 0, G_OPTION_ARG_INT, &options.counts[5],
      N_("How many observations"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Write the counts and the speed as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = NULL;
  g_autofree char *db_path = NULL;
  CarnetGenerateSize size;
  guint *fields[6];
  double scale = 1;
  gint64 start;
  double seconds;
  int status = CLI_OK;

  context = cli_option_context_new (cli, entries);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      status = cli_usage_error (cli, "%s", error->message);
      goto out;
    }
  if (args[1] != NULL)
    {
      status = cli_usage_error (cli, _("Unexpected argument “%s”"), args[1]);
      goto out;
    }
  if (!parse_scale (options.scale, &scale))
    {
      status = cli_usage_error (cli, _("--scale must be “national” or a number such as 0.1 "
                                       "or 4, not “%s”"), options.scale);
      goto out;
    }
  if (options.seed < 0 || options.seed > G_MAXUINT32)
    {
      status = cli_usage_error (cli, _("--seed must be between 0 and %u"), G_MAXUINT32);
      goto out;
    }

  carnet_generate_size_init (&size, scale);
  fields[0] = &size.communes;
  fields[1] = &size.projects;
  fields[2] = &size.actions;
  fields[3] = &size.funding_lines;
  fields[4] = &size.walks;
  fields[5] = &size.observations;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (options.counts[i] >= 0)
      *fields[i] = (guint)options.counts[i];

  /* Never the user's own database by accident: it must be named. */
  db_path = g_strdup (options.db_path != NULL ? options.db_path : cli->db_path);
  if (db_path == NULL && g_getenv ("CARNET_DB") != NULL && *g_getenv ("CARNET_DB") != '\0')
    db_path = g_strdup (g_getenv ("CARNET_DB"));
  if (db_path == NULL)
    {
      status = cli_usage_error (cli, _("Name the database to fill with --db FILE"));
      goto out;
    }

  store = carnet_store_open (db_path, &error);
  if (store == NULL)
    {
      status = cli_fail (error);
      goto out;
    }
  start = g_get_monotonic_time ();
  if (!carnet_generate (store, (guint32)options.seed, &size, &error))
    {
      status = cli_fail (error);
      goto out;
    }
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  print_summary (&options, &size, scale, seconds);

out:
  g_free (options.db_path);
  g_free (options.scale);
  return status;
}
