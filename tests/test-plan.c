/* test-plan.c: the posting analysis, the plan, the rehearsal schedule
 * and the printed plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-export-file.h"
#include "sb-plan.h"
#include "sb-posting.h"
#include "sb-render.h"
#include "sb-schedule.h"
#include "sb-test-util.h"

/* Postings written for these tests, one per kind of role. */
static const char *posting_amazon =
  "Software Development Engineer, Fulfilment Technology\n\n"
  "We are looking for an engineer who lives our Leadership Principles every day. "
  "In this role you will show Customer Obsession by working backwards from the needs of "
  "warehouse associates, Bias for Action when an outage needs a decision in minutes, and "
  "you will Dive Deep into metrics and logs to find the root cause. We expect Ownership of "
  "the services you build, end to end.\n\n"
  "Basic qualifications: 3+ years of non-internship professional software development "
  "experience; experience programming with at least one modern language such as Java or C++.";

static const char *posting_generic =
  "Operations Coordinator\n\n"
  "You will work closely with a small team and with colleagues across three sites. "
  "We value collaboration: you share work, help others and support the group when things get busy. "
  "Disagreements happen; you resolve conflict calmly, listen to every perspective and look for "
  "compromise. You keep stakeholders informed and manage expectations clearly. "
  "You are a team player who communicates well in writing and in person.";

static const char *posting_manager =
  "Engineering Manager, Payments Platform\n\n"
  "You will hire, coach and mentor a team of eight engineers and grow the next generation of "
  "leaders. You will run hiring loops, onboard new people, give honest feedback and develop "
  "careers through regular one-to-ones. Together with product you own the roadmap and the "
  "long-term vision for the platform, and you deliver results: you set goals, track milestones "
  "and make sure we ship on time. You will build a culture where people feel safe to raise "
  "concerns, and you care about wellbeing and retention.";

static const char *posting_pm =
  "Senior Product Manager, Checkout\n\n"
  "You start from the customer. You talk to users every week, run surveys and usability "
  "sessions, and turn customer feedback and pain points into a clear product strategy. "
  "You prioritise ruthlessly with data: you define metrics, analyse funnels and run experiments. "
  "You work with engineering, design and marketing to launch features that improve the "
  "customer experience and grow satisfaction.";

static const char *posting_nurse =
  "Registered Nurse, Emergency Department (night shifts)\n\n"
  "Our emergency department is busy and fast-paced. You will triage patients, prioritise care "
  "under pressure and handle competing demands when several patients need you at once. "
  "You work as part of a multidisciplinary team, support colleagues and help newly qualified "
  "nurses. You communicate with worried families with calm and compassion, and you stay composed "
  "when the situation is unclear or changing.";

static const char *posting_teacher =
  "Secondary School Teacher, Mathematics\n\n"
  "You will plan and teach engaging lessons, give constructive feedback on pupils' work and "
  "reflect on your own practice. You collaborate with colleagues in the department, support "
  "pupils who find maths difficult and keep parents informed. You take part in training and "
  "keep learning new approaches; curiosity about how children learn is essential.";

static GPtrArray *
analyse (SbCatalog  *catalog,
         const char *posting,
         const char *framework_id)
{
  GPtrArray *matches = sb_posting_analyse (posting, catalog, framework_id);

  for (guint i = 0; i < matches->len; i++)
    {
      SbPostingMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *words = g_strjoinv (", ", match->words);

      g_test_message ("%5.1f %s %s: %s", match->score, match->named ? "named" : "     ",
                      sb_principle_get_id (match->principle), words);
    }
  return matches;
}

static guint
rank_of (GPtrArray  *matches,
         const char *principle_id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      SbPostingMatch *match = g_ptr_array_index (matches, i);

      if (g_str_equal (sb_principle_get_id (match->principle), principle_id))
        return i;
    }
  return G_MAXUINT;
}

static SbPostingMatch *
match_of (GPtrArray  *matches,
          const char *principle_id)
{
  guint rank = rank_of (matches, principle_id);

  g_assert_cmpuint (rank, !=, G_MAXUINT);
  return g_ptr_array_index (matches, rank);
}

