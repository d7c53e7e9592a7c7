/* carnet-walks.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walks"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "carnet-query.h"
#include "carnet-walks.h"

/* What a site walk (arpentage) adds to the records: observations turned into actions, photos
 * kept in the app's own folder next to the database, the lists and searches of the walk
 * view, and the review of irritants and ideas by theme that a steering committee asks for. */

G_DEFINE_QUARK (carnet-walks-error-quark, carnet_walks_error)

/* Reads the row again, so that an object changed inside a transaction that was then rolled
 * back shows what the database holds. */
static void
reload (CarnetStore  *store,
        CarnetRecord *record)
{
  g_autoptr(CarnetRecord) again = _carnet_store_load (store, G_OBJECT_TYPE (record),
                                                      carnet_record_get_id (record));
}

/**
 * carnet_observation_action_title:
 * @text: an observation's text
 *
 * Returns: the first line of @text with its spaces tidied, cut at a word with an ellipsis
 *   when it is longer than %CARNET_ACTION_TITLE_MAX characters; empty when @text has no word
 */
char *
carnet_observation_action_title (const char *text)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean space = FALSE;
  const char *end, *cut;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* The first line that holds something, with runs of blanks made one space. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' && line->len > 0)
        break;
      if (g_unichar_isspace (c))
        space = line->len > 0;
      else
        {
          if (space)
            g_string_append_c (line, ' ');
          space = FALSE;
          g_string_append_unichar (line, c);
        }
    }

  if (g_utf8_strlen (line->str, -1) <= CARNET_ACTION_TITLE_MAX)
    return g_string_free_and_steal (g_steal_pointer (&line));

  /* Room for the ellipsis; back to the start of the word that would be cut. */
  end = g_utf8_offset_to_pointer (line->str, CARNET_ACTION_TITLE_MAX - 1);
  cut = end;
  while (cut > line->str && *cut != ' ')
    cut = g_utf8_prev_char (cut);
  if (cut == line->str)
    cut = end;
  g_string_truncate (line, cut - line->str);
  while (line->len > 0 && strchr (" ,;:-", line->str[line->len - 1]) != NULL)
    g_string_truncate (line, line->len - 1);
  g_string_append (line, "…");
  return g_string_free_and_steal (g_steal_pointer (&line));
}

static gboolean
check_live (CarnetRecord  *record,
            const char    *message,
            GError       **error)
{
  if (carnet_record_get_deleted_at (record) == NULL)
    return TRUE;
  g_set_error_literal (error, CARNET_DB_ERROR, CARNET_DB_ERROR_NOT_FOUND, message);
  return FALSE;
}

/**
 * carnet_store_observation_to_action:
 * @observation: a #CarnetObservation
 * @project: the #CarnetProject of the walk's commune that the action goes into
 *
 * Makes an action of an observation, in one transaction: its title is the observation's
 * first line (see carnet_observation_action_title()), its description the whole text, its
 * theme the observation's; the observation then links to it. An observation already linked
 * to an action (not deleted) is refused.
 *
 * Returns: (transfer full) (nullable): the new action
 */
