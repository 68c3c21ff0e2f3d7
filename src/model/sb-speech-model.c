/* sb-speech-model.c: a small language model made from one story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-speech-model"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sb-speech-model.h"

struct _SbSpeechModel
{
  GObject             parent_instance;
  char               *language;
  SbSpeechModelPaths  paths;
  char               *arpa;
  char               *dictionary;
  GHashTable         *words;
};

G_DEFINE_FINAL_TYPE (SbSpeechModel, sb_speech_model, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-speech-model-error-quark, sb_speech_model_error)

/* The languages with a model: the folder under the model directory, the
 * acoustic model in it and the dictionary in it.
 */
typedef struct
{
  const char *language;
  const char *folder;
  const char *acoustic_model;
  const char *dictionary;
} Language;

static const Language languages[] = {
  { "en-us", "en-us", "en-us", "cmudict-en-us.dict" },
};

static const Language *
find_language (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].language, language) == 0)
      return &languages[i];
  return NULL;
}

/**
 * sb_speech_model_find_paths:
 * @language: (nullable): a language such as "en-us"; %NULL for the default
 * @paths: (out caller-allocates): where the model is; clear it with
 *   sb_speech_model_paths_clear()
 *
 * Returns: %FALSE with SB_SPEECH_MODEL_ERROR_NO_MODEL when the language's
 * model is not installed
 */
gboolean
sb_speech_model_find_paths (const char          *language,
                            SbSpeechModelPaths  *paths,
                            GError             **error)
{
  const char *root = g_getenv ("STORYBANK_SPEECH_MODEL_DIR");
  const Language *lang;
  g_autofree char *dir = NULL;
  g_autofree char *acoustic = NULL;
  g_autofree char *dict = NULL;

  g_return_val_if_fail (paths != NULL, FALSE);

  memset (paths, 0, sizeof *paths);
  if (language == NULL)
    language = SB_SPEECH_DEFAULT_LANGUAGE;

  lang = find_language (language);
  if (lang == NULL)
    {
      g_set_error (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_LANGUAGE,
                   _("Storybank cannot listen in “%s” yet: only English is supported"), language);
      return FALSE;
    }

  if (root == NULL || *root == '\0')
    root = SB_SPEECH_MODEL_DIR;

  dir = g_build_filename (root, lang->folder, NULL);
  acoustic = g_build_filename (dir, lang->acoustic_model, NULL);
  dict = g_build_filename (dir, lang->dictionary, NULL);
  if (!g_file_test (acoustic, G_FILE_TEST_IS_DIR) || !g_file_test (dict, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SB_SPEECH_MODEL_ERROR, SB_SPEECH_MODEL_ERROR_NO_MODEL,
                   _("No speech model is installed (looked in %s): install the “pocketsphinx-en-us” package."),
                   dir);
      return FALSE;
    }

  paths->language = g_strdup (language);
  paths->dir = g_steal_pointer (&dir);
  paths->acoustic_model = g_steal_pointer (&acoustic);
  paths->dictionary = g_steal_pointer (&dict);
  return TRUE;
}

void
sb_speech_model_paths_clear (SbSpeechModelPaths *paths)
{
  g_return_if_fail (paths != NULL);

  g_clear_pointer (&paths->language, g_free);
  g_clear_pointer (&paths->dir, g_free);
  g_clear_pointer (&paths->acoustic_model, g_free);
  g_clear_pointer (&paths->dictionary, g_free);
}

/* Numbers, as spoken in English ---------------------------------------- */

static const char * const ones[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
  "seventeen", "eighteen", "nineteen",
};