/* Amazon's principles named by name map to them directly. */
static void
test_posting_amazon_by_name (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) matches = analyse (catalog, posting_amazon, NULL);
  const char *named[] = { "customer-obsession", "bias-for-action", "dive-deep", "ownership" };
  g_auto(GStrv) top = sb_posting_dup_top_ids (matches, 4);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      SbPostingMatch *match = match_of (matches, named[i]);

      g_assert_cmpuint (rank_of (matches, named[i]), <, 4);
      g_assert_true (match->named);
      g_assert_cmpfloat (match->score, ==, 100.0);
      g_assert_true (g_strv_contains ((const char * const *) top, named[i]));
    }
  g_assert_true (g_strv_contains ((const char * const *) match_of (matches, "customer-obsession")->words,
                                  "customer obsession"));
  g_assert_true (g_strv_contains ((const char * const *) match_of (matches, "dive-deep")->words, "root cause"));
  /* Not named: "Frugality" appears nowhere. */
  g_assert_cmpuint (rank_of (matches, "frugality"), ==, G_MAXUINT);
}

/* A generic competency posting, read against the competencies. */
static void
test_posting_competencies (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) matches = analyse (catalog, posting_generic, "competencies");

  g_assert_cmpuint (rank_of (matches, "teamwork"), <, 2);
  g_assert_cmpuint (rank_of (matches, "conflict"), <, 2);
  g_assert_cmpuint (rank_of (matches, "difficult-stakeholder"), <, 4);
  g_assert_true (g_strv_contains ((const char * const *) match_of (matches, "conflict")->words, "compromise"));
  /* Only the framework asked for. */
  for (guint i = 0; i < matches->len; i++)
    g_assert_cmpstr (sb_principle_get_framework_id (((SbPostingMatch *) matches->pdata[i])->principle), ==,
                     "competencies");
}

/* An engineering manager's posting stresses hiring and developing people. */
static void
test_posting_manager (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) matches = analyse (catalog, posting_manager, "amazon");
  SbPostingMatch *hire = match_of (matches, "hire-and-develop-the-best");

  g_assert_cmpuint (rank_of (matches, "hire-and-develop-the-best"), <, 3);
  g_assert_cmpuint (rank_of (matches, "think-big"), <, 5);
  g_assert_true (g_strv_contains ((const char * const *) hire->words, "mentor"));
  g_assert_true (g_strv_contains ((const char * const *) hire->words, "hire"));
  g_assert_false (hire->named);
}

/* A product manager's posting: the customer first. */
static void
test_posting_product_manager (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) matches = analyse (catalog, posting_pm, "amazon");

  g_assert_cmpuint (rank_of (matches, "customer-obsession"), ==, 0);
  g_assert_false (match_of (matches, "customer-obsession")->named);
  g_assert_cmpstr (match_of (matches, "customer-obsession")->words[0], ==, "customer");
  g_assert_cmpuint (rank_of (matches, "dive-deep"), <, 3);
}

/* Roles far from software: a nurse and a teacher. */
static void
test_posting_other_roles (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) nurse = analyse (catalog, posting_nurse, "competencies");
  g_autoptr(GPtrArray) teacher = analyse (catalog, posting_teacher, "competencies");
  g_autoptr(GPtrArray) teacher_all = analyse (catalog, posting_teacher, NULL);

  g_assert_cmpuint (rank_of (nurse, "prioritisation-under-pressure"), ==, 0);
  g_assert_cmpuint (rank_of (nurse, "teamwork"), <, 2);
  g_assert_cmpuint (rank_of (nurse, "ambiguity"), <, 4);
  g_assert_cmpuint (rank_of (teacher, "feedback"), <, 2);
  g_assert_cmpuint (rank_of (teacher, "teamwork"), <, 4);
  g_assert_cmpuint (rank_of (teacher_all, "learn-and-be-curious"), <, 2);
}

/* A principle the user made, with no signal words: its own words count. */
static void
test_posting_user_principle (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbPrinciple) mine = sb_principle_new ("patient-safety", "Patient Safety", SB_FRAMEWORK_USER, FALSE);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  sb_principle_set_definition (mine, "Protecting patients from avoidable harm.");
  sb_catalog_add_principle (catalog, mine);
  matches = analyse (catalog, "Patient safety is our first concern: no avoidable harm, ever.", SB_FRAMEWORK_USER);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_true (match_of (matches, "patient-safety")->named);

  empty = sb_posting_analyse ("", catalog, NULL);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* The plan */

static GDateTime *
local_date (int year,
            int month,
            int day,
            int hour)
{
  return g_date_time_new_local (year, month, day, hour, 0, 0);
}

