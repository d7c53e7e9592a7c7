/* carnet-csv-reader.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-csv-reader.h"
#include "carnet-import-csv.h"

/* What spreadsheets write when they save as CSV: Excel in France “;”, UTF-8 with a BOM or
 * Windows-1252, CRLF; LibreOffice what it is asked; scripts RFC 4180 “,”; Excel's “Unicode
 * text” UTF-16 with tabs; old Macs a lone CR. Quoted cells may hold the separator, quotes
 * (doubled) and line breaks. The reader is lenient where a spreadsheet would be (a space
 * before a quote, text after a closing quote) and strict where guessing could import the
 * wrong thing: binary data, an unterminated quote.
 *
 * Everything is bounded, so that no file can make Carnet hang or swallow the memory: the
 * file's size, the header's columns, the rows, and the cells kept (a row's cells past the
 * header's last column are only looked at, not kept). Cells live in one pool of text, each
 * ended by a NUL, and are found by their offset in it. */

struct _CarnetCsvTable
{
  CarnetCsvEncoding  encoding;
  char               separator;
  guint              n_columns;
  GString           *pool;   /* offset 0 is the empty cell */
  GArray            *cells;  /* guint32 offsets: the header's, then n_columns per row */
  GArray            *rows;   /* Row */
};

typedef struct
{
  guint    line;
  gboolean overflow;
} Row;

/* The lines of text the separator is guessed from. */
#define DETECT_RECORDS 20

typedef struct
{
  const char *s;
  gsize       len;
  gsize       pos;
  guint       line;
  char        separator;
  GString    *pool;
} Parser;

typedef enum
{
  END_CELL,
  END_RECORD,
  END_FILE,
} CellEnd;

/* The characters of Windows-1252 from 0x80 to 0x9f; 0 where it has none. */
static const gunichar cp1252_high[32] = {
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* Helpers */

static guint
line_at (const char *s,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
      line++;
  return line;
}

static gboolean
is_control (guchar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

/* A text file has no NUL and no control character but tabs and line ends. */
static gboolean
check_text (const char  *s,
            gsize        len,
            GError     **error)
{
  for (gsize i = 0; i < len; i++)
    if (is_control ((guchar)s[i]))
      {
        g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_ENCODING,
                     _("This is not a spreadsheet saved as text (CSV): line %u holds binary "
                       "data (the byte 0x%02x)"), line_at (s, i), (guint)(guchar)s[i]);
        return FALSE;
      }
  return TRUE;
}

static char *
decode_windows_1252 (const char  *s,
                     gsize        len,
                     GError     **error)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)s[i];

      if (c < 0x80)
        g_string_append_c (out, (char)c);
      else if (c >= 0xa0)
        g_string_append_unichar (out, c);
      else if (cp1252_high[c - 0x80] != 0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        {
          g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_ENCODING,
                       _("The text of this file is neither UTF-8 nor Windows-1252 (line %u, "
                         "the byte 0x%02x): save it again as “CSV UTF-8”"),
                       line_at (s, i), (guint)c);
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  return g_string_free (out, FALSE);
}

