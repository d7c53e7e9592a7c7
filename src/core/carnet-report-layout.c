/* carnet-report-layout.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-report"

#include "config.h"

#include "carnet-format.h"
#include "carnet-report-flow.h"

/* The report's pages: a title page (communes, key figures), an overview (charts), then for
 * each commune its actions by theme, the funding plan of each project and the observations of
 * recent walks. */

static const char *const status_labels[N_STATUSES] = {
  "Terminé", "En cours", "En retard", "Bloqué", "En pause", "Abandonné",
};

/* How much of a theme's colour each status shows in the bars, and which are hatched. */
static const double status_tints[N_STATUSES] = { 1.0, 0.68, 0.45, 0.28, 0.42, 0.14 };
static const gboolean status_hatched[N_STATUSES] = { FALSE, FALSE, TRUE, TRUE, FALSE, FALSE };

/* The title page */

static void
figure_card (Flow       *f,
             double      x,
             double      w,
             const char *value,
             const char *label,
             guint32     accent)
{
  double h = 52;

  report_add_op (f, OP_RECT, COLOR_FILL, x, f->y, w, h);
  report_add_op (f, OP_RECT, accent, x, f->y, 2.5, h);
  report_add_text (f, STYLE_FIGURE, ONE_LINE, accent == COLOR_RED ? COLOR_RED : COLOR_TEXT, x + 10,
                   f->y + 7, w - 16, value);
  report_add_text (f, STYLE_SMALL, ALIGN_LEFT, COLOR_GREY, x + 10, f->y + 31, w - 16, label);
}

static void
key_figures (Flow *f)
{
  const ReportFigures *k = &f->report->figures;
  g_autofree char *projects = carnet_format_count (k->n_projects);
  g_autofree char *actions = carnet_format_count (k->n_actions);
  g_autofree char *overdue = carnet_format_count (k->n_overdue);
  g_autofree char *done = carnet_format_count (k->by_status[0]);
  g_autofree char *cost = report_round_money (k->cost);
  g_autofree char *requested = report_round_money (k->aid_requested);
  g_autofree char *granted = report_round_money (k->aid_granted);
  g_autofree char *self_share = report_percent (k->self_funding, k->plan_total);
  const char *values[] = { projects, actions, overdue, done, cost, requested, granted, self_share };
  const char *labels[] = {
    "Projets", "Actions", "Actions dont l’échéance est dépassée", "Actions terminées",
    "Coût total HT", "Aides demandées", "Aides accordées", "Part d’autofinancement",
  };
  double gap = 8;
  double w = (f->inner - 3 * gap) / 4;

  report_heading (f, STYLE_H2, "Chiffres clés", 2 * 52 + gap);
  for (guint row = 0; row < 2; row++)
    {
      for (guint i = 0; i < 4; i++)
        {
          guint n = row * 4 + i;
          guint32 accent = n == 2 && k->n_overdue > 0 ? COLOR_RED : COLOR_BLUE;

          figure_card (f, f->left + i * (w + gap), w, values[n], labels[n], accent);
        }
      f->y += 52 + gap;
    }
  f->y += 2;
  report_paragraph (f, STYLE_SMALL, COLOR_GREY,
                    "Coût total" NBSP ": somme des coûts HT des actions (à défaut, coût HT du "
                    "projet). Aides" NBSP ": lignes de financement autres que l’autofinancement"
                    NBSP "; demandées = dossiers déposés (demandés, accordés ou versés), "
                    "accordées = accordées ou versées. Part d’autofinancement" NBSP ": "
                    "autofinancement rapporté au plan de financement total (montants accordés, "
                    "sinon demandés" NBSP "; lignes refusées exclues).", 0);
}

