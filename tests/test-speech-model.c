/* test-speech-model.c: the per-story language model and how numbers are said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sb-speech-model.h"

static void
assert_spoken (const char *written,
               const char *spoken)
{
  g_autofree char *got = sb_speech_spell_numbers (written, NULL);

  g_assert_cmpstr (got, ==, spoken);
}

static void
test_numbers (void)
{
  assert_spoken ("99.9%", "ninety nine point nine percent");
  assert_spoken ("2M+ users", "two million users");
  assert_spoken ("10x faster", "ten times faster");
  assert_spoken ("$3k", "three thousand dollars");
  assert_spoken ("$1.5M", "one point five million dollars");
  assert_spoken ("in 2019", "in twenty nineteen");
  assert_spoken ("2005", "two thousand five");
  assert_spoken ("1900", "nineteen hundred");
  assert_spoken ("1907", "nineteen oh seven");
  assert_spoken ("24/7", "twenty four seven");
  assert_spoken ("40%", "forty percent");
  assert_spoken ("1,200 tickets", "one thousand two hundred tickets");
  assert_spoken ("3-4 weeks", "three to four weeks");
  assert_spoken ("the 1st and 22nd", "the first and twenty second");
  assert_spoken ("9:30", "nine thirty");
  assert_spoken ("9:05", "nine oh five");
  assert_spoken ("Q3", "q three");
  assert_spoken ("200ms", "two hundred milliseconds");
  assert_spoken ("the 1990s", "the nineteen ninety");
  assert_spoken ("0.5", "zero point five");
  assert_spoken ("101", "one hundred one");
  assert_spoken ("1000000", "one million");
  assert_spoken ("€250", "two hundred fifty euros");
  assert_spoken ("We cut it from 2 days to 4 hours.", "we cut it from two days to four hours");
  assert_spoken ("team's don't", "team's don't");
  assert_spoken ("long-term", "long term");
  /* A long run of digits is read digit by digit. */
  assert_spoken ("1234567890123", "one two three four five six seven eight nine zero one two three");
}

/* Whether @arpa is well formed: the counts in the header match the
 * sections, every probability is a log10 at most 0, every bigram's
 * words are unigrams, and it ends with \end\.
 */
static void
assert_arpa_well_formed (const char *arpa,
                         GHashTable *unigrams_out)
{
  g_auto(GStrv) lines = g_strsplit (arpa, "\n", -1);
  guint declared[3] = { 0, }, seen[3] = { 0, };
  guint section = 0;
  gboolean ended = FALSE;

  g_assert_cmpstr (lines[0], ==, "\\data\\");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      guint order, count;

      if (*line == '\0')
        continue;
      if (sscanf (line, "ngram %u=%u", &order, &count) == 2)
        {
          g_assert_cmpuint (order, >=, 1);
          g_assert_cmpuint (order, <=, 2);
          declared[order] = count;
        }
      else if (strcmp (line, "\\1-grams:") == 0)
        section = 1;
      else if (strcmp (line, "\\2-grams:") == 0)
        section = 2;
      else if (strcmp (line, "\\end\\") == 0)
        ended = TRUE;
      else
        {
          g_auto(GStrv) fields = g_strsplit (line, " ", -1);
          guint n = g_strv_length (fields);
          double logp;

          g_assert_cmpuint (section, >, 0);
          g_assert_false (ended);
          g_assert_cmpuint (n, >=, 1 + section);
          g_assert_cmpuint (n, <=, 2 + section);
          logp = g_ascii_strtod (fields[0], NULL);
          g_assert_cmpfloat (logp, <=, 0.0);
          g_assert_false (isnan (logp));
          if (section == 1)
            g_hash_table_add (unigrams_out, g_strdup (fields[1]));
          else
            {
              g_assert_true (g_hash_table_contains (unigrams_out, fields[1]));
              g_assert_true (g_hash_table_contains (unigrams_out, fields[2]));
            }
          if (n == 2 + section)
            g_assert_false (isnan (g_ascii_strtod (fields[n - 1], NULL)));
          seen[section]++;
        }
    }

  g_assert_true (ended);
  g_assert_cmpuint (seen[1], ==, declared[1]);
  g_assert_cmpuint (seen[2], ==, declared[2]);
  g_assert_true (g_hash_table_contains (unigrams_out, "<s>"));
  g_assert_true (g_hash_table_contains (unigrams_out, "</s>"));
}

