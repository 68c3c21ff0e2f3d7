/* test-coach.c: the story coach's checks, thresholds and dismissal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-catalog.h"
#include "sb-coach.h"
#include "sb-test-util.h"

static SbStory *
make_story (const char  *title,
            const char  *situation,
            const char  *task,
            const char **actions,
            const char  *result,
            const char **principles)
{
  static const char *none[] = { NULL };
  SbStory *story = sb_story_new ();

  sb_story_set_title (story, title ? title : "");
  sb_story_set_situation (story, situation ? situation : "");
  sb_story_set_task (story, task ? task : "");
  sb_story_set_actions (story, actions ? actions : none);
  sb_story_set_result (story, result ? result : "");
  sb_story_set_principles (story, principles ? principles : none);

  return story;
}

/* @n words that trip nothing and match no built-in signal. */
static char *
filler (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, i ? " apple" : "Apple");
  return g_string_free (s, FALSE);
}

/* A story that passes every check: the base most tests vary one part of. */
static SbStory *
make_good_story (void)
{
  const char *actions[] = {
    "Designed a canary release for the checkout service with automatic rollback",
    "Wrote the load tests that proved the new path held twice the peak traffic",
    "Led the migration of the ten busiest merchants, one each morning",
    "Measured every release against the old path and published the numbers to the whole company each Friday",
    NULL
  };
  const char *principles[] = { "think-big", NULL };

  return make_story ("Checkout at scale",
                     "Our checkout service was slowing down as traffic grew before the holiday season.",
                     "I had to make it scale for the next five years of growth.",
                     actions,
                     "Checkout latency fell by 60% and the platform carried three times the traffic.",
                     principles);
}

static guint
count (GPtrArray  *findings,
       const char *check_id)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (strcmp (sb_finding_get_check_id (findings->pdata[i]), check_id) == 0)
      n++;
  return n;
}

static SbFinding *
find (GPtrArray  *findings,
      const char *check_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (strcmp (sb_finding_get_check_id (findings->pdata[i]), check_id) == 0)
      return findings->pdata[i];
  return NULL;
}

static guint
count_check (SbStory    *story,
             const char *check_id)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) findings = sb_coach_check (story, catalog, NULL);

  return count (findings, check_id);
}

static void
test_good_story_is_clean (void)
{
  g_autoptr(SbStory) story = make_good_story ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) findings = sb_coach_check (story, catalog, NULL);

  for (guint i = 0; i < findings->len; i++)
    if (strcmp (sb_finding_get_check_id (findings->pdata[i]), SB_CHECK_SPEAKING_TIME) != 0)
      g_error ("unexpected finding %s: %s", sb_finding_get_check_id (findings->pdata[i]),
               sb_finding_get_message (findings->pdata[i]));
}

static void
test_missing_part (void)
{
  g_autoptr(SbStory) empty = make_story ("Draft", NULL, "  \n ", NULL, NULL, NULL);
  g_autoptr(SbStory) good = make_good_story ();
  g_autoptr(GPtrArray) findings = sb_coach_check (empty, NULL, NULL);
  const char *one[] = { "Rewrote the parser", "   ", NULL };
  const char *two[] = { "Rewrote the parser", "Measured it", NULL };
  SbStoryField expected[] = {
    SB_STORY_FIELD_SITUATION, SB_STORY_FIELD_TASK, SB_STORY_FIELD_ACTION, SB_STORY_FIELD_RESULT,
  };
  SbFinding *finding;

  /* One finding per missing part, blank counts as missing. */
  g_assert_cmpuint (count (findings, SB_CHECK_MISSING_PART), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      SbFinding *f = findings->pdata[i];

      g_assert_cmpstr (sb_finding_get_check_id (f), ==, SB_CHECK_MISSING_PART);
      g_assert_cmpint (sb_finding_get_field (f), ==, expected[i]);
      g_assert_cmpint (sb_finding_get_severity (f), ==, SB_FINDING_WARNING);
      g_assert_cmpstr (sb_finding_get_message (f), !=, "");
      g_assert_cmpstr (sb_finding_get_suggestion (f), !=, "");
    }
  /* An empty draft is not also told it is too short to judge. */
  g_assert_cmpuint (count (findings, SB_CHECK_LONG_SETUP), ==, 0);
  g_assert_cmpuint (count (findings, SB_CHECK_SPEAKING_TIME), ==, 0);
  g_assert_cmpuint (count (findings, SB_CHECK_UNMEASURED_RESULT), ==, 0);

  g_assert_cmpuint (count_check (good, SB_CHECK_MISSING_PART), ==, 0);

  /* Fewer than two (non-blank) steps. */
  sb_story_set_actions (good, one);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = sb_coach_check (good, NULL, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_MISSING_PART), ==, 1);
  finding = find (findings, SB_CHECK_MISSING_PART);
  g_assert_cmpint (sb_finding_get_field (finding), ==, SB_STORY_FIELD_ACTION);

  sb_story_set_actions (good, two);
  g_assert_cmpuint (count_check (good, SB_CHECK_MISSING_PART), ==, 0);
}

