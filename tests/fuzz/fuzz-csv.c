/* fuzz-csv.c: the spreadsheet reader and writer against arbitrary bytes
 *
 * Whatever the input, the reader either refuses it with a reason or hands
 * back stories of valid text and left-out lines inside the file; and the
 * stories it read, written as a sheet and read again, come back the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sb-csv.h"
#include "sb-markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
story_is_text (SbStory *story)
{
  if (!g_utf8_validate (sb_story_get_title (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_situation (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_task (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_result (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_learnings (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_notes (story), -1, NULL) ||
      sb_story_get_title (story)[0] == '\0')
    return FALSE;
  for (const char * const *a = sb_story_get_actions (story); *a != NULL; a++)
    if (!g_utf8_validate (*a, -1, NULL) || (*a)[0] == '\0')
      return FALSE;
  for (const char * const *t = sb_story_get_tags (story); *t != NULL; t++)
    if (!g_utf8_validate (*t, -1, NULL) || (*t)[0] == '\0')
      return FALSE;
  return TRUE;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b || (a ? a[0] : b[0]) == NULL;
  return g_strv_equal (a, b);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SbCatalog *catalog;
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) again_left_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  SbMarkdownPage *page, *back;
  const char * const *names, * const *names_back;
  guint n_lines = 1;

  if (catalog == NULL)
    catalog = sb_catalog_new ();

  for (size_t i = 0; i < size; i++)
    n_lines += data[i] == '\n' || data[i] == '\r';

  sb_csv_looks_like_sheet ((const char *) data, size);
  pages = sb_csv_read ((const char *) data, size, catalog, &left_out, &error);
  if (pages == NULL)
    {
      if (error == NULL || left_out != NULL)
        abort ();  /* a refusal must say why */
      return 0;
    }
  if (error != NULL || pages->len != 1 || left_out == NULL)
    abort ();

  for (guint i = 0; i < left_out->len; i++)
    {
      SbLeftOut *out = g_ptr_array_index (left_out, i);

      if (out->first_line < 1 || out->first_line > out->last_line || out->last_line > n_lines)
        abort ();
    }

  page = g_ptr_array_index (pages, 0);
  for (guint i = 0; i < page->stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (page->stories, i);
      g_autoptr(SbStory) copy = sb_story_copy (story);

      if (!story_is_text (story))
        abort ();
      names = g_ptr_array_index (page->story_principles, i);
      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        if (names[j][0] == '\0' || !g_utf8_validate (names[j], -1, NULL))
          abort ();
      sb_library_add (library, copy);
    }

  /* Written as a sheet and read again: the same stories. The names read
   * are filed as if they were ids: the writer writes an id the catalog
   * does not know as it is, and one it knows by its principle's name.
   */
  for (guint i = 0; i < page->stories->len; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

      names = g_ptr_array_index (page->story_principles, i);
      sb_story_set_principles (story, names);
    }
  sheet = sb_csv_export (library, catalog, NULL);
  again = sb_csv_read (sheet, -1, catalog, &again_left_out, &error);
  if (again == NULL || again_left_out->len != 0)
    abort ();
  back = g_ptr_array_index (again, 0);
  if (back->stories->len != page->stories->len)
    abort ();
  for (guint i = 0; i < page->stories->len; i++)
    {
      SbStory *a = g_ptr_array_index (page->stories, i);
      SbStory *b = g_ptr_array_index (back->stories, i);

      if (!g_str_equal (sb_story_get_title (a), sb_story_get_title (b)) ||
          !g_str_equal (sb_story_get_situation (a), sb_story_get_situation (b)) ||
          !g_str_equal (sb_story_get_task (a), sb_story_get_task (b)) ||
          !g_str_equal (sb_story_get_result (a), sb_story_get_result (b)) ||
          !g_str_equal (sb_story_get_learnings (a), sb_story_get_learnings (b)) ||
          !g_str_equal (sb_story_get_notes (a), sb_story_get_notes (b)) ||
          !strv_equal0 (sb_story_get_actions (a), sb_story_get_actions (b)) ||
          !strv_equal0 (sb_story_get_tags (a), sb_story_get_tags (b)))
        abort ();
      names = g_ptr_array_index (page->story_principles, i);
      names_back = g_ptr_array_index (back->story_principles, i);
      if ((names ? g_strv_length ((char **) names) : 0) != (names_back ? g_strv_length ((char **) names_back) : 0))
        abort ();
      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        {
          SbPrinciple *principle = sb_catalog_lookup (catalog, names[j]);

          if (!g_str_equal (principle ? sb_principle_get_name (principle) : names[j], names_back[j]))
            abort ();
        }
    }

  return 0;
}
