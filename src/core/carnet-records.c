/* carnet-records.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-records"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "carnet-records.h"

/* The vocabulary of the State's shared project model (“les communs”): the slugs are what
 * the database and the JSON export hold, the labels what people read. */

static const CarnetChoice phases[] = {
  { "idee", N_("Idea") },
  { "etude", N_("Study") },
  { "operation", N_("Operation") },
  { NULL, NULL }
};

static const CarnetChoice statuses[] = {
  { "en_cours", N_("In progress") },
  { "en_retard", N_("Late") },
  { "en_pause", N_("Paused") },
  { "bloque", N_("Blocked") },
  { "abandonne", N_("Abandoned") },
  { "termine", N_("Done") },
  { NULL, NULL }
};

static const CarnetChoice maturities[] = {
  { "en_reflexion", N_("Being considered") },
  { "en_maturation", N_("Maturing") },
  { "mature", N_("Mature") },
  { "validee", N_("Approved by the committee") },
  { NULL, NULL }
};

static const CarnetChoice priorities[] = {
  { "moyenne", N_("Medium") },
  { "haute", N_("High") },
  { "basse", N_("Low") },
  { NULL, NULL }
};

static const CarnetChoice funding_natures[] = {
  { "subvention", N_("Grant") },
  { "pret", N_("Loan") },
  { "ingenierie", N_("Engineering support") },
  { "autofinancement", N_("Self-funding") },
  { NULL, NULL }
};

static const CarnetChoice funding_bases[] = {
  { "ht", N_("Excluding VAT") },
  { "ttc", N_("Including VAT") },
  { NULL, NULL }
};

static const CarnetChoice funding_states[] = {
  { "envisage", N_("Considered") },
  { "demande", N_("Requested") },
  { "accorde", N_("Granted") },
  { "verse", N_("Paid") },
  { "refuse", N_("Refused") },
  { NULL, NULL }
};

static const CarnetChoice indicator_kinds[] = {
  { "resultat", N_("Result") },
  { "avancement", N_("Progress") },
  { "impact", N_("Impact") },
  { NULL, NULL }
};

static const CarnetChoice meeting_kinds[] = {
  { "copil", N_("Steering committee (COPIL)") },
  { "cotech", N_("Technical committee (COTECH)") },
  { "comite_projet", N_("Project committee") },
  { NULL, NULL }
};

static const CarnetChoice observation_kinds[] = {
  { "constat", N_("Observation") },
  { "irritant", N_("Irritant") },
  { "idee", N_("Idea") },
  { NULL, NULL }
};

#define TEXT(n, c, l)           { n, c, CARNET_FIELD_TEXT, l, FALSE, NULL, NULL, 0, 0 }
#define TEXT_REQUIRED(n, c, l)  { n, c, CARNET_FIELD_TEXT, l, TRUE, NULL, NULL, 0, 0 }
#define DATE(n, c, l)           { n, c, CARNET_FIELD_DATE, l, FALSE, NULL, NULL, 0, 0 }
#define DATE_REQUIRED(n, c, l)  { n, c, CARNET_FIELD_DATE, l, TRUE, NULL, NULL, 0, 0 }
#define MONEY(n, c, l)          { n, c, CARNET_FIELD_MONEY, l, FALSE, NULL, NULL, 0, G_MAXINT64 }
#define BOOL(n, c, l)           { n, c, CARNET_FIELD_BOOL, l, FALSE, NULL, NULL, 0, 1 }
#define INT(n, c, l, lo, hi)    { n, c, CARNET_FIELD_INT, l, FALSE, NULL, NULL, lo, hi }
#define REAL(n, c, l, lo, hi)   { n, c, CARNET_FIELD_REAL, l, FALSE, NULL, NULL, lo, hi }
#define CHOICE(n, c, l, ch)     { n, c, CARNET_FIELD_CHOICE, l, TRUE, ch, NULL, 0, 0 }
#define LINK(n, c, l, k)        { n, c, CARNET_FIELD_LINK, l, FALSE, NULL, k, 0, 0 }
#define LINK_REQUIRED(n, c, l, k) { n, c, CARNET_FIELD_LINK, l, TRUE, NULL, k, 0, 0 }
#define STAMP_REQUIRED(n, c, l) { n, c, CARNET_FIELD_TIMESTAMP, l, TRUE, NULL, NULL, 0, 0 }

#define PARENT_FIELDS \
  LINK ("project-uuid", "project_uuid", N_("The project"), "project"), \
  LINK ("action-uuid", "action_uuid", N_("The action"), "action")

