/* carnet-stats.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-store.h"

G_BEGIN_DECLS

/* The figures of an overview, for one commune or all: what the steering committee asks. */

typedef struct
{
  char   *theme_uuid;         /* NULL: no theme */
  char   *theme_name;
  char   *theme_color;
  guint   by_status[6];       /* in the order of carnet_stats_status_slug() */
  guint   total;
} CarnetThemeCount;

typedef struct
{
  char   *funder;
  gint64  requested;
  gint64  granted;
  gint64  paid;
} CarnetFunderSum;

typedef struct
{
  guint      n_communes;
  guint      n_projects;
  guint      n_actions;
  guint      n_overdue;
  guint      n_due_soon;      /* due in the next 30 days, not done */
  guint      n_walks;
  guint      n_observations;
  gint64     cost_ht;         /* of the actions */
  gint64     cost_ttc;
  gint64     requested;       /* funding lines, all states but refused */
  gint64     granted;         /* granted or paid */
  gint64     paid;
  gint64     self_funding;    /* nature autofinancement, granted or paid */
  gint64     by_state[5];     /* amount requested, in the order of carnet_stats_funding_state_slug() */
  guint      by_status[6];
  GPtrArray *themes;          /* of CarnetThemeCount, in the themes' order, then “no theme” */
  GPtrArray *funders;         /* of CarnetFunderSum, largest granted first */
} CarnetStats;

CarnetStats *carnet_stats_compute                (CarnetStore  *store,
                                                  const char   *commune_uuid,
                                                  const char   *today,
                                                  GError      **error);
void         carnet_stats_free                   (CarnetStats  *stats);
const char  *carnet_stats_status_slug            (guint         index);
const char  *carnet_stats_funding_state_slug     (guint         index);
double       carnet_stats_self_funding_share     (const CarnetStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetStats, carnet_stats_free)

G_END_DECLS
