/* test-review.c: rehearsal order, scopes, prompts, sessions and coverage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-review.h"
#include "sb-review-session.h"
#include "sb-test-util.h"

static GDateTime *
day (int n)
{
  /* 2026-01-01 plus @n days, UTC. */
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 12, 0, 0);

  return g_date_time_add_days (base, n);
}

static SbStory *
story_new (const char  *title,
           const char **principles)
{
  static const char *none[] = { NULL };
  SbStory *story = sb_story_new ();

  sb_story_set_title (story, title);
  sb_story_set_principles (story, principles ? principles : none);
  return story;
}

static void
practise (SbStory *story,
          int      confidence,
          int      on_day)
{
  g_autoptr(GDateTime) when = day (on_day);

  sb_story_record_practice (story, confidence, when);
}

static void
test_order (void)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GDateTime) now = day (100);
  SbStory *a, *b, *c, *d, *e, *f, *g, *h, *i, *j, *k;
  GPtrArray *expected;

  a = story_new ("B-title", NULL);                    /* never practised */
  b = story_new ("a-title", NULL);                    /* never practised */
  c = story_new ("Same", NULL);                       /* never practised */
  d = story_new ("Same", NULL);                       /* never practised */
  e = story_new ("E", NULL); practise (e, 2, 90);     /* weak, 10 days ago */
  f = story_new ("F", NULL); practise (f, 4, 70);     /* strong, 30 days ago */
  g = story_new ("G", NULL); practise (g, 2, 99);     /* weak, yesterday */
  h = story_new ("beta", NULL); practise (h, 3, 95);
  i = story_new ("Alpha", NULL); practise (i, 3, 95);
  j = story_new ("Twin", NULL); practise (j, 3, 95);
  k = story_new ("Twin", NULL); practise (k, 3, 95);

  /* Same title: the id decides. */
  if (strcmp (sb_story_get_id (c), sb_story_get_id (d)) > 0)
    {
      SbStory *t = c; c = d; d = t;
    }
  if (strcmp (sb_story_get_id (j), sb_story_get_id (k)) > 0)
    {
      SbStory *t = j; j = k; k = t;
    }

  expected = g_ptr_array_new ();
  /* 1. never practised first, by title (case-insensitive), then id; */
  g_ptr_array_add (expected, b);
  g_ptr_array_add (expected, a);
  g_ptr_array_add (expected, c);
  g_ptr_array_add (expected, d);
  /* 2. lower confidence first; 3. among equals the oldest practice first; */
  g_ptr_array_add (expected, e);
  g_ptr_array_add (expected, g);
  /* 4. then title, then id. */
  g_ptr_array_add (expected, i);
  g_ptr_array_add (expected, h);
  g_ptr_array_add (expected, j);
  g_ptr_array_add (expected, k);
  g_ptr_array_add (expected, f);

  /* Whatever order they come in, they leave in the same one. */
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (round);

      g_ptr_array_set_size (stories, 0);
      for (guint n = 0; n < expected->len; n++)
        g_ptr_array_insert (stories, g_rand_int_range (rand, 0, stories->len + 1),
                            g_object_ref (expected->pdata[n]));

      g_clear_pointer (&ordered, g_ptr_array_unref);
      ordered = sb_review_order (stories, now);
      g_assert_cmpuint (ordered->len, ==, expected->len);
      for (guint n = 0; n < expected->len; n++)
        if (ordered->pdata[n] != expected->pdata[n])
          g_error ("round %u position %u: got %s, expected %s", round, n,
                   sb_story_get_title (ordered->pdata[n]),
                   sb_story_get_title (expected->pdata[n]));
    }

  g_ptr_array_unref (expected);
  g_object_unref (a); g_object_unref (b); g_object_unref (c); g_object_unref (d);
  g_object_unref (e); g_object_unref (f); g_object_unref (g); g_object_unref (h);
  g_object_unref (i); g_object_unref (j); g_object_unref (k);
}