/* Returns the text as UTF-8, without its byte order mark. */
static char *
decode (const char         *data,
        gsize               size,
        CarnetCsvEncoding  *encoding,
        gsize              *out_len,
        GError            **error)
{
  const char *end = NULL;
  char *text;

  if (size >= 2 && ((guchar)data[0] == 0xff || (guchar)data[0] == 0xfe) &&
      (guchar)data[1] == ((guchar)data[0] ^ 0x01))
    {
      const char *from = (guchar)data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      gsize written = 0;

      *encoding = CARNET_CSV_ENCODING_UTF16;
      text = g_convert (data + 2, size - 2, "UTF-8", from, NULL, &written, NULL);
      if (text == NULL)
        {
          g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_ENCODING,
                       _("This file starts like UTF-16 text but is not: save it again as "
                         "“CSV UTF-8”"));
          return NULL;
        }
      if (!check_text (text, written, error))
        {
          g_free (text);
          return NULL;
        }
      *out_len = written;
      return text;
    }

  if (!check_text (data, size, error))
    return NULL;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *encoding = CARNET_CSV_ENCODING_UTF8_BOM;
      if (!g_utf8_validate_len (data + 3, size - 3, &end))
        {
          g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_ENCODING,
                       _("This file says it is UTF-8 but line %u is not: save it again as "
                         "“CSV UTF-8”"), line_at (data, end - data));
          return NULL;
        }
      *out_len = size - 3;
      return g_strndup (data + 3, size - 3);
    }

  if (g_utf8_validate_len (data, size, NULL))
    {
      *encoding = CARNET_CSV_ENCODING_UTF8;
      *out_len = size;
      return g_strndup (data, size);
    }

  *encoding = CARNET_CSV_ENCODING_WINDOWS_1252;
  text = decode_windows_1252 (data, size, error);
  if (text != NULL)
    *out_len = strlen (text);
  return text;
}

/* The separator of the file: the one that every line of its start has as many times outside
 * quotes (“Titre;Coût (HT, €)” then “Étude;12” is “;”, though the header has as many
 * commas), or else the one its first line has most. “;” on a tie, as French spreadsheets
 * write; a file of one column has none, and any will do. */
static char
detect_separator (const char *s,
                  gsize       len)
{
  const char candidates[] = { ';', '\t', ',' };
  guint first[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean consistent[G_N_ELEMENTS (candidates)] = { TRUE, TRUE, TRUE };
  guint n_records = 0;
  gsize i = 0;
  guint best = 0;
  gboolean any = FALSE;

  while (i < len && n_records < DETECT_RECORDS)
    {
      guint counts[G_N_ELEMENTS (candidates)] = { 0, };
      gboolean quoted = FALSE, text = FALSE;

      for (; i < len; i++)
        {
          char c = s[i];

          if (c == '"')
            quoted = !quoted;
          if (!quoted && (c == '\n' || c == '\r'))
            break;
          if (quoted || strchr (";,\t ", c) == NULL)
            text = TRUE;
          else
            for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
              counts[k] += c == candidates[k];
        }
      i++;
      /* Lines of nothing but separators and spaces tell nothing. */
      if (!text)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        {
          if (n_records == 0)
            first[k] = counts[k];
          else if (counts[k] != first[k])
            consistent[k] = FALSE;
        }
      n_records++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (consistent[k] && first[k] > 0 && (!any || first[k] > first[best]))
      {
        best = k;
        any = TRUE;
      }
  if (!any)
    for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
      if (first[k] > first[best])
        best = k;
  return candidates[best];
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
append_span (Parser     *p,
             const char *stops)
{
  gsize start = p->pos;

  while (p->pos < p->len && strchr (stops, p->s[p->pos]) == NULL)
    p->pos++;
  g_string_append_len (p->pool, p->s + start, p->pos - start);
}

/* Reads a cell into the pool, and what ended it. */
static gboolean
read_cell (Parser   *p,
           CellEnd  *end,
           GError  **error)
{
  const char unquoted_stops[] = { p->separator, '\r', '\n', '\0' };
  gsize q = p->pos;

  while (q < p->len && p->s[q] == ' ')
    q++;
  if (q < p->len && p->s[q] == '"')
    {
      guint quote_line = p->line;

      p->pos = q + 1;
      for (;;)
        {
          append_span (p, "\"\r\n");
          if (p->pos >= p->len)
            {
              g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                           _("The quote opened on line %u is never closed: the file is "
                             "truncated, or a cell holds a lone “\"”"), quote_line);
              return FALSE;
            }
          if (p->s[p->pos] == '"')
            {
              if (p->pos + 1 < p->len && p->s[p->pos + 1] == '"')
                {
                  g_string_append_c (p->pool, '"');
                  p->pos += 2;
                  continue;
                }
              p->pos++;
              break;
            }
          /* A line break inside the cell: kept as it is, counted once. */
          if (p->s[p->pos] == '\r' && p->pos + 1 < p->len && p->s[p->pos + 1] == '\n')
            g_string_append_c (p->pool, p->s[p->pos++]);
          g_string_append_c (p->pool, p->s[p->pos++]);
          p->line++;
        }
    }
  /* Unquoted text, or what follows a closing quote: kept as it is. */
  append_span (p, unquoted_stops);

  if (p->pos >= p->len)
    *end = END_FILE;
  else if (p->s[p->pos] == p->separator)
    {
      p->pos++;
      *end = END_CELL;
    }
  else
    {
      if (p->s[p->pos] == '\r' && p->pos + 1 < p->len && p->s[p->pos + 1] == '\n')
        p->pos++;
      p->pos++;
      p->line++;
      *end = END_RECORD;
    }
  return TRUE;
}

/* Ends the cell that starts at @start in the pool: returns its offset, 0 when it is empty.
 * Undoes what carnet_export_csv() does to text a spreadsheet would take for a formula. */
static guint32
finish_cell (GString *pool,
             gsize    start)
{
  char *text = pool->str + start;

  if (pool->len == start)
    return 0;
  if (text[0] == '\'' && pool->len > start + 1 && strchr ("=+-@\t\r", text[1]) != NULL)
    g_string_erase (pool, start, 1);
  g_string_append_c (pool, '\0');
  return (guint32)start;
}

/* Reads the header: its cells go into self->cells. Blank lines before it are skipped. */
static gboolean
read_header (CarnetCsvTable  *self,
             Parser          *p,
             GError         **error)
{
  while (p->pos < p->len)
    {
      CellEnd end = END_CELL;
      gboolean blank = TRUE;
      gsize pool_start = p->pool->len;

      g_array_set_size (self->cells, 0);
      while (end == END_CELL)
        {
          gsize start = p->pool->len;
          guint32 offset;

          if (!read_cell (p, &end, error))
            return FALSE;
          offset = finish_cell (p->pool, start);
          if (!is_blank (p->pool->str + offset))
            blank = FALSE;
          g_array_append_val (self->cells, offset);
          if (self->cells->len > CARNET_CSV_MAX_COLUMNS)
            {
              g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                           _("The header line has more than %u columns: this is not a "
                             "spreadsheet Carnet can read"), (guint)CARNET_CSV_MAX_COLUMNS);
              return FALSE;
            }
        }
      if (!blank)
        {
          self->n_columns = self->cells->len;
          return TRUE;
        }
      g_string_truncate (p->pool, pool_start);
    }
  g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
               _("This file is empty: a spreadsheet starts with a line of column names"));
  return FALSE;
}

