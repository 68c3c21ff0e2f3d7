/* test-principles.c
 *
 * The user's own principles and frameworks: made, edited, deleted (with
 * their stories moved or left), undone, saved and read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-catalog.h"
#include "sb-library.h"
#include "sb-markdown.h"
#include "sb-principle-undo.h"
#include "sb-store.h"
#include "sb-test-util.h"

static const char * const focus_names[] = { "Craft", "Follow-through", NULL };
static const char * const focus_descriptions[] = { "Care for the details", "Finish what you start", NULL };
static const char * const tips[] = { "Show the before and after", "Name the standard you held", NULL };
static const char * const questions[] = { "Tell me about work you are proud of.", NULL };

static SbPrinciple *
make_quality (SbCatalog  *catalog,
              const char *framework_id,
              const char *framework_name)
{
  g_autofree char *id = sb_catalog_make_id (catalog, "Quality");
  SbPrinciple *principle = sb_principle_new (id, "Quality", framework_id, FALSE);

  sb_principle_set_definition (principle, "Ship work you are proud of.\nEvery time.");
  sb_principle_set_focus_areas (principle, "What I Look For", focus_names, focus_descriptions);
  sb_principle_set_tips (principle, tips);
  sb_principle_set_questions (principle, questions);
  sb_principle_set_notes (principle, "Ask about the launch.");
  if (framework_id != NULL)
    sb_catalog_ensure_framework (catalog, framework_id, framework_name);
  sb_catalog_add_principle (catalog, principle);

  return principle;
}

static void
assert_quality (SbPrinciple *p)
{
  const char *name, *description;

  g_assert_nonnull (p);
  g_assert_false (sb_principle_get_builtin (p));
  g_assert_cmpstr (sb_principle_get_name (p), ==, "Quality");
  g_assert_cmpstr (sb_principle_get_definition (p), ==, "Ship work you are proud of.\nEvery time.");
  g_assert_cmpstr (sb_principle_get_focus_heading (p), ==, "What I Look For");
  g_assert_cmpuint (sb_principle_get_n_focus_areas (p), ==, 2);
  sb_principle_get_focus_area (p, 1, &name, &description);
  g_assert_cmpstr (name, ==, "Follow-through");
  g_assert_cmpstr (description, ==, "Finish what you start");
  g_assert_true (g_strv_equal (sb_principle_get_tips (p), tips));
  g_assert_true (g_strv_equal (sb_principle_get_questions (p), questions));
  g_assert_cmpstr (sb_principle_get_notes (p), ==, "Ask about the launch.");
}

static SbStory *
add_story (SbLibrary          *library,
           const char         *title,
           const char * const *principles)
{
  g_autoptr(SbStory) story = sb_story_new ();

  sb_story_set_title (story, title);
  sb_story_set_principles (story, principles);
  sb_library_add (library, story);
  return story;
}

static guint
position_in_catalog (SbCatalog   *catalog,
                     SbPrinciple *principle)
{
  guint position = G_MAXUINT;

  g_list_store_find (G_LIST_STORE (sb_catalog_get_principles (catalog)), principle, &position);
  return position;
}

static void
test_principles_create_edit (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbPrinciple) quality = make_quality (catalog, "craft", "Craft Matters");
  SbFramework *framework = sb_catalog_lookup_framework (catalog, "craft");
  g_autofree char *fid = NULL;
  guint changes = 0;
  const char * const no_tips[] = { NULL };

  assert_quality (sb_catalog_lookup (catalog, "quality"));
  g_assert_nonnull (framework);
  g_assert_false (sb_framework_get_builtin (framework));
  g_assert_cmpstr (sb_framework_get_name (framework), ==, "Craft Matters");
  /* User frameworks come after the built-in ones, and so do their principles. */
  g_assert_cmpuint (sb_catalog_get_framework_position (catalog, framework), ==, 2);
  g_assert_cmpuint (position_in_catalog (catalog, quality), ==,
                    g_list_model_get_n_items (sb_catalog_get_principles (catalog)) - 1);

  g_signal_connect_swapped (catalog, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  sb_principle_set_name (quality, "Quality First");
  sb_principle_set_tips (quality, no_tips);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpstr (sb_principle_get_id (quality), ==, "quality");
  g_assert_true (sb_catalog_lookup_by_name (catalog, "Quality First") == quality);

  /* Renaming a framework; built-in ones keep their names. */
  g_assert_true (sb_catalog_rename_framework (catalog, "craft", "Craft"));
  g_assert_cmpstr (sb_framework_get_name (framework), ==, "Craft");
  g_assert_false (sb_catalog_rename_framework (catalog, "amazon", "Mine"));
  g_assert_cmpuint (changes, ==, 3);

  /* Filed under another framework, made for it. */
  sb_catalog_set_principle_framework (catalog, quality, "second", "Second");
  g_assert_cmpstr (sb_principle_get_framework_id (quality), ==, "second");
  g_assert_cmpuint (g_list_model_get_n_items (sb_framework_get_principles (framework)), ==, 0);
  g_assert_cmpstr (sb_framework_get_name (sb_catalog_lookup_framework (catalog, "second")), ==, "Second");
  g_assert_true (sb_catalog_lookup (catalog, "quality") == quality);

  fid = sb_catalog_make_framework_id (catalog, "Amazon");
  g_assert_cmpstr (fid, ==, "amazon-2");
}

