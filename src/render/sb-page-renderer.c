/* sb-page-renderer.c: lays a document out onto pages with Pango and cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-page-renderer"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
# include <langinfo.h>
#endif

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sb-document-private.h"
#include "sb-page-renderer.h"

/* Layout works in points: the renderer's Pango context has a resolution of
 * 72 dpi and no metric hinting, so a document breaks into the same lines
 * and pages on a PDF surface, a printer or the screen. Pagination turns
 * every block into rows (one visual line each, with the marker or label
 * drawn beside it), then places rows down the page: a heading stays with
 * the first lines of what follows, a paragraph breaks between lines and
 * leaves neither one line alone at the foot of a page nor one at the top
 * of the next.
 */

#define FONT_FAMILY "Cantarell,Sans"

#define COLOR_TEXT   0x241f31
#define COLOR_STRONG 0x000000
#define COLOR_ACCENT 0x1a5fb4
#define COLOR_MUTED  0x6f6d73
#define COLOR_RULE   0xc0bfbc
#define COLOR_BAR    0x99c1f1

#define BODY_SIZE       10.5
#define LIST_INDENT     20.0
#define QUOTE_INDENT    14.0
#define LABEL_GAP       8.0
#define FOOTER_SIZE     8.0
/* The smallest a document asked on one page is drawn at */
#define MIN_SCALE_PERCENT 60

typedef enum
{
  PART_LINE,
  PART_HRULE,
  PART_VBAR,
} PartKind;

/* Something drawn on a row: a line of a layout, or a rule. */
typedef struct
{
  PartKind     kind;
  guint32      color;
  /* LINE: layout and line index; TRUE for the text of the document (not
   * a list marker), which the page text reports
   */
  PangoLayout *layout;
  int          line;
  gboolean     content;
  /* relative to the text column's left edge */
  double       x;
  /* HRULE, VBAR */
  double       width;
} Part;

typedef struct
{
  double height;
  /* from the row's top */
  double baseline;
  /* extra space above the row when it is not the first on its page */
  double space_before;
  Part   parts[2];
  guint  n_parts;
} Row;

typedef struct
{
  GArray   *rows;
  double    space_before;
  double    space_after;
  /* never the last thing on a page */
  gboolean  keep_with_next;
  gboolean  page_break;
} Unit;

/* A part placed on a page. */
typedef struct
{
  Part   part;
  guint  page;
  /* LINE: the baseline's left end; HRULE: the line's middle; VBAR: the top */
  double x;
  double y;
  double height;
} Placed;

typedef struct
{
  guint  page;
  double y;
  gboolean placed;
} BlockPosition;

typedef struct
{
  const char *family;
  double      size;
  PangoWeight weight;
  PangoStyle  style;
  guint32     color;
  float       line_spacing;
  double      before;
  double      after;
} Style;

static const Style style_title = { FONT_FAMILY, 24, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_STRONG, 1.1f, 0, 4 };
static const Style style_subtitle = { FONT_FAMILY, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 1.2f, 0, 0 };
static const Style style_h1 = { FONT_FAMILY, 17, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_ACCENT, 1.1f, 26, 6 };
static const Style style_h2 = { FONT_FAMILY, 12.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_STRONG, 1.15f, 18, 5 };
static const Style style_h3 = { FONT_FAMILY, 11, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_STRONG, 1.15f, 12, 3 };
static const Style style_body = { FONT_FAMILY, BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_TEXT, 1.3f, 4, 6 };
static const Style style_quote = { FONT_FAMILY, BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, COLOR_TEXT, 1.3f, 4, 10 };
static const Style style_line = { FONT_FAMILY, 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_TEXT, 1.25f, 0, 1 };
static const Style style_meta = { FONT_FAMILY, 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 1.2f, 2, 6 };
static const Style style_footer = { FONT_FAMILY, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 1.0f, 0, 0 };

struct _SbPageRenderer
{
  GObject       parent_instance;

