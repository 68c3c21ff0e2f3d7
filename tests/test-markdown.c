/* test-markdown.c: Markdown pages read and written, text export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-import.h"
#include "sb-markdown.h"
#include "sb-text-export.h"
#include "sb-test-util.h"

typedef struct
{
  SbCatalog *catalog;
  SbLibrary *library;
} Lib;

static Lib *
lib_new (void)
{
  Lib *lib = g_new0 (Lib, 1);

  lib->catalog = sb_catalog_new ();
  lib->library = sb_library_new ();
  return lib;
}

static void
lib_free (Lib *lib)
{
  g_clear_object (&lib->library);
  g_clear_object (&lib->catalog);
  g_free (lib);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lib, lib_free)

/* Each line without its trailing spaces, and no blank lines at the end. */
static char *
normalize (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
assert_same_text (SbStory *a,
                  SbStory *b)
{
  g_assert_cmpstr (sb_story_get_title (a), ==, sb_story_get_title (b));
  g_assert_cmpstr (sb_story_get_situation (a), ==, sb_story_get_situation (b));
  g_assert_cmpstr (sb_story_get_task (a), ==, sb_story_get_task (b));
  g_assert_true (g_strv_equal (sb_story_get_actions (a), sb_story_get_actions (b)));
  g_assert_cmpstr (sb_story_get_result (a), ==, sb_story_get_result (b));
  g_assert_cmpstr (sb_story_get_learnings (a), ==, sb_story_get_learnings (b));
  g_assert_cmpstr (sb_story_get_notes (a), ==, sb_story_get_notes (b));
}

static void
assert_story (SbStory            *story,
              const char         *title,
              const char         *situation,
              const char         *task,
              const char * const *actions,
              const char         *result)
{
  g_assert_cmpstr (sb_story_get_title (story), ==, title);
  g_assert_cmpstr (sb_story_get_situation (story), ==, situation);
  g_assert_cmpstr (sb_story_get_task (story), ==, task);
  if (!g_strv_equal (sb_story_get_actions (story), actions))
    {
      g_autofree char *got = g_strjoinv ("|", (char **) sb_story_get_actions (story));
      g_autofree char *want = g_strjoinv ("|", (char **) actions);

      g_assert_cmpstr (got, ==, want);
    }
  g_assert_cmpstr (sb_story_get_result (story), ==, result);
}

static void
test_seed_import (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GPtrArray) think_big = NULL;
  SbPrinciple *principle;
  const char *actions1[] = {
    "Designed microservices architecture with clear service boundaries",
    "Planned for horizontal scaling with load balancing and auto-scaling",
    "Implemented event-driven architecture using message queues",
    "Designed for multi-region deployment for global availability",
    "Created comprehensive monitoring and observability strategy",
    "Established CI/CD pipeline for rapid deployment and rollback",
    NULL
  };
  const char *actions2[] = {
    "Designed data lake architecture with centralized data storage",
    "Implemented real-time data streaming with Kafka and Spark",
    "Created data pipeline for ETL processes and data quality checks",
    "Designed API layer for data access and analytics",
    "Planned for machine learning model deployment and serving",
    "Established data governance and security framework",
    NULL
  };
  const char *actions3[] = {
    "Designed self-service platform for service creation and deployment",
    "Implemented standardized CI/CD pipelines with quality gates",
    "Created developer portal with API documentation and testing tools",
    "Designed monitoring and alerting framework for all services",
    "Implemented security scanning and compliance checks",
    "Established developer onboarding and training programs",
    NULL
  };

  import = sb_import_new (lib->library, lib->catalog);
  g_assert_true (sb_import_add_markdown (import, seed, -1, "think-big.md", NULL));
  /* The plan touches nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 0);
  g_assert_cmpuint (sb_import_get_n_new_stories (import), ==, 3);
  g_assert_cmpuint (sb_import_get_n_new_principles (import), ==, 0);
  /* The seed's wording is the built-in text: nothing of the user's. */
  g_assert_cmpuint (sb_import_get_n_changed_principles (import), ==, 0);
  principle = sb_catalog_lookup (lib->catalog, "think-big");
  g_assert_nonnull (principle);
  g_assert_cmpstr (sb_principle_get_user_definition (principle), ==, "");

  sb_import_apply (import);
  think_big = sb_library_dup_stories_for_principle (lib->library, "think-big");
  g_assert_cmpuint (think_big->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 3);

  assert_story (g_ptr_array_index (think_big, 0),
                "Scalable Architecture Vision",
                "Current monolithic application struggling to handle 10x user growth projected for next year",
                "Design and implement scalable architecture to support 1M+ users",
                actions1,
                "System now handles 2M+ users, 99.9% uptime, supports global deployment, reduced deployment time by 90%");
  assert_story (g_ptr_array_index (think_big, 1),
                "Data Platform Transformation",
                "Fragmented data storage across multiple databases causing analytics and reporting challenges",
                "Design unified data platform to support real-time analytics and machine learning",
                actions2,
                "Enabled real-time analytics, improved data quality by 95%, reduced reporting time from days to minutes");
  assert_story (g_ptr_array_index (think_big, 2),
                "Developer Platform Vision",
                "Development teams struggling with inconsistent tools and deployment processes",
                "Create comprehensive developer platform to improve productivity and code quality",
                actions3,
                "Reduced time-to-market by 70%, improved code quality, standardized development practices across teams");

  g_assert_false (sb_principle_has_user_content (principle));
}

static void
test_seed_export_equals_page (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) import = sb_test_import_markdown (lib->library, lib->catalog, seed);
  g_autofree char *page = sb_markdown_export (lib->library, lib->catalog, "think-big");
  g_autofree char *want = normalize (seed);
  g_autofree char *got = normalize (page);

  g_assert_cmpstr (got, ==, want);
}

static void
test_seed_reimport (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(Lib) other = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) import = sb_test_import_markdown (lib->library, lib->catalog, seed);
  g_autofree char *page = sb_markdown_export (lib->library, lib->catalog, NULL);
  g_autoptr(SbImport) again = sb_test_import_markdown (other->library, other->catalog, page);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other->library)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      assert_same_text (sb_test_story_at (lib->library, i), sb_test_story_at (other->library, i));
      g_assert_true (g_strv_equal (sb_story_get_principles (sb_test_story_at (other->library, i)),
                                   (const char *[]) { "think-big", NULL }));
    }
}

static SbStory *
only_story (Lib *lib)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 1);
  return sb_test_story_at (lib->library, 0);
}

/* Pages written by hand, each a little off the seed's format, all give
 * the same story.
 */
static void
test_tolerance (void)
{
  const char *steps[] = { "Wrote the plan", "Ran the migration", NULL };
  const char *variants[] = {
    /* CRLF and extra blank lines */
    "# Think Big\r\n\r\n\r\n## STAR Pattern Examples\r\n\r\n### Example 1: Big Move\r\n\r\n"
    "**Situation**: Old system\r\n\r\n**Task**: Replace it\r\n**Action**:\r\n\r\n- Wrote the plan\r\n"
    "- Ran the migration\r\n\r\n**Result**: Done\r\n\r\n\r\n",
    /* '*' bullets, labels without bold, bold colon inside */
    "# Think Big\n## STAR Pattern Examples\n### Example 1: Big Move\nSituation: Old system\n"
    "**Task:** Replace it\nAction:\n* Wrote the plan\n* Ran the migration\nResult: Done\n",
    /* no Examples section, "##" title with " - " */
    "# Think Big\n\n## Example 1 - Big Move\n**Situation**: Old system\n**Task**: Replace it\n"
    "**Action**:\n- Wrote the plan\n- Ran the migration\n**Result**: Done\n",
    /* "####" title with no "Example N:", a stray lone '#' */
    "# Think Big\n#\n## Definition\n**Mine**\n#### Big Move\n**Situation**: Old system\n#\n**Task**: Replace it\n"
    "**Action**:\n+ Wrote the plan\n+ Ran the migration\n**Result**: Done\n",
    /* numbered steps, an indented bullet */
    "# Think Big\n## STAR Pattern Examples\n### Example 1: Big Move\n**Situation**: Old system\n**Task**: Replace it\n"
    "**Action**:\n1. Wrote the plan\n  2. Ran the migration\n**Result**: Done\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(Lib) lib = lib_new ();
      g_autoptr(SbImport) import = NULL;
      SbStory *story;

      g_test_message ("variant %u", i);
      import = sb_test_import_markdown (lib->library, lib->catalog, variants[i]);
      story = only_story (lib);
      assert_story (story, "Big Move", "Old system", "Replace it", steps, "Done");
      g_assert_true (sb_story_has_principle (story, "think-big"));
    }
}

static void
test_missing_section (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbImport) import = NULL;
  const char *none[] = { NULL };

  import = sb_test_import_markdown (lib->library, lib->catalog, "# Ownership\n\n### Example 1: No task here\n"
                                 "**Situation**: Pager went off\n**Result**: Fixed by morning\n");
  assert_story (only_story (lib), "No task here", "Pager went off", "", none, "Fixed by morning");
  g_assert_true (sb_story_has_principle (only_story (lib), "ownership"));
}

static void
test_quick_form (void)
{
  struct {
    const char *text;
    const char *title, *situation, *task;
    const char *steps[3];
    const char *result;
  } cases[] = {
    { "Story: Quick one\nS: The build was slow\nT: Make it fast\nA: I cached the deps\nR: Builds take 2 minutes\n",
      "Quick one", "The build was slow", "Make it fast", { "I cached the deps", NULL }, "Builds take 2 minutes" },
    { "Story: Multi\r\nS: First line\r\nsecond line\r\nT: Task\r\nA:\r\n- one\r\n- two\r\nR: Result\r\nover two lines\r\n",
      "Multi", "First line\nsecond line", "Task", { "one", "two", NULL }, "Result\nover two lines" },
    { "Story: Sentence on the next line\nS: Sit\nA:\nI talked to every team\nand wrote it down.\nR: Res\n",
      "Sentence on the next line", "Sit", "", { "I talked to every team\nand wrote it down.", NULL }, "Res" },
    { "Story: Lowercase labels\ns: sit\nt: task\na: act\nr: res\n",
      "Lowercase labels", "sit", "task", { "act", NULL }, "res" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Lib) lib = lib_new ();
      g_autoptr(SbImport) import = NULL;

      g_test_message ("case %u", i);
      import = sb_test_import_markdown (lib->library, lib->catalog, cases[i].text);
      assert_story (only_story (lib), cases[i].title, cases[i].situation, cases[i].task,
                    cases[i].steps, cases[i].result);
    }
}