static void
communes_table (Flow *f)
{
  static const Column columns[] = {
    { "Commune", 0.22, ALIGN_LEFT }, { "Code INSEE", 0.10, ALIGN_LEFT },
    { "EPCI", 0.28, ALIGN_LEFT }, { "Population", 0.12, ALIGN_RIGHT },
    { "Convention PVD", 0.14, ALIGN_LEFT }, { "ORT", 0.14, ALIGN_LEFT },
  };
  GArray *communes = f->report->communes;
  Table t;

  report_heading (f, STYLE_H2, communes->len > 1 ? "Communes" : "Commune", 40);
  if (communes->len == 0)
    {
      report_paragraph (f, STYLE_BODY, COLOR_GREY, "Aucune commune n’est suivie dans Carnet.", 0);
      return;
    }
  for (guint i = 0; i < communes->len; i++)
    {
      const ReportCommune *c = &g_array_index (communes, ReportCommune, i);
      g_autofree char *population = carnet_format_count (c->population);
      g_autofree char *pvd = carnet_format_date_fr (c->pvd_date);
      g_autofree char *ort = carnet_format_date_fr (c->ort_date);
      Cell cells[] = {
        bold (c->name), cell (c->insee), cell (c->epci), cell (population),
        cell (*pvd ? pvd : "—"), cell (*ort ? ort : "—"),
      };

      cells[0].sub = c->departement;
      if (i == 0)
        report_table_start (&t, f, columns, G_N_ELEMENTS (columns), cells, communes->len);
      report_table_row (&t, cells, FALSE);
    }
}

/* Beyond this many communes, the report sums each commune up in a line instead of giving its
 * actions, funding and observations: the 1,650 communes of the programme would take 13,000
 * pages, which nobody reads; a chef de projet's communes, or an EPCI's, keep every detail. */
#define DETAIL_MAX_COMMUNES 40

static gboolean
detailed (Flow *f)
{
  return f->report->communes->len <= DETAIL_MAX_COMMUNES;
}

/* For many communes: a line each, with their figures. */
static void
communes_summary_table (Flow *f)
{
  static const Column columns[] = {
    { "Commune", 0.30, ALIGN_LEFT }, { "Code INSEE", 0.12, ALIGN_LEFT },
    { "Population", 0.13, ALIGN_RIGHT }, { "Projets", 0.12, ALIGN_RIGHT },
    { "Actions", 0.12, ALIGN_RIGHT }, { "Échéances dépassées", 0.21, ALIGN_RIGHT },
  };
  GArray *communes = f->report->communes;
  g_autofree char *note = g_strdup_printf ("Au-delà de %u" NBSP "communes, ce rapport donne une "
                                           "ligne par commune" NBSP "; le détail de leurs actions, "
                                           "de leurs financements et de leurs observations figure "
                                           "dans le rapport d’une commune ou d’un ensemble de %u "
                                           "communes au plus.",
                                           DETAIL_MAX_COMMUNES, DETAIL_MAX_COMMUNES);
  Table t;

  report_heading (f, STYLE_H2, "Communes", 40);
  report_paragraph (f, STYLE_BODY, COLOR_GREY, note, 6);
  for (guint i = 0; i < communes->len; i++)
    {
      const ReportCommune *c = &g_array_index (communes, ReportCommune, i);
      g_autofree char *population = carnet_format_count (c->population);
      g_autofree char *projects = carnet_format_count (c->n_projects);
      g_autofree char *actions = carnet_format_count (c->n_actions);
      g_autofree char *overdue = carnet_format_count (c->n_overdue);
      Cell cells[] = {
        bold (c->name), cell (c->insee), cell (population), cell (projects), cell (actions),
        cell (overdue),
      };

      cells[0].sub = c->departement;
      if (c->n_overdue > 0)
        cells[5].color = COLOR_RED;
      if (i == 0)
        report_table_start (&t, f, columns, G_N_ELEMENTS (columns), cells, communes->len);
      report_table_row (&t, cells, FALSE);
    }
}

static void
status_table (Flow *f)
{
  static const Column columns[] = {
    { "Terminé", 0.14, ALIGN_RIGHT }, { "En cours", 0.14, ALIGN_RIGHT },
    { "En retard", 0.14, ALIGN_RIGHT }, { "Bloqué", 0.14, ALIGN_RIGHT },
    { "En pause", 0.14, ALIGN_RIGHT }, { "Abandonné", 0.15, ALIGN_RIGHT },
    { "Total", 0.15, ALIGN_RIGHT },
  };
  const ReportFigures *k = &f->report->figures;
  char *texts[N_STATUSES + 1];
  Cell cells[N_STATUSES + 1];
  Table t;

  G_STATIC_ASSERT (G_N_ELEMENTS (columns) == N_STATUSES + 1);
  report_heading (f, STYLE_H2, "Actions par statut", 40);
  for (guint i = 0; i < N_STATUSES; i++)
    {
      texts[i] = carnet_format_count (k->by_status[i]);
      cells[i] = cell (texts[i]);
    }
  texts[N_STATUSES] = carnet_format_count (k->n_actions);
  cells[N_STATUSES] = bold (texts[N_STATUSES]);
  report_table_start (&t, f, columns, G_N_ELEMENTS (columns), cells, 1);
  report_table_row (&t, cells, FALSE);
  for (guint i = 0; i <= N_STATUSES; i++)
    g_free (texts[i]);
}

