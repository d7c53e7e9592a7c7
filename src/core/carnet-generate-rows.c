/* carnet-generate-rows.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-generate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carnet-generate-private.h"

/* The rows of a generated database, one commune at a time: its projects and their actions,
 * their funding lines, its walks and their observations (carnet-generate.c says how they
 * are written). Every value is drawn from the generator's GRand, in an order that does not
 * depend on the compiler. */

#define NBSP "\u00a0"

/* Randomness */

static guint
rand_below (Gen   *g,
            guint  n)
{
  g_assert (n <= G_MAXINT32);
  return n > 1 ? (guint)g_rand_int_range (g->rand, 0, (gint32)n) : 0;
}

static gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

static int
rand_between (Gen *g,
              int  low,
              int  high)
{
  return low + (int)rand_below (g, (guint)(high - low + 1));
}

/* An index drawn from @weights (which sum to more than 0). */
static guint
weighted (Gen        *g,
          const int  *weights,
          guint       n)
{
  int total = 0, pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = (int)rand_below (g, (guint)total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

static const char *
pick (Gen               *g,
      const char *const *words,
      guint              n)
{
  return words[rand_below (g, n)];
}

/* Log-uniform between @low and @high euros, rounded to ten euros, in cents. */
static gint64
amount_between (Gen    *g,
                double  low,
                double  high)
{
  double euros = exp (log (low) + g_rand_double (g->rand) * (log (high) - log (low)));

  return (gint64)(round (euros / 10) * 10) * 100;
}

/* A version 4 UUID made of the generator's random bits. */
static void
make_uuid (Gen  *g,
           char *out)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *p = out;

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 word = g_rand_int (g->rand);

      bytes[i] = word >> 24;
      bytes[i + 1] = word >> 16;
      bytes[i + 2] = word >> 8;
      bytes[i + 3] = word;
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xf];
    }
  *p = '\0';
}

/* Dates */

guint32
gen_julian (int y,
        int m,
        int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static guint32
day_between (Gen     *g,
             guint32  first,
             guint32  last)
{
  return last > first ? first + rand_below (g, last - first + 1) : first;
}

static void
put_digits (char *out,
            guint value,
            guint width)
{
  for (guint i = width; i > 0; i--)
    {
      out[i - 1] = '0' + value % 10;
      value /= 10;
    }
}

/* “YYYY-MM-DD”, from a table of the days dates are drawn from. */
static void
format_day (Gen     *g,
            guint32  day,
            char    *out)
{
  GDate date;

  if (day >= g->first_day && day < g->first_day + g->n_days)
    {
      memcpy (out, g->days + (day - g->first_day) * 11, 11);
      return;
    }
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  put_digits (out, g_date_get_year (&date), 4);
  out[4] = '-';
  put_digits (out + 5, g_date_get_month (&date), 2);
  out[7] = '-';
  put_digits (out + 8, g_date_get_day (&date), 2);
  out[10] = '\0';
}

void
gen_fill_days (Gen *g)
{
  g->first_day = gen_julian (2018, 1, 1);
  g->n_days = gen_julian (2032, 1, 1) - g->first_day;
  g->days = g_malloc (g->n_days * 11);
  for (guint i = 0; i < g->n_days; i++)
    {
      GDate date;
      char *out = g->days + i * 11;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g->first_day + i);
      put_digits (out, g_date_get_year (&date), 4);
      out[4] = '-';
      put_digits (out + 5, g_date_get_month (&date), 2);
      out[7] = '-';
      put_digits (out + 8, g_date_get_day (&date), 2);
      out[10] = '\0';
    }
}

/* “YYYY-MM-DDTHH:MM:SS.ffffffZ”, as carnet_db_now() writes them. */
static void
format_time (Gen     *g,
             guint32  day,
             guint    hour,
             guint    minute,
             guint    second,
             guint    micro,
             char    *out)
{
  format_day (g, day, out);
  out[10] = 'T';
  put_digits (out + 11, hour, 2);
  out[13] = ':';
  put_digits (out + 14, minute, 2);
  out[16] = ':';
  put_digits (out + 17, second, 2);
  out[19] = '.';
  put_digits (out + 20, micro, 6);
  out[26] = 'Z';
  out[27] = '\0';
}

