/* carnet-reference.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-reference"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "carnet-core-resources.h"
#include "carnet-reference.h"

#define COMMUNES_RESOURCE "/io/github/carnet_pvd/Carnet/core/communes.tsv"
#define N_FIELDS          9
#define INSEE_LEN         5

/* Lower is better. Names use EXACT, PREFIX and WORD; codes use all four:
 * INSEE code, exact postcode, INSEE prefix, postcode prefix. */
typedef enum
{
  RANK_EXACT,
  RANK_PREFIX,
  RANK_WORD,
  RANK_WEAK,
  N_RANKS
} Rank;

/* What a search scans: one record per commune, most populous first, each record a
 * NUL-terminated string of space-separated words. Scanning one block of memory with memmem()
 * is what makes a search over every commune take a fraction of a millisecond. */
typedef struct
{
  char    *text;
  gsize    len;
  guint32 *starts;  /* where each record starts in text */
} Haystack;

struct _CarnetReference
{
  GObject                 parent_instance;

  char                   *text;           /* the TSV, split in place: communes point into it */
  CarnetReferenceCommune *communes;       /* sorted by INSEE code */
  guint                  *by_population;  /* indexes into communes, most populous first */
  guint                   n_communes;
  Haystack                names;          /* folded names ("saint lo") */
  Haystack                codes;          /* INSEE code and postcodes ("50502 50000") */
  GMutex                  by_name_lock;
  GHashTable             *by_name;        /* folded name → GPtrArray of communes; made once asked */
};

G_DEFINE_FINAL_TYPE (CarnetReference, carnet_reference, G_TYPE_OBJECT)

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* Appends the folded form of @text (valid UTF-8) to @out: ASCII lowercase letters and digits,
 * every run of anything else (spaces, hyphens, apostrophes…) turned into one space, no space
 * at either end. */
static void
fold_append (GString    *out,
             const char *text)
{
  g_autofree char *ascii = NULL;
  gboolean pending_space = FALSE;
  gsize start = out->len;

  /* Most names are plain ASCII: skip the transliteration then. "C" keeps it the same in
   * every locale (a German one would make "ü" into "ue"). */
  if (!is_ascii (text))
    text = ascii = g_str_to_ascii (text, "C");

  for (; *text != '\0'; text++)
    {
      if (g_ascii_isalnum (*text))
        {
          if (pending_space && out->len > start)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_c (out, g_ascii_tolower (*text));
        }
      else
        {
          pending_space = TRUE;
        }
    }
}

/* People write "St-Lô" and "Ste-Mère-Église"; INSEE never abbreviates. Only whole words
 * followed by another word are expanded, so that typing "st" still finds "Strasbourg". */
static char *
expand_abbreviations (const char *folded)
{
  g_auto(GStrv) words = NULL;
  guint n_words;

  if (!g_str_has_prefix (folded, "st") && strstr (folded, " st") == NULL)
    return g_strdup (folded);

  words = g_strsplit (folded, " ", -1);
  n_words = g_strv_length (words);
  for (guint i = 0; i + 1 < n_words; i++)
    {
      if (g_str_equal (words[i], "st"))
        g_set_str (&words[i], "saint");
      else if (g_str_equal (words[i], "ste"))
        g_set_str (&words[i], "sainte");
    }

  return g_strjoinv (" ", words);
}

static int
compare_insee (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CarnetReferenceCommune *commune_a = a;
  const CarnetReferenceCommune *commune_b = b;

  return strcmp (commune_a->insee, commune_b->insee);
}

static int
compare_population (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const CarnetReferenceCommune *communes = user_data;
  guint index_a = *(const guint *) a;
  guint index_b = *(const guint *) b;
  gint64 population_a = communes[index_a].population;
  gint64 population_b = communes[index_b].population;

  if (population_a != population_b)
    return population_a > population_b ? -1 : 1;
  return index_a < index_b ? -1 : (index_a > index_b);
}

