/* test-merge.c: the data file changed by a second writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-merge.h"
#include "sb-store.h"
#include "sb-test-util.h"

/* Three sides that start out equal: base, ours, theirs. Ours and theirs
 * hold copies of base's stories (same id, same fields).
 */
typedef struct
{
  GPtrArray *base;
  GPtrArray *ours;
  GPtrArray *theirs;
} Sides;

static void
sides_set_up (Sides         *s,
              gconstpointer  data)
{
  s->base = sb_test_make_stories (6, 1);
  s->ours = g_ptr_array_new_with_free_func (g_object_unref);
  s->theirs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < s->base->len; i++)
    {
      g_ptr_array_add (s->ours, sb_story_copy (g_ptr_array_index (s->base, i)));
      g_ptr_array_add (s->theirs, sb_story_copy (g_ptr_array_index (s->base, i)));
    }
}

static void
sides_tear_down (Sides         *s,
                 gconstpointer  data)
{
  g_ptr_array_unref (s->base);
  g_ptr_array_unref (s->ours);
  g_ptr_array_unref (s->theirs);
}

static SbStory *
story_at (GPtrArray *stories,
          guint      i)
{
  return g_ptr_array_index (stories, i);
}

static SbStory *
find (GPtrArray  *stories,
      const char *id)
{
  for (guint i = 0; i < stories->len; i++)
    if (g_str_equal (sb_story_get_id (story_at (stories, i)), id))
      return story_at (stories, i);
  return NULL;
}

static GPtrArray *
merge (Sides         *s,
       SbMergeReport *report)
{
  return sb_merge_three_way (s->base, s->ours, s->theirs, report);
}

static void
test_merge_nothing_changed (Sides         *s,
                            gconstpointer  data)
{
  SbMergeReport report;
  g_autoptr(GPtrArray) merged = merge (s, &report);

  g_assert_true (sb_merge_report_is_empty (&report));
  g_assert_null (sb_merge_report_dup_summary (&report));
  g_assert_cmpuint (merged->len, ==, s->base->len);
  /* Our own objects, in our order. */
  for (guint i = 0; i < merged->len; i++)
    g_assert_true (story_at (merged, i) == story_at (s->ours, i));
}

static void
test_merge_added (Sides         *s,
                  gconstpointer  data)
{
  g_autoptr(SbStory) mine = sb_story_new ();
  g_autoptr(SbStory) yours = sb_story_new ();
  g_autoptr(GPtrArray) merged = NULL;
  SbMergeReport report;

  sb_story_set_title (mine, "Added here");
  sb_story_set_title (yours, "Added on the laptop");
  g_ptr_array_add (s->ours, g_object_ref (mine));
  g_ptr_array_add (s->theirs, g_object_ref (yours));

  merged = merge (s, &report);
  g_assert_cmpuint (merged->len, ==, s->base->len + 2);
  g_assert_true (find (merged, sb_story_get_id (mine)) == mine);
  g_assert_true (find (merged, sb_story_get_id (yours)) == yours);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated + report.deleted + report.conflicts, ==, 0);
}

static void
test_merge_changed_one_side (Sides         *s,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) merged = NULL;
  SbMergeReport report;

  sb_story_set_result (story_at (s->ours, 1), "ours: better result");
  sb_story_set_title (story_at (s->theirs, 2), "theirs: new title");

  merged = merge (s, &report);
  g_assert_cmpuint (merged->len, ==, s->base->len);
  g_assert_true (story_at (merged, 1) == story_at (s->ours, 1));
  g_assert_true (story_at (merged, 2) == story_at (s->theirs, 2));
  g_assert_cmpstr (sb_story_get_result (story_at (merged, 1)), ==, "ours: better result");
  g_assert_cmpstr (sb_story_get_title (story_at (merged, 2)), ==, "theirs: new title");
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.added + report.deleted + report.conflicts, ==, 0);
}