  SbDocument   *document;
  double        width;
  double        height;
  double        margin_top;
  double        margin_right;
  double        margin_bottom;
  double        margin_left;

  PangoContext *context;
  /* Placed, in page order; empty until paginated */
  GArray       *placed;
  /* index into @placed of each page's first part, plus one past the end */
  GArray       *page_starts;
  /* BlockPosition, one per block */
  GArray       *blocks;
  guint         n_pages;
  gboolean      paginated;
  /* what the pages are drawn at: below 1 for a document asked on one page */
  double        scale;
};

G_DEFINE_FINAL_TYPE (SbPageRenderer, sb_page_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_placed (SbPageRenderer *self)
{
  for (guint i = 0; i < self->placed->len; i++)
    g_clear_object (&g_array_index (self->placed, Placed, i).part.layout);
  g_array_set_size (self->placed, 0);
  g_array_set_size (self->page_starts, 0);
  g_array_set_size (self->blocks, 0);
  self->n_pages = 0;
  self->paginated = FALSE;
}

static void
sb_page_renderer_dispose (GObject *object)
{
  SbPageRenderer *self = (SbPageRenderer *)object;

  if (self->placed != NULL)
    clear_placed (self);
  g_clear_object (&self->context);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sb_page_renderer_parent_class)->dispose (object);
}

static void
sb_page_renderer_finalize (GObject *object)
{
  SbPageRenderer *self = (SbPageRenderer *)object;

  g_clear_pointer (&self->placed, g_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);

  G_OBJECT_CLASS (sb_page_renderer_parent_class)->finalize (object);
}

static void
sb_page_renderer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbPageRenderer *self = SB_PAGE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_double (value, self->height);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_page_renderer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbPageRenderer *self = SB_PAGE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_WIDTH:
      self->width = g_value_get_double (value);
      break;

    case PROP_HEIGHT:
      self->height = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_page_renderer_class_init (SbPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_page_renderer_dispose;
  object_class->finalize = sb_page_renderer_finalize;
  object_class->get_property = sb_page_renderer_get_property;
  object_class->set_property = sb_page_renderer_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SB_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SbPageRenderer:width:
   *
   * The page's width in points (cairo user units).
   */
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL,
                         72.0, G_MAXDOUBLE, SB_PAGE_A4_WIDTH,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", NULL, NULL,
                         72.0, G_MAXDOUBLE, SB_PAGE_A4_HEIGHT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_page_renderer_init (SbPageRenderer *self)
{
  self->margin_top = 64;
  self->margin_right = 68;
  self->margin_bottom = 72;
  self->margin_left = 68;
  self->scale = 1.0;
  self->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->blocks = g_array_new (FALSE, TRUE, sizeof (BlockPosition));
}

/**
 * sb_page_renderer_new:
 * @document: what to lay out
 * @width: the page's width in points, at least 72
 * @height: the page's height in points, at least 72
 *
 * For print, pass the print context's width and height with the print
 * operation's unit set to %GTK_UNIT_POINTS.
 *
 * Returns: (transfer full): a renderer
 */
SbPageRenderer *
sb_page_renderer_new (SbDocument *document,
                      double      width,
                      double      height)
{
  g_return_val_if_fail (SB_IS_DOCUMENT (document), NULL);

  return g_object_new (SB_TYPE_PAGE_RENDERER,
                       "document", document,
                       "width", MAX (width, 72.0),
                       "height", MAX (height, 72.0),
                       NULL);
}

SbDocument *
sb_page_renderer_get_document (SbPageRenderer *self)
{
  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), NULL);
  return self->document;
}

double
sb_page_renderer_get_width (SbPageRenderer *self)
{
  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), 0);
  return self->width;
}

double
sb_page_renderer_get_height (SbPageRenderer *self)
{
  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), 0);
  return self->height;
}

/**
 * sb_page_renderer_set_margins:
 *
 * Sets the margins in points (the defaults are about 23 mm at the sides,
 * 25 mm at the foot, where the page numbers go). Pages are laid out again
 * on the next call that needs them. Margins that leave less than a
 * quarter of the page for text are reduced.
 */
