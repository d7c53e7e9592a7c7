/* carnet-format.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-format"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "carnet-format.h"

/* French conventions, as the programme's committees read them: “12 mars 2026”,
 * “1 234 567,89 €” with a narrow no-break space between thousands. Parsing is lenient and
 * locale-independent: what a person types, in French or ISO form. */

#define NNBSP "\u202f"

G_DEFINE_QUARK (carnet-format-error-quark, carnet_format_error)

static const char *month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

/* Month names a person may type, folded to ASCII lowercase; index = month - 1. */
static const char *month_words[][3] = {
  { "janvier", "janv", "january" }, { "fevrier", "fevr", "february" },
  { "mars", "mar", "march" }, { "avril", "avr", "april" }, { "mai", "may", NULL },
  { "juin", "june", NULL }, { "juillet", "juil", "july" }, { "aout", "aug", "august" },
  { "septembre", "sept", "september" }, { "octobre", "oct", "october" },
  { "novembre", "nov", "november" }, { "decembre", "dec", "december" },
};

static gboolean
valid_ymd (int y,
           int m,
           int d)
{
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && g_date_valid_dmy (d, m, y);
}

gboolean
carnet_date_is_valid (const char *iso)
{
  int y, m, d;
  char tail;

  if (iso == NULL || strlen (iso) != 10)
    return FALSE;
  if (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (iso[4] != '-' || iso[7] != '-' || !g_ascii_isdigit (iso[0]) ||
      !g_ascii_isdigit (iso[5]) || !g_ascii_isdigit (iso[8]))
    return FALSE;
  return valid_ymd (y, m, d);
}

static int
month_from_word (const char *word)
{
  g_autofree char *folded = g_str_to_ascii (word, "C");
  g_autofree char *lower = g_ascii_strdown (folded, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (month_words); i++)
    for (guint j = 0; j < 3; j++)
      if (month_words[i][j] != NULL && strcmp (month_words[i][j], lower) == 0)
        return i + 1;
  return 0;
}

/**
 * carnet_parse_date:
 * @text: “2026-03-12”, “12/03/2026”, “12/3/26”, “12.03.2026”, “12 mars 2026”, “1er mars 2026”
 * @iso: (out): the date as “YYYY-MM-DD”, or %NULL when @text is empty
 *
 * An empty text is no date, and valid.
 */
gboolean
carnet_parse_date (const char  *text,
                   char       **iso,
                   GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  int y = 0, m = 0, d = 0;
  char tail;

  *iso = NULL;
  if (*s == '\0')
    return TRUE;

  if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen (s) == 10)
    ;
  else if ((sscanf (s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3 ||
            sscanf (s, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3 ||
            sscanf (s, "%2d-%2d-%4d%c", &d, &m, &y, &tail) == 3))
    {
      /* Two-digit years: 70–99 are last century, the rest this one. */
      if (y < 70)
        y += 2000;
      else if (y < 100)
        y += 1900;
    }
  else
    {
      g_auto(GStrv) words = g_strsplit_set (s, " \t", -1);
      guint n = 0;
      const char *parts[3] = { NULL, NULL, NULL };

      /* The failed sscanf() calls above may have filled some of them. */
      y = m = d = 0;
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          {
            if (n == 3)
              {
                n = 4;
                break;
              }
            parts[n++] = words[i];
          }
      if (n == 3)
        {
          char *end = NULL;
          gint64 day = g_ascii_strtoll (parts[0], &end, 10);

          /* “1er”, and “1st” as carnet_format_date() writes it untranslated. */
          if (end != parts[0] && (*end == '\0' || g_ascii_strcasecmp (end, "er") == 0 ||
                                  g_ascii_strcasecmp (end, "st") == 0))
            d = (int)CLAMP (day, 0, 99);
          m = month_from_word (parts[1]);
          end = NULL;
          y = (int)g_ascii_strtoll (parts[2], &end, 10);
          if (end == parts[2] || *end != '\0')
            y = 0;
        }
    }

  if (!valid_ymd (y, m, d))
    {
      g_set_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_DATE,
                   _("“%s” is not a date: write it like 12/03/2026 or 12 mars 2026"), s);
      return FALSE;
    }
  *iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return TRUE;
}

/**
 * carnet_format_date:
 * @iso: (nullable): “YYYY-MM-DD”
 *
 * Returns: the date as people write it, “12 mars 2026” (in the interface language), or an
 *   empty string for %NULL; an invalid date comes back as it was.
 */
char *
carnet_format_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  if (!carnet_date_is_valid (iso))
    return g_strdup (iso);
  sscanf (iso, "%4d-%2d-%2d", &y, &m, &d);

  if (d == 1)
    /* Translators: the first day of a month: “1er mars 2026” in French */
    return g_strdup_printf (_("1st %s %d"), g_dpgettext2 (NULL, "month", month_names[m - 1]), y);
  /* Translators: a date: day, month name, year */
  return g_strdup_printf (_("%d %s %d"), d, g_dpgettext2 (NULL, "month", month_names[m - 1]), y);
}

