/* carnet-import-read.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "carnet-export-json.h"
#include "carnet-format.h"
#include "carnet-import-private.h"
#include "carnet-json-reader.h"
#include "carnet-schema.h"

/* A JSON export read as data/carnet-export.schema.json describes it, a token at a time, each
 * record checked value by value as the schema and the database do and written to its staging
 * table. The order of members and of tables is not significant: links are checked once the
 * whole file is read. A refusal names the file, the line, the JSON path and the field. */

typedef struct
{
  Import           *import;
  CarnetJsonReader *json;
  CarnetJsonEvent   event;
  const char       *section;   /* the top-level member being read, or NULL */
  guint             item;      /* the item of its list being read, or G_MAXUINT */
  ImportTable      *table;     /* the table being read, or NULL */
  guint             index;     /* the record's index in its table */
  int               member;    /* the record's member being read, or -1 */
  guint             n_records;
  GError          **error;
} Reader;

/* The header's members. */
enum
{
  HEADER_FORMAT,
  HEADER_VERSION,
  HEADER_SCHEMA_VERSION,
  HEADER_GENERATOR,
  HEADER_EXPORTED_AT,
  HEADER_COMMUNES,
  HEADER_RECORDS,
  N_HEADER
};

static const char *header_members[N_HEADER] = {
  "format", "version", "schema_version", "generator", "exported_at", "communes", "records",
};

#define HEADER_REQUIRED ((1u << N_HEADER) - 1 - (1u << HEADER_COMMUNES))

static const char *meta_members[IMPORT_N_META] = {
  "uuid", "created_at", "updated_at", "deleted_at",
};

static const char *meta_labels[IMPORT_N_META] = {
  N_("The identifier"), N_("The creation time"), N_("The time of the last change"),
  N_("The deletion time"),
};

/* Helpers */

const char *
_carnet_import_member (ImportTable *table,
                       guint        member)
{
  if (member < IMPORT_N_META)
    return meta_members[member];
  return table->klass->fields[member - IMPORT_N_META].column;
}

const char *
_carnet_import_member_label (ImportTable *table,
                             guint        member)
{
  if (member < IMPORT_N_META)
    return _(meta_labels[member]);
  return _(table->klass->fields[member - IMPORT_N_META].label);
}

/* At most 40 characters of what the file holds, for a message. */
static char *
shorten (const char *text)
{
  return carnet_format_shorten (text, 40);
}

void
_carnet_import_set_error (GError     **error,
                          int          code,
                          const char  *file,
                          guint        line,
                          const char  *path,
                          const char  *label,
                          const char  *format,
                          ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (label != NULL)
    /* Translators: “actions.json”, line 14, records.actions[12].end_planned (The due date):
     * what is wrong */
    g_set_error (error, CARNET_IMPORT_ERROR, code, _("“%s”, line %u, %s (%s): %s"), file, line,
                 path, label, detail);
  else if (path != NULL && *path != '\0')
    /* Translators: “actions.json”, line 14, records.actions[12]: what is wrong */
    g_set_error (error, CARNET_IMPORT_ERROR, code, _("“%s”, line %u, %s: %s"), file, line, path,
                 detail);
  else
    /* Translators: “actions.json”, line 14: what is wrong */
    g_set_error (error, CARNET_IMPORT_ERROR, code, _("“%s”, line %u: %s"), file, line, detail);
}

/* Where the reader is, as a JSON path: records.actions[12].due */
static char *
reader_path (Reader *r)
{
  if (r->table != NULL && r->member >= 0)
    return g_strdup_printf ("records.%s[%u].%s", r->table->klass->table, r->index,
                            _carnet_import_member (r->table, r->member));
  if (r->table != NULL && r->index != G_MAXUINT)
    return g_strdup_printf ("records.%s[%u]", r->table->klass->table, r->index);
  if (r->table != NULL)
    return g_strdup_printf ("records.%s", r->table->klass->table);
  if (r->section != NULL && r->item != G_MAXUINT)
    return g_strdup_printf ("%s[%u]", r->section, r->item);
  return g_strdup (r->section != NULL ? r->section : "");
}