void
sb_page_renderer_set_margins (SbPageRenderer *self,
                              double          top,
                              double          right,
                              double          bottom,
                              double          left)
{
  double scale_x = 1.0, scale_y = 1.0;

  g_return_if_fail (SB_IS_PAGE_RENDERER (self));

  top = MAX (top, 0);
  right = MAX (right, 0);
  bottom = MAX (bottom, 0);
  left = MAX (left, 0);

  if (left + right > self->width * 0.75)
    scale_x = self->width * 0.75 / (left + right);
  if (top + bottom > self->height * 0.75)
    scale_y = self->height * 0.75 / (top + bottom);

  self->margin_top = top * scale_y;
  self->margin_right = right * scale_x;
  self->margin_bottom = bottom * scale_y;
  self->margin_left = left * scale_x;

  clear_placed (self);
}

static void
ensure_context (SbPageRenderer *self)
{
  cairo_font_options_t *options;

  if (self->context != NULL)
    return;

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);

  /* Lines must break the same way on every surface. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

static PangoLayout *
make_layout (SbPageRenderer *self,
             const Style    *style,
             const char     *text,
             double          width)
{
  PangoFontDescription *font;
  PangoLayout *layout;

  layout = pango_layout_new (self->context);
  font = pango_font_description_new ();
  pango_font_description_set_family_static (font, style->family);
  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->weight);
  pango_font_description_set_style (font, style->style);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, style->line_spacing);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
bold_prefix (PangoLayout *layout,
             gsize        length)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = length;
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static Unit *
unit_new (const Style *style)
{
  Unit *unit = g_new0 (Unit, 1);

  unit->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  unit->space_before = style ? style->before : 0;
  unit->space_after = style ? style->after : 0;
  return unit;
}

static void
unit_free (Unit *unit)
{
  for (guint i = 0; i < unit->rows->len; i++)
    {
      Row *row = &g_array_index (unit->rows, Row, i);

      for (guint j = 0; j < row->n_parts; j++)
        g_clear_object (&row->parts[j].layout);
    }
  g_array_unref (unit->rows);
  g_free (unit);
}

/* Where a layout's first line starts, alignment included. */
static double
first_line_x (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;

  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  pango_layout_iter_free (iter);

  return (double) logical.x / PANGO_SCALE;
}

/* Appends one row per line of @layout, drawn at @x; the first row gets
 * @space_before and, when @marker is given, @marker beside it at @marker_x.
 */
