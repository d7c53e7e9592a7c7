/* carnet-records.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carnet-record.h"

G_BEGIN_DECLS

/* The record types, one per table. Their fields are listed in carnet-records.c and are
 * reached through properties and the carnet_record_get_*() accessors. */

#define CARNET_TYPE_COMMUNE (carnet_commune_get_type ())
G_DECLARE_FINAL_TYPE (CarnetCommune, carnet_commune, CARNET, COMMUNE, CarnetRecord)

#define CARNET_TYPE_THEME (carnet_theme_get_type ())
G_DECLARE_FINAL_TYPE (CarnetTheme, carnet_theme, CARNET, THEME, CarnetRecord)

#define CARNET_TYPE_PROJECT (carnet_project_get_type ())
G_DECLARE_FINAL_TYPE (CarnetProject, carnet_project, CARNET, PROJECT, CarnetRecord)

#define CARNET_TYPE_ACTION (carnet_action_get_type ())
G_DECLARE_FINAL_TYPE (CarnetAction, carnet_action, CARNET, ACTION, CarnetRecord)

#define CARNET_TYPE_FUNDING_LINE (carnet_funding_line_get_type ())
G_DECLARE_FINAL_TYPE (CarnetFundingLine, carnet_funding_line, CARNET, FUNDING_LINE, CarnetRecord)

#define CARNET_TYPE_JOURNAL_ENTRY (carnet_journal_entry_get_type ())
G_DECLARE_FINAL_TYPE (CarnetJournalEntry, carnet_journal_entry, CARNET, JOURNAL_ENTRY, CarnetRecord)

#define CARNET_TYPE_STEP (carnet_step_get_type ())
G_DECLARE_FINAL_TYPE (CarnetStep, carnet_step, CARNET, STEP, CarnetRecord)

#define CARNET_TYPE_STATUS_CHANGE (carnet_status_change_get_type ())
G_DECLARE_FINAL_TYPE (CarnetStatusChange, carnet_status_change, CARNET, STATUS_CHANGE, CarnetRecord)

#define CARNET_TYPE_INDICATOR (carnet_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CarnetIndicator, carnet_indicator, CARNET, INDICATOR, CarnetRecord)

#define CARNET_TYPE_MEASUREMENT (carnet_measurement_get_type ())
G_DECLARE_FINAL_TYPE (CarnetMeasurement, carnet_measurement, CARNET, MEASUREMENT, CarnetRecord)

#define CARNET_TYPE_MEETING (carnet_meeting_get_type ())
G_DECLARE_FINAL_TYPE (CarnetMeeting, carnet_meeting, CARNET, MEETING, CarnetRecord)

#define CARNET_TYPE_DECISION (carnet_decision_get_type ())
G_DECLARE_FINAL_TYPE (CarnetDecision, carnet_decision, CARNET, DECISION, CarnetRecord)

#define CARNET_TYPE_WALK (carnet_walk_get_type ())
G_DECLARE_FINAL_TYPE (CarnetWalk, carnet_walk, CARNET, WALK, CarnetRecord)

#define CARNET_TYPE_OBSERVATION (carnet_observation_get_type ())
G_DECLARE_FINAL_TYPE (CarnetObservation, carnet_observation, CARNET, OBSERVATION, CarnetRecord)

#define CARNET_TYPE_ATTACHMENT (carnet_attachment_get_type ())
G_DECLARE_FINAL_TYPE (CarnetAttachment, carnet_attachment, CARNET, ATTACHMENT, CarnetRecord)

const GType       *carnet_record_types           (guint      *n_types);
CarnetRecordClass *carnet_record_class_for_table (const char *table);

/* Statuses in which an action is finished, and so never overdue. */
gboolean     carnet_status_is_closed (const char *status);

G_END_DECLS
