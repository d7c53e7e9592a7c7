/* carnet-window.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-window"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-backup.h"
#include "carnet-commune-chooser.h"
#include "carnet-commune-editor.h"
#include "carnet-exporter.h"
#include "carnet-fiche-editor.h"
#include "carnet-fiche-list.h"
#include "carnet-growing-model.h"
#include "carnet-importer.h"
#include "carnet-format.h"
#include "carnet-new-dialog.h"
#include "carnet-overview.h"
#include "carnet-ui-util.h"
#include "carnet-walks-view.h"
#include "carnet-window.h"

/* Three panes that fold as the window narrows: the sidebar (all communes, then each one),
 * the list of its actions or projects, and the detail of the one selected. */

struct _CarnetWindow
{
  AdwApplicationWindow    parent_instance;

  CarnetStore            *store;
  GSettings              *settings;
  GListModel             *communes;
  CarnetRecord           *deleted;      /* what the last toast can bring back */
  AdwToast               *undo_toast;

  CarnetFicheList        *fiche_list;
  GtkWidget              *fiche_editor;
  GtkWidget              *commune_editor;
  GtkWidget              *overview;
  GtkWidget              *walks_view;

  AdwToastOverlay        *toast_overlay;
  GtkStack               *stack;
  AdwStatusPage          *empty_page;
  AdwStatusPage          *error_page;
  AdwBanner              *read_only_banner;
  GtkWidget              *restore_button;
  GtkWidget              *read_only_button;
  AdwOverlaySplitView    *outer_split;
  AdwNavigationSplitView *inner_split;
  GtkStack               *content_stack;
  GtkListBox             *views_list;
  GtkListBoxRow          *overview_row;
  GtkListBoxRow          *all_row;
  GtkListBoxRow          *walks_row;
  AdwBin                 *overview_bin;
  AdwBin                 *walks_bin;
  GtkListBox             *commune_list;
  CarnetGrowingModel     *commune_rows;   /* the communes shown in commune_list */
  AdwNavigationPage      *detail_page;
  GtkStack               *detail_stack;
  AdwBin                 *fiche_bin;
  AdwBin                 *commune_bin;
};

G_DEFINE_FINAL_TYPE (CarnetWindow, carnet_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_open_record      (CarnetWindow   *self,
                                 CarnetRecord   *record);
static void on_show_list        (CarnetWindow   *self,
                                 GType           type,
                                 CarnetQuery    *query,
                                 const char     *label,
                                 CarnetOverview *overview);
static void on_show_walks       (CarnetWindow   *self,
                                 CarnetRecord   *commune);
static void bind_sidebar_button (CarnetWindow   *self,
                                 GtkWidget      *button);

static void
update_page (CarnetWindow *self)
{
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->stack, "error");
  else if (g_list_model_get_n_items (self->communes) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "main");
}

static CarnetRecord *
selected_commune (CarnetWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->commune_list);

  if (row == NULL)
    return NULL;
  return g_list_model_get_item (self->communes, gtk_list_box_row_get_index (row));
}

/* The panes not shown at first are built the first time they are: the window's first frame
 * waits only for the sidebar and the list. */
static CarnetFicheEditor *
fiche_editor (CarnetWindow *self)
{
  if (self->fiche_editor == NULL)
    {
      self->fiche_editor = carnet_fiche_editor_new (self->store);
      adw_bin_set_child (self->fiche_bin, self->fiche_editor);
      g_signal_connect_object (self->fiche_editor, "open-record", G_CALLBACK (on_open_record),
                               self, G_CONNECT_SWAPPED);
    }
  return CARNET_FICHE_EDITOR (self->fiche_editor);
}

static CarnetCommuneEditor *
commune_editor (CarnetWindow *self)
{
  if (self->commune_editor == NULL)
    {
      self->commune_editor = carnet_commune_editor_new (self->store);
      adw_bin_set_child (self->commune_bin, self->commune_editor);
    }
  return CARNET_COMMUNE_EDITOR (self->commune_editor);
}