static gboolean
read_rows (CarnetCsvTable  *self,
           Parser          *p,
           GError         **error)
{
  while (p->pos < p->len)
    {
      Row row = { p->line, FALSE };
      gsize pool_start = p->pool->len;
      guint cells_start = self->cells->len;
      gboolean blank = TRUE;
      CellEnd end = END_CELL;
      guint column = 0;

      for (; end == END_CELL; column++)
        {
          gsize start = p->pool->len;
          guint32 offset;

          if (!read_cell (p, &end, error))
            return FALSE;
          offset = finish_cell (p->pool, start);
          if (column < self->n_columns)
            {
              g_array_append_val (self->cells, offset);
              if (!is_blank (p->pool->str + offset))
                blank = FALSE;
            }
          else
            {
              /* Past the header: only whether there is text matters. */
              if (!is_blank (p->pool->str + offset))
                row.overflow = TRUE;
              g_string_truncate (p->pool, start);
            }
        }
      if (blank && !row.overflow)
        {
          g_array_set_size (self->cells, cells_start);
          g_string_truncate (p->pool, pool_start);
          continue;
        }
      for (; column < self->n_columns; column++)
        {
          guint32 empty = 0;

          g_array_append_val (self->cells, empty);
        }
      g_array_append_val (self->rows, row);
      if (self->rows->len > CARNET_CSV_MAX_ROWS)
        {
          g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                       _("This spreadsheet has more than %u lines: split it in several files"),
                       (guint)CARNET_CSV_MAX_ROWS);
          return FALSE;
        }
      if (self->cells->len > CARNET_CSV_MAX_CELLS)
        {
          g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                       _("This spreadsheet has more than %u cells: split it in several files, "
                         "or remove the columns Carnet does not need"),
                       (guint)CARNET_CSV_MAX_CELLS);
          return FALSE;
        }
    }
  return TRUE;
}

