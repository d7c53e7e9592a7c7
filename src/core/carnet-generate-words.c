/* carnet-generate-words.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-generate"

#include "config.h"

#include <string.h>

#include "carnet-generate-private.h"

/* The words of generated databases. They are data, in French like a user's own records:
 * the projects and irritants the programme's chefs de projet talk about (friches, maisons
 * de santé, halles, commerces de centre-bourg, OPAH-RU, îlots de fraîcheur…), and the
 * funders of the programme. Nothing here is shown by the interface as its own text. */

const char *const gen_theme_slugs[GEN_N_THEMES] = {
  "sante", "mobilites", "commerce", "habitat", "numerique", "services-publics",
  "transition-ecologique", "friches-foncier", "patrimoine-culture",
};

/* Places of a town centre: bare, then with their article, then after “de”. */
static const struct
{
  const char *bare;
  const char *with_article;
  const char *after_de;
} places[] = {
  { "place du Marché", "la place du Marché", "de la place du Marché" },
  { "rue de la République", "la rue de la République", "de la rue de la République" },
  { "Grande Rue", "la Grande Rue", "de la Grande Rue" },
  { "place de la Mairie", "la place de la Mairie", "de la place de la Mairie" },
  { "quartier de la gare", "le quartier de la gare", "du quartier de la gare" },
  { "rue Gambetta", "la rue Gambetta", "de la rue Gambetta" },
  { "place de l’Église", "la place de l’Église", "de la place de l’Église" },
  { "faubourg Saint-Jacques", "le faubourg Saint-Jacques", "du faubourg Saint-Jacques" },
  { "rue Nationale", "la rue Nationale", "de la rue Nationale" },
  { "cours Jean-Jaurès", "le cours Jean-Jaurès", "du cours Jean-Jaurès" },
  { "rue Victor-Hugo", "la rue Victor-Hugo", "de la rue Victor-Hugo" },
  { "champ de foire", "le champ de foire", "du champ de foire" },
  { "place du Général-de-Gaulle", "la place du Général-de-Gaulle",
    "de la place du Général-de-Gaulle" },
  { "îlot des Tanneurs", "l’îlot des Tanneurs", "de l’îlot des Tanneurs" },
  { "quai de la Rivière", "le quai de la Rivière", "du quai de la Rivière" },
  { "entrée de ville sud", "l’entrée de ville sud", "de l’entrée de ville sud" },
  { "rue du Château", "la rue du Château", "de la rue du Château" },
  { "place des Halles", "la place des Halles", "de la place des Halles" },
};
const guint gen_n_places = G_N_ELEMENTS (places);

/* Buildings that a commune buys back or converts: with their article, then after “de”. */
static const struct
{
  const char *with_article;
  const char *after_de;
} buildings[] = {
  { "l’ancienne usine textile", "de l’ancienne usine textile" },
  { "l’ancienne gendarmerie", "de l’ancienne gendarmerie" },
  { "l’ancien hôpital", "de l’ancien hôpital" },
  { "l’ancienne caserne", "de l’ancienne caserne" },
  { "l’ancienne coopérative agricole", "de l’ancienne coopérative agricole" },
  { "l’ancien collège", "de l’ancien collège" },
  { "l’ancienne poste", "de l’ancienne poste" },
  { "l’ancienne minoterie", "de l’ancienne minoterie" },
  { "le site de l’ancienne laiterie", "du site de l’ancienne laiterie" },
  { "l’ancien hôtel de voyageurs", "de l’ancien hôtel de voyageurs" },
  { "l’ancienne station-service", "de l’ancienne station-service" },
  { "le presbytère", "du presbytère" },
};
const guint gen_n_buildings = G_N_ELEMENTS (buildings);

const char *const gen_first_names[] = {
  "Camille", "Nicolas", "Sophie", "Julien", "Claire", "Thomas", "Isabelle", "Mathieu",
  "Nathalie", "Sébastien", "Céline", "Laurent", "Émilie", "François", "Anne", "Pierre",
  "Marion", "Olivier", "Élodie", "Christophe", "Sandrine", "Guillaume", "Aurélie", "Benoît",
  "Hélène", "Jérôme", "Valérie", "Antoine", "Delphine", "Yann", "Maëlle", "Loïc",
};
const guint gen_n_first_names = G_N_ELEMENTS (gen_first_names);

