/* carnet-walk-page.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-walk-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-db.h"
#include "carnet-field-binding.h"
#include "carnet-format.h"
#include "carnet-walk-dialogs.h"
#include "carnet-walk-page.h"

/* The walk being noted: its date, title, route, participants and notes, then its
 * observations in the order they were taken, the newest at the bottom, where the cursor
 * goes for the next one. Everything typed is saved as it is typed. */

struct _CarnetWalkPage
{
  AdwNavigationPage   parent_instance;

  CarnetStore        *store;
  CarnetRecord       *walk;
  GListModel         *observations;
  GPtrArray          *bindings;
  GSignalGroup       *walk_signals;
  GtkWidget          *current;       /* weak: the row last edited */
  GtkWidget          *scroll_target; /* weak: the row to bring into view once laid out */
  guint               scroll_tick;
  gboolean            compact;

  AdwWindowTitle     *window_title;
  GtkMenuButton      *menu_button;
  GtkButton          *new_button;
  GtkStack           *stack;
  GtkViewport        *viewport;
  AdwEntryRow        *title_row;
  AdwEntryRow        *date_row;
  AdwEntryRow        *route_row;
  AdwEntryRow        *participants_row;
  GtkTextView        *notes_view;
  GtkLabel           *count_label;
  GtkListBox         *observations_list;
};

G_DEFINE_FINAL_TYPE (CarnetWalkPage, carnet_walk_page, ADW_TYPE_NAVIGATION_PAGE)

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_title (CarnetWalkPage *self)
{
  g_autoptr(CarnetRecord) commune = NULL;
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->walk == NULL)
    {
      adw_window_title_set_title (self->window_title, "");
      adw_window_title_set_subtitle (self->window_title, "");
      adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), _("Walk"));
      return;
    }
  commune = carnet_store_get (self->store, CARNET_TYPE_COMMUNE,
                              carnet_record_get_string (self->walk, "commune-uuid"), NULL);
  date = carnet_format_date (carnet_record_get_string (self->walk, "walked-on"));
  title = carnet_record_get_string (self->walk, "title");
  if (*title == '\0')
    title = date;
  /* The date once: a new walk's title already says it. */
  if (strstr (title, date) != NULL)
    subtitle = g_strdup (commune != NULL ? carnet_record_get_title (commune) : "");
  else
    subtitle = g_strdup_printf ("%s%s%s", date, commune != NULL ? " · " : "",
                                commune != NULL ? carnet_record_get_title (commune) : "");
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), title);
}

static void
update_count (CarnetWalkPage *self)
{
  guint n = self->observations != NULL ? g_list_model_get_n_items (self->observations) : 0;
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u observation", "%u observations", n), n);

  gtk_label_set_text (self->count_label, n > 0 ? text : _("none yet"));
}

static void
on_row_open_record (CarnetWalkPage *self,
                    CarnetRecord   *record)
{
  g_signal_emit (self, signals[OPEN_RECORD], 0, record);
}

static void
on_undo_delete (AdwToast     *toast,
                CarnetRecord *record)
{
  CarnetStore *store = g_object_get_data (G_OBJECT (toast), "store");
  g_autoptr(GError) error = NULL;

  if (!carnet_store_undelete (store, record, &error))
    g_warning ("It cannot be restored: %s", error->message);
}

/* Deletes with a toast that brings it back. */
static void
delete_with_undo (CarnetWalkPage *self,
                  CarnetRecord   *record,
                  const char     *message)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!carnet_store_delete (self->store, record, &error))
    {
      carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "store", g_object_ref (self->store), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete),
                         g_object_ref (record), (GClosureNotify)g_object_unref, 0);
  carnet_walks_add_toast (GTK_WIDGET (self), toast);
}

static void
on_row_delete_requested (CarnetWalkPage       *self,
                         CarnetObservationRow *row)
{
  g_autoptr(CarnetRecord) observation = g_object_ref (carnet_observation_row_get_observation (row));
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next;

  carnet_observation_row_flush (row);
  delete_with_undo (self, observation, _("Observation deleted"));
  next = gtk_list_box_get_row_at_index (self->observations_list, index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->observations_list, index - 1);
  if (next != NULL)
    carnet_observation_row_focus_text (CARNET_OBSERVATION_ROW (next));
}

