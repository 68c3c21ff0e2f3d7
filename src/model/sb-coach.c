/* sb-coach.c: the story coach's checks, pure functions of a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check reads the story (and, for principle-fit, the catalog) and
 * nothing else, so it can run on each edit and in tests without a window.
 * The checks are heuristics for English text; a user who disagrees with
 * one dismisses it for that story.
 */

#define G_LOG_DOMAIN "sb-coach"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-coach.h"

/* All the coach's thresholds, and why each has its value. */
static const SbCoachThresholds thresholds = {
  /* A calm interview pace: people read aloud at 150-160 words a minute
   * and speak a little slower when recalling; 140 errs towards more time.
   */
  .words_per_minute = 140,
  /* Two minutes is the answer length interviewers commonly expect for one
   * STAR story. Under half of the target (60 s) is too thin to show how
   * you worked; over one and a half times it (180 s) loses the listener.
   */
  .default_target_seconds = 120,
  /* One step is a summary, not an account of how you went about it. */
  .min_action_steps = 2,
  /* The Situation and Task are setup; past 30 % of the story they crowd
   * out the Action and Result, the parts that are scored. Exactly 30 % is
   * fine.
   */
  .setup_max_percent = 30,
  /* Below about 40 words a story is a draft still being written: judging
   * its proportions or its fit to a principle would only be noise next to
   * the missing-part findings that already say what to write.
   */
  .min_words_to_judge = 40,
  /* A story can honestly show two or three principles, four at a stretch;
   * filed under five or more it is being stretched to cover gaps.
   */
  .max_principles = 4,
  /* How a two-minute answer is usually split: a short setup, most of the
   * time on what you did, and a clear result. Learnings are optional, a
   * sentence or two told within that time: they get no share of their
   * own, so a story without them keeps the same targets.
   */
  .target_percent = { 15, 10, 55, 20, 0 },
};

static const char * const check_ids[] = {
  SB_CHECK_MISSING_PART,
  SB_CHECK_UNMEASURED_RESULT,
  SB_CHECK_WE_NOT_I,
  SB_CHECK_VAGUE,
  SB_CHECK_LONG_SETUP,
  SB_CHECK_SPEAKING_TIME,
  SB_CHECK_PRINCIPLE_FIT,
  SB_CHECK_OVER_USED,
  NULL
};

/* Words -------------------------------------------------------------- */

typedef struct
{
  char     *text;      /* lower case */
  gboolean  all_caps;  /* written in capitals, e.g. "US" the country */
} Token;

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->text);
}

static gboolean
is_joiner (gunichar c)
{
  return c == '-' || c == '\'' || c == 0x2019 /* ’ */ || c == 0x2010 /* ‐ */;
}

/* Splits @text into words: runs of letters and digits, with a hyphen or
 * apostrophe inside a word kept ("long-term", "team's").
 */
static void
tokenize (const char *text,
          GArray     *tokens)
{
  const char *p = text;

  if (text == NULL)
    return;

  while (*p != '\0')
    {
      const char *start;
      gboolean caps = TRUE;
      guint n_letters = 0;
      Token token;

      while (*p != '\0' && !((guchar) *p < 0x80 ? g_ascii_isalnum (*p)
                                                : g_unichar_isalnum (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      for (;;)
        {
          gunichar c;

          /* Most story text is ASCII: skip the Unicode tables for it. */
          if ((guchar) *p < 0x80 && g_ascii_isalnum (*p))
            {
              if (g_ascii_isalpha (*p))
                {
                  n_letters++;
                  if (!g_ascii_isupper (*p))
                    caps = FALSE;
                }
              p++;
              continue;
            }

          c = g_utf8_get_char (p);
          if (g_unichar_isalnum (c))
            {
              if (g_unichar_isalpha (c))
                {
                  n_letters++;
                  if (!g_unichar_isupper (c))
                    caps = FALSE;
                }
              p = g_utf8_next_char (p);
            }
          else if (is_joiner (c))
            {
              const char *next = g_utf8_next_char (p);

              if (*next == '\0' || !g_unichar_isalnum (g_utf8_get_char (next)))
                break;
              p = next;
            }
          else
            break;
        }

      token.text = g_utf8_strdown (start, p - start);
      token.all_caps = caps && n_letters > 1;
      g_array_append_val (tokens, token);
    }
}

static GArray *
tokens_new (void)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));

  g_array_set_clear_func (tokens, token_clear);
  return tokens;
}

static GArray *
tokenize_new (const char *text)
{
  GArray *tokens = tokens_new ();

  tokenize (text, tokens);
  return tokens;
}

/* Every part of the story split into words once, shared by the checks. */
typedef struct
{
  GArray    *title;
  GArray    *situation;
  GArray    *task;
  GPtrArray *actions;  /* one GArray of tokens per step */
  GArray    *result;
  guint      words[SB_STAR_N_PARTS];
  guint      total_words;
} StoryWords;