static void
test_mixed_page (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbImport) import = NULL;
  const char *steps[] = { "Step", NULL };
  const char *quick[] = { "Did it", NULL };

  import = sb_test_import_markdown (lib->library, lib->catalog,
                            "# Dive Deep\n\n## STAR Pattern Examples\n\n"
                            "### Example 1: Full\n**Situation**: S1\n**Task**: T1\n**Action**:\n- Step\n**Result**: R1\n\n"
                            "Story: Quick\nS: S2\nT: T2\nA: Did it\nR: R2\n\n"
                            "### Example 3: Full again\n**Situation**: S3\n**Task**: T3\n**Action**:\n- Step\n**Result**: R3\n\n"
                            "## Interview Tips\n- Be precise\n");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lib->library)), ==, 3);
  assert_story (sb_test_story_at (lib->library, 0), "Full", "S1", "T1", steps, "R1");
  assert_story (sb_test_story_at (lib->library, 1), "Quick", "S2", "T2", quick, "R2");
  assert_story (sb_test_story_at (lib->library, 2), "Full again", "S3", "T3", steps, "R3");
  for (guint i = 0; i < 3; i++)
    g_assert_true (sb_story_has_principle (sb_test_story_at (lib->library, i), "dive-deep"));
}

static void
test_user_principle_round_trip (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(Lib) other = lib_new ();
  g_autoptr(SbImport) import = NULL;
  g_autoptr(SbImport) again = NULL;
  g_autofree char *page = NULL;
  g_autofree char *second = NULL;
  SbPrinciple *principle;
  const char *text =
    "# Calm Under Fire\n\n## Definition\n**Keep a clear head when things break.**\n\n"
    "## STAR Pattern Examples\n\n### Example 1: Outage\n**Situation**: Site down\n**Task**: Bring it back\n"
    "**Action**:\n- Rolled back\n**Result**: Up in 10 minutes\n\n"
    "## What I Focus On\n- **Triage**: First things first\n- **Talk**: Keep people told\n\n"
    "## Interview Tips\n- Name the numbers\n- Say what you learned\n\n## Notes\nAsked at two companies.\n";

  import = sb_test_import_markdown (lib->library, lib->catalog, text);
  g_assert_cmpuint (sb_import_get_n_new_principles (import), ==, 1);
  principle = sb_catalog_lookup_by_name (lib->catalog, "Calm Under Fire");
  g_assert_nonnull (principle);
  g_assert_false (sb_principle_get_builtin (principle));
  g_assert_cmpstr (sb_principle_get_definition (principle), ==, "Keep a clear head when things break.");
  g_assert_cmpstr (sb_principle_get_focus_heading (principle), ==, "What I Focus On");
  g_assert_cmpuint (sb_principle_get_n_focus_areas (principle), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) sb_principle_get_tips (principle)), ==, 2);
  g_assert_cmpstr (sb_principle_get_notes (principle), ==, "Asked at two companies.");
  g_assert_true (sb_story_has_principle (only_story (lib), sb_principle_get_id (principle)));

  page = sb_markdown_export (lib->library, lib->catalog, sb_principle_get_id (principle));
  {
    g_autofree char *a = normalize (page);
    g_autofree char *b = normalize (text);

    g_assert_cmpstr (a, ==, b);
  }

  again = sb_test_import_markdown (other->library, other->catalog, page);
  second = sb_markdown_export (other->library, other->catalog, NULL);
  g_assert_cmpstr (second, ==, page);
}

/* The user's wording for a built-in principle comes back as theirs. */
static void
test_builtin_wording (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(SbImport) import = NULL;
  SbPrinciple *principle = sb_catalog_lookup (lib->catalog, "think-big");
  g_autofree char *page = NULL;
  const char *text =
    "# Think Big\n\n## Definition\n**My own words.**\n\n"
    "## Key Frontend Focus Areas\n- **Design Systems**: One look everywhere\n\n"
    "## Interview Tips\n- My tip\n";

  import = sb_test_import_markdown (lib->library, lib->catalog, text);
  g_assert_cmpuint (sb_import_get_n_changed_principles (import), ==, 1);
  g_assert_cmpstr (sb_principle_get_user_definition (principle), ==, "My own words.");
  g_assert_cmpstr (sb_principle_get_user_focus_heading (principle), ==, "Key Frontend Focus Areas");
  g_assert_cmpstr (sb_principle_get_user_focus_names (principle)[0], ==, "Design Systems");
  g_assert_cmpstr (sb_principle_get_user_focus_descriptions (principle)[0], ==, "One look everywhere");
  g_assert_cmpstr (sb_principle_get_user_tips (principle)[0], ==, "My tip");
  /* The built-in text is untouched. */
  g_assert_cmpstr (sb_principle_get_definition (principle), ==,
                   "Create bold direction. Think differently. Look around corners to serve customers.");

  page = sb_markdown_export (lib->library, lib->catalog, NULL);
  {
    g_autofree char *a = normalize (page);
    g_autofree char *b = normalize (text);

    g_assert_cmpstr (a, ==, b);
  }
}

typedef struct
{
  const char *id;
  const char *definition;
  const char *heading;
  const char *tip;
} Wording;

/* Several pages → folder → an empty library: every field comes back. */
static void
test_folder_round_trip (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(Lib) other = lib_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (40, 7);
  g_autoptr(SbPrinciple) mine = sb_principle_new ("my-own", "My Own", SB_FRAMEWORK_USER, FALSE);
  g_autoptr(SbImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sb_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "pages", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *names[] = { "Alpha", "Beta", NULL };
  const char *descriptions[] = { "First\nwith - a second line", "", NULL };
  const char *tips[] = { "Tip one", "# not a heading\n- not a bullet", NULL };
  const char *filed[] = { "my-own", "think-big", NULL };
  SbPrinciple *think_big = sb_catalog_lookup (lib->catalog, "think-big");
  SbPrinciple *ownership = sb_catalog_lookup (lib->catalog, "ownership");
  guint n_pages = 0;

  sb_principle_set_definition (mine, "Own it **all**.\nEven line two.");
  sb_principle_set_focus_areas (mine, "Where I Look", names, descriptions);
  sb_principle_set_tips (mine, tips);
  sb_principle_set_notes (mine, "Note line\n**Task**: not a label\n\\ backslash");
  sb_catalog_add_principle (lib->catalog, mine);
  sb_principle_set_user_wording (think_big, "Think bigger.", "Key Frontend Focus Areas",
                                 names, descriptions, tips);
  sb_principle_set_notes (ownership, "Only notes here, no stories.");

  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (stories, i);

      if (i == 3)
        sb_story_set_principles (story, filed);
      else if (i == 5)
        sb_story_set_principles (story, NULL);
      sb_library_add (lib->library, story);
    }

  g_assert_true (sb_markdown_export_folder (lib->library, lib->catalog, NULL, folder, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 4);

  import = sb_import_new (other->library, other->catalog);
  g_assert_true (sb_import_add_path (import, folder, &error));
  g_assert_no_error (error);
  sb_import_apply (import);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other->library)), ==, stories->len);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *want = g_ptr_array_index (stories, i);
      SbStory *got = NULL;
      const char * const *ids = sb_story_get_principles (want);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (other->library)) && got == NULL; j++)
        if (g_str_equal (sb_story_get_title (sb_test_story_at (other->library, j)), sb_story_get_title (want)))
          got = sb_test_story_at (other->library, j);
      g_assert_nonnull (got);
      assert_same_text (got, want);
      g_assert_cmpuint (g_strv_length ((char **) sb_story_get_principles (got)), ==,
                        g_strv_length ((char **) ids));
      for (guint j = 0; ids[j] != NULL; j++)
        g_assert_true (sb_story_has_principle (got, ids[j]));
    }

  /* Every principle's wording, and the pages written again, are the same. */
  {
    SbPrinciple *p = sb_catalog_lookup (other->catalog, "my-own");

    g_assert_nonnull (p);
    g_assert_cmpstr (sb_principle_get_name (p), ==, "My Own");
    g_assert_cmpstr (sb_principle_get_definition (p), ==, "Own it **all**.\nEven line two.");
    g_assert_cmpstr (sb_principle_get_focus_heading (p), ==, "Where I Look");
    g_assert_cmpuint (sb_principle_get_n_focus_areas (p), ==, 2);
    g_assert_true (g_strv_equal (sb_principle_get_tips (p), tips));
    g_assert_cmpstr (sb_principle_get_notes (p), ==, "Note line\n**Task**: not a label\n\\ backslash");

    p = sb_catalog_lookup (other->catalog, "think-big");
    g_assert_cmpstr (sb_principle_get_user_definition (p), ==, "Think bigger.");
    g_assert_cmpstr (sb_principle_get_user_focus_heading (p), ==, "Key Frontend Focus Areas");
    g_assert_true (g_strv_equal (sb_principle_get_user_focus_names (p), names));
    g_assert_true (g_strv_equal (sb_principle_get_user_focus_descriptions (p), descriptions));
    g_assert_true (g_strv_equal (sb_principle_get_user_tips (p), tips));
    g_assert_cmpstr (sb_principle_get_notes (sb_catalog_lookup (other->catalog, "ownership")), ==,
                     "Only notes here, no stories.");
  }

  /* The pages' text, up to the order of the stories in each. */
  a = sb_markdown_export (lib->library, lib->catalog, "my-own");
  b = sb_markdown_export (other->library, other->catalog, "my-own");
  g_assert_cmpstr (a, ==, b);

  sb_test_rm_rf (dir);
}

