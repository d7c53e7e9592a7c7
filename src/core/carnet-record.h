/* carnet-record.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CARNET_FIELD_TEXT,      /* string, never NULL */
  CARNET_FIELD_INT,       /* gint64 within [min, max] */
  CARNET_FIELD_MONEY,     /* gint64 cents, >= 0 */
  CARNET_FIELD_BOOL,
  CARNET_FIELD_DATE,      /* "YYYY-MM-DD" or NULL */
  CARNET_FIELD_TIMESTAMP, /* ISO 8601 UTC, or NULL */
  CARNET_FIELD_CHOICE,    /* one slug of a fixed list */
  CARNET_FIELD_LINK,      /* the UUID of another record, or NULL */
  CARNET_FIELD_REAL,      /* double, NAN when unset */
} CarnetFieldType;

typedef struct
{
  const char *slug;
  const char *label;      /* English, marked N_(): translate with _() to show */
} CarnetChoice;

typedef struct
{
  const char         *name;      /* the property: "end-planned" */
  const char         *column;    /* the SQL column and JSON key: "end_planned" */
  CarnetFieldType     type;
  const char         *label;     /* English, marked N_() */
  gboolean            required;  /* TEXT not empty, LINK/DATE not NULL */
  const CarnetChoice *choices;   /* CHOICE: terminated by { NULL, NULL }; the first is the default */
  const char         *link_kind; /* LINK: the kind of record linked to ("commune") */
  gint64              min;       /* INT */
  gint64              max;
} CarnetField;

#define CARNET_TYPE_RECORD (carnet_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (CarnetRecord, carnet_record, CARNET, RECORD, GObject)

struct _CarnetRecordClass
{
  GObjectClass       parent_class;

  const char        *table;      /* "actions" */
  const char        *kind;       /* "action" */
  const char        *order_by;   /* SQL for lists */
  const char        *title_field;
  gboolean           searchable; /* has a <table>_fts index */
  const CarnetField *fields;
  guint              n_fields;
};

void               carnet_record_class_install_fields (CarnetRecordClass  *klass,
                                                       const char         *table,
                                                       const char         *kind,
                                                       const CarnetField  *fields,
                                                       guint               n_fields);
const CarnetField *carnet_record_class_find_field     (CarnetRecordClass  *klass,
                                                       const char         *name);
GType              carnet_record_type_from_kind       (const char         *kind);

gint64             carnet_record_get_id               (CarnetRecord       *self);
const char        *carnet_record_get_uuid             (CarnetRecord       *self);
const char        *carnet_record_get_created_at       (CarnetRecord       *self);
const char        *carnet_record_get_updated_at       (CarnetRecord       *self);
const char        *carnet_record_get_deleted_at       (CarnetRecord       *self);
const char        *carnet_record_get_kind             (CarnetRecord       *self);
const char        *carnet_record_get_title            (CarnetRecord       *self);

const GValue      *carnet_record_get_value            (CarnetRecord       *self,
                                                       const char         *field);
const char        *carnet_record_get_string           (CarnetRecord       *self,
                                                       const char         *field);
gint64             carnet_record_get_int              (CarnetRecord       *self,
                                                       const char         *field);
gboolean           carnet_record_get_bool             (CarnetRecord       *self,
                                                       const char         *field);
double             carnet_record_get_real             (CarnetRecord       *self,
                                                       const char         *field);
void               carnet_record_set_value            (CarnetRecord       *self,
                                                       const char         *field,
                                                       const GValue       *value);
void               carnet_record_set_string           (CarnetRecord       *self,
                                                       const char         *field,
                                                       const char         *value);
void               carnet_record_set_int              (CarnetRecord       *self,
                                                       const char         *field,
                                                       gint64              value);
void               carnet_record_set_bool             (CarnetRecord       *self,
                                                       const char         *field,
                                                       gboolean            value);
void               carnet_record_set_real             (CarnetRecord       *self,
                                                       const char         *field,
                                                       double              value);
gboolean           carnet_record_validate             (CarnetRecord       *self,
                                                       GError            **error);

GType              carnet_field_value_type            (const CarnetField  *field);
gboolean           carnet_field_parse                 (const CarnetField  *field,
                                                       const char         *text,
                                                       GValue             *value,
                                                       GError            **error);
char              *carnet_field_format                (const CarnetField  *field,
                                                       const GValue       *value);
gboolean           carnet_field_check                 (const CarnetField  *field,
                                                       const GValue       *value,
                                                       GError            **error);
const char        *carnet_field_choice_label          (const CarnetField  *field,
                                                       const char         *slug);

/* For the store only: identity and bookkeeping columns, set without notification checks. */
void               _carnet_record_set_meta            (CarnetRecord       *self,
                                                       gint64              id,
                                                       const char         *uuid,
                                                       const char         *created_at,
                                                       const char         *updated_at,
                                                       const char         *deleted_at);
GValue            *_carnet_record_peek_values         (CarnetRecord       *self);

G_END_DECLS