static CarnetOverview *
overview (CarnetWindow *self)
{
  if (self->overview == NULL)
    {
      self->overview = carnet_overview_new (self->store);
      adw_bin_set_child (self->overview_bin, self->overview);
      g_signal_connect_object (self->overview, "show-list", G_CALLBACK (on_show_list), self,
                               G_CONNECT_SWAPPED);
      carnet_overview_set_communes (CARNET_OVERVIEW (self->overview), self->communes);
      g_signal_connect_object (self->overview, "open-record", G_CALLBACK (on_open_record), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->overview, "show-walks", G_CALLBACK (on_show_walks), self,
                               G_CONNECT_SWAPPED);
      bind_sidebar_button (self, carnet_overview_get_sidebar_button (CARNET_OVERVIEW (self->overview)));
    }
  return CARNET_OVERVIEW (self->overview);
}

static CarnetWalksView *
walks_view (CarnetWindow *self)
{
  if (self->walks_view == NULL)
    {
      self->walks_view = carnet_walks_view_new (self->store);
      adw_bin_set_child (self->walks_bin, self->walks_view);
      g_signal_connect_object (self->walks_view, "open-record", G_CALLBACK (on_open_record), self,
                               G_CONNECT_SWAPPED);
      bind_sidebar_button (self, carnet_walks_view_get_sidebar_button (CARNET_WALKS_VIEW (self->walks_view)));
    }
  return CARNET_WALKS_VIEW (self->walks_view);
}

/* What is being typed in the panes built so far is saved. */
static void
flush_editors (CarnetWindow *self)
{
  if (self->fiche_editor != NULL)
    carnet_fiche_editor_flush (CARNET_FICHE_EDITOR (self->fiche_editor));
  if (self->commune_editor != NULL)
    carnet_commune_editor_flush (CARNET_COMMUNE_EDITOR (self->commune_editor));
}

static void
show_detail (CarnetWindow *self,
             CarnetRecord *record)
{
  flush_editors (self);

  if (record == NULL)
    {
      if (self->fiche_editor != NULL)
        carnet_fiche_editor_set_record (CARNET_FICHE_EDITOR (self->fiche_editor), NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      adw_navigation_page_set_title (self->detail_page, _("Details"));
      return;
    }
  if (CARNET_IS_COMMUNE (record))
    {
      carnet_commune_editor_set_commune (commune_editor (self), record);
      gtk_stack_set_visible_child_name (self->detail_stack, "commune");
    }
  else
    {
      carnet_fiche_editor_set_record (fiche_editor (self), record);
      gtk_stack_set_visible_child_name (self->detail_stack, "fiche");
    }
  adw_navigation_page_set_title (self->detail_page, carnet_record_get_title (record));
}

static void
on_fiche_selected (CarnetWindow *self)
{
  CarnetRecord *record = carnet_fiche_list_get_selected (self->fiche_list);

  show_detail (self, record);
  if (record != NULL)
    adw_navigation_split_view_set_show_content (self->inner_split, TRUE);
}

static void
save_selection (CarnetWindow *self)
{
  g_autoptr(CarnetRecord) commune = NULL;
  CarnetRecord *fiche;
  g_autofree char *value = NULL;

  if (self->settings == NULL || self->store == NULL)
    return;
  commune = selected_commune (self);
  fiche = carnet_fiche_list_get_selected (self->fiche_list);
  value = g_strdup_printf ("%s|%s|%s",
                           commune != NULL ? carnet_record_get_uuid (commune) : "",
                           fiche != NULL ? carnet_record_get_kind (fiche) : "",
                           fiche != NULL ? carnet_record_get_uuid (fiche) : "");
  g_settings_set_string (self->settings, "last-selection", value);
}

static void
on_view_selected (CarnetWindow  *self,
                  GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  gtk_list_box_unselect_all (self->commune_list);
  if (row == self->overview_row)
    {
      overview (self);
      gtk_stack_set_visible_child_name (self->content_stack, "overview");
    }
  else if (row == self->walks_row)
    {
      walks_view (self);
      gtk_stack_set_visible_child_name (self->content_stack, "walks");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "fiches");
      carnet_fiche_list_set_commune (self->fiche_list, NULL);
      adw_navigation_split_view_set_show_content (self->inner_split, FALSE);
    }
  if (adw_overlay_split_view_get_collapsed (self->outer_split))
    adw_overlay_split_view_set_show_sidebar (self->outer_split, FALSE);
}

