/* carnet-fiche-index.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-fiche-index"

#include "config.h"

#include <string.h>

#include "carnet-collate.h"
#include "carnet-fiche-index.h"

/* The lists of projects and actions, kept in memory in the orders they are shown in.
 *
 * A national database holds 125,000 actions. Asking SQLite for all of them in order at each
 * keystroke of a search costs half a second: it reads every row and sorts them again. Here
 * each order is sorted once, and a query walks it keeping what passes the filters, a few
 * milliseconds for the whole list. Full-text search still goes to SQLite's FTS5 index, for a
 * set of row ids.
 *
 * The index follows every change made through the store's connection: SQLite's update hook
 * names each row written, and the next query reads those rows again and moves them in the
 * orders, so that an edit costs a few row reads, not a new sort. A change to many rows (an
 * import, a generated database) rebuilds it instead.
 *
 * What a query means is what the SQL of carnet_store_query() says; the comparisons below
 * follow its ORDER BY clauses term by term. */

#define N_GROUPS        3
#define N_SORTS         4
#define TEXT_CACHE_SIZE 16
#define PATCH_LIMIT     2000   /* changed rows patched in place; beyond, a rebuild */

typedef struct
{
  gint64      id;
  const char *uuid;          /* interned; projects only */
  const char *number_key;    /* carnet_collate_key () of the number, in the chunk */
  const char *title_key;
  const char *theme;         /* interned UUID, or NULL */
  const char *status;        /* interned slug */
  const char *commune;       /* interned UUID; projects only */
  const char *updated_at;    /* in the chunk */
  char        end[11];       /* the due date, or "" */
  guint32     project;       /* an action's project: its slot in the projects' table */
  gint32      theme_slot;    /* its theme in self->themes when that theme is live, or -1 */
  guint8      status_rank;
  guint8      closed : 1;    /* done or abandoned */
  guint8      live : 1;      /* the slot holds a row */
  guint8      moving : 1;    /* changed since the orders were made */
} Row;

typedef struct
{
  const char *uuid;          /* interned */
  gint64      id;
  gint64      position;
} Theme;

typedef struct
{
  char   *query;
  guint8 *bits;              /* bit id: the row matches */
  gsize   n_bytes;
} TextHits;

typedef struct
{
  const char *name;          /* the SQL table */
  GArray     *rows;          /* Row, by slot */
  GArray     *free_slots;    /* guint32 */
  GArray     *slot_of;       /* guint32 by row id: its slot + 1, or 0 */
  GHashTable *far_slots;     /* the same for ids past SLOT_ARRAY_MAX (a crafted database) */
  guint       n_live;
  GArray     *orders[N_GROUPS][N_SORTS];  /* the slots of the rows, sorted; NULL until asked */
  GHashTable *dirty;         /* ids written since the last sync */
  gboolean    stale;         /* too much changed: rebuild */
  GQueue      texts;         /* TextHits, the most recent first */
} Table;

typedef struct
{
  CarnetDb     *db;
  GStringChunk *chunk;
  Table         actions;
  Table         projects;
  GArray       *themes;          /* Theme */
  gboolean      themes_dirty;
  GHashTable   *project_slots;   /* interned project UUID → slot + 1 */
  gint64        data_version;    /* SQLite's, at the last sync: other connections' commits */
  struct _Load *loading;         /* the tables being read in a thread, or NULL */
} Index;

/* The tables read in a thread, on a connection of its own, while the window is built. */
typedef struct _Load
{
  Index       *staging;          /* filled by the thread; no connection, no hook */
  char        *path;
  Table       *order_table;      /* the order the first query needs, sorted there too */
  CarnetGroup  order_group;
  CarnetSort   order_sort;
  gboolean     ok;
  gboolean     done;
  GMutex       mutex;
  GCond        cond;
  GPtrArray   *waiting;          /* GTask, returned once the tables are taken in */
} Load;

typedef struct
{
  Index       *index;
  Table       *table;
  CarnetGroup  group;
  CarnetSort   sort;
} OrderContext;

static const char *closed_statuses[] = { "termine", "abandonne" };

/* CASE r.status WHEN 'bloque' THEN 0 WHEN 'en_retard' THEN 1 … ELSE 5 END */
static guint8
status_rank (const char *status)
{
  static const char *ranked[] = { "bloque", "en_retard", "en_cours", "en_pause", "termine" };

  for (guint i = 0; i < G_N_ELEMENTS (ranked); i++)
    if (g_strcmp0 (status, ranked[i]) == 0)
      return i;
  return G_N_ELEMENTS (ranked);
}

