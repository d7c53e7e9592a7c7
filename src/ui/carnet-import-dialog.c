/* carnet-import-dialog.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-backup.h"
#include "carnet-import-dialog.h"
#include "carnet-records.h"

/* Importing Carnet data (JSON): the files are read and checked first, nothing written, and
 * what the import would do is shown (records added, updated, deleted, the conflicts and who
 * wins them); the import itself comes when asked, after a backup. Both run in a worker
 * thread on a connection of their own: a region's files take a few seconds. */

/* Conflicts shown as rows; the others are in the copied report. */
#define MAX_CONFLICT_ROWS 300

struct _CarnetImportDialog
{
  AdwDialog           parent_instance;

  CarnetStore        *store;
  char              **paths;
  CarnetImportFlags   flags;       /* plain into an empty database, else merge */
  CarnetImportReport *report;      /* of the dry run, then of the import */
  GCancellable       *cancellable;

  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkButton          *cancel_button;
  GtkButton          *import_button;
  GtkButton          *copy_button;
  AdwStatusPage      *error_page;
  AdwPreferencesGroup *summary_group;
  AdwActionRow       *added_row;
  AdwActionRow       *updated_row;
  AdwActionRow       *deleted_row;
  AdwActionRow       *unchanged_row;
  AdwActionRow       *communes_row;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox         *conflicts_list;
  AdwPreferencesGroup *notes_group;
  GtkListBox         *notes_list;
};

G_DEFINE_FINAL_TYPE (CarnetImportDialog, carnet_import_dialog, ADW_TYPE_DIALOG)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char              *db_path;
  char             **paths;
  CarnetImportFlags  flags;
  gboolean           backup;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_strfreev (job->paths);
  g_free (job);
}

static void
run_job (GTask        *task,
         gpointer      source,
         gpointer      data,
         GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (job->db_path, &error);
  CarnetImportReport *report;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->backup)
    {
      g_autoptr(CarnetBackup) backup = carnet_backup_create (job->db_path, CARNET_BACKUP_MANUAL,
                                                             &error);

      if (backup == NULL)
        {
          g_task_return_new_error (task, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_FAILED,
                                   /* Translators: the import is not done when the backup
                                    * made before it fails; %s says why */
                                   _("The backup made before an import failed, so nothing was imported: %s"),
                                   error->message);
          return;
        }
    }
  report = carnet_import_json (store, (const char * const *)job->paths, job->flags, cancellable,
                               &error);
  /* A database that holds data takes a merge. */
  if (report == NULL && (job->flags & CARNET_IMPORT_DRY_RUN) != 0 &&
      g_error_matches (error, CARNET_IMPORT_ERROR, CARNET_IMPORT_ERROR_NOT_EMPTY))
    {
      g_clear_error (&error);
      job->flags |= CARNET_IMPORT_MERGE;
      report = carnet_import_json (store, (const char * const *)job->paths, job->flags,
                                   cancellable, &error);
    }
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify)carnet_import_report_free);
}

static void
set_count (AdwActionRow *row,
           guint         count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *suffix = g_object_get_data (G_OBJECT (row), "suffix");

  if (suffix == NULL)
    {
      suffix = gtk_label_new (NULL);
      gtk_widget_add_css_class (suffix, "numeric");
      adw_action_row_add_suffix (row, suffix);
      g_object_set_data (G_OBJECT (row), "suffix", suffix);
    }
  gtk_label_set_text (GTK_LABEL (suffix), text);
  gtk_widget_set_visible (GTK_WIDGET (row), count > 0);
}

static const char *
table_label (const char *table)
{
  static const struct { const char *table; const char *label; } labels[] = {
    { "communes", N_("Commune") },
    { "themes", N_("Theme") },
    { "projects", N_("Project") },
    { "actions", N_("Action") },
    { "funding_lines", N_("Funding line") },
    { "journal_entries", N_("Journal entry") },
    { "steps", N_("Step") },
    { "status_changes", N_("Status change") },
    { "indicators", N_("Indicator") },
    { "measurements", N_("Measurement") },
    { "meetings", N_("Meeting") },
    { "decisions", N_("Decision") },
    { "walks", N_("Site walk") },
    { "observations", N_("Observation") },
    { "attachments", N_("Photo") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].table, table) == 0)
      return _(labels[i].label);
  return table;
}

