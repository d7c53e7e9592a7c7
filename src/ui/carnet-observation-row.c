/* carnet-observation-row.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-observation-row"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-field-binding.h"
#include "carnet-observation-row.h"
#include "carnet-position-entry.h"
#include "carnet-theme-popover.h"
#include "carnet-ui-util.h"
#include "carnet-walk-dialogs.h"
#include "carnet-walks.h"

/* One observation of a walk, edited in place: its kind as a coloured pill, its theme, what
 * was seen (saved as it is typed), the time it was taken, where, its photos, and the action
 * it became. */

struct _CarnetObservationRow
{
  GtkListBoxRow       parent_instance;

  CarnetStore        *store;
  CarnetRecord       *observation;
  CarnetFieldBinding *text_binding;
  GListModel         *attachments;
  GCancellable       *cancellable;
  GtkWidget          *theme_popover;
  gboolean            theme_popup_pending;

  GtkMenuButton      *kind_button;
  GtkLabel           *kind_label;
  GtkMenuButton      *theme_button;
  GtkImage           *theme_icon;
  GtkLabel           *theme_label;
  GtkLabel           *time_label;
  GtkTextView        *text_view;
  GtkLabel           *placeholder;
  GtkFlowBox         *photos_box;
  CarnetPositionEntry *position_entry;
  GtkButton          *action_button;
  GtkLabel           *action_label;
  GtkButton          *link_button;
  GtkLabel           *link_label;
};

G_DEFINE_FINAL_TYPE (CarnetObservationRow, carnet_observation_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_RECORD,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *kinds[] = { "constat", "irritant", "idee" };

static void
update_kind (CarnetObservationRow *self)
{
  const char *kind = carnet_record_get_string (self->observation, "kind");
  const CarnetField *field = carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (self->observation),
                                                             "kind");
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (self->kind_label), kinds[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), kind);
  gtk_label_set_text (self->kind_label, carnet_field_choice_label (field, kind));
  /* Translators: the accessible name of the button that shows and changes an observation's kind */
  label = g_strdup_printf (_("Kind: %s"), carnet_field_choice_label (field, kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_theme (CarnetObservationRow *self)
{
  g_autoptr(CarnetRecord) theme = NULL;
  const char *uuid = carnet_record_get_string (self->observation, "theme-uuid");
  g_autofree char *label = NULL;

  if (uuid != NULL)
    theme = carnet_store_get (self->store, CARNET_TYPE_THEME, uuid, NULL);
  carnet_ui_set_theme_icon (self->theme_icon, theme);
  gtk_label_set_text (self->theme_label, theme != NULL ? carnet_record_get_string (theme, "name")
                                                       : _("No theme"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->theme_icon), NULL);
  /* Translators: the accessible name of the button that shows and changes an observation's theme */
  label = g_strdup_printf (_("Theme: %s"), gtk_label_get_text (self->theme_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->theme_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_link (CarnetObservationRow *self)
{
  const char *uuid = carnet_record_get_string (self->observation, "action-uuid");
  g_autoptr(CarnetRecord) action = NULL;

  if (uuid != NULL)
    action = carnet_store_get (self->store, CARNET_TYPE_ACTION, uuid, NULL);
  if (action != NULL && carnet_record_get_deleted_at (action) == NULL)
    {
      /* Translators: a link from an observation to the action made of it */
      g_autofree char *text = g_strdup_printf (_("→ Action: %s"), carnet_record_get_title (action));

      gtk_label_set_text (self->link_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->link_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->action_button), FALSE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->link_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->action_button), TRUE);
    }
}

static void
update_placeholder (CarnetObservationRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
on_observation_notify (CarnetObservationRow *self,
                       GParamSpec           *pspec)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "kind"))
    {
      update_kind (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  else if (g_str_equal (name, "theme-uuid"))
    update_theme (self);
  else if (g_str_equal (name, "action-uuid"))
    update_link (self);
}

/* Photos */

static void
on_thumbnail_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkImage) image = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = carnet_walks_load_texture_finish (result, &error);
  if (texture != NULL)
    gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_image_set_from_icon_name (image, "image-missing-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (image), error->message);
    }
}

static void
on_thumbnail_clicked (GtkButton            *button,
                      CarnetObservationRow *self)
{
  CarnetRecord *attachment = g_object_get_data (G_OBJECT (button), "attachment");

  carnet_walks_show_photo (GTK_WIDGET (self), self->store, attachment);
}

static GtkWidget *
create_thumbnail (gpointer item,
                  gpointer user_data)
{
  CarnetObservationRow *self = user_data;
  CarnetRecord *attachment = item;
  g_autofree char *path = carnet_attachment_get_path (self->store, attachment);
  const char *name = carnet_record_get_string (attachment, "file-name");
  g_autofree char *label = g_strdup_printf (_("Photo %s"), name);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *image = gtk_image_new_from_icon_name ("image-loading-symbolic");

  gtk_image_set_pixel_size (GTK_IMAGE (image), CARNET_THUMBNAIL_SIZE);
  gtk_widget_add_css_class (image, "observation-thumbnail");
  gtk_widget_set_overflow (image, GTK_OVERFLOW_HIDDEN);
  gtk_button_set_child (GTK_BUTTON (button), image);
  gtk_widget_add_css_class (button, "observation-thumbnail-button");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "attachment", g_object_ref (attachment), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_thumbnail_clicked), self);
  /* Twice the size, sharp on a high-density screen. */
  if (path != NULL)
    carnet_walks_load_texture_async (path, CARNET_THUMBNAIL_SIZE * 2, TRUE, self->cancellable,
                                     on_thumbnail_loaded, g_object_ref (image));
  return button;
}

