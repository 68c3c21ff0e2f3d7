/* sb-answer-report.c: what a spoken answer said, against the written story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-answer-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-answer-report.h"
#include "sb-coach.h"
#include "sb-speech-model.h"

struct _SbAnswerReport
{
  GObject             parent_instance;

  SbAnswerTranscript *transcript;
  SbStory            *story;
  GListStore         *findings;
  GArray             *parts;    /* SbAnswerPart */
  GArray             *figures;  /* SbAnswerFigure */
  GArray             *marks;    /* SbAnswerRange */
  char               *text;

  guint               target_seconds;
  double              seconds;
  guint               n_words;
  double              words_per_minute;
  guint               n_long_pauses;
  double              longest_pause;
  guint               n_fillers;
  double              fillers_per_minute;
  double              coverage;
  guint               n_singular;
  guint               n_plural;
  int                 suggested_rating;
  gboolean            nothing_heard;
};

G_DEFINE_FINAL_TYPE (SbAnswerReport, sb_answer_report, G_TYPE_OBJECT)

static const char * const fillers[] = {
  "um", "uh", "like", "you know", "basically", "sort of", "kind of", NULL
};

/* Pace, in words a minute over the time spoken: 130-160 is comfortable
 * for an interview answer; below 110 drags and above 180 is hard to
 * follow.
 */
#define PACE_SLOW      110
#define PACE_LOW_EASY  130
#define PACE_HIGH_EASY 160
#define PACE_FAST      180
/* A filler every quarter of a minute is heard as hesitation. */
#define FILLERS_PER_MINUTE_MAX 4.0
/* A part is told when this share of its content words is heard:
 * recognition misses some words, and nobody retells a story word for word.
 */
#define PART_HEARD_SHARE 0.34
/* English speech averages about one and a half syllables a word. */
#define SYLLABLES_PER_WORD 1.5
/* Below this the words heard are too few to judge the pace. */
#define MIN_WORDS_FOR_PACE 10

/* Words that say nothing about which part of the story is being told. */
static const char * const function_words[] = {
  "the", "and", "for", "but", "nor", "yet", "with", "from", "into", "onto", "over",
  "under", "about", "after", "before", "then", "than", "that", "this", "these",
  "those", "there", "their", "them", "they", "were", "was", "are", "is", "been",
  "being", "have", "has", "had", "our", "ours", "you", "your", "his", "her", "she",
  "him", "its", "it's", "what", "which", "who", "whom", "when", "where", "why", "how",
  "all", "any", "each", "every", "some", "more", "most", "also", "just", "very",
  "not", "can", "could", "would", "should", "will", "shall", "may", "might", "must",
  "did", "does", "done", "doing", "one", "out", "off", "per", "via", "too", "own",
  "so", "um", "uh", "like", "know", "basically", "sort", "kind", "because", "while",
  "until", "again", "other", "such", "only", "both", "whole", "get", "got", "make",
  "made", "let", "lot", "lots", "way", "thing", "things", "i'm", "i've", "we're",
  "we've", "myself", "ourselves", "mine", NULL
};

