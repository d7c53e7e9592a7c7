/* carnet-cli-commands.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-cli-private.h"
#include "carnet-reference.h"

/* The commands about communes and the reference list, and those every kind of record shares:
 * show, update, delete, fields. */

#define MAX_CANDIDATES 10

static void
print_reference_row (const CarnetReferenceCommune *commune)
{
  g_autofree char *departement = g_strdup_printf ("%s (%s)", commune->departement_name,
                                                  commune->departement);
  g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT, commune->population);

  cli_print_line (commune->insee, commune->name, departement, commune->epci_name, population,
                  NULL);
}

static JsonNode *
reference_to_json (const CarnetReferenceCommune *commune)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *keys[] = {
    "insee", "name", "departement", "departement_name", "region", "epci_siren", "epci_name",
    "postcodes",
  };
  const char *values[] = {
    commune->insee, commune->name, commune->departement, commune->departement_name,
    commune->region, commune->epci_siren, commune->epci_name, commune->postcodes,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == G_N_ELEMENTS (values));

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, values[i]);
    }
  json_builder_set_member_name (builder, "population");
  json_builder_add_int_value (builder, commune->population);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
cli_reference_search (CliContext  *cli,
                      char       **args)
{
  g_autofree char *query = g_strjoinv (" ", args);
  g_autoptr(GPtrArray) found = NULL;

  found = carnet_reference_search (carnet_reference_get_default (), query, cli->limit);
  if (found->len == 0)
    {
      cli_error (_("No commune matches “%s”"), query);
      return CLI_FAILED;
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (found->len);

      for (guint i = 0; i < found->len; i++)
        json_array_add_element (array, reference_to_json (g_ptr_array_index (found, i)));
      json_node_set_array (node, array);
      cli_print_json (node);
      return CLI_OK;
    }

  for (guint i = 0; i < found->len; i++)
    print_reference_row (g_ptr_array_index (found, i));
  return CLI_OK;
}

/* People write “St-Lô”; the reference does the same when it searches. */
static char *
expand_saints (const char *folded)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL && words[i + 1] != NULL; i++)
    {
      if (strcmp (words[i], "st") == 0)
        g_set_str (&words[i], "saint");
      else if (strcmp (words[i], "ste") == 0)
        g_set_str (&words[i], "sainte");
    }
  return g_strjoinv (" ", words);
}

static void
print_candidates (GPtrArray *candidates)
{
  guint shown = MIN (candidates->len, MAX_CANDIDATES);

  for (guint i = 0; i < shown; i++)
    {
      const CarnetReferenceCommune *commune = g_ptr_array_index (candidates, i);

      g_printerr ("  %s\t%s\t%s (%s)\n", commune->insee, commune->name,
                  commune->departement_name, commune->departement);
    }
  if (candidates->len > shown)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  … and %u other\n", "  … and %u others\n",
                             candidates->len - shown),
                candidates->len - shown);
}

/* The commune a query names: its INSEE code, or a name that only one commune has, or that
 * only one commune's name starts with. Prints why when there is none or several. */
static const CarnetReferenceCommune *
resolve_query (const char *query)
{
  CarnetReference *reference = carnet_reference_get_default ();
  const CarnetReferenceCommune *commune;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) exact = g_ptr_array_new ();
  g_autofree char *code = g_strstrip (g_strdup (query));
  g_autofree char *folded = carnet_reference_normalize (query);
  g_autofree char *want = expand_saints (folded);

  commune = carnet_reference_lookup (reference, code);
  if (commune != NULL)
    return commune;

  found = carnet_reference_search (reference, query, 0);
  for (guint i = 0; i < found->len; i++)
    {
      const CarnetReferenceCommune *candidate = g_ptr_array_index (found, i);
      g_autofree char *name = carnet_reference_normalize (candidate->name);

      if (strcmp (name, want) == 0)
        g_ptr_array_add (exact, (gpointer)candidate);
    }

  if (exact->len == 1)
    return g_ptr_array_index (exact, 0);
  if (exact->len == 0 && found->len == 1)
    return g_ptr_array_index (found, 0);
  if (found->len == 0)
    {
      cli_error (_("No commune matches “%s”"), query);
      return NULL;
    }

  cli_error (_("“%s” could be several communes: give the INSEE code of the one to add"), query);
  print_candidates (exact->len > 1 ? exact : found);
  return NULL;
}

