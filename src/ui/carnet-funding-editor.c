/* carnet-funding-editor.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-funding-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-format.h"
#include "carnet-funding-editor.h"
#include "carnet-record-rows.h"

/* The funding plan (plan de financement) of a project or an action: one expander row per
 * funding line, in the order they were added, and the totals a steering committee asks
 * for: what was requested, what was granted, and the share of self-funding. */

/* An aid granted but not paid is flagged this many days before it lapses. */
#define LAPSE_WARNING_DAYS 90

struct _CarnetFundingEditor
{
  AdwPreferencesGroup  parent_instance;

  CarnetStore         *store;
  CarnetRecord        *parent;
  GListModel          *lines;

  GtkListBox          *list;
  GtkListBox          *summary_list;
  GtkLabel            *requested_label;
  GtkLabel            *granted_label;
  AdwActionRow        *share_row;
  GtkLabel            *share_label;
};

G_DEFINE_FINAL_TYPE (CarnetFundingEditor, carnet_funding_editor, ADW_TYPE_PREFERENCES_GROUP)

static const CarnetField *
line_field (const char *name)
{
  return carnet_record_class_find_field (g_type_class_peek (CARNET_TYPE_FUNDING_LINE), name);
}

static char *
format_percent (double share)
{
  /* Translators: a percentage; French puts a narrow no-break space before the sign */
  return g_strdup_printf (_("%.0f%%"), share * 100);
}

static gboolean
lapses_soon (CarnetRecord *line)
{
  const char *lapses_on = carnet_record_get_string (line, "lapses-on");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) limit = NULL;
  g_autofree char *limit_iso = NULL;

  if (lapses_on == NULL || g_strcmp0 (carnet_record_get_string (line, "state"), "accorde") != 0)
    return FALSE;
  now = g_date_time_new_now_local ();
  limit = g_date_time_add_days (now, LAPSE_WARNING_DAYS);
  limit_iso = g_date_time_format (limit, "%Y-%m-%d");
  return g_strcmp0 (lapses_on, limit_iso) <= 0;
}

static void
update_line_row (AdwExpanderRow *row)
{
  CarnetRecord *line = carnet_record_rows_get_record (GTK_WIDGET (row));
  GtkWidget *warning = g_object_get_data (G_OBJECT (row), "carnet-warning");
  gint64 granted = carnet_record_get_int (line, "amount-granted");
  gint64 requested = carnet_record_get_int (line, "amount-requested");
  const char *state = carnet_record_get_string (line, "state");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gboolean warn = lapses_soon (line);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carnet_record_get_string (line, "funder"));
  if (granted > 0 || requested > 0)
    {
      g_autofree char *amount = carnet_format_money (granted > 0 ? granted : requested);

      g_string_append_printf (subtitle, "%s · ", amount);
    }
  g_string_append (subtitle, carnet_field_choice_label (line_field ("state"), state));
  if (*carnet_record_get_string (line, "scheme") != '\0')
    g_string_append_printf (subtitle, " · %s", carnet_record_get_string (line, "scheme"));
  if (warn)
    {
      g_autofree char *date = carnet_format_date (carnet_record_get_string (line, "lapses-on"));

      g_string_append (subtitle, " · ");
      /* Translators: said of an aid that is lost if works do not start in time */
      g_string_append_printf (subtitle, _("lapses on %s"), date);
    }
  adw_expander_row_set_subtitle (row, subtitle->str);
  gtk_widget_set_visible (warning, warn);
}

static GtkWidget *
new_entry_row (const char *title,
               const char *suffix)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
    }
  return row;
}