/* A time of a working day. Each draw is a statement of its own: the order in which a
 * function's arguments are evaluated is unspecified, and the seed must give the same
 * database whatever the compiler. */
static void
format_stamp (Gen     *g,
              guint32  day,
              char    *out)
{
  guint hour = rand_between (g, 7, 18);
  guint minute = rand_between (g, 0, 59);
  guint second = rand_between (g, 0, 59);
  guint micro = rand_between (g, 0, 999999);

  format_time (g, day, hour, minute, second, micro, out);
}

/* Created some day in @first..@last, updated the same day or up to a year after, never
 * after today. */
static void
make_stamps (Gen     *g,
             guint32  first,
             guint32  last,
             char    *created_at,
             char    *updated_at)
{
  guint32 created = day_between (g, first, MIN (last, g->today));
  guint32 updated = created + rand_below (g, 366);

  updated = MIN (updated, g->today);
  format_stamp (g, created, created_at);
  format_stamp (g, updated, updated_at);
  if (strcmp (updated_at, created_at) < 0)
    memcpy (updated_at, created_at, STAMP_LEN + 1);
}

/* Shares */

/* Splits @total among @n parents, each getting about its @weights share (all alike when
 * @weights is NULL), with some randomness. */
guint *
gen_allocate (Gen          *g,
          guint         total,
          guint         n,
          const double *weights)
{
  guint *counts = g_new0 (guint, MAX (n, 1));
  g_autofree double *w = g_new (double, MAX (n, 1));
  double sum = 0;
  guint given = 0;

  if (n == 0)
    return counts;
  for (guint i = 0; i < n; i++)
    {
      w[i] = (weights != NULL ? weights[i] : 1.0) * (0.4 + 1.2 * g_rand_double (g->rand));
      sum += w[i];
    }
  for (guint i = 0; i < n; i++)
    {
      counts[i] = (guint)floor (total * w[i] / sum);
      given += counts[i];
    }
  while (given < total)
    {
      counts[rand_below (g, n)]++;
      given++;
    }
  return counts;
}

/* Text */

static const char *
keep (Gen        *g,
      const char *text)
{
  return g_string_chunk_insert (g->chunk, text);
}

static GenContext
new_context (Gen *g)
{
  GenContext context;

  context.commune = g->commune->name;
  context.name = pick (g, gen_surnames, gen_n_surnames);
  context.saint = pick (g, gen_saints, gen_n_saints);
  context.place = rand_below (g, gen_n_places);
  context.building = rand_below (g, gen_n_buildings);
  return context;
}

static const char *
expand (Gen              *g,
        const char       *template,
        const GenContext *context)
{
  g_string_truncate (g->scratch, 0);
  gen_expand (g->scratch, template, context);
  return keep (g, g->scratch->str);
}

static const char *
person (Gen *g)
{
  const char *first = pick (g, gen_first_names, gen_n_first_names);

  g_string_printf (g->scratch, "%s %s", first, pick (g, gen_surnames, gen_n_surnames));
  return keep (g, g->scratch->str);
}

/* Two to four partners, without repeats, in the order of the list. */
static const char *
partners (Gen *g)
{
  guint n = rand_between (g, 2, 4), count = 0;
  guint32 chosen = 0;

  G_STATIC_ASSERT (sizeof chosen * 8 >= 16);
  g_assert (gen_n_partners <= sizeof chosen * 8);
  while (count < n)
    {
      guint32 bit = 1u << rand_below (g, gen_n_partners);

      if ((chosen & bit) == 0)
        count++;
      chosen |= bit;
    }
  g_string_truncate (g->scratch, 0);
  for (guint i = 0; i < gen_n_partners; i++)
    if (chosen & (1u << i))
      g_string_append_printf (g->scratch, "%s%s", g->scratch->len ? ", " : "", gen_partners[i]);
  return keep (g, g->scratch->str);
}

/* Statuses, phases, dates */

