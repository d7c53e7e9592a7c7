/* carnet-report-draw.c
 *
 * Copyright 2026 The Carnet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "carnet-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include "carnet-report-private.h"

/* Text and drawing. Text is measured with a Pango context of our own, at 72 dpi (a unit is
 * a point) and without hinting, so that a layout measures the same on a PDF, on a printer's
 * context and on the screen: pages are laid out once and drawn anywhere. */

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

static const struct
{
  double size;
  int    weight;
} styles[N_STYLES] = {
  [STYLE_BODY] = { 9.5, PANGO_WEIGHT_NORMAL },
  [STYLE_SMALL] = { 7.5, PANGO_WEIGHT_NORMAL },
  [STYLE_CELL] = { 8.5, PANGO_WEIGHT_NORMAL },
  [STYLE_CELL_BOLD] = { 8.5, PANGO_WEIGHT_BOLD },
  [STYLE_CELL_SMALL] = { 7.2, PANGO_WEIGHT_NORMAL },
  [STYLE_HEADER] = { 7.5, PANGO_WEIGHT_BOLD },
  [STYLE_H1] = { 19, PANGO_WEIGHT_BOLD },
  [STYLE_H2] = { 12.5, PANGO_WEIGHT_BOLD },
  [STYLE_H3] = { 10, PANGO_WEIGHT_BOLD },
  [STYLE_TITLE] = { 27, PANGO_WEIGHT_BOLD },
  [STYLE_SUBTITLE] = { 16, PANGO_WEIGHT_NORMAL },
  [STYLE_KICKER] = { 8, PANGO_WEIGHT_BOLD },
  [STYLE_FIGURE] = { 17, PANGO_WEIGHT_BOLD },
  [STYLE_PAGE] = { 7.5, PANGO_WEIGHT_NORMAL },
};

void
_carnet_report_init_styles (CarnetReport *self)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->pango = pango_font_map_create_context (map);
  pango_cairo_context_set_resolution (self->pango, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  pango_context_set_language (self->pango, pango_language_from_string ("fr-FR"));

  self->heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->kicker_attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->kicker_attrs, pango_attr_letter_spacing_new (PANGO_SCALE * 1.2));
  for (guint i = 0; i < N_STYLES; i++)
    {
      self->fonts[i] = pango_font_description_from_string (FONT_FAMILY);
      pango_font_description_set_size (self->fonts[i], (int)(styles[i].size * PANGO_SCALE));
      pango_font_description_set_weight (self->fonts[i], styles[i].weight);
    }
}

/* Text as people typed it may hold tabs and carriage returns: on paper they are a space and
 * a line break, and none is shown at either end. */
static char *
clean_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "\r\n", "\n", 0);
  g_string_replace (out, "\r", "\n", 0);
  g_string_replace (out, "\t", " ", 0);
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

static void
configure_layout (CarnetReport *self,
                  PangoLayout  *layout,
                  ReportStyle   style,
                  guint8        align,
                  double        width,
                  const char   *text)
{
  static const PangoAlignment alignments[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
  };

  pango_layout_set_font_description (layout, self->fonts[style]);
  if (text != NULL && strpbrk (text, "\t\r") != NULL)
    {
      g_autofree char *clean = clean_text (text);

      pango_layout_set_text (layout, clean, -1);
    }
  else
    pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignments[align & ALIGN_MASK]);
  pango_layout_set_ellipsize (layout, (align & ONE_LINE) ? PANGO_ELLIPSIZE_END
                                                         : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, align & ONE_LINE ? 0 : -1);
  pango_layout_set_attributes (layout, style == STYLE_KICKER ? self->kicker_attrs : NULL);
}

/**
 * _carnet_report_measure:
 * @width: the width to wrap the text to, or -1 for one line
 * @text_width: (out) (optional): the text's width
 *
 * Returns: the text's height, in points
 */
double
_carnet_report_measure (CarnetReport *self,
                        ReportStyle   style,
                        guint8        align,
                        double        width,
                        const char   *text,
                        double       *text_width)
{
  g_autofree char *key = NULL;
  gpointer cached;
  int w, h;

  /* Pagination measures the same texts again and again (a row's cells, then each cell as
   * it is placed; statuses, dates, names): a text is shaped once for a given width. */
  if (text_width == NULL && text != NULL && strlen (text) < 256)
    {
      key = g_strdup_printf ("%u %u %d %s", style, align, (int)(width * 64), text);
      cached = g_hash_table_lookup (self->heights, key);
      if (cached != NULL)
        return (GPOINTER_TO_UINT (cached) - 1) / 1024.0;
    }

  if (self->scratch == NULL)
    self->scratch = pango_layout_new (self->pango);
  configure_layout (self, self->scratch, style, align, width, text);
  pango_layout_get_size (self->scratch, &w, &h);
  if (text_width != NULL)
    *text_width = (double)w / PANGO_SCALE;

  if (key != NULL)
    {
      if (g_hash_table_size (self->heights) > 100000)
        g_hash_table_remove_all (self->heights);
      g_hash_table_insert (self->heights, g_steal_pointer (&key),
                           GUINT_TO_POINTER ((guint)((double)h / PANGO_SCALE * 1024) + 1));
    }
  return (double)h / PANGO_SCALE;
}

