/* carnet-cli-util.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carnet-cli-private.h"
#include "carnet-format.h"
#include "carnet-reference.h"

/* What the commands share: finding records from what was typed, turning --set into values,
 * and writing records out, as tab-separated rows, as “field value” lines, or as JSON. Rows
 * and values are written as UTF-8 whatever the locale, like the database holds them. */

/* The parent of a project or an action is given with --commune or --project, and a
 * commune's INSEE code is its identity: --set changes the rest. */
gboolean
cli_field_is_settable (GType              type,
                       const CarnetField *field)
{
  if (field->type == CARNET_FIELD_LINK && field->required)
    return FALSE;
  if (field->type == CARNET_FIELD_TIMESTAMP)
    return FALSE;
  if (type == CARNET_TYPE_COMMUNE && strcmp (field->column, "insee") == 0)
    return FALSE;
  return TRUE;
}

char *
cli_settable_fields (GType type)
{
  CarnetRecordClass *klass = g_type_class_peek (type);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    if (cli_field_is_settable (type, &klass->fields[i]))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              klass->fields[i].column);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* A field by its column name (end_planned), its property name (end-planned), or for a link
 * its name without the suffix (theme for theme_uuid). */
static const CarnetField *
find_field (GType       type,
            const char *name)
{
  CarnetRecordClass *klass = g_type_class_peek (type);
  const CarnetField *field = carnet_record_class_find_field (klass, name);
  g_autofree char *link = NULL;

  if (field != NULL)
    return field;
  link = g_strconcat (name, "_uuid", NULL);
  field = carnet_record_class_find_field (klass, link);
  if (field != NULL && field->type == CARNET_FIELD_LINK)
    return field;
  return NULL;
}

static char *
fold (const char *text)
{
  g_autofree char *casefolded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (casefolded, -1, G_NORMALIZE_ALL_COMPOSE);
}

/* A theme by its short name, its name or its UUID. */
static CarnetRecord *
find_theme (CarnetStore *store,
            const char  *text)
{
  CarnetRecord *theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug", text);
  g_autoptr(GListModel) themes = NULL;
  g_autofree char *want = NULL;

  if (theme != NULL)
    return theme;
  if (g_uuid_string_is_valid (text))
    {
      theme = carnet_store_get (store, CARNET_TYPE_THEME, text, NULL);
      if (theme != NULL && carnet_record_get_deleted_at (theme) == NULL)
        return theme;
      g_clear_object (&theme);
      return NULL;
    }

  want = fold (text);
  themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(CarnetRecord) candidate = g_list_model_get_item (themes, i);
      g_autofree char *name = fold (carnet_record_get_string (candidate, "name"));

      if (strcmp (name, want) == 0)
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

/* A link is given as the linked record's identifier: a theme by its short name, the others
 * by their UUID. An empty text removes the link. */
static gboolean
parse_link (CliContext         *cli,
            const CarnetField  *field,
            const char         *text,
            GValue             *value,
            GError            **error)
{
  GType type = carnet_record_type_from_kind (field->link_kind);
  g_autoptr(CarnetRecord) target = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_value_init (value, G_TYPE_STRING);
  if (*stripped == '\0')
    return TRUE;

  if (type == CARNET_TYPE_THEME)
    target = find_theme (cli->store, stripped);
  else if (g_uuid_string_is_valid (stripped))
    target = carnet_store_get (cli->store, type, stripped, NULL);

  if (target == NULL || carnet_record_get_deleted_at (target) != NULL)
    {
      if (type == CARNET_TYPE_THEME)
        g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                     _("There is no theme “%s” (see “carnet-cli theme list”)"), stripped);
      else
        g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND,
                     _("%s: nothing has the identifier “%s”"), _(field->label), stripped);
      return FALSE;
    }
  g_value_set_string (value, carnet_record_get_uuid (target));
  return TRUE;
}