static SbStory *
add_story (SbLibrary  *library,
           const char *title,
           const char *principle,
           int         confidence,
           const char *result)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GDateTime) when = local_date (2026, 11, 20, 9);

  sb_story_set_title (story, title);
  sb_story_set_situation (story, "A quarter with a plan.");
  sb_story_set_task (story, "Make it work.");
  sb_story_set_result (story, result ? result : "It worked.");
  if (principle != NULL)
    sb_story_add_principle (story, principle);
  if (confidence > 0)
    sb_story_record_practice (story, confidence, when);
  sb_library_add (library, story);
  return story;
}

typedef struct
{
  SbCatalog   *catalog;
  SbLibrary   *library;
  SbInterview *interview;
  SbRound     *first;
  SbRound     *second;
  SbStory     *a, *b, *c, *d, *e;
} Loop;

static void
loop_set_up (Loop          *l,
             gconstpointer  data)
{
  g_autoptr(GDateTime) date = local_date (2026, 12, 20, 10);
  const char *first_ids[] = { "customer-obsession", "ownership", NULL };
  const char *second_ids[] = { "customer-obsession", "dive-deep", "earn-trust", NULL };

  l->catalog = sb_catalog_new ();
  l->library = sb_library_new ();
  l->a = add_story (l->library, "Strongest", "customer-obsession", 5, NULL);
  l->b = add_story (l->library, "Second", "customer-obsession", 4, NULL);
  l->c = add_story (l->library, "Both", "customer-obsession", 3, NULL);
  sb_story_add_principle (l->c, "ownership");
  l->d = add_story (l->library, "Never rehearsed", "ownership", 0, NULL);
  l->e = add_story (l->library, "The outage", NULL, 2, "We found the root cause in the logs.");

  l->interview = sb_interview_new ("Acme", "Engineer", date);
  l->first = sb_round_new ("Phone screen");
  l->second = sb_round_new ("Loop");
  sb_round_set_principles (l->first, first_ids);
  sb_round_set_principles (l->second, second_ids);
  sb_interview_add_round (l->interview, l->first);
  sb_interview_add_round (l->interview, l->second);
  sb_library_add_interview (l->library, l->interview);
}

static void
loop_tear_down (Loop          *l,
                gconstpointer  data)
{
  g_clear_object (&l->first);
  g_clear_object (&l->second);
  g_clear_object (&l->interview);
  g_clear_object (&l->library);
  g_clear_object (&l->catalog);
}

static SbStory *
pick (SbPlan     *plan,
      SbRound    *round,
      const char *principle_id)
{
  SbPlanSlot *slot = sb_plan_find_slot (plan, round, principle_id);

  g_assert_nonnull (slot);
  return slot->pick ? slot->pick->story : NULL;
}

/* The strongest filed story first; never one story twice in the loop;
 * a fitting story when none is filed; gaps said.
 */
static void
test_plan_proposals (Loop          *l,
                     gconstpointer  data)
{
  g_autoptr(SbPlan) plan = sb_plan_compute (l->interview, l->library, l->catalog);
  g_auto(GStrv) ids = sb_plan_dup_story_ids (plan);
  SbPlanSlot *slot;

  g_assert_cmpuint (plan->rounds->len, ==, 2);
  g_assert_true (pick (plan, l->first, "customer-obsession") == l->a);
  g_assert_true (pick (plan, l->first, "ownership") == l->c);
  g_assert_true (pick (plan, l->second, "customer-obsession") == l->b);

  /* Nothing filed under Dive Deep: the story whose result speaks of root
   * causes and logs fits, but it is weak.
   */
  slot = sb_plan_find_slot (plan, l->second, "dive-deep");
  g_assert_true (slot->pick->story == l->e);
  g_assert_false (slot->pick->filed);
  g_assert_cmpint (slot->gap, ==, SB_COVERAGE_GAP_ONLY_WEAK);

  slot = sb_plan_find_slot (plan, l->second, "earn-trust");
  g_assert_null (slot->pick);
  g_assert_cmpint (slot->gap, ==, SB_COVERAGE_GAP_NO_STORY);
  g_assert_cmpuint (plan->n_gaps, ==, 2);
  g_assert_cmpuint (plan->n_stories, ==, 4);

  /* No story twice. */
  g_assert_cmpuint (g_strv_length (ids), ==, 4);

  /* A story edited to speak of trust fits Earn Trust at once (what fit
   * before is not kept past an edit).
   */
  sb_story_set_result (l->d, "They came to trust us again: honest weekly updates.");
  {
    g_autoptr(SbPlan) again = sb_plan_compute (l->interview, l->library, l->catalog);

    g_assert_true (pick (again, l->second, "earn-trust") == l->d);
    g_assert_cmpint (sb_plan_find_slot (again, l->second, "earn-trust")->gap, ==, SB_COVERAGE_GAP_ONLY_WEAK);
  }

  /* The alternatives say which stories are taken elsewhere. */
  slot = sb_plan_find_slot (plan, l->second, "customer-obsession");
  g_assert_cmpuint (slot->alternatives->len, >=, 2);
  for (guint i = 0; i < slot->alternatives->len; i++)
    {
      SbPlanPick *alternative = g_ptr_array_index (slot->alternatives, i);

      g_assert_true (alternative->story != l->b);
      g_assert_cmpint (alternative->used_elsewhere, ==, alternative->story == l->a || alternative->story == l->c);
    }
}

