/* carnet-fiche-list.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-fiche-list"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-fiche-list.h"
#include "carnet-fiche-row.h"
#include "carnet-format.h"
#include "carnet-section-model.h"
#include "carnet-slot-model.h"

/* The middle pane: the actions (or projects) of a commune or of all communes, filtered,
 * searched, sorted and grouped by SQLite, shown by a GtkListView that builds rows only for
 * what is on screen. */

struct _CarnetFicheList
{
  AdwNavigationPage   parent_instance;

  CarnetStore        *store;
  CarnetRecord       *commune;
  CarnetSectionModel *model;
  CarnetSlotModel    *slots;        /* the rows as GTK sees them: one a position */
  GtkSingleSelection *selection;
  GtkListItemFactory *header_factory;
  GListModel         *themes;
  GPtrArray          *theme_uuids;  /* parallel to theme_dropdown's items; [0] is NULL */
  char               *selected_uuid;
  CarnetQuery        *preset;       /* a filter set from elsewhere (the overview), shown in the banner */
  guint               frozen;       /* filters being set together: one query at the end */
  CarnetRecord       *announced;    /* the selection “selected” last told of */
  GHashTable         *bound;        /* the GtkListItems bound to a slot */
  GPtrArray          *rows;         /* the rows made, kept to serve again when unparented */
  char               *searched;     /* the search's text when the list was last queried */
  GHashTable         *pending;      /* GtkListItem → their row's binding waits */
  gboolean            deferring;    /* a new list is being shown */
  guint               near_from;    /* the positions bound at once meanwhile */
  guint               near_to;
  guint               flush_source;
  GCancellable       *loading;      /* the lists of a large database read in a thread */
  guint               spinner_source;

  AdwWindowTitle     *window_title;
  AdwBanner          *preset_banner;
  GtkToggleButton    *sidebar_button;
  GtkMenuButton      *filter_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  AdwToggleGroup     *kind_toggle;
  GtkStack           *stack;
  GtkWidget          *loading_spinner;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkDropDown        *theme_dropdown;
  GtkDropDown        *status_dropdown;
  GtkCheckButton     *overdue_check;
  GtkDropDown        *sort_dropdown;
  GtkDropDown        *group_dropdown;
};

static void begin_deferring (CarnetFicheList *self);
static void end_deferring   (CarnetFicheList *self);

G_DEFINE_FINAL_TYPE (CarnetFicheList, carnet_fiche_list, ADW_TYPE_NAVIGATION_PAGE)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows kept for reuse: a list view keeps about 200 (GTK_LIST_VIEW_MAX_LIST_ITEMS). */
#define ROW_POOL_SIZE 256

/* The statuses in the order of the filter's menu, after “All statuses”. */
static const char *status_slugs[] = {
  NULL, "en_cours", "en_retard", "en_pause", "bloque", "abandonne", "termine",
};

static gboolean
showing_actions (CarnetFicheList *self)
{
  return g_strcmp0 (adw_toggle_group_get_active_name (self->kind_toggle), "projects") != 0;
}