static int
add_change (CliContext *cli,
            GType       type,
            CliChanges *changes,
            const char *name,
            const char *text)
{
  const CarnetField *field = find_field (type, name);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean ok;

  if (field == NULL || !cli_field_is_settable (type, field))
    {
      g_autofree char *valid = cli_settable_fields (type);
      CarnetRecordClass *klass = g_type_class_peek (type);

      if (field == NULL)
        cli_error (_("Unknown field “%s”"), name);
      else
        cli_error (_("The field “%s” cannot be changed with --set"), name);
      /* Translators: the first %s is a list of field names; the second a command word
       * (commune, project, action), typed as is */
      g_printerr (_("The fields are: %s (see “carnet-cli fields %s”).\n"), valid, klass->kind);
      return CLI_USAGE;
    }

  for (guint i = 0; i < changes->names->len; i++)
    if (strcmp (g_ptr_array_index (changes->names, i), field->name) == 0)
      return cli_usage_error (cli, _("The field “%s” is given twice"), field->column);

  if (!g_utf8_validate (text, -1, NULL))
    {
      cli_error (_("%s: the value is not valid UTF-8 text"), field->column);
      return CLI_FAILED;
    }
  if (field->type == CARNET_FIELD_LINK)
    ok = parse_link (cli, field, text, &value, &error);
  else
    ok = carnet_field_parse (field, text, &value, &error);
  if (!ok)
    {
      cli_error ("%s: %s", field->column, error->message);
      return CLI_FAILED;
    }

  g_ptr_array_add (changes->names, (gpointer)field->name);
  g_array_append_val (changes->values, value);
  /* The array owns the value now. */
  memset (&value, 0, sizeof value);
  return CLI_OK;
}

static void
clear_value (gpointer data)
{
  g_value_unset (data);
}

/**
 * cli_parse_changes:
 *
 * Reads --title and every --set into @changes, checking the field names and values.
 *
 * Returns: %CLI_OK, %CLI_USAGE for a wrong field name or a --set without “=”, %CLI_FAILED
 *   for a value that is not valid; the error was printed.
 */
int
cli_parse_changes (CliContext *cli,
                   GType       type,
                   CliChanges *changes)
{
  int status;

  changes->names = g_ptr_array_new ();
  changes->values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_array_set_clear_func (changes->values, clear_value);

  if (cli->title != NULL &&
      (status = add_change (cli, type, changes, "title", cli->title)) != CLI_OK)
    return status;

  for (guint i = 0; cli->sets != NULL && cli->sets[i] != NULL; i++)
    {
      const char *equal = strchr (cli->sets[i], '=');
      g_autofree char *name = NULL;

      if (equal == NULL || equal == cli->sets[i])
        return cli_usage_error (cli, _("--set needs FIELD=VALUE, not “%s”"), cli->sets[i]);
      name = g_strndup (cli->sets[i], equal - cli->sets[i]);
      g_strstrip (name);
      if ((status = add_change (cli, type, changes, name, equal + 1)) != CLI_OK)
        return status;
    }
  return CLI_OK;
}

void
cli_changes_clear (CliChanges *changes)
{
  g_clear_pointer (&changes->names, g_ptr_array_unref);
  g_clear_pointer (&changes->values, g_array_unref);
}

static int
report_missing (CliContext *cli,
                GType       type,
                const char *text,
                gboolean    deleted)
{
  if (type == CARNET_TYPE_PROJECT && deleted)
    cli_error (_("The project “%s” was deleted"), text);
  else if (type == CARNET_TYPE_PROJECT)
    cli_error (_("No project has the identifier “%s”"), text);
  else if (type == CARNET_TYPE_ACTION && deleted)
    cli_error (_("The action “%s” was deleted"), text);
  else if (type == CARNET_TYPE_ACTION)
    cli_error (_("No action has the identifier “%s”"), text);
  else
    cli_error (_("Nothing has the identifier “%s”"), text);
  return CLI_FAILED;
}

/**
 * cli_resolve_commune:
 * @text: an INSEE code, or the commune's UUID
 *
 * Finds a commune of the database. Prints why when there is none.
 */