/* Text that looks like Markdown structure survives a round trip. */
static void
test_tricky_text (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(Lib) other = lib_new ();
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(SbImport) import = NULL;
  g_autofree char *page = NULL;
  const char *steps[] = {
    "- starts with a dash",
    "line one\n- looks like a bullet\n* and another\n1. and a number",
    "**Result**: not the result\nS: not a situation\nStory: not a story",
    "\\ a backslash\n\\\\ two\n### Example 9: not a title\n# not a page",
    "Ünïcödé ✓ — “quotes” 日本語\n---\n",
    NULL
  };
  const char *principles[] = { "think-big", NULL };

  sb_story_set_title (story, "Title with **bold** and # hash");
  sb_story_set_situation (story, "First\n\nafter a blank line\n## heading-like\n  - indented dash");
  sb_story_set_task (story, "Task: inside\nA: inside too");
  sb_story_set_actions (story, steps);
  sb_story_set_result (story, "Ends\n**Situation**: fake\n#");
  sb_story_set_learnings (story, "Notes: not the notes\n**Learnings**: not twice\n- a dash");
  sb_story_set_notes (story, "Learnings: still a note\n\nNotes — a second paragraph");
  sb_story_set_principles (story, principles);
  sb_story_set_tags (story, (const char * const []) { "ci", "on-call", "untitled", NULL });
  sb_library_add (lib->library, story);

  page = sb_markdown_export (lib->library, lib->catalog, NULL);
  import = sb_test_import_markdown (other->library, other->catalog, page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other->library)), ==, 1);
  g_assert_cmpstrv (sb_story_get_tags (only_story (other)), sb_story_get_tags (story));
  /* The fifth step's trailing newline and rule are trimmed with it. */
  g_assert_cmpstr (sb_story_get_actions (only_story (other))[4], ==, "Ünïcödé ✓ — “quotes” 日本語\n---");
  {
    g_autoptr(SbStory) want = sb_story_copy (story);
    const char *trimmed[G_N_ELEMENTS (steps)];

    memcpy (trimmed, steps, sizeof steps);
    trimmed[4] = "Ünïcödé ✓ — “quotes” 日本語\n---";
    sb_story_set_actions (want, trimmed);
    assert_same_text (only_story (other), want);
  }
}

static void
test_generated_round_trip (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autoptr(Lib) other = lib_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (200, 2024);
  g_autoptr(SbImport) import = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (lib->library, g_ptr_array_index (stories, i));

  text = sb_markdown_export (lib->library, lib->catalog, NULL);
  import = sb_test_import_markdown (other->library, other->catalog, text);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other->library)), ==, stories->len);
  for (guint i = 0; i < stories->len; i++)
    {
      SbStory *want = g_ptr_array_index (stories, i);
      SbStory *got = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (other->library)) && got == NULL; j++)
        if (g_str_equal (sb_story_get_title (sb_test_story_at (other->library, j)), sb_story_get_title (want)))
          got = sb_test_story_at (other->library, j);
      g_assert_nonnull (got);
      assert_same_text (got, want);
      for (const char * const *id = sb_story_get_principles (want); *id; id++)
        g_assert_true (sb_story_has_principle (got, *id));
    }

  /* Importing the export again changes nothing. */
  {
    g_autoptr(SbImport) twice = sb_import_new (other->library, other->catalog);

    g_assert_true (sb_import_add_markdown (twice, text, -1, NULL, NULL));
    g_assert_true (sb_import_is_empty (twice));
  }
}

static void
test_text_wrap (void)
{
  g_autofree char *long_word = g_strnfill (100, 'x');
  g_autofree char *text = g_strdup_printf ("short %s end", long_word);
  g_autofree char *wrapped = sb_text_wrap (text, 20, "  ", "  ");
  g_autofree char *wide = NULL;
  g_autofree char *mixed = NULL;
  g_auto(GStrv) lines = NULL;
  GString *cjk = g_string_new (NULL);

  /* A word longer than the line stays whole. */
  {
    g_autofree char *want = g_strdup_printf ("  short\n  %s\n  end", long_word);
    g_assert_cmpstr (wrapped, ==, want);
  }

  /* Wide characters count twice; words are never cut. */
  for (guint i = 0; i < 30; i++)
    g_string_append (cjk, "日本 ");
  wide = sb_text_wrap (cjk->str, 21, NULL, NULL);
  g_string_free (cjk, TRUE);
  lines = g_strsplit (wide, "\n", -1);
  /* Four words a line (4 × 4 columns + 3 spaces), two on the last. */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_cmpuint (sb_text_display_width (lines[i]), ==, lines[i + 1] ? 19 : 9);
    }

  /* Combining marks take no column; the text's own line breaks stay. */
  g_assert_cmpuint (sb_text_display_width ("e\xcc\x81t\xc3\xa9"), ==, 3);
  mixed = sb_text_wrap ("one\ntwo", 76, "- ", "  ");
  g_assert_cmpstr (mixed, ==, "- one\n  two");
}

static void
test_text_export (void)
{
  g_autoptr(Lib) lib = lib_new ();
  g_autofree char *seed = sb_test_read_seed ();
  g_autoptr(SbImport) import = sb_test_import_markdown (lib->library, lib->catalog, seed);
  g_autoptr(GPtrArray) generated = sb_test_make_stories (20, 5);
  g_autofree char *all = NULL;
  g_autofree char *one_principle = NULL;
  g_autofree char *one_story = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < generated->len; i++)
    sb_library_add (lib->library, g_ptr_array_index (generated, i));

  all = sb_text_export_library (lib->library, lib->catalog, NULL);
  lines = g_strsplit (all, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_cmpuint (sb_text_display_width (lines[i]), <=, SB_TEXT_EXPORT_WIDTH);
      g_assert_false (g_str_has_suffix (lines[i], " "));
    }
  g_assert_nonnull (strstr (all, "THINK BIG\n=========\n"));
  g_assert_nonnull (strstr (all, "OWNERSHIP\n"));

  one_principle = sb_text_export_library (lib->library, lib->catalog, "think-big");
  g_assert_nonnull (strstr (one_principle, "Scalable Architecture Vision\n----------------------------\n"));
  g_assert_nonnull (strstr (one_principle, "SITUATION\n  Current monolithic application struggling to handle 10x user growth\n"
                                           "  projected for next year\n"));
  g_assert_nonnull (strstr (one_principle, "ACTION\n  1. Designed microservices architecture with clear service boundaries\n"));
  g_assert_null (strstr (one_principle, "OWNERSHIP"));

  one_story = sb_text_export_story (sb_test_story_at (lib->library, 0), lib->catalog);
  g_assert_true (g_str_has_prefix (one_story, "Scalable Architecture Vision\n"));
  g_assert_nonnull (strstr (one_story, "Principles: Think Big\n"));
  g_assert_nonnull (strstr (one_story, "RESULT\n  System now handles 2M+ users"));
  g_assert_null (strstr (one_story, "Data Platform"));
  /* A story without the optional parts does not list them. */
  g_assert_null (strstr (one_story, "LEARNINGS"));
  g_assert_null (strstr (one_story, "NOTES"));
}

static void
test_text_export_learnings (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *text = NULL;

  sb_story_set_title (story, "Café rota");
  sb_story_set_result (story, "Nobody missed a shift in March.");
  sb_story_set_learnings (story, "Ask the people doing the work first; they knew the fix all along, "
                                 "I just had not asked them");
  sb_story_set_notes (story, "they might ask: what if someone refuses?\r\nanswer w/ the swap rule");

  text = sb_text_export_story (story, NULL);
  g_assert_nonnull (strstr (text, "RESULT\n  Nobody missed a shift in March.\n\n"
                                  "LEARNINGS\n  Ask the people doing the work first; they knew the fix all along, I just\n"
                                  "  had not asked them\n\n"
                                  "NOTES\n  they might ask: what if someone refuses?"));
  g_assert_true (g_str_has_suffix (text, "answer w/ the swap rule\n"));
}

/* Pages as people write them, straying from the seed's format: labels as
 * list items, bold colons, dashes for colons, numbered steps, underlined
 * headings, a page that starts at "##", story headings without "Example".
 */
static void
test_stray_pages (void)
{
  struct {
    const char *text;
    const char *page_name, *definition;
    guint n_stories;
    const char *title, *situation, *task;
    const char *steps[4];
    const char *result;
  } cases[] = {
    { "# Customer Obsession\n\n## Definition\nStart with the customer.\n\n## STAR Examples\n\n"
      "### 1. Fixing checkout\n- **Situation:** Users could not pay.\n- **Task:** Fix it in a sprint.\n"
      "- **Action:**\n  1. Audited the flow\n  2. Rewrote the labels\n  3. Added checks\n"
      "- **Result:** Completion rose to 91%.\n\n## Tips\n* Quote a customer.\n* Action: use verbs.\n",
      "Customer Obsession", "Start with the customer.", 1,
      "Fixing checkout", "Users could not pay.", "Fix it in a sprint.",
      { "Audited the flow", "Rewrote the labels", "Added checks", NULL }, "Completion rose to 91%." },
    { "Ownership\n=========\n\nDefinition\n----------\nLeaders are owners.\n\n"
      "Example: The weekend outage\n---------------------------\nSituation: Payments went down.\n\n"
      "Task: I knew the service.\n\nAction:\n* Took the lead\n* Rolled back\n\nResult: Restored in 40 minutes.\n",
      "Ownership", "Leaders are owners.", 1,
      "The weekend outage", "Payments went down.", "I knew the service.",
      { "Took the lead", "Rolled back", NULL }, "Restored in 40 minutes." },
    { "## Dive Deep\n\n### Story \u2014 The flaky test\nSituation \u2014 CI failed 1 run in 20.\n"
      "Task \u2013 Find the cause.\nAction - I bisected and found a race.\nResult \u2014 Zero flakes.\n",
      NULL, NULL, 1,
      "The flaky test", "CI failed 1 run in 20.", "Find the cause.",
      { "I bisected and found a race.", NULL }, "Zero flakes." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) pages = sb_markdown_parse (cases[i].text, -1);
      SbMarkdownPage *page;

      g_test_message ("case %u", i);
      g_assert_cmpuint (pages->len, ==, 1);
      page = g_ptr_array_index (pages, 0);
      g_assert_cmpstr (page->name, ==, cases[i].page_name);
      g_assert_cmpstr (page->definition, ==, cases[i].definition);
      g_assert_cmpuint (page->focus_names->len, ==, 0);
      g_assert_cmpuint (page->stories->len, ==, cases[i].n_stories);
      assert_story (g_ptr_array_index (page->stories, 0), cases[i].title, cases[i].situation,
                    cases[i].task, cases[i].steps, cases[i].result);
      if (i == 0)
        {
          g_assert_cmpuint (page->tips->len, ==, 2);
          g_assert_cmpstr (g_ptr_array_index (page->tips, 1), ==, "Action: use verbs.");
        }
    }
}