const char *const gen_surnames[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
  "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
  "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
  "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Lemoine",
  "Gauthier", "Le Gall", "Badin", "Chevalier", "Marchand", "Barbier", "Brun",
};
const guint gen_n_surnames = G_N_ELEMENTS (gen_surnames);

const char *const gen_saints[] = {
  "Martin", "Pierre", "Étienne", "Jean-Baptiste", "Nicolas", "Germain", "Rémi", "Julien",
  "Sauveur", "Denis", "Laurent", "Maurice",
};
const guint gen_n_saints = G_N_ELEMENTS (gen_saints);

const char *const gen_partners[] = {
  "ANCT", "Banque des territoires", "Anah", "Cerema", "Ademe", "CAUE", "Département",
  "Région", "Établissement public foncier", "CCI", "Chambre de métiers", "ARS", "DDT",
  "Architecte des Bâtiments de France", "Action Logement", "Office de tourisme",
};
const guint gen_n_partners = G_N_ELEMENTS (gen_partners);

const char *const gen_roles[] = {
  "maire", "première adjointe", "adjoint à l’urbanisme", "adjointe au commerce",
  "adjoint aux travaux", "adjointe à la transition écologique", "conseiller délégué",
  "vice-président de l’intercommunalité",
};
const guint gen_n_roles = G_N_ELEMENTS (gen_roles);

const char *const gen_walk_titles[] = {
  "Arpentage du centre-bourg",
  "Arpentage {de_lieu}",
  "Visite {de_batiment}",
  "Diagnostic en marchant avec les habitants",
  "Arpentage avec le CAUE",
  "Balade urbaine\u00a0: commerces de centre-bourg",
  "Arpentage des entrées de ville",
  "Visite de la friche {nom}",
  "Arpentage nocturne\u00a0: éclairage et sécurité",
  "Parcours des mobilités douces",
};
const guint gen_n_walk_titles = G_N_ELEMENTS (gen_walk_titles);

/* What every kind of project goes through, by stage. */
const GenAction gen_common_actions[] = {
  { "diagnostic et état des lieux", GEN_STUDY, 0 },
  { "étude de faisabilité", GEN_STUDY, 1 },
  { "concertation avec les habitants", GEN_ANIMATION, 1 },
  { "étude de programmation", GEN_STUDY, 2 },
  { "montage du plan de financement", GEN_ANIMATION, 2 },
  { "acquisition foncière", GEN_LAND, 3 },
  { "choix de la maîtrise d’œuvre", GEN_STUDY, 3 },
  { "dépôt des demandes de subvention", GEN_ANIMATION, 3 },
  { "consultation des entreprises", GEN_ANIMATION, 4 },
  { "travaux (première tranche)", GEN_WORKS, 5 },
  { "travaux (seconde tranche)", GEN_WORKS, 6 },
  { "réception des travaux et inauguration", GEN_ANIMATION, 7 },
  { "évaluation et bilan", GEN_STUDY, 8 },
};
const guint gen_n_common_actions = G_N_ELEMENTS (gen_common_actions);

static const GenProject sante_projects[] = {
  { "Création d’une maison de santé pluriprofessionnelle", "Maison de santé" },
  { "Extension du centre de santé municipal", "Centre de santé" },
  { "Cabinet médical en centre-bourg {de_lieu}", "Cabinet médical" },
  { "Maison de santé de {commune}", "Maison de santé" },
  { "Installation d’une cabine de téléconsultation", "Téléconsultation" },
  { "Accueil des internes en médecine générale", "Accueil des internes" },
};
static const GenAction sante_actions[] = {
  { "rédaction du projet de santé", GEN_ANIMATION, 1 },
  { "recrutement des professionnels de santé", GEN_ANIMATION, 6 },
  { "aménagement des cabinets", GEN_WORKS, 6 },
};
static const char *const sante_objectives[] = {
  "Maintenir une offre de soins de proximité",
  "Attirer de jeunes médecins généralistes",
  "Regrouper les professionnels de santé en centre-bourg",
  "Réduire les délais de rendez-vous",
  NULL
};
static const char *const sante_results[] = {
  "professionnels de santé installés",
  "médecins généralistes accueillis",
  "consultations par an",
  NULL
};

