/* carnet-position-entry.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-position-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "carnet-position-entry.h"
#include "carnet-walks.h"

/* Where an observation was taken, typed or pasted as maps and people write it, and shown
 * back the French way (“49,2765° N, 0,7028° O”). No location service is asked: Carnet needs
 * no network. Saved a moment after typing stops, as the other fields are; what cannot be read
 * as a position stays in the entry, marked, once the user leaves it. */

#define DEBOUNCE_MS 400

struct _CarnetPositionEntry
{
  GtkEntry      parent_instance;

  CarnetStore  *store;
  CarnetRecord *record;
  char         *tooltip;   /* the entry's own, shown again once the position is fixed */
  guint         timeout_id;
  gboolean      dirty;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (CarnetPositionEntry, carnet_position_entry, GTK_TYPE_ENTRY)

static gboolean
same (double a,
      double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
set_error (CarnetPositionEntry *self,
           const char          *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->tooltip);
    }
}

static void
load (CarnetPositionEntry *self)
{
  g_autofree char *text = NULL;

  if (self->record != NULL)
    text = carnet_format_position (carnet_record_get_real (self->record, "latitude"),
                                   carnet_record_get_real (self->record, "longitude"));
  self->loading = TRUE;
  if (g_strcmp0 (text != NULL ? text : "", gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
  self->loading = FALSE;
  self->dirty = FALSE;
  set_error (self, NULL);
}

/* Writes the position typed, both coordinates in one change. */
static gboolean
save (CarnetPositionEntry *self,
      gboolean             show_error)
{
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "latitude", "longitude" };
  GValue values[2] = { G_VALUE_INIT, G_VALUE_INIT };
  double lat, lon;
  gboolean ok = TRUE;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->dirty || self->record == NULL || carnet_record_get_deleted_at (self->record) != NULL)
    return TRUE;

  if (!carnet_parse_position (gtk_editable_get_text (GTK_EDITABLE (self)), &lat, &lon, &error))
    {
      /* While typing, a half-written position is not an error yet. */
      if (show_error)
        set_error (self, error->message);
      return FALSE;
    }
  if (!same (lat, carnet_record_get_real (self->record, "latitude")) ||
      !same (lon, carnet_record_get_real (self->record, "longitude")))
    {
      g_value_set_double (g_value_init (&values[0], G_TYPE_DOUBLE), lat);
      g_value_set_double (g_value_init (&values[1], G_TYPE_DOUBLE), lon);
      ok = carnet_store_update_fields (self->store, self->record, fields, values, 2, &error);
      g_value_unset (&values[0]);
      g_value_unset (&values[1]);
    }
  if (!ok)
    {
      set_error (self, error->message);
      return FALSE;
    }
  self->dirty = FALSE;
  set_error (self, NULL);
  return TRUE;
}

static void
on_timeout (gpointer data)
{
  CarnetPositionEntry *self = data;

  self->timeout_id = 0;
  save (self, FALSE);
}

static void
on_changed (CarnetPositionEntry *self)
{
  if (self->loading || self->record == NULL)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_once (DEBOUNCE_MS, on_timeout, self);
}

/* Enter, or leaving the entry: saved, and shown the way Carnet writes it. */
static void
on_commit (CarnetPositionEntry *self)
{
  if (save (self, TRUE))
    load (self);
}

static void
on_record_notify (CarnetPositionEntry *self)
{
  /* Changed elsewhere (an import, an undo): shown, unless the user is typing here. */
  if (!self->dirty && !gtk_widget_has_focus (GTK_WIDGET (self)))
    load (self);
}

static void
carnet_position_entry_dispose (GObject *object)
{
  CarnetPositionEntry *self = (CarnetPositionEntry *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->record);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tooltip, g_free);

  G_OBJECT_CLASS (carnet_position_entry_parent_class)->dispose (object);
}

static void
carnet_position_entry_class_init (CarnetPositionEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = carnet_position_entry_dispose;
}

static void
carnet_position_entry_init (CarnetPositionEntry *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->tooltip = g_strdup (_("Position, typed or pasted: 49,0812 ; -0,1234 or "
                              "49°04′52″N 0°07′24″O"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self), _("Position"));
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self), GTK_ENTRY_ICON_PRIMARY, "mark-location-symbolic");
  gtk_editable_set_width_chars (GTK_EDITABLE (self), 12);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Position"), -1);
  g_signal_connect (self, "changed", G_CALLBACK (on_changed), NULL);
  g_signal_connect (self, "activate", G_CALLBACK (on_commit), NULL);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_commit), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
carnet_position_entry_new (void)
{
  return g_object_new (CARNET_TYPE_POSITION_ENTRY, NULL);
}

/**
 * carnet_position_entry_set_record:
 * @record: (nullable): an observation
 *
 * Saves the position typed for the previous record, then shows @record's.
 */
void
carnet_position_entry_set_record (CarnetPositionEntry *self,
                                  CarnetStore         *store,
                                  CarnetRecord        *record)
{
  g_return_if_fail (CARNET_IS_POSITION_ENTRY (self));

  carnet_position_entry_flush (self);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_func (self->record, on_record_notify, self);
  g_set_object (&self->store, store);
  g_set_object (&self->record, record);
  if (record != NULL)
    {
      g_signal_connect_object (record, "notify::latitude", G_CALLBACK (on_record_notify), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (record, "notify::longitude", G_CALLBACK (on_record_notify), self,
                               G_CONNECT_SWAPPED);
    }
  load (self);
}

/**
 * carnet_position_entry_flush:
 *
 * Writes the position being typed now.
 *
 * Returns: %FALSE if it cannot be read or saved (it stays in the entry, marked)
 */
gboolean
carnet_position_entry_flush (CarnetPositionEntry *self)
{
  g_return_val_if_fail (CARNET_IS_POSITION_ENTRY (self), FALSE);

  return save (self, TRUE);
}
