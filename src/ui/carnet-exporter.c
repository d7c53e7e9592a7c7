/* carnet-exporter.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-exporter"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-export-csv.h"
#include "carnet-export-json.h"
#include "carnet-exporter.h"
#include "carnet-format.h"
#include "carnet-report.h"
#include "carnet-window.h"

/* The exports from the app: the file is chosen through the file chooser portal, then written
 * in a worker thread on a connection of its own (a national report takes a while, and the
 * window must stay responsive); printing draws the same report as the PDF. */

typedef struct
{
  char  *db_path;
  char  *insee;
  char  *format;
  char  *path;
  int    dialect;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->insee);
  g_free (job->format);
  g_free (job->path);
  g_free (job);
}

static int
csv_dialect (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL
    ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL)
    return CARNET_CSV_FRENCH;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_enum (settings, "csv-dialect") == 1 ? CARNET_CSV_RFC4180 : CARNET_CSV_FRENCH;
}

/**
 * carnet_exporter_suggest_name:
 * @format: “pdf”, “json”, “csv-actions”, “csv-funding” or “csv-observations”
 *
 * Returns: a file name like “Carnet - Bayeux - actions - 2026-11-21.csv”
 */
char *
carnet_exporter_suggest_name (CarnetRecord *commune,
                              const char   *format)
{
  g_autofree char *today = carnet_today ();
  const char *scope = commune != NULL ? carnet_record_get_string (commune, "name") : _("all communes");
  const char *what = "", *extension = format;
  g_autofree char *name = NULL;

  if (g_str_equal (format, "csv-actions"))
    what = _("actions"), extension = "csv";
  else if (g_str_equal (format, "csv-funding"))
    what = _("funding"), extension = "csv";
  else if (g_str_equal (format, "csv-observations"))
    what = _("observations"), extension = "csv";

  if (*what != '\0')
    name = g_strdup_printf ("Carnet - %s - %s - %s.%s", scope, what, today, extension);
  else
    name = g_strdup_printf ("Carnet - %s - %s.%s", scope, today, extension);
  /* A name, not a path. */
  return g_strdelimit (g_steal_pointer (&name), "/\\", '-');
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (job->db_path, &error);
  const char *communes[] = { job->insee, NULL };
  CarnetExportOptions options = { job->insee != NULL ? communes : NULL, NULL, NULL, NULL };
  gboolean ok = FALSE;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_str_equal (job->format, "pdf"))
    {
      g_autoptr(CarnetReport) report = carnet_report_new (store, &options, &error);

      ok = report != NULL && carnet_report_write_pdf (report, job->path, &error);
    }
  else if (g_str_equal (job->format, "json"))
    ok = carnet_export_json_to_file (store, &options, job->path, &error);
  else
    {
      CarnetCsvContent content = CARNET_CSV_ACTIONS;

      if (g_str_equal (job->format, "csv-funding"))
        content = CARNET_CSV_FUNDING_LINES;
      else if (g_str_equal (job->format, "csv-observations"))
        content = CARNET_CSV_OBSERVATIONS;
      ok = carnet_export_csv_to_file (store, &options, content, job->dialect, job->path, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * carnet_exporter_write_async:
 * @commune: (nullable): one commune, or %NULL for all
 * @file: where to write; a local path (the document portal gives one)
 */
void
carnet_exporter_write_async (CarnetStore         *store,
                             CarnetRecord        *commune,
                             const char          *format,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->db_path = g_strdup (carnet_store_get_path (store));
  job->insee = commune != NULL ? g_strdup (carnet_record_get_string (commune, "insee")) : NULL;
  job->format = g_strdup (format);
  job->path = g_file_get_path (file);
  job->dialect = csv_dialect ();
  g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
  g_task_set_source_tag (task, carnet_exporter_write_async);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);

  if (job->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Carnet can only write to a file on this computer"));
      return;
    }
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
carnet_exporter_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
toast (GtkWindow  *parent,
       AdwToast   *toast)
{
  if (CARNET_IS_WINDOW (parent))
    carnet_window_add_toast (CARNET_WINDOW (parent), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  AdwToast *done;

  if (!carnet_exporter_write_finish (result, &error))
    {
      /* Translators: a toast when an export failed, with the reason */
      done = adw_toast_new_format (_("Not exported: %s"), error->message);
      adw_toast_set_timeout (done, 0);
      toast (parent, done);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);

    /* Translators: a toast, “Exported to « Carnet - Bayeux - 2026-11-21.pdf »” */
    done = adw_toast_new_format (_("Exported to “%s”"), name);
    toast (parent, done);
  }
}

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  GtkWindow *parent = g_object_get_data (G_OBJECT (request), "parent");
  CarnetStore *store = g_object_get_data (G_OBJECT (request), "store");
  CarnetRecord *commune = g_object_get_data (G_OBJECT (request), "commune");
  const char *format = g_object_get_data (G_OBJECT (request), "format");

  if (file == NULL)
    return;  /* cancelled */
  carnet_exporter_write_async (store, commune, format, file, NULL, on_written,
                               parent != NULL ? g_object_ref (parent) : NULL);
}

/**
 * carnet_exporter_choose_file:
 * @commune: (nullable): one commune, or %NULL for all
 * @format: “pdf”, “json”, “csv-actions”, “csv-funding” or “csv-observations”
 *
 * Asks where to save (through the portal when there is one), then writes the export there.
 */
void
carnet_exporter_choose_file (GtkWindow    *parent,
                             CarnetStore  *store,
                             CarnetRecord *commune,
                             const char   *format)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *name = carnet_exporter_suggest_name (commune, format);
  GTask *request = g_task_new (NULL, NULL, NULL, NULL);

  if (g_str_equal (format, "pdf"))
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_dialog_set_title (dialog, _("Export the Summary Report"));
    }
  else if (g_str_equal (format, "json"))
    {
      gtk_file_filter_set_name (filter, _("Carnet data (JSON)"));
      gtk_file_filter_add_suffix (filter, "json");
      gtk_file_dialog_set_title (dialog, _("Export All the Data"));
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_dialog_set_title (dialog, _("Export a Spreadsheet"));
    }
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));

  g_object_set_data_full (G_OBJECT (request), "parent", parent != NULL ? g_object_ref (parent) : NULL,
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (request), "store", g_object_ref (store), g_object_unref);
  if (commune != NULL)
    g_object_set_data_full (G_OBJECT (request), "commune", g_object_ref (commune), g_object_unref);
  g_object_set_data_full (G_OBJECT (request), "format", g_strdup (format), g_free);
  gtk_file_dialog_save (dialog, parent, NULL, on_file_chosen, request);
}

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             CarnetReport      *report)
{
  gtk_print_operation_set_n_pages (operation,
                                   carnet_report_get_n_pages (report,
                                                              gtk_print_context_get_width (context),
                                                              gtk_print_context_get_height (context)));
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page,
           CarnetReport      *report)
{
  carnet_report_draw_page (report, gtk_print_context_get_cairo_context (context), page,
                           gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
}

/**
 * carnet_exporter_print:
 * @commune: (nullable): one commune, or %NULL for all
 *
 * Prints the summary report through GTK's print dialog.
 */
void
carnet_exporter_print (GtkWindow    *parent,
                       CarnetStore  *store,
                       CarnetRecord *commune)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetReport) report = NULL;
  const char *communes[] = { commune != NULL ? carnet_record_get_string (commune, "insee") : NULL, NULL };
  CarnetExportOptions options = { commune != NULL ? communes : NULL, NULL, NULL, NULL };
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  report = carnet_report_new (store, &options, &error);
  if (report == NULL)
    {
      toast (parent, adw_toast_new (error->message));
      return;
    }

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report draws its own margins, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, carnet_report_get_title (report));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print), report, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page), report, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (parent, adw_toast_new (error->message));
}