static const char * const tens[] = {
  NULL, NULL, "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};

static const char * const ordinal_ones[] = {
  "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
  "sixteenth", "seventeenth", "eighteenth", "nineteenth",
};

static const char * const ordinal_tens[] = {
  NULL, NULL, "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
  "eightieth", "ninetieth",
};

/* The longest whole number spelled as one number; longer runs of digits
 * (an order number, a phone number) are read digit by digit.
 */
#define MAX_DIGITS 12

static void
add_word (GPtrArray  *words,
          const char *word)
{
  g_ptr_array_add (words, g_strdup (word));
}

static void
spell_below_thousand (GPtrArray *words,
                      guint      n)
{
  g_assert (n < 1000);

  if (n >= 100)
    {
      add_word (words, ones[n / 100]);
      add_word (words, "hundred");
      n %= 100;
      if (n == 0)
        return;
    }
  if (n < 20)
    add_word (words, ones[n]);
  else
    {
      add_word (words, tens[n / 10]);
      if (n % 10 != 0)
        add_word (words, ones[n % 10]);
    }
}

static void
spell_integer (GPtrArray *words,
               guint64    n)
{
  static const struct { guint64 value; const char *name; } scales[] = {
    { G_GUINT64_CONSTANT (1000000000000), "trillion" },
    { 1000000000, "billion" },
    { 1000000, "million" },
    { 1000, "thousand" },
  };

  if (n == 0)
    {
      add_word (words, "zero");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (n >= scales[i].value)
      {
        guint64 high = n / scales[i].value;

        if (high >= 1000)
          spell_integer (words, high);
        else
          spell_below_thousand (words, (guint) high);
        add_word (words, scales[i].name);
        n %= scales[i].value;
      }
  if (n > 0)
    spell_below_thousand (words, (guint) n);
}

/* "1st" "first", "22nd" "twenty second". */
static void
spell_ordinal (GPtrArray *words,
               guint64    n)
{
  guint last;

  spell_integer (words, n);
  g_assert (words->len > 0);
  last = n % 100;
  g_free (g_ptr_array_steal_index (words, words->len - 1));
  if (last == 0 && n % 1000 == 0)
    add_word (words, "thousandth");
  else if (last == 0)
    add_word (words, "hundredth");
  else if (last < 20)
    add_word (words, ordinal_ones[last]);
  else if (last % 10 == 0)
    add_word (words, ordinal_tens[last / 10]);
  else
    add_word (words, ordinal_ones[last % 10]);
}

/* "2019" "twenty nineteen", "2005" "two thousand five", "1900" "nineteen hundred". */
static void
spell_year (GPtrArray *words,
            guint      year)
{
  guint high = year / 100, low = year % 100;

  if (year >= 2000 && year < 2010)
    {
      spell_integer (words, year);
      return;
    }
  spell_below_thousand (words, high);
  if (low == 0)
    add_word (words, "hundred");
  else if (low < 10)
    {
      add_word (words, "oh");
      add_word (words, ones[low]);
    }
  else
    spell_below_thousand (words, low);
}

static void
spell_digits (GPtrArray  *words,
              const char *digits,
              gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (g_ascii_isdigit (digits[i]))
      add_word (words, ones[digits[i] - '0']);
}

static gboolean
is_letter_at (const char *p)
{
  return *p != '\0' && ((guchar) *p < 0x80 ? g_ascii_isalpha (*p)
                                           : g_unichar_isalpha (g_utf8_get_char_validated (p, -1)));
}

/* A unit written right after a number, and how it is said. */
static const struct
{
  const char *written;
  const char *spoken;
  gboolean    scale;  /* said between the number and the currency */
} units[] = {
  { "k", "thousand", TRUE },
  { "m", "million", TRUE },
  { "mm", "million", TRUE },
  { "b", "billion", TRUE },
  { "bn", "billion", TRUE },
  { "x", "times", FALSE },
  { "ms", "milliseconds", FALSE },
  { "sec", "seconds", FALSE },
  { "min", "minutes", FALSE },
  { "mins", "minutes", FALSE },
  { "h", "hours", FALSE },
  { "hr", "hours", FALSE },
  { "hrs", "hours", FALSE },
  { "d", "days", FALSE },
  { "kb", "kilobytes", FALSE },
  { "mb", "megabytes", FALSE },
  { "gb", "gigabytes", FALSE },
  { "tb", "terabytes", FALSE },
  { "am", "a m", FALSE },
  { "pm", "p m", FALSE },
};

static const struct
{
  const char *symbol;
  const char *spoken;
} currencies[] = {
  { "$", "dollars" },
  { "€", "euros" },
  { "£", "pounds" },
};

/* Reads a number at @p: currency, digits (with thousands commas and a
 * decimal part), and what follows it (%, x, k, M, an ordinal, a unit, /,
 * :, a range). Adds its words and returns where it ends.
 */
static const char *
read_number (const char *p,
             GPtrArray  *words)
{
  const char *currency = NULL;
  const char *int_start, *frac_start = NULL;
  GString *digits = g_string_new (NULL);
  gsize frac_len = 0;
  guint64 value = 0;
  gboolean year_like, has_comma = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_str_has_prefix (p, currencies[i].symbol))
      {
        currency = currencies[i].spoken;
        p += strlen (currencies[i].symbol);
        break;
      }

  g_assert (g_ascii_isdigit (*p));

  int_start = p;
  while (g_ascii_isdigit (*p) || (*p == ',' && p > int_start && g_ascii_isdigit (p[1])
                                  && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
                                  && !g_ascii_isdigit (p[4])))
    {
      if (*p == ',')
        has_comma = TRUE;
      else
        g_string_append_c (digits, *p);
      p++;
    }
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      frac_start = ++p;
      while (g_ascii_isdigit (*p))
        p++;
      frac_len = p - frac_start;
    }

  if (digits->len > MAX_DIGITS)
    spell_digits (words, digits->str, digits->len);
  else
    value = g_ascii_strtoull (digits->str, NULL, 10);

  year_like = digits->len == 4 && !has_comma && frac_start == NULL && currency == NULL
              && value >= 1100 && value < 2100 && *p != '%'
              && (!is_letter_at (p) || (p[0] == 's' && !is_letter_at (p + 1)));

  /* Ordinals: 1st, 2nd, 3rd, 4th. */
  if (digits->len <= MAX_DIGITS && frac_start == NULL
      && (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0
          || g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)
      && !is_letter_at (p + 2))
    {
      spell_ordinal (words, value);
      g_string_free (digits, TRUE);
      return p + 2;
    }

  if (digits->len <= MAX_DIGITS)
    {
      if (year_like)
        spell_year (words, (guint) value);
      else
        spell_integer (words, value);
    }
  g_string_free (digits, TRUE);

  if (frac_start != NULL)
    {
      add_word (words, "point");
      spell_digits (words, frac_start, frac_len);
    }

  if (*p == '%')
    {
      add_word (words, "percent");
      p++;
    }
  else if (is_letter_at (p))
    {
      const char *letters = p;
      g_autofree char *unit = NULL;
      gboolean known = FALSE;

      while (g_ascii_isalpha (*p))
        p++;
      unit = g_ascii_strdown (letters, p - letters);
      if (!is_letter_at (p))
        for (guint i = 0; i < G_N_ELEMENTS (units); i++)
          if (strcmp (unit, units[i].written) == 0
              /* 10M is ten million; 10m without a currency is ten metres or minutes. */
              && !(strcmp (unit, "m") == 0 && currency == NULL && letters[0] == 'm'))
            {
              g_auto(GStrv) spoken = g_strsplit (units[i].spoken, " ", -1);

              for (guint j = 0; spoken[j] != NULL; j++)
                add_word (words, spoken[j]);
              known = TRUE;
              break;
            }
      /* The 1990s, 20s: the plural of the number. */
      if (!known && strcmp (unit, "s") == 0)
        known = TRUE;
      /* Anything else ("4G", "3D", "mp3"): the letters as a word of their own. */
      if (!known)
        p = letters;
    }

  if (currency != NULL)
    add_word (words, currency);

  /* "24/7", "9:30", "3-4 weeks" */
  if ((*p == '/' || *p == ':') && g_ascii_isdigit (p[1]))
    {
      if (*p == ':' && p[1] == '0' && g_ascii_isdigit (p[2]) && p[2] != '0')
        add_word (words, "oh");
      p = read_number (p + 1, words);
    }
  else if ((*p == '-' || (p[0] == '\xe2' && p[1] == '\x80' && p[2] == '\x93')) /* – */)
    {
      const char *next = *p == '-' ? p + 1 : p + 3;

      if (g_ascii_isdigit (*next) || (*next == '$' && g_ascii_isdigit (next[1])))
        {
          add_word (words, "to");
          p = read_number (next, words);
        }
    }
  if (*p == '+')
    p++;

  return p;
}

