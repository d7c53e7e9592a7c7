/* carnet-json-reader.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "carnet-json-reader.h"

/* JSON (RFC 8259) read a token at a time from a buffer refilled from the stream. The reader
 * keeps the grammar itself (a stack of open containers and what may come next), so that its
 * caller sees only well-formed events and never has to recurse; and it never holds more
 * than one token, whatever the size of the file. */

#define BUFFER_SIZE (64 * 1024)
/* Longer numbers are refused: no number Carnet writes needs more than 25 characters. */
#define NUMBER_MAX 64

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_END,   /* just after “[” */
  EXPECT_KEY,            /* after “,” in an object */
  EXPECT_KEY_OR_END,     /* just after “{” */
  EXPECT_SEPARATOR,      /* after a value in a container: “,” or its end */
  EXPECT_NOTHING,        /* after the document's value */
} Expect;

struct _CarnetJsonReader
{
  GInputStream        *stream;
  GCancellable        *cancellable;
  guint8              *buffer;
  gsize                pos;
  gsize                len;
  guint64              offset;       /* of buffer[0] in the stream */
  gboolean             eof;

  guint                line;
  guint64              line_start;   /* the offset of the current line's first byte */
  guint                token_line;
  guint                token_column;
  guint                token_depth;

  char                 stack[CARNET_JSON_MAX_DEPTH];
  guint                depth;
  Expect               expect;
  gboolean             started;

  GString             *string;
  char                 number[NUMBER_MAX + 1];
  gboolean             number_is_integer;

  gboolean             failed;
  CarnetJsonErrorKind  error_kind;
  char                *error_message;
};

static gboolean fail (CarnetJsonReader    *self,
                      CarnetJsonErrorKind  kind,
                      gboolean             here,
                      const char          *format,
                      ...) G_GNUC_PRINTF (4, 5);

static guint
column_here (CarnetJsonReader *self)
{
  return (guint)MIN (self->offset + self->pos - self->line_start + 1, G_MAXUINT);
}

/* Records the failure. @here: at the current byte, rather than at the token's start. */
static gboolean
fail (CarnetJsonReader    *self,
      CarnetJsonErrorKind  kind,
      gboolean             here,
      const char          *format,
      ...)
{
  va_list args;

  if (self->failed)
    return FALSE;
  self->failed = TRUE;
  self->error_kind = kind;
  va_start (args, format);
  self->error_message = g_strdup_vprintf (format, args);
  va_end (args);
  if (here)
    {
      self->token_line = self->line;
      self->token_column = column_here (self);
    }
  return FALSE;
}

static gboolean
fail_truncated (CarnetJsonReader *self)
{
  if (self->failed)
    return FALSE;
  if (!self->started)
    return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("The file is empty"));
  return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
               _("The file ends too early: it was cut short"));
}

static gboolean
fill (CarnetJsonReader *self)
{
  g_autoptr(GError) error = NULL;
  gssize n;

  if (self->eof || self->failed)
    return FALSE;
  self->offset += self->len;
  self->pos = 0;
  self->len = 0;
  n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, self->cancellable, &error);
  if (n < 0)
    return fail (self, CARNET_JSON_ERROR_READ, TRUE, "%s", error->message);
  if (n == 0)
    {
      self->eof = TRUE;
      return FALSE;
    }
  self->len = n;
  return TRUE;
}

/* The next byte, or -1 at the end of the stream (or on a read error: see ->failed). */
static inline int
peek (CarnetJsonReader *self)
{
  if (self->pos < self->len || fill (self))
    return self->buffer[self->pos];
  return -1;
}

static int
skip_space (CarnetJsonReader *self)
{
  for (;;)
    {
      while (self->pos < self->len)
        {
          guint8 c = self->buffer[self->pos];

          if (c == ' ' || c == '\t' || c == '\r')
            self->pos++;
          else if (c == '\n')
            {
              self->pos++;
              self->line++;
              self->line_start = self->offset + self->pos;
            }
          else
            return c;
        }
      if (!fill (self))
        return -1;
    }
}

static gboolean
fail_unexpected (CarnetJsonReader *self,
                 int               c)
{
  if (c < 0)
    return fail_truncated (self);
  if (!self->started)
    return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                 _("This is not a JSON file: it does not start with “{”"));
  if (c > 0x20 && c < 0x7f)
    return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("Unexpected character “%c”"), c);
  return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("Unexpected byte 0x%02X"), (guint)c);
}

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits after “\u”. */
static gboolean
read_hex4 (CarnetJsonReader *self,
           gunichar         *out)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int c = peek (self);
      int h = hex_value (c);

      if (c < 0)
        return fail_truncated (self);
      if (h < 0)
        return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                     _("“\\u” must be followed by four hexadecimal digits"));
      value = value * 16 + h;
      self->pos++;
    }
  *out = value;
  return TRUE;
}