static void
on_commune_selected (CarnetWindow  *self,
                     GtkListBoxRow *row)
{
  g_autoptr(CarnetRecord) commune = NULL;

  if (row == NULL)
    return;
  gtk_list_box_unselect_all (self->views_list);
  commune = selected_commune (self);
  gtk_stack_set_visible_child_name (self->content_stack, "fiches");
  carnet_fiche_list_set_commune (self->fiche_list, commune);
  adw_navigation_split_view_set_show_content (self->inner_split, FALSE);
  if (adw_overlay_split_view_get_collapsed (self->outer_split))
    adw_overlay_split_view_set_show_sidebar (self->outer_split, FALSE);
}

static void
on_commune_info_clicked (GtkButton    *button,
                         CarnetWindow *self)
{
  CarnetRecord *commune = g_object_get_data (G_OBJECT (button), "commune");

  show_detail (self, commune);
  adw_navigation_split_view_set_show_content (self->inner_split, TRUE);
}

static GtkWidget *
create_commune_row (gpointer item,
                    gpointer user_data)
{
  CarnetWindow *self = user_data;
  CarnetRecord *commune = item;
  GtkWidget *row, *box, *labels, *name, *detail, *info;
  g_autofree char *tooltip = NULL;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  g_object_bind_property (commune, "name", name, "label", G_BINDING_SYNC_CREATE);
  detail = gtk_label_new (carnet_record_get_string (commune, "departement-name"));
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);

  info = gtk_button_new_from_icon_name ("help-about-symbolic");
  gtk_widget_set_valign (info, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (info, "flat");
  /* Translators: a button in the sidebar, next to a commune's name */
  tooltip = g_strdup_printf (_("About %s"), carnet_record_get_string (commune, "name"));
  gtk_widget_set_tooltip_text (info, tooltip);
  g_object_set_data_full (G_OBJECT (info), "commune", g_object_ref (commune), g_object_unref);
  g_signal_connect (info, "clicked", G_CALLBACK (on_commune_info_clicked), self);
  gtk_box_append (GTK_BOX (box), info);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  carnet_record_get_string (commune, "name"), -1);
  return row;
}

static void
on_communes_changed (CarnetWindow *self,
                     guint         position,
                     guint         removed,
                     guint         added)
{
  update_page (self);
  if (gtk_list_box_get_selected_row (self->commune_list) == NULL &&
      gtk_list_box_get_selected_row (self->views_list) == NULL)
    gtk_list_box_select_row (self->views_list, self->all_row);
}

static gboolean
select_commune_uuid (CarnetWindow *self,
                     const char   *uuid)
{
  guint n = g_list_model_get_n_items (self->communes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) commune = g_list_model_get_item (self->communes, i);

      if (g_strcmp0 (carnet_record_get_uuid (commune), uuid) == 0)
        {
          carnet_growing_model_grow_to (self->commune_rows, i + 1);
          gtk_list_box_select_row (self->commune_list,
                                   gtk_list_box_get_row_at_index (self->commune_list, i));
          return TRUE;
        }
    }
  return FALSE;
}

/* Shows @record: its commune in the sidebar, itself selected in the list and open in the
 * detail pane. */
static void
reveal (CarnetWindow *self,
        CarnetRecord *record)
{
  g_autoptr(CarnetRecord) project = NULL;
  const char *commune_uuid;

  if (CARNET_IS_WALK (record) || CARNET_IS_OBSERVATION (record))
    {
      gtk_list_box_select_row (self->views_list, self->walks_row);
      carnet_walks_view_reveal (walks_view (self), record);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "fiches") != 0)
    gtk_list_box_select_row (self->views_list, self->all_row);

  if (CARNET_IS_ACTION (record))
    {
      project = carnet_store_get (self->store, CARNET_TYPE_PROJECT,
                                  carnet_record_get_string (record, "project-uuid"), NULL);
      commune_uuid = project != NULL ? carnet_record_get_string (project, "commune-uuid") : NULL;
    }
  else
    commune_uuid = carnet_record_get_string (record, "commune-uuid");

  if (carnet_fiche_list_get_commune (self->fiche_list) != NULL &&
      g_strcmp0 (carnet_record_get_uuid (carnet_fiche_list_get_commune (self->fiche_list)),
                 commune_uuid) != 0)
    select_commune_uuid (self, commune_uuid);

  if (!carnet_fiche_list_select (self->fiche_list, record))
    show_detail (self, record);
  adw_navigation_split_view_set_show_content (self->inner_split, TRUE);
}

