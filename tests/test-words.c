/* test-words.c: the words of a story's text, as the spell checker sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-words.h"

/* The words of @text to be checked, joined with "|". */
static char *
checked_words (const char *text,
               GHashTable *names)
{
  g_autoptr(GString) out = g_string_new (NULL);
  SbWordIter iter;
  SbWord word;

  sb_word_iter_init (&iter, text, -1, names);
  while (sb_word_iter_next (&iter, &word))
    {
      g_assert_cmpuint (word.start, <, word.end);
      g_assert_true (g_utf8_validate (text + word.start, word.end - word.start, NULL));
      if (!sb_word_should_check (&word))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + word.start, word.end - word.start);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The kind of the only word of @text spelt @spelling. */
static SbWordKind
kind_of (const char *text,
         const char *spelling)
{
  SbWordIter iter;
  SbWord word;

  sb_word_iter_init (&iter, text, -1, NULL);
  while (sb_word_iter_next (&iter, &word))
    if (word.end - word.start == strlen (spelling) &&
        memcmp (text + word.start, spelling, word.end - word.start) == 0)
      return word.kind;

  g_assert_not_reached ();
}

static void
assert_checked (const char *text,
                const char *expected)
{
  g_autofree char *words = checked_words (text, NULL);

  g_assert_cmpstr (words, ==, expected);
}

static void
test_plain (void)
{
  assert_checked ("", "");
  assert_checked ("   \n\t ", "");
  assert_checked ("We shiped it on time.", "We|shiped|it|on|time");
  assert_checked ("First line\r\nsecnd line\r\n", "First|line|secnd|line");
  /* no final newline, punctuation glued on */
  assert_checked ("(really?) \"yes\", she said...and left", "really|yes|she|said|and|left");
}

static void
test_offsets (void)
{
  const char *text = "Zürich, then café";
  SbWordIter iter;
  SbWord word;

  sb_word_iter_init (&iter, text, -1, NULL);
  g_assert_true (sb_word_iter_next (&iter, &word));
  g_assert_cmpuint (word.start, ==, 0);
  g_assert_cmpuint (word.end, ==, strlen ("Zürich"));
  g_assert_true (sb_word_iter_next (&iter, &word));
  g_assert_cmpuint (word.start, ==, strlen ("Zürich, "));
  g_assert_true (sb_word_iter_next (&iter, &word));
  g_assert_cmpuint (word.start, ==, strlen ("Zürich, then "));
  g_assert_cmpuint (word.end, ==, strlen (text));
  g_assert_false (sb_word_iter_next (&iter, &word));

  /* A length shorter than the text stops there, not in a character. */
  sb_word_iter_init (&iter, text, strlen ("Zürich, th"), NULL);
  g_assert_true (sb_word_iter_next (&iter, &word));
  g_assert_true (sb_word_iter_next (&iter, &word));
  g_assert_cmpuint (word.end, ==, strlen ("Zürich, th"));
  g_assert_false (sb_word_iter_next (&iter, &word));
}

static void
test_apostrophes (void)
{
  assert_checked ("I don't know, we can’t tell", "I|don't|know|we|can’t|tell");
  assert_checked ("O’Brien's team", "O’Brien's|team");
  /* quotes around a word, and a plural's apostrophe, stay outside */
  assert_checked ("the 'quick' fix of the students' code", "the|quick|fix|of|the|students|code");
  assert_checked ("‘Ship it’, he said", "Ship|it|he|said");
  assert_checked ("rock 'n' roll", "rock|n|roll");
}

static void
test_hyphens (void)
{
  assert_checked ("a well-known, long-term fix", "a|well|known|long|term|fix");
  assert_checked ("cross-team—and after–that", "cross|team|and|after|that");
  assert_checked ("re-­use", "re|use");
}

static void
test_non_ascii (void)
{
  assert_checked ("Zürich café naïve façade", "Zürich|café|naïve|façade");
  assert_checked ("Ärger über Öl, São Paulo", "Ärger|über|Öl|São|Paulo");
  /* e + combining acute accent stays one word */
  assert_checked ("cafe\xcc\x81 open", "cafe\xcc\x81|open");
  assert_checked ("Москва и Київ", "Москва|и|Київ");
}

static void
test_numbers (void)
{
  assert_checked ("It was 10x faster, 99.9% up and 2M+ users", "It|was|faster|up|and|users");
  assert_checked ("saved $40k in Q3 and 1,200 hours by 3rd of May", "saved|in|and|hours|by|of|May");
  g_assert_cmpint (kind_of ("10x faster", "10x"), ==, SB_WORD_NUMBER);
  g_assert_cmpint (kind_of ("in Q3", "Q3"), ==, SB_WORD_NUMBER);
  g_assert_cmpint (kind_of ("$40k", "40k"), ==, SB_WORD_NUMBER);
  g_assert_cmpint (kind_of ("2M+", "2M"), ==, SB_WORD_NUMBER);
  g_assert_cmpint (kind_of ("99.9%", "99"), ==, SB_WORD_NUMBER);
  g_assert_cmpint (kind_of ("ran on k8s", "k8s"), ==, SB_WORD_NUMBER);
}

static void
test_addresses (void)
{
  assert_checked ("see https://exmaple.org/some-pagge?x=1 now", "see|now");
  assert_checked ("(www.exampel.com) then", "then");
  assert_checked ("mail jo.smiht@corp.example.co.uk or me@localhost.", "mail|or");
  assert_checked ("read sb-words.c and README.md", "read|and");
  g_assert_cmpint (kind_of ("at http://x.io/y", "http"), ==, SB_WORD_URL);
  g_assert_cmpint (kind_of ("www.foo.org", "foo"), ==, SB_WORD_URL);
  g_assert_cmpint (kind_of ("to ann@mail.org", "ann"), ==, SB_WORD_EMAIL);
  /* an @handle is a word like any other */
  assert_checked ("ping @olga", "ping|olga");
}

static void
test_code (void)
{
  assert_checked ("ran `kubectl get pods` twice", "ran|twice");
  assert_checked ("the `max_retrys` flag", "the|flag");
  assert_checked ("set retry_count to five", "set|to|five");
  /* an unclosed span ends with its paragraph */
  assert_checked ("a `strange\nline here", "a|line|here");
  g_assert_cmpint (kind_of ("`npm install`", "npm"), ==, SB_WORD_CODE);
}

static void
test_case (void)
{
  assert_checked ("The JavaScript and iPhone apps use GraphQL", "The|and|apps|use");
  assert_checked ("our API and SRE team, and I", "our|and|team|and|I");
  assert_checked ("SHOUTING and Title Case", "and|Title|Case");
  g_assert_cmpint (kind_of ("the API", "API"), ==, SB_WORD_ACRONYM);
  g_assert_cmpint (kind_of ("in JavaScript", "JavaScript"), ==, SB_WORD_MIXED_CASE);
  g_assert_cmpint (kind_of ("an McKinsey deck", "McKinsey"), ==, SB_WORD_MIXED_CASE);
  g_assert_cmpint (kind_of ("don't", "don't"), ==, SB_WORD_PROSE);
}

static void
test_names (void)
{
  g_autoptr(GHashTable) names = sb_word_names_new ();
  g_autofree char *words = NULL;

  sb_word_names_add (names, "Frugalité");
  sb_word_names_add (names, "Bias for Actoin");
  sb_word_names_add (names, NULL);
  g_assert_true (g_hash_table_contains (names, "actoin"));

  words = checked_words ("Frugalité and Actoin, actoin, a bias", names);
  /* "for", "bias" and "a" are in a name too, so left alone as well */
  g_assert_cmpstr (words, ==, "and|a");
}

static void
test_garbage (void)
{
  /* Any bytes that are valid UTF-8 at all: no word is empty, none runs over. */
  const char *texts[] = {
    "'", "’’’", "-", "a'", "'a", "``", "`", "http://", "@", "@@a", "a@", ".", "a.", ".a",
    "\xcc\x81", "\xcc\x81\xcc\x81x", "x\xef\xbf\xbc" "y", "www.", "a_", "_", "::/", "ab'-cd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (checked_words (texts[i], NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/words/plain", test_plain);
  g_test_add_func ("/words/offsets", test_offsets);
  g_test_add_func ("/words/apostrophes", test_apostrophes);
  g_test_add_func ("/words/hyphens", test_hyphens);
  g_test_add_func ("/words/non-ascii", test_non_ascii);
  g_test_add_func ("/words/numbers", test_numbers);
  g_test_add_func ("/words/addresses", test_addresses);
  g_test_add_func ("/words/code", test_code);
  g_test_add_func ("/words/case", test_case);
  g_test_add_func ("/words/names", test_names);
  g_test_add_func ("/words/garbage", test_garbage);

  return g_test_run ();
}
