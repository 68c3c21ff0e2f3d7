/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store.h"
#include "sb-store-io.h"
#include "sb-test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  SbCatalog *catalog;
  SbLibrary *library;
  SbStore   *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sb_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "storybank", "stories.json", NULL);
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
}

/* A second store over the same file, as the next run of the app sees it. */
static SbStore *
reopen (Fixture    *f,
        SbLibrary **library,
        GError    **error)
{
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  SbStore *store;

  *library = sb_library_new ();
  store = sb_store_new (f->path, *library, catalog);
  sb_store_load (store, error);
  return store;
}

static void
assert_same_library (SbLibrary *a,
                     SbLibrary *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(SbStory) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      g_assert_true (sb_story_content_equal (x, y));
    }
}

static void
fill (Fixture *f,
      guint    n,
      guint32  seed)
{
  g_autoptr(GPtrArray) stories = sb_test_make_stories (n, seed);

  for (guint i = 0; i < stories->len; i++)
    sb_library_add (f->library, g_ptr_array_index (stories, i));
}

static void
test_store_missing_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 0);
  g_assert_false (sb_store_get_read_only (f->store));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_store_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStory) odd = sb_story_new ();
  const char *actions[] = { "- not a bullet", "**bold** and `code`", "# not a heading", "tab\there", "", NULL };
  const char *tags[] = { "日本語", "emoji 🎉", NULL };
  const char *principles[] = { "think-big", "customer-obsession", NULL };

  fill (f, 30, 3);
  sb_story_set_title (odd, "Ünïcödé “quotes” \\ back\\slash \"dq\" </script>");
  sb_story_set_situation (odd, "Line one\nLine two\r\nLine three\n\n");
  sb_story_set_task (odd, "\x01 control \x1f chars");
  sb_story_set_actions (odd, actions);
  sb_story_set_result (odd, "### Result\n* star\n1. numbered");
  sb_story_set_tags (odd, tags);
  sb_story_set_principles (odd, principles);
  sb_story_record_practice (odd, 2, NULL);
  sb_library_add (f->library, odd);

  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (sb_store_get_dirty (f->store));

  store = reopen (f, &library, &error);
  g_assert_no_error (error);
  assert_same_library (f->library, library);
}

static void
test_store_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbStory) story = sb_story_new ();
  JsonObject *root, *saved, *practice;
  const char *principles[] = { "think-big", NULL };

  sb_story_set_title (story, "Scalable Architecture Vision");
  sb_story_set_principles (story, principles);
  sb_library_add (f->library, story);
  sb_store_save (f->store, &error);
  g_assert_no_error (error);

  json_parser_load_from_file (parser, f->path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "storybank");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "principles")));
  saved = json_array_get_object_element (json_object_get_array_member (root, "stories"), 0);
  g_assert_cmpstr (json_object_get_string_member (saved, "id"), ==, sb_story_get_id (story));
  g_assert_cmpstr (json_object_get_string_member (saved, "title"), ==, "Scalable Architecture Vision");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (saved, "actions")));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (saved, "principles"), 0), ==, "think-big");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (saved, "tags")));
  g_assert_nonnull (json_object_get_string_member (saved, "created"));
  g_assert_nonnull (json_object_get_string_member (saved, "modified"));
  practice = json_object_get_object_member (saved, "practice");
  g_assert_cmpint (json_object_get_int_member (practice, "count"), ==, 0);
  g_assert_true (json_object_get_null_member (practice, "last"));
  g_assert_true (json_object_get_null_member (practice, "confidence"));
}

static void
test_store_unknown_keys (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);

  g_mkdir_with_parents (folder, 0700);
  sb_test_write_file (f->path,
                      "{\"format\": \"storybank\", \"version\": 1, \"sync\": {\"peer\": \"laptop\"},"
                      " \"principles\": [{\"id\": \"craft\", \"name\": \"Craft\", \"colour\": \"teal\"}],"
                      " \"stories\": [{\"id\": \"s1\", \"title\": \"T\", \"audio\": [\"a.ogg\"],"
                      " \"practice\": {\"count\": 2, \"streak\": {\"days\": 3}}}]}", -1);

  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  sb_story_set_result (sb_library_find (f->library, "s1"), "changed");
  g_assert_true (sb_store_save (f->store, &error));

  saved = sb_test_read_file (f->path);
  g_assert_nonnull (strstr (saved, "\"sync\": {\"peer\":\"laptop\"}"));
  g_assert_nonnull (strstr (saved, "\"colour\": \"teal\""));
  g_assert_nonnull (strstr (saved, "\"audio\": [\"a.ogg\"]"));
  g_assert_nonnull (strstr (saved, "\"count\": 2"));
  g_assert_nonnull (strstr (saved, "\"streak\": {\"days\":3}"));
}

/* A number too large for a double, in any unknown member: written so that
 * the file loads again (found by fuzz-store-load).
 */