CarnetAction *
carnet_store_observation_to_action (CarnetStore   *store,
                                    CarnetRecord  *observation,
                                    CarnetRecord  *project,
                                    GError       **error)
{
  g_autoptr(CarnetRecord) walk = NULL;
  g_autoptr(CarnetRecord) action = NULL;
  g_autofree char *title = NULL;
  g_auto(GValue) link = G_VALUE_INIT;
  const char *linked;
  CarnetDb *db;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (CARNET_IS_OBSERVATION (observation), NULL);
  g_return_val_if_fail (CARNET_IS_PROJECT (project), NULL);

  if (!check_live (observation, _("This observation was deleted"), error) ||
      !check_live (project, _("This project was deleted"), error))
    return NULL;

  linked = carnet_record_get_string (observation, "action-uuid");
  if (linked != NULL)
    {
      g_autoptr(CarnetRecord) existing = carnet_store_get (store, CARNET_TYPE_ACTION, linked, NULL);

      if (existing != NULL && carnet_record_get_deleted_at (existing) == NULL)
        {
          g_set_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_ALREADY_LINKED,
                       _("This observation is already the action “%s”"),
                       carnet_record_get_title (existing));
          return NULL;
        }
    }

  walk = carnet_store_get (store, CARNET_TYPE_WALK,
                           carnet_record_get_string (observation, "walk-uuid"), error);
  if (walk == NULL)
    return NULL;
  if (g_strcmp0 (carnet_record_get_string (walk, "commune-uuid"),
                 carnet_record_get_string (project, "commune-uuid")) != 0)
    {
      g_set_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_WRONG_COMMUNE,
                   _("The project “%s” is not in the commune of this walk"),
                   carnet_record_get_title (project));
      return NULL;
    }

  title = carnet_observation_action_title (carnet_record_get_string (observation, "text"));
  if (*title == '\0')
    {
      g_set_error_literal (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_EMPTY,
                           _("Write the observation before turning it into an action"));
      return NULL;
    }

  action = g_object_new (CARNET_TYPE_ACTION,
                         "project-uuid", carnet_record_get_uuid (project),
                         "title", title,
                         "description", carnet_record_get_string (observation, "text"),
                         "theme-uuid", carnet_record_get_string (observation, "theme-uuid"),
                         NULL);

  db = carnet_store_get_db (store);
  if (!carnet_db_begin (db, error))
    return NULL;
  if (!carnet_store_insert (store, action, error))
    {
      carnet_db_rollback (db);
      return NULL;
    }
  g_value_init (&link, G_TYPE_STRING);
  g_value_set_string (&link, carnet_record_get_uuid (action));
  if (!carnet_store_update (store, observation, "action-uuid", &link, error))
    {
      carnet_db_rollback (db);
      return NULL;
    }
  if (!carnet_db_commit (db, error))
    {
      reload (store, observation);
      return NULL;
    }
  return CARNET_ACTION (g_steal_pointer (&action));
}

/**
 * carnet_store_get_attachments_dir:
 *
 * Returns: the folder that holds the attached files: `attachments` next to the database
 */
char *
carnet_store_get_attachments_dir (CarnetStore *store)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  dir = g_path_get_dirname (carnet_store_get_path (store));
  return g_build_filename (dir, "attachments", NULL);
}

/**
 * carnet_attachment_get_path:
 * @attachment: a #CarnetAttachment
 *
 * Returns: (nullable): the file that holds the attachment, or %NULL when its stored name
 *   is not a plain file name (a damaged or hostile import must not point outside the folder)
 */
char *
carnet_attachment_get_path (CarnetStore  *store,
                            CarnetRecord *attachment)
{
  g_autofree char *dir = NULL;
  const char *name;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (CARNET_IS_ATTACHMENT (attachment), NULL);

  name = carnet_record_get_string (attachment, "stored-name");
  if (name == NULL || *name == '\0' || *name == '.' || strchr (name, '/') != NULL ||
      strchr (name, '\\') != NULL)
    return NULL;
  dir = carnet_store_get_attachments_dir (store);
  return g_build_filename (dir, name, NULL);
}

/* The image formats a photo comes in, by their first bytes: what a camera, a phone or an
 * editor writes. Vector images are left out: they are documents, and may refer to files or
 * addresses elsewhere. */