/* Whatever the ratings, a loop never gets a story twice. */
static void
test_plan_no_repeats (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GDateTime) date = local_date (2026, 12, 20, 10);
  g_autoptr(SbInterview) interview = sb_interview_new ("Loop Co", NULL, date);
  g_autoptr(GPtrArray) stories = sb_test_make_stories (60, 11);
  g_autoptr(SbPlan) plan = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GListModel *principles = sb_framework_get_principles (sb_catalog_lookup_framework (catalog, "amazon"));

  sb_library_splice (library, stories);
  for (guint r = 0; r < 5; r++)
    {
      g_autoptr(SbRound) round = sb_round_new (NULL);

      for (guint i = 0; i < 4; i++)
        {
          g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, (r + i) % 6);

          sb_round_add_principle (round, sb_principle_get_id (principle));
        }
      sb_interview_add_round (interview, round);
    }

  plan = sb_plan_compute (interview, library, catalog);
  for (guint r = 0; r < plan->rounds->len; r++)
    {
      SbPlanRound *plan_round = g_ptr_array_index (plan->rounds, r);

      g_assert_cmpuint (plan_round->slots->len, ==, 4);
      for (guint i = 0; i < plan_round->slots->len; i++)
        {
          SbPlanSlot *slot = g_ptr_array_index (plan_round->slots, i);

          if (slot->pick != NULL)
            g_assert_true (g_hash_table_add (seen, slot->pick->story));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
}

/* A story told at the company before (another case of its name) is
 * flagged, with the interview it was told in.
 */
static void
test_plan_told_before (Loop          *l,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) then = local_date (2025, 6, 1, 10);
  g_autoptr(SbInterview) earlier = sb_interview_new ("ACME ", "Intern", then);
  g_autoptr(SbInterview) elsewhere = sb_interview_new ("Globex", "Intern", then);
  g_autoptr(SbRound) round = sb_round_new ("Onsite");
  g_autoptr(SbRound) other_round = sb_round_new ("Onsite");
  g_autoptr(SbPlan) plan = NULL;
  SbPlanSlot *slot;

  sb_round_add_told (round, sb_story_get_id (l->b), "Second");
  sb_round_add_told (other_round, sb_story_get_id (l->a), "Strongest");
  sb_interview_add_round (earlier, round);
  sb_interview_add_round (elsewhere, other_round);
  sb_library_add_interview (l->library, earlier);
  sb_library_add_interview (l->library, elsewhere);

  plan = sb_plan_compute (l->interview, l->library, l->catalog);
  slot = sb_plan_find_slot (plan, l->second, "customer-obsession");
  g_assert_true (slot->pick->story == l->b);
  g_assert_true (slot->pick->told_before);
  g_assert_true (slot->pick->told_at == earlier);
  /* Told at another company: no flag. */
  g_assert_false (sb_plan_find_slot (plan, l->first, "customer-obsession")->pick->told_before);

  {
    g_autofree char *note = sb_plan_dup_slot_note (slot);

    g_assert_cmpstr (note, ==, "told at ACME  on 2025-06-01");
  }
}