static void
test_merge_changed_both_same (Sides         *s,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) merged = NULL;
  SbMergeReport report;

  /* The same edit on both sides (the same file synced twice). */
  sb_story_set_title (story_at (s->ours, 0), "same");
  g_object_unref (g_ptr_array_steal_index (s->theirs, 0));
  g_ptr_array_insert (s->theirs, 0, sb_story_copy (story_at (s->ours, 0)));

  merged = merge (s, &report);
  g_assert_cmpuint (merged->len, ==, s->base->len);
  g_assert_true (sb_merge_report_is_empty (&report));
}

static void
check_conflict (Sides   *s,
                gboolean theirs_newer)
{
  g_autoptr(GPtrArray) merged = NULL;
  g_autofree char *summary = NULL;
  const char *id = sb_story_get_id (story_at (s->base, 3));
  SbStory *newer, *older, *copy;
  SbMergeReport report;

  if (theirs_newer)
    {
      sb_story_set_result (story_at (s->ours, 3), "ours, earlier");
      g_usleep (2000);
      sb_story_set_result (story_at (s->theirs, 3), "theirs, later");
      newer = story_at (s->theirs, 3);
      older = story_at (s->ours, 3);
    }
  else
    {
      sb_story_set_result (story_at (s->theirs, 3), "theirs, earlier");
      g_usleep (2000);
      sb_story_set_result (story_at (s->ours, 3), "ours, later");
      newer = story_at (s->ours, 3);
      older = story_at (s->theirs, 3);
    }

  merged = merge (s, &report);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpuint (report.added + report.updated + report.deleted, ==, 0);

  /* The newer in place, under the id... */
  g_assert_cmpuint (merged->len, ==, s->base->len + 1);
  g_assert_true (story_at (merged, 3) == newer);
  g_assert_true (find (merged, id) == newer);

  /* ...the older right after it: a new story, the text kept, the title
   * saying why it is there.
   */
  copy = story_at (merged, 4);
  g_assert_cmpstr (sb_story_get_id (copy), !=, id);
  g_assert_cmpstr (sb_story_get_result (copy), ==, sb_story_get_result (older));
  g_assert_cmpstr (sb_story_get_situation (copy), ==, sb_story_get_situation (older));
  g_assert_true (g_str_has_suffix (sb_story_get_title (copy), " (conflict)"));
  g_assert_true (g_str_has_prefix (sb_story_get_title (copy), sb_story_get_title (older)));

  summary = sb_merge_report_dup_summary (&report);
  g_assert_nonnull (summary);
  g_assert_nonnull (strstr (summary, "1"));
}

static void
test_merge_conflict_theirs_newer (Sides         *s,
                                  gconstpointer  data)
{
  check_conflict (s, TRUE);
}

static void
test_merge_conflict_ours_newer (Sides         *s,
                                gconstpointer  data)
{
  check_conflict (s, FALSE);
}

static void
test_merge_deleted_untouched (Sides         *s,
                              gconstpointer  data)
{
  g_autofree char *ours_gone = g_strdup (sb_story_get_id (story_at (s->base, 0)));
  g_autofree char *theirs_gone = g_strdup (sb_story_get_id (story_at (s->base, 5)));
  g_autoptr(GPtrArray) merged = NULL;
  SbMergeReport report;

  g_ptr_array_remove_index (s->ours, 0);
  g_ptr_array_remove_index (s->theirs, 5);

  merged = merge (s, &report);
  g_assert_cmpuint (merged->len, ==, s->base->len - 2);
  g_assert_null (find (merged, ours_gone));
  g_assert_null (find (merged, theirs_gone));
  /* Only what happened to ours is news. */
  g_assert_cmpuint (report.deleted, ==, 1);
  g_assert_cmpuint (report.added + report.updated + report.conflicts, ==, 0);
}

