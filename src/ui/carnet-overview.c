/* carnet-overview.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "carnet-format.h"
#include "carnet-overview.h"
#include "carnet-query.h"

/* What a steering committee asks, for one commune or all: key figures, actions by theme and
 * status, money by state and by funder, the last walks. Every figure opens the list behind
 * it; the charts are also given as lists, which screen readers and keyboards can use. */

#define ROW_HEIGHT 30.0
#define LABEL_WIDTH 190.0

struct _CarnetOverview
{
  GtkWidget       parent_instance;

  CarnetStore    *store;
  CarnetRecord   *commune;
  GListModel     *communes;
  CarnetStats    *stats;
  char           *today;
  guint           refresh_source;

  AdwWindowTitle *window_title;
  GtkDropDown    *commune_dropdown;
  GtkToggleButton *sidebar_button;
  GtkFlowBox     *figures_box;
  GtkDrawingArea *themes_chart;
  GtkListBox     *themes_list;
  GtkListBox     *budget_list;
  AdwPreferencesGroup *funders_group;
  GtkDrawingArea *funders_chart;
  GtkListBox     *funders_list;
  AdwPreferencesGroup *walks_group;
  GtkListBox     *walks_list;
};

G_DEFINE_FINAL_TYPE (CarnetOverview, carnet_overview, GTK_TYPE_WIDGET)

enum {
  SHOW_LIST,
  SHOW_WALKS,
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill_communes (CarnetOverview *self);

/* The colours of the statuses, in the order of carnet_stats_status_slug(): GNOME's palette. */
static const char *status_colors[] = {
  "#3584e4", "#e01b24", "#e5a50a", "#a51d2d", "#9a9996", "#2ec27e",
};

static const char *
status_label (guint index)
{
  const CarnetField *field =
    carnet_record_class_find_field (g_type_class_peek (CARNET_TYPE_ACTION), "status");

  return carnet_field_choice_label (field, carnet_stats_status_slug (index));
}

static void
set_source_hex (cairo_t    *cr,
                const char *hex,
                double      alpha)
{
  GdkRGBA rgba;

  if (hex == NULL || !gdk_rgba_parse (&rgba, hex))
    gdk_rgba_parse (&rgba, "#9a9996");
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, alpha);
}

static void
show_list (CarnetOverview *self,
           GType           type,
           CarnetQuery    *query,
           const char     *label)
{
  if (self->commune != NULL)
    carnet_query_set_commune (query, carnet_record_get_uuid (self->commune));
  g_signal_emit (self, signals[SHOW_LIST], 0, type, query, label);
}

/* Opens the list behind a figure: “projects”, “actions”, “overdue”, “due-soon”. */
void
carnet_overview_activate_figure (CarnetOverview *self,
                                 const char     *figure)
{
  g_autoptr(CarnetQuery) query = NULL;
  g_autofree char *soon = NULL;

  g_return_if_fail (CARNET_IS_OVERVIEW (self));

  if (g_str_equal (figure, "projects"))
    {
      query = carnet_query_new (CARNET_TYPE_PROJECT);
      show_list (self, CARNET_TYPE_PROJECT, query, NULL);
    }
  else if (g_str_equal (figure, "actions"))
    {
      query = carnet_query_new (CARNET_TYPE_ACTION);
      show_list (self, CARNET_TYPE_ACTION, query, NULL);
    }
  else if (g_str_equal (figure, "overdue"))
    {
      query = carnet_query_new (CARNET_TYPE_ACTION);
      carnet_query_set_overdue (query, self->today);
      carnet_query_set_sort (query, CARNET_SORT_DUE);
      show_list (self, CARNET_TYPE_ACTION, query, _("Overdue actions"));
    }
  else if (g_str_equal (figure, "walks") || g_str_equal (figure, "observations"))
    g_signal_emit (self, signals[SHOW_WALKS], 0, self->commune);
  else if (g_str_equal (figure, "due-soon"))
    {
      g_autoptr(GDate) date = g_date_new ();
      char buf[16];

      g_date_set_time_t (date, time (NULL));
      g_date_add_days (date, 30);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
      query = carnet_query_new (CARNET_TYPE_ACTION);
      carnet_query_set_due_between (query, self->today, buf);
      carnet_query_set_sort (query, CARNET_SORT_DUE);
      show_list (self, CARNET_TYPE_ACTION, query, _("Actions due in the next 30 days"));
    }
}

