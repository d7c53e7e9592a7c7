/* test-reference.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "carnet-reference.h"

/* Position of @insee in a search for @query, or -1 if it is missing. */
static int
position_of (const char *query,
             guint       limit,
             const char *insee)
{
  CarnetReference *reference = carnet_reference_get_default ();
  g_autoptr(GPtrArray) results = carnet_reference_search (reference, query, limit);

  for (guint i = 0; i < results->len; i++)
    {
      const CarnetReferenceCommune *commune = g_ptr_array_index (results, i);

      if (g_str_equal (commune->insee, insee))
        return (int) i;
    }

  return -1;
}

static const CarnetReferenceCommune *
first_of (const char *query)
{
  CarnetReference *reference = carnet_reference_get_default ();
  g_autoptr(GPtrArray) results = carnet_reference_search (reference, query, 10);

  if (results->len == 0)
    return NULL;
  return g_ptr_array_index (results, 0);
}

static guint
count_of (const char *query,
          guint       limit)
{
  CarnetReference *reference = carnet_reference_get_default ();
  g_autoptr(GPtrArray) results = carnet_reference_search (reference, query, limit);

  return results->len;
}

static void
test_load (void)
{
  CarnetReference *reference = carnet_reference_get_default ();

  g_assert_true (CARNET_IS_REFERENCE (reference));
  g_assert_true (carnet_reference_get_default () == reference);
  g_assert_cmpuint (carnet_reference_get_n_communes (reference), >=, 34900);
  g_assert_cmpuint (carnet_reference_get_n_communes (reference), <, 36000);
}

static void
test_lookup (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  const CarnetReferenceCommune *bayeux = carnet_reference_lookup (reference, "14047");
  const CarnetReferenceCommune *mezidon = carnet_reference_lookup (reference, "14431");

  g_assert_nonnull (bayeux);
  g_assert_cmpstr (bayeux->insee, ==, "14047");
  g_assert_cmpstr (bayeux->name, ==, "Bayeux");
  g_assert_cmpstr (bayeux->departement, ==, "14");
  g_assert_cmpstr (bayeux->departement_name, ==, "Calvados");
  g_assert_cmpstr (bayeux->region, ==, "Normandie");
  g_assert_cmpstr (bayeux->epci_siren, ==, "241400555");
  g_assert_cmpstr (bayeux->epci_name, ==, "CC de Bayeux Intercom");
  g_assert_cmpstr (bayeux->postcodes, ==, "14400");
  g_assert_cmpint (bayeux->population, >, 10000);
  g_assert_cmpint (bayeux->population, <, 20000);

  g_assert_nonnull (mezidon);
  g_assert_cmpstr (mezidon->name, ==, "Mézidon Vallée d'Auge");
  g_assert_cmpstr (mezidon->postcodes, ==, "14140,14270,14340,14370");

  g_assert_null (carnet_reference_lookup (reference, "00000"));
  g_assert_null (carnet_reference_lookup (reference, "1404"));
  g_assert_null (carnet_reference_lookup (reference, "140470"));
  g_assert_null (carnet_reference_lookup (reference, ""));
}

static void
test_lookup_corsica (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  const CarnetReferenceCommune *ajaccio = carnet_reference_lookup (reference, "2A004");
  const CarnetReferenceCommune *bastia = carnet_reference_lookup (reference, "2B033");

  g_assert_nonnull (ajaccio);
  g_assert_cmpstr (ajaccio->name, ==, "Ajaccio");
  g_assert_cmpstr (ajaccio->departement, ==, "2A");
  g_assert_cmpstr (ajaccio->departement_name, ==, "Corse-du-Sud");
  g_assert_cmpstr (ajaccio->region, ==, "Corse");

  g_assert_nonnull (bastia);
  g_assert_cmpstr (bastia->name, ==, "Bastia");
  g_assert_cmpstr (bastia->departement, ==, "2B");

  /* Lower case is accepted: people type it so. */
  g_assert_true (carnet_reference_lookup (reference, "2a004") == ajaccio);
}