static gboolean
is_closed (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (closed_statuses); i++)
    if (g_strcmp0 (status, closed_statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

static Row *
row_at (Table   *table,
        guint32  slot)
{
  return &g_array_index (table->rows, Row, slot);
}

/* Row ids are SQLite's rowids, dense from 1: an array by id takes four bytes a row, less
 * than a hash table's entry, and no hashing. */
#define SLOT_ARRAY_MAX (1 << 24)

static gint32
find_slot (Table  *table,
           gint64  id)
{
  gpointer value;

  if (id >= 0 && id < SLOT_ARRAY_MAX)
    return id < table->slot_of->len ? (gint32)g_array_index (table->slot_of, guint32, id) - 1 : -1;
  value = g_hash_table_lookup (table->far_slots, &id);
  return value != NULL ? (gint32)(GPOINTER_TO_UINT (value) - 1) : -1;
}

static void
set_slot (Table   *table,
          gint64   id,
          guint32  value)
{
  if (id >= 0 && id < SLOT_ARRAY_MAX)
    {
      if (id >= table->slot_of->len)
        g_array_set_size (table->slot_of, id + 1);
      g_array_index (table->slot_of, guint32, id) = value;
    }
  else if (value != 0)
    g_hash_table_insert (table->far_slots, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (value));
  else
    g_hash_table_remove (table->far_slots, &id);
}

/* Comparisons: the ORDER BY of carnet_store_query(), term by term */

static int
compare_strings (const char *a,
                 const char *b)
{
  int c = strcmp (a, b);

  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

#define CMP(a, b) ((a) < (b) ? -1 : ((a) > (b) ? 1 : 0))
#define SWAP_POINTERS(a, b) G_STMT_START { gpointer swap_ = (a); (a) = (b); (b) = swap_; } G_STMT_END

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const OrderContext *context = data;
  Table *projects = &context->index->projects;
  const Row *x = row_at (context->table, *(const guint32 *)a);
  const Row *y = row_at (context->table, *(const guint32 *)b);
  int c;

  if (context->group == CARNET_GROUP_PROJECT)
    {
      /* p.number COLLATE carnet, p.title COLLATE carnet, p.id */
      const Row *px = row_at (projects, x->project), *py = row_at (projects, y->project);

      if ((c = compare_strings (px->number_key, py->number_key)) != 0 ||
          (c = compare_strings (px->title_key, py->title_key)) != 0 ||
          (c = CMP (px->id, py->id)) != 0)
        return c;
    }
  else if (context->group == CARNET_GROUP_THEME)
    {
      /* th.uuid IS NULL, th.position, th.id */
      GArray *themes = context->index->themes;

      if ((c = CMP (x->theme_slot < 0, y->theme_slot < 0)) != 0)
        return c;
      if (x->theme_slot >= 0 && y->theme_slot >= 0)
        {
          const Theme *tx = &g_array_index (themes, Theme, x->theme_slot);
          const Theme *ty = &g_array_index (themes, Theme, y->theme_slot);

          if ((c = CMP (tx->position, ty->position)) != 0 || (c = CMP (tx->id, ty->id)) != 0)
            return c;
        }
    }

  switch (context->sort)
    {
    case CARNET_SORT_DUE:
      /* r.end_planned IS NULL, r.end_planned, r.number, r.title */
      if ((c = CMP (x->end[0] == '\0', y->end[0] == '\0')) != 0 ||
          (c = compare_strings (x->end, y->end)) != 0 ||
          (c = compare_strings (x->number_key, y->number_key)) != 0 ||
          (c = compare_strings (x->title_key, y->title_key)) != 0)
        return c;
      break;
    case CARNET_SORT_STATUS:
      /* the status' rank, r.end_planned IS NULL, r.end_planned, r.title */
      if ((c = CMP (x->status_rank, y->status_rank)) != 0 ||
          (c = CMP (x->end[0] == '\0', y->end[0] == '\0')) != 0 ||
          (c = compare_strings (x->end, y->end)) != 0 ||
          (c = compare_strings (x->title_key, y->title_key)) != 0)
        return c;
      break;
    case CARNET_SORT_UPDATED:
      /* r.updated_at DESC */
      if ((c = compare_strings (y->updated_at, x->updated_at)) != 0)
        return c;
      break;
    case CARNET_SORT_NUMBER:
    default:
      if ((c = compare_strings (x->number_key, y->number_key)) != 0 ||
          (c = compare_strings (x->title_key, y->title_key)) != 0)
        return c;
      break;
    }
  /* r.id */
  return CMP (x->id, y->id);
}

/* Reading rows */

#define ACTION_COLUMNS \
  "id, number, title, theme_uuid, status, end_planned, updated_at, project_uuid, NULL, NULL"
#define PROJECT_COLUMNS \
  "id, number, title, theme_uuid, status, end_planned, updated_at, NULL, uuid, commune_uuid"

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static const char *
intern_column (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = column_text (stmt, column);

  return text != NULL ? g_intern_string (text) : NULL;
}

static gint32
theme_slot_of (Index      *self,
               const char *theme)
{
  if (theme == NULL)
    return -1;
  for (guint i = 0; i < self->themes->len; i++)
    if (g_array_index (self->themes, Theme, i).uuid == theme)
      return i;
  return -1;
}

static char *
chunk_key (Index      *self,
           const char *text)
{
  g_autofree char *key = carnet_collate_key (text != NULL ? text : "", -1);

  return g_string_chunk_insert (self->chunk, key);
}

/* Fills @row from the current row of a statement selecting ACTION_COLUMNS or
 * PROJECT_COLUMNS. Returns FALSE for an action whose project is not live. */
static gboolean
read_row (Index        *self,
          Table        *table,
          sqlite3_stmt *stmt,
          Row          *row)
{
  const char *end = column_text (stmt, 5);
  const char *updated_at = column_text (stmt, 6);

  memset (row, 0, sizeof *row);
  row->id = sqlite3_column_int64 (stmt, 0);
  if (table == &self->actions)
    {
      const char *project = column_text (stmt, 7);
      gpointer slot = project != NULL ? g_hash_table_lookup (self->project_slots, project) : NULL;

      if (slot == NULL)
        return FALSE;
      row->project = GPOINTER_TO_UINT (slot) - 1;
    }
  else
    {
      row->uuid = intern_column (stmt, 8);
      row->commune = intern_column (stmt, 9);
    }
  row->number_key = chunk_key (self, column_text (stmt, 1));
  row->title_key = chunk_key (self, column_text (stmt, 2));
  row->theme = intern_column (stmt, 3);
  row->theme_slot = theme_slot_of (self, row->theme);
  row->status = intern_column (stmt, 4);
  row->status_rank = status_rank (row->status);
  row->closed = is_closed (row->status);
  if (end != NULL)
    g_strlcpy (row->end, end, sizeof row->end);
  row->updated_at = g_string_chunk_insert (self->chunk, updated_at != NULL ? updated_at : "");
  row->live = TRUE;
  return TRUE;
}

static guint32
add_row (Table     *table,
         const Row *row)
{
  guint32 slot;

  if (table->free_slots->len > 0)
    {
      slot = g_array_index (table->free_slots, guint32, table->free_slots->len - 1);
      g_array_set_size (table->free_slots, table->free_slots->len - 1);
      *row_at (table, slot) = *row;
    }
  else
    {
      slot = table->rows->len;
      g_array_append_vals (table->rows, row, 1);
    }
  set_slot (table, row->id, slot + 1);
  table->n_live++;
  return slot;
}

static void
remove_row (Table   *table,
            guint32  slot)
{
  Row *row = row_at (table, slot);

  set_slot (table, row->id, 0);
  table->n_live--;
  row->live = FALSE;
  g_array_append_val (table->free_slots, slot);
}

static void
drop_orders (Table    *table,
             gboolean  group_only,
             int       group)
{
  for (int g = 0; g < N_GROUPS; g++)
    for (int s = 0; s < N_SORTS; s++)
      if (!group_only || g == group)
        g_clear_pointer (&table->orders[g][s], g_array_unref);
}

static void
forget_texts (Table *table)
{
  TextHits *hits;

  while ((hits = g_queue_pop_head (&table->texts)) != NULL)
    {
      g_free (hits->query);
      g_free (hits->bits);
      g_free (hits);
    }
}

static void
clear_table (Table *table)
{
  g_array_set_size (table->rows, 0);
  g_array_set_size (table->free_slots, 0);
  g_array_set_size (table->slot_of, 0);
  g_hash_table_remove_all (table->far_slots);
  table->n_live = 0;
  g_hash_table_remove_all (table->dirty);
  drop_orders (table, FALSE, 0);
  forget_texts (table);
}

static gboolean
read_themes (Index   *self,
             sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;

  g_array_set_size (self->themes, 0);
  if (sqlite3_prepare_v2 (handle, "SELECT id, uuid, position FROM themes WHERE deleted_at IS NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Theme theme = { intern_column (stmt, 1), sqlite3_column_int64 (stmt, 0),
                      sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (self->themes, theme);
    }
  self->themes_dirty = FALSE;
  return sqlite3_finalize (stmt) == SQLITE_OK;
}

/* Reads the themes and both tables from the start, from @handle: the store's connection, or
 * a thread's. */
static gboolean
load_tables (Index   *self,
             sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  clear_table (&self->actions);
  clear_table (&self->projects);
  g_hash_table_remove_all (self->project_slots);
  g_string_chunk_clear (self->chunk);
  if (!read_themes (self, handle))
    return FALSE;

  if (sqlite3_prepare_v2 (handle, "SELECT " PROJECT_COLUMNS " FROM projects WHERE deleted_at IS NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row row;

      read_row (self, &self->projects, stmt, &row);
      g_hash_table_insert (self->project_slots, (gpointer)row.uuid,
                           GUINT_TO_POINTER (add_row (&self->projects, &row) + 1));
    }
  ok = sqlite3_finalize (stmt) == SQLITE_OK;

  if (!ok || sqlite3_prepare_v2 (handle, "SELECT " ACTION_COLUMNS " FROM actions WHERE deleted_at IS NULL",
                                 -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row row;

      if (read_row (self, &self->actions, stmt, &row))
        add_row (&self->actions, &row);
    }
  return sqlite3_finalize (stmt) == SQLITE_OK;
}

/* Reads both tables again from the start. */
static void
rebuild (Index *self)
{
  if (!load_tables (self, carnet_db_get_handle (self->db)))
    g_message ("The lists could not be read: %s", sqlite3_errmsg (carnet_db_get_handle (self->db)));
  self->actions.stale = FALSE;
  self->projects.stale = FALSE;
  g_debug ("Indexed %u projects and %u actions", self->projects.n_live, self->actions.n_live);
}

/* Patching */

/* Reads the row @id of @table again; @changed collects the slots that moved. */
static void
reread (Index   *self,
        Table   *table,
        gint64   id,
        GArray  *changed)
{
  gboolean actions = table == &self->actions;
  sqlite3_stmt *stmt;
  gint32 slot = find_slot (table, id);
  Row row;
  gboolean found;

  stmt = carnet_db_prepare (self->db, actions
                            ? "SELECT " ACTION_COLUMNS " FROM actions"
                              " WHERE id = ? AND deleted_at IS NULL"
                            : "SELECT " PROJECT_COLUMNS " FROM projects"
                              " WHERE id = ? AND deleted_at IS NULL", NULL);
  if (stmt == NULL)
    {
      table->stale = TRUE;
      return;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW && read_row (self, table, stmt, &row);
  sqlite3_reset (stmt);

  if (!actions && slot >= 0)
    {
      /* A project that goes or comes takes its actions along; one that changes number or
       * title moves its actions in the lists grouped by project. */
      Row *old = row_at (table, slot);

      if (!found || strcmp (old->number_key, row.number_key) != 0 ||
          strcmp (old->title_key, row.title_key) != 0)
        drop_orders (&self->actions, TRUE, CARNET_GROUP_PROJECT);
      if (!found)
        {
          g_hash_table_remove (self->project_slots, old->uuid);
          for (guint i = 0; i < self->actions.rows->len; i++)
            {
              Row *action = row_at (&self->actions, i);

              if (action->live && action->project == (guint32)slot)
                g_hash_table_add (self->actions.dirty, GSIZE_TO_POINTER ((gsize)action->id));
            }
        }
    }

  if (slot >= 0 && found)
    {
      Row *old = row_at (table, slot);

      row.moving = TRUE;
      *old = row;
    }
  else if (slot >= 0)
    {
      row_at (table, slot)->moving = TRUE;
      remove_row (table, slot);
    }
  else if (found)
    {
      row.moving = TRUE;
      slot = add_row (table, &row);
      if (!actions)
        {
          sqlite3_stmt *children;

          g_hash_table_insert (self->project_slots, (gpointer)row.uuid, GUINT_TO_POINTER (slot + 1));
          /* A project brought back brings its actions back. */
          children = carnet_db_prepare (self->db, "SELECT id FROM actions WHERE project_uuid = ?"
                                        " AND deleted_at IS NULL", NULL);
          if (children == NULL)
            {
              self->actions.stale = TRUE;
              return;
            }
          sqlite3_bind_text (children, 1, row.uuid, -1, SQLITE_STATIC);
          while (sqlite3_step (children) == SQLITE_ROW)
            g_hash_table_add (self->actions.dirty,
                              GSIZE_TO_POINTER ((gsize)sqlite3_column_int64 (children, 0)));
          sqlite3_reset (children);
        }
    }
  else
    return;
  g_array_append_val (changed, slot);
}

/* Takes the changed slots out of each order and puts back those still live in place. */
static void
patch_orders (Index  *self,
              Table  *table,
              GArray *changed)
{
  for (int g = 0; g < N_GROUPS; g++)
    for (int s = 0; s < N_SORTS; s++)
      {
        GArray *order = table->orders[g][s];
        OrderContext context = { self, table, g, s };
        guint kept = 0;

        if (order == NULL)
          continue;
        for (guint i = 0; i < order->len; i++)
          {
            guint32 slot = g_array_index (order, guint32, i);

            if (!row_at (table, slot)->moving)
              g_array_index (order, guint32, kept++) = slot;
          }
        g_array_set_size (order, kept);
        for (guint i = 0; i < changed->len; i++)
          {
            guint32 slot = g_array_index (changed, guint32, i);
            guint low = 0, high = order->len;

            if (!row_at (table, slot)->live)
              continue;
            while (low < high)
              {
                guint middle = (low + high) / 2;

                if (compare_rows (&g_array_index (order, guint32, middle), &slot, &context) < 0)
                  low = middle + 1;
                else
                  high = middle;
              }
            g_array_insert_val (order, low, slot);
          }
      }
  for (guint i = 0; i < changed->len; i++)
    row_at (table, g_array_index (changed, guint32, i))->moving = FALSE;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  return CMP (*(const guint32 *)a, *(const guint32 *)b);
}

static void
sync_table (Index *self,
            Table *table)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree gpointer *ids = NULL;
  guint n;

  if (g_hash_table_size (table->dirty) == 0)
    return;
  forget_texts (table);
  ids = g_hash_table_get_keys_as_array (table->dirty, &n);
  g_hash_table_remove_all (table->dirty);
  for (guint i = 0; i < n && !table->stale; i++)
    reread (self, table, (gint64)GPOINTER_TO_SIZE (ids[i]), changed);
  if (table->stale)
    return;
  /* A slot freed and taken again in the same sync is there twice. */
  g_array_sort (changed, compare_slots);
  for (guint i = 1; i < changed->len;)
    if (g_array_index (changed, guint32, i) == g_array_index (changed, guint32, i - 1))
      g_array_remove_index (changed, i);
    else
      i++;
  patch_orders (self, table, changed);
}

/* Whether another connection (carnet-cli while the app runs) committed since the last
 * sync: the update hook sees only this one's changes, and the index is then read again. */
static gboolean
others_wrote (Index *self)
{
  sqlite3_stmt *stmt = carnet_db_prepare (self->db, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  return TRUE;
}

/* Brings the index up to date with what was written since the last query. */
static void
index_sync (Index *self)
{
  if (others_wrote (self))
    {
      self->actions.stale = TRUE;
      self->projects.stale = TRUE;
      self->themes_dirty = TRUE;
    }
  if (self->themes_dirty)
    {
      read_themes (self, carnet_db_get_handle (self->db));
      for (guint t = 0; t < 2; t++)
        {
          Table *table = t == 0 ? &self->actions : &self->projects;

          for (guint i = 0; i < table->rows->len; i++)
            {
              Row *row = row_at (table, i);

              if (row->live)
                row->theme_slot = theme_slot_of (self, row->theme);
            }
          drop_orders (table, TRUE, CARNET_GROUP_THEME);
        }
    }
  if (!self->projects.stale)
    sync_table (self, &self->projects);
  if (!self->projects.stale && !self->actions.stale)
    sync_table (self, &self->actions);
  if (self->projects.stale || self->actions.stale)
    rebuild (self);
}

static void
on_update (void          *data,
           int            operation,
           const char    *database,
           const char    *table_name,
           sqlite3_int64  id)
{
  Index *self = data;
  Table *table;

  if (strcmp (database, "main") != 0)
    return;
  if (strcmp (table_name, "themes") == 0)
    {
      self->themes_dirty = TRUE;
      return;
    }
  if (strcmp (table_name, "actions") == 0)
    table = &self->actions;
  else if (strcmp (table_name, "projects") == 0)
    table = &self->projects;
  else
    return;
  if (table->stale)
    return;
  g_hash_table_add (table->dirty, GSIZE_TO_POINTER ((gsize)id));
  if (g_hash_table_size (table->dirty) > MAX (PATCH_LIMIT, table->n_live / 8))
    {
      table->stale = TRUE;
      g_hash_table_remove_all (table->dirty);
    }
}

/* Life */

static void
init_table (Table      *table,
            const char *name)
{
  table->name = name;
  table->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  table->free_slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  table->slot_of = g_array_new (FALSE, TRUE, sizeof (guint32));
  table->far_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  table->dirty = g_hash_table_new (NULL, NULL);
  table->stale = TRUE;
  g_queue_init (&table->texts);
}

static void
free_table (Table *table)
{
  clear_table (table);
  g_array_unref (table->rows);
  g_array_unref (table->free_slots);
  g_array_unref (table->slot_of);
  g_hash_table_unref (table->far_slots);
  g_hash_table_unref (table->dirty);
}

static void load_free (Load *load);

/* An index over no connection (a thread's, for now), or over @db's. */
static Index *
index_new (CarnetDb *db)
{
  Index *self = g_new0 (Index, 1);

  self->db = db != NULL ? g_object_ref (db) : NULL;
  self->chunk = g_string_chunk_new (1024 * 1024);
  self->themes = g_array_new (FALSE, FALSE, sizeof (Theme));
  /* By the text of the UUID: the keys are interned, an action's project_uuid is not. */
  self->project_slots = g_hash_table_new (g_str_hash, g_str_equal);
  self->data_version = -1;
  init_table (&self->actions, "actions");
  init_table (&self->projects, "projects");
  return self;
}

static void
index_free (gpointer data)
{
  Index *self = data;

  g_clear_pointer (&self->loading, load_free);
  if (self->db != NULL)
    sqlite3_update_hook (carnet_db_get_handle (self->db), NULL, NULL);
  free_table (&self->actions);
  free_table (&self->projects);
  g_array_unref (self->themes);
  g_hash_table_unref (self->project_slots);
  g_string_chunk_free (self->chunk);
  g_clear_object (&self->db);
  g_free (self);
}

/* The index of @store, made at its first query. It owns the update hook of the store's
 * connection, and a reference to it, so that the hook goes before the connection does. */
static Index *
get_index (CarnetStore *store)
{
  Index *self = g_object_get_data (G_OBJECT (store), "carnet-fiche-index");

  if (self != NULL)
    return self;
  self = index_new (carnet_store_get_db (store));
  sqlite3_update_hook (carnet_db_get_handle (self->db), on_update, self);
  g_object_set_data_full (G_OBJECT (store), "carnet-fiche-index", self, index_free);
  return self;
}

/* Queries */

static GArray *
get_order (Index       *self,
           Table       *table,
           CarnetGroup  group,
           CarnetSort   sort)
{
  OrderContext context = { self, table, group, sort };
  GArray *order;

  if (table->orders[group][sort] != NULL)
    return table->orders[group][sort];
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), table->n_live);
  for (guint32 slot = 0; slot < table->rows->len; slot++)
    if (row_at (table, slot)->live)
      g_array_append_val (order, slot);
  g_sort_array (order->data, order->len, sizeof (guint32), compare_rows, &context);
  table->orders[group][sort] = order;
  return order;
}

/* The rows whose full text matches @query, as a bit set by id; the last few are kept. */
static const TextHits *
get_text_hits (Index      *self,
               Table      *table,
               const char *query)
{
  g_autofree char *sql = NULL;
  g_autoptr(GByteArray) bits = g_byte_array_new ();
  sqlite3_stmt *stmt;
  TextHits *hits;
  int rc;

  for (GList *l = table->texts.head; l != NULL; l = l->next)
    {
      hits = l->data;
      if (strcmp (hits->query, query) == 0)
        {
          g_queue_unlink (&table->texts, l);
          g_queue_push_head_link (&table->texts, l);
          return hits;
        }
    }

  sql = g_strdup_printf ("SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?", table->name, table->name);
  stmt = carnet_db_prepare (self->db, g_intern_string (sql), NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gsize byte = (gsize)id / 8;

      if (id < 0)
        continue;
      if (byte >= bits->len)
        {
          gsize old = bits->len;

          g_byte_array_set_size (bits, MAX (byte + 1, bits->len * 2));
          memset (bits->data + old, 0, bits->len - old);
        }
      bits->data[byte] |= 1u << (id % 8);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  hits = g_new0 (TextHits, 1);
  hits->query = g_strdup (query);
  hits->n_bytes = bits->len;
  hits->bits = g_byte_array_steal (bits, NULL);
  g_queue_push_head (&table->texts, hits);
  if (table->texts.length > TEXT_CACHE_SIZE)
    {
      TextHits *oldest = g_queue_pop_tail (&table->texts);

      g_free (oldest->query);
      g_free (oldest->bits);
      g_free (oldest);
    }
  return hits;
}

static gboolean
has_bit (const TextHits *hits,
         gint64          id)
{
  gsize byte = (gsize)id / 8;

  return id >= 0 && byte < hits->n_bytes && (hits->bits[byte] & (1u << (id % 8))) != 0;
}

/* Reading in a thread
 *
 * A national database's lists take a third of a second to read and sort: the window does
 * not wait for them. A thread reads them on a connection of its own, in one transaction,
 * while the store's connection goes on; whatever that connection writes meanwhile is named
 * by the update hook as usual, and read again once the thread's tables are taken in. A
 * query made before then waits for the thread. */

/* Waits for the thread to be done with @load. */
static void
load_wait (Load *load)
{
  g_mutex_lock (&load->mutex);
  while (!load->done)
    g_cond_wait (&load->cond, &load->mutex);
  g_mutex_unlock (&load->mutex);
}

static void
load_free (Load *load)
{
  load_wait (load);
  for (guint i = 0; i < load->waiting->len; i++)
    g_task_return_new_error (load->waiting->pdata[i], G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The store was closed");
  g_ptr_array_unref (load->waiting);
  index_free (load->staging);
  g_free (load->path);
  g_mutex_clear (&load->mutex);
  g_cond_clear (&load->cond);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  sqlite3 *handle = NULL;
  gboolean ok = FALSE;

  /* One read transaction: the projects and the actions of the same moment. */
  if (sqlite3_open_v2 (load->path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
    {
      ok = load_tables (load->staging, handle);
      sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
    }
  sqlite3_close (handle);
  if (ok && load->order_table != NULL)
    get_order (load->staging, load->order_table, load->order_group, load->order_sort);

  /* The load is not touched after this: the store's thread may free it at once. */
  g_mutex_lock (&load->mutex);
  load->ok = ok;
  load->done = TRUE;
  g_cond_signal (&load->cond);
  g_mutex_unlock (&load->mutex);
  g_task_return_boolean (task, TRUE);
}

static void
swap_tables (Table *a,
             Table *b)
{
  Table saved = *a;

  a->rows = b->rows;
  a->free_slots = b->free_slots;
  a->slot_of = b->slot_of;
  a->far_slots = b->far_slots;
  a->n_live = b->n_live;
  memcpy (a->orders, b->orders, sizeof a->orders);
  b->rows = saved.rows;
  b->free_slots = saved.free_slots;
  b->slot_of = saved.slot_of;
  b->far_slots = saved.far_slots;
  b->n_live = saved.n_live;
  memcpy (b->orders, saved.orders, sizeof b->orders);
}

/* Waits for the thread, and takes its tables in; what was written meanwhile stays marked to
 * be read again. */
static void
take_load (Index *self)
{
  Load *load = g_steal_pointer (&self->loading);
  GPtrArray *waiting;

  load_wait (load);
  if (load->ok)
    {
      Index *staging = load->staging;

      swap_tables (&self->actions, &staging->actions);
      swap_tables (&self->projects, &staging->projects);
      forget_texts (&self->actions);
      forget_texts (&self->projects);
      SWAP_POINTERS (self->chunk, staging->chunk);
      SWAP_POINTERS (self->themes, staging->themes);
      SWAP_POINTERS (self->project_slots, staging->project_slots);
      g_debug ("Indexed %u projects and %u actions in a thread",
               self->projects.n_live, self->actions.n_live);
    }
  else
    {
      self->actions.stale = TRUE;
      self->projects.stale = TRUE;
    }

  waiting = g_steal_pointer (&load->waiting);
  load->waiting = g_ptr_array_new ();
  load_free (load);
  for (guint i = 0; i < waiting->len; i++)
    g_task_return_boolean (waiting->pdata[i], TRUE);
  g_ptr_array_unref (waiting);
}

/* The thread is done: its tables are taken in, unless a query already took them. */
static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Index *self = g_object_get_data (source, "carnet-fiche-index");

  if (self != NULL && self->loading != NULL &&
      self->loading == g_task_get_task_data (G_TASK (result)))
    take_load (self);
}

static gboolean
index_is_off (CarnetStore *store)
{
  return g_object_get_data (G_OBJECT (store), "carnet-fiche-index-off") != NULL;
}

/* Below this many rows, the lists are read at the first query: a few milliseconds. */
#define SMALL_ROWS 5000

static gboolean
is_small (CarnetStore *store)
{
  gpointer threshold = g_object_get_data (G_OBJECT (store), "carnet-fiche-index-small");
  sqlite3_stmt *stmt = carnet_db_prepare (carnet_store_get_db (store),
                                          "SELECT (SELECT coalesce (max (id), 0) FROM actions) +"
                                          " (SELECT coalesce (max (id), 0) FROM projects)", NULL);
  gint64 rows = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    rows = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return rows < (threshold != NULL ? GPOINTER_TO_INT (threshold) - 1 : SMALL_ROWS);
}

/**
 * _carnet_fiche_index_is_ready:
 *
 * Returns: whether the index answers at once: it is read, or would be in a moment
 */
gboolean
_carnet_fiche_index_is_ready (CarnetStore *store)
{
  Index *self;

  g_return_val_if_fail (CARNET_IS_STORE (store), TRUE);

  if (index_is_off (store))
    return TRUE;
  self = g_object_get_data (G_OBJECT (store), "carnet-fiche-index");
  if (self != NULL && self->loading != NULL)
    return FALSE;
  if (self != NULL && !self->actions.stale && !self->projects.stale)
    return TRUE;
  return is_small (store);
}

/**
 * _carnet_fiche_index_prepare:
 * @task: returned once @spec can be answered at once
 *
 * Reads the index in a thread if it is not, and sorts the order @spec needs there too.
 */
void
_carnet_fiche_index_prepare (CarnetStore           *store,
                             const CarnetQuerySpec *spec,
                             GTask                 *task)
{
  Index *self;
  const char *path = carnet_db_get_path (carnet_store_get_db (store));
  g_autoptr(GTask) thread_task = NULL;
  Load *load;

  if (_carnet_fiche_index_is_ready (store))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  self = get_index (store);
  if (self->loading != NULL)
    {
      g_ptr_array_add (self->loading->waiting, g_object_ref (task));
      return;
    }
  /* A database in memory has no second connection: read here. */
  if (path == NULL || *path == '\0' || strcmp (path, ":memory:") == 0)
    {
      index_sync (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  load = g_new0 (Load, 1);
  load->staging = index_new (NULL);
  load->path = g_strdup (path);
  load->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (load->waiting, g_object_ref (task));
  if ((guint)spec->group < N_GROUPS && (guint)spec->sort < N_SORTS)
    {
      gboolean actions = spec->type == CARNET_TYPE_ACTION;

      load->order_table = actions ? &load->staging->actions : &load->staging->projects;
      load->order_group = spec->group == CARNET_GROUP_PROJECT && !actions ? CARNET_GROUP_NONE
                                                                          : spec->group;
      load->order_sort = spec->sort;
    }
  g_mutex_init (&load->mutex);
  g_cond_init (&load->cond);

  /* From now, the hook names what this connection writes; other connections' commits are
   * counted from here too. */
  others_wrote (self);
  g_hash_table_remove_all (self->actions.dirty);
  g_hash_table_remove_all (self->projects.dirty);
  self->actions.stale = FALSE;
  self->projects.stale = FALSE;
  self->themes_dirty = FALSE;
  self->loading = load;

  thread_task = g_task_new (store, NULL, on_load_done, NULL);
  g_task_set_source_tag (thread_task, _carnet_fiche_index_prepare);
  g_task_set_task_data (thread_task, load, NULL);
  g_task_run_in_thread (thread_task, load_in_thread);
}

/**
 * _carnet_fiche_index_evaluate:
 * @ids: (out): the ids of the rows, in order
 * @keys: (out): their section keys (interned), or %NULL when the query does not group
 *
 * Answers @spec from the index, as carnet_store_query()'s SQL would.
 *
 * Returns: %FALSE when it cannot (a full-text query SQLite refuses): the caller asks SQLite
 */
gboolean
_carnet_fiche_index_evaluate (CarnetStore           *store,
                              const CarnetQuerySpec *spec,
                              GArray               **ids,
                              GPtrArray            **keys)
{
  Index *self;
  gboolean actions = spec->type == CARNET_TYPE_ACTION;
  Table *table;
  CarnetGroup group = spec->group;
  const char *commune = spec->commune != NULL ? g_intern_string (spec->commune) : NULL;
  const char *project = spec->project != NULL && actions ? g_intern_string (spec->project) : NULL;
  const char *theme = spec->theme != NULL ? g_intern_string (spec->theme) : NULL;
  const char *status = spec->status != NULL ? g_intern_string (spec->status) : NULL;
  const char *due_from = spec->due_from != NULL ? spec->due_from : "";
  const char *due_to = spec->due_to != NULL ? spec->due_to : "9999";
  const char *no_theme = g_intern_static_string ("");
  const TextHits *hits = NULL;
  GArray *order;
  gint64 *out;
  guint n = 0;

  g_return_val_if_fail (CARNET_IS_STORE (store), FALSE);
  g_return_val_if_fail (spec->type == CARNET_TYPE_ACTION || spec->type == CARNET_TYPE_PROJECT,
                        FALSE);

  if (index_is_off (store))
    return FALSE;

  /* Projects are not grouped by project. */
  if (group == CARNET_GROUP_PROJECT && !actions)
    group = CARNET_GROUP_NONE;
  if ((guint)group >= N_GROUPS || (guint)spec->sort >= N_SORTS)
    return FALSE;

  self = get_index (store);
  table = actions ? &self->actions : &self->projects;
  if (self->loading != NULL)
    take_load (self);
  index_sync (self);
  if (spec->text != NULL && (hits = get_text_hits (self, table, spec->text)) == NULL)
    return FALSE;
  order = get_order (self, table, group, spec->sort);

  *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), order->len);
  *keys = group != CARNET_GROUP_NONE ? g_ptr_array_sized_new (order->len) : NULL;
  out = (gint64 *)(gpointer)(*ids)->data;
  for (guint i = 0; i < order->len; i++)
    {
      const Row *row = row_at (table, g_array_index (order, guint32, i));
      const Row *parent = actions ? row_at (&self->projects, row->project) : row;

      if ((commune != NULL && parent->commune != commune) ||
          (project != NULL && parent->uuid != project) ||
          (theme != NULL && row->theme != theme) ||
          (status != NULL && row->status != status))
        continue;
      if (spec->overdue_on != NULL &&
          (row->end[0] == '\0' || strcmp (row->end, spec->overdue_on) >= 0 || row->closed))
        continue;
      if (spec->due &&
          (row->end[0] == '\0' || strcmp (row->end, due_from) < 0 || strcmp (row->end, due_to) > 0 ||
           row->closed))
        continue;
      if (hits != NULL && !has_bit (hits, row->id))
        continue;

      out[n++] = row->id;
      if (group == CARNET_GROUP_PROJECT)
        g_ptr_array_add (*keys, (gpointer)parent->uuid);
      else if (group == CARNET_GROUP_THEME)
        g_ptr_array_add (*keys, (gpointer)(row->theme_slot >= 0
                                           ? g_array_index (self->themes, Theme, row->theme_slot).uuid
                                           : no_theme));
    }
  /* The ids were written in place: the array was made big enough for every row. */
  g_array_set_size (*ids, n);
  return TRUE;
}

/* For the tests: whether carnet_store_query() lists use the index, or SQLite alone. */
void
_carnet_fiche_index_set_enabled (CarnetStore *store,
                                 gboolean     enabled)
{
  g_return_if_fail (CARNET_IS_STORE (store));

  g_object_set_data (G_OBJECT (store), "carnet-fiche-index-off",
                     enabled ? NULL : GINT_TO_POINTER (1));
}

/* For the tests: below how many rows the index is read at the first query, not in a thread. */
void
_carnet_fiche_index_set_small (CarnetStore *store,
                               guint        rows)
{
  g_return_if_fail (CARNET_IS_STORE (store));

  g_object_set_data (G_OBJECT (store), "carnet-fiche-index-small", GINT_TO_POINTER (rows + 1));
}