static gboolean
filters_active (CarnetFicheList *self)
{
  return gtk_drop_down_get_selected (self->theme_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
         gtk_check_button_get_active (self->overdue_check);
}

static void
update_title (CarnetFicheList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  /* Between the two steps of a change (carnet-section-model.c): the list is not empty. */
  if (carnet_section_model_is_changing (self->model))
    return;
  const char *title = self->commune != NULL ? carnet_record_get_string (self->commune, "name")
                                            : _("All Communes");
  g_autofree char *subtitle = NULL;

  if (showing_actions (self))
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u action", "%u actions", n), n);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u project", "%u projects", n), n);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), title);

  if (filters_active (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  if (self->loading != NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
  if (filters_active (self) || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try other words, or reset the filters"));
    }
  else if (showing_actions (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-bullet-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Actions"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add a project, then the actions that carry it out"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-bullet-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Projects"));
      adw_status_page_set_description (self->empty_page,
                                       _("The projects of the projet de territoire go here"));
    }
}

static void
restore_selection (CarnetFicheList *self)
{
  CarnetRecordList *list = carnet_section_model_get_list (self->model);
  g_autoptr(CarnetRecord) record = NULL;
  guint position;

  if (self->selected_uuid == NULL || list == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }
  /* Found by its id among the list's ids: loading each record of a national list to compare
   * UUIDs would take seconds. */
  record = carnet_store_get (self->store, showing_actions (self) ? CARNET_TYPE_ACTION
                                                                 : CARNET_TYPE_PROJECT,
                             self->selected_uuid, NULL);
  if (record != NULL && carnet_record_list_find (list, carnet_record_get_id (record), &position))
    gtk_single_selection_set_selected (self->selection, position);
  else
    /* Not in this list (a search hides it): unselected, and selected again if it comes back. */
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* The record of the selected row. */
static CarnetRecord *
selected_record (CarnetFicheList *self)
{
  CarnetListSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  return slot != NULL ? carnet_list_slot_get_record (slot) : NULL;
}

/* The query of what the pane shows: its commune, filters, search, order. */
static CarnetQuery *
make_query (CarnetFicheList *self)
{
  GType type = showing_actions (self) ? CARNET_TYPE_ACTION : CARNET_TYPE_PROJECT;
  CarnetQuery *query;
  guint theme = gtk_drop_down_get_selected (self->theme_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  g_autofree char *today = carnet_today ();

  query = self->preset != NULL ? carnet_query_copy (self->preset) : carnet_query_new (type);
  if (self->preset != NULL)
    carnet_query_set_type (query, type);
  if (self->commune != NULL)
    carnet_query_set_commune (query, carnet_record_get_uuid (self->commune));
  if (theme != GTK_INVALID_LIST_POSITION && theme < self->theme_uuids->len)
    carnet_query_set_theme (query, g_ptr_array_index (self->theme_uuids, theme));
  if (status != GTK_INVALID_LIST_POSITION && status < G_N_ELEMENTS (status_slugs))
    carnet_query_set_status (query, status_slugs[status]);
  if (gtk_check_button_get_active (self->overdue_check))
    carnet_query_set_overdue (query, today);
  carnet_query_set_text (query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  carnet_query_set_sort (query, (CarnetSort)gtk_drop_down_get_selected (self->sort_dropdown));
  carnet_query_set_group (query, (CarnetGroup)gtk_drop_down_get_selected (self->group_dropdown));
  return query;
}

static void
requery (CarnetFicheList *self)
{
  g_autoptr(CarnetQuery) query = NULL;
  g_autoptr(CarnetRecordList) list = NULL;

  /* Still reading: the list is queried once it is read, as the pane is then. */
  if (self->loading != NULL)
    return;

  query = make_query (self);
  /* Other words: their first results are shown. */
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0 &&
      gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)) != NULL)
    gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), 0);
  g_set_str (&self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  list = carnet_store_query (self->store, query);
  /* Headers only when grouped: one header over the whole list would say nothing. */
  gtk_list_view_set_header_factory (self->list_view,
                                    carnet_record_list_has_sections (list) ? self->header_factory : NULL);
  begin_deferring (self);
  carnet_section_model_set_list (self->model, list);
  end_deferring (self);
  update_title (self);
}

static void
scroll_to_selected (GdkFrameClock   *clock,
                    CarnetFicheList *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  g_signal_handlers_disconnect_by_func (clock, scroll_to_selected, self);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_list_view_scroll_to (self->list_view, selected, GTK_LIST_SCROLL_NONE, NULL);
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  CarnetFicheList *self = data;
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock;

  if (!carnet_store_prepare_query_finish (CARNET_STORE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  requery (self);
  /* The fiche selected when Carnet was left, shown once the list is. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));
  if (clock != NULL && gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (scroll_to_selected), self, 0);
}

/* A spinner only for a wait that shows: its frames would slow the reading down. */
static void
show_spinner (gpointer data)
{
  CarnetFicheList *self = data;

  self->spinner_source = 0;
  gtk_widget_set_visible (self->loading_spinner, TRUE);
}

static void
start_loading (CarnetFicheList *self)
{
  g_autoptr(CarnetQuery) query = make_query (self);

  self->spinner_source = g_timeout_add_once (1000, show_spinner, self);
  carnet_store_prepare_query_async (self->store, query, self->loading, on_prepared, self);
}

static void
on_first_frame (GdkFrameClock   *clock,
                CarnetFicheList *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  start_loading (self);
}

/* Read once the window is drawn: the reading would slow that frame down. */
static void
on_map (CarnetFicheList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, on_map, NULL);
  if (clock == NULL)
    start_loading (self);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
}

/* The first list of a national database takes a moment to read: the window shows itself
 * meanwhile, the pane says it is reading. */
static void
first_query (CarnetFicheList *self)
{
  g_autoptr(CarnetQuery) query = make_query (self);

  if (carnet_store_query_is_ready (self->store, query))
    {
      requery (self);
      return;
    }
  self->loading = g_cancellable_new ();
  update_title (self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/* GTK tells a change of the search's text (emptied at once, typed right after the keystroke);
 * the list may already show it. */
static void
on_search_changed (CarnetFicheList *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->searched) != 0)
    requery (self);
}

static void
on_stop_search (CarnetFicheList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_filters_changed (CarnetFicheList *self)
{
  if (self->store != NULL && self->frozen == 0)
    requery (self);
}

static void
on_kind_changed (CarnetFicheList *self)
{
  g_clear_pointer (&self->selected_uuid, g_free);
  if (self->store != NULL)
    requery (self);
}

static void
on_banner_clicked (CarnetFicheList *self)
{
  g_clear_pointer (&self->preset, carnet_query_free);
  adw_banner_set_revealed (self->preset_banner, FALSE);
  requery (self);
}

static void
on_reset_clicked (CarnetFicheList *self)
{
  self->frozen++;
  gtk_drop_down_set_selected (self->theme_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
  gtk_drop_down_set_selected (self->group_dropdown, 0);
  self->frozen--;
  on_filters_changed (self);
}

static void
on_selection_changed (CarnetFicheList *self)
{
  CarnetRecord *record;

  /* GTK unselects a row that goes at the end of a list: the selection is put right, and
   * told, once the change is over (on_slots_changed()). */
  if (carnet_slot_model_is_changing (self->slots))
    return;
  record = selected_record (self);
  if (record != NULL)
    g_set_str (&self->selected_uuid, carnet_record_get_uuid (record));
  if (!g_set_object (&self->announced, record))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
fill_themes (CarnetFicheList *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *selected = NULL;
  guint position = 0;
  guint n;

  if (self->theme_uuids->len > 0)
    {
      guint current = gtk_drop_down_get_selected (self->theme_dropdown);
      if (current != GTK_INVALID_LIST_POSITION && current < self->theme_uuids->len)
        selected = g_ptr_array_index (self->theme_uuids, current);
    }

  g_ptr_array_set_size (self->theme_uuids, 0);
  gtk_string_list_append (names, _("All themes"));
  g_ptr_array_add (self->theme_uuids, NULL);
  n = g_list_model_get_n_items (self->themes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CarnetRecord) theme = g_list_model_get_item (self->themes, i);
      const char *uuid = g_intern_string (carnet_record_get_uuid (theme));

      gtk_string_list_append (names, carnet_record_get_string (theme, "name"));
      g_ptr_array_add (self->theme_uuids, (gpointer)uuid);
      if (selected != NULL && uuid == selected)
        position = i + 1;
    }
  g_signal_handlers_block_by_func (self->theme_dropdown, on_filters_changed, self);
  gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->theme_dropdown, position);
  g_signal_handlers_unblock_by_func (self->theme_dropdown, on_filters_changed, self);
}

static void
fill_statuses (CarnetFicheList *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const CarnetField *field =
    carnet_record_class_find_field (g_type_class_peek (CARNET_TYPE_ACTION), "status");

  gtk_string_list_append (names, _("All statuses"));
  for (guint i = 1; i < G_N_ELEMENTS (status_slugs); i++)
    gtk_string_list_append (names, carnet_field_choice_label (field, status_slugs[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (names));
}

/* A list view keeps some 200 rows, and a new list replaces them all: rows built from their
 * template cost more than their binding, so they outlive their list items and serve again
 * once GTK let them go. */
static GtkWidget *
take_row (CarnetFicheList *self)
{
  GtkWidget *row;

  for (guint i = 0; i < self->rows->len; i++)
    if (gtk_widget_get_parent (self->rows->pdata[i]) == NULL)
      return self->rows->pdata[i];
  row = carnet_fiche_row_new (self->store);
  if (self->rows->len < ROW_POOL_SIZE)
    g_ptr_array_add (self->rows, g_object_ref_sink (row));
  return row;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CarnetFicheList          *self)
{
  gtk_list_item_set_child (item, take_row (self));
}

/* A new list replaces the 200 rows a list view keeps: those near what is shown are bound at
 * once, the others right after the frame, so that a keystroke in the search shows its
 * result without waiting for rows nobody sees. */
static void
bind_now (GtkListItem *item)
{
  carnet_fiche_row_set_record (CARNET_FICHE_ROW (gtk_list_item_get_child (item)),
                               carnet_list_slot_get_record (gtk_list_item_get_item (item)));
}

static gboolean
flush_some (gpointer data)
{
  CarnetFicheList *self = data;
  GHashTableIter iter;
  gpointer item;
  guint done = 0;

  g_hash_table_iter_init (&iter, self->pending);
  /* A few at a time: a keystroke may come meanwhile, and its frame must not wait. */
  while (done < 8 && g_hash_table_iter_next (&iter, &item, NULL))
    {
      bind_now (item);
      g_hash_table_iter_remove (&iter);
      done++;
    }
  if (g_hash_table_size (self->pending) > 0)
    return G_SOURCE_CONTINUE;
  self->flush_source = 0;
  return G_SOURCE_REMOVE;
}

/* Which positions are on screen, or nearly: from the scroll position and the average row. */
static gboolean
find_near (CarnetFicheList *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  double row = 60, first, shown;

  if (adjustment == NULL)
    return FALSE;
  if (n > 0 && gtk_adjustment_get_upper (adjustment) > 0)
    row = MAX (gtk_adjustment_get_upper (adjustment) / n, 16);
  first = gtk_adjustment_get_value (adjustment) / row;
  shown = gtk_adjustment_get_page_size (adjustment) / row;
  self->near_from = (guint)MAX (first - 6, 0);
  self->near_to = (guint)(first + shown + 6);
  return TRUE;
}

static void
begin_deferring (CarnetFicheList *self)
{
  self->deferring = find_near (self);
}

/* Scrolled: the rows that come into view are bound before they are drawn. */
static void
on_scrolled (CarnetFicheList *self)
{
  GHashTableIter iter;
  gpointer item;

  if (g_hash_table_size (self->pending) == 0)
    return;
  find_near (self);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);

      if (position >= self->near_from && position < self->near_to)
        {
          bind_now (item);
          g_hash_table_iter_remove (&iter);
        }
    }
}

/* The rows left are bound once the frame that shows the new list is drawn: bound before,
 * while the frame clock waits for its time, they would delay it. */
static void
start_flushing (CarnetFicheList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));

  if (clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, start_flushing, self);
  if (g_hash_table_size (self->pending) > 0 && self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_LOW, flush_some, self, NULL);
}

static void
end_deferring (CarnetFicheList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));

  self->deferring = FALSE;
  if (g_hash_table_size (self->pending) == 0 || self->flush_source != 0)
    return;
  if (clock == NULL)
    start_flushing (self);
  else if (g_signal_handler_find (clock, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                  start_flushing, self) == 0)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (start_flushing), self,
                             G_CONNECT_SWAPPED);
}

