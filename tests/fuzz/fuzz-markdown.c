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

  /* The page reader alone: never crashes, whatever the bytes. */
  if (g_utf8_validate ((const char *) data, size, NULL))
    pages = sb_markdown_parse ((const char *) data, size);

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
