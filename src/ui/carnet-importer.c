/* carnet-importer.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-importer"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-csv-preview.h"
#include "carnet-import-dialog.h"
#include "carnet-importer.h"
#include "carnet-window.h"

/* The imports from the app: Carnet data (JSON, one file or many, as a regional coordinator
 * gathers them) and spreadsheets (CSV) of actions or communes. The files are chosen through
 * the file chooser portal; a dialog then shows what the import would do before it is done. */

static void
toast (GtkWindow *parent,
       AdwToast  *toast)
{
  if (CARNET_IS_WINDOW (parent))
    carnet_window_add_toast (CARNET_WINDOW (parent), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/**
 * carnet_importer_describe:
 *
 * Returns: what an import did, in a few words for a toast
 */
char *
carnet_importer_describe (CarnetImportReport *report)
{
  guint added = carnet_import_report_get_added (report);
  guint updated = carnet_import_report_get_updated (report);
  guint deleted = carnet_import_report_get_deleted (report);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  /* Each count with its own plural: “1 record added, 3 updated”. */
  if (added > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record added",
                                                          "%u records added", added), added));
  if (updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated",
                                                          "%u updated", updated), updated));
  if (deleted > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deleted",
                                                          "%u deleted", deleted), deleted));
  g_ptr_array_add (parts, NULL);
  list = g_strjoinv (", ", (char **)parts->pdata);
  /* Translators: a toast after an import, with what it did: “Imported: 3 records added, 1
   * updated” */
  return g_strdup_printf (_("Imported: %s"), list);
}

static void
on_json_imported (GtkWindow          *parent,
                  CarnetImportReport *report)
{
  g_autofree char *text = carnet_importer_describe (report);

  toast (parent, adw_toast_new (text));
}

static void
on_csv_imported (GtkWindow *parent,
                 guint      added)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record imported",
                                                        "%u records imported", added),
                                           added);

  toast (parent, adw_toast_new (text));
}

/**
 * carnet_importer_open:
 * @what: “json”, “csv-actions” or “csv-communes”
 * @paths: the files; several only for “json”
 *
 * Presents the dialog that reads the files, shows what importing them would do, and
 * imports them when asked; a toast on @parent tells what was done.
 *
 * Returns: (transfer none): the dialog
 */
AdwDialog *
carnet_importer_open (GtkWindow          *parent,
                      CarnetStore        *store,
                      const char         *what,
                      const char * const *paths)
{
  AdwDialog *dialog;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  if (g_str_equal (what, "json"))
    {
      dialog = carnet_import_dialog_new (store, paths);
      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_json_imported), parent,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      dialog = carnet_csv_preview_new (store, paths[0],
                                       g_str_equal (what, "csv-communes") ? CARNET_CSV_IMPORT_COMMUNES
                                                                          : CARNET_CSV_IMPORT_ACTIONS);
      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_csv_imported), parent,
                               G_CONNECT_SWAPPED);
    }
  adw_dialog_present (dialog, GTK_WIDGET (parent));
  return dialog;
}

static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) request = data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = g_object_get_data (G_OBJECT (request), "parent");
  CarnetStore *store = g_object_get_data (G_OBJECT (request), "store");
  const char *what = g_object_get_data (G_OBJECT (request), "what");
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  if (g_str_equal (what, "json"))
    files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);
  else
    {
      g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);

      if (file != NULL)
        {
          files = G_LIST_MODEL (g_list_store_new (G_TYPE_FILE));
          g_list_store_append (G_LIST_STORE (files), file);
        }
    }
  if (files == NULL)
    return;  /* cancelled */

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        {
          toast (parent, adw_toast_new (_("Carnet can only read a file on this computer")));
          return;
        }
      g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] != NULL)
    carnet_importer_open (parent, store, what, (const char * const *)paths);
}

/**
 * carnet_importer_choose_files:
 * @what: “json”, “csv-actions” or “csv-communes”
 *
 * Asks for the files to import (through the portal when there is one), then opens them.
 */
void
carnet_importer_choose_files (GtkWindow   *parent,
                              CarnetStore *store,
                              const char  *what)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GTask *request = g_task_new (NULL, NULL, NULL, NULL);

  if (g_str_equal (what, "json"))
    {
      gtk_file_filter_set_name (filter, _("Carnet data (JSON)"));
      gtk_file_filter_add_suffix (filter, "json");
      gtk_file_dialog_set_title (dialog, _("Import Carnet Data"));
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_dialog_set_title (dialog, g_str_equal (what, "csv-communes")
                                           ? _("Import Communes from a Spreadsheet")
                                           : _("Import Actions from a Spreadsheet"));
    }
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));

  g_object_set_data_full (G_OBJECT (request), "parent", g_object_ref (parent), g_object_unref);
  g_object_set_data_full (G_OBJECT (request), "store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (request), "what", g_strdup (what), g_free);
  if (g_str_equal (what, "json"))
    gtk_file_dialog_open_multiple (dialog, parent, NULL, on_files_chosen, request);
  else
    gtk_file_dialog_open (dialog, parent, NULL, on_files_chosen, request);
}
