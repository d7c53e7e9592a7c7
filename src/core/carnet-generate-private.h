/* carnet-generate-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "carnet-db.h"
#include "carnet-reference.h"

G_BEGIN_DECLS

/* The vocabulary the generator draws from (carnet-generate-words.c). Themes are indexed in
 * the order of the programme's default themes; their slugs are in gen_theme_slugs. */

#define GEN_N_THEMES 9

typedef enum
{
  GEN_STUDY,         /* études, diagnostics: tens of thousands of euros */
  GEN_WORKS,         /* travaux: hundreds of thousands to millions */
  GEN_LAND,          /* acquisitions */
  GEN_ANIMATION,     /* concertation, communication, recrutement */
} GenKind;

typedef struct
{
  const char *title;    /* may hold {tokens}, see gen_expand() */
  const char *subject;  /* what its actions are prefixed with, may hold {tokens} */
} GenProject;

typedef struct
{
  const char *title;    /* lower case: it follows “Subject : ” */
  GenKind     kind;
  int         stage;    /* actions of a project are listed by stage */
} GenAction;

typedef struct
{
  const char *funder;
  const char *scheme;
  const char *nature;   /* a slug of the funding_lines.nature column */
  const char *code;     /* the prefix of its file references */
  guint       themes;   /* bit i: suits theme i; 0: every theme */
  gboolean    studies;  /* only for studies and animation */
} GenFunder;

typedef struct
{
  const char *kind;     /* constat, irritant, idee */
  const char *text;
} GenObservation;

typedef struct
{
  const GenProject *projects;
  guint             n_projects;
  const GenAction  *actions;
  guint             n_actions;
  const char       *stake;       /* a sentence fragment: why the commune does it */
  const char *const *objectives;
  const char *const *results;    /* each follows a number */
  guint             weight;      /* how often projects are about this theme */
} GenTheme;

/* What the {tokens} of a template are replaced with. */
typedef struct
{
  const char *commune;
  const char *name;      /* a surname: “friche Lemoine” */
  const char *saint;
  guint       place;     /* index into the places */
  guint       building;  /* index into the buildings */
} GenContext;

extern const char *const gen_theme_slugs[GEN_N_THEMES];
extern const GenTheme     gen_themes[GEN_N_THEMES];
extern const GenAction    gen_common_actions[];
extern const guint        gen_n_common_actions;
extern const GenFunder    gen_funders[];
extern const guint        gen_n_funders;
extern const GenObservation gen_observations[];
extern const guint        gen_n_observations;
extern const char *const  gen_first_names[];
extern const guint        gen_n_first_names;
extern const char *const  gen_surnames[];
extern const guint        gen_n_surnames;
extern const char *const  gen_saints[];
extern const guint        gen_n_saints;
extern const guint        gen_n_places;
extern const guint        gen_n_buildings;
extern const char *const  gen_partners[];
extern const guint        gen_n_partners;
extern const char *const  gen_walk_titles[];
extern const guint        gen_n_walk_titles;
extern const char *const  gen_roles[];
extern const guint        gen_n_roles;

void gen_expand (GString          *out,
                 const char       *template,
                 const GenContext *context);

/* The generator itself: carnet-generate.c writes, carnet-generate-rows.c makes the rows. */

#define UUID_LEN  36
#define STAMP_LEN 27

/* The tables written, parents first. */
enum
{
  COMMUNES,
  PROJECTS,
  ACTIONS,
  FUNDING_LINES,
  WALKS,
  OBSERVATIONS,
  N_TABLES
};

/* A project or an action, before it is written. Strings live in the generator's chunk. */
typedef struct
{
  char        uuid[UUID_LEN + 1];
  char        created_at[STAMP_LEN + 1];
  char        updated_at[STAMP_LEN + 1];
  char        number[16];
  const char *title;
  const char *description;
  const char *objectives;
  const char *expected_results;
  guint       theme;
  const char *other_themes;
  const char *phase;
  const char *status;
  const char *maturity;
  const char *priority;
  const char *owner;
  const char *lead;
  const char *referent;
  const char *partners;
  guint32     start_planned;   /* Julian days; 0 for none */
  guint32     end_planned;
  guint32     start_actual;
  guint32     end_actual;
  gint64      cost_ht;
  int         progress;
  gboolean    in_ort;
  GenKind     kind;
} Fiche;

typedef struct
{
  GRand        *rand;
  CarnetDb     *db;
  GStringChunk *chunk;      /* the strings of the current commune */
  GString      *scratch;
  const char   *theme_uuids[GEN_N_THEMES];
  guint32       today;
  guint32       first_day;  /* of the table of formatted days */
  guint         n_days;
  char         *days;
  guint32       horizon;   /* no date after it */

  sqlite3_stmt *insert[N_TABLES];  /* into the staging tables */
  sqlite3_stmt *move[N_TABLES];    /* from them into the real ones */
  sqlite3_stmt *clear[N_TABLES];
  guint         staged;            /* rows waiting in the staging tables */

  /* How many children each parent gets, in the order parents are made. */
  guint        *projects_per_commune;
  guint        *actions_per_project;
  guint        *funding_per_project;
  guint        *funding_per_action;
  guint        *walks_per_commune;
  guint        *observations_per_walk;
  guint         next_project;
  guint         next_action;
  guint         next_walk;

  /* The funders that suit each theme, for works and for studies. */
  GArray       *funders[GEN_N_THEMES][2];

  /* The commune being filled. */
  const CarnetReferenceCommune *commune;
  char          commune_uuid[UUID_LEN + 1];
  const char   *commune_owner;
  const char   *epci_owner;
  const char   *chef_de_projet;
  const char   *mayor;
  gboolean      has_ort;
  GArray       *action_uuids;  /* of the commune, for observations that became actions */
  Fiche        *actions;       /* of the current project */
  guint         n_actions_allocated;
} Gen;

guint32  gen_julian        (int                           y,
                            int                           m,
                            int                           d);
void     gen_fill_days     (Gen                          *g);
guint   *gen_allocate      (Gen                          *g,
                            guint                         total,
                            guint                         n,
                            const double                 *weights);
gboolean gen_write_commune (Gen                          *g,
                            const CarnetReferenceCommune *ref,
                            guint                         index,
                            GError                      **error);

G_END_DECLS
