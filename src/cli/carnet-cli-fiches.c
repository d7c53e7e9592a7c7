/* carnet-cli-fiches.c
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

/* Projects and actions (“fiches”): they share their fields and so their commands; a project
 * belongs to a commune, an action to a project. */

static gboolean
changes_have (CliChanges *changes,
              const char *name)
{
  for (guint i = 0; i < changes->names->len; i++)
    if (strcmp (g_ptr_array_index (changes->names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static int
add_fiche (CliContext   *cli,
           GType         type,
           CliChanges   *changes,
           CarnetRecord *parent)
{
  g_autoptr(CarnetRecord) record = g_object_new (type, NULL);
  g_autoptr(GError) error = NULL;

  carnet_record_set_string (record, type == CARNET_TYPE_PROJECT ? "commune-uuid" : "project-uuid",
                            carnet_record_get_uuid (parent));
  for (guint i = 0; i < changes->names->len; i++)
    carnet_record_set_value (record, g_ptr_array_index (changes->names, i),
                             &g_array_index (changes->values, GValue, i));

  if (!carnet_store_insert (cli->store, record, &error))
    return cli_fail (error);
  cli_print_row (cli, record);
  return CLI_OK;
}

int
cli_fiche_add (CliContext  *cli,
               char       **args)
{
  GType type = carnet_record_type_from_kind (cli->command->noun);
  gboolean project = type == CARNET_TYPE_PROJECT;
  g_autoptr(CarnetRecord) parent = NULL;
  CliChanges changes = { NULL, NULL };
  int status;

  if (project && cli->commune == NULL)
    return cli_usage_error (cli, _("The commune is missing: give --commune INSEE"));
  if (!project && cli->project == NULL)
    return cli_usage_error (cli, _("The project is missing: give --project UUID"));

  status = cli_parse_changes (cli, type, &changes);
  if (status == CLI_OK && !changes_have (&changes, "title"))
    status = cli_usage_error (cli, _("The title is missing: give --title TITLE"));
  if (status == CLI_OK && project)
    status = cli_resolve_commune (cli, cli->commune, &parent);
  else if (status == CLI_OK)
    status = cli_resolve_uuid (cli, CARNET_TYPE_PROJECT, cli->project, &parent);
  if (status == CLI_OK)
    status = add_fiche (cli, type, &changes, parent);

  cli_changes_clear (&changes);
  return status;
}

int
cli_project_list (CliContext  *cli,
                  char       **args)
{
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int status;

  if (cli->commune != NULL &&
      (status = cli_resolve_commune (cli, cli->commune, &commune)) != CLI_OK)
    return status;

  if (commune != NULL)
    model = carnet_store_list (cli->store, CARNET_TYPE_PROJECT, "commune-uuid",
                               carnet_record_get_uuid (commune));
  else
    model = carnet_store_list (cli->store, CARNET_TYPE_PROJECT, NULL, NULL);
  records = cli_list_records (model);
  cli_print_records (cli, records);
  return CLI_OK;
}

/* The actions of a commune: those of its projects, project by project. */
static GPtrArray *
list_commune_actions (CliContext   *cli,
                      CarnetRecord *commune)
{
  g_autoptr(GListModel) projects = carnet_store_list (cli->store, CARNET_TYPE_PROJECT,
                                                      "commune-uuid",
                                                      carnet_record_get_uuid (commune));
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(CarnetRecord) project = g_list_model_get_item (projects, i);
      g_autoptr(GListModel) actions = carnet_store_list (cli->store, CARNET_TYPE_ACTION,
                                                         "project-uuid",
                                                         carnet_record_get_uuid (project));

      for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
        g_ptr_array_add (records, g_list_model_get_item (actions, j));
    }
  return records;
}

static gboolean
action_in_commune (CliContext   *cli,
                   CarnetRecord *action,
                   CarnetRecord *commune)
{
  g_autoptr(CarnetRecord) project = NULL;

  project = carnet_store_get (cli->store, CARNET_TYPE_PROJECT,
                              carnet_record_get_string (action, "project-uuid"), NULL);
  return project != NULL &&
         g_strcmp0 (carnet_record_get_string (project, "commune-uuid"),
                    carnet_record_get_uuid (commune)) == 0;
}

int
cli_action_list (CliContext  *cli,
                 char       **args)
{
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  int status;

  if (cli->project != NULL &&
      (status = cli_resolve_uuid (cli, CARNET_TYPE_PROJECT, cli->project, &project)) != CLI_OK)
    return status;
  if (cli->commune != NULL &&
      (status = cli_resolve_commune (cli, cli->commune, &commune)) != CLI_OK)
    return status;

  if (cli->search != NULL)
    {
      g_autoptr(GListModel) model = carnet_store_search (cli->store, CARNET_TYPE_ACTION,
                                                         cli->search, 0);
      records = cli_list_records (model);
    }
  else if (project != NULL)
    {
      g_autoptr(GListModel) model = carnet_store_list (cli->store, CARNET_TYPE_ACTION,
                                                       "project-uuid",
                                                       carnet_record_get_uuid (project));
      records = cli_list_records (model);
    }
  else if (commune != NULL)
    {
      records = list_commune_actions (cli, commune);
    }
  else
    {
      g_autoptr(GListModel) model = carnet_store_list (cli->store, CARNET_TYPE_ACTION, NULL, NULL);
      records = cli_list_records (model);
    }

  /* Whatever the list came from, every filter given applies. */
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      CarnetRecord *action = g_ptr_array_index (records, i);

      if (project != NULL &&
          g_strcmp0 (carnet_record_get_string (action, "project-uuid"),
                     carnet_record_get_uuid (project)) != 0)
        continue;
      if (commune != NULL && !action_in_commune (cli, action, commune))
        continue;
      g_ptr_array_add (shown, g_object_ref (action));
    }

  cli_print_records (cli, shown);
  return CLI_OK;
}
