/* carnet-walks-view.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walks-view"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-format.h"
#include "carnet-ui-util.h"
#include "carnet-walk-dialogs.h"
#include "carnet-walks-view.h"

/* The arpentage mode: the walks and their review beside the walk being noted, built for a
 * laptop held in the street. One keystroke (Ctrl+Return) starts an observation, in today's
 * walk if none is open; Alt+1, Alt+2 and Alt+3 say what kind it is and Alt+T picks its theme
 * by a few letters; what is typed is saved within half a second. */

struct _CarnetWalksView
{
  AdwBin                  parent_instance;

  CarnetStore            *store;
  CarnetRecord           *commune;
  CarnetWalkList         *list;
  CarnetWalkPage         *page;
  gboolean                observe_after_pick;

  AdwNavigationSplitView *split_view;
  AdwBreakpoint          *compact_breakpoint;
};

G_DEFINE_FINAL_TYPE (CarnetWalksView, carnet_walks_view, ADW_TYPE_BIN)

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CarnetRecord *
create_walk (CarnetWalksView *self,
             CarnetRecord    *commune)
{
  g_autofree char *today = carnet_today ();
  g_autofree char *date = carnet_format_date (today);
  /* Translators: the title given to a new site walk, “Arpentage du 21 novembre 2026” */
  g_autofree char *title = g_strdup_printf (_("Walk of %s"), date);
  g_autoptr(CarnetRecord) walk = NULL;
  g_autoptr(GError) error = NULL;

  walk = g_object_new (CARNET_TYPE_WALK,
                       "commune-uuid", carnet_record_get_uuid (commune),
                       "walked-on", today,
                       "title", title,
                       NULL);
  if (!carnet_store_insert (self->store, walk, &error))
    {
      carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return NULL;
    }
  carnet_walks_view_open_walk (self, walk, NULL);
  /* The page holds it now. */
  return walk;
}

static void
add_observation (CarnetWalksView *self)
{
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
  carnet_walk_page_add_observation (self->page);
}

/* Opens the commune's walk of today, started if there is none, and notes a new observation
 * in it. */
static void
observe_today (CarnetWalksView *self,
               CarnetRecord    *commune)
{
  g_autofree char *today = carnet_today ();
  g_autoptr(CarnetWalk) walk = carnet_store_find_walk_on (self->store, carnet_record_get_uuid (commune),
                                                          today);

  if (walk != NULL)
    carnet_walks_view_open_walk (self, CARNET_RECORD (walk), NULL);
  else if (create_walk (self, commune) == NULL)
    return;
  add_observation (self);
}

static void
on_commune_picked (AdwAlertDialog  *dialog,
                   const char      *response,
                   CarnetWalksView *self)
{
  CarnetRecord *commune = carnet_walks_record_dialog_get_chosen (ADW_DIALOG (dialog));

  if (g_strcmp0 (response, "choose") == 0 && commune != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "picked", g_object_ref (commune), g_object_unref);
}

/* Once the dialog is gone, and has given the focus back: the cursor then goes to the new
 * walk's observation. */
static void
on_commune_dialog_closed (AdwDialog       *dialog,
                          CarnetWalksView *self)
{
  CarnetRecord *commune = g_object_get_data (G_OBJECT (dialog), "picked");
  gboolean observe = self->observe_after_pick;

  self->observe_after_pick = FALSE;
  if (commune == NULL)
    return;
  if (observe)
    observe_today (self, commune);
  else
    create_walk (self, commune);
}

/* The commune a new walk goes to: the one shown, else the only one. */
static CarnetRecord *
walk_commune (CarnetWalksView *self)
{
  g_autoptr(GListModel) communes = NULL;

  if (self->commune != NULL)
    return g_object_ref (self->commune);
  communes = carnet_store_list (self->store, CARNET_TYPE_COMMUNE, NULL, NULL);
  if (g_list_model_get_n_items (communes) == 1)
    return g_list_model_get_item (communes, 0);
  return NULL;
}

