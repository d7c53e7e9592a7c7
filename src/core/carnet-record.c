/* carnet-record.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-record"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "carnet-db.h"
#include "carnet-format.h"
#include "carnet-record.h"

/* A record is one row. Each subclass describes its columns once, in a CarnetField table;
 * from it come the GObject properties the widgets bind to, the SQL the store writes, the
 * validation and the text forms used by the CLI and the exports. */

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *created_at;
  char   *updated_at;
  char   *deleted_at;
  GValue *values;
} CarnetRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CarnetRecord, carnet_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GHashTable *kinds;

static void carnet_record_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec);
static void carnet_record_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec);

static void field_default (const CarnetField *field,
                           GValue            *value);

/* The values are allocated on first use: while the base class's instance init runs, the
 * instance still has the base class, which does not know the subclass's fields. */
static GValue *
values_of (CarnetRecord *self)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  if (priv->values == NULL)
    {
      CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (self);

      priv->values = g_new0 (GValue, MAX (klass->n_fields, 1));
      for (guint i = 0; i < klass->n_fields; i++)
        field_default (&klass->fields[i], &priv->values[i]);
    }
  return priv->values;
}

GType
carnet_field_value_type (const CarnetField *field)
{
  switch (field->type)
    {
    case CARNET_FIELD_INT:
    case CARNET_FIELD_MONEY:
      return G_TYPE_INT64;
    case CARNET_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case CARNET_FIELD_REAL:
      return G_TYPE_DOUBLE;
    case CARNET_FIELD_TEXT:
    case CARNET_FIELD_DATE:
    case CARNET_FIELD_TIMESTAMP:
    case CARNET_FIELD_CHOICE:
    case CARNET_FIELD_LINK:
    default:
      return G_TYPE_STRING;
    }
}

static void
field_default (const CarnetField *field,
               GValue            *value)
{
  g_value_init (value, carnet_field_value_type (field));
  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
      g_value_set_static_string (value, "");
      break;
    case CARNET_FIELD_CHOICE:
      g_value_set_static_string (value, field->choices[0].slug);
      break;
    case CARNET_FIELD_INT:
      g_value_set_int64 (value, MAX (field->min, 0));
      break;
    case CARNET_FIELD_REAL:
      g_value_set_double (value, NAN);
      break;
    case CARNET_FIELD_MONEY:
    case CARNET_FIELD_BOOL:
    case CARNET_FIELD_DATE:
    case CARNET_FIELD_TIMESTAMP:
    case CARNET_FIELD_LINK:
    default:
      break;
    }
}

static GParamSpec *
field_pspec (const CarnetField *field)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
      return g_param_spec_string (field->name, NULL, NULL, "", flags);
    case CARNET_FIELD_CHOICE:
      return g_param_spec_string (field->name, NULL, NULL, field->choices[0].slug, flags);
    case CARNET_FIELD_INT:
      return g_param_spec_int64 (field->name, NULL, NULL, field->min, field->max,
                                 MAX (field->min, 0), flags);
    case CARNET_FIELD_MONEY:
      return g_param_spec_int64 (field->name, NULL, NULL, 0, G_MAXINT64, 0, flags);
    case CARNET_FIELD_BOOL:
      return g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
    case CARNET_FIELD_REAL:
      /* NAN (unset) is the instance default; a pspec default must lie in range. NAN is in
       * no range either: lax validation lets it be set without a critical. */
      return g_param_spec_double (field->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                  flags | G_PARAM_LAX_VALIDATION);
    case CARNET_FIELD_DATE:
    case CARNET_FIELD_TIMESTAMP:
    case CARNET_FIELD_LINK:
    default:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    }
}

/**
 * carnet_record_class_install_fields:
 *
 * Called from a subclass's class_init: installs one property per field. Property ids
 * are the field's index + 1 in the subclass's own numbering.
 */
void
carnet_record_class_install_fields (CarnetRecordClass *klass,
                                    const char        *table,
                                    const char        *kind,
                                    const CarnetField *fields,
                                    guint              n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* GObject does not inherit these two: each class that installs properties sets them. */
  object_class->get_property = carnet_record_get_property;
  object_class->set_property = carnet_record_set_property;

  klass->table = table;
  klass->kind = kind;
  klass->fields = fields;
  klass->n_fields = n_fields;

  for (guint i = 0; i < n_fields; i++)
    g_object_class_install_property (object_class, i + 1, field_pspec (&fields[i]));

  if (kinds == NULL)
    kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (kinds, (gpointer)kind, GSIZE_TO_POINTER (G_TYPE_FROM_CLASS (klass)));
}