/* The fields of a conflict as a person reads them: “Title, Due date”. */
static char *
field_labels (const char         *table,
              const char * const *columns)
{
  g_autoptr(GString) text = g_string_new (NULL);
  CarnetRecordClass *klass = carnet_record_class_for_table (table);

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      const char *label = columns[i];

      if (g_str_equal (columns[i], "deleted_at"))
        label = _("deletion");
      for (guint j = 0; klass != NULL && j < klass->n_fields; j++)
        if (g_str_equal (klass->fields[j].column, columns[i]))
          label = _(klass->fields[j].label);
      if (text->len > 0)
        g_string_append (text, ", ");
      /* “The title” reads “the title” in a list; “INSEE code” keeps its capitals. */
      if (g_unichar_isupper (g_utf8_get_char (label)) &&
          !g_unichar_isupper (g_utf8_get_char (g_utf8_next_char (label))))
        {
          g_string_append_unichar (text, g_unichar_tolower (g_utf8_get_char (label)));
          g_string_append (text, g_utf8_next_char (label));
        }
      else
        g_string_append (text, label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_report (CarnetImportDialog *self)
{
  CarnetImportReport *report = self->report;
  guint n_conflicts = carnet_import_report_get_n_conflicts (report);
  const char * const *notes = carnet_import_report_get_notes (report);
  guint n_files = carnet_import_report_get_n_files (report);
  guint changes;
  g_autofree char *description = NULL;

  set_count (self->added_row, carnet_import_report_get_added (report));
  set_count (self->updated_row, carnet_import_report_get_updated (report));
  set_count (self->deleted_row, carnet_import_report_get_deleted (report));
  set_count (self->unchanged_row, carnet_import_report_get_unchanged (report));
  set_count (self->communes_row, carnet_import_report_get_communes_touched (report));
  changes = carnet_import_report_get_added (report) + carnet_import_report_get_updated (report) +
            carnet_import_report_get_deleted (report);

  if (changes == 0)
    description = g_strdup (_("Carnet already has everything these files hold: importing them changes nothing."));
  else if ((self->flags & CARNET_IMPORT_MERGE) != 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Merged with what Carnet holds, record by record: of two copies of a record, the more recent one wins. A backup of your data is made first (menu Backups). %u file.",
                                                "Merged with what Carnet holds, record by record: of two copies of a record, the more recent one wins. A backup of your data is made first (menu Backups). %u files.",
                                                n_files),
                                   n_files);
  else
    description = g_strdup (_("Carnet is empty: it will hold exactly what the file holds."));
  adw_preferences_group_set_description (self->summary_group, description);

  clear_list (self->conflicts_list);
  for (guint i = 0; i < n_conflicts && i < MAX_CONFLICT_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *table = carnet_import_conflict_get_table (report, i);
      g_autofree char *field_list = field_labels (table, carnet_import_conflict_get_fields (report, i));
      g_autofree char *subtitle = NULL;
      const char *winner = carnet_import_conflict_get_winner (report, i) == CARNET_IMPORT_KEPT_LOCAL
        ? _("Carnet’s copy, more recent, is kept")
        : _("the file’s copy, more recent, replaces Carnet’s");

      /* Translators: a conflict of an import: “Action · Carnet’s copy, more recent, is kept ·
       * title, end_planned” */
      subtitle = g_strdup_printf (_("%s · %s · %s"), table_label (table),
                                  winner, field_list);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carnet_import_conflict_get_label (report, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->conflicts_list, row);
    }
  if (n_conflicts > MAX_CONFLICT_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more conflict: copy the report to see them all",
                                                            "And %u more conflicts: copy the report to see them all",
                                                            n_conflicts - MAX_CONFLICT_ROWS),
                                               n_conflicts - MAX_CONFLICT_ROWS);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->conflicts_list, row);
    }
  if (n_conflicts > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Conflict",
                                                             "%u Conflicts", n_conflicts),
                                                n_conflicts);

      adw_preferences_group_set_title (self->conflicts_group, title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), n_conflicts > 0);

  clear_list (self->notes_list);
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), notes[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->notes_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), notes != NULL && notes[0] != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), changes > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
show_error (CarnetImportDialog *self,
            const GError       *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), FALSE);
  /* Nothing left to cancel. */
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CarnetImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  CarnetImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      show_error (self, error);
      return;
    }
  self->flags = job->flags & ~CARNET_IMPORT_DRY_RUN;
  g_clear_pointer (&self->report, carnet_import_report_free);
  self->report = report;
  show_report (self);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CarnetImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  CarnetImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      /* Refused: rolled back, nothing to read again. */
      show_error (self, error);
      return;
    }
  /* Written on another connection: the app's records and lists read again. */
  carnet_store_reload (self->store);
  g_clear_pointer (&self->report, carnet_import_report_free);
  self->report = report;
  g_signal_emit (self, signals[IMPORTED], 0, report);
  adw_dialog_force_close (ADW_DIALOG (self));
}