static void
on_figure_clicked (GtkButton      *button,
                   CarnetOverview *self)
{
  carnet_overview_activate_figure (self, g_object_get_data (G_OBJECT (button), "figure"));
}

static void
add_figure (CarnetOverview *self,
            const char     *figure,
            guint           value,
            const char     *label,
            const char     *style)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *number;
  GtkWidget *caption = gtk_label_new (label);
  g_autofree char *text = carnet_format_count (value);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", label, text);

  number = gtk_label_new (text);
  gtk_widget_add_css_class (number, "title-1");
  gtk_widget_add_css_class (number, "numeric");
  if (style != NULL && value > 0)
    gtk_widget_add_css_class (number, style);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "figure", g_strdup (figure), g_free);
  gtk_widget_set_name (button, figure);
  g_signal_connect (button, "clicked", G_CALLBACK (on_figure_clicked), self);
  gtk_flow_box_append (self->figures_box, button);
}

static void
on_theme_row_activated (AdwActionRow   *row,
                        CarnetOverview *self)
{
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_ACTION);
  const char *theme = g_object_get_data (G_OBJECT (row), "theme");
  const char *status = g_object_get_data (G_OBJECT (row), "status");
  g_autofree char *label = NULL;

  if (theme == NULL)
    return;
  carnet_query_set_theme (query, theme);
  carnet_query_set_status (query, status);
  /* Translators: a filter shown above a list: “Theme: Mobilités” */
  label = g_strdup_printf (_("Theme: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  show_list (self, CARNET_TYPE_ACTION, query, label);
}

static GtkWidget *
value_row (const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
on_funding_row_activated (AdwActionRow   *row,
                          CarnetOverview *self)
{
  g_autoptr(CarnetQuery) query = carnet_query_new (CARNET_TYPE_PROJECT);
  const char *funder = g_object_get_data (G_OBJECT (row), "funder");
  const char *state = g_object_get_data (G_OBJECT (row), "state");
  g_autofree char *label = NULL;

  carnet_query_set_funding (query, funder, state);
  if (funder != NULL)
    /* Translators: a filter shown above a list of projects */
    label = g_strdup_printf (_("Funded by %s"), funder);
  else
    /* Translators: a filter shown above a list of projects: “Funding: Granted” */
    label = g_strdup_printf (_("Funding: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  show_list (self, CARNET_TYPE_PROJECT, query, label);
}

static void
fill_budget (CarnetOverview *self)
{
  const CarnetField *state_field =
    carnet_record_class_find_field (g_type_class_peek (CARNET_TYPE_FUNDING_LINE), "state");
  CarnetStats *stats = self->stats;
  g_autofree char *cost = carnet_format_money (stats->cost_ht);
  g_autofree char *requested = carnet_format_money (stats->requested);
  g_autofree char *granted = carnet_format_money (stats->granted);
  g_autofree char *paid = carnet_format_money (stats->paid);
  g_autofree char *share = g_strdup_printf ("%.0f\u00a0%%", 100 * carnet_stats_self_funding_share (stats));

  gtk_list_box_remove_all (self->budget_list);
  gtk_list_box_append (self->budget_list, value_row (_("Cost of the actions, excluding VAT"), cost));
  gtk_list_box_append (self->budget_list, value_row (_("Funding requested"), requested));
  gtk_list_box_append (self->budget_list, value_row (_("Funding granted"), granted));
  gtk_list_box_append (self->budget_list, value_row (_("Funding paid"), paid));
  gtk_list_box_append (self->budget_list, value_row (_("Share of self-funding in what is granted"), share));

  for (guint i = 0; i < G_N_ELEMENTS (stats->by_state); i++)
    {
      const char *slug = carnet_stats_funding_state_slug (i);
      g_autofree char *amount = carnet_format_money (stats->by_state[i]);
      GtkWidget *row = value_row (carnet_field_choice_label (state_field, slug), amount);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Amount requested, by state"));
      g_object_set_data (G_OBJECT (row), "state", (gpointer)slug);
      g_signal_connect (row, "activated", G_CALLBACK (on_funding_row_activated), self);
      gtk_list_box_append (self->budget_list, row);
    }
}

static void
fill_funders (CarnetOverview *self)
{
  GPtrArray *funders = self->stats->funders;

  gtk_list_box_remove_all (self->funders_list);
  gtk_widget_set_visible (GTK_WIDGET (self->funders_group), funders->len > 0);
  gtk_drawing_area_set_content_height (self->funders_chart, (int)(MIN (funders->len, 8) * ROW_HEIGHT + 24));
  for (guint i = 0; i < funders->len; i++)
    {
      CarnetFunderSum *sum = g_ptr_array_index (funders, i);
      g_autofree char *granted = carnet_format_money (sum->granted);
      g_autofree char *requested = carnet_format_money (sum->requested);
      g_autofree char *subtitle = g_strdup_printf (_("%s requested"), requested);
      GtkWidget *row = value_row (sum->funder, granted);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "funder", g_strdup (sum->funder), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_funding_row_activated), self);
      gtk_list_box_append (self->funders_list, row);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->funders_chart));
}

static void
fill_themes (CarnetOverview *self)
{
  GPtrArray *themes = self->stats->themes;
  guint shown = 0;

  gtk_list_box_remove_all (self->themes_list);
  for (guint i = 0; i < themes->len; i++)
    {
      CarnetThemeCount *count = g_ptr_array_index (themes, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *total = NULL;
      GtkWidget *row;

      if (count->total == 0)
        continue;
      shown++;
      for (guint s = 0; s < G_N_ELEMENTS (count->by_status); s++)
        if (count->by_status[s] > 0)
          g_string_append_printf (subtitle, "%s%u %s", subtitle->len ? " · " : "",
                                  count->by_status[s], status_label (s));
      total = g_strdup_printf (g_dngettext (NULL, "%u action", "%u actions", count->total), count->total);
      row = value_row (count->theme_name, total);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      if (count->theme_uuid != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "theme", g_strdup (count->theme_uuid), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_theme_row_activated), self);
        }
      gtk_list_box_append (self->themes_list, row);
    }
  gtk_drawing_area_set_content_height (self->themes_chart, (int)(shown * ROW_HEIGHT + 62));
  gtk_widget_set_visible (GTK_WIDGET (self->themes_chart), shown > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->themes_chart));
}

