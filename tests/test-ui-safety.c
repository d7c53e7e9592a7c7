/* test-ui-safety.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "carnet-application.h"
#include "carnet-backup.h"
#include "carnet-backups-dialog.h"
#include "carnet-test-ui.h"
#include "carnet-window.h"

/* What the app offers when the database is not as expected: read-only, a backup to go
 * back to. */

static CarnetApplication *
start_application (const char *path)
{
  g_autoptr(GError) error = NULL;
  CarnetApplication *app = carnet_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  carnet_application_set_db_path (app, path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static CarnetWindow *
active_window (CarnetApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  g_assert_true (CARNET_IS_WINDOW (window));
  return CARNET_WINDOW (window);
}

static void
test_restore_backup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carnet-ui-safety-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "carnet.db", NULL);
  g_autoptr(CarnetApplication) app = start_application (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetBackup) backup = NULL;
  g_autoptr(CarnetCommune) bayeux = NULL;
  g_autoptr(CarnetCommune) mezidon = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  CarnetWindow *window;
  CarnetStore *store;
  AdwDialog *dialog;

  g_application_activate (G_APPLICATION (app));
  carnet_test_iterate ();
  window = active_window (app);
  store = carnet_window_get_store (window);
  g_assert_nonnull (store);

  /* Bayeux, then a backup, then Mézidon: restoring the backup brings back Bayeux alone. */
  bayeux = carnet_store_add_commune (store, "14047", &error);
  g_assert_no_error (error);
  backup = carnet_backup_create (path, CARNET_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  mezidon = carnet_store_add_commune (store, "14431", &error);
  g_assert_no_error (error);
  g_clear_object (&bayeux);
  g_clear_object (&mezidon);

  g_action_group_activate_action (G_ACTION_GROUP (app), "backups", NULL);
  carnet_test_iterate ();
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (CARNET_IS_BACKUPS_DIALOG (dialog));
  g_assert_cmpuint (carnet_backups_dialog_get_n_backups (CARNET_BACKUPS_DIALOG (dialog)), >=, 1);
  carnet_test_screenshot (GTK_WIDGET (window), "backups-dialog");
  adw_dialog_close (dialog);
  carnet_test_iterate ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "restore-backup",
                                  g_variant_new_string (carnet_backup_get_path (backup)));
  carnet_test_iterate ();
  window = active_window (app);
  store = carnet_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpuint (carnet_store_count (store, CARNET_TYPE_COMMUNE, NULL, NULL), ==, 1);
  {
    g_autoptr(CarnetRecord) found = carnet_store_find (store, CARNET_TYPE_COMMUNE, "insee", "14047");
    g_assert_nonnull (found);
  }
  /* The database as it was is kept aside. */
  backups = carnet_backup_list (path, NULL);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean aside = FALSE;

    while ((name = g_dir_read_name (d)) != NULL)
      aside |= g_str_has_prefix (name, "carnet.db.before-restore-");
    g_assert_true (aside);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  carnet_test_iterate ();
  carnet_test_remove_tree (dir);
}

static void
test_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("carnet-ui-safety-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "carnet.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CarnetStore) store = carnet_store_open (path, &error);
  g_autoptr(CarnetStore) read_only = NULL;
  g_autoptr(CarnetCommune) bayeux = NULL;
  CarnetWindow *window;
  AdwBanner *banner;

  g_assert_no_error (error);
  bayeux = carnet_store_add_commune (store, "14047", &error);
  g_assert_no_error (error);
  g_clear_object (&bayeux);
  g_clear_object (&store);

  read_only = carnet_store_open_read_only (path, &error);
  g_assert_no_error (error);
  window = carnet_window_new (NULL, read_only, NULL);
  gtk_window_present (GTK_WINDOW (window));
  carnet_test_wait_drawn (GTK_WIDGET (window));
  banner = ADW_BANNER (gtk_widget_get_template_child (GTK_WIDGET (window), CARNET_TYPE_WINDOW,
                                                      "read_only_banner"));
  g_assert_true (adw_banner_get_revealed (banner));
  /* A change is refused and said; nothing is written. */
  bayeux = carnet_store_add_commune (read_only, "14431", &error);
  g_assert_null (bayeux);
  g_assert_error (error, CARNET_DB_ERROR, CARNET_DB_ERROR_READ_ONLY);
  carnet_test_screenshot (GTK_WIDGET (window), "read-only");
  gtk_window_destroy (GTK_WINDOW (window));
  carnet_test_iterate ();
  carnet_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  carnet_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/safety/read-only", test_read_only);
  g_test_add_func ("/ui/safety/restore-backup", test_restore_backup);

  return g_test_run ();
}
