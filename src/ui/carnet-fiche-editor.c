/* carnet-fiche-editor.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-fiche-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "carnet-fiche-editor.h"
#include "carnet-field-binding.h"
#include "carnet-format.h"
#include "carnet-funding-editor.h"
#include "carnet-journal-editor.h"
#include "carnet-record-rows.h"
#include "carnet-step-editor.h"
#include "carnet-ui-util.h"

/* The detail pane of a project or an action (a fiche action): every field of the shared
 * project model, its funding plan, steps, follow-up notes and history. There is no Save
 * button: each row writes its own field as the user types (see CarnetFieldBinding), and
 * rows follow changes made elsewhere. */

struct _CarnetFicheEditor
{
  GtkWidget             parent_instance;

  CarnetStore          *store;
  CarnetRecord         *record;
  CarnetRecord         *project;         /* an action's project */
  GSignalGroup         *record_signals;
  GBindingGroup        *project_bindings;
  GPtrArray            *bindings;
  CarnetFieldBinding   *theme_binding;
  GListModel           *themes;
  GPtrArray            *theme_rows;      /* the check rows of other_themes_row */
  GListModel           *actions;
  GListModel           *history;
  gboolean              loading_themes;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *general_group;
  AdwEntryRow          *title_row;
  AdwEntryRow          *number_row;
  AdwComboRow          *theme_row;
  GtkImage             *theme_icon;
  AdwExpanderRow       *other_themes_row;
  AdwComboRow          *phase_row;
  AdwComboRow          *status_row;
  AdwComboRow          *maturity_row;
  AdwComboRow          *priority_row;
  AdwSpinRow           *progress_row;
  AdwSwitchRow         *ort_row;
  AdwPreferencesGroup  *related_group;
  GtkListBox           *related_list;
  AdwActionRow         *project_row;
  AdwButtonRow         *add_action_row;
  AdwEntryRow          *owner_row;
  AdwEntryRow          *lead_row;
  AdwEntryRow          *referent_row;
  AdwEntryRow          *partners_row;
  GtkTextView          *description_view;
  GtkTextView          *objectives_view;
  GtkTextView          *results_view;
  AdwEntryRow          *start_planned_row;
  AdwEntryRow          *end_planned_row;
  AdwEntryRow          *start_actual_row;
  AdwEntryRow          *end_actual_row;
  AdwEntryRow          *cost_ht_row;
  AdwEntryRow          *cost_ttc_row;
  CarnetFundingEditor  *funding_editor;
  CarnetStepEditor     *step_editor;
  CarnetJournalEditor  *journal_editor;
  GtkListBox           *history_list;
  GtkButton            *delete_button;
};