static const GenProject mobilites_projects[] = {
  { "Plan de mobilités douces", "Mobilités douces" },
  { "Pôle d’échanges multimodal {de_lieu}", "Pôle d’échanges" },
  { "Liaison cyclable entre le centre-bourg et la gare", "Liaison cyclable" },
  { "Requalification de la traversée de bourg", "Traversée de bourg" },
  { "Plan de stationnement du centre-bourg", "Stationnement" },
  { "Schéma directeur cyclable de {commune}", "Schéma cyclable" },
  { "Zone de rencontre {de_lieu}", "Zone de rencontre" },
};
static const GenAction mobilites_actions[] = {
  { "comptages et enquête de déplacements", GEN_STUDY, 0 },
  { "jalonnement et signalétique", GEN_WORKS, 6 },
  { "stationnements vélos sécurisés", GEN_WORKS, 6 },
};
static const char *const mobilites_objectives[] = {
  "Apaiser la circulation en centre-bourg",
  "Développer la pratique du vélo au quotidien",
  "Sécuriser les cheminements piétons vers les écoles",
  "Réduire le trafic de transit des poids lourds",
  NULL
};
static const char *const mobilites_results[] = {
  "km d’itinéraires cyclables",
  "places de stationnement vélo",
  "% de trafic de transit en moins",
  NULL
};

static const GenProject commerce_projects[] = {
  { "Revitalisation des commerces de centre-bourg", "Commerces de centre-bourg" },
  { "Réhabilitation des halles", "Halles" },
  { "Recrutement d’un manager de commerce", "Manager de commerce" },
  { "Boutique à l’essai {de_lieu}", "Boutique à l’essai" },
  { "Requalification du marché de plein vent", "Marché de plein vent" },
  { "Reconquête des cellules commerciales vacantes {de_lieu}", "Cellules vacantes" },
  { "Foncière commerciale de {commune}", "Foncière commerciale" },
};
static const GenAction commerce_actions[] = {
  { "recensement des locaux vacants", GEN_STUDY, 0 },
  { "aide à la rénovation des vitrines", GEN_WORKS, 6 },
  { "animation de l’union commerciale", GEN_ANIMATION, 7 },
};
static const char *const commerce_objectives[] = {
  "Réduire la vacance commerciale",
  "Conforter le marché hebdomadaire",
  "Accueillir de nouveaux commerçants et artisans",
  "Améliorer l’attractivité des vitrines",
  NULL
};
static const char *const commerce_results[] = {
  "commerces ouverts",
  "cellules vacantes remises en location",
  "% de vacance commerciale en moins",
  NULL
};

static const GenProject habitat_projects[] = {
  { "OPAH-RU du centre ancien", "OPAH-RU" },
  { "Lutte contre l’habitat indigne", "Habitat indigne" },
  { "Résorption de la vacance des logements du centre ancien", "Logements vacants" },
  { "Reconversion {de_batiment} en logements", "Logements {de_batiment}" },
  { "Opération de restauration immobilière {de_lieu}", "Restauration immobilière" },
  { "Logements seniors en cœur de bourg", "Logements seniors" },
  { "Permis de louer sur le centre ancien", "Permis de louer" },
};
static const GenAction habitat_actions[] = {
  { "repérage des logements vacants", GEN_STUDY, 0 },
  { "convention d’OPAH-RU", GEN_ANIMATION, 2 },
  { "permanences d’information des propriétaires", GEN_ANIMATION, 5 },
};
static const char *const habitat_objectives[] = {
  "Remettre sur le marché des logements vacants",
  "Traiter les situations d’habitat indigne",
  "Accompagner la rénovation énergétique des logements",
  "Diversifier l’offre de logements en centre-bourg",
  NULL
};
static const char *const habitat_results[] = {
  "logements remis sur le marché",
  "logements rénovés",
  "propriétaires accompagnés",
  NULL
};

static const GenProject numerique_projects[] = {
  { "Tiers-lieu numérique", "Tiers-lieu" },
  { "Conseiller numérique France services", "Conseiller numérique" },
  { "Wifi public en centre-bourg", "Wifi public" },
  { "Portail citoyen et démarches en ligne", "Portail citoyen" },
  { "Espace de travail partagé {de_batiment}", "Espace de travail partagé" },
};
static const GenAction numerique_actions[] = {
  { "ateliers d’inclusion numérique", GEN_ANIMATION, 7 },
  { "équipement informatique", GEN_WORKS, 6 },
};
static const char *const numerique_objectives[] = {
  "Accompagner les habitants éloignés du numérique",
  "Accueillir des télétravailleurs",
  "Simplifier les démarches en ligne",
  NULL
};
static const char *const numerique_results[] = {
  "personnes accompagnées par an",
  "postes de travail partagés",
  NULL
};