static void
story_words_init (StoryWords *sw,
                  SbStory    *story)
{
  const char * const *actions = sb_story_get_actions (story);

  sw->title = tokenize_new (sb_story_get_title (story));
  sw->situation = tokenize_new (sb_story_get_situation (story));
  sw->task = tokenize_new (sb_story_get_task (story));
  sw->result = tokenize_new (sb_story_get_result (story));
  sw->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  sw->words[SB_STAR_ACTION] = 0;
  for (guint i = 0; actions[i] != NULL; i++)
    {
      GArray *step = tokenize_new (actions[i]);

      g_ptr_array_add (sw->actions, step);
      sw->words[SB_STAR_ACTION] += step->len;
    }
  sw->words[SB_STAR_SITUATION] = sw->situation->len;
  sw->words[SB_STAR_TASK] = sw->task->len;
  sw->words[SB_STAR_RESULT] = sw->result->len;
  sw->words[SB_STAR_LEARNINGS] = sb_coach_count_words (sb_story_get_learnings (story));
  sw->total_words = 0;
  for (guint i = 0; i < SB_STAR_N_PARTS; i++)
    sw->total_words += sw->words[i];
}

static void
story_words_clear (StoryWords *sw)
{
  g_clear_pointer (&sw->title, g_array_unref);
  g_clear_pointer (&sw->situation, g_array_unref);
  g_clear_pointer (&sw->task, g_array_unref);
  g_clear_pointer (&sw->result, g_array_unref);
  g_clear_pointer (&sw->actions, g_ptr_array_unref);
}

static inline const char *
token_at (GArray *tokens,
          guint   i)
{
  return g_array_index (tokens, Token, i).text;
}

