/* carnet-cli-backup.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-backup.h"
#include "carnet-cli-private.h"

/* carnet-cli backup list|create|restore: the copies kept in backups/ beside the database.
 * Listing and restoring do not open the database: they are what is left when it cannot be
 * opened. */

static char *
database_path (CliContext *cli)
{
  return cli->db_path != NULL ? g_strdup (cli->db_path) : carnet_db_default_path ();
}

static const char *
kind_label (CarnetBackupKind kind)
{
  switch (kind)
    {
    case CARNET_BACKUP_AUTO:
      /* Translators: a kind of backup, in “carnet-cli backup list” */
      return _("daily");
    case CARNET_BACKUP_MANUAL:
      /* Translators: a kind of backup, in “carnet-cli backup list” */
      return _("manual");
    case CARNET_BACKUP_BEFORE_UPGRADE:
      /* Translators: a kind of backup, in “carnet-cli backup list” */
      return _("before upgrade");
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
backup_to_json (CarnetBackup *backup)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CARNET_TYPE_BACKUP_KIND);
  GEnumValue *kind = g_enum_get_value (kinds, carnet_backup_get_kind (backup));
  g_autofree char *time = g_date_time_format_iso8601 (carnet_backup_get_time (backup));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, carnet_backup_get_path (backup));
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind->value_nick);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, carnet_backup_get_schema_version (backup));
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, carnet_backup_get_size (backup));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_backup (CarnetBackup *backup)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (carnet_backup_get_time (backup));
  g_autofree char *name = g_path_get_basename (carnet_backup_get_path (backup));
  g_autofree char *time = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  g_autofree char *version = g_strdup_printf ("%d", carnet_backup_get_schema_version (backup));
  g_autofree char *size = g_format_size (carnet_backup_get_size (backup));

  cli_print_line (name, time, kind_label (carnet_backup_get_kind (backup)), version, size, NULL);
}

int
cli_backup_list (CliContext  *cli,
                 char       **args)
{
  g_autofree char *path = database_path (cli);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  backups = carnet_backup_list (path, &error);
  if (backups == NULL)
    return cli_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (backups->len);

      for (guint i = 0; i < backups->len; i++)
        json_array_add_element (array, backup_to_json (g_ptr_array_index (backups, i)));
      json_node_set_array (node, array);
      cli_print_json (node);
      return CLI_OK;
    }
  for (guint i = 0; i < backups->len; i++)
    print_backup (g_ptr_array_index (backups, i));
  return CLI_OK;
}

int
cli_backup_create (CliContext  *cli,
                   char       **args)
{
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = carnet_backup_create (carnet_store_get_path (cli->store), CARNET_BACKUP_MANUAL,
                                 &error);
  if (backup == NULL)
    return cli_fail (error);
  if (cli->json)
    {
      g_autoptr(JsonNode) node = backup_to_json (backup);

      cli_print_json (node);
    }
  else
    print_backup (backup);
  return CLI_OK;
}

/* The user's own database (neither --db nor CARNET_DB) gets its daily backup whichever
 * program opens it first. Scripts, tests and benchmarks name their database and do not pay
 * for it. A backup that fails is worth a warning, not a failed command. */
void
cli_backup_auto (CliContext *cli)
{
  const char *env = g_getenv ("CARNET_DB");
  g_autoptr(GError) error = NULL;

  if (cli->read_only || cli->db_path != NULL || (env != NULL && *env != '\0'))
    return;
  if (!carnet_backup_auto (carnet_store_get_db (cli->store), NULL, &error))
    cli_error (_("Warning: the daily backup could not be made: %s"), error->message);
}

/* FILE as given, or else the name of a backup in the backups folder, as listed. */
static char *
find_backup (const char *db_path,
             const char *file)
{
  g_autofree char *folder = NULL;
  g_autofree char *in_folder = NULL;

  if (g_file_test (file, G_FILE_TEST_EXISTS) || g_path_is_absolute (file))
    return g_strdup (file);
  folder = carnet_backup_get_folder (db_path);
  in_folder = g_build_filename (folder, file, NULL);
  if (g_file_test (in_folder, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&in_folder);
  return g_strdup (file);
}

int
cli_backup_restore (CliContext  *cli,
                    char       **args)
{
  g_autofree char *path = database_path (cli);
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->read_only)
    return cli_usage_error (cli, _("A backup cannot be restored with --read-only"));

  backup = find_backup (path, args[0]);
  if (!g_file_test (backup, G_FILE_TEST_EXISTS))
    {
      cli_error (_("There is no backup “%s”: “carnet-cli backup list” lists them"), args[0]);
      return CLI_FAILED;
    }
  if (!carnet_backup_restore (path, backup, &aside, &error))
    return cli_fail (error);

  if (aside != NULL)
    g_print (_("Restored “%s” from “%s”; the previous database was kept as “%s”\n"),
             path, backup, aside);
  else
    g_print (_("Restored “%s” from “%s”\n"), path, backup);
  return CLI_OK;
}
