/* test-walks.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carnet-test-util.h"
#include "carnet-walks.h"

#define MOBILITES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002"
#define COMMERCE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003"
#define SANTE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0001"
#define NBSP "\u00a0"

typedef struct
{
  char        *dir;
  char        *path;
  CarnetStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("carnet-test-walks-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "carnet.db", NULL);
  fixture->store = carnet_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  carnet_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CarnetRecord *
add_commune (Fixture    *fixture,
             const char *insee)
{
  g_autoptr(GError) error = NULL;
  CarnetCommune *commune = carnet_store_add_commune (fixture->store, insee, &error);

  g_assert_no_error (error);
  return CARNET_RECORD (commune);
}

static CarnetRecord *
add_record (Fixture *fixture,
            GType    type,
            ...)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *record;
  const char *first;
  va_list args;

  va_start (args, type);
  first = va_arg (args, const char *);
  record = CARNET_RECORD (g_object_new_valist (type, first, args));
  va_end (args);
  carnet_store_insert (fixture->store, record, &error);
  g_assert_no_error (error);
  return record;
}

static CarnetRecord *
add_walk (Fixture      *fixture,
          CarnetRecord *commune,
          const char   *date,
          const char   *title)
{
  return add_record (fixture, CARNET_TYPE_WALK,
                     "commune-uuid", carnet_record_get_uuid (commune),
                     "walked-on", date,
                     "title", title,
                     NULL);
}

static CarnetRecord *
add_observation (Fixture      *fixture,
                 CarnetRecord *walk,
                 const char   *kind,
                 const char   *theme,
                 const char   *text,
                 const char   *taken_at)
{
  return add_record (fixture, CARNET_TYPE_OBSERVATION,
                     "walk-uuid", carnet_record_get_uuid (walk),
                     "kind", kind,
                     "theme-uuid", theme,
                     "text", text,
                     "taken-at", taken_at,
                     NULL);
}

/* Turning observations into actions */

static void
test_action_title (void)
{
  g_autofree char *long_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *one_word = g_strnfill (300, 'a');
  g_autofree char *cut_word = NULL;
  struct
  {
    const char *text;
    const char *title;
  } cases[] = {
    { "Trottoir trop étroit devant la pharmacie", "Trottoir trop étroit devant la pharmacie" },
    { "  Vitrines vides\nrue du Bourg, trois cellules", "Vitrines vides" },
    { "\n\n  Pas de   banc\t place du marché  \n", "Pas de banc place du marché" },
    { "", "" },
    { " \n \n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = carnet_observation_action_title (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].title);
    }

  /* Longer than 120 characters: cut at a word, with an ellipsis, 120 at most. */
  long_text = g_strdup ("Le stationnement sur les trottoirs de la rue Saint-Jean empêche les poussettes "
                        "et les fauteuils de passer, surtout le jour du marché, quand les camions livrent");
  title = carnet_observation_action_title (long_text);
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, CARNET_ACTION_TITLE_MAX);
  g_assert_true (g_str_has_suffix (title, "…"));
  {
    g_autofree char *stem = g_strndup (title, strlen (title) - strlen ("…"));
    /* A whole number of words of the text, without a trailing comma. */
    g_assert_true (g_str_has_prefix (long_text, stem));
    g_assert_true (long_text[strlen (stem)] == ' ' || long_text[strlen (stem)] == ',');
    g_assert_false (g_str_has_suffix (stem, ","));
  }
  cut_word = carnet_observation_action_title (one_word);
  g_assert_cmpuint (g_utf8_strlen (cut_word, -1), ==, CARNET_ACTION_TITLE_MAX);
}

