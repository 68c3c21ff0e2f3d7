/* benchmark-coach.c: time to run the story coach on one story and on a
 * whole generated library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run: build/tests/benchmark-coach [N]   (default 10000)
 */

#include "config.h"

#include <stdlib.h>

#include "sb-catalog.h"
#include "sb-coach.h"
#include "sb-test-util.h"

#define RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (n, 2024);
  double one[RUNS], all[RUNS];
  guint n_findings = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) findings = sb_coach_check (stories->pdata[0], catalog, NULL);

      one[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      n_findings = 0;
      for (guint i = 0; i < stories->len; i++)
        {
          g_autoptr(GPtrArray) each = sb_coach_check (stories->pdata[i], catalog, NULL);
          n_findings += each->len;
        }
      all[run] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (one, RUNS, sizeof (double), compare_doubles);
  qsort (all, RUNS, sizeof (double), compare_doubles);

  g_print ("coach, median of %d runs\n", RUNS);
  g_print ("  one story:        %8.3f ms\n", one[RUNS / 2]);
  g_print ("  %5u stories:    %8.1f ms  (%.1f us a story, %u findings)\n",
           n, all[RUNS / 2], all[RUNS / 2] * 1000.0 / MAX (n, 1), n_findings);

  return 0;
}
