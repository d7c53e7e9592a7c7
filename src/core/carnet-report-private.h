/* carnet-report-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "carnet-report.h"

G_BEGIN_DECLS

/* The report is made in three steps: carnet-report.c reads what it shows from the database
 * (once: the report can be printed later, the database having changed), carnet-report-layout.c
 * lays it out on pages of a given size as a list of drawing operations (with the text flow
 * and tables of carnet-report-flow.c), and carnet-report-draw.c draws the operations of one
 * page, on a PDF or a printer. */

#define N_STATUSES 6

typedef struct
{
  const char *uuid;
  const char *insee;
  const char *name;
  const char *epci;
  const char *departement;
  gint64      population;
  const char *pvd_date;
  const char *ort_date;
  guint       n_projects;
  guint       n_actions;
  guint       n_overdue;
  guint       first_action;       /* actions are sorted by commune: a range */
  guint       first_funding;
  guint       first_observation;
  guint       end_action;
  guint       end_funding;
  guint       end_observation;
} ReportCommune;

typedef struct
{
  const char *uuid;
  const char *name;
  guint32     color;              /* 0xRRGGBB */
  guint       counts[N_STATUSES]; /* actions by status, in the order of report_statuses */
  guint       n_overdue;
} ReportTheme;

typedef struct
{
  const char *uuid;
  guint       commune;
  const char *number;
  const char *title;
} ReportProject;

typedef struct
{
  guint       commune;
  guint       project;
  int         theme;              /* index in themes, or the last one: no theme */
  const char *number;
  const char *title;
  const char *status;
  const char *lead;
  const char *due;
  int         progress;
  gboolean    overdue;
} ReportAction;

typedef struct
{
  guint       commune;
  guint       project;
  const char *action_number;      /* NULL for a line of the project itself */
  const char *action_title;
  const char *funder;
  const char *scheme;
  const char *nature;
  const char *state;
  const char *lapses_on;
  gint64      requested;
  gint64      granted;
  gint64      paid;
} ReportFunding;

typedef struct
{
  guint       commune;
  const char *walked_on;
  const char *kind;
  int         theme;
  const char *text;
} ReportObservation;

typedef struct
{
  const char *funder;
  gint64      requested;
  gint64      granted;
  gint64      paid;
  guint       n_lines;
} ReportFunder;

typedef struct
{
  guint  n_projects;
  guint  n_actions;
  guint  n_overdue;
  guint  by_status[N_STATUSES];
  gint64 cost;
  gint64 aid_requested;
  gint64 aid_granted;
  gint64 self_funding;
  gint64 plan_total;
} ReportFigures;

/* Text styles; see carnet-report-draw.c. */
typedef enum
{
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_CELL,
  STYLE_CELL_BOLD,
  STYLE_CELL_SMALL,
  STYLE_HEADER,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_KICKER,
  STYLE_FIGURE,
  STYLE_PAGE,
  N_STYLES
} ReportStyle;

typedef enum
{
  ALIGN_LEFT = 0,
  ALIGN_CENTER = 1,
  ALIGN_RIGHT = 2,
  ALIGN_MASK = 3,
  ONE_LINE = 4,       /* ellipsized, never wrapped */
} ReportAlign;

typedef enum
{
  OP_TEXT,
  OP_RECT,
  OP_HATCH,           /* diagonal lines over a rectangle */
  OP_LINE,            /* from (x, y) to (x + w, y + h) */
  OP_DOT,
} ReportOpKind;

typedef struct
{
  ReportOpKind kind;
  guint8       style;  /* a ReportStyle; for a line, its thickness in tenths of a point */
  guint8       align;
  guint32      color;
  double       x, y, w, h;
  const char  *text;  /* in the report's string chunk */
} ReportOp;

#define COLOR_TEXT   0x161616
#define COLOR_GREY   0x5e5e66
#define COLOR_LIGHT  0x929299
#define COLOR_RULE   0xdcdce2
#define COLOR_FILL   0xf3f3f6
#define COLOR_BLUE   0x000091
#define COLOR_BLUE_L 0xcacafb
#define COLOR_RED    0xce0500
#define COLOR_WHITE  0xffffff

struct _CarnetReport
{
  GObject        parent_instance;

  GStringChunk  *strings;
  char          *title;           /* the communes, for the page headers */
  char          *theme_name;
  char          *today;
  char          *since;           /* observations from this day on */
  char          *soon;            /* aid lapsing before this day is a concern */
  gboolean       all_communes;

  GArray        *communes;        /* ReportCommune */
  GArray        *themes;          /* ReportTheme; the last is “Sans thème” */
  GArray        *projects;        /* ReportProject */
  GArray        *actions;         /* ReportAction */
  GArray        *funding;         /* ReportFunding */
  GArray        *observations;    /* ReportObservation */
  GArray        *funders;         /* ReportFunder, largest first */
  ReportFigures  figures;

  PangoContext  *pango;
  PangoFontDescription *fonts[N_STYLES];
  PangoAttrList *kicker_attrs;
  PangoLayout   *scratch;         /* for measuring */
  GHashTable    *heights;         /* measures: "style align width text" → height */

  /* The pages of the last layout, and the size it was made for. */
  GPtrArray     *pages;           /* GArray of ReportOp */
  double         layout_width;
  double         layout_height;
};

extern const char *const report_statuses[N_STATUSES];

const char  *_carnet_report_intern        (CarnetReport  *self,
                                           const char    *text);
void         _carnet_report_init_styles   (CarnetReport  *self);
double       _carnet_report_measure       (CarnetReport  *self,
                                           ReportStyle    style,
                                           guint8         align,
                                           double         width,
                                           const char    *text,
                                           double        *text_width);
double       _carnet_report_text_width    (CarnetReport  *self,
                                           ReportStyle    style,
                                           const char    *text);
void         _carnet_report_draw_ops      (CarnetReport  *self,
                                           cairo_t       *cr,
                                           GArray        *ops);
void         _carnet_report_draw_frame    (CarnetReport  *self,
                                           cairo_t       *cr,
                                           int            page,
                                           int            n_pages,
                                           double         width,
                                           double         height);
GPtrArray   *_carnet_report_paginate      (CarnetReport  *self,
                                           double         width,
                                           double         height);

G_END_DECLS