static void
test_to_action (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CarnetRecord) bayeux = add_commune (fixture, "14047");
  g_autoptr(CarnetRecord) falaise = add_commune (fixture, "14258");
  g_autoptr(CarnetRecord) project = NULL;
  g_autoptr(CarnetRecord) elsewhere = NULL;
  g_autoptr(CarnetRecord) walk = NULL;
  g_autoptr(CarnetRecord) observation = NULL;
  g_autoptr(CarnetRecord) empty = NULL;
  g_autoptr(CarnetAction) action = NULL;
  g_autoptr(CarnetAction) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "Pas d'abri vélo près de la gare\nLes vélos sont attachés aux grilles.";

  project = add_record (fixture, CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (bayeux),
                        "title", "Mobilités douces", NULL);
  elsewhere = add_record (fixture, CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (falaise),
                          "title", "Centre-bourg", NULL);
  walk = add_walk (fixture, bayeux, "2026-11-21", "Arpentage du 21 novembre 2026");
  observation = add_observation (fixture, walk, "idee", MOBILITES, text, "2026-11-21T10:32:00Z");
  empty = add_observation (fixture, walk, "constat", NULL, "  \n", "2026-11-21T10:40:00Z");

  /* Not into a project of another commune. */
  g_assert_null (carnet_store_observation_to_action (fixture->store, observation, elsewhere, &error));
  g_assert_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_WRONG_COMMUNE);
  g_clear_error (&error);
  g_assert_null (carnet_record_get_string (observation, "action-uuid"));

  /* Nothing to make an action of. */
  g_assert_null (carnet_store_observation_to_action (fixture->store, empty, project, &error));
  g_assert_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_EMPTY);
  g_clear_error (&error);

  action = carnet_store_observation_to_action (fixture->store, observation, project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (action), "project-uuid"), ==,
                   carnet_record_get_uuid (project));
  g_assert_cmpstr (carnet_record_get_title (CARNET_RECORD (action)), ==, "Pas d'abri vélo près de la gare");
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (action), "description"), ==, text);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (action), "theme-uuid"), ==, MOBILITES);
  g_assert_cmpstr (carnet_record_get_string (observation, "action-uuid"), ==,
                   carnet_record_get_uuid (CARNET_RECORD (action)));
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, "project-uuid",
                                        carnet_record_get_uuid (project)), ==, 1);

  /* Only once. */
  g_assert_null (carnet_store_observation_to_action (fixture->store, observation, project, &error));
  g_assert_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_ALREADY_LINKED);
  g_clear_error (&error);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ACTION, NULL, NULL), ==, 1);

  /* Once the action is deleted, the observation can become another one. */
  g_assert_true (carnet_store_delete (fixture->store, CARNET_RECORD (action), &error));
  g_assert_no_error (error);
  again = carnet_store_observation_to_action (fixture->store, observation, project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carnet_record_get_string (observation, "action-uuid"), ==,
                   carnet_record_get_uuid (CARNET_RECORD (again)));

  /* The link is in the database, not only in the object. */
  g_clear_object (&observation);
  {
    g_autoptr(CarnetRecord) reread = carnet_store_find (fixture->store, CARNET_TYPE_OBSERVATION,
                                                        "action-uuid",
                                                        carnet_record_get_uuid (CARNET_RECORD (again)));
    g_assert_nonnull (reread);
    g_assert_cmpstr (carnet_record_get_string (reread, "kind"), ==, "idee");
  }
}

/* Photos */

static const guchar png_head[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
};

