/* benchmark-generate.c: writes a generated library for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run: build/tests/benchmark-generate DATA_HOME [N]   (default 10000)
 * Writes DATA_HOME/storybank/stories.json through SbStore, as the app would.
 */

#include "config.h"

#include <stdlib.h>

#include "sb-store.h"
#include "sb-test-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbCatalog) catalog = NULL;
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n = 10000;

  if (argc < 2)
    {
      g_printerr ("Usage: %s DATA_HOME [N]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    n = atoi (argv[2]);

  path = g_build_filename (argv[1], "storybank", "stories.json", NULL);
  catalog = sb_catalog_new ();
  library = sb_library_new ();
  store = sb_store_new (path, library, catalog);
  stories = sb_test_make_stories (n, 2024);
  sb_library_splice (library, stories);

  if (!sb_store_save (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%s: %u stories\n", path, n);
  return 0;
}
