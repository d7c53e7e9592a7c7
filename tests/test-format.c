/* test-format.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "carnet-format.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static void
test_date_valid (void)
{
  const char *valid[] = { "2026-03-12", "2024-02-29", "1900-01-01", "2200-12-31", "2026-12-31" };
  const char *invalid[] = { "", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                            "2026-3-12", "2026-03-1", "12/03/2026", "2026-03-12x",
                            "2026-03-12 ", " 2026-03-12", "1899-12-31", "2201-01-01",
                            "2026/03/12", "2026-+3-12", "2026-03--1", "abcd-ef-gh" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (carnet_date_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (carnet_date_is_valid (invalid[i]))
        g_error ("“%s” was taken for a date", invalid[i]);
    }
  g_assert_false (carnet_date_is_valid (NULL));
}

static void
test_date_parse (void)
{
  struct
  {
    const char *text;
    const char *iso;
  } cases[] = {
    { "2026-03-12", "2026-03-12" },
    { "12/03/2026", "2026-03-12" },
    { "12/3/2026", "2026-03-12" },
    { "12/3/26", "2026-03-12" },
    { "12.03.2026", "2026-03-12" },
    { "12-03-2026", "2026-03-12" },
    { "  12/03/2026\t", "2026-03-12" },
    { "12 mars 2026", "2026-03-12" },
    { "12 Mars 2026", "2026-03-12" },
    { "1er mars 2026", "2026-03-01" },
    { "1 mars 2026", "2026-03-01" },
    { "1ER MARS 2026", "2026-03-01" },
    { "12  mars   2026", "2026-03-12" },
    { "3 février 2026", "2026-02-03" },
    { "3 fevrier 2026", "2026-02-03" },
    { "3 févr. 2026", "2026-02-03" },
    { "15 août 2026", "2026-08-15" },
    { "15 aout 2026", "2026-08-15" },
    { "25 décembre 2026", "2026-12-25" },
    { "29 février 2024", "2024-02-29" },
    { "12 March 2026", "2026-03-12" },
    { "31/12/1999", "1999-12-31" },
  };
  const char *invalid[] = { "31/02/2026", "29/02/2026", "0/03/2026", "12/13/2026", "hier",
                            "12 mars", "mars 2026", "12 foo 2026", "12 mars 2026 10h",
                            "12/03/2026 10:00", "2026-02-30", "12/03/20261", "2026-3-5",
                            "1th mars 2026", "12 mars 20x6", "12/03/202", "12 mars -2026" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;

      if (!carnet_parse_date (cases[i].text, &iso, &error))
        g_error ("“%s” was refused: %s", cases[i].text, error->message);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;

      if (carnet_parse_date (invalid[i], &iso, &error))
        g_error ("“%s” was taken for %s", invalid[i], iso);
      g_assert_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_DATE);
      g_assert_null (iso);
      /* The message quotes what was typed, so the person sees what was wrong. */
      g_assert_nonnull (strstr (error->message, invalid[i]));
    }
}

static void
test_date_parse_empty (void)
{
  const char *empty[] = { "", "   ", "\t", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) error = NULL;
      char *iso = (char *)"unset";

      g_assert_true (carnet_parse_date (empty[i], &iso, &error));
      g_assert_no_error (error);
      g_assert_null (iso);
    }
}