static const char *
status_for_dates (Gen     *g,
                  guint32  start,
                  guint32  end)
{
  static const char *statuses[] = {
    "en_cours", "en_retard", "en_pause", "bloque", "abandonne", "termine",
  };
  static const int ended[] = { 8, 25, 2, 4, 6, 55 };
  static const int running[] = { 65, 12, 8, 7, 5, 3 };
  static const int coming[] = { 80, 0, 12, 5, 3, 0 };

  if (end < g->today)
    return statuses[weighted (g, ended, G_N_ELEMENTS (ended))];
  if (start < g->today)
    return statuses[weighted (g, running, G_N_ELEMENTS (running))];
  return statuses[weighted (g, coming, G_N_ELEMENTS (coming))];
}

static const char *
phase_for (Gen        *g,
           const char *status,
           guint32     start,
           GenKind     kind)
{
  if (kind == GEN_STUDY)
    return chance (g, 0.85) ? "etude" : "idee";
  if (start > g->today)
    return chance (g, 0.5) ? "idee" : "etude";
  if (strcmp (status, "termine") == 0)
    return chance (g, 0.8) ? "operation" : "etude";
  return chance (g, 0.6) ? "operation" : "etude";
}

static const char *
maturity_for (Gen        *g,
              const char *phase)
{
  if (strcmp (phase, "idee") == 0)
    return chance (g, 0.6) ? "en_reflexion" : "en_maturation";
  if (strcmp (phase, "etude") == 0)
    return chance (g, 0.5) ? "en_maturation" : "mature";
  return chance (g, 0.4) ? "mature" : "validee";
}

static const char *
priority (Gen *g)
{
  static const char *priorities[] = { "haute", "moyenne", "basse" };
  static const int weights[] = { 30, 50, 20 };

  return priorities[weighted (g, weights, G_N_ELEMENTS (weights))];
}

/* How far along it is, from its dates and status. */
static int
progress_for (Gen        *g,
              const char *status,
              guint32     start,
              guint32     end)
{
  double elapsed;
  int noise;

  if (strcmp (status, "termine") == 0)
    return 100;
  if (start >= g->today)
    return rand_between (g, 0, 2) * 5;
  if (strcmp (status, "abandonne") == 0)
    return rand_between (g, 0, 8) * 5;
  /* Macros evaluate their arguments more than once: random draws are made before. */
  noise = rand_between (g, -2, 2) * 5;
  elapsed = (double)(g->today - start) / MAX (end - start, 1u);
  return CLAMP ((int)(MIN (elapsed, 2.0) * 90) / 5 * 5 + noise, 0, 95);
}

/* Fills the status, phase, progress and actual dates of @fiche from its planned dates. */
static void
set_course (Gen        *g,
            Fiche      *fiche,
            const char *status)
{
  fiche->status = status != NULL ? status
                                 : status_for_dates (g, fiche->start_planned, fiche->end_planned);
  fiche->phase = phase_for (g, fiche->status, fiche->start_planned, fiche->kind);
  fiche->maturity = maturity_for (g, fiche->phase);
  fiche->priority = priority (g);
  fiche->progress = progress_for (g, fiche->status, fiche->start_planned, fiche->end_planned);
  fiche->start_actual = 0;
  fiche->end_actual = 0;
  if (fiche->start_planned < g->today && strcmp (fiche->phase, "idee") != 0)
    {
      guint32 start = fiche->start_planned + rand_below (g, 90);

      fiche->start_actual = MIN (start, g->today);
    }
  if (strcmp (fiche->status, "termine") == 0)
    {
      guint32 end = fiche->end_planned + rand_between (g, -30, 150);

      end = MAX (end, MAX (fiche->start_actual, fiche->start_planned) + 1);
      fiche->end_actual = MIN (end, g->today);
    }
}

/* Writing */

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

static void
bind_day (Gen          *g,
          sqlite3_stmt *stmt,
          int           column,
          guint32       day)
{
  char text[11];

  if (day == 0)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }
  format_day (g, day, text);
  sqlite3_bind_text (stmt, column, text, 10, SQLITE_TRANSIENT);
}

static gboolean
step (Gen           *g,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  g->staged++;
  return carnet_db_step_done (g->db, stmt, error);
}