/**
 * carnet_record_type_from_kind:
 * @kind: “commune”, “action”…
 *
 * Returns: the record type, or %G_TYPE_INVALID. Only types whose class was initialised are
 *   known: the store does that for every type at start.
 */
GType
carnet_record_type_from_kind (const char *kind)
{
  if (kinds == NULL || kind == NULL)
    return G_TYPE_INVALID;
  return (GType)GPOINTER_TO_SIZE (g_hash_table_lookup (kinds, kind));
}

/**
 * carnet_record_class_find_field:
 * @name: a property name (“end-planned”) or a column name (“end_planned”)
 */
const CarnetField *
carnet_record_class_find_field (CarnetRecordClass *klass,
                                const char        *name)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, name) == 0 || strcmp (klass->fields[i].column, name) == 0)
      return &klass->fields[i];
  return NULL;
}

static int
field_index (CarnetRecord *self,
             const char   *name)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (self);
  const CarnetField *field = carnet_record_class_find_field (klass, name);

  return field != NULL ? (int)(field - klass->fields) : -1;
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_STRING:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case G_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_BOOLEAN:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    case G_TYPE_DOUBLE:
      {
        double x = g_value_get_double (a), y = g_value_get_double (b);
        return (isnan (x) && isnan (y)) || x == y;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
carnet_record_finalize (GObject *object)
{
  CarnetRecord *self = (CarnetRecord *)object;
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (self);

  if (priv->values != NULL)
    for (guint i = 0; i < klass->n_fields; i++)
      g_value_unset (&priv->values[i]);
  g_free (priv->values);
  g_free (priv->uuid);
  g_free (priv->created_at);
  g_free (priv->updated_at);
  g_free (priv->deleted_at);

  G_OBJECT_CLASS (carnet_record_parent_class)->finalize (object);
}

static void
carnet_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarnetRecord *self = CARNET_RECORD (object);
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  if (pspec->owner_type != CARNET_TYPE_RECORD)
    {
      g_value_copy (&values_of (self)[prop_id - 1], value);
      return;
    }

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    case PROP_DELETED_AT:
      g_value_set_string (value, priv->deleted_at);
      break;
    case PROP_TITLE:
      g_value_set_string (value, carnet_record_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_record_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarnetRecord *self = CARNET_RECORD (object);
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (self);
  GValue *slot;

  if (pspec->owner_type == CARNET_TYPE_RECORD)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  slot = &values_of (self)[prop_id - 1];
  if (values_equal (slot, value))
    return;
  g_value_copy (value, slot);
  g_object_notify_by_pspec (object, pspec);
  /* A field called “title” shadows the base property: its own notification is enough. */
  if (klass->title_field != NULL && strcmp (klass->title_field, pspec->name) == 0 &&
      strcmp (pspec->name, "title") != 0)
    g_object_notify_by_pspec (object, properties[PROP_TITLE]);
}

static void
carnet_record_class_init (CarnetRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carnet_record_finalize;
  object_class->get_property = carnet_record_get_property;
  object_class->set_property = carnet_record_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED_AT] =
    g_param_spec_string ("deleted-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Subclasses own property ids from 1; ours live in the base class's own id space. */
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carnet_record_init (CarnetRecord *self)
{
}

gint64
carnet_record_get_id (CarnetRecord *self)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  g_return_val_if_fail (CARNET_IS_RECORD (self), 0);

  return priv->id;
}

/**
 * carnet_record_get_uuid:
 *
 * Returns: (nullable): the record's UUID, %NULL until the store inserted it
 */
const char *
carnet_record_get_uuid (CarnetRecord *self)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  return priv->uuid;
}

const char *
carnet_record_get_created_at (CarnetRecord *self)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  return priv->created_at;
}

const char *
carnet_record_get_updated_at (CarnetRecord *self)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  return priv->updated_at;
}

