/* sb-test-util.c: helpers shared by the tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-import.h"
#include "sb-test-util.h"

char *
sb_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("storybank-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
sb_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      sb_test_rm_rf (child);
    }
  g_rmdir (path);
}

void
sb_test_write_file (const char *path,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

char *
sb_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static const char * const subjects[] = {
  "payment service", "checkout flow", "search index", "data pipeline",
  "mobile release train", "billing platform", "on-call rotation",
  "recommendation engine", "customer support tooling", "identity service",
};

static const char * const verbs[] = {
  "Designed", "Implemented", "Measured", "Negotiated", "Rewrote",
  "Automated", "Mentored", "Profiled", "Documented", "Migrated",
};

static const char * const principles[] = {
  "customer-obsession", "ownership", "invent-and-simplify", "think-big",
  "bias-for-action", "dive-deep", "deliver-results", "earn-trust",
};

/* A story of about 1.2 KB that reads like a real one, with the characters
 * that break naive code: Unicode, quotes, Markdown marks, newlines.
 */
SbStory *
sb_test_make_story (GRand *rand,
                    guint  index)
{
  SbStory *story = sb_story_new ();
  const char *subject = subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))];
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *situation = NULL;
  g_autofree char *task = NULL;
  g_autofree char *result = NULL;
  const char *chosen[3] = { NULL, };
  guint n_steps = g_rand_int_range (rand, 3, 7);

  title = g_strdup_printf ("Story %u: rescuing the %s", index, subject);
  situation = g_strdup_printf ("Our %s was failing under load: p99 latency hit %u ms, "
                               "and the team — six engineers in two time zones — had tried "
                               "“quick fixes” for %u weeks without **any** lasting effect.\n"
                               "Customers in São Paulo and Zürich noticed first.",
                               subject, g_rand_int_range (rand, 400, 9000), g_rand_int_range (rand, 2, 9));
  task = g_strdup_printf ("I owned bringing the %s back under its 200 ms objective "
                          "before the # peak season, without a feature freeze.", subject);
  for (guint i = 0; i < n_steps; i++)
    g_ptr_array_add (actions,
                     g_strdup_printf ("%s the %s's %s path - step %u, with care for \"edge\" cases",
                                      verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))],
                                      subject,
                                      i % 2 ? "read" : "write", i + 1));
  g_ptr_array_add (actions, NULL);
  result = g_strdup_printf ("Latency fell by %u%%, incidents went from %u a month to 0, "
                            "and the pattern became the team's default ✓.",
                            g_rand_int_range (rand, 30, 95), g_rand_int_range (rand, 3, 20));

  sb_story_set_title (story, title);
  sb_story_set_situation (story, situation);
  sb_story_set_task (story, task);
  sb_story_set_actions (story, (const char * const *) actions->pdata);
  sb_story_set_result (story, result);

  chosen[0] = principles[g_rand_int_range (rand, 0, G_N_ELEMENTS (principles))];
  if (g_rand_boolean (rand))
    chosen[1] = principles[g_rand_int_range (rand, 0, G_N_ELEMENTS (principles))];
  sb_story_set_principles (story, chosen);

  if (index % 3 == 0)
    {
      const char *tags[] = { "backend", "2024", NULL };
      sb_story_set_tags (story, tags);
    }
  if (index % 4 == 0)
    sb_story_record_practice (story, g_rand_int_range (rand, 1, 6), NULL);
  if (index % 5 == 1)
    sb_story_set_learnings (story, "Measure before fixing: the slow path was not where we guessed.");
  if (index % 7 == 2)
    sb_story_set_notes (story, "Follow-up to expect: “What would you do differently?”\nKey metrics: p99, error rate.");

  return story;
}

GPtrArray *
sb_test_make_stories (guint   n,
                      guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *stories = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (stories, sb_test_make_story (rand, i));

  return stories;
}

static const char * const import_names[] = {
  "Earn Trust", "High Standards", "Backbone", "Dive Deep", "Customer Obsessed",
  "Think Big", "Bias for Action", "Frugality", "Ownership", "Calm Under Fire",
};

/**
 * sb_test_make_import_folder:
 *
 * Returns: (transfer full): the path of a folder "pages" made in @dir,
 * with @n_pages Markdown pages of ten stories each, as people write them
 * (front matter, part headings, numbered steps, lessons learned), filed
 * under ten principles' names, built-in ones by their short names and one
 * the catalog lacks
 */
char *
sb_test_make_import_folder (const char *dir,
                            guint       n_pages)
{
  char *folder = g_build_filename (dir, "pages", NULL);

  g_mkdir_with_parents (folder, 0700);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("page-%04u.md", p);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_string_append_printf (text, "---\ntitle: %s\n---\n\n# %s\n\n", import_names[p % G_N_ELEMENTS (import_names)],
                              import_names[p % G_N_ELEMENTS (import_names)]);
      for (guint i = 0; i < 10; i++)
        g_string_append_printf (text,
                                "## Story %u: Rescued service %u-%u\n\n"
                                "### Situation\nService %u-%u failed under load: p99 at %u ms.\n\n"
                                "**Task:** I owned bringing it back under 200 ms before peak season.\n\n"
                                "**Actions:**\n1. Profiled the hot path\n2. Cached the lookups\n"
                                "3. Added a load test to CI\n\n"
                                "**Result**: p99 fell %u%% and stayed there.\n\n"
                                "**Lessons learned:** measure first.\n\n",
                                i + 1, p, i, p, i, 400 + 37 * i, 30 + i);
      g_file_set_contents (path, text->str, -1, NULL);
    }
  return folder;
}

/* The seed page, tests/data/think-big.md. */
char *
sb_test_read_seed (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SEED_DIR"), "think-big.md", NULL);

  return sb_test_read_file (path);
}

/* Imports @text into @library and applies it; fails the test when it does
 * not read.
 */
SbImport *
sb_test_import_markdown (SbLibrary  *library,
                         SbCatalog  *catalog,
                         const char *text)
{
  g_autoptr(GError) error = NULL;
  SbImport *import = sb_import_new (library, catalog);

  sb_import_add_markdown (import, text, -1, "page.md", &error);
  g_assert_no_error (error);
  sb_import_apply (import);
  return import;
}

/* The story at @position, held by @library. */
SbStory *
sb_test_story_at (SbLibrary *library,
                  guint      position)
{
  SbStory *story = g_list_model_get_item (G_LIST_MODEL (library), position);

  g_object_unref (story);
  return story;
}