static void
add_layout_rows (Unit        *unit,
                 PangoLayout *layout,
                 guint32      color,
                 double       x,
                 double       space_before,
                 PangoLayout *marker,
                 double       marker_x,
                 double       bar_x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int index = 0;

  do
    {
      Row row = { 0, };
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      row.height = (double) (y1 - y0) / PANGO_SCALE;
      row.baseline = (double) (pango_layout_iter_get_baseline (iter) - y0) / PANGO_SCALE;
      row.space_before = index == 0 ? space_before : 0;

      /* A marker or label first, so the page text reads in order. */
      if (index == 0 && marker != NULL)
        {
          row.parts[row.n_parts++] = (Part) {
            .kind = PART_LINE,
            .color = color,
            .layout = g_object_ref (marker),
            .line = 0,
            .content = FALSE,
            .x = marker_x + first_line_x (marker),
          };
        }
      else if (bar_x >= 0)
        {
          row.parts[row.n_parts++] = (Part) {
            .kind = PART_VBAR,
            .color = COLOR_BAR,
            .x = bar_x,
            .width = 2.5,
          };
        }

      row.parts[row.n_parts++] = (Part) {
        .kind = PART_LINE,
        .color = color,
        .layout = g_object_ref (layout),
        .line = index,
        .content = TRUE,
        .x = x + (double) logical.x / PANGO_SCALE,
      };

      g_array_append_val (unit->rows, row);
      index++;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
add_rule_row (Unit    *unit,
              double   width,
              double   height,
              guint32  color)
{
  Row row = { 0, };

  row.height = height;
  row.parts[row.n_parts++] = (Part) {
    .kind = PART_HRULE,
    .color = color,
    .width = width,
  };
  g_array_append_val (unit->rows, row);
}

static double
measure_label_column (SbPageRenderer *self)
{
  double widest = 0;
  guint n_blocks = sb_document_get_n_blocks (self->document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const SbBlock *block = _sb_document_get_block (self->document, i);
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle logical;

      if (block->kind != SB_BLOCK_LABELLED_LINE)
        continue;

      layout = make_layout (self, &style_line, block->label, -1);
      bold_prefix (layout, strlen (block->label));
      pango_layout_get_extents (layout, NULL, &logical);
      widest = MAX (widest, (double) logical.width / PANGO_SCALE);
    }

  return widest + LABEL_GAP;
}

static Unit *
build_unit (SbPageRenderer *self,
            const SbBlock  *block,
            double          column,
            double          label_column)
{
  g_autoptr(PangoLayout) layout = NULL;
  Unit *unit = NULL;

  switch (block->kind)
    {
    case SB_BLOCK_TITLE:
      unit = unit_new (&style_title);
      unit->keep_with_next = TRUE;
      layout = make_layout (self, &style_title, block->text, column);
      add_layout_rows (unit, layout, style_title.color, 0, 0, NULL, 0, -1);
      if (block->label != NULL)
        {
          g_autoptr(PangoLayout) subtitle = make_layout (self, &style_subtitle, block->label, column);

          add_layout_rows (unit, subtitle, style_subtitle.color, 0, 4, NULL, 0, -1);
        }
      add_rule_row (unit, column, 20, COLOR_RULE);
      break;

    case SB_BLOCK_HEADING:
      {
        const Style *style = block->level <= 1 ? &style_h1 : block->level == 2 ? &style_h2 : &style_h3;

        unit = unit_new (style);
        unit->keep_with_next = TRUE;
        layout = make_layout (self, style, block->text, column);
        add_layout_rows (unit, layout, style->color, 0, 0, NULL, 0, -1);
      }
      break;

    case SB_BLOCK_PARAGRAPH:
      unit = unit_new (&style_body);
      layout = make_layout (self, &style_body, block->text, column);
      add_layout_rows (unit, layout, style_body.color, 0, 0, NULL, 0, -1);
      break;

    case SB_BLOCK_QUOTE:
      unit = unit_new (&style_quote);
      layout = make_layout (self, &style_quote, block->text, column - QUOTE_INDENT);
      add_layout_rows (unit, layout, style_quote.color, QUOTE_INDENT, 0, NULL, 0, 0);
      break;

    case SB_BLOCK_BULLETS:
    case SB_BLOCK_NUMBERED:
      unit = unit_new (&style_body);
      for (guint i = 0; block->items[i] != NULL; i++)
        {
          g_autoptr(PangoLayout) item = make_layout (self, &style_body, block->items[i], column - LIST_INDENT);
          g_autofree char *number = g_strdup_printf ("%u.", i + 1);
          g_autoptr(PangoLayout) marker = make_layout (self, &style_body,
                                                       block->kind == SB_BLOCK_NUMBERED ? number : "•",
                                                       LIST_INDENT - 6);

          pango_layout_set_alignment (marker, PANGO_ALIGN_RIGHT);
          add_layout_rows (unit, item, style_body.color, LIST_INDENT, i > 0 ? 3 : 0, marker, 0, -1);
        }
      break;

    case SB_BLOCK_LABELLED:
      {
        g_autofree char *text = NULL;

        unit = unit_new (&style_body);
        if (*block->text == '\0')
          {
            text = g_strdup (block->label);
            unit->keep_with_next = TRUE;
            unit->space_after = 3;
          }
        else
          text = g_strconcat (block->label, " ", block->text, NULL);

        layout = make_layout (self, &style_body, text, column);
        bold_prefix (layout, strlen (block->label));
        add_layout_rows (unit, layout, style_body.color, 0, 0, NULL, 0, -1);
      }
      break;

    case SB_BLOCK_LABELLED_LINE:
      {
        g_autoptr(PangoLayout) label = make_layout (self, &style_line, block->label, label_column);
        Row *row;

        unit = unit_new (&style_line);
        layout = make_layout (self, &style_line, block->text, column - label_column);
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_single_paragraph_mode (layout, TRUE);
        bold_prefix (label, strlen (block->label));
        add_layout_rows (unit, layout, style_line.color, label_column, 0, label, 0, -1);
        /* The label is part of the text a reader sees. */
        row = &g_array_index (unit->rows, Row, 0);
        row->parts[0].content = TRUE;
        row->parts[0].color = COLOR_STRONG;
      }
      break;

    case SB_BLOCK_META:
      unit = unit_new (&style_meta);
      layout = make_layout (self, &style_meta, block->text, column);
      add_layout_rows (unit, layout, style_meta.color, 0, 0, NULL, 0, -1);
      break;

    case SB_BLOCK_RULE:
      unit = unit_new (NULL);
      unit->space_before = 6;
      unit->space_after = 6;
      add_rule_row (unit, column, 1, COLOR_RULE);
      break;

    case SB_BLOCK_PAGE_BREAK:
      unit = unit_new (NULL);
      unit->page_break = TRUE;
      break;

    default:
      g_assert_not_reached ();
    }

  return unit;
}

static double
rows_height (const Unit *unit,
             guint       n_rows)
{
  double height = 0;

  n_rows = MIN (n_rows, unit->rows->len);
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = &g_array_index (unit->rows, Row, i);

      height += row->height + (i > 0 ? row->space_before : 0);
    }

  return height;
}

/* The height that must fit on the page before @units[i] starts there: all
 * of a unit kept with the next plus the start of that next one, and at
 * least two lines of anything else.
 */
static double
needed_height (GPtrArray *units,
               guint      i,
               guint      depth)
{
  const Unit *unit = g_ptr_array_index (units, i);
  const Unit *next;
  double height;

  if (!unit->keep_with_next || i + 1 >= units->len || depth > 4)
    return rows_height (unit, 2);

  next = g_ptr_array_index (units, i + 1);
  if (next->page_break)
    return rows_height (unit, G_MAXUINT);

  height = rows_height (unit, G_MAXUINT) + MAX (unit->space_after, next->space_before);
  return height + needed_height (units, i + 1, depth + 1);
}

typedef struct
{
  guint  page;
  double y;
  double top;
  double bottom;
  gboolean page_empty;
} Cursor;

static void
new_page (Cursor *cursor)
{
  cursor->page++;
  cursor->y = cursor->top;
  cursor->page_empty = TRUE;
}

static void
place_row (SbPageRenderer *self,
           Cursor         *cursor,
           const Row      *row)
{
  for (guint j = 0; j < row->n_parts; j++)
    {
      const Part *part = &row->parts[j];
      Placed placed = { 0, };

      placed.part = *part;
      if (part->layout != NULL)
        g_object_ref (part->layout);
      placed.page = cursor->page;
      placed.x = self->margin_left / self->scale + part->x;
      placed.height = row->height;

      switch (part->kind)
        {
        case PART_LINE:
          placed.y = cursor->y + row->baseline;
          break;

        case PART_HRULE:
          placed.y = cursor->y + row->height / 2;
          break;

        case PART_VBAR:
          placed.y = cursor->y;
          break;

        default:
          g_assert_not_reached ();
        }

      g_array_append_val (self->placed, placed);
    }

  cursor->y += row->height;
  cursor->page_empty = FALSE;
}

/* Lays the document out on pages that, drawn at @self->scale, fill the
 * paper with the same margins.
 */
static void
lay_out (SbPageRenderer *self)
{
  g_autoptr(GPtrArray) units = NULL;
  guint n_blocks;
  double column;
  double label_column;
  double previous_after = 0;
  Cursor cursor;

  clear_placed (self);

  column = (self->width - self->margin_left - self->margin_right) / self->scale;
  label_column = MIN (measure_label_column (self), column / 3);
  n_blocks = sb_document_get_n_blocks (self->document);

  units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  for (guint i = 0; i < n_blocks; i++)
    g_ptr_array_add (units, build_unit (self, _sb_document_get_block (self->document, i),
                                        column, label_column));

  g_array_set_size (self->blocks, n_blocks);

  cursor.page = 0;
  cursor.top = self->margin_top / self->scale;
  cursor.bottom = (self->height - self->margin_bottom) / self->scale;
  cursor.y = cursor.top;
  cursor.page_empty = TRUE;

  for (guint i = 0; i < units->len; i++)
    {
      const Unit *unit = g_ptr_array_index (units, i);
      BlockPosition *position = &g_array_index (self->blocks, BlockPosition, i);
      guint n_rows = unit->rows->len;
      double gap;

      if (unit->page_break)
        {
          if (!cursor.page_empty)
            new_page (&cursor);
          previous_after = 0;
          continue;
        }

      gap = cursor.page_empty ? 0 : MAX (previous_after, unit->space_before);
      if (!cursor.page_empty &&
          cursor.y + gap + needed_height (units, i, 0) > cursor.bottom)
        {
          new_page (&cursor);
          gap = 0;
        }
      cursor.y += gap;

      position->page = cursor.page;
      position->y = cursor.y;
      position->placed = TRUE;

      for (guint r = 0; r < n_rows; r++)
        {
          const Row *row = &g_array_index (unit->rows, Row, r);
          double space = cursor.page_empty ? 0 : row->space_before;
          gboolean breaks = FALSE;

          if (!cursor.page_empty && cursor.y + space + row->height > cursor.bottom)
            breaks = TRUE;
          /* No last line alone at the top of the next page: take one more
           * line along, when that leaves at least two behind.
           */
          else if (!cursor.page_empty && r >= 2 && r + 2 == n_rows)
            {
              const Row *last = &g_array_index (unit->rows, Row, r + 1);

              if (cursor.y + space + row->height + last->space_before + last->height > cursor.bottom)
                breaks = TRUE;
            }

          if (breaks)
            {
              new_page (&cursor);
              space = 0;
            }

          cursor.y += space;
          place_row (self, &cursor, row);
        }

      previous_after = unit->space_after;
    }

  self->n_pages = cursor.page + 1;

  /* Index the pages. */
  {
    guint index = 0;

    for (guint page = 0; page <= self->n_pages; page++)
      {
        while (index < self->placed->len &&
               g_array_index (self->placed, Placed, index).page < page)
          index++;
        g_array_append_val (self->page_starts, index);
      }
  }
}

/**
 * sb_page_renderer_paginate:
 *
 * Lays the document out onto pages, unless that was done already. Cheap
 * to call again. Call it in #GtkPrintOperation::begin-print and pass the
 * result to gtk_print_operation_set_n_pages().
 *
 * Returns: the number of pages, at least 1
 */
guint
sb_page_renderer_paginate (SbPageRenderer *self)
{
  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), 0);

  if (self->paginated)
    return self->n_pages;

  ensure_context (self);
  self->scale = 1.0;
  lay_out (self);

  /* Asked on one page and running over: a little smaller, when that is
   * enough, else as large as ever on more pages.
   */
  if (self->n_pages > 1 && sb_document_get_one_page (self->document))
    {
      self->scale = MIN_SCALE_PERCENT / 100.0;
      lay_out (self);
      if (self->n_pages > 1)
        self->scale = 1.0;
      else
        {
          /* It fits: at the largest size that does. */
          for (int percent = 95; percent > MIN_SCALE_PERCENT; percent -= 5)
            {
              self->scale = percent / 100.0;
              lay_out (self);
              if (self->n_pages == 1)
                break;
              self->scale = MIN_SCALE_PERCENT / 100.0;
            }
        }
      lay_out (self);
    }

  self->paginated = TRUE;
  return self->n_pages;
}