/* The user's swaps stay, and the proposals move around them. */
static void
test_plan_swaps_kept (Loop          *l,
                      gconstpointer  data)
{
  g_autoptr(SbPlan) plan = NULL;
  g_autoptr(SbPlan) again = NULL;
  g_autoptr(SbPlan) accepted = NULL;

  sb_round_set_planned_story (l->first, "customer-obsession", sb_story_get_id (l->b));
  plan = sb_plan_compute (l->interview, l->library, l->catalog);
  g_assert_true (pick (plan, l->first, "customer-obsession") == l->b);
  g_assert_true (sb_plan_find_slot (plan, l->first, "customer-obsession")->chosen);
  g_assert_true (pick (plan, l->second, "customer-obsession") == l->a);
  g_assert_false (sb_plan_find_slot (plan, l->second, "customer-obsession")->chosen);

  /* Accepted, the plan stays when the ratings change. */
  sb_plan_accept (plan);
  g_assert_cmpstr (sb_round_get_planned_story (l->second, "customer-obsession"), ==, sb_story_get_id (l->a));
  g_assert_null (sb_round_get_planned_story (l->second, "earn-trust"));
  sb_story_record_practice (l->c, 5, NULL);
  sb_story_record_practice (l->c, 5, NULL);
  again = sb_plan_compute (l->interview, l->library, l->catalog);
  g_assert_true (pick (again, l->second, "customer-obsession") == l->a);
  g_assert_true (pick (again, l->first, "customer-obsession") == l->b);

  /* A planned story deleted since: the slot gets a proposal again, not
   * one planned in the other round.
   */
  sb_library_remove (l->library, l->a, NULL);
  accepted = sb_plan_compute (l->interview, l->library, l->catalog);
  g_assert_false (sb_plan_find_slot (accepted, l->second, "customer-obsession")->chosen);
  g_assert_true (pick (accepted, l->second, "customer-obsession") != l->b);
  g_assert_true (pick (accepted, l->second, "customer-obsession") != l->c);
  g_assert_true (pick (accepted, l->first, "ownership") == l->c);
}