static gboolean
in_list (const char         *word,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_content_word (const char *word)
{
  return g_utf8_strlen (word, -1) >= 3 && !in_list (word, function_words);
}

static void
figure_clear (gpointer data)
{
  SbAnswerFigure *figure = data;

  g_free (figure->written);
  g_free (figure->spoken);
}

static void
add_finding (SbAnswerReport    *self,
             const char        *check_id,
             SbStoryField       field,
             int                step,
             SbFindingSeverity  severity,
             const char        *message,
             const char        *suggestion)
{
  g_autoptr(SbFinding) finding = sb_finding_new (check_id, field, step, severity,
                                                 message, suggestion, FALSE);

  g_list_store_append (self->findings, finding);
}

static char *
format_duration (double seconds)
{
  guint total = (guint) (seconds + 0.5);

  return g_strdup_printf ("%u:%02u", total / 60, total % 60);
}

/* The content stems of @text, as spoken (numbers spelled out). */
static GHashTable *
stems_of (const char *text)
{
  GHashTable *stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) words = sb_speech_split_words (text, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (is_content_word (words[i]))
      g_hash_table_add (stems, sb_coach_stem (words[i]));
  return stems;
}

static void
add_part (SbAnswerReport *self,
          GHashTable     *heard,
          GHashTable     *story_stems,
          SbStoryField    field,
          int             step,
          const char     *text)
{
  g_autoptr(GHashTable) stems = stems_of (text);
  GHashTableIter iter;
  gpointer stem;
  SbAnswerPart part = { field, step, 0, 0, FALSE };

  if (g_hash_table_size (stems) == 0)
    return;

  g_hash_table_iter_init (&iter, stems);
  while (g_hash_table_iter_next (&iter, &stem, NULL))
    {
      part.n_words++;
      if (g_hash_table_contains (heard, stem))
        part.n_heard++;
      if (!g_hash_table_contains (story_stems, stem))
        g_hash_table_add (story_stems, g_strdup (stem));
    }
  part.heard = part.n_heard >= MAX (1, (guint) (part.n_words * PART_HEARD_SHARE + 0.999));
  g_array_append_val (self->parts, part);
}

static const char * const unit_words[] = {
  "percent", "times", "second", "seconds", "minute", "minutes", "hour", "hours",
  "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year",
  "years", "sprint", "sprints", "people", "users", "customers", NULL
};

static const char * const number_words[] = {
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
  "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
  "half", "dozen", NULL
};

/* "two weeks", "three times": a number written as a word, and a unit. */
static gboolean
is_number_word_figure (GStrv chunks,
                       guint i)
{
  g_auto(GStrv) word = sb_speech_split_words (chunks[i], NULL);
  g_auto(GStrv) next = NULL;

  if (word[0] == NULL || word[1] != NULL || !in_list (word[0], number_words) || chunks[i + 1] == NULL)
    return FALSE;
  next = sb_speech_split_words (chunks[i + 1], NULL);
  return next[0] != NULL && next[1] == NULL && in_list (next[0], unit_words);
}

/* Whether the words of @spoken follow each other in @heard. */
static gboolean
said_in_order (GStrv                spoken,
               SbAnswerTranscript  *transcript)
{
  guint n_heard = sb_answer_transcript_get_n_words (transcript);
  guint n_spoken = g_strv_length (spoken);

  if (n_spoken == 0)
    return FALSE;

  for (guint i = 0; i + n_spoken <= n_heard; i++)
    {
      guint j = 0;

      while (j < n_spoken
             && strcmp (sb_answer_transcript_get_word (transcript, i + j)->text, spoken[j]) == 0)
        j++;
      if (j == n_spoken)
        return TRUE;
    }
  return FALSE;
}

/* The figures of the Result: each run of text with a digit in it, with
 * the unit written after it ("2 weeks"), as written and as spoken.
 */
static void
find_figures (SbAnswerReport *self)
{
  g_auto(GStrv) chunks = g_strsplit_set (sb_story_get_result (self->story), " \t\n", -1);

  for (guint i = 0; chunks[i] != NULL; i++)
    {
      g_autoptr(GString) written = NULL;
      g_auto(GStrv) spoken = NULL;
      g_auto(GStrv) next = NULL;
      SbAnswerFigure figure;
      const char *p;

      for (p = chunks[i]; *p != '\0' && !g_ascii_isdigit (*p); p++)
        ;
      if (*p == '\0' && !is_number_word_figure (chunks, i))
        continue;

      written = g_string_new (chunks[i]);
      /* Keep "4.5" but not the full stop of "by 40%." */
      while (written->len > 0 && strchr (".,;:!?)\"'", written->str[written->len - 1]) != NULL)
        g_string_truncate (written, written->len - 1);
      while (written->len > 0 && strchr ("(\"'", written->str[0]) != NULL)
        g_string_erase (written, 0, 1);

      spoken = sb_speech_split_words (written->str, NULL);
      if (spoken[0] == NULL)
        continue;

      /* "2 weeks": the unit belongs to the figure. */
      if (chunks[i + 1] != NULL)
        {
          next = sb_speech_split_words (chunks[i + 1], NULL);
          if (next[0] != NULL && next[1] == NULL && in_list (next[0], unit_words)
              && !in_list (spoken[g_strv_length (spoken) - 1], unit_words))
            {
              g_autofree char *joined = g_strjoinv (" ", spoken);
              g_autofree char *with_unit = g_strconcat (joined, " ", next[0], NULL);

              g_string_append_c (written, ' ');
              g_string_append (written, chunks[i + 1]);
              while (written->len > 0 && strchr (".,;:!?)\"'", written->str[written->len - 1]) != NULL)
                g_string_truncate (written, written->len - 1);
              g_strfreev (spoken);
              spoken = g_strsplit (with_unit, " ", -1);
              i++;
            }
        }

      figure.written = g_string_free (g_steal_pointer (&written), FALSE);
      figure.spoken = g_strjoinv (" ", spoken);
      figure.heard = said_in_order (spoken, self->transcript);
      g_array_append_val (self->figures, figure);
    }
}

static void
count_fillers (SbAnswerReport *self)
{
  guint n = sb_answer_transcript_get_n_words (self->transcript);

  for (guint i = 0; i < n; i++)
    {
      const char *word = sb_answer_transcript_get_word (self->transcript, i)->text;
      const char *next = i + 1 < n ? sb_answer_transcript_get_word (self->transcript, i + 1)->text : "";

      if (in_list (word, (const char * const[]) { "um", "uh", "like", "basically", "er", "erm", "hmm", NULL }))
        self->n_fillers++;
      else if ((strcmp (word, "you") == 0 && strcmp (next, "know") == 0)
               || ((strcmp (word, "sort") == 0 || strcmp (word, "kind") == 0) && strcmp (next, "of") == 0))
        {
          self->n_fillers++;
          i++;
        }
    }
}

static const char *
part_name (const SbAnswerPart *part)
{
  switch (part->field)
    {
    case SB_STORY_FIELD_SITUATION:
      return _("The Situation");
    case SB_STORY_FIELD_TASK:
      return _("The Task");
    case SB_STORY_FIELD_RESULT:
      return _("The Result");
    case SB_STORY_FIELD_ACTION:
    case SB_STORY_FIELD_TITLE:
    case SB_STORY_FIELD_PRINCIPLES:
    case SB_STORY_FIELD_WHOLE:
    default:
      return NULL;
    }
}

static void
judge_length (SbAnswerReport *self,
              int            *rating)
{
  g_autofree char *length = format_duration (self->seconds);
  g_autofree char *target = format_duration (self->target_seconds);
  g_autofree char *message = NULL;

  if (self->seconds < self->target_seconds / 2.0)
    {
      message = g_strdup_printf (_("The answer took %s, well under the %s target."), length, target);
      add_finding (self, SB_ANSWER_CHECK_LENGTH, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING, message,
                   _("Too short to show how you worked: say more about what you did, step by step."));
      (*rating)--;
    }
  else if (self->seconds > self->target_seconds * 1.5)
    {
      message = g_strdup_printf (_("The answer took %s, well over the %s target."), length, target);
      add_finding (self, SB_ANSWER_CHECK_LENGTH, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING, message,
                   _("The listener loses the thread: cut the background and keep the Action and the Result."));
      (*rating)--;
    }
  else
    {
      message = g_strdup_printf (_("The answer took %s, against a %s target."), length, target);
      add_finding (self, SB_ANSWER_CHECK_LENGTH, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
                   _("About the time an interviewer expects for one story."));
    }
}

static void
judge_pace (SbAnswerReport *self,
            int            *rating)
{
  g_autofree char *message = NULL;
  guint wpm = (guint) (self->words_per_minute + 0.5);

  if (self->n_words < MIN_WORDS_FOR_PACE)
    return;

  /* Translators: the pace of speech */
  message = g_strdup_printf (_("%u words a minute."), wpm);
  if (wpm < PACE_SLOW)
    {
      add_finding (self, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING, message,
                   _("Slow: 130 to 160 words a minute is comfortable. Know the next step before you start the sentence."));
      (*rating)--;
    }
  else if (wpm > PACE_FAST)
    {
      add_finding (self, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING, message,
                   _("Fast: 130 to 160 words a minute is comfortable. Slow down and let the figures land."));
      (*rating)--;
    }
  else if (wpm < PACE_LOW_EASY || wpm > PACE_HIGH_EASY)
    add_finding (self, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
                 wpm < PACE_LOW_EASY ? _("A little slow; 130 to 160 words a minute is comfortable.")
                                     : _("A little fast; 130 to 160 words a minute is comfortable."));
  else
    add_finding (self, SB_ANSWER_CHECK_PACE, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
                 _("A comfortable pace to follow."));
}

static void
judge_pauses (SbAnswerReport *self,
              int            *rating)
{
  g_autofree char *message = NULL;

  if (self->n_long_pauses == 0)
    {
      add_finding (self, SB_ANSWER_CHECK_PAUSES, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO,
                   _("No pause longer than 3 seconds."), _("The answer flowed."));
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u pause longer than 3 seconds (%.0f s).",
                                          "%u pauses longer than 3 seconds (the longest %.0f s).",
                                          self->n_long_pauses),
                             self->n_long_pauses, self->longest_pause);
  add_finding (self, SB_ANSWER_CHECK_PAUSES, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING, message,
               _("A long silence reads as a lost thread: rehearse the order of the steps until the next one comes by itself."));
  if (self->n_long_pauses > 1)
    (*rating)--;
}