/* A step or a tip that reads like a label comes back as written. */
static void
test_label_like_items (void)
{
  g_autoptr(SbPrinciple) principle = sb_principle_new ("craft", "Craft", SB_FRAMEWORK_USER, FALSE);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *text = NULL;
  const char *steps[] = { "Result: the first thing I measured", "- a dash", "\\back", NULL };
  const char *tips[] = { "Task: say what you owned", NULL };
  const char *empty[] = { NULL };
  SbMarkdownPage *page;

  sb_story_set_title (story, "Items");
  sb_story_set_situation (story, "S");
  sb_story_set_actions (story, steps);
  sb_story_set_result (story, "R");
  g_ptr_array_add (stories, g_object_ref (story));
  sb_principle_set_user_wording (principle, "D", "", empty, empty, tips);

  text = sb_markdown_write_page (principle, NULL, stories);
  pages = sb_markdown_parse (text, -1);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 1);
  assert_story (g_ptr_array_index (page->stories, 0), "Items", "S", "", steps, "R");
  g_assert_cmpuint (page->tips->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (page->tips, 0), ==, tips[0]);
}

/* Text that looks like structure only in context stays text. */
static void
test_not_structure (void)
{
  g_autoptr(SbPrinciple) principle = sb_principle_new ("craft", "Craft", SB_FRAMEWORK_USER, FALSE);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SbStory) story = sb_story_new ();
  const char *steps[] = { "Step", NULL };
  const char *names[] = { "Results", "Speed", NULL };
  const char *descriptions[] = { "Ship outcomes", "Move fast", NULL };
  const char *tips[] = { "Tip", NULL };
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  SbMarkdownPage *page;

  /* An underline in a field, a focus area named like a label. */
  sb_story_set_title (story, "Underlined");
  sb_story_set_situation (story, "Intro\n\nSummary\n===\nMore\n\nAlso\n----------");
  sb_story_set_actions (story, steps);
  sb_story_set_result (story, "R");
  g_ptr_array_add (stories, g_object_ref (story));
  sb_principle_set_user_wording (principle, "D", "Focus", names, descriptions, tips);

  text = sb_markdown_write_page (principle, NULL, stories);
  pages = sb_markdown_parse (text, -1);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->name, ==, "Craft");
  g_assert_cmpuint (page->stories->len, ==, 1);
  assert_story (g_ptr_array_index (page->stories, 0), "Underlined",
                "Intro\n\nSummary\n===\nMore\n\nAlso\n----------", "", steps, "R");
  g_assert_cmpuint (page->focus_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (page->focus_names, 0), ==, "Results");
  g_assert_cmpstr (g_ptr_array_index (page->focus_descriptions, 0), ==, "Ship outcomes");
  g_clear_pointer (&pages, g_ptr_array_unref);

  /* A numbered heading with no labels under it is no story; a rule after
   * a paragraph is no heading.
   */
  pages = sb_markdown_parse ("# Ownership\n## Key Focus Areas\n### 1. Long-term thinking\nThink beyond quarters.\n\n"
                             "## Examples\n### Example 1: Shipped\n**Situation**: S\n**Result**: Shipped.\n\n"
                             "Lesson learned.\n---\n", -1);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->name, ==, "Ownership");
  g_assert_cmpuint (page->stories->len, ==, 1);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 0)), ==, "Shipped");
  g_assert_cmpstr (sb_story_get_result (g_ptr_array_index (page->stories, 0)), ==, "Shipped.\n\nLesson learned.");
}

/* The optional parts are written only when a story has them, after
 * the result, and read back from pages people wrote by hand.
 */
static void
test_learnings_and_notes (void)
{
  g_autoptr(SbPrinciple) principle = sb_principle_new ("craft", "Craft", SB_FRAMEWORK_USER, FALSE);
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SbStory) plain = sb_story_new ();
  g_autoptr(SbStory) full = sb_story_new ();
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  const char *steps[] = { "Wrote the runbook", NULL };
  SbMarkdownPage *page;

  sb_story_set_title (plain, "Plain");
  sb_story_set_result (plain, "Done");
  sb_story_set_title (full, "Full");
  sb_story_set_actions (full, steps);
  sb_story_set_result (full, "On-call pages fell by half");
  sb_story_set_learnings (full, "Write it down *before* the incident.");
  sb_story_set_notes (full, "Expect: “why not automate it?”\n# not a heading");
  g_ptr_array_add (stories, g_object_ref (plain));
  g_ptr_array_add (stories, g_object_ref (full));

  text = sb_markdown_write_page (principle, NULL, stories);
  g_assert_nonnull (strstr (text, "**Result**: Done\n\n"));
  g_assert_nonnull (strstr (text, "**Result**: On-call pages fell by half\n"
                                  "**Learnings**: Write it down *before* the incident.\n"
                                  "**Notes**: Expect: “why not automate it?”\n\\# not a heading\n"));
  pages = sb_markdown_parse (text, -1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 2);
  assert_same_text (g_ptr_array_index (page->stories, 0), plain);
  assert_same_text (g_ptr_array_index (page->stories, 1), full);
  g_clear_pointer (&pages, g_ptr_array_unref);

  /* By hand: other spellings, CRLF, no final newline; a "Notes:" line
   * outside a story is the page's text, not a story.
   */
  pages = sb_markdown_parse ("# Ownership\r\n\r\nNotes: ask Priya about the dates\r\n\r\n"
                             "### Example 1: Teh migration\r\n"
                             "- **Situation:** old DB was dying\r\n"
                             "- **Result:** moved in 3 weeks\r\n"
                             "- **Learning:** over-communicate, even when it feels like too much\r\n"
                             "Notes — they always ask about rollback.\r\nsecond line of notes", -1);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 1);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 0)), ==, "Teh migration");
  g_assert_cmpstr (sb_story_get_result (g_ptr_array_index (page->stories, 0)), ==, "moved in 3 weeks");
  g_assert_cmpstr (sb_story_get_learnings (g_ptr_array_index (page->stories, 0)), ==,
                   "over-communicate, even when it feels like too much");
  g_assert_cmpstr (sb_story_get_notes (g_ptr_array_index (page->stories, 0)), ==,
                   "they always ask about rollback.\nsecond line of notes");
}

/* The tolerant reader */

typedef struct
{
  const char *title, *situation, *task;
  const char *steps[4];
  const char *result;
} Want;

/* Reads @text with the built-in catalog: the only story it holds. */
static SbStory *
read_one (const char      *text,
          SbMarkdownPage **page_out)
{
  static SbCatalog *catalog;
  static GPtrArray *keep;
  GPtrArray *pages;
  SbStory *story = NULL;

  if (catalog == NULL)
    {
      catalog = sb_catalog_new ();
      keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
    }
  pages = sb_markdown_read (text, -1, catalog, NULL);
  g_ptr_array_add (keep, pages);  /* freed at exit: the story is borrowed */
  for (guint i = 0; i < pages->len; i++)
    {
      SbMarkdownPage *page = g_ptr_array_index (pages, i);

      for (guint j = 0; j < page->stories->len; j++)
        {
          g_assert_null (story);
          story = g_ptr_array_index (page->stories, j);
          if (page_out != NULL)
            *page_out = page;
        }
    }
  g_assert_nonnull (story);
  return story;
}

