/* benchmark-store.c: load and save times against json-glib's bare parse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run: build/tests/benchmark-store [N ...]   (default 1000 10000)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "sb-markdown.h"
#include "sb-store.h"
#include "sb-test-util.h"

#define RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
run (guint n)
{
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "stories.json", NULL);
  double parse[RUNS], load[RUNS], json_load[RUNS], save[RUNS], export[RUNS];
  g_autoptr(GError) error = NULL;
  struct stat st;

  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) store = sb_store_new (path, library, catalog);
    g_autoptr(GPtrArray) stories = sb_test_make_stories (n, 2024);

    sb_library_splice (library, stories);
    for (guint r = 0; r < RUNS; r++)
      {
        gint64 start = g_get_monotonic_time ();

        sb_story_set_title (g_ptr_array_index (stories, r), "edited");
        if (!sb_store_save (store, &error))
          g_error ("%s", error->message);
        save[r] = (g_get_monotonic_time () - start) / 1000.0;
      }
  }

  g_stat (path, &st);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *contents = NULL;
      gsize length;

      {
        g_autoptr(JsonParser) parser = json_parser_new_immutable ();

        g_file_get_contents (path, &contents, &length, NULL);
        if (!json_parser_load_from_data (parser, contents, length, &error))
          g_error ("%s", error->message);
      }
      parse[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  /* load: as the app loads (from the cache the last save wrote);
   * json_load: with no cache, parsing the JSON.
   */
  for (guint r = 0; r < 2 * RUNS; r++)
    {
      g_autoptr(SbCatalog) catalog = sb_catalog_new ();
      g_autoptr(SbLibrary) library = sb_library_new ();
      g_autoptr(SbStore) store = sb_store_new (path, library, catalog);
      gint64 start;

      if (r % 2 == 1)
        sb_store_set_cache_path (store, NULL);
      /* Each load on its own: a JSON load lets its parse tree go on a
       * thread of its own, not to be timed in the next load.
       */
      g_usleep (G_USEC_PER_SEC / 4);
      start = g_get_monotonic_time ();
      if (!sb_store_load (store, &error))
        g_error ("%s", error->message);
      (r % 2 == 0 ? load : json_load)[r / 2] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n);
    }

  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) store = sb_store_new (path, library, catalog);

    if (!sb_store_load (store, &error))
      g_error ("%s", error->message);
    for (guint r = 0; r < RUNS; r++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autofree char *markdown = sb_markdown_export (library, catalog, NULL);

        export[r] = (g_get_monotonic_time () - start) / 1000.0;
        g_assert_true (markdown != NULL && markdown[0] != '\0');
      }
  }

  {
    double p = median (parse, RUNS), l = median (load, RUNS), s = median (save, RUNS);
    double e = median (export, RUNS);

    double j = median (json_load, RUNS);

    g_print ("%6u stories  %6.1f MB  bare parse %7.1f ms  load %7.1f ms (%.2fx; without the cache %.1f ms, %.2fx)  save %7.1f ms  markdown export %7.1f ms\n",
             n, st.st_size / 1e6, p, l, l / p, j, j / p, s, e);
    g_print ("result stories=%u parse_ms=%.1f load_ms=%.1f json_load_ms=%.1f export_ms=%.1f\n", n, p, l, j, e);
  }

  sb_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_print ("median of %d runs each; load = read + parse + build the model\n", RUNS);

  if (argc < 2)
    {
      run (1000);
      run (10000);
    }
  for (int i = 1; i < argc; i++)
    run (atoi (argv[i]));

  return 0;
}