static GFile *
write_file (Fixture      *fixture,
            const char   *name,
            const guchar *data,
            gsize         length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *)data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_attach_photo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CarnetRecord) bayeux = add_commune (fixture, "14047");
  g_autoptr(CarnetRecord) walk = add_walk (fixture, bayeux, "2026-11-21", "");
  g_autoptr(CarnetRecord) observation = add_observation (fixture, walk, "irritant", NULL,
                                                         "Façade dégradée", "2026-11-21T10:00:00Z");
  g_autoptr(GByteArray) photo = g_byte_array_new ();
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) text_file = NULL;
  g_autoptr(CarnetAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *big_path = NULL;
  gsize copied_length;
  GStatBuf st;
  int fd;

  g_byte_array_append (photo, png_head, sizeof png_head);
  for (guint i = 0; i < 10000; i++)
    g_byte_array_append (photo, (const guint8 *)&i, 1);
  source = write_file (fixture, "IMG_2041.PNG", photo->data, photo->len);

  attachment = carnet_store_attach_photo (fixture->store, observation, source, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (attachment), "observation-uuid"), ==,
                   carnet_record_get_uuid (observation));
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (attachment), "file-name"), ==, "IMG_2041.PNG");
  g_assert_cmpstr (carnet_record_get_string (CARNET_RECORD (attachment), "mime-type"), ==, "image/png");
  g_assert_cmpint (carnet_record_get_int (CARNET_RECORD (attachment), "size"), ==, photo->len);
  g_assert_true (g_str_has_suffix (carnet_record_get_string (CARNET_RECORD (attachment), "stored-name"), ".png"));
  g_assert_false (strstr (carnet_record_get_string (CARNET_RECORD (attachment), "stored-name"), "IMG") != NULL);

  /* A copy of its own, in a folder only the user can read, next to the database. */
  dir = carnet_store_get_attachments_dir (fixture->store);
  path = carnet_attachment_get_path (fixture->store, CARNET_RECORD (attachment));
  g_assert_true (g_str_has_prefix (path, fixture->dir));
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &copied, &copied_length, NULL));
  g_assert_cmpmem (copied, copied_length, photo->data, photo->len);
  g_assert_cmpuint (carnet_store_count (fixture->store, CARNET_TYPE_ATTACHMENT, "observation-uuid",
                                        carnet_record_get_uuid (observation)), ==, 1);

  /* A text file named like a photo is refused by its content. */
  text_file = write_file (fixture, "notes.jpg", (const guchar *)"Compte rendu de l'arpentage\n", 28);
  g_assert_null (carnet_store_attach_photo (fixture->store, observation, text_file, &error));
  g_assert_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_NOT_AN_IMAGE);
  g_assert_nonnull (strstr (error->message, "notes.jpg"));
  g_clear_error (&error);

  /* Too large (a sparse file: nothing is written). */
  big_path = g_build_filename (fixture->dir, "panorama.jpg", NULL);
  fd = g_open (big_path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "\xff\xd8\xff\xe0", 4), ==, 4);
  g_assert_cmpint (ftruncate (fd, CARNET_PHOTO_MAX_SIZE + 1), ==, 0);
  close (fd);
  {
    g_autoptr(GFile) big = g_file_new_for_path (big_path);

    g_assert_null (carnet_store_attach_photo (fixture->store, observation, big, &error));
    g_assert_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "panorama.jpg"));
    g_clear_error (&error);
  }

  /* A folder, a missing file. */
  {
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
    g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "absent.png", NULL);

    g_assert_null (carnet_store_attach_photo (fixture->store, observation, folder, &error));
    g_assert_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_NOT_AN_IMAGE);
    g_clear_error (&error);
    g_assert_null (carnet_store_attach_photo (fixture->store, observation, missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* Nothing of the refused files stayed behind. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  /* A stored name from a damaged import never leads out of the folder. */
  {
    g_autoptr(CarnetRecord) hostile = g_object_new (CARNET_TYPE_ATTACHMENT,
                                                    "stored-name", "../carnet.db", NULL);
    g_autoptr(CarnetRecord) hidden = g_object_new (CARNET_TYPE_ATTACHMENT,
                                                   "stored-name", ".hidden", NULL);

    g_assert_null (carnet_attachment_get_path (fixture->store, hostile));
    g_assert_null (carnet_attachment_get_path (fixture->store, hidden));
  }

  /* Not to a deleted observation. */
  g_assert_true (carnet_store_delete (fixture->store, observation, &error));
  g_assert_null (carnet_store_attach_photo (fixture->store, observation, source, &error));
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND);
}

/* Lists, searches and the review */