static gboolean reader_fail (Reader     *r,
                             int         code,
                             const char *format,
                             ...) G_GNUC_PRINTF (3, 4);

/* A refusal at the current token. */
static gboolean
reader_fail (Reader     *r,
             int         code,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *path = reader_path (r);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  _carnet_import_set_error (r->error, code, r->import->file,
                            carnet_json_reader_get_line (r->json), path,
                            r->table != NULL && r->member >= 0 ?
                              _carnet_import_member_label (r->table, r->member) : NULL,
                            "%s", detail);
  return FALSE;
}

/* The reader's own refusal: bad syntax, a read error. */
static gboolean
reader_fail_json (Reader *r)
{
  GError **error = r->error;
  const char *message = NULL;
  CarnetJsonErrorKind kind = carnet_json_reader_get_error (r->json, &message);
  g_autofree char *path = reader_path (r);

  if (g_cancellable_set_error_if_cancelled (r->import->cancellable, error))
    return FALSE;
  if (kind == CARNET_JSON_ERROR_READ)
    {
      g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_READ,
                   _("“%s” cannot be read: %s"), r->import->file, message);
      return FALSE;
    }
  if (*path != '\0')
    /* Translators: “actions.json”, line 14, column 3, records.actions[12]: what is wrong */
    g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_SYNTAX,
                 _("“%s”, line %u, column %u, %s: %s"), r->import->file,
                 carnet_json_reader_get_line (r->json), carnet_json_reader_get_column (r->json),
                 path, message);
  else
    /* Translators: “actions.json”, line 14, column 3: what is wrong */
    g_set_error (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_SYNTAX,
                 _("“%s”, line %u, column %u: %s"), r->import->file,
                 carnet_json_reader_get_line (r->json), carnet_json_reader_get_column (r->json),
                 message);
  return FALSE;
}

static gboolean
next (Reader *r)
{
  r->event = carnet_json_reader_next (r->json);
  if (r->event == CARNET_JSON_ERROR)
    return reader_fail_json (r);
  return TRUE;
}

/* What the file holds instead, for “must be …, not …”. */
static const char *
found_name (CarnetJsonEvent event)
{
  switch (event)
    {
    case CARNET_JSON_BEGIN_OBJECT: return _("an object");
    case CARNET_JSON_BEGIN_ARRAY: return _("a list");
    case CARNET_JSON_STRING: return _("a text");
    case CARNET_JSON_NUMBER: return _("a number");
    case CARNET_JSON_TRUE: return "true";
    case CARNET_JSON_FALSE: return "false";
    case CARNET_JSON_NULL: return "null";
    case CARNET_JSON_END_OBJECT:
    case CARNET_JSON_END_ARRAY:
    case CARNET_JSON_MEMBER:
    case CARNET_JSON_END:
    case CARNET_JSON_ERROR:
    default:
      return _("nothing");
    }
}

static gboolean
fail_type (Reader     *r,
           const char *expected)
{
  /* Translators: “must be a date in quotes, not a number” */
  return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("must be %s, not %s"), expected,
                      found_name (r->event));
}