/* The printed plan, as text, Markdown and PDF. */
static void
test_plan_export (Loop          *l,
                  gconstpointer  data)
{
  g_autoptr(SbPlan) plan = sb_plan_compute (l->interview, l->library, l->catalog);
  g_autofree char *text = sb_plan_to_text (plan);
  g_autofree char *markdown = sb_plan_to_markdown (plan);
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *md = g_build_filename (dir, "plan.md", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDocument) document = NULL;

  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Acme — Engineer\n"));
  g_assert_nonnull (strstr (text, "Sunday 20 December 2026, 10:00"));
  g_assert_nonnull (strstr (text, "Phone screen · 45 min"));
  g_assert_nonnull (strstr (text, "Customer Obsession — Strongest"));
  g_assert_nonnull (strstr (text, "  Situation: A quarter with a plan."));
  g_assert_nonnull (strstr (text, "  Result: We found the root cause in the logs."));
  g_assert_nonnull (strstr (text, "Earn Trust\n  (No story yet: write one)"));

  g_assert_true (g_str_has_prefix (markdown, "# Acme — Engineer\n"));
  g_assert_nonnull (strstr (markdown, "## Loop · 45 min"));
  g_assert_nonnull (strstr (markdown, "### Dive Deep — The outage"));
  g_assert_nonnull (strstr (markdown, "- **Task:** Make it work."));

  document = sb_document_new_for_plan (plan);
  g_assert_cmpuint (sb_document_get_n_blocks (document), >, 10);

  g_assert_true (sb_export_plan_to_file (plan, SB_EXPORT_FORMAT_PDF, pdf, &error));
  g_assert_no_error (error);
  bytes = sb_test_read_file (pdf);
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  g_assert_true (sb_export_plan_to_file (plan, SB_EXPORT_FORMAT_MARKDOWN, md, &error));
  g_clear_pointer (&bytes, g_free);
  bytes = sb_test_read_file (md);
  g_assert_cmpstr (bytes, ==, markdown);
  g_assert_false (sb_export_plan_to_file (plan, SB_EXPORT_FORMAT_CSV, md, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  sb_test_rm_rf (dir);
}

/* The schedule */

static void
test_schedule_intervals (void)
{
  /* After a poor rating: tomorrow, however often it went well before. */
  g_assert_cmpuint (sb_schedule_interval (1, 5), ==, 1);
  g_assert_cmpuint (sb_schedule_interval (2, 5), ==, 1);
  /* The first practice: tomorrow. */
  for (int c = 1; c <= 5; c++)
    g_assert_cmpuint (sb_schedule_interval (c, 1), ==, 1);
  g_assert_cmpuint (sb_schedule_interval (3, 2), ==, 2);
  g_assert_cmpuint (sb_schedule_interval (4, 2), ==, 3);
  g_assert_cmpuint (sb_schedule_interval (5, 2), ==, 4);
  g_assert_cmpuint (sb_schedule_interval (3, 3), ==, 3);
  g_assert_cmpuint (sb_schedule_interval (4, 3), ==, 6);
  g_assert_cmpuint (sb_schedule_interval (5, 3), ==, 10);
  g_assert_cmpuint (sb_schedule_interval (5, 20), ==, 30);
}

static int
day_of_month (GDateTime *date)
{
  g_assert_nonnull (date);
  return g_date_time_get_day_of_month (date);
}

static SbStory *
practised (int confidence,
           guint count,
           GDateTime *when)
{
  SbStory *story = sb_story_new ();

  for (guint i = 0; i < count; i++)
    sb_story_record_practice (story, confidence, when);
  return story;
}

/* Dates for ratings 1-5: further apart as ratings rise, tomorrow again
 * after a poor one; a story never practised is due today.
 */
static void
test_schedule_dates (void)
{
  g_autoptr(GDateTime) now = local_date (2026, 12, 1, 10);
  g_autoptr(GDateTime) this_morning = local_date (2026, 12, 1, 8);
  g_autoptr(GDateTime) interview = local_date (2026, 12, 20, 14);
  int expected[] = { 0, 2, 2, 4, 7, 11 };

  for (int c = 1; c <= 5; c++)
    {
      g_autoptr(SbStory) story = practised (c, 3, this_morning);
      g_auto(SbSchedule) schedule = { 0, };

      sb_schedule_compute (story, interview, now, &schedule);
      g_assert_cmpint (day_of_month (schedule.next), ==, expected[c]);
      g_assert_false (schedule.due);
      g_assert_cmpuint (schedule.readiness, ==, c * 20);
    }

  {
    g_autoptr(SbStory) story = sb_story_new ();
    g_auto(SbSchedule) schedule = { 0, };

    sb_schedule_compute (story, interview, now, &schedule);
    g_assert_cmpint (day_of_month (schedule.next), ==, 1);
    g_assert_true (schedule.due);
    g_assert_cmpuint (schedule.readiness, ==, 0);
    g_assert_cmpint (schedule.level, ==, SB_READINESS_NOT_READY);
  }

  /* Rated 4, then 2: back tomorrow. */
  {
    g_autoptr(SbStory) story = practised (4, 3, this_morning);
    g_auto(SbSchedule) before = { 0, };
    g_auto(SbSchedule) after = { 0, };

    sb_schedule_compute (story, interview, now, &before);
    sb_story_record_practice (story, 2, this_morning);
    sb_schedule_compute (story, interview, now, &after);
    g_assert_cmpint (g_date_time_compare (after.next, before.next), <, 0);
    g_assert_cmpint (day_of_month (after.next), ==, 2);
  }
}

/* Moving the interview moves the last rehearsal to the day before. */
static void
test_schedule_moving_date (void)
{
  g_autoptr(GDateTime) now = local_date (2026, 12, 1, 10);
  g_autoptr(GDateTime) this_morning = local_date (2026, 12, 1, 8);
  g_autoptr(GDateTime) far = local_date (2026, 12, 20, 14);
  g_autoptr(GDateTime) near = local_date (2026, 12, 5, 9);
  g_autoptr(GDateTime) tomorrow = local_date (2026, 12, 2, 9);
  g_autoptr(GDateTime) today = local_date (2026, 12, 1, 16);
  g_autoptr(SbStory) story = practised (5, 3, this_morning);
  g_autoptr(SbStory) fresh = sb_story_new ();
  g_auto(SbSchedule) a = { 0, };
  g_auto(SbSchedule) b = { 0, };
  g_auto(SbSchedule) c = { 0, };
  g_auto(SbSchedule) d = { 0, };
  g_auto(SbSchedule) e = { 0, };

  sb_schedule_compute (story, far, now, &a);
  g_assert_cmpint (day_of_month (a.next), ==, 11);
  sb_schedule_compute (story, near, now, &b);
  g_assert_cmpint (day_of_month (b.next), ==, 4);
  /* Tomorrow: practised today, nothing left to do. */
  sb_schedule_compute (story, tomorrow, now, &c);
  g_assert_null (c.next);
  g_assert_false (c.due);
  /* Never practised and the interview tomorrow: today is the day. */
  sb_schedule_compute (fresh, tomorrow, now, &d);
  g_assert_cmpint (day_of_month (d.next), ==, 1);
  g_assert_true (d.due);
  /* On the day: no more rehearsals. */
  sb_schedule_compute (fresh, today, now, &e);
  g_assert_null (e.next);
}

/* Overdue: due today, and less ready than when it was rated. */
static void
test_schedule_overdue (void)
{
  g_autoptr(GDateTime) now = local_date (2026, 12, 1, 10);
  g_autoptr(GDateTime) then = local_date (2026, 11, 20, 10);
  g_autoptr(GDateTime) interview = local_date (2026, 12, 20, 14);
  g_autoptr(SbStory) story = practised (4, 2, then);
  g_auto(SbSchedule) schedule = { 0, };

  sb_schedule_compute (story, interview, now, &schedule);
  g_assert_true (schedule.due);
  g_assert_cmpint (day_of_month (schedule.next), ==, 1);
  g_assert_cmpuint (schedule.readiness, <, 80);
  g_assert_cmpuint (schedule.readiness, >=, 40);
  g_assert_cmpstr (sb_readiness_get_label (schedule.level), ==, "Not ready");
}

/* "Due today": the planned stories of upcoming interviews that are due. */
static void
test_schedule_due_today (Loop          *l,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 10);
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -10);
  g_autoptr(SbInterview) old = sb_interview_new ("Old", NULL, past);
  g_autoptr(SbRound) old_round = sb_round_new (NULL);
  g_autoptr(SbPlan) plan = NULL;
  g_auto(GStrv) due = NULL;

  sb_interview_set_date (l->interview, soon);
  plan = sb_plan_compute (l->interview, l->library, l->catalog);
  sb_plan_accept (plan);
  /* Just rehearsed well: not due. */
  sb_story_record_practice (l->a, 5, now);
  sb_story_record_practice (l->a, 5, now);

  /* Planned for a past interview only: not due for it. */
  sb_round_set_planned_story (old_round, "ownership", sb_story_get_id (l->d));
  sb_interview_add_round (old, old_round);
  sb_library_add_interview (l->library, old);

  due = sb_schedule_dup_due_today (l->library, now);
  g_assert_false (g_strv_contains ((const char * const *) due, sb_story_get_id (l->a)));
  g_assert_true (g_strv_contains ((const char * const *) due, sb_story_get_id (l->b)));
  g_assert_true (g_strv_contains ((const char * const *) due, sb_story_get_id (l->c)));
  g_assert_true (g_strv_contains ((const char * const *) due, sb_story_get_id (l->e)));
  g_assert_false (g_strv_contains ((const char * const *) due, sb_story_get_id (l->d)));
  g_assert_cmpuint (g_strv_length (due), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/posting/amazon-by-name", test_posting_amazon_by_name);
  g_test_add_func ("/posting/competencies", test_posting_competencies);
  g_test_add_func ("/posting/engineering-manager", test_posting_manager);
  g_test_add_func ("/posting/product-manager", test_posting_product_manager);
  g_test_add_func ("/posting/nurse-and-teacher", test_posting_other_roles);
  g_test_add_func ("/posting/user-principle", test_posting_user_principle);
  g_test_add_func ("/plan/no-repeats", test_plan_no_repeats);
  g_test_add ("/plan/proposals", Loop, NULL, loop_set_up, test_plan_proposals, loop_tear_down);
  g_test_add ("/plan/told-before", Loop, NULL, loop_set_up, test_plan_told_before, loop_tear_down);
  g_test_add ("/plan/swaps-kept", Loop, NULL, loop_set_up, test_plan_swaps_kept, loop_tear_down);
  g_test_add ("/plan/export", Loop, NULL, loop_set_up, test_plan_export, loop_tear_down);
  g_test_add_func ("/schedule/intervals", test_schedule_intervals);
  g_test_add_func ("/schedule/dates", test_schedule_dates);
  g_test_add_func ("/schedule/moving-date", test_schedule_moving_date);
  g_test_add_func ("/schedule/overdue", test_schedule_overdue);
  g_test_add ("/schedule/due-today", Loop, NULL, loop_set_up, test_schedule_due_today, loop_tear_down);

  return g_test_run ();
}
