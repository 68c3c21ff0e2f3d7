/* sb-examples.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-examples"

#include "config.h"

#include "sb-examples.h"
#include "sb-resources.h"
#include "sb-store.h"

/**
 * sb_examples_add:
 *
 * Adds the example stories (the three Think Big stories of the page
 * Storybank grew from) that are not in the library yet. They have fixed
 * ids, so adding them twice adds nothing.
 *
 * Returns: how many stories were added
 */
guint
sb_examples_add (SbLibrary *library)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;
  guint added = 0;

  g_return_val_if_fail (SB_IS_LIBRARY (library), 0);

  sb_resources_ensure_registered ();
  bytes = g_resources_lookup_data ("/io/github/storybank/Storybank/examples.json", 0, &error);
  if (bytes == NULL ||
      !sb_store_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       &stories, NULL, &version, NULL, NULL, &error))
    g_error ("Example stories: %s", error->message);

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (sb_library_find (library, sb_story_get_id (story)) != NULL)
        continue;
      sb_library_add (library, story);
      added++;
    }

  return added;
}
