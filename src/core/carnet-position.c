/* carnet-position.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-position"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "carnet-position.h"

/* A position on a walk is typed or pasted, never read from a GPS (no network, no location
 * service): so it is read the way people and maps write it. Decimal degrees with a point or
 * a comma (“49.0812, -0.1234”, “49,0812 ; -0,1234”), degrees, minutes and seconds with the
 * hemisphere before or after (“49°04'52"N 0°07'24"W”, “N 49°04′52″ O 0°07′24″”), what
 * Carnet itself shows (“49,0812° N, 0,1234° O”), and geo: URIs. */

G_DEFINE_QUARK (carnet-position-error-quark, carnet_position_error)

#define NBSP "\u00a0"

typedef struct
{
  double   parts[3];    /* degrees, minutes, seconds */
  guint    n_parts;
  gboolean marked;      /* the degrees carried a ° */
  gboolean negative;
  char     hemisphere;  /* N, S, E or W (O is W); 0 when none */
  gboolean prefixed;    /* the hemisphere came before the number */
  gboolean closed;
} Coordinate;

static void
set_invalid (GError **error)
{
  g_set_error_literal (error, CARNET_POSITION_ERROR, CARNET_POSITION_ERROR_INVALID,
                       /* Translators: keep the examples as they are written in French */
                       _("Write a position like 49,0812 ; -0,1234 or 49°04′52″N 0°07′24″O"));
}

/* The same text with the marks people type for degrees, minutes, seconds and minus signs
 * made plain ASCII, and a geo: URI reduced to its coordinates. */
static char *
normalize (const char *text)
{
  static const struct { const char *from, *to; } marks[] = {
    { "\u2212", "-" }, { "\u2032", "'" }, { "\u2019", "'" }, { "\u2018", "'" },
    { "\u00b4", "'" }, { "\u2033", "\"" }, { "\u201c", "\"" }, { "\u201d", "\"" },
    { "''", "\"" }, { "\u00ba", "\u00b0" }, { "\u02da", "\u00b0" },
  };
  g_autoptr(GString) out = g_string_new (text);

  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  if (g_ascii_strncasecmp (out->str, "geo:", 4) == 0)
    {
      const char *end = strpbrk (out->str, ";?");

      if (end != NULL)
        g_string_truncate (out, end - out->str);
      g_string_erase (out, 0, 4);
    }
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    g_string_replace (out, marks[i].from, marks[i].to, 0);
  return g_string_free_and_steal (g_steal_pointer (&out));
}

static char
hemisphere_letter (gunichar c)
{
  switch (g_unichar_toupper (c))
    {
    case 'N':
      return 'N';
    case 'S':
      return 'S';
    case 'E':
      return 'E';
    case 'W':
    case 'O':
      return 'W';
    default:
      return 0;
    }
}

/* Reads “49”, “49.0812” or “49,0812” at *p. A comma is a decimal one only right between
 * digits, and only when the number has no point. */
static gboolean
read_number (const char **p,
             double      *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *s = *p;
  gboolean decimal = FALSE;

  while (g_ascii_isdigit (*s) ||
         (!decimal && (*s == '.' || *s == ',') && g_ascii_isdigit (s[1]) && digits->len > 0))
    {
      if (*s == '.' || *s == ',')
        {
          decimal = TRUE;
          g_string_append_c (digits, '.');
        }
      else
        g_string_append_c (digits, *s);
      s++;
    }
  if (digits->len == 0)
    return FALSE;
  *value = g_ascii_strtod (digits->str, NULL);
  *p = s;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static double
coordinate_value (const Coordinate *c)
{
  double value = c->parts[0] + c->parts[1] / 60 + c->parts[2] / 3600;

  if (c->negative || c->hemisphere == 'S' || c->hemisphere == 'W')
    value = -value;
  return value;
}

static gboolean
coordinate_valid (const Coordinate *c)
{
  if (c->n_parts > 1 && (c->parts[0] != floor (c->parts[0]) || c->parts[1] >= 60))
    return FALSE;
  if (c->n_parts > 2 && (c->parts[1] != floor (c->parts[1]) || c->parts[2] >= 60))
    return FALSE;
  return TRUE;
}

/* Splits the text into (at most two) coordinates. */
static gboolean
tokenize (const char *text,
          Coordinate *coords,
          guint      *n_coords)
{
  Coordinate *current = NULL;
  char pending_hemisphere = 0;
  gboolean pending_negative = FALSE;
  const char *p = text;

  *n_coords = 0;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      double number;

      if (g_unichar_isspace (c))
        p = g_utf8_next_char (p);
      else if (c == ',' || c == ';')
        {
          if (current != NULL)
            current->closed = TRUE;
          p++;
        }
      else if (hemisphere_letter (c) != 0 && !g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (p))))
        {
          /* After a number, a letter ends it, unless it had its own before it. */
          if (current != NULL && !current->closed && current->hemisphere == 0)
            {
              current->hemisphere = hemisphere_letter (c);
              current->closed = TRUE;
            }
          else if (pending_hemisphere == 0)
            pending_hemisphere = hemisphere_letter (c);
          else
            return FALSE;
          p = g_utf8_next_char (p);
        }
      else if (c == '-' || c == '+')
        {
          if (current != NULL)
            current->closed = TRUE;
          pending_negative = c == '-';
          p++;
        }
      else if (read_number (&p, &number))
        {
          const char *after = skip_spaces (p);
          char mark = 0;

          if (g_str_has_prefix (after, "\u00b0"))
            mark = 'd', p = after + strlen ("\u00b0");
          else if (*after == '\'' || *after == '"')
            mark = *after, p = after + 1;

          if (current != NULL && !current->closed && current->marked &&
              ((mark == '\'' && current->n_parts == 1) || (mark == '"' && current->n_parts == 2)))
            {
              current->parts[current->n_parts++] = number;
              continue;
            }
          /* Anything else starts the next coordinate, with its degrees. */
          if (mark == '\'' || mark == '"' || *n_coords == 2)
            return FALSE;
          if (current != NULL)
            current->closed = TRUE;
          current = &coords[(*n_coords)++];
          memset (current, 0, sizeof *current);
          current->parts[0] = number;
          current->n_parts = 1;
          current->marked = mark == 'd';
          current->negative = pending_negative;
          current->hemisphere = pending_hemisphere;
          current->prefixed = pending_hemisphere != 0;
          pending_negative = FALSE;
          pending_hemisphere = 0;
        }
      else
        return FALSE;
    }
  return pending_hemisphere == 0 && !pending_negative;
}