static void
judge_fillers (SbAnswerReport *self,
               int            *rating)
{
  g_autofree char *message = NULL;

  if (self->n_fillers == 0)
    {
      add_finding (self, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO,
                   _("No filler words."), _("Nothing like “um” or “you know” was heard."));
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u filler word (%.1f a minute).",
                                          "%u filler words (%.1f a minute).",
                                          self->n_fillers),
                             self->n_fillers, self->fillers_per_minute);
  if (self->fillers_per_minute > FILLERS_PER_MINUTE_MAX)
    {
      add_finding (self, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING, message,
                   _("“Um”, “like”, “you know” and “basically” sound unsure: a short silence is better."));
      (*rating)--;
    }
  else
    add_finding (self, SB_ANSWER_CHECK_FILLERS, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
                 _("A few, not enough to distract."));
}

static void
judge_coverage (SbAnswerReport *self,
                int            *rating)
{
  guint n_heard = 0;
  gboolean result_missed = FALSE;

  if (self->parts->len == 0)
    return;

  for (guint i = 0; i < self->parts->len; i++)
    {
      const SbAnswerPart *part = &g_array_index (self->parts, SbAnswerPart, i);
      g_autofree char *message = NULL;

      if (part->heard)
        {
          n_heard++;
          continue;
        }
      if (part->field == SB_STORY_FIELD_ACTION)
        message = g_strdup_printf (_("Step %d of the Action was not heard."), part->step + 1);
      else
        /* Translators: %s is "The Situation", "The Task" or "The Result" */
        message = g_strdup_printf (_("%s was not heard."), part_name (part));
      if (part->field == SB_STORY_FIELD_RESULT)
        result_missed = TRUE;
      add_finding (self, SB_ANSWER_CHECK_COVERAGE, part->field, part->step, SB_FINDING_WARNING, message,
                   part->field == SB_STORY_FIELD_RESULT
                     ? _("Without the Result the story has no ending: say how it turned out, with its figures.")
                     : _("Few of its words came up in the answer: tell this part, or cut it from the written story."));
    }

  self->coverage = (double) n_heard / self->parts->len;
  if (n_heard == self->parts->len)
    add_finding (self, SB_ANSWER_CHECK_COVERAGE, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO,
                 _("Every part of the story was heard."),
                 _("Situation, Task, each step of the Action and the Result."));

  if (self->coverage < 0.5)
    *rating -= 2;
  else if (self->coverage < 1.0)
    *rating -= 1;
  if (result_missed)
    (*rating)--;
}