static void
fill_walks (CarnetOverview *self)
{
  g_autoptr(GListModel) walks = self->commune != NULL
    ? carnet_store_list (self->store, CARNET_TYPE_WALK, "commune-uuid", carnet_record_get_uuid (self->commune))
    : carnet_store_list (self->store, CARNET_TYPE_WALK, NULL, NULL);
  guint n = MIN (g_list_model_get_n_items (walks), 5);

  gtk_list_box_remove_all (self->walks_list);
  gtk_widget_set_visible (GTK_WIDGET (self->walks_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) walk = g_list_model_get_item (walks, i);
      g_autoptr(CarnetRecord) commune = carnet_store_get (self->store, CARNET_TYPE_COMMUNE,
                                                          carnet_record_get_string (walk, "commune-uuid"), NULL);
      g_autofree char *date = carnet_format_date (carnet_record_get_string (walk, "walked-on"));
      guint observations = carnet_store_count (self->store, CARNET_TYPE_OBSERVATION, "walk-uuid",
                                               carnet_record_get_uuid (walk));
      g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u observation", "%u observations",
                                                             observations), observations);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", date,
                                                   commune != NULL ? carnet_record_get_string (commune, "name") : "");
      const char *title = carnet_record_get_title (walk);
      GtkWidget *row = value_row (*title != '\0' ? title : date, count);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "walk", g_object_ref (walk), g_object_unref);
      gtk_list_box_append (self->walks_list, row);
    }
}

static void
on_walk_row_activated (CarnetOverview *self,
                       GtkListBoxRow  *row)
{
  CarnetRecord *walk = g_object_get_data (G_OBJECT (row), "walk");

  if (walk != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, walk);
}