static void
on_attachments_changed (CarnetObservationRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->photos_box),
                          g_list_model_get_n_items (self->attachments) > 0);
}

static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CarnetObservationRow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
          !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  carnet_observation_row_attach_files (self, files);
}

static void
attach_photos_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CarnetObservationRow *self = CARNET_OBSERVATION_ROW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (images, _("Photos and Images"));
  gtk_file_filter_add_mime_type (images, "image/*");
  g_list_store_append (filters, images);
  gtk_file_dialog_set_title (dialog, _("Attach Photos"));
  gtk_file_dialog_set_accept_label (dialog, _("_Attach"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, images);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), NULL,
                                 on_files_chosen, g_object_ref (self));
}

/* Turning into an action */

static void
on_open_created (AdwToast             *toast,
                 CarnetObservationRow *self)
{
  CarnetRecord *action = g_object_get_data (G_OBJECT (toast), "action");

  g_signal_emit (self, signals[OPEN_RECORD], 0, action);
}

static void
on_project_chosen (AdwAlertDialog       *dialog,
                   const char           *response,
                   CarnetObservationRow *self)
{
  CarnetRecord *project = carnet_walks_record_dialog_get_chosen (ADW_DIALOG (dialog));
  g_autoptr(CarnetAction) action = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (g_strcmp0 (response, "choose") != 0 || project == NULL)
    return;
  carnet_observation_row_flush (self);
  action = carnet_store_observation_to_action (self->store, self->observation, project, &error);
  if (action == NULL)
    {
      carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  /* Translators: a toast, “Action « Abri vélo à la gare » created” */
  toast = adw_toast_new_format (_("Action “%s” created"),
                                carnet_record_get_title (CARNET_RECORD (action)));
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "action", g_object_ref (action), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_created), self, 0);
  carnet_walks_add_toast (GTK_WIDGET (self), toast);
}

static void
to_action_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  carnet_observation_row_turn_into_action (CARNET_OBSERVATION_ROW (widget));
}

static void
open_action_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CarnetObservationRow *self = CARNET_OBSERVATION_ROW (widget);
  g_autoptr(CarnetRecord) action = carnet_store_get (self->store, CARNET_TYPE_ACTION,
                                                     carnet_record_get_string (self->observation,
                                                                               "action-uuid"),
                                                     NULL);

  if (action != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, action);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

/* Escape closes the theme list: the cursor goes back to the text, not to the button. */
static gboolean
refocus_text (gpointer data)
{
  CarnetObservationRow *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (root != NULL && (focus == NULL || focus == GTK_WIDGET (self->theme_button) ||
                       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->theme_button))))
    carnet_observation_row_focus_text (self);
  return G_SOURCE_REMOVE;
}

