/* test-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-catalog.h"

static void
test_catalog_builtin_complete (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  GListModel *principles = sb_catalog_get_principles (catalog);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (principles);

  g_assert_cmpuint (n, >=, 16);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbPrinciple) p = g_list_model_get_item (principles, i);
      const char *id = sb_principle_get_id (p);
      g_autofree char *slug = sb_principle_slugify (id);
      guint n_focus = sb_principle_get_n_focus_areas (p);
      guint n_tips = g_strv_length ((char **) sb_principle_get_tips (p));
      guint n_questions = g_strv_length ((char **) sb_principle_get_questions (p));

      g_test_message ("principle %s", id);
      g_assert_true (sb_principle_get_builtin (p));
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
      g_assert_cmpstr (id, ==, slug);
      g_assert_cmpstr (sb_principle_get_name (p), !=, "");
      g_assert_cmpstr (sb_principle_get_definition (p), !=, "");
      g_assert_cmpstr (sb_principle_get_focus_heading (p), !=, "");
      g_assert_cmpuint (n_focus, >=, 3);
      g_assert_cmpuint (n_focus, <=, 5);
      for (guint j = 0; j < n_focus; j++)
        {
          const char *name, *description;

          sb_principle_get_focus_area (p, j, &name, &description);
          g_assert_cmpstr (name, !=, "");
          g_assert_cmpstr (description, !=, "");
        }
      g_assert_cmpuint (n_tips, >=, 4);
      g_assert_cmpuint (n_tips, <=, 6);
      for (guint j = 0; j < n_tips; j++)
        g_assert_cmpstr (sb_principle_get_tips (p)[j], !=, "");
      g_assert_cmpuint (n_questions, >=, 3);
      for (guint j = 0; j < n_questions; j++)
        g_assert_cmpstr (sb_principle_get_questions (p)[j], !=, "");
      g_assert_cmpuint (g_strv_length ((char **) sb_principle_get_signals (p)), >=, 5);
      for (guint j = 0; sb_principle_get_signals (p)[j] != NULL; j++)
        {
          const char *signal = sb_principle_get_signals (p)[j];
          g_autofree char *stripped = g_strstrip (g_strdup (signal));

          /* A signal word is matched as written: no blanks, no repeats. */
          g_assert_cmpstr (signal, !=, "");
          g_assert_cmpstr (stripped, ==, signal);
          g_assert_false (g_strv_contains (sb_principle_get_signals (p) + j + 1, signal));
        }
    }

  /* Every principle of both built-in frameworks was checked above. */
  g_assert_cmpuint (g_list_model_get_n_items (sb_framework_get_principles (sb_catalog_lookup_framework (catalog, "amazon"))), ==, 16);
  g_assert_cmpuint (g_list_model_get_n_items (sb_framework_get_principles (sb_catalog_lookup_framework (catalog, "competencies"))), ==, 10);
  g_assert_cmpuint (n, ==, 26);
  g_assert_cmpuint (g_list_model_get_n_items (sb_catalog_get_frameworks (catalog)), ==, 2);
}

static void
test_catalog_amazon (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  SbFramework *amazon = sb_catalog_lookup_framework (catalog, "amazon");
  SbPrinciple *think_big;
  const char *name, *description;

  g_assert_nonnull (amazon);
  g_assert_cmpuint (g_list_model_get_n_items (sb_framework_get_principles (amazon)), ==, 16);

  think_big = sb_catalog_lookup (catalog, "think-big");
  g_assert_nonnull (think_big);
  g_assert_cmpstr (sb_principle_get_name (think_big), ==, "Think Big");
  /* The seed page is the user's own words: Think Big carries them. */
  g_assert_cmpstr (sb_principle_get_definition (think_big), ==,
                   "Create bold direction. Think differently. Look around corners to serve customers.");
  g_assert_cmpstr (sb_principle_get_focus_heading (think_big), ==, "Key Backend Focus Areas");
  sb_principle_get_focus_area (think_big, 0, &name, &description);
  g_assert_cmpstr (name, ==, "Architecture Vision");
  g_assert_cmpstr (description, ==, "Designing scalable, future-proof systems");
  g_assert_cmpstr (sb_principle_get_tips (think_big)[0], ==,
                   "Show ability to think beyond immediate requirements");
}