static void
test_principles_reorder (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbPrinciple) a = sb_principle_new ("a", "A", NULL, FALSE);
  g_autoptr(SbPrinciple) b = sb_principle_new ("b", "B", NULL, FALSE);
  g_autoptr(SbPrinciple) c = sb_principle_new ("c", "C", NULL, FALSE);
  GListModel *principles = sb_catalog_get_principles (catalog);
  guint n;

  sb_catalog_add_principle (catalog, a);
  sb_catalog_add_principle (catalog, b);
  sb_catalog_add_principle (catalog, c);
  n = g_list_model_get_n_items (principles);

  sb_catalog_move_principle (catalog, c, 0);
  g_assert_cmpuint (sb_catalog_get_principle_position (catalog, c), ==, 0);
  g_assert_cmpuint (sb_catalog_get_principle_position (catalog, a), ==, 1);
  g_assert_cmpuint (position_in_catalog (catalog, c), ==, n - 3);
  g_assert_cmpuint (position_in_catalog (catalog, b), ==, n - 1);
  g_assert_cmpuint (g_list_model_get_n_items (principles), ==, n);

  /* Still saved once an edit comes. */
  {
    guint changes = 0;

    g_signal_connect_swapped (catalog, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
    sb_principle_set_name (c, "C!");
    g_assert_cmpuint (changes, ==, 1);
  }
}

typedef struct
{
  SbCatalog   *catalog;
  SbLibrary   *library;
  SbPrinciple *quality;
  SbStory     *only;      /* quality */
  SbStory     *shared;    /* think-big, quality, ownership */
  SbStory     *already;   /* quality, ownership */
  SbStory     *other;     /* think-big */
  char       **before[4];
} Filed;

static void
filed_setup (Filed         *f,
             gconstpointer  data)
{
  const char * const only[] = { "quality", NULL };
  const char * const shared[] = { "think-big", "quality", "ownership", NULL };
  const char * const already[] = { "quality", "ownership", NULL };
  const char * const other[] = { "think-big", NULL };
  g_autoptr(SbPrinciple) before = sb_principle_new ("before", "Before", "craft", FALSE);
  g_autoptr(SbPrinciple) after = sb_principle_new ("after", "After", "craft", FALSE);

  f->catalog = sb_catalog_new ();
  f->library = sb_library_new ();
  sb_catalog_ensure_framework (f->catalog, "craft", "Craft");
  sb_catalog_add_principle (f->catalog, before);
  f->quality = make_quality (f->catalog, "craft", "Craft");
  sb_catalog_add_principle (f->catalog, after);

  f->only = add_story (f->library, "Only", only);
  f->shared = add_story (f->library, "Shared", shared);
  f->already = add_story (f->library, "Already", already);
  f->other = add_story (f->library, "Other", other);
  f->before[0] = g_strdupv ((char **) only);
  f->before[1] = g_strdupv ((char **) shared);
  f->before[2] = g_strdupv ((char **) already);
  f->before[3] = g_strdupv ((char **) other);
}

static void
filed_teardown (Filed         *f,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->before); i++)
    g_strfreev (f->before[i]);
  g_clear_object (&f->quality);
  g_clear_object (&f->library);
  g_clear_object (&f->catalog);
}