static void
judge_figures (SbAnswerReport *self,
               int            *rating)
{
  guint n_missed = 0;

  if (self->figures->len == 0)
    return;

  for (guint i = 0; i < self->figures->len; i++)
    {
      const SbAnswerFigure *figure = &g_array_index (self->figures, SbAnswerFigure, i);
      g_autofree char *message = NULL;

      if (figure->heard)
        continue;
      n_missed++;
      message = g_strdup_printf (_("The figure “%s” was not heard."), figure->written);
      add_finding (self, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_RESULT, -1, SB_FINDING_WARNING, message,
                   _("The Result’s figures are what the interviewer remembers: say them."));
    }

  if (n_missed == 0)
    add_finding (self, SB_ANSWER_CHECK_FIGURES, SB_STORY_FIELD_RESULT, -1, SB_FINDING_INFO,
                 _("The Result’s figures were heard."), _("A measured result is a convincing one."));
  else
    (*rating)--;
}

static void
judge_pronouns (SbAnswerReport *self,
                int            *rating)
{
  g_autofree char *singular = NULL;
  g_autofree char *message = NULL;

  sb_coach_count_pronouns (self->text, &self->n_singular, &self->n_plural);
  /* Translators: how often the answer said "I"; the sentence goes on
   * with how often it said "we"
   */
  singular = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“I” %u time", "“I” %u times", self->n_singular),
                              self->n_singular);
  /* Translators: the first %s is how often the answer said "I" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, “we” %u time.", "%s, “we” %u times.", self->n_plural),
                             singular, self->n_plural);

  /* The recogniser loses a short, unstressed "I" far more often than a
   * "we" or an "our", so the spoken count warns only when "we" clearly
   * leads, not on the written coach's narrower margin.
   */
  if (self->n_plural >= 3 && self->n_plural > 2 * self->n_singular)
    {
      add_finding (self, SB_ANSWER_CHECK_WE_NOT_I, SB_STORY_FIELD_ACTION, -1, SB_FINDING_WARNING, message,
                   _("The interviewer is hiring you: say what you did yourself, and keep “we” for the team’s result."));
      (*rating)--;
    }
  else
    add_finding (self, SB_ANSWER_CHECK_WE_NOT_I, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
                 _("Your own part came through."));
}

