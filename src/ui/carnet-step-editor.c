/* carnet-step-editor.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-step-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-format.h"
#include "carnet-record-rows.h"
#include "carnet-step-editor.h"

/* The steps (étapes) of a project or an action, ticked off as they are done. Ticking a
 * step with no date records today as its date, in the same transaction. */

struct _CarnetStepEditor
{
  AdwPreferencesGroup  parent_instance;

  CarnetStore         *store;
  CarnetRecord        *parent;
  GListModel          *steps;

  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (CarnetStepEditor, carnet_step_editor, ADW_TYPE_PREFERENCES_GROUP)

static void
update_step_row (AdwExpanderRow *row)
{
  CarnetRecord *step = carnet_record_rows_get_record (GTK_WIDGET (row));
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "carnet-check");
  const char *planned_on = carnet_record_get_string (step, "planned-on");
  const char *done_on = carnet_record_get_string (step, "done-on");
  gboolean done = carnet_record_get_bool (step, "done");
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  if (done && done_on != NULL)
    {
      g_autofree char *date = carnet_format_date (done_on);
      subtitle = g_strdup_printf (_("Done on %s"), date);
    }
  else if (done)
    subtitle = g_strdup (C_("step", "Done"));
  else if (planned_on != NULL)
    {
      g_autofree char *date = carnet_format_date (planned_on);
      subtitle = g_strdup_printf (_("Planned for %s"), date);
    }
  else
    subtitle = g_strdup (_("No date planned"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carnet_record_get_string (step, "name"));
  adw_expander_row_set_subtitle (row, subtitle);

  g_object_set_data (G_OBJECT (check), "carnet-loading", GINT_TO_POINTER (TRUE));
  gtk_check_button_set_active (check, done);
  g_object_set_data (G_OBJECT (check), "carnet-loading", NULL);
  label = g_strdup_printf (_("%s done"), carnet_record_get_string (step, "name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_done_toggled (GtkCheckButton *check,
                 GParamSpec     *pspec,
                 GtkWidget      *row)
{
  CarnetStepEditor *self = g_object_get_data (G_OBJECT (row), "carnet-editor");
  CarnetRecord *step = carnet_record_rows_get_record (row);
  gboolean done = gtk_check_button_get_active (check);
  const char *fields[] = { "done", "done-on" };
  GValue values[2] = { G_VALUE_INIT, G_VALUE_INIT };
  g_autofree char *today = carnet_today ();
  g_autoptr(GError) error = NULL;
  guint n = 1;

  if (g_object_get_data (G_OBJECT (check), "carnet-loading") != NULL)
    return;

  g_value_init (&values[0], G_TYPE_BOOLEAN);
  g_value_set_boolean (&values[0], done);
  if (done && carnet_record_get_string (step, "done-on") == NULL)
    {
      g_value_init (&values[1], G_TYPE_STRING);
      g_value_set_string (&values[1], today);
      n = 2;
    }
  if (!carnet_store_update_fields (self->store, step, fields, values, n, &error))
    {
      g_warning ("Could not tick the step: %s", error->message);
      update_step_row (ADW_EXPANDER_ROW (row));
    }
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
}

static void
on_delete_activated (AdwButtonRow *button)
{
  CarnetStepEditor *self = g_object_get_data (G_OBJECT (button), "carnet-editor");
  CarnetRecord *step = g_object_get_data (G_OBJECT (button), "carnet-step");

  carnet_record_rows_delete (GTK_WIDGET (self), self->store, step, _("Step deleted"));
}

static GtkWidget *
create_step_row (CarnetRecord *step,
                 gpointer      data)
{
  CarnetStepEditor *self = data;
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
  GtkWidget *check, *delete;
  static const struct
  {
    const char *field;
    const char *title;
  } fields[] = {
    { "name", N_("Name") },
    { "planned-on", N_("Planned Date") },
    { "done-on", N_("Date Done") },
  };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "carnet-editor", self);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (check, "selection-mode");
  gtk_widget_set_tooltip_text (check, C_("step", "Done"));
  g_signal_connect_object (check, "notify::active", G_CALLBACK (on_done_toggled), row, 0);
  adw_expander_row_add_prefix (expander, check);
  g_object_set_data (G_OBJECT (row), "carnet-check", check);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *entry = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(fields[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
      carnet_record_rows_bind_field (row, self->store, step, fields[i].field, entry);
      adw_expander_row_add_row (expander, entry);
    }

  delete = adw_button_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete), _("Delete Step"));
  adw_button_row_set_start_icon_name (ADW_BUTTON_ROW (delete), "user-trash-symbolic");
  gtk_widget_add_css_class (delete, "destructive-action");
  g_object_set_data (G_OBJECT (delete), "carnet-editor", self);
  g_object_set_data (G_OBJECT (delete), "carnet-step", step);
  g_signal_connect (delete, "activated", G_CALLBACK (on_delete_activated), NULL);
  adw_expander_row_add_row (expander, delete);

  g_object_set_data_full (G_OBJECT (row), "carnet-record", g_object_ref (step), g_object_unref);
  update_step_row (expander);
  g_signal_connect_object (step, "notify", G_CALLBACK (update_step_row), row, G_CONNECT_SWAPPED);
  return row;
}

static void
on_add_activated (CarnetStepEditor *self)
{
  g_autoptr(CarnetRecord) step = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *name;

  if (self->parent == NULL)
    return;
  step = g_object_new (CARNET_TYPE_STEP,
                       "name", _("New step"),
                       "position", (gint64)g_list_model_get_n_items (self->steps),
                       NULL);
  carnet_record_set_string (step, CARNET_IS_ACTION (self->parent) ? "action-uuid" : "project-uuid",
                            carnet_record_get_uuid (self->parent));
  if (!carnet_store_insert (self->store, step, &error))
    {
      g_warning ("Could not add a step: %s", error->message);
      return;
    }

  row = carnet_record_rows_find (self->list, step);
  g_return_if_fail (row != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  name = carnet_record_rows_lookup_widget (row, "name");
  gtk_widget_grab_focus (name);
  gtk_editable_select_region (GTK_EDITABLE (name), 0, -1);
}

static void
carnet_step_editor_dispose (GObject *object)
{
  CarnetStepEditor *self = (CarnetStepEditor *)object;

  carnet_step_editor_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_STEP_EDITOR);
  g_clear_object (&self->steps);
  g_clear_object (&self->parent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_step_editor_parent_class)->dispose (object);
}

static void
carnet_step_editor_class_init (CarnetStepEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_step_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-step-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetStepEditor, list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activated);
}