static void
assert_as_before (Filed *f)
{
  SbStory *stories[] = { f->only, f->shared, f->already, f->other };
  SbPrinciple *back = sb_catalog_lookup (f->catalog, "quality");

  g_assert_true (back == f->quality);
  assert_quality (back);
  g_assert_cmpstr (sb_principle_get_framework_id (back), ==, "craft");
  g_assert_cmpuint (sb_catalog_get_principle_position (f->catalog, back), ==, 1);
  g_assert_cmpuint (position_in_catalog (f->catalog, back), ==, position_in_catalog (f->catalog, sb_catalog_lookup (f->catalog, "before")) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    g_assert_true (g_strv_equal (sb_story_get_principles (stories[i]), (const char * const *) f->before[i]));
  g_assert_cmpuint (sb_library_count_principle (f->library, "quality"), ==, 3);
}

static void
test_principles_delete_move (Filed         *f,
                             gconstpointer  data)
{
  g_autoptr(SbPrincipleUndo) undo = NULL;
  const char * const only[] = { "ownership", NULL };
  const char * const shared[] = { "think-big", "ownership", NULL };
  const char * const already[] = { "ownership", NULL };

  undo = sb_principle_undo_delete_principle (f->catalog, f->library, f->quality, "ownership");
  g_assert_nonnull (undo);
  g_assert_cmpuint (sb_principle_undo_get_n_stories (undo), ==, 3);
  g_assert_null (sb_catalog_lookup (f->catalog, "quality"));
  g_assert_cmpuint (g_list_model_get_n_items (sb_framework_get_principles (sb_catalog_lookup_framework (f->catalog, "craft"))), ==, 2);

  /* Moved into the place the deleted one held, never twice. */
  g_assert_true (g_strv_equal (sb_story_get_principles (f->only), only));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->shared), shared));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->already), already));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->other), (const char * const *) f->before[3]));
  g_assert_cmpuint (sb_library_count_principle (f->library, "quality"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 4);

  g_assert_true (sb_principle_undo_restore (undo, f->catalog, f->library));
  assert_as_before (f);
}

static void
test_principles_delete_keep (Filed         *f,
                             gconstpointer  data)
{
  g_autoptr(SbPrincipleUndo) undo = NULL;
  const char * const none[] = { NULL };
  const char * const shared[] = { "think-big", "ownership", NULL };
  const char * const already[] = { "ownership", NULL };

  undo = sb_principle_undo_delete_principle (f->catalog, f->library, f->quality, NULL);
  g_assert_nonnull (undo);
  g_assert_cmpuint (sb_principle_undo_get_n_stories (undo), ==, 3);
  g_assert_null (sb_catalog_lookup (f->catalog, "quality"));

  /* Still in All Stories, with the principle taken off. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 4);
  g_assert_true (g_strv_equal (sb_story_get_principles (f->only), none));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->shared), shared));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->already), already));

  /* An undo that cannot put the principle back changes nothing. */
  {
    g_autoptr(SbPrinciple) squatter = sb_principle_new ("quality", "Squatter", NULL, FALSE);

    sb_catalog_add_principle (f->catalog, squatter);
    g_assert_false (sb_principle_undo_restore (undo, f->catalog, f->library));
    g_assert_true (g_strv_equal (sb_story_get_principles (f->only), none));
    sb_catalog_remove_principle (f->catalog, squatter);
  }

  g_assert_true (sb_principle_undo_restore (undo, f->catalog, f->library));
  assert_as_before (f);
}

static void
test_principles_delete_framework (Filed         *f,
                                  gconstpointer  data)
{
  g_autoptr(SbPrincipleUndo) undo = NULL;
  g_autoptr(SbFramework) craft = g_object_ref (sb_catalog_lookup_framework (f->catalog, "craft"));
  const char * const only[] = { "think-big", NULL };
  const char * const already[] = { "think-big", "ownership", NULL };

  /* Built-in frameworks cannot be deleted. */
  g_assert_null (sb_principle_undo_delete_framework (f->catalog, f->library, "amazon", NULL));
  g_assert_null (sb_principle_undo_delete_principle (f->catalog, f->library, sb_catalog_lookup (f->catalog, "think-big"), NULL));

  undo = sb_principle_undo_delete_framework (f->catalog, f->library, "craft", "think-big");
  g_assert_nonnull (undo);
  g_assert_cmpuint (sb_principle_undo_get_n_principles (undo), ==, 3);
  g_assert_null (sb_catalog_lookup_framework (f->catalog, "craft"));
  g_assert_null (sb_catalog_lookup (f->catalog, "before"));
  g_assert_null (sb_catalog_lookup (f->catalog, "quality"));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->only), only));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->shared), already));
  g_assert_true (g_strv_equal (sb_story_get_principles (f->already), already));

  g_assert_true (sb_principle_undo_restore (undo, f->catalog, f->library));
  g_assert_true (sb_catalog_lookup_framework (f->catalog, "craft") == craft);
  g_assert_cmpuint (sb_catalog_get_framework_position (f->catalog, craft), ==, 2);
  g_assert_cmpuint (sb_catalog_get_principle_position (f->catalog, sb_catalog_lookup (f->catalog, "before")), ==, 0);
  g_assert_cmpuint (sb_catalog_get_principle_position (f->catalog, sb_catalog_lookup (f->catalog, "after")), ==, 2);
  assert_as_before (f);
}

