/* carnet-test-ui.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "carnet-application.h"
#include "carnet-test-ui.h"

void
carnet_test_ui_init (int    *argc,
                     char ***argv)
{
  carnet_application_setup_i18n ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* What GtkApplication does for the app: its icons come from its resources. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
  /* What AdwApplication does for the app: its style sheet comes from its resources. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* Screenshots show the end of transitions, not their first frame. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Runs the main loop until nothing is pending: idle handlers, relayouts, redraws. */
void
carnet_test_iterate (void)
{
  for (int i = 0; i < 3; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
on_frame (GdkFrameClock *clock,
          gboolean      *drawn)
{
  *drawn = TRUE;
}

/* Waits until the widget's surface painted a frame (or a second passed). */
void
carnet_test_wait_drawn (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean drawn = FALSE;
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  gulong id;

  carnet_test_iterate ();
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame), &drawn);
  gtk_widget_queue_draw (widget);
  while (!drawn && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (clock, id);
  carnet_test_iterate ();
}

/* Renders the widget as it is on screen to screenshots/NAME.png in the build folder (or
 * $CARNET_SCREENSHOT_DIR), so that a person can look at what the tests saw. */
void
carnet_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *env = g_getenv ("CARNET_SCREENSHOT_DIR");
  GskRenderer *renderer;
  int width, height;
  gboolean window = GTK_IS_WINDOW (widget);

  /* A window paints nothing through a widget paintable: its child holds everything,
   * header bars and dialogs included… */
  if (window)
    {
      /* …but the window draws its background itself: lend it to the child meanwhile. */
      widget = gtk_widget_get_first_child (widget);
      gtk_widget_add_css_class (widget, "background");
      carnet_test_wait_drawn (widget);
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  dir = env != NULL ? g_strdup (env) : g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);

  /* The paintable holds nothing while the widget waits for an allocation (a resize
   * that the window manager has not answered yet, a slow run under a sanitizer): give
   * it a few more frames. */
  for (int tries = 0; node == NULL && tries < 50; tries++)
    {
      if (tries > 0)
        carnet_test_wait_drawn (widget);
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  if (window)
    gtk_widget_remove_css_class (widget, "background");
}

/* Toasts are dismissed first: they belong to a moment, not to the window. */
static void
dismiss_toasts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_TOAST_OVERLAY (child))
        adw_toast_overlay_dismiss_all (ADW_TOAST_OVERLAY (child));
      dismiss_toasts (child);
    }
}

/* Sizes the window so that its content, inside the frame the window manager of Xvfb
 * draws, has @width × @height. */
static void
resize_and_shoot (GtkWindow  *window,
                  int         width,
                  int         height,
                  const char *name)
{
  int frame, default_width, default_height;

  dismiss_toasts (GTK_WIDGET (window));
  /* Without a compositor the window's frame is drawn inside its default size. */
  gtk_window_get_default_size (window, &default_width, &default_height);
  frame = MAX (0, default_width - gtk_widget_get_width (GTK_WIDGET (window)));
  gtk_window_set_default_size (window, width + frame, height);
  carnet_test_wait_drawn (GTK_WIDGET (window));
  carnet_test_wait_drawn (GTK_WIDGET (window));
  carnet_test_screenshot (GTK_WIDGET (window), name);
}

/* The same window wide, narrow (360 px, the smallest the design supports) and dark. */
void
carnet_test_screenshot_variants (GtkWindow  *window,
                                 const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  int width, height;
  g_autofree char *wide = g_strconcat (name, "-wide", NULL);
  g_autofree char *narrow = g_strconcat (name, "-narrow", NULL);
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  gtk_window_get_default_size (window, &width, &height);
  resize_and_shoot (window, 1000, 700, wide);
  resize_and_shoot (window, 360, 700, narrow);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  resize_and_shoot (window, 1000, 700, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (window, width, height);
  carnet_test_wait_drawn (GTK_WIDGET (window));
}