static void
pick_commune (CarnetWalksView *self,
              gboolean         observe)
{
  AdwDialog *dialog;

  if (carnet_store_count (self->store, CARNET_TYPE_COMMUNE, NULL, NULL) == 0)
    {
      carnet_walks_add_toast (GTK_WIDGET (self),
                              adw_toast_new (_("Add a commune first: a walk takes place in one")));
      return;
    }
  self->observe_after_pick = observe;
  dialog = carnet_walks_record_dialog_new (self->store, CARNET_TYPE_COMMUNE, NULL, NULL,
                                           _("New Walk"), _("In which commune does the walk take place?"),
                                           _("Commune"), _("_Start"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_commune_picked), self, 0);
  g_signal_connect_object (dialog, "closed", G_CALLBACK (on_commune_dialog_closed), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* Actions and shortcuts */

static void
new_walk_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CarnetWalksView *self = CARNET_WALKS_VIEW (widget);

  carnet_walks_view_new_walk (self, self->commune);
}

static void
new_observation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  carnet_walks_view_start_observation (CARNET_WALKS_VIEW (widget));
}

static void
kind_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CarnetWalksView *self = CARNET_WALKS_VIEW (widget);

  carnet_walk_page_set_kind (self->page, g_variant_get_string (parameter, NULL));
}

static void
choose_theme_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CarnetWalksView *self = CARNET_WALKS_VIEW (widget);

  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
  carnet_walk_page_choose_theme (self->page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  carnet_walks_view_start_search (CARNET_WALKS_VIEW (widget));
}

/* The shortcuts work wherever the focus is in the window, as long as the view is shown and
 * no dialog covers it; otherwise the keys go on to whoever else wants them. */
static gboolean
on_shortcut (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CarnetWalksView *self = CARNET_WALKS_VIEW (widget);
  const char *action = user_data;

  if (carnet_walks_dialog_is_open (widget))
    return FALSE;
  if (g_str_equal (action, "walks.kind") || g_str_equal (action, "walks.choose-theme"))
    {
      if (carnet_walk_page_get_current_row (self->page) == NULL)
        return FALSE;
    }
  return gtk_widget_activate_action_variant (widget, action, args);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action,
              GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                            gtk_callback_action_new (on_shortcut, (gpointer)action, NULL));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
add_shortcuts (CarnetWalksView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  static const struct { const char *trigger; const char *kind; } kinds[] = {
    { "<Alt>1", "constat" }, { "<Alt>KP_1", "constat" }, { "<Alt>ampersand", "constat" },
    { "<Alt>2", "irritant" }, { "<Alt>KP_2", "irritant" }, { "<Alt>eacute", "irritant" },
    { "<Alt>3", "idee" }, { "<Alt>KP_3", "idee" }, { "<Alt>quotedbl", "idee" },
  };

  /* Before the text views, which would take Ctrl+Return as a line break. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (shortcuts, "<Control>Return", "walks.new-observation", NULL);
  add_shortcut (shortcuts, "<Control>KP_Enter", "walks.new-observation", NULL);
  /* On a French AZERTY keyboard the digits of the top row are typed with Shift: Alt+& is
   * what Alt+1 sends. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    add_shortcut (shortcuts, kinds[i].trigger, "walks.kind", g_variant_new_string (kinds[i].kind));
  add_shortcut (shortcuts, "<Alt>t", "walks.choose-theme", NULL);
  add_shortcut (shortcuts, "<Control>f", "walks.search", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Callbacks */

static void
on_walk_activated (CarnetWalksView *self,
                   CarnetRecord    *walk,
                   CarnetRecord    *observation)
{
  carnet_walks_view_open_walk (self, walk, observation);
}

static void
on_open_record (CarnetWalksView *self,
                CarnetRecord    *record)
{
  carnet_walks_view_flush (self);
  g_signal_emit (self, signals[OPEN_RECORD], 0, record);
}

static void
on_compact_apply (CarnetWalksView *self)
{
  carnet_walk_page_set_compact (self->page, TRUE);
}

static void
on_compact_unapply (CarnetWalksView *self)
{
  carnet_walk_page_set_compact (self->page, FALSE);
}

static void
carnet_walks_view_unmap (GtkWidget *widget)
{
  /* Another view takes the window's place, or the window closes. */
  carnet_walks_view_flush (CARNET_WALKS_VIEW (widget));

  GTK_WIDGET_CLASS (carnet_walks_view_parent_class)->unmap (widget);
}

static void
carnet_walks_view_dispose (GObject *object)
{
  CarnetWalksView *self = (CarnetWalksView *)object;

  if (self->page != NULL)
    carnet_walk_page_flush (self->page);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_WALKS_VIEW);
  self->list = NULL;
  self->page = NULL;
  g_clear_object (&self->commune);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_walks_view_parent_class)->dispose (object);
}