/* Splits @line in place into its fields and fills @commune. Returns FALSE for a line that is
 * not a commune. */
static gboolean
parse_line (char                   *line,
            CarnetReferenceCommune *commune)
{
  char *fields[N_FIELDS];
  char *end = NULL;
  char *p = line;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      char *tab = strchr (p, '\t');

      fields[i] = p;
      if (i + 1 < N_FIELDS)
        {
          if (tab == NULL)
            return FALSE;
          *tab = '\0';
          p = tab + 1;
        }
      else if (tab != NULL)
        {
          return FALSE;
        }
    }

  if (strlen (fields[0]) != INSEE_LEN)
    return FALSE;
  for (guint i = 0; i < N_FIELDS; i++)
    if (!g_utf8_validate (fields[i], -1, NULL))
      return FALSE;

  commune->insee = fields[0];
  commune->name = fields[1];
  commune->departement = fields[2];
  commune->departement_name = fields[3];
  commune->region = fields[4];
  commune->epci_siren = fields[5];
  commune->epci_name = fields[6];
  commune->population = g_ascii_strtoll (fields[7], &end, 10);
  if (end == fields[7] || *end != '\0' || commune->population < 0)
    commune->population = 0;
  commune->postcodes = fields[8];

  return TRUE;
}

/* Builds @haystack from one record per commune, in population order; @append_record writes
 * a commune's record. */
static void
haystack_build (Haystack                *haystack,
                CarnetReference         *self,
                gsize                    size_hint,
                void                   (*append_record) (GString                      *out,
                                                         const CarnetReferenceCommune *commune))
{
  GString *text = g_string_sized_new (size_hint);

  haystack->starts = g_new (guint32, MAX (self->n_communes, 1));
  for (guint i = 0; i < self->n_communes; i++)
    {
      haystack->starts[i] = text->len;
      append_record (text, &self->communes[self->by_population[i]]);
      g_string_append_c (text, '\0');
    }

  g_assert (text->len <= G_MAXUINT32);
  haystack->len = text->len;
  haystack->text = g_string_free (text, FALSE);
}

static void
append_name (GString                      *out,
             const CarnetReferenceCommune *commune)
{
  fold_append (out, commune->name);
}

static void
append_codes (GString                      *out,
              const CarnetReferenceCommune *commune)
{
  g_string_append (out, commune->insee);
  for (const char *p = commune->postcodes; *p != '\0'; p++)
    {
      if (p == commune->postcodes || *p == ',')
        g_string_append_c (out, ' ');
      if (*p != ',')
        g_string_append_c (out, *p);
    }
}

static void
carnet_reference_load (CarnetReference *self,
                       GBytes          *bytes)
{
  gsize size = g_bytes_get_size (bytes);
  gsize n_lines = 1;
  gboolean sorted = TRUE;
  char *line;

  self->text = g_malloc (size + 1);
  memcpy (self->text, g_bytes_get_data (bytes, NULL), size);
  self->text[size] = '\0';

  for (const char *p = self->text; (p = strchr (p, '\n')) != NULL; p++)
    n_lines++;
  self->communes = g_new0 (CarnetReferenceCommune, n_lines);

  for (line = self->text; line != NULL && *line != '\0';)
    {
      char *newline = strchr (line, '\n');

      if (newline != NULL)
        {
          *newline = '\0';
          if (newline > line && newline[-1] == '\r')
            newline[-1] = '\0';
        }

      /* Skips the comment, the column names and anything malformed. */
      if (line[0] != '#' && !g_str_has_prefix (line, "insee\t"))
        {
          if (parse_line (line, &self->communes[self->n_communes]))
            self->n_communes++;
          else
            g_debug ("Skipping a malformed line of the reference communes");
        }

      line = newline != NULL ? newline + 1 : NULL;
    }

  /* lookup() bisects: the generated file is sorted, a hand-edited one may not be. */
  for (guint i = 1; i < self->n_communes && sorted; i++)
    sorted = strcmp (self->communes[i - 1].insee, self->communes[i].insee) < 0;
  if (!sorted)
    {
      g_warning ("The reference communes are not sorted by INSEE code");
      g_sort_array (self->communes, self->n_communes, sizeof (CarnetReferenceCommune),
                    compare_insee, NULL);
    }

  self->by_population = g_new (guint, MAX (self->n_communes, 1));
  for (guint i = 0; i < self->n_communes; i++)
    self->by_population[i] = i;
  g_sort_array (self->by_population, self->n_communes, sizeof (guint),
                compare_population, self->communes);

  haystack_build (&self->names, self, size / 6, append_name);
  haystack_build (&self->codes, self, size / 6, append_codes);
}