static gboolean
in_list (const char         *word,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (word[0] == list[i][0] && strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * sb_coach_count_words:
 *
 * Returns: the number of words in @text, as the speaking-time estimate
 * counts them (a hyphenated word is one word).
 */
guint
sb_coach_count_words (const char *text)
{
  g_autoptr(GArray) tokens = tokens_new ();

  tokenize (text, tokens);
  return tokens->len;
}

static gboolean
is_vowel (char c)
{
  return strchr ("aeiouy", c) != NULL;
}

/* Stems the lower-case word in @stem (of @len bytes) in place and returns
 * the stem's length. See sb_coach_stem().
 */
static gsize
stem_in_place (char  *stem,
               gsize  len)
{
  /* Suffix and what it leaves: "automation" and "automated" both become
   * "automat".
   */
  static const struct { const char *suffix; const char *keep; guint8 slen; gboolean verb; } suffixes[] = {
    { "ational", "at", 7, FALSE }, { "ations", "at", 6, FALSE }, { "ation", "at", 5, FALSE },
    { "ements", "", 6, FALSE }, { "ement", "", 5, FALSE }, { "ments", "", 5, FALSE },
    { "ment", "", 4, FALSE }, { "ities", "", 5, FALSE }, { "ity", "", 3, FALSE },
    { "ness", "", 4, FALSE }, { "ingly", "", 5, TRUE }, { "ings", "", 4, TRUE },
    { "ing", "", 3, TRUE }, { "edly", "", 4, TRUE }, { "ies", "", 3, FALSE },
    { "ied", "", 3, FALSE }, { "ed", "", 2, TRUE }, { "able", "", 4, FALSE },
    { "ible", "", 4, FALSE }, { "ly", "", 2, FALSE }, { "es", "", 2, FALSE },
    { "s", "", 1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize slen = suffixes[i].slen;

      if (len < slen + 3 || memcmp (stem + len - slen, suffixes[i].suffix, slen) != 0)
        continue;
      /* "process" is not a plural, "processes" is. */
      if (slen == 1 && stem[len - 2] == 's')
        break;

      len -= slen;
      stem[len] = '\0';
      /* "planned" -> "plan", but "installed" -> "install". */
      if (suffixes[i].verb
          && len >= 4 && stem[len - 1] == stem[len - 2]
          && !is_vowel (stem[len - 1]) && strchr ("lsz", stem[len - 1]) == NULL)
        stem[--len] = '\0';
      /* Safe: the suffix just removed was longer than what it leaves. */
      strcpy (stem + len, suffixes[i].keep);
      len += strlen (suffixes[i].keep);
      break;
    }

  if (len > 3 && (stem[len - 1] == 'e' || stem[len - 1] == 'y'))
    stem[--len] = '\0';

  return len;
}

/**
 * sb_coach_stem:
 * @word: one English word
 *
 * A small suffix-stripping stemmer, enough to see that "scaling",
 * "scaled", "scales" and "scale" are one word: lower case, strip one common
 * suffix (keeping a stem of at least three letters), undo a doubled final
 * consonant ("planned" -> "plan") and drop a final "e" or "y".
 *
 * Returns: (transfer full): the stem
 */
char *
sb_coach_stem (const char *word)
{
  char *stem;

  g_return_val_if_fail (word != NULL, NULL);

  stem = g_utf8_strdown (word, -1);
  stem_in_place (stem, strlen (stem));
  return stem;
}

/* A word that reads as a verb in the past tense: "Designed the service…"
 * said without a subject is the speaker's "I designed…".
 */
static gboolean
is_past_verb (const char *word)
{
  static const char * const irregular[] = {
    "led", "built", "rebuilt", "ran", "wrote", "rewrote", "made", "set",
    "drove", "took", "undertook", "gave", "found", "began", "chose",
    "brought", "taught", "sought", "spoke", "met", "won", "grew", "held",
    "kept", "left", "put", "read", "sent", "spent", "stood", "thought",
    "understood", "got", "did", "cut", "split", "fought", "bought", "caught",
    "dealt", "felt", "lost", "meant", "paid", "sold", "told", "shut",
    "overcame", "became", "saw", "knew", "drew", "went", "came", "rose",
    "broke", "hid", "sped", "shipped", NULL
  };
  static const char * const not_verbs[] = {
    "hundred", "speed", "seed", "breed", "bed", "red", "shed", "feed",
    "indeed", "need", "greed", "embed", NULL
  };
  gsize len = strlen (word);

  if (len >= 4 && g_str_has_suffix (word, "ed") && !in_list (word, not_verbs))
    return TRUE;

  return in_list (word, irregular);
}

/* Findings ----------------------------------------------------------- */

typedef struct
{
  SbStory              *story;
  const SbCoachOptions *options;
  GPtrArray            *findings;
  StoryWords            words;
} Checker;

/* Whether the check should run at all: a dismissed one is skipped unless
 * the caller asked to list dismissed findings too.
 */
static gboolean
wants (Checker    *checker,
       const char *check_id)
{
  return checker->options->include_dismissed
         || !sb_story_is_dismissed (checker->story, check_id);
}

static void
add (Checker           *checker,
     const char        *check_id,
     SbStoryField       field,
     int                step,
     SbFindingSeverity  severity,
     const char        *message,
     const char        *suggestion)
{
  gboolean dismissed = sb_story_is_dismissed (checker->story, check_id);

  if (dismissed && !checker->options->include_dismissed)
    return;

  g_ptr_array_add (checker->findings,
                   sb_finding_new (check_id, field, step, severity,
                                   message, suggestion, dismissed));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static guint
count_steps (SbStory *story)
{
  const char * const *actions = sb_story_get_actions (story);
  guint n = 0;

  for (guint i = 0; actions[i] != NULL; i++)
    if (!is_blank (actions[i]))
      n++;
  return n;
}

static void
check_missing_part (Checker *checker)
{
  SbStory *story = checker->story;
  guint n_steps;

  if (!wants (checker, SB_CHECK_MISSING_PART))
    return;

  if (is_blank (sb_story_get_situation (story)))
    add (checker, SB_CHECK_MISSING_PART, SB_STORY_FIELD_SITUATION, -1, SB_FINDING_WARNING,
         _("The Situation is empty."),
         _("Set the scene in a sentence or two: where you were and what was at stake."));

  if (is_blank (sb_story_get_task (story)))
    add (checker, SB_CHECK_MISSING_PART, SB_STORY_FIELD_TASK, -1, SB_FINDING_WARNING,
         _("The Task is empty."),
         _("Say what you, personally, had to achieve or decide."));

  n_steps = count_steps (story);
  if (n_steps == 0)
    add (checker, SB_CHECK_MISSING_PART, SB_STORY_FIELD_ACTION, -1, SB_FINDING_WARNING,
         _("The Action has no steps."),
         _("List what you did, one step per line, each starting with a verb."));
  else if (n_steps < thresholds.min_action_steps)
    add (checker, SB_CHECK_MISSING_PART, SB_STORY_FIELD_ACTION, -1, SB_FINDING_WARNING,
         _("The Action has only one step."),
         _("Break what you did into at least two steps: interviewers listen for how you went about it."));

  if (is_blank (sb_story_get_result (story)))
    add (checker, SB_CHECK_MISSING_PART, SB_STORY_FIELD_RESULT, -1, SB_FINDING_WARNING,
         _("The Result is empty."),
         _("Say how it ended and what changed, with a number if you can."));
}

static const char * const number_words[] = {
  "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
  "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
  "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
  "thousands", "million", "millions", "billion", "billions", "dozen",
  "dozens", "half", "percent", "per-cent", NULL
};

static const char * const multiplier_words[] = {
  "twice", "thrice", "double", "doubled", "doubling", "triple", "tripled",
  "tripling", "quadrupled", "halved", "halving", "tenfold", "twofold",
  "threefold", "hundredfold", NULL
};

static const char * const time_units[] = {
  "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days",
  "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
  "sprint", "sprints", NULL
};

static const char * const frequency_words[] = {
  "hourly", "daily", "weekly", "monthly", "quarterly", "yearly", "annually",
  "never", "always", "manual", "manually", "instant", "instantly", NULL
};

static const char * const quantifiers[] = {
  "a", "an", "one", "per", "every", "each", "within", "under", "over", NULL
};

static gboolean
is_measure_word (const char *word)
{
  return in_list (word, number_words) || in_list (word, time_units)
         || in_list (word, frequency_words);
}

static gboolean
is_to (const char *word)
{
  return strcmp (word, "to") == 0 || strcmp (word, "into") == 0;
}

/* Whether @text states how much: a digit (numbers, percentages, money,
 * "10x"), a number written as a word, a multiplier ("twice", "halved"), a
 * time span ("within a week") or a before/after ("from days to minutes").
 */
static gboolean
is_measured (const char *text,
             GArray     *tokens)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || *p == '%')
      return TRUE;

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *word = token_at (tokens, i);

      if (in_list (word, number_words) || in_list (word, multiplier_words)
          || (g_str_has_suffix (word, "fold") && strlen (word) > 4))
        return TRUE;

      if (i > 0 && in_list (word, time_units) && in_list (token_at (tokens, i - 1), quantifiers))
        return TRUE;

      /* "from days to minutes": a before and an after, one of them a
       * measure, each at most three words.
       */
      if (strcmp (word, "from") == 0)
        {
          gboolean measure = FALSE;
          guint j = i + 1;

          while (j < tokens->len && j <= i + 3 && !is_to (token_at (tokens, j)))
            measure |= is_measure_word (token_at (tokens, j++));

          if (j > i + 1 && j < tokens->len && is_to (token_at (tokens, j)))
            {
              for (guint k = j + 1; k < tokens->len && k <= j + 3; k++)
                measure |= is_measure_word (token_at (tokens, k));
              if (measure)
                return TRUE;
            }
        }
    }

  return FALSE;
}

static void
check_unmeasured_result (Checker *checker)
{
  const char *result = sb_story_get_result (checker->story);

  if (!wants (checker, SB_CHECK_UNMEASURED_RESULT) || is_blank (result))
    return;

  if (!is_measured (result, checker->words.result))
    add (checker, SB_CHECK_UNMEASURED_RESULT, SB_STORY_FIELD_RESULT, -1, SB_FINDING_WARNING,
         _("The Result has no measure."),
         _("Add a number: a percentage, money saved, time saved, “twice as fast”, or a before and after such as “from days to minutes”."));
}

static const char * const plural_pronouns[] = {
  "we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll",
  "we’re", "we’ve", "we’d", "we’ll", NULL
};

static const char * const singular_pronouns[] = {
  "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll",
  "i’m", "i’ve", "i’d", "i’ll", NULL
};

static void
count_pronouns (GArray   *tokens,
                gboolean  is_step,
                guint    *plural,
                guint    *singular)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      /* "US" in capitals is the country, not "us". */
      if (in_list (token->text, plural_pronouns) && !token->all_caps)
        (*plural)++;
      else if (in_list (token->text, singular_pronouns))
        (*singular)++;
    }

  if (is_step && tokens->len > 0 && is_past_verb (token_at (tokens, 0)))
    (*singular)++;
}

