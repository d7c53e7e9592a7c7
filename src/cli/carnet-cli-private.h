/* carnet-cli-private.h
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "carnet-store.h"

G_BEGIN_DECLS

/* Exit statuses: what scripts test. */
enum
{
  CLI_OK = 0,
  CLI_FAILED = 1,
  CLI_USAGE = 2,
};

/* The options a command accepts, besides --db and --help. */
typedef enum
{
  CLI_OPT_JSON    = 1 << 0,
  CLI_OPT_SET     = 1 << 1,
  CLI_OPT_LIMIT   = 1 << 2,
  CLI_OPT_COMMUNE = 1 << 3,
  CLI_OPT_PROJECT = 1 << 4,
  CLI_OPT_TITLE   = 1 << 5,
  CLI_OPT_SEARCH  = 1 << 6,
  CLI_OPT_OWN     = 1 << 30,  /* the handler parses all of its options itself */
} CliOptions;

typedef struct _CliContext CliContext;
typedef int (*CliHandler) (CliContext  *cli,
                           char       **args);

typedef struct
{
  const char *noun;         /* "commune" */
  const char *verb;         /* "add", or NULL for a one-word command */
  const char *params;       /* N_(): the arguments, for the usage line */
  const char *summary;      /* N_(): one line */
  const char *description;  /* N_(): more help, or NULL */
  CliOptions  options;
  int         min_args;
  int         max_args;     /* -1: any number */
  gboolean    needs_store;
  CliHandler  handler;
} CliCommand;

struct _CliContext
{
  /* Options, as parsed. */
  char              *db_path;
  gboolean           read_only;
  gboolean           json;
  int                limit;
  char             **sets;
  char              *commune;
  char              *project;
  char              *title;
  char              *search;

  const CliCommand  *command;
  CarnetStore       *store;
  GHashTable        *titles;  /* "kind:uuid" → title, for the rows of lists */
};

/* The changes of --title and --set, parsed and checked, ready for the store. */
typedef struct
{
  GPtrArray *names;   /* property names, owned by the field tables */
  GArray    *values;  /* GValue */
} CliChanges;

const CliCommand *cli_commands              (guint         *n_commands);
char             *cli_command_usage         (const CliCommand *command);
GOptionContext   *cli_option_context_new    (CliContext       *cli,
                                             const GOptionEntry *entries);

void              cli_error                 (const char    *format,
                                             ...) G_GNUC_PRINTF (1, 2);
int               cli_usage_error           (CliContext    *cli,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (2, 3);
int               cli_fail                  (GError        *error);

gboolean          cli_field_is_settable     (GType          type,
                                             const CarnetField *field);
char             *cli_settable_fields       (GType          type);
int               cli_parse_changes         (CliContext    *cli,
                                             GType          type,
                                             CliChanges    *changes);
void              cli_changes_clear         (CliChanges    *changes);

int               cli_resolve_commune       (CliContext    *cli,
                                             const char    *text,
                                             CarnetRecord **out);
int               cli_resolve_uuid          (CliContext    *cli,
                                             GType          type,
                                             const char    *uuid,
                                             CarnetRecord **out);
const char       *cli_link_title            (CliContext    *cli,
                                             GType          type,
                                             const char    *uuid);

void              cli_print_row             (CliContext    *cli,
                                             CarnetRecord  *record);
void              cli_print_records         (CliContext    *cli,
                                             GPtrArray     *records);
void              cli_print_record          (CliContext    *cli,
                                             CarnetRecord  *record);
void              cli_print_json            (JsonNode      *node);
void              cli_print_line            (const char    *first,
                                             ...) G_GNUC_NULL_TERMINATED;
GPtrArray        *cli_list_records          (GListModel    *model);

/* The commands, in carnet-cli-commands.c and carnet-cli-fiches.c. */
int cli_reference_search (CliContext *cli, char **args);
int cli_commune_add      (CliContext *cli, char **args);
int cli_commune_list     (CliContext *cli, char **args);
int cli_record_show      (CliContext *cli, char **args);
int cli_record_update    (CliContext *cli, char **args);
int cli_record_delete    (CliContext *cli, char **args);
int cli_fiche_add        (CliContext *cli, char **args);
int cli_project_list     (CliContext *cli, char **args);
int cli_action_list      (CliContext *cli, char **args);
int cli_theme_list       (CliContext *cli, char **args);
int cli_fields           (CliContext *cli, char **args);
int cli_generate         (CliContext *cli, char **args);

/* In carnet-cli-backup.c. */
void cli_backup_auto     (CliContext *cli);
int cli_backup_list      (CliContext *cli, char **args);
int cli_backup_create    (CliContext *cli, char **args);
int cli_backup_restore   (CliContext *cli, char **args);

G_END_DECLS
