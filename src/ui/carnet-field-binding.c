/* carnet-field-binding.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-field-binding"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "carnet-field-binding.h"
#include "carnet-format.h"

/* Ties one editing widget to one field of the record being edited. An edit is written
 * after a short pause in typing (one transaction, through the store), at once when the
 * user presses Enter or leaves the row, and when the editor moves to another record. What
 * the store refuses stays in the widget, and the reason shows on the row. Changes made
 * elsewhere come in through the record's notify, except on the row the user is editing. */

#define DEBOUNCE_MS 400

typedef enum
{
  KIND_ENTRY,
  KIND_TEXT_VIEW,
  KIND_SWITCH,
  KIND_CHECK,
  KIND_SPIN,
  KIND_COMBO,
} Kind;

struct _CarnetFieldBinding
{
  GObject                  parent_instance;

  CarnetStore             *store;
  char                    *name;
  const CarnetField       *field;
  GtkWidget               *widget;        /* weak */
  GtkEventControllerFocus *focus;         /* owned by the widget */
  Kind                     kind;
  GtkStringList           *labels;        /* combo rows */
  GStrv                    values;        /* combo rows: the text each item writes */
  GtkWidget               *error_icon;    /* entry rows */
  GtkCalendar             *calendar;      /* date entry rows */
  GtkPopover              *popover;
  GtkGesture              *calendar_click;
  char                    *title;         /* the row's own title, shown again once fixed */
  char                    *error;

  CarnetRecord            *record;
  gulong                   notify_id;
  guint                    timeout_id;
  gboolean                 dirty;         /* the widget holds an edit not written yet */
  gboolean                 loading;       /* the widget is being filled from the record */
  gboolean                 saving;
};

G_DEFINE_FINAL_TYPE (CarnetFieldBinding, carnet_field_binding, G_TYPE_OBJECT)

/**
 * carnet_field_binding_format_date:
 * @iso: (nullable): “YYYY-MM-DD”
 *
 * Returns: the date as it is typed in an entry, “12/03/2026”, or an empty string
 */
char *
carnet_field_binding_format_date (const char *iso)
{
  int y, m, d;

  if (!carnet_date_is_valid (iso) || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_TYPE (a) != G_VALUE_TYPE (b))
    return FALSE;
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_INT64 (a))
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return !g_value_get_boolean (a) == !g_value_get_boolean (b);
  if (G_VALUE_HOLDS_DOUBLE (a))
    {
      double x = g_value_get_double (a), y = g_value_get_double (b);
      return (isnan (x) && isnan (y)) || x == y;
    }
  return FALSE;
}

/* The value as the user reads and types it in an entry. */
static char *
display_text (CarnetFieldBinding *self)
{
  const GValue *value = carnet_record_get_value (self->record, self->name);

  if (self->field->type == CARNET_FIELD_DATE)
    return carnet_field_binding_format_date (g_value_get_string (value));
  if (self->field->type == CARNET_FIELD_MONEY)
    return g_value_get_int64 (value) != 0 ? carnet_format_amount (g_value_get_int64 (value))
                                          : g_strdup ("");
  if (self->field->type == CARNET_FIELD_INT)
    return carnet_format_count (g_value_get_int64 (value));
  return carnet_field_format (self->field, value);
}

static char *
widget_text (CarnetFieldBinding *self)
{
  if (self->kind == KIND_TEXT_VIEW)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->widget)));
}

/* Reads the widget into @value, initialised here, as the field's type. */
static gboolean
widget_value (CarnetFieldBinding  *self,
              GValue              *value,
              GError             **error)
{
  switch (self->kind)
    {
    case KIND_ENTRY:
    case KIND_TEXT_VIEW:
      {
        g_autofree char *text = widget_text (self);

        return carnet_field_parse (self->field, text, value, error);
      }
    case KIND_SWITCH:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, adw_switch_row_get_active (ADW_SWITCH_ROW (self->widget)));
      return TRUE;
    case KIND_CHECK:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->widget)));
      return TRUE;
    case KIND_SPIN:
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, (gint64)round (adw_spin_row_get_value (ADW_SPIN_ROW (self->widget))));
      return TRUE;
    case KIND_COMBO:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->widget));

        if (self->values == NULL || selected >= g_strv_length (self->values))
          {
            /* Nothing chosen: the record keeps what it has. */
            g_value_init (value, G_VALUE_TYPE (carnet_record_get_value (self->record, self->name)));
            g_value_copy (carnet_record_get_value (self->record, self->name), value);
            return TRUE;
          }
        return carnet_field_parse (self->field, self->values[selected], value, error);
      }
    default:
      g_assert_not_reached ();
    }
}