/**
 * sb_coach_count_pronouns:
 * @text: (nullable): text, written or as heard
 * @singular: (out): how many times it says "I" (me, my, I'm, ...)
 * @plural: (out): how many times it says "we" (us, our, we're, ...)
 *
 * Counts "I" and "we" the way the we-not-i check does (without the
 * steps that start with a verb, which only a written story has).
 */
void
sb_coach_count_pronouns (const char *text,
                         guint      *singular,
                         guint      *plural)
{
  g_autoptr(GArray) tokens = tokenize_new (text);

  g_return_if_fail (singular != NULL);
  g_return_if_fail (plural != NULL);

  *singular = 0;
  *plural = 0;
  count_pronouns (tokens, FALSE, plural, singular);
}

static void
check_we_not_i (Checker *checker)
{
  static const SbStoryField fields[3] = {
    SB_STORY_FIELD_SITUATION, SB_STORY_FIELD_TASK, SB_STORY_FIELD_ACTION,
  };
  StoryWords *sw = &checker->words;
  guint plural[3] = { 0, }, singular = 0, total_plural;
  SbStoryField field = SB_STORY_FIELD_ACTION;
  guint most = 0;

  if (!wants (checker, SB_CHECK_WE_NOT_I))
    return;

  count_pronouns (sw->situation, FALSE, &plural[0], &singular);
  count_pronouns (sw->task, FALSE, &plural[1], &singular);
  for (guint i = 0; i < sw->actions->len; i++)
    count_pronouns (sw->actions->pdata[i], TRUE, &plural[2], &singular);

  total_plural = plural[0] + plural[1] + plural[2];
  if (total_plural <= singular)
    return;

  /* Point at the part that says "we" most. */
  for (guint i = 0; i < 3; i++)
    if (plural[i] > most)
      {
        most = plural[i];
        field = fields[i];
      }

  add (checker, SB_CHECK_WE_NOT_I, field, -1, SB_FINDING_WARNING,
       _("The story says “we” more than “I”."),
       _("The interviewer is hiring you: say what you did yourself (“I designed…”, or start a step with the verb) and keep “we” for the team's result."));
}

