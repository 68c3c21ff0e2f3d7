/* fuzz-store-load.c: the data file reader against arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sb-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) extra_keys = NULL;
  g_auto(GStrv) extra_values = NULL;
  gint64 version = 0;

  if (!sb_store_parse ((const char *) data, size, &stories, &principles, &version,
                       &extra_keys, &extra_values, &error))
    {
      g_assert (error != NULL);
      return 0;
    }

  /* Whatever was read must write back out and read again the same. */
  g_assert (error == NULL);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(SbStory) again = NULL;
      g_autoptr(GError) local_error = NULL;

      sb_story_write_json (story, out, 0);
      if (!json_parser_load_from_data (parser, out->str, out->len, &local_error))
        {
          g_printerr ("Story %u wrote invalid JSON: %s\n%s\n", i, local_error->message, out->str);
          abort ();
        }
      again = sb_story_new_from_json (json_node_get_object (json_parser_get_root (parser)), &local_error);
      if (again == NULL)
        {
          g_printerr ("Story %u did not read back: %s\n%s\n", i, local_error->message, out->str);
          abort ();
        }
      if (!sb_story_content_equal (story, again))
        {
          g_printerr ("Story %u changed on a round trip:\n%s\n", i, out->str);
          abort ();
        }
    }

  /* The user's principles: whatever loads writes back as JSON that loads
   * again. One catalog for every input: building the built-in frameworks
   * each time would slow the fuzzer down for no coverage.
   */
  if (principles != NULL)
    {
      static SbCatalog *catalog;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local_error = NULL;
      g_autofree char *written = NULL;
      JsonNode *root;

      if (catalog == NULL)
        catalog = sb_catalog_new ();
      sb_catalog_reset_user (catalog);
      sb_catalog_load_user_json (catalog, principles, NULL);

      written = sb_catalog_dup_user_json (catalog, 1);
      if (!json_parser_load_from_data (parser, written, -1, &local_error) ||
          !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
        {
          g_printerr ("The principles wrote invalid JSON: %s\n%s\n",
                      local_error ? local_error->message : "not an array", written);
          abort ();
        }

      sb_catalog_reset_user (catalog);
      if (!sb_catalog_load_user_json (catalog, json_node_get_array (root), &local_error))
        {
          g_printerr ("The principles did not read back: %s\n%s\n", local_error->message, written);
          abort ();
        }
    }

  return 0;
}