static void
test_lists_and_search (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CarnetRecord) bayeux = add_commune (fixture, "14047");
  g_autoptr(CarnetRecord) falaise = add_commune (fixture, "14258");
  g_autoptr(CarnetRecord) autumn = add_walk (fixture, bayeux, "2026-11-21", "Centre ancien");
  g_autoptr(CarnetRecord) spring = add_walk (fixture, bayeux, "2026-04-02", "Quartier de la gare");
  g_autoptr(CarnetRecord) other = add_walk (fixture, falaise, "2026-06-10", "Place Guillaume");
  g_autoptr(CarnetRecord) o1 = add_observation (fixture, autumn, "irritant", MOBILITES,
                                                "Trottoir trop étroit rue Saint-Jean", "2026-11-21T09:00:00Z");
  g_autoptr(CarnetRecord) o2 = add_observation (fixture, spring, "constat", NULL,
                                                "Les trottoirs sont neufs", "2026-04-02T09:00:00Z");
  g_autoptr(CarnetRecord) o3 = add_observation (fixture, other, "idee", NULL,
                                                "Élargir le trottoir", "2026-06-10T09:00:00Z");
  g_autoptr(CarnetRecordList) walks = NULL;
  g_autoptr(CarnetRecordList) all = NULL;
  g_autoptr(CarnetRecordList) found = NULL;
  g_autoptr(CarnetRecordList) everywhere = NULL;
  g_autoptr(CarnetRecordList) by_walk = NULL;
  g_autoptr(CarnetRecordList) nothing = NULL;
  g_autoptr(CarnetWalk) today = NULL;
  g_autoptr(GError) error = NULL;

  /* Newest first, one commune or all. */
  walks = carnet_store_list_walks (fixture->store, carnet_record_get_uuid (bayeux));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (walks)), ==, 2);
  {
    g_autoptr(CarnetRecord) first = g_list_model_get_item (G_LIST_MODEL (walks), 0);
    g_assert_true (first == autumn);
  }
  all = carnet_store_list_walks (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 3);

  /* Observations found by a word, accents ignored, of one commune or all. */
  found = carnet_store_search_observations (fixture->store, carnet_record_get_uuid (bayeux), "etroit", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  everywhere = carnet_store_search_observations (fixture->store, NULL, "trottoir", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (everywhere)), ==, 3);
  g_assert_true (carnet_record_list_has_sections (everywhere));
  g_assert_cmpstr (carnet_record_list_get_section_key (everywhere, 0), ==, carnet_record_get_uuid (autumn));
  nothing = carnet_store_search_observations (fixture->store, NULL, "  ", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (nothing)), ==, 0);

  /* Walks are found by their own fields and by their observations. */
  by_walk = carnet_store_search_walks (fixture->store, carnet_record_get_uuid (bayeux), "trottoir", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_walk)), ==, 2);
  g_clear_object (&by_walk);
  by_walk = carnet_store_search_walks (fixture->store, NULL, "guillaume", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_walk)), ==, 1);

  /* The lists follow: a deleted observation leaves the results. */
  g_assert_true (carnet_store_delete (fixture->store, o2, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (everywhere)), ==, 2);

  today = carnet_store_find_walk_on (fixture->store, carnet_record_get_uuid (bayeux), "2026-04-02");
  g_assert_true (CARNET_RECORD (today) == spring);
  g_assert_null (carnet_store_find_walk_on (fixture->store, carnet_record_get_uuid (falaise), "2026-04-02"));
}

