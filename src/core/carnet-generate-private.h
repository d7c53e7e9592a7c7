/* carnet-generate-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

G_END_DECLS
