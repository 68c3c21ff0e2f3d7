/* test-sync.c: a data file kept in a sync tool's folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store.h"
#include "sb-store-io.h"
#include "sb-sync.h"
#include "sb-test-util.h"

typedef struct
{
  char      *dir;
  char      *path;    /* ~/.local/share/storybank/stories.json */
  char      *synced;  /* ~/Sync/storybank/stories.json */
  SbCatalog *catalog;
  SbLibrary *library;
  SbStore   *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *folder = NULL;
  g_autofree char *sync_folder = NULL;

  f->dir = sb_test_make_tmpdir ();
  folder = g_build_filename (f->dir, "data", "storybank", NULL);
  sync_folder = g_build_filename (f->dir, "Sync", "storybank", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (sync_folder, 0700), ==, 0);
  f->path = g_build_filename (folder, "stories.json", NULL);
  f->synced = g_build_filename (sync_folder, "stories.json", NULL);
  f->catalog = sb_catalog_new ();
  f->library = sb_library_new ();
  f->store = sb_store_new (f->path, f->library, f->catalog);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_io_inject_fault (0, 0);
  g_clear_object (&f->store);
  g_clear_object (&f->library);
  g_clear_object (&f->catalog);
  sb_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->synced);
}

#define EMPTY_FILE "{ \"format\": \"storybank\", \"version\": 1, \"stories\": [] }\n"

static void
fill (Fixture *f,
      guint    n,
      guint32  seed)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (n, seed);

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (f->library, g_ptr_array_index (stories, i));
}

static guint
count_library (SbLibrary *library)
{
  return g_list_model_get_n_items (G_LIST_MODEL (library));
}