static void
test_order_future_practice (void)
{
  g_autoptr(SbStory) a = story_new ("A", NULL);
  g_autoptr(SbStory) b = story_new ("B", NULL);
  g_autoptr(SbStory) old = story_new ("Old", NULL);
  g_autoptr(GDateTime) now = day (10);

  /* Practices dated after "now" (a clock that was wrong) count as just
   * now: neither is "longer ago", the title decides.
   */
  practise (a, 3, 60);
  practise (b, 3, 50);
  practise (old, 3, 9);
  g_assert_cmpint (sb_review_compare (a, b, now), <, 0);
  g_assert_cmpint (sb_review_compare (b, a, now), >, 0);
  g_assert_cmpint (sb_review_compare (old, a, now), <, 0);
}

typedef struct
{
  SbCatalog *catalog;
  SbLibrary *library;
  SbStory   *s1, *s2, *s3, *s4, *s5;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(SbPrinciple) mine = sb_principle_new ("mine", "My Principle", SB_FRAMEWORK_USER, FALSE);

  fx->catalog = sb_catalog_new ();
  sb_catalog_add_principle (fx->catalog, mine);
  fx->library = sb_library_new ();

  fx->s1 = story_new ("One", (const char *[]) { "think-big", NULL });
  fx->s2 = story_new ("Two", (const char *[]) { "teamwork", NULL });
  fx->s3 = story_new ("Three", (const char *[]) { "ownership", "teamwork", NULL });
  fx->s4 = story_new ("Four", NULL);
  fx->s5 = story_new ("Five", (const char *[]) { "mine", NULL });

  sb_library_add (fx->library, fx->s1);
  sb_library_add (fx->library, fx->s2);
  sb_library_add (fx->library, fx->s3);
  sb_library_add (fx->library, fx->s4);
  sb_library_add (fx->library, fx->s5);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->s1);
  g_clear_object (&fx->s2);
  g_clear_object (&fx->s3);
  g_clear_object (&fx->s4);
  g_clear_object (&fx->s5);
  g_clear_object (&fx->library);
  g_clear_object (&fx->catalog);
}

