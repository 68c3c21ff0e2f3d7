/* test-spell-checker.c: words checked with enchant, in a throwaway config
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-spell-checker.h"
#include "sb-test-util.h"

static char *config_dir;

static gboolean
has_en_us (void)
{
  g_autoptr(SbSpellChecker) checker = sb_spell_checker_new ();
  g_auto(GStrv) languages = sb_spell_checker_list_languages (checker);

  return g_strv_contains ((const char * const *) languages, "en_US");
}

static void
count_cb (SbSpellChecker *checker,
          guint          *count)
{
  (*count)++;
}

static void
test_languages (void)
{
  g_autoptr(SbSpellChecker) checker = sb_spell_checker_new ();
  g_auto(GStrv) languages = sb_spell_checker_list_languages (checker);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_assert_cmpstr (languages[i], !=, "");
      if (i > 0)
        g_assert_cmpstr (languages[i - 1], <, languages[i]);
    }

  if (!has_en_us ())
    {
      g_test_skip ("No en_US dictionary installed (hunspell-en-us)");
      return;
    }

  /* LANGUAGE=en_US: the locale's */
  g_assert_cmpstr (sb_spell_checker_get_language (checker), ==, "en_US");
  g_assert_true (sb_spell_checker_get_active (checker));

  /* One that does not exist falls back to the locale's */
  sb_spell_checker_set_language (checker, "xx_XX");
  g_assert_cmpstr (sb_spell_checker_get_language (checker), ==, "en_US");
  sb_spell_checker_set_language (checker, "");
  g_assert_cmpstr (sb_spell_checker_get_language (checker), ==, "en_US");
}

static void
test_check (void)
{
  g_autoptr(SbSpellChecker) checker = sb_spell_checker_new ();
  g_auto(GStrv) suggestions = NULL;
  g_auto(GStrv) none = NULL;
  guint changed = 0;

  if (!has_en_us ())
    {
      g_test_skip ("No en_US dictionary installed (hunspell-en-us)");
      return;
    }

  g_signal_connect (checker, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (sb_spell_checker_check_word (checker, "shipped", -1));
  g_assert_false (sb_spell_checker_check_word (checker, "shiped", -1));
  /* a length shorter than the string */
  g_assert_true (sb_spell_checker_check_word (checker, "teamwrk", 4));
  g_assert_true (sb_spell_checker_check_word (checker, "don't", -1));
  g_assert_true (sb_spell_checker_check_word (checker, "don’t", -1));
  g_assert_false (sb_spell_checker_check_word (checker, "dont’t", -1));
  g_assert_true (sb_spell_checker_check_word (checker, "", 0));

  suggestions = sb_spell_checker_suggest (checker, "recieve", -1);
  g_assert_nonnull (suggestions);
  g_assert_cmpuint (g_strv_length (suggestions), >=, 1);
  g_assert_cmpuint (g_strv_length (suggestions), <=, SB_SPELL_CHECKER_MAX_SUGGESTIONS);
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "receive"));

  /* Many candidates, still five at most */
  g_strfreev (suggestions);
  suggestions = sb_spell_checker_suggest (checker, "thes", -1);
  g_assert_cmpuint (g_strv_length (suggestions), <=, SB_SPELL_CHECKER_MAX_SUGGESTIONS);

  /* Turned off: every word is right, nothing is suggested */
  sb_spell_checker_set_enabled (checker, FALSE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (sb_spell_checker_get_active (checker));
  g_assert_true (sb_spell_checker_check_word (checker, "shiped", -1));
  none = sb_spell_checker_suggest (checker, "recieve", -1);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  sb_spell_checker_set_enabled (checker, FALSE);
  g_assert_cmpuint (changed, ==, 1);
  sb_spell_checker_set_enabled (checker, TRUE);
  g_assert_false (sb_spell_checker_check_word (checker, "shiped", -1));
}