static void
test_store_unknown_huge_number (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr(GPtrArray) stories = NULL;
  gint64 version;

  g_mkdir_with_parents (folder, 0700);
  sb_test_write_file (f->path,
                      "{\"format\": \"storybank\", \"version\": 1, \"big\": [1e999, -1e999],"
                      " \"stories\": [{\"id\": \"s1\", \"title\": \"T\", \"far\": {\"away\": 2e400},"
                      " \"practice\": {\"count\": 1, \"c-unt\": 33333333e32333333330}}]}", -1);

  g_assert_true (sb_store_load (f->store, &error));
  g_assert_no_error (error);
  sb_story_set_result (sb_library_find (f->library, "s1"), "changed");
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);

  saved = sb_test_read_file (f->path);
  g_assert_null (strstr (saved, "inf"));
  g_assert_true (sb_store_parse (saved, strlen (saved), &stories, NULL, &version, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stories->len, ==, 1);
  g_assert_nonnull (strstr (saved, "\"result\": \"changed\""));
}

static void
test_store_modes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  struct stat st;

  fill (f, 2, 5);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static guint
count_files (const char *folder,
             const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
test_store_bad_input (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *contents;
    gssize length;
  } cases[] = {
    { "empty", "", 0 },
    { "truncated", "{\"format\": \"storybank\", \"version\": 1, \"stories\": [{\"id\": \"a\", \"title\": \"Hal", -1 },
    { "not-utf8", "{\"format\": \"storybank\", \"stories\": [{\"title\": \"\xff\xfe\"}]}", -1 },
    { "not-json", "# Think Big\n\nThis is Markdown.\n", -1 },
    { "wrong-root", "[1, 2, 3]", -1 },
    { "wrong-format", "{\"format\": \"something-else\", \"stories\": []}", -1 },
    { "stories-not-list", "{\"format\": \"storybank\", \"version\": 1, \"stories\": {}}", -1 },
    { "story-wrong-type", "{\"format\": \"storybank\", \"version\": 1, \"stories\": [{\"title\": 42}]}", -1 },
    { "story-not-object", "{\"format\": \"storybank\", \"version\": 1, \"stories\": [\"x\"]}", -1 },
    { "version-not-number", "{\"format\": \"storybank\", \"version\": \"one\", \"stories\": []}", -1 },
    { "binary", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = sb_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "stories.json", NULL);
      g_autoptr(SbLibrary) library = sb_library_new ();
      g_autoptr(SbCatalog) catalog = sb_catalog_new ();
      g_autoptr(SbStore) store = sb_store_new (path, library, catalog);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) listing = NULL;
      g_autofree char *aside = NULL;
      g_autofree char *kept = NULL;
      gsize kept_length = 0;
      gsize length = cases[i].length < 0 ? strlen (cases[i].contents) : (gsize) cases[i].length;
      const char *name;

      g_test_message ("case %s", cases[i].name);
      sb_test_write_file (path, cases[i].contents, length);

      g_assert_false (sb_store_load (store, &error));
      g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
      g_assert_nonnull (sb_store_get_error (store));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);

      /* The damaged file is kept, byte for byte, under another name. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      listing = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (listing)))
        if (g_str_has_prefix (name, "stories.json.corrupt-"))
          aside = g_build_filename (dir, name, NULL);
      g_assert_nonnull (aside);
      g_file_get_contents (aside, &kept, &kept_length, NULL);
      g_assert_cmpmem (kept, kept_length, cases[i].contents, length);

      /* A new story after that is saved into a new file, the aside kept. */
      {
        g_autoptr(SbStory) story = sb_story_new ();
        sb_library_add (library, story);
        g_assert_true (sb_store_save (store, &error));
        g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
        g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      }

      sb_test_rm_rf (dir);
    }
}