/**
 * sb_page_renderer_get_scale:
 *
 * Returns: what the pages are drawn at: 1, or less for a document asked
 *   on one page (sb_document_set_one_page()) that fits only smaller
 */
double
sb_page_renderer_get_scale (SbPageRenderer *self)
{
  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), 1.0);

  sb_page_renderer_paginate (self);
  return self->scale;
}

/**
 * sb_page_renderer_get_n_pages:
 *
 * Returns: the number of pages, paginating first when needed
 */
guint
sb_page_renderer_get_n_pages (SbPageRenderer *self)
{
  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), 0);
  return sb_page_renderer_paginate (self);
}

static void
set_color (cairo_t *cr,
           guint32  color)
{
  cairo_set_source_rgb (cr,
                        ((color >> 16) & 0xff) / 255.0,
                        ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_footer (SbPageRenderer *self,
             cairo_t        *cr,
             guint           page)
{
  double column = self->width - self->margin_left - self->margin_right;
  double baseline = self->height - MIN (self->margin_bottom / 2, 36);
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) right = NULL;
  const char *title = sb_document_get_title (self->document);

  /* Translators: the footer of a printed page */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  right = make_layout (self, &style_footer, number, column);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);

  set_color (cr, style_footer.color);
  cairo_move_to (cr, self->margin_left + first_line_x (right), baseline);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (right, 0));

  if (title != NULL && *title != '\0')
    {
      g_autoptr(PangoLayout) left = make_layout (self, &style_footer, title, column * 0.6);

      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (left, TRUE);
      cairo_move_to (cr, self->margin_left, baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (left, 0));
    }
}

