/* carnet-backups-dialog.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARNET_TYPE_BACKUPS_DIALOG (carnet_backups_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CarnetBackupsDialog, carnet_backups_dialog, CARNET, BACKUPS_DIALOG, AdwDialog)

AdwDialog *carnet_backups_dialog_new    (const char          *db_path,
                                         gboolean             can_back_up);
guint      carnet_backups_dialog_get_n_backups (CarnetBackupsDialog *self);

G_END_DECLS