#define FICHE_FIELDS \
  TEXT ("number", "number", N_("The number")), \
  TEXT_REQUIRED ("title", "title", N_("The title")), \
  TEXT ("description", "description", N_("The description")), \
  TEXT ("objectives", "objectives", N_("The objectives")), \
  TEXT ("expected-results", "expected_results", N_("The expected results")), \
  LINK ("theme-uuid", "theme_uuid", N_("The theme"), "theme"), \
  TEXT ("other-themes", "other_themes", N_("The secondary themes")), \
  CHOICE ("phase", "phase", N_("The phase"), phases), \
  CHOICE ("status", "status", N_("The status"), statuses), \
  CHOICE ("maturity", "maturity", N_("The maturity"), maturities), \
  CHOICE ("priority", "priority", N_("The priority"), priorities), \
  TEXT ("owner", "owner", N_("The project owner")), \
  TEXT ("lead", "lead", N_("The lead")), \
  TEXT ("referent", "referent", N_("The elected referent")), \
  TEXT ("partners", "partners", N_("The partners")), \
  DATE ("start-planned", "start_planned", N_("The planned start")), \
  DATE ("end-planned", "end_planned", N_("The due date")), \
  DATE ("start-actual", "start_actual", N_("The actual start")), \
  DATE ("end-actual", "end_actual", N_("The actual end")), \
  MONEY ("cost-ht", "cost_ht", N_("The cost excluding VAT")), \
  MONEY ("cost-ttc", "cost_ttc", N_("The cost including VAT")), \
  INT ("progress", "progress", N_("The progress"), 0, 100), \
  BOOL ("in-ort", "in_ort", N_("In the ORT perimeter"))

/* Declares a record type: its struct, its type and a class_init that installs its fields. */
#define DEFINE_RECORD(TypeName, type_name, TABLE, KIND, ORDER, TITLE, SEARCHABLE, FIELDS) \
  struct _##TypeName { CarnetRecord parent_instance; }; \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, CARNET_TYPE_RECORD) \
  static void \
  type_name##_class_init (TypeName##Class *klass) \
  { \
    CarnetRecordClass *record_class = CARNET_RECORD_CLASS (klass); \
    carnet_record_class_install_fields (record_class, TABLE, KIND, FIELDS, \
                                        G_N_ELEMENTS (FIELDS)); \
    record_class->order_by = ORDER; \
    record_class->title_field = TITLE; \
    record_class->searchable = SEARCHABLE; \
  } \
  static void \
  type_name##_init (TypeName *self) \
  { \
  }

static const CarnetField commune_fields[] = {
  TEXT_REQUIRED ("insee", "insee", N_("The INSEE code")),
  TEXT_REQUIRED ("name", "name", N_("The name")),
  TEXT ("departement", "departement", N_("The département")),
  TEXT ("departement-name", "departement_name", N_("The département name")),
  TEXT ("region", "region", N_("The région")),
  TEXT ("epci-siren", "epci_siren", N_("The EPCI SIREN")),
  TEXT ("epci-name", "epci_name", N_("The EPCI")),
  INT ("population", "population", N_("The population"), 0, 100000000),
  DATE ("pvd-date", "pvd_date", N_("The PVD convention date")),
  DATE ("ort-date", "ort_date", N_("The ORT date")),
  TEXT ("notes", "notes", N_("The notes")),
};
DEFINE_RECORD (CarnetCommune, carnet_commune, "communes", "commune",
               "name COLLATE carnet, insee", "name", FALSE, commune_fields)

static const CarnetField theme_fields[] = {
  TEXT_REQUIRED ("slug", "slug", N_("The short name")),
  TEXT_REQUIRED ("name", "name", N_("The name")),
  TEXT_REQUIRED ("color", "color", N_("The colour")),
  INT ("position", "position", N_("The position"), 0, G_MAXINT32),
  BOOL ("required", "required", N_("Required")),
};
DEFINE_RECORD (CarnetTheme, carnet_theme, "themes", "theme",
               "position, name COLLATE carnet", "name", FALSE, theme_fields)

static const CarnetField project_fields[] = {
  LINK_REQUIRED ("commune-uuid", "commune_uuid", N_("The commune"), "commune"),
  FICHE_FIELDS,
};
DEFINE_RECORD (CarnetProject, carnet_project, "projects", "project",
               "number COLLATE carnet, title COLLATE carnet", "title", TRUE, project_fields)

