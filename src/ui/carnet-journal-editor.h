/* carnet-journal-editor.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_TYPE_JOURNAL_EDITOR (carnet_journal_editor_get_type ())

G_DECLARE_FINAL_TYPE (CarnetJournalEditor, carnet_journal_editor, CARNET, JOURNAL_EDITOR,
                      AdwPreferencesGroup)

void carnet_journal_editor_set_store  (CarnetJournalEditor *self,
                                       CarnetStore         *store);
void carnet_journal_editor_set_parent (CarnetJournalEditor *self,
                                       CarnetRecord        *parent);
void carnet_journal_editor_flush      (CarnetJournalEditor *self);

G_END_DECLS