static void
title_page (Flow *f)
{
  CarnetReport *self = f->report;
  g_autofree char *today = carnet_format_date_fr (self->today);
  g_autofree char *made = g_strdup_printf ("Établi le %s", today);

  f->y += 24;
  f->y += report_add_text (f, STYLE_KICKER, ALIGN_LEFT, COLOR_BLUE, f->left, f->y, f->inner,
                           "PETITES VILLES DE DEMAIN") + 6;
  report_add_op (f, OP_RECT, COLOR_BLUE, f->left, f->y, 40, 2.5);
  f->y += 16;
  f->y += report_add_text (f, STYLE_TITLE, ALIGN_LEFT, COLOR_TEXT, f->left, f->y, f->inner,
                           "Synthèse de l’avancement") + 4;
  f->y += report_add_text (f, STYLE_SUBTITLE, ALIGN_LEFT, COLOR_TEXT, f->left, f->y, f->inner,
                           self->title) + 6;
  if (self->theme_name != NULL)
    {
      g_autofree char *theme = g_strdup_printf ("Thème" NBSP ": %s", self->theme_name);

      f->y += report_add_text (f, STYLE_BODY, ALIGN_LEFT, COLOR_TEXT, f->left, f->y, f->inner,
                               theme) + 4;
    }
  f->y += report_add_text (f, STYLE_BODY, ALIGN_LEFT, COLOR_GREY, f->left, f->y, f->inner,
                           made) + 18;

  key_figures (f);
  status_table (f);
  /* Many communes are summed up after the overview. */
  if (detailed (f))
    communes_table (f);
}

/* The overview: charts */

static void
legend_item (Flow       *f,
             double     *x,
             guint32     color,
             gboolean    hatched,
             const char *label)
{
  report_add_op (f, OP_RECT, color, *x, f->y + 1.5, 9, 9);
  if (hatched)
    report_add_op (f, OP_HATCH, COLOR_RED, *x, f->y + 1.5, 9, 9);
  report_add_text (f, STYLE_SMALL, ONE_LINE, COLOR_GREY, *x + 12, f->y + 1, 100, label);
  *x += 12 + _carnet_report_text_width (f->report, STYLE_SMALL, label) + 12;
}

