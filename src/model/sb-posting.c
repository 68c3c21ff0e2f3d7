/* sb-posting.c: what a job posting stresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The posting is read once into its distinct words (with counts and the
 * coach's stems) and into one line of lowercase words for phrases. Each
 * principle is then looked for three ways: its signal words (the ones the
 * coach checks a story's fit with: a word matches when it or its stem
 * starts with the signal), its framework's own phrases (aliases and focus
 * areas, worth two words each), and its name: a posting that names a
 * principle ("Customer Obsession", "Bias for Action") maps to it
 * directly. A one-word name ("Ownership") counts as named only when the
 * posting capitalises it, as a list of principles does, so that "take
 * ownership" in a sentence is a signal, not a name.
 */

#define G_LOG_DOMAIN "sb-posting"

#include "config.h"

#include <string.h>

#include "sb-coach.h"
#include "sb-posting.h"

/* A phrase of the framework's counts as this many signal words. */
#define PHRASE_WEIGHT 2
/* A word said more often than this counts no more. */
#define MAX_REPEATS 3
/* Weighted matches for a full score: one in this many posting words. */
#define WORDS_PER_FULL_MATCH 40
/* …but never fewer than this (a short posting). */
#define MIN_FULL_MATCHES 6

/* A distinct word of the posting. */
typedef struct
{
  const char *lower;  /* the key of Posting.words */
  char       *stem;
  gsize       lower_len;
  gsize       stem_len;
  guint       count;
} Word;

typedef struct
{
  GHashTable *words;     /* lower → Word */
  GPtrArray  *order;     /* Word, in first-seen order */
  GString    *line;      /* " word word … ", for phrases */
  const char *original;  /* the posting as given */
  guint       n_words;
} Posting;

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->stem);
  g_free (word);
}

static void
posting_clear (Posting *posting)
{
  g_clear_pointer (&posting->words, g_hash_table_unref);
  g_clear_pointer (&posting->order, g_ptr_array_unref);
  if (posting->line != NULL)
    g_string_free (g_steal_pointer (&posting->line), TRUE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '\'' || c == 0x2019;
}

/* Calls @func for each word of @lower: letters and digits, with the
 * hyphens and apostrophes inside a word kept ("long-term", "earth's").
 */
static void
each_word (const char *lower,
           void      (*func) (const char *word, gsize len, gpointer data),
           gpointer    data)
{
  const char *p = lower;

  while (*p != '\0')
    {
      const char *start;
      const char *end;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = end = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);

          if (is_word_char (c))
            end = p = g_utf8_next_char (p);
          else if (c == '-' && is_word_char (g_utf8_get_char (p + 1)))
            p++;
          else
            break;
        }
      func (start, end - start, data);
    }
}

static void
add_word (Posting    *posting,
          const char *text,
          gsize       len)
{
  g_autofree char *key = g_strndup (text, len);
  Word *word = g_hash_table_lookup (posting->words, key);

  if (word == NULL)
    {
      word = g_new0 (Word, 1);
      word->stem = sb_coach_stem (key);
      word->stem_len = strlen (word->stem);
      word->lower_len = len;
      word->lower = key;
      g_hash_table_insert (posting->words, g_steal_pointer (&key), word);
      g_ptr_array_add (posting->order, word);
    }
  word->count++;
}

static void
posting_word_cb (const char *text,
                 gsize       len,
                 gpointer    data)
{
  Posting *posting = data;
  const char *hyphen;

  posting->n_words++;
  g_string_append_len (posting->line, text, len);
  g_string_append_c (posting->line, ' ');
  add_word (posting, text, len);

  /* "cross-functional" is also "cross" and "functional". */
  hyphen = memchr (text, '-', len);
  while (hyphen != NULL)
    {
      gsize part = hyphen - text;

      if (part > 0)
        add_word (posting, text, part);
      len -= part + 1;
      text = hyphen + 1;
      hyphen = memchr (text, '-', len);
      if (hyphen == NULL && len > 0)
        add_word (posting, text, len);
    }
}

static void
posting_init (Posting    *posting,
              const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  posting->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  posting->order = g_ptr_array_new_with_free_func (word_free);
  posting->line = g_string_sized_new (strlen (lower) + 2);
  posting->original = text;
  g_string_append_c (posting->line, ' ');
  each_word (lower, posting_word_cb, posting);
}

static void
phrase_word_cb (const char *text,
                gsize       len,
                gpointer    data)
{
  GString *line = data;

  g_string_append_len (line, text, len);
  g_string_append_c (line, ' ');
}

/* @phrase as " word word ", as the posting's line is written. */
static char *
phrase_key (const char *phrase)
{
  g_autofree char *lower = g_utf8_strdown (phrase, -1);
  GString *line = g_string_new (" ");

  each_word (lower, phrase_word_cb, line);
  if (line->len == 1)
    {
      g_string_free (line, TRUE);
      return NULL;
    }
  return g_string_free (line, FALSE);
}

