/* carnet-csv-preview.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-csv-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "carnet-csv-preview.h"

/* A spreadsheet about to be imported: how it was read (dialect, encoding), which of its
 * columns Carnet takes and as what, and each line with its problem, if any. A file is
 * imported whole or not at all: while a line has a problem, the Import button waits, and
 * the lines to fix can be shown alone. */

struct _CarnetCsvPreview
{
  AdwDialog            parent_instance;

  CarnetStore         *store;
  CarnetCsvImport     *import;
  CarnetCsvImportKind  kind;
  char                *name;
  GtkFilter           *filter;
  GtkFilterListModel  *filtered;

  GtkStack            *stack;
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  AdwStatusPage       *error_page;
  AdwBanner           *problems_banner;
  AdwActionRow        *file_row;
  AdwActionRow        *columns_row;
  AdwActionRow        *summary_row;
  GtkSwitch           *problems_switch;
  GtkListView         *lines_view;
};

G_DEFINE_FINAL_TYPE (CarnetCsvPreview, carnet_csv_preview, ADW_TYPE_DIALOG)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
item_line (gpointer item)
{
  return (guint)strtoul (gtk_string_object_get_string (item), NULL, 10);
}

static gboolean
has_problem (gpointer item,
             gpointer data)
{
  CarnetCsvPreview *self = data;

  return !gtk_switch_get_active (self->problems_switch) ||
         carnet_csv_import_get_problem (self->import, item_line (item)) != NULL;
}

/* A line: its number, what it would become, and its problem (or “Ready”) below. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *problem = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_label_set_yalign (GTK_LABEL (number), 0);
  gtk_label_set_width_chars (GTK_LABEL (number), 4);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *each = GTK_LABEL (i == 0 ? label : problem);

      gtk_label_set_xalign (each, 0);
      gtk_label_set_wrap (each, TRUE);
      gtk_label_set_wrap_mode (each, PANGO_WRAP_WORD_CHAR);
    }
  gtk_widget_add_css_class (problem, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), label);
  gtk_box_append (GTK_BOX (text), problem);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);
  g_object_set_data (G_OBJECT (box), "number", number);
  g_object_set_data (G_OBJECT (box), "label", label);
  g_object_set_data (G_OBJECT (box), "problem", problem);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CarnetCsvPreview         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  guint line = item_line (gtk_list_item_get_item (item));
  const char *text = carnet_csv_import_get_label (self->import, line);
  const char *problem = carnet_csv_import_get_problem (self->import, line);
  const char *note = carnet_csv_import_get_note (self->import, line);
  const char *status = problem != NULL ? problem : note != NULL ? note : _("Ready");
  GtkWidget *problem_label = g_object_get_data (G_OBJECT (box), "problem");
  g_autofree char *number = g_strdup_printf ("%u", carnet_csv_import_get_line_number (self->import, line));
  g_autofree char *accessible = NULL;

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "number"), number);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "label"), text != NULL ? text : "");
  gtk_label_set_text (GTK_LABEL (problem_label), status);
  if (problem != NULL)
    {
      gtk_widget_add_css_class (problem_label, "error");
      gtk_widget_remove_css_class (problem_label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (problem_label, "error");
      gtk_widget_add_css_class (problem_label, "dim-label");
    }
  /* Translators: how a screen reader announces a line of the spreadsheet's preview:
   * “Line 3: Plan de circulation — Bayeux. Échéance : …” */
  accessible = g_strdup_printf (_("Line %s: %s. %s"), number, text != NULL ? text : "", status);
  gtk_list_item_set_accessible_label (item, accessible);
}

static char *
describe_columns (CarnetCsvImport *import)
{
  g_autoptr(GString) taken = g_string_new (NULL);
  g_autoptr(GString) ignored = g_string_new (NULL);

  for (guint i = 0; i < carnet_csv_import_get_n_columns (import); i++)
    {
      const char *header = carnet_csv_import_get_header (import, i);
      const char *mapping = carnet_csv_import_get_mapping (import, i);

      if (mapping != NULL)
        {
          if (taken->len > 0)
            g_string_append (taken, " · ");
          /* Translators: a spreadsheet column and the field Carnet reads it as:
           * “« Date de fin » → Échéance” */
          g_string_append_printf (taken, _("“%s” → %s"), header, mapping);
        }
      else
        {
          if (ignored->len > 0)
            g_string_append (ignored, ", ");
          g_string_append_printf (ignored, _("“%s”"), header);
        }
    }
  if (ignored->len > 0)
    {
      /* Translators: after the columns Carnet reads, those it leaves aside */
      g_string_append_printf (taken, "\n%s %s", _("Ignored:"), ignored->str);
    }
  return g_string_free (g_steal_pointer (&taken), FALSE);
}

static void
update (CarnetCsvPreview *self)
{
  guint n_lines = carnet_csv_import_get_n_lines (self->import);
  guint n_problems = carnet_csv_import_get_n_problems (self->import);
  guint n_new = n_lines - MIN (n_lines, carnet_csv_import_get_n_skipped (self->import));
  g_autofree char *file = NULL;
  g_autofree char *label = NULL;

  /* Translators: how a spreadsheet was read: its name, dialect, encoding and line count,
   * “actions.csv · French (;) · UTF-8 with BOM · 42 lines” */
  file = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %s · %u line",
                                       "%s · %s · %s · %u lines", n_lines),
                          self->name, carnet_csv_import_get_dialect (self->import),
                          carnet_csv_import_get_encoding (self->import), n_lines);
  adw_action_row_set_subtitle (self->file_row, file);
  {
    g_autofree char *columns = describe_columns (self->import);
    g_autofree char *summary = carnet_csv_import_get_summary (self->import);

    adw_action_row_set_subtitle (self->columns_row, columns);
    adw_action_row_set_subtitle (self->summary_row, summary);
  }

  if (n_problems > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u line to fix in the spreadsheet: Carnet imports a file only when every line is right",
                                                             "%u lines to fix in the spreadsheet: Carnet imports a file only when every line is right",
                                                             n_problems),
                                                n_problems);

      adw_banner_set_title (self->problems_banner, title);
    }
  adw_banner_set_revealed (self->problems_banner, n_problems > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_switch), n_problems > 0);

  if (self->kind == CARNET_CSV_IMPORT_COMMUNES)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Commune",
                                          "_Import %u Communes", n_new), n_new);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Action",
                                          "_Import %u Actions", n_new), n_new);
  gtk_button_set_label (self->import_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), carnet_csv_preview_can_import (self));
}