static gboolean
is_digits (const char *s,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_uuid (const char *s,
         gsize       len)
{
  if (len != 36)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (s[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
        return FALSE;
    }
  return TRUE;
}

static int
two_digits (const char *s)
{
  return (s[0] - '0') * 10 + (s[1] - '0');
}

/* A moment as the schema allows it (2026-03-12T14:05, :00, .000000, Z or +01:00), written
 * into @out as Carnet writes it: in UTC, with microseconds (2026-03-12T13:05:00.000000Z).
 * Carnet's own time stamps come out as they went in. */
static gboolean
normalize_timestamp (const char *s,
                     gsize       len,
                     char        out[28])
{
  int y, mo, d, h, mi, sec = 0, offset = 0;
  guint usec = 0;
  gsize i = 16;

  if (len < 17 || !is_digits (s, 4) || s[4] != '-' || !is_digits (s + 5, 2) || s[7] != '-' ||
      !is_digits (s + 8, 2) || s[10] != 'T' || !is_digits (s + 11, 2) || s[13] != ':' ||
      !is_digits (s + 14, 2))
    return FALSE;
  y = atoi (s);
  mo = two_digits (s + 5);
  d = two_digits (s + 8);
  h = two_digits (s + 11);
  mi = two_digits (s + 14);
  if (s[i] == ':')
    {
      if (i + 3 > len || !is_digits (s + i + 1, 2))
        return FALSE;
      sec = two_digits (s + i + 1);
      i += 3;
      if (i < len && s[i] == '.')
        {
          guint digits = 0;

          for (i++; i < len && g_ascii_isdigit (s[i]); i++, digits++)
            if (digits < 6)
              usec = usec * 10 + (s[i] - '0');
          if (digits == 0)
            return FALSE;
          for (; digits < 6; digits++)
            usec *= 10;
        }
    }
  if (i < len && s[i] == 'Z')
    i++;
  else if (i + 6 == len && (s[i] == '+' || s[i] == '-') && is_digits (s + i + 1, 2) &&
           s[i + 3] == ':' && is_digits (s + i + 4, 2))
    {
      int oh = two_digits (s + i + 1), om = two_digits (s + i + 4);

      if (oh > 23 || om > 59)
        return FALSE;
      offset = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
      i += 6;
    }
  else
    return FALSE;
  if (i != len || y < 1 || mo < 1 || mo > 12 || !g_date_valid_dmy (d, mo, y) || h > 23 ||
      mi > 59 || sec > 59)
    return FALSE;

  if (len == 27 && offset == 0 && s[19] == '.' && s[26] == 'Z')
    {
      memcpy (out, s, 27);
      out[27] = '\0';
      return TRUE;
    }
  {
    g_autoptr(GDateTime) local = g_date_time_new_utc (y, mo, d, h, mi, sec);
    g_autoptr(GDateTime) utc = local != NULL ? g_date_time_add_minutes (local, -offset) : NULL;
    g_autofree char *text = NULL;

    if (utc == NULL)
      return FALSE;
    text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
    if (text == NULL || strlen (text) != 19)
      return FALSE;
    g_snprintf (out, 28, "%s.%06uZ", text, usec);
  }
  return TRUE;
}

/* Values */

static gboolean
read_uuid (Reader  *r,
           int      param,
           gboolean nullable)
{
  const char *s;
  gsize len;

  if (r->event == CARNET_JSON_NULL && nullable)
    {
      sqlite3_bind_null (r->table->insert, param);
      return TRUE;
    }
  if (r->event != CARNET_JSON_STRING)
    return fail_type (r, nullable ? _("an identifier in quotes or null") :
                                    _("an identifier in quotes"));
  s = carnet_json_reader_get_string (r->json, &len);
  if (!is_uuid (s, len))
    {
      g_autofree char *shown = shorten (s);

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("“%s” is not an identifier (a UUID in lower case, like "
                            "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0001)"), shown);
    }
  sqlite3_bind_text (r->table->insert, param, s, len, SQLITE_TRANSIENT);
  return TRUE;
}

static gboolean
read_timestamp (Reader   *r,
                int       param,
                gboolean  nullable)
{
  char normal[28];
  const char *s;
  gsize len;

  if (r->event == CARNET_JSON_NULL && nullable)
    {
      sqlite3_bind_null (r->table->insert, param);
      return TRUE;
    }
  if (r->event != CARNET_JSON_STRING)
    return fail_type (r, nullable ? _("a time in quotes or null") : _("a time in quotes"));
  s = carnet_json_reader_get_string (r->json, &len);
  if (!normalize_timestamp (s, len, normal))
    {
      g_autofree char *shown = shorten (s);

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("“%s” is not a time (written like 2026-03-12T14:05:00.000000Z)"),
                          shown);
    }
  sqlite3_bind_text (r->table->insert, param, normal, 27, SQLITE_TRANSIENT);
  return TRUE;
}