static void
themes_chart (Flow *f)
{
  GArray *themes = f->report->themes;
  double label_w = 150, total_w = 30, row_h = 17, bar_h = 11;
  double bar_x = f->left + label_w + 6;
  double bar_w = f->inner - label_w - 6 - total_w;
  guint max = 0, rows = 0;
  double x;

  for (guint i = 0; i < themes->len; i++)
    {
      const ReportTheme *theme = &g_array_index (themes, ReportTheme, i);
      guint total = 0;

      for (guint s = 0; s < N_STATUSES; s++)
        total += theme->counts[s];
      max = MAX (max, total);
      rows += total > 0;
    }

  report_heading (f, STYLE_H2, "Actions par thème et par statut", rows * row_h + 30);
  if (max == 0)
    {
      report_paragraph (f, STYLE_BODY, COLOR_GREY, "Aucune action.", 0);
      return;
    }
  report_need (f, rows * row_h + 24);
  for (guint i = 0; i < themes->len; i++)
    {
      const ReportTheme *theme = &g_array_index (themes, ReportTheme, i);
      g_autofree char *count = NULL;
      guint total = 0;

      for (guint s = 0; s < N_STATUSES; s++)
        total += theme->counts[s];
      if (total == 0)
        continue;
      report_need (f, row_h);
      report_add_op (f, OP_DOT, theme->color, f->left, f->y + 3, 7, 7);
      report_add_text (f, STYLE_CELL, ONE_LINE, COLOR_TEXT, f->left + 11, f->y, label_w - 11,
                       theme->name);
      x = bar_x;
      for (guint s = 0; s < N_STATUSES; s++)
        {
          double w = bar_w * theme->counts[s] / max;
          g_autofree char *n = NULL;

          if (theme->counts[s] == 0)
            continue;
          report_add_op (f, OP_RECT, report_tint (theme->color, status_tints[s]), x, f->y,
                         MAX (w - 0.8, 0.5), bar_h);
          if (status_hatched[s])
            report_add_op (f, OP_HATCH, COLOR_RED, x, f->y, MAX (w - 0.8, 0.5), bar_h);
          n = g_strdup_printf ("%u", theme->counts[s]);
          if (w > 14 && status_hatched[s])
            {
              /* A white patch under the number, for it to be read over the hatching. */
              double tw = _carnet_report_text_width (f->report, STYLE_CELL_SMALL, n) + 6;

              report_add_op (f, OP_RECT, COLOR_WHITE, x + (w - tw) / 2, f->y + 1.5, tw, bar_h - 3);
            }
          if (w > 14)
            {
              gboolean dark = status_tints[s] >= 0.6 && !status_hatched[s];

              report_add_text (f, STYLE_CELL_SMALL, ALIGN_CENTER | ONE_LINE,
                               dark ? COLOR_WHITE : COLOR_TEXT, x, f->y + 1.5, w, n);
            }
          x += w;
        }
      count = g_strdup_printf ("%u", total);
      report_add_text (f, STYLE_CELL_BOLD, ALIGN_LEFT | ONE_LINE, COLOR_TEXT, x + 5, f->y, total_w,
                       count);
      f->y += row_h;
    }

  f->y += 4;
  x = f->left + label_w + 6;
  for (guint s = 0; s < N_STATUSES; s++)
    legend_item (f, &x, report_tint (0x5e5c64, status_tints[s]), status_hatched[s],
                 status_labels[s]);
  f->y += 16;
}

static void
themes_table (Flow *f)
{
  static const Column columns[] = {
    { "Thème", 0.26, ALIGN_LEFT }, { "Terminé", 0.085, ALIGN_RIGHT },
    { "En cours", 0.085, ALIGN_RIGHT }, { "En retard", 0.09, ALIGN_RIGHT },
    { "Bloqué", 0.08, ALIGN_RIGHT }, { "En pause", 0.085, ALIGN_RIGHT },
    { "Abandonné", 0.105, ALIGN_RIGHT }, { "Total", 0.07, ALIGN_RIGHT },
    { "Échéance dépassée", 0.14, ALIGN_RIGHT },
  };
  GArray *themes = f->report->themes;
  gboolean started = FALSE;
  guint rows = 0;
  Table t;

  for (guint i = 0; i < themes->len; i++)
    for (guint s = 0; s < N_STATUSES; s++)
      if (g_array_index (themes, ReportTheme, i).counts[s] > 0)
        {
          rows++;
          break;
        }
  for (guint i = 0; i < themes->len; i++)
    {
      const ReportTheme *theme = &g_array_index (themes, ReportTheme, i);
      char texts[N_STATUSES + 2][16];
      Cell cells[N_STATUSES + 3];
      guint total = 0;

      for (guint s = 0; s < N_STATUSES; s++)
        {
          total += theme->counts[s];
          g_snprintf (texts[s], sizeof texts[s], "%u", theme->counts[s]);
          cells[1 + s] = cell (texts[s]);
        }
      if (total == 0)
        continue;
      g_snprintf (texts[N_STATUSES], sizeof texts[0], "%u", total);
      g_snprintf (texts[N_STATUSES + 1], sizeof texts[0], "%u", theme->n_overdue);
      cells[0] = cell (theme->name);
      cells[1 + N_STATUSES] = bold (texts[N_STATUSES]);
      cells[2 + N_STATUSES] = cell (texts[N_STATUSES + 1]);
      if (theme->n_overdue > 0)
        cells[2 + N_STATUSES].color = COLOR_RED;
      if (!started)
        {
          f->y += 6;
          report_table_start (&t, f, columns, G_N_ELEMENTS (columns), cells, rows);
          started = TRUE;
        }
      report_table_row (&t, cells, FALSE);
    }
}