static void
refresh (CarnetOverview *self)
{
  g_autoptr(GError) error = NULL;
  CarnetStats *stats;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_set_str (&self->today, NULL);
  self->today = carnet_today ();
  stats = carnet_stats_compute (self->store,
                                self->commune != NULL ? carnet_record_get_uuid (self->commune) : NULL,
                                self->today, &error);
  if (stats == NULL)
    {
      g_warning ("Cannot compute the overview: %s", error->message);
      return;
    }
  g_clear_pointer (&self->stats, carnet_stats_free);
  self->stats = stats;

  adw_window_title_set_subtitle (self->window_title,
                                 self->commune != NULL ? carnet_record_get_string (self->commune, "name")
                                                       : _("All communes"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);
  add_figure (self, "projects", stats->n_projects, _("Projects"), NULL);
  add_figure (self, "actions", stats->n_actions, _("Actions"), NULL);
  add_figure (self, "overdue", stats->n_overdue, _("Overdue"), "error");
  add_figure (self, "due-soon", stats->n_due_soon, _("Due in the next 30 days"), "warning");
  add_figure (self, "walks", stats->n_walks, _("Site walks"), NULL);
  add_figure (self, "observations", stats->n_observations, _("Observations"), NULL);

  fill_themes (self);
  fill_budget (self);
  fill_funders (self);
  fill_walks (self);
}

static gboolean
refresh_idle (gpointer data)
{
  CarnetOverview *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Many changes come in a burst (an import, a cascade): one refresh after them. */
static void
on_records_changed (CarnetOverview *self)
{
  if (self->refresh_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

/* The statuses' colours, on as many lines as the width needs (two at 360 px). */
static void
draw_legend (cairo_t     *cr,
             PangoLayout *layout,
             double       y,
             double       width,
             GdkRGBA     *fg)
{
  double x = 0;

  for (guint s = 0; s < G_N_ELEMENTS (status_colors); s++)
    {
      int text_width;

      pango_layout_set_text (layout, status_label (s), -1);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      if (x + 14 + text_width > width && x > 0)
        {
          x = 0;
          y += 22;
        }
      set_source_hex (cr, status_colors[s], 1);
      cairo_rectangle (cr, x, y + 4, 10, 10);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, fg);
      cairo_move_to (cr, x + 14, y);
      pango_cairo_show_layout (cr, layout);
      x += 14 + text_width + 16;
    }
}

static void
draw_themes (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  CarnetOverview *self = data;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  double label_width = MIN (LABEL_WIDTH, width * 0.4);
  double bar_width = width - label_width - 8;
  guint max = 1;
  double y = 0;
  GdkRGBA fg;

  if (self->stats == NULL)
    return;
  gtk_widget_get_color (GTK_WIDGET (area), &fg);
  pango_layout_set_width (layout, (int)((label_width - 16) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  for (guint i = 0; i < self->stats->themes->len; i++)
    max = MAX (max, ((CarnetThemeCount *)g_ptr_array_index (self->stats->themes, i))->total);

  for (guint i = 0; i < self->stats->themes->len; i++)
    {
      CarnetThemeCount *count = g_ptr_array_index (self->stats->themes, i);
      double x = label_width;

      if (count->total == 0)
        continue;
      set_source_hex (cr, count->theme_color, 1);
      cairo_arc (cr, 5, y + ROW_HEIGHT / 2, 5, 0, 2 * G_PI);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_text (layout, count->theme_name, -1);
      cairo_move_to (cr, 16, y + (ROW_HEIGHT - 18) / 2);
      pango_cairo_show_layout (cr, layout);

      for (guint s = 0; s < G_N_ELEMENTS (count->by_status); s++)
        {
          double w = bar_width * count->by_status[s] / max;

          if (w <= 0)
            continue;
          set_source_hex (cr, status_colors[s], 1);
          cairo_rectangle (cr, x, y + 6, w, ROW_HEIGHT - 12);
          cairo_fill (cr);
          x += w;
        }
      y += ROW_HEIGHT;
    }

  pango_layout_set_width (layout, -1);
  draw_legend (cr, layout, y + 12, width, &fg);
}

/* A click on a bar opens the actions of that theme in that status. */
static void
on_themes_clicked (GtkGestureClick *gesture,
                   int              n_press,
                   double           px,
                   double           py,
                   CarnetOverview  *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->themes_chart));
  double label_width = MIN (LABEL_WIDTH, width * 0.4);
  double bar_width = width - label_width - 8;
  guint max = 1, row = (guint)(py / ROW_HEIGHT), seen = 0;

  if (self->stats == NULL)
    return;
  for (guint i = 0; i < self->stats->themes->len; i++)
    max = MAX (max, ((CarnetThemeCount *)g_ptr_array_index (self->stats->themes, i))->total);

  for (guint i = 0; i < self->stats->themes->len; i++)
    {
      CarnetThemeCount *count = g_ptr_array_index (self->stats->themes, i);
      g_autoptr(CarnetQuery) query = NULL;
      g_autofree char *label = NULL;
      double x = label_width;
      const char *status = NULL;

      if (count->total == 0 || seen++ != row)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (count->by_status); s++)
        {
          double w = bar_width * count->by_status[s] / max;

          if (px >= x && px < x + w)
            status = carnet_stats_status_slug (s);
          x += w;
        }
      if (count->theme_uuid == NULL)
        return;
      query = carnet_query_new (CARNET_TYPE_ACTION);
      carnet_query_set_theme (query, count->theme_uuid);
      carnet_query_set_status (query, status);
      label = g_strdup_printf (_("Theme: %s"), count->theme_name);
      show_list (self, CARNET_TYPE_ACTION, query, label);
      return;
    }
}

static void
draw_funders (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  CarnetOverview *self = data;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  double label_width = MIN (LABEL_WIDTH, width * 0.4);
  double bar_width = width - label_width - 8;
  gint64 max = 1;
  GdkRGBA fg, accent;
  guint n;

  if (self->stats == NULL)
    return;
  gtk_widget_get_color (GTK_WIDGET (area), &fg);
  gdk_rgba_parse (&accent, "#3584e4");
  pango_layout_set_width (layout, (int)((label_width - 8) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  n = MIN (self->stats->funders->len, 8);

  for (guint i = 0; i < n; i++)
    {
      CarnetFunderSum *sum = g_ptr_array_index (self->stats->funders, i);
      max = MAX (max, MAX (sum->requested, sum->granted));
    }
  for (guint i = 0; i < n; i++)
    {
      CarnetFunderSum *sum = g_ptr_array_index (self->stats->funders, i);
      double y = i * ROW_HEIGHT;

      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_text (layout, sum->funder, -1);
      cairo_move_to (cr, 0, y + (ROW_HEIGHT - 18) / 2);
      pango_cairo_show_layout (cr, layout);
      /* Requested, pale; granted over it, solid. */
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.25);
      cairo_rectangle (cr, label_width, y + 6, bar_width * sum->requested / max, ROW_HEIGHT - 12);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_rectangle (cr, label_width, y + 6, bar_width * sum->granted / max, ROW_HEIGHT - 12);
      cairo_fill (cr);
    }
}

static void
on_commune_chosen (CarnetOverview *self)
{
  guint position = gtk_drop_down_get_selected (self->commune_dropdown);
  g_autoptr(CarnetRecord) commune = NULL;

  if (self->communes != NULL && position != GTK_INVALID_LIST_POSITION && position > 0)
    commune = g_list_model_get_item (self->communes, position - 1);
  carnet_overview_set_commune (self, commune);
}

static void
carnet_overview_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (carnet_overview_parent_class)->map (widget);
  refresh (CARNET_OVERVIEW (widget));
}

static void
carnet_overview_dispose (GObject *object)
{
  CarnetOverview *self = (CarnetOverview *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_OVERVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->stats, carnet_stats_free);
  g_clear_pointer (&self->today, g_free);
  g_clear_object (&self->commune);
  g_clear_object (&self->communes);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_overview_parent_class)->dispose (object);
}

static void
carnet_overview_class_init (CarnetOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_overview_dispose;
  widget_class->map = carnet_overview_map;

  /**
   * CarnetOverview::show-list:
   * @type: projects or actions
   * @query: the filters behind the figure
   * @label: (nullable): what they mean
   */
  signals[SHOW_LIST] = g_signal_new ("show-list", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 3,
                                     G_TYPE_GTYPE, CARNET_TYPE_QUERY, G_TYPE_STRING);
  /**
   * CarnetOverview::show-walks:
   * @commune: (nullable): the commune shown, or %NULL for all
   */
  signals[SHOW_WALKS] = g_signal_new ("show-walks", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, CARNET_TYPE_RECORD);
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, window_title);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, commune_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, figures_box);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, themes_chart);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, themes_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, budget_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, funders_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, funders_chart);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, funders_list);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, walks_group);
  gtk_widget_class_bind_template_child (widget_class, CarnetOverview, walks_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
carnet_overview_init (CarnetOverview *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->themes_chart, draw_themes, self, NULL);
  gtk_drawing_area_set_draw_func (self->funders_chart, draw_funders, self, NULL);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_themes_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self->themes_chart), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->themes_chart), "pointer");
  g_signal_connect_swapped (self->walks_list, "row-activated", G_CALLBACK (on_walk_row_activated), self);
  g_signal_connect_swapped (self->commune_dropdown, "notify::selected", G_CALLBACK (on_commune_chosen), self);
}