static gboolean
read_text (Reader            *r,
           const CarnetField *field,
           int                param)
{
  CarnetRecordClass *klass = r->table->klass;
  const char *s;
  gsize len;

  if (r->event != CARNET_JSON_STRING)
    return fail_type (r, _("a text in quotes"));
  s = carnet_json_reader_get_string (r->json, &len);
  if (field->required && len == 0)
    return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("cannot be empty"));
  /* The rules the store adds to two columns. */
  if (strcmp (klass->table, "communes") == 0 && strcmp (field->column, "insee") == 0 &&
      !(len == 5 && g_ascii_isdigit (s[0]) && (g_ascii_isdigit (s[1]) || s[1] == 'A' ||
                                                s[1] == 'B') && is_digits (s + 2, 3)))
    {
      g_autofree char *shown = shorten (s);

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("“%s” is not an INSEE code: it has five characters, like 14047 or "
                            "2A004"), shown);
    }
  if (strcmp (klass->table, "themes") == 0 && strcmp (field->column, "color") == 0 &&
      !g_regex_match_simple ("^#[0-9a-f]{6}$", s, 0, 0))
    {
      g_autofree char *shown = shorten (s);

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("The colour must be written like #1c71d8, not “%s”"), shown);
    }
  sqlite3_bind_text (r->table->insert, param, s, len, SQLITE_TRANSIENT);
  return TRUE;
}

static gboolean
read_choice (Reader            *r,
             const CarnetField *field,
             int                param)
{
  g_autoptr(GString) known = g_string_new (NULL);
  g_autofree char *shown = NULL;
  const char *s;
  gsize len;

  if (r->event != CARNET_JSON_STRING)
    return fail_type (r, _("a text in quotes"));
  s = carnet_json_reader_get_string (r->json, &len);
  for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
    if (strcmp (c->slug, s) == 0)
      {
        sqlite3_bind_text (r->table->insert, param, c->slug, -1, SQLITE_STATIC);
        return TRUE;
      }
  for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
    g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", c->slug);
  shown = shorten (s);
  return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("cannot be “%s” (possible: %s)"), shown,
                      known->str);
}

static gboolean
read_integer (Reader            *r,
              const CarnetField *field,
              int                param)
{
  gint64 value;

  if (r->event != CARNET_JSON_NUMBER)
    return fail_type (r, _("a whole number"));
  if (!carnet_json_reader_get_int (r->json, &value) || value < field->min || value > field->max)
    {
      g_autofree char *shown = shorten (carnet_json_reader_get_number (r->json));
      g_autofree char *min = carnet_format_count (field->min);
      g_autofree char *max = carnet_format_count (field->max);

      /* Translators: “must be a whole number from 0 to 100, not 250” */
      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("must be a whole number from %s to %s, not %s"), min, max, shown);
    }
  sqlite3_bind_int64 (r->table->insert, param, value);
  return TRUE;
}

static gboolean
read_real (Reader            *r,
           const CarnetField *field,
           int                param)
{
  double value;

  if (r->event == CARNET_JSON_NULL && !field->required)
    {
      sqlite3_bind_null (r->table->insert, param);
      return TRUE;
    }
  if (r->event != CARNET_JSON_NUMBER)
    return fail_type (r, field->required ? _("a number") : _("a number or null"));
  if (!carnet_json_reader_get_double (r->json, &value) ||
      value < (double)field->min || value > (double)field->max)
    {
      g_autofree char *shown = shorten (carnet_json_reader_get_number (r->json));
      g_autofree char *min = carnet_format_count (field->min);
      g_autofree char *max = carnet_format_count (field->max);

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("must be a number from %s to %s, not %s"), min, max, shown);
    }
  sqlite3_bind_double (r->table->insert, param, value);
  return TRUE;
}

static gboolean
read_date (Reader            *r,
           const CarnetField *field,
           int                param)
{
  const char *s;
  gsize len;

  if (r->event == CARNET_JSON_NULL && !field->required)
    {
      sqlite3_bind_null (r->table->insert, param);
      return TRUE;
    }
  if (r->event != CARNET_JSON_STRING)
    return fail_type (r, field->required ? _("a date in quotes") : _("a date in quotes or null"));
  s = carnet_json_reader_get_string (r->json, &len);
  if (!carnet_date_is_valid (s))
    {
      g_autofree char *shown = shorten (s);

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("“%s” is not a date: write a real day between 1900 and 2200, like "
                            "2026-03-12"), shown);
    }
  sqlite3_bind_text (r->table->insert, param, s, len, SQLITE_TRANSIENT);
  return TRUE;
}