G_DEFINE_FINAL_TYPE (CarnetFicheEditor, carnet_fiche_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Which row edits which field. */
static const struct
{
  const char *field;
  gsize       offset;
} field_rows[] = {
  { "title", G_STRUCT_OFFSET (CarnetFicheEditor, title_row) },
  { "number", G_STRUCT_OFFSET (CarnetFicheEditor, number_row) },
  { "phase", G_STRUCT_OFFSET (CarnetFicheEditor, phase_row) },
  { "status", G_STRUCT_OFFSET (CarnetFicheEditor, status_row) },
  { "maturity", G_STRUCT_OFFSET (CarnetFicheEditor, maturity_row) },
  { "priority", G_STRUCT_OFFSET (CarnetFicheEditor, priority_row) },
  { "progress", G_STRUCT_OFFSET (CarnetFicheEditor, progress_row) },
  { "in-ort", G_STRUCT_OFFSET (CarnetFicheEditor, ort_row) },
  { "owner", G_STRUCT_OFFSET (CarnetFicheEditor, owner_row) },
  { "lead", G_STRUCT_OFFSET (CarnetFicheEditor, lead_row) },
  { "referent", G_STRUCT_OFFSET (CarnetFicheEditor, referent_row) },
  { "partners", G_STRUCT_OFFSET (CarnetFicheEditor, partners_row) },
  { "description", G_STRUCT_OFFSET (CarnetFicheEditor, description_view) },
  { "objectives", G_STRUCT_OFFSET (CarnetFicheEditor, objectives_view) },
  { "expected-results", G_STRUCT_OFFSET (CarnetFicheEditor, results_view) },
  { "start-planned", G_STRUCT_OFFSET (CarnetFicheEditor, start_planned_row) },
  { "end-planned", G_STRUCT_OFFSET (CarnetFicheEditor, end_planned_row) },
  { "start-actual", G_STRUCT_OFFSET (CarnetFicheEditor, start_actual_row) },
  { "end-actual", G_STRUCT_OFFSET (CarnetFicheEditor, end_actual_row) },
  { "cost-ht", G_STRUCT_OFFSET (CarnetFicheEditor, cost_ht_row) },
  { "cost-ttc", G_STRUCT_OFFSET (CarnetFicheEditor, cost_ttc_row) },
  { "theme-uuid", G_STRUCT_OFFSET (CarnetFicheEditor, theme_row) },
};

static const CarnetField *
status_field (void)
{
  return carnet_record_class_find_field (g_type_class_peek (CARNET_TYPE_ACTION), "status");
}

static void
update_theme_icon (CarnetFicheEditor *self)
{
  g_autoptr(CarnetRecord) theme = NULL;

  if (self->record != NULL)
    theme = carnet_store_get (self->store, CARNET_TYPE_THEME,
                              carnet_record_get_string (self->record, "theme-uuid"), NULL);
  carnet_ui_set_theme_icon (self->theme_icon, theme);
}

/* Shows the record's secondary themes on the check rows. The main theme cannot also be
 * a secondary one. */
static void
sync_other_themes (CarnetFicheEditor *self)
{
  g_auto(GStrv) uuids = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  const char *main_theme = NULL;

  if (self->record != NULL)
    {
      uuids = g_strsplit (carnet_record_get_string (self->record, "other-themes"), " ", -1);
      main_theme = carnet_record_get_string (self->record, "theme-uuid");
    }

  self->loading_themes = TRUE;
  for (guint i = 0; i < self->theme_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->theme_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "carnet-check");
      const char *uuid = g_object_get_data (G_OBJECT (row), "carnet-uuid");
      gboolean is_main = g_strcmp0 (uuid, main_theme) == 0;
      gboolean active = !is_main && uuids != NULL && g_strv_contains ((const char * const *)uuids, uuid);

      gtk_check_button_set_active (check, active);
      gtk_widget_set_sensitive (row, !is_main);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), is_main ? _("Main theme") : NULL);
      if (active)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  self->loading_themes = FALSE;

  adw_expander_row_set_subtitle (self->other_themes_row, names->len > 0 ? names->str : _("None"));
}

static void
on_other_theme_toggled (CarnetFicheEditor *self)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (self->loading_themes || self->record == NULL)
    return;

  for (guint i = 0; i < self->theme_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->theme_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "carnet-check");

      if (gtk_check_button_get_active (check) && gtk_widget_get_sensitive (row))
        g_string_append_printf (value, "%s%s", value->len > 0 ? " " : "",
                                (const char *)g_object_get_data (G_OBJECT (row), "carnet-uuid"));
    }
  if (!carnet_store_update_text (self->store, self->record, "other-themes", value->str, &error))
    g_warning ("Could not save the secondary themes: %s", error->message);
  sync_other_themes (self);
}

static void
rebuild_other_themes (CarnetFicheEditor *self)
{
  guint n = g_list_model_get_n_items (self->themes);

  for (guint i = 0; i < self->theme_rows->len; i++)
    adw_expander_row_remove (self->other_themes_row, g_ptr_array_index (self->theme_rows, i));
  g_ptr_array_set_size (self->theme_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (self->themes, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     carnet_record_get_string (theme, "name"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      carnet_record_get_string (theme, "name"), -1);
      carnet_ui_set_theme_icon (GTK_IMAGE (icon), theme);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "carnet-check", check);
      g_object_set_data_full (G_OBJECT (row), "carnet-uuid",
                              g_strdup (carnet_record_get_uuid (theme)), g_free);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_other_theme_toggled),
                               self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->other_themes_row, row);
      g_ptr_array_add (self->theme_rows, row);
    }
  sync_other_themes (self);
}

/* The themes can be added, renamed and recoloured while a fiche is open. */
static void
update_themes (CarnetFicheEditor *self)
{
  guint n = g_list_model_get_n_items (self->themes);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (labels, g_strdup (_("No theme")));
  g_ptr_array_add (values, g_strdup (""));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (self->themes, i);

      g_ptr_array_add (labels, g_strdup (carnet_record_get_string (theme, "name")));
      g_ptr_array_add (values, g_strdup (carnet_record_get_uuid (theme)));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (values, NULL);
  carnet_field_binding_set_choices (self->theme_binding, (const char * const *)labels->pdata,
                                    (const char * const *)values->pdata);
  rebuild_other_themes (self);
  update_theme_icon (self);
}