static gboolean
write_fiche (Gen           *g,
             sqlite3_stmt  *stmt,
             const char    *parent_uuid,
             const Fiche   *fiche,
             GError       **error)
{
  bind_text (stmt, 1, fiche->uuid);
  bind_text (stmt, 2, fiche->created_at);
  bind_text (stmt, 3, fiche->updated_at);
  bind_text (stmt, 4, parent_uuid);
  bind_text (stmt, 5, fiche->number);
  bind_text (stmt, 6, fiche->title);
  bind_text (stmt, 7, fiche->description);
  bind_text (stmt, 8, fiche->objectives);
  bind_text (stmt, 9, fiche->expected_results);
  bind_text (stmt, 10, g->theme_uuids[fiche->theme]);
  bind_text (stmt, 11, fiche->other_themes);
  bind_text (stmt, 12, fiche->phase);
  bind_text (stmt, 13, fiche->status);
  bind_text (stmt, 14, fiche->maturity);
  bind_text (stmt, 15, fiche->priority);
  bind_text (stmt, 16, fiche->owner);
  bind_text (stmt, 17, fiche->lead);
  bind_text (stmt, 18, fiche->referent);
  bind_text (stmt, 19, fiche->partners);
  bind_day (g, stmt, 20, fiche->start_planned);
  bind_day (g, stmt, 21, fiche->end_planned);
  bind_day (g, stmt, 22, fiche->start_actual);
  bind_day (g, stmt, 23, fiche->end_actual);
  sqlite3_bind_int64 (stmt, 24, fiche->cost_ht);
  sqlite3_bind_int64 (stmt, 25, fiche->cost_ht / 100 * 120);
  sqlite3_bind_int (stmt, 26, fiche->progress);
  sqlite3_bind_int (stmt, 27, fiche->in_ort);
  return step (g, stmt, error);
}

/* Funding lines */

static const GenFunder *
pick_funder (Gen     *g,
             guint    theme,
             GenKind  kind)
{
  GArray *suitable = g->funders[theme][kind == GEN_STUDY || kind == GEN_ANIMATION];

  return &gen_funders[g_array_index (suitable, guint, rand_below (g, suitable->len))];
}

static const char *
funding_state (Gen        *g,
               const char *status,
               guint32     start)
{
  static const char *states[] = { "envisage", "demande", "accorde", "verse", "refuse" };
  static const int idea[] = { 70, 30, 0, 0, 0 };
  static const int running[] = { 5, 30, 42, 15, 8 };
  static const int done[] = { 0, 0, 22, 70, 8 };

  if (strcmp (status, "termine") == 0)
    return states[weighted (g, done, G_N_ELEMENTS (done))];
  if (start > g->today || strcmp (status, "abandonne") == 0)
    return states[weighted (g, idea, G_N_ELEMENTS (idea))];
  return states[weighted (g, running, G_N_ELEMENTS (running))];
}