static void
test_read_shapes (void)
{
  struct { const char *text; Want want; } cases[] = {
    /* parts as headings one level under the story's */
    { "## Story 3: Fixed the cache\n\n### Situation\nHit rate was 20%.\n\n### Task\nRaise it.\n\n"
      "### Action\n- Measured keys\n- Changed the TTL\n\n#### **Result**\nHit rate 85%.\n",
      { "Fixed the cache", "Hit rate was 20%.", "Raise it.", { "Measured keys", "Changed the TTL", NULL }, "Hit rate 85%." } },
    /* "### Story #4 — Title", labels after an emoji and with a note */
    { "### Story #4 — Onboarding\n✅ Situation: New hires took 3 weeks.\n- **Task:** Halve it.\n"
      "**Action (what I did):** Wrote a guide.\n**Result** — 6 days.\n",
      { "Onboarding", "New hires took 3 weeks.", "Halve it.", { "Wrote a guide.", NULL }, "6 days." } },
    /* a bold question over its parts: the title without "Q7:" */
    { "**Q7: Tell me about a conflict**\n\nS: Two teams wanted one slot.\nT: Pick.\nA: Asked for data.\nR: We shipped both.\n",
      { "Tell me about a conflict", "Two teams wanted one slot.", "Pick.", { "Asked for data.", NULL }, "We shipped both." } },
    /* <details> with a "Story:" summary; a Result right after the last bullet */
    { "<details><summary>Story: The late vendor</summary>\n\n**Situation**: The vendor slipped.\n"
      "**Task**: Ship anyway.\n**Action**:\n- Built a stub\n- Tested against it\n**Result**: On time.\n</details>\n",
      { "The late vendor", "The vendor slipped.", "Ship anyway.", { "Built a stub", "Tested against it", NULL }, "On time." } },
    /* step blocks with their sub-bullets */
    { "### Example 1: Migration\n**Situation**: Old DB.\n**Task**: Move.\n**Action**:\n"
      "**Step 1: Planned it**\n- listed tables\n- picked a date\n**Step 2: Did it**\n- moved\n**Result**: Done.\n",
      { "Migration", "Old DB.", "Move.", { "Planned it\n- listed tables\n- picked a date", "Did it\n- moved", NULL }, "Done." } },
    /* plain "Step N:" lines, each a step, as their bold blocks are */
    { "### Example 1: Migration\n**Situation**: Old DB.\n**Task**: Move.\n**Action**:\n"
      "Step 1: Planned it\nStep 2: Did it\n- moved\nStep 3: Checked it\n**Result**: Done.\n",
      { "Migration", "Old DB.", "Move.", { "Planned it", "Did it\n- moved", "Checked it", NULL }, "Done." } },
    /* a blockquote, capitals on their own line, paragraphs as steps */
    { "Story: Quiet fix\n> SITUATION\n> Logs were full.\n>\n> ACTION\n> Rotated them.\n>\n> Added alerts.\n>\n> RESULT\n> Clean.\n",
      { "Quiet fix", "Logs were full.", "", { "Rotated them.", "Added alerts.", NULL }, "Clean." } },
    /* a two-column table */
    { "### Example 2: Table story\n| Part | Text |\n|---|---|\n| **Situation** | Slow pages |\n| Task | Speed up |\n"
      "| Action | Cached<br>Compressed |\n| Result | 2x faster |\n",
      { "Table story", "Slow pages", "Speed up", { "Cached", "Compressed", NULL }, "2x faster" } },
    /* a title ending in "#" keeps it; a closing "##" goes */
    { "### Learned C# in a week ###\n**Situation**: New codebase.\n**Result**: Shipped in C#.\n",
      { "Learned C# in a week", "New codebase.", "", { NULL }, "Shipped in C#." } },
    { "### Example 4: Ported it to F#\n**Situation**: Old code.\n**Result**: Faster.\n",
      { "Ported it to F#", "Old code.", "", { NULL }, "Faster." } },
    /* a page whose "# H1" is followed by parts is one story */
    { "# Rescued the demo\n\n## Situation\nThe server died.\n\n## Result\nWe signed.\n",
      { "Rescued the demo", "The server died.", "", { NULL }, "We signed." } },
    /* the same with another word for the Situation */
    { "# Fixed the flaky deploy\n\n## Context\nDeploys failed 1 in 5.\n\n## Task\nFix it.\n\n"
      "## Action\n- Pinned versions\n\n## Result\nNo failures in a month.\n",
      { "Fixed the flaky deploy", "Deploys failed 1 in 5.", "Fix it.", { "Pinned versions", NULL }, "No failures in a month." } },
    /* numbered labels; an Action's numbered steps stay steps, whatever they start with */
    { "### Example 5: Faster CI\n1. **Situation:** Slow CI.\n2. **Action:**\n"
      "1. **Profiled the build**: found slow tests\n2. Context: checked the dashboards\n3. Rolled back\n"
      "3. **Result:** 12 minutes.\n",
      { "Faster CI", "Slow CI.", "", { "**Profiled the build**: found slow tests", "Context: checked the dashboards",
                                       "Rolled back", NULL }, "12 minutes." } },
    /* a dash inside the bold leaves the text's own emphasis */
    { "### Example 6: Legacy\n**Situation —** *Legacy* system was down.\n**Result -** Back up.\n",
      { "Legacy", "*Legacy* system was down.", "", { NULL }, "Back up." } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Want *w = &cases[i].want;

      g_test_message ("case %u", i);
      assert_story (read_one (cases[i].text, NULL), w->title, w->situation, w->task, w->steps, w->result);
    }
}

/* "Principle:", "LP:" and "Tags:" lines split as a sheet's cells do. */
static void
test_read_principle_lines (void)
{
  struct {
    const char *line;
    const char *names[4];
  } cases[] = {
    { "**LP:** Dive Deep | Ownership", { "Dive Deep", "Ownership" } },
    { "Principle: Ownership/Dive Deep", { "Ownership", "Dive Deep" } },
    { "Principle: Ownership and Dive Deep", { "Ownership", "Dive Deep" } },
    { "LP: Ownership (LP #2)", { "Ownership" } },
    { "Principle: \"Are Right, A Lot\"", { "Are Right, A Lot" } },
    { "Principle: Have Backbone; Disagree and Commit", { "Have Backbone; Disagree and Commit" } },
    { "Principle: Invent and Simplify", { "Invent and Simplify" } },
    { "Principle: N/A", { NULL } },
    { "Principle: Dive deep / Bias for action", { "Dive deep", "Bias for action" } },
    { "Principle: Trust + Safety", { "Trust + Safety" } },
    { "Principle: Sales/Marketing Alignment", { "Sales/Marketing Alignment" } },
  };
  SbMarkdownPage *page = NULL;
  SbStory *story;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("### Example 1: Root cause\n%s\n**Situation**: Errors.\n"
                                               "**Result**: Fixed.\n", cases[i].line);
      const char * const *names;

      g_test_message ("line %u: %s", i, cases[i].line);
      read_one (text, &page);
      names = g_ptr_array_index (page->story_principles, 0);
      if (cases[i].names[0] == NULL)
        {
          g_assert_true (names == NULL || names[0] == NULL);
          continue;
        }
      g_assert_nonnull (names);
      g_assert_cmpuint (g_strv_length ((char **) names), ==, g_strv_length ((char **) cases[i].names));
      for (guint j = 0; cases[i].names[j] != NULL; j++)
        g_assert_cmpstr (names[j], ==, cases[i].names[j]);
    }

  story = read_one ("### Example 1: Root cause\nTags: #reliability #kafka\n**Situation**: Errors.\n"
                    "**Result**: Fixed.\n", NULL);
  g_assert_cmpuint (g_strv_length ((char **) sb_story_get_tags (story)), ==, 2);
  g_assert_cmpstr (sb_story_get_tags (story)[0], ==, "reliability");
  g_assert_cmpstr (sb_story_get_tags (story)[1], ==, "kafka");
}

/* Table rows, labelled principles, front matter, Learnings and Notes. */
static void
test_read_principles_and_parts (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) pages = NULL;
  SbMarkdownPage *page = NULL;
  SbStory *story;

  pages = sb_markdown_read ("| Title | Principle | Situation | Task | Action | Result |\n"
                            "|---|---|---|---|---|---|\n"
                            "| One | Ownership | Broken job | Fix it | Fixed it | Runs |\n"
                            "| Two | Earn Trust | Angry client | Calm them | Called | Renewed |\n",
                            -1, catalog, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 2);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 1)), ==, "Two");
  g_assert_cmpstr (((char **) g_ptr_array_index (page->story_principles, 1))[0], ==, "Earn Trust");
  g_clear_pointer (&pages, g_ptr_array_unref);

  story = read_one ("---\ntitle: Notes\nprinciple: \"[[Dive Deep]]\"\ntags: [draft]\n---\n\n"
                    "### Example 1: Root cause\n**LP:** Ownership\n**Situation**: Errors.\n**Task**: Find why.\n"
                    "**Action**:\n- Read logs\n**Result**: Fixed.\n**Lessons learned**: Look first.\n"
                    "**Investigation**: Two days.\n**Notes**: Asked at two companies.\n", &page);
  g_assert_cmpstr (page->name, ==, "Notes");
  g_assert_cmpstr (((char **) g_ptr_array_index (page->story_principles, 0))[0], ==, "Ownership");
  g_assert_cmpstr (sb_story_get_learnings (story), ==, "Look first.");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Investigation: Two days.\n\nAsked at two companies.");

  /* Front matter names the principle when the story does not. */
  story = read_one ("---\ncategory: Dive Deep\n---\nStory: Deep one\nS: Odd numbers.\nR: Found the bug.\n", &page);
  g_assert_cmpstr (((char **) g_ptr_array_index (page->story_principles, 0))[0], ==, "Dive Deep");

  /* A heading naming a principle files what follows; "## Purpose" names nothing. */
  pages = sb_markdown_read ("# My bank\n\n## Purpose\n\nFor interviews.\n\n## Earn Trust\n\n"
                            "### Told the truth\n**Situation**: Bad news.\n**Result**: Kept the client.\n",
                            -1, catalog, NULL);
  for (guint i = 0; i < pages->len; i++)
    {
      SbMarkdownPage *p = g_ptr_array_index (pages, i);

      g_assert_cmpstr (p->name, !=, "Purpose");
      if (p->stories->len > 0)
        g_assert_cmpstr (p->name, ==, "Earn Trust");
    }

  /* An untitled story: its first words, tagged. */
  story = read_one ("**Situation**: Our only QA engineer left in the middle of a big release.\n"
                    "**Result**: Shipped with no regressions.\n", NULL);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Our only QA engineer left in the middle…");
  g_assert_true (g_strv_contains (sb_story_get_tags (story), SB_MARKDOWN_UNTITLED_TAG));
}

static char *
left_out_string (GPtrArray *left_out)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < left_out->len; i++)
    {
      SbLeftOut *range = g_ptr_array_index (left_out, i);

      g_assert_nonnull (range->reason);
      g_string_append_printf (out, "%s%u-%u", i ? " " : "", range->first_line, range->last_line);
    }
  return g_string_free (out, FALSE);
}

/* Front matter, a code block outside a story, a stray heading above a
 * story, advice: lines that went into nothing, in ranges; blank lines
 * alone never; a "# comment" in a code block is no heading.
 */
static void
test_read_left_out (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *ranges = NULL;
  SbStory *story;
  const char *text =
    "---\r\n"                                  /* 1 */
    "title: Dive Deep\r\n"                     /* 2 */
    "---\r\n"                                  /* 3 */
    "\r\n"                                     /* 4 */
    "A snippet:\r\n"                           /* 5 */
    "```sh\r\n"                                /* 6 */
    "# not a heading\r\n"                      /* 7 */
    "```\r\n"                                  /* 8 */
    "\r\n"                                     /* 9 */
    "## Example\r\n"                           /* 10 */
    "\r\n"                                     /* 11 */
    "### Example 1: Zürich outage — 日本\r\n"   /* 12 */
    "**Situation**: Café orders failed.\r\n"   /* 13 */
    "**Task**: Find why.\r\n"                  /* 14 */
    "**Action**:\r\n"                          /* 15 */
    "- Ran\r\n"                                /* 16 */
    "  ```\r\n"                                /* 17 */
    "  # still code\r\n"                       /* 18 */
    "  ```\r\n"                                /* 19 */
    "**Result**: Fixed in 2 h.\r\n"            /* 20 */
    "\r\n"                                     /* 21 */
    "## Interview tips from a blog\r\n"        /* 22 */
    "\r\n"                                     /* 23 */
    "- Use numbers\r\n"                        /* 24 */
    "- Speak slowly";                          /* 25, no final newline */

  pages = sb_markdown_read (text, -1, catalog, &left_out);
  ranges = left_out_string (left_out);
  g_assert_cmpstr (ranges, ==, "1-8 22-25");
  /* A run's reason names each kind of line in it, once. */
  g_assert_cmpstr (((SbLeftOut *) g_ptr_array_index (left_out, 0))->reason, ==,
                   "front matter, not part of a story, code block outside a story");
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpstr (((SbMarkdownPage *) g_ptr_array_index (pages, 0))->name, ==, "Dive Deep");
  story = g_ptr_array_index (((SbMarkdownPage *) g_ptr_array_index (pages, 0))->stories, 0);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Zürich outage — 日本");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Café orders failed.");
  g_assert_cmpstr (sb_story_get_actions (story)[0], ==, "Ran\n```\n# still code\n```");
  g_assert_cmpstr (sb_story_get_result (story), ==, "Fixed in 2 h.");
  g_clear_pointer (&pages, g_ptr_array_unref);
  g_clear_pointer (&left_out, g_ptr_array_unref);
  g_clear_pointer (&ranges, g_free);

  /* An old Mac's carriage returns end lines too; no "\r" is kept. */
  pages = sb_markdown_read ("Intro nobody needs\rStory: Mac\rS: Old machine\rR: Still works\r", -1,
                            catalog, &left_out);
  ranges = left_out_string (left_out);
  g_assert_cmpstr (ranges, ==, "1-1");
  story = g_ptr_array_index (((SbMarkdownPage *) g_ptr_array_index (pages, 0))->stories, 0);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Old machine");
  g_assert_cmpstr (sb_story_get_result (story), ==, "Still works");
}