static void
test_unmeasured_result (void)
{
  static const char * const unmeasured[] = {
    "The team was much happier and customers liked it.",
    "We moved from the old office to the new one.",
    "No one complained afterwards.",
    "Over the years the tool became popular.",
  };
  static const char * const measured[] = {
    "Latency fell by 40 percent.",
    "Cut p99 latency by 40%.",
    "Saved $20k a year in hosting.",
    "Three teams adopted it.",
    "Deploys became twice as fast.",
    "Throughput doubled.",
    "Halved the error rate.",
    "A 10x improvement in build speed.",
    "Reporting went from days to minutes.",
    "Shipped within a week.",
    "Support tickets dropped tenfold.",
  };
  g_autoptr(SbStory) story = make_good_story ();

  for (guint i = 0; i < G_N_ELEMENTS (unmeasured); i++)
    {
      sb_story_set_result (story, unmeasured[i]);
      if (count_check (story, SB_CHECK_UNMEASURED_RESULT) != 1)
        g_error ("not flagged: %s", unmeasured[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (measured); i++)
    {
      sb_story_set_result (story, measured[i]);
      if (count_check (story, SB_CHECK_UNMEASURED_RESULT) != 0)
        g_error ("flagged: %s", measured[i]);
    }
}

static void
test_we_not_i (void)
{
  const char *we_steps[] = {
    "We split the monolith into services",
    "Our team wrote the migration plan and we ran it",
    NULL
  };
  const char *verb_steps[] = {
    "Designed the split of the monolith into services",
    "Wrote the migration plan and ran it with our team",
    "Led the cut-over weekend",
    NULL
  };
  g_autoptr(SbStory) story = make_good_story ();
  g_autoptr(GPtrArray) findings = NULL;

  /* Good story: "Our" once in the Situation, "I" once, three verb-led steps. */
  g_assert_cmpuint (count_check (story, SB_CHECK_WE_NOT_I), ==, 0);

  sb_story_set_actions (story, we_steps);
  findings = sb_coach_check (story, NULL, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_WE_NOT_I), ==, 1);
  g_assert_cmpint (sb_finding_get_field (find (findings, SB_CHECK_WE_NOT_I)), ==, SB_STORY_FIELD_ACTION);

  /* Steps that start with a verb count as "I". */
  sb_story_set_actions (story, verb_steps);
  g_assert_cmpuint (count_check (story, SB_CHECK_WE_NOT_I), ==, 0);

  /* A tie is not flagged; one more "we" is. */
  sb_story_set_situation (story, "We had a problem.");
  sb_story_set_task (story, "I had to fix it.");
  sb_story_set_actions (story, (const char *[]) { "Asked around", "Then we looked again", NULL });
  g_assert_cmpuint (count_check (story, SB_CHECK_WE_NOT_I), ==, 0);
  sb_story_set_situation (story, "We had a problem and it was ours.");
  g_assert_cmpuint (count_check (story, SB_CHECK_WE_NOT_I), ==, 1);

  /* "US" in capitals is the country. */
  sb_story_set_situation (story, "Sales in the US and the EU dropped.");
  g_assert_cmpuint (count_check (story, SB_CHECK_WE_NOT_I), ==, 0);
}

static void
test_vague (void)
{
  g_autoptr(SbStory) story = make_good_story ();
  g_autoptr(GPtrArray) findings = NULL;
  SbFinding *finding;

  g_assert_cmpuint (count_check (story, SB_CHECK_VAGUE), ==, 0);

  sb_story_set_actions (story, (const char *[]) {
    "Designed the schema and helped the team migrate",
    "Helped the team with the migration",
    "I wrote the plan and supported the rollout",
    "I was involved in the launch",
    "Worked on the dashboard",
    "Participated in the review",
    NULL
  });
  findings = sb_coach_check (story, NULL, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_VAGUE), ==, 4);
  finding = find (findings, SB_CHECK_VAGUE);
  g_assert_cmpint (sb_finding_get_field (finding), ==, SB_STORY_FIELD_ACTION);
  g_assert_cmpint (sb_finding_get_step (finding), ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Hedges anywhere in the story, one finding per part. */
  story = (g_object_unref (story), make_good_story ());
  sb_story_set_result (story, "Latency kind of fell by 40%.");
  findings = sb_coach_check (story, NULL, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_VAGUE), ==, 1);
  g_assert_cmpint (sb_finding_get_field (find (findings, SB_CHECK_VAGUE)), ==, SB_STORY_FIELD_RESULT);
  g_assert_nonnull (strstr (sb_finding_get_message (find (findings, SB_CHECK_VAGUE)), "kind of"));

  sb_story_set_situation (story, "Basically the service was slow, I think.");
  sb_story_set_task (story, "Maybe I had to fix it.");
  g_assert_cmpuint (count_check (story, SB_CHECK_VAGUE), ==, 3);

  sb_story_set_situation (story, "A kind customer sorted the list.");
  sb_story_set_task (story, "I had to fix it.");
  sb_story_set_result (story, "Latency fell by 40%.");
  g_assert_cmpuint (count_check (story, SB_CHECK_VAGUE), ==, 0);
}