static void
assert_stories (GPtrArray *stories,
                ...)
{
  va_list args;
  guint n = 0;
  SbStory *story;

  va_start (args, stories);
  while ((story = va_arg (args, SbStory *)))
    {
      g_assert_cmpuint (n, <, stories->len);
      g_assert_true (stories->pdata[n] == story);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (n, ==, stories->len);
}

static void
test_scope (Fixture       *fx,
            gconstpointer  data)
{
  SbReviewScope all = { SB_REVIEW_SCOPE_ALL, NULL, NULL };
  SbReviewScope amazon = { SB_REVIEW_SCOPE_FRAMEWORK, "amazon", NULL };
  SbReviewScope competencies = { SB_REVIEW_SCOPE_FRAMEWORK, "competencies", NULL };
  SbReviewScope user = { SB_REVIEW_SCOPE_FRAMEWORK, SB_FRAMEWORK_USER, NULL };
  SbReviewScope teamwork = { SB_REVIEW_SCOPE_PRINCIPLE, "teamwork", NULL };
  const char *ids[] = { sb_story_get_id (fx->s4), "no-such-story", sb_story_get_id (fx->s1),
                        sb_story_get_id (fx->s4), NULL };
  SbReviewScope list = { SB_REVIEW_SCOPE_STORIES, NULL, ids };
  GPtrArray *got;

  got = sb_review_collect (fx->library, fx->catalog, &all);
  assert_stories (got, fx->s1, fx->s2, fx->s3, fx->s4, fx->s5, NULL);
  g_ptr_array_unref (got);

  got = sb_review_collect (fx->library, fx->catalog, &amazon);
  assert_stories (got, fx->s1, fx->s3, NULL);
  g_ptr_array_unref (got);

  got = sb_review_collect (fx->library, fx->catalog, &competencies);
  assert_stories (got, fx->s2, fx->s3, NULL);
  g_ptr_array_unref (got);

  got = sb_review_collect (fx->library, fx->catalog, &user);
  assert_stories (got, fx->s5, NULL);
  g_ptr_array_unref (got);

  got = sb_review_collect (fx->library, fx->catalog, &teamwork);
  assert_stories (got, fx->s2, fx->s3, NULL);
  g_ptr_array_unref (got);

  /* A list: each story once, unknown ids skipped. */
  got = sb_review_collect (fx->library, fx->catalog, &list);
  assert_stories (got, fx->s4, fx->s1, NULL);
  g_ptr_array_unref (got);

  /* The principle a card is about follows the scope. */
  g_assert_cmpstr (sb_principle_get_id (sb_review_pick_principle (fx->s3, fx->catalog, &competencies)), ==, "teamwork");
  g_assert_cmpstr (sb_principle_get_id (sb_review_pick_principle (fx->s3, fx->catalog, &amazon)), ==, "ownership");
  g_assert_cmpstr (sb_principle_get_id (sb_review_pick_principle (fx->s3, fx->catalog, &all)), ==, "ownership");
  g_assert_cmpstr (sb_principle_get_id (sb_review_pick_principle (fx->s3, fx->catalog, &teamwork)), ==, "teamwork");
  g_assert_null (sb_review_pick_principle (fx->s4, fx->catalog, &all));
}

static void
test_prompt (Fixture       *fx,
             gconstpointer  data)
{
  SbPrinciple *think_big = sb_catalog_lookup (fx->catalog, "think-big");
  SbPrinciple *mine = sb_catalog_lookup (fx->catalog, "mine");
  const char * const *questions = sb_principle_get_questions (think_big);
  guint n = g_strv_length ((char **) questions);
  g_autoptr(SbStory) untitled = story_new ("", NULL);

  g_assert_cmpuint (n, >=, 2);

  /* Each rehearsal of the story asks the next of the principle's questions. */
  for (guint i = 0; i <= n; i++)
    {
      g_autofree char *prompt = sb_review_dup_prompt (fx->s1, think_big);

      g_assert_cmpstr (prompt, ==, questions[i % n]);
      practise (fx->s1, 3, (int) i);
    }

  /* No questions (a principle the user made), or no principle: the title. */
  {
    g_autofree char *prompt = sb_review_dup_prompt (fx->s5, mine);
    g_autofree char *prompt2 = sb_review_dup_prompt (fx->s4, NULL);
    g_autofree char *prompt3 = sb_review_dup_prompt (untitled, NULL);

    g_assert_cmpstr (prompt, ==, "Five");
    g_assert_cmpstr (prompt2, ==, "Four");
    g_assert_cmpstr (prompt3, !=, "");
  }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

#define SEC G_USEC_PER_SEC

static void
test_session (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) x = story_new ("X", (const char *[]) { "think-big", NULL });
  g_autoptr(SbStory) y = story_new ("Y", (const char *[]) { "think-big", NULL });
  g_autoptr(SbStory) z = story_new ("Z", (const char *[]) { "think-big", NULL });
  g_autoptr(SbStory) other = story_new ("Other", (const char *[]) { "frugality", NULL });
  g_autoptr(SbReviewSession) session = NULL;
  g_autoptr(GDateTime) when1 = day (200);
  g_autoptr(GDateTime) when2 = day (201);
  g_autoptr(GDateTime) when3 = day (202);
  SbReviewScope scope = { SB_REVIEW_SCOPE_PRINCIPLE, "think-big", NULL };
  const char * const *questions;
  SbReviewSummary summary;
  SbReviewCard *card;
  guint position_notifies = 0;
  guint finished_notifies = 0;

  practise (y, 2, 10);
  practise (z, 4, 5);
  sb_library_add (library, z);
  sb_library_add (library, other);
  sb_library_add (library, y);
  sb_library_add (library, x);

  questions = sb_principle_get_questions (sb_catalog_lookup (catalog, "think-big"));

  session = sb_review_session_new (library, catalog, &scope, NULL);
  g_signal_connect (session, "notify::position", G_CALLBACK (count_notify), &position_notifies);
  g_signal_connect (session, "notify::finished", G_CALLBACK (count_notify), &finished_notifies);

  g_assert_cmpuint (sb_review_session_get_n_cards (session), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (sb_review_session_get_cards (session)), ==, 3);
  g_assert_cmpuint (sb_review_session_get_position (session), ==, 0);
  g_assert_false (sb_review_session_get_finished (session));
  g_assert_false (sb_review_session_get_revealed (session));
  g_assert_cmpuint (sb_review_session_get_target_seconds (session), ==, 120);

  /* Card 1: X, never practised, first question. */
  card = sb_review_session_get_current_card (session);
  g_assert_true (sb_review_card_get_story (card) == x);
  g_assert_cmpstr (sb_review_card_get_prompt (card), ==, questions[0]);
  g_assert_cmpstr (sb_principle_get_id (sb_review_card_get_principle (card)), ==, "think-big");

  sb_review_session_start_at (session, 1000 * SEC);
  g_assert_true (sb_review_session_reveal_at (session, 1090 * SEC));
  g_assert_false (sb_review_session_reveal_at (session, 1091 * SEC));
  g_assert_true (sb_review_session_get_revealed (session));
  g_assert_cmpfloat_with_epsilon (sb_review_card_get_seconds (card), 90.0, 1e-9);
  g_assert_true (sb_review_session_rate_at (session, 4, 1095 * SEC, when1));
  g_assert_false (sb_review_session_rate_at (session, 5, 1096 * SEC, when1));  /* rated once */
  g_assert_cmpuint (sb_story_get_practice_count (x), ==, 1);
  g_assert_cmpint (sb_story_get_confidence (x), ==, 4);
  g_assert_true (g_date_time_equal (sb_story_get_practice_last (x), when1));
  g_assert_cmpint (sb_review_card_get_rating (card), ==, 4);

  g_assert_true (sb_review_session_next_at (session, 1100 * SEC));
  g_assert_cmpuint (position_notifies, ==, 1);
  g_assert_cmpuint (sb_review_session_get_position (session), ==, 1);
  g_assert_false (sb_review_session_get_revealed (session));

  /* Card 2: Y, confidence 2, practised once: the second question. Rated
   * without revealing first: the answer's time ends at the rating.
   */
  card = sb_review_session_get_current_card (session);
  g_assert_true (sb_review_card_get_story (card) == y);
  g_assert_cmpstr (sb_review_card_get_prompt (card), ==, questions[1]);
  g_assert_true (sb_review_session_rate_at (session, 3, 1250 * SEC, when2));
  g_assert_true (sb_review_session_get_revealed (session));
  g_assert_cmpfloat_with_epsilon (sb_review_card_get_seconds (card), 150.0, 1e-9);
  g_assert_cmpuint (sb_story_get_practice_count (y), ==, 2);
  g_assert_cmpint (sb_story_get_confidence (y), ==, 3);
  g_assert_true (g_date_time_equal (sb_story_get_practice_last (y), when2));

  g_assert_true (sb_review_session_next_at (session, 1300 * SEC));

  /* Card 3: Z, the strongest, last. */
  card = sb_review_session_get_current_card (session);
  g_assert_true (sb_review_card_get_story (card) == z);
  g_assert_true (sb_review_session_reveal_at (session, 1360 * SEC));
  g_assert_true (sb_review_session_rate_at (session, 5, 1370 * SEC, when3));
  g_assert_cmpuint (sb_story_get_practice_count (z), ==, 2);
  g_assert_cmpint (sb_story_get_confidence (z), ==, 5);

  g_assert_false (sb_review_session_next_at (session, 1400 * SEC));
  g_assert_true (sb_review_session_get_finished (session));
  g_assert_cmpuint (finished_notifies, ==, 1);
  g_assert_null (sb_review_session_get_current_card (session));
  g_assert_false (sb_review_session_next_at (session, 1500 * SEC));
  g_assert_false (sb_review_session_rate_at (session, 3, 1500 * SEC, NULL));
  g_assert_false (sb_review_session_reveal (session));

  /* The story outside the scope was not touched. */
  g_assert_cmpuint (sb_story_get_practice_count (other), ==, 0);

  sb_review_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.n_cards, ==, 3);
  g_assert_cmpuint (summary.n_done, ==, 3);
  g_assert_cmpfloat_with_epsilon (summary.average_confidence, 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary.average_seconds, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary.total_seconds, 300.0, 1e-9);
  g_assert_cmpuint (summary.n_over_target, ==, 1);

  /* A shorter target counts more cards as over it. */
  sb_review_session_set_target_seconds (session, 60);
  sb_review_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.n_over_target, ==, 2);
}