static const struct
{
  const char *mime_type;
  const char *extension;
  gsize       offset;
  const char *magic;
  gsize       length;
} image_formats[] = {
  { "image/png", ".png", 0, "\x89PNG\r\n\x1a\n", 8 },
  { "image/jpeg", ".jpg", 0, "\xff\xd8\xff", 3 },
  { "image/gif", ".gif", 0, "GIF87a", 6 },
  { "image/gif", ".gif", 0, "GIF89a", 6 },
  { "image/webp", ".webp", 8, "WEBP", 4 },
  { "image/tiff", ".tif", 0, "II*\0", 4 },
  { "image/tiff", ".tif", 0, "MM\0*", 4 },
  { "image/heic", ".heic", 4, "ftypheic", 8 },
  { "image/heic", ".heic", 4, "ftypheix", 8 },
  { "image/heif", ".heif", 4, "ftypmif1", 8 },
  { "image/avif", ".avif", 4, "ftypavif", 8 },
  { "image/bmp", ".bmp", 0, "BM", 2 },
};

static const char *
sniff_image (const guchar *data,
             gsize         length,
             const char  **extension)
{
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;
  gboolean uncertain = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
    if (length >= image_formats[i].offset + image_formats[i].length &&
        memcmp (data + image_formats[i].offset, image_formats[i].magic,
                image_formats[i].length) == 0)
      {
        *extension = image_formats[i].extension;
        return image_formats[i].mime_type;
      }

  /* Other bitmaps the shared MIME database knows by their content (not their name). */
  type = g_content_type_guess (NULL, data, length, &uncertain);
  mime = type != NULL ? g_content_type_get_mime_type (type) : NULL;
  if (uncertain || mime == NULL || !g_str_has_prefix (mime, "image/") ||
      strstr (mime, "svg") != NULL)
    return NULL;
  *extension = "";
  return g_intern_string (mime);
}

/* The source's own extension when it is a plain one (“.JPG” kept as “.jpg”), else the
 * format's. */
static char *
stored_extension (const char *file_name,
                  const char *fallback)
{
  const char *dot = strrchr (file_name, '.');
  gsize n;

  if (dot == NULL || dot == file_name)
    return g_strdup (fallback);
  n = strlen (dot + 1);
  if (n == 0 || n > 8)
    return g_strdup (fallback);
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return g_strdup (fallback);
  return g_ascii_strdown (dot, -1);
}

static gboolean
ensure_private_dir (const char  *dir,
                    GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
set_too_large (GError     **error,
               const char  *name,
               goffset      size)
{
  g_autofree char *max = g_format_size (CARNET_PHOTO_MAX_SIZE);
  g_autofree char *actual = g_format_size (size);

  g_set_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_TOO_LARGE,
               /* Translators: “« IMG_2041.jpg » is too large (72,4 Mo): a photo can be up to
                * 50,0 Mo” */
               _("“%s” is too large (%s): a photo can be up to %s"), name, actual, max);
}

static gboolean
set_errno_error (GError     **error,
                 const char  *path)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("“%s” cannot be written: %s"), path, g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int            fd,
           const guchar  *data,
           gsize          length,
           const char    *path,
           GError       **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, path);
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Copies @in (whose first @head_length bytes were already read into @head) into a new file
 * that only the user can read, and makes it reach the disk before the database row that
 * refers to it. */
static gboolean
copy_photo (GInputStream   *in,
            const guchar   *head,
            gsize           head_length,
            const char     *path,
            const char     *name,
            goffset        *size,
            GError        **error)
{
  g_autofree guchar *buffer = g_malloc (64 * 1024);
  goffset total = head_length;
  gboolean ok = FALSE;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, path);
  if (!write_all (fd, head, head_length, path, error))
    goto out;
  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, 64 * 1024, NULL, error);

      if (n < 0)
        goto out;
      if (n == 0)
        break;
      total += n;
      /* The file may have grown since its size was read. */
      if (total > CARNET_PHOTO_MAX_SIZE)
        {
          set_too_large (error, name, total);
          goto out;
        }
      if (!write_all (fd, buffer, n, path, error))
        goto out;
    }
  if (fsync (fd) != 0)
    {
      set_errno_error (error, path);
      goto out;
    }
  *size = total;
  ok = TRUE;

