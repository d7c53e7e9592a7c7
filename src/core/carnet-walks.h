/* carnet-walks.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-position.h"
#include "carnet-record-list.h"
#include "carnet-store.h"

G_BEGIN_DECLS

#define CARNET_WALKS_ERROR (carnet_walks_error_quark ())

typedef enum
{
  CARNET_WALKS_ERROR_ALREADY_LINKED,
  CARNET_WALKS_ERROR_EMPTY,
  CARNET_WALKS_ERROR_WRONG_COMMUNE,
  CARNET_WALKS_ERROR_NOT_AN_IMAGE,
  CARNET_WALKS_ERROR_TOO_LARGE,
} CarnetWalksError;

/* The largest photo that can be attached, in bytes: “50 Mo” as people read sizes. */
#define CARNET_PHOTO_MAX_SIZE (50 * 1000 * 1000)

/* The longest action title made from an observation, in characters. */
#define CARNET_ACTION_TITLE_MAX 120

typedef struct
{
  const char *theme_uuid;   /* interned; NULL for the observations with no theme */
  guint       n_irritants;
  guint       n_ideas;
} CarnetReviewTheme;

typedef struct
{
  guint             n_irritants;
  guint             n_ideas;
  GArray           *themes;        /* CarnetReviewTheme, in the themes' order, none last */
  CarnetRecordList *observations;  /* the irritants and ideas, sectioned by theme UUID ("" for
                                    * none): irritants first, newest walk first */
} CarnetReview;

GQuark            carnet_walks_error_quark           (void);

CarnetAction     *carnet_store_observation_to_action (CarnetStore   *store,
                                                      CarnetRecord  *observation,
                                                      CarnetRecord  *project,
                                                      GError       **error);
char             *carnet_observation_action_title    (const char    *text);

CarnetAttachment *carnet_store_attach_photo          (CarnetStore   *store,
                                                      CarnetRecord  *observation,
                                                      GFile         *source,
                                                      GError       **error);
char             *carnet_store_get_attachments_dir   (CarnetStore   *store);
char             *carnet_attachment_get_path         (CarnetStore   *store,
                                                      CarnetRecord  *attachment);

CarnetRecordList *carnet_store_list_walks            (CarnetStore   *store,
                                                      const char    *commune_uuid);
CarnetRecordList *carnet_store_search_walks          (CarnetStore   *store,
                                                      const char    *commune_uuid,
                                                      const char    *text,
                                                      guint          limit);
CarnetRecordList *carnet_store_search_observations   (CarnetStore   *store,
                                                      const char    *commune_uuid,
                                                      const char    *text,
                                                      guint          limit);
CarnetWalk       *carnet_store_find_walk_on          (CarnetStore   *store,
                                                      const char    *commune_uuid,
                                                      const char    *date);

CarnetReview     *carnet_store_review                (CarnetStore   *store,
                                                      const char    *commune_uuid,
                                                      const char    *theme_uuid);
const CarnetReviewTheme *carnet_review_find_theme    (CarnetReview  *review,
                                                      const char    *theme_uuid);
void              carnet_review_free                 (CarnetReview  *review);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CarnetReview, carnet_review_free)

G_END_DECLS