static void
test_store_newer_version (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *after = NULL;
  const char *future = "{\"format\": \"storybank\", \"version\": 2, \"hologram\": true,"
                       " \"stories\": [{\"id\": \"s1\", \"title\": \"From the future\"}]}";

  g_mkdir_with_parents (folder, 0700);
  sb_test_write_file (f->path, future, -1);

  g_assert_false (sb_store_load (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION);
  g_clear_error (&error);
  g_assert_true (sb_store_get_read_only (f->store));
  /* Shown, read-only. */
  g_assert_nonnull (sb_library_find (f->library, "s1"));

  sb_story_set_title (sb_library_find (f->library, "s1"), "edited");
  g_assert_false (sb_store_save (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (sb_store_flush (f->store, &error));

  after = sb_test_read_file (f->path);
  g_assert_cmpstr (after, ==, future);
  g_assert_cmpuint (count_files (folder, "stories.json."), ==, 0);
}

static void
test_store_unwritable_folder (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fill (f, 3, 9);
  g_assert_true (sb_store_save (f->store, &error));
  before = sb_test_read_file (f->path);

  sb_story_set_title (story, "Written while the disk said no");
  sb_library_add (f->library, story);

  /* Permissions do not stop root: there, the seam refuses instead. */
  if (geteuid () == 0)
    sb_io_inject_fault (1, EACCES);
  else
    g_chmod (folder, 0500);

  g_assert_false (sb_store_save (f->store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_nonnull (sb_store_get_error (f->store));
  g_assert_true (sb_store_get_dirty (f->store));
  g_assert_nonnull (sb_library_find (f->library, sb_story_get_id (story)));

  after = sb_test_read_file (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (folder, "stories.json."), ==, 0);

  /* Once the folder is writable again, the next save writes everything. */
  sb_io_inject_fault (0, 0);
  g_chmod (folder, 0700);
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_get_error (f->store));

  store = reopen (f, &library, &error);
  g_assert_no_error (error);
  assert_same_library (f->library, library);
}

static void
test_store_backups (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  g_autoptr(GPtrArray) listed = NULL;
  struct stat st;

  fill (f, 1, 11);
  g_assert_true (sb_store_save (f->store, &error));
  /* No backup of a file that did not exist. */
  g_assert_cmpuint (count_files (backups, "stories-"), ==, 0);

  /* Each run backs up the file as it found it, before its first save. */
  for (guint run = 0; run < 12; run++)
    {
      g_autoptr(SbLibrary) library = NULL;
      g_autoptr(SbStore) store = reopen (f, &library, &error);
      g_autoptr(SbStory) story = sb_story_new ();

      g_assert_no_error (error);
      sb_library_add (library, story);
      g_assert_true (sb_store_save (store, &error));
      sb_story_set_title (story, "second save, same run");
      g_assert_true (sb_store_save (store, &error));
      g_assert_cmpuint (count_files (backups, "stories-"), ==, MIN (run + 1, SB_STORE_N_BACKUPS));
    }

  listed = sb_store_list_backups (f->store);
  g_assert_cmpuint (listed->len, ==, SB_STORE_N_BACKUPS);
  g_assert_cmpint (g_stat (g_ptr_array_index (listed, 0), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The newest backup holds the file as the last run found it: 12 stories. */
  {
    g_autofree char *newest = sb_test_read_file (g_ptr_array_index (listed, listed->len - 1));
    g_autoptr(GPtrArray) stories = NULL;
    gint64 version;

    g_assert_true (sb_store_parse (newest, strlen (newest), &stories, NULL, &version, NULL, NULL, &error));
    g_assert_cmpuint (stories->len, ==, 12);
  }
}

static void
quit_loop (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_main_loop_quit (user_data);
}

static void
test_store_autosave (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;

  sb_store_set_autosave_delay (f->store, 50);
  sb_library_add (f->library, story);
  g_assert_true (sb_store_get_dirty (f->store));
  sb_story_set_title (story, "autosaved");

  while (sb_store_get_dirty (f->store))
    g_main_context_iteration (NULL, TRUE);

  store = reopen (f, &library, &error);
  g_assert_no_error (error);
  assert_same_library (f->library, library);

  /* Saves asked for while one runs follow it, and nothing is left behind. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("edit %u", i);

      sb_story_set_title (story, title);
      sb_store_save_async (f->store, NULL, i == 19 ? quit_loop : NULL, loop);
    }
  g_main_loop_run (loop);
  g_assert_true (sb_store_flush (f->store, &error));
  g_assert_false (sb_store_get_dirty (f->store));

  g_clear_object (&store);
  g_clear_object (&library);
  store = reopen (f, &library, &error);
  g_assert_cmpstr (sb_story_get_title (sb_library_find (library, sb_story_get_id (story))), ==, "edit 19");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static const char *
op_name (SbIoOp op)
{
  static const char * const names[] = {
    [SB_IO_OP_READ] = "read", [SB_IO_OP_CREATE] = "create", [SB_IO_OP_WRITE] = "write",
    [SB_IO_OP_FSYNC] = "fsync", [SB_IO_OP_CLOSE] = "close", [SB_IO_OP_RENAME] = "rename",
    [SB_IO_OP_MKDIR] = "mkdir", [SB_IO_OP_UNLINK] = "unlink",
  };

  return (guint) op < G_N_ELEMENTS (names) ? names[op] : "none";
}

/* Every file operation of a run's first save (the backup, then the data
 * file) fails in turn, with each of ENOSPC, EIO and EACCES: the file on
 * disk stays as it was, the edit stays in memory, the store reports the
 * error (the window's banner with Retry), and the next save writes
 * everything, backup included.
 */
static void
test_store_faults (Fixture       *f,
                   gconstpointer  data)
{
  static const int errors[] = { ENOSPC, EIO, EACCES };
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  guint failed_saves = 0, swallowed = 0;
  guint failed_in_backup = 0, failed_in_data = 0;
  guint seen_ops = 0;

  fill (f, 20, 13);
  g_assert_true (sb_store_save (f->store, &error));

  for (guint e = 0; e < G_N_ELEMENTS (errors); e++)
    {
      for (guint n = 1; ; n++)
        {
          g_autoptr(SbStory) story = sb_story_new ();
          g_autofree char *before = sb_test_read_file (f->path);
          g_autofree char *title = g_strdup_printf ("fault %s at %u", g_strerror (errors[e]), n);
          g_autoptr(SbLibrary) library = NULL;
          g_autoptr(SbStore) store = reopen (f, &library, &error);
          g_autoptr(GPtrArray) backups_before = NULL;
          g_autoptr(GPtrArray) backups_after = NULL;
          guint error_notified = 0;
          gboolean saved;
          SbIoOp failed_op;

          /* Fewer backups than the limit, so that no pruning shifts the
           * steps: the same step fails at the same n every time.
           */
          sb_test_rm_rf (backups);

          /* A store as a new run sees it: its first save makes a backup. */
          g_assert_no_error (error);
          g_signal_connect (store, "notify::error", G_CALLBACK (count_notify), &error_notified);
          backups_before = sb_store_list_backups (store);

          sb_story_set_title (story, title);
          sb_library_add (library, story);

          sb_io_inject_fault (n, errors[e]);
          saved = sb_store_save (store, &error);
          failed_op = sb_io_get_failed_op ();
          sb_io_inject_fault (0, 0);

          if ((int) failed_op == -1)
            {
              /* Fewer operations than n: every step has had its fault. */
              g_assert_true (saved);
              break;
            }

          seen_ops |= 1u << failed_op;

          if (saved)
            {
              /* Only the folder fsync after a rename and the pruning of
               * old backups may fail without failing the save.
               */
              g_test_message ("%s (%s): ignored, saved", title, op_name (failed_op));
              g_assert_true (failed_op == SB_IO_OP_FSYNC || failed_op == SB_IO_OP_UNLINK);
              g_assert_null (sb_store_get_error (store));
              swallowed++;
              continue;
            }

          g_test_message ("%s (%s) failed as planned: %s", title, op_name (failed_op), error->message);
          g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_IO);
          g_assert_nonnull (strstr (error->message, g_strerror (errors[e])));
          g_clear_error (&error);
          failed_saves++;

          /* The old file is untouched byte for byte, the edit is still in
           * memory, the error is shown, no temporary file is left.
           */
          {
            g_autofree char *after = sb_test_read_file (f->path);
            g_assert_cmpstr (before, ==, after);
          }
          g_assert_nonnull (sb_library_find (library, sb_story_get_id (story)));
          g_assert_true (sb_store_get_dirty (store));
          g_assert_nonnull (sb_store_get_error (store));
          g_assert_error (sb_store_get_error (store), SB_STORE_ERROR, SB_STORE_ERROR_IO);
          g_assert_cmpuint (error_notified, ==, 1);
          g_assert_cmpuint (count_files (folder, "stories.json."), ==, 0);

          /* Backups are whole or absent: no temporary file there either. */
          {
            g_autoptr(GPtrArray) now = sb_store_list_backups (store);
            g_assert_cmpuint (count_files (backups, "stories-"), ==, now->len);
          }

          /* The next save after the fault clears writes everything... */
          g_assert_true (sb_store_save (store, &error));
          g_assert_no_error (error);
          g_assert_null (sb_store_get_error (store));
          g_assert_false (sb_store_get_dirty (store));
          g_assert_cmpuint (error_notified, ==, 2);

          /* ...backup included: the newest one holds the file as this run
           * found it, written with mode 0600 into a 0700 folder.
           */
          backups_after = sb_store_list_backups (store);
          g_assert_cmpuint (backups_after->len, >=, 1);
          {
            const char *newest = g_ptr_array_index (backups_after, backups_after->len - 1);
            g_autofree char *backup = sb_test_read_file (newest);
            gboolean is_new = backups_before->len == 0 ||
                              g_strcmp0 (newest, g_ptr_array_index (backups_before, backups_before->len - 1)) > 0;
            struct stat st;

            guint added = 0;

            g_assert_true (is_new);
            /* One backup for the run, not one per try. */
            for (guint i = 0; i < backups_after->len; i++)
              if (!g_ptr_array_find_with_equal_func (backups_before, g_ptr_array_index (backups_after, i), g_str_equal, NULL))
                added++;
            g_assert_cmpuint (added, ==, 1);
            g_assert_cmpstr (backup, ==, before);
            g_assert_cmpint (g_stat (newest, &st), ==, 0);
            g_assert_cmpint (st.st_mode & 0777, ==, 0600);
            g_assert_cmpint (g_stat (backups, &st), ==, 0);
            g_assert_cmpint (st.st_mode & 0777, ==, 0700);
          }
          g_assert_cmpuint (count_files (backups, "stories-"), <=, SB_STORE_N_BACKUPS);

          /* Steps 2..8 are the backup's (read, mkdir, create, write, fsync,
           * close, rename), after the data folder's mkdir.
           */
          if (n >= 2 && n <= 8)
            failed_in_backup++;
          else
            failed_in_data++;

          {
            g_autoptr(SbLibrary) reread = NULL;
            g_autoptr(SbStore) check = reopen (f, &reread, &error);

            g_assert_no_error (error);
            assert_same_library (library, reread);
            g_assert_nonnull (sb_library_find (reread, sb_story_get_id (story)));
          }
          g_assert_cmpuint (n, <, 30);
        }
    }

  g_test_message ("%u failed saves checked, %u harmless faults, %u in the backup, %u in the data file",
                  failed_saves, swallowed, failed_in_backup, failed_in_data);
  /* mkdir, read, create, write, fsync, close, rename of the backup and of
   * the data file: 13 failing steps for each of the three errors.
   */
  g_assert_cmpuint (failed_saves, ==, 13 * G_N_ELEMENTS (errors));
  g_assert_cmpuint (failed_in_backup, ==, 7 * G_N_ELEMENTS (errors));
  for (SbIoOp op = SB_IO_OP_READ; op <= SB_IO_OP_MKDIR; op++)
    g_assert_true (seen_ops & (1u << op));
}

/* The very first save of a new data file (nothing to back up yet) fails at
 * each step, and the file does not appear half-written.
 */
static void
test_store_faults_first_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  guint failed = 0;

  fill (f, 5, 17);
  for (guint n = 1; ; n++)
    {
      gboolean saved;

      sb_io_inject_fault (n, ENOSPC);
      saved = sb_store_save (f->store, &error);
      if ((int) sb_io_get_failed_op () == -1)
        {
          g_assert_true (saved);
          break;
        }
      sb_io_inject_fault (0, 0);
      if (saved)
        {
          /* The folder fsync: harmless. Start again from no file. */
          g_unlink (f->path);
          sb_story_set_title (g_list_model_get_item (G_LIST_MODEL (f->library), 0), "again");
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (f->library), 0));
          continue;
        }

      g_clear_error (&error);
      failed++;
      g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_files (folder, "stories.json."), ==, 0);
      g_assert_true (sb_store_get_dirty (f->store));
      g_assert_nonnull (sb_store_get_error (f->store));
    }
  sb_io_inject_fault (0, 0);

  /* mkdir, create, write, fsync, close, rename */
  g_assert_cmpuint (failed, ==, 6);
  {
    g_autoptr(SbLibrary) library = NULL;
    g_autoptr(SbStore) store = reopen (f, &library, &error);

    g_assert_no_error (error);
    assert_same_library (f->library, library);
  }
}

/* Found by fuzz-store-load: json-glib reads a lone UTF-16 surrogate, or a
 * "\u" without four hex digits, as bytes that are not UTF-8; a story
 * holding them was saved into a file the next start set aside as damaged.
 */
static void
test_store_parse_escapes (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const titles[] = {
    "\\u00e9\\ud83c\\udf#9 \\\"q\\\" \\\\ \\t",  /* the fuzzer's input */
    "\\ud83c",
    "lone low \\udf89 here",
    "\\ud83c\\ud83c\\udf89",
    "\\uzzzz",
    "end \\u12",
    "\\\\ud83c is not an escape",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"storybank\", \"version\": 1,"
                                               " \"odd \\ud800\": \"\\udc00\","
                                               " \"stories\": [{\"id\": \"e\", \"title\": \"%s\"}]}",
                                               titles[i]);
      g_autoptr(GPtrArray) stories = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) keys = NULL;
      g_auto(GStrv) values = NULL;
      gint64 version;

      g_test_message ("title %s", titles[i]);
      if (!sb_store_parse (text, strlen (text), &stories, NULL, &version, &keys, &values, &error))
        {
          /* Refusing is fine too, as long as it says why. */
          g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
          continue;
        }

      g_assert_cmpuint (stories->len, ==, 1);
      g_assert_true (g_utf8_validate (sb_story_get_title (g_ptr_array_index (stories, 0)), -1, NULL));
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_assert_true (g_utf8_validate (keys[k], -1, NULL));
          g_assert_true (g_utf8_validate (values[k], -1, NULL));
        }
    }

  /* A proper pair stays what it is. */
  {
    const char *text = "{\"format\": \"storybank\", \"stories\": [{\"id\": \"e\", \"title\": \"\\ud83c\\udf89\"}]}";
    g_autoptr(GPtrArray) stories = NULL;
    g_autoptr(GError) error = NULL;
    gint64 version;

    g_assert_true (sb_store_parse (text, strlen (text), &stories, NULL, &version, NULL, NULL, &error));
    g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (stories, 0)), ==, "🎉");
  }

  /* Whatever loads saves into a file that loads again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SbLibrary) library = NULL;
    g_autoptr(SbStore) store = NULL;
    g_autofree char *folder = g_path_get_dirname (f->path);

    g_mkdir_with_parents (folder, 0700);
    sb_test_write_file (f->path, "{\"format\": \"storybank\", \"x\\udfff\": [\"\\ud800\"],"
                        " \"stories\": [{\"id\": \"e\", \"title\": \"a\\ud800b\", \"tags\": [\"\\udbff\"]}]}", -1);
    g_assert_true (sb_store_load (f->store, &error));
    g_assert_no_error (error);
    sb_story_set_result (sb_library_find (f->library, "e"), "edited");
    g_assert_true (sb_store_save (f->store, &error));
    store = reopen (f, &library, &error);
    g_assert_no_error (error);
    assert_same_library (f->library, library);
  }
}

/* Found by thinking about the fuzzer: json-glib recurses, so a file of a
 * million "[" would overflow the stack instead of being refused.
 */