int
cli_commune_add (CliContext  *cli,
                 char       **args)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CarnetDb *db = carnet_store_get_db (cli->store);
  gboolean resolved = TRUE;

  /* Every query is understood before anything is written. */
  for (guint i = 0; args[i] != NULL; i++)
    {
      const CarnetReferenceCommune *commune = resolve_query (args[i]);

      if (commune == NULL)
        resolved = FALSE;
      g_ptr_array_add (wanted, (gpointer)commune);
    }
  if (!resolved)
    return CLI_FAILED;

  if (!carnet_db_begin (db, &error))
    return cli_fail (error);
  for (guint i = 0; i < wanted->len; i++)
    {
      const CarnetReferenceCommune *commune = g_ptr_array_index (wanted, i);
      CarnetCommune *record = carnet_store_add_commune (cli->store, commune->insee, &error);

      if (record == NULL)
        {
          carnet_db_rollback (db);
          return cli_fail (error);
        }
      g_ptr_array_add (added, record);
    }
  if (!carnet_db_commit (db, &error))
    return cli_fail (error);

  for (guint i = 0; i < added->len; i++)
    cli_print_row (cli, g_ptr_array_index (added, i));
  return CLI_OK;
}

int
cli_commune_list (CliContext  *cli,
                  char       **args)
{
  g_autoptr(GListModel) model = carnet_store_list (cli->store, CARNET_TYPE_COMMUNE, NULL, NULL);
  g_autoptr(GPtrArray) records = cli_list_records (model);

  cli_print_records (cli, records);
  return CLI_OK;
}

int
cli_theme_list (CliContext  *cli,
                char       **args)
{
  g_autoptr(GListModel) model = carnet_store_list (cli->store, CARNET_TYPE_THEME, NULL, NULL);
  g_autoptr(GPtrArray) records = cli_list_records (model);

  cli_print_records (cli, records);
  return CLI_OK;
}

static GType
command_type (CliContext *cli)
{
  return carnet_record_type_from_kind (cli->command->noun);
}

int
cli_record_show (CliContext  *cli,
                 char       **args)
{
  g_autoptr(CarnetRecord) record = NULL;
  int status;

  if ((status = cli_resolve_uuid (cli, command_type (cli), args[0], &record)) != CLI_OK)
    return status;
  cli_print_record (cli, record);
  return CLI_OK;
}