/* The log10 probability of @first @second in @arpa, with back-off. */
static double
arpa_bigram_logp (const char *arpa,
                  const char *first,
                  const char *second)
{
  g_auto(GStrv) lines = g_strsplit (arpa, "\n", -1);
  g_autofree char *bigram = g_strdup_printf (" %s %s", first, second);
  double backoff = 0, unigram = NAN;
  guint section = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (strcmp (lines[i], "\\1-grams:") == 0)
        section = 1;
      else if (strcmp (lines[i], "\\2-grams:") == 0)
        section = 2;
      if (section == 0 || lines[i][0] == '\\' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", -1);
      if (section == 2 && g_str_has_suffix (lines[i], bigram) && g_strv_length (fields) == 3)
        return g_ascii_strtod (fields[0], NULL);
      if (section == 1 && strcmp (fields[1], first) == 0 && fields[2] != NULL)
        backoff = g_ascii_strtod (fields[2], NULL);
      if (section == 1 && strcmp (fields[1], second) == 0)
        unigram = g_ascii_strtod (fields[0], NULL);
    }
  return backoff + unigram;
}

static void
test_arpa (void)
{
  const char *sentences[] = {
    "we moved the queue",
    "we moved the database",
    "the queue held",
    NULL
  };
  g_autoptr(GHashTable) unigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *arpa = sb_speech_build_arpa (sentences);
  g_autoptr(GHashTable) words = g_hash_table_new (g_str_hash, g_str_equal);
  const char *vocabulary[] = { "we", "moved", "the", "queue", "database", "held", "</s>", NULL };

  assert_arpa_well_formed (arpa, unigrams);
  g_assert_cmpuint (g_hash_table_size (unigrams), ==, 8);

  /* Seen bigrams are likelier than backed-off ones. */
  g_assert_cmpfloat (arpa_bigram_logp (arpa, "we", "moved"), >, arpa_bigram_logp (arpa, "we", "queue"));
  g_assert_cmpfloat (arpa_bigram_logp (arpa, "the", "queue"), >, arpa_bigram_logp (arpa, "the", "held"));

  /* After each context, the probabilities of what may follow sum to 1. */
  for (guint i = 0; vocabulary[i] != NULL; i++)
    {
      double sum = 0;

      if (strcmp (vocabulary[i], "</s>") == 0)
        continue;
      for (guint j = 0; vocabulary[j] != NULL; j++)
        sum += pow (10, arpa_bigram_logp (arpa, vocabulary[i], vocabulary[j]));
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 0.01);
    }
}

static void
test_arpa_empty (void)
{
  const char *none[] = { NULL };
  const char *blank[] = { "", "   ", NULL };
  g_autoptr(GHashTable) unigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) unigrams2 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *arpa = sb_speech_build_arpa (none);
  g_autofree char *arpa2 = sb_speech_build_arpa (blank);

  assert_arpa_well_formed (arpa, unigrams);
  assert_arpa_well_formed (arpa2, unigrams2);
}

static gboolean
have_model (void)
{
  SbSpeechModelPaths paths;

  if (!sb_speech_model_find_paths (NULL, &paths, NULL))
    {
      g_test_skip ("No speech model installed");
      return FALSE;
    }
  sb_speech_model_paths_clear (&paths);
  return TRUE;
}

static SbStory *
make_story (void)
{
  SbStory *story = sb_story_new ();
  const char *actions[] = {
    "Mapped every supplier's delivery window onto one shared calendar.",
    "Negotiated staggered slots with the three largest carriers.",
    NULL
  };

  sb_story_set_title (story, "Untangling the loading dock");
  sb_story_set_situation (story, "Trucks queued for 3 hours at our warehouse every Monday.");
  sb_story_set_task (story, "I had to cut the wait before peak season.");
  sb_story_set_actions (story, actions);
  sb_story_set_result (story, "Waits fell by 80% within 2 weeks, saving $40k a quarter.");
  return story;
}