out:
  if (close (fd) != 0 && ok)
    ok = set_errno_error (error, path);
  if (!ok)
    g_unlink (path);
  return ok;
}

/* The new file's name reaches the disk too, so that a power cut cannot leave a database row
 * pointing at a file the folder forgot. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("Cannot sync %s: %s", dir, g_strerror (errno));
  close (fd);
}

/**
 * carnet_store_attach_photo:
 * @observation: a #CarnetObservation
 * @source: an image file
 *
 * Copies @source into Carnet's own folder (see carnet_store_get_attachments_dir(), readable
 * by the user only) under a random name, and records it as an attachment of @observation.
 * Refuses what is not an image by its content, and files over %CARNET_PHOTO_MAX_SIZE.
 *
 * Returns: (transfer full) (nullable): the new attachment
 */
CarnetAttachment *
carnet_store_attach_photo (CarnetStore   *store,
                           CarnetRecord  *observation,
                           GFile         *source,
                           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(CarnetRecord) attachment = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *stored_name = NULL;
  guchar head[4096];
  gsize head_length = 0;
  const char *name, *mime_type, *format_extension = "";
  goffset size = 0;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (CARNET_IS_OBSERVATION (observation), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (!check_live (observation, _("This observation was deleted"), error))
    return NULL;

  info = g_file_query_info (source,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  name = g_file_info_get_display_name (info);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not a file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > CARNET_PHOTO_MAX_SIZE)
    {
      set_too_large (error, name, g_file_info_get_size (info));
      return NULL;
    }

  in = g_file_read (source, NULL, error);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &head_length, NULL, error))
    return NULL;
  mime_type = sniff_image (head, head_length, &format_extension);
  if (mime_type == NULL)
    {
      g_set_error (error, CARNET_WALKS_ERROR, CARNET_WALKS_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not a photo: only images can be attached"), name);
      return NULL;
    }

  dir = carnet_store_get_attachments_dir (store);
  if (!ensure_private_dir (dir, error))
    return NULL;
  uuid = g_uuid_string_random ();
  extension = stored_extension (name, format_extension);
  stored_name = g_strconcat (uuid, extension, NULL);
  dest = g_build_filename (dir, stored_name, NULL);
  if (!copy_photo (G_INPUT_STREAM (in), head, head_length, dest, name, &size, error))
    return NULL;
  sync_dir (dir);

  attachment = g_object_new (CARNET_TYPE_ATTACHMENT,
                             "observation-uuid", carnet_record_get_uuid (observation),
                             "file-name", name,
                             "stored-name", stored_name,
                             "mime-type", mime_type,
                             "size", (gint64)size,
                             NULL);
  if (!carnet_store_insert (store, attachment, error))
    {
      g_unlink (dest);
      return NULL;
    }
  return CARNET_ATTACHMENT (g_steal_pointer (&attachment));
}

/**
 * carnet_store_list_walks:
 * @commune_uuid: (nullable): a commune, or %NULL for all
 *
 * Returns: (transfer full): the walks, newest first, as a list that follows changes
 */
CarnetRecordList *
carnet_store_list_walks (CarnetStore *store,
                         const char  *commune_uuid)
{
  const char *params[] = { commune_uuid, NULL };

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  return carnet_record_list_new (store, CARNET_TYPE_WALK,
                                 commune_uuid != NULL
                                 ? "SELECT id FROM walks WHERE deleted_at IS NULL AND commune_uuid = ?"
                                   " ORDER BY walked_on DESC, created_at DESC"
                                 : "SELECT id FROM walks WHERE deleted_at IS NULL"
                                   " ORDER BY walked_on DESC, created_at DESC",
                                 commune_uuid != NULL ? params : NULL);
}

/* @where and @order are the query around the commune's condition; ?1 is the FTS query, ?2
 * the commune. */
