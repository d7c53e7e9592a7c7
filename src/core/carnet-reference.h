/* carnet-reference.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CarnetReferenceCommune:
 * @insee: the 5-character INSEE code ("14047", "2A004")
 * @name: the official name ("Mézidon Vallée d'Auge")
 * @departement: the département code ("14", "2A", "974")
 * @departement_name: the département name
 * @region: the région name
 * @epci_siren: the 9-digit SIREN of the commune's EPCI, or "" if it has none
 * @epci_name: the EPCI's name, or "" if it has none
 * @postcodes: the postcodes, comma-separated ("14140,14270"), or ""
 * @population: the legal population, or 0 if unknown
 *
 * A commune of the reference list. It belongs to the #CarnetReference it came
 * from and lives as long as it; its strings are never %NULL.
 */
typedef struct
{
  const char *insee;
  const char *name;
  const char *departement;
  const char *departement_name;
  const char *region;
  const char *epci_siren;
  const char *epci_name;
  const char *postcodes;
  gint64      population;
} CarnetReferenceCommune;

#define CARNET_TYPE_REFERENCE (carnet_reference_get_type ())

G_DECLARE_FINAL_TYPE (CarnetReference, carnet_reference, CARNET, REFERENCE, GObject)

CarnetReference              *carnet_reference_get_default    (void);
guint                         carnet_reference_get_n_communes (CarnetReference *self);
const CarnetReferenceCommune *carnet_reference_lookup         (CarnetReference *self,
                                                               const char      *insee);
const CarnetReferenceCommune *carnet_reference_get_commune    (CarnetReference *self,
                                                               guint            index);
GPtrArray                    *carnet_reference_search         (CarnetReference *self,
                                                               const char      *query,
                                                               guint            limit);
char                         *carnet_reference_normalize      (const char      *text);
char                         *carnet_reference_fold_name      (const char      *text);
const GPtrArray              *carnet_reference_find_by_name   (CarnetReference *self,
                                                               const char      *name);

G_END_DECLS