static void
test_story_model (void)
{
  g_autoptr(SbStory) story = NULL;
  g_autoptr(SbSpeechModel) model = NULL;
  g_autoptr(GHashTable) unigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *arpa_path = NULL;
  g_autofree char *dict_path = NULL;
  GStatBuf st;

  if (!have_model ())
    return;

  story = make_story ();
  model = sb_speech_model_new (story, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_speech_model_get_language (model), ==, "en-us");

  assert_arpa_well_formed (sb_speech_model_get_arpa (model), unigrams);
  for (guint i = 0; i < 10; i++)
    {
      const char *expected[] = { "loading", "dock", "carriers", "eighty", "percent", "forty",
                                 "thousand", "dollars", "um", "uh" };

      g_assert_true (sb_speech_model_has_word (model, expected[i]));
      g_assert_true (g_hash_table_contains (unigrams, expected[i]));
    }
  /* Every word of the model is in the cut-down dictionary, and no more. */
  {
    g_auto(GStrv) lines = g_strsplit (sb_speech_model_get_dictionary (model), "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *word = NULL;

        if (lines[i][0] == '\0')
          continue;
        word = g_strndup (lines[i], strcspn (lines[i], " \t("));
        g_assert_true (g_hash_table_contains (unigrams, word));
      }
  }
  g_assert_cmpuint (sb_speech_model_get_n_words (model), ==, g_hash_table_size (unigrams) - 2);

  dir = g_dir_make_tmp ("storybank-lm-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (sb_speech_model_write (model, dir, &arpa_path, &dict_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (arpa_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dict_path, &st), ==, 0);
  g_remove (arpa_path);
  g_remove (dict_path);
  g_rmdir (dir);
}

static void
test_no_model (void)
{
  g_autoptr(SbStory) story = make_story ();
  g_autoptr(GError) error = NULL;
  SbSpeechModelPaths paths;
  SbSpeechModel *model;

  g_setenv ("STORYBANK_SPEECH_MODEL_DIR", "/nonexistent/speech", TRUE);
  model = sb_speech_model_new (story, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_MODEL);
  g_assert_nonnull (strstr (error->message, "pocketsphinx-en-us"));
  g_clear_error (&error);

  g_assert_false (sb_speech_model_find_paths ("xx-yy", &paths, &error));
  g_assert_error (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_LANGUAGE);
  g_unsetenv ("STORYBANK_SPEECH_MODEL_DIR");
}

/* Whatever a story says, the model is made and well formed. */
static void
test_any_text (void)
{
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *texts[] = {
    "", "   ", "...", "!!! ??? ;;;",
    "每天处理一万个订单，错误率降低了百分之四十。",
    "Связь восстановлена за 2 часа",
    "99999999999999999999999999999999999999 0.000000000000000000001 $$$ 1e999 %%%",
    "1,2,3,4,5 ,,,, 1.2.3.4 -5 --5 5-- 24/ /7 9: :30 10xx 3kk $ $k 1st2nd3rd",
    "\xe2\x80\x93 5\xe2\x80\x93 \xe2\x80\x93""6 ’’ 'don’t' ''",
    NULL, NULL, NULL,
  };
  guint n = 0;

  while (texts[n] != NULL)
    n++;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (huge, "word%u scaled %u%% of queue %u. ", i, i, i * 7919);
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (digits, "%u", i);
  texts[n++] = huge->str;
  texts[n++] = digits->str;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *spoken = sb_speech_spell_numbers (texts[i], NULL);
      const char *one[] = { spoken, NULL };
      g_autofree char *arpa = sb_speech_build_arpa (one);
      g_autoptr(GHashTable) unigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_assert_true (g_utf8_validate (spoken, -1, NULL));
      assert_arpa_well_formed (arpa, unigrams);

      if (sb_speech_model_find_paths (NULL, &(SbSpeechModelPaths) { 0, }, NULL))
        {
          g_autoptr(SbStory) story = sb_story_new ();
          g_autoptr(SbSpeechModel) model = NULL;
          g_autoptr(GHashTable) unigrams2 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          const char *actions[] = { texts[i], texts[i], NULL };

          sb_story_set_title (story, texts[i]);
          sb_story_set_result (story, texts[i]);
          sb_story_set_actions (story, actions);
          model = sb_speech_model_new (story, NULL, NULL);
          g_assert_nonnull (model);
          assert_arpa_well_formed (sb_speech_model_get_arpa (model), unigrams2);
        }
    }

  /* Invalid UTF-8 is read as far as it goes. */
  {
    g_autofree char *spoken = sb_speech_spell_numbers ("ab\xff\xfe 12 \xc3", NULL);

    g_assert_true (g_utf8_validate (spoken, -1, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-model/numbers", test_numbers);
  g_test_add_func ("/speech-model/arpa", test_arpa);
  g_test_add_func ("/speech-model/arpa-empty", test_arpa_empty);
  g_test_add_func ("/speech-model/story", test_story_model);
  g_test_add_func ("/speech-model/no-model", test_no_model);
  g_test_add_func ("/speech-model/any-text", test_any_text);

  return g_test_run ();
}