static gboolean
starts_number (const char *p)
{
  if (g_ascii_isdigit (*p))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_str_has_prefix (p, currencies[i].symbol))
      return g_ascii_isdigit (p[strlen (currencies[i].symbol)]);
  return FALSE;
}

static const char *
read_word (const char *p,
           GPtrArray  *words)
{
  const char *start = p;
  GString *word = g_string_new (NULL);

  for (;;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
        break;
      if (g_unichar_isalpha (c) || g_unichar_ismark (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      /* don't, team's: an apostrophe between letters stays, as ' */
      if ((c == '\'' || c == 0x2019) && p > start && is_letter_at (g_utf8_next_char (p)))
        {
          g_string_append_len (word, start, p - start);
          g_string_append_c (word, '\'');
          p = g_utf8_next_char (p);
          start = p;
          continue;
        }
      break;
    }
  g_string_append_len (word, start, p - start);
  if (word->len > 0)
    g_ptr_array_add (words, g_utf8_strdown (word->str, word->len));
  g_string_free (word, TRUE);
  return p;
}

/**
 * sb_speech_split_words:
 * @text: (nullable): UTF-8 text
 * @language: (nullable): the language, %NULL for the default
 *
 * Returns: (transfer full): the words of @text as they are spoken, lower
 * case, numbers spelled out; never %NULL
 */
GStrv
sb_speech_split_words (const char *text,
                       const char *language)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *valid = NULL;
  const char *p;

  if (text == NULL)
    text = "";
  /* Only English numbers today; another language keeps its digits out. */
  valid = g_utf8_make_valid (text, -1);
  p = valid;

  while (*p != '\0')
    {
      if (starts_number (p))
        p = read_number (p, words);
      else if (is_letter_at (p))
        {
          p = read_word (p, words);
          /* "Q3", "H2": a letter and a number said apart. */
          if (g_ascii_isdigit (*p))
            p = read_number (p, words);
        }
      else
        p = g_utf8_next_char (p);
    }

  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/**
 * sb_speech_spell_numbers:
 *
 * Returns: (transfer full): the words of @text as they are spoken, split
 * by single spaces: lower case, numbers spelled out, punctuation dropped
 */
char *
sb_speech_spell_numbers (const char *text,
                         const char *language)
{
  g_auto(GStrv) words = sb_speech_split_words (text, language);

  return g_strjoinv (" ", words);
}

/* The ARPA model ------------------------------------------------------- */

/* How much of each seen bigram's count goes to the back-off: Kneser and
 * Ney's usual value for small counts.
 */
#define DISCOUNT 0.5

typedef struct
{
  char   *word;
  guint   count;       /* as a unigram */
  guint   context;     /* bigram tokens that start with it */
  guint   followers;   /* bigram types that start with it */
  double  logp;
  double  backoff;
} Unigram;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * sb_speech_build_arpa:
 * @sentences: %NULL-terminated sentences, words split by spaces
 *
 * Unigrams are add-one smoothed counts; bigrams are absolutely
 * discounted, the mass taken off each context going to the back-off to
 * the unigrams, normalised over the words not seen after it.
 *
 * Returns: (transfer full): the model as ARPA text
 */
char *
sb_speech_build_arpa (const char * const *sentences)
{
  g_autoptr(GHashTable) unigrams = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) bigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) unigram_list = g_ptr_array_new ();
  g_autoptr(GPtrArray) bigram_keys = g_ptr_array_new ();
  GString *out;
  guint total = 0;

  for (guint i = 0; sentences != NULL && sentences[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (sentences[i], " ", -1);
      const char *prev = "<s>";
      guint n = 0;

      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          n++;
      if (n == 0)
        continue;

      for (guint j = 0; ; j++)
        {
          const char *word;
          Unigram *uni;
          char *key;

          if (words[j] != NULL && words[j][0] == '\0')
            continue;
          word = words[j] != NULL ? words[j] : "</s>";

          uni = g_hash_table_lookup (unigrams, word);
          if (uni == NULL)
            {
              uni = g_new0 (Unigram, 1);
              uni->word = g_strdup (word);
              g_hash_table_insert (unigrams, uni->word, uni);
              g_ptr_array_add (unigram_list, uni);
            }
          uni->count++;
          total++;

          key = g_strconcat (prev, " ", word, NULL);
          if (!g_hash_table_contains (bigrams, key))
            {
              Unigram *ctx = g_hash_table_lookup (unigrams, prev);

              if (ctx == NULL)
                {
                  ctx = g_new0 (Unigram, 1);
                  ctx->word = g_strdup (prev);
                  g_hash_table_insert (unigrams, ctx->word, ctx);
                  g_ptr_array_add (unigram_list, ctx);
                }
              ctx->followers++;
              g_ptr_array_add (bigram_keys, key);
            }
          g_hash_table_insert (bigrams, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bigrams, key)) + 1));
          ((Unigram *) g_hash_table_lookup (unigrams, prev))->context++;

          if (words[j] == NULL)
            break;
          prev = ((Unigram *) g_hash_table_lookup (unigrams, word))->word;
        }
    }

  out = g_string_new ("\\data\\\n");
  if (unigram_list->len == 0)
    {
      /* No words at all: a model of the empty sentence. */
      g_string_append (out, "ngram 1=2\n\n\\1-grams:\n-99.0000 <s> 0.0000\n0.0000 </s>\n\n\\end\\\n");
      return g_string_free (out, FALSE);
    }

  /* Unigram probabilities: add-one over the words that can be said. */
  {
    guint vocabulary = 0;

    for (guint i = 0; i < unigram_list->len; i++)
      if (strcmp (((Unigram *) unigram_list->pdata[i])->word, "<s>") != 0)
        vocabulary++;
    for (guint i = 0; i < unigram_list->len; i++)
      {
        Unigram *uni = unigram_list->pdata[i];

        uni->logp = log10 ((uni->count + 1.0) / (total + vocabulary));
      }
  }

  /* Back-off weights: the discounted mass over what the unigrams give
   * the words never seen after the context.
   */
  g_ptr_array_sort (bigram_keys, compare_strings);
  {
    g_autoptr(GHashTable) seen_mass = g_hash_table_new_full (NULL, NULL, NULL, g_free);

    for (guint i = 0; i < bigram_keys->len; i++)
      {
        const char *key = bigram_keys->pdata[i];
        const char *space = strchr (key, ' ');
        g_autofree char *first = g_strndup (key, space - key);
        Unigram *ctx = g_hash_table_lookup (unigrams, first);
        Unigram *next = g_hash_table_lookup (unigrams, space + 1);
        double *mass = g_hash_table_lookup (seen_mass, ctx);

        if (mass == NULL)
          {
            mass = g_new0 (double, 1);
            g_hash_table_insert (seen_mass, ctx, mass);
          }
        *mass += pow (10, next->logp);
      }

    for (guint i = 0; i < unigram_list->len; i++)
      {
        Unigram *uni = unigram_list->pdata[i];
        double *mass = g_hash_table_lookup (seen_mass, uni);
        double left, rest;

        if (uni->context == 0 || mass == NULL)
          continue;
        left = DISCOUNT * uni->followers / uni->context;
        rest = 1.0 - *mass;
        uni->backoff = rest > 1e-9 ? log10 (left / rest) : -99.0;
      }
  }

  g_ptr_array_sort (unigram_list, compare_strings);

  g_string_append_printf (out, "ngram 1=%u\nngram 2=%u\n\n\\1-grams:\n",
                          unigram_list->len, bigram_keys->len);
  for (guint i = 0; i < unigram_list->len; i++)
    {
      Unigram *uni = unigram_list->pdata[i];
      double logp = strcmp (uni->word, "<s>") == 0 ? -99.0 : uni->logp;
      char num[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (num, sizeof num, "%.4f", logp));
      g_string_append_c (out, ' ');
      g_string_append (out, uni->word);
      if (uni->context > 0)
        {
          g_string_append_c (out, ' ');
          g_string_append (out, g_ascii_formatd (num, sizeof num, "%.4f", uni->backoff));
        }
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "\n\\2-grams:\n");
  for (guint i = 0; i < bigram_keys->len; i++)
    {
      const char *key = bigram_keys->pdata[i];
      const char *space = strchr (key, ' ');
      g_autofree char *first = g_strndup (key, space - key);
      Unigram *ctx = g_hash_table_lookup (unigrams, first);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (bigrams, key));
      char num[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (num, sizeof num, "%.4f",
                                             log10 ((count - DISCOUNT) / ctx->context)));
      g_string_append_c (out, ' ');
      g_string_append (out, key);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "\n\\end\\\n");

  for (guint i = 0; i < unigram_list->len; i++)
    {
      Unigram *uni = unigram_list->pdata[i];

      g_free (uni->word);
      g_free (uni);
    }

  return g_string_free (out, FALSE);
}