static CarnetRecordList *
search_list (CarnetStore *store,
             GType        type,
             const char  *where,
             const char  *order,
             const char  *commune_uuid,
             const char  *text,
             guint        limit)
{
  g_autofree char *query = carnet_fts_query (text);
  g_autofree char *sql = NULL;
  const char *params[] = { query, commune_uuid != NULL ? commune_uuid : "", NULL };

  if (*query == '\0')
    return carnet_record_list_new (store, type, "SELECT 0 WHERE 0", NULL);
  sql = g_strdup_printf ("%s %s %s LIMIT %u", where,
                         commune_uuid != NULL ? "AND w.commune_uuid = ?2" : "AND ?2 = ''",
                         order, limit > 0 ? limit : G_MAXINT32);
  return carnet_record_list_new (store, type, sql, params);
}

/**
 * carnet_store_search_walks:
 * @commune_uuid: (nullable): a commune, or %NULL for all
 * @text: words, as for carnet_store_search()
 * @limit: the most results, 0 for no limit
 *
 * Returns: (transfer full): the walks whose date, title, route, participants or notes match,
 *   or one of whose observations does, newest first
 */
CarnetRecordList *
carnet_store_search_walks (CarnetStore *store,
                           const char  *commune_uuid,
                           const char  *text,
                           guint        limit)
{
  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  return search_list (store, CARNET_TYPE_WALK,
                      "SELECT w.id FROM walks w WHERE w.deleted_at IS NULL"
                      " AND (w.id IN (SELECT rowid FROM walks_fts WHERE walks_fts MATCH ?1)"
                      "  OR w.uuid IN (SELECT o.walk_uuid FROM observations_fts f"
                      "   JOIN observations o ON o.id = f.rowid"
                      "   WHERE observations_fts MATCH ?1 AND o.deleted_at IS NULL))",
                      "ORDER BY w.walked_on DESC, w.created_at DESC",
                      commune_uuid, text, limit);
}

/**
 * carnet_store_search_observations:
 * @commune_uuid: (nullable): a commune, or %NULL for all
 * @text: words, as for carnet_store_search()
 * @limit: the most results, 0 for no limit
 *
 * Returns: (transfer full): the observations whose text matches, newest walk first, in the
 *   order they were taken; sectioned by walk UUID
 */
CarnetRecordList *
carnet_store_search_observations (CarnetStore *store,
                                  const char  *commune_uuid,
                                  const char  *text,
                                  guint        limit)
{
  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  return search_list (store, CARNET_TYPE_OBSERVATION,
                      "SELECT o.id, o.walk_uuid FROM observations_fts f"
                      " JOIN observations o ON o.id = f.rowid"
                      " JOIN walks w ON w.uuid = o.walk_uuid AND w.deleted_at IS NULL"
                      " WHERE observations_fts MATCH ?1 AND o.deleted_at IS NULL",
                      "ORDER BY w.walked_on DESC, w.created_at DESC, o.taken_at, o.created_at",
                      commune_uuid, text, limit);
}

/**
 * carnet_store_find_walk_on:
 * @date: "YYYY-MM-DD"
 *
 * Returns: (transfer full) (nullable): the latest walk of the commune on that day
 */