static const char * const weak_verbs[] = {
  "helped", "assisted", "supported", "participated", "worked", "involved",
  "was", "were", NULL
};

/* Whether a step leans on "helped", "worked on" and the like. */
static gboolean
has_weak_verb (GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *word = token_at (tokens, i);
      const char *next = i + 1 < tokens->len ? token_at (tokens, i + 1) : "";

      if (strcmp (word, "helped") == 0 || strcmp (word, "assisted") == 0
          || strcmp (word, "supported") == 0 || strcmp (word, "participated") == 0)
        return TRUE;
      if (strcmp (word, "worked") == 0 && strcmp (next, "on") == 0)
        return TRUE;
      if (strcmp (word, "involved") == 0 && strcmp (next, "in") == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether the step also says what the speaker did with a verb of its own:
 * it starts with a strong past verb, or has "I <strong verb>".
 */
static gboolean
has_strong_verb (GArray *tokens)
{
  if (tokens->len > 0)
    {
      const char *first = token_at (tokens, 0);

      if (is_past_verb (first) && !in_list (first, weak_verbs))
        return TRUE;
    }

  for (guint i = 0; i + 1 < tokens->len; i++)
    {
      const char *next = token_at (tokens, i + 1);

      if (strcmp (token_at (tokens, i), "i") == 0
          && is_past_verb (next) && !in_list (next, weak_verbs))
        return TRUE;
    }

  return FALSE;
}

static const char *
find_hedge (GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *word = token_at (tokens, i);
      const char *next = i + 1 < tokens->len ? token_at (tokens, i + 1) : "";

      if (strcmp (word, "basically") == 0)
        return "basically";
      if (strcmp (word, "maybe") == 0)
        return "maybe";
      if (strcmp (word, "kind") == 0 && strcmp (next, "of") == 0)
        return "kind of";
      if (strcmp (word, "sort") == 0 && strcmp (next, "of") == 0)
        return "sort of";
      if (strcmp (word, "i") == 0 && strcmp (next, "think") == 0)
        return "I think";
    }
  return NULL;
}

static void
add_hedge (Checker      *checker,
           SbStoryField  field,
           int           step,
           const char   *hedge)
{
  /* Translators: %s is a hedge found in the story, e.g. "kind of" */
  g_autofree char *message = g_strdup_printf (_("“%s” makes the story sound unsure."), hedge);

  add (checker, SB_CHECK_VAGUE, field, step, SB_FINDING_INFO, message,
       _("Say it plainly: you were there, so state what happened."));
}

static void
check_hedges_in (Checker      *checker,
                 GArray       *tokens,
                 SbStoryField  field)
{
  const char *hedge;

  if ((hedge = find_hedge (tokens)))
    add_hedge (checker, field, -1, hedge);
}

static void
check_vague (Checker *checker)
{
  StoryWords *sw = &checker->words;
  const char *hedge = NULL;
  int hedge_step = -1;

  if (!wants (checker, SB_CHECK_VAGUE))
    return;

  check_hedges_in (checker, sw->situation, SB_STORY_FIELD_SITUATION);
  check_hedges_in (checker, sw->task, SB_STORY_FIELD_TASK);

  for (guint i = 0; i < sw->actions->len; i++)
    {
      GArray *tokens = sw->actions->pdata[i];

      if (has_weak_verb (tokens) && !has_strong_verb (tokens))
        {
          /* Translators: %u is the number of an Action step, from 1 */
          g_autofree char *message = g_strdup_printf (_("Step %u says you helped or took part, not what you did."), i + 1);

          add (checker, SB_CHECK_VAGUE, SB_STORY_FIELD_ACTION, i, SB_FINDING_INFO, message,
               _("Replace “helped”, “worked on” or “was involved in” with what you did yourself: “I wrote…”, “Designed…”."));
        }
      if (hedge == NULL && (hedge = find_hedge (tokens)))
        hedge_step = i;
    }
  if (hedge != NULL)
    add_hedge (checker, SB_STORY_FIELD_ACTION, hedge_step, hedge);

  check_hedges_in (checker, sw->result, SB_STORY_FIELD_RESULT);
}

static void
fill_estimate (const guint         words[SB_STAR_N_PARTS],
               guint               target_seconds,
               SbSpeakingEstimate *out)
{
  guint total_percent = 0;

  memset (out, 0, sizeof *out);
  if (target_seconds == 0)
    target_seconds = thresholds.default_target_seconds;

  for (guint i = 0; i < SB_STAR_N_PARTS; i++)
    total_percent += thresholds.target_percent[i];

  for (guint i = 0; i < SB_STAR_N_PARTS; i++)
    {
      out->words[i] = words[i];
      out->seconds[i] = words[i] * 60.0 / thresholds.words_per_minute;
      out->target_seconds[i] = (double) target_seconds * thresholds.target_percent[i] / total_percent;
      out->total_words += words[i];
      out->total_seconds += out->seconds[i];
    }
  out->total_target_seconds = target_seconds;
}

static void
format_duration (char   *buf,
                 gsize   size,
                 double  seconds)
{
  guint s = (guint) (seconds + 0.5);

  g_snprintf (buf, size, "%u:%02u", s / 60, s % 60);
}

static void
check_length (Checker *checker)
{
  SbSpeakingEstimate estimate;
  guint setup;

  fill_estimate (checker->words.words, checker->options->target_seconds, &estimate);

  setup = estimate.words[SB_STAR_SITUATION] + estimate.words[SB_STAR_TASK];
  if (wants (checker, SB_CHECK_LONG_SETUP)
      && estimate.total_words >= thresholds.min_words_to_judge
      && setup * 100 > estimate.total_words * thresholds.setup_max_percent)
    {
      /* Translators: %u is a percentage */
      g_autofree char *message = g_strdup_printf (_("The Situation and Task take %u%% of the story."),
                                                  (setup * 100 + estimate.total_words / 2) / estimate.total_words);

      add (checker, SB_CHECK_LONG_SETUP, SB_STORY_FIELD_SITUATION, -1, SB_FINDING_INFO, message,
           _("Keep the setup to a few sentences and spend the time on what you did and what came of it."));
    }

  if (wants (checker, SB_CHECK_SPEAKING_TIME) && estimate.total_words > 0)
    {
      guint target = checker->options->target_seconds ? checker->options->target_seconds
                                                       : thresholds.default_target_seconds;
      guint64 spoken = (guint64) estimate.total_words * 60 * 2;  /* seconds × 2 × wpm */
      guint64 low = (guint64) target * thresholds.words_per_minute;      /* target / 2 */
      guint64 high = (guint64) target * 3 * thresholds.words_per_minute; /* target × 3/2 */
      char told[32], aim[32];

      format_duration (told, sizeof told, estimate.total_seconds);
      format_duration (aim, sizeof aim, target);

      if (spoken < low)
        {
          /* Translators: both are durations in minutes:seconds, e.g. "0:45" and "2:00" */
          g_autofree char *message = g_strdup_printf (_("Told aloud this takes about %s, well under the %s you aim for."), told, aim);

          add (checker, SB_CHECK_SPEAKING_TIME, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
               _("Add the detail that shows your judgement: what you weighed, what you chose and why."));
        }
      else if (spoken > high)
        {
          /* Translators: both are durations in minutes:seconds, e.g. "3:30" and "2:00" */
          g_autofree char *message = g_strdup_printf (_("Told aloud this takes about %s, well over the %s you aim for."), told, aim);

          add (checker, SB_CHECK_SPEAKING_TIME, SB_STORY_FIELD_WHOLE, -1, SB_FINDING_INFO, message,
               _("Cut background and merge small steps; keep the Action and the Result."));
        }
    }
}

static const char * const stop_words[] = {
  "that", "this", "with", "from", "your", "when", "what", "have", "were",
  "they", "them", "their", "about", "into", "over", "more", "most", "than",
  "then", "even", "also", "some", "such", "each", "make", "made", "good",
  "show", "shows", "work", "story", "stories", "time", "things", "thing",
  "will", "would", "could", "should", "been", "being", "there", "where",
  "which", "while", "other", "others", "only", "very", "just", "does",
  "doing", "done", "know", "well", NULL
};

/* One word a principle is recognised by, and its stem. */
typedef struct
{
  char  *lower;
  char  *stem;
  gsize  lower_len;
  gsize  stem_len;
} Signal;

static void
signal_clear (gpointer data)
{
  Signal *signal = data;

  g_free (signal->lower);
  g_free (signal->stem);
}

/* A principle the story is filed under, and whether a word fitted it. */
typedef struct
{
  SbPrinciple *principle;
  GArray      *signals;
  gboolean     fits;
} Fit;

static void
fit_clear (gpointer data)
{
  Fit *fit = data;

  g_clear_pointer (&fit->signals, g_array_unref);
}

static void
fit_add_signal (Fit        *fit,
                const char *word)
{
  Signal signal;

  signal.lower = g_utf8_strdown (word, -1);
  signal.stem = sb_coach_stem (word);
  signal.lower_len = strlen (signal.lower);
  signal.stem_len = strlen (signal.stem);
  g_array_append_val (fit->signals, signal);
}

static void
fit_init (Fit         *fit,
          SbPrinciple *principle)
{
  const char * const *signals = sb_principle_get_signals (principle);
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *text = NULL;
  const char *name, *definition;

  fit->principle = principle;
  fit->fits = FALSE;
  fit->signals = g_array_new (FALSE, FALSE, sizeof (Signal));
  g_array_set_clear_func (fit->signals, signal_clear);

  if (signals != NULL && signals[0] != NULL)
    {
      for (guint i = 0; signals[i] != NULL; i++)
        fit_add_signal (fit, signals[i]);
      return;
    }

  /* A principle the user made has no signal list: its own name and
   * definition stand in, without the short and common words.
   */
  name = sb_principle_get_name (principle);
  definition = sb_principle_get_definition (principle);
  text = g_strconcat (name ? name : "", " ", definition ? definition : "", NULL);
  tokens = tokenize_new (text);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *word = token_at (tokens, i);

      if (g_utf8_strlen (word, -1) >= 4 && !in_list (word, stop_words))
        fit_add_signal (fit, word);
    }

  /* Nothing to compare with (a principle named "Q1" with no definition):
   * no grounds to say the story does not fit.
   */
  if (fit->signals->len == 0)
    fit->fits = TRUE;
}