/* A story with exactly @setup words of Situation+Task and @rest of Action
 * and Result (split so there are two steps).
 */
static SbStory *
make_sized_story (guint setup,
                  guint rest)
{
  g_autofree char *situation = filler (setup - setup / 2);
  g_autofree char *task = filler (setup / 2);
  g_autofree char *step1 = filler (rest / 2);
  g_autofree char *step2 = filler (rest - rest / 2 - 1);
  const char *actions[] = { step1, step2, NULL };

  return make_story ("Sized", situation, task, actions, "Doubled", NULL);
}

static void
test_long_setup (void)
{
  g_autoptr(SbStory) exact = make_sized_story (30, 70);
  g_autoptr(SbStory) over = make_sized_story (31, 69);
  g_autoptr(SbStory) short_over = make_sized_story (20, 19);
  g_autoptr(SbStory) judged_over = make_sized_story (13, 27);
  SbSpeakingEstimate estimate;

  sb_coach_estimate (exact, 0, &estimate);
  g_assert_cmpuint (estimate.total_words, ==, 100);

  /* Exactly 30 % is fine, just over is not. */
  g_assert_cmpuint (count_check (exact, SB_CHECK_LONG_SETUP), ==, 0);
  g_assert_cmpuint (count_check (over, SB_CHECK_LONG_SETUP), ==, 1);

  /* Under 40 words it is a draft and not judged; at 40 it is. */
  sb_coach_estimate (short_over, 0, &estimate);
  g_assert_cmpuint (estimate.total_words, ==, 39);
  g_assert_cmpuint (count_check (short_over, SB_CHECK_LONG_SETUP), ==, 0);
  sb_coach_estimate (judged_over, 0, &estimate);
  g_assert_cmpuint (estimate.total_words, ==, 40);
  g_assert_cmpuint (count_check (judged_over, SB_CHECK_LONG_SETUP), ==, 1);
}