char *
carnet_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Digits with a narrow no-break space every three: 1 234 567 */
static void
append_grouped (GString *out,
                guint64  units)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, units);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, NNBSP);
      g_string_append_c (out, digits[i]);
    }
}

/* “1 234,50” without the currency sign, for tables. */
char *
carnet_format_amount (gint64 cents)
{
  GString *out = g_string_new (NULL);
  guint64 abs_cents = cents < 0 ? (guint64)(-(cents + 1)) + 1 : (guint64)cents;

  if (cents < 0)
    g_string_append (out, "−");
  append_grouped (out, abs_cents / 100);
  g_string_append_printf (out, ",%02u", (guint)(abs_cents % 100));
  return g_string_free (out, FALSE);
}

/**
 * carnet_format_shorten:
 * @text: valid UTF-8
 *
 * Returns: @text, or its first @max_chars characters and an ellipsis when it is longer: a
 *   value quoted in a message
 */
char *
carnet_format_shorten (const char *text,
                       guint       max_chars)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max_chars);
  return g_strconcat (head, "…", NULL);
}

/* “13 000” */
char *
carnet_format_count (gint64 count)
{
  GString *out = g_string_new (NULL);

  if (count < 0)
    g_string_append (out, "−");
  append_grouped (out, count < 0 ? (guint64)(-(count + 1)) + 1 : (guint64)count);
  return g_string_free (out, FALSE);
}

/* “1 234,50 €” */
char *
carnet_format_money (gint64 cents)
{
  g_autofree char *amount = carnet_format_amount (cents);

  return g_strconcat (amount, "\u00a0€", NULL);
}

/**
 * carnet_parse_money:
 * @text: “1 234,50”, “1234.50”, “1 234,50 €”, “12 000”, “1.234,50”
 * @cents: (out): the amount in cents
 *
 * A comma is the decimal separator; a dot is one too when it is followed by one or two
 * digits and no comma is present, otherwise it separates thousands. An empty text is 0.
 */
gboolean
carnet_parse_money (const char  *text,
                    gint64      *cents,
                    GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  const char *decimal = NULL;
  gboolean has_comma;
  guint fraction_digits = 0;
  guint64 value = 0;
  guint64 fraction = 0;

  *cents = 0;
  if (text == NULL)
    return TRUE;

  has_comma = strchr (text, ',') != NULL;
  if (has_comma)
    decimal = strrchr (text, ',');
  else
    {
      const char *dot = strrchr (text, '.');

      if (dot != NULL)
        {
          gsize after = 0;

          while (g_ascii_isdigit (dot[1 + after]))
            after++;
          if (after >= 1 && after <= 2 && strchr (text, '.') == dot)
            decimal = dot;
        }
    }

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        goto invalid;
      if (p == decimal)
        {
          g_string_append_c (digits, '|');
          continue;
        }
      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char)c);
      else if (g_unichar_isspace (c) || c == 0x202f || c == 0xa0 || c == '.' ||
               c == '\'' || c == 0x20ac /* € */)
        continue;
      else if (c == 'E' || c == 'e')
        {
          /* “EUR” */
          if (g_ascii_strncasecmp (p, "eur", 3) != 0)
            goto invalid;
          p += 2;
        }
      else
        goto invalid;
    }

  if (digits->len == 0 || digits->str[0] == '|')
    {
      if (digits->len == 0)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (text));
          if (*stripped == '\0')
            return TRUE;
        }
      goto invalid;
    }

  for (p = digits->str; *p != '\0' && *p != '|'; p++)
    {
      if (value > (G_MAXINT64 / 100 - 9) / 10)
        goto too_big;
      value = value * 10 + (guint64)(*p - '0');
    }
  if (*p == '|')
    {
      for (p++; *p != '\0'; p++)
        {
          if (++fraction_digits > 2)
            goto invalid;
          fraction = fraction * 10 + (guint64)(*p - '0');
        }
      if (fraction_digits == 1)
        fraction *= 10;
    }

  *cents = (gint64)(value * 100 + fraction);
  return TRUE;

too_big:
  g_set_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_MONEY,
               _("“%s” is too large an amount"), text);
  return FALSE;

invalid:
  g_set_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_MONEY,
               _("“%s” is not an amount: write it like 1 234,50"), text);
  return FALSE;
}

gboolean
carnet_parse_integer (const char  *text,
                      gint64      *value,
                      GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean negative = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char)c);
      else if ((c == '-' || c == 0x2212) && digits->len == 0 && !negative)
        negative = TRUE;
      else if (!(g_unichar_isspace (c) || c == 0x202f || c == 0xa0))
        {
          digits->len = 0;
          break;
        }
    }

  if (digits->len == 0 || digits->len > 15)
    {
      g_set_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_NUMBER,
                   _("“%s” is not a whole number"), text != NULL ? text : "");
      return FALSE;
    }
  *value = g_ascii_strtoll (digits->str, NULL, 10) * (negative ? -1 : 1);
  return TRUE;
}