static void
on_records_changed (CarnetFicheEditor *self,
                    GType              type)
{
  if (type == CARNET_TYPE_THEME)
    update_themes (self);
}

static void
on_record_notify (CarnetFicheEditor *self,
                  GParamSpec        *pspec)
{
  if (g_strcmp0 (pspec->name, "theme-uuid") == 0)
    {
      update_theme_icon (self);
      sync_other_themes (self);
    }
  else if (g_strcmp0 (pspec->name, "other-themes") == 0)
    sync_other_themes (self);
}

static void
update_action_row (AdwActionRow *row)
{
  CarnetRecord *action = carnet_record_rows_get_record (GTK_WIDGET (row));
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "carnet-icon");
  CarnetStore *store = g_object_get_data (G_OBJECT (row), "carnet-store");
  const char *number = carnet_record_get_string (action, "number");
  const char *status = carnet_field_choice_label (status_field (),
                                                  carnet_record_get_string (action, "status"));
  g_autoptr(CarnetRecord) theme = carnet_store_get (store, CARNET_TYPE_THEME,
                                                    carnet_record_get_string (action, "theme-uuid"),
                                                    NULL);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carnet_record_get_title (action));
  subtitle = *number != '\0' ? g_strdup_printf ("%s · %s", number, status) : g_strdup (status);
  adw_action_row_set_subtitle (row, subtitle);
  carnet_ui_set_theme_icon (icon, theme);
}

static void
on_action_activated (AdwActionRow *row)
{
  CarnetFicheEditor *self = g_object_get_data (G_OBJECT (row), "carnet-editor");

  g_signal_emit (self, signals[OPEN_RECORD], 0, carnet_record_rows_get_record (GTK_WIDGET (row)));
}

static GtkWidget *
create_action_row (CarnetRecord *action,
                   gpointer      data)
{
  CarnetFicheEditor *self = data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "go-next-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data (G_OBJECT (row), "carnet-icon", icon);
  g_object_set_data (G_OBJECT (row), "carnet-store", self->store);
  g_object_set_data (G_OBJECT (row), "carnet-editor", self);
  g_object_set_data_full (G_OBJECT (row), "carnet-record", g_object_ref (action), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (on_action_activated), NULL);
  update_action_row (ADW_ACTION_ROW (row));
  g_signal_connect_object (action, "notify", G_CALLBACK (update_action_row), row, G_CONNECT_SWAPPED);
  return row;
}