/* Binds @item's row now if it is near the screen or nothing is deferred, else after the
 * frame. */
static void
bind_or_defer (CarnetFicheList *self,
               GtkListItem     *item)
{
  guint position = gtk_list_item_get_position (item);

  if (self->deferring && (position < self->near_from || position >= self->near_to))
    {
      g_hash_table_add (self->pending, g_object_ref (item));
      return;
    }
  g_hash_table_remove (self->pending, item);
  bind_now (item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CarnetFicheList          *self)
{
  g_hash_table_add (self->bound, item);
  bind_or_defer (self, item);
}

/* The records changed from @from to @to: the rows bound there show their new record, those
 * near the screen at once, the others after the frame; then the selection follows its
 * record. */
static void
on_slots_changed (CarnetFicheList *self,
                  guint            from,
                  guint            to)
{
  gboolean deferring = self->deferring;
  GHashTableIter iter;
  gpointer item;

  if (!deferring)
    begin_deferring (self);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      guint position = gtk_list_item_get_position (item);

      if (position >= from && position < to)
        bind_or_defer (self, item);
    }
  if (!deferring)
    end_deferring (self);

  restore_selection (self);
  on_selection_changed (self);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CarnetFicheList          *self)
{
  g_hash_table_remove (self->pending, item);
  g_hash_table_remove (self->bound, item);
  carnet_fiche_row_set_record (CARNET_FICHE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
setup_header (GtkSignalListItemFactory *factory,
              GtkListHeader            *header,
              CarnetFicheList          *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_margin_start (label, 6);
  gtk_list_header_set_child (header, label);
}

/* A section is a project (its number and title) or a theme (its name). */
static void
bind_header (GtkSignalListItemFactory *factory,
             GtkListHeader            *header,
             CarnetFicheList          *self)
{
  CarnetRecordList *list = carnet_section_model_get_list (self->model);
  const char *key = list != NULL ? carnet_record_list_get_section_key (list, gtk_list_header_get_start (header)) : NULL;
  GtkLabel *label = GTK_LABEL (gtk_list_header_get_child (header));
  g_autoptr(CarnetRecord) record = NULL;

  if (key == NULL)
    {
      gtk_label_set_text (label, "");
      return;
    }
  if (gtk_drop_down_get_selected (self->group_dropdown) == CARNET_GROUP_PROJECT)
    {
      record = carnet_store_get (self->store, CARNET_TYPE_PROJECT, key, NULL);
      if (record != NULL && *carnet_record_get_string (record, "number") != '\0')
        {
          g_autofree char *text = g_strdup_printf ("%s · %s",
                                                   carnet_record_get_string (record, "number"),
                                                   carnet_record_get_title (record));
          gtk_label_set_text (label, text);
          return;
        }
    }
  else if (*key != '\0')
    record = carnet_store_get (self->store, CARNET_TYPE_THEME, key, NULL);

  gtk_label_set_text (label, record != NULL ? carnet_record_get_title (record) : _("No theme"));
}

static void
on_themes_changed (CarnetFicheList *self)
{
  fill_themes (self);
}

static void
carnet_fiche_list_dispose (GObject *object)
{
  CarnetFicheList *self = (CarnetFicheList *)object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_FICHE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->header_factory);
  g_clear_object (&self->slots);
  g_clear_object (&self->model);
  g_clear_object (&self->themes);
  g_clear_object (&self->commune);
  g_clear_object (&self->store);
  g_clear_pointer (&self->theme_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->selected_uuid, g_free);
  g_clear_pointer (&self->preset, carnet_query_free);
  g_clear_object (&self->announced);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->searched, g_free);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  G_OBJECT_CLASS (carnet_fiche_list_parent_class)->dispose (object);
}