static void
test_lookup_overseas (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  const CarnetReferenceCommune *saint_denis = carnet_reference_lookup (reference, "97411");
  const CarnetReferenceCommune *mamoudzou = carnet_reference_lookup (reference, "97611");
  g_autoptr(GPtrArray) mayotte = carnet_reference_search (reference, "976", 0);

  g_assert_nonnull (saint_denis);
  g_assert_cmpstr (saint_denis->name, ==, "Saint-Denis");
  g_assert_cmpstr (saint_denis->departement, ==, "974");
  g_assert_cmpstr (saint_denis->region, ==, "La Réunion");
  g_assert_cmpint (saint_denis->population, >, 100000);

  g_assert_nonnull (mamoudzou);
  g_assert_cmpstr (mamoudzou->name, ==, "Mamoudzou");
  g_assert_cmpstr (mamoudzou->region, ==, "Mayotte");

  /* Mayotte has 17 communes; "976" is also the start of their postcodes. */
  g_assert_cmpuint (mayotte->len, ==, 17);
  for (guint i = 0; i < mayotte->len; i++)
    {
      const CarnetReferenceCommune *commune = g_ptr_array_index (mayotte, i);

      g_assert_true (g_str_has_prefix (commune->insee, "976"));
    }

  for (const char *const *code = (const char *const[]) { "97101", "97209", "97302", NULL };
       *code != NULL; code++)
    g_assert_nonnull (carnet_reference_lookup (reference, *code));
}

static void
test_search_accents (void)
{
  g_assert_cmpint (position_of ("mezidon", 10, "14431"), ==, 0);
  g_assert_cmpint (position_of ("Mézidon", 10, "14431"), ==, 0);
  g_assert_cmpint (position_of ("MÉZIDON VALLÉE D’AUGE", 10, "14431"), ==, 0);
  g_assert_cmpint (position_of ("mezidon vallee d'auge", 10, "14431"), ==, 0);
  g_assert_cmpint (position_of ("l'hay les roses", 10, "94038"), ==, 0);
  g_assert_cmpint (position_of ("LHAY", 10, "94038"), ==, -1);
}

static void
test_search_punctuation (void)
{
  const char *queries[] = { "saint-lo", "saint lo", "SAINT LÔ", "Saint-Lô", "saint  -  lo ",
                            "st lo", "St-Lô" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      const CarnetReferenceCommune *first = first_of (queries[i]);

      g_assert_nonnull (first);
      g_assert_cmpstr (first->insee, ==, "50502");
    }

  g_assert_cmpint (position_of ("villeneuve d ascq", 10, "59009"), ==, 0);
  g_assert_cmpint (position_of ("Villeneuve-d’Ascq", 10, "59009"), ==, 0);

  g_assert_cmpint (position_of ("ste mere eglise", 10, "50523"), ==, 0);
  g_assert_cmpint (position_of ("mont st michel", 10, "50353"), >=, 0);

  /* A trailing "st" is a word being typed, not "saint". */
  g_assert_cmpint (position_of ("st", 0, "67482"), >=, 0);
}

static void
test_search_word (void)
{
  int vallee = position_of ("vallee", 0, "14431");

  /* "Mézidon Vallée d'Auge" is found by its second word, after the names starting so. */
  g_assert_cmpint (vallee, >, 0);
  g_assert_cmpint (position_of ("vallee d auge", 10, "14431"), ==, 0);
  g_assert_cmpint (position_of ("auge", 0, "14431"), >=, 0);

  /* Word prefixes never beat a name prefix: Vallet (44) starts with "valle". */
  g_assert_cmpint (position_of ("valle", 0, "44212"), <, position_of ("valle", 0, "14431"));

  /* A search is not a substring search. */
  g_assert_cmpint (position_of ("zidon", 0, "14431"), ==, -1);
}

/* The rank a name search gives @commune for @folded_query: 0 for the exact name, 1 for a name
 * starting with it, 2 for a later word starting with it. */
static int
name_rank (const CarnetReferenceCommune *commune,
           const char                   *folded_query)
{
  g_autofree char *folded = carnet_reference_normalize (commune->name);
  g_autofree char *word = g_strconcat (" ", folded_query, NULL);

  if (g_str_equal (folded, folded_query))
    return 0;
  if (g_str_has_prefix (folded, folded_query))
    return 1;
  g_assert_nonnull (strstr (folded, word));
  return 2;
}