GtkWidget *
carnet_overview_new (CarnetStore *store)
{
  CarnetOverview *self = g_object_new (CARNET_TYPE_OVERVIEW, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "records-changed", G_CALLBACK (on_records_changed), self,
                           G_CONNECT_SWAPPED);
  /* The figures are computed when the overview is first shown (map) or asked for: over a
   * national database they take a second, which the start of the app does not wait for. */
  return GTK_WIDGET (self);
}

/**
 * carnet_overview_set_commune:
 * @commune: (nullable): one commune, or %NULL for all
 */
void
carnet_overview_set_commune (CarnetOverview *self,
                             CarnetRecord   *commune)
{
  g_return_if_fail (CARNET_IS_OVERVIEW (self));

  if (!g_set_object (&self->commune, commune))
    return;
  if (self->communes != NULL)
    fill_communes (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    g_clear_pointer (&self->stats, carnet_stats_free);
}

/**
 * carnet_overview_get_commune:
 *
 * Returns: (transfer none) (nullable): the commune shown, or %NULL for all
 */
CarnetRecord *
carnet_overview_get_commune (CarnetOverview *self)
{
  g_return_val_if_fail (CARNET_IS_OVERVIEW (self), NULL);

  return self->commune;
}

static void
fill_communes (CarnetOverview *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (self->communes);
  guint selected = 0;

  gtk_string_list_append (names, _("All communes"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) commune = g_list_model_get_item (self->communes, i);

      gtk_string_list_append (names, carnet_record_get_string (commune, "name"));
      if (commune == self->commune)
        selected = i + 1;
    }
  g_signal_handlers_block_by_func (self->commune_dropdown, on_commune_chosen, self);
  gtk_drop_down_set_model (self->commune_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->commune_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->commune_dropdown, on_commune_chosen, self);
}

/**
 * carnet_overview_set_communes:
 * @communes: the live list of communes, offered in the header's chooser
 */
void
carnet_overview_set_communes (CarnetOverview *self,
                              GListModel     *communes)
{
  g_return_if_fail (CARNET_IS_OVERVIEW (self));

  g_set_object (&self->communes, communes);
  g_signal_connect_object (communes, "items-changed", G_CALLBACK (fill_communes), self,
                           G_CONNECT_SWAPPED);
  fill_communes (self);
}

/**
 * carnet_overview_get_stats:
 *
 * Returns: (transfer none): the figures shown
 */
const CarnetStats *
carnet_overview_get_stats (CarnetOverview *self)
{
  g_return_val_if_fail (CARNET_IS_OVERVIEW (self), NULL);

  if (self->stats == NULL)
    refresh (self);
  return self->stats;
}

GtkWidget *
carnet_overview_get_sidebar_button (CarnetOverview *self)
{
  g_return_val_if_fail (CARNET_IS_OVERVIEW (self), NULL);

  return GTK_WIDGET (self->sidebar_button);
}