int
cli_record_update (CliContext  *cli,
                   char       **args)
{
  GType type = command_type (cli);
  g_autoptr(CarnetRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  CliChanges changes = { NULL, NULL };
  int status;

  if (cli->sets == NULL && cli->title == NULL)
    return cli_usage_error (cli, _("Nothing to change: give --set FIELD=VALUE"));

  if ((status = cli_parse_changes (cli, type, &changes)) == CLI_OK &&
      (status = cli_resolve_uuid (cli, type, args[0], &record)) == CLI_OK &&
      !carnet_store_update_fields (cli->store, record, (const char **)changes.names->pdata,
                                   (const GValue *)(gpointer)changes.values->data,
                                   changes.names->len, &error))
    status = cli_fail (error);

  if (status == CLI_OK)
    cli_print_row (cli, record);
  cli_changes_clear (&changes);
  return status;
}

int
cli_record_delete (CliContext  *cli,
                   char       **args)
{
  g_autoptr(CarnetRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid;
  guint n = 0;
  int status;

  if ((status = cli_resolve_uuid (cli, command_type (cli), args[0], &record)) != CLI_OK)
    return status;

  uuid = carnet_record_get_uuid (record);
  if (CARNET_IS_COMMUNE (record))
    n = carnet_store_count (cli->store, CARNET_TYPE_PROJECT, "commune-uuid", uuid);
  else if (CARNET_IS_PROJECT (record))
    n = carnet_store_count (cli->store, CARNET_TYPE_ACTION, "project-uuid", uuid);

  if (!carnet_store_delete (cli->store, record, &error))
    return cli_fail (error);

  if (CARNET_IS_COMMUNE (record) && n == 0)
    g_print (_("Deleted the commune %s (%s)\n"), carnet_record_get_string (record, "name"),
             carnet_record_get_string (record, "insee"));
  else if (CARNET_IS_COMMUNE (record))
    /* Translators: the commune's name, its INSEE code, the number of its projects */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Deleted the commune %s (%s) and its %u project\n",
                          "Deleted the commune %s (%s) and its %u projects\n", n),
             carnet_record_get_string (record, "name"),
             carnet_record_get_string (record, "insee"), n);
  else if (CARNET_IS_PROJECT (record) && n == 0)
    g_print (_("Deleted the project “%s”\n"), carnet_record_get_title (record));
  else if (CARNET_IS_PROJECT (record))
    g_print (g_dngettext (GETTEXT_PACKAGE, "Deleted the project “%s” and its %u action\n",
                          "Deleted the project “%s” and its %u actions\n", n),
             carnet_record_get_title (record), n);
  else
    g_print (_("Deleted the action “%s”\n"), carnet_record_get_title (record));
  return CLI_OK;
}

/* How to write a field's value, for `fields`. */
static char *
describe_type (const CarnetField *field)
{
  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
      return g_strdup (_("text"));
    case CARNET_FIELD_INT:
      {
        g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, field->min);
        g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, field->max);

        return g_strdup_printf (_("whole number from %s to %s"), min, max);
      }
    case CARNET_FIELD_MONEY:
      return g_strdup (_("amount in euros, like 1 234,50"));
    case CARNET_FIELD_BOOL:
      return g_strdup (_("yes or no"));
    case CARNET_FIELD_DATE:
      return g_strdup (_("date, like 12/03/2026 or 12 mars 2026"));
    case CARNET_FIELD_TIMESTAMP:
      return g_strdup (_("date and time"));
    case CARNET_FIELD_REAL:
      return g_strdup (_("number"));
    case CARNET_FIELD_CHOICE:
      {
        g_autoptr(GString) slugs = g_string_new (NULL);

        for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
          g_string_append_printf (slugs, "%s%s", slugs->len > 0 ? ", " : "", c->slug);
        /* Translators: %s is a list of short names */
        return g_strdup_printf (_("one of %s"), slugs->str);
      }
    case CARNET_FIELD_LINK:
      if (g_strcmp0 (field->link_kind, "theme") == 0)
        /* Translators: “theme” is a field name, typed as is */
        return g_strdup (_("the short name of a theme (see “carnet-cli theme list”); "
                           "the field may be written theme"));
      return g_strdup (_("UUID"));
    default:
      g_assert_not_reached ();
    }
}

int
cli_fields (CliContext  *cli,
            char       **args)
{
  const char *kinds[] = { "commune", "project", "action" };
  CarnetRecordClass *klass;
  GType type = G_TYPE_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (args[0], kinds[i]) == 0)
      {
        guint n;

        carnet_record_types (&n);
        type = carnet_record_type_from_kind (kinds[i]);
      }
  if (type == G_TYPE_INVALID)
    return cli_usage_error (cli, _("Unknown kind of record “%s”: write commune, project or action"),
                            args[0]);

  klass = g_type_class_peek (type);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CarnetField *field = &klass->fields[i];
      g_autofree char *how = NULL;

      if (!cli_field_is_settable (type, field))
        continue;
      how = describe_type (field);
      cli_print_line (field->column, _(field->label), how, NULL);
    }
  return CLI_OK;
}