/**
 * carnet_record_get_deleted_at:
 *
 * Returns: (nullable): when the record was deleted (it is then a tombstone), or %NULL
 */
const char *
carnet_record_get_deleted_at (CarnetRecord *self)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);

  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  return priv->deleted_at;
}

const char *
carnet_record_get_kind (CarnetRecord *self)
{
  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  return CARNET_RECORD_GET_CLASS (self)->kind;
}

/**
 * carnet_record_get_title:
 *
 * Returns: what names the record in a list: a commune's name, an action's title…
 */
const char *
carnet_record_get_title (CarnetRecord *self)
{
  CarnetRecordClass *klass;

  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  klass = CARNET_RECORD_GET_CLASS (self);
  if (klass->title_field == NULL)
    return "";
  return carnet_record_get_string (self, klass->title_field);
}

/**
 * carnet_record_get_value:
 * @field: a property or column name
 *
 * Returns: (transfer none) (nullable): the field's value, or %NULL for an unknown field
 */
const GValue *
carnet_record_get_value (CarnetRecord *self,
                         const char   *field)
{
  int i;

  g_return_val_if_fail (CARNET_IS_RECORD (self), NULL);

  i = field_index (self, field);
  if (i < 0)
    {
      g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (self), field);
      return NULL;
    }
  return &values_of (self)[i];
}

const char *
carnet_record_get_string (CarnetRecord *self,
                          const char   *field)
{
  const GValue *value = carnet_record_get_value (self, field);

  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_STRING (value), NULL);
  return g_value_get_string (value);
}

gint64
carnet_record_get_int (CarnetRecord *self,
                       const char   *field)
{
  const GValue *value = carnet_record_get_value (self, field);

  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_INT64 (value), 0);
  return g_value_get_int64 (value);
}

gboolean
carnet_record_get_bool (CarnetRecord *self,
                        const char   *field)
{
  const GValue *value = carnet_record_get_value (self, field);

  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_BOOLEAN (value), FALSE);
  return g_value_get_boolean (value);
}

double
carnet_record_get_real (CarnetRecord *self,
                        const char   *field)
{
  const GValue *value = carnet_record_get_value (self, field);

  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_DOUBLE (value), NAN);
  return g_value_get_double (value);
}

void
carnet_record_set_value (CarnetRecord *self,
                         const char   *field,
                         const GValue *value)
{
  CarnetRecordClass *klass;
  const CarnetField *f;

  g_return_if_fail (CARNET_IS_RECORD (self));

  klass = CARNET_RECORD_GET_CLASS (self);
  f = carnet_record_class_find_field (klass, field);
  g_return_if_fail (f != NULL);
  g_object_set_property (G_OBJECT (self), f->name, value);
}

void
carnet_record_set_string (CarnetRecord *self,
                          const char   *field,
                          const char   *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  carnet_record_set_value (self, field, &v);
}

void
carnet_record_set_int (CarnetRecord *self,
                       const char   *field,
                       gint64        value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value);
  carnet_record_set_value (self, field, &v);
}

void
carnet_record_set_bool (CarnetRecord *self,
                        const char   *field,
                        gboolean      value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  carnet_record_set_value (self, field, &v);
}

void
carnet_record_set_real (CarnetRecord *self,
                        const char   *field,
                        double        value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  carnet_record_set_value (self, field, &v);
}

const char *
carnet_field_choice_label (const CarnetField *field,
                           const char        *slug)
{
  if (field->choices == NULL || slug == NULL)
    return NULL;
  for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
    if (strcmp (c->slug, slug) == 0)
      return _(c->label);
  return NULL;
}

/* “%s must be between 0 and 100”, the bounds written as people read them. */
static void
set_range_error (GError            **error,
                 const CarnetField  *field)
{
  g_autofree char *min = carnet_format_count (field->min);
  g_autofree char *max = carnet_format_count (field->max);

  g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
               _("%s must be between %s and %s"), _(field->label), min, max);
}

static gboolean
is_uuid (const char *s)
{
  return s != NULL && g_uuid_string_is_valid (s);
}

/**
 * carnet_field_check:
 *
 * Checks a value against the field's rules. The messages name the field, in the
 * interface language.
 */