/* A story of the user's with one real part and a placeholder comes back
 * from Storybank's own page: the page is no template.
 */
static void
test_read_own_drafts (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SbStory) draft = sb_story_new ();
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  g_autofree char *text = NULL;
  SbMarkdownPage *page;

  sb_story_set_title (draft, "Négociation à Lyon");
  sb_story_set_task (draft, "TBD");
  sb_story_set_result (draft, "Signed for 3 years");
  g_ptr_array_add (stories, g_object_ref (draft));
  text = sb_markdown_write_page (sb_catalog_lookup (catalog, "earn-trust"), NULL, stories);

  pages = sb_markdown_read (text, -1, catalog, &left_out);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 1);
  assert_same_text (g_ptr_array_index (page->stories, 0), draft);
}

/* Text that the tolerant reader would take for structure is written so
 * that it reads back as it was.
 */
static void
test_read_own_tricky_text (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  const char *steps[] = {
    "First\n**Step 2: not a step block**\n- not a sub-step\nStep 3: not a step",
    "**Bold only**",
    "| a | b |\n|---|---|\n> quoted\n```\n# in a fence\n```",
    NULL
  };
  SbMarkdownPage *page;

  sb_story_set_title (story, "Q7: Tricky ##");
  sb_story_set_situation (story, "Step 1: not a step\n*Intro*: emphasis first\n**Bold line over labels**\nSITUATION\nContext: more\n"
                                 "✅ Result: not yet\nPrinciple: Ownership\nTags: a, b");
  sb_story_set_task (story, "<details><summary>Story: not a story</summary>\n</details>\n---");
  sb_story_set_actions (story, steps);
  sb_story_set_result (story, "** Done\n**Investigation**: not a note\nLessons learned: not yet");
  sb_story_set_learnings (story, "Learned\nNotes: still learnings");
  sb_story_set_notes (story, "Key metrics: p99\n\n**Step 1: no**");
  g_ptr_array_add (stories, g_object_ref (story));
  text = sb_markdown_write_page (sb_catalog_lookup (catalog, "ownership"), NULL, stories);

  pages = sb_markdown_read (text, -1, catalog, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 1);
  assert_same_text (g_ptr_array_index (page->stories, 0), story);
  g_assert_null (g_ptr_array_index (page->story_principles, 0));
  g_assert_cmpstr (sb_story_get_learnings (g_ptr_array_index (page->stories, 0)), ==, sb_story_get_learnings (story));
  g_assert_cmpstr (sb_story_get_notes (g_ptr_array_index (page->stories, 0)), ==, sb_story_get_notes (story));
}

/* Templates, STAR definitions, question lists and day plans tell no
 * story: everything in them is left out.
 */
/* Another word for a part the story has goes to its notes; the same word
 * again starts the next story, as in quick notes with no headings.
 */
static void
test_read_synonyms (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) pages = NULL;
  SbMarkdownPage *page;
  SbStory *story;

  story = read_one ("### Example 1: Pilot\n**Background:** A hospital wanted a pilot.\n**Challenge:** No import yet.\n"
                    "**Action:** Shipped a manual upload.\n**Result:** Signed for a year.\n"
                    "**Impact:** Two more asked.\n", NULL);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "A hospital wanted a pilot.");
  g_assert_cmpstr (sb_story_get_result (story), ==, "Signed for a year.");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Challenge: No import yet.\n\nImpact: Two more asked.");

  pages = sb_markdown_read ("Context: The build broke nightly.\nAction: Pinned the compiler.\nOutcome: Green for a month.\n\n"
                            "Context: Support queues grew.\nAction: Wrote the top ten answers.\nOutcome: Tickets fell 30%.\n",
                            -1, catalog, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 2);
  g_assert_cmpstr (sb_story_get_situation (g_ptr_array_index (page->stories, 0)), ==, "The build broke nightly.");
  g_assert_cmpstr (sb_story_get_notes (g_ptr_array_index (page->stories, 0)), ==, "");
  g_assert_cmpstr (sb_story_get_situation (g_ptr_array_index (page->stories, 1)), ==, "Support queues grew.");
}

/* What notes apps add around the parts: an emoji before "Story:", a list
 * under a listed label, a list under a note's label, a bold note heading.
 */
static void
test_read_decorations (void)
{
  SbStory *story;

  story = read_one ("## \xf0\x9f\xa7\xa9 Story: Owned the outage\n\n"
                    "- **Situation:** My change took search down.\n- **Task:** Restore it.\n"
                    "- **Action:** Rolled back.\n- **Result:**\n    - Search was back in minutes\n"
                    "    - A config linter\n        - caught three more\n", NULL);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Owned the outage");
  g_assert_cmpstr (sb_story_get_result (story), ==,
                   "- Search was back in minutes\n- A config linter\n    - caught three more");

  story = read_one ("### Example 1: Hotfix\nSituation: Checkout failed.\nTask: Decide.\nAction: Patched it.\n"
                    "Result: Sales kept.\n\nFollow-up questions:\n- Why not roll back?\n- Who reviewed it?\n", NULL);
  g_assert_cmpstr (sb_story_get_result (story), ==, "Sales kept.");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Follow-up questions:\n- Why not roll back?\n- Who reviewed it?");

  story = read_one ("## Learned Rust\n\n**Situation**\nThe parser was slow.\n\n**Task**\nPrototype a faster one.\n\n"
                    "**Action**\n- Rewrote the hot loop\n\n**Result**\n8x throughput.\n\n"
                    "**Follow-up questions to expect:**\n- Why not scale out?\n\n**Key metrics**\n8x, 2 weekends\n", NULL);
  g_assert_cmpstr (sb_story_get_result (story), ==, "8x throughput.");
  g_assert_cmpstr (sb_story_get_notes (story), ==,
                   "Follow-up questions to expect:\n- Why not scale out?\n\nKey metrics: 8x, 2 weekends");

  /* An indented list under a note's label keeps its shape. */
  story = read_one ("### Example 1: Pilot\nSituation: Late.\nTask: Ship.\nAction: Cut scope.\nResult: On time.\n"
                    "Key metrics:\n  - a\n    - b\n  - c\n", NULL);
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Key metrics:\n- a\n  - b\n- c");

  /* In an Action, a bold line is a step's name, whatever its words. */
  story = read_one ("## Dashboards\n\n**Situation**\nBlind.\n\n**Action**\n**Metrics dashboard**\n- built it\n\n"
                    "**Result**\nSeen.\n", NULL);
  g_assert_cmpstr (sb_story_get_actions (story)[0], ==, "Metrics dashboard\n- built it");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "");

  /* A note's name as a heading, the name at the very start of the
   * heading's text (ASan caught a read before it), and a bold heading
   * of other words, which is a note of its own.
   */
  story = read_one ("## Build\n\n### Situation\nSlow builds.\n\n### Key metrics:\n- 40 to 9 minutes\n\n"
                    "### Result\nNine minutes.\n\n### **Outage**:\nNone since.\n", NULL);
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Key metrics:\n- 40 to 9 minutes\n\nOutage: None since.");
  g_assert_cmpstr (sb_story_get_result (story), ==, "Nine minutes.");

  /* After the Action, with no Result yet, the questions are notes. */
  story = read_one ("## Outage\n\n**Situation**\nDown.\n\n**Action**\n**Investigation**\n- read logs\n\n"
                    "**Follow-up questions**\n- Why?\n", NULL);
  g_assert_cmpstr (sb_story_get_actions (story)[0], ==, "Investigation\n- read logs");
  g_assert_cmpuint (g_strv_length ((char **) sb_story_get_actions (story)), ==, 1);
  g_assert_cmpstr (sb_story_get_notes (story), ==, "Follow-up questions:\n- Why?");

  /* A bold title that starts with a note's word is the next story's. */
  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(GPtrArray) pages = sb_markdown_read ("**Story 1 - Rollback**\nSituation: Broke.\nTask: Fix.\nAction: Rolled back.\n"
                                                   "Result: Fine.\n\n**Investigation of a data leak**\nSituation: A leak.\n"
                                                   "Task: Find it.\nAction: Read logs.\nResult: Found it.\n",
                                                   -1, catalog, NULL);
    SbMarkdownPage *page = g_ptr_array_index (pages, 0);

    g_assert_cmpuint (page->stories->len, ==, 2);
    g_assert_cmpstr (sb_story_get_notes (g_ptr_array_index (page->stories, 0)), ==, "");
    g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 1)), ==, "Investigation of a data leak");
  }

  /* A bold line that names no note stays the part's text. */
  story = read_one ("## Launch\n\n**Situation**\nLate.\n\n**Task**\nShip.\n\n**Result**\n**Revenue up 20%**\n", NULL);
  g_assert_cmpstr (sb_story_get_result (story), ==, "**Revenue up 20%**");
  g_assert_cmpstr (sb_story_get_notes (story), ==, "");
}

