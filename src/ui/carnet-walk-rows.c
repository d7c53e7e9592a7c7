/* carnet-walk-rows.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walk-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-format.h"
#include "carnet-walk-rows.h"

/* The rows of the walk view's lists: a walk (its title, date, commune and number of
 * observations), and an observation summed up (its kind, its text, its walk) for the review
 * and the search results. Plain boxes, filled again as their record changes. */

static const char *kinds[] = { "constat", "irritant", "idee" };

static char *
walk_caption (CarnetStore  *store,
              CarnetRecord *walk,
              gboolean      show_commune,
              gboolean      with_count)
{
  g_autoptr(GString) caption = g_string_new (NULL);
  g_autofree char *date = carnet_format_date (carnet_record_get_string (walk, "walked-on"));

  g_string_append (caption, date);
  if (show_commune)
    {
      g_autoptr(CarnetRecord) commune = carnet_store_get (store, CARNET_TYPE_COMMUNE,
                                                          carnet_record_get_string (walk, "commune-uuid"),
                                                          NULL);
      if (commune != NULL)
        g_string_append_printf (caption, " · %s", carnet_record_get_title (commune));
    }
  if (with_count)
    {
      guint n = carnet_store_count (store, CARNET_TYPE_OBSERVATION, "walk-uuid",
                                    carnet_record_get_uuid (walk));

      g_string_append (caption, " · ");
      g_string_append_printf (caption, g_dngettext (NULL, "%u observation", "%u observations", n), n);
    }
  return g_string_free_and_steal (g_steal_pointer (&caption));
}

static GtkWidget *
two_lines_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), caption);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "caption", caption);
  return box;
}

GtkWidget *
carnet_walk_row_new (void)
{
  GtkWidget *row = two_lines_new ();

  gtk_widget_add_css_class (g_object_get_data (G_OBJECT (row), "title"), "heading");
  return row;
}

/**
 * carnet_walk_row_set_walk:
 * @walk: (nullable): the walk shown
 * @show_commune: whether to say its commune (when the list mixes communes)
 */
void
carnet_walk_row_set_walk (GtkWidget    *row,
                          CarnetStore  *store,
                          CarnetRecord *walk,
                          gboolean      show_commune)
{
  g_object_set_data_full (G_OBJECT (row), "store", store != NULL ? g_object_ref (store) : NULL,
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "walk", walk != NULL ? g_object_ref (walk) : NULL,
                          g_object_unref);
  g_object_set_data (G_OBJECT (row), "show-commune", GINT_TO_POINTER (show_commune));
  carnet_walk_row_update (row);
}

/* Reads its walk again: its title, and how many observations it has now. */
void
carnet_walk_row_update (GtkWidget *row)
{
  CarnetStore *store = g_object_get_data (G_OBJECT (row), "store");
  CarnetRecord *walk = g_object_get_data (G_OBJECT (row), "walk");
  gboolean show_commune = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "show-commune"));
  g_autofree char *caption = NULL;
  const char *title;

  if (walk == NULL)
    return;
  title = carnet_record_get_string (walk, "title");
  caption = walk_caption (store, walk, show_commune, TRUE);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"),
                      *title != '\0' ? title : _("Untitled walk"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "caption"), caption);
}

/**
 * carnet_observation_summary_new:
 * @kinds: (nullable): a size group that gives the kinds' pills one width, so that the texts
 *   of a list align
 */
GtkWidget *
carnet_observation_summary_new (GtkSizeGroup *kinds_group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *lines = two_lines_new ();

  if (kinds_group != NULL)
    gtk_size_group_add_widget (kinds_group, kind);
  gtk_widget_set_valign (kind, GTK_ALIGN_START);
  gtk_widget_set_margin_top (kind, 6);
  gtk_widget_add_css_class (kind, "observation-kind");
  gtk_widget_add_css_class (kind, "caption");
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), lines);
  g_object_set_data (G_OBJECT (box), "kind", kind);
  g_object_set_data (G_OBJECT (box), "lines", lines);
  return box;
}

static void
fill_summary (GtkWidget *box)
{
  CarnetStore *store = g_object_get_data (G_OBJECT (box), "store");
  CarnetRecord *observation = g_object_get_data (G_OBJECT (box), "observation");
  gboolean show_commune = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "show-commune"));
  GtkWidget *kind = g_object_get_data (G_OBJECT (box), "kind");
  GtkWidget *lines = g_object_get_data (G_OBJECT (box), "lines");
  const CarnetField *field;
  g_autoptr(CarnetRecord) walk = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *text = NULL;
  const char *slug;

  if (observation == NULL)
    return;
  field = carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (observation), "kind");
  slug = carnet_record_get_string (observation, "kind");
  walk = carnet_store_get (store, CARNET_TYPE_WALK, carnet_record_get_string (observation, "walk-uuid"),
                           NULL);
  caption = walk != NULL ? walk_caption (store, walk, show_commune, FALSE) : g_strdup ("");
  /* One paragraph, cut after two lines. */
  text = g_strdup (carnet_record_get_string (observation, "text"));
  g_strstrip (g_strdelimit (text, "\r\n\t", ' '));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_widget_remove_css_class (kind, kinds[i]);
  gtk_widget_add_css_class (kind, slug);
  gtk_label_set_text (GTK_LABEL (kind), carnet_field_choice_label (field, slug));
  gtk_label_set_text (g_object_get_data (G_OBJECT (lines), "title"),
                      *text != '\0' ? text : _("(empty)"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (lines), "caption"), caption);
}

/**
 * carnet_observation_summary_set:
 * @observation: (nullable): the observation shown, followed as it is typed; %NULL to let
 *   the row go (when a list view unbinds it)
 */
void
carnet_observation_summary_set (GtkWidget    *summary,
                                CarnetStore  *store,
                                CarnetRecord *observation,
                                gboolean      show_commune)
{
  CarnetRecord *previous = g_object_get_data (G_OBJECT (summary), "observation");

  if (previous != NULL)
    g_signal_handlers_disconnect_by_func (previous, fill_summary, summary);
  g_object_set_data_full (G_OBJECT (summary), "store", store != NULL ? g_object_ref (store) : NULL,
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (summary), "observation",
                          observation != NULL ? g_object_ref (observation) : NULL, g_object_unref);
  g_object_set_data (G_OBJECT (summary), "show-commune", GINT_TO_POINTER (show_commune));
  if (observation != NULL)
    g_signal_connect_object (observation, "notify", G_CALLBACK (fill_summary), summary,
                             G_CONNECT_SWAPPED);
  fill_summary (summary);
}