/* Public API */

/**
 * carnet_csv_table_parse:
 * @data: the file's bytes
 *
 * Returns: (transfer full): the table, or %NULL with @error set in the
 *   %CARNET_CSV_IMPORT_ERROR domain
 */
CarnetCsvTable *
carnet_csv_table_parse (const char  *data,
                        gsize        size,
                        GError     **error)
{
  g_autoptr(CarnetCsvTable) self = NULL;
  g_autofree char *text = NULL;
  Parser p = { NULL, 0, 0, 1, ';', NULL };
  gsize len = 0;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (size > CARNET_CSV_MAX_BYTES)
    {
      g_set_error (error, CARNET_CSV_IMPORT_ERROR, CARNET_CSV_IMPORT_ERROR_SYNTAX,
                   _("This file is too big: Carnet reads spreadsheets of up to %u MB"),
                   (guint)(CARNET_CSV_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }

  self = g_new0 (CarnetCsvTable, 1);
  self->pool = g_string_sized_new (MIN (size, 1024 * 1024) + 1);
  g_string_append_c (self->pool, '\0');
  self->cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));

  text = decode (data != NULL ? data : "", size, &self->encoding, &len, error);
  if (text == NULL)
    return NULL;

  p.s = text;
  p.len = len;
  p.pool = self->pool;
  /* Excel's own mark of the separator, as the first line: “sep=;”. */
  if (len >= 5 && g_ascii_strncasecmp (text, "sep=", 4) == 0 && strchr (";,\t", text[4]) != NULL &&
      (len == 5 || text[5] == '\r' || text[5] == '\n'))
    {
      p.separator = text[4];
      p.pos = 5;
      if (p.pos < len && text[p.pos] == '\r')
        p.pos++;
      if (p.pos < len && text[p.pos] == '\n')
        p.pos++;
      p.line = 2;
    }
  else
    p.separator = detect_separator (text, len);
  self->separator = p.separator;

  if (!read_header (self, &p, error) || !read_rows (self, &p, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
carnet_csv_table_free (CarnetCsvTable *self)
{
  if (self == NULL)
    return;
  g_string_free (self->pool, TRUE);
  g_array_unref (self->cells);
  g_array_unref (self->rows);
  g_free (self);
}

CarnetCsvEncoding
carnet_csv_table_get_encoding (CarnetCsvTable *self)
{
  return self->encoding;
}

char
carnet_csv_table_get_separator (CarnetCsvTable *self)
{
  return self->separator;
}

guint
carnet_csv_table_get_n_columns (CarnetCsvTable *self)
{
  return self->n_columns;
}

const char *
carnet_csv_table_get_header (CarnetCsvTable *self,
                             guint           column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->pool->str + g_array_index (self->cells, guint32, column);
}

guint
carnet_csv_table_get_n_rows (CarnetCsvTable *self)
{
  return self->rows->len;
}

guint
carnet_csv_table_get_line (CarnetCsvTable *self,
                           guint           row)
{
  g_return_val_if_fail (row < self->rows->len, 0);

  return g_array_index (self->rows, Row, row).line;
}

const char *
carnet_csv_table_get_cell (CarnetCsvTable *self,
                           guint           row,
                           guint           column)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->pool->str +
         g_array_index (self->cells, guint32, (gsize)(row + 1) * self->n_columns + column);
}

gboolean
carnet_csv_table_get_overflow (CarnetCsvTable *self,
                               guint           row)
{
  g_return_val_if_fail (row < self->rows->len, FALSE);

  return g_array_index (self->rows, Row, row).overflow;
}