static void
test_speaking_time (void)
{
  g_autoptr(SbStory) s139 = make_sized_story (20, 119);
  g_autoptr(SbStory) s140 = make_sized_story (20, 120);
  g_autoptr(SbStory) s420 = make_sized_story (100, 320);
  g_autoptr(SbStory) s421 = make_sized_story (100, 321);
  SbCoachOptions options = { .target_seconds = 60 };
  g_autoptr(GPtrArray) findings = NULL;
  SbSpeakingEstimate estimate;

  sb_coach_estimate (s140, 0, &estimate);
  g_assert_cmpuint (estimate.total_words, ==, 140);
  g_assert_cmpfloat_with_epsilon (estimate.total_seconds, 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.seconds[SB_STAR_SITUATION], 10 * 60.0 / 140, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.total_target_seconds, 120.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.target_seconds[SB_STAR_SITUATION], 18.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.target_seconds[SB_STAR_TASK], 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.target_seconds[SB_STAR_ACTION], 66.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.target_seconds[SB_STAR_RESULT], 24.0, 1e-9);

  /* 60 s and 180 s are inside; a word less or more is not. */
  g_assert_cmpuint (count_check (s139, SB_CHECK_SPEAKING_TIME), ==, 1);
  g_assert_cmpuint (count_check (s140, SB_CHECK_SPEAKING_TIME), ==, 0);
  g_assert_cmpuint (count_check (s420, SB_CHECK_SPEAKING_TIME), ==, 0);
  g_assert_cmpuint (count_check (s421, SB_CHECK_SPEAKING_TIME), ==, 1);

  findings = sb_coach_check (s421, NULL, NULL);
  g_assert_nonnull (strstr (sb_finding_get_message (find (findings, SB_CHECK_SPEAKING_TIME)), "3:00"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The target is a parameter: with 60 s, 70 words (30 s) is the floor. */
  g_object_unref (s139);
  s139 = make_sized_story (20, 50);
  findings = sb_coach_check (s139, NULL, &options);
  g_assert_cmpuint (count (findings, SB_CHECK_SPEAKING_TIME), ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_object_unref (s139);
  s139 = make_sized_story (20, 49);
  findings = sb_coach_check (s139, NULL, &options);
  g_assert_cmpuint (count (findings, SB_CHECK_SPEAKING_TIME), ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = sb_coach_check (s140, NULL, &options);
  g_assert_cmpuint (count (findings, SB_CHECK_SPEAKING_TIME), ==, 0);
}

/* Learnings are told (STAR-L) and count toward the spoken answer; notes
 * are for the teller and do not.
 */
static void
test_learnings_spoken (void)
{
  g_autoptr(SbStory) story = make_sized_story (20, 119);
  g_autofree char *long_notes = filler (300);
  SbSpeakingEstimate estimate;

  g_assert_cmpuint (sb_coach_count_words ("Next time I’d loop in the on-call folks up-front — and write it down."), ==, 13);

  /* Notes, however long, are not spoken. */
  sb_story_set_notes (story, long_notes);
  sb_coach_estimate (story, 0, &estimate);
  g_assert_cmpuint (estimate.total_words, ==, 139);
  g_assert_cmpuint (estimate.words[SB_STAR_LEARNINGS], ==, 0);
  g_assert_cmpuint (count_check (story, SB_CHECK_SPEAKING_TIME), ==, 1);

  /* A word of learnings brings a story a word short up to the floor. */
  sb_story_set_learnings (story, "Über-communicate");
  sb_coach_estimate (story, 0, &estimate);
  g_assert_cmpuint (estimate.words[SB_STAR_LEARNINGS], ==, 1);
  g_assert_cmpuint (estimate.total_words, ==, 140);
  g_assert_cmpfloat_with_epsilon (estimate.seconds[SB_STAR_LEARNINGS], 60.0 / 140, 1e-9);
  g_assert_cmpuint (count_check (story, SB_CHECK_SPEAKING_TIME), ==, 0);

  /* They have no share of the target: the split stays 15/10/55/20. */
  g_assert_cmpfloat_with_epsilon (estimate.target_seconds[SB_STAR_LEARNINGS], 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.target_seconds[SB_STAR_RESULT], 24.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (estimate.total_target_seconds, 120.0, 1e-9);
}

static void
test_stem (void)
{
  const char *scale[] = { "scale", "scaled", "scales", "scaling", "Scalable" };

  for (guint i = 0; i < G_N_ELEMENTS (scale); i++)
    {
      g_autofree char *stem = sb_coach_stem (scale[i]);
      g_assert_cmpstr (stem, ==, "scal");
    }

#define ASSERT_STEM(word, expected) \
  G_STMT_START { g_autofree char *s_ = sb_coach_stem (word); g_assert_cmpstr (s_, ==, expected); } G_STMT_END
  ASSERT_STEM ("planned", "plan");
  ASSERT_STEM ("planning", "plan");
  ASSERT_STEM ("installed", "install");
  ASSERT_STEM ("process", "process");
  ASSERT_STEM ("processes", "process");
  ASSERT_STEM ("quickly", "quick");
#define ASSERT_SAME_STEM(a, b) \
  G_STMT_START { g_autofree char *a_ = sb_coach_stem (a), *b_ = sb_coach_stem (b); g_assert_cmpstr (a_, ==, b_); } G_STMT_END
  ASSERT_SAME_STEM ("deployment", "deploy");
  ASSERT_SAME_STEM ("deployed", "deploys");
  ASSERT_SAME_STEM ("studies", "study");
  ASSERT_SAME_STEM ("automate", "automation");
#undef ASSERT_SAME_STEM
  ASSERT_STEM ("need", "need");
  ASSERT_STEM ("uses", "use");
#undef ASSERT_STEM
}

static void
test_principle_fit (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStory) story = make_good_story ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(SbPrinciple) mine = NULL;
  g_autofree char *words = filler (45);
  const char *think_big[] = { "think-big", NULL };
  const char *both[] = { "think-big", "frugality", NULL };
  SbFinding *finding;

  /* "scale", "growth", "platform": fits Think Big. */
  g_assert_cmpuint (count_check (story, SB_CHECK_PRINCIPLE_FIT), ==, 0);

  /* Nothing about Frugality in it: flagged, and only that one. */
  sb_story_set_principles (story, both);
  findings = sb_coach_check (story, catalog, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_PRINCIPLE_FIT), ==, 1);
  finding = find (findings, SB_CHECK_PRINCIPLE_FIT);
  g_assert_nonnull (strstr (sb_finding_get_message (finding), "Frugality"));
  g_assert_cmpint (sb_finding_get_field (finding), ==, SB_STORY_FIELD_PRINCIPLES);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Stems: "budgets" and "saved" both match Frugality ("budget", "sav"). */
  sb_story_set_result (story, "We saved 20% of the budgets.");
  g_assert_cmpuint (count_check (story, SB_CHECK_PRINCIPLE_FIT), ==, 0);

  /* A story with no signal word at all, under Think Big. */
  g_object_unref (story);
  story = make_story ("Apple", words, "Apple apple.", (const char *[]) { "Apple", "Apple", NULL },
                      "Apple 3.", think_big);
  g_assert_cmpuint (count_check (story, SB_CHECK_PRINCIPLE_FIT), ==, 1);

  /* Hyphenated words count whole and split: "long-term", "forward-scaling". */
  sb_story_set_result (story, "Apple 3, long-term.");
  g_assert_cmpuint (count_check (story, SB_CHECK_PRINCIPLE_FIT), ==, 0);
  sb_story_set_result (story, "Apple 3, forward-scaling.");
  g_assert_cmpuint (count_check (story, SB_CHECK_PRINCIPLE_FIT), ==, 0);

  /* A short draft is not judged yet. */
  sb_story_set_result (story, "Apple 3.");
  sb_story_set_situation (story, "Apple apple.");
  g_assert_cmpuint (count_check (story, SB_CHECK_PRINCIPLE_FIT), ==, 0);

  /* A user-made principle has no signals: its name and definition serve. */
  mine = sb_principle_new ("mentoring-juniors", "Mentoring Juniors", SB_FRAMEWORK_USER, FALSE);
  sb_principle_set_definition (mine, "Growing the people who join after you.");
  sb_catalog_add_principle (catalog, mine);
  sb_story_set_situation (story, words);
  sb_story_set_principles (story, (const char *[]) { "mentoring-juniors", NULL });
  findings = sb_coach_check (story, catalog, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_PRINCIPLE_FIT), ==, 1);
  g_assert_nonnull (strstr (sb_finding_get_message (find (findings, SB_CHECK_PRINCIPLE_FIT)), "Mentoring Juniors"));
  g_clear_pointer (&findings, g_ptr_array_unref);
  sb_story_set_result (story, "Mentored two new hires; both grew into the on-call rota in 3 months.");
  findings = sb_coach_check (story, catalog, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_PRINCIPLE_FIT), ==, 0);

  /* A principle with no usable words gives no grounds to complain. */
  g_clear_pointer (&findings, g_ptr_array_unref);
  {
    g_autoptr(SbPrinciple) bare = sb_principle_new ("q1", "Q1", SB_FRAMEWORK_USER, FALSE);

    sb_catalog_add_principle (catalog, bare);
    sb_story_set_result (story, "Apple 3.");
    sb_story_set_principles (story, (const char *[]) { "q1", NULL });
    findings = sb_coach_check (story, catalog, NULL);
    g_assert_cmpuint (count (findings, SB_CHECK_PRINCIPLE_FIT), ==, 0);
  }

  /* Without a catalog the check cannot run. */
  g_clear_pointer (&findings, g_ptr_array_unref);
  sb_story_set_result (story, "Apple 3.");
  findings = sb_coach_check (story, NULL, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_PRINCIPLE_FIT), ==, 0);
}