static void
on_open_record (CarnetWindow *self,
                CarnetRecord *record)
{
  reveal (self, record);
}

/* A figure of the overview opens the list behind it. */
static void
on_show_list (CarnetWindow *self,
              GType         type,
              CarnetQuery  *query,
              const char   *label,
              CarnetOverview *overview)
{
  CarnetRecord *commune = carnet_overview_get_commune (overview);

  if (commune != NULL)
    select_commune_uuid (self, carnet_record_get_uuid (commune));
  else
    gtk_list_box_select_row (self->views_list, self->all_row);
  carnet_fiche_list_show_preset (self->fiche_list, type, query, label);
}

static void
on_show_walks (CarnetWindow *self,
               CarnetRecord *commune)
{
  gtk_list_box_select_row (self->views_list, self->walks_row);
  carnet_walks_view_set_commune (walks_view (self), commune);
}

static void
on_created (CarnetWindow *self,
            CarnetRecord *record)
{
  reveal (self, record);
}

static void
present_new_dialog (CarnetWindow *self,
                    GType         type)
{
  g_autoptr(CarnetRecord) commune = selected_commune (self);
  CarnetRecord *selected = carnet_fiche_list_get_selected (self->fiche_list);
  g_autoptr(CarnetRecord) parent = NULL;
  CarnetNewDialog *dialog;

  if (self->store == NULL)
    return;
  if (type == CARNET_TYPE_ACTION && CARNET_IS_PROJECT (selected))
    parent = g_object_ref (selected);
  else if (type == CARNET_TYPE_ACTION && CARNET_IS_ACTION (selected))
    parent = carnet_store_get (self->store, CARNET_TYPE_PROJECT,
                               carnet_record_get_string (selected, "project-uuid"), NULL);

  dialog = carnet_new_dialog_new (self->store, type, commune, parent);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_created), self, G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
new_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  present_new_dialog (CARNET_WINDOW (widget), CARNET_TYPE_ACTION);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  present_new_dialog (CARNET_WINDOW (widget), CARNET_TYPE_PROJECT);
}

static void
on_commune_chosen (CarnetWindow *self,
                   const char   *insee)
{
  carnet_window_add_commune (self, insee);
}

static void
add_commune_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);
  CarnetCommuneChooser *chooser;

  if (self->store == NULL)
    return;
  chooser = carnet_commune_chooser_new (self->store);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_commune_chosen), self,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (ADW_DIALOG (chooser), GTK_WIDGET (self));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) record = NULL;

  if (self->deleted == NULL)
    return;
  record = g_steal_pointer (&self->deleted);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  if (!carnet_store_undelete (self->store, record, &error))
    {
      carnet_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  if (CARNET_IS_COMMUNE (record))
    select_commune_uuid (self, carnet_record_get_uuid (record));
  else
    reveal (self, record);
}