/* Marks the words of the transcript whose stems are the story's. */
static void
mark_story_words (SbAnswerReport *self,
                  GHashTable     *story_stems)
{
  guint n = sb_answer_transcript_get_n_words (self->transcript);
  guint offset = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *word = sb_answer_transcript_get_word (self->transcript, i)->text;
      guint len = strlen (word);

      if (is_content_word (word))
        {
          g_autofree char *stem = sb_coach_stem (word);

          if (g_hash_table_contains (story_stems, stem))
            {
              SbAnswerRange range = { offset, offset + len };

              g_array_append_val (self->marks, range);
            }
        }
      offset += len + 1;
    }
}

static void
compute (SbAnswerReport *self)
{
  SbAnswerTranscript *transcript = self->transcript;
  g_autoptr(GHashTable) heard = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) story_stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *actions = sb_story_get_actions (self->story);
  guint n = sb_answer_transcript_get_n_words (transcript);
  guint voiced_ms = sb_answer_transcript_get_voiced_ms (transcript);
  guint n_spoken = 0;
  int rating = 5;

  self->text = sb_answer_transcript_dup_text (transcript);
  self->n_words = n;
  self->seconds = sb_answer_transcript_get_total_ms (transcript) / 1000.0;

  for (guint i = 0; i < n; i++)
    {
      const char *word = sb_answer_transcript_get_word (transcript, i)->text;

      if (is_content_word (word))
        g_hash_table_add (heard, sb_coach_stem (word));
      if (!in_list (word, (const char * const[]) { "um", "uh", "er", "erm", "hmm", NULL }))
        n_spoken++;
    }

  /* Parts and figures are known even when nothing was heard. */
  add_part (self, heard, story_stems, SB_STORY_FIELD_SITUATION, -1, sb_story_get_situation (self->story));
  add_part (self, heard, story_stems, SB_STORY_FIELD_TASK, -1, sb_story_get_task (self->story));
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    add_part (self, heard, story_stems, SB_STORY_FIELD_ACTION, (int) i, actions[i]);
  add_part (self, heard, story_stems, SB_STORY_FIELD_RESULT, -1, sb_story_get_result (self->story));
  find_figures (self);

  self->nothing_heard = n_spoken == 0;
  if (self->nothing_heard)
    {
      add_finding (self, SB_ANSWER_CHECK_NOTHING_HEARD, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_WARNING,
                   _("Nothing was heard."),
                   _("Check that the right microphone is chosen and not muted, then answer again."));
      self->suggested_rating = 0;
      return;
    }

  /* The time spoken: without the silence around the answer and the long
   * pauses; the words' own span when the level gave nothing.
   */
  if (voiced_ms == 0 && n > 0)
    voiced_ms = sb_answer_transcript_get_word (transcript, n - 1)->end_ms
                - sb_answer_transcript_get_word (transcript, 0)->start_ms;
  if (self->seconds <= 0)
    self->seconds = voiced_ms / 1000.0;
  /* Counted from the syllables when the audio gave them: the recogniser
   * drops words from fast speech and adds short ones to slow speech,
   * both towards a middling pace.
   */
  if (sb_answer_transcript_get_syllables (transcript) > 0)
    self->words_per_minute = sb_answer_transcript_get_syllables (transcript) / SYLLABLES_PER_WORD
                             * 60000.0 / MAX (voiced_ms, 1);
  else
    self->words_per_minute = voiced_ms > 0 ? n * 60000.0 / voiced_ms : 0;

  for (guint i = 0; i < sb_answer_transcript_get_n_pauses (transcript); i++)
    {
      const SbAnswerPause *pause = sb_answer_transcript_get_pause (transcript, i);
      double length = (pause->end_ms - pause->start_ms) / 1000.0;

      if (pause->end_ms - pause->start_ms >= SB_ANSWER_LONG_PAUSE_MS)
        {
          self->n_long_pauses++;
          self->longest_pause = MAX (self->longest_pause, length);
        }
    }

  count_fillers (self);
  self->fillers_per_minute = self->seconds > 0 ? self->n_fillers * 60.0 / MAX (self->seconds, 15.0) : 0;

  judge_length (self, &rating);
  judge_pace (self, &rating);
  judge_pauses (self, &rating);
  judge_fillers (self, &rating);
  judge_coverage (self, &rating);
  judge_figures (self, &rating);
  judge_pronouns (self, &rating);
  mark_story_words (self, story_stems);

  self->suggested_rating = CLAMP (rating, 1, 5);
}

