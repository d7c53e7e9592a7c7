/* export-fixture.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdarg.h>

#include "carnet-records.h"
#include "export-fixture.h"

/* Three communes of Calvados as a chef de projet would keep them, with the text that trips
 * up exports: quotes, semicolons, line breaks, accents, and titles a spreadsheet would take
 * for formulas. */

#define SANTE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0001"
#define MOBILITES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0002"
#define COMMERCE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0003"
#define HABITAT "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0004"
#define NUMERIQUE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0005"
#define SERVICES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0006"
#define TRANSITION "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0007"
#define FRICHES "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0008"
#define PATRIMOINE "5e1b6c2a-0b1d-4c55-9a51-3f1c2d8e0009"

/**
 * fixture_add:
 * @first_field: a field name, then its value as a person would type it, and so on, then %NULL
 *
 * Returns: (transfer full): the new record
 */
CarnetRecord *
fixture_add (CarnetStore *store,
             GType        type,
             const char  *first_field,
             ...)
{
  g_autoptr(CarnetRecord) record = g_object_new (type, NULL);
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_field);
  for (const char *name = first_field; name != NULL; name = va_arg (args, const char *))
    {
      const char *text = va_arg (args, const char *);
      const CarnetField *field;
      g_auto(GValue) value = G_VALUE_INIT;

      field = carnet_record_class_find_field (CARNET_RECORD_GET_CLASS (record), name);
      g_assert_nonnull (field);
      carnet_field_parse (field, text, &value, &error);
      g_assert_no_error (error);
      carnet_record_set_value (record, field->name, &value);
    }
  va_end (args);

  carnet_store_insert (store, record, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

static CarnetRecord *
add_commune (CarnetStore *store,
             const char  *insee,
             const char  *pvd,
             const char  *ort)
{
  g_autoptr(GError) error = NULL;
  CarnetRecord *commune = CARNET_RECORD (carnet_store_add_commune (store, insee, &error));

  g_assert_no_error (error);
  carnet_store_update_text (store, commune, "pvd-date", pvd, &error);
  g_assert_no_error (error);
  carnet_store_update_text (store, commune, "ort-date", ort, &error);
  g_assert_no_error (error);
  return commune;
}

#define PROJECT(commune, number, title, theme, ...) \
  fixture_add (store, CARNET_TYPE_PROJECT, "commune-uuid", carnet_record_get_uuid (commune), \
               "number", number, "title", title, "theme-uuid", theme, __VA_ARGS__)
#define ACTION(project, number, title, theme, status, ...) \
  g_object_unref (fixture_add (store, CARNET_TYPE_ACTION, \
                               "project-uuid", carnet_record_get_uuid (project), \
                               "number", number, "title", title, "theme-uuid", theme, \
                               "status", status, __VA_ARGS__))
#define FUNDING(parent, funder, scheme, nature, state, requested, granted, ...) \
  g_object_unref (fixture_add (store, CARNET_TYPE_FUNDING_LINE, \
                               CARNET_IS_PROJECT (parent) ? "project-uuid" : "action-uuid", \
                               carnet_record_get_uuid (parent), "funder", funder, \
                               "scheme", scheme, "nature", nature, "state", state, \
                               "amount-requested", requested, "amount-granted", granted, \
                               __VA_ARGS__))
#define OBSERVATION(walk, kind, theme, text, taken_at) \
  fixture_add (store, CARNET_TYPE_OBSERVATION, "walk-uuid", carnet_record_get_uuid (walk), \
               "kind", kind, "theme-uuid", theme, "text", text, "taken-at", taken_at, NULL)

static void
fill_bayeux (CarnetStore *store)
{
  g_autoptr(CarnetRecord) bayeux = add_commune (store, "14047", "12/03/2021", "1er juin 2022");
  g_autoptr(CarnetRecord) badin = NULL, centre = NULL, sante = NULL, demolition = NULL;
  g_autoptr(CarnetRecord) gone = NULL, gone_line = NULL, walk = NULL, old_walk = NULL;
  g_autoptr(CarnetRecord) obs = NULL, old_obs = NULL, meeting = NULL, indicator = NULL;
  g_autoptr(GError) error = NULL;

  badin = PROJECT (bayeux, "1", "Réhabilitation de la friche Badin", FRICHES,
                   "cost-ht", "1 234 567,89", "phase", "operation", NULL);
  ACTION (badin, "1.1", "Étude de pollution des sols « phase 1 »", FRICHES, "termine",
          "progress", "100", "end-planned", "28/02/2026", "lead", "Bureau d'études \"Sols & Co\"",
          "cost-ht", "45 000", NULL);
  demolition = fixture_add (store, CARNET_TYPE_ACTION,
                            "project-uuid", carnet_record_get_uuid (badin), "number", "1.2",
                            "title", "Démolition ; désamiantage du bâtiment principal",
                            "theme-uuid", FRICHES, "status", "en_cours", "progress", "40",
                            "end-planned", "15/03/2026", "lead", "Marie Dupont",
                            "cost-ht", "850 000", "cost-ttc", "1 020 000",
                            "description", "Lot 1 : démolition\r\nLot 2 : désamiantage", NULL);
  ACTION (badin, "1.3", "=HYPERLINK(\"http://exemple.invalid\",\"Cliquez ici\")", FRICHES, "bloque",
          "progress", "10", NULL);
  gone = fixture_add (store, CARNET_TYPE_ACTION, "project-uuid", carnet_record_get_uuid (badin),
                      "number", "1.4", "title", "Action supprimée", NULL);
  carnet_store_delete (store, gone, &error);
  g_assert_no_error (error);

  centre = PROJECT (bayeux, "2", "Revitalisation commerciale du centre-ville", COMMERCE, NULL);
  ACTION (centre, "2.1", "+33 2 31 51 60 60 : permanence du manager de commerce", COMMERCE,
          "en_cours", "lead", "Jean-Luc Martin", "end-planned", "30/06/2027", "progress", "25",
          NULL);
  ACTION (centre, "2.2", "-5 % de vacance commerciale d'ici 2028", COMMERCE, "en_pause", NULL);
  ACTION (centre, "2.3", "@SUM(A1:A9)", COMMERCE, "en_cours", NULL);
  ACTION (centre, "2.4", "\tBoutique à l'essai", COMMERCE, "termine", "progress", "100", NULL);
  ACTION (centre, "2.5", "\rLoyers commerciaux aidés", COMMERCE, "abandonne", NULL);

  sante = PROJECT (bayeux, "3", "Santé et mobilités du quotidien", SANTE, NULL);
  ACTION (sante, "3.1", "Création d’une maison de santé pluriprofessionnelle intégrant un centre "
          "de soins non programmés et des cabinets de télémédecine pour les communes rurales "
          "voisines", SANTE, "en_retard", "progress", "55", "end-planned", "01/10/2026",
          "lead", "Dr Claire Lefèvre", "cost-ht", "2 400 000", NULL);
  ACTION (sante, "3.2", "Navette électrique \"cœur de ville\" ; gare ↔ hôpital", MOBILITES,
          "en_cours", "progress", "70", "end-planned", "15/12/2026", "lead", "Service mobilités",
          NULL);
  ACTION (sante, "3.3", "Pistes cyclables\nrue Saint-Jean et rue des Cuisiniers", MOBILITES,
          "en_cours", "phase", "etude", "progress", "5", NULL);
  ACTION (sante, "3.4", "Rénovation de 24 logements vacants (OPAH-RU)", HABITAT, "en_cours",
          "end-planned", "31/12/2028", "progress", "15", "lead", "Soliha", NULL);
  ACTION (sante, "3.5", "Espace France services : permanence numérique", NUMERIQUE, "en_cours",
          "progress", "100", NULL);
  {
    /* A change of status, for the history. */
    g_autoptr(CarnetRecord) done = carnet_store_find (store, CARNET_TYPE_ACTION, "number", "3.5");

    carnet_store_update_text (store, done, "status", "termine", &error);
    g_assert_no_error (error);
  }

  FUNDING (badin, "État", "DETR", "subvention", "demande", "150 000", "0", "filed-on", "15/01/2026",
           NULL);
  FUNDING (badin, "État", "Fonds vert", "subvention", "accorde", "400 000", "300 000",
           "decided-on", "02/04/2026", "lapses-on", "10/12/2026", NULL);
  FUNDING (badin, "Région Normandie", "Contrat de territoire", "subvention", "verse", "200 000",
           "200 000", "amount-paid", "80 000", NULL);
  FUNDING (badin, "Département du Calvados", "", "subvention", "envisage", "100 000", "0", NULL);
  FUNDING (badin, "Banque des territoires", "Ingénierie PVD", "ingenierie", "refuse", "30 000",
           "0", "reference", "=cmd|' /C calc'!A0", NULL);
  FUNDING (badin, "Commune de Bayeux", "", "autofinancement", "accorde", "334 567,89",
           "334 567,89", NULL);
  FUNDING (demolition, "Ademe", "Fonds friches", "subvention", "accorde", "1 234 567,89",
           "1 234 567,89", "lapses-on", "01/04/2027", NULL);
  gone_line = fixture_add (store, CARNET_TYPE_FUNDING_LINE, "project-uuid",
                           carnet_record_get_uuid (centre), "funder", "Financeur supprimé", NULL);
  carnet_store_delete (store, gone_line, &error);
  g_assert_no_error (error);

  walk = fixture_add (store, CARNET_TYPE_WALK, "commune-uuid", carnet_record_get_uuid (bayeux),
                      "walked-on", "15/10/2026", "title", "Arpentage du centre-ville avec les élus",
                      "participants", "M. le maire; Mme l'adjointe au commerce", NULL);
  obs = OBSERVATION (walk, "constat", COMMERCE,
                     "Vitrines vides rue Saint-Malo ; 6 cellules vacantes",
                     "2026-10-15T09:12:00.000000Z");
  carnet_store_update_text (store, obs, "latitude", "49,2765", &error);
  g_assert_no_error (error);
  carnet_store_update_text (store, obs, "longitude", "-0.7024", &error);
  g_assert_no_error (error);
  g_object_unref (OBSERVATION (walk, "irritant", MOBILITES,
                               "Trottoirs trop étroits devant l'école, \"dangereux\" aux heures "
                               "de sortie",
                               "2026-10-15T09:40:00.000000Z"));
  g_object_unref (OBSERVATION (walk, "idee", SANTE,
                               "=Installer un défibrillateur place de la mairie",
                               "2026-10-15T10:05:00.000000Z"));
  g_object_unref (OBSERVATION (walk, "idee", "", "Banc\nà l'ombre", "2026-10-15T10:30:00.000000Z"));
  g_object_unref (fixture_add (store, CARNET_TYPE_ATTACHMENT, "observation-uuid",
                               carnet_record_get_uuid (obs), "file-name", "vitrines.jpg",
                               "stored-name", "3f0c7a.jpg", "mime-type", "image/jpeg",
                               "size", "183204", NULL));

  old_walk = fixture_add (store, CARNET_TYPE_WALK, "commune-uuid", carnet_record_get_uuid (bayeux),
                          "walked-on", "02/05/2026", "title", "Arpentage de printemps", NULL);
  old_obs = OBSERVATION (old_walk, "constat", HABITAT, "Ancienne observation de mai",
                         "2026-05-02T08:00:00.000000Z");

  meeting = fixture_add (store, CARNET_TYPE_MEETING,
                         "commune-uuid", carnet_record_get_uuid (bayeux), "kind", "copil",
                         "held-on", "06/11/2026", "place", "Hôtel de ville", NULL);
  g_object_unref (fixture_add (store, CARNET_TYPE_DECISION, "meeting-uuid",
                               carnet_record_get_uuid (meeting), "project-uuid",
                               carnet_record_get_uuid (badin), "decision", "Lancer la consultation",
                               NULL));
  g_object_unref (fixture_add (store, CARNET_TYPE_JOURNAL_ENTRY, "action-uuid",
                               carnet_record_get_uuid (demolition), "entry-date", "10/11/2026",
                               "text", "Retard du désamiantage", "vigilance", "oui", NULL));
  g_object_unref (fixture_add (store, CARNET_TYPE_STEP, "action-uuid",
                               carnet_record_get_uuid (demolition), "name", "Appel d'offres",
                               "planned-on", "01/02/2026", "done", "oui", NULL));
  indicator = fixture_add (store, CARNET_TYPE_INDICATOR, "project-uuid",
                           carnet_record_get_uuid (centre), "name", "Cellules vacantes",
                           "unit", "cellules", "kind", "resultat", NULL);
  g_object_unref (fixture_add (store, CARNET_TYPE_MEASUREMENT, "indicator-uuid",
                               carnet_record_get_uuid (indicator), "measured-on", "01/09/2026",
                               "value", "14", "target", "8", NULL));
}

static void
fill_mezidon (CarnetStore *store)
{
  g_autoptr(CarnetRecord) mezidon = add_commune (store, "14431", "20/05/2021", "");
  g_autoptr(CarnetRecord) place = NULL, habitat = NULL, walk = NULL;

  place = PROJECT (mezidon, "1", "Requalification de la place de la mairie", PATRIMOINE,
                   "cost-ht", "650 000", NULL);
  ACTION (place, "1.1", "Concours de maîtrise d'œuvre", PATRIMOINE, "termine", "progress", "100",
          NULL);
  ACTION (place, "1.2", "Travaux de la place", PATRIMOINE, "en_cours", "end-planned", "30/09/2027",
          "progress", "20", "lead", "Services techniques", NULL);
  ACTION (place, "1.3", "Signalétique patrimoniale", PATRIMOINE, "en_pause", NULL);
  habitat = PROJECT (mezidon, "2", "Habitat et transition écologique", HABITAT, NULL);
  ACTION (habitat, "2.1", "Permis de louer", HABITAT, "en_cours", "end-planned", "30/06/2026",
          "progress", "30", "lead", "Pôle urbanisme", NULL);
  ACTION (habitat, "2.2", "Îlots de fraîcheur dans la cour d'école", TRANSITION, "en_cours",
          "progress", "45", NULL);
  ACTION (habitat, "2.3", "Réseau de chaleur bois", TRANSITION, "bloque", NULL);

  FUNDING (place, "État", "DSIL", "subvention", "accorde", "250 000", "200 000", NULL);
  FUNDING (place, "Europe", "LEADER", "subvention", "demande", "60 000", "0", NULL);
  FUNDING (place, "Commune de Mézidon Vallée d'Auge", "", "autofinancement", "accorde",
           "190 000", "190 000", NULL);

  walk = fixture_add (store, CARNET_TYPE_WALK, "commune-uuid", carnet_record_get_uuid (mezidon),
                      "walked-on", "05/11/2026", "title", "Arpentage du quartier de la gare", NULL);
  g_object_unref (OBSERVATION (walk, "irritant", HABITAT, "Logements dégradés rue de Lisieux",
                               "2026-11-05T14:00:00.000000Z"));
}

static void
fill_vire (CarnetStore *store)
{
  g_autoptr(CarnetRecord) vire = add_commune (store, "14762", "", "");
  g_autoptr(CarnetRecord) lieu = NULL;

  lieu = PROJECT (vire, "1", "Tiers-lieu numérique", NUMERIQUE, NULL);
  ACTION (lieu, "1.1", "Étude de programmation", NUMERIQUE, "termine", "progress", "100", NULL);
  ACTION (lieu, "1.2", "Aménagement du tiers-lieu", NUMERIQUE, "en_cours", "end-planned",
          "01/03/2027", NULL);
  ACTION (lieu, "1.3", "Animation et médiation", SERVICES, "en_cours", NULL);
}

void
fixture_fill (CarnetStore *store)
{
  fill_bayeux (store);
  fill_mezidon (store);
  fill_vire (store);
}

/* Test helpers */

void
fixture_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          fixture_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Runs a command, which must succeed, and returns what it printed. */
char *
fixture_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s%s", argv[0], out, err);
  return out;
}

char *
fixture_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}
