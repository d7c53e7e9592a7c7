/* carnet-collate.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-collate"

#include "config.h"

#include <string.h>

#include "carnet-collate.h"

/* The order people expect in lists: case and accents do not separate “Évreux” from
 * “evreux”, which sorts between “eu” and “ez”. A text sorts by its key: each character
 * decomposed (NFD), without its combining marks, case-folded; keys compare as code points
 * (as strcmp() compares their UTF-8). The order does not depend on the locale, so that the
 * app and the scripts sort alike.
 *
 * SQLite calls the comparison a few million times to sort a national list: it folds the
 * two texts a character at a time, as it compares them, and allocates nothing. Latin
 * characters, all French needs, are folded from a table made once. */

#define TABLE_END 0x250   /* Basic Latin to Latin Extended-B */
#define MAX_FOLD  3       /* “ß” folds to “ss” */

typedef struct
{
  guint8   n;
  gunichar c[MAX_FOLD];
} Fold;

static Fold *table;

/* The exact way, for one character: what the key of a text made of it alone is. */
static void
fold_slow (gunichar  c,
           Fold     *fold)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

  fold->n = 0;
  for (gsize i = 0; i < n; i++)
    {
      char utf8[8];
      int len;
      g_autofree char *folded = NULL;

      if (g_unichar_type (decomposed[i]) == G_UNICODE_NON_SPACING_MARK)
        continue;
      len = g_unichar_to_utf8 (decomposed[i], utf8);
      folded = g_utf8_casefold (utf8, len);
      for (const char *p = folded; *p != '\0' && fold->n < MAX_FOLD; p = g_utf8_next_char (p))
        fold->c[fold->n++] = g_utf8_get_char (p);
    }
}

static void
make_table (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      Fold *t = g_new0 (Fold, TABLE_END);

      for (gunichar c = 0; c < TABLE_END; c++)
        fold_slow (c, &t[c]);
      table = t;
      g_once_init_leave (&done, 1);
    }
}

/* Lower case letters whose case folding is not themselves: final sigma, ligatures. */
static gboolean
folds_specially (gunichar c)
{
  return c == 0x03C2 || c == 0x1E9B || (c >= 0xFB00 && c <= 0xFB17);
}

static void
fold_char (gunichar  c,
           Fold     *fold)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < TABLE_END)
    {
      *fold = table[c];
      return;
    }
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n == 1 && g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK && !g_unichar_isupper (c) &&
      !g_unichar_istitle (c) && !folds_specially (c))
    {
      fold->n = 1;
      fold->c[0] = c;
      return;
    }
  fold_slow (c, fold);
}

/* Reads the folded characters of a text one at a time. */
typedef struct
{
  const guchar *p;
  const guchar *end;
  Fold          fold;
  guint         next;   /* in fold */
} Reader;

static void
reader_init (Reader     *reader,
             const char *text,
             gssize      len)
{
  reader->p = (const guchar *)text;
  reader->end = reader->p + (len < 0 ? strlen (text) : (gsize)len);
  reader->fold.n = 0;
  reader->next = 0;
}

/* The next character of the key, or -1 at the end. */
static gint32
reader_next (Reader *reader)
{
  while (reader->next >= reader->fold.n)
    {
      gunichar c;

      if (reader->p >= reader->end)
        return -1;
      if (*reader->p < 0x80)
        {
          /* Most of it: ASCII, folded inline. */
          c = *reader->p++;
          return c >= 'A' && c <= 'Z' ? (gint32)(c + ('a' - 'A')) : (gint32)c;
        }
      c = g_utf8_get_char_validated ((const char *)reader->p, reader->end - reader->p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          /* Not UTF-8: the byte stands for itself, after every character. */
          return 0x110000 + *reader->p++;
        }
      reader->p = (const guchar *)g_utf8_next_char (reader->p);
      fold_char (c, &reader->fold);
      reader->next = 0;
    }
  return (gint32)reader->fold.c[reader->next++];
}

/**
 * carnet_collate:
 * @len_a: the length of @a in bytes, or -1 if it is NUL-terminated
 *
 * Compares two texts in the order of Carnet's lists (the SQLite collation “carnet”).
 *
 * Returns: -1, 0 or 1
 */
int
carnet_collate (const char *a,
                gssize      len_a,
                const char *b,
                gssize      len_b)
{
  Reader ra, rb;

  make_table ();
  reader_init (&ra, a, len_a);
  reader_init (&rb, b, len_b);
  for (;;)
    {
      gint32 x = reader_next (&ra);
      gint32 y = reader_next (&rb);

      if (x != y)
        return x < y ? -1 : 1;
      if (x < 0)
        return 0;
    }
}

/* The SQLite collation “carnet”. */
int
carnet_collate_sqlite (void       *user_data,
                       int         len_a,
                       const void *a,
                       int         len_b,
                       const void *b)
{
  return carnet_collate (a, len_a, b, len_b);
}

/**
 * carnet_collate_key:
 * @len: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Returns: (transfer full): a key of @text: strcmp() of two keys orders their texts as
 *   carnet_collate() does
 */
char *
carnet_collate_key (const char *text,
                    gssize      len)
{
  gsize n = len < 0 ? strlen (text) : (gsize)len;
  GString *key;
  Reader reader;
  gint32 c;
  gsize i;

  /* Most keys are of ASCII text: lower case, byte for byte. */
  for (i = 0; i < n && (guchar)text[i] < 0x80; i++)
    ;
  if (i == n)
    {
      char *ascii = g_malloc (n + 1);

      for (i = 0; i < n; i++)
        ascii[i] = g_ascii_tolower (text[i]);
      ascii[n] = '\0';
      return ascii;
    }

  make_table ();
  key = g_string_sized_new (n + 8);
  reader_init (&reader, text, n);
  while ((c = reader_next (&reader)) >= 0)
    {
      char utf8[6];

      if (c < 0x80)
        g_string_append_c (key, (char)c);
      else if (c >= 0x110000)
        {
          /* An invalid byte: above every character, as in carnet_collate(). */
          g_string_append_c (key, (char)0xf5);
          g_string_append_c (key, (char)(c - 0x110000));
        }
      else
        g_string_append_len (key, utf8, g_unichar_to_utf8 (c, utf8));
    }
  return g_string_free (key, FALSE);
}