static void
sb_answer_report_finalize (GObject *object)
{
  SbAnswerReport *self = (SbAnswerReport *) object;

  g_clear_pointer (&self->transcript, sb_answer_transcript_unref);
  g_clear_object (&self->story);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->text);

  G_OBJECT_CLASS (sb_answer_report_parent_class)->finalize (object);
}

static void
sb_answer_report_class_init (SbAnswerReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_answer_report_finalize;
}

static void
sb_answer_report_init (SbAnswerReport *self)
{
  self->findings = g_list_store_new (SB_TYPE_FINDING);
  self->parts = g_array_new (FALSE, TRUE, sizeof (SbAnswerPart));
  self->figures = g_array_new (FALSE, TRUE, sizeof (SbAnswerFigure));
  g_array_set_clear_func (self->figures, figure_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (SbAnswerRange));
}

/**
 * sb_answer_report_new:
 * @transcript: what was heard
 * @story: the story the answer tells
 * @target_seconds: the target length, 0 for the coach's default
 *
 * Returns: (transfer full): the report
 */
SbAnswerReport *
sb_answer_report_new (SbAnswerTranscript *transcript,
                      SbStory            *story,
                      guint               target_seconds)
{
  SbAnswerReport *self;

  g_return_val_if_fail (transcript != NULL, NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  self = g_object_new (SB_TYPE_ANSWER_REPORT, NULL);
  self->transcript = sb_answer_transcript_ref (transcript);
  self->story = g_object_ref (story);
  self->target_seconds = target_seconds > 0 ? target_seconds
                                            : sb_coach_get_thresholds ()->default_target_seconds;
  compute (self);
  return self;
}

JsonNode *
sb_answer_report_to_json (SbAnswerReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target-seconds");
  json_builder_add_int_value (builder, self->target_seconds);
  json_builder_set_member_name (builder, "transcript");
  json_builder_add_value (builder, sb_answer_transcript_to_json (self->transcript));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

SbAnswerReport *
sb_answer_report_new_from_json (JsonNode  *node,
                                SbStory   *story,
                                GError   **error)
{
  g_autoptr(SbAnswerTranscript) transcript = NULL;
  JsonObject *object;
  gint64 target = 0;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The report is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  transcript = sb_answer_transcript_new_from_json (json_object_get_member (object, "transcript"), error);
  if (transcript == NULL)
    return NULL;
  if (json_object_has_member (object, "target-seconds"))
    target = json_object_get_int_member_with_default (object, "target-seconds", 0);

  return sb_answer_report_new (transcript, story, (guint) CLAMP (target, 0, 3600));
}

SbAnswerTranscript *
sb_answer_report_get_transcript (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return self->transcript;
}

SbStory *
sb_answer_report_get_story (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return self->story;
}

gboolean
sb_answer_report_get_nothing_heard (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), TRUE);
  return self->nothing_heard;
}