static char *
error_title (CarnetFieldBinding *self,
             const char         *message)
{
  if (self->field->type == CARNET_FIELD_DATE)
    /* Translators: shown on a date row when what was typed is not a date; %s is the row's title */
    return g_strdup_printf (_("%s — write a date like 12/03/2026"), self->title);
  if (self->field->type == CARNET_FIELD_MONEY)
    /* Translators: shown on an amount row when what was typed is not an amount */
    return g_strdup_printf (_("%s — write an amount like 1 234,50"), self->title);
  return g_strdup (message);
}

static void
set_error (CarnetFieldBinding *self,
           const char         *message)
{
  if (g_strcmp0 (self->error, message) == 0 || self->widget == NULL)
    return;
  g_set_str (&self->error, message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (self->widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  if (self->kind == KIND_ENTRY)
    {
      g_autofree char *title = message != NULL ? error_title (self, message) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->widget),
                                     title != NULL ? title : self->title);
      gtk_widget_set_tooltip_text (self->error_icon, message);
      gtk_widget_set_visible (self->error_icon, message != NULL);
    }
  else
    gtk_widget_set_tooltip_text (self->widget, message);
}

static void
select_value (CarnetFieldBinding *self)
{
  const char *current = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->record != NULL)
    current = g_value_get_string (carnet_record_get_value (self->record, self->name));
  for (guint i = 0; self->values != NULL && self->values[i] != NULL; i++)
    if (g_strcmp0 (self->values[i], current != NULL ? current : "") == 0)
      {
        position = i;
        break;
      }
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->widget), position);
}

/* Shows the record's value in the widget. */
static void
load (CarnetFieldBinding *self)
{
  CarnetRecord *record = self->record;

  if (self->widget == NULL)
    return;

  self->loading = TRUE;
  switch (self->kind)
    {
    case KIND_ENTRY:
      {
        g_autofree char *text = record != NULL ? display_text (self) : g_strdup ("");

        if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->widget))) != 0)
          gtk_editable_set_text (GTK_EDITABLE (self->widget), text);
        break;
      }
    case KIND_TEXT_VIEW:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->widget));
        g_autofree char *current = widget_text (self);
        const char *text = record != NULL ? carnet_record_get_string (record, self->name) : "";

        if (g_strcmp0 (text, current) != 0)
          {
            /* Ctrl+Z must not bring back another record's text. */
            gtk_text_buffer_begin_irreversible_action (buffer);
            gtk_text_buffer_set_text (buffer, text, -1);
            gtk_text_buffer_end_irreversible_action (buffer);
          }
        break;
      }
    case KIND_SWITCH:
      adw_switch_row_set_active (ADW_SWITCH_ROW (self->widget),
                                 record != NULL && carnet_record_get_bool (record, self->name));
      break;
    case KIND_CHECK:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->widget),
                                   record != NULL && carnet_record_get_bool (record, self->name));
      break;
    case KIND_SPIN:
      adw_spin_row_set_value (ADW_SPIN_ROW (self->widget),
                              record != NULL ? (double)carnet_record_get_int (record, self->name) : 0);
      break;
    case KIND_COMBO:
      select_value (self);
      break;
    default:
      g_assert_not_reached ();
    }
  self->loading = FALSE;
}

/* Writes the pending edit. Returns FALSE when the store refused it: the widget keeps what
 * the user typed and shows why. */
