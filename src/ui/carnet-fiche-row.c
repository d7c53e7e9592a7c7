/* carnet-fiche-row.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-fiche-row"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-fiche-row.h"
#include "carnet-format.h"
#include "carnet-ui-util.h"

/* One project or action in a list: its theme (icon in the theme's colour), title, number
 * and project, due date (in red when overdue), status and progress. It follows the record:
 * an edit in the detail pane shows here at once. */

struct _CarnetFicheRow
{
  GtkWidget       parent_instance;

  CarnetStore    *store;
  CarnetRecord   *record;
  GSignalGroup   *record_signals;

  GtkImage       *theme_icon;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *due_label;
  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (CarnetFicheRow, carnet_fiche_row, GTK_TYPE_WIDGET)

static void
update (CarnetFicheRow *self)
{
  CarnetRecord *record = self->record;
  const CarnetField *status_field;
  const char *status, *due, *number;
  g_autofree char *due_text = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(CarnetRecord) theme = NULL;
  gint64 progress;
  gboolean overdue;

  if (record == NULL)
    return;

  status_field = carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (record), "status");
  status = carnet_record_get_string (record, "status");
  due = carnet_record_get_string (record, "end-planned");
  number = carnet_record_get_string (record, "number");
  progress = carnet_record_get_int (record, "progress");
  today = carnet_today ();
  overdue = due != NULL && g_strcmp0 (due, today) < 0 && !carnet_status_is_closed (status);

  gtk_label_set_text (self->title_label, carnet_record_get_title (record));

  if (*number != '\0')
    g_string_append (subtitle, number);
  if (CARNET_IS_ACTION (record))
    {
      g_autoptr(CarnetRecord) project =
        carnet_store_get (self->store, CARNET_TYPE_PROJECT,
                          carnet_record_get_string (record, "project-uuid"), NULL);
      if (project != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "",
                                carnet_record_get_title (project));
    }
  else
    {
      guint n = carnet_store_count (self->store, CARNET_TYPE_ACTION, "project-uuid",
                                    carnet_record_get_uuid (record));
      g_string_append_printf (subtitle, "%s", subtitle->len ? " · " : "");
      g_string_append_printf (subtitle, g_dngettext (NULL, "%u action", "%u actions", n), n);
    }
  gtk_label_set_text (self->subtitle_label, subtitle->str);

  if (due != NULL)
    {
      due_text = carnet_format_date (due);
      gtk_label_set_text (self->due_label, due_text);
    }
  else
    gtk_label_set_text (self->due_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), due != NULL);
  if (overdue)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "dim-label");
      carnet_ui_set_tooltip (GTK_WIDGET (self->due_label), _("Overdue"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "dim-label");
      carnet_ui_set_tooltip (GTK_WIDGET (self->due_label), _("Due date"));
    }

  gtk_label_set_text (self->status_label, carnet_field_choice_label (status_field, status));
  carnet_ui_set_status_class (GTK_WIDGET (self->status_label), status);

  gtk_progress_bar_set_fraction (self->progress_bar, progress / 100.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), progress > 0);

  theme = carnet_store_get (self->store, CARNET_TYPE_THEME,
                            carnet_record_get_string (record, "theme-uuid"), NULL);
  carnet_ui_set_theme_icon (self->theme_icon, theme);

  {
    g_autofree char *label = g_strdup_printf ("%s, %s%s%s", carnet_record_get_title (record),
                                              carnet_field_choice_label (status_field, status),
                                              overdue ? ", " : "", overdue ? _("overdue") : "");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

static void
carnet_fiche_row_dispose (GObject *object)
{
  CarnetFicheRow *self = (CarnetFicheRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_FICHE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_fiche_row_parent_class)->dispose (object);
}

static void
carnet_fiche_row_class_init (CarnetFicheRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_fiche_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-fiche-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheRow, theme_icon);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheRow, progress_bar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
carnet_fiche_row_init (CarnetFicheRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->record_signals = g_signal_group_new (CARNET_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify", G_CALLBACK (update), self);
}

GtkWidget *
carnet_fiche_row_new (CarnetStore *store)
{
  CarnetFicheRow *self = g_object_new (CARNET_TYPE_FICHE_ROW, NULL);

  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

/**
 * carnet_fiche_row_set_record:
 * @record: (nullable): a project or an action
 */
void
carnet_fiche_row_set_record (CarnetFicheRow *self,
                             CarnetRecord   *record)
{
  g_return_if_fail (CARNET_IS_FICHE_ROW (self));

  if (!g_set_object (&self->record, record))
    return;
  g_signal_group_set_target (self->record_signals, record);
  update (self);
}

CarnetRecord *
carnet_fiche_row_get_record (CarnetFicheRow *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_ROW (self), NULL);

  return self->record;
}