static void
test_merge_deleted_changed (Sides         *s,
                            gconstpointer  data)
{
  g_autofree char *kept_ours = g_strdup (sb_story_get_id (story_at (s->base, 1)));
  g_autofree char *kept_theirs = g_strdup (sb_story_get_id (story_at (s->base, 2)));
  g_autoptr(GPtrArray) merged = NULL;
  SbMergeReport report;

  /* Ours changed 1, theirs deleted it; theirs changed 2, ours deleted it. */
  sb_story_set_task (story_at (s->ours, 1), "edited here");
  g_ptr_array_remove_index (s->theirs, 1);
  sb_story_set_task (story_at (s->theirs, 1), "edited there");  /* was index 2 */
  g_ptr_array_remove_index (s->ours, 2);

  merged = merge (s, &report);
  g_assert_cmpuint (merged->len, ==, s->base->len);
  g_assert_cmpstr (sb_story_get_task (find (merged, kept_ours)), ==, "edited here");
  g_assert_cmpstr (sb_story_get_task (find (merged, kept_theirs)), ==, "edited there");
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.deleted + report.updated + report.conflicts, ==, 0);
}

static void
test_merge_no_base (Sides         *s,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) merged = NULL;
  SbMergeReport report;

  /* Without a base, nothing is ever deleted; equal stories are one. */
  g_ptr_array_remove_index (s->theirs, 0);
  sb_story_set_title (story_at (s->theirs, 0), "different");
  merged = sb_merge_three_way (NULL, s->ours, s->theirs, &report);
  g_assert_cmpuint (merged->len, ==, s->base->len + 1);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpuint (report.deleted, ==, 0);
}

static void
test_merge_summary (void)
{
  SbMergeReport report = { 2, 1, 3, 1 };
  g_autofree char *summary = sb_merge_report_dup_summary (&report);

  g_assert_nonnull (summary);
  g_assert_nonnull (strstr (summary, "2 added"));
  g_assert_nonnull (strstr (summary, "1 updated"));
  g_assert_nonnull (strstr (summary, "3 removed"));
  g_assert_nonnull (strstr (summary, "1 edited in both places"));
}

/* Two stores over one file: "here" (the app) and "there" (a sync tool or
 * a second copy writing the same file).
 */
typedef struct
{
  char      *dir;
  char      *path;
  SbLibrary *here;
  SbStore   *store;
  SbLibrary *there;
  SbStore   *other;
  SbCatalog *catalog;
} Writers;

static void
writers_set_up (Writers       *w,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (10, 2);
  g_autoptr(GError) error = NULL;

  w->dir = sb_test_make_tmpdir ();
  w->path = g_build_filename (w->dir, "stories.json", NULL);
  w->catalog = sb_catalog_new ();

  w->here = sb_library_new ();
  w->store = sb_store_new (w->path, w->here, w->catalog);
  sb_library_splice (w->here, stories);
  g_assert_true (sb_store_save (w->store, &error));
  g_assert_no_error (error);

  w->there = sb_library_new ();
  w->other = sb_store_new (w->path, w->there, w->catalog);
  g_assert_true (sb_store_load (w->other, &error));
  g_assert_no_error (error);
}

static void
writers_tear_down (Writers       *w,
                   gconstpointer  data)
{
  g_clear_object (&w->store);
  g_clear_object (&w->other);
  g_clear_object (&w->here);
  g_clear_object (&w->there);
  g_clear_object (&w->catalog);
  sb_test_rm_rf (w->dir);
  g_free (w->dir);
  g_free (w->path);
}

static SbStory *
nth (SbLibrary *library,
     guint      i)
{
  g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);
  return story;  /* the library keeps it */
}