/* Signals are often stems already ("collaborat", "satisf"): a word
 * matches when it starts with the signal, or its stem with the signal's.
 * Returns whether every principle now fits.
 */
static gboolean
fits_word (GArray     *fits,
           const char *word,
           gsize       len)
{
  char lower[64], stem[64];
  gsize stem_len;
  gboolean all = TRUE;

  /* No English word is this long; a link or a code name might be. */
  if (len >= sizeof lower)
    return FALSE;

  memcpy (lower, word, len);
  lower[len] = '\0';
  memcpy (stem, lower, len + 1);
  stem_len = stem_in_place (stem, len);

  for (guint i = 0; i < fits->len; i++)
    {
      Fit *fit = &g_array_index (fits, Fit, i);

      for (guint j = 0; !fit->fits && j < fit->signals->len; j++)
        {
          Signal *signal = &g_array_index (fit->signals, Signal, j);

          if ((len >= signal->lower_len && memcmp (lower, signal->lower, signal->lower_len) == 0)
              || (stem_len >= signal->stem_len && memcmp (stem, signal->stem, signal->stem_len) == 0))
            fit->fits = TRUE;
        }
      all &= fit->fits;
    }

  return all;
}

/* Matches the words of @tokens, hyphenated ones whole and split.
 * Returns whether every principle now fits.
 */