static void
test_principles_delete_last (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbPrinciple) quality = make_quality (catalog, "solo", "Solo");
  g_autoptr(SbPrincipleUndo) undo = NULL;
  g_autoptr(SbFramework) solo = g_object_ref (sb_catalog_lookup_framework (catalog, "solo"));

  /* The framework goes with its last principle, and comes back with it. */
  undo = sb_principle_undo_delete_principle (catalog, library, quality, NULL);
  g_assert_cmpuint (sb_principle_undo_get_n_stories (undo), ==, 0);
  g_assert_null (sb_catalog_lookup_framework (catalog, "solo"));
  g_assert_true (sb_principle_undo_restore (undo, catalog, library));
  g_assert_true (sb_catalog_lookup_framework (catalog, "solo") == solo);
  g_assert_true (sb_catalog_lookup (catalog, "quality") == quality);
}

typedef struct
{
  char      *dir;
  char      *path;
} Disk;

static void
disk_setup (Disk          *d,
            gconstpointer  data)
{
  d->dir = sb_test_make_tmpdir ();
  d->path = g_build_filename (d->dir, "stories.json", NULL);
}

static void
disk_teardown (Disk          *d,
               gconstpointer  data)
{
  sb_test_rm_rf (d->dir);
  g_free (d->dir);
  g_free (d->path);
}

static void
test_principles_reload (Disk          *d,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const filed[] = { "quality", "think-big", NULL };
  g_autofree char *story_id = NULL;

  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) store = sb_store_new (d->path, library, catalog);
    g_autoptr(SbPrinciple) quality = NULL;
    g_autoptr(SbPrinciple) plain = sb_principle_new ("plain", "Plain", NULL, FALSE);

    g_assert_true (sb_store_load (store, &error));
    g_assert_no_error (error);
    quality = make_quality (catalog, "craft", "Craft Matters");
    sb_catalog_add_principle (catalog, plain);
    sb_principle_set_notes (sb_catalog_lookup (catalog, "think-big"), "Mention the 2019 migration.\nTwice.");
    story_id = g_strdup (sb_story_get_id (add_story (library, "Filed", filed)));
    g_assert_true (sb_store_save (store, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) store = sb_store_new (d->path, library, catalog);
    SbPrinciple *think_big;
    SbFramework *craft, *user;

    g_assert_true (sb_store_load (store, &error));
    g_assert_no_error (error);

    assert_quality (sb_catalog_lookup (catalog, "quality"));
    craft = sb_catalog_lookup_framework (catalog, "craft");
    g_assert_nonnull (craft);
    g_assert_false (sb_framework_get_builtin (craft));
    g_assert_cmpstr (sb_framework_get_name (craft), ==, "Craft Matters");
    g_assert_cmpstr (sb_principle_get_framework_id (sb_catalog_lookup (catalog, "quality")), ==, "craft");
    user = sb_catalog_lookup_framework (catalog, SB_FRAMEWORK_USER);
    g_assert_nonnull (user);
    g_assert_cmpstr (sb_framework_get_name (user), ==, "My Principles");
    g_assert_true (sb_catalog_lookup (catalog, "plain") != NULL);

    /* A built-in principle's notes, and only those: its text stays built in. */
    think_big = sb_catalog_lookup (catalog, "think-big");
    g_assert_cmpstr (sb_principle_get_notes (think_big), ==, "Mention the 2019 migration.\nTwice.");
    g_assert_true (sb_principle_get_builtin (think_big));
    g_assert_cmpstr (sb_principle_get_definition (think_big), ==,
                     "Create bold direction. Think differently. Look around corners to serve customers.");

    g_assert_true (g_strv_equal (sb_story_get_principles (sb_library_find (library, story_id)), filed));
    g_assert_cmpuint (sb_library_count_principle (library, "quality"), ==, 1);

    /* Renamed and saved again. */
    sb_catalog_rename_framework (catalog, "craft", "Craft");
    g_assert_true (sb_store_save (store, &error));
  }

  {
    g_autoptr(SbCatalog) catalog = sb_catalog_new ();
    g_autoptr(SbLibrary) library = sb_library_new ();
    g_autoptr(SbStore) store = sb_store_new (d->path, library, catalog);

    g_assert_true (sb_store_load (store, &error));
    g_assert_cmpstr (sb_framework_get_name (sb_catalog_lookup_framework (catalog, "craft")), ==, "Craft");
    /* Reloading into the same catalog leaves no duplicate framework. */
    g_assert_true (sb_store_load (store, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sb_catalog_get_frameworks (catalog)), ==, 4);
  }
}