static const GenProject services_projects[] = {
  { "Création d’un espace France services", "France services" },
  { "Relocalisation de la médiathèque en centre-bourg", "Médiathèque" },
  { "Rénovation de la mairie", "Mairie" },
  { "Extension de l’école élémentaire", "École élémentaire" },
  { "Maison des associations {de_batiment}", "Maison des associations" },
  { "Maison de l’enfance", "Maison de l’enfance" },
};
static const GenAction services_actions[] = {
  { "labellisation France services", GEN_ANIMATION, 7 },
  { "mise en accessibilité", GEN_WORKS, 5 },
};
static const char *const services_objectives[] = {
  "Rapprocher les services publics des habitants",
  "Regrouper les services en centre-bourg",
  "Rendre les équipements accessibles à tous",
  NULL
};
static const char *const services_results[] = {
  "usagers accueillis par mois",
  "services regroupés",
  NULL
};

static const GenProject transition_projects[] = {
  { "Îlots de fraîcheur dans les cours d’école", "Îlots de fraîcheur" },
  { "Désimperméabilisation {de_lieu}", "Désimperméabilisation" },
  { "Renaturation des berges", "Renaturation des berges" },
  { "Rénovation énergétique des bâtiments communaux", "Rénovation énergétique" },
  { "Plan de végétalisation du centre-bourg", "Végétalisation" },
  { "Réseau de chaleur bois", "Réseau de chaleur" },
  { "Parc urbain {de_lieu}", "Parc urbain" },
};
static const GenAction transition_actions[] = {
  { "plantation d’arbres", GEN_WORKS, 6 },
  { "audit énergétique", GEN_STUDY, 0 },
  { "gestion différenciée des espaces verts", GEN_ANIMATION, 7 },
};
static const char *const transition_objectives[] = {
  "Lutter contre les îlots de chaleur",
  "Réduire les consommations d’énergie",
  "Favoriser l’infiltration des eaux pluviales",
  "Ramener la nature en ville",
  NULL
};
static const char *const transition_results[] = {
  "arbres plantés",
  "m² désimperméabilisés",
  "% de consommation d’énergie en moins",
  NULL
};

static const GenProject friches_projects[] = {
  { "Réhabilitation de la friche {nom}", "Friche {nom}" },
  { "Reconversion {de_batiment}", "Reconversion {de_batiment}" },
  { "Stratégie foncière du centre-bourg", "Stratégie foncière" },
  { "Recyclage de l’îlot {nom}", "Îlot {nom}" },
  { "Requalification de la friche commerciale de l’entrée de ville", "Friche commerciale" },
};
static const GenAction friches_actions[] = {
  { "dépollution du site", GEN_WORKS, 4 },
  { "démolition et désamiantage", GEN_WORKS, 4 },
  { "appel à projets pour la reprise du site", GEN_ANIMATION, 3 },
  { "convention avec l’établissement public foncier", GEN_ANIMATION, 2 },
};
static const char *const friches_objectives[] = {
  "Reconquérir une friche en cœur de bourg",
  "Limiter l’artificialisation des sols",
  "Créer des logements et des activités sur un site délaissé",
  NULL
};
static const char *const friches_results[] = {
  "m² de friche reconvertis",
  "logements créés",
  "emplois accueillis",
  NULL
};

static const GenProject patrimoine_projects[] = {
  { "Restauration de l’église Saint-{saint}", "Église Saint-{saint}" },
  { "Mise en valeur des remparts", "Remparts" },
  { "Parcours patrimonial du centre ancien", "Parcours patrimonial" },
  { "Réhabilitation du cinéma", "Cinéma" },
  { "Micro-Folie de {commune}", "Micro-Folie" },
  { "Ravalement des façades {de_lieu}", "Façades" },
};
static const GenAction patrimoine_actions[] = {
  { "relevé patrimonial", GEN_STUDY, 0 },
  { "restauration des façades", GEN_WORKS, 6 },
  { "programmation culturelle", GEN_ANIMATION, 7 },
};
static const char *const patrimoine_objectives[] = {
  "Valoriser le patrimoine bâti",
  "Développer le tourisme de proximité",
  "Offrir une programmation culturelle toute l’année",
  NULL
};
static const char *const patrimoine_results[] = {
  "visiteurs par an",
  "façades ravalées",
  "événements culturels par an",
  NULL
};

#define THEME(p, a, stake, o, r, w) \
  { p, G_N_ELEMENTS (p), a, G_N_ELEMENTS (a), stake, o, r, w }

