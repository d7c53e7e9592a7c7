/* carnet-walk-dialogs.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walk-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-walk-dialogs.h"
#include "carnet-walks.h"

/* What the walk view's widgets share: its style sheet, its toasts, the little dialogs that
 * ask for a project or a commune, and its pictures, read from disk in a thread and scaled
 * down there, so that a dozen 12-megapixel photos neither block the typing nor fill the
 * memory. */

/**
 * carnet_walks_ensure_style:
 *
 * Adds the walk view's style sheet to @display, once.
 */
void
carnet_walks_ensure_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "carnet-walks-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/carnet-walks.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "carnet-walks-css", g_steal_pointer (&provider),
                          g_object_unref);
}

/* Shows @toast on the nearest toast overlay above @widget. */
void
carnet_walks_add_toast (GtkWidget *widget,
                        AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Whether a dialog covers the window of @widget: the walk's shortcuts then stand aside. */
gboolean
carnet_walks_dialog_is_open (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_APPLICATION_WINDOW (root))
    return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (root)) != NULL;
  if (ADW_IS_WINDOW (root))
    return adw_window_get_visible_dialog (ADW_WINDOW (root)) != NULL;
  return FALSE;
}

static char *
record_label (CarnetRecord *record)
{
  const char *number;

  if (record == NULL)
    return g_strdup ("");
  if (CARNET_IS_PROJECT (record) &&
      *(number = carnet_record_get_string (record, "number")) != '\0')
    return g_strdup_printf ("%s · %s", number, carnet_record_get_title (record));
  return g_strdup (carnet_record_get_title (record));
}

/**
 * carnet_walks_record_dialog_new:
 * @field: (nullable): a field the records listed must have equal to @value
 *
 * An alert that asks to pick one of the records of @type, with the responses “cancel” and
 * “choose” (labelled @response_label).
 */
AdwDialog *
carnet_walks_record_dialog_new (CarnetStore *store,
                                GType        type,
                                const char  *field,
                                const char  *value,
                                const char  *heading,
                                const char  *body,
                                const char  *row_title,
                                const char  *response_label)
{
  g_autoptr(GListModel) records = carnet_store_list (store, type, field, value);
  g_autoptr(GtkExpression) label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                G_CALLBACK (record_label), NULL, NULL);
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), label);
  adw_combo_row_set_enable_search (ADW_COMBO_ROW (row), g_list_model_get_n_items (records) > 8);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), records);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), group);
  g_object_set_data (G_OBJECT (dialog), "combo-row", row);

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "choose", response_label,
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "choose",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "choose");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  return dialog;
}

/**
 * carnet_walks_record_dialog_get_chosen:
 *
 * Returns: (transfer none) (nullable): the record picked in the dialog
 */
CarnetRecord *
carnet_walks_record_dialog_get_chosen (AdwDialog *dialog)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (dialog), "combo-row");

  return row != NULL ? adw_combo_row_get_selected_item (row) : NULL;
}

/* Pictures */

typedef struct
{
  char     *path;
  int       max_size;
  gboolean  square;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_texture_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  GError *error = NULL;
  int width = 0, height = 0;

  if (gdk_pixbuf_get_file_info (data->path, &width, &height) == NULL || width <= 0 || height <= 0)
    width = height = 0;
  if (data->square && width > 0)
    {
      /* Its middle, filling the square. */
      double scale = MIN (1.0, (double)data->max_size / MIN (width, height));

      pixbuf = gdk_pixbuf_new_from_file_at_scale (data->path, MAX (1, (int)(width * scale)),
                                                  MAX (1, (int)(height * scale)), FALSE, &error);
    }
  else if (width > data->max_size || height > data->max_size)
    /* Only ever scaled down. */
    pixbuf = gdk_pixbuf_new_from_file_at_scale (data->path, data->max_size, data->max_size,
                                                TRUE, &error);
  else
    pixbuf = gdk_pixbuf_new_from_file (data->path, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A photo taken sideways is shown upright. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (oriented == NULL)
    oriented = g_object_ref (pixbuf);
  if (data->square)
    {
      int w = gdk_pixbuf_get_width (oriented), h = gdk_pixbuf_get_height (oriented);
      int side = MIN (w, h);
      g_autoptr(GdkPixbuf) middle = gdk_pixbuf_new_subpixbuf (oriented, (w - side) / 2,
                                                              (h - side) / 2, side, side);

      g_set_object (&oriented, middle);
    }
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (oriented), g_object_unref);
}