static gboolean
read_escape (CarnetJsonReader *self)
{
  int c = peek (self);
  gunichar u, low;

  if (c < 0)
    return fail_truncated (self);
  self->pos++;
  switch (c)
    {
    case '"': g_string_append_c (self->string, '"'); return TRUE;
    case '\\': g_string_append_c (self->string, '\\'); return TRUE;
    case '/': g_string_append_c (self->string, '/'); return TRUE;
    case 'b': g_string_append_c (self->string, '\b'); return TRUE;
    case 'f': g_string_append_c (self->string, '\f'); return TRUE;
    case 'n': g_string_append_c (self->string, '\n'); return TRUE;
    case 'r': g_string_append_c (self->string, '\r'); return TRUE;
    case 't': g_string_append_c (self->string, '\t'); return TRUE;
    case 'u':
      break;
    default:
      self->pos--;
      return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("Unknown escape “\\%c” in a string"),
                   c > 0x20 && c < 0x7f ? c : '?');
    }

  if (!read_hex4 (self, &u))
    return FALSE;
  if (u >= 0xdc00 && u <= 0xdfff)
    return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                 _("A string holds half of a character (a lone “\\u%04X”)"), u);
  if (u >= 0xd800 && u <= 0xdbff)
    {
      if (peek (self) != '\\')
        return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                     _("A string holds half of a character (a lone “\\u%04X”)"), u);
      self->pos++;
      if (peek (self) != 'u')
        return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                     _("A string holds half of a character (a lone “\\u%04X”)"), u);
      self->pos++;
      if (!read_hex4 (self, &low))
        return FALSE;
      if (low < 0xdc00 || low > 0xdfff)
        return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                     _("A string holds half of a character (a lone “\\u%04X”)"), u);
      u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
    }
  if (u == 0)
    return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                 _("A string holds a NUL character (“\\u0000”)"));
  g_string_append_unichar (self->string, u);
  return TRUE;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether eight bytes hold one that ends a run of plain characters in a string: a quote, a
 * backslash or a control character (the word-at-a-time tests of “Bit Twiddling Hacks”). */
static inline gboolean
has_stop (guint64 x)
{
  guint64 quote = x ^ (ONES * '"');
  guint64 backslash = x ^ (ONES * '\\');

  return ((((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) |
           ((x - ONES * 0x20) & ~x)) & HIGHS) != 0;
}

/* After the opening quote. */
static gboolean
read_string (CarnetJsonReader *self)
{
  guint64 seen_words = 0;
  guint8 seen = 0;

  g_string_truncate (self->string, 0);
  for (;;)
    {
      gsize start = self->pos;
      guint8 c;

      /* Eight bytes at a time where nothing stops, then byte by byte up to what does. */
      while (self->len - self->pos >= 8)
        {
          guint64 x;

          memcpy (&x, self->buffer + self->pos, 8);
          if (has_stop (x))
            break;
          seen_words |= x;
          self->pos += 8;
        }
      while (self->pos < self->len)
        {
          c = self->buffer[self->pos];
          if (c == '"' || c == '\\' || c < 0x20)
            break;
          seen |= c;
          self->pos++;
        }
      g_string_append_len (self->string, (const char *)self->buffer + start, self->pos - start);
      if (self->string->len > CARNET_JSON_MAX_STRING)
        return fail (self, CARNET_JSON_ERROR_SYNTAX, FALSE,
                     _("A string is too long (more than %u bytes)"), CARNET_JSON_MAX_STRING);
      if (self->pos == self->len)
        {
          if (!fill (self))
            return fail_truncated (self);
          continue;
        }

      c = self->buffer[self->pos++];
      if (c == '"')
        break;
      if (c == '\\')
        {
          if (!read_escape (self))
            return FALSE;
          continue;
        }
      self->pos--;
      if (c == 0)
        return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("A string holds a NUL byte"));
      if (c == '\n')
        return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                     _("A string is not closed before the end of the line"));
      return fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                   _("A string holds a control character (0x%02X): write it as an escape"),
                   (guint)c);
    }

  if (((seen & 0x80) != 0 || (seen_words & HIGHS) != 0) &&
      !g_utf8_validate_len (self->string->str, self->string->len, NULL))
    return fail (self, CARNET_JSON_ERROR_SYNTAX, FALSE,
                 _("A string is not valid UTF-8 text"));
  return TRUE;
}

