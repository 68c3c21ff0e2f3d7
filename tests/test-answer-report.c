/* test-answer-report.c: what the report says of a spoken answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transcripts are written by hand, as the recogniser would give
 * them: lower case words with times.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-answer-report.h"

static SbStory *
make_story (void)
{
  SbStory *story = sb_story_new ();
  const char *actions[] = {
    "Interviewed twelve volunteers about why they stopped coming.",
    "Rebuilt the rota in a shared spreadsheet with swaps allowed.",
    "Paired each newcomer with an experienced mentor for their first shifts.",
    NULL
  };

  sb_story_set_title (story, "Keeping the food bank open on weekends");
  sb_story_set_situation (story, "Our food bank was closing on Saturdays because volunteers kept dropping out.");
  sb_story_set_task (story, "As rota coordinator I had to fill every weekend shift by spring.");
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, "Saturday shifts were 95% filled within 6 weeks and no-shows halved.");
  return story;
}

/* Makes a transcript of @text spoken at @wpm words a minute, starting at
 * @lead_ms. A word "PAUSE<n>" is a silence of n seconds.
 */
static SbAnswerTranscript *
make_transcript (const char *text,
                 guint       wpm,
                 guint       lead_ms)
{
  SbAnswerTranscript *transcript = sb_answer_transcript_new ();
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint per_word = 60000 / wpm;
  guint t = lead_ms, paused = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint seconds;

      if (words[i][0] == '\0')
        continue;
      if (sscanf (words[i], "PAUSE%u", &seconds) == 1)
        {
          sb_answer_transcript_add_pause (transcript, t, t + seconds * 1000);
          t += seconds * 1000;
          paused += seconds * 1000;
          continue;
        }
      sb_answer_transcript_add_word (transcript, words[i], t, t + per_word - 40);
      t += per_word;
    }
  sb_answer_transcript_set_duration (transcript, t + 500, t - lead_ms - paused);
  return transcript;
}

static const char *whole_answer =
  "our food bank was closing on saturdays because volunteers kept dropping out "
  "as the rota coordinator i had to fill every weekend shift by spring "
  "first i interviewed twelve volunteers about why they stopped coming "
  "then i rebuilt the rota in a shared spreadsheet where swaps were allowed "
  "and i paired each newcomer with an experienced mentor for their first shifts "
  "in the end saturday shifts were ninety five percent filled within six weeks "
  "and no shows halved";

static gboolean
has_warning (SbAnswerReport *report,
             const char     *check_id,
             SbStoryField    field)
{
  GListModel *findings = sb_answer_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (sb_finding_get_check_id (finding), check_id)
          && sb_finding_get_severity (finding) == SB_FINDING_WARNING
          && (field == SB_STORY_FIELD_WHOLE || sb_finding_get_field (finding) == field))
        return TRUE;
    }
  return FALSE;
}

static guint
n_findings_of (SbAnswerReport *report,
               const char     *check_id)
{
  GListModel *findings = sb_answer_report_get_findings (report);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (sb_finding_get_check_id (finding), check_id))
        n++;
    }
  return n;
}