gboolean
carnet_field_check (const CarnetField  *field,
                    const GValue       *value,
                    GError            **error)
{
  const char *s = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
      if (s == NULL || !g_utf8_validate (s, -1, NULL))
        goto invalid;
      if (field->required && *s == '\0')
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("%s cannot be empty"), _(field->label));
          return FALSE;
        }
      return TRUE;
    case CARNET_FIELD_DATE:
      if (s == NULL && !field->required)
        return TRUE;
      if (!carnet_date_is_valid (s))
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("%s must be a date"), _(field->label));
          return FALSE;
        }
      return TRUE;
    case CARNET_FIELD_TIMESTAMP:
      {
        g_autoptr(GDateTime) dt = NULL;

        if (s == NULL && !field->required)
          return TRUE;
        dt = s != NULL ? g_date_time_new_from_iso8601 (s, NULL) : NULL;
        if (dt == NULL)
          goto invalid;
        return TRUE;
      }
    case CARNET_FIELD_CHOICE:
      if (carnet_field_choice_label (field, s) == NULL)
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("%s cannot be “%s”"), _(field->label), s != NULL ? s : "");
          return FALSE;
        }
      return TRUE;
    case CARNET_FIELD_LINK:
      if (s == NULL && !field->required)
        return TRUE;
      if (!is_uuid (s))
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("%s is missing"), _(field->label));
          return FALSE;
        }
      return TRUE;
    case CARNET_FIELD_INT:
      if (g_value_get_int64 (value) < field->min || g_value_get_int64 (value) > field->max)
        {
          set_range_error (error, field);
          return FALSE;
        }
      return TRUE;
    case CARNET_FIELD_MONEY:
      if (g_value_get_int64 (value) < 0)
        {
          g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                       _("%s cannot be negative"), _(field->label));
          return FALSE;
        }
      return TRUE;
    case CARNET_FIELD_REAL:
      {
        double d = g_value_get_double (value);

        if (isnan (d))
          return !field->required;
        if (!isfinite (d) || d < (double)field->min || d > (double)field->max)
          {
            set_range_error (error, field);
            return FALSE;
          }
        return TRUE;
      }
    case CARNET_FIELD_BOOL:
      return TRUE;
    default:
      break;
    }

invalid:
  g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
               _("%s is not valid"), _(field->label));
  return FALSE;
}