static void
start (CarnetImportDialog *self,
       CarnetImportFlags   flags,
       GAsyncReadyCallback done)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, done, g_object_ref (self));
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (carnet_store_get_path (self->store));
  job->paths = g_strdupv (self->paths);
  job->flags = flags;
  job->backup = (flags & (CARNET_IMPORT_DRY_RUN | CARNET_IMPORT_MERGE)) == CARNET_IMPORT_MERGE;
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, run_job);
}

/**
 * carnet_import_dialog_import:
 *
 * Imports the files, as the Import button does; the dialog closes when it is done and
 * emits ::imported.
 */
void
carnet_import_dialog_import (CarnetImportDialog *self)
{
  g_return_if_fail (CARNET_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->report != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "importing");
  adw_dialog_set_can_close (ADW_DIALOG (self), FALSE);
  start (self, self->flags, on_imported);
}

static void
on_copy (CarnetImportDialog *self)
{
  g_autofree char *text = carnet_import_report_to_text (self->report);
  AdwToast *toast = adw_toast_new (_("Report copied"));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_set_timeout (toast, 2);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
carnet_import_dialog_dispose (GObject *object)
{
  CarnetImportDialog *self = CARNET_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->report, carnet_import_report_free);

  G_OBJECT_CLASS (carnet_import_dialog_parent_class)->dispose (object);
}

static void
carnet_import_dialog_class_init (CarnetImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_import_dialog_dispose;

  /**
   * CarnetImportDialog::imported:
   * @report: what the import did
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/carnet_pvd/Carnet/ui/carnet-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, added_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, updated_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, deleted_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, unchanged_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, communes_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetImportDialog, notes_list);
  gtk_widget_class_bind_template_callback (widget_class, carnet_import_dialog_import);
  gtk_widget_class_bind_template_callback (widget_class, on_copy);
  gtk_widget_class_bind_template_callback_full (widget_class, "adw_dialog_close",
                                                G_CALLBACK (adw_dialog_close));
}

static void
carnet_import_dialog_init (CarnetImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * carnet_import_dialog_new:
 * @paths: the JSON files to import
 *
 * Returns: a dialog that reads and checks the files at once, then shows what importing them
 *   would do
 */
AdwDialog *
carnet_import_dialog_new (CarnetStore        *store,
                          const char * const *paths)
{
  CarnetImportDialog *self;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  self = g_object_new (CARNET_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->paths = g_strdupv ((char **)paths);
  start (self, CARNET_IMPORT_DRY_RUN, on_checked);
  return ADW_DIALOG (self);
}

/**
 * carnet_import_dialog_get_state:
 *
 * Returns: “checking”, “report”, “error” or “importing”
 */
const char *
carnet_import_dialog_get_state (CarnetImportDialog *self)
{
  g_return_val_if_fail (CARNET_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * carnet_import_dialog_get_report:
 *
 * Returns: (nullable): what the import would do, once checked
 */
CarnetImportReport *
carnet_import_dialog_get_report (CarnetImportDialog *self)
{
  g_return_val_if_fail (CARNET_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}