static const CarnetField action_fields[] = {
  LINK_REQUIRED ("project-uuid", "project_uuid", N_("The project"), "project"),
  FICHE_FIELDS,
};
DEFINE_RECORD (CarnetAction, carnet_action, "actions", "action",
               "number COLLATE carnet, title COLLATE carnet", "title", TRUE, action_fields)

static const CarnetField funding_line_fields[] = {
  PARENT_FIELDS,
  TEXT_REQUIRED ("funder", "funder", N_("The funder")),
  TEXT ("scheme", "scheme", N_("The scheme")),
  CHOICE ("nature", "nature", N_("The nature"), funding_natures),
  CHOICE ("basis", "basis", N_("The basis"), funding_bases),
  MONEY ("amount-requested", "amount_requested", N_("The amount requested")),
  MONEY ("amount-granted", "amount_granted", N_("The amount granted")),
  MONEY ("amount-paid", "amount_paid", N_("The amount paid")),
  CHOICE ("state", "state", N_("The state"), funding_states),
  DATE ("filed-on", "filed_on", N_("The filing date")),
  DATE ("decided-on", "decided_on", N_("The decision date")),
  DATE ("lapses-on", "lapses_on", N_("The lapse date")),
  TEXT ("reference", "reference", N_("The file reference")),
};
DEFINE_RECORD (CarnetFundingLine, carnet_funding_line, "funding_lines", "funding-line",
               "funder COLLATE carnet, created_at", "funder", FALSE, funding_line_fields)

static const CarnetField journal_entry_fields[] = {
  PARENT_FIELDS,
  DATE_REQUIRED ("entry-date", "entry_date", N_("The date")),
  TEXT ("text", "text", N_("The text")),
  BOOL ("vigilance", "vigilance", N_("Point of vigilance")),
};
DEFINE_RECORD (CarnetJournalEntry, carnet_journal_entry, "journal_entries", "journal-entry",
               "entry_date DESC, created_at DESC", "text", TRUE, journal_entry_fields)

static const CarnetField step_fields[] = {
  PARENT_FIELDS,
  TEXT_REQUIRED ("name", "name", N_("The name")),
  DATE ("planned-on", "planned_on", N_("The planned date")),
  DATE ("done-on", "done_on", N_("The actual date")),
  BOOL ("done", "done", N_("The step is done")),
  INT ("position", "position", N_("The position"), 0, G_MAXINT32),
};
DEFINE_RECORD (CarnetStep, carnet_step, "steps", "step",
               "position, planned_on", "name", FALSE, step_fields)

static const CarnetField status_change_fields[] = {
  PARENT_FIELDS,
  STAMP_REQUIRED ("changed-at", "changed_at", N_("The time of the change")),
  TEXT ("author", "author", N_("The author")),
  TEXT ("from-status", "from_status", N_("The previous status")),
  TEXT_REQUIRED ("to-status", "to_status", N_("The new status")),
  TEXT ("comment", "comment", N_("The comment")),
};
DEFINE_RECORD (CarnetStatusChange, carnet_status_change, "status_changes", "status-change",
               "changed_at DESC", "to-status", FALSE, status_change_fields)

static const CarnetField indicator_fields[] = {
  PARENT_FIELDS,
  TEXT_REQUIRED ("name", "name", N_("The name")),
  TEXT ("unit", "unit", N_("The unit")),
  CHOICE ("kind", "kind", N_("The kind"), indicator_kinds),
};
DEFINE_RECORD (CarnetIndicator, carnet_indicator, "indicators", "indicator",
               "name COLLATE carnet", "name", FALSE, indicator_fields)

static const CarnetField measurement_fields[] = {
  LINK_REQUIRED ("indicator-uuid", "indicator_uuid", N_("The indicator"), "indicator"),
  DATE_REQUIRED ("measured-on", "measured_on", N_("The date")),
  { "value", "value", CARNET_FIELD_REAL, N_("The value"), TRUE, NULL, NULL, -1000000000000, 1000000000000 },
  REAL ("target", "target", N_("The target"), -1000000000000, 1000000000000),
};
DEFINE_RECORD (CarnetMeasurement, carnet_measurement, "measurements", "measurement",
               "measured_on", "measured-on", FALSE, measurement_fields)

static const CarnetField meeting_fields[] = {
  LINK ("commune-uuid", "commune_uuid", N_("The commune"), "commune"),
  CHOICE ("kind", "kind", N_("The kind"), meeting_kinds),
  DATE_REQUIRED ("held-on", "held_on", N_("The date")),
  TEXT ("place", "place", N_("The place")),
  TEXT ("notes", "notes", N_("The notes")),
};
DEFINE_RECORD (CarnetMeeting, carnet_meeting, "meetings", "meeting",
               "held_on DESC", "held-on", FALSE, meeting_fields)

