/* fuzz-store-cache.c: the binary cache reader against arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the GVariant part of a cache file; the harness puts the
 * magic and the right hash in front (a fuzzer would never guess the hash)
 * and skips the data file check, so that the bytes reach the GVariant
 * reader. Whatever it accepts must be stories that survive a round trip
 * through the data file's JSON unchanged.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sb-store.h"
#include "sb-store-cache.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GBytes) bytes = sb_store_cache_wrap (body);
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_auto(GStrv) extra_keys = NULL;
  g_auto(GStrv) extra_values = NULL;
  g_autofree char *checksum = NULL;

  if (!sb_store_cache_read_bytes (bytes, NULL, &stories, &principles,
                                  &extra_keys, &extra_values, &checksum))
    return 0;

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(SbStory) again = NULL;
      g_autoptr(GError) error = NULL;

      sb_story_write_json (story, out, 0);
      if (!json_parser_load_from_data (parser, out->str, out->len, &error))
        {
          g_printerr ("Story %u wrote invalid JSON: %s\n%s\n", i, error->message, out->str);
          abort ();
        }
      again = sb_story_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      if (again == NULL || !sb_story_content_equal (story, again))
        {
          g_printerr ("Story %u did not survive a round trip:\n%s\n", i, out->str);
          abort ();
        }
    }

  return 0;
}