static void
test_store_merge_from_disk (Writers       *w,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) new_there = sb_story_new ();
  g_autofree char *id_there = g_strdup (sb_story_get_id (nth (w->there, 4)));
  g_autofree char *id_here = g_strdup (sb_story_get_id (nth (w->here, 7)));
  g_autofree char *id_deleted = g_strdup (sb_story_get_id (nth (w->there, 9)));
  SbMergeReport report;

  /* Our own save is not a change. */
  g_assert_true (sb_store_merge_from_disk (w->store, &report, &error));
  g_assert_no_error (error);
  g_assert_true (sb_merge_report_is_empty (&report));

  /* There: one edit, one new story, one deletion, saved. */
  sb_story_set_result (nth (w->there, 4), "edited on the laptop");
  sb_story_set_title (new_there, "Written on the laptop");
  sb_library_add (w->there, new_there);
  sb_library_remove (w->there, nth (w->there, 9), NULL);
  g_assert_true (sb_store_save (w->other, &error));

  /* Here: another edit, not yet saved. */
  sb_story_set_result (nth (w->here, 7), "edited here");
  g_assert_true (sb_store_get_dirty (w->store));

  g_assert_true (sb_store_merge_from_disk (w->store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.deleted, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 0);

  g_assert_cmpstr (sb_story_get_result (sb_library_find (w->here, id_there)), ==, "edited on the laptop");
  g_assert_cmpstr (sb_story_get_result (sb_library_find (w->here, id_here)), ==, "edited here");
  g_assert_nonnull (sb_library_find (w->here, sb_story_get_id (new_there)));
  g_assert_null (sb_library_find (w->here, id_deleted));
  g_assert_true (sb_store_get_dirty (w->store));

  /* Saved, everything is in the file. */
  g_assert_true (sb_store_flush (w->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) reader = sb_store_new (w->path, library, w->catalog);

    g_assert_true (sb_store_load (reader, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 10);
    g_assert_cmpstr (sb_story_get_result (sb_library_find (library, id_there)), ==, "edited on the laptop");
    g_assert_cmpstr (sb_story_get_result (sb_library_find (library, id_here)), ==, "edited here");
  }

  /* Only their change, nothing of ours: the library matches the file and
   * nothing needs saving.
   */
  g_assert_true (sb_store_merge_from_disk (w->other, &report, &error));
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_false (sb_store_get_dirty (w->other));
}

static void
test_store_merge_damaged (Writers       *w,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sb_store_serialize (w->store);
  g_autofree char *after = NULL;
  SbMergeReport report;

  /* Half-written by a sync tool: the library is left alone. */
  sb_test_write_file (w->path, "{\"format\": \"storybank\", \"stories\": [{\"id\": ", -1);
  g_assert_false (sb_store_merge_from_disk (w->store, &report, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_assert_true (sb_merge_report_is_empty (&report));
  after = sb_store_serialize (w->store);
  g_assert_cmpstr (before, ==, after);
}

static void
on_merged (SbStore             *store,
           const SbMergeReport *report,
           gpointer             user_data)
{
  SbMergeReport *out = user_data;

  *out = *report;
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_store_watch (Writers       *w,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (sb_story_get_id (nth (w->there, 0)));
  SbMergeReport report = { 0, };
  gboolean timed_out = FALSE;
  guint timeout;

  sb_store_watch (w->store);
  g_signal_connect (w->store, "merged", G_CALLBACK (on_merged), &report);

  /* Our own saves are not reported. */
  sb_story_set_task (nth (w->here, 5), "our own save");
  g_assert_true (sb_store_save (w->store, &error));
  timeout = g_timeout_add (1000, on_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_merge_report_is_empty (&report));

  /* Another writer's are merged and reported. */
  g_assert_true (sb_store_merge_from_disk (w->other, NULL, &error));
  sb_story_set_title (nth (w->there, 0), "renamed elsewhere");
  g_assert_true (sb_store_save (w->other, &error));

  timed_out = FALSE;
  timeout = g_timeout_add (10000, on_timeout, &timed_out);
  while (!timed_out && sb_merge_report_is_empty (&report))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  g_assert_false (timed_out);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpstr (sb_story_get_title (sb_library_find (w->here, id)), ==, "renamed elsewhere");
  g_assert_cmpstr (sb_story_get_task (nth (w->here, 5)), ==, "our own save");
}

/* Two stores over one file, each with its own catalog. */
typedef struct
{
  char      *dir;
  char      *path;
  SbCatalog *here_catalog;
  SbCatalog *there_catalog;
  SbLibrary *here;
  SbLibrary *there;
  SbStore   *store;
  SbStore   *other;
} Copies;

static void
copies_set_up (Copies        *c,
               gconstpointer  data)
{
  c->dir = sb_test_make_tmpdir ();
  c->path = g_build_filename (c->dir, "stories.json", NULL);
  c->here_catalog = sb_catalog_new ();
  c->there_catalog = sb_catalog_new ();
  c->here = sb_library_new ();
  c->there = sb_library_new ();
  c->store = sb_store_new (c->path, c->here, c->here_catalog);
  c->other = sb_store_new (c->path, c->there, c->there_catalog);
}

static void
copies_tear_down (Copies        *c,
                  gconstpointer  data)
{
  g_clear_object (&c->store);
  g_clear_object (&c->other);
  g_clear_object (&c->here);
  g_clear_object (&c->there);
  g_clear_object (&c->here_catalog);
  g_clear_object (&c->there_catalog);
  sb_test_rm_rf (c->dir);
  g_free (c->dir);
  g_free (c->path);
}

static void
add_principle (SbCatalog  *catalog,
               const char *id,
               const char *definition)
{
  g_autoptr(SbPrinciple) principle = sb_principle_new (id, id, SB_FRAMEWORK_USER, FALSE);

  sb_principle_set_definition (principle, definition);
  sb_catalog_add_principle (catalog, principle);
}

/* The user's principles merge like stories: what the other side added or
 * changed comes in, what we added, changed or deleted stays ours.
 */
static void
test_store_merge_principles (Copies        *c,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) filed = sb_story_new ();

  add_principle (c->here_catalog, "grit", "Keep going.");
  add_principle (c->here_catalog, "gone", "Deleted here.");
  g_assert_true (sb_store_save (c->store, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_load (c->other, &error));
  g_assert_no_error (error);

  /* There: a new principle with a story filed under it, and a changed
   * definition.
   */
  add_principle (c->there_catalog, "craft", "Care for the work.");
  sb_principle_set_definition (sb_catalog_lookup (c->there_catalog, "grit"), "Keep going, kindly.");
  sb_story_set_title (filed, "Filed under craft");
  sb_story_add_principle (filed, "craft");
  sb_library_add (c->there, filed);
  g_assert_true (sb_store_save (c->other, &error));

  /* Here: one deleted, one added, not yet saved. */
  sb_catalog_remove_principle (c->here_catalog, sb_catalog_lookup (c->here_catalog, "gone"));
  add_principle (c->here_catalog, "ship", "Deliver.");

  g_assert_true (sb_store_merge_from_disk (c->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sb_catalog_lookup (c->here_catalog, "craft"));
  g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (c->here_catalog, "craft")), ==, "Care for the work.");
  g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (c->here_catalog, "grit")), ==, "Keep going, kindly.");
  g_assert_null (sb_catalog_lookup (c->here_catalog, "gone"));
  g_assert_nonnull (sb_catalog_lookup (c->here_catalog, "ship"));
  g_assert_true (sb_store_get_dirty (c->store));

  /* Saved, the file holds both sides' principles. */
  g_assert_true (sb_store_flush (c->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) reader = sb_store_new (c->path, library, catalog);

    g_assert_true (sb_store_load (reader, &error));
    g_assert_nonnull (sb_catalog_lookup (catalog, "craft"));
    g_assert_nonnull (sb_catalog_lookup (catalog, "ship"));
    g_assert_null (sb_catalog_lookup (catalog, "gone"));
    g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (catalog, "grit")), ==, "Keep going, kindly.");
    g_assert_nonnull (sb_library_find (library, sb_story_get_id (filed)));
  }

  /* Only their side changed (one added, one deleted): nothing of ours to
   * save.
   */
  g_assert_true (sb_store_merge_from_disk (c->other, NULL, &error));
  g_assert_nonnull (sb_catalog_lookup (c->there_catalog, "ship"));
  g_assert_null (sb_catalog_lookup (c->there_catalog, "gone"));
  g_assert_false (sb_store_get_dirty (c->other));
}

