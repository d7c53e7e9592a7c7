/* carnet-generate.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-store.h"

G_BEGIN_DECLS

/**
 * CarnetGenerateSize:
 *
 * How many records carnet_generate() makes of each kind. The national size, the whole
 * programme, is 1,650 communes, 25,000 projects, 125,000 actions, 60,000 funding lines,
 * 10,000 walks and 50,000 observations.
 */
typedef struct
{
  guint communes;
  guint projects;
  guint actions;
  guint funding_lines;
  guint walks;
  guint observations;
} CarnetGenerateSize;

void      carnet_generate_size_init  (CarnetGenerateSize       *size,
                                      double                    scale);
guint64   carnet_generate_size_total (const CarnetGenerateSize *size);
gboolean  carnet_generate            (CarnetStore              *store,
                                      guint32                   seed,
                                      const CarnetGenerateSize *size,
                                      GError                  **error);

G_END_DECLS
