/* test-collate.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "carnet-collate.h"
#include "carnet-reference.h"

/* The definition of the order, written the plain way: the key of a text is its NFD form
 * without combining marks, case-folded; keys compare as strcmp() does. carnet_collate() must
 * order every pair as this does. */
static char *
reference_key (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, bare->len);
}

static int
sign (int value)
{
  return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

static const char *samples[] = {
  "", "a", "A", "b", "é", "É", "e", "f", "Évreux", "evreux", "Eu", "Ez", "Œuvre", "oeuvre",
  "Straße", "strasse", "STRASSE", "ﬁn", "fin", "Ὀδυσσεύς", "ΟΔΥΣΣΕΥΣ", "İstanbul", "istanbul",
  "Maison de santé\u00a0: étude", "Maison de sante : etude", "l’ancienne usine",
  "l'ancienne usine", "Île-de-France", "ile-de-france", "Ça", "ça", "ca", "Zoë", "zoe",
  "Ærø", "aero", "1.10", "1.2", "10", "9", "« Halles »", "Halles", "€", "日本", "Ǆ", "ǆ", "ǅ",
};

static void
check_pair (const char *a,
            const char *b)
{
  g_autofree char *ka = reference_key (a);
  g_autofree char *kb = reference_key (b);
  g_autofree char *fa = carnet_collate_key (a, -1);
  g_autofree char *fb = carnet_collate_key (b, -1);
  int expected = sign (strcmp (ka, kb));

  if (sign (carnet_collate (a, -1, b, -1)) != expected || sign (strcmp (fa, fb)) != expected)
    g_error ("“%s” and “%s”: expected %d, got %d (keys %d)", a, b, expected,
             carnet_collate (a, -1, b, -1), sign (strcmp (fa, fb)));
}

static void
test_samples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (guint j = 0; j < G_N_ELEMENTS (samples); j++)
      check_pair (samples[i], samples[j]);

  g_assert_cmpint (carnet_collate ("Évreux", -1, "evreux", -1), ==, 0);
  g_assert_cmpint (carnet_collate ("Eu", -1, "Évreux", -1), <, 0);
  g_assert_cmpint (carnet_collate ("Évreux", -1, "Ez", -1), <, 0);
  /* Lengths are bytes, and need no terminator. */
  g_assert_cmpint (carnet_collate ("abc", 2, "ab", -1), ==, 0);
}

/* Every name of the reference list against its neighbours in INSEE order, a sample of
 * pairs that differs in every way French names do. */
static void
test_communes (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  guint n = carnet_reference_get_n_communes (reference);

  for (guint i = 1; i < n; i++)
    {
      const char *a = carnet_reference_get_commune (reference, i - 1)->name;
      const char *b = carnet_reference_get_commune (reference, i)->name;

      check_pair (a, b);
      check_pair (b, a);
      check_pair (a, carnet_reference_get_commune (reference, (i * 7919) % n)->name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/collate/samples", test_samples);
  g_test_add_func ("/collate/communes", test_communes);
  return g_test_run ();
}
