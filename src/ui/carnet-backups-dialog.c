/* carnet-backups-dialog.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-backups-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-backup.h"
#include "carnet-backups-dialog.h"

/* The snapshots kept beside the database: the daily ones, those taken before an upgrade,
 * those asked for. Restoring one is the application's business (the database must be
 * closed first): the Restore buttons activate app.restore-backup with the file's path. */

struct _CarnetBackupsDialog
{
  AdwDialog            parent_instance;

  char                *db_path;
  guint                n_backups;

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *group;
  AdwToastOverlay     *toasts;
};

G_DEFINE_FINAL_TYPE (CarnetBackupsDialog, carnet_backups_dialog, ADW_TYPE_DIALOG)

static const char *
kind_label (CarnetBackupKind kind)
{
  switch (kind)
    {
    case CARNET_BACKUP_AUTO:
      return _("Daily");
    case CARNET_BACKUP_MANUAL:
      return _("Made by hand");
    case CARNET_BACKUP_BEFORE_UPGRADE:
      return _("Before an upgrade of Carnet");
    default:
      return "";
    }
}

static void
on_restore_response (AdwAlertDialog *alert,
                     const char     *response,
                     GtkWidget      *button)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");

  if (g_strcmp0 (response, "restore") != 0)
    return;
  gtk_widget_activate_action (button, "app.restore-backup", "s", path);
}

static void
on_restore_clicked (GtkButton           *button,
                    CarnetBackupsDialog *self)
{
  AdwDialog *alert = adw_alert_dialog_new (_("Restore This Backup?"),
                                           _("Carnet will restart on it. The database as it is "
                                             "now is kept aside, beside it, and is not deleted."));

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (alert),
                                  "cancel", _("_Cancel"),
                                  "restore", _("_Restore"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), "restore",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), "cancel");
  g_signal_connect_object (alert, "response", G_CALLBACK (on_restore_response), button, 0);
  adw_dialog_present (alert, GTK_WIDGET (self));
}

static void
fill (CarnetBackupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = carnet_backup_list (self->db_path, &error);

  if (self->group != NULL)
    adw_preferences_page_remove (self->page, self->group);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Backups"));
  adw_preferences_group_set_description (self->group,
                                         _("Carnet copies your database every day it is used, "
                                           "and before each upgrade. The last seven daily "
                                           "copies are kept."));
  adw_preferences_page_add (self->page, self->group);

  self->n_backups = backups != NULL ? backups->len : 0;
  if (backups == NULL || backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error != NULL ? error->message : _("No backup yet"));
      adw_preferences_group_add (self->group, row);
      return;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      CarnetBackup *backup = backups->pdata[i];
      g_autoptr(GDateTime) local = g_date_time_to_local (carnet_backup_get_time (backup));
      /* Translators: a backup's date and time, as in “21/11/2026 at 14:32” */
      g_autofree char *when = g_date_time_format (local, _("%d/%m/%Y at %H:%M"));
      g_autofree char *size = g_format_size (carnet_backup_get_size (backup));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", kind_label (carnet_backup_get_kind (backup)), size);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "path", g_strdup (carnet_backup_get_path (backup)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->group, row);
    }
}

static void
on_back_up_now (CarnetBackupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = carnet_backup_create (self->db_path, CARNET_BACKUP_MANUAL, &error);

  if (backup == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  fill (self);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Backup made")));
}

static void
carnet_backups_dialog_finalize (GObject *object)
{
  CarnetBackupsDialog *self = (CarnetBackupsDialog *)object;

  g_free (self->db_path);

  G_OBJECT_CLASS (carnet_backups_dialog_parent_class)->finalize (object);
}

static void
carnet_backups_dialog_class_init (CarnetBackupsDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carnet_backups_dialog_finalize;
}

static void
carnet_backups_dialog_init (CarnetBackupsDialog *self)
{
  GtkWidget *view = adw_toolbar_view_new ();
  GtkWidget *header = adw_header_bar_new ();

  adw_dialog_set_title (ADW_DIALOG (self), _("Backups"));
  adw_dialog_set_content_width (ADW_DIALOG (self), 520);
  adw_dialog_set_content_height (ADW_DIALOG (self), 560);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), header);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->page));
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), GTK_WIDGET (self->toasts));
  adw_dialog_set_child (ADW_DIALOG (self), view);
  g_object_set_data (G_OBJECT (self), "header", header);
}

/**
 * carnet_backups_dialog_new:
 * @db_path: the database whose backups to list
 * @can_back_up: whether to offer “Back Up Now” (not for a database that could not be opened)
 */
AdwDialog *
carnet_backups_dialog_new (const char *db_path,
                           gboolean    can_back_up)
{
  CarnetBackupsDialog *self = g_object_new (CARNET_TYPE_BACKUPS_DIALOG, NULL);

  self->db_path = g_strdup (db_path);
  if (can_back_up)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Back Up Now"));

      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_back_up_now), self);
      adw_header_bar_pack_start (g_object_get_data (G_OBJECT (self), "header"), button);
    }
  fill (self);
  return ADW_DIALOG (self);
}

guint
carnet_backups_dialog_get_n_backups (CarnetBackupsDialog *self)
{
  g_return_val_if_fail (CARNET_IS_BACKUPS_DIALOG (self), 0);

  return self->n_backups;
}