/* Reads the picture at @path scaled to fit in @max_size pixels, or its middle as a square of
 * that side, in a thread. */
void
carnet_walks_load_texture_async (const char          *path,
                                 int                  max_size,
                                 gboolean             square,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->path = g_strdup (path);
  data->max_size = max_size;
  data->square = square;
  g_task_set_source_tag (task, carnet_walks_load_texture_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_texture_thread);
}

/**
 * carnet_walks_load_texture_finish:
 *
 * Returns: (transfer full) (nullable): the picture
 */
GdkTexture *
carnet_walks_load_texture_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_photo_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkStack) stack = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkPicture *picture;

  texture = carnet_walks_load_texture_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      AdwStatusPage *status = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, "error"));

      adw_status_page_set_description (status, error->message);
      gtk_stack_set_visible_child_name (stack, "error");
      return;
    }
  picture = GTK_PICTURE (gtk_stack_get_child_by_name (stack, "picture"));
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (stack, "picture");
}

static void
on_photo_dialog_closed (AdwDialog    *dialog,
                        GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
on_undo_remove_photo (AdwToast     *toast,
                      CarnetRecord *attachment)
{
  CarnetStore *store = g_object_get_data (G_OBJECT (toast), "store");
  g_autoptr(GError) error = NULL;

  if (!carnet_store_undelete (store, attachment, &error))
    g_warning ("The photo cannot be restored: %s", error->message);
}

static void
on_remove_photo_clicked (GtkButton *button,
                         AdwDialog *dialog)
{
  CarnetStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  CarnetRecord *attachment = g_object_get_data (G_OBJECT (dialog), "attachment");
  GtkWidget *parent = g_object_get_data (G_OBJECT (dialog), "parent");
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!carnet_store_delete (store, attachment, &error))
    toast = adw_toast_new (error->message);
  else
    {
      toast = adw_toast_new (_("Photo removed"));
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "store", g_object_ref (store), g_object_unref);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_photo),
                             g_object_ref (attachment), (GClosureNotify)g_object_unref, 0);
    }
  adw_dialog_close (dialog);
  carnet_walks_add_toast (parent, toast);
}

/* A photo at the size of the window, in a dialog of the app: nothing else is opened. */
void
carnet_walks_show_photo (GtkWidget    *parent,
                         CarnetStore  *store,
                         CarnetRecord *attachment)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = carnet_attachment_get_path (store, attachment);
  g_autofree char *size = g_format_size (carnet_record_get_int (attachment, "size"));
  AdwDialog *dialog = adw_dialog_new ();
  GtkWidget *toolbar = adw_toolbar_view_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (carnet_record_get_string (attachment, "file-name"), size);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *spinner = adw_spinner_new ();
  GtkWidget *error = adw_status_page_new ();

  adw_dialog_set_title (dialog, carnet_record_get_string (attachment, "file-name"));
  adw_dialog_set_content_width (dialog, 900);
  adw_dialog_set_content_height (dialog, 680);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_widget_set_tooltip_text (remove, _("Remove the Photo"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), remove);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (toolbar), header);

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture),
                                    carnet_record_get_string (attachment, "file-name"));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (error), "image-missing-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (error), _("The Photo Cannot Be Shown"));
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");
  gtk_stack_add_named (GTK_STACK (stack), picture, "picture");
  gtk_stack_add_named (GTK_STACK (stack), error, "error");
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (toolbar), stack);
  adw_dialog_set_child (dialog, toolbar);

  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "attachment", g_object_ref (attachment), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "parent", parent);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_photo_clicked), dialog);
  g_signal_connect_data (dialog, "closed", G_CALLBACK (on_photo_dialog_closed),
                         g_object_ref (cancellable), (GClosureNotify)g_object_unref, 0);

  if (path == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (error), _("Its file name is not valid"));
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "error");
    }
  else
    carnet_walks_load_texture_async (path, 2560, FALSE, cancellable, on_photo_loaded, g_object_ref (stack));
  adw_dialog_present (dialog, parent);
}

/**
 * carnet_walks_format_time:
 * @timestamp: (nullable): an ISO 8601 time in UTC
 *
 * Returns: the local time of day, “14:32”, or an empty string
 */
char *
carnet_walks_format_time (const char *timestamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (timestamp == NULL || (utc = g_date_time_new_from_iso8601 (timestamp, NULL)) == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M");
}