static gboolean
fits_tokens (GArray *fits,
             GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *word = token_at (tokens, i);
      const char *part = word;

      if (fits_word (fits, word, strlen (word)))
        return TRUE;

      while (strchr (word, '-') != NULL)
        {
          const char *hyphen = strchr (part, '-');
          gsize len = hyphen ? (gsize) (hyphen - part) : strlen (part);

          if (len > 0 && fits_word (fits, part, len))
            return TRUE;
          if (hyphen == NULL)
            break;
          part = hyphen + 1;
        }
    }

  return FALSE;
}

static void
check_principles (Checker   *checker,
                  SbCatalog *catalog)
{
  SbStory *story = checker->story;
  const char * const *principles = sb_story_get_principles (story);
  guint n_principles = g_strv_length ((char **) principles);

  if (wants (checker, SB_CHECK_PRINCIPLE_FIT) && catalog != NULL && n_principles > 0
      && checker->words.total_words >= thresholds.min_words_to_judge)
    {
      StoryWords *sw = &checker->words;
      g_autoptr(GArray) fits = g_array_new (FALSE, FALSE, sizeof (Fit));
      gboolean all = FALSE;

      g_array_set_clear_func (fits, fit_clear);
      for (guint i = 0; principles[i] != NULL; i++)
        {
          SbPrinciple *principle = sb_catalog_lookup (catalog, principles[i]);
          Fit fit;

          if (principle == NULL)
            continue;
          fit_init (&fit, principle);
          g_array_append_val (fits, fit);
        }

      all = fits_tokens (fits, sw->title) || fits_tokens (fits, sw->situation)
            || fits_tokens (fits, sw->task) || fits_tokens (fits, sw->result);
      for (guint i = 0; !all && i < sw->actions->len; i++)
        all = fits_tokens (fits, sw->actions->pdata[i]);

      for (guint i = 0; i < fits->len; i++)
        {
          Fit *fit = &g_array_index (fits, Fit, i);

          if (!fit->fits)
            {
              /* Translators: %s is a principle's name, e.g. "Think Big" */
              g_autofree char *message = g_strdup_printf (_("Nothing in this story speaks to “%s”."),
                                                          sb_principle_get_name (fit->principle));

              add (checker, SB_CHECK_PRINCIPLE_FIT, SB_STORY_FIELD_PRINCIPLES, -1, SB_FINDING_WARNING,
                   message,
                   _("Say in the story how it shows this principle, in the words of its definition, or file it under another principle."));
            }
        }
    }

  if (wants (checker, SB_CHECK_OVER_USED) && n_principles > thresholds.max_principles)
    {
      /* Translators: %u is a number of principles, always more than four */
      g_autofree char *message = g_strdup_printf (ngettext ("Filed under %u principle.",
                                                            "Filed under %u principles.",
                                                            n_principles),
                                                  n_principles);

      add (checker, SB_CHECK_OVER_USED, SB_STORY_FIELD_PRINCIPLES, -1, SB_FINDING_INFO, message,
           _("A story that shows everything convinces of nothing: keep the few principles it shows best and write another story for the rest."));
    }
}

