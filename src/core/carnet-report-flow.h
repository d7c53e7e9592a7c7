/* carnet-report-flow.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-report-private.h"

G_BEGIN_DECLS

/* Text flowing down pages, and tables that go on to the next page under their header. */

typedef struct
{
  CarnetReport *report;
  GPtrArray    *pages;
  GArray       *page;
  double        width;
  double        height;
  double        left;
  double        top;
  double        bottom;
  double        inner;
  double        y;
} Flow;

typedef struct
{
  const char *title;
  double      share;   /* of the page's width */
  guint8      align;
} Column;

typedef struct
{
  const char *text;
  const char *sub;     /* a second, smaller line */
  guint8      style;
  guint32     color;
  guint32     sub_color;
  int         progress;  /* a bar, 0 to 100, or -1 */
} Cell;

#define MAX_COLUMNS 10

typedef struct
{
  Flow         *flow;
  const Column *columns;
  guint         n_columns;
  double        x[MAX_COLUMNS];
  double        w[MAX_COLUMNS];
} Table;

#define PAD_X 4.0
#define PAD_Y 3.6
#define NNBSP "\u202f"
#define NBSP "\u00a0"

static inline Cell
cell (const char *text)
{
  Cell c = { text, NULL, STYLE_CELL, COLOR_TEXT, COLOR_GREY, -1 };

  return c;
}

static inline Cell
bold (const char *text)
{
  Cell c = { text, NULL, STYLE_CELL_BOLD, COLOR_TEXT, COLOR_GREY, -1 };

  return c;
}

/* Pages and text */
void     report_new_page      (Flow         *f);
void     report_need          (Flow         *f,
                               double        height);
void     report_add_op        (Flow         *f,
                               ReportOpKind  kind,
                               guint32       color,
                               double        x,
                               double        y,
                               double        w,
                               double        h);
void     report_add_line      (Flow         *f,
                               guint32       color,
                               double        x,
                               double        y,
                               double        w,
                               double        thickness);
double   report_measure       (Flow         *f,
                               ReportStyle   style,
                               guint8        align,
                               double        width,
                               const char   *text);
double   report_add_text      (Flow         *f,
                               ReportStyle   style,
                               guint8        align,
                               guint32       color,
                               double        x,
                               double        y,
                               double        width,
                               const char   *text);
void     report_paragraph     (Flow         *f,
                               ReportStyle   style,
                               guint32       color,
                               const char   *text,
                               double        space_after);
void     report_heading       (Flow         *f,
                               ReportStyle   style,
                               const char   *text,
                               double        keep);
void     report_theme_heading (Flow         *f,
                               guint32       color,
                               const char   *text,
                               double        keep);

/* French numbers and colours */
char    *report_plural        (guint         n,
                               const char   *one,
                               const char   *many);
char    *report_percent       (gint64        part,
                               gint64        whole);
char    *report_round_money   (gint64        cents);
guint32  report_tint          (guint32       color,
                               double        amount);

/* Tables */
double   report_row_height    (Table        *t,
                               const Cell   *cells);
void     report_table_setup   (Table        *t,
                               Flow         *f,
                               const Column *columns,
                               guint         n_columns);
double   report_table_keep    (Table        *t,
                               const Cell   *first_row,
                               guint         n_rows);
void     report_table_begin   (Table        *t,
                               const Cell   *first_row,
                               guint         n_rows);
void     report_table_start   (Table        *t,
                               Flow         *f,
                               const Column *columns,
                               guint         n_columns,
                               const Cell   *first_row,
                               guint         n_rows);
void     report_table_row     (Table        *t,
                               const Cell   *cells,
                               gboolean      total);

G_END_DECLS