/* The switch holds the choice; the table follows it. */
static void
on_problems_only (CarnetCsvPreview *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (self->filter, gtk_switch_get_active (self->problems_switch)
                                        ? GTK_FILTER_CHANGE_MORE_STRICT
                                        : GTK_FILTER_CHANGE_LESS_STRICT);
}
/**
 * carnet_csv_preview_import:
 *
 * Imports every line, as the Import button does, then closes the dialog and emits
 * ::imported; a refusal is shown in the dialog.
 */
void
carnet_csv_preview_import (CarnetCsvPreview *self)
{
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_return_if_fail (CARNET_IS_CSV_PREVIEW (self));

  if (!carnet_csv_preview_can_import (self))
    return;
  if (!carnet_csv_import_apply (self->import, &added, &error))
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
      /* Nothing left to cancel. */
      gtk_button_set_label (self->cancel_button, _("_Close"));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, added);
  adw_dialog_force_close (ADW_DIALOG (self));
}

static void
carnet_csv_preview_dispose (GObject *object)
{
  CarnetCsvPreview *self = CARNET_CSV_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_CSV_PREVIEW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_pointer (&self->import, carnet_csv_import_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (carnet_csv_preview_parent_class)->dispose (object);
}

static void
carnet_csv_preview_class_init (CarnetCsvPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_csv_preview_dispose;

  /**
   * CarnetCsvPreview::imported:
   * @added: how many records were added
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/carnet_pvd/Carnet/ui/carnet-csv-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, import_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, problems_banner);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, file_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, columns_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, summary_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, problems_switch);
  gtk_widget_class_bind_template_child (widget_class, CarnetCsvPreview, lines_view);
  gtk_widget_class_bind_template_callback (widget_class, carnet_csv_preview_import);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_only);
  gtk_widget_class_bind_template_callback_full (widget_class, "adw_dialog_close",
                                                G_CALLBACK (adw_dialog_close));
}

static void
carnet_csv_preview_init (CarnetCsvPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * carnet_csv_preview_new:
 * @path: the spreadsheet, as CSV
 *
 * Returns: a dialog that shows how the file reads and what each line would become; a file
 *   that cannot be read at all is told in it
 */
AdwDialog *
carnet_csv_preview_new (CarnetStore         *store,
                        const char          *path,
                        CarnetCsvImportKind  kind)
{
  CarnetCsvPreview *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkStringList *lines;
  GtkNoSelection *selection;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CARNET_TYPE_CSV_PREVIEW, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->name = g_path_get_basename (path);
  if (kind == CARNET_CSV_IMPORT_COMMUNES)
    adw_dialog_set_title (ADW_DIALOG (self), _("Import Communes from a Spreadsheet"));

  self->import = carnet_csv_import_new (store, path, kind, &error);
  if (self->import == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
      /* Nothing left to cancel. */
      gtk_button_set_label (self->cancel_button, _("_Close"));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return ADW_DIALOG (self);
    }

  lines = gtk_string_list_new (NULL);
  for (guint i = 0; i < carnet_csv_import_get_n_lines (self->import); i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", i);
      gtk_string_list_append (lines, number);
    }
  self->filter = GTK_FILTER (gtk_custom_filter_new (has_problem, self, NULL));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (lines), self->filter);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->lines_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->lines_view, factory);

  update (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  return ADW_DIALOG (self);
}

/**
 * carnet_csv_preview_get_import:
 *
 * Returns: (nullable): the file as read, or %NULL when it could not be
 */
CarnetCsvImport *
carnet_csv_preview_get_import (CarnetCsvPreview *self)
{
  g_return_val_if_fail (CARNET_IS_CSV_PREVIEW (self), NULL);

  return self->import;
}

/**
 * carnet_csv_preview_can_import:
 *
 * Returns: whether the file was read, has lines that add something, and none with a problem
 */
gboolean
carnet_csv_preview_can_import (CarnetCsvPreview *self)
{
  g_return_val_if_fail (CARNET_IS_CSV_PREVIEW (self), FALSE);

  return self->import != NULL &&
         carnet_csv_import_get_n_lines (self->import) > carnet_csv_import_get_n_skipped (self->import) &&
         carnet_csv_import_get_n_problems (self->import) == 0;
}

/**
 * carnet_csv_preview_get_n_shown:
 *
 * Returns: how many lines the table shows
 */
guint
carnet_csv_preview_get_n_shown (CarnetCsvPreview *self)
{
  g_return_val_if_fail (CARNET_IS_CSV_PREVIEW (self), 0);

  return self->filtered != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
}

/**
 * carnet_csv_preview_set_problems_only:
 *
 * Shows only the lines with a problem, or every line.
 */
void
carnet_csv_preview_set_problems_only (CarnetCsvPreview *self,
                                      gboolean          problems_only)
{
  g_return_if_fail (CARNET_IS_CSV_PREVIEW (self));

  gtk_switch_set_active (self->problems_switch, problems_only);
}
