/* carnet-commune-editor.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-commune-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "carnet-commune-editor.h"
#include "carnet-field-binding.h"
#include "carnet-format.h"
#include "carnet-query.h"

/* The detail pane of a commune: its identity as the reference list gives it (read-only,
 * selectable to copy into a letter), and what the chef de projet keeps about it: the
 * population, the dates of its conventions, notes. Saves as you type, like the fiches. */

struct _CarnetCommuneEditor
{
  GtkWidget            parent_instance;

  CarnetStore         *store;
  CarnetRecord        *commune;
  GSignalGroup        *commune_signals;
  GPtrArray           *bindings;

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *identity_group;
  AdwActionRow        *insee_row;
  AdwActionRow        *departement_row;
  AdwActionRow        *region_row;
  AdwActionRow        *epci_row;
  AdwActionRow        *siren_row;
  AdwEntryRow         *population_row;
  AdwEntryRow         *pvd_date_row;
  AdwEntryRow         *ort_date_row;
  GtkLabel            *projects_label;
  GtkLabel            *actions_label;
  GtkTextView         *notes_view;
};

G_DEFINE_FINAL_TYPE (CarnetCommuneEditor, carnet_commune_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMMUNE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *field;
  gsize       offset;
} field_rows[] = {
  { "population", G_STRUCT_OFFSET (CarnetCommuneEditor, population_row) },
  { "pvd-date", G_STRUCT_OFFSET (CarnetCommuneEditor, pvd_date_row) },
  { "ort-date", G_STRUCT_OFFSET (CarnetCommuneEditor, ort_date_row) },
  { "notes", G_STRUCT_OFFSET (CarnetCommuneEditor, notes_view) },
};

static void
set_property_row (AdwActionRow *row,
                  const char   *value)
{
  gboolean known = value != NULL && *value != '\0';

  adw_action_row_set_subtitle (row, known ? value : _("Unknown"));
}

static void
update_identity (CarnetCommuneEditor *self)
{
  CarnetRecord *commune = self->commune;
  g_autofree char *departement = NULL;

  if (commune == NULL)
    return;

  departement = g_strdup_printf ("%s — %s", carnet_record_get_string (commune, "departement"),
                                 carnet_record_get_string (commune, "departement-name"));
  adw_preferences_group_set_title (self->identity_group, carnet_record_get_string (commune, "name"));
  set_property_row (self->insee_row, carnet_record_get_string (commune, "insee"));
  set_property_row (self->departement_row,
                    *carnet_record_get_string (commune, "departement-name") != '\0'
                    ? departement : carnet_record_get_string (commune, "departement"));
  set_property_row (self->region_row, carnet_record_get_string (commune, "region"));
  set_property_row (self->epci_row, carnet_record_get_string (commune, "epci-name"));
  set_property_row (self->siren_row, carnet_record_get_string (commune, "epci-siren"));
}

static void
update_counts (CarnetCommuneEditor *self)
{
  g_autoptr(CarnetQuery) query = NULL;
  g_autoptr(CarnetRecordList) actions = NULL;
  g_autofree char *projects_text = NULL;
  g_autofree char *actions_text = NULL;
  const char *uuid;

  if (self->commune == NULL)
    return;

  uuid = carnet_record_get_uuid (self->commune);
  query = carnet_query_new (CARNET_TYPE_ACTION);
  carnet_query_set_commune (query, uuid);
  actions = carnet_store_query (self->store, query);
  projects_text = carnet_format_count (carnet_store_count (self->store, CARNET_TYPE_PROJECT,
                                                          "commune-uuid", uuid));
  actions_text = carnet_format_count (g_list_model_get_n_items (G_LIST_MODEL (actions)));
  gtk_label_set_text (self->projects_label, projects_text);
  gtk_label_set_text (self->actions_label, actions_text);
}

static void
on_records_changed (CarnetCommuneEditor *self,
                    GType                type)
{
  if (type == CARNET_TYPE_PROJECT || type == CARNET_TYPE_ACTION)
    update_counts (self);
}

