/* fuzz-markdown.c: the Markdown importer against arbitrary bytes
 *
 * Whatever the input, the import either refuses it with a reason or plans,
 * applies and undoes it, and every story it brings is valid text that the
 * data file can hold and read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sb-import.h"
#include "sb-markdown.h"
#include "sb-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
story_is_text (SbStory *story)
{
  if (!g_utf8_validate (sb_story_get_title (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_situation (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_task (story), -1, NULL) ||
      !g_utf8_validate (sb_story_get_result (story), -1, NULL))
    return FALSE;
  for (const char * const *a = sb_story_get_actions (story); *a != NULL; a++)
    if (!g_utf8_validate (*a, -1, NULL))
      return FALSE;
  return TRUE;
}

/* FNV-1a: a fixed choice per input. */
static guint32
input_hash (const uint8_t *data,
            size_t         size)
{
  guint32 hash = 2166136261u;

  for (size_t i = 0; i < size; i++)
    hash = (hash ^ data[i]) * 16777619u;
  return hash;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SbCatalog *catalog;
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *json = NULL;
  gint64 version;

  if (catalog == NULL)
    catalog = sb_catalog_new ();

  /* The page readers alone: never crash, whatever the bytes; what the
   * tolerant one leaves out is ranges of the input's lines, in order.
   */
  if (g_utf8_validate ((const char *) data, size, NULL))
    {
      g_autoptr(GPtrArray) read = NULL;
      g_autoptr(GPtrArray) left_out = NULL;
      guint n_lines = 1, after = 0;

      pages = sb_markdown_parse ((const char *) data, size);
      read = sb_markdown_read_file ((const char *) data, size, catalog, "fuzz note.md", &left_out);
      for (size_t i = 0; i < size; i++)
        n_lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
      for (guint i = 0; i < left_out->len; i++)
        {
          SbLeftOut *range = g_ptr_array_index (left_out, i);

          if (range->first_line <= after || range->last_line < range->first_line ||
              range->last_line > n_lines || range->reason == NULL)
            abort ();
          after = range->last_line;
        }
      for (guint i = 0; i < read->len; i++)
        {
          SbMarkdownPage *page = g_ptr_array_index (read, i);

          if (page->story_principles->len != page->stories->len)
            abort ();
          for (guint j = 0; j < page->stories->len; j++)
            if (!story_is_text (g_ptr_array_index (page->stories, j)))
              abort ();
        }
    }

  import = sb_import_new (library, catalog);
  if (!sb_import_add_markdown (import, (const char *) data, size, "fuzz.md", &error))
    {
      if (error == NULL)
        abort ();  /* a refusal must say why */
      return 0;
    }

  sb_import_apply (import);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (!story_is_text (story))
        abort ();
    }

  /* What was imported saves to a file that reads back whole. Writing the
   * whole file (the catalog's principles too) costs more than the import:
   * it is checked for one input in eight, picked by the input's bytes so
   * that a crash reproduces.
   */
  if (input_hash (data, size) % 8 == 0)
    {
      store = sb_store_new ("/nonexistent/fuzz/stories.json", library, catalog);
      json = sb_store_serialize (store);
      if (!sb_store_parse (json, strlen (json), &back, NULL, &version, NULL, NULL, &error))
        abort ();
      if (back->len != g_list_model_get_n_items (G_LIST_MODEL (library)))
        abort ();
    }

  sb_import_undo (import);
  if (g_list_model_get_n_items (G_LIST_MODEL (library)) != 0)
    abort ();

  return 0;
}
