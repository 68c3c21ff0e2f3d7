/* benchmark-plan.c: interviews at 10,000 stories and 200 interviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run: build/tests/benchmark-plan [STORIES] [INTERVIEWS]   (default 10000 200)
 *
 * Prints, as median and worst of every interview (or of 25 runs):
 * - plan: opening an interview as its page does (found by id, its plan
 *   computed, each planned story's rehearsal schedule);
 * - posting: the analysis of a 2,000-word posting against every
 *   framework;
 * - due: the "Due today" scope over every upcoming interview;
 * - load: loading the data file with and without its interviews, from the
 *   cache and from the JSON, so that interviews are seen not to slow the
 *   start.
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "sb-coach.h"
#include "sb-plan.h"
#include "sb-posting.h"
#include "sb-schedule.h"
#include "sb-store.h"
#include "sb-test-util.h"

#define RUNS 25

static const char * const companies[] = {
  "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
  "Tyrell", "Cyberdyne", "Soylent", "Wonka", "Gringotts", "Monarch", "Oscorp",
  "Aperture", "Black Mesa", "Massive Dynamic", "Pied Piper", "Dunder Mifflin",
};

static const char * const round_names[] = {
  "Phone screen", "Hiring manager", "Bar raiser", "Technical", "Team fit", "Director",
};

/* Words of a posting, as postings are written. */
static const char posting_text[] =
  "We are looking for an engineer who obsesses over customers and takes ownership of the "
  "services they build. You will dive deep into metrics, logs and data to find the root cause, "
  "act with a bias for action when speed matters, and insist on the highest standards of quality. "
  "You hire and develop the best, mentor and coach others, and deliver results on time. "
  "You think big about the long-term platform vision and roadmap, invent and simplify, automate "
  "and streamline. You earn trust by listening, being honest and transparent, and you have "
  "backbone: you disagree and commit. You are frugal with cost and budget, and curious: you "
  "learn, explore and experiment. ";

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
worst (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len - 1);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The CPU time of this thread: the machine may be busy with others. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
cpu_ms_since (gint64 start)
{
  return (cpu_now () - start) / 1000.0;
}

static char *
make_posting (guint n_words)
{
  GString *out = g_string_new (NULL);
  guint words = 0;

  while (words < n_words)
    {
      g_string_append (out, posting_text);
      words += 100;  /* about, per copy */
    }
  return g_string_free (out, FALSE);
}

/* 200 interviews over two years around now, at 20 companies: three to
 * five rounds each, two or three principles a round; past ones with a
 * log of what was told.
 */
static void
add_interviews (SbLibrary *library,
                SbCatalog *catalog,
                guint      n,
                GRand     *rand)
{
  GListModel *amazon = sb_framework_get_principles (sb_catalog_lookup_framework (catalog, "amazon"));
  guint n_principles = g_list_model_get_n_items (amazon);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *posting = make_posting (300);
  guint n_stories = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now, g_rand_int_range (rand, -600, 120));
      g_autoptr(SbInterview) interview = sb_interview_new (companies[i % G_N_ELEMENTS (companies)],
                                                           "Senior engineer", date);
      guint n_rounds = g_rand_int_range (rand, 3, 6);

      sb_interview_set_posting (interview, posting);
      for (guint r = 0; r < n_rounds; r++)
        {
          g_autoptr(SbRound) round = sb_round_new (round_names[r % G_N_ELEMENTS (round_names)]);
          guint n_probed = g_rand_int_range (rand, 2, 4);

          for (guint p = 0; p < n_probed; p++)
            {
              guint which = g_rand_int_range (rand, 0, n_principles);
              g_autoptr(SbPrinciple) principle = g_list_model_get_item (amazon, which);

              sb_round_add_principle (round, sb_principle_get_id (principle));
            }
          if (g_date_time_compare (date, now) < 0)
            for (guint t = 0; t < 2; t++)
              {
                g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library),
                                                                  g_rand_int_range (rand, 0, n_stories));

                sb_round_add_told (round, sb_story_get_id (story), sb_story_get_title (story));
              }
          sb_interview_add_round (interview, round);
        }
      sb_library_add_interview (library, interview);
    }
}

static double
load_ms (const char *path,
         gboolean    cache)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (path, library, catalog);
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (!cache)
    sb_store_set_cache_path (store, NULL);
  g_usleep (G_USEC_PER_SEC / 5);
  start = g_get_monotonic_time ();
  if (!sb_store_load (store, &error))
    g_error ("%s", error->message);
  return ms_since (start);
}

