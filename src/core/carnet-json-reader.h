/* carnet-json-reader.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A pull reader of JSON from a stream, for files no one here wrote: it checks the syntax, the
 * UTF-8 and the limits as it goes, and holds only the current token, so that a national
 * export of 200 MB is read in a few megabytes. */

/* Containers deeper than this are refused. */
#define CARNET_JSON_MAX_DEPTH 64
/* Strings longer than this (in bytes, decoded) are refused. */
#define CARNET_JSON_MAX_STRING (1024 * 1024)

typedef enum
{
  CARNET_JSON_BEGIN_OBJECT,
  CARNET_JSON_END_OBJECT,
  CARNET_JSON_BEGIN_ARRAY,
  CARNET_JSON_END_ARRAY,
  CARNET_JSON_MEMBER,        /* the name of an object's member: carnet_json_reader_get_string() */
  CARNET_JSON_STRING,
  CARNET_JSON_NUMBER,
  CARNET_JSON_TRUE,
  CARNET_JSON_FALSE,
  CARNET_JSON_NULL,
  CARNET_JSON_END,           /* the end of the document */
  CARNET_JSON_ERROR,         /* see carnet_json_reader_get_error() */
} CarnetJsonEvent;

typedef enum
{
  CARNET_JSON_ERROR_READ,    /* the stream failed */
  CARNET_JSON_ERROR_SYNTAX,  /* not JSON, truncated, invalid UTF-8, too deep, too long */
} CarnetJsonErrorKind;

typedef struct _CarnetJsonReader CarnetJsonReader;

CarnetJsonReader *carnet_json_reader_new         (GInputStream      *stream,
                                                  GCancellable      *cancellable);
void              carnet_json_reader_free        (CarnetJsonReader  *self);

CarnetJsonEvent   carnet_json_reader_next        (CarnetJsonReader  *self);

/* Where the current token starts: lines and columns count from 1, columns in bytes. */
guint             carnet_json_reader_get_line    (CarnetJsonReader  *self);
guint             carnet_json_reader_get_column  (CarnetJsonReader  *self);
/* The depth of the current token: 0 for the document's value, 1 inside it… */
guint             carnet_json_reader_get_depth   (CarnetJsonReader  *self);

/* A STRING or MEMBER, decoded: valid UTF-8 without NUL, valid until the next token. */
const char       *carnet_json_reader_get_string  (CarnetJsonReader  *self,
                                                  gsize             *length);
/* A NUMBER as written, valid until the next token. */
const char       *carnet_json_reader_get_number  (CarnetJsonReader  *self);
/* A NUMBER without fraction or exponent that fits in 64 bits. */
gboolean          carnet_json_reader_get_int     (CarnetJsonReader  *self,
                                                  gint64            *value);
/* A NUMBER, when it is finite as a double. */
gboolean          carnet_json_reader_get_double  (CarnetJsonReader  *self,
                                                  double            *value);

/* After CARNET_JSON_ERROR: what went wrong (translated), and where. */
CarnetJsonErrorKind carnet_json_reader_get_error (CarnetJsonReader  *self,
                                                  const char       **message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetJsonReader, carnet_json_reader_free)

G_END_DECLS