/* Without a translation (the tests run in C.UTF-8), dates read in English. */
static void
test_date_format (void)
{
  struct
  {
    const char *iso;
    const char *text;
  } cases[] = {
    { "2026-03-12", "12 March 2026" },
    { "2026-03-01", "1st March 2026" },
    { "2026-12-31", "31 December 2026" },
    { "2024-02-29", "29 February 2024" },
    { "2026-01-02", "2 January 2026" },
    { NULL, "" },
    { "", "" },
    { "garbage", "garbage" },
    { "2026-02-30", "2026-02-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = carnet_format_date (cases[i].iso);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* With the French catalogue (once po/fr.po exists and is built), the forms of the brief. */
static void
test_date_format_french (void)
{
  const char *localedir = g_getenv ("CARNET_LOCALEDIR");
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *first = NULL;
  g_autofree char *twelfth = NULL;
  g_autofree char *iso = NULL;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("The fr_FR.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_strcmp0 (_("1st %s %d"), "1st %s %d") == 0)
    g_test_skip ("No French translation is built");
  else
    {
      first = carnet_format_date ("2026-03-01");
      twelfth = carnet_format_date ("2026-03-12");
      g_assert_cmpstr (first, ==, "1er mars 2026");
      g_assert_cmpstr (twelfth, ==, "12 mars 2026");

      /* What is shown can be typed back. */
      g_assert_true (carnet_parse_date (first, &iso, NULL));
      g_assert_cmpstr (iso, ==, "2026-03-01");
    }

  g_setenv ("LANGUAGE", "", TRUE);
  textdomain ("messages");
  setlocale (LC_ALL, saved);
}

static void
test_date_round_trip (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2024);

  /* Every day of three years, through the text people read and back. */
  for (guint i = 0; i < 3 * 366; i++)
    {
      char iso[16];
      g_autofree char *text = NULL;
      g_autofree char *back = NULL;
      g_autoptr(GError) error = NULL;

      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
      g_assert_true (carnet_date_is_valid (iso));
      text = carnet_format_date (iso);
      if (!carnet_parse_date (text, &back, &error))
        g_error ("“%s” (from %s) cannot be read back: %s", text, iso, error->message);
      g_assert_cmpstr (back, ==, iso);
      g_date_add_days (date, 1);
    }
}

static void
test_today (void)
{
  g_autofree char *today = carnet_today ();

  g_assert_true (carnet_date_is_valid (today));
}

static void
test_money_format (void)
{
  struct
  {
    gint64      cents;
    const char *money;
    const char *amount;
  } cases[] = {
    { 0, "0,00" NBSP "€", "0,00" },
    { 5, "0,05" NBSP "€", "0,05" },
    { 50, "0,50" NBSP "€", "0,50" },
    { 99999, "999,99" NBSP "€", "999,99" },
    { 100000, "1" NNBSP "000,00" NBSP "€", "1" NNBSP "000,00" },
    { 123450, "1" NNBSP "234,50" NBSP "€", "1" NNBSP "234,50" },
    { 1200000, "12" NNBSP "000,00" NBSP "€", "12" NNBSP "000,00" },
    { 123456789, "1" NNBSP "234" NNBSP "567,89" NBSP "€", "1" NNBSP "234" NNBSP "567,89" },
    { 100000000000, "1" NNBSP "000" NNBSP "000" NNBSP "000,00" NBSP "€",
      "1" NNBSP "000" NNBSP "000" NNBSP "000,00" },
    { -123450, "−1" NNBSP "234,50" NBSP "€", "−1" NNBSP "234,50" },
    { -5, "−0,05" NBSP "€", "−0,05" },
    { G_MAXINT64, "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP "€",
      "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" },
    { G_MININT64, "−92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP "€",
      "−92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *money = carnet_format_money (cases[i].cents);
      g_autofree char *amount = carnet_format_amount (cases[i].cents);

      g_assert_cmpstr (money, ==, cases[i].money);
      g_assert_cmpstr (amount, ==, cases[i].amount);
      g_assert_true (g_utf8_validate (money, -1, NULL));
    }
}

static void
test_money_parse (void)
{
  struct
  {
    const char *text;
    gint64      cents;
  } cases[] = {
    { "1 234,50", 123450 },
    { "1" NNBSP "234,50" NBSP "€", 123450 },
    { "1" NBSP "234,50 €", 123450 },
    { "1234.50", 123450 },
    { "1234,5", 123450 },
    { "1234.5", 123450 },
    { "1.234,50", 123450 },
    { "1.234", 123400 },
    { "1.234.567", 123456700 },
    { "12 000", 1200000 },
    { "12000", 1200000 },
    { "12", 1200 },
    { "12,", 1200 },
    { "12,00 €", 1200 },
    { "12€", 1200 },
    { "12 EUR", 1200 },
    { "12 eur", 1200 },
    { "1'234.50", 123450 },
    { "0,05", 5 },
    { " 0,5 ", 50 },
    { "0", 0 },
    { "", 0 },
    { "   ", 0 },
    { "92233720368547,75", 9223372036854775 },
  };
  const char *invalid[] = { "abc", "-5", "−5", "1,234", "12,345", "1,2,3", "€", "12 euros",
                            "12e3", "1 234,50 $", "12,5a", "1,,5", "\xff", "12\xc3",
                            "10 %", "+5" };
  const char *too_big[] = { "999999999999999999999", "92233720368547758,08",
                            "100000000000000000" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (!carnet_parse_money (cases[i].text, &cents, &error))
        g_error ("“%s” was refused: %s", cases[i].text, error->message);
      g_assert_cmpint (cents, ==, cases[i].cents);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (carnet_parse_money (invalid[i], &cents, &error))
        g_error ("“%s” was taken for %" G_GINT64_FORMAT " cents", invalid[i], cents);
      g_assert_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_MONEY);
    }

  for (guint i = 0; i < G_N_ELEMENTS (too_big); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (carnet_parse_money (too_big[i], &cents, &error))
        g_error ("“%s” was taken for %" G_GINT64_FORMAT " cents", too_big[i], cents);
      g_assert_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_MONEY);
    }

  {
    gint64 cents = -1;

    g_assert_true (carnet_parse_money (NULL, &cents, NULL));
    g_assert_cmpint (cents, ==, 0);
  }
}

static void
test_money_round_trip (void)
{
  gint64 values[] = { 0, 1, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000, 123456,
                      1000000, 987654321, 100000000000, 9223372036854775 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *money = carnet_format_money (values[i]);
      g_autofree char *amount = carnet_format_amount (values[i]);
      gint64 back = -1;

      g_assert_true (carnet_parse_money (money, &back, NULL));
      g_assert_cmpint (back, ==, values[i]);
      back = -1;
      g_assert_true (carnet_parse_money (amount, &back, NULL));
      g_assert_cmpint (back, ==, values[i]);
    }
}

static void
test_integer_parse (void)
{
  struct
  {
    const char *text;
    gint64      value;
  } cases[] = {
    { "42", 42 },
    { "0", 0 },
    { " 1 234 ", 1234 },
    { "1" NNBSP "234", 1234 },
    { "1" NBSP "234", 1234 },
    { "-5", -5 },
    { "−5", -5 },
    { "- 5", -5 },
    { "007", 7 },
    { "999999999999999", 999999999999999 },
  };
  const char *invalid[] = { "", "  ", "abc", "1.5", "1,5", "12a", "5-", "--5", "-",
                            "1234567890123456", "\xff", "12\xc3", "+5", "1e3" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      if (!carnet_parse_integer (cases[i].text, &value, &error))
        g_error ("“%s” was refused: %s", cases[i].text, error->message);
      g_assert_cmpint (value, ==, cases[i].value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      if (carnet_parse_integer (invalid[i], &value, &error))
        g_error ("“%s” was taken for %" G_GINT64_FORMAT, invalid[i], value);
      g_assert_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_NUMBER);
      g_assert_cmpint (value, ==, -1);
    }

  {
    g_autoptr(GError) error = NULL;
    gint64 value = -1;

    g_assert_false (carnet_parse_integer (NULL, &value, &error));
    g_assert_error (error, CARNET_FORMAT_ERROR, CARNET_FORMAT_ERROR_NUMBER);
  }
}

/* A value quoted in a message: whole when short, else its first characters and “…”. */
static void
test_shorten (void)
{
  g_autofree char *short_text = carnet_format_shorten ("Bayeux", 6);
  g_autofree char *cut = carnet_format_shorten ("Mézidon Vallée d’Auge", 9);
  g_autofree char *empty = carnet_format_shorten ("", 0);

  g_assert_cmpstr (short_text, ==, "Bayeux");
  /* Characters, not bytes: “é” is one. */
  g_assert_cmpstr (cut, ==, "Mézidon V…");
  g_assert_cmpstr (empty, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/date/valid", test_date_valid);
  g_test_add_func ("/format/date/parse", test_date_parse);
  g_test_add_func ("/format/date/parse-empty", test_date_parse_empty);
  g_test_add_func ("/format/date/format", test_date_format);
  g_test_add_func ("/format/date/round-trip", test_date_round_trip);
  g_test_add_func ("/format/date/today", test_today);
  g_test_add_func ("/format/money/format", test_money_format);
  g_test_add_func ("/format/money/parse", test_money_parse);
  g_test_add_func ("/format/money/round-trip", test_money_round_trip);
  g_test_add_func ("/format/integer/parse", test_integer_parse);
  g_test_add_func ("/format/shorten", test_shorten);
  g_test_add_func ("/format/date/format-french", test_date_format_french);

  return g_test_run ();
}