/* The record of @haystack that holds the byte at @offset. */
static guint
haystack_record_at (const Haystack *haystack,
                    guint           n_records,
                    gsize           offset)
{
  guint low = 0;
  guint high = n_records;

  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (haystack->starts[middle] <= offset)
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* How well a record matches @needle found at @hit, the start of one of its words.
 * A name: the whole of it, its start, a later word. Codes: the INSEE code, a postcode, the
 * start of the INSEE code, the start of a postcode. */
static Rank
rank_hit (const char *hit,
          gboolean    first_word,
          gboolean    is_code,
          gsize       needle_len)
{
  char after = hit[needle_len];
  gboolean whole_word = after == '\0' || (is_code && after == ' ');

  if (is_code)
    {
      if (first_word)
        return whole_word ? RANK_EXACT : RANK_WORD;
      return whole_word ? RANK_PREFIX : RANK_WEAK;
    }

  if (first_word)
    return whole_word ? RANK_EXACT : RANK_PREFIX;
  return RANK_WORD;
}

/* Adds to @buckets the communes of @haystack with a word starting with @needle. Records are
 * in population order, so each bucket comes out sorted by population. */
static void
haystack_search (CarnetReference *self,
                 const Haystack  *haystack,
                 gboolean         is_code,
                 const char      *needle,
                 guint            limit,
                 GPtrArray      **buckets)
{
  gsize needle_len = strlen (needle);
  const char *end = haystack->text + haystack->len;
  const char *p = haystack->text;
  const char *hit;
  Rank cutoff = N_RANKS;

  while (p < end && (hit = memmem (p, end - p, needle, needle_len)) != NULL)
    {
      gboolean first_word = hit == haystack->text || hit[-1] == '\0';
      guint record;
      Rank rank;

      p = hit + 1;
      if (!first_word && hit[-1] != ' ')
        continue;

      /* Once a rank holds @limit communes, it and the ranks after it are settled. */
      rank = rank_hit (hit, first_word, is_code, needle_len);
      if (rank >= cutoff)
        continue;

      record = haystack_record_at (haystack, self->n_communes, hit - haystack->text);
      g_ptr_array_add (buckets[rank], &self->communes[self->by_population[record]]);
      if (buckets[rank]->len >= limit)
        {
          cutoff = rank;
          if (cutoff == RANK_EXACT)
            break;
        }

      /* A record's first hit is its best one: go on with the next record. */
      if (record + 1 < self->n_communes)
        p = haystack->text + haystack->starts[record + 1];
      else
        break;
    }
}

/* A code query is an INSEE code or postcode being typed: digits, with "2A"/"2B" for Corsica.
 * Fills @code with it in upper case, spaces removed ("14 400"). */
static gboolean
parse_code_query (const char *folded,
                  char        code[INSEE_LEN + 1])
{
  gsize len = 0;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (len == INSEE_LEN)
        return FALSE;
      if (!g_ascii_isdigit (*p) && (len != 1 || code[0] != '2' || (*p != 'a' && *p != 'b')))
        return FALSE;
      code[len++] = g_ascii_toupper (*p);
    }
  code[len] = '\0';

  return len > 0;
}