#define MAX_FUNDERS 12

static void
funders_chart (Flow *f)
{
  GArray *funders = f->report->funders;
  guint n = MIN (funders->len, MAX_FUNDERS);
  double label_w = 150, amount_w = 96, row_h = 22;
  double bar_x = f->left + label_w + 6;
  double bar_w = f->inner - label_w - 6 - amount_w - 6;
  gint64 max = 1;
  double x, keep;

  /* The chart and its table on one page, when they can be. */
  keep = n * row_h + 30 + 28 + (funders->len + 1) * 17.5;
  report_heading (f, STYLE_H2, "Financements par financeur",
                  keep < 0.8 * (f->bottom - f->top) ? keep : n * row_h + 30);
  if (n == 0)
    {
      report_paragraph (f, STYLE_BODY, COLOR_GREY, "Aucun dossier de financement déposé.", 0);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const ReportFunder *funder = &g_array_index (funders, ReportFunder, i);

      max = MAX (max, MAX (funder->requested, funder->granted));
    }
  report_need (f, n * row_h + 24);
  for (guint i = 0; i < n; i++)
    {
      const ReportFunder *funder = &g_array_index (funders, ReportFunder, i);
      g_autofree char *requested = carnet_format_money (funder->requested);
      g_autofree char *granted = carnet_format_money (funder->granted);

      report_add_text (f, STYLE_CELL, ONE_LINE, COLOR_TEXT, f->left, f->y + 3, label_w,
                       funder->funder);
      if (funder->requested > 0)
        report_add_op (f, OP_RECT, COLOR_BLUE_L, bar_x, f->y + 1,
                       MAX (bar_w * funder->requested / max, 0.8), 7);
      if (funder->granted > 0)
        report_add_op (f, OP_RECT, COLOR_BLUE, bar_x, f->y + 9,
                       MAX (bar_w * funder->granted / max, 0.8), 7);
      report_add_text (f, STYLE_CELL_SMALL, ALIGN_RIGHT | ONE_LINE, COLOR_GREY,
                       f->left + f->inner - amount_w, f->y - 0.5, amount_w, requested);
      report_add_text (f, STYLE_CELL_SMALL, ALIGN_RIGHT | ONE_LINE, COLOR_BLUE,
                       f->left + f->inner - amount_w, f->y + 7.5, amount_w, granted);
      f->y += row_h;
    }
  x = bar_x;
  legend_item (f, &x, COLOR_BLUE_L, FALSE, "Demandé (dossiers déposés)");
  legend_item (f, &x, COLOR_BLUE, FALSE, "Accordé");
  f->y += 16;
  if (funders->len > n)
    report_paragraph (f, STYLE_SMALL, COLOR_GREY,
                      "Les financeurs suivants figurent dans le tableau ci-dessous.", 2);
}

static void
funders_table (Flow *f)
{
  static const Column columns[] = {
    { "Financeur", 0.37, ALIGN_LEFT }, { "Dossiers", 0.09, ALIGN_RIGHT },
    { "Demandé", 0.18, ALIGN_RIGHT }, { "Accordé", 0.18, ALIGN_RIGHT },
    { "Versé", 0.18, ALIGN_RIGHT },
  };
  GArray *funders = f->report->funders;
  gint64 sums[3] = { 0, 0, 0 };
  guint lines = 0;
  Table t;

  if (funders->len == 0)
    return;
  for (guint i = 0; i <= funders->len; i++)
    {
      const ReportFunder *funder = i < funders->len ? &g_array_index (funders, ReportFunder, i)
                                                    : NULL;
      gint64 values[3];
      g_autofree char *count = g_strdup_printf ("%u", funder != NULL ? funder->n_lines : lines);
      g_autofree char *requested = NULL;
      g_autofree char *granted = NULL;
      g_autofree char *paid = NULL;

      values[0] = funder != NULL ? funder->requested : sums[0];
      values[1] = funder != NULL ? funder->granted : sums[1];
      values[2] = funder != NULL ? funder->paid : sums[2];
      requested = carnet_format_money (values[0]);
      granted = carnet_format_money (values[1]);
      paid = carnet_format_money (values[2]);
      {
        Cell cells[] = {
          funder != NULL ? cell (funder->funder) : bold ("Total"),
          cell (count), cell (requested), cell (granted), cell (paid),
        };

        if (funder == NULL)
          for (guint c = 1; c < G_N_ELEMENTS (cells); c++)
            cells[c].style = STYLE_CELL_BOLD;
        if (i == 0)
          {
            f->y += 6;
            report_table_start (&t, f, columns, G_N_ELEMENTS (columns), cells, funders->len + 1);
          }
        report_table_row (&t, cells, funder == NULL);
      }
      if (funder != NULL)
        {
          sums[0] += funder->requested;
          sums[1] += funder->granted;
          sums[2] += funder->paid;
          lines += funder->n_lines;
        }
    }
}