static gboolean
is_latitude (char hemisphere)
{
  return hemisphere == 'N' || hemisphere == 'S';
}

/**
 * carnet_parse_position:
 * @text: a position as typed or pasted; an empty text is no position
 * @latitude: (out): degrees north, NAN for no position
 * @longitude: (out): degrees east, NAN for no position
 *
 * Returns: whether @text is a position (or empty)
 */
gboolean
carnet_parse_position (const char  *text,
                       double      *latitude,
                       double      *longitude,
                       GError     **error)
{
  g_autofree char *plain = NULL;
  Coordinate coords[2];
  const Coordinate *lat, *lon;
  guint n = 0;

  g_return_val_if_fail (latitude != NULL && longitude != NULL, FALSE);

  *latitude = *longitude = NAN;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      set_invalid (error);
      return FALSE;
    }
  plain = normalize (text);
  if (*plain == '\0')
    return TRUE;
  if (!tokenize (plain, coords, &n) || n != 2 ||
      !coordinate_valid (&coords[0]) || !coordinate_valid (&coords[1]))
    {
      set_invalid (error);
      return FALSE;
    }

  /* The letters say which is which; without them, latitude comes first. */
  lat = &coords[0];
  lon = &coords[1];
  if ((coords[0].hemisphere != 0 && !is_latitude (coords[0].hemisphere)) ||
      (coords[1].hemisphere != 0 && is_latitude (coords[1].hemisphere)))
    {
      lat = &coords[1];
      lon = &coords[0];
    }
  if ((lat->hemisphere != 0 && !is_latitude (lat->hemisphere)) ||
      (lon->hemisphere != 0 && is_latitude (lon->hemisphere)))
    {
      set_invalid (error);
      return FALSE;
    }

  if (fabs (coordinate_value (lat)) > 90 || fabs (coordinate_value (lon)) > 180)
    {
      g_set_error_literal (error, CARNET_POSITION_ERROR, CARNET_POSITION_ERROR_OUT_OF_RANGE,
                           _("A latitude is between -90 and 90, a longitude between -180 and 180"));
      return FALSE;
    }
  *latitude = coordinate_value (lat);
  *longitude = coordinate_value (lon);
  return TRUE;
}

static char *
format_degrees (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", fabs (value)));

  g_strdelimit (text, ".", ',');
  return text;
}

/**
 * carnet_format_position:
 *
 * Returns: the position as people read it, “49,0812° N, 0,1234° O” (to about ten metres),
 *   or an empty string when either is NAN
 */
char *
carnet_format_position (double latitude,
                        double longitude)
{
  g_autofree char *lat = NULL;
  g_autofree char *lon = NULL;
  /* Rounded as shown, so that -0.00001 is not “0,0000° S”. */
  double shown_lat = round (latitude * 10000) / 10000;
  double shown_lon = round (longitude * 10000) / 10000;

  if (isnan (latitude) || isnan (longitude))
    return g_strdup ("");
  lat = format_degrees (shown_lat);
  lon = format_degrees (shown_lon);
  return g_strdup_printf ("%s°" NBSP "%s, %s°" NBSP "%s", lat,
                          /* Translators: the hemispheres of a position: north, south, east,
                           * west (“O” for ouest in French) */
                          shown_lat < 0 ? C_("hemisphere", "S") : C_("hemisphere", "N"),
                          lon,
                          shown_lon < 0 ? C_("hemisphere", "W") : C_("hemisphere", "E"));
}