static gboolean
read_member (Reader  *r,
             guint    member,
             gboolean link_null[])
{
  ImportTable *t = r->table;
  int param = member + 1;
  const CarnetField *field;

  switch (member)
    {
    case 0:
      return read_uuid (r, param, FALSE);
    case 1:
    case 2:
      return read_timestamp (r, param, FALSE);
    case 3:
      return read_timestamp (r, param, TRUE);
    default:
      break;
    }

  field = &t->klass->fields[member - IMPORT_N_META];
  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
      return read_text (r, field, param);
    case CARNET_FIELD_CHOICE:
      return read_choice (r, field, param);
    case CARNET_FIELD_INT:
    case CARNET_FIELD_MONEY:
      return read_integer (r, field, param);
    case CARNET_FIELD_BOOL:
      if (r->event != CARNET_JSON_TRUE && r->event != CARNET_JSON_FALSE)
        return fail_type (r, _("true or false"));
      sqlite3_bind_int (t->insert, param, r->event == CARNET_JSON_TRUE);
      return TRUE;
    case CARNET_FIELD_DATE:
      return read_date (r, field, param);
    case CARNET_FIELD_TIMESTAMP:
      return read_timestamp (r, param, !field->required);
    case CARNET_FIELD_LINK:
      link_null[member] = r->event == CARNET_JSON_NULL;
      sqlite3_bind_int (t->insert, t->link_param[member],
                        carnet_json_reader_get_line (r->json));
      return read_uuid (r, param, !field->required);
    case CARNET_FIELD_REAL:
      return read_real (r, field, param);
    default:
      g_assert_not_reached ();
    }
}

static int
find_member (ImportTable *t,
             const char  *name,
             guint        expected)
{
  if (expected < t->n_members && strcmp (_carnet_import_member (t, expected), name) == 0)
    return expected;
  for (guint i = 0; i < t->n_members; i++)
    if (strcmp (_carnet_import_member (t, i), name) == 0)
      return i;
  return -1;
}

/* Structure */

static gboolean
read_record (Reader *r)
{
  ImportTable *t = r->table;
  gboolean link_null[32] = { FALSE, };
  guint64 seen = 0;
  guint line = carnet_json_reader_get_line (r->json);
  guint expected = 0;
  int rc;

  sqlite3_reset (t->insert);
  sqlite3_clear_bindings (t->insert);
  r->member = -1;
  for (;;)
    {
      int member;

      if (!next (r))
        return FALSE;
      if (r->event == CARNET_JSON_END_OBJECT)
        break;
      g_assert (r->event == CARNET_JSON_MEMBER);
      member = find_member (t, carnet_json_reader_get_string (r->json, NULL), expected);
      if (member < 0)
        {
          g_autofree char *shown = shorten (carnet_json_reader_get_string (r->json, NULL));

          return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                              _("Unknown member “%s” in a record of “%s”"), shown,
                              t->klass->table);
        }
      r->member = member;
      if ((seen & (G_GUINT64_CONSTANT (1) << member)) != 0)
        return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("appears twice in the record"));
      seen |= G_GUINT64_CONSTANT (1) << member;
      if (!next (r) || !read_member (r, member, link_null))
        return FALSE;
      r->member = -1;
      expected = member + 1;
    }

  for (guint i = 0; i < t->n_members; i++)
    if ((seen & (G_GUINT64_CONSTANT (1) << i)) == 0)
      {
        r->member = i;
        return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("is missing"));
      }
  if (t->project_member >= 0 &&
      link_null[t->project_member] == link_null[t->action_member])
    {
      r->member = link_null[t->project_member] ? t->project_member : t->action_member;
      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("A record of “%s” belongs to exactly one project or one action: "
                            "give one of “project_uuid” and “action_uuid”, and null for the "
                            "other"),
                          t->klass->table);
    }

  sqlite3_bind_int (t->insert, t->line_param, line);
  sqlite3_bind_int (t->insert, t->line_param + 1, r->index);
  /* Duplicates are found once the file is read (carnet-import.c, index_stage()). */
  rc = sqlite3_step (t->insert);
  sqlite3_reset (t->insert);
  if (rc != SQLITE_DONE)
    return carnet_db_propagate (r->import->db, r->error, _("the import"));

  if (++r->n_records % 4096 == 0 &&
      g_cancellable_set_error_if_cancelled (r->import->cancellable, r->error))
    return FALSE;
  return TRUE;
}