gboolean
carnet_record_validate (CarnetRecord  *self,
                        GError       **error)
{
  CarnetRecordClass *klass = CARNET_RECORD_GET_CLASS (self);

  GValue *values = values_of (self);

  for (guint i = 0; i < klass->n_fields; i++)
    if (!carnet_field_check (&klass->fields[i], &values[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char *yes[] = { "1", "oui", "o", "yes", "y", "true", "vrai", "x" };
  static const char *no[] = { "0", "non", "n", "no", "false", "faux", "" };
  g_autofree char *s = g_ascii_strdown (text, -1);

  g_strstrip (s);
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (s, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (s, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* Finds a choice by slug or by its label in English or in the interface language, folded. */
static const char *
parse_choice (const CarnetField *field,
              const char        *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *want = g_ascii_strdown (g_strstrip (ascii), -1);

  g_strdelimit (want, " -'", '_');
  for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
    {
      const char *labels[] = { c->label, _(c->label) };

      if (strcmp (c->slug, want) == 0)
        return c->slug;
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *la = g_str_to_ascii (labels[i], "C");
          g_autofree char *l = g_ascii_strdown (la, -1);

          g_strdelimit (l, " -'", '_');
          if (strcmp (l, want) == 0)
            return c->slug;
        }
    }
  return NULL;
}

/**
 * carnet_field_parse:
 * @text: what a person typed: “12/03/2026”, “1 234,50”, “oui”, “En cours”…
 * @value: (out caller-allocates): an unset #GValue, initialised here
 *
 * Turns text into the field's value and checks it.
 */
gboolean
carnet_field_parse (const CarnetField  *field,
                    const char         *text,
                    GValue             *value,
                    GError            **error)
{
  g_autoptr(GError) local = NULL;

  g_value_init (value, carnet_field_value_type (field));
  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                   _("%s is not valid UTF-8 text"), _(field->label));
      return FALSE;
    }

  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
      g_value_set_string (value, text);
      break;
    case CARNET_FIELD_TIMESTAMP:
    case CARNET_FIELD_LINK:
      g_value_set_string (value, *text != '\0' ? text : NULL);
      break;
    case CARNET_FIELD_DATE:
      {
        char *iso = NULL;

        if (!carnet_parse_date (text, &iso, &local))
          goto failed;
        g_value_take_string (value, iso);
        break;
      }
    case CARNET_FIELD_CHOICE:
      {
        const char *slug = parse_choice (field, text);
        g_autoptr(GString) known = g_string_new (NULL);

        if (slug != NULL)
          {
            g_value_set_static_string (value, slug);
            break;
          }
        for (const CarnetChoice *c = field->choices; c->slug != NULL; c++)
          g_string_append_printf (known, "%s%s", known->len ? ", " : "", _(c->label));
        g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                     _("%s cannot be “%s” (possible: %s)"), _(field->label), text, known->str);
        return FALSE;
      }
    case CARNET_FIELD_INT:
      {
        gint64 n;

        if (!carnet_parse_integer (text, &n, &local))
          goto failed;
        g_value_set_int64 (value, n);
        break;
      }
    case CARNET_FIELD_MONEY:
      {
        gint64 cents;

        if (!carnet_parse_money (text, &cents, &local))
          goto failed;
        g_value_set_int64 (value, cents);
        break;
      }
    case CARNET_FIELD_BOOL:
      {
        gboolean b;

        if (!parse_bool (text, &b))
          {
            g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                         _("%s must be yes or no, not “%s”"), _(field->label), text);
            return FALSE;
          }
        g_value_set_boolean (value, b);
        break;
      }
    case CARNET_FIELD_REAL:
      {
        g_autofree char *s = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));
        char *end = NULL;
        double d;

        if (*s == '\0')
          {
            g_value_set_double (value, NAN);
            break;
          }
        d = g_ascii_strtod (s, &end);
        if (end == s || *end != '\0')
          {
            g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                         _("%s must be a number, not “%s”"), _(field->label), text);
            return FALSE;
          }
        g_value_set_double (value, d);
        break;
      }
    default:
      g_assert_not_reached ();
    }

  return carnet_field_check (field, value, error);

failed:
  g_set_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
               "%s: %s", _(field->label), local->message);
  return FALSE;
}

/**
 * carnet_field_format:
 *
 * Returns: the value as a person reads it: “12 mars 2026”, “1 234,50 €”, “oui”, the
 *   translated label of a choice; a link or timestamp as it is.
 */
char *
carnet_field_format (const CarnetField *field,
                     const GValue      *value)
{
  switch (field->type)
    {
    case CARNET_FIELD_TEXT:
    case CARNET_FIELD_TIMESTAMP:
    case CARNET_FIELD_LINK:
      return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
    case CARNET_FIELD_DATE:
      return carnet_format_date (g_value_get_string (value));
    case CARNET_FIELD_CHOICE:
      return g_strdup (carnet_field_choice_label (field, g_value_get_string (value)));
    case CARNET_FIELD_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
    case CARNET_FIELD_MONEY:
      return carnet_format_money (g_value_get_int64 (value));
    case CARNET_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (value) ? _("yes") : _("no"));
    case CARNET_FIELD_REAL:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (isnan (g_value_get_double (value)))
          return g_strdup ("");
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6f", g_value_get_double (value)));
      }
    default:
      g_assert_not_reached ();
    }
}

void
_carnet_record_set_meta (CarnetRecord *self,
                         gint64        id,
                         const char   *uuid,
                         const char   *created_at,
                         const char   *updated_at,
                         const char   *deleted_at)
{
  CarnetRecordPrivate *priv = carnet_record_get_instance_private (self);
  gboolean deleted_changed = g_strcmp0 (priv->deleted_at, deleted_at) != 0;
  gboolean updated_changed = g_strcmp0 (priv->updated_at, updated_at) != 0;

  priv->id = id;
  g_set_str (&priv->uuid, uuid);
  g_set_str (&priv->created_at, created_at);
  g_set_str (&priv->updated_at, updated_at);
  g_set_str (&priv->deleted_at, deleted_at);

  if (updated_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
  if (deleted_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

GValue *
_carnet_record_peek_values (CarnetRecord *self)
{
  return values_of (self);
}
