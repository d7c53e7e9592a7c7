/* carnet-export.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-export"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "carnet-export.h"
#include "carnet-format.h"

/* What every export shares: the selection (communes, theme) checked against the database
 * before anything is written, French words and dates that do not depend on the language of
 * the interface, and a file that is replaced only when the export succeeds. */

struct _CarnetExportScope
{
  char      *communes;  /* a JSON array of commune UUIDs, for json_each(), or NULL for all */
  GPtrArray *insee;     /* their INSEE codes, in the order given */
  char      *theme;     /* a theme UUID, or NULL */
  char      *theme_name;
  char      *today;
  char      *now;
};

struct _CarnetExportFile
{
  GFile             *file;
  GFileOutputStream *file_stream;
  GOutputStream     *stream;     /* buffered, over file_stream */
  gboolean           existed;
  guint32            mode;       /* the permissions of the file that was there */
  gboolean           done;
};

G_DEFINE_QUARK (carnet-export-error-quark, carnet_export_error)

static const char *month_names_fr[] = {
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
  "octobre", "novembre", "décembre",
};

/* The slugs of carnet-records.c, as the programme's documents say them. */
static const struct
{
  const char *slug;
  const char *label;
} choices_fr[] = {
  { "idee", "Idée" }, { "etude", "Étude" }, { "operation", "Opération" },
  { "en_cours", "En cours" }, { "en_retard", "En retard" }, { "en_pause", "En pause" },
  { "bloque", "Bloqué" }, { "abandonne", "Abandonné" }, { "termine", "Terminé" },
  { "en_reflexion", "En réflexion" }, { "en_maturation", "En maturation" },
  { "mature", "Mature" }, { "validee", "Validée en comité" },
  { "haute", "Haute" }, { "moyenne", "Moyenne" }, { "basse", "Basse" },
  { "subvention", "Subvention" }, { "pret", "Prêt" }, { "ingenierie", "Ingénierie" },
  { "autofinancement", "Autofinancement" },
  { "ht", "HT" }, { "ttc", "TTC" },
  { "envisage", "Envisagé" }, { "demande", "Demandé" }, { "accorde", "Accordé" },
  { "verse", "Versé" }, { "refuse", "Refusé" },
  { "resultat", "Résultat" }, { "avancement", "Avancement" }, { "impact", "Impact" },
  { "copil", "Comité de pilotage" }, { "cotech", "Comité technique" },
  { "comite_projet", "Comité de projet" },
  { "constat", "Constat" }, { "irritant", "Irritant" },
};

/**
 * carnet_format_date_fr:
 * @iso: (nullable): “YYYY-MM-DD”
 *
 * Like carnet_format_date(), but always in French: “12 mars 2026”, “1er mars 2026”.
 *
 * Returns: the date, an empty string for %NULL; an invalid date comes back as it was
 */
char *
carnet_format_date_fr (const char *iso)
{
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  if (!carnet_date_is_valid (iso))
    return g_strdup (iso);
  sscanf (iso, "%4d-%2d-%2d", &y, &m, &d);
  return g_strdup_printf ("%d%s %s %d", d, d == 1 ? "er" : "", month_names_fr[m - 1], y);
}

/**
 * carnet_export_choice_fr:
 * @slug: a value of a choice field (“en_cours”)
 *
 * Returns: its French label (“En cours”), or @slug itself when it is unknown
 */
const char *
carnet_export_choice_fr (const char *slug)
{
  if (slug == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (choices_fr); i++)
    if (strcmp (choices_fr[i].slug, slug) == 0)
      return choices_fr[i].label;
  return slug;
}

void
carnet_export_scope_free (CarnetExportScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->communes);
  g_clear_pointer (&scope->insee, g_ptr_array_unref);
  g_free (scope->theme);
  g_free (scope->theme_name);
  g_free (scope->today);
  g_free (scope->now);
  g_free (scope);
}