static void
test_over_used (void)
{
  const char *four[] = { "think-big", "ownership", "dive-deep", "frugality", NULL };
  const char *five[] = { "think-big", "ownership", "dive-deep", "frugality", "earn-trust", NULL };
  g_autoptr(SbStory) story = make_good_story ();
  g_autoptr(GPtrArray) findings = NULL;

  sb_story_set_principles (story, four);
  g_assert_cmpuint (count_check (story, SB_CHECK_OVER_USED), ==, 0);
  sb_story_set_principles (story, five);
  findings = sb_coach_check (story, NULL, NULL);
  g_assert_cmpuint (count (findings, SB_CHECK_OVER_USED), ==, 1);
  g_assert_nonnull (strstr (sb_finding_get_message (find (findings, SB_CHECK_OVER_USED)), "5"));
  g_assert_cmpuint (sb_coach_get_thresholds ()->max_principles, ==, 4);
}

static void
test_dismissed (void)
{
  g_autoptr(SbStory) story = make_good_story ();
  SbCoachOptions with_dismissed = { .include_dismissed = TRUE };
  g_autoptr(GPtrArray) findings = NULL;
  SbFinding *finding;

  sb_story_set_result (story, "Everyone was happy.");
  g_assert_cmpuint (count_check (story, SB_CHECK_UNMEASURED_RESULT), ==, 1);

  sb_story_set_dismissed (story, (const char *[]) { SB_CHECK_UNMEASURED_RESULT, NULL });
  g_assert_cmpuint (count_check (story, SB_CHECK_UNMEASURED_RESULT), ==, 0);

  /* Still listed, marked dismissed, when asked for. */
  findings = sb_coach_check (story, NULL, &with_dismissed);
  g_assert_cmpuint (count (findings, SB_CHECK_UNMEASURED_RESULT), ==, 1);
  finding = find (findings, SB_CHECK_UNMEASURED_RESULT);
  g_assert_true (sb_finding_get_dismissed (finding));
  for (guint i = 0; i < findings->len; i++)
    if (findings->pdata[i] != finding)
      g_assert_false (sb_finding_get_dismissed (findings->pdata[i]));

  /* Every check id has a title for that list. */
  for (const char * const *id = sb_coach_get_check_ids (); *id; id++)
    g_assert_nonnull (sb_coach_get_check_title (*id));
  g_assert_null (sb_coach_get_check_title ("no-such-check"));
}

