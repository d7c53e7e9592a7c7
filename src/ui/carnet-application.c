/* carnet-application.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-application"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "carnet-application.h"
#include "carnet-backup.h"
#include "carnet-backups-dialog.h"
#include "carnet-preferences-dialog.h"
#include "carnet-window.h"

struct _CarnetApplication
{
  AdwApplication parent_instance;

  char          *db_path;
};

G_DEFINE_FINAL_TYPE (CarnetApplication, carnet_application, ADW_TYPE_APPLICATION)

/* The translations are looked up in $CARNET_LOCALEDIR when it is set, so that the tests can
 * run the French interface from the build folder. */
void
carnet_application_setup_i18n (void)
{
  const char *localedir = g_getenv ("CARNET_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
carnet_application_about (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CarnetApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwDialog *dialog;
  static const char *developers[] = { "The Carnet authors", NULL };

  dialog = adw_about_dialog_new ();
  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (dialog), _("Carnet"));
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (dialog), APPLICATION_ID);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (dialog), _("The Carnet authors"));
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (dialog), PACKAGE_VERSION);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (dialog),
                                 _("The notebook of the chefs de projet of the Petites villes "
                                   "de demain programme: communes, projects, actions and site "
                                   "walks, on your computer, without a network."));
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (dialog), "https://github.com/carnet-pvd/carnet");
  adw_about_dialog_set_issue_url (ADW_ABOUT_DIALOG (dialog),
                                  "https://github.com/carnet-pvd/carnet/issues");
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (dialog), developers);
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (dialog), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_copyright (ADW_ABOUT_DIALOG (dialog), "© 2026 The Carnet authors");
  /* Translators: put your names here, one per line */
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (dialog), _("translator-credits"));
  adw_about_dialog_add_legal_section (ADW_ABOUT_DIALOG (dialog),
                                      _("Reference list of communes"),
                                      _("INSEE’s official geographic code, as published by "
                                        "Etalab in @etalab/decoupage-administratif."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Licence Ouverte / Open Licence 2.0"));
  adw_dialog_present (dialog, GTK_WIDGET (window));
}

static void
carnet_application_preferences (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  CarnetStore *store;

  if (!CARNET_IS_WINDOW (window))
    return;
  store = carnet_window_get_store (CARNET_WINDOW (window));
  if (store == NULL)
    return;
  adw_dialog_present (carnet_preferences_dialog_new (store), GTK_WIDGET (window));
}

static void
carnet_application_quit (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows first lets them save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (app);
}


static int
carnet_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  CarnetApplication *self = CARNET_APPLICATION (app);
  const char *path = NULL;

  /* A G_OPTION_ARG_FILENAME option arrives as a bytestring. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      carnet_application_set_db_path (self, g_file_peek_path (file));
      /* Another database is another instance: do not hand it to a running one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "carnet", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static char *
db_path (CarnetApplication *self)
{
  return self->db_path != NULL ? g_strdup (self->db_path) : carnet_db_default_path ();
}

static void
on_auto_backup (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CarnetWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  /* A failed daily backup does not stop the work, but the person must know. */
  if (!carnet_backup_auto_finish (result, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Warning: the daily backup could not be made: %s"),
                                               error->message);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      carnet_window_add_toast (window, toast);
    }
}

/* Opens the database (read-only when asked) in a new window; a database that cannot be
 * opened gets a window that says why and what can be done. */
static CarnetWindow *
open_window (CarnetApplication *self,
             gboolean           read_only)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path (self);
  g_autoptr(CarnetStore) store = read_only ? carnet_store_open_read_only (path, &error)
                                           : carnet_store_open (path, &error);
  CarnetWindow *window = carnet_window_new (self, store, error);

  if (store != NULL && !read_only)
    carnet_backup_auto_async (carnet_store_get_db (store), NULL, on_auto_backup, g_object_ref (window));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Closes every window, letting them save what is being typed, so that the database is
 * closed; the application stays. */
static void
close_windows (CarnetApplication *self)
{
  GList *windows;

  g_application_hold (G_APPLICATION (self));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    {
      GtkWindow *window = windows->data;

      gtk_window_close (window);
      if (g_list_find (gtk_application_get_windows (GTK_APPLICATION (self)), window) != NULL)
        gtk_window_destroy (window);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_application_release (G_APPLICATION (self));
}

static void
carnet_application_open_read_only (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  CarnetApplication *self = user_data;

  close_windows (self);
  open_window (self, TRUE);
}

static void
carnet_application_restore_backup (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  CarnetApplication *self = user_data;
  g_autofree char *path = db_path (self);
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  CarnetWindow *window;
  AdwToast *toast;

  g_application_hold (G_APPLICATION (self));
  close_windows (self);
  if (!carnet_backup_restore (path, g_variant_get_string (parameter, NULL), &aside, &error))
    {
      window = open_window (self, FALSE);
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
      carnet_window_add_toast (window, toast);
      g_application_release (G_APPLICATION (self));
      return;
    }
  window = open_window (self, FALSE);
  {
    g_autofree char *name = aside != NULL ? g_path_get_basename (aside) : g_strdup ("");

    /* Translators: after a restore, the name of the file the previous database was kept in */
    toast = adw_toast_new_format (_("Backup restored; the previous database is kept as “%s”"), name);
    adw_toast_set_timeout (toast, 0);
    carnet_window_add_toast (window, toast);
  }
  g_application_release (G_APPLICATION (self));
}

static void
carnet_application_backups (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CarnetApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = db_path (self);
  CarnetStore *store = CARNET_IS_WINDOW (window) ? carnet_window_get_store (CARNET_WINDOW (window)) : NULL;

  adw_dialog_present (carnet_backups_dialog_new (path, store != NULL && !carnet_store_is_read_only (store)),
                      GTK_WIDGET (window));
}

static void
carnet_application_activate (GApplication *app)
{
  CarnetApplication *self = CARNET_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    open_window (self, FALSE);
  else
    gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "about", carnet_application_about, NULL, NULL, NULL, { 0 } },
  { "preferences", carnet_application_preferences, NULL, NULL, NULL, { 0 } },
  { "backups", carnet_application_backups, NULL, NULL, NULL, { 0 } },
  { "open-read-only", carnet_application_open_read_only, NULL, NULL, NULL, { 0 } },
  { "restore-backup", carnet_application_restore_backup, "s", NULL, NULL, { 0 } },
  { "quit", carnet_application_quit, NULL, NULL, NULL, { 0 } },
};

static void
carnet_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (carnet_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
carnet_application_finalize (GObject *object)
{
  CarnetApplication *self = (CarnetApplication *)object;

  g_free (self->db_path);

  G_OBJECT_CLASS (carnet_application_parent_class)->finalize (object);
}

static void
carnet_application_class_init (CarnetApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = carnet_application_finalize;
  app_class->activate = carnet_application_activate;
  app_class->startup = carnet_application_startup;
  app_class->handle_local_options = carnet_application_handle_local_options;
}

static void
carnet_application_init (CarnetApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use this database file"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

CarnetApplication *
carnet_application_new (void)
{
  return g_object_new (CARNET_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * carnet_application_get_db_path:
 *
 * Returns: (nullable): the database given with --db, or %NULL for the default one
 */
const char *
carnet_application_get_db_path (CarnetApplication *self)
{
  g_return_val_if_fail (CARNET_IS_APPLICATION (self), NULL);

  return self->db_path;
}

void
carnet_application_set_db_path (CarnetApplication *self,
                                const char        *path)
{
  g_return_if_fail (CARNET_IS_APPLICATION (self));

  g_set_str (&self->db_path, path);
}