static gboolean
resolve_commune (CarnetStore        *store,
                 const char         *code,
                 GString            *uuids,
                 GPtrArray          *insee,
                 GError            **error)
{
  g_autoptr(CarnetRecord) commune = NULL;
  g_autofree char *upper = g_strstrip (g_ascii_strup (code, -1));

  if (g_uuid_string_is_valid (code))
    {
      commune = carnet_store_get (store, CARNET_TYPE_COMMUNE, code, NULL);
      if (commune != NULL && carnet_record_get_deleted_at (commune) != NULL)
        g_clear_object (&commune);
    }
  else
    commune = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", upper);

  if (commune == NULL)
    {
      g_set_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_NO_COMMUNE,
                   _("No commune of Carnet has the INSEE code “%s”"), code);
      return FALSE;
    }

  for (guint i = 0; i < insee->len; i++)
    if (strcmp (insee->pdata[i], carnet_record_get_string (commune, "insee")) == 0)
      return TRUE;
  g_ptr_array_add (insee, g_strdup (carnet_record_get_string (commune, "insee")));
  g_string_append_printf (uuids, "%s\"%s\"", uuids->len > 1 ? "," : "",
                          carnet_record_get_uuid (commune));
  return TRUE;
}

/**
 * carnet_export_scope_new:
 *
 * Checks the selection of @options: every commune must be in Carnet, the theme must exist.
 *
 * Returns: (transfer full) (nullable): the selection, or %NULL with
 *   %CARNET_EXPORT_ERROR_NO_COMMUNE or %CARNET_EXPORT_ERROR_NO_THEME
 */
CarnetExportScope *
carnet_export_scope_new (CarnetStore                *store,
                         const CarnetExportOptions  *options,
                         GError                    **error)
{
  g_autoptr(CarnetExportScope) scope = g_new0 (CarnetExportScope, 1);
  static const CarnetExportOptions defaults = { NULL, NULL, NULL, NULL };

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  if (options == NULL)
    options = &defaults;

  scope->insee = g_ptr_array_new_with_free_func (g_free);
  if (options->communes != NULL && options->communes[0] != NULL)
    {
      g_autoptr(GString) uuids = g_string_new ("[");

      for (guint i = 0; options->communes[i] != NULL; i++)
        if (!resolve_commune (store, options->communes[i], uuids, scope->insee, error))
          return NULL;
      g_string_append_c (uuids, ']');
      scope->communes = g_string_free (g_steal_pointer (&uuids), FALSE);
    }

  if (options->theme != NULL && *options->theme != '\0')
    {
      g_autoptr(CarnetRecord) theme = carnet_store_find (store, CARNET_TYPE_THEME, "slug",
                                                         options->theme);

      if (theme == NULL)
        {
          g_set_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_NO_THEME,
                       _("No theme has the short name “%s”"), options->theme);
          return NULL;
        }
      scope->theme = g_strdup (carnet_record_get_uuid (theme));
      scope->theme_name = g_strdup (carnet_record_get_string (theme, "name"));
    }

  if (options->today != NULL && !carnet_date_is_valid (options->today))
    {
      g_set_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_FAILED,
                   _("“%s” is not a date: write it like 2026-03-12"), options->today);
      return NULL;
    }
  scope->today = options->today != NULL ? g_strdup (options->today) : carnet_today ();
  scope->now = options->now != NULL ? g_strdup (options->now) : carnet_db_now ();
  return g_steal_pointer (&scope);
}

/* A JSON array of the communes' UUIDs, to bind to json_each(), or NULL for every commune. */
const char *
carnet_export_scope_communes (const CarnetExportScope *scope)
{
  return scope->communes;
}

/* The theme's UUID, or NULL. */
const char *
carnet_export_scope_theme (const CarnetExportScope *scope)
{
  return scope->theme;
}

const char *
carnet_export_scope_theme_name (const CarnetExportScope *scope)
{
  return scope->theme_name;
}

/* The INSEE codes of the selection; empty for every commune. */
GPtrArray *
carnet_export_scope_insee (const CarnetExportScope *scope)
{
  return scope->insee;
}

const char *
carnet_export_scope_today (const CarnetExportScope *scope)
{
  return scope->today;
}

