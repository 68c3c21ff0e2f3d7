/* test-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-library.h"
#include "sb-story-private.h"
#include "sb-test-util.h"

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
count_story_cb (SbLibrary *library,
                SbStory   *story,
                guint     *count)
{
  (*count)++;
}

static void
test_library_add_find_remove (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) a = sb_story_new ();
  g_autoptr(SbStory) b = sb_story_new ();
  guint changed = 0;
  guint position;

  g_signal_connect (library, "changed", G_CALLBACK (count_cb), &changed);

  sb_library_add (library, a);
  sb_library_add (library, b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_assert_true (sb_library_find (library, sb_story_get_id (b)) == b);
  g_assert_cmpuint (changed, ==, 2);

  sb_story_set_title (a, "edited");
  g_assert_cmpuint (changed, ==, 3);

  g_assert_true (sb_library_remove (library, a, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_null (sb_library_find (library, sb_story_get_id (a)));
  g_assert_cmpuint (changed, ==, 4);

  /* A removed story no longer reaches the library. */
  sb_story_set_title (a, "after removal");
  g_assert_cmpuint (changed, ==, 4);

  sb_library_insert (library, position, a);
  {
    g_autoptr(SbStory) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
    g_assert_true (first == a);
  }
}

/* A story in two libraries at once (an import's preview beside the
 * window's library, a test): each hears of its edits until it lets go.
 */
static void
test_library_two_libraries (void)
{
  g_autoptr(SbLibrary) first = sb_library_new ();
  g_autoptr(SbLibrary) second = sb_library_new ();
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GPtrArray) stories = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  guint first_changed = 0, second_changed = 0;

  g_signal_connect (first, "story-changed", G_CALLBACK (count_story_cb), &first_changed);
  g_signal_connect (second, "story-changed", G_CALLBACK (count_story_cb), &second_changed);

  sb_library_add (first, story);
  sb_library_add (second, story);
  sb_story_set_title (story, "one");
  g_assert_cmpuint (first_changed, ==, 1);
  g_assert_cmpuint (second_changed, ==, 1);

  /* Either one leaving does not deafen the other. */
  g_assert_true (sb_library_remove (first, story, NULL));
  sb_story_set_title (story, "two");
  g_assert_cmpuint (first_changed, ==, 1);
  g_assert_cmpuint (second_changed, ==, 2);

  sb_library_add (first, story);
  g_ptr_array_add (stories, story);
  sb_library_splice (second, none);
  sb_story_set_title (story, "three");
  g_assert_cmpuint (first_changed, ==, 2);
  g_assert_cmpuint (second_changed, ==, 2);

  /* A library that goes away lets go of its stories. */
  sb_library_splice (second, stories);
  g_clear_object (&first);
  sb_story_set_title (story, "four");
  g_assert_cmpuint (second_changed, ==, 3);
}

/* ::story-changed names what was edited, whichever way the library hears
 * of it (the story's first library is its owner, the second connects to
 * ::changed), so the sidebar recounts for filing, not for every keystroke.
 */
static void
test_library_story_changed_detail (void)
{
  g_autoptr(SbLibrary) first = sb_library_new ();
  g_autoptr(SbLibrary) second = sb_library_new ();
  g_autoptr(SbStory) story = sb_story_new ();
  guint first_any = 0, first_filed = 0, second_filed = 0;

  g_signal_connect (first, "story-changed", G_CALLBACK (count_story_cb), &first_any);
  g_signal_connect (first, "story-changed::principles", G_CALLBACK (count_story_cb), &first_filed);
  g_signal_connect (second, "story-changed::principles", G_CALLBACK (count_story_cb), &second_filed);
  sb_library_add (first, story);
  sb_library_add (second, story);

  sb_story_set_situation (story, "The build took an hour.");
  sb_story_set_title (story, "Faster builds");
  sb_story_record_practice (story, 4, NULL);
  g_assert_cmpuint (first_any, ==, 3);
  g_assert_cmpuint (first_filed, ==, 0);
  g_assert_cmpuint (second_filed, ==, 0);

  sb_story_add_principle (story, "think-big");
  sb_story_add_principle (story, "think-big");
  g_assert_cmpuint (first_any, ==, 4);
  g_assert_cmpuint (first_filed, ==, 1);
  g_assert_cmpuint (second_filed, ==, 1);

  sb_story_remove_principle (story, "think-big");
  g_assert_cmpuint (first_filed, ==, 2);
  g_assert_cmpuint (second_filed, ==, 2);
}

static void
test_library_principles (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) a = sb_story_new ();
  g_autoptr(SbStory) b = sb_story_new ();
  g_autoptr(GPtrArray) think_big = NULL;
  const char *both[] = { "think-big", "ownership", NULL };
  const char *one[] = { "ownership", NULL };

  sb_story_set_principles (a, both);
  sb_story_set_principles (b, one);
  sb_library_add (library, a);
  sb_library_add (library, b);

  g_assert_cmpuint (sb_library_count_principle (library, "ownership"), ==, 2);
  g_assert_cmpuint (sb_library_count_principle (library, "think-big"), ==, 1);
  g_assert_cmpuint (sb_library_count_principle (library, "dive-deep"), ==, 0);

  think_big = sb_library_dup_stories_for_principle (library, "think-big");
  g_assert_cmpuint (think_big->len, ==, 1);
  g_assert_true (g_ptr_array_index (think_big, 0) == a);

  sb_library_rename_principle (library, "ownership", "dive-deep");
  g_assert_cmpuint (sb_library_count_principle (library, "ownership"), ==, 0);
  g_assert_cmpuint (sb_library_count_principle (library, "dive-deep"), ==, 2);
}