static gboolean
save (CarnetFieldBinding *self)
{
  g_autoptr(CarnetFieldBinding) hold = g_object_ref (self);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->dirty || self->record == NULL || self->widget == NULL)
    return self->error == NULL;
  if (carnet_record_get_deleted_at (self->record) != NULL)
    {
      /* Deleted meanwhile (its Undo toast may still bring it back): nothing to write. */
      self->dirty = FALSE;
      return TRUE;
    }

  if (widget_value (self, &value, &error) &&
      !values_equal (carnet_record_get_value (self->record, self->name), &value))
    {
      self->saving = TRUE;
      carnet_store_update (self->store, self->record, self->name, &value, &error);
      self->saving = FALSE;
    }

  if (error != NULL)
    {
      set_error (self, error->message);
      return FALSE;
    }
  self->dirty = FALSE;
  set_error (self, NULL);
  return TRUE;
}

static gboolean
is_editing (CarnetFieldBinding *self)
{
  if (self->dirty)
    return TRUE;
  if (self->kind != KIND_ENTRY && self->kind != KIND_TEXT_VIEW)
    return FALSE;
  return gtk_event_controller_focus_contains_focus (self->focus);
}

static void
on_record_notify (CarnetFieldBinding *self)
{
  if (self->saving || self->widget == NULL || is_editing (self))
    return;
  load (self);
}

static void
on_timeout (gpointer data)
{
  CarnetFieldBinding *self = data;

  self->timeout_id = 0;
  /* Reformatting what the user is typing would move the cursor under their fingers: the
   * stored form shows once they leave the row. */
  if (save (self) && self->widget != NULL && !is_editing (self))
    load (self);
}

static void
on_changed (CarnetFieldBinding *self)
{
  if (self->loading || self->record == NULL)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_once (DEBOUNCE_MS, on_timeout, self);
}

/* Switches, checks and combos: one click is one complete edit. */
static void
on_changed_now (CarnetFieldBinding *self)
{
  if (self->loading || self->record == NULL)
    return;
  self->dirty = TRUE;
  save (self);
}

/* Enter, or the focus leaving the row: write now, then show the value as stored
 * (“1234,5” becomes “1 234,50”). */
static void
on_commit (CarnetFieldBinding *self)
{
  if (save (self) && self->record != NULL)
    load (self);
}

static void
on_calendar_show (CarnetFieldBinding *self)
{
  g_autofree char *iso = NULL;
  g_autofree char *text = widget_text (self);
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (!carnet_parse_date (text, &iso, NULL) || iso == NULL)
    iso = carnet_today ();
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return;
  date = g_date_time_new_local (y, m, d, 0, 0, 0);
  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->loading = FALSE;
}

static void
on_day_selected (CarnetFieldBinding *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->loading || self->record == NULL)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%d/%m/%Y");
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->widget), text);
  self->loading = FALSE;
  self->dirty = TRUE;
  on_commit (self);
  /* A click on a day chooses it; moving with the arrow keys only browses. */
  if (gtk_gesture_is_active (self->calendar_click))
    gtk_popover_popdown (self->popover);
}

static void
add_calendar (CarnetFieldBinding *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  self->popover = GTK_POPOVER (gtk_popover_new ());
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->calendar_click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->calendar_click),
                                              GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar),
                             GTK_EVENT_CONTROLLER (self->calendar_click));
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (self->popover));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_calendar_show), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self,
                           G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->widget), button);
}

static void
add_error_icon (CarnetFieldBinding *self)
{
  self->error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_set_visible (self->error_icon, FALSE);
  gtk_widget_set_valign (self->error_icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->error_icon, "error");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->widget), self->error_icon);
}