/* JSON's grammar of numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
number_is_valid (const char *s,
                 gboolean   *integer)
{
  *integer = TRUE;
  if (*s == '-')
    s++;
  if (*s == '0')
    s++;
  else if (g_ascii_isdigit (*s))
    while (g_ascii_isdigit (*s))
      s++;
  else
    return FALSE;
  if (*s == '.')
    {
      *integer = FALSE;
      s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s == 'e' || *s == 'E')
    {
      *integer = FALSE;
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  return *s == '\0';
}

static gboolean
read_number (CarnetJsonReader *self)
{
  guint n = 0;
  int c;

  while ((c = peek (self)) >= 0 &&
         (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
    {
      if (n == NUMBER_MAX)
        return fail (self, CARNET_JSON_ERROR_SYNTAX, FALSE,
                     _("A number is too long (more than %u characters)"), NUMBER_MAX);
      self->number[n++] = c;
      self->pos++;
    }
  if (self->failed)
    return FALSE;
  self->number[n] = '\0';
  if (!number_is_valid (self->number, &self->number_is_integer))
    return fail (self, CARNET_JSON_ERROR_SYNTAX, FALSE, _("“%s” is not a number"), self->number);
  return TRUE;
}

static gboolean
read_word (CarnetJsonReader *self,
           const char       *word)
{
  for (const char *w = word; *w != '\0'; w++)
    {
      int c = peek (self);

      if (c != *w)
        return c < 0 ? fail_truncated (self) : fail_unexpected (self, c);
      self->pos++;
    }
  return TRUE;
}

static CarnetJsonEvent
after_value (CarnetJsonReader *self,
             CarnetJsonEvent   event)
{
  self->expect = self->depth == 0 ? EXPECT_NOTHING : EXPECT_SEPARATOR;
  return event;
}

static CarnetJsonEvent
close_container (CarnetJsonReader *self)
{
  char open = self->stack[--self->depth];

  self->pos++;
  self->token_depth = self->depth;
  return after_value (self, open == '{' ? CARNET_JSON_END_OBJECT : CARNET_JSON_END_ARRAY);
}

static CarnetJsonEvent
open_container (CarnetJsonReader *self,
                char              open)
{
  if (self->depth == CARNET_JSON_MAX_DEPTH)
    {
      fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
            _("The document is nested too deeply (more than %u levels)"), CARNET_JSON_MAX_DEPTH);
      return CARNET_JSON_ERROR;
    }
  self->pos++;
  self->stack[self->depth++] = open;
  self->expect = open == '{' ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END;
  return open == '{' ? CARNET_JSON_BEGIN_OBJECT : CARNET_JSON_BEGIN_ARRAY;
}

static CarnetJsonEvent
read_value (CarnetJsonReader *self,
            int               c)
{
  gboolean ok;

  switch (c)
    {
    case '{':
    case '[':
      return open_container (self, c);
    case '"':
      self->pos++;
      ok = read_string (self);
      return ok ? after_value (self, CARNET_JSON_STRING) : CARNET_JSON_ERROR;
    case 't':
      ok = read_word (self, "true");
      return ok ? after_value (self, CARNET_JSON_TRUE) : CARNET_JSON_ERROR;
    case 'f':
      ok = read_word (self, "false");
      return ok ? after_value (self, CARNET_JSON_FALSE) : CARNET_JSON_ERROR;
    case 'n':
      ok = read_word (self, "null");
      return ok ? after_value (self, CARNET_JSON_NULL) : CARNET_JSON_ERROR;
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        {
          ok = read_number (self);
          return ok ? after_value (self, CARNET_JSON_NUMBER) : CARNET_JSON_ERROR;
        }
      fail_unexpected (self, c);
      return CARNET_JSON_ERROR;
    }
}

/* A byte-order mark, which some editors put before UTF-8 text, is let through. */
static gboolean
skip_bom (CarnetJsonReader *self)
{
  static const guint8 bom[] = { 0xef, 0xbb, 0xbf };

  if (peek (self) != bom[0])
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (bom); i++)
    {
      if (peek (self) != bom[i])
        return fail_unexpected (self, peek (self));
      self->pos++;
    }
  self->line_start = self->offset + self->pos;
  return TRUE;
}

CarnetJsonReader *
carnet_json_reader_new (GInputStream *stream,
                        GCancellable *cancellable)
{
  CarnetJsonReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (CarnetJsonReader, 1);
  self->stream = g_object_ref (stream);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->string = g_string_sized_new (256);
  self->line = 1;
  self->token_line = 1;
  self->token_column = 1;
  self->expect = EXPECT_VALUE;
  return self;
}