static void
test_whole_story (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) transcript = make_transcript (whole_answer, 145, 800);
  g_autoptr(SbAnswerReport) report = sb_answer_report_new (transcript, story, 40);
  guint n_marks;
  const SbAnswerRange *marks;

  g_assert_false (sb_answer_report_get_nothing_heard (report));
  g_assert_cmpuint (sb_answer_report_get_n_parts (report), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (sb_answer_report_get_part (report, i)->heard);
  g_assert_cmpint (sb_answer_report_get_part (report, 2)->field, ==, SB_STORY_FIELD_ACTION);
  g_assert_cmpint (sb_answer_report_get_part (report, 4)->step, ==, 2);
  g_assert_cmpfloat (sb_answer_report_get_coverage (report), ==, 1.0);

  g_assert_cmpfloat_with_epsilon (sb_answer_report_get_words_per_minute (report), 145, 2);
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_COVERAGE, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_LENGTH, SB_STORY_FIELD_WHOLE));
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_WE_NOT_I, SB_STORY_FIELD_WHOLE));

  /* "95%" and "6 weeks" are the Result's figures, both said. */
  g_assert_cmpuint (sb_answer_report_get_n_figures (report), ==, 2);
  g_assert_cmpstr (sb_answer_report_get_figure (report, 0)->written, ==, "95%");
  g_assert_cmpstr (sb_answer_report_get_figure (report, 0)->spoken, ==, "ninety five percent");
  g_assert_true (sb_answer_report_get_figure (report, 0)->heard);
  g_assert_cmpstr (sb_answer_report_get_figure (report, 1)->written, ==, "6 weeks");
  g_assert_true (sb_answer_report_get_figure (report, 1)->heard);

  g_assert_cmpint (sb_answer_report_get_suggested_rating (report), ==, 5);

  /* The story's words are marked in the transcript, "volunteers" among them. */
  marks = sb_answer_report_get_marks (report, &n_marks);
  g_assert_cmpuint (n_marks, >, 20);
  {
    const char *text = sb_answer_report_get_text (report);
    gboolean found = FALSE;

    for (guint i = 0; i < n_marks; i++)
      {
        g_assert_cmpuint (marks[i].end, <=, strlen (text));
        if (strncmp (text + marks[i].start, "volunteers", marks[i].end - marks[i].start) == 0)
          found = TRUE;
        /* "the" and "i" are not story words */
        g_assert_false (marks[i].end - marks[i].start <= 2);
      }
    g_assert_true (found);
  }
}

static void
test_skipped_result (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autofree char *text = g_strndup (whole_answer, strstr (whole_answer, "in the end") - whole_answer);
  g_autoptr(SbAnswerTranscript) transcript = make_transcript (text, 145, 0);
  g_autoptr(SbAnswerReport) report = sb_answer_report_new (transcript, story, 40);
  const SbAnswerPart *result = sb_answer_report_get_part (report, 5);

  g_assert_cmpint (result->field, ==, SB_STORY_FIELD_RESULT);
  g_assert_false (result->heard);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_COVERAGE, SB_STORY_FIELD_RESULT));
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_RESULT));
  g_assert_false (sb_answer_report_get_figure (report, 0)->heard);
  g_assert_cmpfloat_with_epsilon (sb_answer_report_get_coverage (report), 5.0 / 6.0, 0.001);
  g_assert_cmpint (sb_answer_report_get_suggested_rating (report), <=, 2);
}

static void
test_skipped_step (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(GString) text = g_string_new (whole_answer);
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  GListModel *findings;

  g_string_replace (text, "then i rebuilt the rota in a shared spreadsheet where swaps were allowed ", "", 1);
  transcript = make_transcript (text->str, 145, 0);
  report = sb_answer_report_new (transcript, story, 40);

  g_assert_false (sb_answer_report_get_part (report, 3)->heard);
  findings = sb_answer_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (sb_finding_get_check_id (finding), SB_ANSWER_CHECK_COVERAGE))
        {
          g_assert_cmpint (sb_finding_get_field (finding), ==, SB_STORY_FIELD_ACTION);
          g_assert_cmpint (sb_finding_get_step (finding), ==, 1);
          g_assert_nonnull (strstr (sb_finding_get_message (finding), "Step 2"));
        }
    }
  g_assert_cmpuint (n_findings_of (report, SB_ANSWER_CHECK_COVERAGE), ==, 1);
}

static void
test_fillers (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;

  g_string_append (text, "um so our food bank was uh closing on saturdays you know because volunteers "
                         "were like dropping out and basically i had to sort of fill every weekend "
                         "shift and um i kind of interviewed twelve volunteers uh");
  transcript = make_transcript (text->str, 140, 0);
  report = sb_answer_report_new (transcript, story, 40);

  /* um, uh, you know, like, basically, sort of, um, kind of, uh */
  g_assert_cmpuint (sb_answer_report_get_n_fillers (report), ==, 9);
  g_assert_cmpfloat (sb_answer_report_get_fillers_per_minute (report), >, 4);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE));
}