const char *
carnet_export_scope_now (const CarnetExportScope *scope)
{
  return scope->now;
}

static gboolean
target_error (GError     **error,
              GFile       *file,
              const char  *why)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* Translators: the file's name, then why it cannot be written */
  g_set_error (error, CARNET_EXPORT_ERROR, CARNET_EXPORT_ERROR_TARGET,
               _("Cannot write “%s”: %s"), name, why);
  return FALSE;
}

/**
 * carnet_export_file_open:
 * @path: where the export goes
 *
 * Opens @path for an export. An existing file is left untouched until
 * carnet_export_file_commit(): the export is written beside it, then renamed over it. A
 * symbolic link is refused rather than followed (it could point to any file), and so is a
 * folder.
 *
 * Returns: (transfer full) (nullable): the file to write to
 */
CarnetExportFile *
carnet_export_file_open (const char  *path,
                         GError     **error)
{
  g_autoptr(CarnetExportFile) self = g_new0 (CarnetExportFile, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self->file = g_file_new_for_path (path);
  info = g_file_query_info (self->file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_UNIX_MODE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (info != NULL)
    {
      GFileType type = g_file_info_get_file_type (info);

      if (type == G_FILE_TYPE_SYMBOLIC_LINK)
        {
          target_error (error, self->file,
                        _("it is a symbolic link, and Carnet does not write through links: "
                          "choose another name"));
          return NULL;
        }
      if (type == G_FILE_TYPE_DIRECTORY)
        {
          target_error (error, self->file, _("it is a folder: give a file name"));
          return NULL;
        }
      if (type != G_FILE_TYPE_REGULAR)
        {
          target_error (error, self->file, _("it is not a regular file"));
          return NULL;
        }
      self->existed = TRUE;
      self->mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0777;
    }
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      target_error (error, self->file, local_error->message);
      return NULL;
    }
  g_clear_error (&local_error);

  /* While it is written, the file is readable by its owner only; once complete it takes the
   * mode of the file it replaces, or the usual mode of a document. REPLACE_DESTINATION: a
   * symbolic link put there meanwhile is replaced, never written through. */
  self->file_stream = g_file_replace (self->file, NULL, FALSE,
                                      G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                      NULL, &local_error);
  if (self->file_stream == NULL)
    {
      target_error (error, self->file, local_error->message);
      return NULL;
    }
  self->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (self->file_stream),
                                                     64 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (self->stream), FALSE);
  return g_steal_pointer (&self);
}

GOutputStream *
carnet_export_file_get_stream (CarnetExportFile *self)
{
  return self->stream;
}

/**
 * carnet_export_file_commit:
 *
 * Puts the written file in place. Whether it succeeds or not, the file is closed:
 * only carnet_export_file_free() is left to call.
 */
gboolean
carnet_export_file_commit (CarnetExportFile  *self,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (!self->done, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (self->file_stream), NULL, &local_error))
    return target_error (error, self->file, local_error->message);
  self->done = TRUE;

  if (!g_file_set_attribute_uint32 (self->file, G_FILE_ATTRIBUTE_UNIX_MODE,
                                    self->existed && self->mode != 0 ? self->mode : 0644,
                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error))
    g_debug ("Cannot give the export its permissions: %s", local_error->message);
  return TRUE;
}

/* Frees @self; an export that was not committed is thrown away and the file that was there
 * before, if any, stays as it was. */
void
carnet_export_file_free (CarnetExportFile *self)
{
  if (self == NULL)
    return;

  if (self->file_stream != NULL && !self->done)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Closing with a cancelled cancellable is how GIO abandons a replacement: the temporary
       * file is removed and the original left alone. A new file was written in place. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (self->file_stream), cancelled, NULL);
      if (!self->existed)
        g_file_delete (self->file, NULL, NULL);
    }
  if (self->stream != NULL)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Nothing left to flush anywhere. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (self->stream, cancelled, NULL);
    }
  g_clear_object (&self->stream);
  g_clear_object (&self->file_stream);
  g_clear_object (&self->file);
  g_free (self);
}