/* The three stories of the seed page, data/seeds/think-big.md. */
static SbStory *
make_seed_story (guint n)
{
  const char *think_big[] = { "think-big", NULL };

  switch (n)
    {
    case 0:
      return make_story ("Scalable Architecture Vision",
                         "Current monolithic application struggling to handle 10x user growth projected for next year",
                         "Design and implement scalable architecture to support 1M+ users",
                         (const char *[]) {
                           "Designed microservices architecture with clear service boundaries",
                           "Planned for horizontal scaling with load balancing and auto-scaling",
                           "Implemented event-driven architecture using message queues",
                           "Designed for multi-region deployment for global availability",
                           "Created comprehensive monitoring and observability strategy",
                           "Established CI/CD pipeline for rapid deployment and rollback",
                           NULL },
                         "System now handles 2M+ users, 99.9% uptime, supports global deployment, reduced deployment time by 90%",
                         think_big);
    case 1:
      return make_story ("Data Platform Transformation",
                         "Fragmented data storage across multiple databases causing analytics and reporting challenges",
                         "Design unified data platform to support real-time analytics and machine learning",
                         (const char *[]) {
                           "Designed data lake architecture with centralized data storage",
                           "Implemented real-time data streaming with Kafka and Spark",
                           "Created data pipeline for ETL processes and data quality checks",
                           "Designed API layer for data access and analytics",
                           "Planned for machine learning model deployment and serving",
                           "Established data governance and security framework",
                           NULL },
                         "Enabled real-time analytics, improved data quality by 95%, reduced reporting time from days to minutes",
                         think_big);
    default:
      return make_story ("Developer Platform Vision",
                         "Development teams struggling with inconsistent tools and deployment processes",
                         "Create comprehensive developer platform to improve productivity and code quality",
                         (const char *[]) {
                           "Designed self-service platform for service creation and deployment",
                           "Implemented standardized CI/CD pipelines with quality gates",
                           "Created developer portal with API documentation and testing tools",
                           "Designed monitoring and alerting framework for all services",
                           "Implemented security scanning and compliance checks",
                           "Established developer onboarding and training programs",
                           NULL },
                         "Reduced time-to-market by 70%, improved code quality, standardized development practices across teams",
                         think_big);
    }
}