static void
test_session_skip_and_empty (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) a = story_new ("A", NULL);
  g_autoptr(SbStory) b = story_new ("B", NULL);
  g_autoptr(SbReviewSession) session = NULL;
  g_autoptr(SbReviewSession) empty = NULL;
  SbReviewScope all = { SB_REVIEW_SCOPE_ALL, NULL, NULL };
  SbReviewScope nothing = { SB_REVIEW_SCOPE_PRINCIPLE, "frugality", NULL };
  SbReviewSummary summary;

  sb_library_add (library, a);
  sb_library_add (library, b);

  session = sb_review_session_new (library, catalog, &all, NULL);
  /* No principle: the title is the prompt. */
  g_assert_cmpstr (sb_review_card_get_prompt (sb_review_session_get_current_card (session)), ==, "A");
  g_assert_true (sb_review_session_next (session));  /* skip A */
  g_assert_true (sb_review_session_rate (session, 2));
  g_assert_false (sb_review_session_next (session));

  g_assert_cmpuint (sb_story_get_practice_count (a), ==, 0);
  g_assert_cmpuint (sb_story_get_practice_count (b), ==, 1);
  sb_review_session_get_summary (session, &summary);
  g_assert_cmpuint (summary.n_cards, ==, 2);
  g_assert_cmpuint (summary.n_done, ==, 1);
  g_assert_cmpfloat_with_epsilon (summary.average_confidence, 2.0, 1e-9);

  empty = sb_review_session_new (library, catalog, &nothing, NULL);
  g_assert_cmpuint (sb_review_session_get_n_cards (empty), ==, 0);
  g_assert_true (sb_review_session_get_finished (empty));
  g_assert_null (sb_review_session_get_current_card (empty));
  sb_review_session_get_summary (empty, &summary);
  g_assert_cmpuint (summary.n_done, ==, 0);
  g_assert_cmpfloat (summary.average_seconds, ==, 0.0);
}

