/* fuzz-markdown-read.c: the tolerant Markdown reader alone
 *
 * Whatever the text, the reader returns: pages whose stories are valid
 * text with a principle entry each, and left-out ranges of the text's
 * own lines, in order, each with a reason; and what it read, written as
 * Storybank's own page, reads back the same. Without the import around
 * it, it runs fast enough for millions of inputs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sb-markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
is_text (const char *text)
{
  return text != NULL && g_utf8_validate (text, -1, NULL) && strchr (text, '\r') == NULL;
}

static gboolean
story_is_text (SbStory *story)
{
  if (!is_text (sb_story_get_title (story)) || !is_text (sb_story_get_situation (story)) ||
      !is_text (sb_story_get_task (story)) || !is_text (sb_story_get_result (story)) ||
      !is_text (sb_story_get_learnings (story)) || !is_text (sb_story_get_notes (story)))
    return FALSE;
  for (const char * const *a = sb_story_get_actions (story); *a != NULL; a++)
    if (!is_text (*a) || (*a)[0] == '\0')
      return FALSE;
  return TRUE;
}

static gboolean
same_text (SbStory *a,
           SbStory *b)
{
  return g_str_equal (sb_story_get_title (a), sb_story_get_title (b)) &&
         g_str_equal (sb_story_get_situation (a), sb_story_get_situation (b)) &&
         g_str_equal (sb_story_get_task (a), sb_story_get_task (b)) &&
         g_strv_equal (sb_story_get_actions (a), sb_story_get_actions (b)) &&
         g_str_equal (sb_story_get_result (a), sb_story_get_result (b)) &&
         g_str_equal (sb_story_get_learnings (a), sb_story_get_learnings (b)) &&
         g_str_equal (sb_story_get_notes (a), sb_story_get_notes (b));
}

/* What was read, written as Storybank's own page, reads back the same. */
static void
check_round_trip (GPtrArray *pages,
                  SbCatalog *catalog)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *text = NULL;
  guint k = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      SbMarkdownPage *page = g_ptr_array_index (pages, i);

      for (guint j = 0; j < page->stories->len; j++)
        g_ptr_array_add (stories, g_ptr_array_index (page->stories, j));
    }
  if (stories->len == 0)
    return;

  text = sb_markdown_write_page (NULL, "Fuzz", stories);
  back = sb_markdown_read (text, -1, catalog, NULL);
  for (guint i = 0; i < back->len; i++)
    {
      SbMarkdownPage *page = g_ptr_array_index (back, i);

      for (guint j = 0; j < page->stories->len; j++, k++)
        if (k >= stories->len || !same_text (g_ptr_array_index (stories, k), g_ptr_array_index (page->stories, j)))
          abort ();
    }
  if (k != stories->len)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SbCatalog *catalog;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  guint n_lines = 1, after = 0;

  if (catalog == NULL)
    catalog = sb_catalog_new ();
  if (!g_utf8_validate ((const char *) data, size, NULL) || memchr (data, 0, size) != NULL)
    return 0;

  parsed = sb_markdown_parse ((const char *) data, size);
  pages = sb_markdown_read_file ((const char *) data, size, catalog, "a note.md", &left_out);

  for (size_t i = 0; i < size; i++)
    n_lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
  for (guint i = 0; i < left_out->len; i++)
    {
      SbLeftOut *range = g_ptr_array_index (left_out, i);

      if (range->first_line <= after || range->last_line < range->first_line ||
          range->last_line > n_lines || range->reason == NULL || range->reason[0] == '\0')
        abort ();
      after = range->last_line;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      SbMarkdownPage *page = g_ptr_array_index (pages, i);

      if (page->story_principles->len != page->stories->len)
        abort ();
      if (page->name != NULL && !is_text (page->name))
        abort ();
      for (guint j = 0; j < page->stories->len; j++)
        {
          SbStory *story = g_ptr_array_index (page->stories, j);
          const char * const *names = g_ptr_array_index (page->story_principles, j);

          if (!story_is_text (story) || sb_story_get_title (story)[0] == '\0')
            abort ();
          for (guint k = 0; names != NULL && names[k] != NULL; k++)
            if (!is_text (names[k]) || names[k][0] == '\0')
              abort ();
        }
    }

  check_round_trip (pages, catalog);

  return 0;
}