/* Loads @path with and without its interviews, alternately. */
static void
measure_load (SbLibrary *library,
              SbCatalog *catalog,
              const char *dir)
{
  g_autofree char *with = g_build_filename (dir, "with", "stories.json", NULL);
  g_autofree char *without = g_build_filename (dir, "without", "stories.json", NULL);
  g_autoptr(GArray) cache_with = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cache_without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json_with = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json_without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SbStore) store = sb_store_new (with, library, catalog);

    if (!sb_store_save (store, &error))
      g_error ("%s", error->message);
  }
  {
    g_autoptr(SbLibrary) bare = sb_library_new ();
    g_autoptr(GPtrArray) stories = sb_library_dup_stories_for_principle (library, NULL);
    g_autoptr(SbStore) store = sb_store_new (without, bare, catalog);

    sb_library_splice (bare, stories);
    if (!sb_store_save (store, &error))
      g_error ("%s", error->message);
  }

  for (guint r = 0; r < 7; r++)
    {
      double v;

      v = load_ms (with, TRUE);
      g_array_append_val (cache_with, v);
      v = load_ms (without, TRUE);
      g_array_append_val (cache_without, v);
      v = load_ms (with, FALSE);
      g_array_append_val (json_with, v);
      v = load_ms (without, FALSE);
      g_array_append_val (json_without, v);
    }

  g_print ("load-interviews cache_ms=%.1f cache_without_ms=%.1f json_ms=%.1f json_without_ms=%.1f\n",
           median (cache_with), median (cache_without), median (json_with), median (json_without));
}

int
main (int   argc,
      char *argv[])
{
  guint n_stories = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint n_interviews = argc > 2 ? (guint) atoi (argv[2]) : 200;
  g_autoptr(GRand) rand = g_rand_new_with_seed (24);
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (n_stories, 2024);
  g_autoptr(GArray) plan_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plan_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) posting_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) posting_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) due_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) due_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double first_ms = 0, first_cpu_ms = 0;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *posting = make_posting (2000);
  g_autofree char *dir = sb_test_make_tmpdir ();
  GListModel *interviews;
  guint n_slots = 0, n_gaps = 0;

  sb_library_splice (library, stories);
  add_interviews (library, catalog, n_interviews, rand);
  interviews = sb_library_get_interviews (library);
  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (interviews, i);

      g_ptr_array_add (ids, g_strdup (sb_interview_get_id (interview)));
    }

  /* Opening each interview: found, planned, each story's schedule. */
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = cpu_now ();
      SbInterview *interview = sb_library_find_interview (library, ids->pdata[i]);
      g_autoptr(SbPlan) plan = sb_plan_compute (interview, library, catalog);
      double ms;

      for (guint r = 0; r < plan->rounds->len; r++)
        {
          SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

          for (guint s = 0; s < plan_round->slots->len; s++)
            {
              SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, s);
              g_auto(SbSchedule) schedule = { 0, };

              n_slots++;
              n_gaps += slot->gap != SB_COVERAGE_GAP_NONE;
              if (slot->pick != NULL)
                sb_schedule_compute (slot->pick->story, sb_interview_get_date (interview), now, &schedule);
            }
        }
      ms = ms_since (start);
      g_array_append_val (plan_ms, ms);
      if (i == 0)
        first_ms = g_array_index (plan_ms, double, 0);
      ms = cpu_ms_since (cpu_start);
      g_array_append_val (plan_cpu_ms, ms);
      if (i == 0)
        first_cpu_ms = ms;
      /* The user accepts it: "Due today" has stories to look at. */
      sb_plan_accept (plan);
    }

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = cpu_now ();
      g_autoptr(GPtrArray) matches = sb_posting_analyse (posting, catalog, NULL);
      double ms = ms_since (start);
      double cpu_ms = cpu_ms_since (cpu_start);

      g_assert_cmpuint (matches->len, >, 0);
      g_array_append_val (posting_ms, ms);
      g_array_append_val (posting_cpu_ms, cpu_ms);
    }

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = cpu_now ();
      g_auto(GStrv) due = sb_schedule_dup_due_today (library, now);
      double ms = ms_since (start);
      double cpu_ms = cpu_ms_since (cpu_start);

      g_array_append_val (due_ms, ms);
      g_array_append_val (due_cpu_ms, cpu_ms);
    }

  /* The first plan reads the library for fitting stories; the next ones
   * find them kept while no story changed.
   */
  g_print ("plan stories=%u interviews=%u slots=%u gaps=%u first_ms=%.2f first_cpu_ms=%.2f "
           "median_ms=%.2f max_ms=%.2f cpu_median_ms=%.2f cpu_max_ms=%.2f\n",
           n_stories, ids->len, n_slots, n_gaps, first_ms, first_cpu_ms, median (plan_ms), worst (plan_ms),
           median (plan_cpu_ms), worst (plan_cpu_ms));
  g_print ("posting words=%u median_ms=%.2f max_ms=%.2f cpu_median_ms=%.2f cpu_max_ms=%.2f\n",
           sb_coach_count_words (posting), median (posting_ms), worst (posting_ms),
           median (posting_cpu_ms), worst (posting_cpu_ms));
  g_print ("due-today median_ms=%.2f max_ms=%.2f cpu_median_ms=%.2f\n", median (due_ms), worst (due_ms),
           median (due_cpu_ms));

  if (g_getenv ("BENCHMARK_PLAN_NO_LOAD") == NULL)
    measure_load (library, catalog, dir);

  if (g_getenv ("BENCHMARK_PLAN_KEEP") != NULL)
    g_print ("kept %s\n", dir);
  else
    sb_test_rm_rf (dir);
  return 0;
}