/**
 * sb_page_renderer_draw_page:
 * @cr: a cairo context whose user units are points, with (0, 0) at the
 *   page's top left corner (a PDF surface, or a #GtkPrintContext's with
 *   the unit %GTK_UNIT_POINTS)
 * @page: the page, counted from 0
 *
 * Draws one page. Leaves the state of @cr as it found it.
 */
void
sb_page_renderer_draw_page (SbPageRenderer *self,
                            cairo_t        *cr,
                            guint           page)
{
  guint start, end;

  g_return_if_fail (SB_IS_PAGE_RENDERER (self));
  g_return_if_fail (cr != NULL);

  sb_page_renderer_paginate (self);
  g_return_if_fail (page < self->n_pages);

  start = g_array_index (self->page_starts, guint, page);
  end = g_array_index (self->page_starts, guint, page + 1);

  cairo_save (cr);
  cairo_save (cr);
  cairo_scale (cr, self->scale, self->scale);

  for (guint i = start; i < end; i++)
    {
      const Placed *placed = &g_array_index (self->placed, Placed, i);

      set_color (cr, placed->part.color);

      switch (placed->part.kind)
        {
        case PART_LINE:
          cairo_move_to (cr, placed->x, placed->y);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (placed->part.layout,
                                                                            placed->part.line));
          break;

        case PART_HRULE:
          cairo_set_line_width (cr, 0.75);
          cairo_move_to (cr, placed->x, placed->y);
          cairo_line_to (cr, placed->x + placed->part.width, placed->y);
          cairo_stroke (cr);
          break;

        case PART_VBAR:
          cairo_rectangle (cr, placed->x, placed->y, placed->part.width, placed->height);
          cairo_fill (cr);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  cairo_restore (cr);
  draw_footer (self, cr, page);

  cairo_restore (cr);
}

/**
 * sb_page_renderer_get_block_position:
 * @block: a block of the document, counted from 0
 * @page: (out) (optional): the page the block starts on
 * @y: (out) (optional): where its first line's top is, in points
 *
 * Returns: %FALSE for a block drawn nowhere (a page break)
 */
gboolean
sb_page_renderer_get_block_position (SbPageRenderer *self,
                                     guint           block,
                                     guint          *page,
                                     double         *y)
{
  const BlockPosition *position;

  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), FALSE);

  sb_page_renderer_paginate (self);
  g_return_val_if_fail (block < self->blocks->len, FALSE);

  position = &g_array_index (self->blocks, BlockPosition, block);
  if (page != NULL)
    *page = position->page;
  if (y != NULL)
    *y = position->y * self->scale;

  return position->placed;
}