static void
carnet_fiche_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CarnetFicheList *self = CARNET_FICHE_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, carnet_fiche_list_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_fiche_list_class_init (CarnetFicheListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_fiche_list_dispose;
  object_class->get_property = carnet_fiche_list_get_property;

  /**
   * CarnetFicheList:selected:
   *
   * The project or action selected, or %NULL.
   */
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, CARNET_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-fiche-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, window_title);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, preset_banner);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, kind_toggle);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, stack);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, list_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CarnetFicheList, group_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_clicked);
}

static void
carnet_fiche_list_init (CarnetFicheList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->theme_uuids = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->bound = g_hash_table_new (NULL, NULL);
  self->model = carnet_section_model_new ();
  self->slots = carnet_slot_model_new (self->model);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  if (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)) != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

      /* Scrolled, or made taller: more rows come into view. */
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scrolled), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_scrolled), self,
                               G_CONNECT_SWAPPED);
    }
  g_object_unref (factory);

  self->header_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->header_factory, "setup", G_CALLBACK (setup_header), self);
  g_signal_connect (self->header_factory, "bind", G_CALLBACK (bind_header), self);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->slots, "changed", G_CALLBACK (on_slots_changed), self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  fill_statuses (self);
}

CarnetFicheList *
carnet_fiche_list_new (CarnetStore *store)
{
  CarnetFicheList *self = g_object_new (CARNET_TYPE_FICHE_LIST, NULL);

  self->store = g_object_ref (store);
  self->themes = carnet_store_list (store, CARNET_TYPE_THEME, NULL, NULL);
  g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (on_themes_changed), self,
                           G_CONNECT_SWAPPED);
  fill_themes (self);
  first_query (self);
  return self;
}