static void
on_theme_popover_closed (CarnetObservationRow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refocus_text, g_object_ref (self), g_object_unref);
}

static void
on_theme_chosen (CarnetObservationRow *self,
                 CarnetRecord         *theme)
{
  carnet_observation_row_set_theme (self, theme);
  carnet_observation_row_focus_text (self);
}

static void
carnet_observation_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CarnetObservationRow *self = CARNET_OBSERVATION_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->observation != NULL
                                 ? carnet_record_get_string (self->observation, "kind") : "constat");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_observation_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CarnetObservationRow *self = CARNET_OBSERVATION_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      carnet_observation_row_set_kind (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carnet_observation_row_unroot (GtkWidget *widget)
{
  /* Leaving the window (another walk shown, the window closed): nothing typed is lost. */
  carnet_observation_row_flush (CARNET_OBSERVATION_ROW (widget));

  GTK_WIDGET_CLASS (carnet_observation_row_parent_class)->unroot (widget);
}

static void
carnet_observation_row_dispose (GObject *object)
{
  CarnetObservationRow *self = (CarnetObservationRow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->theme_popover != NULL)
    gtk_menu_button_set_popover (self->theme_button, NULL);
  self->theme_popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CARNET_TYPE_OBSERVATION_ROW);
  g_clear_object (&self->text_binding);
  g_clear_object (&self->attachments);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->observation);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carnet_observation_row_parent_class)->dispose (object);
}