/**
 * sb_page_renderer_dup_page_text:
 * @page: the page, counted from 0
 *
 * Returns: (transfer full): the document text on @page, one laid-out line
 * per line (a label and its text on one line, without list markers,
 * footers or ellipses), for tests and accessibility
 */
char *
sb_page_renderer_dup_page_text (SbPageRenderer *self,
                                guint           page)
{
  GString *out;
  guint start, end;
  double last_y = -1;

  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), NULL);

  sb_page_renderer_paginate (self);
  g_return_val_if_fail (page < self->n_pages, NULL);

  start = g_array_index (self->page_starts, guint, page);
  end = g_array_index (self->page_starts, guint, page + 1);
  out = g_string_new (NULL);

  for (guint i = start; i < end; i++)
    {
      const Placed *placed = &g_array_index (self->placed, Placed, i);
      PangoLayoutLine *line;
      const char *text;

      if (placed->part.kind != PART_LINE || !placed->part.content)
        continue;

      line = pango_layout_get_line_readonly (placed->part.layout, placed->part.line);
      text = pango_layout_get_text (placed->part.layout);

      /* A part on the same baseline continues the line. */
      if (out->len > 0)
        g_string_append_c (out, placed->y == last_y ? ' ' : '\n');
      g_string_append_len (out, text + line->start_index, line->length);
      /* The space a line broke at is not part of what it shows. */
      while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\n'))
        g_string_truncate (out, out->len - 1);
      last_y = placed->y;
    }

  return g_string_free (out, FALSE);
}