/* One funding line of a project (@action NULL) or an action (@fiche). */
static gboolean
write_funding_line (Gen           *g,
                    const Fiche   *fiche,
                    gboolean       is_action,
                    GError       **error)
{
  sqlite3_stmt *stmt = g->insert[FUNDING_LINES];
  char uuid[UUID_LEN + 1], created_at[STAMP_LEN + 1], updated_at[STAMP_LEN + 1];
  char reference[48] = "";
  const char *funder, *scheme, *nature, *state, *code;
  gint64 requested, granted = 0, paid = 0;
  guint32 filed = 0, decided = 0, lapses = 0;
  gboolean own = chance (g, 0.2);

  make_uuid (g, uuid);
  make_stamps (g, MAX (fiche->start_planned, g->today - 1500) - 200, g->today,
               created_at, updated_at);

  if (own)
    {
      gboolean epci = fiche->owner == g->epci_owner;

      funder = epci ? "EPCI" : "Commune";
      scheme = "";
      nature = "autofinancement";
      code = NULL;
      requested = fiche->cost_ht / 100 * rand_between (g, 20, 40) / 10000 * 10000;
      state = chance (g, 0.5) ? "accorde" : "verse";
    }
  else
    {
      const GenFunder *f = pick_funder (g, fiche->theme, fiche->kind);

      funder = f->funder;
      scheme = f->scheme;
      nature = f->nature;
      code = f->code;
      requested = fiche->cost_ht / 100 * rand_between (g, 10, 50) / 10000 * 10000;
      state = funding_state (g, fiche->status, fiche->start_planned);
    }
  requested = MAX (requested, 100000);

  if (strcmp (state, "envisage") != 0)
    {
      filed = fiche->start_planned - rand_between (g, 30, 240);
      filed = MIN (filed, g->today);
    }
  if (strcmp (state, "accorde") == 0 || strcmp (state, "verse") == 0 ||
      strcmp (state, "refuse") == 0)
    {
      decided = filed + rand_between (g, 45, 200);
      decided = MIN (decided, g->today);
    }
  if (strcmp (state, "accorde") == 0 || strcmp (state, "verse") == 0)
    {
      granted = own ? requested : requested / 100 * rand_between (g, 60, 100) / 1000 * 1000;
      paid = strcmp (state, "verse") == 0
             ? (strcmp (fiche->status, "termine") == 0 ? granted
                                                       : granted / 100 * rand_between (g, 30, 100))
             : 0;
      if (strcmp (nature, "subvention") == 0)
        lapses = decided + (chance (g, 0.5) ? 730 : 1095);
    }
  if (filed != 0 && code != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, filed);
      g_snprintf (reference, sizeof reference, "%s-%d-%05u", code, g_date_get_year (&date),
                rand_below (g, 100000));
    }

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, created_at);
  bind_text (stmt, 3, updated_at);
  bind_text (stmt, 4, is_action ? NULL : fiche->uuid);
  bind_text (stmt, 5, is_action ? fiche->uuid : NULL);
  bind_text (stmt, 6, funder);
  bind_text (stmt, 7, scheme);
  bind_text (stmt, 8, nature);
  bind_text (stmt, 9, chance (g, 0.85) ? "ht" : "ttc");
  sqlite3_bind_int64 (stmt, 10, requested);
  sqlite3_bind_int64 (stmt, 11, granted);
  sqlite3_bind_int64 (stmt, 12, paid);
  bind_text (stmt, 13, state);
  bind_day (g, stmt, 14, filed);
  bind_day (g, stmt, 15, decided);
  bind_day (g, stmt, 16, lapses);
  bind_text (stmt, 17, reference);
  return step (g, stmt, error);
}

/* Projects and actions */

static guint
pick_theme (Gen *g)
{
  int weights[GEN_N_THEMES];

  for (guint i = 0; i < GEN_N_THEMES; i++)
    weights[i] = gen_themes[i].weight;
  return weighted (g, weights, GEN_N_THEMES);
}

static const char *
other_theme (Gen   *g,
             guint  theme)
{
  guint other = rand_below (g, GEN_N_THEMES);

  if (other == theme || g->theme_uuids[other] == NULL || !chance (g, 0.3))
    return "";
  return g->theme_uuids[other];
}

static const char *
expected_results (Gen            *g,
                  const GenTheme *theme)
{
  guint n = 0;
  const char *phrase;

  while (theme->results[n] != NULL)
    n++;
  phrase = theme->results[rand_below (g, n)];
  g_string_printf (g->scratch, "%u%s%s", (guint)rand_between (g, 2, 40),
                   phrase[0] == '%' ? NBSP : " ", phrase);
  return keep (g, g->scratch->str);
}

static const char *
objectives (Gen            *g,
            const GenTheme *theme)
{
  guint n = 0, first, second;

  while (theme->objectives[n] != NULL)
    n++;
  first = rand_below (g, n);
  second = (first + 1 + rand_below (g, n - 1)) % n;
  g_string_printf (g->scratch, "%s.\n%s.", theme->objectives[first], theme->objectives[second]);
  return keep (g, g->scratch->str);
}

static int
compare_stage (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const GenAction *x = *(const GenAction **)a, *y = *(const GenAction **)b;

  return x->stage - y->stage;
}

/* The steps of a project: @n of the common ones and of its theme's, in stage order. */
static void
choose_actions (Gen              *g,
                guint             theme,
                guint             n,
                const GenAction **out)
{
  const GenTheme *t = &gen_themes[theme];
  guint total = gen_n_common_actions + t->n_actions;
  g_autofree const GenAction **pool = g_new (const GenAction *, total);

  for (guint i = 0; i < gen_n_common_actions; i++)
    pool[i] = &gen_common_actions[i];
  for (guint i = 0; i < t->n_actions; i++)
    pool[gen_n_common_actions + i] = &t->actions[i];
  /* A partial Fisher–Yates shuffle picks distinct ones while there are enough. */
  for (guint i = 0; i < n; i++)
    {
      guint j = i % total;
      guint k = j + rand_below (g, total - j);
      const GenAction *swap = pool[j];

      pool[j] = pool[k];
      pool[k] = swap;
      out[i] = pool[j];
    }
  g_sort_array (out, n, sizeof *out, compare_stage, NULL);
}