static guint
count_phrase (Posting    *posting,
              const char *key)
{
  const char *p = posting->line->str;
  gsize len = strlen (key);
  guint n = 0;

  /* Each match ends in the space the next one starts with. */
  while ((p = strstr (p, key)) != NULL)
    {
      n++;
      p += len - 1;
    }
  return n;
}

/* A one-word name is a name only where the posting writes it as one:
 * capitalised ("Ownership", "Frugality").
 */
static gboolean
names_single_word (Posting    *posting,
                   const char *name)
{
  const char *p = posting->original;
  gsize len = strlen (name);

  if (!g_unichar_isupper (g_utf8_get_char (name)))
    return FALSE;
  while ((p = strstr (p, name)) != NULL)
    {
      gboolean starts = p == posting->original || !is_word_char (g_utf8_get_char (g_utf8_prev_char (p)));
      gboolean ends = p[len] == '\0' || !is_word_char (g_utf8_get_char (p + len));

      if (starts && ends)
        return TRUE;
      p += len;
    }
  return FALSE;
}

/* How a principle's words matched, while it is looked for. */
typedef struct
{
  GPtrArray *words;  /* const char*, the matched words */
  GArray    *counts; /* guint, how often each was found */
  guint      hits;
  guint      weighted;
  gboolean   named;
} Found;

static void
found_add (Found      *found,
           const char *word,
           guint       count,
           guint       weight)
{
  guint position;

  if (g_ptr_array_find_with_equal_func (found->words, word, g_str_equal, &position))
    g_array_index (found->counts, guint, position) += count;
  else
    {
      g_ptr_array_add (found->words, (gpointer) word);
      g_array_append_val (found->counts, count);
    }
  found->hits += count;
  found->weighted += MIN (count, MAX_REPEATS) * weight;
}

static gboolean
signal_matches (const Word *word,
                const char *signal,
                gsize       signal_len,
                const char *stem,
                gsize       stem_len)
{
  return (word->lower_len >= signal_len && memcmp (word->lower, signal, signal_len) == 0)
         || (stem_len > 0 && word->stem_len >= stem_len && memcmp (word->stem, stem, stem_len) == 0);
}

static void
find_signal (Posting    *posting,
             Found      *found,
             const char *signal)
{
  g_autofree char *lower = g_utf8_strdown (signal, -1);
  g_autofree char *stem = sb_coach_stem (signal);
  gsize lower_len = strlen (lower);
  gsize stem_len = strlen (stem);

  if (lower_len == 0)
    return;
  for (guint i = 0; i < posting->order->len; i++)
    {
      const Word *word = g_ptr_array_index (posting->order, i);

      if (signal_matches (word, lower, lower_len, stem, stem_len))
        found_add (found, word->lower, word->count, 1);
    }
}

static void
find_phrase (Posting    *posting,
             Found      *found,
             const char *phrase,
             gboolean    is_name)
{
  g_autofree char *key = phrase_key (phrase);
  g_autofree char *shown = NULL;
  gboolean one_word;
  guint n;

  if (key == NULL)
    return;
  n = count_phrase (posting, key);
  if (n == 0)
    return;

  one_word = strchr (key + 1, ' ') == key + strlen (key) - 1;
  if (is_name && (!one_word || names_single_word (posting, phrase)))
    found->named = TRUE;

  /* Shown as the posting has it, lowercase, without the spaces around. */
  shown = g_strndup (key + 1, strlen (key) - 2);
  found_add (found, g_intern_string (shown), n, PHRASE_WEIGHT);
}

/* A principle the user made has no signal words: the longer words of its
 * name and definition stand in, as the coach does.
 */
static void
find_own_words (Posting     *posting,
                Found       *found,
                SbPrinciple *principle)
{
  const char *definition = sb_principle_get_definition (principle);
  g_autofree char *text = g_strconcat (sb_principle_get_name (principle), " ", definition ? definition : "", NULL);
  g_autofree char *key = phrase_key (text);
  g_auto(GStrv) words = NULL;

  if (key == NULL)
    return;
  words = g_strsplit (g_strstrip (key), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (words[i], words[j]);
      if (!seen && g_utf8_strlen (words[i], -1) >= 5)
        find_signal (posting, found, words[i]);
    }
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const SbPostingMatch *ma = *(SbPostingMatch **) a;
  const SbPostingMatch *mb = *(SbPostingMatch **) b;

  if (ma->score != mb->score)
    return ma->score > mb->score ? -1 : 1;
  if (ma->named != mb->named)
    return ma->named ? -1 : 1;
  if (ma->hits != mb->hits)
    return ma->hits > mb->hits ? -1 : 1;
  return 0;
}

