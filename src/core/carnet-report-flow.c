/* carnet-report-flow.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-report"

#include "config.h"

#include "carnet-format.h"
#include "carnet-report-flow.h"

/* Text flows down the page; a table that reaches the bottom goes on to the next page under
 * its header again; a heading is never left alone at the bottom of a page. */

/* Flow */

void
report_new_page (Flow *f)
{
  f->page = g_array_new (FALSE, FALSE, sizeof (ReportOp));
  g_ptr_array_add (f->pages, f->page);
  f->y = f->top;
}

/* Goes to the next page unless @height fits below, or the page is still empty. */
void
report_need (Flow   *f,
             double  height)
{
  if (f->y + height > f->bottom && f->y > f->top + 0.5)
    report_new_page (f);
}

void
report_add_op (Flow         *f,
               ReportOpKind  kind,
               guint32       color,
               double        x,
               double        y,
               double        w,
               double        h)
{
  ReportOp op = { kind, 0, 0, color, x, y, w, h, NULL };

  g_array_append_val (f->page, op);
}

void
report_add_line (Flow    *f,
                 guint32  color,
                 double   x,
                 double   y,
                 double   w,
                 double   thickness)
{
  ReportOp op = { OP_LINE, (guint8)(thickness * 10), 0, color, x, y, w, 0, NULL };

  g_array_append_val (f->page, op);
}

double
report_measure (Flow        *f,
                ReportStyle  style,
                guint8       align,
                double       width,
                const char  *text)
{
  return _carnet_report_measure (f->report, style, align, width, text, NULL);
}

/* Adds a text at (@x, @y), and returns its height. */
double
report_add_text (Flow        *f,
                 ReportStyle  style,
                 guint8       align,
                 guint32      color,
                 double       x,
                 double       y,
                 double       width,
                 const char  *text)
{
  ReportOp op = { OP_TEXT, style, align, color, x, y, width, 0, NULL };

  if (text == NULL || *text == '\0')
    return 0;
  op.text = _carnet_report_intern (f->report, text);
  op.h = report_measure (f, style, align, width, text);
  g_array_append_val (f->page, op);
  return op.h;
}

void
report_paragraph (Flow        *f,
                  ReportStyle  style,
                  guint32      color,
                  const char  *text,
                  double       space_after)
{
  double height = report_measure (f, style, ALIGN_LEFT, f->inner, text);

  report_need (f, height);
  f->y += report_add_text (f, style, ALIGN_LEFT, color, f->left, f->y, f->inner, text);
  f->y += space_after;
}

/* A heading, kept with the @keep points that follow it. */
void
report_heading (Flow        *f,
                ReportStyle  style,
                const char  *text,
                double       keep)
{
  double before = style == STYLE_H1 ? 0 : style == STYLE_H2 ? 16 : 10;
  double height = report_measure (f, style, ALIGN_LEFT, f->inner, text);

  if (f->y > f->top + 0.5)
    f->y += before;
  report_need (f, height + keep + 6);
  if (style == STYLE_H1)
    {
      f->y += report_add_text (f, style, ALIGN_LEFT, COLOR_BLUE, f->left, f->y, f->inner, text) + 4;
      report_add_line (f, COLOR_BLUE, f->left, f->y, f->inner, 1.2);
      f->y += 10;
    }
  else
    f->y += report_add_text (f, style, ALIGN_LEFT, COLOR_TEXT, f->left, f->y, f->inner, text) +
            (style == STYLE_H2 ? 6 : 4);
}

/* A heading with a square of a theme's colour before it. */
void
report_theme_heading (Flow       *f,
                      guint32     color,
                      const char *text,
                      double      keep)
{
  double height = report_measure (f, STYLE_H3, ALIGN_LEFT, f->inner - 14, text);

  f->y += 12;
  report_need (f, height + keep + 6);
  report_add_op (f, OP_RECT, color, f->left, f->y + 2.5, 8, 8);
  f->y += report_add_text (f, STYLE_H3, ALIGN_LEFT, COLOR_TEXT, f->left + 14, f->y, f->inner - 14,
                           text) + 4;
}

char *
report_plural (guint       n,
               const char *one,
               const char *many)
{
  g_autofree char *count = carnet_format_count (n);

  return g_strdup_printf ("%s%s%s", count, NBSP, n <= 1 ? one : many);
}

char *
report_percent (gint64 part,
                gint64 whole)
{
  g_autofree char *text = NULL;

  if (whole <= 0)
    return g_strdup ("—");
  text = g_strdup_printf ("%.1f", 100.0 * (double)part / (double)whole);
  for (char *p = text; *p != '\0'; p++)
    if (*p == '.')
      *p = ',';
  return g_strdup_printf ("%s" NNBSP "%%", text);
}

/* For the key figures: whole euros, “3 945 000 €”, or millions, “12,3 M€”. */
char *
report_round_money (gint64 cents)
{
  gint64 euros = (cents + 50) / 100;
  g_autofree char *text = NULL;

  if (euros < 10000000)
    {
      text = carnet_format_count (euros);
      return g_strconcat (text, NBSP "€", NULL);
    }
  text = g_strdup_printf ("%.1f", euros / 1e6);
  for (char *p = text; *p != '\0'; p++)
    if (*p == '.')
      *p = ',';
  return g_strconcat (text, NBSP "M€", NULL);
}