double
sb_answer_report_get_seconds (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->seconds;
}

guint
sb_answer_report_get_target_seconds (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->target_seconds;
}

guint
sb_answer_report_get_n_words (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_words;
}

double
sb_answer_report_get_words_per_minute (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->words_per_minute;
}

guint
sb_answer_report_get_n_long_pauses (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_long_pauses;
}

double
sb_answer_report_get_longest_pause (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->longest_pause;
}

guint
sb_answer_report_get_n_fillers (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_fillers;
}

double
sb_answer_report_get_fillers_per_minute (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->fillers_per_minute;
}

guint
sb_answer_report_get_n_parts (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->parts->len;
}

const SbAnswerPart *
sb_answer_report_get_part (SbAnswerReport *self,
                           guint           position)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  g_return_val_if_fail (position < self->parts->len, NULL);
  return &g_array_index (self->parts, SbAnswerPart, position);
}

double
sb_answer_report_get_coverage (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->coverage;
}

guint
sb_answer_report_get_n_figures (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->figures->len;
}

const SbAnswerFigure *
sb_answer_report_get_figure (SbAnswerReport *self,
                             guint           position)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  g_return_val_if_fail (position < self->figures->len, NULL);
  return &g_array_index (self->figures, SbAnswerFigure, position);
}

guint
sb_answer_report_get_n_singular (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_singular;
}

guint
sb_answer_report_get_n_plural (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->n_plural;
}

int
sb_answer_report_get_suggested_rating (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), 0);
  return self->suggested_rating;
}

/**
 * sb_answer_report_get_findings:
 *
 * Returns: (transfer none): the report's lines, SbFinding items
 */
GListModel *
sb_answer_report_get_findings (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

const char *
sb_answer_report_get_text (SbAnswerReport *self)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  return self->text;
}

const SbAnswerRange *
sb_answer_report_get_marks (SbAnswerReport *self,
                            guint          *n_marks)
{
  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);
  g_return_val_if_fail (n_marks != NULL, NULL);

  *n_marks = self->marks->len;
  return (const SbAnswerRange *) (gpointer) self->marks->data;
}

void
sb_answer_report_get_summary (SbAnswerReport  *self,
                              SbAnswerSummary *summary)
{
  g_return_if_fail (SB_IS_ANSWER_REPORT (self));
  g_return_if_fail (summary != NULL);

  summary->seconds = self->seconds;
  summary->target_seconds = self->target_seconds;
  summary->words_per_minute = self->words_per_minute;
  summary->coverage = self->coverage;
  summary->fillers_per_minute = self->fillers_per_minute;
  summary->n_long_pauses = self->n_long_pauses;
  summary->suggested_rating = self->suggested_rating;
}

/**
 * sb_answer_report_dup_text_report:
 *
 * Returns: (transfer full): the report as plain text: one line a
 * finding ("!" a problem, "-" fine) with its reason below, the parts
 * heard, and the transcript with the story's words in *stars*
 */