static GtkWidget *
new_combo_row (const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
on_delete_activated (AdwButtonRow *button)
{
  CarnetFundingEditor *self = g_object_get_data (G_OBJECT (button), "carnet-editor");
  CarnetRecord *line = g_object_get_data (G_OBJECT (button), "carnet-line");

  carnet_record_rows_delete (GTK_WIDGET (self), self->store, line, _("Funding line deleted"));
}

static GtkWidget *
create_line_row (CarnetRecord *line,
                 gpointer      data)
{
  CarnetFundingEditor *self = data;
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
  GtkWidget *warning, *delete;
  static const struct
  {
    const char *field;
    const char *title;
    gboolean    combo;
    gboolean    money;
  } fields[] = {
    { "funder", N_("Funder"), FALSE, FALSE },
    { "scheme", N_("Scheme"), FALSE, FALSE },
    { "nature", N_("Nature"), TRUE, FALSE },
    { "basis", N_("Basis"), TRUE, FALSE },
    { "amount-requested", N_("Amount Requested"), FALSE, TRUE },
    { "amount-granted", N_("Amount Granted"), FALSE, TRUE },
    { "amount-paid", N_("Amount Paid"), FALSE, TRUE },
    { "state", N_("State"), TRUE, FALSE },
    { "filed-on", N_("Filing Date"), FALSE, FALSE },
    { "decided-on", N_("Decision Date"), FALSE, FALSE },
    { "lapses-on", N_("Lapse Date"), FALSE, FALSE },
    { "reference", N_("File Reference"), FALSE, FALSE },
  };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle_lines (expander, 2);
  warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_tooltip_text (warning, _("This aid lapses soon if works do not start"));
  adw_expander_row_add_suffix (expander, warning);
  g_object_set_data (G_OBJECT (row), "carnet-warning", warning);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = fields[i].combo ? new_combo_row (_(fields[i].title))
                                          : new_entry_row (_(fields[i].title),
                                                           fields[i].money ? "€" : NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
      carnet_record_rows_bind_field (row, self->store, line, fields[i].field, widget);
      adw_expander_row_add_row (expander, widget);
    }

  delete = adw_button_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete), _("Delete Funding Line"));
  adw_button_row_set_start_icon_name (ADW_BUTTON_ROW (delete), "user-trash-symbolic");
  gtk_widget_add_css_class (delete, "destructive-action");
  g_object_set_data (G_OBJECT (delete), "carnet-editor", self);
  g_object_set_data (G_OBJECT (delete), "carnet-line", line);
  g_signal_connect (delete, "activated", G_CALLBACK (on_delete_activated), NULL);
  adw_expander_row_add_row (expander, delete);

  g_object_set_data_full (G_OBJECT (row), "carnet-record", g_object_ref (line), g_object_unref);
  update_line_row (expander);
  g_signal_connect_object (line, "notify", G_CALLBACK (update_line_row), row, G_CONNECT_SWAPPED);
  return row;
}

/* What a line weighs in the plan: what was granted once known, else what was asked. */
static gint64
line_amount (CarnetRecord *line)
{
  gint64 granted = carnet_record_get_int (line, "amount-granted");

  return granted > 0 ? granted : carnet_record_get_int (line, "amount-requested");
}

static void
update_summary (CarnetFundingEditor *self)
{
  guint n = self->lines != NULL ? g_list_model_get_n_items (self->lines) : 0;
  gint64 requested = 0, granted = 0, self_funded = 0, total = 0;
  g_autofree char *requested_text = NULL;
  g_autofree char *granted_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *aid_text = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->summary_list), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) line = g_list_model_get_item (self->lines, i);

      /* A refused aid is no part of the plan. */
      if (g_strcmp0 (carnet_record_get_string (line, "state"), "refuse") == 0)
        continue;
      requested += carnet_record_get_int (line, "amount-requested");
      granted += carnet_record_get_int (line, "amount-granted");
      total += line_amount (line);
      if (g_strcmp0 (carnet_record_get_string (line, "nature"), "autofinancement") == 0)
        self_funded += line_amount (line);
    }

  requested_text = carnet_format_money (requested);
  granted_text = carnet_format_money (granted);
  gtk_label_set_text (self->requested_label, requested_text);
  gtk_label_set_text (self->granted_label, granted_text);

  if (total == 0)
    {
      gtk_label_set_text (self->share_label, "—");
      adw_action_row_set_subtitle (self->share_row, _("No amounts yet"));
      return;
    }
  total_text = carnet_format_money (total);
  share_text = format_percent ((double)self_funded / total);
  aid_text = format_percent ((double)(total - self_funded) / total);
  /* Translators: “Aid: 80 % of 125 000,00 €”; the total counts granted amounts, else requested ones */
  subtitle = g_strdup_printf (_("Aid: %s of %s"), aid_text, total_text);
  gtk_label_set_text (self->share_label, share_text);
  adw_action_row_set_subtitle (self->share_row, subtitle);
}