/* Each commune */

static void
commune_intro (Flow                *f,
               const ReportCommune *c)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *population = carnet_format_count (c->population);
  g_autofree char *projects = report_plural (c->n_projects, "projet", "projets");
  g_autofree char *actions = report_plural (c->n_actions, "action", "actions");
  g_autofree char *overdue = report_plural (c->n_overdue, "échéance dépassée",
                                            "échéances dépassées");
  g_autofree char *figures = g_strdup_printf ("%s · %s · %s", projects, actions, overdue);

  g_string_append_printf (line, "Code INSEE %s", c->insee);
  if (c->departement != NULL && *c->departement != '\0')
    g_string_append_printf (line, " · %s", c->departement);
  if (c->epci != NULL && *c->epci != '\0')
    g_string_append_printf (line, " · %s", c->epci);
  g_string_append_printf (line, " · %s" NBSP "habitants", population);

  report_heading (f, STYLE_H1, c->name, 40);
  report_paragraph (f, STYLE_BODY, COLOR_GREY, line->str, 2);
  report_paragraph (f, STYLE_BODY, c->n_overdue > 0 ? COLOR_TEXT : COLOR_GREY, figures, 4);
}

static void
action_cells (Flow               *f,
              const ReportAction *a,
              Cell               *cells,
              char              **owned)
{
  const ReportProject *p = &g_array_index (f->report->projects, ReportProject, a->project);
  const char *status = carnet_export_choice_fr (a->status);

  owned[0] = *p->number != '\0' ? g_strdup_printf ("Projet %s — %s", p->number, p->title)
                                : g_strdup_printf ("Projet : %s", p->title);
  owned[1] = carnet_format_date_fr (a->due);
  cells[0] = cell (a->number);
  cells[1] = cell (a->title);
  cells[1].sub = owned[0];
  cells[2] = cell (status);
  if (g_strcmp0 (a->status, "en_retard") == 0 || g_strcmp0 (a->status, "bloque") == 0)
    cells[2].color = COLOR_RED;
  cells[3] = cell (a->lead);
  cells[4] = cell (*owned[1] != '\0' ? owned[1] : "—");
  if (a->overdue)
    {
      cells[4].style = STYLE_CELL_BOLD;
      cells[4].color = COLOR_RED;
      cells[4].sub = "échéance dépassée";
      cells[4].sub_color = COLOR_RED;
    }
  cells[5] = cell (NULL);
  cells[5].progress = a->progress;
}

static void
commune_actions (Flow                *f,
                 const ReportCommune *c)
{
  static const Column columns[] = {
    { "N°", 0.06, ALIGN_LEFT }, { "Action", 0.37, ALIGN_LEFT }, { "Statut", 0.11, ALIGN_LEFT },
    { "Pilote", 0.15, ALIGN_LEFT }, { "Échéance", 0.18, ALIGN_LEFT },
    { "Avancement", 0.13, ALIGN_LEFT },
  };
  GArray *themes = f->report->themes;
  GArray *actions = f->report->actions;
  Table t;

  report_table_setup (&t, f, columns, G_N_ELEMENTS (columns));
  report_heading (f, STYLE_H2, "Actions par thème", 60);
  if (c->n_actions == 0)
    {
      report_paragraph (f, STYLE_BODY, COLOR_GREY, "Aucune action.", 0);
      return;
    }
  for (guint th = 0; th < themes->len; th++)
    {
      const ReportTheme *theme = &g_array_index (themes, ReportTheme, th);
      gboolean started = FALSE;
      guint count = 0;

      for (guint i = c->first_action; i < c->end_action; i++)
        count += g_array_index (actions, ReportAction, i).theme == (int)th;
      if (count == 0)
        continue;

      for (guint i = c->first_action; i < c->end_action; i++)
        {
          const ReportAction *a = &g_array_index (actions, ReportAction, i);
          Cell cells[G_N_ELEMENTS (columns)];
          char *owned[2];

          if (a->theme != (int)th)
            continue;
          action_cells (f, a, cells, owned);
          if (!started)
            {
              g_autofree char *n = report_plural (count, "action", "actions");
              g_autofree char *title = g_strdup_printf ("%s — %s", theme->name, n);

              report_theme_heading (f, theme->color, title, report_table_keep (&t, cells, count));
              report_table_begin (&t, cells, count);
              started = TRUE;
            }
          report_table_row (&t, cells, FALSE);
          g_free (owned[0]);
          g_free (owned[1]);
        }
    }
}