void
carnet_json_reader_free (CarnetJsonReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_clear_object (&self->cancellable);
  g_free (self->buffer);
  g_string_free (self->string, TRUE);
  g_free (self->error_message);
  g_free (self);
}

/**
 * carnet_json_reader_next:
 *
 * Returns: the next event; after %CARNET_JSON_END or %CARNET_JSON_ERROR, the same again
 */
CarnetJsonEvent
carnet_json_reader_next (CarnetJsonReader *self)
{
  g_return_val_if_fail (self != NULL, CARNET_JSON_ERROR);

  if (self->failed)
    return CARNET_JSON_ERROR;
  if (!self->started && !skip_bom (self))
    return CARNET_JSON_ERROR;

  for (;;)
    {
      int c = skip_space (self);

      if (self->failed)
        return CARNET_JSON_ERROR;
      self->token_line = self->line;
      self->token_column = column_here (self);
      self->token_depth = self->depth;

      switch (self->expect)
        {
        case EXPECT_NOTHING:
          if (c < 0)
            return CARNET_JSON_END;
          fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                _("Unexpected content after the end of the document"));
          return CARNET_JSON_ERROR;

        case EXPECT_SEPARATOR:
          {
            char open = self->stack[self->depth - 1];
            char close = open == '{' ? '}' : ']';

            if (c == ',')
              {
                self->pos++;
                self->expect = open == '{' ? EXPECT_KEY : EXPECT_VALUE;
                continue;
              }
            if (c == close)
              return close_container (self);
            if (c < 0)
              fail_truncated (self);
            else
              fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("“,” or “%c” was expected here"),
                    close);
            return CARNET_JSON_ERROR;
          }

        case EXPECT_KEY_OR_END:
          if (c == '}')
            return close_container (self);
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (c != '"')
            {
              if (c < 0)
                fail_truncated (self);
              else
                fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE,
                      _("A member name in quotes was expected here"));
              return CARNET_JSON_ERROR;
            }
          self->pos++;
          if (!read_string (self))
            return CARNET_JSON_ERROR;
          c = skip_space (self);
          if (c != ':')
            {
              if (c < 0)
                fail_truncated (self);
              else
                fail (self, CARNET_JSON_ERROR_SYNTAX, TRUE, _("“:” was expected here"));
              return CARNET_JSON_ERROR;
            }
          self->pos++;
          self->expect = EXPECT_VALUE;
          return CARNET_JSON_MEMBER;

        case EXPECT_VALUE_OR_END:
          if (c == ']')
            return close_container (self);
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          {
            CarnetJsonEvent event;

            if (!self->started && c >= 0 && c != '{' && c != '[')
              {
                fail_unexpected (self, c);
                return CARNET_JSON_ERROR;
              }
            if (c < 0)
              {
                fail_truncated (self);
                return CARNET_JSON_ERROR;
              }
            event = read_value (self, c);
            self->started = TRUE;
            return event;
          }

        default:
          g_assert_not_reached ();
        }
    }
}

guint
carnet_json_reader_get_line (CarnetJsonReader *self)
{
  return self->token_line;
}

guint
carnet_json_reader_get_column (CarnetJsonReader *self)
{
  return self->token_column;
}

guint
carnet_json_reader_get_depth (CarnetJsonReader *self)
{
  return self->token_depth;
}

const char *
carnet_json_reader_get_string (CarnetJsonReader *self,
                               gsize            *length)
{
  if (length != NULL)
    *length = self->string->len;
  return self->string->str;
}

const char *
carnet_json_reader_get_number (CarnetJsonReader *self)
{
  return self->number;
}

gboolean
carnet_json_reader_get_int (CarnetJsonReader *self,
                            gint64           *value)
{
  const char *s = self->number;
  gboolean negative = *s == '-';
  guint64 limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
  guint64 n = 0;

  if (!self->number_is_integer)
    return FALSE;
  if (negative)
    s++;
  for (; *s != '\0'; s++)
    {
      guint digit = *s - '0';

      if (n > (limit - digit) / 10)
        return FALSE;
      n = n * 10 + digit;
    }
  *value = negative ? (gint64)(0 - n) : (gint64)n;
  return TRUE;
}

gboolean
carnet_json_reader_get_double (CarnetJsonReader *self,
                               double           *value)
{
  double d = g_ascii_strtod (self->number, NULL);

  if (!isfinite (d))
    return FALSE;
  *value = d;
  return TRUE;
}

CarnetJsonErrorKind
carnet_json_reader_get_error (CarnetJsonReader  *self,
                              const char       **message)
{
  if (message != NULL)
    *message = self->error_message;
  return self->error_kind;
}