static void
test_pace (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) fast = make_transcript (whole_answer, 220, 0);
  g_autoptr(SbAnswerTranscript) slow = make_transcript (whole_answer, 90, 0);
  g_autoptr(SbAnswerTranscript) easy = make_transcript (whole_answer, 150, 0);
  g_autoptr(SbAnswerReport) fast_report = sb_answer_report_new (fast, story, 40);
  g_autoptr(SbAnswerReport) slow_report = sb_answer_report_new (slow, story, 40);
  g_autoptr(SbAnswerReport) easy_report = sb_answer_report_new (easy, story, 40);

  g_assert_true (has_warning (fast_report, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
  g_assert_cmpfloat (sb_answer_report_get_words_per_minute (fast_report), >, 180);
  g_assert_true (has_warning (slow_report, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
  g_assert_cmpfloat (sb_answer_report_get_words_per_minute (slow_report), <, 110);
  g_assert_false (has_warning (easy_report, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE));
}

static void
test_pauses (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(GString) text = g_string_new (whole_answer);
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;

  g_string_replace (text, "first i", "PAUSE5 first i", 1);
  g_string_replace (text, "in the end", "PAUSE4 in the end", 1);
  g_string_replace (text, "then i", "PAUSE2 then i", 1);
  transcript = make_transcript (text->str, 150, 0);
  report = sb_answer_report_new (transcript, story, 40);

  /* Two over 3 s; the 2 s pause is not long. The pace leaves them out. */
  g_assert_cmpuint (sb_answer_report_get_n_long_pauses (report), ==, 2);
  g_assert_cmpfloat_with_epsilon (sb_answer_report_get_longest_pause (report), 5.0, 0.01);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_PAUSES, SB_STORY_FIELD_WHOLE));
  g_assert_cmpfloat_with_epsilon (sb_answer_report_get_words_per_minute (report), 150, 3);
}

static void
test_length (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) transcript = make_transcript (whole_answer, 150, 0);
  g_autoptr(SbAnswerReport) short_report = sb_answer_report_new (transcript, story, 120);
  g_autoptr(SbAnswerReport) long_report = sb_answer_report_new (transcript, story, 20);
  g_autoptr(SbAnswerReport) default_report = sb_answer_report_new (transcript, story, 0);

  g_assert_true (has_warning (short_report, SB_ANSWER_CHECK_LENGTH, SB_STORY_FIELD_WHOLE));
  g_assert_true (has_warning (long_report, SB_ANSWER_CHECK_LENGTH, SB_STORY_FIELD_WHOLE));
  g_assert_cmpuint (sb_answer_report_get_target_seconds (default_report), ==, 120);
}

static void
test_figures (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(GString) text = g_string_new (whole_answer);
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;

  /* The Result told, but vaguely: "most" instead of "95%". */
  g_string_replace (text, "ninety five percent", "mostly", 1);
  transcript = make_transcript (text->str, 150, 0);
  report = sb_answer_report_new (transcript, story, 40);

  g_assert_false (sb_answer_report_get_figure (report, 0)->heard);
  g_assert_true (sb_answer_report_get_figure (report, 1)->heard);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_RESULT));
  g_assert_cmpuint (n_findings_of (report, SB_ANSWER_CHECK_FIGURES), ==, 1);
}

/* A figure written in words ("two weeks") is a figure too. */
static void
test_figures_in_words (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) said = make_transcript ("the shifts were filled within two weeks", 150, 0);
  g_autoptr(SbAnswerTranscript) vague = make_transcript ("the shifts were filled quickly", 150, 0);
  g_autoptr(SbAnswerReport) report = NULL;
  g_autoptr(SbAnswerReport) vague_report = NULL;

  sb_story_set_result (story, "Every shift was filled within two weeks, three times faster than before.");
  report = sb_answer_report_new (said, story, 40);
  vague_report = sb_answer_report_new (vague, story, 40);

  g_assert_cmpuint (sb_answer_report_get_n_figures (report), ==, 2);
  g_assert_cmpstr (sb_answer_report_get_figure (report, 0)->written, ==, "two weeks");
  g_assert_true (sb_answer_report_get_figure (report, 0)->heard);
  g_assert_cmpstr (sb_answer_report_get_figure (report, 1)->written, ==, "three times");
  g_assert_false (sb_answer_report_get_figure (report, 1)->heard);
  g_assert_false (sb_answer_report_get_figure (vague_report, 0)->heard);
}