static const CarnetField decision_fields[] = {
  LINK_REQUIRED ("meeting-uuid", "meeting_uuid", N_("The meeting"), "meeting"),
  PARENT_FIELDS,
  TEXT ("decision", "decision", N_("The decision")),
};
DEFINE_RECORD (CarnetDecision, carnet_decision, "decisions", "decision",
               "created_at", "decision", FALSE, decision_fields)

static const CarnetField walk_fields[] = {
  LINK_REQUIRED ("commune-uuid", "commune_uuid", N_("The commune"), "commune"),
  DATE_REQUIRED ("walked-on", "walked_on", N_("The date")),
  TEXT ("title", "title", N_("The title")),
  TEXT ("route", "route", N_("The place or route")),
  TEXT ("participants", "participants", N_("The participants")),
  TEXT ("notes", "notes", N_("The notes")),
};
DEFINE_RECORD (CarnetWalk, carnet_walk, "walks", "walk",
               "walked_on DESC, created_at DESC", "title", TRUE, walk_fields)

static const CarnetField observation_fields[] = {
  LINK_REQUIRED ("walk-uuid", "walk_uuid", N_("The walk"), "walk"),
  CHOICE ("kind", "kind", N_("The kind"), observation_kinds),
  LINK ("theme-uuid", "theme_uuid", N_("The theme"), "theme"),
  TEXT ("text", "text", N_("The text")),
  STAMP_REQUIRED ("taken-at", "taken_at", N_("The time")),
  REAL ("latitude", "latitude", N_("The latitude"), -90, 90),
  REAL ("longitude", "longitude", N_("The longitude"), -180, 180),
  LINK ("action-uuid", "action_uuid", N_("The action"), "action"),
};
DEFINE_RECORD (CarnetObservation, carnet_observation, "observations", "observation",
               "taken_at, created_at", "text", TRUE, observation_fields)

static const CarnetField attachment_fields[] = {
  LINK_REQUIRED ("observation-uuid", "observation_uuid", N_("The observation"), "observation"),
  TEXT_REQUIRED ("file-name", "file_name", N_("The file name")),
  TEXT_REQUIRED ("stored-name", "stored_name", N_("The stored file")),
  TEXT ("mime-type", "mime_type", N_("The file type")),
  INT ("size", "size", N_("The size"), 0, G_MAXINT64),
};
DEFINE_RECORD (CarnetAttachment, carnet_attachment, "attachments", "attachment",
               "created_at", "file-name", FALSE, attachment_fields)

/**
 * carnet_record_types:
 *
 * Returns: every record type, parents before children (the order in which an import must
 *   insert them)
 */
const GType *
carnet_record_types (guint *n_types)
{
  static GType types[15];

  if (types[0] == 0)
    {
      GType all[] = {
        CARNET_TYPE_COMMUNE, CARNET_TYPE_THEME, CARNET_TYPE_PROJECT, CARNET_TYPE_ACTION,
        CARNET_TYPE_FUNDING_LINE, CARNET_TYPE_JOURNAL_ENTRY, CARNET_TYPE_STEP,
        CARNET_TYPE_STATUS_CHANGE, CARNET_TYPE_INDICATOR, CARNET_TYPE_MEASUREMENT,
        CARNET_TYPE_MEETING, CARNET_TYPE_DECISION, CARNET_TYPE_WALK, CARNET_TYPE_OBSERVATION,
        CARNET_TYPE_ATTACHMENT,
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (all) == G_N_ELEMENTS (types));

      for (guint i = 0; i < G_N_ELEMENTS (all); i++)
        g_type_class_ref (all[i]);
      memcpy (types, all, sizeof types);
    }
  *n_types = G_N_ELEMENTS (types);
  return types;
}

/**
 * carnet_record_class_for_table:
 * @table: an SQL table, as a JSON export names it (“funding_lines”)
 *
 * Returns: (nullable): the class of its records, or %NULL for a table of no record
 */
CarnetRecordClass *
carnet_record_class_for_table (const char *table)
{
  guint n;
  const GType *types = carnet_record_types (&n);

  for (guint i = 0; i < n; i++)
    {
      CarnetRecordClass *klass = g_type_class_peek (types[i]);

      if (g_strcmp0 (klass->table, table) == 0)
        return klass;
    }
  return NULL;
}

gboolean
carnet_status_is_closed (const char *status)
{
  return g_strcmp0 (status, "termine") == 0 || g_strcmp0 (status, "abandonne") == 0;
}