static void
make_action (Gen              *g,
             const Fiche      *project,
             const char       *subject,
             const GenAction  *step_kind,
             guint             index,
             guint             n,
             Fiche            *action)
{
  guint32 span = MAX (project->end_planned - project->start_planned, 30u);
  const char *status = NULL;

  make_uuid (g, action->uuid);
  make_stamps (g, MIN (project->start_planned, g->today) - 180, g->today,
               action->created_at, action->updated_at);
  g_snprintf (action->number, sizeof action->number, "%s.%u", project->number, index + 1);
  g_string_printf (g->scratch, "%s" NBSP ": %s", subject, step_kind->title);
  action->title = keep (g, g->scratch->str);
  g_string_printf (g->scratch, "Étape du projet « %s ».", project->title);
  action->description = keep (g, g->scratch->str);
  action->objectives = "";
  action->expected_results = "";
  action->theme = chance (g, 0.9) ? project->theme : rand_below (g, GEN_N_THEMES);
  action->other_themes = "";
  action->owner = project->owner;
  action->lead = chance (g, 0.6) ? project->lead : person (g);
  action->referent = project->referent;
  action->partners = chance (g, 0.5) ? project->partners : "";
  action->kind = step_kind->kind;
  action->in_ort = project->in_ort;

  action->start_planned = project->start_planned + span * index / n;
  action->end_planned = action->start_planned + MAX (span / n, 20u) +
                        rand_below (g, MAX (span / n, 1u));
  action->end_planned = MIN (action->end_planned, g->horizon);
  switch (step_kind->kind)
    {
    case GEN_STUDY:
      action->cost_ht = amount_between (g, 8000, 150000);
      break;
    case GEN_WORKS:
      action->cost_ht = amount_between (g, 80000, 2500000);
      break;
    case GEN_LAND:
      action->cost_ht = amount_between (g, 30000, 900000);
      break;
    case GEN_ANIMATION:
    default:
      action->cost_ht = amount_between (g, 2000, 60000);
      break;
    }

  /* A finished or abandoned project carries its actions along. */
  if (strcmp (project->status, "termine") == 0)
    status = chance (g, 0.92) ? "termine" : "abandonne";
  else if (strcmp (project->status, "abandonne") == 0)
    status = action->end_planned < g->today && chance (g, 0.5) ? "termine" : "abandonne";
  set_course (g, action, status);
}