static void
test_we_not_i (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(GString) text = g_string_new (whole_answer);
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  g_autoptr(SbAnswerReport) report = NULL;
  g_autoptr(SbAnswerReport) mine = NULL;
  g_autoptr(SbAnswerTranscript) mine_transcript = make_transcript (whole_answer, 150, 0);

  g_string_replace (text, " i ", " we ", 0);
  transcript = make_transcript (text->str, 150, 0);
  report = sb_answer_report_new (transcript, story, 40);
  g_assert_cmpuint (sb_answer_report_get_n_singular (report), ==, 0);
  g_assert_cmpuint (sb_answer_report_get_n_plural (report), ==, 5);
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_WE_NOT_I, SB_STORY_FIELD_WHOLE));

  mine = sb_answer_report_new (mine_transcript, story, 40);
  g_assert_cmpuint (sb_answer_report_get_n_singular (mine), ==, 4);
  g_assert_cmpuint (sb_answer_report_get_n_plural (mine), ==, 1);
  g_assert_false (has_warning (mine, SB_ANSWER_CHECK_WE_NOT_I, SB_STORY_FIELD_WHOLE));
}

/* Recognition drops a quick "I" ("I had to" heard as "the soon to"), so a
 * mostly-"I" answer heard as one "I" and two "our"s is not told to say "I".
 */
static void
test_we_not_i_allows_lost_i (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) transcript =
    make_transcript ("our billing run failed so i cached the rates and our run takes fifty minutes now", 150, 0);
  g_autoptr(SbAnswerReport) report = sb_answer_report_new (transcript, story, 40);

  g_assert_cmpuint (sb_answer_report_get_n_singular (report), ==, 1);
  g_assert_cmpuint (sb_answer_report_get_n_plural (report), ==, 2);
  g_assert_false (has_warning (report, SB_ANSWER_CHECK_WE_NOT_I, SB_STORY_FIELD_WHOLE));
}

static void
test_nothing_heard (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) silence = sb_answer_transcript_new ();
  g_autoptr(SbAnswerTranscript) only_noise = make_transcript ("um uh", 100, 0);
  g_autoptr(SbAnswerReport) report = NULL;
  g_autoptr(SbAnswerReport) noise_report = NULL;
  SbAnswerSummary summary;

  sb_answer_transcript_set_duration (silence, 12000, 0);
  report = sb_answer_report_new (silence, story, 0);
  g_assert_true (sb_answer_report_get_nothing_heard (report));
  g_assert_true (has_warning (report, SB_ANSWER_CHECK_NOTHING_HEARD, SB_STORY_FIELD_WHOLE));
  g_assert_cmpuint (g_list_model_get_n_items (sb_answer_report_get_findings (report)), ==, 1);
  g_assert_cmpint (sb_answer_report_get_suggested_rating (report), ==, 0);
  g_assert_cmpfloat (sb_answer_report_get_coverage (report), ==, 0);
  sb_answer_report_get_summary (report, &summary);
  g_assert_cmpfloat (summary.words_per_minute, ==, 0);

  noise_report = sb_answer_report_new (only_noise, story, 0);
  g_assert_true (sb_answer_report_get_nothing_heard (noise_report));
}

