/* benchmark-import.c: importing a folder of 1,000 Markdown pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run: build/tests/benchmark-import [PAGES]   (default 1000, ten stories each)
 *
 * Prints the time to plan the folder in one go (the command line's way)
 * and in the background (the window's way: read on a thread, planned on
 * the main thread in slices), with the longest the main loop waited
 * meanwhile, into a library that already holds 10,000 stories.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "sb-import.h"
#include "sb-test-util.h"

typedef struct
{
  gboolean done;
  gint64   last;
  gint64   longest;
} Watch;

static gboolean
tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  watch->longest = MAX (watch->longest, now - watch->last);
  watch->last = now;
  return G_SOURCE_CONTINUE;
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_import_add_files_finish (SB_IMPORT (object), result, &error))
    g_error ("%s", error->message);
  watch->done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_pages = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *folder = sb_test_make_import_folder (dir, n_pages);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (10000, 9);
  g_autoptr(SbImport) sync = NULL;
  g_autoptr(SbImport) async = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { FALSE, 0, 0 };
  gint64 start;
  guint tick_id;

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (library, g_ptr_array_index (stories, i));

  sync = sb_import_new (library, catalog);
  start = g_get_monotonic_time ();
  if (!sb_import_add_file (sync, file, &error))
    g_error ("%s", error->message);
  g_print ("import-sync pages=%u stories=%u ms=%.1f\n", n_pages, sb_import_get_n_new_stories (sync),
           (g_get_monotonic_time () - start) / 1000.0);

  async = sb_import_new (library, catalog);
  start = watch.last = g_get_monotonic_time ();
  tick_id = g_timeout_add (1, tick_cb, &watch);
  sb_import_add_files_async (async, &file, 1, NULL, added_cb, &watch);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  g_print ("import-async pages=%u stories=%u ms=%.1f longest_stall_ms=%.1f\n", n_pages,
           sb_import_get_n_new_stories (async), (g_get_monotonic_time () - start) / 1000.0,
           watch.longest / 1000.0);

  sb_test_rm_rf (dir);
  return 0;
}