/* The counts are kept between changes and follow each kind of change. */
static void
test_library_counts_follow_changes (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStory) a = sb_story_new ();
  g_autoptr(SbStory) b = sb_story_new ();
  g_autoptr(SbStory) c = sb_story_new ();
  g_autoptr(GPtrArray) stories = g_ptr_array_new ();
  const char *twice[] = { "think-big", "think-big", NULL };
  const char *one[] = { "ownership", NULL };

  sb_story_set_principles (a, twice);
  sb_story_set_principles (b, one);
  g_ptr_array_add (stories, a);
  g_ptr_array_add (stories, b);
  sb_library_splice (library, stories);
  sb_library_count_principles (library);

  /* Listed twice, filed once. */
  g_assert_cmpuint (sb_library_count_principle (library, "think-big"), ==, 1);
  g_assert_cmpuint (sb_library_count_principle (library, "ownership"), ==, 1);
  g_assert_cmpuint (sb_library_count_principle (library, NULL), ==, 0);

  /* Typing changes nothing; filing does. */
  sb_story_set_title (b, "A title");
  sb_story_add_principle (b, "think-big");
  g_assert_cmpuint (sb_library_count_principle (library, "think-big"), ==, 2);
  sb_story_remove_principle (a, "think-big");
  g_assert_cmpuint (sb_library_count_principle (library, "think-big"), ==, 1);

  sb_story_set_principles (c, one);
  sb_library_add (library, c);
  g_assert_cmpuint (sb_library_count_principle (library, "ownership"), ==, 2);
  g_assert_true (sb_library_remove (library, b, NULL));
  g_assert_cmpuint (sb_library_count_principle (library, "ownership"), ==, 1);
  g_assert_cmpuint (sb_library_count_principle (library, "think-big"), ==, 0);

  /* A story that left is no longer counted when it changes. */
  sb_story_add_principle (b, "ownership");
  g_assert_cmpuint (sb_library_count_principle (library, "ownership"), ==, 1);
}

static void
test_library_splice_and_snapshot (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (50, 1);
  g_autoptr(GPtrArray) snapshot = NULL;
  SbStory *first = g_ptr_array_index (stories, 0);
  g_autofree char *title = NULL;

  /* The store keeps what it read as the library's saved state only when
   * the splice took every story as given.
   */
  g_assert_true (sb_library_splice (library, stories));
  g_ptr_array_add (stories, g_object_ref (first));
  g_assert_false (sb_library_splice (library, stories));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 50);
  {
    g_autoptr(GPtrArray) twins = sb_test_make_stories (2, 1);

    /* Another story with a taken id comes in as a copy under a new id. */
    g_ptr_array_add (twins, sb_story_copy (g_ptr_array_index (twins, 0)));
    g_assert_false (sb_library_splice (library, twins));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 3);
  }
  g_assert_false (sb_library_splice (library, stories));

  snapshot = sb_library_dup_snapshot (library);
  title = g_strdup (sb_story_get_title (first));
  sb_story_set_title (first, "edited after the snapshot");

  /* The snapshot still holds the text as it was. */
  {
    g_autoptr(SbStory) frozen = sb_story_new_from_data (g_ptr_array_index (snapshot, 0));
    g_assert_cmpstr (sb_story_get_title (frozen), ==, title);
  }
}

/* Found by the merge tests: the look-up by id pointed into the story's
 * data, which an edit after a snapshot replaces; once the snapshot (a
 * finished save) was gone, the story could no longer be found.
 */
static void
test_library_find_after_edit_and_save (void)
{
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(GPtrArray) stories = sb_test_make_stories (50, 4);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *snapshot;

  sb_library_splice (library, stories);
  for (guint i = 0; i < stories->len; i++)
    g_ptr_array_add (ids, g_strdup (sb_story_get_id (g_ptr_array_index (stories, i))));

  snapshot = sb_library_dup_snapshot (library);
  for (guint i = 0; i < stories->len; i++)
    sb_story_set_result (g_ptr_array_index (stories, i), "edited while saving");
  g_ptr_array_unref (snapshot);

  /* Overwrite the freed memory, as the allocator would sooner or later. */
  {
    g_autoptr(GPtrArray) noise = sb_test_make_stories (50, 5);
  }

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (sb_library_find (library, g_ptr_array_index (ids, i)) == g_ptr_array_index (stories, i));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/add-find-remove", test_library_add_find_remove);
  g_test_add_func ("/library/two-libraries", test_library_two_libraries);
  g_test_add_func ("/library/story-changed-detail", test_library_story_changed_detail);
  g_test_add_func ("/library/principles", test_library_principles);
  g_test_add_func ("/library/counts-follow-changes", test_library_counts_follow_changes);
  g_test_add_func ("/library/splice-and-snapshot", test_library_splice_and_snapshot);
  g_test_add_func ("/library/find-after-edit-and-save", test_library_find_after_edit_and_save);

  return g_test_run ();
}