static void
fill_choices (CarnetFieldBinding *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  for (const CarnetChoice *c = self->field->choices; c->slug != NULL; c++)
    {
      g_ptr_array_add (labels, (gpointer)_(c->label));
      g_ptr_array_add (values, (gpointer)c->slug);
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (values, NULL);
  carnet_field_binding_set_choices (self, (const char * const *)labels->pdata,
                                    (const char * const *)values->pdata);
}

static void
connect_widget (CarnetFieldBinding *self)
{
  GtkWidget *widget = self->widget;

  self->focus = GTK_EVENT_CONTROLLER_FOCUS (gtk_event_controller_focus_new ());
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->focus));
  g_signal_connect_object (self->focus, "leave", G_CALLBACK (on_commit), self, G_CONNECT_SWAPPED);

  switch (self->kind)
    {
    case KIND_ENTRY:
      self->title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
      g_signal_connect_object (widget, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "entry-activated", G_CALLBACK (on_commit), self,
                               G_CONNECT_SWAPPED);
      add_error_icon (self);
      if (self->field->type == CARNET_FIELD_DATE)
        add_calendar (self);
      break;
    case KIND_TEXT_VIEW:
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                               G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      break;
    case KIND_SWITCH:
    case KIND_CHECK:
      g_signal_connect_object (widget, "notify::active", G_CALLBACK (on_changed_now), self,
                               G_CONNECT_SWAPPED);
      break;
    case KIND_SPIN:
      g_signal_connect_object (widget, "notify::value", G_CALLBACK (on_changed), self,
                               G_CONNECT_SWAPPED);
      break;
    case KIND_COMBO:
      self->labels = gtk_string_list_new (NULL);
      adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (self->labels));
      g_signal_connect_object (widget, "notify::selected", G_CALLBACK (on_changed_now), self,
                               G_CONNECT_SWAPPED);
      if (self->field->type == CARNET_FIELD_CHOICE)
        fill_choices (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
carnet_field_binding_dispose (GObject *object)
{
  CarnetFieldBinding *self = (CarnetFieldBinding *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_signal_handler (&self->notify_id, self->record);
  g_clear_object (&self->record);
  g_clear_weak_pointer (&self->widget);

  G_OBJECT_CLASS (carnet_field_binding_parent_class)->dispose (object);
}

static void
carnet_field_binding_finalize (GObject *object)
{
  CarnetFieldBinding *self = (CarnetFieldBinding *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->values, g_strfreev);
  g_free (self->name);
  g_free (self->title);
  g_free (self->error);

  G_OBJECT_CLASS (carnet_field_binding_parent_class)->finalize (object);
}

static void
carnet_field_binding_class_init (CarnetFieldBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carnet_field_binding_dispose;
  object_class->finalize = carnet_field_binding_finalize;
}

static void
carnet_field_binding_init (CarnetFieldBinding *self)
{
}

/**
 * carnet_field_binding_new:
 * @type: the record type whose @field is edited
 * @field: the field's name (“end-planned”)
 * @widget: an #AdwEntryRow (text, date, amount, number), a #GtkTextView (long text), an
 *   #AdwSwitchRow or a #GtkCheckButton (yes/no), an #AdwSpinRow (number) or an #AdwComboRow
 *   (a choice, or the values given with carnet_field_binding_set_choices())
 *
 * A date entry row gets a calendar button; an entry row, an icon that tells what is wrong
 * with a refused value. The binding does not own the widget.
 *
 * Returns: (transfer full): a binding, with no record yet
 */
CarnetFieldBinding *
carnet_field_binding_new (CarnetStore *store,
                          GType        type,
                          const char  *field,
                          GtkWidget   *widget)
{
  CarnetFieldBinding *self;
  CarnetRecordClass *klass;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  klass = g_type_class_ref (type);
  self = g_object_new (CARNET_TYPE_FIELD_BINDING, NULL);
  self->store = g_object_ref (store);
  self->name = g_strdup (field);
  self->field = carnet_record_class_find_field (klass, field);
  g_type_class_unref (klass);
  g_return_val_if_fail (self->field != NULL, self);

  g_set_weak_pointer (&self->widget, widget);
  if (ADW_IS_ENTRY_ROW (widget))
    self->kind = KIND_ENTRY;
  else if (GTK_IS_TEXT_VIEW (widget))
    self->kind = KIND_TEXT_VIEW;
  else if (ADW_IS_SWITCH_ROW (widget))
    self->kind = KIND_SWITCH;
  else if (GTK_IS_CHECK_BUTTON (widget))
    self->kind = KIND_CHECK;
  else if (ADW_IS_SPIN_ROW (widget))
    self->kind = KIND_SPIN;
  else if (ADW_IS_COMBO_ROW (widget))
    self->kind = KIND_COMBO;
  else
    g_return_val_if_reached (self);

  connect_widget (self);
  return self;
}

/**
 * carnet_field_binding_set_choices:
 * @labels: what the combo row shows, %NULL-terminated
 * @values: what each item writes (as typed: a slug, a UUID, "" for none), as many
 *
 * Replaces the items of a combo row, keeping the record's value selected.
 */
void
carnet_field_binding_set_choices (CarnetFieldBinding *self,
                                  const char * const *labels,
                                  const char * const *values)
{
  g_return_if_fail (CARNET_IS_FIELD_BINDING (self));
  g_return_if_fail (self->kind == KIND_COMBO);
  g_return_if_fail (g_strv_length ((GStrv)labels) == g_strv_length ((GStrv)values));

  self->loading = TRUE;
  gtk_string_list_splice (self->labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->labels)), labels);
  g_strfreev (self->values);
  self->values = g_strdupv ((GStrv)values);
  self->loading = FALSE;
  load (self);
}