static SbCoverageRow *
row_for (SbCoverage *coverage,
         const char *principle_id)
{
  for (guint i = 0; i < coverage->rows->len; i++)
    {
      SbCoverageRow *row = coverage->rows->pdata[i];

      if (strcmp (sb_principle_get_id (row->principle), principle_id) == 0)
        return row;
    }
  g_assert_not_reached ();
}

static void
test_coverage (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) big = story_new ("Big", (const char *[]) { "think-big", NULL });
  g_autoptr(SbStory) owner = story_new ("Owner", (const char *[]) { "ownership", NULL });
  g_autoptr(SbStory) owner_weak = story_new ("Owner weak", (const char *[]) { "ownership", "dive-deep", NULL });
  g_autoptr(SbStory) everything = story_new ("Everything",
    (const char *[]) { "customer-obsession", "earn-trust", "bias-for-action", "deliver-results", "dive-deep", NULL });
  g_autoptr(SbStory) four = story_new ("Four",
    (const char *[]) { "customer-obsession", "earn-trust", "bias-for-action", "deliver-results", NULL });
  g_autoptr(SbCoverage) coverage = NULL;
  g_autoptr(SbCoverage) none = NULL;
  g_autoptr(SbCoverage) all = NULL;
  SbCoverageRow *row;
  guint n_gaps = 0;

  practise (owner, 4, 1);
  practise (owner_weak, 2, 1);
  practise (everything, 3, 1);
  practise (four, 2, 1);
  sb_library_add (library, big);
  sb_library_add (library, owner);
  sb_library_add (library, owner_weak);
  sb_library_add (library, everything);
  sb_library_add (library, four);

  coverage = sb_coverage_compute (library, catalog, "amazon");
  g_assert_cmpuint (coverage->rows->len, ==,
                    g_list_model_get_n_items (sb_framework_get_principles (sb_catalog_lookup_framework (catalog, "amazon"))));

  /* Only a never-practised story. */
  row = row_for (coverage, "think-big");
  g_assert_cmpuint (row->n_stories, ==, 1);
  g_assert_cmpint (row->best_confidence, ==, 0);
  g_assert_cmpint (row->gap, ==, SB_COVERAGE_GAP_ONLY_WEAK);

  /* The best of a strong and a weak story. */
  row = row_for (coverage, "ownership");
  g_assert_cmpuint (row->n_stories, ==, 2);
  g_assert_cmpint (row->best_confidence, ==, 4);
  g_assert_cmpint (row->gap, ==, SB_COVERAGE_GAP_NONE);

  /* 2 is weak, 3 is not. */
  row = row_for (coverage, "deliver-results");
  g_assert_cmpint (row->best_confidence, ==, 3);
  g_assert_cmpint (row->gap, ==, SB_COVERAGE_GAP_NONE);
  g_assert_cmpuint (row->n_over_used, ==, 1);
  row = row_for (coverage, "dive-deep");
  g_assert_cmpint (row->best_confidence, ==, 3);
  g_assert_true (row->stories->pdata[0] == owner_weak);

  row = row_for (coverage, "frugality");
  g_assert_cmpuint (row->n_stories, ==, 0);
  g_assert_cmpint (row->gap, ==, SB_COVERAGE_GAP_NO_STORY);

  /* Five principles is over-used; four is not. */
  g_assert_cmpuint (coverage->over_used->len, ==, 1);
  g_assert_true (coverage->over_used->pdata[0] == everything);
  g_assert_true (sb_coverage_is_over_used (coverage, everything));
  g_assert_false (sb_coverage_is_over_used (coverage, four));

  for (guint i = 0; i < coverage->rows->len; i++)
    if (((SbCoverageRow *) coverage->rows->pdata[i])->gap != SB_COVERAGE_GAP_NONE)
      n_gaps++;
  g_assert_cmpuint (coverage->n_gaps, ==, n_gaps);
  /* Covered: ownership (4) and the five of "Everything" (3). */
  g_assert_cmpuint (coverage->n_gaps, ==, coverage->rows->len - 6);

  none = sb_coverage_compute (library, catalog, "no-such-framework");
  g_assert_cmpuint (none->rows->len, ==, 0);

  all = sb_coverage_compute (library, catalog, NULL);
  g_assert_cmpuint (all->rows->len, ==, g_list_model_get_n_items (sb_catalog_get_principles (catalog)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/order", test_order);
  g_test_add_func ("/review/order/future-practice", test_order_future_practice);
  g_test_add ("/review/scope", Fixture, NULL, fixture_set_up, test_scope, fixture_tear_down);
  g_test_add ("/review/prompt", Fixture, NULL, fixture_set_up, test_prompt, fixture_tear_down);
  g_test_add_func ("/review/session", test_session);
  g_test_add_func ("/review/session/skip-and-empty", test_session_skip_and_empty);
  g_test_add_func ("/review/coverage", test_coverage);

  return g_test_run ();
}