static void
test_review (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CarnetRecord) bayeux = add_commune (fixture, "14047");
  g_autoptr(CarnetRecord) falaise = add_commune (fixture, "14258");
  g_autoptr(CarnetRecord) w1 = add_walk (fixture, bayeux, "2026-11-21", "");
  g_autoptr(CarnetRecord) w2 = add_walk (fixture, bayeux, "2026-05-12", "");
  g_autoptr(CarnetRecord) w3 = add_walk (fixture, falaise, "2026-06-10", "");
  g_autoptr(CarnetRecord) gone = add_walk (fixture, bayeux, "2026-01-10", "");
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CarnetReview) review = NULL;
  g_autoptr(CarnetReview) mobility = NULL;
  g_autoptr(CarnetReview) everywhere = NULL;
  g_autoptr(CarnetRecord) deleted = NULL;
  g_autoptr(GError) error = NULL;
  const CarnetReviewTheme *theme;
  struct
  {
    CarnetRecord *walk;
    const char   *kind;
    const char   *theme;
    const char   *text;
  } notes[] = {
    { w1, "irritant", MOBILITES, "Voitures garées sur le trottoir" },
    { w1, "idee", MOBILITES, "Zone de rencontre rue Saint-Jean" },
    { w1, "constat", MOBILITES, "Parking plein le samedi" },
    { w1, "irritant", COMMERCE, "Trois vitrines vides" },
    { w2, "irritant", MOBILITES, "Pas de passage piéton devant l'école" },
    { w2, "idee", NULL, "Un banc devant la mairie" },
    { w2, "idee", COMMERCE, "Boutique à l'essai" },
    { w3, "irritant", SANTE, "Le cabinet médical ferme" },
    { gone, "irritant", MOBILITES, "Dans une marche supprimée" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    g_ptr_array_add (kept, add_observation (fixture, notes[i].walk, notes[i].kind, notes[i].theme,
                                            notes[i].text, "2026-01-01T10:00:00Z"));
  deleted = add_observation (fixture, w1, "irritant", COMMERCE, "Supprimée", "2026-11-21T11:00:00Z");
  g_assert_true (carnet_store_delete (fixture->store, deleted, &error));
  g_assert_true (carnet_store_delete (fixture->store, gone, &error));
  g_assert_no_error (error);

  review = carnet_store_review (fixture->store, carnet_record_get_uuid (bayeux), NULL);
  g_assert_cmpuint (review->n_irritants, ==, 3);
  g_assert_cmpuint (review->n_ideas, ==, 3);
  /* Themes in their order (health, mobility, commerce…), no theme last. */
  g_assert_cmpuint (review->themes->len, ==, 3);
  theme = &g_array_index (review->themes, CarnetReviewTheme, 0);
  g_assert_cmpstr (theme->theme_uuid, ==, MOBILITES);
  g_assert_cmpuint (theme->n_irritants, ==, 2);
  g_assert_cmpuint (theme->n_ideas, ==, 1);
  theme = &g_array_index (review->themes, CarnetReviewTheme, 1);
  g_assert_cmpstr (theme->theme_uuid, ==, COMMERCE);
  g_assert_cmpuint (theme->n_irritants, ==, 1);
  g_assert_cmpuint (theme->n_ideas, ==, 1);
  theme = &g_array_index (review->themes, CarnetReviewTheme, 2);
  g_assert_null (theme->theme_uuid);
  g_assert_cmpuint (theme->n_ideas, ==, 1);
  g_assert_true (carnet_review_find_theme (review, "") == theme);
  g_assert_null (carnet_review_find_theme (review, SANTE));

  /* The list: sections by theme, irritants first, the newest walk first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (review->observations)), ==, 6);
  {
    const char *expected[] = {
      "Voitures garées sur le trottoir", "Pas de passage piéton devant l'école",
      "Zone de rencontre rue Saint-Jean", "Trois vitrines vides", "Boutique à l'essai",
      "Un banc devant la mairie",
    };
    const char *keys[] = { MOBILITES, MOBILITES, MOBILITES, COMMERCE, COMMERCE, "" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(CarnetRecord) o = g_list_model_get_item (G_LIST_MODEL (review->observations), i);

        g_assert_cmpstr (carnet_record_get_string (o, "text"), ==, expected[i]);
        g_assert_cmpstr (carnet_record_list_get_section_key (review->observations, i), ==, keys[i]);
      }
  }

  mobility = carnet_store_review (fixture->store, carnet_record_get_uuid (bayeux), MOBILITES);
  g_assert_cmpuint (mobility->n_irritants, ==, 2);
  g_assert_cmpuint (mobility->n_ideas, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mobility->observations)), ==, 3);

  everywhere = carnet_store_review (fixture->store, NULL, NULL);
  g_assert_cmpuint (everywhere->n_irritants, ==, 4);
  g_assert_cmpuint (everywhere->n_ideas, ==, 3);
  theme = &g_array_index (everywhere->themes, CarnetReviewTheme, 0);
  g_assert_cmpstr (theme->theme_uuid, ==, SANTE);
}

/* Positions */

static void
test_position_parse (void)
{
  struct
  {
    const char *text;
    double      lat;
    double      lon;
  } cases[] = {
    { "49.0812, -0.1234", 49.0812, -0.1234 },
    { "49,0812 ; -0,1234", 49.0812, -0.1234 },
    { "49,0812;-0,1234", 49.0812, -0.1234 },
    { "49.0812,-0.1234", 49.0812, -0.1234 },
    { "49.0812 -0.1234", 49.0812, -0.1234 },
    { "  49.0812 , 0.1234  ", 49.0812, 0.1234 },
    { "49°04'52\"N 0°07'24\"W", 49 + 4 / 60.0 + 52 / 3600.0, -(7 / 60.0 + 24 / 3600.0) },
    { "49° 04' 52\" N, 0° 07' 24\" O", 49 + 4 / 60.0 + 52 / 3600.0, -(7 / 60.0 + 24 / 3600.0) },
    { "49°04′52″N 0°07′24″W", 49 + 4 / 60.0 + 52 / 3600.0, -(7 / 60.0 + 24 / 3600.0) },
    { "N 49°04'52\" W 0°07'24\"", 49 + 4 / 60.0 + 52 / 3600.0, -(7 / 60.0 + 24 / 3600.0) },
    { "0°07'24\"W 49°04'52\"N", 49 + 4 / 60.0 + 52 / 3600.0, -(7 / 60.0 + 24 / 3600.0) },
    { "49°04.5'N 0°07.4'E", 49.075, 7.4 / 60 },
    { "49,0812°" NBSP "N, 0,1234°" NBSP "O", 49.0812, -0.1234 },
    { "49.0812° N, 0.1234° E", 49.0812, 0.1234 },
    { "41°24'12.2\"S 2°10'26.5\"E", -(41 + 24 / 60.0 + 12.2 / 3600), 2 + 10 / 60.0 + 26.5 / 3600 },
    { "geo:49.0812,-0.1234", 49.0812, -0.1234 },
    { "geo:49.0812,-0.1234;u=35", 49.0812, -0.1234 },
    { "\u221249.5, \u22120.25", -49.5, -0.25 },
    { "48.8566 N 2.3522 E", 48.8566, 2.3522 },
    { "-90, 180", -90, 180 },
  };
  const char *invalid[] = {
    "49.0812", "49,0812", "abc", "49.0812, -0.1234, 12", "91, 0", "49, 181", "49°61'N 0°W",
    "49°04'61\"N 0°07'24\"W", "N 49.1 N 0.2", "W 49 W 0", "49'N 0'W", "49.0812, ", "-",
    "Nord 49 Ouest 0", "49.5°30'N 0°E", "N", "49 N 0 N",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double lat = 0, lon = 0;

      if (!carnet_parse_position (cases[i].text, &lat, &lon, &error))
        g_error ("“%s” was not read: %s", cases[i].text, error->message);
      g_assert_cmpfloat_with_epsilon (lat, cases[i].lat, 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, cases[i].lon, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      double lat = 0, lon = 0;

      if (carnet_parse_position (invalid[i], &lat, &lon, &error))
        g_error ("“%s” was read as %f, %f", invalid[i], lat, lon);
      g_assert_true (error->domain == CARNET_POSITION_ERROR);
      g_assert_true (isnan (lat) && isnan (lon));
    }

  /* Empty is no position. */
  {
    double lat = 0, lon = 0;

    g_assert_true (carnet_parse_position ("  ", &lat, &lon, NULL));
    g_assert_true (isnan (lat) && isnan (lon));
  }
}

static void
test_position_format (void)
{
  g_autofree char *bayeux = carnet_format_position (49.0812, -0.1234);
  g_autofree char *south_east = carnet_format_position (-33.86786, 151.20732);
  g_autofree char *zero = carnet_format_position (-0.00001, 0.00001);
  g_autofree char *none = carnet_format_position (NAN, 2);

  g_assert_cmpstr (bayeux, ==, "49,0812°" NBSP "N, 0,1234°" NBSP "W");
  g_assert_cmpstr (south_east, ==, "33,8679°" NBSP "S, 151,2073°" NBSP "E");
  g_assert_cmpstr (zero, ==, "0,0000°" NBSP "N, 0,0000°" NBSP "E");
  g_assert_cmpstr (none, ==, "");

  /* What is shown can be typed back, to the shown precision. */
  for (double lat = -89.5; lat < 90; lat += 7.3)
    for (double lon = -179.5; lon < 180; lon += 11.7)
      {
        g_autofree char *text = carnet_format_position (lat, lon);
        double back_lat, back_lon;

        g_assert_true (carnet_parse_position (text, &back_lat, &back_lon, NULL));
        g_assert_cmpfloat_with_epsilon (back_lat, lat, 0.00006);
        g_assert_cmpfloat_with_epsilon (back_lon, lon, 0.00006);
      }
}

/* With the French catalogue, west is “O” (ouest). */
static void
test_position_french (void)
{
  const char *localedir = g_getenv ("CARNET_LOCALEDIR");
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("The fr_FR.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_strcmp0 (C_("hemisphere", "W"), "W") == 0)
    g_test_skip ("No French translation of the hemispheres is built");
  else
    {
      g_autofree char *text = carnet_format_position (49.0812, -0.1234);

      g_assert_cmpstr (text, ==, "49,0812°" NBSP "N, 0,1234°" NBSP "O");
    }

  g_setenv ("LANGUAGE", "", TRUE);
  textdomain ("messages");
  setlocale (LC_ALL, saved);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/walks/action-title", test_action_title);
  ADD ("/walks/to-action", test_to_action);
  ADD ("/walks/attach-photo", test_attach_photo);
  ADD ("/walks/lists-and-search", test_lists_and_search);
  ADD ("/walks/review", test_review);
  g_test_add_func ("/walks/position/parse", test_position_parse);
  g_test_add_func ("/walks/position/format", test_position_format);
  g_test_add_func ("/walks/position/french", test_position_french);

  return g_test_run ();
}