static void
on_row_focus_enter (GtkEventControllerFocus *controller,
                    CarnetWalkPage          *self)
{
  g_set_weak_pointer (&self->current,
                      gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CarnetWalkPage *self = user_data;
  GtkWidget *row = carnet_observation_row_new (self->store, item);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  carnet_observation_row_set_compact (CARNET_OBSERVATION_ROW (row), self->compact);
  g_signal_connect_object (row, "open-record", G_CALLBACK (on_row_open_record), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete-requested", G_CALLBACK (on_row_delete_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_row_focus_enter), self, 0);
  gtk_widget_add_controller (row, focus);
  return row;
}

static void
delete_walk_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CarnetWalkPage *self = CARNET_WALK_PAGE (widget);
  g_autoptr(CarnetRecord) walk = NULL;
  g_autofree char *message = NULL;

  if (self->walk == NULL)
    return;
  walk = g_object_ref (self->walk);
  carnet_walk_page_flush (self);
  /* Translators: a toast after a walk was deleted, “« Arpentage du 21 novembre 2026 » deleted” */
  message = g_strdup_printf (_("“%s” deleted"),
                             adw_navigation_page_get_title (ADW_NAVIGATION_PAGE (self)));
  carnet_walk_page_set_walk (self, NULL);
  delete_with_undo (self, walk, message);
}

static void
on_walk_deleted (CarnetWalkPage *self)
{
  if (self->walk != NULL && carnet_record_get_deleted_at (self->walk) != NULL)
    carnet_walk_page_set_walk (self, NULL);
}

static void
carnet_walk_page_dispose (GObject *object)
{
  CarnetWalkPage *self = (CarnetWalkPage *)object;

  if (self->observations_list != NULL)
    gtk_list_box_bind_model (self->observations_list, NULL, NULL, NULL, NULL);
  g_clear_weak_pointer (&self->current);
  g_clear_weak_pointer (&self->scroll_target);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_WALK_PAGE);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_object (&self->walk_signals);
  g_clear_object (&self->observations);
  g_clear_object (&self->walk);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_walk_page_parent_class)->dispose (object);
}

static void
carnet_walk_page_class_init (CarnetWalkPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_walk_page_dispose;

  /**
   * CarnetWalkPage::open-record:
   * @record: the action made from an observation, that the user wants to see
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARNET_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-walk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, viewport);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, route_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, participants_row);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetWalkPage, observations_list);

  gtk_widget_class_install_action (widget_class, "walk.delete", NULL, delete_walk_action);
}

static void
carnet_walk_page_init (CarnetWalkPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->walk_signals = g_signal_group_new (CARNET_TYPE_RECORD);
  g_signal_group_connect_swapped (self->walk_signals, "notify::title", G_CALLBACK (update_title), self);
  g_signal_group_connect_swapped (self->walk_signals, "notify::walked-on", G_CALLBACK (update_title), self);
  g_signal_group_connect_swapped (self->walk_signals, "notify::deleted-at",
                                  G_CALLBACK (on_walk_deleted), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "walk.delete", FALSE);
}

CarnetWalkPage *
carnet_walk_page_new (CarnetStore *store)
{
  CarnetWalkPage *self = g_object_new (CARNET_TYPE_WALK_PAGE, NULL);
  struct { const char *field; GtkWidget *widget; } fields[] = {
    { "title", GTK_WIDGET (self->title_row) },
    { "walked-on", GTK_WIDGET (self->date_row) },
    { "route", GTK_WIDGET (self->route_row) },
    { "participants", GTK_WIDGET (self->participants_row) },
    { "notes", GTK_WIDGET (self->notes_view) },
  };

  self->store = g_object_ref (store);
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (self->bindings, carnet_field_binding_new (store, CARNET_TYPE_WALK,
                                                               fields[i].field, fields[i].widget));
  update_title (self);
  return self;
}

/**
 * carnet_walk_page_set_walk:
 * @walk: (nullable): the walk to show
 *
 * Saves what was being typed in the walk shown, then shows @walk.
 */
void
carnet_walk_page_set_walk (CarnetWalkPage *self,
                           CarnetRecord   *walk)
{
  g_return_if_fail (CARNET_IS_WALK_PAGE (self));
  g_return_if_fail (walk == NULL || CARNET_IS_WALK (walk));

  carnet_walk_page_flush (self);
  if (walk == self->walk)
    return;

  g_set_object (&self->walk, walk);
  g_signal_group_set_target (self->walk_signals, walk);
  for (guint i = 0; i < self->bindings->len; i++)
    carnet_field_binding_set_record (g_ptr_array_index (self->bindings, i), walk);

  g_clear_weak_pointer (&self->current);
  if (self->observations != NULL)
    g_signal_handlers_disconnect_by_func (self->observations, update_count, self);
  g_clear_object (&self->observations);
  if (walk != NULL)
    {
      self->observations = carnet_store_list (self->store, CARNET_TYPE_OBSERVATION, "walk-uuid",
                                              carnet_record_get_uuid (walk));
      g_signal_connect_swapped (self->observations, "items-changed", G_CALLBACK (update_count), self);
    }
  gtk_list_box_bind_model (self->observations_list, self->observations, create_row, self, NULL);

  update_title (self);
  update_count (self);
  gtk_stack_set_visible_child_name (self->stack, walk != NULL ? "walk" : "none");
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), walk != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "walk.delete", walk != NULL);
}