static void
test_json (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) transcript = make_transcript ("PAUSE4 our food bank was closing", 150, 200);
  g_autoptr(SbAnswerReport) report = sb_answer_report_new (transcript, story, 90);
  g_autoptr(SbAnswerReport) back = NULL;
  g_autoptr(JsonNode) node = sb_answer_report_to_json (report);
  g_autoptr(JsonNode) summary_node = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 12, 6, 10, 30, 0);
  g_autoptr(GDateTime) date_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SbAnswerSummary summary, summary_back;

  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"closing\""));
  back = sb_answer_report_new_from_json (node, story, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_answer_report_get_target_seconds (back), ==, 90);
  g_assert_cmpstr (sb_answer_report_get_text (back), ==, sb_answer_report_get_text (report));
  g_assert_cmpuint (sb_answer_transcript_get_n_pauses (sb_answer_report_get_transcript (back)), ==, 1);
  g_assert_cmpuint (sb_answer_transcript_get_voiced_ms (sb_answer_report_get_transcript (back)), ==,
                    sb_answer_transcript_get_voiced_ms (transcript));

  sb_answer_report_get_summary (report, &summary);
  summary_node = sb_answer_summary_to_json (&summary, date);
  g_assert_true (sb_answer_summary_from_json (summary_node, &summary_back, &date_back, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (date, date_back));
  g_assert_cmpfloat_with_epsilon (summary_back.seconds, summary.seconds, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary_back.words_per_minute, summary.words_per_minute, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary_back.coverage, summary.coverage, 1e-9);
  g_assert_cmpint (summary_back.suggested_rating, ==, summary.suggested_rating);

  /* Odd JSON is refused or read as zero, never trusted. */
  {
    g_autoptr(JsonNode) odd = json_from_string ("{\"seconds\": -5, \"coverage\": 7, \"words-per-minute\": \"fast\", \"date\": 3}", NULL);
    g_autoptr(JsonNode) array = json_from_string ("[1, 2]", NULL);
    g_autoptr(JsonNode) bad_words = json_from_string ("{\"transcript\": {\"words\": [[1, 2, 3], \"x\", [\"ok\", -5, 99999999999]], \"pauses\": [[5, 1]]}}", NULL);
    g_autoptr(SbAnswerReport) odd_report = NULL;
    GDateTime *no_date = NULL;

    g_assert_true (sb_answer_summary_from_json (odd, &summary_back, &no_date, NULL));
    g_assert_null (no_date);
    g_assert_cmpfloat (summary_back.seconds, ==, 0);
    g_assert_cmpfloat (summary_back.coverage, ==, 1);
    g_assert_cmpfloat (summary_back.words_per_minute, ==, 0);
    g_assert_false (sb_answer_summary_from_json (array, &summary_back, NULL, &error));
    g_clear_error (&error);
    g_assert_null (sb_answer_report_new_from_json (array, story, &error));
    g_clear_error (&error);

    odd_report = sb_answer_report_new_from_json (bad_words, story, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sb_answer_report_get_text (odd_report), ==, "ok");
    g_assert_cmpuint (sb_answer_transcript_get_n_pauses (sb_answer_report_get_transcript (odd_report)), ==, 0);
  }
}

static void
test_text_report (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(SbAnswerTranscript) transcript = make_transcript (whole_answer, 150, 0);
  g_autoptr(SbAnswerReport) report = sb_answer_report_new (transcript, story, 40);
  g_autofree char *text = sb_answer_report_dup_text_report (report);

  g_assert_nonnull (strstr (text, "words a minute"));
  g_assert_nonnull (strstr (text, "Every part of the story was heard"));
  g_assert_nonnull (strstr (text, "*volunteers*"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/answer-report/whole-story", test_whole_story);
  g_test_add_func ("/answer-report/skipped-result", test_skipped_result);
  g_test_add_func ("/answer-report/skipped-step", test_skipped_step);
  g_test_add_func ("/answer-report/fillers", test_fillers);
  g_test_add_func ("/answer-report/pace", test_pace);
  g_test_add_func ("/answer-report/pauses", test_pauses);
  g_test_add_func ("/answer-report/length", test_length);
  g_test_add_func ("/answer-report/figures", test_figures);
  g_test_add_func ("/answer-report/figures-in-words", test_figures_in_words);
  g_test_add_func ("/answer-report/we-not-i", test_we_not_i);
  g_test_add_func ("/answer-report/we-not-i-allows-lost-i", test_we_not_i_allows_lost_i);
  g_test_add_func ("/answer-report/nothing-heard", test_nothing_heard);
  g_test_add_func ("/answer-report/json", test_json);
  g_test_add_func ("/answer-report/text", test_text_report);

  return g_test_run ();
}
