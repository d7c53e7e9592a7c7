/* carnet-ui-util.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-ui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-ui-util.h"

static const char *status_classes[] = {
  "status-en_cours", "status-en_retard", "status-en_pause",
  "status-bloque", "status-abandonne", "status-termine",
};

/* Colours a status label through style.css: late and blocked in red, done in green. */
void
carnet_ui_set_status_class (GtkWidget  *widget,
                            const char *status)
{
  g_autofree char *wanted = g_strconcat ("status-", status != NULL ? status : "", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    if (g_strcmp0 (status_classes[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, status_classes[i]);
  gtk_widget_add_css_class (widget, wanted);
}

/**
 * carnet_ui_theme_css_class:
 *
 * Returns: the CSS class that gives @theme's colour (see carnet_ui_watch_theme_css())
 */
char *
carnet_ui_theme_css_class (CarnetRecord *theme)
{
  return g_strdup_printf ("theme-%" G_GINT64_FORMAT, carnet_record_get_id (theme));
}

/**
 * carnet_ui_set_tooltip:
 *
 * Sets a tooltip, unless it is the one already there: GTK looks for a tooltip to show each
 * time one is set, which costs a list of 200 rows dearly.
 */
void
carnet_ui_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

/* The theme's pictogram in its colour; themes the user added get a plain dot. Only what
 * changes is set: rows of lists are bound again and again. */
void
carnet_ui_set_theme_icon (GtkImage     *image,
                          CarnetRecord *theme)
{
  GtkWidget *widget = GTK_WIDGET (image);
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *icon = NULL;
  g_autofree char *css_class = NULL;
  gboolean none = theme == NULL || carnet_record_get_deleted_at (theme) != NULL;

  if (!none)
    css_class = carnet_ui_theme_css_class (theme);
  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], "theme-") && g_strcmp0 (classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);

  if (none)
    {
      if (g_strcmp0 (gtk_image_get_icon_name (image), "radio-symbolic") != 0)
        gtk_image_set_from_icon_name (image, "radio-symbolic");
      gtk_widget_add_css_class (widget, "dim-label");
      carnet_ui_set_tooltip (widget, _("No theme"));
      return;
    }

  icon = g_strdup_printf ("carnet-theme-%s-symbolic", carnet_record_get_string (theme, "slug"));
  if (!gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)), icon))
    g_set_str (&icon, "media-record-symbolic");
  if (g_strcmp0 (gtk_image_get_icon_name (image), icon) != 0)
    gtk_image_set_from_icon_name (image, icon);
  gtk_widget_remove_css_class (widget, "dim-label");
  gtk_widget_add_css_class (widget, css_class);
  carnet_ui_set_tooltip (widget, carnet_record_get_string (theme, "name"));
}

static void
update_theme_css (GtkCssProvider *provider,
                  GType           type,
                  CarnetStore    *store)
{
  g_autoptr(GListModel) themes = NULL;
  g_autoptr(GString) css = g_string_new (NULL);
  guint n;

  if (type != CARNET_TYPE_THEME && type != G_TYPE_INVALID)
    return;

  themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  n = g_list_model_get_n_items (themes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (themes, i);

      g_string_append_printf (css, ".theme-%" G_GINT64_FORMAT " { color: %s; }\n",
                              carnet_record_get_id (theme),
                              carnet_record_get_string (theme, "color"));
    }
  gtk_css_provider_load_from_string (provider, css->str);
}

static void
on_theme_records_changed (CarnetStore    *store,
                          GType           type,
                          GtkCssProvider *provider)
{
  update_theme_css (provider, type, store);
}

/**
 * carnet_ui_watch_theme_css:
 *
 * Gives each theme a CSS class with its colour on @display, kept in step with the themes
 * as they are added or recoloured, for as long as @store lives.
 */
void
carnet_ui_watch_theme_css (CarnetStore *store,
                           GdkDisplay  *display)
{
  GtkCssProvider *provider = g_object_get_data (G_OBJECT (store), "carnet-theme-css");

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (store), "carnet-theme-css", provider, g_object_unref);
  update_theme_css (provider, G_TYPE_INVALID, store);
  g_signal_connect_object (store, "records-changed", G_CALLBACK (on_theme_records_changed),
                           provider, 0);
}
