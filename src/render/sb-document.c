/* sb-document.c: a structured document for the page renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-document"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-document-private.h"

/* A document is a flat list of blocks, built once by an exporter and then
 * laid out by SbPageRenderer onto pages of any size. It holds text only:
 * how a heading or a label looks is the renderer's business.
 */
struct _SbDocument
{
  GObject    parent_instance;

  char      *title;
  /* SbBlock */
  GPtrArray *blocks;
  gboolean   one_page;
};

G_DEFINE_FINAL_TYPE (SbDocument, sb_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sb_block_free (SbBlock *block)
{
  g_free (block->label);
  g_free (block->text);
  g_strfreev (block->items);
  g_free (block);
}

static void
sb_document_finalize (GObject *object)
{
  SbDocument *self = (SbDocument *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_document_parent_class)->finalize (object);
}

static void
sb_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SbDocument *self = SB_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SbDocument *self = SB_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      if (self->title == NULL)
        self->title = g_strdup ("");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_document_class_init (SbDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_document_finalize;
  object_class->get_property = sb_document_get_property;
  object_class->set_property = sb_document_set_property;

  /**
   * SbDocument:title:
   *
   * The document's name, for the PDF's metadata and the page footers.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_document_init (SbDocument *self)
{
  self->title = g_strdup ("");
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_block_free);
}

/**
 * sb_document_new:
 * @title: (nullable): the document's name, for metadata and footers
 *
 * Returns: (transfer full): an empty document
 */
SbDocument *
sb_document_new (const char *title)
{
  return g_object_new (SB_TYPE_DOCUMENT,
                       "title", title,
                       NULL);
}

const char *
sb_document_get_title (SbDocument *self)
{
  g_return_val_if_fail (SB_IS_DOCUMENT (self), NULL);
  return self->title;
}

/**
 * sb_document_set_one_page:
 * @one_page: whether to keep it on one page
 *
 * Asks for the document on one page: when it runs over, its pages are
 * drawn a little smaller (down to 60%), when that is enough.
 */
void
sb_document_set_one_page (SbDocument *self,
                          gboolean    one_page)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  self->one_page = !!one_page;
}

/**
 * sb_document_get_one_page:
 *
 * Returns: whether the document asks to be on one page
 */
gboolean
sb_document_get_one_page (SbDocument *self)
{
  g_return_val_if_fail (SB_IS_DOCUMENT (self), FALSE);
  return self->one_page;
}

guint
sb_document_get_n_blocks (SbDocument *self)
{
  g_return_val_if_fail (SB_IS_DOCUMENT (self), 0);
  return self->blocks->len;
}

const SbBlock *
_sb_document_get_block (SbDocument *self,
                        guint       position)
{
  g_return_val_if_fail (SB_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (position < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, position);
}

/* Pango refuses invalid UTF-8: a stray byte must not lose the page. */
static char *
dup_valid (const char *text)
{
  if (text == NULL)
    return NULL;
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  return g_utf8_make_valid (text, -1);
}

static SbBlock *
add_block (SbDocument  *self,
           SbBlockKind  kind,
           const char  *label,
           const char  *text)
{
  SbBlock *block = g_new0 (SbBlock, 1);

  block->kind = kind;
  block->label = dup_valid (label);
  block->text = dup_valid (text ? text : "");
  g_ptr_array_add (self->blocks, block);

  return block;
}

/**
 * sb_document_add_title:
 * @subtitle: (nullable): a grey line under the title
 *
 * Adds the document's title, the largest text of all.
 */
void
sb_document_add_title (SbDocument *self,
                       const char *title,
                       const char *subtitle)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (title != NULL);

  add_block (self, SB_BLOCK_TITLE, subtitle && *subtitle ? subtitle : NULL, title);
}

/**
 * sb_document_add_heading:
 * @level: 1 (largest) to 3
 *
 * Adds a heading, which is never left alone at the foot of a page.
 */
void
sb_document_add_heading (SbDocument *self,
                         guint       level,
                         const char *text)
{
  SbBlock *block;

  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  block = add_block (self, SB_BLOCK_HEADING, NULL, text);
  block->level = CLAMP (level, 1, 3);
}

/**
 * sb_document_add_paragraph:
 *
 * Adds wrapped body text. A newline in @text starts a new line.
 */
void
sb_document_add_paragraph (SbDocument *self,
                           const char *text)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, SB_BLOCK_PARAGRAPH, NULL, text);
}

/**
 * sb_document_add_quote:
 *
 * Adds a paragraph set off from the body text, such as a definition.
 */
void
sb_document_add_quote (SbDocument *self,
                       const char *text)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, SB_BLOCK_QUOTE, NULL, text);
}

/**
 * sb_document_add_bullets:
 * @items: (array zero-terminated=1): one string per item
 * @numbered: %TRUE for steps numbered 1, 2, 3…, %FALSE for bullets
 */
void
sb_document_add_bullets (SbDocument         *self,
                         const char * const *items,
                         gboolean            numbered)
{
  SbBlock *block;

  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (items != NULL);

  block = add_block (self, numbered ? SB_BLOCK_NUMBERED : SB_BLOCK_BULLETS, NULL, NULL);
  block->items = g_new0 (char *, g_strv_length ((char **) items) + 1);
  for (guint i = 0; items[i] != NULL; i++)
    block->items[i] = dup_valid (items[i]);
}

/**
 * sb_document_add_labelled:
 * @label: shown in bold before the text, e.g. "Situation:"
 * @text: (nullable): wrapped after the label; when empty the label stands
 *   alone and stays with what follows it (e.g. a list of steps)
 */
void
sb_document_add_labelled (SbDocument *self,
                          const char *label,
                          const char *text)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (label != NULL);

  add_block (self, SB_BLOCK_LABELLED, label, text);
}

/**
 * sb_document_add_labelled_line:
 * @label: shown in bold in a column of its own
 * @text: (nullable): kept to one line, ending in "…" when it is longer
 *
 * Adds a one-line label and text pair, for the cheat sheet.
 */
void
sb_document_add_labelled_line (SbDocument *self,
                               const char *label,
                               const char *text)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (label != NULL);

  add_block (self, SB_BLOCK_LABELLED_LINE, label, text);
}

/**
 * sb_document_add_meta:
 *
 * Adds a small grey line, such as a date or a caption.
 */
void
sb_document_add_meta (SbDocument *self,
                      const char *text)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, SB_BLOCK_META, NULL, text);
}

/**
 * sb_document_add_rule:
 *
 * Adds a thin horizontal line across the text column.
 */
void
sb_document_add_rule (SbDocument *self)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));

  add_block (self, SB_BLOCK_RULE, NULL, NULL);
}

/**
 * sb_document_add_page_break:
 *
 * Starts a new page, unless the page is still empty.
 */
void
sb_document_add_page_break (SbDocument *self)
{
  g_return_if_fail (SB_IS_DOCUMENT (self));

  add_block (self, SB_BLOCK_PAGE_BREAK, NULL, NULL);
}