static gboolean
read_table (Reader *r)
{
  if (!next (r))
    return FALSE;
  if (r->event != CARNET_JSON_BEGIN_ARRAY)
    return fail_type (r, _("a list of records"));
  r->table->seen = TRUE;
  for (r->index = 0;; r->index++)
    {
      if (!next (r))
        return FALSE;
      if (r->event == CARNET_JSON_END_ARRAY)
        break;
      if (r->event != CARNET_JSON_BEGIN_OBJECT)
        return fail_type (r, _("a record (an object)"));
      if (!read_record (r))
        return FALSE;
    }
  r->table->count = r->index;
  r->index = G_MAXUINT;
  return TRUE;
}

static gboolean
read_records (Reader *r)
{
  if (!next (r))
    return FALSE;
  if (r->event != CARNET_JSON_BEGIN_OBJECT)
    return fail_type (r, _("an object holding a list of records per table"));
  for (;;)
    {
      const char *name;
      ImportTable *table;

      if (!next (r))
        return FALSE;
      if (r->event == CARNET_JSON_END_OBJECT)
        break;
      name = carnet_json_reader_get_string (r->json, NULL);
      table = _carnet_import_find_table (r->import, name);
      if (table == NULL)
        {
          g_autofree char *shown = shorten (name);

          return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("Unknown table “%s”"), shown);
        }
      r->table = table;
      r->index = G_MAXUINT;
      if (table->seen)
        return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                            _("The table “%s” appears twice"), name);
      if (!read_table (r))
        return FALSE;
      r->table = NULL;
    }
  for (guint i = 0; i < r->import->n_tables; i++)
    if (!r->import->tables[i].seen)
      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("The table “%s” is missing (an empty list if it has no records)"),
                          r->import->tables[i].klass->table);
  return TRUE;
}

static gboolean
read_header_number (Reader *r,
                    gint64 *value)
{
  if (!next (r))
    return FALSE;
  if (r->event != CARNET_JSON_NUMBER)
    return fail_type (r, _("a whole number"));
  if (!carnet_json_reader_get_int (r->json, value))
    {
      g_autofree char *shown = shorten (carnet_json_reader_get_number (r->json));

      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("must be a whole number, not %s"),
                          shown);
    }
  return TRUE;
}

static gboolean
read_header_string (Reader *r)
{
  if (!next (r))
    return FALSE;
  if (r->event != CARNET_JSON_STRING)
    return fail_type (r, _("a text in quotes"));
  return TRUE;
}

static gboolean
read_communes (Reader *r)
{
  if (!next (r))
    return FALSE;
  if (r->event != CARNET_JSON_BEGIN_ARRAY)
    return fail_type (r, _("a list of INSEE codes"));
  for (r->item = 0;; r->item++)
    {
      const char *s;
      gsize len;

      if (!next (r))
        return FALSE;
      if (r->event == CARNET_JSON_END_ARRAY)
        {
          r->item = G_MAXUINT;
          return TRUE;
        }
      if (r->event != CARNET_JSON_STRING)
        return fail_type (r, _("an INSEE code in quotes"));
      s = carnet_json_reader_get_string (r->json, &len);
      if (!(len == 5 && g_ascii_isdigit (s[0]) &&
            (g_ascii_isdigit (s[1]) || s[1] == 'A' || s[1] == 'B') && is_digits (s + 2, 3)))
        {
          g_autofree char *shown = shorten (s);

          return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                              _("“%s” is not an INSEE code: it has five characters, like 14047 "
                                "or 2A004"), shown);
        }
    }
}