/* Public API --------------------------------------------------------- */

/**
 * sb_coach_get_thresholds:
 *
 * Returns: (transfer none): the coach's thresholds
 */
const SbCoachThresholds *
sb_coach_get_thresholds (void)
{
  return &thresholds;
}

/**
 * sb_coach_get_check_ids:
 *
 * Returns: (transfer none): every check id, in the order findings come
 */
const char * const *
sb_coach_get_check_ids (void)
{
  return check_ids;
}

/**
 * sb_coach_get_check_title:
 *
 * Returns: a short translated name of the check, for a list of dismissed
 * checks, or %NULL for an unknown id
 */
const char *
sb_coach_get_check_title (const char *check_id)
{
  g_return_val_if_fail (check_id != NULL, NULL);

  if (strcmp (check_id, SB_CHECK_MISSING_PART) == 0)
    return _("Missing parts");
  if (strcmp (check_id, SB_CHECK_UNMEASURED_RESULT) == 0)
    return _("Result without a measure");
  if (strcmp (check_id, SB_CHECK_WE_NOT_I) == 0)
    return _("“We” instead of “I”");
  if (strcmp (check_id, SB_CHECK_VAGUE) == 0)
    return _("Vague wording");
  if (strcmp (check_id, SB_CHECK_LONG_SETUP) == 0)
    return _("Long setup");
  if (strcmp (check_id, SB_CHECK_SPEAKING_TIME) == 0)
    return _("Speaking time");
  if (strcmp (check_id, SB_CHECK_PRINCIPLE_FIT) == 0)
    return _("Fit to its principle");
  if (strcmp (check_id, SB_CHECK_OVER_USED) == 0)
    return _("Too many principles");
  return NULL;
}

/**
 * sb_coach_check:
 * @story: the story to check
 * @catalog: (nullable): the principles, for principle-fit; %NULL skips it
 * @options: (nullable): the options, or %NULL for the defaults
 *
 * Runs every check on @story. Checks the story dismissed are left out
 * unless @options asks for them.
 *
 * Returns: (transfer container) (element-type SbFinding): the findings,
 * grouped by check in the order of sb_coach_get_check_ids()
 */
GPtrArray *
sb_coach_check (SbStory              *story,
                SbCatalog            *catalog,
                const SbCoachOptions *options)
{
  static const SbCoachOptions defaults = { 0, FALSE };
  Checker checker;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);
  g_return_val_if_fail (catalog == NULL || SB_IS_CATALOG (catalog), NULL);

  checker.story = story;
  checker.options = options ? options : &defaults;
  checker.findings = g_ptr_array_new_with_free_func (g_object_unref);
  story_words_init (&checker.words, story);

  check_missing_part (&checker);
  check_unmeasured_result (&checker);
  check_we_not_i (&checker);
  check_vague (&checker);
  check_length (&checker);
  check_principles (&checker, catalog);

  story_words_clear (&checker.words);

  /* check_length makes long-setup before speaking-time and
   * check_principles principle-fit before over-used, as listed.
   */
  return checker.findings;
}

/**
 * sb_coach_estimate:
 * @target_seconds: the answer length aimed for, or 0 for the default
 * @out: (out caller-allocates): the estimate
 *
 * Estimates how long each part of the story takes to tell aloud, and how
 * the target time splits over the parts.
 */
void
sb_coach_estimate (SbStory            *story,
                   guint               target_seconds,
                   SbSpeakingEstimate *out)
{
  const char * const *actions;
  guint words[SB_STAR_N_PARTS] = { 0, };

  g_return_if_fail (SB_IS_STORY (story));
  g_return_if_fail (out != NULL);

  words[SB_STAR_SITUATION] = sb_coach_count_words (sb_story_get_situation (story));
  words[SB_STAR_TASK] = sb_coach_count_words (sb_story_get_task (story));
  actions = sb_story_get_actions (story);
  for (guint i = 0; actions[i] != NULL; i++)
    words[SB_STAR_ACTION] += sb_coach_count_words (actions[i]);
  words[SB_STAR_RESULT] = sb_coach_count_words (sb_story_get_result (story));
  /* Learnings are told too (STAR-L); notes are not. */
  words[SB_STAR_LEARNINGS] = sb_coach_count_words (sb_story_get_learnings (story));

  fill_estimate (words, target_seconds, out);
}