static char **
dup_words_by_count (Found *found)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  char **words;

  for (guint i = 0; i < found->words->len; i++)
    g_ptr_array_add (order, GUINT_TO_POINTER (i));
  /* Few words: a stable insertion sort by count, most first. */
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0; j--)
      {
        guint a = GPOINTER_TO_UINT (order->pdata[j - 1]);
        guint b = GPOINTER_TO_UINT (order->pdata[j]);

        if (g_array_index (found->counts, guint, a) >= g_array_index (found->counts, guint, b))
          break;
        order->pdata[j - 1] = GUINT_TO_POINTER (b);
        order->pdata[j] = GUINT_TO_POINTER (a);
      }

  words = g_new0 (char *, order->len + 1);
  for (guint i = 0; i < order->len; i++)
    words[i] = g_strdup (found->words->pdata[GPOINTER_TO_UINT (order->pdata[i])]);
  return words;
}

void
sb_posting_match_free (SbPostingMatch *match)
{
  if (match == NULL)
    return;
  g_clear_object (&match->principle);
  g_strfreev (match->words);
  g_free (match);
}

/**
 * sb_posting_analyse:
 * @posting: (nullable): the job posting's text
 * @framework_id: (nullable): only this framework's principles
 *
 * Scores each principle by how much the posting speaks of it: its
 * weighted matches (a signal word 1, a framework phrase 2, each word at
 * most three times) against one for every 40 words of the posting (at
 * least 6), as 0-100; a principle the posting names scores 100.
 *
 * Returns: (transfer full) (element-type SbPostingMatch): the principles
 *   with any match, strongest first (ties: named first, then most
 *   matches, then the catalog's order)
 */
GPtrArray *
sb_posting_analyse (const char *posting,
                    SbCatalog  *catalog,
                    const char *framework_id)
{
  GPtrArray *matches;
  GListModel *principles;
  Posting text = { 0, };
  guint n, full;

  g_return_val_if_fail (SB_IS_CATALOG (catalog), NULL);

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_posting_match_free);
  if (posting == NULL || posting[0] == '\0' || !g_utf8_validate (posting, -1, NULL))
    return matches;

  posting_init (&text, posting);
  full = MAX (MIN_FULL_MATCHES, text.n_words / WORDS_PER_FULL_MATCH);

  principles = sb_catalog_get_principles (catalog);
  n = g_list_model_get_n_items (principles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      const char * const *signals = sb_principle_get_signals (principle);
      const char * const *aliases = sb_principle_get_aliases (principle);
      guint n_focus = sb_principle_get_n_focus_areas (principle);
      Found found = { 0, };
      SbPostingMatch *match;

      if (framework_id != NULL && g_strcmp0 (sb_principle_get_framework_id (principle), framework_id) != 0)
        continue;

      found.words = g_ptr_array_new ();
      found.counts = g_array_new (FALSE, FALSE, sizeof (guint));

      find_phrase (&text, &found, sb_principle_get_name (principle), TRUE);
      for (guint j = 0; aliases != NULL && aliases[j] != NULL; j++)
        find_phrase (&text, &found, aliases[j], strchr (aliases[j], ' ') != NULL);
      for (guint j = 0; j < n_focus; j++)
        {
          const char *name = NULL;

          sb_principle_get_focus_area (principle, j, &name, NULL);
          if (name != NULL)
            find_phrase (&text, &found, name, FALSE);
        }
      if (signals != NULL && signals[0] != NULL)
        for (guint j = 0; signals[j] != NULL; j++)
          find_signal (&text, &found, signals[j]);
      else
        find_own_words (&text, &found, principle);

      if (found.hits > 0)
        {
          match = g_new0 (SbPostingMatch, 1);
          match->principle = g_object_ref (principle);
          match->named = found.named;
          match->hits = found.hits;
          match->score = found.named ? 100.0 : MIN (100.0, 100.0 * found.weighted / full);
          match->words = dup_words_by_count (&found);
          g_ptr_array_add (matches, match);
        }
      g_ptr_array_unref (found.words);
      g_array_unref (found.counts);
    }

  posting_clear (&text);
  /* g_ptr_array_sort() is a merge sort: ties keep the catalog's order. */
  g_ptr_array_sort (matches, compare_matches);
  return matches;
}

/**
 * sb_posting_dup_top_ids:
 * @matches: (element-type SbPostingMatch): from sb_posting_analyse()
 * @max_ids: how many at most
 *
 * Returns: (transfer full): the principle ids of the first matches
 */
char **
sb_posting_dup_top_ids (GPtrArray *matches,
                        guint      max_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (matches != NULL, NULL);

  for (guint i = 0; i < matches->len && i < max_ids; i++)
    {
      SbPostingMatch *match = g_ptr_array_index (matches, i);

      g_strv_builder_add (builder, sb_principle_get_id (match->principle));
    }
  return g_strv_builder_end (builder);
}