static void
update_history_row (AdwActionRow *row)
{
  CarnetRecord *change = carnet_record_rows_get_record (GTK_WIDGET (row));
  const char *from = carnet_field_choice_label (status_field (),
                                                carnet_record_get_string (change, "from-status"));
  const char *to = carnet_field_choice_label (status_field (),
                                              carnet_record_get_string (change, "to-status"));
  const char *author = carnet_record_get_string (change, "author");
  const char *comment = carnet_record_get_string (change, "comment");
  g_autofree char *date = carnet_record_rows_local_date (carnet_record_get_string (change, "changed-at"));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (author);

  if (to == NULL)
    to = carnet_record_get_string (change, "to-status");
  if (from != NULL)
    title = g_strdup_printf ("%s · %s → %s", date, from, to);
  else
    title = g_strdup_printf ("%s · %s", date, to);
  if (*comment != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", comment);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle->str);
}

static GtkWidget *
create_history_row (CarnetRecord *change,
                    gpointer      data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "carnet-record", g_object_ref (change), g_object_unref);
  update_history_row (ADW_ACTION_ROW (row));
  g_signal_connect_object (change, "notify", G_CALLBACK (update_history_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
on_project_activated (CarnetFicheEditor *self)
{
  if (self->project != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, self->project);
}

static void
on_add_action_activated (CarnetFicheEditor *self)
{
  g_autoptr(CarnetRecord) action = NULL;
  g_autoptr(GError) error = NULL;

  if (self->record == NULL || !CARNET_IS_PROJECT (self->record))
    return;

  carnet_fiche_editor_flush (self);
  action = g_object_new (CARNET_TYPE_ACTION,
                         "title", _("New action"),
                         "project-uuid", carnet_record_get_uuid (self->record),
                         "theme-uuid", carnet_record_get_string (self->record, "theme-uuid"),
                         NULL);
  if (!carnet_store_insert (self->store, action, &error))
    {
      g_warning ("Could not add an action: %s", error->message);
      return;
    }
  g_signal_emit (self, signals[OPEN_RECORD], 0, action);
}

/* What differs between a project and an action: the related group, the labels. */
static void
update_kind (CarnetFicheEditor *self)
{
  gboolean is_action = CARNET_IS_ACTION (self->record);

  g_clear_object (&self->project);
  g_clear_object (&self->actions);
  if (is_action)
    self->project = carnet_store_get (self->store, CARNET_TYPE_PROJECT,
                                      carnet_record_get_string (self->record, "project-uuid"),
                                      NULL);
  else if (self->record != NULL)
    self->actions = carnet_store_list (self->store, CARNET_TYPE_ACTION, "project-uuid",
                                       carnet_record_get_uuid (self->record));
  g_binding_group_set_source (self->project_bindings, self->project);
  carnet_record_rows_bind (self->related_list, self->actions, create_action_row, self);

  gtk_widget_set_visible (GTK_WIDGET (self->project_row), is_action);
  gtk_widget_set_visible (GTK_WIDGET (self->add_action_row), !is_action);
  adw_preferences_group_set_title (self->general_group, is_action ? _("Action") : _("Project"));
  adw_preferences_group_set_title (self->related_group, is_action ? _("Project") : _("Actions"));
  gtk_button_set_label (self->delete_button, is_action ? _("Delete Action") : _("Delete Project"));

  g_clear_object (&self->history);
  if (self->record != NULL)
    self->history = carnet_store_list (self->store, CARNET_TYPE_STATUS_CHANGE,
                                       is_action ? "action-uuid" : "project-uuid",
                                       carnet_record_get_uuid (self->record));
  carnet_record_rows_bind (self->history_list, self->history, create_history_row, self);
}

static gboolean
number_to_subtitle (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      data)
{
  const char *number = g_value_get_string (from);

  g_value_set_string (to, number != NULL && *number != '\0' ? number : NULL);
  return TRUE;
}

static void
carnet_fiche_editor_constructed (GObject *object)
{
  CarnetFicheEditor *self = (CarnetFicheEditor *)object;
  const char *priority_labels[] = { _("High"), _("Medium"), _("Low"), NULL };
  const char *priority_values[] = { "haute", "moyenne", "basse", NULL };

  G_OBJECT_CLASS (carnet_fiche_editor_parent_class)->constructed (object);

  g_assert (CARNET_IS_STORE (self->store));
  carnet_ui_watch_theme_css (self->store, gtk_widget_get_display (GTK_WIDGET (self)));

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    {
      GtkWidget *widget = G_STRUCT_MEMBER (GtkWidget *, self, field_rows[i].offset);

      g_ptr_array_add (self->bindings, carnet_field_binding_new (self->store, CARNET_TYPE_ACTION,
                                                                 field_rows[i].field, widget));
      if (widget == GTK_WIDGET (self->theme_row))
        self->theme_binding = g_ptr_array_index (self->bindings, i);
      else if (widget == GTK_WIDGET (self->priority_row))
        /* From the most to the least urgent, not in the table's order. */
        carnet_field_binding_set_choices (g_ptr_array_index (self->bindings, i),
                                          priority_labels, priority_values);
    }

  carnet_funding_editor_set_store (self->funding_editor, self->store);
  carnet_step_editor_set_store (self->step_editor, self->store);
  carnet_journal_editor_set_store (self->journal_editor, self->store);

  self->themes = carnet_store_list (self->store, CARNET_TYPE_THEME, NULL, NULL);
  g_signal_connect_object (self->store, "records-changed", G_CALLBACK (on_records_changed), self,
                           G_CONNECT_SWAPPED);
  update_themes (self);
  update_kind (self);
  gtk_widget_set_visible (GTK_WIDGET (self->page), FALSE);
}

static void
carnet_fiche_editor_dispose (GObject *object)
{
  CarnetFicheEditor *self = (CarnetFicheEditor *)object;

  if (self->bindings != NULL)
    carnet_fiche_editor_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_FICHE_EDITOR);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->theme_rows, g_ptr_array_unref);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->project_bindings);
  g_clear_object (&self->themes);
  g_clear_object (&self->actions);
  g_clear_object (&self->history);
  g_clear_object (&self->project);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_fiche_editor_parent_class)->dispose (object);
}