const GenTheme gen_themes[GEN_N_THEMES] = {
  THEME (sante_projects, sante_actions,
         "maintenir une offre de soins de proximité alors que des médecins partent en retraite",
         sante_objectives, sante_results, 12),
  THEME (mobilites_projects, mobilites_actions,
         "apaiser la circulation et faciliter les déplacements à pied et à vélo",
         mobilites_objectives, mobilites_results, 12),
  THEME (commerce_projects, commerce_actions,
         "enrayer la vacance commerciale et redonner vie aux commerces de centre-bourg",
         commerce_objectives, commerce_results, 16),
  THEME (habitat_projects, habitat_actions,
         "remettre sur le marché les logements vacants et dégradés du centre ancien",
         habitat_objectives, habitat_results, 16),
  THEME (numerique_projects, numerique_actions,
         "réduire la fracture numérique et accueillir de nouveaux actifs",
         numerique_objectives, numerique_results, 6),
  THEME (services_projects, services_actions,
         "maintenir et regrouper les services publics au cœur de la commune",
         services_objectives, services_results, 10),
  THEME (transition_projects, transition_actions,
         "adapter la commune au changement climatique et ramener la nature en ville",
         transition_objectives, transition_results, 12),
  THEME (friches_projects, friches_actions,
         "reconquérir les friches plutôt que d’artificialiser de nouvelles terres",
         friches_objectives, friches_results, 10),
  THEME (patrimoine_projects, patrimoine_actions,
         "mettre en valeur le patrimoine et animer le centre ancien",
         patrimoine_objectives, patrimoine_results, 6),
};

#define T(i) (1u << (i))
#define ALL 0u

/* Who funds what, with their schemes (dispositifs). */
const GenFunder gen_funders[] = {
  { "État", "DETR", "subvention", "DETR", T (0) | T (5) | T (6) | T (8), FALSE },
  { "État", "DSIL", "subvention", "DSIL", T (0) | T (1) | T (5) | T (6), FALSE },
  { "État", "Fonds vert", "subvention", "FV", T (6) | T (7) | T (1), FALSE },
  { "État", "Fonds vert – recyclage foncier", "subvention", "FVRF", T (7), FALSE },
  { "État", "FNADT", "subvention", "FNADT", ALL, TRUE },
  { "État", "DRAC – monuments historiques", "subvention", "DRAC", T (8), FALSE },
  { "ANCT", "Ingénierie Petites villes de demain", "ingenierie", "ANCT", ALL, TRUE },
  { "ANCT", "Conseillers numériques", "subvention", "ANCT", T (4), FALSE },
  { "ANCT", "France services", "subvention", "ANCT", T (5), FALSE },
  { "Banque des territoires", "Ingénierie", "ingenierie", "BDT", ALL, TRUE },
  { "Banque des territoires", "Manager de commerce", "subvention", "BDT", T (2), TRUE },
  { "Banque des territoires", "Prêt Renouvellement urbain", "pret", "BDT", T (3) | T (7), FALSE },
  { "Banque des territoires", "Foncière commerciale", "pret", "BDT", T (2), FALSE },
  { "Anah", "OPAH-RU", "subvention", "ANAH", T (3), FALSE },
  { "Anah", "Résorption de l’habitat insalubre", "subvention", "ANAH", T (3), FALSE },
  { "Anah", "Ingénierie", "ingenierie", "ANAH", T (3), TRUE },
  { "Cerema", "Accompagnement", "ingenierie", "CEREMA", T (1) | T (6) | T (7), TRUE },
  { "Ademe", "Fonds chaleur", "subvention", "ADEME", T (6), FALSE },
  { "Ademe", "AVELO", "subvention", "ADEME", T (1), TRUE },
  { "Ademe", "Diagnostic friches", "subvention", "ADEME", T (7), TRUE },
  { "Région", "Contrat de territoire", "subvention", "REG", ALL, FALSE },
  { "Région", "Revitalisation des centres-bourgs", "subvention", "REG",
    T (2) | T (3) | T (8), FALSE },
  { "Département", "Contrat de territoire", "subvention", "DEP", ALL, FALSE },
  { "Département", "Aide aux communes rurales", "subvention", "DEP", T (5) | T (8), FALSE },
  { "Europe", "FEDER", "subvention", "FEDER", T (4) | T (6) | T (7), FALSE },
  { "Europe", "LEADER", "subvention", "LEADER", T (2) | T (8) | T (1), FALSE },
  { "ARS", "Fonds d’intervention régional", "subvention", "ARS", T (0), FALSE },
  { "Action Logement", "Action cœur de ville et territoires", "pret", "AL", T (3), FALSE },
  { "Fondation du patrimoine", "Souscription", "subvention", "FDP", T (8), FALSE },
};
const guint gen_n_funders = G_N_ELEMENTS (gen_funders);