static gboolean
write_project (Gen      *g,
               guint     number,
               GError  **error)
{
  Fiche project = { 0 };
  guint theme = pick_theme (g);
  const GenTheme *t = &gen_themes[theme];
  const GenProject *template = &t->projects[rand_below (g, t->n_projects)];
  GenContext context = new_context (g);
  guint n_actions = g->actions_per_project[g->next_project];
  guint n_funding = g->funding_per_project[g->next_project];
  g_autofree const GenAction **steps = g_new (const GenAction *, MAX (n_actions, 1));
  const char *subject;
  const char *referent;
  gint64 cost = 0;
  int progress = 0;

  g->next_project++;
  make_uuid (g, project.uuid);
  project.start_planned = day_between (g, gen_julian (2021, 6, 1), gen_julian (2026, 6, 30));
  project.end_planned = project.start_planned + rand_between (g, 180, 1100);
  project.end_planned = MIN (project.end_planned, g->horizon);
  make_stamps (g, MIN (project.start_planned, g->today) - 240, g->today,
               project.created_at, project.updated_at);
  g_snprintf (project.number, sizeof project.number, "%u", number);
  project.title = expand (g, template->title, &context);
  subject = expand (g, template->subject, &context);
  g_string_printf (g->scratch, "Le projet vise à %s. ", t->stake);
  gen_expand (g->scratch, "Il concerne le centre-bourg de {commune}", &context);
  g_string_append (g->scratch, g->has_ort ? ", dans le périmètre de l’ORT." : ".");
  project.description = keep (g, g->scratch->str);
  project.objectives = objectives (g, t);
  project.expected_results = expected_results (g, t);
  project.theme = theme;
  project.other_themes = other_theme (g, theme);
  project.owner = g->epci_owner != NULL && chance (g, 0.3) ? g->epci_owner : g->commune_owner;
  project.lead = chance (g, 0.7) ? g->chef_de_projet : person (g);
  referent = person (g);
  g_string_printf (g->scratch, "%s, %s", referent, pick (g, gen_roles, gen_n_roles));
  project.referent = chance (g, 0.3) ? g->mayor : keep (g, g->scratch->str);

  project.partners = partners (g);
  project.in_ort = g->has_ort && chance (g, 0.6);
  project.kind = GEN_WORKS;
  set_course (g, &project, NULL);

  if (n_actions > g->n_actions_allocated)
    {
      g->actions = g_renew (Fiche, g->actions, n_actions);
      g->n_actions_allocated = n_actions;
    }
  choose_actions (g, theme, n_actions, steps);
  for (guint i = 0; i < n_actions; i++)
    {
      make_action (g, &project, subject, steps[i], i, n_actions, &g->actions[i]);
      cost += g->actions[i].cost_ht;
      progress += g->actions[i].progress;
    }
  if (n_actions > 0)
    {
      project.cost_ht = cost;
      project.progress = strcmp (project.status, "termine") == 0 ? 100
                         : MIN (progress / (int)n_actions, 95);
    }
  else
    project.cost_ht = amount_between (g, 50000, 3000000);

  if (!write_fiche (g, g->insert[PROJECTS], g->commune_uuid, &project, error))
    return FALSE;
  for (guint i = 0; i < n_funding; i++)
    if (!write_funding_line (g, &project, FALSE, error))
      return FALSE;
  for (guint i = 0; i < n_actions; i++)
    {
      Fiche *action = &g->actions[i];
      guint n_lines = g->funding_per_action[g->next_action++];

      if (!write_fiche (g, g->insert[ACTIONS], project.uuid, action, error))
        return FALSE;
      g_array_append_vals (g->action_uuids, action->uuid, 1);
      for (guint j = 0; j < n_lines; j++)
        if (!write_funding_line (g, action, TRUE, error))
          return FALSE;
    }
  return TRUE;
}

/* Walks */

static gboolean
write_observation (Gen           *g,
                   const char    *walk_uuid,
                   guint32        day,
                   guint          index,
                   GError       **error)
{
  sqlite3_stmt *stmt = g->insert[OBSERVATIONS];
  const GenObservation *o = &gen_observations[rand_below (g, gen_n_observations)];
  GenContext context = new_context (g);
  char uuid[UUID_LEN + 1], stamp[STAMP_LEN + 1];
  const char *action = NULL;
  guint theme = pick_theme (g);
  guint minutes = 9 * 60 + 30 + index * rand_between (g, 4, 12);
  guint second = rand_between (g, 0, 59);
  guint micro = rand_between (g, 0, 999999);

  make_uuid (g, uuid);
  format_time (g, day, minutes / 60 % 24, minutes % 60, second, micro, stamp);
  /* Some ideas became actions of the commune. */
  if (strcmp (o->kind, "idee") == 0 && g->action_uuids->len > 0 && chance (g, 0.3))
    action = g->action_uuids->data + (gsize)rand_below (g, g->action_uuids->len) * (UUID_LEN + 1);

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, stamp);
  bind_text (stmt, 3, stamp);
  bind_text (stmt, 4, walk_uuid);
  bind_text (stmt, 5, o->kind);
  bind_text (stmt, 6, g->theme_uuids[theme]);
  bind_text (stmt, 7, expand (g, o->text, &context));
  bind_text (stmt, 8, stamp);
  bind_text (stmt, 9, action);
  return step (g, stmt, error);
}