/**
 * carnet_field_binding_set_record:
 * @record: (nullable): the record to edit
 *
 * Writes the edit pending on the previous record (telling the user if it was refused), then
 * shows @record's value.
 */
void
carnet_field_binding_set_record (CarnetFieldBinding *self,
                                 CarnetRecord       *record)
{
  g_return_if_fail (CARNET_IS_FIELD_BINDING (self));

  if (self->record != record)
    carnet_field_binding_flush_or_report (self);
  else
    carnet_field_binding_flush (self);
  if (self->record != record)
    {
      g_clear_signal_handler (&self->notify_id, self->record);
      g_set_object (&self->record, record);
      if (record != NULL)
        {
          g_autofree char *signal = g_strconcat ("notify::", self->name, NULL);

          self->field = carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (record),
                                                        self->name);
          g_assert (self->field != NULL);
          self->notify_id = g_signal_connect_object (record, signal, G_CALLBACK (on_record_notify),
                                                     self, G_CONNECT_SWAPPED);
        }
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->dirty = FALSE;
  set_error (self, NULL);
  load (self);
}

/**
 * carnet_field_binding_get_record:
 *
 * Returns: (transfer none) (nullable): the record being edited
 */
CarnetRecord *
carnet_field_binding_get_record (CarnetFieldBinding *self)
{
  g_return_val_if_fail (CARNET_IS_FIELD_BINDING (self), NULL);

  return self->record;
}

const char *
carnet_field_binding_get_field (CarnetFieldBinding *self)
{
  g_return_val_if_fail (CARNET_IS_FIELD_BINDING (self), NULL);

  return self->name;
}

/**
 * carnet_field_binding_get_widget:
 *
 * Returns: (transfer none) (nullable): the widget, %NULL once it is gone
 */
GtkWidget *
carnet_field_binding_get_widget (CarnetFieldBinding *self)
{
  g_return_val_if_fail (CARNET_IS_FIELD_BINDING (self), NULL);

  return self->widget;
}

/**
 * carnet_field_binding_flush:
 *
 * Writes the pending edit now.
 *
 * Returns: %FALSE if the store refused it (the reason shows on the row)
 */
gboolean
carnet_field_binding_flush (CarnetFieldBinding *self)
{
  g_return_val_if_fail (CARNET_IS_FIELD_BINDING (self), FALSE);

  return save (self);
}

/**
 * carnet_field_binding_flush_or_report:
 *
 * Writes the pending edit, when the row is about to show something else: a value the
 * store refused cannot stay on screen then, so a toast tells the user it was not saved.
 *
 * Returns: %FALSE if the store refused the edit
 */
gboolean
carnet_field_binding_flush_or_report (CarnetFieldBinding *self)
{
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_val_if_fail (CARNET_IS_FIELD_BINDING (self), FALSE);

  if (save (self))
    return TRUE;
  overlay = self->widget != NULL ? gtk_widget_get_ancestor (self->widget, ADW_TYPE_TOAST_OVERLAY)
                                 : NULL;
  if (overlay == NULL)
    return FALSE;
  /* Translators: %s says what was wrong with a value, which is then lost */
  message = g_strdup_printf (_("Not saved: %s"), self->error);
  toast = adw_toast_new (message);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return FALSE;
}

/**
 * carnet_field_binding_get_error:
 *
 * Returns: (nullable): why the last edit was refused, or %NULL
 */
const char *
carnet_field_binding_get_error (CarnetFieldBinding *self)
{
  g_return_val_if_fail (CARNET_IS_FIELD_BINDING (self), NULL);

  return self->error;
}