/**
 * carnet_fiche_list_set_commune:
 * @commune: (nullable): the commune whose projects and actions to show, or %NULL for all
 */
void
carnet_fiche_list_set_commune (CarnetFicheList *self,
                               CarnetRecord    *commune)
{
  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  if (!g_set_object (&self->commune, commune))
    return;
  g_clear_pointer (&self->selected_uuid, g_free);
  requery (self);
}

CarnetRecord *
carnet_fiche_list_get_commune (CarnetFicheList *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_LIST (self), NULL);

  return self->commune;
}

/**
 * carnet_fiche_list_set_kind:
 * @type: %CARNET_TYPE_ACTION or %CARNET_TYPE_PROJECT
 */
void
carnet_fiche_list_set_kind (CarnetFicheList *self,
                            GType            type)
{
  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  adw_toggle_group_set_active_name (self->kind_toggle,
                                    type == CARNET_TYPE_PROJECT ? "projects" : "actions");
}

GType
carnet_fiche_list_get_kind (CarnetFicheList *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_LIST (self), G_TYPE_INVALID);

  return showing_actions (self) ? CARNET_TYPE_ACTION : CARNET_TYPE_PROJECT;
}

/* Opens the search bar with @text, as typing in it would. */
void
carnet_fiche_list_set_search (CarnetFicheList *self,
                              const char      *text)
{
  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed (self);
  if (text != NULL && *text != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * carnet_fiche_list_show_preset:
 * @type: %CARNET_TYPE_ACTION or %CARNET_TYPE_PROJECT
 * @preset: (nullable): filters to apply beyond the list's own, or %NULL for none
 * @label: (nullable): what they mean, shown in a banner with a way to clear them
 *
 * Shows the list behind a figure of the overview: “the actions due in the next 30 days”,
 * “the projects funded by ANCT”. The search and the list's own filters are reset.
 */
void
carnet_fiche_list_show_preset (CarnetFicheList   *self,
                               GType              type,
                               const CarnetQuery *preset,
                               const char        *label)
{
  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  g_clear_pointer (&self->preset, carnet_query_free);
  if (preset != NULL)
    self->preset = carnet_query_copy (preset);
  adw_banner_set_title (self->preset_banner, label != NULL ? label : "");
  adw_banner_set_revealed (self->preset_banner, preset != NULL);

  g_signal_handlers_block_by_func (self->kind_toggle, on_kind_changed, self);
  carnet_fiche_list_set_kind (self, type);
  g_signal_handlers_unblock_by_func (self->kind_toggle, on_kind_changed, self);
  g_clear_pointer (&self->selected_uuid, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  carnet_fiche_list_set_filters (self, NULL, NULL, FALSE);
}

/* Ctrl+F: the search bar opens with the cursor in it. */
void
carnet_fiche_list_start_search (CarnetFicheList *self)
{
  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * carnet_fiche_list_set_filters:
 * @theme_uuid: (nullable): a theme, or %NULL for all
 * @status: (nullable): a status slug, or %NULL for all
 * @overdue: whether to keep only overdue ones
 */
void
carnet_fiche_list_set_filters (CarnetFicheList *self,
                               const char      *theme_uuid,
                               const char      *status,
                               gboolean         overdue)
{
  guint theme_position = 0, status_position = 0;

  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  for (guint i = 1; i < self->theme_uuids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->theme_uuids, i), theme_uuid) == 0)
      theme_position = i;
  for (guint i = 1; i < G_N_ELEMENTS (status_slugs); i++)
    if (g_strcmp0 (status_slugs[i], status) == 0)
      status_position = i;

  self->frozen++;
  gtk_drop_down_set_selected (self->theme_dropdown, theme_position);
  gtk_drop_down_set_selected (self->status_dropdown, status_position);
  gtk_check_button_set_active (self->overdue_check, overdue);
  self->frozen--;
  requery (self);
}

/**
 * carnet_fiche_list_get_model:
 *
 * Returns: (transfer none): the records shown, in order
 */
GListModel *
carnet_fiche_list_get_model (CarnetFicheList *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_LIST (self), NULL);

  return G_LIST_MODEL (self->model);
}

/**
 * carnet_fiche_list_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected project or action
 */
CarnetRecord *
carnet_fiche_list_get_selected (CarnetFicheList *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_LIST (self), NULL);

  return selected_record (self);
}