static gboolean
is_symlink (const char *path)
{
  struct stat st;

  return g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

static gboolean
is_regular (const char *path)
{
  struct stat st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode);
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A relative link, as `ln -s ../../Sync/storybank/stories.json` makes. */
static void
link_relative (Fixture *f)
{
  g_assert_cmpint (symlink ("../../Sync/storybank/stories.json", f->path), ==, 0);
}

static void
test_sync_save_through_symlink (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *through_link = NULL;
  g_autofree char *link_folder = g_path_get_dirname (f->path);
  g_autofree char *sync_folder = g_path_get_dirname (f->synced);
  g_autofree char *sync_backups = g_build_filename (sync_folder, "backups", NULL);
  struct stat st;

  /* The file moved into the sync folder, a link left in its place. */
  sb_test_write_file (f->synced, EMPTY_FILE, -1);
  link_relative (f);
  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);

  /* Each save replaces the link's target, not the link... */
  fill (f, 4, 1);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (is_symlink (f->path));
  g_assert_true (is_regular (f->synced));
  g_assert_cmpint (g_stat (f->synced, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  first = sb_test_read_file (f->synced);

  /* ...keeping the one from before the first save beside it. */
  fill (f, 2, 2);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (is_symlink (f->path));
  g_assert_true (is_regular (f->synced));
  second = sb_test_read_file (f->synced);
  through_link = sb_test_read_file (f->path);
  g_assert_cmpstr (second, ==, through_link);
  g_assert_cmpstr (first, !=, second);

  /* Nothing but the link where it is; no temporary file left anywhere. */
  g_assert_cmpuint (count_entries (link_folder), ==, 1);
  g_assert_cmpuint (count_entries (sync_folder), ==, 2);
  g_assert_cmpuint (count_entries (sync_backups), ==, 1);
  g_assert_true (is_regular (f->synced));

  store = sb_store_new (f->path, library, catalog);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_library (library), ==, 6);
}

/* A link to a link to the file, the second one absolute. */
static void
test_sync_save_through_link_chain (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *middle = g_build_filename (f->dir, "middle.json", NULL);

  sb_test_write_file (f->synced, EMPTY_FILE, -1);
  g_assert_cmpint (symlink (f->synced, middle), ==, 0);
  g_assert_cmpint (symlink (middle, f->path), ==, 0);

  fill (f, 3, 3);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (is_symlink (f->path));
  g_assert_true (is_symlink (middle));
  g_assert_true (is_regular (f->synced));
}

/* The sync folder is not mounted (yet) at start: not an empty library to
 * save over the stories there, but read-only, saying why; nothing is
 * created in the link's place, nor anywhere.
 */
static void
test_sync_dangling_link_at_load (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_folder = g_path_get_dirname (f->synced);
  g_autofree char *link_folder = g_path_get_dirname (f->path);
  g_autofree char *gone = g_build_filename (f->dir, "Unmounted", "stories.json", NULL);

  g_assert_cmpint (symlink (gone, f->path), ==, 0);
  g_assert_false (sb_store_load (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_true (sb_store_get_read_only (f->store));

  fill (f, 2, 4);
  g_assert_false (sb_store_save (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_true (is_symlink (f->path));
  g_assert_cmpuint (count_entries (link_folder), ==, 1);
  g_assert_cmpuint (count_entries (sync_folder), ==, 0);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
}

/* The link breaks while the window is open (the sync folder unmounted):
 * the save is refused and nothing is written; the edits stay in memory.
 */
static void
test_sync_dangling_link_refused (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_folder = g_path_get_dirname (f->synced);
  g_autofree char *link_folder = g_path_get_dirname (f->path);

  sb_test_write_file (f->synced, EMPTY_FILE, -1);
  link_relative (f);
  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  sb_test_rm_rf (sync_folder);

  fill (f, 2, 4);
  g_assert_false (sb_store_save (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_true (sb_store_get_dirty (f->store));
  g_assert_nonnull (sb_store_get_error (f->store));

  g_assert_true (is_symlink (f->path));
  g_assert_cmpuint (count_entries (link_folder), ==, 1);
  g_assert_false (g_file_test (sync_folder, G_FILE_TEST_EXISTS));
}

static void
test_sync_link_loop_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.json", NULL);

  g_assert_cmpint (symlink (other, f->path), ==, 0);
  g_assert_cmpint (symlink (f->path, other), ==, 0);

  fill (f, 1, 5);
  g_assert_false (sb_store_save (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (is_symlink (f->path));
  g_assert_true (is_symlink (other));
}

/* A link into a folder we may not write: an error, the file as it was. */
static void
test_sync_read_only_target (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_folder = g_path_get_dirname (f->synced);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sb_test_write_file (f->synced, EMPTY_FILE, -1);
  link_relative (f);
  fill (f, 2, 6);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  before = sb_test_read_file (f->synced);

  fill (f, 1, 7);
  /* Permissions do not stop root: there, the seam refuses instead. */
  if (geteuid () == 0)
    sb_io_inject_fault (1, EACCES);
  else
    g_chmod (sync_folder, 0500);

  g_assert_false (sb_store_save (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_IO);
  g_clear_error (&error);
  g_chmod (sync_folder, 0700);
  sb_io_inject_fault (0, 0);

  g_assert_true (is_symlink (f->path));
  after = sb_test_read_file (f->synced);
  g_assert_cmpstr (before, ==, after);
}

static void
test_sync_conflict_names (void)
{
  static const struct
  {
    const char *name;
    SbSyncTool  tool;
  } cases[] = {
    /* Syncthing */
    { "stories.sync-conflict-20261206-101010-ABC1234.json", SB_SYNC_TOOL_SYNCTHING },
    { "stories.sync-conflict-20261206-101010-7ZXQ2PA.json", SB_SYNC_TOOL_SYNCTHING },
    /* Dropbox, Nextcloud */
    { "stories (conflicted copy 2026-12-06).json", SB_SYNC_TOOL_DROPBOX },
    { "stories (conflicted copy).json", SB_SYNC_TOOL_DROPBOX },
    { "stories (Anna's conflicted copy 2026-12-06).json", SB_SYNC_TOOL_DROPBOX },
    { "stories (conflicted copy 2026-12-06 101010).json", SB_SYNC_TOOL_DROPBOX },
    /* ownCloud */
    { "stories_conflict-20261206-101010.json", SB_SYNC_TOOL_OWNCLOUD },
    /* OneDrive */
    { "stories-LAPTOP.json", SB_SYNC_TOOL_ONEDRIVE },
    { "stories-DESKTOP-7H2K3L9.json", SB_SYNC_TOOL_ONEDRIVE },
    /* Google Drive */
    { "stories (1).json", SB_SYNC_TOOL_GOOGLE },
    { "stories (12).json", SB_SYNC_TOOL_GOOGLE },
    /* Near misses */
    { "stories.json", SB_SYNC_TOOL_NONE },
    { "stories.json.bak", SB_SYNC_TOOL_NONE },
    { "stories-old.json", SB_SYNC_TOOL_NONE },
    { "stories-2026.json", SB_SYNC_TOOL_NONE },
    { "stories-20261206-101010-123456.json", SB_SYNC_TOOL_NONE },
    { "stories-MUCH-TOO-LONG-A-NAME.json", SB_SYNC_TOOL_NONE },
    { "stories--LAPTOP.json", SB_SYNC_TOOL_NONE },
    { "other.sync-conflict-20261206-101010-ABC1234.json", SB_SYNC_TOOL_NONE },
    { "other (conflicted copy).json", SB_SYNC_TOOL_NONE },
    { "my stories (1).json", SB_SYNC_TOOL_NONE },
    { "stories.sync-conflict-20261206-101010-ABC1234.json.bak", SB_SYNC_TOOL_NONE },
    { "stories.sync-conflict-20261206-101010-ABC1234.json.1a2b3c4d.tmp", SB_SYNC_TOOL_NONE },
    { "stories.sync-conflict-2026-101010-ABC1234.json", SB_SYNC_TOOL_NONE },
    { "stories.sync-conflict-20261206-101010-.json", SB_SYNC_TOOL_NONE },
    { "stories (conflicted copy).txt", SB_SYNC_TOOL_NONE },
    { "stories (copy).json", SB_SYNC_TOOL_NONE },
    { "stories ().json", SB_SYNC_TOOL_NONE },
    { "stories (1.json", SB_SYNC_TOOL_NONE },
    { "stories_conflict-.json", SB_SYNC_TOOL_NONE },
    { "stories_conflict-abc.json", SB_SYNC_TOOL_NONE },
    { "stories.json.corrupt-20261206-101010-123456", SB_SYNC_TOOL_NONE },
    { "stories.json.12345678.tmp", SB_SYNC_TOOL_NONE },
    { "Stories (1).json", SB_SYNC_TOOL_NONE },
    { "", SB_SYNC_TOOL_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (sb_sync_match_conflict_name ("stories.json", cases[i].name), ==, cases[i].tool);
    }

  /* Another data file's name, and one without an extension. */
  g_assert_cmpint (sb_sync_match_conflict_name ("work.json", "work (conflicted copy).json"), ==, SB_SYNC_TOOL_DROPBOX);
  g_assert_cmpint (sb_sync_match_conflict_name ("work.json", "stories (conflicted copy).json"), ==, SB_SYNC_TOOL_NONE);
  g_assert_cmpint (sb_sync_match_conflict_name ("stories", "stories (1)"), ==, SB_SYNC_TOOL_GOOGLE);
}

static void
test_sync_list_conflict_copies (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->synced);
  g_autofree char *a = g_build_filename (folder, "stories (conflicted copy).json", NULL);
  g_autofree char *b = g_build_filename (folder, "stories.sync-conflict-20261206-101010-ABC1234.json", NULL);
  g_autofree char *bak = g_build_filename (folder, "stories.json.bak", NULL);
  g_autofree char *dir = g_build_filename (folder, "stories (1).json", NULL);
  g_autoptr(GPtrArray) copies = NULL;

  sb_test_write_file (f->synced, EMPTY_FILE, -1);
  sb_test_write_file (a, EMPTY_FILE, -1);
  sb_test_write_file (b, EMPTY_FILE, -1);
  sb_test_write_file (bak, EMPTY_FILE, -1);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  copies = sb_sync_list_conflict_copies (f->synced);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (copies, 0), ==, a);
  g_assert_cmpstr (g_ptr_array_index (copies, 1), ==, b);
}

/* The app started again on the same file. */
static void
new_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  g_clear_object (&f->library);
  f->library = sb_library_new ();
  f->store = sb_store_new (f->path, f->library, f->catalog);
  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
}

static SbStory *
story_at (SbLibrary *library,
          guint      i)
{
  g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (library), i);

  return story;  /* the library holds it */
}

/* Writes, as @name beside the synced file, the library of @from as the
 * other computer changed it with @edit.
 */
static char *
make_copy (Fixture    *f,
           const char *name,
           void      (*edit) (SbLibrary *library))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = NULL;
  g_autofree char *elsewhere = g_build_filename (f->dir, "other-computer", "stories.json", NULL);
  g_autofree char *folder = g_path_get_dirname (f->synced);
  g_autofree char *text = sb_test_read_file (f->synced);
  char *copy = g_build_filename (folder, name, NULL);

  g_autofree char *elsewhere_folder = g_path_get_dirname (elsewhere);

  g_assert_cmpint (g_mkdir_with_parents (elsewhere_folder, 0700), ==, 0);
  sb_test_write_file (elsewhere, text, -1);
  store = sb_store_new (elsewhere, library, catalog);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  edit (library);
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (g_rename (elsewhere, copy), ==, 0);
  return copy;
}

/* On the other computer: story 1 edited, story 2 deleted, story 3 edited
 * (here too), one story added.
 */
static void
edit_there (SbLibrary *library)
{
  g_autoptr(SbStory) added = sb_story_new ();

  sb_story_set_title (story_at (library, 1), "Edited there");
  sb_story_set_situation (story_at (library, 3), "Changed there");
  sb_library_remove (library, story_at (library, 2), NULL);
  sb_story_set_title (added, "Written there");
  sb_library_add (library, added);
}

static guint
count_titled (SbLibrary  *library,
              const char *title)
{
  guint n = 0;

  for (guint i = 0; i < count_library (library); i++)
    n += g_strcmp0 (sb_story_get_title (story_at (library, i)), title) == 0;
  return n;
}

static guint
count_prefixed (const char *folder,
                const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    n += g_str_has_prefix (name, prefix);
  return n;
}

/* Three ways, against the backup from before the copy was written; the
 * data file reached through a link, the copy beside the link's target.
 */
static void
test_sync_merge_copy_three_way (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *sync_folder = g_path_get_dirname (f->synced);
  g_autofree char *backups = g_build_filename (sync_folder, "backups", NULL);
  g_auto(GStrv) ids = g_new0 (char *, 5);
  g_autofree char *host = NULL;
  SbMergeReport report;

  sb_test_write_file (f->synced, EMPTY_FILE, -1);
  link_relative (f);
  g_assert_true (sb_store_load (f->store, &error));
  fill (f, 4, 11);
  for (guint i = 0; i < 4; i++)
    ids[i] = g_strdup (sb_story_get_id (story_at (f->library, i)));
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);

  /* Both computers start from this file; this one's next session backs
   * it up at its first save. The other one's version arrives later as a
   * conflict copy.
   */
  new_session (f);
  sb_story_set_title (story_at (f->library, 0), "Edited here");
  sb_story_set_situation (story_at (f->library, 3), "Changed here");
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_usleep (G_USEC_PER_SEC * 11 / 10);
  copy = make_copy (f, "stories.sync-conflict-20261206-101010-ABC1234.json", edit_there);

  g_assert_true (sb_store_merge_conflict_copies (f->store, &report, &host, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.deleted, ==, 1);
  g_assert_cmpuint (report.conflicts, ==, 1);
  g_assert_cmpstr (host, ==, g_get_host_name ());

  g_assert_cmpstr (sb_story_get_title (sb_library_find (f->library, ids[0])), ==, "Edited here");
  g_assert_cmpstr (sb_story_get_title (sb_library_find (f->library, ids[1])), ==, "Edited there");
  g_assert_null (sb_library_find (f->library, ids[2]));
  g_assert_cmpuint (count_titled (f->library, "Written there"), ==, 1);
  g_assert_cmpuint (count_library (f->library), ==, 5);  /* 4 - 1 + 1 + a conflict copy */

  /* Saved through the link, the copy moved into backups/, kept whole. */
  g_assert_true (is_symlink (f->path));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_prefixed (backups, "merged-"), ==, 1);
  g_assert_false (sb_store_get_dirty (f->store));
  store = sb_store_new (f->path, library, catalog);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_library (library), ==, 5);

  /* Never merged twice. */
  g_assert_true (sb_store_merge_conflict_copies (f->store, &report, NULL, &error));
  g_assert_true (sb_merge_report_is_empty (&report));

  /* Undo takes exactly that back. */
  g_assert_true (sb_store_undo_copies_merge (f->store));
  g_assert_cmpuint (count_library (f->library), ==, 4);
  g_assert_cmpstr (sb_story_get_title (sb_library_find (f->library, ids[0])), ==, "Edited here");
  g_assert_cmpstr (sb_story_get_title (sb_library_find (f->library, ids[1])), !=, "Edited there");
  g_assert_nonnull (sb_library_find (f->library, ids[2]));
  g_assert_cmpstr (sb_story_get_situation (sb_library_find (f->library, ids[3])), ==, "Changed here");
  g_assert_cmpuint (count_titled (f->library, "Written there"), ==, 0);
  g_assert_true (sb_store_get_dirty (f->store));
  g_assert_false (sb_store_undo_copies_merge (f->store));
}

/* With no backup to tell who changed what, nothing is dropped: a story
 * edited there is kept in both versions, one deleted there stays.
 */
static void
test_sync_merge_copy_two_way (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) ids = g_new0 (char *, 5);
  SbMergeReport report;

  fill (f, 4, 12);
  for (guint i = 0; i < 4; i++)
    ids[i] = g_strdup (sb_story_get_id (story_at (f->library, i)));
  g_clear_pointer (&f->synced, g_free);
  f->synced = g_strdup (f->path);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  copy = make_copy (f, "stories (conflicted copy 2026-12-06).json", edit_there);

  g_assert_true (sb_store_merge_conflict_copies (f->store, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.deleted, ==, 0);
  g_assert_cmpuint (report.conflicts, ==, 2);  /* both of the stories edited there */
  g_assert_nonnull (sb_library_find (f->library, ids[2]));
  g_assert_cmpuint (count_titled (f->library, "Written there"), ==, 1);
  g_assert_cmpuint (count_titled (f->library, "Edited there") +
                    count_titled (f->library, "Edited there (conflict)"), ==, 1);
  g_assert_cmpuint (count_library (f->library), ==, 7);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

static SbInterview *
interview_for (SbLibrary  *library,
               const char *company)
{
  GListModel *interviews = sb_library_get_interviews (library);

  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(SbInterview) interview = g_list_model_get_item (interviews, i);

      if (g_str_equal (sb_interview_get_company (interview), company))
        return interview;  /* the library holds it */
    }
  return NULL;
}

/* On the other computer: the notes of the Acme interview edited, ones at
 * Initech and Hooli planned, a story written.
 */
static void
edit_interviews_there (SbLibrary *library)
{
  g_autoptr(SbInterview) initech = sb_interview_new ("Initech", "Engineer", NULL);
  g_autoptr(SbInterview) hooli = sb_interview_new ("Hooli", "Engineer", NULL);

  g_autoptr(SbStory) story = sb_story_new ();

  sb_interview_set_notes (interview_for (library, "Acme"), "Notes written there");
  sb_library_add_interview (library, initech);
  sb_library_add_interview (library, hooli);
  sb_story_set_title (story, "Written there");
  sb_library_add (library, story);
}

/* Undoing the merge of a copy takes back its interviews too, and keeps
 * an edit made here since, to one it brought as to any other.
 */
static void
test_sync_undo_copy_interviews (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbInterview) acme = sb_interview_new ("Acme", "Engineer", NULL);
  g_autoptr(SbInterview) globex = sb_interview_new ("Globex", "Lead", NULL);
  g_autofree char *acme_before = NULL;
  g_autofree char *copy = NULL;
  SbMergeReport report;

  fill (f, 2, 13);
  sb_interview_set_notes (acme, "Notes written here");
  sb_library_add_interview (f->library, acme);
  sb_library_add_interview (f->library, globex);
  g_clear_pointer (&f->synced, g_free);
  f->synced = g_strdup (f->path);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  acme_before = sb_interview_dup_json (acme);
  copy = make_copy (f, "stories (conflicted copy 2026-12-07).json", edit_interviews_there);

  g_assert_true (sb_store_merge_conflict_copies (f->store, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (interview_for (f->library, "Initech"));
  g_assert_nonnull (interview_for (f->library, "Hooli"));
  sb_interview_set_notes (globex, "Edited here after the merge");
  sb_interview_set_notes (interview_for (f->library, "Hooli"), "Prepared here after the merge");
  g_assert_cmpuint (count_titled (f->library, "Written there"), ==, 1);
  for (guint i = 0; i < count_library (f->library); i++)
    if (g_str_equal (sb_story_get_title (story_at (f->library, i)), "Written there"))
      sb_story_set_situation (story_at (f->library, i), "Finished here after the merge");

  g_assert_true (sb_store_undo_copies_merge (f->store));
  g_assert_null (interview_for (f->library, "Initech"));
  g_assert_cmpstr (sb_interview_get_notes (interview_for (f->library, "Hooli")), ==, "Prepared here after the merge");
  g_assert_cmpuint (count_titled (f->library, "Written there"), ==, 1);
  g_assert_true (interview_for (f->library, "Acme") == acme);
  {
    g_autofree char *acme_after = sb_interview_dup_json (acme);

    g_assert_cmpstr (acme_after, ==, acme_before);
  }
  g_assert_cmpstr (sb_interview_get_notes (interview_for (f->library, "Globex")), ==, "Edited here after the merge");
  g_assert_true (sb_store_get_dirty (f->store));
}

/* A copy cut short, or from a newer version: left alone and named. */
static void
test_sync_unreadable_copy (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *truncated = g_build_filename (folder, "stories (1).json", NULL);
  g_autofree char *newer = g_build_filename (folder, "stories_conflict-20261206-101010.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char * const *names;
  SbMergeReport report;
  guint notified = 0;

  fill (f, 2, 13);
  g_assert_true (sb_store_save (f->store, &error));
  before = sb_test_read_file (f->path);
  sb_test_write_file (truncated, "{ \"format\": \"storybank\", \"version\": 1, \"stories\": [ { \"id\"", -1);
  sb_test_write_file (newer, "{ \"format\": \"storybank\", \"version\": 2, \"stories\": [] }", -1);
  g_signal_connect_swapped (f->store, "notify::unreadable-copies", G_CALLBACK (g_atomic_int_inc), &notified);

  g_assert_true (sb_store_merge_conflict_copies (f->store, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_merge_report_is_empty (&report));
  names = sb_store_get_unreadable_copies (f->store);
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 2);
  g_assert_true (g_strv_contains (names, "stories (1).json"));
  g_assert_true (g_strv_contains (names, "stories_conflict-20261206-101010.json"));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (g_file_test (truncated, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
  after = sb_test_read_file (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_library (f->library), ==, 2);

  /* Gone: no longer named. */
  g_unlink (truncated);
  g_unlink (newer);
  g_assert_true (sb_store_merge_conflict_copies (f->store, &report, NULL, &error));
  names = sb_store_get_unreadable_copies (f->store);
  g_assert_true (names == NULL || names[0] == NULL);
  g_assert_cmpuint (notified, ==, 2);
}

/* The computer that saved last is in the file, and survives a load. */
static void
test_sync_saved_by (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = NULL;
  g_autofree char *saved = NULL;
  JsonObject *root, *saved_by;

  /* A file from before: no key, loads as it did, unknown keys kept. */
  sb_test_write_file (f->path,
                      "{\"format\": \"storybank\", \"version\": 1, \"sync\": {\"peer\": \"x\"},"
                      " \"saved-by\": {\"host\": \"old-laptop\", \"time\": \"2026-01-01T00:00:00Z\"},"
                      " \"stories\": [{\"id\": \"s1\", \"title\": \"T\"}]}", -1);
  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_store_get_saved_by (f->store), ==, "old-laptop");

  sb_story_set_title (sb_library_find (f->library, "s1"), "Changed");
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);

  saved = sb_test_read_file (f->path);
  g_assert_nonnull (strstr (saved, "\"sync\": {\"peer\":\"x\"}"));
  g_assert_null (strstr (saved, "old-laptop"));
  g_assert_true (json_parser_load_from_data (parser, saved, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  saved_by = json_object_get_object_member (root, "saved-by");
  g_assert_nonnull (saved_by);
  g_assert_cmpstr (json_object_get_string_member (saved_by, "host"), ==, g_get_host_name ());
  g_assert_nonnull (json_object_get_string_member (saved_by, "time"));
  /* Once, not once per save. */
  g_assert_true (strstr (saved, "\"saved-by\"") == g_strrstr (saved, "\"saved-by\""));

  store = sb_store_new (f->path, library, catalog);
  sb_store_set_cache_path (store, NULL);
  g_assert_true (sb_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_store_get_saved_by (store), ==, g_get_host_name ());
  g_assert_cmpstr (sb_story_get_title (sb_library_find (library, "s1")), ==, "Changed");
}

/* A file without the key loads unchanged. */
static void
test_sync_saved_by_absent (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sb_test_write_file (f->path, "{\"format\": \"storybank\", \"version\": 1,"
                      " \"stories\": [{\"id\": \"s1\", \"title\": \"T\"}]}", -1);
  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_get_saved_by (f->store));
  g_assert_cmpuint (count_library (f->library), ==, 1);
  g_assert_false (sb_store_get_dirty (f->store));
}

/* The file replaced by the other computer while the window is open: the
 * merge knows who saved it, for the toast.
 */
static void
test_sync_saved_by_merge (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbMergeReport report;

  fill (f, 1, 14);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_store_get_saved_by (f->store), ==, g_get_host_name ());

  sb_test_write_file (f->path, "{\"format\": \"storybank\", \"version\": 1,"
                      " \"saved-by\": {\"host\": \"laptop\", \"time\": \"2026-12-06T10:10:10Z\"},"
                      " \"stories\": [{\"id\": \"s9\", \"title\": \"From the laptop\"}]}", -1);
  g_assert_true (sb_store_merge_from_disk (f->store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_store_get_saved_by (f->store), ==, "laptop");
  g_assert_nonnull (sb_library_find (f->library, "s9"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/save-through-symlink", test_sync_save_through_symlink);
  ADD ("/sync/save-through-link-chain", test_sync_save_through_link_chain);
  ADD ("/sync/dangling-link-at-load", test_sync_dangling_link_at_load);
  ADD ("/sync/dangling-link-refused", test_sync_dangling_link_refused);
  ADD ("/sync/link-loop-refused", test_sync_link_loop_refused);
  ADD ("/sync/read-only-target", test_sync_read_only_target);
  g_test_add_func ("/sync/conflict-names", test_sync_conflict_names);
  ADD ("/sync/list-conflict-copies", test_sync_list_conflict_copies);
  ADD ("/sync/merge-copy-three-way", test_sync_merge_copy_three_way);
  ADD ("/sync/merge-copy-two-way", test_sync_merge_copy_two_way);
  ADD ("/sync/undo-copy-interviews", test_sync_undo_copy_interviews);
  ADD ("/sync/unreadable-copy", test_sync_unreadable_copy);
  ADD ("/sync/saved-by", test_sync_saved_by);
  ADD ("/sync/saved-by-absent", test_sync_saved_by_absent);
  ADD ("/sync/saved-by-merge", test_sync_saved_by_merge);
#undef ADD

  return g_test_run ();
}