static void
on_records_changed (CarnetFundingEditor *self,
                    GType                type)
{
  if (type == CARNET_TYPE_FUNDING_LINE)
    update_summary (self);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  int cmp = g_strcmp0 (carnet_record_get_created_at ((CarnetRecord *)a),
                       carnet_record_get_created_at ((CarnetRecord *)b));

  return cmp != 0 ? cmp : g_strcmp0 (carnet_record_get_uuid ((CarnetRecord *)a),
                                     carnet_record_get_uuid ((CarnetRecord *)b));
}

static void
on_add_activated (CarnetFundingEditor *self)
{
  g_autoptr(CarnetRecord) line = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *funder;

  if (self->parent == NULL)
    return;
  line = g_object_new (CARNET_TYPE_FUNDING_LINE, "funder", _("New funder"), NULL);
  carnet_record_set_string (line, CARNET_IS_ACTION (self->parent) ? "action-uuid" : "project-uuid",
                            carnet_record_get_uuid (self->parent));
  if (!carnet_store_insert (self->store, line, &error))
    {
      g_warning ("Could not add a funding line: %s", error->message);
      return;
    }

  /* The new line opens with its funder selected, ready to be typed over. */
  row = carnet_record_rows_find (self->list, line);
  g_return_if_fail (row != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  funder = carnet_record_rows_lookup_widget (row, "funder");
  gtk_widget_grab_focus (funder);
  gtk_editable_select_region (GTK_EDITABLE (funder), 0, -1);
}

static void
carnet_funding_editor_dispose (GObject *object)
{
  CarnetFundingEditor *self = (CarnetFundingEditor *)object;

  carnet_funding_editor_flush (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_FUNDING_EDITOR);
  g_clear_object (&self->lines);
  g_clear_object (&self->parent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_funding_editor_parent_class)->dispose (object);
}

static void
carnet_funding_editor_class_init (CarnetFundingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_funding_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/carnet-funding-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetFundingEditor, list);
  gtk_widget_class_bind_template_child (widget_class, CarnetFundingEditor, summary_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetFundingEditor, requested_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetFundingEditor, granted_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetFundingEditor, share_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetFundingEditor, share_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activated);
}

static void
carnet_funding_editor_init (CarnetFundingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_summary (self);
}

void
carnet_funding_editor_set_store (CarnetFundingEditor *self,
                                 CarnetStore         *store)
{
  g_return_if_fail (CARNET_IS_FUNDING_EDITOR (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "records-changed", G_CALLBACK (on_records_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * carnet_funding_editor_set_parent:
 * @parent: (nullable): the project or action whose funding plan to edit
 */
void
carnet_funding_editor_set_parent (CarnetFundingEditor *self,
                                  CarnetRecord        *parent)
{
  g_return_if_fail (CARNET_IS_FUNDING_EDITOR (self));
  g_return_if_fail (parent == NULL || CARNET_IS_PROJECT (parent) || CARNET_IS_ACTION (parent));

  carnet_funding_editor_flush (self);
  if (!g_set_object (&self->parent, parent))
    return;
  g_clear_object (&self->lines);
  if (parent != NULL)
    {
      GListModel *lines = carnet_store_list (self->store, CARNET_TYPE_FUNDING_LINE,
                                             CARNET_IS_ACTION (parent) ? "action-uuid" : "project-uuid",
                                             carnet_record_get_uuid (parent));
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_created, NULL, NULL));

      /* In the order they were added: typing a funder's name does not move its row. */
      self->lines = G_LIST_MODEL (gtk_sort_list_model_new (lines, sorter));
      /* The store tells of a change before the list has refreshed: a line added or
       * deleted is counted once the list has it. */
      g_signal_connect_object (self->lines, "items-changed", G_CALLBACK (update_summary), self,
                               G_CONNECT_SWAPPED);
    }
  carnet_record_rows_bind (self->list, self->lines, create_line_row, self);
  update_summary (self);
}

/* Writes what is being typed in the funding lines. */
void
carnet_funding_editor_flush (CarnetFundingEditor *self)
{
  g_return_if_fail (CARNET_IS_FUNDING_EDITOR (self));

  if (self->list != NULL)
    carnet_record_rows_flush (self->list);
}