/* Notes taken on a walk, in the short style of a notebook. */
const GenObservation gen_observations[] = {
  { "constat", "{Lieu}\u00a0: vitrines vides et façades dégradées." },
  { "constat", "{Lieu}\u00a0: trottoirs trop étroits pour une poussette." },
  { "constat", "{Lieu}\u00a0: belles façades en pierre, à mettre en valeur." },
  { "constat", "{Lieu}\u00a0: logements vacants au-dessus des commerces." },
  { "constat", "{Lieu}\u00a0: aucun arbre, sol entièrement minéral." },
  { "constat", "Marché du samedi bien fréquenté {de_lieu} jusqu’à la mairie." },
  { "constat", "{Batiment}\u00a0: toiture effondrée, site à sécuriser." },
  { "constat", "Pas de stationnement vélo devant la mairie ni l’école." },
  { "constat", "{Lieu}\u00a0: cellules commerciales transformées en garages." },
  { "irritant", "{Lieu}\u00a0: stationnement anarchique devant la boulangerie." },
  { "irritant", "{Lieu}\u00a0: circulation des poids lourds en plein centre." },
  { "irritant", "{Lieu}\u00a0: aucune ombre l’été, personne l’après-midi." },
  { "irritant", "Passage piéton effacé devant l’école." },
  { "irritant", "Dépôts sauvages derrière {batiment}." },
  { "irritant", "{Lieu}\u00a0: éclairage public insuffisant le soir." },
  { "irritant", "Signalétique des commerces illisible depuis la gare." },
  { "idee", "{Lieu}\u00a0: installer des bancs et planter des arbres." },
  { "idee", "{Lieu}\u00a0: ouvrir une boutique à l’essai dans l’ancienne mercerie." },
  { "idee", "{Lieu}\u00a0: un marché de producteurs le vendredi soir." },
  { "idee", "Piétonniser {lieu} le dimanche matin." },
  { "idee", "Transformer {batiment} en tiers-lieu." },
  { "idee", "Fresque participative sur le pignon aveugle {de_lieu}." },
  { "idee", "Parcours vélo balisé entre la gare et le centre-bourg." },
  { "idee", "Jardins partagés sur la parcelle en friche {de_lieu}." },
};
const guint gen_n_observations = G_N_ELEMENTS (gen_observations);

static void
append_capitalised (GString    *out,
                    const char *text)
{
  gunichar first = g_utf8_get_char (text);

  g_string_append_unichar (out, g_unichar_toupper (first));
  g_string_append (out, g_utf8_next_char (text));
}

/* Appends @template with its tokens replaced: {commune}, {nom}, {saint}, {lieu} (with its
 * article), {place} (bare), {Lieu} (bare, capitalised), {de_lieu}, {batiment}, {Batiment}
 * and {de_batiment}. */
void
gen_expand (GString          *out,
            const char       *template,
            const GenContext *context)
{
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      gsize len;

      if (open == NULL)
        {
          g_string_append (out, p);
          return;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open, '}');
      g_assert (close != NULL);
      len = close - open - 1;

#define IS(token) (len == strlen (token) && strncmp (open + 1, token, len) == 0)
      if (IS ("commune"))
        g_string_append (out, context->commune);
      else if (IS ("nom"))
        g_string_append (out, context->name);
      else if (IS ("saint"))
        g_string_append (out, context->saint);
      else if (IS ("lieu"))
        g_string_append (out, places[context->place].with_article);
      else if (IS ("Lieu"))
        append_capitalised (out, places[context->place].bare);
      else if (IS ("place"))
        g_string_append (out, places[context->place].bare);
      else if (IS ("de_lieu"))
        g_string_append (out, places[context->place].after_de);
      else if (IS ("batiment"))
        g_string_append (out, buildings[context->building].with_article);
      else if (IS ("Batiment"))
        append_capitalised (out, buildings[context->building].with_article);
      else if (IS ("de_batiment"))
        g_string_append (out, buildings[context->building].after_de);
      else
        g_assert_not_reached ();
#undef IS
      p = close + 1;
    }
}