static gboolean
write_walk (Gen      *g,
            GError  **error)
{
  sqlite3_stmt *stmt = g->insert[WALKS];
  GenContext context = new_context (g);
  guint n_observations = g->observations_per_walk[g->next_walk++];
  char uuid[UUID_LEN + 1], created_at[STAMP_LEN + 1], updated_at[STAMP_LEN + 1];
  guint32 day = day_between (g, gen_julian (2021, 3, 1), g->today - 30);
  const char *title = expand (g, gen_walk_titles[rand_below (g, gen_n_walk_titles)], &context);
  GenContext second = new_context (g), third = new_context (g);
  const char *route;
  const char *participants;
  const char *partner;

  make_uuid (g, uuid);
  make_stamps (g, day, day, created_at, updated_at);
  /* Three places of the centre, one after the other. */
  while (second.place == context.place)
    second.place = (second.place + 1) % gen_n_places;
  while (third.place == context.place || third.place == second.place)
    third.place = (third.place + 1) % gen_n_places;
  g_string_truncate (g->scratch, 0);
  gen_expand (g->scratch, "{Lieu} → ", &context);
  gen_expand (g->scratch, "{place} → ", &second);
  gen_expand (g->scratch, "{place}", &third);
  route = keep (g, g->scratch->str);
  partner = pick (g, gen_partners, gen_n_partners);
  g_string_printf (g->scratch, "%s (maire), %s (chef de projet), %s, %u habitants", g->mayor,
                   g->chef_de_projet, partner, (guint)rand_between (g, 3, 25));
  participants = keep (g, g->scratch->str);

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, created_at);
  bind_text (stmt, 3, updated_at);
  bind_text (stmt, 4, g->commune_uuid);
  bind_day (g, stmt, 5, day);
  bind_text (stmt, 6, title);
  bind_text (stmt, 7, route);
  bind_text (stmt, 8, participants);
  bind_text (stmt, 9, chance (g, 0.3) ? "Compte rendu envoyé aux élus et au CAUE." : "");
  if (!step (g, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_observations; i++)
    if (!write_observation (g, uuid, day, i, error))
      return FALSE;
  return TRUE;
}

/* Communes */

gboolean
gen_write_commune (Gen                          *g,
               const CarnetReferenceCommune *ref,
               guint                         index,
               GError                      **error)
{
  sqlite3_stmt *stmt = g->insert[COMMUNES];
  char created_at[STAMP_LEN + 1], updated_at[STAMP_LEN + 1];
  guint32 pvd = day_between (g, gen_julian (2021, 1, 15), gen_julian (2021, 12, 20));
  guint32 ort = day_between (g, gen_julian (2022, 1, 10), gen_julian (2024, 6, 30));
  guint n_projects = g->projects_per_commune[index];
  guint n_walks = g->walks_per_commune[index];

  g_string_chunk_clear (g->chunk);
  g_array_set_size (g->action_uuids, 0);
  g->commune = ref;
  g->has_ort = chance (g, 0.8);
  make_uuid (g, g->commune_uuid);
  make_stamps (g, gen_julian (2021, 1, 4), gen_julian (2021, 12, 31), created_at, updated_at);
  g_string_printf (g->scratch, "Commune de %s", ref->name);
  g->commune_owner = keep (g, g->scratch->str);
  g->epci_owner = *ref->epci_name != '\0' ? keep (g, ref->epci_name) : NULL;
  g->chef_de_projet = person (g);
  g->mayor = person (g);

  bind_text (stmt, 1, g->commune_uuid);
  bind_text (stmt, 2, created_at);
  bind_text (stmt, 3, updated_at);
  bind_text (stmt, 4, ref->insee);
  bind_text (stmt, 5, ref->name);
  bind_text (stmt, 6, ref->departement);
  bind_text (stmt, 7, ref->departement_name);
  bind_text (stmt, 8, ref->region);
  bind_text (stmt, 9, ref->epci_siren);
  bind_text (stmt, 10, ref->epci_name);
  sqlite3_bind_int64 (stmt, 11, ref->population);
  bind_day (g, stmt, 12, pvd);
  bind_day (g, stmt, 13, g->has_ort ? ort : 0);
  g_string_printf (g->scratch, "Chef de projet Petites villes de demain : %s. "
                   "Poste cofinancé par l’ANCT, la Banque des territoires et l’Anah.",
                   g->chef_de_projet);
  bind_text (stmt, 14, chance (g, 0.5) ? g->scratch->str : "");
  if (!step (g, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_projects; i++)
    if (!write_project (g, i + 1, error))
      return FALSE;
  for (guint i = 0; i < n_walks; i++)
    if (!write_walk (g, error))
      return FALSE;
  return TRUE;
}