static void
test_principles_old_file (Disk          *d,
                          gconstpointer  data)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbStore) store = sb_store_new (d->path, library, catalog);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  /* Written before "framework-name" existed, with a key from the future. */
  sb_test_write_file (d->path,
                      "{ \"format\": \"storybank\", \"version\": 1, \"principles\": ["
                      "{ \"id\": \"quality\", \"name\": \"Quality\", \"framework\": \"craft\","
                      "  \"definition\": \"Ship it.\", \"colour\": \"teal\" },"
                      "{ \"id\": \"mine\", \"name\": \"Mine\" }"
                      "], \"stories\": [] }", -1);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_principle_get_definition (sb_catalog_lookup (catalog, "quality")), ==, "Ship it.");
  g_assert_cmpstr (sb_framework_get_name (sb_catalog_lookup_framework (catalog, "craft")), ==, "craft");
  g_assert_cmpstr (sb_principle_get_framework_id (sb_catalog_lookup (catalog, "mine")), ==, SB_FRAMEWORK_USER);

  sb_catalog_rename_framework (catalog, "craft", "Craft");
  g_assert_true (sb_store_save (store, &error));
  saved = sb_test_read_file (d->path);
  g_assert_nonnull (strstr (saved, "\"colour\": \"teal\""));
  g_assert_nonnull (strstr (saved, "\"framework-name\": \"Craft\""));
}

static void
test_principles_markdown (void)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbPrinciple) quality = make_quality (catalog, NULL, NULL);
  const char * const filed[] = { "quality", NULL };
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  SbMarkdownPage *page;
  SbStory *story = add_story (library, "Rewrote the importer", filed);

  sb_story_set_situation (story, "Imports lost data.");
  text = sb_markdown_export (library, catalog, "quality");
  g_test_message ("%s", text);

  pages = sb_markdown_parse (text, -1);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->name, ==, "Quality");
  g_assert_cmpstr (page->definition, ==, "Ship work you are proud of.\nEvery time.");
  g_assert_cmpstr (page->focus_heading, ==, "What I Look For");
  g_assert_cmpuint (page->focus_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (page->focus_names, 0), ==, "Craft");
  g_assert_cmpstr (g_ptr_array_index (page->focus_descriptions, 1), ==, "Finish what you start");
  g_assert_true (page->has_tips);
  g_assert_cmpuint (page->tips->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (page->tips, 1), ==, "Name the standard you held");
  g_assert_cmpstr (page->notes, ==, "Ask about the launch.");
  g_assert_cmpuint (page->stories->len, ==, 1);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (page->stories, 0)), ==, "Rewrote the importer");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/principles/create-edit", test_principles_create_edit);
  g_test_add_func ("/principles/reorder", test_principles_reorder);
  g_test_add ("/principles/delete-move", Filed, NULL, filed_setup, test_principles_delete_move, filed_teardown);
  g_test_add ("/principles/delete-keep", Filed, NULL, filed_setup, test_principles_delete_keep, filed_teardown);
  g_test_add ("/principles/delete-framework", Filed, NULL, filed_setup, test_principles_delete_framework, filed_teardown);
  g_test_add_func ("/principles/delete-last", test_principles_delete_last);
  g_test_add ("/principles/reload", Disk, NULL, disk_setup, test_principles_reload, disk_teardown);
  g_test_add ("/principles/old-file", Disk, NULL, disk_setup, test_principles_old_file, disk_teardown);
  g_test_add_func ("/principles/markdown", test_principles_markdown);

  return g_test_run ();
}