static void
carnet_reference_finalize (GObject *object)
{
  CarnetReference *self = (CarnetReference *) object;

  g_clear_pointer (&self->names.text, g_free);
  g_clear_pointer (&self->names.starts, g_free);
  g_clear_pointer (&self->codes.text, g_free);
  g_clear_pointer (&self->codes.starts, g_free);
  g_clear_pointer (&self->by_population, g_free);
  g_clear_pointer (&self->communes, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_mutex_clear (&self->by_name_lock);

  G_OBJECT_CLASS (carnet_reference_parent_class)->finalize (object);
}

static void
carnet_reference_class_init (CarnetReferenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carnet_reference_finalize;
}

static void
carnet_reference_init (CarnetReference *self)
{
  g_mutex_init (&self->by_name_lock);
}

/**
 * carnet_reference_get_default:
 *
 * Gets the reference list of French communes built into Carnet, loading it on first use
 * (a few tens of milliseconds). It is never freed and may be used from any thread.
 *
 * Returns: (transfer none): the reference communes
 */
CarnetReference *
carnet_reference_get_default (void)
{
  static CarnetReference *default_reference;

  if (g_once_init_enter_pointer (&default_reference))
    {
      CarnetReference *self = g_object_new (CARNET_TYPE_REFERENCE, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resource_lookup_data (carnet_core_get_resource (), COMMUNES_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_critical ("Cannot load the reference communes: %s", error->message);
          bytes = g_bytes_new_static ("", 0);
        }

      carnet_reference_load (self, bytes);
      g_debug ("Loaded %u reference communes", self->n_communes);

      g_once_init_leave_pointer (&default_reference, self);
    }

  return default_reference;
}

/**
 * carnet_reference_get_n_communes:
 * @self: a #CarnetReference
 *
 * Returns: how many communes the reference holds
 */
guint
carnet_reference_get_n_communes (CarnetReference *self)
{
  g_return_val_if_fail (CARNET_IS_REFERENCE (self), 0);

  return self->n_communes;
}

/**
 * carnet_reference_get_commune:
 * @self: a #CarnetReference
 * @index: from 0 to carnet_reference_get_n_communes() - 1
 *
 * Returns: (transfer none): the commune at @index, in the order of INSEE codes
 */
const CarnetReferenceCommune *
carnet_reference_get_commune (CarnetReference *self,
                              guint            index)
{
  g_return_val_if_fail (CARNET_IS_REFERENCE (self), NULL);
  g_return_val_if_fail (index < self->n_communes, NULL);

  return &self->communes[index];
}

/**
 * carnet_reference_lookup:
 * @self: a #CarnetReference
 * @insee: an INSEE code, such as "14047" or "2a004"
 *
 * Returns: (transfer none) (nullable): the commune with that code, or %NULL
 */
const CarnetReferenceCommune *
carnet_reference_lookup (CarnetReference *self,
                         const char      *insee)
{
  char code[INSEE_LEN + 1];
  guint low = 0;
  guint high;

  g_return_val_if_fail (CARNET_IS_REFERENCE (self), NULL);
  g_return_val_if_fail (insee != NULL, NULL);

  if (strlen (insee) != INSEE_LEN)
    return NULL;
  for (guint i = 0; i <= INSEE_LEN; i++)
    code[i] = g_ascii_toupper (insee[i]);

  high = self->n_communes;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int cmp = strcmp (code, self->communes[middle].insee);

      if (cmp == 0)
        return &self->communes[middle];
      if (cmp < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

/**
 * carnet_reference_search:
 * @self: a #CarnetReference
 * @query: what the user typed: the start of a name or of one of its words, an INSEE code or
 *   a postcode (or their start)
 * @limit: the most results to return, or 0 for all
 *
 * Searches the communes, ignoring case, accents, hyphens and apostrophes ("saint lo" finds
 * Saint-Lô, "st lo" too). Exact names come first, then names that start with @query, then
 * names with a later word that does; for codes, the exact INSEE code, then exact postcodes,
 * then INSEE codes and postcodes that start with @query. Ties go to the most populous.
 *
 * Returns: (transfer container) (element-type CarnetReferenceCommune): the matching
 *   communes, best first; empty if @query matches nothing or is not valid UTF-8
 */
GPtrArray *
carnet_reference_search (CarnetReference *self,
                         const char      *query,
                         guint            limit)
{
  GPtrArray *buckets[N_RANKS] = { NULL, };
  g_autofree char *folded = NULL;
  g_autofree char *expanded = NULL;
  GPtrArray *results;
  char code[INSEE_LEN + 1];

  g_return_val_if_fail (CARNET_IS_REFERENCE (self), NULL);

  results = g_ptr_array_new ();
  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return results;

  folded = carnet_reference_normalize (query);
  if (folded[0] == '\0')
    return results;
  /* No name starts with a digit, and no code with anything else. */
  if (g_ascii_isdigit (folded[0]) && !parse_code_query (folded, code))
    return results;

  if (limit == 0)
    limit = G_MAXUINT;

  buckets[RANK_EXACT] = results;
  for (guint r = RANK_EXACT + 1; r < N_RANKS; r++)
    buckets[r] = g_ptr_array_new ();

  if (g_ascii_isdigit (folded[0]))
    {
      haystack_search (self, &self->codes, TRUE, code, limit, buckets);
    }
  else
    {
      expanded = expand_abbreviations (folded);
      haystack_search (self, &self->names, FALSE, expanded, limit, buckets);
    }

  for (guint r = RANK_EXACT + 1; r < N_RANKS; r++)
    {
      for (guint i = 0; i < buckets[r]->len && results->len < limit; i++)
        g_ptr_array_add (results, g_ptr_array_index (buckets[r], i));
      g_ptr_array_unref (buckets[r]);
    }

  return results;
}

/**
 * carnet_reference_fold_name:
 * @text: a commune's name as a person writes it (“St-Lô”)
 *
 * Returns: @text folded as carnet_reference_normalize() does, “St” and “Ste” before another
 *   word spelled out (“saint lo”)
 */
char *
carnet_reference_fold_name (const char *text)
{
  g_autofree char *folded = carnet_reference_normalize (text);

  return expand_abbreviations (folded);
}

/**
 * carnet_reference_find_by_name:
 * @name: a commune's name, accents, case, punctuation and abbreviated saints as a person
 *   writes them
 *
 * Returns: (transfer none) (nullable): the communes of that very name (several communes
 *   share some names), or %NULL
 */
const GPtrArray *
carnet_reference_find_by_name (CarnetReference *self,
                               const char      *name)
{
  g_autofree char *folded = NULL;
  const GPtrArray *found;

  g_return_val_if_fail (CARNET_IS_REFERENCE (self), NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  folded = carnet_reference_fold_name (name);

  g_mutex_lock (&self->by_name_lock);
  if (self->by_name == NULL)
    {
      self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
      for (guint i = 0; i < self->n_communes; i++)
        {
          char *key = carnet_reference_normalize (self->communes[i].name);
          GPtrArray *same = g_hash_table_lookup (self->by_name, key);

          if (same == NULL)
            g_hash_table_insert (self->by_name, key, (same = g_ptr_array_new ()));
          else
            g_free (key);
          g_ptr_array_add (same, &self->communes[i]);
        }
    }
  found = g_hash_table_lookup (self->by_name, folded);
  g_mutex_unlock (&self->by_name_lock);
  return found;
}

/**
 * carnet_reference_normalize:
 * @text: some UTF-8 text
 *
 * Folds @text the way the search compares names: lowercase ASCII without accents, letters
 * and digits only, words separated by one space ("L'Haÿ-les-Roses" gives "l hay les roses").
 * Invalid UTF-8 is repaired first.
 *
 * Returns: (transfer full): the folded text
 */
char *
carnet_reference_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  fold_append (out, text);

  return g_string_free_and_steal (out);
}
