/* carnet-import-report.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-import"

#include "config.h"

#include <glib/gi18n.h>

#include "carnet-import-private.h"

/* What an import did, for the dialog that shows it and for carnet-cli. */

typedef struct
{
  char               *file;
  const char         *table;
  char               *uuid;
  char               *label;
  CarnetImportWinner  winner;
  GStrv               fields;
} Conflict;

struct _CarnetImportReport
{
  gboolean   dry_run;
  guint      n_files;
  guint      added;
  guint      updated;
  guint      deleted;
  guint      unchanged;
  guint      communes_touched;
  GArray    *conflicts;   /* Conflict */
  GPtrArray *notes;       /* NULL-terminated */
};

static void
conflict_clear (gpointer data)
{
  Conflict *c = data;

  g_free (c->file);
  g_free (c->uuid);
  g_free (c->label);
  g_strfreev (c->fields);
}

CarnetImportReport *
_carnet_import_report_new (gboolean dry_run)
{
  CarnetImportReport *report = g_new0 (CarnetImportReport, 1);

  report->dry_run = dry_run;
  report->conflicts = g_array_new (FALSE, FALSE, sizeof (Conflict));
  g_array_set_clear_func (report->conflicts, conflict_clear);
  report->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  return report;
}

void
_carnet_import_report_add_file (CarnetImportReport *report)
{
  report->n_files++;
}

void
_carnet_import_report_count (CarnetImportReport *report,
                             guint               added,
                             guint               updated,
                             guint               deleted,
                             guint               unchanged)
{
  report->added += added;
  report->updated += updated;
  report->deleted += deleted;
  report->unchanged += unchanged;
}

void
_carnet_import_report_set_communes_touched (CarnetImportReport *report,
                                            guint               n)
{
  report->communes_touched = n;
}

/* @fields: (transfer full) */
void
_carnet_import_report_add_conflict (CarnetImportReport *report,
                                    const char         *file,
                                    const char         *table,
                                    const char         *uuid,
                                    const char         *label,
                                    CarnetImportWinner  winner,
                                    GStrv               fields)
{
  Conflict c = {
    g_strdup (file), g_intern_string (table), g_strdup (uuid),
    g_strdup (label != NULL && *label != '\0' ? label : uuid), winner, fields,
  };

  g_array_append_val (report->conflicts, c);
}

/* @note: (transfer full) */
void
_carnet_import_report_add_note (CarnetImportReport *report,
                                char               *note)
{
  g_ptr_array_add (report->notes, note);
}

void
carnet_import_report_free (CarnetImportReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->conflicts);
  g_ptr_array_unref (report->notes);
  g_free (report);
}

gboolean
carnet_import_report_get_dry_run (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return report->dry_run;
}

guint
carnet_import_report_get_n_files (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_files;
}

guint
carnet_import_report_get_added (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->added;
}

guint
carnet_import_report_get_updated (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->updated;
}

guint
carnet_import_report_get_deleted (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->deleted;
}

guint
carnet_import_report_get_unchanged (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->unchanged;
}

guint
carnet_import_report_get_communes_touched (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->communes_touched;
}

guint
carnet_import_report_get_n_conflicts (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->conflicts->len;
}

static Conflict *
get_conflict (CarnetImportReport *report,
              guint               i)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (i < report->conflicts->len, NULL);
  return &g_array_index (report->conflicts, Conflict, i);
}

const char *
carnet_import_conflict_get_file (CarnetImportReport *report,
                                 guint               i)
{
  Conflict *c = get_conflict (report, i);

  return c != NULL ? c->file : NULL;
}

const char *
carnet_import_conflict_get_table (CarnetImportReport *report,
                                  guint               i)
{
  Conflict *c = get_conflict (report, i);

  return c != NULL ? c->table : NULL;
}

const char *
carnet_import_conflict_get_uuid (CarnetImportReport *report,
                                 guint               i)
{
  Conflict *c = get_conflict (report, i);

  return c != NULL ? c->uuid : NULL;
}

const char *
carnet_import_conflict_get_label (CarnetImportReport *report,
                                  guint               i)
{
  Conflict *c = get_conflict (report, i);

  return c != NULL ? c->label : NULL;
}

CarnetImportWinner
carnet_import_conflict_get_winner (CarnetImportReport *report,
                                   guint               i)
{
  Conflict *c = get_conflict (report, i);

  return c != NULL ? c->winner : CARNET_IMPORT_KEPT_LOCAL;
}

const char * const *
carnet_import_conflict_get_fields (CarnetImportReport *report,
                                   guint               i)
{
  Conflict *c = get_conflict (report, i);

  return c != NULL ? (const char * const *)c->fields : NULL;
}

const char * const *
carnet_import_report_get_notes (CarnetImportReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return (const char * const *)report->notes->pdata;
}

/**
 * carnet_import_report_to_text:
 *
 * Returns: the report in the interface language, a line per fact, ending with a newline
 */
char *
carnet_import_report_to_text (CarnetImportReport *report)
{
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  if (report->dry_run)
    g_string_append_printf (text, "%s\n", _("Dry run: nothing was saved."));
  g_string_append_printf (text, ngettext ("%u file read", "%u files read", report->n_files),
                          report->n_files);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Added: %u, updated: %u, deleted: %u, unchanged: %u"),
                          report->added, report->updated, report->deleted, report->unchanged);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Communes concerned: %u"), report->communes_touched);
  g_string_append_c (text, '\n');
  if (report->conflicts->len > 0)
    {
      g_string_append_printf (text,
                              ngettext ("%u conflict (changed on both sides; the most recent "
                                        "copy wins):",
                                        "%u conflicts (changed on both sides; the most recent "
                                        "copy wins):", report->conflicts->len),
                              report->conflicts->len);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      Conflict *c = &g_array_index (report->conflicts, Conflict, i);
      g_autofree char *fields = g_strjoinv (", ", c->fields);

      g_string_append (text, "  ");
      if (c->winner == CARNET_IMPORT_TOOK_FILE)
        /* Translators: “title” (actions 5e1b…, from “file.json”): …; the fields that differed */
        g_string_append_printf (text, _("“%s” (%s %s, from “%s”): the file’s copy was taken; "
                                        "fields that differed: %s"),
                                c->label, c->table, c->uuid, c->file, fields);
      else
        g_string_append_printf (text, _("“%s” (%s %s, from “%s”): Carnet’s copy was kept; "
                                        "fields that differed: %s"),
                                c->label, c->table, c->uuid, c->file, fields);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (text, "%s\n", (const char *)report->notes->pdata[i]);
  return g_string_free (text, FALSE);
}