static void
test_search_ranking (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  g_autoptr(GPtrArray) paris = carnet_reference_search (reference, "paris", 0);
  g_autoptr(GPtrArray) saint = carnet_reference_search (reference, "saint", 50);
  const CarnetReferenceCommune *commune;
  int ranks_seen[3] = { 0, };

  /* The exact name first, then the names starting with it, then those with a later word
   * starting with it (Cormeilles-en-Parisis); in each group, the most populous first. */
  g_assert_cmpuint (paris->len, >=, 5);
  commune = g_ptr_array_index (paris, 0);
  g_assert_cmpstr (commune->insee, ==, "75056");
  for (guint i = 0; i < paris->len; i++)
    {
      int rank;

      commune = g_ptr_array_index (paris, i);
      rank = name_rank (commune, "paris");
      ranks_seen[rank]++;
      if (i > 0)
        {
          const CarnetReferenceCommune *previous = g_ptr_array_index (paris, i - 1);
          int previous_rank = name_rank (previous, "paris");

          g_assert_cmpint (previous_rank, <=, rank);
          if (previous_rank == rank)
            g_assert_cmpint (previous->population, >=, commune->population);
        }
    }
  g_assert_cmpint (ranks_seen[0], ==, 1);
  g_assert_cmpint (ranks_seen[1], >=, 2);
  g_assert_cmpint (ranks_seen[2], >=, 2);

  /* "Saint" names only, all of them prefixes, sorted by population. */
  g_assert_cmpuint (saint->len, ==, 50);
  for (guint i = 0; i < saint->len; i++)
    {
      g_autofree char *folded = NULL;

      commune = g_ptr_array_index (saint, i);
      folded = carnet_reference_normalize (commune->name);
      g_assert_true (g_str_has_prefix (folded, "saint"));
      if (i > 0)
        {
          const CarnetReferenceCommune *previous = g_ptr_array_index (saint, i - 1);

          g_assert_cmpint (previous->population, >=, commune->population);
        }
    }

  /* Two exact "Saint-Denis" (93 and 974), the more populous first, before any prefix. */
  g_assert_cmpint (position_of ("saint denis", 10, "97411"), <, 2);
  g_assert_cmpint (position_of ("saint denis", 10, "93066"), <, 2);

  /* The exact name beats a bigger commune whose name merely starts with it. */
  g_assert_cmpint (position_of ("bastia", 10, "2B033"), ==, 0);
  g_assert_cmpint (position_of ("caen", 10, "14118"), ==, 0);
}

static void
test_search_insee (void)
{
  const CarnetReferenceCommune *commune;

  commune = first_of ("2A004");
  g_assert_nonnull (commune);
  g_assert_cmpstr (commune->name, ==, "Ajaccio");

  commune = first_of ("2a004");
  g_assert_nonnull (commune);
  g_assert_cmpstr (commune->name, ==, "Ajaccio");

  commune = first_of ("14047");
  g_assert_nonnull (commune);
  g_assert_cmpstr (commune->name, ==, "Bayeux");
  g_assert_cmpuint (count_of ("14047", 0), ==, 1);

  commune = first_of ("2B033");
  g_assert_nonnull (commune);
  g_assert_cmpstr (commune->name, ==, "Bastia");

  /* A prefix of a code: every commune of Corse-du-Sud, Ajaccio the most populous. */
  commune = first_of ("2A");
  g_assert_nonnull (commune);
  g_assert_cmpstr (commune->insee, ==, "2A004");
  g_assert_cmpuint (count_of ("2a", 0), >, 100);
  g_assert_cmpuint (count_of ("2a", 0), <, 200);

  g_assert_cmpuint (count_of ("2C", 0), ==, 0);
  g_assert_cmpuint (count_of ("140470", 0), ==, 0);
}

static void
test_search_postcode (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  g_autoptr(GPtrArray) results = carnet_reference_search (reference, "14400", 0);
  const CarnetReferenceCommune *commune;

  /* 14400 is Le Manoir's INSEE code and the postcode of Bayeux and its neighbours. */
  g_assert_cmpuint (results->len, >, 5);
  commune = g_ptr_array_index (results, 0);
  g_assert_cmpstr (commune->insee, ==, "14400");
  commune = g_ptr_array_index (results, 1);
  g_assert_cmpstr (commune->insee, ==, "14047");
  for (guint i = 1; i < results->len; i++)
    {
      commune = g_ptr_array_index (results, i);
      g_assert_nonnull (strstr (commune->postcodes, "14400"));
    }

  /* A commune is found by any of its postcodes, and spaces are forgiven. */
  g_assert_cmpint (position_of ("14370", 0, "14431"), >=, 0);
  g_assert_cmpint (position_of ("14 370", 0, "14431"), >=, 0);
  g_assert_cmpint (position_of ("75116", 0, "75056"), ==, 0);
  /* 97417 is Saint-Philippe's INSEE code and one of Saint-Denis's postcodes. */
  g_assert_cmpint (position_of ("97417", 0, "97417"), ==, 0);
  g_assert_cmpint (position_of ("97417", 0, "97411"), ==, 1);

  /* A postcode prefix: Ajaccio's 20090, although its INSEE code starts with 2A. */
  g_assert_cmpint (position_of ("2009", 0, "2A004"), >=, 0);
}

