/* fuzz-markdown.c: the Markdown importer against arbitrary bytes
 *
 * Not built yet: src/model/sb-markdown.c comes from another branch. When
 * it lands, point SB_FUZZ_MARKDOWN_IMPORT below at its entry point (text
 * in, stories out) and enable the target in tests/fuzz/meson.build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sb-markdown.h"
#include "sb-story.h"

/* Adapt to the importer's real signature: must return a GPtrArray of
 * SbStory (transfer container), or NULL with @error set.
 */
#ifndef SB_FUZZ_MARKDOWN_IMPORT
# define SB_FUZZ_MARKDOWN_IMPORT(text, length, error) \
  sb_markdown_parse ((text), (length), (error))
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;

  stories = SB_FUZZ_MARKDOWN_IMPORT ((const char *) data, size, &error);
  if (stories == NULL)
    {
      if (error == NULL)
        abort ();  /* a failure must say why */
      return 0;
    }

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);
      g_autoptr(GString) out = g_string_new (NULL);

      /* Whatever was imported is text that the data file can hold. */
      if (!g_utf8_validate (sb_story_get_title (story), -1, NULL) ||
          !g_utf8_validate (sb_story_get_situation (story), -1, NULL) ||
          !g_utf8_validate (sb_story_get_task (story), -1, NULL) ||
          !g_utf8_validate (sb_story_get_result (story), -1, NULL))
        abort ();
      for (const char * const *a = sb_story_get_actions (story); *a != NULL; a++)
        if (!g_utf8_validate (*a, -1, NULL))
          abort ();

      sb_story_write_json (story, out, 0);
    }

  return 0;
}