static void
test_catalog_lookup_by_name (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();

  g_assert_cmpstr (sb_principle_get_id (sb_catalog_lookup_by_name (catalog, "Think Big")), ==, "think-big");
  g_assert_cmpstr (sb_principle_get_id (sb_catalog_lookup_by_name (catalog, "  think   BIG ")), ==, "think-big");
  g_assert_cmpstr (sb_principle_get_id (sb_catalog_lookup_by_name (catalog, "Have Backbone; Disagree and Commit")),
                   ==, "have-backbone-disagree-and-commit");
  g_assert_null (sb_catalog_lookup_by_name (catalog, "Write Poetry"));
}

/* A file's name, in the styles notes apps and people give it, finds
 * the principle it names; a name that is no principle finds nothing.
 */
static void
test_catalog_lookup_by_file_name (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  const struct { const char *name; const char *id; } cases[] = {
    { "earnTrust.md", "earn-trust" },
    { "/notes/Earn_Trust.markdown", "earn-trust" },
    { "Earn Trust 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.md", "earn-trust" },
    { "Earn Trust (2).md", "earn-trust" },
    { "LP_05_learn_and_be_curious.md", "learn-and-be-curious" },
    { "learn-and-be-curious-stories.md", "learn-and-be-curious" },
    { "LearnAndBeCurious (1).txt", "learn-and-be-curious" },
    { "03 - Dive Deep notes.csv", "dive-deep" },
    { "Budget 2024.md", NULL },
    { "stories.md", NULL },
    { "LP_05.md", NULL },
    { "Notes 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.md", NULL },
    { ".md", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SbPrinciple *found = sb_catalog_lookup_by_file_name (catalog, cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (found ? sb_principle_get_id (found) : NULL, ==, cases[i].id);
    }
  g_assert_null (sb_catalog_lookup_by_file_name (catalog, NULL));
}

/* Names as people write them in their files find the built-in principle
 * they mean; every alias finds its own principle and no other; names
 * that mean something else find nothing.
 */
static void
test_catalog_lookup_loosely (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  GListModel *principles = sb_catalog_get_principles (catalog);
  const struct { const char *name; const char *id; } cases[] = {
    { "High Standards", "insist-on-the-highest-standards" },
    { "Insist on Highest Standards", "insist-on-the-highest-standards" },
    { "Backbone", "have-backbone-disagree-and-commit" },
    { "Disagree & Commit", "have-backbone-disagree-and-commit" },
    { "Have Backbone, Disagree and Commit", "have-backbone-disagree-and-commit" },
    { "Earth\u2019s Best Employer", "strive-to-be-earths-best-employer" },
    { "Customer Obsessed", "customer-obsession" },
    { "Hire and Develop", "hire-and-develop-the-best" },
    { "Learn & Be Curious", "learn-and-be-curious" },
    { "Bias to Action", "bias-for-action" },
    { "earnTrust", "earn-trust" },
    { "EarnTrust", "earn-trust" },
    { "earn_trust", "earn-trust" },
    { "3. Dive Deep", "dive-deep" },
    { "LP7 - Deliver Results", "deliver-results" },
    { "Leadership Principle: Ownership", "ownership" },
    { "\U0001F680 Think Big", "think-big" },
    { "ARE RIGHT, A LOT", "are-right-a-lot" },
    { "Conflict", "conflict" },
    { "Teamwork", "teamwork" },
    { "Team work", "teamwork" },
    { "Ambiguity", "ambiguity" },
    { "Dealing with ambiguity", "ambiguity" },
  };
  const char * const strangers[] = { "Purpose", "Day 3", "Example", "Situation", "Results", "Notes", "", "#", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SbPrinciple *found = sb_catalog_lookup_by_name (catalog, cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_nonnull (found);
      g_assert_cmpstr (sb_principle_get_id (found), ==, cases[i].id);
    }

  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);
      const char * const *aliases = sb_principle_get_aliases (principle);

      g_assert_nonnull (aliases);
      g_assert_nonnull (aliases[0]);
      for (guint j = 0; aliases[j] != NULL; j++)
        {
          g_test_message ("%s", aliases[j]);
          g_assert_true (sb_catalog_lookup_by_name (catalog, aliases[j]) == principle);
        }
    }

  for (guint i = 0; strangers[i] != NULL; i++)
    g_assert_null (sb_catalog_lookup_by_name (catalog, strangers[i]));

  /* A user's principle is found by its exact name before any alias. */
  {
    g_autoptr(SbPrinciple) trust = sb_principle_new ("trust", "Trust", SB_FRAMEWORK_USER, FALSE);

    sb_catalog_add_principle (catalog, trust);
    g_assert_true (sb_catalog_lookup_by_name (catalog, "trust") == trust);
    g_assert_true (sb_catalog_lookup_by_exact_name (catalog, "Trust") == trust);
    g_assert_null (sb_catalog_lookup_by_exact_name (catalog, "High Standards"));
  }
}

static void
test_catalog_user_principles (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbPrinciple) mine = NULL;
  g_autofree char *id = sb_catalog_make_id (catalog, "Think Big");
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbCatalog) again = sb_catalog_new ();
  g_autoptr(GError) error = NULL;
  SbPrinciple *back;
  const char *names[] = { "Craft", NULL };
  const char *descriptions[] = { "Care for the details", NULL };
  const char *tips[] = { "Show the before and after", NULL };

  g_assert_cmpstr (id, ==, "think-big-2");

  mine = sb_principle_new ("quality", "Quality", NULL, FALSE);
  sb_principle_set_definition (mine, "Ship work you are proud of.");
  sb_principle_set_focus_areas (mine, "Focus", names, descriptions);
  sb_principle_set_tips (mine, tips);
  sb_catalog_add_principle (catalog, mine);
  g_assert_true (sb_catalog_lookup (catalog, "quality") == mine);
  g_assert_nonnull (sb_catalog_lookup_framework (catalog, SB_FRAMEWORK_USER));

  sb_principle_set_notes (sb_catalog_lookup (catalog, "think-big"), "My own note");

  json = sb_catalog_dup_user_json (catalog, 0);
  g_assert_null (strstr (json, "Look around corners"));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  sb_catalog_load_user_json (again, json_node_get_array (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  back = sb_catalog_lookup (again, "quality");
  g_assert_nonnull (back);
  g_assert_false (sb_principle_get_builtin (back));
  g_assert_cmpstr (sb_principle_get_definition (back), ==, "Ship work you are proud of.");
  g_assert_cmpstr (sb_principle_get_focus_heading (back), ==, "Focus");
  g_assert_cmpstr (sb_principle_get_tips (back)[0], ==, "Show the before and after");
  g_assert_cmpstr (sb_principle_get_notes (sb_catalog_lookup (again, "think-big")), ==, "My own note");

  g_assert_true (sb_catalog_remove_principle (again, back));
  g_assert_null (sb_catalog_lookup (again, "quality"));
  g_assert_false (sb_catalog_remove_principle (again, sb_catalog_lookup (again, "think-big")));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/builtin-complete", test_catalog_builtin_complete);
  g_test_add_func ("/catalog/amazon", test_catalog_amazon);
  g_test_add_func ("/catalog/lookup-by-name", test_catalog_lookup_by_name);
  g_test_add_func ("/catalog/lookup-loosely", test_catalog_lookup_loosely);
  g_test_add_func ("/catalog/lookup-by-file-name", test_catalog_lookup_by_file_name);
  g_test_add_func ("/catalog/user-principles", test_catalog_user_principles);

  return g_test_run ();
}