static void
on_undo_toast_dismissed (CarnetWindow *self,
                         AdwToast     *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* Deletes with a way back: the toast's Undo (or Ctrl+Z) restores the record and all that
 * went with it. */
static void
delete_with_undo (CarnetWindow *self,
                  CarnetRecord *record)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!carnet_store_delete (self->store, record, &error))
    {
      carnet_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  g_set_object (&self->deleted, record);

  {
    g_autofree char *title = NULL;
    const char *name = carnet_record_get_title (record);

    /* One message per kind: in French the past participle agrees with it. */
    if (CARNET_IS_COMMUNE (record))
      title = g_strdup_printf (_("Commune %s removed"), name);
    else if (CARNET_IS_PROJECT (record))
      title = g_strdup_printf (_("Project “%s” deleted"), name);
    else
      title = g_strdup_printf (_("Action “%s” deleted"), name);
    toast = adw_toast_new (title);
  }
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  carnet_window_add_toast (self, toast);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);
  CarnetRecord *record = carnet_fiche_list_get_selected (self->fiche_list);
  g_autoptr(CarnetRecord) shown = NULL;

  if (record == NULL && self->fiche_editor != NULL)
    record = carnet_fiche_editor_get_record (CARNET_FICHE_EDITOR (self->fiche_editor));
  if (record == NULL || self->store == NULL)
    return;
  shown = g_object_ref (record);
  flush_editors (self);
  delete_with_undo (self, shown);
  show_detail (self, NULL);
  adw_navigation_split_view_set_show_content (self->inner_split, FALSE);
}

static void
on_delete_commune_response (AdwAlertDialog *dialog,
                            const char     *response,
                            CarnetWindow   *self)
{
  CarnetRecord *commune = g_object_get_data (G_OBJECT (dialog), "commune");

  if (g_strcmp0 (response, "delete") != 0)
    return;
  show_detail (self, NULL);
  delete_with_undo (self, commune);
  gtk_list_box_select_row (self->views_list, self->all_row);
}

static void
delete_commune_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);
  g_autoptr(CarnetRecord) commune = selected_commune (self);
  CarnetRecord *shown = self->commune_editor != NULL
    ? carnet_commune_editor_get_commune (CARNET_COMMUNE_EDITOR (self->commune_editor)) : NULL;
  AdwDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint projects;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "commune") == 0 && shown != NULL)
    g_set_object (&commune, shown);
  if (commune == NULL)
    return;

  projects = carnet_store_count (self->store, CARNET_TYPE_PROJECT, "commune-uuid",
                                 carnet_record_get_uuid (commune));
  /* Translators: the title of a confirmation, “Remove Bayeux?” */
  heading = g_strdup_printf (_("Remove %s?"), carnet_record_get_string (commune, "name"));
  if (projects == 0)
    body = g_strdup (_("Its site walks will be removed too. You can undo this right after."));
  else
    body = g_strdup_printf (g_dngettext (NULL,
                                         "Its %u project, with its actions, and its site walks will be removed too. You can undo this right after.",
                                         "Its %u projects, with their actions, and its site walks will be removed too. You can undo this right after.",
                                         projects),
                            projects);
  dialog = adw_alert_dialog_new (heading, body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "delete", _("_Remove"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "delete",
                                            ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "commune", g_object_ref (commune), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_commune_response), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* Exports cover the commune shown, or all of them. */
static CarnetRecord *
export_scope (CarnetWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "overview") == 0)
    return carnet_overview_get_commune (overview (self));
  return carnet_fiche_list_get_commune (self->fiche_list);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);

  if (self->store == NULL)
    return;
  carnet_exporter_choose_file (GTK_WINDOW (self), self->store, export_scope (self),
                               g_variant_get_string (parameter, NULL));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);

  if (self->store == NULL || carnet_store_is_read_only (self->store))
    return;
  carnet_importer_choose_files (GTK_WINDOW (self), self->store,
                                g_variant_get_string (parameter, NULL));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);

  if (self->store != NULL)
    carnet_exporter_print (GTK_WINDOW (self), self->store, export_scope (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);

  adw_navigation_split_view_set_show_content (self->inner_split, FALSE);
  carnet_fiche_list_start_search (self->fiche_list);
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CarnetWindow *self = CARNET_WINDOW (widget);

  carnet_fiche_list_select_next (self->fiche_list, g_str_equal (action_name, "win.next") ? 1 : -1);
}

static void
save_window_state (CarnetWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  save_selection (self);
}

static gboolean
carnet_window_close_request (GtkWindow *window)
{
  CarnetWindow *self = CARNET_WINDOW (window);

  flush_editors (self);
  if (self->walks_view != NULL)
    carnet_walks_view_flush (CARNET_WALKS_VIEW (self->walks_view));
  save_window_state (self);

  return GTK_WINDOW_CLASS (carnet_window_parent_class)->close_request (window);
}