static void
test_seed_stories (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();

  for (guint n = 0; n < 3; n++)
    {
      g_autoptr(SbStory) story = make_seed_story (n);
      g_autoptr(GPtrArray) findings = sb_coach_check (story, catalog, NULL);

      g_assert_cmpuint (count (findings, SB_CHECK_WE_NOT_I), ==, 0);
      g_assert_cmpuint (count (findings, SB_CHECK_UNMEASURED_RESULT), ==, 0);
      g_assert_cmpuint (count (findings, SB_CHECK_MISSING_PART), ==, 0);
      g_assert_cmpuint (count (findings, SB_CHECK_VAGUE), ==, 0);
      g_assert_cmpuint (count (findings, SB_CHECK_PRINCIPLE_FIT), ==, 0);
      g_assert_cmpuint (count (findings, SB_CHECK_LONG_SETUP), ==, 0);
    }
}

static void
test_finding_properties (void)
{
  g_autoptr(SbFinding) finding = sb_finding_new (SB_CHECK_VAGUE, SB_STORY_FIELD_ACTION, 2,
                                                 SB_FINDING_INFO, "m", "s", FALSE);
  g_autofree char *check_id = NULL;
  SbStoryField field;
  int step;

  g_object_get (finding, "check-id", &check_id, "field", &field, "step", &step, NULL);
  g_assert_cmpstr (check_id, ==, SB_CHECK_VAGUE);
  g_assert_cmpint (field, ==, SB_STORY_FIELD_ACTION);
  g_assert_cmpint (step, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coach/good-story", test_good_story_is_clean);
  g_test_add_func ("/coach/missing-part", test_missing_part);
  g_test_add_func ("/coach/unmeasured-result", test_unmeasured_result);
  g_test_add_func ("/coach/we-not-i", test_we_not_i);
  g_test_add_func ("/coach/vague", test_vague);
  g_test_add_func ("/coach/long-setup", test_long_setup);
  g_test_add_func ("/coach/speaking-time", test_speaking_time);
  g_test_add_func ("/coach/learnings-spoken", test_learnings_spoken);
  g_test_add_func ("/coach/stem", test_stem);
  g_test_add_func ("/coach/principle-fit", test_principle_fit);
  g_test_add_func ("/coach/over-used", test_over_used);
  g_test_add_func ("/coach/dismissed", test_dismissed);
  g_test_add_func ("/coach/seed-stories", test_seed_stories);
  g_test_add_func ("/coach/finding-properties", test_finding_properties);

  return g_test_run ();
}