/**
 * carnet_walk_page_get_walk:
 *
 * Returns: (transfer none) (nullable): the walk shown
 */
CarnetRecord *
carnet_walk_page_get_walk (CarnetWalkPage *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_PAGE (self), NULL);

  return self->walk;
}

/**
 * carnet_walk_page_get_observations:
 *
 * Returns: (transfer none) (nullable): the observations of the walk, in order
 */
GListModel *
carnet_walk_page_get_observations (CarnetWalkPage *self)
{
  g_return_val_if_fail (CARNET_IS_WALK_PAGE (self), NULL);

  return self->observations;
}

/**
 * carnet_walk_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row of @observation
 */
CarnetObservationRow *
carnet_walk_page_get_row (CarnetWalkPage *self,
                          CarnetRecord   *observation)
{
  g_return_val_if_fail (CARNET_IS_WALK_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->observations_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CARNET_IS_OBSERVATION_ROW (child) &&
        carnet_observation_row_get_observation (CARNET_OBSERVATION_ROW (child)) == observation)
      return CARNET_OBSERVATION_ROW (child);
  return NULL;
}

/**
 * carnet_walk_page_get_current_row:
 *
 * Returns: (transfer none) (nullable): the observation the keyboard works on: the one with
 *   the cursor, else the one last edited, else the newest
 */
CarnetObservationRow *
carnet_walk_page_get_current_row (CarnetWalkPage *self)
{
  GtkRoot *root;
  GtkWidget *focus, *row;
  guint n;

  g_return_val_if_fail (CARNET_IS_WALK_PAGE (self), NULL);

  if (self->walk == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  row = focus != NULL ? gtk_widget_get_ancestor (focus, CARNET_TYPE_OBSERVATION_ROW) : NULL;
  if (row != NULL && gtk_widget_get_parent (row) == GTK_WIDGET (self->observations_list))
    return CARNET_OBSERVATION_ROW (row);
  if (self->current != NULL &&
      gtk_widget_get_parent (self->current) == GTK_WIDGET (self->observations_list))
    return CARNET_OBSERVATION_ROW (self->current);
  n = g_list_model_get_n_items (self->observations);
  if (n == 0)
    return NULL;
  return CARNET_OBSERVATION_ROW (gtk_list_box_get_row_at_index (self->observations_list, n - 1));
}

/* Scrolls so that @row shows whole (or its top, when it is taller than the view). */
static gboolean
bring_into_view (CarnetWalkPage *self,
                 GtkWidget      *row)
{
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (self->viewport));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->viewport));
  graphene_rect_t bounds;
  double value, page;

  if (!gtk_widget_compute_bounds (row, content, &bounds) || bounds.size.height <= 0 ||
      gtk_widget_get_height (GTK_WIDGET (self->viewport)) <= 0)
    return FALSE;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y + bounds.size.height + 12 > value + page)
    value = bounds.origin.y + bounds.size.height + 12 - page;
  if (bounds.origin.y - 12 < value)
    value = bounds.origin.y - 12;
  gtk_adjustment_set_value (adjustment, value);
  return TRUE;
}

/* A row just added is laid out only on the next frame: it is scrolled to then. */
static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  CarnetWalkPage *self = CARNET_WALK_PAGE (widget);

  if (self->scroll_target != NULL && !bring_into_view (self, self->scroll_target))
    return G_SOURCE_CONTINUE;
  g_clear_weak_pointer (&self->scroll_target);
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_row (CarnetWalkPage *self,
               GtkWidget      *row)
{
  if (bring_into_view (self, row))
    return;
  g_set_weak_pointer (&self->scroll_target, row);
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick, NULL, NULL);
}