int
cli_resolve_commune (CliContext    *cli,
                     const char    *text,
                     CarnetRecord **out)
{
  g_autofree char *code = g_ascii_strup (text, -1);
  const CarnetReferenceCommune *ref;

  g_strstrip (code);
  if (g_uuid_string_is_valid (text))
    {
      *out = carnet_store_get (cli->store, CARNET_TYPE_COMMUNE, text, NULL);
      if (*out != NULL && carnet_record_get_deleted_at (*out) == NULL)
        return CLI_OK;
      g_clear_object (out);
    }
  else
    {
      *out = carnet_store_find (cli->store, CARNET_TYPE_COMMUNE, "insee", code);
      if (*out != NULL)
        return CLI_OK;
    }

  ref = carnet_reference_lookup (carnet_reference_get_default (), code);
  if (ref != NULL)
    /* Translators: the commune's name, its INSEE code, then its code again */
    cli_error (_("The commune %s (%s) is not in Carnet: add it with “carnet-cli commune add %s”"),
               ref->name, ref->insee, ref->insee);
  else
    cli_error (_("No commune of Carnet has the INSEE code “%s”"), text);
  return CLI_FAILED;
}

/**
 * cli_resolve_uuid:
 * @uuid: a record's UUID (for a commune, its INSEE code too)
 *
 * Finds a live record. Prints why when there is none.
 */
int
cli_resolve_uuid (CliContext    *cli,
                  GType          type,
                  const char    *uuid,
                  CarnetRecord **out)
{
  if (type == CARNET_TYPE_COMMUNE)
    return cli_resolve_commune (cli, uuid, out);

  *out = NULL;
  if (g_uuid_string_is_valid (uuid))
    *out = carnet_store_get (cli->store, type, uuid, NULL);
  if (*out == NULL)
    return report_missing (cli, type, uuid, FALSE);
  if (carnet_record_get_deleted_at (*out) != NULL)
    {
      g_clear_object (out);
      return report_missing (cli, type, uuid, TRUE);
    }
  return CLI_OK;
}

/* The title of a linked record, remembered: a list names the same project many times. */
const char *
cli_link_title (CliContext *cli,
                GType       type,
                const char *uuid)
{
  g_autofree char *key = NULL;
  g_autoptr(CarnetRecord) record = NULL;
  const char *title;

  if (uuid == NULL)
    return "";
  if (cli->titles == NULL)
    cli->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  key = g_strconcat (g_type_name (type), ":", uuid, NULL);
  title = g_hash_table_lookup (cli->titles, key);
  if (title != NULL)
    return title;

  record = carnet_store_get (cli->store, type, uuid, NULL);
  title = g_strdup (record != NULL ? carnet_record_get_title (record) : "");
  g_hash_table_insert (cli->titles, g_steal_pointer (&key), (char *)title);
  return title;
}

GPtrArray *
cli_list_records (GListModel *model)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  return records;
}