static void
sb_speech_model_finalize (GObject *object)
{
  SbSpeechModel *self = (SbSpeechModel *) object;

  g_free (self->language);
  sb_speech_model_paths_clear (&self->paths);
  g_free (self->arpa);
  g_free (self->dictionary);
  g_clear_pointer (&self->words, g_hash_table_unref);

  G_OBJECT_CLASS (sb_speech_model_parent_class)->finalize (object);
}

static void
sb_speech_model_class_init (SbSpeechModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_speech_model_finalize;
}

static void
sb_speech_model_init (SbSpeechModel *self)
{
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Said in any answer, whatever the story: the fillers the report counts,
 * alone and between the words they usually fall between (so that they
 * are heard as themselves, not as the nearest story word; weighing them
 * more makes story words heard as fillers), and the short words that
 * join a spoken sentence.
 */
static const char * const filler_sentences[] = {
  "um", "uh", "um", "uh", "like", "you know", "basically", "sort of", "kind of",
  "so um", "and uh", "and um i", "then um i", "then uh we", "but uh", "so uh i",
  "um we", "uh the", "i mean", "right", "okay", "so basically", "it was like",
  NULL
};

static const char * const common_words =
  "i we you he she they it me us them my our your their this that these those "
  "a an the and or but so then because if when while after before until about "
  "of to in on at by for with from into over under up down out off again also "
  "just really very actually well yes no not all some any every each more most "
  "is are was were be been being have has had do does did done can could will "
  "would should may might must "
  "what which who how why where there here now "
  "first second third next last finally then later soon "
  "one two three four five six seven eight nine ten hundred thousand million "
  "percent times weeks days months years hours minutes "
  "team work worked made make built led started decided asked told needed wanted "
  "result results situation task action learned problem project customer "
  "customers time people way thing things lot new good better great";

static gboolean
is_sentence_end (const char *p)
{
  if (*p == '\n' || *p == ';' || *p == '!' || *p == '?')
    return TRUE;
  if (*p == '.' || *p == ':')
    return p[1] == '\0' || g_ascii_isspace (p[1]) || p[1] == '"' || p[1] == ')';
  return FALSE;
}

/* Splits @text into sentences at full stops, question marks, semicolons
 * and new lines (not at the point of "99.9").
 */
static void
add_sentences (GPtrArray  *sentences,
               const char *text)
{
  const char *start = text;

  if (text == NULL)
    return;

  for (const char *p = text; ; p++)
    {
      if (*p == '\0' || is_sentence_end (p))
        {
          if (p > start)
            g_ptr_array_add (sentences, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
}

/* Reads the lines of the language's dictionary for the words of @wanted,
 * marking each word found.
 */
static char *
read_dictionary (const char  *path,
                 GHashTable  *wanted,
                 GHashTable  *found,
                 GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  const char *p, *end;
  GString *out;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;

  p = g_mapped_file_get_contents (file);
  end = p + g_mapped_file_get_length (file);
  out = g_string_new (NULL);

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *word_end = p;
      char word[128];
      gsize len;

      if (eol == NULL)
        eol = end;
      while (word_end < eol && *word_end != ' ' && *word_end != '\t' && *word_end != '(')
        word_end++;
      len = word_end - p;

      if (len > 0 && len < sizeof word)
        {
          memcpy (word, p, len);
          word[len] = '\0';
          if (g_hash_table_contains (wanted, word))
            {
              g_string_append_len (out, p, eol - p);
              g_string_append_c (out, '\n');
              if (!g_hash_table_contains (found, word))
                g_hash_table_add (found, g_strdup (word));
            }
        }
      p = eol + 1;
    }

  return g_string_free (out, FALSE);
}

/**
 * sb_speech_model_new_for_sentences:
 * @sentences: the sentences to expect, as written (numbers in figures)
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with
 * SB_SPEECH_MODEL_ERROR_NO_MODEL when the language is not installed
 */
SbSpeechModel *
sb_speech_model_new_for_sentences (const char * const  *sentences,
                                   const char          *language,
                                   GError             **error)
{
  g_autoptr(SbSpeechModel) self = NULL;
  g_autoptr(GPtrArray) spoken = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) common = NULL;

  self = g_object_new (SB_TYPE_SPEECH_MODEL, NULL);
  if (!sb_speech_model_find_paths (language, &self->paths, error))
    return NULL;
  self->language = g_strdup (self->paths.language);

  for (guint i = 0; sentences != NULL && sentences[i] != NULL; i++)
    {
      GStrv words = sb_speech_split_words (sentences[i], self->language);

      g_ptr_array_add (spoken, words);
    }
  for (guint i = 0; filler_sentences[i] != NULL; i++)
    g_ptr_array_add (spoken, g_strsplit (filler_sentences[i], " ", -1));
  /* The common words one by one: known, but not joined to anything. */
  common = g_strsplit (common_words, " ", -1);
  for (guint i = 0; common[i] != NULL; i++)
    {
      char *one[2] = { common[i], NULL };

      g_ptr_array_add (spoken, g_strdupv (one));
    }

  for (guint i = 0; i < spoken->len; i++)
    {
      GStrv words = spoken->pdata[i];

      for (guint j = 0; words[j] != NULL; j++)
        g_hash_table_add (wanted, words[j]);
    }

  self->dictionary = read_dictionary (self->paths.dictionary, wanted, self->words, error);
  if (self->dictionary == NULL)
    {
      g_prefix_error (error, _("Could not read the speech model’s dictionary: "));
      return NULL;
    }

  /* A word the dictionary does not know cannot be recognised: the
   * sentence is cut there rather than joining the words around it.
   */
  for (guint i = 0; i < spoken->len; i++)
    {
      GStrv words = spoken->pdata[i];
      GString *sentence = g_string_new (NULL);

      for (guint j = 0; ; j++)
        {
          if (words[j] == NULL || !g_hash_table_contains (self->words, words[j]))
            {
              if (sentence->len > 0)
                g_ptr_array_add (kept, g_strdup (sentence->str));
              g_string_truncate (sentence, 0);
              if (words[j] == NULL)
                break;
              continue;
            }
          if (sentence->len > 0)
            g_string_append_c (sentence, ' ');
          g_string_append (sentence, words[j]);
        }
      g_string_free (sentence, TRUE);
    }
  g_ptr_array_add (kept, NULL);

  self->arpa = sb_speech_build_arpa ((const char * const *) kept->pdata);
  return g_steal_pointer (&self);
}

/**
 * sb_speech_model_new:
 * @story: the story the answer will tell
 * @language: (nullable): the language, %NULL for the default
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with
 * SB_SPEECH_MODEL_ERROR_NO_MODEL when the language is not installed
 */
SbSpeechModel *
sb_speech_model_new (SbStory     *story,
                     const char  *language,
                     GError     **error)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  const char * const *actions;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  add_sentences (sentences, sb_story_get_title (story));
  add_sentences (sentences, sb_story_get_situation (story));
  add_sentences (sentences, sb_story_get_task (story));
  actions = sb_story_get_actions (story);
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    add_sentences (sentences, actions[i]);
  add_sentences (sentences, sb_story_get_result (story));
  add_sentences (sentences, sb_story_get_learnings (story));
  g_ptr_array_add (sentences, NULL);

  return sb_speech_model_new_for_sentences ((const char * const *) sentences->pdata, language, error);
}

const char *
sb_speech_model_get_language (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return self->language;
}

const SbSpeechModelPaths *
sb_speech_model_get_paths (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return &self->paths;
}

const char *
sb_speech_model_get_arpa (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return self->arpa;
}

const char *
sb_speech_model_get_dictionary (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), NULL);
  return self->dictionary;
}

guint
sb_speech_model_get_n_words (SbSpeechModel *self)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), 0);
  return g_hash_table_size (self->words);
}

gboolean
sb_speech_model_has_word (SbSpeechModel *self,
                          const char    *word)
{
  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), FALSE);
  return word != NULL && g_hash_table_contains (self->words, word);
}

gboolean
sb_speech_model_write (SbSpeechModel  *self,
                       const char     *dir,
                       char          **arpa_path,
                       char          **dictionary_path,
                       GError        **error)
{
  g_autofree char *arpa = NULL;
  g_autofree char *dict = NULL;

  g_return_val_if_fail (SB_IS_SPEECH_MODEL (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  arpa = g_build_filename (dir, "story.lm", NULL);
  dict = g_build_filename (dir, "story.dict", NULL);
  if (!g_file_set_contents_full (arpa, self->arpa, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error)
      || !g_file_set_contents_full (dict, self->dictionary, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  if (arpa_path != NULL)
    *arpa_path = g_steal_pointer (&arpa);
  if (dictionary_path != NULL)
    *dictionary_path = g_steal_pointer (&dict);
  return TRUE;
}