static void
carnet_observation_row_class_init (CarnetObservationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carnet_observation_row_dispose;
  object_class->get_property = carnet_observation_row_get_property;
  object_class->set_property = carnet_observation_row_set_property;
  widget_class->unroot = carnet_observation_row_unroot;

  /**
   * CarnetObservationRow:kind:
   *
   * The observation's kind: "constat", "irritant" or "idee". Setting it saves it.
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "constat",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CarnetObservationRow::open-record:
   * @record: the action made from the observation
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CARNET_TYPE_RECORD);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  g_type_ensure (CARNET_TYPE_POSITION_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/carnet-observation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, kind_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, theme_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, theme_icon);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, theme_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, placeholder);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, photos_box);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, position_entry);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, action_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, action_label);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, link_button);
  gtk_widget_class_bind_template_child (widget_class, CarnetObservationRow, link_label);

  gtk_widget_class_install_property_action (widget_class, "observation.kind", "kind");
  gtk_widget_class_install_action (widget_class, "observation.attach-photos", NULL, attach_photos_action);
  gtk_widget_class_install_action (widget_class, "observation.to-action", NULL, to_action_action);
  gtk_widget_class_install_action (widget_class, "observation.open-action", NULL, open_action_action);
  gtk_widget_class_install_action (widget_class, "observation.delete", NULL, delete_action);
}

static void
carnet_observation_row_init (CarnetObservationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (update_placeholder), self);
}

/**
 * carnet_observation_row_new:
 * @observation: a #CarnetObservation
 */
GtkWidget *
carnet_observation_row_new (CarnetStore  *store,
                            CarnetRecord *observation)
{
  CarnetObservationRow *self;
  g_autofree char *time = NULL;

  g_return_val_if_fail (CARNET_IS_STORE (store), NULL);
  g_return_val_if_fail (CARNET_IS_OBSERVATION (observation), NULL);

  self = g_object_new (CARNET_TYPE_OBSERVATION_ROW, NULL);
  self->store = g_object_ref (store);
  self->observation = g_object_ref (observation);

  self->text_binding = carnet_field_binding_new (store, CARNET_TYPE_OBSERVATION, "text",
                                                 GTK_WIDGET (self->text_view));
  carnet_field_binding_set_record (self->text_binding, observation);
  update_placeholder (self);

  self->theme_popover = carnet_theme_popover_new (store);
  gtk_menu_button_set_popover (self->theme_button, self->theme_popover);
  g_signal_connect_object (self->theme_popover, "chosen", G_CALLBACK (on_theme_chosen), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_popover, "closed", G_CALLBACK (on_theme_popover_closed), self,
                           G_CONNECT_SWAPPED);

  self->attachments = carnet_store_list (store, CARNET_TYPE_ATTACHMENT, "observation-uuid",
                                         carnet_record_get_uuid (observation));
  gtk_flow_box_bind_model (self->photos_box, self->attachments, create_thumbnail, self, NULL);
  g_signal_connect_object (self->attachments, "items-changed", G_CALLBACK (on_attachments_changed),
                           self, G_CONNECT_SWAPPED);
  on_attachments_changed (self);

  time = carnet_walks_format_time (carnet_record_get_string (observation, "taken-at"));
  gtk_label_set_text (self->time_label, time);
  update_kind (self);
  update_theme (self);
  update_link (self);
  carnet_position_entry_set_record (self->position_entry, store, observation);
  g_signal_connect_object (observation, "notify", G_CALLBACK (on_observation_notify), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * carnet_observation_row_get_observation:
 *
 * Returns: (transfer none): the observation shown
 */
CarnetRecord *
carnet_observation_row_get_observation (CarnetObservationRow *self)
{
  g_return_val_if_fail (CARNET_IS_OBSERVATION_ROW (self), NULL);

  return self->observation;
}

/**
 * carnet_observation_row_get_text_view:
 *
 * Returns: (transfer none): where the observation is typed
 */
GtkTextView *
carnet_observation_row_get_text_view (CarnetObservationRow *self)
{
  g_return_val_if_fail (CARNET_IS_OBSERVATION_ROW (self), NULL);

  return self->text_view;
}

/**
 * carnet_observation_row_get_position_entry:
 *
 * Returns: (transfer none): where the position is typed or pasted
 */
GtkEditable *
carnet_observation_row_get_position_entry (CarnetObservationRow *self)
{
  g_return_val_if_fail (CARNET_IS_OBSERVATION_ROW (self), NULL);

  return GTK_EDITABLE (self->position_entry);
}

/* Puts the cursor at the end of the text, ready to type. */
void
carnet_observation_row_focus_text (CarnetObservationRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (CARNET_IS_OBSERVATION_ROW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * carnet_observation_row_set_kind:
 * @kind: "constat", "irritant" or "idee"
 */
void
carnet_observation_row_set_kind (CarnetObservationRow *self,
                                 const char           *kind)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CARNET_IS_OBSERVATION_ROW (self));

  if (self->observation == NULL || kind == NULL ||
      g_strcmp0 (kind, carnet_record_get_string (self->observation, "kind")) == 0)
    return;
  if (!carnet_store_update_text (self->store, self->observation, "kind", kind, &error))
    carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
}

/**
 * carnet_observation_row_set_theme:
 * @theme: (nullable): a theme, or %NULL for none
 */
void
carnet_observation_row_set_theme (CarnetObservationRow *self,
                                  CarnetRecord         *theme)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (CARNET_IS_OBSERVATION_ROW (self));

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, theme != NULL ? carnet_record_get_uuid (theme) : NULL);
  if (g_strcmp0 (g_value_get_string (&value),
                 carnet_record_get_string (self->observation, "theme-uuid")) == 0)
    return;
  if (!carnet_store_update (self->store, self->observation, "theme-uuid", &value, &error))
    carnet_walks_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
}

static void
on_after_paint (GdkFrameClock        *clock,
                CarnetObservationRow *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  self->theme_popup_pending = FALSE;
  gtk_menu_button_popup (self->theme_button);
}

/* Opens the theme list with the cursor in its entry (Alt+T). It opens once the frame being
 * laid out is drawn: a popover anchored to a button that moves under it (the kind just
 * changed with Alt+2, the row just scrolled into view) may be taken down at once. */
void
carnet_observation_row_choose_theme (CarnetObservationRow *self)
{
  GdkFrameClock *clock;

  g_return_if_fail (CARNET_IS_OBSERVATION_ROW (self));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      gtk_menu_button_popup (self->theme_button);
      return;
    }
  if (self->theme_popup_pending)
    return;
  self->theme_popup_pending = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * carnet_observation_row_get_theme_popover:
 *
 * Returns: (transfer none): the list of themes that Alt+T opens
 */
GtkPopover *
carnet_observation_row_get_theme_popover (CarnetObservationRow *self)
{
  g_return_val_if_fail (CARNET_IS_OBSERVATION_ROW (self), NULL);

  return GTK_POPOVER (self->theme_popover);
}

/**
 * carnet_observation_row_attach_files:
 * @files: (element-type GFile): the chosen files
 *
 * Copies the files in as photos of the observation; those refused (not an image, too large)
 * are said in a toast.
 *
 * Returns: how many were attached
 */
guint
carnet_observation_row_attach_files (CarnetObservationRow *self,
                                     GListModel           *files)
{
  g_autoptr(GString) refused = g_string_new (NULL);
  guint n, attached = 0, failed = 0;

  g_return_val_if_fail (CARNET_IS_OBSERVATION_ROW (self), 0);

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(CarnetAttachment) attachment = NULL;
      g_autoptr(GError) error = NULL;

      attachment = carnet_store_attach_photo (self->store, self->observation, file, &error);
      if (attachment != NULL)
        attached++;
      else if (failed++ == 0)
        g_string_append (refused, error->message);
    }
  if (failed > 1)
    {
      /* Translators: after the reason the first file was refused, “(and 2 other files)” */
      g_string_append_printf (refused, g_dngettext (NULL, " (and %u other file)",
                                                    " (and %u other files)", failed - 1),
                              failed - 1);
    }
  if (failed > 0)
    {
      AdwToast *toast = adw_toast_new (refused->str);

      adw_toast_set_timeout (toast, 0);
      carnet_walks_add_toast (GTK_WIDGET (self), toast);
    }
  return attached;
}