static gboolean
read_header_member (Reader *r,
                    guint   member)
{
  gint64 n;
  const char *s;
  char normal[28];

  switch (member)
    {
    case HEADER_FORMAT:
      if (!read_header_string (r))
        return FALSE;
      if (strcmp (carnet_json_reader_get_string (r->json, NULL), "carnet") != 0)
        return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                            _("This is not a Carnet export: its format is not “carnet”"));
      return TRUE;
    case HEADER_VERSION:
      if (!read_header_number (r, &n))
        return FALSE;
      if (n != CARNET_EXPORT_JSON_VERSION)
        return reader_fail (r, CARNET_IMPORT_ERROR_VERSION,
                            _("The file is in version %s of Carnet’s format, which this Carnet "
                              "cannot read (it reads version %d): update Carnet"),
                            carnet_json_reader_get_number (r->json), CARNET_EXPORT_JSON_VERSION);
      return TRUE;
    case HEADER_SCHEMA_VERSION:
      if (!read_header_number (r, &n))
        return FALSE;
      if (n < 1)
        return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("must be 1 or more, not %s"),
                            carnet_json_reader_get_number (r->json));
      if (n > CARNET_SCHEMA_VERSION)
        return reader_fail (r, CARNET_IMPORT_ERROR_VERSION,
                            _("The file comes from a newer Carnet (database version %s, this "
                              "Carnet knows up to %d): update Carnet first"),
                            carnet_json_reader_get_number (r->json), CARNET_SCHEMA_VERSION);
      return TRUE;
    case HEADER_GENERATOR:
      return read_header_string (r);
    case HEADER_EXPORTED_AT:
      if (!read_header_string (r))
        return FALSE;
      s = carnet_json_reader_get_string (r->json, NULL);
      if (!normalize_timestamp (s, strlen (s), normal))
        {
          g_autofree char *shown = shorten (s);

          return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                              _("“%s” is not a time (written like 2026-03-12T14:05:00.000000Z)"),
                              shown);
        }
      return TRUE;
    case HEADER_COMMUNES:
      return read_communes (r);
    case HEADER_RECORDS:
      return read_records (r);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_document (Reader *r)
{
  guint seen = 0;

  if (!next (r))
    return FALSE;
  if (r->event != CARNET_JSON_BEGIN_OBJECT)
    return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                        _("This is not a Carnet export: it does not hold a JSON object"));
  for (;;)
    {
      const char *name;
      guint member = N_HEADER;

      if (!next (r))
        return FALSE;
      if (r->event == CARNET_JSON_END_OBJECT)
        break;
      name = carnet_json_reader_get_string (r->json, NULL);
      for (guint i = 0; i < N_HEADER && member == N_HEADER; i++)
        if (strcmp (header_members[i], name) == 0)
          member = i;
      if (member == N_HEADER)
        {
          g_autofree char *shown = shorten (name);

          return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                              _("Unknown member “%s”: this is not a Carnet export"), shown);
        }
      r->section = header_members[member];
      if ((seen & (1u << member)) != 0)
        return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT, _("appears twice"));
      seen |= 1u << member;
      if (!read_header_member (r, member))
        return FALSE;
      r->section = NULL;
    }
  if (!next (r))
    return FALSE;
  g_assert (r->event == CARNET_JSON_END);

  for (guint i = 0; i < N_HEADER; i++)
    if ((HEADER_REQUIRED & (1u << i)) != 0 && (seen & (1u << i)) == 0)
      return reader_fail (r, CARNET_IMPORT_ERROR_FORMAT,
                          _("The member “%s” is missing: this is not a Carnet export"),
                          header_members[i]);
  return TRUE;
}

/**
 * _carnet_import_read:
 *
 * Reads one file into the staging tables, which must be empty.
 */
gboolean
_carnet_import_read (Import        *import,
                     GInputStream  *stream,
                     GError       **error)
{
  g_autoptr(CarnetJsonReader) json = carnet_json_reader_new (stream, import->cancellable);
  Reader r = { import, json, CARNET_JSON_END, NULL, G_MAXUINT, NULL, G_MAXUINT, -1, 0, error };

  for (guint i = 0; i < import->n_tables; i++)
    {
      import->tables[i].seen = FALSE;
      import->tables[i].count = 0;
    }
  return read_document (&r);
}