static void
test_read_not_stories (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  const char *texts[] = {
    "# Template\n\n### Example 1: [Title]\n**Situation**: [your situation]\n**Task**: …\n"
    "**Action**:\n- <what you did>\n**Result**: Improved XX% [your result]\n",
    "# What STAR means\n\n**Situation**: Describe the context.\n**Task**: Explain what you had to do.\n"
    "**Action**: Describe what you did.\n**Result**: What happened? Quantify it.\n",
    "# Questions\n\n## Earn Trust\n1. Tell me about a time you were wrong.\n2. How did you fix it?\n",
    "# Plan\n\n## Day 3\n**Task**: practise out loud\n**Result**: (fill in after)\n**Notes**: call Sam\n",
    /* Parts that address the reader and never say "I" or "we". */
    "# The STAR method\n\n## What each letter means\n\n"
    "- **S \xe2\x80\x93 Situation:** the context. Where, when, who was involved.\n"
    "- **T \xe2\x80\x93 Task:** your responsibility in that situation.\n"
    "- **A \xe2\x80\x93 Action:** the steps you took, in order.\n"
    "- **R \xe2\x80\x93 Result:** what happened, with numbers if you have them.\n",
    "# Answers\n\n## Structure every answer\n\n**Situation:** keep it to two sentences. Set the scene.\n"
    "**Task:** say what was expected of you.\n**Action:** spend most of your time here.\n"
    "**Result:** end with a number.\n",
    "# Practice\n\n## Situational\n\n**Situation:** your manager is on vacation and the site is down. "
    "What do you do?\n**Task:** think about who you'd call first.\n",
    /* A day's or a time's plan, in the parts' words. */
    "# Prep week\n\n## Day 3\n**Task:** Research the team: read their last two launch posts.\n"
    "**Action:** Prepare 3 questions for each interviewer.\n**Result:** A one-page cheat sheet.\n\n"
    "## Monday\n**Situation:** Mock loop with Sam.\n**Task:** Time each answer.\n\n"
    "## 9:00\xe2\x80\x93" "10:00\n**Task:** Review the leadership principles.\n**Action:** Two mock answers.\n",
    /* Advice that quotes the first person it asks for. */
    "# Answers\n\n## Structure every answer\n**Task:** say what *you* owned, not the team.\n"
    "**Action:** Use \"I\", not \xe2\x80\x9cwe\xe2\x80\x9d.\n**Result:** numbers if you have them.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) left_out = NULL;
      g_autoptr(GPtrArray) pages = sb_markdown_read (texts[i], -1, catalog, &left_out);
      g_auto(GStrv) lines = g_strsplit (texts[i], "\n", -1);
      SbLeftOut *range;

      g_test_message ("text %u", i);
      for (guint j = 0; j < pages->len; j++)
        g_assert_true (sb_markdown_page_is_empty (g_ptr_array_index (pages, j)));
      g_assert_cmpuint (left_out->len, ==, 1);
      range = g_ptr_array_index (left_out, 0);
      g_assert_cmpuint (range->first_line, ==, 1);
      g_assert_cmpuint (range->last_line, ==, g_strv_length (lines) - 1);
    }

  /* An untitled story whose words start with a day is no plan, nor is
   * it once Storybank has written it with the title it made (the
   * fuzzer found this).
   */
  {
    g_autoptr(GPtrArray) first = sb_markdown_read ("S: Sat: the cache went cold.\nT: Warm it.\nA: Replayed the logs.\n"
                                                   "R: Hit rate back to 95%.\n", -1, catalog, NULL);
    g_autoptr(GPtrArray) again = NULL;
    g_autofree char *text = NULL;
    SbMarkdownPage *page = g_ptr_array_index (first, 0);

    g_assert_cmpuint (page->stories->len, ==, 1);
    text = sb_markdown_write_page (NULL, "Notes", page->stories);
    again = sb_markdown_read (text, -1, catalog, NULL);
    g_assert_cmpuint (((SbMarkdownPage *) g_ptr_array_index (again, 0))->stories->len, ==, 1);
  }

  /* Stories a reviewer wrote that an earlier rule took for plans and
   * advice: a time before the title's words, one "you" and a Task in
   * the imperative, a story that says "you" twice and tells what
   * happened, parts that start with "When" and "Which" and ask nothing.
   */
  {
    g_autoptr(GPtrArray) pages = sb_markdown_read (
      "## Bias for Action\n\n### Friday: the payments outage\n"
      "**Situation:** Card payments failed for 20% of users at 5pm on a Friday.\n"
      "**Task:** Restore payments before the weekend peak.\n"
      "**Action:** Failed over to the backup acquirer, then paged the vendor.\n"
      "**Result:** Payments recovered in 14 minutes.\n\n"
      "### 3am: disk full on the primary\n**Situation:** The primary ran out of disk at 3am.\n"
      "**Task:** Keep the site up.\n**Action:** Purged old WAL segments.\n**Result:** No downtime.\n\n"
      "### Sales dashboard\n**Situation:** Sales leaders tracked the pipeline in a 40-tab sheet.\n"
      "**Task:** Give them a dashboard they would use.\n**Action:** Interviewed five leaders, built a Looker view.\n"
      "**Result:** Reviews take twenty minutes; you can see the quarter on one screen.\n\n"
      "### Pushing back on the launch date\n"
      "**Situation:** Leadership set a date that skipped load testing; if you skip load tests, you find out the hard way.\n"
      "**Task:** Get the risk heard.\n**Action:** Wrote a risk memo and presented it at the go/no-go.\n"
      "**Result:** Launch slipped two days. You can't argue with a graph like that.\n\n"
      "### Checkout conversion\n**Situation:** When mobile conversion fell 8%, leadership wanted answers.\n"
      "**Action:** Ran a funnel analysis, found the form broke autofill.\n"
      "**Result:** Which brought conversion back within a week.\n",
      -1, catalog, NULL);

    g_assert_cmpuint (((SbMarkdownPage *) g_ptr_array_index (pages, 0))->stories->len, ==, 5);
  }

  /* A story told tersely says neither "I" nor "you"; a day in its
   * title is no plan when words follow it.
   */
  {
    g_autoptr(GPtrArray) pages = sb_markdown_read ("# Ownership\n\n### Example 1: Rolled back the bad deploy\n"
                                                   "**Situation:** Checkout errors spiked after a deploy.\n"
                                                   "**Task:** On call that night.\n"
                                                   "**Action:** Rolled back the deploy. Wrote the postmortem.\n"
                                                   "**Result:** Errors gone in ten minutes.\n\n"
                                                   "### Example 2: Day 1 at the new team\n**Situation:** No docs.\n"
                                                   "**Task:** Ship a fix in week one.\n**Action:** Paired with the lead.\n"
                                                   "**Result:** Merged on day three. Thank-you note from the lead.\n\n"
                                                   "### Example 3: Monday outage\n**Situation:** The site went down.\n"
                                                   "**Action:** I paged you and the DBA.\n**Result:** Back in an hour.\n",
                                                   -1, catalog, NULL);

    g_assert_cmpuint (pages->len, ==, 1);
    g_assert_cmpuint (((SbMarkdownPage *) g_ptr_array_index (pages, 0))->stories->len, ==, 3);
  }
}

/* A title is plain text, however it was marked up; "**Title:**" before
 * the parts names the story; Storybank's own titles keep their marks.
 */
static void
test_read_plain_titles (void)
{
  const char *parts = "**Situation:** The page lied.\n**Task:** Fix it.\n**Action:** I wired it to probes.\n"
                      "**Result:** Trusted again.\n";
  struct { const char *head; const char *title; } cases[] = {
    { "**Story: Kept the status page honest**\n", "Kept the status page honest" },
    { "### **Story: Kept the status page honest**\n", "Kept the status page honest" },
    { "__Story: Kept the status page honest__\n", "Kept the status page honest" },
    { "*Story: Kept the status page honest*\n", "Kept the status page honest" },
    { "<details>\n<summary><b>Ran the pricing test</b></summary>\n\n", "Ran the pricing test" },
    { "### Story: *Ran the* pricing test\n", "Ran the pricing test" },
    { "### `Ran the pricing test`\n", "Ran the pricing test" },
    { "### [[Ran the pricing test]]\n", "Ran the pricing test" },
    { "### [[2023-05 pricing|Ran the pricing test]]\n", "Ran the pricing test" },
    { "### Fixed the snake_case parser\n", "Fixed the snake_case parser" },
    { "**Title:** Ran the pricing test\n\n", "Ran the pricing test" },
    /* Marks with no partner are the title's own. */
    { "### *nix build farm\n", "*nix build farm" },
    { "### __init__.py cleanup\n", "__init__.py cleanup" },
    { "### **kwargs refactor\n", "**kwargs refactor" },
    { "### Ship it * now\n", "Ship it * now" },
    { "### Why <br> tags broke our emails\n", "Why <br> tags broke our emails" },
    { "### C++ build times, A/B test\n", "C++ build times, A/B test" },
  };
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SbStory) marked = sb_story_new ();
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  SbMarkdownPage *page;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *doc = g_strconcat (cases[i].head, parts, NULL);
      SbStory *story;

      g_test_message ("case %u", i);
      story = read_one (doc, NULL);
      g_assert_cmpstr (sb_story_get_title (story), ==, cases[i].title);
      g_assert_cmpstr (sb_story_get_situation (story), ==, "The page lied.");
      g_assert_false (g_strv_contains (sb_story_get_tags (story), SB_MARKDOWN_UNTITLED_TAG));
    }

  /* In a story with a title, "Title:" is a job's: one of its notes. */
  {
    g_autofree char *doc = g_strconcat ("### Led the checkout redesign\n**Company:** Acme\n**Title:** Senior Product Manager\n",
                                        parts, NULL);
    SbStory *story = read_one (doc, NULL);

    g_assert_cmpstr (sb_story_get_title (story), ==, "Led the checkout redesign");
    g_assert_cmpstr (sb_story_get_notes (story), ==, "Company: Acme\n\nTitle: Senior Product Manager");
    g_assert_cmpstr (sb_story_get_situation (story), ==, "The page lied.");
  }

  sb_story_set_title (marked, "**Bold** `code` <b>tag</b> [[link]] _x_ ~~y~~ a\\*b");
  sb_story_set_situation (marked, "Context.");
  sb_story_set_result (marked, "Done.");
  g_ptr_array_add (stories, g_object_ref (marked));
  text = sb_markdown_write_page (NULL, NULL, stories);
  pages = sb_markdown_read (text, -1, catalog, NULL);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 0)), ==, sb_story_get_title (marked));
}

/* A part's label written as its letter and word, as two words for the
 * part, or with another word for it.
 */