/* Principles changed on both sides, a change against a deletion, and the
 * user's wording of a built-in principle cleared on the other side.
 */
static void
test_store_merge_principles_conflicts (Copies        *c,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbPrinciple *copy = NULL;
  GListModel *principles = sb_catalog_get_principles (c->here_catalog);

  add_principle (c->here_catalog, "grit", "Keep going.");
  add_principle (c->here_catalog, "care", "Look after people.");
  sb_principle_set_notes (sb_catalog_lookup (c->here_catalog, "think-big"), "My notes on thinking big");
  g_assert_true (sb_store_save (c->store, &error));
  g_assert_true (sb_store_load (c->other, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_principle_get_notes (sb_catalog_lookup (c->there_catalog, "think-big")), ==, "My notes on thinking big");

  /* There: both principles edited, the built-in's notes cleared. */
  sb_principle_set_definition (sb_catalog_lookup (c->there_catalog, "grit"), "Keep going, there.");
  sb_principle_set_definition (sb_catalog_lookup (c->there_catalog, "care"), "Look after people, there.");
  sb_principle_set_notes (sb_catalog_lookup (c->there_catalog, "think-big"), "");
  sb_principle_set_notes (sb_catalog_lookup (c->there_catalog, "ownership"), "Their notes");
  g_assert_true (sb_store_save (c->other, &error));

  /* Here: "grit" edited too, "care" deleted. */
  sb_principle_set_definition (sb_catalog_lookup (c->here_catalog, "grit"), "Keep going, here.");
  sb_catalog_remove_principle (c->here_catalog, sb_catalog_lookup (c->here_catalog, "care"));
  sb_principle_set_notes (sb_catalog_lookup (c->here_catalog, "ownership"), "Our notes");

  g_assert_true (sb_store_merge_from_disk (c->store, NULL, &error));
  /* A built-in principle's wording changed on both sides: ours stays. */
  g_assert_cmpstr (sb_principle_get_notes (sb_catalog_lookup (c->here_catalog, "ownership")), ==, "Our notes");
  g_assert_no_error (error);

  /* Both edited: ours stays, theirs beside it. */
  g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (c->here_catalog, "grit")), ==, "Keep going, here.");
  for (guint i = 0; i < g_list_model_get_n_items (principles); i++)
    {
      g_autoptr(SbPrinciple) principle = g_list_model_get_item (principles, i);

      if (g_str_equal (sb_principle_get_definition (principle), "Keep going, there."))
        copy = principle;
    }
  g_assert_nonnull (copy);
  g_assert_cmpstr (sb_principle_get_name (copy), ==, "grit (conflict)");

  /* Their edit wins over our deletion. */
  g_assert_nonnull (sb_catalog_lookup (c->here_catalog, "care"));
  g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (c->here_catalog, "care")), ==, "Look after people, there.");

  /* Their clearing of the built-in's notes comes through. */
  g_assert_cmpstr (sb_principle_get_notes (sb_catalog_lookup (c->here_catalog, "think-big")), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define SIDES(path, func) g_test_add (path, Sides, NULL, sides_set_up, func, sides_tear_down)
  SIDES ("/merge/nothing-changed", test_merge_nothing_changed);
  SIDES ("/merge/added", test_merge_added);
  SIDES ("/merge/changed-one-side", test_merge_changed_one_side);
  SIDES ("/merge/changed-both-same", test_merge_changed_both_same);
  SIDES ("/merge/conflict-theirs-newer", test_merge_conflict_theirs_newer);
  SIDES ("/merge/conflict-ours-newer", test_merge_conflict_ours_newer);
  SIDES ("/merge/deleted-untouched", test_merge_deleted_untouched);
  SIDES ("/merge/deleted-changed", test_merge_deleted_changed);
  SIDES ("/merge/no-base", test_merge_no_base);
#undef SIDES
  g_test_add_func ("/merge/summary", test_merge_summary);

#define WRITERS(path, func) g_test_add (path, Writers, NULL, writers_set_up, func, writers_tear_down)
  WRITERS ("/merge/store/from-disk", test_store_merge_from_disk);
  WRITERS ("/merge/store/damaged", test_store_merge_damaged);
  WRITERS ("/merge/store/watch", test_store_watch);
#undef WRITERS
  g_test_add ("/merge/store/principles", Copies, NULL, copies_set_up, test_store_merge_principles, copies_tear_down);
  g_test_add ("/merge/store/principles-conflicts", Copies, NULL, copies_set_up,
              test_store_merge_principles_conflicts, copies_tear_down);

  return g_test_run ();
}
