/* carnet-commune-chooser.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-commune-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-commune-chooser.h"
#include "carnet-format.h"
#include "carnet-reference.h"

/* Adding a commune is typing a few letters of its name (or its INSEE code, or a postcode)
 * and picking it: the identity comes from the offline reference list. */

#define MAX_RESULTS 30

struct _CarnetCommuneChooser
{
  AdwDialog       parent_instance;

  CarnetStore    *store;
  char           *last_query;

  GtkSearchEntry *search_entry;
  GtkListBox     *results;
  GtkStack       *stack;
};

G_DEFINE_FINAL_TYPE (CarnetCommuneChooser, carnet_commune_chooser, ADW_TYPE_DIALOG)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
describe (const CarnetReferenceCommune *commune)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s · %s (%s)", commune->insee, commune->departement_name,
                          commune->departement);
  if (*commune->epci_name != '\0')
    g_string_append_printf (text, " · %s", commune->epci_name);
  if (commune->population > 0)
    {
      g_autofree char *population = carnet_format_count (commune->population);

      g_string_append (text, " · ");
      /* Translators: a population, “13 000 inhabitants” */
      g_string_append_printf (text, _("%s inhabitants"), population);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
create_row (CarnetCommuneChooser         *self,
            const CarnetReferenceCommune *commune)
{
  g_autoptr(CarnetRecord) present = NULL;
  g_autofree char *subtitle = describe (commune);
  GtkWidget *row;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), commune->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "insee", g_strdup (commune->insee), g_free);

  present = carnet_store_find (self->store, CARNET_TYPE_COMMUNE, "insee", commune->insee);
  if (present != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Already followed"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_set_sensitive (row, FALSE);
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  return row;
}

static void
update_results (CarnetCommuneChooser *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) found = NULL;

  /* The entry reports a change a moment after it is typed; the same text is not searched
   * twice, so the rows stay the ones shown. */
  if (g_strcmp0 (query, self->last_query) == 0)
    return;
  g_set_str (&self->last_query, query);
  gtk_list_box_remove_all (self->results);

  if (*query == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  found = carnet_reference_search (carnet_reference_get_default (), query, MAX_RESULTS);
  for (guint i = 0; i < found->len; i++)
    gtk_list_box_append (self->results, create_row (self, found->pdata[i]));

  gtk_stack_set_visible_child_name (self->stack, found->len > 0 ? "results" : "none");
}

static void
on_search_changed (CarnetCommuneChooser *self)
{
  update_results (self);
}

static void
on_row_activated (CarnetCommuneChooser *self,
                  GtkListBoxRow        *row)
{
  const char *insee = g_object_get_data (G_OBJECT (row), "insee");

  g_signal_emit (self, signals[CHOSEN], 0, insee);
  adw_dialog_close (ADW_DIALOG (self));
}

/* Enter in the search entry picks the first commune that can be added. */
static void
on_search_activate (CarnetCommuneChooser *self)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results, i);

      if (row == NULL)
        return;
      if (gtk_widget_get_sensitive (GTK_WIDGET (row)))
        {
          on_row_activated (self, row);
          return;
        }
    }
}

static void
carnet_commune_chooser_dispose (GObject *object)
{
  CarnetCommuneChooser *self = (CarnetCommuneChooser *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_COMMUNE_CHOOSER);
  g_clear_object (&self->store);
  g_clear_pointer (&self->last_query, g_free);

  G_OBJECT_CLASS (carnet_commune_chooser_parent_class)->dispose (object);
}

static void
carnet_commune_chooser_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CarnetCommuneChooser *self = CARNET_COMMUNE_CHOOSER (object);

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
carnet_commune_chooser_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CarnetCommuneChooser *self = CARNET_COMMUNE_CHOOSER (object);

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
carnet_commune_chooser_class_init (CarnetCommuneChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_commune_chooser_dispose;
  object_class->get_property = carnet_commune_chooser_get_property;
  object_class->set_property = carnet_commune_chooser_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARNET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CarnetCommuneChooser::chosen:
   * @insee: the INSEE code of the commune picked
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-commune-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneChooser, results);
  gtk_widget_class_bind_template_child (widget_class, CarnetCommuneChooser, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
carnet_commune_chooser_init (CarnetCommuneChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

CarnetCommuneChooser *
carnet_commune_chooser_new (CarnetStore *store)
{
  return g_object_new (CARNET_TYPE_COMMUNE_CHOOSER, "store", store, NULL);
}

/* Types a query as a person would; the results follow at once. */
void
carnet_commune_chooser_set_query (CarnetCommuneChooser *self,
                                  const char           *query)
{
  g_return_if_fail (CARNET_IS_COMMUNE_CHOOSER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  update_results (self);
}