static void
test_search_limit (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  guint all = count_of ("saint", 0);

  g_assert_cmpuint (all, >, 3000);
  g_assert_cmpuint (all, <, carnet_reference_get_n_communes (reference));
  g_assert_cmpuint (count_of ("saint", 1), ==, 1);
  g_assert_cmpuint (count_of ("saint", 7), ==, 7);
  g_assert_cmpuint (count_of ("saint", all + 10), ==, all);
  g_assert_cmpuint (count_of ("1", 5), ==, 5);

  /* The limit keeps the best results, not the first ones met. */
  g_assert_cmpint (position_of ("paris", 1, "75056"), ==, 0);
  g_assert_cmpint (position_of ("vallee", 3, "14431"), ==, -1);
}

static void
test_search_garbage (void)
{
  g_autoptr(GString) longer = g_string_new (NULL);
  const char *queries[] = { "", " ", "%%%", "-'’", "\t\n", "zzzzzz", "saint lo zzz", "00",
                            "99999", "2A0044", "1 2 3 4 5 6", "2A-ajaccio", "\xc3\x28",
                            "bay\377eux", "\xe2\x82" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_assert_cmpuint (count_of (queries[i], 10), ==, 0);

  g_assert_cmpuint (count_of (NULL, 10), ==, 0);

  for (guint i = 0; i < 10000; i++)
    g_string_append (longer, "Saint-Lô ");
  g_assert_cmpuint (count_of (longer->str, 10), ==, 0);
}

/* A name as a person writes it finds the communes of that very name, homonyms included. */
static void
test_find_by_name (void)
{
  CarnetReference *reference = carnet_reference_get_default ();
  const GPtrArray *found;
  gboolean reunion = FALSE, seine_saint_denis = FALSE;

  found = carnet_reference_find_by_name (reference, "ST-LÔ");
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((const CarnetReferenceCommune *)found->pdata[0])->insee, ==, "50502");

  /* Saint-Denis of La Réunion and of Seine-Saint-Denis; not Saint-Denis-d'Oléron. */
  found = carnet_reference_find_by_name (reference, "saint denis");
  g_assert_nonnull (found);
  for (guint i = 0; i < found->len; i++)
    {
      const CarnetReferenceCommune *commune = found->pdata[i];

      g_assert_cmpstr (commune->name, ==, "Saint-Denis");
      reunion |= g_str_equal (commune->insee, "97411");
      seine_saint_denis |= g_str_equal (commune->insee, "93066");
    }
  g_assert_true (reunion && seine_saint_denis);

  g_assert_null (carnet_reference_find_by_name (reference, "Saint-L"));
  g_assert_null (carnet_reference_find_by_name (reference, "\xff\xfe"));
  {
    g_autofree char *folded = carnet_reference_fold_name ("Ste-Mère-Église");

    g_assert_cmpstr (folded, ==, "sainte mere eglise");
  }
}

static void
test_normalize (void)
{
  struct
  {
    const char *text;
    const char *folded;
  } cases[] = {
    { "Saint-Lô", "saint lo" },
    { "  SAINT   LÔ  ", "saint lo" },
    { "Mézidon Vallée d'Auge", "mezidon vallee d auge" },
    { "L’Haÿ-les-Roses", "l hay les roses" },
    { "Cœuvres-et-Valsery", "coeuvres et valsery" },
    { "Île de Clipperton", "ile de clipperton" },
    { "2A004", "2a004" },
    { "%%%", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = carnet_reference_normalize (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }

  /* Invalid UTF-8 is repaired, never returned. */
  {
    g_autofree char *folded = carnet_reference_normalize ("Bay\377eux");

    g_assert_true (g_utf8_validate (folded, -1, NULL));
    g_assert_true (g_str_has_prefix (folded, "bay"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reference/load", test_load);
  g_test_add_func ("/reference/lookup/insee", test_lookup);
  g_test_add_func ("/reference/lookup/corsica", test_lookup_corsica);
  g_test_add_func ("/reference/lookup/overseas", test_lookup_overseas);
  g_test_add_func ("/reference/search/accents", test_search_accents);
  g_test_add_func ("/reference/search/punctuation", test_search_punctuation);
  g_test_add_func ("/reference/search/word", test_search_word);
  g_test_add_func ("/reference/search/ranking", test_search_ranking);
  g_test_add_func ("/reference/search/insee", test_search_insee);
  g_test_add_func ("/reference/search/postcode", test_search_postcode);
  g_test_add_func ("/reference/search/limit", test_search_limit);
  g_test_add_func ("/reference/search/garbage", test_search_garbage);
  g_test_add_func ("/reference/normalize", test_normalize);
  g_test_add_func ("/reference/find-by-name", test_find_by_name);

  return g_test_run ();
}