/**
 * carnet_fiche_list_select:
 *
 * Selects @record, switching between actions and projects if needed and clearing the
 * filters that hide it.
 *
 * Returns: whether it is now selected
 */
gboolean
carnet_fiche_list_select (CarnetFicheList *self,
                          CarnetRecord    *record)
{
  g_return_val_if_fail (CARNET_IS_FICHE_LIST (self), FALSE);
  g_return_val_if_fail (CARNET_IS_RECORD (record), FALSE);

  g_set_str (&self->selected_uuid, carnet_record_get_uuid (record));
  if (carnet_fiche_list_get_kind (self) != G_OBJECT_TYPE (record))
    carnet_fiche_list_set_kind (self, G_OBJECT_TYPE (record));
  g_set_str (&self->selected_uuid, carnet_record_get_uuid (record));
  /* Selected once the list is read. */
  if (self->loading != NULL)
    return TRUE;
  restore_selection (self);
  if (carnet_fiche_list_get_selected (self) != record)
    {
      carnet_fiche_list_set_search (self, NULL);
      on_reset_clicked (self);
      g_set_str (&self->selected_uuid, carnet_record_get_uuid (record));
      restore_selection (self);
    }
  if (carnet_fiche_list_get_selected (self) == record)
    {
      gtk_list_view_scroll_to (self->list_view,
                               gtk_single_selection_get_selected (self->selection),
                               GTK_LIST_SCROLL_NONE, NULL);
      return TRUE;
    }
  return FALSE;
}

/* Moves the selection by @delta rows (next: 1, previous: -1). */
void
carnet_fiche_list_select_next (CarnetFicheList *self,
                               int              delta)
{
  guint n, position;
  gint64 next;

  g_return_if_fail (CARNET_IS_FICHE_LIST (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (n == 0)
    return;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : (gint64)n - 1;
  else
    next = CLAMP ((gint64)position + delta, 0, (gint64)n - 1);
  gtk_single_selection_set_selected (self->selection, (guint)next);
  gtk_list_view_scroll_to (self->list_view, (guint)next, GTK_LIST_SCROLL_FOCUS, NULL);
}

/**
 * carnet_fiche_list_get_sidebar_button:
 *
 * Returns: (transfer none): the button that shows the window's sidebar when it is folded
 */
GtkWidget *
carnet_fiche_list_get_sidebar_button (CarnetFicheList *self)
{
  g_return_val_if_fail (CARNET_IS_FICHE_LIST (self), NULL);

  return GTK_WIDGET (self->sidebar_button);
}