static void
carnet_commune_editor_constructed (GObject *object)
{
  CarnetCommuneEditor *self = (CarnetCommuneEditor *)object;

  G_OBJECT_CLASS (carnet_commune_editor_parent_class)->constructed (object);

  g_assert (CARNET_IS_STORE (self->store));
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    g_ptr_array_add (self->bindings,
                     carnet_field_binding_new (self->store, CARNET_TYPE_COMMUNE, field_rows[i].field,
                                               G_STRUCT_MEMBER (GtkWidget *, self, field_rows[i].offset)));
  g_signal_connect_object (self->store, "records-changed", G_CALLBACK (on_records_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->page), FALSE);
}

static void
carnet_commune_editor_dispose (GObject *object)
{
  CarnetCommuneEditor *self = (CarnetCommuneEditor *)object;

  if (self->bindings != NULL)
    carnet_commune_editor_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_COMMUNE_EDITOR);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_object (&self->commune_signals);
  g_clear_object (&self->commune);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_commune_editor_parent_class)->dispose (object);
}

static void
carnet_commune_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CarnetCommuneEditor *self = CARNET_COMMUNE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COMMUNE:
      g_value_set_object (value, self->commune);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_commune_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CarnetCommuneEditor *self = CARNET_COMMUNE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_COMMUNE:
      carnet_commune_editor_set_commune (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_commune_editor_class_init (CarnetCommuneEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carnet_commune_editor_constructed;
  object_class->dispose = carnet_commune_editor_dispose;
  object_class->get_property = carnet_commune_editor_get_property;
  object_class->set_property = carnet_commune_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARNET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMUNE] =
    g_param_spec_object ("commune", NULL, NULL, CARNET_TYPE_COMMUNE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-commune-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, insee_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, departement_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, epci_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, siren_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, population_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, pvd_date_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, ort_date_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, projects_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, actions_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneEditor, notes_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
carnet_commune_editor_init (CarnetCommuneEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->commune_signals = g_signal_group_new (CARNET_TYPE_COMMUNE);
  g_signal_group_connect_swapped (self->commune_signals, "notify", G_CALLBACK (update_identity),
                                  self);
}

/**
 * carnet_commune_editor_new:
 * @store: the store the commune comes from and is written to
 *
 * Returns: (transfer floating): a new editor, showing nothing until a commune is set
 */
GtkWidget *
carnet_commune_editor_new (CarnetStore *store)
{
  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  return g_object_new (CARNET_TYPE_COMMUNE_EDITOR, "store", store, NULL);
}

/**
 * carnet_commune_editor_set_commune:
 * @commune: (nullable): a #CarnetCommune
 *
 * Shows @commune, after writing what was being typed about the previous one.
 */
void
carnet_commune_editor_set_commune (CarnetCommuneEditor *self,
                                   CarnetRecord        *commune)
{
  g_return_if_fail (CARNET_IS_COMMUNE_EDITOR (self));
  g_return_if_fail (commune == NULL || CARNET_IS_COMMUNE (commune));

  if (self->commune == commune)
    return;

  carnet_commune_editor_flush (self);
  g_set_object (&self->commune, commune);
  g_signal_group_set_target (self->commune_signals, commune);
  for (guint i = 0; i < self->bindings->len; i++)
    carnet_field_binding_set_record (g_ptr_array_index (self->bindings, i), commune);
  update_identity (self);
  update_counts (self);

  gtk_widget_set_visible (GTK_WIDGET (self->page), commune != NULL);
  adw_preferences_page_scroll_to_top (self->page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMUNE]);
}

/**
 * carnet_commune_editor_get_commune:
 *
 * Returns: (transfer none) (nullable): the commune shown
 */
CarnetRecord *
carnet_commune_editor_get_commune (CarnetCommuneEditor *self)
{
  g_return_val_if_fail (CARNET_IS_COMMUNE_EDITOR (self), NULL);

  return self->commune;
}

/**
 * carnet_commune_editor_flush:
 *
 * Writes now what the user is typing.
 */
void
carnet_commune_editor_flush (CarnetCommuneEditor *self)
{
  g_return_if_fail (CARNET_IS_COMMUNE_EDITOR (self));

  for (guint i = 0; i < self->bindings->len; i++)
    carnet_field_binding_flush (g_ptr_array_index (self->bindings, i));
}