static void
carnet_walks_view_class_init (CarnetWalksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_walks_view_dispose;
  widget_class->unmap = carnet_walks_view_unmap;

  /**
   * CarnetWalksView::open-record:
   * @record: the action made from an observation, that the user wants to see
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-walks-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetWalksView, split_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalksView, compact_breakpoint);

  gtk_widget_class_install_action (widget_class, "walks.new-walk", NULL, new_walk_action);
  gtk_widget_class_install_action (widget_class, "walks.new-observation", NULL, new_observation_action);
  gtk_widget_class_install_action (widget_class, "walks.kind", "s", kind_action);
  gtk_widget_class_install_action (widget_class, "walks.choose-theme", NULL, choose_theme_action);
  gtk_widget_class_install_action (widget_class, "walks.search", NULL, search_action);
}

static void
carnet_walks_view_init (CarnetWalksView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  carnet_walks_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  add_shortcuts (self);
}

/**
 * carnet_walks_view_new:
 *
 * Returns: (transfer floating): the walk view, showing the walks of all communes
 */
GtkWidget *
carnet_walks_view_new (CarnetStore *store)
{
  CarnetWalksView *self;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);

  self = g_object_new (CARNET_TYPE_WALKS_VIEW, NULL);
  self->store = g_object_ref (store);
  carnet_ui_watch_theme_css (store, gtk_widget_get_display (GTK_WIDGET (self)));

  self->list = carnet_walk_list_new (store);
  self->page = carnet_walk_page_new (store);
  adw_navigation_split_view_set_sidebar (self->split_view, ADW_NAVIGATION_PAGE (self->list));
  adw_navigation_split_view_set_content (self->split_view, ADW_NAVIGATION_PAGE (self->page));
  g_signal_connect_object (self->list, "walk-activated", G_CALLBACK (on_walk_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "open-record", G_CALLBACK (on_open_record), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compact_breakpoint, "apply", G_CALLBACK (on_compact_apply), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compact_breakpoint, "unapply", G_CALLBACK (on_compact_unapply), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * carnet_walks_view_set_commune:
 * @commune: (nullable): the commune whose walks to show, or %NULL for all
 */
void
carnet_walks_view_set_commune (CarnetWalksView *self,
                               CarnetRecord    *commune)
{
  CarnetRecord *walk;

  g_return_if_fail (CARNET_IS_WALKS_VIEW (self));

  carnet_walks_view_flush (self);
  if (!g_set_object (&self->commune, commune))
    return;
  carnet_walk_list_set_commune (self->list, commune);
  walk = carnet_walk_page_get_walk (self->page);
  if (walk != NULL && commune != NULL &&
      g_strcmp0 (carnet_record_get_string (walk, "commune-uuid"), carnet_record_get_uuid (commune)) != 0)
    {
      carnet_walk_page_set_walk (self->page, NULL);
      adw_navigation_split_view_set_show_content (self->split_view, FALSE);
    }
  else
    carnet_walk_list_select_walk (self->list, walk);
}

/**
 * carnet_walks_view_get_commune:
 *
 * Returns: (transfer none) (nullable): the commune shown, %NULL for all
 */
CarnetRecord *
carnet_walks_view_get_commune (CarnetWalksView *self)
{
  g_return_val_if_fail (CARNET_IS_WALKS_VIEW (self), NULL);

  return self->commune;
}

/**
 * carnet_walks_view_start_observation:
 *
 * What Ctrl+Return does: a new observation, with the cursor in it, in the walk shown, or
 * else in today's walk of the commune (created if there is none).
 */
void
carnet_walks_view_start_observation (CarnetWalksView *self)
{
  g_autoptr(CarnetRecord) commune = NULL;

  g_return_if_fail (CARNET_IS_WALKS_VIEW (self));

  if (carnet_walk_page_get_walk (self->page) != NULL)
    {
      add_observation (self);
      return;
    }
  commune = walk_commune (self);
  if (commune == NULL)
    pick_commune (self, TRUE);
  else
    observe_today (self, commune);
}

/**
 * carnet_walks_view_new_walk:
 * @commune: (nullable): the commune of the walk; %NULL asks which one (unless there is only one)
 *
 * Starts a walk dated today and opens it.
 *
 * Returns: (transfer none) (nullable): the new walk, or %NULL when a dialog asks for the commune
 */
CarnetRecord *
carnet_walks_view_new_walk (CarnetWalksView *self,
                            CarnetRecord    *commune)
{
  g_autoptr(CarnetRecord) chosen = NULL;

  g_return_val_if_fail (CARNET_IS_WALKS_VIEW (self), NULL);

  chosen = commune != NULL ? g_object_ref (commune) : walk_commune (self);
  if (chosen == NULL)
    {
      pick_commune (self, FALSE);
      return NULL;
    }
  return create_walk (self, chosen);
}

/**
 * carnet_walks_view_open_walk:
 * @observation: (nullable): an observation of @walk to bring into view
 */
void
carnet_walks_view_open_walk (CarnetWalksView *self,
                             CarnetRecord    *walk,
                             CarnetRecord    *observation)
{
  g_return_if_fail (CARNET_IS_WALKS_VIEW (self));
  g_return_if_fail (CARNET_IS_WALK (walk));

  carnet_walk_page_set_walk (self->page, walk);
  carnet_walk_list_select_walk (self->list, walk);
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
  if (observation != NULL)
    carnet_walk_page_show_observation (self->page, observation);
}

/**
 * carnet_walks_view_reveal:
 * @record: a walk, an observation or an attachment
 *
 * Opens the walk of @record, showing the observation it is or belongs to.
 */
void
carnet_walks_view_reveal (CarnetWalksView *self,
                          CarnetRecord    *record)
{
  g_autoptr(CarnetRecord) observation = NULL;
  g_autoptr(CarnetRecord) walk = NULL;

  g_return_if_fail (CARNET_IS_WALKS_VIEW (self));

  if (CARNET_IS_ATTACHMENT (record))
    observation = carnet_store_get (self->store, CARNET_TYPE_OBSERVATION,
                                    carnet_record_get_string (record, "observation-uuid"), NULL);
  else if (CARNET_IS_OBSERVATION (record))
    observation = g_object_ref (record);
  if (observation != NULL)
    walk = carnet_store_get (self->store, CARNET_TYPE_WALK,
                             carnet_record_get_string (observation, "walk-uuid"), NULL);
  else if (CARNET_IS_WALK (record))
    walk = g_object_ref (record);
  if (walk != NULL)
    carnet_walks_view_open_walk (self, walk, observation);
}

/* What Ctrl+F does here: search the observations and walks. */
void
carnet_walks_view_start_search (CarnetWalksView *self)
{
  g_return_if_fail (CARNET_IS_WALKS_VIEW (self));

  adw_navigation_split_view_set_show_content (self->split_view, FALSE);
  carnet_walk_list_start_search (self->list);
}

/**
 * carnet_walks_view_flush:
 *
 * Writes what is being typed now (the window calls it before it closes).
 *
 * Returns: %FALSE if something could not be saved (it stays on screen, marked)
 */
gboolean
carnet_walks_view_flush (CarnetWalksView *self)
{
  g_return_val_if_fail (CARNET_IS_WALKS_VIEW (self), FALSE);

  return self->page == NULL || carnet_walk_page_flush (self->page);
}

/**
 * carnet_walks_view_get_sidebar_button:
 *
 * Returns: (transfer none): the button, hidden until the window shows it, that shows the
 *   window's sidebar when it is folded
 */
GtkWidget *
carnet_walks_view_get_sidebar_button (CarnetWalksView *self)
{
  g_return_val_if_fail (CARNET_IS_WALKS_VIEW (self), NULL);

  return carnet_walk_list_get_sidebar_button (self->list);
}

/**
 * carnet_walks_view_get_list:
 *
 * Returns: (transfer none): the list pane
 */
CarnetWalkList *
carnet_walks_view_get_list (CarnetWalksView *self)
{
  g_return_val_if_fail (CARNET_IS_WALKS_VIEW (self), NULL);

  return self->list;
}

/**
 * carnet_walks_view_get_page:
 *
 * Returns: (transfer none): the pane of the walk
 */
CarnetWalkPage *
carnet_walks_view_get_page (CarnetWalksView *self)
{
  g_return_val_if_fail (CARNET_IS_WALKS_VIEW (self), NULL);

  return self->page;
}