static void
test_store_parse_deep (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"storybank\", \"stories\": [], \"deep\": ");
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  g_assert_false (sb_store_parse (text->str, text->len, &stories, NULL, &version, NULL, NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Brackets inside strings are only text. */
  g_string_assign (text, "{\"format\": \"storybank\", \"stories\": [{\"id\": \"a\", \"title\": \"");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\\\"\"}]}");
  g_assert_true (sb_store_parse (text->str, text->len, &stories, NULL, &version, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stories->len, ==, 1);
}

/* A save killed half-way leaves its temporary file: the next load removes
 * it, but not one that a live process is still writing (it holds a lock),
 * nor files that only look alike.
 */
static void
test_store_stale_temps (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  g_autofree char *stale = g_strconcat (f->path, ".0badf00d.tmp", NULL);
  g_autofree char *stale_backup = g_build_filename (backups, "stories-20250101-000000-000000.json.12345678.tmp", NULL);
  g_autofree char *live = g_strconcat (f->path, ".a1b2c3d4.tmp", NULL);
  g_autofree char *other = g_strconcat (f->path, ".notes.tmp", NULL);
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  int fd;

  fill (f, 3, 23);
  g_assert_true (sb_store_save (f->store, &error));
  g_mkdir_with_parents (backups, 0700);
  sb_test_write_file (stale, "{\"format\": \"storybank\", \"stor", -1);
  sb_test_write_file (stale_backup, "half a backup", -1);
  sb_test_write_file (live, "being written", -1);
  sb_test_write_file (other, "not ours", -1);

  /* Another process writing: its lock is on its own open file. */
  fd = open (live, O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  store = reopen (f, &library, &error);
  g_assert_no_error (error);
  assert_same_library (f->library, library);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* Once the writer is gone, the next load removes its file too. */
  close (fd);
  g_clear_object (&store);
  g_clear_object (&library);
  store = reopen (f, &library, &error);
  g_assert_false (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

#define FULL_DISK_ENV "STORYBANK_TEST_FULL_DISK_DIR"

/* Runs in a subprocess, so that the parent unmounts whatever happens. */
static void
test_store_full_disk_child (void)
{
  const char *mount_dir = g_getenv (FULL_DISK_ENV);
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *backups = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *before = NULL;
  g_autoptr(SbLibrary) library = sb_library_new ();
  g_autoptr(SbCatalog) catalog = sb_catalog_new ();
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GError) error = NULL;
  char block[4096];
  gsize before_length = 0;
  guint64 filled = 0;
  int fd;

  g_assert_nonnull (mount_dir);

  path = g_build_filename (mount_dir, "storybank", "stories.json", NULL);
  folder = g_path_get_dirname (path);
  backups = g_build_filename (folder, "backups", NULL);
  filler = g_build_filename (mount_dir, "filler", NULL);
  store = sb_store_new (path, library, catalog);

  {
    g_autoptr(GPtrArray) stories = sb_test_make_stories (20, 21);
    sb_library_splice (library, stories);
  }
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  /* Fill the disk, then leave 64 KB. */
  memset (block, 'x', sizeof block);
  fd = open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      gssize written = write (fd, block, sizeof block);

      if (written < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
      filled += written;
    }
  g_assert_cmpint (ftruncate (fd, filled - 64 * 1024), ==, 0);
  close (fd);

  /* 400 more stories, about 500 KB: more than is free. */
  more = sb_test_make_stories (400, 22);
  for (guint i = 0; i < more->len; i++)
    sb_library_add (library, g_ptr_array_index (more, i));

  g_assert_false (sb_store_save (store, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_IO);
  g_test_message ("full disk: %s", error->message);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);
  g_assert_nonnull (sb_store_get_error (store));
  g_assert_true (sb_store_get_dirty (store));

  /* The old file, byte for byte; no temporary file left. */
  {
    g_autofree char *after = NULL;
    gsize after_length = 0;

    g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
    g_assert_cmpmem (before, before_length, after, after_length);
  }
  g_assert_cmpuint (count_files (folder, "stories.json."), ==, 0);
  g_assert_cmpuint (count_files (backups, "stories-"), ==, 0);

  /* Space freed: the next save writes everything. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (sb_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_get_error (store));

  {
    g_autoptr(SbLibrary) reread = sb_library_new ();
    g_autoptr(SbCatalog) catalog2 = sb_catalog_new ();
    g_autoptr(SbStore) store2 = sb_store_new (path, reread, catalog2);

    g_assert_true (sb_store_load (store2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 420);
    assert_same_library (library, reread);
  }
}

/* A real full disk: a 1 MB tmpfs (needs root; skipped otherwise). */
static void
test_store_full_disk (void)
{
  g_autofree char *dir = NULL;
  int saved_errno;

  if (g_test_subprocess ())
    {
      test_store_full_disk_child ();
      return;
    }

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small tmpfs needs root");
      return;
    }

  dir = sb_test_make_tmpdir ();
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700") != 0)
    {
      g_autofree char *reason = NULL;

      saved_errno = errno;
      reason = g_strdup_printf ("could not mount a tmpfs: %s", g_strerror (saved_errno));
      g_rmdir (dir);
      g_test_skip (reason);
      return;
    }

  g_setenv (FULL_DISK_ENV, dir, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv (FULL_DISK_ENV);

  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  g_rmdir (dir);
  g_test_trap_assert_passed ();
}

/* A file from a newer version: restoring a backup keeps it aside, never
 * deletes it, and makes the store writable again.
 */
static void
test_store_restore_backup (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr(GPtrArray) backups = NULL;
  const char *future = "{\"format\": \"storybank\", \"version\": 9, \"stories\": []}";

  fill (f, 4, 21);
  g_assert_true (sb_store_save (f->store, &error));
  g_clear_object (&f->store);
  g_clear_object (&f->library);
  f->library = sb_library_new ();
  f->store = sb_store_new (f->path, f->library, f->catalog);
  g_assert_true (sb_store_load (f->store, &error));
  sb_library_add (f->library, sb_story_new ());
  g_assert_true (sb_store_save (f->store, &error));

  sb_test_write_file (f->path, future, -1);
  g_assert_false (sb_store_load (f->store, &error));
  g_clear_error (&error);
  g_assert_true (sb_store_get_read_only (f->store));

  backups = sb_store_list_backups (f->store);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (sb_store_count_backup (g_ptr_array_index (backups, 0)), ==, 4);
  g_assert_cmpint (sb_store_count_backup ("/nonexistent"), ==, -1);

  g_assert_true (sb_store_restore_backup (f->store, g_ptr_array_index (backups, 0), &error));
  g_assert_no_error (error);
  g_assert_false (sb_store_get_read_only (f->store));
  g_assert_null (sb_store_get_error (f->store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 4);
  g_assert_cmpuint (count_files (folder, "stories.json.replaced-"), ==, 1);

  /* A backup that cannot be read changes nothing. */
  sb_test_write_file (g_ptr_array_index (backups, 0), "garbage", -1);
  g_assert_false (sb_store_restore_backup (f->store, g_ptr_array_index (backups, 0), &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 4);
}

/* Another program (a sync tool, a second computer) changed the file after
 * we read it: our next save merges its changes in instead of writing over
 * them, before the file watcher has even noticed.
 */
static void
test_store_save_keeps_outside_change (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) other_library = NULL;
  g_autoptr(SbStore) other = NULL;
  g_autoptr(SbStory) theirs = sb_story_new ();
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *theirs_id = g_strdup (sb_story_get_id (theirs));
  SbStory *ours;

  fill (f, 3, 31);
  g_assert_true (sb_store_save (f->store, &error));
  ours = g_list_model_get_item (G_LIST_MODEL (f->library), 0);
  g_object_unref (ours);

  /* The other writer adds a story. */
  other = reopen (f, &other_library, &error);
  g_assert_no_error (error);
  sb_story_set_title (theirs, "Written on the other computer");
  sb_library_add (other_library, theirs);
  g_assert_true (sb_store_save (other, &error));

  /* We edit and save before noticing: both must survive. */
  sb_story_set_title (ours, "Edited here");
  g_assert_true (sb_store_flush (f->store, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sb_library_find (f->library, theirs_id));

  store = reopen (f, &library, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sb_library_find (library, theirs_id));
  g_assert_cmpstr (sb_story_get_title (sb_library_find (library, sb_story_get_id (ours))), ==, "Edited here");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 4);

  /* The same through an autosave. */
  g_clear_object (&store);
  g_clear_object (&library);
  g_clear_object (&other);
  g_clear_object (&other_library);
  other = reopen (f, &other_library, &error);
  sb_story_set_title (sb_library_find (other_library, theirs_id), "Edited there");
  g_assert_true (sb_store_save (other, &error));
  sb_story_set_situation (ours, "Autosaved here");
  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

    sb_store_save_async (f->store, NULL, NULL, NULL);
    while (sb_store_get_dirty (f->store))
      g_main_context_iteration (NULL, TRUE);
  }
  store = reopen (f, &library, &error);
  g_assert_cmpstr (sb_story_get_title (sb_library_find (library, theirs_id)), ==, "Edited there");
  g_assert_cmpstr (sb_story_get_situation (sb_library_find (library, sb_story_get_id (ours))), ==, "Autosaved here");
}

/* Damaged parts of a file lose nothing else: a second story with a taken
 * id is kept as a copy, and a broken principle entry does not drop the
 * ones after it.
 */
static void
test_store_keeps_duplicates_and_later_principles (Fixture       *f,
                                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autofree char *saved = NULL;

  g_mkdir_with_parents (folder, 0700);
  sb_test_write_file (f->path,
                      "{\"format\": \"storybank\", \"version\": 1,"
                      " \"principles\": [42, {\"id\": \"later\", \"name\": \"Later Principle\"}],"
                      " \"stories\": [{\"id\": \"a\", \"title\": \"First\"},"
                      " {\"id\": \"a\", \"title\": \"Second, same id\"}]}", -1);

  sb_store_load (f->store, &error);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 2);
  g_assert_nonnull (sb_catalog_lookup (f->catalog, "later"));

  sb_story_set_result (sb_library_find (f->library, "a"), "edited");
  g_assert_true (sb_store_save (f->store, &error));
  saved = sb_test_read_file (f->path);
  g_assert_nonnull (strstr (saved, "Second, same id"));
  g_assert_nonnull (strstr (saved, "Later Principle"));
}

/* A file large enough for its parse tree to be freed on a thread of its
 * own: the stories and the user's principles handed back (a copy) are
 * whole, and stay so once the tree is gone.
 */
static void
test_store_parse_large (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"storybank\", \"version\": 1, "
                                          "\"principles\": [{\"id\": \"my-own\", \"name\": \"My Own\", "
                                          "\"tips\": [\"Say what you did\"], \"weight\": 1e999}], \"stories\": [");
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(JsonArray) principles = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;
  JsonObject *mine;

  for (guint i = 0; json->len < 2 * 1024 * 1024; i++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"title\": \"Story %u\", \"situation\": \"%0200u\"}",
                            i > 0 ? ", " : "", i, i, i);
  g_string_append (json, "]}");

  g_assert_true (sb_store_parse (json->str, json->len, &stories, &principles, &version, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stories->len, >, 5000);
  g_assert_cmpstr (sb_story_get_title (g_ptr_array_index (stories, 5000)), ==, "Story 5000");

  /* Time for the other thread to let go of the tree. */
  g_usleep (G_USEC_PER_SEC / 5);
  g_assert_cmpuint (json_array_get_length (principles), ==, 1);
  mine = json_array_get_object_element (principles, 0);
  g_assert_cmpstr (json_object_get_string_member (mine, "name"), ==, "My Own");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (mine, "tips"), 0), ==,
                   "Say what you did");
  /* A number too large for a double, which json-glib alone would write as
   * "inf.0", no JSON, survives the copy.
   */
  g_assert_true (json_object_has_member (mine, "weight"));
}

static gboolean
note_idle_ran (gpointer user_data)
{
  gboolean *ran = user_data;

  *ran = TRUE;
  return G_SOURCE_REMOVE;
}

/* The synchronous calls wait for a save being written without running the
 * main loop: a callback waiting there (a window's idle, a timer) never runs
 * inside them. What they joined still finishes once the loop runs.
 */
static void
test_store_waits_without_main_loop (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbLibrary) other_library = NULL;
  g_autoptr(SbStore) other = NULL;
  g_autoptr(SbLibrary) library = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gboolean ran = FALSE;
  g_autofree char *theirs_id = NULL;
  SbStory *story;
  SbStory *theirs;

  fill (f, 120, 22);
  g_assert_true (sb_store_save (f->store, &error));
  story = g_list_model_get_item (G_LIST_MODEL (f->library), 7);
  g_object_unref (story);

  /* Another writer saves once, which backs the file up. */
  other = reopen (f, &other_library, &error);
  g_assert_no_error (error);
  theirs = g_list_model_get_item (G_LIST_MODEL (f->library), 3);
  theirs_id = g_strdup (sb_story_get_id (theirs));
  g_object_unref (theirs);
  sb_story_set_result (sb_library_find (other_library, theirs_id), "Cut p95 latency from 900ms to 120ms");
  g_assert_true (sb_store_save (other, &error));

  g_idle_add (note_idle_ran, &ran);

  /* Flush: its file changed on disk meanwhile, so the write it joins
   * merges theirs in first.
   */
  sb_story_set_title (story, "Réécrit le plan de migration");
  sb_store_save_async (f->store, NULL, NULL, NULL);
  g_assert_true (sb_store_flush (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (ran);
  g_assert_false (sb_store_get_dirty (f->store));
  g_assert_cmpstr (sb_story_get_result (sb_library_find (f->library, theirs_id)), ==,
                   "Cut p95 latency from 900ms to 120ms");

  /* Save. */
  sb_story_set_task (story, "get teh team onto one schedule");
  sb_store_save_async (f->store, NULL, NULL, NULL);
  sb_story_set_task (story, "get the team onto one schedule");
  g_assert_true (sb_store_save (f->store, &error));
  g_assert_false (ran);
  g_assert_false (sb_store_get_dirty (f->store));

  /* Merge from disk. */
  sb_story_set_situation (story, "two offices, one release train");
  sb_store_save_async (f->store, NULL, NULL, NULL);
  g_assert_true (sb_store_merge_from_disk (f->store, NULL, &error));
  g_assert_false (ran);

  /* Merge conflict copies (there are none). */
  sb_story_set_situation (story, "two offices, one release train, no owner");
  sb_store_save_async (f->store, NULL, NULL, NULL);
  g_assert_true (sb_store_merge_conflict_copies (f->store, NULL, NULL, &error));
  g_assert_false (ran);

  /* Restore a backup. */
  backups = sb_store_list_backups (f->store);
  g_assert_cmpuint (backups->len, >, 0);
  sb_story_set_notes (story, "about to be replaced");
  sb_store_save_async (f->store, NULL, NULL, NULL);
  g_assert_true (sb_store_restore_backup (f->store, g_ptr_array_index (backups, 0), &error));
  g_assert_no_error (error);
  g_assert_false (ran);

  /* The loop runs what waited: the idle, and the joined saves' ends. */
  while (!ran)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (sb_store_get_error (f->store));

  store = reopen (f, &library, &error);
  g_assert_no_error (error);
  assert_same_library (f->library, library);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/missing-file", test_store_missing_file);
  g_test_add_func ("/store/parse-large", test_store_parse_large);
  ADD ("/store/round-trip", test_store_round_trip);
  ADD ("/store/format", test_store_format);
  ADD ("/store/unknown-keys", test_store_unknown_keys);
  ADD ("/store/unknown-huge-number", test_store_unknown_huge_number);
  ADD ("/store/modes", test_store_modes);
  ADD ("/store/bad-input", test_store_bad_input);
  ADD ("/store/newer-version", test_store_newer_version);
  ADD ("/store/unwritable-folder", test_store_unwritable_folder);
  ADD ("/store/backups", test_store_backups);
  ADD ("/store/autosave", test_store_autosave);
  ADD ("/store/faults", test_store_faults);
  ADD ("/store/restore-backup", test_store_restore_backup);
  ADD ("/store/save-keeps-outside-change", test_store_save_keeps_outside_change);
  ADD ("/store/keeps-duplicates-and-later-principles", test_store_keeps_duplicates_and_later_principles);
  ADD ("/store/faults-first-file", test_store_faults_first_file);
  ADD ("/store/parse-escapes", test_store_parse_escapes);
  ADD ("/store/parse-deep", test_store_parse_deep);
  ADD ("/store/stale-temps", test_store_stale_temps);
  ADD ("/store/waits-without-main-loop", test_store_waits_without_main_loop);
  g_test_add_func ("/store/full-disk", test_store_full_disk);
#undef ADD

  return g_test_run ();
}