CarnetWalk *
carnet_store_find_walk_on (CarnetStore *store,
                           const char  *commune_uuid,
                           const char  *date)
{
  const char *params[] = { commune_uuid, date, NULL };
  g_autoptr(CarnetRecordList) list = NULL;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (commune_uuid != NULL && date != NULL, NULL);

  list = carnet_record_list_new (store, CARNET_TYPE_WALK,
                                 "SELECT id FROM walks WHERE deleted_at IS NULL"
                                 " AND commune_uuid = ? AND walked_on = ?"
                                 " ORDER BY created_at DESC LIMIT 1",
                                 params);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

/* The observations of the review: live irritants and ideas of live walks, of a commune or
 * all, of a theme or all. ?1 is the commune (or ''), ?2 the theme (or ''). */
#define REVIEW_FROM \
  " FROM observations o" \
  " JOIN walks w ON w.uuid = o.walk_uuid AND w.deleted_at IS NULL" \
  " LEFT JOIN themes t ON t.uuid = o.theme_uuid" \
  " WHERE o.deleted_at IS NULL AND o.kind IN ('irritant', 'idee')" \
  " AND (?1 = '' OR w.commune_uuid = ?1) AND (?2 = '' OR o.theme_uuid = ?2)"

/* Themes in the user's order, observations with no theme last. */
#define REVIEW_THEME_ORDER "t.uuid IS NULL, t.position, t.name COLLATE carnet"

/**
 * carnet_store_review:
 * @commune_uuid: (nullable): a commune, or %NULL for all
 * @theme_uuid: (nullable): a theme, or %NULL for all
 *
 * The irritants and ideas noted on the walks, counted by theme, with the list of them:
 * what the steering committee reads to see where the town centre hurts.
 *
 * Returns: (transfer full): the review; free it with carnet_review_free()
 */
CarnetReview *
carnet_store_review (CarnetStore *store,
                     const char  *commune_uuid,
                     const char  *theme_uuid)
{
  const char *params[] = { commune_uuid != NULL ? commune_uuid : "",
                           theme_uuid != NULL ? theme_uuid : "", NULL };
  CarnetReview *review;
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  review = g_new0 (CarnetReview, 1);
  review->themes = g_array_new (FALSE, TRUE, sizeof (CarnetReviewTheme));
  review->observations =
    carnet_record_list_new (store, CARNET_TYPE_OBSERVATION,
                            "SELECT o.id, coalesce (o.theme_uuid, '')" REVIEW_FROM
                            " ORDER BY " REVIEW_THEME_ORDER ", o.theme_uuid,"
                            " o.kind = 'idee', w.walked_on DESC, o.taken_at, o.created_at",
                            params);

  stmt = carnet_db_prepare (carnet_store_get_db (store),
                            "SELECT o.theme_uuid, sum (o.kind = 'irritant'), sum (o.kind = 'idee')"
                            REVIEW_FROM
                            " GROUP BY o.theme_uuid"
                            " ORDER BY " REVIEW_THEME_ORDER ", o.theme_uuid",
                            &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return review;
    }
  sqlite3_bind_text (stmt, 1, params[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, params[1], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CarnetReviewTheme theme = {
        .theme_uuid = g_intern_string ((const char *)sqlite3_column_text (stmt, 0)),
        .n_irritants = sqlite3_column_int (stmt, 1),
        .n_ideas = sqlite3_column_int (stmt, 2),
      };

      review->n_irritants += theme.n_irritants;
      review->n_ideas += theme.n_ideas;
      g_array_append_val (review->themes, theme);
    }
  sqlite3_reset (stmt);
  return review;
}

/**
 * carnet_review_find_theme:
 * @theme_uuid: (nullable): a theme, or %NULL (or "") for the observations with no theme
 *
 * Returns: (nullable): the counts of that theme, %NULL when it has no irritant nor idea
 */
const CarnetReviewTheme *
carnet_review_find_theme (CarnetReview *review,
                          const char   *theme_uuid)
{
  g_return_val_if_fail (review != NULL, NULL);

  if (theme_uuid != NULL && *theme_uuid == '\0')
    theme_uuid = NULL;
  for (guint i = 0; i < review->themes->len; i++)
    {
      const CarnetReviewTheme *theme = &g_array_index (review->themes, CarnetReviewTheme, i);

      if (g_strcmp0 (theme->theme_uuid, theme_uuid) == 0)
        return theme;
    }
  return NULL;
}

void
carnet_review_free (CarnetReview *review)
{
  if (review == NULL)
    return;
  g_clear_pointer (&review->themes, g_array_unref);
  g_clear_object (&review->observations);
  g_free (review);
}