static void
funding_cells (Flow                *f,
               const ReportFunding *line,
               Cell                *cells,
               char               **owned)
{
  gboolean decided = g_strcmp0 (line->state, "accorde") == 0;

  owned[0] = line->action_number != NULL
             ? g_strdup_printf ("Action %s — %s", line->action_number, line->action_title)
             : NULL;
  owned[1] = NULL;
  owned[2] = carnet_format_money (line->requested);
  owned[3] = carnet_format_money (line->granted);
  cells[0] = cell (line->funder);
  cells[0].sub = owned[0];
  cells[1] = cell (line->scheme);
  if (g_strcmp0 (line->nature, "subvention") != 0)
    {
      /* A loan, engineering, self-funding: said under the scheme, or instead of it. */
      if (line->scheme == NULL || *line->scheme == '\0')
        cells[1] = cell (carnet_export_choice_fr (line->nature));
      else
        cells[1].sub = carnet_export_choice_fr (line->nature);
    }
  cells[2] = cell (carnet_export_choice_fr (line->state));
  if (decided && line->lapses_on != NULL)
    {
      g_autofree char *date = carnet_format_date_fr (line->lapses_on);

      owned[1] = g_strdup_printf ("caducité" NBSP ": %s", date);
      cells[2].sub = owned[1];
      /* The aid is lost if works have not started: in red from three months before. */
      if (g_strcmp0 (line->lapses_on, f->report->soon) <= 0)
        cells[2].sub_color = COLOR_RED;
    }
  cells[3] = cell (owned[2]);
  cells[4] = cell (owned[3]);
  if (g_strcmp0 (line->state, "refuse") == 0)
    {
      /* Out of the totals: in grey. */
      cells[2].color = COLOR_RED;
      cells[3].color = cells[4].color = COLOR_LIGHT;
    }
}

static void
funding_total (Table  *t,
               gint64  requested,
               gint64  granted)
{
  g_autofree char *r = carnet_format_money (requested);
  g_autofree char *g = carnet_format_money (granted);
  Cell cells[] = { bold ("Total"), cell (NULL), cell (NULL), bold (r), bold (g) };

  report_table_row (t, cells, TRUE);
}