/**
 * sb_page_renderer_get_n_lines:
 *
 * Returns: how many lines of text are laid out on @page
 */
guint
sb_page_renderer_get_n_lines (SbPageRenderer *self,
                              guint           page)
{
  guint start, end, n = 0;
  double last_y = -1;

  g_return_val_if_fail (SB_IS_PAGE_RENDERER (self), 0);

  sb_page_renderer_paginate (self);
  g_return_val_if_fail (page < self->n_pages, 0);

  start = g_array_index (self->page_starts, guint, page);
  end = g_array_index (self->page_starts, guint, page + 1);
  for (guint i = start; i < end; i++)
    {
      const Placed *placed = &g_array_index (self->placed, Placed, i);

      if (placed->part.kind == PART_LINE && placed->part.content && placed->y != last_y)
        {
          n++;
          last_y = placed->y;
        }
    }

  return n;
}

/**
 * sb_page_get_default_size:
 * @width: (out): in points
 * @height: (out): in points
 *
 * The paper size of the user's locale (LC_PAPER): US Letter where that is
 * the custom, A4 everywhere else.
 */
void
sb_page_get_default_size (double *width,
                          double *height)
{
  gboolean letter = FALSE;

  g_return_if_fail (width != NULL);
  g_return_if_fail (height != NULL);

#ifdef __GLIBC__
  {
    int width_mm = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);
    int height_mm = (int) (gintptr) nl_langinfo (_NL_PAPER_HEIGHT);

    letter = width_mm == 216 && height_mm == 279;
  }
#endif

  *width = letter ? SB_PAGE_LETTER_WIDTH : SB_PAGE_A4_WIDTH;
  *height = letter ? SB_PAGE_LETTER_HEIGHT : SB_PAGE_A4_HEIGHT;
}
