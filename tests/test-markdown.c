/* test-markdown.c: Markdown pages, import plans, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sb-import.h"
#include "sb-markdown.h"
#include "sb-store.h"
#include "sb-test-util.h"

typedef struct
{
  SbCatalog *catalog;
  SbLibrary *library;
  SbStore   *store;   /* never saves: for sb_store_serialize() */
} Lib;

static Lib *
lib_new (void)
{
  Lib *lib = g_new0 (Lib, 1);

  lib->catalog = sb_catalog_new ();
  lib->library = sb_library_new ();
  lib->store = sb_store_new ("/nonexistent/storybank/stories.json", lib->library, lib->catalog);
  sb_store_set_autosave_delay (lib->store, G_MAXINT / 2);
  return lib;
}

static void
lib_free (Lib *lib)
{
  g_clear_object (&lib->store);
  g_clear_object (&lib->library);
  g_clear_object (&lib->catalog);
  g_free (lib);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lib, lib_free)

static char *
read_seed (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SEED_DIR"), "think-big.md", NULL);

  return sb_test_read_file (path);
}

/* Imports @text and applies it; fails the test when it does not read. */
static SbImport *
import_markdown (Lib        *lib,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  SbImport *import = sb_import_new (lib->library, lib->catalog);

  sb_import_add_markdown (import, text, -1, "page.md", &error);
  g_assert_no_error (error);
  sb_import_apply (import);
  return import;
}

static SbStory *
story_at (Lib   *lib,
          guint  position)
{
  SbStory *story = g_list_model_get_item (G_LIST_MODEL (lib->library), position);

  g_object_unref (story);  /* the library holds it */
  return story;
}

static guint
n_stories (Lib *lib)
{
  return g_list_model_get_n_items (G_LIST_MODEL (lib->library));
}

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
  g_autofree char *seed = read_seed ();
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
  g_assert_cmpuint (n_stories (lib), ==, 0);
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
  g_assert_cmpuint (n_stories (lib), ==, 3);

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
  g_autofree char *seed = read_seed ();
  g_autoptr(SbImport) import = import_markdown (lib, seed);
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
  g_autofree char *seed = read_seed ();
  g_autoptr(SbImport) import = import_markdown (lib, seed);
  g_autofree char *page = sb_markdown_export (lib->library, lib->catalog, NULL);
  g_autoptr(SbImport) again = import_markdown (other, page);

  g_assert_cmpuint (n_stories (other), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      assert_same_text (story_at (lib, i), story_at (other, i));
      g_assert_true (g_strv_equal (sb_story_get_principles (story_at (other, i)),
                                   (const char *[]) { "think-big", NULL }));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/seed/import", test_seed_import);
  g_test_add_func ("/markdown/seed/export-equals-page", test_seed_export_equals_page);
  g_test_add_func ("/markdown/seed/reimport", test_seed_reimport);

  return g_test_run ();
}