guint32
report_tint (guint32 color,
             double  amount)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double c = (color >> shift) & 0xff;

      out |= (guint32)(255 - (255 - c) * amount + 0.5) << shift;
    }
  return out;
}

/* Tables */

static void
table_header (Table *t)
{
  Flow *f = t->flow;
  double height = 0;

  for (guint i = 0; i < t->n_columns; i++)
    height = MAX (height, report_measure (f, STYLE_HEADER, t->columns[i].align, t->w[i] - 2 * PAD_X,
                                          t->columns[i].title));
  height += 2 * PAD_Y;
  report_add_op (f, OP_RECT, COLOR_FILL, f->left, f->y, f->inner, height);
  for (guint i = 0; i < t->n_columns; i++)
    report_add_text (f, STYLE_HEADER, t->columns[i].align, COLOR_GREY, t->x[i] + PAD_X,
                     f->y + PAD_Y, t->w[i] - 2 * PAD_X, t->columns[i].title);
  report_add_line (f, COLOR_LIGHT, f->left, f->y + height, f->inner, 0.6);
  f->y += height;
}

static double
cell_height (Table      *t,
             guint       i,
             const Cell *cell)
{
  double width = t->w[i] - 2 * PAD_X;
  double height = 0;

  if (cell->text != NULL)
    height = report_measure (t->flow, cell->style, t->columns[i].align, width, cell->text);
  if (cell->sub != NULL && *cell->sub != '\0')
    height += 1 + report_measure (t->flow, STYLE_CELL_SMALL, t->columns[i].align, width, cell->sub);
  if (cell->progress >= 0)
    height = MAX (height, report_measure (t->flow, STYLE_CELL, ALIGN_LEFT, width, "0"));
  return height;
}

double
report_row_height (Table      *t,
                   const Cell *cells)
{
  double height = 0;

  for (guint i = 0; i < t->n_columns; i++)
    height = MAX (height, cell_height (t, i, &cells[i]));
  return height + 2 * PAD_Y;
}

void
report_table_setup (Table        *t,
                    Flow         *f,
                    const Column *columns,
                    guint         n_columns)
{
  double x = f->left;

  g_assert (n_columns <= MAX_COLUMNS);
  t->flow = f;
  t->columns = columns;
  t->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    {
      t->x[i] = x;
      t->w[i] = columns[i].share * f->inner;
      x += t->w[i];
    }
}

/* What must fit below a table's heading: the whole table when it is short (it is not split
 * then), else its header and first row. */
double
report_table_keep (Table      *t,
                   const Cell *first_row,
                   guint       n_rows)
{
  double row = first_row != NULL ? report_row_height (t, first_row) : 0;
  double whole = 22 + row * n_rows;

  return whole <= 0.4 * (t->flow->bottom - t->flow->top) ? whole : 22 + row;
}

void
report_table_begin (Table      *t,
                    const Cell *first_row,
                    guint       n_rows)
{
  report_need (t->flow, report_table_keep (t, first_row, n_rows));
  table_header (t);
}

void
report_table_start (Table        *t,
                    Flow         *f,
                    const Column *columns,
                    guint         n_columns,
                    const Cell   *first_row,
                    guint         n_rows)
{
  report_table_setup (t, f, columns, n_columns);
  report_table_begin (t, first_row, n_rows);
}

static void
draw_progress (Table  *t,
               guint   i,
               int     progress)
{
  Flow *f = t->flow;
  g_autofree char *text = g_strdup_printf ("%d" NNBSP "%%", progress);
  double label = 26;
  double bar = t->w[i] - 2 * PAD_X - label - 3;
  double y = f->y + PAD_Y + 3.5;

  if (bar > 8)
    {
      report_add_op (f, OP_RECT, COLOR_RULE, t->x[i] + PAD_X, y, bar, 4);
      report_add_op (f, OP_RECT, COLOR_BLUE, t->x[i] + PAD_X, y,
                     bar * CLAMP (progress, 0, 100) / 100.0, 4);
    }
  report_add_text (f, STYLE_CELL, ALIGN_RIGHT, COLOR_TEXT, t->x[i] + t->w[i] - PAD_X - label,
                   f->y + PAD_Y, label, text);
}

void
report_table_row (Table      *t,
                  const Cell *cells,
                  gboolean    total)
{
  Flow *f = t->flow;
  double height = report_row_height (t, cells);

  if (f->y + height > f->bottom)
    {
      report_new_page (f);
      table_header (t);
    }
  if (total)
    report_add_line (f, COLOR_TEXT, f->left, f->y, f->inner, 0.8);

  for (guint i = 0; i < t->n_columns; i++)
    {
      const Cell *cell = &cells[i];
      double width = t->w[i] - 2 * PAD_X;
      double y = f->y + PAD_Y;

      if (cell->progress >= 0)
        {
          draw_progress (t, i, cell->progress);
          continue;
        }
      y += report_add_text (f, cell->style, t->columns[i].align, cell->color, t->x[i] + PAD_X, y,
                            width, cell->text);
      if (cell->sub != NULL)
        report_add_text (f, STYLE_CELL_SMALL, t->columns[i].align, cell->sub_color, t->x[i] + PAD_X,
                         y + 1, width, cell->sub);
    }
  f->y += height;
  report_add_line (f, COLOR_RULE, f->left, f->y, f->inner, 0.5);
}