static void
carnet_step_editor_init (CarnetStepEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
carnet_step_editor_set_store (CarnetStepEditor *self,
                              CarnetStore      *store)
{
  g_return_if_fail (CARNET_IS_STEP_EDITOR (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
}

/**
 * carnet_step_editor_set_parent:
 * @parent: (nullable): the project or action whose steps to edit
 */
void
carnet_step_editor_set_parent (CarnetStepEditor *self,
                               CarnetRecord     *parent)
{
  g_return_if_fail (CARNET_IS_STEP_EDITOR (self));
  g_return_if_fail (parent == NULL || CARNET_IS_PROJECT (parent) || CARNET_IS_ACTION (parent));

  carnet_step_editor_flush (self);
  if (!g_set_object (&self->parent, parent))
    return;
  g_clear_object (&self->steps);
  if (parent != NULL)
    self->steps = carnet_store_list (self->store, CARNET_TYPE_STEP,
                                     CARNET_IS_ACTION (parent) ? "action-uuid" : "project-uuid",
                                     carnet_record_get_uuid (parent));
  carnet_record_rows_bind (self->list, self->steps, create_step_row, self);
}

/* Writes what is being typed in the steps. */
void
carnet_step_editor_flush (CarnetStepEditor *self)
{
  g_return_if_fail (CARNET_IS_STEP_EDITOR (self));

  if (self->list != NULL)
    carnet_record_rows_flush (self->list);
}