double
_carnet_report_text_width (CarnetReport *self,
                           ReportStyle   style,
                           const char   *text)
{
  double width;

  _carnet_report_measure (self, style, ALIGN_LEFT, -1, text, &width);
  return width;
}

static void
set_color (cairo_t *cr,
           guint32  color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_text (CarnetReport   *self,
           cairo_t        *cr,
           const ReportOp *op)
{
  if (self->scratch == NULL)
    self->scratch = pango_layout_new (self->pango);
  configure_layout (self, self->scratch, op->style, op->align, op->w, op->text);
  set_color (cr, op->color);
  cairo_move_to (cr, op->x, op->y);
  pango_cairo_show_layout (cr, self->scratch);
}

static void
draw_hatch (cairo_t        *cr,
            const ReportOp *op)
{
  cairo_save (cr);
  cairo_rectangle (cr, op->x, op->y, op->w, op->h);
  cairo_clip (cr);
  set_color (cr, op->color);
  cairo_set_line_width (cr, 0.7);
  for (double x = op->x - op->h; x < op->x + op->w; x += 3.2)
    {
      cairo_move_to (cr, x, op->y + op->h);
      cairo_line_to (cr, x + op->h, op->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_carnet_report_draw_ops (CarnetReport *self,
                         cairo_t      *cr,
                         GArray       *ops)
{
  for (guint i = 0; i < ops->len; i++)
    {
      const ReportOp *op = &g_array_index (ops, ReportOp, i);

      switch (op->kind)
        {
        case OP_TEXT:
          draw_text (self, cr, op);
          break;
        case OP_RECT:
          set_color (cr, op->color);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;
        case OP_HATCH:
          draw_hatch (cr, op);
          break;
        case OP_LINE:
          set_color (cr, op->color);
          cairo_set_line_width (cr, op->style > 0 ? op->style / 10.0 : 0.5);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->w, op->y + op->h);
          cairo_stroke (cr);
          break;
        case OP_DOT:
          set_color (cr, op->color);
          cairo_new_path (cr);
          cairo_arc (cr, op->x + op->w / 2, op->y + op->h / 2, MIN (op->w, op->h) / 2, 0,
                     2 * G_PI);
          cairo_fill (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
frame_text (CarnetReport *self,
            cairo_t      *cr,
            double        x,
            double        y,
            double        width,
            guint8        align,
            const char   *text)
{
  ReportOp op = { OP_TEXT, STYLE_PAGE, align | ONE_LINE, COLOR_GREY, x, y, width, 0, text };

  draw_text (self, cr, &op);
}

/* The running header (from the second page) and the footer of every page. */
void
_carnet_report_draw_frame (CarnetReport *self,
                           cairo_t      *cr,
                           int           page,
                           int           n_pages,
                           double        width,
                           double        height)
{
  double margin = MIN (56, width * 0.09);
  double inner = width - 2 * margin;
  g_autofree char *number = g_strdup_printf ("Page %d sur %d", page + 1, n_pages);
  g_autofree char *today = carnet_format_date_fr (self->today);
  g_autofree char *made = g_strdup_printf ("Établi le %s avec Carnet", today);
  double foot = height - MIN (34, height * 0.045);

  if (page > 0)
    {
      double head = MIN (28, height * 0.035);

      frame_text (self, cr, margin, head, inner * 0.6, ALIGN_LEFT,
                  "Petites villes de demain — Synthèse de l’avancement");
      frame_text (self, cr, margin + inner * 0.4, head, inner * 0.6, ALIGN_RIGHT, self->title);
      set_color (cr, COLOR_RULE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, margin, head + 13);
      cairo_line_to (cr, width - margin, head + 13);
      cairo_stroke (cr);
    }

  set_color (cr, COLOR_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, margin, foot - 5);
  cairo_line_to (cr, width - margin, foot - 5);
  cairo_stroke (cr);
  frame_text (self, cr, margin, foot, inner * 0.7, ALIGN_LEFT, made);
  frame_text (self, cr, margin + inner * 0.5, foot, inner * 0.5, ALIGN_RIGHT, number);
}