static void
test_personal (void)
{
  g_autoptr(SbSpellChecker) checker = sb_spell_checker_new ();
  g_autoptr(SbSpellChecker) later = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  guint changed = 0;

  if (!has_en_us ())
    {
      g_test_skip ("No en_US dictionary installed (hunspell-en-us)");
      return;
    }

  g_signal_connect (checker, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_false (sb_spell_checker_check_word (checker, "Storybankish", -1));
  sb_spell_checker_add_word (checker, "Storybankish");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (sb_spell_checker_check_word (checker, "Storybankish", -1));

  /* Enchant's own list, in its config folder, read by the next one */
  path = g_build_filename (config_dir, "en_US.dic", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Storybankish"));
  later = sb_spell_checker_new ();
  g_assert_true (sb_spell_checker_check_word (later, "Storybankish", -1));

  /* Ignored: for this checker only, and not written */
  g_assert_false (sb_spell_checker_check_word (checker, "wokflow", -1));
  sb_spell_checker_ignore_word (checker, "wokflow");
  g_assert_cmpuint (changed, ==, 2);
  sb_spell_checker_ignore_word (checker, "wokflow");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (sb_spell_checker_check_word (checker, "wokflow", -1));
  g_assert_true (sb_spell_checker_check_word (checker, "wokflow and more", 7));
  g_assert_false (sb_spell_checker_check_word (later, "wokflow", -1));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "wokflow"));
}

static void
test_names (void)
{
  g_autoptr(SbSpellChecker) checker = sb_spell_checker_new ();
  const char *names[] = { "Bias for Action", "Frugalität", NULL };
  GHashTable *set;

  sb_spell_checker_set_names (checker, names);
  set = sb_spell_checker_get_names (checker);
  g_assert_true (g_hash_table_contains (set, "bias"));
  g_assert_true (g_hash_table_contains (set, "frugalität"));
  sb_spell_checker_set_names (checker, NULL);
  g_assert_cmpuint (g_hash_table_size (set), ==, 0);
}

static void
test_no_dictionary (void)
{
  g_autoptr(SbSpellChecker) checker = NULL;
  g_auto(GStrv) suggestions = NULL;

  /* A locale no dictionary is installed for */
  g_setenv ("LANGUAGE", "xx_XX", TRUE);
  checker = sb_spell_checker_new ();

  g_assert_null (sb_spell_checker_get_language (checker));
  g_assert_false (sb_spell_checker_get_active (checker));
  g_assert_true (sb_spell_checker_check_word (checker, "shiped", -1));
  suggestions = sb_spell_checker_suggest (checker, "shiped", -1);
  g_assert_cmpuint (g_strv_length (suggestions), ==, 0);
  sb_spell_checker_add_word (checker, "whatevr");
  sb_spell_checker_set_language (checker, "yy");
  g_assert_null (sb_spell_checker_get_language (checker));
  g_setenv ("LANGUAGE", "en_US", TRUE);
}

/* The shared checker loads its dictionary on a thread, after start-up. */
static void
test_default_loads_later (void)
{
  SbSpellChecker *checker = sb_spell_checker_get_default ();
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) languages = NULL;
  guint changed = 0;

  if (!has_en_us ())
    {
      g_test_skip ("No en_US dictionary installed (hunspell-en-us)");
      return;
    }

  g_assert_true (sb_spell_checker_get_default () == checker);
  g_signal_connect (checker, "changed", G_CALLBACK (count_cb), &changed);
  /* Not before it is asked to */
  g_assert_false (sb_spell_checker_get_loading (checker));
  sb_spell_checker_load_in_background (checker);
  g_assert_true (sb_spell_checker_get_loading (checker));
  g_assert_false (sb_spell_checker_get_active (checker));
  /* Nothing is misspelt yet, and asking does not load it here */
  g_assert_true (sb_spell_checker_check_word (checker, "shiped", -1));
  none = sb_spell_checker_list_languages (checker);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (sb_spell_checker_get_loading (checker));

  while (sb_spell_checker_get_loading (checker))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (sb_spell_checker_get_language (checker), ==, "en_US");
  g_assert_false (sb_spell_checker_check_word (checker, "shiped", -1));
  languages = sb_spell_checker_list_languages (checker);
  g_assert_true (g_strv_contains ((const char * const *) languages, "en_US"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("LANGUAGE", "en_US", TRUE);
  config_dir = sb_test_make_tmpdir ();
  g_setenv ("ENCHANT_CONFIG_DIR", config_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell-checker/languages", test_languages);
  g_test_add_func ("/spell-checker/check", test_check);
  g_test_add_func ("/spell-checker/personal", test_personal);
  g_test_add_func ("/spell-checker/names", test_names);
  g_test_add_func ("/spell-checker/no-dictionary", test_no_dictionary);
  g_test_add_func ("/spell-checker/default-loads-later", test_default_loads_later);

  ret = g_test_run ();
  sb_test_rm_rf (config_dir);
  g_free (config_dir);
  return ret;
}