char *
sb_answer_report_dup_text_report (SbAnswerReport *self)
{
  GString *out;
  guint n_marks, offset = 0;
  const SbAnswerRange *marks;

  g_return_val_if_fail (SB_IS_ANSWER_REPORT (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->findings)); i++)
    {
      g_autoptr(SbFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      g_string_append_printf (out, "%s %s\n",
                              sb_finding_get_severity (finding) == SB_FINDING_WARNING ? "!" : "-",
                              sb_finding_get_message (finding));
      if (sb_finding_get_suggestion (finding) != NULL)
        g_string_append_printf (out, "    %s\n", sb_finding_get_suggestion (finding));
    }

  if (self->parts->len > 0 && !self->nothing_heard)
    {
      g_string_append_printf (out, "\n%s\n", _("Parts heard:"));
      for (guint i = 0; i < self->parts->len; i++)
        {
          const SbAnswerPart *part = &g_array_index (self->parts, SbAnswerPart, i);
          g_autofree char *name = part->field == SB_STORY_FIELD_ACTION
                                    ? g_strdup_printf (_("Action step %d"), part->step + 1)
                                    : g_strdup (part_name (part));

          /* Translators: "The Task: 4 of 6 words, heard" */
          g_string_append_printf (out, _("  %s: %u of %u words, %s\n"), name, part->n_heard, part->n_words,
                                  part->heard ? _("heard") : _("not heard"));
        }
    }

  if (!self->nothing_heard)
    {
      marks = sb_answer_report_get_marks (self, &n_marks);
      g_string_append_printf (out, "\n%s\n", _("Transcript (the story’s words in *stars*):"));
      for (guint i = 0; i < n_marks; i++)
        {
          g_string_append_len (out, self->text + offset, marks[i].start - offset);
          g_string_append_c (out, '*');
          g_string_append_len (out, self->text + marks[i].start, marks[i].end - marks[i].start);
          g_string_append_c (out, '*');
          offset = marks[i].end;
        }
      g_string_append (out, self->text + offset);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

const char * const *
sb_answer_report_get_fillers (void)
{
  return fillers;
}

/* Summary ------------------------------------------------------------- */

/**
 * sb_answer_summary_to_json:
 * @date: (nullable): when the answer was given
 *
 * Returns: (transfer full): the summary as a JSON object
 */
JsonNode *
sb_answer_summary_to_json (const SbAnswerSummary *summary,
                           GDateTime             *date)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (builder);
  if (date != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (date);

      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, iso);
    }
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, summary->seconds);
  json_builder_set_member_name (builder, "target-seconds");
  json_builder_add_double_value (builder, summary->target_seconds);
  json_builder_set_member_name (builder, "words-per-minute");
  json_builder_add_double_value (builder, summary->words_per_minute);
  json_builder_set_member_name (builder, "coverage");
  json_builder_add_double_value (builder, summary->coverage);
  json_builder_set_member_name (builder, "fillers-per-minute");
  json_builder_add_double_value (builder, summary->fillers_per_minute);
  json_builder_set_member_name (builder, "long-pauses");
  json_builder_add_int_value (builder, summary->n_long_pauses);
  json_builder_set_member_name (builder, "suggested-rating");
  json_builder_add_int_value (builder, summary->suggested_rating);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static double
read_number (JsonObject *object,
             const char *name,
             double      lo,
             double      hi)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return lo;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return lo;
  if (!(value >= lo))  /* also NaN */
    return lo;
  return MIN (value, hi);
}

/**
 * sb_answer_summary_from_json:
 * @date: (out) (optional) (nullable): when the answer was given
 *
 * Reads what sb_answer_summary_to_json() wrote; a missing or odd value
 * reads as 0.
 */
gboolean
sb_answer_summary_from_json (JsonNode         *node,
                             SbAnswerSummary  *summary,
                             GDateTime       **date,
                             GError          **error)
{
  JsonObject *object;

  g_return_val_if_fail (summary != NULL, FALSE);

  if (date != NULL)
    *date = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The report summary is not a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  summary->seconds = read_number (object, "seconds", 0, 24 * 3600);
  summary->target_seconds = read_number (object, "target-seconds", 0, 24 * 3600);
  summary->words_per_minute = read_number (object, "words-per-minute", 0, 1000);
  summary->coverage = read_number (object, "coverage", 0, 1);
  summary->fillers_per_minute = read_number (object, "fillers-per-minute", 0, 1000);
  summary->n_long_pauses = (guint) read_number (object, "long-pauses", 0, 100000);
  summary->suggested_rating = (int) read_number (object, "suggested-rating", 0, 5);

  if (date != NULL)
    {
      JsonNode *member = json_object_get_member (object, "date");

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_STRING)
        *date = g_date_time_new_from_iso8601 (json_node_get_string (member), NULL);
    }
  return TRUE;
}