static void
test_read_label_variants (void)
{
  struct { const char *text; Want want; } cases[] = {
    { "### Story: Letters\n- **S \xe2\x80\x93 Situation:** The cache was cold.\n- **T \xe2\x80\x93 Task:** Warm it.\n"
      "- **A - Action:** I prefetched.\n- **R \xe2\x80\x94 Result:** Fast.\n",
      { "Letters", "The cache was cold.", "Warm it.", { "I prefetched.", NULL }, "Fast." } },
    { "### Story: Letters\n**S (Situation):** The cache was cold.\n**T (Task):** Warm it.\n"
      "**A (Action):** I prefetched.\n**R (Result):** Fast.\n",
      { "Letters", "The cache was cold.", "Warm it.", { "I prefetched.", NULL }, "Fast." } },
    { "### Story: Compound\n**Situation:** Cold.\n**Task/Goal:** Warm it.\n**Action:** I prefetched.\n"
      "**Result/Impact:** Fast.\n",
      { "Compound", "Cold.", "Warm it.", { "I prefetched.", NULL }, "Fast." } },
    { "### Story: Compound\nSituation: Cold.\nTask/Role: Owner.\nMy actions: Did.\nResult & Impact: Fast.\n",
      { "Compound", "Cold.", "Owner.", { "Did.", NULL }, "Fast." } },
    { "### Story: Compound\nSituation: Cold.\nTask: Owner.\nActions:\n- one\n- two\nResults/Outcome: Fast.\n",
      { "Compound", "Cold.", "Owner.", { "one", "two", NULL }, "Fast." } },
    { "Story: Synonyms\nBackground: Cold cache.\n\nMy role: Warm it.\n\nMy actions: Prefetched at boot.\n\nOutcomes: p99 halved.\n",
      { "Synonyms", "Cold cache.", "Warm it.", { "Prefetched at boot.", NULL }, "p99 halved." } },
    /* Words that head a job's or a plan's lines are text, not parts:
     * "Role: Tech lead" before the Task, "Goal: …" among the steps.
     */
    { "### Payments migration\n**Company:** Acme\n**Role:** Tech lead\n**Situation:** Old platform.\n"
      "**Task:** Move 2M merchants.\n**Action:**\n- Goal: narrow it down by Friday\n- Moved them in waves\n"
      "**Result:** Done. The result: no outage.\n",
      { "Payments migration", "Old platform.", "Move 2M merchants.",
        { "Goal: narrow it down by Friday", "Moved them in waves", NULL }, "Done. The result: no outage." } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Want *w = &cases[i].want;

      g_test_message ("case %u", i);
      assert_story (read_one (cases[i].text, NULL), w->title, w->situation, w->task, w->steps, w->result);
    }

  /* "S - the text" is still the letter's label. */
  assert_story (read_one ("Story: Short\nS - Situation was bad.\nR - Better.\n", NULL),
                "Short", "Situation was bad.", "", (const char *[]) { NULL }, "Better.");
}

/* A part's word mistyped by one letter reads as the part when it is
 * written as a label; real words near a part's are no labels.
 */
static void
test_read_label_typos (void)
{
  SbStory *story;

  story = read_one ("Story: One\nSitutaion: s.\nTsak: t.\nAcion: a.\nReuslt: r.\nLearnigns: l.\n", NULL);
  assert_story (story, "One", "s.", "t.", (const char *[]) { "a.", NULL }, "r.");
  g_assert_cmpstr (sb_story_get_learnings (story), ==, "l.");

  story = read_one ("Story: Two\n- **Situaiton:** s.\n- **Task:** t.\n- **Action:** a.\n- **Resul:** r.\n"
                    "- **Learings:** l.\n", NULL);
  assert_story (story, "Two", "s.", "t.", (const char *[]) { "a.", NULL }, "r.");
  g_assert_cmpstr (sb_story_get_learnings (story), ==, "l.");

  story = read_one ("Story: Three\nSiutation: s.\nTask: t.\n**Actoins**: a.\nReslts: r.\n", NULL);
  assert_story (story, "Three", "s.", "t.", (const char *[]) { "a.", NULL }, "r.");
  story = read_one ("Story: Four\nStiuation: s.\nTask: t.\nAction: a.\nResult: r.\n", NULL);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "s.");
  story = read_one ("Story: Five\nSituatoin: s.\nTask: t.\nAction: a.\nResult: r.\n", NULL);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "s.");

  /* Words one letter from a part's, and a typo with no colon after it. */
  story = read_one ("Story: Sale\nSituation: The shop.\nAuction: Sold a lamp.\nFaction: none.\nFraction: half.\n"
                    "Test: ran it.\nTak: no.\nTalk: gave one.\nEarnings: up.\nSitutaion of the team was bad.\n"
                    "Result: Done.\n", NULL);
  g_assert_cmpstr (sb_story_get_situation (story), ==,
                   "The shop.\nAuction: Sold a lamp.\nFaction: none.\nFraction: half.\nTest: ran it.\nTak: no.\n"
                   "Talk: gave one.\nEarnings: up.\nSitutaion of the team was bad.");
  g_assert_cmpstr (sb_story_get_task (story), ==, "");
  g_assert_cmpuint (g_strv_length ((char **) sb_story_get_actions (story)), ==, 0);
  g_assert_cmpstr (sb_story_get_result (story), ==, "Done.");
}

/* Obsidian callouts: one titled as a part is that part, one titled
 * "Story: …" or over a story's parts titles the story.
 */
static void
test_read_callouts (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(GPtrArray) pages = NULL;
  SbMarkdownPage *page;

  assert_story (read_one ("## Story: Callout parts\n\n> [!note] Situation\n> The build failed.\n\n"
                          "> [!note] Task\n> Make it reliable.\n\n> [!info]- Action\n> Pinned the toolchain.\n\n"
                          "> [!success] Result\n> No failures.\n", NULL),
                "Callout parts", "The build failed.", "Make it reliable.",
                (const char *[]) { "Pinned the toolchain.", NULL }, "No failures.");

  pages = sb_markdown_read ("> [!example]+ Story: Pitched a marketplace\n> **Situation:** Sellers asked.\n"
                            "> **Task:** I owned the pitch.\n> **Action:** I built a prototype.\n"
                            "> **Result:** Funded.\n\n"
                            "> [!example]- Pushed for accessible checkout\n> **Situation:** Readers failed.\n"
                            "> **Task:** Fix it.\n> **Action:** I ran a bug bash.\n> **Result:** AA.\n",
                            -1, catalog, NULL);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpuint (page->stories->len, ==, 2);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 0)), ==, "Pitched a marketplace");
  g_assert_cmpstr (sb_story_get_result (g_ptr_array_index (page->stories, 0)), ==, "Funded.");
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 1)), ==, "Pushed for accessible checkout");
  g_assert_cmpstr (sb_story_get_situation (g_ptr_array_index (page->stories, 1)), ==, "Readers failed.");
}

/* Quick notes in a text file: a principle's name in capitals first
 * names the page; "Definition (my words):" is its definition.
 */
static void
test_read_quick_notes_page (void)
{
  const char *texts[] = {
    "INVENT AND SIMPLIFY - quick notes\n\nDefinition (my words): Find simpler ways.\n\n"
    "Story: Cut the form\nSituation: Sign-up took 9 fields.\nAction: I removed 5.\nResult: Drop-off fell 40%.\n",
    "INVENT AND SIMPLIFY\n\nStory: Cut the form\nSituation: Sign-up took 9 fields.\nAction: I removed 5.\n"
    "Result: Drop-off fell 40%.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      SbMarkdownPage *page = NULL;
      SbStory *story = read_one (texts[i], &page);

      g_test_message ("text %u", i);
      g_assert_cmpstr (page->name, ==, "Invent and Simplify");
      g_assert_cmpstr (page->definition, ==, i == 0 ? "Find simpler ways." : NULL);
      g_assert_cmpstr (sb_story_get_title (story), ==, "Cut the form");
    }

  /* Capitals that name no principle are text. */
  {
    SbMarkdownPage *page = NULL;

    read_one ("MY NOTES\n\nStory: Cut the form\nSituation: Slow.\nResult: Fast.\n", &page);
    g_assert_null (page->name);
    /* Among a page's notes, it is one of them. */
    read_one ("# Ownership\n\n### Example 1: Cut the form\nSituation: Slow.\nResult: Fast.\n\n## Notes\n"
              "Definition: mine.\n", &page);
    g_assert_null (page->definition);
    g_assert_cmpstr (page->notes, ==, "Definition: mine.");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/seed/import", test_seed_import);
  g_test_add_func ("/markdown/read/synonyms", test_read_synonyms);
  g_test_add_func ("/markdown/read/decorations", test_read_decorations);
  g_test_add_func ("/markdown/seed/export-equals-page", test_seed_export_equals_page);
  g_test_add_func ("/markdown/seed/reimport", test_seed_reimport);

  g_test_add_func ("/markdown/tolerance", test_tolerance);
  g_test_add_func ("/markdown/missing-section", test_missing_section);
  g_test_add_func ("/markdown/quick-form", test_quick_form);
  g_test_add_func ("/markdown/stray-pages", test_stray_pages);
  g_test_add_func ("/markdown/label-like-items", test_label_like_items);
  g_test_add_func ("/markdown/not-structure", test_not_structure);
  g_test_add_func ("/markdown/mixed-page", test_mixed_page);
  g_test_add_func ("/markdown/user-principle", test_user_principle_round_trip);
  g_test_add_func ("/markdown/builtin-wording", test_builtin_wording);
  g_test_add_func ("/markdown/folder-round-trip", test_folder_round_trip);
  g_test_add_func ("/markdown/tricky-text", test_tricky_text);
  g_test_add_func ("/markdown/generated-round-trip", test_generated_round_trip);
  g_test_add_func ("/markdown/learnings-and-notes", test_learnings_and_notes);
  g_test_add_func ("/markdown/read/shapes", test_read_shapes);
  g_test_add_func ("/markdown/read/principles-and-parts", test_read_principles_and_parts);
  g_test_add_func ("/markdown/read/left-out", test_read_left_out);
  g_test_add_func ("/markdown/read/not-stories", test_read_not_stories);
  g_test_add_func ("/markdown/read/own-drafts", test_read_own_drafts);
  g_test_add_func ("/markdown/read/principle-lines", test_read_principle_lines);
  g_test_add_func ("/markdown/read/own-tricky-text", test_read_own_tricky_text);
  g_test_add_func ("/markdown/read/plain-titles", test_read_plain_titles);
  g_test_add_func ("/markdown/read/label-variants", test_read_label_variants);
  g_test_add_func ("/markdown/read/label-typos", test_read_label_typos);
  g_test_add_func ("/markdown/read/callouts", test_read_callouts);
  g_test_add_func ("/markdown/read/quick-notes-page", test_read_quick_notes_page);

  g_test_add_func ("/text-export/wrap", test_text_wrap);
  g_test_add_func ("/text-export/scope", test_text_export);
  g_test_add_func ("/text-export/learnings-and-notes", test_text_export_learnings);

  return g_test_run ();
}