/* The settings are optional: an uninstalled build run without its compiled schema still
 * works, it just forgets the window size. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; the window state is not kept",
                 APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (CarnetWindow *self)
{
  self->settings = lookup_settings ();
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
restore_selection (CarnetWindow *self)
{
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;

  if (self->settings != NULL)
    value = g_settings_get_string (self->settings, "last-selection");
  parts = g_strsplit (value != NULL ? value : "", "|", 3);

  if (parts[0] == NULL || *parts[0] == '\0' || !select_commune_uuid (self, parts[0]))
    gtk_list_box_select_row (self->views_list, self->all_row);

  if (parts[0] != NULL && parts[1] != NULL && parts[2] != NULL && *parts[2] != '\0')
    {
      GType type = carnet_record_type_from_kind (parts[1]);
      g_autoptr(CarnetRecord) record = NULL;

      if (type == CARNET_TYPE_ACTION || type == CARNET_TYPE_PROJECT)
        record = carnet_store_get (self->store, type, parts[2], NULL);
      if (record != NULL && carnet_record_get_deleted_at (record) == NULL)
        carnet_fiche_list_select (self->fiche_list, record);
    }
}

/* Each pane's header has a button that shows the sidebar when the window is too narrow to
 * keep it open. */
static void
bind_sidebar_button (CarnetWindow *self,
                     GtkWidget    *button)
{
  g_object_bind_property (self->outer_split, "collapsed", button, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->outer_split, "show-sidebar", button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

static void
on_first_frame (GdkFrameClock *clock,
                CarnetWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  carnet_growing_model_start (self->commune_rows);
}

/* The communes beyond the first screenful are added once it is drawn. */
static void
on_map (CarnetWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, on_map, NULL);
  if (clock == NULL)
    carnet_growing_model_start (self->commune_rows);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
}

static void
carnet_window_constructed (GObject *object)
{
  CarnetWindow *self = (CarnetWindow *)object;

  G_OBJECT_CLASS (carnet_window_parent_class)->constructed (object);

  restore_window_state (self);

  if (self->store != NULL)
    {
      carnet_ui_watch_theme_css (self->store, gtk_widget_get_display (GTK_WIDGET (self)));

      self->communes = carnet_store_list (self->store, CARNET_TYPE_COMMUNE, NULL, NULL);
      /* A national database has 1,650 communes: their rows come after the first frame. */
      self->commune_rows = carnet_growing_model_new (self->communes, 16);
      g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
      gtk_list_box_bind_model (self->commune_list, G_LIST_MODEL (self->commune_rows),
                               create_commune_row, self, NULL);
      g_signal_connect_object (self->communes, "items-changed",
                               G_CALLBACK (on_communes_changed), self, G_CONNECT_SWAPPED);

      self->fiche_list = carnet_fiche_list_new (self->store);
      adw_navigation_split_view_set_sidebar (self->inner_split, ADW_NAVIGATION_PAGE (self->fiche_list));
      g_signal_connect_object (self->fiche_list, "notify::selected",
                               G_CALLBACK (on_fiche_selected), self, G_CONNECT_SWAPPED);
      bind_sidebar_button (self, carnet_fiche_list_get_sidebar_button (self->fiche_list));

      restore_selection (self);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-commune", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-action", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-project", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 self->store != NULL && !carnet_store_is_read_only (self->store));
  update_page (self);
}

static void
carnet_window_dispose (GObject *object)
{
  CarnetWindow *self = (CarnetWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_WINDOW);
  g_clear_object (&self->communes);
  g_clear_object (&self->commune_rows);
  g_clear_object (&self->settings);
  g_clear_object (&self->deleted);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_window_parent_class)->dispose (object);
}

static void
carnet_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CarnetWindow *self = CARNET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CarnetWindow *self = CARNET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_window_class_init (CarnetWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = carnet_window_constructed;
  object_class->dispose = carnet_window_dispose;
  object_class->get_property = carnet_window_get_property;
  object_class->set_property = carnet_window_set_property;
  window_class->close_request = carnet_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARNET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, read_only_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, outer_split);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, inner_split);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, overview_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, all_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, walks_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, overview_bin);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, walks_bin);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, commune_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, detail_page);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, fiche_bin);
  gtk_widget_class_bind_template_child (widget_class, CarnetWindow, commune_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_commune_selected);

  gtk_widget_class_install_action (widget_class, "win.add-commune", NULL, add_commune_action);
  gtk_widget_class_install_action (widget_class, "win.new-action", NULL, new_action_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "win.delete-commune", NULL, delete_commune_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, select_next_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-commune", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-action", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
carnet_window_init (CarnetWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * carnet_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the open database, or %NULL when it could not be opened
 * @open_error: (nullable): why it could not be opened, shown to the user
 */
CarnetWindow *
carnet_window_new (CarnetApplication *application,
                   CarnetStore       *store,
                   const GError      *open_error)
{
  CarnetWindow *self = g_object_new (CARNET_TYPE_WINDOW,
                                     "application", application,
                                     "store", store,
                                     NULL);

  if (open_error != NULL)
    {
      g_autofree char *path = application != NULL && carnet_application_get_db_path (application) != NULL
        ? g_strdup (carnet_application_get_db_path (application)) : carnet_db_default_path ();
      g_autoptr(GPtrArray) backups = carnet_backup_list (path, NULL);
      gboolean readable = g_error_matches (open_error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY) ||
                          g_error_matches (open_error, CARNET_DB_ERROR, CARNET_DB_ERROR_BUSY);

      /* What can be done depends on what went wrong; nothing is repaired behind the
       * person's back. */
      adw_status_page_set_description (self->error_page, open_error->message);
      gtk_widget_set_visible (self->read_only_button, readable && application != NULL);
      gtk_widget_set_visible (self->restore_button, backups != NULL && backups->len > 0 && application != NULL);
    }
  adw_banner_set_revealed (self->read_only_banner, store != NULL && carnet_store_is_read_only (store));
  return self;
}

CarnetStore *
carnet_window_get_store (CarnetWindow *self)
{
  g_return_val_if_fail (CARNET_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * carnet_window_get_fiche_list:
 *
 * Returns: (transfer none) (nullable): the list pane
 */
CarnetFicheList *
carnet_window_get_fiche_list (CarnetWindow *self)
{
  g_return_val_if_fail (CARNET_IS_WINDOW (self), NULL);

  return self->fiche_list;
}

/**
 * carnet_window_get_fiche_editor:
 *
 * Returns: (transfer none) (nullable): the editor of the detail pane
 */
GtkWidget *
carnet_window_get_fiche_editor (CarnetWindow *self)
{
  g_return_val_if_fail (CARNET_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  return GTK_WIDGET (fiche_editor (self));
}

void
carnet_window_add_toast (CarnetWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (CARNET_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * carnet_window_add_commune:
 * @insee: the INSEE code of a commune of the reference list
 *
 * Adds the commune, selects it and says so; a refusal (already there, unknown code, disk
 * full) is said in a toast and changes nothing.
 */
void
carnet_window_add_commune (CarnetWindow *self,
                           const char   *insee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetCommune) commune = NULL;
  AdwToast *toast;

  g_return_if_fail (CARNET_IS_WINDOW (self));

  commune = carnet_store_add_commune (self->store, insee, &error);
  if (commune == NULL)
    {
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
      carnet_window_add_toast (self, toast);
      return;
    }

  select_commune_uuid (self, carnet_record_get_uuid (CARNET_RECORD (commune)));
  /* Translators: a toast, “Bayeux added” */
  toast = adw_toast_new_format (_("%s added"), carnet_record_get_string (CARNET_RECORD (commune), "name"));
  carnet_window_add_toast (self, toast);
}

/**
 * carnet_window_select_commune:
 * @commune: (nullable): a commune, or %NULL for all of them
 */
void
carnet_window_select_commune (CarnetWindow *self,
                              CarnetRecord *commune)
{
  g_return_if_fail (CARNET_IS_WINDOW (self));

  if (commune == NULL || !select_commune_uuid (self, carnet_record_get_uuid (commune)))
    gtk_list_box_select_row (self->views_list, self->all_row);
}