/* Brings @observation into view with the cursor in its text. */
void
carnet_walk_page_show_observation (CarnetWalkPage *self,
                                   CarnetRecord   *observation)
{
  CarnetObservationRow *row;

  g_return_if_fail (CARNET_IS_WALK_PAGE (self));

  row = carnet_walk_page_get_row (self, observation);
  if (row == NULL)
    return;
  g_set_weak_pointer (&self->current, GTK_WIDGET (row));
  carnet_observation_row_focus_text (row);
  scroll_to_row (self, GTK_WIDGET (row));
}

/**
 * carnet_walk_page_add_observation:
 *
 * Adds an observation taken now, a constat of the theme of the one before, and puts the
 * cursor in it.
 *
 * Returns: (transfer none) (nullable): the new observation
 */
CarnetRecord *
carnet_walk_page_add_observation (CarnetWalkPage *self)
{
  g_autoptr(CarnetRecord) observation = NULL;
  g_autoptr(CarnetRecord) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = carnet_db_now ();
  guint n;

  g_return_val_if_fail (CARNET_IS_WALK_PAGE (self), NULL);

  if (self->walk == NULL)
    return NULL;
  carnet_walk_page_flush (self);
  n = g_list_model_get_n_items (self->observations);
  if (n > 0)
    previous = g_list_model_get_item (self->observations, n - 1);

  observation = g_object_new (CARNET_TYPE_OBSERVATION,
                              "walk-uuid", carnet_record_get_uuid (self->walk),
                              "kind", "constat",
                              "theme-uuid",
                              previous != NULL ? carnet_record_get_string (previous, "theme-uuid") : NULL,
                              "taken-at", now,
                              NULL);
  if (!carnet_store_insert (self->store, observation, &error))
    {
      carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return NULL;
    }
  carnet_walk_page_show_observation (self, observation);
  /* The list holds it; the caller borrows it. */
  return observation;
}

/**
 * carnet_walk_page_set_kind:
 * @kind: "constat", "irritant" or "idee"
 *
 * Sets the kind of the current observation (see carnet_walk_page_get_current_row()).
 */
void
carnet_walk_page_set_kind (CarnetWalkPage *self,
                           const char     *kind)
{
  CarnetObservationRow *row;

  g_return_if_fail (CARNET_IS_WALK_PAGE (self));

  row = carnet_walk_page_get_current_row (self);
  if (row != NULL)
    carnet_observation_row_set_kind (row, kind);
}

/* Opens the theme list of the current observation. */
void
carnet_walk_page_choose_theme (CarnetWalkPage *self)
{
  CarnetObservationRow *row;

  g_return_if_fail (CARNET_IS_WALK_PAGE (self));

  row = carnet_walk_page_get_current_row (self);
  if (row == NULL)
    return;
  /* A popover cannot open on a button scrolled out of sight. */
  scroll_to_row (self, GTK_WIDGET (row));
  carnet_observation_row_choose_theme (row);
}

/* In a narrow window, the observations' buttons show only their icons. */
void
carnet_walk_page_set_compact (CarnetWalkPage *self,
                              gboolean        compact)
{
  g_return_if_fail (CARNET_IS_WALK_PAGE (self));

  self->compact = compact;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->observations_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CARNET_IS_OBSERVATION_ROW (child))
      carnet_observation_row_set_compact (CARNET_OBSERVATION_ROW (child), compact);
}

/**
 * carnet_walk_page_flush:
 *
 * Writes what is being typed, in the walk's fields and in its observations.
 *
 * Returns: %FALSE if something could not be saved (it stays on screen, marked)
 */
gboolean
carnet_walk_page_flush (CarnetWalkPage *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (CARNET_IS_WALK_PAGE (self), FALSE);

  for (guint i = 0; self->bindings != NULL && i < self->bindings->len; i++)
    if (!carnet_field_binding_flush (g_ptr_array_index (self->bindings, i)))
      ok = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->observations_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CARNET_IS_OBSERVATION_ROW (child) && !carnet_observation_row_flush (CARNET_OBSERVATION_ROW (child)))
      ok = FALSE;
  return ok;
}