/* Asks which project of the walk's commune the action goes into, then makes it. */
void
carnet_observation_row_turn_into_action (CarnetObservationRow *self)
{
  g_autoptr(CarnetRecord) walk = NULL;
  g_autoptr(CarnetRecord) commune = NULL;
  const char *commune_uuid;
  AdwDialog *dialog;

  g_return_if_fail (CARNET_IS_OBSERVATION_ROW (self));

  walk = carnet_store_get (self->store, CARNET_TYPE_WALK,
                           carnet_record_get_string (self->observation, "walk-uuid"), NULL);
  if (walk == NULL)
    return;
  commune_uuid = carnet_record_get_string (walk, "commune-uuid");
  commune = carnet_store_get (self->store, CARNET_TYPE_COMMUNE, commune_uuid, NULL);

  if (carnet_store_count (self->store, CARNET_TYPE_PROJECT, "commune-uuid", commune_uuid) == 0)
    {
      /* Translators: the title of an alert, “Bayeux Has No Project Yet” */
      g_autofree char *heading = g_strdup_printf (_("%s Has No Project Yet"),
                                                  commune != NULL ? carnet_record_get_title (commune) : "");

      dialog = adw_alert_dialog_new (heading,
                                     _("An action belongs to a project of the commune: add the "
                                       "project first, then turn the observation into one of "
                                       "its actions."));
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_OK"));
      adw_dialog_present (dialog, GTK_WIDGET (self));
      return;
    }

  carnet_observation_row_flush (self);
  dialog = carnet_walks_record_dialog_new (self->store, CARNET_TYPE_PROJECT, "commune-uuid",
                                           commune_uuid, _("Turn Into an Action"),
                                           _("The action takes the observation’s theme; its first "
                                             "line becomes the title, and the whole text the "
                                             "description."),
                                           _("Project"), _("_Create Action"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_project_chosen), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/**
 * carnet_observation_row_set_compact:
 * @compact: whether the row is in a narrow window
 *
 * A narrow row gives the width of the button label and arrow to the position and the theme.
 */
void
carnet_observation_row_set_compact (CarnetObservationRow *self,
                                    gboolean              compact)
{
  g_return_if_fail (CARNET_IS_OBSERVATION_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->action_label), !compact);
  gtk_menu_button_set_always_show_arrow (self->theme_button, !compact);
}

/**
 * carnet_observation_row_flush:
 *
 * Writes what is being typed now.
 *
 * Returns: %FALSE if something could not be saved (it stays on screen, marked)
 */
gboolean
carnet_observation_row_flush (CarnetObservationRow *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (CARNET_IS_OBSERVATION_ROW (self), FALSE);

  if (self->text_binding != NULL)
    ok = carnet_field_binding_flush (self->text_binding);
  if (self->position_entry != NULL && !carnet_position_entry_flush (self->position_entry))
    ok = FALSE;
  return ok;
}