/* Tabs and line breaks inside a value would break the row into columns or lines. */
static void
append_cell (GString    *line,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (line, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

void
cli_print_line (const char *first,
                ...)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *cell = first;
  va_list args;

  va_start (args, first);
  for (gboolean start = TRUE; cell != NULL; cell = va_arg (args, const char *), start = FALSE)
    {
      if (!start)
        g_string_append_c (line, '\t');
      append_cell (line, cell);
    }
  va_end (args);
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

static char *
format_field (CarnetRecord *record,
              const char   *name)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (record);
  const CarnetField *field = carnet_record_class_find_field (klass, name);
  const GValue *value = carnet_record_get_value (record, name);
  char *text = carnet_field_format (field, value);

  /* A choice the database holds but this version does not know (written by a newer one)
   * shows as it is stored. */
  if (text == NULL)
    text = g_strdup (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL
                     ? g_value_get_string (value) : "");
  return text;
}

void
cli_print_row (CliContext   *cli,
               CarnetRecord *record)
{
  const char *uuid = carnet_record_get_uuid (record);

  if (CARNET_IS_COMMUNE (record))
    {
      g_autofree char *population = format_field (record, "population");

      cli_print_line (uuid, carnet_record_get_string (record, "insee"),
                      carnet_record_get_string (record, "name"),
                      carnet_record_get_string (record, "departement"),
                      carnet_record_get_string (record, "epci-name"), population, NULL);
    }
  else if (CARNET_IS_PROJECT (record))
    {
      g_autofree char *phase = format_field (record, "phase");
      g_autofree char *status = format_field (record, "status");
      const char *commune = carnet_record_get_string (record, "commune-uuid");

      cli_print_line (uuid, cli_link_title (cli, CARNET_TYPE_COMMUNE, commune),
                      carnet_record_get_string (record, "number"),
                      carnet_record_get_string (record, "title"), phase, status, NULL);
    }
  else if (CARNET_IS_ACTION (record))
    {
      g_autofree char *status = format_field (record, "status");
      g_autofree char *due = format_field (record, "end-planned");
      const char *project = carnet_record_get_string (record, "project-uuid");

      cli_print_line (uuid, cli_link_title (cli, CARNET_TYPE_PROJECT, project),
                      carnet_record_get_string (record, "number"),
                      carnet_record_get_string (record, "title"), status, due, NULL);
    }
  else if (CARNET_IS_THEME (record))
    {
      cli_print_line (carnet_record_get_string (record, "slug"),
                      carnet_record_get_string (record, "name"),
                      carnet_record_get_string (record, "color"), NULL);
    }
  else
    {
      cli_print_line (uuid, carnet_record_get_title (record), NULL);
    }
}

/* JSON holds the values as stored: slugs, ISO dates, amounts in cents. */
static JsonNode *
record_to_json (CarnetRecord *record)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (record);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, carnet_record_get_uuid (record));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, carnet_record_get_created_at (record));
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, carnet_record_get_updated_at (record));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CarnetField *field = &klass->fields[i];
      const GValue *value = carnet_record_get_value (record, field->name);

      json_builder_set_member_name (builder, field->column);
      if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) == NULL)
        json_builder_add_null_value (builder);
      else if (G_VALUE_HOLDS_STRING (value))
        json_builder_add_string_value (builder, g_value_get_string (value));
      else if (G_VALUE_HOLDS_INT64 (value))
        json_builder_add_int_value (builder, g_value_get_int64 (value));
      else if (G_VALUE_HOLDS_BOOLEAN (value))
        json_builder_add_boolean_value (builder, g_value_get_boolean (value));
      else if (G_VALUE_HOLDS_DOUBLE (value) && !isnan (g_value_get_double (value)))
        json_builder_add_double_value (builder, g_value_get_double (value));
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
cli_print_records (CliContext *cli,
                   GPtrArray  *records)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_sized_new (records->len);

      for (guint i = 0; i < records->len; i++)
        json_array_add_element (array, record_to_json (g_ptr_array_index (records, i)));
      json_node_set_array (node, array);
      cli_print_json (node);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    cli_print_row (cli, g_ptr_array_index (records, i));
}

/* “12 mars 2026 14:05”, local time. */
static char *
format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, "%Y-%m-%d");
  date = carnet_format_date (day);
  time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", date, time);
}

static void
print_pair (int         width,
            const char *name,
            const char *value)
{
  g_autoptr(GString) line = g_string_new (name);

  for (int pad = width - (int)strlen (name); pad > 0; pad--)
    g_string_append_c (line, ' ');
  g_string_append (line, "  ");
  for (const char *p = value; *p != '\0'; p++)
    {
      /* Continuation lines of a long text line up with the value. */
      g_string_append_c (line, *p);
      if (*p == '\n' && p[1] != '\0')
        for (int pad = width + 2; pad > 0; pad--)
          g_string_append_c (line, ' ');
    }
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

/* Every field, one per line, named as --set names them, its value as people write it. */
void
cli_print_record (CliContext   *cli,
                  CarnetRecord *record)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (record);
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  int width = (int)strlen ("created_at");

  if (cli->json)
    {
      g_autoptr(JsonNode) node = record_to_json (record);

      cli_print_json (node);
      return;
    }

  for (guint i = 0; i < klass->n_fields; i++)
    width = MAX (width, (int)strlen (klass->fields[i].column));

  print_pair (width, "uuid", carnet_record_get_uuid (record));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CarnetField *field = &klass->fields[i];
      g_autofree char *text = format_field (record, field->name);

      if (field->type == CARNET_FIELD_LINK && *text != '\0')
        {
          GType type = carnet_record_type_from_kind (field->link_kind);
          g_autofree char *linked = g_strdup_printf ("%s (%s)", text,
                                                     cli_link_title (cli, type, text));

          g_set_str (&text, linked);
        }
      print_pair (width, field->column, text);
    }
  created = format_timestamp (carnet_record_get_created_at (record));
  updated = format_timestamp (carnet_record_get_updated_at (record));
  print_pair (width, "created_at", created);
  print_pair (width, "updated_at", updated);
}