static void
carnet_fiche_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CarnetFicheEditor *self = CARNET_FICHE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_fiche_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CarnetFicheEditor *self = CARNET_FICHE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RECORD:
      carnet_fiche_editor_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_fiche_editor_class_init (CarnetFicheEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = carnet_fiche_editor_constructed;
  object_class->dispose = carnet_fiche_editor_dispose;
  object_class->get_property = carnet_fiche_editor_get_property;
  object_class->set_property = carnet_fiche_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CARNET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CARNET_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CarnetFicheEditor::open-record:
   * @record: the project or action to show
   *
   * Emitted when the user opens a related record: an action of the project, the project
   * of the action, or an action just added.
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  g_type_ensure (CARNET_TYPE_FUNDING_EDITOR);
  g_type_ensure (CARNET_TYPE_STEP_EDITOR);
  g_type_ensure (CARNET_TYPE_JOURNAL_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-fiche-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, general_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, theme_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, theme_icon);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, other_themes_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, phase_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, maturity_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, ort_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, related_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, related_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, project_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, add_action_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, lead_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, referent_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, partners_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, objectives_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, results_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, start_planned_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, end_planned_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, start_actual_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, end_actual_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, cost_ht_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, cost_ttc_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, funding_editor);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, step_editor);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, journal_editor);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_project_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_action_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
carnet_fiche_editor_init (CarnetFicheEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->theme_rows = g_ptr_array_new ();
  self->record_signals = g_signal_group_new (CARNET_TYPE_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify", G_CALLBACK (on_record_notify),
                                  self);
  self->project_bindings = g_binding_group_new ();
  g_binding_group_bind (self->project_bindings, "title", self->project_row, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->project_bindings, "number", self->project_row, "subtitle",
                             G_BINDING_SYNC_CREATE, number_to_subtitle, NULL, NULL, NULL);
}

/**
 * carnet_fiche_editor_new:
 * @store: the store the records come from and are written to
 *
 * Returns: (transfer floating): a new editor, showing nothing until a record is set
 */
GtkWidget *
carnet_fiche_editor_new (CarnetStore *store)
{
  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  return g_object_new (CARNET_TYPE_FICHE_EDITOR, "store", store, NULL);
}

/**
 * carnet_fiche_editor_set_record:
 * @record: (nullable): a #CarnetProject or a #CarnetAction
 *
 * Shows @record, after writing what was being typed in the previous one.
 */
void
carnet_fiche_editor_set_record (CarnetFicheEditor *self,
                                CarnetRecord      *record)
{
  g_return_if_fail (CARNET_IS_FICHE_EDITOR (self));
  g_return_if_fail (record == NULL || CARNET_IS_PROJECT (record) || CARNET_IS_ACTION (record));

  if (self->record == record)
    return;

  carnet_fiche_editor_flush (self);
  g_set_object (&self->record, record);
  g_signal_group_set_target (self->record_signals, record);
  for (guint i = 0; i < self->bindings->len; i++)
    carnet_field_binding_set_record (g_ptr_array_index (self->bindings, i), record);
  carnet_funding_editor_set_parent (self->funding_editor, record);
  carnet_step_editor_set_parent (self->step_editor, record);
  carnet_journal_editor_set_parent (self->journal_editor, record);
  sync_other_themes (self);
  update_theme_icon (self);
  update_kind (self);

  gtk_widget_set_visible (GTK_WIDGET (self->page), record != NULL);
  adw_preferences_page_scroll_to_top (self->page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * carnet_fiche_editor_get_record:
 *
 * Returns: (transfer none) (nullable): the project or action shown
 */
CarnetRecord *
carnet_fiche_editor_get_record (CarnetFicheEditor *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_EDITOR (self), NULL);

  return self->record;
}

/**
 * carnet_fiche_editor_flush:
 *
 * Writes now what the user is typing, rather than after the pause that saves it; the
 * window calls it before it closes, exports or deletes.
 */
void
carnet_fiche_editor_flush (CarnetFicheEditor *self)
{
  g_return_if_fail (CARNET_IS_FICHE_EDITOR (self));

  for (guint i = 0; i < self->bindings->len; i++)
    carnet_field_binding_flush (g_ptr_array_index (self->bindings, i));
  carnet_funding_editor_flush (self->funding_editor);
  carnet_step_editor_flush (self->step_editor);
  carnet_journal_editor_flush (self->journal_editor);
}
