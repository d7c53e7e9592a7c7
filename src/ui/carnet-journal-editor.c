/* carnet-journal-editor.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-journal-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-format.h"
#include "carnet-journal-editor.h"
#include "carnet-record-rows.h"

/* The follow-up notes of a project or an action, newest first: what was said at the last
 * meeting, what to watch (a point of vigilance shows as a warning sign). */

struct _CarnetJournalEditor
{
  AdwPreferencesGroup  parent_instance;

  CarnetStore         *store;
  CarnetRecord        *parent;
  GListModel          *entries;

  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (CarnetJournalEditor, carnet_journal_editor, ADW_TYPE_PREFERENCES_GROUP)

static void
update_entry_row (AdwExpanderRow *row)
{
  CarnetRecord *entry = carnet_record_rows_get_record (GTK_WIDGET (row));
  GtkWidget *vigilance = g_object_get_data (G_OBJECT (row), "carnet-vigilance");
  g_autofree char *date = carnet_format_date (carnet_record_get_string (entry, "entry-date"));
  const char *text = carnet_record_get_string (entry, "text");
  g_autofree char *first_line = g_strndup (text, strcspn (text, "\n"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_expander_row_set_subtitle (row, *first_line != '\0' ? first_line : _("Empty note"));
  gtk_widget_set_visible (vigilance, carnet_record_get_bool (entry, "vigilance"));
}

static void
on_delete_activated (AdwButtonRow *button)
{
  CarnetJournalEditor *self = g_object_get_data (G_OBJECT (button), "carnet-editor");
  CarnetRecord *entry = g_object_get_data (G_OBJECT (button), "carnet-entry");

  carnet_record_rows_delete (GTK_WIDGET (self), self->store, entry, _("Note deleted"));
}

static GtkWidget *
create_entry_row (CarnetRecord *entry,
                  gpointer      data)
{
  CarnetJournalEditor *self = data;
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
  GtkWidget *vigilance, *date, *flag, *text_row, *text, *delete;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  vigilance = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (vigilance, "warning");
  gtk_widget_set_tooltip_text (vigilance, _("Point of vigilance"));
  adw_expander_row_add_suffix (expander, vigilance);
  g_object_set_data (G_OBJECT (row), "carnet-vigilance", vigilance);

  date = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Date"));
  carnet_record_rows_bind_field (row, self->store, entry, "entry-date", date);
  adw_expander_row_add_row (expander, date);

  flag = adw_switch_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (flag), _("Point of Vigilance"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (flag), _("Something to watch, shown in reports"));
  carnet_record_rows_bind_field (row, self->store, entry, "vigilance", flag);
  adw_expander_row_add_row (expander, flag);

  text = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 12);
  gtk_widget_set_size_request (text, -1, 96);
  gtk_widget_add_css_class (text, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  text_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (text_row), FALSE);
  gtk_widget_set_focusable (text_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (text_row), text);
  carnet_record_rows_bind_field (row, self->store, entry, "text", text);
  adw_expander_row_add_row (expander, text_row);

  delete = adw_button_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete), _("Delete Note"));
  adw_button_row_set_start_icon_name (ADW_BUTTON_ROW (delete), "user-trash-symbolic");
  gtk_widget_add_css_class (delete, "destructive-action");
  g_object_set_data (G_OBJECT (delete), "carnet-editor", self);
  g_object_set_data (G_OBJECT (delete), "carnet-entry", entry);
  g_signal_connect (delete, "activated", G_CALLBACK (on_delete_activated), NULL);
  adw_expander_row_add_row (expander, delete);

  g_object_set_data_full (G_OBJECT (row), "carnet-record", g_object_ref (entry), g_object_unref);
  update_entry_row (expander);
  g_signal_connect_object (entry, "notify", G_CALLBACK (update_entry_row), row, G_CONNECT_SWAPPED);
  return row;
}

static void
on_add_activated (CarnetJournalEditor *self)
{
  g_autoptr(CarnetRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = carnet_today ();
  GtkWidget *row;

  if (self->parent == NULL)
    return;
  entry = g_object_new (CARNET_TYPE_JOURNAL_ENTRY, "entry-date", today, NULL);
  carnet_record_set_string (entry, CARNET_IS_ACTION (self->parent) ? "action-uuid" : "project-uuid",
                            carnet_record_get_uuid (self->parent));
  if (!carnet_store_insert (self->store, entry, &error))
    {
      g_warning ("Could not add a note: %s", error->message);
      return;
    }

  row = carnet_record_rows_find (self->list, entry);
  g_return_if_fail (row != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (carnet_record_rows_lookup_widget (row, "text"));
}

static void
carnet_journal_editor_dispose (GObject *object)
{
  CarnetJournalEditor *self = (CarnetJournalEditor *)object;

  carnet_journal_editor_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_JOURNAL_EDITOR);
  g_clear_object (&self->entries);
  g_clear_object (&self->parent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_journal_editor_parent_class)->dispose (object);
}

static void
carnet_journal_editor_class_init (CarnetJournalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_journal_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-journal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetJournalEditor, list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activated);
}

static void
carnet_journal_editor_init (CarnetJournalEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
carnet_journal_editor_set_store (CarnetJournalEditor *self,
                                 CarnetStore         *store)
{
  g_return_if_fail (CARNET_IS_JOURNAL_EDITOR (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
}

/**
 * carnet_journal_editor_set_parent:
 * @parent: (nullable): the project or action whose notes to edit
 */
void
carnet_journal_editor_set_parent (CarnetJournalEditor *self,
                                  CarnetRecord        *parent)
{
  g_return_if_fail (CARNET_IS_JOURNAL_EDITOR (self));
  g_return_if_fail (parent == NULL || CARNET_IS_PROJECT (parent) || CARNET_IS_ACTION (parent));

  carnet_journal_editor_flush (self);
  if (!g_set_object (&self->parent, parent))
    return;
  g_clear_object (&self->entries);
  if (parent != NULL)
    self->entries = carnet_store_list (self->store, CARNET_TYPE_JOURNAL_ENTRY,
                                       CARNET_IS_ACTION (parent) ? "action-uuid" : "project-uuid",
                                       carnet_record_get_uuid (parent));
  carnet_record_rows_bind (self->list, self->entries, create_entry_row, self);
}

/* Writes what is being typed in the notes. */
void
carnet_journal_editor_flush (CarnetJournalEditor *self)
{
  g_return_if_fail (CARNET_IS_JOURNAL_EDITOR (self));

  if (self->list != NULL)
    carnet_record_rows_flush (self->list);
}