static void
commune_funding (Flow                *f,
                 const ReportCommune *c)
{
  static const Column columns[] = {
    { "Financeur", 0.31, ALIGN_LEFT }, { "Dispositif", 0.17, ALIGN_LEFT },
    { "État", 0.18, ALIGN_LEFT }, { "Demandé", 0.17, ALIGN_RIGHT },
    { "Accordé", 0.17, ALIGN_RIGHT },
  };
  GArray *funding = f->report->funding;
  gint64 requested = 0, granted = 0;
  guint project = G_MAXUINT;
  Table t;

  if (c->end_funding == 0)
    return;
  report_table_setup (&t, f, columns, G_N_ELEMENTS (columns));
  report_heading (f, STYLE_H2, "Plans de financement", 80);
  for (guint i = c->first_funding; i < c->end_funding; i++)
    {
      const ReportFunding *line = &g_array_index (funding, ReportFunding, i);
      Cell cells[G_N_ELEMENTS (columns)];
      char *owned[4];

      funding_cells (f, line, cells, owned);
      if (line->project != project)
        {
          const ReportProject *p = &g_array_index (f->report->projects, ReportProject,
                                                   line->project);
          g_autofree char *title = *p->number != '\0'
                                   ? g_strdup_printf ("Projet %s — %s", p->number, p->title)
                                   : g_strdup (p->title);

          guint n = 1;

          for (guint j = i; j < c->end_funding; j++)
            n += g_array_index (funding, ReportFunding, j).project == line->project;
          if (project != G_MAXUINT)
            funding_total (&t, requested, granted);
          requested = granted = 0;
          project = line->project;
          report_heading (f, STYLE_H3, title, report_table_keep (&t, cells, n));
          report_table_begin (&t, cells, n);
        }
      report_table_row (&t, cells, FALSE);
      if (g_strcmp0 (line->state, "refuse") != 0)
        {
          requested += line->requested;
          granted += line->granted;
        }
      for (guint k = 0; k < G_N_ELEMENTS (owned); k++)
        g_free (owned[k]);
    }
  funding_total (&t, requested, granted);
  report_paragraph (f, STYLE_SMALL, COLOR_GREY, "Les totaux excluent les lignes refusées.", 0);
}

static void
commune_observations (Flow                *f,
                      const ReportCommune *c)
{
  static const Column columns[] = {
    { "Arpentage", 0.17, ALIGN_LEFT }, { "Type", 0.11, ALIGN_LEFT },
    { "Thème", 0.20, ALIGN_LEFT }, { "Observation", 0.52, ALIGN_LEFT },
  };
  GArray *observations = f->report->observations;
  g_autofree char *since = carnet_format_date_fr (f->report->since);
  g_autofree char *intro = g_strdup_printf ("Arpentages depuis le %s (90 derniers jours).", since);
  Table t;

  if (c->end_observation == 0)
    return;
  report_heading (f, STYLE_H2, "Observations des arpentages récents", 70);
  report_paragraph (f, STYLE_SMALL, COLOR_GREY, intro, 4);
  for (guint i = c->first_observation; i < c->end_observation; i++)
    {
      const ReportObservation *o = &g_array_index (observations, ReportObservation, i);
      const ReportTheme *theme = &g_array_index (f->report->themes, ReportTheme, o->theme);
      g_autofree char *date = carnet_format_date_fr (o->walked_on);
      Cell cells[] = {
        cell (date), cell (carnet_export_choice_fr (o->kind)), cell (theme->name), cell (o->text),
      };

      if (g_strcmp0 (o->kind, "irritant") == 0)
        cells[1].color = COLOR_RED;
      if (i == c->first_observation)
        report_table_start (&t, f, columns, G_N_ELEMENTS (columns), cells,
                            c->end_observation - c->first_observation);
      report_table_row (&t, cells, FALSE);
    }
}

/**
 * _carnet_report_paginate:
 *
 * Returns: (transfer full): the pages, each a #GArray of #ReportOp
 */
GPtrArray *
_carnet_report_paginate (CarnetReport *self,
                         double        width,
                         double        height)
{
  Flow flow = { 0, };
  Flow *f = &flow;

  f->report = self;
  f->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  f->width = width;
  f->height = height;
  f->left = MIN (56, width * 0.09);
  f->inner = width - 2 * f->left;
  f->top = MIN (58, height * 0.07);
  f->bottom = height - MIN (50, height * 0.06);

  report_new_page (f);
  title_page (f);

  report_new_page (f);
  report_heading (f, STYLE_H1, "Vue d’ensemble", 0);
  themes_chart (f);
  themes_table (f);
  funders_chart (f);
  funders_table (f);

  if (!detailed (f))
    {
      report_new_page (f);
      communes_summary_table (f);
    }
  for (guint i = 0; i < self->communes->len && detailed (f); i++)
    {
      const ReportCommune *c = &g_array_index (self->communes, ReportCommune, i);

      /* Limited to a theme, a commune with nothing of it has no page. */
      if (self->theme_name != NULL && c->end_action == 0 && c->end_funding == 0 &&
          c->end_observation == 0)
        continue;
      report_new_page (f);
      commune_intro (f, c);
      commune_actions (f, c);
      commune_funding (f, c);
      commune_observations (f, c);
    }
  return f->pages;
}
