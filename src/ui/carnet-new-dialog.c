/* carnet-new-dialog.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-new-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-new-dialog.h"

/* A new project asks for its title and commune; a new action for its title and project.
 * The rest is filled in the detail pane, where the new record opens. */

struct _CarnetNewDialog
{
  AdwDialog    parent_instance;

  CarnetStore *store;
  GType        type;
  GListModel  *parents;

  AdwEntryRow *title_row;
  AdwComboRow *parent_row;
  GtkButton   *create_button;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (CarnetNewDialog, carnet_new_dialog, ADW_TYPE_DIALOG)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_sensitivity (CarnetNewDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  gboolean has_parent = adw_combo_row_get_selected_item (self->parent_row) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), *title != '\0' && has_parent);
}

/**
 * carnet_new_dialog_create:
 *
 * Creates the record from what was typed, as the Create button does.
 *
 * Returns: (transfer full) (nullable): the new project or action
 */
CarnetRecord *
carnet_new_dialog_create (CarnetNewDialog  *self,
                          GError          **error)
{
  CarnetRecord *parent = adw_combo_row_get_selected_item (self->parent_row);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autoptr(CarnetRecord) record = NULL;

  g_return_val_if_fail (CARNET_IS_NEW_DIALOG (self), NULL);

  if (parent == NULL)
    {
      g_set_error_literal (error, CARNET_DB_ERROR, CARNET_DB_ERROR_INVALID,
                           self->type == CARNET_TYPE_ACTION ? _("Choose the project of the action")
                                                            : _("Choose the commune of the project"));
      return NULL;
    }

  record = g_object_new (self->type, "title", title, NULL);
  if (self->type == CARNET_TYPE_ACTION)
    {
      /* An action starts in its project's theme. */
      carnet_record_set_string (record, "project-uuid", carnet_record_get_uuid (parent));
      carnet_record_set_string (record, "theme-uuid", carnet_record_get_string (parent, "theme-uuid"));
    }
  else
    carnet_record_set_string (record, "commune-uuid", carnet_record_get_uuid (parent));

  if (!carnet_store_insert (self->store, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

static void
on_create (CarnetNewDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetRecord) record = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    return;
  record = carnet_new_dialog_create (self, &error);
  if (record == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, record);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_cancel (CarnetNewDialog *self)
{
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_title_changed (CarnetNewDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_sensitivity (self);
}

static char *
parent_label (CarnetRecord *record)
{
  const char *number;

  if (record == NULL)
    return g_strdup ("");
  if (CARNET_IS_COMMUNE (record))
    return g_strdup (carnet_record_get_string (record, "name"));
  number = carnet_record_get_string (record, "number");
  if (*number != '\0')
    return g_strdup_printf ("%s · %s", number, carnet_record_get_title (record));
  return g_strdup (carnet_record_get_title (record));
}

static void
carnet_new_dialog_dispose (GObject *object)
{
  CarnetNewDialog *self = (CarnetNewDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_NEW_DIALOG);
  g_clear_object (&self->parents);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_new_dialog_parent_class)->dispose (object);
}

static void
carnet_new_dialog_class_init (CarnetNewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_new_dialog_dispose;

  /**
   * CarnetNewDialog::created:
   * @record: the new project or action
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-new-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetNewDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetNewDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetNewDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetNewDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_create);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
  gtk_widget_class_bind_template_callback (widget_class, parent_label);
}

static void
carnet_new_dialog_init (CarnetNewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * carnet_new_dialog_new:
 * @type: %CARNET_TYPE_ACTION or %CARNET_TYPE_PROJECT
 * @commune: (nullable): the commune shown, to which the choices are limited
 * @parent: (nullable): the project (for an action) or commune (for a project) chosen first
 */
CarnetNewDialog *
carnet_new_dialog_new (CarnetStore  *store,
                       GType         type,
                       CarnetRecord *commune,
                       CarnetRecord *parent)
{
  CarnetNewDialog *self = g_object_new (CARNET_TYPE_NEW_DIALOG, NULL);
  guint n;

  self->store = g_object_ref (store);
  self->type = type;

  if (type == CARNET_TYPE_ACTION)
    {
      adw_dialog_set_title (ADW_DIALOG (self), _("New Action"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->parent_row), _("Project"));
      self->parents = commune != NULL
        ? carnet_store_list (store, CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (commune))
        : carnet_store_list (store, CARNET_TYPE_PROJECT, NULL, NULL);
    }
  else
    {
      adw_dialog_set_title (ADW_DIALOG (self), _("New Project"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->parent_row), _("Commune"));
      self->parents = carnet_store_list (store, CARNET_TYPE_COMMUNE, NULL, NULL);
      if (parent == NULL)
        parent = commune;
    }
  adw_combo_row_set_model (self->parent_row, self->parents);

  n = g_list_model_get_n_items (self->parents);
  if (n == 0 && type == CARNET_TYPE_ACTION)
    {
      gtk_label_set_text (self->error_label, _("This commune has no project yet: create a project first"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  for (guint i = 0; parent != NULL && i < n; i++)
    {
      g_autoptr(CarnetRecord) item = g_list_model_get_item (self->parents, i);

      if (item == parent)
        adw_combo_row_set_selected (self->parent_row, i);
    }
  update_sensitivity (self);
  return self;
}

/* Types a title as a person would. */
void
carnet_new_dialog_set_title (CarnetNewDialog *self,
                             const char      *title)
{
  g_return_if_fail (CARNET_IS_NEW_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}
